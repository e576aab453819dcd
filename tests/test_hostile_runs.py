"""Long runs of one character class cost time in proportion to their length
(issue 18): a built-in pattern that starts anywhere inside a run and scans to
its end is quadratic — 100,000 digits took minutes (GIA602's ``x.MsoNormal``
pattern, GIA3xx's ``(?P<n>\\d[\\d,]*)\\s*件`` statements).  60,000 characters
still show such a pattern (over a minute before the fix); the guard is
generous for a shared machine."""

from __future__ import annotations

import time

import pytest
from gialint_testing import RULE_FIXTURES, run_main

CLEAN = (RULE_FIXTURES / "GIA101" / "pass_clean_2021.txt").read_text(encoding="utf-8")
N = 60_000
RUNS = {
    "ascii-digits": "1" * N,
    "fullwidth-digits": "１" * N,
    "digits-commas": "1," * (N // 2),
    "digits-dots": "1." * (N // 2),
    "letters-digits": "a1" * (N // 2),
    "spaces-in-prose": "年" + " " * N + "年",
    "tabs": "\t" * N + "x",
    "suppression-then-spaces": "<!-- gialint: disable" + " " * N,
    "suppression-comment-spaces": "<!-- gialint-disable GIA101" + " " * N + "-->",
    "dashes": "-" * N,
    "chinese-numerals": "一二三" * (N // 3),
    "percent": "1%" * (N // 2),
    "year-runs": "2023年" * (N // 5),
    # a clause of many figures: each figure's clause was scanned anew (GIA325)
    "table-row-of-zeros-in-prose": "| 0 " * (N // 4),
    # dots for a date's numbers (GIA508) tried from inside a run of dots
    "ellipsis": "…" * N,
    "dots": "." * N,
    "middle-dots": "·" * N,
}
GUARD = 30.0  # seconds; about 1–2 s when linear


@pytest.mark.parametrize("name", sorted(RUNS))
def test_long_run_is_linear(capsys, tmp_path, name):
    p = tmp_path / "r.txt"
    p.write_text(CLEAN + "\n" + RUNS[name] + "\n", encoding="utf-8")
    t = time.perf_counter()
    res = run_main(capsys, "--jobs", "1", p)
    took = time.perf_counter() - t
    assert res.code in (0, 1), res.err
    assert took < GUARD, f"{name}: {took:.1f}s"


@pytest.mark.slow
def test_every_rule_on_runs_of_every_character_class():
    """bench/pattern_audit.py: every built-in rule and the reading on runs of
    8,000 of each of ~120 characters and units, with limits (0.2 s a rule, 0.5 s
    the reading) a quadratic pattern exceeds several times over (8 s and 16 s
    before the fixes for `…` and a row of `| 0 ` in prose); 5× the limits on a
    shared machine."""
    import sys

    from gialint_testing import REPO

    sys.path.insert(0, str(REPO / "bench"))
    import pattern_audit

    assert pattern_audit.audit(8000, rule_limit=1.0, read_limit=2.5) == []
