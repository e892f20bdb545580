"""Appendix tables rebuilt from flattened text (every cell's lines in reading order).

Chain: lines_to_table_spans (header rows, repeated headers) → span_to_raw_rows (TT numbers,
Roman-numeral section rows, page fragments) → fragment_to_cells (segmentation by column type)
→ TableRow. Column roles come from the header's words, never from positions.

Segmentation: a row's text is its cells in column order, each cell contiguous, two cells
sharing a printed line when their lines sat at the same height. We choose the cut points that
make every piece read as its column's type (units, deadline, quantity, free text): a small
dynamic program over the possible cut points.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache

import regex

from normalize.deadlines import is_bare_year, is_deadline, is_deadline_word, opens_deadline
from normalize.quantities import (is_bare_quantity, is_measure, is_qualitative_value, is_quantity, may_be_measure,
                                  parse_quantity)
from normalize.text import fold, join_lines, squash_spaces
from normalize.unit_scores import all_units_phrases, unit_list_score
from normalize.units import (UnitLexicon, known_name_prefixes, load_vocabulary, may_open_units, name_tokens,
                             split_units)

from .model import Line
from .structure import is_upper_line, signature_title
from .table_headers import (base_role, cell_label_role, header_printed_lines_to_roles, header_text_to_roles,
                            header_vocab, name_from_first_quantity, names_first_unit_lead, year_columns)

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
_TT_BROKEN_RE = regex.compile(r"st?")
_NON_SPACE_RE = regex.compile(r"\S+")
_MARKER_GAP_RE = regex.compile(r"[ ]+(?=[,;\n])|(?<=[ ])[ ]+")
_YEAR = regex.compile(r"(?<![\d/.-])(?:19|20)\d{2}(?!\d)")
_CELL_START = regex.compile(r"^[\p{Lu}\d≥≤<>(\"“+\-–•%]")
FREE_ROLES = ("name", "product", "budget", "person", "note")
UNIT_ROLES = ("lead", "partner")


def _is_header_start(lines: list[Line], i: int) -> bool:
    line = lines[i]
    folded = fold(line.text)
    if _TT_ALONE_RE.match(folded):
        return True
    if i + 1 < len(lines) and _TT_BROKEN_RE.fullmatch(folded):
        # "ST" / "T Nội dung công việc …": the label broken inside the word by a narrow column
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
            not _starts_row(lines[j].text) and not _group_at(lines, j))):
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


def lines_to_tables(lines: list[Line]) -> list[tuple[TableHeader, list[_RawRow]]]:
    tables: list[tuple[TableHeader, list[_RawRow]]] = []
    i = 0
    while i < len(lines):
        header = _read_header(lines, i) if _is_header_start(lines, i) else None
        if header is None:
            i += 1
            continue
        rows, i = _read_rows(lines, i + len(header.lines), header)
        tables.append((header, rows))
    return tables


def _read_rows(lines: list[Line], i: int, header: TableHeader) -> tuple[list[_RawRow], int]:
    rows: list[_RawRow] = []
    group_no = group_title = None
    restarts = False  # a section row was just read: its rows may be numbered from 1 again
    ends = header_vocab()["table_end"]
    while i < len(lines):
        line = lines[i]
        if _ends_table(line.text, ends) or _opens_signature(line.text):
            break
        if _is_repeat(lines, i, header):
            i += len(header.lines)
            if rows:
                rows[-1].fragments.append([])
            continue
        row_m = _ROW_START.match(line.text)
        group = _group_at(lines, i) if not row_m else None
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


# ------------------------------------------------------------------ segmentation

@dataclass(frozen=True)
class _Token:
    text: str
    line: int          # index of the line within the fragment
    start: int         # document offsets
    end: int
    gap: int           # spaces before it on its line; -1 at a line start
    after_empty: bool = False  # first of a line printed after an empty one: an empty cell before it


def fragment_to_tokens(fragment: list[tuple[Line, int]]) -> list[_Token]:
    tokens: list[_Token] = []
    for k, (line, offset) in enumerate(fragment):
        previous_end = None
        for m in _NON_SPACE_RE.finditer(line.text[offset:]):
            gap = -1 if previous_end is None else m.start() - previous_end
            previous_end = m.end()
            start = line.start + offset + m.start()
            tokens.append(_Token(m.group(0), k, start, start + len(m.group(0)), gap,
                                 k > 0 and gap < 0 and line.break_before))
    return tokens


def wrapped_tails_in_place(tokens: list[_Token]) -> list[_Token]:
    """A unit cell's last words printed on the row's next line, after the cells to its right
    ("P.TCCB Các đơn vị trực Quyết định phân công Quý I/2026" / "thuộc"), are moved back
    after the words they complete, when together they spell an all-units phrase."""
    lines = _token_line_groups(tokens)
    moved: dict[_Token, list[_Token]] = {}   # token -> the tail words to put after it
    dropped: set[_Token] = set()
    for above, below in zip(lines, lines[1:]):
        if not below[0].text[:1].islower():
            continue
        hit = _phrase_cut_above(above, below) or (below is lines[-1] and _cut_before_line_end_deadline(above, below))
        if hit:
            last, n = hit
            moved[last] = [replace(t, line=last.line, gap=1) for t in below[:n]]
            dropped.update(below[:n])
    if not moved:
        return tokens
    return [t2 for t in tokens if t not in dropped for t2 in [t] + moved.get(t, [])]


def broken_words_rejoined(tokens: list[_Token]) -> list[_Token]:
    """A narrow column breaks a date's year or a deadline word inside the word ("30/9/202" /
    "6", "6 tháng/l" / "ần"): the piece opening the next printed line is put back."""
    out: list[_Token] = []
    for tok in tokens:
        prev = out[-1] if out else None
        if prev is not None and tok.gap < 0 and _completes_after_slash(prev.text, tok.text):
            out[-1] = replace(prev, text=prev.text + tok.text, end=tok.end)
            continue
        if prev is not None and tok.gap >= 0 and prev.line != tok.line:
            tok = replace(tok, gap=-1)  # the rest of a line whose first piece was put back
        out.append(tok)
    return out


def _completes_after_slash(head: str, piece: str) -> bool:
    if "/" not in head:
        return False
    tail = head.rsplit("/", 1)[1]
    if tail.isdigit() and piece.isdigit():
        return is_bare_year(tail + piece) and len(tail) < 4
    word = piece.rstrip(",;.")
    return len(tail) <= 3 and tail.isalpha() and word.isalpha() and word.islower() and \
        not is_deadline_word(word) and is_deadline_word(tail + word)


def _cut_before_line_end_deadline(above: list[_Token], below: list[_Token]) -> tuple[_Token, int] | None:
    """The row's last line, in lower case, under a line that ends with the deadline cell
    ("100% Phòng KHNV, TYT Quý II/2026" / "các xã, phường"): the deadline was printed whole on
    one line, the cell before it goes on below."""
    n = _deadline_ending(above, keep=2) if len(below) <= 5 else 0
    if not n:
        return None
    longer = " ".join(t.text for t in above[-n:] + below)
    # "Theo kế hoạch" / "của Sở Y tế": the deadline itself goes on
    return None if is_deadline(longer) else (above[-n - 1], len(below))


def _deadline_ending(line: list[_Token], keep: int) -> int:
    """How many of the printed line's last tokens (up to 4, leaving `keep`) form a deadline
    cell ("Quý II/2026"), or 0."""
    for n in range(min(4, len(line) - keep), 0, -1):
        text = " ".join(t.text for t in line[-n:])
        if _CELL_START.match(text) and is_deadline(text):
            return n
    return 0


def _phrase_cut_above(above: list[_Token], below: list[_Token]) -> tuple[_Token, int] | None:
    """(last token above, number of tokens below) of a phrase cut inside the line above."""
    tail = [fold(t.text).strip(",;") for t in below[:8]]
    cuts = _phrase_cuts_by_word().get(tail[0])
    if not cuts:
        return None
    words = [fold(t.text).strip(",;") for t in above]
    for head, rest in cuts:
        if tuple(tail[:len(rest)]) != rest:
            continue
        for s in range(len(words) - len(head)):  # cut inside the line, where a cell opens
            if tuple(words[s:s + len(head)]) == head and _CELL_START.match(above[s + len(head)].text):
                return above[s + len(head) - 1], len(rest)
    return None


@lru_cache(maxsize=1)
def _phrase_cuts_by_word() -> dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]]:
    """Every way to cut an all-units phrase in two, by the first word of its second part."""
    cuts: dict[str, list] = {}
    for phrase in all_units_phrases():
        for m in range(1, len(phrase)):
            cuts.setdefault(phrase[m], []).append((phrase[:m], phrase[m:]))
    return cuts


def _cut_cost(tok: _Token, previous: _Token) -> float:
    """Cost of a cell opening at this token; cells open with a capital, digit or symbol."""
    if previous.text.endswith("-") and len(previous.text) > 1 and previous.text[-2].isalnum():
        return float("inf")  # "KH-TC-" + "ĐD": a code wrapped inside one cell
    opens = bool(_CELL_START.match(tok.text))
    if tok.gap < 0:
        return 0.0 if opens else 1.5
    if tok.gap < 2 and previous.text[:1].isupper() and sum(c.isupper() for c in tok.text) >= 2 \
            and _names_a_department(previous.text):
        return float("inf")  # "Phòng" + "KHTH": a unit's head and its code are one cell
    if not opens:
        return 0.9 if tok.gap >= 2 else float("inf")
    return 0.3 if tok.gap >= 2 else 0.5


def _names_a_department(word: str) -> bool:
    """"Phòng", "Khoa", "Tổ": heads always followed by the department's name (unlike "Sở",
    which ends "Văn phòng Sở")."""
    head = load_vocabulary().heads.get(fold(word))
    return head is not None and head.kind in _DEPARTMENT_KINDS


_DEPARTMENT_KINDS = ("phòng", "khoa", "tổ")


def _token_line_groups(tokens: list[_Token]) -> list[list[_Token]]:
    """The tokens of each printed line, in order."""
    lines: list[list[_Token]] = []
    for tok in tokens:
        if not lines or tok.gap < 0:
            lines.append([tok])
        else:
            lines[-1].append(tok)
    return lines


def _token_lines(tokens: list[_Token]) -> list[str]:
    return [" ".join(t.text for t in line) for line in _token_line_groups(tokens)]


def _layout_text(tokens: list[_Token]) -> str:
    """Cell text keeping its printed line breaks (hyphen-wrapped codes re-joined)."""
    out = ""
    for line in _token_lines(tokens):
        glued = out.endswith("-") and len(out) > 1 and out[-2].isalnum()
        out = out + line if glued else (out + "\n" + line if out else line)
    return out


def _glued_text(tokens: list[_Token]) -> str:
    """The tokens' words on one line, a code wrapped at its hyphen glued back ("Khoa DS-" "TTGDSK")."""
    return _layout_text(tokens).replace("\n", " ")


