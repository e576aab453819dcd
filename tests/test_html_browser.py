"""``--format html`` in a real browser: headless Chromium (Debian's ``chromium``
and ``chromium-driver``; .ci/run installs them) driven by Selenium.

The page loads without console errors, sorting and filtering work, a finding's
place link scrolls its highlight into view, axe-core finds no accessibility
violations, the print layout puts each report on pages of its own, and
screenshots of the overview and of a report page are written under the test
output (``$GIALINT_TEST_OUTPUT``, default ``test-output/`` in the checkout).

Skipped, saying why, where selenium, chromium or chromedriver is missing.
"""

from __future__ import annotations

import base64
import io
import os
import shutil
from pathlib import Path

import pytest
from gialint_testing import REAL, call

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = Path(os.environ.get("GIALINT_TEST_OUTPUT", ROOT / "test-output")) / "browser"
COPIED = ["2023_pingtan-zone.txt", "2025_shuyang-county-gov.txt", "2024_shanghai-stcsm-kewei.md",
          "2013_pingtan-local-tax-bureau.txt"]
BROKEN = "shuyang-broken-sum.txt"  # a copy with a 表四 total that does not add up
REPORTS = [*COPIED, BROKEN]


def _browser_paths():
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    driver = shutil.which("chromedriver")
    return chromium, driver


def _skip_reason() -> str | None:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    chromium, driver = _browser_paths()
    if not chromium:
        return "no chromium on PATH (Debian: apt-get install chromium chromium-driver; .ci/run does it)"
    if not driver:
        return "no chromedriver on PATH (Debian: apt-get install chromium-driver; .ci/run does it)"
    return None


if _skip_reason():
    pytest.skip(_skip_reason(), allow_module_level=True)


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    folder = tmp_path_factory.mktemp("reports")
    for name in COPIED:
        shutil.copy(REAL / name, folder / name)
    text = (REAL / "2025_shuyang-county-gov.txt").read_text(encoding="utf-8")
    (folder / BROKEN).write_text(text.replace("| 3 | 0 | 0 | 0 | 3 |", "| 3 | 0 | 0 | 0 | 5 |"),
                                 encoding="utf-8")
    (folder / "old-format.doc").write_bytes(b"\xd0\xcf\x11\xe0 not read")
    out = folder.parent / "report.html"
    run = call("--isolated", "--format", "html", "-o", out, folder, cwd=folder)
    assert run.code in (0, 1), run.err
    return out


@pytest.fixture(scope="module")
def driver():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium, chromedriver = _browser_paths()
    opts = webdriver.ChromeOptions()
    opts.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,1000", "--lang=zh-CN"):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    d = webdriver.Chrome(options=opts, service=Service(chromedriver))
    yield d
    d.quit()


def _open(driver, page: Path):
    driver.get(page.as_uri())
    return driver


def _rows(driver):
    return driver.find_elements("css selector", "#overview-table tbody tr")


def test_loads_without_console_errors_and_lists_every_file(driver, page):
    _open(driver, page)
    problems = [e for e in driver.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
    assert problems == []
    assert len(_rows(driver)) == len(REPORTS)
    unchecked = driver.find_element("id", "unchecked").text
    assert "old-format.doc" in unchecked
    assert len(driver.find_elements("css selector", "section.report")) == len(REPORTS)
    # nothing is fetched from the network: every resource is the page itself
    assert driver.execute_script(
        "return performance.getEntriesByType('resource').length") == 0
    OUTPUT.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(OUTPUT / "overview.png"))


def test_sorting_by_score_and_by_organ(driver, page):
    _open(driver, page)
    header = driver.find_element("css selector", "#overview-table th button[data-col='9']")
    header.click()
    scores = [int(r.find_elements("tag name", "td")[9].text) for r in _rows(driver)]
    assert scores == sorted(scores)
    assert header.find_element("xpath", "..").get_attribute("aria-sort") == "ascending"
    header.click()
    scores = [int(r.find_elements("tag name", "td")[9].text) for r in _rows(driver)]
    assert scores == sorted(scores, reverse=True)
    driver.find_element("css selector", "#overview-table th button[data-col='0']").click()
    paths = [r.find_elements("tag name", "td")[0].text for r in _rows(driver)]
    assert paths == sorted(paths)


