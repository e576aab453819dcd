"""Reading the statistics tables 表二/表三/表四 and checking their arithmetic.

* every layout of the real reports is read into every cell of its template,
  and hand-checked values sit at hand-checked positions;
* the real arithmetic faults are found, and none in the reports that add up;
* an error planted into each real layout is reported at the planted cell;
* glued digits are split only when the reading is certain: one digit a column,
  or one split that fits the row's total (``glued.split_runs``); no split that
  fits is the row's error (GIA305), fewer values than columns a short row (GIA210);
* blank, “/” and “—” cells are missing values, not zeros;
* the legacy statistics table (reports up to 2018) is read into lg.<row> and
  lg.<row>.cumulative cells, glued this-year/历年累计 digits only when certain.

Positions are [line, column, end_line, end_column], 1-based, end exclusive,
columns in code points of the original file.
"""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal

import pytest
from gialint_testing import REAL, REPO, RULE_FIXTURES, SEEDS, call

from gialint.config import Config
from gialint.model import Span
from gialint.pipeline import analyse, lint_source
from gialint.ruleset import Options, RuleSet
from gialint.source import Source, read_source
from gialint.tables.cells import parse_cell
from gialint.tables.glued import split_runs
from gialint.tables.template import template

SHUYANG = REAL / "2025_shuyang-county-gov.txt"
PINGTAN = {year: REAL / f"{year}_pingtan-zone.txt" for year in range(2019, 2026)}
CLEAN = (RULE_FIXTURES / "GIA101" / "pass_clean_2021.txt").read_text(encoding="utf-8")
ARITHMETIC = {"GIA301", "GIA302", "GIA303", "GIA304", "GIA311", "GIA312", "GIA313"}


def _source(path=None, text: str | None = None) -> Source:
    if text is not None:
        return Source("r.txt", text, "utf-8")
    return read_source(str(path))


def _report(source: Source):
    return analyse(source, RuleSet(Config(), Options()))


def _findings(source: Source, select: str = "ALL", verbose: bool = False):
    return lint_source(source, RuleSet(Config(), Options(select=[select], verbose=verbose))).findings


def _where(source: Source, span: Span) -> list[int]:
    loc = source.location(span.start, span.end)
    return [loc.line, loc.column, loc.end_line, loc.end_column]


def _loc(finding) -> list[int]:
    loc = finding.location
    return [loc.line, loc.column, loc.end_line, loc.end_column]


def _text_at(source: Source, pos: list[int]) -> str:
    """The original text at a one-line position (checks hand-written positions)."""
    line, col, end_line, end_col = pos
    assert line == end_line
    return source.line_text(line)[col - 1:end_col - 1]


def _arithmetic(findings):
    return [f for f in findings if f.rule in ARITHMETIC]


# -- the templates -------------------------------------------------------------


def test_template_cell_counts():
    """22 + 161 + 15 cells in the 2019 format, 10 + 175 + 15 in the 2021 format."""
    for edition, counts in (("2019", (22, 161, 15)), ("2021", (10, 175, 15))):
        keys = template(edition).cells
        assert tuple(sum(k.startswith(t + ".") for k in keys) for t in ("t2", "t3", "t4")) == counts


# -- every layout is read into every cell -----------------------------------------

_T2_2020_PINGTAN_UNREADABLE = {
    # glued runs that more than one reading fits, or with a sign or a unit inside
    f"t2.{row}.{col}"
    for row, cols in (
        ("art20_1.normative_docs", ("new_made", "new_published", "total_published")),
        ("art20_5.admin_permit", ("prev_count", "change", "decisions")),
        ("art20_5.other_admin_services", ("prev_count", "change", "decisions")),
        ("art20_6.admin_penalty", ("prev_count", "change", "decisions")),
        ("art20_6.admin_coercion", ("prev_count", "change", "decisions")),
        ("art20_9.central_procurement", ("items", "amount")),
    )
    for col in cols
}

LAYOUTS = [
    # (file, edition, template keys that cannot be read, labels of the unreadable rows)
    pytest.param(SEEDS["000"], "2019", set(), set(), id="seed000-pipe-rows"),
    pytest.param(SEEDS["001"], "2019", set(), set(), id="seed001-one-cell-per-line"),
    # 其他对外管理服务事项 is split into the local rows 行政检查 and 行政确认: its own
    # cells have no values (the local rows are not summed into it: that would be a guess)
    pytest.param(SEEDS["002"], "2019",
                 {"t2.art20_5.other_admin_services.prev_count", "t2.art20_5.other_admin_services.change",
                  "t2.art20_5.other_admin_services.decisions"},
                 {"其他对外管理服务事项"}, id="seed002-tabs"),
    pytest.param(SEEDS["004"], "2021", set(), set(), id="seed004-pipe-one-per-line"),
    pytest.param(SHUYANG, "2021", set(), set(), id="shuyang-markdown"),
    pytest.param(PINGTAN[2024], "2021",
                 {"t2.art20_1.normative_docs.issued", "t2.art20_1.normative_docs.repealed",
                  "t2.art20_1.normative_docs.in_force"},
                 {"行政规范性文件"}, id="pingtan2024-one-line-glued"),
    pytest.param(PINGTAN[2020], "2019", _T2_2020_PINGTAN_UNREADABLE,
                 {"规范性文件", "行政许可", "其他对外管理服务事项", "行政处罚", "行政强制", "政府集中采购"},
                 id="pingtan2020-one-line-glued"),
]


