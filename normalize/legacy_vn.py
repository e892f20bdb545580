"""Legacy Vietnamese encodings → Unicode: TCVN3 (ABC), VNI and VISCII.

Before Unicode (TCVN 6909:2001) Vietnamese offices typed in 8-bit fonts. A PDF or DOCX made from
such a file carries the font's *byte* codes as if they were Windows-1252 / Latin-1 characters, so
its text layer reads "KÕ ho¹ch" (TCVN3), "Keá hoaïch" (VNI) or "K\x90 ho\xd5ch" (VISCII) instead of
"Kế hoạch". The tables in `normalize/data/legacy_vn/*.csv` map those codes back:

- `tcvn3.csv` (byte, unicode): TCVN 5712:1993 VN3, the "ABC" fonts (.VnTime, .VnArial, …). The
  upper-case toned letters are not in the charset: ".VnTimeH"-style fonts ("H" = hoa, capital)
  draw the lower-case codes as capitals; pass `uppercase=True` for a run in such a font.
- `vni.csv` (unicode, vni): VNI Windows fonts (VNI-Times, VNI-Helve, …): a base letter followed by
  one mark character ("aù" = á, "oâ" = ô, "ô" = ơ, "ö" = ư, "ñ" = đ).
- `viscii.csv` (byte, unicode): VISCII (RFC 1456), 134 precomposed letters, six in C0 positions.

Pure functions; the Vietnamese-ness score comes from `extract.text_quality` (imported lazily).
"""
from __future__ import annotations

import csv
import unicodedata
from functools import lru_cache
from importlib import resources

import regex

ENCODINGS = ("tcvn3", "vni", "viscii")

# Font names as they appear in PDFs ("ABCDEF+.VnTimeH", "VNI-Times-Bold") and DOCX runs.
_TCVN3_FONT = regex.compile(r"(?:^|\+)\.?vn(?:time|arial|helv|courier|avant|book|univers|centur|bodo|commercial"
                            r"|linus|souvenir|clarendon|black|present|cooper|shelley|swiss|tifani|aristote|free|lucida)",
                            regex.I)
_VNI_FONT = regex.compile(r"(?:^|\+)vni[-_ ]", regex.I)
_VISCII_FONT = regex.compile(r"viscii|(?:^|\+)vi-?(?:times|arial|courier)", regex.I)


def _read_csv(name: str) -> list[tuple[str, str]]:
    text = resources.files("normalize").joinpath(f"data/legacy_vn/{name}.csv").read_text("utf-8")
    rows = list(csv.reader(text.splitlines()))
    return [(a, b) for a, b in rows[1:]]


def _byte_chars(b: int) -> set[str]:
    """The characters a text layer shows for byte `b`: its Latin-1 and its Windows-1252 reading."""
    chars = {chr(b)}
    try:
        chars.add(bytes([b]).decode("cp1252"))
    except UnicodeDecodeError:
        pass
    return chars


@lru_cache(maxsize=None)
def _byte_table(name: str) -> dict[int, str]:
    return {int(b, 16): u for b, u in _read_csv(name)}


@lru_cache(maxsize=None)
def _decode_map(name: str) -> dict[str, str]:
    """Text-layer character → Unicode letter for a single-byte encoding."""
    out: dict[str, str] = {}
    for b, u in _byte_table(name).items():
        for ch in _byte_chars(b):
            out[ch] = u
    return out


@lru_cache(maxsize=None)
def _vni_maps() -> tuple[dict[str, str], dict[str, str]]:
    """(VNI sequence → Unicode letter, Unicode letter → VNI sequence)."""
    to_uni: dict[str, str] = {}
    from_uni: dict[str, str] = {}
    for uni, seq in _read_csv("vni"):
        to_uni[seq] = uni
        from_uni[uni] = seq
    return to_uni, from_uni


_VNI_SEQ = None


def _vni_pattern():
    global _VNI_SEQ
    if _VNI_SEQ is None:
        seqs = sorted(_vni_maps()[0], key=len, reverse=True)
        _VNI_SEQ = regex.compile("|".join(regex.escape(s) for s in seqs))
    return _VNI_SEQ


# ------------------------------------------------------------------ conversion

