"""Roles named inside a unit cell ("Phòng A chủ trì, Phòng B phối hợp"; "Chủ trì: Phòng A;
phối hợp: Phòng B"): the marker words come from table_headers.yaml.
"""
from __future__ import annotations

import regex

from normalize.text import fold

from .table_headers import header_vocab

_MARKER_GAP_RE = regex.compile(r"[ ]+(?=[,;\n])|(?<=[ ])[ ]+")


def split_role_markers(text: str | None, own_role: str) -> dict[str, str]:
    """Units of one cell by role when the cell names the roles itself ("Phòng A chủ trì,
    Phòng B phối hợp"; "Chủ trì: Phòng A; phối hợp: Phòng B"); text without a marker keeps the
    cell's own role. A cell without markers comes back whole."""
    if not text:
        return {}
    folded = fold(text)  # same length as text: fold only changes case and tone placement
    hits = role_marker_hits(folded)
    if not hits or len(folded) != len(text):
        return {own_role: text}
    parts: dict[str, list[str]] = {}
    cursor, pending = 0, None  # pending: role announced by a prefix marker ("Chủ trì:")
    unmarked = own_role
    for start, end, role, prefix in hits:
        before = text[cursor:start].strip(_MARKER_PUNCT)
        if before:
            parts.setdefault(role if not prefix and pending is None else (pending or unmarked),
                             []).append(before)
        if not prefix and role == "lead" and own_role == "lead":
            unmarked = "partner"  # "Phòng TC-HC (chủ trì), Tổ CNTT": the others cooperate
        pending = role if prefix else None
        cursor = end + (1 if prefix and text[end:end + 1] == ":" else 0)
    rest = text[cursor:].strip(_MARKER_PUNCT + ".")
    if rest:
        parts.setdefault(pending or unmarked, []).append(rest)
    return {role: "; ".join(p) for role, p in parts.items()}


_MARKER_PUNCT = " ,;:()\n"  # around a marker: "(chủ trì),"


def without_role_markers(text: str) -> str:
    """A unit cell read as a list of units: "Phòng A chủ trì, Phòng B phối hợp" scores as
    "Phòng A, Phòng B" (line breaks kept)."""
    folded = fold(text)
    hits = role_marker_hits(folded) if len(folded) == len(text) else []
    for start, end, _, prefix in reversed(hits):
        cut = end + (1 if prefix and folded[end:end + 1] == ":" else 0)
        text = text[:start] + text[cut:]
    return _MARKER_GAP_RE.sub("", text).strip(" ,;:") if hits else text


def role_marker_hits(folded: str) -> list[tuple[int, int, str, bool]]:
    """(start, end, role, is_prefix) of every role marker standing as whole words."""
    hits: list[tuple[int, int, str, bool]] = []
    taken = [False] * len(folded)
    vocab = header_vocab()
    for first_word, role, pattern in vocab["role_marker_patterns"]:
        if first_word not in folded:  # most cells hold no marker: skip the regex
            continue
        for m in pattern.finditer(folded):
            if any(taken[m.start():m.end()]):
                continue
            taken[m.start():m.end()] = [True] * (m.end() - m.start())
            after = folded[m.end():]
            spaces = len(after) - len(after.lstrip())
            link = _MARKER_LINK_RE.match(after, spaces)
            if link and link.group(1) in vocab["role_marker_links"]:
                hits.append((m.start(), m.end() + link.end(), role, True))  # "phối hợp với " + units
                continue
            prefix = after.lstrip(" ").startswith(":")
            hits.append((m.start(), m.end() + (len(after) - len(after.lstrip(" ")) if prefix else 0), role, prefix))
    return sorted(hits)


_MARKER_LINK_RE = regex.compile(r"(\w+)\s*")
