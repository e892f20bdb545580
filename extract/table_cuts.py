"""Where a cell may open in a row's flattened text, and at what cost: the cut points of the
segmentation (table_cells.tokens_to_cells). A cell opens with a capital, a digit or a symbol,
at a printed line's start more readily than inside one; never inside a unit's known name or a
code wrapped at its hyphen; and, after a page break, where the rest of a cell cut by it goes on.
"""
from __future__ import annotations

import regex

from normalize.deadlines import is_deadline, opens_deadline
from normalize.quantities import is_measure
from normalize.text import fold
from normalize.units import UnitLexicon, known_name_prefixes, load_vocabulary, name_tokens

from .table_tokens import CELL_START, Token

UNIT_ROLES = ("lead", "partner")
_CUT_IN_DEADLINE_COST = 2.0
DEADLINE_REST_WORDS = 3   # "Hằng" / "năm", "Trước" / "ngày 31/12/2026"


def _cut_cost(tok: Token, previous: Token) -> float:
    """Cost of a cell opening at this token; cells open with a capital, digit or symbol."""
    if previous.text.endswith("-") and len(previous.text) > 1 and previous.text[-2].isalnum():
        # "KH-TC-" + "ĐD": a code wrapped inside one cell; but no code goes on with a head
        # ("Phòng KH-" + "Tổ CNTT;": the lead's first line, then the partner's)
        return 0.5 if names_a_department(tok.text) else float("inf")
    if previous.text[:1].isupper() and opens_deadline(previous.text) and is_deadline(f"{previous.text} {tok.text}"):
        return _CUT_IN_DEADLINE_COST  # "Quý" / "II/2026 P. KHTH": one deadline broken over two lines
    opens = bool(CELL_START.match(tok.text))
    if tok.gap < 0:
        return 0.0 if opens else 1.5
    if tok.gap < 2 and previous.text[:1].isupper() and sum(c.isupper() for c in tok.text) >= 2 \
            and names_a_department(previous.text):
        return float("inf")  # "Phòng" + "KHTH": a unit's head and its code are one cell
    if not opens:
        return 0.9 if tok.gap >= 2 else float("inf")
    return 0.3 if tok.gap >= 2 else 0.5


def names_a_department(word: str) -> bool:
    """"Phòng", "Khoa", "Tổ": heads always followed by the department's name (unlike "Sở",
    which ends "Văn phòng Sở")."""
    head = load_vocabulary().heads.get(fold(word))
    return head is not None and head.kind in _DEPARTMENT_KINDS


_DEPARTMENT_KINDS = ("phòng", "khoa", "tổ")


def completes_deadline(deadline_opening: str, tokens: list[Token]) -> bool:
    """"năm" after "Hằng", "Quý II/2027" after "Quý IV/2026 -": the words complete the deadline."""
    words = [t.text for t in tokens]
    return any(is_deadline(" ".join([deadline_opening, *words[:k]])) for k in range(1, len(words) + 1))


def _lower_case_lines_may_go_on(tokens: list[Token], opens: list[float]) -> list[float]:
    """After a page break, a cell the text before it left mid-phrase goes on at a printed
    line's start in lower case; such a line may open that cell's rest."""
    return [min(cost, _GOES_ON_OPENS if tokens[j].gap < 0 else _GOES_ON_MID_LINE) if 0 < j < len(tokens) else cost
            for j, cost in enumerate(opens)]


_GOES_ON_OPENS = 0.5
_GOES_ON_MID_LINE = 0.9   # "15/12/2026 sáng kiến": two cells' rests printed at one height


def cut_costs(tokens: list[Token], roles: list[str], lexicon: UnitLexicon | None = None,
              goes_on: bool = False, deadline_opening: str = "") -> list[float]:
    """The cost of a cell opening before each token (and 0 at both ends); with the plan's
    lexicon, a line that goes on a unit's known name costs more to open a cell. After a page
    break, lines in lower case may go on a cell the break left mid-phrase (`goes_on`), and the
    words completing a deadline's opening word cut by it may open that cell mid-line."""
    n = len(tokens)
    opens = [0.0] + [_cut_cost(tokens[j], tokens[j - 1]) for j in range(1, n)] + [0.0]
    if "measure" in roles:
        for j in range(1, n):
            if opens[j] > _MEASURE_OPENS and _opens_measure(tokens, j):
                opens[j] = _MEASURE_OPENS
    if lexicon is not None and any(r in UNIT_ROLES for r in roles):
        _keep_known_names(tokens, opens, known_name_prefixes(lexicon))
    if goes_on:
        opens = _lower_case_lines_may_go_on(tokens, opens)
    if deadline_opening:  # "nghiệp năm": the rest of "Hằng" may open its cell mid-line
        opens = [min(cost, _GOES_ON_OPENS) if 0 < j < n and completes_deadline(deadline_opening, tokens[j:j + DEADLINE_REST_WORDS])
                 else cost for j, cost in enumerate(opens)]
    return opens


def _keep_known_names(tokens: list[Token], opens: list[float], prefixes: frozenset) -> None:
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


def _opens_measure(tokens: list[Token], j: int) -> bool:
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
