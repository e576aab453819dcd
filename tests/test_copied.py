"""Copied text between reports (GIA760, GIA761; gialint/copied.py): the
comparison itself, beyond the per-rule fixtures — common wording set aside,
the national format's words never counted, thresholds as rule parameters,
the same findings from worker processes, both places in SARIF."""

from __future__ import annotations

import json
import pickle
import shutil

import jsonschema
import pytest
from gialint_testing import RULE_FIXTURES, SARIF_SCHEMA, run_main

from gialint import copied
from gialint.api import lint_paths
from gialint.findings import Location, Place

TWO_TOWNS = RULE_FIXTURES / "GIA761" / "fail_two_towns"
COPIED_FIVE = RULE_FIXTURES / "GIA760" / "fail_problems_copied"
WHERE = Place(Location(0, 0, 1, 1, 1, 1), "")

PROBLEMS = ("本机关政府信息公开工作仍存在一些不足：一是公开内容不够全面，部分领域信息更新不够及时；"
            "二是政策解读形式较为单一，图解、视频等形式运用较少；三是依申请公开答复的规范化水平有待提高。")


def _print(*sections: str) -> dict:
    out = {}
    for n, text in enumerate(sections, 1):
        sp = copied.SectionPrint(f"s{n}", f"第{n}部分")
        for sentence in text.split("。"):
            if sentence:
                sp.add(WHERE, copied._hashes(sentence + "。"), sentence[:10])
        out[sp.key] = sp
    return out


def test_runs_are_wording_not_figures_or_the_format_s_labels():
    assert len(copied._hashes("0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |".replace(" ", ""))) == 0
    assert len(copied._hashes("2024年12月")) == 0  # fewer than three Chinese characters a run
    # a table's labels glued into a paragraph are the national format's words
    assert len(copied._hashes("本年新收政府信息公开申请数量")) == 0
    assert len(copied._hashes(PROBLEMS)) > 60


def test_a_copied_section_is_found_and_a_different_one_is_not():
    other = "上年指出的信息更新不及时问题已通过建立周更新制度整改到位，本年发现村务公开栏内容更新滞后，部分行政村未按季度公开财务收支。"
    a, b, c = _print(PROBLEMS), _print(PROBLEMS), _print(other * 2)
    (copy,) = copied.copied_sections(a, b, min_share=0.8, min_chars=80)
    assert copy.key == "s1" and copy.share == 1.0 and copy.excerpt == "本机关政府信息公开工"
    assert copied.copied_sections(a, c, min_share=0.8, min_chars=80) == []
    # too little prose to judge
    assert copied.copied_sections(a, b, min_share=0.8, min_chars=10_000) == []


def test_wording_most_reports_share_is_set_aside(monkeypatch):
    """A passage in more than COMMON_SHARE of a year's reports (and at least
    COMMON_MIN) is the common wording of a place: it does not make a copy."""
    own = ["白沙镇以村务公开栏为主要平台，重点公开了惠农补贴发放和农村危房改造等群众关心的事项，全年更新公开栏四次。",
           "青石镇建立了信息发布三审制度，由分管领导、党政办主任和经办人逐级审核，全年未发生信息发布差错。",
           "东山街道在社区服务中心设立政府信息查阅点，配备专人接待群众查阅，全年接待查阅群众一百二十人次。",
           "西河乡把政务公开纳入村级年度考核，由党政办每季度抽查一次，并在乡干部大会上通报抽查结果。"]
    prints = [_print(PROBLEMS + text) for text in own]
    groups = ["白沙镇", "青石镇", "东山街道", "西河乡"]
    found = copied.same_year_pairs(prints, groups, min_share=0.4, min_chars=40)
    assert all(pairs for pairs in found)  # with so few reports, the shared passage counts
    monkeypatch.setattr(copied, "COMMON_MIN", 2)
    monkeypatch.setattr(copied, "COMMON_SHARE", 0.5)
    assert copied.same_year_pairs(prints, groups, min_share=0.4, min_chars=40) == [[], [], [], []]


def test_reports_of_one_organ_are_not_compared_as_other_organs():
    prints = [_print(PROBLEMS), _print(PROBLEMS)]
    assert copied.same_year_pairs(prints, ["青石镇", "青石镇"], min_share=0.8, min_chars=80) == [[], []]


def test_a_section_print_pickles_small():
    sp = _print(PROBLEMS * 20)["s1"]
    assert pickle.loads(pickle.dumps(sp)).runs() == sp.runs()
    assert len(pickle.dumps(sp)) < 6 * len(sp.hashes) + 2000


