"""Roles named inside a unit cell ("Phòng A chủ trì, Phòng B phối hợp"; "Chủ trì: Phòng A;
phối hợp: Phòng B"; "Phòng A phối hợp Phòng B"): the marker words come from table_headers.yaml.

A cell is read clause by clause (clauses end at ";"): a marker after units (a suffix) gives its
role to the units of its clause before it; a marker with a colon, a link word ("phối hợp với")
or, for a partner marker, units right after it (a prefix) gives its role to the units after
it. Words after a suffix marker that open no unit are its verb's object ("Phòng KHNV chủ trì
tổng hợp", "… chủ trì kiểm tra, giám sát"), not units; so are a clerk's verbs naming no role
("… các khoa, phòng thực hiện"). Once a cell names its lead, the units it leaves unmarked
take part.
"""
from __future__ import annotations

import regex

from normalize.text import fold
from normalize.units import load_vocabulary, may_open_units

from .table_headers import header_vocab

_MARKER_GAP_RE = regex.compile(r"[ ]+(?=[,;\n])|(?<=[ ])[ ]+")


def split_role_markers(text: str | None, own_role: str) -> dict[str, str]:
    """Units of one cell by role when the cell names the roles itself; text without a marker
    keeps the cell's own role. A cell without markers comes back whole."""
    if not text:
        return {}
    folded = fold(text)  # same length as text: fold only changes case and tone placement
    hits = role_marker_hits(folded, text) if len(folded) == len(text) else []
    if not hits:
        return {own_role: text}
    parts: dict[str, list[str]] = {}
    unmarked = "partner" if own_role == "lead" and any(h[2] == "lead" for h in hits) else own_role
    cursor, pending = 0, None  # pending: role announced by a prefix marker ("Chủ trì:")
    for start, end, role, prefix in hits:
        _add_clauses(parts, text[cursor:start], role if not prefix else None, pending or unmarked)
        pending = role if prefix else None
        cursor = end + (1 if prefix and text[end:end + 1] == ":" else 0)
        if not prefix:
            cursor = _after_verb_object(text, cursor, hits)
    _add_clauses(parts, text[cursor:], None, pending or unmarked)
    if own_role == "lead" and "lead" not in parts and parts and not any(h[3] for h in hits):
        # "Tổ CNTT và Phòng KHNV phối hợp thực hiện" in the only units column: they do it together
        return {"lead": "; ".join(p for ps in parts.values() for p in ps)}
    return {role: "; ".join(p) for role, p in parts.items()}


def _add_clauses(parts: dict[str, list[str]], piece: str, marked: str | None, other: str) -> None:
    """A suffix marker's role (marked) goes to its own clause, the text after the last ";";
    the clauses before it keep the unmarked role (other)."""
    clauses = piece.split(";") if marked else [piece]
    for k, clause in enumerate(clauses):
        clause = _BULLET_EDGES_RE.sub("", clause.strip(_MARKER_PUNCT + ".")).strip(_MARKER_PUNCT + ".")
        if clause:
            parts.setdefault(marked if marked and k == len(clauses) - 1 else other, []).append(clause)


def _after_verb_object(text: str, pos: int, hits: list) -> int:
    """Past the words after a suffix marker that open no unit ("chủ trì tổng hợp", "chủ trì
    kiểm tra, giám sát"), up to a ";", the next marker or a unit's start."""
    next_hit = min((h[0] for h in hits if h[0] >= pos), default=len(text))
    for m in _WORD_RE.finditer(text, pos, next_hit):
        if ";" in text[pos:m.start()] or not m.group()[:1].islower() or _opens_group(text[m.start():]):
            return pos if m.start() == _first_word_start(text, pos) else _before_separator(text, pos, m.start())
    return next_hit if _first_word_start(text, pos) < next_hit else pos


