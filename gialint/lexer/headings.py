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
# (一) opens a sub-heading (and table rows: (一)主动公开…); a stray 、 or .
# after the bracket ((一)、主动公开) belongs to the mark, not to the words
SUB_MARK = re.compile(r"\(\s*([一二三四五六七八九十]{1,3})\s*\)\s*(?:[、.]\s*)?")
# A section number written in another form: 一.总体情况, 一．, 一，, 一：, 一 总体情况 or
# 一总体情况 (normalised: full-width . , : are ASCII).  Group 2 is the separator.
LOOSE_HEADING_MARK = re.compile(r"([一二三四五六七八九十]{1,3})(\s*[.,:]\s*|\s+|)")
# The separator of the national form.
STANDARD_SEPARATOR = "、"

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
KNOWN_HEADING_WORDS = "|".join(re.escape(w) for w in sorted(KNOWN_HEADINGS, key=len, reverse=True))
KNOWN_HEADING = re.compile(f" *(?:{KNOWN_HEADING_WORDS})")

# A heading line longer than this (or with a 。) is a numbered paragraph, not a heading.
HEADING_MAX_LEN = 40
# A sub-heading line this short is a heading as a whole, even without a stop.
SUB_WHOLE_LINE = 50
# How far into a sub-heading a stop (。:;) or a heading end word is looked for.
SUB_STOP_WINDOW = 40
# A sub-heading glued to its paragraph is rarely longer than this.
SUB_TYPICAL_LEN = 16
HEADING_END_WINDOW = 25
# The sub-headings of 一、总体情况 and 五、 that the 2021 format names (docs/format.md#sections):
# a paragraph glued to one of them is cut after its words.
KNOWN_SUB = re.compile(r"政府信息公开平台建设|政府信息管理|依申请公开|主动公开|平台建设|监督保障"
                       r"|主要问题|改进情况|改进措施")
# How far after a known sub-heading's words an end word (情况, 工作) still belongs to it.
KNOWN_SUB_MORE = 8
# Words that typically end a sub-heading glued to its paragraph in one-line copies.
GLUED_SUB_END = re.compile(r"方面|情况|工作|措施|问题|建设")
# How a paragraph glued to its sub-heading typically opens: a year, the organ
# speaking of itself, or a verb of the reports' house style.
SENTENCE_OPENER = re.compile(r"\d|本|我|全年|今年|一是|根据|按照|围绕|为|在|通过|严格|坚持|进一步|202|无|未|共")
# Words that end a section heading glued to its paragraph (五、存在的主要问题和改进措施虽然…).
GLUED_HEADING_END = re.compile(r"情况|措施|事项|概述|统计表")


def is_table_row_numbering(lx: LexState, number: int | None, label: str, known: bool) -> bool:
    """Inside a table, 一、 that is no known heading word and does not continue
    the section numbering (or stands alone) is a row label of a table that
    extraction cut into lines (表三's 三、本年度办理结果), not a section."""
    return lx.table_mode and not known and (not label or number != lx.last_number + 1)


def heading_line(lx: LexState, start: int, end: int, line: int, m: re.Match, md_level: int,
                 loose: bool = False) -> bool:
    """A line that starts with 一、 (``loose``: with a number in another form,
    see loose_heading): a heading, a heading with its paragraph, or a table
    row label; False for a numbered paragraph."""
    s = lx.text[start:end]
    label = s[m.end():]
    numeral = m.group(1)
    number = cn_number(numeral)
    known = KNOWN_HEADING.match(label)
    body = start + m.end() if loose else None
    if not loose and is_table_row_numbering(lx, number, label, bool(known)):
        lx.emit(TABLE_LABEL, start, end, line, label=label_key(s, True))
        return True
    if known and known.end() < len(label):
        # heading glued to its first paragraph: 六、其他需要报告的事项 无其他…
        cut = start + m.end() + known.end()
        emit_heading(lx, start, cut, line, numeral, number, md_level=md_level, body=body)
        lx.emit(TEXT, cut, end, line)
        return True
    if known or (len(label) <= HEADING_MAX_LEN and "。" not in label):
        emit_heading(lx, start, end, line, numeral, number, md_level=md_level, body=body)
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
    first stop, else (in a long line) after a known sub-heading's words, a
    heading end word or before the first comma; ``long_ok``: a short line is
    all heading."""
    if not long_ok:
        known = KNOWN_SUB.match(s, body)
        if known:
            # 主动公开 / 主动公开情况 / 主动公开政府信息情况, then the paragraph
            more = GLUED_SUB_END.search(s, known.end(), known.end() + KNOWN_SUB_MORE)
            return more.end() if more else known.end()
    window = s[body: body + SUB_STOP_WINDOW]
    cut = None
    for i, ch in enumerate(window):
        if ch in "。:;；：":
            cut = body + i + 1 if ch == "。" else body + i
            break
    if not long_ok:
        # a space between heading and paragraph (a crawler's paragraph break) cuts first
        space = s.find(" ", body, cut if cut is not None else body + HEADING_END_WINDOW)
        if space > body:
            return space
        ends = list(GLUED_SUB_END.finditer(s, body, body + HEADING_END_WINDOW))
        # the end word a sentence starts after (情况2024年, 情况本局), else the
        # last one close by (政务公开工作要点落实情况), else the first
        near = [e for e in ends if e.end() - body <= SUB_TYPICAL_LEN]
        m = next((e for e in ends if SENTENCE_OPENER.match(s, e.end())),
                 near[-1] if near else ends[0] if ends else None)
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


def loose_heading(lx: LexState, s: str, pos: int = 0, end: int | None = None,
                  need_known: bool = False) -> re.Match | None:
    """``s[pos:]`` opens with a section number in a form other than 一、 (一.总体
    情况, 一 总体情况, 一总体情况): the mark's match, or None.  Its words must be a
    known section heading, or — with a separator, outside a table, continuing
    the numbering — a short line with no sentence in it (``need_known``: only
    the former, for headings inside running text)."""
    end = len(s) if end is None else end
    m = LOOSE_HEADING_MARK.match(s, pos, end)
    if not m or s.startswith(STANDARD_SEPARATOR, m.end(1)):
        return None
    if KNOWN_HEADING.match(s, m.end(), end):
        return m
    label = s[m.end():end]
    if (need_known or not m.group(2) or lx.table_mode or cn_number(m.group(1)) != lx.last_number + 1
            or len(label) > HEADING_MAX_LEN or not label or label[0].isdigit()
            or any(c in label for c in "。;；")):
        return None
    return m


def emit_heading(lx: LexState, start, end, line, numeral, number, inline=False, md_level=0,
                 body: int | None = None) -> Tok:
    """A section heading; it ends any table and sets the section number.
    ``body``: where its words start (after the number as written), when the
    number is not in the 一、 form."""
    lx.table_mode = False
    tok = lx.emit(HEADING, start, end, line, numeral=numeral, number=number,
                  inline=inline, md_level=md_level)
    if body is not None:
        tok.mark = lx.text[tok.start:body]
        tok.label = lx.text[body:tok.end]
    else:
        m = HEADING_MARK.match(tok.text)
        tok.mark = tok.text[:m.end()] if m else ""
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