def _tokens_text(tokens: list[_Token]) -> str:
    return join_lines(_token_lines(tokens))


@dataclass(frozen=True)
class Scorer:
    lexicon: UnitLexicon | None
    continuation: bool = False   # the row's text after a page break
    # on a continuation, the typed columns the text before the break left empty: they are
    # printed after it ("… chẩn đoán" / header / "hình ảnh BVĐK tỉnh Sở KH&CN; P.NVY Năm 2026")
    still_empty: frozenset = frozenset()
    continued: bool = False      # the row goes on after a page break: a cell may stop mid-phrase

    def cost(self, roles: list[str], position: int, tokens: list[_Token],
             budget: float = float("inf")) -> float:
        """The cost of tokens as the cell of roles[position]; above budget the answer may be
        a lower bound only (the segmentation needs no more than "too dear")."""
        role = base_role(roles[position])
        if not tokens:
            if self.continuation and role not in self.still_empty:
                return 0.0
            return _EMPTY_COST.get(role, 0.3)
        if role in FREE_ROLES:
            return (0.01 * position if self.continuation else 0.0) + _long_budget_cost(role, tokens) + \
                self._unit_at_edge(tokens, roles, position) + \
                self._unit_lines_inside(tokens, roles, position) + \
                (0.0 if self.continued else _dangling_cost(tokens, roles, position))
        if role in UNIT_ROLES:
            layout = _without_role_markers(_layout_text(tokens))
            if not may_open_units(layout):
                return _NOT_UNITS_COST  # scoring it would cost more than the rest of the row
            floor = _year_cost(layout)
            if floor > budget:
                return floor  # dear enough without reading the units
            listed = (1.0 - unit_list_score(layout, self.lexicon)) * 6 + floor
            if layout.endswith((";", ",")) and not self.continued:
                listed += _LIST_GOES_ON_COST  # "Văn phòng Sở;" + "Phòng KH-TC": the list goes on
            return listed if listed > budget else listed + self._juxtaposed(layout)
        if role == "start" and _tokens_text(tokens).strip() in _NO_VALUE:
            return 0.0  # "-": no start given
        if role in ("deadline", "start"):
            text = _tokens_text(tokens)
            if not is_deadline(text):
                return _BARE_YEAR_COST if is_bare_year(text) else 4.0
            # "Quý II," / "III/2026": a list cut at its comma or hyphen goes on in the next line
            return 1.0 if text.endswith((",", "-")) else 0.0
        if role == "quantity":
            return _quantity_cost(_tokens_text(tokens), "measure" in roles) + _capital_lines_cost(tokens)
        if role == "measure":
            return _measure_cost(_tokens_text(tokens))
        if role == "baseline":
            return _baseline_cost(_tokens_text(tokens))
        return 0.0

    @lru_cache(maxsize=4096)
    def _juxtaposed(self, text: str) -> float:
        """Units side by side on one line without a separator are usually two cells; stacked
        on separate lines they are often one cell's list."""
        spans = split_units(text)
        cost = 0.0
        for (_, prev_end), (start, _) in zip(spans, spans[1:]):
            between = text[prev_end:start]
            if not any(sep in between for sep in ",;"):
                cost += 0.4 if "\n" in between else 1.5
        return cost

    def _unit_at_edge(self, tokens: list[_Token], roles: list[str], position: int) -> float:
        """A free-text cell (name, product) whose printed line next to a unit column is itself
        a unit: that line belongs to the unit column."""
        cost = 0.0
        if position > 0 and roles[position - 1] in UNIT_ROLES:
            cost += self._line_is_unit(_first_line_run_on(tokens))
            cost += _opens_with_role_marker(tokens)
        elif roles[position] in ("name", "product") and _units_then_dates_before(roles, position):
            # "Các TTYT" / "2026 2027 Báo cáo …": the unit cell went on, the dates were empty
            cost += self._line_is_unit(_first_line_run_on(tokens))
        if position > 0 and roles[position - 1] in ("start", "deadline"):
            cost += _opens_with_deadline(tokens)
        if position + 1 < len(roles) and roles[position + 1] in UNIT_ROLES:
            last_line = _last_line_run_on(tokens)
            opener = len(tokens) - len(last_line)
            if opener > 0 and tokens[opener - 1].text.endswith("-"):
                # "Khoa DS-" / "TTGDSK", "13/2025/TT-" / "BYT": a code wrapped at its hyphen
                last_line = _token_line_groups(tokens[:opener])[-1] + last_line
            cost += self._line_is_unit(last_line)
            cost += _ends_with_role_marker(tokens)
        if position + 1 < len(roles) and roles[position + 1] == "deadline":
            cost += _ends_with_deadline_opener(tokens)
        return cost

    def _unit_lines_inside(self, tokens: list[_Token], roles: list[str], position: int) -> float:
        """A name or product holding whole printed lines of units inside it ("… của Ban" /
        "Chỉ đạo." / "Phòng TCCB Phòng KHTH" / "Tổ CNTT" / "Quyết định …"): the units are
        the unit columns' and the free-text cell ended before them or began after them."""
        if roles[position] not in ("name", "product") or not any(r in UNIT_ROLES for r in roles):
            return 0.0
        lines = _token_line_groups(tokens)
        return _UNIT_LINE_INSIDE_COST * sum(self._line_is_unit(ln) for ln in lines[1:-1])

    def _line_is_unit(self, line_tokens: list[_Token]) -> float:
        text = _glued_text(line_tokens)
        if len(text) > 48 or not _CELL_START.match(text):
            return 0.0
        cost = self._units_cost(text)
        if cost:
            return cost
        # "P.KHTH Trung tâm" / "CNTT,": the next unit's head ends the line, its name below
        head_after = len(line_tokens) > 1 and _bare_head(line_tokens[-1:]) or \
            len(line_tokens) > 2 and _bare_head(line_tokens[-2:])
        return min(1.0, self._units_cost(" ".join(t.text for t in line_tokens[:-head_after]))) \
            if head_after else 0.0

    @lru_cache(maxsize=8192)
    def _units_cost(self, text: str) -> float:
        """A printed line that is all units costs 1 in a free-text cell; two units side by
        side ("Phòng TCCB Phòng KHTH"), a lead cell and a partner cell printed at one height
        and never a wrapped name's line, 1.6. The same lines recur across a row's cuts."""
        units = _without_role_markers(text)  # "Phòng TCCB (phối hợp)", "Phối hợp: Phòng TCCB"
        if not units or unit_list_score(units, self.lexicon) < 0.9:
            return 0.0
        return 1.6 if len(split_units(units)) > 1 else 1.0


