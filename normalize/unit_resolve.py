"""One unit mention resolved to its canonical name: the document's lexicon first, then the
curated list of data/units.yaml, then fuzzy matching that only repairs spelling and case.

Part of normalize.units (see its docstring).
"""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import regex
from rapidfuzz import fuzz, process

from normalize.provinces import find_province
from normalize.text import fold, normalize_text, squash_spaces, strip_diacritics
from normalize.unit_lexicon import (_compatible, _doc_entry, _doc_entry_extending, _document_abbreviation,
                                    _document_plural, _kind_of, _known_abbreviation, _may_name)
from normalize.unit_vocab import (UnitLexicon, UnitMatch, _ABBR_CORE_RE, _Entry, _FUZZY_MIN, _Head, _LOWER_RE,
                                  _curated_name_prefixes, known_name_prefixes, name_tokens,
                                  _SPACES_RE, _Vocab, _abbr_key, _canon_head_name, _head_at, _is_ascii_text,
                                  _headless_entry, _key, _trim, _view, load_vocabulary, opens_with_plural)


# ----------------------------------------------------------------------------- resolving

_CODE_GOES_ON_RE = regex.compile(r"-[\p{L}\p{N}]")


def _expand_short_forms(core: str, vocab: _Vocab) -> str:
    """'KH, CN, đổi mới' → 'khoa học, công nghệ, đổi mới' inside names that also hold words."""
    if not _LOWER_RE.search(core):
        return core  # a pure abbreviation is resolved, not expanded
    core = _CODE_WORD_RE.sub(lambda m: _part_form_slip(m.group(), vocab), core)

    def repl(m: regex.Match) -> str:
        before = core[:m.start()].rstrip()
        glued = core[:m.start()].endswith("-") and before.split()
        after_word = glued and _LOWER_RE.search(before.split()[-1])
        if (glued or _CODE_GOES_ON_RE.match(core, m.end())) and not after_word:
            return m.group(0)  # inside a code ("KH-TC-VT"), not after a word ("Dược-TTB-VTYT")
        text = vocab.field_forms.get(m.group(1)) or vocab.part_forms[m.group(1)]
        if not before or before.endswith("-"):
            return text[0].upper() + text[1:]
        return text
    return vocab.expand_re.sub(repl, core)


_CODE_WORD_RE = regex.compile(r"(?<![\p{L}\p{N}])\p{Lu}{4,}(?![\p{L}\p{N}])")


def _part_form_slip(code: str, vocab: _Vocab) -> str:
    """"Khoa Dược-VTTY": a part's short form with a typing slip ("VTYT" typed "VTTY") is that
    form when exactly one is one slip away."""
    if code in vocab.part_forms or code in vocab.field_forms:
        return code
    found = [k for k in vocab.part_forms if len(k) == len(code) and _one_slip(code, k)]
    return found[0] if len(found) == 1 else code


def _curated_abbreviation(abbr: str, head: _Head | None, ascii_text: bool, vocab: _Vocab) -> _Entry | None:
    key = _abbr_key(abbr)
    entries = vocab.curated_by_abbr.get(key, ())
    same = [e for e in entries if _compatible(head, e)]
    if not same and ascii_text:
        # ASCII text writes ĐD as DD: accept a curated abbreviation equal once Đ is folded.
        same = [e for k, es in vocab.curated_by_abbr.items() if strip_diacritics(k) == key
                for e in es if _compatible(head, e)]
    return (same or list(entries) or [None])[0]


def _fuzzy(key: str, head: _Head | None, lexicon: UnitLexicon | None,
           vocab: _Vocab) -> tuple[_Entry, float] | None:
    documented = [e for es in lexicon.names.values() for e in es if _may_name(head, e) and e.skey] \
        if lexicon else []
    curated, curated_keys = _curated_pool(head)
    pool = documented + curated
    if not pool or not key:
        return None
    best = process.extractOne(strip_diacritics(key), [e.skey for e in documented] + curated_keys,
                              scorer=fuzz.ratio)
    if best is None or best[1] < _FUZZY_MIN:
        return None
    return pool[best[2]], best[1]


