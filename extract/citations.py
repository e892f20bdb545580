"""Legal citations: every document cited by number ("Căn cứ Nghị quyết số 57-NQ/TW ngày …").

Pattern (domain.md §2.2):  <type> [số] <number> [,] [ngày <date>] [của <issuer>] [ngày <date>]
[về|về việc|phê duyệt … <trích yếu>].

How it works: numbers are found first (they are the anchor: a citation without a number is not
returned), then the pieces around each number are read with small anchored patterns. Words are
matched in the fold() view, which has the same length as the text, so every offset found there is
an offset in the text; numbers are matched case-sensitively in the text itself ("QĐ" vs "Qđ").
Line breaks are plain white space to every pattern, so citations broken across PDF lines are
found. All vocabulary comes from normalize/data/doc_types.yaml.
"""
from __future__ import annotations

import datetime
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache

import regex

from normalize.doc_numbers import (
    DocNumber,
    abbr_to_type_map,
    doc_number_scan_re,
    doc_type_from_symbol,
    load_doc_vocab,
    match_to_doc_number,
)
from normalize.text import fold, squash_spaces


@dataclass(frozen=True)
class Citation:
    start: int  # [start, end) into the text given: type word (or number) … last of date/issuer
    end: int
    cited_type: str | None
    cited_number: str
    number_raw: str
    cited_date: datetime.date | None
    cited_issuer: str | None
    cited_subject: str | None
    text: str
    lead: str | None


# How far back a type word may stand from its number ("Luật Bảo vệ dữ liệu cá nhân số 91/…").
_TYPE_WINDOW = 120
_LEAD_WINDOW = 40
_MAX_ISSUER_TOKENS = 12
_MAX_SUBJECT_CHARS = 400
# Markdown / table noise tolerated between the pieces of a citation.
_NOISE = r"[\s*|_]*"


@dataclass(frozen=True)
class _TypeWord:
    start: int
    end: int
    type_name: str | None  # None for a generic word ("Văn bản"): the type comes from the number


@dataclass(frozen=True)
class _Patterns:
    type_words: regex.Pattern  # on fold
    type_abbrs: regex.Pattern  # on text, case-sensitive
    word_to_type: dict[str, str | None]  # squashed fold(word) → canonical name
    gap: regex.Pattern  # what may stand between type word and number (fold)
    gap_to_number: regex.Pattern  # gap, then a digit (fold)
    header: regex.Pattern  # "Số:" before a number = the document's own header (text)
    lead: regex.Pattern  # lead verb right before the citation (fold)
    lead_names: dict[str, str]  # squashed fold(variant) → canonical lead
    only_leads: regex.Pattern  # a stretch made only of lead verbs (fold)
    date: regex.Pattern  # optional "," / "ngày" then a date (fold)
    year_only: regex.Pattern  # "năm 1997" after a number: consumed, gives no date (fold)
    issuer_intro: regex.Pattern  # ", của " (fold)
    token: regex.Pattern  # one issuer word (fold)
    issuer_before_cue: regex.Pattern  # "của <issuer> tại" right before a citation (fold)
    issuer_stop: regex.Pattern  # (fold)
    issuer_keep: regex.Pattern  # (fold)
    subject_marker: regex.Pattern  # (fold)
    subject_end: regex.Pattern  # ";" or a sentence-ending "." (text)
    shared_issuer: regex.Pattern  # what joins two citations that share one issuer (fold)


