"""`kehoach compare`: every hospital's targets side by side, indicator by indicator.

Reads the tables of an output folder (documents, targets, tasks), gives each target an
indicator of the catalog (normalize/indicators.py, classified here at compare time from the
target's text and its appendix row) and each document its hospital identity
(normalize/orgs.py), and writes `comparison.parquet` into the folder: one row per hospital ×
target. The returned `Comparison` holds the long rows and the matrix (hospitals × indicators)
that the terminal, the workbook (report_xlsx) and the HTML report (report_html) show.

Filters: `province` (case and diacritics ignored), `year` (a target counts for a year when its
deadline falls in it; a target without a dated deadline counts for its plan's year and, when it
recurs or is continuous, for every later year), `indicator` (a catalog code).
"""
from __future__ import annotations

import shutil
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa

from normalize.indicators import catalog, classify_target, row_context
from normalize.orgs import resolve_org
from normalize.text import fold, strip_diacritics
from schemas.writer import read_table, write_table

from .batch import BatchError, OutputLock

STR, FLOAT, INT, DATE = pa.string(), pa.float64(), pa.int32(), pa.date32()

# comparison.parquet: (name, type, meaning); the first fifteen are the contract.
COMPARISON_COLUMNS: tuple[tuple[str, pa.DataType, str], ...] = (
    ("org_key", STR, "stable hospital key: <province slug>/<kind>-<name slug>, e.g. thanh-hoa/bvdk-hoang-hoa"),
    ("org_name", STR, "canonical hospital name: Bệnh viện Đa khoa Hoằng Hóa"),
    ("province", STR, "province of the hospital"),
    ("indicator", STR, "catalog code (normalize/data/indicators.yaml); null when no indicator fits"),
    ("indicator_name", STR, "the catalog's Vietnamese name of the indicator"),
    ("comparator", STR, "= | >= | > | <= | <"),
    ("value", FLOAT, "the number (85 for 85%)"),
    ("unit", STR, "% or the counted noun"),
    ("due_start", DATE, "first day of the deadline period"),
    ("due_end", DATE, "last day of the deadline period"),
    ("recurrence", STR, "continuous | annual | semiannual | quarterly | monthly | … | null"),
    ("doc_id", STR, "document"),
    ("target_id", STR, "target (targets.target_id)"),
    ("text", STR, "the target as written"),
    ("page", INT, "page of the target"),
    ("indicator_confidence", FLOAT, "0..1; under 0.5 the indicator is null"),
    ("indicator_evidence", STR, "why: the phrase found, where, and the runner-up"),
    ("per", STR, "rate denominator: năm, khoa, …"),
    ("deadline_text", STR, "deadline as written"),
    ("year", INT, "year the target counts for (deadline year, else the plan's year)"),
    ("responsible", pa.list_(STR), "canonical names of the responsible units"),
    ("source", STR, "objectives | appendix | task"),
    ("doc_number", STR, "number and symbol of the plan"),
    ("issued_year", INT, "year the plan was issued"),
    ("headline", pa.bool_(), "the target shown in the matrix cell of its hospital × indicator"),
)
SOURCE_RANK = {"appendix": 0, "objectives": 1, "task": 2}
SYMBOL = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": ""}


class CompareError(BatchError):
    """A usage problem of `kehoach compare`: no tables in the folder, an unknown indicator code."""


def comparison_schema() -> pa.Schema:
    return pa.schema([pa.field(n, t) for n, t, _ in COMPARISON_COLUMNS])


@dataclass
class Comparison:
    rows: pd.DataFrame                     # comparison.parquet, one row per hospital × target
    documents: pd.DataFrame                # documents with org identity, status and warnings
    orgs: list[tuple[str, str, str | None]]  # (org_key, org_name, province) in display order
    indicators: list[str]                  # codes with at least one target, catalog order
    path: Path | None = None
    filters: dict = field(default_factory=dict)

    def cell_rows(self, org_key: str, code: str) -> pd.DataFrame:
        r = self.rows
        return r[(r.org_key == org_key) & (r.indicator == code)]

    def headline(self, org_key: str, code: str) -> dict | None:
        cell = self.cell_rows(org_key, code)
        cell = cell[cell.headline]
        return None if cell.empty else cell.iloc[0].to_dict()

    @property
    def matrix(self) -> pd.DataFrame:
        """Hospitals × indicators; a cell reads "≥90% · Quý IV/2025", "—" when no target."""
        data = {code: [format_cell(self.headline(k, code)) for k, _, _ in self.orgs] for code in self.indicators}
        return pd.DataFrame(data, index=pd.Index([n for _, n, _ in self.orgs], name="org_name"))

    def format(self, width: int | None = None) -> str:
        return format_matrix(self, width)


