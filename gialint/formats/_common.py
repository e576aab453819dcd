"""Small helpers shared by the formatters (no third-party imports)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gialint.findings import split_lines

if TYPE_CHECKING:
    from gialint.findings import FileResult, Finding


def norm_lang(lang: str | None) -> str:
    """``"en"``/``"en-US"``/... -> ``"en"``; everything else -> ``"zh"``."""
    return "en" if (lang or "").lower().startswith("en") else "zh"


def sorted_findings(result: FileResult) -> list[Finding]:
    """The findings of one file in document order (stable across runs)."""
    return sorted(result.findings, key=lambda f: f.sort_key())


def source_lines(result: FileResult) -> list[str]:
    """The lines of the file, split the same way as ``FileResult.line_text``."""
    return split_lines(result.source_text) if result.source_text is not None else []


def line_at(lines: list[str], line: int) -> str:
    return lines[line - 1] if 0 < line <= len(lines) else ""
