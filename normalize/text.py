"""Text repair shared by every stage: NFC, look-alike characters, tone placement, folding.

Two views of a document exist. The *normalized text* is NFC with look-alikes repaired; it is
stored and every offset points into it. The *match view* (`fold`) has exactly the same length,
so an offset found in it is an offset in the normalized text: it is lower-cased and puts the
tone mark of the open syllables "oa", "oe", "uy" on one fixed vowel, so that "Hoá" and "Hóa",
"Thuỷ" and "Thủy" compare equal.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex
import yaml

# Characters that look like Vietnamese letters or ASCII punctuation but are not; mapped 1:1
# so that the normalized text keeps the length of its NFC form.
_LOOKALIKES = str.maketrans({
    "\u00d0": "Đ",  # Icelandic eth, typed for Đ by some keyboards
    "\u0110": "Đ",
    "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2011": "-", "\u2212": "-",
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ",
    "\u0002": "-",  # pypdfium2 writes U+0002 or U+FFFE for a hyphen at a line end; text
    "\ufffe": "-",  # copied out of it keeps them ("Phòng KH-TC\ufffeĐD")
})

_TONES = {
    "\u0301": "acute", "\u0300": "grave", "\u0309": "hook", "\u0303": "tilde", "\u0323": "dot",
}

# Open two-vowel rhymes whose tone sits on either vowel depending on the typist's habit.
_TONE_PAIRS = ("oa", "oe", "uy")


def _split_tone(ch: str) -> tuple[str, str]:
    """Return (base letter with its shape marks, tone combining mark or '')."""
    decomposed = unicodedata.normalize("NFD", ch)
    tone = "".join(c for c in decomposed if c in _TONES)
    base = "".join(c for c in decomposed if c not in _TONES)
    return unicodedata.normalize("NFC", base), tone


def _with_tone(base: str, tone: str) -> str:
    return unicodedata.normalize("NFC", base + tone) if tone else base


def normalize_text(text: str) -> str:
    """NFC plus look-alike repair; never changes the NFC length."""
    nfc = unicodedata.normalize("NFC", text)
    return nfc.translate(_LOOKALIKES).replace("\r\n", "\n").replace("\r", "\n") if "\r" in nfc \
        else nfc.translate(_LOOKALIKES)


def _toned(vowels: str) -> str:
    """Every precomposed form of these vowels carrying one of the five tones."""
    return "".join(unicodedata.normalize("NFC", v + t) for v in vowels for t in _TONES)


# A toneless "o"/"u" followed by a toned "a/e" or "y" at the end of a word.
_PAIR_RE = regex.compile(rf"([oO])([{_toned('aAeE')}])(?!\p{{L}})|(?<![qQ])([uU])([{_toned('yY')}])(?!\p{{L}})")


def unify_tones(text: str) -> str:
    """Move the tone of a word-final "oa/oe/uy" to its first vowel ("hoá" → "hóa").

    Length-preserving on NFC input: both forms are two precomposed characters; "qu" is a
    consonant, so "quý" keeps its tone on y.
    """
    def move(m: regex.Match) -> str:
        first, second = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        base, tone = _split_tone(second)
        moved = _with_tone(first, tone)
        return moved + base if len(moved) == 1 else m.group(0)

    return _PAIR_RE.sub(move, text)


def fold(text: str) -> str:
    """Match view of normalized text: lower case, unified tones, same length as the input."""
    if len(text) <= 256:
        return _fold_short(text)
    return _fold(text)


@lru_cache(maxsize=1 << 16)
def _fold_short(text: str) -> str:
    # Cell texts, headings and phrases are folded again and again during segmentation.
    return _fold(text)


def _fold(text: str) -> str:
    folded = unify_tones(text)
    lowered = folded.lower()
    if len(lowered) == len(folded):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in folded)


def squash_spaces(text: str) -> str:
    """Collapse runs of white space (line breaks included) to one space and strip."""
    return " ".join(text.split())


def strip_diacritics(text: str) -> str:
    """ASCII-ish skeleton for fuzzy comparisons ("Đ" becomes "D")."""
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def join_lines(lines: list[str]) -> str:
    """Rebuild one logical text from wrapped physical lines.

    A line ending in a hyphen glued to a letter or digit continues a code ("57-" + "NQ/TW",
    "KH-TC-" + "ĐD") and joins with no space; a spaced hyphen ("khám -") is a dash.
    """
    out = ""
    for raw in lines:
        piece = raw.strip()
        if not piece:
            continue
        if not out:
            out = piece
        elif out.endswith("-") and len(out) > 1 and out[-2].isalnum() or is_word_tail(out, piece) \
                or _is_year_tail(out, piece):
            out += piece
        else:
            out += " " + piece
    return squash_spaces(out)


def is_word_tail(before: str, piece: str) -> bool:
    """"kiến/kho" + "a": a line of one plain lower-case letter after a letter is the end of a
    word a narrow column broke. Only letters a Vietnamese syllable may end on count, and none
    that is a word by itself ("y") or a table's tick mark ("x")."""
    return len(piece) == 1 and piece in _BROKEN_TAIL_LETTERS and before[-1:].isalpha()


_BROKEN_TAIL_LETTERS = frozenset("aeioucghmnpt")


def _is_year_tail(before: str, piece: str) -> bool:
    """"15/4/202" + "6", "Quý I/20" + "26": a narrow column broke a date inside its year (20xx);
    the pieces make one."""
    tail = _YEAR_TAIL_RE.match(piece)
    cut = _CUT_YEAR_RE.search(before[-_CUT_YEAR_CHARS:]) if tail else None
    return bool(cut and tail and len(cut.group(1)) + len(tail.group()) == 4)


_CUT_YEAR_RE = regex.compile(r"(?:\d|[IVX])/(2\d{0,2})$")   # "15/4/202", "Quý I/20", "Tháng 6/2"
_YEAR_TAIL_RE = regex.compile(r"\d{1,3}(?!\d)")
_CUT_YEAR_CHARS = 8   # "15/4/202": only the end of the text so far is looked at (a hot path)


def load_yaml(text: str):
    """yaml.safe_load through libyaml's parser when it is installed: the same objects (same
    constructor and resolver), read ten times faster; every worker reads the vocabularies."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


_GRAPHEME_RE = regex.compile(r"\X")


class OffsetMap:
    """Maps offsets in normalize_text(text) back to text (identity when lengths agree)."""

    def __init__(self, text: str):
        self.text = text
        self.norm = normalize_text(text)
        self.starts: list[int] | None = None
        if len(self.norm) != len(text):
            starts: list[int] = []
            parts = []
            for m in _GRAPHEME_RE.finditer(text):
                piece = normalize_text(m.group())
                parts.append(piece)
                starts.extend([m.start()] * len(piece))
            self.norm = "".join(parts)
            self.starts = starts

    def orig(self, pos: int) -> int:
        if self.starts is None:
            return pos
        return self.starts[pos] if pos < len(self.starts) else len(self.text)
