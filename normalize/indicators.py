"""Classify a target into one canonical indicator of the catalog (data/indicators.yaml).

`classify_target(text, row_context)` is pure: the target as written, and optionally the text of
the appendix-table row it came from (task name, product, quantity cell), in; an
`IndicatorMatch(code, name, confidence, evidence)` out. Nothing is forced: when no phrasing of
the catalog is found strongly enough, `code` is None and `evidence` says what came closest.

Scoring, explainable by construction (every number in `evidence` comes from these rules):
* every pattern of an indicator that matches scores  weight × specificity × place, where
  weight is 1.0 (patterns, exact) or 0.5 (weak), specificity = 0.7 + 0.3·min(1, len(match)/25)
  (a long matched phrase says more than "kiosk"), and place is 1.0 in the target text, 0.7 in
  the row context;
* an indicator's score is its best hit; an `exclude` pattern in the target text vetoes it;
* an indicator that `narrows` another one (DIGITAL_LEADERSHIP narrows DIGITAL_SKILLS) wins over
  it whenever both reach the threshold;
* among the rest, the best score wins; scores within 0.05 of each other are ties, decided by
  which phrase comes first in the target text (the measured noun leads a Vietnamese target:
  "100% hồ sơ công việc … sử dụng chữ ký số" measures work records, not signatures);
* the winner must reach THRESHOLD (0.5), otherwise no indicator.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import regex
import yaml

from normalize.text import fold, normalize_text, squash_spaces

THRESHOLD = 0.5
TIE = 0.05
CONTEXT_WEIGHT = 0.7
WEAK_WEIGHT = 0.5
GAP = r"[^.;\n]{0,60}?"


@dataclass(frozen=True)
class IndicatorMatch:
    code: str | None
    name: str | None
    confidence: float
    evidence: str


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    unit: str | None
    patterns: tuple[tuple[str, regex.Pattern, float, bool], ...]  # (source, compiled, weight, exact)
    exclude: tuple[regex.Pattern, ...]
    narrows: tuple[str, ...]


@dataclass(frozen=True)
class _Hit:
    code: str
    score: float
    place: str          # text | context
    pattern: str
    matched: str
    start: int


def _compile(pattern: str, exact: bool) -> regex.Pattern:
    body = pattern if exact else fold(pattern)
    body = body.replace("…", GAP)
    return regex.compile(rf"(?<![\p{{L}}\p{{N}}])(?:{body})(?![\p{{L}}\p{{N}}])" if not exact else body)


def _load(raw: dict) -> dict[str, Indicator]:
    out: dict[str, Indicator] = {}
    for item in raw["indicators"]:
        code = item["code"]
        if code in out:
            raise ValueError(f"indicator {code} defined twice")
        pats = [(p, _compile(p, False), 1.0, False) for p in item.get("patterns", [])]
        pats += [(p, _compile(p, True), 1.0, True) for p in item.get("exact", [])]
        pats += [(p, _compile(p, False), WEAK_WEIGHT, False) for p in item.get("weak", [])]
        if not pats:
            raise ValueError(f"indicator {code} has no pattern")
        out[code] = Indicator(code, item["name"], item.get("unit"), tuple(pats),
                              tuple(_compile(p, False) for p in item.get("exclude", [])),
                              tuple(item.get("narrows", [])))
    for ind in out.values():
        unknown = set(ind.narrows) - set(out)
        if unknown:
            raise ValueError(f"indicator {ind.code} narrows unknown codes {sorted(unknown)}")
    return out


@lru_cache(maxsize=1)
def catalog() -> dict[str, Indicator]:
    """The indicator catalog, in file order: code → Indicator."""
    text = resources.files("normalize").joinpath("data/indicators.yaml").read_text("utf-8")
    return _load(yaml.safe_load(text))


def indicator_name(code: str | None) -> str | None:
    return catalog()[code].name if code in catalog() else None


def _prepare(text: str | None) -> tuple[str, str]:
    plain = squash_spaces(normalize_text(text or ""))
    return plain, fold(plain)


def _hits(ind: Indicator, plain: str, folded: str, place: str, factor: float) -> list[_Hit]:
    hits = []
    for source, rx, weight, exact in ind.patterns:
        m = rx.search(plain if exact else folded)
        if m:
            matched = plain[m.start():m.end()]
            spec = 0.7 + 0.3 * min(1.0, len(matched.strip()) / 25)
            hits.append(_Hit(ind.code, round(weight * spec * factor, 3), place, source, matched, m.start()))
    return hits


def candidates(text: str, row_context: str | None = None) -> list[_Hit]:
    """Best hit of every indicator not vetoed, best first (the raw material of the evidence)."""
    plain, folded = _prepare(text)
    cplain, cfolded = _prepare(row_context) if row_context else ("", "")
    best: list[_Hit] = []
    for ind in catalog().values():
        if any(rx.search(folded) for rx in ind.exclude):
            continue
        hits = _hits(ind, plain, folded, "text", 1.0)
        if cplain and cfolded != folded:
            hits += _hits(ind, cplain, cfolded, "context", CONTEXT_WEIGHT)
        if hits:
            best.append(max(hits, key=lambda h: (h.score, h.place == "text", -h.start)))
    return sorted(best, key=lambda h: (-h.score, h.place != "text", h.start))


def _describe(hit: _Hit) -> str:
    where = "target text" if hit.place == "text" else "table row"
    return f"{hit.code} {hit.score:.2f}: {where} has \u201c{hit.matched}\u201d (pattern {hit.pattern!r})"


def classify_target(text: str, row_context: str | None = None) -> IndicatorMatch:
    """The indicator a target measures, or code None when nothing in the catalog fits."""
    cands = candidates(text, row_context)
    strong = [h for h in cands if h.score >= THRESHOLD]
    if not strong:
        if cands:
            return IndicatorMatch(None, None, cands[0].score,
                                  f"no indicator: best candidate {_describe(cands[0])} is under {THRESHOLD}")
        return IndicatorMatch(None, None, 0.0, "no indicator: no phrasing of the catalog occurs")
    codes = {h.code for h in strong}
    narrowed = {n for h in strong for n in catalog()[h.code].narrows} & codes
    pool = [h for h in strong if h.code not in narrowed]
    top = pool[0].score
    tied = [h for h in pool if top - h.score <= TIE + 1e-9]
    winner = min(tied, key=lambda h: (h.place != "text", h.start, -h.score))
    why = [_describe(winner)]
    if narrowed:
        why.append(f"more specific than {', '.join(sorted(narrowed))}")
    others = [h for h in pool if h is not winner]
    if len(tied) > 1:
        why.append(f"tied with {', '.join(h.code for h in tied if h is not winner)}; named first")
    elif others:
        why.append(f"runner-up {others[0].code} {others[0].score:.2f}")
    return IndicatorMatch(winner.code, catalog()[winner.code].name, winner.score, "; ".join(why))


def row_context(task: dict | None) -> str | None:
    """The text of a target's appendix-table row: task name, product and quantity cell."""
    if not task:
        return None
    parts = [task.get(k) for k in ("name", "product", "quantity_text")]
    joined = " | ".join(p for p in parts if isinstance(p, str) and p.strip())
    return joined or None
