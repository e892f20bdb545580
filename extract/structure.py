"""Document structure per Nghị định 30/2020/NĐ-CP: header block, type line and title (trích
yếu), numbered sections, recipients (Nơi nhận), signature, appendix (Phụ lục).

Chain: lines_to_regions → region lines_to_blocks → blocks_to_sections.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import regex

from normalize.text import fold, join_lines

from .model import Document, Line
from .table_headers import header_vocab
from .vocab import layout_vocab

_ROMAN = regex.compile(r"^(?P<num>[IVXL]{1,6})\s*[.\-/)]\s*(?P<title>\S.*)$")
# A numbered item opens with a capital, or with a percentage or comparator ("1. 100% người
# bệnh …", "2. ≥ 90% …") in a numbered target list.
_ARABIC = regex.compile(
    r"^(?P<num>\d{1,2}(?:\.\d{1,2}){0,3})\s*[.)]\s*(?P<title>(?:[\p{Lu}(\"“≥≤]|\d+(?:[.,]\d+)?\s*%).*)$")
_ARABIC_NODOT = regex.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2}){1,3})\s+(?P<title>\p{Lu}.*)$")
# Party documents number with a dash glued to the number: "I- MỤC ĐÍCH", "1- Mục tiêu chung".
_ARABIC_DASH = regex.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2}){0,2})-\s+(?P<title>\p{Lu}.*)$")
_LETTER = regex.compile(r"^(?P<num>[a-zđ])\s*\)\s*(?P<title>\S.*)$")
_BULLET = regex.compile(r"^(?P<mark>[-+•*●◦▪])\s*(?P<title>\S.*)$")
_SENTENCE_END = (".", ";", ":", "!", "?", "./.")


@dataclass
class Block:
    """A heading, bullet or paragraph: wrapped physical lines rebuilt into one text."""

    kind: str                 # heading | bullet | paragraph
    lines: list[Line]
    number: str | None = None
    level: int = 0

    @property
    def text(self) -> str:
        return join_lines([ln.text for ln in self.lines])

    @property
    def start(self) -> int:
        return self.lines[0].start

    @property
    def end(self) -> int:
        return self.lines[-1].end

    @property
    def page(self) -> int:
        return self.lines[0].page

    @property
    def body(self) -> str:
        """Text without its number or bullet mark."""
        text = self.text
        for pattern in (_ROMAN, _ARABIC, _ARABIC_NODOT, _ARABIC_DASH, _article_re(), _LETTER, _BULLET):
            m = pattern.match(text)
            if m and (self.kind != "paragraph"):
                return m.group("title").strip()
        return text


@dataclass
class Section:
    path: str
    heading: str
    kind: str
    level: int
    blocks: list[Block] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.blocks[0].start

    @property
    def end(self) -> int:
        return self.blocks[-1].end

    @property
    def page(self) -> int:
        return self.blocks[0].page

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks)


@dataclass
class Layout:
    header_lines: list[Line]
    type_line: Line | None
    title_lines: list[Line]
    sections: list[Section]          # preamble and numbered body sections, in order
    recipient_lines: list[Line]
    signature_lines: list[Line]
    appendix_lines: list[Line]

    def sections_of_kind(self, kind: str) -> list[Section]:
        return [s for s in self.sections if s.kind == kind]


def heading_match(text: str) -> tuple[str, str, int] | None:
    """(number, title, level) of a numbered heading line, else None."""
    m = _ROMAN.match(text)
    if m and _mostly_upper(m.group("title")):
        return m.group("num"), m.group("title"), 1
    m = _ARABIC.match(text) or _ARABIC_NODOT.match(text) or _ARABIC_DASH.match(text)
    if m:
        return m.group("num"), m.group("title"), 2 + m.group("num").count(".")
    m = _part_re().match(text)
    if m:
        return m.group("num"), m.group("title"), 1
    m = _article_re().match(text)
    if m:
        return " ".join(m.group("num").split()), m.group("title"), 2
    m = _LETTER.match(text)
    if m:
        return m.group("num"), m.group("title"), 6
    return None


@lru_cache(maxsize=1)
def _article_re() -> regex.Pattern:
    """Articles of a Quyết định ("Điều 1."): the word comes from the layout vocabulary."""
    word = regex.escape(layout_vocab()["article_word"])
    return regex.compile(rf"^(?P<num>{word}\s+\d{{1,3}})\s*[.:]\s*(?P<title>.*)$")


@lru_cache(maxsize=1)
def _part_re() -> regex.Pattern:
    """"PHẦN I. CĂN CỨ …", "Phần 2: Nhiệm vụ": the part's numeral is the section's number."""
    words = "|".join(regex.escape(w) for w in layout_vocab()["part_words"])
    return regex.compile(rf"^(?i:{words})\s+(?P<num>[IVXL]{{1,5}}|\d{{1,2}})\s*[.:–-]\s*(?P<title>\S.*)$")


def _mostly_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.6 * len(letters)


def is_upper_line(text: str) -> bool:
    return _mostly_upper(text) and sum(c.isalpha() for c in text) >= 2


def doc_type_of_line(line: Line) -> str | None:
    """Canonical type name when the line is a type line ("KẾ HOẠCH")."""
    return doc_type_of_text(line.text)


def doc_type_of_text(text: str) -> str | None:
    if not is_upper_line(text):
        return None
    key = fold(" ".join(text.split())).strip(" .:")
    return layout_vocab()["doc_type_lines"].get(key)


# ---------------------------------------------------------------- regions

def _find_type_line(lines: list[Line]) -> int | None:
    for i, line in enumerate(lines[:60]):
        if doc_type_of_line(line):
            return i
    return None


def _find_appendix(lines: list[Line], after: int) -> int | None:
    key = layout_vocab()["appendix_heading"]
    for i in range(after, len(lines)):
        text = fold(lines[i].text)
        if text.count(")") > text.count("("):
            continue  # "(chi tiết tại" / "Phụ lục kèm theo)": a bracket wrapped in the body
        if i > after and _ends_a_wrapped_sentence(lines[i - 1].text, lines[i].text):
            continue  # "… các nhiệm vụ được giao tại" / "Phụ lục.": the body's sentence goes on
        if text.startswith(key) and (is_upper_line(lines[i].text[:8]) or len(text) < 20
                                     or _NUMBERED_APPENDIX.match(text, len(key))):
            return i
    return None


def _ends_a_wrapped_sentence(previous: str, text: str) -> bool:
    previous = previous.rstrip()
    return bool(previous) and previous[-1].isalnum() and text.rstrip().endswith(".") \
        and not is_upper_line(text)


def _find_attached_note(lines: list[Line], after: int) -> int | None:
    """An appendix whose "PHỤ LỤC" heading could not be read (OCR of a landscape page gives
    "„TH LỤC"): its "(Kèm theo Kế hoạch số …)" line after the recipients, with the capitals
    title above it, opens it."""
    vocab = layout_vocab()
    recipients = _find_recipients(lines, after, len(lines))
    if recipients is None:
        return None
    for i in range(recipients + 1, len(lines)):
        if fold(lines[i].text).startswith(vocab["appendix_attached_note"]):
            return i - 1 if is_upper_line(lines[i - 1].text) else i
    return None


# "Phụ lục I: DANH MỤC NHIỆM VỤ": a numbered appendix heading, its title in capitals after it
_NUMBERED_APPENDIX = regex.compile(r"\s+(?:[ivxl]{1,4}|\d{1,2})\s*[:.\-–]")


def _find_recipients(lines: list[Line], after: int, before: int) -> int | None:
    key = layout_vocab()["recipients_heading"]
    for i in range(after, before):
        if fold(lines[i].text).startswith(key):
            return i
    return None


def signature_title(text: str) -> tuple[str | None, str | None, int] | None:
    """(signing_mode, title, offset) when the line opens a signature block: a signer's title in
    capitals ("PHÓ GIÁM ĐỐC"), a signing mode ("KT. GIÁM ĐỐC", "T/M ĐẢNG ỦY"), or both."""
    vocab = layout_vocab()
    folded = fold(text)
    mode, pos = None, 0
    for key, value in vocab["signing_modes"].items():
        idx = _word_find(folded, key)
        if idx is not None and is_upper_line(text[idx:]):
            mode, pos = value, idx
            break
    for key, value in vocab["signer_titles"].items():
        idx = _word_find(folded, key, pos)
        if idx is None or not is_upper_line(text[idx:idx + len(key)]):
            continue
        before = folded[:idx].strip()
        beside = text[:idx].endswith((_COLUMN_GAP, "\t"))  # "Nơi nhận:      GIÁM ĐỐC": two columns
        # "Nơi nhận: GIÁM ĐỐC": pdfplumber joins the two columns with one space
        after_heading = before == vocab["recipients_heading"] + ":"
        if mode is None and before and not before.endswith(";") and not beside and not after_heading:
            continue  # a title inside running text, not a signature line
        return mode, value, pos if mode else idx
    return (mode, None, pos) if mode else None


# Spaces between two columns printed on one line (the recipients beside the signature).
_COLUMN_GAP = "   "


def right_column(text: str) -> str:
    """The text after the last run of column-gap spaces or a tab (a Word line typed with a
    right tab stop), or the whole line."""
    at = max(text.rfind(_COLUMN_GAP), text.rfind("\t"))
    return text[at:].strip() if at >= 0 and text[at:].strip() else text


def _word_find(haystack: str, needle: str, start: int = 0) -> int | None:
    idx = haystack.find(needle, start)
    while idx >= 0:
        before = haystack[idx - 1] if idx else " "
        after = haystack[idx + len(needle)] if idx + len(needle) < len(haystack) else " "
        if not before.isalnum() and (not after.isalnum() or needle.endswith(".")):
            return idx
        idx = haystack.find(needle, idx + 1)
    return None


def _find_signature(lines: list[Line], start: int, end: int) -> int | None:
    """Last line in [start, end) holding a signer's title (the block sits at the end of the body)."""
    found = None
    for i in range(start, end):
        if signature_title(lines[i].text):
            found = i if found is None or i > found + 3 else found
    return found


