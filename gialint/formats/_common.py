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


# characters a terminal acts on, or that cannot be written as UTF-8: C0 controls
# but the tab, DEL, C1 controls (U+0085, and U+009B, CSI), lone surrogates (a
# non-UTF-8 file name, a damaged document), line and paragraph separators, and
# the bidirectional overrides and isolates that reorder what a reviewer sees
_HIDDEN = "[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"


def _shown(ch: str) -> str:
    o = ord(ch)
    if o < 0x20:
        return chr(0x2400 + o)  # ␛ for ESC, ␊ for a newline, ␀ …
    if o == 0x7F:
        return "\u2421"
    if 0xDC80 <= o <= 0xDCFF:  # a byte of a non-UTF-8 file name (surrogateescape)
        return f"\\x{o - 0xDC00:02x}"
    return f"\\x{o:02x}" if o <= 0xFF else f"\\u{o:04x}"


def visible(text: str) -> str:
    r"""``text`` with control characters, terminal escapes and unencodable code
    points made visible (ESC → ``␛``, a newline → ``␊``, U+009B → ``\x9b``, a
    lone surrogate → ``\udcff``, a file name's undecodable byte → ``\xff``):
    what a report or a file name contains cannot move the cursor, retitle or
    clear a terminal, start a line of its own, or fail to print."""
    import re

    return re.sub(_HIDDEN, lambda m: _shown(m.group()), text) if re.search(_HIDDEN, text) else text


def visible_lines(text: str) -> str:
    """:func:`visible` on each line of a rendered output (its newlines kept)."""
    return "\n".join(visible(line) for line in text.split("\n"))


_JSON_UNSAFE = "[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"


def json_safe(text: str) -> str:
    """A JSON document (``json.dumps(..., ensure_ascii=False)``) with the code
    points that cannot be written as UTF-8 (lone surrogates) or that a terminal
    or a JavaScript reader acts on written as ``\\uXXXX`` escapes: the same
    JSON value, always encodable.  Such characters can only be inside strings."""
    import re

    return re.sub(_JSON_UNSAFE, lambda m: f"\\u{ord(m.group()):04x}", text)
