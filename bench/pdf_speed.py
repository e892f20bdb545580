"""PDF reader speed: the whole pipeline (kehoach.pipeline.extract_file) against the baseline of
pdfplumber `extract_text()` + `extract_tables()` on every page, on the sample PDFs, in one run.

    .venv/bin/python bench/pdf_speed.py [--min-seconds 2]

Each side runs over the sample PDFs repeatedly until it has done at least --min-seconds of work;
the figure is seconds per document (mean over all documents and rounds). Prints the ratio.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def baseline(path: Path) -> int:
    import pdfplumber
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()
        return len(pdf.pages)


def pipeline(path: Path) -> int:
    from kehoach.pipeline import extract_file
    result = extract_file(str(path))
    if result.status == "failed":
        raise SystemExit(f"{path.name}: {result.error_code} {result.error_message}")
    return result.pages or 0


def measure(fn, files: list[Path], min_seconds: float) -> tuple[float, int, int]:
    fn(files[0])  # imports and first-call caches are not per-document costs
    docs = pages = 0
    started = time.perf_counter()
    while time.perf_counter() - started < min_seconds:
        for path in files:
            pages += fn(path)
            docs += 1
    return time.perf_counter() - started, docs, pages


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--min-seconds", type=float, default=2.0)
    parser.add_argument("--results", type=Path, help="append a section to this RESULTS.md")
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args()
    files = args.files or sorted((ROOT / "samples" / "renditions").glob("*.pdf"))
    if not files:
        raise SystemExit("no PDFs: build samples/renditions first or pass files")
    print(f"{len(files)} PDFs: {', '.join(p.name for p in files)}")
    rows, lines = {}, []
    for name, fn in (("baseline (pdfplumber text+tables, every page)", baseline),
                     ("pipeline (extract_file)", pipeline)):
        wall, docs, pages = measure(fn, files, args.min_seconds)
        rows[name] = wall / docs
        lines.append(f"| {name} | {1000 * wall / docs:.1f} | {pages / wall:.1f} |")
        print(f"{name:48s} {wall:6.2f} s  {docs:4d} docs  {pages:5d} pages  "
              f"{1000 * wall / docs:7.1f} ms/doc  {pages / wall:7.1f} pages/s")
    base, ours = rows.values()
    print(f"speed ratio (baseline / pipeline, per document): {base / ours:.1f}x  (target >= 5x)")
    if args.results:
        append_section(args.results, files, lines, base / ours)


def append_section(results: Path, files: list[Path], lines: list[str], ratio: float) -> None:
    import datetime as dt

    section = [
        "", f"## PDF per document, in process (`bench/pdf_speed.py`, {dt.date.today()})", "",
        "Seconds per document of the whole pipeline (`extract_file`) against pdfplumber `extract_text()` + "
        f"`extract_tables()` on every page, on {', '.join(p.name for p in files)}, in one run:", "",
        "| side | ms/doc | pages/s |", "|---|---|---|", *lines, "",
        f"Ratio **{ratio:.1f}×** faster (target ≥ 5×).", ""]
    with results.open("a", encoding="utf-8") as out:
        out.write("\n".join(section))


if __name__ == "__main__":
    main()
