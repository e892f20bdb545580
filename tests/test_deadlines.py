"""Tests of normalize.deadlines: whole-cell parsing, is_deadline, find_deadlines, the YAML."""
from __future__ import annotations

import calendar
import copy
import unicodedata
from datetime import date
from importlib import resources

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from normalize.deadlines import (
    GRAINS, KINDS, RECURRENCES, TOKEN_NAMES, Deadline, deadline_vocab, find_deadlines,
    is_deadline, parse_deadline, validate_vocab,
)

D = date
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}

# (text, start, end, grain, recurrence, kind); default_year 2026.
CASES = [
    ("Quý I/2026", D(2026, 1, 1), D(2026, 3, 31), "quarter", None, "period"),
    ("Quý 1/2026", D(2026, 1, 1), D(2026, 3, 31), "quarter", None, "period"),
    ("quý I năm 2026", D(2026, 1, 1), D(2026, 3, 31), "quarter", None, "period"),
    ("Quý II/2025", D(2025, 4, 1), D(2025, 6, 30), "quarter", None, "period"),
    ("Quý IV/2025", D(2025, 10, 1), D(2025, 12, 31), "quarter", None, "period"),
    ("Q1/2026", D(2026, 1, 1), D(2026, 3, 31), "quarter", None, "period"),
    ("QUÝ III/2026", D(2026, 7, 1), D(2026, 9, 30), "quarter", None, "period"),
    ("Quý I", D(2026, 1, 1), D(2026, 3, 31), "quarter", None, "period"),
    ("Quý I, II/2026", D(2026, 1, 1), D(2026, 6, 30), "range", None, "period"),
    ("Quý I-II/2026", D(2026, 1, 1), D(2026, 6, 30), "range", None, "period"),
    ("Quý I – Quý II/2026", D(2026, 1, 1), D(2026, 6, 30), "range", None, "period"),
    ("Tháng 02/2026", D(2026, 2, 1), D(2026, 2, 28), "month", None, "period"),
    ("tháng 2 năm 2026", D(2026, 2, 1), D(2026, 2, 28), "month", None, "period"),
    ("Tháng 10/2025", D(2025, 10, 1), D(2025, 10, 31), "month", None, "period"),
    ("T2/2026", D(2026, 2, 1), D(2026, 2, 28), "month", None, "period"),
    ("10/2025", D(2025, 10, 1), D(2025, 10, 31), "month", None, "period"),
    ("Tháng 12", D(2026, 12, 1), D(2026, 12, 31), "month", None, "period"),
    ("Từ tháng 3 đến tháng 6/2026", D(2026, 3, 1), D(2026, 6, 30), "range", None, "period"),
    ("Tháng 3-6/2026", D(2026, 3, 1), D(2026, 6, 30), "range", None, "period"),
    ("Từ tháng 11/2025 đến tháng 02/2026", D(2025, 11, 1), D(2026, 2, 28), "range", None, "period"),
    ("Từ tháng 11 đến tháng 2/2026", D(2025, 11, 1), D(2026, 2, 28), "range", None, "period"),
    ("ngày 15/3/2026", D(2026, 3, 15), D(2026, 3, 15), "day", None, "date"),
    ("15/03/2026", D(2026, 3, 15), D(2026, 3, 15), "day", None, "date"),
    ("Ngày 15 tháng 3 năm 2026", D(2026, 3, 15), D(2026, 3, 15), "day", None, "date"),
    ("15.3.2026", D(2026, 3, 15), D(2026, 3, 15), "day", None, "date"),
    ("Trước ngày 30/6/2026", None, D(2026, 6, 30), "day", None, "before"),
    ("Chậm nhất ngày 30/6/2026", None, D(2026, 6, 30), "day", None, "before"),
    ("Hoàn thành trước ngày 30/6/2026.", None, D(2026, 6, 30), "day", None, "before"),
    ("Trước 30/6", None, D(2026, 6, 30), "day", None, "before"),
    ("Trước quý III/2026", None, D(2026, 6, 30), "quarter", None, "before"),
    ("Trước tháng 1/2027", None, D(2026, 12, 31), "month", None, "before"),
    ("Chậm nhất Quý III/2026", None, D(2026, 9, 30), "quarter", None, "before"),
    ("Đến hết Quý III/2026", None, D(2026, 9, 30), "quarter", None, "before"),
    ("Trước 15/12 hằng năm", None, None, None, "annual", "recurring"),
    ("Trước ngày 05 hằng tháng", None, None, None, "monthly", "recurring"),
    ("Ngày 25 hằng tháng", None, None, None, "monthly", "recurring"),
    ("Quý IV hằng năm", None, None, None, "annual", "recurring"),
    ("6 tháng đầu năm 2026", D(2026, 1, 1), D(2026, 6, 30), "half", None, "period"),
    ("6 tháng cuối năm", D(2026, 7, 1), D(2026, 12, 31), "half", None, "period"),
    ("06 tháng đầu năm", D(2026, 1, 1), D(2026, 6, 30), "half", None, "period"),
    ("Năm 2026", D(2026, 1, 1), D(2026, 12, 31), "year", None, "period"),
    ("Trong năm 2026", D(2026, 1, 1), D(2026, 12, 31), "year", None, "period"),
    ("năm 2025", D(2025, 1, 1), D(2025, 12, 31), "year", None, "period"),
    ("2026", D(2026, 1, 1), D(2026, 12, 31), "year", None, "period"),
    ("2025-2026", D(2025, 1, 1), D(2026, 12, 31), "range", None, "period"),
    ("Giai đoạn 2026-2030", D(2026, 1, 1), D(2030, 12, 31), "range", None, "period"),
    ("giai đoạn 2026 – 2030", D(2026, 1, 1), D(2030, 12, 31), "range", None, "period"),
    ("Từ năm 2026 đến năm 2030", D(2026, 1, 1), D(2030, 12, 31), "range", None, "period"),
    ("năm học 2026 - 2027", D(2026, 9, 1), D(2027, 5, 31), "range", None, "period"),
    ("Đến năm 2030", None, D(2030, 12, 31), "year", None, "before"),
    ("Đến hết năm 2026", None, D(2026, 12, 31), "year", None, "before"),
    ("Thường xuyên", None, None, None, "continuous", "continuous"),
    ("Thường\nxuyên", None, None, None, "continuous", "continuous"),
    ("Liên tục", None, None, None, "continuous", "continuous"),
    ("Thường xuyên, liên tục", None, None, None, "continuous", "continuous"),
    ("Hàng tuần", None, None, None, "weekly", "recurring"),
    ("Hằng tuần", None, None, None, "weekly", "recurring"),
    ("Hằng tháng", None, None, None, "monthly", "recurring"),
    ("Hàng tháng", None, None, None, "monthly", "recurring"),
    ("Hàng quý", None, None, None, "quarterly", "recurring"),
    ("Hằng quý", None, None, None, "quarterly", "recurring"),
    ("Định kỳ hằng quý", None, None, None, "quarterly", "recurring"),
    ("Hằng năm", None, None, None, "annual", "recurring"),
    ("Hàng năm", None, None, None, "annual", "recurring"),
    ("Hằng  năm", None, None, None, "annual", "recurring"),
    ("HẰNG NĂM", None, None, None, "annual", "recurring"),
    ("Định kỳ 6 tháng/lần", None, None, None, "semiannual", "recurring"),
    ("6 tháng/lần", None, None, None, "semiannual", "recurring"),
    ("06 tháng một lần", None, None, None, "semiannual", "recurring"),
    ("3 tháng/lần", None, None, None, "quarterly", "recurring"),
    ("Hằng ngày", None, None, None, "daily", "recurring"),
    ("Theo tiến độ", None, None, None, None, "event"),
    ("Theo lộ trình", None, None, None, None, "event"),
    ("Theo chỉ đạo", None, None, None, None, "event"),
    ("Theo yêu cầu", None, None, None, None, "event"),
    ("Khi có yêu cầu", None, None, None, None, "event"),
    ("Đột xuất", None, None, None, None, "event"),
    ("Theo kế hoạch của Sở Y tế", None, None, None, None, "event"),
    ("Theo chỉ đạo của Bộ Y tế.", None, None, None, None, "event"),
    ("Quý II/2026 và duy trì thường xuyên", D(2026, 4, 1), D(2026, 6, 30), "quarter", "continuous",
     "period"),
    ("Năm 2026, hằng quý", D(2026, 1, 1), D(2026, 12, 31), "year", "quarterly", "period"),
    ("Theo kế hoạch xyz", None, None, None, None, "unparsed"),
    ("Tháng 10/2025 01", None, None, None, None, "unparsed"),
    ("Từ năm 2026", D(2026, 1, 1), None, "year", "annual", "onward"),
    ("Năm 2026 và các năm tiếp theo", D(2026, 1, 1), None, "year", "annual", "onward"),
    ("Năm 2026 và các\n\nnăm tiếp theo", D(2026, 1, 1), None, "year", "annual", "onward"),
    ("Từ Quý III/2026 trở đi", D(2026, 7, 1), None, "quarter", None, "onward"),
    ("Các năm tiếp theo", None, None, None, None, "unparsed"),
    ("T2", None, None, None, None, "unparsed"),
    ("31/2/2026", None, None, None, None, "unparsed"),
    ("Phòng TCHC", None, None, None, None, "unparsed"),
    ("Cuối năm 2026", None, D(2026, 12, 31), "year", None, "before"),
    ("Cuối quý II/2026", None, D(2026, 6, 30), "quarter", None, "before"),
    ("6 tháng cuối năm 2026", D(2026, 7, 1), D(2026, 12, 31), "half", None, "period"),
    ("Cả năm 2026", D(2026, 1, 1), D(2026, 12, 31), "year", None, "period"),
    ("Từ tháng 5/2026", D(2026, 5, 1), None, "month", None, "onward"),
    ("Tuần đầu mỗi tháng", None, None, None, "monthly", "recurring"),
    ("Sau khi được phê duyệt", None, None, None, None, "event"),
    ("Khi có văn bản hướng dẫn", None, None, None, None, "event"),
    ("Sau khi có hướng dẫn của Bộ Y tế", None, None, None, None, "event"),
]


