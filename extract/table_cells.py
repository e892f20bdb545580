"""A flattened row cut into its cells: the cut points that make every piece read as its
column's type (units, deadline, quantity, free text), found by a small dynamic program
(`tokens_to_cells`) over the costs a `Scorer` gives each candidate cell.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from normalize.deadlines import is_bare_year, is_cut_range, is_deadline, opens_deadline, parse_deadline
from normalize.quantities import (is_bare_quantity, is_measure, is_qualified_quantity, is_qualitative_value, is_quantity,
                                  may_be_measure, parse_quantity)
from normalize.text import fold
from normalize.unit_scores import unit_list_score
from normalize.units import UnitLexicon, load_vocabulary, may_open_units, split_units

from .role_markers import role_marker_hits, without_role_markers
from .table_cuts import DEADLINE_REST_WORDS, UNIT_ROLES, completes_deadline, cut_costs, names_a_department
from .table_headers import base_role, header_vocab
from .table_tokens import CELL_START, Token, deadline_ending, glued_text, layout_text, token_line_groups, tokens_text

FREE_ROLES = ("name", "product", "budget", "person", "note")
_YEAR = regex.compile(r"(?<![\d/.-])(?:19|20)\d{2}(?!\d)")


@dataclass(frozen=True)
class Scorer:
    lexicon: UnitLexicon | None
    continuation: bool = False   # the row's text after a page break
    # on a continuation, the typed columns the text before the break left empty: they are
    # printed after it ("… chẩn đoán" / header / "hình ảnh BVĐK tỉnh Sở KH&CN; P.NVY Năm 2026")
    still_empty: frozenset = frozenset()
    continued: bool = False      # the row goes on after a page break: a cell may stop mid-phrase
    # on a continuation, the columns other than the name the text before the break left
    # mid-phrase ("Danh mục kỹ" / header / "… thuật mới được phê duyệt"): they go on in lower case
    goes_on: frozenset = frozenset()
    # on a continuation, the deadline's opening word the text before the break ended on
    # ("Hằng" / page break / "năm"): the continuation's first words complete it
    deadline_opening: str = ""
    # on a continuation, the cells the text before the break left cut (tables._cut_cells): on a
    # code's hyphen ("Phòng KH-" / page break / "NV Phòng ĐD;"), a list's comma ("Các khoa," /
    # "phòng"), inside a name ("Tổ phát triển" / "KH, CN, …", "≥01 sáng" / "kiến/khoa"):
    # (role, that text), read together with the rest
    cut_cells: tuple = ()
    one_line: bool = False       # the text is one printed line (a row cut right after its first)

    def cost(self, roles: list[str], position: int, tokens: list[Token],
             budget: float = float("inf")) -> float:
        """The cost of tokens as the cell of roles[position]; above budget the answer may be
        a lower bound only (the segmentation needs no more than "too dear")."""
        role = base_role(roles[position])
        if not tokens:
            if role == "deadline" and self.deadline_opening:
                return _EMPTY_COST["deadline"]  # "Hằng" before the break: its rest is after it
            if self.continuation and role not in self.still_empty:
                return _LIST_GOES_ON_COST if self._cut_list(roles[position]) else 0.0
            return _EMPTY_COST.get(role, 0.3)
        if role in FREE_ROLES:
            return (0.01 * position if self.continuation else 0.0) + self._completes_deadline(tokens) + \
                _budget_cost(role, tokens, roles) + \
                self._unit_at_edge(tokens, roles, position) + \
                self._unit_lines_inside(tokens, roles, position) + self._note_holds_cells(tokens, roles, position) + \
                (0.0 if self.continued else _dangling_cost(tokens, roles, position) + _list_goes_on(tokens, role))
        if role in UNIT_ROLES:
            layout = without_role_markers(self._after_cut_code(roles[position], layout_text(tokens)))
            if self.continued and self.one_line and not layout and role_marker_hits(fold(tokens_text(tokens))):
                return _CUT_OPENING_COST  # "Chủ trì:" before a page break, its units after it
            if not may_open_units(layout):
                return _NOT_UNITS_COST  # scoring it would cost more than the rest of the row
            floor = _year_cost(layout) + (0.0 if self.continued else _dangling_cost(tokens, roles, position))
            if floor > budget:
                return floor  # dear enough without reading the units
            listed = (1.0 - unit_list_score(layout, self.lexicon)) * 6 + floor
            if layout.endswith((";", ",")) and not self.continued:
                listed += _LIST_GOES_ON_COST  # "Văn phòng Sở;" + "Phòng KH-TC": the list goes on
            return listed if listed > budget else listed + self._juxtaposed(layout, _unit_columns(roles) > 1)
        if role == "start" and tokens_text(tokens).strip() in _NO_VALUE:
            return 0.0  # "-": no start given
        if role in ("deadline", "start"):
            text = tokens_text(tokens)
            if self.deadline_opening and is_deadline(f"{self.deadline_opening} {text}"):
                return 0.0
            if self.continued and is_cut_range(text):
                # "2026 -" / page break / "2027": a range cut there, likelier than a product
                # opening on a bullet ("2026" | "- Phần mềm AI …")
                return _CUT_RANGE_COST
            if not is_deadline(text):
                if self.continued and self.one_line and len(tokens) <= 2 and \
                        all(opens_deadline(t.text) for t in tokens):
                    return _CUT_OPENING_COST  # "Trước" before a page break, "31/12/2026" after it
                return _BARE_YEAR_COST if is_bare_year(text) else 4.0
            # "Quý II," / "III/2026": a list cut at its comma or hyphen goes on in the next line
            if text.endswith((",", "-")):
                return _CUT_OPENING_COST if self.continued else 1.0  # "2026 -" / page break / "2027"
            return 0.0
        if role == "quantity":
            text = self._after_cut_quantity(roles[position], tokens_text(tokens))
            return _quantity_cost(text, "measure" in roles) + _capital_lines_cost(tokens)
        if role == "measure":
            return _measure_cost(tokens_text(tokens))
        if role == "baseline":
            return _baseline_cost(tokens_text(tokens))
        return 0.0

    @lru_cache(maxsize=4096)
    def _juxtaposed(self, text: str, other_unit_column: bool = True) -> float:
        """Units side by side on one line without a separator are usually two cells (the lead
        and the partner printed at one height); stacked on separate lines, or in a table with
        one unit column, they are often one cell's list (two paragraphs, "Phòng KHTH Phòng HCQT")."""
        spans = split_units(text)
        cost = 0.0
        for (_, prev_end), (start, _) in zip(spans, spans[1:]):
            between = text[prev_end:start]
            if not any(sep in between for sep in ",;"):
                cost += 0.4 if "\n" in between or not other_unit_column else 1.5
        return cost

    def _unit_at_edge(self, tokens: list[Token], roles: list[str], position: int) -> float:
        """A free-text cell (name, product) whose printed line next to a unit column is itself
        a unit: that line belongs to the unit column."""
        cost = 0.0
        if position > 0 and roles[position - 1] in UNIT_ROLES:
            cost += self._first_line_is_unit(tokens)
            cost += _opens_with_role_marker(tokens)
        elif roles[position] in ("name", "product") and _units_then_dates_before(roles, position):
            # "Các TTYT" / "2026 2027 Báo cáo …": the unit cell went on, the dates were empty
            cost += self._first_line_is_unit(tokens)
        if position > 0 and roles[position - 1] in ("start", "deadline"):
            cost += _opens_with_deadline(tokens)
        if position + 1 < len(roles) and roles[position + 1] in UNIT_ROLES:
            last_line = _last_line_run_on(tokens)
            opener = len(tokens) - len(last_line)
            if opener > 0 and tokens[opener - 1].text.endswith("-"):
                # "Khoa DS-" / "TTGDSK", "13/2025/TT-" / "BYT": a code wrapped at its hyphen
                last_line = token_line_groups(tokens[:opener])[-1] + last_line
            cost += self._line_is_unit(last_line)
            cost += _ends_with_role_marker(tokens)
        if position + 1 < len(roles) and roles[position + 1] == "deadline":
            cost += _ends_with_deadline_opener(tokens)
        if "deadline" in roles[position + 1:]:
            cost += _deadline_then_units(tokens) + _deadline_broken_inside(tokens)
        if "deadline" in roles and any(r in UNIT_ROLES for r in roles):
            cost += self._units_then_deadline(tokens)
        return cost

    def _cut_before(self, role: str) -> str:
        """The text a page break cut this column's cell at ("" when it did not)."""
        return next((b for r, b in self.cut_cells if r == role), "") if self.cut_cells else ""

    def _after_cut_code(self, role: str, text: str) -> str:
        before = self._cut_before(role)
        if not before:
            return text  # the common case, on the hot path
        first = text.split(" ", 1)[0]
        if before.endswith(","):
            # "Các khoa," / page break / "phòng": a lower-case word finishes a group of kinds
            # of units ("các khoa, phòng", "các xã, phường"), read with that group only (the
            # units before it were scored before the break)
            group = _last_unit(before)
            plural = any(w in load_vocabulary().plural_markers for w in fold(group).split())
            rest = plural and first[:1].islower() and len(text.split()) <= _LIST_REST_WORDS
            return f"{group} {text}" if rest else text
        code = first.isupper() and len(first.strip(",;")) > 1
        if before.endswith("-"):
            # only a code's rest goes on a code ("NV", not "dụng trên …" nor "Công nghệ …")
            return f"{before}{text}" if code else text
        if before[-1:].isalpha() and code:
            # "Tổ phát triển" / page break / "KH, CN, đổi mới sáng tạo": the name goes on with
            # the codes of its words (lower-case words after a unit are as often the name's)
            return f"{_last_unit(before)} {text}"
        return text

    def _after_cut_quantity(self, role: str, text: str) -> str:
        """"≥01 sáng" / page break / "kiến/khoa": a value cell cut inside its unit goes on
        with the unit's rest, in lower case and short."""
        before = self._cut_before(role)
        if before[-1:].isalpha() and text[:1].islower() and len(text.split()) <= _LIST_REST_WORDS:
            return f"{before} {text}"
        return text

    def _cut_list(self, role: str) -> bool:
        """The unit list the text before the break ended on a comma or semicolon goes on
        after it: the column is not empty there."""
        return base_role(role) in UNIT_ROLES and self._cut_before(role).endswith((",", ";"))

    def _completes_deadline(self, tokens: list[Token]) -> float:
        """A free-text cell opening on the words that complete the deadline cut by the page
        break ("năm" after "Hằng"): those words are the deadline's."""
        if not self.deadline_opening:
            return 0.0
        return 1.0 if completes_deadline(self.deadline_opening, token_line_groups(tokens)[0][:DEADLINE_REST_WORDS]) else 0.0

    def _first_line_is_unit(self, tokens: list[Token]) -> float:
        """The cell's first line is a unit, also when the unit's proper name wraps onto the
        next line ("Viễn thông Thành phố Hồ Chí" / "Minh (VNPT)", "Trường Đại học Y khoa Phạm"
        / "Ngọc Thạch"): the line alone names nothing, the two together name the unit."""
        run = _first_line_run_on(tokens)
        cost = self._line_is_unit(run)
        if cost or len(run) == len(tokens) or not run[-1].text[:1].isupper():
            return cost
        rest = token_line_groups(tokens[len(run):])[0]
        if len(rest) > _PROPER_NAME_TAIL_WORDS or not rest[0].text[:1].isupper():
            return 0.0
        return self._line_is_unit(run + rest)

    def _units_then_deadline(self, tokens: list[Token]) -> float:
        """A printed line of a free-text cell opening on a unit and then a deadline ("Phòng
        KHTH Quý II/2026 Quyết định …"): the unit and the deadline were printed at that line's
        height, as cells of their own."""
        return _DEADLINE_THEN_UNITS_COST if any(self._line_units_then_deadline(tuple(t.text for t in line))
                                                for line in token_line_groups(tokens)) else 0.0

    @lru_cache(maxsize=8192)
    def _line_units_then_deadline(self, words: tuple[str, ...]) -> bool:
        """The same printed line recurs in many candidate cells of a row: decided once."""
        return any(0 < k <= _UNIT_WORDS and self._units_cost(" ".join(words[:k])) for k, _ in _deadline_phrases(words))

    def _unit_lines_inside(self, tokens: list[Token], roles: list[str], position: int) -> float:
        """A name, product or budget holding whole printed lines of units inside it ("… của Ban"
        / "Chỉ đạo." / "Phòng TCCB Phòng KHTH" / "Tổ CNTT" / "Quyết định …", "Phòng ĐD" / "Tổ
        CNTT" / "Các khoa lâm sàng" / "450 Nguồn thu sự nghiệp"): the units are the unit
        columns' and the free-text cell ended before them or began after them."""
        if roles[position] not in ("name", "product", "budget") or not any(r in UNIT_ROLES for r in roles):
            return 0.0
        lines = token_line_groups(tokens)
        return _UNIT_LINE_INSIDE_COST * sum(self._line_is_unit(ln) for ln in lines[1:-1])

    def _note_holds_cells(self, tokens: list[Token], roles: list[str], position: int) -> float:
        """A "Ghi chú" cell says "Nhiệm vụ chuyển tiếp", "Ưu tiên": a printed line of it that is
        all units, or all a deadline, is the units' or the deadline column's, which ended there
        ("Phòng Tổ chức cán" / "bộ;" / "Các phòng chức" / "năng Sở" / "Quý I/2026")."""
        if roles[position] != "note":
            return 0.0
        lines = token_line_groups(tokens)
        # "Phối hợp Sở Y" / "tế", "Phối hợp" / "Phòng CNTT": a note naming a role is a sentence
        units = any(r in UNIT_ROLES for r in roles) and not role_marker_hits(fold(tokens_text(tokens))) and \
            sum(self._line_is_unit(ln) for ln in lines)
        # "Theo hướng dẫn của Sở Y tế" is a note as often as a deadline: only a dated line counts
        dated = "deadline" in roles and any(_dated(tokens_text(ln)) for ln in lines)
        return _UNIT_LINE_INSIDE_COST * units + (_DEADLINE_LINE_IN_NOTE_COST if dated else 0.0)

    def _line_is_unit(self, line_tokens: list[Token]) -> float:
        text = glued_text(line_tokens)
        if len(text) > 48 or not CELL_START.match(text):
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
        units = without_role_markers(text)  # "Phòng TCCB (phối hợp)", "Phối hợp: Phòng TCCB"
        if not units or unit_list_score(units, self.lexicon) < 0.9:
            return 0.0
        return 1.6 if len(split_units(units)) > 1 else 1.0


