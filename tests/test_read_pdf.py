"""PDF reader: positions (header, signature), furniture, stitched tables, offsets, errors.

Tests on the committed renditions (samples/renditions/*.pdf) need no LibreOffice; the tests
that build their own PDF from python-docx skip when `soffice` is missing.
"""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from extract.model import ExtractionError
from extract.read_pdf import read_pdf_document
from extract.table_grids import grid_to_rows
from kehoach.pipeline import extract_file

from .conftest import SAMPLES

RENDITIONS = SAMPLES / "renditions"
PDF_000 = RENDITIONS / "000_than_uyen.pdf"
PDF_LONG = RENDITIONS / "000_than_uyen_long.pdf"
needs_renditions = pytest.mark.skipif(not PDF_LONG.exists(), reason="samples/renditions not built yet")
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")


def _read(path):
    return read_pdf_document(path.read_bytes(), str(path))


def _texts(doc):
    return [ln.text for ln in doc.lines]


@pytest.fixture(scope="module")
def built_pdf(tmp_path_factory):
    """A plan with a two-column signature block, a footer, page numbers and a table of
    27 rows over several landscape pages (python-docx → LibreOffice)."""
    from docx import Document as Docx
    from docx.enum.section import WD_ORIENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    folder = tmp_path_factory.mktemp("pdf")
    d = Docx()
    d.styles["Normal"].font.name, d.styles["Normal"].font.size = "Times New Roman", Pt(13)
    sec = d.sections[0]
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), "PAGE")
    sec.header.paragraphs[0]._p.append(fld)
    sec.footer.paragraphs[0].text = "Bệnh viện Đa khoa Than Uyên - Kế hoạch 240/KH-BV"
    d.add_paragraph("KẾ HOẠCH")
    for k in range(30):
        d.add_paragraph(f"{k + 1}. Nội dung số {k + 1} của kế hoạch thực hiện Nghị quyết số 57-NQ/TW.")
    sig = d.add_table(rows=1, cols=2)
    sig.cell(0, 0).text = "Nơi nhận:\n- Sở Y tế;\n- Lưu: VT."
    sig.cell(0, 1).text = "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nĐinh Xuân Thuỷ"
    land = d.add_section()
    land.orientation = WD_ORIENT.LANDSCAPE
    land.page_width, land.page_height = sec.page_height, sec.page_width
    d.add_paragraph("PHỤ LỤC")
    tab = d.add_table(rows=1, cols=4)
    tab.style = "Table Grid"
    for c, h in enumerate(["TT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành"]):
        tab.cell(0, c).text = h
    head = OxmlElement("w:tblHeader")
    head.set(qn("w:val"), "true")
    tab.rows[0]._tr.get_or_add_trPr().append(head)
    for n in range(1, 28):
        if n % 9 == 1:
            row = tab.add_row()
            row.cells[0].merge(row.cells[3]).text = f"{'I' * (n // 9 + 1)}. Nhóm nhiệm vụ"
        row = tab.add_row()
        name = "Triển khai nhiệm vụ chuyển đổi số tại các khoa, phòng. " * (1 + n % 4)
        for c, v in enumerate([str(n), name, "" if n % 5 == 0 else "Phòng TCHC", "Tháng 02/2026"]):
            row.cells[c].text = v
    d.save(folder / "plan.docx")
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder),
                    str(folder / "plan.docx")], check=True, capture_output=True, timeout=120)
    return folder / "plan.pdf"


@needs_renditions
def test_header_read_by_position_two_columns():
    lines = _texts(_read(PDF_000))
    top = lines[:lines.index("KẾ HOẠCH")]
    number = next(i for i, t in enumerate(top) if t.startswith("Số:"))
    motto = next(i for i, t in enumerate(top) if t.startswith("CỘNG HÒA"))
    date = next(i for i, t in enumerate(top) if ", ngày" in t)
    assert top[0] == "SỞ Y TẾ TỈNH LAI CHÂU" and number < motto < date


@needs_renditions
def test_signature_right_column_not_glued_to_recipients():
    lines = _texts(_read(PDF_000))
    recipients = lines.index("Nơi nhận:")
    mode = next(i for i, t in enumerate(lines) if t.startswith("KT. GIÁM ĐỐC"))
    assert recipients < mode
    assert all("GIÁM ĐỐC" not in t for t in lines[recipients:mode] if t.startswith("-"))


@needs_soffice
def test_footer_and_page_numbers_removed_on_every_page(built_pdf):
    doc = _read(built_pdf)
    assert doc.page_count >= 3
    in_table = {(c.start, c.end) for g in doc.tables for r in g.rows for c in r if c is not None}
    prose = [ln.text for ln in doc.lines if not any(s <= ln.start and ln.end <= e for s, e in in_table)]
    assert "KẾ HOẠCH" in prose
    assert not [t for t in prose if "Kế hoạch 240/KH-BV" in t or t.isdigit()]


