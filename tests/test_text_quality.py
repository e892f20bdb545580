"""The syllable model: valid syllables, page scores, per-page text source decisions."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from extract.text_quality import (bigram_count, classify_page_text, generate_syllables, is_syllable,
                                  syllable_count, vietnamese_score)
from normalize.legacy_vn import from_unicode
from normalize.text import strip_diacritics

ROOT = Path(__file__).resolve().parent.parent
# the UTF-8 sample texts (syn18 is the Windows-1258 sample: the reader decodes it)
SAMPLES = [p for p in sorted(ROOT.glob("samples/*.txt")) + sorted(ROOT.glob("samples/synthetic/*.txt"))
           if "cp1258" not in p.name]


@pytest.mark.parametrize("word", ["chuyển", "đổi", "Quý", "giữa", "nghiệp", "khuyến", "thuở", "gì", "hoạch",
                                  "Hóa", "Hoá", "Thủy", "Thuỷ", "ương", "yêu", "quyết", "kỹ", "nghĩa"])
def test_valid_syllables(word):
    assert is_syllable(word)


@pytest.mark.parametrize("word", ["ho¹ch", "KÕ", "hieän", "ngaøy", "kan", "cinh", "ghá", "quo", "hát̃",
                                  "bắp̀", "tion", "strong", "Mờng"[0:0] or "xyz"])
def test_invalid_syllables(word):
    assert not is_syllable(word)


def test_stop_codas_take_only_sac_or_nang():
    assert is_syllable("học") and is_syllable("hóc") and not is_syllable("hòc") and not is_syllable("hoc")


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_unicode_documents_score_high_legacy_low(path):
    text = unicodedata.normalize("NFC", path.read_text("utf-8"))
    assert vietnamese_score(text) >= 0.9
    for enc in ("tcvn3", "vni", "viscii"):
        assert vietnamese_score(from_unicode(text, enc)) < 0.6
    assert vietnamese_score(strip_diacritics(text)) < 0.5  # marks lost (broken ToUnicode map)


def test_classify_page_text():
    text = unicodedata.normalize("NFC", SAMPLES[0].read_text("utf-8"))
    assert classify_page_text(text)[0] == "text_layer"
    assert classify_page_text("  12 \n") == ("empty", 1.0)
    assert classify_page_text(from_unicode(text, "vni"))[0] == "legacy"
    assert classify_page_text("ﬁ#@ ~~ ÿþ ¤¤ qwrtp zxcvb " * 20)[0] == "garbled"
    assert classify_page_text(strip_diacritics(text))[0] == "garbled"


def test_inventory_and_counts():
    inv = generate_syllables()
    assert 15000 < len(inv) < 25000
    assert {"chuyển", "đổi", "nghiệp", "quốc"} <= inv
    assert syllable_count("chuyển") > 10 and syllable_count("Chuyển") == syllable_count("chuyển")
    assert bigram_count("chuyển", "đổi") > 10 and bigram_count("chuyến", "đối") == 0
