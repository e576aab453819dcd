"""The table-row splitter: a table row → its label and its cells, for pipe
rows (``| 行政处罚 | 3 | 0 |``), value lines (``12 0 3``), a label with its
values on one line (``行政处罚 3985758``) and table text inside a long line."""

from __future__ import annotations

import re

from gialint import national_format
from gialint.chinese import is_cjk
from gialint.lexer.headings import KNOWN_HEADING_WORDS
from gialint.lexer.state import LexState
from gialint.lexer.token import CELL, TABLE_LABEL, TEXT
from gialint.national_format import label_key

# a page number or footer a PDF leaves between lines: - 3 -, 第 2 页 共 4 页
PAGE_FOOTER = r"[-—–]\s*\d{1,3}\s*[-—–]|第\s*\d{1,3}\s*页(?:\s*[/,]?\s*共\s*\d{1,3}\s*页)?"
# one table value: a number with an optional unit, or a dash/slash for "none"
NUMBER_ITEM = r"(?:[+-]?\d[\d,]*(?:\.\d+)?\s*(?:万元|元|件|条|个|人次|人|次|%)?|[-—//]+)"
NUMBER_ITEM_RE = re.compile(NUMBER_ITEM)
# a line (or a cell) of values only: the values of a row put one per line or side by side
NUM_LINE = re.compile(rf"{NUMBER_ITEM}(?:\s+{NUMBER_ITEM})*")
# the tail of a wrapped label with the row's values: 形,不计其他情形) 447 7 0 0 0 0 454
LABEL_THEN_NUMBERS = re.compile(rf"(.*?\D)\s+({NUMBER_ITEM}(?:\s+{NUMBER_ITEM})*)")
# a numbered row label: 1.申请人…, 2、其他…
_LIST_ITEM = re.compile(r"\d{1,2}[.、．]\s*[\u3400-\u9fff]")
# where a numbered label nobody knows ends inside table text: its first value
# or the end of a sentence
_VALUES_AHEAD = re.compile(r"\s*(?=[+-]?\d(?![.、．]))|[。!?！？]")
# Han characters that run on after a label's words (行政处罚|决定)
_WORDS = re.compile(r"[\u3400-\u9fff]+")
_UNITS = {"人次", "万元", "万条", "个数"}  # a unit column after the label (主动公开信息数 条)
# punctuation that only prose has between table tokens (a known label with a
# comma, (二)部分公开（区分处理的，…）, is matched whole before this is asked)
_PROSE_MARK = re.compile(r"[；;]|(?<!\d)[,，]|[,，](?!\d)")  # not 1,226
# a value glued to the first word of the sentence after a table: 0全年… (not 2023年…)
_GLUED_VALUE = re.compile(r"[+-]?\d+(?:\.\d+)?(?=[\u3400-\u9fff])(?![年月日号件条个次项%万])")
# values first, then a sentence glued on: 2 0 0 0 0 0 2申请内容…。 (not 58件，均已…)
_VALUES_FIRST = re.compile(rf"(?:{NUMBER_ITEM}\s+)+")
_SENTENCE_END = re.compile(r"[。!?！？]")
# Longest text (without spaces) taken as a table label while inside a table.
SHORT_LABEL = 30

_TABLE_SCAN = None


def _table_scan_regex() -> re.Pattern[str]:
    """Labels, values, and what ends table text inside a long line: a 一、
    heading (or a known section heading numbered in another form: 五.存在的…)
    or the end of a sentence."""
    global _TABLE_SCAN
    if _TABLE_SCAN is None:
        _TABLE_SCAN = re.compile(
            r"(?P<lab>" + national_format.table_label_pattern() + r")"
            r"|(?P<foot>" + PAGE_FOOTER + r")"
            r"|(?P<num>[+-]?\d+(?:\.\d+)?(?:万元|元|%)?)"
            r"|(?P<head>[一二三四五六七八九十]{1,3}(?:、|[ .,:]? *(?=" + KNOWN_HEADING_WORDS + r")))"
            r"|(?P<stop>[。!?！？])"
        )
    return _TABLE_SCAN


def cells(lx: LexState, start: int, end: int, line: int, row: int | None = None) -> None:
    """Each value of a values-only stretch is a cell."""
    for m in NUMBER_ITEM_RE.finditer(lx.text, start, end):
        lx.emit(CELL, m.start(), m.end(), line, row=row)


def is_value(cell: str) -> bool:
    """A pipe cell that holds a value: a number (the usual case) or values."""
    return bool(cell) and ((cell.isascii() and cell.isdigit()) or bool(NUM_LINE.fullmatch(cell)))


