"""PDF reader: pages → lines of the document text, with the reader's errors mapped to codes.

This is the plain version: one text stream per page from pdfplumber, pages separated by form
feeds, so the text pipeline (structure, flattened tables) applies unchanged.
"""
from __future__ import annotations

import hashlib
import io

from normalize.text import normalize_text

from .model import Document, ExtractionError
from .read_text import normalized_to_view, view_to_lines

MAX_PAGES = 500
# A page with fewer printable characters than this carries no usable text layer.
MIN_CHARS_PER_PAGE = 20


def _open(data: bytes):
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.psparser import PSException

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        _ = pdf.pages  # forces the page tree: a broken file fails here
        return pdf
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise ExtractionError("encrypted", "The PDF is password-protected; kehoach cannot open it.") from exc
    except (PSException, Exception) as exc:  # pdfminer raises many types for broken files
        if "password" in str(exc).lower() or "encrypt" in str(exc).lower():
            raise ExtractionError("encrypted", "The PDF is password-protected; kehoach cannot open it.") from exc
        raise ExtractionError("corrupt_pdf", f"The PDF cannot be parsed: {type(exc).__name__}: {exc}".rstrip(": ")) from exc


def pdf_to_page_texts(data: bytes, max_pages: int = MAX_PAGES) -> list[str]:
    pdf = _open(data)
    try:
        if len(pdf.pages) > max_pages:
            raise ExtractionError("too_large", f"The PDF has {len(pdf.pages)} pages; the limit is {max_pages}.")
        try:
            return [page.extract_text() or "" for page in pdf.pages]
        except ExtractionError:
            raise
        except Exception as exc:
            raise ExtractionError("corrupt_pdf", f"A page of the PDF cannot be read: {type(exc).__name__}: {exc}") from exc
    finally:
        pdf.close()


def read_pdf_document(data: bytes, source_path: str) -> Document:
    pages = pdf_to_page_texts(data)
    with_text = sum(1 for p in pages if len(p.strip()) >= MIN_CHARS_PER_PAGE)
    if not pages or with_text < max(1, len(pages) // 2):
        raise ExtractionError("no_text_layer",
                              f"{len(pages) - with_text} of {len(pages)} pages carry no text layer "
                              "(a scan?): OCR is not available yet.")
    text = normalize_text("\f".join(pages))
    lines, _ = view_to_lines(normalized_to_view(text))
    sha = hashlib.sha256(data).hexdigest()
    return Document(doc_id=sha[:16], source_path=source_path, source_sha256=sha, source_format="pdf",
                    text=text, lines=lines, page_count=len(pages))
