"""Legacy encodings: exact round trips on the seeds, detection by font and by content, plain
text files, and a TCVN3/VNI-font DOCX → PDF (LibreOffice) whose text layer reads as garbage."""
from __future__ import annotations

import io
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from extract.text_quality import classify_page_text, vietnamese_score
from normalize import legacy_vn
from normalize.legacy_vn import (decode_legacy_bytes, detect_legacy_encoding, encode_runs, from_unicode,
                                 is_uppercase_font, to_unicode)

ROOT = Path(__file__).resolve().parent.parent
# the UTF-8 sample texts (syn18 is the Windows-1258 sample, read by its own test)
SAMPLES = [p for p in sorted(ROOT.glob("samples/*.txt")) + sorted(ROOT.glob("samples/synthetic/*.txt"))
           if "cp1258" not in p.name]


def nfc(path: Path) -> str:
    return unicodedata.normalize("NFC", path.read_text("utf-8"))


def paragraph() -> str:
    return " ".join(nfc(SAMPLES[0]).split("\n\n")[14].split())


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_round_trip_tcvn3_runs(path):
    text = nfc(path)
    runs = encode_runs(text, "tcvn3")
    assert "".join(to_unicode(run, "tcvn3", uppercase=upper) for run, upper in runs) == \
        legacy_vn.representable(text, "tcvn3")


@pytest.mark.parametrize("encoding", ["vni", "viscii"])
@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_round_trip_vni_viscii(path, encoding):
    text = nfc(path)
    legacy = from_unicode(text, encoding)
    back = to_unicode(legacy, encoding)
    # characters the code page lacks ("“", "•") were written as ASCII; everything else is exact
    assert back == legacy_vn.representable(text, encoding)
    assert encoding == "viscii" or back == text


def test_known_strings():
    assert to_unicode("KÕ ho¹ch", "tcvn3") == "Kế hoạch"
    assert to_unicode("B¶o Th¾ng", "tcvn3") == "Bảo Thắng"
    assert to_unicode("Keá hoaïch chuyeån ñoåi soá", "vni") == "Kế hoạch chuyển đổi số"
    assert to_unicode("VIEÄT NAM", "vni") == "VIỆT NAM"
    assert to_unicode(from_unicode("Quý IV/2026", "viscii"), "viscii") == "Quý IV/2026"
    # TCVN3's "ư" is the soft hyphen, often dropped: restored where the syllable needs it
    assert to_unicode("M\xadêng Kh\xad\xacng", "tcvn3") == "Mường Khương"
    assert to_unicode("Mêng Kh¬ng", "tcvn3") == "Mờng Khơng".replace("Mờng", "Mường").replace("Khơng", "Khương")


@pytest.mark.parametrize("encoding", ["tcvn3", "vni", "viscii"])
def test_detect_by_content(encoding):
    text = nfc(SAMPLES[0])
    legacy = from_unicode(text, encoding)
    assert detect_legacy_encoding(legacy) == encoding
    assert detect_legacy_encoding(text) is None
    kind, conf = classify_page_text(legacy)
    assert kind == "legacy" and conf > 0.9


def test_detect_by_font_names():
    assert detect_legacy_encoding("abc", [".VnTime", "ABCDEF+.VnTimeH"]) == "tcvn3"
    assert detect_legacy_encoding("abc", ["BCDEFG+VNI-Times-Bold"]) == "vni"
    assert detect_legacy_encoding("abc", ["VISCII Times"]) == "viscii"
    assert detect_legacy_encoding("abc", ["TimesNewRomanPSMT", "Arial"]) is None
    assert is_uppercase_font("ABCDEF+.VnTimeH") and is_uppercase_font(".VnArialH-Bold")
    assert not is_uppercase_font(".VnTime") and not is_uppercase_font("VNI-Times")


@pytest.mark.parametrize("encoding", ["tcvn3", "vni", "viscii"])
def test_plain_text_files(encoding):
    text = paragraph() * 3
    if encoding == "vni":
        data = from_unicode(text, "vni").encode("cp1252")
    else:
        data = from_unicode(text.lower() if encoding == "tcvn3" else text, encoding).encode("latin-1")
    decoded, enc = decode_legacy_bytes(data)
    assert enc == encoding
    assert decoded == (text.lower() if encoding == "tcvn3" else text)
    assert decode_legacy_bytes(text.encode("utf-8")) is None


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("encoding,font", [("tcvn3", ".VnTime"), ("vni", "VNI-Times")])
def test_legacy_font_docx_to_pdf_is_converted(tmp_path, encoding, font):
    import pdfplumber
    from docx import Document

    paras = [" ".join(p.split()) for p in nfc(SAMPLES[0]).split("\n\n") if p.strip()][10:30]
    doc = Document()
    for p in paras:
        par = doc.add_paragraph()
        for run_text, upper in encode_runs(p, encoding):
            run = par.add_run(run_text)
            run.font.name = font + ("H" if upper else "")
    doc.save(str(tmp_path / "legacy.docx"))
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(tmp_path / "legacy.docx")], check=True, capture_output=True, timeout=180)
    with pdfplumber.open(io.BytesIO((tmp_path / "legacy.pdf").read_bytes())) as pdf:
        page = pdf.pages[0]
        layer = page.extract_text()
        fonts = sorted({c["fontname"] for c in page.chars})
    assert vietnamese_score(layer) < 0.6  # the text layer reads as garbage …
    kind, conf = classify_page_text(layer, fonts)
    assert kind == "legacy" and conf > 0.9  # … is recognised as legacy …
    enc = detect_legacy_encoding(layer, fonts)
    assert enc == encoding
    converted = " ".join(to_unicode(layer, enc).split())
    source = " ".join(" ".join(paras).split())
    # … and converts back. LibreOffice substitutes the missing legacy font, so the ".VnTimeH"
    # name (upper case) and TCVN3's soft-hyphen "ư" may be lost: compare case-blind, and
    # require ≥ 99 % of the words back.
    from rapidfuzz.distance import Levenshtein
    got_words = converted.lower().split()
    want_words = source.lower().split()[:len(got_words)]
    assert Levenshtein.normalized_distance(got_words, want_words) < 0.01
