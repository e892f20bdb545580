"""Appendix tables rebuilt from flattened text and from layout grids, on variants the seeds
do not contain."""
import datetime as dt

import pytest

from extract.model import GridCell, GridTable
from extract.read_text import read_text_document
from extract.table_headers import header_text_to_roles
from extract.table_grids import grid_to_rows
from extract.tables import lines_to_rows
from kehoach.pipeline import extract_bytes
from normalize.units import build_lexicon

PLAN_HEAD = """\
SỞ Y TẾ TỈNH NGHỆ AN
BỆNH VIỆN Y HỌC CỔ TRUYỀN
Số: 88/KH-BVYHCT                    Nghệ An, ngày 12 tháng 3 năm 2026
KẾ HOẠCH
Ứng dụng công nghệ thông tin và chuyển đổi số năm 2026
I. TỔ CHỨC THỰC HIỆN
1. Phòng Kế hoạch tổng hợp: chủ trì, theo dõi.
2. Phòng Công nghệ thông tin: triển khai phần mềm.
3. Phòng Tài chính kế toán: bố trí kinh phí.
GIÁM ĐỐC
Hồ Văn Nam
PHỤ LỤC
(Kèm theo Kế hoạch số 88/KH-BVYHCT ngày 12/3/2026 của Bệnh viện Y học cổ truyền)
"""


def _rows(appendix: str):
    doc = read_text_document((PLAN_HEAD + appendix).encode(), "t.txt")
    return lines_to_rows(doc.lines, build_lexicon(doc.text))


def _cells(rows, *roles):
    return [tuple(r.text(role) for role in roles) for r in rows]


def test_header_roles_from_words_not_positions():
    assert header_text_to_roles("STT Nội dung nhiệm vụ Đơn vị chủ trì Đơn vị phối hợp Thời gian hoàn thành Sản phẩm") \
        == ["tt", "name", "lead", "partner", "deadline", "product"]
    assert header_text_to_roles("TT Nội dung Khoa, phòng phụ trách Thời gian hoàn thành Chỉ tiêu định lượng") \
        == ["tt", "name", "lead", "deadline", "quantity"]
    assert header_text_to_roles("STT Nhiệm vụ Đơn vị thực hiện Thời hạn") == ["tt", "name", "lead", "deadline"]


def test_rows_product_after_deadline_column_order():
    rows = _rows("""\
STT Nội dung nhiệm vụ Đơn vị chủ trì Đơn vị phối hợp Thời gian hoàn thành Sản phẩm
1 Triển khai bệnh án điện tử Phòng KHTH Phòng CNTT Quý III/2026 Bệnh án điện tử
nội trú vận hành
2 Nâng cấp hạ tầng mạng Phòng CNTT Phòng TCKT Trước ngày 15/12/2026 Hệ thống mạng
LAN mới
""")
    assert _cells(rows, "name", "lead", "partner", "deadline", "product") == [
        ("Triển khai bệnh án điện tử", "Phòng KHTH", "Phòng CNTT", "Quý III/2026",
         "Bệnh án điện tử nội trú vận hành"),
        ("Nâng cấp hạ tầng mạng", "Phòng CNTT", "Phòng TCKT", "Trước ngày 15/12/2026",
         "Hệ thống mạng LAN mới"),
    ]


def test_rows_no_partner_column_with_thoi_han():
    rows = _rows("""\
STT Nhiệm vụ Đơn vị thực hiện Thời hạn
1 Đào tạo kỹ năng số cho viên chức Phòng Kế hoạch tổng hợp 6 tháng đầu năm 2026
2 Rà soát quy trình khám bệnh Khoa Khám bệnh Hằng tháng
""")
    assert _cells(rows, "name", "lead", "deadline") == [
        ("Đào tạo kỹ năng số cho viên chức", "Phòng Kế hoạch tổng hợp", "6 tháng đầu năm 2026"),
        ("Rà soát quy trình khám bệnh", "Khoa Khám bệnh", "Hằng tháng"),
    ]
    assert "partner" not in rows[0].roles


def test_rows_semicolon_separated_units_resolve_to_canonical_names():
    text = PLAN_HEAD + """\
TT Tên nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp Thời gian hoàn thành
1 Triển khai thanh toán không dùng tiền mặt Phòng TCKT Phòng KHTH; Phòng CNTT Quý II/2026
"""
    result = extract_bytes(text.encode(), "t.txt")
    task = result.tables["tasks"][0]
    assert task["lead_units"] == ["Phòng Tài chính kế toán"]
    assert task["partner_units"] == ["Phòng Kế hoạch tổng hợp", "Phòng Công nghệ thông tin"]
    assert (task["due_start"], task["due_end"]) == (dt.date(2026, 4, 1), dt.date(2026, 6, 30))


def test_rows_numbered_1_1_under_arabic_group_rows():
    rows = _rows("""\
TT Nội dung Đơn vị chủ trì Thời gian hoàn thành
1 Hạ tầng số
1.1 Mua sắm máy chủ Phòng CNTT Quý II/2026
1.2 Lắp đặt KIOSK Phòng KHTH Quý III/2026
2 Dữ liệu
2.1 Chuẩn hóa dữ liệu bệnh nhân Phòng KHTH Năm 2026
""")
    assert [r.task_no for r in rows] == ["1.1", "1.2", "2.1"]
    assert [(r.group_no, r.group_title) for r in rows] == [
        ("1", "Hạ tầng số"), ("1", "Hạ tầng số"), ("2", "Dữ liệu")]
    assert _cells(rows[0:2], "name", "lead", "deadline") == [
        ("Mua sắm máy chủ", "Phòng CNTT", "Quý II/2026"),
        ("Lắp đặt KIOSK", "Phòng KHTH", "Quý III/2026"),
    ]


def test_rows_header_repeated_on_three_pages_row_cut_by_page_break():
    header = "TT Tên nhiệm vụ Cơ quan chủ trì Thời gian hoàn thành\n"
    rows = _rows(header + """\
I Công tác chỉ đạo
1 Xây dựng kế hoạch chuyển đổi số Phòng KHTH Tháng 3/2026
2 Rà soát văn bản quản lý nội bộ của Phòng KHTH Quý II/2026
""" + header + """\
bệnh viện
II Hạ tầng
3 Nâng cấp mạng LAN Phòng CNTT Năm 2026
""" + header + """\
4 Triển khai chữ ký số Phòng CNTT Thường xuyên
""")
    assert [r.task_no for r in rows] == ["1", "2", "3", "4"]
    assert rows[1].text("name") == "Rà soát văn bản quản lý nội bộ của bệnh viện"
    assert [r.group_no for r in rows] == ["I", "I", "II", "II"]
    assert rows[3].text("deadline") == "Thường xuyên"


def test_grid_rows_merged_section_row_and_continuation_after_page_break():
    def cell(text, page=1):
        return GridCell(text, 0, len(text), page) if text is not None else None
    grid = GridTable([
        [cell("TT"), cell("Tên nhiệm vụ"), cell("Cơ quan chủ trì"), cell("Cơ quan phối hợp"), cell("Thời gian hoàn thành")],
        [cell("I"), cell("Công tác chỉ đạo, điều hành"), None, None, None],
        [cell("1"), cell("Xây dựng kế hoạch\nthực hiện Nghị quyết số 57-\nNQ/TW"), cell("Phòng TCHC"), cell(""), cell("Tháng\n02/2026")],
        [cell("", 2), cell("năm 2026", 2), cell("", 2), cell("Phòng KH-TC-\nĐD", 2), cell("", 2)],
    ], 1, 2)
    rows = grid_to_rows(grid, 1)
    assert len(rows) == 1
    row = rows[0]
    assert (row.group_no, row.group_title) == ("I", "Công tác chỉ đạo, điều hành")
    assert row.text("name") == "Xây dựng kế hoạch thực hiện Nghị quyết số 57-NQ/TW năm 2026"
    assert row.text("partner") == "Phòng KH-TC-ĐD"
    assert row.text("deadline") == "Tháng 02/2026"
    assert {ln.page for ln in row.lines} == {1, 2}


def test_grid_rows_arabic_group_row_merged_across_the_table_titles_its_tasks():
    """"1. Công tác chỉ đạo, điều hành" in one cell spanning the row, above "1.1", "1.2": a
    group, not a task numbered with its own title; a row "1." with cells of its own stays a task."""
    def cell(text):
        return GridCell(text, 0, len(text), 1) if text is not None else None
    grid = GridTable([
        [cell("STT"), cell("Nội dung công việc"), cell("Đơn vị thực hiện"), cell("Thời gian thực hiện")],
        [cell("1. Công tác chỉ đạo, điều hành"), None, None, None],
        [cell("1.1"), cell("Xây dựng kế hoạch năm 2026"), cell("Phòng KH-NV"), cell("Tháng 6/2026")],
        [cell("1.2"), cell("Kiện toàn Tổ chuyển đổi số"), cell("Phòng TC-HC"), cell("Quý II/2026")],
        [cell("2. Hạ tầng số"), None, None, None],
        [cell("2.1"), cell("Nâng cấp mạng LAN"), cell("Tổ CNTT"), cell("Năm 2026 - 2027")],
    ], 1, 2)
    rows = grid_to_rows(grid, 1)
    assert [(r.task_no, r.group_no, r.group_title) for r in rows] == [
        ("1.1", "1", "Công tác chỉ đạo, điều hành"), ("1.2", "1", "Công tác chỉ đạo, điều hành"),
        ("2.1", "2", "Hạ tầng số")]


