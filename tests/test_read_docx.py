"""DOCX reader: plans generated with python-docx (header table, Word numbering, text box, page
header, signature table, a ruled appendix table with merges) read back into a Document."""
from __future__ import annotations

import datetime as dt
import io
import struct
import unicodedata
import zipfile

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from extract.model import ExtractionError, GridCell
from extract.read import read_document
from extract.read_docx import read_docx_document

from .conftest import SAMPLES

AGENCY = "BỆNH VIỆN ĐA KHOA TỈNH THANH HÓA"
PARENT = "SỞ Y TẾ TỈNH THANH HÓA"
NUM_ID = "77"

_NUMBERING = f"""
<w:abstractNum {nsdecls('w')} w:abstractNumId="77">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
  <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/></w:lvl>
</w:abstractNum>"""

_TEXT_BOX = f"""
<w:r {nsdecls('w', 'wp', 'a')}
     xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
     xmlns:v="urn:schemas-microsoft-com:vml"
     xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
  <mc:AlternateContent>
    <mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData
        uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx>
      <w:txbxContent><w:p><w:r><w:t>{AGENCY}</w:t></w:r></w:p></w:txbxContent>
    </wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>
    <mc:Fallback><w:pict><v:shape><v:textbox>
      <w:txbxContent><w:p><w:r><w:t>{AGENCY}</w:t></w:r></w:p></w:txbxContent>
    </v:textbox></v:shape></w:pict></mc:Fallback>
  </mc:AlternateContent>
</w:r>"""


def _numbered(document, text: str, level: int):
    p = document.add_paragraph(text)
    p._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{NUM_ID}"/></w:numPr>'))
    return p


def _add_numbering(document) -> None:
    root = document.part.numbering_part.element
    first_num = root.find(qn("w:num"))
    abstract = parse_xml(_NUMBERING)
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        root.append(abstract)
    root.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{NUM_ID}"><w:abstractNumId w:val="77"/></w:num>'))


def _fill(cell, *paragraphs: str) -> None:
    cell.text = paragraphs[0] if paragraphs else ""
    for text in paragraphs[1:]:
        cell.add_paragraph(text)


def build_plan(page_header: bool = True, text_box: bool = True) -> bytes:
    d = docx.Document()
    _add_numbering(d)
    section = d.sections[0]
    if page_header:
        section.header.paragraphs[0].text = PARENT
    section.footer.paragraphs[0].text = "Địa chỉ: 181 Hải Thượng Lãn Ông, TP Thanh Hóa"

    head = d.add_table(rows=2, cols=2)  # no style: borderless
    left = head.cell(0, 0)
    if text_box:
        left.paragraphs[0]._p.append(parse_xml(_TEXT_BOX))
    else:
        left.text = AGENCY
    head.cell(1, 0).text = "Số: 12/KH-BVĐK"
    _fill(head.cell(0, 1), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
    head.cell(1, 1).text = "Thanh Hóa, ngày 15 tháng 3 năm 2025"

    d.add_paragraph("KẾ HOẠCH")
    d.add_paragraph("Phòng chống dịch bệnh truyền nhiễm năm 2025")
    d.add_paragraph("")
    d.add_paragraph("Căn cứ Kế hoạch số 45/KH-SYT ngày 10/01/2025 của Sở Y tế tỉnh Thanh Hóa;")
    _numbered(d, "MỤC TIÊU", 0)
    _numbered(d, "Mục tiêu chung", 1)
    _numbered(d, "Giảm tỷ lệ mắc sốt xuất huyết so với năm 2024.", 3)
    _numbered(d, "Mục tiêu cụ thể", 1)
    _numbered(d, "100% ca bệnh được giám sát.", 2)
    _numbered(d, "NHIỆM VỤ VÀ GIẢI PHÁP", 0)
    _numbered(d, "Khoa Kiểm soát nhiễm khuẩn chủ trì công tác giám sát.", 1)
    run = d.add_paragraph("Dòng thứ nhất").add_run()
    run.add_break()
    run.add_text("Dòng thứ hai")

    sign = d.add_table(rows=1, cols=2)
    _fill(sign.cell(0, 0), "Nơi nhận:", "- Sở Y tế (để b/c);", "- Lưu: VT, KHTH.")
    _fill(sign.cell(0, 1), "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "", "Nguyễn Văn An")

    d.add_page_break()
    d.add_paragraph("PHỤ LỤC")
    d.add_paragraph("(Kèm theo Kế hoạch số 12/KH-BVĐK ngày 15/3/2025 của Bệnh viện Đa khoa tỉnh Thanh Hóa)")
    t = d.add_table(rows=4, cols=5)
    t.style = "Table Grid"
    for c, text in enumerate(["TT", "Tên nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp",
                              "Thời gian hoàn thành"]):
        t.cell(0, c).text = text
    t.rows[0]._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))
    t.cell(1, 0).merge(t.cell(1, 4)).text = "I. PHÒNG CHỐNG DỊCH"
    t.cell(2, 0).text = "1"
    _fill(t.cell(2, 1), "Tập huấn phòng chống dịch", "cho nhân viên y tế")
    t.cell(2, 2).merge(t.cell(3, 2)).text = "Khoa Kiểm soát nhiễm khuẩn"
    t.cell(2, 4).text = "Quý II/2025"  # (2, 3) stays empty
    t.cell(3, 0).text = "2"
    t.cell(3, 1).text = "Giám sát ca bệnh"
    t.cell(3, 3).text = "Khoa Xét nghiệm"
    t.cell(3, 4).text = "Tháng 12/2025"
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


