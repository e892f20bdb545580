"""OCR of scanned pages: Tesseract 5 (`tesseract` CLI, `-l vie`) → positioned lines and table grids.

Chain: render (pypdfium2, 300 dpi, grey) → deskew (projection profile, ±3°) → ruled grid search
(long horizontal and vertical strokes) → text outside the grid: one Tesseract call on the page
with the grid blanked (TSV word boxes → lines) → table: ruling erased, every cell cropped and all
cells read in ONE Tesseract call over an image list (one model load per page, `--psm 6`) →
post-OCR repair of each token against the syllable inventory and the project's vocabularies.

Coordinates are pixels of the deskewed 300-dpi page image (multiply by 72/dpi for PDF points).
Tesseract runs with OMP_THREAD_LIMIT=1: parallelism comes from `ocr_pdf(..., jobs=N)`, which
runs N pages at once, each in its own Tesseract process (Tesseract's own threading is 5-7×
slower here).
"""
from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import tempfile
import threading
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache

import regex

DPI = 300
LANG = "vie"
LOW_CONFIDENCE = 70.0  # mean word confidence under which a line / page is flagged


@dataclass
class OcrWord:
    text: str
    bbox: tuple[int, int, int, int]  # x0, y0, x1, y1
    conf: float


@dataclass
class OcrLine:
    """One printed line: `text` after repair, `raw_text` as Tesseract read it."""

    text: str
    bbox: tuple[int, int, int, int]
    confidence: float
    raw_text: str
    words: list[OcrWord] = field(default_factory=list)


@dataclass
class OcrCell:
    """One grid cell; `text` holds its lines separated by "\\n" (as GridCell.text does)."""

    text: str
    bbox: tuple[int, int, int, int]
    row: int
    col: int
    row_span: int = 1
    col_span: int = 1
    confidence: float = 0.0
    raw_text: str = ""


@dataclass
class OcrTable:
    """A ruled table found on the page. `cells[r][c]` is None where a merged cell covers the
    position (the text is in the merge's top-left cell), exactly like GridTable.rows."""

    cells: list[list[OcrCell | None]]
    bbox: tuple[int, int, int, int]

    def texts(self) -> list[list[str | None]]:
        return [[c.text if c is not None else None for c in row] for row in self.cells]


@dataclass
class OcrPage:
    page: int  # 1-based page number in the PDF (0 for a lone image)
    width: int
    height: int
    dpi: int
    lines: list[OcrLine]  # text outside tables, in reading order (top to bottom)
    tables: list[OcrTable] = field(default_factory=list)
    skew_degrees: float = 0.0
    warnings: list[str] = field(default_factory=list)

    @property
    def mean_confidence(self) -> float:
        confs = [w.conf for ln in self.lines for w in ln.words]
        confs += [c.confidence for t in self.tables for row in t.cells for c in row if c is not None and c.text]
        return round(sum(confs) / len(confs), 1) if confs else 0.0

    @property
    def text(self) -> str:
        """Page text in reading order: lines above, inside (row by row, cells left to right,
        each cell's lines in order) and below each table."""
        items: list[tuple[int, str]] = [(ln.bbox[1], ln.text) for ln in self.lines]
        for t in self.tables:
            for row in t.cells:
                for c in row:
                    if c is not None and c.text:
                        items.append((c.bbox[1], c.text))
        items.sort(key=lambda it: it[0])
        return "\n".join(text for _, text in items)


class OcrUnavailable(RuntimeError):
    """Tesseract or its Vietnamese model is missing."""


@lru_cache(maxsize=1)
def tesseract_available() -> bool:
    exe = shutil.which("tesseract")
    if not exe:
        return False
    try:
        langs = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return LANG in langs.split()


def _env() -> dict:
    env = dict(os.environ)
    env["OMP_THREAD_LIMIT"] = "1"
    return env


# ------------------------------------------------------------------ images

def _to_gray(image):
    """PIL image (any mode) or numpy array → uint8 numpy array (grey)."""
    import numpy as np
    from PIL import Image

    if isinstance(image, np.ndarray):
        arr = image
        if arr.ndim == 3:
            arr = (arr[..., :3] @ np.array([0.299, 0.587, 0.114])).astype(np.uint8)
        return arr.astype(np.uint8)
    if not isinstance(image, Image.Image):
        image = Image.open(io.BytesIO(image) if isinstance(image, (bytes, bytearray)) else image)
    return np.asarray(image.convert("L"))


def despeckle(gray):
    """3×3 median filter: removes the salt-and-pepper specks of scanners and fax copies that
    Tesseract would read as dots and accents; strokes of 12-pt print at 300 dpi survive it."""
    import numpy as np
    from PIL import Image, ImageFilter

    return np.asarray(Image.fromarray(gray).filter(ImageFilter.MedianFilter(3)))


SKEW_MARGIN = 0.06   # of each side, left out of the skew estimate


