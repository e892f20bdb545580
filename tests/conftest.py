from __future__ import annotations

import fcntl
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SEED_000 = SAMPLES / "000_8a3c601f3164e90a.txt"
SEED_003 = SAMPLES / "003_84bb2d633493153f.txt"


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, bytes]:
    return {"000": SEED_000.read_bytes(), "003": SEED_003.read_bytes()}


@pytest.fixture(scope="session")
def extracted_samples(tmp_path_factory) -> Path:
    """samples/ (seeds, renditions, scans, synthetic plans) extracted once for the whole run:
    the scans are OCR'd, which costs about a minute and a half here. Under pytest-xdist every
    worker asks for it; the first one extracts under a lock, the others wait and read its tables."""
    from kehoach.batch import BatchOptions, extract_paths

    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # the one folder all workers of this run have in common
    out, done = shared / "samples_out", shared / "samples_out.done"
    with open(shared / "samples_out.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            summary = extract_paths([str(SAMPLES)], out, BatchOptions(jobs=2))
            assert summary.statuses.get("failed", 0) == 0, summary.failures
            done.touch()
    return out