def _other_word(key: str, known: str, head: _Head | None, lexicon: UnitLexicon | None) -> bool:
    """"Khoa Nhi tổng hợp" is no misspelt "Khoa Nội tổng hợp": up to the first word where they
    differ, the written words open a name the vocabulary or the plan knows ("Khoa Nhi")."""
    words, known_words = key.split(), known.split()
    differ = next((i for i, (a, b) in enumerate(zip(words, known_words)) if strip_diacritics(a) != b), None)
    if differ is None:
        return False
    opening = name_tokens(f"{head.canon if head else ''} {' '.join(words[:differ + 1])}")
    known_openings = known_name_prefixes(lexicon) if lexicon is not None else _curated_name_prefixes()
    return len(opening) >= 2 and opening in known_openings


def _adds_proper_words(key: str, core: str, known: str) -> bool:
    """"Trạm Y tế phường Hội An Tây" is not a misspelt "… Hội An": a name that is a known one
    plus capitalised words is another unit (fuzzy matching only repairs spelling). A stray
    lower-case tail ("Phòng CNTT năm", "Tổ CNTT x") is noise the match may drop."""
    words, known_words = strip_diacritics(key).split(), known.split()
    extra = len(words) - len(known_words)
    if extra <= 0 or words[:len(known_words)] != known_words:
        return False
    return any(w[:1].isupper() and len(w) > 1 for w in core.split()[-extra:])


@lru_cache(maxsize=None)
def _curated_pool(head: _Head | None) -> tuple[list[_Entry], list[str]]:
    """Curated names a mention under this head may fuzzily match, with their fuzzy keys
    (the same few heads recur in every document: filtered once, not per mention)."""
    pool = [e for e in load_vocabulary().curated if _may_name(head, e) and e.skey]
    return pool, [e.skey for e in pool]


def _make(text: str, name: str, abbr: str | None, kind: str, how: str, conf: float) -> UnitMatch:
    return UnitMatch(text, name, abbr, kind, how, round(min(max(conf, 0.0), 1.0), 3), 0, 0)


def _entry_abbr(entry: _Entry, lexicon: UnitLexicon | None, vocab: _Vocab) -> str | None:
    if lexicon:
        for abbr, e in lexicon.abbreviations.items():
            # the key leaves the head out: "BHXH tỉnh" is no short form of "UBND tỉnh"
            if e.key == entry.key and e.head == entry.head:
                return abbr
    if entry.abbr:
        return entry.abbr
    curated = vocab.curated_by_key.get(entry.key, ())
    return next((e.abbr for e in curated if e.abbr and e.kind == entry.kind), None)


def _memoised(compute, lexicon: UnitLexicon | None, *args):
    """compute(*args, lexicon) once per lexicon (first result kept: resolving may teach the
    lexicon an abbreviation, and later calls must see the same answer); without a lexicon the
    result is pure and a bounded module cache holds it."""
    if lexicon is None:
        return _pure(compute, *args)
    key = (compute, *args)
    if key not in lexicon._memo:
        lexicon._memo[key] = compute(*args, lexicon)
    return lexicon._memo[key]


@lru_cache(maxsize=1 << 14)
def _pure(compute, *args):
    return compute(*args, None)


def _resolve_cached(text: str, lexicon: UnitLexicon | None, inherited: _Head | None,
                    fuzzy: bool = True) -> UnitMatch:
    return _memoised(_resolve, lexicon, text, inherited, fuzzy)


