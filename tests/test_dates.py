"""Dates: the reader (gialint/dates.py) on every form, with positions in the
original text and roles; the date checks on the seed defects of FORMAT.md §8
and on the real reports (every date finding of the corpus is listed here and
was judged by hand); deadlines by organ type, regime and configuration.
"""

from __future__ import annotations

from datetime import date

import pytest
from gialint_testing import REAL, RULE_FIXTURES, SEEDS, call, run_main

from gialint.checks.dates import deadline_for
from gialint.config import Config
from gialint.dates import DateMention
from gialint.pipeline import analyse
from gialint.ruleset import Options, RuleSet, load_rules
from gialint.source import Source, read_source

RULESET = RuleSet(Config(), Options())
CLEAN = (RULE_FIXTURES / "GIA101" / "pass_clean_2021.txt").read_text(encoding="utf-8")


def _report(text: str):
    source = Source("r.txt", text, "utf-8")
    return source, analyse(source, RULESET)


def _dates(text: str) -> list[DateMention]:
    return _report(text)[1].dates


def _values(text: str) -> list[tuple]:
    return [(d.year, d.month, d.day) for d in _dates(text)]


def _position(source: Source, d: DateMention) -> tuple[int, int, int, int]:
    return (*source.position(d.span.start), *source.position(d.span.end))


def _real(name: str):
    source = read_source(str(REAL / name))
    return source, analyse(source, RULESET)


def _lint(capsys, path, *args):
    result = run_main(capsys, "--isolated", "--format", "json", *args, path)
    assert result.code in (0, 1), result.err
    (entry,) = result.json()["files"]
    assert entry["error"] is None
    return entry["findings"]


def _write(tmp_path, text: str, name: str = "r.txt") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


# -- the reader: forms -----------------------------------------------------------


@pytest.mark.parametrize("text,values", [
    ("会议于2024年1月1日召开。", [(2024, 1, 1)]),
    ("统计周期为 2024 年 1 月 1 日。", [(2024, 1, 1)]),  # spaces of PDF extraction
    ("截至 2024 年 12 月\n31 日，共发布。", [(2024, 12, 31)]),  # a line break inside
    ("发布时间:2024-01-28 10:59", [(2024, 1, 28)]),
    ("会议于2024.1.28召开。", [(2024, 1, 28)]),
    ("会议于2024/01/28召开。", [(2024, 1, 28)]),
    ("二〇二一年二月六日", [(2021, 2, 6)]),
    ("二○一二年二月二十日", [(2012, 2, 20)]),
    ("二零二三年十二月三十一日", [(2023, 12, 31)]),
    ("二〇一三年一月", [(2013, 1, None)]),
    ("第十四个五年规划和二〇三五年远景目标纲要", [(2035, None, None)]),
    ("十一月十三日，街道举办开放日。", [(None, 11, 13)]),
    ("11月13日，街道举办开放日。", [(None, 11, 13)]),
    ("从6月份开始，2020年2月份收到申请。", [(None, 6, None), (2020, 2, None)]),
    ("2024年，2024年度，2024 年度，2024年底", [(2024, None, None)] * 4),
    ("1月至12月", [(None, 1, None), (None, 12, None)]),
    ("2016年1-12月预算执行情况", [(2016, 1, None), (2016, 12, None)]),
    ("行动方案（2024-2027 年）", [(2024, None, None), (2027, None, None)]),
    ("自2024年1月1日起至2024年12月31日止", [(2024, 1, 1), (2024, 12, 31)]),
    ("为 2025 年 1 月 1 日至 12 月 31 日。", [(2025, 1, 1), (2025, 12, 31)]),
])
def test_forms(text, values):
    assert _values(text) == values


@pytest.mark.parametrize("text", [
    "电话0591-23165370，邮编350400。",
    "国办公开办函〔2021〕30号",
    "共发布信息1000余条，近3个月，连续15月，访问量12020人次。",
    "版本2020.15.3，文化发展规划（2021-2035）。",
    "每月一次，一月一次。",
    "原文链接: https://www.pingtan.gov.cn/zwgk/201701/t20170118_80485.htm",
])
def test_not_dates(text):
    assert _dates(text) == []


