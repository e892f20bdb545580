"""Make DOCX and PDF renditions of the real seed documents, the way agencies make them.

Each `samples/renditions/<name>.yaml` describes one document (header block, type line,
title, body paragraphs, Nơi nhận, signature, appendix table) as transcribed by hand from
a seed text. This script builds from it:

* `<name>.docx` with python-docx in the layout of Nghị định 30/2020/NĐ-CP: A4 portrait,
  Times New Roman 13-14 pt, the header and the signature block as borderless two-column
  tables, then the appendix in a new landscape section with a ruled table whose header row
  repeats on every page (w:tblHeader), Roman-numeral section rows merged over the other
  columns (w:gridSpan), and rows allowed to break across pages (no w:cantSplit);
* `<name>.pdf` by LibreOffice (`soffice --headless --convert-to pdf`);
* `samples/gold/<name>.docx.gold.json` and `<name>.pdf.gold.json`: the seed's gold with the
  file's own `source_file` and `source_sha256` (values unchanged; `gold_additions` of the
  description may add fields that the rendition necessarily has, e.g. a place).
  For a description with `derive_from` + `copies` (the long variant) the task rows are
  the seed's repeated with continued numbering and the tasks gold is generated alike.

Then it checks each PDF with pdfplumber (a table found by `page.find_tables()` on every
appendix page; which task rows are cut by a page break) and writes a note on the cut rows
into the PDF's gold.

The produced files are committed, so tests need neither LibreOffice nor this script:

    .venv/bin/python samples/make_renditions.py            # build everything
    .venv/bin/python samples/make_renditions.py --check    # only check the committed PDFs

Regenerating changes the PDFs' bytes (LibreOffice stamps a creation date and an id), so
the gold files' `source_sha256` are rewritten each time; the DOCX bytes are reproducible.
"""
from __future__ import annotations

import argparse
import copy
import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from datetime import datetime
from pathlib import Path

import yaml
from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

HERE = Path(__file__).resolve().parent
REND = HERE / "renditions"
GOLD = HERE / "gold"
FONT = "Times New Roman"
FIXED_TIME = datetime(2026, 1, 1, 8, 0, 0)


# ----------------------------------------------------------------------------- descriptions

def load_description(path: Path) -> dict:
    desc = yaml.safe_load(path.read_text("utf-8"))
    if "derive_from" in desc:
        base = load_description(REND / desc["derive_from"])
        derived = copy.deepcopy(base)
        for key in ("name", "gold_additions", "layout"):
            if key in desc:
                derived[key] = desc[key]
        derived["copies"] = desc.get("copies", 1)
        derived["appendix"]["rows"] = repeat_rows(base["appendix"]["rows"], derived["copies"])
        return derived
    desc.setdefault("copies", 1)
    return desc


def repeat_rows(rows: list, copies: int) -> list:
    """Each section's task rows `copies` times, numbered on from 1; a task row remembers the
    seed row it copies in `of` (its seed TT)."""
    out, n, block = [], 0, []

    def flush():
        nonlocal n
        for _ in range(copies):
            for cells in block:
                n += 1
                out.append({"cells": [str(n)] + list(cells[1:]), "of": cells[0]})
        block.clear()

    for row in rows:
        if isinstance(row, dict):
            flush()
            out.append(row)
        else:
            block.append(row)
    flush()
    return out


def task_rows(rows: list) -> list[tuple[list, str]]:
    """(cells, seed task number) of each task row."""
    out = []
    for row in rows:
        if isinstance(row, dict) and "section" in row:
            continue
        if isinstance(row, dict):
            out.append((row["cells"], row["of"]))
        else:
            out.append((row, row[0]))
    return out


# ----------------------------------------------------------------------------- docx helpers

def set_run_font(run, size=None, bold=None, italic=None):
    run.font.name = FONT
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    if size is not None:
        run.font.size = Pt(size)
    if bold is not None:
        run.font.bold = bold
    if italic is not None:
        run.font.italic = italic