_RULE_LINE = regex.compile(r"[-_*=.–—\s]{3,}")


def _title_end(lines: list[Line], start: int) -> int:
    """Index after the trích yếu: it ends at an empty paragraph, a heading, a capitals line, the
    short rule printed under it ("-----") or after five lines."""
    i = start
    while i < len(lines) and (i - start < 5 or (i - start < 8 and _goes_on(lines[i - 1].text, lines[i].text))):
        line = lines[i]
        if _RULE_LINE.fullmatch(line.text):
            break
        # a capitals line ends a title in lower case; a title in capitals goes on in capitals
        capitals_end = is_upper_line(line.text) and not is_upper_line(lines[start].text)
        # a title wraps mid-phrase: a line in lower case goes on with it past an empty line
        # ("… của Bộ Chính trị" / "về đột phá phát triển …")
        broken = line.break_before and not line.text[:1].islower()
        if i > start and (broken or heading_match(line.text) or capitals_end):
            break
        # words spread by justification ("Căn  cứ  Luật  Khoa  học") read as written
        words = " ".join(fold(line.text).split())
        if i > start and words.startswith(tuple(layout_vocab()["body_openers"])):
            break
        if i > start and _opens_with_issuer_cue(words, lines[i + 1].text if i + 1 < len(lines) else ""):
            break  # "Bệnh viện … xây dựng Kế hoạch … như sau:": the body's first sentence
        i += 1
    return i


