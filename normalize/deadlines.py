"""Deadline normalizer: "Quý I/2026", "Trước ngày 30/6/2026", "Hằng năm" -> dates and kinds.

Approach (like dateparser): the folded text is first rewritten as canonical tokens
(QUARTER, MONTH, YEAR_WORD, EVERY, BEFORE, ... from normalize/data/deadlines.yaml, plus
NUM / ROMAN / SLASH / DASH scaffolding), then one small recursive-descent grammar reads the
token list. The .py file holds no Vietnamese word: all vocabulary is in the YAML file.

Decisions a caller must know:
* "before" deadlines ("Trước ngày 30/6/2026", "Đến năm 2030", "Chậm nhất Quý III/2026") have
  due_start None and due_end = the named day, or the last day of the named period; "trước" a
  month or quarter ends before it ("Trước Quý III/2026" → 30/6/2026).
* A period followed by a recurrence ("Quý II/2026 và duy trì thường xuyên", "Năm 2026, hằng
  quý") keeps the first period's dates and kind and sets `recurrence`. When the anchor has no
  year ("Trước 15/12 hằng năm", "Quý IV hằng năm") the result is kind "recurring" with no dates:
  the anchor repeats every cycle, so no single date is right.
* Lists are read as the covering range: "Quý I, II/2026", "tháng 3 và tháng 6/2026".
* A year missing from the text is `default_year`; without one the dates stay None and a
  warning says so (kind is kept).
* parse_deadline accepts a bare year cell ("2026"); is_deadline does not accept a purely
  numeric cell without a full date ("2026", "30/6"), because in a table that is more often a
  quantity or a ratio. "10/2025", "15/03/2026", "2025-2026" are accepted.
* `deadline_text` is the text as written with white space squashed (not folded).
* An open start in a cell: "Từ năm 2026" is every year from 2026 on (domain.md, deadline table: start
  2026-01-01, open end, yearly); "Từ tháng 5/2026" starts then and states no end (kind
  "onward", due_end None); "từ năm học 2026-2027" stays unparsed; in a sentence the hit
  is only the period after "từ". A period that says it goes on
  ("Năm 2026 và các năm tiếp theo", "Từ Quý III/2026 trở đi") is kind "onward": due_start its
  start, due_end None, and recurrence "annual" when it goes on year after year.
* find_deadlines is conservative: a hit needs a year in the text (or is a recurrence such as
  "hằng quý", "6 tháng/lần"); a day date counts only after trước / chậm nhất / đến /
  hoàn thành (citations "... số 57-NQ/TW ngày 22/12/2024" are skipped); "tầm nhìn / định
  hướng đến năm 2045" is skipped. "đến năm 2030" in a strategy's title is still a hit.
"""
from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
import unicodedata

import regex

from normalize.text import fold, load_yaml, normalize_text, squash_spaces

# Token names the grammar relies on; the YAML must define exactly these.
TOKEN_NAMES = frozenset({
    "QUARTER", "MONTH", "WEEK", "DAY_WORD", "YEAR_WORD", "SCHOOL_YEAR", "FIRST_HALF",
    "SECOND_HALF", "EVERY", "PERIODIC", "PER_TIME", "CONTINUOUS", "MAINTAIN", "BEFORE", "UNTIL",
    "FROM", "IN", "DONE", "PERIOD_WORD", "AND", "EVENT", "OF", "VISION", "CYCLE_PART",
    "ONWARD_YEARLY", "ONWARD", "PRIOR", "EVENT_OF", "EVENT_CLAUSE", "BATCH",
    "SINCE_EVENT", "SEMESTER",
})

GRAINS = ("day", "month", "quarter", "half", "year", "range")
RECURRENCES = ("continuous", "daily", "weekly", "monthly", "quarterly", "semiannual", "annual")
KINDS = ("date", "period", "before", "onward", "recurring", "continuous", "event", "unparsed", "empty")

# Longer cells are sentences, not deadline cells: rejected by is_deadline without parsing.
_MAX_CELL_CHARS = 120


@dataclass(frozen=True)
class Deadline:
    deadline_text: str | None
    due_start: datetime.date | None
    due_end: datetime.date | None
    grain: str | None
    recurrence: str | None
    kind: str
    warning: str | None


# --------------------------------------------------------------------------- vocabulary

@dataclass(frozen=True)
class _Vocab:
    phrase_token: dict[str, str]      # folded, space-squashed phrase -> token name
    glued_token: dict[str, str]       # folded single letter -> token name
    lexer: regex.Pattern


def validate_vocab(raw: object) -> None:
    """Raise ValueError when the YAML does not have the structure the grammar relies on."""
    if not isinstance(raw, dict) or set(raw) != {"tokens", "glued_prefixes"}:
        raise ValueError("deadlines.yaml needs exactly the keys 'tokens' and 'glued_prefixes'")
    tokens, glued = raw["tokens"], raw["glued_prefixes"]
    if not isinstance(tokens, dict) or set(tokens) != TOKEN_NAMES:
        got = set(tokens) if isinstance(tokens, dict) else tokens
        raise ValueError(f"deadlines.yaml tokens must be {sorted(TOKEN_NAMES)}, got {got}")
    seen: dict[str, str] = {}
    for name, phrases in tokens.items():
        if not isinstance(phrases, list) or not phrases:
            raise ValueError(f"deadlines.yaml token {name} needs a non-empty list of phrases")
        for phrase in phrases:
            key = _phrase_key(phrase, name)
            if key in seen:
                raise ValueError(f"phrase {phrase!r} is under both {seen[key]} and {name}")
            seen[key] = name
    if not isinstance(glued, dict) or not set(glued) <= TOKEN_NAMES:
        raise ValueError("deadlines.yaml glued_prefixes must map token names to letters")
    for name, letters in glued.items():
        if not isinstance(letters, list) or not all(
                isinstance(x, str) and len(x) == 1 and x.isalpha() for x in letters):
            raise ValueError(f"glued prefix of {name} must be a list of single letters")


