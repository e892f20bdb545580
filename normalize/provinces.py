"""Province named in a document, mapped to one of the 34 units in force since 1 July 2025.

Data: data/provinces.csv (the 34, GSO codes, 2026 type changes) and data/provinces_legacy.csv
(the 63 before, each with the code of the unit that took it over). Names are matched on the
fold() view (case and tone placement ignored, same length as the text, so offsets are offsets
in the text), as whole words; the parts of a name may be separated by any white space (PDF
line breaks: "tỉnh Lai \\n\\nChâu"), a hyphen or a dot ("TP.HCM", "BR-VT").

False-hit rule (documented for callers):
1. A name directly preceded by a commune/street/district word (cue_local: "phường Hòa Bình",
   "phố Huế", "huyện Điện Biên") is a place inside some province and is skipped, unless a
   province cue comes right before that ("thành phố Huế" is a cue_type, not "phố").
2. A name flagged needs_cue (a common word or a person's name: "Hòa Bình", "Thái Bình",
   "Long An", "Hà Nam", "Hồ Chí Minh" as in "tư tưởng Hồ Chí Minh") only counts right after
   a type cue ("tỉnh", "thành phố", "TP") or a body cue ("Sở Y tế", "UBND").
3. Text written without any diacritics ("Thanh Hoa", "Dak Lak") is matched on its ASCII
   skeleton; a one-word name written that way ("Hue") also needs a cue.

Codes: an old code can now mean another province (24: Bắc Giang → Bắc Ninh); `code` is always
the current one. Đồng Nai, Quảng Ninh and Bắc Ninh became "Thành phố" in 2026 with the same
code; `full_name` follows the date `on` (default: the latest type).
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

import regex

from normalize.text import fold, normalize_text, strip_diacritics


@dataclass(frozen=True)
class Province:
    code: str                 # GSO code of the current unit, "12"
    name: str                 # "Lai Châu", "Thanh Hóa", "Hồ Chí Minh"
    full_name: str            # "Tỉnh Lai Châu"
    matched_text: str         # the name as written in the text
    legacy_name: str | None   # "Quảng Nam" when the text names a pre-2025 unit merged away
    start: int
    end: int


# ---------------------------------------------------------------- data

@dataclass(frozen=True)
class Unit:
    """One of the 34 current units."""
    code: str
    type: str
    name: str
    new_type: str | None
    new_type_from: date | None

    def type_on(self, on: date | None) -> str:
        if self.new_type and self.new_type_from and (on is None or on >= self.new_type_from):
            return self.new_type
        return self.type


@dataclass(frozen=True)
class _Alias:
    code: str
    legacy_name: str | None
    needs_cue: bool


def _rows(filename: str) -> tuple[list[dict], dict[str, list[str]]]:
    """CSV rows and the '#cue_*:' directives of a data file."""
    text = resources.files("normalize").joinpath(f"data/{filename}").read_text("utf-8")
    cues: dict[str, list[str]] = {}
    lines = []
    for line in text.splitlines():
        if line.startswith("#cue_"):
            key, _, words = line[1:].partition(":")
            cues[key.strip()] = [w.strip() for w in words.split("|") if w.strip()]
        elif line.strip() and not line.startswith("#"):
            lines.append(line)
    return list(csv.DictReader(io.StringIO("\n".join(lines)))), cues


@lru_cache(maxsize=1)
def units() -> dict[str, Unit]:
    """The 34 current units by code."""
    rows, _ = _rows("provinces.csv")
    return {r["code"]: Unit(r["code"], r["type"], r["name"], r["new_type"] or None,
                            date.fromisoformat(r["new_type_from"]) if r["new_type_from"] else None)
            for r in rows}


@lru_cache(maxsize=1)
def legacy_units() -> list[dict]:
    """The 63 pre-2025 units: old_code, old_type, old_name, new_code."""
    return _rows("provinces_legacy.csv")[0]


@lru_cache(maxsize=1)
def cue_words() -> dict[str, list[str]]:
    return _rows("provinces.csv")[1]


def compact(name: str) -> str:
    """Lookup key of a spelling: folded, without spaces, dots and hyphens ("TP.HCM" → "tphcm")."""
    return regex.sub(r"[\s.\-]+", "", fold(normalize_text(name)))


def skeleton(folded: str) -> str:
    """ASCII skeleton with one character per input character, so offsets survive."""
    return "".join((strip_diacritics(ch) or ch)[0] for ch in folded)


def _spellings(name: str, aliases: str, needs_cue: str) -> list[tuple[str, bool]]:
    out = [(name, needs_cue == "1")]
    for alias in filter(None, (a.strip() for a in aliases.split("|"))):
        out.append((alias.lstrip("?"), alias.startswith("?")))
    return out


@lru_cache(maxsize=1)
def alias_table() -> dict[str, _Alias]:
    """compact spelling → alias; current names win over legacy names written the same way."""
    table: dict[str, _Alias] = {}
    for r in legacy_units():
        for spelling, cue in _spellings(r["old_name"], r["aliases"], r["needs_cue"]):
            table[compact(spelling)] = _Alias(r["new_code"], r["old_name"], cue)
    rows, _ = _rows("provinces.csv")
    for r in rows:
        for spelling, cue in _spellings(r["name"], r["aliases"], r["needs_cue"]):
            table[compact(spelling)] = _Alias(r["code"], None, cue)
    return table


def _name_pattern(spelling: str) -> str:
    """Parts of a name joined by any run of spaces, dots or hyphens (or nothing)."""
    parts = regex.split(r"[\s.\-]+", fold(normalize_text(spelling)).strip())
    return r"[\s.\-]*".join(regex.escape(p) for p in parts if p)


def _spelling_list() -> list[str]:
    spellings = []
    for r in legacy_units():
        spellings += [s for s, _ in _spellings(r["old_name"], r["aliases"], r["needs_cue"])]
    for r in _rows("provinces.csv")[0]:
        spellings += [s for s, _ in _spellings(r["name"], r["aliases"], r["needs_cue"])]
    return spellings


def _alternation(patterns: set[str]) -> str:
    return "|".join(sorted(patterns, key=len, reverse=True))


@dataclass(frozen=True)
class _Matchers:
    name_re: regex.Pattern        # on the fold view
    ascii_re: regex.Pattern       # on the skeleton of the fold view
    ascii_table: dict[str, _Alias]
    cues: tuple[regex.Pattern, regex.Pattern, regex.Pattern]        # body, type, local
    ascii_cues: tuple[regex.Pattern, regex.Pattern, regex.Pattern]  # the same, on skeletons


def _cue_pattern(words: list[str], ascii: bool) -> str:
    patterns = {_name_pattern(w).replace(r"[\s.\-]*", r"[\s.]+") for w in words}
    return _alternation({skeleton(p) for p in patterns} if ascii else patterns)


def _cue_res(ascii: bool) -> tuple[regex.Pattern, regex.Pattern, regex.Pattern]:
    """Regexes ending a prefix: body cue (optionally + type cue), type cue, local cue."""
    cues = cue_words()
    type_cue = _cue_pattern(cues["cue_type"], ascii)
    body_cue = _cue_pattern(cues["cue_body"], ascii)
    return (regex.compile(rf"(?<!\w)(?:{body_cue})\s*(?:(?:{type_cue})[\s.]*)?$"),
            regex.compile(rf"(?<!\w)(?:{type_cue})[\s.]*$"),
            regex.compile(rf"(?<!\w)(?:{_cue_pattern(cues['cue_local'], ascii)})\s*$"))


@lru_cache(maxsize=1)
def _matchers() -> _Matchers:
    spellings = _spelling_list()
    names = _alternation({_name_pattern(s) for s in spellings})
    ascii_table: dict[str, _Alias] = {}
    clashes: set[str] = set()
    for key, alias in alias_table().items():
        skel = skeleton(key)
        if skel in ascii_table and ascii_table[skel].code != alias.code:
            clashes.add(skel)  # two provinces share a skeleton: never guess between them
        ascii_table.setdefault(skel, alias)
    for skel in clashes:
        ascii_table.pop(skel)
    ascii_names = _alternation({skeleton(_name_pattern(s)) for s in spellings})
    return _Matchers(
        name_re=regex.compile(rf"(?<!\w)(?:{names})(?!\w)"),
        ascii_re=regex.compile(rf"(?<!\w)(?:{ascii_names})(?!\w)"),
        ascii_table=ascii_table,
        cues=_cue_res(ascii=False),
        ascii_cues=_cue_res(ascii=True),
    )


# ---------------------------------------------------------------- matching

@dataclass(frozen=True)
class _Hit:
    alias: _Alias
    start: int
    end: int
    cue: str | None   # "body", "type" or None
    ascii: bool


def _cue(view: str, start: int, res: tuple[regex.Pattern, ...]) -> str | None:
    """Kind of cue right before `start`; body and type cues are checked before local ones
    because "thành phố" ends with the street word "phố"."""
    prefix = view[max(0, start - 80):start]
    for kind, cue_re in zip(("body", "type", "local"), res):
        if cue_re.search(prefix):
            return kind
    return None


def _hits(text: str, folded: str):
    """Every province name in order of position, with the cue before it."""
    m = _matchers()
    table = alias_table()
    found: list[_Hit] = []
    for hit in m.name_re.finditer(folded):
        alias = table.get(regex.sub(r"[\s.\-]+", "", hit.group()))
        if alias:
            found.append(_Hit(alias, hit.start(), hit.end(), _cue(folded, hit.start(), m.cues), False))
    skel = skeleton(folded)
    for hit in m.ascii_re.finditer(skel):
        if not text[hit.start():hit.end()].isascii() or any(
                h.start < hit.end() and hit.start() < h.end for h in found):
            continue
        alias = m.ascii_table.get(regex.sub(r"[\s.\-]+", "", hit.group()))
        if alias:
            one_word = not regex.search(r"[\s.\-]", hit.group())
            alias = _Alias(alias.code, alias.legacy_name, alias.needs_cue or one_word)
            found.append(_Hit(alias, hit.start(), hit.end(), _cue(skel, hit.start(), m.ascii_cues), True))
    return sorted(found, key=lambda h: h.start)


def _accepted(hit: _Hit) -> bool:
    if hit.cue == "local":
        return False
    return hit.cue is not None or not hit.alias.needs_cue


def _province(text: str, hit: _Hit, on: date | None) -> Province:
    unit = units()[hit.alias.code]
    return Province(code=unit.code, name=unit.name, full_name=f"{unit.type_on(on)} {unit.name}",
                    matched_text=text[hit.start:hit.end], legacy_name=hit.alias.legacy_name,
                    start=hit.start, end=hit.end)


def _prepare(text: str) -> tuple[str, str]:
    """Normalized text (offsets index it) and its fold view."""
    normalized = normalize_text(text)
    return normalized, fold(normalized)


# ---------------------------------------------------------------- public API

def find_province(text: str, on: date | None = None) -> Province | None:
    """First province named in the text (rules in the module docstring)."""
    text, folded = _prepare(text)
    for hit in _hits(text, folded):
        if _accepted(hit):
            return _province(text, hit, on)
    return None


def province_from_body(text: str, on: date | None = None) -> Province | None:
    """Province of a parent-body phrase: "Sở Y tế tỉnh Lai Châu", "SỞ Y TẾ THANH HÓA",
    "UBND tỉnh Quảng Nam" (→ Đà Nẵng, legacy Quảng Nam), "TP.HCM".

    Takes the first name after a body or type cue; failing that, a text that is nothing but
    a name ("Thanh Hóa", "TP.HCM"). A bare name inside a longer phrase is not a body.
    """
    text, folded = _prepare(text)
    hits = _hits(text, folded)
    for hit in hits:
        if hit.cue in ("body", "type"):
            return _province(text, hit, on)
    stripped = text.strip(" \t\n,.;:")
    for hit in hits:
        if text[hit.start:hit.end] == stripped and _accepted(hit):
            return _province(text, hit, on)
    return None
