"""The units vocabulary (data/units.yaml, loaded once and validated), the types every units
module shares (`UnitMatch`, `UnitLexicon`) and small helpers on names and abbreviations.

Part of normalize.units (see its docstring); helpers shared inside that family keep their
leading underscore.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import regex

from normalize.text import fold, load_yaml, normalize_text, strip_diacritics

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
    # "các đơn vị trực thuộc" -> "Các đơn vị sự nghiệp trực thuộc Sở": groups the plan names
    # in words ("(sau đây gọi chung là …)"), by the short form's match view
    collectives: dict[str, str] = field(default_factory=dict)
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
    short_form_cue_re: regex.Pattern         # "(sau đây gọi tắt là …)", over normalized text
    person_re: regex.Pattern                 # a person's title and name: "BS. Trần Văn Hùng"
    person_note_re: regex.Pattern            # a trailing "(KS. Lê Minh)" after a unit
    post_re: regex.Pattern                   # "Trưởng phòng KHTH" → "phòng KHTH"
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
    owned_bodies: tuple[str, ...]            # folded: "hội đồng", "công đoàn"
    owner_names: frozenset[str]              # folded: "sở y tế", "trung tâm"
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
    all_units = _with_openers(raw["all_units"], raw["all_units_openers"])
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
        # "tất cả" / "toàn bộ" as an optional prefix of the "Các …" phrases: one alternation
        # half the size of one listing every variant (the regex runs over every cell)
        all_units_re=_bounded(r"(?:(?:" + _alternation([fold(o) for o in raw["all_units_openers"]]) + r")\s+"
                              r"(?=các\s))?(?:" + _alternation([fold(p) for p in raw["all_units"]]) + ")"),
        all_units_words=tuple(tuple(_WORD_RE.findall(fold(p))) for p in all_units),
        person_re=regex.compile(r"(?:" + _alternation(raw["person_titles"]) + r")\s*\p{Lu}[^()]{0,40}?"
                                r"\s*\((?P<post>[^()]{3,60})\)$"),
        person_note_re=regex.compile(r"\s*\((?:" + _alternation(raw["person_titles"]) + r")\s*\p{Lu}[^()]{0,40}\)\s*$"),
        post_re=regex.compile(r"^(?:" + _alternation(raw["post_words"]) + r")\s+(?=\S)", regex.IGNORECASE),
        short_form_cue_re=regex.compile(r"\(\s*(?:" + _alternation(raw["short_form_cues"]) + r")\s*:?\s*",
                                        regex.IGNORECASE),
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
        owned_bodies=tuple(fold(w) + " " for w in raw["owned_bodies"]),
        owner_names=frozenset(fold(w) for w in raw["owner_names"]),
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


def _with_openers(phrases: list[str], openers: list[str]) -> list[str]:
    """"Các khoa lâm sàng" and "Tất cả các khoa lâm sàng": the same units."""
    plural = [p for p in phrases if fold(p).startswith("các ")]
    return list(dict.fromkeys(phrases + [f"{o} {p[:1].lower()}{p[1:]}" for o in openers for p in plural]))


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


def _headless_entry(name: str, vocab: _Vocab) -> _Entry | None:
    """The vocabulary's entry for a name written without a head word ("Công đoàn Bệnh viện",
    "Bảo hiểm xã hội"), or None."""
    return next((e for e in vocab.curated_by_key.get(_key(name, vocab), ()) if e.head is None), None)


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


def opens_with_plural(text: str, vocab: _Vocab) -> bool:
    """"Các đơn vị trực thuộc", "những bệnh viện …": the text opens with a plural marker."""
    return _view(text).split(" ", 1)[0] in vocab.plural_markers


def _canon_head_name(head: _Head, core: str) -> str:
    core = core.strip()
    # "Ủy ban nhân dân các xã, phường": a name of places in the plural keeps its "các"
    if core and core[0].islower() and not head.lower_name and not opens_with_plural(core, load_vocabulary()):
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
        paren = _TRAILING_PAREN_RE.search(norm, start, end) or vocab.person_note_re.search(norm, start, end)
        if paren and paren.start() > start:
            end = paren.start()
            continue
        last = _LAST_WORD_RE.search(norm[start:end])
        if last and fold(last.group(1)) in vocab.connectors and last.start() > 0:
            end = start + last.start()
            continue
        return start, end


def _initial(word: str) -> str:
    """A word's letter in an abbreviation: its first letter without tone or vowel marks ("ảnh"
    gives "a" in CĐHA); "đ" stays "đ" (ĐD, CĐHA)."""
    return word[0] if word[0] == _D_STROKE else strip_diacritics(word[0])


_D_STROKE = "\u0111"   # a letter of its own, not a "d" with a mark


# ----------------------------------------------------------------------------- known names

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
