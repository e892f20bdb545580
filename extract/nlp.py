"""spaCy integration: kehoach's extractors as span groups of a blank Vietnamese pipeline.

Where spaCy earns its place here is downstream, in notebooks: `doc.spans["citations"]`,
`["units"]`, `["deadlines"]`, `["quantities"]` can be shown with displaCy, filtered with the
Matcher or fed to a trained component. The extraction itself stays in regex grammars, which
give exact offsets without a model.

`spacy.blank("vi")` imports pyvi unless its tokenizer is configured with `use_pyvi: false`,
and then splits on spaces only ("57-NQ/TW," and "22/12/2024." keep their punctuation);
`DocumentTokenizer` splits edge punctuation off while keeping document numbers, dates and
codes whole.
"""
from __future__ import annotations

import regex
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from normalize.deadlines import find_deadlines
from normalize.quantities import parse_quantity
from normalize.text import normalize_text
from normalize.units import resolve_units

from .citations import find_citations

# A token: a run of letters/digits possibly joined by - / . (codes, dates, "pakn.nq57.vn"),
# or one punctuation character.
_TOKEN = regex.compile(r"[\p{L}\p{N}]+(?:[-/.,][\p{L}\p{N}]+)*|\S")


class DocumentTokenizer:
    """Whitespace tokenizer that also splits punctuation off word edges."""

    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        return spans_to_doc(self.vocab, text, [m.span() for m in _TOKEN.finditer(text)])


def spans_to_doc(vocab, text: str, spans: list[tuple[int, int]]) -> Doc:
    """A Doc whose text equals `text` exactly: one space after a token is its trailing space,
    any other white space becomes a token of its own (spaCy's convention)."""
    words: list[str] = []
    spaces: list[bool] = []
    pos = 0
    for start, end in spans:
        gap = text[pos:start]
        if gap and words and not spaces[-1] and gap[0] == " ":
            spaces[-1], gap = True, gap[1:]
        if gap:
            words.append(gap)
            spaces.append(False)
        words.append(text[start:end])
        spaces.append(False)
        pos = end
    if pos < len(text):
        if words and not spaces[-1] and text[pos] == " ":
            spaces[-1], pos = True, pos + 1
        if pos < len(text):
            words.append(text[pos:])
            spaces.append(False)
    return Doc(vocab, words=words, spaces=spaces)


@Language.component("kehoach_spans")
def kehoach_spans(doc: Doc) -> Doc:
    text = doc.text
    citations = [(c.start, c.end, c.cited_type or "citation") for c in find_citations(text)]
    # A date inside a citation is the cited document's date, not a deadline.
    outside = lambda spans: [t for t in spans if not any(a <= t[0] < b for a, b, _ in citations)]  # noqa: E731
    doc.spans["citations"] = _spans(doc, citations)
    doc.spans["deadlines"] = _spans(doc, outside((s, e, d.kind) for s, e, d in find_deadlines(text)))
    doc.spans["units"] = _spans(doc, outside(_unit_spans(text)))
    doc.spans["quantities"] = _spans(doc, _quantity_spans(doc))
    return doc


def _unit_spans(text: str):
    """Unit mentions on lines that name a unit (the responsibilities items, table cells)."""
    offset = 0
    for line in text.split("\n"):
        for u in resolve_units(line):
            if u.unit_kind not in ("unknown", "external") and u.confidence >= 0.8:
                yield offset + u.start, offset + u.end, u.unit_kind
        offset += len(line) + 1


def _quantity_spans(doc: Doc):
    for sent_start, sent_end in _clauses(doc.text):
        q = parse_quantity(doc.text[sent_start:sent_end])
        if q.value is not None and q.start is not None:
            yield sent_start + q.start, sent_start + q.end, q.comparator or "="


def _clauses(text: str):
    start = 0
    for m in regex.finditer(r"[;\n]|\.(?=\s)", text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)


def _spans(doc: Doc, triples) -> list:
    spans = []
    for start, end, label in triples:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    return spans


def make_nlp() -> Language:
    """A blank Vietnamese pipeline (no pyvi, no model) with kehoach's span component."""
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.tokenizer = DocumentTokenizer(nlp.vocab)
    nlp.add_pipe("kehoach_spans")
    return nlp


def analyse(text: str) -> Doc:
    """Normalize (NFC, look-alikes) and run the pipeline: offsets match kehoach's tables."""
    return make_nlp()(normalize_text(text))