@needs_soffice
def test_table_stitched_across_pages_repeated_header_dropped(built_pdf):
    doc = _read(built_pdf)
    assert len(doc.tables) == 1
    grid = doc.tables[0]
    assert grid.page_end > grid.page_start
    headers = [r for r in grid.rows if r[0] is not None and r[0].text == "TT"]
    assert len(headers) == 1
    rows = grid_to_rows(grid, 1)
    assert [r.task_no for r in rows] == [str(n) for n in range(1, 28)]
    assert rows[4].text("lead") is None  # an empty cell stays empty, nothing shifts into it
    assert {r.group_no for r in rows} == {"I", "II", "III"}


@needs_soffice
def test_section_rows_keep_text_in_first_cell(built_pdf):
    grid = _read(built_pdf).tables[0]
    section = next(r for r in grid.rows if r[0] is not None and r[0].text.startswith("II."))
    assert section[1:] == [None] * (len(section) - 1)


@needs_renditions
def test_row_cut_by_page_break_merged_exact_count_long_variant():
    gold = json.loads((SAMPLES / "gold" / "000_than_uyen_long.pdf.gold.json").read_text("utf-8"))
    result = extract_file(str(PDF_LONG))
    assert result.status in ("ok", "partial")
    assert len(result.tables["tasks"]) == len(gold["tasks"]) >= 60
    doc = _read(PDF_LONG)
    assert len(doc.tables) == 1 and doc.tables[0].page_end - doc.tables[0].page_start >= 2
    cut = [r for r in doc.tables[0].rows[1:] if r[0] is not None and r[0].text == "" and any(c and c.text for c in r)]
    assert cut, "the long variant has a row cut by a page break"


@needs_renditions
def test_offsets_point_into_document_text_for_every_cell_and_line():
    doc = _read(PDF_LONG)
    for line in doc.lines:
        assert doc.text[line.start:line.end] == line.text
    for grid in doc.tables:
        for row in grid.rows:
            for c in row:
                if c is not None:
                    assert doc.text[c.start:c.end] == c.text


@needs_renditions
def test_table_text_written_once_hyphenated_code_kept():
    doc = _read(PDF_000)
    first = next(c for r in doc.tables[0].rows for c in r if c and c.text.startswith("Xây dựng, ban hành"))
    assert doc.text.count(first.text) == 1
    assert "57-NQ/TW" in " ".join(first.text.split("\n")).replace("- ", "-").replace("-\n", "-") or \
        "57-\nNQ/TW" in first.text


def _image_only_pdf(pages: int) -> bytes:
    import pypdfium2 as pdfium
    from PIL import Image

    pdf = pdfium.PdfDocument.new()
    for _ in range(pages):
        page = pdf.new_page(595, 842)
        img = pdfium.PdfImage.new(pdf)
        img.set_bitmap(pdfium.PdfBitmap.from_pil(Image.new("RGB", (60, 80), "white")))
        img.set_matrix(pdfium.PdfMatrix().scale(595, 842))
        page.insert_obj(img)
        page.gen_content()
    import io
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def test_no_text_layer_on_image_only_pdf_reports_page_count():
    with pytest.raises(ExtractionError) as err:
        read_pdf_document(_image_only_pdf(3), "scan.pdf")
    assert err.value.code == "no_text_layer" and "3 of 3 pages" in err.value.message


