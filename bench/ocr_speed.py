"""OCR throughput, whole process: `kehoach extract` on a 10-page scan (the first pages of
samples/scans/000_than_uyen_long_scan.pdf: prose, the header, the signature and appendix
table pages), with 1 and with 2 pages OCR'd at once (KEHOACH_OCR_JOBS). Prints pages/s and
wall time, and writes bench/ocr_speed.json.

    .venv/bin/python bench/ocr_speed.py [--pages 10]
"""
from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCAN = ROOT / "samples" / "scans" / "000_than_uyen_long_scan.pdf"


def first_pages(data: bytes, n: int) -> bytes:
    import pypdfium2 as pdfium

    src, out = pdfium.PdfDocument(data), pdfium.PdfDocument.new()
    out.import_pages(src, list(range(min(n, len(src)))))
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()


def run_extract(pdf: Path, out: Path, ocr_jobs: int) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB, from /usr/bin/time when present) of one CLI run."""
    cmd = [str(ROOT / ".venv" / "bin" / "kehoach"), "extract", str(pdf), "-o", str(out), "--jobs", "1", "--force"]
    env = dict(os.environ, KEHOACH_OCR_JOBS=str(ocr_jobs))
    timed = ["/usr/bin/time", "-f", "%M"] + cmd if Path("/usr/bin/time").exists() else cmd
    t0 = time.perf_counter()
    proc = subprocess.run(timed, capture_output=True, text=True, env=env, check=True)
    seconds = time.perf_counter() - t0
    rss = int(proc.stderr.strip().splitlines()[-1]) if timed is not cmd else 0
    return seconds, rss


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=10)
    ap.add_argument("--results", type=Path, help="append a section to this RESULTS.md")
    args = ap.parse_args()
    result = {"date": dt.date.today().isoformat(), "pages": args.pages,
              "machine": f"{platform.machine()} {platform.system()}, {os.cpu_count()} cores", "runs": []}
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "scan10.pdf"
        pdf.write_bytes(first_pages(SCAN.read_bytes(), args.pages))
        for jobs in (1, 2):
            seconds, rss = run_extract(pdf, Path(tmp) / f"out{jobs}", jobs)
            run = {"ocr_jobs": jobs, "seconds": round(seconds, 1), "pages_per_s": round(args.pages / seconds, 3),
                   "peak_rss_mb": round(rss / 1024)}
            result["runs"].append(run)
            print(f"ocr jobs={jobs}: {args.pages} pages extracted in {seconds:.1f} s "
                  f"= {run['pages_per_s']:.2f} pages/s, peak RSS {run['peak_rss_mb']} MB")
    (ROOT / "bench" / "ocr_speed.json").write_text(json.dumps(result, indent=2) + "\n")
    if args.results:
        runs = "; ".join(f"{r['ocr_jobs']} page(s) at a time {r['seconds']} s ({r['pages_per_s']} pages/s, "
                         f"peak RSS {r['peak_rss_mb']} MB)" for r in result["runs"])
        with args.results.open("a", encoding="utf-8") as out:
            out.write(f"\n## OCR (`bench/ocr_speed.py`, {result['date']})\n\n`kehoach extract` on a "
                      f"{args.pages}-page scan (first pages of `samples/scans/000_than_uyen_long_scan.pdf`), "
                      f"whole process: {runs}. Target: under 30 s.\n")


if __name__ == "__main__":
    sys.exit(main())