def _opens_with_issuer_cue(words: str, next_line: str) -> bool:
    """The line holds a cue of the body's first sentence, or begins one that the next line
    finishes ("… Quảng Ngãi xây dựng Kế" / "hoạch triển khai …")."""
    joined = f"{words} {' '.join(fold(next_line).split())}"
    return any(0 <= joined.find(cue) < len(words) for cue in _issuer_cues())


@lru_cache(maxsize=1)
def _issuer_cues() -> tuple[str, ...]:
    return tuple(fold(c) for c in layout_vocab()["issuer_cues_after"])


def _goes_on(previous: str, text: str) -> bool:
    """A line that goes on the one above mid-phrase ("… giai đoạn 2026 -" / "2027, định hướng")."""
    return previous.rstrip().endswith(("-", ",")) or text[:1].islower()


# ---------------------------------------------------------------- blocks

def lines_to_blocks(lines: list[Line]) -> list[Block]:
    blocks: list[Block] = []
    for line in lines:
        head = heading_match(line.text)
        bullet = _BULLET.match(line.text)
        if head:
            blocks.append(Block("heading", [line], head[0], head[2]))
        elif bullet:
            blocks.append(Block("bullet", [line]))
        elif blocks and _continues(blocks[-1], line):
            blocks[-1].lines.append(line)
        else:
            blocks.append(Block("paragraph", [line]))
    return blocks


