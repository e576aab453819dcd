"""Reading reports in every layout: tests/fixtures/layouts/.

``base.txt`` is a clean 2021-format report (one paragraph a line, pipe
tables).  Each case in ``cases.toml`` edits it (``replace``: pairs of old
and new text, each old text must occur; ``resub``: pairs of a regular
expression, matched line by line, and its replacement, each must match) or
gives a text of its own (``file``), and lists the findings gialint must give
— all of them, every rule — as ``[rule, text]``: the rule id and the text the
finding points at (``verbose = true``: with the notes about gialint's own reading).
The case is linted in each layout of tests/layouts.py (``layouts`` limits
them); in the text layouts the finding must point exactly at that text, in
HTML and Word the text must be on the finding's line.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from gialint_testing import TESTS
from layouts import LAYOUTS, TEXT_LAYOUTS, render

from gialint.api import Linter

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

FOLDER = TESTS / "fixtures" / "layouts"
CASES = tomllib.loads((FOLDER / "cases.toml").read_text(encoding="utf-8"))
BASE = (FOLDER / "base.txt").read_text(encoding="utf-8")
LINTER = Linter(isolated=True)
VERBOSE = Linter(isolated=True, verbose=True)  # a case with `verbose = true`: notes on the reading too


def case_text(name: str) -> str:
    case = CASES[name]
    text = (FOLDER / case["file"]).read_text(encoding="utf-8") if "file" in case else BASE
    for old, new in case.get("replace", ()):
        assert old in text, f"{name}: {old!r} is not in the text"
        text = text.replace(old, new)
    for pattern, new in case.get("resub", ()):
        text, n = re.subn(pattern, new, text, flags=re.M)
        assert n, f"{name}: {pattern!r} matches nothing"
    return text


def _params():
    for name, case in CASES.items():
        for layout in case.get("layouts", LAYOUTS):
            assert layout in LAYOUTS, f"{name}: unknown layout {layout}"
            yield pytest.param(name, layout, id=f"{name}-{layout}")


@pytest.mark.parametrize(("name", "layout"), list(_params()))
def test_case_in_layout(name: str, layout: str):
    suffix, data = render(case_text(name), layout)
    linter = VERBOSE if CASES[name].get("verbose") else LINTER
    report = linter.lint_bytes(data, Path("report" + suffix))
    assert report.error is None
    expected = sorted((rule, text) for rule, text in CASES[name].get("findings", ()))
    shown = [f"{f.rule} {f.line}:{f.column} {f.place or ''} {f.message}" for f in report.findings]
    if layout in TEXT_LAYOUTS:
        lines = data.decode("utf-8").split("\n")
        got = sorted((f.rule, _at(lines, f)) for f in report.findings)
        assert got == expected, shown
    else:
        got = sorted(f.rule for f in report.findings)
        assert got == sorted(rule for rule, _ in expected), shown


def _at(lines: list[str], f) -> str:
    """The text a finding points at (1-based lines and columns, end exclusive)."""
    if f.line == f.end_line:
        return lines[f.line - 1][f.column - 1:f.end_column - 1]
    return "\n".join([lines[f.line - 1][f.column - 1:], *lines[f.line:f.end_line - 1],
                      lines[f.end_line - 1][:f.end_column - 1]])


def test_base_is_clean_in_every_layout():
    for layout in LAYOUTS:
        suffix, data = render(BASE, layout)
        report = LINTER.lint_bytes(data, Path("report" + suffix))
        assert report.findings == (), (layout, [f"{f.rule} {f.message}" for f in report.findings])