def test_calendar_validity():
    dates = _dates("2024年2月29日、2023年2月29日、4月31日、2月29日、13月5日、2024年13月、二月三十日")
    assert [(d.display, d.exists) for d in dates] == [
        ("2024年2月29日", True), ("2023年2月29日", False), ("4月31日", False),
        ("2月29日", True),  # without a year: it may be a leap year
        ("13月5日", False), ("2024年13月", False), ("二月三十日", False),
    ]


def test_ranges_link_both_ends_and_inherit_the_year():
    a, b = _dates("统计期限为 2025 年 1 月 1 日至 12 月 31 日。")
    assert (a.partner, b.partner, a.range_end, b.range_end) == (1, 0, False, True)
    assert (b.year, b.inherited) == (2025, True)
    assert (a.first_day(), b.last_day()) == (date(2025, 1, 1), date(2025, 12, 31))


def test_precision_and_bounds():
    year, month, end = _dates("2024年、2024年11月、2024年11月底")
    assert (year.precision, month.precision) == ("year", "month")
    assert (year.first_day(), year.last_day()) == (date(2024, 1, 1), date(2024, 12, 31))
    assert (month.first_day(), month.last_day()) == (date(2024, 11, 1), date(2024, 11, 30))
    assert end.first_day() == date(2024, 11, 30)
    (md,) = _dates("11月13日")
    assert md.first_day() is None and md.first_day(2024) == date(2024, 11, 13)


def test_quoted_document_names():
    dates = _dates("印发《2024年政务公开工作要点》，《上海市促进科技成果转移转\n化行动方案（2024-2027 年）》。2024年，")
    assert [d.quoted for d in dates] == [True, True, True, False]


# -- the reader: positions in the original text ---------------------------------


def test_positions_in_traditional_text_with_pinyin():
    """Seed 001 is traditional Chinese with pinyin annotations: 發(fā)布時(shí)間:2021-01-28 10:59."""
    source, report = _real(SEEDS["001"].name)
    pub = [d for d in report.dates if d.role == "publication"]
    assert [(d.display, _position(source, d)) for d in pub] == [("2021-01-28 10:59", (3, 15, 3, 31))]
    (sig,) = [d for d in report.dates if d.role == "signature"]
    assert (sig.display, _position(source, sig)) == ("2021年2月6日", (625, 29, 625, 38))
    line = source.line_text(3)
    assert line[14:30] == "2021-01-28 10:59"


def test_pinyin_inside_a_date_is_spanned():
    source, report = _report("會同縣2020年(nián)政府信息公開工作年度報(bào)告\n")
    (d,) = report.dates
    assert d.year == 2020
    assert source.text[d.span.start:d.span.end] == "2020年(nián)"


def test_pingtan_one_line_signature_inside_line_10():
    source, report = _real("2011_pingtan-zone.txt")
    (sig,) = [d for d in report.dates if d.role == "signature"]
    line, col, end_line, end_col = _position(source, sig)
    assert (sig.year, sig.month, sig.day, sig.form) == (2012, 2, 20, "chinese")
    assert line == end_line == 10
    assert source.line_text(10)[col - 1:end_col - 1] == "二○一二年二月二十日"


def test_pdf_spacing_positions():
    source, report = _real("2024_shanghai-stcsm-kewei.md")
    start, end = [d for d in report.dates if d.role == "period"]
    assert start.display == "2024 年 1 月 1 日" and _position(source, start)[:2] == (10, 3)
    assert end.display == "12 月 31 日" and end.inherited and end.year == 2024
    cutoff = next(d for d in report.dates if d.month == 12 and d.day == 31 and d.role == "body")
    assert _position(source, cutoff) == (31, 22, 32, 5)  # 2024 年 12 月⏎31 日