@pytest.fixture(scope="module")
def plan_bytes() -> bytes:
    return build_plan()


@pytest.fixture(scope="module")
def plan(plan_bytes):
    return read_docx_document(plan_bytes, "plan.docx")


def _texts(doc) -> list[str]:
    return [ln.text for ln in doc.lines]


def test_header_lines_left_column_first_after_page_header(plan):
    assert _texts(plan)[:7] == [PARENT, AGENCY, "Số: 12/KH-BVĐK", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                "Độc lập - Tự do - Hạnh phúc", "Thanh Hóa, ngày 15 tháng 3 năm 2025",
                                "KẾ HOẠCH"]


def test_text_box_read_once_when_alternate_content_has_two_branches(plan):
    assert _texts(plan).count(AGENCY) == 1


def test_footer_dropped(plan):
    assert "Hải Thượng" not in plan.text


def test_numbering_rendered_as_visible_prefix(plan):
    texts = _texts(plan)
    for expected in ("I. MỤC TIÊU", "1. Mục tiêu chung", "- Giảm tỷ lệ mắc sốt xuất huyết so với năm 2024.",
                     "2. Mục tiêu cụ thể", "a) 100% ca bệnh được giám sát.", "II. NHIỆM VỤ VÀ GIẢI PHÁP",
                     "1. Khoa Kiểm soát nhiễm khuẩn chủ trì công tác giám sát."):
        assert expected in texts


def test_manual_line_break_starts_new_line(plan):
    texts = _texts(plan)
    i = texts.index("Dòng thứ nhất")
    assert texts[i + 1] == "Dòng thứ hai"


def test_empty_paragraph_marks_break_before_next_line(plan):
    line = next(ln for ln in plan.lines if ln.text.startswith("Căn cứ"))
    assert line.break_before


def test_signature_table_recipients_then_signer(plan):
    texts = _texts(plan)
    i = texts.index("Nơi nhận:")
    assert texts[i:i + 6] == ["Nơi nhận:", "- Sở Y tế (để b/c);", "- Lưu: VT, KHTH.", "KT. GIÁM ĐỐC",
                              "PHÓ GIÁM ĐỐC", "Nguyễn Văn An"]


def test_lines_point_into_text(plan):
    for ln in plan.lines:
        assert plan.text[ln.start:ln.end] == ln.text
    assert unicodedata.is_normalized("NFC", plan.text)


def test_page_break_counts_pages(plan):
    assert plan.page_count == 2
    assert next(ln for ln in plan.lines if ln.text == "PHỤ LỤC").page == 2
    assert next(ln for ln in plan.lines if ln.text == "KẾ HOẠCH").page == 1


