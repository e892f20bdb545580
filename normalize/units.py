"""Resolve department / unit mentions ("Phòng TCHC", "Các khoa, phòng") to canonical names.

A plan names its units in three ways: a full name written in its responsibilities section
("2. Phòng Kế hoạch - Tài chính - Điều dưỡng: ..."), an abbreviation of that name in its
appendix table ("Phòng KH-TC-ĐD"), or a name common to hospitals ("Phòng KHTH"). The document
knows its own names best, so a per-document `UnitLexicon` is consulted before the curated list
in data/units.yaml; fuzzy matching only repairs spelling and case. Every Vietnamese word lives
in the YAML file.

All matching runs on the *match view* of the normalized text (`fold`, same length), so offsets
found there are offsets in the normalized text; `OffsetMap` carries them back to the caller's
argument when normalization changed its length (NFD input).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import regex
from rapidfuzz import fuzz, process

from normalize.provinces import find_province
from normalize.text import OffsetMap, fold, load_yaml, normalize_text, squash_spaces, strip_diacritics

_DATA = Path(__file__).parent / "data" / "units.yaml"

MATCHES = ("document", "curated", "fuzzy", "as-written", "all-units", "unresolved")

# Below this rapidfuzz ratio two names are different units: "dieu duong" vs "dinh duong"
# (Điều dưỡng vs Dinh dưỡng once diacritics are gone) scores 80.
_FUZZY_MIN = 88.0
# A name longer than this is more likely a unit followed by the next table cell.
_MAX_NAME_WORDS = 9

_LETTERS = r"[\p{L}\p{N}]"
_WORD_RE = regex.compile(r"[\p{L}\p{N}]+")
_SPACES_AT_RE = regex.compile(r"\s*")
_TOKEN_RE = regex.compile(r"[\p{L}\p{N}]+|[^\s\p{L}\p{N}]")
# An abbreviation core: upper-case groups joined by '-', '.', '&' ("KH-TC-ĐD", "KH-TC- ĐD").
_ABBR_CORE_RE = regex.compile(r"[\p{Lu}\p{N}]+(?:(?:\s*[-.&]\s*|/)[\p{Lu}\p{N}]+)*")   # "KSBT-HIV/AIDS"
_ABBR_TOKEN_RE = regex.compile(r"\p{Lu}[\p{Lu}\p{N}]+")
_TRAILING_PAREN_RE = regex.compile(r"\s*\([^()]{1,12}\)\s*$")
_HEADING_PAREN_RE = regex.compile(r"\s*\([^()]{1,40}\)\s*$")   # a heading's short form: "(Khoa Dược - VTYT)"
_OPEN_PAREN_TAIL_RE = regex.compile(r"\s*\([^()]{0,20}$")
_EDGE_PUNCT = " \t\n,;:.-+•*–"

# Literal patterns compiled once (hot in table segmentation).
_TOKEN_RE = regex.compile(r"[\p{L}\p{N}]+|[^\s\p{L}\p{N}]")
_NON_ALNUM_RE = regex.compile(r"[^\p{L}\p{N}]")
_HYPHEN_SPLIT_RE = regex.compile(r"\s*-\s*")
_LETTER_PREFIX_RE = regex.compile(r"([pktPKT]\.)\s*(?=\p{Lu})")
_SPACES_RE = regex.compile(r"\s+")
_LAST_WORD_RE = regex.compile(r"(?<!\S)(\S+)$")
_CUT_RE = regex.compile(r";|\n[ \t]*[-+•][ \t]")
_WORD_START_RE = regex.compile(r"(?<![\p{L}\p{N}])[\p{L}]")
# A comma and the white space after it, white space as str.isspace() has it (_after_comma):
# regex's \s leaves out U+001C..U+001F, which isspace() counts.
_COMMA_SPACE_RE = regex.compile(r",[\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*")
_LOWER_RE = regex.compile(r"\p{Ll}")


# ----------------------------------------------------------------------------- data classes

@dataclass(frozen=True)
class UnitMatch:
    unit_text: str          # as written (white space squashed)
    unit_name: str          # canonical full name, e.g. "Phòng Tổ chức hành chính"
    unit_abbr: str | None   # e.g. "TCHC", "KH-TC-ĐD"
    unit_kind: str          # one of `kinds` in data/units.yaml
    match: str              # one of MATCHES
    confidence: float       # 0..1
    start: int              # offsets of unit_text in the argument passed in
    end: int


@dataclass(frozen=True)
class _Head:
    canon: str              # "Phòng"
    kind: str
    closed: bool = False    # its names are a closed list (units.yaml: "Sở", "Bộ")
    lower_name: bool = False  # the name goes on in lower case ("Phòng khám đa khoa …")


@dataclass(frozen=True)
class _Entry:
    """A known unit name: curated, or learned from one document."""
    name: str
    head: _Head | None
    kind: str
    key: str                # folded core words, separators and connectors dropped
    skey: str               # key without diacritics, for fuzzy matching
    abbr: str | None
    source: str             # "document" | "curated"


@dataclass(eq=False)  # identity hash: the score cache is keyed by (lexicon, text)
class UnitLexicon:
    """One document's own unit names and the abbreviations it uses for them."""
    names: dict[str, list[_Entry]] = field(default_factory=dict)    # key -> entries (heads differ)
    abbreviations: dict[str, _Entry] = field(default_factory=dict)  # abbr as written -> entry
    runs: tuple[tuple[_Head, tuple[str, ...], tuple[str, ...]], ...] = ()  # head, tokens, folded
    ascii: bool = False
    # "Các trạm y tế xã, phường" as the document lists it, by its words without "các"
    plurals: dict[str, str] = field(default_factory=dict)
    _searched: dict[tuple[str, _Head | None], _Entry | None] = field(default_factory=dict, repr=False)
    # Results computed against this lexicon, kept with it (not in a module-level cache) so that
    # they are freed with the document and a long batch does not grow the worker's memory.
    _memo: dict[tuple, object] = field(default_factory=dict, repr=False)


@dataclass(frozen=True)
class _Vocab:
    heads: dict[str, _Head]               # match-view spelling -> head
    head_re: regex.Pattern                # over fold() view
    head_re_ascii: regex.Pattern          # over an ASCII text's fold() view
    not_heads_re: regex.Pattern
    lowercase_never: frozenset[str]
    prefixes: dict[str, _Head]            # "p." -> Phòng
    all_units_re: regex.Pattern
    all_units_words: tuple[tuple[str, ...], ...]   # each all-units phrase, folded words
    connectors: frozenset[str]
    plural_markers: frozenset[str]        # "các", "những"
    never_in_names: frozenset[str]        # "được": a clause, not a name ("Trung tâm dữ liệu được nâng cấp")
    connector_space_re: regex.Pattern     # "và " / "& " before a word: a list of units may go on there
    field_forms: dict[str, str]
    part_forms: dict[str, str]
    expand_re: regex.Pattern
    kinds: tuple[str, ...]                # every UnitMatch.unit_kind value
    department_kinds: frozenset[str]      # kinds where "Phòng X" may be written with another head
    ambiguous: frozenset[str]
    place_words: tuple[tuple[str, ...], ...]
    province_words: frozenset[str]           # last word of "tỉnh", "thành phố"
    parent_cues: frozenset[str]              # "thuộc": the parent body's name follows
    parent_heads: tuple[str, ...]            # "sở", "bộ": heads of a body units belong to
    omitted_tails: frozenset[str]            # folded keys: "y tế"
    ocr_confusions: dict[str, tuple[str, ...]]   # "I" -> ("T", "L", "1"): letters a scan mixes up
    curated: tuple[_Entry, ...]
    curated_by_key: dict[str, tuple[_Entry, ...]]
    curated_by_abbr: dict[str, tuple[_Entry, ...]]
    # Where a head may start (first words of the heads, "p."-style prefixes): most words of a
    # cell open no head, and skip the head regex altogether.
    head_first_re: regex.Pattern | None = None
    head_first_re_ascii: regex.Pattern | None = None


# ----------------------------------------------------------------------------- vocabulary

def _alternation(phrases: list[str]) -> str:
    """Regex alternation, longest first; white space flexible because cell text wraps."""
    parts = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        tokens = _TOKEN_RE.findall(phrase)
        out = regex.escape(tokens[0])
        for prev, tok in zip(tokens, tokens[1:]):
            words = prev[0].isalnum() and tok[0].isalnum()
            out += (r"\s+" if words else r"\s*") + regex.escape(tok)
        parts.append(out)
    return "|".join(parts)


def _bounded(alternation: str) -> regex.Pattern:
    return regex.compile(rf"(?<!{_LETTERS})(?:{alternation})(?!{_LETTERS})")


