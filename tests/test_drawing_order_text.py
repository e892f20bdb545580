"""Text that keeps a PDF's drawing order (pypdf's `extract_text()`, the way the seeds were
flattened): every table cell printed after the one before it, short cells at one height on
one line, labels of a two-row header glued together. The snippets are that tool's output
for plans in samples/pypdf/."""
import datetime as dt

from extract.read_text import read_text_document
from extract.table_headers import header_printed_lines_to_roles
from extract.tables import lines_to_rows
from kehoach.pipeline import extract_bytes
from normalize.deadlines import parse_deadline
from normalize.unit_scores import unit_list_score
from normalize.units import build_lexicon, resolve_units

PLAN_HEAD = """\
SỞ Y TẾ ĐẮK LẮK
BỆNH VIỆN PHỔI
Số: 112/KH-BVP Buôn Ma Thuột, ngày 26 tháng 01 năm 2026
KẾ HOẠCH
Chuyển đổi số năm 2026
I. MỤC TIÊU
1. Mục tiêu chung
Phát triển bệnh viện thông minh.
2. Mục tiêu cụ thể
Phấn đấu đến hết năm 2026, Bệnh viện đạt các chỉ tiêu sau:
{objectives}
II. TỔ CHỨC THỰC HIỆN
1. Phòng Tổ chức cán bộ (Phòng TCCB): chủ trì kiện toàn.
2. Phòng Kế hoạch tổng hợp (Phòng KHTH): theo dõi.
3. Tổ Công nghệ thông tin (Tổ CNTT): triển khai phần mềm.
4. Phòng Hành chính quản trị (Phòng HCQT): bảo đảm hạ tầng.
5. Công đoàn cơ sở: phối hợp tuyên truyền.
6. Trung tâm Đào tạo và Chỉ đạo tuyến: đào tạo kỹ năng số.
KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC
Lê Thị Mỹ Hạnh
PHỤ LỤC
(Kèm theo Kế hoạch số 112/KH-BVP ngày 26/01/2026 của Bệnh viện Phổi)
{appendix}"""

BULLETS = "- 100% văn bản đi được ký số.\n"


def _document(appendix: str = "", objectives: str = BULLETS):
    return read_text_document(PLAN_HEAD.format(objectives=objectives, appendix=appendix).encode(), "t.txt")


def _rows(appendix: str):
    doc = _document(appendix)
    return lines_to_rows(doc.lines, build_lexicon(doc.text))


def _tables(objectives: str = BULLETS, appendix: str = ""):
    text = PLAN_HEAD.format(objectives=objectives, appendix=appendix)
    return extract_bytes(text.encode(), "t.txt").tables


def test_targets_from_an_indicator_table_inside_the_objectives_of_a_text():
    targets = _tables(objectives="""\
TT Chỉ tiêu Đơn vị
tính
Năm 2026
1 Tỷ lệ hồ sơ bệnh án nội trú được lập, ký số và lưu trữ dưới dạng điện tử % 100
2
Tỷ lệ sản phụ, người bệnh nhi khám bệnh
bảo hiểm y tế được tiếp đón bằng căn cước
% ≥ 92,5
3 Thời gian trả kết quả xét nghiệm thường quy cho người bệnh ngoại trú phút ≤ 60
4 Số lớp tập huấn kỹ năng số cho viên chức, người lao động lớp 04
Chỉ tiêu số 3 tính từ khi lấy mẫu đến khi có kết quả trên phần
mềm HIS.
""")["targets"]
    assert [(t["source"], t["comparator"], t["value"], t["unit"]) for t in targets] == [
        ("objectives", "=", 100.0, "%"), ("objectives", ">=", 92.5, "%"),
        ("objectives", "<=", 60.0, "phút"), ("objectives", "=", 4.0, "lớp")]
    assert targets[2]["text"] == "Thời gian trả kết quả xét nghiệm thường quy cho người bệnh ngoại trú"
    assert all(t["due_end"] == dt.date(2026, 12, 31) for t in targets)  # the header's year


def test_header_roles_two_row_header_with_labels_glued_and_years_under_a_group_label():
    lines = ["TT Chỉ tiêu Đơn vị", "tính", "Thực", "hiện", "năm", "2025", "Mục tiêu Đơn vị chủ",
             "trìNăm", "2026", "Năm", "2027", "Năm", "2028"]
    assert header_printed_lines_to_roles(lines) == [
        "tt", "name", "measure", "baseline", "quantity@năm 2026", "quantity@năm 2027",
        "quantity@năm 2028", "lead"]


def test_rows_indicator_header_of_thirteen_lines_and_year_values_opening_a_line():
    rows = _rows("""\
TT Chỉ tiêu Đơn vị
tính
Thực
hiện
năm
2025
Mục tiêu Đơn vị chủ
trìNăm
2026
Năm
2027
Năm
2028
1 Tỷ lệ văn bản đi được ký số % 90 100 100 100 Tổ CNTT
2 Số phác đồ châm cứu, xoa bóp bấm
huyệt được số hóa trên phần mềm
Phác đồ Chưa
triển khai
4 6 8 Phòng KHTH
3 Tỷ lệ hồ sơ bệnh án điện tử % 60 100 100 100 Phòng KHTH
""")
    assert [r.task_no for r in rows] == ["1", "2", "3"]
    assert [rows[1].text(r) for r in ("measure", "baseline", "quantity@năm 2026", "quantity@năm 2027",
                                      "quantity@năm 2028", "lead")] == \
        ["Phác đồ", "Chưa triển khai", "4", "6", "8", "Phòng KHTH"]


def test_rows_units_printed_as_their_own_lines_are_not_part_of_the_task_name():
    rows = _rows("""\
TT Nội dung nhiệm vụ Đơn vị chủ trì Đơn vị phối hợp Sản phẩm Thời gian hoàn thành
I CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH
1 Kiện toàn Ban Chỉ đạo chuyển đổi số và
Tổ giúp việc của Bệnh viện sau sắp xếp:
+ Phân công nhiệm vụ cụ thể cho từng
thành viên;
+ Ban hành Quy chế hoạt động của Ban
Chỉ đạo.
Phòng TCCB Phòng KHTH
Tổ CNTT
Phòng HCQT
Quyết định kiện toàn
Ban Chỉ đạo, Tổ giúp
việc
Tháng 02 -
04/2026
""")
    row = rows[0]
    assert row.text("name").endswith("+ Ban hành Quy chế hoạt động của Ban Chỉ đạo.")
    assert row.text("lead") == "Phòng TCCB"
    assert row.text("partner") == "Phòng KHTH Tổ CNTT Phòng HCQT"
    assert row.text("product") == "Quyết định kiện toàn Ban Chỉ đạo, Tổ giúp việc"
    assert row.text("deadline") == "Tháng 02 - 04/2026"