@pytest.mark.parametrize("path,edition,unreadable,rows", LAYOUTS)
def test_every_template_cell_is_read(path, edition, unreadable, rows):
    report = _report(_source(path))
    data = report.data
    assert report.edition == edition
    assert data.editions == {"t2": edition, "t3": edition, "t4": edition}
    assert data.found == {"t2", "t3", "t4"}
    expected = set(template(edition).cells)
    read = {k for k, c in data.cells.items() if c.value is not None}
    assert read == expected - unreadable
    assert all(isinstance(data.cells[k].value, Decimal) for k in read)
    # what cannot be read is reported, row by row
    assert {i.args["label"] for i in data.issues if i.kind == "unreadable_row"} == rows
    others = [(i.kind, i.args.get("label")) for i in data.issues if i.kind != "unreadable_row"]
    if path == SEEDS["002"]:
        # 其他对外管理服务事项 split into the local rows 行政检查 and 行政确认 (FORMAT.md §8.3)
        assert set(others) == {("unknown_row", "行政检查"), ("unknown_row", "行政确认")}
    else:
        assert others == []


def _values(data, prefix: str, cols) -> list:
    return [data.value(f"{prefix}.{c}") for c in cols]


T3_COLS = ("natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
           "legal_service_org", "other_org", "total")
T4_KEYS = tuple(f"t4.{g}.{c}" for g in ("review", "suit_direct", "suit_after_review")
                for c in ("upheld", "corrected", "other", "pending", "total"))


def _check_cells(source, data, expected: dict[str, tuple]):
    """expected: key → (value, position, printed text)."""
    for key, (value, pos, printed) in expected.items():
        cell = data.cells[key]
        assert cell.value == Decimal(value), key
        assert _where(source, cell.span) == pos, key
        assert _text_at(source, pos) == printed, key


def test_seed000_pipe_rows():
    source = _source(SEEDS["000"])
    data = _report(source).data
    _check_cells(source, data, {
        # L30 政府集中采购 | 33 | 6054万元 | |
        "t2.art20_9.central_procurement.items": ("33", [30, 10, 30, 12], "33"),
        "t2.art20_9.central_procurement.amount": ("6054", [30, 15, 30, 21], "6054万元"),
        # L35 一、本年新收政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2 | ||
        "t3.new_received.natural_person": ("2", [35, 20, 35, 21], "2"),
        "t3.new_received.total": ("2", [35, 44, 35, 45], "2"),
        # L37 三、本年度办理结果 | (一)予以公开 | 1 | … (group label and row label in one line)
        "t3.granted.natural_person": ("1", [37, 23, 37, 24], "1"),
        # L56 (七)总计 | 1 | …, L57 四、结转下年度继续办理 | 1 | …
        "t3.results_total.natural_person": ("1", [56, 9, 56, 10], "1"),
        "t3.carry_forward.total": ("1", [57, 39, 57, 40], "1"),
    })
    assert data.cells["t2.art20_9.central_procurement.amount"].unit == "万元"
    # the local label notes 规章 (市政府令) / 规范性文件 (有规范性文件登记号) are the template rows
    assert _values(data, "t2.art20_1.regulations", ("new_made", "new_published", "total_published")) == [0, 0, 0]
    # 2 + 0 = 1 + 1 (FORMAT.md §8.1); 表四 is 15 zeros
    assert _values(data, "t3.new_received", T3_COLS) == [2, 0, 0, 0, 0, 0, 2]
    assert _values(data, "t3.carry_forward", T3_COLS) == [1, 0, 0, 0, 0, 0, 1]
    assert [data.value(k) for k in T4_KEYS] == [0] * 15


def test_seed001_one_cell_per_line_traditional_with_pinyin():
    source = _source(SEEDS["001"])
    data = _report(source).data
    _check_cells(source, data, {
        # L73 +58 (本年增/減 of 行政許可), L99 -181 (of 行政處罰): signed, FORMAT.md §8.2
        "t2.art20_5.admin_permit.change": ("58", [73, 1, 73, 4], "+58"),
        "t2.art20_5.other_admin_services.change": ("2818", [81, 1, 81, 6], "+2818"),
        "t2.art20_6.admin_penalty.change": ("-181", [99, 1, 99, 5], "-181"),
        # L101 three U+2002 and a space before the number
        "t2.art20_6.admin_penalty.decisions": ("1023", [101, 5, 101, 9], "1023"),
        # L123 an unsigned change
        "t2.art20_8.admin_fee.change": ("2", [123, 1, 123, 2], "2"),
        "t2.art20_9.central_procurement.amount": ("26966.28", [137, 1, 137, 11], "26966.28萬元"),
        # L163 183, L165 U+2002 then 0
        "t3.new_received.natural_person": ("183", [163, 1, 163, 4], "183"),
        "t3.new_received.commercial_enterprise": ("0", [165, 2, 165, 3], "0"),
        "t3.not_processed.mass_repeat.natural_person": ("172", [459, 1, 459, 4], "172"),
        "t3.results_total.total": ("183", [519, 1, 519, 4], "183"),
    })
    change = data.cells["t2.art20_5.admin_permit.change"]
    assert change.signed and change.value > 0
    assert data.cells["t2.art20_6.admin_penalty.change"].signed
    assert not data.cells["t2.art20_8.admin_fee.change"].signed
    assert data.cells["t2.art20_9.central_procurement.amount"].unit == "万元"  # 萬元, simplified
    # leaves 4 + 1 + 2 + 4 + 172 = 183 (FORMAT.md §8.2); the single 2019 row （六）其他处理
    leaves = ("granted", "denied.law_prohibited", "denied.internal_affairs", "unable.not_held",
              "not_processed.mass_repeat")
    assert [data.value(f"t3.{r}.natural_person") for r in leaves] == [4, 1, 2, 4, 172]
    assert _values(data, "t3.other", T3_COLS) == [0] * 7
    assert [data.value(k) for k in T4_KEYS] == [0] * 15