@pytest.mark.parametrize(("text", "start", "end", "grain", "recurrence", "kind"), CASES,
                         ids=[c[0] for c in CASES])
def test_parse_deadline_matches_table_when_default_year_2026(text, start, end, grain, recurrence, kind):
    got = parse_deadline(text, default_year=2026)
    assert (got.due_start, got.due_end, got.grain, got.recurrence, got.kind) == \
        (start, end, grain, recurrence, kind)
    assert got.deadline_text == " ".join(text.split())
    assert (got.warning is not None) == (kind == "unparsed")
    _assert_invariants(got)


def _assert_invariants(got: Deadline) -> None:
    assert got.kind in KINDS
    assert got.grain is None or got.grain in GRAINS
    assert got.recurrence is None or got.recurrence in RECURRENCES
    if got.due_start is not None and got.due_end is not None:
        assert got.due_start <= got.due_end
    if got.kind in ("recurring", "continuous", "event", "unparsed", "empty"):
        assert got.due_start is None and got.due_end is None
    if got.kind == "before":
        assert got.due_start is None


def test_parse_deadline_keeps_text_and_warns_when_unparsed():
    got = parse_deadline("Theo  kế hoạch\nxyz", default_year=2026)
    assert got.deadline_text == "Theo kế hoạch xyz"
    assert got.kind == "unparsed"
    assert got.warning == "unparsed deadline: 'Theo kế hoạch xyz'"


