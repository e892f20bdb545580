"""DOCX reader: the package's XML → one normalized text, its lines, and the ruled data tables.

Reading order (what later stages expect, see extract.structure / extract.header):
* the first section's page header (agency names are often printed there) comes first; lines it
  shares with the start of the body are dropped, page numbers too; footers are running text and
  are dropped;
* body paragraphs in order; Word's generated list numbers (w:numPr → numbering.xml) are written
  as the visible prefix ("I. ", "1. ", "a) ", "- "); a manual line break (w:br) starts a new
  line; an empty paragraph is an empty line (Line.break_before on the next line);
* text boxes (w:txbxContent; of an mc:AlternateContent only the first branch holding text) are
  written before the paragraph that anchors them;
* tables — a *data table* (a first row, among the first three, whose first cell reads TT/STT,
  and ≥ 3 grid columns) is written row by row, each cell's paragraphs as lines, and becomes a
  GridTable (merged positions None, a repeated header row once, nested tables flattened into
  their cell); a *layout table* (≤ 2 columns or no visible borders: the Nghị định 30 header,
  the signature block) is written column by column, left column first; any other ruled table
  is written row by row as text only.

Pages: DOCX stores no pages. page_count = 1 + explicit breaks: w:br w:type="page",
w:pageBreakBefore, and section breaks that start a new page (all but "continuous").
w:lastRenderedPageBreak is ignored: it is a stale hint written only by Word (absent from
LibreOffice and generated files), so using it would give the same content different pages.
A page break is written as "\f" into the text, as the PDF reader does.

Security: python-docx parses every part with `docx.oxml.parser.oxml_parser =
etree.XMLParser(remove_blank_text=True, resolve_entities=False)` (python-docx 1.2.0): entities,
external or internal, are not substituted, lxml's no_network and huge_tree=False defaults hold,
and no DTD is loaded. Before python-docx sees the archive, the declared sizes are checked
(zipfile then refuses a member that inflates beyond its declared size: CRC/length check).
"""
from __future__ import annotations

import dataclasses
import hashlib
import io
import zipfile
from collections import Counter

import regex

from normalize.legacy_vn import encoding_from_fonts, is_uppercase_font, to_unicode
from normalize.text import fold, normalize_text, squash_spaces

from .model import Document, ExtractionError, GridCell, GridTable, Line
from .text_quality import vietnamese_score

MAX_TOTAL_BYTES = 200 * 1024 * 1024   # sum of the declared uncompressed sizes
MAX_RATIO = 100                       # word/document.xml: uncompressed / compressed
RATIO_FLOOR = 1024 * 1024             # below 1 MB inflated, a high ratio harms nobody
MAX_MEMBERS = 10_000

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


def _local(el) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _ns(el) -> str:
    tag = el.tag
    return tag[1:].split("}", 1)[0] if isinstance(tag, str) and tag.startswith("{") else ""


def _val(el, child: str, default: str | None = None) -> str | None:
    """w:val of a direct child, or `default` when the child is missing."""
    found = el.find(_w(child)) if el is not None else None
    if found is None:
        return default
    return found.get(_w("val"))


_TT = regex.compile(r"^(?:s[ốo]\s*\.?\s*)?t\.?\s?t\b\.?|^stt\b")
_BULLETS = set("-+•*●◦▪")
_CONTROL = regex.compile(r"[\x00-\x08\x0a-\x1f\x7f\u2028\u2029]")
_PAGE_NO = regex.compile(r"^(?:trang\s*)?-?\s*\d{1,4}\s*-?(?:\s*/\s*\d{1,4})?$")


# ------------------------------------------------------------------ archive checks

