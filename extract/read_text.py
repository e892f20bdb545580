"""Plain-text reader: bytes → decoded, normalized Document with physical lines and pages.

Chain: bytes_to_str → str_to_normalized (NFC, look-alikes) → normalized_to_view (markup
blanked, same length) → view_to_lines (offsets, pages, paragraph breaks); pipe-delimited rows
(markdown tables of web copies, " | " rows of Word copies) and grid tables drawn with "+---+"
borders (pandoc's plain text of a Word file) → text_to_grids (GridTable).
"""
from __future__ import annotations

import bisect
import codecs
import dataclasses
import hashlib
from functools import lru_cache

import regex

from normalize.text import fold, normalize_text

from normalize.legacy_vn import ENCODINGS as LEGACY_ENCODINGS, decode_legacy_bytes

from .model import Document, ExtractionError, GridCell, GridTable, Line
from .read_layout_text import looks_laid_out, read_laid_out_document
from .text_quality import vietnamese_score
from .vocab import layout_vocab

# Bytes that never occur in a text document; a few are tolerated (stray form feeds are pages).
_CONTROL = regex.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_REPEATED_HEADER_START = regex.compile(r"(?i)^(?:s[ốo]\s*)?s?tt(?:\s|$)")
_PAGE_NUMBER = regex.compile(r"^\s*-?\s*(\d{1,3})\s*-?\s*$")
_PAGE_LABEL = r"^(?:{words})\s*(\d{{1,3}})(?:\s*/\s*(\d{{1,3}}))?$"
# Web copies carry markdown and the cell bars of the header table; blank them (same length).
# A quote marker ">" is markup; "> 90%" opening a value cell is a comparator.
_MARKUP = regex.compile(r"\*\*|__|^\s*#{1,6}(?=\s)|^\s*>(?!\s*\d)|\|", regex.M)
# A single "*" of *italics* touches a word; a lone "*" (the Party header's star, a bullet
# "* item", a footnote "(*)") does not, and stays.
_EMPHASIS = regex.compile(r"(?<=[\p{L}\p{N}.,:;!?)])\*+|\*+(?=[\p{L}\p{N}(])")
# HTML kept by a copy from a web page: tags that break a line inside a table cell or a
# paragraph become a line break, other inline tags and entities blanks (same length).
_LINE_TAG = regex.compile(r"<\s*/?\s*(?:br|p|div|tr|li|h[1-6])\b[^<>\n]{0,80}>", regex.I)
_INLINE_TAG = regex.compile(
    r"<\s*/?\s*(?:b|i|u|em|strong|span|font|sup|sub|a|td|th|table|tbody|thead|center)\b[^<>\n]{0,200}>",
    regex.I)
_ENTITY = regex.compile(r"&(?:nbsp|amp|lt|gt|quot|apos|#\d{2,5});", regex.I)
_ENTITY_CHAR = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'"}
# Cell bars of a table row: "| a | b |" (markdown) or "a | b | c" (Word copies).
_PIPE_SPLIT = regex.compile(r"\|")
_RULE_ROW = regex.compile(r"^[\s|:\-–+=]*-[\s|:\-–+=]*$")
# The border between two rows of a grid table ("+-----+------+", "+=====+" under the header).
_GRID_BORDER = regex.compile(r"^[ \t]*\+(?:[-=:]+\+){2,}[ \t]*$", regex.M)


