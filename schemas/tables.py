"""Every output table's columns, types and meaning: the one source of truth.

The README's data dictionary is generated from these definitions (`kehoach schema --markdown`),
and the Parquet writer refuses a row set that does not fit them.
"""
from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

# Major: a column renamed, removed or re-typed (files of another major version are refused).
# Minor: tables or columns added (older files are read with the new columns null).
SCHEMA_VERSION = "1.2"  # 1.1: the pages table; 1.2: tasks.measure_text, baseline_text, budget_text

STR, INT, FLOAT, BOOL = pa.string(), pa.int32(), pa.float64(), pa.bool_()
DATE, TIMESTAMP, STRLIST = pa.date32(), pa.timestamp("ms", tz="UTC"), pa.list_(pa.string())


@dataclass(frozen=True)
class Column:
    name: str
    type: pa.DataType
    doc: str


def _cols(*spec: tuple[str, pa.DataType, str]) -> tuple[Column, ...]:
    return tuple(Column(*s) for s in spec)


_PROVENANCE = (
    ("page", INT, "page (1-based) where the source text starts"),
    ("char_start", INT, "offset of the source text in `documents.text` (inclusive)"),
    ("char_end", INT, "offset of the source text in `documents.text` (exclusive)"),
)

TABLES: dict[str, tuple[Column, ...]] = {
    "documents": _cols(
        ("doc_id", STR, "first 16 hex digits of the SHA-256 of the file's bytes"),
        ("source_path", STR, "path of the file as given on the command line"),
        ("source_sha256", STR, "SHA-256 of the file's bytes"),
        ("source_format", STR, "text | pdf | docx"),
        ("page_count", INT, "pages (text files: form feeds and printed page numbers)"),
        ("doc_type", STR, "Kế hoạch, Quyết định, Nghị quyết, Công văn, …"),
        ("doc_number", STR, "number and symbol as in \"Số: 240/KH-BV\"; null when left blank"),
        ("doc_symbol", STR, "ký hiệu, the part after the number: KH-BV"),
        ("issuer", STR, "issuing body (cơ quan ban hành)"),
        ("parent_issuer", STR, "body above the issuer (cơ quan chủ quản), e.g. Sở Y tế tỉnh Lai Châu"),
        ("province", STR, "province (one of the 34 units since 1 July 2025)"),
        ("place", STR, "địa danh of the date line"),
        ("issued_date", DATE, "date of issue; null when the draft leaves it blank"),
        ("issued_year", INT, "year of issue (known even when day and month are blank)"),
        ("title", STR, "trích yếu: what the document is about"),
        ("signer_name", STR, "name of the signer"),
        ("signer_title", STR, "title of the signer, e.g. Phó Giám đốc"),
        ("signing_mode", STR, "KT. | TM. | TL. | TUQ. | Q. | null (signs in own name)"),
        ("parser_version", STR, "kehoach version that wrote the row"),
        ("warnings", STRLIST, "what could not be read or resolved"),
        ("text", STR, "the normalized document text every char_start/char_end points into"),
    ),
    "legal_basis": _cols(
        ("doc_id", STR, "document citing"),
        ("seq", INT, "order of first appearance"),
        ("role", STR, "basis (preamble or Căn cứ section) | reference (elsewhere in the body) | self (the plan's own number in its appendix)"),
        ("cited_type", STR, "type of the cited document: Nghị quyết, Kế hoạch, …"),
        ("cited_number", STR, "standard form: 57-NQ/TW (Party), 71/NQ-CP, 13/2023/NĐ-CP (State)"),
        ("cited_number_raw", STR, "the number as written, before repair"),
        ("cited_date", DATE, "date of the cited document"),
        ("cited_issuer", STR, "issuer of the cited document"),
        ("cited_subject", STR, "trích yếu of the cited document, where given"),
        ("text", STR, "the citation as written"),
        *_PROVENANCE,
    ),
    "sections": _cols(
        ("doc_id", STR, "document"),
        ("seq", INT, "order in the document"),
        ("path", STR, "numbering path, e.g. II.2; header, title, preamble, recipients, signature, appendix for unnumbered parts"),
        ("heading", STR, "heading text without its number"),
        ("kind", STR, "legal_basis | objectives | tasks | organization | funding | recipients | signature | appendix | other"),
        ("level", INT, "1 Roman, 2 Arabic, 3 Arabic x.y, …, 6 letter a); 0 unnumbered"),
        ("text", STR, "text of the section without its subsections, one paragraph per line"),
        *_PROVENANCE,
    ),
    "targets": _cols(
        ("doc_id", STR, "document"),
        ("target_id", STR, "stable id: <doc_id>-t<seq>"),
        ("source", STR, "objectives (Mục tiêu cụ thể bullets) | appendix (indicator-table rows) | task (a number in a task's product)"),
        ("text", STR, "the target as written"),
        ("comparator", STR, "= | >= | > | <= | <, from words (Tối thiểu, Trên, Tối đa, Dưới…) and symbols; null without a number"),
        ("value", FLOAT, "the number (85 for 85%)"),
        ("unit", STR, "% or the counted noun: hội nghị, sáng kiến/khoa, KIOSK, …"),
        ("per", STR, "rate denominator: năm, khoa, …"),
        ("subject", STR, "what is counted: viên chức được bồi dưỡng kỹ năng số"),
        ("quantity_text", STR, "the quantity cell as written (indicator tables)"),
        ("deadline_text", STR, "deadline as written"),
        ("due_start", DATE, "first day of the deadline period"),
        ("due_end", DATE, "last day of the deadline period"),
        ("grain", STR, "day | month | quarter | half | year | range"),
        ("recurrence", STR, "continuous | daily | weekly | monthly | quarterly | semiannual | annual | null"),
        ("year", INT, "year by which the target is to be reached (the year of due_end)"),
        ("responsible", STRLIST, "canonical names of the responsible units"),
        ("task_no", STR, "row of the appendix table the target comes from"),
        *_PROVENANCE,
    ),
    "tasks": _cols(
        ("doc_id", STR, "document"),
        ("table_no", INT, "appendix table (1-based) the row belongs to"),
        ("task_no", STR, "TT of the row as printed: 1, 2, 1.1"),
        ("group_no", STR, "Roman numeral of the section row above it"),
        ("group_title", STR, "title of that section row"),
        ("name", STR, "the task (Tên nhiệm vụ / Nội dung)"),
        ("lead_units", STRLIST, "canonical names of the lead units (chủ trì / phụ trách)"),
        ("partner_units", STRLIST, "canonical names of the partner units (phối hợp)"),
        ("lead_units_text", STR, "the lead-unit cell as written"),
        ("partner_units_text", STR, "the partner-unit cell as written"),
        ("product", STR, "expected result or product (Kết quả / sản phẩm)"),
        ("quantity_text", STR, "quantity cell of indicator tables (Chỉ tiêu định lượng)"),
        ("measure_text", STR, "unit-of-measure cell of indicator tables (Đơn vị tính: %, Bệnh viện)"),
        ("baseline_text", STR, "value reached before the plan, as written (Thực hiện năm 2025: 35, Chưa triển khai)"),
        ("budget_text", STR, "funding cell as written (Nguồn kinh phí: Ngân sách nhà nước, Xã hội hóa)"),
        ("deadline_text", STR, "deadline as written"),
        ("due_start", DATE, "first day of the deadline period"),
        ("due_end", DATE, "last day of the deadline period"),
        ("grain", STR, "day | month | quarter | half | year | range"),
        ("recurrence", STR, "continuous | daily | weekly | monthly | quarterly | semiannual | annual | null"),
        ("page_start", INT, "page where the row starts"),
        ("page_end", INT, "page where the row ends (a row cut by a page break)"),
        ("char_start", INT, "offset of the row in documents.text"),
        ("char_end", INT, "end offset of the row in documents.text"),
    ),
    "task_units": _cols(
        ("doc_id", STR, "document"),
        ("task_no", STR, "row of tasks"),
        ("role", STR, "lead | partner | responsible"),
        ("unit_text", STR, "the unit as written"),
        ("unit_name", STR, "canonical full name"),
        ("unit_abbr", STR, "abbreviation, e.g. TCHC"),
        ("unit_kind", STR, "phòng | khoa | tổ | bộ phận | all-units | external | unknown"),
        ("match", STR, "how it was resolved: document | curated | fuzzy | as-written | all-units | unresolved"),
        ("confidence", FLOAT, "0..1"),
    ),
    "responsibilities": _cols(
        ("doc_id", STR, "document"),
        ("seq", INT, "order in Tổ chức thực hiện"),
        ("unit_name", STR, "canonical name of the unit"),
        ("unit_text", STR, "the unit as written"),
        ("unit_kind", STR, "phòng | khoa | tổ | bộ phận | all-units | external | unknown"),
        ("heading", STR, "the numbered item's heading"),
        ("duties", STR, "what the unit must do"),
        *_PROVENANCE,
    ),
    "pages": _cols(
        ("doc_id", STR, "document"),
        ("page", INT, "page (1-based)"),
        ("text_source", STR, "text_layer (the file's own text: PDF text layer, DOCX, plain text) | "
                             "legacy_converted (TCVN3/VNI/VISCII font text converted to Unicode) | ocr"),
        ("confidence", FLOAT, "0..1: how well the page's text reads as Vietnamese, or OCR word confidence / 100"),
        ("chars", INT, "non-space characters taken from the page"),
        ("ocr_mean_conf", FLOAT, "Tesseract's mean word confidence (0-100) on an OCR'd page; null otherwise"),
        ("legacy_encoding", STR, "tcvn3 | vni | viscii on a converted page; null otherwise"),
        ("warnings", STRLIST, "what to check on this page (low OCR confidence, no grid on a table page, …)"),
        ("ocr_raw_text", STR, "an OCR'd page as Tesseract read it, before the repairs; null otherwise"),
    ),
}

