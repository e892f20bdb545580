"""Make image-only "scans" of the PDF renditions, the way a signed paper plan reaches analysts.

For each `samples/renditions/<name>.pdf` this writes `samples/scans/<name>_scan.pdf`: every
page rendered to grey pixels at 200 dpi (a copier's grey scan mode), turned by a small angle
(a sheet fed slightly askew), with grey noise and dust specks, stored as JPEG images in a PDF
with no text layer at all —
and `samples/gold/<name>_scan.pdf.gold.json`: the rendition's gold with the scan's own
`source_file` and `source_sha256` (values unchanged: OCR must read what was printed).

The noise is seeded, so the output is reproducible for the same Pillow and pypdfium2;
the produced files are committed and tests need neither this script nor its inputs' tools:

    .venv/bin/python samples/make_scans.py
"""
from __future__ import annotations

import argparse
import hashlib
import io
import json
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image

HERE = Path(__file__).resolve().parent
SCANS = HERE / "scans"
GOLD = HERE / "gold"
NAMES = ("003_hoang_hoa", "000_than_uyen", "000_than_uyen_long")
# PDFs LibreOffice made from Word files (real_tools/), scanned the same way: OCR of a plan
# written by someone else than the seeds' authors
REAL_TOOLS_NAMES = ("syn60_pdfplumber_bv_quan_y",)
DEFAULT_DPI = 200
DEFAULT_ANGLE = 0.6     # degrees, counter-clockwise
DEFAULT_NOISE = 6.0     # standard deviation of the grey noise
DEFAULT_SPECKS = 0.001  # share of pixels turned black or white
JPEG_QUALITY = 40


def page_to_scan(page, rng, dpi: int, angle: float, noise: float, specks: float) -> Image.Image:
    img = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    img = img.rotate(angle, resample=Image.BICUBIC, fillcolor=255)
    arr = np.asarray(img).astype(np.int16) + rng.normal(0, noise, img.size[::-1]).astype(np.int16)
    dust = rng.random(arr.shape)
    arr[dust < specks / 2] = 0
    arr[dust > 1 - specks / 2] = 255
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))


def pdf_to_scan(pdf_bytes: bytes, seed: int, dpi: int = DEFAULT_DPI, angle: float = DEFAULT_ANGLE,
                noise: float = DEFAULT_NOISE, specks: float = DEFAULT_SPECKS) -> bytes:
    rng = np.random.default_rng(seed)
    pdf = pdfium.PdfDocument(pdf_bytes)
    try:
        images = [page_to_scan(pdf[i], rng, dpi, angle, noise, specks) for i in range(len(pdf))]
    finally:
        pdf.close()
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=dpi,
                   quality=JPEG_QUALITY)
    return out.getvalue()


def twin_gold(twin: str, produced: Path, note: str) -> Path:
    """The gold of `twin` (a gold file's name without .gold.json) for another rendition of the
    same document: same values, the produced file's own path and SHA-256, and a note."""
    gold = json.loads((GOLD / f"{twin}.gold.json").read_text("utf-8"))
    gold["source_file"] = f"{produced.parent.name}/{produced.name}"
    gold["source_sha256"] = hashlib.sha256(produced.read_bytes()).hexdigest()
    notes = gold.get("notes") or []
    gold["notes"] = ([notes] if isinstance(notes, str) else list(notes)) + [note]
    path = GOLD / f"{produced.name}.gold.json"
    path.write_text(json.dumps(gold, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return path


def write_gold(name: str, scan: Path, folder: str = "renditions") -> Path:
    return twin_gold(f"{name}.pdf", scan, f"Image-only scan of {folder}/{name}.pdf made by samples/make_scans.py "
                                          f"({DEFAULT_DPI} dpi, {DEFAULT_ANGLE}° askew, noise, dust): same values.")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("names", nargs="*", default=list(NAMES + REAL_TOOLS_NAMES))
    args = ap.parse_args(argv)
    SCANS.mkdir(exist_ok=True)
    every = NAMES + REAL_TOOLS_NAMES
    for name in args.names:
        seed = every.index(name) + 1 if name in every else len(every) + 1  # the same noise per name
        folder = "real_tools" if name in REAL_TOOLS_NAMES else "renditions"
        scan = SCANS / f"{name}_scan.pdf"
        scan.write_bytes(pdf_to_scan((HERE / folder / f"{name}.pdf").read_bytes(), seed))
        print(f"{scan.relative_to(HERE)}: {scan.stat().st_size // 1024} KiB; gold {write_gold(name, scan, folder).name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
