"""The rule scaffold (``python -m gialint.scaffold``), in a temporary copy of
the repository: it appends an entry that loads, creates the fixture folder
tests/test_rules.py expects, and refuses what exists."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from gialint_testing import REPO, RULE_FIXTURES, run_main

from gialint.checks import REGISTRY, Check, Param
from gialint.docs import toml_value
from gialint.ruleset import load_rule_file
from gialint.scaffold import main

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


@pytest.fixture
def repo(tmp_path) -> Path:
    """rules/, examples/ and tests/fixtures/rules/ of the repository, copied."""
    shutil.copytree(REPO / "rules", tmp_path / "rules")
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    shutil.copytree(RULE_FIXTURES, tmp_path / "tests" / "fixtures" / "rules")
    return tmp_path


def _scaffold(capsys, root: Path, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main([*args, "--root", str(root)])
    out, err = capsys.readouterr()
    return code, out, err


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_scaffolded_rule_loads_and_has_its_fixture_folder(capsys, repo):
    code, out, err = _scaffold(capsys, repo, "GIA590", "leftover-note", "--kind", "pattern",
                               "--category", "placeholder")
    assert code == 0, err
    assert "GIA590" in out and "tests/test_rules.py -k GIA590" in out
    # appended to the category's file, which still loads, with the new rule last
    loaded = load_rule_file(repo / "rules" / "placeholders.toml")
    new = loaded[-1]
    assert (new.rule.id, new.rule.name, new.rule.kind, new.rule.category) == (
        "GIA590", "leftover-note", "pattern", "placeholder")
    assert [loaded_rule.rule.id for loaded_rule in loaded[:-1]] == [
        loaded_rule.rule.id for loaded_rule in load_rule_file(REPO / "rules" / "placeholders.toml")]
    # every parameter of the kind is listed, optional ones commented out
    text = (repo / "rules" / "placeholders.toml").read_text(encoding="utf-8")
    entry = text[text.index('id = "GIA590"'):]
    for name in REGISTRY["pattern"].params:
        assert f"{name} = " in entry, name
    assert "{match}" in entry  # the placeholders the messages may use
    # the folder in the layout of tests/test_rules.py
    folder = repo / "tests" / "fixtures" / "rules" / "GIA590"
    assert sorted(p.name for p in folder.iterdir()) == [
        "expected.toml", "fail_example.txt", "pass_example.txt"]
    expected = tomllib.loads((folder / "expected.toml").read_text(encoding="utf-8"))
    assert set(expected) == {"fail_example"}
    assert all(len(p) == 4 for p in expected["fail_example"]["positions"])


@pytest.mark.parametrize("kind", sorted(REGISTRY))
def test_every_kind_scaffolds_an_entry_that_loads(capsys, repo, kind):
    """Required parameters are filled with values that validate."""
    code, _, err = _scaffold(capsys, repo, "GIA990", "new-rule", "--kind", kind,
                             "--category", "structure", "--file", "rules/new.toml")
    assert code == 0, err
    (loaded_rule,) = load_rule_file(repo / "rules" / "new.toml")
    assert loaded_rule.rule.kind == kind


def test_a_kind_no_rule_uses_yet_gets_placeholders_that_validate(capsys, repo, monkeypatch):
    class Demo(Check):
        """A kind being written."""

        kind = "demo"
        params = {
            "patterns": Param("list[regex]", required=True, doc="what to find"),
            "mode": Param("str", required=True, choices=("a", "b"), doc="how"),
            "limit": Param("int", required=True, doc="how many"),
            "items": Param("list[table]", required=True, doc="the items", fields={
                "key": Param("str", required=True, doc="its name"),
                "note": Param("str", doc="optional"),
            }),
            "extra": Param("map[list[str]]", default={}, doc="more"),
        }
        message_args = ("match",)

        def check(self, report, ctx):
            return iter(())

    monkeypatch.setitem(REGISTRY, "demo", Demo)
    code, _, err = _scaffold(capsys, repo, "GIA990", "demo-rule", "--kind", "demo",
                             "--category", "structure", "--file", "rules/new.toml")
    assert code == 0, err
    text = (repo / "rules" / "new.toml").read_text(encoding="utf-8")
    assert "REQUIRED — replace a placeholder" in text and "# extra = {}" in text
    (loaded_rule,) = load_rule_file(repo / "rules" / "new.toml")
    assert loaded_rule.check.values["mode"] == "a" and loaded_rule.check.values["items"] == [{"key": "TODO", "note": None}]


def test_fill_in_and_the_rule_fires_on_its_fixture(capsys, repo):
    code, _, err = _scaffold(capsys, repo, "GIA991", "unverified-note", "--kind", "pattern",
                             "--category", "placeholder", "--file", "house.toml")
    assert code == 0, err
    house = repo / "house.toml"
    text = house.read_text(encoding="utf-8")
    start = text.index("[rule.params]")
    text = text[:start] + "[rule.params]\npatterns = ['待核实']\n"
    text = (text.replace('message.zh = "TODO 问题的消息"', 'message.zh = "遗留批注“{match}”"')
                .replace('message.en = "TODO: the message of a finding"',
                         'message.en = "Note “{match}” left in the report"'))
    house.write_text(text, encoding="utf-8")
    config = repo / "gialint.toml"
    config.write_text('rule-files = ["house.toml"]\n', encoding="utf-8")

    folder = repo / "tests" / "fixtures" / "rules" / "GIA991"
    fail = folder / "fail_example.txt"
    lines = fail.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(3, "本年数据待核实。\n")
    fail.write_text("".join(lines), encoding="utf-8")

    def findings(path):
        result = run_main(capsys, "--config", config, "--select", "GIA991", "--format", "json", path)
        assert result.code in (0, 1), result.err
        return result.findings()

    assert findings(folder / "pass_example.txt") == []
    (found,) = findings(fail)
    assert (found["line"], found["column"], found["end_line"], found["end_column"]) == (4, 5, 4, 8)
    assert found["message"] == "遗留批注“待核实”"


@pytest.mark.parametrize("args,why", [
    (("GIA101", "brand-new", "--kind", "pattern", "--category", "structure"),
     "rule id GIA101 exists already"),
    (("GIA990", "missing-section", "--kind", "pattern", "--category", "structure"),
     "rule name missing-section exists already"),
    (("GIA99", "brand-new", "--kind", "pattern", "--category", "structure"), "GIA123"),
    (("GIA990", "Brand_New", "--kind", "pattern", "--category", "structure"), "kebab-case"),
    (("GIA990", "brand-new", "--kind", "no_such_kind", "--category", "structure"),
     "unknown check kind"),
    (("GIA990", "brand-new", "--kind", "pattern", "--category", "misc"), "unknown category"),
])
def test_refuses_with_a_clear_message_and_exit_2(capsys, repo, args, why):
    before = _snapshot(repo)
    code, out, err = _scaffold(capsys, repo, *args)
    assert code == 2
    assert why in err and "Traceback" not in err
    assert _snapshot(repo) == before  # nothing written


def test_refuses_an_id_in_the_target_file_and_an_existing_fixture_folder(capsys, repo):
    args = ("--kind", "pattern", "--category", "placeholder", "--file", "house.toml")
    assert _scaffold(capsys, repo, "GIA992", "first-note", *args)[0] == 0
    code, _, err = _scaffold(capsys, repo, "GIA992", "second-note", *args)
    assert code == 2 and "GIA992 exists already (in house.toml)" in err
    (repo / "house.toml").unlink()
    code, _, err = _scaffold(capsys, repo, "GIA992", "second-note", *args)
    assert code == 2 and "exists already" in err and "GIA992" in err


def test_outside_a_repository_is_refused(capsys, tmp_path):
    code, _, err = _scaffold(capsys, tmp_path, "GIA990", "brand-new", "--kind", "pattern",
                             "--category", "structure")
    assert code == 2 and "--root" in err


def test_without_examples_the_fixtures_are_stubs(capsys, repo):
    shutil.rmtree(repo / "examples")
    code, _, err = _scaffold(capsys, repo, "GIA990", "brand-new", "--kind", "pattern",
                             "--category", "structure")
    assert code == 0, err
    folder = repo / "tests" / "fixtures" / "rules" / "GIA990"
    assert "TODO" in (folder / "pass_example.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("value", [
    "plain", r"\d+年", 'say "hi"', "it's \\d", "tab\tand\nnewline\x01", 12, True,
    ["a", r"\s"], {"安徽": ["合肥"], "key": 1}, [{"key": "x", "patterns": ["y"]}],
])
def test_toml_values_round_trip(value):
    assert tomllib.loads(f"v = {toml_value(value)}")["v"] == value
