"""PDF reader: pypdfium2's text layer for every page, table geometry only where a table may be.

Chain: bytes_to_pdf (errors → codes) → page_to_parts (positioned prose lines, table fragments)
→ furniture removed (running headers/footers, page numbers) → fragments stitched into one
GridTable per logical table → parts_to_document (one normalized text: prose lines and table
cells row by row, each written once, every offset real).

Rows cut by a page break are not merged here: the continuation arrives as a row with an empty
TT cell and extract.table_grids.grid_to_rows merges it (its text stays on the page it is printed on).
"""
from __future__ import annotations

import hashlib

from normalize.text import normalize_text

from .model import Document, ExtractionError, GridCell, GridTable, Line, PageSource
from .pdf_layout import (Seg, lines_to_breaks, lines_to_furniture, page_to_geom, rows_to_lines,
                         segments_to_rows, textpage_to_segments)
from .pdf_tables import (WATERMARK_RATIO, Fragment, edges_to_tables, fragments_to_groups, page_path_count,
                         page_to_edges, segments_show_tt_header, table_to_fragment, textpage_to_chars,
                         _LINES)
from .pdf_borderless import chars_to_borderless_fragment, chars_to_continued_fragment
from .pdf_sources import (PdfPage as _Page, convert_legacy_page, ocr_into_pages, page_to_verdict,
                          sources_summary)

MAX_PAGES = 500
# A page with fewer printable characters than this carries no usable text layer.
MIN_CHARS_PER_PAGE = 20
# Fewer drawing paths than this cannot rule a table (a header underline, a logo).
MIN_TABLE_PATHS = 6


def bytes_to_pdf(data: bytes):
    import pypdfium2 as pdfium
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if exc.err_code in (pdfium.raw.FPDF_ERR_PASSWORD, pdfium.raw.FPDF_ERR_SECURITY):
            raise ExtractionError("encrypted", "The PDF is password-protected; kehoach cannot open it.") from exc
        raise ExtractionError("corrupt_pdf", f"The PDF cannot be parsed: {exc}") from exc
    if len(pdf) > MAX_PAGES:
        n = len(pdf)
        pdf.close()
        raise ExtractionError("too_large", f"The PDF has {n} pages; the limit is {MAX_PAGES}.")
    return pdf


def _page_fragments(page, textpage, geom, segs: list[Seg], number: int,
                    carried: Fragment | None = None) -> list[Fragment]:
    """Ruled tables (lines strategy); the text strategy under a "TT" header when no rules;
    a borderless table of the page before going on without its header (`carried`)."""
    tt_header = segments_show_tt_header(segs)
    if carried is not None and not tt_header and page_path_count(page) < MIN_TABLE_PATHS:
        frag = chars_to_continued_fragment(textpage_to_chars(textpage, geom), number, carried)
        return [frag] if frag else []
    if page_path_count(page) < MIN_TABLE_PATHS and not tt_header:
        return []
    chars = textpage_to_chars(textpage, geom)
    tables = edges_to_tables(page_to_edges(page, geom), geom.size, _LINES)
    if not tables and tt_header:
        # no rules: columns from the header's words (pdfplumber's text strategy split words
        # and cut 5 columns into 12 on the renditions printed without borders)
        frag = chars_to_borderless_fragment(chars, number, prose_bottom_above_tt(segs))
        return [frag] if frag else []
    return [table_to_fragment(t, chars, number) for t in tables]


def prose_bottom_above_tt(segs: list[Seg]) -> float:
    """Bottom of the last long prose line above the "TT" header: the table starts below it."""
    tt_top = min(s.top for s in segs if segments_show_tt_header([s]))
    prose = [s.bottom for s in segs if s.bottom < tt_top - 1 and len(s.text) > 40]
    return max(prose, default=0.0)