def bytes_to_str(data: bytes) -> tuple[str, str]:
    """Decode with the encoding the bytes declare or fit; returns (text, encoding)."""
    if not data:
        raise ExtractionError("empty", "The file is empty (0 bytes).")
    if data.startswith(codecs.BOM_UTF8):
        return _decode(data[len(codecs.BOM_UTF8):], "utf-8"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode(data, "utf-16"), "utf-16"
    if b"\x00" in data[:4096]:
        raise ExtractionError("unsupported_format",
                              "The file contains NUL bytes: it is binary, not a text document.")
    try:
        return _reject_binary(data.decode("utf-8"), "utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Windows-1258 is the legacy Vietnamese code page; it leaves a few bytes undefined.
    return _decode(data, "cp1258"), "cp1258"


def _legacy_fallback(data: bytes, decoded: str, encoding: str) -> tuple[str, str]:
    """A file saved in TCVN3 (ABC), VNI or VISCII is no UTF-8 and decodes as cp1258 into
    gibberish: when that text does not read as Vietnamese and a legacy reading does, take the
    legacy reading (normalize.legacy_vn). UTF-8 and UTF-16 files are never second-guessed."""
    if encoding != "cp1258" or vietnamese_score(decoded[:20000]) >= 0.6:
        return decoded, encoding
    legacy = decode_legacy_bytes(data)
    return (legacy[0], legacy[1]) if legacy else (decoded, encoding)


def _decode(data: bytes, encoding: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ExtractionError(
            "undecodable",
            f"The text is neither UTF-8, UTF-16 nor Windows-1258 (byte {exc.start} does not decode).",
        ) from exc
    return _reject_binary(text, encoding)


def _reject_binary(text: str, encoding: str) -> str:
    controls = len(_CONTROL.findall(text))
    if controls > max(8, len(text) // 200):
        raise ExtractionError("undecodable",
                              f"The text decodes as {encoding} but holds {controls} control characters: "
                              "it is binary or in an unknown encoding.")
    return text


def normalized_to_view(text: str) -> str:
    """Blank markdown, HTML and table bars so parsers see words only; offsets stay valid (every
    replacement has the length of what it replaces)."""
    text = _LINE_TAG.sub(lambda m: "\n" + " " * (len(m.group(0)) - 1), text)
    text = _INLINE_TAG.sub(lambda m: " " * len(m.group(0)), text)
    text = _ENTITY.sub(_entity_blank, text)
    text = _EMPHASIS.sub(lambda m: " " * len(m.group(0)), text)  # before "**": "***Nơi nhận:***"
    text = _GRID_BORDER.sub(lambda m: " " * len(m.group(0)), text)
    return _MARKUP.sub(lambda m: " " * len(m.group(0)), text)


def _entity_blank(m: regex.Match) -> str:
    """"&amp;" → "&" and four blanks; "&nbsp;" and numeric entities → blanks."""
    raw = m.group(0)
    char = _ENTITY_CHAR.get(raw.lower())
    if char is None and raw[1] == "#":
        code = int(raw[2:-1])
        char = chr(code) if 32 < code < 0x110000 and code != 160 else None
    return (char or " ") + " " * (len(raw) - 1)


# ---------------------------------------------------------------- pipe tables

def _pipe_cells(text: str, start: int) -> list[tuple[int, int]] | None:
    """[start, end) of every cell of a pipe-delimited row, or None when the line is not one.
    A markdown row opens and closes with a bar; a Word row has bars between cells only (an
    empty last cell leaves a bar at the end)."""
    stripped = text.strip()
    bars = [m.start() for m in _PIPE_SPLIT.finditer(text)]
    if not bars or (len(bars) < 2 and not stripped.startswith("|")):
        return None
    lead = len(text) - len(text.lstrip())
    edges = [lead - 1] + bars + [len(text.rstrip())]
    spans = [(a + 1, b) for a, b in zip(edges, edges[1:])]
    if stripped.startswith("|"):
        spans = spans[1:]
        if stripped.endswith("|") and len(stripped) > 1:
            spans = spans[:-1]
    if len(spans) < 2:
        return None
    return [(start + a, start + b) for a, b in spans]


def _cell(view: str, a: int, b: int, page_at) -> GridCell:
    """A cell's printed lines (a <br> is a line break in the view), trimmed; its span covers
    the words only."""
    chunk = view[a:b]
    lines = [ln.strip() for ln in chunk.split("\n") if ln.strip()]
    if not lines:
        return GridCell("", a, a, page_at(a))
    first = a + len(chunk) - len(chunk.lstrip())
    last = a + len(chunk.rstrip())
    return GridCell("\n".join(lines), first, last, page_at(first))


def text_to_grids(text: str, view: str, page_at) -> list[GridTable]:
    """Runs of two or more consecutive pipe-delimited rows of the document text are tables; a
    rule row ("|---|---|") is dropped, short rows are padded with empty cells. So are runs of
    tab-separated rows (a Word table saved as text), when a row of the run has three cells:
    two columns joined by one tab are the header's or the signature's."""
    raw_lines = text.split("\n") + [""]
    grids, in_grid = grid_lines_to_grids(raw_lines, view, page_at)
    for cells_of in (_pipe_cells, _tab_cells):
        run: list[list[tuple[int, int]]] = []
        offset = 0
        for n, raw in enumerate(raw_lines):
            spans = None if n in in_grid else cells_of(raw, offset)
            if cells_of is _tab_cells and raw.strip() and not _ROW_NUMBER_CELL.match(raw.strip()) \
                    and _goes_on_in_this_line(run, spans):
                _row_goes_on(run[-1], spans or [(offset + len(raw) - len(raw.lstrip()), offset + len(raw.rstrip()))])
            elif spans is not None and not _RULE_ROW.match(raw):
                run.append(spans)
            elif spans is None or not raw.strip():
                rows = [[_cell(view, a, b, page_at) for a, b in r] for r in run]
                _close_run(rows, grids, min_cells=3 if cells_of is _tab_cells else 2)
                run = []
            offset += len(raw) + 1
    return sorted(grids, key=lambda g: g.rows[0][0].start)


def grid_lines_to_grids(raw_lines: list[str], view: str, page_at) -> tuple[list[GridTable], set[int]]:
    """Grid tables ("+---+---+" borders between rows, "|" between cells): a cell is the slice
    of its column in every line between two borders; the column edges are the border's "+".
    Returns the tables and the numbers of the lines they cover."""
    grids: list[GridTable] = []
    covered: set[int] = set()
    starts = _line_starts(raw_lines)
    n = 0
    while n < len(raw_lines):
        if not _GRID_BORDER.match(raw_lines[n]):
            n += 1
            continue
        joints = [k for k, ch in enumerate(raw_lines[n]) if ch == "+"]
        rows, end = _grid_rows(raw_lines, n, joints, starts)
        if len(rows) >= 2:
            cells = [[_grid_cell(view, frags, page_at) for frags in row] for row in rows]
            grids.append(GridTable(cells, cells[0][0].page, cells[-1][-1].page))
            covered.update(range(n, end))
        n = max(end, n + 1)
    return grids, covered


def _line_starts(raw_lines: list[str]) -> list[int]:
    starts, offset = [], 0
    for raw in raw_lines:
        starts.append(offset)
        offset += len(raw) + 1
    return starts


def _grid_rows(raw_lines: list[str], first: int, joints: list[int], starts: list[int]):
    """The rows of the grid table whose first border is raw_lines[first]: per row, per column,
    the [start, end) of the column's slice in each of the row's lines. Ends at the first line
    that is neither a border nor a "|" line."""
    rows: list[list[list[tuple[int, int]]]] = []
    current: list[list[tuple[int, int]]] | None = None
    n = first + 1
    while n < len(raw_lines):
        raw = raw_lines[n]
        if _GRID_BORDER.match(raw):
            if current is not None:
                rows.append(current)
            current = None
        elif raw.strip().startswith("|") and len(raw.rstrip()) >= joints[-1]:
            current = current or [[(starts[n] + a + 1, starts[n] + a + 1)] for a in joints[:-1]]
            for c, (a, b) in enumerate(zip(joints, joints[1:])):
                piece = raw[a + 1:b]
                if piece.strip():
                    lead = len(piece) - len(piece.lstrip())
                    at = starts[n] + a + 1 + lead
                    current[c].append((at, at + len(piece.strip())))
        else:
            break
        n += 1
    return rows, n


def _grid_cell(view: str, slices: list[tuple[int, int]], page_at) -> GridCell:
    """A grid cell's lines, one per printed line; its span runs from its first word to its
    last (the other columns' words of the same lines lie between). slices[0] is an empty
    anchor where the cell opens, for a cell without words."""
    anchor, fragments = slices[0], slices[1:]
    if not fragments:
        return GridCell("", anchor[0], anchor[0], page_at(anchor[0]))
    text = "\n".join(view[a:b].strip() for a, b in fragments)
    first, last = fragments[0][0], fragments[-1][1]
    return GridCell(text, first, last, page_at(first))


# A line opening with a row's number ("16⇥…", "IV⇥…") opens a row; it never goes on with one.
_ROW_NUMBER_CELL = regex.compile(r"(?:\d{1,3}(?:\.\d{1,2})*|[IVXLC]{1,5}|[A-Z])[.)]?(?:\t|$)")


def _goes_on_in_this_line(run: list[list[tuple[int, int]]], spans: list[tuple[int, int]] | None) -> bool:
    """Word copies a table row by row with tabs between cells, but a cell of several
    paragraphs breaks its row: the next paragraph opens a new line and the row's other cells
    follow it ("1⇥Tập huấn …⇥Phòng KHTH" / "Tổ CNTT⇥Danh sách …⇥Quý II/2026"). A line goes on
    with the row above while that row has fewer cells than the table's widest and the line's
    cells fit into what it lacks."""
    if len(run) < 2:
        return False
    width = max(len(r) for r in run)
    pieces = len(spans) if spans else 1
    return len(run[-1]) < width and len(run[-1]) + pieces - 1 <= width


def _row_goes_on(row: list[tuple[int, int]], spans: list[tuple[int, int]]) -> None:
    """The line's first piece ends the row's last cell (its next paragraph); the rest are the
    row's next cells."""
    row[-1] = (row[-1][0], spans[0][1])
    row.extend(spans[1:])


def _tab_cells(text: str, start: int) -> list[tuple[int, int]] | None:
    """[start, end) of every cell of a tab-separated row (a cell may be empty)."""
    if "\t" not in text.strip() or "|" in text:
        return None
    lead = len(text) - len(text.lstrip(" "))
    edges = [lead - 1] + [i for i, ch in enumerate(text) if ch == "\t" and i >= lead] + [len(text.rstrip(" "))]
    spans = [(a + 1, max(a + 1, b)) for a, b in zip(edges, edges[1:])]
    return [(start + a, start + b) for a, b in spans]


def _close_run(run: list[list[GridCell]], grids: list[GridTable], min_cells: int = 2) -> None:
    if len(run) < 2 or max(len(r) for r in run) < min_cells:
        return
    width = max(len(r) for r in run)
    rows = [r + [GridCell("", r[-1].end, r[-1].end, r[-1].page)] * (width - len(r)) for r in run]
    grids.append(GridTable(rows, rows[0][0].page, rows[-1][-1].page))


def _layout_blank_lines(raw_lines: list[str]) -> bool:
    """True when the extractor put an empty line after every physical line (the seeds do):
    then only a line holding spaces marks a real empty paragraph."""
    empty = sum(1 for ln in raw_lines if ln == "")
    filled = sum(1 for ln in raw_lines if ln.strip())
    return filled > 0 and empty >= 0.6 * filled


def view_to_lines(view: str) -> tuple[list[Line], int, list[tuple[int, int]]]:
    """Physical lines with offsets and pages; printed page numbers are dropped (their spans
    come back as the third item)."""
    raw = view.split("\n")
    layout_blanks = _layout_blank_lines(raw)
    lines: list[Line] = []
    page_numbers: list[tuple[int, int]] = []
    tables_seen = False  # past a table header, a lone number may be a row's TT cell
    page, offset, pending_break = 1, 0, False
    for i, raw_line in enumerate(raw):
        line_start = offset
        offset += len(raw_line) + 1
        for k, chunk in enumerate(raw_line.split("\f")):
            if k:
                page += 1
                pending_break = True
            chunk_start = line_start + sum(len(c) + 1 for c in raw_line.split("\f")[:k])
            stripped = chunk.strip()
            if not stripped:
                if chunk or not layout_blanks:
                    pending_break = True
                continue
            lead = len(chunk) - len(chunk.lstrip())
            start = chunk_start + lead
            # "TT Nội dung …", or its label broken by a narrow column ("T" / "T Nội dung …")
            tables_seen = tables_seen or bool(_REPEATED_HEADER_START.match(stripped)) or (
                bool(lines) and _opens_broken_header(lines[-1].text, stripped))
            labelled = _page_label(stripped, page)
            if labelled:
                page = labelled  # a footer names its own page, a header the next one
                page_numbers.append((start, start + len(stripped)))
                continue
            number = _page_number(stripped, page, raw, i, layout_blanks, tables_seen)
            if number:
                page = number  # not a paragraph break: a sentence runs on over a page break
                page_numbers.append((start, start + len(stripped)))
                continue
            lines.append(Line(stripped, start, start + len(stripped), page, pending_break))
            pending_break = False
    running = _running_lines(lines, page_numbers)
    furniture = sorted(page_numbers + [(lines[n].start, lines[n].end) for n in running])
    kept = [ln for n, ln in enumerate(lines) if n not in running]
    return _runs_on_over_pages(kept, furniture), page, furniture


def _runs_on_over_pages(lines: list[Line], furniture: list[tuple[int, int]]) -> list[Line]:
    """A line in lower case right after page furniture goes on with the sentence the page
    broke ("… thuộc thẩm quyền của Sở Y tế được" / footer / "2" / "tiếp nhận và …"): the
    empty line printed under the page number is no paragraph break."""
    starts = [a for a, _ in furniture]
    out = list(lines)
    for n in range(1, len(out)):
        ln = out[n]
        at = bisect.bisect_right(starts, out[n - 1].end)
        if ln.break_before and ln.text[:1].islower() and at < len(starts) and starts[at] < ln.start:
            out[n] = dataclasses.replace(ln, break_before=False)
    return out


def _running_lines(lines: list[Line], page_numbers: list[tuple[int, int]]) -> set[int]:
    """Indexes of a running footer or header: a line printed again and again, at least twice
    next to a page number ("Sở Y tế tỉnh Hưng Yên - Chuyển đổi số y tế năm 2026" / "2") or
    last in the document. A table header printed again on a new page is not furniture: the
    table reader needs it."""
    starts = sorted(a for a, _ in page_numbers)
    if not starts:
        return set()
    by_text: dict[str, list[int]] = {}
    for n, ln in enumerate(lines):
        if len(ln.text) >= 12 and not _REPEATED_HEADER_START.match(ln.text) and \
                not (n and _opens_broken_header(lines[n - 1].text, ln.text)):
            by_text.setdefault(ln.text, []).append(n)
    running: set[int] = set()
    for ns in by_text.values():
        if len(ns) >= 2 and sum(_next_to_page_number(lines, n, starts) for n in ns) >= 2:
            running.update(ns)
    # a page number right after a running footer, even where the numbering restarts (an
    # appendix numbered on its own)
    running.update(n + 1 for n in list(running) if n + 1 < len(lines) and _PAGE_NUMBER.match(lines[n + 1].text))
    return running


def _opens_broken_header(before: str, text: str) -> bool:
    """"T" / "T Nhiệm vụ …", "ST" / "T Nội dung …", "Số" / "TT …": a table header whose first
    label a narrow column broke over two lines."""
    return len(before) <= 3 and bool(_REPEATED_HEADER_START.match(before + text)
                                      or _REPEATED_HEADER_START.match(f"{before} {text}"))


def _next_to_page_number(lines: list[Line], n: int, starts: list[int]) -> bool:
    """No other line between this one and a page number, before or after it (or it ends the
    document)."""
    at = bisect.bisect_left(starts, lines[n].start)
    after = starts[at] if at < len(starts) else None
    before = starts[at - 1] if at else None
    if n + 1 == len(lines) or (after is not None and lines[n + 1].start > after):
        return True
    return before is not None and n > 0 and lines[n - 1].start < before


def _page_label(stripped: str, page: int) -> int | None:
    """"Trang 5/8" at the foot of page 5 (or "Trang 6" at the head of page 6): the page the
    next line is on, or None when the line is no page label. A label without the page count
    must name this page or the next; one with it ("5/8") is a label wherever it stands."""
    m = _page_label_re().match(fold(stripped))
    if not m or (m.group(2) and int(m.group(1)) > int(m.group(2))):
        return None
    number = int(m.group(1))
    if number == page + 1:
        return number  # printed at the head of its page
    return number + 1 if number == page or m.group(2) else None


@lru_cache(maxsize=1)
def _page_label_re() -> regex.Pattern:
    words = "|".join(regex.escape(w) for w in layout_vocab()["page_label_words"])
    return regex.compile(_PAGE_LABEL.format(words=words))


def _page_number(stripped: str, page: int, raw: list[str], i: int, layout_blanks: bool,
                 tables_seen: bool) -> int | None:
    """The page a lone printed number starts, or None when it is no page number. A number equal
    to the next page, followed by an empty paragraph, is one (Nghị định 30 prints them at the
    top of every page but the first); so is one before any table, where no row number can
    stand alone."""
    m = _PAGE_NUMBER.match(stripped)
    number = int(m.group(1)) if m else None
    if number not in (page + 1, page + 2):
        return None
    following = raw[i + 1:i + 4]
    if layout_blanks and any(ln and not ln.strip() for ln in following):
        return number  # the page after a page printed without its number qualifies too
    if number != page + 1:
        return None
    if not layout_blanks and bool(following) and not following[0].strip() and not tables_seen:
        return number  # past a table header a lone number over an empty line may be a row's TT
    return number if not tables_seen or _interrupts_text(raw, i) else None


def _interrupts_text(raw: list[str], i: int) -> bool:
    """A lone number between two pieces of one sentence ("… Nghị quyết số 57-" / "2" /
    "NQ/TW và …", "… ít nhất 01 sáng" / "3" / "kiến …") or right before a table header
    printed again on a new page: the page's number, not a table's row number (a row
    number is followed by its task, which opens with a capital)."""
    before = next((ln.strip() for ln in reversed(raw[max(0, i - 4):i]) if ln.strip()), "")
    after = next((ln.strip() for ln in raw[i + 1:i + 5] if ln.strip()), "")
    if not before or not after:
        return False
    if _REPEATED_HEADER_START.match(after):
        return True
    mid_sentence = before[-1] not in ".:;!?)”\"" and (after[0].islower() or before.endswith("-"))
    return mid_sentence


def read_text_document(data: bytes, source_path: str) -> Document:
    decoded, encoding = bytes_to_str(data)
    decoded, encoding = _legacy_fallback(data, decoded, encoding)
    warnings = [] if encoding.startswith("utf") else [f"decoded as {encoding}"]
    if looks_laid_out(decoded):
        doc = read_laid_out_document(decoded, data, source_path)
        doc.warnings += warnings
        return doc
    text = normalize_text(decoded)
    view = normalized_to_view(text)
    lines, pages, page_numbers = view_to_lines(view)
    if not lines:
        raise ExtractionError("empty", "The file holds only white space.")
    sha = hashlib.sha256(data).hexdigest()
    doc = Document(doc_id=sha[:16], source_path=source_path, source_sha256=sha,
                   source_format="text", text=text, lines=lines, page_count=pages,
                   warnings=warnings, furniture=page_numbers)
    doc.tables = text_to_grids(text, view, doc.page_at)
    if encoding in LEGACY_ENCODINGS:
        doc.pages = doc.page_sources("legacy_converted", encoding, vietnamese_score)
    return doc
