"""gialint.lines (the one line index) and gialint.chinese (shared facts about Chinese text)."""

from __future__ import annotations

import re

import pytest

from gialint.chinese import NUMERALS, SENTENCE_END, cn_number, is_cjk, is_unified, is_wide
from gialint.lines import LineIndex, line_key
from gialint.normalize import normalize

TEXTS = ["", "a", "a\n", "a\nb", "a\r\nb\r\n", "\r\r\n\n", "一\r二\n\n三\r\n", "x\x0cy\u2028z\n"]


def naive_lines(text: str) -> list[str]:
    lines = re.split("\r\n|\r|\n", text)
    return lines[:-1] if lines[-1] == "" else lines


@pytest.mark.parametrize("text", TEXTS)
def test_line_index_agrees_with_a_plain_split(text):
    index = LineIndex(text)
    assert index.lines() == naive_lines(text)
    assert index.line_count == len(naive_lines(text))
    ends = [m.end() for m in re.finditer("\r\n|\r|\n", text)]
    for off in range(len(text) + 1):
        line = 1 + sum(e <= off for e in ends)  # inside a CRLF: still the line it ends
        assert index.position(off) == (line, off - ([0] + ends)[line - 1] + 1)
        assert index.line_of(off) == line
    for n, (start, end) in enumerate(index.spans(), 1):
        assert index.starts[n - 1] == start and text[start:end] == index.line_text(n)
    assert index.line_text(0) == index.line_text(len(index.starts) + 1) == ""


@pytest.mark.parametrize("text", TEXTS)
def test_normalised_lines_are_the_original_lines(text):
    norm = normalize(text)
    assert len(LineIndex(norm.text).starts) == len(LineIndex(text).starts)


def test_form_feed_and_line_separator_do_not_end_a_line():
    assert LineIndex("x\x0cy\u2028z").line_count == 1


def test_line_key_collapses_whitespace():
    assert line_key("  一、 总体\t情况 \u3000") == "一、 总体 情况"


def test_chinese_helpers():
    assert [cn_number(n) for n in ("一", "十", "十二", "二十", "二十三", "", "十十", "百")] == [
        1, 10, 12, 20, 23, None, None, None]
    assert all(cn_number(c) == i for i, c in enumerate(NUMERALS, 1))
    assert is_unified("政") and is_cjk("政") and not is_unified("〇") and is_cjk("〇")
    assert is_cjk("\uf900") and not is_unified("\uf900")  # a compatibility ideograph
    assert is_wide("政") and is_wide("Ａ") and not is_wide("a")
    assert set("。!?;！？；") == set(SENTENCE_END)