def _unit_columns(roles: list[str]) -> int:
    return sum(base_role(r) in UNIT_ROLES for r in roles)


def _dated(text: str) -> bool:
    return is_deadline(text) and parse_deadline(text).kind not in ("event", "unparsed")


def _list_goes_on(tokens: list[Token], role: str) -> float:
    """"- Kế hoạch được ban hành;" / "- Quyết định kiện toàn …": a cell's list item ending in
    ";" has its next item below, in the same cell."""
    return _LIST_GOES_ON_COST if role in ("name", "product", "note") and tokens[-1].text.endswith(";") else 0.0


def _units_then_dates_before(roles: list[str], position: int) -> bool:
    """Right before this column: a unit column, then only start or deadline columns."""
    k = position - 1
    while k >= 0 and roles[k] in ("start", "deadline"):
        k -= 1
    return k < position - 1 and k >= 0 and roles[k] in UNIT_ROLES


def _budget_cost(role: str, tokens: list[Token], roles: list[str]) -> float:
    """A budget cell holds a sum or its source ("150", "NSNN", "Kinh phí từ nguồn chi thường
    xuyên"): past a dozen words it has taken the cells before it, a deadline inside it
    ("P.HCNS Tháng 01/2026 -", "Thường xuyên 60") is the deadline column's, and a department
    opening it is the units column's."""
    if role != "budget":
        return 0.0
    cost = _BUDGET_WORD_COST * max(0, len(tokens) - _BUDGET_WORDS)
    if "deadline" in roles and _deadline_phrases(tuple(t.text for t in tokens[:_BUDGET_WORDS])):
        cost += _DEADLINE_IN_BUDGET_COST
    if len(tokens) > 1 and names_a_department(tokens[0].text) and any(r in UNIT_ROLES for r in roles):
        cost += _DEADLINE_IN_BUDGET_COST  # "Phòng KH-NV 150 Nguồn thu …": the unit ends the units cell
    return cost


