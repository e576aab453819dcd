"""The stored regex programs (gialint.recache) build patterns that behave
exactly like re's own, and never change a result.  Each check runs in a
subprocess: installing the store patches ``re`` for the whole process."""

from __future__ import annotations

import json
import subprocess
import sys

from gialint_testing import REAL, REPO, RULE_FIXTURES, run

_COMPARE = r"""
import sys, json
from gialint import recache
recache.install()
assert recache._ORIGINAL is not None, "not installed"
import gialint.cli  # compiles every module-level pattern
from gialint.config import Config
from gialint.ruleset import Options, RuleSet
RuleSet(Config(), Options())  # and every rule pattern
text = open(sys.argv[1], encoding="utf-8").read()
checked = 0
for key, entry in list(recache._STORE.items()):
    if key[0] == "memo":  # first-character classes, not programs
        continue
    pattern, flags = key
    mine, theirs = recache._build(pattern, entry), recache._ORIGINAL(pattern, flags)
    assert (mine.flags, mine.groups, mine.groupindex) == (theirs.flags, theirs.groups, theirs.groupindex), pattern
    a = [m.span() for m in mine.finditer(text)]
    b = [m.span() for m in theirs.finditer(text)]
    assert a == b, pattern
    checked += 1
recache.save()
print(json.dumps({"checked": checked}))
"""


def _python(code: str, *args, env: dict[str, str]):
    import os

    return subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True,
                          text=True, cwd=REPO, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(REPO), **env})


def test_stored_programs_match_re(tmp_path):
    env = {"GIALINT_CACHE_DIR": str(tmp_path)}
    sample = REAL / "2025_shuyang-county-gov.txt"
    first = _python(_COMPARE, sample, env=env)
    assert first.returncode == 0, first.stderr
    assert any(p.name.startswith("regex-") for p in tmp_path.iterdir())
    # the second process builds every pattern from the store
    second = _python(_COMPARE, sample, env=env)
    assert second.returncode == 0, second.stderr
    assert json.loads(second.stdout)["checked"] > 150


def test_results_same_with_and_without_the_store(tmp_path):
    report = RULE_FIXTURES / "GIA302"
    files = sorted(report.glob("fail_*.txt"))[:2] + [REAL / "002_293c52a418def646.txt"]
    args = ["--format", "json", "--isolated", *map(str, files)]
    env = {"GIALINT_CACHE_DIR": str(tmp_path)}
    cold = run(*args, env=env)
    warm = run(*args, env=env)
    off = run(*args, env={"GIALINT_NO_CACHE": "1"})
    assert cold.code == warm.code == off.code == 1
    assert cold.out == warm.out == off.out


def test_damaged_store_is_ignored(tmp_path):
    env = {"GIALINT_CACHE_DIR": str(tmp_path)}
    report = REPO / "examples" / "report-2024.txt"
    assert run(report, env=env).code == 0
    for p in tmp_path.iterdir():
        if p.name.startswith("regex-"):
            p.write_bytes(b"\x00not marshal")
    again = run(report, env=env)
    assert again.code == 0 and not again.err
