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
