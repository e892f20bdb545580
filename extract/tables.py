"""Appendix tables rebuilt from flattened text (every cell's lines in reading order).

Chain: lines_to_tables (header rows, repeated headers, TT numbers, Roman-numeral and named
group rows, page fragments) → raw_row_to_row (each fragment's tokens, table_tokens.py, cut
into cells by column type, table_cells.py) → TableRow. Column roles come from the header's
words, never from positions. Tables read from layout (PDF grids, DOCX) are in table_grids.py.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

from normalize.deadlines import is_cut_range, is_deadline, is_deadline_word, opens_deadline, parse_deadline
from normalize.quantities import is_measure
from normalize.text import fold, join_lines, squash_spaces
from normalize.units import UnitLexicon, load_vocabulary

from .model import Line
from .structure import is_upper_line, signature_title
from .table_cells import FREE_ROLES, Scorer, deadline_beside, tokens_to_cells
from .table_cuts import UNIT_ROLES
from .table_headers import (base_role, header_printed_lines_to_roles, header_text_to_roles, header_vocab,
                            names_first_unit_lead, year_columns)
from .table_tokens import broken_words_rejoined, fragment_to_tokens, tokens_text, wrapped_tails_in_place

# A row opens with its number ("3", "1.2", "03") or its code ("NV.01", "CĐS-03").
_CODE_PREFIX = r"\p{Lu}{1,5}[.\-]"
_ROW_START = regex.compile(
    rf"^(?P<no>(?:{_CODE_PREFIX})?\d{{1,3}}(?:\.\d{{1,2}}){{0,2}})\.?(?=\s|$)\s*(?P<rest>.*)$")
_CODE = regex.compile(rf"({_CODE_PREFIX})?(.*)")
_CODE_ALONE = regex.compile(rf"{_CODE_PREFIX}(?=\s|$)")   # "NV." then a space: "P.KHTH" is a unit
_GROUP_ROW = regex.compile(r"^(?P<no>[IVXL]{1,6}|[A-Z])\s*[.\-)]?\s+(?P<title>\p{Lu}.*)$")
_GROUP_ALONE = regex.compile(r"^(?P<no>[IVXL]{1,6}|[A-Z])\s*[.)]?$")
_PAGE_NUMBER = regex.compile(r"[1-9]\d{0,2}")
_TT_OPENS_RE = regex.compile(r"^(?:s[ốo]\s*)?s?tt\b")
_TT_ALONE_RE = regex.compile(r"^(?:stt|tt)\s*$")
# "ST" / "T …" and "T" / "T …": the label broken inside the word; "Số" / "TT …": "Số TT" wrapped
_TT_BROKEN_RE = regex.compile(r"st?|t|s[ốo]")


def _is_header_start(lines: list[Line], i: int) -> bool:
    line = lines[i]
    folded = fold(line.text)
    if _TT_ALONE_RE.match(folded):
        return True
    if i + 1 < len(lines) and _TT_BROKEN_RE.fullmatch(folded):
        # "ST" / "T Nội dung công việc …", "T" / "T Nội dung …": the label broken inside the word by a
        # narrow column; "Số" / "TT Nội dung …": a two-word label wrapped
        return _is_header_start([Line(f"{line.text} {lines[i + 1].text}", line.start, lines[i + 1].end, line.page)], 0)
    # a cheap first test ("TT …", "Mã NV …") before the header's roles are read
    if not _opens_with_tt_label(folded):
        return False
    roles = header_text_to_roles(line.text)
    return len(roles) >= 2 and roles[0] == "tt"


def _opens_with_tt_label(folded: str) -> bool:
    """"TT …", "STT …", "Mã NV …", "ST T …": a header's first label (fold() view)."""
    return bool(_TT_OPENS_RE.match(folded) or header_vocab()["tt_opens_re"].match(folded))


@dataclass
class TableHeader:
    roles: list[str]
    lines: list[Line]

    @property
    def key(self) -> str:
        return " ".join(fold(" ".join(ln.text for ln in self.lines)).split())