def test_seed002_tabs_and_split_t4_header():
    source = _source(SEEDS["002"])
    data = _report(source).data
    _check_cells(source, data, {
        # L36–39 规范性文件 1 / 0 / 0 (FORMAT.md §8.3), tab-indented
        "t2.art20_1.normative_docs.new_made": ("1", [37, 2, 37, 3], "1"),
        "t2.art20_1.normative_docs.total_published": ("0", [39, 2, 39, 3], "0"),
        # L96 采购总金额（万元，保留四位小数）: the amount without a unit
        "t2.art20_9.central_procurement.items": ("2", [99, 2, 99, 3], "2"),
        "t2.art20_9.central_procurement.amount": ("21.6560", [100, 2, 100, 9], "21.6560"),
        "t3.denied.state_secret.natural_person": ("0", [165, 2, 165, 3], "0"),
        # 表四 after the header 结/果/维/持 (L377–380) and 总 计 (L384): 15 values L404–418
        "t4.review.upheld": ("0", [404, 2, 404, 3], "0"),
        "t4.suit_after_review.total": ("0", [418, 2, 418, 3], "0"),
    })
    assert [_where(source, data.cells[k].span)[0] for k in T4_KEYS] == list(range(404, 419))
    assert all(v == 0 for k, v in ((k, data.value(k)) for k in data.cells) if k.startswith(("t3.", "t4.")))


def test_seed004_pipe_one_per_line_2021_truncated_t4_headers():
    source = _source(SEEDS["004"])
    data = _report(source).data
    _check_cells(source, data, {
        "t2.art20_6.admin_penalty.decisions": ("1770", [49, 1, 49, 5], "1770"),
        "t3.new_received.natural_person": ("10", [76, 1, 76, 3], "10"),
        "t3.other.other.natural_person": ("1", [279, 1, 279, 2], "1"),
        "t3.results_total.total": ("10", [294, 1, 294, 3], "10"),
        # after the truncated headers 结果 / 其他 / 尚未 (L309–324)
        "t4.review.upheld": ("0", [327, 1, 327, 2], "0"),
        "t4.suit_after_review.total": ("0", [341, 1, 341, 2], "0"),
    })
    # 10 + 0 = 10 + 0; leaves 2 + 4 + 3 + 1 = 10 (FORMAT.md §8.5)
    leaves = ("granted", "partially_granted", "unable.not_held", "other.other")
    assert [data.value(f"t3.{r}.natural_person") for r in leaves] == [2, 4, 3, 1]


def test_shuyang_markdown_mini_tables():
    source = _source(SHUYANG)
    data = _report(source).data
    _check_cells(source, data, {
        "t2.art20_1.normative_docs.in_force": ("32", [59, 21, 59, 23], "32"),
        "t2.art20_8.admin_fee.amount": ("4068.208", [75, 13, 75, 21], "4068.208"),
        # L99 | 本年新收政府信息公开申请数量 | 705 | 3 | 0 | 0 | 5 | 0 | 713 |
        "t3.new_received.natural_person": ("705", [99, 20, 99, 23], "705"),
        "t3.new_received.total": ("713", [99, 46, 99, 49], "713"),
        # L154 | 3. 其他 | 142 | 1 | …, in a table whose header row names other columns
        "t3.other.other.natural_person": ("142", [154, 11, 154, 14], "142"),
        "t3.results_total.total": ("718", [155, 37, 155, 40], "718"),
        "t3.carry_forward.natural_person": ("31", [156, 17, 156, 19], "31"),
        # three mini-tables for 表四 (L163, L168, L173)
        "t4.review.total": ("61", [163, 22, 163, 24], "61"),
        "t4.suit_after_review.pending": ("1", [173, 15, 173, 16], "1"),
    })
    assert _values(data, "t3.new_received", T3_COLS) == [705, 3, 0, 0, 5, 0, 713]
    assert _values(data, "t3.carried_over", T3_COLS) == [36, 0, 0, 0, 0, 0, 36]
    assert _values(data, "t3.results_total", T3_COLS) == [710, 3, 0, 0, 5, 0, 718]
    assert [data.value(k) for k in T4_KEYS] == [27, 10, 9, 15, 61, 3, 0, 0, 0, 3, 8, 0, 1, 1, 10]


def _glued(source: Source, line: int, after: str, run: str, widths: list[int]) -> list[list[int]]:
    """Positions of the numbers of ``run``, printed right after ``after`` on ``line``."""
    text = source.line_text(line)
    at = text.index(after + run) + len(after)
    assert text.count(after + run) == 1
    out, col = [], at + 1
    for w in widths:
        out.append([line, col, line, col + w])
        col += w
    assert col == at + 1 + len(run)
    return out


def test_pingtan2024_one_line_glued_digits():
    source = _source(PINGTAN[2024])
    data = _report(source).data
    # 表四 21317000001324019 → 2 1 3 1 7 / 0 0 0 0 0 / 13 2 4 0 19
    t4 = [data.cells[k] for k in T4_KEYS]
    assert [c.value for c in t4] == [2, 1, 3, 1, 7, 0, 0, 0, 0, 0, 13, 2, 4, 0, 19]
    assert [_where(source, c.span) for c in t4] == _glued(
        source, 10, "尚未审结总计", "21317000001324019", [1] * 10 + [2, 1, 1, 1, 2])
    assert {c.status for c in t4} == {"recovered"}
    # 一、本年新收 21710000218 → 217 1 0 0 0 0 218, and （七）总计 the same digits
    for row, label in (("new_received", "一、本年新收政府信息公开申请数量"), ("results_total", "（七）总计")):
        cells = [data.cells[f"t3.{row}.{c}"] for c in T3_COLS]
        assert [c.value for c in cells] == [217, 1, 0, 0, 0, 0, 218]
        assert [_where(source, c.span) for c in cells] == _glued(
            source, 10, label, "21710000218", [3, 1, 1, 1, 1, 1, 3])
    # 3.其他1100002 → 1 1 0 0 0 0 2
    assert _values(data, "t3.other.other", T3_COLS) == [1, 1, 0, 0, 0, 0, 2]
    assert data.value("t2.art20_8.admin_fee.amount") == Decimal("18651.06")


