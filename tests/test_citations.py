"""Citations by number: number parsing/repair, citation phrasings, and the two seed documents."""
from __future__ import annotations

import ast
import datetime
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.citations import Citation, find_citations
from normalize.doc_numbers import (
    abbr_to_type_map,
    doc_type_from_symbol,
    load_doc_vocab,
    parse_doc_number,
)
from normalize.text import fold, normalize_text, squash_spaces

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path("/work/shared")


def one(text: str) -> Citation:
    found = find_citations(normalize_text(text))
    assert len(found) == 1, found
    return found[0]


# --- vocabulary -------------------------------------------------------------------------------

def test_vocabulary_is_valid():
    vocab = load_doc_vocab()
    names = [t.name for t in vocab.types]
    assert len(names) == len(set(names))
    abbrs = [t.abbr for t in vocab.types if t.abbr]
    assert len(abbrs) == len(set(abbrs))
    for required in ("NQ", "KH", "CTr", "TB", "QĐ", "NĐ", "TT", "CT", "HD", "KL", "QyĐ", "ĐA",
                     "BC", "TTr", "CĐ"):
        assert required in abbrs
    seen: dict[str, str] = {}
    for t in vocab.types:
        assert t.words, t.name
        for w in t.words:
            key = squash_spaces(fold(w))
            assert seen.setdefault(key, t.name) == t.name, f"{w!r} names two types"
    for abbr in ("TW", "TU", "CP", "TTg", "BYT", "SYT", "UBND", "BCĐ"):
        assert abbr in vocab.issuer_abbreviations
    assert set(vocab.type_repairs.values()) <= set(abbrs)
    assert all(v is None or v for v in vocab.party_type_overrides.values())
    for canonical, variants in vocab.lead_verbs.items():
        assert canonical in variants
    assert {"Căn cứ", "Thực hiện", "Triển khai"} <= set(vocab.lead_verbs)
    for stop in ("về", "về việc", "và", "ban hành", "phê duyệt", "trong", "hướng dẫn", "quy định"):
        assert stop in vocab.issuer_stops
    assert vocab.generic_fallback in names
    assert load_doc_vocab() is load_doc_vocab()  # loaded once


def _string_literals(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value) for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body
        and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
    }
    return [n.value for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings]


@pytest.mark.parametrize("module", ["extract/citations.py", "normalize/doc_numbers.py"])
def test_no_vietnamese_vocabulary_in_code(module):
    # House style: words live in doc_types.yaml; "Đ/đ" may appear in character classes only.
    for literal in _string_literals(ROOT / module):
        stray = {c for c in literal if ord(c) > 127 and c not in "Đđ“”"}
        assert not stray, f"{module}: {literal!r}"


# --- document numbers -------------------------------------------------------------------------

