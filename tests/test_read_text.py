import codecs

import pytest

from extract.model import ExtractionError
from extract.read_text import bytes_to_str, read_text_document
from normalize.text import _split_tone, fold, join_lines, normalize_text

PLAN = "KẾ HOẠCH\nThực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị\nI. MỤC TIÊU\n"


def test_decode_utf8_with_bom():
    text, enc = bytes_to_str(codecs.BOM_UTF8 + PLAN.encode())
    assert text == PLAN and enc == "utf-8-sig"


def test_decode_utf16_with_bom():
    text, enc = bytes_to_str(PLAN.encode("utf-16"))
    assert text == PLAN and enc == "utf-16"


def cp1258_bytes(text: str) -> bytes:
    """Windows-1258 has precomposed shapes (Ê, Ơ, Ă) but tones only as combining marks."""
    out = []
    for ch in text:
        base, tone = _split_tone(ch)
        out.append(base + tone)
    return "".join(out).encode("cp1258")


def test_decode_windows_1258_when_not_utf8():
    doc = read_text_document(cp1258_bytes(PLAN), "x.txt")
    assert "decoded as cp1258" in doc.warnings
    assert doc.text == PLAN


def test_decode_windows_1258_recomposes_to_nfc():
    import unicodedata
    doc = read_text_document(cp1258_bytes("Bệnh viện Đa khoa Hoằng Hóa"), "x.txt")
    assert doc.text == "Bệnh viện Đa khoa Hoằng Hóa"
    assert unicodedata.is_normalized("NFC", doc.text)


def test_empty_file_is_error_empty():
    with pytest.raises(ExtractionError) as err:
        bytes_to_str(b"")
    assert err.value.code == "empty"


def test_binary_file_is_unsupported_format():
    with pytest.raises(ExtractionError) as err:
        read_text_document(b"\x00\x01\x02PK" * 100, "junk.txt")
    assert err.value.code == "unsupported_format"


def test_control_heavy_text_is_undecodable():
    with pytest.raises(ExtractionError) as err:
        read_text_document(bytes(range(1, 9)) * 200, "junk.txt")
    assert err.value.code == "undecodable"


def test_nfc_makes_combining_headings_searchable_in_seed_000(seed_texts):
    raw = seed_texts["000"].decode()
    assert "PHỤ LỤC" not in raw  # the seed writes it with combining marks
    doc = read_text_document(seed_texts["000"], "000.txt")
    assert "PHỤ LỤC" in doc.text and "MỤC ĐÍCH" in doc.text


def test_line_offsets_point_into_normalized_text(seed_texts):
    doc = read_text_document(seed_texts["003"], "003.txt")
    for line in doc.lines:
        assert doc.text[line.start:line.end] == line.text


def test_form_feed_starts_a_new_page():
    doc = read_text_document("Trang một\fTrang hai\nvẫn trang hai".encode(), "x.txt")
    assert [ln.page for ln in doc.lines] == [1, 2, 2]
    assert doc.page_count == 2


def test_printed_page_number_is_dropped_and_counts_a_page(seed_texts):
    doc = read_text_document(seed_texts["003"], "003.txt")
    assert doc.page_count == 2
    assert not any(ln.text == "2" for ln in doc.lines)
    assert next(ln for ln in doc.lines if ln.text.startswith("2. Mục tiêu cụ thể")).page == 2


def test_markdown_and_table_bars_are_blanked_keeping_offsets():
    text = "| **SỞ Y TẾ TỈNH LAI CHÂU** | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n## KẾ HOẠCH\n"
    doc = read_text_document(text.encode(), "web.md")
    assert doc.lines[0].text.startswith("SỞ Y TẾ TỈNH LAI CHÂU")
    assert doc.lines[1].text == "KẾ HOẠCH"
    assert doc.text[doc.lines[1].start:doc.lines[1].end] == "KẾ HOẠCH"


def test_fold_equates_tone_placements():
    assert fold("Hoằng Hoá") == fold("HOẰNG HÓA")
    assert fold("Thuỷ") == fold("Thủy")
    assert fold("khoẻ") == fold("khỏe")
    assert fold("quý") == "quý"  # "qu" is a consonant: no move
    assert len(fold("Bệnh viện Đa khoa Hoằng Hoá")) == len("Bệnh viện Đa khoa Hoằng Hoá")


def test_join_lines_glues_codes_broken_after_a_hyphen():
    assert join_lines(["Nghị quyết số 57-", "NQ/TW"]) == "Nghị quyết số 57-NQ/TW"
    assert join_lines(["Phòng KH-TC-", "ĐD"]) == "Phòng KH-TC-ĐD"
    assert join_lines(["khám -", "chữa bệnh"]) == "khám - chữa bệnh"


