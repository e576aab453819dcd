"""Output formatters: pure functions from lint results to a string.

Each formatter lives in its own module and is imported only when asked for,
so ``import gialint.formats`` stays cheap (no rich, no json encoder).
Every formatter returns text ending with exactly one newline.  Whatever a
report or a file name contains, the output is encodable as UTF-8, well-formed
(JSON, XML) and cannot drive a terminal: control characters, terminal escapes
and lone surrogates are escaped (JSON) or made visible (text, GitHub, JUnit;
see gialint.formats._common.visible).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gialint.findings import FileResult
    from gialint.rule import Rule

FORMATS = ("text", "json", "sarif", "github", "gitlab", "junit", "html", "csv")
# formats whose output is bytes (render_bytes), not text
BINARY_FORMATS = ("xlsx",)


def render(
    fmt: str,
    results: list[FileResult],
    rules: list[Rule],
    *,
    lang: str = "zh",
    color: bool = False,
    version: str,
    base_dir: str | None = None,
    text_options: dict | None = None,
) -> str:
    """Render ``results`` (in the order files were linted) as ``fmt``.

    ``rules`` are the enabled rules (listed in SARIF ``tool.driver.rules``);
    ``color`` only affects the text format; ``base_dir`` (default: the
    current directory) is what SARIF artifact URIs are made relative to;
    ``text_options``: the text format's keyword arguments (gialint.formats.text.render_text:
    excluded, hidden, min_severity, quiet, show_statistics, show_fixes).
    """
    from gialint.formats._common import json_safe, visible_lines

    if fmt == "text":
        from gialint.formats.text import render_text

        return render_text(results, lang=lang, color=color, **(text_options or {}))
    if fmt == "json":
        from gialint.formats.json import render_json

        return json_safe(render_json(results, version=version))
    if fmt == "sarif":
        from gialint.formats.sarif import render_sarif

        return json_safe(render_sarif(results, rules, lang=lang, version=version, base_dir=base_dir))
    if fmt == "github":
        from gialint.formats.github import render_github

        return visible_lines(render_github(results, lang=lang))
    if fmt == "gitlab":
        from gialint.formats.gitlab import render_gitlab

        return json_safe(render_gitlab(results, lang=lang))
    if fmt == "junit":
        from gialint.formats.junit import render_junit

        # XML 1.0 has no way to write a C0 control or a lone surrogate, even as a reference
        return visible_lines(render_junit(results, version=version, lang=lang))
    if fmt == "html":
        from gialint.formats.html import render_html

        return render_html(results, rules, version=version)
    if fmt == "csv":
        from gialint.formats.csv import render_csv

        return render_csv(results, rules)
    raise ValueError(f"unknown output format {fmt!r} (expected one of: {', '.join(FORMATS)})")


def render_bytes(fmt: str, results: list[FileResult], rules: list[Rule], *, version: str) -> bytes:
    """Render a binary format (``xlsx``: a workbook for the reviewer to send back)."""
    if fmt == "xlsx":
        from gialint.formats.xlsx import render_xlsx

        return render_xlsx(results, rules, version=version)
    raise ValueError(f"{fmt!r} is not a binary output format")