# -- the reader: roles ---------------------------------------------------------------


def _roles(report) -> list[tuple[str, str]]:
    return [(d.role, d.display) for d in report.dates if d.role != "body"]


def test_roles_title_period_signature():
    _, report = _real("2025_shuyang-county-gov.txt")
    assert _roles(report) == [
        ("title", "2025 年"),
        ("signature", "2026年1月23日"),  # lines 3-4: the organ and the date under the title
        ("period", "2025年1月1日"), ("period", "2025年12月31日"),
        ("signature", "2026年1月23日"),  # the signature block at the end
    ]


def test_roles_attachment_and_table_heading_seed_003():
    source, report = _real(SEEDS["003"].name)
    roles = [(d.role, d.display, source.position(d.span.start)[0]) for d in report.dates
             if d.role != "body"]
    assert roles == [("title", "2016年", 1), ("attachment", "2016年度", 25), ("table_heading", "2015年度", 26)]


def test_roles_of_a_pingtan_web_page():
    _, report = _real("2012_pingtan-zone.txt")
    assert _roles(report) == [
        ("title", "2012年"),  # 标题: line
        ("publication", "2013-02-25 00:00"),  # 发布时间: line
        ("meta", "2012年"),  # 本地目录: line
        ("publication", "2013-02-25 00:00"),  # 时间: of the page's breadcrumb
        ("signature", "二〇一三年一月"),  # organ and date under the title, inside line 10
        ("period", "2012年1月1日"), ("period", "2012年12月31日"),
        ("signature", "二○一三年一月二十日"),  # before the statistics table
        ("table_heading", "2012年度"),  # 计量单位 2012年度 历年累计
    ]


def test_roles_publication_in_meta_and_attachment_in_one_line():
    _, report = _real("2011_pingtan-county-gov.txt")
    assert ("publication", "2012-04-18 00:00") in _roles(report)
    assert ("attachment", "2011年") in _roles(report)  # 附件1:平潭县人民政府2011年…统计表


def test_date_lines_inside_sections_are_not_signatures():
    text = CLEAN.replace("本年主动公开政府信息120条。", "本年主动公开政府信息120条。\n2023年3月5日\n街道召开会议。")
    report = _report(text)[1]
    assert [(d.role, d.display) for d in report.dates if d.month] == [("body", "2023年3月5日"),
                                                                      ("signature", "2024年1月20日")]


def test_attachment_needs_its_label():
    report = _report("一、总体情况\n以附件形式公开2022年度部门决算。\n附件1：2023年度统计表\n附件:2023年度情况表\n")[1]
    assert [d.role for d in report.dates] == ["body", "attachment", "attachment"]


def test_numeric_date_line_under_the_title_is_a_publication_date():
    report = _report("某某区2023年政府信息公开工作年度报告\n2024-01-20\n一、总体情况\n内容。\n")[1]
    assert [(d.role, d.display) for d in report.dates] == [("title", "2023年"), ("publication", "2024-01-20")]


def test_years_in_a_table_header_are_no_statements(capsys, tmp_path):
    text = CLEAN.replace("本年主动公开政府信息120条。",
                         "本年主动公开政府信息120条。\n| 项目 | 2022年 | 2024年预计 |\n| 公开条数 | 100 | 130 |")
    assert _date_findings(capsys, _write(tmp_path, text)) == []


def test_body_paragraph_starting_with_a_date_is_no_signature():
    text = "标题: 某区2015年报告\n正文 一、概述 内容。 2015年12月26日，成功举办招聘会。 2015年12月 我区组织培训。\n"
    report = _report(text)[1]
    assert [d.role for d in report.dates if d.month] == ["body", "body"]


# -- the seed defects (FORMAT.md §8) ------------------------------------------------


def _date_findings(capsys, path, *args):
    return [(f["rule"], f["line"], f["column"], f["severity"]) for f in
            _lint(capsys, path, "--select", "date", *args)]