def _dangles(text: str) -> bool:
    """The line ends on a word no phrase ends on ("theo", "của", "tại"): the sentence goes on."""
    words = fold(text).split()
    return bool(words) and words[-1] in header_vocab()["dangling"] and \
        " ".join(words[-2:]) not in header_vocab()["dangling_phrase_ends"]


def _wants_a_number(text: str) -> bool:
    folded = fold(text)
    return any(folded.endswith(" " + w) for w in _words_before_a_number())


@lru_cache(maxsize=1)
def _words_before_a_number() -> tuple[str, ...]:
    return tuple(fold(w) for w in layout_vocab()["words_before_a_number"])


_OPENING_QUOTES = "“\"«‘"


def _continues(block: Block, line: Line) -> bool:
    """A wrapped line continues the block unless a paragraph break or a finished sentence
    followed by a capital letter says otherwise."""
    first = line.text[0]
    if first.islower():
        return True  # no paragraph opens in lower case, even after an empty line
    if line.break_before:
        return False
    if block.kind == "heading":
        # A heading wraps mid-phrase onto a lower-case line; a numbered item that is a whole
        # sentence may also wrap onto a number ("… theo Thông tư số" / "54/2017/TT-BYT …").
        # So may it onto a quoted name ("… hoàn thành khóa học" / "“Bình dân học vụ số” …").
        last = block.lines[-1].text.rstrip()
        if last.endswith(_SENTENCE_END) or heading_match(line.text) is not None:
            return False
        return (first.isdigit() and (len(last) > 60 or _wants_a_number(last))) \
            or (first in _OPENING_QUOTES and len(last) > 40) \
            or (len(last) > 60 and _dangles(last)) \
            or (len(last) > 60 and not is_upper_line(last) and line.text.rstrip().endswith(_SENTENCE_END)
                and len(line.text) < len(last))
        # "… đạt tối thiểu mức 6 theo" / "Thông tư số …"; "2.3. … của Bộ trưởng" / "Bộ Y tế trước
        # ngày 30/9/2026.": a sentence filling its line ends on the short line under it
    ended = block.lines[-1].text.rstrip().endswith(_SENTENCE_END)
    if first == "(" and ended:
        return False  # "(Chi tiết tại Phụ lục …)" after a finished sentence is a note of its own
    if not first.isalpha() and not first.isdigit():
        return True
    return not ended


# ---------------------------------------------------------------- sections

def section_kind(heading: str) -> str | None:
    folded = fold(heading)
    for kind, phrases in layout_vocab()["section_kinds"]:
        if any(p in folded for p in phrases):
            return kind
    return None


def _heading_title(block: Block) -> str:
    """A numbered paragraph "2. Phòng X: duties…" is headed by the part before the colon."""
    body = block.body
    colon = body.find(":")
    return body[:colon].strip() if 0 < colon <= 90 else body


def _section_path(stack: list[tuple[int, str, str]], block: Block) -> str:
    """"II.1.2" for "1.2." under "II."; an Arabic number already holds its Arabic parents."""
    number = block.number or ""
    if block.level == 1 or not stack:
        return number
    if 2 <= block.level <= 5:
        roman = next((p for lvl, p, _ in stack if lvl == 1), "")
        return f"{roman}.{number}" if roman else number
    return f"{stack[-1][1]}.{number}"


