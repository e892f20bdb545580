"""The per-document `UnitLexicon`: names the plan writes in full ("2. Phòng Kế hoạch - Tài
chính: …"), short forms it defines in brackets, and how an abbreviation is matched to them.

Part of normalize.units (see its docstring).
"""
from __future__ import annotations

from dataclasses import replace

import regex

from normalize.text import fold, normalize_text, squash_spaces
from normalize.unit_definitions import defined_collectives, defined_short_forms
from normalize.unit_vocab import (UnitLexicon, _ABBR_CORE_RE, _ABBR_TOKEN_RE, _Entry, _HEADING_PAREN_RE, _Head,
                                  _LETTER_PREFIX_RE, _MAX_NAME_WORDS, _OPEN_PAREN_TAIL_RE, _SPACES_AT_RE,
                                  _SPACES_RE, _TOKEN_RE, _Vocab, _WORD_RE, _abbr_groups, _abbr_key,
                                  _canon_head_name, _capitalised, _entry, _head_at, _head_pattern, _initial,
                                  _headless_entry, _is_ascii_text, _key, _split_head_text, _view, load_vocabulary)


def _known_abbreviation(abbr: str, lexicon: UnitLexicon | None, vocab: _Vocab) -> bool:
    key = _abbr_key(abbr)
    if lexicon and any(_abbr_key(a) == key for a in lexicon.abbreviations):
        return True
    return key in vocab.curated_by_abbr


# ----------------------------------------------------------------------------- lexicon

_HEADING_RE = regex.compile(
    r"(?m)^[ \t]*(?:\d+(?:\.\d+)*[.)]|\p{Ll}[.)]|[-+•])[ \t]*(?P<name>[^\n:;]{2,160}?)[ \t]*(?::|;|\.?[ \t]*$)")
_RUN_STOP_RE = regex.compile(r"[:;()!?]|\.(?=\s|$)|\n[ \t]*(?:[-+•]|\d+[.)])")


def build_lexicon(document_text: str) -> UnitLexicon:
    """Learn the document's own full unit names and the abbreviations it uses for them.

    Full names come from lines that open with a number or bullet and a head word
    ("2. Phòng Kế hoạch - Tài chính - Điều dưỡng: ..."); an abbreviation written after a head
    word anywhere ("Phòng KH-TC-ĐD") is matched to a name written after a head word in the
    same document by the initials of its words, hyphen groups to ' - ' groups.
    """
    vocab = load_vocabulary()
    norm = normalize_text(document_text)
    view = _view(norm)
    lexicon = UnitLexicon(ascii=_is_ascii_text(norm))
    for m in _HEADING_RE.finditer(norm):
        _learn_plural(lexicon, m.group("name"), vocab)
        for name in _heading_names(m.group("name"), vocab):
            entry = _heading_entry(name, vocab)
            if entry and _doc_entry(lexicon, entry.key, entry.head) is None:
                lexicon.names.setdefault(entry.key, []).append(entry)
    lexicon.runs = tuple(_head_runs(norm, view, vocab, lexicon.ascii))
    _learn_bracketed(lexicon, norm, vocab)
    _learn_defined(lexicon, norm, vocab)
    for abbr, head in _abbreviations_used(norm, view, vocab, lexicon.ascii):
        _document_abbreviation(lexicon, abbr, head, vocab)
    return lexicon


def _learn_bracketed(lexicon: UnitLexicon, norm: str, vocab: _Vocab) -> None:
    """"Công đoàn cơ sở (CĐCS)", "Phòng Kế hoạch tổng hợp (P.KHTH)": an abbreviation the plan
    defines in brackets after a unit's name. The name is the longest tail of the words before
    the bracket that names a known unit (the plan's or the vocabulary's)."""
    norm = _CODE_WRAP_RE.sub("", norm)  # "(Phòng ĐT-" / "NCKH)": a code wrapped at its hyphen
    for m in _BRACKETED_RE.finditer(norm):
        before = norm[max(0, m.start() - 120):m.start()]
        name = regex.split(r"[():;]", before)[-1]
        if m.group("coded"):
            _learn_coded(lexicon, name, squash_spaces(m.group("coded")), vocab)
            continue
        abbr = _SPACES_RE.sub("", _LETTER_PREFIX_RE.sub("", m.group("abbr"), count=1))
        found = _split_head_text(vocab, m.group("abbr"))
        headed = found[0] is not None and _ABBR_CORE_RE.fullmatch(found[1].strip()) is not None
        if headed:
            abbr = _SPACES_RE.sub("", found[1])  # "(Tổ QTM)": the head is written out too
        if abbr in lexicon.abbreviations or len(_abbr_key(abbr)) < 2:
            continue
        entry = _bracketed_name(name, abbr, lexicon, vocab, found[0] if headed else None) or \
            _curated_code_named(name, abbr, lexicon, vocab) or \
            _word_then_code_named(name, squash_spaces(m.group("abbr")), lexicon, vocab)
        if entry is not None:
            lexicon.abbreviations[abbr] = replace(entry, abbr=abbr)
            written = squash_spaces(m.group("abbr"))
            if not headed and " " in written:  # "HĐ KHKT" as the table writes it
                lexicon.abbreviations.setdefault(written, replace(entry, abbr=written))


