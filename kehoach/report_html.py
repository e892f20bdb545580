"""`kehoach compare --html FILE`: one self-contained static HTML report.

No server and no external resource: the CSS, the few lines of JavaScript and the SVG charts are
written inline by this module. The page holds the matrix (hospitals × indicators), for every
cell the sentence(s) it came from with document and page, and per indicator a chart comparing
the hospitals' target values (bars) and deadlines (a shared time axis), then the sources.

A cell is marked "weaker" when another hospital set a stricter target for the same indicator
in the same unit (higher for ≥ / = / >, lower for ≤ / <), and "none" when the hospital set no
target for it: the two things provincial staff look for.
"""
from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import pandas as pd

from normalize.indicators import catalog

from .compare import Comparison, document_notes, format_deadline, format_value

CSS = """
body{font-family:"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",Arial,sans-serif;margin:24px;color:#1b1b1b;background:#fff}
h1{font-size:22px;margin:0 0 4px} h2{font-size:18px;margin:28px 0 6px;border-bottom:2px solid #1f4e79;padding-bottom:3px}
.meta{color:#555;font-size:13px;margin-bottom:12px}
.legend span{display:inline-block;padding:1px 8px;margin-right:8px;border-radius:3px;font-size:12px}
table{border-collapse:collapse;font-size:13px}
#matrix th,#matrix td{border:1px solid #c9d3dd;padding:4px 6px;vertical-align:top}
#matrix thead th{background:#1f4e79;color:#fff;position:sticky;top:0;min-width:110px;font-weight:600}
#matrix thead th a{color:#fff;text-decoration:none}
#matrix tbody th{background:#eef3f8;text-align:left;min-width:200px;position:sticky;left:0}
.wrap{overflow:auto;max-height:80vh;border:1px solid #c9d3dd}
td.none{background:#f4f4f4;color:#999;text-align:center}
td.weaker{background:#fff1e0}
td.best{background:#e8f5e9}
.v{font-weight:700;font-size:14px} .d{color:#444;font-size:12px}
details{margin-top:3px} summary{cursor:pointer;color:#1f4e79;font-size:12px}
blockquote{margin:3px 0 1px;padding:2px 6px;border-left:3px solid #1f4e79;background:#f7f9fb;font-size:12px;max-width:320px}
.src{font-size:11px;color:#666;margin:0 0 4px}
.sources td,.sources th{border:1px solid #ddd;padding:3px 6px;vertical-align:top;font-size:12px}
.sources th{background:#eef3f8}
svg text{font-family:inherit}
button{margin:6px 0;padding:4px 10px}
"""

JS = """
document.getElementById('toggle').addEventListener('click', function () {
  var all = document.querySelectorAll('#matrix details');
  var open = !all[0] || !all[0].open;
  all.forEach(function (d) { d.open = open; });
  this.textContent = open ? 'Ẩn nguồn' : 'Hiện nguồn của mọi ô';
});
document.querySelectorAll('svg .bar').forEach(function (bar) {
  bar.addEventListener('mouseenter', function () { bar.setAttribute('opacity', '0.75'); });
  bar.addEventListener('mouseleave', function () { bar.setAttribute('opacity', '1'); });
});
document.body.setAttribute('data-ready', '1');
"""

BETTER_HIGH = {">=", ">", "=", None}
COLOURS = {"best": "#2e7d32", "weaker": "#ef6c00", "only": "#1f4e79"}


def esc(value) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _nan(v) -> bool:
    return v is None or (not isinstance(v, (str, list, dt.date)) and pd.isna(v))


def _doc_label(doc: dict, doc_id: str) -> str:
    number = next((doc.get(k) for k in ("doc_number", "doc_symbol") if not _nan(doc.get(k))), None)
    path = doc.get("source_path")
    name = Path(path).name if isinstance(path, str) else doc_id
    return f"{number} ({name})" if number else name


def _ranks(result: Comparison, code: str) -> dict[str, str]:
    """org_key → best | weaker | only, comparing headline values in the indicator's main unit."""
    heads = {k: result.headline(k, code) for k, _, _ in result.orgs}
    heads = {k: h for k, h in heads.items() if h and not _nan(h.get("value"))}
    if not heads:
        return {}
    units = pd.Series([h.get("unit") for h in heads.values()]).value_counts()
    unit = units.index[0] if len(units) else None
    same = {k: h for k, h in heads.items() if h.get("unit") == unit}
    if len(same) < 2:
        return {k: "only" for k in same}
    high = sum(h.get("comparator") in BETTER_HIGH for h in same.values()) >= len(same) / 2
    best = max(h["value"] for h in same.values()) if high else min(h["value"] for h in same.values())
    return {k: "best" if h["value"] == best else "weaker" for k, h in same.items()}