@pytest.mark.parametrize("raw, canonical, number, year, symbol, style, repaired", [
    ("57-NQ/TW", "57-NQ/TW", "57", None, "NQ/TW", "party", False),
    ("71/NQ-CP", "71/NQ-CP", "71", None, "NQ-CP", "state", False),
    ("13/2023/NĐ-CP", "13/2023/NĐ-CP", "13", 2023, "NĐ-CP", "state", False),
    ("45- NQ/TW", "45-NQ/TW", "45", None, "NQ/TW", "party", False),
    ("1234/QĐBYT", "1234/QĐ-BYT", "1234", None, "QĐ-BYT", "state", True),
    ("12/QĐ-TTG", "12/QĐ-TTg", "12", None, "QĐ-TTg", "state", True),
    ("06 TB/CQTTBCĐ", "06-TB/CQTTBCĐ", "06", None, "TB/CQTTBCĐ", "party", True),
    ("06TB/CQTTBCĐ", "06-TB/CQTTBCĐ", "06", None, "TB/CQTTBCĐ", "party", True),
    ("Số 05 /2008/TT-BYT", "05/2008/TT-BYT", "05", 2008, "TT-BYT", "state", False),
    ("Số: 7181/KH-SYT", "7181/KH-SYT", "7181", None, "KH-SYT", "state", False),
    ("Số 266-KH/TU", "266-KH/TU", "266", None, "KH/TU", "party", False),
    ("  /KH-BVHH", "/KH-BVHH", None, None, "KH-BVHH", "state", False),
    ("Số:      /KH-BVHH", "/KH-BVHH", None, None, "KH-BVHH", "state", False),
    ("15/2023/QH15", "15/2023/QH15", "15", 2023, "QH15", "state", False),
    ("1895/1997/BYT-QĐ", "1895/1997/BYT-QĐ", "1895", 1997, "BYT-QĐ", "state", False),
    ("2023/KH-UBND", "2023/KH-UBND", "2023", None, "KH-UBND", "state", False),
    ("1234/BYT-KCB", "1234/BYT-KCB", "1234", None, "BYT-KCB", "state", False),
    ("57-\nNQ/TW", "57-NQ/TW", "57", None, "NQ/TW", "party", False),
    ("12/QD-BYT", "12/QĐ-BYT", "12", None, "QĐ-BYT", "state", True),
    ("04-CTr/BCĐ", "04-CTr/BCĐ", "04", None, "CTr/BCĐ", "party", False),
    ("1656/NQ-UBTVQH15", "1656/NQ-UBTVQH15", "1656", None, "NQ-UBTVQH15", "state", False),
])
def test_parse_doc_number(raw, canonical, number, year, symbol, style, repaired):
    parsed = parse_doc_number(raw)
    assert parsed is not None
    assert (parsed.canonical, parsed.number, parsed.year, parsed.symbol, parsed.style,
            parsed.repaired) == (canonical, number, year, symbol, style, repaired)
    assert parsed.raw == raw.strip()


@pytest.mark.parametrize("raw", [
    "22/12/2024", "05/3/2020", "2025-2030", "2025 - 2030", "Quý I/2026", "", "Số:", "KH-UBND",
    "57 NQ", "1/2", "100%",
])
def test_not_a_doc_number(raw):
    assert parse_doc_number(raw) is None


@pytest.mark.parametrize("symbol, type_name", [
    ("KH-BV", "Kế hoạch"), ("NQ/TW", "Nghị quyết"), ("NQ-CP", "Nghị quyết"),
    ("NĐ-CP", "Nghị định"), ("QĐ-TTg", "Quyết định"), ("CTr/BCĐ", "Chương trình"),
    ("TB/CQTTBCĐ", "Thông báo"), ("QyĐ-BV", "Quy định"), ("TTr-BV", "Tờ trình"),
    ("TT-BYT", "Thông tư"), ("TT/TW", "Thông tri"), ("KL/TW", "Kết luận"),
    ("QĐBYT", "Quyết định"),
    ("BYT-KCB", None),  # công văn: issuer-unit, no type
    ("QĐ/TW", None),  # Party QĐ: Quyết định or Quy định
    ("QH15", None),
])
def test_doc_type_from_symbol(symbol, type_name):
    assert doc_type_from_symbol(symbol) == type_name


@given(
    number=st.integers(1, 99999).map(str),
    style=st.sampled_from(["state", "party"]),
    abbr=st.sampled_from(sorted(abbr_to_type_map())),
    issuer=st.sampled_from(["BYT", "SYT", "UBND", "TW", "TU", "CP", "BVĐK", "TTYT"]),
)
def test_written_numbers_round_trip(number, style, abbr, issuer):
    written = f"{number}/{abbr}-{issuer}" if style == "state" else f"{number}-{abbr}/{issuer}"
    parsed = parse_doc_number(written)
    assert parsed is not None and parsed.canonical == written and not parsed.repaired
    assert doc_type_from_symbol(parsed.symbol) is not None or style == "party"


@given(d=st.integers(1, 31), m=st.integers(1, 12), y=st.integers(1990, 2099),
       sep=st.sampled_from(["/", "-", "."]))
def test_dates_are_never_numbers(d, m, y, sep):
    assert parse_doc_number(f"{d}{sep}{m}{sep}{y}") is None
    assert find_citations(f"Kế hoạch ngày {d}{sep}{m}{sep}{y} của Sở Y tế") == []