def test_only_data_table_becomes_grid_when_layout_tables_present(plan):
    assert len(plan.tables) == 1
    grid = plan.tables[0]
    assert len(grid.rows) == 4 and all(len(r) == 5 for r in grid.rows)
    assert grid.page_start == grid.page_end == 2


def test_grid_horizontal_merge_is_none_vertical_merge_shared_by_its_rows(plan):
    """A section row merged across is one cell; a lead unit merged down two task rows is the
    lead of both (the same span of text, read once)."""
    rows = plan.tables[0].rows
    assert rows[1][0].text == "I. PHÒNG CHỐNG DỊCH"
    assert rows[1][1:] == [None, None, None, None]
    assert rows[2][2].text == rows[3][2].text == "Khoa Kiểm soát nhiễm khuẩn"
    assert (rows[3][2].start, rows[3][2].end) == (rows[2][2].start, rows[2][2].end)
    assert plan.text.count("Khoa Kiểm soát nhiễm khuẩn") == 2  # the body's sentence and the cell


def test_word_numbered_empty_paragraph_shows_its_number():
    """A TT cell numbered by Word (w:numPr, no text) shows its number: the row is a task."""
    from extract.read_docx import read_docx_document

    d = docx.Document()
    _add_numbering(d)
    d.add_paragraph("KẾ HOẠCH")
    t = d.add_table(rows=3, cols=3)
    t.style = "Table Grid"
    for c, text in enumerate(["TT", "Nội dung", "Thời gian thực hiện"]):
        t.cell(0, c).text = text
    for r, (name, due) in enumerate([("Tập huấn kỹ năng số", "Quý I/2026"), ("Sơ kết", "Tháng 6/2026")], start=1):
        t.cell(r, 0).paragraphs[0]._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="1"/><w:numId w:val="{NUM_ID}"/></w:numPr>'))
        t.cell(r, 1).text, t.cell(r, 2).text = name, due
    buf = io.BytesIO()
    d.save(buf)
    doc = read_docx_document(buf.getvalue(), "plan.docx")
    assert [[c.text if c else None for c in row][:2] for row in doc.tables[0].rows[1:]] == [
        ["1.", "Tập huấn kỹ năng số"], ["2.", "Sơ kết"]]


def test_grid_cell_texts_and_multi_line_cell(plan):
    rows = plan.tables[0].rows
    assert [c.text for c in rows[0]] == ["TT", "Tên nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp",
                                         "Thời gian hoàn thành"]
    assert rows[2][1].text == "Tập huấn phòng chống dịch\ncho nhân viên y tế"
    assert [c.text for c in rows[3] if c] == ["2", "Giám sát ca bệnh", "Khoa Kiểm soát nhiễm khuẩn",
                                              "Khoa Xét nghiệm", "Tháng 12/2025"]


def test_grid_empty_cell_stays_in_its_column(plan):
    rows = plan.tables[0].rows
    empty = rows[2][3]
    assert isinstance(empty, GridCell) and empty.text == "" and empty.start == empty.end
    assert rows[2][4].text == "Quý II/2025"


def test_grid_offsets_point_into_text(plan):
    for row in plan.tables[0].rows:
        for cell in row:
            if cell is not None:
                assert plan.text[cell.start:cell.end] == cell.text
                assert cell.page == 2


def test_repeated_header_row_read_once(plan):
    assert sum(1 for ln in plan.lines if ln.text == "Tên nhiệm vụ") == 1


def test_nested_table_flattened_into_cell():
    d = docx.Document()
    d.add_paragraph("KẾ HOẠCH")
    t = d.add_table(rows=2, cols=3)
    t.style = "Table Grid"
    for c, text in enumerate(["STT", "Nội dung", "Đơn vị thực hiện"]):
        t.cell(0, c).text = text
    t.cell(1, 0).text = "1"
    t.cell(1, 1).text = "Kiểm tra"
    inner = t.cell(1, 2).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "Khoa Dược"
    inner.cell(0, 1).text = "Phòng Điều dưỡng"
    buf = io.BytesIO()
    d.save(buf)
    doc = read_docx_document(buf.getvalue(), "n.docx")
    cell = doc.tables[0].rows[1][2]
    assert cell.text == "Khoa Dược\nPhòng Điều dưỡng"
    assert doc.text[cell.start:cell.end] == cell.text


