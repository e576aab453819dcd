"""Hostile structure in HTML and Word files (issue 18): time and memory bounded by
the size of the file, never a traceback.  Each case has a generous wall-clock
guard for a shared machine (the cases take well under a second or two when
linear); a case the reader refuses is an input error naming the file, exit 2."""

from __future__ import annotations

import time

from gialint_testing import run_main

from gialint.readers.html import read as read_html

GUARD = 20.0  # seconds


def lint(capsys, path, *args):
    t = time.perf_counter()
    result = run_main(capsys, "--jobs", "1", "--isolated", *args, path)
    took = time.perf_counter() - t
    assert "Traceback" not in result.err, result.err
    assert took < GUARD, f"{path.name}: {took:.1f}s"
    return result


def _page(body: str) -> bytes:
    return ("<html><body>" + body + "</body></html>").encode("utf-8")


# -- HTML: deep nesting ----------------------------------------------------------------


def test_100000_nested_divs_are_read_in_linear_time(capsys, tmp_path):
    path = tmp_path / "deep.html"
    path.write_bytes(_page("<div>" * 100_000 + "报告正文" + "</div>" * 100_000))
    result = lint(capsys, path, "--format", "json")
    assert result.code in (0, 1)
    assert result.json()["files"][0]["error"] is None


def test_unclosed_nesting_and_stray_end_tags(tmp_path):
    """Cases that made the tree builder scan its whole stack for each tag."""
    n = 50_000
    for body in ("<div>" * n + "报告", "<div>" * n + "</span>" * n + "报告", "<p><div>" * n + "报告",
                 "<ul><li>" * n + "报告", "<table><tr><td>" * n + "报告"):
        t = time.perf_counter()
        assert "报告" in read_html(_page(body), "x.html").text
        assert time.perf_counter() - t < GUARD, body[:20]


def test_nested_layout_tables_and_captions_do_not_recurse():
    """A layout table in a layout table … and a table in a caption of a table …:
    once a RecursionError at a few hundred levels."""
    n = 3000
    layout = _page('<div class="content"><p>正文</p>' + "<table><tr><td>" * n + "报告"
                   + "</td></tr></table>" * n + "</div>")
    assert read_html(layout, "x.html").text == "正文\n报告\n"
    row = "<tr><td>项目</td><td>数量</td></tr>"
    captions = _page('<div class="content"><p>正文</p>' + ("<table>" + row + "<caption>表") * n + "报告"
                     + "</caption></table>" * n + "</div>")
    text = read_html(captions, "x.html").text
    assert text.startswith("正文\n\n表\n\n表\n") and text.count("项目") == n