def test_grid_rows_task_with_sub_rows_titles_only_its_own():
    """Task "4 | Triển khai bệnh án điện tử:" with nothing but a name over 4.1, 4.2 is their
    group; task 5 after them is back in section I, not under task 4."""
    def cell(text):
        return GridCell(text, 0, len(text), 1) if text is not None else None
    grid = GridTable([
        [cell("TT"), cell("Nội dung nhiệm vụ"), cell("Đơn vị chủ trì"), cell("Thời gian hoàn thành")],
        [cell("I"), cell("Hạ tầng số"), None, None],
        [cell("4"), cell("Triển khai bệnh án điện tử:"), cell(""), cell("")],
        [cell("4.1"), cell("Ký số bệnh án nội trú"), cell("Phòng KHTH"), cell("Quý II/2026")],
        [cell("4.2"), cell("Lưu trữ bệnh án điện tử"), cell("Phòng CNTT"), cell("Quý III/2026")],
        [cell("5"), cell("Kết nối LIS với HIS"), cell("Phòng CNTT"), cell("Quý IV/2026")],
    ], 1, 2)
    rows = grid_to_rows(grid, 1)
    assert [(r.task_no, r.group_no) for r in rows] == [("4.1", "4"), ("4.2", "4"), ("5", "I")]


def test_grid_rows_lettered_sub_tasks_under_a_merged_tt_cell():
    """"11 | Thanh toán không dùng tiền mặt" over "a) …" and "b) …", each with its own units
    and deadline, the TT cell merged down (empty below): a) and b) are the tasks, 11 their
    group; a row without a letter under a task goes on with it as before."""
    def cell(text):
        return GridCell(text, 0, len(text), 1) if text is not None else None
    grid = GridTable([
        [cell("TT"), cell("Nội dung nhiệm vụ"), cell("Đơn vị chủ trì"), cell("Thời gian hoàn thành")],
        [cell("11"), cell("Thanh toán không dùng tiền mặt"), cell(""), cell("")],
        [None, cell("a) Thanh toán viện phí qua mã QR"), cell("Phòng TCKT"), cell("Quý II/2026")],
        [None, cell("b) Phát hành hóa đơn điện tử"), cell("Phòng TCKT"), cell("Tháng 5/2026")],
        [cell("12"), cell("Bồi dưỡng kỹ năng số"), cell("Phòng TCCB"), cell("Hằng")],
        [None, cell("cho viên chức"), cell(""), cell("quý")],
    ], 1, 2)
    rows = grid_to_rows(grid, 1)
    assert [(r.task_no, r.group_no, r.text("name"), r.text("deadline")) for r in rows] == [
        ("a", "11", "Thanh toán viện phí qua mã QR", "Quý II/2026"),
        ("b", "11", "Phát hành hóa đơn điện tử", "Tháng 5/2026"),
        ("12", None, "Bồi dưỡng kỹ năng số cho viên chức", "Hằng quý")]


def test_units_column_whose_header_says_the_first_unit_leads():
    """"Đơn vị thực hiện (đơn vị đứng đầu là đơn vị chủ trì)" — even with its two centred lines
    read as one — makes the first unit of each cell the lead and the others partners."""
    from extract.content import row_to_task

    def cell(text):
        return GridCell(text, 0, len(text), 1) if text is not None else None
    grid = GridTable([
        [cell("STT"), cell("Nội dung hoạt động"), cell("(đơn Đơn vị vị thực đứng hiện đầu\nlà đơn vị chủ trì)"),
         cell("Thời gian")],
        [cell("1"), cell("Kiện toàn Ban Chỉ đạo chuyển đổi số"), cell("Phòng TC-HC; Phòng KH-NV, Tổ CNTT"),
         cell("Tháng 4/2026")],
        [cell("2"), cell("Sơ kết, đánh giá kết quả"), cell("Phòng KH-NV"), cell("Quý IV/2026")],
    ], 1, 2)
    rows = grid_to_rows(grid, 1)
    tasks = [row_to_task(r, build_lexicon(""), 2026)[0] for r in rows]
    assert [(t.lead_units_text, t.partner_units_text) for t in tasks] == [
        ("Phòng TC-HC", "Phòng KH-NV, Tổ CNTT"), ("Phòng KH-NV", None)]


def test_tasks_indicator_rows_are_also_targets_seed_003(seed_texts):
    result = extract_bytes(seed_texts["003"], "003.txt")
    appendix = [t for t in result.tables["targets"] if t["source"] == "appendix"]
    assert len(appendix) == len(result.tables["tasks"]) == 12
    assert appendix[1]["comparator"] == ">=" and appendix[1]["value"] == 90.0


def test_tasks_product_number_becomes_task_target_seed_000(seed_texts):
    result = extract_bytes(seed_texts["000"], "000.txt")
    task_targets = [t for t in result.tables["targets"] if t["source"] == "task"]
    assert [(t["task_no"], t["comparator"], t["value"], t["unit"]) for t in task_targets] == \
        [("12", ">=", 1.0, "viên chức")]


def test_task_units_long_table_records_how_units_were_resolved(seed_texts):
    result = extract_bytes(seed_texts["000"], "000.txt")
    units = [u for u in result.tables["task_units"] if u["task_no"] == "1"]
    assert [(u["role"], u["unit_text"], u["unit_name"]) for u in units] == [
        ("lead", "Phòng TCHC", "Phòng Tổ chức hành chính"),
        ("partner", "Phòng KH-TC-ĐD", "Phòng Kế hoạch - Tài chính - Điều dưỡng"),
    ]
    assert all(u["match"] == "document" for u in units)


def test_responsibilities_from_organization_section(seed_texts):
    result = extract_bytes(seed_texts["003"], "003.txt")
    names = [r["unit_name"] for r in result.tables["responsibilities"]]
    assert names == ["Phòng Tổ chức hành chính", "Phòng Kế hoạch nghiệp vụ",
                     "Phòng Tài chính kế toán", "Các khoa, phòng"]
    assert "định kỳ 6 tháng/lần" in result.tables["responsibilities"][1]["duties"]


# ------------------------------------------------------------------ pipe tables, table ends

from extract.role_markers import split_role_markers  # noqa: E402

WORD_PIPE_APPENDIX = """\
STT | Nội dung nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian hoàn thành | Sản phẩm
1 | Hạ tầng số | | | |
1.1 | Nâng cấp mạng LAN | Phòng CNTT | Phòng TCKT; Phòng KHTH | Quý III/2026 | Hạ tầng được nâng cấp
1.2 | Triển khai PACS | Phòng KHTH | Phòng CNTT | Năm 2026 - 2027 | Hệ thống PACS vận hành
2 | Dữ liệu | | | |
2.1 | Chuẩn hóa dữ liệu bệnh nhân | Phòng KHTH | Các khoa, phòng | Theo tiến độ | Dữ liệu chuẩn hóa
"""


def _tasks(text: str) -> list[dict]:
    result = extract_bytes(text.encode(), "t.txt")
    assert result.status in ("ok", "partial"), result.error_message
    return result.tables["tasks"]


def test_grid_rows_word_pipe_table_numbered_group_rows():
    tasks = _tasks(PLAN_HEAD + WORD_PIPE_APPENDIX)
    assert [(t["task_no"], t["group_no"], t["group_title"]) for t in tasks] == [
        ("1.1", "1", "Hạ tầng số"), ("1.2", "1", "Hạ tầng số"), ("2.1", "2", "Dữ liệu")]
    assert tasks[0]["partner_units"] == ["Phòng Tài chính kế toán", "Phòng Kế hoạch tổng hợp"]
    assert tasks[0]["product"] == "Hạ tầng được nâng cấp"
    assert tasks[1]["deadline_text"] == "Năm 2026 - 2027"


def test_grid_rows_markdown_table_web_footer_not_in_last_row():
    tasks = _tasks(PLAN_HEAD + """\
| **STT** | **Nội dung** | **Chỉ tiêu** | **Đơn vị chủ trì** | **Thời gian thực hiện** |
|---|---|---|---|---|
| **I** | **Hạ tầng** | | | |
| 1 | Thời gian chờ đăng ký khám | ≤ 30 phút | Phòng KHTH<br>Phòng Công nghệ thông tin | Hằng tháng |
| 2 | Trợ lý ảo tư vấn người bệnh | 01 ứng dụng | Phòng Công nghệ thông tin | Theo tiến độ |

Bản quyền © Cơ sở dữ liệu văn bản | Liên hệ | Điều khoản sử dụng
""")
    assert [(t["group_no"], t["name"], t["quantity_text"]) for t in tasks] == [
        ("I", "Thời gian chờ đăng ký khám", "≤ 30 phút"), ("I", "Trợ lý ảo tư vấn người bệnh", "01 ứng dụng")]
    assert tasks[0]["lead_units"] == ["Phòng Kế hoạch tổng hợp", "Phòng Công nghệ thông tin"]
    assert tasks[1]["deadline_text"] == "Theo tiến độ"


def test_rows_stray_page_number_after_last_row_is_dropped():
    rows = _rows("""\
STT Nhiệm vụ Đơn vị thực hiện Thời hạn
1 Đào tạo kỹ năng số cho viên chức Phòng Kế hoạch tổng hợp Hằng quý
2 Rà soát quy trình khám bệnh Khoa Khám bệnh Hằng tháng
3 Sơ kết, đánh giá kết quả thực hiện Kế hoạch Phòng Kế hoạch tổng hợp Định kỳ 6 tháng/lần
2
""")
    assert _cells(rows, "name", "deadline")[-1] == (
        "Sơ kết, đánh giá kết quả thực hiện Kế hoạch", "Định kỳ 6 tháng/lần")


def test_rows_page_number_before_repeated_header_is_dropped_next_row_kept():
    header = "STT Nhiệm vụ Đơn vị thực hiện Thời hạn\n"
    rows = _rows(header + """\
1 Đào tạo kỹ năng số cho viên chức Phòng Kế hoạch tổng hợp Hằng quý
2
""" + header + """\
2 Rà soát quy trình khám bệnh Khoa Khám bệnh Hằng tháng
""")
    assert [r.task_no for r in rows] == ["1", "2"]
    assert rows[0].text("deadline") == "Hằng quý"


def test_rows_web_footer_and_signature_under_table_end_it():
    for tail in ("Bản quyền © 2026 Thư viện pháp luật\n", "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nLê Văn An\n"):
        rows = _rows("""\
STT Nhiệm vụ Đơn vị thực hiện Thời hạn
1 Đào tạo kỹ năng số cho viên chức Phòng Kế hoạch tổng hợp Hằng quý
""" + tail)
        assert _cells(rows, "name", "lead", "deadline") == [
            ("Đào tạo kỹ năng số cho viên chức", "Phòng Kế hoạch tổng hợp", "Hằng quý")], tail