def estimate_skew(gray) -> float:
    """Skew angle in degrees (±3°) that makes text rows horizontal: the angle maximising the
    variance of the row sums of the dark pixels (projection profile), coarse then fine."""
    import numpy as np
    from PIL import Image

    h, w = gray.shape
    # the scanner's dark band along an edge is straight with the raster, not with the print:
    # left in, it pulls the estimate to 0°; the page's margins hold no text anyway
    mh, mw = int(h * SKEW_MARGIN), int(w * SKEW_MARGIN)
    gray = gray[mh:h - mh, mw:w - mw]
    h, w = gray.shape
    scale = 1000 / max(h, w)
    small = Image.fromarray(gray).resize((max(1, int(w * scale)), max(1, int(h * scale))))
    dark = (np.asarray(small) < 140).astype(np.uint8) * 255
    img = Image.fromarray(dark)

    def score(angle: float) -> float:
        rot = np.asarray(img.rotate(angle, resample=Image.BILINEAR, fillcolor=0), dtype=np.float32)
        prof = rot.sum(axis=1)
        return float(np.var(prof))

    best = max((a / 2 for a in range(-6, 7)), key=score)
    best = max((best + a / 10 for a in range(-5, 6)), key=score)
    return round(best, 2)


def deskew(gray) -> tuple[object, float]:
    angle = estimate_skew(gray)
    if abs(angle) < 0.05:
        return gray, 0.0
    return rotated(gray, angle), angle


def rotated(gray, angle: float):
    """The page turned by `angle` degrees about its centre, white where it was off the page."""
    import numpy as np
    from PIL import Image

    if not angle:
        return gray
    return np.asarray(Image.fromarray(gray).rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255))


# ------------------------------------------------------------------ ruled grid

@dataclass
class _Grid:
    ys: list[int]
    xs: list[int]
    hmask: object
    vmask: object


def _runs_mask(dark, length: int, axis: int):
    """Pixels lying on a straight run of ≥ `length` dark pixels along `axis` (1 = horizontal)."""
    import numpy as np

    a = dark if axis == 1 else dark.T
    c = np.cumsum(a, axis=1, dtype=np.int32)
    c = np.concatenate([np.zeros((a.shape[0], 1), np.int32), c], axis=1)
    full = (c[:, length:] - c[:, :-length]) == length  # window [i, i+length) all dark
    # mark every pixel covered by a full window
    fc = np.cumsum(full, axis=1, dtype=np.int32)
    fc = np.concatenate([np.zeros((a.shape[0], 1), np.int32), fc], axis=1)
    n = a.shape[1]
    idx = np.arange(n)
    lo = np.clip(idx - length + 1, 0, full.shape[1])
    hi = np.clip(idx + 1, 0, full.shape[1])
    covered = (fc[:, hi] - fc[:, lo]) > 0
    return covered if axis == 1 else covered.T


def _clusters(positions, gap: int = 4) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for p in positions:
        if out and p - out[-1][1] <= gap:
            out[-1] = (out[-1][0], int(p))
        else:
            out.append((int(p), int(p)))
    return out