def _units_then_dates_before(roles: list[str], position: int) -> bool:
    """Right before this column: a unit column, then only start or deadline columns."""
    k = position - 1
    while k >= 0 and roles[k] in ("start", "deadline"):
        k -= 1
    return k < position - 1 and k >= 0 and roles[k] in UNIT_ROLES


def _long_budget_cost(role: str, tokens: list[_Token]) -> float:
    """A budget cell holds a sum or its source ("150", "NSNN", "Kinh phí từ nguồn chi thường
    xuyên"): past a dozen words it has taken the cells before it."""
    return _BUDGET_WORD_COST * max(0, len(tokens) - _BUDGET_WORDS) if role == "budget" else 0.0


_BUDGET_WORDS = 12
_BUDGET_WORD_COST = 0.2


# A unit cell ending on a separator: its list most likely goes on in the next words.
_LIST_GOES_ON_COST = 0.3

# A printed line of units inside a task name: a name rarely wraps so that a line is only units.
_UNIT_LINE_INSIDE_COST = 0.8


def _quantity_cost(text: str, unit_has_column: bool) -> float:
    """A quantity cell; next to a unit-of-measure column it holds the value alone ("≥ 50"),
    so words after the value ("≥ 50 Các bệnh viện") belong to the next cell."""
    if unit_has_column and (is_bare_quantity(text) or text.strip() in _NO_VALUE):
        return 0.0  # "100", "≥ 03": a bare number is the whole value here; "-": none
    if is_qualitative_value(text):
        return 0.2  # "Có", "Hoàn thành", "Duy trì": a value in words
    if not is_quantity(text):
        return 4.0
    return 1.5 if unit_has_column else _unit_after_value(text)


