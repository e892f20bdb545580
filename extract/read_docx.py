"""DOCX reader: body paragraphs and tables in document order → lines of the document text.

This is the plain version: table cells are written row by row, each cell's paragraphs on
their own lines, so the flattened-table parser reads them like a text export.
"""
from __future__ import annotations

import hashlib
import io

from normalize.text import normalize_text

from .model import Document, ExtractionError
from .read_text import normalized_to_view, view_to_lines


def _body_lines(document) -> list[str]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    lines: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                seen = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a horizontally merged cell repeats
                        continue
                    seen.add(id(cell._tc))
                    lines.extend(p.text for p in cell.paragraphs)
    return lines


def read_docx_document(data: bytes, source_path: str) -> Document:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise ExtractionError("unsupported_format", f"The Word document cannot be opened: {exc}.") from exc
    text = normalize_text("\n".join(_body_lines(document)))
    lines, pages = view_to_lines(normalized_to_view(text))
    if not lines:
        raise ExtractionError("empty", "The Word document holds no text.")
    sha = hashlib.sha256(data).hexdigest()
    return Document(doc_id=sha[:16], source_path=source_path, source_sha256=sha, source_format="docx",
                    text=text, lines=lines, page_count=pages)
