"""Worker processes that each extract one document at a time, under a time and memory limit.

A worker that runs past the time limit is killed and replaced; one that dies (a crash, the
memory limit) costs only the document it held. Results come back as they finish.
"""
from __future__ import annotations

import hashlib
import multiprocessing as mp
import os
import resource
import signal
import time
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait

from .pipeline import DocumentResult, extract_file, warm_up


@dataclass(frozen=True)
class Limits:
    timeout_s: float = 120.0
    memory_mb: int | None = 2048
    # added to a document's time limit per page it OCRs (a scan: ~2-4 s a page here)
    ocr_s_per_page: float = 30.0
    # pages each worker OCRs at once: the cores shared among the workers
    ocr_jobs: int = 1


def _address_space_bytes() -> int:
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


OCR_PAGES = "ocr_pages"  # a worker's message: (OCR_PAGES, n) before it OCRs n pages


def _worker_main(conn: Connection, memory_mb: int | None, ocr_jobs: int = 1) -> None:
    from extract.pdf_sources import OCR_LISTENERS

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    os.environ.setdefault("KEHOACH_OCR_JOBS", str(ocr_jobs))  # the user's setting wins
    OCR_LISTENERS.append(lambda pages: conn.send((OCR_PAGES, pages)))
    if memory_mb:
        # the cap is on what the document may add: a worker forked from a big parent (a
        # notebook, a test run) inherits its address space, and OCR threads reserve arenas
        cap = _address_space_bytes() + memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    while True:
        try:
            path = conn.recv()
        except EOFError:
            return
        if path is None:
            return
        try:
            result = extract_file(path)
        except MemoryError:
            result = DocumentResult(path, None, None, 0, "failed", "resource_limit",
                                    f"Extraction needed more than the memory limit of {memory_mb} MB.")
        conn.send(result)


@dataclass
class _Worker:
    process: mp.Process
    conn: Connection
    path: str | None = None
    started: float = 0.0
    extra_s: float = 0.0  # time granted on top of the limit for OCR'd pages


def _spawn(ctx, limits: Limits) -> _Worker:
    parent, child = ctx.Pipe()
    process = ctx.Process(target=_worker_main, args=(child, limits.memory_mb, limits.ocr_jobs), daemon=True)
    process.start()
    child.close()
    return _Worker(process, parent)


def _failure(path: str, code: str, message: str, duration_s: float) -> DocumentResult:
    """A result for a document whose worker was stopped or died; hashed here so the manifest
    still names the content (the worker never sent it)."""
    try:
        with open(path, "rb") as handle:
            sha = hashlib.file_digest(handle, "sha256").hexdigest()
        size = os.path.getsize(path)
    except OSError:
        sha, size = None, 0
    return DocumentResult(path, sha, sha[:16] if sha else None, size, "failed", code, message,
                          duration_ms=int(duration_s * 1000))


def run_pool(paths: list[str], jobs: int, limits: Limits) -> Iterator[DocumentResult]:
    """Extract every path in `jobs` worker processes; yields results in completion order."""
    ctx = mp.get_context("fork")
    pending = list(reversed(paths))
    warm_up()  # once here rather than once per forked worker
    workers = [_spawn(ctx, limits) for _ in range(max(1, min(jobs, len(paths))))]
    try:
        yield from _drive(ctx, workers, pending, limits)
    finally:
        for w in workers:
            _stop(w)


def _drive(ctx, workers: list[_Worker], pending: list[str], limits: Limits) -> Iterator[DocumentResult]:
    while True:
        for w in workers:
            _hand_next(w, pending)
        busy = [w for w in workers if w.path is not None]
        if not busy:
            return
        ready = wait([w.conn for w in busy], timeout=0.2)
        for i, w in enumerate(workers):
            if w.path is None:
                continue
            if w.conn in ready:
                result = _receive(w, limits)
                if isinstance(result, tuple) and result[0] == OCR_PAGES:
                    w.extra_s += result[1] * limits.ocr_s_per_page
                    continue
                w.path = None
                if not w.process.is_alive():  # it crashed: replace it
                    _stop(w)
                    workers[i] = _spawn(ctx, limits)
                # the next document goes out before the consumer stages this result, so the
                # worker is not idle while the parent writes
                _hand_next(workers[i], pending)
                yield result
            elif time.monotonic() - w.started > limits.timeout_s + w.extra_s:
                # stop it before yielding: the consumer may take its time (or never come back)
                _stop(w, kill=True)
                workers[i] = _spawn(ctx, limits)
                granted = f" (+{w.extra_s:g} s for OCR)" if w.extra_s else ""
                yield _failure(w.path, "timeout",
                               f"Extraction took longer than {limits.timeout_s:g} s{granted} and was stopped.",
                               time.monotonic() - w.started)


def _hand_next(w: _Worker, pending: list[str]) -> None:
    if w.path is None and pending:
        w.path, w.started, w.extra_s = pending.pop(), time.monotonic(), 0.0
        w.conn.send(w.path)


def _receive(w: _Worker, limits: Limits) -> DocumentResult:
    try:
        return w.conn.recv()
    except (EOFError, OSError):
        w.process.join(timeout=5)
        code = w.process.exitcode
        elapsed = time.monotonic() - w.started
        if code == -signal.SIGKILL:  # what the kernel's OOM killer sends
            return _failure(w.path, "resource_limit",
                            f"The worker was killed (SIGKILL) while extracting: most likely it ran "
                            f"out of memory (limit {limits.memory_mb} MB).", elapsed)
        how = f"signal {-code}: {signal.strsignal(-code)}" if code is not None and code < 0 else f"exit code {code}"
        return _failure(w.path, "internal_error", f"The worker process crashed ({how}).", elapsed)


def _stop(w: _Worker, kill: bool = False) -> None:
    if kill and w.process.is_alive():
        w.process.kill()
    else:
        try:
            w.conn.send(None)
        except (OSError, BrokenPipeError):
            pass
    w.process.join(timeout=2)
    if w.process.is_alive():
        w.process.kill()
        w.process.join()
    w.conn.close()
