"""Quantities: vocabulary file, gold targets of both seeds, rules of domain.md §6.1–6.2."""
from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from normalize.quantities import (NO_QUANTITY, Quantity, is_measure, is_quantity, load_vocab, parse_quantity,
                                  parse_value_cell)
from normalize.text import fold

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIRS = [ROOT / "samples" / "gold", Path("/work/shared/gold")]
OPERATORS = {"=", ">=", ">", "<=", "<"}


def _gold_files() -> list[Path]:
    for folder in GOLD_DIRS:
        files = sorted(folder.glob("*.gold.json"))
        if files:
            return files
    return []


def _accepted(row: dict, field: str) -> list:
    return [row.get(field), *row.get("alternatives", {}).get(field, [])]


def _check(q: Quantity, row: dict) -> None:
    assert q.comparator in _accepted(row, "comparator")
    values = [None if v is None else float(v) for v in _accepted(row, "value")]
    assert q.value in values
    assert q.unit in _accepted(row, "unit")


# ---------------------------------------------------------------- vocabulary file

def test_vocab_is_well_formed():
    raw = load_vocab()
    assert set(raw["comparators"]) == OPERATORS
    phrases = [fold(p) for ps in raw["comparators"].values() for p in ps]
    assert len(phrases) == len(set(phrases)), "a comparator phrase maps to two operators"
    assert all(isinstance(v, int) for v in raw["number_words"].values())
    assert "năm" not in raw["number_words"], "'năm' is a year far more often than five"
    spellings = [fold(s) for c, ss in raw["units"].items() for s in [c, *(ss or [])]]
    assert len(spellings) == len(set(spellings)), "a spelling maps to two units"
    assert not set(map(fold, raw["per_period"])) & {"tháng/lần"}
    for key in ("fillers", "percent", "universal", "not_after", "per_entity", "per_period",
                "at_least_suffix", "subject_lead", "subject_tail"):
        assert raw[key] and all(isinstance(w, str) and w.strip() for w in raw[key]), key


def _code_strings(path: Path) -> list[str]:
    """String literals of a module, docstrings excluded."""
    tree = ast.parse(path.read_text("utf-8"))
    docs = {id(n.body[0].value) for n in ast.walk(tree)
            if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef)) and n.body
            and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    return [n.value for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs]


def test_no_vietnamese_words_in_code():
    # house style: vocabulary lives in data/quantities.yaml, never in string literals
    for literal in _code_strings(ROOT / "normalize" / "quantities.py"):
        assert all(ch.isascii() or not ch.isalpha() for ch in literal), literal


# ---------------------------------------------------------------- gold

GOLD = _gold_files()


def _writes_value(text: str, value: float) -> bool:
    digits = re.sub(r"(?<=\d)[.,](?=\d{3})", "", text).replace(",", ".")
    return any(float(n) == float(value) for n in re.findall(r"\d+(?:\.\d+)?", digits))


@pytest.mark.skipif(not GOLD, reason="gold files not available")
def test_gold_targets_texts():
    checked = 0
    for path in GOLD:
        targets = json.loads(path.read_text("utf-8"))["targets"]
        for row in targets:
            if row["source"] != "objectives":
                continue  # an appendix row's text is its content cell; its quantity cell is below
            if row.get("value") is not None and not _writes_value(row["text"], row["value"]):
                continue  # a row of a target table in the objectives: the value has its own cell
            if [t["text"] for t in targets].index(row["text"]) != targets.index(row):
                continue  # a bullet's second milestone (content.py reads it from its own clause)
            _check(parse_quantity(row["text"]), row)
            checked += 1
    assert checked >= 11  # the two seeds alone hold 11


@pytest.mark.skipif(not GOLD, reason="gold files not available")
def test_gold_quantity_cells_match_appendix_targets():
    checked = 0
    for path in GOLD:
        gold = json.loads(path.read_text("utf-8"))
        cells = [t["quantity_text"] for t in gold["tasks"] if t.get("quantity_text")]
        appendix = [t for t in gold["targets"] if t["source"] == "appendix"]
        if not cells:
            continue
        assert len(cells) == len(appendix)
        for cell, row in zip(cells, appendix):
            if is_quantity(cell) and parse_quantity(cell).unit is not None:
                _check(parse_quantity(cell), row)
            else:  # a bare value ("100", "≥ 50") whose unit stands in a Đơn vị tính column
                q = parse_value_cell(cell)
                if row["value"] is None:  # "Duy trì": a value cell with no number
                    assert q.value is None, cell
                    continue
                assert q.comparator in _accepted(row, "comparator") and q.value == float(row["value"]), cell
            checked += 1
    assert checked >= 12  # seed 003 alone holds 12


# ---------------------------------------------------------------- parse_quantity

