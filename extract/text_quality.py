"""Does this text read as Vietnamese? A syllable model for text layers, legacy fonts and OCR.

Vietnamese is written one syllable per word: (onset) + rhyme + tone. A syllable is *valid* when
its tone-less lower-case form splits into one of the onsets and rhymes below, the spelling rules
hold (k/gh/ngh before i, e, ê; c/g/ng elsewhere; qu never before a medial u/o) and a rhyme closed
by p, t, c, ch carries the sắc or nặng tone. Garbage text layers fail this quickly: "KÕ ho¹ch"
(TCVN3 read as Latin-1) has one valid token out of two, "Keá hoaïch" (VNI) none.

`normalize/data/vn_syllables.txt` is the inventory generated from this structure (every valid
tone-less syllable × every allowed tone), each with its count in the project's Vietnamese text
(the seeds in samples/, shared/domain.md, normalize/data/*.yaml) and the word pairs (bigrams)
seen there. Rebuild it with `python -m extract.text_quality --build FILE…`. The counts let
post-OCR repair (extract.ocr) prefer the attested spelling of a syllable and of a word pair.
"""
from __future__ import annotations

import sys
import unicodedata
from collections import Counter
from functools import lru_cache
from importlib import resources
from pathlib import Path

import regex

TONES = {"\u0301": "sac", "\u0300": "huyen", "\u0309": "hoi", "\u0303": "nga", "\u0323": "nang"}
ONSETS = ("ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
          "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "")
RHYMES = frozenset("""
a ac ach ai am an ang anh ao ap at au ay
ăc ăm ăn ăng ăp ăt
âc âm ân âng âp ât âu ây
e ec em en eng eo ep et
ê êch êm ên ênh êp êt êu
i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu
o oc oi om on ong op ot oong ooc
ô ôc ôi ôm ôn ông ôp ôt
ơ ơi ơm ơn ơp ơt
u ua uc ui um un ung up ut uôc uôi uôm uôn uông uôt
ư ưa ưc ưi ưm ưn ưng ưt ưu ươc ươi ươm ươn ương ươp ươt ươu
y yêm yên yêt yêu ynh yt ych yu
oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt oe oen oeo oet
uân uâng uât uây uê uêch uênh uy uya uych uyên uyêt uynh uyt uyu uơ
""".split())
_STOPS = ("c", "ch", "p", "t")
_FRONT = ("i", "e", "ê", "y")

# A token: letters with inner apostrophes; what is around it is punctuation.
_TOKEN_EDGE = regex.compile(r"^[\p{P}\p{S}]+|[\p{P}\p{S}]+$")
_LETTERS = regex.compile(r"^\p{L}+$")
_VN_MARKED = regex.compile(r"[ăâđêôơưĂÂĐÊÔƠƯ\u0300\u0301\u0303\u0309\u0323]")


def split_tone(token: str) -> tuple[str, str]:
    """(lower-case tone-less base in NFC, tone name or "")."""
    nfd = unicodedata.normalize("NFD", token.lower())
    tones = [TONES[c] for c in nfd if c in TONES]
    base = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in TONES))
    if len(tones) > 1:
        return base, "?"
    return base, tones[0] if tones else ""


@lru_cache(maxsize=1 << 16)
def _base_ok(base: str, tone: str) -> bool:
    if tone == "?":
        return False
    for onset in ONSETS:
        if not base.startswith(onset):
            continue
        rhyme = base[len(onset):]
        if onset == "gi" and rhyme == "":
            rhyme = "i"  # "gì"
        if rhyme not in RHYMES:
            continue
        if onset in ("k", "gh", "ngh") and not rhyme.startswith(_FRONT):
            continue
        if onset in ("c", "ng") and rhyme.startswith(("i", "e", "ê")):
            continue
        if onset == "g" and rhyme.startswith(("e", "ê")):
            continue
        if onset == "qu" and rhyme.startswith(("u", "o")):
            continue
        if onset == "gi" and rhyme.startswith("i") and rhyme not in ("i", "in", "inh", "ich", "it", "iu", "im", "ip"):
            continue
        if rhyme.endswith(_STOPS) and tone not in ("sac", "nang"):
            continue
        return True
    return False


