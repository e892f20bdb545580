"""Tables of PDF pages: pypdfium2 drawing paths → pdfplumber's table geometry → cells filled
with pypdfium2 characters → fragments on consecutive pages stitched into logical tables.

pdfplumber's `TableFinder` (snap/join edges, intersections, cells, tables) runs on a light page
object holding the ruling edges and words read through pypdfium2, so no page goes through
pdfminer's slow interpreter. Chain: page_to_edges → edges_to_tables (lines strategy; text
strategy when a page shows a "TT" header but no rules) → table_to_fragment (cell texts, one
entry per printed line) → fragments_to_groups (stitching, repeated headers dropped).
"""
from __future__ import annotations

import ctypes
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

import pypdfium2.raw as pdfium_c
import regex

from normalize.text import fold

from .pdf_layout import Geom, Seg, pdfium_text

_LINES = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
_TT_HEADER = regex.compile(r"^(?:S[ốo]\s*)?S?TT\b")


# A character is a one-letter run: text and box in display space, like a line's Seg.
Char = Seg


@dataclass
class Fragment:
    """One page's piece of a table: per cell its printed lines, None where a merge covers it."""

    page: int
    top: float
    bottom: float
    cols: list[float]
    rows: list[list[list[str] | None]]
    at_top: bool = False
    ruled: bool = True  # False: columns inferred from the text (pdf_borderless), less exact
    # per row, the columns a cell of a row above covers by a vertical merge (empty: none known)
    merged_above: list[frozenset[int]] = field(default_factory=list)


class _GeometryPage:
    """What pdfplumber's TableFinder reads from a page with the lines strategy: edges, bbox."""

    def __init__(self, edges: list[dict], size: tuple[float, float]):
        self.edges, self.bbox = edges, (0, 0, size[0], size[1])

    def extract_words(self, **_settings) -> list[dict]:
        return []  # the lines strategy needs no words; tables without rules: pdf_borderless


def textpage_to_chars(textpage, geom: Geom) -> list[Char]:
    """Every character with its box (pdfium's C call directly: thousands per table page)."""
    n = textpage.count_chars()
    text = pdfium_text(textpage.get_text_range())
    if len(text) != n:  # characters outside the BMP: index one by one
        text = "".join(pdfium_text(textpage.get_text_range(i, 1)) or " " for i in range(n))
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    get_box, raw = pdfium_c.FPDFText_GetCharBox, textpage.raw
    upright = geom.rotation == 0
    chars = []
    for i, ch in enumerate(text):
        if ch in "\r\n" or not get_box(raw, i, left, right, bottom, top):
            continue
        if upright:
            chars.append(Char(ch, left.value - geom.left, geom.top - top.value,
                              right.value - geom.left, geom.top - bottom.value))
        else:
            chars.append(Char(ch, *geom.box(left.value, bottom.value, right.value, top.value)))
    return without_watermark_chars(chars)


# A letter this many times taller than the page's usual letter is a watermark's ("DỰ THẢO"
# set in 80 pt behind 13-pt text), never print of the plan: headings are 1.5× at most.
WATERMARK_RATIO = 3.0


