"""Smoke test of bench/compare.py: a checkout compared with itself, one round."""

from __future__ import annotations

import subprocess
import sys

import pytest
from gialint_testing import REPO

if not (REPO / "bench" / "compare.py").exists():  # an sdist without bench/
    pytest.skip("bench/ is not here", allow_module_level=True)


def test_compare_a_checkout_with_itself(tmp_path):
    sys.path.insert(0, str(REPO / "bench"))
    import generate

    generate.generate(tmp_path / "corpus", 3, 1)
    out = subprocess.run(
        [sys.executable, str(REPO / "bench" / "compare.py"), str(REPO), "--rounds", "1",
         "--corpus-rounds", "1", "--corpus", str(tmp_path / "corpus")],
        capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    rows = [line for line in out.stdout.splitlines() if line.startswith("| cold") or
            line.startswith("| corpus")]
    assert len(rows) == 4 and all(" ms | " in r for r in rows)