# ------------------------------------------------------------------ formatting

def format_number(value) -> str:
    if value is None or pd.isna(value):
        return ""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def format_value(row: dict | None) -> str:
    """"≥90%", "100%", ">95%", "≥1 hội nghị/năm"; "có (không định lượng)" without a number."""
    if not row:
        return "—"
    if row.get("value") is None or pd.isna(row.get("value")):
        return "có (không định lượng)"
    unit = row.get("unit") or ""
    per = row.get("per")
    tail = unit if unit == "%" else f" {unit}" if unit else ""
    if isinstance(per, str) and per and f"/{per}" not in tail:
        tail += f"/{per}"
    return f"{SYMBOL.get(row.get('comparator') or '=', '')}{format_number(row['value'])}{tail}"


def format_deadline(row: dict | None) -> str:
    if not row:
        return ""
    text = row.get("deadline_text")
    if isinstance(text, str) and text:
        return text
    rec = row.get("recurrence")
    return rec if isinstance(rec, str) else ""


def format_cell(row: dict | None) -> str:
    if not row:
        return "—"
    deadline = format_deadline(row)
    return f"{format_value(row)} · {deadline}" if deadline else format_value(row)


def format_matrix(result: Comparison, width: int | None = None) -> str:
    width = width or shutil.get_terminal_size((120, 40)).columns
    names = catalog()
    lines = []
    if result.rows.empty or not result.indicators:
        lines.append("No target matches the filters." if result.rows.empty else
                     "No target could be given an indicator.")
    else:
        matrix = result.matrix
        orgs = list(matrix.index)
        cellw = {o: max(len(o), *(len(v) for v in matrix.loc[o])) for o in orgs}
        codew = max(len(c) for c in result.indicators)
        wide = codew + 2 + sum(cellw[o] + 2 for o in orgs)
        if wide <= width:
            # indicators down, hospitals across: the matrix transposed, which fits a terminal
            # better (few hospitals, many indicators)
            head = f"{'indicator':<{codew}}  " + "  ".join(f"{o:<{cellw[o]}}" for o in orgs)
            lines += [head, "-" * len(head)]
            for code in result.indicators:
                lines.append(f"{code:<{codew}}  " + "  ".join(f"{matrix.loc[o, code]:<{cellw[o]}}" for o in orgs))
        else:
            for org in orgs:
                lines.append(org)
                for code in result.indicators:
                    lines.append(f"  {code:<{codew}}  {matrix.loc[org, code]}")
        lines += ["", "indicators:"] + [f"  {c:<{codew}}  {names[c].name}" for c in result.indicators]
    unclassified = int(result.rows.indicator.isna().sum()) if not result.rows.empty else 0
    lines.append("")
    lines.append(f"{len(result.orgs)} hospital(s), {len(result.rows)} target(s), "
                 f"{len(result.indicators)} indicator(s), {unclassified} target(s) without indicator"
                 + (f"; written to {result.path}" if result.path else ""))
    return "\n".join(lines)


# ------------------------------------------------------------------ building

def _frame(table: str, out_dir: Path) -> pd.DataFrame | None:
    arrow = read_table(table, out_dir)
    return None if arrow is None else arrow.to_pandas()


def _same_place(a: str | None, b: str) -> bool:
    if not a:
        return False
    key = lambda s: strip_diacritics(fold(s)).replace("tinh ", "").replace("thanh pho ", "").strip()
    return key(a) == key(b)


def _counts_for_year(row: dict, year: int) -> bool:
    if row["due_end"] is not None and not pd.isna(row["due_end"]):
        start = row["due_start"] if row["due_start"] is not None and not pd.isna(row["due_start"]) else row["due_end"]
        return start.year <= year <= row["due_end"].year
    plan_year = row.get("issued_year")
    if plan_year is None or pd.isna(plan_year):
        return True
    if isinstance(row.get("recurrence"), str):
        return year >= int(plan_year)
    return year == int(plan_year)


def _target_year(row: dict, doc: dict) -> int | None:
    if row.get("year") is not None and not pd.isna(row.get("year")):
        return int(row["year"])
    y = doc.get("issued_year")
    return None if y is None or pd.isna(y) else int(y)


