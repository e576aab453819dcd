"""A web page's publication date, wherever the page states it: the 政府网站
standard's <meta name="PubDate">, other CMSs' meta names and tags, and the
page's own fields around the article (发布日期：…, 成文日期：…)."""

from __future__ import annotations

from pathlib import Path

import pytest
from gialint_testing import TESTS
from layouts import render

from gialint.api import Linter

BASE = (TESTS / "fixtures" / "layouts" / "base.txt").read_text(encoding="utf-8")
PAGE = render(BASE, "html")[1].decode("utf-8")
LINTER = Linter(isolated=True, select=["GIA405", "GIA407", "GIA408", "GIA409"])


def _lint(page: str):
    report = LINTER.lint_bytes(page.encode("utf-8"), Path("page.html"))
    lines = page.split("\n")
    return [(f.rule, lines[f.line - 1][f.column - 1:f.end_column - 1]) for f in report.findings]


@pytest.mark.parametrize("head", [
    '<meta name="PubDate" content="2024-06-05 10:00">',
    '<meta name="publishdate" content="2024-06-05">',
    '<meta name="firstpublishedtime" content="2024-06-05 09:00:00">',
    '<meta property="article:published_time" content="2024-06-05">',
    '<publishtime>2024-06-05</publishtime>',
])
def test_publication_date_in_the_head(head):
    found = _lint(PAGE.replace("<title>", head + "<title>"))
    assert [rule for rule, _ in found] == ["GIA409"]
    assert found[0][1].startswith("2024-06-05")


@pytest.mark.parametrize("field", ["发布日期：2024-06-05", "公开日期：2024年6月5日", "发布时间: 2024-06-05 09:30"])
def test_publication_date_in_the_page_fields(field):
    page = PAGE.replace('<div class="article">',
                        f'<div class="info">{field}　来源：样例县农业农村局</div><div class="article">')
    found = _lint(page)
    assert [rule for rule, _ in found] == ["GIA409"]
    assert found[0][1] == field.split("：")[-1].split(": ")[-1]


def test_signing_date_field_is_a_signature():
    page = PAGE.replace('<div class="article">', '<div class="info">成文日期：2024-02-10</div><div class="article">')
    assert _lint(page) == [("GIA407", "2024-02-10")]


def test_timely_page_is_clean():
    assert _lint(PAGE.replace("<title>", '<meta name="PubDate" content="2024-01-26"><title>')) == []