def blocks_to_sections(blocks: list[Block], preamble_kind: str = "other") -> list[Section]:
    sections: list[Section] = []
    stack: list[tuple[int, str, str]] = []  # (level, path, kind)
    current = Section("preamble", "", preamble_kind, 0)
    for block in blocks:
        if block.kind != "heading":
            current.blocks.append(block)
            continue
        if current.blocks:
            sections.append(current)
        while stack and stack[-1][0] >= block.level:
            stack.pop()
        parent_kind = stack[-1][2] if stack else None
        title = _heading_title(block)
        own = section_kind(title)
        # The items of a unit list or of a legal-basis list ("2. Kết luận số 21-KL/TU … nhiệm
        # vụ trọng tâm") keep their list's kind whatever words they hold.
        kind = parent_kind if parent_kind in ("organization", "legal_basis") else (own or parent_kind or "other")
        path = _section_path(stack, block)
        stack.append((block.level, path, kind))
        current = Section(path, title, kind, block.level, [block])
    if current.blocks:
        sections.append(current)
    return sections


# ---------------------------------------------------------------- layout

def _find_attached(lines: list[Line], recipients_idx: int | None, end: int) -> int | None:
    """Type line of a document issued by this one and printed after its signature (a Quyết
    định "ban hành kèm theo" a Kế hoạch): only looked for past the Nơi nhận."""
    if recipients_idx is None:
        return None
    for i in range(recipients_idx + 1, end):
        if doc_type_of_line(lines[i]):
            return i
    return None


def _attached_sections(lines: list[Line], start: int, end: int) -> list[Section]:
    """Numbered sections of the attached document, up to its own Nơi nhận or signature."""
    title_end = _title_end(lines, start + 1)
    recipients_idx = _find_recipients(lines, title_end, end)
    signature_idx = _find_signature(lines, recipients_idx if recipients_idx is not None
                                    else max(title_end, end - 25), end)
    tail = min(i for i in (recipients_idx, signature_idx, end) if i is not None)
    return blocks_to_sections(lines_to_blocks(lines[title_end:tail]))


def document_to_layout(doc: Document) -> Layout:
    lines = doc.lines
    type_idx = _find_type_line(lines)
    if type_idx is None:
        header_end, title_end = 0, 0
        type_line = None
    else:
        header_end, type_line = type_idx, lines[type_idx]
        title_end = _title_end(lines, type_idx + 1)
    appendix_idx = _find_appendix(lines, title_end)
    if appendix_idx is None:
        appendix_idx = _find_attached_note(lines, title_end)
    body_end = appendix_idx if appendix_idx is not None else len(lines)
    recipients_idx = _find_recipients(lines, title_end, body_end)
    attached_idx = _find_attached(lines, recipients_idx, body_end)
    own_end = attached_idx if attached_idx is not None else body_end
    signature_idx = _find_signature(lines, recipients_idx if recipients_idx is not None
                                    else max(title_end, own_end - 25), own_end)
    sig_end = own_end
    if signature_idx is None and recipients_idx is not None:
        # a web copy puts the signature right before "Nơi nhận:" instead of beside it
        signature_idx = _find_signature(lines, max(title_end, recipients_idx - 6), recipients_idx)
        sig_end = recipients_idx
    tail_start = min(i for i in (recipients_idx, signature_idx, own_end) if i is not None)
    blocks = lines_to_blocks(lines[title_end:tail_start])
    sections = blocks_to_sections(blocks)
    if attached_idx is not None:
        sections += _attached_sections(lines, attached_idx, body_end)
    tail = lines[tail_start:own_end]
    sig_lines = lines[signature_idx:sig_end] if signature_idx is not None else []
    recipient_lines = [ln for ln in tail if ln not in sig_lines]
    return Layout(
        header_lines=lines[:header_end],
        type_line=type_line,
        title_lines=lines[type_idx + 1:title_end] if type_idx is not None else [],
        sections=sections,
        recipient_lines=recipient_lines,
        signature_lines=sig_lines,
        appendix_lines=lines[appendix_idx:] if appendix_idx is not None else [],
    )