def _learn_defined(lexicon: UnitLexicon, norm: str, vocab: _Vocab) -> None:
    """Short forms the plan defines in words (normalize.unit_definitions): each is kept by its
    code ("KHTH" of "P.KHTH", "IOC" of "Trung tâm IOC") and, without a head, as written ("HĐ
    KHKT"); a short form already defined in brackets keeps that definition."""
    for short, name in defined_collectives(norm, vocab):
        lexicon.collectives.setdefault(_view(short), name)
    for short, head, core in defined_short_forms(norm, vocab):
        entry = _named_entry(lexicon, head, core, vocab) if head else _headless_entry(core, vocab)
        written_head, rest = _split_head_text(vocab, short)
        code = _SPACES_RE.sub("", rest if written_head is not None else _LETTER_PREFIX_RE.sub("", short, count=1))
        if _ABBR_CORE_RE.fullmatch(code) and len(_abbr_key(code)) >= 2:
            lexicon.abbreviations.setdefault(code, replace(entry, abbr=code))
        if written_head is None and " " in short:
            lexicon.abbreviations.setdefault(squash_spaces(short), replace(entry, abbr=short))


def _learn_coded(lexicon: UnitLexicon, text: str, written: str, vocab: _Vocab) -> None:
    """"Bệnh viện Đa khoa tỉnh Khánh Hòa (BVĐK tỉnh)": a code and the words after it in lower
    case. The code spells the name's first words and the lower-case words follow them; the
    short form is kept as written, since "BVĐK tỉnh" alone would only say "a general hospital"."""
    tokens = written.split(" ")
    codes = 2 if len(tokens) > 2 and _ABBR_CORE_RE.fullmatch(tokens[1]) and tokens[2][:1].islower() else 1
    code, after = " ".join(tokens[:codes]), " ".join(tokens[codes:])  # "BV YDCT" + "tỉnh"
    letters, tail_words = _abbr_letters(code.replace(" ", "")), _WORD_RE.findall(fold(after))
    n = len(letters)
    words = text.split()
    for k in range(max(0, len(words) - _MAX_NAME_WORDS - 1), len(words)):
        name_words = _name_words(" ".join(words[k:]), vocab)
        if not words[k][:1].isupper() or len(name_words) < n + len(tail_words):
            continue
        if "".join(_initial(w) for w in name_words[:n]) != letters or name_words[n:n + len(tail_words)] != tail_words:
            continue
        head, core = _split_head_text(vocab, " ".join(words[k:]).strip(" ,"))
        if head is None:
            # "Bảo hiểm xã hội thành phố Hà Nội (BHXH Thành phố)": the code is itself a head
            # whose written-out form opens the name
            head = vocab.heads.get(fold(code))
            canon_words = head.canon.split() if head else []
            if head is None or fold(" ".join(words[k:k + len(canon_words)])) != fold(head.canon):
                return
            core = " ".join(words[k + len(canon_words):]).strip(" ,")
        if written in lexicon.abbreviations:
            return
        lexicon.abbreviations[written] = replace(_named_entry(lexicon, head, core, vocab), abbr=written)
        return


