"""Findings and the vocabularies they use (severity, category).

A finding always points into the *original* file: ``start``/``end`` are
code-point offsets in the decoded file (``Source.display_text``,
:data:`~gialint.offsets.FileOffset`: the text itself for text and Markdown,
the page source for HTML, the rendering for Word and PDF), and line/column
are derived from them by ``Source.location``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SEVERITIES = ("error", "warning", "info")
_LINE_END = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    """Lines as gialint counts them: only CRLF, CR and LF end a line.

    (``str.splitlines`` also breaks at form feeds and other separators,
    which would make excerpts disagree with the reported line numbers.)
    """
    lines = _LINE_END.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
LONG_LINE = 300  # longer lines are kept as a window around the finding (line_window)


def line_window(line: str, column: int) -> str:
    """What a finding keeps of its line for fingerprints and baselines: the line,
    or around the finding when the line is long (a whole web article on one
    line: keeping it per finding would hold the report many times over, and a
    window also keeps the key stable when text elsewhere on the line changes)."""
    if len(line) <= LONG_LINE:
        return line
    start = max(0, column - 1 - LONG_LINE // 3)
    return line[start:start + LONG_LINE]


CATEGORIES = (
    "structure",
    "table",
    "arithmetic",
    "date",
    "placeholder",
    "contamination",
    "consistency",
    "input",
)


@dataclass(frozen=True, slots=True)
class Location:
    """A span of the original file (:data:`~gialint.offsets.FileOffset`), 1-based
    line/column, end exclusive."""

    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    # where a person finds it in a non-text file: "第 3 页 第 12 行", "表 2 第 4 行 第 3 格"
    logical: str | None = None


@dataclass(frozen=True, slots=True)
class Place:
    """A place in a report's file and the text of its first line (for excerpts and
    SARIF columns once the file's text is dropped: the comparisons between reports)."""

    location: Location
    line_text: str


@dataclass(frozen=True, slots=True)
class Related:
    location: Location
    message: str
    # a place in another file (the earlier report of a cross-year finding): its path
    # as displayed, and the text of its line (that file's text is not kept)
    path: str | None = None
    line_text: str = ""


@dataclass(slots=True)
class Finding:
    rule: str  # rule id, e.g. GIA101
    name: str  # rule name, e.g. missing-section
    category: str
    severity: str
    message: str
    location: Location
    related: tuple[Related, ...] = ()
    # the text of the first line of the finding (a window of it when long, see
    # line_window), used for fingerprints and baselines
    line_text: str = ""
    args: dict = field(default_factory=dict)
    # a certain fix: ((start, end, replacement), …) in original-text offsets
    fix: tuple[tuple[int, int, str], ...] = ()
    # a note about gialint's own reading (a rule's or variant's ``verbose = true``):
    # reported with --verbose only
    verbose: bool = False
    # what the first edits of the fix change, for --show-fixes: ((old text, new text), …)
    fix_preview: tuple[tuple[str, str], ...] = ()

    @property
    def fixable(self) -> bool:
        """Can ``--fix`` repair it?"""
        return bool(self.fix)

    @property
    def line(self) -> int:
        return self.location.line

    @property
    def column(self) -> int:
        return self.location.column

    def sort_key(self):
        return (self.location.start, self.location.end, self.rule)


@dataclass(slots=True)
class FileResult:
    """Everything the formatters need about one linted file."""

    path: str  # path as given / displayed (relative when possible)
    encoding: str | None = None
    edition: str | None = None
    report_year: int | None = None
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None  # input error: file could not be read
    source_text: str | None = None  # original text, for excerpts
    # findings silenced by an inline comment ("inSource") or the baseline ("external"),
    # kept for SARIF ``suppressions``: (finding, kind, justification)
    suppressed: list[tuple[Finding, str, str]] = field(default_factory=list)
    baselined: bool = False  # a baseline was applied: SARIF marks results new/unchanged
    internal_errors: int = 0  # GIA001 findings: a rule or stage crashed on this file (exit 2)
    # after keep_needed_lines(): only the lines findings point at, by number
    lines: dict[int, str] | None = None
    # the input error's code and arguments (gialint.inputmessages renders ``error`` from them)
    error_code: str | None = None
    error_args: dict = field(default_factory=dict)
    # notes about gialint's own reading left out of ``findings`` (shown with --verbose)
    hidden: int = 0
    # found in a directory in a format gialint does not read (.doc, .wps …): ``error``
    # says why; listed as not checked, but not an input error (the exit code)
    skipped: bool = False
    # --fix: the findings it fixed in this file, by rule ("GIA601 web-debris" → count)
    fixed_rules: dict = field(default_factory=dict)
    # read, but nothing in it could be checked (a PDF without a text layer): the
    # message code (gialint.inputmessages) and its rendering in the run's language
    unchecked_code: str | None = None
    unchecked: str | None = None
    # the organ that published the report (from its title or signature) and the
    # report's title as read, for the overview of the html/xlsx formats and JSON
    organ: str | None = None
    title: str | None = None
    # the statistics tables as read, for the html format's grids: {"editions": {t2: edition …},
    # "found": [t2, t3, t4 or lg], "cells": {template key: (text, status, start, end)}, and for the
    # legacy table "rows": {lg.<row>: its label as printed}, in the report's order} (None: no tables)
    tables: dict | None = None
    # what the cross-year stage (gialint.history) needs of the report: organ, year,
    # cells with their places; None when the report was not analysed
    facts: object | None = None

    @property
    def checked(self) -> bool:
        """Was the report's content checked (not unreadable, skipped or a scan)?"""
        return self.error is None and self.unchecked_code is None

    def line_text(self, line: int) -> str:
        if self.source_text is None:
            return (self.lines or {}).get(line, "")
        lines = split_lines(self.source_text)
        return lines[line - 1] if 0 < line <= len(lines) else ""

    def keep_needed_lines(self, keep_all: bool = False) -> None:
        """Drop the whole text, keeping the lines that findings (and their related
        and suppressed locations) cover: a run over thousands of reports then holds
        a few lines per file until the output is written, not every file.
        ``keep_all``: keep the whole text (the html format shows it)."""
        if self.source_text is None or keep_all:
            return
        self.tables = None  # only the html format draws them (it keeps everything)
        if not self.findings and not self.suppressed:
            self.lines, self.source_text = {}, None
            return
        every = split_lines(self.source_text)
        wanted: dict[int, str] = {}
        locations = [loc for f in (*self.findings, *(s[0] for s in self.suppressed))
                     for loc in (f.location, *(r.location for r in f.related if r.path is None))]
        for loc in locations:
            for n in range(max(1, loc.line), min(loc.end_line, len(every)) + 1):
                wanted[n] = every[n - 1]
        self.lines = wanted
        self.source_text = None
