"""One document in, table rows out: read → structure → extract → normalize.

`extract_file` is pure and picklable (a path in, a `DocumentResult` out, never raising), so a
process pool or a cluster engine can map it over any number of files.
"""
from __future__ import annotations

import hashlib
import os
import time
import traceback
from dataclasses import dataclass, field

from extract.citations import find_citations
from extract.content import (layout_to_objective_targets, layout_to_responsibilities,
                             objective_table_targets, plan_year_of, row_to_task, task_to_targets)
from extract.header import Header, extract_header
from extract.legal_basis import citations_to_legal_basis
from extract.model import Document, ExtractionError
from extract.read_text import normalized_to_view
from extract.structure import Layout, document_to_layout
from extract.table_grids import grids_to_rows
from extract.tables import lines_to_indicator_tables, lines_to_rows
from normalize.units import build_lexicon

from extract.read import read_document

from . import __version__
from . import rows as to_rows

PARSER_VERSION = __version__


@dataclass
class DocumentResult:
    source_path: str
    source_sha256: str | None
    doc_id: str | None
    size_bytes: int
    status: str                     # ok | partial | failed
    error_code: str | None = None
    error_message: str | None = None
    duration_ms: int = 0
    pages: int | None = None
    tables: dict[str, list[dict]] = field(default_factory=dict)


def extract_file(path: str) -> DocumentResult:
    """Extract one file; every failure becomes a result with an error code."""
    started = time.perf_counter()
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        return DocumentResult(path, None, None, 0, "failed", "missing",
                              "The file disappeared before it could be read.")
    except OSError as exc:
        return DocumentResult(path, None, None, 0, "failed", "unsupported_format",
                              f"The file cannot be read: {exc.strerror}.")
    result = extract_bytes(data, path)
    result.duration_ms = int((time.perf_counter() - started) * 1000)
    return result


def extract_bytes(data: bytes, source_path: str) -> DocumentResult:
    sha = hashlib.sha256(data).hexdigest() if data else None
    base = dict(source_path=source_path, source_sha256=sha, doc_id=sha[:16] if sha else None,
                size_bytes=len(data))
    try:
        doc = read_document(data, source_path)
        tables = document_to_tables(doc)
    except ExtractionError as exc:
        return DocumentResult(**base, status="failed", error_code=exc.code, error_message=exc.message)
    except Exception as exc:  # a bug must cost one document, not the batch
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return DocumentResult(**base, status="failed", error_code="internal_error",
                              error_message=f"{type(exc).__name__}: {exc} "
                                            f"(at {os.path.basename(where.filename)}:{where.lineno})")
    warnings = tables["documents"][0]["warnings"]
    return DocumentResult(**base, status="partial" if warnings else "ok",
                          pages=doc.page_count, tables=tables)


def warm_up() -> None:
    """Read the vocabularies now. Called in the parent before the workers are forked, they
    inherit them instead of each reading and compiling them for its first document."""
    from extract.table_headers import header_vocab
    from extract.vocab import layout_vocab
    from normalize.deadlines import deadline_vocab
    from normalize.doc_numbers import load_doc_vocab
    from normalize.quantities import load_vocab
    from normalize.units import load_vocabulary

    for load in (header_vocab, layout_vocab, deadline_vocab, load_doc_vocab, load_vocab, load_vocabulary):
        load()


def _require_plan_elements(doc: Document, layout: Layout, header: Header, n_citations: int) -> None:
    numbered = [s for s in layout.sections if s.level > 0]
    if header.doc_type is None and header.doc_symbol is None and n_citations == 0 and len(numbered) < 2:
        raise ExtractionError("not_a_plan",
                              "No document type line, number, citation or numbered section was found: "
                              "this is not an administrative document.")


