"""The line classifier: most reports have one paragraph, heading or table
cell per line, so a line is classified as a whole (a long line goes to the
one-line scanner).  Also the title block before the body and, after all
lines, the signature."""

from __future__ import annotations

import re

from gialint.lexer import oneline, rows
from gialint.lexer.closing import DATE_ONLY, mark_signers, place_closing_and_attachments
from gialint.lexer.headings import HEADING_MARK, SUB_MARK, heading_line, loose_heading, sub_line
from gialint.lexer.state import LexState
from gialint.lexer.token import (
    ATTACHMENT,
    DATE_LINE,
    META,
    TABLE_LABEL,
    TEXT,
    TITLE,
    Tok,
)
from gialint.national_format import label_key

# Web-page / crawler metadata lines of the title block (标题: 发布时间: …).
META_LINE = re.compile(
    r"(?:标题|发布时间|发布日期|公开日期|发表时间|生成日期|发文日期|成文日期|文号|发布机构|发文机关|栏目|原文链接|本地目录"
    r"|信息来源|来源|索引号|主题分类|页面链接与图片详见|页面链接)\s*[:：]?|=+\s*正文\s*=+$|正文$"
)
# A web page's breadcrumb line before the title (当前位置：首页 > … > 年报) is page
# metadata, not a title line (it may end with 年报).
BREADCRUMB = re.compile(r"(?:当前位置|您的位置|您现在的位置|您当前的位置|所在位置)\s*[:：]")
BREADCRUMB_MAX = 120
# Markdown: a heading's #… is markup (its level is kept), a rule line |---|---| is no content.
MD_HEADING = re.compile(r"#{1,6}\s*")
MD_RULE = re.compile(r"\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?")
# A gialint suppression comment is not part of the report.
DIRECTIVE_LINE = re.compile(r"<!--\s*gialint-[a-z-]+[^>]*-->")
# A page footer of PDF extraction (— 5 —, - 4 -, 第 2 页 共 9 页), often inside a table.
PAGE_FOOTER = re.compile(rows.PAGE_FOOTER)
# PDF extraction merged a group label with a row label: (四)无2.没有…
MERGED_CELL = re.compile(r"\d[.、]")
# The line that opens the attachments: 附件：, 附件1：, 附件:2024年度…统计表.
ATTACHMENT_LINE = re.compile(r"附件\s*[\d一二三四五六七八九十]*\s*[:：]")
# A line that opens with a section mark (一、, ## 二、)
LINE_SECTION_MARK = re.compile(r"[ \t#]*[一二三四五六七八九十]{1,2}、")
# A title line is short and no sentence.
TITLE_MAX_LEN = 60
# A title's first line of two (…政府信息公开 / 2024年度报告) and its second.
WRAPPED_TITLE_FIRST = 40
WRAPPED_TITLE_SECOND = 20



def read_lines(lx: LexState) -> list[Tok]:
    """Tokens of the whole text, line by line."""
    text = lx.text
    lines = text.split("\n")
    offset = 0
    skip_title_line = -1
    # a shorter line is read as a whole outline only when no line opens with a
    # section mark (then a 一、…二、…三、 inside a paragraph is an enumeration)
    outlines_inline = not any(LINE_SECTION_MARK.match(x) for x in lines)
    for idx, line in enumerate(lines):
        start, end = offset, offset + len(line)
        offset = end + 1
        s = line.strip(" \t")
        if not s:
            continue
        start += len(line) - len(line.lstrip(" \t"))
        end = start + len(s)
        md_level = 0
        m = MD_HEADING.match(s)
        if m and s.startswith("#"):
            md_level = len(s) - len(s.lstrip("#"))
            start += m.end()
            s = s[m.end():]
            if not s:
                continue
        if MD_RULE.fullmatch(s) and set(s) <= set("|-: "):
            continue
        if idx == skip_title_line:
            lx.emit(TITLE, start, end, idx)
            continue
        if lx.in_head:
            if META_LINE.match(s) or (len(s) <= BREADCRUMB_MAX and BREADCRUMB.match(s)):
                lx.emit(META, start, end, idx)
                continue
            title = title_lines(lines, idx, s)
            if title:
                lx.emit(TITLE, start, end, idx, md_level=md_level)
                if title == 2:
                    skip_title_line = _next_nonblank(lines, idx)
                continue
        if len(s) >= oneline.ONE_LINE_MODE or (outlines_inline and oneline.holds_outline(s)):
            if lx.in_head:
                start = title_prefix(lx, start, end, idx)
            oneline.scan_line(lx, start, end, idx)
        else:
            if lx.in_head and len(s) > TITLE_MAX_LEN:
                # a short article on one line without an outline: its title first
                start = title_prefix(lx, start, end, idx)
            classify(lx, start, end, idx, md_level)
    mark_signers(lx.toks)
    place_closing_and_attachments(lx.toks)
    return lx.toks


