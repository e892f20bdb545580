"""Quantities in plan targets: comparator, value, unit and rate ("≥01 sáng kiến/khoa").

Reads one sentence or one table cell. All words come from data/quantities.yaml; matching
runs on the fold() view, which has the length of the text, so offsets found there are
offsets in the text. Offsets index the text as given when it is already normalized
(normalize_text output, the pipeline's contract); otherwise they index normalize_text(text).

Reading rules (domain.md §6.1–6.2):
* A number is a quantity when a "%" or a known unit follows it, or a comparator word
  precedes it. A bare number ("1", "2026") is not: it is a row, year or section number.
* Dates ("22/12/2024", "Quý IV/2025"), document numbers ("57-NQ/TW", "Nghị quyết 57"),
  glued codes ("5S", "nq57"), section numbers ("1.1.") and numbers after a calendar or
  document word ("năm 2025", "Kế hoạch số 47") are skipped.
* No comparator word: "=" ("100%", "01 KIOSK"). "Từ X đến Y" reads as ">= X".
* A count out of a total ("Tối thiểu 03/05 khoa lâm sàng") is the count; the total is not kept.
* No number but "toàn bộ"/"tất cả": "=" 100 "%".
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import regex

from normalize.text import fold, load_yaml, normalize_text, squash_spaces


@dataclass(frozen=True)
class Quantity:
    comparator: str | None   # "=", ">=", ">", "<=", "<"; None when nothing was found
    value: float | None
    unit: str | None         # "%", "hội nghị/hội thảo", "sáng kiến/khoa", "KIOSK" …
    per: str | None          # rate denominator: "năm", "khoa", "khoa/năm"
    subject: str | None      # what is counted: "viên chức được bồi dưỡng kỹ năng số"
    start: int | None        # span of the quantity phrase (comparator word .. unit)
    end: int | None


NO_QUANTITY = Quantity(None, None, None, None, None, None, None)

PERCENT = "%"


# ---------------------------------------------------------------- vocabulary

@dataclass(frozen=True)
class _Vocab:
    comparator_of: dict[str, str]     # folded phrase -> operator
    comparator_re: regex.Pattern      # comparator (+ fillers) ending a prefix
    number_re: regex.Pattern          # digits or a spelled number
    number_words: dict[str, float]
    not_after_re: regex.Pattern       # calendar/document word ending a prefix
    percent_re: regex.Pattern         # "%" right after the number
    percent_cell_re: regex.Pattern    # a whole measure cell for a rate ("Tỷ lệ (%)")
    unit_re: regex.Pattern            # a unit right after the number
    unit_of: dict[str, str]           # folded spelling -> canonical unit
    slash_re: regex.Pattern           # "/khoa", "/năm", "/hội thảo" after a unit
    per_entity: frozenset[str]
    per_period: frozenset[str]
    suffix_re: regex.Pattern          # "trở lên"
    universal_re: regex.Pattern
    tail_per_re: regex.Pattern        # "/năm" ending a clause
    subject_lead_re: regex.Pattern
    subject_tail_re: regex.Pattern
    level_re: regex.Pattern           # "mức", "cấp độ" right before the number
    range_re: regex.Pattern           # "đến 3" after the number: "từ 2 đến 3 sáng kiến"
    population_units: frozenset[str]  # "dưới 1 tuổi" says who is counted, not how many
    qualitative_values: frozenset[str]  # value cells in words: "Có", "Hoàn thành"
    value_qualifiers: frozenset[str]  # "Duy trì" before the number it keeps
    change_re: regex.Pattern          # "lên" ending the text between a baseline and its target
    suffix_end_re: regex.Pattern      # "trở lên" ending it: no change ("từ 60 tuổi trở lên đạt 95%")
    at_least: str


def _key(phrase: str) -> str:
    """Lookup key of a phrase: folded, white space runs collapsed."""
    return " ".join(fold(normalize_text(phrase)).split())


def _alternation(phrases) -> str:
    """Regex alternation, longest first, inner white space matching any run of it."""
    keys = sorted({_key(p) for p in phrases}, key=len, reverse=True)
    return "|".join(r"\s+".join(regex.escape(w) for w in k.split(" ")) for k in keys)


def _word(alt: str) -> str:
    """Whole-word guard that still lets symbols like "≥" stand next to digits."""
    return rf"(?<!\w)(?:{alt})(?!(?<=\w)\w)"


@lru_cache(maxsize=1)
def load_vocab() -> dict:
    """The raw YAML (validated by tests)."""
    text = resources.files("normalize").joinpath("data/quantities.yaml").read_text("utf-8")
    return load_yaml(text)


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    raw = load_vocab()
    comparator_of = {_key(p): op for op, phrases in raw["comparators"].items() for p in phrases}
    unit_of: dict[str, str] = {}
    for canonical, spellings in raw["units"].items():
        for spelling in [canonical, *(spellings or [])]:
            unit_of[_key(spelling)] = canonical
    number_words = {_key(w): float(v) for w, v in raw["number_words"].items()}
    per_entity = frozenset(_key(p) for p in raw["per_entity"])
    per_period = frozenset(_key(p) for p in raw["per_period"])
    fillers = _alternation(raw["fillers"])
    per_alt = _alternation(per_entity | per_period)
    digits = r"(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?)(?!\w)"
    return _Vocab(
        comparator_of=comparator_of,
        comparator_re=regex.compile(
            rf"(?P<cmp>{_word(_alternation(comparator_of))})(?:\s*{_word(fillers)})*\s*$"),
        # Digits may not continue a word, a date or a code ("nq57", "12/2024", "2025-2026").
        number_re=regex.compile(
            rf"(?<![\w./,\-])(?:{digits})|{_word(_alternation(number_words))}"),
        number_words=number_words,
        # the exceptions as a look-behind at the end: "định kỳ" ends the prefix, "kỳ" is no cue
        not_after_re=regex.compile(rf"{_word(_alternation(raw['not_after']))}\s*$"
                                   rf"(?<!{_word(_alternation(raw['not_after_except']))}\s*)"),
        percent_re=regex.compile(rf"\s*(?:{_alternation(raw['percent'])})"),
        percent_cell_re=regex.compile(rf"(?:{_alternation(raw['rate_words'])})?\s*\(?\s*%\s*\)?"),
        unit_re=regex.compile(rf"\s*(?P<u>{_word(_alternation(unit_of))})"),
        unit_of=unit_of,
        slash_re=regex.compile(
            rf"\s*/\s*(?P<u>{_word(_alternation(set(unit_of) | per_entity | per_period))})"),
        per_entity=per_entity,
        per_period=per_period,
        suffix_re=regex.compile(rf"\s*{_word(_alternation(raw['at_least_suffix']))}"),
        universal_re=regex.compile(_word(_alternation(raw["universal"]))),
        tail_per_re=regex.compile(rf"/\s*(?P<p>(?:{per_alt})(?:\s*/\s*(?:{per_alt}))*)\W*$"),
        subject_lead_re=regex.compile(rf"^(?:{_word(_alternation(raw['subject_lead']))})\s*"),
        subject_tail_re=regex.compile(rf"\s*(?:{_word(_alternation(raw['subject_tail']))})$"),
        level_re=regex.compile(rf"(?P<lvl>{_word(_alternation(raw['level_words']))})\s*$"),
        range_re=regex.compile(rf"\s*(?:{_word(_alternation(raw['range_words']))}|[-–])\s*{digits}"),
        population_units=frozenset(_key(u) for u in raw["population_units"]),
        qualitative_values=frozenset(_key(v) for v in raw["qualitative_values"]),
        value_qualifiers=frozenset(_key(v) for v in raw["value_qualifiers"]),
        change_re=regex.compile(rf"{_word(_alternation(raw['change_words']))}\s*$"),
        suffix_end_re=regex.compile(rf"{_word(_alternation(raw['at_least_suffix']))}\s*$"),
        at_least=">=",
    )


# ---------------------------------------------------------------- one candidate

@dataclass(frozen=True)
class _Candidate:
    comparator: str | None
    value: float
    unit: str | None
    per: str | None
    start: int          # comparator start, else number start
    number_start: int
    unit_start: int     # where the counted noun begins (after "%")
    end: int
    has_comparator: bool


_REPEATED_NUMBER_RE = regex.compile(r"(?<![\w/.,-])(?P<a>[\p{L}\d]+)\s*(?P<b>\(\s*(?P<c>[\p{L}\d]+)\s*\))")


def _without_repeated_number(text: str, vocab: _Vocab) -> str:
    """"hai (02) lớp", "02 (hai) lớp": a count written in words and again in digits in brackets;
    the bracket is blanked out (offsets kept) so that the count reads once."""
    if "(" not in text:
        return text
    for m in _REPEATED_NUMBER_RE.finditer(text):
        words = {w: fold(w) for w in (m.group("a"), m.group("c"))}
        digits = [w for w in words if w.isdigit()]
        spelled = [f for w, f in words.items() if f in vocab.number_words]
        if len(digits) == 1 and len(spelled) == 1 and float(digits[0]) == vocab.number_words[spelled[0]]:
            text = text[:m.start("b")] + " " * len(m.group("b")) + text[m.end("b"):]
    return text


def _value(token: str, vocab: _Vocab) -> float:
    """'01' → 1, '95,5' → 95.5, '1.000' → 1000, '2.5' → 2.5, 'hai' → 2."""
    key = " ".join(token.split())
    if key in vocab.number_words:
        return vocab.number_words[key]
    if regex.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", token):
        return float(token.replace(".", "").replace(",", "."))
    return float(token.replace(",", "."))


def _line_start(folded: str, pos: int) -> bool:
    """Only white space or a bullet before `pos` on its line."""
    line_begin = folded.rfind("\n", 0, pos) + 1
    return folded[line_begin:pos].strip(" \t-+•*") == ""


def _is_code_or_date(folded: str, end: int) -> bool:
    """'57-NQ', '12/2024', '101/KH' (but not '100%' or '1.000')."""
    return bool(regex.match(r"[/\-][\w]", folded[end:end + 2]))


def _is_section_number(folded: str, start: int, end: int) -> bool:
    """'1.', '1.1.', '2)' opening a line."""
    return _line_start(folded, start) and bool(regex.match(r"[.)](?:\s|$)", folded[end:end + 2]))


def _read_units(folded: str, pos: int, vocab: _Vocab) -> tuple[str | None, str | None, int]:
    """Unit with its "/" alternatives and rate parts starting at `pos`: (unit, per, end)."""
    m = vocab.unit_re.match(folded, pos)
    if not m:
        return None, None, pos
    first = vocab.unit_of[" ".join(m["u"].split())]
    end, more_units, pers = _read_slashes(folded, m.end(), vocab, allow_units=True)
    return "/".join([first, *more_units]), "/".join(pers) or None, end


def _read_slashes(folded: str, pos: int, vocab: _Vocab,
                  allow_units: bool) -> tuple[int, list[str], list[str]]:
    """'/hội thảo' joins the unit; '/khoa' joins unit and per; '/năm' joins per only."""
    units: list[str] = []
    pers: list[str] = []
    while m := vocab.slash_re.match(folded, pos):
        token = " ".join(m["u"].split())
        if token in vocab.per_entity:
            units.append(token)
            pers.append(token)
        elif token in vocab.per_period:
            pers.append(token)
        elif allow_units and not pers:
            units.append(vocab.unit_of[token])
        else:
            break
        pos = m.end()
    return pos, units, pers


def _candidate(folded: str, num: regex.Match, vocab: _Vocab) -> _Candidate | None:
    """Read the quantity around one number, or None when the number is not a quantity."""
    start, end = num.span()
    spelled = num.group()[0].isalpha()
    frac = None if spelled else _fraction_of(folded, num)
    # "≥ 01/khoa, phòng": a number per unit or period, its counted noun in a column of its own
    rate_end, _, rate_pers = (end, [], []) if spelled else _read_slashes(folded, end, vocab, allow_units=False)
    if not spelled and not frac and not rate_pers and (
            _is_code_or_date(folded, end) or _is_section_number(folded, start, end)):
        return None
    prefix = folded[max(0, start - 60):start]
    base = start - len(prefix)
    cmp_m = vocab.comparator_re.search(prefix)
    pct = vocab.percent_re.match(folded, end)
    if not pct and vocab.not_after_re.search(prefix):
        return None
    span = None if spelled or frac else _RANGE.match(folded, end)
    if span:  # "80 - 90%": a range reads as its lower bound, as "Từ 80 đến 90%" does
        pct = vocab.percent_re.match(folded, span.end())
    if frac:  # "03/05 khoa lâm sàng": 3 of the 5; the counted unit follows the whole
        end = frac.end()
        unit, per, unit_end = _read_units(folded, end, vocab)
    elif pct:
        unit_end, _, pers = _read_slashes(folded, pct.end(), vocab, allow_units=False)
        unit, per = PERCENT, "/".join(pers) or None
    elif rate_pers:
        unit, per, unit_end = None, "/".join(rate_pers), rate_end
    else:
        unit, per, unit_end = _read_units(folded, end, vocab)
        to = vocab.range_re.match(folded, end) if unit is None else None
        if to:  # "từ 2 đến 3 sáng kiến", "Từ 80 đến 90%": the lower bound, in the upper one's unit
            pct = vocab.percent_re.match(folded, to.end())
            unit, per, unit_end = (PERCENT, None, pct.end()) if pct else _read_units(folded, to.end(), vocab)
    if unit is not None and _key(unit) in vocab.population_units:
        return None  # "trẻ em dưới 1 tuổi": an age that picks the people, not the target
    level = vocab.level_re.search(prefix) if unit is None else None
    if level:  # "đạt mức 6", "cấp độ 3": the scale is named before its number
        unit = " ".join(level["lvl"].split())
    if spelled and unit is None:
        return None  # "một" alone is an article, not a number
    suffix = vocab.suffix_re.match(folded, unit_end)
    comparator = vocab.comparator_of[" ".join(cmp_m["cmp"].split())] if cmp_m else None
    if span and pct:
        comparator = vocab.at_least
    if suffix:
        comparator, unit_end = vocab.at_least, suffix.end()
    # The counted noun follows "%" ("85% viên chức"); for a count it is the unit itself.
    noun_start = unit_end if unit == PERCENT or rate_pers else end
    if comparator is None and unit is None and not frac and not per:
        return None  # a fraction alone ("4/5" in a value cell) is a value: its unit has a column
    opens = base + cmp_m.start("cmp") if cmp_m else base + level.start() if level else start
    return _Candidate(
        comparator=comparator or "=", value=_value(num.group(), vocab), unit=unit, per=per,
        start=opens, number_start=start,
        unit_start=noun_start, end=unit_end, has_comparator=comparator is not None)


_RANGE = regex.compile(r"\s*[-–]\s*\d+(?:[.,]\d+)?(?=\s*%)")
_FRACTION = regex.compile(r"/(\d{1,3})(?=\s+\p{L}|\s*$)")   # "4/5" alone: a value cell


def _fraction_of(folded: str, num: regex.Match) -> regex.Match | None:
    """"03/05 khoa": a count out of a total, followed by what is counted. A day and month
    ("03/05") are followed by a year or stand after a calendar word, which this is not."""
    frac = _FRACTION.match(folded, num.end())
    if frac is None or not num.group().isdigit() or int(num.group()) > int(frac.group(1)):
        return None
    return frac


def _looks_like_row_number(text: str, folded: str, cand: _Candidate) -> bool:
    """'2 Cán bộ, viên chức …', '8 Sáng kiến …': a table's TT column fused with a Title-case
    content cell. A real bare count is written '01 KIOSK' or '02 lớp'."""
    if cand.has_comparator or cand.unit == PERCENT or not _line_start(folded, cand.number_start):
        return False
    if folded[cand.number_start] == "0" and folded[cand.number_start + 1:cand.number_start + 2].isdigit():
        return False  # "01 Kế hoạch": a count written with its leading zero, not a row's number
    word = text[cand.unit_start:cand.end].strip().split(" ")[0]
    return word[:1].isupper() and not word.isupper()


def _candidates(text: str, folded: str, vocab: _Vocab):
    for num in vocab.number_re.finditer(folded):
        cand = _candidate(folded, num, vocab)
        if cand and not _looks_like_row_number(text, folded, cand):
            yield cand


# ---------------------------------------------------------------- clause, per, subject

_CLAUSE_END = regex.compile(r";|\.(?=\s|$)|\n\s*[-+•]\s")


def _clause_end(folded: str, pos: int) -> int:
    m = _CLAUSE_END.search(folded, pos)
    return m.start() if m else len(folded)


def _clause_start(folded: str, pos: int) -> int:
    ends = list(_CLAUSE_END.finditer(folded, 0, pos))
    return ends[-1].end() if ends else 0


def _clean(text: str) -> str | None:
    cleaned = squash_spaces(text).strip(" ,:;.-–()")
    return cleaned or None


def _tail_per(folded: str, pos: int, stop: int, vocab: _Vocab) -> tuple[str | None, int]:
    """'… chuyển đổi số/năm;' → ('năm', index of the '/')."""
    m = vocab.tail_per_re.search(folded[pos:stop])
    if not m:
        return None, stop
    return "/".join(p.strip() for p in m["p"].split("/")), pos + m.start()


def _subject_before(text: str, folded: str, start: int, vocab: _Vocab) -> str | None:
    """'Tỷ lệ người bệnh hài lòng đạt ≥ 90%' → 'người bệnh hài lòng'."""
    begin = _clause_start(folded, start)
    words = squash_spaces(text[begin:start])
    key = squash_spaces(folded[begin:start])
    lead = vocab.subject_lead_re.search(key)
    tail = vocab.subject_tail_re.search(key)
    return _clean(words[lead.end() if lead else 0: tail.start() if tail else len(words)])


def _finish(text: str, folded: str, cand: _Candidate, vocab: _Vocab) -> Quantity:
    stop = _clause_end(folded, cand.end)
    per, subject_stop = cand.per, stop
    if per is None:
        per, subject_stop = _tail_per(folded, cand.end, stop, vocab)
    subject = _clean(text[cand.unit_start:subject_stop])
    if subject is None:
        subject = _subject_before(text, folded, cand.start, vocab)
    return Quantity(cand.comparator, cand.value, cand.unit, per, subject, cand.start, cand.end)


def _universal(text: str, folded: str, vocab: _Vocab) -> Quantity:
    m = vocab.universal_re.search(folded)
    if not m:
        return NO_QUANTITY
    subject = _clean(text[m.end():_clause_end(folded, m.end())])
    return Quantity("=", 100.0, PERCENT, None, subject, m.start(), m.end())


# ---------------------------------------------------------------- public API

def parse_quantity(text: str) -> Quantity:
    """First quantity in a sentence or a table cell; NO_QUANTITY (all None) when none."""
    vocab = _vocab()
    text = _without_repeated_number(normalize_text(text), vocab)
    folded = fold(text)
    candidates = _candidates(text, folded, vocab)
    for cand in candidates:  # the first; a change word may lead on to one of the rest
        return _finish(text, folded, _changed_to(cand, candidates, folded, vocab), vocab)
    return _universal(text, folded, vocab)


def _changed_to(first: _Candidate, candidates, folded: str, vocab: _Vocab) -> _Candidate:
    """"Tăng tỷ lệ … từ 86,4% năm 2025 lên 100%": the first number is the baseline, the one
    the change word leads to (in the same clause) is the target."""
    stop = _clause_end(folded, first.end)
    for cand in candidates:
        if cand.start >= stop:
            break
        if first.end <= cand.start and vocab.change_re.search(folded, first.end, cand.start) \
                and not vocab.suffix_end_re.search(folded, first.end, cand.start):
            return cand
    return first


_HEAD = 160  # is_quantity only reads the head of a cell: it runs on every table cell


def is_quantity(text: str) -> bool:
    """True when the whole cell is a quantity: it opens with [comparator] number and a
    "%" or a unit ("100% đúng hạn", "≥ 01 hội nghị", "01 KIOSK").

    A percentage or a comparator may be followed by any words ("100% cán bộ lãnh đạo");
    a bare count only by a few ("02 lớp tập huấn"), so content cells stay out.
    """
    stripped = text.strip()
    if not stripped:
        return False
    head = normalize_text(stripped[:_HEAD])
    folded = fold(head)
    vocab = _vocab()
    if not any(ch.isdigit() for ch in folded[:40]):
        return vocab.universal_re.fullmatch(squash_spaces(folded)) is not None
    num = vocab.number_re.search(folded)
    if num is None:
        return False
    cand = _candidate(folded, num, vocab)
    if cand is None or cand.start != 0 or _looks_like_row_number(head, folded, cand):
        return False
    if cand.has_comparator or cand.unit == PERCENT:
        return True
    return cand.unit is not None and len(stripped[cand.end:].split()) <= 4


# ---------------------------------------------------------------- unit-of-measure cells

_MEASURE_MAX_CHARS = 30


def is_measure(text: str) -> bool:
    """Is the whole cell a unit of measure the vocabulary knows (Đơn vị tính: "%", "Tỷ lệ
    (%)", "Bệnh viện", "Lớp/năm", a level "Mức")?"""
    cell = squash_spaces(normalize_text(text))
    return _measure_shaped(cell) and _known_measure(cell) is not None


def _known_measure(cell: str) -> tuple[str, str | None] | None:
    """(unit, per) when the vocabulary knows the whole cell as a unit ("%", "Tỷ lệ (%)",
    "Lớp/năm" → lớp per năm)."""
    vocab = _vocab()
    folded = fold(cell)
    # "%", "Tỷ lệ (%)", "(%)": the sign alone or in brackets after the word for a rate; not
    # a name's last word printed before it ("VNeID %")
    if vocab.percent_re.fullmatch(folded) or vocab.percent_cell_re.fullmatch(folded):
        return PERCENT, None
    unit, per, end = _read_units(folded, 0, vocab)
    if unit and end == len(folded):
        return unit, per
    level = vocab.level_re.fullmatch(folded)  # "Mức", "Cấp độ": the value is a level
    return (level.group("lvl"), None) if level else None


def _measure_shaped(cell: str) -> bool:
    return bool(cell) and len(cell) <= _MEASURE_MAX_CHARS and not any(ch.isdigit() for ch in cell) \
        and (cell[0].isalpha() or cell[0] in "%(") and len(cell.split()) <= 3


def may_be_measure(text: str) -> bool:
    """A few words without a digit: a unit of measure the vocabulary may not know ("Lượt
    truy cập")."""
    return _measure_shaped(squash_spaces(text))


def is_qualitative_value(text: str) -> bool:
    """A value cell answering in words ("Có", "Đạt", "Hoàn thành", "Duy trì")."""
    return _key(text) in _vocab().qualitative_values


def is_bare_quantity(text: str) -> bool:
    """A quantity cell holding only the value ("≥ 50", "100", "97,5%"), as it is when the
    unit has a column of its own."""
    cell = text.strip()
    q = parse_value_cell(cell)
    return q.value is not None and q.start == 0 and not cell[q.end:].strip(" .;,")


def is_qualified_quantity(text: str) -> bool:
    """A word keeping a value, then the number it keeps ("Duy trì ≥ 90"): a value cell of an
    indicator table as much as the number alone."""
    words = text.split()
    return any(_key(" ".join(words[:k])) in _vocab().value_qualifiers and
               (is_bare_quantity(" ".join(words[k:])) or is_quantity(" ".join(words[k:])))
               for k in range(1, min(len(words), _QUALIFIER_WORDS + 1)))


_QUALIFIER_WORDS = 2   # "Duy trì", "Giữ vững"

_BARE_NUMBER = regex.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?")


def parse_value_cell(text: str | None) -> Quantity:
    """The value cell of an indicator table: a quantity, or a bare number ("100", "80"),
    which in prose is no quantity but in a value column is the target itself (=)."""
    if not text:
        return NO_QUANTITY
    q = parse_quantity(text)
    if q.value is not None:
        return q
    cell = text.strip()
    lead = len(text) - len(text.lstrip())
    word, _, number = cell.rpartition(" ")
    if word and is_qualitative_value(word) and _BARE_NUMBER.fullmatch(number):
        lead, cell = lead + len(word) + 1, number  # "Duy trì 100": keep the level reached, 100
    if not _BARE_NUMBER.fullmatch(cell):
        return NO_QUANTITY
    return Quantity("=", _value(cell, _vocab()), None, None, None, lead, lead + len(cell))


def measure_to_unit(text: str | None) -> tuple[str | None, str | None]:
    """(unit, per) of a unit-of-measure cell, in the vocabulary's canonical spelling where it
    knows the noun ("%", "Lớp/năm" → lớp per năm); otherwise the noun as written, lower case
    unless written in capitals ("Bệnh viện" → bệnh viện, "KIOSK" stays)."""
    if not text or not may_be_measure(text):
        return None, None
    cell = squash_spaces(normalize_text(text))
    known = _known_measure(cell)
    if known:
        return known
    return " ".join(w if w.isupper() and len(w) > 1 else w.lower() for w in cell.split()), None
