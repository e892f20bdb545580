"""Legal-basis rows: each document cited by number, once, with its role in the plan."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from normalize.text import fold

from .citations import Citation
from .structure import Layout


@dataclass(frozen=True)
class LegalBasis:
    seq: int
    role: str
    cited_type: str | None
    cited_number: str
    cited_number_raw: str
    cited_date: dt.date | None
    cited_issuer: str | None
    cited_subject: str | None
    text: str
    page: int
    char_start: int
    char_end: int


def _basis_ranges(layout: Layout) -> list[tuple[int, int]]:
    """Where a citation is the plan's own legal basis: the title, the preamble before the first
    numbered heading, and any "Căn cứ pháp lý" section."""
    ranges = []
    if layout.title_lines:
        ranges.append((layout.title_lines[0].start, layout.title_lines[-1].end))
    for section in layout.sections:
        if section.path == "preamble" or section.kind == "legal_basis":
            ranges.append((section.start, section.end))
    return ranges


def citation_role(c: Citation, layout: Layout, own_number: str | None) -> str:
    appendix_start = layout.appendix_lines[0].start if layout.appendix_lines else None
    in_appendix = appendix_start is not None and c.start >= appendix_start
    if in_appendix and (c.cited_number == own_number or (
            c.lead and fold(c.lead).startswith("kèm theo") and _same_kind(c.cited_number, own_number))):
        return "self"
    if any(start <= c.start < end for start, end in _basis_ranges(layout)):
        return "basis"
    return "reference"


def _same_kind(cited: str, own: str | None) -> bool:
    """"(Kèm theo Kế hoạch số …)" under the appendix title is the plan itself even when its
    number reads differently (a draft's blank, an OCR slip), but a table cell's "ban hành kèm
    theo Quyết định số 245/QĐ-BV" cites another kind of document than the plan's "…/CTr-BV"."""
    return own is None or _kind_code(cited) == _kind_code(own)


def _kind_code(number: str) -> str:
    """"KH" of "240/KH-BV", and of a Party number "15-KH/ĐU"."""
    before, _, after = number.partition("/")
    return fold(before.partition("-")[2] if "-" in before else after.rpartition("/")[2].split("-", 1)[0])


def citations_to_legal_basis(citations: list[Citation], layout: Layout, own_number: str | None,
                             page_at) -> list[LegalBasis]:
    """One row per cited number, in the order of first mention, read from its fullest
    mention: a title naming "Nghị quyết số 57-NQ/TW" before the "Căn cứ" line that dates it
    takes the Căn cứ line's role, date and issuer. The plan's own number only as `self`."""
    header_end = layout.header_lines[-1].end if layout.header_lines else -1
    chosen: dict[str, tuple[Citation, str]] = {}
    for c in citations:
        if c.start <= header_end:
            continue
        role = citation_role(c, layout, own_number)
        if c.cited_number == own_number and role != "self":
            continue  # the plan citing itself in its body is not a basis
        best = chosen.get(c.cited_number)
        if best is None or _fullness(c, role) > _fullness(*best):
            chosen[c.cited_number] = (c, role)
    first = {}
    for c in citations:
        first.setdefault(c.cited_number, c.start)
    rows: list[LegalBasis] = []
    for c, role in sorted(chosen.values(), key=lambda cr: first[cr[0].cited_number]):
        rows.append(LegalBasis(len(rows) + 1, role, c.cited_type, c.cited_number, c.number_raw,
                               c.cited_date, c.cited_issuer, c.cited_subject, c.text,
                               page_at(c.start), c.start, c.end))
    return rows


def _fullness(c: Citation, role: str) -> tuple[int, int]:
    """A mention in the legal basis (or the plan's own line) first, then the one saying most."""
    return int(role in ("basis", "self")), (c.cited_date is not None) + (c.cited_issuer is not None)