def _read_header(lines: list[Line], i: int) -> TableHeader | None:
    """Header lines run from the "TT …" line to the first row (a number or a section row);
    a row numbering the columns ("1 2 3 4 5 6", "(1) (2) … (6)") closes the header."""
    j = i + 2 if _TT_BROKEN_RE.fullmatch(fold(lines[i].text)) else i + 1  # "ST" / "T Nội dung …" is no group "T"
    while j < len(lines) and j - i < _MAX_HEADER_LINES and (is_column_numbers(lines[j].text) or (
            not _starts_row(lines[j].text) and not _group_at(lines, j) and not _opens_period_group(lines[j].text))):
        j += 1
        if is_column_numbers(lines[j - 1].text):
            break
    roles = header_printed_lines_to_roles([ln.text for ln in lines[i:j] if not is_column_numbers(ln.text)])
    if "tt" not in roles or len(roles) < 3 or not ({"name"} & set(roles)):
        return None
    return TableHeader([r for r in roles if r != "tt"], lines[i:j])


# A header's printed lines: a two-row header of eight narrow columns, every label wrapped
# word by word ("Thực" / "hiện" / "năm" / "2025" … "Năm" / "2028"), takes thirteen.
_MAX_HEADER_LINES = 16


def is_column_numbers(text: str) -> bool:
    """A header's last row numbering its columns 1 to n, bare or in brackets."""
    numbers = _COLUMN_NUMBER_RE.findall(text)
    return len(numbers) >= 3 and _COLUMN_NUMBERS_RE.fullmatch(text.strip()) is not None \
        and [int(n) for n in numbers] == list(range(1, len(numbers) + 1))


_COLUMN_NUMBER_RE = regex.compile(r"\d+")
_COLUMN_NUMBERS_RE = regex.compile(r"\(?\d{1,2}\)?(?:\s+\(?\d{1,2}\)?)+")


def _starts_row(text: str) -> bool:
    return bool(_ROW_START.match(text) or _GROUP_ROW.match(text) or named_group(text))


def _group_at(lines: list[Line], i: int) -> tuple[str, str, int] | None:
    """(number, title, lines it takes) of a section row: "II. Hạ tầng số" on one line, or the
    numeral alone with its title in capitals on the next ("A" / "ỨNG DỤNG CÔNG NGHỆ …")."""
    named = named_group(lines[i].text)
    if named:
        return named[0], named[1], 1
    m = _GROUP_ROW.match(lines[i].text)
    if m and (len(m.group("no")) > 1 or m.group("no") in "IVXL" or len(m.group("title").split()) > 1) \
            and not _unit_prefix_opens(lines[i].text):
        return m.group("no"), squash_spaces(m.group("title")), 1  # "P. TCHC" is a unit, not section P
    alone = _GROUP_ALONE.match(lines[i].text)
    if alone and i + 1 < len(lines) and not _ROW_START.match(lines[i + 1].text) and (
            is_upper_line(lines[i + 1].text) or _titles_the_next_row(lines, i + 1)):
        return alone.group("no"), squash_spaces(lines[i + 1].text), 2
    return None


def _opens_period_group(text: str) -> bool:
    """"Quý I/2026" under a header: the first period group, not a label (a label that is a
    year alone, "Năm 2026", heads a roadmap's year column)."""
    return is_period_group(text, []) and parse_deadline(text).grain != "year"


def is_period_group(text: str, roles: list[str]) -> bool:
    """A section row that is a period ("Quý I/2026", "Năm 2027") in a table without a time
    column: a roadmap grouping its tasks by when they are due."""
    if "deadline" in roles or "start" in roles or not text[:1].isupper() or not _YEAR_IN_RE.search(text):
        return False  # "… trước ngày" / "30/6/2026": a name's date wrapped onto its own line
    period = parse_deadline(text)
    return period.kind == "period" and period.grain != "day"


_YEAR_IN_RE = regex.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def named_group(text: str) -> tuple[str, str] | None:
    """(number, title) of a section row named by a word and its number ("Nhóm nhiệm vụ 1:
    Hoàn thiện thể chế …"); fold() keeps offsets, so the title is cut from the text itself."""
    m = header_vocab()["named_group_re"].match(fold(text))
    if not m:
        return None
    no = text[m.start("no"):m.end("no")]
    return (no.upper() if not no.isdigit() else no), squash_spaces(text[m.start("title"):])


