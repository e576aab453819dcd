"""Human-readable output, in the style of ruff / clippy::

    报告/平潭 2023.txt:12:1: GIA101 [错误] 缺少“六、…”部分 (missing-section)
       12 | 六、2021年工作计划
          | ^^^^^^^^^^^^^^^^^^

Carets are placed by *display width* (East Asian Wide/Fullwidth characters
take two terminal columns), and very long lines are windowed around the span.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import TYPE_CHECKING

from gialint.chinese import is_wide
from gialint.formats._common import (
    line_at,
    norm_lang,
    sorted_findings,
    source_known,
    source_lines,
    visible,
)

if TYPE_CHECKING:
    from gialint.findings import FileResult, Finding

#: at most this many display columns of a source line are shown
EXCERPT_WIDTH = 80
ELLIPSIS = "…"
TAB = "    "

LABELS = {
    "zh": {"error": "错误", "warning": "警告", "info": "提示", "related": "相关", "place": "位置",
           "verbose": "读取说明", "unchecked": "未检查", "fix": "修复"},
    "en": {"error": "error", "warning": "warning", "info": "info", "related": "related",
           "place": "place", "verbose": "reader note", "unchecked": "not checked", "fix": "fix"},
}
STYLES = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan", "unchecked": "bold yellow"}
FIXABLE = "[*]"  # after the rule id of a finding --fix can repair (ruff's mark)

Segment = tuple[str, str | None]  # (text, rich style or None)


# -- display width -----------------------------------------------------------


def _cell(ch: str) -> tuple[str, int]:
    """How one code point is shown in an excerpt, and its width in columns."""
    if ch == "\t":
        return TAB, len(TAB)
    cat = unicodedata.category(ch)
    if cat in ("Cc", "Cf", "Cs", "Zl", "Zp"):
        # control / invisible / undecodable characters: make them visible
        return "\ufffd", 1
    if cat in ("Mn", "Me"):
        return ch, 0
    return ch, 2 if is_wide(ch) else 1


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes in an excerpt (W/F characters count 2)."""
    return sum(_cell(ch)[1] for ch in text)


@lru_cache(maxsize=32)
def _layout(text: str) -> tuple[tuple[tuple[str, int], ...], tuple[int, ...]]:
    """The cells of a line and their start columns (cached: many findings share a line)."""
    cells = tuple(_cell(ch) for ch in text)
    pos = [0]
    for _, w in cells:
        pos.append(pos[-1] + w)
    return cells, tuple(pos)