def _words_to_alternation(words) -> str:
    """Folded, longest first, any white space (line breaks too) between the words."""
    folded = sorted({squash_spaces(fold(w)) for w in words}, key=len, reverse=True)
    return "|".join(r"\s+".join(regex.escape(p) for p in w.split(" ")) for w in folded)


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    vocab = load_doc_vocab()
    abbrs = set(abbr_to_type_map())
    word_to_type: dict[str, str | None] = {}
    for spec in vocab.types:
        for word in spec.words:
            if word not in abbrs:
                word_to_type[squash_spaces(fold(word))] = spec.name
    for word in vocab.generic_type_words:
        word_to_type[squash_spaces(fold(word))] = None
    # Abbreviations used as type words ("QĐ 5316/QĐ-BYT") are matched as written, so that a
    # lower-case "kh" or "tt" in prose never counts; not next to "/" or "-" (inside a ký hiệu).
    abbr_words = [w for spec in vocab.types for w in spec.words if w in abbrs]
    number_words = _words_to_alternation(vocab.number_words)
    # Name words (only letters, maybe a comma) are allowed only before "số":
    # "Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15", never "Kế hoạch của … 57-NQ/TW".
    gap = rf"{_NOISE}(?:(?:[^\W\d_]+,?\s+){{0,10}}(?:{number_words})\s*[:.]?)?{_NOISE}"
    lead_names = {
        squash_spaces(fold(v)): canonical
        for canonical, variants in vocab.lead_verbs.items() for v in variants
    }
    leads = _words_to_alternation(lead_names)
    dw = {k: regex.escape(fold(v)) for k, v in vocab.date_words.items()}
    numeric_date = r"(?P<d>\d{1,2})\s*(?P<sep>[/.\-])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<y>(?:19|20)\d{2})"
    spelled_date = (
        rf"(?P<d2>\d{{1,2}})\s+{dw['month']}\s+(?P<m2>\d{{1,2}})\s+{dw['year']}\s+(?P<y2>(?:19|20)\d{{2}})"
    )
    return _Patterns(
        type_words=regex.compile(rf"(?<!\w)(?:{_words_to_alternation(word_to_type)})(?!\w)"),
        type_abbrs=regex.compile(
            rf"(?<![\w/\-])(?:{'|'.join(regex.escape(a) for a in sorted(abbr_words, key=len, reverse=True))})(?![\w/\-])"
        ),
        word_to_type=word_to_type,
        gap=regex.compile(gap),
        gap_to_number=regex.compile(rf"{gap}(?=\d)"),
        header=regex.compile(
            rf"(?:{regex.escape(vocab.header_number_word)}[ \t]*:[ \t*]*|(?:^|\n)[ \t*|]*{regex.escape(vocab.header_number_word)}[ \t*]*)\Z"
        ),
        lead=regex.compile(rf"(?<!\w)(?P<lead>{leads})[\s*(|_\-]*\Z"),
        lead_names=lead_names,
        only_leads=regex.compile(rf"[\s,*]*(?:(?:{leads})[\s,*]*)*"),
        date=regex.compile(
            rf"{_NOISE},?{_NOISE}(?:{dw['day']}{_NOISE})?(?:{numeric_date}|{spelled_date})(?!\d)"
        ),
        year_only=regex.compile(rf"{_NOISE},?{_NOISE}{dw['year']}\s+(?:19|20)\d{{2}}(?!\d)"),
        issuer_intro=regex.compile(
            rf"{_NOISE},?{_NOISE}(?:{_words_to_alternation(vocab.issuer_intro)})(?!\w)\s*"
        ),
        token=regex.compile(r"[ \t\n*]*(?P<tok>[^\s,;.()\[\]:|*\"“”/]+)"),
        issuer_before_cue=regex.compile(
            rf"(?<!\w)(?:{_words_to_alternation(vocab.issuer_before_cues)}){_NOISE}\Z"),
        issuer_stop=regex.compile(rf"(?:{_words_to_alternation(vocab.issuer_stops)})(?!\w)"),
        issuer_keep=regex.compile(
            r"(?:" + "|".join(
                r"\s*,?\s+".join(regex.escape(p) for p in squash_spaces(fold(w)).replace(",", "").split(" "))
                for w in sorted(vocab.issuer_keep, key=len, reverse=True)
            ) + r")(?!\w)"
        ),
        shared_issuer=regex.compile(
            rf"{_NOISE},?{_NOISE}(?:{_words_to_alternation(vocab.issuer_shared_by)}){_NOISE}"),
        subject_marker=regex.compile(
            rf"{_NOISE},?{_NOISE}(?:(?P<drop>{_words_to_alternation(vocab.subject_drop)})"
            rf"|(?P<keep>{_words_to_alternation(vocab.subject_keep)}))(?!\w)"
        ),
        subject_end=regex.compile(r";|\.(?=\s|/|$)|\)"),
    )


# --- pure helpers ----------------------------------------------------------------------------

def match_to_date(m: regex.Match) -> datetime.date | None:
    """A date match → date; None when the numbers are not a real day (OCR noise)."""
    d, mo, y = (m.group("d"), m.group("m"), m.group("y")) if m.group("d") else (
        m.group("d2"), m.group("m2"), m.group("y2"))
    try:
        return datetime.date(int(y), int(mo), int(d))
    except ValueError:
        return None


def number_text_to_raw(written: str) -> str:
    """As written, but a hyphen at a line end joins ("57-\\nNQ/TW" → "57-NQ/TW")."""
    return squash_spaces(regex.sub(r"-[ \t]*\n\s*", "-", written))


def text_to_type_words(text: str, folded: str) -> list[_TypeWord]:
    pats = _patterns()
    found = [
        _TypeWord(m.start(), m.end(), pats.word_to_type[squash_spaces(m.group())])
        for m in pats.type_words.finditer(folded)
    ]
    abbrs = abbr_to_type_map()
    found += [_TypeWord(m.start(), m.end(), abbrs[m.group()]) for m in pats.type_abbrs.finditer(text)]
    return sorted(found, key=lambda w: w.end)