@lru_cache(maxsize=1)
def load_vocabulary() -> _Vocab:
    """Parse data/units.yaml once."""
    raw = load_yaml(_DATA.read_text(encoding="utf-8"))
    heads = {fold(h["text"]): _Head(h.get("canon", h["text"]), h["kind"], h.get("closed", False),
                                    h.get("lower_name", False))
             for h in raw["heads"]}
    ascii_heads = {strip_diacritics(k): v for k, v in heads.items()}
    prefixes = {fold(p["text"]): _head_of(heads, p["head"]) for p in raw["abbr_prefixes"]}
    field_forms = {k: v for k, v in raw["field_short_forms"].items()}
    part_forms = {k: v for k, v in raw["part_short_forms"].items()}
    forms = sorted({**field_forms, **part_forms}, key=len, reverse=True)
    expand_re = regex.compile(
        r"(?<![\p{L}\p{N}&])(" + "|".join(map(regex.escape, forms)) + r")(?![\p{L}\p{N}&])")
    vocab = _Vocab(
        heads={**ascii_heads, **heads},
        head_re=_bounded(_alternation(list(heads))),
        head_re_ascii=_bounded(_alternation(list(ascii_heads))),
        not_heads_re=_bounded(_alternation([fold(w) for w in raw["not_heads"]])),
        lowercase_never=frozenset(fold(w) for w in raw["lowercase_never_heads"]),
        prefixes=prefixes,
        all_units_re=_bounded(_alternation([fold(p) for p in raw["all_units"]])),
        all_units_words=tuple(tuple(_WORD_RE.findall(fold(p))) for p in raw["all_units"]),
        connectors=frozenset(fold(w) for w in raw["connectors"]),
        plural_markers=frozenset(fold(w) for w in raw["plural_markers"]),
        never_in_names=frozenset(fold(w) for w in raw["never_in_names"]),
        connector_space_re=regex.compile(
            r"(?<!\w)(?:" + "|".join(regex.escape(fold(w)) for w in raw["connectors"]) + r")\s+"),
        field_forms=field_forms,
        part_forms=part_forms,
        expand_re=expand_re,
        kinds=tuple(raw["kinds"]),
        department_kinds=frozenset(raw["department_kinds"]),
        ambiguous=frozenset(_abbr_key(a) for a in raw["ambiguous_abbreviations"]),
        place_words=tuple(tuple(fold(w).split()) for w in raw["place_words"]),
        province_words=frozenset(fold(w).split()[-1] for w in raw["province_words"]),
        parent_cues=frozenset(fold(w) for w in raw["parent_cues"]),
        parent_heads=tuple(fold(w) + " " for w in raw["parent_heads"]),
        omitted_tails=frozenset(" ".join(_WORD_RE.findall(fold(w))) for w in raw["omitted_tails"]),
        ocr_confusions={k: tuple(v) for k, v in raw["ocr_confusions"].items()},
        curated=(), curated_by_key={}, curated_by_abbr={},
        head_first_re=_first_words_re(heads), head_first_re_ascii=_first_words_re(ascii_heads),
    )
    curated = _curated_entries(vocab, raw["units"], external=False) + \
        _curated_entries(vocab, raw["external"], external=True)
    by_key: dict[str, list[_Entry]] = {}
    by_abbr: dict[str, list[_Entry]] = {}
    for entry, abbrs in curated:
        by_key.setdefault(entry.key, []).append(entry)
        for abbr in abbrs:
            same = by_abbr.setdefault(_abbr_key(abbr), [])
            if entry not in same:  # "KHTH" and "KH-TH" share a key
                same.append(entry)
    entries = tuple(e for e, _ in curated)
    return replace(vocab, curated=entries,
                   curated_by_key={k: tuple(v) for k, v in by_key.items()},
                   curated_by_abbr={k: tuple(v) for k, v in by_abbr.items()})


def _first_words_re(phrases) -> regex.Pattern:
    """Word starts where one of the phrases may match, or a "p."-style prefix (_head_at): a
    match of a phrase `_alternation` spells covers exactly its first token's word at the start."""
    firsts = {_TOKEN_RE.findall(p)[0] for p in phrases if _TOKEN_RE.findall(p)}
    words = "|".join(regex.escape(w) for w in sorted(firsts, key=len, reverse=True))
    return regex.compile(rf"(?<!{_LETTERS})(?=\p{{L}})(?:(?:{words})(?!{_LETTERS})|[pkt]\.)")


def _head_of(heads: dict[str, _Head], text: str) -> _Head:
    return heads[fold(text)]


def _curated_entries(vocab: _Vocab, rows: list[dict], external: bool) -> list[tuple[_Entry, list[str]]]:
    """One entry per accepted name; the row's abbreviations belong to its first name only."""
    out = []
    for row in rows:
        abbrs = list(row.get("abbr") or [])
        for i, name in enumerate(row["names"]):
            head, core = _split_head_text(vocab, name)
            # a name with no head word ("Công đoàn") may say its kind in the data file
            kind = "external" if external else row.get("kind") or (head.kind if head else "unknown")
            out.append((_entry(name, head, kind, core, vocab, abbrs[0] if abbrs else None, "curated"),
                        abbrs if i == 0 else []))
    return out


def _entry(name: str, head: _Head | None, kind: str, core: str, vocab: _Vocab,
           abbr: str | None, source: str) -> _Entry:
    key = _key(core, vocab)
    return _Entry(name, head, kind, key, strip_diacritics(key), abbr, source)


# ----------------------------------------------------------------------------- small helpers

def _abbr_key(abbr: str) -> str:
    """'KH-TC- ĐD', 'P.KHTH' → 'KHTCĐD': letters only; Đ stays distinct from D."""
    return _NON_ALNUM_RE.sub("", abbr).upper()


def _abbr_groups(abbr: str) -> tuple[str, ...]:
    # "&" stands for "và", a connector whose initial no abbreviation spells ("ĐT&CĐT")
    return tuple("".join(map(_initial, fold(g).replace("&", ""))) for g in _HYPHEN_SPLIT_RE.split(abbr.strip("-. ")) if g)


def _key(core: str, vocab: _Vocab) -> str:
    """Comparison key of a name core: folded words, separators and connectors dropped."""
    return " ".join(w for w in _WORD_RE.findall(fold(core)) if w not in vocab.connectors)


def _is_ascii_text(text: str) -> bool:
    return text.isascii()


def _view(norm: str) -> str:
    return fold(norm)


def _head_pattern(vocab: _Vocab, ascii_text: bool) -> regex.Pattern:
    # ASCII-folded documents write "Phong", "Khoa", "To": match the heads without diacritics.
    return vocab.head_re_ascii if ascii_text else vocab.head_re


def _head_at(vocab: _Vocab, norm: str, view: str, pos: int, ascii_text: bool) -> tuple[_Head, int] | None:
    """The head word starting at pos (longest), unless it begins an ordinary word ("Tổ chức")."""
    prefix = _LETTER_PREFIX_RE.match(norm[pos:pos + 4])
    if prefix:
        return vocab.prefixes[prefix.group(1).lower()], pos + prefix.end()
    m = _head_pattern(vocab, ascii_text).match(view, pos)
    if not m or vocab.not_heads_re.match(view, pos):
        return None
    return vocab.heads[_SPACES_RE.sub(" ", m.group())], m.end()


def _capitalised(norm: str, pos: int) -> bool:
    return pos < len(norm) and norm[pos].isupper()


def _canon_head_name(head: _Head, core: str) -> str:
    core = core.strip()
    if core and core[0].islower() and not head.lower_name:
        core = core[0].upper() + core[1:]
    return f"{head.canon} {core}".strip()


def _split_head_text(vocab: _Vocab, text: str) -> tuple[_Head | None, str]:
    norm = normalize_text(text)
    found = _head_at(vocab, norm, _view(norm), 0, _is_ascii_text(norm))
    if not found:
        return None, norm
    return found[0], norm[found[1]:]


# ----------------------------------------------------------------------------- splitting

def _trim(norm: str, start: int, end: int, vocab: _Vocab) -> tuple[int, int]:
    """Drop edge punctuation, a trailing '(B/c)' and a dangling connector ('... và')."""
    while True:
        while start < end and norm[start] in _EDGE_PUNCT:
            start += 1
        while end > start and norm[end - 1] in _EDGE_PUNCT:
            end -= 1
        paren = _TRAILING_PAREN_RE.search(norm, start, end)
        if paren and paren.start() > start:
            end = paren.start()
            continue
        last = _LAST_WORD_RE.search(norm[start:end])
        if last and fold(last.group(1)) in vocab.connectors and last.start() > 0:
            end = start + last.start()
            continue
        return start, end


def _segments(norm: str) -> list[tuple[int, int]]:
    """Hard separators: ';' and a line that opens with a bullet."""
    cuts = [m.span() for m in _CUT_RE.finditer(norm) if not _wrapped_before_hyphen(norm, m)]
    out, pos = [], 0
    for a, b in cuts:
        out.append((pos, a))
        pos = b
    out.append((pos, len(norm)))
    return out


# Bullets and blanks before a cell's first unit.
_BULLETS = " \t\n-+•*–"


@lru_cache(maxsize=1)
def _curated_first_words() -> frozenset[str]:
    return frozenset(fold(e.name.split()[0]) for e in load_vocabulary().curated if e.name.split())


def may_open_units(text: str) -> bool:
    """Can a list of units begin where the text begins: a head word ("Phòng", "p."), an
    all-units phrase, an abbreviation ("TCHC", "KH-TC-ĐD") or the first word of a curated
    name ("Công đoàn")? A cheap test before unit_list_score: a table cell of a unit column
    never opens otherwise."""
    s = text.lstrip(_BULLETS)
    if not s:
        return False
    vocab = load_vocabulary()
    view = fold(s[:80])
    if vocab.head_first_re.match(view) or vocab.all_units_re.match(view):
        return True
    first, _, rest = view.partition(" ")
    if first in vocab.plural_markers and vocab.head_first_re.match(rest.lstrip()):
        return True  # "Các TYT xã, phường": every unit of a kind
    first = s.split(None, 1)[0].strip(",;:.()")
    return sum(c.isupper() for c in first) >= 2 or fold(first) in _curated_first_words()