def to_unicode(text: str, encoding: str, *, uppercase: bool = False) -> str:
    """Convert a run of legacy-encoded text (as a text layer shows it) to NFC Unicode.

    `encoding` is "tcvn3", "vni" or "viscii". `uppercase=True` is for a TCVN3 run set in an
    upper-case font (".VnTimeH", ".VnArialH"), whose lower-case codes print as capitals.
    Characters outside the table pass through unchanged.
    """
    if encoding == "tcvn3":
        table = _decode_map("tcvn3")
        out = "".join(table.get(ch, ch) for ch in text)
        if "\u00ad" not in text:  # no "ư" survived: perhaps every one was dropped
            out = _restore_soft_hyphen_u(out)
        out = out.upper() if uppercase else out
    elif encoding == "viscii":
        table = _decode_map("viscii")
        out = "".join(table.get(ch, ch) for ch in text)
    elif encoding == "vni":
        to_uni = _vni_maps()[0]
        out = _vni_pattern().sub(lambda m: to_uni[m.group(0)], text)
    else:
        raise ValueError(f"unknown legacy encoding {encoding!r}; expected one of {ENCODINGS}")
    return unicodedata.normalize("NFC", out)


def from_unicode(text: str, encoding: str) -> str:
    """Unicode → the legacy text a font in that encoding would carry (for tests and samples).

    TCVN3 has no upper-case toned letters: they are written as their lower-case codes (the
    convention of ".VnTimeH" fonts); use `encode_runs` to keep the case recoverable.
    Characters without a code pass through unchanged.
    """
    text = unicodedata.normalize("NFC", text)
    if encoding == "vni":
        from_uni = _vni_maps()[1]
        return "".join(from_uni.get(ch, ch) for ch in text)
    if encoding not in ("tcvn3", "viscii"):
        raise ValueError(f"unknown legacy encoding {encoding!r}")
    rev = {u: chr(b) for b, u in _byte_table(encoding).items()}
    taken = set(_decode_map(encoding))
    out = []
    for ch in text:
        if ch in rev:
            out.append(rev[ch])
        elif ch in taken:  # a byte of this code page is a letter here ("“" is 0x93, Ộ in VISCII)
            out.append(_ASCII_FALLBACK.get(ch, "?"))
        elif encoding == "tcvn3" and ch.lower() in rev:
            out.append(rev[ch.lower()])
        else:
            out.append(ch)
    return "".join(out)


_ASCII_FALLBACK = {"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "•": "-", "…": "...",
                   "©": "(c)", "®": "(R)", "°": "o", "«": '"', "»": '"', "\u00a0": " "}


def representable(text: str, encoding: str) -> str:
    """`text` with the characters the code page cannot carry replaced as `from_unicode` does
    ("“" → '"' in VISCII, where its Windows-1252 byte is a letter): what a round trip gives."""
    if encoding == "vni":
        return unicodedata.normalize("NFC", text)
    letters = set(_byte_table(encoding).values())
    if encoding == "tcvn3":  # capitals are written in the "H" font with the small letter's code
        letters |= {u.upper() for u in letters}
    taken = set(_decode_map(encoding))
    return "".join(_ASCII_FALLBACK.get(ch, "?") if ch in taken and ch not in letters else ch
                   for ch in unicodedata.normalize("NFC", text))


def encode_runs(text: str, encoding: str) -> list[tuple[str, bool]]:
    """Split `text` into (legacy text, upper-case font?) runs; only TCVN3 ever needs the flag:
    a run of words holding an upper-case toned letter goes into the "H" font."""
    if encoding != "tcvn3":
        return [(from_unicode(text, encoding), False)]
    rev = {u for u in _byte_table("tcvn3").values()}
    runs: list[tuple[str, bool]] = []
    for ch in unicodedata.normalize("NFC", text):
        upper = ch.isupper() and ch not in rev and ch.lower() in rev
        enc = from_unicode(representable(ch.lower() if upper else ch, "tcvn3"), "tcvn3")
        if runs and runs[-1][1] == upper:
            runs[-1] = (runs[-1][0] + enc, upper)
        else:
            runs.append((enc, upper))
    return runs


_U_HORN_LOST = regex.compile(r"(?<=[bcdđghklmnpqrstvx])([ơờởỡớợ])(?=(?:ng|c|n|i|m|p|t|u)\b)", regex.I)


