"""Rows of a table read from layout (a PDF's ruled grid, a DOCX table, OCR cells): the header's
roles from its labels, section and group rows, rows continued over a page break.
"""
from __future__ import annotations

import regex

from normalize.text import fold, join_lines, squash_spaces

from .model import Line
from .table_headers import cell_label_role, header_text_to_roles, name_from_first_quantity, names_first_unit_lead
from .tables import (_GROUP_ROW, _ROW_START, Cell, TableRow, _numbered_group, _opens_with_tt_label, _starts_row,
                     group_title_of, heading_group_before, is_period_group, named_group, roman_value)


def _cell_text(cell) -> str:
    return join_lines(cell.text.split("\n")) if cell is not None and cell.text else ""


def _header_roles(rows: list[list], start: int) -> tuple[list[str | None], int]:
    """Column roles from one or two header rows (a spanning "Đơn vị thực hiện" over
    "Chủ trì" | "Phối hợp"); returns the roles and the index of the first body row."""
    width = len(rows[start])
    roles: list[str | None] = [None] * width
    end = start
    for r in range(start, min(start + 3, len(rows))):
        texts = [_cell_text(c) for c in rows[r]]
        if r > start and (_starts_row(texts[0] or "") or named_group(" ".join(t for t in texts if t))):
            break
        found = [cell_label_role(t) for t in texts]
        if r > start and not any(found):
            break
        for c, role in enumerate(found[:width]):
            if role:
                roles[c] = role
        end = r + 1
    roles = name_from_first_quantity(roles)
    if end < len(rows) and all(regex.fullmatch(r"\(?\d{1,2}\)?", _cell_text(c)) or not _cell_text(c)
                               for c in rows[end]):
        end += 1  # a row numbering the columns: (1) (2) (3) …
    return roles, end


def _find_grid_header(rows: list[list]) -> int | None:
    for r, row in enumerate(rows[:6]):
        first = squash_spaces(fold(_cell_text(row[0]))) if row and row[0] is not None else ""
        roles = header_text_to_roles(" ".join(_cell_text(c) for c in row if c is not None))
        if _opens_with_tt_label(first) and len(roles) >= 3:
            return r
    return None


def _line_of(cell) -> Line:
    return Line(cell.text, cell.start, cell.end, cell.page)


def grid_to_rows(grid, table_no: int) -> list[TableRow]:
    """Rows of a table read from layout: section rows give group_no/group_title, a row with an
    empty TT cell continues the row above (cut by a page break), repeated headers are dropped."""
    at = _find_grid_header(grid.rows)
    if at is None:
        return []
    roles, body = _header_roles(grid.rows, at)
    tt_col = next((c for c, r in enumerate(roles) if r == "tt"), 0)
    header_key = [fold(_cell_text(c)) for c in grid.rows[at]]
    first_leads = names_first_unit_lead(" ".join(_cell_text(c) for row in grid.rows[at:body] for c in row))
    role_cols = [(c, r) for c, r in enumerate(roles) if r and r != "tt"]
    role_names = [r for _, r in role_cols]
    out: list[TableRow] = []
    group_no = group_title = None
    parents: list[tuple[str, str]] = []  # "4 | Triển khai bệnh án điện tử:" over 4.1, 4.2 (and "4.2 | …:" over 4.2.1)
    body_rows = grid.rows[body:]
    tts = [_cell_text(r[tt_col]) if tt_col < len(r) else "" for r in body_rows]
    for k, row in enumerate(body_rows):
        texts = [_cell_text(c) for c in row]
        if [fold(t) for t in texts] == header_key:
            continue
        tt = tts[k]
        filled = [t for t in texts if t]
        named = named_group(" ".join(filled)) if filled and len(filled) <= 2 else None
        group = _GROUP_ROW.match(" ".join(filled)) if filled else None
        if named or group and (len(filled) <= 2 and not _ROW_START.match(tt)):
            group_no, group_title = named or (group.group("no"), squash_spaces(group.group("title")))
            parents = []
            continue
        if len(set(filled)) == 1 and not _ROW_START.match(tt) and is_period_group(filled[0], role_names):
            group_no, group_title, parents = None, squash_spaces(filled[0]), []  # "Quý II/2026" over its tasks
            continue
        numbered = _numbered_group(tt, filled, tts[k + 1:])
        if numbered:
            parents = [p for p in parents if numbered[0].startswith(p[0] + ".")] + [numbered]
            continue
        if tt:  # task 5 after 4.1-4.3: back in the section, not under task 4
            parents = [p for p in parents if tt.startswith(p[0] + ".")]
        cells = {r: Cell(texts[c] or None, row[c].start if row[c] else None, row[c].end if row[c] else None)
                 for c, r in role_cols if c < len(row)}
        lines = [_line_of(c) for c in row if c is not None and c.text]
        lettered = _lettered_sub_row(tt, cells, out[-1] if out else None)
        if lettered:
            letter, name = lettered
            if len(out[-1].cells) > 1 and _title_only(out[-1]):
                title_row = out.pop()  # "11 | Thanh toán không dùng tiền mặt" over a), b)
                parents = [(title_row.task_no, group_title_of(title_row.text("name") or ""))]
            cells["name"] = Cell(name, cells["name"].start, cells["name"].end)
            no, title = parents[-1] if parents else (group_no, group_title)
            out.append(TableRow(table_no, letter, no, title, cells, lines, role_names, first_leads))
            continue
        if not tt and out and lines:
            _continue_row(out[-1], cells, lines)
        elif tt and lines:
            no, title = parents[-1] if parents else (group_no, group_title)
            out.append(TableRow(table_no, tt.rstrip("."), no, title, cells, lines, role_names, first_leads))
    return out