def test_seed_001_signed_after_publication(capsys):
    findings = _lint(capsys, SEEDS["001"], "--select", "date")
    (f,) = findings
    assert (f["rule"], f["line"], f["column"], f["end_column"]) == ("GIA405", 625, 29, 38)
    assert f["message"] == "落款日期2021年2月6日晚于发布时间2021-01-28 10:59"
    assert [(r["line"], r["column"]) for r in f["related"]] == [(3, 15)]


def test_seed_002_signed_before_the_year_ended(capsys):
    findings = _date_findings(capsys, SEEDS["002"])
    assert ("GIA404", 437, 31, "error") in findings
    assert findings == [("GIA412", 14, 34, "info"), ("GIA404", 437, 31, "error")]


def test_seed_003_table_of_the_previous_year(capsys):
    findings = _lint(capsys, SEEDS["003"], "--select", "date")
    (f,) = findings
    assert (f["rule"], f["line"], f["column"], f["end_column"]) == ("GIA403", 26, 1, 7)
    assert f["message"] == "统计表标题的年份2015与报告年度2016不一致"
    assert [(r["line"], r["column"]) for r in f["related"]] == [(1, 13)]


def test_seed_003_has_no_plan_naming_the_report_year(capsys):
    """L24 says 我单位将在下一步工作中…, without a year: nothing for GIA410."""
    assert _date_findings(capsys, SEEDS["003"], "--select", "GIA410") == []


def test_pingtan_2016_plan_names_the_report_year(capsys):
    path = REAL / "2016_pingtan-zone.txt"
    (f,) = _lint(capsys, path, "--select", "GIA410")
    assert (f["line"], f["severity"]) == (10, "warning")
    line = path.read_text(encoding="utf-8").split("\n")[9]
    assert line[f["column"] - 1:f["end_column"] - 1] == "2016年，我们将采取"


# -- every date finding on the real reports (judged by hand) ----------------------

CORPUS_FINDINGS = {
    # signature 2021年2月6日 later than 发布时间 2021-01-28 10:59 (FORMAT.md §8.2)
    ("001_255bb5990695ecd9.txt", "GIA405", 625, 29),
    # 到目前为止 (FORMAT.md §5.6)
    ("002_293c52a418def646.txt", "GIA412", 14, 34),
    # signed 2020年12月25日 for 2020 (FORMAT.md §8.3)
    ("002_293c52a418def646.txt", "GIA404", 437, 31),
    # 附件 2016年度, table headed 2015年度 (FORMAT.md §8.4)
    ("003_d0ad4e6dd563e698.txt", "GIA403", 26, 1),
    # 截至目前 (FORMAT.md §5.6)
    ("004_23a0f62feca6158e.txt", "GIA412", 7, 133),
    # legacy regime, deadline 2012-03-31; the page says 发布时间 2012-04-18 / 2012-04-11
    ("2011_pingtan-county-gov.txt", "GIA408", 2, 7),
    ("2011_pingtan-zone.txt", "GIA408", 2, 7),
    # figures 截至12月14日 in a 2012 report
    ("2012_pingtan-zone.txt", "GIA411", 10, 1254),
    ("2012_pingtan-zone.txt", "GIA411", 10, 3694),
    # 2016年，我们将采取以下措施加以改进 in the 2016 report
    ("2016_pingtan-zone.txt", "GIA410", 10, 4388),
    # 截止目前 / 截至目前
    ("2017_pingtan-zone.txt", "GIA412", 10, 2723),
    ("2018_pingtan-zone.txt", "GIA412", 10, 1269),
    ("2018_pingtan-zone.txt", "GIA412", 10, 2554),
    ("2018_pingtan-zone.txt", "GIA412", 10, 2834),
    ("2018_pingtan-zone.txt", "GIA412", 10, 2915),
    ("2018_pingtan-zone.txt", "GIA412", 10, 3014),
    # 截至目前, in the PDF (line 8 of the rendering: 第 3 页 第 4 行)
    ("2024_huaian-city-gov.pdf", "GIA412", 8, 205),
}


