"""Text laid out with spaces ("pdftotext -layout", a viewer's "save as text"): every printed
line keeps its place on the page, so the spaces say where the columns are.

Such text is read the way a PDF page is. Each character gets a box on a monospaced grid, and
the PDF reader's chain does the rest: prose lines in reading order (a two-column header block
read column after column), running headers and page numbers dropped, a table under a "TT"
header cut into columns at the gutters no word crosses, one document text with every cell
written once.

Chain: looks_laid_out → text_to_pages (form feeds are pages) → page_text_to_part →
read_pdf.drop_furniture → read_pdf.parts_to_document.
"""
from __future__ import annotations

import regex

from normalize.text import normalize_text

from .model import Document, ExtractionError
from .pdf_borderless import chars_to_borderless_fragment
from .pdf_layout import Seg, rows_to_lines, segments_to_rows
from .pdf_sources import PdfPage
from .pdf_tables import segments_show_tt_header
from .read_pdf import drop_furniture, outside_fragments, parts_to_document, prose_bottom_above_tt

# The grid, in PDF points: the PDF reader's distances (a 24 pt gutter between two header
# columns, a word gap of 0.6 line heights) keep their meaning on it. One space is a 6 pt
# gap, below a word gap; four spaces are a column gutter.
CHAR_WIDTH = 6.0
LINE_PITCH = 13.0
CHAR_HEIGHT = 11.0

# Laid-out text indents most lines (centred titles, the body's left margin) and puts runs of
# three or more spaces between the columns of many; flattened text (the seeds) does neither.
MIN_INDENTED_SHARE = 0.3
MIN_GAPPED_SHARE = 0.08
MIN_LINES = 20

_INDENT = regex.compile(r"^ {4,}\S")
_COLUMN_GAP = regex.compile(r"\S {3,}\S")
_RUN = regex.compile(r"\S+(?: \S+)*")   # text between runs of two or more spaces


def looks_laid_out(text: str) -> bool:
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if len(lines) < MIN_LINES:
        return False
    indented = sum(1 for ln in lines if _INDENT.match(ln)) / len(lines)
    gapped = sum(1 for ln in lines if _COLUMN_GAP.search(ln)) / len(lines)
    return indented >= MIN_INDENTED_SHARE and gapped >= MIN_GAPPED_SHARE


def line_to_boxes(line: str, top: float) -> tuple[list[Seg], list[Seg]]:
    """(runs, characters) of one printed line with their boxes; a run is text between gaps of
    two or more spaces. Spaces inside a run are characters too: they part its words."""
    runs, chars = [], []
    for m in _RUN.finditer(line):
        runs.append(Seg(m.group(), m.start() * CHAR_WIDTH, top, m.end() * CHAR_WIDTH, top + CHAR_HEIGHT))
        chars += [Seg(ch, k * CHAR_WIDTH, top, (k + 1) * CHAR_WIDTH, top + CHAR_HEIGHT)
                  for k, ch in enumerate(m.group(), m.start())]
    return runs, chars


def page_text_to_part(page_text: str, number: int) -> PdfPage:
    runs, chars = [], []
    lines = page_text.split("\n")
    for y, line in enumerate(lines):
        r, c = line_to_boxes(line.rstrip(), y * LINE_PITCH)
        runs += r
        chars += c
    frags = []
    if segments_show_tt_header(runs):
        frag = chars_to_borderless_fragment(chars, number, prose_bottom_above_tt(runs), monospaced=True)
        frags = [frag] if frag else []
    prose = [s for s in runs if outside_fragments(s, frags)]
    printed = sum(1 for ch in chars if not ch.text.isspace())
    return PdfPage(number, len(lines) * LINE_PITCH, rows_to_lines(segments_to_rows(prose)), frags, printed)


def text_to_pages(text: str) -> list[PdfPage]:
    """One page per form feed (pdftotext ends every page with one); tabs expand to the
    8-column stops a terminal shows."""
    pages = [normalize_text(p).expandtabs(8) for p in text.split("\f")]
    while pages and not pages[-1].strip():
        pages.pop()
    return [page_text_to_part(p, n) for n, p in enumerate(pages, 1)]


def read_laid_out_document(text: str, data: bytes, source_path: str) -> Document:
    pages = text_to_pages(text)
    if not any(p.lines or p.fragments for p in pages):
        raise ExtractionError("empty", "The file holds only white space.")
    drop_furniture(pages)
    return parts_to_document(pages, data, source_path, source_format="text")