def _unit_prefix_opens(text: str) -> bool:
    """"P. KHTH, Phòng ĐD Năm 2025 ≥ 60%": a unit's letter prefix and its abbreviation (cells
    sharing a line), not section P; a section's title in capitals ("B. CNTT VÀ …") stays one."""
    letter, _, rest = text.partition(" ")
    first = rest.split(None, 1)[0].strip(",;") if rest.split() else ""
    return fold(letter) in load_vocabulary().prefixes and sum(c.isupper() for c in first) >= 2 \
        and first.isupper() and any(c.islower() for c in rest)


def _titles_the_next_row(lines: list[Line], i: int) -> bool:
    """"II" / "Hạ tầng số và an toàn thông tin" / "5": a capitalised line between a numeral
    alone and the next row's number is the section's title (cells printed one per line)."""
    return lines[i].text[:1].isupper() and i + 1 < len(lines) and _ROW_START.match(lines[i + 1].text) is not None


# ------------------------------------------------------------------ rows

@dataclass
class Cell:
    text: str | None
    start: int | None = None
    end: int | None = None


@dataclass
class TableRow:
    table_no: int
    task_no: str
    group_no: str | None
    group_title: str | None
    cells: dict[str, Cell]
    lines: list[Line]
    roles: list[str]
    first_unit_leads: bool = False   # the header says a units cell's first unit leads

    def text(self, role: str) -> str | None:
        """The cell's text; "quantity" is also a table's one year value column ("Chỉ tiêu năm
        2026"), which keeps its year in its role."""
        cell = self.cells.get(role)
        if cell is None and role == "quantity":
            years = year_columns(self.roles)
            cell = self.cells.get(years[0][0]) if len(years) == 1 else None
        return cell.text if cell else None


@dataclass
class _RawRow:
    task_no: str
    group_no: str | None
    group_title: str | None
    fragments: list[list[tuple[Line, int]]] = field(default_factory=list)  # (line, offset in line)


def _code_split_over_lines(lines: list[Line], i: int, previous: str | None) -> tuple[str, regex.Match] | None:
    """A row code wrapped in a narrow column: "NV." alone, then "10 Tập huấn …"; or "NV.
    Truyền thông …" then "12 của Bệnh viện" (the name printed beside the code's halves)."""
    alone = _CODE_ALONE.match(lines[i].text)
    number = _ROW_START.match(lines[i + 1].text) if alone and i + 1 < len(lines) else None
    if number is None or _CODE.fullmatch(number.group("no")).group(1):
        return None
    if previous is None or _CODE.fullmatch(previous).group(1) != alone.group():
        return None  # only inside a table already coded so: "I." over "1 …" is a section
    # the name opens on the code's line when it holds any ("NV. Truyền thông …" / "12 của …")
    opening = lines[i].text[alone.end():].strip() or number.group("rest")
    no = alone.group() + number.group("no")
    return (alone.group(), number) if _row_number_ok(no, previous, opening) else None


def _row_number_ok(no: str, previous: str | None, rest: str) -> bool:
    """A row number continues the numbering and opens a task name (a capital letter)."""
    if rest and rest[0].islower():
        return False
    code, number = _CODE.fullmatch(no).groups()
    if previous is None:
        return number in ("1", "1.1", "01")
    previous_code, previous_number = _CODE.fullmatch(previous).groups()
    if code != previous_code:
        return False  # "NV.02" follows "NV.01"; a bare "02" under coded rows is a count
    prev = [int(p) for p in previous_number.split(".")]
    cur = [int(p) for p in number.split(".")]
    candidates = _next_numbers(prev) + [[prev[0] + 1, 1]]
    return cur in candidates or (len(cur) == 1 and prev[0] < cur[0] <= prev[0] + 2)


