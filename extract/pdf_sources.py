"""Per-page text source of a PDF: keep the text layer, convert a legacy-font layer, or OCR.

Chain: page text → page_to_verdict (text_quality.classify_page_text, fonts read only when the
text looks suspicious) → legacy pages: every printed run converted to Unicode
(normalize.legacy_vn) → empty or garbled pages: ocr_pdf once per document → OCR lines and
grids turned into the same positioned lines and table fragments a born-digital page gives, so
furniture removal, the header by position, the stitcher and every later stage run unchanged.

A mixed document (scanned pages first, an appendix with a text layer) is read page by page,
each page from its best source.
"""
from __future__ import annotations

import ctypes
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from normalize.legacy_vn import detect_legacy_encoding, to_unicode

from .model import ExtractionError, PageSource
from .pdf_layout import GUTTER, Seg, rows_to_lines, segments_to_rows
from .pdf_tables import Fragment
from .text_quality import GOOD_SCORE, MIN_CHARS, classify_page_text, vietnamese_score

# Told the number of pages about to be OCR'd, before the OCR starts: a batch worker extends
# its time limit by it (OCR costs seconds per page where the text layer costs milliseconds).
OCR_LISTENERS: list = []
# OCR'd pages under this mean word confidence (0-100) are flagged (extract.ocr.LOW_CONFIDENCE).
LOW_OCR_CONFIDENCE = 70.0
OCR_DPI = 300


@dataclass
class PdfPage:
    number: int
    height: float
    lines: list[Seg]
    fragments: list[Fragment] = field(default_factory=list)
    chars: int = 0
    source: PageSource | None = None


def page_font_names(page) -> list[str]:
    """Base font names of the page's text objects (".VnTime", "VNI-Times", "ABCDEF+Arial")."""
    import pypdfium2.raw as pdfium_c

    names = set()
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_TEXT,), max_depth=3):
        font = pdfium_c.FPDFTextObj_GetFont(obj.raw)
        if not font:
            continue
        size = pdfium_c.FPDFFont_GetBaseFontName(font, None, 0)
        if size <= 1:
            continue
        buf = ctypes.create_string_buffer(size)
        pdfium_c.FPDFFont_GetBaseFontName(font, buf, size)
        names.add(buf.value.decode("utf-8", "replace"))
    return sorted(names)


def is_ocr_layer(page) -> bool:
    """A scanned page whose text is an invisible layer some OCR software laid over the image
    (render mode 3, "GlyphLessFont" for Tesseract): the words are there, but the table's cells
    are not, its rules being pixels. Such a page reads better by our own OCR, which finds the
    grid in the image."""
    import pypdfium2.raw as pdfium_c

    area = page.get_width() * page.get_height()
    texts = invisible = 0
    covered = False
    for obj in page.get_objects(max_depth=2):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT:
            texts += 1
            invisible += pdfium_c.FPDFTextObj_GetTextRenderMode(obj.raw) == pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE
        elif obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE and not covered:
            left, bottom, right, top = obj.get_bounds()
            covered = (right - left) * (top - bottom) >= _SCAN_COVER * area
    return covered and texts > 0 and invisible >= _INVISIBLE_SHARE * texts


_SCAN_COVER = 0.8       # an image over most of the page: a scan
_INVISIBLE_SHARE = 0.9  # nearly all of its text drawn invisibly: an OCR layer


def _can_ocr() -> bool:
    from . import ocr  # Tesseract is looked for only when a page needs it

    return ocr.tesseract_available()


def _page_text(page: PdfPage) -> str:
    cells = [ln for f in page.fragments for row in f.rows for cell in row if cell for ln in cell]
    return "\n".join([s.text for s in page.lines] + cells)


def page_to_verdict(page: PdfPage, pdf_page: Callable[[], object]) -> tuple[str, float, list[str]]:
    """(kind, confidence, fonts): fonts are read only when the text does not plainly read as
    Vietnamese: most pages cost one cached syllable scoring, not a walk over every text object."""
    if page.chars and is_ocr_layer(pdf_page()) and _can_ocr():
        return "ocr_layer", 0.0, []  # without Tesseract the layer is the best there is
    text = _page_text(page)
    score = vietnamese_score(text)
    if score >= GOOD_SCORE and _nonspace(text) >= MIN_CHARS:
        # legacy bytes read as Latin-1 score 0.2-0.4: a page this good needs no other reading
        return "text_layer", score, []
    kind, conf = classify_page_text(text)
    fonts = page_font_names(pdf_page()) if kind != "empty" else []
    if fonts:
        kind, conf = classify_page_text(text, fonts)
    return kind, conf, fonts


