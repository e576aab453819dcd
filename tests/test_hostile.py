"""Hostile and broken input: every case ends in findings or a clear error, never
a traceback or a hang, and gialint never writes a file it lints unless --fix.

Every CLI run here goes through :func:`lint`, which snapshots the bytes and
modification time of the files involved and checks them afterwards.
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import jsonschema
import pytest
from gialint_testing import REAL, RULE_FIXTURES, SARIF_SCHEMA, call, run, run_main

from gialint import saferegex
from gialint.checks import REGISTRY, Check, Hit
from gialint.model import Span
from gialint.ruleset import builtin_rule_files, load_rule_file

CLEAN_PATH = RULE_FIXTURES / "GIA101" / "pass_clean_2021.txt"
CLEAN = CLEAN_PATH.read_text(encoding="utf-8")
DEBRIS = (RULE_FIXTURES / "GIA601" / "fail_footer_lines.txt").read_text(encoding="utf-8")
DEBRIS_LINES = ("主办:", "承办:", "网站标识码", "京ICP备", "京公网安备", "您访问的链接即将离开")
SEED = REAL / "001_255bb5990695ecd9.txt"


class Untouched:
    """The bytes and modification times of files, to compare after a run."""

    def __init__(self, paths):
        self.state = {p: self._read(p) for p in paths if p.is_file()}

    @staticmethod
    def _read(p: Path):
        return p.read_bytes(), p.stat().st_mtime_ns

    def check(self) -> None:
        for p, before in self.state.items():
            assert self._read(p) == before, f"gialint wrote {p} without --fix"


def lint(capsys, *args, files=(), fix: bool = False):
    """``gialint --jobs 1 --lang en ARGS`` in this process: no traceback, and
    without ``--fix`` none of ``files`` (nor any file named in ARGS) changes."""
    named = [Path(a) for a in args if isinstance(a, Path)]
    guard = Untouched([*files, *named])
    lang = () if "--lang" in args else ("--lang", "en")  # input errors in their English wording
    result = run_main(capsys, "--jobs", "1", *lang, *args)
    assert "Traceback" not in result.err, result.err
    if not fix:
        guard.check()
    return result


def only_file(result) -> dict:
    doc = result.json()
    assert len(doc["files"]) == 1
    return doc["files"][0]


def sarif_valid(doc: dict) -> None:
    jsonschema.validate(doc, json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))


def within(finding: dict, text: str) -> bool:
    lines = text.split("\n")
    return (1 <= finding["line"] <= len(lines) and finding["column"] >= 1
            and finding["end_line"] >= finding["line"])


# -- degenerate files --------------------------------------------------------------------


def test_empty_file(capsys, tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    result = lint(capsys, "--isolated", "--format", "json", path)
    f = only_file(result)
    assert f["error"] is None
    assert [(x["rule"], x["line"], x["column"]) for x in f["findings"]] == [("GIA002", 1, 1)]
    assert result.code == 0  # a warning


def test_whitespace_only(capsys, tmp_path):
    path = tmp_path / "blank.txt"
    path.write_text(" \n\t\r\n\u3000\n\n", encoding="utf-8")
    result = lint(capsys, "--isolated", "--format", "json", path)
    assert [x["rule"] for x in only_file(result)["findings"]] == ["GIA002"]
    assert result.code == 0


def test_nul_bytes(capsys, tmp_path):
    path = tmp_path / "nul.txt"
    data = CLEAN.encode("utf-8")
    path.write_bytes(data[:500] + b"\x00\x00" + data[500:])
    result = lint(capsys, "--isolated", path)
    assert result.code == 2
    assert "nul.txt" in result.out and "NUL" in result.out


def test_invalid_utf8_in_the_middle_is_a_clear_error(capsys, tmp_path):
    data = CLEAN.encode("utf-8")
    middle = data.index("三、收到和处理".encode())
    line = CLEAN[: CLEAN.index("三、收到和处理")].count("\n") + 1
    path = tmp_path / "broken.txt"
    path.write_bytes(data[:middle] + b"\xff" + data[middle:])
    result = lint(capsys, "--isolated", "--format", "json", path)
    assert result.code == 2
    assert only_file(result)["error"] == f"invalid UTF-8 at line {line} (byte {middle}); use --encoding to force one"


def test_gb18030_falls_back_and_reads_the_same(capsys, tmp_path):
    utf8, gb = tmp_path / "u.txt", tmp_path / "g.txt"
    utf8.write_text(CLEAN, encoding="utf-8")
    gb.write_bytes(CLEAN.encode("gb18030"))
    a = only_file(lint(capsys, "--isolated", "--format", "json", utf8))
    b = only_file(lint(capsys, "--isolated", "--format", "json", gb))
    assert (a["encoding"], b["encoding"]) == ("utf-8", "gb18030")
    assert b["findings"] == a["findings"] == []


def test_broken_gb18030_is_a_clear_error(capsys, tmp_path):
    data = CLEAN.encode("gb18030")
    path = tmp_path / "g.txt"
    path.write_bytes(data[:800] + b"\x80" + data[800:])  # 0x80 alone is no GB18030
    result = lint(capsys, "--isolated", "--format", "json", path)
    assert result.code == 2
    assert only_file(result)["error"].startswith("cannot decode: neither UTF-8")


def test_random_bytes(capsys, tmp_path):
    rng = random.Random(6)
    paths = []
    for i in range(5):
        path = tmp_path / f"noise{i}.txt"
        path.write_bytes(bytes(rng.randrange(256) for _ in range(rng.randrange(1, 4000))))
        paths.append(path)
    result = lint(capsys, "--isolated", "--format", "json", *paths)
    doc = result.json()
    assert len(doc["files"]) == 5
    # each is refused with a message or linted; either way the run finishes
    assert all(f["error"] or f["findings"] is not None for f in doc["files"])
    assert result.code in (0, 1, 2)


def test_one_megabyte_single_line(capsys, tmp_path):
    sentence = "本年共收到政府信息公开申请12件，均已按期答复。"
    text = (sentence * (1_000_000 // len(sentence) + 1))[:1_000_000]
    path = tmp_path / "line.txt"
    path.write_text(text, encoding="utf-8")
    result = lint(capsys, "--isolated", "--format", "json", path)
    f = only_file(result)
    assert f["error"] is None and result.code in (0, 1)
    assert f["findings"] and all(within(x, text) for x in f["findings"])
    assert all(x["end_column"] <= 1_000_001 for x in f["findings"])


def test_thousands_of_table_lines(capsys, tmp_path):
    rows = "\n".join(f"| 项目{i} | {i} | {i * 2} | {i % 7} |" for i in range(5000))
    text = "某某街道办事处2023年政府信息公开工作年度报告\n一、总体情况\n" + rows + "\n"
    path = tmp_path / "rows.txt"
    path.write_text(text, encoding="utf-8")
    result = lint(capsys, "--isolated", "--format", "sarif", path)
    doc = result.json()
    sarif_valid(doc)
    assert result.code in (0, 1)
    last = text.count("\n") + 1
    for r in doc["runs"][0]["results"]:
        region = r["locations"][0]["physicalLocation"]["region"]
        assert 1 <= region["startLine"] <= last


def test_same_section_ten_times(capsys, tmp_path):
    start, end = CLEAN.index("二、主动公开"), CLEAN.index("三、收到和处理")
    text = CLEAN[:end] + CLEAN[start:end] * 9 + CLEAN[end:]
    path = tmp_path / "ten.txt"
    path.write_text(text, encoding="utf-8")
    result = lint(capsys, "--isolated", "--format", "json", path)
    f = only_file(result)
    # each repeat is reported once, where it starts (a warning: exit 0)
    first = CLEAN[:start].count("\n") + 1
    size = CLEAN[start:end].count("\n")
    assert _rules_at(f["findings"]) == [("GIA104", first + size * i, 1, first + size * i, 13)
                                        for i in range(1, 10)]
    assert result.code == 0


def test_navigation_bar_line_does_not_backtrack(tmp_path):
    """A page footer of links separated by runs of spaces, with something after
    them: GIA601's old footer pattern took hours on 20 links (nested
    ``\\s*[|/]?\\s*`` inside a repeat); a subprocess with a time limit."""
    path = tmp_path / "nav.txt"
    path.write_text(CLEAN + "网站地图" + "    联系我们" * 20 + " x\n", encoding="utf-8")
    result = run("--isolated", "--format", "json", path)
    assert result.code in (0, 1) and "Traceback" not in result.err


# -- size limits -----------------------------------------------------------------------


def test_file_over_the_default_limit(capsys, tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:  # sparse: 51 MB on paper, nothing on disk
        fh.truncate(51 * 1024 * 1024)
    result = lint(capsys, "--isolated", "--format", "json", path)
    assert result.code == 2
    assert only_file(result)["error"] == ("file too large (51.0 MB; the limit is 50.0 MB, "
                                          "set by max-file-size)")


def _padded(size: int) -> str:
    """The clean report followed by paragraphs of 六, ``size`` bytes of UTF-8 or more."""
    para = "本年未收取信息处理费，也未发生其他需要报告的事项。\n"
    n = max(0, size - len(CLEAN.encode("utf-8"))) // len(para.encode("utf-8")) + 1
    return CLEAN + para * n


def test_max_file_size_from_config_and_command_line(capsys, tmp_path):
    path = tmp_path / "big.txt"
    path.write_text(_padded(300 * 1024), encoding="utf-8")
    cfg = tmp_path / "gialint.toml"
    cfg.write_text('max-file-size = "200KB"\n', encoding="utf-8")
    refused = lint(capsys, "--config", cfg, "--format", "json", path, files=[cfg])
    assert refused.code == 2
    assert "limit is 204800 bytes, set by max-file-size" in only_file(refused)["error"]
    # the command line wins over the config
    allowed = lint(capsys, "--config", cfg, "--max-file-size", "1MB", "--format", "json", path,
                   files=[cfg])
    assert allowed.code in (0, 1) and only_file(allowed)["error"] is None
    lowered = lint(capsys, "--isolated", "--max-file-size", "1000", path)
    assert lowered.code == 2 and "file too large" in lowered.out


@pytest.mark.parametrize("value,message", [
    ('"lots"', "'max-file-size': must be a number of bytes or a size like"),
    ("0", "'max-file-size': must be more than 0 bytes"),
    ("true", "'max-file-size': must be a number of bytes"),
    ('"900GB"', "'max-file-size': must be at most 1GB"),  # minutes and gigabytes: no report is
])
def test_max_file_size_config_errors(capsys, tmp_path, value, message):
    cfg = tmp_path / "gialint.toml"
    cfg.write_text(f'lang = "zh"\nmax-file-size = {value}\n', encoding="utf-8")
    path = tmp_path / "r.txt"
    path.write_text(CLEAN, encoding="utf-8")
    result = lint(capsys, "--config", cfg, path, files=[cfg])
    assert result.code == 2
    assert f"{cfg}:2: {message}" in result.err


def test_a_large_limit_costs_nothing_on_a_small_file(tmp_path):
    """The file is read a megabyte at a time up to the limit: a 1GB limit does not
    set aside a gigabyte for a 10 KB report (it used to: MemoryError at 900GB)."""
    import tracemalloc

    from gialint.source import read_bytes_of

    path = tmp_path / "r.txt"
    path.write_text(CLEAN, encoding="utf-8")
    tracemalloc.start()
    try:
        data = read_bytes_of(str(path), "r.txt", 1 << 30)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert data == path.read_bytes() and peak < 4 << 20


def test_max_file_size_option_errors(capsys, tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(CLEAN, encoding="utf-8")
    with pytest.raises(SystemExit) as exit_:
        lint(capsys, "--isolated", "--max-file-size", "5 parsecs", path)
    assert exit_.value.code == 2
    assert "argument --max-file-size: must be a number of bytes" in capsys.readouterr().err


@pytest.mark.slow
def test_several_megabytes_complete_with_a_raised_limit(capsys, tmp_path):
    path = tmp_path / "six.txt"
    text = _padded(6 * 1024 * 1024)
    path.write_text(text, encoding="utf-8")
    cfg = tmp_path / "gialint.toml"
    cfg.write_text('max-file-size = "1MB"\n', encoding="utf-8")
    assert lint(capsys, "--config", cfg, path, files=[cfg]).code == 2
    result = lint(capsys, "--config", cfg, "--max-file-size", "10MB", "--format", "json", path,
                  files=[cfg])
    f = only_file(result)
    assert f["error"] is None and result.code in (0, 1)
    assert all(within(x, text) for x in f["findings"])


# -- directories -------------------------------------------------------------------------


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a_good.txt").write_text(CLEAN, encoding="utf-8")
    (folder / "b_broken_link.txt").symlink_to(folder / "gone.txt")
    (folder / "c_seed.txt").write_bytes(SEED.read_bytes())
    return folder


def _by_name(result) -> dict[str, dict]:
    return {Path(f["path"]).name: f for f in result.json()["files"]}


def test_broken_symlink_in_a_directory(capsys, tmp_path):
    folder = _folder(tmp_path)
    result = lint(capsys, "--isolated", "--format", "json", folder, files=list(folder.iterdir()))
    files = _by_name(result)
    assert result.code == 2
    assert files["b_broken_link.txt"]["error"] == "no such file (or a broken symbolic link)"
    assert files["a_good.txt"]["error"] is None and files["a_good.txt"]["findings"] == []
    assert files["c_seed.txt"]["findings"]  # linted after the broken one


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root reads files whatever their permissions")
def test_unreadable_file_in_a_directory(capsys, tmp_path):
    folder = _folder(tmp_path)
    locked = folder / "b_locked.txt"
    locked.write_text(CLEAN, encoding="utf-8")
    locked.chmod(0)
    try:
        result = lint(capsys, "--isolated", "--format", "json", folder)
    finally:
        locked.chmod(0o644)
    files = _by_name(result)
    assert result.code == 2
    assert files["b_locked.txt"]["error"] == "permission denied"
    assert files["c_seed.txt"]["findings"]


def test_unreadable_file_in_a_directory_simulated(capsys, tmp_path, monkeypatch):
    """The same as root: the file system refuses to open one file."""
    import builtins

    folder = _folder(tmp_path)
    locked = folder / "b_locked.txt"
    locked.write_text(CLEAN, encoding="utf-8")
    real_open = builtins.open

    def refusing_open(file, *args, **kwargs):
        if str(file).endswith("b_locked.txt"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refusing_open)
    result = lint(capsys, "--isolated", "--format", "sarif", folder, files=list(folder.iterdir()))
    doc = result.json()
    sarif_valid(doc)
    assert result.code == 2
    notes = doc["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    texts = {n["message"]["text"] for n in notes}
    assert {"permission denied", "no such file (or a broken symbolic link)"} <= texts
    assert any(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("c_seed.txt")
               for r in doc["runs"][0]["results"])


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_named_pipe_in_a_directory_does_not_block(capsys, tmp_path):
    folder = _folder(tmp_path)
    os.mkfifo(folder / "d_pipe.txt")
    result = lint(capsys, "--isolated", "--format", "json", folder)
    files = _by_name(result)
    assert "d_pipe.txt" not in files  # skipped: reading it would wait for a writer forever
    assert files["c_seed.txt"]["findings"]


# -- a bug in one rule or one stage ---------------------------------------------------------


class _Crashing(Check):
    """A check kind with a bug: one hit, then an exception."""

    kind = "crashing_for_test"

    def check(self, report, ctx):
        yield Hit(Span(0, 2))
        raise ZeroDivisionError("division by zero in a test rule")


class _OutOfText(Check):
    """A check kind with a bug: a hit that lies beyond the end of the text."""

    kind = "out_of_text_for_test"

    def check(self, report, ctx):
        yield Hit(Span(0, len(report.source.text) + 10))


def _user_rules(tmp_path: Path, *rules: tuple[str, str, str]) -> Path:
    """A config with a rule file of (id, kind, params TOML) rules."""
    body = []
    for rid, kind, params in rules:
        body.append(f'''
[[rule]]
id = "{rid}"
name = "test-{rid.lower()}"
category = "placeholder"
severity = "warning"
editions = ["legacy", "2019", "2021"]
kind = "{kind}"
summary.zh = "测试规则"
summary.en = "A test rule"
message.zh = "测试"
message.en = "test"
example.bad = "a"
example.good = "b"
{params}
''')
    (tmp_path / "house.toml").write_text("".join(body), encoding="utf-8")
    cfg = tmp_path / "gialint.toml"
    cfg.write_text('rule-files = ["house.toml"]\n', encoding="utf-8")
    return cfg


def _rules_at(findings) -> list:
    return [(f["rule"], f["line"], f["column"], f["end_line"], f["end_column"]) for f in findings]


def test_crashing_rule_is_an_internal_error(capsys, tmp_path, monkeypatch):
    monkeypatch.setitem(REGISTRY, _Crashing.kind, _Crashing)
    monkeypatch.setitem(REGISTRY, _OutOfText.kind, _OutOfText)
    cfg = _user_rules(tmp_path, ("GIA990", _Crashing.kind, ""), ("GIA991", _OutOfText.kind, ""))
    seed = tmp_path / "seed.txt"
    seed.write_bytes(SEED.read_bytes())
    clean = tmp_path / "clean.txt"
    clean.write_text(CLEAN, encoding="utf-8")
    files = [cfg, tmp_path / "house.toml"]
    result = lint(capsys, "--config", cfg, "--format", "json", "--lang", "en", seed, clean,
                  files=files)
    assert result.code == 2
    doc = result.json()
    plain = lint(capsys, "--isolated", "--format", "json", seed, clean)
    for got, want in zip(doc["files"], plain.json()["files"], strict=True):
        internal = [f for f in got["findings"] if f["rule"] == "GIA001"]
        assert [(f["line"], f["column"], f["severity"], f["category"]) for f in internal] == [
            (1, 1, "error", "input")] * 2
        messages = sorted(f["message"] for f in internal)
        assert messages[0].startswith(
            "Rule GIA990 failed on this file (ZeroDivisionError: division by zero in a test rule)")
        assert messages[1].startswith("Rule GIA991 failed on this file (ValueError: offset ")
        # the broken rules' own results are dropped; every other rule ran as usual
        rest = [f for f in got["findings"] if f["rule"] != "GIA001"]
        assert _rules_at(rest) == _rules_at(want["findings"])
    sarif = lint(capsys, "--config", cfg, "--format", "sarif", clean, files=files)
    sarif_valid(sarif.json())
    assert sarif.code == 2
    invocation = sarif.json()["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert "2 GIA001" in invocation["toolExecutionNotifications"][0]["message"]["text"]
    text = lint(capsys, "--config", cfg, clean, files=files)
    assert text.code == 2 and "GIA001" in text.out and "GIA990" in text.out


def test_internal_error_cannot_be_suppressed_or_deselected(capsys, tmp_path, monkeypatch):
    monkeypatch.setitem(REGISTRY, _Crashing.kind, _Crashing)
    cfg = _user_rules(tmp_path, ("GIA990", _Crashing.kind, ""))
    path = tmp_path / "r.txt"
    path.write_text("<!-- gialint-disable-file GIA001 -->\n" + CLEAN, encoding="utf-8")
    result = lint(capsys, "--config", cfg, "--select", "GIA990", "--format", "json", path,
                  files=[cfg])
    assert result.code == 2
    assert [f["rule"] for f in only_file(result)["findings"]] == ["GIA001"]


@pytest.mark.parametrize("target,stage", [
    ("gialint.lexer.lines.read_lines", "lex"),
    ("gialint.build._year", "build"),
])
def test_crash_in_an_analysis_stage(capsys, tmp_path, monkeypatch, target, stage):
    def broken(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(target, broken)
    path = tmp_path / "r.txt"
    path.write_text(CLEAN, encoding="utf-8")
    other = tmp_path / "s.txt"
    other.write_bytes(SEED.read_bytes())
    result = lint(capsys, "--isolated", "--format", "json", "--lang", "en", path, other)
    assert result.code == 2
    for f in result.json()["files"]:
        assert _rules_at(f["findings"]) == [("GIA001", 1, 1, 1, 1)]
        assert f["findings"][0]["message"].startswith(
            f"Analysing this file failed in the {stage} stage "
            "(RecursionError: maximum recursion depth exceeded); nothing was checked")


# -- regular expressions of user rules ---------------------------------------------------------


@pytest.mark.parametrize("pattern", [r"(a+)+b", r"(a|a)*b", r"(.*)*x", r"(\d{1,2})+元",
                                     r"(?:\s|.)*完", r"(?:x+x+)+y"])
def test_dangerous_user_pattern_is_rejected_at_load(capsys, tmp_path, pattern):
    toml_pattern = pattern.replace("\\", "\\\\")
    cfg = _user_rules(tmp_path, ("GIA990", "pattern", f'params.patterns = ["ok", "{toml_pattern}"]'))
    path = tmp_path / "r.txt"
    path.write_text(CLEAN, encoding="utf-8")
    result = lint(capsys, "--config", cfg, path, files=[cfg])
    assert result.code == 2
    house = tmp_path / "house.toml"
    line = house.read_text(encoding="utf-8").split("\n").index(
        f'params.patterns = ["ok", "{toml_pattern}"]') + 1
    assert f"{house}:{line}: rule[0].params.patterns[1]: regular expression {pattern!r} can take " \
           "exponential time" in result.err


def test_runaway_user_pattern_times_out(capsys, tmp_path, monkeypatch):
    """(a|aa)+ passes the load-time check but backtracks exponentially: the timeout stops it."""
    monkeypatch.setattr(saferegex, "TIMEOUT", 0.05)
    cfg = _user_rules(tmp_path, ("GIA990", "pattern", 'params.patterns = ["(?:a|aa)+$"]\n'
                                                      'params.normalized = false'))
    path = tmp_path / "r.txt"
    path.write_text(CLEAN + "a" * 60 + "!\n", encoding="utf-8")
    result = lint(capsys, "--config", cfg, "--format", "json", "--lang", "en", path, files=[cfg])
    assert result.code == 2
    findings = only_file(result)["findings"]
    assert [(f["rule"], f["line"]) for f in findings] == [("GIA001", 1)]
    assert findings[0]["message"].startswith(
        "A regular expression of rule GIA990 timed out (PatternTimeout: pattern '(?:(?:a|aa)+$)' "
        "ran over 0.05 s)")


def test_user_patterns_run_with_a_time_limit(tmp_path):
    cfg = _user_rules(tmp_path, ("GIA990", "pattern", 'params.patterns = ["待补充"]\n'
                                                      'params.exclude = ["x"]'))
    (loaded_rule,) = load_rule_file(cfg.parent / "house.toml", user=True)
    assert all(isinstance(p, saferegex.TimedPattern) for p in loaded_rule.check.values["patterns"])
    assert isinstance(loaded_rule.check.regex, saferegex.TimedPattern)
    assert isinstance(loaded_rule.check.exclude[0], saferegex.TimedPattern)
    assert [m.group() for m in loaded_rule.check.regex.finditer("待补充，待补充")] == ["待补充"] * 2


def test_builtin_rules_pass_the_user_checks_and_match_alike(tmp_path):
    """Every built-in rule loads as a user rule (no false rejections, the regex
    module accepts every pattern) and finds the same with time limits."""
    from gialint.config import Config
    from gialint.pipeline import lint_source
    from gialint.readers import read_path
    from gialint.ruleset import Options, RuleSet

    timed = [loaded_rule for path in builtin_rule_files() for loaded_rule in load_rule_file(path, user=True)]
    plain = RuleSet(Config(), Options())
    assert [loaded_rule.rule.id for loaded_rule in timed] == [loaded_rule.rule.id for loaded_rule in plain.all]
    user = RuleSet(Config(), Options())
    user.all = user.enabled = timed
    for path in (SEED, REAL / "002_293c52a418def646.txt", REAL / "2024_pingtan-zone.txt"):
        source = read_path(str(path))
        a, b = lint_source(source, plain), lint_source(source, user)
        assert [(f.rule, f.location, f.message) for f in a.findings] == \
               [(f.rule, f.location, f.message) for f in b.findings]


# -- --fix writes atomically, and only with --fix -----------------------------------------------


@pytest.fixture
def replaces(monkeypatch, tmp_path):
    """Record os.replace calls onto the test's files (the atomic rename of --fix;
    gialint's own cache, elsewhere, is written the same way)."""
    calls = []
    real = os.replace

    def recording(src, dst, *args, **kwargs):
        if Path(dst).is_relative_to(tmp_path):
            calls.append((Path(src), Path(dst), Path(src).read_bytes()))
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", recording)
    return calls