def _wrapped_before_hyphen(norm: str, cut: regex.Match) -> bool:
    """"Phòng Kế hoạch" / "- Nghiệp vụ": a name wrapped before its own " - " is no bullet. The
    line goes on a name when the text before it does not end a list item and the text after
    the dash opens no unit (may_open_units)."""
    dash = cut.group().strip()
    if not cut.group().startswith("\n") or dash not in ("-", "–"):
        return False
    before = norm[:cut.start()].rstrip()
    if not before or before[-1] in ",;.:":
        return False
    after = norm[cut.end():cut.end() + 80]
    return after[:1].isalpha() and not may_open_units(after)


def _after_comma(norm: str, pos: int, seg_start: int) -> bool:
    i = pos - 1
    while i >= seg_start and norm[i].isspace():
        i -= 1
    return i < seg_start or norm[i] == ","


def _before_is_hyphen(norm: str, pos: int, seg_start: int) -> bool:
    i = pos - 1
    while i >= seg_start and norm[i].isspace():
        i -= 1
    return i >= seg_start and norm[i] == "-"


def _known_start(norm: str, view: str, pos: int, lexicon: UnitLexicon | None, vocab: _Vocab,
                 headless: bool = False) -> bool:
    """Does a comma-separated part starting at pos name a unit without a head word? After
    "và" (`headless`) only a body named without any head counts ("Công đoàn cơ sở"): in
    "Trung tâm Đào tạo và Chỉ đạo tuyến" the words after "và" go on with the name."""
    abbr = _ABBR_CORE_RE.match(norm, pos)
    if abbr and (abbr.end() == len(norm) or not norm[abbr.end()].isalnum()):
        text = abbr.group()
        if text in vocab.field_forms:
            return False
        return _known_abbreviation(text, lexicon, vocab)
    if not _capitalised(norm, pos):
        return False
    words = [w for w in _WORD_RE.findall(view[pos:pos + 80]) if w not in vocab.connectors][:8]
    for n in range(1, len(words) + 1):
        key = " ".join(words[:n])
        if headless:
            if any(e.head is None for e in vocab.curated_by_key.get(key, ())):
                return True
        elif key in vocab.curated_by_key or (lexicon is not None and key in lexicon.names):
            return True
    return False


def _known_abbreviation(abbr: str, lexicon: UnitLexicon | None, vocab: _Vocab) -> bool:
    key = _abbr_key(abbr)
    if lexicon and any(_abbr_key(a) == key for a in lexicon.abbreviations):
        return True
    return key in vocab.curated_by_abbr


@dataclass
class _Start:
    pos: int
    head_end: int | None     # end of the head word, or None
    complete: bool           # an all-units phrase or a known name: complete by itself
    plural: bool = False     # opens with a plural marker ("Các TTYT"): every unit of a kind


def _starts(norm: str, view: str, seg: tuple[int, int], lexicon: UnitLexicon | None,
            vocab: _Vocab) -> tuple[list[_Start], list[tuple[int, int]]]:
    s, e = seg
    ascii_text = _is_ascii_text(norm)
    protected = _all_units_spans(norm, view, s, e, vocab)
    starts = [_Start(a, None, True) for a, _ in protected]
    # Only a word that may open a head, or one after a comma, can start a unit: looking at
    # those alone (found by regex, in C) decides the same as looking at every word.
    heads = _head_candidates(vocab, view, s, e, ascii_text)
    for p in sorted(heads | _comma_candidates(norm, view, s, e, vocab)):
        if protected and any(a < p < b for a, b in protected) or _after_parent_cue(view, p, s, vocab):
            continue
        found = _head_at(vocab, norm, view, p, ascii_text) if p in heads else None
        if found and _after_plural_marker(view, p, s, vocab):
            # "Các TYT": the head is the plural's noun; the plural opens the unit when it opens
            # a line or follows a separator ("Các BV trực thuộc" / "Các TTYT")
            q = _plural_marker_start(view, p)
            if q > s and (_capitalised(norm, q) or _after_comma(norm, q, s)) and \
                    not any(a <= q < b for a, b in protected):
                starts.append(_Start(q, found[1], False, plural=True))
            continue
        if found and (_capitalised(norm, p) or _after_comma(norm, p, s)):
            starts.append(_Start(p, found[1], False))
        elif _after_comma(norm, p, s) and p > s and _known_start(norm, view, p, lexicon, vocab):
            starts.append(_Start(p, None, True))
        elif p > s and _after_connector(view, p, s, vocab) and _known_start(norm, view, p, lexicon, vocab, True):
            starts.append(_Start(p, None, True))  # "Đoàn Thanh niên và Công đoàn cơ sở"
    taken = {st.pos for st in starts}
    starts += [_Start(p, None, True) for p in _coded_starts(norm, s, e, lexicon)
               if p not in taken and not any(a < p < b for a, b in protected)
               and not _after_plural_marker(view, p, s, vocab)]  # "Các TTYT khu vực": one unit
    taken |= {st.pos for st in starts}
    starts += [_Start(p, None, True) for p in _after_a_code(norm, view, s, e, lexicon, vocab)
               if p not in taken and not any(a < p < b for a, b in protected)]
    taken |= {st.pos for st in starts}
    starts += [_Start(p, None, True) for p in _headless_after_known_line(norm, view, s, e, lexicon, vocab)
               if p not in taken and not any(a < p < b for a, b in protected)]
    starts.sort(key=lambda st: st.pos)
    return starts, protected


def _after_parent_cue(view: str, pos: int, seg_start: int, vocab: _Vocab) -> bool:
    """A name right after a parent cue on the same printed line ("Các bệnh viện trực thuộc Sở
    Y tế"): the body the units belong to, part of the same mention. On the next line
    ("Các chi bộ trực thuộc" / "Phòng KHTH") it is a unit of its own, and so is a department
    ("Các bệnh viện trực thuộc Văn phòng Sở": two cells side by side)."""
    before = view[max(seg_start, pos - 8):pos]
    words = before.rsplit(None, 1)
    return bool(words) and words[-1] in vocab.parent_cues and "\n" not in before[before.rfind(words[-1]):] \
        and view.startswith(vocab.parent_heads, pos)


def _headless_after_known_line(norm: str, view: str, s: int, e: int, lexicon: UnitLexicon | None,
                               vocab: _Vocab) -> list[int]:
    """"Công đoàn Trung tâm" / "Đoàn Thanh niên": a line that is a whole known name, then a
    line opening a body named without any head: two units stacked in one cell."""
    found = []
    line_start = s
    for m in _NEWLINE_RE.finditer(norm, s, e):
        p = m.end()
        # the cheap test first: few lines open with a body named without a head
        if p < e and _known_start(norm, view, p, lexicon, vocab, headless=True) and \
                _names_one_unit(norm[line_start:m.start()], lexicon):
            found.append(p)
        line_start = p
    return found


_NEWLINE_RE = regex.compile(r"\n[ \t]*")


def _after_a_code(norm: str, view: str, s: int, e: int, lexicon: UnitLexicon | None,
                         vocab: _Vocab) -> list[int]:
    """A code ("Tổ CNTT") followed by a name the vocabulary or the plan knows without a head
    word ("Công đoàn cơ sở"), on the next line of the cell or after a space (a PDF cell's
    lines joined): two units without a separator. A name never goes on after its code."""
    # on one line only a body named without any head ("Bảo hiểm xã hội tỉnh") counts: the
    # plan's own names include place words ("BHXH Thành phố" is one unit)
    found = []
    for m in _CODE_THEN_CAPITAL_RE.finditer(norm, s, e):
        one_line = "\n" not in m.group()
        if one_line and not norm[m.end() + 1:m.end() + 2].islower():
            continue  # "TT CNTT 12 KIOSK", "Phòng KHTH BHXH": codes side by side are the next rule's
        if _known_start(norm, view, m.end(), lexicon, vocab, headless=one_line):
            found.append(m.end())
    return found


_CODE_THEN_CAPITAL_RE = regex.compile(r"(?<![\p{L}\p{N}-])\p{Lu}[\p{Lu}\d&]+\s+(?=\p{Lu})")


def _coded_starts(norm: str, s: int, e: int, lexicon: UnitLexicon | None) -> list[int]:
    """Where a short form the plan defined with words after its code ("PKĐKKV Phúc Trạch",
    "BVĐK tỉnh") opens a unit inside a cell: it names a unit however it is separated."""
    if lexicon is None:
        return []
    key = ("coded_forms_re",)
    if key not in lexicon._memo:
        coded = sorted((a for a in lexicon.abbreviations if " " in a), key=len, reverse=True)
        lexicon._memo[key] = regex.compile(
            r"(?<=\s)(?:" + "|".join(r"\s+".join(map(regex.escape, a.split())) for a in coded) + r")(?![\p{L}\p{N}])"
        ) if coded else None
    found = lexicon._memo[key]
    return [m.start() for m in found.finditer(norm, s, e)] if found else []


def _after_connector(view: str, pos: int, seg_start: int, vocab: _Vocab) -> bool:
    before = view[max(seg_start, pos - 8):pos].rsplit(None, 1)
    return bool(before) and before[-1] in vocab.connectors


def _after_plural_marker(view: str, pos: int, seg_start: int, vocab: _Vocab) -> bool:
    # only the word before pos matters: a short window, not the segment so far (a hot path)
    before = view[max(seg_start, pos - 16):pos].rsplit(None, 1)
    return bool(before) and before[-1] in vocab.plural_markers