def _resolve(text: str, inherited: _Head | None, fuzzy: bool, lexicon: UnitLexicon | None) -> UnitMatch:
    vocab = load_vocabulary()
    norm = normalize_text(text)
    start, end = _trim(norm, 0, len(norm), vocab)
    written = squash_spaces(norm[start:end])
    view = _view(written)
    ascii_text = _is_ascii_text(written)
    if not written:
        return _make(written, written, None, "unknown", "unresolved", 0.0)
    collective = lexicon.collectives.get(view) if lexicon is not None and lexicon.collectives else None
    if collective is not None:  # "Các đơn vị trực thuộc", the plan's name for a group it defined
        return _make(written, collective, written, "all-units", "document", 0.95)
    if vocab.all_units_re.match(view):
        return _make(written, written, None, "all-units", "all-units", 1.0)
    person = vocab.person_re.fullmatch(written)
    post = vocab.post_re.match(person.group("post")) if person else None
    if post:  # "BS. Trần Văn Hùng (Trưởng phòng KHTH)": the unit whose head he is
        unit = person.group("post")[post.end():]
        found = _resolve_cached(unit[:1].upper() + unit[1:], lexicon, None, fuzzy)
        if found.match != "unresolved":
            return replace(found, unit_text=written)
    coded = lexicon.abbreviations.get(written) if lexicon is not None and " " in written else None
    if coded is not None:  # "BVĐK tỉnh", defined in brackets after the name
        return _make(written, coded.name, written, coded.kind, "document", 0.95)
    plural = _plural_of_head(written, view, lexicon, vocab)
    if plural is not None:
        return plural
    found = _head_at(vocab, written, view, 0, ascii_text)
    head, core = (found[0], written[found[1]:].strip()) if found else (None, written)
    if head is not None and not core and _ABBR_CORE_RE.fullmatch(written):
        # "CDC" alone is a known abbreviation before it is the head of "CDC tỉnh"
        known = _resolve_abbreviation(written, written, None, lexicon, vocab, ascii_text)
        if known.match in ("curated", "document"):
            return known
    plural = _document_plural(lexicon, head, core) if head else None
    if plural:
        return _make(written, plural, None, "all-units", "document", 0.9)
    abbr = _ABBR_CORE_RE.fullmatch(core)
    if abbr and len(_abbr_key(core)) >= 2:
        code = _SPACES_RE.sub("", core)
        defined = lexicon.abbreviations.get(code) if lexicon is not None and head is None else None
        if defined is not None:  # "CĐCS" the plan defined: the head inherited from "Phòng TCCB," is no clue
            return _make(written, defined.name, code, defined.kind, "document", 0.95)
        return _resolve_abbreviation(written, code, head or inherited, lexicon, vocab, ascii_text)
    return _resolve_name(written, head, core, inherited, lexicon, vocab, fuzzy)


def _plural_of_head(written: str, view: str, lexicon: UnitLexicon | None, vocab: _Vocab) -> UnitMatch | None:
    """"Các TYT", "Các trạm y tế xã": a plural marker before a head names every unit of that
    kind: the plan's own phrase for them when it lists one, else the head spelt out."""
    first = view.split(" ", 1)[0]
    if first not in vocab.plural_markers or " " not in written:
        return None
    rest_at = len(written) - len(written.split(" ", 1)[1])
    found = _head_at(vocab, written, view, rest_at, _is_ascii_text(written))
    if not found:
        return None
    head, core = found[0], written[found[1]:].strip()
    own = _document_plural(lexicon, head, f"{first} {core}".strip())
    spelt = f"{written[:rest_at]}{head.canon[:1].lower()}{head.canon[1:]} {core}".strip()
    return _make(written, own or spelt, None, "all-units", "document" if own else "all-units", 0.9)


def _misread_abbreviation(abbr: str, lexicon: UnitLexicon | None, vocab: _Vocab) -> str | None:
    """The one known abbreviation an unknown one becomes with one letter OCR confuses
    (units.yaml: ocr_confusions), or None when none or several do."""
    found = {abbr[:i] + other + abbr[i + 1:]
             for i, ch in enumerate(abbr) for other in vocab.ocr_confusions.get(ch, ())}
    known = [a for a in found if _known_abbreviation(a, lexicon, vocab)]
    return known[0] if len(known) == 1 else None