def pipe_row(lx: LexState, start: int, end: int, line: int) -> None:
    """A markdown/pipe row: its cells between bars are labels or values.

    After the row's label every cell up to the last filled one is a value,
    even a word (若干), and every cell between bars a value position: a blank
    is a missing value, not a filler (a blank 总计 at the end, a row left
    blank); a group label spanning rows may stand before the row label."""
    lx.row_id += 1
    row = lx.row_id
    lx.table_mode = True
    text = lx.text
    parts = []  # (start, end, stripped text) of each cell between bars
    pos = start
    while pos <= end:
        bar = text.find("|", pos, end)
        cell_end = end if bar < 0 else bar
        parts.append((pos, cell_end, text[pos:cell_end].strip(" ")))
        if bar < 0:
            break
        pos = bar + 1
    prose = None
    filled = [i for i, part in enumerate(parts) if part[2]]
    if len(filled) > 1 and _is_prose(parts[filled[-1]][2]) and lx.match_label(parts[filled[-1]][2]) is None:
        # | 2 |申请内容主要涉及…。: the next paragraph glued to the row's last bar
        prose = parts[filled[-1]]
        del parts[filled[-1]:]  # the row ends at the bar before it
    numeric = {i for i, (_, _, c) in enumerate(parts) if is_value(c)}
    first_numeric = min(numeric) if numeric else None
    labels = {i: lx.match_label(c) for i, (_, _, c) in enumerate(parts)
              if c and i not in numeric}
    # after the row's label, a cell that is no label is a value, even a word (若干)
    row_labels = [i for i, info in labels.items() if info is not None and info.role == "row"]
    # the label next to the values: a group label spanning rows (三、本年度办理结果)
    # may stand before it, with a blank (a merged cell) between them
    before = [i for i in row_labels if first_numeric is None or i < first_numeric]
    row_label = before[-1] if before else (row_labels[0] if row_labels else None)
    values_from = (row_label + 1) if row_label is not None else first_numeric
    if (row_label is not None and first_numeric is not None and values_from < first_numeric
            and labels.get(values_from) is None and _LIST_ITEM.match(parts[values_from][2])):
        # (六)其他处理 | 1.申请人…不再处理其申请 | 0 |: a group label, then a numbered row
        # label nobody knows (worded differently), then the values
        values_from += 1
    if row_label is not None:
        # after a row label every cell up to the last filled one is a value
        filled = [i for i, (_, _, c) in enumerate(parts) if c and i > row_label]
        last_value = filled[-1] if filled else None
    else:
        last_value = max(numeric) if numeric else None
    # the blank cells that are value positions (missing values, never fillers): after a
    # row label, every cell a bar closes (a blank 总计 last, a row left blank); in a row
    # of values only (表四's), every cell between bars; else those between two values
    closed = len(parts) - 2  # the last cell with a bar on its right
    if row_label is not None:
        blanks = range(values_from, closed + 1)
    elif numeric and all(i in numeric for i, (_, _, c) in enumerate(parts) if c):
        blanks = range(1, closed + 1)
    elif values_from is not None and last_value is not None:
        blanks = range(values_from, last_value)
    else:
        blanks = range(0)
    for i, (a, b, cell) in enumerate(parts):
        if cell:
            if i in numeric:
                if cell.isascii() and cell.isdigit():  # the usual cell: one number
                    lx.emit(CELL, a, b, line, row=row)
                else:
                    cells(lx, a, b, line, row=row)
            elif (values_from is not None and last_value is not None
                  and values_from <= i <= last_value and labels[i] is None):
                lx.emit(CELL, a, b, line, row=row)  # a value that is not a number
            else:
                lx.emit(TABLE_LABEL, a, b, line, label=label_key(cell, True),
                        info=labels[i], row=row)
        elif i in blanks:
            # a blank cell among the values of a row: missing, not a filler
            lx.emit(CELL, a, b, line, row=row, trim=False)
    if prose:
        lx.emit(TEXT, prose[0], prose[1], line)


def _is_prose(cell: str) -> bool:
    """A sentence, not a cell: it ends a sentence or has a clause mark, and is
    longer than a label."""
    return len(cell) > SHORT_LABEL // 2 and bool(_SENTENCE_END.search(cell) or _PROSE_MARK.search(cell))


def label_with_rest(lx: LexState, start: int, end: int, line: int) -> bool:
    """A line that starts with a table label: ``行政处罚 3985758``,
    ``规章 (市政府令)``, ``信息内容 本年处理决定数量``; False when it is a
    sentence that starts with a label's words (行政诉讼败诉情形。)."""
    s = lx.text[start:end]
    m = lx.label_re.match(s)
    if not m or m.end() < 2:
        return False
    head = s[: m.end()].rstrip(" ")
    info = lx.lookup(head)
    if info is None:
        return False
    rest = s[m.end():].strip(" ")
    if "。" in rest and not _VALUES_FIRST.match(rest):
        return False  # a sentence that starts with a label's words: 行政诉讼败诉情形。
    if rest.startswith("(") and len(rest) <= SHORT_LABEL:
        # a local variant of the label: 规章 (市政府令)
        lx.table_mode = True
        lx.emit(TABLE_LABEL, start, end, line, label=label_key(head, True), info=info)
        return True
    stop = scan_table(lx, start, end, line)
    if stop < end:
        lx.emit(TEXT, stop, end, line)
    return True