@settings(max_examples=200)
@given(st.text(alphabet=st.sampled_from(list("Kế hoạch số 12/KH-UBND ngày 5/3/2020 của Bộ Y tế, về \n-|*57NQTW")),
               max_size=120))
def test_find_citations_never_fails_and_offsets_are_sane(text):
    for c in find_citations(text):
        assert 0 <= c.start < c.end <= len(text)
        assert c.cited_number


# --- citation phrasings -----------------------------------------------------------------------

def test_full_numeric_date():
    c = one("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư;")
    assert (c.cited_type, c.cited_number, c.cited_date, c.cited_issuer, c.cited_subject, c.lead) == (
        "Nghị định", "30/2020/NĐ-CP", datetime.date(2020, 3, 5), "Chính phủ", "công tác văn thư",
        "Căn cứ")
    assert c.text == "Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ"


def test_spelled_out_date_and_kept_subject_verb():
    c = one("Căn cứ Quyết định số 06/QĐ-TTg ngày 06 tháng 01 năm 2022 của Thủ tướng Chính phủ "
            "phê duyệt Đề án 06;")
    assert c.cited_date == datetime.date(2022, 1, 6)
    assert c.cited_issuer == "Thủ tướng Chính phủ"
    assert c.cited_subject == "phê duyệt Đề án 06"


def test_hyphen_date():
    assert one("Thực hiện Kế hoạch số 12/KH-SYT ngày 05-3-2020 của Sở Y tế").cited_date == \
        datetime.date(2020, 3, 5)


def test_party_comma_before_date():
    c = one("Kế hoạch số 17-KH/TU, ngày 05/12/2025 của Tỉnh ủy về chuyển đổi số;")
    assert (c.cited_number, c.cited_date, c.cited_issuer) == (
        "17-KH/TU", datetime.date(2025, 12, 5), "Tỉnh ủy")


def test_date_without_ngay():
    c = one("Quyết định số 5316/QĐ-BYT, 22/12/2020 của Bộ Y tế phê duyệt Đề án")
    assert (c.cited_date, c.cited_issuer) == (datetime.date(2020, 12, 22), "Bộ Y tế")


def test_date_after_issuer():
    c = one("Kế hoạch số 101-KH/TU của Ban Thường vụ Tỉnh ủy ngày 15/6/2026 về chuyển đổi số;")
    assert (c.cited_date, c.cited_issuer, c.cited_subject) == (
        datetime.date(2026, 6, 15), "Ban Thường vụ Tỉnh ủy", "chuyển đổi số")
    assert c.text.endswith("ngày 15/6/2026")


def test_so_missing_and_issuer_without_date():
    c = one("triển khai Quyết định 5316/QĐ-BYT của Bộ Y tế.")
    assert (c.cited_type, c.cited_number, c.cited_date, c.cited_issuer, c.lead) == (
        "Quyết định", "5316/QĐ-BYT", None, "Bộ Y tế", "Triển khai")
    c = one("Chỉ thị 07/CT-TTg của Thủ tướng Chính phủ")
    assert (c.cited_type, c.cited_issuer) == ("Chỉ thị", "Thủ tướng Chính phủ")


def test_luat_with_number():
    c = one("Căn cứ Luật số 15/2023/QH15 về khám bệnh, chữa bệnh;")
    assert (c.cited_type, c.cited_number) == ("Luật", "15/2023/QH15")
    text = "Căn cứ Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15 ngày 26/6/2025;"
    c = one(text)
    assert (c.cited_type, c.cited_number, c.cited_date) == (
        "Luật", "91/2025/QH15", datetime.date(2025, 6, 26))
    assert text[c.start:].startswith("Luật Bảo vệ") and c.lead == "Căn cứ"


@pytest.mark.parametrize("text", [
    "Căn cứ Luật Khám bệnh, chữa bệnh năm 2023;",
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
    "Thực hiện nghiêm túc Chỉ thị của Ban Bí thư và Kế hoạch của Ban Chỉ đạo",
    "Kế hoạch số   /KH-BVHH ngày   /10/2025 của Bệnh viện",
    "Số: 240/KH-BV      Than Uyên, ngày 24 tháng 02 năm 2026",
    "Số 266-KH/TU",
    "KẾ HOẠCH\nSố: 12/KH-BV",
    "từ ngày 22/12/2024, giai đoạn 2025-2030, hoàn thành trong Quý I/2026",
    "Nghị quyết 57 và NQ 57 của Bộ Chính trị",
])
def test_not_citations(text):
    assert find_citations(normalize_text(text)) == []


