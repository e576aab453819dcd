"""The one-line scanner: crawler copies put a whole article on one line; such
a line is cut at the heading marks and table labels found inside it."""

from __future__ import annotations

import re

from gialint.chinese import cn_number
from gialint.lexer.closing import closing_tail
from gialint.lexer.headings import (
    GLUED_HEADING_END,
    KNOWN_HEADING,
    emit_heading,
    emit_subheading,
    loose_heading,
    sub_extent,
)
from gialint.lexer.rows import scan_table
from gialint.lexer.state import LexState
from gialint.lexer.token import DATE_LINE, SIGNER

# A line this long holds a whole article (a crawler copy), not one paragraph.
ONE_LINE_MODE = 1000
# Where a heading or table may start inside a long line: 一、, (一), or the
# words that open a table (a 表三 caption, its note, a header).
# Group 3: a section number in another form (一.总体情况, 一总体情况), cheaply
# pre-selected by the first words of the known headings, checked by loose_heading.
INLINE_MARK = re.compile(
    r"([一二三四五六七八九十]{1,3})、|\(([一二三四五六七八九十]{1,3})\)"
    r"|第二十条 *第 *\( *[一二三四五六七八九十] *\) *项|\(本列数据|统计指标 *单位|指标名称"
    r"|行政复议 *行政诉讼 *(?=未经复议|结果维持)"
    r"|([一二三四五六七八九十]{1,3})[ .,:]? *(?=[总主收政存其概依因])"
)
# Words that open a table right after a section heading in a one-line copy.
TABLE_START = re.compile(r" *(?:第二十条|\(本列数据|申请人情况|行政复议 *行政诉讼|统计指标|指标名称)")
# A table's caption between the heading and the table, in any words:
# 附表：…统计表, …情况(统计表), 表三 …, …情况表 (the table's first words follow).
CAPTION = re.compile(
    r" *(?:(?:附表|表[一二三四1-4])[^\s。,;]{0,40}?|[^\s。,;]{0,40}?(?:统计表\)?|情况表|一览表))"
    r"(?=" + TABLE_START.pattern + ")"
)
# A section mark that opens a known kind of heading (legacy wordings vary:
# 因政府信息公开申请提起行政复议…): a shorter line holding three of them in order
# is a whole article too (a legacy report copied onto one line).
_OUTLINE_MARK = re.compile(r"(?:^|(?<=[。!?;:！？；：)） \t]))([一二三四五六七八九十]{1,2})、 *(?=[总主收政存其概依因])")
OUTLINE_MIN_MARKS = 3
# What may stand right before an inline heading mark: the end of a sentence,
# a bracket, a space … (a mark glued to a word is part of the running text).
BOUNDARY = set("。!?;:！？；：)）」』”\"'>-") | set(" \t")
# The longest section heading read inside a long line when it is no known heading.
INLINE_HEADING_MAX = 30


def holds_outline(s: str) -> bool:
    """A line shorter than ONE_LINE_MODE that holds a whole outline: three
    section marks in ascending order, each opening a heading's usual words
    (一、概述 … 二、主动公开… 三、依申请…); an enumeration inside a paragraph
    (一、加强领导；二、完善制度) is none."""
    if "、" not in s:
        return False
    numbers = [cn_number(m.group(1)) for m in _OUTLINE_MARK.finditer(s)]
    run = best = 0
    prev = 0
    for n in numbers:
        run = run + 1 if n is not None and n > prev else 1
        prev = n or 0
        best = max(best, run)
    return best >= OUTLINE_MIN_MARKS


def scan_line(lx: LexState, start: int, end: int, line: int) -> None:
    """Cut a whole article on one line into headings, text and table tokens,
    and the signing organ and date at its end."""
    tail = closing_tail(lx, start, end)
    line_end = end
    if tail:
        end = tail[0]
    _scan(lx, start, end, line)
    if tail:
        s0, s1, d0, d1 = tail
        lx.emit(SIGNER, s0, s1, line)
        lx.emit(DATE_LINE, d0, d1, line)
        lx.flush_text(d1, line_end, line)


