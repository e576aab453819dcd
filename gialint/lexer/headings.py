"""Section headings (一、) and sub-headings ((一)): how they are told from
table row labels, and where a heading glued to its paragraph ends."""

from __future__ import annotations

import re

from gialint.chinese import cn_number
from gialint.lexer.state import LexState
from gialint.lexer.token import HEADING, SUBHEADING, TABLE_LABEL, TEXT, Tok
from gialint.national_format import label_key

# 一、 opens a top-level heading (and 表三's row groups: 一、本年新收…)
HEADING_MARK = re.compile(r"([一二三四五六七八九十]{1,3})\s*、\s*")
# (一) opens a sub-heading (and table rows: (一)主动公开…)
SUB_MARK = re.compile(r"\(\s*([一二三四五六七八九十]{1,3})\s*\)\s*")

# Section headings of the national formats: recognised by their words even
# when glued to the paragraph after them (六、其他需要报告的事项无其他…).
KNOWN_HEADINGS = [
    "总体情况",
    "主动公开政府信息情况",
    "收到和处理政府信息公开申请情况",
    "政府信息公开行政复议、行政诉讼情况",
    "存在的主要问题及改进情况",
    "其他需要报告的事项",
    # legacy (492号) outlines
    "概述",
    "主动公开政府信息的情况",
    "政府信息依申请公开工作情况",
    "依申请公开政府信息情况",
    "依申请公开政府信息和不予公开政府信息的情况",
    "政府信息公开的收费及减免情况",
    "因政府信息公开申请行政复议、提起行政诉讼的情况",
    "政府信息公开工作存在的主要问题及改进情况",
    "主要问题和改进措施",
    "存在的主要问题和改进措施",
]
# longest first, so that 存在的主要问题和改进措施 wins over 主要问题和改进措施
KNOWN_HEADING = re.compile(
    " *(?:" + "|".join(re.escape(w) for w in sorted(KNOWN_HEADINGS, key=len, reverse=True)) + ")")

# A heading line longer than this (or with a 。) is a numbered paragraph, not a heading.
HEADING_MAX_LEN = 40
# A sub-heading line this short is a heading as a whole, even without a stop.
SUB_WHOLE_LINE = 50
# How far into a sub-heading a stop (。:;) or a heading end word is looked for.
SUB_STOP_WINDOW = 40
HEADING_END_WINDOW = 25
# Words that typically end a sub-heading glued to its paragraph in one-line copies.
GLUED_SUB_END = re.compile(r"方面|情况|工作|措施|问题|建设")
# Words that end a section heading glued to its paragraph (五、存在的主要问题和改进措施虽然…).
GLUED_HEADING_END = re.compile(r"情况|措施|事项|概述|统计表")


def is_table_row_numbering(lx: LexState, number: int | None, label: str, known: bool) -> bool:
    """Inside a table, 一、 that is no known heading word and does not continue
    the section numbering (or stands alone) is a row label of a table that
    extraction cut into lines (表三's 三、本年度办理结果), not a section."""
    return lx.table_mode and not known and (not label or number != lx.last_number + 1)


def heading_line(lx: LexState, start: int, end: int, line: int, m: re.Match, md_level: int) -> bool:
    """A line that starts with 一、: a heading, a heading with its paragraph,
    or a table row label; False for a numbered paragraph."""
    s = lx.text[start:end]
    label = s[m.end():]
    numeral = m.group(1)
    number = cn_number(numeral)
    known = KNOWN_HEADING.match(label)
    if is_table_row_numbering(lx, number, label, bool(known)):
        lx.emit(TABLE_LABEL, start, end, line, label=label_key(s, True))
        return True
    if known and known.end() < len(label):
        # heading glued to its first paragraph: 六、其他需要报告的事项 无其他…
        cut = start + m.end() + known.end()
        emit_heading(lx, start, cut, line, numeral, number, md_level=md_level)
        lx.emit(TEXT, cut, end, line)
        return True
    if known or (len(label) <= HEADING_MAX_LEN and "。" not in label):
        emit_heading(lx, start, end, line, numeral, number, md_level=md_level)
        return True
    return False


def sub_line(lx: LexState, start: int, end: int, line: int, m: re.Match, md_level: int) -> None:
    """A line that starts with (一): the sub-heading, then its paragraph if glued."""
    s = lx.text[start:end]
    cut = sub_extent(s, m.end(), long_ok=len(s) <= SUB_WHOLE_LINE)
    emit_subheading(lx, start, start + cut, line, m.group(1), md_level=md_level)
    if start + cut < end:
        lx.emit(TEXT, start + cut, end, line)


def sub_extent(s: str, body: int, long_ok: bool) -> int:
    """Where a sub-heading that starts ``s`` ends (its text may run on): at the
    first stop, else (in a long line) after a heading end word or before the
    first comma; ``long_ok``: a short line is all heading."""
    window = s[body: body + SUB_STOP_WINDOW]
    cut = None
    for i, ch in enumerate(window):
        if ch in "。:;；：":
            cut = body + i + 1 if ch == "。" else body + i
            break
    if not long_ok:
        m = GLUED_SUB_END.search(s, body, body + HEADING_END_WINDOW)
        if m and (cut is None or m.end() < cut):
            cut = m.end()
    if cut is not None:
        return cut
    if long_ok:
        return len(s)
    for i, ch in enumerate(window):
        if ch in ",，、 ":
            return body + i
    return min(len(s), body + 20)


def emit_heading(lx: LexState, start, end, line, numeral, number, inline=False, md_level=0) -> Tok:
    """A section heading; it ends any table and sets the section number."""
    lx.table_mode = False
    tok = lx.emit(HEADING, start, end, line, numeral=numeral, number=number,
                  inline=inline, md_level=md_level)
    m = HEADING_MARK.match(tok.text)
    tok.label = tok.text[m.end():] if m else tok.text
    if number:
        lx.last_number = number
    return tok


def emit_subheading(lx: LexState, start, end, line, numeral, inline=False, md_level=0) -> Tok:
    """A sub-heading; it ends any table."""
    lx.table_mode = False
    tok = lx.emit(SUBHEADING, start, end, line, numeral=numeral,
                  number=cn_number(numeral), inline=inline, md_level=md_level)
    m = SUB_MARK.match(tok.text)
    tok.label = tok.text[m.end():] if m else tok.text
    return tok
