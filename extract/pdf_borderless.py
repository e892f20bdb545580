"""Tables printed without rules: columns anchored on the header's words, one row per line.

Chain: chars → chars_to_line_words (words split at spaces and wide gaps, a line kept whole
although its stacked marks move a letter's box) → the "TT" header word → header band (the
header's cells are centred vertically, so their words start above and end below "TT") →
header_to_columns (clusters of header words; boundaries halfway between clusters) → body
lines → one fragment row per printed line, every word in the column that holds its centre.
A line with an empty TT cell continues the row above (extract.table_grids.grid_to_rows merges it),
which is exactly how a multi-line cell prints.
"""
from __future__ import annotations

from functools import lru_cache

import regex

from normalize.text import fold

from .pdf_layout import Seg
from .pdf_tables import Char, Fragment

_TT = regex.compile(r"^(?:S[ốo]\s*)?S?TT\.?$")
# Header rows above "TT" are at most this many line heights above it (a centred three-line
# cell, "Thời gian / hoàn / thành", starts two lines above "TT").
HEADER_RISE = 4.5
# Two header words this many line heights apart or more belong to different columns.
COLUMN_GAP = 0.9
MIN_COLUMNS = 3


# A word is a Seg of pdf_layout: text and its box in display space.
Word = Seg


def chars_to_line_words(chars: list[Char]) -> list[Word]:
    """Words in reading order; a letter whose marks make its box taller stays in its word."""
    words: list[Word] = []
    current: list[Char] = []

    def flush():
        if current:
            words.append(Word("".join(c.text for c in current), current[0].x0, min(c.top for c in current),
                              current[-1].x1, max(c.bottom for c in current)))
            current.clear()

    for ch in chars:
        if ch.text.isspace():
            flush()
            continue
        if current:
            last = current[-1]
            overlaps = ch.top < last.bottom and ch.bottom > last.top
            gap = ch.x0 - last.x1
            if not overlaps or gap > 0.6 * (last.bottom - last.top) or gap < -2:
                flush()
        current.append(ch)
    flush()
    return words


def words_to_lines(words: list[Word]) -> list[list[Word]]:
    """Printed lines: words whose vertical extents overlap by half share a line."""
    lines: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.top + w.bottom) / 2):
        line = lines[-1] if lines else None
        if line:
            top, bottom = min(x.top for x in line), max(x.bottom for x in line)
            if min(bottom, w.bottom) - max(top, w.top) >= 0.5 * min(w.height, bottom - top):
                line.append(w)
                continue
        lines.append([w])
    return [sorted(line, key=lambda w: w.x0) for line in lines]


def _clusters(words: list[Word], gap: float) -> list[list[float]]:
    """[x0, x1] runs of words closer than `gap` to each other."""
    out: list[list[float]] = []
    for w in sorted(words, key=lambda w: w.x0):
        if out and w.x0 - out[-1][1] < gap:
            out[-1][1] = max(out[-1][1], w.x1)
        else:
            out.append([w.x0, w.x1])
    return out


def header_to_columns(header: list[Word], body: list[Word], tt: Word) -> list[float] | None:
    """Column boundaries (x): one between each two header clusters, placed in the widest
    vertical strip no word crosses (the gutter: body text is left-aligned, the header is
    centred, so the midpoint between header words would cut body words off their column)."""
    heads = _clusters(header, COLUMN_GAP * tt.height)
    if len(heads) < MIN_COLUMNS:
        return None
    covered = _clusters(header + body, 0.0)
    gutters = [(a[1], b[0]) for a, b in zip(covered, covered[1:])]
    inner = []
    for a, b in zip(heads, heads[1:]):
        between = [g for g in gutters if (a[0] + a[1]) / 2 < (g[0] + g[1]) / 2 < (b[0] + b[1]) / 2]
        best = max(between, key=lambda g: g[1] - g[0], default=None)
        inner.append((best[0] + best[1]) / 2 if best else (a[1] + b[0]) / 2)
    return [float("-inf"), *inner, float("inf")]


