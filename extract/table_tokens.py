"""A table row's words as tokens with their place on the printed lines, and the repairs made
before the row is cut into cells: a unit cell's tail printed after the cells to its right is put
back (`wrapped_tails_in_place`), a word a narrow column broke is rejoined
(`broken_words_rejoined`).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

import regex

from normalize.deadlines import is_bare_year, is_deadline, is_deadline_word
from normalize.text import fold, is_word_tail, join_lines
from normalize.unit_scores import all_units_phrases

from .model import Line

_NON_SPACE_RE = regex.compile(r"\S+")
# A cell opens with a capital, a digit or a symbol.
CELL_START = regex.compile(r"^[\p{Lu}\d≥≤<>(\"“+\-–•%]")


@dataclass(frozen=True)
class Token:
    text: str
    line: int          # index of the line within the fragment
    start: int         # document offsets
    end: int
    gap: int           # spaces before it on its line; -1 at a line start
    after_empty: bool = False  # first of a line printed after an empty one: an empty cell before it


def fragment_to_tokens(fragment: list[tuple[Line, int]]) -> list[Token]:
    tokens: list[Token] = []
    for k, (line, offset) in enumerate(fragment):
        previous_end = None
        for m in _NON_SPACE_RE.finditer(line.text[offset:]):
            gap = -1 if previous_end is None else m.start() - previous_end
            previous_end = m.end()
            start = line.start + offset + m.start()
            tokens.append(Token(m.group(0), k, start, start + len(m.group(0)), gap,
                                 k > 0 and gap < 0 and line.break_before))
    return tokens


def wrapped_tails_in_place(tokens: list[Token]) -> list[Token]:
    """A unit cell's last words printed on the row's next line, after the cells to its right
    ("P.TCCB Các đơn vị trực Quyết định phân công Quý I/2026" / "thuộc"), are moved back
    after the words they complete, when together they spell an all-units phrase."""
    lines = token_line_groups(tokens)
    moved: dict[Token, list[Token]] = {}   # token -> the tail words to put after it
    dropped: set[Token] = set()
    for above, below in zip(lines, lines[1:]):
        if not below[0].text[:1].islower():
            continue
        hit = _phrase_cut_above(above, below) or (below is lines[-1] and _cut_before_line_end_deadline(above, below))
        if hit:
            last, n = hit
            moved[last] = [replace(t, line=last.line, gap=1) for t in below[:n]]
            dropped.update(below[:n])
    if not moved:
        return tokens
    return [t2 for t in tokens if t not in dropped for t2 in [t] + moved.get(t, [])]


def broken_words_rejoined(tokens: list[Token]) -> list[Token]:
    """A narrow column breaks a date's year or a deadline word inside the word ("30/9/202" /
    "6", "6 tháng/l" / "ần"), or any word before a letter alone on the next line ("kiến/kho" /
    "a"): the piece opening the next printed line is put back."""
    out: list[Token] = []
    for tok in tokens:
        prev = out[-1] if out else None
        broken = prev is not None and tok.gap < 0 and (
            _completes_after_slash(prev.text, tok.text)
            or is_word_tail(prev.text, tok.text) and _alone_on_its_line(tok, tokens))
        if broken:
            out[-1] = replace(prev, text=prev.text + tok.text, end=tok.end)
            continue
        if prev is not None and tok.gap >= 0 and prev.line != tok.line:
            tok = replace(tok, gap=-1)  # the rest of a line whose first piece was put back
        out.append(tok)
    return out


def _alone_on_its_line(tok: Token, tokens: list[Token]) -> bool:
    return sum(t.line == tok.line for t in tokens) == 1


def _completes_after_slash(head: str, piece: str) -> bool:
    if "/" not in head:
        return False
    tail = head.rsplit("/", 1)[1]
    if tail.isdigit() and piece.isdigit():
        return is_bare_year(tail + piece) and len(tail) < 4
    word = piece.rstrip(",;.")
    return len(tail) <= 3 and tail.isalpha() and word.isalpha() and word.islower() and \
        not is_deadline_word(word) and is_deadline_word(tail + word)


def _cut_before_line_end_deadline(above: list[Token], below: list[Token]) -> tuple[Token, int] | None:
    """The row's last line, in lower case, under a line that ends with the deadline cell
    ("100% Phòng KHNV, TYT Quý II/2026" / "các xã, phường"): the deadline was printed whole on
    one line, the cell before it goes on below."""
    n = deadline_ending(above, keep=2) if len(below) <= 5 else 0
    if not n:
        return None
    longer = " ".join(t.text for t in above[-n:] + below)
    # "Theo kế hoạch" / "của Sở Y tế": the deadline itself goes on
    return None if is_deadline(longer) else (above[-n - 1], len(below))


def deadline_ending(line: list[Token], keep: int) -> int:
    """How many of the printed line's last tokens (up to 4, leaving `keep`) form a deadline
    cell ("Quý II/2026"), or 0."""
    for n in range(min(4, len(line) - keep), 0, -1):
        text = " ".join(t.text for t in line[-n:])
        if CELL_START.match(text) and is_deadline(text):
            return n
    return 0


def _phrase_cut_above(above: list[Token], below: list[Token]) -> tuple[Token, int] | None:
    """(last token above, number of tokens below) of a phrase cut inside the line above."""
    tail = [fold(t.text).strip(",;") for t in below[:8]]
    cuts = _phrase_cuts_by_word().get(tail[0])
    if not cuts:
        return None
    words = [fold(t.text).strip(",;") for t in above]
    for head, rest in cuts:
        if tuple(tail[:len(rest)]) != rest:
            continue
        for s in range(len(words) - len(head)):  # cut inside the line, where a cell opens
            if tuple(words[s:s + len(head)]) == head and CELL_START.match(above[s + len(head)].text):
                return above[s + len(head) - 1], len(rest)
    return None


@lru_cache(maxsize=1)
def _phrase_cuts_by_word() -> dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]]:
    """Every way to cut an all-units phrase in two, by the first word of its second part."""
    cuts: dict[str, list] = {}
    for phrase in all_units_phrases():
        for m in range(1, len(phrase)):
            cuts.setdefault(phrase[m], []).append((phrase[:m], phrase[m:]))
    return cuts


def token_line_groups(tokens: list[Token]) -> list[list[Token]]:
    """The tokens of each printed line, in order."""
    lines: list[list[Token]] = []
    for tok in tokens:
        if not lines or tok.gap < 0:
            lines.append([tok])
        else:
            lines[-1].append(tok)
    return lines


def _token_lines(tokens: list[Token]) -> list[str]:
    return [" ".join(t.text for t in line) for line in token_line_groups(tokens)]


def layout_text(tokens: list[Token]) -> str:
    """Cell text keeping its printed line breaks (hyphen-wrapped codes re-joined)."""
    out = ""
    for line in _token_lines(tokens):
        glued = out.endswith("-") and len(out) > 1 and out[-2].isalnum()
        out = out + line if glued else (out + "\n" + line if out else line)
    return out


def glued_text(tokens: list[Token]) -> str:
    """The tokens' words on one line, a code wrapped at its hyphen glued back ("Khoa DS-" "TTGDSK")."""
    return layout_text(tokens).replace("\n", " ")


def tokens_text(tokens: list[Token]) -> str:
    return join_lines(_token_lines(tokens))