def test_split_role_markers_suffix_and_prefix_forms():
    assert split_role_markers("Phòng TC-HC chủ trì,\nPhòng KH-NV phối hợp", "lead") == \
        {"lead": "Phòng TC-HC", "partner": "Phòng KH-NV"}
    assert split_role_markers("Chủ trì: Phòng KHTH; Phối hợp: Tổ CNTT, Phòng TCKT", "lead") == \
        {"lead": "Phòng KHTH", "partner": "Tổ CNTT, Phòng TCKT"}
    assert split_role_markers("Phòng KHTH; Tổ CNTT", "lead") == {"lead": "Phòng KHTH; Tổ CNTT"}


def test_task_units_one_cell_naming_lead_and_partner():
    tasks = _tasks(PLAN_HEAD + """\
STT Nhiệm vụ Đơn vị thực hiện Thời hạn
1 Rà soát cấp độ an toàn hệ thống thông tin Phòng KHTH chủ trì,
Phòng Tài chính kế toán phối hợp
Quý III/2026
""")
    assert tasks[0]["lead_units"] == ["Phòng Kế hoạch tổng hợp"]
    assert tasks[0]["partner_units"] == ["Phòng Tài chính kế toán"]


def _exhaustive_cells(tokens, roles, scorer, typed_limits=False, memo=None):
    """The segmentation search without caps or pruning: every span of every start scored
    (with `typed_limits`, no typed cell longer than the search allows). `memo` shares the
    spans' costs between two searches over the same row."""
    from extract.table_headers import base_role
    from extract.table_cells import _MAX_TOKENS, cell_cost
    from extract.table_cuts import cut_costs

    n, k, inf = len(tokens), len(roles), float("inf")
    memo = {} if memo is None else memo
    opens = cut_costs(tokens, roles, scorer.lexicon)
    cuts = [j for j in range(n + 1) if opens[j] < inf]
    best = [[inf] * (n + 1) for _ in range(k + 1)]
    back = [[0] * (n + 1) for _ in range(k + 1)]
    best[0][0] = 0.0
    for c in range(k):
        limit = _MAX_TOKENS.get(base_role(roles[c])) if typed_limits else None
        for i in cuts:
            for j in (j for j in cuts if j >= i and best[c][i] < inf and not (limit and j - i > limit)):
                empty_again = i == j and c > 0 and back[c][i] == i
                key = (c, i, j, empty_again)
                if key not in memo:
                    memo[key] = cell_cost(scorer, roles, c, tokens, i, j, after_empty_cell=empty_again)
                total = best[c][i] + (opens[i] if j > i else 0.0) + memo[key]
                if total < best[c + 1][j]:
                    best[c + 1][j], back[c + 1][j] = total, i
    cells, j = [], n
    for c in range(k, 0, -1):
        cells.append(tokens[back[c][j]:j])
        j = back[c][j]
    return cells[::-1]


def test_segmentation_capped_search_equals_exhaustive_search_on_sample_tables():
    """The capped, pruned search must find the same cells as scoring every span of the
    lengths it allows; the length limit on typed cells (a deadline of 14 words at most) may
    change the answer only on rare rows (two of 1,378 here, garbage either way: a whole
    page of pdftotext's column blocks read as one row, a name of four "+" items)."""
    from extract.table_cells import Scorer, tokens_to_cells
    from extract.table_tokens import fragment_to_tokens
    from extract.tables import lines_to_tables

    from pathlib import Path

    samples = Path(__file__).resolve().parent.parent / "samples"
    compared = limit_mattered = 0
    for path in sorted(samples.glob("*.txt")) + sorted(samples.glob("synthetic/*.txt")):
        doc = read_text_document(path.read_bytes(), path.name)
        lexicon = build_lexicon(doc.text)
        for header, raw_rows in lines_to_tables(doc.lines):
            for raw in raw_rows:
                tokens = fragment_to_tokens(raw.fragments[0])
                scorer = Scorer(lexicon)
                fast = [[t.text for t in c] for c in tokens_to_cells(tokens, header.roles, scorer)]
                memo: dict = {}
                assert fast == [[t.text for t in c]
                                for c in _exhaustive_cells(tokens, header.roles, scorer, typed_limits=True, memo=memo)]
                unlimited = _exhaustive_cells(tokens, header.roles, scorer, memo=memo)
                limit_mattered += fast != [[t.text for t in c] for c in unlimited]
                compared += 1
    assert compared >= 30 and limit_mattered <= compared // 100


def test_rows_line_opening_with_footer_words_in_lower_case_continues_the_row():
    """"bản quyền cho máy trạm" wraps a task name: only a capitalised "Bản quyền ©" footer
    ends a table."""
    rows = _rows("TT Nội dung nhiệm vụ Đơn vị chủ trì Thời gian hoàn thành\n"
                 "1 Cài đặt phần mềm diệt virus có\nbản quyền cho máy trạm\nPhòng Kế hoạch tổng hợp\nQuý I/2026\n"
                 "2 Sao lưu dữ liệu định kỳ\nPhòng Công nghệ thông tin\nHằng quý\n"
                 "Bản quyền © Cơ sở dữ liệu văn bản\n")
    assert _cells(rows, "name", "deadline") == [
        ("Cài đặt phần mềm diệt virus có bản quyền cho máy trạm", "Quý I/2026"),
        ("Sao lưu dữ liệu định kỳ", "Hằng quý")]


def test_rows_page_number_before_repeated_header_not_taken_for_a_skipped_row():
    """"4" after row 2 could be row 4 with row 3 missing, but the row after the repeated
    header is 3: the "4" was the page's number."""
    header = "TT Nội dung nhiệm vụ Đơn vị chủ trì Thời gian hoàn thành\n"
    rows = _rows(header + "1 Xây dựng kế hoạch\nPhòng Kế hoạch tổng hợp\nQuý I/2026\n"
                 "2 Rà soát văn bản\nPhòng Kế hoạch tổng hợp\nQuý I/2026\n4\n" + header +
                 "3 Triển khai đề án IoT\nPhòng Công nghệ thông tin\nQuý II/2026\n")
    assert [(r.task_no, r.text("name")) for r in rows] == [
        ("1", "Xây dựng kế hoạch"), ("2", "Rà soát văn bản"), ("3", "Triển khai đề án IoT")]



INDICATORS_WITH_UNIT_COLUMN = """\
STT Chỉ tiêu Đơn vị
tính
Chỉ tiêu năm
2026
Đơn vị thực
hiện
Thời gian
hoàn thành
A HẠ TẦNG SỐ
1 Tỷ lệ bệnh viện triển khai bệnh
án điện tử
% 100 Các bệnh viện Quý IV/2026
2 Số bệnh viện lắp đặt KIOSK tự
phục vụ đăng ký khám bệnh
Bệnh
viện
≥ 03 Phòng Kế hoạch tổng hợp 6 tháng đầu
năm 2026
3 Tỷ lệ hệ thống thông tin được
phê duyệt cấp độ an toàn thông tin
% ≥ 97,5 VP Sở; Các đơn vị
trực thuộc
Trước
30/6/2026
"""


def test_rows_indicator_table_with_unit_of_measure_column():
    """"STT | Chỉ tiêu | Đơn vị tính | Chỉ tiêu năm 2026 | …": the first "Chỉ tiêu" names the
    indicator, the second holds its value, whose unit stands in its own column."""
    rows = _rows(INDICATORS_WITH_UNIT_COLUMN)
    # "Chỉ tiêu năm 2026": the value column of that year
    assert rows[0].roles == ["name", "measure", "quantity@năm 2026", "lead", "deadline"]
    assert _cells(rows, "measure", "quantity", "lead", "deadline") == [
        ("%", "100", "Các bệnh viện", "Quý IV/2026"),
        ("Bệnh viện", "≥ 03", "Phòng Kế hoạch tổng hợp", "6 tháng đầu năm 2026"),
        ("%", "≥ 97,5", "VP Sở; Các đơn vị trực thuộc", "Trước 30/6/2026")]


def test_targets_indicator_rows_take_their_unit_from_the_unit_of_measure_column():
    tables = extract_bytes((PLAN_HEAD + INDICATORS_WITH_UNIT_COLUMN).encode(), "t.txt").tables
    assert [(t["comparator"], t["value"], t["unit"]) for t in tables["targets"] if t["source"] == "appendix"] == [
        ("=", 100.0, "%"), (">=", 3.0, "bệnh viện"), (">=", 97.5, "%")]
    assert [t["measure_text"] for t in tables["tasks"]] == ["%", "Bệnh viện", "%"]
    assert tables["tasks"][2]["lead_units"] == ["Văn phòng Sở", "Các đơn vị trực thuộc"]


def test_rows_value_column_keeps_its_comparator_and_leaves_units_to_their_column():
    """"> 90%" opening a line is a comparator, not a markdown quote; a value cell does not run
    on into the lines of the next columns ("P.KHTH", "Tháng 7/2026")."""
    rows = _rows("TT Chỉ tiêu Giá trị mục tiêu Đơn vị chịu trách nhiệm Thời điểm đánh giá\n"
                 "1 Tỷ lệ người bệnh được tiếp đón bằng căn cước\n> 90%\nPhòng Kế hoạch tổng hợp\nTháng 9/2026\n"
                 "2 Tỷ lệ hồ sơ bệnh án điện tử\n100%\nPhòng Kế hoạch tổng hợp\nPhòng Công nghệ thông tin\nTháng 7/2026\n")
    assert _cells(rows, "quantity", "deadline") == [("> 90%", "Tháng 9/2026"), ("100%", "Tháng 7/2026")]