def _unit_after_value(text: str) -> float:
    """"100% Khoa Dược": a value cell ends where a unit of the next column opens."""
    q = parse_quantity(text)
    rest = text[q.end:].strip(" ,;") if q.end is not None else ""
    return 1.0 if rest[:1].isupper() and may_open_units(rest) else 0.0


def _dangling_cost(tokens: list[_Token], roles: list[str], position: int) -> float:
    """A free-text cell ending on "của", "và", "cho"… is cut too early (not the row's last)."""
    if position + 1 == len(roles):
        return 0.0
    last = fold(tokens[-1].text).strip(",;:")
    two = fold(" ".join(t.text for t in tokens[-2:])).strip(",;:")
    dangling = header_vocab()["dangling"]
    if last in dangling or two in dangling:
        return 1.5
    # "… liên thông Năm 2026 -" / "2027": a range cut at its dash
    return 1.5 if tokens[-1].text in ("-", "–") and len(tokens) > 1 and any(c.isdigit() for c in tokens[-2].text) \
        else 0.0


def _year_cost(text: str) -> float:
    """No unit's name holds a year: "Bộ Chính trị năm 2026" ends a task name."""
    return 2.0 if _YEAR.search(text) else 0.0


def _baseline_cost(text: str) -> float:
    """The value reached before the plan: a number, a dash, or a few words ("Chưa triển khai"),
    the number maybe with a short note in brackets ("81,5 (ước)": estimated)."""
    value = _BRACKET_NOTE_RE.sub("", text).strip()
    if is_bare_quantity(value) or value in _NO_VALUE:
        return 0.0
    return 0.5 if may_be_measure(text) else 4.0


_BRACKET_NOTE_RE = regex.compile(r"\s*\([^()\d]{1,15}\)\s*$")


_NO_VALUE = ("-", "–", "—", "x", "0")


def _capital_lines_cost(tokens: list[_Token]) -> float:
    """A value cell wraps onto lower-case words ("100% cán bộ" / "được tập huấn"); a printed
    line opening with a capital ("P.KHTH", "Tháng 7/2026") is usually the next cell."""
    return 0.6 * sum(1 for t in tokens[1:] if t.gap < 0 and t.text[:1].isupper())


def _measure_cost(text: str) -> float:
    """A unit-of-measure cell: a known unit costs nothing, other short phrases a little, more
    when they read like a unit of the organisation ("Phòng KH-TC", "Các bệnh viện")."""
    if not may_be_measure(text):
        return 4.0
    unit_like = may_open_units(text) and "%" not in text  # "Phòng", "Các bệnh viện"
    if is_measure(text):
        return 1.0 if unit_like else 0.0
    return 3.0 if unit_like else 0.8


# A year alone in a deadline or start cell ("2026" / "2027"): plausible, yet a year also ends
# many a task name ("… năm 2026"), so it costs a little where a dated cell costs nothing.
_BARE_YEAR_COST = 0.3

# Longest typed cell worth scoring, in tokens: past it the piece cannot be that column.
_MAX_TOKENS = {"lead": 40, "partner": 40, "deadline": 14, "start": 14, "quantity": 60, "measure": 4, "baseline": 6}

# A unit cell that cannot open as a unit list: unit_list_score's worst (0) would cost 6.
_NOT_UNITS_COST = 6.0

_EMPTY_COST = {"name": 5.0, "lead": 2.0, "partner": 0.6, "product": 0.3, "deadline": 1.0, "start": 0.6,
               "quantity": 1.0, "measure": 1.0, "baseline": 0.5, "budget": 0.3, "person": 0.3, "note": 0.1}


