#!/usr/bin/env python3
"""Build a wheelhouse: gialint and every package it needs, for a machine without internet.

Run it on a machine with internet, from a checkout of the release tag::

    python tools/wheelhouse.py gialint-wheelhouse                       # for this machine
    python tools/wheelhouse.py --platform win_amd64 --python-version 3.12 gialint-wheelhouse

The folder then holds gialint's wheel (built from the checkout), the wheels
of its dependencies with the ``docx`` and ``pdf`` extras (downloaded with
``pip download``; for another platform, binary wheels only), and two install
scripts with a short guide in Chinese:

* ``install-windows.bat`` — double-click it on the offline Windows machine:
  ``py -m pip install --user --no-index --find-links <the folder> "gialint-cn[docx,pdf]"``;
* ``install.sh`` — Linux and macOS: a virtual environment in
  ``~/.local/share/gialint-cn`` (or the folder given as its argument) and a
  link ``~/.local/bin/gialint``.

Copy the folder to the offline machine (a USB stick); it needs the same
Python version (``--python-version``) installed, nothing else.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DIST = "gialint-cn"
DEFAULT_EXTRAS = "docx,pdf"

INSTALL_BAT = r"""@echo off
rem gialint offline install (Windows): installs gialint-cn and its dependencies
rem from the wheels in this folder, without internet.
chcp 65001 >nul
echo Installing gialint from %~dp0 ...
py -{python} -m pip install --user --no-index --find-links "%~dp0." "{dist}[{extras}]"
if errorlevel 1 (
  echo.
  echo FAILED. Is Python {python} installed (python.org, "Add python.exe to PATH")?
  pause
  exit /b 1
)
echo.
echo Done. Check a report with:   py -{python} -m gialint report.docx
pause
"""

INSTALL_SH = """#!/bin/sh
# gialint offline install (Linux, macOS): a virtual environment with gialint-cn
# and its dependencies from the wheels in this folder, without internet.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
target=${{1:-"$HOME/.local/share/gialint-cn"}}
python=${{PYTHON:-python{python}}}
"$python" -m venv "$target"
"$target/bin/python" -m pip install --quiet --no-index --find-links "$here" "{dist}[{extras}]"
mkdir -p "$HOME/.local/bin"
ln -sf "$target/bin/gialint" "$HOME/.local/bin/gialint"
echo "gialint installed in $target; the command: $target/bin/gialint (linked from ~/.local/bin)"
"""

GUIDE = """gialint 离线安装包（{dist} {version}，Python {python}，{platform}）

本文件夹包含 gialint 及其全部依赖包，安装时不需要联网。

Windows：
  1. 先安装 Python {python}（python.org 的安装程序，勾选 “Add python.exe to PATH”）。
  2. 双击本文件夹中的 install-windows.bat。
  3. 检查报告：在“命令提示符”中运行  py -{python} -m gialint 报告.docx
     （也可以检查一个文件夹：py -{python} -m gialint 报告文件夹）

Linux / macOS：
  sh install.sh        （安装到 ~/.local/share/gialint-cn，命令为 ~/.local/bin/gialint）

说明：PyPI 上名为 “gialint” 的包是另一个无关的项目，不要用 pip install gialint 安装。
"""


def _run(cmd: list[str]) -> None:
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True)


def _version() -> str:
    text = (REPO / "gialint" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'^__version__ = "([^"]+)"', text, re.M).group(1)


def build(out: Path, *, platform: str | None = None, python_version: str | None = None,
          extras: str = DEFAULT_EXTRAS, python: str = sys.executable) -> Path:
    """Fill ``out`` with the wheels and the install scripts; return ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    version = _version()
    with tempfile.TemporaryDirectory() as tmp:
        # gialint's own wheel, built from this checkout (pure Python: any platform)
        _run([python, "-m", "pip", "wheel", "--no-deps", "--wheel-dir", tmp, str(REPO)])
        for wheel in Path(tmp).glob("gialint_cn-*.whl"):
            shutil.copy(wheel, out / wheel.name)
    # wheels only: the offline machine cannot fetch a build backend for a source package
    download = [python, "-m", "pip", "download", "--dest", str(out), "--find-links", str(out),
                "--only-binary=:all:"]
    if platform or python_version:  # another machine: wheels for its platform and Python
        download += ["--implementation", "cp"]
        if platform:
            download += ["--platform", platform]
        if python_version:
            download += ["--python-version", python_version]
    _run([*download, f"{DIST}[{extras}]=={version}"])
    py = python_version or f"{sys.version_info.major}.{sys.version_info.minor}"
    values = {"dist": DIST, "extras": extras, "python": py, "version": version,
              "platform": platform or "this machine's platform"}
    (out / "install-windows.bat").write_bytes(INSTALL_BAT.format(**values).replace("\n", "\r\n")
                                              .encode("ascii"))
    sh = out / "install.sh"
    sh.write_text(INSTALL_SH.format(**values), encoding="utf-8", newline="\n")
    sh.chmod(0o755)
    (out / "安装说明.txt").write_text(GUIDE.format(**values), encoding="utf-8-sig", newline="\r\n")
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("out", type=Path, help="the folder to write (created when missing)")
    p.add_argument("--platform", help="pip platform tag of the offline machine, e.g. win_amd64, "
                   "manylinux2014_x86_64, macosx_11_0_arm64 (default: this machine's)")
    p.add_argument("--python-version", help="its Python version, e.g. 3.12 (default: this Python's)")
    p.add_argument("--extras", default=DEFAULT_EXTRAS,
                   help=f"extras of {DIST} to include (default: {DEFAULT_EXTRAS})")
    args = p.parse_args(argv)
    out = build(args.out, platform=args.platform, python_version=args.python_version,
                extras=args.extras)
    print(f"wheelhouse ready: {out} ({len(list(out.glob('*.whl')))} wheels)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