def test_rows_deadline_list_cut_at_its_comma_continues_on_the_next_line():
    rows = _rows("TT Nội dung nhiệm vụ Đơn vị chủ trì Thời gian hoàn thành Kết quả/sản phẩm\n"
                 "1 Mở rộng thanh toán không dùng tiền mặt\nPhòng Tài chính kế toán\nQuý II,\nIII/2026\n"
                 "Hệ thống thanh toán không dùng tiền mặt\n")
    assert _cells(rows, "deadline", "product") == [("Quý II, III/2026", "Hệ thống thanh toán không dùng tiền mặt")]


def test_rows_lone_number_before_the_next_appendix_is_a_page_number():
    rows = _rows("TT Nội dung nhiệm vụ Đơn vị chủ trì Thời gian hoàn thành\n"
                 "1 Xây dựng kế hoạch\nPhòng Kế hoạch tổng hợp\nQuý I/2026\n3\nPhụ lục II\n")
    assert [r.task_no for r in rows] == ["1"]


def test_rows_cells_sharing_one_printed_line_after_a_name_ending_in_a_year():
    """pdfium prints cells at the same height on one line: "Phòng KHTH Phòng CNTT Kế hoạch
    Tháng" / "02/2026". The name ends "… Bộ Chính trị năm 2026" (no unit holds a year)
    and "Tháng" opens the deadline cell, not the product's last word."""
    rows = _rows("TT Tên nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp, thực hiện Kết quả/sản phẩm Thời gian hoàn thành\n"
                 "1 Xây dựng, ban hành Kế hoạch thực hiện Nghị\nquyết số 57-NQ/TW, ngày 22/12/2024 của Bộ\n"
                 "Chính trị năm 2026\nPhòng KHTH Phòng CNTT Kế hoạch Tháng\n02/2026\n")
    assert _cells(rows, "lead", "partner", "product", "deadline") == [
        ("Phòng KHTH", "Phòng CNTT", "Kế hoạch", "Tháng 02/2026")]
    assert rows[0].text("name").endswith("Bộ Chính trị năm 2026")


def test_rows_budget_source_column_is_kept_apart_from_the_deadline():
    """"… | Thời gian thực hiện | Nguồn kinh phí": the funding cell is no deadline and no
    product; without its column the whole row fell into the task name."""
    rows = _rows("TT Nhiệm vụ, giải pháp Cơ quan chủ trì Cơ quan phối hợp Thời gian thực hiện Nguồn kinh phí\n"
                 "1 Nâng cấp máy chủ và mạng nội bộ\nPhòng CNTT\nPhòng Tài chính kế toán\nQuý I/2026\nNgân sách nhà\nnước\n")
    assert rows[0].roles == ["name", "lead", "partner", "deadline", "budget"]
    assert _cells(rows, "name", "deadline", "budget") == [
        ("Nâng cấp máy chủ và mạng nội bộ", "Quý I/2026", "Ngân sách nhà nước")]


WORD_TAB_PLAN = (
    "SỞ Y TẾ HÀ NỘI\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "TRUNG TÂM KIỂM SOÁT BỆNH TẬT\tĐộc lập - Tự do - Hạnh phúc\n"
    "Số: 58/KH-KSBT\tHà Nội, ngày 09 tháng 01 năm 2026\n\nKẾ HOẠCH\nChuyển đổi số năm 2026\n\n"
    "I. MỤC TIÊU\n1. Mục tiêu chung\nỨng dụng công nghệ thông tin trong y tế dự phòng.\n2. Chỉ tiêu cụ thể\n"
    "Các chỉ tiêu cụ thể năm 2026 như sau:\n"
    "STT\tChỉ tiêu\tĐơn vị tính\tKế hoạch năm 2026\tĐơn vị thực hiện\n"
    "1\tTỷ lệ ca bệnh được cập nhật trên hệ thống giám sát\t%\t≥ 95\tPhòng Kế hoạch tổng hợp\n"
    "2\tSố lượt tư vấn dinh dưỡng trực tuyến\tLượt\t≥ 3.000\tPhòng Công nghệ thông tin\n"
    "II. TỔ CHỨC THỰC HIỆN\n1. Phòng Kế hoạch tổng hợp: theo dõi.\n2. Phòng Công nghệ thông tin: vận hành.\n"
    "PHỤ LỤC\nTT\tNội dung công việc\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian hoàn thành\tSản phẩm\n"
    "I\tGiám sát dịch bệnh\n"
    "1\tVận hành hệ thống giám sát\tPhòng Kế hoạch tổng hợp\t\tHằng tuần\tBáo cáo tuần\n"
    "2\tXây dựng bản đồ số ổ dịch\tPhòng Công nghệ thông tin\tPhòng Kế hoạch tổng hợp\tQuý III/2026\tBản đồ số\n")


def test_word_table_saved_with_tabs_inside_the_objectives_gives_objective_targets():
    tables = extract_bytes(WORD_TAB_PLAN.encode(), "t.txt").tables
    assert [(t["source"], t["comparator"], t["value"], t["unit"], t["responsible"]) for t in tables["targets"]] == [
        ("objectives", ">=", 95.0, "%", ["Phòng Kế hoạch tổng hợp"]),
        ("objectives", ">=", 3000.0, "lượt", ["Phòng Công nghệ thông tin"])]
    assert [(t["task_no"], t["group_no"], t["partner_units"], t["deadline_text"]) for t in tables["tasks"]] == [
        ("1", "I", [], "Hằng tuần"), ("2", "I", ["Phòng Kế hoạch tổng hợp"], "Quý III/2026")]


def test_rows_numbered_from_one_again_under_each_section_row():
    rows = _rows("STT Nội dung Đơn vị chủ trì Thời gian hoàn thành\n"
                 "I Hạ tầng số\n1 Nâng cấp máy chủ\nPhòng Công nghệ thông tin\nQuý I/2026\n"
                 "2 Lắp đặt KIOSK\nPhòng Kế hoạch tổng hợp\nQuý II/2026\n"
                 "II Nhân lực số\n1 Tập huấn kỹ năng số\nPhòng Kế hoạch tổng hợp\nNăm 2026\n")
    assert [(r.group_no, r.task_no, r.text("name")) for r in rows] == [
        ("I", "1", "Nâng cấp máy chủ"), ("I", "2", "Lắp đặt KIOSK"), ("II", "1", "Tập huấn kỹ năng số")]


def test_rows_baseline_column_and_section_letter_alone_on_its_line():
    """"Thực hiện năm 2025" before "Kế hoạch năm 2026": the earlier value is kept apart (a
    lone "35" is no page number), and "A" over a title in capitals is a section row."""
    rows = _rows("TT\nChỉ tiêu\nĐơn vị\ntính\nThực hiện\nnăm 2025\nKế hoạch\nnăm 2026\nĐơn vị chủ\ntrì\n"
                 "A\nỨNG DỤNG CÔNG NGHỆ THÔNG TIN\n"
                 "1\nTỷ lệ hồ sơ bệnh án điện tử nội trú\n%\n35\n100\nPhòng Kế hoạch tổng hợp\n"
                 "2\nPhân hệ quản lý liệu trình phục hồi chức năng\nPhân hệ\nChưa triển\nkhai\n01\nPhòng Công nghệ thông tin\n")
    assert rows[0].roles == ["name", "measure", "baseline", "quantity@năm 2026", "lead"]
    assert [(r.group_no, r.group_title) for r in rows] == [("A", "ỨNG DỤNG CÔNG NGHỆ THÔNG TIN")] * 2
    assert _cells(rows, "measure", "baseline", "quantity") == [
        ("%", "35", "100"), ("Phân hệ", "Chưa triển khai", "01")]


def test_rows_person_column_is_not_a_unit_column():
    """"Bộ phận thực hiện | Người phụ trách": the person (with titles) is kept apart from the
    lead unit, whose column the header names "Bộ phận"."""
    rows = _rows("STT Nội dung công việc Bộ phận thực hiện Người phụ trách Thời gian Kết quả đầu ra\n"
                 "1 Triển khai phần mềm đặt lịch khám trực tuyến\nPhòng CNTT\nKS. Lê Thị Hoa\nQuý II/2026\n"
                 "Hệ thống đặt lịch\n")
    assert rows[0].roles == ["name", "lead", "person", "deadline", "product"]
    assert _cells(rows, "lead", "person", "deadline") == [("Phòng CNTT", "KS. Lê Thị Hoa", "Quý II/2026")]


def test_rows_name_ending_on_cua_continues_into_the_next_line():
    """"… Tổ chuyển đổi số của" / "Bệnh viện": a cell does not end on "của"; and a code
    wrapped at its hyphen ("13/2025/TT-" / "BYT") is no unit line closing the name."""
    rows = _rows("TT Nhiệm vụ Đơn vị chủ trì Thời hạn\n"
                 "1 Kiện toàn Tổ chuyển đổi số của\nBệnh viện\nPhòng Kế hoạch tổng hợp\nQuý I/2026\n"
                 "2 Ký số hồ sơ bệnh án theo Thông tư số 13/2025/TT-\nBYT\nPhòng Kế hoạch tổng hợp, Phòng\nCNTT\nTháng 3/2026\n")
    assert _cells(rows, "name", "lead") == [
        ("Kiện toàn Tổ chuyển đổi số của Bệnh viện", "Phòng Kế hoạch tổng hợp"),
        ("Ký số hồ sơ bệnh án theo Thông tư số 13/2025/TT-BYT", "Phòng Kế hoạch tổng hợp, Phòng CNTT")]


def test_rows_deadline_printed_line_by_line_beside_the_product():
    """"Trước Hồ sơ đề xuất" / "30/6/2026 cấp độ được" / "phê duyệt": two multi-line cells
    read line by line; the deadline is taken back from the starts of the product's lines."""
    rows = _rows("TT Nội dung Khoa, phòng phụ trách Thời gian hoàn thành Sản phẩm\n"
                 "1 Đề xuất phê duyệt cấp độ an toàn hệ thống thông tin\nPhòng CNTT\n"
                 "Trước Hồ sơ đề xuất\n30/6/2026 cấp độ được\nphê duyệt\n")
    assert _cells(rows, "deadline", "product") == [("Trước 30/6/2026", "Hồ sơ đề xuất cấp độ được phê duyệt")]