def tokens_to_cells(tokens: list[_Token], roles: list[str], scorer: Scorer) -> list[list[_Token]]:
    """Best split of the tokens into len(roles) contiguous, possibly empty cells.

    Only positions where a cell can open (a capital, a digit, a line start…) are cut points,
    which keeps the search small: a row of 60 tokens has a dozen of them. The search is first
    run under a low cost cap (a well-read row costs about 1), which lets it leave most spans
    unscored; a row that does not fit under the cap is searched again under a higher one.
    Either way the split found is the cheapest.
    """
    n = len(tokens)
    opens = cut_costs(tokens, roles, scorer.lexicon)
    cuts = [j for j in range(n + 1) if opens[j] < float("inf")]
    cache: dict[tuple[str, int, int], tuple[float, float, bool]] = {}
    for cap in _COST_CAPS:
        back = _cheapest_cuts(tokens, roles, scorer, opens, cuts, cache, cap)
        if back is not None:
            break
    cells, j = [], n
    for c in range(len(roles), 0, -1):
        i = back[c][j]
        cells.append(tokens[i:j])
        j = i
    return cells[::-1]


def cut_costs(tokens: list[_Token], roles: list[str], lexicon: UnitLexicon | None = None) -> list[float]:
    """The cost of a cell opening before each token (and 0 at both ends); with the plan's
    lexicon, a line that goes on a unit's known name costs more to open a cell."""
    n = len(tokens)
    opens = [0.0] + [_cut_cost(tokens[j], tokens[j - 1]) for j in range(1, n)] + [0.0]
    if "measure" in roles:
        for j in range(1, n):
            if opens[j] > _MEASURE_OPENS and _opens_measure(tokens, j):
                opens[j] = _MEASURE_OPENS
    if lexicon is not None and any(r in UNIT_ROLES for r in roles):
        _keep_known_names(tokens, opens, known_name_prefixes(lexicon))
    return opens


def _keep_known_names(tokens: list[_Token], opens: list[float], prefixes: frozenset) -> None:
    """A unit's name wrapped in its narrow column ("Phòng Tổ chức -" / "Hành chính", "Phòng Kế
    hoạch" / "- Nghiệp vụ", "Khoa Dược -" / "Trang thiết bị -" / …): a line that goes on with
    the opening of a name the plan or the vocabulary knows does not open a cell."""
    words = [name_tokens(t.text) for t in tokens]
    starts = [j for j, t in enumerate(tokens) if t.gap < 0]
    for before, j, after in zip(starts, starts[1:], starts[2:] + [len(tokens)]):
        if opens[j] == float("inf"):
            continue
        for i in range(max(before, j - _NAME_REACH), j):
            if not tokens[i].text[:1].isupper():
                continue
            head = sum(words[i:j], ())
            if any(head + sum(words[j:k], ()) in prefixes for k in range(j + 1, min(after, j + _NAME_REACH) + 1)):
                opens[j] += _INSIDE_NAME_COST
                break


# Words looked at on each side of a line break for a wrapped name, and the cost of a cell
# opening inside one (a cell may still open there when nothing else fits).
_NAME_REACH = 6
_INSIDE_NAME_COST = 3.0


def _opens_measure(tokens: list[_Token], j: int) -> bool:
    """A unit of measure in lower case opening a printed line ("phút ≤ 30", "sáng" / "kiến"),
    or inside one right before the value ("… ngoại trú phút ≤ 60", "… người lao động lớp 04"):
    in a table with a unit-of-measure column, that cell opens there."""
    words = [t.text for t in tokens[j:j + 3]]
    if tokens[j].gap < 0:
        return is_measure(words[0]) or (len(words) >= 2 and is_measure(" ".join(words[:2])))
    return any(len(words) > k and _VALUE_OPENS.match(words[k]) and all(w.isalpha() for w in words[:k])
               and is_measure(" ".join(words[:k]))
               for k in (1, 2))


_VALUE_OPENS = regex.compile(r"[\d≥≤<>]")


# A unit-of-measure cell opening in lower case at a line start costs no more than a capital.
_MEASURE_OPENS = 0.5

# Cost caps tried in turn by tokens_to_cells; the last must be infinite.
_COST_CAPS = (1.5, 6.0, float("inf"))


def _cheapest_cuts(tokens: list[_Token], roles: list[str], scorer: Scorer, opens: list[float],
                   cuts: list[int], cache: dict, cap: float) -> list[list[int]] | None:
    """Back pointers of the cheapest split costing at most cap, or None when there is none.
    Partial splits dearer than cap are dropped: with no negative cost they cannot recover."""
    n, k, inf = len(tokens), len(roles), float("inf")
    best = [[inf] * (n + 1) for _ in range(k + 1)]
    back = [[0] * (n + 1) for _ in range(k + 1)]
    best[0][0] = 0.0
    for c in range(k):
        typed = _MAX_TOKENS.get(base_role(roles[c]))
        starts = [i for i in cuts if best[c][i] < inf]
        for j in (cuts if c + 1 < k else [n]):  # the last cell ends the row
            # Cheapest starts first: once a start's cost so far exceeds the best total found,
            # no span from it can win (span costs are never negative), so it is not scored.
            reached = sorted((best[c][i] + (opens[i] if j > i else 0.0), i) for i in starts
                             if i <= j and not (typed and j - i > typed))
            for so_far, i in reached:
                limit = min(best[c + 1][j], cap)
                if so_far > limit:
                    break
                if i == j:  # the empty line before tokens[j] marks one empty cell, not two
                    total = so_far + cell_cost(scorer, roles, c, tokens, i, j,
                                               after_empty_cell=c > 0 and back[c][i] == i)
                else:
                    total = so_far + _span_cost(scorer, roles, c, tokens, i, j, cache, limit - so_far)
                if total > cap:
                    continue
                if total < best[c + 1][j] or (total == best[c + 1][j] and i < back[c + 1][j]):
                    best[c + 1][j], back[c + 1][j] = total, i
    return back if best[k][n] < inf else None


