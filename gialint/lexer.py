"""Normalised text → coarse tokens for the Lark grammar.

The grammar never sees characters, only segments of lines classified here:

    TITLE  META  HEADING  SUBHEADING  TEXT  TABLE_LABEL  CELL  SIGNER  DATE_LINE

Most reports have one paragraph, heading or table cell per line, so a line is
classified as a whole.  Crawler copies put a whole article on one line; such
lines are cut at heading marks and table labels found inside them.

Table labels win over headings: rows of 表三 such as ``一、本年新收…`` and
``四、结转下年度继续办理`` look like section headings but are in the table
vocabulary (``vocab.table_labels``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gialint import vocab
from gialint.vocab import LabelInfo, cn_number, label_key

ONE_LINE_MODE = 1000  # a line this long holds a whole article (crawler copy)
SHORT_LABEL = 30  # longest cell text treated as a table label inside a table


@dataclass(slots=True)
class Tok:
    type: str
    start: int  # offsets in the normalised text, end exclusive
    end: int
    text: str
    line: int  # 0-based line index (same in original and normalised text)
    numeral: str | None = None  # 一 for 一、 and (一)
    number: int | None = None
    label: str = ""  # heading text after the numeral, or the table label key
    info: LabelInfo | None = None  # template label, for TABLE_LABEL
    inline: bool = False  # found inside a longer line
    row: int | None = None  # pipe-table row id, for TABLE_LABEL and CELL
    md_level: int = 0  # markdown heading level (#, ##, …) when written as one


_META = re.compile(
    r"(?:标题|发布时间|发布日期|发文日期|成文日期|文号|发布机构|发文机关|栏目|原文链接|本地目录"
    r"|信息来源|来源|索引号|主题分类|页面链接与图片详见|页面链接)\s*[:：]?|=+\s*正文\s*=+$|正文$"
)
# a web page's breadcrumb line before the title (当前位置：首页 > … > 年报) is page
# metadata, not a title line (it may end with 年报)
_BREADCRUMB = re.compile(r"(?:当前位置|您的位置|您现在的位置|您当前的位置|所在位置)\s*[:：]")
_MD_HEADING = re.compile(r"#{1,6}\s*")
_MD_RULE = re.compile(r"\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?")
_HEADING = re.compile(r"([一二三四五六七八九十]{1,3})\s*、\s*")
_SUB = re.compile(r"\(\s*([一二三四五六七八九十]{1,3})\s*\)\s*")
_NUMBER_ITEM = r"(?:[+-]?\d[\d,]*(?:\.\d+)?\s*(?:万元|元|件|条|个|人次|人|次|%)?|[-—//]+)"
_NUM_LINE = re.compile(rf"{_NUMBER_ITEM}(?:\s+{_NUMBER_ITEM})*")
_NUMBER_ITEM_RE = re.compile(_NUMBER_ITEM)
_LABEL_THEN_NUMBERS = re.compile(rf"(.*?\D)\s+({_NUMBER_ITEM}(?:\s+{_NUMBER_ITEM})*)")
_CN_DATE = r"[〇○零一二三四五六七八九十]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日"
_DATE_LINE = re.compile(
    rf"[(\[]?\s*(?:\d{{4}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日|{_CN_DATE}|\d{{4}}[-./]\d{{1,2}}[-./]\d{{1,2}})\s*[)\]]?"
)
_DIRECTIVE_LINE = re.compile(r"<!--\s*gialint-[a-z-]+[^>]*-->")
_PAGE_NUMBER = re.compile(r"[-—–]\s*\d{1,3}\s*[-—–]|第\s*\d{1,3}\s*页(?:\s*[/,]?\s*共\s*\d{1,3}\s*页)?")
_MERGED_CELL = re.compile(r"\d[.、]")
_SENTENCE_END = "。!?;！？；"
_BOUNDARY = set("。!?;:！？；：)）」』”\"'>-") | set(" \t")
# Ends that typically close a heading glued to its paragraph in one-line copies.
_HEADING_END = re.compile(r"方面|情况|工作|措施|问题|建设")

_INLINE_HEADING_END = re.compile(r"情况|措施|事项|概述|统计表")
# Headings recognised by their words even when glued to the text around them.
_KNOWN_HEADINGS = [
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
# Words that open a table right after a section heading in a one-line copy.
_TABLE_START = re.compile(r" *(?:第二十条|\(本列数据|申请人情况|行政复议 *行政诉讼|统计指标|指标名称)")
_INLINE_MARK = re.compile(
    r"([一二三四五六七八九十]{1,3})、|\(([一二三四五六七八九十]{1,3})\)"
    r"|第二十条 *第 *\( *[一二三四五六七八九十] *\) *项|\(本列数据|统计指标 *单位|指标名称"
)


def _known_heading_regex() -> re.Pattern[str]:
    words = sorted(_KNOWN_HEADINGS, key=len, reverse=True)
    return re.compile(" *(?:" + "|".join(re.escape(w) for w in words) + ")")


_KNOWN_HEADING = _known_heading_regex()


class _Lexer:
    def __init__(self, text: str):
        self.text = text
        self.toks: list[Tok] = []
        self.in_head = True
        self.table_mode = False
        self.last_number = 0  # number of the last top-level heading
        self.row_id = 0
        self.labels = vocab.table_labels()
        self.prefixes = vocab.label_prefixes()
        self.label_re = vocab.table_label_regex()
        # no label (nor prefix of one) is longer: longer lines need no lookup
        self.max_key = max(map(len, self.labels))

    # -- helpers ---------------------------------------------------------
    def emit(self, type_: str, start: int, end: int, line: int, trim: bool = True, **kw) -> Tok:
        # trim surrounding spaces so positions point at the words themselves
        # (a blank cell keeps its whole width, so that it can be pointed at)
        text = self.text
        while trim and start < end and text[start] in " \t":
            start += 1
        while trim and end > start and text[end - 1] in " \t":
            end -= 1
        tok = Tok(type_, start, end, text[start:end], line, **kw)
        self.toks.append(tok)
        if type_ not in ("TITLE", "META"):
            self.in_head = False
        return tok

    def could_be_label(self, s: str) -> bool:
        """False when ``s`` is longer than any label key could be (paragraphs)."""
        return len(s) <= self.max_key or len("".join(s.split()).rstrip(":|")) <= self.max_key

    def lookup(self, s: str) -> LabelInfo | None:
        if not self.could_be_label(s):
            return None
        return self.labels.get(label_key(s, True))

    def match_label(self, s: str) -> LabelInfo | None:
        """The label of a cell, allowing a local note: ``规章 (市政府令)``."""
        info = self.lookup(s)
        if info is None:
            m = self.label_re.match(s)
            if m and s[m.end():].lstrip(" ").startswith("("):
                info = self.lookup(m.group())
        return info

    # -- driver ----------------------------------------------------------
    def run(self) -> list[Tok]:
        text = self.text
        lines = text.split("\n")
        offset = 0
        skip_title_line = -1
        for idx, line in enumerate(lines):
            start, end = offset, offset + len(line)
            offset = end + 1
            s = line.strip(" \t")
            if not s:
                continue
            start += len(line) - len(line.lstrip(" \t"))
            end = start + len(s)
            md_level = 0
            m = _MD_HEADING.match(s)
            if m and s.startswith("#"):
                md_level = len(s) - len(s.lstrip("#"))
                start += m.end()
                s = s[m.end():]
                if not s:
                    continue
            if _MD_RULE.fullmatch(s) and set(s) <= set("|-: "):
                continue
            if idx == skip_title_line:
                self.emit("TITLE", start, end, idx)
                continue
            if self.in_head:
                if _META.match(s) or (len(s) <= 120 and _BREADCRUMB.match(s)):
                    self.emit("META", start, end, idx)
                    continue
                title = self.title_lines(lines, idx, s)
                if title:
                    self.emit("TITLE", start, end, idx, md_level=md_level)
                    if title == 2:
                        skip_title_line = self.next_nonblank(lines, idx)
                    continue
            if len(s) >= ONE_LINE_MODE:
                self.scan_inline(start, end, idx)
            else:
                self.classify(start, end, idx, md_level)
        self.mark_signatures()
        return self.toks

    @staticmethod
    def next_nonblank(lines: list[str], idx: int) -> int:
        for j in range(idx + 1, min(idx + 4, len(lines))):
            if lines[j].strip():
                return j
        return -1

    def title_lines(self, lines: list[str], idx: int, s: str) -> int:
        """1 if this line is the title, 2 if the title goes on on the next line."""
        if "。" in s or len(s) > 60:
            return 0
        c = s.replace(" ", "")
        if c.endswith(("年度报告", "年报")) or "工作年度报告" in c:
            return 1
        if "信息公开" in c and len(c) <= 40:
            j = self.next_nonblank(lines, idx)
            if j >= 0:
                nxt = lines[j].strip().lstrip("#").replace(" ", "")
                if nxt.endswith("年度报告") and len(nxt) <= 20:
                    return 2
        return 0

    # -- one short line --------------------------------------------------
    def classify(self, start: int, end: int, line: int, md_level: int) -> None:
        text = self.text
        s = text[start:end]
        if s.startswith("<!--") and _DIRECTIVE_LINE.fullmatch(s):
            return  # a gialint suppression comment is not part of the report
        if _PAGE_NUMBER.fullmatch(s):
            return  # a page footer of PDF extraction (— 5 —, - 4 -), often inside a table
        if "|" in s:
            self.pipe_row(start, end, line)
            return
        if _DATE_LINE.fullmatch(s):
            self.emit("DATE_LINE", start, end, line)
            return
        info = self.lookup(s)
        if info is not None:
            self.table_mode = True
            self.emit("TABLE_LABEL", start, end, line, label=label_key(s, True), info=info)
            return
        if self.label_with_rest(start, end, line):
            return
        key = label_key(s, True) if self.could_be_label(s) else ""
        # a wrapped label: only inside a table, or a caption/note that opens one
        # (“(一)主动公开” outside a table is a sub-heading, not 表's row label)
        if key in self.prefixes and (self.table_mode or key.startswith(("第二十条", "(本列数据"))):
            self.table_mode = True
            self.emit("TABLE_LABEL", start, end, line, label=key)
            return
        if _NUM_LINE.fullmatch(s):
            self.table_mode = True
            self.cells(start, end, line)
            return
        m = _HEADING.match(s)
        if m:
            if self.heading_line(start, end, line, m, md_level):
                return
        m = _SUB.match(s)
        if m:
            if self.table_mode and _MERGED_CELL.search(s, m.end()):
                # PDF extraction merged a group label with a row label: (四)无2.没有…
                self.emit("TABLE_LABEL", start, end, line, label=label_key(s, True))
                return
            self.sub_line(start, end, line, m, md_level)
            return
        m = _LABEL_THEN_NUMBERS.fullmatch(s) if self.table_mode and "。" not in s else None
        if m:
            # the tail of a wrapped label with the row's values: 形,不计其他情形) 447 7 0 0 0 0 454
            cut = start + m.end(1)
            self.emit("TABLE_LABEL", start, cut, line, label=label_key(m.group(1), True))
            self.cells(cut, end, line)
            return
        compact_len = len(s.replace(" ", ""))
        if self.table_mode and compact_len <= SHORT_LABEL and not any(c in s for c in "。，,;；"):
            self.emit("TABLE_LABEL", start, end, line, label=label_key(s, True))
            return
        if compact_len > SHORT_LABEL or any(c in s for c in "。"):
            self.table_mode = False
        self.emit("TEXT", start, end, line)

    def label_with_rest(self, start: int, end: int, line: int) -> bool:
        """A line that starts with a table label: ``行政处罚 3985758``,
        ``规章 (市政府令)``, ``信息内容 本年处理决定数量``."""
        s = self.text[start:end]
        m = self.label_re.match(s)
        if not m or m.end() < 2:
            return False
        head = s[: m.end()].rstrip(" ")
        info = self.lookup(head)
        if info is None:
            return False
        rest = s[m.end():].strip(" ")
        if "。" in rest:
            return False  # a sentence that starts with a label's words: 行政诉讼败诉情形。
        if rest.startswith("(") and len(rest) <= SHORT_LABEL:
            # a local variant of the label: 规章 (市政府令)
            self.table_mode = True
            self.emit("TABLE_LABEL", start, end, line, label=label_key(head, True), info=info)
            return True
        stop = self.scan_table(start, end, line)
        if stop < end:
            self.emit("TEXT", stop, end, line)
        return True

    def heading_line(self, start: int, end: int, line: int, m: re.Match, md_level: int) -> bool:
        s = self.text[start:end]
        label = s[m.end():]
        numeral = m.group(1)
        number = cn_number(numeral)
        known = _KNOWN_HEADING.match(label)
        if self.table_mode and not known and (not label or number != self.last_number + 1):
            # a row label of a table cut by extraction (三、 / 三、本法提供), not a section
            self.emit("TABLE_LABEL", start, end, line, label=label_key(s, True))
            return True
        if known and known.end() < len(label):
            # heading glued to its first paragraph: 六、其他需要报告的事项 无其他…
            cut = start + m.end() + known.end()
            self.heading(start, cut, line, numeral, number, md_level=md_level)
            self.emit("TEXT", cut, end, line)
            return True
        if known or (len(label) <= 40 and "。" not in label):
            self.heading(start, end, line, numeral, number, md_level=md_level)
            return True
        return False

    def heading(self, start, end, line, numeral, number, inline=False, md_level=0) -> Tok:
        self.table_mode = False
        tok = self.emit("HEADING", start, end, line, numeral=numeral, number=number,
                        inline=inline, md_level=md_level)
        m = _HEADING.match(tok.text)
        tok.label = tok.text[m.end():] if m else tok.text
        if number:
            self.last_number = number
        return tok

    def sub_line(self, start: int, end: int, line: int, m: re.Match, md_level: int) -> None:
        s = self.text[start:end]
        cut = self.sub_extent(s, m.end(), long_ok=len(s) <= 50)
        self.subheading(start, start + cut, line, m.group(1), md_level=md_level)
        if start + cut < end:
            self.emit("TEXT", start + cut, end, line)

    @staticmethod
    def sub_extent(s: str, body: int, long_ok: bool) -> int:
        """Where a sub-heading that starts a line ends (its text may run on)."""
        window = s[body: body + 40]
        cut = None
        for i, ch in enumerate(window):
            if ch in "。:;；：":
                cut = body + i + 1 if ch == "。" else body + i
                break
        if not long_ok:
            m = _HEADING_END.search(s, body, body + 25)
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

    def subheading(self, start, end, line, numeral, inline=False, md_level=0) -> Tok:
        self.table_mode = False
        tok = self.emit("SUBHEADING", start, end, line, numeral=numeral,
                        number=cn_number(numeral), inline=inline, md_level=md_level)
        m = _SUB.match(tok.text)
        tok.label = tok.text[m.end():] if m else tok.text
        return tok

    # -- table cells -----------------------------------------------------
    def cells(self, start: int, end: int, line: int, row: int | None = None) -> None:
        for m in _NUMBER_ITEM_RE.finditer(self.text, start, end):
            self.emit("CELL", m.start(), m.end(), line, row=row)

    def pipe_row(self, start: int, end: int, line: int) -> None:
        self.row_id += 1
        row = self.row_id
        self.table_mode = True
        text = self.text
        parts = []  # (start, end, stripped text) of each cell between bars
        pos = start
        while pos <= end:
            bar = text.find("|", pos, end)
            cell_end = end if bar < 0 else bar
            parts.append((pos, cell_end, text[pos:cell_end].strip(" ")))
            if bar < 0:
                break
            pos = bar + 1
        numeric = {i for i, (_, _, c) in enumerate(parts)
                   if c and ((c.isascii() and c.isdigit()) or _NUM_LINE.fullmatch(c))}
        first_numeric = min(numeric) if numeric else None
        labels = {i: self.match_label(c) for i, (_, _, c) in enumerate(parts)
                  if c and i not in numeric}
        # after the row's label, a cell that is no label is a value, even a word (若干)
        row_labels = [i for i, info in labels.items() if info is not None and info.role == "row"]
        # the label next to the values: a group label spanning rows (三、本年度办理结果)
        # may stand before it, with a blank (a merged cell) between them
        before = [i for i in row_labels if first_numeric is None or i < first_numeric]
        row_label = before[-1] if before else (row_labels[0] if row_labels else None)
        values_from = (row_label + 1) if row_label is not None else first_numeric
        if row_label is not None:
            # after a row label every cell up to the last filled one is a value
            filled = [i for i, (_, _, c) in enumerate(parts) if c and i > row_label]
            last_value = filled[-1] if filled else None
        else:
            last_value = max(numeric) if numeric else None
        for i, (a, b, cell) in enumerate(parts):
            if cell:
                if i in numeric:
                    if cell.isascii() and cell.isdigit():  # the usual cell: one number
                        self.emit("CELL", a, b, line, row=row)
                    else:
                        self.cells(a, b, line, row=row)
                elif (values_from is not None and last_value is not None
                      and values_from <= i <= last_value and labels[i] is None):
                    self.emit("CELL", a, b, line, row=row)  # a value that is not a number
                else:
                    self.emit("TABLE_LABEL", a, b, line, label=label_key(cell, True),
                              info=labels[i], row=row)
            elif values_from is not None and last_value is not None and values_from <= i < last_value:
                # a blank cell among the values of a row: missing, not a filler
                self.emit("CELL", a, b, line, row=row, trim=False)

    # -- a whole article on one line -------------------------------------
    def scan_inline(self, start: int, end: int, line: int) -> None:
        text = self.text
        pos = start  # start of the pending TEXT
        i = start
        while i < end:
            m = _INLINE_MARK.search(text, i, end)
            if not m:
                break
            p = m.start()
            lab = self.label_re.match(text, p, end)
            if lab and lab.end() - p >= 3 and self.lookup(text[p:lab.end()]) is not None:
                self.flush_text(pos, p, line)
                i = pos = self.scan_table(p, end, line)
                continue
            if m.group(1):
                stop = self.inline_heading(m, p, end, line, pos)
                if stop is not None:
                    i = pos = stop
                    if _TABLE_START.match(text, pos, end):
                        i = pos = self.scan_table(pos, end, line)
                    continue
            elif m.group(2):
                if p == start or text[p - 1] in _BOUNDARY:
                    self.flush_text(pos, p, line)
                    s = text[p:end]
                    cut = self.sub_extent(s, m.end() - p, long_ok=False)
                    self.subheading(p, p + cut, line, m.group(2), inline=True)
                    i = pos = p + cut
                    continue
            else:  # a table caption, note or header
                self.flush_text(pos, p, line)
                i = pos = self.scan_table(p, end, line)
                continue
            i = m.end()
        self.flush_text(pos, end, line)

    def inline_heading(self, m: re.Match, p: int, end: int, line: int, pos: int) -> int | None:
        text = self.text
        numeral = m.group(1)
        number = cn_number(numeral)
        body = m.end()
        known = _KNOWN_HEADING.match(text, body, end)
        if known:
            stop = known.end()
        elif (p == pos or text[p - 1] in _BOUNDARY or text[p - 1].isdigit()) and number == self.last_number + 1:
            stop = body
            while stop < end and stop - body < 30 and text[stop] not in " 。:：;；,，" :
                stop += 1
            if stop == body:
                return None
            # 五、存在的主要问题和改进措施虽然我区… : end after the last heading word
            ends = list(_INLINE_HEADING_END.finditer(text, body, stop))
            if ends:
                stop = ends[-1].end()
        else:
            return None
        self.flush_text(pos, p, line)
        self.heading(p, stop, line, numeral, number, inline=True)
        return stop

    def flush_text(self, start: int, end: int, line: int) -> None:
        if self.text[start:end].strip(" \t"):
            self.emit("TEXT", start, end, line)

    _TABLE_SCAN = None

    def scan_table(self, start: int, end: int, line: int) -> int:
        """Tokenise table content inside a long line; return where it stops."""
        text = self.text
        pattern = self._table_scan_regex()
        pos = last = start  # search position; end of the last token emitted
        while True:
            m = pattern.search(text, pos, end)
            if not m:
                break
            kind = m.lastgroup
            if kind in ("head", "stop"):
                self.flush_unknown(last, m.start(), line)
                return m.start()
            if kind == "lab":
                info = self.lookup(m.group())
                if info is None:  # a word that is only a prefix of a label
                    pos = m.start() + 1
                    continue
                self.flush_unknown(last, m.start(), line)
                self.table_mode = True
                self.emit("TABLE_LABEL", m.start(), m.end(), line, label=label_key(m.group(), True),
                          info=info, inline=True)
                pos = last = m.end()
                continue
            s, e = m.start(), m.end()
            # 10000015.属于三类… : the last digit is the next row's list marker
            if e < end and e - s > 1 and text[e] in ".、" and self.lookup_at(e - 1, end):
                e -= 1
            self.flush_unknown(last, s, line)
            self.emit("CELL", s, e, line, inline=True)
            pos = last = e
        self.flush_unknown(last, end, line)
        return end

    def lookup_at(self, pos: int, end: int) -> bool:
        m = self.label_re.match(self.text, pos, end)
        return bool(m) and self.lookup(m.group()) is not None

    def flush_unknown(self, start: int, end: int, line: int) -> None:
        if start < 0 or start >= end:
            return
        seg = self.text[start:end]
        if seg.strip(" "):
            self.emit("TABLE_LABEL", start, end, line, label=label_key(seg, True), inline=True)

    @classmethod
    def _table_scan_regex(cls) -> re.Pattern[str]:
        if cls._TABLE_SCAN is None:
            cls._TABLE_SCAN = re.compile(
                r"(?P<lab>" + vocab.table_label_regex().pattern + r")"
                r"|(?P<num>[+-]?\d+(?:\.\d+)?(?:万元|元|%)?)"
                r"|(?P<head>[一二三四五六七八九十]{1,3}、)"
                r"|(?P<stop>[。!?！？])"
            )
        return cls._TABLE_SCAN

    # -- signature -------------------------------------------------------
    def mark_signatures(self) -> None:
        """A short line right above a date line is the signing organ."""
        toks = self.toks
        for i, tok in enumerate(toks):
            if tok.type != "DATE_LINE" or i == 0:
                continue
            prev = toks[i - 1]
            if (
                prev.type == "TEXT"
                and prev.line >= tok.line - 2
                and len(prev.text) <= 30
                and not any(c in prev.text for c in "。，,;；:：")
            ):
                prev.type = "SIGNER"


def lex(text: str) -> list[Tok]:
    """Tokens of a normalised report text, in order."""
    return _Lexer(text).run()