def test_join_lines_glues_a_word_end_a_narrow_column_put_alone_on_a_line():
    """syn113's "Sáng" / "kiến/kho" / "a"; a tick mark "x", the word "y" and a capital stay apart."""
    assert join_lines(["Sáng", "kiến/kho", "a"]) == "Sáng kiến/khoa"
    assert join_lines(["Tổ CNTT", "x"]) == "Tổ CNTT x"
    assert join_lines(["Trạm", "y", "tế"]) == "Trạm y tế"
    assert join_lines(["Khoa", "A"]) == "Khoa A"


# ---------------------------------------------------------------- web markup and pipe tables

from extract.read_text import normalized_to_view  # noqa: E402


def test_view_br_tags_become_line_breaks_same_length():
    text = "| SỞ Y TẾ NGHỆ AN<br>**BỆNH VIỆN Y HỌC CỔ TRUYỀN**<br/>TỈNH NGHỆ AN<BR />------- |"
    view = normalized_to_view(text)
    assert len(view) == len(text)
    assert [ln.strip() for ln in view.split("\n")] == [
        "SỞ Y TẾ NGHỆ AN", "BỆNH VIỆN Y HỌC CỔ TRUYỀN", "TỈNH NGHỆ AN", "-------"]


def test_view_entities_and_inline_tags_blanked_same_length():
    text = "Khoa&nbsp;Dược <b>Phòng</b> R&amp;D <span style=\"x\">Tổ CNTT</span>"
    view = normalized_to_view(text)
    assert len(view) == len(text)
    assert view.split() == ["Khoa", "Dược", "Phòng", "R&", "D", "Tổ", "CNTT"]


def test_view_italic_stars_blanked_lone_star_kept():
    assert normalized_to_view("*Nghệ An, ngày 08 tháng 4 năm 2026*").strip() == \
        "Nghệ An, ngày 08 tháng 4 năm 2026"
    assert normalized_to_view("***Nơi nhận:***").strip() == "Nơi nhận:"
    assert normalized_to_view("*") == "*"          # the star under a Party issuer
    assert normalized_to_view("Ghi chú (*)") == "Ghi chú (*)"


def test_lines_of_br_cells_point_into_text():
    data = "| SỞ Y TẾ<br>**BỆNH VIỆN ĐA KHOA**<br>------- | **CỘNG HÒA**<br>Độc lập |\n".encode()
    doc = read_text_document(data, "x.txt")
    assert [ln.text for ln in doc.lines][:2] == ["SỞ Y TẾ", "BỆNH VIỆN ĐA KHOA"]
    for line in doc.lines[:2]:
        assert doc.text[line.start:line.end] == line.text


def _grids(text: str):
    doc = read_text_document(text.encode(), "x.txt")
    return doc, doc.tables


def test_grids_markdown_table_rule_row_dropped_br_cell_keeps_lines():
    doc, grids = _grids(
        "| **STT** | **Nội dung** | **Đơn vị chủ trì** |\n"
        "|---|---|---|\n"
        "| 1 | Thời gian chờ khám | Khoa Khám bệnh<br>Phòng Điều dưỡng |\n"
        "\n"
        "Bản quyền © Cơ sở dữ liệu | Liên hệ | Điều khoản sử dụng\n")
    assert len(grids) == 1
    rows = grids[0].rows
    assert [[c.text for c in r] for r in rows] == [
        ["STT", "Nội dung", "Đơn vị chủ trì"],
        ["1", "Thời gian chờ khám", "Khoa Khám bệnh\nPhòng Điều dưỡng"]]
    cell = rows[1][1]
    assert doc.text[cell.start:cell.end] == "Thời gian chờ khám"


def test_grids_word_pipe_rows_without_outer_bars_keep_empty_last_cells():
    _, grids = _grids(
        "STT | Nội dung nhiệm vụ | Đơn vị chủ trì | Thời gian hoàn thành\n"
        "1 | Hạ tầng số | | \n"
        "1.1 | Nâng cấp mạng LAN | Tổ CNTT | Quý III/2026\n")
    rows = grids[0].rows
    assert [len(r) for r in rows] == [4, 4, 4]
    assert [c.text for c in rows[1]] == ["1", "Hạ tầng số", "", ""]


def test_grids_word_tab_row_broken_by_a_cell_of_two_paragraphs_is_one_row():
    """Word's plain-text copy breaks a row where a cell has a second paragraph; the row's
    other cells follow it on the new line. A line opening with a row number is a new row."""
    _, grids = _grids(
        "TT\tNội dung\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian\n"
        "1\tTập huấn kỹ năng số\tPhòng TCHC\tPhòng KHTH\n"
        "Tổ CNTT\tQuý II/2026\n"
        "II\tHạ tầng số\n"
        "2\tNâng cấp mạng\tTổ CNTT\tPhòng TCKT\tQuý III/2026\n")
    assert [[c.text for c in r] for r in grids[0].rows] == [
        ["TT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian"],
        ["1", "Tập huấn kỹ năng số", "Phòng TCHC", "Phòng KHTH\nTổ CNTT", "Quý II/2026"],
        ["II", "Hạ tầng số", "", "", ""],
        ["2", "Nâng cấp mạng", "Tổ CNTT", "Phòng TCKT", "Quý III/2026"]]