def convert_legacy_page(page: PdfPage, fonts: list[str]) -> PdfPage:
    """Every printed run of a TCVN3/VNI/VISCII page in Unicode; positions unchanged."""
    enc = detect_legacy_encoding(_page_text(page), fonts)
    convert = lambda s: to_unicode(s, enc)  # noqa: E731
    page.lines = [replace(s, text=convert(s.text)) for s in page.lines]
    for frag in page.fragments:
        frag.rows = [[None if cell is None else [convert(ln) for ln in cell] for cell in row] for row in frag.rows]
    text = _page_text(page)
    page.source = PageSource(page.number, "legacy_converted", round(vietnamese_score(text), 4),
                             _nonspace(text), encoding=enc)
    return page


def _nonspace(text: str) -> int:
    return sum(1 for ch in text if not ch.isspace())


# ------------------------------------------------------------------ OCR pages

def ocr_jobs() -> int:
    """Pages OCR'd at once: KEHOACH_OCR_JOBS, else the number of cores (Tesseract is one
    process per page with OMP_THREAD_LIMIT=1)."""
    value = os.environ.get("KEHOACH_OCR_JOBS")
    return max(1, int(value)) if value and value.isdigit() else max(1, os.cpu_count() or 1)


def ocr_to_page(ocr_page, height_pt: float) -> PdfPage:
    """An extract.ocr.OcrPage (pixels at 300 dpi) as positioned lines and table fragments in
    PDF points, like a born-digital page."""
    k = 72.0 / ocr_page.dpi
    segs = [Seg(text, x0 * k, top * k, x1 * k, bottom * k)
            for ln in ocr_page.lines for text, (x0, top, x1, bottom) in ocr_line_to_runs(ln, ocr_page.dpi)]
    frags = [_ocr_table_to_fragment(t, ocr_page.page, k) for t in ocr_page.tables]
    conf = ocr_page.mean_confidence
    warnings = tuple(ocr_page.warnings)
    page = PdfPage(ocr_page.page, height_pt, rows_to_lines(segments_to_rows(segs)), [f for f in frags if f.rows])
    text = _page_text(page)
    page.chars = _nonspace(text)
    page.source = PageSource(page.number, "ocr", round(conf / 100, 4), page.chars, conf, None, warnings,
                             raw_text=ocr_raw_text(ocr_page))
    return page


def ocr_raw_text(ocr_page) -> str:
    """The page as Tesseract read it, top to bottom, table cells row by row: what the repairs
    (tone marks, numerals, task numbers) started from, for a reviewer to compare."""
    items = [(ln.bbox[1], ln.bbox[0], ln.raw_text) for ln in ocr_page.lines]
    items += [(c.bbox[1], c.bbox[0], c.raw_text) for t in ocr_page.tables for row in t.cells
              for c in row if c is not None and c.raw_text]
    return "\n".join(text for _, _, text in sorted(items))


def ocr_line_to_runs(line, dpi: int) -> list[tuple[str, tuple]]:
    """An OCR line split where a column gutter separates its words: Tesseract may read the
    left and right columns of the header or signature block as one line ("Nơi nhận: GIÁM
    ĐỐC"); split, they are placed by position like a born-digital page's text runs."""
    words = line.words
    tokens = line.text.split()
    if len(tokens) != len(words):  # the repair changed the token count: keep the raw words
        tokens = [w.text for w in words]
    if not words:
        return [(line.text, line.bbox)]
    gutter = GUTTER * dpi / 72
    runs, start = [], 0
    for i in range(1, len(words) + 1):
        if i == len(words) or words[i].bbox[0] - words[i - 1].bbox[2] > gutter:
            group = words[start:i]
            box = (min(w.bbox[0] for w in group), min(w.bbox[1] for w in group),
                   max(w.bbox[2] for w in group), max(w.bbox[3] for w in group))
            runs.append((" ".join(tokens[start:i]), box))
            start = i
    return runs


