"""Field-level evaluation against hand-written gold files, in the manner of GROBID's.

Every gold field of every gold row is one instance: a predicted value that matches is a true
positive; a wrong value is a false positive and a false negative; a gold row with no predicted
row counts a false negative per field, a predicted row with no gold row a false positive per
field. Comparison folds case, white space, spaces around hyphens, curly quotes and tone
placement; long texts must be 95% similar; `alternatives` lists other accepted values.
"""
from __future__ import annotations

import datetime as dt
import json
import math
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pyarrow.parquet as pq
from rapidfuzz import fuzz

from normalize.text import fold, normalize_text, squash_spaces

LONG_TEXT_FIELDS = {"title", "name", "product", "text", "group_title", "cited_subject", "quantity_text"}
SIMILARITY = 95.0
EVALUATED_TABLES = ("documents", "legal_basis", "targets", "tasks")


def canonical(value):
    """Comparable form of a gold or predicted value."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, (list, tuple)):
        return sorted(canonical(v) for v in value)
    if hasattr(value, "tolist"):
        return canonical(value.tolist())
    text = normalize_text(str(value)).replace("“", '"').replace("”", '"').replace("’", "'")
    text = squash_spaces(text).replace(" - ", "-").replace(" -", "-").replace("- ", "-")
    return fold(text)


def values_match(name: str, gold, predicted) -> bool:
    g, p = canonical(gold), canonical(predicted)
    if g is None or p is None:
        return g is None and p is None
    if name in LONG_TEXT_FIELDS and isinstance(g, str) and isinstance(p, str):
        return g == p or fuzz.ratio(g, p) >= SIMILARITY
    return g == p


def field_matches(name: str, gold_row: dict, predicted: dict) -> bool:
    accepted = [gold_row.get(name)] + list(gold_row.get("alternatives", {}).get(name, []))
    return any(values_match(name, value, predicted.get(name)) for value in accepted)


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Counts") -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    fields: dict[str, dict[str, Counts]] = field(default_factory=lambda: defaultdict(dict))
    mismatches: list[str] = field(default_factory=list)

    def count(self, table: str, name: str) -> Counts:
        return self.fields[table].setdefault(name, Counts())

    def table_counts(self, table: str) -> Counts:
        total = Counts()
        for c in self.fields.get(table, {}).values():
            total.add(c)
        return total


def _gold_fields(rows: list[dict]) -> list[str]:
    names: list[str] = []
    for row in rows:
        names += [k for k in row if k != "alternatives" and k not in names]
    return names


def compare_rows(report: Report, table: str, doc: str, pairs, unmatched_gold, unmatched_pred,
                 names: list[str]) -> None:
    for gold_row, pred in pairs:
        for name in names:
            if name not in gold_row:
                continue
            c = report.count(table, name)
            if field_matches(name, gold_row, pred):
                c.tp += 1
                continue
            c.fn += gold_row.get(name) is not None
            c.fp += pred.get(name) is not None
            report.mismatches.append(f"{doc} {table}.{name}: gold {gold_row.get(name)!r} "
                                     f"≠ {pred.get(name)!r}")
    for gold_row in unmatched_gold:
        for name in names:
            if name in gold_row:
                report.count(table, name).fn += gold_row[name] is not None
        report.mismatches.append(f"{doc} {table}: gold row not found: {_short(gold_row)}")
    for pred in unmatched_pred:
        for name in names:
            report.count(table, name).fp += pred.get(name) is not None
        report.mismatches.append(f"{doc} {table}: extra row: {_short(pred)}")


def _short(row: dict) -> str:
    keys = ("cited_number", "task_no", "text", "name")
    return ", ".join(f"{k}={str(row[k])[:60]!r}" for k in keys if row.get(k) is not None)


def pair_by_key(gold: list[dict], pred: list[dict], key: str):
    remaining = list(pred)
    pairs, lost = [], []
    for g in gold:
        hit = next((p for p in remaining if field_matches(key, g, p)), None)
        if hit is None:
            lost.append(g)
        else:
            remaining.remove(hit)
            pairs.append((g, hit))
    return pairs, lost, remaining


_TIE_FIELDS = ("value", "year", "due_end")


def pair_by_text(gold: list[dict], pred: list[dict], key: str = "text", threshold: float = 80.0):
    """Greedy best-first pairing by text similarity (targets have no natural key); between rows
    of one text (a roadmap's years, a bullet with two milestones) the row agreeing on more of
    value, year and due date pairs first."""
    scored = sorted(((fuzz.ratio(canonical(g[key]) or "", canonical(p[key]) or ""),
                      sum(field_matches(f, g, p) for f in _TIE_FIELDS if f in g), gi, pi)
                     for gi, g in enumerate(gold) for pi, p in enumerate(pred)), reverse=True)
    used_g, used_p, pairs = set(), set(), []
    for score, _, gi, pi in scored:
        if score < threshold or gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gold[gi], pred[pi]))
    return (pairs, [g for i, g in enumerate(gold) if i not in used_g],
            [p for i, p in enumerate(pred) if i not in used_p])


def _rows_by_doc(out_dir: Path, table: str) -> dict[str, list[dict]]:
    path = out_dir / f"{table}.parquet"
    if not path.exists():
        return defaultdict(list)
    stat = path.stat()
    return _read_rows_by_doc(str(path.resolve()), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=16)
def _read_rows_by_doc(path: str, mtime_ns: int, size: int) -> dict[str, list[dict]]:
    """A table's rows by document, read once per version of the file: evaluating one gold file
    at a time (a test per sample) would otherwise read every table again each time. Callers
    only read the rows; the file's time and size in the key make a rewritten table read again."""
    grouped: dict[str, list[dict]] = defaultdict(list)
    for row in pq.read_table(path).to_pylist():
        grouped[row["doc_id"]].append(row)
    return grouped


def evaluate(gold_dir: Path, out_dir: Path, gold_files: list[Path] | None = None) -> Report:
    """Score the tables in `out_dir` against every gold file of `gold_dir` (or `gold_files`)."""
    report = Report()
    docs = {r["source_sha256"]: r for rows in _rows_by_doc(out_dir, "documents").values() for r in rows}
    tables = {t: _rows_by_doc(out_dir, t) for t in EVALUATED_TABLES[1:]}
    for gold_path in gold_files or sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_path.read_text("utf-8"))
        doc = docs.get(gold["source_sha256"])
        name = gold.get("source_file", gold_path.name)
        doc_id = doc["doc_id"] if doc else None
        g_doc = gold.get("document", {})
        pairs = [(g_doc, doc)] if doc else []
        compare_rows(report, "documents", name, pairs, [] if doc else [g_doc], [], _gold_fields([g_doc]))
        _evaluate_lists(report, name, gold, {t: tables[t].get(doc_id, []) for t in tables})
    return report


