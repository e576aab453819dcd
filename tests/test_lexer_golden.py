"""Golden tokens: how the lexer reads every real report in tests/data/real.

Each report has a text file in tests/golden_tokens/ with the output of
``gialint parse --tokens`` (line:column, token kind, text).  Any change to
the lexer that changes how a real report is cut shows in the diff of these
files, so it is always deliberate.

Update after an intended change, then review the diff:

    GIALINT_UPDATE_GOLDEN=1 python -m pytest tests/test_lexer_golden.py
"""

from __future__ import annotations

import pytest
from gialint_testing import (
    REAL,
    REAL_REPORTS,
    TESTS,
    check_golden,
    golden_name,
    run_main,
    stale_golden_files,
)

GOLDEN = TESTS / "golden_tokens"


def _tokens(capsys, path) -> str:
    result = run_main(capsys, "parse", "--tokens", path)
    assert result.code == 0, result.err
    head, _, rest = result.out.partition("\n")
    # the first line names the file: keep it independent of the checkout's place
    head = head.replace(str(path), path.relative_to(REAL).as_posix())
    return head + "\n" + rest


def test_every_real_report_has_golden_tokens():
    assert REAL_REPORTS, "no real reports found"
    assert not stale_golden_files(GOLDEN, ".tokens"), "golden token files without a report"


@pytest.mark.parametrize("path", REAL_REPORTS, ids=lambda p: p.relative_to(REAL).as_posix())
def test_golden_tokens(capsys, path):
    if path.suffix.lower() == ".pdf":
        pytest.importorskip("pdfplumber")
    check_golden(GOLDEN / golden_name(path, ".tokens"), _tokens(capsys, path),
                 f"tokens of {path.name}")
