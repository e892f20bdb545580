"""Short forms a plan defines in words rather than by initials: a key of codes ("Ghi chú: P.KHTH:
Phòng Kế hoạch tổng hợp; K.KB: Khoa Khám bệnh; HĐ KHKT: Hội đồng Khoa học kỹ thuật.") and a
cue in brackets after a name ("… thành phố Huế (sau đây gọi tắt là Trung tâm IOC)").

Unlike a bare code in brackets (unit_lexicon._learn_bracketed), such a short form need not
spell the name's initials ("IOC", "BCĐ" for "Ban Chỉ đạo chuyển đổi số Bệnh viện"): the plan
says what it stands for. Only a name opening on a head word is taken, so "Chủ trì: Phòng KHTH"
or "Phòng KHTH: chủ trì tham mưu …" define nothing.

Part of normalize.units (see its docstring).
"""
from __future__ import annotations

import regex

from normalize.text import squash_spaces
from normalize.unit_vocab import (_LETTER_PREFIX_RE, _WORD_RE, _Head, _Vocab, _head_at, _headless_entry,
                                  _is_ascii_text, _split_head_text, _view, opens_with_plural)

# "P.KHTH: Phòng Kế hoạch tổng hợp;" — a short form of one or two tokens, a colon, a name up to
# the next ";", "(", sentence end or end of text; the name may wrap over lines.
_KEY_ENTRY_RE = regex.compile(
    r"(?<![\p{L}\p{N}.])(?P<short>\p{Lu}[\p{L}\p{N}.&\-]{0,11}(?:[ \t]\p{Lu}[\p{L}\p{N}.&\-]{1,11})?)"
    r"[ \t]*:\s*(?P<name>\p{Lu}[^;:()\d]{1,120}?)(?=\s*(?:;|\(|\.(?=\s|$)|$))")
_CODE_TOKEN_RE = regex.compile(r"(?:\p{L}\.)?\p{Lu}[\p{Lu}\p{N}.&\-]*\p{Lu}[\p{Lu}\p{N}.&\-]*|\p{L}\.\p{Lu}\p{Ll}+")
_SHORT_END_RE = regex.compile(r"\s*\)")
# A name the plan defines a short form for may be long ("Trung tâm Giám sát, điều hành đô thị
# thông minh thành phố Huế"): the definition, not a guess, says where it starts and ends.
_DEFINED_NAME_WORDS = 16


def defined_short_forms(norm: str, vocab: _Vocab) -> list[tuple[str, _Head | None, str]]:
    """(short form as written, head, name core) for each definition in the normalized text;
    no head for a name the vocabulary knows without one (see _named)."""
    return _key_entries(norm, vocab) + _cued_entries(norm, vocab)


def _key_entries(norm: str, vocab: _Vocab) -> list[tuple[str, _Head | None, str]]:
    found = []
    for m in _KEY_ENTRY_RE.finditer(norm):
        short, name = m.group("short"), squash_spaces(m.group("name"))
        if not _is_short_form(short, vocab):
            continue
        named = _named(name, vocab)
        if named is not None:
            found.append((short, *named))
    return found


def _cued_entries(norm: str, vocab: _Vocab) -> list[tuple[str, _Head | None, str]]:
    found = []
    for cue in vocab.short_form_cue_re.finditer(norm):
        end = _SHORT_END_RE.search(norm, cue.end(), cue.end() + 40)
        short = squash_spaces(norm[cue.end():end.start()]) if end else ""
        if not short or "(" in short:
            continue
        named = _name_before(norm[max(0, cue.start() - 200):cue.start()], short, vocab)
        if named is not None:
            found.append((short, *named))
    return found