def test_date_findings_on_the_real_reports():
    result = call("--isolated", "--select", "date", "--format", "json", REAL)
    assert result.code in (0, 1), result.err
    got = {(f_["path"].rsplit("/", 1)[-1], x["rule"], x["line"], x["column"])
           for f_ in result.json()["files"] for x in f_["findings"]}
    assert got == CORPUS_FINDINGS


# -- deadlines ------------------------------------------------------------------------


@pytest.mark.parametrize("year,organ,configured,expected", [
    (2016, "department", None, (date(2017, 3, 31), "legacy")),  # 492号: 3月31日 for everyone
    (2018, "government", None, (date(2019, 3, 31), "legacy")),
    (2019, "department", None, (date(2020, 1, 31), "department")),  # 711号 art. 49
    (2023, "government", None, (date(2024, 3, 31), "government")),
    (2023, "other", None, (date(2024, 3, 31), "government")),
    (2023, None, None, (date(2024, 3, 31), "government")),
    (2023, "department", "02-15", (date(2024, 2, 15), "config")),
])
def test_deadline_for(year, organ, configured, expected):
    assert deadline_for(year, organ, configured) == expected


def test_configured_deadline(tmp_path, capsys):
    text = CLEAN + "某某街道办事处\n2024年2月20日\n"
    report = _write(tmp_path, text)
    assert _date_findings(capsys, report) == []  # a 街道办事处: 3月31日
    (tmp_path / "gialint.toml").write_text('deadline = "02-15"\n', encoding="utf-8")
    result = run_main(capsys, "--select", "GIA407", "--format", "json", report)
    (f,) = result.json()["files"][0]["findings"]
    assert "2024年2月15日" in f["message"] and "逾期5天" in f["message"]


def test_organ_type_from_config(tmp_path, capsys):
    text = CLEAN + "某某街道办事处\n2024年2月20日\n"
    report = _write(tmp_path, text)
    (tmp_path / "gialint.toml").write_text('organ-type = "department"\n', encoding="utf-8")
    result = run_main(capsys, "--select", "GIA407", "--format", "json", report)
    (f,) = result.json()["files"][0]["findings"]
    assert "2024年1月31日" in f["message"]


def test_deadline_messages_in_english(capsys, tmp_path):
    text = CLEAN.replace("某某街道办事处2023年", "某某区发展和改革局2023年") + "某某区发展和改革局\n2024年2月20日\n"
    (f,) = _lint(capsys, _write(tmp_path, text), "--select", "GIA407", "--lang", "en")
    assert f["message"] == (
        "The report is dated 2024年2月20日, 20 days after the publication deadline 2024-01-31 "
        "(art. 49 of the Regulation, departments of governments at county level and above: "
        "by 31 January of the next year)")


def test_signature_printed_twice_is_one_finding(capsys, tmp_path):
    text = CLEAN.replace("某某街道办事处2023年政府信息公开工作年度报告\n",
                         "某某街道办事处2023年政府信息公开工作年度报告\n某某街道办事处\n（2024年4月8日）\n")
    text += "某某街道办事处\n2024年4月8日\n"
    (f,) = _lint(capsys, _write(tmp_path, text), "--select", "GIA407")
    assert f["line"] == text.count("\n")  # the signature block at the end ...
    assert [r["line"] for r in f["related"]] == [3]  # ... and the copy under the title


# -- more cases of the checks ---------------------------------------------------------