def _skipped_row_below(lines: list[Line], i: int, previous: str | None) -> bool:
    """A line opening with a number that skips one ("10 20 30 Khoa CC-DS" after row 8: the
    values of row 8's year columns) while the row it skipped ("9 …") opens a line just below:
    the number is a cell of the row going on."""
    if previous is None:
        return False
    successors = _strict_successors(previous)
    if _ROW_START.match(lines[i].text).group("no") in successors:
        return False
    for line in lines[i + 1:i + 1 + _SKIP_LOOKAHEAD]:
        m = _ROW_START.match(line.text)
        if m and m.group("no") in successors and _row_number_ok(m.group("no"), previous, m.group("rest")):
            return True
    return False


# Printed lines looked at below a row number that skips one for the row it skipped.
_SKIP_LOOKAHEAD = 8


def _next_numbers(prev: list[int]) -> list[list[int]]:
    """The numbers that continue prev without skipping: [5] or [4, 1] after [4]."""
    return [prev[:k] + [prev[k] + 1] for k in range(len(prev))] + [prev + [1]]


def lines_to_tables(lines: list[Line], section_starts: frozenset[int] = frozenset()
                    ) -> list[tuple[TableHeader, list[_RawRow]]]:
    """Every table of the lines; none runs past the start of a section of the plan (a table in
    the body ends where "IV. TỔ CHỨC THỰC HIỆN" begins) or into the next table's header."""
    tables: list[tuple[TableHeader, list[_RawRow]]] = []
    i = 0
    while i < len(lines):
        header = _read_header(lines, i) if _is_header_start(lines, i) else None
        if header is None:
            i += 1
            continue
        heading = heading_group_before(lines, i)
        rows, i = _read_rows(lines, i + len(header.lines), header, section_starts)
        tables.append((header, _first_group_from_heading(rows, heading)))
    return tables


def heading_group_before(lines: list[Line], i: int) -> tuple[str, str] | None:
    """The section row printed as a heading right above a table ("I. HẠ TẦNG SỐ" / header of
    TT | Nhiệm vụ …), a page number in between skipped."""
    k = i - 1
    while k >= 0 and _PAGE_NUMBER.fullmatch(lines[k].text.strip()):
        k -= 1
    group = _group_at(lines, k) if k >= 0 else None
    return (group[0], group[1]) if group and group[2] == 1 else None


def _first_group_from_heading(rows: list[_RawRow], heading: tuple[str, str] | None) -> list[_RawRow]:
    """Groups printed as headings, each over a table of its own with the header again: the
    text runs them into one table whose later groups are read as its section rows, and the
    first group's heading stands before the header. Its rows are that group's when the next
    group in the table is the numeral after it ("I." over the rows before "II.")."""
    later = next((r.group_no for r in rows if r.group_no), None)
    if heading is None or later is None or rows[0].group_no or roman_value(later) != roman_value(heading[0]) + 1:
        return rows
    for row in rows:
        if row.group_no:
            break
        row.group_no, row.group_title = heading
    return rows


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


def roman_value(numeral: str) -> int:
    """The value of a Roman numeral of a section row ("IV" → 4); 0 for anything else."""
    if not numeral or any(ch not in _ROMAN for ch in numeral):
        return 0
    values = [_ROMAN[ch] for ch in numeral]
    return sum(-v if v < nxt else v for v, nxt in zip(values, values[1:] + [0]))