def _bracketed_name(text: str, abbr: str, lexicon: UnitLexicon, vocab: _Vocab,
                    written_head: _Head | None = None) -> _Entry | None:
    """written_head: the head the bracket writes out ("(Tổ BHYT)"), or None."""
    words = text.split()
    for k in range(max(0, len(words) - _MAX_NAME_WORDS - 1), len(words)):
        tail = " ".join(words[k:])
        if not tail[:1].isupper():
            continue
        head, core = _split_head_text(vocab, tail)
        if not (_spells(abbr, tail, head, vocab) or (written_head is not None and head == written_head
                                                       and _spells_tail(abbr, core, vocab))):
            continue
        if head is None:
            entry = _headless_entry(tail, vocab)
            if entry is not None:
                _record_name(lexicon, entry)
            return entry
        return _named_entry(lexicon, head, core, vocab)
    return _skipping_name(words, abbr, lexicon, vocab)


def _skipping_name(words: list[str], abbr: str, lexicon: UnitLexicon, vocab: _Vocab) -> _Entry | None:
    """"Phòng Giám định pháp y tử thi (P.GĐTT)": a code that leaves words of the name out
    ("pháp y") but keeps its first and last initials in order. The shortest headed tail the
    code so abbreviates is the name; a brand ("Viễn thông Tây Ninh (VNPT)") abbreviates none."""
    letters = _abbr_letters(abbr)
    for k in range(len(words) - 1, max(-1, len(words) - _MAX_NAME_WORDS - 2), -1):
        head, core = _split_head_text(vocab, " ".join(words[k:]))
        initials = "".join(_initial(w) for w in _name_words(core, vocab))
        if head is not None and len(letters) >= 3 and _in_order(letters, initials) and \
                letters[0] == initials[:1] and letters[-1] == initials[-1:]:
            return _named_entry(lexicon, head, core, vocab)
    return None


def _word_then_code_named(text: str, written: str, lexicon: UnitLexicon, vocab: _Vocab) -> _Entry | None:
    """"Đoàn Thanh niên (Đoàn TN)": the name's first word as written, then a code spelling the
    initials of the words after it."""
    word, _, code = written.rpartition(" ")
    if not word or " " in word or not word[:1].isupper():
        return None
    words = text.split()
    for k in range(len(words) - 1, max(-1, len(words) - _MAX_NAME_WORDS - 2), -1):
        if fold(words[k]) != fold(word):
            continue
        tail = " ".join(words[k:]).strip(" ,")
        rest = _name_words(" ".join(words[k + 1:]), vocab)
        if rest and "".join(_initial(w) for w in rest) == _abbr_letters(code):
            head, core = _split_head_text(vocab, tail)
            return _named_entry(lexicon, head, core, vocab) if head else _headless_entry(tail, vocab)
    return None


def _in_order(letters: str, initials: str) -> bool:
    it = iter(initials)
    return all(ch in it for ch in letters)


def _curated_code_named(text: str, abbr: str, lexicon: UnitLexicon, vocab: _Vocab) -> _Entry | None:
    """"Trung tâm Kiểm soát bệnh tật thành phố (CDC)": a code the vocabulary knows ("CDC" is
    the province's "Trung tâm Kiểm soát bệnh tật tỉnh"), after the plan's own name of that unit
    with another place word: the plan's name is what the code stands for in this plan."""
    folded = fold(text)
    for known in vocab.curated_by_abbr.get(_abbr_key(abbr), ()):
        base = _without_place_word(fold(known.name), vocab)
        at = folded.rfind(base)
        if known.head is None or at < 0 or (at and folded[at - 1] != " "):
            continue
        head, core = _split_head_text(vocab, text[at:].strip(" ,"))
        if head == known.head and _WORD_RE.search(core):
            return _named_entry(lexicon, head, core, vocab)
    return None


def _without_place_word(name: str, vocab: _Vocab) -> str:
    words = name.split()
    for place in vocab.place_words:
        if tuple(words[-len(place):]) == place:
            return " ".join(words[:-len(place)])
    return name


def _named_entry(lexicon: UnitLexicon, head: _Head, core: str, vocab: _Vocab) -> _Entry:
    """The plan's entry for a name under a head, made and recorded in its lexicon if new."""
    entry = _doc_entry(lexicon, _key(core, vocab), head) or _entry(
        _canon_head_name(head, core), head, _kind_of(head, core, vocab), core, vocab, None, "document")
    _record_name(lexicon, entry)
    return entry


def _record_name(lexicon: UnitLexicon, entry: _Entry) -> None:
    if _doc_entry(lexicon, entry.key, entry.head) is None:
        lexicon.names.setdefault(entry.key, []).append(entry)