def test_pingtan2020_one_line_spaced_and_glued():
    source = _source(PINGTAN[2020])
    data = _report(source).data
    # 规章007: three digits for three cells
    assert _values(data, "t2.art20_1.regulations", ("new_made", "new_published", "total_published")) == [0, 0, 7]
    # 行政事业性收费35-15: the sign separates the numbers
    assert _values(data, "t2.art20_8.admin_fee", ("prev_count", "change")) == [35, -15]
    # （六）其他处理4 0 0 0 0 0 4 (the single 2019 row, spaced)
    assert _values(data, "t3.other", T3_COLS) == [4, 0, 0, 0, 0, 0, 4]
    # （七）总计20 0 00 0 121: spaced and glued at once → 20 0 0 0 0 1 21
    cells = [data.cells[f"t3.results_total.{c}"] for c in T3_COLS]
    assert [c.value for c in cells] == [20, 0, 0, 0, 0, 1, 21]
    line = source.line_text(10)
    at = line.index("（七）总计20 0 00 0 121") + len("（七）总计") + 1
    assert [_where(source, c.span) for c in cells] == [
        [10, at + a, 10, at + b] for a, b in ((0, 2), (3, 4), (5, 6), (6, 7), (8, 9), (10, 11), (11, 13))]


def test_parse_tables_command():
    result = call("parse", "--tables", SEEDS["000"])
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert "# tables read with editions: t2=2019, t3=2019, t4=2019" in lines
    assert "t2.art20_9.central_procurement.amount\t6054\tok\t30:15\t6054万元" in lines
    assert sum(1 for line in lines if not line.startswith("#")) == 198
    glued = call("parse", "--tables", PINGTAN[2024]).out.splitlines()
    assert "t4.suit_after_review.total\t19\trecovered\t10:2298\t19" in glued
    assert any(line.startswith("# unreadable_row at 10:") and "label=行政规范性文件" in line
               and "reason=ambiguous" in line and "cells=6233440" in line for line in glued)
    legacy = call("parse", "--tables", SEEDS["003"]).out.splitlines()
    assert "# tables read with editions: lg=legacy" in legacy
    assert "lg.pro.total\t340\tok\t36:1\t340" in legacy
    assert "lg.pro.ch.weibo\t\tblank\t50:2\t" in legacy  # a row not filled in


# -- the real faults, and the reports that add up ------------------------------------------


def test_pingtan2020_results_total_does_not_add_up():
    """（七）总计 20 / 21, while the result rows add up to 26 / 27 (6 + 6 + 4 + 3 + 3 + 4)."""
    source = _source(PINGTAN[2020])
    found = _arithmetic(_findings(source))
    line = source.line_text(10)
    at = line.index("（七）总计20 0 00 0 121") + len("（七）总计") + 1
    assert sorted((f.rule, _loc(f)) for f in found) == [
        ("GIA302", [10, at, 10, at + 2]), ("GIA302", [10, at + 11, 10, at + 13])]
    by_col = {_loc(f)[1]: f for f in found}
    assert by_col[at].message == "（七）总计（自然人） = 20，但以上各项办理结果合计为 26"
    assert by_col[at + 11].message == "（七）总计（总计） = 21，但以上各项办理结果合计为 27"
    assert by_col[at].severity == "error"
    # every result row of the column is related, the （六）其他处理 row among them
    other = line.index("（六）其他处理4 0 0 0 0 0 4") + len("（六）其他处理") + 1
    assert [10, other, 10, other + 1] in [
        [r.location.line, r.location.column, r.location.end_line, r.location.end_column]
        for r in by_col[at].related]


@pytest.mark.parametrize("path", [SEEDS["000"], SEEDS["001"], SEEDS["002"], SEEDS["004"], SHUYANG,
                                  *(PINGTAN[y] for y in range(2021, 2026))],
                         ids=lambda p: p.name)
def test_reports_that_add_up_have_no_arithmetic_error(path):
    found = [f for f in _arithmetic(_findings(_source(path))) if f.severity == "error"]
    assert found == []


def test_seed002_made_but_not_published_is_a_warning():
    source = _source(SEEDS["002"])
    (f,) = _arithmetic(_findings(source))
    assert (f.rule, f.severity, _loc(f)) == ("GIA312", "warning", [39, 2, 39, 3])


# -- planted errors: one t3 leaf cell + 1, in each real layout -------------------------


def _plant(path, pos: list[int], old: str, new: str) -> Source:
    source = _source(path)
    assert _text_at(source, pos) == old
    line, col, _, end_col = pos
    start = source.line_starts[line - 1] + col - 1
    end = start + (end_col - col)
    return _source(text=source.text[:start] + new + source.text[end:])


PLANTED = [
    # (file, position of the cell, printed, planted, 表三 key)
    pytest.param(SEEDS["000"], [37, 23, 37, 24], "1", "2", "t3.granted.natural_person", id="seed000-pipe"),
    pytest.param(SEEDS["001"], [197, 2, 197, 3], "4", "5", "t3.granted.natural_person",
                 id="seed001-one-per-line"),
    pytest.param(SEEDS["002"], [166, 2, 166, 3], "0", "1", "t3.denied.state_secret.commercial_enterprise",
                 id="seed002-tabs"),
    pytest.param(SEEDS["004"], [187, 1, 187, 2], "3", "4", "t3.unable.not_held.natural_person",
                 id="seed004-pipe-one-per-line"),
    pytest.param(SHUYANG, [141, 13, 141, 14], "6", "7", "t3.not_processed.duplicate.natural_person",
                 id="shuyang-markdown"),
]


@pytest.mark.parametrize("path,pos,old,new,key", PLANTED)
def test_planted_error_is_reported_at_the_cell(path, pos, old, new, key):
    """The cell breaks its row (GIA303) and its column (GIA302): one finding, at the cell."""
    clean = _source(path)
    assert _where(clean, _report(clean).data.cells[key].span) == pos
    before = {(f.rule, tuple(_loc(f))) for f in _arithmetic(_findings(clean))}  # seed 002: GIA312
    source = _plant(path, pos, old, new)
    after = _arithmetic(_findings(source))
    assert before <= {(f.rule, tuple(_loc(f))) for f in after}
    found = [f for f in after if (f.rule, tuple(_loc(f))) not in before]
    assert [(f.rule, _loc(f)) for f in found] == [("GIA302", pos)]
    (f,) = found
    assert "同时使多个关系不成立" in f.message  # the crossing variant
    assert f"= {new} " in f.message
    assert f.severity == "error"
    # the related cells are the other cells of the broken relations, never the cell itself
    data = _report(source).data
    row, col = key.rsplit(".", 1)
    column_total = _where(source, data.cells[f"t3.results_total.{col}"].span)
    related = [[r.location.line, r.location.column, r.location.end_line, r.location.end_column]
               for r in f.related]
    assert column_total in related
    assert pos not in related


