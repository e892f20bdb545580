"""Batch conversion (issue 5): bad inputs, incremental re-runs, kill -9, limits, Dask.

Every input is generated here under tmp_path from the two real sample plans, so the tests need
no fixture files. PDFs are written by hand (a few objects and a correct xref); the encrypted one
needs pypdf, the image-only one Pillow, the cluster test dask[distributed]: each test skips when
its package is missing.
"""
from __future__ import annotations

import faulthandler
import io
import os
import random
import signal
import subprocess
import sys
import time
import unicodedata
import zipfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from extract.ocr import tesseract_available

from kehoach import batch, workers
from kehoach.batch import BatchOptions, extract_paths
from kehoach.pipeline import extract_file
from normalize.text import _split_tone
from schemas.tables import ERROR_CODES, TABLES
from schemas.writer import read_table, rows_to_table, write_table

from .conftest import ROOT, SEED_000, SEED_003

CONTENT = [t for t in TABLES if t != "manifest"]


# ------------------------------------------------------------------ generated inputs

def text_pdf(pages: list[list[str]]) -> bytes:
    """A minimal valid PDF: one Helvetica text stream per page, exact xref offsets."""
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(len(pages)))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode(),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    for i, lines in enumerate(pages):
        stream = "\n".join(["BT /F1 11 Tf 14 TL 50 780 Td"] + [f"({ln}) Tj T*" for ln in lines] + ["ET"]).encode()
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources "
                    f"<< /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>".encode())
        objs.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    out = io.BytesIO(b"%PDF-1.4\n")
    out.seek(0, io.SEEK_END)
    offsets = []
    for n, body in enumerate(objs, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (n, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % o for o in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref))
    return out.getvalue()


# Helvetica has no Vietnamese letters: an unaccented plan, still a plan by its number and sections.
ASCII_PLAN = ["BENH VIEN DA KHOA TINH", "So: 12/KH-BV", "KE HOACH", "Trien khai chuyen doi so nam 2025",
              "I. MUC DICH, YEU CAU", "1. Muc dich", "Nang cao chat luong kham chua benh.",
              "II. NHIEM VU", "1. Trien khai benh an dien tu", "2. Dao tao nhan luc",
              "III. TO CHUC THUC HIEN", "1. Phong Ke hoach tong hop chu tri trien khai."]
REPORT = [[f"Page {p} line {i}: an ordinary report about the weather and the markets." for i in range(30)]
          for p in range(3)]


def broken_xref_offset(pdf: bytes) -> bytes:
    """startxref points past the end: readers must rebuild the xref by scanning the objects."""
    return pdf[:pdf.rindex(b"startxref\n")] + b"startxref\n999999\n%%EOF\n"


def garbled_xref(pdf: bytes) -> bytes:
    """Every xref entry has an invalid type: the page tree cannot be found through it."""
    at = pdf.index(b"xref\n0 ")
    return pdf[:at] + pdf[at:].replace(b" 00000 n ", b" 00000 q ")


def encrypted_pdf(pdf: bytes) -> bytes:
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(pdf))
    writer.encrypt(user_password="secret", owner_password="owner")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def image_only_pdf() -> bytes:
    image_mod = pytest.importorskip("PIL.Image")
    draw_mod = pytest.importorskip("PIL.ImageDraw")
    pages = []
    for n in range(2):
        page = image_mod.new("RGB", (600, 800), "white")
        draw_mod.Draw(page).text((60, 60), f"KE HOACH (scanned page {n + 1})", fill="black")
        pages.append(page)
    out = io.BytesIO()
    pages[0].save(out, format="PDF", save_all=True, append_images=pages[1:])
    return out.getvalue()


