"""Batch extraction of files and folders into one output folder of Parquet tables.

Incremental: a file whose SHA-256 and parser version match the manifest is skipped (a renamed
file is recognised by its hash). Safe: a lock file keeps two runs apart; each table is replaced
atomically at the end; results are staged on disk as they arrive, so memory does not grow with
the batch and an interrupted run loses nothing that was written before it.
"""
from __future__ import annotations

import datetime as dt
import glob
import hashlib
import os
import shutil
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from schemas.tables import TABLES
from schemas.writer import read_table, rows_to_table, write_table

from .pipeline import PARSER_VERSION, DocumentResult, extract_file
from .progress import Progress
from .workers import Limits, run_pool

DOCUMENT_SUFFIXES = {".txt", ".text", ".md", ".pdf", ".docx", ".doc", ""}
CONTENT_TABLES = [t for t in TABLES if t != "manifest"]
STAGE_EVERY = 200  # results held in memory before they are staged to disk


class BatchError(Exception):
    """A usage problem: the output folder is locked, an input does not exist, …"""


@dataclass
class BatchOptions:
    jobs: int = os.cpu_count() or 1
    timeout_s: float = 120.0
    memory_mb: int | None = 2048
    max_bytes: int = 50 * 1024 * 1024
    force: bool = False
    prune: bool = False


@dataclass
class BatchSummary:
    statuses: Counter = field(default_factory=Counter)
    errors: Counter = field(default_factory=Counter)
    rows: dict[str, int] = field(default_factory=dict)
    wall_s: float = 0.0
    failures: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 1 if self.statuses.get("failed") else 0


# ------------------------------------------------------------------ inputs