def test_year_inside_number():
    c = one("Nghị định số 13/2023/NĐ-CP ngày 17/4/2023 của Chính phủ về bảo vệ dữ liệu cá nhân")
    assert (c.cited_number, c.cited_type) == ("13/2023/NĐ-CP", "Nghị định")


def test_legacy_order_and_year_only():
    c = one("Quyết định 1895/1997/BYT-QĐ năm 1997 của Bộ trưởng Bộ Y tế ban hành Quy chế bệnh viện")
    assert (c.cited_number, c.cited_type, c.cited_date, c.cited_issuer) == (
        "1895/1997/BYT-QĐ", "Quyết định", None, "Bộ trưởng Bộ Y tế")
    assert c.cited_subject == "ban hành Quy chế bệnh viện"


@pytest.mark.parametrize("text, canonical, raw", [
    ("Quyết định số 1234/QĐBYT ngày 01/02/2024 của Bộ Y tế", "1234/QĐ-BYT", "1234/QĐBYT"),
    ("Nghị quyết số 45- NQ/TW ngày 01/02/2024", "45-NQ/TW", "45- NQ/TW"),
    ("Quyết định số 12/QĐ-TTG của Thủ tướng", "12/QĐ-TTg", "12/QĐ-TTG"),
    ("Thông báo số 06 \n\nTB/CQTTBCĐ, ngày 27/9/2025", "06-TB/CQTTBCĐ", "06 TB/CQTTBCĐ"),
    ("Nghị quyết số 57-\n\nNQ/TW, ngày 22/12/2024", "57-NQ/TW", "57-NQ/TW"),
    ("Kế hoạch số 12/KH-\nUBND ngày 01/02/2024", "12/KH-UBND", "12/KH-UBND"),
])
def test_damaged_numbers(text, canonical, raw):
    c = one(text)
    assert (c.cited_number, c.number_raw) == (canonical, raw)


def test_broken_across_lines():
    text = ("Kế hoạch số 266-KH/TU ngày 26 tháng 4 năm 2025 của Ban Thường vụ \n"
            "Tỉnh ủy về triển khai thực hiện")
    c = find_citations(text)[0]
    assert (c.cited_date, c.cited_issuer) == (datetime.date(2025, 4, 26), "Ban Thường vụ Tỉnh ủy")
    c = one("thực hiện Nghị quyết số 57-\nNQ/TW ngày 22 tháng 12 năm \n\n2024 của Bộ Chính \n\ntrị về")
    assert (c.cited_number, c.cited_date, c.cited_issuer) == (
        "57-NQ/TW", datetime.date(2024, 12, 22), "Bộ Chính trị")
    assert c.text == "Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính trị"
    c = one("Kế hoạch hành \n\nđộng số 266-KH/TU ngày 26/4/2025")
    assert c.cited_type == "Kế hoạch"


def test_markdown_and_table_noise():
    c = one("**Nghị quyết số 57-NQ/TW** ngày 22/12/2024 của **Bộ Chính trị** về chuyển đổi số")
    assert (c.cited_number, c.cited_date, c.cited_issuer) == (
        "57-NQ/TW", datetime.date(2024, 12, 22), "Bộ Chính trị")
    c = one("| Nghị quyết số 71/NQ-CP | ngày 01/4/2025 | của Chính phủ |")
    assert (c.cited_number, c.cited_date, c.cited_issuer) == (
        "71/NQ-CP", datetime.date(2025, 4, 1), "Chính phủ")


def test_uppercase_type_words():
    c = one("NGHỊ QUYẾT SỐ 57-NQ/TW NGÀY 22/12/2024 CỦA BỘ CHÍNH TRỊ VỀ ĐỘT PHÁ")
    assert (c.cited_type, c.cited_number, c.cited_date, c.cited_issuer, c.cited_subject) == (
        "Nghị quyết", "57-NQ/TW", datetime.date(2024, 12, 22), "BỘ CHÍNH TRỊ", "ĐỘT PHÁ")


