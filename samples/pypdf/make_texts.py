"""Flatten every PDF of ../real_tools and ../renditions with pypdf's `extract_text()` (the text
layer in drawing order, as the seeds were flattened) and give each text its PDF's gold,
re-hashed. Run from the repository: `.venv/bin/python samples/pypdf/make_texts.py`
(pypdf is one of kehoach's dependencies).
"""
import hashlib
import json
from pathlib import Path

import pypdf

SAMPLES = Path(__file__).resolve().parent.parent


def pdf_to_text(pdf: Path) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(str(pdf)).pages)


def main() -> None:
    for pdf in sorted((SAMPLES / "real_tools").glob("*.pdf")) + sorted((SAMPLES / "renditions").glob("*.pdf")):
        out = SAMPLES / "pypdf" / f"{pdf.stem}_pypdf.txt"
        out.write_text(pdf_to_text(pdf), encoding="utf-8")
        gold = json.loads((SAMPLES / "gold" / f"{pdf.name}.gold.json").read_text(encoding="utf-8"))
        gold["source_file"] = out.name
        gold["source_sha256"] = hashlib.sha256(out.read_bytes()).hexdigest()
        target = SAMPLES / "gold" / f"{out.name}.gold.json"
        target.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(out.relative_to(SAMPLES))


if __name__ == "__main__":
    main()
