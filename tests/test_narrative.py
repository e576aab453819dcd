"""Figures of the narrative (gialint/narrative.py) and Chinese numerals
(gialint/chinese.py cn_number): what is a figure, its value, unit and flags."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gialint.api import Linter
from gialint.chinese import cn_number
from gialint.narrative import LEXICON_DEFAULTS, FigurePattern, Lexicon, Sentence, read_figures
from gialint.normalize import normalize
from gialint.ruleset import load_rules
from gialint.saferegex import LazyPattern

LEXICON = Lexicon({name: default if isinstance(default, list) else LazyPattern(default)
                   for name, (default, _) in LEXICON_DEFAULTS.items()})


def figures(text: str):
    """(text, value, unit, approx) of the figures of ``text`` (normalised as the checks read it)."""
    text = normalize(text).text
    return [(text[f.start:f.end], f.value, f.unit, f.approx) for f in read_figures(text, 0, len(text), LEXICON)]


@pytest.mark.parametrize("numeral,value", [
    ("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("九十九", 99), ("一百二十", 120), ("一百零五", 105),
    ("两千零五", 2005), ("一千零一十", 1010), ("一万二千", 12000), ("十万", 100000), ("一百万", 1000000),
    ("三亿", 300000000), ("一亿两千万", 120000000),
])
def test_cn_number(numeral, value):
    assert cn_number(numeral) == value


@pytest.mark.parametrize("numeral", ["", "二〇二四", "十四五", "三四", "十百", "百", "万", "零", "五五", "十一二"])
def test_cn_number_rejects(numeral):
    assert cn_number(numeral) is None


@pytest.mark.parametrize("text,value,unit", [
    ("发布信息212条。", Decimal(212), "条"),
    ("发布信息1,226条。", Decimal(1226), "条"),
    ("收到申请一百二十件。", Decimal(120), "件"),
    ("收取费用12.35万元。", Decimal("123500"), "元"),
    ("参训86人次。", Decimal(86), "人次"),
    ("占8.05%。", Decimal("8.05"), "%"),
    ("占百分之九十五。", Decimal(95), "%"),
    ("开展两次集中清理。", Decimal(2), "次"),
    ("办结量7346，", Decimal(7346), ""),
])
def test_figure_value_and_unit(text, value, unit):
    ((_, got_value, got_unit, approx),) = figures(text)
    assert (got_value, got_unit, approx) == (value, unit, False)


@pytest.mark.parametrize("text", [
    "发布信息2000余条。", "发布信息约2000条。", "发布信息近2000条。", "发布信息2000条以上。",
    "发布信息2000条左右。", "发布信息20多条。", "发布信息10-20条。", "发布信息10至20条。", "发布信息两万余条。",
])
def test_approximate(text):
    ((_, _, _, approx),) = figures(text)
    assert approx


def test_rounded_magnitude():
    (f,) = read_figures("发布信息1.2万条。", 0, 10, LEXICON)
    assert f.rounded and not f.exact and (f.low, f.high) == (Decimal(11500), Decimal(12500))


@pytest.mark.parametrize("text", [
    "依据《条例》第二十条规定。",  # an article number
    "依据国办公开办函〔2021〕30号文件。",  # a document number
    "依据《关于做好2件事的通知》。",  # a title in 《》
    "联系电话：0591-12345678。",  # a telephone number
    "电话8858068，",
    "地址：金井路28号307室。",  # an address
    "每月1次。",  # a frequency
    "在3个工作日内答复。",  # a duration is no 个
    "实行一次性告知。", "推行一件事一次办。",  # set phrases
    "2023年12月31日。",  # a date
])
def test_never_a_count(text):
    assert [f for f in figures(text) if f[2] not in ("", "个工作日")] == []


def test_date_spans_are_skipped():
    text = normalize("自2023年1月1日起，发布信息3条。").text
    assert [f[0] for f in figures(text)] == ["3条"]
    found = read_figures(text, 0, len(text), LEXICON, skip=[(1, 10)])
    assert [text[f.start:f.end] for f in found] == ["3条"]


def test_figure_pattern():
    text = normalize("全年受理申请17件，办结16件，2件已办结。").text
    s = Sentence(0, len(text), text, 0, read_figures(text, 0, len(text), LEXICON))
    received = FigurePattern(r"受理[^,;]{0,20}#")
    closed = [FigurePattern(r"办结#"), FigurePattern(r"#已办结")]
    assert [text[f.start:f.end] for f in s.figures if received.matches(s, f)] == ["17件"]
    assert [text[f.start:f.end] for f in s.figures if any(p.matches(s, f) for p in closed)] == ["16件", "2件"]
    with pytest.raises(ValueError):
        FigurePattern("受理")


NARRATIVE_RULES = [r for r in (lr.rule for lr in load_rules()) if r.kind.startswith("narrative_")]


@pytest.mark.parametrize("rule", NARRATIVE_RULES, ids=[r.id for r in NARRATIVE_RULES])
def test_rule_examples(rule):
    """The documented bad example fires, the good one does not."""
    linter = Linter(isolated=True, select=[rule.id])
    bad = linter.lint_text(rule.example_bad.strip() + "\n", "bad.txt").findings
    good = linter.lint_text(rule.example_good.strip() + "\n", "good.txt").findings
    assert [f.rule for f in bad] == [rule.id] and not good


def test_clause_bounds_is_the_scan_it_replaces():
    """clause_bounds looks the separators up (a long clause of many figures was
    quadratic); it gives what scanning character by character gives."""
    import random

    from gialint import narrative

    stops = narrative._SEPARATORS + narrative._OPEN + narrative._CLOSE + narrative.SENTENCE_END + "\n"

    def scan(text, pos, lo=0, hi=None):
        hi = len(text) if hi is None else hi
        a = pos
        while a > lo and text[a - 1] not in stops:
            a -= 1
        b = pos
        while b < hi and text[b] not in stops:
            b += 1
        return a, b

    rng = random.Random(7)
    alphabet = "ab1，,;:、([)]。\n年"
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        pos, lo = rng.randint(0, len(text)), rng.randint(0, len(text))
        hi = rng.choice([None, rng.randint(0, len(text))])
        assert narrative.clause_bounds(text, pos, lo, hi) == scan(text, pos, lo, hi), (text, pos, lo, hi)