@pytest.mark.parametrize("text", [None, "", "  \n "])
def test_parse_deadline_is_empty_when_text_blank(text):
    assert parse_deadline(text, 2026) == Deadline(None, None, None, None, None, "empty", None)


def test_parse_deadline_warns_when_year_missing_and_no_default():
    got = parse_deadline("Quý I")
    assert (got.kind, got.grain, got.due_start, got.due_end) == ("period", "quarter", None, None)
    assert "default_year" in got.warning


def test_parse_deadline_uses_text_year_over_default_year():
    assert parse_deadline("Quý II/2025", default_year=2030).due_start == D(2025, 4, 1)


def test_parse_deadline_accepts_decomposed_and_lookalike_input():
    nfd = unicodedata.normalize("NFD", "Quý II/2026")
    assert parse_deadline(nfd, 2026).due_end == D(2026, 6, 30)
    assert parse_deadline("Giai đoạn 2026\u20142030").due_end == D(2030, 12, 31)


# ---------------------------------------------------------------- property tests

years = st.integers(min_value=2000, max_value=2099)


@settings(max_examples=200)
@given(q=st.integers(1, 4), year=years, roman=st.booleans(),
       form=st.sampled_from(["Quý {q}/{y}", "quý {q} năm {y}", "QUÝ {q}/{y}", "Quý {q} - {y}"]))