def _lettered_sub_row(tt: str, cells: dict[str, Cell], above: TableRow | None) -> tuple[str, str] | None:
    """(letter, name) of a sub-task "a) Triển khai …" with cells of its own, under a task whose
    TT cell is merged down over it (so its own TT is empty): a task of its own, not more text
    of the one above."""
    name = cells.get("name")
    if tt or above is None or name is None or not name.text:
        return None
    m = _LETTER_ITEM_RE.match(name.text)
    if not m or not any(c.text for r, c in cells.items() if r != "name"):
        return None
    if not (_title_only(above) or regex.fullmatch(r"[a-zđ]", above.task_no)):
        return None
    return m["letter"], squash_spaces(name.text[m.end():])


def _title_only(row: TableRow) -> bool:
    return bool(row.text("name")) and not any(c.text for r, c in row.cells.items() if r != "name")


_LETTER_ITEM_RE = regex.compile(r"(?P<letter>[a-zđ])\)\s+")


def _continue_row(row: TableRow, cells: dict[str, Cell], lines: list[Line]) -> None:
    for role, cell in cells.items():
        if not cell.text:
            continue
        before = row.cells.get(role) or Cell(None)
        text = join_lines([before.text or "", cell.text])
        row.cells[role] = Cell(text, before.start if before.start is not None else cell.start, cell.end)
    row.lines.extend(lines)


def grids_to_rows(grids, lines: list[Line]) -> list[TableRow]:
    """Rows of every table read from layout. Groups printed as headings, each over a table of
    its own ("I. HẠ TẦNG SỐ" / table, "II. …" / table), numbered I, II, III in turn and with no
    section rows inside: each table's rows are its heading's group."""
    tables = [grid_to_rows(grid, n) for n, grid in enumerate(grids, start=1)]
    headings = [_heading_above(grid, lines) for grid in grids]
    if len(tables) > 1 and all(headings) and all(rows for rows in tables) \
            and [roman_value(h[0]) for h in headings] == list(range(1, len(tables) + 1)) \
            and not any(row.group_no for rows in tables for row in rows):
        for rows, (no, title) in zip(tables, headings):
            for row in rows:
                row.group_no, row.group_title = no, title
    return [row for rows in tables for row in rows]


def _heading_above(grid, lines: list[Line]) -> tuple[str, str] | None:
    starts = [c.start for row in grid.rows for c in row if c is not None and c.text.strip()]
    if not starts:
        return None
    at = sum(1 for ln in lines if ln.end <= min(starts))
    return heading_group_before(lines, at) if at else None