def test_planted_error_in_glued_row_with_a_digit_a_column_is_reported_at_the_cell():
    """2.重复申请1000001 → 2000001: seven digits for seven columns have one reading
    (2 0 0 0 0 0 1), so the row is read and its wrong cell breaks the row's total and
    its column's: one arithmetic error at the planted digit, not a note that the row
    could not be read."""
    source = _source(PINGTAN[2024])
    line = source.line_text(10)
    col = line.index("2.重复申请1000001") + len("2.重复申请") + 1
    planted = _plant(PINGTAN[2024], [10, col, 10, col + 1], "1", "2")
    found = _findings(planted)
    assert [(f.rule, f.severity, _loc(f)) for f in _arithmetic(found)] == [
        ("GIA302", "error", [10, col, 10, col + 1])]
    assert "同时使多个关系不成立" in _arithmetic(found)[0].message
    assert not [f for f in found if f.rule in ("GIA204", "GIA210", "GIA305")]
    assert _report(planted).data.cells["t3.not_processed.duplicate.natural_person"].status == "recovered"


def test_planted_error_in_glued_row_that_no_split_fits_is_an_arithmetic_error():
    """（一）予以公开710000071 → 710000072: no split of the nine digits into seven
    numbers makes the last the sum of the others: GIA305, an error at the row."""
    source = _source(PINGTAN[2024])
    line = source.line_text(10)
    col = line.index("（一）予以公开710000071") + len("（一）予以公开")
    planted = _plant(PINGTAN[2024], [10, col + 9, 10, col + 10], "1", "2")
    found = _findings(planted)
    # at the row's label
    assert [(f.rule, f.severity, _loc(f)) for f in found if f.category in ("arithmetic", "table")] == [
        ("GIA305", "error", [10, col - len("（一）予以公开") + 1, 10, col + 1])]
    (f,) = [f for f in found if f.rule == "GIA305"]
    assert f.message == ("表三“（一）予以公开”行的数字粘连（710000072），无论如何拆分成7个数值都不能满足"
                         "本行合计（总计 = 六类申请人之和）：本行数字有误")
    assert not any(k.startswith("t3.granted.") for k in _report(planted).data.cells)


def test_ambiguous_glued_row_gets_no_arithmetic_finding():
    """（一）予以公开220000022: 22/0/…/22 and 2/20/…/22 both fit; nothing is claimed
    about it, and the note that says so is a note about gialint's reading (--verbose)."""
    path = RULE_FIXTURES / "GIA204" / "pass_glued_ambiguous_oneline.txt"
    source = _source(path)
    data = _report(source).data
    assert not any(k.startswith("t3.granted.") for k in data.cells)
    assert [f for f in _findings(source) if f.rule.startswith(("GIA2", "GIA3"))] == []
    found = [f for f in _findings(source, verbose=True) if f.rule.startswith(("GIA2", "GIA3"))]
    assert [(f.rule, f.verbose) for f in found] == [("GIA204", True)]
    assert "220000022" in found[0].message
    # the same holds for the real report it is modelled on
    real = _source(PINGTAN[2023])
    assert not any(k.startswith("t3.granted.") for k in _report(real).data.cells)
    assert _arithmetic(_findings(real)) == []


def test_crossing_needs_both_rules():
    """With only GIA303 enabled the same planted cell is reported at the row's 总计."""
    source = _plant(SEEDS["000"], [37, 23, 37, 24], "1", "2")
    found = _findings(source, select="GIA303")
    assert [(f.rule, _loc(f)) for f in found] == [("GIA303", [37, 47, 37, 48])]
    assert found[0].message == "（一）予以公开（总计） = 1，但本行自然人与法人或其他组织各列合计为 2"


def test_a_kind_that_fails_to_post_process_loses_only_its_own_results(monkeypatch):
    """The crossing merge is table_sum's post_process: when it raises, the table_sum
    rules with hits become GIA001 findings, and every other rule's findings stay."""
    from gialint.checks.arithmetic import TableSum

    source = _plant(SEEDS["000"], [37, 23, 37, 24], "1", "2")
    before = _findings(source)
    assert any(f.rule == "GIA302" and "同时使多个关系不成立" in f.message for f in before)  # GIA303's hit too

    def broken(cls, hits, lang):
        raise RuntimeError("broken merge")

    monkeypatch.setattr(TableSum, "post_process", classmethod(broken))
    after = _findings(source)
    internal = [f for f in after if f.rule == "GIA001"]
    assert sorted(f.args["rule"] for f in internal) == ["GIA302", "GIA303"]
    assert all("broken merge" in f.message for f in internal)
    kinds = {f.rule for f in before if f.category != "arithmetic"}
    assert {f.rule for f in after if f.rule != "GIA001"} == kinds


# -- glued digits ----------------------------------------------------------------------


def _row_ok(values):
    return sum(values[:-1]) == values[-1]


def _read(runs, solution):
    return [int(runs[r][a:b]) for r, a, b in solution]


def test_split_unique():
    runs = ["21710000218"]
    (sol,) = split_runs(runs, 7, _row_ok)
    assert _read(runs, sol) == [217, 1, 0, 0, 0, 0, 218]
    assert sol[0] == (0, 0, 3) and sol[-1] == (0, 8, 11)


