"""The spaCy layer: a blank Vietnamese pipeline that needs neither pyvi nor a model."""
import importlib.util

from extract.nlp import analyse, make_nlp

from .conftest import SEED_000


def test_pipeline_loads_without_pyvi():
    assert importlib.util.find_spec("pyvi") is None
    assert make_nlp().lang == "vi"


def test_tokenizer_splits_punctuation_keeps_numbers_and_dates():
    doc = make_nlp()("Nghị quyết số 57-NQ/TW, ngày 22/12/2024.")
    assert [t.text for t in doc] == ["Nghị", "quyết", "số", "57-NQ/TW", ",", "ngày", "22/12/2024", "."]


def test_tokenizer_keeps_the_text_exactly_with_irregular_white_space():
    text = "  Thực hiện  Kế hoạch số 47/KH-SYT,\n ngày 09/02/2026 "
    assert make_nlp()(text).text == text


def test_spans_on_seed_citations_and_quantities():
    doc = analyse(SEED_000.read_text("utf-8"))
    citations = {s.text.split(",")[0].split(" ngày")[0] for s in doc.spans["citations"]}
    assert "Nghị quyết số 57-NQ/TW" in citations and "Kế hoạch số 47/KH-SYT" in citations
    assert "Tối thiểu 85%" in [s.text for s in doc.spans["quantities"]]
    assert not any("2024" in s.text for s in doc.spans["deadlines"])  # citation dates are not deadlines