def _all_units_spans(norm: str, view: str, s: int, e: int, vocab: _Vocab) -> list[tuple[int, int]]:
    """All-units phrases in [s, e). A listing phrase whose last item is capitalised and goes on
    with a name of its own ("Các khoa, phòng, Trạm Y tế các xã") ends before that item: the
    item is a unit."""
    spans = []
    for m in vocab.all_units_re.finditer(view, s, e):
        start, end = m.span()
        comma = view.rfind(", ", start, end)
        if comma > start and _capitalised(norm, comma + 2) and _WORD_START_RE.match(view, _skip_blanks(view, end)) and \
                (short := vocab.all_units_re.fullmatch(view, start, comma)):
            end = short.end()
        spans.append((start, end))
    return spans


def _skip_blanks(view: str, pos: int) -> int:
    while pos < len(view) and view[pos] in " \t":
        pos += 1
    return pos


def _plural_marker_start(view: str, pos: int) -> int:
    """Start of the word before pos (the plural marker _after_plural_marker found)."""
    q = pos
    while q > 0 and view[q - 1].isspace():
        q -= 1
    while q > 0 and not view[q - 1].isspace():
        q -= 1
    return q


def _head_candidates(vocab: _Vocab, view: str, s: int, e: int, ascii_text: bool) -> set[int]:
    """Word starts in [s, e) where _head_at may find a head (a superset: _head_at decides).
    Searched without an end bound so that a word running past e is seen whole."""
    found = set()
    for m in (vocab.head_first_re_ascii if ascii_text else vocab.head_first_re).finditer(view, s):
        if m.start() >= e:
            break
        found.add(m.start())
    return found


def _comma_candidates(norm: str, view: str, s: int, e: int, vocab: _Vocab) -> set[int]:
    """Word starts in [s, e) where _after_comma holds: after a comma and white space, or
    after nothing but white space since the segment start."""
    ends = {m.end() for m in _COMMA_SPACE_RE.finditer(norm, s, e)}
    first = s
    while first < e and norm[first].isspace():
        first += 1
    ends.add(first)
    ends |= {m.end() for m in vocab.connector_space_re.finditer(view, s, e)}  # "… và Công đoàn …"
    return {p for p in ends if p < e and _WORD_START_RE.match(view, p)}


def _owner_head(norm: str, start: _Start, end: int, unit_pos: int) -> bool:
    """"Ban Giám đốc Bệnh viện", "Thường trực Đảng ủy", "Hội đồng Khoa học và Công nghệ Trung
    tâm": a bare head closing the list, with no name of its own, is the body the unit before it
    belongs to, not a second unit (after a comma or semicolon it is one)."""
    if start.complete or start.plural or start.head_end is None or _WORD_RE.search(norm, start.head_end, end):
        return False
    before = norm[unit_pos:start.pos].rstrip()
    return bool(_WORD_RE.search(before)) and not before.endswith((",", ";", ":"))


def _has_name(norm: str, start: _Start, end: int) -> bool:
    if start.complete or start.head_end is None:
        return True
    return bool(_WORD_RE.search(norm, start.head_end, end))


def _code_list(norm: str, view: str, seg: tuple[int, int], lexicon: UnitLexicon | None,
               vocab: _Vocab) -> list[tuple[int, int]] | None:
    """"KHTH CNTT", "KB, CNTT, VTTB": a cell of bare unit codes, each one the plan or the
    vocabulary knows, is one unit per code, whatever separates them (a space where the PDF
    had a line break). A field's short form ("CNTT") counts here: nothing else is in the cell.
    A code that is a head word ("TT ĐT-CĐT": Trung tâm) leaves the cell to the usual rules."""
    pos, e = seg
    ascii_text = _is_ascii_text(norm)
    spans = []
    while True:
        pos = _SEPARATORS_RE.match(norm, pos, e).end()
        if pos >= e:
            break
        code = _ABBR_CORE_RE.match(norm, pos, e)
        if not code or (code.end() < e and norm[code.end()].isalnum()) or \
                _head_at(vocab, norm, view, pos, ascii_text) or not _known_code(code.group(), lexicon, vocab):
            return None
        spans.append(code.span())
        pos = code.end()
    return spans if len(spans) > 1 else None


_SEPARATORS_RE = regex.compile(r"[\s,]*")


def _known_code(code: str, lexicon: UnitLexicon | None, vocab: _Vocab) -> bool:
    """A code the vocabulary or the plan defines, or one that spells a name the plan writes
    in full ("VTTB" for "Phòng Vật tư - Thiết bị y tế")."""
    return _known_abbreviation(code, lexicon, vocab) or \
        _resolve_cached(code, lexicon, None).match != "unresolved"


def _split_segment(norm: str, view: str, seg: tuple[int, int], lexicon: UnitLexicon | None,
                   vocab: _Vocab) -> list[tuple[int, int]]:
    s, e = seg
    codes = _code_list(norm, view, seg, lexicon, vocab)
    if codes:
        return codes
    starts, _ = _starts(norm, view, seg, lexicon, vocab)
    spans: list[tuple[int, int]] = []
    current = _Start(s, None, False)  # placeholder: whatever precedes the first start
    for k, st in enumerate(starts):
        if not spans and current.pos == s and not _WORD_RE.search(norm, s, st.pos):
            current = st  # nothing but white space or a bullet before the first start
            continue
        if _closed_head_alone(norm, view, st, starts[k + 1].pos if k + 1 < len(starts) else e, vocab):
            continue  # "Các BV trực" / "thuộc Sở" / "Các TTYT": "Sở" ends the name before it
        # "Văn phòng Sở": a head right after a bare head is the name, not a new unit.
        if st.head_end is not None and not _has_name(norm, current, st.pos):
            continue
        if _owner_head(norm, st, e, current.pos):
            continue
        if _before_is_hyphen(norm, st.pos, s):
            continue  # "Phòng KH-TC-" + line break + "ĐD"
        if norm[s:st.pos].rstrip().endswith("(") and _WORD_RE.search(norm, s, st.pos):
            continue  # "Viễn thông Tây Ninh (VNPT)": a bracket glosses the unit before it
        if st.head_end is not None and _names_one_unit(norm[current.pos:st.head_end], lexicon):
            continue  # "Ban Thường vụ" + "Đảng ủy": one known name
        spans.append((current.pos, st.pos))
        current = st
    spans.append((current.pos, e))
    out = []
    for a, b in spans:
        a, b = _trim(norm, a, b, vocab)
        if b > a:
            out.append((a, b))
    return out


def _closed_head_alone(norm: str, view: str, st: _Start, next_start: int, vocab: _Vocab) -> bool:
    """A head whose names are a closed list ("Sở", "Bộ") with no name after it before the
    next unit: the last word of the name before it, not a unit of its own."""
    if st.head_end is None or norm[st.head_end:next_start].strip(" \t\n,;"):
        return False
    head = vocab.heads.get(_SPACES_RE.sub(" ", view[st.pos:st.head_end]))
    return head is not None and head.closed


def _names_one_unit(text: str, lexicon: UnitLexicon | None) -> bool:
    """Is the text, as written, a whole name the vocabulary or the plan knows?"""
    written = fold(squash_spaces(text.strip()))
    return written in _curated_names() or (
        lexicon is not None and any(fold(e.name) == written for es in lexicon.names.values() for e in es))


def name_tokens(text: str) -> tuple[str, ...]:
    """Words of a unit name as compared across line breaks: folded, a hyphen its own word."""
    return tuple(_NAME_HYPHEN_RE.sub(" - ", fold(text)).split())


_NAME_HYPHEN_RE = regex.compile(r"\s*[-–]\s*")


def known_name_prefixes(lexicon: UnitLexicon) -> frozenset[tuple[str, ...]]:
    """The openings (two words or more) of every unit name the plan or the vocabulary holds,
    as name_tokens: a line break inside one of them is no cell boundary."""
    key = ("known_name_prefixes",)
    if key not in lexicon._memo:
        own = _name_prefixes(e.name for es in lexicon.names.values() for e in es)
        lexicon._memo[key] = own | _curated_name_prefixes()
    return lexicon._memo[key]


def _name_prefixes(names) -> frozenset[tuple[str, ...]]:
    return frozenset(words[:k] for words in map(name_tokens, names) for k in range(2, len(words) + 1))


@lru_cache(maxsize=1)
def _curated_name_prefixes() -> frozenset[tuple[str, ...]]:
    return _name_prefixes(_curated_names())  # folded already: name_tokens folds again alike


@lru_cache(maxsize=1)
def _curated_names() -> frozenset[str]:
    return frozenset(fold(e.name) for es in load_vocabulary().curated_by_key.values() for e in es)


def _split_norm(norm: str, lexicon: UnitLexicon | None) -> list[tuple[int, int]]:
    vocab = load_vocabulary()
    view = _view(norm)
    out: list[tuple[int, int]] = []
    for seg in _segments(norm):
        out.extend(_split_segment(norm, view, seg, lexicon, vocab))
    return out


def split_units(cell_text: str, lexicon: UnitLexicon | None = None) -> list[tuple[int, int]]:
    """Spans (offsets into cell_text) of the unit mentions in a cell.

    Splits on ';', on a head word that opens a new unit (also across line breaks), and on ','
    only when what follows is a unit itself; all-units phrases ("Các khoa, phòng trực thuộc")
    and field lists ("KH, CN, đổi mới sáng tạo") stay whole. The optional lexicon lets a
    document's own names count as units after a comma.
    """
    omap = OffsetMap(cell_text)
    return [(omap.orig(a), omap.orig(b)) for a, b in _split_norm(omap.norm, lexicon)]