def _type_word_before(words: list[_TypeWord], ends: list[int], folded: str, pos: int) -> _TypeWord | None:
    """The nearest type word before `pos` whose gap to the number is only "số"/name words/noise."""
    i = bisect_right(ends, pos) - 1
    if i < 0 or words[i].end < pos - _TYPE_WINDOW:
        return None
    word = words[i]
    return word if _patterns().gap.fullmatch(folded, word.end, pos) else None


def _lead_before(folded: str, pos: int) -> tuple[str | None, int]:
    pats = _patterns()
    m = pats.lead.search(folded, max(0, pos - _LEAD_WINDOW), pos)
    if not m:
        return None, pos
    return pats.lead_names[squash_spaces(m.group("lead"))], m.start("lead")


def _read_issuer(text: str, folded: str, pos: int) -> tuple[str | None, int]:
    """Words after "của" up to a stop word or punctuation; returns (issuer, end offset)."""
    pats = _patterns()
    closed = load_doc_vocab().issuer_closed
    first, last, count = None, pos, 0
    while count < _MAX_ISSUER_TOKENS:
        keep = pats.issuer_keep.match(folded, _skip_space(folded, last))
        if keep and first is not None:
            last, count = keep.end(), count + 1
            continue
        m = pats.token.match(folded, last)
        if not m or m.start("tok") - last > 0 and _has_punct(folded[last:m.start("tok")]):
            break
        tok_start, tok = m.start("tok"), m.group("tok")
        stop = pats.issuer_stop.match(folded, tok_start)
        # "… khu vực Năm Căn": a capitalised one-word stop inside a name is the name's own word
        written = text[tok_start:m.end()]
        in_name = stop is not None and first is not None and stop.group().isalpha() \
            and written[:1].isupper() and written[1:].islower() and text[first].isupper()
        if (stop and not in_name) or _starts_citation(text, folded, tok_start):
            break
        if tok.isdigit() and (len(tok) > 3 or folded[m.end():m.end() + 1] in "/.-" or "\n" in folded[last:tok_start]):
            break  # a date, a year or a row number on the next line, not "Ban Chỉ đạo 57"
        if first is None:
            first = tok_start
        last, count = m.end(), count + 1
        if " ".join(folded[first:last].split()) in closed:
            break
    if first is None:
        return None, pos
    return squash_spaces(text[first:last]) or None, last


def _skip_space(s: str, pos: int) -> int:
    while pos < len(s) and s[pos] in " \t\n*":
        pos += 1
    return pos


def _has_punct(s: str) -> bool:
    return any(c not in " \t\n*" for c in s)


def _starts_citation(text: str, folded: str, pos: int) -> bool:
    """A type word followed by a number: the next citation ("… của Chính phủ Kế hoạch số 2/…").

    A type word alone does not end an issuer: "Ban Quản lý dự án" is a name.
    """
    pats = _patterns()
    word = pats.type_words.match(folded, pos) or pats.type_abbrs.match(text, pos)
    return bool(word and pats.gap_to_number.match(folded, word.end()))


def _subject_end(text: str, folded: str, start: int, boundary: int) -> int:
    """End of the trích yếu: ";" / "." / ")" or the next citation, whichever comes first.

    When the next citation starts the subject itself ("về Thực hiện Nghị quyết số 71/NQ-CP …"),
    the subject runs over it to the end of the clause, since its name is that nested document.
    """
    pats = _patterns()
    limit = min(len(text), start + _MAX_SUBJECT_CHARS)
    m = pats.subject_end.search(text, start, limit)
    clause_end = m.start() if m else limit
    if boundary < clause_end and not pats.only_leads.fullmatch(folded, start, boundary):
        return boundary
    return clause_end


def _trim_subject(s: str) -> str | None:
    s = squash_spaces(s).strip(" ,*|(")
    return s or None


# --- main ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Found:
    """A citation before its subject is known (the subject stops at the next citation)."""

    start: int
    end: int
    number_start: int
    number_end: int
    lead_start: int
    lead: str | None
    type_name: str | None
    number: DocNumber
    date: datetime.date | None
    issuer: str | None