def _deadline_then_units(tokens: list[Token]) -> float:
    """A printed line of a cell left of the deadline column holding a deadline and then a
    unit ("Báo cáo tiến độ Hằng quý P. KHTH"): the deadline and the unit cells were printed
    at the line's height, and this cell ended before them."""
    return _DEADLINE_THEN_UNITS_COST if any(_line_deadline_then_units(tuple(t.text for t in line))
                                            for line in token_line_groups(tokens)) else 0.0


@lru_cache(maxsize=8192)
def _line_deadline_then_units(words: tuple[str, ...]) -> bool:
    """The same printed line recurs in many candidate cells of a row: decided once."""
    return any(k + n < len(words) and words[k + n][:1].isupper() and may_open_units(" ".join(words[k + n:]))
               for k, n in _deadline_phrases(words))


@lru_cache(maxsize=8192)
def _deadline_phrases(words: tuple[str, ...]) -> tuple[tuple[int, int], ...]:
    """(start, length) of every deadline phrase of up to four words opening at a capital or a
    digit ("Tháng 01/2026", "Quý I - Quý II/2026", "Thường xuyên"); "nguồn chi thường xuyên"
    in lower case names a source, not a deadline."""
    return tuple((k, n) for k in range(len(words)) if CELL_START.match(words[k])
                 for n in range(1, min(4, len(words) - k) + 1) if is_deadline(" ".join(words[k:k + n])))