def test_split_over_several_runs():
    # （七）总计20 0 00 0 121 (Pingtan 2020)
    runs = ["20", "0", "00", "0", "121"]
    (sol,) = split_runs(runs, 7, _row_ok)
    assert _read(runs, sol) == [20, 0, 0, 0, 0, 1, 21]


def test_split_ambiguous():
    runs = ["220000022"]
    sols = split_runs(runs, 7, _row_ok)
    assert len(sols) == 2
    assert sorted(_read(runs, s) for s in sols) == [[2, 20, 0, 0, 0, 0, 22], [22, 0, 0, 0, 0, 0, 22]]
    # without a constraint nearly every run is ambiguous
    assert len(split_runs(["6233440"], 3, None)) == 2


def test_split_impossible():
    assert split_runs(["2000001"], 7, _row_ok) == []  # 2 + 0 + … ≠ 1
    assert split_runs(["12"], 3, None) == []  # fewer digits than numbers
    assert split_runs(["+58"], 1, None) == []  # not a run of digits
    assert split_runs(["13575394432.52"], 2, None) == []


def test_split_leading_zeros():
    (sol,) = split_runs(["000"], 3, None)
    assert _read(["000"], sol) == [0, 0, 0]
    assert split_runs(["01"], 1, None) == []  # “01” is not a number
    assert split_runs(["00"], 1, None) == []
    (sol,) = split_runs(["01"], 2, None)
    assert _read(["01"], sol) == [0, 1]
    # 1 0 0 0 0 0 1: the zeros can only be single zeros
    (sol,) = split_runs(["1000001"], 7, _row_ok)
    assert _read(["1000001"], sol) == [1, 0, 0, 0, 0, 0, 1]


def test_split_gives_up_as_ambiguous():
    """A search that exceeds MAX_SPLITS without two answers is ambiguous, not unique."""
    sols = split_runs(["1" * 30], 7, lambda values: False)
    assert len(sols) == 2


_BIG_T4 = """
import sys, time
from decimal import Decimal
from gialint.tables.glued import split_runs
run = "1274533212263512896441107361"  # 127 45 33 21 226 | 35 12 8 9 64 | 41 10 7 3 61
ok = lambda v: all(sum(v[i:i + 4]) == v[i + 4] for i in range(0, 15, 5))
start = time.monotonic()
sols = split_runs([run], 15, ok)
print(len(sols), round(time.monotonic() - start, 1))
"""


def test_split_guard_bounds_the_time():
    """A big city's 表四 glued into 28 digits: the guard must stop the search within seconds."""
    env = dict(os.environ, PYTHONPATH=str(REPO))
    try:
        proc = subprocess.run([sys.executable, "-c", _BIG_T4], capture_output=True, text=True, cwd=REPO,
                              timeout=10, env=env)
    except subprocess.TimeoutExpired:
        pytest.fail("split_runs ran for more than 10 s")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split()[0] in ("1", "2")


# -- cells -----------------------------------------------------------------------------


@pytest.mark.parametrize("text,value,status,unit,signed", [
    ("12", "12", "ok", None, False),
    ("6054万元", "6054", "ok", "万元", False),
    ("58 件", "58", "ok", "件", False),
    ("+58", "58", "ok", None, True),
    ("-181", "-181", "ok", None, True),
    ("21.6560", "21.6560", "ok", None, False),
    ("1,204", "1204", "ok", None, False),
    ("", None, "blank", None, False),
    ("/", None, "missing", None, False),
    ("—", None, "missing", None, False),
    ("——", None, "missing", None, False),
    ("若干", None, "nonnumeric", None, False),
])
def test_parse_cell(text, value, status, unit, signed):
    cell = parse_cell("t2.art20_6.admin_penalty.decisions", text, Span(0, len(text)))
    assert cell.value == (Decimal(value) if value is not None else None)
    assert (cell.status, cell.unit, cell.signed) == (status, unit, signed)


# -- blank, “/” and “—” cells ----------------------------------------------------------

# The clean base with （一）予以公开 1 | 1 | 0 | 0 | 0 | 0 | 2 (and 一、/（七） to match), line 28
_ONE_ONE = "（一）予以公开 | 1 | 1 | 0 | 0 | 0 | 0 | 2 |"


def _base(granted_row: str = _ONE_ONE) -> str:
    text = CLEAN
    for old, new in (
        ("一、本年新收政府信息公开申请数量 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |",
         "一、本年新收政府信息公开申请数量 | 2 | 1 | 0 | 0 | 0 | 0 | 3 |"),
        ("（一）予以公开 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |", granted_row),
        ("（七）总计 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |", "（七）总计 | 2 | 1 | 0 | 0 | 0 | 0 | 3 |"),
    ):
        assert text.count(old) == 1
        text = text.replace(old, new)
    assert text.splitlines()[27] == granted_row
    return text


def test_blank_cell_base_is_clean():
    assert _findings(_source(text=_base())) == []


@pytest.mark.parametrize("mark", ["/", "—", "－"])
def test_slash_or_dash_cell_is_missing_not_zero(mark):
    """If “/” counted as 0, the row (1 + 0 ≠ 2) and the 商业企业 column (1 ≠ 0) would break."""
    source = _source(text=_base(f"（一）予以公开 | 1 | {mark} | 0 | 0 | 0 | 0 | 2 |"))
    data = _report(source).data
    assert data.cells["t3.granted.commercial_enterprise"].value is None
    found = _findings(source)
    assert [(f.rule, _loc(f)) for f in found] == [("GIA208", [28, 15, 28, 16])]
    assert found[0].severity == "warning"
    assert "（一）予以公开（商业企业）未填写数字" in found[0].message


def test_blank_pipe_cell_is_missing_not_zero():
    source = _source(text=_base("（一）予以公开 | 1 |  | 0 | 0 | 0 | 0 | 2 |"))
    data = _report(source).data
    assert data.cells["t3.granted.commercial_enterprise"].status == "blank"
    assert data.value("t3.granted.total") == 2  # the values after the blank keep their columns
    found = _findings(source)
    assert [f.rule for f in found] == ["GIA208"]
    assert _loc(found[0])[0] == 28