def find_grid(gray, dpi: int = DPI) -> _Grid | None:
    """The ruled table on the page: row boundaries `ys` and column boundaries `xs` (pixels)."""
    import numpy as np

    dark = (gray < 150).astype(np.uint8)
    # close 1-2 px gaps left by noise or thin print before looking for strokes
    bridged = dark.copy()
    bridged[:, 1:-1] |= dark[:, :-2] & dark[:, 2:]
    hmask = _runs_mask(bridged, max(40, dpi // 3), axis=1)  # ≥ 1/3 inch horizontally
    bridged = dark.copy()
    bridged[1:-1, :] |= dark[:-2, :] & dark[2:, :]
    vmask = _runs_mask(bridged, max(30, dpi // 6), axis=0)  # ≥ 1/6 inch: taller than a letter
    h, w = gray.shape
    rows = np.nonzero(hmask.sum(axis=1) >= 0.2 * w)[0]
    ys = [(a + b) // 2 for a, b in _clusters(rows)]
    if len(ys) < 2:
        return None
    top, bottom = ys[0], ys[-1]
    band = vmask[top:bottom + 1]
    cols = np.nonzero(band.sum(axis=0) >= 0.5 * min(np.diff(ys).max(), bottom - top))[0]
    xs = [(a + b) // 2 for a, b in _clusters(cols)]
    if len(xs) < 2:
        return None
    # keep horizontal lines that span the table's columns
    left, right = xs[0], xs[-1]
    ys = [y for y in ys if hmask[max(0, y - 3):y + 4, left:right + 1].any(axis=0).mean() >= 0.3]
    if len(ys) < 2:
        return None
    return _Grid(ys, xs, hmask, vmask)


def _grid_cells(grid: _Grid) -> list[list[tuple[int, int, int, int] | None]]:
    """Cells as (row, col, row_span, col_span) at their top-left; None where covered: a border is
    present between two neighbours when ≥ 60 % of the shared edge is ruled."""
    ys, xs, hm, vm = grid.ys, grid.xs, grid.hmask, grid.vmask
    nr, nc = len(ys) - 1, len(xs) - 1
    parent = list(range(nr * nc))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a, b):
        parent[find(a)] = find(b)

    for r in range(nr):
        y0, y1 = ys[r] + 4, ys[r + 1] - 4
        for c in range(nc - 1):
            x = xs[c + 1]
            edge = vm[y0:y1, max(0, x - 4):x + 5].any(axis=1)
            if y1 <= y0 or edge.mean() < 0.6:
                union(r * nc + c, r * nc + c + 1)
    for r in range(nr - 1):
        y = ys[r + 1]
        for c in range(nc):
            x0, x1 = xs[c] + 4, xs[c + 1] - 4
            edge = hm[max(0, y - 4):y + 5, x0:x1].any(axis=0)
            if x1 <= x0 or edge.mean() < 0.6:
                union(r * nc + c, (r + 1) * nc + c)
    groups: dict[int, list[tuple[int, int]]] = {}
    for r in range(nr):
        for c in range(nc):
            groups.setdefault(find(r * nc + c), []).append((r, c))
    out: list[list] = [[None] * nc for _ in range(nr)]
    for members in groups.values():
        r0 = min(r for r, _ in members)
        c0 = min(c for _, c in members)
        r1 = max(r for r, _ in members)
        c1 = max(c for _, c in members)
        out[r0][c0] = (r0, c0, r1 - r0 + 1, c1 - c0 + 1)
    return out


# ------------------------------------------------------------------ Tesseract

def _tesseract_tsv(target: str, psm: int, cwd: str, whitelist: str | None = None) -> list[dict]:
    cmd = ["tesseract", target, "stdout", "-l", LANG, "--psm", str(psm), "--dpi", str(DPI)]
    if whitelist:
        cmd += ["-c", f"tessedit_char_whitelist={whitelist}"]
    cmd.append("tsv")
    proc = subprocess.run(cmd, capture_output=True, text=True, env=_env(), cwd=cwd, timeout=600)
    if proc.returncode != 0:
        raise OcrUnavailable(f"tesseract failed ({proc.returncode}): {proc.stderr.strip()[:300]}")
    rows = list(csv.DictReader(io.StringIO(proc.stdout), delimiter="\t", quoting=csv.QUOTE_NONE))
    return [r for r in rows if r.get("level") == "5" and (r.get("text") or "").strip()]


def _save(gray, path: str) -> None:
    from PIL import Image

    Image.fromarray(gray).save(path, dpi=(DPI, DPI))


_SPECK_WORD = regex.compile(r"[._`'^~ˆ˜*]+")


def _words_to_lines(rows: list[dict], dx: int = 0, dy: int = 0) -> list[tuple[tuple, list[OcrWord]]]:
    lines: dict[tuple, list[OcrWord]] = {}
    for r in rows:
        x, y, w, h = int(r["left"]) + dx, int(r["top"]) + dy, int(r["width"]), int(r["height"])
        key = (r["page_num"], r["block_num"], r["par_num"], r["line_num"])
        if (float(r["conf"]) < 50 and not regex.search(r"[\p{L}\p{N}]", r["text"])) or \
                _SPECK_WORD.fullmatch(r["text"].strip()):
            continue  # a speck read as "." "`" "ˆ" "._": print never stands alone like that
        lines.setdefault(key, []).append(OcrWord(unicodedata.normalize("NFC", r["text"].strip()),
                                                 (x, y, x + w, y + h), float(r["conf"])))
    return list(lines.items())


def _make_line(words: list[OcrWord], repair: bool) -> OcrLine:
    raw = " ".join(w.text for w in words)
    text = repair_line(raw) if repair else raw
    bbox = (min(w.bbox[0] for w in words), min(w.bbox[1] for w in words),
            max(w.bbox[2] for w in words), max(w.bbox[3] for w in words))
    conf = round(sum(w.conf for w in words) / len(words), 1)
    return OcrLine(text, bbox, conf, raw, words)


def _ocr_text(gray, tmp: str, repair: bool) -> list[OcrLine]:
    if not (gray < 128).any():
        return []
    path = os.path.join(tmp, "page.png")
    _save(gray, path)
    lines = [_make_line(ws, repair) for _, ws in _words_to_lines(_tesseract_tsv(path, 3, tmp)) if ws]
    lines = [ln for ln in lines if ln.text.strip() and not _is_noise(ln)]
    for ln in lines:
        ln.text = mark_comparators(ln.text, [ln], gray)
    lines.sort(key=lambda ln: (ln.bbox[1] // 20, ln.bbox[0]))
    return lines


# Tesseract's Vietnamese model has no "≥"/"≤": it reads the chevron and drops the bar under it.
_BARRED = {">": "≥", "<": "≤"}


def has_bar_below(image, bbox: tuple[int, int, int, int]) -> bool:
    """A horizontal stroke, as wide as the chevron, in the lowest third of a word's first glyph:
    the word began with "≥" or "≤", not ">" or "<"."""
    import numpy as np

    x0, y0, x1, y1 = bbox
    h = y1 - y0
    if h < 8:
        return False
    region = image[max(0, y0):y1 + h // 3, max(0, x0):min(x1, x0 + int(0.8 * h))] < 128
    rows, cols = np.nonzero(region.sum(axis=1))[0], np.nonzero(region.sum(axis=0))[0]
    if len(rows) < 4 or not len(cols):
        return False
    width = cols[-1] - cols[0] + 1
    lower = region[rows[0] + 2 * (rows[-1] - rows[0]) // 3:rows[-1] + 1]
    return bool((lower.sum(axis=1) >= 0.7 * width).any())


def mark_comparators(text: str, lines: list[OcrLine], image) -> str:
    """Put the bar back: a word read as ">90%" whose glyph has a bar under it is "≥90%". The
    text's lines and words align with `lines` (repairs change letters, never the spacing)."""
    out = text.split("\n")
    for i, ln in enumerate(lines[:len(out)]):
        tokens = out[i].split(" ")
        if len(tokens) != len(ln.words):
            continue
        for k, w in enumerate(ln.words):
            if w.text[:1] in _BARRED and tokens[k][:1] == w.text[:1] and has_bar_below(image, w.bbox):
                tokens[k] = _BARRED[w.text[0]] + tokens[k][1:]
        out[i] = " ".join(tokens)
    return "\n".join(out)


def _is_noise(line: OcrLine) -> bool:
    """Specks, stamp rims and ruling read as "|", "—", "_": no letter or digit, low confidence."""
    return not regex.search(r"[\p{L}\p{N}]", line.text) and line.confidence < 80


def _ocr_table(gray, grid: _Grid, tmp: str, repair: bool) -> OcrTable:
    import numpy as np

    clean = gray.copy()
    ruling = grid.hmask | grid.vmask
    # erase ruling (and a 2-px halo) so cells hold only their text
    halo = ruling.copy()
    for s in (1, 2):
        halo[s:, :] |= ruling[:-s, :]
        halo[:-s, :] |= ruling[s:, :]
        halo[:, s:] |= ruling[:, :-s]
        halo[:, :-s] |= ruling[:, s:]
    clean[halo] = 255
    # cells are small: Tesseract's own thresholding of a noisy background fails on a short
    # code ("TT", "5"); a global threshold is safe on the dark print of a form
    clean = np.where(clean < 150, 0, 255).astype(np.uint8)
    layout = _grid_cells(grid)
    ys, xs = grid.ys, grid.xs
    paths: dict[int, list[str]] = {6: [], 7: []}
    tt_crops: list[tuple[object, int, int]] = []
    boxes = []
    for r, row in enumerate(layout):
        for c, cell in enumerate(row):
            if cell is None:
                continue
            r0, c0, rs, cs = cell
            x0, x1 = xs[c0] + 5, xs[c0 + cs] - 5
            y0, y1 = ys[r0] + 5, ys[r0 + rs] - 5
            crop = clean[y0:y1, x0:x1]
            ink = crop < 128
            if crop.size == 0 or ink.sum() < 15:
                boxes.append((cell, (x0, y0, x1, y1), None, 0, 0))
                continue
            rows_ink = np.nonzero(ink.sum(axis=1) >= 2)[0]
            cols_ink = np.nonzero(ink.sum(axis=0) >= 1)[0]
            if not len(rows_ink) or not len(cols_ink):
                boxes.append((cell, (x0, y0, x1, y1), None, 0, 0))
                continue
            ty0, ty1 = rows_ink[0], rows_ink[-1] + 1
            tx0, tx1 = cols_ink[0], cols_ink[-1] + 1
            crop = crop[ty0:ty1, tx0:tx1]
            if c0 == 0 and cs == 1 and crop.shape[1] < 0.5 * DPI and crop.shape[0] <= 0.3 * DPI:
                # the TT column: read all its numbers at once (see _read_tt_column)
                tt_crops.append((crop, x0 + tx0, y0 + ty0))
                boxes.append((cell, (x0, y0, x1, y1), ("tt", len(tt_crops) - 1), 20, 20))
                continue
            if crop.shape[1] < 0.5 * DPI and crop.shape[0] <= 0.3 * DPI:
                # a short code ("TT", "5", "IV"): Tesseract reads tiny images badly; give it a
                # wide white field (its line finder wants context, not a bigger glyph)
                padded = np.full((crop.shape[0] + 80, crop.shape[1] + 200), 255, np.uint8)
                padded[40:-40, 100:-100] = crop
                tx0, ty0 = tx0 - 80, ty0 - 20
            else:
                padded = np.full((crop.shape[0] + 40, crop.shape[1] + 40), 255, np.uint8)
                padded[20:-20, 20:-20] = crop
            # one printed line (12-14 pt at 300 dpi is ≤ ~70 px of ink) reads best as a line
            psm = 7 if crop.shape[0] <= 0.3 * DPI else 6
            path = os.path.join(tmp, f"cell_{psm}_{len(paths[psm]):04d}.png")
            _save(padded, path)
            paths[psm].append(path)
            boxes.append((cell, (x0, y0, x1, y1), (psm, len(paths[psm])), x0 + tx0, y0 + ty0))
    by_page: dict[tuple[int, int], list] = {}
    for psm, group in paths.items():
        if not group:
            continue
        listing = os.path.join(tmp, f"cells_{psm}.txt")
        with open(listing, "w") as f:
            f.write("\n".join(group) + "\n")
        for key, words in _words_to_lines(_tesseract_tsv(listing, psm, tmp)):
            by_page.setdefault((psm, int(key[0])), []).append((key, words))
    by_page.update(_read_tt_column(tt_crops, tmp))
    cells: list[list[OcrCell | None]] = [[None] * (len(xs) - 1) for _ in range(len(ys) - 1)]
    for (r0, c0, rs, cs), (x0, y0, x1, y1), page_no, ox, oy in boxes:
        lines = []
        for _, words in sorted(by_page.get(page_no, []), key=lambda kw: tuple(int(k) for k in kw[0][1:])):
            for w in words:
                w.bbox = (w.bbox[0] + ox - 20, w.bbox[1] + oy - 20, w.bbox[2] + ox - 20, w.bbox[3] + oy - 20)
            ln = _make_line(words, repair)
            if not _is_noise(ln):
                lines.append(ln)
        raw = "\n".join(ln.raw_text for ln in lines)
        # repaired as a whole: a word pair may be cut by the cell's line break ("đối" / "mới")
        text = mark_comparators(repair_line(raw) if repair else raw, lines, clean)
        confs = [w.conf for ln in lines for w in ln.words]
        cells[r0][c0] = OcrCell(text, (x0, y0, x1, y1), r0, c0, rs, cs,
                                round(sum(confs) / len(confs), 1) if confs else 0.0, raw)
    return OcrTable(cells, (xs[0], ys[0], xs[-1], ys[-1]))


# What the TT column prints: task numbers ("8", "1.1"), Roman group numerals and its header
# "TT". Without the limit the Vietnamese model reads "VI" as "VỊ" and "III" as "lai".
TT_CHARACTERS = "0123456789IVXT."


def _read_tt_column(crops: list[tuple[object, int, int]], tmp: str) -> dict[tuple, list]:
    """The TT column's short codes ("1", "8", "IV", "TT") stacked into one strip and read as a
    block: alone, a single digit reads as nothing or as "$"; in a column of numbers it reads
    right. Words go back to their cell by height; boxes are returned in page pixels."""
    import numpy as np

    if not crops:
        return {}
    gap, left, top = 60, 100, 40
    width = max(c.shape[1] for c, _, _ in crops) + 2 * left
    offsets, y = [], top
    for crop, _, _ in crops:
        offsets.append(y)
        y += crop.shape[0] + gap
    strip = np.full((y + top, width), 255, np.uint8)
    for (crop, _, _), oy in zip(crops, offsets):
        strip[oy:oy + crop.shape[0], left:left + crop.shape[1]] = crop
    path = os.path.join(tmp, "tt_column.png")
    _save(strip, path)
    out: dict[tuple, list] = {}
    for key, words in _words_to_lines(_tesseract_tsv(path, 6, tmp, TT_CHARACTERS)):
        for w in words:
            cy = (w.bbox[1] + w.bbox[3]) / 2
            k = max(0, min(len(crops) - 1, next((i for i, oy in enumerate(offsets) if cy < oy + crops[i][0].shape[0] + gap / 2), len(crops) - 1)))
            _, cx, cy0 = crops[k]
            w.bbox = (w.bbox[0] - left + cx, w.bbox[1] - offsets[k] + cy0, w.bbox[2] - left + cx, w.bbox[3] - offsets[k] + cy0)
            out.setdefault(("tt", k), []).append((key, [w]))
    for k, (crop, cx, cy0) in enumerate(crops):
        read = [w for _, ws in out.get(("tt", k), []) for w in ws if regex.search(r"[\p{L}\p{N}]", w.text)]
        if not read:  # missed in the strip: read alone, as one word
            out.pop(("tt", k), None)
            out.update(_read_tt_cell(crop, cx, cy0, k, tmp))
    return out


def _read_tt_cell(crop, cx: int, cy0: int, k: int, tmp: str) -> dict[tuple, list]:
    """One TT code read alone, at twice the size: a lone "5" at 300 dpi reads as "S" or
    nothing, at 600 as "5"."""
    import numpy as np
    from PIL import Image

    out: dict[tuple, list] = {}
    big = np.asarray(Image.fromarray(crop).resize((crop.shape[1] * 2, crop.shape[0] * 2), Image.LANCZOS))
    padded = np.full((big.shape[0] + 80, big.shape[1] + 200), 255, np.uint8)
    padded[40:-40, 100:-100] = big
    one = os.path.join(tmp, f"tt_{k}.png")
    _save(padded, one)
    for key, words in _words_to_lines(_tesseract_tsv(one, 8, tmp, TT_CHARACTERS)):
        for w in words:
            w.bbox = (cx + (w.bbox[0] - 100) // 2, cy0 + (w.bbox[1] - 40) // 2,
                      cx + (w.bbox[2] - 100) // 2, cy0 + (w.bbox[3] - 40) // 2)
        out.setdefault(("tt", k), []).append((key, words))
    return out


def ocr_page_image(image, *, table: bool | None = None, page: int = 0, repair: bool = True) -> OcrPage:
    """OCR one page image (PIL image, numpy array, path or PNG/JPEG bytes; 300 dpi expected).

    `table=None` looks for a ruled grid and reads it cell by cell when found; True insists on
    the grid path (falls back to plain text with a warning when no grid is found); False reads
    the page as one text stream. Lines carry `text` (repaired), `raw_text` and a confidence.
    """
    if not tesseract_available():
        raise OcrUnavailable("tesseract with the Vietnamese model (tesseract-ocr-vie) is not installed")
    raw = _to_gray(image)
    gray, angle = deskew(despeckle(raw))
    warnings: list[str] = []
    tables: list[OcrTable] = []
    with tempfile.TemporaryDirectory(prefix="kehoach-ocr-") as tmp:
        # the ruling is found before the median filter: a thin rule of a low-resolution scan,
        # blurred and grey, comes out of the filter broken, and its cells would merge
        grid = find_grid(rotated(raw, angle)) if table is not False else None
        if table and grid is None:
            warnings.append("no ruled grid found on a table page: read as one text stream")
        text_image = gray
        if grid is not None:
            tables.append(_ocr_table(gray, grid, tmp, repair))
            text_image = gray.copy()
            text_image[max(0, grid.ys[0] - 6):grid.ys[-1] + 7, max(0, grid.xs[0] - 6):grid.xs[-1] + 7] = 255
        lines = _ocr_text(text_image, tmp, repair)
    h, w = gray.shape
    out = OcrPage(page, w, h, DPI, lines, tables, angle, warnings)
    if out.mean_confidence and out.mean_confidence < LOW_CONFIDENCE:
        out.warnings.append(f"low OCR confidence {out.mean_confidence:.0f} on page {page}")
    return out


# ------------------------------------------------------------------ PDFs and workers

# pdfium is not thread-safe: pages are rendered one at a time, only Tesseract runs in parallel.
_PDFIUM_LOCK = threading.Lock()


def render_page(data: bytes, page: int, dpi: int = DPI):
    """Page `page` (1-based) of a PDF as a grey numpy array at `dpi`."""
    import numpy as np
    import pypdfium2 as pdfium

    with _PDFIUM_LOCK:
        pdf = pdfium.PdfDocument(data)
        try:
            bitmap = pdf[page - 1].render(scale=dpi / 72, grayscale=True)
            return np.asarray(bitmap.to_pil().convert("L")).copy()
        finally:
            pdf.close()


def _ocr_one(data: bytes, page: int, table: bool | None) -> OcrPage:
    return ocr_page_image(render_page(data, page), table=table, page=page)


def ocr_pdf(data: bytes, pages: list[int], jobs: int = 2, *, tables: dict[int, bool] | None = None) -> list[OcrPage]:
    """OCR the given pages (1-based) of a PDF, `jobs` pages at a time; results in the order of
    `pages`. Threads, not processes: the work is in the Tesseract child processes (one per
    page, OMP_THREAD_LIMIT=1) and numpy, and a batch worker is a daemon process that may not
    fork a process pool of its own. `tables` may force the table decision per page."""
    if not tesseract_available():
        raise OcrUnavailable("tesseract with the Vietnamese model (tesseract-ocr-vie) is not installed")
    work = [(p, (tables or {}).get(p)) for p in pages]
    if jobs <= 1 or len(work) <= 1:
        pages_out = [_ocr_one(data, p, t) for p, t in work]
    else:
        with ThreadPoolExecutor(max_workers=min(jobs, len(work))) as ex:
            pages_out = list(ex.map(lambda w: _ocr_one(data, *w), work))
    repair_roman_numerals(pages_out)
    repair_task_numbers(pages_out)
    return pages_out


# ------------------------------------------------------------------ post-OCR repair

_WORD = regex.compile(r"\p{L}+")
# Letters Tesseract confuses inside Vietnamese vowels: the shape marks (ă â, ê, ô ơ, ư) and đ.
_SHAPES = {"a": "aăâ", "ă": "aăâ", "â": "aăâ", "e": "eê", "ê": "eê", "o": "oôơ", "ô": "oôơ", "ơ": "oôơ",
           "u": "uư", "ư": "uư", "d": "dđ", "đ": "dđ", "i": "i", "y": "y"}
_TONE_CHARS = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")


def _variants(word: str) -> set[str]:
    """Spellings of `word` that differ only in tone and vowel-shape marks (lower case)."""
    from extract.text_quality import split_tone

    base, _ = split_tone(word)
    bases = [""]
    for ch in base:
        bases = [b + alt for b in bases for alt in _SHAPES.get(ch, ch)]
        if len(bases) > 400:
            return set()
    out = set()
    for b in bases:
        for t in _TONE_CHARS:
            out.add(_with_tone(b, t))
    return out


@lru_cache(maxsize=1 << 15)
def _with_tone(base: str, tone: str) -> str:
    from extract.text_quality import _place_tone

    names = {"": "", "\u0301": "sac", "\u0300": "huyen", "\u0309": "hoi", "\u0303": "nga", "\u0323": "nang"}
    return _place_tone(base, names[tone])


def _match_case(src: str, dst: str) -> str:
    if src.isupper() and len(src) > 1:
        return dst.upper()
    if src[:1].isupper():
        return dst[:1].upper() + dst[1:]
    return dst


@lru_cache(maxsize=1)
def _vocab_pairs() -> dict[tuple[str, str], int]:
    """Word pairs of the project's vocabularies (normalize/data/*.yaml), weighted high: they are
    the phrases later stages look for (unit names, deadline words, table headers)."""
    from importlib import resources

    from extract.text_quality import is_syllable

    pairs: dict[tuple[str, str], int] = {}
    root = resources.files("normalize").joinpath("data")
    for entry in root.iterdir():
        if not entry.name.endswith(".yaml"):
            continue
        text = unicodedata.normalize("NFC", entry.read_text("utf-8")).lower()
        for line in text.splitlines():
            toks = _WORD.findall(line)
            for a, b in zip(toks, toks[1:]):
                if is_syllable(a) and is_syllable(b):
                    pairs[(a, b)] = pairs.get((a, b), 0) + 5
    return pairs


def _pair_count(a: str, b: str) -> int:
    from extract.text_quality import bigram_count

    return bigram_count(a, b) + _vocab_pairs().get((a, b), 0)


def repair_tokens(tokens: list[str]) -> list[str]:
    """Repair words of one line. A word is replaced by a spelling that differs only in tone or
    vowel-shape marks when that spelling clearly wins: (a) the word is not a Vietnamese syllable
    and exactly one variant is attested, or the best attested variant is ≥ 5× the next; or (b)
    the word is a syllable but neither of its word pairs with its neighbours is attested, and
    a variant forms an attested pair ≥ 3 times while no other variant comes within half of it.
    """
    out = list(tokens)
    for _ in range(2):  # a second pass sees the neighbours the first one repaired
        out = _repair_pass(out)
    return out


def _caps_line(tokens: list[str]) -> bool:
    """A line set in capitals (agency names, headings): unmarked words there may have lost
    their marks ("THAN UYEN"); acronyms in it have no syllable variant and stay."""
    words = [t for t in tokens if _WORD.fullmatch(t)]
    return len(words) >= 2 and all(t.isupper() for t in words)


def _repair_pass(tokens: list[str]) -> list[str]:
    from extract.text_quality import is_syllable, syllable_count

    low = [t.lower() for t in tokens]
    out = list(tokens)
    for i, tok in enumerate(tokens):
        if not _WORD.fullmatch(tok) or (tok.isascii() and tok.isupper() and len(tok) > 1 and not _caps_line(tokens)):
            continue  # an acronym ("TCHC"); in a line of capitals, a word that lost its marks
        w = low[i]
        variants = [v for v in _variants(w) if v != w and syllable_count(v) > 0]
        if not variants:
            continue
        prev = low[i - 1] if i else None
        nxt = low[i + 1] if i + 1 < len(low) else None

        def ctx(v: str) -> int:
            return (_pair_count(prev, v) if prev else 0) + (_pair_count(v, nxt) if nxt else 0)

        if not is_syllable(w) or syllable_count(w) == 0:
            ranked = sorted(variants, key=lambda v: (ctx(v), syllable_count(v)), reverse=True)
            best = ranked[0]
            second = ranked[1] if len(ranked) > 1 else None
            if second is None or ctx(best) >= 3 > ctx(second) * 2 or \
                    (ctx(best) == ctx(second) == 0 and syllable_count(best) >= 5 * syllable_count(second)):
                out[i] = _match_case(tok, best)
                low[i] = best
            continue
        own = ctx(w)
        if own > 0:
            continue
        ranked = sorted(variants, key=ctx, reverse=True)
        best = ranked[0]
        second = ctx(ranked[1]) if len(ranked) > 1 else 0
        if ctx(best) >= 3 and ctx(best) >= 2 * max(1, second):
            out[i] = _match_case(tok, best)
            low[i] = best
    return out


_ROMAN_HEAD = regex.compile(r"^(?P<num>[IVXLHl1|]{1,5})(?P<dot>\s*[.,])\s+(?=\p{Lu})")
_ROMAN_CELL = regex.compile(r"^(?P<num>[IVXLHl1|]{1,5})\.?$")
ROMANS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"]


def fix_roman_sequence(numerals: list[str]) -> list[str]:
    """Section numerals of one sequence (I, II, III, …) as read by OCR → as printed.

    Tesseract drops or merges strokes ("III" → "IH", "I" → "l" or "1", "VII" → "V1"). A reading
    that is a well-formed numeral is kept; a malformed one within a character of the numeral
    due (the one after the last numeral) becomes that numeral.
    """
    out = []
    due = 0
    for k, raw in enumerate(numerals):
        read = raw.replace("H", "II").replace("l", "I").replace("1", "I").replace("|", "I").rstrip(".")
        if raw in ROMANS:
            # a well-formed numeral is believed: plans skip numbers (seed 000 goes I, III, IV)
            # and a missed cell must not renumber the rest; but one going back between two
            # that follow each other ("II", "I", "IV": the strokes of "III" lost) is the one due
            got = ROMANS.index(raw)
            after = numerals[k + 1] if k + 1 < len(numerals) else None
            if got < due - 1 and due + 1 < len(ROMANS) and after == ROMANS[due + 1]:
                got = due
        elif due < len(ROMANS) and (not read or abs(len(read) - len(ROMANS[due])) <= 1):
            got = due  # a numeral lost to the scan ("") or one stroke off is the one due
        elif read in ROMANS:
            # a malformed reading going back ("I." after "II", strokes of "III" lost) is the
            # numeral due: only a well-formed one may restart or repeat the sequence
            got = max(ROMANS.index(read), due) if due < len(ROMANS) else ROMANS.index(read)
        else:
            out.append(raw)
            continue
        out.append(ROMANS[got])
        due = got + 1
    return out


def repair_roman_numerals(pages: list[OcrPage]) -> None:
    """Document-level pass (in place): body headings "I.", "II." … form one sequence, and the
    group rows of each table (a numeral in the TT cell, the rest merged) another."""
    heads = [(ln, _ROMAN_HEAD.match(ln.text)) for p in pages for ln in p.lines]
    heads = [(ln, m) for ln, m in heads if m]
    for (ln, m), num in zip(heads, fix_roman_sequence([m.group("num") for _, m in heads])):
        if num != m.group("num"):
            ln.text = num + ln.text[m.end("num"):]
    cells = []
    for p in pages:
        for t in p.tables:
            for row in t.cells:
                first = row[0] if row else None
                if first is None:
                    continue
                if regex.match(r"^s?tt\b", first.text.strip(), regex.I):
                    continue  # the header repeats on every page: the sequence goes on
                m = _ROMAN_CELL.match(first.text.strip())
                merged = sum(1 for c in row[1:] if c is None) >= max(1, len(row) - 3)
                if m and merged:
                    cells.append((first, m.group("num")))
                elif merged and not first.text.strip() and _is_group_title(row[1]):
                    cells.append((first, ""))  # the numeral's strokes lost to the scan
    _apply_cells(cells)


def fix_number_sequence(numbers: list[str], window: int = 4) -> list[str]:
    """Task numbers of a TT column as read → as printed. A reading that breaks the count and is
    one edit away from the number due ("49, 950" → 50; "58, 53" → 59) becomes that number when
    the readings after it fit the count from the number due at least as well as the count from
    the reading; a restart at "1" and a real skip ("1, 2, 4, 5": 5 follows 4) stay as read."""
    from rapidfuzz.distance import Levenshtein

    values = [int(n) if n.isdigit() else None for n in numbers]
    out = list(numbers)
    for i in range(1, len(values)):
        prev, read = values[i - 1], values[i]
        if prev is None or read is None or read == prev + 1 or numbers[i] == "1":
            continue
        due = prev + 1
        if Levenshtein.distance(numbers[i], str(due)) > 1:
            continue
        after = values[i + 1:i + 1 + window]
        if not after and len(numbers[i]) == len(str(due)):
            continue  # the last number: nothing tells a misreading from a real number
        fits_due = sum(v == due + k for k, v in enumerate(after, start=1))
        fits_read = sum(v == read + k for k, v in enumerate(after, start=1))
        if fits_due >= fits_read:
            values[i], out[i] = due, str(due)
    return out


def repair_task_numbers(pages: list[OcrPage]) -> None:
    """Document-level pass (in place) over the TT cells of every table's task rows."""
    cells = []
    for p in pages:
        for t in p.tables:
            for row in t.cells:
                first = row[0] if row else None
                if first is not None and regex.fullmatch(r"\d{1,3}", first.text.strip()):
                    cells.append(first)
    for cell, num in zip(cells, fix_number_sequence([c.text.strip() for c in cells])):
        cell.text = num


def _is_group_title(cell) -> bool:
    """A group row's merged title: words in capitals ("HẠ TẦNG SỐ VÀ AN TOÀN THÔNG TIN")."""
    text = cell.text.strip() if cell is not None and cell.text else ""
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 6 and sum(ch.isupper() for ch in letters) >= 0.9 * len(letters)


def _apply_cells(cells: list) -> None:
    for (cell, raw), num in zip(cells, fix_roman_sequence([r for _, r in cells])):
        if num != raw:
            cell.text = num


# A Roman quarter or period number before "/<year>" with a digit 1, "l" or "|" read for an "I":
# "I1/2025", "1V/2026", "Il/2025". It holds at least one true Roman letter, so "11/2025" stays.
_ROMAN_BEFORE_YEAR = regex.compile(r"(?<![\p{L}\p{N}])(?=[IVX1l|]*[IVX])(?=[IVX]*[1l|])([IVX1l|]{2,4})(?=\s*/\s*\d{4})")


@lru_cache(maxsize=1)
def _impossible_quarter() -> regex.Pattern:
    """A quarter word (the deadline vocabulary's QUARTER) before a "number" of ones that is no
    quarter ("Quý 11/2026", "Quý 111/2026"): the Roman numeral read stroke by stroke."""
    from normalize.deadlines import deadline_vocab

    quarter = [p for p, token in deadline_vocab().phrase_token.items() if token == "QUARTER"]
    words = "|".join(regex.escape(w) for w in quarter)
    return regex.compile(rf"(?i)(?<!\p{{L}})((?:{words})\s+)(11|111|1l|l1|ll|lll)(?=\s*/\s*\d{{4}})")


def repair_roman_before_year(text: str) -> str:
    text = _ROMAN_BEFORE_YEAR.sub(lambda m: regex.sub(r"[1l|]", "I", m.group(1)), text)
    return _impossible_quarter().sub(lambda m: m.group(1) + "I" * len(m.group(2)), text)


def repair_line(text: str) -> str:
    """Repair one OCR line, keeping its spacing and punctuation (see repair_tokens)."""
    text = repair_roman_before_year(text)
    parts = regex.split(r"(\p{L}+)", text)
    words = parts[1::2]
    if words:
        fixed = repair_tokens(words)
        parts[1::2] = fixed
    return "".join(parts)