_DEADLINE_THEN_UNITS_COST = 1.5
_UNIT_WORDS = 6   # words of a unit's name looked at before a deadline


_BUDGET_WORDS = 12
_BUDGET_WORD_COST = 0.2
_DEADLINE_IN_BUDGET_COST = 2.0


# A unit cell ending on a separator: its list most likely goes on in the next words.
_LIST_GOES_ON_COST = 0.3
# The most words a unit's name cut at a page break has after it ("phòng", "phường, đặc khu")
_LIST_REST_WORDS = 3
_SUFFIX_MARKER_OPENS_COST = 2.0

# A printed line of units inside a task name: a name rarely wraps so that a line is only units.
_UNIT_LINE_INSIDE_COST = 0.8
_DEADLINE_LINE_IN_NOTE_COST = 1.5


def _last_unit(text: str) -> str:
    """The text from its last unit mention on ("Phòng KHTH Các khoa," -> "Các khoa,")."""
    spans = split_units(text)
    return text[spans[-1][0]:] if spans else text


def _quantity_cost(text: str, unit_has_column: bool) -> float:
    """A quantity cell; next to a unit-of-measure column it holds the value alone ("≥ 50"),
    so words after the value ("≥ 50 Các bệnh viện") belong to the next cell."""
    if unit_has_column and (is_bare_quantity(text) or text.strip() in _NO_VALUE):
        return 0.0  # "100", "≥ 03": a bare number is the whole value here; "-": none
    if is_qualitative_value(text) or is_qualified_quantity(text):
        return 0.2  # "Có", "Hoàn thành", "Duy trì": a value in words; "Duy trì ≥ 90"
    if not is_quantity(text):
        return 4.0
    return 1.5 if unit_has_column else _unit_after_value(text)


