"""Faults a file, a config or the surroundings can cause end in a clear error
with exit 2 — never a traceback, never exit 1 (issue 18, "nothing a file
contains ends the batch")."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from gialint_testing import RULE_FIXTURES, run_main

CLEAN = (RULE_FIXTURES / "GIA101" / "pass_clean_2021.txt").read_text(encoding="utf-8")


def _report(folder: Path, name: str = "r.txt") -> Path:
    p = folder / name
    p.write_text(CLEAN, encoding="utf-8")
    return p


def _clear_error(res, *words: str) -> None:
    assert res.code == 2, (res.code, res.out, res.err)
    assert "Traceback" not in res.err
    for w in words:
        assert w in res.err, res.err


def test_damaged_baseline(capsys, tmp_path):
    bl = tmp_path / "bl.json"
    for text in ("{{{", "[]", '{"gialint_baseline": 1, "files": {"a": [5]}}', "\udcff"):
        bl.write_text(text, encoding="utf-8", errors="surrogateescape")
        _clear_error(run_main(capsys, "--baseline", bl, _report(tmp_path)), "baseline")


def test_write_baseline_to_a_folder(capsys, tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    _clear_error(run_main(capsys, "--write-baseline", folder, _report(tmp_path)), "cannot write baseline")


def test_failed_baseline_write_leaves_the_old_one_whole(capsys, tmp_path, monkeypatch):
    bl = tmp_path / "bl.json"
    report = _report(tmp_path)
    assert run_main(capsys, "--write-baseline", bl, report).code == 0
    bl.chmod(0o640)
    before = bl.read_bytes()

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    _clear_error(run_main(capsys, "--write-baseline", bl, report), "No space left")
    assert bl.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bl.json", "r.txt"]  # no temporary file left
    monkeypatch.undo()
    assert run_main(capsys, "--write-baseline", bl, report).code == 0
    assert bl.stat().st_mode & 0o777 == 0o640  # rewritten, permissions kept


def test_tool_gialint_not_a_table(capsys, tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text("[tool]\ngialint = 5\n", encoding="utf-8")
    _report(tmp_path)
    monkeypatch.chdir(tmp_path)
    from gialint.config import forget_found_configs

    forget_found_configs()
    try:
        _clear_error(run_main(capsys, "r.txt"), "[tool.gialint] must be a table")
    finally:
        forget_found_configs()


def test_deeply_nested_toml(capsys, tmp_path):
    cfg = tmp_path / "gialint.toml"
    cfg.write_text("a = " + "[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8")
    _clear_error(run_main(capsys, "--config", cfg, _report(tmp_path)), "nested too deeply")


@pytest.mark.parametrize("codec", ["rot13", "base64", "zlib", "hex", "no-such-codec"])
def test_encoding_must_be_a_text_codec(capsys, tmp_path, codec):
    with pytest.raises(SystemExit) as exit_:
        run_main(capsys, "--encoding", codec, _report(tmp_path))
    assert exit_.value.code == 2
    assert "encoding" in capsys.readouterr().err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX named pipes")
def test_fifo_on_the_command_line_is_refused(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    proc = subprocess.run([sys.executable, "-m", "gialint", "--lang", "en", str(fifo), str(_report(tmp_path))],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert "not a regular file" in proc.stdout
    assert "Traceback" not in proc.stderr


def test_closed_stdout(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "gialint", str(_report(tmp_path))],
                          stdout=subprocess.DEVNULL, capture_output=False, stderr=subprocess.PIPE,
                          text=True, timeout=120, preexec_fn=lambda: os.close(1))
    assert proc.returncode == 2, proc.stderr
    assert "standard output is closed" in proc.stderr and "Traceback" not in proc.stderr


def test_internal_error_is_exit_2_not_1(capsys, tmp_path, monkeypatch):
    from gialint import runner

    def broken(*args, **kwargs):
        raise AssertionError("a bug")

    monkeypatch.setattr(runner.Runner, "run", broken)
    _clear_error(run_main(capsys, _report(tmp_path)), "internal error", "AssertionError")


def test_duplicate_paths_are_linted_and_fixed_once(capsys, tmp_path, monkeypatch):
    from gialint_testing import RULE_FIXTURES as FIX

    p = tmp_path / "a.txt"
    p.write_bytes((FIX / "GIA601" / "fail_footer_lines.txt").read_bytes())
    monkeypatch.chdir(tmp_path)
    res = run_main(capsys, "--format", "json", "a.txt", "./a.txt", str(p), str(tmp_path))
    assert res.code == 1
    assert [f["path"] for f in res.json()["files"]] == ["a.txt"]
    res = run_main(capsys, "--fix", "--format", "json", "a.txt", "./a.txt")
    assert len(res.json()["files"]) == 1


def test_fix_refuses_a_read_only_file(capsys, tmp_path):
    from gialint_testing import RULE_FIXTURES as FIX

    p = tmp_path / "a.txt"
    p.write_bytes((FIX / "GIA601" / "fail_footer_lines.txt").read_bytes())
    before = p.read_bytes()
    p.chmod(0o444)
    res = run_main(capsys, "--lang", "en", "--fix", "--format", "json", p)
    assert res.code == 2 and "Traceback" not in res.err
    assert "read-only" in res.json()["files"][0]["error"]
    assert p.read_bytes() == before and p.stat().st_mode & 0o777 == 0o444
    assert [q.name for q in tmp_path.iterdir()] == ["a.txt"]


def _fixable(tmp_path, name="a.txt"):
    from gialint_testing import RULE_FIXTURES as FIX

    p = tmp_path / name
    p.write_bytes((FIX / "GIA601" / "fail_footer_lines.txt").read_bytes())
    return p


def test_fix_leaves_a_file_that_changed_after_it_was_read(capsys, tmp_path, monkeypatch):
    """An editor saved the draft while gialint was linting it: the fixes were made
    for the old text, so the new one is left as it is, with a message."""
    from gialint import fix

    p = _fixable(tmp_path)
    original = fix.fixed_text_and_findings

    def edited_meanwhile(result):
        out = original(result)
        p.write_text(p.read_text(encoding="utf-8") + "起草人又加了一句。\n", encoding="utf-8")
        return out

    monkeypatch.setattr(fix, "fixed_text_and_findings", edited_meanwhile)
    res = run_main(capsys, "--fix", "--format", "json", p)
    saved = p.read_bytes()
    assert res.code == 2 and "Traceback" not in res.err
    assert "读取之后文件又被改动" in res.json()["files"][0]["error"]
    assert saved.decode("utf-8").endswith("起草人又加了一句。\n")  # the editor's save kept
    assert [q.name for q in tmp_path.iterdir()] == ["a.txt"]


def test_fix_leaves_a_hard_linked_file(capsys, tmp_path):
    import os

    p = _fixable(tmp_path)
    os.link(p, tmp_path / "b.txt")
    before = p.read_bytes()
    res = run_main(capsys, "--lang", "en", "--fix", "--format", "json", p)
    assert res.code == 2
    assert "it has 2 hard links" in res.json()["files"][0]["error"]
    assert p.read_bytes() == before == (tmp_path / "b.txt").read_bytes()


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="giving a file away needs root")
def test_fix_keeps_the_owner_and_group(capsys, tmp_path):
    p = _fixable(tmp_path)
    os.chown(p, 1234, 5678)
    p.chmod(0o640)
    res = run_main(capsys, "--fix", p)
    assert res.code in (0, 1), res.err
    st = p.stat()
    assert (st.st_uid, st.st_gid, st.st_mode & 0o777) == (1234, 5678, 0o640)
    assert "附件:" not in p.read_text(encoding="utf-8")  # it was fixed