def _mark_headlines(rows: list[dict]) -> None:
    """The target a matrix cell shows: one with a number before one without; one in the unit
    most targets of that indicator use (so that cells compare: "100%" beside "≥90%", not
    "1 hệ thống"); an appendix row before an objective bullet before a task product (the
    appendix carries the deadline and the responsible unit); then document order."""
    groups: dict[tuple, list[dict]] = {}
    units: dict[str, Counter] = {}
    for r in rows:
        r["headline"] = False
        if r["indicator"]:
            groups.setdefault((r["org_key"], r["indicator"]), []).append(r)
            if r["value"] is not None:
                units.setdefault(r["indicator"], Counter())[r["unit"]] += 1
    for (_, code), group in groups.items():
        modal = units[code].most_common(1)[0][0] if code in units else None
        best = min(group, key=lambda r: (r["value"] is None, r["unit"] != modal,
                                         SOURCE_RANK.get(r["source"], 9), r["target_id"]))
        best["headline"] = True


def build_rows(documents: pd.DataFrame, targets: pd.DataFrame, tasks: pd.DataFrame | None) -> list[dict]:
    """One comparison row per target (no filter), with indicator and hospital identity."""
    task_by_key: dict[tuple, dict] = {}
    if tasks is not None:
        for t in tasks.to_dict("records"):
            task_by_key.setdefault((t["doc_id"], t["task_no"]), t)
    docs = {d["doc_id"]: d for d in documents.to_dict("records")}
    orgs = {d_id: resolve_org(d.get("issuer"), d.get("province"), d.get("parent_issuer"), d_id)
            for d_id, d in docs.items()}
    out = []
    for t in targets.to_dict("records"):
        doc = docs.get(t["doc_id"], {})
        org = orgs.get(t["doc_id"]) or resolve_org(None, fallback_id=t["doc_id"])
        task = task_by_key.get((t["doc_id"], t["task_no"])) if isinstance(t.get("task_no"), str) else None
        match = classify_target(t["text"], row_context(task))
        clean = lambda v: None if v is None or (isinstance(v, float) and pd.isna(v)) else v
        out.append(dict(
            org_key=org.org_key, org_name=org.org_name, province=org.province,
            indicator=match.code, indicator_name=match.name,
            comparator=clean(t["comparator"]), value=clean(t["value"]), unit=clean(t["unit"]),
            due_start=clean(t["due_start"]), due_end=clean(t["due_end"]), recurrence=clean(t["recurrence"]),
            doc_id=t["doc_id"], target_id=t["target_id"], text=t["text"], page=clean(t["page"]),
            indicator_confidence=round(float(match.confidence), 3), indicator_evidence=match.evidence,
            per=clean(t["per"]), deadline_text=clean(t["deadline_text"]), year=_target_year(t, doc),
            responsible=list(t["responsible"]) if t.get("responsible") is not None else [],
            source=t["source"], doc_number=clean(doc.get("doc_number")),
            issued_year=clean(doc.get("issued_year")),
        ))
    return out


def _document_frame(documents: pd.DataFrame, manifest: pd.DataFrame | None) -> pd.DataFrame:
    docs = documents.drop(columns=[c for c in ("text",) if c in documents.columns]).copy()
    idents = [resolve_org(d.get("issuer"), d.get("province"), d.get("parent_issuer"), d["doc_id"])
              for d in docs.to_dict("records")]
    docs.insert(1, "org_key", [o.org_key for o in idents])
    docs.insert(2, "org_name", [o.org_name for o in idents])
    if manifest is not None and not manifest.empty:
        status = manifest.dropna(subset=["doc_id"]).drop_duplicates("doc_id", keep="last").set_index("doc_id")["status"]
        docs["status"] = docs["doc_id"].map(status)
    return docs


FORMAT_RANK = {"pdf": 0, "docx": 1, "text": 2}


def _plan_key(doc: dict) -> tuple:
    """What makes two files one plan: same hospital, same number (or, the number left blank,
    same title) and same date. Agencies send the signed PDF and the Word draft of one plan."""
    number = doc.get("doc_number")
    ident = number if isinstance(number, str) and number else strip_diacritics(fold(str(doc.get("title") or "")))
    return doc["org_key"], ident, str(doc.get("issued_date"))


