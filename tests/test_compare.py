"""`kehoach compare`: hospital identity, comparison.parquet, the matrix, the workbook and the
HTML report, checked on their content (the seeds' digital-skills targets: Than Uyên ≥85%,
Hoằng Hóa ≥90%)."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import openpyxl
import pandas as pd
import pytest

from kehoach.compare import COMPARISON_COLUMNS, CompareError, compare
from kehoach.report_html import write_html
from kehoach.report_xlsx import write_xlsx
from normalize.orgs import resolve_org, slug

from .conftest import SAMPLES  # noqa: F401  (kept: the compare tests share the session extraction)

THAN_UYEN, HOANG_HOA = "lai-chau/bvdk-than-uyen", "thanh-hoa/bvdk-hoang-hoa"
CONTRACT = ["org_key", "org_name", "province", "indicator", "indicator_name", "comparator", "value", "unit",
            "due_start", "due_end", "recurrence", "doc_id", "target_id", "text", "page"]


@pytest.fixture(scope="session")
def extracted(extracted_samples):
    """samples/ (seeds, renditions, scans and the synthetic plans) extracted once."""
    return extracted_samples


@pytest.fixture(scope="session")
def comparison(extracted):
    return compare(extracted)


# ------------------------------------------------------------------ hospital identity

@pytest.mark.parametrize("issuer, province, parent", [
    ("Bệnh viện Đa khoa Hoằng Hóa", "Thanh Hóa", None),
    ("BỆNH VIỆN ĐA KHOA HOẰNG HOÁ", None, "SỞ Y TẾ THANH HÓA"),
    ("Bệnh viện đa khoa Hoằng Hoá", "Thanh Hóa", None),
    ("BVĐK Hoằng Hóa", "Thanh Hóa", None),
    ("BVĐK huyện Hoằng Hóa", None, "Sở Y tế tỉnh Thanh Hóa"),
    ("  bệnh viện ĐA KHOA  hoằng hóa ", "Thanh Hóa", None),
])
def test_issuer_variants_fold_to_one_hospital(issuer, province, parent):
    org = resolve_org(issuer, province, parent)
    assert (org.org_key, org.org_name, org.province) == (HOANG_HOA, "Bệnh viện Đa khoa Hoằng Hóa", "Thanh Hóa")


def test_hospital_identity_rules():
    assert resolve_org("Bệnh viện Đa khoa Than Uyên", "Lai Châu").org_key == THAN_UYEN
    # the province is part of the key; "tỉnh" and "thành phố" hospitals differ
    assert resolve_org("BVĐK Lai Châu", "Lai Châu").org_key == resolve_org("Bệnh viện đa khoa tỉnh Lai Châu", "Lai Châu").org_key
    assert resolve_org("BVĐK thành phố Thanh Hóa", "Thanh Hóa").org_key != resolve_org("BVĐK tỉnh Thanh Hóa", "Thanh Hóa").org_key
    assert resolve_org("TTYT huyện Mường Tè", None, "Sở Y tế tỉnh Lai Châu").org_name == "Trung tâm Y tế Mường Tè"
    # a Party committee's plan counts for its body; a header read in one piece keeps the issuer
    assert resolve_org("Đảng ủy Trung tâm Y tế khu vực Long Thành", "Đồng Nai").org_key == "dong-nai/ttytkv-long-thanh"
    org = resolve_org("Sở Y tế Nghệ An<br> Bệnh Viện Y Học Cổ Truyền <br> Tỉnh Nghệ An <br>-----", "Nghệ An")
    assert org.org_name == "Bệnh viện Y học cổ truyền tỉnh Nghệ An"
    assert resolve_org(None, None, fallback_id="abc").org_key == "unknown/doc-abc"
    assert slug("Hoằng Hoá") == slug("HOẰNG HÓA") == "hoang-hoa"


# ------------------------------------------------------------------ comparison.parquet

def _digital_skills(rows: pd.DataFrame, org_key: str) -> pd.DataFrame:
    return rows[(rows.org_key == org_key) & (rows.indicator == "DIGITAL_SKILLS")]


def test_comparison_parquet_content(extracted, comparison):
    table = pd.read_parquet(extracted / "comparison.parquet")
    assert list(table.columns[:len(CONTRACT)]) == CONTRACT
    assert list(table.columns) == [c for c, _, _ in COMPARISON_COLUMNS]
    targets = pd.read_parquet(extracted / "targets.parquet")
    kept = set(comparison.documents.loc[comparison.documents.duplicate_of.isna(), "doc_id"])
    assert sorted(table.target_id) == sorted(targets[targets.doc_id.isin(kept)].target_id), "one row per hospital × target"
    tu = _digital_skills(table, THAN_UYEN)
    assert len(tu) == 1 and tu.iloc[0].comparator == ">=" and tu.iloc[0].value >= 85 and tu.iloc[0].unit == "%"
    assert tu.iloc[0].org_name == "Bệnh viện Đa khoa Than Uyên" and tu.iloc[0].province == "Lai Châu"
    assert tu.iloc[0].indicator_name == "Viên chức được đào tạo, bồi dưỡng kỹ năng số"
    hh = _digital_skills(table, HOANG_HOA)
    assert len(hh) == 2 and (hh.value >= 90).all() and set(hh.source) == {"objectives", "appendix"}
    head = hh[hh.headline].iloc[0]
    assert head.source == "appendix" and str(head.due_end) == "2025-12-31" and head.page == 5  # the PDF's appendix page
    # one headline per hospital × indicator
    assert not table[table.indicator.notna()].groupby(["org_key", "indicator"]).headline.sum().ne(1).any()
    assert table[table.indicator.isna()].indicator_evidence.str.startswith("no indicator").all()


def test_matrix_cells(comparison):
    matrix = comparison.matrix
    assert matrix.loc["Bệnh viện Đa khoa Than Uyên", "DIGITAL_SKILLS"] == "≥85%"
    assert matrix.loc["Bệnh viện Đa khoa Hoằng Hóa", "DIGITAL_SKILLS"] == "≥90% · Quý IV/2025"
    assert matrix.loc["Bệnh viện Đa khoa Than Uyên", "KIOSK"] == "—"
    assert matrix.loc["Bệnh viện Đa khoa Than Uyên", "EMR"] == "có (không định lượng)"
    assert matrix.loc["Bệnh viện Đa khoa Than Uyên", "PATIENT_SATISFACTION"] == ">95%"
    text = comparison.format(width=400)
    assert "DIGITAL_SKILLS" in text and "≥85%" in text and "Bệnh viện Đa khoa Hoằng Hóa" in text
    narrow = comparison.format(width=60)  # too narrow for a table: one block per hospital
    assert "  DIGITAL_SKILLS" in narrow and "≥85%" in narrow


def test_filters(extracted):
    only = compare(extracted, province="thanh hoa")
    assert HOANG_HOA in {o[0] for o in only.orgs} and {o[2] for o in only.orgs} == {"Thanh Hóa"}
    skills = compare(extracted, indicator="digital_skills")
    assert set(skills.rows.indicator) == {"DIGITAL_SKILLS"}
    assert {THAN_UYEN, HOANG_HOA} <= set(skills.rows.org_key)
    y2025 = compare(extracted, year=2025)
    assert THAN_UYEN not in set(y2025.rows.org_key)          # Than Uyên's plan is for 2026
    assert "≥90%" in y2025.matrix.loc["Bệnh viện Đa khoa Hoằng Hóa", "DIGITAL_SKILLS"]
    y2026 = compare(extracted, year=2026)
    later = y2026.rows[y2026.rows.org_key == HOANG_HOA]
    # Hoằng Hóa (plan of 2025) counts in 2026 only with what is due in 2026 or recurs
    assert len(later) and ((later.year == 2026) | later.recurrence.notna()).all()
    assert "Quý IV/2025" not in set(later.deadline_text.dropna())
    with pytest.raises(CompareError, match="Unknown indicator"):
        compare(extracted, indicator="NOPE")
    compare(extracted)  # leave the unfiltered comparison for the other tests


def test_one_plan_in_three_formats_is_compared_once(comparison):
    docs = comparison.documents
    than_uyen = docs[docs.org_key == THAN_UYEN]
    # the seed text, its DOCX, PDF, scanned, pdftotext and pypdf renditions and the long
    # variants: one 240/KH-BV plan
    assert len(than_uyen) == 11 and than_uyen.duplicate_of.isna().sum() == 1
    # text, DOCX, PDF, scan, pdftotext, pypdf, VNI DOCX and VNI PDF
    hoang_hoa = docs[docs.org_key == HOANG_HOA]
    assert len(hoang_hoa) == 8 and hoang_hoa.duplicate_of.isna().sum() == 1
    kept = than_uyen[than_uyen.duplicate_of.isna()].iloc[0]
    assert kept.source_format == "pdf"
    assert set(than_uyen.duplicate_of.dropna()) == {kept.doc_id}
    assert set(comparison.rows[comparison.rows.org_key == THAN_UYEN].doc_id) == {kept.doc_id}


def test_empty_folder_is_a_usage_error(tmp_path):
    with pytest.raises(CompareError, match="no extracted tables"):
        compare(tmp_path)


# ------------------------------------------------------------------ workbook

def test_xlsx_content(comparison, tmp_path):
    path = write_xlsx(comparison, tmp_path / "compare.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[0] == "Ma trận" and "DIGITAL_SKILLS" in wb.sheetnames and "Văn bản" in wb.sheetnames
    ws = wb["Ma trận"]
    assert ws.freeze_panes == "B2"
    header = [c.value for c in ws[1]]
    col = header.index("Viên chức được đào tạo, bồi dưỡng kỹ năng số (DIGITAL_SKILLS)")
    rows = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    assert rows["Bệnh viện Đa khoa Than Uyên"][col] == "≥85%"
    assert rows["Bệnh viện Đa khoa Hoằng Hóa"][col] == "≥90% · Quý IV/2025"
    assert ws.column_dimensions["A"].width >= 30
    sheet = wb["DIGITAL_SKILLS"]
    lines = [r for r in sheet.iter_rows(min_row=3, values_only=True)]
    hh = next(r for r in lines if r[0] == "Bệnh viện Đa khoa Hoằng Hóa")
    assert hh[2] == "≥90%" and hh[3].startswith("Quý IV/2025") and hh[4] == "Phòng Tổ chức hành chính"
    assert hh[5] == "Cán bộ, viên chức, người lao động được tập huấn kỹ năng số cơ bản" and "trang 5" in hh[6]
    tu = next(r for r in lines if r[0] == "Bệnh viện Đa khoa Than Uyên")
    assert tu[2] == "≥85%" and tu[5] == "Tối thiểu 85% viên chức được bồi dưỡng kỹ năng số."
    docs = {r[0]: r for r in wb["Văn bản"].iter_rows(min_row=2, values_only=True)}
    assert "document number is blank" in docs["Bệnh viện Đa khoa Hoằng Hóa"][-1]


# ------------------------------------------------------------------ HTML

class _Cells(HTMLParser):
    """Text of every matrix cell, by (data-org, data-indicator); every src/href seen."""

    def __init__(self):
        super().__init__()
        self.cells, self.links, self._key, self._depth = {}, [], None, 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.links += [a[k] for k in ("src", "href") if k in a]
        if tag == "td" and "data-indicator" in a:
            self._key, self._depth = (a["data-org"], a["data-indicator"]), 0
            self.cells[self._key] = ""
        elif tag == "td" and self._key:
            self._depth += 1

    def handle_endtag(self, tag):
        if tag == "td" and self._key:
            self._key = None

    def handle_data(self, data):
        if self._key:
            self.cells[self._key] += data + " "


def test_html_content(comparison, tmp_path):
    page = write_html(comparison, tmp_path / "compare.html").read_text("utf-8")
    assert not re.search(r"https?://", page), "the report must not reference external resources"
    parser = _Cells()
    parser.feed(page)
    assert all(link.startswith("#") for link in parser.links)
    tu = parser.cells[(THAN_UYEN, "DIGITAL_SKILLS")]
    assert "≥85%" in tu and "Tối thiểu 85% viên chức được bồi dưỡng kỹ năng số." in tu and "trang 1" in tu
    assert "240/KH-BV" in tu
    hh = parser.cells[(HOANG_HOA, "DIGITAL_SKILLS")]
    assert "≥90%" in hh and "Quý IV/2025" in hh and "tập huấn kỹ năng số cơ bản" in hh and "trang 5" in hh
    # every cell with a target quotes at least one sentence with its page
    assert all("trang" in text for text in parser.cells.values())
    assert page.count('<svg ') == len(comparison.indicators)
    assert 'class="chart" data-indicator="DIGITAL_SKILLS"' in page
    assert "Bệnh viện Đa khoa Than Uyên: ≥85%" in page  # the bar's tooltip


# ------------------------------------------------------------------ notebook

def test_notebook_runs_against_the_outputs(extracted, monkeypatch):
    """notebooks/compare_targets.ipynb executed top to bottom (nbclient) on an output folder."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    for module in ("duckdb", "matplotlib", "ipykernel"):
        pytest.importorskip(module)
    from .conftest import ROOT

    monkeypatch.setenv("KEHOACH_OUTPUTS", str(extracted))
    nb = nbformat.read(ROOT / "notebooks" / "compare_targets.ipynb", as_version=4)
    nbclient.NotebookClient(nb, timeout=180, kernel_name="python3",
                            resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "\n".join(str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", "")) for o in outputs)
    # pandas shortens long frames in their display, so the check is on what every run prints
    documents = pd.read_parquet(extracted / "documents.parquet")
    assert f"{len(documents)} documents," in text and "DIGITAL_SKILLS" in text
    assert any("image/png" in o.get("data", {}) for o in outputs), "the indicator plot is missing"


def test_org_key_of_a_department_of_health_is_one_however_its_province_is_written():
    """"Sở Y tế" alone in a header, "Sở Y tế Cà Mau" and "SỞ Y TẾ TỈNH CÀ MAU" are one body;
    so are Đồng Nai's "tỉnh" and "thành phố" bodies (a city since 30/4/2026). A type the
    province never had ("thành phố Thanh Hóa") is another, city-level body."""
    from normalize.orgs import resolve_org

    for written in ("Sở Y tế", "Sở Y tế Cà Mau", "SỞ Y TẾ TỈNH CÀ MAU"):
        org = resolve_org(written, "Cà Mau")
        assert (org.org_key, org.org_name) == ("ca-mau/syt-tinh-ca-mau", "Sở Y tế tỉnh Cà Mau"), written
    assert resolve_org("Sở Y tế", "Hà Nội").org_name == "Sở Y tế thành phố Hà Nội"
    assert resolve_org("Sở Y tế TP. Hồ Chí Minh", "Hồ Chí Minh").org_key == resolve_org("Sở Y tế", "Hồ Chí Minh").org_key
    assert resolve_org("Sở Y tế tỉnh Đồng Nai", "Đồng Nai").org_key == \
        resolve_org("Sở Y tế thành phố Đồng Nai", "Đồng Nai").org_key
    assert resolve_org("BVĐK thành phố Thanh Hóa", "Thanh Hóa").org_key != \
        resolve_org("BVĐK Thanh Hóa", "Thanh Hóa").org_key