def _next_nonblank(lines: list[str], idx: int) -> int:
    for j in range(idx + 1, min(idx + 4, len(lines))):
        if lines[j].strip():
            return j
    return -1


def title_lines(lines: list[str], idx: int, s: str) -> int:
    """1 if this line of the title block is the title (it ends with 年度报告 or
    年报), 2 if the title goes on on the next line (…政府信息公开 / 2024年度报告),
    0 if it is no title."""
    if "。" in s or len(s) > TITLE_MAX_LEN:
        return 0
    c = s.replace(" ", "")
    if c.endswith(("年度报告", "年报")) or "工作年度报告" in c:
        return 1
    if "信息公开" in c and len(c) <= WRAPPED_TITLE_FIRST:
        j = _next_nonblank(lines, idx)
        if j >= 0:
            nxt = lines[j].strip().lstrip("#").replace(" ", "")
            if nxt.endswith("年度报告") and len(nxt) <= WRAPPED_TITLE_SECOND:
                return 2
    return 0


# The title at the start of a whole article on one line: up to its 年度报告/年报.
TITLE_PREFIX = re.compile(rf"[^。，,；;：:《》]{{4,{TITLE_MAX_LEN}}}?(?:年度报告|工作年报)")

# a sentence that names the report is no title: 现将本机关2023年…年度报告公布如下
SENTENCE_OPENING = re.compile(r"(?:现将|现|本|根据|按照|依据|依照|特|兹|经)")


def title_prefix(lx: LexState, start: int, end: int, line: int) -> int:
    """A crawler copy that starts with the title glued to the text: the title
    is a TITLE token; returns where the rest starts."""
    m = TITLE_PREFIX.match(lx.text, start, end)
    if m and "信息公开" in m.group() and not SENTENCE_OPENING.match(m.group()):
        lx.emit(TITLE, start, m.end(), line)
        return m.end()
    return start


def is_table_text(lx: LexState, s: str) -> bool:
    """Inside a table a short line without a sentence mark is a label (a header
    or a wrapped piece of a row label), not a paragraph."""
    return lx.table_mode and len(s.replace(" ", "")) <= rows.SHORT_LABEL and not any(c in s for c in "。，,;；")


def ends_table(s: str) -> bool:
    """A long line or a sentence ends the table it follows."""
    return len(s.replace(" ", "")) > rows.SHORT_LABEL or "。" in s


def classify(lx: LexState, start: int, end: int, line: int, md_level: int) -> None:
    """One line of the body, as a whole or cut where it holds several segments."""
    text = lx.text
    s = text[start:end]
    if s.startswith("<!--") and DIRECTIVE_LINE.fullmatch(s):
        return
    if PAGE_FOOTER.fullmatch(s):
        return
    if "|" in s:
        rows.pipe_row(lx, start, end, line)
        return
    if DATE_ONLY.fullmatch(s):
        lx.emit(DATE_LINE, start, end, line)
        return
    info = lx.lookup(s)
    if info is not None:
        lx.table_mode = True
        lx.emit(TABLE_LABEL, start, end, line, label=label_key(s, True), info=info)
        return
    if rows.label_with_rest(lx, start, end, line):
        return
    key = label_key(s, True) if lx.could_be_label(s) else ""
    # a wrapped label: only inside a table, or a caption/note that opens one
    # (“(一)主动公开” outside a table is a sub-heading, not 表's row label)
    if key in lx.prefixes and (lx.table_mode or key.startswith(("第二十条", "(本列数据"))):
        lx.table_mode = True
        lx.emit(TABLE_LABEL, start, end, line, label=key)
        return
    if rows.NUM_LINE.fullmatch(s):
        lx.table_mode = True
        rows.cells(lx, start, end, line)
        return
    m = HEADING_MARK.match(s)
    if m and heading_line(lx, start, end, line, m, md_level):
        return
    m = None if m else loose_heading(lx, s)
    if m and heading_line(lx, start, end, line, m, md_level, loose=True):
        return
    m = SUB_MARK.match(s)
    if m:
        if lx.table_mode and MERGED_CELL.search(s, m.end()):
            lx.emit(TABLE_LABEL, start, end, line, label=label_key(s, True))
            return
        sub_line(lx, start, end, line, m, md_level)
        return
    m = rows.LABEL_THEN_NUMBERS.fullmatch(s) if lx.table_mode and "。" not in s else None
    if m:
        # the tail of a wrapped label with the row's values: 形,不计其他情形) 447 7 0 0 0 0 454
        cut = start + m.end(1)
        lx.emit(TABLE_LABEL, start, cut, line, label=label_key(m.group(1), True))
        rows.cells(lx, cut, end, line)
        return
    if is_table_text(lx, s):
        lx.emit(TABLE_LABEL, start, end, line, label=label_key(s, True))
        return
    if ends_table(s):
        lx.table_mode = False
    lx.emit(ATTACHMENT if ATTACHMENT_LINE.match(s) else TEXT, start, end, line)
