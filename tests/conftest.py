from __future__ import annotations

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
    """samples/ (seeds, renditions, scans, synthetic plans) extracted once for the session:
    the scans are OCR'd, which costs about a minute and a half here."""
    from kehoach.batch import BatchOptions, extract_paths

    out = tmp_path_factory.mktemp("samples_out")
    summary = extract_paths([str(SAMPLES)], out, BatchOptions(jobs=2))
    assert summary.statuses.get("failed", 0) == 0, summary.failures
    return out