def _phrase_key(phrase: object, name: str) -> str:
    if not isinstance(phrase, (str, int)) or not str(phrase).strip():
        raise ValueError(f"deadlines.yaml token {name} has an empty or non-text phrase")
    return squash_spaces(fold(normalize_text(str(phrase))))


def _build_lexer(phrases: list[str], letters: list[str]) -> regex.Pattern:
    # Longest phrase first so "năm học" wins over "năm" and "6 tháng đầu năm" over "6".
    ordered = sorted(phrases, key=len, reverse=True)
    alternation = "|".join(r"\s+".join(regex.escape(w) for w in p.split()) for p in ordered)
    glued = "|".join(regex.escape(x) for x in letters) or "(?!)"
    return regex.compile(
        rf"(?P<PHRASE>(?<!\w)(?:{alternation})(?!\w))"
        rf"|(?P<GLUED>(?<!\w)(?:{glued})(?=\d))"
        r"|(?P<NUM>\d+)"
        r"|(?P<ROMAN>(?<!\w)(?:iv|i{1,3})(?!\w))"
        r"|(?P<WORD>\w+)"
        r"|(?P<PUNCT>\S)"
    )


@lru_cache(maxsize=None)
def deadline_vocab() -> _Vocab:
    """The deadline vocabulary, loaded and validated once."""
    text = resources.files("normalize").joinpath("data/deadlines.yaml").read_text("utf-8")
    raw = load_yaml(text)
    validate_vocab(raw)
    phrase_token = {_phrase_key(p, name): name
                    for name, phrases in raw["tokens"].items() for p in phrases}
    glued_token = {fold(x): name for name, letters in raw["glued_prefixes"].items() for x in letters}
    return _Vocab(phrase_token, glued_token, _build_lexer(list(phrase_token), list(glued_token)))


# --------------------------------------------------------------------------- tokens


def _number(digits: str) -> int:
    """The regex module knows digits of newer Unicode than int() does (U+16D70, found by the
    property test): such a number is no date part."""
    try:
        return int(digits)
    except ValueError:
        return -1

@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str          # a YAML token name, or NUM ROMAN SLASH DASH DOT COMMA WORD PUNCT
    text: str          # folded text of the token
    start: int         # offsets into the normalized text
    end: int
    glued: bool = False

    @property
    def value(self) -> int:
        return _number(self.text) if self.kind == "NUM" else _ROMAN.get(self.text, 0)


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_PUNCT_KINDS = {"/": "SLASH", "-": "DASH", ".": "DOT", ",": "COMMA"}


def _tokenize(folded: str) -> tuple[_Tok, ...]:
    vocab = deadline_vocab()
    toks = []
    for m in vocab.lexer.finditer(folded):
        group, text = m.lastgroup, m.group()
        if group == "PHRASE":
            kind = vocab.phrase_token[squash_spaces(text)]
        elif group == "GLUED":
            kind = vocab.glued_token[text]
        elif group == "PUNCT":
            kind = _PUNCT_KINDS.get(text, "PUNCT")
        else:
            kind = group
        toks.append(_Tok(kind, text, m.start(), m.end(), group == "GLUED"))
    return tuple(toks)


def _kind(ts: tuple[_Tok, ...], i: int) -> str | None:
    return ts[i].kind if 0 <= i < len(ts) else None


def _year(ts, i) -> int | None:
    """A four-digit year 1900-2199 at i."""
    if _kind(ts, i) == "NUM" and len(ts[i].text) == 4 and 1900 <= ts[i].value <= 2199:
        return ts[i].value
    return None


def _small(ts, i, low: int, high: int) -> int | None:
    """A one- or two-digit number in [low, high] at i (zero padding allowed)."""
    if _kind(ts, i) == "NUM" and len(ts[i].text) <= 2 and low <= ts[i].value <= high:
        return ts[i].value
    return None


def _quarter_number(ts, i) -> int | None:
    return ts[i].value if _kind(ts, i) == "ROMAN" else _small(ts, i, 1, 4)


def _month_number(ts, i) -> int | None:
    return _small(ts, i, 1, 12)


# --------------------------------------------------------------------------- periods

# (year or None = the plan year, month, day); day 0 means the last day of the month.
_Point = tuple[int | None, int, int]


@dataclass(frozen=True)
class _Period:
    grain: str
    start: _Point
    end: _Point

    @property
    def has_year(self) -> bool:
        return self.start[0] is not None or self.end[0] is not None


@dataclass(frozen=True)
class _Parse:
    kind: str
    period: _Period | None = None
    recurrence: str | None = None


# Every grammar rule takes (tokens, index) and returns (value, next index) or None.
_Got = tuple


def _months(first: int, last: int, year: int | None, grain: str) -> _Period:
    return _Period(grain, (year, first, 1), (year, last, 0))


def _optional_year(ts, i) -> tuple[int | None, int]:
    """'/2026', '-2026', 'năm 2026', ', năm 2026' after a quarter or month number."""
    j = i + 1 if _kind(ts, i) == "COMMA" and _kind(ts, i + 1) == "YEAR_WORD" else i
    if _kind(ts, j) in ("SLASH", "DASH", "YEAR_WORD") and (y := _year(ts, j + 1)):
        return y, j + 2
    return None, i


