"""An organ's reports across the years (gialint/history.py, rules/history.toml):
grouping, the cross-year relations on the real Pingtan series, --organ, --history,
[[organs]], and both places in every output format.  The pass/fail cases of each
rule are folder fixtures in tests/fixtures/rules/GIA751 … GIA758."""

from __future__ import annotations

import json
import pickle
import shutil
from pathlib import Path

import jsonschema
import pytest
from gialint_testing import REAL, RULE_FIXTURES, SARIF_SCHEMA, run_main

from gialint.api import FileReport, Linter, lint_paths, lint_text
from gialint.organs import organ_key
from gialint.tomlpos import ConfigError

CARRY = RULE_FIXTURES / "GIA754" / "fail_carry_over_changed"
PINGTAN_2019_2025 = [REAL / f"{y}_pingtan-zone.txt" for y in range(2019, 2026)]


def _by_name(reports):
    return {Path(r.path).name: r for r in reports}


# -- the organ ----------------------------------------------------------------------

@pytest.mark.parametrize("a,b", [
    ("青石镇人民政府", "青石镇 政府"),
    ("青石镇人民政府", "青石鎮人民政府"),  # traditional characters
    ("某市人民政府办公室", "某市政府办公室"),
    ("某市人民政府办公室", "某市政府办"),
    ("平潭综合实验区管委会", "平潭综合实验区"),
    ("会同县", "会同县人民政府"),  # a bare place name is its government
])
def test_spellings_of_one_organ_meet(a, b):
    assert organ_key(a) == organ_key(b)


@pytest.mark.parametrize("a,b", [
    ("某市人民政府", "某市人民政府办公室"),  # the government and its general office differ
    ("平潭县人民政府", "平潭综合实验区"),
    ("某市人民政府", "某市人民政府办公厅"),
])
def test_different_organs_stay_apart(a, b):
    assert organ_key(a) != organ_key(b)


def test_a_parent_region_prefix_is_the_same_organ(tmp_path):
    """洪泽区人民政府 (2023) and 淮安市洪泽区人民政府 (2024): one organ, no GIA753."""
    for name, organ, year in (("a.txt", "洪泽区人民政府", 2023), ("b.txt", "淮安市洪泽区人民政府", 2024)):
        text = (CARRY / f"{year}.txt").read_text(encoding="utf-8").replace("青石镇人民政府", organ)
        (tmp_path / name).write_text(text, encoding="utf-8")
    reports = _by_name(lint_paths([tmp_path], isolated=True, select=["GIA75"]))
    assert not reports["a.txt"].findings
    assert [f.rule for f in reports["b.txt"].findings] == ["GIA754", "GIA754"]


# -- the relations, through the library ----------------------------------------------

def test_findings_attach_to_the_later_report_with_the_earlier_place():
    reports = _by_name(lint_paths([CARRY], isolated=True, select=["GIA754"]))
    assert reports["2023.txt"].findings == ()
    found = reports["2024.txt"].findings
    assert [(f.line, f.column) for f in found] == [(26, 20), (26, 44)]
    for f in found:
        assert f.category == "consistency" and f.severity == "warning"
        (rel,) = f.related
        assert Path(rel.path).name == "2023.txt" and rel.line == 50
        assert "2023" in rel.message
    assert "为 1" in found[0].message and "为 2" in found[0].message


def test_a_folder_of_three_years_of_one_organ_and_two_organs_of_one_year(tmp_path):
    """青石镇 2022–2024 (a carry-over chain kept, one spelt 青石镇政府) and 白沙镇 2024: clean;
    each report names the organ it was grouped under."""
    for src in (RULE_FIXTURES / "GIA754" / "pass_three_years").iterdir():
        shutil.copy(src, tmp_path / f"qingshi_{src.name}")
    shutil.copy(RULE_FIXTURES / "GIA754" / "pass_two_organs" / "baisha_2024.txt", tmp_path)
    reports = lint_paths([tmp_path], isolated=True, select=["GIA75"])
    assert len(reports) == 4 and all(r.findings == () for r in reports)
    assert {Path(r.path).name: r.organ for r in reports}["baisha_2024.txt"] == "白沙镇人民政府"
    named = lint_paths([tmp_path], isolated=True, select=["GIA75"], organ="某镇")
    assert {r.organ for r in named} == {"某镇"}
    # one organ now: two reports for 2024 (GIA751), and 白沙镇's carry-over is not 青石镇's 2023's
    assert any(f.rule == "GIA751" for r in named for f in r.findings)