def _read_citation(text: str, folded: str, m: regex.Match, words, ends) -> _Found | None:
    pats = _patterns()
    number = match_to_doc_number(m, number_text_to_raw(m.group()))
    if number.number is None:
        return None
    # "Số: 240/KH-BV" is the document's own header number, not a citation.
    if pats.header.search(text, max(0, m.start() - 20), m.start()):
        return None
    word = _type_word_before(words, ends, folded, m.start())
    if word is None:
        # A bare number counts only when its ký hiệu names a type ("theo 47/KH-SYT").
        if doc_type_from_symbol(number.symbol) is None:
            return None
        start, type_name = m.start(), doc_type_from_symbol(number.symbol)
    else:
        start = word.start
        type_name = word.type_name or doc_type_from_symbol(number.symbol) or \
            load_doc_vocab().generic_fallback
    end = m.end()
    date = None
    d = pats.date.match(folded, end)
    if d:
        date, end = match_to_date(d), d.end()
    year = None if d else pats.year_only.match(folded, end)
    if year:
        end = year.end()
    issuer = None
    intro = pats.issuer_intro.match(folded, end)
    if intro:
        issuer, issuer_end = _read_issuer(text, folded, intro.end())
        if issuer:
            end = issuer_end
            late = None if d else pats.date.match(folded, end)
            if late:
                date, end = match_to_date(late), late.end()
    if issuer is None and word is not None:
        issuer = _issuer_before(text, folded, start)
    lead, lead_start = _lead_before(folded, start)
    return _Found(start, end, m.start(), m.end(), lead_start, lead, type_name, number, date, issuer)


def _issuer_before(text: str, folded: str, start: int) -> str | None:
    """The issuer named before the citation: "chỉ đạo của Bộ Y tế tại Công văn số …"."""
    pats = _patterns()
    window = max(0, start - _ISSUER_BEFORE_REACH)
    cue = pats.issuer_before_cue.search(folded, window, start)
    intros = list(pats.issuer_intro.finditer(folded, window, cue.start())) if cue else []
    if not intros:
        return None
    issuer, end = _read_issuer(text, folded, intros[-1].end())
    return issuer if issuer and not folded[end:cue.start()].strip(" ,\n") else None


# Characters looked at before a citation for "của <issuer> tại".
_ISSUER_BEFORE_REACH = 100


def _citation_text(text: str, f: _Found) -> str:
    """Squashed source text; the number as in number_raw (line-end hyphen joined)."""
    parts = (text[f.start:f.number_start], f.number.raw, text[f.number_end:f.end])
    return squash_spaces("".join(parts))


def _subject_of(text: str, folded: str, found: _Found, boundary: int) -> str | None:
    marker = _patterns().subject_marker.match(folded, found.end)
    if not marker:
        return None
    start = marker.start("keep") if marker.group("keep") else marker.end()
    if boundary <= start:
        boundary = len(text)
    return _trim_subject(text[start:_subject_end(text, folded, start, boundary)])


def find_citations(text: str) -> list[Citation]:
    """Every document cited by number, in order of appearance, nested ones included.

    `text` should be normalize_text() output. Duplicates are kept: the caller decides which
    occurrence is the defining one (usually the first, per canonical number).
    """
    folded = fold(text)
    words = text_to_type_words(text, folded)
    ends = [w.end for w in words]
    found = [
        f for m in doc_number_scan_re().finditer(text)
        if (f := _read_citation(text, folded, m, words, ends)) is not None
    ]
    citations = []
    for i, f in enumerate(found):
        boundary = found[i + 1].lead_start if i + 1 < len(found) else len(text)
        citations.append(Citation(
            start=f.start,
            end=f.end,
            cited_type=f.type_name,
            cited_number=f.number.canonical,
            number_raw=f.number.raw,
            cited_date=f.date,
            cited_issuer=f.issuer,
            cited_subject=_subject_of(text, folded, f, boundary),
            text=_citation_text(text, f),
            lead=f.lead,
        ))
    return _shared_issuers(citations, folded)


def _shared_issuers(citations: list[Citation], folded: str) -> list[Citation]:
    """"Thông tư số 54/2017/TT-BYT ngày 29/12/2017 và Quyết định số 5316/QĐ-BYT ngày
    22/12/2020 của Bộ trưởng Bộ Y tế": the first document has the second's issuer, when both
    numbers end in the same issuing body's code (BYT, TTg; not "QH15 và … NĐ-CP")."""
    out = list(citations)
    for i in range(len(out) - 2, -1, -1):
        first, second = out[i], out[i + 1]
        if first.cited_issuer is None and second.cited_issuer and \
                _issuing_code(first.cited_number) == _issuing_code(second.cited_number) is not None and \
                _patterns().shared_issuer.fullmatch(folded, first.end, second.start):
            out[i] = replace(first, cited_issuer=second.cited_issuer)
    return out


def _issuing_code(number: str | None) -> str | None:
    symbol = number.rsplit("/", 1)[-1] if number else ""
    return symbol.rsplit("-", 1)[-1] if "-" in symbol else None
