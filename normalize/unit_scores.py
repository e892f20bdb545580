"""How well a piece of text reads as a list of units: the scorer the table segmentation asks
about every candidate span of a unit column (extract/table_cells.py).

Resolving a mention is normalize/units.py's work; this module weighs the mentions a span splits
into: a known name or an abbreviation the plan defines counts fully, a name that runs on past a
known unit ("VP Sở Quyết định kiện toàn") or that no list holds under a closed head ("Sở …")
counts less. Results are cached per lexicon, since the same spans recur across a row's cuts.
"""
from __future__ import annotations

import regex

from normalize.text import fold, normalize_text
from normalize.unit_resolve import _memoised, _resolve_cached, is_place, province_opening
from normalize.unit_split import _split_norm
from normalize.unit_vocab import (_ABBR_TOKEN_RE, _MAX_NAME_WORDS, _TOKEN_RE, _WORD_RE, UnitLexicon, _Vocab, _head_at,
                                  _is_ascii_text, _view, load_vocabulary)

_SPACED_WORD_RE = regex.compile(r"(?<=\s)[\p{L}\p{N}]")   # a word after a space
_OWN_SHORT_FORM_RE = regex.compile(r"\s*\(\s*\p{Lu}[\p{Lu}\d&.\-]{1,11}\s*\)")   # " (KHTH)", "(CDC)"


def all_units_phrases() -> tuple[tuple[str, ...], ...]:
    """The all-units phrases of the vocabulary ("Các đơn vị trực thuộc") as folded words."""
    return load_vocabulary().all_units_words


def unit_list_score(text: str, lexicon: UnitLexicon | None = None) -> float:
    """How well text reads as a list of units, in [0, 1] (cached per lexicon and text).

    Each mention contributes its letters weighted by a quality: 1 when it opens with a head
    word, an all-units phrase or a known name/abbreviation, less when it runs on implausibly
    (too many words, a capitalised word deep inside a name nobody knows), 0 otherwise.
    """
    return _score_cached(text, lexicon)


def _score_cached(text: str, lexicon: UnitLexicon | None) -> float:
    return _memoised(_score, lexicon, text)


def _score(text: str, lexicon: UnitLexicon | None) -> float:
    norm = normalize_text(text)
    total = sum(len(w) for w in _WORD_RE.findall(norm))
    if total == 0:
        return 0.0
    covered = 0.0
    spans = _split_norm(norm, lexicon)
    for k, (a, b) in enumerate(spans):
        quality = _mention_quality(norm[a:b], lexicon)
        # "Phòng Kế hoạch tổng hợp (KHTH)", "Viễn thông … (VNPT)": the name's own short form
        # in brackets after it, or the person in charge of it, is part of the mention
        own = _OWN_SHORT_FORM_RE.match(norm, b) or load_vocabulary().person_note_re.match(norm, b)  # "(KS. Lê Minh)"
        if own and (k + 1 == len(spans) or spans[k + 1][0] >= own.end()):
            b = own.end()
        covered += quality * sum(len(w) for w in _WORD_RE.findall(norm[a:b]))
    return round(min(covered / total, 1.0), 4)


def _mention_quality(piece: str, lexicon: UnitLexicon | None) -> float:
    # the same mention recurs in most of the spans the table segmentation scores
    return _memoised(_quality, lexicon, piece)


def _quality(piece: str, lexicon: UnitLexicon | None) -> float:
    vocab = load_vocabulary()
    if any(fold(w) in vocab.never_in_names for w in _WORD_RE.findall(piece)):
        return 0.0
    m = _resolve_cached(piece, lexicon, None)
    written = m.unit_text
    view = _view(written)
    if m.unit_kind == "all-units" and m.match in ("all-units", "document"):
        phrase = vocab.all_units_re.match(view)
        # a phrase of the vocabulary, or a plural marker and a head ("Các TYT …")
        rest = written[phrase.end():] if phrase else " ".join(written.split()[2:])
        # "Các đơn vị trực thuộc" + "Sở": a phrase ending on a parent cue names its parent next
        cue = fold(phrase.group()).split()[-1] if phrase else ""
        parent = _parent_named(cue, _TOKEN_RE.findall(rest), vocab)
        return _run_on_penalty(rest, vocab, qualifier=True, in_place=parent)
    if m.match in ("document", "curated") or (m.match == "fuzzy" and m.confidence >= 0.7):
        return 1.0 if _head_at(vocab, written, view, 0, _is_ascii_text(written)) else 0.9
    found = _head_at(vocab, written, view, 0, _is_ascii_text(written))
    if not found:
        return 0.0
    core = written[found[1]:]
    if not _WORD_RE.search(core):
        return 0.3
    base = 0.8 if m.match == "unresolved" else 1.0
    known_then = _known_then_more(written, lexicon, found[0].closed and m.match != "document")
    if known_then is None:
        return base  # a known unit and its place: "Sở Y tế Hưng Yên"
    return base * _run_on_penalty(core, vocab, qualifier=False) * known_then