def _spells(abbr: str, name: str, head: _Head | None, vocab: _Vocab) -> bool:
    """Do the abbreviation's letters spell the initials of the name's words, with or without
    its head ("Viễn thông Tây Ninh (VNPT)" is a brand, not initials)?"""
    letters = _abbr_letters(abbr)
    words = _name_words(name, vocab)
    head_len = len(head.canon.split()) if head else 0
    # "Hội đồng Khoa học kỹ thuật Bệnh viện (HĐ KHKT)": the code may leave out a tail that
    # says whose unit it is (units.yaml: omitted_tails); the name keeps it
    tail = next((len(t.split()) for t in vocab.omitted_tails if " ".join(words[-len(t.split()):]) == t), 0)
    spelt = [words, words[head_len:]] + ([words[:-tail], words[head_len:-tail]] if tail else [])
    return any(letters == "".join(_initial(w) for w in ws) for ws in spelt)


def _abbr_letters(abbr: str) -> str:
    return "".join(_abbr_groups(abbr)).replace("/", "").replace(".", "")


def _name_words(name: str, vocab: _Vocab) -> list[str]:
    """A name's folded words an abbreviation spells: connectors ("và", "&") left out."""
    return [w for w in _WORD_RE.findall(fold(name)) if w not in vocab.connectors]


def _spells_tail(abbr: str, core: str, vocab: _Vocab) -> bool:
    """"Tổ Giám định bảo hiểm y tế (Tổ BHYT)": with the head written in the bracket, the
    letters may spell the last words of the name only (two at least), or its first words."""
    # "phòng, chống" (prevention) is a phrase of the name, not a second unit after a comma
    plain = vocab.not_heads_re.sub(" ", fold(core))
    if regex.search(r"[,;\n()]", plain) or vocab.head_re.search(plain):
        return False  # one name only: no list, no second unit
    if fold(core).endswith(" " + fold(abbr)):
        return True   # "Khoa Phòng, chống HIV/AIDS (Khoa HIV/AIDS)": the code is the name's last word
    letters = _abbr_letters(abbr)
    words = _name_words(core, vocab)
    initials = "".join(_initial(w) for w in words)
    # "Khoa Phục hồi chức năng Người lớn (Khoa PHCN)": or the first words, a qualifier after them
    return 2 <= len(letters) and len(words) - len(letters) <= _UNSPELT_WORDS \
        and (initials.endswith(letters) or (initials.startswith(letters) and len(words) - len(letters) <= 2))


# Words at the front of a name its abbreviation may leave out ("Giám định" in "Tổ BHYT").
_UNSPELT_WORDS = 3


_CODE_WRAP_RE = regex.compile(r"(?<=\([^()\n]{0,12}[\p{Lu}\p{N}]-)\n(?=[\p{Lu}\p{N}][^()\n]{0,12}\))")
_BRACKETED_RE = regex.compile(
    r"\((?P<abbr>(?:[pktPKT]\.\s*)?[\p{Lu}][\p{Lu}\p{N}.&\-]{1,15}"
    r"|[\p{Lu}][\p{Lu}\p{N}]{1,5}\s+[\p{Lu}][\p{Lu}\p{N}.&\-]{1,11}"   # "(HĐ KHKT)": two codes, one name"
    r"|\p{Lu}\p{Ll}+\s+[\p{Lu}\p{N}.&\-/]{2,12})\)"
    # "(BVĐK tỉnh)", "(TTYT khu vực)", "(PKĐKKV Phúc Trạch)": a code and the name's last words
    # "(BHXH Thành phố)": a capitalised word, then lower-case ones; "(UBND các xã, phường)": a
    # list of places after the code
    r"|\((?P<coded>[\p{Lu}][\p{Lu}\p{N}.&\-]{1,11}(?:\s+\p{Ll}+){1,2}(?:,\s+\p{Ll}+(?:\s+\p{Ll}+)?){0,3}|[\p{Lu}][\p{Lu}\p{N}.&\-]{2,11}(?:\s+\p{Lu}\p{Ll}+){1,3}"
    r"|[\p{Lu}][\p{Lu}\p{N}.&\-]{2,11}\s+\p{Lu}\p{Ll}+(?:\s+\p{Ll}+){1,2}"
    # "(BV YDCT tỉnh)": two codes, then the name's last words
    r"|[\p{Lu}][\p{Lu}\p{N}.&\-]{1,5}\s+[\p{Lu}][\p{Lu}\p{N}.&\-]{1,11}(?:\s+\p{Ll}+){1,2}"
    # "(BV Phụ sản - Nhi)", "(BV Ung bướu)": a two-letter code, then the name's own words
    r"|[\p{Lu}]\p{Lu}\s+\p{Lu}\p{Ll}+(?:\s+(?:\p{L}+|-)){0,4})\)")


