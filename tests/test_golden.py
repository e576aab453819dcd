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
import os

import pytest
from gialint_testing import REAL, TESTS, run_main

GOLDEN = TESTS / "golden"
UPDATE = os.environ.get("GIALINT_UPDATE_GOLDEN") == "1"

# every real report, in every format gialint reads (PDF and Word need extras)
REPORTS = sorted(
    p for p in REAL.rglob("*")
    if p.is_file() and p.suffix.lower() in (".txt", ".md", ".html", ".htm", ".pdf", ".docx")
)


def _golden_name(path) -> str:
    return path.relative_to(REAL).as_posix().replace("/", "__") + ".json"


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
    assert REPORTS, "no real reports found"
    names = {_golden_name(p) for p in REPORTS}
    stale = sorted(p.name for p in GOLDEN.glob("*.json") if p.name not in names)
    assert not stale, f"golden files without a report: {stale}"


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.relative_to(REAL).as_posix())
def test_golden_findings(capsys, path):
    if path.suffix.lower() == ".pdf":
        pytest.importorskip("pdfplumber")
    got = _summary(capsys, path)
    golden = GOLDEN / _golden_name(path)
    text = json.dumps(got, ensure_ascii=False, indent=1) + "\n"
    if UPDATE or not golden.exists():
        if not UPDATE and os.environ.get("CI"):
            pytest.fail(f"missing golden file {golden.name} (run with GIALINT_UPDATE_GOLDEN=1)")
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
        return
    want = json.loads(golden.read_text(encoding="utf-8"))
    assert got == want, (
        f"findings on {path.name} changed; if intended, run with GIALINT_UPDATE_GOLDEN=1 "
        f"and review the diff of tests/golden/{golden.name}"
    )