def _read_rows(lines: list[Line], i: int, header: TableHeader, section_starts: frozenset[int]
               ) -> tuple[list[_RawRow], int]:
    rows: list[_RawRow] = []
    group_no = group_title = None
    restarts = False  # a section row was just read: its rows may be numbered from 1 again
    ends = header_vocab()["table_end"]
    while i < len(lines):
        line = lines[i]
        if _ends_table(line.text, ends) or _opens_signature(line.text) or line.start in section_starts:
            break
        if _is_repeat(lines, i, header):
            i += len(header.lines)
            if rows:
                rows[-1].fragments.append([])
            continue
        if rows and _opens_another_table(lines, i, header):
            break
        row_m = _ROW_START.match(line.text)
        group = _group_at(lines, i) if not row_m else None
        if group is None and not row_m and is_period_group(line.text, header.roles) and i + 1 < len(lines) \
                and _ROW_START.match(lines[i + 1].text):
            # "Quý II/2026" over the tasks due then: a group whose title is one line
            group_no, group_title, restarts = None, squash_spaces(line.text), False
            i += 1
            continue
        previous = rows[-1].task_no if rows else None
        if _is_stray_page_number(lines, i, previous, header):
            if rows and i + 1 < len(lines) and lines[i + 1].text[:1].islower():
                rows[-1].fragments.append([])  # a new page: the row's cells go on from the first
            i += 1
            continue
        split = None if row_m else _code_split_over_lines(lines, i, previous)
        if row_m and (_row_number_ok(row_m.group("no"), previous, row_m.group("rest"))
                      and not _skipped_row_below(lines, i, previous)
                      or restarts and _row_number_ok(row_m.group("no"), None, row_m.group("rest"))):
            offset = row_m.start("rest") if row_m.group("rest") else len(line.text)
            rows.append(_RawRow(row_m.group("no"), group_no, group_title, [[(line, offset)]]))
            restarts = False
        elif split:
            code, number = split
            after_code = _CODE_ALONE.match(line.text).end()
            offset = number.start("rest") if number.group("rest") else len(lines[i + 1].text)
            first = [(line, after_code)] if line.text[after_code:].strip() else []
            rows.append(_RawRow(code + number.group("no"), group_no, group_title,
                                [first + [(lines[i + 1], offset)]]))
            restarts = False
            i += 2
            continue
        elif group:
            group_no, group_title, taken = group
            restarts = True
            i += taken
            continue
        elif restarts and group_title is not None:
            # a section row spans the table's width: what follows it before the next row is
            # its title wrapped ("II. ỨNG DỤNG … KHÁM BỆNH," / "CHỮA BỆNH VÀ CHĂM SÓC …")
            group_title = squash_spaces(f"{group_title} {line.text}")
        elif rows:
            fragment = rows[-1].fragments[-1]
            if fragment and fragment[-1][0].page != line.page:
                rows[-1].fragments.append(fragment := [])  # a new page, its number dropped: cells start again
            fragment.append((line, 0))
        elif _is_header_start(lines, i):
            break
        i += 1
    return rows, i


def _opens_another_table(lines: list[Line], i: int, current: TableHeader) -> bool:
    """A header of other columns, at least three and the task's among them: the next table
    begins ("TT | Chỉ tiêu | Đơn vị tính …" after a task table). Columns that include the
    current ones, or are included in them, are the header printed again (its lines may come
    out with a row's words); a row's line opening with a unit called "TT" ("TT CNTT Các
    khoa,") names fewer."""
    header = _read_header(lines, i) if _is_header_start(lines, i) else None
    if header is None or len(header.roles) < 3 or "name" not in header.roles:
        return False
    new, old = set(header.roles), set(current.roles)
    return not (new <= old or old <= new)


def _ends_table(text: str, ends: list[str]) -> bool:
    """A note, a new appendix, the next table's title ("Bảng 2. Nhiệm vụ …") or a page footer
    opens with a capital ("Ghi chú:", "PHỤ LỤC", "Chỉ tiêu số 3 tính …"); a row's wrapped line
    that happens to begin with those words ("bản quyền cho máy trạm") does not."""
    if text[:1].islower():
        return False
    folded = fold(text)
    vocab = header_vocab()
    return folded.startswith(tuple(ends)) or vocab["table_title_re"].match(folded) is not None \
        or vocab["table_note_re"].match(folded) is not None


def _opens_signature(text: str) -> bool:
    """"KT. GIÁM ĐỐC", "GIÁM ĐỐC" printed in capitals under the table: the signer's block."""
    return is_upper_line(text) and signature_title(text) is not None


