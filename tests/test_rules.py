"""Every rule against its own fixtures: tests/fixtures/rules/<RULE_ID>/.

A folder holds ``pass_*`` reports (the rule must not fire) and ``fail_*``
reports (it must fire) — ``.txt`` mostly, any kind of file gialint reads
(``.pdf`` for a PDF's rule) — and ``expected.toml``, which lists for each
fail fixture the positions of the findings::

    [fail_six_is_work_plan]
    positions = [[12, 1, 12, 12]]     # line, column, end_line, end_column
    related = [[4, 1, 4, 13]]         # optional: related locations
    args = ["--edition", "2019"]      # optional: extra command-line arguments
    xfail = "reason"                  # optional: a known gialint bug (strict xfail)
    file = "2024.txt"                 # a folder fixture: the file the findings are in
    related_file = "2023.txt"         # optional: the file of the related locations

A fixture may be a folder ``pass_*/`` or ``fail_*/`` of several reports, linted
together: the rules that compare an organ's reports across years (GIA751–GIA758).

The linter runs with ``--isolated --select <ID> --format json``.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from gialint_testing import RULE_FIXTURES, call, positions, run_main

from gialint.readers import EXTENSIONS

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def _fixtures(folder: Path, prefix: str = "*") -> list[Path]:
    """The report files of a fixture folder (``prefix``: pass, fail or *)."""
    return sorted(p for p in folder.glob(f"{prefix}_*") if p.suffix.lower() in EXTENSIONS or p.is_dir())


def _expected(folder: Path) -> dict:
    path = folder / "expected.toml"
    return tomllib.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def _cases():
    for folder in sorted(p for p in RULE_FIXTURES.iterdir() if p.is_dir()):
        expected = _expected(folder)
        for path in _fixtures(folder):
            kind = path.stem.split("_", 1)[0]
            if kind not in ("pass", "fail"):
                continue
            entry = expected.get(path.stem, {})
            marks = []
            if "xfail" in entry:
                marks.append(pytest.mark.xfail(strict=True, reason=entry["xfail"]))
            yield pytest.param(folder.name, path, kind, entry, marks=marks,
                               id=f"{folder.name}/{path.stem}")


CASES = list(_cases())


def _lint(capsys, rule: str, path: Path, extra=()):
    result = run_main(capsys, "--isolated", "--select", rule, "--format", "json", *extra, path)
    # a scanned PDF alone: nothing could be checked, which is exit 2 (GIA005 says why)
    scan = result.code == 2 and "未检查任何文件" in result.err and path.suffix == ".pdf"
    assert result.code in (0, 1) or scan, result.err
    assert "Traceback" not in result.err
    doc = result.json()
    if path.is_dir():  # several reports linted together: each finding with its file's name
        assert len(doc["files"]) >= 2
        assert all(f["error"] is None for f in doc["files"])
        return result, [dict(x, file=Path(f["path"]).name) for f in doc["files"] for x in f["findings"]]
    assert len(doc["files"]) == 1
    assert doc["files"][0]["error"] is None
    return result, doc["files"][0]["findings"]


@pytest.mark.parametrize("rule,path,kind,entry", CASES)
def test_fixture(capsys, rule, path, kind, entry):
    result, findings = _lint(capsys, rule, path, entry.get("args", ()))
    # --select <ID> enables that rule only
    assert {f["rule"] for f in findings} <= {rule}
    if kind == "pass":
        assert findings == [], f"{rule} fired on {path.name}"
        assert result.code == 0
        return
    assert "positions" in entry, f"{path.parent.name}/expected.toml has no [{path.stem}]"
    assert positions(findings, rule) == sorted(entry["positions"])
    for f in findings:
        assert f["message"].strip()
        assert not re.search(r"\{[a-z_]+\}", f["message"]), f["message"]  # placeholders filled
    if "file" in entry:
        assert {f["file"] for f in findings} == {entry["file"]}
    if "related" in entry:
        got = sorted([r["line"], r["column"], r["end_line"], r["end_column"]]
                     for f in findings for r in f["related"])
        assert got == sorted(entry["related"])
    if "related_file" in entry:
        assert {Path(r["path"]).name for f in findings for r in f["related"]} == {entry["related_file"]}
    # exit 1 exactly when a finding is an error (the default --fail-on); 2 when nothing
    # could be checked (a scanned PDF)
    if "未检查任何文件" in result.err:
        assert result.code == 2
    else:
        assert result.code == (1 if any(f["severity"] == "error" for f in findings) else 0)


def _rules_listed() -> list[dict]:
    result = call("rules", "--isolated", "--format", "json")
    assert result.code == 0, result.err
    return json.loads(result.out)


# Rules that no report can make fire — they report gialint's own failures —
# each with the test that makes it fire instead.  They need pass fixtures only.
NO_FAIL_FIXTURE = {
    "GIA001": "test_hostile.py::test_crashing_rule_is_an_internal_error",
}


def test_no_fail_fixture_exemptions_are_real():
    """Every exemption names an existing rule, a test that exists, and no fail fixture."""
    ids = {r["id"] for r in _rules_listed()}
    for rid, test in NO_FAIL_FIXTURE.items():
        assert rid in ids, rid
        module, name = test.split("::")
        assert f"def {name}(" in (Path(__file__).parent / module).read_text(encoding="utf-8"), test
        assert not _fixtures(RULE_FIXTURES / rid, "fail"), f"{rid} has fail fixtures: drop the exemption"


def test_every_rule_has_fixtures():
    """A new rule without a fixture folder fails the suite."""
    ids = [r["id"] for r in _rules_listed()]
    assert ids, "gialint rules lists no rules"
    missing = [i for i in ids if not (RULE_FIXTURES / i).is_dir()]
    assert not missing, f"rules without tests/fixtures/rules/<ID>/: {missing}"
    for rid in ids:
        folder = RULE_FIXTURES / rid
        assert _fixtures(folder, "pass"), f"{rid}: no pass_* fixture"
        assert rid in NO_FAIL_FIXTURE or _fixtures(folder, "fail"), f"{rid}: no fail_* fixture"


def test_every_fixture_folder_is_a_rule():
    ids = {r["id"] for r in _rules_listed()}
    folders = {p.name for p in RULE_FIXTURES.iterdir() if p.is_dir()}
    assert folders <= ids, f"fixture folders for unknown rules: {sorted(folders - ids)}"


@pytest.mark.parametrize("folder", sorted(p.name for p in RULE_FIXTURES.iterdir() if p.is_dir()))
def test_expected_toml_matches_fixtures(folder):
    """Every fail fixture has expected positions and every entry has a fixture."""
    expected = _expected(RULE_FIXTURES / folder)
    fails = {p.stem for p in _fixtures(RULE_FIXTURES / folder, "fail")}
    assert set(expected) == fails
    for name, entry in expected.items():
        assert set(entry) <= {"positions", "related", "args", "xfail", "file", "related_file"}, name
        assert entry["positions"], name
        for pos in entry["positions"]:
            assert len(pos) == 4 and all(isinstance(n, int) and n >= 1 for n in pos), (name, pos)


def test_rule_listing_shape():
    for r in _rules_listed():
        assert re.fullmatch(r"GIA\d{3}", r["id"])
        assert re.fullmatch(r"[a-z][a-z0-9-]*", r["name"])
        assert r["severity"] in ("error", "warning", "info")
        assert r["editions"] and set(r["editions"]) <= {"legacy", "2019", "2021"}
        assert r["summary"]


@pytest.mark.parametrize("rule", ["GIA101", "GIA501"])
def test_fail_fixtures_fire_with_all_rules_enabled(capsys, rule):
    """Selecting one rule does not change what it finds."""
    for path in _fixtures(RULE_FIXTURES / rule, "fail"):
        entry = _expected(RULE_FIXTURES / rule)[path.stem]
        if "xfail" in entry:
            continue
        _, findings = _lint(capsys, "ALL", path, entry.get("args", ()))
        assert positions(findings, rule) == sorted(entry["positions"]), path.name


MISWORDED_FIVE = """\
某某街道办事处2023年政府信息公开工作年度报告
一、总体情况
2023年，本街道认真落实《中华人民共和国政府信息公开条例》。
二、主动公开政府信息情况
本年主动公开政府信息120条。
三、收到和处理政府信息公开申请情况
本年收到政府信息公开申请3件，均已按期答复。
四、政府信息公开行政复议、行政诉讼情况
本年未发生政府信息公开行政复议、行政诉讼案件。
五、政府信息管理
本年清理规范性文件12件。
（一）存在的主要问题
公开内容还不够全面。
六、其他需要报告的事项
本年未收取信息处理费。
"""


def test_misworded_heading_in_place_of_a_section_is_named(capsys, tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(MISWORDED_FIVE, encoding="utf-8")
    _, findings = _lint(capsys, "ALL", path)
    at_heading = [f for f in findings if f["line"] == 10 and f["column"] == 1]
    assert {f["rule"] for f in at_heading} & {"GIA101", "GIA103", "GIA105", "GIA107"}