def test_page_header_line_dropped_when_repeated_in_body():
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = AGENCY
    d.add_paragraph(AGENCY)
    d.add_paragraph("KẾ HOẠCH")
    buf = io.BytesIO()
    d.save(buf)
    assert _texts(read_docx_document(buf.getvalue(), "h.docx")) == [AGENCY, "KẾ HOẠCH"]


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def test_zip_bomb_refused_when_document_ratio_too_high():
    bomb = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b" " * (8 * 2**20)})
    with pytest.raises(ExtractionError) as err:
        read_document(bomb, "bomb.docx")
    assert err.value.code == "too_large"


def test_zip_bomb_refused_when_declared_total_too_large(plan_bytes):
    data = bytearray(_zip({"word/document.xml": b"<w/>", "word/media/big.bin": b"x"}))
    # Declare 300 MB for the last member in the central directory (what infolist reads).
    at = data.rfind(b"PK\x01\x02")
    data[at + 24:at + 28] = struct.pack("<I", 300 * 2**20)
    with pytest.raises(ExtractionError) as err:
        read_docx_document(bytes(data), "big.docx")
    assert err.value.code == "too_large"


def test_broken_docx_is_unsupported_format():
    broken = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document><w:body>"})
    with pytest.raises(ExtractionError) as err:
        read_document(broken, "broken.docx")
    assert err.value.code == "unsupported_format"


def test_docx_without_text_is_empty():
    d = docx.Document()
    d.add_paragraph("")
    buf = io.BytesIO()
    d.save(buf)
    with pytest.raises(ExtractionError) as err:
        read_docx_document(buf.getvalue(), "e.docx")
    assert err.value.code == "empty"


def test_external_entity_not_resolved_when_document_declares_one(tmp_path, plan_bytes):
    secret = tmp_path / "secret.txt"
    secret.write_text("BÍ MẬT NỘI BỘ")
    src = zipfile.ZipFile(io.BytesIO(plan_bytes))
    members = {n: src.read(n) for n in src.namelist()}
    xml = members["word/document.xml"].decode()
    decl_end = xml.index("?>") + 2
    xml = (xml[:decl_end] + f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}">]>'
           + xml[decl_end:]).replace("KẾ HOẠCH</w:t>", "KẾ HOẠCH &xxe;</w:t>", 1)
    members["word/document.xml"] = xml.encode()
    doc = read_docx_document(_zip(members), "xxe.docx")  # python-docx: resolve_entities=False
    assert "BÍ MẬT" not in doc.text
    assert "KẾ HOẠCH" in _texts(doc)


def test_extract_file_reads_header_fields_end_to_end(tmp_path, plan_bytes):
    from kehoach.pipeline import extract_file

    path = tmp_path / "plan.docx"
    path.write_bytes(plan_bytes)
    result = extract_file(str(path))
    assert result.status == "ok", (result.error_code, result.error_message,
                                   result.tables.get("documents", [{}])[0].get("warnings"))
    row = result.tables["documents"][0]
    assert row["doc_type"] == "Kế hoạch"
    assert row["doc_number"] == "12/KH-BVĐK"
    assert row["issuer"] == "Bệnh viện Đa khoa tỉnh Thanh Hóa"
    assert row["issued_date"] == dt.date(2025, 3, 15)