def test_rows_deadline_opener_printed_beside_the_unit_cell_after_it():
    rows = _rows("""\
TT Nội dung Thời gian Đơn vị chủ trì Ghi chú
1 Xây dựng hồ sơ đề xuất cấp độ an toàn
hệ thống thông tin (HIS, LIS, PACS)
Trước Tổ CNTT
30/9/2026
""")
    assert (rows[0].text("deadline"), rows[0].text("lead")) == ("Trước 30/9/2026", "Tổ CNTT")
    assert rows[0].text("name") == "Xây dựng hồ sơ đề xuất cấp độ an toàn hệ thống thông tin (HIS, LIS, PACS)"


def test_objectives_group_heading_over_lettered_items_is_no_target():
    targets = _tables(objectives="""\
2.1 Về chuyển đổi số trong khám bệnh, chữa bệnh và quản
trị
a) 100% văn bản đi của Trung tâm được ký số và gửi, nhận trên hệ thống;
b) Tỷ lệ thanh toán không dùng tiền mặt tại Trung tâm đạt trên 60%.
2.2 Về khoa học, công nghệ, đổi mới sáng tạo và nhân lực số
a) Từ 85% trở lên viên chức, người lao động hoàn thành khóa học
“Bình dân học vụ số” trước ngày 30/6/2026;
""")["targets"]
    assert [t["value"] for t in targets] == [100.0, 60.0, 85.0]
    assert targets[2]["text"].endswith("“Bình dân học vụ số” trước ngày 30/6/2026;")
    assert targets[2]["due_end"] == dt.date(2026, 6, 30)


def test_deadline_months_joined_by_va_cover_both():
    d = parse_deadline("Tháng 7/2026 và tháng 01/2027", 2026)
    assert (d.due_start, d.due_end, d.kind) == (dt.date(2026, 7, 1), dt.date(2027, 1, 31), "period")


def test_units_stacked_after_a_code_without_separator_are_two():
    doc = _document()
    lexicon = build_lexicon(doc.text)
    assert [u.unit_name for u in resolve_units("Tổ CNTT\nCông đoàn cơ sở", lexicon)] == \
        ["Tổ Công nghệ thông tin", "Công đoàn cơ sở"]
    assert [u.unit_name for u in resolve_units("Phòng TC-\nKT", lexicon)] == ["Phòng Tài chính kế toán"]


def test_header_roles_start_and_end_under_thoi_gian_printed_after_the_product():
    line = "TT Nhiệm vụ Đơn vị chủ trì Đơn vị phối hợp Thời gian Sản phẩmBắt đầu Hoàn thành"
    assert header_printed_lines_to_roles([line]) == ["tt", "name", "lead", "partner", "start", "deadline", "product"]


def test_units_sở_ending_a_wrapped_name_and_a_coded_short_form_with_a_place_word():
    text = _document().text + ("\n6. Các bệnh viện trực thuộc Sở (các BV trực thuộc): báo cáo.\n"
                               "7. Đề nghị Bảo\nhiểm xã hội thành phố Hà Nội (BHXH Thành phố): phối hợp.\n")
    lexicon = build_lexicon(text)
    assert [u.unit_name for u in resolve_units("Các BV trực\nthuộc Sở\nCác TTYT", lexicon)] == \
        ["Các bệnh viện trực thuộc Sở", "Các trung tâm Y tế"]
    assert [u.unit_name for u in resolve_units("Sở KH&CN\nBHXH Thành phố", lexicon)] == \
        ["Sở Khoa học và Công nghệ", "Bảo hiểm xã hội Thành phố Hà Nội"]


# syn69's header: narrow portrait columns, every label wrapped word by word
NARROW_HEADER = """\
TT Nhiệm vụ Đơn vị
chủ trì
Đơn vị phối
hợp
Sản phẩm Thời
gian
hoàn
thành
Kinh phí
"""


def test_rows_units_wrapped_word_by_word_stay_in_their_column_not_in_the_budget():
    rows = _rows(NARROW_HEADER + """\
1 Kiện toàn Ban
Chỉ đạo chuyển
đổi số
Phòng Tổ
chức cán
bộ
Phòng Kế
hoạch tổng
hợp
Phòng Công
nghệ thông
tin
Trung tâm
Đào tạo và
Chỉ đạo
tuyến
Quyết định
kiện toàn
Quý
I/2026
Không phát
sinh
""")
    row = rows[0]
    assert row.text("partner") == "Phòng Kế hoạch tổng hợp Phòng Công nghệ thông tin Trung tâm Đào tạo và Chỉ đạo tuyến"
    assert (row.text("product"), row.text("deadline"), row.text("budget")) == \
        ("Quyết định kiện toàn", "Quý I/2026", "Không phát sinh")


def test_rows_lead_printed_with_the_head_of_the_first_partner_beside_it():
    rows = _rows("""\
STT Nhiệm vụ Đơn vị chủ trì Đơn vị phối hợp Thời gian bắt đầu Thời gian kết thúc Kinh phí dự kiến (triệu đồng)
1 Rà soát, ban hành Quy chế quản lý, khai thác
và phân quyền truy cập dữ liệu hồ sơ bệnh án
điện tử theo Thông tư số 13/2025/TT-BYT
P.KHTH Trung tâm
CNTT,
P.QLCL,
P.ĐD
Quý
II/2026
Quý
III/2026
-
""")
    row = rows[0]
    assert row.text("name").endswith("theo Thông tư số 13/2025/TT-BYT")
    assert (row.text("lead"), row.text("partner")) == ("P.KHTH", "Trung tâm CNTT, P.QLCL, P.ĐD")
    assert (row.text("start"), row.text("deadline")) == ("Quý II/2026", "Quý III/2026")


def test_rows_baseline_with_its_year_an_estimate_note_and_a_name_ending_beside_the_percent_sign():
    rows = _rows("""\
TT Chỉ tiêu Đơn vị
tính
Hiện
trạng
năm
2025
Mục tiêu
năm
2026
Mục tiêu
năm
2028
Đơn vị chủ trì
1 Tỷ lệ lượt khám bệnh, chữa bệnh bảo
hiểm y tế sử dụng căn cước hoặc tài khoản
định danh điện tử
VNeID
% 81,5 (ước) ≥ 95 100 Phòng KHTH
""")
    row = rows[0]
    assert row.roles == ["name", "measure", "baseline", "quantity@năm 2026", "quantity@năm 2028", "lead"]
    assert row.text("name").endswith("định danh điện tử VNeID")
    assert [row.text(r) for r in row.roles[1:]] == ["%", "81,5 (ước)", "≥ 95", "100", "Phòng KHTH"]


def test_units_a_body_named_without_head_then_its_province_after_a_phong():
    lexicon = build_lexicon(_document().text)
    assert [u.unit_name for u in resolve_units("Phòng TCCB,\nPhòng KHTH,\nBảo hiểm xã hội \ntỉnh Đồng Nai", lexicon)] \
        == ["Phòng Tổ chức cán bộ", "Phòng Kế hoạch tổng hợp", "Bảo hiểm xã hội tỉnh Đồng Nai"]
    assert unit_list_score("Bảo hiểm xã hội tỉnh Đồng Nai", lexicon) >= 0.9
    assert unit_list_score("Bảo hiểm xã hội Quyết định kiện toàn", lexicon) == 0.0