def _cell(result: Comparison, key: str, code: str, docs: dict, rank: str | None) -> str:
    rows = result.cell_rows(key, code)
    if rows.empty:
        return '<td class="none" title="không có chỉ tiêu">—</td>'
    rows = rows.sort_values(["headline", "target_id"], ascending=[False, True]).to_dict("records")
    head = rows[0]
    cls = {"weaker": "weaker", "best": "best"}.get(rank, "")
    title = ' title="chỉ tiêu thấp hơn bệnh viện khác"' if rank == "weaker" else ""
    quotes = "".join(
        f'<blockquote>{esc(r["text"])}</blockquote><p class="src">{esc(_doc_label(docs.get(r["doc_id"], {}), r["doc_id"]))}'
        f', trang {esc(r["page"])} · {esc(r["source"])} · {esc(format_value(r))}</p>' for r in rows)
    return (f'<td class="{cls}" data-org="{esc(key)}" data-indicator="{esc(code)}"{title}>'
            f'<div class="v">{esc(format_value(head))}</div><div class="d">{esc(format_deadline(head))}</div>'
            f'<details><summary>nguồn ({len(rows)})</summary>{quotes}</details></td>')


def _time_axis(result: Comparison) -> tuple[dt.date, dt.date]:
    dates = [d for col in ("due_start", "due_end") for d in result.rows[col] if isinstance(d, dt.date)]
    years = [d.year for d in dates] + [int(y) for y in result.rows["year"].dropna()]
    lo, hi = (min(years), max(years)) if years else (dt.date.today().year, dt.date.today().year)
    return dt.date(lo, 1, 1), dt.date(hi, 12, 31)


def _chart(result: Comparison, code: str, axis: tuple[dt.date, dt.date]) -> str:
    """Bars of the hospitals' target values beside their deadlines on a shared time axis."""
    label_w, bar_x, bar_w, time_x, time_w, row_h, top = 300, 310, 300, 650, 300, 28, 34
    orgs = result.orgs
    height = top + row_h * len(orgs) + 10
    ranks = _ranks(result, code)
    heads = {k: result.headline(k, code) for k, _, _ in orgs}
    valued = [h for h in heads.values() if h and not _nan(h.get("value"))]
    units = pd.Series([h.get("unit") for h in valued]).value_counts()
    unit = units.index[0] if len(units) else None
    scale = 100.0 if unit == "%" else max([h["value"] for h in valued if h.get("unit") == unit] or [1]) * 1.15
    span = (axis[1] - axis[0]).days or 1
    tx = lambda d: time_x + time_w * (d - axis[0]).days / span
    out = [f'<svg width="{time_x + time_w + 20}" height="{height}" '
           f'role="img" aria-label="{esc(catalog()[code].name)}" class="chart" data-indicator="{esc(code)}">',
           f'<text x="{bar_x}" y="16" font-size="12" fill="#333">Chỉ tiêu ({esc(unit or "")})</text>',
           f'<text x="{time_x}" y="16" font-size="12" fill="#333">Thời hạn</text>']
    for year in range(axis[0].year, axis[1].year + 2):
        x = tx(dt.date(year, 1, 1)) if year <= axis[1].year else time_x + time_w
        out.append(f'<line x1="{x:.1f}" y1="22" x2="{x:.1f}" y2="{height - 6}" stroke="#ddd"/>')
        if year <= axis[1].year:
            out.append(f'<text x="{x + 3:.1f}" y="30" font-size="10" fill="#777">{year}</text>')
    for i, (key, name, _) in enumerate(orgs):
        y = top + i * row_h
        h = heads[key]
        out.append(f'<text x="{label_w}" y="{y + 17}" font-size="12" text-anchor="end">{esc(name)}</text>')
        if not h:
            out.append(f'<text x="{bar_x}" y="{y + 17}" font-size="11" fill="#999">không có chỉ tiêu</text>')
            continue
        if not _nan(h.get("value")) and h.get("unit") == unit:
            w = max(2.0, min(1.0, h["value"] / scale) * bar_w)
            colour = COLOURS.get(ranks.get(key, "only"), COLOURS["only"])
            out.append(f'<rect class="bar" x="{bar_x}" y="{y + 5}" width="{w:.1f}" height="{row_h - 10}" '
                       f'fill="{colour}"><title>{esc(name)}: {esc(format_value(h))}</title></rect>')
            out.append(f'<text x="{bar_x + w + 4:.1f}" y="{y + 17}" font-size="11">{esc(format_value(h))}</text>')
        else:
            out.append(f'<text x="{bar_x}" y="{y + 17}" font-size="11" fill="#555">{esc(format_value(h))}</text>')
        start, end = h.get("due_start"), h.get("due_end")
        if isinstance(end, dt.date):
            start = start if isinstance(start, dt.date) else end
            x0, x1 = tx(max(start, axis[0])), tx(min(end, axis[1]))
            out.append(f'<rect x="{x0:.1f}" y="{y + 8}" width="{max(3.0, x1 - x0):.1f}" height="{row_h - 16}" '
                       f'fill="#7b1fa2"><title>{esc(format_deadline(h))}: {start} → {end}</title></rect>')
            out.append(f'<text x="{min(x1 + 4, time_x + time_w - 60):.1f}" y="{y + 17}" font-size="10" '
                       f'fill="#333">{esc(format_deadline(h))}</text>')
        else:
            out.append(f'<text x="{time_x}" y="{y + 17}" font-size="10" fill="#555">'
                       f'{esc(format_deadline(h) or "không ghi thời hạn")}</text>')
    out.append("</svg>")
    return "".join(out)