def _heading_names(text: str, vocab: _Vocab) -> list[str]:
    """A heading naming several units ("3. Khoa Dược, Khoa Khám bệnh: …") names each; a comma
    inside one name ("Phòng Tổ chức hành chính, Kế hoạch nghiệp vụ") is not followed by a head."""
    parts = [p.strip() for p in text.rstrip(" ,;").split(",")]  # a wrapped heading ends "(Khoa CĐHA),"
    if len(parts) > 1 and all(p and _split_head_text(vocab, p)[0] is not None for p in parts):
        return [q for p in parts for q in _and_names(p, vocab)]
    return [text] if len(parts) > 1 else _and_names(text, vocab)


def _and_names(text: str, vocab: _Vocab) -> list[str]:
    """"Phòng Điều dưỡng và các khoa lâm sàng", "… Hội An Tây và Trạm Y tế xã Tân Hiệp": "và"
    before a head or an all-units phrase joins two units; "Khoa Y tế công cộng và Dinh dưỡng"
    is one name."""
    parts = regex.split(r"\s+và\s+", text)
    out = [parts[0]]
    for part in parts[1:]:
        view = fold(part)
        if _split_head_text(vocab, part)[0] is not None or vocab.all_units_re.match(view):
            out.append(part)
        else:
            out[-1] = f"{out[-1]} và {part}"
    return out


def _learn_plural(lexicon: UnitLexicon, text: str, vocab: _Vocab) -> None:
    """An all-units heading of the plan's own list ("4. Các trạm y tế xã, phường")."""
    # "Các bệnh viện trực thuộc Sở (các BV trực thuộc), các Trung tâm Y tế": the phrase ends at
    # its bracketed short form
    text = squash_spaces(text.split("(", 1)[0])
    m = vocab.all_units_re.match(fold(text))
    if m and " " in m.group():
        lexicon.plurals.setdefault(_plural_key(fold(text).split(" ", 1)[1]), text)


def _plural_key(words: str) -> str:
    return " ".join(_WORD_RE.findall(fold(words)))


def _document_plural(lexicon: UnitLexicon | None, head: _Head, core: str) -> str | None:
    """"TYT các xã", "Trạm y tế các xã": the head with "các" before the rest of its name is
    the document's "Các trạm y tế xã, phường" when the plan lists exactly one such phrase."""
    words = core.split()
    markers = [i for i, w in enumerate(words) if fold(w) in load_vocabulary().plural_markers]
    if lexicon is None or not lexicon.plurals or not markers or markers[0] == len(words) - 1:
        return None
    key = _plural_key(" ".join([head.canon] + words[:markers[0]] + words[markers[0] + 1:]))
    found = [p for k, p in lexicon.plurals.items() if k == key or k.startswith(key + " ")]
    return found[0] if len(found) == 1 else None


def _heading_entry(text: str, vocab: _Vocab) -> _Entry | None:
    # the line may end inside the short form's bracket ("… Thành phố (CDC" / "Thành phố):")
    # or after it and a comma ("… bệnh viện (Phòng QLCL)," / "Phòng Điều dưỡng …")
    text = _OPEN_PAREN_TAIL_RE.sub("", text.rstrip(" ,;"))
    text = squash_spaces(_HEADING_PAREN_RE.sub("", text))
    if vocab.all_units_re.match(fold(text)):
        return None
    head, core = _split_head_text(vocab, text)
    words = _WORD_RE.findall(core)
    if head is None or not words or len(words) > _MAX_NAME_WORDS or _ABBR_CORE_RE.fullmatch(core.strip()):
        return None
    kind = _kind_of(head, core, vocab)
    return _entry(_canon_head_name(head, core), head, kind, core, vocab, None, "document")