def _mistyped_abbreviation(abbr: str, lexicon: UnitLexicon | None, vocab: _Vocab) -> str | None:
    """The one known code an unknown one of four letters or more is with a typing slip undone:
    two neighbours swapped ("TCTK" for "TCKT") or a letter typed twice over its neighbour
    ("CNNT" for "CNTT"). None when none or several are."""
    key = _abbr_key(abbr)
    if len(key) < 4:
        return None
    known = {_abbr_key(a): a for a in (lexicon.abbreviations if lexicon else ())}
    known.update((k, k) for k in vocab.curated_by_abbr if len(k) == len(key))
    found = {a for k, a in known.items() if len(k) == len(key) and _one_slip(key, k)}
    return found.pop() if len(found) == 1 else None


def _one_slip(typed: str, meant: str) -> bool:
    diff = [i for i, (a, b) in enumerate(zip(typed, meant)) if a != b]
    if len(diff) == 2 and diff[1] == diff[0] + 1:
        i = diff[0]
        return typed[i] == meant[i + 1] and typed[i + 1] == meant[i]
    if len(diff) == 1:
        i = diff[0]
        return typed[i] in (typed[i - 1] if i else "", typed[i + 1] if i + 1 < len(typed) else "")
    return False


def _resolve_abbreviation(written: str, abbr: str, head: _Head | None, lexicon: UnitLexicon | None,
                          vocab: _Vocab, ascii_text: bool) -> UnitMatch:
    if lexicon is not None:
        entry = lexicon.abbreviations.get(abbr)
        if entry is None or not _compatible(head, entry):
            entry = _document_abbreviation(lexicon, abbr, head, vocab)
        if entry is not None:
            conf = 0.95 if _compatible(head, entry) else 0.8
            return _make(written, entry.name, abbr, entry.kind, "document", conf)
    if _abbr_key(abbr) in vocab.ambiguous:
        return _make(written, written, abbr, "unknown", "unresolved", 0.3)
    entry = _curated_abbreviation(abbr, head, ascii_text, vocab)
    if entry is None:
        misread = _misread_abbreviation(abbr, lexicon, vocab)
        if misread is None and written != abbr:  # a typing slip only after a written head ("Tổ CNNT")
            misread = _mistyped_abbreviation(abbr, lexicon, vocab)
        if misread is not None:  # "Phòng KHIH" of a scan: the T of "KHTH" read as I
            found = _resolve_abbreviation(written, misread, head, lexicon, vocab, ascii_text)
            if found.match == "unresolved":
                return found
            return replace(found, unit_abbr=abbr, confidence=round(found.confidence * 0.8, 2))
        return _make(written, written, abbr, "unknown", "unresolved", 0.3 if head else 0.1)
    if head and not _compatible(head, entry):
        # "Tổ QLCL": the document's head word wins over the curated one.
        core = entry.name[len(entry.head.canon):].strip() if entry.head else entry.name
        return _make(written, _canon_head_name(head, core), abbr, head.kind, "curated", 0.75)
    return _make(written, entry.name, abbr, entry.kind, "curated", 0.9)


