"""Rule parameters for people: ``gialint rule GIA301`` lists them as
参数名 — 说明 — 取值, in Chinese (or English with --lang en), not as JSON.

The Chinese descriptions of the parameters used by the built-in rules are
here; a parameter without one shows the English description of its kind
(gialint/checks/*, ``Param.doc``).  Cell keys in formulas are shown with the
names printed in the tables (t3.new_received → 表三“一、本年新收政府信息公开申请数量”).
"""

from __future__ import annotations

import re

# parameter name → its meaning in Chinese
PARAM_ZH: dict[str, str] = {
    "equation": "要检查的等式：单元格 关系 项 ± 项 ……；关系为 =、<=、>=、<、>",
    "for_each": "等式中的占位符逐一取这些值（表三的每一列等），每个取值检查一次",
    "confirm": "同一单元格的另一个等式：它成立时该单元格没有错，问题改为指向等式右边的第一格，并使用 confirmed 说明",
    "tolerance": "允许的误差：绝对值（“1”）或比例（“0.5%”）",
    "unprinted": "等式右边某一格所在的行报告中根本没有时：skip 不检查这个等式（默认），zero 按 0 计"
                 "（旧版统计表各地列出的申请方式不同）；行在而格子空白或未读到、右边一格也没读到、"
                 "等式各行之间有 gialint 认不出的行时，都不检查",
    "when": "只在这个单元格大于 0 时检查",
    "expr": "与正文比较的单元格（用 + 相加；用 | 分隔几种都可以接受的算法）",
    "patterns": "要查找的写法（正则表达式）；名为 n 的分组是其中的数字",
    "unless": "句子中有这些写法时不检查",
    "require": "只检查含有全部这些写法的句子",
    "cells": "问题说明中单元格的叫法（默认为各单元格名称用 + 连接）",
    "approximate": "数字前后表示约数的字词（约、余、多），有这些字词的数字不算确数",
    "scope": "查找范围：text 全文；document 标题和正文（不含网页信息）；body 只查正文",
    "exclude": "匹配的文字又符合这些写法时不报告",
    "exclude_context": "匹配处前后（context 个字以内）符合这些写法时不报告",
    "context": "exclude_context 向前后查看的字数",
    "ignore_case": "不区分字母大小写",
    "normalized": "在规范化后的文字（全角转半角、繁体转简体）上查找",
    "max_per_file": "每个文件最多报告几处（0 为不限）",
    "regions": "查找的位置",
    "sections": "必须有的章节（s1 一、总体情况 …… s6 六、其他需要报告的事项）",
    "topics": "报告必须涵盖的内容",
    "evidence": "章节键 → 写法：没有标题但有这些内容时，视为有这一章节",
    "section": "只在全国格式的这一章节中查找",
    "together": "缺少的几项内容合为一个问题报告（用、连接），而不是每项一个",
    "headings_elsewhere": "一项内容在报告别处有自己的标题时也算涵盖",
    "roles": "检查的日期种类（标题、统计期限、落款、发布时间……）",
    "relation": "比较的两种日期及其先后关系",
    "min_days_late": "晚于期限至少这些天才报告",
    "max_days_late": "……且至多这些天（0 为不限）；网页发布时间远晚于期限的可能是转载",
    "mode": "date：截至报告年度12月31日之前的某一天；vague：截至目前、到目前为止等说法",
    "vague": "要报告的模糊说法",
    "plan_headings": "讲今后计划的章节标题（不检查）",
    "plan_words": "句中有这些字词时，说的是今后的事",
    "tables": "检查哪些表格的单元格",
    "issue": "本规则报告的读取问题的种类",
    "fix": "提供 --fix 修复（删除这些残留）",
    "line_patterns": "整行都符合这些写法的，是残留行",
    "inline_patterns": "出现在任何位置的残留；只由这些组成的行是残留行",
    "tail_line_patterns": "同 line_patterns，但只在其后只有残留和空行时才算",
    "max_line_length": "长于这么多字的行不会整行算作残留",
    "phrase": "标题必须包含的字词",
    "meta_counts": "网页的“标题：”一行算作标题",
    "levels": "1：章节（一、）；2：小节（（一））",
    "min_sections": "编号章节少于这个数时，视为没有找到提纲",
    "problem": "报告哪一种抑制注释问题",
    "organ_types": "只检查这些类型的机关的报告（配置中的 organ-type，或从报告推断）",
    "units": "使一个数字成为统计数字的单位（件、条、次……）",
    "wording": "near：只差几个字的笔误（可修复）；far：其他写法；any：两者",
    "max_edits": "相差不超过这么多处才算笔误",
}

