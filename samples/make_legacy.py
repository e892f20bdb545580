"""Make legacy-font renditions: the Hoằng Hóa plan typed in VNI-Times, as offices still do.

From `samples/renditions/003_hoang_hoa.docx` this writes `samples/legacy/003_hoang_hoa_vni.docx`:
every text run re-typed in the VNI encoding (a base letter followed by its mark characters,
"Hoa8ng Ho1a" style bytes shown as Latin-1 letters) with its font set to "VNI-Times" — what a
document typed with the VNI keyboard driver holds — and, with LibreOffice, its PDF
`003_hoang_hoa_vni.pdf` (the font is substituted, the text layer holds the VNI characters).
Each gets the rendition's gold with its own `source_file` and `source_sha256`: a legacy-font
rendition must score as its Unicode twin.

    .venv/bin/python samples/make_legacy.py          # needs LibreOffice for the PDF
"""
from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from lxml import etree

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from make_scans import twin_gold  # noqa: E402
from normalize.legacy_vn import from_unicode  # noqa: E402

OUT = HERE / "legacy"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FONT = "VNI-Times"
PARTS = ("word/document.xml", "word/header", "word/footer")


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def part_to_vni(xml: bytes) -> bytes:
    root = etree.fromstring(xml)
    for run in root.iter(_w("r")):
        texts = list(run.iter(_w("t")))
        if not texts:
            continue
        rpr = run.find(_w("rPr"))
        if rpr is None:
            rpr = etree.SubElement(run, _w("rPr"))
            run.remove(rpr)
            run.insert(0, rpr)
        fonts = rpr.find(_w("rFonts"))
        if fonts is None:
            fonts = etree.SubElement(rpr, _w("rFonts"))
            rpr.remove(fonts)
            rpr.insert(0, fonts)
        for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
            fonts.set(_w(attr), FONT)
        for t in texts:
            t.text = from_unicode(t.text or "", "vni")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def docx_to_vni(data: bytes) -> bytes:
    src, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename.startswith(PARTS) and info.filename.endswith(".xml"):
                body = part_to_vni(body)
            info.date_time = (2026, 1, 1, 8, 0, 0)
            dst.writestr(info, body)
    return out.getvalue()


def to_pdf(docx: Path) -> Path | None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        print("LibreOffice not installed: PDF skipped")
        return None
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(docx.parent), str(docx)], check=True, capture_output=True, timeout=300)
    return docx.with_suffix(".pdf")


def write_gold(twin: str, produced: Path) -> Path:
    return twin_gold(twin, produced, f"VNI-Times rendition of renditions/{twin} (samples/make_legacy.py): same values.")


def main() -> int:
    OUT.mkdir(exist_ok=True)
    docx = OUT / "003_hoang_hoa_vni.docx"
    docx.write_bytes(docx_to_vni((HERE / "renditions" / "003_hoang_hoa.docx").read_bytes()))
    print(docx.relative_to(HERE), write_gold("003_hoang_hoa.docx", docx).name)
    pdf = to_pdf(docx)
    if pdf:
        print(pdf.relative_to(HERE), write_gold("003_hoang_hoa.pdf", pdf).name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