@pytest.mark.parametrize("text, comparator, value, unit", [
    ("Tối thiểu 85% viên chức được bồi dưỡng kỹ năng số.", ">=", 85, "%"),
    ("Triển khai từ 2 đến 3 sáng kiến trong năm 2026", ">=", 2.0, "sáng kiến"),
    ("Từ 80 đến 90% viên chức", ">=", 80.0, "%"),
    ("Tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ đạt 98% trở lên", ">=", 98.0, "%"),
    ("Trung tâm đạt 4/5 tiêu chí đơn vị y tế dự phòng số", "=", 4.0, "tiêu chí"),
    ("Mức độ 4 (toàn trình)", "=", 4.0, "mức độ"),
    ("4/5", "=", 4.0, None),
    ("Ít nhất 90% cán bộ", ">=", 90, "%"),
    ("không dưới 80%", ">=", 80, "%"),
    ("không thấp hơn 80%", ">=", 80, "%"),
    ("Từ 95,5% trở lên", ">=", 95.5, "%"),
    ("90% trở lên người bệnh hài lòng", ">=", 90, "%"),
    (">= 70%", ">=", 70, "%"),
    ("Trên 95% người bệnh hài lòng", ">", 95, "%"),
    ("hơn 1.000 lượt truy cập", ">", 1000, "lượt"),
    ("vượt 10 lớp", ">", 10, "lớp"),
    ("> 5 buổi", ">", 5, "buổi"),
    ("Tối đa 02 giờ", "<=", 2, "giờ"),
    ("không quá 5%", "<=", 5, "%"),
    ("không vượt quá 3 ngày", "<=", 3, "ngày"),
    ("≤ 3%", "<=", 3, "%"),
    ("Dưới 5% hồ sơ bị từ chối", "<", 5, "%"),
    ("thấp hơn 2%", "<", 2, "%"),
    ("tỷ lệ hồ sơ bị từ chối < 1,5%", "<", 1.5, "%"),
    ("Đạt 100%", "=", 100, "%"),
    ("Đạt tỷ lệ 90% người dân", "=", 90, "%"),
    ("100% đúng hạn", "=", 100, "%"),
    ("01 KIOSK", "=", 1, "KIOSK"),
    ("lắp đặt 05 ki-ốt", "=", 5, "KIOSK"),
    ("Tổ chức hai lớp tập huấn", "=", 2, "lớp"),
    ("1.000 lượt người bệnh", "=", 1000, "lượt"),
    ("Đạt 50 phần trăm", "=", 50, "%"),
    ("Tối thiểu 01 viên chức phụ trách công nghệ thông tin, chuyển đổi số", ">=", 1, "viên chức"),
    ("Tổ chức tối thiểu 01 hội nghị/hội thảo khoa học về chuyển đổi số/năm;", ">=", 1,
     "hội nghị/hội thảo"),
    ("cho toàn bộ bệnh nhân vào năm 2026;", "=", 100, "%"),
    ("tất cả khoa, phòng", "=", 100, "%"),
])
def test_parse(text, comparator, value, unit):
    q = parse_quantity(text)
    assert (q.comparator, q.value, q.unit) == (comparator, float(value), unit)


@pytest.mark.parametrize("text", [
    "Duy trì, triển khai bệnh án điện tử theo lộ trình; đảm bảo hạ tầng phục vụ bệnh án điện tử.",
    "Thực hiện Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị",
    "Kế hoạch số 47/KH-SYT ngày 09/02/2026",
    "Xây dựng Kế hoạch thực hiện Nghị quyết 57 năm 2026",
    "ngày 22 tháng 12 năm 2024",
    "Hướng dẫn áp dụng mô hình 5S, AIDET",
    "Quý II/2025",
    "1.1. Công tác chỉ đạo điều hành",
    "2. Mục tiêu cụ thể",
    "Hệ thống pakn.nq57.vn",
    "giai đoạn 2025-2026",
    "định kỳ 6 tháng/lần",
    "Tháng 10/2025",
    "",
])
def test_not_a_quantity(text):
    assert parse_quantity(text) == NO_QUANTITY


def test_subject_of_a_percentage():
    q = parse_quantity("Tối thiểu 85% viên chức được bồi dưỡng kỹ năng số.")
    assert q.subject == "viên chức được bồi dưỡng kỹ năng số"
    assert (q.start, q.end) == (0, len("Tối thiểu 85%"))


def test_subject_before_the_number():
    q = parse_quantity("Tỷ lệ người bệnh hài lòng đạt ≥ 90%")
    assert q.subject == "người bệnh hài lòng"
    assert q.comparator == ">="


def test_span_inside_a_sentence():
    text = "Tổ chức tối thiểu 01 hội nghị/hội thảo khoa học về chuyển đổi số/năm;"
    q = parse_quantity(text)
    assert text[q.start:q.end] == "tối thiểu 01 hội nghị/hội thảo"
    assert q.per == "năm"
    assert q.subject.startswith("hội nghị/hội thảo khoa học")
    assert not q.subject.endswith("/năm")


