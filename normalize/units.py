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

The work is split by stage: unit_vocab.py (vocabulary, shared types), unit_split.py (a cell
cut into mentions), unit_lexicon.py (the document's own names), unit_resolve.py (a mention to
its canonical name); this module holds the public entry points.
"""
from __future__ import annotations

from normalize.text import OffsetMap
from normalize.unit_lexicon import build_lexicon
from normalize.unit_resolve import _resolve_cached, is_place, province_opening
from normalize.unit_split import _split_norm, may_open_units
from normalize.unit_vocab import (MATCHES, UnitLexicon, UnitMatch, _Head, _key, _split_head_text, _trim, _view,
                                  known_name_prefixes, load_vocabulary, name_tokens)

__all__ = ["MATCHES", "UnitLexicon", "UnitMatch", "build_lexicon", "is_place", "known_name_prefixes",
           "load_vocabulary", "may_open_units", "name_tokens", "province_opening", "resolve_unit",
           "resolve_units", "split_units"]


def split_units(cell_text: str, lexicon: UnitLexicon | None = None) -> list[tuple[int, int]]:
    """Spans (offsets into cell_text) of the unit mentions in a cell.

    Splits on ';', on a head word that opens a new unit (also across line breaks), and on ','
    only when what follows is a unit itself; all-units phrases ("Các khoa, phòng trực thuộc")
    and field lists ("KH, CN, đổi mới sáng tạo") stay whole. The optional lexicon lets a
    document's own names count as units after a comma.
    """
    omap = OffsetMap(cell_text)
    return [(omap.orig(a), omap.orig(b)) for a, b in _split_norm(omap.norm, lexicon)]


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


def _labels_a_list(norm: str, span: tuple[int, int]) -> bool:
    """"Các bệnh viện: BVĐK thành phố, BV Ung bướu": a group followed by a colon and more
    units labels the list after it and is no unit itself."""
    start, end = span
    after = norm[end:end + 3].lstrip(" \t")
    return after.startswith(":") and norm[end:].strip(" \t:\n") != "" and \
        load_vocabulary().all_units_re.match(_view(norm[start:end])) is not None


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
        if _labels_a_list(omap.norm, span):
            continue
        m = _resolve_span(cell_text, omap, span, lexicon, inherited)
        head = _head_of_name(m.unit_name) if m.unit_kind not in ("all-units", "unknown") else None
        inherited = head or inherited
        if _key(m.unit_name, load_vocabulary()) in seen:
            continue
        seen.add(_key(m.unit_name, load_vocabulary()))
        out.append(m)
    return out