def _number_list(ts, i, unit: str, read) -> _Got | None:
    """'I', 'I, II', 'I-II', 'I và quý II', '3 đến tháng 6': numbers after a unit word."""
    first = read(ts, i)
    if first is None:
        return None
    nums, j = [first], i + 1
    while _kind(ts, j) in ("COMMA", "DASH", "AND", "UNTIL"):
        k = j + 1 + (_kind(ts, j + 1) == unit)
        # A smaller number ("tháng 11 đến tháng 2/2026") crosses a year: left to _join.
        if (n := read(ts, k)) is None or n <= nums[-1]:
            break
        nums.append(n)
        j = k + 1
    return nums, j


def _unit_period(ts, i, unit: str, read, months_per: int, grain: str) -> _Got | None:
    """Quarters and months: 'Quý I/2026', 'Quý I, II/2026', 'Tháng 3-6/2026', 'Q1/2026'."""
    if _kind(ts, i) != unit or not (got := _number_list(ts, i + 1, unit, read)):
        return None
    nums, j = got
    year, j = _optional_year(ts, j)
    if year is None and ts[i].glued:   # "T2" alone is Monday, "Q1" alone is ambiguous
        return None
    first, last = min(nums), max(nums)
    period = _months(first * months_per - months_per + 1, last * months_per, year,
                     grain if first == last else "range")
    return period, j


def _quarter(ts, i) -> _Got | None:
    return _unit_period(ts, i, "QUARTER", _quarter_number, 3, "quarter")


def _month(ts, i) -> _Got | None:
    return _unit_period(ts, i, "MONTH", _month_number, 1, "month")


def _numeric_day(ts, i) -> _Got | None:
    """'15/3/2026', '15/03', '15-3-2026', '15.3.2026' (dash and dot only with a year)."""
    day, sep = _small(ts, i, 1, 31), _kind(ts, i + 1)
    if day is None or sep not in ("SLASH", "DASH", "DOT") or (month := _month_number(ts, i + 2)) is None:
        return None
    if _kind(ts, i + 3) == sep and (year := _year(ts, i + 4)):
        return _Period("day", (year, month, day), (year, month, day)), i + 5
    if sep != "SLASH":
        return None
    return _Period("day", (None, month, day), (None, month, day)), i + 3


def _worded_day(ts, i) -> _Got | None:
    """'15 tháng 3 năm 2026', '15 tháng 3'."""
    day = _small(ts, i, 1, 31)
    if day is None or _kind(ts, i + 1) != "MONTH" or (month := _month_number(ts, i + 2)) is None:
        return None
    year, j = _optional_year(ts, i + 3)
    return _Period("day", (year, month, day), (year, month, day)), j


def _day(ts, i) -> _Got | None:
    j = i + (_kind(ts, i) == "DAY_WORD")
    return _numeric_day(ts, j) or _worded_day(ts, j)


def _half(ts, i) -> _Got | None:
    """'6 tháng đầu năm 2026', '6 tháng cuối năm' (the phrase already ends with 'năm')."""
    kind = _kind(ts, i)
    if kind not in ("FIRST_HALF", "SECOND_HALF"):
        return None
    year = _year(ts, i + 1)
    first = 1 if kind == "FIRST_HALF" else 7
    return _months(first, first + 5, year, "half"), i + 1 + (year is not None)


def _year_word(ts, i) -> _Got | None:
    """'năm 2026'."""
    if _kind(ts, i) == "YEAR_WORD" and (y := _year(ts, i + 1)):
        return _months(1, 12, y, "year"), i + 2
    return None


def _year_range(ts, i) -> _Got | None:
    """'2025-2026', 'giai đoạn 2026 - 2030', 'năm 2026 đến năm 2030'."""
    j = i + (_kind(ts, i) == "PERIOD_WORD")
    j += _kind(ts, j) == "YEAR_WORD"
    if (y1 := _year(ts, j)) is None or _kind(ts, j + 1) not in ("DASH", "UNTIL"):
        return None
    k = j + 2 + (_kind(ts, j + 2) == "YEAR_WORD")
    if (y2 := _year(ts, k)) is None or y2 < y1:
        return None
    return _Period("range", (y1, 1, 1), (y2, 12, 0)), k + 1


def _school_year(ts, i) -> _Got | None:
    """'năm học 2026 - 2027': September 1 to May 31."""
    if _kind(ts, i) != "SCHOOL_YEAR" or (y1 := _year(ts, i + 1)) is None:
        return None
    if _kind(ts, i + 2) in ("DASH", "SLASH") and (y2 := _year(ts, i + 3)) == y1 + 1:
        return _Period("range", (y1, 9, 1), (y2, 5, 31)), i + 4
    return None


def _month_year(ts, i) -> _Got | None:
    """'10/2025' with no unit word (table cells)."""
    if (m := _month_number(ts, i)) is not None and _kind(ts, i + 1) == "SLASH" and (y := _year(ts, i + 2)):
        return _months(m, m, y, "month"), i + 3
    return None


def _bare_year(ts, i) -> _Got | None:
    if (y := _year(ts, i)) is not None:
        return _months(1, 12, y, "year"), i + 1
    return None


def _semester(ts, i) -> _Got | None:
    """'Học kỳ I năm học 2026 - 2027': the school year's first half (September to January) or
    its second (February to May)."""
    if _kind(ts, i) != "SEMESTER" or (half := ts[i + 1].value if i + 1 < len(ts) else 0) not in (1, 2):
        return None
    if not (year := _school_year(ts, i + 2)):
        return None
    (y1, _, _), (y2, _, _) = year[0].start, year[0].end
    span = ((y1, 9, 1), (y2, 1, 31)) if half == 1 else ((y2, 2, 1), (y2, 5, 31))
    return _Period("range", *span), year[1]