def test_grids_single_pipe_line_in_prose_is_no_table():
    _, grids = _grids("Tra cứu văn bản | Y tế\nCăn cứ Luật Khám bệnh, chữa bệnh năm 2023;\n")
    assert grids == []


# ---------------------------------------------------------------- page numbers in the flow

_WRAPPED_OVER_PAGE = (
    "SỞ Y TẾ TỈNH LAI CHÂU \n\nTRUNG TÂM Y TẾ KHU VỰC TÂN UYÊN \n\nSố: 35/KH-TTYT \n\n"
    "KẾ HOẠCH \n\nThực hiện Nghị quyết số 57-NQ/TW năm 2026 \n\n"
    "Quán triệt, cụ thể hóa các nhiệm vụ của Nghị quyết số 57- \n\n 2 \n\n"
    "NQ/TW và Kế hoạch số 61/KH-SYT của Sở Y tế phù hợp với đơn vị. \n\n"
    "- Mỗi khoa, phòng có ít nhất 01 sáng kiến cải tiến về ứng \n\n 3 \n\n"
    "dụng công nghệ số được công nhận cấp cơ sở. \n\n"
)


def test_page_number_inside_a_wrapped_sentence_is_dropped_and_counts_a_page():
    doc = read_text_document(_WRAPPED_OVER_PAGE.encode(), "t.txt")
    assert [doc.text[a:b] for a, b in doc.furniture] == ["2", "3"]
    assert doc.page_count == 3
    assert all(ln.text not in ("2", "3") for ln in doc.lines)
    dung = next(ln for ln in doc.lines if ln.text.startswith("dụng công nghệ"))
    assert dung.page == 3 and not dung.break_before  # the bullet runs on over the page


def test_page_number_inside_a_wrapped_citation_gives_no_citation_of_its_own():
    from kehoach.pipeline import extract_bytes

    tables = extract_bytes(_WRAPPED_OVER_PAGE.encode(), "t.txt").tables
    assert "2-NQ/TW" not in [r["cited_number"] for r in tables["legal_basis"]]


_RUNNING_FOOTER = (
    "KẾ HOẠCH \n\nChuyển đổi số y tế năm 2026 \n\nI. MỤC TIÊU \n\n"
    "- Tối thiểu 95% hồ sơ thủ tục hành chính thuộc thẩm quyền của Sở Y tế được \n\n"
    "Sở Y tế tỉnh Hưng Yên - Chuyển đổi số y tế năm 2026 \n\n2 \n \n"
    " tiếp nhận và giải quyết trực tuyến toàn trình; \n\n- Trên 80% người dân có hồ sơ sức khỏe. \n\n"
    "Sở Y tế tỉnh Hưng Yên - Chuyển đổi số y tế năm 2026 \n\n3 \n \n"
    "PHỤ LỤC \n\nSở Y tế tỉnh Hưng Yên - Chuyển đổi số y tế năm 2026 \n\n2 \n \n"
    "II. TỔ CHỨC THỰC HIỆN \n\nSở Y tế tỉnh Hưng Yên - Chuyển đổi số y tế năm 2026 \n"
)


def test_running_footer_is_furniture_and_a_sentence_runs_on_over_it():
    """The same footer before every page number, and a page number after it even where an
    appendix numbers its pages again: furniture. The bullet goes on over the page break."""
    doc = read_text_document(_RUNNING_FOOTER.encode(), "t.txt")
    assert not [ln for ln in doc.lines if ln.text.startswith("Sở Y tế tỉnh Hưng Yên -")]
    assert [doc.text[a:b] for a, b in doc.furniture if len(doc.text[a:b]) < 3] == ["2", "3", "2"]
    tiep = next(ln for ln in doc.lines if ln.text.startswith("tiếp nhận"))
    assert not tiep.break_before
    assert next(ln for ln in doc.lines if ln.text.startswith("PHỤ LỤC")).break_before


def test_line_repeated_away_from_page_numbers_is_no_furniture():
    text = ("KẾ HOẠCH \n\nPhòng Tổ chức hành chính chủ trì \n\nnội dung một \n\n"
            "Phòng Tổ chức hành chính chủ trì \n\nnội dung hai \n")
    doc = read_text_document(text.encode(), "t.txt")
    assert sum(ln.text == "Phòng Tổ chức hành chính chủ trì" for ln in doc.lines) == 2