def defined_collectives(norm: str, vocab: _Vocab) -> list[tuple[str, str]]:
    """(short form, name) for a group the plan names at the head of a clause, in words or by a
    code: "9. Các đơn vị sự nghiệp trực thuộc Sở (sau đây gọi chung là các đơn vị trực thuộc)",
    "8. Các Trung tâm Y tế khu vực (TTYT khu vực):". A group closing a list ("…, Bệnh viện Đa
    khoa Hòa Bình và các bệnh viện chuyên khoa tuyến tỉnh (gọi chung là các bệnh viện tuyến
    tỉnh)") names the whole list: its short form stays as written."""
    found = []
    for m in _PLURAL_NAME_BRACKET_RE.finditer(norm):
        bracket = m.group()[:-1]   # the cue pattern opens with its bracket
        cue = vocab.short_form_cue_re.match(bracket)
        short = squash_spaces(bracket[cue.end():] if cue else m.group("inside"))
        said = opens_with_plural(short, vocab) if cue else _CODE_TOKEN_RE.match(short)
        if not said:
            continue
        clause = regex.split(r"[.;:!?()]\s", norm[max(0, m.start() - 200):m.start()])[-1]
        if not cue:
            # "…, Bệnh viện YDCT tỉnh (BV YDCT tỉnh), các Trung tâm Y tế khu vực (TTYT khu
            # vực)": a code names the group right before it, the last item of the list
            clause = regex.split(r",\s|\s(?:và|hoặc)\s", clause)[-1]
        name = squash_spaces(_LIST_NUMBER_RE.sub("", clause))
        if name and opens_with_plural(name, vocab) and len(name.split()) <= _DEFINED_NAME_WORDS:
            found.append((short, name[:1].upper() + name[1:]))
    return found


_PLURAL_NAME_BRACKET_RE = regex.compile(r"\((?P<inside>[^()]{2,60})\)")

# "9. ", "IV.2. ", "a) ": the number of the heading the name opens
_LIST_NUMBER_RE = regex.compile(r"^\s*(?:[\dIVXLC]+[.)]\s*)*(?:\p{Ll}\)\s*)?")


def _is_short_form(short: str, vocab: _Vocab) -> bool:
    """"P.KHTH", "K.Dược", "CĐBV", "Tổ CNTT", "HĐ KHKT"; not "Ghi chú", "Chủ trì", "Số"."""
    tokens = short.split()
    if not _CODE_TOKEN_RE.fullmatch(tokens[-1]):
        return False
    return len(tokens) == 1 or _CODE_TOKEN_RE.fullmatch(tokens[0]) is not None or \
        _split_head_text(vocab, tokens[0])[0] is not None


def _named(name: str, vocab: _Vocab) -> tuple[_Head | None, str] | None:
    """The head and core of a unit's full name; no head and the name for a name the vocabulary
    knows without one ("Công đoàn Bệnh viện"); None when name is no unit's."""
    name = name.strip(" ,.")
    if vocab.all_units_re.match(_view(name)) or len(_WORD_RE.findall(name)) > _DEFINED_NAME_WORDS:
        return None
    if _LETTER_PREFIX_RE.match(name):
        return None  # "P.KHTH: …" is a code, not a name written out
    head, core = _split_head_text(vocab, name)
    if head is None:
        return (None, name) if _headless_entry(name, vocab) else None
    return (head, core.strip()) if _WORD_RE.search(core) else None


def _name_before(before: str, short: str, vocab: _Vocab) -> tuple[_Head | None, str] | None:
    """The name the cue follows: from the last head word opening a capitalised name, or the
    last one whose head the short form repeats ("Tổ Công nghệ thông tin thuộc Phòng KHTH (sau
    đây gọi tắt là Tổ CNTT)" is the team's name, not the office's)."""
    before = regex.split(r"[.;:!?()]\s", before)[-1]
    view, ascii_text = _view(before), _is_ascii_text(before)
    want = _split_head_text(vocab, short)[0]
    starts = [m.start() for m in regex.finditer(r"(?<![\p{L}\p{N}])\p{Lu}", before)
              if _head_at(vocab, before, view, m.start(), ascii_text)]
    same = [s for s in starts if want is not None and _head_at(vocab, before, view, s, ascii_text)[0] == want]
    for start in reversed(same or starts):
        named = _named(before[start:], vocab)
        if named is not None:
            return named
    return None