_ATOMS = (_quarter, _month, _day, _half, _year_word, _year_range, _semester, _school_year, _month_year,
          _bare_year)


def _longest(rules, ts, i) -> _Got | None:
    """The rule that consumes most tokens (so ordering of rules never matters)."""
    best = None
    for rule in rules:
        got = rule(ts, i)
        if got and (best is None or got[1] > best[1]):
            best = got
    return best


def _atom(ts, i) -> _Got | None:
    return _longest(_ATOMS, ts, i)


def _join(a: _Period, b: _Period) -> _Period | None:
    """'Từ tháng 3 đến tháng 6/2026': a yearless side takes the other side's year."""
    y1 = a.start[0] if a.start[0] is not None else b.end[0]
    y2 = b.end[0] if b.end[0] is not None else y1
    start, end = (y1, *a.start[1:]), (y2, *b.end[1:])
    if y1 is not None and a.start[0] is None and start[:2] > end[:2]:
        start = (y1 - 1, *a.start[1:])          # "tháng 11 đến tháng 2/2026" starts in 2025
    try:
        if start[0] is not None and end[0] is not None and _as_date(start) > _as_date(end):
            return None
    except ValueError:          # an impossible day such as 31/2: not a range we can read
        return None
    return _Period("range", start, end)


def _period(ts, i) -> _Got | None:
    """An atom, or a range 'atom đến atom' / 'atom - atom', optionally opened by 'từ'."""
    j = i + (_kind(ts, i) == "FROM")
    if not (first := _atom(ts, j)):
        return None
    period, k = first
    if _kind(ts, k) in ("UNTIL", "DASH") and (second := _atom(ts, k + 1)):
        if joined := _join(period, second[0]):
            return joined, second[1]
    if j == i:
        return period, k
    # After "từ" only a closed range is a deadline: "Từ năm 2026 đến năm 2030" and "Từ tháng
    # 3-6/2026" are, while "Từ năm 2026" and "từ năm học 2026-2027" (from then on) have no end.
    closed = any(t.kind == "UNTIL" for t in ts[j:k]) or (
        period.grain == "range" and bool(_month(ts, j) or _quarter(ts, j)))
    return (period, k) if closed else None


# --------------------------------------------------------------------------- cell grammar

_EVERY_UNIT = {"DAY_WORD": "daily", "WEEK": "weekly", "MONTH": "monthly",
               "QUARTER": "quarterly", "SEMESTER": "semiannual", "YEAR_WORD": "annual"}
# "N <unit>/lần": the counts that name a standard recurrence.
_COUNT_UNIT = {("DAY_WORD", 1): "daily", ("WEEK", 1): "weekly", ("MONTH", 1): "monthly",
               ("MONTH", 3): "quarterly", ("QUARTER", 1): "quarterly", ("MONTH", 6): "semiannual",
               ("MONTH", 12): "annual", ("YEAR_WORD", 1): "annual"}


def _every(ts, i) -> _Got | None:
    """'hằng năm', 'định kỳ hằng quý', 'cuối mỗi học kỳ'."""
    j = i + (_kind(ts, i) in ("PERIODIC", "UNTIL"))
    if _kind(ts, j) == "EVERY" and (rec := _EVERY_UNIT.get(_kind(ts, j + 1))):
        return _Parse("recurring", recurrence=rec), j + 2
    return None


def _count_per_time(ts, i) -> _Got | None:
    """'6 tháng/lần', '06 tháng một lần', 'định kỳ 6 tháng', 'mỗi 6 tháng'."""
    lead = _kind(ts, i) in ("PERIODIC", "EVERY")
    j = i + lead
    rec = _COUNT_UNIT.get((_kind(ts, j + 1), ts[j].value)) if _kind(ts, j) == "NUM" else None
    if rec is None:
        return None
    k = j + 2 + (_kind(ts, j + 2) == "SLASH")
    if _kind(ts, k) == "PER_TIME":
        return _Parse("recurring", recurrence=rec), k + 1
    return (_Parse("recurring", recurrence=rec), j + 2) if lead else None


def _continuous(ts, i) -> _Got | None:
    """'Thường xuyên', 'Thường xuyên, liên tục', 'duy trì thường xuyên'; 'duy trì' ending the
    cell ('Quý II/2026 và duy trì'): kept up from then on."""
    j = i + (_kind(ts, i) == "MAINTAIN")
    if j > i > 0 and j == len(ts):   # "Duy trì" alone is a value cell's word, not a time
        return _Parse("continuous", recurrence="continuous"), j
    if _kind(ts, j) != "CONTINUOUS":
        return None
    j += 1
    while _kind(ts, j) in ("COMMA", "AND") and _kind(ts, j + 1) == "CONTINUOUS":
        j += 2
    return _Parse("continuous", recurrence="continuous"), j


def _recurring(ts, i) -> _Got | None:
    if not (got := _longest((_every, _count_per_time, _continuous), ts, i)):
        return None
    parse, j = got
    # "Định kỳ 6 tháng, năm", "Hằng quý, 6 tháng và năm": reports at coarser cycles too; the
    # finest is the task's ("năm 2026" after a comma is a period, not a cycle)
    while parse.recurrence != "continuous" and _kind(ts, j) in ("COMMA", "AND"):
        k = j + 1 + (_kind(ts, j + 1) == "EVERY")
        k += _kind(ts, k) == "NUM" and _kind(ts, k + 1) in _EVERY_UNIT  # "6 tháng"
        if _kind(ts, k) not in _EVERY_UNIT or _kind(ts, k + 1) == "NUM":
            break
        j = k + 1
    return parse, j