# ----------------------------------------------------------------------------- lexicon

_HEADING_RE = regex.compile(
    r"(?m)^[ \t]*(?:\d+(?:\.\d+)*[.)]|\p{Ll}[.)]|[-+•])[ \t]*(?P<name>[^\n:;]{2,160}?)[ \t]*(?::|;|\.?[ \t]*$)")
_RUN_STOP_RE = regex.compile(r"[:;()!?]|\.(?=\s|$)|\n[ \t]*(?:[-+•]|\d+[.)])")


def build_lexicon(document_text: str) -> UnitLexicon:
    """Learn the document's own full unit names and the abbreviations it uses for them.

    Full names come from lines that open with a number or bullet and a head word
    ("2. Phòng Kế hoạch - Tài chính - Điều dưỡng: ..."); an abbreviation written after a head
    word anywhere ("Phòng KH-TC-ĐD") is matched to a name written after a head word in the
    same document by the initials of its words, hyphen groups to ' - ' groups.
    """
    vocab = load_vocabulary()
    norm = normalize_text(document_text)
    view = _view(norm)
    lexicon = UnitLexicon(ascii=_is_ascii_text(norm))
    for m in _HEADING_RE.finditer(norm):
        _learn_plural(lexicon, m.group("name"), vocab)
        for name in _heading_names(m.group("name"), vocab):
            entry = _heading_entry(name, vocab)
            if entry and _doc_entry(lexicon, entry.key, entry.head) is None:
                lexicon.names.setdefault(entry.key, []).append(entry)
    lexicon.runs = tuple(_head_runs(norm, view, vocab, lexicon.ascii))
    _learn_bracketed(lexicon, norm, vocab)
    for abbr, head in _abbreviations_used(norm, view, vocab, lexicon.ascii):
        _document_abbreviation(lexicon, abbr, head, vocab)
    return lexicon


def _learn_bracketed(lexicon: UnitLexicon, norm: str, vocab: _Vocab) -> None:
    """"Công đoàn cơ sở (CĐCS)", "Phòng Kế hoạch tổng hợp (P.KHTH)": an abbreviation the plan
    defines in brackets after a unit's name. The name is the longest tail of the words before
    the bracket that names a known unit (the plan's or the vocabulary's)."""
    norm = _CODE_WRAP_RE.sub("", norm)  # "(Phòng ĐT-" / "NCKH)": a code wrapped at its hyphen
    for m in _BRACKETED_RE.finditer(norm):
        before = norm[max(0, m.start() - 120):m.start()]
        name = regex.split(r"[():;]", before)[-1]
        if m.group("coded"):
            _learn_coded(lexicon, name, squash_spaces(m.group("coded")), vocab)
            continue
        abbr = _SPACES_RE.sub("", _LETTER_PREFIX_RE.sub("", m.group("abbr"), count=1))
        found = _split_head_text(vocab, m.group("abbr"))
        headed = found[0] is not None and _ABBR_CORE_RE.fullmatch(found[1].strip()) is not None
        if headed:
            abbr = _SPACES_RE.sub("", found[1])  # "(Tổ QTM)": the head is written out too
        if abbr in lexicon.abbreviations or len(_abbr_key(abbr)) < 2:
            continue
        entry = _bracketed_name(name, abbr, lexicon, vocab, found[0] if headed else None)
        if entry is not None:
            lexicon.abbreviations[abbr] = replace(entry, abbr=abbr)


def _learn_coded(lexicon: UnitLexicon, text: str, written: str, vocab: _Vocab) -> None:
    """"Bệnh viện Đa khoa tỉnh Khánh Hòa (BVĐK tỉnh)": a code and the words after it in lower
    case. The code spells the name's first words and the lower-case words follow them; the
    short form is kept as written, since "BVĐK tỉnh" alone would only say "a general hospital"."""
    code, after = written.split(" ", 1)
    letters, tail_words = _abbr_letters(code), fold(after).split()
    n = len(letters)
    words = text.split()
    for k in range(max(0, len(words) - _MAX_NAME_WORDS - 1), len(words)):
        name_words = _name_words(" ".join(words[k:]), vocab)
        if not words[k][:1].isupper() or len(name_words) < n + len(tail_words):
            continue
        if "".join(_initial(w) for w in name_words[:n]) != letters or name_words[n:n + len(tail_words)] != tail_words:
            continue
        head, core = _split_head_text(vocab, " ".join(words[k:]).strip(" ,"))
        if head is None:
            # "Bảo hiểm xã hội thành phố Hà Nội (BHXH Thành phố)": the code is itself a head
            # whose written-out form opens the name
            head = vocab.heads.get(fold(code))
            canon_words = head.canon.split() if head else []
            if head is None or fold(" ".join(words[k:k + len(canon_words)])) != fold(head.canon):
                return
            core = " ".join(words[k + len(canon_words):]).strip(" ,")
        if written in lexicon.abbreviations:
            return
        lexicon.abbreviations[written] = replace(_named_entry(lexicon, head, core, vocab), abbr=written)
        return


def _bracketed_name(text: str, abbr: str, lexicon: UnitLexicon, vocab: _Vocab,
                    written_head: _Head | None = None) -> _Entry | None:
    """written_head: the head the bracket writes out ("(Tổ BHYT)"), or None."""
    words = text.split()
    for k in range(max(0, len(words) - _MAX_NAME_WORDS - 1), len(words)):
        tail = " ".join(words[k:])
        if not tail[:1].isupper():
            continue
        head, core = _split_head_text(vocab, tail)
        if not (_spells(abbr, tail, head, vocab) or (written_head is not None and head == written_head
                                                       and _spells_tail(abbr, core, vocab))):
            continue
        if head is None:
            entry = next((e for e in vocab.curated_by_key.get(_key(tail, vocab), ()) if e.head is None), None)
            if entry is not None:
                _record_name(lexicon, entry)
            return entry
        return _named_entry(lexicon, head, core, vocab)
    return None


def _named_entry(lexicon: UnitLexicon, head: _Head, core: str, vocab: _Vocab) -> _Entry:
    """The plan's entry for a name under a head, made and recorded in its lexicon if new."""
    entry = _doc_entry(lexicon, _key(core, vocab), head) or _entry(
        _canon_head_name(head, core), head, _kind_of(head, core, vocab), core, vocab, None, "document")
    _record_name(lexicon, entry)
    return entry


def _record_name(lexicon: UnitLexicon, entry: _Entry) -> None:
    if _doc_entry(lexicon, entry.key, entry.head) is None:
        lexicon.names.setdefault(entry.key, []).append(entry)


def _spells(abbr: str, name: str, head: _Head | None, vocab: _Vocab) -> bool:
    """Do the abbreviation's letters spell the initials of the name's words, with or without
    its head ("Viễn thông Tây Ninh (VNPT)" is a brand, not initials)?"""
    letters = _abbr_letters(abbr)
    words = _name_words(name, vocab)
    initials = "".join(_initial(w) for w in words)
    head_len = len(head.canon.split()) if head else 0
    return letters in (initials, "".join(_initial(w) for w in words[head_len:]))


def _abbr_letters(abbr: str) -> str:
    return "".join(_abbr_groups(abbr)).replace("/", "").replace(".", "")


def _name_words(name: str, vocab: _Vocab) -> list[str]:
    """A name's folded words an abbreviation spells: connectors ("và", "&") left out."""
    return [w for w in _WORD_RE.findall(fold(name)) if w not in vocab.connectors]


def _spells_tail(abbr: str, core: str, vocab: _Vocab) -> bool:
    """"Tổ Giám định bảo hiểm y tế (Tổ BHYT)": with the head written in the bracket, the
    letters may spell the last words of the name only (two at least), or its first words."""
    # "phòng, chống" (prevention) is a phrase of the name, not a second unit after a comma
    plain = vocab.not_heads_re.sub(" ", fold(core))
    if regex.search(r"[,;\n()]", plain) or vocab.head_re.search(plain):
        return False  # one name only: no list, no second unit
    if fold(core).endswith(" " + fold(abbr)):
        return True   # "Khoa Phòng, chống HIV/AIDS (Khoa HIV/AIDS)": the code is the name's last word
    letters = _abbr_letters(abbr)
    words = _name_words(core, vocab)
    initials = "".join(_initial(w) for w in words)
    # "Khoa Phục hồi chức năng Người lớn (Khoa PHCN)": or the first words, a qualifier after them
    return 2 <= len(letters) and len(words) - len(letters) <= _UNSPELT_WORDS \
        and (initials.endswith(letters) or (initials.startswith(letters) and len(words) - len(letters) <= 2))


# Words at the front of a name its abbreviation may leave out ("Giám định" in "Tổ BHYT").
_UNSPELT_WORDS = 3


