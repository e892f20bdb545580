"""Batch extraction of files and folders into one output folder of Parquet tables.

Incremental: a file whose SHA-256 and parser version match the manifest is skipped (a renamed
file is recognised by its hash). Safe: a lock file keeps two runs apart; each table is replaced
atomically at the end; results are staged on disk as they arrive, so memory does not grow with
the batch and an interrupted run loses nothing that was written before it.
"""
from __future__ import annotations

import datetime as dt
import fcntl
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
STAGE_EVERY = 50  # results held in memory before they are staged to disk (bounds the parent)


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
    """One run per output folder: a second run refuses instead of corrupting the first.

    A POSIX record lock (lockf) rather than "the file exists": the kernel drops it when the
    holder dies, even by kill -9, so a stale lock file never blocks the next run, and two runs
    racing to break a stale lock cannot both win. Record locks are not inherited by fork(), so
    a worker still busy after its parent was killed does not hold the folder either.
    """

    def __init__(self, out_dir: Path):
        self.path = out_dir / ".kehoach.lock"
        self.fd: int | None = None

    def __enter__(self) -> "OutputLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for _ in range(5):
            fd = os.open(self.path, os.O_CREAT | os.O_RDWR, 0o644)
            try:
                fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "?"
                os.close(fd)
                raise BatchError(f"{self.path.parent} is in use by another kehoach run "
                                 f"(pid {holder}); wait for it to finish.") from None
            if self._same_file(fd):  # not unlinked by a run that finished meanwhile
                os.ftruncate(fd, 0)
                os.pwrite(fd, str(os.getpid()).encode(), 0)
                self.fd = fd
                return self
            os.close(fd)
        raise BatchError(f"Cannot take the lock {self.path}.")

    def _same_file(self, fd: int) -> bool:
        try:
            return os.stat(self.path).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            return False

    def __exit__(self, *exc) -> None:
        if self.fd is not None:
            self.path.unlink(missing_ok=True)  # unlink before unlocking: see _same_file
            os.close(self.fd)
            self.fd = None


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

    def add(self, result: DocumentResult, manifest_row: dict) -> dict:
        """Stage one result; returns the manifest row recorded for it."""
        if result.doc_id in self.doc_ids and result.status != "failed":
            # the same bytes reached us under two paths (a copy made after planning): keep one
            return self._add_row(dict(manifest_row, status="skipped",
                                      error_message="same content as another input of this run"))
        for table, rows in result.tables.items():
            self.buffer[table].extend(rows)
        if result.doc_id and result.status != "failed":
            self.doc_ids.add(result.doc_id)
        return self._add_row(manifest_row)

    def _add_row(self, manifest_row: dict) -> dict:
        self.buffer["manifest"].append(manifest_row)
        if len(self.buffer["manifest"]) >= STAGE_EVERY:
            self.flush()
        return manifest_row

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


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:  # gone since it was listed: the worker records it as missing
        return 0


def _file_sha(path: str) -> str | None:
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


def _previous(out_dir: Path) -> dict[str, dict]:
    """Manifest rows of documents already extracted by this parser version, by SHA-256.
    Failed files are not here: they are tried again (a timeout may not recur)."""
    table = read_table("manifest", out_dir)
    if table is None:
        return {}
    rows = [r for r in table.to_pylist() if r["source_sha256"] and r["parser_version"] == PARSER_VERSION
            and r["status"] in ("ok", "partial", "skipped")]
    rows.sort(key=lambda r: r["status"] != "skipped")  # an extracted row wins over a copy's
    return {r["source_sha256"]: r for r in rows}


@dataclass
class _Plan:
    todo: list[str] = field(default_factory=list)      # files to extract now
    carried: list[dict] = field(default_factory=list)  # manifest rows of the files not extracted
    renamed: dict[str, str] = field(default_factory=dict)  # doc_id → the path it is found at now


def _plan(files: list[str], previous: dict[str, dict], options: BatchOptions) -> _Plan:
    """Split the inputs into files to extract and rows carried over. Every file is hashed, even
    with --force, so that two copies of one document are extracted once (its doc_id is its hash)."""
    plan, first = _Plan(), {}
    for path in files:
        size = _size(path)
        if size > options.max_bytes:
            plan.carried.append(_row(path, None, size, "failed", "too_large",
                                     f"The file has {size} bytes; the limit is {options.max_bytes} (--max-bytes)."))
            continue
        sha = _file_sha(path)
        if sha in first:
            plan.carried.append(_row(path, sha, size, "skipped", None, f"same content as {first[sha]}"))
            continue
        first[sha] = path
        old = None if options.force or sha is None else previous.get(sha)
        if old is None:
            plan.todo.append(path)
            continue
        plan.carried.append(dict(old, source_path=path, status="skipped", error_code=None,
                                 error_message=f"unchanged since {old['processed_at']:%Y-%m-%d %H:%M:%S} UTC"))
        if old["source_path"] != path:
            plan.renamed[old["doc_id"]] = path
    return plan