def cell_cost(scorer: Scorer, roles: list[str], c: int, tokens: list[_Token], i: int, j: int,
              budget: float = float("inf"), after_empty_cell: bool = False) -> float:
    """Cost of tokens[i:j] as the cell of roles[c]. An empty cell where the row prints an
    empty line (seed 000's " " for an empty product) costs nothing; the line marks one empty
    cell, so a second empty cell right after it (`after_empty_cell`) pays as usual."""
    if i == j and 0 < j < len(tokens) and tokens[j].after_empty and not scorer.continuation \
            and not after_empty_cell:
        return 0.0
    return scorer.cost(roles, c, tokens[i:j], budget)


def _span_cost(scorer: Scorer, roles: list[str], c: int, tokens: list[_Token], i: int, j: int,
               cache: dict, budget: float) -> float:
    """Typed columns of the same kind (lead and partner) score a span once. A cost above its
    budget may be a lower bound: cached as such, it is computed again for a larger budget."""
    role = base_role(roles[c])
    if role in FREE_ROLES or i == j:
        return cell_cost(scorer, roles, c, tokens, i, j)
    key = ("unit" if role in UNIT_ROLES else role, i, j)
    known = cache.get(key)
    if known is None or (known[1] < budget and not known[2]):
        value = cell_cost(scorer, roles, c, tokens, i, j, budget)
        cache[key] = known = (value, budget, value <= budget)
    return known[0]


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
        scorer = Scorer(lexicon, continuation=f > 0, continued=f + 1 < len(raw.fragments), still_empty=still_empty)
        cells = _deadline_beside(tokens_to_cells(tokens, header.roles, scorer), header.roles)
        for role, cell in zip(header.roles, cells):
            if cell:
                merged[role].append(_tokens_text(cell))
                spans[role] += [cell[0].start, cell[-1].end]
    cells = {r: Cell(join_lines(merged[r]) or None, min(spans[r], default=None),
                     max(spans[r], default=None)) for r in header.roles}
    lines = [ln for frag in raw.fragments for ln, _ in frag]
    return TableRow(table_no, raw.task_no, raw.group_no, raw.group_title, cells, lines, header.roles,
                    names_first_unit_lead(" ".join(ln.text for ln in header.lines)))


def _deadline_beside(cells: list[list[_Token]], roles: list[str]) -> list[list[_Token]]:
    """Two multi-line cells side by side may come out line by line, each printed line holding
    a piece of both ("Trước Hồ sơ đề xuất" / "30/6/2026 cấp độ được"): the reading order
    cannot keep the deadline whole. When the deadline cell came out empty, the deadline is
    looked for at the starts of the next cell's lines (or the ends of the previous cell's),
    one or two words per line, and taken out of it."""
    if "deadline" not in roles:
        return cells
    d = roles.index("deadline")
    if cells[d]:
        return _opener_beside_units(cells, roles, d)
    for k, at_start in ((d + 1, True), (d - 1, False), (d - 1, None)):
        if 0 <= k < len(cells) and roles[k] in FREE_ROLES and cells[k]:
            found = _deadline_ending_a_line(cells[k]) if at_start is None else \
                _interleaved_deadline(cells[k], at_start)
            if found:
                taken = {id(t) for t in found}
                cells = list(cells)
                cells[d] = found
                cells[k] = [t for t in cells[k] if id(t) not in taken]
                return cells
    return cells


def _opener_beside_units(cells: list[list[_Token]], roles: list[str], d: int) -> list[list[_Token]]:
    """The deadline's first word printed beside the unit cell that follows it, at the end of
    the name ("… (HIS, LIS, PACS)" / "Trước Tổ CNTT" / "30/9/2026"): the word opens the
    deadline and the rest of that line is the units."""
    if d == 0 or d + 1 >= len(roles) or roles[d + 1] not in UNIT_ROLES or cells[d + 1] \
            or roles[d - 1] not in FREE_ROLES or not cells[d - 1]:
        return cells
    last = _token_line_groups(cells[d - 1])[-1]
    deadline = _tokens_text(cells[d])
    for k, tok in enumerate(last[:-1]):
        units = last[k + 1:]
        if opens_deadline(tok.text) and is_deadline(f"{tok.text} {deadline}") \
                and may_open_units(_tokens_text(units)):
            moved = {id(t) for t in last[k:]}
            return [*cells[:d - 1], [t for t in cells[d - 1] if id(t) not in moved],
                    [tok, *cells[d]], units, *cells[d + 2:]]
    return cells


def _deadline_ending_a_line(tokens: list[_Token]) -> list[_Token] | None:
    """A one-line deadline printed beside a wrapped cell, inside its text: "Dữ liệu được liên
    Quý II/2026" / "thông trên VNeID"; the line after it goes on in lower case."""
    lines = _token_line_groups(tokens)
    for line, below in zip(lines, lines[1:]):
        n = _deadline_ending(line, keep=1) if below[0].text[:1].islower() else 0
        if n:
            return line[-n:]
    return None


def _interleaved_deadline(tokens: list[_Token], at_start: bool) -> list[_Token] | None:
    lines = _token_line_groups(tokens)
    if len(lines) < 2:
        return None
    for first_words in (1, 2):
        for second_words in (1, 2):
            a = lines[0][:first_words] if at_start else lines[0][-first_words:]
            b = lines[1][:second_words] if at_start else lines[1][-second_words:]
            if len(a) == len(lines[0]) or len(b) > len(lines[1]):
                continue  # the whole line: not interleaved
            text = " ".join(t.text for t in a + b)
            if _CELL_START.match(text) and is_deadline(text):
                return a + b
    return None


