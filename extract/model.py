"""The document model every stage shares: one normalized text, its physical lines, and spans.

Every offset anywhere in kehoach points into `Document.text` (NFC, look-alikes repaired), which is
stored with the output so a reviewer can always find the source of a row.
"""
from __future__ import annotations

from dataclasses import dataclass, field


class ExtractionError(Exception):
    """A document that cannot be read; `code` is one of schemas.tables.ERROR_CODES."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Line:
    """One physical line as printed: white space at both ends is outside [start, end)."""

    text: str
    start: int
    end: int
    page: int
    # A paragraph break precedes this line (an empty paragraph in the source).
    break_before: bool = False

    @property
    def stripped(self) -> str:
        return self.text


@dataclass(frozen=True)
class Span:
    """A piece of the document: offsets into Document.text and the page it starts on."""

    start: int
    end: int
    page: int
    page_end: int | None = None


@dataclass(frozen=True)
class GridCell:
    """One cell of a table read from layout (PDF ruling lines, DOCX table XML).

    `text` keeps the cell's printed lines separated by "\n"; [start, end) is where that text
    stands in Document.text (readers write every cell into the document text, row by row).
    """

    text: str
    start: int
    end: int
    page: int


@dataclass
class GridTable:
    """One logical table: fragments on consecutive pages already stitched by the reader.

    `rows[r][c]` is None where a merged cell covers the position (the text is in the cell at
    the merge's top-left); a row cut by a page break may still arrive as two rows, the second
    with an empty first (TT) cell: extract.table_grids merges those.
    """

    rows: list[list[GridCell | None]]
    page_start: int
    page_end: int


@dataclass(frozen=True)
class PageSource:
    """Where one page's text came from: the file's own text, a legacy-font text layer converted
    to Unicode (TCVN3, VNI, VISCII), or OCR of the rendered page (a scan, a garbled layer)."""

    page: int
    text_source: str               # text_layer | legacy_converted | ocr
    confidence: float              # 0..1: Vietnamese score of the text, or OCR word confidence/100
    chars: int                     # non-space characters taken from the page
    ocr_mean_conf: float | None = None
    encoding: str | None = None    # tcvn3 | vni | viscii for legacy_converted
    warnings: tuple[str, ...] = ()
    raw_text: str | None = None    # an OCR'd page as Tesseract read it, before any repair


@dataclass
class Document:
    doc_id: str
    source_path: str
    source_sha256: str
    source_format: str
    text: str
    lines: list[Line]
    page_count: int
    warnings: list[str] = field(default_factory=list)
    tables: list[GridTable] = field(default_factory=list)
    pages: list[PageSource] = field(default_factory=list)  # filled by readers that know pages
    # Spans of text printed for the page, not the document (page numbers), left out of lines.
    furniture: list[tuple[int, int]] = field(default_factory=list)

    def without_furniture(self, view: str) -> str:
        """view (a same-length view of text) with the page furniture blanked: "57-", page
        number "2", "NQ/TW" is one citation wrapped over a page break, not "2-NQ/TW"."""
        for a, b in self.furniture:
            view = view[:a] + " " * (b - a) + view[b:]
        return view

    def page_at(self, offset: int) -> int:
        """Page of the line containing (or following) `offset`."""
        page = 1
        for line in self.lines:
            if line.start > offset:
                break
            page = line.page
        return page

    def page_sources(self, text_source: str = "text_layer", encoding: str | None = None,
                     score=lambda text: 1.0) -> list[PageSource]:
        """One PageSource per page for readers that decide for the whole file (text, DOCX):
        `score` rates a page's text (0..1)."""
        return [PageSource(n, text_source, score(t), len("".join(t.split())), encoding=encoding)
                for n, t in self.page_texts()]

    def page_texts(self) -> list[tuple[int, str]]:
        """(page, its lines joined) for every page."""
        texts: list[list[str]] = [[] for _ in range(max(1, self.page_count))]
        for line in self.lines:
            if 1 <= line.page <= len(texts):
                texts[line.page - 1].append(line.text)
        return [(n, "\n".join(t)) for n, t in enumerate(texts, start=1)]

    def lines_between(self, start: int, end: int) -> list[Line]:
        return [ln for ln in self.lines if ln.start >= start and ln.end <= end]