def _row(path: str, sha: str | None, size: int, status: str, code: str | None, message: str) -> dict:
    result = DocumentResult(path, sha, sha[:16] if sha else None, size, status, code, message)
    return manifest_row(result, _now())


def extract_paths(paths: list[str], out_dir: Path, options: BatchOptions,
                  progress: Progress | None = None) -> BatchSummary:
    started = time.monotonic()
    files, not_documents = collect_inputs(paths)
    with OutputLock(out_dir):
        plan = _plan(files, _previous(out_dir), options)
        plan.carried += [_row(path, None, _size(path), "skipped", "unsupported_format", reason)
                         for path, reason in not_documents]
        summary = BatchSummary()
        stage = Stage(out_dir)
        progress = progress or Progress(len(plan.todo))
        for result in _results(plan.todo, options):
            _count(summary, stage.add(result, manifest_row(result, _now())))
            progress.advance(failed=result.status == "failed")
        stage.flush()
        progress.close()
        for row in plan.carried:
            _count(summary, row)
        summary.rows = _rebuild_tables(out_dir, stage, plan, options.prune)
        stage.cleanup()
    summary.wall_s = time.monotonic() - started
    return summary


def _results(todo: list[str], options: BatchOptions):
    if options.jobs <= 0:  # in-process: for debugging and for engines that bring their own pool
        yield from (extract_file(p) for p in todo)
        return
    cores = os.cpu_count() or 1
    limits = Limits(options.timeout_s, options.memory_mb, ocr_jobs=max(1, cores // max(1, options.jobs)))
    yield from run_pool(todo, options.jobs, limits)


def _count(summary: BatchSummary, row: dict) -> None:
    summary.statuses[row["status"]] += 1
    if row["status"] == "failed":
        summary.errors[row["error_code"]] += 1
        summary.failures.append((row["source_path"], row["error_code"], row["error_message"]))


# ------------------------------------------------------------------ merge

def _rebuild_tables(out_dir: Path, stage: Stage, plan: _Plan, prune: bool) -> dict[str, int]:
    """The new manifest decides which documents the tables hold: old rows of documents it still
    names (vanished files stay unless --prune) minus those re-extracted now, plus the new rows.
    Content tables are written before the manifest, so a crash in between re-extracts at worst."""
    current = pa.concat_tables([stage.read("manifest"), rows_to_table("manifest", plan.carried)])
    manifest = _merge_manifest(read_table("manifest", out_dir), current, prune)
    keep = pa.array(sorted(set(manifest["doc_id"].drop_null().to_pylist())), pa.string())
    fresh = pa.array(sorted(stage.doc_ids), pa.string())
    counts = {}
    for table in CONTENT_TABLES:
        merged = _merge_content(read_table(table, out_dir), stage.read(table), keep, fresh)
        if table == "documents" and plan.renamed:
            merged = _repath(merged, plan.renamed)
        write_table(table, merged, out_dir)
        counts[table] = merged.num_rows
    write_table("manifest", manifest, out_dir)
    counts["manifest"] = manifest.num_rows
    return counts


def _merge_manifest(old: pa.Table | None, current: pa.Table, prune: bool) -> pa.Table:
    """This run's rows, plus old rows of files that vanished (unless --prune). An old row whose
    path or content is in this run is superseded: a renamed file keeps one row, at its new path."""
    if old is not None and not prune:
        seen = pc.or_(pc.is_in(old["source_path"], value_set=current["source_path"]),
                      pc.is_in(old["source_sha256"], value_set=current["source_sha256"], skip_nulls=True))
        current = pa.concat_tables([old.filter(pc.invert(seen)), current])
    return current.sort_by([("source_path", "ascending")])


def _merge_content(old: pa.Table | None, new: pa.Table, keep: pa.Array, fresh: pa.Array) -> pa.Table:
    parts = [new]
    if old is not None:
        wanted = pc.and_(pc.is_in(old["doc_id"], value_set=keep),
                         pc.invert(pc.is_in(old["doc_id"], value_set=fresh)))
        parts.insert(0, old.filter(wanted))
    merged = pa.concat_tables(parts)
    # stable sort: a document's rows keep their order, documents come in doc_id order
    return merged.sort_by([("doc_id", "ascending")]) if merged.num_rows else merged


def _repath(documents: pa.Table, renamed: dict[str, str]) -> pa.Table:
    """documents.source_path follows a file that was renamed or moved."""
    paths = [renamed.get(d, p) for d, p in zip(documents["doc_id"].to_pylist(),
                                                 documents["source_path"].to_pylist())]
    i = documents.schema.get_field_index("source_path")
    return documents.set_column(i, documents.schema.field(i), pa.array(paths, pa.string()))