START_END_HEADER = "TT Nhiệm vụ Đơn vị chủ trì Đơn vị phối hợp Thời gian Sản phẩmBắt đầu Hoàn thành\n"


def test_rows_year_broken_by_a_narrow_column_is_rejoined_and_a_bare_year_is_a_date_cell():
    """syn66: "30/9/202" / "6" is one end date; "2026 2027" opening a line are the start and
    end cells, and the unit line above them ("Các TTYT") stays with the partners."""
    rows = _rows(START_END_HEADER + """\
1 Xây dựng hồ sơ đề xuất cấp độ an
toàn hệ thống thông tin; triển khai
các biện pháp bảo vệ dữ liệu cá nhân
VP Sở
Các BV trực
thuộc
Các TTYT Tháng
3/2026
30/9/202
6
Hồ sơ cấp độ được
phê duyệt
2 Giám sát, kiểm tra an toàn thông
tin; diễn tập ứng cứu sự cố an toàn
thông tin mạng ngành Y tế
VP Sở Các BV trực
thuộc Sở
Các TTYT
2026 2027 Báo cáo kết quả
kiểm tra, diễn tập
""")
    six, seven = ({r: c.text for r, c in row.cells.items()} for row in rows)
    assert (six["start"], six["deadline"], six["product"]) == ("Tháng 3/2026", "30/9/2026", "Hồ sơ cấp độ được phê duyệt")
    assert (seven["partner"], seven["start"], seven["deadline"]) == ("Các BV trực thuộc Sở Các TTYT", "2026", "2027")
    assert seven["product"] == "Báo cáo kết quả kiểm tra, diễn tập"


def test_rows_deadline_word_broken_inside_by_a_narrow_column_is_rejoined():
    """syn69: "6" / "tháng/l" / "ần" is "6 tháng/lần", and the lone "6" is no page number."""
    rows = _rows(NARROW_HEADER + """\
1 Kiểm  tra,  đánh
giá  tiến  độ  thực
hiện Kế hoạch; sơ
kết,  tổng  kết  và
báo  cáo  kết  quả
về  Sở  Y  tế  tỉnh
Hưng Yên
Phòng
KHTH
Phòng
CNTT;
Phòng TCCB
Báo cáo sơ 
kết 6 tháng, 
báo cáo năm
6
tháng/l
ần
Chi
thường
xuyên
""")
    cells = {r: c.text for r, c in rows[0].cells.items()}
    assert cells["deadline"] == "6 tháng/lần"
    assert cells["product"] == "Báo cáo sơ kết 6 tháng, báo cáo năm"
    assert parse_deadline(cells["deadline"]).recurrence == "semiannual"


LETTERED_HEADER = "TT Nội dung nhiệm vụ Đơn vị chủ trì Đơn vị phối hợp Sản phẩm Thời gian hoàn thành\n"


def test_rows_lone_page_number_inside_a_row_without_repeated_header_is_skipped():
    """syn93 (renumbered): no header on the next page; its number comes between a row's
    lines. "2" is the page's when row 2 opens a few lines below, "8" when the row goes on in
    lower case and no row 8 can follow 3; the row's cells start again on the new page."""
    rows = _rows(LETTERED_HEADER + """\
B. Phát triển hạ tầng số
1 Xây dựng hồ sơ đề xuất cấp độ an
toàn hệ thống thông tin đối với phần
mềm HIS, LIS, PACS; phương án ứng
Tổ CNTT Phòng TC-HC
Phòng KH-NV
Hồ sơ cấp độ được 
phê duyệt; phương án
ứng phó sự cố
Trước ngày
15/12/2026
2
phó sự cố, sao lưu dữ liệu định kỳ
2 Triển khai ký số đối với văn bản đi
Phòng TC-HC Tổ CNTT
Các khoa, phòng
100% văn bản đi được ký số
Quý III/2026
C. Ứng dụng trong chuyên môn
3 Báo  cáo  bệnh  truyền  nhiễm,  tiêm
chủng mở rộng trên hệ thống phần
Khoa KSBT-
HIV/AIDS
Các Trạm Y tế xã,
phường
Báo cáo trên phần 
mềm đúng thời hạn
Hằng tháng
8
mềm của Bộ Y tế; giám sát dịch bệnh
dựa trên dữ liệu
Khoa XN-CĐHA
""")
    by_no = {row.task_no: {r: c.text for r, c in row.cells.items()} for row in rows}
    assert list(by_no) == ["1", "2", "3"]
    assert by_no["1"]["name"].endswith("phương án ứng phó sự cố, sao lưu dữ liệu định kỳ")
    assert by_no["1"]["deadline"] == "Trước ngày 15/12/2026"
    assert "trên hệ thống phần mềm của Bộ Y tế; giám sát dịch bệnh dựa trên dữ liệu" in by_no["3"]["name"]
    assert (by_no["3"]["deadline"], by_no["3"]["product"]) == ("Hằng tháng", "Báo cáo trên phần mềm đúng thời hạn")


def test_rows_code_wrapped_at_its_hyphen_after_the_name_is_the_lead():
    """syn93: "… tại các" / "Trạm Y tế" / "Khoa DS-" / "TTGDSK": the wrapped code is a unit,
    not the end of the task name."""
    rows = _rows(LETTERED_HEADER + """\
1 Tuyên truyền, phổ biến Nghị quyết số
57-NQ/TW  và  các  nội  dung  chuyển
đổi số y tế trên Trang thông tin điện
tử, Zalo OA của Trung tâm và tại các
Trạm Y tế
Khoa DS-
TTGDSK
Tổ CNTT
Các Trạm Y tế xã,
phường (*)
Tin, bài, video clip 
tuyên truyền
Thường
xuyên
""")
    cells = {r: c.text for r, c in rows[0].cells.items()}
    assert cells["name"].endswith("Zalo OA của Trung tâm và tại các Trạm Y tế")
    assert cells["lead"] == "Khoa DS-TTGDSK"


def test_units_parent_body_after_thuoc_and_known_names_stacked_without_separator():
    assert unit_list_score("Các BV trực\nthuộc Sở") == 1.0          # "trực thuộc Sở": its parent
    assert unit_list_score("Các chi bộ trực\nthuộc\nGắn với phong\ntrào thi đua") < 0.7
    units = resolve_units("Công đoàn Trung tâm\nĐoàn Thanh niên")
    assert [u.unit_name for u in units] == ["Công đoàn Trung tâm", "Đoàn Thanh niên"]
    assert [u.unit_name for u in resolve_units("Trưởng các\nkhoa, phòng")] == ["Trưởng các khoa, phòng"]