def _known_then_more(written: str, lexicon: UnitLexicon | None, closed: bool) -> float | None:
    """"VP Sở Quyết định kiện toàn", "BVĐK tỉnh Hồ sơ đề xuất", "Tổ CNTT 04 lớp tập huấn": the
    longest known unit at the start and capitalised words or a count after it that are no
    place name are a unit and the next cell.
    Under a head whose names form a closed list ("Sở", "Bộ"), a name that does not start with
    a listed one is no unit either ("Sở Quyết định kiện toàn"). None: a known unit and its
    place, nothing more."""
    vocab = load_vocabulary()
    for m in reversed(list(_SPACED_WORD_RE.finditer(written, 1))):  # longest known unit first
        first = written[m.start()]
        counted = first.isdigit() and " " in written[m.start():].strip()  # "04 lớp …", not "Khoa Nội 1"
        if not (closed or first.isupper() or counted or _place_word_at(written, m.start(), vocab)):
            continue  # a name goes on in lower case: only a capital, a count or a place word may end it
        known = _resolve_cached(written[:m.start()].rstrip(" ,;"), lexicon, None, False)
        if known.match in ("document", "curated"):
            rest = written[m.start():]
            if is_place(rest):
                return None  # "Sở Y tế tỉnh Hưng Yên": nothing runs on
            return 0.5 if closed or rest[:1].isupper() or counted else 1.0
    return 0.6 if closed else 1.0


def _place_word_at(text: str, at: int, vocab: _Vocab) -> bool:
    """Does a place word ("tỉnh", "thành phố", "xã") open at text[at:]?"""
    word = _WORD_RE.match(text, at)
    return word is not None and any(fold(word.group()) == p[0] for p in vocab.place_words)


def _run_on_penalty(core: str, vocab: _Vocab, qualifier: bool, in_place: bool = False) -> float:
    """Factor < 1 for a name that reads like a unit followed by other text; in_place: core
    opens inside a place or parent body's name."""
    tokens = _TOKEN_RE.findall(core)
    words = [t for t in tokens if t[0].isalnum()]
    factor = 0.85 ** max(0, len(words) - _MAX_NAME_WORDS)
    index, prev, cue = 0, "", ""
    for at, tok in enumerate(tokens):
        if not tok[0].isalnum():
            prev = tok
            continue
        low = fold(tok)
        after_abbr = bool(_ABBR_TOKEN_RE.fullmatch(prev))
        not_province = False
        if in_place == "province" and tok[0].isupper():
            in_place = _names_province(cue, tokens[at:])  # "tỉnh Hưng Yên", not "tỉnh Hồ sơ đề xuất"
            not_province = not in_place
        suspicious = tok[0].isupper() and not _ABBR_TOKEN_RE.fullmatch(tok) and prev not in ("-", ",") \
            and not in_place and (qualifier or index >= 2 or after_abbr or not_province)
        if suspicious:
            factor *= 0.6
        in_place = _place_after(low, vocab) or (qualifier and _parent_named(low, tokens[at + 1:], vocab)) or \
            (in_place and tok[0].isupper())
        cue = low if in_place == "province" else ""
        prev, index = tok, index + 1
    return factor


def _parent_named(word: str, rest: list[str], vocab: _Vocab) -> bool:
    """"trực thuộc Sở Y tế": after a parent cue, a unit's head opens the parent body's name
    ("Các chi bộ trực thuộc" / "Gắn với phong trào" runs on instead)."""
    after = next((t for t in rest if t[0].isalnum()), "")
    return word in vocab.parent_cues and after[:1].isupper() and bool(vocab.head_first_re.match(fold(after)))


def _place_after(word: str, vocab: _Vocab) -> str | bool:
    """What a word makes of the capitalised words after it: "province" after "tỉnh" and
    "thành phố" (checked against the provinces), True after other place words (a commune's or
    district's name, which no list here holds), False otherwise."""
    if word in vocab.province_words:
        return "province"
    return any(word == p[-1] for p in vocab.place_words)


def _names_province(place_word: str, tokens: list[str]) -> bool:
    # with its cue: "Hồ Chí Minh" is a province only after "thành phố"
    cue = next((" ".join(p) for p in load_vocabulary().place_words if p[-1] == place_word), place_word)
    return province_opening(f"{cue} {' '.join(tokens[:6])}") is not None