def test_blank_pipe_cell_position():
    source = _source(text=_base("（一）予以公开 | 1 |  | 0 | 0 | 0 | 0 | 2 |"))
    (f,) = _findings(source)
    line, col, end_line, end_col = _loc(f)
    assert line == end_line == 28
    assert 14 <= col <= 15 and col < end_col <= 16  # inside the blank, not at the bar (column 16)


def test_blank_first_value_is_a_blank_cell():
    # the other columns stay consistent; the relations through the blank are not checked
    source = _source(text=_base("（一）予以公开 |  | 1 | 0 | 0 | 0 | 0 | 2 |"))
    found = _findings(source)
    assert [f.rule for f in found] == ["GIA208"]


def test_word_in_a_cell_is_not_a_number():
    source = _source(text=_base("（一）予以公开 | 1 | 若干 | 0 | 0 | 0 | 0 | 2 |"))
    found = _findings(source)
    assert [(f.rule, _loc(f)) for f in found] == [("GIA206", [28, 15, 28, 17])]


# -- PDF input ---------------------------------------------------------------------------


def test_hongze_2023_t4_totals_are_zero():
    """Hongze 2023 (FORMAT.md §4.2) prints 表四 as 10 1 0 0 0 | 0 0 0 0 0 | 5 0 0 0 0: 行政复议
    维持 10 + 纠正 1 but 总计 0, 复议后起诉 维持 5 but 总计 0 → GIA304 at both 总计 cells."""
    pytest.importorskip("pdfplumber")
    from gialint.readers import read_path

    source = read_path(str(REAL / "pdf" / "2023_hongze-district-gov.pdf"))
    data = _report(source).data
    assert [data.value(k) for k in T4_KEYS] == [10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0]
    found = [f for f in _findings(source) if f.rule == "GIA304"]
    assert sorted(_loc(f) for f in found) == sorted(
        _where(source, data.cells[k].span) for k in ("t4.review.total", "t4.suit_after_review.total"))
    # the place on paper: 表四 is the second table on page 4, its values in the fourth row
    assert sorted(f.location.logical for f in found) == ["第 4 页 表四 第 4 行 第 15 格",
                                                         "第 4 页 表四 第 4 行 第 5 格"]
    messages = sorted(f.message for f in found)
    assert messages == ["复议后起诉（总计） = 0，但结果维持、结果纠正、其他结果、尚未审结合计为 5",
                        "行政复议（总计） = 0，但结果维持、结果纠正、其他结果、尚未审结合计为 11"]


# -- rows with fewer values than columns: what each reading gives (issue 12) -----------

_T2_ROW = """样例市样例县农业农村局2023年政府信息公开工作年度报告
二、主动公开政府信息情况
第二十条第（一）项 |
信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
规章 {row}
"""
_T3_ROW = """样例市样例县农业农村局2023年政府信息公开工作年度报告
三、收到和处理政府信息公开申请情况
（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况 |
一、本年新收政府信息公开申请数量 {row}
"""


@pytest.mark.parametrize(("text", "row", "outcome"), [
    # one digit a column: the only reading, bound even when its total is wrong
    (_T3_ROW, "1000002", [1, 0, 0, 0, 0, 0, 2]),
    (_T3_ROW, "21710000218", [217, 1, 0, 0, 0, 0, 218]),  # one split fits the total
    (_T3_ROW, "20 0 00 0 121", [20, 0, 0, 0, 0, 1, 21]),  # spaced and glued at once
    (_T3_ROW, "14 2 0 0 10 17", ("short_row", "default", 6)),  # apart: two splits fit
    (_T3_ROW, "14 2 0 0 1 17", ("short_row", "default", 6)),  # apart: a value missing
    (_T3_ROW, "220000022", ("unreadable_row", "ambiguous", 1)),
    (_T3_ROW, "21710000219", ("unsplittable_row", "default", 1)),
    (_T3_ROW, "100000", ("short_row", "digits", 6)),  # six digits, seven columns
    (_T3_ROW, "1 0 0 0 0 0 1 0", ("unreadable_row", "count", 8)),
    (_T2_ROW, "000", [0, 0, 0]),
    (_T2_ROW, "6233440", ("unreadable_row", "ambiguous", 1)),  # no total to choose by
    (_T2_ROW, "| 22 | 235 |", ("short_row", "default", 2)),  # cells apart: one missing
    (_T2_ROW, "0001", ("unreadable_row", "count", 1)),  # a number cannot start with 0
])
def test_rows_short_of_values(text, row, outcome):
    data = _report(_source(text=text.format(row=row))).data
    table = "t2.art20_1.regulations." if text is _T2_ROW else "t3.new_received."
    values = [c.value for k, c in data.cells.items() if k.startswith(table)]
    issues = [(i.kind, i.args.get("reason"), i.args.get("found")) for i in data.issues
              if i.kind in ("short_row", "unreadable_row", "unsplittable_row")]
    if isinstance(outcome, list):
        assert (values, issues) == (outcome, [])
        assert all(data.cells[k].status == ("recovered" if len(row.split()) < len(outcome) else "ok")
                   for k in data.cells if k.startswith(table))
    else:
        assert (values, issues) == ([], [outcome])


# -- the legacy statistics table (reports up to 2018): lg.<row>, lg.<row>.cumulative --------

LEGACY = RULE_FIXTURES / "GIA335" / "pass_pipe_results_add_up.txt"


def _legacy(path):
    source = _source(path)
    report = _report(source)
    assert report.edition == "legacy"
    return source, report.data


