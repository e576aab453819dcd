"""The wheel works on its own: grammar and rules inside, console script runs.

Builds the wheel with ``python -m build``, installs it into a fresh virtual
environment (no system site-packages; dependencies come from the package
index) and runs the installed ``gialint`` outside the checkout, so nothing
can be picked up from the repository by accident.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "report-2024.txt"
DRAFT = REPO / "examples" / "report-2024-draft.txt"


def _clean_env() -> dict[str, str]:
    """The environment without anything that points back into the checkout."""
    env = dict(os.environ)
    for key in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP"):
        env.pop(key, None)
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    env["NO_COLOR"] = "1"
    return env


def _run(cmd, cwd: Path, timeout: int = 900) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in cmd], cwd=cwd, env=_clean_env(), capture_output=True,
                          text=True, encoding="utf-8", timeout=timeout)


def _check(proc: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert proc.returncode == 0, (
        f"{' '.join(proc.args)} exited {proc.returncode}\n"
        f"--- stdout\n{proc.stdout[-4000:]}\n--- stderr\n{proc.stderr[-4000:]}"
    )
    return proc


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    _check(_run([sys.executable, "-m", "build", "--wheel", "--outdir", out, REPO], cwd=out))
    wheels = sorted(out.glob("gialint_cn-*.whl"))
    assert len(wheels) == 1, f"expected one wheel, got {wheels}"
    return wheels[0]


@pytest.fixture(scope="module")
def venv(tmp_path_factory, wheel) -> Path:
    root = tmp_path_factory.mktemp("venv") / "env"
    _check(_run([sys.executable, "-m", "venv", root], cwd=root.parent))
    bindir = root / ("Scripts" if os.name == "nt" else "bin")
    _check(_run([bindir / "python", "-m", "pip", "install", "--quiet", wheel], cwd=root.parent))
    return bindir


@pytest.fixture
def workdir(tmp_path) -> Path:
    """A directory outside the checkout holding copies of the examples.

    An empty ``gialint.toml`` stops the configuration search here, so a
    config file in a directory above the temporary one cannot change the result.
    """
    shutil.copy(EXAMPLE, tmp_path / EXAMPLE.name)
    shutil.copy(DRAFT, tmp_path / DRAFT.name)
    (tmp_path / "gialint.toml").write_text("# defaults\n", encoding="utf-8")
    return tmp_path


def _exe(bindir: Path, name: str) -> Path:
    return bindir / (name + ".exe" if os.name == "nt" else name)


def test_wheel_contains_grammar_and_rules(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "gialint/grammars/report.lark" in names
    assert "gialint/rules/structure.toml" in names
    assert "gialint/cli/__init__.py" in names


def test_installed_package_is_not_the_checkout(venv, workdir):
    proc = _check(_run([venv / "python", "-c", "import gialint, sys; print(gialint.__file__)"],
                       cwd=workdir))
    location = Path(proc.stdout.strip()).resolve()
    assert REPO not in location.parents, f"gialint imported from the checkout: {location}"


def test_clean_example_passes(venv, workdir):
    proc = _run([_exe(venv, "gialint"), EXAMPLE.name], cwd=workdir)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_draft_example_fails_with_missing_section(venv, workdir):
    proc = _run([_exe(venv, "gialint"), DRAFT.name], cwd=workdir)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "GIA101" in proc.stdout


def test_rules_are_loaded_from_the_wheel(venv, workdir):
    proc = _check(_run([_exe(venv, "gialint"), "rules"], cwd=workdir))
    assert "GIA101" in proc.stdout
    assert "GIA501" in proc.stdout


def test_module_version(venv, workdir):
    proc = _check(_run([venv / "python", "-m", "gialint", "--version"], cwd=workdir))
    assert proc.stdout.startswith("gialint ")
