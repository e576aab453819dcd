"""A report page for a reviewer: one self-contained HTML file (``--format html``).

An overview of every file (organ, report year, edition, counts by severity and
category, a score), sortable and filterable in the browser; the files that
were not checked with the reason; then a page per report: its findings with
the place a person looks for and the rule's explanation, the notes about
gialint's own reading kept apart, and the report's text with each finding
highlighted where it is.  Inline CSS and JS, no network; printable on A4 with
a page break before each report and the organ's name at the top of every page.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from gialint.findings import CATEGORIES, SEVERITIES
from gialint.formats._common import sorted_findings, visible, visible_lines

if TYPE_CHECKING:
    from gialint.findings import FileResult, Finding
    from gialint.rule import Rule

SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
CATEGORY_ZH = {
    "structure": "结构", "table": "表格", "arithmetic": "计算", "date": "日期",
    "placeholder": "占位符", "contamination": "混入内容", "consistency": "一致性", "input": "读取",
}
EDITION_ZH = {"2021": "2021 年版", "2019": "2019 年版", "legacy": "旧版提纲"}
# the score: 100 less these per finding the organ must fix (notes about
# gialint's own reading do not count), never below 0
PENALTY = {"error": 10, "warning": 3, "info": 1}
# cross-year and copied-text findings: the ones a reviewer compares across an organ's reports
# the findings about other years and other organs, gathered under the organ:
# years within one report, comparisons with the organ's other reports
# (rules/history.toml), sections copied (rules/copied.toml) and text copied from
# another organ (GIA611–616)
CROSS_YEAR = frozenset({
    "period-not-report-year", "year-mismatch", "plan-names-report-year",
    "future-year-in-past-section", "copied-year", "copied-from-elsewhere",
    "organ-year-duplicate", "organ-year-missing", "organ-unknown", "carry-over-vs-last-year",
    "in-force-above-last-year", "in-force-below-last-year", "items-vs-last-year",
    "table-same-as-last-year", "last-year-sentence-kept", "legacy-cumulative-vs-last-year",
    "self-reference-other-level", "self-reference-other-organ", "province-in-municipality",
    "other-province-as-own", "collective-other-level", "other-organ-as-self",
    "section-copied-from-last-year", "section-copied-from-other-organ",
})


def score(result: FileResult) -> int | None:
    """100 less 10 per error, 3 per warning, 1 per info (reader notes excluded);
    None for a file that was not checked."""
    if not result.checked:
        return None
    lost = sum(PENALTY[f.severity] for f in result.findings if not f.verbose)
    return max(0, 100 - lost)


def organ_of(result: FileResult) -> str:
    return result.organ or "（未识别机关）"


def place_of(f: Finding) -> str:
    """Where a person finds it: the page/table/row/cell of Word and PDF, else the line."""
    loc = f.location
    where = f"第 {loc.line} 行 第 {loc.column} 列"
    return f"{loc.logical}（{where}）" if loc.logical else where


def _e(text, *, lines: bool = False) -> str:
    """Escaped for HTML, with control characters and lone surrogates made
    visible (a file name cannot break the page's encoding or start a line);
    ``lines``: a text whose newlines are its own (a rule's explanation)."""
    text = str(text)
    return escape(visible_lines(text.replace("\r\n", "\n")) if lines else visible(text), quote=True)


def render_html(results: list[FileResult], rules: list[Rule], *, version: str) -> str:
    by_rule = {r.id: r for r in rules}
    checked = [r for r in results if r.checked]
    unchecked = [r for r in results if not r.checked]
    every = [f for r in checked for f in r.findings if not f.verbose]
    out = [_HEAD.replace("{{CSS}}", _CSS), '<header class="top"><h1>政府信息公开工作年度报告检查结果</h1>',
           f'<p>gialint {_e(version)} · 共 {len(results)} 个文件，检查 {len(checked)} 个，'
           f'未检查 {len(unchecked)} 个 · 错误 {sum(f.severity == "error" for f in every)}、'
           f'警告 {sum(f.severity == "warning" for f in every)}、'
           f'提示 {sum(f.severity == "info" for f in every)}</p></header>',
           '<main>']
    out.append(_overview(results, every))
    out.append(_by_organ(results))
    if unchecked:
        out.append('<section id="unchecked" aria-labelledby="unchecked-h"><h2 id="unchecked-h">未检查的文件</h2>'
                   '<table class="grid"><thead><tr><th scope="col">文件</th><th scope="col">原因</th>'
                   '</tr></thead><tbody>')
        for r in unchecked:
            out.append(f'<tr><td>{_e(r.path)}</td><td>{_e(r.error or r.unchecked or "")}</td></tr>')
        out.append('</tbody></table></section>')
    for n, r in enumerate(results):
        if r.checked:
            out.append(_report_page(n, r, by_rule))
    out.append('</main>')
    out.append(f'<script>{_JS}</script></body></html>\n')
    return "".join(out)


def _by_organ(results: list[FileResult]) -> str:
    """Each organ with its reports by year and, gathered from them, the findings
    about other years and copied text (what to compare across its reports)."""
    groups: dict[str, list[tuple[int, FileResult]]] = {}
    for n, r in enumerate(results):
        if r.checked:
            groups.setdefault(organ_of(r), []).append((n, r))
    out = ['<section id="by-organ" aria-labelledby="by-organ-h"><h2 id="by-organ-h">按机关汇总</h2>',
           '<p class="note">每个机关的各年度报告，以及其中涉及其他年度和照搬内容的问题'
           '（年份不符、计划写成报告年度、照搬年份、与上年报告不衔接、照搬其他机关或地区的内容等）。</p>',
           '<table class="grid organs"><thead><tr><th scope="col">机关</th><th scope="col">报告（年度 · 得分）</th>'
           '<th scope="col">涉及其他年度或照搬内容的问题</th></tr></thead><tbody>']
    for organ in sorted(groups):
        items = sorted(groups[organ], key=lambda x: (x[1].report_year or 0, x[1].path))
        reports = "<br>".join(f'<a href="#r{n}">{_e(r.report_year or "—")} · {_e(r.path)}</a> · {score(r)}'
                              for n, r in items)
        cross = [(n, r, i, f) for n, r in items for i, f in enumerate(sorted_findings(r))
                 if f.name in CROSS_YEAR and not f.verbose]
        listed = "".join(f'<li><a href="#r{n}f{i}">{_e(r.report_year or "—")}</a> {f.rule} {_e(f.message)}</li>'
                         for n, r, i, f in cross)
        out.append(f'<tr data-organ="{_e(organ)}"><th scope="row">{_e(organ)}</th><td>{reports}</td>'
                   f'<td>{f"<ul>{listed}</ul>" if listed else "—"}</td></tr>')
    out.append('</tbody></table></section>')
    return "".join(out)


def _counts(findings, key: str, values) -> dict[str, int]:
    counts = dict.fromkeys(values, 0)
    for f in findings:
        counts[getattr(f, key)] = counts.get(getattr(f, key), 0) + 1
    return counts


def _overview(results: list[FileResult], every: list[Finding]) -> str:
    organs = sorted({organ_of(r) for r in results if r.checked})
    rules = sorted({f.rule for f in every})
    cats = [c for c in CATEGORIES if any(f.category == c for f in every)]
    opt = '<option value="">全部</option>'
    out = ['<section id="overview" aria-labelledby="overview-h"><h2 id="overview-h">概览</h2>',
           '<p class="note">得分：100 减去每个错误 10 分、每个警告 3 分、每个提示 1 分（不低于 0；'
           'gialint 关于自身读取情况的说明不计分）。点击列标题排序。</p>',
           '<form class="filters" role="search" aria-label="筛选" onsubmit="return false">',
           '<label>机关 <input id="f-organ" type="search" list="organs"></label>',
           '<datalist id="organs">' + "".join(f'<option value="{_e(o)}">' for o in organs) + '</datalist>',
           '<label>级别 <select id="f-severity">' + opt
           + "".join(f'<option value="{s}">{SEVERITY_ZH[s]}</option>' for s in SEVERITIES) + '</select></label>',
           '<label>类别 <select id="f-category">' + opt
           + "".join(f'<option value="{c}">{CATEGORY_ZH.get(c, c)}</option>' for c in cats) + '</select></label>',
           '<label>规则 <select id="f-rule">' + opt
           + "".join(f'<option value="{r}">{r}</option>' for r in rules) + '</select></label>',
           '<output id="f-count" aria-live="polite"></output></form>',
           '<table id="overview-table" class="grid"><thead><tr>']
    heads = [("文件", "text"), ("机关", "text"), ("年度", "num"), ("版本", "text"), ("错误", "num"),
             ("警告", "num"), ("提示", "num"), ("类别", "text"), ("读取说明", "num"), ("得分", "num")]
    for i, (label, kind) in enumerate(heads):
        out.append(f'<th scope="col" aria-sort="none"><button type="button" data-col="{i}" '
                   f'data-kind="{kind}">{label}</button></th>')
    out.append('</tr></thead><tbody>')
    for n, r in enumerate(results):
        if not r.checked:
            continue
        shown = [f for f in r.findings if not f.verbose]
        sev = _counts(shown, "severity", SEVERITIES)
        cat = _counts(shown, "category", ())
        cats_text = "、".join(f"{CATEGORY_ZH.get(c, c)} {k}" for c, k in sorted(cat.items(), key=lambda x: -x[1]))
        s = score(r)
        attrs = (f' data-organ="{_e(organ_of(r))}" data-report="r{n}"'
                 f' data-severities="{" ".join(k for k, v in sev.items() if v)}"'
                 f' data-categories="{" ".join(cat)}" data-rules="{" ".join(sorted({f.rule for f in shown}))}"')
        out.append(
            f'<tr{attrs}><td><a href="#r{n}">{_e(r.path)}</a></td><td>{_e(organ_of(r))}</td>'
            f'<td data-v="{r.report_year or 0}">{_e(r.report_year or "—")}</td>'
            f'<td>{_e(EDITION_ZH.get(r.edition or "", r.edition or "—"))}</td>'
            f'<td data-v="{sev["error"]}" class="n">{sev["error"]}</td>'
            f'<td data-v="{sev["warning"]}" class="n">{sev["warning"]}</td>'
            f'<td data-v="{sev["info"]}" class="n">{sev["info"]}</td><td>{_e(cats_text or "—")}</td>'
            f'<td data-v="{sum(f.verbose for f in r.findings) + r.hidden}" class="n">'
            f'{sum(f.verbose for f in r.findings) + r.hidden}</td>'
            f'<td data-v="{s}" class="n score">{s}</td></tr>')
    out.append('</tbody></table></section>')
    return "".join(out)


def _report_page(n: int, r: FileResult, by_rule: dict) -> str:
    organ = organ_of(r)
    findings = sorted_findings(r)
    shown = [f for f in findings if not f.verbose]
    notes = [f for f in findings if f.verbose]
    ids = {id(f): f"r{n}f{i}" for i, f in enumerate(findings)}
    out = [f'<section class="report" id="r{n}" aria-labelledby="r{n}h" data-organ="{_e(organ)}">'
           '<table class="frame" role="presentation"><thead><tr><td>'
           f'<div class="running">{_e(organ)} · {_e(r.path)}</div></td></tr></thead><tbody><tr><td>',
           f'<h2 id="r{n}h">{_e(organ)}</h2>',
           f'<p class="meta">{_e(r.title or "（未识别标题）")}<br>文件 {_e(r.path)} · 报告年度 '
           f'{_e(r.report_year or "—")} · {_e(EDITION_ZH.get(r.edition or "", r.edition or "—"))} · '
           f'得分 {score(r)} · <a href="#overview">返回概览</a></p>']
    out.append(f'<h3>需要机关改正的问题（{len(shown)}）</h3>')
    out.append(_finding_table(shown, ids, by_rule) if shown else '<p>没有发现问题。</p>')
    if notes or r.hidden:
        out.append(f'<h3>gialint 的读取说明（{len(notes) + r.hidden}，不计分，不需要机关改正）</h3>')
        if notes:
            out.append(_finding_table(notes, ids, by_rule))
        if r.hidden:
            out.append(f'<p class="note">另有 {r.hidden} 条读取说明未列出（加 --verbose 显示）。</p>')
    if r.tables:
        out.append(_grids(n, r, findings, ids))
    if r.source_text is not None:
        out.append('<h3>报告原文（问题处已标出）</h3>')
        out.append(f'<pre class="text" tabindex="0" aria-label="{_e(organ)} 报告原文">'
                   + _highlighted(r.source_text, findings, ids) + '</pre>')
    out.append('</td></tr></tbody></table></section>')
    return "".join(out)


def _grids(n: int, r: FileResult, findings: list[Finding], ids: dict) -> str:
    """表二/表三/表四 as grids with the template's labels and the cells as read; the
    cell a finding points at (where a relation breaks: a total) is framed, the
    cells it names among its related places (what adds up to it) are marked, with
    the findings' messages — what each side adds up to — in the title and a link."""
    from gialint.formats.grids import cell_marks, grids

    cells = r.tables["cells"]
    broken, parts = cell_marks(r, findings)

    def td(key: str) -> str:
        if key not in cells:
            return '<td class="cell none" title="未读到">·</td>'
        text, status, _s, _e2 = cells[key]
        shown = text if text else "（空）"
        cls = "cell" + ("" if status in ("ok", "recovered") else " blank")
        hits, kind = broken.get(key), " broken"
        if not hits:
            hits, kind = parts.get(key), " part"
        if not hits:
            return f'<td class="{cls}">{_e(shown)}</td>'
        tip = _e("；".join(f"{f.rule} {f.message}" for f in hits))
        return (f'<td class="{cls}{kind}" title="{tip}"><a class="goto" href="#{ids[id(hits[0])]}" '
                f'data-target="{ids[id(hits[0])]}">{_e(shown)}</a></td>')

    out = ['<h3>统计表格（按模板读取；红框：与勾稽关系不符的格子，黄底：参与相加的格子；悬停或点击查看说明）</h3>']
    for grid in grids(r):
        out.append(f'<table class="grid cells"><caption>{_e(grid.caption)}</caption>')
        if grid.table != "t2":
            out.append(f'<tr><th scope="col">{_e(grid.corner)}</th>'
                       + "".join(f'<th scope="col">{_e(label)}</th>' for label in grid.columns) + '</tr>')
        for row in grid.rows:
            if row.header:
                out.append(f'<tr><th scope="col">{_e(row.label)}</th>'
                           + "".join(f'<th scope="col">{_e(label)}</th>' for label in row.labels) + '</tr>')
            elif not row.keys:
                out.append(f'<tr><th scope="row" colspan="{len(grid.columns) + 1}" class="group">'
                           f'{_e(row.label)}</th></tr>')
            else:
                out.append(f'<tr><th scope="row">{_e(row.label)}</th>' + "".join(map(td, row.keys)) + '</tr>')
        out.append('</table>')
    return "".join(out) if len(out) > 1 else ""


def _finding_table(findings: list[Finding], ids: dict, by_rule: dict) -> str:
    out = ['<table class="grid findings"><thead><tr><th scope="col">级别</th><th scope="col">规则</th>'
           '<th scope="col">类别</th><th scope="col">位置</th><th scope="col">问题</th>'
           '<th scope="col">规则说明</th></tr></thead><tbody>']
    for f in findings:
        rule = by_rule.get(f.rule)
        summary = rule.summary.get("zh", "") if rule else ""
        desc = rule.description.get("zh", "") if rule else ""
        explain = _e(summary) + (f'<details><summary>详细</summary>{_e(desc, lines=True)}</details>' if desc else "")
        related = "".join(f'<li>{_e(x.message)}（{_e(x.location.logical or f"第 {x.location.line} 行")}）</li>'
                          for x in f.related)
        fid = ids[id(f)]
        out.append(
            f'<tr class="sev-{f.severity}" data-rule="{f.rule}" data-category="{f.category}" '
            f'data-severity="{f.severity}"><td><span class="badge {f.severity}">'
            f'{SEVERITY_ZH.get(f.severity, f.severity)}</span></td>'
            f'<td>{f.rule}<br><small>{_e(f.name)}</small></td><td>{CATEGORY_ZH.get(f.category, f.category)}</td>'
            f'<td><a class="goto" href="#{fid}" data-target="{fid}">{_e(place_of(f))}</a></td>'
            f'<td>{_e(f.message)}' + (f'<ul class="related">{related}</ul>' if related else "")
            + f'</td><td>{explain}</td></tr>')
    out.append('</tbody></table>')
    return "".join(out)


def _highlighted(text: str, findings: list[Finding], ids: dict) -> str:
    """The text with a ``<mark>`` for each finding (overlaps clipped to what the
    previous mark left; an empty span gets a small marker where it points)."""
    out, cursor = [], 0
    for f in sorted(findings, key=lambda f: (f.location.start, f.location.end)):
        start = max(min(f.location.start, len(text)), cursor)
        end = min(max(f.location.end, start), len(text))
        out.append(_e(text[cursor:start], lines=True))
        label = _e(f"{f.rule} {SEVERITY_ZH.get(f.severity, f.severity)}：{f.message}")
        cls = f"hl {f.severity}" + (" note" if f.verbose else "")
        if end > start:
            out.append(f'<mark id="{ids[id(f)]}" class="{cls}" title="{label}">{_e(text[start:end], lines=True)}</mark>')
        else:
            out.append(f'<mark id="{ids[id(f)]}" class="{cls} point" title="{label}">▲</mark>')
        cursor = end
    out.append(_e(text[cursor:], lines=True))
    return "".join(out)


_HEAD = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="gialint">
<title>政府信息公开工作年度报告检查结果 · gialint</title>
<style>{{CSS}}</style></head><body>
"""

_CSS = """
:root { --err: #b00020; --warn: #8a5a00; --info: #0b5cad; --line: #c8c8c8; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif;
  margin: 0 auto; max-width: 1200px; padding: 0 1rem 2rem; color: #1a1a1a; background: #fff; line-height: 1.5; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.3rem; margin-top: 1.5rem; } h3 { font-size: 1.1rem; }
a { color: #0645ad; }
.note { color: #444; font-size: .9rem; }
table.grid { border-collapse: collapse; width: 100%; font-size: .9rem; }
table.grid th, table.grid td { border: 1px solid var(--line); padding: .25rem .4rem; vertical-align: top; text-align: left; }
table.grid thead th { background: #f0f0f0; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
th button { font: inherit; font-weight: bold; background: none; border: 0; padding: 0; cursor: pointer; color: inherit; }
th[aria-sort="ascending"] button::after { content: " ▲"; }
th[aria-sort="descending"] button::after { content: " ▼"; }
.filters { display: flex; flex-wrap: wrap; gap: .8rem; margin: .5rem 0; align-items: center; }
.filters input, .filters select { font: inherit; }
.badge { font-weight: bold; white-space: nowrap; }
.badge.error { color: var(--err); } .badge.warning { color: var(--warn); } .badge.info { color: var(--info); }
table.frame { width: 100%; border-collapse: collapse; }
table.frame > thead .running { display: none; }
.report { border-top: 3px solid #333; margin-top: 2rem; }
.meta { color: #333; }
pre.text { white-space: pre-wrap; word-break: break-all; border: 1px solid var(--line); padding: .5rem;
  font-family: "Noto Sans Mono CJK SC", "Noto Sans CJK SC", monospace; font-size: .85rem; max-height: 60vh; overflow: auto; }
mark.hl { background: #fff2a8; color: inherit; border-bottom: 2px solid var(--warn); }
mark.hl.error { background: #ffd9de; border-bottom-color: var(--err); }
mark.hl.info { background: #dcebff; border-bottom-color: var(--info); }
mark.hl.note { background: #eee; border-bottom: 2px dotted #666; }
mark.point { font-size: .7rem; vertical-align: super; }
mark.flash { outline: 3px solid #000; }
table.cells { width: auto; margin: .5rem 0 1rem; }
table.cells caption { text-align: left; font-weight: bold; padding: .2rem 0; }
table.cells th { font-weight: normal; background: #f7f7f7; }
table.cells th.group { font-weight: bold; background: #ececec; }
td.cell { text-align: right; min-width: 3em; font-variant-numeric: tabular-nums; }
td.cell.blank { color: #555; background: #f3f3f3; }
td.cell.none { color: #777; text-align: center; }
td.cell.broken { background: #ffd9de; outline: 2px solid var(--err); outline-offset: -2px; }
td.cell.broken a { color: #7a0015; font-weight: bold; }
td.cell.part { background: #fff2a8; }
td.cell.part a { color: #4a3500; }
ul.related { margin: .2rem 0 0; padding-left: 1.2rem; font-size: .85rem; }
.hidden { display: none !important; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  .filters, th button::after { display: none; }
  th button { pointer-events: none; }
  #overview, #by-organ, #unchecked { break-after: page; }
  .report { break-before: page; border-top: 0; margin-top: 0; }
  table.frame > thead { display: table-header-group; }
  table.frame > thead .running { display: block; font-size: 8pt; color: #333; border-bottom: 1px solid #999; margin-bottom: 4pt; }
  pre.text { max-height: none; overflow: visible; }
  tr { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""

_JS = r"""
(function () {
  "use strict";
  var table = document.getElementById("overview-table");
  var byId = function (id) { return document.getElementById(id); };
  function cellValue(row, col, kind) {
    var cell = row.cells[col];
    var v = cell.hasAttribute("data-v") ? cell.getAttribute("data-v") : cell.textContent;
    return kind === "num" ? parseFloat(v) || 0 : v;
  }
  if (table) {
    table.querySelectorAll("th button").forEach(function (btn) {
      btn.addEventListener("click", function () {
        var th = btn.parentNode, col = +btn.getAttribute("data-col"), kind = btn.getAttribute("data-kind");
        var dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
        table.querySelectorAll("thead th").forEach(function (h) { h.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", dir);
        var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a, col, kind), y = cellValue(b, col, kind);
          var c = kind === "num" ? x - y : String(x).localeCompare(String(y), "zh-CN");
          return dir === "ascending" ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
    var fields = ["f-organ", "f-severity", "f-category", "f-rule"].map(byId);
    var filter = function () {
      var organ = fields[0].value.trim(), sev = fields[1].value, cat = fields[2].value, rule = fields[3].value;
      var shown = 0;
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var has = function (attr, v) { return !v || (" " + row.getAttribute(attr) + " ").indexOf(" " + v + " ") >= 0; };
        var ok = (!organ || row.getAttribute("data-organ").indexOf(organ) >= 0) &&
          has("data-severities", sev) && has("data-categories", cat) && has("data-rules", rule);
        row.classList.toggle("hidden", !ok);
        var page = byId(row.getAttribute("data-report"));
        if (page) { page.classList.toggle("hidden", !ok); }
        if (ok) { shown += 1; }
      });
      document.querySelectorAll(".report tr[data-rule]").forEach(function (tr) {
        var ok = (!sev || tr.getAttribute("data-severity") === sev) &&
          (!cat || tr.getAttribute("data-category") === cat) && (!rule || tr.getAttribute("data-rule") === rule);
        tr.classList.toggle("hidden", !ok);
      });
      byId("f-count").textContent = "显示 " + shown + " / " + table.tBodies[0].rows.length + " 个报告";
    };
    fields.forEach(function (f) { f.addEventListener("input", filter); f.addEventListener("change", filter); });
    filter();
  }
  document.addEventListener("click", function (ev) {
    var a = ev.target.closest ? ev.target.closest("a.goto") : null;
    if (!a) { return; }
    var mark = byId(a.getAttribute("data-target"));
    if (!mark) { return; }
    ev.preventDefault();
    mark.scrollIntoView({block: "center"});
    document.querySelectorAll("mark.flash").forEach(function (m) { m.classList.remove("flash"); });
    mark.classList.add("flash");
    if (history.replaceState) { history.replaceState(null, "", "#" + mark.id); }
  });
})();
"""