def _scan(lx: LexState, start: int, end: int, line: int) -> None:
    text = lx.text
    pos = start  # start of the pending TEXT
    i = start
    while i < end:
        m = INLINE_MARK.search(text, i, end)
        if not m:
            break
        p = m.start()
        lab = lx.label_re.match(text, p, end)
        if lab and lab.end() - p >= 3 and lx.lookup(text[p:lab.end()]) is not None:
            # a table row label that starts with a heading mark: 一、本年新收…
            lx.flush_text(pos, p, line)
            i = pos = scan_table(lx, p, end, line)
            continue
        if m.group(1):
            stop = _inline_heading(lx, m, p, end, line, pos)
            if stop is not None:
                i = pos = _table_after_heading(lx, stop, end, line)
                continue
        elif m.group(2):
            if p == start or p == pos or text[p - 1] in BOUNDARY:
                lx.flush_text(pos, p, line)
                s = text[p:end]
                cut = sub_extent(s, m.end() - p, long_ok=False)
                emit_subheading(lx, p, p + cut, line, m.group(2), inline=True)
                i = pos = p + cut
                continue
        elif m.group(3):
            stop = _loose_inline_heading(lx, p, end, line, pos)
            if stop is not None:
                i = pos = _table_after_heading(lx, stop, end, line)
                continue
        else:  # a table caption, note or header
            lx.flush_text(pos, p, line)
            i = pos = scan_table(lx, p, end, line)
            continue
        i = m.end()
    lx.flush_text(pos, end, line)


def _inline_heading(lx: LexState, m: re.Match, p: int, end: int, line: int, pos: int) -> int | None:
    """A 一、 inside a long line is a section heading when its words are a known
    heading, or when it stands after a boundary and continues the section
    numbering; returns where the heading ends (None: running text)."""
    text = lx.text
    numeral = m.group(1)
    number = cn_number(numeral)
    body = m.end()
    known = KNOWN_HEADING.match(text, body, end)
    if known:
        stop = known.end()
    elif (p == pos or text[p - 1] in BOUNDARY or text[p - 1].isdigit()) and number == lx.last_number + 1:
        stop = body
        while stop < end and stop - body < INLINE_HEADING_MAX and text[stop] not in " 。:：;；,，":
            stop += 1
        if stop == body:
            return None
        # 五、存在的主要问题和改进措施虽然我区… : end after the last heading word
        ends = list(GLUED_HEADING_END.finditer(text, body, stop))
        if ends:
            stop = ends[-1].end()
    else:
        return None
    lx.flush_text(pos, p, line)
    emit_heading(lx, p, stop, line, numeral, number, inline=True)
    return stop


def _loose_inline_heading(lx: LexState, p: int, end: int, line: int, pos: int) -> int | None:
    """一.总体情况 or 一总体情况 inside a long line: a heading only when its words are
    a known section heading and a boundary stands before it; where it ends."""
    text = lx.text
    if not (p == pos or text[p - 1] in BOUNDARY):
        return None
    m = loose_heading(lx, text, p, end, need_known=True)
    if m is None:
        return None
    known = KNOWN_HEADING.match(text, m.end(), end)
    lx.flush_text(pos, p, line)
    emit_heading(lx, p, known.end(), line, m.group(1), cn_number(m.group(1)), inline=True, body=m.end())
    return known.end()


def _table_after_heading(lx: LexState, pos: int, end: int, line: int) -> int:
    """A table right after a section heading, maybe under a caption: read it;
    where the running text goes on."""
    text = lx.text
    if not TABLE_START.match(text, pos, end):
        cap = CAPTION.match(text, pos, end)
        if not cap:
            return pos
        lx.flush_text(pos, cap.end(), line)
        pos = cap.end()
    return scan_table(lx, pos, end, line)