def _suffix(ts, i) -> _Got | None:
    """A recurrence after a period: ', hằng năm', 'và duy trì thường xuyên'."""
    j = i + (_kind(ts, i) in ("COMMA", "AND"))
    return _recurring(ts, j)


def _with_suffix(ts, head: _Got, start: int | None = None) -> _Got:
    parse, j = head
    if not (tail := _suffix(ts, j)):
        return head
    rec = tail[0].recurrence
    if parse.period is not None and parse.period.has_year:
        return _Parse(parse.kind, parse.period, rec), tail[1]
    if rec == "annual" and start is not None:
        rec = _times_a_year(ts[start:j]) or rec
    return _Parse("recurring", recurrence=rec), tail[1]


def _times_a_year(ts) -> str | None:
    """"Tháng 6 và tháng 12 hằng năm" is due twice a year: the recurrence of as many months
    or quarters listed (2 a year: semiannual, 4: quarterly, 12: monthly)."""
    listed = sum(1 for before, t in zip(ts, ts[1:])
                 if t.kind in ("NUM", "ROMAN") and before.kind in ("MONTH", "QUARTER", "COMMA", "AND"))
    return _PER_YEAR.get(listed) if listed > 1 else None  # "Ngày 15/12": one date, not a list


_PER_YEAR = {2: "semiannual", 4: "quarterly", 12: "monthly"}


def _before(ts, i) -> _Got | None:
    """'Trước ngày 30/6/2026', 'Chậm nhất ngày 30/6', 'Đến năm 2030', 'Trước 15/12 hằng năm'."""
    if _kind(ts, i) not in ("BEFORE", "UNTIL", "PRIOR") or not (got := _period(ts, i + 1)):
        return None
    period, j = got
    listed = 1
    while _kind(ts, j) in ("AND", "COMMA") and (more := _period(ts, j + 1)) and period.grain == more[0].grain:
        period, j, listed = more[0], more[1], listed + 1  # "Trước ngày 15/6 và 15/12 hằng năm"
    if _kind(ts, i) == "PRIOR" and period.grain != "day" and period.start[1] is not None:
        end = _day_before(period.start)  # "trước Quý III": by 30/6 (a "before" deadline has no start)
        period = _Period(period.grain, end, end)
    parse, k = _with_suffix(ts, (_Parse("before", period), j))
    if listed > 1 and parse.recurrence == "annual" and not period.has_year:
        parse = _Parse(parse.kind, parse.period, _PER_YEAR.get(listed, "annual"))  # twice a year: semiannual
    return parse, k


def _day_before(start: _Point) -> _Point:
    """The last day before a period that starts on the 1st of a month (day 0: the month's last)."""
    year, month, _ = start
    if month == 1:
        return (year - 1 if year is not None else None, 12, 0)
    return (year, month - 1, 0)


def _dated(ts, i) -> _Got | None:
    if not (got := _period(ts, i)):
        return None
    kind = "date" if got[0].grain == "day" else "period"
    return _with_suffix(ts, (_Parse(kind, got[0]), got[1]), i)


def _day_of_cycle(ts, i) -> _Got | None:
    """'Ngày 25 hằng tháng', 'Trước ngày 05 hằng tháng': a day number that only a recurrence
    makes meaningful, so the recurrence is required."""
    j = i + (_kind(ts, i) in ("BEFORE", "UNTIL", "PRIOR"))
    if _kind(ts, j) == "CYCLE_PART" and (tail := _suffix(ts, j + 1)):
        return _Parse("recurring", recurrence=tail[0].recurrence), tail[1]  # "Tuần đầu mỗi tháng"
    j += _kind(ts, j) == "DAY_WORD"
    if _small(ts, j, 1, 31) is None or not (tail := _suffix(ts, j + 1)):
        return None
    return _Parse("recurring", recurrence=tail[0].recurrence), tail[1]


def _event(ts, i) -> _Got | None:
    """'Theo tiến độ'; 'Theo kế hoạch của Sở Y tế', 'Theo tiến độ dự án': whose plan it is
    belongs to the event."""
    if _kind(ts, i) == "EVENT_CLAUSE" and i + 1 < len(ts):
        return _Parse("event"), len(ts)  # "Sau khi được phê duyệt": the clause is the event
    if _kind(ts, i) == "NUM" and _kind(ts, i + 1) in _EVERY_UNIT and _kind(ts, i + 2) == "SINCE_EVENT" \
            and _kind(ts, i + 3) == "FROM" and i + 4 < len(ts):
        return _Parse("event"), len(ts)  # "(Trong) 15 ngày kể từ ngày ký": counted from the event
    if _kind(ts, i) != "EVENT":
        return None
    if _kind(ts, i + 1) in ("OF", "EVENT_OF") or any(t.kind == "OF" for t in ts[i + 1:]):
        # "Theo tiến độ dự án", "Theo Chương trình kiểm tra, giám sát của Đảng ủy": whose it is
        return _Parse("event"), len(ts)
    return _Parse("event"), i + 1


def _body(ts, i) -> _Got | None:
    return _longest((_event, _recurring, _before, _dated, _day_of_cycle), ts, i)


def _from_until_year_end(ts, i) -> _Got | None:
    """"Từ tháng 5/2026", "áp dụng từ Quý III/2026" (no end): from then on, with no end the
    text states (the year's end would be a date the plan does not give). "Từ năm 2026" is
    every year from then on (_onward)."""
    if _kind(ts, i) != "FROM" or not (got := _atom(ts, i + 1)):
        return None
    period, k = got
    if period.grain not in ("month", "quarter", "day") or period.start[0] is None:
        return None
    return _Parse("onward", period), k


