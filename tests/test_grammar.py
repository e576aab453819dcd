"""The grammar's structure and the model's regions, on small reports.

The lexer's decisions are tested in test_lexer.py; here: how the segments
nest (title block, preamble, sections, tables as rows, the closing block,
attachments) and what the checks read (``Report.regions``).
"""

from __future__ import annotations

import pytest
from lark import Tree

from gialint.build import build
from gialint.lexer import lex
from gialint.model import REGION_OF_KIND, REGIONS, in_region, region_of
from gialint.normalize import normalize
from gialint.parse import parse_tokens
from gialint.readers import read_bytes

REPORT = """\
某某区2024年度政府信息公开工作年度报告
某某区人民政府
（2025年1月20日）
本报告依据《条例》编制。
一、总体情况
（一）主动公开
全年主动公开信息100条。
| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
| 规章 | 22 | 0 | 235 |
二、其他需要报告的事项
（一）收费情况
无收费。
某某区人民政府办公室
2025年1月20日
附件：2024年度政府信息公开工作情况统计表
| 行政处罚 | 3 |
"""


def _report(text: str):
    source = read_bytes(text.encode("utf-8"), "r.txt")
    norm = normalize(source.text)
    return build(source, norm, parse_tokens(lex(norm.text)))


def _shape(tree, depth: int = 0) -> list[str]:
    """The tree's rule names, indented, without its tokens."""
    out = ["  " * depth + tree.data]
    for child in tree.children:
        if isinstance(child, Tree):
            out.extend(_shape(child, depth + 1))
    return out


def test_the_tree_nests_title_preamble_sections_closing_and_attachments():
    report = _report(REPORT)
    assert not report.unplaced
    assert _shape(report.tree) == [
        "start",
        "  title_block",
        "    dated",
        "  preamble",
        "    paragraph",
        "  section",
        "    subsection",
        "      paragraph",
        "      table",
        "        row",
        "  section",
        "    subsection",
        "      paragraph",
        "  closing",
        "  attachment",
        "    table",
        "      row",
    ]


def test_the_signature_is_not_inside_the_last_sub_section():
    report = _report(REPORT)
    last = report.sections[-1].subsections[-1]
    assert [b.kind for b in last.blocks] == ["paragraph"]
    assert [b.kind for b in report.closing] == ["signature"]
    assert [(s.signer, s.date_text) for s in report.signatures] == [
        ("某某区人民政府", "(2025年1月20日)"), ("某某区人民政府办公室", "2025年1月20日")]
    # the date under the title is a signature block before the body
    assert report.preamble[0].kind == "signature"


def test_attachments_hold_their_tables_and_every_table_is_read():
    report = _report(REPORT)
    assert [b.kind for b in report.attachments] == ["attachment", "table"]
    assert len(report.tables) == 2


def _rows(report) -> list[list[str]]:
    (table,) = report.tree.find_data("table")
    return [[t.text for gt in row.children for t in gt.toks] for row in table.children]


def test_a_table_row_is_its_labels_then_its_cells():
    report = _report("一、总体情况\n| 规章 | 22 | 0 | 235 |\n| 行政规范性文件 | 34 | 1 | 189 |\n")
    assert _rows(report) == [["规章", "22", "0", "235"], ["行政规范性文件", "34", "1", "189"]]


def test_header_labels_right_before_a_row_label_join_its_row():
    # one token of lookahead cannot tell a header run from a wrapped row label:
    # the template vocabulary tells them apart when the tables are read
    report = _report("一、总体情况\n| 信息内容 | 本年制发件数 |\n| 规章 | 22 |\n")
    assert _rows(report) == [["信息内容", "本年制发件数", "规章", "22"]]
    assert report.tables[0].tokens[0].info.role != "row"


def test_a_segment_that_does_not_fit_is_a_problem_not_a_failure():
    # a sub-heading before any section has no place in the outline
    report = _report("（一）主动公开\n一、总体情况\n正文。\n")
    assert len(report.unplaced) == 1
    assert [s.heading.text for s in report.sections] == ["一、总体情况"]


# -- regions ---------------------------------------------------------------


def test_regions_name_the_parts_of_the_report():
    report = _report("标题：某某区2024年度政府信息公开工作年度报告\n" + REPORT)
    texts = {name: [t.text for t in report.regions(name)] for name in REGIONS}
    assert texts["head"] == ["标题:某某区2024年度政府信息公开工作年度报告", "某某区2024年度政府信息公开工作年度报告"]
    assert texts["headings"] == ["一、总体情况", "(一)主动公开", "二、其他需要报告的事项", "(一)收费情况"]
    assert texts["closing"] == ["某某区人民政府", "(2025年1月20日)", "某某区人民政府办公室", "2025年1月20日"]
    assert "附件:2024年度政府信息公开工作情况统计表" in texts["paragraphs"]
    assert "22" in texts["tables"] and "22" not in texts["body"]
    assert not any(t.startswith("标题") for t in texts["document"])
    assert texts["document"][0] == "某某区2024年度政府信息公开工作年度报告"
    assert texts["body"] == texts["document"][1:]


def test_every_token_kind_has_one_basic_region():
    from gialint.lexer import KINDS

    assert set(REGION_OF_KIND) == set(KINDS)
    basic = set(REGION_OF_KIND.values())
    assert all(set(parts) <= basic for parts in REGIONS.values())
    assert region_of(None) is None
    assert in_region("subheading", "headings") and in_region("cell", "cell")
    assert not in_region("cell", "body")


def test_an_unknown_region_is_an_error():
    with pytest.raises(KeyError):
        list(_report("一、总体情况\n").regions("bodies"))