_CODE_WRAP_RE = regex.compile(r"(?<=\([^()\n]{0,12}[\p{Lu}\p{N}]-)\n(?=[\p{Lu}\p{N}][^()\n]{0,12}\))")
_BRACKETED_RE = regex.compile(
    r"\((?P<abbr>(?:[pktPKT]\.\s*)?[\p{Lu}][\p{Lu}\p{N}.&\-]{1,15}"
    r"|\p{Lu}\p{Ll}+\s+[\p{Lu}\p{N}.&\-/]{2,12})\)"
    # "(BVĐK tỉnh)", "(TTYT khu vực)", "(PKĐKKV Phúc Trạch)": a code and the name's last words
    # "(BHXH Thành phố)": a capitalised word, then lower-case ones
    r"|\((?P<coded>[\p{Lu}][\p{Lu}\p{N}.&\-]{1,11}(?:\s+\p{Ll}+){1,2}|[\p{Lu}][\p{Lu}\p{N}.&\-]{2,11}(?:\s+\p{Lu}\p{Ll}+){1,3}"
    r"|[\p{Lu}][\p{Lu}\p{N}.&\-]{2,11}\s+\p{Lu}\p{Ll}+(?:\s+\p{Ll}+){1,2})\)")


def _heading_names(text: str, vocab: _Vocab) -> list[str]:
    """A heading naming several units ("3. Khoa Dược, Khoa Khám bệnh: …") names each; a comma
    inside one name ("Phòng Tổ chức hành chính, Kế hoạch nghiệp vụ") is not followed by a head."""
    parts = [p.strip() for p in text.rstrip(" ,;").split(",")]  # a wrapped heading ends "(Khoa CĐHA),"
    if len(parts) > 1 and all(p and _split_head_text(vocab, p)[0] is not None for p in parts):
        return parts
    return [text]


def _learn_plural(lexicon: UnitLexicon, text: str, vocab: _Vocab) -> None:
    """An all-units heading of the plan's own list ("4. Các trạm y tế xã, phường")."""
    # "Các bệnh viện trực thuộc Sở (các BV trực thuộc), các Trung tâm Y tế": the phrase ends at
    # its bracketed short form
    text = squash_spaces(text.split("(", 1)[0])
    m = vocab.all_units_re.match(fold(text))
    if m and " " in m.group():
        lexicon.plurals.setdefault(_plural_key(fold(text).split(" ", 1)[1]), text)


def _plural_key(words: str) -> str:
    return " ".join(_WORD_RE.findall(fold(words)))


def _document_plural(lexicon: UnitLexicon | None, head: _Head, core: str) -> str | None:
    """"TYT các xã", "Trạm y tế các xã": the head with "các" before the rest of its name is
    the document's "Các trạm y tế xã, phường" when the plan lists exactly one such phrase."""
    words = core.split()
    markers = [i for i, w in enumerate(words) if fold(w) in load_vocabulary().plural_markers]
    if lexicon is None or not lexicon.plurals or not markers or markers[0] == len(words) - 1:
        return None
    key = _plural_key(" ".join([head.canon] + words[:markers[0]] + words[markers[0] + 1:]))
    found = [p for k, p in lexicon.plurals.items() if k == key or k.startswith(key + " ")]
    return found[0] if len(found) == 1 else None


def _heading_entry(text: str, vocab: _Vocab) -> _Entry | None:
    # the line may end inside the short form's bracket ("… Thành phố (CDC" / "Thành phố):")
    # or after it and a comma ("… bệnh viện (Phòng QLCL)," / "Phòng Điều dưỡng …")
    text = _OPEN_PAREN_TAIL_RE.sub("", text.rstrip(" ,;"))
    text = squash_spaces(_HEADING_PAREN_RE.sub("", text))
    if vocab.all_units_re.match(fold(text)):
        return None
    head, core = _split_head_text(vocab, text)
    words = _WORD_RE.findall(core)
    if head is None or not words or len(words) > _MAX_NAME_WORDS or _ABBR_CORE_RE.fullmatch(core.strip()):
        return None
    kind = _kind_of(head, core, vocab)
    return _entry(_canon_head_name(head, core), head, kind, core, vocab, None, "document")


def _head_runs(norm: str, view: str, vocab: _Vocab, ascii_text: bool):
    """Each head word of the document with the words that follow it up to a stop."""
    protected = [m.span() for m in vocab.all_units_re.finditer(view)]
    heads = []
    for m in _head_pattern(vocab, ascii_text).finditer(view):
        found = _head_at(vocab, norm, view, m.start(), ascii_text)
        if not found or any(a <= m.start() < b for a, b in protected):
            continue
        nxt = _SPACES_AT_RE.match(norm, found[1]).end()
        lowercase_ok = m.group() not in vocab.lowercase_never and _capitalised(norm, nxt)
        if _capitalised(norm, m.start()) or lowercase_ok:
            heads.append((m.start(), found))
    for i, (pos, (head, end)) in enumerate(heads):
        stop = _RUN_STOP_RE.search(norm, end)
        limit = min(stop.start() if stop else len(norm), heads[i + 1][0] if i + 1 < len(heads) else len(norm))
        tokens = tuple(t for t in _TOKEN_RE.findall(norm[end:limit]))[:16]
        yield head, tokens, tuple(fold(t) for t in tokens)


def _abbreviations_used(norm: str, view: str, vocab: _Vocab, ascii_text: bool):
    for m in _head_pattern(vocab, ascii_text).finditer(view):
        found = _head_at(vocab, norm, view, m.start(), ascii_text)
        if not found:
            continue
        nxt = _SPACES_AT_RE.match(norm, found[1]).end()
        abbr = _ABBR_CORE_RE.match(norm, nxt)
        if abbr and len(_abbr_key(abbr.group())) >= 2:
            yield _SPACES_RE.sub("", abbr.group()), found[0]


def _initials_match(tokens: tuple[str, ...], folded: tuple[str, ...], groups: tuple[str, ...],
                    vocab: _Vocab) -> tuple[int, bool] | None:
    """Number of tokens spelling the abbreviation's initials, and whether groups matched."""
    letters = "".join(groups).replace("/", "")
    got, name_groups, current = "", [], ""
    for i, (tok, low) in enumerate(zip(tokens, folded)):
        if tok in "-,&/":
            if current:
                name_groups.append(current)
                current = ""
            continue
        if low in vocab.connectors:
            continue
        if _ABBR_TOKEN_RE.fullmatch(tok) and got and letters.startswith(got + low):
            piece = low  # "KSBT-HIV/AIDS": an abbreviation the name itself holds is written whole
        elif not tok[0].isalpha() or _ABBR_TOKEN_RE.fullmatch(tok):
            return None  # a digit or an abbreviation is no spelled-out name
        else:
            piece = _initial(low)
        got += piece
        current += piece
        if not letters.startswith(got):
            return None
        if got == letters:
            name_groups.append(current)
            return i + 1, tuple(name_groups) == groups
    return None


def _initial(word: str) -> str:
    """A word's letter in an abbreviation: its first letter without tone or vowel marks ("ảnh"
    gives "a" in CĐHA); "đ" stays "đ" (ĐD, CĐHA)."""
    return word[0] if word[0] == _D_STROKE else strip_diacritics(word[0])


_D_STROKE = "\u0111"   # a letter of its own, not a "d" with a mark


def _without_head_initials(groups: tuple[str, ...], head: _Head) -> tuple[str, ...] | None:
    initials = "".join(_initial(w) for w in fold(head.canon).split())
    if len(groups[0]) <= len(initials) or not groups[0].startswith(initials):
        return None
    return (groups[0][len(initials):], *groups[1:])


def _document_abbreviation(lexicon: UnitLexicon, abbr: str, want: _Head | None,
                           vocab: _Vocab) -> _Entry | None:
    """The document's full name for an abbreviation, found by initials (cached)."""
    cache_key = (_abbr_key(abbr), want)
    if cache_key in lexicon._searched:
        return lexicon._searched[cache_key]
    groups = _abbr_groups(abbr)
    ranks: dict[str, list[int]] = {}    # key -> [hyphen groups matched, kind fits, listed, occurrences]
    entries: dict[str, _Entry] = {}
    hits = [(head, tokens, hit) for head, tokens, folded in lexicon.runs
            if (hit := _initials_match(tokens, folded, groups, vocab))]
    if not hits and want is None:
        # "PKĐK" for "Phòng khám đa khoa", "TTYT": initials that spell the head word too
        hits = [(head, tokens, hit) for head, tokens, folded in lexicon.runs
                if (rest := _without_head_initials(groups, head))
                and (hit := _initials_match(tokens, folded, rest, vocab))]
    for head, tokens, hit in hits:
        core = _join_tokens(tokens[:hit[0]])
        listed = _doc_entry(lexicon, _key(core, vocab), head)
        entry = listed or _entry(
            _canon_head_name(head, core), head, _kind_of(head, core, vocab), core, vocab, None, "document")
        if _is_prefix_of_known(entry, lexicon):
            entry = _extended_by_abbreviations(entry, lexicon)
            if entry is None:
                continue  # "KH" must not become "Phòng Kế hoạch" when "Phòng Kế hoạch tổng hợp" is written
        entries.setdefault(entry.key, entry)
        rank = ranks.setdefault(entry.key, [0, 0, 0, 0])
        rank[0] = max(rank[0], int(hit[1]))
        rank[1] = max(rank[1], int(_compatible(want, entry)))
        rank[2] = max(rank[2], int(listed is not None))  # the plan's own list over a misspelt use
        rank[3] += 1
    result = _pick(ranks, entries, ambiguous=_abbr_key(abbr) in vocab.ambiguous)
    if result is not None:
        result = replace(result, abbr=abbr)
        if _doc_entry(lexicon, result.key, result.head) is None:
            lexicon.names.setdefault(result.key, []).append(result)
        lexicon.abbreviations.setdefault(abbr, result)
    lexicon._searched[cache_key] = result
    return result


