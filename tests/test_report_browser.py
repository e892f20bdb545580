"""The HTML report in a real headless browser (Debian's chromium + chromium-driver).

Renders the report of the samples, checks that the page loads no external resource, logs no
console error, shows the matrix and one SVG chart per indicator, and takes a screenshot
(kept in the test's tmp folder; set KEHOACH_SCREENSHOT=path to keep a copy elsewhere).
Skips, saying why, when chromium, chromedriver or selenium is missing (`make test` installs them).
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from .test_compare import comparison, extracted  # noqa: F401  (session fixtures: samples extracted + compared)

CHROMIUM = next((p for p in (os.environ.get("KEHOACH_CHROMIUM"), shutil.which("chromium"),
                             shutil.which("chromium-browser"), "/usr/bin/chromium") if p and Path(p).exists()), None)
DRIVER = next((p for p in (os.environ.get("KEHOACH_CHROMEDRIVER"), shutil.which("chromedriver"),
                           "/usr/bin/chromedriver") if p and Path(p).exists()), None)
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1400,1000"]

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install selenium)")
pytestmark = pytest.mark.skipif(CHROMIUM is None or DRIVER is None,
                                reason="chromium / chromedriver not installed: apt-get install -y chromium chromium-driver")


@pytest.fixture(scope="module")
def browser():
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="kehoach-chromium-")
    options = Options()
    options.binary_location = CHROMIUM
    for flag in FLAGS + [f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def test_report_renders_in_headless_chromium(browser, comparison, tmp_path):
    from kehoach.report_html import write_html
    from selenium.webdriver.common.by import By

    page = write_html(comparison, tmp_path / "compare.html")
    browser.get(page.resolve().as_uri())
    assert browser.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "1", "the script did not run"

    errors = [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]
    assert errors == [], errors
    resources = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert resources == [], f"the report loaded external resources: {resources}"

    rows = browser.find_elements(By.CSS_SELECTOR, "#matrix tbody tr")
    assert len(rows) == len(comparison.orgs)
    charts = browser.find_elements(By.CSS_SELECTOR, "svg.chart")
    assert len(charts) == len(comparison.indicators)
    assert all(c.size["height"] > 30 and c.size["width"] > 300 for c in charts)

    cell = browser.find_element(By.CSS_SELECTOR, 'td[data-org="lai-chau/bvdk-than-uyen"][data-indicator="DIGITAL_SKILLS"]')
    assert cell.find_element(By.CLASS_NAME, "v").text == "≥85%"
    browser.find_element(By.ID, "toggle").click()  # opens every cell's sources
    assert "Tối thiểu 85% viên chức được bồi dưỡng kỹ năng số." in cell.text
    assert "trang 1" in cell.text

    shot = tmp_path / "compare.png"
    assert browser.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000
    if os.environ.get("KEHOACH_SCREENSHOT"):
        shutil.copy(shot, os.environ["KEHOACH_SCREENSHOT"])
