"""Golden tokens: how the lexer reads every real report in tests/data/real.

Each report has a text file in tests/golden_tokens/ with the output of
``gialint parse --tokens`` (line:column, token kind, text).  Any change to
the lexer that changes how a real report is cut shows in the diff of these
files, so it is always deliberate.

Update after an intended change, then review the diff:

    GIALINT_UPDATE_GOLDEN=1 python -m pytest tests/test_lexer_golden.py
"""

from __future__ import annotations

import os

import pytest
from gialint_testing import REAL, TESTS, run_main

GOLDEN = TESTS / "golden_tokens"
UPDATE = os.environ.get("GIALINT_UPDATE_GOLDEN") == "1"

# every real report, in every format gialint reads (PDF and Word need extras)
REPORTS = sorted(
    p for p in REAL.rglob("*")
    if p.is_file() and p.suffix.lower() in (".txt", ".md", ".html", ".htm", ".pdf", ".docx")
)


def _golden_name(path) -> str:
    return path.relative_to(REAL).as_posix().replace("/", "__") + ".tokens"


def _tokens(capsys, path) -> str:
    result = run_main(capsys, "parse", "--tokens", path)
    assert result.code == 0, result.err
    head, _, rest = result.out.partition("\n")
    # the first line names the file: keep it independent of the checkout's place
    head = head.replace(str(path), path.relative_to(REAL).as_posix())
    return head + "\n" + rest


def test_every_real_report_has_golden_tokens():
    assert REPORTS, "no real reports found"
    names = {_golden_name(p) for p in REPORTS}
    stale = sorted(p.name for p in GOLDEN.glob("*.tokens") if p.name not in names)
    assert not stale, f"golden token files without a report: {stale}"


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.relative_to(REAL).as_posix())
def test_golden_tokens(capsys, path):
    if path.suffix.lower() == ".pdf":
        pytest.importorskip("pdfplumber")
    got = _tokens(capsys, path)
    golden = GOLDEN / _golden_name(path)
    if UPDATE or not golden.exists():
        if not UPDATE and os.environ.get("CI"):
            pytest.fail(f"missing golden file {golden.name} (run with GIALINT_UPDATE_GOLDEN=1)")
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(got, encoding="utf-8")
        return
    want = golden.read_text(encoding="utf-8")
    assert got == want, (
        f"tokens of {path.name} changed; if intended, run with GIALINT_UPDATE_GOLDEN=1 "
        f"and review the diff of tests/golden_tokens/{golden.name}"
    )