def test_nested_citations_each_with_own_date_and_issuer():
    text = normalize_text(
        " Kế hoạch số 101/KH-UBND ngày 25/5/2025 của UBND tỉnh về Thực \n\nhiện Nghị quyết số "
        "71/NQ-CP ngày 01/4/2025 của Chính phủ và Kế hoạch hành \n\nđộng số 266-KH/TU ngày "
        "26/4/2025 của Ban Thường vụ Tỉnh ủy thực hiện \n\nNghị quyết số 57-NQ/TW ngày "
        "22/12/2024 của Bộ Chính trị về đột phá phát \n\ntriển khoa học; ")
    found = find_citations(text)
    assert [(c.cited_number, c.cited_date, c.cited_issuer) for c in found] == [
        ("101/KH-UBND", datetime.date(2025, 5, 25), "UBND tỉnh"),
        ("71/NQ-CP", datetime.date(2025, 4, 1), "Chính phủ"),
        ("266-KH/TU", datetime.date(2025, 4, 26), "Ban Thường vụ Tỉnh ủy"),
        ("57-NQ/TW", datetime.date(2024, 12, 22), "Bộ Chính trị"),
    ]
    # the outer subject names the nested documents; it runs to the end of the clause
    assert found[0].cited_subject.startswith("Thực hiện Nghị quyết số 71/NQ-CP")
    assert found[0].cited_subject.endswith("đột phá phát triển khoa học")
    assert found[3].cited_subject == "đột phá phát triển khoa học"
    assert [c.lead for c in found] == [None, "Thực hiện", None, "Thực hiện"]
    for c in found:
        assert squash_spaces(text[c.start:c.end]) == c.text


def test_issuer_stops_and_kept_names():
    c = one("Căn cứ Thông tư số 13/2025/TT-BYT ngày 06/6/2025 của Bộ trưởng Bộ Y tế hướng dẫn "
            "triển khai hồ sơ bệnh án điện tử;")
    assert c.cited_issuer == "Bộ trưởng Bộ Y tế"
    assert c.cited_subject == "hướng dẫn triển khai hồ sơ bệnh án điện tử"
    c = one("Thông tư số 02/2025/TT-BKHCN của Bộ Khoa học và Công nghệ về chữ ký số")
    assert c.cited_issuer == "Bộ Khoa học và Công nghệ"
    c = one("Kế hoạch số 7181/KH-SYT ngày 06/10/2025 của Giám đốc Sở  tế về việc \n\nThực hiện "
            "chuyển đổi số ngành Y tế;")
    assert (c.cited_issuer, c.cited_subject) == ("Giám đốc Sở tế", "Thực hiện chuyển đổi số ngành Y tế")
    c = one("(Kèm theo Kế hoạch số 240/KH-BV ngày 24/02/2026 của Bệnh viện Đa khoa Than Uyên)")
    assert (c.cited_issuer, c.lead, c.cited_subject) == ("Bệnh viện Đa khoa Than Uyên", "Kèm theo", None)
    c = one("Nghị quyết số 57-NQ/TW của Bộ Chính trị gửi Sở Y tế tỉnh Lai Châu theo quy định.")
    assert c.cited_issuer == "Bộ Chính trị"
    c = one("Kế hoạch số 04-KH/BCĐ ngày 26/02/2026 của Ban Chỉ đạo 57, trong đó")
    assert c.cited_issuer == "Ban Chỉ đạo 57"
    # a type word ends the issuer only when a number follows it (the next citation)
    c = one("Quyết định số 15/QĐ-BQLDA của Ban Quản lý dự án Đầu tư xây dựng về giao nhiệm vụ")
    assert c.cited_issuer == "Ban Quản lý dự án Đầu tư xây dựng"
    found = find_citations("Nghị quyết số 71/NQ-CP của Chính phủ Kế hoạch số 2/KH-UBND của UBND tỉnh")
    assert [c.cited_issuer for c in found] == ["Chính phủ", "UBND tỉnh"]