def document_to_tables(doc: Document) -> dict[str, list[dict]]:
    layout = document_to_layout(doc)
    citations = find_citations(doc.without_furniture(normalized_to_view(doc.text)))
    header = extract_header(doc, layout, citations)
    _require_plan_elements(doc, layout, header, len(citations))
    lexicon = build_lexicon(doc.text)
    plan_year = plan_year_of(header.issued_year, header.issued_date, header.title)
    warnings = list(doc.warnings) + header.warnings

    legal = citations_to_legal_basis(citations, layout, header.doc_number, doc.page_at)
    in_objectives = [g for g in doc.tables if _in_objectives(layout, g)]
    objective_spans = [_grid_span(g) for g in in_objectives]
    objective_rows = grids_to_rows(in_objectives, doc.lines)
    if not in_objectives:
        for span, table_rows in _objective_text_tables(doc, layout, lexicon):
            objective_spans.append(span)
            objective_rows += table_rows
    rows = _table_rows(doc, layout, lexicon, [g for g in doc.tables if g not in in_objectives], objective_spans)
    targets = layout_to_objective_targets(layout, plan_year, objective_spans)
    targets += [t for row in objective_rows for t in objective_table_targets(row, lexicon, plan_year)]
    tasks, task_units = [], []
    for row in rows:
        task, units = row_to_task(row, lexicon, plan_year)
        tasks.append(task)
        task_units.extend(units)
        targets.extend(task_to_targets(task, row))
    responsibilities = layout_to_responsibilities(layout, lexicon)
    warnings += _content_warnings(tasks, task_units, targets)

    return {
        "documents": [to_rows.document_row(doc, header, warnings, PARSER_VERSION)],
        "legal_basis": to_rows.legal_basis_rows(doc.doc_id, legal),
        "sections": to_rows.section_rows(doc, layout),
        "targets": to_rows.target_rows(doc.doc_id, targets),
        "tasks": to_rows.task_rows(doc.doc_id, tasks),
        "task_units": to_rows.task_unit_rows(doc.doc_id, task_units),
        "responsibilities": to_rows.responsibility_rows(doc.doc_id, responsibilities),
        "pages": to_rows.page_rows(doc),
    }


def _table_rows(doc: Document, layout: Layout, lexicon, grids, objective_spans):
    """Tables read from layout (PDF ruling, DOCX XML) when the reader found them; otherwise the
    flattened-text parser over the whole text (a task table may stand in the body, under
    "Nhiệm vụ cụ thể", as well as in the appendix), less the objectives' tables: their rows are
    targets, already read."""
    lines = [ln for ln in doc.lines if not any(a <= ln.start < b for a, b in objective_spans)]
    section_starts = frozenset([s.start for s in layout.sections if s.level == 1 and s.blocks] +
                               [ln.start for ln in layout.appendix_lines[:1]])
    return grids_to_rows(grids, doc.lines) or lines_to_rows(lines, lexicon, section_starts)


def _objective_text_tables(doc: Document, layout: Layout, lexicon):
    """Indicator tables the flattened text prints inside the objectives (no grid was read)."""
    spans = [(s.start, s.end) for s in layout.sections_of_kind("objectives")]
    lines = [ln for ln in doc.lines if any(a <= ln.start < b for a, b in spans)]
    return lines_to_indicator_tables(lines, lexicon) if lines else []


def _grid_span(grid) -> tuple[int, int]:
    cells = [c for r in grid.rows for c in r if c is not None]
    return min(c.start for c in cells), max(c.end for c in cells)


def _in_objectives(layout: Layout, grid) -> bool:
    """A table printed inside the objectives ("2. Chỉ tiêu cụ thể", then a table of
    indicators): its rows are the plan's targets, not appendix tasks."""
    start = _grid_span(grid)[0]
    section = next((s for s in reversed(layout.sections) if s.blocks and s.start <= start), None)
    return section is not None and section.kind == "objectives" and start <= section.end


def _content_warnings(tasks, task_units, targets) -> list[str]:
    out = []
    for tu in task_units:
        if tu.unit.unit_kind == "unknown":
            out.append(f"task {tu.task_no}: unit not resolved: {tu.unit.unit_text!r}")
    for t in tasks:
        if t.deadline.warning:
            out.append(f"task {t.task_no}: {t.deadline.warning}")
    return out