def _opens_group(text: str) -> bool:
    """Units written in lower case open with a plural marker ("các khoa lâm sàng") or a head
    before a capitalised name ("phòng Kế hoạch tổng hợp"); "giám sát" opens none."""
    words = text.split(None, 2)
    return may_open_units(text) and (fold(words[0]) in load_vocabulary().plural_markers
                                     or (len(words) > 1 and words[1][:1].isupper()))


def _first_word_start(text: str, pos: int) -> int:
    m = _WORD_RE.search(text, pos)
    return m.start() if m else len(text)


def _before_separator(text: str, pos: int, stop: int) -> int:
    """The verb's object ends at the last ";" before stop (or at stop)."""
    cut = text.rfind(";", pos, stop)
    return cut if cut > pos else stop


# "- Chủ trì: Phòng TC-HC" / "- Phối hợp: …": the bullets around a marker are no unit's ("Phòng KH-" keeps its hyphen)
_BULLET_EDGES_RE = regex.compile(r"^[-–•+](?:\s+|$)|(?<=\s)[-–•+]$")
_WORD_RE = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}./&\-]*")
_MARKER_PUNCT = " ,;:()\n"  # around a marker: "(chủ trì),"


def without_role_markers(text: str) -> str:
    """A unit cell read as a list of units: "Phòng A chủ trì, Phòng B phối hợp" scores as
    "Phòng A, Phòng B" (line breaks kept)."""
    folded = fold(text)
    hits = role_marker_hits(folded, text) if len(folded) == len(text) else []
    for start, end, _, prefix in reversed(hits):
        cut = end + (1 if prefix and folded[end:end + 1] == ":" else 0)
        text = text[:start] + text[cut:]
    return _MARKER_GAP_RE.sub("", text).strip(" ,;:") if hits else text


def role_marker_hits(folded: str, text: str | None = None) -> list[tuple[int, int, str | None, bool]]:
    """(start, end, role, is_prefix) of every role marker standing as whole words; with the
    text as written, the verbs that name no role too (role None), and a marker after units
    must be written in lower case ("Ban Chỉ đạo" is a unit, "… chỉ đạo" a role)."""
    hits: list[tuple[int, int, str | None, bool]] = []
    taken = [False] * len(folded)
    vocab = header_vocab()
    for first_word, role, pattern in vocab["role_marker_patterns"]:
        if first_word not in folded:  # most cells hold no marker: skip the regex
            continue
        for m in pattern.finditer(folded):
            if any(taken[m.start():m.end()]):
                continue
            hit = _marker_hit(folded, m, role, vocab)
            if text is not None and not hit[3] and text[m.start()].isupper():
                continue  # "Ban Chỉ đạo chuyển đổi số": a name, not "… chỉ đạo"
            taken[m.start():m.end()] = [True] * (m.end() - m.start())
            hits.append(hit)
    if text is not None:
        for first_word, pattern in vocab["doer_verb_patterns"]:
            if first_word in folded:
                hits += [(m.start(), m.end(), None, False) for m in pattern.finditer(folded)
                         if not any(taken[m.start():m.end()]) and text[m.start()].islower()]
    return sorted(hits)


def _marker_hit(folded: str, m: regex.Match, role: str, vocab: dict) -> tuple[int, int, str, bool]:
    after = folded[m.end():]
    spaces = len(after) - len(after.lstrip())
    link = _MARKER_LINK_RE.match(after, spaces)
    if link and link.group(1) in vocab["role_marker_links"]:
        return m.start(), m.end() + link.end(), role, True  # "phối hợp với " + units
    if role == "partner" and not m.group().endswith(")") and spaces and may_open_units(after[spaces:]):
        return m.start(), m.end() + spaces, role, True  # "Khoa Khám bệnh phối hợp Tổ CNTT"
    prefix = after.lstrip(" ").startswith(":")
    return m.start(), m.end() + (len(after) - len(after.lstrip(" ")) if prefix else 0), role, prefix


_MARKER_LINK_RE = regex.compile(r"(\w+)\s*")
