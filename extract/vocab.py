"""Loading of the layout vocabulary (normalize/data/layout.yaml), once, with validation."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

import regex

from normalize.text import fold, load_yaml

_REQUIRED = ("national_motto", "doc_type_lines", "section_kinds", "specific_objectives",
             "signing_modes", "signer_titles", "org_prefixes", "name_prefixes", "parent_org_prefixes")


@lru_cache(maxsize=None)
def layout_vocab() -> dict:
    """The layout vocabulary with every match key folded (see normalize.text.fold)."""
    raw = load_yaml(resources.files("normalize").joinpath("data/layout.yaml").read_text("utf-8"))
    missing = [key for key in _REQUIRED if key not in raw]
    if missing:
        raise ValueError(f"layout.yaml lacks {missing}")
    vocab = dict(raw)
    vocab["doc_type_lines"] = {fold(k): v for k, v in raw["doc_type_lines"].items()}
    vocab["signing_modes"] = {fold(k): v for k, v in raw["signing_modes"].items()}
    # Longest title first, so "phó giám đốc" wins over "giám đốc".
    vocab["signer_titles"] = dict(sorted(((fold(k), v) for k, v in raw["signer_titles"].items()),
                                         key=lambda kv: -len(kv[0])))
    vocab["section_kinds"] = [(kind, [fold(p) for p in phrases]) for kind, phrases in raw["section_kinds"]]
    vocab["org_prefixes"] = sorted(raw["org_prefixes"], key=len, reverse=True)
    vocab["body_openers"] = [fold(p) for p in raw["body_openers"]]
    cues = "|".join(regex.escape(fold(p)) for p in sorted(raw["milestone_cues"], key=len, reverse=True))
    vocab["milestone_re"] = regex.compile(rf",\s*(?:{cues})(?!\w)")
    # one pattern for every name phrase, each match mapped back to its usual casing
    vocab["name_phrase_of"] = {fold(p): p for p in raw["name_phrases"]}
    vocab["name_phrases_re"] = regex.compile(
        r"(?i)(?<!\w)(?:" + "|".join(regex.escape(p) for p in
                                     sorted(raw["name_phrases"], key=len, reverse=True)) + r")(?!\w)")
    return vocab