def _is_stray_page_number(lines: list[Line], i: int, previous: str | None,
                          header: TableHeader) -> bool:
    """A lone number printed at a page foot or head ("3") that does not continue the row
    numbering, with the table ending or a row, section row or repeated header after it. Page
    numbers are never zero-padded; a quantity cell alone on a line often is ("02")."""
    if not _PAGE_NUMBER.fullmatch(lines[i].text):
        return False
    if i and _finishes_year(lines[i - 1].text, lines[i].text):
        return False  # "Trước" / "31/12/202" / "6": a narrow deadline cell broke the year
    if i + 1 == len(lines) or _ends_table(lines[i + 1].text, header_vocab()["table_end"]):
        return True  # a row is more than its number: at the table's end it is the page's
    following = _ROW_START.match(lines[i + 1].text)
    repeat = _is_repeat(lines, i + 1, header)
    closes_page = repeat or _group_at(lines, i + 1) is not None or (
        following is not None and _row_number_ok(following.group("no"), previous or "0", following.group("rest")))
    if previous is None or not _row_number_ok(lines[i].text, previous, ""):
        # "Hằng tháng" / "8" / "mềm của Bộ Y tế …": no row of that number, the row goes on
        return closes_page or (previous is not None and lines[i + 1].text[:1].islower()
                               and not _counts_what_follows(lines[i + 1].text))
    # It could continue the numbering ("6" after "4", one row skipped), but the row after the
    # page break continues it exactly ("5"): the lone number was the page's.
    after = i + 1 + (len(header.lines) if repeat else 0)
    if repeat and after < len(lines) and lines[after].text[:1].islower():
        return True  # the header printed again, then the last row goes on: "cảnh báo" / "6" / header / "sớm …"
    if lines[i + 1].text[:1].islower() and _next_row_number(lines, _next_row_start(lines, i + 1)) == lines[i].text:
        return True  # no header repeated: "7" / "phó sự cố …" / "7 Triển khai …": the row 7 is below
    return closes_page and _next_row_number(lines, after) in _strict_successors(previous)


def _finishes_year(before: str, digits: str) -> bool:
    cut = _YEAR_CUT.search(before)
    return cut is not None and len(cut.group(1)) + len(digits) == 4 and \
        regex.fullmatch(r"(?:19|20)\d\d", cut.group(1) + digits) is not None


# The first digits of a year at a line's end, after a date's slash or a space ("31/12/202").
_YEAR_CUT = regex.compile(r"(?:^|[/\s.-])((?:19|20)\d?)$")


def _counts_what_follows(text: str) -> bool:
    """"6" / "tháng/lần", "8" / "lượt": the number is a value whose unit or period goes on."""
    first = regex.split(r"[\s/]", text, maxsplit=1)[0]
    return is_deadline_word(first) or is_measure(first)


def _next_row_start(lines: list[Line], i: int, within: int = 8) -> int:
    """The index of the first line from i on (within a few) that opens with a row number."""
    for k in range(i, min(i + within, len(lines))):
        if _ROW_START.match(lines[k].text):
            return k
    return len(lines)


def _next_row_number(lines: list[Line], i: int) -> str | None:
    m = _ROW_START.match(lines[i].text) if i < len(lines) else None
    return m.group("no") if m else None


def _strict_successors(previous: str) -> set[str]:
    """The row numbers right after previous, its code kept ("NV.02" after "NV.01")."""
    code, number = _CODE.fullmatch(previous).groups()
    return {(code or "") + ".".join(map(str, n)) for n in _next_numbers([int(p) for p in number.split(".")])}


def _is_repeat(lines: list[Line], i: int, header: TableHeader) -> bool:
    n = len(header.lines)
    chunk = lines[i:i + n]
    return len(chunk) == n and " ".join(fold(" ".join(ln.text for ln in chunk)).split()) == header.key