def test_header_roles_two_row_header_read_row_by_row():
    """"Đơn vị thực hiện" spans "Chủ trì | Phối hợp" printed after the first row's other
    labels: the sub-row's roles stand where the spanning cell stood."""
    assert header_text_to_roles("TT Nhiệm vụ Đơn vị thực hiện Thời gian hoàn thành Sản phẩm Chủ trì Phối hợp") == \
        ["tt", "name", "lead", "partner", "deadline", "product"]
    assert header_text_to_roles("TT Nội dung chỉ tiêu Khoa, phòng phụ trách Thời gian hoàn thành "
                                "Chỉ tiêu định lượng") == ["tt", "name", "lead", "deadline", "quantity"]


def test_header_roles_labels_wrapped_onto_the_second_line_complete_their_stubs():
    """"Đơn vị | Đơn vị" over "chủ trì | phối hợp": the wrapped words, read after every other
    label, complete the stubs in order; a stub nothing completes names no column."""
    assert header_text_to_roles("TT Nhiệm vụ Đơn vị Đơn vị Sản phẩm Thời hạn Ghi chú chủ trì phối hợp") == \
        ["tt", "name", "lead", "partner", "product", "deadline", "note"]
    assert header_text_to_roles("TT Nội dung Đơn vị Thời gian") == ["tt", "name", "deadline"]
    assert header_text_to_roles("STT Chỉ tiêu Đơn vị tính Kế hoạch năm 2026 Đơn vị thực hiện") == \
        ["tt", "name", "measure", "quantity@năm 2026", "lead"]  # the value column keeps its year


def test_roadmap_year_columns_each_give_a_target_due_that_year():
    """"Năm 2026 | Năm 2027 | Năm 2028" of a roadmap: the row's values and its unit column
    are cut apart, each filled year a target of that year, "-" none."""
    from extract.content import row_to_task, task_to_targets

    rows = _rows("STT Chỉ tiêu Đơn vị tính Năm 2026 Năm 2027 Năm 2028 Đơn vị chủ trì\n"
                 "1 Tỷ lệ thanh toán viện phí\nkhông dùng tiền mặt\n% ≥ 60 ≥ 75 ≥ 85 Phòng TCKT\n"
                 "2 Số đề tài ứng dụng AI\nĐề tài - ≥ 01 ≥ 01 Phòng KHTH\n")
    assert rows[0].roles == ["name", "measure", "quantity@năm 2026", "quantity@năm 2027",
                             "quantity@năm 2028", "lead"]
    assert _cells(rows, "measure", "quantity@năm 2026", "quantity@năm 2028", "lead") == [
        ("%", "≥ 60", "≥ 85", "Phòng TCKT"), ("Đề tài", "-", "≥ 01", "Phòng KHTH")]
    lexicon = build_lexicon("")
    targets = [t for r in rows for t in task_to_targets(row_to_task(r, lexicon, 2026)[0], r)]
    assert [(t.quantity.value, t.quantity.unit, t.deadline.deadline_text, t.deadline.due_end.year)
            for t in targets] == [(60, "%", "Năm 2026", 2026), (75, "%", "Năm 2027", 2027),
                                  (85, "%", "Năm 2028", 2028), (1, "đề tài", "Năm 2027", 2027),
                                  (1, "đề tài", "Năm 2028", 2028)]


def test_year_columns_of_a_horizon_give_targets_due_by_its_end():
    """"Chỉ tiêu năm 2026 | Chỉ tiêu đến năm 2030": the second column is a horizon, its cells
    are due by the end of 2030 (not in 2026, the year of the column before it); "Mục tiêu năm
    2026" read as one label keeps its year as "Chỉ tiêu năm 2026" does."""
    from extract.content import row_to_task, task_to_targets
    from extract.table_headers import cell_label_role

    assert cell_label_role("Chỉ tiêu đến năm 2030") == "quantity@đến năm 2030"
    assert cell_label_role("Mục tiêu năm 2026") == "quantity@năm 2026"
    rows = _rows("TT Chỉ tiêu Đơn vị tính Chỉ tiêu năm 2026 Chỉ tiêu đến năm 2030 Đơn vị chủ trì\n"
                 "1 Tỷ lệ thanh toán không dùng tiền mặt % ≥ 70 ≥ 95 Phòng TCKT\n")
    assert rows[0].roles == ["name", "measure", "quantity@năm 2026", "quantity@đến năm 2030", "lead"]
    targets = task_to_targets(row_to_task(rows[0], build_lexicon(""), 2026)[0], rows[0])
    assert [(t.quantity.value, t.deadline.deadline_text, t.deadline.due_start, t.deadline.due_end.isoformat())
            for t in targets] == [(70, "Năm 2026", dt.date(2026, 1, 1), "2026-12-31"),
                                  (95, "Đến năm 2030", None, "2030-12-31")]


def test_rows_unit_phrase_tail_wrapped_below_the_row_line_goes_back_to_its_cell():
    """"P.TCCB Các đơn vị trực Quyết định phân công Quý I/2026" / "thuộc": the partner cell's
    last word printed under the row's line completes "Các đơn vị trực thuộc"; a phrase ending
    its own line ("Các khoa," / "phòng") is left as it is."""
    rows = _rows("TT Nhiệm vụ Đơn vị chủ trì Đơn vị phối hợp Sản phẩm Thời hạn\n"
                 "1 Bố trí công chức chuyên trách P.TCCB Các đơn vị trực Quyết định phân công Quý I/2026\n"
                 "thuộc\n"
                 "2 Tập huấn kỹ năng số\nPhòng TCCB\nCác khoa,\nphòng\nLớp tập huấn\nQuý II/2026\n")
    assert _cells(rows, "partner", "product", "deadline") == [
        ("Các đơn vị trực thuộc", "Quyết định phân công", "Quý I/2026"),
        ("Các khoa, phòng", "Lớp tập huấn", "Quý II/2026")]


def test_rows_deadline_printed_inside_a_wrapped_product_line_is_taken_out():
    """"Dữ liệu được liên Quý II/2026" / "thông trên VNeID": the deadline sits at the end of
    the product's first printed line, the product goes on in lower case below it."""
    rows = _rows("TT Nhiệm vụ Đơn vị chủ trì Đơn vị phối hợp Sản phẩm Thời hạn\n"
                 "1 Liên thông dữ liệu trên VNeID Phòng KHTH Phòng CNTT Dữ liệu được liên Quý II/2026\n"
                 "thông trên VNeID\n")
    assert _cells(rows, "product", "deadline") == [("Dữ liệu được liên thông trên VNeID", "Quý II/2026")]


def test_rows_line_of_spaces_inside_a_row_marks_the_empty_cell():
    """Seed 000 prints an empty cell as a line holding one space (task 6's product); an empty
    lead cell so printed leaves the units that follow to the partner column."""
    rows = _rows("TT Nhiệm vụ Đơn vị chủ trì Đơn vị phối hợp Sản phẩm Thời hạn\n\n"
                 "1 Cập nhật tin, bài về chuyển đổi \n\n \n\nCác khoa, phòng \n\nliên quan \n\n"
                 "Tin, bài đăng tải \n\nThường xuyên \n\n"
                 "2 Rà soát quy trình \n\nPhòng KHTH \n\nCác khoa, phòng \n\nliên quan \n\n"
                 "Quy trình \n\nQuý I/2026 \n")
    assert _cells(rows, "lead", "partner") == [(None, "Các khoa, phòng liên quan"),
                                                ("Phòng KHTH", "Các khoa, phòng liên quan")]


def test_rows_page_number_before_a_repeated_header_and_a_row_going_on_is_the_pages():
    """"cảnh báo" / "6" / the header again / "sớm dấu hiệu nặng": a row's number is followed
    by its own text, never by the header, so "6" is the page's and task 2 goes on."""
    header = "TT Nội dung nhiệm vụ Đơn vị chủ trì Thời gian hoàn thành\n"
    rows = _rows(header + "1.1 Tập huấn kỹ năng số\nPhòng TCCB\nQuý II/2026\n"
                 "1.2 Kết nối monitor với bệnh án điện tử; cảnh báo\nKhoa HSTC\nQuý IV/2026\n"
                 "3\n" + header + "sớm dấu hiệu nặng ở trẻ em\n"
                 "1.3 Hội chẩn từ xa\nPhòng KHTH\nQuý III/2026\n")
    assert [(r.task_no, r.text("name")) for r in rows] == [
        ("1.1", "Tập huấn kỹ năng số"),
        ("1.2", "Kết nối monitor với bệnh án điện tử; cảnh báo sớm dấu hiệu nặng ở trẻ em"),
        ("1.3", "Hội chẩn từ xa")]


def test_indicator_row_with_an_empty_value_cell_is_a_task_without_target():
    """TT | Nội dung | Chỉ tiêu | …: a row whose Chỉ tiêu cell is empty is a task only."""
    from kehoach.pipeline import extract_bytes

    text = PLAN_HEAD + ("PHỤ LỤC\nTT | Nội dung | Chỉ tiêu | Đơn vị chủ trì | Thời gian thực hiện\n"
                        "1 | Tập huấn kỹ năng số | 100% | Phòng TCHC | Quý II/2026\n"
                        "2 | Kiện toàn Ban Chỉ đạo |  | Phòng TCHC | Quý I/2026\n")
    tables = extract_bytes(text.encode(), "t.txt").tables
    assert [t["task_no"] for t in tables["tasks"]] == ["1", "2"]
    assert [(t["task_no"], t["value"]) for t in tables["targets"] if t["source"] == "appendix"] == [("1", 100.0)]


