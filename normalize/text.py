"""Text repair shared by every stage: NFC, look-alike characters, tone placement, folding.

Two views of a document exist. The *normalized text* is NFC with look-alikes repaired; it is
stored and every offset points into it. The *match view* (`fold`) has exactly the same length,
so an offset found in it is an offset in the normalized text: it is lower-cased and puts the
tone mark of the open syllables "oa", "oe", "uy" on one fixed vowel, so that "Hoá" and "Hóa",
"Thuỷ" and "Thủy" compare equal.
"""
from __future__ import annotations

import unicodedata

import regex

# Characters that look like Vietnamese letters or ASCII punctuation but are not; mapped 1:1
# so that the normalized text keeps the length of its NFC form.
_LOOKALIKES = str.maketrans({
    "\u00d0": "Đ",  # Icelandic eth, typed for Đ by some keyboards
    "\u0110": "Đ",
    "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2011": "-", "\u2212": "-",
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ",
    "\u0002": "-",  # pypdfium2 writes U+0002 for a hyphen at a line end
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


def _is_letter(ch: str) -> bool:
    return ch.isalpha()


def unify_tones(text: str) -> str:
    """Move the tone of a word-final "oa/oe/uy" to its first vowel ("hoá" → "hóa").

    Length-preserving on NFC input: both forms are two precomposed characters.
    """
    chars = list(text)
    for i in range(len(chars) - 1):
        if chars[i] not in "oOuU":  # the first vowel must carry no tone yet
            continue
        nxt = chars[i + 2] if i + 2 < len(chars) else ""
        if nxt and _is_letter(nxt):
            continue
        b1, t1 = _split_tone(chars[i])
        b2, t2 = _split_tone(chars[i + 1])
        if t1 or not t2 or (b1 + b2).lower() not in _TONE_PAIRS:
            continue
        # "qu" is a consonant: "quý" keeps its tone on y
        if b1.lower() == "u" and i > 0 and chars[i - 1].lower() == "q":
            continue
        moved = _with_tone(b1, t2)
        if len(moved) == 1:
            chars[i], chars[i + 1] = moved, b2
    return "".join(chars)


def fold(text: str) -> str:
    """Match view of normalized text: lower case, unified tones, same length as the input."""
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
        elif out.endswith("-") and len(out) > 1 and out[-2].isalnum():
            out += piece
        else:
            out += " " + piece
    return squash_spaces(out)