def _ocr_table_to_fragment(table, page: int, k: float) -> Fragment:
    width = len(table.cells[0]) if table.cells else 0
    lefts = {}
    for row in table.cells:
        for c in row:
            if c is not None:
                lefts.setdefault(c.col, c.bbox[0])
    xs, last = [], table.bbox[0]
    for col in range(width):  # a column covered by merges in every row: its left is unknown
        last = lefts.get(col, last)
        xs.append(last)
    cols = [x * k for x in xs] + [table.bbox[2] * k]
    rows = [[None if c is None else [ln for ln in c.text.split("\n") if ln.strip()] for c in row]
            for row in table.cells]
    return Fragment(page, table.bbox[1] * k, table.bbox[3] * k, cols, rows)


def ocr_into_pages(pages: list[PdfPage], wanted: list[int], data: bytes) -> None:
    """Replace the pages numbered in `wanted` by their OCR reading (in place)."""
    from . import ocr

    if not _can_ocr():
        _without_ocr(pages, wanted)
        return
    for listener in OCR_LISTENERS:
        listener(len(wanted))
    by_number = {p.number: i for i, p in enumerate(pages)}
    for ocr_page in ocr.ocr_pdf(data, wanted, jobs=ocr_jobs()):
        i = by_number[ocr_page.page]
        pages[i] = ocr_to_page(ocr_page, pages[i].height)
    unread = [p.number for p in pages if p.chars < MIN_CHARS]
    if len(unread) * 2 > len(pages):
        raise ExtractionError("no_text_layer",
                              f"{len(unread)} of {len(pages)} pages carry no text: no text layer, and OCR "
                              "found no printed text on them (blank or photographed pages?).")


def _without_ocr(pages: list[PdfPage], wanted: list[int]) -> None:
    """Tesseract missing: a scan is an error; a few unreadable pages in a born-digital file are
    kept as they are, each with a warning."""
    if len(wanted) * 2 > len(pages):
        raise ExtractionError("no_text_layer",
                              f"{len(wanted)} of {len(pages)} pages carry no usable text layer (a scan?) "
                              "and Tesseract with Vietnamese (tesseract-ocr-vie) is not installed.")
    for n in wanted:
        page = pages[n - 1]
        page.source = PageSource(n, "text_layer", 0.0, page.chars,
                                 warnings=(f"page {n} has no usable text layer and OCR is not installed",))


def sources_summary(sources: list[PageSource]) -> list[str]:
    """Document warnings: which pages were OCR'd or converted, and which OCR pages to check."""
    out = []
    ocr_pages = [s for s in sources if s.text_source == "ocr"]
    if ocr_pages:
        mean = sum(s.ocr_mean_conf or 0 for s in ocr_pages) / len(ocr_pages)
        out.append(f"text source: {len(ocr_pages)} of {len(sources)} page(s) read by OCR "
                   f"({_ranges([s.page for s in ocr_pages])}; mean word confidence {mean:.0f})")
        low = [s.page for s in ocr_pages if (s.ocr_mean_conf or 0) < LOW_OCR_CONFIDENCE]
        if low:
            out.append(f"low OCR confidence on page(s) {_ranges(low)}: check the values read there")
    out += [w for s in sources if s.text_source == "text_layer" for w in s.warnings]
    legacy = [s for s in sources if s.text_source == "legacy_converted"]
    if legacy:
        encodings = sorted({s.encoding or "?" for s in legacy})
        out.append(f"text source: legacy font encoding {'/'.join(encodings)} converted on "
                   f"{len(legacy)} of {len(sources)} page(s) ({_ranges([s.page for s in legacy])})")
    return out


def _ranges(numbers: list[int]) -> str:
    parts, start = [], None
    for n, nxt in zip(numbers, numbers[1:] + [None]):
        start = n if start is None else start
        if nxt != n + 1:
            parts.append(f"{start}" if start == n else f"{start}-{n}")
            start = None
    return "pages " + ", ".join(parts) if len(numbers) > 1 else f"page {numbers[0]}"