def _pick(ranks: dict[str, list[int]], entries: dict[str, _Entry], ambiguous: bool) -> _Entry | None:
    """Best name; None when two names fit equally (always so for ambiguous initials)."""
    if not ranks:
        return None
    order = sorted(ranks, key=lambda k: ranks[k], reverse=True)
    if len(order) > 1:
        first, second = ranks[order[0]], ranks[order[1]]
        if first[:3] == second[:3] and (ambiguous or first[3] == second[3]):
            return None
    return entries[order[0]]


def _doc_entry_extending(lexicon: UnitLexicon | None, key: str, head: _Head | None) -> _Entry | None:
    """The one unit the document names in full whose name starts with the written one, under
    the same head word: a table's "Khoa Dược" is the "Khoa Dược - Trang thiết bị - Vật tư y
    tế" of the plan's own list. Two candidates: none (the short name is ambiguous)."""
    if lexicon is None or head is None or not key:
        return None
    found = [e for k, es in lexicon.names.items() if k.startswith(key + " ")
             for e in es if e.head == head]
    return found[0] if len(found) == 1 else None


def _extended_by_abbreviations(entry: _Entry, lexicon: UnitLexicon) -> _Entry | None:
    """"Khoa KSBT" when the plan names "Khoa Kiểm soát bệnh tật và HIV/AIDS": the one longer
    name adds only words written in capitals, which initials never spell out, or a tail that
    abbreviations leave out (units.yaml: omitted_tails)."""
    longer = _doc_entry_extending(lexicon, entry.key, entry.head)
    if longer is None:
        return None
    added = longer.key[len(entry.key):].split()
    capitals = {fold(w) for w in _WORD_RE.findall(longer.name) if w.isupper()}
    if added and (all(w in capitals for w in added) or " ".join(added) in load_vocabulary().omitted_tails):
        return longer  # "VTTB" for "Vật tư - Thiết bị y tế": "y tế" goes without saying
    return None


def _is_prefix_of_known(entry: _Entry, lexicon: UnitLexicon) -> bool:
    return any(k != entry.key and k.startswith(entry.key + " ") for k in lexicon.names)


def _join_tokens(tokens: tuple[str, ...]) -> str:
    out = ""
    for tok in tokens:
        if tok == ",":
            out += ","
        elif tok in "-&/":
            out += f" {tok}"
        else:
            out += f" {tok}"
    return out.strip()


def _kind_of(head: _Head | None, core: str, vocab: _Vocab) -> str:
    """Head kind, but a name holding an external head ('Văn phòng Sở') is external."""
    if head is None:
        return "unknown"
    if head.kind != "external":
        for w in _WORD_RE.findall(core):
            h = vocab.heads.get(fold(w))
            if h and h.kind == "external" and w[0].isupper():
                return "external"
    return head.kind


# ----------------------------------------------------------------------------- resolving

_CODE_GOES_ON_RE = regex.compile(r"-[\p{L}\p{N}]")


def _expand_short_forms(core: str, vocab: _Vocab) -> str:
    """'KH, CN, đổi mới' → 'khoa học, công nghệ, đổi mới' inside names that also hold words."""
    if not _LOWER_RE.search(core):
        return core  # a pure abbreviation is resolved, not expanded

    def repl(m: regex.Match) -> str:
        before = core[:m.start()].rstrip()
        glued = core[:m.start()].endswith("-") and before.split()
        after_word = glued and _LOWER_RE.search(before.split()[-1])
        if (glued or _CODE_GOES_ON_RE.match(core, m.end())) and not after_word:
            return m.group(0)  # inside a code ("KH-TC-VT"), not after a word ("Dược-TTB-VTYT")
        text = vocab.field_forms.get(m.group(1)) or vocab.part_forms[m.group(1)]
        if not before or before.endswith("-"):
            return text[0].upper() + text[1:]
        return text
    return vocab.expand_re.sub(repl, core)


def _may_name(head: _Head | None, entry: _Entry) -> bool:
    """Can words written under this head (or none) name the entry? An outside body needs its
    head: "Y tế" closing a task name is a field, not "Sở Y tế"."""
    return _compatible(head, entry) and (head is not None or entry.kind != "external")


def _compatible(head: _Head | None, entry: _Entry) -> bool:
    """Same head word, or the same kind of department ("Phòng QLCL" is not "Tổ QLCL")."""
    if head is None or entry.head == head:
        return True
    return entry.kind == head.kind and head.kind in load_vocabulary().department_kinds


def _doc_entry(lexicon: UnitLexicon | None, key: str, head: _Head | None) -> _Entry | None:
    if lexicon is None:
        return None
    return next((e for e in lexicon.names.get(key, ()) if _compatible(head, e)), None)


def _curated_abbreviation(abbr: str, head: _Head | None, ascii_text: bool, vocab: _Vocab) -> _Entry | None:
    key = _abbr_key(abbr)
    entries = vocab.curated_by_abbr.get(key, ())
    same = [e for e in entries if _compatible(head, e)]
    if not same and ascii_text:
        # ASCII text writes ĐD as DD: accept a curated abbreviation equal once Đ is folded.
        same = [e for k, es in vocab.curated_by_abbr.items() if strip_diacritics(k) == key
                for e in es if _compatible(head, e)]
    return (same or list(entries) or [None])[0]


def _fuzzy(key: str, head: _Head | None, lexicon: UnitLexicon | None,
           vocab: _Vocab) -> tuple[_Entry, float] | None:
    documented = [e for es in lexicon.names.values() for e in es if _may_name(head, e) and e.skey] \
        if lexicon else []
    curated, curated_keys = _curated_pool(head)
    pool = documented + curated
    if not pool or not key:
        return None
    best = process.extractOne(strip_diacritics(key), [e.skey for e in documented] + curated_keys,
                              scorer=fuzz.ratio)
    if best is None or best[1] < _FUZZY_MIN:
        return None
    return pool[best[2]], best[1]


@lru_cache(maxsize=None)
def _curated_pool(head: _Head | None) -> tuple[list[_Entry], list[str]]:
    """Curated names a mention under this head may fuzzily match, with their fuzzy keys
    (the same few heads recur in every document: filtered once, not per mention)."""
    pool = [e for e in load_vocabulary().curated if _may_name(head, e) and e.skey]
    return pool, [e.skey for e in pool]


def _make(text: str, name: str, abbr: str | None, kind: str, how: str, conf: float) -> UnitMatch:
    return UnitMatch(text, name, abbr, kind, how, round(min(max(conf, 0.0), 1.0), 3), 0, 0)


def _entry_abbr(entry: _Entry, lexicon: UnitLexicon | None, vocab: _Vocab) -> str | None:
    if lexicon:
        for abbr, e in lexicon.abbreviations.items():
            if e.key == entry.key:
                return abbr
    if entry.abbr:
        return entry.abbr
    curated = vocab.curated_by_key.get(entry.key, ())
    return next((e.abbr for e in curated if e.abbr and e.kind == entry.kind), None)


def _memoised(compute, lexicon: UnitLexicon | None, *args):
    """compute(*args, lexicon) once per lexicon (first result kept: resolving may teach the
    lexicon an abbreviation, and later calls must see the same answer); without a lexicon the
    result is pure and a bounded module cache holds it."""
    if lexicon is None:
        return _pure(compute, *args)
    key = (compute, *args)
    if key not in lexicon._memo:
        lexicon._memo[key] = compute(*args, lexicon)
    return lexicon._memo[key]


@lru_cache(maxsize=1 << 14)
def _pure(compute, *args):
    return compute(*args, None)


def _resolve_cached(text: str, lexicon: UnitLexicon | None, inherited: _Head | None,
                    fuzzy: bool = True) -> UnitMatch:
    return _memoised(_resolve, lexicon, text, inherited, fuzzy)


def _resolve(text: str, inherited: _Head | None, fuzzy: bool, lexicon: UnitLexicon | None) -> UnitMatch:
    vocab = load_vocabulary()
    norm = normalize_text(text)
    start, end = _trim(norm, 0, len(norm), vocab)
    written = squash_spaces(norm[start:end])
    view = _view(written)
    ascii_text = _is_ascii_text(written)
    if not written:
        return _make(written, written, None, "unknown", "unresolved", 0.0)
    if vocab.all_units_re.match(view):
        return _make(written, written, None, "all-units", "all-units", 1.0)
    coded = lexicon.abbreviations.get(written) if lexicon is not None and " " in written else None
    if coded is not None:  # "BVĐK tỉnh", defined in brackets after the name
        return _make(written, coded.name, written, coded.kind, "document", 0.95)
    plural = _plural_of_head(written, view, lexicon, vocab)
    if plural is not None:
        return plural
    found = _head_at(vocab, written, view, 0, ascii_text)
    head, core = (found[0], written[found[1]:].strip()) if found else (None, written)
    if head is not None and not core and _ABBR_CORE_RE.fullmatch(written):
        # "CDC" alone is a known abbreviation before it is the head of "CDC tỉnh"
        known = _resolve_abbreviation(written, written, None, lexicon, vocab, ascii_text)
        if known.match in ("curated", "document"):
            return known
    plural = _document_plural(lexicon, head, core) if head else None
    if plural:
        return _make(written, plural, None, "all-units", "document", 0.9)
    abbr = _ABBR_CORE_RE.fullmatch(core)
    if abbr and len(_abbr_key(core)) >= 2:
        code = _SPACES_RE.sub("", core)
        defined = lexicon.abbreviations.get(code) if lexicon is not None and head is None else None
        if defined is not None:  # "CĐCS" the plan defined: the head inherited from "Phòng TCCB," is no clue
            return _make(written, defined.name, code, defined.kind, "document", 0.95)
        return _resolve_abbreviation(written, code, head or inherited, lexicon, vocab, ascii_text)
    return _resolve_name(written, head, core, inherited, lexicon, vocab, fuzzy)