def _onward(ts, i) -> _Got | None:
    """'Năm 2026 và (duy trì) các năm tiếp theo': from the period's start on, every year, with
    no end; 'Từ Quý III/2026 trở đi': from then on."""
    j = i + (_kind(ts, i) == "FROM")
    if not (got := _period(ts, j)):
        return None
    period, k = got
    if j > i and period.grain == "year" and k == len(ts):
        return _Parse("onward", period, "annual"), k  # a cell "Từ năm 2026": every year from then on
    k += _kind(ts, k) in ("COMMA", "AND")
    k += _kind(ts, k) == "MAINTAIN"  # "Năm 2026 và duy trì các năm tiếp theo"
    if _kind(ts, k) not in ("ONWARD_YEARLY", "ONWARD"):
        return None
    return _Parse("onward", period, "annual" if _kind(ts, k) == "ONWARD_YEARLY" else None), k + 1


def _start_then_cycle(ts, i) -> _Got | None:
    """'Quý II/2026 - Hằng quý', 'Tháng 5/2026 - Thường xuyên' (a start column and an end
    column that names a cycle, read together): the cycle, from that start on."""
    if not (got := _period(ts, i)) or _kind(ts, got[1]) != "DASH" or not (cycle := _recurring(ts, got[1] + 1)):
        return None
    return _Parse("onward", got[0], cycle[0].recurrence), cycle[1]


def _cycle_since(ts, i) -> _Got | None:
    """'Hằng năm, từ năm 2027', 'Hằng quý từ Quý III/2026': the cycle, from then on."""
    if not (cycle := _recurring(ts, i)):
        return None
    j = cycle[1] + (_kind(ts, cycle[1]) == "COMMA")
    if _kind(ts, j) != "FROM" or not (since := _onward(ts, j) or _from_until_year_end(ts, j)):
        return None
    return _Parse("onward", since[0].period, cycle[0].recurrence), since[1]


def _parse_cell(ts: tuple[_Tok, ...]) -> _Parse | None:
    """The whole token list as one deadline: leading 'Hoàn thành'/'Trong', trailing '.;,:'."""
    i = 0
    while _kind(ts, i) in ("DONE", "IN", "BATCH") or (_kind(ts, i) == "SINCE_EVENT" and _kind(ts, i + 1) == "FROM"):
        if _kind(ts, i) == "BATCH":  # "Đợt 2:" labels the period after it
            i += (_kind(ts, i + 1) == "NUM") + (i + 2 < len(ts) and ts[i + 2].text == ":")
        i += 1
    if not (got := _onward(ts, i) or _cycle_since(ts, i) or _start_then_cycle(ts, i) or _body(ts, i)
            or _from_until_year_end(ts, i)):
        return None
    parse, j = got
    while j < len(ts) and (ts[j].kind in ("DOT", "COMMA") or ts[j].text in ";:"):
        j += 1
    return parse if j == len(ts) else None


# --------------------------------------------------------------------------- results

def _as_date(point: _Point) -> datetime.date:
    year, month, day = point
    return datetime.date(year, month, day or calendar.monthrange(year, month)[1])


def _with_year(point: _Point, default_year: int | None) -> _Point:
    return point if point[0] is not None else (default_year, point[1], point[2])


def _resolve(period: _Period, default_year: int | None) -> tuple[datetime.date, datetime.date] | None:
    """Dates of a period; None when it needs a year and there is no default_year."""
    start, end = (_with_year(p, default_year) for p in (period.start, period.end))
    if start[0] is None or end[0] is None:
        return None
    return _as_date(start), _as_date(end)


def _unparsed(cell: str, why: str = "unparsed deadline") -> Deadline:
    return Deadline(cell, None, None, None, None, "unparsed", f"{why}: {cell!r}")


def _to_deadline(cell: str, parse: _Parse, default_year: int | None) -> Deadline:
    if parse.period is None:
        return Deadline(cell, None, None, None, parse.recurrence, parse.kind, None)
    try:
        dates = _resolve(parse.period, default_year)
    except ValueError:          # "31/2/2026", "29/2" in a common year
        return _unparsed(cell, "invalid date in deadline")
    if dates and dates[0] > dates[1]:   # "tháng 11 đến tháng 2" with one plan year
        return _unparsed(cell, "deadline range ends before it starts")
    warning = None if dates else f"deadline without a year and no default_year: {cell!r}"
    start, end = dates or (None, None)
    if parse.kind == "before":
        start = None            # documented choice: a "before" deadline has no start
    if parse.kind == "onward":
        end = None              # "… và các năm tiếp theo": it never ends
    return Deadline(cell, start, end, parse.period.grain, parse.recurrence, parse.kind, warning)


@lru_cache(maxsize=16384)
def _parse_squashed(cell: str, default_year: int | None) -> Deadline:
    parse = _parse_cell(_tokenize(fold(normalize_text(cell))))
    if parse:
        return _to_deadline(cell, parse, default_year)
    return _listed_periods(cell, default_year) or _unparsed(cell)


def _listed_periods(cell: str, default_year: int | None) -> Deadline | None:
    """"Tháng 6/2026; tháng 12/2026": dated periods listed one after another are due over the
    span they cover, as "Quý II, III/2026" is; dates each with "trước" are due by the last."""
    parts = [p for p in _list_separator().split(cell) if p]
    if len(parts) < 2:
        return None
    read = [_parse_squashed(part, default_year) for part in parts]
    if all(d.kind == "before" and d.due_end is not None for d in read):
        # "Trước 15/6/2026 và trước 15/12/2026": two reports due, the plan's task ends by the last
        return Deadline(cell, None, max(d.due_end for d in read), read[-1].grain, None, "before", None)
    if any(d.kind not in ("date", "period") or d.due_start is None or d.due_end is None for d in read):
        return None
    return Deadline(cell, min(d.due_start for d in read), max(d.due_end for d in read), "range", None,
                    "period", None)