def zip_of(name: str, data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(name, data)
    return out.getvalue()


def cp1258_bytes(text: str) -> bytes:
    """Windows-1258 has precomposed shapes (Ê, Ơ, Ă) but tones only as combining marks."""
    text = unicodedata.normalize("NFC", text)
    return "".join(base + tone for base, tone in map(_split_tone, text)).encode("cp1258")


def news_text(pages: int = 200, seed: int = 5) -> str:
    """Paragraphs of news, no heading, number or citation: long, but not a plan."""
    rng = random.Random(seed)
    words = ("thị trường chứng khoán hôm nay ghi nhận phiên giao dịch sôi động khi nhà đầu tư tiếp tục "
             "mua vào cổ phiếu ngân hàng thời tiết miền bắc chuyển lạnh mưa rải rác đội tuyển bóng đá "
             "giành chiến thắng trên sân nhà trước hàng nghìn khán giả").split()

    def paragraph() -> str:
        return " ".join(" ".join(rng.choice(words) for _ in range(12)).capitalize() + "." for _ in range(4))

    return "\f".join("\n\n".join(paragraph() for _ in range(6)) for _ in range(pages))


def sample_plan_text() -> str:
    return SEED_000.read_bytes().decode("utf-8")


# ------------------------------------------------------------------ helpers

def run_cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kehoach.cli", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)


def manifest(out: Path) -> dict[str, dict]:
    return {Path(r["source_path"]).name: r for r in read_table("manifest", out).to_pylist()}


def content(out: Path) -> dict[str, pa.Table]:
    return {t: read_table(t, out) for t in CONTENT}


def doc_ids(out: Path) -> set[str]:
    return set(read_table("documents", out)["doc_id"].to_pylist())


def assert_no_duplicates(out: Path) -> None:
    docs = read_table("documents", out)["doc_id"].to_pylist()
    assert len(docs) == len(set(docs))
    for table, key in (("sections", "seq"), ("legal_basis", "seq"), ("responsibilities", "seq"),
                       ("targets", "target_id")):
        rows = read_table(table, out).select(["doc_id", key]).to_pylist()
        assert len(rows) == len({tuple(r.values()) for r in rows}), table


def plans_folder(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for seed in (SEED_000, SEED_003):
        (folder / seed.name).write_bytes(seed.read_bytes())
    return folder


# ------------------------------------------------------------------ 1. the bad-input corpus

# file name → the code its manifest row must carry (None: extracted)
EXPECTED = {
    "empty.txt": "empty",
    "truncated.pdf": "corrupt_pdf",
    "xref_offset_broken.pdf": None,       # recoverable: readers rebuild the xref by scanning
    # an image-only PDF is OCR'd; its one printed line "KE HOACH (scanned page 1)" is no plan
    # (without Tesseract: no_text_layer — tests/test_read_pdf.py covers a blank scan)
    "scan.pdf": "not_a_plan" if tesseract_available() else "no_text_layer",
    "photos.docx": "unsupported_format",  # a ZIP of a CSV, renamed
    "legacy.doc": "unsupported_format",   # an OLE container
    "plan_cp1258.txt": None,
    "plan_utf16.txt": None,
    "junk.txt": "unsupported_format",     # binary: NUL bytes
    "news_200_pages.txt": "not_a_plan",
    "vanishes.txt": "missing",
    "report.pdf": "not_a_plan",
    # pdfium rebuilds a garbled xref by scanning the objects: the file is read, and is a report
    "xref_garbled.pdf": "not_a_plan",
    "encrypted.pdf": "encrypted",
    SEED_000.name: None,
    SEED_003.name: None,
}
def build_bad_corpus(folder: Path) -> None:
    plan = sample_plan_text()
    files = {
        "empty.txt": b"",
        "truncated.pdf": text_pdf([ASCII_PLAN])[:300],
        "xref_offset_broken.pdf": broken_xref_offset(text_pdf([ASCII_PLAN])),
        "xref_garbled.pdf": garbled_xref(text_pdf(REPORT)),
        "encrypted.pdf": encrypted_pdf(text_pdf([ASCII_PLAN])),
        "scan.pdf": image_only_pdf(),
        "report.pdf": text_pdf(REPORT),
        "photos.docx": zip_of("photos/list.csv", b"name,size\na.jpg,1\n"),
        "legacy.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
        "plan_cp1258.txt": cp1258_bytes(plan),
        "plan_utf16.txt": plan.encode("utf-16"),
        "junk.txt": random.Random(1).randbytes(20_000),
        "news_200_pages.txt": news_text().encode(),
        "vanishes.txt": SEED_003.read_bytes() + b"\n",
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    plans_folder(folder)


@pytest.fixture(scope="module")
def bad_batch(tmp_path_factory):
    """One batch over the whole corpus, in two worker processes; vanishes.txt is deleted after
    the inputs were listed and planned, before a worker reads it."""
    folder, out = tmp_path_factory.mktemp("bad"), tmp_path_factory.mktemp("bad_out")
    build_bad_corpus(folder)
    real_plan = batch._plan

    def plan_then_delete(files, previous, options):
        plan = real_plan(files, previous, options)
        (folder / "vanishes.txt").unlink()
        return plan

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(batch, "_plan", plan_then_delete)
        summary = extract_paths([str(folder)], out, BatchOptions(jobs=2, timeout_s=60))
    return summary, out


def test_every_bad_input_gets_its_documented_code(bad_batch):
    summary, out = bad_batch
    rows = manifest(out)
    assert set(rows) == set(EXPECTED)
    got = {name: rows[name]["error_code"] for name in EXPECTED}
    assert got == EXPECTED
    for row in rows.values():
        assert row["error_code"] is None or row["error_code"] in ERROR_CODES
        assert (row["status"] == "failed") == (row["error_code"] is not None)
        assert row["error_code"] is None or row["error_message"]
    assert summary.exit_code == 1


def test_good_files_of_the_bad_batch_are_all_extracted(bad_batch):
    _, out = bad_batch
    rows = manifest(out)
    good = [name for name, code in EXPECTED.items() if code is None]
    assert {rows[name]["doc_id"] for name in good} <= doc_ids(out)
    tasks = read_table("tasks", out)
    for name in (SEED_000.name, SEED_003.name, "plan_cp1258.txt", "plan_utf16.txt"):
        assert pc_count(tasks, rows[name]["doc_id"]) > 0, name
    assert_no_duplicates(out)


def pc_count(table: pa.Table, doc_id: str) -> int:
    return sum(1 for d in table["doc_id"].to_pylist() if d == doc_id)


@pytest.mark.parametrize("name", ["plan_cp1258.txt", "plan_utf16.txt"])
def test_reencoded_plan_reads_like_the_utf8_original(bad_batch, name):
    """Same tasks and header as the UTF-8 file; the only extra warning says how it was decoded."""
    _, out = bad_batch
    rows = manifest(out)
    tasks = read_table("tasks", out).to_pylist()
    docs = {r["doc_id"]: r for r in read_table("documents", out).to_pylist()}

    def of(file):
        doc_id = rows[file]["doc_id"]
        return [{k: v for k, v in t.items() if k != "doc_id"} for t in tasks if t["doc_id"] == doc_id], docs[doc_id]

    (orig_tasks, orig_doc), (new_tasks, new_doc) = of(SEED_000.name), of(name)
    assert new_tasks == orig_tasks
    for field in ("doc_type", "doc_number", "issuer", "issued_date", "title", "signer_name"):
        assert new_doc[field] == orig_doc[field], field
    assert set(new_doc["warnings"]) - set(orig_doc["warnings"]) <= {"decoded as cp1258"}


# ------------------------------------------------------------------ 2. incremental and idempotent

def test_second_run_skips_everything_and_leaves_identical_tables(tmp_path):
    folder, out = plans_folder(tmp_path / "in"), tmp_path / "out"
    assert run_cli("extract", folder, "-o", out, "--jobs", 2).returncode == 0
    before = {t: (out / f"{t}.parquet").read_bytes() for t in CONTENT}
    second = run_cli("extract", folder, "-o", out, "--jobs", 2)
    assert second.returncode == 0, second.stderr
    assert {r["status"] for r in manifest(out).values()} == {"skipped"}
    assert {t: (out / f"{t}.parquet").read_bytes() for t in CONTENT} == before
    assert not (out / ".staging").exists() and not (out / ".kehoach.lock").exists()


def test_renamed_file_is_recognised_by_its_hash(tmp_path):
    folder, out = plans_folder(tmp_path / "in"), tmp_path / "out"
    extract_paths([str(folder)], out, BatchOptions(jobs=0))
    before = content(out)
    (folder / SEED_000.name).rename(folder / "renamed.txt")
    extract_paths([str(folder)], out, BatchOptions(jobs=0))
    rows = manifest(out)
    assert set(rows) == {"renamed.txt", SEED_003.name}  # the old path's row is superseded
    assert rows["renamed.txt"]["status"] == "skipped"
    docs = {r["doc_id"]: r["source_path"] for r in read_table("documents", out).to_pylist()}
    assert docs[rows["renamed.txt"]["doc_id"]] == str(folder / "renamed.txt")
    after = content(out)
    for table in CONTENT:
        if table != "documents":
            assert after[table].equals(before[table]), table


def test_force_redoes_all_with_the_same_tables(tmp_path):
    folder, out = plans_folder(tmp_path / "in"), tmp_path / "out"
    extract_paths([str(folder)], out, BatchOptions(jobs=0))
    before = content(out)
    summary = extract_paths([str(folder)], out, BatchOptions(jobs=0, force=True))
    assert "skipped" not in summary.statuses
    assert {r["status"] for r in manifest(out).values()} <= {"ok", "partial"}
    after = content(out)
    assert all(after[t].equals(before[t]) for t in CONTENT)


def test_reparsed_document_replaces_its_old_rows(tmp_path):
    folder, out = plans_folder(tmp_path / "in"), tmp_path / "out"
    extract_paths([str(folder)], out, BatchOptions(jobs=0))
    old_id = manifest(out)[SEED_000.name]["doc_id"]
    counts = {t: read_table(t, out).num_rows for t in CONTENT}
    path = folder / SEED_000.name
    path.write_bytes(path.read_bytes() + b"\n")  # edited in place: new content, same path
    extract_paths([str(folder)], out, BatchOptions(jobs=0))
    new_id = manifest(out)[SEED_000.name]["doc_id"]
    assert new_id != old_id
    for table in CONTENT:
        ids = set(read_table(table, out)["doc_id"].to_pylist())
        assert old_id not in ids and (new_id in ids or table == "task_units")
        assert read_table(table, out).num_rows == counts[table], table
    assert_no_duplicates(out)


def test_copies_in_one_batch_are_extracted_once(tmp_path):
    folder, out = plans_folder(tmp_path / "in"), tmp_path / "out"
    (folder / "copy.txt").write_bytes(SEED_003.read_bytes())
    extract_paths([str(folder)], out, BatchOptions(jobs=2, force=True))
    rows = manifest(out)
    assert rows["copy.txt"]["status"] == "skipped"
    assert SEED_003.name in rows["copy.txt"]["error_message"] or "copy.txt" in rows[SEED_003.name]["error_message"]
    assert len(doc_ids(out)) == 2
    assert_no_duplicates(out)


def test_vanished_file_keeps_its_rows_unless_prune(tmp_path):
    folder, out = plans_folder(tmp_path / "in"), tmp_path / "out"
    extract_paths([str(folder)], out, BatchOptions(jobs=0))
    gone_id = manifest(out)[SEED_003.name]["doc_id"]
    (folder / SEED_003.name).unlink()
    extract_paths([str(folder)], out, BatchOptions(jobs=0))
    assert gone_id in doc_ids(out) and SEED_003.name in manifest(out)
    extract_paths([str(folder)], out, BatchOptions(jobs=0, prune=True))
    assert SEED_003.name not in manifest(out)
    for table in CONTENT:
        assert gone_id not in set(read_table(table, out)["doc_id"].to_pylist()), table


# ------------------------------------------------------------------ 3. nothing lost

def sixty_documents(folder: Path) -> Path:
    """Copies of the samples with a byte appended, so each one has its own hash."""
    folder.mkdir(parents=True, exist_ok=True)
    seeds = [SEED_000, SEED_003, *sorted((ROOT / "samples" / "synthetic").glob("*.txt"))]
    for i in range(60):
        seed = seeds[i % len(seeds)]
        (folder / f"{i:02d}_{seed.name}").write_bytes(seed.read_bytes() + b" " * (i // len(seeds) + 1))
    return folder


def test_kill_9_mid_run_loses_nothing_and_a_second_run_is_refused(tmp_path):
    first, more, out = plans_folder(tmp_path / "first"), sixty_documents(tmp_path / "more"), tmp_path / "out"
    assert run_cli("extract", first, "-o", out, "--jobs", 1).returncode == 0
    before = {t: pq.read_table(out / f"{t}.parquet") for t in TABLES}

    proc = subprocess.Popen([sys.executable, "-m", "kehoach.cli", "extract", str(first), str(more),
                             "-o", str(out), "--jobs", "1"], cwd=ROOT, stderr=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, text=True, start_new_session=True)
    try:
        line = proc.stderr.readline()
        assert line.startswith("kehoach: 1/60 documents"), line
        second = run_cli("extract", first, "-o", out, "--jobs", 1)  # while the first holds the folder
        assert second.returncode == 2
        assert "in use by another kehoach run" in second.stderr
        os.kill(proc.pid, signal.SIGKILL)  # the main process only: its workers are orphaned
        proc.wait(timeout=10)
    finally:
        _kill_group(proc)
    for table in TABLES:  # the previous tables, readable and intact
        assert pq.read_table(out / f"{table}.parquet").equals(before[table]), table

    again = run_cli("extract", first, more, "-o", out, "--jobs", 2)
    assert again.returncode == 0, again.stderr
    rows = manifest(out)
    assert len(rows) == 62 and {r["status"] for r in rows.values()} <= {"ok", "partial", "skipped"}
    assert len(doc_ids(out)) == 62
    assert_no_duplicates(out)
    assert not (out / ".staging").exists()


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait(timeout=10)


def test_stale_lock_file_does_not_block(tmp_path):
    folder, out = plans_folder(tmp_path / "in"), tmp_path / "out"
    out.mkdir()
    (out / ".kehoach.lock").write_text("999999")  # left by a run killed long ago
    assert run_cli("extract", folder, "-o", out, "--jobs", 1).returncode == 0


# ------------------------------------------------------------------ 4. timeouts and crashes

def misbehaving_extract(path: str):
    """Stands in for extract_file inside the forked workers (they inherit the patched module)."""
    name = os.path.basename(path)
    if name.startswith("slow"):
        time.sleep(60)
    if name.startswith("crash"):
        faulthandler.disable()  # pytest's handler would print the worker's stack
        os.kill(os.getpid(), signal.SIGSEGV)
    if name.startswith("exit"):
        os._exit(3)
    if name.startswith("hog"):
        bytearray(32 * 1024 ** 3)  # over the address-space cap: MemoryError in the worker
    return extract_file(path)


def test_timeout_crash_and_memory_cap_cost_only_their_document(tmp_path, monkeypatch):
    folder, out = plans_folder(tmp_path / "in"), tmp_path / "out"
    for name in ("slow.txt", "crash.txt", "exit.txt", "hog.txt"):
        (folder / name).write_bytes(SEED_000.read_bytes() + name.encode())
    monkeypatch.setattr(workers, "extract_file", misbehaving_extract)
    started = time.monotonic()
    summary = extract_paths([str(folder)], out, BatchOptions(jobs=2, timeout_s=2, memory_mb=4096))
    assert time.monotonic() - started < 30
    rows = manifest(out)
    assert {n: rows[n]["error_code"] for n in ("slow.txt", "crash.txt", "exit.txt", "hog.txt")} == {
        "slow.txt": "timeout", "crash.txt": "internal_error", "exit.txt": "internal_error",
        "hog.txt": "resource_limit"}
    assert "SIGSEGV" in rows["crash.txt"]["error_message"] or "Segmentation" in rows["crash.txt"]["error_message"]
    assert rows["slow.txt"]["source_sha256"]  # hashed by the parent: the worker never answered
    assert {rows[s.name]["status"] for s in (SEED_000, SEED_003)} <= {"ok", "partial"}
    assert len(doc_ids(out)) == 2 and summary.exit_code == 1


# ------------------------------------------------------------------ 7. scale-out on Dask (last: it starts threads)

def test_dask_cluster_writes_the_same_tables_as_the_cli(tmp_path):
    distributed = pytest.importorskip("dask.distributed")
    inputs = [str(p) for p in (SEED_000, SEED_003, *sorted((ROOT / "samples" / "synthetic").glob("*.txt")))]
    cli_out, dask_out = tmp_path / "cli", tmp_path / "dask"
    assert run_cli("extract", *inputs, "-o", cli_out, "--jobs", 2).returncode == 0

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        results = client.gather(client.map(extract_file, inputs))
    for table in CONTENT:
        rows = [row for r in results if r.status != "failed" for row in r.tables[table]]
        arrow = rows_to_table(table, rows)
        write_table(table, arrow.sort_by([("doc_id", "ascending")]) if rows else arrow, dask_out)
    for table in CONTENT:
        assert read_table(table, dask_out).equals(read_table(table, cli_out)), table