def test_parse_deadline_quarter_exact_when_any_quarter_form(q, year, roman, form):
    got = parse_deadline(form.format(q=ROMAN[q] if roman else q, y=year))
    first = 3 * q - 2
    assert got.due_start == D(year, first, 1)
    assert got.due_end == D(year, first + 2, calendar.monthrange(year, first + 2)[1])
    assert (got.grain, got.kind, got.warning) == ("quarter", "period", None)
    assert got.due_start <= got.due_end


@given(q=st.integers(1, 4), year=years)
def test_parse_deadline_quarter_abbreviation_when_glued(q, year):
    assert parse_deadline(f"Q{q}/{year}").due_start == D(year, 3 * q - 2, 1)


@settings(max_examples=200)
@given(month=st.integers(1, 12), year=years, pad=st.booleans(),
       form=st.sampled_from(["Tháng {m}/{y}", "tháng {m} năm {y}", "T{m}/{y}", "{m}/{y}"]))
def test_parse_deadline_month_exact_when_any_month_form(month, year, pad, form):
    text = form.format(m=f"{month:02d}" if pad else month, y=year)
    got = parse_deadline(text)
    assert got.due_start == D(year, month, 1)
    assert got.due_end == D(year, month, calendar.monthrange(year, month)[1])
    assert (got.grain, got.kind) == ("month", "period")
    assert is_deadline(text)


@given(year=years, form=st.sampled_from(["Năm {y}", "năm {y}", "Trong năm {y}", "NĂM {y}", "{y}"]))
def test_parse_deadline_year_exact_when_any_year_form(year, form):
    got = parse_deadline(form.format(y=year), default_year=1999)
    assert (got.due_start, got.due_end, got.grain) == (D(year, 1, 1), D(year, 12, 31), "year")


@given(y1=years, span=st.integers(0, 10), spaces=st.sampled_from(["-", " - ", " – "]))
def test_parse_deadline_range_exact_when_period_of_years(y1, span, spaces):
    got = parse_deadline(f"Giai đoạn {y1}{spaces}{y1 + span}")
    assert (got.due_start, got.due_end, got.grain) == (D(y1, 1, 1), D(y1 + span, 12, 31), "range")


@given(day=st.dates(min_value=D(2000, 1, 1), max_value=D(2099, 12, 31)), pad=st.booleans(),
       lead=st.sampled_from(["", "ngày ", "Ngày "]))
def test_parse_deadline_day_exact_when_any_date(day, pad, lead):
    fmt = "{d:02d}/{m:02d}/{y}" if pad else "{d}/{m}/{y}"
    got = parse_deadline(lead + fmt.format(d=day.day, m=day.month, y=day.year))
    assert (got.due_start, got.due_end, got.grain, got.kind) == (day, day, "day", "date")


@given(text=st.text(max_size=40), default=st.none() | years)
def test_parse_deadline_never_raises_and_keeps_invariants_when_random_text(text, default):
    got = parse_deadline(text, default)
    _assert_invariants(got)
    assert got.kind == "empty" or got.deadline_text == " ".join(text.split())