def test_period_required_by_a_house_rule(tmp_path, capsys):
    rules = tmp_path / "house.toml"
    rules.write_text("""\
[[rule]]
id = "GIA901"
name = "period-not-stated"
category = "date"
severity = "info"
editions = ["legacy", "2019", "2021"]
kind = "date_period"
summary.zh = "未写明统计期限"
summary.en = "No statistics period"
message.zh = "统计期限“{period}”应为{expected}"
message.en = "The period “{period}” should be {expected}"
variants.missing.zh = "未写明统计期限（应为{expected}）"
variants.missing.en = "No statistics period (it should be {expected})"
[rule.params]
require = true
""", encoding="utf-8")
    (tmp_path / "gialint.toml").write_text('rule-files = ["house.toml"]\nselect = ["GIA901"]\n',
                                           encoding="utf-8")
    report = _write(tmp_path, CLEAN)
    result = run_main(capsys, "--format", "json", report)
    (f,) = result.json()["files"][0]["findings"]
    assert (f["line"], f["column"], f["message"]) == (2, 1, "未写明统计期限（应为2023年1月1日至2023年12月31日）")
    stated = CLEAN.replace("一、总体情况\n", "本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。\n一、总体情况\n", 1)
    result = run_main(capsys, "--format", "json", _write(tmp_path, stated, "s.txt"))
    assert result.json()["files"][0]["findings"] == []


def test_guessed_year_does_not_drive_the_year_rules(capsys, tmp_path):
    """No title, no period: the year is the most frequent one of the body, a guess."""
    text = CLEAN.split("\n", 1)[1].replace("六、其他需要报告的事项\n本年未收取信息处理费。",
                                           "六、2025年工作计划\n2025年将进一步加强政务公开标准化建设。")
    text = text.replace("2023年，本街道", "2024年，本街道")
    assert _date_findings(capsys, _write(tmp_path, text)) == []


@pytest.mark.parametrize("sentence", [
    "2023年，街道将政务公开纳入年度绩效考核。",  # 将 = 把
    "2023年，我局将以往年度的文件进行了清理。",
    "下一步，街道将巩固2023年取得的成绩。",
    "2024年，我们将采取以下措施加以改进。",
    "2023年计划开展培训5次，实际开展6次。",
])
def test_plan_wording_that_is_not_a_copied_plan(capsys, tmp_path, sentence):
    text = CLEAN.replace("下一步将加强业务培训。", "下一步将加强业务培训。" + sentence)
    assert _date_findings(capsys, _write(tmp_path, text), "--select", "GIA410") == []


@pytest.mark.parametrize("sentence,fires", [
    ("截至2023年12月31日，共公开120条。", False),
    ("截至2023年底，共公开120条。", False),
    ("截至2022年底，累计公开900条。", False),  # a comparison with the year before
    ("截至1月15日，整改已全部完成。", False),  # no year, early in the year: when the report was written
    ("截至2023年11月底，共公开110条。", True),
    ("截止到2023年6月30日，共公开60条。", True),
])
def test_cutoffs(capsys, tmp_path, sentence, fires):
    text = CLEAN.replace("本年主动公开政府信息120条。", sentence)
    assert bool(_date_findings(capsys, _write(tmp_path, text), "--select", "GIA411")) is fires


@pytest.mark.parametrize("sentence,fires", [
    ("2024年，本街道共公开120条。", True),
    ("2025年，本街道共公开120条。", True),
    ("按照《某某区2024年政务公开工作要点》推进工作。", False),
    ("印发了第十四个五年规划和二〇三五年远景目标纲要。", False),
    ("本年收到申请3件，结转至2024年1件。", False),
    ("新修订的办法自2024年1月1日起施行。", False),
    ("街道编制了2023-2025年政务公开规划。", False),
    ("上年结转的1件申请已于2024年1月办结。", False),  # before the report was due
    ("2024年6月，街道召开政务公开工作会议。", True),
])
def test_future_years_in_past_sections(capsys, tmp_path, sentence, fires):
    text = CLEAN.replace("本年主动公开政府信息120条。", sentence)
    assert bool(_date_findings(capsys, _write(tmp_path, text), "--select", "GIA413")) is fires


def test_future_years_in_plan_sections_are_normal(capsys, tmp_path):
    text = CLEAN.replace("下一步将加强业务培训。", "2024年街道将加强业务培训，2025年完成标准化建设。")
    assert _date_findings(capsys, _write(tmp_path, text), "--select", "GIA413") == []