@lru_cache(maxsize=1)
def _list_separator() -> regex.Pattern:
    """";", "," or the AND words ("Tháng 7/2026 và tháng 01/2027") between listed periods."""
    ands = [p for p, kind in deadline_vocab().phrase_token.items() if kind == "AND"]
    words = "|".join(regex.escape(w) for w in sorted(ands, key=len, reverse=True))
    return regex.compile(rf"\s*[;,]\s*|\s+(?:{words})\s+", regex.IGNORECASE)


def parse_deadline(text: str | None, default_year: int | None = None) -> Deadline:
    """Whole-cell parse: the text is a deadline cell / phrase."""
    cell = squash_spaces(text) if text else ""
    if not cell:
        return Deadline(None, None, None, None, None, "empty", None)
    parsed = _parse_squashed(cell, default_year)
    if parsed.kind != "unparsed":
        return parsed
    return _rejoined(cell, default_year) or _without_note(cell, default_year) or \
        _cycle_first(cell, default_year) or parsed


def _cycle_first(cell: str, default_year: int | None) -> Deadline | None:
    """"Hằng năm, trước ngày 15/12": the cycle written before the day it falls on is read as
    "trước ngày 15/12 hằng năm" is; the text is kept as written."""
    head, comma, tail = cell.partition(",")
    if not comma or _parse_squashed(head.strip(), default_year).kind != "recurring":
        return None
    parsed = _parse_squashed(f"{tail.strip()} {head.strip()}", default_year)
    return replace(parsed, deadline_text=cell) if parsed.kind not in ("unparsed", "empty") else None


def _without_note(cell: str, default_year: int | None) -> Deadline | None:
    """"Hằng tháng (trước ngày 25)": a bracketed note after a deadline qualifies it; the cell
    is read as the deadline before it, the text kept whole and the note said in the warning."""
    note = _TRAILING_NOTE_RE.search(cell)
    if note is None or note.start() == 0:
        return None
    parsed = _parse_squashed(cell[:note.start()], default_year)
    if parsed.kind in ("unparsed", "empty"):
        return None
    finish = _parse_squashed(note.group().strip()[1:-1], default_year)
    if parsed.due_start and finish.due_end and finish.kind in ("date", "period", "before") \
            and finish.due_end >= parsed.due_start:
        # "Quý II/2026 (hoàn thành Quý IV/2026)": the note says when it ends
        return Deadline(cell, parsed.due_start, finish.due_end, "range", parsed.recurrence, "period", None)
    if finish.kind == "continuous" and parsed.recurrence is None:
        return replace(parsed, deadline_text=cell, recurrence="continuous")  # "Tháng 6/2026 (duy trì thường xuyên)"
    return replace(parsed, deadline_text=cell, warning=f"read without the note {note.group().strip()!r}")


_TRAILING_NOTE_RE = regex.compile(r"\s*\([^()]{1,40}\)$")


def _rejoined(cell: str, default_year: int | None) -> Deadline | None:
    """A narrow column breaks a word where it runs out of room ("6 tháng/l" / "ần", "30/6/20" /
    "26"), and the break became a space: the cell read with one such space taken out, if that
    alone makes it a deadline. The text stays as written; the warning says how it was read."""
    gaps = [m.start() for m in _WORD_GAP_RE.finditer(cell)][:_MAX_REJOINED_GAPS]
    for at in gaps:
        joined = cell[:at] + cell[at + 1:]
        parsed = _parse_squashed(joined, default_year)
        if parsed.kind not in ("unparsed", "empty"):
            return replace(parsed, deadline_text=cell, warning=f"read as {joined!r}: a word broken at a line end")
    return None


_WORD_GAP_RE = regex.compile(r"(?<=[\p{L}\p{N}]) (?=[\p{L}\p{N}])")
_MAX_REJOINED_GAPS = 12   # a deadline cell is short; a longer text is no broken deadline


def _numeric_without_date(cell: str) -> bool:
    """'2026', '30/6', '3/4': numbers only and not a full date with a year."""
    ts = _tokenize(fold(normalize_text(cell)))
    if any(t.kind not in ("NUM", "SLASH", "DASH", "DOT") for t in ts):
        return False
    nums = sum(t.kind == "NUM" for t in ts)
    return nums < 2 or not any(_year(ts, k) for k in range(len(ts)))


def is_deadline(text: str) -> bool:
    """True when the whole text (squashed) parses as a deadline (kind not unparsed/empty)."""
    cell = squash_spaces(text) if text else ""
    if not cell or len(cell) > _MAX_CELL_CHARS:
        return False
    if _parse_squashed(cell, None).kind in ("unparsed", "empty") and _without_note(cell, None) is None \
            and _cycle_first(cell, None) is None:
        # "Định kỳ 6 tháng/lần (trước ngày 15/6 và 15/12)": a deadline and its note;
        # "Hằng năm, trước ngày 15/12": a cycle, then its day
        return False
    return not _numeric_without_date(cell)


# --------------------------------------------------------------------------- in sentences

