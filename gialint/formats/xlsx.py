"""A workbook to hand back to the organs (``--format xlsx``, needs openpyxl:
``pip install 'gialint-cn[report]'``).

Sheet 问题清单: one row per finding (file, organ, year, rule and name, severity,
category, place, message, the rule's explanation, a suggested fix), gialint's
notes about its own reading marked in a column of their own.  Sheet 概览: one
row per file (organ, year, edition, counts, score; files not checked with the
reason).  Sheet 按机关: one row per organ (its reports' years, counts, the lowest
score, the findings about other years and copied text).  Chinese headers, a frozen header row and autofilters on both.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from gialint.findings import SEVERITIES
from gialint.formats._common import sorted_findings, visible, visible_lines
from gialint.formats.html import CATEGORY_ZH, CROSS_YEAR, EDITION_ZH, SEVERITY_ZH, organ_of, score

if TYPE_CHECKING:
    from gialint.findings import FileResult, Finding
    from gialint.rule import Rule

FINDING_HEADERS = ("文件", "机关", "报告年度", "位置", "规则", "规则名称", "级别", "类别", "问题",
                   "规则说明", "建议修改", "读取说明")
ORGAN_HEADERS = ("机关", "报告数", "报告年度", "错误", "警告", "提示", "最低得分", "涉及其他年度或照搬内容的问题")
OVERVIEW_HEADERS = ("文件", "机关", "报告标题", "报告年度", "版本", "是否检查", "未检查原因",
                    "错误", "警告", "提示", "读取说明", "得分")
WIDTHS = {"涉及其他年度或照搬内容的问题": 60, "报告年度": 14, "文件": 28, "机关": 22, "报告标题": 36, "位置": 22, "问题": 60, "规则说明": 40,
          "建议修改": 36, "未检查原因": 40, "规则名称": 22}


def cell(value):
    """A value a spreadsheet stores as written: control characters and lone
    surrogates (a hostile report) made visible, newlines kept (a file name
    goes through :func:`visible` first: its newline is no line of its own)."""
    return visible_lines(value.replace("\r\n", "\n")) if isinstance(value, str) else value


def place(f: Finding) -> str:
    loc = f.location
    return loc.logical or f"第 {loc.line} 行 第 {loc.column} 列"


def suggestion(f: Finding) -> str:
    """What to change: the certain fix when there is one, else where to look."""
    if f.fix_preview:
        return "；".join(f"“{old}” 改为 “{new}”" if new else f"删除 “{old}”" for old, new in f.fix_preview)
    if f.verbose:
        return "gialint 未能确定如何读取此处，请人工核对（不需要机关改正）"
    return ""


def finding_rows(results: list[FileResult], rules: list[Rule]):
    """One tuple per finding, in the order of FINDING_HEADERS (also the csv format's rows)."""
    by_rule = {r.id: r for r in rules}
    for r in results:
        for f in sorted_findings(r):
            rule = by_rule.get(f.rule)
            explain = rule.summary.get("zh", "") if rule else ""
            desc = rule.description.get("zh", "") if rule else ""
            if desc:
                explain = f"{explain}\n{desc}" if explain else desc
            yield tuple(map(cell, (
                visible(r.path), organ_of(r), r.report_year, place(f), f.rule, f.name,
                SEVERITY_ZH.get(f.severity, f.severity), CATEGORY_ZH.get(f.category, f.category),
                f.message, explain, suggestion(f) or (rule.example_good if rule and rule.example_good else ""),
                "是" if f.verbose else "",
            )))


def render_xlsx(results: list[FileResult], rules: list[Rule], *, version: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    wb = Workbook()
    findings_ws = wb.active
    findings_ws.title = "问题清单"
    findings_ws.append(FINDING_HEADERS)
    for row in finding_rows(results, rules):
        findings_ws.append(row)
    overview = wb.create_sheet("概览")
    overview.append(OVERVIEW_HEADERS)
    for r in results:
        shown = [f for f in r.findings if not f.verbose]
        counts = {s: sum(f.severity == s for f in shown) for s in SEVERITIES}
        overview.append(tuple(map(cell, (
            visible(r.path), organ_of(r) if r.checked else (r.organ or ""), r.title or "", r.report_year,
            EDITION_ZH.get(r.edition or "", r.edition or ""), "是" if r.checked else "否",
            "" if r.checked else (r.error or r.unchecked or ""),
            counts["error"], counts["warning"], counts["info"],
            sum(f.verbose for f in r.findings) + r.hidden, score(r),
        ))))
    organs = wb.create_sheet("按机关")
    organs.append(ORGAN_HEADERS)
    groups: dict[str, list] = {}
    for r in results:
        if r.checked:
            groups.setdefault(organ_of(r), []).append(r)
    for organ in sorted(groups):
        rs = groups[organ]
        shown = [f for r in rs for f in r.findings if not f.verbose]
        cross = [f"{r.report_year or '—'} {f.rule} {f.message}" for r in rs for f in sorted_findings(r)
                 if f.name in CROSS_YEAR and not f.verbose]
        organs.append(tuple(map(cell, (organ, len(rs), "、".join(str(r.report_year or "—") for r in
                                                 sorted(rs, key=lambda r: r.report_year or 0)),
                       *(sum(f.severity == s for f in shown) for s in SEVERITIES),
                       min(score(r) for r in rs), "\n".join(cross)))))
    bold, head_fill = Font(bold=True), PatternFill("solid", fgColor="DDDDDD")
    for ws in (findings_ws, overview, organs):
        for c in ws[1]:
            c.font, c.fill = bold, head_fill
            ws.column_dimensions[c.column_letter].width = WIDTHS.get(c.value, 12)
        for row in ws.iter_rows(min_row=2):
            for c in row:
                if c.data_type == "f":  # a text that starts with "=" is text, never a formula
                    c.data_type = "s"
                if isinstance(c.value, str) and len(c.value) > 30:
                    c.alignment = Alignment(wrap_text=True, vertical="top")
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
    wb.properties.creator = f"gialint {version}"
    wb.properties.title = "政府信息公开工作年度报告检查结果"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
