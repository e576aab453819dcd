"""The wording rules (GIA721–GIA724) and GIA131 beyond their fixtures:
``--fix`` end to end on copies, and the small functions they rest on."""

from __future__ import annotations

from pathlib import Path

import pytest
from gialint_testing import RULE_FIXTURES, call

from gialint.checks.wording.enumeration import chinese_numeral
from gialint.national_format import edit_distance, near_section


def _gia(*args):
    result = call("--isolated", *args)
    assert "Traceback" not in result.err, result.err
    return result


def _copy(src: Path, dst_dir: Path) -> Path:
    dst = dst_dir / src.name
    dst.write_bytes(src.read_bytes())
    return dst


@pytest.mark.parametrize("v,numeral", [(1, "一"), (9, "九"), (10, "十"), (12, "十二"), (20, "二十"),
                                       (23, "二十三"), (99, "九十九")])
def test_chinese_numeral(v, numeral):
    assert chinese_numeral(v) == numeral


@pytest.mark.parametrize("a,b,d", [
    ("政府信息公开行政法复议、行政诉讼情况", "政府信息公开行政复议、行政诉讼情况", 1),  # added
    ("总休情况", "总体情况", 1),  # replaced
    ("体总情况", "总体情况", 1),  # swapped
    ("收到和处理政府信息公开申情况", "收到和处理政府信息公开申请情况", 1),  # dropped
    ("其他需要说明的事项", "其他需要报告的事项", 2),
    ("", "总体情况", 4),
])
def test_edit_distance(a, b, d):
    assert edit_distance(a, b) == d
    assert edit_distance(b, a) == d
    assert edit_distance(a, b, limit=1) == min(d, 2)


def test_near_section_needs_the_number_for_short_labels():
    assert near_section("总休情况", 1) == ("s1", 1)
    assert near_section("总休情况", 3) is None  # 4 characters: only under its own number
    assert near_section("政府信息公开行政法复议、行政诉讼情况", 2) == ("s4", 1)
    assert near_section("总体情况", 1) is None  # exact: not a slip
    assert near_section("工作计划", 6) is None


def test_fix_doubled_function_characters_only(tmp_path):
    path = _copy(RULE_FIXTURES / "GIA722" / "fail_doubled.txt", tmp_path)
    before = path.read_text(encoding="utf-8")
    result = _gia("--select", "GIA722", "--format", "json", "--fix", path)
    after = path.read_text(encoding="utf-8")
    assert after == (before.replace("统一的的网站", "统一的网站").replace("我局在在全区", "我局在全区")
                     .replace("这是是一项", "这是一项").replace("完善了了", "完善了")
                     .replace("公开的的的信息", "公开的信息"))
    # the longer doubles are left to the writer
    left = [f["message"] for f in result.findings()]
    assert left == ["“审核”连写了两次（“审核审核”）", "“资金”连写了两次（“资金资金”）",
                    "“加强”连写了两次（“加强加强”）"]


def test_fix_misspelt_section_headings(tmp_path):
    path = _copy(RULE_FIXTURES / "GIA131" / "fail_slips.txt", tmp_path)
    _gia("--select", "GIA131", "--fix", path)
    after = path.read_text(encoding="utf-8")
    assert after == (RULE_FIXTURES / "GIA131" / "pass_clean_2021.txt").read_text(encoding="utf-8")
    assert _gia("--select", "structure", "--format", "json", path).findings() == []


def test_fix_misspelt_heading_in_markdown(tmp_path):
    path = tmp_path / "report.md"
    path.write_text("# 样例局2023年政府信息公开工作年度报告\n\n## 四、政府信息公开行政复议和行政诉讼情况\n\n本年无。\n",
                    encoding="utf-8")
    diff = _gia("--select", "GIA131", "--diff", path).out
    assert "+## 四、政府信息公开行政复议、行政诉讼情况\n" in diff


def test_fix_ascii_punctuation_in_the_original_text(tmp_path):
    path = _copy(RULE_FIXTURES / "GIA723" / "fail_slips.txt", tmp_path)
    before = path.read_text(encoding="utf-8")
    _gia("--select", "GIA723", "--fix", path)
    after = path.read_text(encoding="utf-8")
    assert after == (before.replace("六部分组成, 一是", "六部分组成，一是").replace("》,扎实", "》，扎实")
                     .replace("工作.全年", "工作。全年").replace("做法:规范", "做法：规范")
                     .replace("把关;拓展", "把关；拓展"))
    assert _gia("--select", "GIA723", "--format", "json", path).findings() == []


def test_ascii_punctuation_of_a_crlf_file_points_at_the_mark(tmp_path):
    src = (RULE_FIXTURES / "GIA723" / "fail_slips.txt").read_text(encoding="utf-8")
    path = tmp_path / "crlf.txt"
    path.write_bytes(("\u200b" + src.replace("\n", "\r\n")).encode("utf-8"))
    found = _gia("--select", "GIA723", "--format", "json", path).findings()
    assert [(f["line"], f["column"]) for f in found] == [(2, 26), (4, 17), (4, 28), (4, 55), (4, 69)]
    _gia("--select", "GIA723", "--fix", path)
    assert "部分组成，一是" in path.read_bytes().decode("utf-8")