def test_rows_header_whose_stt_label_breaks_inside_the_word():
    """syn96: a first column so narrow that "STT" prints as "ST" / "T Nội dung công việc …",
    with a row of column numbers under it: the "T" line is the header's, not a group "T"."""
    rows = _rows("""\
ST
T Nội dung công việc Đơn vị chủ trì Đơn vị phối hợp Thời gian hoàn thành Ghi chú
(1) (2) (3) (4) (5) (6)
I Công tác chỉ đạo, điều hành, thông tin, tuyên truyền
1
Kiện toàn Ban Chỉ đạo chuyển đổi số, đổi mới
sáng  tạo của  Bệnh viện
Phòng
TCCB
Phòng KHTH
Tổ CNTT
Tháng
4/2026
""")
    assert [(r.task_no, r.group_no, r.text("lead"), r.text("deadline")) for r in rows] == [
        ("1", "I", "Phòng TCCB", "Tháng 4/2026")]


def test_rows_groups_named_by_a_word_and_a_number():
    """syn97: "Nhóm nhiệm vụ 1: Hoàn thiện thể chế …" over tasks 1.1, 1.2: the group is "1"."""
    rows = _rows("""\
TT Nhiệm vụ Đơn vị chủ trì Đơn vị phối hợp Sản phẩm Thời gian hoàn thành
Nhóm nhiệm vụ 1: Hoàn thiện thể chế, cơ chế, chính sách và công tác chỉ đạo, điều hành
1.1 Kiện toàn Ban Chỉ đạo Phòng Tổ chức
cán bộ
Văn phòng Sở Quyết định kiện toàn Quý II/2026
Nhóm nhiệm vụ 2: Phát triển hạ tầng số
2.1 Nâng cấp Trung tâm dữ liệu Văn phòng Sở Các bệnh viện Trung tâm dữ liệu Năm 2026
""")
    assert [(r.task_no, r.group_no, r.group_title) for r in rows] == [
        ("1.1", "1", "Hoàn thiện thể chế, cơ chế, chính sách và công tác chỉ đạo, điều hành"),
        ("2.1", "2", "Phát triển hạ tầng số")]


def test_rows_unit_list_ending_on_a_separator_goes_on_with_the_next_unit():
    """As syn97's "… Phòng Nghiệp vụ Y - Dược Văn phòng Sở; Phòng KH-TC Báo cáo …", every cell
    on one printed line: the partners' list ends on the unit after the ";", not on it."""
    rows = _rows("""\
TT Nhiệm vụ Đơn vị chủ trì Đơn vị phối hợp Sản phẩm Thời gian hoàn thành
1 Kiểm tra, giám sát việc thực hiện Kế hoạch tại các khoa, phòng Phòng KHTH Phòng TCCB; Tổ CNTT Báo cáo kết quả kiểm tra Quý II/2026
""")
    cells = {r: c.text for r, c in rows[0].cells.items()}
    assert (cells["lead"], cells["partner"]) == ("Phòng KHTH", "Phòng TCCB; Tổ CNTT")
    assert cells["product"] == "Báo cáo kết quả kiểm tra"


def test_rows_header_whose_tt_label_breaks_as_t_over_t():
    """syn98: "TT" in a column one letter wide prints as "T" / "T Nội dung nhiệm vụ …"."""
    rows = _rows("""\
T
T Nội dung nhiệm vụ Đơn vị chủ trì Đơn vị phối hợp Thời gian hoàn thành Sản phẩm
I Công tác chỉ đạo, điều hành, thông tin, tuyên truyền
1 Kiện  toàn  Ban  Chỉ  đạo  phát  triển
khoa học, công nghệ, đổi mới sáng
tạo và chuyển đổi số của Bệnh viện
Phòng
TCCB
Phòng KHTH
Tổ CNTT
Tháng
5/2025
Quyết định kiện toàn 
Ban Chỉ đạo
""")
    assert [(r.task_no, r.group_no, r.text("lead"), r.text("deadline")) for r in rows] == [
        ("1", "I", "Phòng TCCB", "Tháng 5/2025")]


def test_header_year_column_qualified_as_the_current_state_is_a_baseline():
    """syn100: "Năm 2025 (hiện trạng)" is the value reached in 2025, not a target for it."""
    roles = header_printed_lines_to_roles(
        ["TT Chỉ tiêu Đơn vị tính", "Năm", "2025", "(hiện", "trạng)", "Năm", "2026", "Năm", "2030"])
    assert roles == ["tt", "name", "measure", "baseline", "quantity@năm 2026", "quantity@năm 2030"]


BODY_TABLE_PLAN = """\
BỆNH VIỆN UNG BƯỚU
Số: 312/KH-BVUB Hải Phòng, ngày 07 tháng 5 năm 2026
KẾ HOẠCH
Ứng dụng công nghệ thông tin năm 2026
Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;
I. MỤC TIÊU
- 100% hồ sơ bệnh án được ký số.
II. NHIỆM VỤ VÀ GIẢI PHÁP
2. Nhiệm vụ cụ thể
TT Nhiệm vụ Chủ trì Phối hợp Thời gian
1
Xây  dựng,  ban  hành  Kế
hoạch; kiện toàn Ban Chỉ
đạo chuyển đổi số
P.KHTH P.TCCB, Phòng CNTT Tháng 5/2026
2
Sơ kết, đánh giá kết quả;
báo cáo Sở Y tế
P.KHTH Các khoa, phòng
Trước ngày
15/12/2026
III. TỔ CHỨC THỰC HIỆN
1. Phòng Kế hoạch tổng hợp (P.KHTH)
Là đầu mối tham mưu Ban Giám đốc triển khai Kế hoạch.
2. Phòng Công nghệ thông tin (Phòng CNTT)
Chủ trì về kỹ thuật, hạ tầng, an toàn thông tin.
GIÁM ĐỐC
Nguyễn Văn An
PHỤ LỤC
CHỈ TIÊU ỨNG DỤNG CÔNG NGHỆ THÔNG TIN
TT Chỉ tiêu Đơn vị tính
Năm
2025
(hiện
trạng)
Năm
2026
Năm
2030
1
Tỷ lệ hồ sơ bệnh án nội
trú được ký số
% 35 100 100
"""


def test_task_table_in_the_body_ends_where_the_next_section_begins():
    """syn100: the task table stands under "2. Nhiệm vụ cụ thể" in the body; the numbered
    paragraphs of "III. TỔ CHỨC THỰC HIỆN" after it are no rows, and the appendix's indicator
    table is a table of its own whose baseline column gives no target."""
    tables = extract_bytes(BODY_TABLE_PLAN.encode(), "t.txt").tables
    assert [(t["task_no"], t["lead_units"], t["deadline_text"]) for t in tables["tasks"]] == [
        ("1", ["Phòng Kế hoạch tổng hợp"], "Tháng 5/2026"),
        ("2", ["Phòng Kế hoạch tổng hợp"], "Trước ngày 15/12/2026"),
        ("1", [], None)]
    appendix = [(t["value"], t["year"]) for t in tables["targets"] if t["source"] == "appendix"]
    assert appendix == [(100.0, 2026), (100.0, 2030)]