def scan_table(lx: LexState, start: int, end: int, line: int) -> int:
    """Table content inside a line: known labels, values, and the words between
    them as labels; it stops at a 一、 heading or a sentence end (returned)."""
    text = lx.text
    pattern = _table_scan_regex()
    first = len(lx.toks)  # the tokens this call emits start here
    pos = last = start  # search position; end of the last token emitted
    while True:
        m = pattern.search(text, pos, end)
        if not m:
            break
        kind = m.lastgroup
        if kind == "stop" or _PROSE_MARK.search(text, last, m.start()):
            # a sentence: the table ended where its words began
            cut = _sentence_start(text, start, _PROSE_MARK.search(text, last, m.start()) or m)
            if cut > start:
                while len(lx.toks) > first and lx.toks[-1].start >= cut:
                    lx.toks.pop()
                last = max(min(last, cut), lx.toks[-1].end if len(lx.toks) > first else start)
                _flush_unknown(lx, last, cut, line)
                return cut
        if kind in ("head", "stop"):
            _flush_unknown(lx, last, m.start(), line)
            return m.start()
        if kind == "foot":  # a page footer between two rows of a PDF's table
            _flush_unknown(lx, last, m.start(), line)
            pos = last = m.end()
            continue
        if kind == "lab":
            info = lx.lookup(m.group())
            if info is None:  # a word that is only a prefix of a label
                pos = m.start() + 1
                continue
            _flush_unknown(lx, last, m.start(), line)
            lx.table_mode = True
            run = _WORDS.match(text, m.end(), end)
            if run and run.end() - run.start() > 1 and run.group() not in _UNITS and not any(_label_at(lx, pattern, p, end) for p in range(run.start(), run.end())):
                # 行政处罚决定 58: a label's words run on into words no label starts,
                # the whole is one label nobody knows (worded differently)
                _flush_unknown(lx, m.start(), run.end(), line)
                pos = last = run.end()
                continue
            lx.emit(TABLE_LABEL, m.start(), m.end(), line, label=label_key(m.group(), True),
                    info=info, inline=True)
            pos = last = m.end()
            continue
        s, e = m.start(), m.end()
        marker = e + 1 < end and text[e] in ".、．" and is_cjk(text[e + 1])
        glued = marker and e - s > 1
        if glued:
            e -= 1  # 10000015.属于三类… : the last digit is the next row's list marker
        if marker and not (lx.lookup_at(e, end) if glued else _label_at(lx, pattern, s, end)):
            # 2.其他法律、行政法规禁止公开的 0 0 …: a numbered label nobody knows,
            # up to the values that follow it
            _flush_unknown(lx, last, s, line)
            if glued:
                lx.emit(CELL, s, e, line, inline=True)
            label_at = e if glued else s
            stop = _VALUES_AHEAD.search(text, label_at, end)
            pos = last = stop.start() if stop else end
            _flush_unknown(lx, label_at, last, line)
            continue
        _flush_unknown(lx, last, s, line)
        lx.emit(CELL, s, e, line, inline=True)
        pos = last = e
    _flush_unknown(lx, last, end, line)
    return end


def _sentence_start(text: str, start: int, mark: re.Match) -> int:
    """Where the sentence holding ``mark`` begins inside table text: after the
    last space before it (prose has none), after the digits of a value glued
    to it (0全年发生…), never before ``start``."""
    p = mark.start()
    while p > start and text[p - 1] not in " \t|":
        p -= 1
    digits = _GLUED_VALUE.match(text, p, mark.start())
    return digits.end() if digits else p


def _label_at(lx: LexState, pattern: re.Pattern[str], pos: int, end: int) -> bool:
    """A known label starts at ``pos`` as the scanner reads labels (lookup_at is
    looser: 2.其他法律、… starts with the label 2.其他)."""
    m = pattern.match(lx.text, pos, end)
    return bool(m) and m.lastgroup == "lab" and lx.lookup(m.group()) is not None


def _flush_unknown(lx: LexState, start: int, end: int, line: int) -> None:
    """Words between labels and values in table text: a label nobody knows
    (cell bars of a pipe table copied onto one line are no words)."""
    text = lx.text
    while start < end and text[start] in " |":
        start += 1
    while end > start and text[end - 1] in " |":
        end -= 1
    if start < end:
        lx.emit(TABLE_LABEL, start, end, line, label=label_key(text[start:end], True), inline=True)