def _sources_table(result: Comparison, code: str, docs: dict) -> str:
    rows = result.rows[result.rows.indicator == code].to_dict("records")
    body = "".join(
        f'<tr><td>{esc(r["org_name"])}</td><td>{esc(format_value(r))}</td><td>{esc(format_deadline(r))}</td>'
        f'<td>{esc("; ".join(r["responsible"]) if r["responsible"] is not None else "")}</td>'
        f'<td>{esc(r["text"])}</td><td>{esc(_doc_label(docs.get(r["doc_id"], {}), r["doc_id"]))}, trang {esc(r["page"])}</td>'
        f'<td title="{esc(r["indicator_evidence"])}">{r["indicator_confidence"]:.2f}</td></tr>' for r in rows)
    return ('<table class="sources"><tr><th>Bệnh viện</th><th>Chỉ tiêu</th><th>Thời hạn</th><th>Đơn vị phụ trách</th>'
            f'<th>Nguyên văn</th><th>Văn bản, trang</th><th>Độ tin cậy</th></tr>{body}</table>')


def render_html(result: Comparison) -> str:
    names = catalog()
    docs = {d["doc_id"]: d for d in result.documents.to_dict("records")}
    filters = ", ".join(f"{k}={v}" for k, v in result.filters.items() if v is not None) or "không lọc"
    head = "".join(f'<th title="{esc(names[c].name)}"><a href="#ind-{esc(c)}">{esc(names[c].name)}</a>'
                   f'<br><small>{esc(c)}</small></th>' for c in result.indicators)
    ranks = {c: _ranks(result, c) for c in result.indicators}
    body = "".join(
        f'<tr data-org="{esc(key)}"><th>{esc(name)}<br><small>{esc(province or "")}</small></th>'
        + "".join(_cell(result, key, c, docs, ranks[c].get(key)) for c in result.indicators) + "</tr>"
        for key, name, province in result.orgs)
    axis = _time_axis(result)
    sections = "".join(
        f'<section id="ind-{esc(c)}"><h2>{esc(names[c].name)} <small>({esc(c)})</small></h2>'
        f'{_chart(result, c, axis)}{_sources_table(result, c, docs)}</section>' for c in result.indicators)
    unclassified = result.rows[result.rows.indicator.isna()].to_dict("records")
    none_rows = "".join(f'<tr><td>{esc(r["org_name"])}</td><td>{esc(format_value(r))}</td><td>{esc(r["text"])}</td>'
                        f'<td>{esc(r["indicator_evidence"])}</td></tr>' for r in unclassified)
    doc_rows = "".join(
        f'<tr><td>{esc(d["org_name"])}</td><td>{esc(_doc_label(d, d["doc_id"]))}</td><td>{esc(d.get("title"))}</td>'
        f'<td>{esc("; ".join(document_notes(d)))}</td></tr>'
        for d in docs.values())
    generated = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>So sánh chỉ tiêu chuyển đổi số giữa các bệnh viện</title>
<style>{CSS}</style></head>
<body>
<h1>So sánh chỉ tiêu chuyển đổi số giữa các bệnh viện</h1>
<p class="meta">{len(result.orgs)} bệnh viện · {len(result.rows)} chỉ tiêu · {len(result.indicators)} nhóm chỉ tiêu ·
bộ lọc: {esc(filters)} · tạo lúc {generated} bởi kehoach compare</p>
<p class="legend"><span style="background:#e8f5e9">chỉ tiêu cao nhất</span><span style="background:#fff1e0">thấp hơn bệnh viện khác</span><span style="background:#f4f4f4">không có chỉ tiêu</span></p>
<button id="toggle" type="button">Hiện nguồn của mọi ô</button>
<div class="wrap"><table id="matrix"><thead><tr><th>Bệnh viện</th>{head}</tr></thead><tbody>{body}</tbody></table></div>
{sections}
<section id="unclassified"><h2>Chỉ tiêu chưa phân loại ({len(unclassified)})</h2>
<table class="sources"><tr><th>Bệnh viện</th><th>Chỉ tiêu</th><th>Nguyên văn</th><th>Lý do</th></tr>{none_rows}</table></section>
<section id="documents"><h2>Văn bản và cảnh báo khi trích xuất</h2>
<table class="sources"><tr><th>Bệnh viện</th><th>Văn bản</th><th>Trích yếu</th><th>Cảnh báo</th></tr>{doc_rows}</table></section>
<script>{JS}</script>
</body></html>
"""


def write_html(result: Comparison, path: Path | str) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(result), encoding="utf-8")
    return path