def test_rows_cells_printed_after_a_page_break_fill_the_columns_left_empty_before_it():
    """"… đọc kết quả chẩn đoán" / header again / "hình ảnh" / "BVĐK tỉnh" / "Năm 2026": only
    the name was printed before the break, so the units and the deadline come after it."""
    header = "TT Nhiệm vụ Đơn vị chủ trì Đơn vị phối hợp Thời gian hoàn thành Sản phẩm\n"
    rows = _rows(header + "1 Tập huấn kỹ năng số\nPhòng TCCB\nPhòng KHTH\nQuý II/2026\nLớp tập huấn\n"
                 "2 Triển khai trí tuệ nhân tạo hỗ trợ đọc kết quả chẩn đoán\n" + header +
                 "hình ảnh\nBVĐK tỉnh\nSở KH&CN; P.NVY\nNăm 2026\nNhiệm vụ được phê duyệt\n")
    assert _cells(rows[1:], "name", "lead", "partner", "deadline") == [
        ("Triển khai trí tuệ nhân tạo hỗ trợ đọc kết quả chẩn đoán hình ảnh", "BVĐK tỉnh",
         "Sở KH&CN; P.NVY", "Năm 2026")]


def test_header_labels_wrapped_side_by_side_piece_by_piece():
    """"Kết quả cần | Đơn vị | Đơn vị | Thời" over "đạt | chủ trì | phối | gian" over "hợp":
    each printed line holds the next piece of every label still open, in column order; a
    piece that is a label already ("Nội dung") takes nothing from the next line."""
    from extract.table_headers import header_lines_to_roles

    assert header_lines_to_roles(["STT", "Nhiệm vụ, giải pháp Kết quả cần Đơn vị Đơn vị Thời",
                                  "đạt chủ trì phối gian", "hợp"]) == \
        ["tt", "name", "product", "lead", "partner", "deadline"]
    assert header_lines_to_roles(["TT Nội dung Khoa, phòng phụ", "trách", "Thời gian hoàn", "thành",
                                  "Chỉ tiêu định", "lượng"]) == ["tt", "name", "lead", "deadline", "quantity"]


def test_rows_unit_cell_wrapped_under_a_line_ending_with_the_deadline():
    """"100% Phòng KHNV, TYT Quý II/2026" / "các xã, phường": the deadline was printed whole,
    the unit cell goes on below it; "Theo kế hoạch" / "của Sở Y tế" is the deadline going on."""
    rows = _rows("TT Nội dung chỉ tiêu Chỉ tiêu năm 2026 Đơn vị thực hiện Thời gian hoàn thành\n"
                 "1 Trạm y tế kết nối phần mềm\n100% Phòng KHNV, TYT Quý II/2026\ncác xã, phường\n"
                 "2 Tập huấn kỹ năng số\n100% Phòng TCHC Theo kế hoạch\ncủa Sở Y tế\n")
    assert _cells(rows, "quantity", "lead", "deadline") == [
        ("100%", "Phòng KHNV, TYT các xã, phường", "Quý II/2026"),
        ("100%", "Phòng TCHC", "Theo kế hoạch của Sở Y tế")]


def test_rows_unit_written_p_dot_space_abbreviation_is_no_section_row():
    rows = _rows("TT Nội dung nhiệm vụ Đơn vị chủ trì Đơn vị phối hợp Thời gian hoàn thành\n"
                 "I. Công tác chỉ đạo\n1 Xây dựng kế hoạch chuyển đổi số\nP.KHTH\nP. TCHC\nQuý I/2026\n")
    assert [(r.group_no, r.text("partner")) for r in rows] == [("I", "P. TCHC")]


def test_column_number_row_closes_the_header_and_is_no_task():
    rows = _rows("""\
TT Nội dung nhiệm vụ Đơn vị chủ trì Đơn vị phối hợp Thời gian
1 2 3 4 5
1 Triển khai phần mềm quản lý văn bản Phòng Kế hoạch tổng hợp Phòng Công nghệ thông tin Quý II/2026
2 Tập huấn kỹ năng số Phòng Công nghệ thông tin Phòng Tài chính kế toán Quý III/2026
""")
    assert [r.task_no for r in rows] == ["1", "2"]
    assert _cells(rows, "deadline") == [("Quý II/2026",), ("Quý III/2026",)]


def test_column_numbers_in_brackets_and_not_a_row_of_counts():
    from extract.tables import is_column_numbers
    assert is_column_numbers("(1) (2) (3) (4) (5) (6)") and is_column_numbers("1 2 3 4 5 6")
    assert not is_column_numbers("1 2 4 5") and not is_column_numbers("1 Tập huấn 2 lớp")


def test_section_title_wrapped_in_capitals_joins_its_title():
    rows = _rows("""\
TT Nội dung nhiệm vụ Đơn vị chủ trì Đơn vị phối hợp Thời gian
I. ỨNG DỤNG CÔNG NGHỆ SỐ TRONG KHÁM BỆNH,
CHỮA BỆNH VÀ CHĂM SÓC NGƯỜI BỆNH
1 Triển khai bệnh án điện tử Phòng Kế hoạch tổng hợp Phòng Công nghệ thông tin Quý II/2026
""")
    assert rows[0].group_title == "ỨNG DỤNG CÔNG NGHỆ SỐ TRONG KHÁM BỆNH, CHỮA BỆNH VÀ CHĂM SÓC NGƯỜI BỆNH"
    assert rows[0].text("name") == "Triển khai bệnh án điện tử"


def test_role_markers_in_brackets_wrapped_and_linked():
    assert split_role_markers("Phòng KHTH (chủ\ntrì); Phòng CNTT, các khoa lâm sàng (phối\nhợp)", "lead") == \
        {"lead": "Phòng KHTH", "partner": "Phòng CNTT, các khoa lâm sàng"}
    assert split_role_markers("Phòng CNTT chủ trì, phối hợp\nvới Phòng KHTH", "lead") == \
        {"lead": "Phòng CNTT", "partner": "Phòng KHTH"}


def test_one_units_column_naming_both_roles_keeps_its_lines_out_of_the_product():
    rows = _rows("""\
STT Nội dung nhiệm vụ Đơn vị thực hiện Sản phẩm Thời gian
1 Triển khai, nghiệm thu đề tài nghiên cứu khoa học cấp cơ sở
Chủ trì: Phòng Kế hoạch tổng hợp.
Phối hợp: Phòng Công nghệ thông tin, Phòng
Tài chính kế toán
02 đề tài được nghiệm thu Quý IV/2026
2 Bệnh án điện tử nội trú Phòng Kế hoạch tổng hợp (chủ trì);
Phòng Tài chính kế toán (phối hợp)
100% bệnh án được ký số Trước ngày
30/6/2026
""")
    assert _cells(rows, "product", "deadline") == [("02 đề tài được nghiệm thu", "Quý IV/2026"),
                                                   ("100% bệnh án được ký số", "Trước ngày 30/6/2026")]


def test_name_does_not_end_on_gui_before_the_body_it_is_sent_to():
    rows = _rows("""\
TT Nội dung nhiệm vụ Đơn vị chủ trì Đơn vị phối hợp Sản phẩm Thời gian
1 Sơ kết, tổng kết, báo cáo kết quả thực hiện Kế hoạch
gửi Bộ Y tế
Phòng Kế hoạch tổng hợp Phòng Công nghệ thông tin Báo cáo sơ kết Hằng năm
""")
    assert _cells(rows, "name", "lead") == [
        ("Sơ kết, tổng kết, báo cáo kết quả thực hiện Kế hoạch gửi Bộ Y tế", "Phòng Kế hoạch tổng hợp")]


def test_free_cell_does_not_end_with_hoan_thanh_truoc_of_the_deadline():
    rows = _rows("""\
TT Nội dung nhiệm vụ Đơn vị chủ trì Đơn vị phối hợp Sản phẩm Thời gian
1 Kết nối máy xét nghiệm với LIS
Phòng Kế hoạch tổng hợp Phòng Công nghệ thông tin Kết quả được trả điện tử Hoàn thành
trước
31/12/2026
""")
    assert _cells(rows, "product", "deadline") == [("Kết quả được trả điện tử", "Hoàn thành trước 31/12/2026")]


def test_unit_of_measure_opening_a_line_in_lower_case():
    rows = _rows("""\
STT Chỉ tiêu Đơn vị tính Chỉ tiêu 2026 Đơn vị chủ trì Thời gian
1 Sáng kiến, giải pháp ứng dụng công nghệ số được công nhận
sáng
kiến
≥ 02 Phòng Kế hoạch tổng hợp Quý IV/2026
2 Thời gian chờ trung bình của người dân
phút ≤ 30 Phòng Công nghệ thông tin Quý III/2026
""")
    assert _cells(rows, "measure", "quantity") == [("sáng kiến", "≥ 02"), ("phút", "≤ 30")]


def test_unit_line_breaking_off_on_cac_stays_out_of_the_product():
    rows = _rows("""\
TT Nội dung nhiệm vụ Đơn vị chủ trì Đơn vị phối hợp Sản phẩm Thời gian
1 Hoàn thiện bệnh án điện tử nội trú, ngoại trú
Phòng Kế hoạch tổng hợp
Phòng Tài chính kế toán, Các
khoa lâm sàng
Bệnh án điện tử được
triển khai toàn viện
Năm 2026
""")
    assert _cells(rows, "partner", "product") == [
        ("Phòng Tài chính kế toán, Các khoa lâm sàng", "Bệnh án điện tử được triển khai toàn viện")]


def test_total_line_under_the_table_ends_it():
    rows = _rows("""\
TT Nội dung nhiệm vụ Đơn vị chủ trì Đơn vị phối hợp Thời gian
1 Phát động phong trào sáng kiến Phòng Kế hoạch tổng hợp Các khoa, phòng Hằng năm
Tổng cộng: 01 nhiệm vụ
""")
    assert _cells(rows, "partner", "deadline") == [("Các khoa, phòng", "Hằng năm")]