def _unit_after_value(text: str) -> float:
    """"100% Khoa Dược", "≥ 80% hồ sơ P.KHTH": a value cell ends where a unit of the next
    column opens, right after the value or after the noun it counts."""
    q = parse_quantity(text)
    rest = text[q.end:].strip(" ,;") if q.end is not None else ""
    return 1.0 if any(m.group()[:1].isupper() and may_open_units(rest[m.start():])
                      for m in _WORD_RE.finditer(rest)) else 0.0


_WORD_RE = regex.compile(r"\S+")


# A count written with its leading zero ("04") after "và", "tại"…: what it counts follows
_COUNT_BEFORE_NOUN = regex.compile(r"0\d")


def _dangling_cost(tokens: list[Token], roles: list[str], position: int) -> float:
    """A cell ending on "của", "và", "cho"… is cut too early (not the row's last): "Tổ chuyển
    đổi số của" / "Trung tâm" is the end of a task's name, no unit."""
    if position + 1 == len(roles):
        return 0.0
    last = fold(tokens[-1].text).strip(",;:")
    two = fold(" ".join(t.text for t in tokens[-2:])).strip(",;:")
    dangling = header_vocab()["dangling"]
    tail = " " + fold(" ".join(t.text for t in tokens[-3:])).strip(",;:")
    if any(tail.endswith(" " + p) for p in header_vocab()["dangling_phrase_ends"]):
        return 0.0
    if last in dangling or two in dangling:
        return 1.5
    if _COUNT_BEFORE_NOUN.fullmatch(last) and len(tokens) > 1 and fold(tokens[-2].text) in dangling:
        return 1.5  # "… tại Trung tâm và 04" / "Trạm Y tế"; "Đề án 06" is a name
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