def lines_to_rows(lines: list[Line], lexicon: UnitLexicon | None) -> list[TableRow]:
    rows: list[TableRow] = []
    for t, (header, raw_rows) in enumerate(lines_to_tables(lines), start=1):
        rows.extend(_numbered_groups_to_titles(
            [raw_row_to_row(raw, header, t, lexicon) for raw in raw_rows]))
    return rows


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
    group: tuple[str, str] | None = None
    for k, row in enumerate(rows):
        filled = [r for r in row.roles if row.text(r)]
        later = [r.task_no for r in rows[k + 1:]]
        name = row.text("name")
        numbered = _numbered_group(row.task_no, [row.task_no, name], later) if filled == ["name"] and name else None
        if numbered:
            group = numbered
            continue
        if group and row.task_no.startswith(group[0] + "."):
            row.group_no, row.group_title = group
        out.append(row)
    return out


# ------------------------------------------------------------------ tables read from layout

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
    parent: tuple[str, str] | None = None  # "4 | Triển khai bệnh án điện tử:" over 4.1, 4.2
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
            parent = None
            continue
        numbered = _numbered_group(tt, filled, tts[k + 1:])
        if numbered:
            parent = numbered
            continue
        if parent and tt and not tt.startswith(parent[0] + "."):
            parent = None  # task 5 after 4.1-4.3: back in the section, not under task 4
        cells = {r: Cell(texts[c] or None, row[c].start if row[c] else None, row[c].end if row[c] else None)
                 for c, r in role_cols if c < len(row)}
        lines = [_line_of(c) for c in row if c is not None and c.text]
        lettered = _lettered_sub_row(tt, cells, out[-1] if out else None)
        if lettered:
            letter, name = lettered
            if len(out[-1].cells) > 1 and _title_only(out[-1]):
                title_row = out.pop()  # "11 | Thanh toán không dùng tiền mặt" over a), b)
                parent = (title_row.task_no, squash_spaces(title_row.text("name") or ""))
            cells["name"] = Cell(name, cells["name"].start, cells["name"].end)
            no, title = parent or (group_no, group_title)
            out.append(TableRow(table_no, letter, no, title, cells, lines, role_names, first_leads))
            continue
        if not tt and out and lines:
            _continue_row(out[-1], cells, lines)
        elif tt and lines:
            no, title = parent or (group_no, group_title)
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


def _numbered_group(tt: str, filled: list[str], later_tts: list[str]) -> tuple[str, str] | None:
    """(number, title) of a group row numbered in Arabic above "1.1", "1.2": "1 | Hạ tầng số
    | | |", or one cell merged across the row "1. Hạ tầng số"; known by its empty cells and by
    the next numbered row being its child."""
    merged = _MERGED_GROUP_RE.fullmatch(squash_spaces(filled[0])) if len(filled) == 1 else None
    if not (merged or len(filled) == 2):
        return None
    no, title = (merged["no"], merged["title"]) if merged else (tt.rstrip("."), filled[-1])
    if not regex.fullmatch(r"\d{1,2}", no):
        return None
    following = next((t for t in later_tts if t), "")
    if following.startswith(no + ".") and regex.fullmatch(r"\d{1,2}(?:\.\d{1,2})+\.?", following):
        return no, squash_spaces(title)
    return None


_MERGED_GROUP_RE = regex.compile(r"(?P<no>\d{1,2})\.?\s+(?P<title>\p{Lu}.*)")


# ------------------------------------------------------------------ roles named inside a cell

def split_role_markers(text: str | None, own_role: str) -> dict[str, str]:
    """Units of one cell by role when the cell names the roles itself ("Phòng A chủ trì,
    Phòng B phối hợp"; "Chủ trì: Phòng A; phối hợp: Phòng B"); text without a marker keeps the
    cell's own role. A cell without markers comes back whole."""
    if not text:
        return {}
    folded = fold(text)  # same length as text: fold only changes case and tone placement
    hits = _role_marker_hits(folded)
    if not hits or len(folded) != len(text):
        return {own_role: text}
    parts: dict[str, list[str]] = {}
    cursor, pending = 0, None  # pending: role announced by a prefix marker ("Chủ trì:")
    unmarked = own_role
    for start, end, role, prefix in hits:
        before = text[cursor:start].strip(_MARKER_PUNCT)
        if before:
            parts.setdefault(role if not prefix and pending is None else (pending or unmarked),
                             []).append(before)
        if not prefix and role == "lead" and own_role == "lead":
            unmarked = "partner"  # "Phòng TC-HC (chủ trì), Tổ CNTT": the others cooperate
        pending = role if prefix else None
        cursor = end + (1 if prefix and text[end:end + 1] == ":" else 0)
    rest = text[cursor:].strip(_MARKER_PUNCT + ".")
    if rest:
        parts.setdefault(pending or unmarked, []).append(rest)
    return {role: "; ".join(p) for role, p in parts.items()}


_MARKER_PUNCT = " ,;:()\n"  # around a marker: "(chủ trì),"


def _ends_with_role_marker(tokens: list[_Token]) -> float:
    """A task name does not end with "chủ trì," or "phối hợp": those words close a unit
    cell's entry ("Phòng KHTH chủ trì,")."""
    tail = fold(" ".join(t.text for t in tokens[-6:])).rstrip(" ,;:.")
    hits = _role_marker_hits(tail)
    return 1.0 if hits and hits[-1][1] == len(tail) and not hits[-1][3] else 0.0