def _head_runs(norm: str, view: str, vocab: _Vocab, ascii_text: bool):
    """Each head word of the document with the words that follow it up to a stop."""
    protected = [m.span() for m in vocab.all_units_re.finditer(view)]
    heads = []
    for m in _head_pattern(vocab, ascii_text).finditer(view):
        found = _head_at(vocab, norm, view, m.start(), ascii_text)
        if not found or any(a <= m.start() < b for a, b in protected):
            continue
        nxt = _SPACES_AT_RE.match(norm, found[1]).end()
        lowercase_ok = m.group() not in vocab.lowercase_never and _capitalised(norm, nxt)
        if _capitalised(norm, m.start()) or lowercase_ok:
            heads.append((m.start(), found))
    for i, (pos, (head, end)) in enumerate(heads):
        stop = _RUN_STOP_RE.search(norm, end)
        limit = min(stop.start() if stop else len(norm), heads[i + 1][0] if i + 1 < len(heads) else len(norm))
        tokens = tuple(t for t in _TOKEN_RE.findall(norm[end:limit]))[:16]
        yield head, tokens, tuple(fold(t) for t in tokens)


def _abbreviations_used(norm: str, view: str, vocab: _Vocab, ascii_text: bool):
    for m in _head_pattern(vocab, ascii_text).finditer(view):
        found = _head_at(vocab, norm, view, m.start(), ascii_text)
        if not found:
            continue
        nxt = _SPACES_AT_RE.match(norm, found[1]).end()
        abbr = _ABBR_CORE_RE.match(norm, nxt)
        if abbr and len(_abbr_key(abbr.group())) >= 2:
            yield _SPACES_RE.sub("", abbr.group()), found[0]


def _initials_match(tokens: tuple[str, ...], folded: tuple[str, ...], groups: tuple[str, ...],
                    vocab: _Vocab) -> tuple[int, bool] | None:
    """Number of tokens spelling the abbreviation's initials, and whether groups matched."""
    letters = "".join(groups).replace("/", "")
    got, name_groups, current = "", [], ""
    for i, (tok, low) in enumerate(zip(tokens, folded)):
        if tok in "-,&/":
            if current:
                name_groups.append(current)
                current = ""
            continue
        if low in vocab.connectors:
            continue
        if _ABBR_TOKEN_RE.fullmatch(tok) and got and letters.startswith(got + low):
            piece = low  # "KSBT-HIV/AIDS": an abbreviation the name itself holds is written whole
        elif not tok[0].isalpha() or _ABBR_TOKEN_RE.fullmatch(tok):
            return None  # a digit or an abbreviation is no spelled-out name
        else:
            piece = _initial(low)
        got += piece
        current += piece
        if not letters.startswith(got):
            return None
        if got == letters:
            name_groups.append(current)
            return i + 1, tuple(name_groups) == groups
    return None


def _without_head_initials(groups: tuple[str, ...], head: _Head) -> tuple[str, ...] | None:
    initials = "".join(_initial(w) for w in fold(head.canon).split())
    if len(groups[0]) <= len(initials) or not groups[0].startswith(initials):
        return None
    return (groups[0][len(initials):], *groups[1:])


def _document_abbreviation(lexicon: UnitLexicon, abbr: str, want: _Head | None,
                           vocab: _Vocab) -> _Entry | None:
    """The document's full name for an abbreviation, found by initials (cached)."""
    cache_key = (_abbr_key(abbr), want)
    if cache_key in lexicon._searched:
        return lexicon._searched[cache_key]
    groups = _abbr_groups(abbr)
    ranks: dict[str, list[int]] = {}    # key -> [hyphen groups matched, kind fits, listed, occurrences]
    entries: dict[str, _Entry] = {}
    hits = [(head, tokens, hit) for head, tokens, folded in lexicon.runs
            if (hit := _initials_match(tokens, folded, groups, vocab))]
    if not hits and want is None:
        # "PKĐK" for "Phòng khám đa khoa", "TTYT": initials that spell the head word too
        hits = [(head, tokens, hit) for head, tokens, folded in lexicon.runs
                if (rest := _without_head_initials(groups, head))
                and (hit := _initials_match(tokens, folded, rest, vocab))]
    for head, tokens, hit in hits:
        core = _join_tokens(tokens[:hit[0]])
        listed = _doc_entry(lexicon, _key(core, vocab), head)
        entry = listed or _entry(
            _canon_head_name(head, core), head, _kind_of(head, core, vocab), core, vocab, None, "document")
        if _is_prefix_of_known(entry, lexicon):
            entry = _extended_by_abbreviations(entry, lexicon)
            if entry is None:
                continue  # "KH" must not become "Phòng Kế hoạch" when "Phòng Kế hoạch tổng hợp" is written
        entries.setdefault(entry.key, entry)
        rank = ranks.setdefault(entry.key, [0, 0, 0, 0])
        rank[0] = max(rank[0], int(hit[1]))
        rank[1] = max(rank[1], int(_compatible(want, entry)))
        rank[2] = max(rank[2], int(listed is not None))  # the plan's own list over a misspelt use
        rank[3] += 1
    result = _pick(ranks, entries, ambiguous=_abbr_key(abbr) in vocab.ambiguous)
    if result is not None:
        result = replace(result, abbr=abbr)
        if _doc_entry(lexicon, result.key, result.head) is None:
            lexicon.names.setdefault(result.key, []).append(result)
        lexicon.abbreviations.setdefault(abbr, result)
    lexicon._searched[cache_key] = result
    return result


