"""The reviewer's page at a reviewer's scale (issue 16): load and sort a page
of N reports in headless Chromium (Selenium, as tests/test_html_browser.py).

    python bench/generate.py -n 300 /tmp/c300
    gialint --isolated --format html -o /tmp/r300.html -j 2 /tmp/c300
    python bench/html_page.py /tmp/r300.html

prints the load time, the rows of the overview, the time to sort it by score
and the page's JavaScript heap.
"""

import time, sys
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
opts = webdriver.ChromeOptions()
opts.binary_location = "/usr/bin/chromium"
for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1000"):
    opts.add_argument(arg)
d = webdriver.Chrome(options=opts, service=Service("/usr/bin/chromedriver"))
t0 = time.perf_counter(); d.get("file://" + sys.argv[1]); t1 = time.perf_counter()
rows = d.execute_script("return document.querySelectorAll('#overview-table tbody tr').length")
t2 = time.perf_counter()
d.find_element("css selector", "#overview-table th button[data-col='9']").click()
d.execute_script("return 1"); t3 = time.perf_counter()
heap = d.execute_script("return performance.memory ? performance.memory.usedJSHeapSize : null")
print(f"load {t1-t0:.2f} s, rows {rows}, sort by score {t3-t2:.2f} s, JS heap {heap/1e6 if heap else 0:.0f} MB")
d.quit()