def excerpt(
    text: str, column: int, end_column: int | None, max_width: int = EXCERPT_WIDTH
) -> tuple[str, str]:
    """Return ``(shown line, caret line)`` for a span of one line.

    ``column``/``end_column`` are 1-based code point columns, end exclusive;
    ``end_column=None`` underlines to the end of the line (multi-line span).
    A zero-length span gets one caret. Lines wider than ``max_width`` are cut
    to a window around the span, with ``…`` marking what was left out.
    """
    cells, pos = _layout(text)
    n = len(cells)
    total = pos[-1]

    def dcol(col: int) -> int:
        i = max(0, col - 1)
        return pos[i] if i <= n else total

    start = dcol(column)
    end = total if end_column is None else dcol(end_column)
    if end <= start:
        end = start + 1

    lo, hi = 0, n
    if total > max_width:
        span = end - start
        if span <= max_width:
            left = start - (max_width - span) // 2
        else:
            left = start - min(8, max_width // 4)
        left = max(0, min(left, total - max_width))
        lo = bisect_left(pos, left)  # first char starting at or after `left`
        hi = max(lo, bisect_right(pos, left + max_width) - 1)  # last char ending by the edge
    prefix = ELLIPSIS if lo > 0 else ""
    suffix = ELLIPSIS if hi < n else ""
    shown = prefix + "".join(cells[i][0] for i in range(lo, hi)) + suffix

    vis_left, vis_right = pos[lo], pos[hi]
    c_start = max(start, vis_left)
    c_end = min(end, vis_right) if hi < n else end
    if c_end <= c_start:
        c_end = c_start + 1
    carets = " " * (len(prefix) + c_start - vis_left) + "^" * (c_end - c_start)
    return shown, carets


# -- summary -----------------------------------------------------------------


def summary(results: list[FileResult], lang: str = "zh", *, excluded: int = 0, hidden: int = 0,
            min_severity: str | None = None) -> str:
    """The last line of a text run: the findings by severity, then the files found,
    checked and not checked (and excluded); ``hidden`` findings below
    ``min_severity`` were not shown; findings ``--fix`` can repair are counted."""
    lang = norm_lang(lang)
    counts = {"error": 0, "warning": 0, "info": 0}
    fixable = 0
    for r in results:
        for f in r.findings:
            counts[f.severity] = counts.get(f.severity, 0) + 1
            fixable += bool(f.fix)
    problems = sum(counts.values())
    files = sum(1 for r in results if r.findings)
    found = len(results)
    checked = sum(1 for r in results if r.checked)
    unreadable = sum(1 for r in results if r.error is not None and not r.skipped)
    e, w, i = counts["error"], counts["warning"], counts["info"]
    notes = sum(r.hidden for r in results)  # gialint's notes on its reading (--verbose)
    if lang == "zh":
        parts = []
        if not checked:
            parts.append("未检查任何文件" if found or not excluded else "没有要检查的文件")
        if problems:
            parts.append(f"发现 {problems} 个问题（错误 {e}，警告 {w}，提示 {i}），涉及 {files} 个文件")
        elif checked and not hidden:
            parts.append("未发现问题")
        parts += [f"共找到 {found} 个文件，检查 {checked} 个，未检查 {found - checked} 个"
                  + (f"（其中 {unreadable} 个无法读取）" if unreadable else "")
                  + (f"，按 exclude 排除 {excluded} 个" if excluded else "")]
        if hidden:
            label = LABELS["zh"].get(min_severity or "", min_severity)
            parts.append(f"另有 {hidden} 个低于“{label}”级别的问题未显示")
        if fixable:
            parts.append(f"其中 {fixable} 个问题（标有 {FIXABLE}）可用 --fix 自动修复")
        if notes:
            parts.append(f"另有 {notes} 条关于读取的说明未显示（加 --verbose 显示）")
        return "；".join(parts)
    parts = []
    if not checked:
        parts.append("No file was checked" if found or not excluded else "Nothing to check")
    if problems:
        parts.append(f"Found {_plural(problems, 'problem')} ({_plural(e, 'error')}, "
                     f"{_plural(w, 'warning')}, {i} info) in {_plural(files, 'file')}")
    elif checked and not hidden:
        parts.append("All checks passed")
    parts += [f"{_plural(found, 'file')} found, {checked} checked, {found - checked} not checked"
              + (f" ({unreadable} could not be read)" if unreadable else "")
              + (f", {excluded} excluded" if excluded else "")]
    if hidden:
        parts.append(f"{_plural(hidden, 'finding')} below {min_severity} not shown")
    if fixable:
        parts.append(f"{fixable} fixable with --fix (marked {FIXABLE})")
    if notes:
        parts.append(f"{_plural(notes, 'reader note')} not shown (--verbose shows them)")
    return "; ".join(parts)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def statistics(results: list[FileResult], lang: str = "zh") -> list[str]:
    """``--statistics``: one line per rule, most findings first: count, id, fixable mark,
    name, severity."""
    rows = statistics_rows(results)
    if not rows:
        return []
    labels = LABELS[norm_lang(lang)]
    width = max(len(str(r["count"])) for r in rows)
    name_width = max(len(r["name"]) for r in rows)
    return [f"{r['count']:>{width}}  {r['rule']}  {FIXABLE if r['fixable'] else '   '}  "
            f"{r['name']:<{name_width}}  [{labels.get(r['severity'], r['severity'])}]".rstrip()
            for r in rows]


def statistics_rows(results: list[FileResult]) -> list[dict]:
    """Findings counted per rule: rule, name, severity, count, fixable (some of them)."""
    by_rule: dict[str, dict] = {}
    for r in results:
        for f in r.findings:
            row = by_rule.setdefault(f.rule, {"rule": f.rule, "name": f.name, "severity": f.severity,
                                              "count": 0, "fixable": False})
            row["count"] += 1
            row["fixable"] = row["fixable"] or bool(f.fix)
    return sorted(by_rule.values(), key=lambda row: (-row["count"], row["rule"]))


# -- rendering ---------------------------------------------------------------


def _finding_lines(
    path: str, f: Finding, lines: list[str], source_known: bool, labels: dict[str, str],
    show_fixes: bool = False,
) -> list[list[Segment]]:
    loc = f.location
    style = STYLES.get(f.severity)
    label = labels.get(f.severity, f.severity)
    if f.verbose:  # a note about gialint's own reading (--verbose)
        label = f"{label}·{labels['verbose']}"
    where = f"{path}:{loc.line}:{loc.column}:" if loc.line > 0 else f"{path}:"
    out: list[list[Segment]] = [
        [
            (where, "bold"),
            (" ", None),
            (f.rule, "bold"),
            (" ", None),
            *(((FIXABLE, "bold"), (" ", None)) if f.fix else ()),
            (f"[{label}]", style),
            (f" {f.message} ", None),
            (f"({f.name})", "dim"),
        ]
    ]
    if source_known:
        text = line_at(lines, loc.line)
    else:
        text = f.line_text  # no source text: fall back to what the check saw
    if loc.line > 0 and (source_known or text):
        end_col = loc.end_column if loc.end_line == loc.line else None
        shown, carets = excerpt(text, loc.column, end_col)
        num = str(loc.line)
        width = max(4, len(num))
        out.append([(f" {num:>{width}} | ", "blue"), (shown, None)])
        out.append([(f" {'':>{width}} | ", "blue"), (carets, style)])
    if loc.logical:
        out.append([(f"   = {labels['place']}: ", "blue"), (loc.logical, None)])
    # an arithmetic finding may relate to 20 cells: show a few, count the rest
    for rel in f.related[:MAX_RELATED]:
        rl = rel.location
        rpath = rel.path if rel.path is not None else path  # a place in another file: its path
        rwhere = f"{rpath}:{rl.line}:{rl.column}" if rl.line > 0 else rpath
        if rl.logical:
            rwhere += f" ({rl.logical})"
        out.append([(f"   = {labels['related']}: ", "blue"), (f"{rwhere}: {rel.message}", None)])
    if len(f.related) > MAX_RELATED:
        more = len(f.related) - MAX_RELATED
        note = f"… 另有 {more} 处" if labels is LABELS["zh"] else f"… and {more} more"
        out.append([(f"   = {labels['related']}: ", "blue"), (note, None)])
    if show_fixes and f.fix:
        out.extend([(f"   = {labels['fix']}: ", "green"), (text, None)]
                   for text in fix_descriptions(f, labels is LABELS["zh"]))
    return out


def fix_descriptions(f: Finding, zh: bool = True) -> list[str]:
    """What ``--fix`` does about ``f``, one line per edit shown (``--show-fixes``)."""
    def shown(text: str) -> str:
        return text.replace("\r\n", "↵").replace("\n", "↵").replace("\r", "↵")

    out = []
    for old, new in f.fix_preview:
        if not new:
            out.append(f"删除“{shown(old)}”" if zh else f"delete “{shown(old)}”")
        elif not old:
            out.append(f"插入“{shown(new)}”" if zh else f"insert “{shown(new)}”")
        else:
            out.append(f"将“{shown(old)}”改为“{shown(new)}”" if zh
                       else f"replace “{shown(old)}” with “{shown(new)}”")
    more = len(f.fix) - len(f.fix_preview)
    if more > 0:
        out.append(f"… 另有 {more} 处修改" if zh else f"… and {more} more edit{'s' if more > 1 else ''}")
    return out


MAX_RELATED = 4


def render_text(results: list[FileResult], *, lang: str = "zh", color: bool = False,
                excluded: int = 0, hidden: int = 0, min_severity: str | None = None,
                quiet: bool = False, show_statistics: bool = False, show_fixes: bool = False) -> str:
    """The findings of each file in order, files that could not be read or checked
    with the reason, and the summary line.  ``quiet``: no summary line;
    ``show_statistics``: one line per rule instead of the findings; ``show_fixes``:
    what --fix would change under each finding it can repair; ``excluded``,
    ``hidden`` and ``min_severity``: for the summary (see :func:`summary`)."""
    lang = norm_lang(lang)
    labels = LABELS[lang]
    blocks: list[list[list[Segment]]] = []
    for result in results:
        if result.error is not None:
            key = "unchecked" if result.skipped else "error"
            blocks.append(
                [
                    [
                        (f"{result.path}:", "bold"),
                        (" ", None),
                        (f"{labels[key]}:", STYLES[key]),
                        (f" {result.error}", None),
                    ]
                ]
            )
            continue
        if result.unchecked and not result.findings:  # a finding (GIA005) says it otherwise
            blocks.append([[(f"{result.path}:", "bold"), (" ", None),
                            (f"{labels['unchecked']}:", STYLES["unchecked"]),
                            (f" {result.unchecked}", None)]])
            continue
        if show_statistics:
            continue
        lines = source_lines(result) if result.findings else []
        for f in sorted_findings(result):
            blocks.append(
                _finding_lines(result.path, f, lines, source_known(result), labels, show_fixes)
            )

    out: list[list[Segment]] = []
    for block in blocks:
        out.extend(block)
        out.append([])
    if show_statistics:
        out.extend([(line, None)] for line in statistics(results, lang))
    if quiet:
        if out and out[-1] == []:
            out.pop()
        if not out:
            return ""
    else:
        out.append([(summary(results, lang, excluded=excluded, hidden=hidden,
                             min_severity=min_severity), "bold")])

    out = [[(visible(text), style) for text, style in line] for line in out]
    if not color:
        return "".join("".join(text for text, _ in line) + "\n" for line in out)
    return _render_rich(out)


def _render_rich(lines: list[list[Segment]]) -> str:
    import io

    from rich.console import Console
    from rich.text import Text

    buf = io.StringIO()
    console = Console(
        file=buf,
        force_terminal=True,
        force_jupyter=False,
        force_interactive=False,
        color_system="standard",
        no_color=False,
        width=max(120, EXCERPT_WIDTH + 40),
        highlight=False,
        markup=False,
        emoji=False,
        legacy_windows=False,
    )
    text = Text()
    for i, line in enumerate(lines):
        if i:
            text.append("\n")
        for segment, style in line:
            text.append(segment, style=style or "")
    console.print(text, soft_wrap=True, crop=False)
    return buf.getvalue()
