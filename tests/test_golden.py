"""Golden findings: what gialint says about every real report in tests/data/real.

Each report has a JSON file in tests/golden/ with its edition, report year
and every finding (rule, severity, place, message, related places).  Any
change to what gialint says about a real report fails here and shows in the
diff of the golden file, so it is always deliberate.

Update after an intended change, then review the diff:

    GIALINT_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py
"""

from __future__ import annotations

import json

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

GOLDEN = TESTS / "golden"


def _summary(capsys, path) -> dict:
    result = run_main(capsys, "--isolated", "--format", "json", "--jobs", "1", path)
    assert result.code in (0, 1), result.err
    (entry,) = result.json()["files"]
    assert entry["error"] is None, entry["error"]
    return {
        "file": path.relative_to(REAL).as_posix(),
        "edition": entry["edition"],
        "report_year": entry["report_year"],
        "findings": [
            {k: f[k] for k in ("rule", "severity", "line", "column", "end_line", "end_column",
                               "message", "related") if k in f}
            for f in entry["findings"]
        ],
    }


def test_every_real_report_has_a_golden_file():
    assert REAL_REPORTS, "no real reports found"
    assert not stale_golden_files(GOLDEN, ".json"), "golden files without a report"


@pytest.mark.parametrize("path", REAL_REPORTS, ids=lambda p: p.relative_to(REAL).as_posix())
def test_golden_findings(capsys, path):
    if path.suffix.lower() == ".pdf":
        pytest.importorskip("pdfplumber")
    text = json.dumps(_summary(capsys, path), ensure_ascii=False, indent=1) + "\n"
    check_golden(GOLDEN / golden_name(path, ".json"), text, f"findings on {path.name}",
                 parse=json.loads)
