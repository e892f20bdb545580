"""Targets from objectives written as lettered or numbered sub-items, and the layout and table
vocabularies loaded and validated."""
import datetime as dt

from extract.table_headers import header_vocab
from extract.vocab import layout_vocab
from kehoach.pipeline import extract_file

from .conftest import ROOT


def test_targets_lettered_objectives_with_deadlines_inside_sentences():
    result = extract_file(str(ROOT / "tests/data/objectives_lettered.txt"))
    targets = result.tables["targets"]
    assert [(t["comparator"], t["value"], t["unit"]) for t in targets] == [
        ("=", 100.0, "%"), (">=", 80.0, "%"), (">=", 2.0, "đề tài")]
    assert targets[0]["due_end"] == dt.date(2026, 12, 31) and targets[0]["year"] == 2026
    assert targets[1]["due_end"] == dt.date(2026, 6, 30)
    assert targets[2]["per"] == "năm"
    assert all(t["source"] == "objectives" for t in targets)


def test_targets_skip_requirements_and_general_objectives():
    result = extract_file(str(ROOT / "tests/data/objectives_lettered.txt"))
    texts = " ".join(t["text"] for t in result.tables["targets"])
    assert "Bảo đảm tiến độ" not in texts and "bệnh viện thông minh" not in texts


def test_layout_vocabulary_loads_with_folded_keys():
    vocab = layout_vocab()
    assert vocab["doc_type_lines"]["kế hoạch"] == "Kế hoạch"
    assert vocab["signing_modes"]["t/m"] == "TM."
    titles = list(vocab["signer_titles"])
    assert titles.index("phó giám đốc") < titles.index("giám đốc")  # longest first
    assert {k for k, _ in vocab["section_kinds"]} >= {"legal_basis", "objectives", "tasks", "organization"}


def test_table_header_vocabulary_phrases_are_strings():
    vocab = header_vocab()
    assert all(isinstance(p, str) and p == p.lower() for p, _ in vocab["phrases"])
    assert {r for _, r in vocab["phrases"]} == {"tt", "name", "lead", "partner", "product",
                                               "deadline", "start", "quantity", "measure", "baseline", "budget", "person",
                                               "note"}
    # an exception to the dangling words ends on one of them ("tiếp theo" on "theo")
    assert all(any(e.endswith(d) for d in vocab["dangling"]) for e in vocab["dangling_phrase_ends"])


PARTY_TARGETS = """\
ĐẢNG BỘ SỞ Y TẾ TỈNH CAO BẰNG
ĐẢNG ỦY BỆNH VIỆN ĐA KHOA TỈNH
Số 05-KH/ĐU
Cao Bằng, ngày 02 tháng 4 năm 2026
KẾ HOẠCH
thực hiện Nghị quyết số 57-NQ/TW năm 2026
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
- Quán triệt sâu sắc Nghị quyết trong toàn Đảng bộ.
2. Yêu cầu
- Việc triển khai phải nghiêm túc, thiết thực.
{heading}
{items}
III. TỔ CHỨC THỰC HIỆN
1. Các chi bộ xây dựng kế hoạch của chi bộ.
"""


def _party_targets(heading: str, items: str) -> list[dict]:
    from kehoach.pipeline import extract_bytes
    text = PARTY_TARGETS.format(heading=heading, items=items)
    return extract_bytes(text.encode(), "party.txt").tables["targets"]


def test_targets_party_chi_tieu_heading_with_dot_bullets():
    targets = _party_targets("II. CHỈ TIÊU", "• 100% đảng viên được quán triệt Nghị quyết.\n"
                             "• Từ 90% trở lên đảng viên hoàn thành khóa học \"Bình dân học\n"
                             "vụ số\" trước ngày 30/9/2026.")
    assert [(t["comparator"], t["value"]) for t in targets] == [("=", 100.0), (">=", 90.0)]
    assert targets[1]["text"].endswith("trước ngày 30/9/2026.")


def test_targets_first_level_chi_tieu_nam_with_letter_items():
    targets = _party_targets("II. CHỈ TIÊU NĂM 2026", "a) Không dưới 70% người dân có hồ sơ sức khỏe điện tử;\n"
                             "b) Mỗi chi bộ có ít nhất 01 sáng kiến/năm.")
    assert [(t["comparator"], t["value"]) for t in targets] == [(">=", 70.0), (">=", 1.0)]


def test_targets_purpose_bullets_never_targets_when_no_target_list():
    targets = _party_targets("II. NHIỆM VỤ", "- Tổ chức quán triệt đến 100% chi bộ.")
    assert targets == []


