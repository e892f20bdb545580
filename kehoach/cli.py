"""Command line: `kehoach extract`, `show`, `eval`, `compare`, `schema`.

Exit status: 0 all documents ok, 1 some documents failed (or eval under --min),
2 usage error (bad arguments, locked output folder, missing input).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from extract.model import ExtractionError
from schemas.tables import data_dictionary_markdown
from schemas.writer import SchemaVersionError

from .batch import BatchError, BatchOptions, BatchSummary, extract_paths
from .evaluate import evaluate, format_report
from .show import show

USAGE_ERROR = 2


def cmd_extract(args) -> int:
    options = BatchOptions(jobs=args.jobs, timeout_s=args.timeout, memory_mb=args.memory_mb or None,
                           max_bytes=args.max_bytes, force=args.force, prune=args.prune)
    summary = extract_paths(args.paths, Path(args.output), options)
    print(format_summary(summary, Path(args.output)))
    return summary.exit_code


def cmd_show(args) -> int:
    print(show(args.file))
    return 0


def cmd_eval(args) -> int:
    report = evaluate(Path(args.gold), Path(args.output))
    print(format_report(report, per_field=not args.tables_only))
    if args.verbose:
        print("\n".join(["", "Mismatches:"] + report.mismatches))
    low = [t for t in report.fields if report.table_counts(t).f1 < args.min]
    if low:
        print(f"Error: F1 under {args.min} for {', '.join(low)}", file=sys.stderr)
        return 1
    return 0


def cmd_compare(args) -> int:
    from .compare import compare  # pandas: loaded only by the commands that need it

    result = compare(Path(args.dir), province=args.province, year=args.year, indicator=args.indicator)
    print(result.format())
    if args.xlsx:
        from .report_xlsx import write_xlsx
        print(f"workbook: {write_xlsx(result, Path(args.xlsx))}")
    if args.html:
        from .report_html import write_html
        print(f"report: {write_html(result, Path(args.html))}")
    return 0


def cmd_schema(args) -> int:
    print(data_dictionary_markdown())
    return 0


def format_summary(summary: BatchSummary, out_dir: Path) -> str:
    lines = ["", f"{'documents':<22}{sum(summary.statuses.values()):>8}"]
    lines += [f"  {status:<20}{n:>8}" for status, n in sorted(summary.statuses.items())]
    lines += [f"    failed: {code:<12}{n:>6}" for code, n in sorted(summary.errors.items())]
    lines += ["", f"{'rows written':<22}"]
    lines += [f"  {table:<20}{n:>8}" for table, n in summary.rows.items()]
    lines += ["", f"wall time {summary.wall_s:.2f} s; tables in {out_dir}/"]
    for path, code, message in summary.failures[:20]:
        lines.append(f"  {path}: {code}: {message}")
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kehoach", description="Vietnamese plan documents → Parquet tables")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("extract", help="extract files, folders and globs into Parquet tables")
    p.add_argument("paths", nargs="+")
    p.add_argument("-o", "--output", required=True, help="output folder")
    p.add_argument("--jobs", type=int, default=BatchOptions.jobs, help="worker processes (0: in-process)")
    p.add_argument("--timeout", type=float, default=120.0, help="seconds per document")
    p.add_argument("--memory-mb", type=int, default=2048, help="memory cap per worker (0: none)")
    p.add_argument("--max-bytes", type=int, default=BatchOptions.max_bytes, help="largest file accepted")
    p.add_argument("--force", action="store_true", help="re-extract files already extracted")
    p.add_argument("--prune", action="store_true", help="drop rows of files no longer in the input")
    p.set_defaults(func=cmd_extract)
    p = sub.add_parser("show", help="print what was extracted from one document")
    p.add_argument("file")
    p.set_defaults(func=cmd_show)
    p = sub.add_parser("eval", help="field-level precision, recall and F1 against gold files")
    p.add_argument("--gold", required=True, help="folder of *.gold.json")
    p.add_argument("-o", "--output", required=True, help="folder of extracted tables")
    p.add_argument("--min", type=float, default=0.0, help="exit 1 when a table's F1 is lower")
    p.add_argument("--tables-only", action="store_true", help="one line per table")
    p.add_argument("-v", "--verbose", action="store_true", help="list every mismatch")
    p.set_defaults(func=cmd_eval)
    p = sub.add_parser("compare", help="compare targets across hospitals, indicator by indicator")
    p.add_argument("dir", nargs="?", default="outputs", help="folder of extracted tables (default: outputs)")
    p.add_argument("--province", help="only hospitals of this province (case and diacritics ignored)")
    p.add_argument("--year", type=int, help="only targets that count for this year")
    p.add_argument("--indicator", help="only this indicator code (see normalize/data/indicators.yaml)")
    p.add_argument("--xlsx", metavar="FILE", help="also write an Excel workbook")
    p.add_argument("--html", metavar="FILE", help="also write a self-contained HTML report")
    p.set_defaults(func=cmd_compare)
    p = sub.add_parser("schema", help="print the data dictionary (Markdown)")
    p.set_defaults(func=cmd_schema)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except ExtractionError as exc:
        print(f"Error: {exc.code}: {exc.message}", file=sys.stderr)
        return 1
    except (BatchError, SchemaVersionError) as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return USAGE_ERROR


if __name__ == "__main__":
    sys.exit(main())