def test_generic_word_and_bare_number():
    c = one("Văn bản số 1234/BYT-KCB ngày 05/3/2025 của Bộ Y tế")
    assert (c.cited_type, c.cited_number) == ("Công văn", "1234/BYT-KCB")
    c = one("Văn bản số 15/KH-SYT của Sở Y tế")
    assert c.cited_type == "Kế hoạch"
    c = one("theo 47/KH-SYT của Sở Y tế")
    assert (c.cited_type, c.cited_number, c.cited_issuer) == ("Kế hoạch", "47/KH-SYT", "Sở Y tế")
    assert [c.cited_number for c in find_citations("Kế hoạch số 12/KH-UBND, số 13/KH-UBND")] == [
        "12/KH-UBND", "13/KH-UBND"]


def test_invalid_date_is_none():
    assert one("Kế hoạch số 12/KH-BV ngày 31/02/2025 của Bệnh viện").cited_date is None


def test_duplicates_are_kept_in_order():
    text = "Nghị quyết 57-NQ/TW; Kế hoạch 02-KH/BCĐTW; Nghị quyết số 57-NQ/TW."
    assert [c.cited_number for c in find_citations(text)] == ["57-NQ/TW", "02-KH/BCĐTW", "57-NQ/TW"]


# --- seeds against gold -----------------------------------------------------------------------

def _seed_paths() -> list[tuple[Path, Path]]:
    pairs = []
    for seed in sorted((SHARED / "seeds").glob("*.txt")):
        gold = SHARED / "gold" / f"{seed.stem}.gold.json"
        if gold.exists():
            pairs.append((seed, gold))
    return pairs


def _loose(s: str | None) -> str | None:
    return None if s is None else squash_spaces(fold(s)).replace(" - ", "-")


@pytest.mark.parametrize("seed, gold", _seed_paths(), ids=lambda p: p.name)
def test_seed_first_occurrences_match_gold(seed, gold):
    text = normalize_text(seed.read_text(encoding="utf-8"))
    first: dict[str, Citation] = {}
    for c in find_citations(text):
        first.setdefault(c.cited_number, c)
        assert squash_spaces(text[c.start:c.end]).replace("- ", "-") == c.text.replace("- ", "-")
    rows = json.loads(gold.read_text(encoding="utf-8"))["legal_basis"]
    assert set(first) == {r["cited_number"] for r in rows}
    for row in rows:
        c = first[row["cited_number"]]
        alts = row.get("alternatives", {})
        assert c.cited_type == row["cited_type"]
        assert c.cited_date == datetime.date.fromisoformat(row["cited_date"])
        accepted = {_loose(row["cited_issuer"]), *(_loose(a) for a in alts.get("cited_issuer", []))}
        assert _loose(c.cited_issuer) in accepted, (row, c)


def test_legal_basis_row_reads_the_fullest_mention_of_a_number():
    """The title names "Nghị quyết số 57-NQ/TW" without a date; the "Căn cứ" line after it
    dates it and names its issuer: the row is a basis with that date and issuer."""
    from kehoach.pipeline import extract_bytes

    text = ("SỞ Y TẾ TỈNH LÀO CAI\nTRUNG TÂM Y TẾ KHU VỰC BẮC HÀ\nSố: 19/KH-TTYT\n\nKẾ HOẠCH\n"
            "Triển khai thực hiện Nghị quyết số 57-NQ/TW năm 2026\n\n"
            "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học;\n"
            "I. MỤC TIÊU\n1. Mục tiêu cụ thể\n- 100% trạm y tế triển khai bệnh án điện tử.\n")
    rows = extract_bytes(text.encode(), "t.txt").tables["legal_basis"]
    assert [(r["role"], r["cited_number"], str(r["cited_date"]), r["cited_issuer"]) for r in rows] == [
        ("basis", "57-NQ/TW", "2024-12-22", "Bộ Chính trị")]