def _plural_of_head(written: str, view: str, lexicon: UnitLexicon | None, vocab: _Vocab) -> UnitMatch | None:
    """"Các TYT", "Các trạm y tế xã": a plural marker before a head names every unit of that
    kind: the plan's own phrase for them when it lists one, else the head spelt out."""
    first = view.split(" ", 1)[0]
    if first not in vocab.plural_markers or " " not in written:
        return None
    rest_at = len(written) - len(written.split(" ", 1)[1])
    found = _head_at(vocab, written, view, rest_at, _is_ascii_text(written))
    if not found:
        return None
    head, core = found[0], written[found[1]:].strip()
    own = _document_plural(lexicon, head, f"{first} {core}".strip())
    spelt = f"{written[:rest_at]}{head.canon[:1].lower()}{head.canon[1:]} {core}".strip()
    return _make(written, own or spelt, None, "all-units", "document" if own else "all-units", 0.9)


def _misread_abbreviation(abbr: str, lexicon: UnitLexicon | None, vocab: _Vocab) -> str | None:
    """The one known abbreviation an unknown one becomes with one letter OCR confuses
    (units.yaml: ocr_confusions), or None when none or several do."""
    found = {abbr[:i] + other + abbr[i + 1:]
             for i, ch in enumerate(abbr) for other in vocab.ocr_confusions.get(ch, ())}
    known = [a for a in found if _known_abbreviation(a, lexicon, vocab)]
    return known[0] if len(known) == 1 else None


def _resolve_abbreviation(written: str, abbr: str, head: _Head | None, lexicon: UnitLexicon | None,
                          vocab: _Vocab, ascii_text: bool) -> UnitMatch:
    if lexicon is not None:
        entry = lexicon.abbreviations.get(abbr)
        if entry is None or not _compatible(head, entry):
            entry = _document_abbreviation(lexicon, abbr, head, vocab)
        if entry is not None:
            conf = 0.95 if _compatible(head, entry) else 0.8
            return _make(written, entry.name, abbr, entry.kind, "document", conf)
    if _abbr_key(abbr) in vocab.ambiguous:
        return _make(written, written, abbr, "unknown", "unresolved", 0.3)
    entry = _curated_abbreviation(abbr, head, ascii_text, vocab)
    if entry is None:
        misread = _misread_abbreviation(abbr, lexicon, vocab)
        if misread is not None:  # "Phòng KHIH" of a scan: the T of "KHTH" read as I
            found = _resolve_abbreviation(written, misread, head, lexicon, vocab, ascii_text)
            return replace(found, unit_abbr=abbr, confidence=round(found.confidence * 0.8, 2))
        return _make(written, written, abbr, "unknown", "unresolved", 0.3 if head else 0.1)
    if head and not _compatible(head, entry):
        # "Tổ QLCL": the document's head word wins over the curated one.
        core = entry.name[len(entry.head.canon):].strip() if entry.head else entry.name
        return _make(written, _canon_head_name(head, core), abbr, head.kind, "curated", 0.75)
    return _make(written, entry.name, abbr, entry.kind, "curated", 0.9)


def _resolve_name(written: str, head: _Head | None, core: str, inherited: _Head | None,
                  lexicon: UnitLexicon | None, vocab: _Vocab, fuzzy: bool = True) -> UnitMatch:
    expanded = _expand_short_forms(core, vocab)
    key = _key(expanded, vocab)
    use_head = head or inherited
    entry = _doc_entry(lexicon, key, use_head)
    if entry is not None and _may_name(use_head, entry):
        return _make(written, entry.name, _entry_abbr(entry, lexicon, vocab), entry.kind, "document", 1.0)
    longer = _doc_entry_extending(lexicon, key, head)
    if longer is not None:
        return _make(written, longer.name, _entry_abbr(longer, lexicon, vocab), longer.kind, "document", 0.9)
    for entry in vocab.curated_by_key.get(key, ()):
        # "Đoàn Thanh niên" after "Phòng TCCB,": a body with no head word inherits none
        if _may_name(use_head, entry) or (head is None and entry.head is None):
            return _make(written, entry.name, _entry_abbr(entry, lexicon, vocab), entry.kind, "curated", 0.9)
    named = _headless_name_then_place(written, vocab) if head is None else None
    if named is not None:  # "Bảo hiểm xã hội tỉnh Đồng Nai" after "Phòng CNTT,": no "Phòng"
        entry, place = named
        return _make(written, f"{entry.name} {place}", None, entry.kind, "curated", 0.85)
    close = _fuzzy(key, use_head, lexicon, vocab) if fuzzy else None
    if close is not None:
        entry, score = close
        if not _is_ascii_text(key):
            # A name written with diacritics that still differs from the name is a spelling mistake.
            score = min(score, fuzz.ratio(key, entry.key))
        conf = 0.5 + 0.4 * max(0.0, score - _FUZZY_MIN) / (100 - _FUZZY_MIN)
        return _make(written, entry.name, _entry_abbr(entry, lexicon, vocab), entry.kind, "fuzzy", conf)
    if head is not None:
        inner = _inner_unit(core, lexicon)
        name = f"{head.canon} {inner or expanded}".strip()
        return _make(written, name, None, _kind_of(head, expanded, vocab), "as-written", 0.8)
    if inherited is not None and key:
        name = _canon_head_name(inherited, expanded)
        return _make(written, name, None, _kind_of(inherited, expanded, vocab), "as-written", 0.6)
    return _make(written, written, None, "unknown", "unresolved", 0.1)


def _headless_name_then_place(written: str, vocab: _Vocab) -> tuple[_Entry, str] | None:
    """A name the vocabulary knows without a head word, then a province ("Bảo hiểm xã hội
    tỉnh Đồng Nai"): the entry and the place as written."""
    words = written.split()
    for k in range(len(words) - 1, 0, -1):
        entry = next((e for e in vocab.curated_by_key.get(_key(" ".join(words[:k]), vocab), ())
                      if e.head is None), None)
        if entry is not None:
            place = " ".join(words[k:]).rstrip(" ,;.")
            return (entry, place) if is_place(place) else None
    return None


@lru_cache(maxsize=4096)
def is_place(text: str) -> bool:
    """The whole text names a province, with or without its type word ("tỉnh Hưng Yên")."""
    text = text.rstrip(" ,;.")
    place = province_opening(text)
    return place is not None and place.end == len(text)


def province_opening(text: str):
    """The province the text opens with, after its type word if any ("tỉnh Hưng Yên …"),
    or None."""
    place = find_province(text)
    lead = fold(text[:place.start]).strip() if place else None
    return place if lead is not None and (not lead or lead in _place_phrases()) else None


@lru_cache(maxsize=1)
def _place_phrases() -> frozenset[str]:
    return frozenset(" ".join(p) for p in load_vocabulary().place_words)


def _inner_unit(core: str, lexicon: UnitLexicon | None) -> str | None:
    """"Chi bộ Phòng KHTH": the known unit a body's name holds, spelt out ("Chi bộ Phòng Kế
    hoạch tổng hợp")."""
    if not core[:1].isupper() or not load_vocabulary().head_first_re.match(fold(core)):
        return None
    inner = _resolve_cached(core, lexicon, None, False)
    return inner.unit_name if inner.match in ("document", "curated") and inner.unit_text == core else None


def _with_span(m: UnitMatch, start: int, end: int) -> UnitMatch:
    return UnitMatch(m.unit_text, m.unit_name, m.unit_abbr, m.unit_kind, m.match, m.confidence, start, end)


def resolve_unit(text: str, lexicon: UnitLexicon | None = None) -> UnitMatch:
    """Resolve one mention; start/end locate it (trimmed) inside text."""
    return _resolve_span(text, OffsetMap(text), None, lexicon, None)


def _resolve_span(text: str, omap: OffsetMap, span: tuple[int, int] | None,
                  lexicon: UnitLexicon | None, inherited: _Head | None) -> UnitMatch:
    vocab = load_vocabulary()
    a, b = span if span else _trim(omap.norm, 0, len(omap.norm), vocab)
    m = _resolve_cached(omap.norm[a:b], lexicon, inherited)
    return _with_span(m, omap.orig(a), omap.orig(b))


def _head_of_name(name: str) -> _Head | None:
    return _split_head_text(load_vocabulary(), name)[0]


def resolve_units(cell_text: str, lexicon: UnitLexicon | None = None) -> list[UnitMatch]:
    """Split a cell and resolve each mention, in order, without duplicate names.

    A mention without a head word ("..., Kế hoạch nghiệp vụ") inherits the head of the unit
    before it.
    """
    omap = OffsetMap(cell_text)
    out: list[UnitMatch] = []
    seen: set[str] = set()
    inherited: _Head | None = None
    for span in _split_norm(omap.norm, lexicon):
        m = _resolve_span(cell_text, omap, span, lexicon, inherited)
        head = _head_of_name(m.unit_name) if m.unit_kind not in ("all-units", "unknown") else None
        inherited = head or inherited
        if _key(m.unit_name, load_vocabulary()) in seen:
            continue
        seen.add(_key(m.unit_name, load_vocabulary()))
        out.append(m)
    return out