ERROR_CODES: dict[str, str] = {
    "empty": "the file is empty or holds only white space",
    "undecodable": "text in none of UTF-8, UTF-16 (with BOM), Windows-1258, TCVN3, VNI or VISCII",
    "unsupported_format": "not a text, PDF or DOCX document (binary, legacy .doc, unknown ZIP)",
    "encrypted": "the PDF is password-protected",
    "corrupt_pdf": "the PDF cannot be parsed",
    "no_text_layer": "most pages carry no text: no text layer and OCR found no print (or Tesseract is not installed)",
    "not_a_plan": "no element of an administrative document was found (no type line, number, citation or section)",
    "too_large": "the file exceeds the size or page limit",
    "timeout": "extraction took longer than the time limit",
    "resource_limit": "extraction exceeded the memory limit",
    "missing": "the file disappeared between listing and reading",
    "internal_error": "a bug in kehoach: the message holds the exception",
}

MANIFEST = _cols(
    ("source_path", STR, "path of the input file"),
    ("source_sha256", STR, "SHA-256 of its bytes (null when it could not be read)"),
    ("doc_id", STR, "document id (first 16 hex digits of the SHA-256)"),
    ("size_bytes", pa.int64(), "file size"),
    ("status", STR, "ok | partial (extracted with warnings) | failed | skipped (unchanged since the last run)"),
    ("error_code", STR, "one of the documented error codes, null when ok"),
    ("error_message", STR, "a sentence saying what is wrong"),
    ("duration_ms", pa.int64(), "wall time spent on the file"),
    ("pages", INT, "pages read"),
    ("parser_version", STR, "kehoach version"),
    ("processed_at", TIMESTAMP, "when the file was processed (UTC)"),
)
TABLES["manifest"] = MANIFEST


def arrow_schema(table: str) -> pa.Schema:
    return pa.schema([pa.field(c.name, c.type) for c in TABLES[table]])


def data_dictionary_markdown() -> str:
    """The README's data dictionary, generated so it can never drift from the schemas."""
    out: list[str] = []
    for name, columns in TABLES.items():
        out.append(f"### `{name}.parquet`\n\n| column | type | meaning |\n|---|---|---|")
        out.extend(f"| `{c.name}` | {c.type} | {c.doc} |" for c in columns)
        out.append("")
    return "\n".join(out)