def _debris_gone(before: str, after: str) -> None:
    kept = after.removesuffix("\r\n").split("\r\n")
    assert not any(m in after for m in DEBRIS_LINES)
    it = iter(before.split("\r\n"))
    assert all(line in it for line in kept)  # the rest, in order, untouched


@pytest.mark.parametrize("encoding,bom", [("gb18030", b""), ("utf-8", b"\xef\xbb\xbf")])
def test_fix_is_atomic_and_keeps_encoding_bom_and_crlf(capsys, tmp_path, replaces, encoding, bom):
    before = DEBRIS.replace("\n", "\r\n")
    path = tmp_path / "r.txt"
    path.write_bytes(bom + before.encode(encoding))
    path.chmod(0o640)
    diff = lint(capsys, "--isolated", "--diff", path)  # --diff writes nothing
    assert diff.code == 1 and "-京ICP备20013709号" in diff.out
    assert replaces == []
    result = lint(capsys, "--isolated", "--fix", path, fix=True)
    assert "Traceback" not in result.err
    [(src, dst, written)] = replaces
    assert dst == path.resolve() and src.parent == path.parent.resolve()
    assert src.name.startswith(".gialint-") and not src.exists()
    data = path.read_bytes()
    assert data == written
    assert data.startswith(bom) and not data[len(bom):].startswith(b"\xef\xbb\xbf")
    after = data[len(bom):].decode(encoding)
    assert "\n" not in after.replace("\r\n", "")  # every line end still CRLF
    _debris_gone(before, after)
    assert path.stat().st_mode & 0o777 == 0o640
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left