def test_rate_units():
    q = parse_quantity("≥01 sáng kiến/khoa")
    assert (q.unit, q.per) == ("sáng kiến/khoa", "khoa")
    q = parse_quantity("Mỗi khoa có ít nhất 01 sáng kiến/khoa/năm")
    assert (q.unit, q.per) == ("sáng kiến/khoa", "khoa/năm")
    q = parse_quantity("04 tin bài/tháng")
    assert (q.unit, q.per) == ("tin bài", "tháng")


def test_unit_split_by_pdf_line_breaks():
    q = parse_quantity("≥01 sáng \n\nkiến/khoa ")
    assert (q.comparator, q.value, q.unit) == (">=", 1.0, "sáng kiến/khoa")


def test_row_number_fused_with_content_is_skipped():
    # "1" is the TT column, "100%" the target written in the content cell
    assert parse_quantity("1 100% văn bản, hồ sơ").value == 100.0
    assert parse_quantity("2 Cán bộ, viên chức, người") == NO_QUANTITY


def test_number_first_beats_universal_word():
    q = parse_quantity("Chuẩn hoá toàn bộ dữ liệu, đạt 95% hồ sơ")
    assert (q.comparator, q.value) == ("=", 95.0)


def test_non_nfc_input():
    import unicodedata
    q = parse_quantity(unicodedata.normalize("NFD", "Tối thiểu 85% viên chức"))
    assert (q.comparator, q.value, q.unit) == (">=", 85.0, "%")


def test_tone_placement_and_case():
    assert parse_quantity("TỐI THIỂU 02 HỘI NGHỊ").unit == "hội nghị"
    assert parse_quantity("03 khoá học").unit == "khóa"


# ---------------------------------------------------------------- is_quantity

@pytest.mark.parametrize("cell", [
    "100%", "≥90%", "≥ 01 hội nghị", "≥01 sáng kiến/khoa", "01 KIOSK", "100% đúng hạn",
    "100% cán bộ lãnh đạo",
    "100% các khoa, phòng có bệnh nhân nội trú triển khai lưu trú trên phần mềm BCA",
    "≥01 sáng \n\nkiến/khoa", " 100% ", "95,5%", "Tối thiểu 01 viên chức", "02 lớp tập huấn",
    "Toàn bộ", "Đạt 100%", "≥ 90",
])
def test_is_quantity(cell):
    assert is_quantity(cell)


@pytest.mark.parametrize("cell", [
    "Phòng Tổ chức hành chính", "Quý IV/2025", "Hằng năm", "Kế hoạch", "6 tháng/lần",
    "Tháng 10/2025", "1 100% văn bản, hồ sơ", "2 Cán bộ, viên chức, người",
    "8 Sáng kiến cải tiển chất", "10 Triển khai KIOSK y tế", "2025", "12", "", "   ",
    "Các khoa, phòng", "Tất cả các khoa, phòng", "Thường xuyên", "57-NQ/TW", "22/12/2024",
    "Triển khai 5S, AIDET", "03 hệ thống thông tin được phê duyệt cấp độ an toàn thông tin",
])
def test_is_not_quantity(cell):
    assert not is_quantity(cell)


def test_is_quantity_agrees_with_parse():
    for cell in ("≥ 01 hội nghị", "01 KIOSK", "100% đúng hạn"):
        q = parse_quantity(cell)
        assert (q.start, q.end) != (None, None)
        assert q.start == 0


@given(st.text(max_size=80))
def test_never_crashes_and_spans_are_valid(text):
    q = parse_quantity(text)
    if q.comparator is None:
        assert q == NO_QUANTITY
    else:
        assert q.comparator in OPERATORS
        assert 0 <= q.start < q.end
    is_quantity(text)


def test_count_out_of_a_total_is_the_count_but_a_day_and_month_is_no_quantity():
    q = parse_quantity("Tối thiểu 03/05 khoa lâm sàng triển khai kê đơn thuốc điện tử")
    assert (q.comparator, q.value, q.unit) == (">=", 3.0, "khoa")
    assert parse_quantity("Báo cáo trước ngày 03/05 hằng năm").value is None
    assert parse_quantity("Thực hiện Quyết định 06/QĐ-TTg").value is None


def test_change_range_and_level_cells_are_quantities():
    """Value cells of an indicator table: "Giảm 10%" (the change), "80 - 90%" (a range reads
    as its lower bound), "Mức 3" (a scale named before its number)."""
    assert [(q.comparator, q.value, q.unit) for q in map(parse_quantity, ["Giảm 10%", "80 - 90%", "Mức 3"])] == [
        ("=", 10.0, "%"), (">=", 80.0, "%"), ("=", 3.0, "mức")]
    assert all(is_quantity(t) for t in ["Giảm 10%", "80 - 90%", "Mức 3"])
    assert parse_quantity("Tháng 3 - 5/2026").value is None


