"""--jobs gives the output of one process, in the same order; the on-disk cache
(grammar tables, parsed rule files) never changes a result."""

from __future__ import annotations

import json
import os
import shutil

import pytest
from gialint_testing import REAL, REPO, RULE_FIXTURES, run

from gialint import cache


@pytest.fixture()
def corpus(tmp_path):
    """Real reports, a broken file and a missing one, in a folder."""
    d = tmp_path / "reports"
    d.mkdir()
    for f in sorted(REAL.glob("*.txt"))[:12]:
        shutil.copy(f, d / f.name)
    shutil.copy(RULE_FIXTURES / "GIA101" / "pass_clean_2021.txt", d / "clean.txt")
    (d / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(32))
    return d


@pytest.mark.parametrize("fmt", ["json", "text", "sarif"])
def test_jobs_output_identical_to_one_process(corpus, tmp_path, fmt):
    env = {"GIALINT_CACHE_DIR": str(tmp_path / "cache")}
    args = ["--format", fmt, str(corpus), str(corpus / "missing.txt")]
    one = run("--jobs", "1", *args, env=env)
    two = run("--jobs", "2", *args, env=env)
    assert one.code == two.code == 2  # the unreadable and the missing file
    assert one.out == two.out
    assert one.err == two.err
    if fmt == "json":
        paths = [f["path"] for f in json.loads(one.out)["files"]]
        assert paths[:-1] == sorted(paths[:-1])  # the walk order, then the missing file
        assert sum(len(f["findings"]) for f in json.loads(one.out)["files"]) > 10


def test_jobs_default_and_invalid(corpus, tmp_path):
    env = {"GIALINT_CACHE_DIR": str(tmp_path / "cache")}
    default = run("--format", "json", str(corpus), env=env)
    assert default.out == run("--format", "json", "-j", "1", str(corpus), env=env).out
    # positive numbers only (issue 15): zero, negative or not a number is a usage error
    for n in ("0", "-2", "two"):
        bad = run("-j", n, str(corpus), env=env)
        assert bad.code == 2 and "--jobs" in bad.err and "Traceback" not in bad.err


def test_jobs_with_fix_and_diff(tmp_path):
    d = tmp_path / "r"
    d.mkdir()
    src = (RULE_FIXTURES / "GIA101" / "pass_clean_2021.txt").read_text(encoding="utf-8")
    for i in range(4):
        (d / f"r{i}.txt").write_text(src + "\n打印本页 关闭窗口\n", encoding="utf-8")
    env = {"GIALINT_CACHE_DIR": str(tmp_path / "cache")}
    diff1 = run("--diff", "-j", "1", str(d), env=env)
    diff2 = run("--diff", "-j", "2", str(d), env=env)
    assert diff1.code == diff2.code == 1 and diff1.out == diff2.out and diff1.out.count("+++") == 4
    fixed = run("--fix", "-j", "2", str(d), env=env)
    assert "已修复 4 个问题" in fixed.err
    assert all("打印本页" not in p.read_text(encoding="utf-8") for p in d.iterdir())


def test_cache_is_used_and_survives_damage(tmp_path):
    env = {"GIALINT_CACHE_DIR": str(tmp_path / "cache")}
    report = RULE_FIXTURES / "GIA101" / "fail_missing_section6.txt"
    if not report.exists():
        report = next((RULE_FIXTURES / "GIA101").glob("fail_*.txt"))
    first = run("--format", "json", str(report), env=env)
    files = sorted(p.name for p in (tmp_path / "cache").iterdir())
    assert any(n.startswith("grammar-") for n in files)
    assert sum(n.startswith("rules-") for n in files) >= 5
    # a damaged cache entry is rebuilt, with the same result
    for p in (tmp_path / "cache").iterdir():
        p.write_bytes(b"garbage")
    assert run("--format", "json", str(report), env=env).out == first.out
    # no cache at all: same result, nothing written
    off = run("--format", "json", str(report),
              env={"GIALINT_NO_CACHE": "1", "GIALINT_CACHE_DIR": str(tmp_path / "none")})
    assert off.out == first.out and not (tmp_path / "none").exists()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_read_only_cache_folder(tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        res = run(str(REPO / "examples" / "report-2024.txt"), env={"GIALINT_CACHE_DIR": str(ro / "c")})
        assert res.code == 0 and not res.err
    finally:
        ro.chmod(0o700)


def test_cache_entry_names(monkeypatch, tmp_path):
    monkeypatch.setenv("GIALINT_CACHE_DIR", str(tmp_path))
    a = cache.entry("rules", "x")
    assert a.path.parent == tmp_path and a.path.name.startswith("rules-")
    assert cache.entry("rules", "y") != a
    cache.store(a, b"k", bytes)
    assert cache.load(a, bytes) == b"k"
    assert cache.load(cache.Entry(tmp_path / "absent", b"x"), bytes) is None
    monkeypatch.setenv("GIALINT_NO_CACHE", "1")
    assert cache.entry("rules", "x") is None


def test_without_fork_one_process_gives_the_same_output(corpus, capsys, monkeypatch):
    """Where processes cannot be forked (Windows) --jobs falls back to one process."""
    import multiprocessing

    from gialint_testing import run_main

    args = ["--jobs", "2", "--format", "json", "--isolated", str(corpus)]
    forked = run_main(capsys, *args)
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    single = run_main(capsys, *args)
    assert single.code == forked.code == 2 and single.out == forked.out