def _evaluate_lists(report: Report, name: str, gold: dict, predicted: dict[str, list[dict]]) -> None:
    lb = gold.get("legal_basis", [])
    compare_rows(report, "legal_basis", name, *pair_by_key(lb, predicted["legal_basis"], "cited_number"),
                 _gold_fields(lb))
    targets = gold.get("targets", [])
    sources = {t.get("source") for t in targets} or {"objectives", "appendix"}
    pred_targets = [t for t in predicted["targets"] if t["source"] in sources]
    compare_rows(report, "targets", name, *pair_by_text(targets, pred_targets), _gold_fields(targets))
    tasks = gold.get("tasks", [])
    compare_rows(report, "tasks", name, *pair_by_key(tasks, predicted["tasks"], "task_no"),
                 _gold_fields(tasks))


def format_report(report: Report, per_field: bool = True) -> str:
    lines = [f"{'table / field':34} {'prec':>6} {'rec':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"]
    for table in EVALUATED_TABLES:
        if table not in report.fields:
            continue
        if per_field:
            for fname, c in report.fields[table].items():
                lines.append(f"  {table}.{fname:<{30 - len(table)}} {c.precision:6.3f} {c.recall:6.3f} "
                             f"{c.f1:6.3f} {c.tp:5d} {c.fp:5d} {c.fn:5d}")
        c = report.table_counts(table)
        lines.append(f"{table:34} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f} "
                     f"{c.tp:5d} {c.fp:5d} {c.fn:5d}")
    return "\n".join(lines)
