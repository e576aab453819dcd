"""The lexer, table-driven: lines of a report → [(kind, text)].

Texts are written as in a report and normalised first, as gialint does
(full-width forms folded: （一） → (一), ， → ,), so the expected texts are
normalised.  The first group covers every layout of tests/data/real; the
others each decision of the lexer, with the cases where it must NOT fire.
"""

from __future__ import annotations

import pytest

from gialint.lexer import KINDS, Tok, lex
from gialint.lexer.oneline import ONE_LINE_MODE
from gialint.normalize import normalize

PARA = "我区认真贯彻落实政府信息公开条例，不断提升公开质量和实效。"
LONG = PARA * 20  # a paragraph of a one-line copy
LONG_N = LONG.replace("，", ",")
T3_ONE_LINE = ("三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
               "申请人情况自然人法人或其他组织总计 商业企业科研机构社会公益组织法律服务机构其他"
               "一、本年新收政府信息公开申请数量640020470二、上年结转政府信息公开申请数量0000000"
               "三、本年度办理结果（一）予以公开270020130")

H, S, T, L, C = "HEADING", "SUBHEADING", "TEXT", "TABLE_LABEL", "CELL"

LAYOUTS = {
    "one paragraph per line": (
        "某某区人民政府2024年政府信息公开工作年度报告\n一、总体情况\n本年度我区认真贯彻落实《条例》。\n"
        "（一）主动公开\n全年主动公开信息100条。\n",
        [("TITLE", "某某区人民政府2024年政府信息公开工作年度报告"), (H, "一、总体情况"),
         (T, "本年度我区认真贯彻落实《条例》。"), (S, "(一)主动公开"), (T, "全年主动公开信息100条。")]),
    "markdown: headings, pipe rows, rule lines left out": (
        "# 某某区2024年政府信息公开工作年度报告\n## 一、总体情况\n正文一段。\n"
        "| 信息内容 | 本年制发件数 |\n|---|---|\n| 规章 | 22 | 235 |\n",
        [("TITLE", "某某区2024年政府信息公开工作年度报告"), (H, "一、总体情况"), (T, "正文一段。"),
         (L, "信息内容"), (L, "本年制发件数"), (L, "规章"), (C, "22"), (C, "235")]),
    "pipe row of an HTML or PDF table: group label, row label, values": (
        "| 三、本年度办理结果 | （一）予以公开 | 71 | 0 | 0 | 0 | 0 | 0 | 71 |\n",
        [(L, "三、本年度办理结果"), (L, "(一)予以公开")] + [(C, v) for v in "71 0 0 0 0 0 71".split()]),
    "pipe row with merged cells before the label and a blank value": (
        "| | | | 一、本年新收政府信息公开申请数量 | 217 | 1 | 0 | | 0 | 0 | 218 |\n",
        [(L, "一、本年新收政府信息公开申请数量"), (C, "217"), (C, "1"), (C, "0"), (C, " "),
         (C, "0"), (C, "0"), (C, "218")]),
    "one cell per line (legacy table)": (
        "统计指标\n单位\n统计数\n（一）主动公开政府信息数\n条\n340\n",
        [(L, "统计指标"), (L, "单位"), (L, "统计数"), (L, "(一)主动公开政府信息数"), (L, "条"), (C, "340")]),
    "a label, then its values on one line": (
        "行政处罚\n12 0 3\n",
        [(L, "行政处罚"), (C, "12"), (C, "0"), (C, "3")]),
    "one-line crawler article: headings, paragraphs, a sub-heading": (
        "一、总体情况 " + LONG + "二、主动公开政府信息情况 " + LONG + "（一）继续完善信息公开机制。" + LONG,
        [(H, "一、总体情况"), (T, LONG_N), (H, "二、主动公开政府信息情况"), (T, LONG_N),
         (S, "(一)继续完善信息公开机制。"), (T, LONG_N)]),
    "one-line crawler article: a table glued to its heading": (
        "总体情况 " + LONG * 2 + T3_ONE_LINE,
        [(T, "总体情况 " + LONG_N * 2), (H, "三、收到和处理政府信息公开申请情况"),
         (L, "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)"), (L, "申请人情况"),
         (L, "自然人"), (L, "法人或其他组织"), (L, "总计"), (L, "商业企业"), (L, "科研机构"),
         (L, "社会公益组织"), (L, "法律服务机构"), (L, "其他"),
         (L, "一、本年新收政府信息公开申请数量"), (C, "640020470"),
         (L, "二、上年结转政府信息公开申请数量"), (C, "0000000"),
         (L, "三、本年度办理结果"), (L, "(一)予以公开"), (C, "270020130")]),
    "PDF: page footers inside a table are left out": (
        "行政处罚\n— 5 —\n3\n第 2 页 共 9 页\n",
        [(L, "行政处罚"), (C, "3")]),
    "PDF: a group label merged with a row label": (
        "行政处罚\n（四）无2.没有现成信息需要另行制作\n",
        [(L, "行政处罚"), (L, "(四)无2.没有现成信息需要另行制作")]),
    "PDF: a wrapped row label, its tail with the values": (
        "行政处罚\n3\n（二）部分公开（区分处理的，只计这一\n情形，不计其他情形） 447 7 0 0 0 0 454\n",
        [(L, "行政处罚"), (C, "3"), (L, "(二)部分公开(区分处理的,只计这一"), (L, "情形,不计其他情形)")]
        + [(C, v) for v in "447 7 0 0 0 0 454".split()]),
}

