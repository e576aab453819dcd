"""The reviewer's page at a reviewer's scale (issue 16): load and sort a page
of N reports in headless Chromium (Selenium, as tests/test_html_browser.py).

    python bench/generate.py -n 300 /tmp/c300
    gialint --isolated --format html -o /tmp/r300.html -j 2 /tmp/c300
    python bench/html_page.py /tmp/r300.html

prints the load time, the rows of the overview, the time to sort it by score
and the page's JavaScript heap.
"""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path


def main(page: str) -> int:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,1000"):
        opts.add_argument(arg)
    driver = webdriver.Chrome(options=opts, service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"))
    try:
        t0 = time.perf_counter()
        driver.get(Path(page).resolve().as_uri())
        loaded = time.perf_counter() - t0
        rows = driver.execute_script("return document.querySelectorAll('#overview-table tbody tr').length")
        t1 = time.perf_counter()
        driver.find_element("css selector", "#overview-table th button[data-col='9']").click()
        driver.execute_script("return 1")
        sorted_in = time.perf_counter() - t1
        heap = driver.execute_script("return performance.memory ? performance.memory.usedJSHeapSize : 0")
    finally:
        driver.quit()
    print(f"load {loaded:.2f} s, rows {rows}, sort by score {sorted_in:.2f} s, JS heap {heap / 1e6:.0f} MB")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: python bench/html_page.py PAGE.html")
    raise SystemExit(main(sys.argv[1]))
