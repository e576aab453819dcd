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
from gialint.formats._common import line_at, norm_lang, sorted_findings, source_known, source_lines

if TYPE_CHECKING:
    from gialint.findings import FileResult, Finding

#: at most this many display columns of a source line are shown
EXCERPT_WIDTH = 80
ELLIPSIS = "…"
TAB = "    "

LABELS = {
    "zh": {"error": "错误", "warning": "警告", "info": "提示", "related": "相关", "place": "位置",
           "verbose": "读取说明"},
    "en": {"error": "error", "warning": "warning", "info": "info", "related": "related",
           "place": "place", "verbose": "reader note"},
}
STYLES = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}

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


def summary(results: list[FileResult], lang: str = "zh") -> str:
    lang = norm_lang(lang)
    counts = {"error": 0, "warning": 0, "info": 0}
    for r in results:
        for f in r.findings:
            counts[f.severity] = counts.get(f.severity, 0) + 1
    problems = sum(counts.values())
    files = sum(1 for r in results if r.findings)
    unreadable = sum(1 for r in results if r.error is not None)
    hidden = sum(r.hidden for r in results)
    parts = []
    if lang == "zh":
        if problems:
            parts.append(
                f"发现 {problems} 个问题（错误 {counts['error']}，警告 {counts['warning']}，"
                f"提示 {counts['info']}），涉及 {files} 个文件"
            )
        elif not unreadable:
            parts.append("未发现问题")
        if unreadable:
            parts.append(f"{unreadable} 个文件无法读取")
        if hidden:
            parts.append(f"另有 {hidden} 条关于读取的说明未显示（加 --verbose 显示）")
        return "；".join(parts)
    if problems:
        e, w, i = counts["error"], counts["warning"], counts["info"]
        parts.append(
            f"Found {_plural(problems, 'problem')} ({_plural(e, 'error')}, "
            f"{_plural(w, 'warning')}, {i} info) in {_plural(files, 'file')}"
        )
    elif not unreadable:
        parts.append("All checks passed")
    if unreadable:
        parts.append(f"{_plural(unreadable, 'file')} could not be read")
    if hidden:
        parts.append(f"{_plural(hidden, 'reader note')} not shown (--verbose shows them)")
    return "; ".join(parts)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


# -- rendering ---------------------------------------------------------------


def _finding_lines(
    path: str, f: Finding, lines: list[str], source_known: bool, labels: dict[str, str]
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
        rwhere = f"{path}:{rl.line}:{rl.column}" if rl.line > 0 else path
        if rl.logical:
            rwhere += f" ({rl.logical})"
        out.append([(f"   = {labels['related']}: ", "blue"), (f"{rwhere}: {rel.message}", None)])
    if len(f.related) > MAX_RELATED:
        more = len(f.related) - MAX_RELATED
        note = f"… 另有 {more} 处" if labels is LABELS["zh"] else f"… and {more} more"
        out.append([(f"   = {labels['related']}: ", "blue"), (note, None)])
    return out


MAX_RELATED = 4


def render_text(results: list[FileResult], *, lang: str = "zh", color: bool = False) -> str:
    lang = norm_lang(lang)
    labels = LABELS[lang]
    blocks: list[list[list[Segment]]] = []
    for result in results:
        if result.error is not None:
            blocks.append(
                [
                    [
                        (f"{result.path}:", "bold"),
                        (" ", None),
                        (f"{labels['error']}:", STYLES["error"]),
                        (f" {result.error}", None),
                    ]
                ]
            )
            continue
        lines = source_lines(result) if result.findings else []
        for f in sorted_findings(result):
            blocks.append(
                _finding_lines(result.path, f, lines, source_known(result), labels)
            )

    out: list[list[Segment]] = []
    for block in blocks:
        out.extend(block)
        out.append([])
    out.append([(summary(results, lang), "bold")])

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