_SETS_ZH = {"t3.columns": "表三的每一列", "t3.applicant_columns": "表三的每个申请人列（不含总计）",
            "t3.value_rows": "表三的每个数据行", "t3.result_leaves": "表三办理结果的每个末级行",
            "t4.groups": "表四的每组（行政复议、未经复议直接起诉、复议后起诉）",
            "t4.columns": "表四每组的每一列"}
_SETS_EN = {"t3.columns": "every column of 表三", "t3.applicant_columns": "every applicant column of 表三",
            "t3.value_rows": "every data row of 表三", "t3.result_leaves": "every result row of 表三",
            "t4.groups": "every group of 表四", "t4.columns": "every column of a group of 表四"}
_TABLES = {"t2": "表二", "t3": "表三", "t4": "表四", "lg": "统计表"}
_KEY = re.compile(r"\b(?:t[234]|lg)(?:\.[A-Za-z0-9_{}*]+)+")


def _cell_name(key: str) -> str:
    """A cell key with the tables' own names; a key with a {placeholder} by its row."""
    from gialint.tables.template import template

    tpl = template("legacy" if key.startswith("lg.") else "2021")
    table = _TABLES[key[:2]]
    if key.startswith("lg."):  # the legacy statistics table: a row, its 历年累计 by {col}
        row = re.sub(r"\{col\}$", "", key)
        if row in tpl.cells:
            return f"{table}“{tpl.label(row)}”"
        if row.endswith("*}"):
            return f"{table}中 {row.rsplit('.', 1)[-1][1:-2]} 各行之和"
        return key
    if key in tpl.cells:
        return f"{table}“{tpl.label(key)}”"
    parts = key.split(".")
    if key.startswith("t3.") and len(parts) == 3:
        row = next((lab for k, lab, _ in tpl.t3_rows if k == parts[1]), None)
        if row:
            return f"{table}“{row}”"
    if key.startswith("t3.") and len(parts) == 3 and parts[1].endswith("*}"):
        return f"{table}中 {parts[1][1:-2]} 各行之和"
    if key in _SETS_ZH:
        return _SETS_ZH[key]
    return key


def readable(value, lang: str) -> str:
    """One parameter value as a line of text."""
    if isinstance(value, bool):
        return ("是" if value else "否") if lang == "zh" else ("yes" if value else "no")
    if isinstance(value, str):
        if lang == "zh" and _KEY.search(value) and not value.startswith("(?"):
            return f"{value}（即 {_KEY.sub(lambda m: _cell_name(m.group()), value)}）"
        if value in _SETS_ZH:
            return f"{value}（{_SETS_ZH[value]}）" if lang == "zh" else f"{value} ({_SETS_EN[value]})"
        return value
    if isinstance(value, list):
        if not value:
            return "（空）" if lang == "zh" else "(none)"
        sep = "；" if lang == "zh" else "; "
        if any(isinstance(v, (list, dict)) for v in value):
            return sep.join(f"〔{_inner(v, lang)}〕" for v in value)
        return sep.join(readable(v, lang) for v in value)
    if isinstance(value, dict):
        sep = "；" if lang == "zh" else "; "
        return sep.join(f"{k} → {_inner(v, lang)}" for k, v in value.items())
    return str(value)


def _inner(value, lang: str) -> str:
    """A value inside a list or table: its own lists joined by 、, its tables by ，."""
    if isinstance(value, list):
        return "、".join(_inner(v, lang) for v in value) if value else readable(value, lang)
    if isinstance(value, dict):
        return "，".join(f"{k}：{_inner(v, lang)}" for k, v in value.items())
    if value == "":  # a placeholder's empty value (the legacy table's this-year column: col = "")
        return "（空）" if lang == "zh" else "(empty)"
    return readable(value, lang)


def param_lines(rule, lang: str = "zh") -> list[str]:
    """The labelled list: one entry a parameter, 名称 — 说明 — 取值."""
    from gialint.checks import REGISTRY

    declared = getattr(REGISTRY.get(rule.kind), "params", {}) or {}
    out = []
    for name, value in rule.params.items():
        doc = PARAM_ZH.get(name) if lang == "zh" else None
        if doc is None:
            doc = getattr(declared.get(name), "doc", "") or ""
        out.append(f"    {name} — {doc} — {readable(value, lang)}" if doc else
                   f"    {name} — {readable(value, lang)}")
    return out