def test_issuer_keeps_a_capitalised_place_word_that_is_also_a_stop_word():
    """"Trung tâm Y tế khu vực Năm Căn": "năm" ends an issuer before a date, not inside a
    place name written with a capital; "trước" ends it."""
    from extract.citations import find_citations

    found = find_citations("Căn cứ Kế hoạch số 41/KH-TTYT ngày 02/3/2026 của Trung tâm Y tế khu vực Năm Căn;\n"
                           "Căn cứ Thông tư số 54/2017/TT-BYT ngày 29/12/2017 của Bộ trưởng Bộ Y tế trước đây;")
    assert [c.cited_issuer for c in found] == ["Trung tâm Y tế khu vực Năm Căn", "Bộ trưởng Bộ Y tế"]


def test_two_documents_joined_by_va_share_the_issuer_of_the_same_body():
    text = normalize_text("Căn cứ Thông tư số 54/2017/TT-BYT ngày 29/12/2017 và Quyết định số 5316/QĐ-\n"
                          "BYT ngày 22/12/2020 của Bộ trưởng Bộ Y tế; Luật số 15/2023/QH15 và Nghị định số "
                          "96/2023/NĐ-CP ngày 30/12/2023 của Chính phủ")
    issuers = {c.cited_number: c.cited_issuer for c in find_citations(text)}
    assert issuers["54/2017/TT-BYT"] == "Bộ trưởng Bộ Y tế"
    assert issuers["15/2023/QH15"] is None  # a law is not the government's decree


def test_issuer_keeps_a_merged_party_committee_name_with_va():
    from extract.citations import find_citations

    found = find_citations("theo Hướng dẫn số 09-HD/BTGDVTU của Ban Tuyên giáo và Dân vận Tỉnh ủy trên Trang "
                           "thông tin điện tử; Nghị quyết số 57-NQ/TW của Bộ Chính trị và Kế hoạch số 48/KH-SYT")
    assert [c.cited_issuer for c in found][:2] == ["Ban Tuyên giáo và Dân vận Tỉnh ủy", "Bộ Chính trị"]


def test_issuer_stops_at_a_complete_name_before_the_next_table_cell():
    # a citation inside a task-table cell of a Word table (syn57): the cells after it are
    # printed on the next lines, a row number among them
    from extract.citations import find_citations

    found = find_citations("VNeID theo Chỉ thị số 07/CT-TTg ngày 14/3/2025 của Thủ tướng Chính phủ\n"
                           "Khoa Khám bệnh\nPhòng KH-NV\n")
    numbered = find_citations("Chỉ thị số 07/CT-TTg ngày 14/3/2025 của Thủ tướng\nChính phủ\n9\nTriển khai")
    assert [c.cited_issuer for c in found + numbered] == ["Thủ tướng Chính phủ", "Thủ tướng Chính phủ"]


def test_type_abbreviation_with_a_letter_printed_twice_by_ocr_is_repaired():
    from extract.citations import find_citations
    from normalize.doc_numbers import parse_doc_number

    found = find_citations("Căn cứ Quyết định số 5316/QĐĐ-BYT ngày 22/12/2020 của Bộ trưởng Bộ Y tế")
    assert [c.cited_number for c in found] == ["5316/QĐ-BYT"]
    assert parse_doc_number("35/TTr-SYT").canonical == "35/TTr-SYT"  # "TT", "TTr" are types as written


def test_citation_issuer_named_before_it_with_tai():
    c = one("Thực hiện chỉ đạo của Bộ Y tế tại Công văn số 1187/BYT-\nKHTC ngày 20/01/2026 về việc triển khai;")
    assert (c.cited_number, c.cited_issuer) == ("1187/BYT-KHTC", "Bộ Y tế")
    assert one("theo hướng dẫn tại Công văn số 12/SYT-NVY;").cited_issuer is None


def test_citation_spaced_hyphen_before_an_issuer_code_is_one_symbol():
    """syn137: clerks type "5316/QĐ - BYT", "46/2018/TT- BYT"; a dash before a word stays a dash."""
    found = find_citations("Căn cứ Quyết định 5316/QĐ - BYT ngày 22/12/2020 của Bộ trưởng Bộ Y tế; "
                           "Thông tư 46/2018/TT- BYT ngày 28/12/2018; Kế hoạch 12/KH-BV - Phòng KHTH.")
    assert [c.cited_number for c in found] == ["5316/QĐ-BYT", "46/2018/TT-BYT", "12/KH-BV"]