def raw_row_to_row(raw: _RawRow, header: TableHeader, table_no: int,
                   lexicon: UnitLexicon | None) -> TableRow:
    merged: dict[str, list[str]] = {r: [] for r in header.roles}
    spans: dict[str, list[int]] = {r: [] for r in header.roles}
    for f, fragment in enumerate(raw.fragments):
        tokens = fragment_to_tokens(fragment)
        if not tokens:
            continue
        tokens = wrapped_tails_in_place(broken_words_rejoined(tokens))
        still_empty = frozenset(r for r in header.roles if not merged[r] and r not in FREE_ROLES) if f else frozenset()
        scorer = Scorer(lexicon, continuation=f > 0, continued=f + 1 < len(raw.fragments), still_empty=still_empty,
                        goes_on=_cut_after_first_line(raw, f, header.roles, merged),
                        deadline_opening=_deadline_opening(merged.get("deadline")) if f else "",
                        cut_cells=_cut_cells(merged, header.roles) if f else (),
                        one_line=len(fragment) == 1)
        cells = deadline_beside(tokens_to_cells(tokens, header.roles, scorer), header.roles)
        for role, cell in zip(header.roles, cells):
            if cell:
                merged[role].append(tokens_text(cell))
                spans[role] += [cell[0].start, cell[-1].end]
    cells = {r: Cell(join_lines(merged[r]) or None, min(spans[r], default=None),
                     max(spans[r], default=None)) for r in header.roles}
    lines = [ln for frag in raw.fragments for ln, _ in frag]
    return TableRow(table_no, raw.task_no, raw.group_no, raw.group_title, cells, lines, header.roles,
                    names_first_unit_lead(" ".join(ln.text for ln in header.lines)))


def _cut_cells(merged: dict[str, list[str]], roles: list[str]) -> tuple[tuple[str, str], ...]:
    """The cells the text before a page break left cut: on a code's hyphen ("Phòng KH-"), a
    list's comma or semicolon ("Các khoa,"), or a name mid-phrase ("Tổ phát triển" / page
    break / "KH, CN, đổi mới sáng tạo", "≥01 sáng" / "kiến/khoa")."""
    return tuple((r, merged[r][-1]) for r in roles if merged[r] and (
        merged[r][-1].endswith(("-", ",", ";")) or (base_role(r) in _CUT_NAMED_ROLES and _mid_phrase(merged[r]))))


# Columns whose text a page break may cut inside a name: a unit's ("Tổ phát triển" / "KH, CN,
# …") or a value's unit ("≥01 sáng" / "kiến/khoa")
_CUT_NAMED_ROLES = (*UNIT_ROLES, "quantity")


def _cut_after_first_line(raw: _RawRow, f: int, roles: list[str], merged: dict[str, list[str]]) -> frozenset:
    """The columns a page break cut mid-phrase when it fell right after the row's first
    printed line ("14 Xây dựng hồ sơ đề xuất cấp Phòng CNTT Hằng quý Hồ sơ đề" / header / …):
    every cell then goes on after the break, not only the name."""
    if f != 1 or len(raw.fragments[0]) != 1:
        return frozenset()
    return frozenset(r for r in roles[1:] if _mid_phrase(merged[r]))


def _deadline_opening(texts: list[str] | None) -> str:
    """The deadline so far when it is only the opening of one ("Hằng", "Trước", "Quý", "2026 -")."""
    text = " ".join(texts or [])
    if is_cut_range(text):
        return text  # "2026 -" / page break / "2027"
    return text if text and not is_deadline(text) and all(opens_deadline(w) for w in text.split()) else ""


def _mid_phrase(texts: list[str]) -> bool:
    """A cell's text so far stops inside a phrase: its last word is lower case, not a year or
    a code, and no stop closes it ("Danh mục kỹ", "Trước")."""
    if not texts:
        return False
    last = texts[-1].split()[-1]
    return not last.endswith((".", ";", ":", ")", ",")) and (last[:1].islower() or opens_deadline(last))


def lines_to_rows(lines: list[Line], lexicon: UnitLexicon | None,
                  section_starts: frozenset[int] = frozenset()) -> list[TableRow]:
    rows: list[TableRow] = []
    for t, (header, raw_rows) in enumerate(lines_to_tables(lines, section_starts), start=1):
        rows.extend(_merged_cells_printed_once(_numbered_groups_to_titles(
            [raw_row_to_row(raw, header, t, lexicon) for raw in raw_rows])))
    return rows


_MERGED_DOWN = ("partner", "deadline")


def _merged_cells_printed_once(rows: list[TableRow]) -> list[TableRow]:
    """Partner and deadline cells merged down a group are printed once, with its first row
    (syn108): when every row after that one to the end of the group, two or more, has
    neither, the merged cells serve them all. A single such row, or one followed by rows
    with cells of their own, is a row whose cells were left blank or lost, and stays so."""
    k = 0
    while k < len(rows):
        first, run = rows[k], _rows_without_merged_cells(rows, k + 1)
        if all(first.text(r) for r in _MERGED_DOWN) and len(run) >= 2:
            for row in run:
                row.cells.update({r: first.cells[r] for r in _MERGED_DOWN})
        k += 1 + len(run)
    return rows