def collect_inputs(paths: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """Files named, files under folders (recursive) and glob matches; what a folder holds that
    is not a document is returned as (path, reason)."""
    files: list[str] = []
    skipped: list[tuple[str, str]] = []
    for given in paths:
        matches = sorted(glob.glob(given, recursive=True)) if glob.has_magic(given) else [given]
        if not matches:
            raise BatchError(f"No file matches {given!r}.")
        for path in matches:
            if os.path.isdir(path):
                _walk(path, files, skipped)
            elif os.path.exists(path):
                files.append(path)
            else:
                raise BatchError(f"No such file or folder: {path}")
    return list(dict.fromkeys(files)), skipped


def _walk(folder: str, files: list[str], skipped: list[tuple[str, str]]) -> None:
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            path = os.path.join(root, name)
            suffix = Path(name).suffix.lower()
            if name.startswith(".") or name.lower().startswith("readme"):
                continue
            if suffix in DOCUMENT_SUFFIXES:
                files.append(path)
            else:
                skipped.append((path, f"not a document file ({suffix})"))


# ------------------------------------------------------------------ lock

class OutputLock:
    """One run per output folder: a second run refuses instead of corrupting the first."""

    def __init__(self, out_dir: Path):
        self.path = out_dir / ".kehoach.lock"

    def __enter__(self) -> "OutputLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for _ in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            except FileExistsError:
                if self._holder_alive():
                    raise BatchError(f"{self.path.parent} is in use by another kehoach run "
                                     f"(pid {self.path.read_text().strip()}); wait for it to finish.")
                self.path.unlink(missing_ok=True)  # left by a killed run
                continue
            with os.fdopen(fd, "w") as handle:
                handle.write(str(os.getpid()))
            return self
        raise BatchError(f"Cannot take the lock {self.path}.")

    def _holder_alive(self) -> bool:
        try:
            pid = int(self.path.read_text().strip() or 0)
            os.kill(pid, 0)
            return pid != os.getpid()
        except (ValueError, ProcessLookupError, FileNotFoundError):
            return False
        except PermissionError:
            return True

    def __exit__(self, *exc) -> None:
        self.path.unlink(missing_ok=True)


# ------------------------------------------------------------------ staging

class Stage:
    """Results staged as Parquet parts under <out>/.staging until the tables are rebuilt."""

    def __init__(self, out_dir: Path):
        self.dir = out_dir / ".staging"
        shutil.rmtree(self.dir, ignore_errors=True)
        self.dir.mkdir(parents=True)
        self.buffer: dict[str, list[dict]] = {t: [] for t in TABLES}
        self.parts = 0
        self.doc_ids: set[str] = set()

    def add(self, result: DocumentResult, manifest_row: dict) -> None:
        for table, rows in result.tables.items():
            self.buffer[table].extend(rows)
        if result.doc_id and result.status != "failed":
            self.doc_ids.add(result.doc_id)
        self.buffer["manifest"].append(manifest_row)
        if len(self.buffer["manifest"]) >= STAGE_EVERY:
            self.flush()

    def flush(self) -> None:
        for table, rows in self.buffer.items():
            if rows:
                pq.write_table(rows_to_table(table, rows), self.dir / f"{table}.{self.parts:05d}.parquet")
        self.buffer = {t: [] for t in TABLES}
        self.parts += 1

    def read(self, table: str) -> pa.Table:
        parts = sorted(self.dir.glob(f"{table}.*.parquet"))
        if not parts:
            return rows_to_table(table, [])
        return pa.concat_tables([pq.read_table(p) for p in parts]).cast(rows_to_table(table, []).schema)

    def cleanup(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)


# ------------------------------------------------------------------ run

def manifest_row(result: DocumentResult, processed_at: dt.datetime) -> dict:
    return dict(source_path=result.source_path, source_sha256=result.source_sha256,
                doc_id=result.doc_id, size_bytes=result.size_bytes, status=result.status,
                error_code=result.error_code, error_message=result.error_message,
                duration_ms=result.duration_ms, pages=result.pages,
                parser_version=PARSER_VERSION, processed_at=processed_at)


def _file_sha(path: str) -> str | None:
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


def _previous(out_dir: Path) -> dict[str, dict]:
    """Manifest rows of documents already extracted by this parser version, by SHA-256."""
    table = read_table("manifest", out_dir)
    if table is None:
        return {}
    return {r["source_sha256"]: r for r in table.to_pylist()
            if r["source_sha256"] and r["status"] in ("ok", "partial", "skipped")
            and r["parser_version"] == PARSER_VERSION}


def _plan(files: list[str], previous: dict[str, dict], options: BatchOptions):
    """Split the inputs into files to extract and rows carried over unchanged."""
    todo, carried = [], []
    now = dt.datetime.now(dt.timezone.utc)
    for path in files:
        size = os.path.getsize(path) if os.path.exists(path) else 0
        if size > options.max_bytes:
            carried.append(manifest_row(DocumentResult(
                path, None, None, size, "failed", "too_large",
                f"The file has {size} bytes; the limit is {options.max_bytes} (--max-bytes)."), now))
            continue
        sha = None if options.force else _file_sha(path)
        old = previous.get(sha) if sha else None
        if old is None:
            todo.append(path)
            continue
        carried.append(dict(old, source_path=path, status="skipped",
                            error_message=f"unchanged since {old['processed_at']:%Y-%m-%d %H:%M} "
                                          f"(status then: {old['status'] if old['status'] != 'skipped' else 'ok'})"))
    return todo, carried


def extract_paths(paths: list[str], out_dir: Path, options: BatchOptions,
                  progress: Progress | None = None) -> BatchSummary:
    started = time.monotonic()
    files, not_documents = collect_inputs(paths)
    with OutputLock(out_dir):
        todo, carried = _plan(files, _previous(out_dir), options)
        stage = Stage(out_dir)
        summary = BatchSummary()
        now = dt.datetime.now(dt.timezone.utc)
        for path, reason in not_documents:
            carried.append(manifest_row(DocumentResult(path, None, None, os.path.getsize(path),
                                                       "skipped", "unsupported_format", reason), now))
        progress = progress or Progress(len(todo))
        for result in _results(todo, options):
            stage.add(result, manifest_row(result, dt.datetime.now(dt.timezone.utc)))
            progress.advance(failed=result.status == "failed")
            _count(summary, result)
        stage.flush()
        progress.close()
        for row in carried:
            summary.statuses[row["status"]] += 1
            if row["status"] == "failed":
                summary.errors[row["error_code"]] += 1
                summary.failures.append((row["source_path"], row["error_code"], row["error_message"]))
        summary.rows = _rebuild_tables(out_dir, stage, carried, files, options.prune)
        stage.cleanup()
    summary.wall_s = time.monotonic() - started
    return summary


def _results(todo: list[str], options: BatchOptions):
    if options.jobs <= 0:  # in-process: for debugging and for engines that bring their own pool
        yield from (extract_file(p) for p in todo)
        return
    yield from run_pool(todo, options.jobs, Limits(options.timeout_s, options.memory_mb))


def _count(summary: BatchSummary, result: DocumentResult) -> None:
    summary.statuses[result.status] += 1
    if result.status == "failed":
        summary.errors[result.error_code] += 1
        summary.failures.append((result.source_path, result.error_code, result.error_message))


def _rebuild_tables(out_dir: Path, stage: Stage, carried: list[dict], files: list[str],
                    prune: bool) -> dict[str, int]:
    """Old rows minus the documents re-extracted (and, with --prune, minus vanished files),
    plus the new rows; each table replaced atomically."""
    new_manifest = stage.read("manifest")
    manifest = pa.concat_tables([new_manifest, rows_to_table("manifest", carried)])
    old_manifest = read_table("manifest", out_dir)
    seen = set(files) | {r for r in manifest.column("source_path").to_pylist()}
    if old_manifest is not None and not prune:
        kept = old_manifest.filter(pc.invert(pc.is_in(old_manifest["source_path"], pa.array(sorted(seen)))))
        manifest = pa.concat_tables([kept, manifest])
    keep_ids = set(manifest.column("doc_id").drop_null().to_pylist())
    counts = {}
    for table in CONTENT_TABLES:
        old = read_table(table, out_dir)
        parts = [stage.read(table)]
        if old is not None:
            drop = pc.is_in(old["doc_id"], pa.array(sorted(stage.doc_ids), pa.string()))
            kept = old.filter(pc.invert(drop))
            if prune:
                kept = kept.filter(pc.is_in(kept["doc_id"], pa.array(sorted(keep_ids), pa.string())))
            parts.insert(0, kept)
        merged = pa.concat_tables(parts)
        merged = merged.sort_by([("doc_id", "ascending")]) if merged.num_rows else merged
        write_table(table, merged, out_dir)
        counts[table] = merged.num_rows
    manifest = manifest.sort_by([("source_path", "ascending")])
    write_table("manifest", manifest, out_dir)
    counts["manifest"] = manifest.num_rows
    return counts