def _restore_soft_hyphen_u(text: str) -> str:
    """TCVN3 codes "ư" as 0xAD, the soft hyphen, which many converters drop: "Mêng" → "Mờng".
    Put "ư" back before an "ơ" whose syllable is not Vietnamese without it ("ơng", "ơc") or is
    much rarer than with it; an intact "ươ" never matches (the look-behind wants a consonant)."""
    from extract.text_quality import is_syllable, syllable_count

    def fix(m: regex.Match) -> str:
        word_m = regex.match(r"\p{L}*", text[m.end():])
        start = m.start()
        while start > 0 and text[start - 1].isalpha():
            start -= 1
        word = text[start:m.end()] + (word_m.group(0) if word_m else "")
        cand = text[start:m.start()] + ("Ư" if m.group(1).isupper() else "ư") + m.group(1) + (word_m.group(0) if word_m else "")
        if not is_syllable(word) and is_syllable(cand):
            return ("Ư" if m.group(1).isupper() else "ư") + m.group(1)
        if syllable_count(cand) >= 20 * max(1, syllable_count(word)):
            return ("Ư" if m.group(1).isupper() else "ư") + m.group(1)
        return m.group(1)

    return _U_HORN_LOST.sub(fix, text)


# ------------------------------------------------------------------ detection

def encoding_from_fonts(font_names) -> str | None:
    """The legacy encoding the fonts name, by majority; None for Unicode fonts."""
    votes = {"tcvn3": 0, "vni": 0, "viscii": 0}
    for name in font_names or ():
        if not name:
            continue
        if _TCVN3_FONT.search(name):
            votes["tcvn3"] += 1
        elif _VNI_FONT.search(name):
            votes["vni"] += 1
        elif _VISCII_FONT.search(name):
            votes["viscii"] += 1
    best = max(votes, key=votes.get)
    return best if votes[best] else None


def is_uppercase_font(name: str) -> bool:
    """".VnTimeH", ".VnArialH", "ABCDEF+.VnTimeH-Bold": TCVN3 capitals fonts."""
    base = name.split("+", 1)[-1].split(",")[0]
    base = regex.sub(r"[-,](?:bold|italic|oblique|bolditalic|boldoblique)$", "", base, flags=regex.I)
    return bool(_TCVN3_FONT.search(name)) and base.endswith("H")


def content_scores(text: str) -> dict[str, float]:
    """Vietnamese score of the text as it is and after each legacy conversion."""
    from extract.text_quality import vietnamese_score

    scores = {"unicode": vietnamese_score(text)}
    for enc in ENCODINGS:
        scores[enc] = vietnamese_score(to_unicode(text, enc))
    return scores


def detect_legacy_encoding(text: str, font_names=()) -> str | None:
    """"tcvn3" | "vni" | "viscii" | None for a run or page of text-layer text.

    The fonts decide when they name a legacy font (".VnTime", "VNI-Times", …); otherwise the
    content decides: the conversion must read clearly more Vietnamese than the text as it is
    (score gain ≥ 0.25 and converted score ≥ 0.6). Unicode text returns None.
    """
    by_font = encoding_from_fonts(font_names)
    if by_font:
        return by_font
    if not _has_legacy_marks(text):
        return None
    scores = content_scores(text)
    best = max(ENCODINGS, key=lambda e: scores[e])
    if scores[best] >= 0.6 and scores[best] - scores["unicode"] >= 0.25:
        return best
    return None


# Characters a Unicode Vietnamese text never holds but legacy text layers are full of.
_LEGACY_MARK = regex.compile(r"[\x02\x05\x06\x14\x19\x1e\x80-\xbf\xc0-\xff\u0152\u0153\u0160\u0161\u0178"
                             r"\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026"
                             r"\u2030\u2039\u203a\u20ac\u2122]")


def _has_legacy_marks(text: str) -> bool:
    return bool(_LEGACY_MARK.search(text))


def decode_legacy_bytes(data: bytes) -> tuple[str, str] | None:
    """A plain-text file in TCVN3, VNI or VISCII → (Unicode text, encoding), or None.

    For the text reader to try when its own decoding does not read as Vietnamese. UTF-8 files
    that read well return None; so does a file no legacy reading improves.
    """
    from extract.text_quality import vietnamese_score

    try:
        as_utf8 = data.decode("utf-8")
        if vietnamese_score(as_utf8) >= 0.8:
            return None
    except UnicodeDecodeError:
        pass
    latin = data.decode("latin-1")
    baseline = vietnamese_score(data.decode("cp1258", errors="replace"))
    best: tuple[float, str, str] | None = None
    for enc in ENCODINGS:
        if enc == "vni":
            text = to_unicode(data.decode("cp1252", errors="replace"), "vni")
        else:
            text = to_unicode(latin, enc)
        score = vietnamese_score(text)
        if best is None or score > best[0]:
            best = (score, text, enc)
    if best and best[0] >= 0.6 and best[0] - baseline >= 0.2:
        return best[1], best[2]
    return None