def test_rows_budget_cell_holding_a_deadline_gives_it_back():
    """syn102: "Ngân sách dự kiến (triệu đồng)" after the deadline column; short cells at one
    height share a line, so "Tháng 01/2026 -" is a deadline and an empty sum, not a budget."""
    rows = _rows("""\
STT Hạng mục công việc Bộ phận chủ trì Bộ phận phối hợp Thời gian triển khai
Ngân
sách dự
kiến
(triệu
đồng)
1
Xây dựng, ban hành Kế hoạch triển khai
Nghị  quyết  số  57-NQ/TW  năm  2026
Phòng TCCB Phòng KHTH Tổ CNTT Tháng 01/2026 -
2 Truyền  thông  về  Nghị  quyết  số
57-NQ/TW trên website
Tổ CNTT Phòng KHTH Thường xuyên 60
""")
    assert [(r.task_no, r.text("deadline"), r.text("budget")) for r in rows] == [
        ("1", "Tháng 01/2026", "-"), ("2", "Thường xuyên", "60")]


def test_rows_deadline_then_unit_on_one_line_left_of_the_deadline_column():
    """syn99: product and deadline come before the unit columns; "Báo cáo tiến độ Hằng quý
    P. KHTH" is three cells printed at one height, not a longer product."""
    rows = _rows("""\
TT Nhiệm vụ Kết quả, sản phẩm Thời hạn Đơn vị chủ trì Đơn vị phối hợp
1
Định kỳ kiểm tra, đánh giá tiến độ thực
hiện các nhiệm vụ chuyển đổi số tại các
khoa,  phòng
Báo cáo tiến độ Hằng quý Phòng KHTH
Tổ CNTT
Các khoa, 
phòng
""")
    assert [(r.text("product"), r.text("deadline"), r.text("lead")) for r in rows] == [
        ("Báo cáo tiến độ", "Hằng quý", "Phòng KHTH")]


def test_header_note_that_the_first_unit_leads_names_no_column():
    """syn81: "Đơn vị thực hiện (đơn vị đứng đầu là đơn vị chủ trì)" then "Thời gian", "Kinh
    phí": the note's "đơn vị" is no label wrapped from the line above, so the deadline column
    stays before the budget."""
    roles = header_printed_lines_to_roles(["STT Nội dung hoạt động", "Đơn vị thực hiện", "(đơn vị đứng đầu",
                                           "là đơn vị chủ trì)", "Thời", "gian", "Kinh", "phí", "(triệu", "đồng)"])
    assert roles.index("deadline") < roles.index("budget") and roles[:3] == ["tt", "name", "lead"]


def test_rows_units_then_deadline_on_one_line_are_cells_not_a_product():
    """syn105: the first line of every short cell shares one printed line ("Phòng TCCB Phòng
    CNTT Phòng KHTH Quý II/2026 Quyết định …"); the units and the deadline are cells of their
    own, not the product's opening, even with two partners side by side."""
    rows = _rows("""\
TT Nội dung nhiệm vụ Chủ trì Phối hợp Thời gian Sản phẩm
I Công tác chỉ đạo, điều hành
1
Kiện toàn Ban Chỉ đạo chuyển đổi số và Tổ
giúp việc của Bệnh viện (Tổ giúp việc gồm 09
thành viên)
Phòng TCCB Tổ CNTT Phòng KHTH Quý II/2026 Quyết định kiện toàn Ban Chỉ đạo, Tổ giúp việc
""")
    assert [(r.text("lead"), r.text("deadline"), r.text("product")) for r in rows] == [
        ("Phòng TCCB", "Quý II/2026", "Quyết định kiện toàn Ban Chỉ đạo, Tổ giúp việc")]


def test_rows_deadline_range_cut_at_its_dash_goes_on():
    """syn103: "Tháng 01" / "- 03/2026" in a narrow deadline column is one range; the product
    does not open with its end. A "-" alone stays an empty product."""
    rows = _rows("""\
TT Nội dung nhiệm vụ Chủ trì Phối hợp Thời gian Sản phẩm
1
Kiện toàn Ban Chỉ đạo chuyển đổi số của
Bệnh viện
Phòng TCCB Phòng KHTH Tháng 01
- 03/2026 Quyết định kiện toàn
2
Sơ kết, đánh giá kết quả thực hiện
Phòng KHTH Các khoa, phòng 6 tháng/lần -
""")
    assert [(r.text("deadline"), r.text("product")) for r in rows] == [
        ("Tháng 01 - 03/2026", "Quyết định kiện toàn"), ("6 tháng/lần", "-")]


def test_rows_bulleted_product_stays_one_cell_and_names_end_where_they_end():
    """syn109: a product cell of "- " items, each but the last ending in ";", is one cell, not
    a product and a note; a name's line ending "… số của Trung" / "tâm" and one ending "… và
    04" / "Trạm Y tế" go on in the name, so neither "Tổ chuyển đổi số của" nor "Trạm Y tế"
    becomes the lead."""
    rows = _rows("""\
TT Nội dung Đơn vị thực hiện Thời gian thực hiện Sản phẩm Ghi chúChủ trì Phối hợp
I Công tác chỉ đạo, điều hành và truyền thông
1 Xây dựng, ban hành Kế hoạch
triển khai Nghị quyết số 57-
NQ/TW năm 2026; kiện toàn
Tổ chuyển đổi  số của Trung
tâm
Phòng KH-
NV
Phòng TC-HC;
Tổ CNTT
Tháng
3/2026
- Kế hoạch được ban 
hành;
- Quyết định kiện toàn Tổ
chuyển đổi số
II Hạ tầng số và an toàn thông tin
2 Rà  soát,  nâng  cấp  hạ  tầng
mạng  LAN,  máy  chủ,  đường
truyền  tại  Trung  tâm  và  04
Trạm Y tế
Tổ CNTT Phòng TC-KT
Khoa Dược - 
TTB - VTYT
Quý II -
Quý
III/2026
- Hạ tầng mạng được 
nâng cấp;
- Biên bản nghiệm thu, 
bàn giao
Chuyển
tiếp từ
năm
2025
""")
    assert [r.text("name").endswith(end) for r, end in zip(rows, ("Tổ chuyển đổi số của Trung tâm",
                                                                  "tại Trung tâm và 04 Trạm Y tế"))] == [True, True]
    assert [(r.text("lead"), r.text("product"), r.text("note")) for r in rows] == [
        ("Phòng KH-NV", "- Kế hoạch được ban hành; - Quyết định kiện toàn Tổ chuyển đổi số", None),
        ("Tổ CNTT", "- Hạ tầng mạng được nâng cấp; - Biên bản nghiệm thu, bàn giao", "Chuyển tiếp từ năm 2025")]