def test_targets_numbered_target_list_items_opening_with_a_percentage():
    """"II. CHỈ TIÊU" numbered "1.", "2.": an item may open with its number ("1. 100% …") and
    wrap onto a line opening with a citation's number ("… Thông tư số" / "54/2017/TT-BYT")."""
    targets = _party_targets("II. CHỈ TIÊU", "1. 100% người bệnh nội trú được lập bệnh án điện tử trước ngày 30/6/2026.\n"
                             "2. Duy trì hệ thống thông tin bệnh viện (HIS) đạt mức 6 theo Thông tư số\n"
                             "54/2017/TT-BYT ngày 29/12/2017 của Bộ Y tế.")
    assert [(t["comparator"], t["value"], t["unit"]) for t in targets] == [("=", 100.0, "%"), ("=", 6.0, "mức")]
    assert targets[0]["due_end"] == dt.date(2026, 6, 30)
    assert targets[1]["text"].endswith("của Bộ Y tế.")


def test_targets_lettered_group_titles_over_bullets_are_not_targets():
    targets = _party_targets("II. MỤC TIÊU CỤ THỂ", "a) Về hạ tầng số\n- 100% cơ sở có đường truyền cáp quang.\n"
                             "b) Về nhân lực số\n- Tối thiểu 80% viên chức được tập huấn kỹ năng số.")
    assert [t["text"] for t in targets] == ["100% cơ sở có đường truyền cáp quang.",
                                            "Tối thiểu 80% viên chức được tập huấn kỹ năng số."]


def test_targets_take_the_deadline_of_their_group_title_not_a_baseline_year():
    """Bullets under "a) Đến hết năm 2026" are due by its end; "(năm 2025 là 3,8%)" is the
    starting point, not a deadline; a note in brackets after the list is no part of a bullet."""
    targets = _party_targets("II. MỤC TIÊU CỤ THỂ",
                             "a) Đến hết năm 2026\n- Tỷ lệ hồ sơ bị từ chối dưới 2% (năm 2025 là 3,8%).\n"
                             "b) Đến năm 2030\n- Ít nhất 05 đề tài được nghiệm thu.\n"
                             "(Chỉ tiêu chi tiết tại Phụ lục kèm theo Kế hoạch này.)")
    assert [(t["value"], str(t["due_end"])) for t in targets] == [(2.0, "2026-12-31"), (5.0, "2030-12-31")]
    assert targets[1]["text"] == "Ít nhất 05 đề tài được nghiệm thu."


def test_value_column_labelled_with_a_year_dates_its_targets_when_no_column_does():
    text = PARTY_TARGETS.split("I. MỤC ĐÍCH")[0] + """\
I. MỤC TIÊU
PHỤ LỤC
STT Chỉ tiêu Chỉ tiêu năm 2026 Đơn vị chủ trì
1 Tỷ lệ văn bản đi được ký số 100% Văn phòng Đảng ủy
"""
    from kehoach.pipeline import extract_bytes
    targets = [t for t in extract_bytes(text.encode(), "t.txt").tables["targets"] if t["source"] == "appendix"]
    assert [(t["value"], t["deadline_text"], t["year"]) for t in targets] == [(100.0, "Năm 2026", 2026)]


def test_objectives_numbered_chi_tieu_after_a_lettered_sub_list():
    from kehoach.pipeline import extract_bytes
    text = PARTY_TARGETS.split("I. MỤC ĐÍCH")[0] + """\
II. MỤC TIÊU
2. Mục tiêu cụ thể
Chỉ tiêu 1: 100% văn bản đi được ký số.
Chỉ tiêu 2: Chuyển đổi số trong khám bệnh, gồm 02 nội dung:
a) Trên 80% người bệnh được tiếp đón bằng căn cước;
b) 100% hồ sơ bệnh án được ký số trong năm 2026.
Chỉ tiêu 3: Thời gian chờ khám không quá 40 phút.
III. NHIỆM VỤ
"""
    targets = [t for t in extract_bytes(text.encode(), "t.txt").tables["targets"] if t["source"] == "objectives"]
    assert [(t["comparator"], t["value"], t["unit"]) for t in targets] == [
        ("=", 100.0, "%"), (">", 80.0, "%"), ("=", 100.0, "%"), ("<=", 40.0, "phút")]


def test_horizon_paragraph_dates_the_bullets_after_it():
    from kehoach.pipeline import extract_bytes
    text = PARTY_TARGETS.split("I. MỤC ĐÍCH")[0] + """\
II. MỤC TIÊU
2. Mục tiêu cụ thể
- 100% văn bản đi được ký số.
Phấn đấu đến hết năm 2026:
- Tối thiểu 80% người bệnh được tiếp đón bằng căn cước.
III. NHIỆM VỤ
"""
    targets = [t for t in extract_bytes(text.encode(), "t.txt").tables["targets"] if t["source"] == "objectives"]
    assert [(t["value"], t["due_end"]) for t in targets] == [(100.0, None), (80.0, dt.date(2026, 12, 31))]