@lru_cache(maxsize=1 << 16)  # a page repeats its words; every PDF page is scored
def is_syllable(token: str) -> bool:
    """True for a well-formed Vietnamese syllable ("chuyển", "Quý", "giữa"); case-blind."""
    if not token or not _LETTERS.match(token):
        return False
    base, tone = split_tone(token)
    return _base_ok(base, tone)


# ------------------------------------------------------------------ inventory and counts

@lru_cache(maxsize=1)
def _inventory() -> tuple[dict[str, int], dict[tuple[str, str], int]]:
    """(syllable → count, (syllable, syllable) → count) from vn_syllables.txt (lower case)."""
    text = resources.files("normalize").joinpath("data/vn_syllables.txt").read_text("utf-8")
    sylls: dict[str, int] = {}
    pairs: dict[tuple[str, str], int] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        key, _, count = line.rpartition("\t")
        if " " in key:
            a, b = key.split(" ", 1)
            pairs[(a, b)] = int(count)
        else:
            sylls[key] = int(count)
    return sylls, pairs


def syllable_inventory() -> dict[str, int]:
    return _inventory()[0]


def syllable_count(token: str) -> int:
    """How often the syllable (lower-cased, NFC) occurs in the project's Vietnamese text."""
    return _inventory()[0].get(unicodedata.normalize("NFC", token.lower()), 0)


def bigram_count(a: str, b: str) -> int:
    return _inventory()[1].get((unicodedata.normalize("NFC", a.lower()), unicodedata.normalize("NFC", b.lower())), 0)


# ------------------------------------------------------------------ scoring

def _token_verdicts(text: str):
    """Yield (verdict, marked) per token: verdict True (syllable), False (not), None (neutral:
    numbers, codes, acronyms such as "NQ/TW", "TCHC")."""
    for raw in text.split():
        yield from _raw_token_verdicts(raw)


@lru_cache(maxsize=1 << 16)
def _raw_token_verdicts(raw: str) -> tuple[tuple[bool | None, bool], ...]:
    return tuple(_verdicts_of(raw))


def _verdicts_of(raw: str):
    tok = _TOKEN_EDGE.sub("", raw)
    if not tok:
        if regex.search(r"[^\p{P}\p{S}\p{N}]", raw):
            yield False, False
        return
    if regex.search(r"\p{N}", tok):
        yield None, False
        return
    for part in regex.split(r"[-/]", tok):
        if not part:
            continue
        if not _LETTERS.match(part):
            yield False, False
        elif is_syllable(part):
            yield True, bool(_VN_MARKED.search(unicodedata.normalize("NFD", part)) or _VN_MARKED.search(part))
        elif part.isascii() and part.isupper() and len(part) >= 2:
            yield None, False  # an acronym
        else:
            yield False, False


def vietnamese_score(text: str) -> float:
    """Share of word tokens that are valid Vietnamese syllables, in [0, 1].

    Numbers, codes and upper-case acronyms are neutral. A long text (≥ 30 counted tokens) in
    which fewer than a quarter of the syllables carry a Vietnamese mark is scaled down: it is
    Vietnamese stripped of its diacritics (a broken ToUnicode map) or another language.
    Unicode plan documents score 0.9–1.0; TCVN3/VNI read as Latin-1 score 0.2–0.6.
    """
    valid = invalid = marked = 0
    for verdict, has_mark in _token_verdicts(text):
        if verdict is True:
            valid += 1
            marked += has_mark
        elif verdict is False:
            invalid += 1
    counted = valid + invalid
    if not counted:
        return 0.0
    score = valid / counted
    if counted >= 30:
        score *= min(1.0, (marked / max(1, valid)) / 0.25)
    return round(score, 4)


MIN_CHARS = 20
GOOD_SCORE = 0.8