def test_legacy_2014_form_one_cell_a_line():
    """Seed 003 (a 2016 report): label, unit and value each on a line; rows left blank
    are not filled in — blank cells, no value, no arithmetic claim."""
    source, data = _legacy(SEEDS["003"])
    assert data.found == {"lg"} and data.editions == {"lg": "legacy"}
    values = {k: c.value for k, c in data.cells.items() if c.value is not None}
    assert values == {"lg.pro.total": 340, "lg.pro.normative_published": 2, "lg.pro.normative_made": 7,
                      "lg.pro.ch.website": 210, "lg.pro.ch.wechat": 360, "lg.resp.explain": 26,
                      "lg.resp.weibo_wechat": 150, "lg.org.reading_points": 1, "lg.training.meetings": 1,
                      "lg.training.courses": 25, "lg.training.trainees": 1050}
    assert _where(source, data.cells["lg.pro.total"].span) == [36, 1, 36, 4]
    assert data.cells["lg.app.received"].status == "blank"
    assert "lg.app.ans.refused.state_secret" in data.cells  # 其中:涉及国家秘密, under 4、不同意公开
    assert not any(k.endswith(".cumulative") for k in data.cells)  # 统计数 only: one column
    assert data.issues == []


def test_legacy_spaced_columns_with_the_cumulative_column():
    source, data = _legacy(REAL / "2011_pingtan-zone.txt")
    assert data.value("lg.pro.total") == 425 and data.value("lg.pro.total.cumulative") == 1516
    assert data.value("lg.pro.ch.website.cumulative") == 1509
    assert data.value("lg.app.rx.email") == 0  # 3.电子邮件申请数: a local row
    assert data.value("lg.appeal.total.cumulative") == 0  # 行政申诉数
    assert data.issues == []


def test_legacy_glued_cells_split_only_when_certain():
    """2013 平潭县: 受理依申请公开信息总数条728 — 72|8 has 历年累计 below this year's value,
    so 7|28 is the one reading; 主动公开信息数条18535395 splits many ways: not read, a note."""
    source, data = _legacy(REAL / "2013_pingtan-county-gov.txt")
    assert (data.value("lg.app.received"), data.value("lg.app.received.cumulative")) == (7, 28)
    assert data.cells["lg.app.received"].status == "recovered"
    assert (data.value("lg.app.rx.in_person"), data.value("lg.app.rx.in_person.cumulative")) == (0, 18)
    assert "lg.pro.total" not in data.cells
    (issue, _website) = data.issues
    assert (issue.kind, issue.args["reason"], issue.args["cells"]) == ("unreadable_row", "ambiguous", "18535395")
    verbose = _findings(source, "GIA211", verbose=True)
    assert [f.rule for f in verbose] == ["GIA211", "GIA211"] and all(f.verbose for f in verbose)
    assert _findings(source, "GIA211") == []  # a note about the reading: --verbose only


def test_legacy_2017_glued_this_year_and_cumulative_is_not_guessed():
    _, data = _legacy(REAL / "2017_pingtan-zone.txt")
    assert "lg.pro.total" not in data.cells and "lg.pro.total.cumulative" not in data.cells
    assert {i.args["cells"] for i in data.issues} == {"212210037"}
    # 接受 | 行政诉讼 | 、举报数件: one label cut by the lexer, one row
    assert data.value("lg.suit_report.total") == 0 and data.value("lg.suit.total") == 0


def test_legacy_unknown_row_with_values_is_an_issue():
    """6.电话申请数 1 1: a row gialint cannot name, an unknown_row issue; GIA332 (unprinted
    rows count as none) leaves the sum around it unchecked."""
    source, data = _legacy(RULE_FIXTURES / "GIA332" / "pass_spaced_unknown_channel.txt")
    (issue,) = data.issues
    assert (issue.kind, issue.args["cells"]) == ("unknown_row", "1 1")
    assert _where(source, issue.span)[:2] == [17, 1]
    assert _findings(source, "GIA332") == []


def test_legacy_rows_under_each_group_and_unit_cells():
    """(一)维持具体行政行为数 is printed under 行政复议 and under 被举报投诉: each its group's
    row; a unit in a cell of its own (| 件 |) is no value."""
    _, data = _legacy(LEGACY)
    assert data.value("lg.review.upheld") == 1 and data.value("lg.complaint.upheld") == 0
    assert data.value("lg.suit.other") == 1 and data.value("lg.suit.total") == 1
    assert data.issues == []
    assert template("legacy").label("lg.app.received.cumulative") == "(一)收到申请数（历年累计）"


def test_legacy_tables_command_draws_the_table():
    run = call("tables", "--isolated", SEEDS["003"])
    assert run.code == 1, run.err  # a cell marks a broken relation
    assert "政府信息公开情况统计表（旧版）" in run.out and "统计数" in run.out
    row = next(line for line in run.out.splitlines() if "政务微信" in line)
    assert "✗360" in row and "GIA331" in run.out
    cumulative = call("tables", "--isolated", REAL / "2013_pingtan-county-gov.txt").out
    assert "历年累计" in cumulative
    row = next(line for line in cumulative.splitlines() if "受理依申请公开信息总数" in line)
    assert "7" in row and "28" in row


def test_every_legacy_relation_of_the_template_is_a_rule():
    """templates.json's stats_table_seen relations (le, sum_of) are rules of the legacy
    edition (rules/legacy.toml, kind table_sum): a new relation is a rule, not Python."""
    from gialint.national_format import templates
    from gialint.ruleset import RuleSet

    seen = templates()["editions"]["legacy_2008"]["stats_table_seen"]
    rules = [lr for lr in RuleSet(Config(), Options(select=["ALL"])).enabled
             if lr.rule.kind == "table_sum" and "legacy" in lr.rule.editions]
    equations = [(lhs, {k for _, k, c in terms if c is None}) for lr in rules
                 for lhs, terms, _ in lr.check.equations("legacy")]
    for row in [*seen["rows"], *seen["variant_rows"]]:
        key = f"lg.{row['key']}"
        for col in ("", ".cumulative"):
            if "le" in row:
                assert (key + col, {f"lg.{row['le']}{col}"}) in equations, key
            if "sum_of" in row:
                assert (key + col, {f"lg.{k}{col}" for k in row["sum_of"]}) in equations, key
    assert all(lr.rule.severity == "warning" and "[inf]" in lr.rule.description["zh"] for lr in rules)