DECISIONS = {
    # the title block
    "web-page metadata and breadcrumb before the title": (
        "标题：某某区2024年度政府信息公开工作年度报告\n发布时间：2025-01-20\n当前位置：首页 > 政务公开 > 年报\n"
        "某某区2024年度政府信息公开工作年度报告\n一、总体情况\n",
        [("META", "标题:某某区2024年度政府信息公开工作年度报告"), ("META", "发布时间:2025-01-20"),
         ("META", "当前位置:首页 > 政务公开 > 年报"), ("TITLE", "某某区2024年度政府信息公开工作年度报告"),
         (H, "一、总体情况")]),
    "a title wrapped on two lines": (
        "某某区人民政府办公室政府信息公开\n2024年度报告\n一、总体情况\n",
        [("TITLE", "某某区人民政府办公室政府信息公开"), ("TITLE", "2024年度报告"), (H, "一、总体情况")]),
    "NOT a title: a sentence naming the report": (
        "本报告依据《条例》编制，政府信息公开工作年度报告如下。\n",
        [(T, "本报告依据《条例》编制,政府信息公开工作年度报告如下。")]),
    "the organ and date under the title": (
        "某某区2024年度政府信息公开工作年度报告\n某某区人民政府\n（2025年1月20日）\n一、总体情况\n",
        [("TITLE", "某某区2024年度政府信息公开工作年度报告"), ("SIGNER", "某某区人民政府"),
         ("DATE_LINE", "(2025年1月20日)"), (H, "一、总体情况")]),
    # headings and table row labels
    "NOT a heading: 三、 as a row label inside a table": (
        "行政处罚\n3\n三、本年度办理结果\n",
        [(L, "行政处罚"), (C, "3"), (L, "三、本年度办理结果")]),
    "NOT a heading: a bare 三、 cut off inside a table": (
        "行政处罚\n3\n三、\n",
        [(L, "行政处罚"), (C, "3"), (L, "三、")]),
    "a known heading ends the table": (
        "行政处罚\n3\n四、存在的主要问题及改进情况\n",
        [(L, "行政处罚"), (C, "3"), (H, "四、存在的主要问题及改进情况")]),
    "a heading glued to its paragraph ends after the heading words": (
        "六、其他需要报告的事项 无其他需要报告的事项。\n",
        [(H, "六、其他需要报告的事项"), (T, "无其他需要报告的事项。")]),
    "NOT a heading: a numbered paragraph": (
        "一、今年我们做了很多工作，取得了显著成效，群众满意度不断提高。\n",
        [(T, "一、今年我们做了很多工作,取得了显著成效,群众满意度不断提高。")]),
    "a sub-heading glued to its paragraph ends at the stop": (
        "（一）主动公开情况。本年度主动公开信息100条。\n",
        [(S, "(一)主动公开情况。"), (T, "本年度主动公开信息100条。")]),
    "NOT a row label: (一)主动公开 outside a table": (
        "一、总体情况\n（一）主动公开\n",
        [(H, "一、总体情况"), (S, "(一)主动公开")]),
    "NOT a heading inside a one-line copy: 一、 glued to a word": (
        "总体情况 " + LONG + "工作分为一、二两个阶段" + LONG,
        [(T, "总体情况 " + LONG_N + "工作分为一、二两个阶段" + LONG_N)]),
    # table labels
    "NOT a label: a sentence that starts with a label's words": (
        "行政诉讼败诉情形。我区无此情形。\n",
        [(T, "行政诉讼败诉情形。我区无此情形。")]),
    "a label with a local note": (
        "规章（市政府令）\n",
        [(L, "规章(市政府令)")]),
    "a label with its value on one line": (
        "行政处罚 3985758\n",
        [(L, "行政处罚"), (C, "3985758")]),
    # the closing and the attachments
    "the signer and date after the last section": (
        "一、总体情况\n正文一段。\n某某区人民政府办公室\n2025年1月20日\n",
        [(H, "一、总体情况"), (T, "正文一段。"), ("SIGNER", "某某区人民政府办公室"), ("DATE_LINE", "2025年1月20日")]),
    "NOT a signer: a sentence above the date": (
        "一、总体情况\n全年办理申请3件，均已答复。\n2025年1月20日\n",
        [(H, "一、总体情况"), (T, "全年办理申请3件,均已答复。"), ("DATE_LINE", "2025年1月20日")]),
    "NOT a date line: a date inside a sentence": (
        "一、总体情况\n2024年1月1日起施行新的工作制度。\n",
        [(H, "一、总体情况"), (T, "2024年1月1日起施行新的工作制度。")]),
    "NOT a closing: a date line between sections is text": (
        "一、总体情况\n2024年1月1日\n二、主动公开政府信息情况\n",
        [(H, "一、总体情况"), (T, "2024年1月1日"), (H, "二、主动公开政府信息情况")]),
    "the 附件 line after the last section opens the attachments": (
        "一、总体情况\n正文一段。\n附件：2024年度政府信息公开工作情况统计表\n",
        [(H, "一、总体情况"), (T, "正文一段。"), ("ATTACHMENT", "附件:2024年度政府信息公开工作情况统计表")]),
    "NOT an attachment: a 附件 line with a heading after it": (
        "一、总体情况\n附件：工作制度\n二、主动公开政府信息情况\n",
        [(H, "一、总体情况"), (T, "附件:工作制度"), (H, "二、主动公开政府信息情况")]),
    # left out
    "a suppression comment is not part of the report": (
        "<!-- gialint-disable GIA101 -->\n一、总体情况\n",
        [(H, "一、总体情况")]),
}


