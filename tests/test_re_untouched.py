"""Calling gialint from Python leaves the standard library's ``re`` exactly as
it was: no function of ``re`` or its internals is replaced, nothing is added
or removed, and ``re``'s own pattern cache still works."""

from __future__ import annotations

import subprocess
import sys
import warnings

from gialint_testing import REAL, REPO, run_main

# what `re` is made of, on every supported Python (3.10: sre_*, 3.11+: re._*)
_MODULES = ("re", "re._compiler", "re._parser", "re._constants", "re._casefix", "_sre",
            "sre_compile", "sre_parse", "sre_constants")


def _modules():
    import importlib

    out = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # sre_* are deprecated aliases
        for name in _MODULES:
            try:
                out[name] = importlib.import_module(name)
            except ImportError:
                pass
    return out


def snapshot() -> dict[str, dict[str, int]]:
    """The identity of every attribute of every module of ``re``."""
    return {name: {k: id(v) for k, v in vars(mod).items()} for name, mod in _modules().items()}


def changes(before, after) -> list[str]:
    out = []
    for name, attrs in before.items():
        now = after.get(name, {})
        for key in sorted(set(attrs) | set(now)):
            if attrs.get(key) != now.get(key):
                out.append(f"{name}.{key}")
    return out


def _re_cache_works() -> bool:
    import re

    pattern = "gialint-cache-probe-(?:x|y)+"
    return re.compile(pattern) is re.compile(pattern) and re.compile(pattern).search("xy") is None


def test_main_leaves_re_untouched(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("GIALINT_CACHE_DIR", str(tmp_path))
    before = snapshot()
    for _ in range(2):  # a cold and a warm on-disk cache
        res = run_main(capsys, "--format", "json", "--isolated", REAL / "002_293c52a418def646.txt")
        assert res.code == 1
    assert changes(before, snapshot()) == []
    assert _re_cache_works()


def test_the_library_api_leaves_re_untouched(tmp_path, monkeypatch):
    from gialint import api

    monkeypatch.setenv("GIALINT_CACHE_DIR", str(tmp_path))
    before = snapshot()
    report = REAL / "002_293c52a418def646.txt"
    assert api.lint_paths([report], isolated=True)[0].findings
    assert api.lint_text(report.read_text(encoding="utf-8"), "r.txt", isolated=True).findings
    assert api.lint_bytes(report.read_bytes(), "r.txt", isolated=True).findings
    assert changes(before, snapshot()) == []
    assert _re_cache_works()


_FRESH = r"""
import sys
sys.path[:0] = sys.argv[1:3]
from test_re_untouched import snapshot, changes, _re_cache_works
before = snapshot()
import gialint.cli
code = gialint.cli.main(["--format", "json", "-o", sys.argv[4], "--isolated", sys.argv[3]])
assert code == 1, code
import gialint.api
assert gialint.api.lint_paths([sys.argv[3]], isolated=True)[0].findings
import gialint.checks, gialint.parse, gialint.regexfast, gialint.saferegex  # everything loaded
print(changes(before, snapshot()), _re_cache_works())
"""


def test_import_and_main_leave_re_untouched_in_a_fresh_interpreter(tmp_path):
    """Here the snapshot is taken before gialint is imported at all."""
    import os

    proc = subprocess.run(
        [sys.executable, "-c", _FRESH, str(REPO / "tests"), str(REPO),
         str(REAL / "002_293c52a418def646.txt"), str(tmp_path / "out.json")],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "GIALINT_CACHE_DIR": str(tmp_path / "cache")})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[] True"


def test_no_private_regex_engine_calls():
    """gialint reads patterns with ``re``'s parser (regexfast, saferegex) but never
    builds them below ``re.compile``."""
    offenders = []
    for path in sorted((REPO / "gialint").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for needle in ("_sre", "sre_compile", "_compiler", "re._cache"):
            if needle in text:
                offenders.append(f"{path.relative_to(REPO)}: {needle}")
    assert offenders == []