def gutters_to_columns(header: list[Word], body: list[Word], tt: Word) -> list[float] | None:
    """Column boundaries of a monospaced table (text laid out with spaces, "pdftotext
    -layout"), whose header labels of neighbouring columns may stand close together.

    A boundary is a vertical strip no header word crosses, with header words on both sides,
    that the rows cross least: pdftotext pushes a word too long for its cell one column over
    ("… theo đúng tiến Phòng KH-TC-"), so a gutter may be crossed by a few lines (section
    titles span columns and are left out). Of two strips with no header word between them the
    one fewer lines cross wins, then the wider. The boundary is the strip's right edge: cells
    are left-aligned, so a column's words start there and a pushed word starts before it.
    """
    rows = [ln for ln in words_to_lines(body) if not (_SECTION.fullmatch(ln[0].text) and len(ln) > 1)]
    strips = _sparse_strips(header, rows, max(1, len(rows) // 5))
    labels = words_to_lines(header)
    kept: list[tuple[float, float, int]] = []
    for strip in strips:
        if any(_parts_label(ln, strip, COLUMN_GAP * tt.height) for ln in labels):
            continue  # "Kết quả/sản phẩm": a word space inside one label
        if kept and not any(kept[-1][1] <= (w.x0 + w.x1) / 2 <= strip[0] for w in header):
            if (strip[2], kept[-1][1] - kept[-1][0]) < (kept[-1][2], strip[1] - strip[0]):
                kept[-1] = strip
            continue
        kept.append(strip)
    if len(kept) + 1 < MIN_COLUMNS:
        return None
    return [float("-inf"), *[b - 0.01 for _, b, _ in kept], float("inf")]


def _parts_label(line: list[Word], strip: tuple[float, float, int], gap: float) -> bool:
    """Does the strip fall in a word space of one header line (its neighbours closer than
    gap)?"""
    left = [w for w in line if w.x1 <= strip[0]]
    right = [w for w in line if w.x0 >= strip[1]]
    return bool(left and right) and right[0].x0 - left[-1].x1 < gap


def _sparse_strips(header: list[Word], rows: list[list[Word]], tolerance: int) -> list[tuple[float, float, int]]:
    """(x0, x1, lines crossing) of the strips between the header's ends that no header word
    and at most `tolerance` row lines cross; neighbouring pieces crossed as often are one."""
    left, right = min(w.x0 for w in header), max(w.x1 for w in header)
    words = header + [w for ln in rows for w in ln]
    edges = sorted({x for w in words for x in (w.x0, w.x1) if left <= x <= right} | {left, right})
    strips: list[tuple[float, float, int]] = []
    for a, b in zip(edges, edges[1:]):
        mid = (a + b) / 2
        if any(w.x0 < mid < w.x1 for w in header):
            continue
        crossed = sum(1 for ln in rows if any(w.x0 < mid < w.x1 for w in ln))
        if crossed > tolerance:
            continue
        if strips and strips[-1][1] == a and strips[-1][2] == crossed:
            strips[-1] = (strips[-1][0], b, crossed)
        else:
            strips.append((a, b, crossed))
    return strips


@lru_cache(maxsize=1)
def _header_words() -> frozenset[str]:
    """Every word of the table vocabulary's column names (normalize/data/table_headers.yaml)."""
    from .table_headers import header_vocab

    return frozenset(w for phrase, _ in header_vocab()["phrases"] for w in regex.findall(r"\w+", phrase))


def _header_end(lines: list[list[Word]], body_start: int, tt: Word) -> int:
    """The header's last line + 1: below the "TT" line, a line is still the header when its
    words are column-name words; otherwise it continues a row cut by the page break (on a
    continuation page it prints between the repeated header and the next numbered row)."""
    end = next(i for i, ln in enumerate(lines) if tt in ln) + 1
    while end < body_start:
        words = [fold(w.text).strip(",.:;()/") for w in lines[end]]
        if sum(w in _header_words() for w in words) < 0.8 * len(words):
            break
        end += 1
    return end


def _table_lines(lines: list[list[Word]], header: list[Word], tt: Word) -> list[list[Word]]:
    """Body lines up to the first prose line under the table: one run of words without a
    column gap, across most of the table's width (a signature, a note, "Nơi nhận")."""
    left, right = min(w.x0 for w in header), max(w.x1 for w in header)
    for i, ln in enumerate(lines):
        runs = _clusters(ln, COLUMN_GAP * tt.height)
        if i and len(runs) == 1 and runs[0][1] - runs[0][0] > 0.6 * (right - left):
            return lines[:i]
    return lines


def _line_to_row(line: list[Word], bounds: list[float], anchor=lambda w: w.center[0]) -> list[list[str] | None]:
    """One printed line as a row; a section line ("IV" and its title) is a cell merged over
    the columns after TT, as a ruled table prints it: its title may run under them."""
    n = len(bounds) - 1
    if _column(line[0].center[0], bounds) == 0 and _SECTION.fullmatch(line[0].text) and len(line) > 1:
        return [[line[0].text], [" ".join(w.text for w in line[1:])]] + [None] * (n - 2)
    return [[t] if (t := " ".join(w.text for w in line if _column(anchor(w), bounds) == k)) else []
            for k in range(n)]


_SECTION = regex.compile(r"[IVXLC]+\.?")


def _column(x: float, bounds: list[float]) -> int:
    return next(k for k in range(len(bounds) - 1) if bounds[k] <= x < bounds[k + 1])


def chars_to_borderless_fragment(chars: list[Char], page: int, above: float,
                                 monospaced: bool = False) -> Fragment | None:
    """The table under the first "TT" word below `above` (the last prose line's bottom).
    Monospaced text (laid out with spaces) takes its columns from the gutters and puts a
    word in the column where it starts (gutters_to_columns)."""
    words = [w for w in chars_to_line_words(chars) if w.top >= above]
    tts = [w for w in words if _TT.match(w.text)]
    if not tts:
        return None
    tt = min(tts, key=lambda w: w.top)
    lines = words_to_lines(words)
    body_start = next((i for i, ln in enumerate(lines)
                       if ln[0].top > tt.bottom and ln[0].x1 <= tt.x1 + tt.height
                       and regex.fullmatch(r"[\dIVXLC]+[.)]?", ln[0].text)), None)
    if body_start is None:
        return None
    band_top = max(above, tt.top - HEADER_RISE * tt.height)
    header_end = _header_end(lines, body_start, tt)
    # a page number printed above the repeated header is no label
    header = [w for ln in lines[:header_end] for w in ln
              if w.top >= band_top and not (len(ln) == 1 and w.text.isdigit() and w.bottom < tt.top)]
    lines = lines[:header_end] + _table_lines(lines[header_end:], header, tt)
    body_start = header_end
    columns = gutters_to_columns if monospaced else header_to_columns
    bounds = columns(header, [w for ln in lines[body_start:] for w in ln], tt)
    if bounds is None:
        return None
    n = len(bounds) - 1
    head_row: list[list[str]] = [[] for _ in range(n)]
    for ln in words_to_lines(header):
        for k in range(n):
            text = " ".join(w.text for w in ln if _column(w.center[0], bounds) == k)
            if text:
                head_row[k].append(text)
    anchor = (lambda w: w.x0) if monospaced else (lambda w: w.center[0])
    rows = [head_row] + [_line_to_row(ln, bounds, anchor) for ln in lines[body_start:]]
    top = min(w.top for w in header)
    bottom = max(w.bottom for ln in lines[body_start:] for w in ln)
    left = min(w.x0 for ln in lines[body_start:] for w in ln)
    right = max(w.x1 for ln in lines[body_start:] for w in ln)
    cols = [left, *bounds[1:-1], right]
    return Fragment(page, top - 1, bottom + 1, cols, rows, ruled=False)


def chars_to_continued_fragment(chars: list[Char], page: int, above: Fragment) -> Fragment | None:
    """A borderless table going on at the top of the next page without its header (Word
    repeats a header only when told to): the page's first lines, in the columns of the page
    before, up to the first prose line. Only lines that sit in the table's columns count: a
    page that opens with prose or a heading has no continuation."""
    words = chars_to_line_words(chars)
    lines = [ln for ln in words_to_lines(words) if not _page_number(ln)]
    if not lines or not _in_columns(lines[0], above):
        return None
    height = sorted(w.height for ln in lines for w in ln)[len(lines) // 2]
    span = [Word("", above.cols[0], 0, above.cols[-1], 0)]
    body = _table_lines(lines, span, Word("", 0, 0, 0, height))
    bounds = [float("-inf"), *above.cols[1:-1], float("inf")]
    rows = [_line_to_row(ln, bounds) for ln in body]
    top = min(w.top for w in body[0])
    bottom = max(w.bottom for ln in body for w in ln)
    return Fragment(page, top - 1, bottom + 1, list(above.cols), rows, ruled=False)


def _page_number(line: list[Word]) -> bool:
    return len(line) == 1 and line[0].text.strip("-– ").isdigit()


def _in_columns(line: list[Word], above: Fragment) -> bool:
    """A table line: within the table's width, its words in two columns or more, or a row
    number alone in the TT column."""
    left, right = above.cols[0], above.cols[-1]
    width = right - left
    if min(w.x0 for w in line) < left - 0.05 * width or max(w.x1 for w in line) > right + 0.05 * width:
        return False
    bounds = [float("-inf"), *above.cols[1:-1], float("inf")]
    used = {_column(w.center[0], bounds) for w in line}
    return len(used) >= 2 or (used == {0} and regex.fullmatch(r"[\dIVXLC]+[.)]?", line[0].text) is not None)
