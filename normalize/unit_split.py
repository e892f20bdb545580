"""Cutting a units cell into its unit mentions ("Phòng KHTH, Tổ CNTT; Các khoa, phòng"):
where each unit starts (a head, a known name or code, an all-units phrase) and ends.

Part of normalize.units (see its docstring); helpers shared inside that family keep their
leading underscore.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from normalize.text import fold, squash_spaces
from normalize.unit_lexicon import _known_abbreviation
from normalize.unit_resolve import _resolve_cached
from normalize.unit_vocab import (UnitLexicon, _ABBR_CORE_RE, _COMMA_SPACE_RE, _CUT_RE, _SPACES_RE, _Vocab,
                                  _curated_names,
                                  _SPACES_AT_RE, _WORD_RE, _WORD_START_RE, _capitalised, _head_at, _is_ascii_text, _trim,
                                  _view, load_vocabulary)


def _segments(norm: str) -> list[tuple[int, int]]:
    """Hard separators: ';' and a line that opens with a bullet."""
    cuts = [m.span() for m in _CUT_RE.finditer(norm) if not _wrapped_before_hyphen(norm, m)]
    out, pos = [], 0
    for a, b in cuts:
        out.append((pos, a))
        pos = b
    out.append((pos, len(norm)))
    return out


# Bullets and blanks before a cell's first unit.
_BULLETS = " \t\n-+•*–"


@lru_cache(maxsize=1)
def _curated_first_words() -> frozenset[str]:
    return frozenset(fold(e.name.split()[0]) for e in load_vocabulary().curated if e.name.split())


def may_open_units(text: str) -> bool:
    """Can a list of units begin where the text begins: a head word ("Phòng", "p."), an
    all-units phrase, an abbreviation ("TCHC", "KH-TC-ĐD") or the first word of a curated
    name ("Công đoàn")? A cheap test before unit_list_score: a table cell of a unit column
    never opens otherwise."""
    s = text.lstrip(_BULLETS)
    if not s:
        return False
    vocab = load_vocabulary()
    view = fold(s[:80])
    if vocab.head_first_re.match(view) or vocab.all_units_re.match(view):
        return True
    first, _, rest = view.partition(" ")
    if first in vocab.plural_markers and vocab.head_first_re.match(rest.lstrip()):
        return True  # "Các TYT xã, phường": every unit of a kind
    first = s.split(None, 1)[0].strip(",;:.()")
    return sum(c.isupper() for c in first) >= 2 or fold(first) in _curated_first_words()


def _wrapped_before_hyphen(norm: str, cut: regex.Match) -> bool:
    """"Phòng Kế hoạch" / "- Nghiệp vụ": a name wrapped before its own " - " is no bullet. The
    line goes on a name when the text before it does not end a list item and the text after
    the dash opens no unit (may_open_units)."""
    dash = cut.group().strip()
    if not cut.group().startswith("\n") or dash not in ("-", "–"):
        return False
    before = norm[:cut.start()].rstrip()
    if not before or before[-1] in ",;.:":
        return False
    after = norm[cut.end():cut.end() + 80]
    return after[:1].isalpha() and not may_open_units(after)


def _after_comma(norm: str, pos: int, seg_start: int) -> bool:
    i = pos - 1
    while i >= seg_start and norm[i].isspace():
        i -= 1
    return i < seg_start or norm[i] == ","


def _before_is_hyphen(norm: str, pos: int, seg_start: int) -> bool:
    i = pos - 1
    while i >= seg_start and norm[i].isspace():
        i -= 1
    return i >= seg_start and norm[i] == "-"


def _dash_between_units(norm: str, st: _Start, seg_start: int) -> bool:
    """"Phòng CNTT - Phòng ĐD - KSNK - Các khoa lâm sàng": a dash with space on both sides
    before a head whose name is capitalised (or before an all-units phrase) lists the next
    unit; "Phòng KH-" / "NV" and "Phòng Kế hoạch - Tổ chức" go on with one name."""
    i = st.pos - 1
    while i > seg_start and norm[i].isspace():
        i -= 1
    if i == st.pos - 1 or i <= seg_start or not norm[i - 1].isspace():
        return False
    if st.head_end is None:
        return st.complete
    nxt = _SPACES_AT_RE.match(norm, st.head_end).end()
    return nxt < len(norm) and norm[nxt].isupper()


def _known_start(norm: str, view: str, pos: int, lexicon: UnitLexicon | None, vocab: _Vocab,
                 headless: bool = False) -> bool:
    """Does a comma-separated part starting at pos name a unit without a head word? After
    "và" (`headless`) only a body named without any head counts ("Công đoàn cơ sở"): in
    "Trung tâm Đào tạo và Chỉ đạo tuyến" the words after "và" go on with the name."""
    abbr = _ABBR_CORE_RE.match(norm, pos)
    if abbr and (abbr.end() == len(norm) or not norm[abbr.end()].isalnum()):
        text = abbr.group()
        if text in vocab.field_forms:
            return False
        return _known_abbreviation(text, lexicon, vocab)
    if not _capitalised(norm, pos):
        return False
    words = [w for w in _WORD_RE.findall(view[pos:pos + 80]) if w not in vocab.connectors][:8]
    for n in range(1, len(words) + 1):
        key = " ".join(words[:n])
        if headless:
            if any(e.head is None for e in vocab.curated_by_key.get(key, ())):
                return True
        elif key in vocab.curated_by_key or (lexicon is not None and key in lexicon.names):
            return True
    return False


@dataclass
class _Start:
    pos: int
    head_end: int | None     # end of the head word, or None
    complete: bool           # an all-units phrase or a known name: complete by itself
    plural: bool = False     # opens with a plural marker ("Các TTYT"): every unit of a kind


def _starts(norm: str, view: str, seg: tuple[int, int], lexicon: UnitLexicon | None,
            vocab: _Vocab, coded: list[tuple[int, int]]) -> tuple[list[_Start], list[tuple[int, int]]]:
    s, e = seg
    ascii_text = _is_ascii_text(norm)
    protected = _all_units_spans(norm, view, s, e, vocab)
    starts = [_Start(a, None, True) for a, _ in protected if not _after_bare_head(norm, view, a, s, vocab)]
    # Only a word that may open a head, or one after a comma, can start a unit: looking at
    # those alone (found by regex, in C) decides the same as looking at every word.
    heads = _head_candidates(vocab, view, s, e, ascii_text)
    for p in sorted(heads | _comma_candidates(norm, view, s, e, vocab)):
        if protected and any(a < p < b for a, b in protected) or _after_parent_cue(view, p, s, vocab):
            continue
        found = _head_at(vocab, norm, view, p, ascii_text) if p in heads else None
        if found and _after_plural_marker(view, p, s, vocab):
            # "Các TYT": the head is the plural's noun; the plural opens the unit when it opens
            # a line or follows a separator ("Các BV trực thuộc" / "Các TTYT")
            q = _plural_marker_start(view, p)
            if q > s and (_capitalised(norm, q) or _after_comma(norm, q, s)) and \
                    not any(a <= q < b for a, b in protected):
                starts.append(_Start(q, found[1], False, plural=True))
            continue
        if found and (_capitalised(norm, p) or _after_comma(norm, p, s)):
            if not _owner_of_body(norm, view, p, starts[-1].pos if starts else s, e, vocab):
                starts.append(_Start(p, found[1], False))
        elif _after_comma(norm, p, s) and p > s and _known_start(norm, view, p, lexicon, vocab):
            starts.append(_Start(p, None, True))
        elif p > s and _after_connector(view, p, s, vocab) and _known_start(norm, view, p, lexicon, vocab, True):
            starts.append(_Start(p, None, True))  # "Đoàn Thanh niên và Công đoàn cơ sở"
    taken = {st.pos for st in starts}
    starts += [_Start(p, None, True) for p, _ in coded
               if p not in taken and not any(a < p < b for a, b in protected)
               and not _after_plural_marker(view, p, s, vocab)]  # "Các TTYT khu vực": one unit
    taken |= {st.pos for st in starts}
    starts += [_Start(p, None, True) for p in _after_a_code(norm, view, s, e, lexicon, vocab)
               if p not in taken and not any(a < p < b for a, b in protected)]
    taken |= {st.pos for st in starts}
    starts += [_Start(p, None, True) for p in _headless_after_known_line(norm, view, s, e, lexicon, vocab)
               if p not in taken and not any(a < p < b for a, b in protected)]
    # "HĐ KHKT", "PKĐKKV Phúc Trạch": a short form the plan defined is one unit
    starts = [st for st in starts if not any(a < st.pos < b for a, b in coded)]
    starts.sort(key=lambda st: st.pos)
    return starts, protected


def _owner_of_body(norm: str, view: str, pos: int, last_start: int, seg_end: int, vocab: _Vocab) -> bool:
    """"Hội đồng Khoa học và Công nghệ Sở Y tế", "Hội đồng Khoa học Trung tâm": the body a
    council belongs to, named generically right after it (no comma), is part of its name."""
    if pos <= last_start or _after_comma(norm, pos, last_start) or not view.startswith(vocab.owned_bodies, last_start):
        return False
    end = _MENTION_END_RE.search(norm, pos, seg_end)
    rest = " ".join(_WORD_RE.findall(view[pos:end.start() if end else seg_end]))
    return rest in vocab.owner_names


# Where the owner's bare name must end: a separator, a bracket or the printed line's end.
_MENTION_END_RE = regex.compile(r"[,;(\n]")


def _after_parent_cue(view: str, pos: int, seg_start: int, vocab: _Vocab) -> bool:
    """A name right after a parent cue on the same printed line ("Các bệnh viện trực thuộc Sở
    Y tế"): the body the units belong to, part of the same mention. On the next line
    ("Các chi bộ trực thuộc" / "Phòng KHTH") it is a unit of its own, and so is a department
    ("Các bệnh viện trực thuộc Văn phòng Sở": two cells side by side)."""
    before = view[max(seg_start, pos - 8):pos]
    words = before.rsplit(None, 1)
    return bool(words) and words[-1] in vocab.parent_cues and "\n" not in before[before.rfind(words[-1]):] \
        and view.startswith(vocab.parent_heads, pos)


def _headless_after_known_line(norm: str, view: str, s: int, e: int, lexicon: UnitLexicon | None,
                               vocab: _Vocab) -> list[int]:
    """"Công đoàn Trung tâm" / "Đoàn Thanh niên": a line (or two) that is a whole known name,
    then a line opening a body named without any head (or a code the plan defined, "Khoa
    Dược" / "HĐKH&ĐT"): two units stacked in one cell."""
    found = []
    starts = [s]  # of the printed lines so far
    for m in _NEWLINE_RE.finditer(norm, s, e):
        p = m.end()
        # the cheap test first: few lines open with a body named without a head
        if p < e and _opens_headless_name(view, p) and \
                _known_start(norm, view, p, lexicon, vocab, headless=True) and \
                any(_one_known_unit(norm[a:m.start()], lexicon, vocab) for a in starts[-2:]):
            found.append(p)
        elif p < e and _defined_code_at(norm, p, lexicon) and \
                _one_known_unit(regex.split(r"[,;]", norm[starts[-1]:m.start()])[-1], lexicon, vocab):
            found.append(p)
        starts.append(p)
    # the same two printed on one line, or a cell's lines joined ("VP Sở Công an tỉnh")
    for m in _CAPITAL_AFTER_SPACE_RE.finditer(norm, s + 1, e):
        p = m.start() + 1
        before = norm[max([s] + [f for f in found if f < p]):p]
        # names only: a code after a word ("TT ĐT-CĐT") is that unit's own
        if _opens_headless_name(view, p) and not _code_at(norm, p) and len(before.split()) >= 2 and \
                _known_start(norm, view, p, lexicon, vocab, headless=True) and _one_known_unit(before, lexicon, vocab):
            found.append(p)
    return sorted(found)


_CAPITAL_AFTER_SPACE_RE = regex.compile(r"(?<=[^\s,;])[ \t]\p{Lu}")


def _opens_headless_name(view: str, p: int) -> bool:
    """The cheap test before _known_start(headless=True): the word at p is the first word of
    a name the vocabulary writes without a head ("Công đoàn", "Đoàn Thanh niên")."""
    word = _WORD_RE.match(view, p)
    return word is not None and word.group() in _headless_first_words()


@lru_cache(maxsize=1)
def _headless_first_words() -> frozenset[str]:
    return frozenset(fold(e.name).split()[0] for e in load_vocabulary().curated if e.head is None and e.name.split())


def _defined_code_at(norm: str, p: int, lexicon: UnitLexicon | None) -> bool:
    """"Khoa Dược" / "HĐKH&ĐT": a line opening with a whole code the plan defined for a name
    ("Hội đồng Khoa học và Đào tạo (HĐKH&ĐT)") opens a unit of its own."""
    code = _ABBR_CORE_RE.match(norm, p)
    return lexicon is not None and code is not None and code.end() - p >= 3 and \
        (code.end() == len(norm) or not norm[code.end()].isalnum()) and code.group() in lexicon.abbreviations


def _code_at(norm: str, p: int) -> bool:
    code = _ABBR_CORE_RE.match(norm, p)
    return code is not None and code.end() - p >= 2 and (code.end() == len(norm) or not norm[code.end()].isalnum())


def _one_known_unit(text: str, lexicon: UnitLexicon | None, vocab: _Vocab) -> bool:
    """"Công đoàn Bệnh" / "viện", "VP Sở", "Công đoàn BV": the last printed line or two are one
    unit the vocabulary or the plan knows."""
    text = squash_spaces(text)
    return _names_one_unit(_without_owner_code(text, vocab), lexicon) or \
        _resolve_cached(text, lexicon, None).match in ("curated", "document")


_NEWLINE_RE = regex.compile(r"\n[ \t]*")


def _without_owner_code(line: str, vocab: _Vocab) -> str:
    """"Công đoàn BV" is the known "Công đoàn" and the code of the body it belongs to."""
    words = line.split()
    if len(words) > 1 and _OWNER_CODE_RE.fullmatch(words[-1]) and fold(words[-1]) in vocab.heads:
        return " ".join(words[:-1])
    return line


def _after_a_code(norm: str, view: str, s: int, e: int, lexicon: UnitLexicon | None,
                         vocab: _Vocab) -> list[int]:
    """A code ("Tổ CNTT") followed by a name the vocabulary or the plan knows without a head
    word ("Công đoàn cơ sở"), on the next line of the cell or after a space (a PDF cell's
    lines joined): two units without a separator. A name never goes on after its code."""
    # on one line only a body named without any head ("Bảo hiểm xã hội tỉnh") counts: the
    # plan's own names include place words ("BHXH Thành phố" is one unit)
    found = []
    for m in _CODE_THEN_CAPITAL_RE.finditer(norm, s, e):
        one_line = "\n" not in m.group()
        if one_line and not norm[m.end() + 1:m.end() + 2].islower():
            continue  # "TT CNTT 12 KIOSK", "Phòng KHTH BHXH": codes side by side are the next rule's
        if _known_start(norm, view, m.end(), lexicon, vocab, headless=one_line):
            found.append(m.end())
    return found


_CODE_THEN_CAPITAL_RE = regex.compile(r"(?<![\p{L}\p{N}-])\p{Lu}[\p{Lu}\d&]+\s+(?=\p{Lu})")


def _coded_spans(norm: str, s: int, e: int, lexicon: UnitLexicon | None) -> list[tuple[int, int]]:
    """Where a short form the plan defined with words after its code ("PKĐKKV Phúc Trạch",
    "BVĐK tỉnh") opens a unit inside a cell: it names a unit however it is separated."""
    if lexicon is None:
        return []
    key = ("coded_forms_re",)
    if key not in lexicon._memo:
        coded = sorted((a for a in lexicon.abbreviations if " " in a), key=len, reverse=True)
        lexicon._memo[key] = regex.compile(
            r"(?<!\S)(?:" + "|".join(r"\s+".join(map(regex.escape, a.split())) for a in coded) + r")(?![\p{L}\p{N}])"
        ) if coded else None
    found = lexicon._memo[key]
    return [m.span() for m in found.finditer(norm, s, e)] if found else []


def _after_connector(view: str, pos: int, seg_start: int, vocab: _Vocab) -> bool:
    before = view[max(seg_start, pos - 8):pos].rsplit(None, 1)
    return bool(before) and before[-1] in vocab.connectors


def _after_plural_marker(view: str, pos: int, seg_start: int, vocab: _Vocab) -> bool:
    # only the word before pos matters: a short window, not the segment so far (a hot path)
    before = view[max(seg_start, pos - 16):pos].rsplit(None, 1)
    return bool(before) and before[-1] in vocab.plural_markers


def _all_units_spans(norm: str, view: str, s: int, e: int, vocab: _Vocab) -> list[tuple[int, int]]:
    """All-units phrases in [s, e). A listing phrase whose last item is capitalised and goes on
    with a name of its own ("Các khoa, phòng, Trạm Y tế các xã") ends before that item: the
    item is a unit."""
    spans = []
    for m in vocab.all_units_re.finditer(view, s, e):
        start, end = m.span()
        comma = view.rfind(", ", start, end)
        if comma > start and _capitalised(norm, comma + 2) and _WORD_START_RE.match(view, _skip_blanks(view, end)) and \
                (short := vocab.all_units_re.fullmatch(view, start, comma)):
            end = short.end()
        spans.append((start, end))
    return spans


def _after_bare_head(norm: str, view: str, pos: int, seg_start: int, vocab: _Vocab) -> bool:
    """"Chi bộ các khoa, phòng": a head word alone before a group in lower case names that
    group's bodies of its kind, one unit (the Party cells of the departments)."""
    if not norm[pos:pos + 1].islower():
        return False
    before = view[seg_start:pos]
    cut = max(before.rfind(sep) for sep in ",;\n")
    return before[cut + 1:].strip() in vocab.heads


def _skip_blanks(view: str, pos: int) -> int:
    while pos < len(view) and view[pos] in " \t":
        pos += 1
    return pos


def _plural_marker_start(view: str, pos: int) -> int:
    """Start of the word before pos (the plural marker _after_plural_marker found)."""
    q = pos
    while q > 0 and view[q - 1].isspace():
        q -= 1
    while q > 0 and not view[q - 1].isspace():
        q -= 1
    return q


def _head_candidates(vocab: _Vocab, view: str, s: int, e: int, ascii_text: bool) -> set[int]:
    """Word starts in [s, e) where _head_at may find a head (a superset: _head_at decides).
    Searched without an end bound so that a word running past e is seen whole."""
    found = set()
    for m in (vocab.head_first_re_ascii if ascii_text else vocab.head_first_re).finditer(view, s):
        if m.start() >= e:
            break
        found.add(m.start())
    return found


def _comma_candidates(norm: str, view: str, s: int, e: int, vocab: _Vocab) -> set[int]:
    """Word starts in [s, e) where _after_comma holds: after a comma and white space, or
    after nothing but white space since the segment start."""
    ends = {m.end() for m in _COMMA_SPACE_RE.finditer(norm, s, e)}
    first = s
    while first < e and norm[first].isspace():
        first += 1
    ends.add(first)
    ends |= {m.end() for m in vocab.connector_space_re.finditer(view, s, e)}  # "… và Công đoàn …"
    return {p for p in ends if p < e and _WORD_START_RE.match(view, p)}


def _owner_head(norm: str, view: str, start: _Start, end: int, unit_pos: int, lexicon: UnitLexicon | None,
                vocab: _Vocab) -> bool:
    """"Ban Giám đốc Bệnh viện", "Thường trực Đảng ủy", "Hội đồng Khoa học và Công nghệ Trung
    tâm": a bare head closing the list, with no name of its own, is the body the unit before it
    belongs to, not a second unit (after a comma or semicolon it is one). So is a head's code
    closing its item of the list: "Công đoàn BV, Đoàn Thanh niên BV"."""
    if start.complete or start.plural or start.head_end is None:
        return False
    before = norm[unit_pos:start.pos].rstrip()
    if not _WORD_RE.search(before) or before.endswith((",", ";", ":")):
        return False
    return not _WORD_RE.search(norm, start.head_end, end) or _owner_code_ends_item(norm, view, start, lexicon, vocab)


_OWNER_CODE_RE = regex.compile(r"\p{Lu}{2,}")
_ITEM_END_RE = regex.compile(r"[ \t]*(?:[,;]|\n[ \t]*)")


def _owner_code_ends_item(norm: str, view: str, start: _Start, lexicon: UnitLexicon | None,
                          vocab: _Vocab) -> bool:
    """The head is written as its code ("BV", "TTYT") and its item ends right after it: at a
    comma, or at the end of its printed line when the next line opens a unit."""
    if not _OWNER_CODE_RE.fullmatch(norm[start.pos:start.head_end]):
        return False
    m = _ITEM_END_RE.match(norm, start.head_end)
    if m is None or m.end() == start.head_end:
        return False
    if "\n" not in m.group():
        return True
    nxt = m.end()
    return _known_start(norm, view, nxt, lexicon, vocab, headless=True) or \
        _head_at(vocab, norm, view, nxt, _is_ascii_text(norm)) is not None


def _has_name(norm: str, start: _Start, end: int) -> bool:
    if start.complete or start.head_end is None:
        return True
    return bool(_WORD_RE.search(norm, start.head_end, end))


def _code_list(norm: str, view: str, seg: tuple[int, int], lexicon: UnitLexicon | None,
               vocab: _Vocab) -> list[tuple[int, int]] | None:
    """"KHTH CNTT", "KB, CNTT, VTTB": a cell of bare unit codes, each one the plan or the
    vocabulary knows, is one unit per code, whatever separates them (a space where the PDF
    had a line break). A field's short form ("CNTT") counts here: nothing else is in the cell.
    A code that is a head word ("TT ĐT-CĐT": Trung tâm) leaves the cell to the usual rules."""
    pos, e = seg
    ascii_text = _is_ascii_text(norm)
    spans = []
    while True:
        pos = _SEPARATORS_RE.match(norm, pos, e).end()
        if pos >= e:
            break
        code = _ABBR_CORE_RE.match(norm, pos, e)
        if not code or (code.end() < e and norm[code.end()].isalnum()) or \
                _head_at(vocab, norm, view, pos, ascii_text) or not _known_code(code.group(), lexicon, vocab):
            return None
        spans.append(code.span())
        pos = code.end()
    return spans if len(spans) > 1 else None


_SEPARATORS_RE = regex.compile(r"[\s,]*")


def _known_code(code: str, lexicon: UnitLexicon | None, vocab: _Vocab) -> bool:
    """A code the vocabulary or the plan defines, or one that spells a name the plan writes
    in full ("VTTB" for "Phòng Vật tư - Thiết bị y tế")."""
    return _known_abbreviation(code, lexicon, vocab) or \
        _resolve_cached(code, lexicon, None).match != "unresolved"


def _split_segment(norm: str, view: str, seg: tuple[int, int], lexicon: UnitLexicon | None,
                   vocab: _Vocab) -> list[tuple[int, int]]:
    s, e = seg
    # a list of bare codes ("KHTH, TCCB"), unless one is a short form of two ("HĐ KHKT")
    coded = _coded_spans(norm, s, e, lexicon)
    codes = [] if coded else _code_list(norm, view, seg, lexicon, vocab)
    if codes:
        return codes
    starts, _ = _starts(norm, view, seg, lexicon, vocab, coded)
    spans: list[tuple[int, int]] = []
    current = _Start(s, None, False)  # placeholder: whatever precedes the first start
    for k, st in enumerate(starts):
        if not spans and current.pos == s and not _WORD_RE.search(norm, s, st.pos):
            current = st  # nothing but white space or a bullet before the first start
            continue
        if _closed_head_alone(norm, view, st, starts[k + 1].pos if k + 1 < len(starts) else e, vocab):
            continue  # "Các BV trực" / "thuộc Sở" / "Các TTYT": "Sở" ends the name before it
        # "Văn phòng Sở": a head right after a bare head is the name, not a new unit.
        if st.head_end is not None and not _has_name(norm, current, st.pos):
            continue
        if _owner_head(norm, view, st, e, current.pos, lexicon, vocab):
            continue
        if _before_is_hyphen(norm, st.pos, s) and not _dash_between_units(norm, st, s):
            continue  # "Phòng KH-TC-" + line break + "ĐD"
        if norm[s:st.pos].rstrip().endswith("(") and _WORD_RE.search(norm, s, st.pos):
            continue  # "Viễn thông Tây Ninh (VNPT)": a bracket glosses the unit before it
        if st.head_end is not None and _names_one_unit(norm[current.pos:st.head_end], lexicon):
            continue  # "Ban Thường vụ" + "Đảng ủy": one known name
        spans.append((current.pos, st.pos))
        current = st
    spans.append((current.pos, e))
    out = []
    for a, b in spans:
        a, b = _trim(norm, a, b, vocab)
        if b > a:
            out.append((a, b))
    return out


def _closed_head_alone(norm: str, view: str, st: _Start, next_start: int, vocab: _Vocab) -> bool:
    """A head whose names are a closed list ("Sở", "Bộ") with no name after it before the
    next unit: the last word of the name before it, not a unit of its own."""
    if st.head_end is None or norm[st.head_end:next_start].strip(" \t\n,;"):
        return False
    head = vocab.heads.get(_SPACES_RE.sub(" ", view[st.pos:st.head_end]))
    return head is not None and head.closed


def _names_one_unit(text: str, lexicon: UnitLexicon | None) -> bool:
    """Is the text, as written, a whole name the vocabulary or the plan knows?"""
    written = fold(squash_spaces(text.strip()))
    return written in _curated_names() or (
        lexicon is not None and any(fold(e.name) == written for es in lexicon.names.values() for e in es))


def _split_norm(norm: str, lexicon: UnitLexicon | None) -> list[tuple[int, int]]:
    vocab = load_vocabulary()
    view = _view(norm)
    out: list[tuple[int, int]] = []
    for seg in _segments(norm):
        out.extend(_split_segment(norm, view, seg, lexicon, vocab))
    return out
