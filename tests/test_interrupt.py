"""Ctrl-C and SIGTERM (issue 18): a run with worker processes ends promptly
with one line — how many files were linted and, with --fix, how many were
rewritten, counted exactly —, no worker traceback, no hang, no temporary
file, and every file either as it was or wholly fixed."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time

import pytest
from gialint_testing import RULE_FIXTURES, _env

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and process groups")

FIXABLE = (RULE_FIXTURES / "GIA601" / "fail_footer_lines.txt").read_bytes()
FILES = 300


def _folder(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    for i in range(FILES):
        (folder / f"r{i:03}.txt").write_bytes(FIXABLE)
    return folder


def _changed(folder) -> int:
    return sum(p.read_bytes() != FIXABLE for p in folder.glob("r*.txt"))


def _interrupt(folder, *args, sig=signal.SIGINT, group=True):
    """Start gialint in a session of its own, wait until it has rewritten a
    file (or, linting only, a moment), then signal it (``group``: the whole
    process group, as a terminal's Ctrl-C does)."""
    proc = subprocess.Popen([sys.executable, "-m", "gialint", "--isolated", *args, str(folder)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(), start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if "--fix" in args and _changed(folder) >= 3 or "--fix" not in args and time.monotonic() > deadline - 58:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the run ended before it could be interrupted"
    sent = time.monotonic()
    (os.killpg if group else os.kill)(proc.pid, sig)
    try:
        out, err = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail("gialint did not end within 30 s of the signal")
    return proc.returncode, err.decode("utf-8"), time.monotonic() - sent


@pytest.mark.parametrize("sig,group,code", [(signal.SIGINT, True, 130), (signal.SIGTERM, False, 143),
                                            (signal.SIGTERM, True, 143)])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_interrupted_fix_says_exactly_what_it_changed(tmp_path, sig, group, code, jobs):
    folder = _folder(tmp_path)
    rc, err, took = _interrupt(folder, "--fix", "-j", jobs, sig=sig, group=group)
    assert rc == code, err
    assert took < 15, took
    assert "Traceback" not in err and "Process ForkPoolWorker" not in err
    (line,) = err.strip().splitlines()
    changed = _changed(folder)
    assert f"--fix 已修改 {changed} 个文件（其余文件未改动）" in line, (line, changed)
    assert 0 < changed < FILES
    # each file as it was or wholly fixed; no temporary file left
    assert len({p.read_bytes() for p in folder.glob("r*.txt")}) == 2
    assert not [p.name for p in folder.iterdir() if p.name.startswith(".gialint-")]


def test_ctrl_c_while_linting_in_english(tmp_path):
    folder = _folder(tmp_path)
    rc, err, took = _interrupt(folder, "-j", "2", "--lang", "en")
    assert rc == 130 and took < 15
    assert "Traceback" not in err
    (line,) = err.strip().splitlines()
    # before the files are listed, or while they are linted
    assert re.fullmatch(rf"gialint: interrupted(: \d+ of {FILES} files linted)?", line), line
    assert _changed(folder) == 0