def test_corrupt_pdf_code_on_truncated_bytes():
    with pytest.raises(ExtractionError) as err:
        read_pdf_document(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ntrailer", "bad.pdf")
    assert err.value.code == "corrupt_pdf"


@needs_soffice
def test_encrypted_code_on_password_protected_pdf(built_pdf, tmp_path):
    options = ('pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
               '"DocumentOpenPassword":{"type":"string","value":"secret"}}')
    subprocess.run(["soffice", "--headless", "--convert-to", options, "--outdir", str(tmp_path),
                    str(built_pdf.with_suffix(".docx"))], check=True, capture_output=True, timeout=120)
    target = tmp_path / "plan.pdf"
    with pytest.raises(ExtractionError) as err:
        read_pdf_document(target.read_bytes(), "locked.pdf")
    assert err.value.code == "encrypted"


DATA = Path(__file__).resolve().parent / "data"


def test_marks_of_the_next_line_stay_on_their_line_in_tight_spacing():
    """Hoằng Hóa rendition set 2 pt smaller (LibreOffice): the stacked mark of "Ằ" reaches up
    into the line above and the dot of "Ệ" down into the line below; pdfium's bounded text
    took those letters into the wrong line ("BỆNH VIỆN ĐA KHOA Ằ" / "Ệ HOẰNG HÓA")."""
    path = DATA / "pdf_marks_of_next_line_in_tight_spacing.pdf"
    doc = read_pdf_document(path.read_bytes(), str(path))
    assert [ln.text for ln in doc.lines[:3]] == ["SỞ Y TẾ THANH HÓA", "BỆNH VIỆN ĐA KHOA", "HOẰNG HÓA"]
    assert "PHỤ LỤC" in [ln.text for ln in doc.lines]


def test_ruled_header_table_does_not_put_the_quoc_hieu_into_the_issuer():
    from kehoach.pipeline import extract_file

    result = extract_file(str(DATA / "pdf_ruled_header_wraps_quoc_hieu.pdf"))
    doc = result.tables["documents"][0]
    assert (doc["issuer"], doc["parent_issuer"]) == ("Bệnh viện Đa khoa Hoằng Hóa", "Sở Y tế Thanh Hóa")


def test_quoc_hieu_tabbed_right_and_wrapped_to_the_left_is_no_agency():
    """A header typed as paragraphs with tabs instead of a table: the Quốc hiệu, pushed right,
    wraps "VIỆT NAM" to the start of the next line, under the agency name."""
    doc = extract_file(str(DATA / "pdf_quoc_hieu_tabbed_right_wraps_to_left.pdf")).tables["documents"][0]
    assert (doc["issuer"], doc["parent_issuer"]) == ("Bệnh viện Đa khoa Hoằng Hóa", "Sở Y tế Thanh Hóa")


@pytest.mark.parametrize("name, rendition, tasks_f1", [
    ("pdf_table_without_rules_hoang_hoa.pdf", "003_hoang_hoa.pdf", 0.98),
    ("pdf_table_without_rules_than_uyen.pdf", "000_than_uyen.pdf", 0.95),
])
def test_appendix_table_printed_without_rules(tmp_path, name, rendition, tasks_f1):
    """The renditions with their appendix table's borders removed (LibreOffice): columns come
    from the header's words and the gutters of the text (pdfplumber's text strategy cut 5
    columns into 12 and split words at stacked marks: tasks F1 0.0 and 0.08)."""
    import hashlib

    from kehoach.batch import BatchOptions, extract_paths
    from kehoach.evaluate import evaluate

    path = DATA / name
    extract_paths([str(path)], tmp_path / "out", BatchOptions(jobs=0))
    gold = json.loads((SAMPLES / "gold" / f"{rendition}.gold.json").read_text("utf-8"))
    gold["source_sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / f"{name}.gold.json").write_text(json.dumps(gold, ensure_ascii=False), "utf-8")
    report = evaluate(tmp_path / "gold", tmp_path / "out")
    f1 = {t: report.table_counts(t).f1 for t in report.fields}
    assert f1["documents"] == 1.0 and f1["targets"] == 1.0, report.mismatches
    assert f1["tasks"] >= tasks_f1, report.mismatches


def test_watermark_letters_are_no_part_of_the_text():
    """"DỰ THẢO" set huge behind the text of a draft: its letters, six times the height of the
    print, are left out; a page without one keeps every character, headings included."""
    from extract.pdf_tables import Char, without_watermark_chars

    body = [Char(ch, 10 * i, 100, 10 * i + 6, 113) for i, ch in enumerate("Tối thiểu 90%")]
    heading = [Char(ch, 10 * i, 60, 10 * i + 8, 78) for i, ch in enumerate("KẾ HOẠCH")]
    mark = [Char("Ự", 40, 80, 110, 160), Char("Ả", 200, 300, 270, 380)]
    assert without_watermark_chars(body + heading + mark) == body + heading
    assert without_watermark_chars(body + heading) == body + heading


def test_borderless_table_goes_on_after_a_page_break_without_its_header():
    """A table with every border removed (samples/real_tools/syn81), its header not repeated
    on the next page: the rows there are read in the columns of the page before (tasks 9-16
    were lost), and the prose after the table is not."""
    path = SAMPLES / "real_tools" / "syn81_borderless_appendix_table.pdf"
    rows = [r for g in _read(path).tables for r in grid_to_rows(g, 1)]
    assert [r.task_no for r in rows] == [str(n) for n in range(1, 17)]
    assert rows[7].text("deadline") == "Thường xuyên"  # task 8, cut by the page break


def test_merged_cell_cut_by_a_page_break_serves_the_rows_on_the_next_page():
    """syn108: partner and deadline cells merged down a whole group; Word draws the rest of the
    merge as empty boxes on the next page (task 2.4) and under the rest of a row cut by the
    break (task 4.4). Each task of the group has that partner and deadline; task 3.5's own
    empty partner cell stays empty."""
    path = SAMPLES / "real_tools" / "syn108_bv_tam_than_merged_deadline_and_partner_cells.pdf"
    rows = {r.task_no: r for g in _read(path).tables for r in grid_to_rows(g, 1)}
    assert {no: rows[no].text("deadline") for no in ("2.1", "2.4", "4.1", "4.4")} == {
        "2.1": "6 tháng đầu năm 2026", "2.4": "6 tháng đầu năm 2026",
        "4.1": "Năm 2026 và các năm tiếp theo", "4.4": "Năm 2026 và các năm tiếp theo"}
    assert rows["2.4"].text("partner") == rows["2.1"].text("partner") == "Phòng TC-KT Phòng TC-HC Khoa CLS"
    assert rows["3.5"].text("partner") is None and rows["3.5"].text("deadline") == "Quý III/2026"