def _capital_lines_cost(tokens: list[Token]) -> float:
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
# A row a page break cuts after its first printed line: a cell may hold only the words that
# open it there ("Chủ trì:", "Trước"), the rest printed after the repeated header.
_CUT_OPENING_COST = 0.3
_CUT_RANGE_COST = 0.2

# Longest typed cell worth scoring, in tokens: past it the piece cannot be that column.
_MAX_TOKENS = {"lead": 40, "partner": 40, "deadline": 14, "start": 14, "quantity": 60, "measure": 4, "baseline": 6}

# A unit cell that cannot open as a unit list: unit_list_score's worst (0) would cost 6.
_NOT_UNITS_COST = 6.0

_EMPTY_COST = {"name": 5.0, "lead": 2.0, "partner": 0.6, "product": 0.3, "deadline": 1.0, "start": 0.6,
               "quantity": 1.0, "measure": 1.0, "baseline": 0.5, "budget": 0.3, "person": 0.3, "note": 0.1}


def tokens_to_cells(tokens: list[Token], roles: list[str], scorer: Scorer) -> list[list[Token]]:
    """Best split of the tokens into len(roles) contiguous, possibly empty cells.

    Only positions where a cell can open (a capital, a digit, a line start…) are cut points,
    which keeps the search small: a row of 60 tokens has a dozen of them. The search is first
    run under a low cost cap (a well-read row costs about 1), which lets it leave most spans
    unscored; a row that does not fit under the cap is searched again under a higher one.
    Either way the split found is the cheapest.
    """
    n = len(tokens)
    opens = cut_costs(tokens, roles, scorer.lexicon, bool(scorer.goes_on), scorer.deadline_opening)
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



# Cost caps tried in turn by tokens_to_cells; the last must be infinite.
_COST_CAPS = (1.5, 6.0, float("inf"))