def classify_page_text(text: str, font_names=()) -> tuple[str, float]:
    """("text_layer" | "legacy" | "garbled" | "empty", confidence) for one page's text layer.

    - empty: fewer than 20 non-space characters (a scan, or a blank page): OCR it.
    - legacy: the fonts or the content say TCVN3/VNI/VISCII and the conversion reads as
      Vietnamese; confidence = the converted text's score. Convert with normalize.legacy_vn.
    - text_layer: the text reads as Vietnamese (score ≥ 0.8); confidence = the score.
    - garbled: anything else (junk OCR layer, broken ToUnicode map); confidence = 1 − score. OCR it.
    """
    from normalize.legacy_vn import detect_legacy_encoding, to_unicode

    if len(regex.sub(r"\s+", "", text or "")) < MIN_CHARS:
        return "empty", 1.0
    enc = detect_legacy_encoding(text, font_names)
    if enc:
        converted = vietnamese_score(to_unicode(text, enc))
        if converted >= 0.6:
            return "legacy", converted
    score = vietnamese_score(text)
    if score >= GOOD_SCORE:
        return "text_layer", score
    return "garbled", round(1.0 - score, 4)


# ------------------------------------------------------------------ building the data file

_TONE_MARKS = {"": "", "sac": "\u0301", "huyen": "\u0300", "hoi": "\u0309", "nga": "\u0303", "nang": "\u0323"}
_VOWELS = "aăâeêioôơuưy"


def _place_tone(base: str, tone: str) -> str:
    """Write `tone` on the vowel the modern rule chooses (shape-marked vowel first, "ươ" → ơ,
    a closed rhyme's last vowel, else the first of two; "oa/oe/uy" on the first vowel, as
    normalize.text.fold does)."""
    if not tone:
        return base
    start = 0
    if base.startswith("qu") or (base.startswith("gi") and len(base) > 2 and base[2] in _VOWELS):
        start = 2
    idx = [i for i in range(start, len(base)) if base[i] in _VOWELS]
    if not idx:
        idx = [i for i, c in enumerate(base) if c in _VOWELS]
    if not idx:
        return base
    shaped = [i for i in idx if base[i] in "ăâêôơư"]
    if shaped:
        pos = shaped[-1] if base[shaped[0]:shaped[0] + 2] == "ươ" else shaped[0]
    elif len(idx) == 1:
        pos = idx[0]
    elif idx[-1] < len(base) - 1:
        pos = idx[-1] if len(idx) == 2 or base[idx[0]] in "ou" else idx[1]
    else:
        pos = idx[0] if len(idx) == 2 else idx[1]
    return unicodedata.normalize("NFC", base[:pos + 1] + _TONE_MARKS[tone] + base[pos + 1:])


def generate_syllables() -> set[str]:
    """Every valid syllable (lower case, NFC, modern tone placement)."""
    out = set()
    for onset in ONSETS:
        for rhyme in RHYMES:
            for tone in _TONE_MARKS:
                base = onset + rhyme
                if onset == "gi" and rhyme.startswith("i"):
                    base = "g" + rhyme
                if _base_ok(base, tone):
                    out.add(_place_tone(base, tone))
    return out


def build_syllable_file(sources: list[Path], out: Path) -> None:
    words: Counter = Counter()
    pairs: Counter = Counter()
    for path in sources:
        text = unicodedata.normalize("NFC", path.read_text("utf-8", errors="replace"))
        for line in text.splitlines():
            toks = [_TOKEN_EDGE.sub("", t).lower() for t in line.split()]
            prev = None
            for t in toks:
                if t and is_syllable(t):
                    words[t] += 1
                    if prev:
                        pairs[(prev, t)] += 1
                    prev = t
                else:
                    prev = None
    inventory = generate_syllables() | set(words)
    with out.open("w", encoding="utf-8") as f:
        f.write("# Vietnamese syllables (lower case, NFC) and their count in the project's text; then word\n")
        f.write("# pairs \"a b\" seen at least twice. Generated by `python -m extract.text_quality --build`\n")
        f.write("# from onset + rhyme + tone (extract/text_quality.py) and: "
                + ", ".join(p.name for p in sources) + "\n")
        for s in sorted(inventory):
            f.write(f"{s}\t{words.get(s, 0)}\n")
        for (a, b), n in sorted(pairs.items()):
            if n >= 2:
                f.write(f"{a} {b}\t{n}\n")


if __name__ == "__main__":  # python -m extract.text_quality --build samples/*.txt …
    if len(sys.argv) > 2 and sys.argv[1] == "--build":
        target = Path(__file__).resolve().parent.parent / "normalize" / "data" / "vn_syllables.txt"
        build_syllable_file([Path(p) for p in sys.argv[2:]], target)
        print(f"wrote {target}")
    else:
        print(__doc__)