def test_workers_give_the_same_findings():
    one = lint_paths([TWO_TOWNS], isolated=True, select=["GIA761"], jobs=1)
    two = lint_paths([TWO_TOWNS], isolated=True, select=["GIA761"], jobs=2)
    assert one == two and all(len(r.findings) == 1 for r in one)


def test_thresholds_are_rule_parameters(tmp_path):
    """A stricter copy of the rule in a rule file of one's own, the built-in ignored."""
    rules = tmp_path / "mine.toml"
    from gialint.resources import resource_dir

    body = (resource_dir("rules") / "copied.toml").read_text(encoding="utf-8").split("[[rule]]")[1]
    body = body.replace('"GIA760"', '"GIA960"').replace("section-copied-from-last-year", "five-copied-strict")
    rules.write_text("[[rule]]" + body.replace("min_share = 80", "min_share = 100"), encoding="utf-8")
    cfg = tmp_path / "gialint.toml"
    cfg.write_text('rule-files = ["mine.toml"]\nselect = ["GIA960"]\n', encoding="utf-8")
    folder = tmp_path / "r"
    shutil.copytree(RULE_FIXTURES / "GIA760" / "fail_nearly_copied_markdown", folder)
    assert not any(r.findings for r in lint_paths([folder], config=cfg))  # 84% < 100%
    shutil.rmtree(folder)
    shutil.copytree(COPIED_FIVE, folder)
    (f,) = [f for r in lint_paths([folder], config=cfg) for f in r.findings]
    assert f.rule == "GIA960" and "100%" in f.message
    rules.write_text(rules.read_text(encoding="utf-8").replace("min_share = 100", "min_share = 0"),
                     encoding="utf-8")
    from gialint.tomlpos import ConfigError

    with pytest.raises(ConfigError, match="min_share"):
        lint_paths([folder], config=cfg)


def test_sarif_points_into_the_other_report(capsys):
    res = run_main(capsys, "--isolated", "--select", "GIA760", "--format", "sarif", COPIED_FIVE)
    doc = json.loads(res.out)
    jsonschema.validate(doc, json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
    (result,) = doc["runs"][0]["results"]
    assert result["ruleId"] == "GIA760"
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("2024.txt")
    (rel,) = result["relatedLocations"]
    assert rel["physicalLocation"]["artifactLocation"]["uri"].endswith("2023.txt")
    assert rel["physicalLocation"]["region"]["startLine"] == 58


def test_a_failure_of_the_comparison_keeps_each_file_s_findings(capsys, monkeypatch):
    """A bug in the stage after the pipeline is an internal error (exit 2, said in
    Chinese), and the files' own findings are still reported."""
    from gialint import history

    def broken(entries, lang):
        raise RuntimeError("boom")

    monkeypatch.setattr(history, "compare", broken)
    res = run_main(capsys, "--isolated", "--select", "GIA760,GIA503", "--format", "json", TWO_TOWNS)
    assert res.code == 2
    assert len(json.loads(res.out)["files"]) == 2
    assert "比较各报告（跨年度、照搬内容）时发生内部错误" in res.err and "boom" in res.err
    assert "Traceback" not in res.err


def test_run_hashes_are_the_plain_definition():
    """_run_hashes counts Chinese characters with running sums (in C): the same as
    taking every run of SHINGLE characters with at least MIN_HAN of them."""
    import random
    import zlib

    def plain(text):
        runs = [text[i:i + copied.SHINGLE] for i in range(len(text) - copied.SHINGLE + 1)]
        return [zlib.crc32(r.encode("utf-32-le")) for r in runs
                if sum(map(copied._is_han, r)) >= copied.MIN_HAN]

    rng = random.Random(11)
    alphabet = "政府信息公开1,。、 ab（）"
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert copied._run_hashes(text) == plain(text), text


def test_fingerprints_are_made_only_when_a_rule_compares_text():
    from gialint.config import Config
    from gialint.pipeline import lint_source
    from gialint.readers import read_path
    from gialint.ruleset import Options, RuleSet

    src = read_path(str(COPIED_FIVE / "2024.txt"))
    with_rules = lint_source(src, RuleSet(Config(), Options()))
    without = lint_source(src, RuleSet(Config(), Options(ignore=["GIA760", "GIA761"])))
    assert with_rules.facts.sections and without.facts.sections == {}