def test_filtering_by_organ_severity_category_rule(driver, page):
    from selenium.webdriver.support.ui import Select

    _open(driver, page)
    rows = _rows(driver)
    organs = [r.get_attribute("data-organ") for r in rows]
    visible = lambda: [r for r in _rows(driver) if r.is_displayed()]  # noqa: E731
    box = driver.find_element("id", "f-organ")
    box.send_keys(organs[0])
    assert all(organs[0] in r.get_attribute("data-organ") for r in visible())
    assert 1 <= len(visible()) < len(rows) or len(set(organs)) == 1
    box.clear()
    box.send_keys("x")  # input events: clearing the box shows every row again
    box.send_keys("\b")
    assert len(visible()) == len(rows)
    for select, attr in (("f-severity", "data-severities"), ("f-category", "data-categories"),
                         ("f-rule", "data-rules")):
        chooser = Select(driver.find_element("id", select))
        values = [o.get_attribute("value") for o in chooser.options[1:]]
        # a value some but not all reports have, else any that one has
        having = {v: sum(v in r.get_attribute(attr).split() for r in rows) for v in values}
        value = next((v for v, k in having.items() if 0 < k < len(rows)),
                     next(v for v, k in having.items() if k))
        chooser.select_by_value(value)
        shown = visible()
        assert shown, (select, value)
        assert all(value in r.get_attribute(attr).split() for r in shown)
        hidden = [r for r in _rows(driver) if not r.is_displayed()]
        assert all(value not in r.get_attribute(attr).split() for r in hidden)
        # the report pages of hidden rows are hidden too
        for r in hidden:
            assert not driver.find_element("id", r.get_attribute("data-report")).is_displayed()
        chooser.select_by_value("")
        assert len(visible()) == len(rows)


def test_a_findings_place_scrolls_its_highlight_into_view(driver, page):
    _open(driver, page)
    links = [a for a in driver.find_elements("css selector", "section.report a.goto")
             if driver.find_elements("id", a.get_attribute("data-target"))]
    assert links
    link = links[-1]  # the last finding of the last report: far below the first screen
    target = link.get_attribute("data-target")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    link.click()
    in_view = driver.execute_script("""
        const m = document.getElementById(arguments[0]); const r = m.getBoundingClientRect();
        let box = m.closest('pre').getBoundingClientRect();
        return m.classList.contains('flash') && r.top >= 0 && r.bottom <= window.innerHeight
            && r.top >= box.top - 1 && r.bottom <= box.bottom + 1;""", target)
    assert in_view
    report = driver.find_element("id", target).find_element("xpath", "ancestor::section")
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", report)
    OUTPUT.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(OUTPUT / "report-page.png"))


def test_a_broken_sum_is_marked_in_the_table_grid(driver, page):
    _open(driver, page)
    broken = [td for td in driver.find_elements("css selector", "td.cell.broken")
              if BROKEN in td.find_element("xpath", "ancestor::section").text]
    assert len(broken) == 1 and broken[0].text == "5"
    assert "GIA304" in broken[0].get_attribute("title")
    driver.execute_script("arguments[0].closest('table').scrollIntoView({block: 'start'})", broken[0])
    OUTPUT.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(OUTPUT / "report-tables.png"))


def test_axe_finds_no_accessibility_violations(driver, page):
    axe = _axe_source()
    if axe is None:
        pytest.skip("no axe.min.js: axe-selenium-python (which ships axe-core) is not installed; pip install -e '.[test]'")
    _open(driver, page)
    driver.execute_script(axe)
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations))"
        ".catch(e => done([{id: 'axe-error', help: String(e), nodes: []}]));")
    summary = [(v["id"], v.get("help"), [n.get("target") for n in v.get("nodes", [])[:3]]) for v in result]
    assert summary == []


def _axe_source() -> str | None:
    try:
        import axe_selenium_python
    except ImportError:
        return None
    found = sorted(Path(axe_selenium_python.__file__).parent.rglob("axe.min.js"))
    return found[0].read_text(encoding="utf-8") if found else None


def test_print_layout_puts_each_report_on_pages_of_its_own(driver, page):
    import pdfplumber
    from selenium.webdriver.common.print_page_options import PrintOptions

    _open(driver, page)
    options = PrintOptions()
    options.page_width, options.page_height = 21.0, 29.7  # A4, in cm
    pdf = base64.b64decode(driver.print_page(options))
    OUTPUT.mkdir(parents=True, exist_ok=True)
    (OUTPUT / "print.pdf").write_bytes(pdf)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        pages = [(p.width, p.height, p.extract_text() or "") for p in doc.pages]
    assert all(abs(w - 595) < 3 and abs(h - 842) < 3 for w, h, _ in pages)  # A4 in points
    # each report page starts with the running head "organ · path": which reports are on a page
    on_page = [{name for name in REPORTS if f" · {name}" in text} for _, _, text in pages]
    first = next(i for i, names in enumerate(on_page) if names)
    assert first >= 1  # the overview comes first, on pages of its own
    assert all(len(names) == 1 for names in on_page[first:]), on_page
    order = [next(iter(n)) for n in on_page[first:]]
    # each report's pages follow each other, and every report is there
    runs = [name for i, name in enumerate(order) if i == 0 or order[i - 1] != name]
    assert sorted(runs) == sorted(REPORTS)