def test_qualitative_values_and_a_second_table_titled_bang_2():
    rows = _rows("""\
Bảng 1. Các chỉ tiêu chủ yếu
STT Chỉ tiêu Đơn vị tính Kế hoạch năm 2026 Đơn vị thực hiện
1 Quy chế quản lý dữ liệu điện tử Có/Không Hoàn thành Phòng Kế hoạch tổng hợp
2 Tỷ lệ văn bản được ký số % 100 Phòng Tài chính kế toán
Bảng 2. Nhiệm vụ, giải pháp
TT Nhiệm vụ Chủ trì Phối hợp Thời gian
1 Nâng cấp hạ tầng mạng Phòng Kế hoạch tổng hợp Phòng Tài chính kế toán Theo tiến
độ dự án
""")
    assert [(r.table_no, r.task_no) for r in rows] == [(1, "1"), (1, "2"), (2, "1")]
    assert _cells(rows[:1], "quantity", "lead") == [("Hoàn thành", "Phòng Kế hoạch tổng hợp")]
    assert rows[2].text("deadline") == "Theo tiến độ dự án"


def test_start_and_completion_columns_make_one_deadline():
    doc = read_text_document((PLAN_HEAD + """\
TT Nội dung nhiệm vụ Đơn vị chủ trì Thời gian bắt đầu Thời gian hoàn thành Sản phẩm
1 Kiện toàn Ban Chỉ đạo chuyển đổi số Phòng Kế hoạch tổng hợp 01/3/2026 31/3/2026 Quyết định kiện toàn
2 Sơ kết tiến độ thực hiện Kế hoạch Phòng Kế hoạch tổng hợp Quý II/2026 Hằng quý Báo cáo quý
3 Tập huấn kỹ năng số Phòng Công nghệ thông tin - Tháng 9/2026 02 lớp tập huấn
""").encode(), "t.txt")
    from extract.content import row_to_task
    lex = build_lexicon(doc.text)
    got = [row_to_task(r, lex, 2026)[0] for r in lines_to_rows(doc.lines, lex)]
    assert [(t.deadline.deadline_text, t.deadline.due_start, t.deadline.due_end, t.deadline.recurrence)
            for t in got] == [
        ("01/3/2026 - 31/3/2026", dt.date(2026, 3, 1), dt.date(2026, 3, 31), None),
        ("Quý II/2026 - Hằng quý", dt.date(2026, 4, 1), None, "quarterly"),
        ("Tháng 9/2026", dt.date(2026, 9, 1), dt.date(2026, 9, 30), None)]
    assert [t.product for t in got] == ["Quyết định kiện toàn", "Báo cáo quý", "02 lớp tập huấn"]


def test_rows_coded_instead_of_numbered_and_one_empty_cell_per_empty_line():
    rows = _rows("""\
Mã NV Nhiệm vụ Đơn vị chủ trì Đơn vị phối hợp Thời hạn Sản phẩm
A. Công tác chỉ đạo, điều hành
NV.01 Xây dựng kế hoạch thực hiện Phòng Kế hoạch tổng hợp Phòng Tổ chức hành chính Tháng 3/2026 Kế hoạch
NV.02 Xây dựng hồ sơ cấp độ an toàn thông tin
Phòng Công nghệ thông tin
 
Trước ngày
30/9/2026 Hồ sơ cấp độ
được phê duyệt
""")
    assert [r.task_no for r in rows] == ["NV.01", "NV.02"]
    assert _cells(rows[1:], "partner", "deadline", "product") == [
        (None, "Trước ngày 30/9/2026", "Hồ sơ cấp độ được phê duyệt")]


def test_row_code_wrapped_over_two_lines_in_a_coded_table():
    rows = _rows("""\
Mã NV Nhiệm vụ Đơn vị chủ trì Đơn vị phối hợp Thời hạn
NV.01 Xây dựng kế hoạch thực hiện Phòng Kế hoạch tổng hợp Phòng Tổ chức hành chính Tháng 3/2026
NV.
02 Tập huấn kỹ năng số Phòng Công nghệ thông tin Phòng Tài chính kế toán Quý II/2026
NV. Truyền thông về chuyển đổi số
03 của Bệnh viện Phòng Tổ chức hành chính Phòng Công nghệ thông tin Hằng tháng
""")
    assert [(r.task_no, r.text("name")) for r in rows] == [
        ("NV.01", "Xây dựng kế hoạch thực hiện"), ("NV.02", "Tập huấn kỹ năng số"),
        ("NV.03", "Truyền thông về chuyển đổi số của Bệnh viện")]


def test_value_cell_ends_where_the_next_columns_unit_opens():
    rows = _rows("""\
STT Chỉ tiêu Chỉ tiêu 2026 Đơn vị chủ trì Đơn vị phối hợp Thời gian
1 Đơn thuốc được liên thông lên Hệ thống đơn thuốc quốc gia 100% Phòng Kế hoạch tổng hợp Phòng Công nghệ thông tin Quý III/2026
""")
    assert _cells(rows, "quantity", "lead") == [("100%", "Phòng Kế hoạch tổng hợp")]


PANDOC_GRID_APPENDIX = """\
+-----+--------------------+---------+---------+----------+-----------+
| TT  | Nội dung nhiệm vụ  | Đơn vị  | Đơn vị  | Sản phẩm | Thời gian |
|     |                    | chủ trì | phối    |          | hoàn      |
|     |                    |         | hợp     |          | thành     |
+=====+====================+=========+=========+==========+===========+
| I   | Công tác chỉ đạo,  |         |         |          |           |
|     | điều hành          |         |         |          |           |
+-----+--------------------+---------+---------+----------+-----------+
| 1   | Xây dựng, ban hành | Phòng   | Các     | Kế hoạch | Quý       |
|     | Kế hoạch triển     | KHTH    | khoa,   | được ban | I/2026    |
|     | khai năm 2026      |         | phòng   | hành     |           |
+-----+--------------------+---------+---------+----------+-----------+
| 2   | Kiện toàn Ban Chỉ  | Phòng   | Phòng   |          | Tháng     |
|     | đạo chuyển đổi số  | TCCB    | KHTH    |          | 3/2026    |
|     |                    |         |         |          |           |
|     |                    |         | Phòng   |          |           |
|     |                    |         | CNTT    |          |           |
+-----+--------------------+---------+---------+----------+-----------+
"""


def test_grid_table_cells_join_their_column_across_lines():
    """pandoc's plain text of a Word table: "+---+" borders between rows, each cell the slice
    of its column in every line of the row; an empty cell stays empty."""
    tasks = _tasks(PLAN_HEAD + PANDOC_GRID_APPENDIX)
    assert [(t["task_no"], t["group_no"], t["group_title"]) for t in tasks] == [
        ("1", "I", "Công tác chỉ đạo, điều hành"), ("2", "I", "Công tác chỉ đạo, điều hành")]
    assert tasks[0]["name"] == "Xây dựng, ban hành Kế hoạch triển khai năm 2026"
    assert (tasks[0]["lead_units"], tasks[0]["partner_units"]) == (["Phòng Kế hoạch tổng hợp"], ["Các khoa, phòng"])
    assert (tasks[0]["product"], tasks[0]["deadline_text"]) == ("Kế hoạch được ban hành", "Quý I/2026")
    assert tasks[1]["partner_units"] == ["Phòng Kế hoạch tổng hợp", "Phòng Công nghệ thông tin"]
    assert tasks[1]["product"] is None and tasks[1]["due_end"] == dt.date(2026, 3, 31)


def test_unit_letter_prefix_opening_a_line_is_no_lettered_section():
    """"P. KHTH, Phòng ĐD Năm 2025 ≥ 60%": a unit written with its letter prefix and a space,
    the cells after it on the same line; not section "P"."""
    rows = _rows("TT Chỉ tiêu Đơn vị thực hiện Thời gian Chỉ tiêu định lượng\n"
                 "A. CHUYỂN ĐỔI SỐ\n"
                 "1 Hồ sơ bệnh án điện tử nội trú\n"
                 "P. KHTH, Phòng ĐD Năm 2025 ≥ 60%\n"
                 "2 Khoa, phòng dùng phần mềm quản lý văn bản\n"
                 "Phòng TCHC Quý IV/2025 100%\n")
    assert [(r.task_no, r.group_no) for r in rows] == [("1", "A"), ("2", "A")]
    assert rows[0].text("deadline") == "Năm 2025"


def test_unit_name_wrapped_in_its_column_stays_in_one_cell():
    """Full names wrapped in a narrow column ("Phòng Tổ chức -" / "Hành chính", "Phòng Kế
    hoạch" / "- Nghiệp vụ"): the line that goes on a known name opens no cell."""
    rows = _rows("TT Nội dung nhiệm vụ Đơn vị chủ trì Đơn vị phối hợp Sản phẩm Thời gian\n"
                 "I Công tác chỉ đạo\n"
                 "1\nXây dựng, ban hành Kế hoạch của Trung tâm\n"
                 "Phòng Kế hoạch\n- Nghiệp vụ\nPhòng Tổ chức -\nHành chính\n"
                 "Kế hoạch được ban hành Tháng 3/2026\n")
    assert _cells(rows, "lead", "partner", "product") == [
        ("Phòng Kế hoạch - Nghiệp vụ", "Phòng Tổ chức - Hành chính", "Kế hoạch được ban hành")]


def test_header_roles_agency_or_unit_labels_written_with_a_slash():
    # a Party plan's appendix (syn61): "Cơ quan/đơn vị chủ trì" is one label, not a stub
    # "Cơ quan" and a label "đơn vị chủ trì"
    from extract.table_headers import header_text_to_roles
    assert header_text_to_roles("TT Nội dung công việc Cơ quan/đơn vị chủ trì Cơ quan/đơn vị phối hợp "
                                "Thời gian thực hiện Ghi chú") == ["tt", "name", "lead", "partner", "deadline", "note"]


def test_roadmap_year_cell_with_a_value_in_words_is_a_target_without_a_number():
    # syn62: "100 | Duy trì | Duy trì" once a rate is reached
    from extract.content import row_to_task, task_to_targets

    rows = _rows("STT Chỉ tiêu Đơn vị tính Năm 2026 Năm 2027 Năm 2028 Đơn vị chủ trì\n"
                 "1 Tỷ lệ văn bản đi được ký số\n% 100 Duy trì - Phòng TCHC\n")
    lexicon = build_lexicon("")
    targets = [t for r in rows for t in task_to_targets(row_to_task(r, lexicon, 2026)[0], r)]
    assert [(t.quantity.value, t.quantity_text, t.deadline.due_end.year) for t in targets] == \
        [(100, "100", 2026), (None, "Duy trì", 2027)]


