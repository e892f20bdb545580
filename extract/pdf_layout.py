"""Positioned text of PDF pages (pypdfium2's text layer) → printed lines in reading order.

Chain: textpage_to_segments (pdfium's text rectangles, in display coordinates: top-down,
page rotation applied) → segments_to_rows (segments sharing a baseline) → rows_to_lines (the
two-column blocks of Nghị định 30 — header and signature — read left column, then right
column) → lines_to_furniture (running headers/footers and printed page numbers) →
lines_to_breaks (paragraph breaks from vertical gaps).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import regex

from .structure import doc_type_of_text

# A column gutter is wider than any word gap of justified text.
GUTTER = 24.0
# Running headers/footers live in this fraction of the page height from its top or bottom.
_BAND = 0.12
_PAGE_NUMBER = regex.compile(r"^(?:[-–]\s*)?(?:(?i:trang)\s+)?\d{1,3}(?:\s*[-–])?(?:\s*/\s*\d{1,3})?$")


@dataclass(frozen=True)
class Geom:
    """Maps PDF user space to display space (origin top-left, y down, /Rotate applied)."""

    left: float
    bottom: float
    right: float
    top: float
    rotation: int = 0

    @property
    def size(self) -> tuple[float, float]:
        w, h = self.right - self.left, self.top - self.bottom
        return (h, w) if self.rotation in (90, 270) else (w, h)

    def point(self, x: float, y: float) -> tuple[float, float]:
        if self.rotation == 90:
            return y - self.bottom, x - self.left
        if self.rotation == 180:
            return self.right - x, y - self.bottom
        if self.rotation == 270:
            return self.top - y, self.right - x
        return x - self.left, self.top - y

    def box(self, left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
        """(x0, top, x1, bottom) in display space of a user-space rectangle."""
        (ax, ay), (bx, by) = self.point(left, bottom), self.point(right, top)
        return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)


@dataclass(frozen=True)
class Seg:
    """A run of text on one printed line; display coordinates."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)

    @property
    def center(self) -> tuple[float, float]:
        return (self.x0 + self.x1) / 2, (self.top + self.bottom) / 2


def pdfium_text(text: str) -> str:
    """pdfium marks a hyphen it takes for a line-end soft hyphen as U+FFFE or U+0002."""
    return text.replace("\ufffe", "-").replace("\x02", "-")


def page_to_geom(page) -> Geom:
    left, bottom, right, top = page.get_cropbox()
    return Geom(left, bottom, right, top, page.get_rotation() % 360)