def check_archive(data: bytes) -> None:
    """Refuse a zip bomb by the declared sizes, before any member is inflated."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ExtractionError("unsupported_format", f"A damaged ZIP archive: {exc}.") from exc
    if len(infos) > MAX_MEMBERS:
        raise ExtractionError("too_large", f"The Word archive holds {len(infos)} files; the limit is {MAX_MEMBERS}.")
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL_BYTES:
        raise ExtractionError("too_large", f"The Word archive inflates to {total // 2**20} MB; "
                                           f"the limit is {MAX_TOTAL_BYTES // 2**20} MB.")
    try:
        main = archive.getinfo("word/document.xml")
    except KeyError as exc:
        raise ExtractionError("unsupported_format",
                              "A ZIP archive that is not a Word document (no word/document.xml).") from exc
    if main.file_size > RATIO_FLOOR and main.file_size > MAX_RATIO * max(main.compress_size, 1):
        raise ExtractionError("too_large", f"word/document.xml inflates {main.file_size // max(main.compress_size, 1)}"
                                           f" times its compressed size (limit {MAX_RATIO}:1): a zip bomb?")


# ------------------------------------------------------------------ numbering and styles

def _format_number(n: int, fmt: str) -> str:
    if fmt in ("upperRoman", "lowerRoman"):
        out, rest = "", n
        for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
            while rest >= value:
                out, rest = out + sym, rest - value
        return out if fmt == "upperRoman" else out.lower()
    if fmt in ("upperLetter", "lowerLetter"):
        # Word repeats the letter after z: aa, bb, …
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else ""
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


class _Styles:
    """Paragraph styles' numbering (List Number, heading styles bound to a list) and table
    styles' borders, following w:basedOn."""

    def __init__(self, root):
        self._by_id = {}
        if root is not None:
            for style in root.iter(_w("style")):
                self._by_id[style.get(_w("styleId"))] = style
            defaults = root.find(f"{_w('docDefaults')}/{_w('rPrDefault')}/{_w('rPr')}/{_w('rFonts')}")
            if defaults is not None:
                self.doc_default_font = defaults.get(_w("ascii"))

    def _chain(self, style_id: str | None):
        seen = set()
        while style_id and style_id in self._by_id and style_id not in seen:
            seen.add(style_id)
            style = self._by_id[style_id]
            yield style
            style_id = _val(style, "basedOn")

    def numbering(self, style_id: str | None) -> tuple[str | None, str | None]:
        num_id = ilvl = None
        for style in self._chain(style_id):
            num_pr = style.find(f"{_w('pPr')}/{_w('numPr')}")
            if num_pr is not None:
                num_id = num_id or _val(num_pr, "numId")
                ilvl = ilvl or _val(num_pr, "ilvl")
            if num_id:
                break
        return num_id, ilvl

    def default_font(self) -> str | None:
        """The document's body font: the Normal style's, else the document defaults'."""
        for style in self._chain("Normal"):
            fonts = style.find(f"{_w('rPr')}/{_w('rFonts')}")
            if fonts is not None and fonts.get(_w("ascii")):
                return fonts.get(_w("ascii"))
        return self.doc_default_font

    doc_default_font: str | None = None

    def table_ruled(self, style_id: str | None) -> bool:
        for style in self._chain(style_id):
            borders = style.find(f"{_w('tblPr')}/{_w('tblBorders')}")
            if borders is not None:
                return _visible(borders)
        return False


def _visible(borders) -> bool:
    return any(b.get(_w("val")) not in (None, "nil", "none") for b in borders)