def _resolve_name(written: str, head: _Head | None, core: str, inherited: _Head | None,
                  lexicon: UnitLexicon | None, vocab: _Vocab, fuzzy: bool = True) -> UnitMatch:
    expanded = _expand_short_forms(core, vocab)
    key = _key(expanded, vocab)
    use_head = head or inherited
    entry = _doc_entry(lexicon, key, use_head)
    if entry is not None and _may_name(use_head, entry):
        return _make(written, entry.name, _entry_abbr(entry, lexicon, vocab), entry.kind, "document", 1.0)
    longer = _doc_entry_extending(lexicon, key, head)
    if longer is not None:
        return _make(written, longer.name, _entry_abbr(longer, lexicon, vocab), longer.kind, "document", 0.9)
    for entry in vocab.curated_by_key.get(key, ()):
        # "Đoàn Thanh niên" after "Phòng TCCB,": a body with no head word inherits none
        if _may_name(use_head, entry) or (head is None and entry.head is None):
            return _make(written, entry.name, _entry_abbr(entry, lexicon, vocab), entry.kind, "curated", 0.9)
    named = _headless_name_then_place(written, vocab) if head is None else None
    if named is not None:  # "Bảo hiểm xã hội tỉnh Đồng Nai" after "Phòng CNTT,": no "Phòng"
        entry, place = named
        return _make(written, f"{entry.name} {place}", None, entry.kind, "curated", 0.85)
    close = _fuzzy(key, use_head, lexicon, vocab) if fuzzy else None
    if close is not None and (_adds_proper_words(key, expanded, close[0].skey)
                              or _other_word(key, close[0].skey, use_head, lexicon)):
        close = None  # another unit than the close one, not a misspelling of it
    if close is not None:
        entry, score = close
        if not _is_ascii_text(key):
            # A name written with diacritics that still differs from the name is a spelling mistake.
            score = min(score, fuzz.ratio(key, entry.key))
        conf = 0.5 + 0.4 * max(0.0, score - _FUZZY_MIN) / (100 - _FUZZY_MIN)
        return _make(written, entry.name, _entry_abbr(entry, lexicon, vocab), entry.kind, "fuzzy", conf)
    if head is not None:
        inner = _inner_unit(core, lexicon)
        name = f"{head.canon} {inner or expanded}".strip()
        return _make(written, name, None, _kind_of(head, expanded, vocab), "as-written", 0.8)
    if inherited is not None and key and not opens_with_plural(written, vocab):
        # "TTCTXH tỉnh; Các cơ sở trợ giúp xã hội": a group named with "Các" takes no head
        name = _canon_head_name(inherited, expanded)
        return _make(written, name, None, _kind_of(inherited, expanded, vocab), "as-written", 0.6)
    return _make(written, written, None, "unknown", "unresolved", 0.1)


def _headless_name_then_place(written: str, vocab: _Vocab) -> tuple[_Entry, str] | None:
    """A name the vocabulary knows without a head word, then a province ("Bảo hiểm xã hội
    tỉnh Đồng Nai"): the entry and the place as written."""
    words = written.split()
    for k in range(len(words) - 1, 0, -1):
        entry = _headless_entry(" ".join(words[:k]), vocab)
        if entry is not None:
            place = " ".join(words[k:]).rstrip(" ,;.")
            return (entry, place) if is_place(place) else None
    return None


@lru_cache(maxsize=4096)
def is_place(text: str) -> bool:
    """The whole text names a province, with or without its type word ("tỉnh Hưng Yên")."""
    text = text.rstrip(" ,;.")
    place = province_opening(text)
    return place is not None and place.end == len(text)


def province_opening(text: str):
    """The province the text opens with, after its type word if any ("tỉnh Hưng Yên …"),
    or None."""
    place = find_province(text)
    lead = fold(text[:place.start]).strip() if place else None
    return place if lead is not None and (not lead or lead in _place_phrases()) else None


@lru_cache(maxsize=1)
def _place_phrases() -> frozenset[str]:
    return frozenset(" ".join(p) for p in load_vocabulary().place_words)


def _inner_unit(core: str, lexicon: UnitLexicon | None) -> str | None:
    """"Chi bộ Phòng KHTH": the known unit a body's name holds, spelt out ("Chi bộ Phòng Kế
    hoạch tổng hợp")."""
    if not core[:1].isupper() or not load_vocabulary().head_first_re.match(fold(core)):
        return None
    inner = _resolve_cached(core, lexicon, None, False)
    return inner.unit_name if inner.match in ("document", "curated") and inner.unit_text == core else None