def segments_without_watermark(segs: list[Seg], textpage, geom) -> list[Seg]:
    """A page under a watermark ("DỰ THẢO" in huge letters behind the text): pdfium's runs
    of text take its letters in ("ký số Ự và"); each run is rebuilt from its own characters
    without them. A page without one (most) is left as it is, at no cost."""
    heights = sorted(s.height for s in segs)
    if not heights or heights[-1] <= WATERMARK_RATIO * heights[len(heights) // 2]:
        return segs
    chars = textpage_to_chars(textpage, geom)  # watermark letters already left out
    out = []
    for seg in segs:
        if seg.height > WATERMARK_RATIO * heights[len(heights) // 2]:
            continue  # the watermark's own run
        inside = [c.text for c in chars if seg.x0 - 0.5 <= c.center[0] <= seg.x1 + 0.5
                  and seg.top <= c.center[1] <= seg.bottom]
        text = " ".join("".join(inside).split())
        if text:
            out.append(Seg(text, seg.x0, seg.top, seg.x1, seg.bottom))
    return out


def _table_going_on(page: _Page) -> Fragment | None:
    """The page's last table when it is borderless and nothing but a page number follows it:
    it may go on at the top of the next page without repeating its header."""
    if not page.fragments or page.fragments[-1].ruled:
        return None
    last = page.fragments[-1]
    after = [ln for ln in page.lines if ln.top > last.bottom and not ln.text.strip("-– ").isdigit()]
    return None if after else last


def outside_fragments(seg: Seg, frags: list[Fragment]) -> bool:
    x, y = seg.center
    return not any(f.cols[0] - 1 <= x <= f.cols[-1] + 1 and f.top - 1 <= y <= f.bottom + 1 for f in frags)


def page_to_parts(page, number: int, carried: Fragment | None = None) -> _Page:
    geom = page_to_geom(page)
    textpage = page.get_textpage()
    try:
        segs = segments_without_watermark(textpage_to_segments(textpage, geom), textpage, geom)
        frags = _page_fragments(page, textpage, geom, segs, number, carried)
    finally:
        textpage.close()
    prose = [s for s in segs if outside_fragments(s, frags)]
    lines = rows_to_lines(segments_to_rows(prose))
    return _Page(number, geom.size[1], lines, frags, sum(len(s.text) - s.text.count(" ") for s in segs))


def pages_to_sources(pages: list[_Page], pdf, data: bytes) -> list[_Page]:
    """Each page from its best source: its text layer, the layer converted from a legacy font
    encoding, or OCR when the layer is absent or garbled (extract.pdf_sources)."""
    if not pages:
        raise ExtractionError("no_text_layer", "The PDF has no pages.")
    wanted = []
    for i, page in enumerate(pages):
        kind, conf, fonts = page_to_verdict(page, lambda i=i: pdf[i])
        if kind == "legacy":
            pages[i] = convert_legacy_page(page, fonts)
        elif kind in ("empty", "garbled", "ocr_layer"):
            wanted.append(page.number)
        else:
            page.source = PageSource(page.number, "text_layer", conf, page.chars)
    if wanted:
        ocr_into_pages(pages, wanted, data)
    return pages


def drop_furniture(pages: list[_Page]) -> None:
    drops = lines_to_furniture([p.lines for p in pages], [p.height for p in pages])
    for page, drop in zip(pages, drops):
        page.lines = [ln for i, ln in enumerate(page.lines) if i not in drop]
        for frag in page.fragments:
            frag.at_top = not any(ln.bottom <= frag.top + 1 for ln in page.lines)


# ------------------------------------------------------------------ document text

class _Writer:
    """Appends normalized printed lines to the document text, one per text line."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.lines: list[Line] = []

    def line(self, text: str, page: int, brk: bool) -> Line | None:
        text = normalize_text(text).strip()
        if not text:
            return None
        sep = ("\n\n" if brk else "\n") if self.parts else ""
        start = self.pos + len(sep)
        self.parts += [sep, text]
        self.pos = start + len(text)
        line = Line(text, start, self.pos, page, brk)
        self.lines.append(line)
        return line

    def cell(self, printed: list[str], page: int, first: bool) -> GridCell:
        written = [ln for k, t in enumerate(printed) if (ln := self.line(t, page, first and k == 0))]
        if not written:
            return GridCell("", self.pos, self.pos, page)
        return GridCell("\n".join(ln.text for ln in written), written[0].start, written[-1].end, page)


def _write_table(writer: _Writer, group: list[Fragment]) -> GridTable:
    rows: list[list[GridCell | None]] = []
    for i, frag in enumerate(group):
        cut = _merges_cut_by_page(group[i - 1]) if i else frozenset()
        for r, row in enumerate(frag.rows):
            merged = frag.merged_above[r] if r < len(frag.merged_above) else frozenset()
            if cut and _printed(row[0]):  # the first numbered row of the page: the merge goes on
                merged, cut = merged | {c for c in cut if c < len(row) and not _printed(row[c])}, frozenset()
            rows.append([_merged_cell(rows, c) if c in merged and not _printed(cell)
                         else None if cell is None else writer.cell(cell, frag.page, not rows and c == 0)
                         for c, cell in enumerate(row)])
    return GridTable(rows, group[0].page, group[-1].page)


def _printed(cell: list[str] | None) -> bool:
    return bool(cell) and any(t.strip() for t in cell)


def _merges_cut_by_page(frag: Fragment) -> frozenset[int]:
    """Columns whose cell a vertical merge carried down to the last row of the page: Word draws
    the rest of that cell as empty boxes on the next page, yet it still serves those rows."""
    return frozenset(c for c in frag.merged_above[-1] if c > 0) if frag.merged_above else frozenset()


def _merged_cell(rows: list[list[GridCell | None]], c: int) -> GridCell | None:
    """A unit, product or deadline merged down the rows it serves belongs to each of them (as a
    Word file's w:vMerge does); a merged number cell (one task over two rows) is not repeated.
    The empty box of a row cut by the page break is passed over: the merged text is above it."""
    if c == 0:
        return None
    for above in reversed(rows):
        cell = above[c] if c < len(above) else None
        rest_of_cut_row = above[0] is not None and not above[0].text
        if not (rest_of_cut_row and cell is not None and not cell.text):
            return cell
    return None


def _write_page(writer: _Writer, page: _Page, starts: list[list[Fragment]], tables: list[GridTable]) -> None:
    breaks = lines_to_breaks(page.lines)
    pending = sorted(starts, key=lambda g: g[0].top)
    for k, (line, brk) in enumerate(zip(page.lines, breaks)):
        while pending and pending[0][0].top <= line.top:
            tables.append(_write_table(writer, pending.pop(0)))
        if k == 0 and page.number > 1:
            brk = not line.text[:1].islower()  # a paragraph may run on from the page before
        writer.line(line.text, page.number, brk)
    for group in pending:
        tables.append(_write_table(writer, group))


def parts_to_document(pages: list[_Page], data: bytes, source_path: str,
                      source_format: str = "pdf") -> Document:
    groups = fragments_to_groups([f for p in pages for f in p.fragments])
    starts: dict[int, list[list[Fragment]]] = {}
    for group in groups:
        starts.setdefault(group[0].page, []).append(group)
    writer, tables = _Writer(), []
    for page in pages:
        _write_page(writer, page, starts.get(page.number, []), tables)
    sha = hashlib.sha256(data).hexdigest()
    return Document(doc_id=sha[:16], source_path=source_path, source_sha256=sha, source_format=source_format,
                    text="".join(writer.parts), lines=writer.lines, page_count=len(pages),
                    tables=[t for t in tables if t.rows])


def read_pdf_document(data: bytes, source_path: str) -> Document:
    pdf = bytes_to_pdf(data)
    try:
        pages = []
        for i in range(len(pdf)):
            pages.append(page_to_parts(pdf[i], i + 1, _table_going_on(pages[-1]) if pages else None))
    except ExtractionError:
        pdf.close()
        raise
    except Exception as exc:  # pdfium or a broken page object
        pdf.close()
        raise ExtractionError("corrupt_pdf", f"A page of the PDF cannot be read: {type(exc).__name__}: {exc}") from exc
    try:
        pages = pages_to_sources(pages, pdf, data)
    finally:
        pdf.close()
    drop_furniture(pages)
    doc = parts_to_document(pages, data, source_path)
    doc.pages = [p.source for p in pages]
    doc.warnings += sources_summary(doc.pages)
    return doc
