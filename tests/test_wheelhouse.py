"""The offline install: a wheelhouse built by tools/wheelhouse.py installs with ``--no-index``.

Builds the wheelhouse for this machine (gialint's wheel from the checkout,
its dependencies downloaded from the package index: needs the network), then
installs from it into a fresh virtual environment with ``--no-index`` and no
pip configuration, as on a machine without internet, and lints a text and a
Word report with the installed command outside the checkout.  The install
script for Linux and macOS (``install.sh``) is run the same way.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docx_builder import text_to_docx
from gialint_testing import REPO, RULE_FIXTURES

pytestmark = pytest.mark.slow

BAD = RULE_FIXTURES / "GIA101" / "fail_six_is_work_plan.txt"


def _offline_env(home: Path | None = None) -> dict[str, str]:
    """No package index, no find-links, no pip configuration file: only the wheelhouse."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("PIP_") and k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env.update({"PIP_CONFIG_FILE": os.devnull, "PIP_NO_INDEX": "1",
                "PIP_DISABLE_PIP_VERSION_CHECK": "1", "NO_COLOR": "1"})
    if home is not None:
        env["HOME"] = str(home)
    return env


def _run(cmd, cwd: Path, env: dict[str, str] | None = None, timeout: int = 900):
    return subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True,
                          encoding="utf-8", timeout=timeout)


def _ok(proc):
    assert proc.returncode == 0, (f"{' '.join(proc.args)} exited {proc.returncode}\n"
                                  f"--- stdout\n{proc.stdout[-4000:]}\n--- stderr\n{proc.stderr[-4000:]}")
    return proc


@pytest.fixture(scope="module")
def wheelhouse(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheelhouse") / "gialint-wheelhouse"
    _ok(_run([sys.executable, REPO / "tools" / "wheelhouse.py", out], cwd=out.parent))
    return out


@pytest.fixture
def reports(tmp_path) -> Path:
    """A text and a Word report with a missing section, outside the checkout."""
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(BAD, folder / "bad.txt")
    text_to_docx(BAD.read_text(encoding="utf-8"), folder / "bad.docx")
    (folder / "gialint.toml").write_text("# defaults\n", encoding="utf-8")
    return folder


def test_the_wheelhouse_holds_wheels_and_install_scripts(wheelhouse):
    names = {p.name for p in wheelhouse.iterdir()}
    assert any(n.startswith("gialint_cn-") and n.endswith("-py3-none-any.whl") for n in names), names
    for dist in ("lark", "rich", "regex", "platformdirs", "python_docx", "lxml", "pdfplumber"):
        assert any(n.lower().startswith(dist + "-") for n in names), (dist, names)
    assert not [n for n in names if n.endswith((".tar.gz", ".zip"))], "wheels only"
    assert {"install-windows.bat", "install.sh", "安装说明.txt"} <= names
    bat = (wheelhouse / "install-windows.bat").read_bytes()
    assert b"--no-index --find-links" in bat and b"\r\n" in bat
    assert "gialint-cn[docx,pdf]" in bat.decode("ascii")


def test_install_from_the_wheelhouse_without_an_index(wheelhouse, reports, tmp_path):
    env = _offline_env()
    venv = tmp_path / "venv"
    _ok(_run([sys.executable, "-m", "venv", venv], cwd=tmp_path, env=env))
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    _ok(_run([bindir / "python", "-m", "pip", "install", "--no-index", "--find-links", wheelhouse,
              "gialint-cn[docx,pdf]"], cwd=tmp_path, env=env))
    where = _ok(_run([bindir / "python", "-c", "import gialint; print(gialint.__file__)"],
                     cwd=reports, env=env)).stdout.strip()
    assert REPO not in Path(where).resolve().parents
    found = _run([bindir / "gialint", "bad.txt", "bad.docx"], cwd=reports, env=env)
    assert found.returncode == 1, found.stdout + found.stderr
    assert "bad.txt:" in found.stdout and "bad.docx:" in found.stdout
    assert found.stdout.count("GIA101") == 2


@pytest.mark.skipif(os.name == "nt" or shutil.which("sh") is None, reason="install.sh is for sh")
def test_install_sh(wheelhouse, reports, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = _offline_env(home)
    env["PYTHON"] = sys.executable
    _ok(_run(["sh", wheelhouse / "install.sh", home / "gialint-cn"], cwd=tmp_path, env=env))
    command = home / ".local" / "bin" / "gialint"
    assert command.is_symlink()
    found = _run([command, "--lang", "en", "bad.docx"], cwd=reports, env=env)
    assert found.returncode == 1 and "GIA101" in found.stdout, found.stdout + found.stderr