def test_examples_stay_clean_of_date_findings(capsys):
    from gialint_testing import REPO

    assert _date_findings(capsys, REPO / "examples" / "report-2024.txt") == []


def test_clean_base_has_no_date_finding(capsys):
    assert _date_findings(capsys, RULE_FIXTURES / "GIA101" / "pass_clean_2021.txt") == []


def test_parse_dates_command():
    result = call("parse", "--dates", SEEDS["001"])
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert "3:15\tpublication\t2021-01-28\t2021-01-28 10:59" in lines
    assert "5:214\tperiod\t2020-12-31\t2020年12月31日" in lines
    assert lines[-1] == "625:29\tsignature\t2021-02-06\t2021年2月6日"


DATE_RULES = [loaded_rule.rule for loaded_rule in load_rules() if loaded_rule.rule.category == "date"]


@pytest.mark.parametrize("rule", DATE_RULES, ids=[r.id for r in DATE_RULES])
def test_rule_examples(capsys, tmp_path, rule):
    """The documented bad example fires, the good one does not."""
    bad = _lint(capsys, _write(tmp_path, rule.example_bad.strip() + "\n", "bad.txt"), "--select", rule.id)
    good = _lint(capsys, _write(tmp_path, rule.example_good.strip() + "\n", "good.txt"), "--select", rule.id)
    assert bad and not good


@pytest.mark.parametrize("heading,fires", [
    ("（一）2023年工作计划", True),
    ("（一）2023年工作计划落实情况", False),
    ("（一）2024年工作计划", False),
])
def test_plan_headings(capsys, tmp_path, heading, fires):
    text = CLEAN.replace("存在的问题是公开内容还不够全面，下一步将加强业务培训。",
                         f"存在的问题是公开内容还不够全面。\n{heading}\n加强业务培训。")
    assert bool(_date_findings(capsys, _write(tmp_path, text), "--select", "GIA410")) is fires


# Ordinary date wording of a correct report: every date rule stays quiet.
CORRECT_2023 = """\
某某区人民政府2023年政府信息公开工作年度报告
本报告根据《中华人民共和国政府信息公开条例》编制。本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。
一、总体情况
2023年，我区以习近平新时代中国特色社会主义思想为指导，印发《某某区2023年政务公开工作要点》。2023年3月，召开全区政务公开工作会议；6月份开展业务培训；11月13日举办政府开放日活动。
（一）主动公开
全年主动公开政府信息1200条，截至2023年12月31日，区政府门户网站累计公开信息8000条，较2022年增长10%。公开2023年部门预算、2022年部门决算。发布《某某区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要》解读。新修订的《某某区政府信息公开办法》自2024年1月1日起施行。按照《2021—2025年法治政府建设规划》推进工作。2023年1-12月共发布政策解读36篇。
（二）依申请公开
2023年共收到政府信息公开申请45件，上年结转2件，办结44件，结转至2024年继续办理3件，已于2024年1月全部办结。
二、主动公开政府信息情况
本年主动公开政府信息1200条。
三、收到和处理政府信息公开申请情况
本年收到政府信息公开申请45件。
四、政府信息公开行政复议、行政诉讼情况
本年发生行政复议2件，均于2023年内审结。
五、存在的主要问题及改进情况
针对2022年度报告中指出的问题，我区已逐项整改。2024年，我区将继续深化政务公开，力争到2025年底实现标准化全覆盖。下一步，巩固2023年取得的成绩。
六、其他需要报告的事项
2023年度本机关未收取信息处理费。
附件：2023年度政府信息公开情况统计表
某某区人民政府办公室
2024年1月25日
"""


def test_correct_date_wording_stays_quiet(capsys, tmp_path):
    assert _date_findings(capsys, _write(tmp_path, CORRECT_2023)) == []
    roles = [d.role for d in _report(CORRECT_2023)[1].dates]
    assert roles.count("period") == 2 and roles[-2:] == ["attachment", "signature"]
