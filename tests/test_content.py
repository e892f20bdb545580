"""Targets from objectives written as lettered or numbered sub-items, and the layout and table
vocabularies loaded and validated."""
import datetime as dt

import pytest

from extract.tables import header_vocab
from extract.vocab import layout_vocab
from kehoach.pipeline import extract_file

from .conftest import ROOT


def test_targets_lettered_objectives_with_deadlines_inside_sentences():
    result = extract_file(str(ROOT / "tests/data/objectives_lettered.txt"))
    targets = result.tables["targets"]
    assert [(t["comparator"], t["value"], t["unit"]) for t in targets] == [
        ("=", 100.0, "%"), (">=", 80.0, "%"), (">=", 2.0, "đề tài")]
    assert targets[0]["due_end"] == dt.date(2026, 12, 31) and targets[0]["year"] == 2026
    assert targets[1]["due_end"] == dt.date(2026, 6, 30)
    assert targets[2]["per"] == "năm"
    assert all(t["source"] == "objectives" for t in targets)


def test_targets_skip_requirements_and_general_objectives():
    result = extract_file(str(ROOT / "tests/data/objectives_lettered.txt"))
    texts = " ".join(t["text"] for t in result.tables["targets"])
    assert "Bảo đảm tiến độ" not in texts and "bệnh viện thông minh" not in texts


def test_layout_vocabulary_loads_with_folded_keys():
    vocab = layout_vocab()
    assert vocab["doc_type_lines"]["kế hoạch"] == "Kế hoạch"
    assert vocab["signing_modes"]["t/m"] == "TM."
    titles = list(vocab["signer_titles"])
    assert titles.index("phó giám đốc") < titles.index("giám đốc")  # longest first
    assert {k for k, _ in vocab["section_kinds"]} >= {"legal_basis", "objectives", "tasks", "organization"}


def test_table_header_vocabulary_phrases_are_strings():
    vocab = header_vocab()
    assert all(isinstance(p, str) and p == p.lower() for p, _ in vocab["phrases"])
    assert {r for _, r in vocab["phrases"]} == {"tt", "name", "lead", "partner", "product",
                                               "deadline", "quantity", "note"}