def test_counted_nouns_of_plans_quy_trinh_cong_cu():
    q = parse_quantity("Chuẩn hóa và số hóa 05 quy trình chuyên môn trên hệ thống HIS")
    assert (q.comparator, q.value, q.unit) == ("=", 5.0, "quy trình")
    assert parse_quantity("02 công cụ hỗ trợ ra quyết định lâm sàng").unit == "công cụ"


def test_qualitative_value_cells_are_values_in_words():
    from normalize.quantities import is_qualitative_value
    assert is_qualitative_value("Hoàn thành") and is_qualitative_value("Duy trì") and is_qualitative_value("Có")
    assert not is_qualitative_value("Phòng Kế hoạch tổng hợp")


def test_quantity_per_unit_without_its_noun_in_an_indicator_cell():
    # syn58: "≥ 01/khoa, phòng" in a "Chỉ tiêu năm 2026" column; the noun is in the unit column
    q = parse_quantity("≥ 01/khoa, phòng")
    assert (q.comparator, q.value, q.unit, q.per) == (">=", 1.0, None, "khoa")
    assert is_quantity("≥ 01/khoa") and not is_quantity("20/12/2026") and not is_quantity("Quý 4/2026")


def test_frequency_after_dinh_ky_is_a_rate_not_a_period_number():
    """"định kỳ 01 lần/tháng" is once a month ("kỳ 2" alone is period 2, no quantity); a
    deadline phrase "Định kỳ 6 tháng" has no counted noun and stays no quantity."""
    q = parse_quantity("Truyền thông trên hệ thống truyền thanh của xã định kỳ 01 lần/tháng;")
    assert (q.comparator, q.value, q.unit, q.per) == ("=", 1.0, "lần", "tháng")
    assert parse_quantity("kỳ 2 năm 2026").value is None
    assert parse_quantity("Định kỳ 6 tháng").value is None


def test_is_measure_level_cell_of_an_indicator_table():
    """syn113: an "Đơn vị tính" cell "Mức" (or "Cấp độ") says the values are levels, like the
    "mức 4" of an objective; a level with its number is a value, not a measure."""
    assert is_measure("Mức") and is_measure("Cấp độ")
    assert not is_measure("Mức 3")


@pytest.mark.parametrize("text", ["Tổ chức hai (02) lớp tập huấn kỹ năng số", "Tổ chức 02 (hai) lớp tập huấn kỹ năng số"])
def test_parse_count_written_in_words_and_in_digits_reads_once(text):
    """syn125: "hai (02) lớp": the count in words and again in brackets is one count of 2."""
    q = parse_quantity(text)
    assert (q.comparator, q.value, q.unit) == ("=", 2.0, "lớp")


def test_quantity_change_from_baseline_to_target_takes_the_target():
    q = parse_quantity("Tăng tỷ lệ hồ sơ bệnh án điện tử từ 86,4% năm 2025 lên 100% trong năm 2026")
    assert (q.comparator, q.value, q.unit) == ("=", 100.0, "%")
    assert parse_quantity("Giảm tỷ lệ sai sót từ 10% xuống còn 5%").value == 5.0


def test_quantity_at_least_suffix_is_no_change_word():
    q = parse_quantity("Không dưới 80% người dân được lập hồ sơ sức khỏe điện tử, trong đó "
                       "người từ 60 tuổi trở lên đạt 95%;")
    assert (q.comparator, q.value) == (">=", 80.0)


def test_value_cell_keeping_a_number_is_one_quantity_a_baseline_word_is_not():
    from normalize.quantities import is_qualified_quantity
    assert is_qualified_quantity("Duy trì ≥ 90") and is_qualified_quantity("Duy trì 100")
    assert not is_qualified_quantity("Chưa có 01") and not is_qualified_quantity("Duy trì")


def test_money_in_millions_keeps_the_multiple_the_plan_writes():
    """syn141: "Huy động tối thiểu 500 triệu đồng" is >= 500 "triệu đồng"; "tỷ lệ" is no "tỷ"."""
    q = parse_quantity("Huy động tối thiểu 500 triệu đồng từ Quỹ phát triển hoạt động sự nghiệp")
    assert (q.comparator, q.value, q.unit) == (">=", 500.0, "triệu đồng")
    assert parse_quantity("tối thiểu 1,5 tỷ đồng").unit == "tỷ đồng"
    assert parse_quantity("Đạt tỷ lệ 90%").unit == "%"


def test_working_days_are_their_own_unit():
    q = parse_quantity("trung bình không quá 05 ngày làm việc")
    assert (q.comparator, q.value, q.unit) == ("<=", 5.0, "ngày làm việc")
