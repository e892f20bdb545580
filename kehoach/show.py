"""What was extracted from one document, readable in a terminal, with page numbers."""
from __future__ import annotations

import textwrap

from extract.model import ExtractionError

from .pipeline import extract_file

_HEADER_FIELDS = ("doc_type", "doc_number", "doc_symbol", "issuer", "parent_issuer", "province",
                  "place", "issued_date", "issued_year", "title", "signer_name", "signer_title",
                  "signing_mode")


def _short(value, width: int = 70) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= width else text[:width - 1] + "…"


def _units(values) -> str:
    return "; ".join(values) if values else "—"


def _deadline(row: dict) -> str:
    if not row.get("deadline_text"):
        return "—"
    span = f" [{row['due_start']}..{row['due_end']}]" if row.get("due_end") else ""
    every = f" ({row['recurrence']})" if row.get("recurrence") else ""
    return f"{row['deadline_text']}{span}{every}"


def _page_sources(pages: list[dict]) -> list[str]:
    """Pages not read from the file's own text: how each was read and how sure we are."""
    read_otherwise = [p for p in pages if p["text_source"] != "text_layer"]
    if not read_otherwise:
        return []
    out = ["", f"Text source ({len(read_otherwise)} of {len(pages)} page(s) not from the text layer)"]
    for p in read_otherwise:
        how = f"OCR, mean word confidence {p['ocr_mean_conf']:.0f}" if p["text_source"] == "ocr" else \
            f"legacy font encoding {p['legacy_encoding']} converted"
        flags = f"; {'; '.join(p['warnings'])}" if p["warnings"] else ""
        out.append(f"  p{p['page']} {how}{flags}")
    return out


def render_document(tables: dict[str, list[dict]]) -> str:
    doc = tables["documents"][0]
    out = [f"{doc['source_path']}  (doc_id {doc['doc_id']}, {doc['page_count']} page(s))", ""]
    out += [f"  {name:<14} {_short(doc.get(name), 100)}" for name in _HEADER_FIELDS if doc.get(name) is not None]
    out += _page_sources(tables.get("pages", []))
    out += ["", f"Legal basis ({len(tables['legal_basis'])})"]
    for r in tables["legal_basis"]:
        out.append(f"  p{r['page']} {r['role']:<9} {r['cited_type'] or '?':<12} {r['cited_number']:<16} "
                   f"{str(r['cited_date'] or ''):<10} {_short(r['cited_issuer'], 40)}")
    out += ["", f"Targets ({len(tables['targets'])})"]
    for r in tables["targets"]:
        value = f"{r['comparator'] or ''} {r['value'] if r['value'] is not None else ''} {r['unit'] or ''}".strip()
        out.append(f"  p{r['page']} [{r['source']}] {value or '(no number)'} — {_short(r['text'])}")
        if r["deadline_text"] or r["responsible"]:
            out.append(f"      by {_deadline(r)}; responsible: {_units(r['responsible'])}")
    out += ["", f"Tasks ({len(tables['tasks'])})"]
    for r in tables["tasks"]:
        group = f"{r['group_no']}." if r["group_no"] else ""
        out.append(f"  p{r['page_start']} {group}{r['task_no']} {_short(r['name'])}")
        out.append(f"      lead: {_units(r['lead_units'])} | partners: {_units(r['partner_units'])}")
        out.append(f"      product: {_short(r['product'] or r['quantity_text'] or '—', 60)} | due: {_deadline(r)}")
    out += ["", f"Responsibilities ({len(tables['responsibilities'])})"]
    for r in tables["responsibilities"]:
        out.append(f"  p{r['page']} {r['unit_name']}: {_short(r['duties'], 90)}")
    from .compare import explain_indicators  # pandas: only when a document is shown

    out += [""] + explain_indicators(tables)
    if doc["warnings"]:
        out += ["", "Warnings"] + [textwrap.indent(w, "  ") for w in doc["warnings"]]
    return "\n".join(out)


def show(path: str) -> str:
    result = extract_file(path)
    if result.status == "failed":
        raise ExtractionError(result.error_code, result.error_message)
    return render_document(result.tables)
