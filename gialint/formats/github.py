"""GitHub Actions workflow commands: ``::error file=…,line=…::message``.

Actions shows only the first few annotations of each level per step, so the
annotations are capped per level and the rest are counted on one line.
"""

from __future__ import annotations

from gialint.findings import FileResult
from gialint.formats._common import ci_message, sorted_findings

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}
PER_LEVEL = 10  # what GitHub displays per level and step


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(results: list[FileResult], *, lang: str = "zh") -> str:
    lines: list[str] = []
    shown = {"error": 0, "warning": 0, "notice": 0}
    hidden = 0
    for r in results:
        if r.error:  # a file found in a folder in a format gialint does not read: a warning
            level = "warning" if r.skipped else "error"
            lines.append(f"::{level} file={_prop(r.path)},title=gialint::{_data(r.error)}")
            continue
        for f in sorted_findings(r):
            level = LEVELS.get(f.severity, "warning")
            if shown[level] >= PER_LEVEL:
                hidden += 1
                continue
            shown[level] += 1
            loc = f.location
            props = (f"file={_prop(r.path)},line={loc.line},col={loc.column},"
                     f"endLine={loc.end_line},endColumn={loc.end_column},title={_prop(f.rule)}")
            lines.append(f"::{level} {props}::{_data(ci_message(f, lang))} ({_data(f.name)})")
    total = sum(len(r.findings) for r in results)
    if hidden:
        lines.append(f"gialint: {total} findings; {hidden} are not shown as annotations "
                     "(GitHub shows 10 per level); run with --format text to see them all"
                     if lang == "en" else
                     f"gialint：共 {total} 个问题，其中 {hidden} 个未作为注释显示"
                     "（GitHub 每级最多显示 10 个）；用 --format text 查看全部")
    else:
        lines.append(f"gialint: {total} findings" if lang == "en" else f"gialint：共 {total} 个问题")
    return "\n".join(lines) + "\n"


def step_summary(results: list[FileResult], *, lang: str = "zh") -> str:
    """Markdown for ``$GITHUB_STEP_SUMMARY``: a row per file (organ, year,
    counts by severity) and the files not checked with the reason."""
    zh = lang != "en"

    def cell(text) -> str:
        return str(text).replace("|", "\\|").replace("\n", " ")

    head = ("| 文件 | 机关 | 年度 | 错误 | 警告 | 提示 |" if zh else
            "| File | Organ | Year | Errors | Warnings | Info |")
    lines = ["## gialint", "", head, "| --- | --- | --- | ---: | ---: | ---: |"]
    unchecked = []
    for r in results:
        if not r.checked:
            unchecked.append(r)
            continue
        shown = [f for f in r.findings if not f.verbose]
        n = {s: sum(f.severity == s for f in shown) for s in ("error", "warning", "info")}
        lines.append(f"| {cell(r.path)} | {cell(r.organ or '—')} | {r.report_year or '—'} | "
                     f"{n['error']} | {n['warning']} | {n['info']} |")
    if unchecked:
        lines += ["", "### 未检查的文件" if zh else "### Files not checked", ""]
        lines += [f"- {cell(r.path)}: {cell(r.error or r.unchecked or '')}" for r in unchecked]
    return "\n".join(lines) + "\n"