# syn107's header: one units column, then budget, funding source and time, printed label by label
ONE_UNITS_COLUMN_HEADER = """\
STT Nhiệm vụ Đơn vị thực hiện
Kinh
phí
(triệu
đồng)
Nguồn kinh
phí
Thời
gian
"""


def test_rows_wrapped_lead_marker_stays_with_its_unit():
    """syn107: one units column whose lead is marked "(chủ" / "trì)"; the budget cell does not
    open on the marker's second half and take the partners with it."""
    rows = _rows(ONE_UNITS_COLUMN_HEADER + """\
1 Công tác chỉ đạo, điều hành, tuyên truyền
1.1
Xây  dựng,  ban  hành  Kế  hoạch  thực  hiện
Nghị quyết số 57-NQ/TW năm 2026; kiện
toàn Ban Chỉ đạo chuyển đổi số của Trung
tâm
Ban Giám đốc (chủ 
trì)
Phòng TC-HC
Phòng KH-NV
Không - Tháng 3/2026
""")
    assert [(r.text("lead"), r.text("budget"), r.text("deadline")) for r in rows] == [
        ("Ban Giám đốc (chủ trì) Phòng TC-HC Phòng KH-NV", "Không -", "Tháng 3/2026")]


def test_rows_partner_and_deadline_merged_down_a_group_serve_every_row_of_it():
    """syn108: the partner and deadline cells merged down a group are printed once, with its
    first task; the tasks after it, to the group's end, have neither and share them. A row of the next group
    with cells of its own keeps them."""
    rows = _rows("""\
TT Nhiệm vụ, giải pháp Chủ trì Phối hợp
Thời gian
hoàn
thành
Kết quả dự kiến
1. Phát triển hạ tầng số, bảo đảm an toàn thông tin
1.1
Rà soát, nâng cấp mạng nội bộ (LAN) và
đường  truyền  kết  nối  giữa  Cơ  sở  1
(phường Long Xuyên) và Cơ sở 2 (phường
Rạch Giá)
Tổ CNTT
Phòng TC-KT
Phòng TC-HC
Khoa CLS
6 tháng
đầu
năm 2026
Hệ thống mạng hai cơ sở kết 
nối thông suốt
1.2
Đầu tư bổ sung 01 máy chủ dự phòng, 30
máy trạm và thiết bị ký số cho các khoa
lâm sàng
Phòng KHTH Thiết bị được bàn giao, đưa vào sử dụng
1.3 Lập hồ sơ đề xuất cấp độ an toàn hệ thống
thông tin; triển khai phương án sao lưu dữ
liệu hằng ngày
Tổ CNTT Hồ sơ đề xuất cấp độ được phê 
duyệt
2. Chuyển đổi số trong khám bệnh, chữa bệnh và quản lý bệnh viện
2.1
Triển khai bệnh án điện tử tại tất cả các
khoa lâm sàng
Phòng KHTH
Phòng ĐD
Quý
IV/2026
Bệnh án điện tử được công nhận
""")
    assert [(r.task_no, r.text("lead"), r.text("partner"), r.text("deadline")) for r in rows] == [
        ("1.1", "Tổ CNTT", "Phòng TC-KT Phòng TC-HC Khoa CLS", "6 tháng đầu năm 2026"),
        ("1.2", "Phòng KHTH", "Phòng TC-KT Phòng TC-HC Khoa CLS", "6 tháng đầu năm 2026"),
        ("1.3", "Tổ CNTT", "Phòng TC-KT Phòng TC-HC Khoa CLS", "6 tháng đầu năm 2026"),
        ("2.1", "Phòng KHTH", "Phòng ĐD", "Quý IV/2026")]


def test_rows_units_and_name_ends_in_one_units_column_with_budget_columns():
    """syn107: partners stacked under "Phòng KH-NV (chủ" / "trì)" and one glued to the budget
    ("Phòng KH-NV 150 …") stay in the units column; syn106: a name ending "… năm tiếp theo"
    is complete, so "TT ĐT-CĐT" after it is the lead, not the name's last words."""
    rows = _rows(ONE_UNITS_COLUMN_HEADER + """\
1 Chuyển đổi số trong khám bệnh, chữa bệnh
1.1
Triển khai bệnh án điện tử nội trú; ký số
hồ sơ bệnh án của điều dưỡng
Phòng KH-NV (chủ 
trì)
Phòng ĐD
Tổ CNTT
Các khoa lâm sàng
450 Nguồn thu sự nghiệp Năm 2026
1.2
Xây  dựng  hồ  sơ  đề  xuất  cấp  độ  an  toàn  hệ
thống thông tin cho phần mềm HIS, LIS
Tổ CNNT (chủ trì); 
Phòng KH-NV 150 Nguồn thu sự nghiệp Quý III/2026
""")
    assert [(r.text("lead"), r.text("budget")) for r in rows] == [
        ("Phòng KH-NV (chủ trì) Phòng ĐD Tổ CNTT Các khoa lâm sàng", "450 Nguồn thu sự nghiệp"),
        ("Tổ CNNT (chủ trì); Phòng KH-NV", "150 Nguồn thu sự nghiệp")]
    rows = _rows("""\
TT Nội dung công việc Đơn vị chủ trì Đơn vị phối hợp Thời hạn hoàn thành Sản phẩm đầu ra
I Khoa học công nghệ, đổi mới sáng tạo và đào tạo
1 Đăng ký, xét duyệt đề tài NCKH, sáng kiến ứng dụng CNTT, CĐS năm tiếp theo TT ĐT-CĐT Các khoa, phòng Tháng 10 hằng năm Danh mục đề tài, sáng kiến được phê duyệt
""")
    assert [(r.text("lead"), r.text("partner")) for r in rows] == [("TT ĐT-CĐT", "Các khoa, phòng")]


def test_rows_ghi_chu_holds_no_units_or_dated_deadline_of_the_row():
    """syn110: a "Ghi chú" column after the deadline; the partners' last lines and the deadline
    ("Thanh tra Sở" / "Tháng" / "6/2026") are not the note's, and on a row printed on one line
    "Các đơn vị trực thuộc Sở" is the partner (the parent body after "thuộc" is part of it),
    not the note's opening. A note naming a role ("Phối hợp Sở Y tế") stays a note."""
    rows = _rows("""\
TT Nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp Thời gian hoàn thành Ghi chú
I Hoàn thiện thể chế, công tác chỉ đạo, điều hành
1
Rà soát, đề xuất sửa đổi, bổ sung, bãi bỏ
các văn bản quản lý lĩnh vực y tế do tỉnh
Văn phòng Sở
Phòng Nghiệp vụ Y
Phòng Nghiệp vụ
Dược
Thanh tra Sở
Tháng
6/2026
Nhiệm vụ
chuyển tiếp
2
Theo dõi, đôn đốc, tổng hợp báo cáo kết
quả thực hiện Nghị quyết số 57-NQ/TW
của ngành Y tế gửi UBND tỉnh, Bộ Y tế
Văn phòng Sở Các đơn vị trực thuộc Sở Trước ngày 15/12 hằng năm Báo cáo đột xuất khi có yêu cầu
3
Sơ kết, đánh giá kết quả thực hiện
Kế hoạch; báo cáo Sở Y tế
Phòng KHTH
Các khoa
Hằng quý
Phối hợp Sở Y
tế
""")
    assert [(r.text("lead"), r.text("partner"), r.text("deadline"), r.text("note")) for r in rows] == [
        ("Văn phòng Sở", "Phòng Nghiệp vụ Y Phòng Nghiệp vụ Dược Thanh tra Sở", "Tháng 6/2026", "Nhiệm vụ chuyển tiếp"),
        ("Văn phòng Sở", "Các đơn vị trực thuộc Sở", "Trước ngày 15/12 hằng năm", "Báo cáo đột xuất khi có yêu cầu"),
        ("Phòng KHTH", "Các khoa", "Hằng quý", "Phối hợp Sở Y tế")]