def without_watermark_chars(chars: list[Char]) -> list[Char]:
    heights = sorted(c.bottom - c.top for c in chars if c.text.isalnum())
    if not heights:
        return chars
    limit = WATERMARK_RATIO * heights[len(heights) // 2]
    if heights[-1] <= limit:
        return chars
    return [c for c in chars if not (c.text.strip() and c.bottom - c.top > limit)]


def page_path_count(page) -> int:
    """Drawing paths (and forms that may hold some) at the top level of the page: cheap, no
    geometry read."""
    kinds = (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM)
    objects = (pdfium_c.FPDFPage_GetObject(page.raw, i) for i in range(pdfium_c.FPDFPage_CountObjects(page.raw)))
    return sum(1 for obj in objects if pdfium_c.FPDFPageObj_GetType(obj) in kinds)


def segments_show_tt_header(segs: list[Seg]) -> bool:
    return any(_TT_HEADER.match(s.text) for s in segs)


# ------------------------------------------------------------------ edges

def _path_points(obj) -> list[tuple[int, float, float, bool]]:
    x, y = ctypes.c_float(), ctypes.c_float()
    out = []
    for k in range(pdfium_c.FPDFPath_CountSegments(obj.raw)):
        seg = pdfium_c.FPDFPath_GetPathSegment(obj.raw, k)
        pdfium_c.FPDFPathSegment_GetPoint(seg, x, y)
        out.append((pdfium_c.FPDFPathSegment_GetType(seg), x.value, y.value,
                    bool(pdfium_c.FPDFPathSegment_GetClose(seg))))
    return out


def _segment_to_edge(a: tuple[float, float], b: tuple[float, float]) -> dict | None:
    (ax, ay), (bx, by) = a, b
    x0, x1, top, bottom = min(ax, bx), max(ax, bx), min(ay, by), max(ay, by)
    if bottom - top < 1.0 and x1 - x0 >= 1.0:
        mid = (top + bottom) / 2
        return {"x0": x0, "x1": x1, "top": mid, "bottom": mid, "width": x1 - x0, "height": 0,
                "orientation": "h", "object_type": "line"}
    if x1 - x0 < 1.0 and bottom - top >= 1.0:
        mid = (x0 + x1) / 2
        return {"x0": mid, "x1": mid, "top": top, "bottom": bottom, "width": 0, "height": bottom - top,
                "orientation": "v", "object_type": "line"}
    return None


def path_to_edges(points, matrix, geom: Geom) -> list[dict]:
    """Straight horizontal/vertical pieces of a path (rectangles give their four sides)."""
    edges, start, current = [], None, None
    for kind, x, y, close in points:
        p = geom.point(*matrix.on_point(x, y))
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = current = p
            continue
        if kind == pdfium_c.FPDF_SEGMENT_LINETO and current is not None:
            edges.append(_segment_to_edge(current, p))
        current = p
        if close and start is not None:
            edges.append(_segment_to_edge(current, start))
            current = start
    return [e for e in edges if e]


def page_to_edges(page, geom: Geom) -> list[dict]:
    import pypdfium2 as pdfium
    edges: list[dict] = []
    forms = {0: pdfium.PdfMatrix()}
    for obj in page.get_objects(max_depth=4):
        matrix = obj.get_matrix().multiply(forms.get(obj.level, pdfium.PdfMatrix()))
        if obj.type == pdfium_c.FPDF_PAGEOBJ_FORM:
            forms[obj.level + 1] = matrix
        elif obj.type == pdfium_c.FPDF_PAGEOBJ_PATH:
            edges.extend(path_to_edges(_path_points(obj), matrix, geom))
    return edges


# ------------------------------------------------------------------ tables

def edges_to_tables(edges: list[dict], size: tuple[float, float], settings: dict) -> list:
    from pdfplumber.table import TableFinder
    finder = TableFinder(_GeometryPage(edges, size), settings)
    return [t for t in finder.tables if len(t.rows) >= 2 and len(t.rows[0].cells) >= 2]


def _cell_lines(chars: list[Char]) -> list[str]:
    """Printed lines of one cell: characters in text order; a character lying wholly below
    (or above) the current line's extent opens a new line."""
    lines: list[list[Char]] = []
    top = bottom = 0.0
    for ch in chars:
        if ch.text.isspace():
            if lines:
                lines[-1].append(ch)
            continue
        if not lines or ch.top >= bottom - 0.5 or ch.bottom <= top + 0.5:
            lines.append([ch])
            top, bottom = ch.top, ch.bottom
        else:
            lines[-1].append(ch)
            top, bottom = min(top, ch.top), max(bottom, ch.bottom)
    return [t for t in (" ".join("".join(c.text for c in ln).split()) for ln in lines) if t]


def table_to_fragment(table, chars: list[Char], page: int) -> Fragment:
    """Cell texts of a pdfplumber table: every character goes to the cell holding its centre."""
    by_y = sorted(range(len(chars)), key=lambda i: chars[i].center[1])
    ys = [chars[i].center[1] for i in by_y]
    rows, merged, lowest = [], [], {}  # lowest: per column, the bottom of its last cell
    for row in table.rows:
        cells = []
        top = row.bbox[1]
        merged.append(frozenset(c for c, bbox in enumerate(row.cells)
                                if bbox is None and lowest.get(c, top) > top + 1))
        for c, bbox in enumerate(row.cells):
            if bbox is None:
                cells.append(None)
                continue
            lowest[c] = bbox[3]
            x0, top, x1, bottom = bbox
            inside = sorted(i for i in by_y[bisect_left(ys, top):bisect_right(ys, bottom)]
                            if x0 <= (chars[i].x0 + chars[i].x1) / 2 <= x1)
            cells.append(_cell_lines([chars[i] for i in inside]))
        rows.append(cells)
    xs = sorted({c[0] for c in table.cells}) + [table.bbox[2]]
    return Fragment(page, table.bbox[1], table.bbox[3], xs, rows, merged_above=merged)


# ------------------------------------------------------------------ stitching

def _row_key(row: list[list[str] | None]) -> tuple:
    return tuple(" ".join(fold(" ".join(c)).split()) if c is not None else None for c in row)


def _same_columns(a: Fragment, b: Fragment) -> bool:
    if len(a.cols) != len(b.cols):
        return False
    tol = max(4.0, 0.01 * (a.cols[-1] - a.cols[0]))
    if not (a.ruled and b.ruled):
        # gutters found in each page's text move with its words, and the outer edges are
        # where the longest line of each page ends: only the inner boundaries tell
        tol = max(15.0, 0.04 * (a.cols[-1] - a.cols[0]))
        return all(abs(x - y) <= tol for x, y in zip(a.cols[1:-1], b.cols[1:-1]))
    return all(abs(x - y) <= tol for x, y in zip(a.cols, b.cols))


def _same_row(a: list, b: list) -> bool:
    """Equal rows; OCR'd pages read the same header a little differently on each page, so
    nearly equal (95 %) counts too."""
    from rapidfuzz.fuzz import ratio

    ka, kb = _row_key(a), _row_key(b)
    return ka == kb or ratio(" | ".join(map(str, ka)), " | ".join(map(str, kb))) >= 95


def _drop_repeated_header(first: Fragment, frag: Fragment) -> None:
    """Leading rows of a continuation equal to the first fragment's leading rows."""
    k = 0
    while k < min(3, len(frag.rows), len(first.rows)) and _same_row(frag.rows[k], first.rows[k]):
        k += 1
    del frag.rows[:k]
    del frag.merged_above[:k]


def _same_header(first: Fragment, frag: Fragment) -> bool:
    """A borderless table's columns move with each page's words, but the header it repeats
    on the next page is the same: the same number of columns under the same labels."""
    return not (first.ruled or frag.ruled) and len(first.cols) == len(frag.cols) \
        and bool(first.rows and frag.rows) and _same_row(first.rows[0], frag.rows[0])


def fragments_to_groups(frags: list[Fragment]) -> list[list[Fragment]]:
    """One group per logical table: a fragment opening the next page with the same columns
    continues the table above it."""
    groups: list[list[Fragment]] = []
    for frag in sorted(frags, key=lambda f: (f.page, f.top)):
        last = groups[-1][-1] if groups else None
        if last and frag.page == last.page + 1 and frag.at_top and (
                _same_columns(last, frag) or _same_header(groups[-1][0], frag)):
            _drop_repeated_header(groups[-1][0], frag)
            groups[-1].append(frag)
        else:
            groups.append([frag])
    return groups