def _kinds(text: str) -> list[tuple[str, str]]:
    return [(t.type, t.text) for t in lex(normalize(text).text)]


@pytest.mark.parametrize("name", LAYOUTS)
def test_layouts_of_the_real_reports(name):
    text, want = LAYOUTS[name]
    assert _kinds(text) == want


@pytest.mark.parametrize("name", DECISIONS)
def test_decisions(name):
    text, want = DECISIONS[name]
    assert _kinds(text) == want


def test_the_one_line_mode_starts_at_its_length():
    # the same words: a paragraph below the limit, cut at its marks above it
    body = "总体情况 " + PARA * 5 + "二、主动公开政府信息情况 " + PARA * 5
    assert len(body) < ONE_LINE_MODE
    assert [k for k, _ in _kinds(body)] == [T]
    long = body + PARA * (ONE_LINE_MODE // len(PARA))
    assert [k for k, _ in _kinds(long)] == [T, H, T]


def test_markdown_heading_level_is_kept():
    toks = lex(normalize("# 某某区2024年政府信息公开工作年度报告\n## 一、总体情况\n### （一）主动公开\n").text)
    assert [(t.type, t.md_level) for t in toks] == [("TITLE", 1), (H, 2), (S, 3)]


def test_positions_point_at_the_words():
    text = normalize("一、总体情况\n  正文一段。  \n| 行政处罚 | 3 |\n").text
    for tok in lex(text):
        assert text[tok.start:tok.end] == tok.text
        assert tok.text == tok.text.strip()
        assert tok.type in KINDS


def test_headings_carry_number_and_label():
    (tok,) = lex(normalize("三、收到和处理政府信息公开申请情况\n").text)
    assert isinstance(tok, Tok)
    assert (tok.numeral, tok.number, tok.label) == ("三", 3, "收到和处理政府信息公开申请情况")


def test_table_labels_carry_the_template_label():
    toks = lex(normalize("| 三、本年度办理结果 | （一）予以公开 | 71 |\n").text)
    assert [(t.info.table, t.info.key) for t in toks if t.info] == [("t3", "results"), ("t3", "granted")]
    assert len({t.row for t in toks}) == 1  # one pipe row
