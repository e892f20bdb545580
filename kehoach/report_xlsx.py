"""`kehoach compare --xlsx FILE`: the comparison as an Excel workbook for provincial staff.

Sheets: "Ma trận" (hospitals × indicators, header row and first column frozen), one sheet per
indicator (each hospital's targets with deadline, responsible unit and source text), "Chưa
phân loại" (targets without an indicator, with the reason), "Văn bản" (documents and their
extraction warnings) and "Danh mục chỉ tiêu" (the catalog).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from normalize.indicators import catalog

from .compare import Comparison, document_notes, format_cell, format_deadline, format_value

HEAD_FONT = Font(bold=True, color="FFFFFF")
HEAD_FILL = PatternFill("solid", fgColor="1F4E79")
NONE_FILL = PatternFill("solid", fgColor="F2F2F2")
WRAP = Alignment(wrap_text=True, vertical="top")


def _sheet(wb: Workbook, title: str, header: list[str], rows: list[list], widths: list[int]):
    ws = wb.create_sheet(title[:31])
    ws.append(header)
    for cell in ws[1]:
        cell.font, cell.fill, cell.alignment = HEAD_FONT, HEAD_FILL, WRAP
    for row in rows:
        ws.append(row)
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = WRAP
    ws.freeze_panes = "B2"
    return ws


def _date(v) -> str:
    return "" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v)


def _deadline_full(r: dict) -> str:
    text = format_deadline(r)
    span = f" ({_date(r.get('due_start'))} → {_date(r.get('due_end'))})" if _date(r.get("due_end")) else ""
    return text + span


def _s(v):
    return None if v is None or (isinstance(v, float) and pd.isna(v)) else v


def _source(r: dict, docs: dict) -> str:
    d = docs.get(r["doc_id"], {})
    number = _s(d.get("doc_number")) or _s(d.get("doc_symbol")) or r["doc_id"]
    return f"{number}, trang {r['page']}" if r.get("page") is not None and not pd.isna(r.get("page")) else str(number)


def write_xlsx(result: Comparison, path: Path | str) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    names = catalog()
    docs = {d["doc_id"]: d for d in result.documents.to_dict("records")}
    wb = Workbook()
    wb.remove(wb.active)

    # 1. the matrix
    header = ["Bệnh viện", "Tỉnh"] + [f"{names[c].name} ({c})" for c in result.indicators]
    rows = [[name, province or ""] + [format_cell(result.headline(key, c)) for c in result.indicators]
            for key, name, province in result.orgs]
    ws = _sheet(wb, "Ma trận", header, rows, [42, 14] + [22] * len(result.indicators))
    ws.row_dimensions[1].height = 60
    for row in ws.iter_rows(min_row=2, min_col=3):
        for cell in row:
            if cell.value == "—":
                cell.fill = NONE_FILL

    # 2. one sheet per indicator
    cols = ["Bệnh viện", "Tỉnh", "Chỉ tiêu", "Thời hạn", "Đơn vị phụ trách", "Nội dung (nguyên văn)",
            "Văn bản, trang", "Nguồn", "Độ tin cậy phân loại"]
    for code in result.indicators:
        sub = result.rows[result.rows.indicator == code]
        rows = []
        for key, name, province in result.orgs:
            mine = [r for r in sub.to_dict("records") if r["org_key"] == key]
            if not mine:
                rows.append([name, province or "", "— (không có chỉ tiêu)", "", "", "", "", "", ""])
            for r in sorted(mine, key=lambda r: (not r["headline"], r["target_id"])):
                rows.append([name, province or "", format_value(r), _deadline_full(r),
                             "; ".join(r["responsible"] if r["responsible"] is not None else []),
                             r["text"], _source(r, docs), r["source"], r["indicator_confidence"]])
        ws = _sheet(wb, code, cols, rows, [36, 12, 18, 30, 30, 70, 18, 11, 11])
        ws.insert_rows(1)
        ws["A1"] = f"{names[code].name} ({code})"
        ws["A1"].font = Font(bold=True, size=13)
        ws.freeze_panes = "B3"

    # 3. targets without an indicator
    none = result.rows[result.rows.indicator.isna()]
    _sheet(wb, "Chưa phân loại", ["Bệnh viện", "Chỉ tiêu", "Nội dung (nguyên văn)", "Văn bản, trang", "Lý do"],
           [[r["org_name"], format_value(r), r["text"], _source(r, docs), r["indicator_evidence"]]
            for r in none.to_dict("records")], [36, 18, 70, 18, 60])

    # 4. documents and their warnings
    dcols = ["org_name", "province", "doc_number", "issued_date", "issued_year", "title", "source_path",
             "doc_id", "status", "warnings"]
    drows = []
    for d in result.documents.to_dict("records"):
        warnings = "\n".join(document_notes(d))
        drows.append([_date(d.get(c)) if c not in ("warnings",) else warnings for c in dcols])
    _sheet(wb, "Văn bản", ["Bệnh viện", "Tỉnh", "Số, ký hiệu", "Ngày ban hành", "Năm", "Trích yếu",
                           "Tệp", "doc_id", "Trạng thái", "Cảnh báo khi trích xuất"],
           drows, [36, 12, 16, 12, 7, 60, 40, 18, 10, 60])

    # 5. the catalog
    _sheet(wb, "Danh mục chỉ tiêu", ["Mã", "Tên chỉ tiêu", "Đơn vị thường dùng"],
           [[i.code, i.name, i.unit or ""] for i in names.values()], [26, 70, 18])
    wb.save(path)
    return path