def _opens_with_deadline(tokens: list[_Token]) -> float:
    """"31/3/2026 Quyết định kiện toàn", "2026 Quy trình …" after a time column: the date or
    the year ending "6 tháng đầu năm" is that column's."""
    if _YEAR.fullmatch(tokens[0].text):
        return 1.0
    first = [t for t in tokens[:3] if t.line == tokens[0].line]
    for k in range(len(first), 0, -1):
        text = " ".join(t.text for t in first[:k])
        if _CELL_START.match(text) and any(c.isdigit() for c in text) and is_deadline(text):
            return 1.0  # a dated deadline; "Theo lộ trình …" may well open a note
    return 0.0


def _first_line_run_on(tokens: list[_Token]) -> list[_Token]:
    """The cell's first printed line, with the next ones while it breaks off on a comma, a
    word that cannot end a phrase or a bare head, or the next goes on in lower case ("Phòng
    ĐD, Các" / "khoa lâm sàng", "Trung tâm" / "Đào tạo và" / "Chỉ đạo" / "tuyến")."""
    lines = _token_line_groups(tokens)
    run = lines[0]
    for line in lines[1:_NAME_LINES + 1]:
        last = run[-1].text
        if not (last.endswith(",") or fold(last) in header_vocab()["dangling"] or _bare_head(run)
                or line[0].text[:1].islower() or line[0].text in _DASHES):
            break
        run = run + line
    return run


def _bare_head(run: list[_Token]) -> int:
    """"Trung tâm", "Phòng": a unit's head word alone, its name on the next line (its number of
    tokens, 0 when it is not one)."""
    return len(run) if len(run) <= 2 and fold(" ".join(t.text for t in run)) in load_vocabulary().heads else 0


def _last_line_run_on(tokens: list[_Token]) -> list[_Token]:
    """The cell's last printed line, with those before when a name wraps across them
    ("Phòng Kế hoạch" / "- Nghiệp vụ", "Khoa Xét nghiệm" / "và Chẩn đoán" / "hình ảnh")."""
    lines = _token_line_groups(tokens)
    run = lines[-1]
    for line in reversed(lines[-_NAME_LINES:-1]):
        opener, before = run[0].text, line[-1].text
        if not (opener in _DASHES or opener[:1].islower() or before in _DASHES):
            break
        run = line + run
    return run


# Printed lines a unit's name may wrap over in a narrow column.
_NAME_LINES = 3


_DASHES = ("-", "–")


def _ends_with_deadline_opener(tokens: list[_Token]) -> float:
    """"Kế hoạch Tháng" / "02/2026", "… ký số Trước ngày" / "30/6/2026", "… Hoàn thành" /
    "trước": a capitalised word opening a deadline, maybe with one more of its words, or a
    printed line of deadline words alone, opened the deadline cell."""
    last = tokens[-1].text
    if last[:1].isupper() and opens_deadline(last):
        return 1.0
    lines = _token_line_groups(tokens)
    if len(lines) > 1 and all(opens_deadline(t.text) for t in lines[-1]):
        return 1.0  # "… Hoàn thành" / "trước" / "31/12/2026": a line of deadline words alone
    if len(tokens) < 2 or tokens[-2].line != tokens[-1].line:
        return 0.0
    before, pair = tokens[-2].text, f"{tokens[-2].text} {last}"
    opens = opens_deadline(pair) or (opens_deadline(before) and opens_deadline(last))
    return 1.0 if before[:1].isupper() and opens else 0.0


def _opens_with_role_marker(tokens: list[_Token]) -> float:
    """"Phối hợp: Khoa CĐHA, Phòng …" opens the unit cell's next entry, not a product."""
    head = fold(" ".join(t.text for t in tokens[:4]))
    hits = _role_marker_hits(head)
    return 1.0 if hits and hits[0][0] == 0 and hits[0][3] else 0.0


def _without_role_markers(text: str) -> str:
    """A unit cell read as a list of units: "Phòng A chủ trì, Phòng B phối hợp" scores as
    "Phòng A, Phòng B" (line breaks kept)."""
    folded = fold(text)
    hits = _role_marker_hits(folded) if len(folded) == len(text) else []
    for start, end, _, prefix in reversed(hits):
        cut = end + (1 if prefix and folded[end:end + 1] == ":" else 0)
        text = text[:start] + text[cut:]
    return _MARKER_GAP_RE.sub("", text).strip(" ,;:") if hits else text


def _role_marker_hits(folded: str) -> list[tuple[int, int, str, bool]]:
    """(start, end, role, is_prefix) of every role marker standing as whole words."""
    hits: list[tuple[int, int, str, bool]] = []
    taken = [False] * len(folded)
    vocab = header_vocab()
    for first_word, role, pattern in vocab["role_marker_patterns"]:
        if first_word not in folded:  # most cells hold no marker: skip the regex
            continue
        for m in pattern.finditer(folded):
            if any(taken[m.start():m.end()]):
                continue
            taken[m.start():m.end()] = [True] * (m.end() - m.start())
            after = folded[m.end():]
            spaces = len(after) - len(after.lstrip())
            link = _MARKER_LINK_RE.match(after, spaces)
            if link and link.group(1) in vocab["role_marker_links"]:
                hits.append((m.start(), m.end() + link.end(), role, True))  # "phối hợp với " + units
                continue
            prefix = after.lstrip(" ").startswith(":")
            hits.append((m.start(), m.end() + (len(after) - len(after.lstrip(" ")) if prefix else 0), role, prefix))
    return sorted(hits)


_MARKER_LINK_RE = regex.compile(r"(\w+)\s*")


def _continue_row(row: TableRow, cells: dict[str, Cell], lines: list[Line]) -> None:
    for role, cell in cells.items():
        if not cell.text:
            continue
        before = row.cells.get(role) or Cell(None)
        text = join_lines([before.text or "", cell.text])
        row.cells[role] = Cell(text, before.start if before.start is not None else cell.start, cell.end)
    row.lines.extend(lines)