def para_format(p, align=None, before=0, after=0, line=1.0, first_indent=None, left=None,
                right=None, keep_next=False):
    pf = p.paragraph_format
    if align is not None:
        p.alignment = align
    pf.space_before = Pt(before)
    pf.space_after = Pt(after)
    pf.line_spacing_rule = WD_LINE_SPACING.MULTIPLE
    pf.line_spacing = line
    if first_indent is not None:
        pf.first_line_indent = Cm(first_indent)
    if left is not None:
        pf.left_indent = Cm(left)
    if right is not None:
        pf.right_indent = Cm(right)
    if keep_next:
        pf.keep_with_next = True


def add_text(p, text, size, bold=False, italic=False):
    run = p.add_run(text)
    set_run_font(run, size, bold, italic)
    return run


def rule(container, left_cm, right_cm):
    """A short horizontal rule: an empty 1-pt paragraph with a top border, indented."""
    p = container.add_paragraph()
    para_format(p, left=left_cm, right=right_cm)
    set_run_font(p.add_run(""), 1)
    ppr = p._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for k, v in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(k), v)
    bdr.append(top)
    ppr.insert(0, bdr)
    rpr = OxmlElement("w:rPr")
    sz = OxmlElement("w:sz")
    sz.set(qn("w:val"), "2")
    rpr.append(sz)
    ppr.append(rpr)
    return p


def cell_paragraph(cell, first=True):
    return cell.paragraphs[0] if first else cell.add_paragraph()


def table_borders(table, on: bool):
    tblpr = table._tbl.tblPr
    old = tblpr.find(qn("w:tblBorders"))
    if old is not None:
        tblpr.remove(old)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        if on:
            for k, v in (("w:val", "single"), ("w:sz", "4"), ("w:space", "0"), ("w:color", "000000")):
                el.set(qn(k), v)
        else:
            el.set(qn("w:val"), "nil")
        borders.append(el)
    tblpr.append(borders)


def fixed_widths(table, widths_cm):
    table.autofit = False
    tblpr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tblpr.append(layout)
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), str(int(sum(widths_cm) * 567)))
    width.set(qn("w:type"), "dxa")
    old = tblpr.find(qn("w:tblW"))
    if old is not None:
        tblpr.remove(old)
    tblpr.append(width)
    grid = table._tbl.tblGrid
    for col, w in zip(grid.findall(qn("w:gridCol")), widths_cm):
        col.set(qn("w:w"), str(int(w * 567)))
    for row in table.rows:
        for cell, w in zip(row.cells, widths_cm):
            cell.width = Cm(w)


def mark_header_row(row):
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def page_number_header(section, size):
    """Centred page number at the top of every page but the document's first (NĐ 30)."""
    header = section.header
    p = header.paragraphs[0]
    para_format(p, align=WD_ALIGN_PARAGRAPH.CENTER)
    run = p.add_run()
    set_run_font(run, size)
    for tag, attr in (("w:fldChar", "begin"), ("w:instrText", None), ("w:fldChar", "separate")):
        el = OxmlElement(tag)
        if attr:
            el.set(qn("w:fldCharType"), attr)
        else:
            el.set(qn("xml:space"), "preserve")
            el.text = " PAGE "
        run._r.append(el)
    run2 = p.add_run("1")
    set_run_font(run2, size)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    r3 = p.add_run()
    r3._r.append(end)


# ----------------------------------------------------------------------------- document

