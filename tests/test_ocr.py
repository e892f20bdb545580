"""OCR of the committed scan of a rendition (samples/make_scans.py: rendered, askew, noise,
JPEG, no text layer) → extract.ocr. Measured: character error rate on prose pages against the
rendition's own text layer, the task table read cell by cell (row count exact), and the
repairs of tone marks, Roman numerals and task numbers."""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from extract import ocr
from extract.table_grids import grid_to_rows

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "000_8a3c601f3164e90a.txt"
GOLD = ROOT / "samples" / "gold" / "000_8a3c601f3164e90a.gold.json"
TABLE_TASKS = 17
HEADERS = ["TT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp, thực hiện", "Kết quả/sản phẩm",
           "Thời gian hoàn thành"]

needs_tesseract = pytest.mark.skipif(not ocr.tesseract_available(),
                                     reason="tesseract with tesseract-ocr-vie is not installed")

def seed_paragraphs() -> list[str]:
    text = unicodedata.normalize("NFC", SEED.read_text("utf-8"))
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


def gold_tasks() -> list[dict]:
    return json.loads(GOLD.read_text("utf-8"))["tasks"][:TABLE_TASKS]


def cer(got: str, want: str) -> float:
    """Character error rate over the words in reading order of lines sorted top to bottom is
    unfair to two-column blocks read in another order: compare the sorted words instead."""
    from rapidfuzz.distance import Levenshtein

    norm = lambda s: " ".join(sorted(s.replace("\u0002", "-").replace("\ufffe", "-").split()))  # noqa: E731
    return Levenshtein.distance(norm(got), norm(want)) / max(1, len(norm(want)))


SCAN = ROOT / "samples" / "scans" / "000_than_uyen_scan.pdf"


@pytest.fixture(scope="module")
def scanned():
    """The committed scan of the seed-000 rendition (samples/make_scans.py: 200 dpi grey,
    0.6° askew, noise, JPEG, no text layer) read by the PDF reader, which OCRs every page;
    the rendition's own text layer is the truth."""
    if not ocr.tesseract_available():
        pytest.skip("tesseract with tesseract-ocr-vie is not installed")
    import pypdfium2 as pdfium

    from extract.read_pdf import read_pdf_document

    pdf = pdfium.PdfDocument((ROOT / "samples" / "renditions" / "000_than_uyen.pdf").read_bytes())
    texts = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    pdf.close()
    return read_pdf_document(SCAN.read_bytes(), str(SCAN)), texts


def _page_text(doc, page: int) -> str:
    return "\n".join(ln.text for ln in doc.lines if ln.page == page)


def test_every_page_of_a_scan_is_ocrd_and_recorded(scanned):
    doc, texts = scanned
    assert doc.page_count == len(texts) == len(doc.pages)
    assert {s.text_source for s in doc.pages} == {"ocr"}
    assert all(s.ocr_mean_conf > 80 and 0.8 < s.confidence <= 1 and s.chars > 100 for s in doc.pages)
    assert any("read by OCR" in w for w in doc.warnings)


def test_prose_pages_read_with_low_character_error_rate(scanned):
    doc, texts = scanned
    table_pages = {p for t in doc.tables for p in range(t.page_start, t.page_end + 1)}
    prose = [n for n in range(1, len(texts) + 1) if n not in table_pages]
    assert len(prose) >= 3
    for n in prose:
        assert cer(_page_text(doc, n), texts[n - 1]) < 0.02, (n, cer(_page_text(doc, n), texts[n - 1]))


def test_table_pages_are_read_cell_by_cell_and_rows_are_exact(scanned):
    doc, texts = scanned
    assert len(doc.tables) == 1, "one logical table over the appendix pages"
    table = doc.tables[0]
    task_rows = grid_to_rows(table, 1)
    want = gold_tasks()
    assert [r.task_no for r in task_rows] == [t["task_no"] for t in want]
    groups = [r.group_no for r in task_rows]
    assert sum(g == t["group_no"] for g, t in zip(groups, want)) >= len(want) - 2, groups
    names = " ".join(r.text("name") or "" for r in task_rows)
    assert cer(names, " ".join(t["name"] for t in want)) < 0.02


@needs_tesseract
def test_skew_is_found_and_undone():
    page = ocr.ocr_page_image(ocr.render_page(SCAN.read_bytes(), 2), page=2)
    assert abs(page.skew_degrees + 0.6) < 0.3
    assert all(ln.raw_text and ln.bbox[2] > ln.bbox[0] for ln in page.lines)


@needs_tesseract
def test_ocr_page_image_plain_and_table_flags():
    from PIL import Image, ImageDraw, ImageFont

    font_path = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
    if not Path(font_path).exists():
        pytest.skip("DejaVu fonts are not installed")
    img = Image.new("L", (2480, 600), 255)
    draw = ImageDraw.Draw(img)
    draw.text((150, 150), "Kế hoạch chuyển đổi số năm 2026", font=ImageFont.truetype(font_path, 60), fill=0)
    page = ocr.ocr_page_image(img, table=True)
    assert page.tables == [] and page.warnings  # no grid: read as text, with a warning
    assert "chuyển đổi số" in page.text


