"""Small helpers shared by the formatters (no third-party imports)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gialint.findings import split_lines
from gialint.lines import line_key

if TYPE_CHECKING:
    from gialint.findings import FileResult, Finding


def norm_lang(lang: str | None) -> str:
    """``"en"``/``"en-US"``/... -> ``"en"``; everything else -> ``"zh"``."""
    return "en" if (lang or "").lower().startswith("en") else "zh"


def sorted_findings(result: FileResult) -> list[Finding]:
    """The findings of one file in document order (stable across runs)."""
    return sorted(result.findings, key=lambda f: f.sort_key())


def source_lines(result: FileResult) -> list[str] | dict[int, str]:
    """The lines of the file, split the same way as ``FileResult.line_text``
    (only those findings need, by number, after ``keep_needed_lines``)."""
    if result.source_text is not None:
        return split_lines(result.source_text)
    return result.lines or []


def source_known(result: FileResult) -> bool:
    return result.source_text is not None or result.lines is not None


def line_at(lines: list[str] | dict[int, str], line: int) -> str:
    if isinstance(lines, dict):
        return lines.get(line, "")
    return lines[line - 1] if 0 < line <= len(lines) else ""


def fingerprinted(result: FileResult):
    """(finding, line text, fingerprint) for each finding, in order.

    The fingerprint hashes the rule, the whitespace-collapsed text of the
    finding's first line and how many identical (rule, line) pairs came
    before it, so it survives edits elsewhere in the file (SARIF, GitLab).
    """
    lines = source_lines(result) if result.findings else []
    seen: dict[tuple[str, str], int] = {}
    for f in sorted_findings(result):
        line_text = f.line_text or line_at(lines, f.location.line)
        collapsed = line_key(line_text)
        occurrence = seen.get((f.rule, collapsed), 0)
        seen[(f.rule, collapsed)] = occurrence + 1
        yield f, line_text, fingerprint(f.rule, line_text, occurrence)


def fingerprint(rule_id: str, line_text: str, occurrence: int) -> str:
    import hashlib

    collapsed = line_key(line_text)
    data = f"{rule_id}\x00{collapsed}\x00{occurrence}".encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()[:32]


def ci_message(f: Finding, lang: str = "zh") -> str:
    """A finding's message for the CI formats (github, gitlab, junit): with the
    place a person looks for in a Word or PDF file (page, table, row, cell) —
    their line numbers count lines of gialint's rendering, not of the file — and
    a tag on a note about gialint's own reading (not for the organ to fix)."""
    text = f.message
    if f.location.logical:
        text += f"（{f.location.logical}）" if norm_lang(lang) == "zh" else f" ({f.location.logical})"
    if f.verbose:
        text += " [读取说明]" if norm_lang(lang) == "zh" else " [reader note]"
    return text