def test_header_roles_start_and_completion_under_one_time_label():
    # a Word table's two-row header (syn66): "Thời gian" over "Bắt đầu | Hoàn thành"
    from extract.table_headers import header_text_to_roles
    assert header_text_to_roles("TT Nhiệm vụ Đơn vị chủ trì Đơn vị phối hợp Bắt đầu Hoàn thành Sản phẩm") == \
        ["tt", "name", "lead", "partner", "start", "deadline", "product"]


def test_role_marker_in_brackets_after_the_lead_makes_the_others_partners():
    # a single "Đơn vị thực hiện" column (syn64): "Phòng TC-HC (chủ trì), Tổ CNTT"
    from extract.role_markers import split_role_markers
    assert split_role_markers("Phòng TC-HC (chủ trì), Tổ CNTT", "lead") == \
        {"lead": "Phòng TC-HC", "partner": "Tổ CNTT"}
    assert split_role_markers("Phòng KHTH (chủ trì)", "lead") == {"lead": "Phòng KHTH"}


def test_header_roles_department_or_office_labels_with_a_slash_or_comma():
    from extract.table_headers import cell_label_role, header_text_to_roles
    assert header_text_to_roles("TT Nhiệm vụ Khoa/phòng chủ trì Khoa/phòng phối hợp Thời gian Sản phẩm") == \
        ["tt", "name", "lead", "partner", "deadline", "product"]
    assert [cell_label_role(t) for t in ("Khoa/phòng phối hợp", "Khoa, phòng phối hợp", "Khoa, phòng chủ trì")] == \
        ["partner", "partner", "lead"]


def test_header_two_spanning_cells_read_row_by_row_take_their_sub_labels():
    """syn128 in drawing order: "Đơn vị thực hiện" over "Chủ trì | Phối hợp" and "Thời gian
    thực hiện" over "Bắt đầu | Kết thúc", the second row printed after "Sản phẩm"."""
    from extract.table_headers import header_printed_lines_to_roles
    lines = ["TT Nội dung nhiệm vụ", "Đơn vị thực hiện Thời gian thực",
             "hiện Sản phẩmChủ trì Phối hợp Bắt đầu Kết", "thúc"]
    assert header_printed_lines_to_roles(lines) == ["tt", "name", "lead", "partner", "start", "deadline", "product"]


def test_indicator_rows_drawing_order_value_kept_in_words_and_two_units_in_one_column():
    """syn127's Phụ lục I as pypdf printed it, each row on one line: "Duy trì ≥ 90" is the
    value, "Sự cố" a unit of measure, "Phòng KHTH Phòng HCQT" two units of its one column."""
    from kehoach.pipeline import extract_file
    from .conftest import ROOT
    result = extract_file(str(ROOT / "samples/pypdf/syn127_bv_indicator_table_dvt_baseline_pypdf.txt"))
    rows = {t["task_no"]: t for t in result.tables["tasks"] if t["measure_text"]}
    assert (rows["13"]["measure_text"], rows["13"]["baseline_text"], rows["13"]["quantity_text"]) == \
        ("%", "90,3", "Duy trì ≥ 90")
    assert (rows["14"]["measure_text"], rows["14"]["quantity_text"]) == ("Sự cố", "0")
    assert rows["7"]["lead_units"] == ["Phòng Kế hoạch tổng hợp", "Phòng Hành chính quản trị"]
    assert rows["7"]["name"] == "Hồ sơ bệnh án giấy lưu trữ giai đoạn 2020 - 2024 được số hóa"


def test_header_label_wrapped_after_its_slash_names_its_role():
    from extract.table_headers import cell_label_role
    assert cell_label_role("Khoa/\nphòng\nphối\nhợp") == "partner"
    assert cell_label_role("Khoa/\nphòng\nchủ trì") == "lead"


def test_header_roadmap_label_over_year_columns_read_row_by_row():
    """syn131 in drawing order: "Lộ trình thực hiện" spans Năm 2026 … Đến năm 2030."""
    from extract.table_headers import header_printed_lines_to_roles
    lines = ["TT Chỉ tiêu Đơn vị tính", "Lộ trình thực hiện", "Đơn vị chủ trìNăm", "2026", "Năm", "2027",
             "Năm", "2028", "Đến", "năm", "2030"]
    assert header_printed_lines_to_roles(lines) == [
        "tt", "name", "measure", "quantity@năm 2026", "quantity@năm 2027", "quantity@năm 2028",
        "quantity@đến năm 2030", "lead"]


def test_value_cell_ends_before_a_unit_after_its_counted_noun():
    """syn135 in drawing order: "≥ 80% hồ" / "sơ P.KHTH" — the KPI, then the lead unit."""
    from kehoach.pipeline import extract_file
    from .conftest import ROOT
    result = extract_file(str(ROOT / "samples/pypdf/syn135_bv_yhct_kpi_column_task_table_pypdf.txt"))
    kpis = [t["quantity_text"] for t in result.tables["tasks"]]
    assert "≥ 80% hồ sơ" in kpis and "100% khoa lâm sàng" in kpis
    assert not any(k and k.endswith(("P.KHTH", "P.ĐD", "P.TCCB")) for k in kpis)


@pytest.mark.parametrize("cell, roles", [
    ("Khoa Khám bệnh phối hợp Tổ CNTT", {"lead": "Khoa Khám bệnh", "partner": "Tổ CNTT"}),
    ("Phòng KHNV chủ trì tổng hợp; các khoa, phòng, Trạm Y tế xã gửi báo cáo",
     {"lead": "Phòng KHNV", "partner": "các khoa, phòng, Trạm Y tế xã"}),
    ("Các khoa lâm sàng thực hiện; Phòng Điều dưỡng chủ trì kiểm tra, giám sát",
     {"partner": "Các khoa lâm sàng", "lead": "Phòng Điều dưỡng"}),
    ("Khoa KSBT chủ trì; các Trạm Y tế xã phối hợp thực hiện", {"lead": "Khoa KSBT", "partner": "các Trạm Y tế xã"}),
    ("Phòng KHNV (đầu mối); các khoa, phòng, Trạm Y tế xã",
     {"lead": "Phòng KHNV", "partner": "các khoa, phòng, Trạm Y tế xã"}),
    ("Tổ CNTT và Phòng KHNV phối hợp thực hiện", {"lead": "Tổ CNTT và Phòng KHNV"}),
    ("Phòng TCHC; các khoa, phòng thực hiện", {"lead": "Phòng TCHC; các khoa, phòng"}),
    ("- Chủ trì: Phòng TC-HC\n- Phối hợp: Phòng KH-NV, Tổ CNTT", {"lead": "Phòng TC-HC", "partner": "Phòng KH-NV, Tổ CNTT"}),
    ("Ban Chỉ đạo CĐS, Phòng KHTH", {"lead": "Ban Chỉ đạo CĐS, Phòng KHTH"}),
    ("Phòng A chủ trì, phòng Kế hoạch tổng hợp phối hợp", {"lead": "Phòng A", "partner": "phòng Kế hoạch tổng hợp"})])
def test_split_role_markers_clerks_prose_in_one_units_column(cell, roles):
    """syn144: who does what written as short prose; a suffix marker rules its own clause,
    a partner marker before units announces them, verbs that name no role are no units."""
    assert split_role_markers(cell, "lead") == roles


def test_header_year_with_done_in_brackets_is_the_baseline():
    """syn145: "Năm 2025 (thực hiện)" holds what 2025 reached, not a target for 2025."""
    assert header_text_to_roles("TT Chỉ tiêu Đơn vị tính Năm 2025 (thực hiện) Năm 2026 Năm 2027 Đơn vị chủ trì") == \
        ["tt", "name", "measure", "baseline", "quantity@năm 2026", "quantity@năm 2027", "lead"]


def test_rows_title_row_over_third_level_rows_is_their_group_not_a_task():
    """syn143: "1.2 | Xây dựng các quy chế, gồm: | | |" over 1.2.1, 1.2.2; 1.3 is back under 1."""
    rows = _rows("""\
TT Nội dung nhiệm vụ Đơn vị chủ trì Đơn vị phối hợp Thời gian
1 Công tác chỉ đạo, điều hành
1.1 Kiện toàn Ban Chỉ đạo Phòng TCCB Phòng KHTH Quý I/2026
1.2 Xây dựng, ban hành các quy chế nội bộ, gồm:
1.2.1 Quy chế vận hành hệ thống HIS Phòng CNTT Phòng KHTH Quý II/2026
1.2.2 Quy định bảo vệ dữ liệu cá nhân Phòng CNTT Phòng QLCL Quý III/2026
1.3 Quán triệt Nghị quyết số 57-NQ/TW Phòng CTXH Các khoa, phòng Quý I/2026
""")
    assert [(r.task_no, r.group_no, r.group_title) for r in rows] == [
        ("1.1", "1", "Công tác chỉ đạo, điều hành"),
        ("1.2.1", "1.2", "Xây dựng, ban hành các quy chế nội bộ"),
        ("1.2.2", "1.2", "Xây dựng, ban hành các quy chế nội bộ"),
        ("1.3", "1", "Công tác chỉ đạo, điều hành")]


def test_header_one_column_for_start_and_end_and_a_person_or_unit_leading():
    """syn149: "Thời gian bắt đầu - kết thúc" holds ranges ("01/2026 - 06/2026"): the deadline;
    "Đơn vị/cá nhân chủ trì" is the lead column."""
    from extract.table_headers import cell_label_role
    assert [cell_label_role(t) for t in ("Thời gian bắt đầu - kết thúc", "Thời gian bắt đầu", "Đơn vị/cá\nnhân chủ\ntrì")] == \
        ["deadline", "start", "lead"]
