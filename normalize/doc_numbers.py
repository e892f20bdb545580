"""Document numbers ("số, ký hiệu"): parse, repair and canonicalize.

Two styles exist (domain.md §1.4, §1.10): state style puts a slash after the number
("71/NQ-CP", "13/2023/NĐ-CP"), Party style a hyphen ("57-NQ/TW"). The character right after the
digits tells them apart, which is also why dates ("22/12/2024") and ranges ("2025-2030") never
parse: a ký hiệu must start with an upper-case letter.

Pure module: the vocabulary comes from data/doc_types.yaml, no extract imports.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex

from normalize.text import fold, load_yaml

_VOCAB_PATH = Path(__file__).parent / "data" / "doc_types.yaml"


@dataclass(frozen=True)
class DocTypeSpec:
    name: str
    abbr: str | None
    words: tuple[str, ...]


@dataclass(frozen=True)
class DocVocab:
    """doc_types.yaml, loaded once. Word lists are kept as written; callers fold them."""

    types: tuple[DocTypeSpec, ...]
    generic_type_words: tuple[str, ...]
    generic_fallback: str
    party_type_overrides: dict[str, str | None]
    issuer_abbreviations: dict[str, str]
    type_repairs: dict[str, str]
    issuer_repairs: dict[str, str]
    number_words: tuple[str, ...]
    header_number_word: str
    lead_verbs: dict[str, tuple[str, ...]]
    issuer_intro: tuple[str, ...]
    issuer_before_cues: tuple[str, ...]
    issuer_stops: tuple[str, ...]
    issuer_keep: tuple[str, ...]
    issuer_closed: frozenset[str]  # folded
    issuer_shared_by: tuple[str, ...]
    subject_drop: tuple[str, ...]
    subject_keep: tuple[str, ...]
    date_words: dict[str, str]


def raw_yaml_to_vocab(data: dict) -> DocVocab:
    return DocVocab(
        types=tuple(DocTypeSpec(t["name"], t.get("abbr"), tuple(t["words"])) for t in data["types"]),
        generic_type_words=tuple(data["generic_type_words"]),
        generic_fallback=data["generic_fallback"],
        party_type_overrides=dict(data["party_type_overrides"]),
        issuer_abbreviations=dict(data["issuer_abbreviations"]),
        type_repairs=dict(data["type_repairs"]),
        issuer_repairs=dict(data["issuer_repairs"]),
        number_words=tuple(data["number_words"]),
        header_number_word=data["header_number_word"],
        lead_verbs={k: tuple(v) for k, v in data["lead_verbs"].items()},
        issuer_intro=tuple(data["issuer_intro"]),
        issuer_before_cues=tuple(data["issuer_before_cues"]),
        issuer_stops=tuple(data["issuer_stops"]),
        issuer_keep=tuple(data["issuer_keep"]),
        issuer_closed=frozenset(" ".join(fold(w).split()) for w in data["issuer_closed"]),
        issuer_shared_by=tuple(data["issuer_shared_by"]),
        subject_drop=tuple(data["subject_markers"]["drop"]),
        subject_keep=tuple(data["subject_markers"]["keep"]),
        date_words=dict(data["date_words"]),
    )


@lru_cache(maxsize=1)
def load_doc_vocab() -> DocVocab:
    with open(_VOCAB_PATH, encoding="utf-8") as fh:
        return raw_yaml_to_vocab(load_yaml(fh.read()))


@lru_cache(maxsize=1)
def abbr_to_type_map() -> dict[str, str]:
    """"KH" → "Kế hoạch" (state abbreviations, NĐ 30 Phụ lục III)."""
    return {t.abbr: t.name for t in load_doc_vocab().types if t.abbr}


@dataclass(frozen=True)
class DocNumber:
    number: str | None  # "57", "7181"; None when left blank in a draft ("Số:      /KH-BVHH")
    year: int | None  # 2023 in "13/2023/NĐ-CP" (VBQPPL numbers carry their year)
    symbol: str  # the ký hiệu: "KH-SYT", "NQ-CP" (state), "NQ/TW" (Party)
    style: str  # "state" | "party"
    canonical: str  # "57-NQ/TW", "71/NQ-CP", "13/2023/NĐ-CP"; "/KH-BVHH" when number blank
    raw: str  # as written (stripped)
    repaired: bool  # canonical differs from raw beyond white space


# --- regular expressions, built once from the vocabulary -------------------------------------

# One group of a ký hiệu. The lookahead refuses to stop inside a word, so "- Bộ" or "TWvề" never
# become part of a symbol.
_GROUP = r"[A-ZĐ][A-Za-zĐđ0-9&]*(?!\w)"
# Inside a ký hiệu the hyphen takes no spaces (a " - " is a dash in running text), but a PDF line
# may break right after it; a clerk's spaced hyphen ("5316/QĐ - BYT", "46/2018/TT- BYT") is
# taken only before an issuer code in capitals.
_HYPHEN = r"(?:-(?:[ \t]*\n\s*)?(?![ \t])|[ \t]?-[ \t]?(?=[A-ZĐ]{2,}[a-z]?(?!\w)))"
_SYMBOL = rf"{_GROUP}(?:{_HYPHEN}{_GROUP})*"


def _alternation(words) -> str:
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=1)
def _number_body() -> str:
    vocab = load_doc_vocab()
    party_types = set(abbr_to_type_map()) | {k for k in vocab.party_type_overrides}
    known = _alternation(party_types)
    state = (
        rf"(?P<s_num>\d{{1,5}})?\s*/\s*(?:(?P<s_year>(?:19|20)\d{{2}})\s*/\s*)?(?P<s_sym>{_SYMBOL})"
    )
    # Party style: "57-NQ/TW"; OCR/PDF damage drops the hyphen ("06 TB/CQTTBCĐ", "06TB/…"), which
    # is only trusted when the type is a known abbreviation.
    party = (
        rf"(?P<p_num>\d{{1,5}})"
        rf"(?:\s*-\s*(?P<p_type>[A-ZĐ][A-Za-zĐđ]{{0,4}})|\s*(?P<p_type2>(?:{known})))"
        rf"\s*/\s*(?P<p_iss>{_SYMBOL})"
    )
    return rf"(?:{party}|{state})"


@lru_cache(maxsize=1)
def doc_number_scan_re() -> regex.Pattern:
    """Finds numbers in running text: digits required, not glued to a preceding word/date."""
    body = _number_body().replace(r"(?P<s_num>\d{1,5})?", r"(?P<s_num>\d{1,5})")
    return regex.compile(rf"(?<![\w/.\-]){body}")


@lru_cache(maxsize=1)
def _parse_re() -> regex.Pattern:
    return regex.compile(rf"\s*{_number_body()}\s*")


@lru_cache(maxsize=1)
def _prefix_re() -> regex.Pattern:
    # "Số:", "số", "**" in front of a number written as a field value
    words = _alternation(fold(w) for w in load_doc_vocab().number_words)
    return regex.compile(rf"^[\s*|]*(?:(?:{words})\s*:?)?[\s*|]*")


# --- pure helpers ----------------------------------------------------------------------------

def _without_space(s: str) -> str:
    return regex.sub(r"\s+", "", s)


def _repair_type_token(token: str) -> str:
    repaired = load_doc_vocab().type_repairs.get(token, token)
    if repaired in abbr_to_type_map():
        return repaired
    # OCR prints a letter twice ("QĐĐ", "KHH"): one of each is a known type abbreviation
    single = regex.sub(r"(.)\1+", r"\1", repaired)
    return single if single in abbr_to_type_map() else repaired


def _repair_issuer_token(token: str) -> str:
    return load_doc_vocab().issuer_repairs.get(token, token)


def _split_glued(group: str) -> list[str]:
    """"QĐBYT" → ["QĐ", "BYT"], only when the tail is a known issuer (else it is no repair)."""
    vocab = load_doc_vocab()
    types = abbr_to_type_map()
    if group in types or group in vocab.issuer_abbreviations:
        return [group]
    issuers = set(vocab.issuer_abbreviations)
    for abbr in sorted(types, key=len, reverse=True):
        tail = group[len(abbr):]
        if group.startswith(abbr) and tail and _repair_issuer_token(tail) in issuers:
            return [abbr, _repair_issuer_token(tail)]
    return [group]


def state_symbol_to_canonical(symbol: str) -> str:
    groups = _without_space(symbol).split("-")
    head = _repair_type_token(groups[0])
    rest = [_repair_issuer_token(g) for g in groups[1:]]
    if not rest:
        return "-".join(_split_glued(head))
    return "-".join([head, *rest])


def party_symbol_to_canonical(type_token: str, issuer: str) -> str:
    groups = [_repair_issuer_token(g) for g in _without_space(issuer).split("-")]
    return f"{_repair_type_token(type_token)}/{'-'.join(groups)}"


def match_to_doc_number(m: regex.Match, raw: str) -> DocNumber:
    """Build a DocNumber from a match of the number pattern (scan or parse)."""
    if m.group("p_num"):
        number = m.group("p_num")
        symbol = party_symbol_to_canonical(m.group("p_type") or m.group("p_type2"), m.group("p_iss"))
        canonical, style, year = f"{number}-{symbol}", "party", None
    else:
        number = m.group("s_num")
        symbol = state_symbol_to_canonical(m.group("s_sym"))
        year = int(m.group("s_year")) if m.group("s_year") else None
        parts = [number or "", *([str(year)] if year else []), symbol]
        canonical, style = "/".join(parts), "state"
    core = m.group(0)
    return DocNumber(
        number=number,
        year=year,
        symbol=symbol,
        style=style,
        canonical=canonical,
        raw=raw,
        repaired=_without_space(core) != _without_space(canonical),
    )


def parse_doc_number(raw: str) -> DocNumber | None:
    """Parse one written number ("Số: 05 /2008/TT-BYT", "45- NQ/TW", "  /KH-BVHH").

    Returns None for anything that is not a document number (dates, ranges, free text).
    """
    written = raw.strip()
    prefix = _prefix_re().match(fold(written))
    body = written[prefix.end():] if prefix else written
    body = body.rstrip("*| \t\n")
    m = _parse_re().fullmatch(body)
    if m is None:
        return None
    return match_to_doc_number(m, written)


def doc_type_from_symbol(symbol: str) -> str | None:
    """Type name from a ký hiệu: "KH-BV" → "Kế hoạch", "NQ/TW" → "Nghị quyết".

    None when the ký hiệu carries no type (công văn "BYT-KCB") or when it is ambiguous
    (Party "QĐ" = Quyết định or Quy định).
    """
    vocab = load_doc_vocab()
    types = abbr_to_type_map()
    compact = _without_space(symbol)
    if "/" in compact:
        head = _repair_type_token(compact.split("/", 1)[0])
        if head in vocab.party_type_overrides:
            return vocab.party_type_overrides[head]
        return types.get(head)
    head = state_symbol_to_canonical(compact).split("-", 1)[0]
    return types.get(head)