def build_docx(desc: dict, out: Path) -> None:
    lay = desc.get("layout", {})
    body_pt = lay.get("body_pt", 14)
    table_pt = lay.get("table_pt", 13)
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(body_pt)
    normal.element.get_or_add_rPr()
    rfonts = normal.element.rPr.find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), FONT)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "vi-VN")
    normal.element.rPr.append(lang)
    cp = doc.core_properties
    cp.author = cp.last_modified_by = "Admin"
    cp.title = cp.subject = cp.keywords = cp.comments = ""
    cp.created = cp.modified = FIXED_TIME
    cp.revision = 1

    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    sec.orientation = WD_ORIENT.PORTRAIT
    sec.top_margin, sec.bottom_margin = Cm(2.0), Cm(2.0)
    sec.left_margin, sec.right_margin = Cm(3.0), Cm(1.5)
    sec.header_distance = Cm(1.0)
    sec.different_first_page_header_footer = True
    page_number_header(sec, body_pt)

    # header block: borderless 2 x 2 table (agency names | Quốc hiệu; Số | place, date)
    h = desc["header"]
    t = doc.add_table(rows=2, cols=2)
    table_borders(t, False)
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    # 17.5 cm: the header table reaches a little into the side margins, as agencies do
    widths = [7.0, 10.5]
    fixed_widths(t, widths)
    left, right = t.cell(0, 0), t.cell(0, 1)
    p = cell_paragraph(left)
    para_format(p, align=WD_ALIGN_PARAGRAPH.CENTER)
    add_text(p, h["parent"], 12)
    for line in h["issuer"]:
        p = left.add_paragraph()
        para_format(p, align=WD_ALIGN_PARAGRAPH.CENTER)
        add_text(p, line, 12, bold=True)
    rule(left, 2.2, 2.2)
    p = cell_paragraph(right)
    para_format(p, align=WD_ALIGN_PARAGRAPH.CENTER)
    add_text(p, h["national"], 12, bold=True)
    p = right.add_paragraph()
    para_format(p, align=WD_ALIGN_PARAGRAPH.CENTER)
    add_text(p, h["motto"], 14, bold=True)
    rule(right, 2.4, 2.4)
    p = cell_paragraph(t.cell(1, 0))
    para_format(p, align=WD_ALIGN_PARAGRAPH.CENTER, before=4)
    add_text(p, h["number"], 13)
    p = cell_paragraph(t.cell(1, 1))
    para_format(p, align=WD_ALIGN_PARAGRAPH.CENTER, before=4)
    add_text(p, h["place_date"], 14, italic=True)

    # type line and title
    p = doc.add_paragraph()
    para_format(p, align=WD_ALIGN_PARAGRAPH.CENTER, before=18, keep_next=True)
    add_text(p, desc["type_line"], 14, bold=True)
    p = doc.add_paragraph()
    para_format(p, align=WD_ALIGN_PARAGRAPH.CENTER, keep_next=True)
    for i, line in enumerate(desc["title"]):
        run = add_text(p, line, 14, bold=True)
        if i < len(desc["title"]) - 1:
            run.add_break()
    rule(doc, 6.0, 6.0)
    doc.add_paragraph()

    # body
    for item in desc["body"]:
        p = doc.add_paragraph()
        common = dict(align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=6, line=1.1, first_indent=1.27)
        if "h1" in item:
            para_format(p, **common, keep_next=True)
            add_text(p, item["h1"], body_pt, bold=True)
        elif "h2" in item:
            para_format(p, **common, keep_next=True)
            add_text(p, item["h2"], body_pt, bold=True)
        elif "h3" in item:
            para_format(p, **common, keep_next=True)
            add_text(p, item["h3"], body_pt, bold=True, italic=True)
        elif "i" in item:
            para_format(p, **common)
            add_text(p, item["i"], body_pt, italic=True)
        else:
            para_format(p, **common)
            if "lead" in item:
                add_text(p, item["lead"], body_pt, bold=True)
            add_text(p, item["p"], body_pt)

    # Nơi nhận + signature: borderless 1 x 2 table
    t = doc.add_table(rows=1, cols=2)
    table_borders(t, False)
    fixed_widths(t, [8.0, 8.5])
    left, right = t.cell(0, 0), t.cell(0, 1)
    p = cell_paragraph(left)
    para_format(p, before=6)
    add_text(p, "Nơi nhận:", 12, bold=True, italic=True)
    for line in desc["recipients"]:
        p = left.add_paragraph()
        para_format(p)
        add_text(p, line, 11)
    first = True
    for line in desc["signature"]["lines"]:
        p = cell_paragraph(right, first)
        para_format(p, align=WD_ALIGN_PARAGRAPH.CENTER, before=6 if first else 0)
        first = False
        add_text(p, line, 14, bold=True)
    for _ in range(4):
        p = right.add_paragraph()
        para_format(p)
    p = right.add_paragraph()
    para_format(p, align=WD_ALIGN_PARAGRAPH.CENTER)
    add_text(p, desc["signature"]["name"], 14, bold=True)

    # appendix: new landscape section
    app = desc["appendix"]
    sec2 = doc.add_section(WD_SECTION.NEW_PAGE)
    sec2.orientation = WD_ORIENT.LANDSCAPE
    sec2.page_width, sec2.page_height = Cm(29.7), Cm(21.0)
    sec2.top_margin, sec2.bottom_margin = Cm(2.0), Cm(2.0)
    sec2.left_margin, sec2.right_margin = Cm(2.5), Cm(2.0)
    sec2.different_first_page_header_footer = False
    for i, line in enumerate(app["title"]):
        p = doc.add_paragraph()
        para_format(p, align=WD_ALIGN_PARAGRAPH.CENTER, keep_next=True,
                    after=8 if i == len(app["title"]) - 1 else 0)
        add_text(p, line["text"], 14, bold=line.get("bold", False), italic=line.get("italic", False))

    cols = app["columns"]
    ncol = len(cols)
    widths = [float(w) for _, w in cols]
    line = lay.get("table_line_spacing", 1.0)
    space = lay.get("cell_space_pt", 2)

    def fill(cell, value, bold=False, align=WD_ALIGN_PARAGRAPH.LEFT):
        items = value if isinstance(value, list) else [value]
        for k, text in enumerate(items):
            p = cell_paragraph(cell, k == 0)
            para_format(p, align=align, before=space if k == 0 else 0,
                        after=space if k == len(items) - 1 else 0, line=line)
            if text:
                add_text(p, text, table_pt, bold=bold)
            else:
                set_run_font(p.add_run(""), table_pt)

    t = doc.add_table(rows=1, cols=ncol)
    table_borders(t, True)
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, (name, _) in zip(t.rows[0].cells, cols):
        fill(cell, name, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    mark_header_row(t.rows[0])
    for row in app["rows"]:
        r = t.add_row()
        if isinstance(row, dict) and "section" in row:
            fill(r.cells[0], row["section"], bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
            merged = r.cells[1].merge(r.cells[ncol - 1])
            fill(merged, row["title"], bold=True)
            continue
        cells = row["cells"] if isinstance(row, dict) else row
        assert len(cells) == ncol, cells
        for c, (cell, value) in enumerate(zip(r.cells, cells)):
            centred = c == 0 or c == ncol - 1 or (ncol == 5 and c == 3)
            fill(cell, value, align=WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.LEFT)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    fixed_widths(t, widths)

    buf = io.BytesIO()
    doc.save(buf)
    out.write_bytes(reproducible_zip(buf.getvalue()))


def reproducible_zip(data: bytes) -> bytes:
    """The same DOCX bytes for the same content: fixed member dates, fixed order."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, src.read(info.filename))
    return buf.getvalue()


def to_pdf(docx: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("LibreOffice (soffice) is needed to make the PDFs")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(docx.parent), str(docx)],
                       check=True, capture_output=True, timeout=300)
    return docx.with_suffix(".pdf")


# ----------------------------------------------------------------------------- checks

def check_pdf(pdf: Path) -> dict:
    """Pages, appendix pages with the table found by find_tables(), and the task rows cut by
    a page break (a page's first body row whose TT cell is empty continues the last task of
    the page before)."""
    import pdfplumber

    report = {"pages": 0, "appendix_pages": [], "tables_found": {}, "cut_rows": []}
    with pdfplumber.open(pdf) as doc:
        report["pages"] = len(doc.pages)
        last_task = None
        for number, page in enumerate(doc.pages, 1):
            if page.width <= page.height:
                continue
            report["appendix_pages"].append(number)
            tables = page.find_tables()
            report["tables_found"][number] = len(tables)
            if not tables:
                continue
            rows = max(tables, key=lambda tb: tb.bbox[3] - tb.bbox[1]).extract()
            body = [r for r in rows if not (r[0] or "").strip().startswith("TT")]
            for k, r in enumerate(body):
                tt = (r[0] or "").strip()
                if k == 0 and not tt and last_task is not None:
                    cont = " | ".join(" ".join(c.split()) for c in r if c and c.strip())
                    report["cut_rows"].append({"task": last_task, "pages": [number - 1, number],
                                               "continued": cont})
                if re.fullmatch(r"\d+", tt):
                    last_task = tt
    return report


# ----------------------------------------------------------------------------- gold

def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_gold(desc: dict, produced: Path, check: dict | None) -> Path:
    seed = json.loads((GOLD / desc["seed_gold"]).read_text("utf-8"))
    adds = desc.get("gold_additions") or {}
    kind = produced.suffix.lstrip(".").upper()
    notes = [f"{kind} rendition of the real seed samples/{desc['seed']}, built by "
             f"samples/make_renditions.py from samples/renditions/{desc['name']}.yaml "
             "(a hand transcription of the seed). Values are the seed's gold, unchanged, "
             "unless a note below says otherwise."]
    notes += adds.get("notes", [])
    notes += [n for n in seed.get("notes", []) if keep_seed_note(n)]
    if kind == "DOCX":
        sections = any(isinstance(r, dict) and "section" in r for r in desc["appendix"]["rows"])
        notes.append("Layout: header block and Nơi nhận/signature block are borderless two-column "
                     "tables; the appendix is a ruled table in a new landscape section, its header "
                     "row marked to repeat (w:tblHeader)"
                     + ("; section rows: Roman numeral in TT, title merged (w:gridSpan) over the "
                        "other columns." if sections else "."))
    if check is not None:
        cut = "; ".join(f"task {c['task']} (pages {c['pages'][0]}-{c['pages'][1]}, continued: "
                        f"'{c['continued']}')" for c in check["cut_rows"]) or "none"
        notes.append(f"PDF made by LibreOffice from the DOCX: {check['pages']} pages, appendix "
                     f"(landscape, table header repeated) on pages "
                     f"{check['appendix_pages'][0]}-{check['appendix_pages'][-1]}; task rows cut by a "
                     f"page break, continued under the repeated header: {cut}.")
    gold = {"source_file": f"renditions/{produced.name}", "source_sha256": sha256(produced),
            "notes": notes}
    document = dict(seed["document"])
    document.update(adds.get("document", {}))
    gold["document"] = document
    gold["legal_basis"] = seed["legal_basis"]
    gold["targets"] = seed["targets"]
    by_no = {t["task_no"]: t for t in seed["tasks"]}
    tasks = []
    for cells, of in task_rows(desc["appendix"]["rows"]):
        task = copy.deepcopy(by_no[of])
        task["task_no"] = cells[0]
        tasks.append(task)
    gold["tasks"] = tasks
    path = GOLD / f"{produced.name}.gold.json"
    path.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return path


def keep_seed_note(note: str) -> bool:
    """Seed notes about the seed's text extraction do not hold for a rendition."""
    text_only = ("header block", "not NFC", "split by a page break", "two columns on one line")
    return not any(s in note for s in text_only)


# ----------------------------------------------------------------------------- main

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("names", nargs="*", help="description names (default: all)")
    ap.add_argument("--check", action="store_true", help="only check the committed PDFs")
    ap.add_argument("--no-pdf", action="store_true", help="only the DOCX files and their gold")
    args = ap.parse_args(argv)
    paths = sorted(REND.glob("*.yaml"))
    if args.names:
        paths = [p for p in paths if p.stem in args.names]
    for path in paths:
        desc = load_description(path)
        docx, pdf = REND / f"{desc['name']}.docx", REND / f"{desc['name']}.pdf"
        if not args.check:
            build_docx(desc, docx)
            write_gold(desc, docx, None)
            if not args.no_pdf:
                to_pdf(docx)
        if pdf.exists() and not args.no_pdf:
            report = check_pdf(pdf)
            if not args.check:
                write_gold(desc, pdf, report)
            print(f"{pdf.name}: {report['pages']} pages, appendix pages {report['appendix_pages']}, "
                  f"tables found per appendix page {report['tables_found']}, "
                  f"cut rows {report['cut_rows']}")
            missing = [n for n, k in report["tables_found"].items() if not k]
            if missing or not report["cut_rows"]:
                print(f"  WARNING: {pdf.name}: no table on pages {missing}" if missing
                      else f"  WARNING: {pdf.name}: no task row is cut by a page break")
    return 0


if __name__ == "__main__":
    sys.exit(main())