def _rows_without_merged_cells(rows: list[TableRow], k: int) -> list[TableRow]:
    """The rows from k on in rows[k - 1]'s group with no partner and no deadline, when they run
    to the group's end."""
    group = (rows[k - 1].table_no, rows[k - 1].group_no)
    run = []
    while k < len(rows) and (rows[k].table_no, rows[k].group_no) == group:
        if any(rows[k].text(r) for r in _MERGED_DOWN) or not all(r in rows[k].roles for r in _MERGED_DOWN):
            return []
        run.append(rows[k])
        k += 1
    return run


def lines_to_indicator_tables(lines: list[Line], lexicon: UnitLexicon | None
                              ) -> list[tuple[tuple[int, int], list[TableRow]]]:
    """Tables of indicators in flattened text (a value or year column), each with the span it
    covers from its header to its last row: printed inside the objectives, their rows are the
    plan's targets and the span is no paragraph of its own."""
    out = []
    for t, (header, raw_rows) in enumerate(lines_to_tables(lines), start=1):
        if not raw_rows or not ("quantity" in header.roles or year_columns(header.roles)):
            continue
        rows = _numbered_groups_to_titles([raw_row_to_row(raw, header, t, lexicon) for raw in raw_rows])
        end = max(ln.end for row in rows for ln in row.lines)
        out.append(((header.lines[0].start, end), rows))
    return out


def _numbered_groups_to_titles(rows: list[TableRow]) -> list[TableRow]:
    """Rows "1 Hạ tầng số" with nothing but a name, above "1.1", "1.2", are group rows: they
    become the group of the rows they number, as Roman section rows do."""
    out: list[TableRow] = []
    groups: list[tuple[str, str]] = []   # open groups, outermost first ("1", then "1.2")
    for k, row in enumerate(rows):
        filled = [r for r in row.roles if row.text(r)]
        later = [r.task_no for r in rows[k + 1:]]
        name = row.text("name")
        numbered = _numbered_group(row.task_no, [row.task_no, name], later) if filled == ["name"] and name else None
        groups = [g for g in groups if (numbered or (row.task_no, ""))[0].startswith(g[0] + ".")]
        if numbered:
            groups.append(numbered)
            continue
        if groups:
            row.group_no, row.group_title = groups[-1]
        out.append(row)
    return out


def _numbered_group(tt: str, filled: list[str], later_tts: list[str]) -> tuple[str, str] | None:
    """(number, title) of a group row numbered in Arabic above "1.1", "1.2": "1 | Hạ tầng số
    | | |", or one cell merged across the row "1. Hạ tầng số"; known by its empty cells and by
    the next numbered row being its child."""
    merged = _MERGED_GROUP_RE.fullmatch(squash_spaces(filled[0])) if len(filled) == 1 else None
    if not (merged or len(filled) == 2):
        return None
    no, title = (merged["no"], merged["title"]) if merged else (tt.rstrip("."), filled[-1])
    if not regex.fullmatch(r"\d{1,2}(?:\.\d{1,2})*", no):
        return None
    following = next((t for t in later_tts if t), "")
    if following.startswith(no + ".") and regex.fullmatch(r"\d{1,2}(?:\.\d{1,2})+\.?", following):
        # "1.2 | Xây dựng các quy chế, gồm: | | |" over "1.2.1", "1.2.2": its title without the colon
        return no, group_title_of(title)
    return None


def group_title_of(title: str) -> str:
    """A group row's title without the words introducing its rows ("…, gồm:", "…:")."""
    title = squash_spaces(title)
    # the lead-in words are matched on the folded view, which keeps the text's length
    lead_in = header_vocab()["group_title_lead_in_re"].search(fold(title))
    return title[:lead_in.start()] if lead_in else title


_MERGED_GROUP_RE = regex.compile(r"(?P<no>\d{1,2})\.?\s+(?P<title>\p{Lu}.*)")