# ---------------------------------------------------------------- is_deadline

@pytest.mark.parametrize("text", [
    "Tháng 10/2025", "Hằng  năm", "Thường xuyên", "Thường\nxuyên", "6 tháng/lần", "Năm 2026",
    "Quý I/2026", "15/03/2026", "10/2025", "2025-2026", "Theo tiến độ", "Trước 15/12 hằng năm",
])
def test_is_deadline_true_when_whole_cell_is_deadline(text):
    assert is_deadline(text)


@pytest.mark.parametrize("text", [
    "Kế hoạch", "Phòng TCHC", "100%", "Tháng 10/2025 01", "2026", "30/6", "3/4", "", "  ",
    "Khoa Khám bệnh", "Năm", "Quý", "tháng", "T2", "Q1", "Năm 2026 triển khai", "01",
    "Theo kế hoạch xyz", "Tổ chức hội nghị năm 2026", "x" * 200,
])
def test_is_deadline_false_when_not_a_deadline_cell(text):
    assert not is_deadline(text)


# ---------------------------------------------------------------- find_deadlines

def _found(sentence: str) -> list[tuple[str, date | None, date | None, str]]:
    hits = find_deadlines(sentence, default_year=2026)
    for start, end, got in hits:
        assert got.deadline_text == " ".join(sentence[start:end].split())
        _assert_invariants(got)
    return [(sentence[s:e], d.due_start, d.due_end, d.kind) for s, e, d in hits]


def test_find_deadlines_year_when_target_sentence():
    sentence = ("100% văn bản (trừ văn bản mật) được xử lý trên môi trường điện tử "
                "vào năm 2025;")
    hits = find_deadlines(sentence)
    assert len(hits) == 1
    start, end, got = hits[0]
    assert sentence[start:end] == "năm 2025"
    assert (got.deadline_text, got.due_start, got.due_end) == ("năm 2025", D(2025, 1, 1), D(2025, 12, 31))


def test_find_deadlines_skips_citation_date_when_after_document_number():
    sentence = ("Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị, "
                "hoàn thành trước ngày 30/6/2026.")
    assert _found(sentence) == [("trước ngày 30/6/2026", None, D(2026, 6, 30), "before")]


def test_find_deadlines_skips_vision_when_strategy_title():
    sentence = "Chiến lược phát triển ngành Y tế đến năm 2030, tầm nhìn đến năm 2045"
    assert _found(sentence) == [("đến năm 2030", None, D(2030, 12, 31), "before")]


def test_find_deadlines_several_when_mixed_phrases():
    sentence = ("Kiểm tra 6 tháng/lần, báo cáo hằng quý trong giai đoạn 2026 – 2030 và "
                "hoàn thành ngày 15/3/2027; triển khai từ Quý I/2026")
    assert _found(sentence) == [
        ("6 tháng/lần", None, None, "recurring"),
        ("hằng quý", None, None, "recurring"),
        ("giai đoạn 2026 – 2030", D(2026, 1, 1), D(2030, 12, 31), "period"),
        ("ngày 15/3/2027", D(2027, 3, 15), D(2027, 3, 15), "date"),
        # "triển khai từ Quý I/2026" starts then; it does not end with the quarter, nor
        # with a year's end the text does not state
        ("từ Quý I/2026", D(2026, 1, 1), None, "onward"),
    ]


@pytest.mark.parametrize("sentence", [
    "Tăng 15% số lượt khám so với năm trước",
    "Đạt 2025 lượt khám, 30/6 khoa phòng",
    "Thông tư số 32/2023/TT-BYT ngày 31/12/2023 của Bộ Y tế",
    "Thường xuyên kiểm tra việc thực hiện quy chế chuyên môn",
    "Trong tháng 3 tổ chức tập huấn",
    "",
])
def test_find_deadlines_empty_when_no_clear_phrase(sentence):
    assert find_deadlines(sentence, default_year=2026) == []