def test_horizon_bullet_dates_the_sub_bullets_under_it():
    # LibreOffice's text export of a Word plan (samples/synthetic/syn58): "- Đến năm 2030:"
    # over "+" bullets is their horizon, not a target of its own
    from kehoach.pipeline import extract_bytes
    text = PARTY_TARGETS.split("I. MỤC ĐÍCH")[0] + """\
II. MỤC TIÊU
2. Mục tiêu cụ thể
- Đến hết năm 2026:
+ Tối thiểu 90% lượt người bệnh được tiếp đón bằng căn cước;
- Đến năm 2030:
+ Tỷ lệ người bệnh được quản lý trên nền tảng số đạt trên 90%;
III. NHIỆM VỤ
"""
    targets = [t for t in extract_bytes(text.encode(), "t.txt").tables["targets"] if t["source"] == "objectives"]
    assert [(t["value"], t["due_end"]) for t in targets] == [
        (90.0, dt.date(2026, 12, 31)), (90.0, dt.date(2030, 12, 31))]


def test_objectives_table_rows_are_targets_once_and_its_note_is_none():
    # an objectives table and no appendix: the flattened-text reader must not read the same
    # rows again as a task table
    from kehoach.pipeline import extract_bytes
    text = PARTY_TARGETS.split("I. MỤC ĐÍCH")[0] + """\
II. MỤC TIÊU
2. Mục tiêu cụ thể
Phấn đấu đến hết năm 2026, Bệnh viện đạt các chỉ tiêu sau:
| TT | Chỉ tiêu | Đơn vị tính | Năm 2026 |
| 1 | Tỷ lệ hồ sơ bệnh án điện tử | % | 100 |
| 2 | Thời gian trả kết quả xét nghiệm | phút | ≤ 60 |
Chỉ tiêu số 2 tính từ khi lấy mẫu đến khi có kết quả trên phần mềm HIS trong 24 giờ.
III. NHIỆM VỤ
"""
    targets = extract_bytes(text.encode(), "t.txt").tables["targets"]
    assert [(t["source"], t["value"], t["unit"]) for t in targets] == [("objectives", 100.0, "%"),
                                                                      ("objectives", 60.0, "phút")]


def test_targets_lettered_item_wrapped_before_its_number_after_a_comparator():
    """syn96: "đ) Tỷ lệ … đạt trên" / "60% trong 6 tháng cuối năm 2026;": the value on the next
    line belongs to the item whose last word wants it, however short the line."""
    targets = _party_targets("II. MỤC TIÊU CỤ THỂ",
                             "a) Đến hết năm 2026, 100% người bệnh nội trú có bệnh án điện tử;\n"
                             "b) Tỷ lệ thanh toán không dùng tiền mặt đạt trên\n60% trong 6 tháng cuối năm 2026;\n"
                             "c) Dưới 5% hồ sơ bị từ chối.")
    assert [(t["comparator"], t["value"]) for t in targets] == [("=", 100.0), (">", 60.0), ("<", 5.0)]
    assert targets[1]["text"].endswith("đạt trên 60% trong 6 tháng cuối năm 2026;")


def test_targets_numbered_items_with_sub_items_lead_in_dates_them_and_inline_items_split():
    """syn119: "2.2." wraps onto a capitalised word after "theo" ("… mức 6 theo" / "Thông tư
    số …"); "2.3. Về bệnh án điện tử, trong năm 2026:" dates its a) and b), not c) which
    states its own quarter; "2.4. Về nhân lực số: a) …; b) …" inside one paragraph is two
    targets, the date of a) not b)'s."""
    targets = _party_targets("II. MỤC TIÊU CỤ THỂ",
                             "2.1. Hệ thống thông tin bệnh viện (HIS) đạt tối thiểu mức 6 theo\n"
                             "Thông tư số 54/2017/TT-BYT trước ngày 30/9/2026.\n"
                             "2.2. Về bệnh án điện tử, trong năm 2026:\n"
                             "a) 100% người bệnh điều trị nội trú được lập hồ sơ bệnh án điện tử;\n"
                             "b) Tối thiểu 80% lượt khám bệnh ngoại trú được lập bệnh án điện tử;\n"
                             "c) Chậm nhất Quý IV/2026, ít nhất 90% ca chụp X-quang không in phim.\n"
                             "2.3. Về nhân lực số: a) 100% viên chức, người lao động hoàn thành khóa học\n"
                             "trước ngày 30/6/2026; b) tổ chức ít nhất 02 lớp tập huấn kỹ năng số mỗi năm.")
    assert [(t["value"], str(t["due_end"])) for t in targets] == [
        (6.0, "2026-09-30"), (100.0, "2026-12-31"), (80.0, "2026-12-31"), (90.0, "2026-12-31"),
        (100.0, "2026-06-30"), (2.0, "None")]
    assert targets[0]["text"].endswith("trước ngày 30/9/2026.")
    assert targets[4]["text"].startswith("100% viên chức") and targets[5]["text"].startswith("tổ chức ít nhất 02")