def _middle_band(rect: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """The rectangle's middle band: pdfium returns every character whose box touches the
    bounds, and in tight line spacing a stacked capital mark ("Ằ") or a dot below ("Ệ") of the
    next or previous line reaches into them."""
    left, bottom, right, top = rect
    inset = 0.12 * (top - bottom)  # a period sits on the baseline, about a fifth up: kept
    return left, bottom + inset, right, top - inset


def textpage_to_segments(textpage, geom: Geom) -> list[Seg]:
    """pdfium's text rectangles (one per run of a printed line) with their text."""
    segs = []
    for k in range(textpage.count_rects()):
        rect = textpage.get_rect(k)
        text = " ".join(pdfium_text(textpage.get_text_bounded(*_middle_band(rect))).split())
        if text:
            segs.append(Seg(text, *geom.box(*rect)))
    return segs


def segments_to_rows(segs: list[Seg]) -> list[list[Seg]]:
    """Segments whose vertical extents overlap by half the smaller height share a row."""
    rows: list[list[Seg]] = []
    for seg in sorted(segs, key=lambda s: (s.top, s.x0)):
        for row in rows[-3:]:
            top, bottom = min(s.top for s in row), max(s.bottom for s in row)
            overlap = min(bottom, seg.bottom) - max(top, seg.top)
            if overlap >= 0.5 * min(seg.height, bottom - top):
                row.append(seg)
                break
        else:
            rows.append([seg])
    for row in rows:
        row.sort(key=lambda s: s.x0)
    return rows


def _row_to_line(row: list[Seg]) -> Seg:
    return Seg(" ".join(s.text for s in row), min(s.x0 for s in row), min(s.top for s in row),
               max(s.x1 for s in row), max(s.bottom for s in row))


def _gutter(row: list[Seg]) -> tuple[float, float] | None:
    """(end of the left column, start of the right column) at a row's widest gap."""
    best, gutter = GUTTER, None
    for a, b in zip(row, row[1:]):
        if b.x0 - a.x1 >= best:
            best, gutter = b.x0 - a.x1, (a.x1, b.x0)
    return gutter


def _fits(row: list[Seg], gutter: tuple[float, float]) -> tuple[float, float] | None:
    """The gutter narrowed by this row's segments, or None when one of them crosses it (a
    full-width or centred line ends the two-column block)."""
    left, right = gutter
    for s in row:
        if s.x1 <= right + 2:
            left = max(left, s.x1)
        elif s.x0 >= left - 2:
            right = min(right, s.x0)
        else:
            return None
    return (left, right) if left <= right + 2 else None


def _column_run(rows: list[list[Seg]], i: int, gutter: tuple[float, float],
                floor: int) -> tuple[int, int, tuple[float, float]]:
    """Rows around row i that keep clear of the gutter between the two columns."""
    lo, hi = i, i + 1
    while hi < len(rows) and not _is_type_line(rows[hi]) and (wider := _fits(rows[hi], gutter)):
        gutter, hi = wider, hi + 1
    while lo > floor and (wider := _fits(rows[lo - 1], gutter)):
        gutter, lo = wider, lo - 1
    return lo, hi, gutter


def _is_type_line(row: list[Seg]) -> bool:
    """"QUYẾT ĐỊNH" alone on its row is the centred type line under the header, never part of
    a header column, though in monospaced text it may sit left of the columns' gutter."""
    return len(row) == 1 and doc_type_of_text(row[0].text) is not None


def rows_to_lines(rows: list[list[Seg]]) -> list[Seg]:
    """Printed lines in reading order: a two-column block is read left column first."""
    out: list[Seg] = []
    i = floor = 0
    while i < len(rows):
        gutter = _gutter(rows[i])
        if gutter is None:
            out.append(_row_to_line(rows[i]))
            i += 1
            continue
        lo, hi, gutter = _column_run(rows, i, gutter, floor)
        del out[len(out) - (i - lo):]
        for right_side in (False, True):
            for row in rows[lo:hi]:
                part = [s for s in row if (s.x1 > gutter[1] + 2) == right_side]
                if part:
                    out.append(_row_to_line(part))
        i = floor = hi
    return out


def _furniture_key(line: Seg, height: float) -> tuple[str, int, str] | None:
    if line.bottom <= _BAND * height:
        band, dist = "top", line.top
    elif line.top >= (1 - _BAND) * height:
        band, dist = "bottom", height - line.bottom
    else:
        return None
    return band, round(dist / 6), regex.sub(r"\d+", "#", line.text)


def lines_to_furniture(pages: list[list[Seg]], heights: list[float]) -> list[set[int]]:
    """Indices per page of running headers/footers (the same text, digits aside, at the same
    distance from the page edge on at least half the pages) and of printed page numbers."""
    keys = [[_furniture_key(ln, h) for ln in lines] for lines, h in zip(pages, heights)]
    counts = Counter(k for page in keys for k in set(page) if k)
    need = max(2, (len(pages) + 1) // 2)
    out = []
    for lines, page_keys in zip(pages, keys):
        drop = {i for i, k in enumerate(page_keys)
                if k and (counts[k] >= need or _PAGE_NUMBER.match(lines[i].text))}
        out.append(drop)
    return out


def lines_to_breaks(lines: list[Seg]) -> list[bool]:
    """A paragraph break precedes a line whose gap to the line above is clearly wider than the
    page's usual line gap (paragraph spacing), or that sits above the previous one (a column)."""
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:])]
    usual = sorted(g for g in gaps if g >= 0)
    typical = usual[len(usual) // 3] if usual else 0.0
    breaks = [True]
    for line, gap in zip(lines[1:], gaps):
        breaks.append(gap < -2 or gap > typical + 0.45 * line.height)
    return breaks