def test_rows_deadline_broken_over_two_lines_beside_the_units_is_one_cell():
    """syn99: product and deadline columns before the units; "Quý" ends a printed line and
    "II/2026 P. KHTH P. TCCB Tổ CNTT" opens the next. "Quý II/2026" is the deadline cell, not
    the product's last word and a product line of its own."""
    rows = _rows("""\
TT Nhiệm vụ Kết quả, sản phẩm Thời hạn Đơn vị chủ trì Đơn vị phối hợp
1. Hoàn thiện thể chế, chỉ đạo, điều hành
1.1
Xây dựng, ban hành Kế hoạch triển khai
Nghị quyết số 57-NQ/TW tại Bệnh viện
giai đoạn 2026 - 2027; phân công nhiệm
vụ cho từng khoa, phòng
Kế hoạch được Giám 
đốc phê duyệt
Quý
II/2026 P. KHTH P. TCCB Tổ CNTT
""")
    assert [(r.text("deadline"), r.text("lead"), r.text("partner")) for r in rows] == [
        ("Quý II/2026", "P. KHTH", "P. TCCB Tổ CNTT")]


def test_rows_partner_whose_proper_name_wraps_before_an_empty_deadline_stays_a_partner():
    """syn101: the partner list ends "Viễn thông Thành phố Hồ Chí" / "Minh (VNPT)": neither
    line alone names a unit, the two together do. They are the partner cell's, not the opening
    of a product holding the deadline."""
    rows = _rows("""\
TT Nội dung nhiệm vụ Đơn vị chủ trì Đơn vị phối hợp Thời gian Sản phẩm
1 Nâng cấp hạ tầng mạng, máy chủ, thiết
bị đầu cuối tại các trạm y tế; bố trí
đường truyền dự phòng cho các xã đảo
Trung tâm Y tế
khu vực
Ủy ban nhân dân các xã, phường, 
đặc khu
P. KHTC
Viễn thông Thành phố Hồ Chí 
Minh (VNPT)
Năm 2026 Hạ tầng được 
nâng cấp
""")
    assert [(r.text("partner"), r.text("deadline"), r.text("product")) for r in rows] == [
        ("Ủy ban nhân dân các xã, phường, đặc khu P. KHTC Viễn thông Thành phố Hồ Chí Minh (VNPT)",
         "Năm 2026", "Hạ tầng được nâng cấp")]


def test_rows_cut_by_a_page_right_after_their_first_line_go_on_in_every_column():
    """syn114: the page breaks after a row's first printed line, which holds the first words
    of every cell ("Chủ trì:", "Trước", "Danh mục kỹ"); after the page number and the header
    each cell goes on, and the lone "6" under "31/12/202" ends the year, it is no page number."""
    rows = _rows("""\
TT Nội dung nhiệm vụ Đơn vị thực hiện Thời gian hoàn thành Sản phẩm
1 Ứng dụng kỹ thuật mới, kỹ Chủ trì: Trước Danh mục kỹ
6
TT Nội dung nhiệm vụ Đơn vị thực hiện Thời gian hoàn thành Sản phẩm
thuật cao trong chẩn đoán
và điều trị
- Khoa Ngoại 
tổng hợp
- Khoa CĐHA
Phối hợp: Phòng
KHTH
31/12/202
6
thuật mới 
được phê 
duyệt
2 Thí điểm bệnh án điện tử Phòng KHTH Quý III/2026 Bệnh án điện tử
""")
    assert [(r.text("name"), r.text("deadline"), r.text("product")) for r in rows] == [
        ("Ứng dụng kỹ thuật mới, kỹ thuật cao trong chẩn đoán và điều trị", "Trước 31/12/2026",
         "Danh mục kỹ thuật mới được phê duyệt"),
        ("Thí điểm bệnh án điện tử", "Quý III/2026", "Bệnh án điện tử")]
    assert rows[0].text("lead").startswith("Chủ trì:") and rows[0].text("lead").endswith("Phòng KHTH")


def test_rows_deadline_range_cut_by_a_page_is_completed_after_it():
    """syn98: "2026 -" ends the row's first line before the break and "2027" comes after it:
    one deadline "2026 - 2027", not "2026" and a product opening on "- Phần mềm"."""
    rows = _rows("""\
TT Nội dung nhiệm vụ Đơn vị chủ trì Đơn vị phối hợp Thời gian hoàn thành Sản phẩm
1 Ứng dụng phần mềm trí tuệ nhân tạo Khoa CĐHA P.KHTH 2026 - Phần mềm AI được 
8
TT Nội dung nhiệm vụ Đơn vị chủ trì Đơn vị phối hợp Thời gian hoàn thành Sản phẩm
(AI) hỗ trợ đọc phim X-quang ngực,
phát hiện sớm lao và các bệnh phổi
Các khoa lâm 
sàng
2027 đưa vào sử dụng
""")
    assert [(r.text("deadline"), r.text("product")) for r in rows] == [
        ("2026 - 2027", "Phần mềm AI được đưa vào sử dụng")]


def test_rows_first_group_printed_as_a_heading_above_the_header_is_their_group():
    """syn123 in drawing order: each group's heading, then the header again and rows from 1;
    the later headings read as section rows, the first stands above the header."""
    rows = _rows("""\
I. HẠ TẦNG SỐ VÀ AN TOÀN THÔNG TIN
TT Nhiệm vụ Đơn vị chủ trì Đơn vị phối hợp Thời gian Kết quả
1 Nâng cấp mạng LAN Phòng CNTT Các khoa, phòng Quý I/2026 Mạng được nâng cấp
2 Lập hồ sơ cấp độ Phòng CNTT Phòng KHTH Quý II/2026 Hồ sơ được duyệt
II. CHUYỂN ĐỔI SỐ TRONG KHÁM BỆNH, CHỮA BỆNH
TT Nhiệm vụ Đơn vị chủ trì Đơn vị phối hợp Thời gian Kết quả
1 Triển khai bệnh án điện tử Phòng KHTH Phòng CNTT Năm 2026 Bệnh án điện tử
""")
    assert [(r.group_no, r.task_no) for r in rows] == [("I", "1"), ("I", "2"), ("II", "1")]
    assert rows[0].group_title == "HẠ TẦNG SỐ VÀ AN TOÀN THÔNG TIN"


