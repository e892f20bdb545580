"""Text laid out with spaces (pdftotext -layout): detected, and read with the PDF reader's
chain on a monospaced grid, so columns come from the spaces."""
from extract.read_layout_text import looks_laid_out, text_to_pages
from extract.read_text import read_text_document

from .conftest import SAMPLES

LAYOUT = SAMPLES / "layout"

COLUMNS = (0, 6, 34, 50, 69, 89)   # where each column's text starts


def laid_out(*cells: str) -> str:
    """One printed line: each cell's text padded to its column's start."""
    line = ""
    for at, text in zip(COLUMNS, cells):
        line = line.ljust(at) + text if text else line
    return line


# pdftotext -layout of a borderless appendix page: labels centred over their columns, one
# with a space inside ("Kết quả/sản phẩm"), a section row spanning columns, the page
# number above the header.
TABLE_PAGE = "\n".join([
    "                                        6",
    "",
    laid_out("", "", "", "", "", "Thời gian"),
    " " * 35 + "Cơ quan chủ     Cơ quan phối hợp,",
    laid_out("TT", "Tên nhiệm vụ", "", "", "Kết quả/sản phẩm", "hoàn"),
    laid_out("", "", "     trì", "    thực hiện"),
    laid_out("", "", "", "", "", "thành"),
    laid_out("I", "Công tác chỉ đạo, điều hành và kiểm tra giám sát"),
    laid_out("1", "Xây dựng, ban hành Kế", "Phòng TCHC", "Phòng KH-TC-ĐD", "Kế hoạch", "Tháng"),
    laid_out("", "hoạch thực hiện Nghị quyết", "", "", "", "02/2026"),
    laid_out("", "số 57-NQ/TW năm 2026"),
    laid_out("2", "Tiếp nhận, phản hồi ý kiến", "Phòng TCHC", "Tổ khảo sát hài", "Các ý kiến trên", "Thường"),
    laid_out("", "của tổ chức, cá nhân", "", "lòng người bệnh", "Hệ thống", "xuyên"),
]) + "\n"


def test_laid_out_text_is_detected_in_pdftotext_output():
    assert looks_laid_out((LAYOUT / "000_than_uyen_pdftotext.txt").read_text())


def test_flattened_text_is_not_laid_out_seeds_and_word_copies():
    for name in ["000_8a3c601f3164e90a.txt", "003_84bb2d633493153f.txt",
                 "synthetic/syn01_bacquang_word.txt", "synthetic/syn26_webcopy_flat_header.txt"]:
        assert not looks_laid_out((SAMPLES / name).read_text()), name


def test_columns_come_from_gutters_no_word_crosses():
    text = "\n".join(["    Đoạn văn mở đầu của phụ lục, đủ dài để là một dòng văn xuôi rộng."] * 2) + "\n" + TABLE_PAGE
    frag = text_to_pages(text)[0].fragments[0]
    header = [" ".join(cell) for cell in frag.rows[0]]
    assert header == ["TT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp, thực hiện",
                      "Kết quả/sản phẩm", "Thời gian hoàn thành"]
    first = frag.rows[2]
    assert first[2] == ["Phòng TCHC"] and first[3] == ["Phòng KH-TC-ĐD"] and first[5] == ["Tháng"]
    assert frag.rows[1][1] == ["Công tác chỉ đạo, điều hành và kiểm tra giám sát"] and frag.rows[1][2] is None  # section row


def test_page_number_above_a_repeated_header_is_no_label():
    frag = text_to_pages("    x\n" + TABLE_PAGE)[0].fragments[0]
    assert frag.rows[0][2] == ["Cơ quan chủ", "trì"]


def test_laid_out_document_keeps_provenance_into_its_text():
    data = (LAYOUT / "003_hoang_hoa_pdftotext.txt").read_bytes()
    doc = read_text_document(data, "003_hoang_hoa_pdftotext.txt")
    assert doc.source_format == "text" and doc.page_count == 6
    cells = [c for t in doc.tables for row in t.rows for c in row if c is not None and c.text]
    assert cells and all(doc.text[c.start:c.end].startswith(c.text.split("\n")[0]) for c in cells)
    assert any(c.text == "Phòng Tổ chức hành chính" for c in cells)
    # the two-column header block is read column after column
    assert doc.lines[0].text == "SỞ Y TẾ THANH HÓA" and doc.lines[1].text == "BỆNH VIỆN ĐA KHOA"


def test_word_pushed_over_a_gutter_stays_in_its_column():
    # pdftotext pushes "tiến", too long for the name column, over the gutter before the lead
    pushed = "3".ljust(6) + "Xây dựng kế hoạch đúng tiến Phòng TCHC".ljust(83) + "Năm 2026"
    rows = TABLE_PAGE.rstrip("\n").split("\n") + [pushed]
    text = "\n".join(["    Đoạn văn mở đầu của phụ lục, đủ dài để là một dòng văn xuôi rộng."] * 2 + rows)
    last = text_to_pages(text)[0].fragments[0].rows[-1]
    assert last[1] == ["Xây dựng kế hoạch đúng tiến"] and last[2] == ["Phòng TCHC"]
    assert last[5] == ["Năm 2026"]


def test_type_line_left_of_the_header_gutter_ends_the_two_column_header():
    # pdftotext -layout of a Quyết định (syn65): "QUYẾT ĐỊNH" is centred on the page but, in
    # monospaced text, sits left of the gutter between the header's two columns
    from kehoach.pipeline import extract_bytes

    head = ("     SỞ Y TẾ ĐỒNG THÁP               CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT\n"
            "BỆNH VIỆN ĐA KHOA KHU VỰC                         NAM\n"
            "           CAI LẬY                     Độc lập - Tự do - Hạnh phúc\n\n"
            "     Số: 312/QĐ-BVĐKKV              Cai Lậy, ngày 17 tháng 3 năm 2026\n\n\n"
            "                       QUYẾT ĐỊNH\n"
            "  Về việc ban hành Kế hoạch triển khai Nghị quyết số 57-NQ/TW năm 2026\n\n")
    body = "".join(f"     Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị, mục {k};\n"
                   for k in range(25))
    doc = extract_bytes((head + body).encode(), "qd.txt").tables["documents"][0]
    assert (doc["doc_type"], doc["issued_date"].isoformat(), doc["place"]) == ("Quyết định", "2026-03-17", "Cai Lậy")
