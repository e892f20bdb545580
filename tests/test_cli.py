"""The command line as a user runs it: a subprocess, its exit status and what it prints."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys

from schemas.tables import TABLES

from .conftest import ROOT, SAMPLES, SEED_000, SEED_003


def kehoach(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kehoach.cli", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_extract_all_ok_exits_0_and_prints_a_summary(tmp_path):
    run = kehoach("extract", SEED_000, SEED_003, "-o", tmp_path, "--jobs", 2)
    assert run.returncode == 0, run.stderr
    assert re.search(r"documents\s+2", run.stdout) and "rows written" in run.stdout
    assert all((tmp_path / f"{t}.parquet").exists() for t in TABLES)


def test_extract_with_a_failed_file_exits_1_and_names_it(tmp_path):
    (tmp_path / "in").mkdir()
    shutil.copy(SEED_000, tmp_path / "in")
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    run = kehoach("extract", tmp_path / "in", "-o", tmp_path / "out", "--jobs", 1)
    assert run.returncode == 1
    assert "failed: empty" in run.stdout and "empty.txt: empty:" in run.stdout


def test_usage_errors_exit_2(tmp_path):
    missing = kehoach("extract", tmp_path / "nothing-here", "-o", tmp_path / "out")
    assert missing.returncode == 2 and "No such file or folder" in missing.stderr
    no_glob = kehoach("extract", str(tmp_path / "*.pdf"), "-o", tmp_path / "out")
    assert no_glob.returncode == 2 and "No file matches" in no_glob.stderr
    assert kehoach("extract", SEED_000).returncode == 2  # -o is required
    assert kehoach("extract", SEED_000, "-o", tmp_path, "--jobs", "many").returncode == 2
    assert kehoach("frobnicate").returncode == 2


def test_show_prints_tasks_with_page_numbers():
    run = kehoach("show", SEED_000)
    assert run.returncode == 0, run.stderr
    tasks = run.stdout.split("\nTasks (")[1].split("\nResponsibilities")[0]
    assert int(tasks.split(")")[0]) > 0
    assert re.search(r"^  p\d+ ", tasks, re.M), tasks[:500]


def test_show_says_which_pages_were_not_read_from_the_text_layer():
    run = kehoach("show", SAMPLES / "legacy" / "003_hoang_hoa_vni.pdf")
    assert run.returncode == 0, run.stderr
    assert "Text source (8 of 8 page(s) not from the text layer)" in run.stdout
    assert "  p1 legacy font encoding vni converted" in run.stdout
    assert "Text source" not in kehoach("show", SEED_000).stdout  # plain text: nothing to say


def test_show_on_a_bad_file_exits_1(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    run = kehoach("show", tmp_path / "empty.txt")
    assert run.returncode == 1 and "Error: empty:" in run.stderr


def test_eval_on_the_real_samples_reaches_f1_0_99(tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    for seed in (SEED_000, SEED_003):
        shutil.copy(SAMPLES / "gold" / f"{seed.stem}.gold.json", gold)
    assert kehoach("extract", SEED_000, SEED_003, "-o", tmp_path / "out").returncode == 0
    run = kehoach("eval", "--gold", gold, "-o", tmp_path / "out", "--min", "0.99", "--tables-only")
    assert run.returncode == 0, run.stdout + run.stderr


def test_schema_prints_every_table():
    run = kehoach("schema")
    assert run.returncode == 0
    for table, columns in TABLES.items():
        assert f"### `{table}.parquet`" in run.stdout
        assert all(f"| `{c.name}` |" in run.stdout for c in columns)
