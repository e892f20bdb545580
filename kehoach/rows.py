"""Extraction records → table rows (dicts keyed by the columns of schemas.tables)."""
from __future__ import annotations

from dataclasses import asdict

from extract.content import Responsibility, Target, Task, TaskUnit
from extract.header import Header
from extract.legal_basis import LegalBasis
from extract.model import Document
from extract.structure import Layout
from normalize.text import join_lines


def document_row(doc: Document, header: Header, warnings: list[str], version: str) -> dict:
    fields = {k: v for k, v in asdict(header).items() if k != "warnings"}
    return dict(doc_id=doc.doc_id, source_path=doc.source_path, source_sha256=doc.source_sha256,
                source_format=doc.source_format, page_count=doc.page_count, **fields,
                parser_version=version, warnings=warnings, text=doc.text)


def legal_basis_rows(doc_id: str, rows: list[LegalBasis]) -> list[dict]:
    return [dict(doc_id=doc_id, **asdict(r)) for r in rows]


def section_rows(doc: Document, layout: Layout) -> list[dict]:
    out: list[dict] = []

    def add(path, heading, kind, level, lines, text=None):
        if lines:
            out.append(dict(doc_id=doc.doc_id, seq=len(out) + 1, path=path, heading=heading,
                            kind=kind, level=level,
                            text=text if text is not None else join_lines([ln.text for ln in lines]),
                            page=lines[0].page, char_start=lines[0].start, char_end=lines[-1].end))

    add("header", "", "other", 0, layout.header_lines, "\n".join(ln.text for ln in layout.header_lines))
    title = [layout.type_line] + layout.title_lines if layout.type_line else []
    add("title", layout.type_line.text if layout.type_line else "", "other", 0, title)
    for s in layout.sections:
        lines = [ln for b in s.blocks for ln in b.lines]
        add(s.path, s.heading, s.kind, s.level, lines, s.text)
    add("recipients", "Nơi nhận", "recipients", 0, layout.recipient_lines,
        "\n".join(ln.text for ln in layout.recipient_lines))
    add("signature", "", "signature", 0, layout.signature_lines,
        "\n".join(ln.text for ln in layout.signature_lines))
    add("appendix", layout.appendix_lines[0].text if layout.appendix_lines else "", "appendix", 0,
        layout.appendix_lines, "\n".join(ln.text for ln in layout.appendix_lines))
    return out


def _deadline_fields(deadline) -> dict:
    return dict(deadline_text=deadline.deadline_text, due_start=deadline.due_start,
                due_end=deadline.due_end, grain=deadline.grain, recurrence=deadline.recurrence)


def _target_year(deadline) -> int | None:
    """The year a target is due; one that starts then with no end ("từ Quý III/2026") is
    that year's."""
    if deadline.due_end:
        return deadline.due_end.year
    return deadline.due_start.year if deadline.due_start else None


def target_rows(doc_id: str, targets: list[Target]) -> list[dict]:
    out = []
    for i, t in enumerate(targets, start=1):
        q = t.quantity
        out.append(dict(doc_id=doc_id, target_id=f"{doc_id}-t{i:03d}", source=t.source, text=t.text,
                        comparator=q.comparator, value=q.value, unit=q.unit, per=q.per,
                        subject=q.subject, quantity_text=t.quantity_text, **_deadline_fields(t.deadline),
                        year=_target_year(t.deadline),
                        responsible=t.responsible, task_no=t.task_no, page=t.page,
                        char_start=t.char_start, char_end=t.char_end))
    return out


def task_rows(doc_id: str, tasks: list[Task]) -> list[dict]:
    out = []
    for t in tasks:
        row = {k: v for k, v in asdict(t).items() if k != "deadline"}
        out.append(dict(doc_id=doc_id, **row, **_deadline_fields(t.deadline)))
    return out


def task_unit_rows(doc_id: str, units: list[TaskUnit]) -> list[dict]:
    return [dict(doc_id=doc_id, task_no=u.task_no, role=u.role, unit_text=u.unit.unit_text,
                 unit_name=u.unit.unit_name, unit_abbr=u.unit.unit_abbr, unit_kind=u.unit.unit_kind,
                 match=u.unit.match, confidence=u.unit.confidence) for u in units]


def responsibility_rows(doc_id: str, items: list[Responsibility]) -> list[dict]:
    return [dict(doc_id=doc_id, seq=i, unit_name=r.unit.unit_name, unit_text=r.unit.unit_text,
                 unit_kind=r.unit.unit_kind, heading=r.heading, duties=r.duties, page=r.page,
                 char_start=r.char_start, char_end=r.char_end)
            for i, r in enumerate(items, start=1)]


def page_rows(doc: Document) -> list[dict]:
    """One row per page: where its text came from. Readers that do not decide per page (text,
    DOCX) give their own text, counted per page from the lines."""
    return [dict(doc_id=doc.doc_id, page=s.page, text_source=s.text_source, confidence=s.confidence,
                 chars=s.chars, ocr_mean_conf=s.ocr_mean_conf, legacy_encoding=s.encoding,
                 warnings=list(s.warnings), ocr_raw_text=s.raw_text)
            for s in doc.pages or doc.page_sources()]