def _targets(path: str) -> list[dict]:
    return extract_file(str(ROOT / path)).tables["targets"]


def test_objective_with_a_second_milestone_is_two_targets_of_one_text():
    targets = [t for t in _targets("samples/pypdf/syn126_soyte_merged_province_agencies_pypdf.txt")
               if t["source"] == "objectives" and "VNeID" in t["text"]]
    assert [(t["comparator"], t["value"], t["year"]) for t in targets] == [(">=", 90.0, 2026), ("=", 100.0, 2027)]
    assert targets[0]["text"] == targets[1]["text"]


def test_objective_cycle_then_period_takes_the_period():
    target = next(t for t in _targets("samples/pypdf/syn126_soyte_merged_province_agencies_pypdf.txt")
                  if "sáng kiến hoặc đề tài" in t["text"])
    assert target["deadline_text"] == "giai đoạn 2026 - 2030"
    assert (target["due_start"], target["due_end"]) == (dt.date(2026, 1, 1), dt.date(2030, 12, 31))


def test_indicator_name_period_before_the_value_column_year_is_no_deadline():
    target = next(t for t in _targets("samples/real_tools/syn127_bv_indicator_table_dvt_baseline.pdf")
                  if t["source"] == "appendix" and t["text"].startswith("Hồ sơ bệnh án giấy"))
    assert (target["deadline_text"], target["year"], target["value"]) == ("Năm 2026", 2026, 12000.0)


def test_objectives_party_numbering_keeps_the_general_objective_out():
    texts = [t["text"] for t in _targets("samples/real_tools/syn132_dang_uy_bv_party_plan_tasks.pdf")]
    assert texts and not any(t.startswith(("Nâng cao năng lực lãnh đạo", "1- ", "2- ")) for t in texts)


def test_numbered_objective_filling_its_line_ends_on_the_short_line_under_it():
    target = next(t for t in _targets("samples/pypdf/syn130_bv_deadline_second_products_with_numbers_pypdf.txt")
                  if "mức 3" in t["text"])
    assert target["text"].endswith("của Bộ trưởng Bộ Y tế trước ngày 30/9/2026.")
    assert target["due_end"] == dt.date(2026, 9, 30)


def test_lettered_objective_goes_on_with_a_quoted_name():
    """syn135: "đ) 100% … hoàn thành chương trình" / "“Bình dân học vụ số”; …"."""
    texts = [t["text"] for t in _targets("samples/pypdf/syn135_bv_yhct_kpi_column_task_table_pypdf.txt")
             if t["source"] == "objectives"]
    assert any(t.startswith("100% viên chức") and "“Bình dân học vụ số”" in t for t in texts)


def test_plan_signed_in_december_for_next_year_dates_yearless_phrases_in_that_year():
    """syn146: "Kế hoạch … năm 2027" signed on 18/12/2026: "Quý II" and "trước ngày 30/4" fall
    in 2027; a plan for a period of years keeps the year it was signed."""
    from extract.content import plan_year_of
    assert plan_year_of(2026, dt.date(2026, 12, 18), "Triển khai nhiệm vụ chuyển đổi số năm 2027") == 2027
    assert plan_year_of(2026, dt.date(2026, 3, 1), "Thực hiện Nghị quyết số 57-NQ/TW giai đoạn 2026 - 2030") == 2026
    assert plan_year_of(2026, dt.date(2026, 3, 1), "Chuyển đổi số năm 2026") == 2026


def test_objective_phrases_without_a_year_are_deadlines_in_the_plans_year():
    from normalize.deadlines import find_deadlines
    found = [(d.deadline_text, d.due_start, d.due_end) for _, _, d in find_deadlines(
        "Đến ngày 30/9, 100% khoa có bệnh án điện tử; trong Quý III triển khai 02 phần mềm trong năm.", 2027, True)]
    assert found == [("Đến ngày 30/9", None, dt.date(2027, 9, 30)),
                     ("Quý III", dt.date(2027, 7, 1), dt.date(2027, 9, 30)),
                     ("trong năm", dt.date(2027, 1, 1), dt.date(2027, 12, 31))]
    assert find_deadlines("ít nhất 01 lần trong năm", 2027, True) == []   # how often, not by when
    assert find_deadlines("Đến ngày 30/9, 100% khoa", 2027) == []         # without yearless: too risky
