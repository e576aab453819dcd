"""Inline suppressions, baselines, and how SARIF shows both."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from gialint_testing import RULE_FIXTURES, call

CLEAN = (RULE_FIXTURES / "GIA101" / "pass_clean_2021.txt").read_text(encoding="utf-8")
SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
MARKED = CLEAN.replace("本年主动公开政府信息120条。", "本年主动公开政府信息（待补充）条。")


def _write(tmp_path, text, name="r.txt") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def _rules(result) -> list[tuple[str, int]]:
    return [(f["rule"], f["line"]) for f in result.findings()]


def test_disable_next_line(tmp_path):
    text = MARKED.replace("本年主动公开政府信息（待补充）条。",
                          "<!-- gialint-disable-next-line GIA501 -->\n本年主动公开政府信息（待补充）条。")
    res = call("--isolated", "--format", "json", _write(tmp_path, text), cwd=tmp_path)
    assert _rules(res) == []
    assert res.code == 0


def test_disable_enable_range_and_file_level(tmp_path):
    text = ("<!-- gialint-disable draft-marker -->\n" + MARKED + "\n<!-- gialint-enable draft-marker -->\n"
            "补充说明（待补充）。\n")
    res = call("--isolated", "--format", "json", _write(tmp_path, text), cwd=tmp_path)
    assert [r for r, _ in _rules(res)] == ["GIA501"]  # only the one after enable
    text = "<!-- gialint-disable-file placeholder -->\n" + MARKED
    res = call("--isolated", "--format", "json", _write(tmp_path, text), cwd=tmp_path)
    assert _rules(res) == []


def test_unused_and_ruleless_suppressions_are_reported(tmp_path):
    text = "<!-- gialint-disable-file GIA110 -->\n<!-- gialint-disable -->\n" + CLEAN
    res = call("--isolated", "--format", "json", _write(tmp_path, text), cwd=tmp_path)
    assert _rules(res) == [("GIA003", 1), ("GIA004", 2)]


def test_unknown_rules_in_suppressions_are_reported(tmp_path):
    """A misspelt rule silences nothing: GIA006 names it (not GIA003 as unused, not ignored)."""
    text = MARKED.replace("本年主动公开政府信息（待补充）条。",
                          "<!-- gialint-disable-next-line GIA501 draft-markers GIA99 -->\n"
                          "本年主动公开政府信息（待补充）条。")
    text = "<!-- gialint-disable-file structure, missing-sectoin -->\n" + text
    text += "<!-- gialint-enable GIA5O1 -->\n"
    res = call("--isolated", "--format", "json", _write(tmp_path, text), cwd=tmp_path)
    found = [(f["rule"], f["line"], f["message"]) for f in res.findings()]
    marker = text.splitlines().index("本年主动公开政府信息（待补充）条。")  # 0-based: the comment's line
    assert [(r, line) for r, line, _ in found] == [("GIA003", 1), ("GIA006", 1), ("GIA006", marker),
                                                   ("GIA006", len(text.splitlines()))], found
    assert "中的 missing-sectoin 不是" in found[1][2]
    assert "draft-markers, GIA99" in found[2][2] and "请检查拼写" in found[2][2]
    assert "GIA5O1" in found[3][2]
    assert res.code == 0  # warnings: the GIA501 it names is silenced all the same
    en = call("--isolated", "--lang", "en", "--format", "json", _write(tmp_path, text), cwd=tmp_path)
    assert "check the spelling" in en.findings()[1]["message"]
    # a rule that is not enabled is known all the same: only the misspelt ones are reported
    only = call("--isolated", "--select", "GIA1,GIA006", "--format", "json", _write(tmp_path, text),
                cwd=tmp_path)
    assert [(f["rule"], f["line"]) for f in only.findings()] == [(r, line) for r, line, _ in found[1:]]
    # ignored like any rule
    quiet = call("--isolated", "--ignore", "GIA006", "--format", "json", _write(tmp_path, text),
                 cwd=tmp_path)
    assert "GIA006" not in {f["rule"] for f in quiet.findings()}


def test_sarif_lists_suppressed_findings(tmp_path):
    text = MARKED.replace("本年主动公开政府信息（待补充）条。",
                          "<!-- gialint-disable-next-line GIA501 -->\n本年主动公开政府信息（待补充）条。")
    res = call("--isolated", "--format", "sarif", _write(tmp_path, text), cwd=tmp_path)
    doc = json.loads(res.out)
    jsonschema.validate(doc, SCHEMA)
    (result,) = doc["runs"][0]["results"]
    assert result["ruleId"] == "GIA501"
    assert result["suppressions"][0]["kind"] == "inSource"
    assert doc["runs"][0]["automationDetails"]["id"] == "gialint/"


def test_baseline_suppresses_known_findings_even_when_they_move(tmp_path):
    report = _write(tmp_path, MARKED)
    base = tmp_path / "baseline.json"
    res = call("--isolated", "--write-baseline", base, report, cwd=tmp_path)
    assert res.code == 0 and base.is_file()
    # lines inserted above: still known
    report.write_text(MARKED.replace("一、总体情况\n", "一、总体情况\n\n\n\n"), encoding="utf-8")
    res = call("--isolated", "--format", "json", "--baseline", base, report, cwd=tmp_path)
    assert _rules(res) == [] and res.code == 0
    # a new defect shows up
    report.write_text(MARKED + "\n全年共XX条。\n", encoding="utf-8")
    res = call("--isolated", "--format", "json", "--baseline", base, report, cwd=tmp_path)
    assert [r for r, _ in _rules(res)] == ["GIA502"]
    res = call("--isolated", "--format", "sarif", "--baseline", base, report, cwd=tmp_path)
    doc = json.loads(res.out)
    jsonschema.validate(doc, SCHEMA)
    states = sorted(r["baselineState"] for r in doc["runs"][0]["results"])
    assert states == ["new", "unchanged"]


def test_bad_baseline_is_an_input_error(tmp_path):
    bad = _write(tmp_path, "{not json", "b.json")
    res = call("--isolated", "--baseline", bad, _write(tmp_path, CLEAN), cwd=tmp_path)
    assert res.code == 2 and "b.json" in res.err and "Traceback" not in res.err


def test_baseline_on_the_real_reports(tmp_path):
    import shutil

    real = Path(__file__).parent / "data" / "real"
    corpus = tmp_path / "reports"
    corpus.mkdir()
    for p in sorted(real.iterdir()):
        if p.suffix in (".txt", ".md"):
            shutil.copy(p, corpus / p.name)
    base = tmp_path / "baseline.json"
    assert call("--isolated", "--write-baseline", base, corpus, cwd=tmp_path).code == 0
    again = call("--isolated", "--format", "json", "--baseline", base, corpus, cwd=tmp_path)
    assert again.code == 0
    assert all(f["findings"] == [] for f in again.json()["files"])
    seed = corpus / "002_293c52a418def646.txt"
    seed.write_text("本年共主动公开政府信息XX条。\n" + seed.read_text(encoding="utf-8"), encoding="utf-8")
    planted = call("--isolated", "--format", "json", "--baseline", base, corpus, cwd=tmp_path)
    new = [(f["path"].rsplit("/", 1)[-1], g["rule"]) for f in planted.json()["files"] for g in f["findings"]]
    assert ("002_293c52a418def646.txt", "GIA502") in new


def test_engine_rules_are_declared_once_and_found():
    """Each engine rule of gialint/checks/engine.py is exactly one built-in rule."""
    from gialint.checks.engine import ENGINE_RULES, engine_rule
    from gialint.config import Config
    from gialint.ruleset import Options, RuleSet

    loaded = RuleSet(Config(), Options()).all
    found = [engine_rule(which, loaded) for which in ENGINE_RULES]
    assert [r.id for r in found] == ["GIA001", "GIA003", "GIA004", "GIA006"]
    for which, rule in zip(ENGINE_RULES, found, strict=True):
        same = [loaded_rule for loaded_rule in loaded if loaded_rule.rule.kind == which.kind
                and getattr(loaded_rule.check, "problem", None) == which.problem]
        assert [loaded_rule.rule for loaded_rule in same] == [rule]