def test_fix_through_a_symlink_keeps_the_link(capsys, tmp_path, replaces):
    target = tmp_path / "real.txt"
    target.write_text(DEBRIS, encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    lint(capsys, "--isolated", "--fix", link, fix=True)
    assert link.is_symlink()
    assert not any(m in target.read_text(encoding="utf-8") for m in DEBRIS_LINES)


def test_fix_that_cannot_write_leaves_the_file_alone(capsys, tmp_path, monkeypatch):
    def failing(src, dst, *args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", failing)
    path = tmp_path / "r.txt"
    path.write_text(DEBRIS, encoding="utf-8")
    other = tmp_path / "s.txt"
    other.write_text(CLEAN, encoding="utf-8")
    result = lint(capsys, "--isolated", "--fix", "--format", "json", path, other,
                  files=[path, other])  # checked: unchanged
    assert result.code == 2
    files = _by_name(result)
    assert files["r.txt"]["error"] == "--fix could not write the file: Permission denied"
    assert files["s.txt"]["error"] is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.txt", "s.txt"]


def test_lint_never_writes_without_fix(capsys, tmp_path):
    """Every output format, a baseline and the parse command leave the files alone."""
    paths = []
    for i, src in enumerate((SEED, CLEAN_PATH, RULE_FIXTURES / "GIA601" / "fail_footer_lines.txt")):
        path = tmp_path / f"r{i}.txt"
        path.write_bytes(src.read_bytes())
        paths.append(path)
    for fmt in ("text", "json", "sarif", "github", "gitlab", "junit"):
        lint(capsys, "--isolated", "--format", fmt, *paths)
    baseline = tmp_path / "baseline.json"
    lint(capsys, "--isolated", "--write-baseline", baseline, *paths, files=paths)
    lint(capsys, "--isolated", "--baseline", baseline, *paths, files=paths)
    guard = Untouched(paths)
    run_main(capsys, "parse", paths[0])
    guard.check()


def test_unreadable_folder_is_reported(capsys, tmp_path, monkeypatch):
    """A folder os.walk cannot list is an input error, not a silent gap (simulated:
    the tests may run as root)."""
    d = _folder(tmp_path)
    locked = d / "locked"
    locked.mkdir()
    (locked / "hidden.txt").write_text(CLEAN, encoding="utf-8")
    real = os.scandir

    def scandir(path="."):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = lint(capsys, "--format", "json", d)
    assert result.code == 2
    files = result.json()["files"]
    errors = [f for f in files if f["error"] and "directory" in f["error"]]
    assert [f["error"] for f in errors] == ["cannot read directory: Permission denied"]
    assert errors[0]["path"].endswith("locked")
    assert any(f["findings"] is not None and not f["error"] for f in files)  # the rest was linted
    zh = run_main(capsys, "--jobs", "1", d)
    assert "无法读取目录：Permission denied" in zh.out


def test_stdin_over_the_limit(tmp_path):
    big = b"a" * (2 * 1024 * 1024)
    result = call("--max-file-size", "1MB", "--lang", "en", "-", stdin=big)
    assert result.code == 2
    assert "-: error: file too large (over 1.0 MB" in result.out


def test_a_user_rule_s_patterns_share_one_time_budget_per_file(capsys, tmp_path, monkeypatch):
    """Each call under the per-call limit, but many of them (a pattern and its
    exclude per paragraph): the rule's budget on the file runs out, the rule
    stops with one GIA001 finding that says so, and the other rules run."""
    clock = iter(range(0, 10_000))
    monkeypatch.setattr(saferegex.time, "monotonic", lambda: next(clock) * 0.25)  # 0.25 s a look
    cfg = _user_rules(tmp_path, ("GIA990", "pattern", 'params.patterns = ["待补充"]\n'
                                                      'params.exclude = ["不"]\n'
                                                      'params.scope = "paragraphs"'))
    path = tmp_path / "r.txt"
    path.write_text(CLEAN + "".join(f"第{i}段待补充。\n" for i in range(60)), encoding="utf-8")
    result = lint(capsys, "--config", cfg, "--format", "json", "--lang", "en", path, files=[cfg])
    assert result.code == 2
    findings = only_file(result)["findings"]
    internal = [f for f in findings if f["rule"] == "GIA001"]
    assert len(internal) == 1 and "GIA990" in internal[0]["message"]
    assert f"ran over {saferegex.RULE_BUDGET:g} s on this file" in internal[0]["message"]
    assert not any(f["rule"] == "GIA990" for f in findings)  # its partial results are dropped


def test_the_budget_is_per_rule_and_file():
    rx = saferegex.TimedPattern("a")
    with saferegex.budget(0.0), pytest.raises(saferegex.PatternTimeout, match="on this file"):
        rx.search("a")
    assert rx.search("a")  # outside a budget: the per-call limit only
    with saferegex.budget(60):
        assert rx.search("a")