def test_docx_indicator_table_with_unit_and_baseline_columns_gives_targets():
    """A Word indicator table "TT | Chỉ tiêu | Đơn vị tính | Thực hiện năm 2025 | Kế hoạch năm
    2026 | Đơn vị chủ trì": the first Chỉ tiêu names the indicator, the value is the plan
    year's cell and takes its unit from Đơn vị tính, the earlier year's cell is the baseline."""
    from kehoach.pipeline import extract_bytes

    d = docx.Document()
    d.add_paragraph("SỞ Y TẾ TỈNH QUẢNG TRỊ")
    d.add_paragraph("BỆNH VIỆN ĐA KHOA TỈNH QUẢNG TRỊ")
    d.add_paragraph("Số: 96/KH-BVĐK")
    d.add_paragraph("KẾ HOẠCH")
    d.add_paragraph("Chuyển đổi số năm 2026")
    d.add_paragraph("Căn cứ Kế hoạch số 45/KH-SYT ngày 10/01/2026 của Sở Y tế tỉnh Quảng Trị;")
    d.add_paragraph("PHỤ LỤC")
    t = d.add_table(rows=3, cols=6)
    t.style = "Table Grid"
    for r, cells in enumerate([["TT", "Chỉ tiêu", "Đơn vị tính", "Thực hiện năm 2025", "Kế hoạch năm 2026", "Đơn vị chủ trì"],
                               ["1", "Tỷ lệ hồ sơ bệnh án điện tử", "%", "35", "100", "Phòng Kế hoạch tổng hợp"],
                               ["2", "Số KIOSK tự phục vụ", "KIOSK", "-", "≥ 02", "Phòng Công nghệ thông tin"]]):
        for c, text in enumerate(cells):
            t.cell(r, c).text = text
    buf = io.BytesIO()
    d.save(buf)
    tables = extract_bytes(buf.getvalue(), "plan.docx").tables
    assert [(t["measure_text"], t["baseline_text"], t["quantity_text"]) for t in tables["tasks"]] == [
        ("%", "35", "100"), ("KIOSK", "-", "≥ 02")]
    assert [(t["comparator"], t["value"], t["unit"]) for t in tables["targets"] if t["source"] == "appendix"] == [
        ("=", 100.0, "%"), (">=", 2.0, "KIOSK")]


def test_tracked_changes_comments_and_footnotes_of_a_reviewed_word_file():
    """A Word file after review rounds (samples/real_tools/syn80): insertions are the text,
    deletions and comments are not, a footnote is read after the paragraph citing it, and the
    signer's name inside a content control is kept."""
    path = SAMPLES / "real_tools" / "syn80_docx_tracked_changes_footnotes.docx"
    doc = read_docx_document(path.read_bytes(), str(path))
    assert "Tối thiểu 80%" in doc.text and "70%" not in doc.text
    assert "12/KH-SYT" in doc.text            # the footnote's citation
    assert "611/SYT-NVY" not in doc.text      # the comment's
    assert "Lê Thị Ngọc Hân" in doc.text



def test_groups_printed_as_headings_over_tables_of_their_own_are_each_tables_group():
    """syn123: "I. HẠ TẦNG SỐ" then its own table numbered from 1, "II. …" then another: each
    table's rows are its heading's group, told apart by it since "1" recurs."""
    from extract.table_grids import grids_to_rows
    d = docx.Document()
    for no, title, names in [("I", "HẠ TẦNG SỐ", ["Nâng cấp mạng LAN", "Lập hồ sơ cấp độ"]),
                             ("II", "CHUYỂN ĐỔI SỐ TRONG KHÁM BỆNH", ["Triển khai bệnh án điện tử"])]:
        d.add_paragraph(f"{no}. {title}")
        table = d.add_table(rows=1 + len(names), cols=4)
        for c, label in enumerate(["TT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời gian"]):
            table.cell(0, c).text = label
        for r, name in enumerate(names, start=1):
            for c, value in enumerate([str(r), name, "Phòng KHTH", "Quý I/2026"]):
                table.cell(r, c).text = value
    buf = io.BytesIO()
    d.save(buf)
    doc = read_docx_document(buf.getvalue(), "g.docx")
    rows = grids_to_rows(doc.tables, doc.lines)
    assert [(r.group_no, r.group_title, r.task_no) for r in rows] == [
        ("I", "HẠ TẦNG SỐ", "1"), ("I", "HẠ TẦNG SỐ", "2"), ("II", "CHUYỂN ĐỔI SỐ TRONG KHÁM BỆNH", "1")]