@needs_tesseract
def test_thin_grey_rules_of_a_low_resolution_scan_still_make_the_grid():
    """Rules one pixel wide and grey (a 200-dpi scan blown up to 300): the median filter that
    cleans specks for the text would break them and merge the cells, so the grid is found on
    the page before it: three rows of four cells stay twelve cells."""
    from PIL import Image, ImageDraw

    img = Image.new("L", (2480, 900), 235)
    draw = ImageDraw.Draw(img)
    xs, ys = [200, 500, 1400, 1900, 2300], [200, 400, 600, 800]
    for y in ys:
        draw.line([(xs[0], y), (xs[-1], y)], fill=110, width=1)
    for x in xs:
        draw.line([(x, ys[0]), (x, ys[-1])], fill=110, width=1)
    page = ocr.ocr_page_image(img, table=True)
    assert len(page.tables) == 1
    cells = page.tables[0].cells
    assert (len(cells), len(cells[0])) == (3, 4) and all(c is not None for row in cells for c in row)


def test_skew_found_despite_the_scanners_dark_band_along_an_edge():
    """A phone or fax copy: the print turned by 0.8°, a black band along the bottom edge that
    is straight with the raster. The band must not pull the estimate to 0°."""
    import numpy as np
    from PIL import Image, ImageDraw

    page = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(page)
    for y in range(300, 3200, 70):  # rows of text as letter strokes
        for x in range(250, 2200, 40):
            draw.rectangle([x, y, x + 6, y + 20], fill=0)
    turned = np.asarray(page.rotate(-0.8, resample=Image.BICUBIC, fillcolor=255)).copy()
    turned[-100:, :] = 0
    assert abs(abs(ocr.estimate_skew(turned)) - 0.8) <= 0.15


def test_numerals_lost_or_misread_by_a_scan_are_the_ones_due():
    """Group rows "I", "II", "III", "IV" read as "I", "" (strokes lost), "I" and "IV": the empty
    one and the one going back between "II" and "IV" are the numerals due; a restart at "I"
    that goes on "II" is believed, as are the seeds' skip and repeat."""
    assert ocr.fix_roman_sequence(["I", "", "I", "IV"]) == ["I", "II", "III", "IV"]
    assert ocr.fix_roman_sequence(["I", "II", "III", "I", "II"]) == ["I", "II", "III", "I", "II"]
    assert ocr.fix_roman_sequence(["I", "II", "I.", "IV"]) == ["I", "II", "III", "IV"]


def test_repair_fixes_tone_marks_only_where_one_candidate_wins():
    assert ocr.repair_line("Chuyến đối số quốc gia") == "Chuyển đổi số quốc gia"
    assert ocr.repair_line("khoa học, công nghệ, đối mới sáng tạo") == "khoa học, công nghệ, đổi mới sáng tạo"
    assert ocr.repair_line("Phong Tổ chức hành chính") == "Phòng Tổ chức hành chính"
    # correct text and words without a clear winner stay as they are
    assert ocr.repair_line("đối với cơ chế, chính sách") == "đối với cơ chế, chính sách"
    assert ocr.repair_line("Bệnh viện Đa khoa Than Uyên") == "Bệnh viện Đa khoa Than Uyên"
    assert ocr.repair_line("TCHC, KH-TC-ĐD; 57-NQ/TW") == "TCHC, KH-TC-ĐD; 57-NQ/TW"


def test_task_numbers_repaired_only_where_the_count_resumes():
    assert ocr.fix_number_sequence(["48", "49", "950", "91", "92", "53", "94", "55", "56"]) == \
        [str(n) for n in range(48, 57)]
    assert ocr.fix_number_sequence(["57", "58", "53", "60"]) == ["57", "58", "59", "60"]
    # a restart per group, a real skip and an undecidable last number stay as read
    assert ocr.fix_number_sequence(["1", "2", "3", "1", "2"]) == ["1", "2", "3", "1", "2"]
    assert ocr.fix_number_sequence(["1", "2", "4", "5"]) == ["1", "2", "4", "5"]
    assert ocr.fix_number_sequence(["7", "1", "9"]) == ["7", "1", "9"]


def test_capitals_that_lost_their_marks_are_repaired_and_acronyms_stay():
    # black-and-white scans lose the small marks of capitals first
    assert ocr.repair_line("THAN UYEN") == "THAN UYÊN"
    assert ocr.repair_line("BỆNH VIỆN ĐA KHOA HOANG HOA") == "BỆNH VIỆN ĐA KHOA HOẰNG HÓA"
    assert ocr.repair_line("PHÒNG TCHC VÀ KHTH") == "PHÒNG TCHC VÀ KHTH"
    assert ocr.repair_line("UBND TỈNH") == "UBND TỈNH"


def test_roman_quarter_before_a_year_is_repaired():
    assert ocr.repair_line("Quý I1/2025") == "Quý II/2025"
    assert ocr.repair_line("quý 1V/2026") == "quý IV/2026"
    assert ocr.repair_line("Quý 11/2026") == "Quý II/2026"      # no quarter 11
    assert ocr.repair_line("Tháng 11/2026") == "Tháng 11/2026"  # a month 11 is one
    assert ocr.repair_line("Quý 1/2026") == "Quý 1/2026"        # an Arabic quarter is one