def test_rows_group_of_units_cut_at_its_comma_by_a_page_goes_on_after_it():
    """syn67 in drawing order: "Các khoa," ends the partner cell before the break and "phòng"
    alone follows the repeated header: the group "Các khoa, phòng", not a word of the name."""
    rows = _rows("""\
TT Nội dung Đơn vị chủ trì Đơn vị phối hợp Thời gian Kết quả
1 Phát động phong trào sáng kiến, giải
pháp ứng dụng công nghệ số
Hội đồng
KHCN
Phòng KHTH
Các khoa,
Quý 4/2026 Tối thiểu 05 sáng kiến
được công nhận
8
TT Nội dung Đơn vị chủ trì Đơn vị phối hợp Thời gian Kết quả
phòng
2 Khảo sát sự hài lòng của người bệnh Phòng QLCL Phòng CTXH Hằng tháng Báo cáo
""")
    assert (rows[0].text("name"), rows[0].text("partner")) == (
        "Phát động phong trào sáng kiến, giải pháp ứng dụng công nghệ số", "Phòng KHTH Các khoa, phòng")


def test_rows_header_repeated_with_so_tt_wrapped_is_no_part_of_the_row_before():
    """syn138 in drawing order: the repeated header opens on "Số" alone ("Số" / "TT Nội dung
    công việc"); the row before the page break keeps its deadline and loses no "Số"."""
    rows = _rows("""\
Số
TT Nội dung công việc Bộ phận thực hiện chính Bộ phận phối hợp Kết quả đầu ra Thời hạn hoàn thành
1 Lập hồ sơ đề xuất cấp độ P.CNTT P.HCQT Hồ sơ được phê duyệt
Trước
30/9/2026
Số
TT Nội dung công việc Bộ phận thực hiện chính Bộ phận phối hợp Kết quả đầu ra Thời hạn hoàn thành
2 Diễn tập ứng cứu sự cố P.CNTT Các khoa, phòng Biên bản diễn tập Quý IV/2026
""")
    assert [(r.task_no, r.text("product"), r.text("deadline")) for r in rows] == [
        ("1", "Hồ sơ được phê duyệt", "Trước 30/9/2026"), ("2", "Biên bản diễn tập", "Quý IV/2026")]


def test_rows_continuous_deadline_cut_by_a_page_after_the_rows_first_line_is_whole():
    """000 (long) in drawing order: the row's first line ends on "Thường" before the break and
    "xuyên" ends the text after it: the deadline "Thường xuyên", no word of the product."""
    rows = _rows("""\
TT Tên nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp, thực hiện Kết quả/sản phẩm Thời gian hoàn thành
1 Bảo đảm nhân lực chuyên trách, kiêm nhiệm Phòng TCHC Tối thiểu 01 viên chức Thường
14
TT Tên nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp, thực hiện Kết quả/sản phẩm Thời gian hoàn thành
công nghệ thông tin, chuyển đổi số tại đơn vị
theo quy định.
phụ trách công nghệ
thông tin
xuyên
2 Quan tâm đẩy mạnh hợp tác nghiên cứu khoa học Phòng TCHC Các khoa, phòng Hợp đồng Năm 2026
""")
    assert rows[0].text("deadline") == "Thường xuyên"
    assert rows[0].text("product").startswith("Tối thiểu 01 viên chức") and "Thường" not in rows[0].text("product")


def test_rows_unit_name_cut_by_a_page_goes_on_with_codes_not_in_the_task_name():
    """000 (long) in drawing order: "Tổ phát triển" ends the lead before the break and "KH, CN,
    đổi" / "mới sáng tạo" (the codes of its words) follow the name's rest after it."""
    rows = _rows("""\
TT Tên nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp, thực hiện Kết quả/sản phẩm Thời gian hoàn thành
1 Tiếp tục quán triệt, tuyên truyền viên chức, Tổ phát triển Các khoa, phòng Thường
9
TT Tên nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp, thực hiện Kết quả/sản phẩm Thời gian hoàn thành
người lao động nghiên cứu, đăng ký, triển khai
nhiệm vụ khoa học và có khả năng nhân rộng.
KH, CN, đổi
mới sáng tạo
trực thuộc xuyên
2 Quan tâm đẩy mạnh hợp tác nghiên cứu khoa học Phòng TCHC Các khoa, phòng Hợp đồng Năm 2026
""")
    assert rows[0].text("name") == ("Tiếp tục quán triệt, tuyên truyền viên chức, người lao động nghiên cứu, "
                                    "đăng ký, triển khai nhiệm vụ khoa học và có khả năng nhân rộng.")
    assert rows[0].text("deadline") == "Thường xuyên"


def test_rows_value_cut_inside_its_unit_by_a_page_goes_on_after_the_header():
    """Seed 003 laid out again: "≥01 sáng" ends the row's only line before the break and
    "kiến/khoa" follows the repeated header: the value "≥01 sáng kiến/khoa", not a word of the name."""
    rows = _rows("""\
TT Nội dung Khoa, phòng phụ trách Thời gian hoàn thành Chỉ tiêu định lượng
1 Sáng kiến cải tiến chất lượng/năm Các khoa, phòng Hằng năm ≥01 sáng
6
TT Nội dung Khoa, phòng phụ trách Thời gian hoàn thành Chỉ tiêu định lượng
kiến/khoa
2 Đào tạo lãnh đạo số Phòng Tổ chức hành chính Hằng năm 100% cán bộ lãnh đạo
""")
    assert (rows[0].text("name"), rows[0].text("quantity")) == ("Sáng kiến cải tiến chất lượng/năm", "≥01 sáng kiến/khoa")


def test_rows_grouped_under_periods_in_a_table_without_a_time_column_are_due_then():
    """syn148 in drawing order: "T" / "T Nhiệm vụ …" (the label broken, printed on each page, no
    running header), rows numbered alone on their line, "Quý II/2026" over the tasks due then."""
    rows = _rows("""\
T
T Nhiệm vụ Đơn vị chủ trì Đơn vị phối hợp Sản phẩm
Quý I/2026
1
Xây dựng, ban hành Kế hoạch
P.KHTH
Các khoa, phòng
Kế hoạch được ban hành
Quý II/2026
2
Hoàn thiện bệnh án điện tử nội trú
P.KHTH
Tổ CNTT
Bệnh án điện tử
""")
    assert [(r.task_no, r.group_no, r.group_title, r.text("name")) for r in rows] == [
        ("1", None, "Quý I/2026", "Xây dựng, ban hành Kế hoạch"),
        ("2", None, "Quý II/2026", "Hoàn thiện bệnh án điện tử nội trú")]