def test_results_pickle_and_round_trip_with_the_other_file():
    (later,) = [r for r in lint_paths([CARRY], isolated=True, select=["GIA754"]) if r.findings]
    again = pickle.loads(pickle.dumps(later))
    assert again == later
    assert FileReport.from_dict(json.loads(json.dumps(later.to_dict()))) == later
    assert later.to_dict()["findings"][0]["related"][0]["path"].endswith("2023.txt")


def test_one_report_is_compared_with_nothing():
    text = (CARRY / "2024.txt").read_text(encoding="utf-8")
    assert not lint_text(text, "2024.txt", isolated=True, select=["GIA75"]).findings


def test_workers_give_the_same_findings():
    one = lint_paths([CARRY], isolated=True, select=["GIA75"], jobs=1)
    two = lint_paths([CARRY], isolated=True, select=["GIA75"], jobs=2)
    assert one == two


def test_ignore_and_severity_work_as_for_any_rule(tmp_path):
    folder = tmp_path / "reports"
    shutil.copytree(CARRY, folder)
    assert not any(r.findings for r in lint_paths([folder], isolated=True, select=["GIA75"],
                                                   ignore=["carry-over-vs-last-year"]))
    (tmp_path / "gialint.toml").write_text(
        'select = ["GIA75"]\n[severity]\nGIA754 = "error"\n[per-file-ignores]\n"2025.txt" = ["GIA754"]\n',
        encoding="utf-8")
    reports = _by_name(lint_paths([folder]))
    assert {f.severity for f in reports["2024.txt"].findings} == {"error"}
    (tmp_path / "gialint.toml").write_text(
        'select = ["GIA75"]\n[per-file-ignores]\n"2024.txt" = ["GIA754"]\n', encoding="utf-8")
    assert not any(r.findings for r in lint_paths([folder]))


def test_an_inline_comment_silences_a_cross_year_finding(tmp_path):
    shutil.copytree(CARRY, tmp_path / "r")
    later = tmp_path / "r" / "2024.txt"
    lines = later.read_text(encoding="utf-8").split("\n")
    lines.insert(25, "<!-- gialint-disable-next-line GIA754 -->")
    later.write_text("\n".join(lines), encoding="utf-8")
    reports = _by_name(lint_paths([tmp_path / "r"], isolated=True, select=["GIA754", "GIA003"]))
    assert reports["2024.txt"].findings == ()  # silenced, and the comment is not "unused"
    assert [s.finding.rule for s in reports["2024.txt"].suppressed] == ["GIA754", "GIA754"]
    assert {s.kind for s in reports["2024.txt"].suppressed} == {"inSource"}


# -- the real series of one zone -----------------------------------------------------

def test_the_pingtan_carry_over_chain_2019_to_2025_is_clean():
    reports = lint_paths(PINGTAN_2019_2025, isolated=True, select=["GIA75"])
    assert [r.report_year for r in reports] == list(range(2019, 2026))
    assert all(r.findings == () for r in reports), [(r.path, r.findings) for r in reports if r.findings]


def test_the_pingtan_series_2011_to_2025_and_its_web_pages():
    """Fifteen years of text and three web pages of the same reports: the web pages are
    the same years again (GIA751), nothing else fires; the 2014 title's 管委会 is the zone."""
    paths = [REAL / f"{y}_pingtan-zone.txt" for y in range(2011, 2026)] + sorted((REAL / "html").glob("*.html"))
    reports = lint_paths(paths, isolated=True, select=["GIA75"])
    fired = {(Path(r.path).name, f.rule) for r in reports for f in r.findings}
    assert fired == {(f"{y}_pingtan-zone.html", "GIA751") for y in (2023, 2024, 2025)}
    for r in reports:
        for f in r.findings:
            assert Path(f.related[0].path).name == Path(r.path).name.replace(".html", ".txt")


