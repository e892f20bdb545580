"""Choose a reader by content (magic bytes), not by the file name."""
from __future__ import annotations

import io
import zipfile

from .model import Document, ExtractionError
from .read_text import read_text_document

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc / .xls container


def sniff_format(data: bytes) -> str:
    head = data[:8]
    if head.startswith(b"%PDF-") or b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(_OLE):
        return "ole"
    return "text"


def read_document(data: bytes, source_path: str) -> Document:
    kind = sniff_format(data) if data else "text"
    if kind == "pdf":
        from .read_pdf import read_pdf_document
        return read_pdf_document(data, source_path)
    if kind == "zip":
        return _read_zip(data, source_path)
    if kind == "ole":
        raise ExtractionError("unsupported_format",
                              "A legacy Word .doc (OLE container): convert it to .docx or PDF first "
                              "(libreoffice --headless --convert-to docx FILE).")
    return read_text_document(data, source_path)


def _read_zip(data: bytes, source_path: str) -> Document:
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except zipfile.BadZipFile as exc:
        raise ExtractionError("unsupported_format", f"A damaged ZIP archive: {exc}.") from exc
    if "word/document.xml" not in names:
        raise ExtractionError("unsupported_format",
                              "A ZIP archive that is not a Word document (no word/document.xml).")
    from .read_docx import read_docx_document
    return read_docx_document(data, source_path)