def test_roman_numeral_sequence():
    assert ocr.fix_roman_sequence(["I", "II", "IH", "IV", "Y"]) == ["I", "II", "III", "IV", "V"]
    # a missed or skipped numeral does not renumber the rest: well-formed readings are kept
    assert ocr.fix_roman_sequence(["IV", "V", "VI", "V1", "IX"]) == ["IV", "V", "VI", "VII", "IX"]
    # a repeated numeral is believed too: seed 003 prints two sections "II."
    assert ocr.fix_roman_sequence(["l", "II", "II", "IV"]) == ["I", "II", "II", "IV"]
    # a document that skips a number keeps it (the seed's appendix goes I, III, IV)
    assert ocr.fix_roman_sequence(["I", "III", "IV"]) == ["I", "III", "IV"]


@needs_tesseract
def test_mixed_pdf_reads_each_page_from_its_best_source(tmp_path):
    """Scanned first pages and an appendix with a text layer, as when a signed decision is
    scanned and its appendix attached from Word: read page by page, scored as the original."""
    import hashlib

    import pypdfium2 as pdfium

    from kehoach.batch import BatchOptions, extract_paths
    from kehoach.evaluate import evaluate
    from schemas.writer import read_table

    scan = pdfium.PdfDocument((ROOT / "samples" / "scans" / "003_hoang_hoa_scan.pdf").read_bytes())
    born = pdfium.PdfDocument((ROOT / "samples" / "renditions" / "003_hoang_hoa.pdf").read_bytes())
    mixed = pdfium.PdfDocument.new()
    mixed.import_pages(scan, [0, 1, 2, 3])
    mixed.import_pages(born, [4, 5])
    path = tmp_path / "in" / "mixed.pdf"
    path.parent.mkdir()
    mixed.save(str(path))
    extract_paths([str(path)], tmp_path / "out", BatchOptions(jobs=0))

    pages = read_table("pages", tmp_path / "out").to_pylist()
    assert [p["text_source"] for p in pages] == ["ocr"] * 4 + ["text_layer"] * 2
    assert all(p["ocr_raw_text"] for p in pages[:4]) and not any(p["ocr_raw_text"] for p in pages[4:])
    gold = json.loads((ROOT / "samples" / "gold" / "003_hoang_hoa.pdf.gold.json").read_text("utf-8"))
    gold["source_sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "mixed.gold.json").write_text(json.dumps(gold, ensure_ascii=False), "utf-8")
    report = evaluate(tmp_path / "gold", tmp_path / "out")
    f1 = {t: report.table_counts(t).f1 for t in report.fields}
    assert f1["documents"] == 1.0 and f1["legal_basis"] == 1.0, report.mismatches
    assert f1["targets"] >= 0.98 and f1["tasks"] >= 0.98, report.mismatches


def _chevron(barred: bool):
    """A ">" (or "≥") drawn as at 300 dpi: 13-pt strokes, 4 px wide, on a white page."""
    import numpy as np
    from PIL import Image, ImageDraw

    page = Image.new("L", (200, 120), 255)
    draw = ImageDraw.Draw(page)
    draw.line([(50, 30), (80, 45), (50, 60)], fill=0, width=4)
    if barred:
        draw.line([(50, 70), (80, 70)], fill=0, width=4)
    draw.text((90, 40), "90%", fill=0)
    return np.asarray(page), (48, 28, 110, 73)


def test_comparator_bar_under_a_chevron_is_seen():
    barred, bbox = _chevron(True)
    plain, _ = _chevron(False)
    assert ocr.has_bar_below(barred, bbox) and not ocr.has_bar_below(plain, bbox)
    word = ocr.OcrWord(">90%", bbox, 90.0)
    line = ocr.OcrLine(">90%", bbox, 90.0, ">90%", [word])
    assert ocr.mark_comparators(">90%", [line], barred) == "≥90%"
    assert ocr.mark_comparators(">90%", [line], plain) == ">90%"


def test_invisible_ocr_layer_over_a_page_image_is_told_from_a_text_layer():
    """A searchable scan (Tesseract's PDF: one full-page image, text in render mode 3) is an
    OCR layer; a born-digital page of the same plan is not, nor is a scan without a layer."""
    import pypdfium2 as pdfium

    from extract.pdf_sources import is_ocr_layer

    samples = Path(__file__).resolve().parent.parent / "samples"
    searchable = pdfium.PdfDocument(str(samples / "real_tools" / "syn94_scan_with_ocr_text_layer.pdf"))
    born_digital = pdfium.PdfDocument(str(samples / "real_tools" / "syn93_ttyt_lettered_groups_continuous_numbers.pdf"))
    image_only = pdfium.PdfDocument(str(samples / "scans" / "003_hoang_hoa_scan.pdf"))
    assert all(is_ocr_layer(page) for page in searchable)
    assert not any(is_ocr_layer(page) for page in born_digital)
    assert not any(is_ocr_layer(page) for page in image_only)