def _pick(ranks: dict[str, list[int]], entries: dict[str, _Entry], ambiguous: bool) -> _Entry | None:
    """Best name; None when two names fit equally (always so for ambiguous initials)."""
    if not ranks:
        return None
    order = sorted(ranks, key=lambda k: ranks[k], reverse=True)
    if len(order) > 1:
        first, second = ranks[order[0]], ranks[order[1]]
        if first[:3] == second[:3] and (ambiguous or first[3] == second[3]):
            return None
    return entries[order[0]]


def _doc_entry_extending(lexicon: UnitLexicon | None, key: str, head: _Head | None) -> _Entry | None:
    """The one unit the document names in full whose name starts with the written one, under
    the same head word: a table's "Khoa Dược" is the "Khoa Dược - Trang thiết bị - Vật tư y
    tế" of the plan's own list. Two candidates: none (the short name is ambiguous)."""
    if lexicon is None or head is None or not key:
        return None
    found = [e for k, es in lexicon.names.items() if k.startswith(key + " ")
             for e in es if e.head == head]
    return found[0] if len(found) == 1 else None


def _extended_by_abbreviations(entry: _Entry, lexicon: UnitLexicon) -> _Entry | None:
    """"Khoa KSBT" when the plan names "Khoa Kiểm soát bệnh tật và HIV/AIDS": the one longer
    name adds only words written in capitals, which initials never spell out, or a tail that
    abbreviations leave out (units.yaml: omitted_tails)."""
    longer = _doc_entry_extending(lexicon, entry.key, entry.head)
    if longer is None:
        return None
    added = longer.key[len(entry.key):].split()
    capitals = {fold(w) for w in _WORD_RE.findall(longer.name) if w.isupper()}
    if added and (all(w in capitals for w in added) or " ".join(added) in load_vocabulary().omitted_tails):
        return longer  # "VTTB" for "Vật tư - Thiết bị y tế": "y tế" goes without saying
    return None


def _is_prefix_of_known(entry: _Entry, lexicon: UnitLexicon) -> bool:
    return any(k != entry.key and k.startswith(entry.key + " ") for k in lexicon.names)


def _join_tokens(tokens: tuple[str, ...]) -> str:
    out = ""
    for tok in tokens:
        # "HIV/AIDS" is written without spaces; a comma follows its word; the rest is spaced
        out += tok if tok in (",", "/") or out.endswith("/") else f" {tok}"
    return out.strip()


def _kind_of(head: _Head | None, core: str, vocab: _Vocab) -> str:
    """Head kind, but a name holding an external head ('Văn phòng Sở') is external."""
    if head is None:
        return "unknown"
    if head.kind != "external":
        for w in _WORD_RE.findall(core):
            h = vocab.heads.get(fold(w))
            if h and h.kind == "external" and w[0].isupper():
                return "external"
    return head.kind


def _may_name(head: _Head | None, entry: _Entry) -> bool:
    """Can words written under this head (or none) name the entry? An outside body needs its
    head: "Y tế" closing a task name is a field, not "Sở Y tế"."""
    return _compatible(head, entry) and (head is not None or entry.kind != "external")


def _compatible(head: _Head | None, entry: _Entry) -> bool:
    """Same head word, or the same kind of department ("Phòng QLCL" is not "Tổ QLCL")."""
    if head is None or entry.head == head:
        return True
    return entry.kind == head.kind and head.kind in load_vocabulary().department_kinds


def _doc_entry(lexicon: UnitLexicon | None, key: str, head: _Head | None) -> _Entry | None:
    if lexicon is None:
        return None
    return next((e for e in lexicon.names.get(key, ()) if _compatible(head, e)), None)