def test_find_deadlines_offsets_point_into_original_when_text_decomposed():
    sentence = unicodedata.normalize("NFD", "Đạt chuẩn vào Quý II/2026 nhé")
    [(start, end, got)] = find_deadlines(sentence)
    assert unicodedata.normalize("NFC", sentence[start:end]) == "Quý II/2026"
    assert got.due_end == D(2026, 6, 30)


def test_find_deadlines_school_year_and_recurrence_suffix_when_in_sentence():
    sentence = "Áp dụng từ năm học 2026 - 2027; đánh giá quý II/2026 và duy trì thường xuyên."
    hits = find_deadlines(sentence)
    assert [(sentence[s:e], d.due_start, d.recurrence) for s, e, d in hits] == [
        ("năm học 2026 - 2027", D(2026, 9, 1), None),
        ("quý II/2026 và duy trì thường xuyên", D(2026, 4, 1), "continuous"),
    ]


# ---------------------------------------------------------------- vocabulary file

def _raw_vocab() -> dict:
    text = resources.files("normalize").joinpath("data/deadlines.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def test_vocab_yaml_valid_when_loaded():
    raw = _raw_vocab()
    validate_vocab(raw)
    assert set(raw["tokens"]) == TOKEN_NAMES
    for phrases in raw["tokens"].values():
        assert all(isinstance(p, str) and p.strip() for p in phrases)
        assert all(unicodedata.is_normalized("NFC", p) for p in phrases)
    vocab = deadline_vocab()
    assert vocab is deadline_vocab()          # loaded once
    assert vocab.phrase_token["hằng"] == vocab.phrase_token["hàng"] == "EVERY"


@pytest.mark.parametrize("break_it", [
    lambda raw: raw["tokens"].pop("QUARTER"),
    lambda raw: raw["tokens"].__setitem__("QUATER", ["quý"]),
    lambda raw: raw["tokens"].__setitem__("MONTH", []),
    lambda raw: raw["tokens"]["MONTH"].append(" "),
    lambda raw: raw["tokens"]["WEEK"].append("Tháng"),       # duplicate of MONTH once folded
    lambda raw: raw["glued_prefixes"].__setitem__("MONTH", ["th"]),
    lambda raw: raw.pop("glued_prefixes"),
])
def test_vocab_validation_raises_when_structure_broken(break_it):
    raw = copy.deepcopy(_raw_vocab())
    break_it(raw)
    with pytest.raises(ValueError):
        validate_vocab(raw)


def test_listed_months_each_with_a_year_span_the_list():
    d = parse_deadline("Tháng 6/2026; tháng 12/2026")
    assert (d.kind, d.due_start, d.due_end, d.recurrence) == ("period", date(2026, 6, 1), date(2026, 12, 31), None)


def test_listed_parts_that_are_not_all_deadlines_stay_unparsed():
    assert parse_deadline("Phòng KHTH; Quý II/2026").kind == "unparsed"


@pytest.mark.parametrize("text, recurrence", [
    ("Tháng 6 và tháng 12 hằng năm", "semiannual"), ("Quý II và Quý IV hằng năm", "semiannual"),
    ("Tháng 3, 6, 9, 12 hằng năm", "quarterly"), ("Tháng 12 hằng năm", "annual"),
    ("Ngày 15 tháng 12 hằng năm", "annual")])
def test_months_listed_hang_nam_recur_as_often_as_listed(text, recurrence):
    assert parse_deadline(text, 2026).recurrence == recurrence


@pytest.mark.parametrize("text, kind, start, end, recurrence", [
    ("Năm 2026 và duy trì các năm tiếp theo", "onward", date(2026, 1, 1), None, "annual"),
    ("Theo hướng dẫn của Sở Y tế", "event", None, None, None),
    ("Hoàn thành trước 31/12/2026", "before", None, date(2026, 12, 31), None)])
def test_deadline_cells_of_a_blind_plan(text, kind, start, end, recurrence):
    d = parse_deadline(text, 2026)
    assert (d.kind, d.due_start, d.due_end, d.recurrence) == (kind, start, end, recurrence)


def test_tu_quy_in_a_sentence_starts_then_without_an_end():
    (_, _, d), = find_deadlines("thời gian chờ không quá 30 phút, áp dụng từ Quý III/2026.", 2026)
    assert (d.due_start, d.due_end) == (date(2026, 7, 1), None)


def test_parse_cell_word_broken_by_a_narrow_column_is_read_whole():
    """A narrow PDF column breaks "tháng/lần" and "2026" where the line runs out ("6 tháng/l" /
    "ần"): the cell is read with that space taken out, the text kept as written, the reading
    said in the warning; a cell that parses as it is stays untouched."""
    semiannual = parse_deadline("Định kỳ 6 tháng/l ần", 2026)
    assert (semiannual.recurrence, semiannual.deadline_text) == ("semiannual", "Định kỳ 6 tháng/l ần")
    assert "Định kỳ 6 tháng/lần" in semiannual.warning
    before = parse_deadline("Trước ngày 30/6/20 26", 2026)
    assert (before.kind, before.due_end) == ("before", date(2026, 6, 30))
    assert parse_deadline("Khi có văn bản hướng dẫn", 2026).warning is None
    assert parse_deadline("Xây dựng quy trình", 2026).kind == "unparsed"


def test_parse_deadline_digit_newer_than_python_unicode_is_no_number():
    """Hypothesis found it: the regex module reads U+16D70 as a digit, int() does not."""
    assert parse_deadline("\U00016d70").kind == "unparsed"
    assert parse_deadline("Quý \U00016d70/2026").due_start is None


def test_parse_deadline_with_a_bracketed_note_reads_the_deadline_before_it():
    """syn120: "Hằng tháng (trước ngày 25)" is monthly; the note qualifies it, the text is kept
    whole and the warning says how it was read. A bracket alone is no deadline."""
    d = parse_deadline("Hằng tháng (trước ngày 25)", 2025)
    assert (d.recurrence, d.deadline_text) == ("monthly", "Hằng tháng (trước ngày 25)") and "note" in d.warning
    assert parse_deadline("(dự kiến)", 2025).kind == "unparsed"


def test_two_before_dates_due_by_the_last():
    d = parse_deadline("Trước 15/6/2026 và trước 15/12/2026")
    assert (d.kind, d.due_start, d.due_end) == ("before", None, D(2026, 12, 15))


def test_party_term_is_a_period():
    d = parse_deadline("Nhiệm kỳ 2025 - 2030")
    assert (d.due_start, d.due_end) == (D(2025, 1, 1), D(2030, 12, 31))


def test_period_then_kept_up_is_continuous_but_keeping_alone_is_no_time():
    d = parse_deadline("Quý II/2026 và duy trì")
    assert (d.due_start, d.due_end, d.recurrence) == (D(2026, 4, 1), D(2026, 6, 30), "continuous")
    assert not is_deadline("Duy trì")   # an indicator's value in words


def test_cycle_written_before_its_day_is_that_cycle():
    d = parse_deadline("Hằng năm, trước ngày 15/12", 2026)
    assert (d.recurrence, d.deadline_text) == ("annual", "Hằng năm, trước ngày 15/12")


def test_batches_labelled_in_one_cell_span_from_first_to_last():
    d = parse_deadline("Đợt 1: tháng 5/2026;\nĐợt 2: tháng 10/2026")
    assert (d.due_start, d.due_end) == (D(2026, 5, 1), D(2026, 10, 31))


def test_cycle_from_a_later_year_starts_then_and_never_ends():
    """syn139: "Hằng năm, từ năm 2027" is annual from 2027 on, and a table cell's deadline."""
    d = parse_deadline("Hằng năm, từ năm 2027", 2026)
    assert (d.recurrence, d.due_start, d.due_end) == ("annual", D(2027, 1, 1), None)
    assert is_deadline("Hằng quý từ Quý III/2026")


def test_time_counted_from_an_event_is_an_event_and_from_a_date_is_onward():
    assert parse_deadline("Trong 15 ngày kể từ ngày ký ban hành Kế hoạch").kind == "event"
    d = parse_deadline("Kể từ ngày 01/7/2026")
    assert (d.kind, d.due_start, d.due_end) == ("onward", D(2026, 7, 1), None)


def test_deadline_with_its_note_in_brackets_is_a_deadline_cell():
    """syn140: the table reads "Định kỳ 6 tháng/lần (trước ngày 15/6 và 15/12)" as the deadline."""
    assert is_deadline("Định kỳ 6 tháng/lần (trước ngày 15/6 và 15/12)")
    assert not is_deadline("Phòng KHTC (chủ trì)")


def test_cycle_with_coarser_report_cycles_is_the_finest():
    """syn104, syn132: "Định kỳ 6 tháng, năm" (reports every six months and each year) is
    semiannual; "Hằng quý, năm 2026" keeps its year as the period."""
    assert parse_deadline("Định kỳ 6 tháng, năm").recurrence == "semiannual"
    assert parse_deadline("Hằng quý, 6 tháng và năm").recurrence == "quarterly"
    d = parse_deadline("Hằng quý, năm 2026")
    assert (d.recurrence, d.due_start, d.due_end) == ("quarterly", D(2026, 1, 1), D(2026, 12, 31))


def test_cycle_written_before_its_day_is_a_deadline_cell():
    """syn134: the table reads "Hằng năm, trước ngày 15/12" as the row's deadline."""
    assert is_deadline("Hằng năm, trước ngày 15/12")


def test_days_listed_before_a_yearly_cycle_make_it_as_frequent():
    """syn100: "Trước ngày 15/6 và 15/12 hằng năm" is due twice a year: semiannual."""
    assert parse_deadline("Trước ngày 15/6 và 15/12 hằng năm").recurrence == "semiannual"
    assert parse_deadline("Trước 15/12 hằng năm").recurrence == "annual"


@pytest.mark.parametrize("cell, start, recurrence", [
    ("Quý II/2026 - Hằng quý", D(2026, 4, 1), "quarterly"),
    ("Tháng 5/2026 - Thường xuyên", D(2026, 5, 1), "continuous"),
    ("01/4/2026 - Thường xuyên", D(2026, 4, 1), "continuous")])
def test_start_then_a_cycle_is_that_cycle_from_the_start(cell, start, recurrence):
    """A start column and an end column naming a cycle, read as one cell."""
    d = parse_deadline(cell)
    assert (d.due_start, d.due_end, d.recurrence) == (start, None, recurrence)


def test_event_whose_programme_is_named_after_it_is_an_event():
    """syn132: "Theo Chương trình kiểm tra, giám sát của Đảng ủy" names no date on purpose."""
    d = parse_deadline("Theo Chương trình kiểm tra, giám sát của Đảng ủy")
    assert (d.kind, d.warning) == ("event", None)


def test_semesters_of_a_school_year_and_their_cycle():
    """syn142: a college's "Học kỳ I năm học 2026 - 2027" (September to January), "Hằng học kỳ"."""
    d = parse_deadline("Học kỳ I năm học 2026 - 2027")
    assert (d.due_start, d.due_end) == (D(2026, 9, 1), D(2027, 1, 31))
    assert parse_deadline("Học kỳ II năm học 2025 - 2026").due_start == D(2026, 2, 1)
    assert parse_deadline("Hằng học kỳ").recurrence == parse_deadline("Cuối mỗi học kỳ").recurrence == "semiannual"


def test_note_saying_when_a_period_finishes_ends_it():
    """syn143: "Quý II/2026" / "(hoàn thành Quý IV/2026)" runs April to December; "(duy trì
    thường xuyên)" keeps the task up after its month."""
    d = parse_deadline("Quý II/2026\n(hoàn thành Quý IV/2026)")
    assert (d.due_start, d.due_end, d.warning) == (D(2026, 4, 1), D(2026, 12, 31), None)
    d = parse_deadline("Tháng 6/2026 (duy trì thường xuyên)")
    assert (d.due_start, d.due_end, d.recurrence) == (D(2026, 6, 1), D(2026, 6, 30), "continuous")