def test_lone_number_after_a_table_header_is_left_to_the_table(seed_texts):
    """Seed 000 prints TT cells alone on their lines ("2", "3"): not page numbers."""
    doc = read_text_document(seed_texts["000"], "000.txt")
    assert doc.furniture == [] and doc.page_count == 1


def test_pdfium_line_end_hyphen_mark_reads_as_hyphen():
    assert normalize_text("Phòng KH-TC\ufffeĐD") == "Phòng KH-TC-ĐD"


def test_row_number_alone_over_an_empty_line_is_no_page_number_inside_a_table():
    text = ("KẾ HOẠCH\nThực hiện Nghị quyết số 57-NQ/TW\nPHỤ LỤC\nTT Tên nhiệm vụ Cơ quan chủ trì Thời gian\n"
            "1\nXây dựng kế hoạch\nPhòng Tổ chức hành chính\nTháng 3/2026\n"
            "2\n\nKiện toàn Ban Chỉ đạo\nPhòng Tổ chức hành chính\nQuý II/2026\n")
    doc = read_text_document(text.encode(), "t.txt")
    assert "2" in [ln.text for ln in doc.lines] and doc.furniture == []


_FOOTED_PAGES = (
    "KẾ HOẠCH\nTriển khai chuyển đổi số năm 2026\n"
    "1. Sở Khoa học và Công nghệ (Sở KH&CN), Bảo hiểm xã hội tỉnh (BHXH\n"
    "Trang 1/4\n"
    "tỉnh) phối hợp triển khai.\n"
    "Trang 2/4\n"
    "Phụ lục I - Kế hoạch số 45/KH-SYT\n"
    "STT Nhiệm vụ Cơ quan chủ trì\n"
    "1 Nâng cấp hạ tầng mạng Văn phòng Sở\n"
    "Trang 3/4\n"
    "Phụ lục I - Kế hoạch số 45/KH-SYT\n"
    "STT Nhiệm vụ Cơ quan chủ trì\n"
    "2 Diễn tập an toàn thông tin Văn phòng Sở\n"
    "Trang 4/4\n"
)


def test_page_label_footer_is_furniture_and_names_its_page():
    doc = read_text_document(_FOOTED_PAGES.encode(), "t.txt")
    assert [doc.text[a:b] for a, b in doc.furniture if "Trang" in doc.text[a:b]] == \
        ["Trang 1/4", "Trang 2/4", "Trang 3/4", "Trang 4/4"]
    assert all(not ln.text.startswith("Trang") for ln in doc.lines)
    second = next(ln for ln in doc.lines if ln.text.startswith("2 Diễn tập"))
    assert second.page == 4
    tinh = next(ln for ln in doc.lines if ln.text.startswith("tỉnh)"))
    assert tinh.page == 2 and not tinh.break_before  # the sentence runs on over the footer


def test_running_header_next_to_page_labels_is_furniture():
    doc = read_text_document(_FOOTED_PAGES.encode(), "t.txt")
    assert all(not ln.text.startswith("Phụ lục I - Kế hoạch") for ln in doc.lines)


def test_page_number_after_a_page_printed_without_one_is_dropped():
    """Page 4 printed no number (a landscape appendix page): "5" over the artefact's " " line
    inside a table row is page 5, not a row number."""
    text = ("Mở đầu \n\n 2 \n \n\nThân bài \n\n 3 \n \n\nTT Nội dung Đơn vị chủ trì \n\n"
            "3.3 Lắp đặt hệ thống theo dõi tại \n\n\n\n5 \n \n\nKhoa Sơ sinh, kết nối monitor \n\n")
    doc = read_text_document(text.encode(), "t.txt")
    assert [doc.text[a:b] for a, b in doc.furniture] == ["2", "3", "5"]
    assert next(ln for ln in doc.lines if ln.text.startswith("Khoa Sơ sinh")).page == 5


def test_view_blanks_grid_table_borders_same_length():
    text = "+-----+------+\n| TT  | Tên  |\n+=====+======+\n| 1   | Việc |\n+-----+------+\n"
    view = normalized_to_view(text)
    assert len(view) == len(text)
    assert [ln.split() for ln in view.split("\n")] == [[], ["TT", "Tên"], [], ["1", "Việc"], [], []]


def test_join_lines_glues_a_date_broken_inside_its_year():
    assert join_lines(["Trước ngày", "15/4/202", "6"]) == "Trước ngày 15/4/2026"
    assert join_lines(["Quý I/20", "26"]) == "Quý I/2026"
    assert join_lines(["tỷ lệ 1/2", "5 ngày"]) == "tỷ lệ 1/2 5 ngày"   # no year there