def test_the_pingtan_legacy_cumulative_column_2011_to_2018():
    """GIA762 on the zone's legacy tables (历年累计 column), judged by reading them side
    by side: 2014 = 2013 + this year (76424 + 2543 = 78967) holds; 2012's 历年累计
    4359 is not 2011's 1516 + 739 (the 2011 table is the 平潭县 government's, copied:
    GIA761), 2013's 76424 is not 2012's 4359 + 72804, and in 2016 the 历年累计 of the
    one application of 2014 (受理, 信函、传真, 答复, 同意公开: 1 in 2015) fell to 0.
    The glued rows of 2015–2018 (主动公开文件数条294981916) are not read: no claim."""
    paths = [REAL / f"{y}_pingtan-zone.txt" for y in range(2011, 2019)]
    reports = lint_paths(paths, isolated=True, select=["GIA762"])
    fired = sorted((Path(r.path).name, f.column, f.message.split("，但")[0])
                   for r in reports for f in r.findings)
    assert fired == [
        ("2012_pingtan-zone.txt", 4515, "统计表“主动公开信息数”历年累计为 4359"),  # 1516 + 739
        ("2012_pingtan-zone.txt", 4536, "统计表“1、网站公开”历年累计为 4359"),  # 1509 + 739
        ("2012_pingtan-zone.txt", 4554, "统计表“2、政府公报公开”历年累计为 0"),  # 7 + 0
        ("2013_pingtan-zone.txt", 2502, "统计表“主动公开信息数”历年累计为 76424"),  # 4359 + 72804
        ("2013_pingtan-zone.txt", 2526, "统计表“1、网站公开”历年累计为 76424"),
        ("2016_pingtan-zone.txt", 5033, "统计表“受理依申请公开信息总数”历年累计为 0"),  # 1 + 0
        ("2016_pingtan-zone.txt", 5069, "统计表“3、信函、传真申请数”历年累计为 0"),
        ("2016_pingtan-zone.txt", 5080, "统计表“对申请的答复总数”历年累计为 0"),
        ("2016_pingtan-zone.txt", 5095, "统计表“1、同意公开答复数”历年累计为 0"),
    ]
    assert all(f.severity == "warning" for r in reports for f in r.findings)


def test_a_changed_carry_over_in_the_real_series_fires(tmp_path):
    """2021's 结转下年度继续办理 is 1 and 2022's 上年结转 is 1: change 2022's and GIA754 fires."""
    (tmp_path / "2021.txt").write_text((REAL / "2021_pingtan-zone.txt").read_text(encoding="utf-8"),
                                       encoding="utf-8")
    text = (REAL / "2022_pingtan-zone.txt").read_text(encoding="utf-8")
    report = Linter(isolated=True).lint_text(text, "x.txt")
    assert report.report_year == 2022
    from gialint.config import Config
    from gialint.pipeline import analyse
    from gialint.readers import read_path
    from gialint.ruleset import Options, RuleSet

    model = analyse(read_path(str(REAL / "2022_pingtan-zone.txt")), RuleSet(Config(), Options()))
    cell = model.data.cells["t3.carried_over.total"]
    assert cell.value == 1
    changed = text[:cell.span.start] + "3" + text[cell.span.end:]
    (tmp_path / "2022.txt").write_text(changed, encoding="utf-8")
    reports = _by_name(lint_paths([tmp_path], isolated=True, select=["GIA754"]))
    (f,) = reports["2022.txt"].findings
    assert "总计为 3" in f.message and Path(f.related[0].path).name == "2021.txt"


# -- --organ, --history, [[organs]] ---------------------------------------------------