def mark_duplicate_plans(docs: pd.DataFrame) -> pd.DataFrame:
    """Add `duplicate_of`: the doc_id of the copy compared instead (null for the one kept). The
    kept copy: extracted without failure, then the signed PDF before DOCX before text, then the
    fewest warnings, then doc_id, so the choice does not depend on file order."""
    docs = docs.copy()
    docs["duplicate_of"] = None
    records = docs.to_dict("records")
    groups: dict[tuple, list[int]] = {}
    for i, d in enumerate(records):
        groups.setdefault(_plan_key(d), []).append(i)
    for members in groups.values():
        rank = lambda i: (records[i].get("status") == "failed",
                          FORMAT_RANK.get(records[i].get("source_format"), 9),
                          len(records[i].get("warnings") if records[i].get("warnings") is not None else []),
                          records[i]["doc_id"])
        kept = min(members, key=rank)
        for i in members:
            if i != kept:
                docs.iat[i, docs.columns.get_loc("duplicate_of")] = records[kept]["doc_id"]
    return docs


def document_notes(doc: dict) -> list[str]:
    """What the reports say of a document: that it is another copy of a compared plan, then
    its extraction warnings."""
    notes = list(doc["warnings"]) if doc.get("warnings") is not None else []
    if isinstance(doc.get("duplicate_of"), str):
        notes.insert(0, f"bản khác của cùng kế hoạch; so sánh theo doc_id {doc['duplicate_of']}")
    return notes


def compare(out_dir: Path | str, province: str | None = None, year: int | None = None,
            indicator: str | None = None) -> Comparison:
    """Classify, filter and write `comparison.parquet` into out_dir; return the comparison."""
    out_dir = Path(out_dir)
    if indicator is not None:
        code = indicator.strip().upper()
        if code not in catalog():
            raise CompareError(f"Unknown indicator {indicator!r}; known codes: {', '.join(catalog())}.")
        indicator = code
    documents, targets = _frame("documents", out_dir), _frame("targets", out_dir)
    if documents is None or targets is None:
        raise CompareError(f"{out_dir} holds no extracted tables; run `kehoach extract … -o {out_dir}` first.")
    docs = mark_duplicate_plans(_document_frame(documents, _frame("manifest", out_dir)))
    kept = set(docs.loc[docs.duplicate_of.isna(), "doc_id"])
    rows = build_rows(documents, targets[targets.doc_id.isin(kept)], _frame("tasks", out_dir))
    if province:
        rows = [r for r in rows if _same_place(r["province"], province)]
        docs = docs[[_same_place(p, province) for p in docs["province"]]]
    if year is not None:
        rows = [r for r in rows if _counts_for_year(r, year)]
    if indicator:
        rows = [r for r in rows if r["indicator"] == indicator]
    _mark_headlines(rows)
    table = pa.Table.from_pylist(rows, schema=comparison_schema())
    with OutputLock(out_dir):
        path = write_table("comparison", table, out_dir)
    frame = table.to_pandas()
    for col in ("due_start", "due_end"):  # keep datetime.date objects, as in the tables
        frame[col] = [None if v is None or pd.isna(v) else v for v in table.column(col).to_pylist()]
    if frame.empty:
        frame = pd.DataFrame({n: pd.Series(dtype=object) for n, _, _ in COMPARISON_COLUMNS})
    order = {code: i for i, code in enumerate(catalog())}
    used = sorted({c for c in frame["indicator"].dropna()}, key=order.get)
    orgs = sorted({(r["org_key"], r["org_name"], r["province"]) for r in rows} |
                  {(d["org_key"], d["org_name"], d["province"]) for d in docs.to_dict("records")},
                  key=lambda o: (str(o[2] or ""), o[1]))
    return Comparison(frame, docs.reset_index(drop=True), orgs, used, path,
                      dict(province=province, year=year, indicator=indicator))


def explain_indicators(tables: dict[str, list[dict]]) -> list[str]:
    """For `kehoach show`: every target's indicator (or none) and why, one block per target."""
    tasks = {t["task_no"]: t for t in tables.get("tasks", [])}
    out = [f"Indicators ({len(tables.get('targets', []))} targets)"]
    for t in tables.get("targets", []):
        match = classify_target(t["text"], row_context(tasks.get(t.get("task_no"))))
        label = f"{match.code} ({match.name})" if match.code else "— no indicator"
        out.append(f"  p{t['page']} {label} [{match.confidence:.2f}] — {t['text'][:70]}")
        out.append(f"      why: {match.evidence}")
    return out