class _Numbering:
    """Counters of Word's lists. Paragraphs of two w:num sharing an abstract list continue one
    count (as Word does) unless the second w:num overrides the start of the level."""

    def __init__(self, root, styles: _Styles):
        self.styles = styles
        self.levels: dict[str, dict[int, dict]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.started: set[str] = set()
        if root is None:
            return
        for absnum in root.iter(_w("abstractNum")):
            levels = {}
            for lvl in absnum.iter(_w("lvl")):
                levels[int(lvl.get(_w("ilvl"), "0"))] = {
                    "fmt": _val(lvl, "numFmt", "decimal") or "decimal",
                    "text": _val(lvl, "lvlText", "") or "",
                    "start": int(_val(lvl, "start", "1") or 1),
                    "legal": lvl.find(_w("isLgl")) is not None,
                    "suff": _val(lvl, "suff", "tab") or "tab",
                }
            self.levels[absnum.get(_w("abstractNumId"))] = levels
        for num in root.iter(_w("num")):
            overrides = {}
            for ov in num.iter(_w("lvlOverride")):
                start = _val(ov, "startOverride")
                if start is not None:
                    overrides[int(ov.get(_w("ilvl"), "0"))] = int(start)
            self.nums[num.get(_w("numId"))] = (_val(num, "abstractNumId"), overrides)

    def prefix(self, p_pr) -> str:
        """The visible list label of a paragraph ("II. ", "1.2. ", "a) ", "- "), or ""."""
        if p_pr is None:
            return ""
        num_pr = p_pr.find(_w("numPr"))
        num_id = _val(num_pr, "numId") if num_pr is not None else None
        ilvl = _val(num_pr, "ilvl") if num_pr is not None else None
        if num_id is None:
            style_num, style_lvl = self.styles.numbering(_val(p_pr, "pStyle"))
            num_id, ilvl = style_num, ilvl or style_lvl
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        level = int(ilvl or 0)
        abs_id, overrides = self.nums[num_id]
        levels = self.levels.get(abs_id, {})
        counters = self.counters.setdefault(abs_id, [None] * 9)
        if num_id not in self.started:
            self.started.add(num_id)
            for lvl in overrides:
                if 0 <= lvl < 9:
                    counters[lvl] = None
        if not 0 <= level < 9:
            return ""
        spec = levels.get(level, {"fmt": "decimal", "text": f"%{level + 1}.", "start": 1,
                                  "legal": False, "suff": "tab"})
        start = overrides.get(level, spec["start"])
        counters[level] = start if counters[level] is None else counters[level] + 1
        for deeper in range(level + 1, 9):
            counters[deeper] = None
        suffix = "" if spec["suff"] == "nothing" else " "
        if spec["fmt"] == "bullet":
            mark = spec["text"].strip()
            return (mark if mark in _BULLETS else "-") + " "
        if spec["fmt"] == "none":
            return spec["text"].strip() + suffix if spec["text"].strip() else ""

        def label(m: regex.Match) -> str:
            k = int(m.group(1)) - 1
            other = levels.get(k, {"fmt": "decimal", "start": 1})
            value = counters[k] if k < 9 and counters[k] is not None else other.get("start", 1)
            fmt = "decimal" if spec["legal"] else other["fmt"]
            return _format_number(value, fmt)

        text = regex.sub(r"%([1-9])", label, spec["text"])
        return text + suffix if text.strip() else ""


# ------------------------------------------------------------------ text builder

class _Builder:
    """Writes lines into the document text, one per "\n"; a page break is "\f"."""

    def __init__(self):
        self.parts: list[str] = []
        self.pos = 0
        self.page = 1
        self.pending_break = False
        self.lines: list[Line] = []

    def _write(self, s: str) -> None:
        self.parts.append(s)
        self.pos += len(s)

    def line(self, raw: str) -> None:
        text = _CONTROL.sub(" ", normalize_text(raw)).strip()
        if not text:
            self.blank()
            return
        start = self.pos
        self._write(text + "\n")
        self.lines.append(Line(text, start, start + len(text), self.page, self.pending_break))
        self.pending_break = False

    def blank(self) -> None:
        self._write("\n")
        self.pending_break = True

    def page_break(self) -> None:
        self._write("\f")
        self.page += 1
        self.pending_break = True

    @property
    def last_end(self) -> int:
        """End of the last written line (its "\n" excluded)."""
        return self.lines[-1].end if self.lines else 0

    def text(self) -> str:
        return "".join(self.parts)


# ------------------------------------------------------------------ the reader

_SKIP_INLINE = {"pPr", "rPr", "del", "moveFrom", "instrText", "delText", "delInstrText", "fldChar",
                "lastRenderedPageBreak", "footnoteReference", "endnoteReference", "commentReference",
                "annotationRef", "proofErr", "bookmarkStart", "bookmarkEnd", "permStart", "permEnd",
                "sectPr", "pPrChange", "rPrChange"}


def _alternate_branch(alt):
    """One branch of mc:AlternateContent: the first that holds text, else the first."""
    branches = [c for c in alt if _ns(c) == _MC and _local(c) in ("Choice", "Fallback")]
    for branch in branches:
        if any(True for _ in branch.iter(_w("t"))):
            return branch
    return branches[0] if branches else None


def _text_boxes(el) -> list:
    """Outermost w:txbxContent under a drawing, taking one branch of any mc:AlternateContent."""
    found = []

    def walk(node):
        for child in node:
            if _ns(child) == _MC and _local(child) == "AlternateContent":
                branch = _alternate_branch(child)
                if branch is not None:
                    walk(branch)
            elif child.tag == _w("txbxContent"):
                found.append(child)
            else:
                walk(child)

    walk(el)
    return found


class _Reader:
    def __init__(self, document):
        part = document.part
        styles_root = numbering_root = None
        try:
            styles_root = part.styles.element if part.styles is not None else None
        except Exception:  # a package without a styles part
            styles_root = None
        try:
            numbering_root = part.numbering_part.element
        except Exception:
            numbering_root = None
        self.part = part
        self.body = document.element.body
        self.styles = _Styles(styles_root)
        self.numbering = _Numbering(numbering_root, self.styles)
        self.out = _Builder()
        self.body_font = self.styles.default_font()
        self.legacy_runs: Counter = Counter()  # encoding → runs converted
        self.grids: list[tuple[list[list[tuple | None]], int, int]] = []
        self.sect_prs = list(self.body.iter(_w("sectPr")))
        self.notes = self._load_notes()

    # -------------------------------------------------------------- paragraphs

    def paragraph_items(self, p) -> list[tuple]:
        """("line", text) / ("blank",) / ("page",) items of one paragraph, text boxes first."""
        p_pr = p.find(_w("pPr"))
        boxes: list = []
        chunks: list[list] = [[]]  # per line: list of strings; a ("page",) marker between lines

        def new_line(page: bool = False):
            if page:
                chunks.append(["\f"])
            chunks.append([])

        def walk(node):
            for child in node:
                ns, tag = _ns(child), _local(child)
                if ns == _MC and tag == "AlternateContent":
                    branch = _alternate_branch(child)
                    if branch is not None:
                        walk(branch)
                    continue
                if ns != _W:
                    if ns and any(True for _ in child.iter(_w("txbxContent"))):
                        boxes.extend(_text_boxes(child))
                    continue
                if tag in _SKIP_INLINE:
                    continue
                if tag == "t":
                    chunks[-1].append(self._run_text(child.text or "", run_font[-1]))
                elif tag == "tab" or tag == "ptab":
                    chunks[-1].append("\t")
                elif tag == "br":
                    kind = child.get(_w("type"))
                    new_line(page=kind == "page")
                elif tag == "cr":
                    new_line()
                elif tag == "noBreakHyphen":
                    chunks[-1].append("-")
                elif tag in ("drawing", "pict", "object"):
                    boxes.extend(_text_boxes(child))
                elif tag == "sym":
                    continue
                elif tag == "r":
                    run_font.append(_run_font(child) or run_font[-1])
                    walk(child)
                    run_font.pop()
                else:  # hyperlink, ins, smartTag, customXml, sdt/sdtContent, fldSimple, moveTo…
                    walk(child)

        run_font = [self.body_font]
        walk(p)
        items: list[tuple] = []
        for box in boxes:
            items.extend(self.flat_items(box))
        if p_pr is not None and p_pr.find(_w("pageBreakBefore")) is not None and \
                _val(p_pr, "pageBreakBefore", "true") not in ("0", "false", "off"):
            items.append(("page",))
        texts = []
        for chunk in chunks:
            if chunk == ["\f"]:
                texts.append(None)
            else:
                texts.append("".join(chunk))
        prefix = self.numbering.prefix(p_pr)  # Word numbers an empty paragraph too
        has_text = any(t and t.strip() for t in texts)
        if not has_text and any(ch.isalnum() for ch in prefix):
            items.append(("line", prefix.strip()))  # a TT cell numbered by Word, with no text
        elif not has_text:
            items.extend(("page",) for t in texts if t is None)
            if not boxes:
                items.append(("blank",))
        else:
            first = True
            for t in texts:
                if t is None:
                    items.append(("page",))
                    continue
                if not t.strip():
                    continue  # a w:br right after another: no empty paragraph in the source
                items.append(("line", (prefix + t.strip()) if first and prefix else t))
                first = False
        sect = p_pr.find(_w("sectPr")) if p_pr is not None else None
        if sect is not None and self._next_section_new_page(sect):
            items.append(("page",))
        return items

    def _run_text(self, text: str, font: str | None) -> str:
        """A run typed in a TCVN3 (".VnTime"), VNI or VISCII font holds legacy bytes as
        Latin-1 letters: converted to Unicode here, per run, as its font says."""
        enc = encoding_from_fonts([font]) if font else None
        if not enc or not text:
            return text
        self.legacy_runs[enc] += 1
        return to_unicode(text, enc, uppercase=is_uppercase_font(font))

    def _next_section_new_page(self, sect) -> bool:
        try:
            k = self.sect_prs.index(sect)
        except ValueError:
            return False
        if k + 1 >= len(self.sect_prs):
            return False
        return (_val(self.sect_prs[k + 1], "type", "nextPage") or "nextPage") != "continuous"

    def flat_items(self, container) -> list[tuple]:
        """Every paragraph of a container (cell, text box), nested tables row by row."""
        items: list[tuple] = []
        for child in _block_children(container):
            tag = _local(child)
            if tag == "p":
                items.extend(self.paragraph_items(child))
            elif tag == "tbl":
                grid, _ = _grid(child)
                for row in grid:
                    for tc in _cells(row):
                        items.extend(self.flat_items(tc))
        return items

    def emit(self, items: list[tuple], blanks: bool = True) -> None:
        for item in items:
            if item[0] == "line":
                self.out.line(item[1])
            elif item[0] == "page":
                self.out.page_break()
            elif blanks:
                self.out.blank()

    # -------------------------------------------------------------- blocks

    def blocks(self, container, blanks: bool = True) -> None:
        for child in _block_children(container):
            tag = _local(child)
            if tag == "p":
                self.emit(self.paragraph_items(child), blanks)
                for note in self.notes_of(child):
                    self.emit(self.paragraph_items(note), blanks=False)
            elif tag == "tbl":
                self.table(child)

    def notes_of(self, p) -> list:
        """The paragraphs of the footnotes a paragraph refers to, read right after it: a
        footnote of a căn cứ line ("Thay thế Kế hoạch số 12/KH-SYT …") is part of the plan."""
        refs = [r.get(_w("id")) for r in p.iter(_w("footnoteReference"), _w("endnoteReference"))]
        return [q for ref in refs for q in self.notes.get(ref, [])]

    def _load_notes(self) -> dict[str, list]:
        from docx.oxml.parser import parse_xml  # the same safe parser as every other part

        notes: dict[str, list] = {}
        for rel in self.part.rels.values():
            if rel.is_external or not rel.reltype.endswith(("/footnotes", "/endnotes")):
                continue
            root = parse_xml(rel.target_part.blob)
            for note in root:
                if _local(note) in ("footnote", "endnote") and note.get(_w("type")) is None:
                    notes[note.get(_w("id"))] = [q for q in note.iter(_w("p"))]
        return notes

    def table(self, tbl) -> None:
        grid, width = _grid(tbl)
        if not grid:
            return
        self.out.pending_break = True
        if width >= 3 and self._is_data(grid):
            self.data_table(grid)
        elif width <= 2 or not self._ruled(tbl):
            for c in range(width):  # layout: left column first
                self.out.pending_break = True
                for row in grid:
                    if row[c] is not None and row[c] is not _MERGED_ABOVE:
                        self.blocks(row[c], blanks=False)
        else:
            for row in grid:
                for tc in _cells(row):
                    self.emit(self.flat_items(tc), blanks=False)
        self.out.pending_break = True

    def _is_data(self, grid) -> bool:
        for row in grid[:3]:
            first = next(iter(_cells(row)), None)
            if first is None:
                continue
            text = " ".join(item[1] for item in self.flat_items_quiet(first) if item[0] == "line")
            if _TT.match(fold(squash_spaces(text))):
                return True
        return False

    def flat_items_quiet(self, tc) -> list[tuple]:
        """Items of a cell without advancing list counters (used to classify a table)."""
        saved = ({k: list(v) for k, v in self.numbering.counters.items()}, set(self.numbering.started))
        try:
            return self.flat_items(tc)
        finally:
            self.numbering.counters, self.numbering.started = saved

    def _ruled(self, tbl) -> bool:
        tbl_pr = tbl.find(_w("tblPr"))
        if tbl_pr is not None:
            borders = tbl_pr.find(_w("tblBorders"))
            if borders is not None:
                return _visible(borders)
            if self.styles.table_ruled(_val(tbl_pr, "tblStyle")):
                return True
        for tc_borders in tbl.iter(_w("tcBorders")):
            if _visible(tc_borders):
                return True
        return False

    def data_table(self, grid) -> None:
        out = self.out
        cells: list[list[tuple | None]] = []
        page_start = out.page
        for row in grid:
            cell_row: list[tuple | None] = []
            for c, tc in enumerate(row):
                if tc is _MERGED_ABOVE:
                    # a unit, product or deadline shared by the rows it spans; a merged
                    # number cell (one task over two rows) is not repeated
                    cell_row.append(cells[-1][c] if c > 0 and cells else None)
                    continue
                if tc is None:
                    cell_row.append(None)
                    continue
                before = len(out.lines)
                page = out.page
                start = out.pos
                self.emit(self.flat_items(tc), blanks=False)
                if len(out.lines) > before:
                    first = out.lines[before]
                    cell_row.append((first.start, out.last_end, first.page))
                else:
                    cell_row.append((start, start, page))
            cells.append(cell_row)
        self.grids.append((cells, page_start, out.page))

    # -------------------------------------------------------------- header part

    def header_lines(self) -> list[str]:
        """Lines of the first section's page header (the first-page header when the section
        has a distinct first page)."""
        if not self.sect_prs:
            return []
        sect = self.sect_prs[0]
        refs = {ref.get(_w("type"), "default"): ref.get(f"{{{_R}}}id")
                for ref in sect.findall(_w("headerReference"))}
        distinct_first = sect.find(_w("titlePg")) is not None and \
            _val(sect, "titlePg", "true") not in ("0", "false", "off")
        rid = refs.get("first") if distinct_first else refs.get("default")
        if not rid:
            return []
        try:
            root = self.part.related_parts[rid].element
        except Exception:
            return []
        saved, self.out = self.out, _Builder()
        try:
            self.blocks(root, blanks=False)
            return [ln.text for ln in self.out.lines]
        finally:
            self.out = saved


def _run_font(run) -> str | None:
    fonts = run.find(f"{_w('rPr')}/{_w('rFonts')}")
    return None if fonts is None else fonts.get(_w("ascii")) or fonts.get(_w("hAnsi"))


def _block_children(container):
    """Paragraphs and tables of a container, looking through content controls and custom XML."""
    for child in container:
        tag = _local(child)
        if _ns(child) == _MC and tag == "AlternateContent":
            branch = _alternate_branch(child)
            if branch is not None:
                yield from _block_children(branch)
        elif _ns(child) != _W:
            continue
        elif tag in ("p", "tbl"):
            yield child
        elif tag in ("sdt", "customXml", "ins", "moveTo"):
            inner = child.find(_w("sdtContent")) if tag == "sdt" else child
            if inner is not None:
                yield from _block_children(inner)


def _children(el, tag: str):
    """Direct w:tag children, looking through content controls and custom XML."""
    for child in el:
        local = _local(child)
        if _ns(child) != _W:
            continue
        if local == tag:
            yield child
        elif local in ("sdt", "customXml"):
            inner = child.find(_w("sdtContent")) if local == "sdt" else child
            if inner is not None:
                yield from _children(inner, tag)


# A grid position a vertical merge (w:vMerge) covers: the cell above goes on into this row.
_MERGED_ABOVE = "merged above"


def _grid(tbl) -> tuple[list[list], int]:
    """Rows of grid positions: the w:tc at a cell's top-left, _MERGED_ABOVE where a vertical
    merge covers it, None where a horizontal merge covers or where a row has no cell
    (w:gridBefore / w:gridAfter)."""
    rows: list[list] = []
    for tr in _children(tbl, "tr"):
        tr_pr = tr.find(_w("trPr"))
        row: list = [None] * int(_val(tr_pr, "gridBefore", "0") or 0) if tr_pr is not None else []
        for tc in _children(tr, "tc"):
            tc_pr = tc.find(_w("tcPr"))
            span = max(1, int(_val(tc_pr, "gridSpan", "1") or 1)) if tc_pr is not None else 1
            v_merge = tc_pr.find(_w("vMerge")) if tc_pr is not None else None
            continues = v_merge is not None and v_merge.get(_w("val"), "continue") == "continue"
            row.append(_MERGED_ABOVE if continues and rows else tc)
            row.extend([None] * (span - 1))
        rows.append(row)
    declared = len(tbl.findall(f"{_w('tblGrid')}/{_w('gridCol')}"))
    width = max([declared] + [len(r) for r in rows]) if rows else 0
    for row in rows:
        row.extend([None] * (width - len(row)))
    return rows, width


def _cells(row: list) -> list:
    """The w:tc elements of a grid row (merged positions left out)."""
    return [tc for tc in row if tc is not None and tc is not _MERGED_ABOVE]


def _shift(line: Line, by: int) -> Line:
    return dataclasses.replace(line, start=line.start + by, end=line.end + by)


def read_docx_document(data: bytes, source_path: str) -> Document:
    import docx

    check_archive(data)
    try:
        document = docx.Document(io.BytesIO(data))
        reader = _Reader(document)
        reader.blocks(reader.body)
        header = reader.header_lines()
    except ExtractionError:
        raise
    except Exception as exc:
        raise ExtractionError("unsupported_format",
                              f"The Word document cannot be opened: {type(exc).__name__}: {exc}.") from exc
    out = reader.out
    body_keys = {fold(squash_spaces(ln.text)) for ln in out.lines[:40]}
    header = [t for t in header
              if fold(squash_spaces(t)) not in body_keys and not _PAGE_NO.match(fold(t))]
    prefix = "".join(t + "\n" for t in header)
    lines = []
    pos = 0
    for t in header:
        lines.append(Line(t, pos, pos + len(t), 1, False))
        pos += len(t) + 1
    shift = len(prefix)
    body_lines = [_shift(ln, shift) for ln in out.lines]
    if header and body_lines:
        body_lines[0] = dataclasses.replace(body_lines[0], break_before=True)
    lines.extend(body_lines)
    if not lines:
        raise ExtractionError("empty", "The Word document holds no text.")
    text = prefix + out.text()
    tables = []
    for cells, page_start, page_end in reader.grids:
        rows = [[None if c is None else GridCell(text[c[0] + shift:c[1] + shift], c[0] + shift, c[1] + shift, c[2])
                 for c in row] for row in cells]
        tables.append(GridTable(rows=rows, page_start=page_start, page_end=page_end))
    sha = hashlib.sha256(data).hexdigest()
    warnings = [f"text source: legacy font encoding {enc} converted in {n} text run(s)"
                for enc, n in sorted(reader.legacy_runs.items())]
    doc = Document(doc_id=sha[:16], source_path=source_path, source_sha256=sha, source_format="docx",
                   text=text, lines=lines, page_count=out.page, tables=tables, warnings=warnings)
    if reader.legacy_runs:
        enc = reader.legacy_runs.most_common(1)[0][0]
        doc.pages = doc.page_sources("legacy_converted", enc, vietnamese_score)
    return doc
