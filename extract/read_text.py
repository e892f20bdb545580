"""Plain-text reader: bytes → decoded, normalized Document with physical lines and pages.

Chain: bytes_to_str → str_to_normalized (NFC, look-alikes) → normalized_to_view (markup
blanked, same length) → view_to_lines (offsets, pages, paragraph breaks).
"""
from __future__ import annotations

import codecs
import hashlib

import regex

from normalize.text import normalize_text

from .model import Document, ExtractionError, Line

# Bytes that never occur in a text document; a few are tolerated (stray form feeds are pages).
_CONTROL = regex.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_PAGE_NUMBER = regex.compile(r"^\s*-?\s*(\d{1,3})\s*-?\s*$")
# Web copies carry markdown and the cell bars of the header table; blank them (same length).
_MARKUP = regex.compile(r"\*\*|__|^\s*#{1,6}(?=\s)|^\s*>|\|", regex.M)


def bytes_to_str(data: bytes) -> tuple[str, str]:
    """Decode with the encoding the bytes declare or fit; returns (text, encoding)."""
    if not data:
        raise ExtractionError("empty", "The file is empty (0 bytes).")
    if data.startswith(codecs.BOM_UTF8):
        return _decode(data[len(codecs.BOM_UTF8):], "utf-8"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode(data, "utf-16"), "utf-16"
    if b"\x00" in data[:4096]:
        raise ExtractionError("unsupported_format",
                              "The file contains NUL bytes: it is binary, not a text document.")
    try:
        return _reject_binary(data.decode("utf-8"), "utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Windows-1258 is the legacy Vietnamese code page; it leaves a few bytes undefined.
    return _decode(data, "cp1258"), "cp1258"


def _decode(data: bytes, encoding: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ExtractionError(
            "undecodable",
            f"The text is neither UTF-8, UTF-16 nor Windows-1258 (byte {exc.start} does not decode).",
        ) from exc
    return _reject_binary(text, encoding)


def _reject_binary(text: str, encoding: str) -> str:
    controls = len(_CONTROL.findall(text))
    if controls > max(8, len(text) // 200):
        raise ExtractionError("undecodable",
                              f"The text decodes as {encoding} but holds {controls} control characters: "
                              "it is binary or in an unknown encoding.")
    return text


def normalized_to_view(text: str) -> str:
    """Blank markdown and table bars so parsers see words only; offsets stay valid."""
    return _MARKUP.sub(lambda m: " " * len(m.group(0)), text)


def _layout_blank_lines(raw_lines: list[str]) -> bool:
    """True when the extractor put an empty line after every physical line (the seeds do):
    then only a line holding spaces marks a real empty paragraph."""
    empty = sum(1 for ln in raw_lines if ln == "")
    filled = sum(1 for ln in raw_lines if ln.strip())
    return filled > 0 and empty >= 0.6 * filled


def view_to_lines(view: str) -> tuple[list[Line], int]:
    """Physical lines with offsets and pages; printed page numbers are dropped."""
    raw = view.split("\n")
    layout_blanks = _layout_blank_lines(raw)
    lines: list[Line] = []
    page, offset, pending_break = 1, 0, False
    for i, raw_line in enumerate(raw):
        line_start = offset
        offset += len(raw_line) + 1
        for k, chunk in enumerate(raw_line.split("\f")):
            if k:
                page += 1
                pending_break = True
            chunk_start = line_start + sum(len(c) + 1 for c in raw_line.split("\f")[:k])
            stripped = chunk.strip()
            if not stripped:
                if chunk or not layout_blanks:
                    pending_break = True
                continue
            if _is_page_number(stripped, page, raw, i, layout_blanks):
                page += 1
                pending_break = True
                continue
            lead = len(chunk) - len(chunk.lstrip())
            start = chunk_start + lead
            lines.append(Line(stripped, start, start + len(stripped), page, pending_break))
            pending_break = False
    return lines, page


def _is_page_number(stripped: str, page: int, raw: list[str], i: int, layout_blanks: bool) -> bool:
    """A lone number equal to the next page, followed by an empty paragraph, is a page number
    (Nghị định 30 prints them at the top of every page but the first)."""
    m = _PAGE_NUMBER.match(stripped)
    if not m or int(m.group(1)) != page + 1:
        return False
    following = raw[i + 1:i + 4]
    if layout_blanks:
        return any(ln and not ln.strip() for ln in following)
    return bool(following) and not following[0].strip()


def read_text_document(data: bytes, source_path: str) -> Document:
    decoded, encoding = bytes_to_str(data)
    text = normalize_text(decoded)
    lines, pages = view_to_lines(normalized_to_view(text))
    if not lines:
        raise ExtractionError("empty", "The file holds only white space.")
    sha = hashlib.sha256(data).hexdigest()
    warnings = [] if encoding.startswith("utf") else [f"decoded as {encoding}"]
    return Document(doc_id=sha[:16], source_path=source_path, source_sha256=sha,
                    source_format="text", text=text, lines=lines, page_count=pages,
                    warnings=warnings)