# Tokens that may open a deadline phrase inside a sentence. CONTINUOUS is not one: "thường
# xuyên kiểm tra" is an adverb. A bare NUM only opens "6 tháng/lần".
_HIT_OPENERS = frozenset({"YEAR_WORD", "QUARTER", "MONTH", "BEFORE", "PRIOR", "UNTIL", "PERIOD_WORD", "SEMESTER",
                          "SCHOOL_YEAR", "EVERY", "PERIODIC", "FIRST_HALF", "SECOND_HALF",
                          "FROM", "DAY_WORD", "NUM"})


def is_cut_range(text: str) -> bool:
    """"2026 -", "Quý IV/2026 -": a range cut at its dash (a line or page break after it), its
    start a deadline or a bare year."""
    start = text.rstrip(" -")
    return text.rstrip().endswith("-") and bool(start) and (is_deadline(start) or is_bare_year(start))


def opens_deadline(word: str) -> bool:
    """Is the word one a deadline phrase opens with ("Tháng", "Quý", "Trước", "Hằng")? A
    cell ending on such a word has lost the rest of the phrase to the next cell."""
    key = _phrase_key(word, "")
    kind = deadline_vocab().phrase_token.get(key)
    return (kind in _HIT_OPENERS and kind != "NUM") or kind == "DONE" or key in _continuous_openers()


@lru_cache(maxsize=1)
def _continuous_openers() -> frozenset[str]:
    """First words of the continuous phrases ("Thường" of "Thường xuyên"): in a table, a
    cell ending on one has lost the phrase's rest to the next printed line or page."""
    return frozenset(p.split()[0] for p, kind in deadline_vocab().phrase_token.items()
                     if kind == "CONTINUOUS" and len(p.split()) > 1)


def is_deadline_word(word: str) -> bool:
    """Is the word one of the deadline vocabulary's ("lần", "năm", "quý")? A narrow cell
    may break it over two printed lines ("6 tháng/l" / "ần")."""
    return bool(word.strip()) and _phrase_key(word, "") in deadline_vocab().phrase_token


def is_bare_year(text: str) -> bool:
    """"2026": a year alone, which a start or end column may hold (a year is not a
    deadline in a sentence, nor a value elsewhere)."""
    return bool(_BARE_YEAR_RE.fullmatch(text.strip()))


_BARE_YEAR_RE = regex.compile(r"(?:19|20)\d{2}")


def _sentence_hit(ts, i, yearless: bool = False) -> _Got | None:
    """A deadline phrase opening at token i, read conservatively. With `yearless` (a one-year
    plan's objectives), a phrase naming no year is one when a bound opens it ("trước ngày
    30/4", "Đến ngày 30/9", "cuối năm") or it names a quarter or a half of the year."""
    if yearless and (got := _this_year(ts, i)):
        return got
    if ts[i].kind not in _HIT_OPENERS:
        return None
    got = _longest((_recurring, _before, _dated, _day_of_cycle, _from_until_year_end), ts, i)
    if not got:
        return None
    parse, _ = got
    if ts[i].kind == "NUM" and parse.kind != "recurring":
        return None          # never a bare number or a bare "15/3/2026"
    if parse.period is not None and not parse.period.has_year and not (
            yearless and ts[i].kind in _YEARLESS_OPENERS and parse.period.start[1] is not None):
        return None          # "tháng 3" in a sentence is too often not a deadline
    if parse.kind == "date" and _kind(ts, i - 1) != "DONE":
        return None          # "Nghị quyết số 57-NQ/TW ngày 22/12/2024" is a citation
    return got


# Openers of a phrase that is a deadline without its year in a one-year plan's objectives
_YEARLESS_OPENERS = frozenset({"PRIOR", "UNTIL", "BEFORE", "QUARTER", "FIRST_HALF", "SECOND_HALF"})


def _this_year(ts, i) -> _Got | None:
    """'trong năm' (the plan's year), 'cuối năm' / 'đến hết năm' (by its end): "năm" with no number."""
    if _kind(ts, i) in ("IN", "UNTIL") and _kind(ts, i + 1) == "YEAR_WORD" and _kind(ts, i + 2) != "NUM" \
            and _kind(ts, i - 1) != "PER_TIME":  # "01 lần trong năm" is how often, not by when
        return _Parse("period" if _kind(ts, i) == "IN" else "before", _months(1, 12, None, "year")), i + 2
    return None


def _aligned_normal(text: str) -> tuple[str, list[int]]:
    """Normalized text and, for each of its offsets (plus the end), the offset in `text`."""
    norm = normalize_text(text)
    if norm == text:
        return text, list(range(len(text) + 1))
    # NFC may merge combining marks: normalize each base character with its marks.
    pieces, origin, start = [], [], 0
    for k in range(1, len(text) + 1):
        if k == len(text) or not unicodedata.combining(text[k]):
            piece = normalize_text(text[start:k])
            pieces.append(piece)
            origin.extend([start] * len(piece))
            start = k
    return "".join(pieces), origin + [len(text)]


def find_deadlines(text: str, default_year: int | None = None,
                   yearless: bool = False) -> list[tuple[int, int, Deadline]]:
    """Deadline phrases inside a longer sentence, with [start, end) char offsets into `text`;
    `yearless` reads phrases without a year too (see _sentence_hit)."""
    if not text:
        return []
    norm, origin = _aligned_normal(text)
    ts = _tokenize(fold(norm))
    hits, i = [], 0
    while i < len(ts):
        got = _sentence_hit(ts, i, yearless and default_year is not None)
        if not got:
            i += 1
            continue
        parse, j = got
        if _kind(ts, i - 1) != "VISION":   # "tầm nhìn đến năm 2045": skip the whole phrase
            start, end = origin[ts[i].start], origin[ts[j - 1].end]
            hits.append((start, end, _to_deadline(squash_spaces(text[start:end]), parse, default_year)))
        i = j
    return hits