def _cheapest_cuts(tokens: list[Token], roles: list[str], scorer: Scorer, opens: list[float],
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


def cell_cost(scorer: Scorer, roles: list[str], c: int, tokens: list[Token], i: int, j: int,
              budget: float = float("inf"), after_empty_cell: bool = False) -> float:
    """Cost of tokens[i:j] as the cell of roles[c]. An empty cell where the row prints an
    empty line (seed 000's " " for an empty product) costs nothing; the line marks one empty
    cell, so a second empty cell right after it (`after_empty_cell`) pays as usual."""
    if i == j and 0 < j < len(tokens) and tokens[j].after_empty and not scorer.continuation \
            and not after_empty_cell:
        return 0.0
    return scorer.cost(roles, c, tokens[i:j], budget)


def _span_cost(scorer: Scorer, roles: list[str], c: int, tokens: list[Token], i: int, j: int,
               cache: dict, budget: float) -> float:
    """Typed columns of the same kind (lead and partner) score a span once. A cost above its
    budget may be a lower bound: cached as such, it is computed again for a larger budget."""
    role = base_role(roles[c])
    if role in FREE_ROLES or i == j:
        return cell_cost(scorer, roles, c, tokens, i, j)
    # a unit column whose text before a page break was cut (cut_cells) reads its own way
    shared = role in UNIT_ROLES and not scorer._cut_before(roles[c])
    key = ("unit" if shared else roles[c], i, j)
    known = cache.get(key)
    if known is None or (known[1] < budget and not known[2]):
        value = cell_cost(scorer, roles, c, tokens, i, j, budget)
        cache[key] = known = (value, budget, value <= budget)
    return known[0]


def deadline_beside(cells: list[list[Token]], roles: list[str]) -> list[list[Token]]:
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


def _opener_beside_units(cells: list[list[Token]], roles: list[str], d: int) -> list[list[Token]]:
    """The deadline's first word printed beside the unit cell that follows it, at the end of
    the name ("… (HIS, LIS, PACS)" / "Trước Tổ CNTT" / "30/9/2026"): the word opens the
    deadline and the rest of that line is the units."""
    if d == 0 or d + 1 >= len(roles) or roles[d + 1] not in UNIT_ROLES or cells[d + 1] \
            or roles[d - 1] not in FREE_ROLES or not cells[d - 1]:
        return cells
    last = token_line_groups(cells[d - 1])[-1]
    deadline = tokens_text(cells[d])
    for k, tok in enumerate(last[:-1]):
        units = last[k + 1:]
        if opens_deadline(tok.text) and is_deadline(f"{tok.text} {deadline}") \
                and may_open_units(tokens_text(units)):
            moved = {id(t) for t in last[k:]}
            return [*cells[:d - 1], [t for t in cells[d - 1] if id(t) not in moved],
                    [tok, *cells[d]], units, *cells[d + 2:]]
    return cells


def _deadline_ending_a_line(tokens: list[Token]) -> list[Token] | None:
    """A one-line deadline printed beside a wrapped cell, inside its text: "Dữ liệu được liên
    Quý II/2026" / "thông trên VNeID"; the line after it goes on in lower case."""
    lines = token_line_groups(tokens)
    for line, below in zip(lines, lines[1:]):
        n = deadline_ending(line, keep=1) if below[0].text[:1].islower() else 0
        if n:
            return line[-n:]
    return None


def _interleaved_deadline(tokens: list[Token], at_start: bool) -> list[Token] | None:
    lines = token_line_groups(tokens)
    if len(lines) < 2:
        return None
    for first_words in (1, 2):
        for second_words in (1, 2):
            a = lines[0][:first_words] if at_start else lines[0][-first_words:]
            b = lines[1][:second_words] if at_start else lines[1][-second_words:]
            if len(a) == len(lines[0]) or len(b) > len(lines[1]):
                continue  # the whole line: not interleaved
            text = " ".join(t.text for t in a + b)
            if CELL_START.match(text) and is_deadline(text):
                return a + b
    return None


def _ends_with_role_marker(tokens: list[Token]) -> float:
    """A task name does not end with "chủ trì," or "phối hợp": those words close a unit
    cell's entry ("Phòng KHTH chủ trì,")."""
    tail = fold(" ".join(t.text for t in tokens[-6:])).rstrip(" ,;:.")
    hits = role_marker_hits(tail)
    return 1.0 if hits and hits[-1][1] == len(tail) and not hits[-1][3] else 0.0


def _opens_with_deadline(tokens: list[Token]) -> float:
    """"31/3/2026 Quyết định kiện toàn", "2026 Quy trình …" after a time column: the date or
    the year ending "6 tháng đầu năm" is that column's."""
    if _YEAR.fullmatch(tokens[0].text):
        return 1.0
    first = [t for t in tokens[:3] if t.line == tokens[0].line]
    if first[0].text in _DASHES and len(tokens) > 1 and (len(first) == 1 or first[1].text[:1].isdigit()):
        return 1.0  # "Tháng 01" / "- 03/2026", "2026 -" / "2027": a range cut at its dash goes on ("-" alone: no value)
    for k in range(len(first), 0, -1):
        text = " ".join(t.text for t in first[:k])
        if CELL_START.match(text) and any(c.isdigit() for c in text) and is_deadline(text):
            return 1.0  # a dated deadline; "Theo lộ trình …" may well open a note
    return 0.0


def _first_line_run_on(tokens: list[Token]) -> list[Token]:
    """The cell's first printed line, with the next ones while it breaks off on a comma, a
    word that cannot end a phrase or a bare head, or the next goes on in lower case ("Phòng
    ĐD, Các" / "khoa lâm sàng", "Trung tâm" / "Đào tạo và" / "Chỉ đạo" / "tuyến")."""
    lines = token_line_groups(tokens)
    run = lines[0]
    for line in lines[1:_NAME_LINES + 1]:
        last = run[-1].text
        if not (last.endswith(",") or fold(last) in header_vocab()["dangling"] or _bare_head(run)
                or line[0].text[:1].islower() or line[0].text in _DASHES):
            break
        run = run + line
    return run


def _bare_head(run: list[Token]) -> int:
    """"Trung tâm", "Phòng": a unit's head word alone, its name on the next line (its number of
    tokens, 0 when it is not one)."""
    return len(run) if len(run) <= 2 and fold(" ".join(t.text for t in run)) in load_vocabulary().heads else 0


def _last_line_run_on(tokens: list[Token]) -> list[Token]:
    """The cell's last printed line, with those before when a name wraps across them
    ("Phòng Kế hoạch" / "- Nghiệp vụ", "Khoa Xét nghiệm" / "và Chẩn đoán" / "hình ảnh")."""
    lines = token_line_groups(tokens)
    run = lines[-1]
    for line in reversed(lines[-_NAME_LINES:-1]):
        opener, before = run[0].text, line[-1].text
        if not (opener in _DASHES or opener[:1].islower() or before in _DASHES):
            break
        run = line + run
    return run


# Printed lines a unit's name may wrap over in a narrow column.
_NAME_LINES = 3
_PROPER_NAME_TAIL_WORDS = 3   # "Minh (VNPT)", "Ngọc Thạch": the rest of a proper name wrapped onto the next line


_DASHES = ("-", "–")


def _deadline_broken_inside(tokens: list[Token]) -> float:
    """"… phê duyệt" / "Quý" / "II/2026 P. KHTH …": a capitalised word opening a deadline ends
    a printed line inside a free-text cell left of the deadline column and the next line goes
    on with the rest of that deadline; the deadline cell was printed there, broken in two."""
    lines = token_line_groups(tokens)
    return _DEADLINE_THEN_UNITS_COST if any(
        above[-1].text[:1].isupper() and opens_deadline(above[-1].text)
        and is_deadline(f"{above[-1].text} {below[0].text}") for above, below in zip(lines, lines[1:])) else 0.0


def _ends_with_deadline_opener(tokens: list[Token]) -> float:
    """"Kế hoạch Tháng" / "02/2026", "… ký số Trước ngày" / "30/6/2026", "… Hoàn thành" /
    "trước": a capitalised word opening a deadline, maybe with one more of its words, or a
    printed line of deadline words alone, opened the deadline cell."""
    last = tokens[-1].text
    if last[:1].isupper() and opens_deadline(last):
        return 1.0
    lines = token_line_groups(tokens)
    if len(lines) > 1 and all(opens_deadline(t.text) for t in lines[-1]):
        return 1.0  # "… Hoàn thành" / "trước" / "31/12/2026": a line of deadline words alone
    if len(tokens) < 2 or tokens[-2].line != tokens[-1].line:
        return 0.0
    before, pair = tokens[-2].text, f"{tokens[-2].text} {last}"
    opens = opens_deadline(pair) or (opens_deadline(before) and opens_deadline(last))
    return 1.0 if before[:1].isupper() and opens else 0.0


def _opens_with_role_marker(tokens: list[Token]) -> float:
    """"Phối hợp: Khoa CĐHA, Phòng …" opens the unit cell's next entry, not a product; "(chủ"
    / "trì) Phòng TC-HC" ends the unit before it, so no cell opens on it."""
    head = fold(" ".join(t.text for t in tokens[:4]))
    hits = role_marker_hits(head)
    if not hits or hits[0][0] != 0:
        # "Phòng KH-NV (chủ" + "35 Quỹ …": a bracketed marker's first half ends the unit
        return _SUFFIX_MARKER_OPENS_COST if head.startswith("(") and ")" not in tokens[0].text and \
            any(head[1:].split(" ", 1)[0] == first for first, _, _ in header_vocab()["role_marker_patterns"]) else 0.0
    if hits[0][3]:
        return 1.0
    # a bracketed marker is always a suffix; a bare "Phối hợp" may still open a list
    return _SUFFIX_MARKER_OPENS_COST if head.startswith("(") else 0.0