def test_organ_option_groups_reports_without_an_organ(capsys):
    folder = RULE_FIXTURES / "GIA753" / "fail_no_organ"
    plain = run_main(capsys, "--isolated", "--select", "GIA753", "--format", "json", folder)
    assert [f["rule"] for e in plain.json()["files"] for f in e["findings"]] == ["GIA753"]
    named = run_main(capsys, "--isolated", "--select", "GIA753", "--format", "json",
                     "--organ", "青石镇人民政府", folder)
    assert [f for e in named.json()["files"] for f in e["findings"]] == []


def test_history_reports_are_compared_but_not_reported(capsys):
    result = run_main(capsys, "--isolated", "--select", "GIA75", "--format", "json",
                      "--history", CARRY, CARRY / "2024.txt")
    files = result.json()["files"]
    assert [Path(f["path"]).name for f in files] == ["2024.txt"]
    assert [f["rule"] for f in files[0]["findings"]] == ["GIA754", "GIA754"]
    assert Path(files[0]["findings"][0]["related"][0]["path"]).name == "2023.txt"


def test_history_must_exist(capsys):
    result = run_main(capsys, "--isolated", "--history", "/no/such/folder", CARRY / "2024.txt")
    assert result.code == 2 and "--history" in result.err


def test_organs_in_the_config(tmp_path):
    folder = tmp_path / "r"
    shutil.copytree(RULE_FIXTURES / "GIA753" / "fail_no_organ", folder)
    (tmp_path / "gialint.toml").write_text(
        'select = ["GIA753"]\n\n[[organs]]\nname = "青石镇人民政府"\nglobs = ["r/*.txt"]\n', encoding="utf-8")
    assert not any(r.findings for r in lint_paths([folder]))


@pytest.mark.parametrize("body,line,message", [
    ('[[organs]]\nname = "x"\n', 1, "missing required key 'globs'"),
    ('[[organs]]\nname = "x"\nglobs = "a/*"\n', 3, "globs"),
    ('[[organs]]\nname = ""\nglobs = ["a/*"]\n', 2, "must not be empty"),
    ('organs = "x"\n', 1, "list of tables"),
])
def test_organs_config_errors_have_file_and_line(tmp_path, body, line, message):
    cfg = tmp_path / "gialint.toml"
    cfg.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        Linter(config=cfg).lint_paths([CARRY])
    assert err.value.line == line, str(err.value)
    assert message in str(err.value)


# -- every output format shows both places ------------------------------------------

def test_text_output_names_the_other_file(capsys):
    result = run_main(capsys, "--isolated", "--select", "GIA754", CARRY)
    assert "2024.txt:26:20: GIA754" in result.out
    assert "2023.txt:50:15:" in result.out


def test_json_output_carries_the_other_path(capsys):
    result = run_main(capsys, "--isolated", "--select", "GIA754", "--format", "json", CARRY)
    doc = result.json()
    rel = [r for e in doc["files"] for f in e["findings"] for r in f["related"]]
    assert len(rel) == 2 and all(Path(r["path"]).name == "2023.txt" for r in rel)


def test_sarif_related_locations_point_into_the_earlier_file(capsys):
    result = run_main(capsys, "--isolated", "--select", "GIA754", "--format", "sarif", CARRY)
    doc = json.loads(result.out)
    jsonschema.validate(doc, json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
    run = doc["runs"][0]
    uris = [a["location"]["uri"] for a in run["artifacts"]]
    (res, _) = run["results"]
    assert run["artifacts"][res["locations"][0]["physicalLocation"]["artifactLocation"]["index"]][
        "location"]["uri"].endswith("2024.txt")
    other = res["relatedLocations"][0]["physicalLocation"]
    assert other["artifactLocation"]["uri"].endswith("2023.txt")
    assert uris[other["artifactLocation"]["index"]].endswith("2023.txt")
    assert other["region"]["startLine"] == 50 and other["region"]["snippet"]["text"] == "2"


@pytest.mark.parametrize("fmt", ["github", "gitlab", "junit"])
def test_other_formats_run(capsys, fmt):
    result = run_main(capsys, "--isolated", "--select", "GIA754", "--format", fmt, CARRY)
    assert result.code == 0 and "GIA754" in result.out
