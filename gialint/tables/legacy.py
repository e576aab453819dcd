"""The legacy statistics table (reports up to 2018) → template cells.

The 《政府信息公开情况统计表》 of 国办发〔2014〕32号 and the free-form tables
before it (gialint/data/templates.json, editions → legacy_2008 →
stats_table_seen) print one row per indicator: its label, its unit (条, 件 …)
and its value — this year's, and in some tables also 历年累计 (the total of all
years so far), a second column.

Cell keys: ``lg.<row key>`` for this year's value and
``lg.<row key>.cumulative`` for the 历年累计 column (``lg.pro.total``,
``lg.pro.total.cumulative``, ``lg.app.rx.in_person``); the row keys are those of
``stats_table_seen.rows`` and ``variant_rows``.  The table is ``lg`` in
:class:`~gialint.tables.data.Tables` (``found``, ``editions["lg"] = "legacy"``,
``row_spans["lg.<row key>"]`` for every row label printed, with values or not).

Rows are found by their labels, in whatever layout: one row per line with
pipes, spaced columns, or a crawled one-line article whose cells are glued
(``主动公开文件数条212210037``).  A label is matched with or without its
list number (1、 1. (一) 其中:) and with its unit glued on (``网站公开条``); a
label the form prints under several groups ((一)维持具体行政行为数 under 行政复议
and 被举报投诉) is the row of the group being read.  A row label without
values is a row not filled in (the 2014 form leaves blanks), not a zero.

Glued digits are split only when the reading is certain
(gialint/tables/glued.py): one digit a column, or exactly one split with
历年累计 ≥ this year's value.  Otherwise the row's cells are left unread and
an ``unreadable_row`` issue (reason ``ambiguous``) says so: a reading note,
never a guess.  A label the reader does not know followed by numbers is an
``unknown_row`` issue (a local row, a rewording): ``table_sum``'s
``unprinted = "zero"`` then leaves the sums whose rows surround it unchecked.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from gialint.lexer import Tok
from gialint.lexer.token import CELL, TABLE_LABEL
from gialint.model import Report
from gialint.national_format import label_key, templates
from gialint.spans import Span
from gialint.tables.cells import is_missing, parse_cell
from gialint.tables.data import TableIssue, Tables
from gialint.tables.glued import split_runs
from gialint.tables.template import legacy_rows

TABLE = "lg"
TABLE_NAME = "统计表"
CUMULATIVE = "cumulative"

_UNITS = ("万元", "人次", "元", "件", "条", "个", "人", "次", "篇")
_NUMBER = re.compile(r"^(?:其中[:：]?)?(?:\d+[.、．]|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、)?")
_RUN = re.compile(r"([+-]?)(\d+)((?:\.\d+)?\s*(?:万元|元|件|条|个|人次|人|次|%)?)")
_CUMULATIVE_HEADER = label_key("历年累计")


# the header's words, glued before the first row's label in crawled text (历年累计从事…)
_HEADER = re.compile(r"^(?:统计指标|指标名称|计量单位|统计数|历年累计|\d{4}年度?)+")


def _bare(text: str) -> str:
    """A label's words: without the header's words before it, 其中: and its list number."""
    return _NUMBER.sub("", _HEADER.sub("", label_key(text), count=1), count=1)


@lru_cache(maxsize=1)
def _label_map() -> dict[str, tuple[str, ...]]:
    """A label's words → the row keys it may name (in the order the form prints them)."""
    seen = templates()["editions"]["legacy_2008"]["stats_table_seen"]
    out: dict[str, list[str]] = {}
    for key, label, _unit in legacy_rows():
        out.setdefault(_bare(label), []).append(key)
        words = _bare(label)
        if words.endswith(")") and "(" in words[1:]:  # without its note: 1、专职人员数
            out.setdefault(words[:words.index("(", 1)], []).append(key)
    for label, key in seen.get("label_variants", {}).items():
        out.setdefault(_bare(label), []).append(key)
    return {k: tuple(v) for k, v in out.items() if k}


def _match(text: str, group: str | None) -> str | None:
    """The row key a label names (its unit may be glued on), or None."""
    words = _bare(text)
    for cut in (words, *(words[:-len(u)] for u in _UNITS if words.endswith(u) and len(words) > len(u))):
        keys = _label_map().get(cut)
        if keys and len(keys) == 1:
            return keys[0]
        if keys:  # printed under several groups: the one being read, or none (no guess)
            return next((k for k in keys if group and k.split(".", 1)[0] == group), None)
    return None


def row_label(text: str) -> str:
    """A row label as printed, for messages: without spaces, 其中: and a unit
    glued on (``主动公开信息数条`` → ``主动公开信息数``)."""
    words = re.sub(r"^其中[:：]", "", _HEADER.sub("", "".join(text.replace("|", " ").split()), count=1))
    for u in _UNITS:
        if words.endswith(u) and _bare(words[:-len(u)]) in _label_map():
            return words[:-len(u)]
    return words


def read_legacy(report: Report) -> Tables:
    out = Tables()
    toks = [t for blk in report.tables for t in blk.tokens if t.type in (TABLE_LABEL, CELL)]
    rows: list[tuple[str, Tok, Tok, list[Tok]]] = []  # (row key, label's first and last token, cells)
    columns = 1
    group: str | None = None
    current: list[Tok] | None = None
    unknown: list[tuple[Tok, list[Tok]]] = []  # labels nobody knows, and the cells after them
    i = 0
    while i < len(toks):
        tok = toks[i]
        if tok.type == CELL:
            if current is not None:
                current.append(tok)
            i += 1
            continue
        if _CUMULATIVE_HEADER in label_key(tok.text) and not rows:
            columns = 2
        # the longest run of label tokens from here that names a row (接受 | 行政诉讼 | 、举报数件)
        end = i + 1
        while end < len(toks) and toks[end].type == TABLE_LABEL and end - i < 4:
            end += 1
        key, used = None, 1
        header_only = not _HEADER.sub("", label_key(tok.text), count=1)  # 历年累计: never a row's start
        for j in range(end, i, -1) if not header_only else ():
            key = _match("".join(t.text for t in toks[i:j]), group)
            if key:
                used = j - i
                break
        if key:
            current = []
            rows.append((key, toks[i], toks[i + used - 1], current))
            group = key.split(".", 1)[0]
            i += used
            continue
        if _bare(tok.text) not in _UNITS:
            # a label nobody knows: a group heading, a header, a row not in the template
            current = []
            if tok.info is None or tok.info.role == "row":
                unknown.append((tok, current))
        i += 1
    if not rows:
        return out
    out.editions[TABLE] = "legacy"
    out.found.add(TABLE)
    seen: set[str] = set()
    with_values = {key for key, _f, _l, cells in rows if cells}
    for key, first, last, cells in rows:
        if key in seen or (not cells and key in with_values):
            continue  # a row printed twice (a second table): the first one with values
        seen.add(key)
        label = Span(report.span_of(first).start, report.span_of(last).end)
        out.row_spans[f"{TABLE}.{key}"] = label
        keys = [f"{TABLE}.{key}"] + ([f"{TABLE}.{key}.{CUMULATIVE}"] if columns == 2 else [])
        _assign(out, report, label, cells, keys)
    for tok, cells in unknown:
        values = [c.text for c in cells if _RUN.fullmatch(c.text.strip())]
        if values and rows[0][1].start < tok.start:
            # a row with values that gialint cannot name: a sum over the rows around it
            # is not checked (table_sum's unprinted = "zero" would count it as none)
            out.issues.append(TableIssue("unknown_row", report.span_of(tok), {
                "label": row_label(report.original(report.span_of(tok))), "table": TABLE_NAME,
                "cells": " ".join(values)}))
    return out


def _cumulative_ok(values: list[Decimal]) -> bool:
    # 历年累计 counts this year's too
    return len(values) < 2 or values[1] >= values[0]


def _assign(out: Tables, report: Report, label: Span, cells: list[Tok], keys: list[str]) -> None:
    # a unit in a cell of its own (| 条 |) is the 计量单位 column, no value
    cells = [c for c in cells if c.text.strip() and c.text.strip() not in _UNITS]
    if not cells:  # a row not filled in: blank cells at the label's end
        for key in keys:
            out.cells[key] = parse_cell(key, "", Span(label.end, label.end))
        return
    if len(cells) == len(keys) or all(is_missing(c.text) for c in cells) and len(cells) <= len(keys):
        for key, tok in zip(keys, cells, strict=False):
            out.cells[key] = parse_cell(key, tok.text, report.span_of(tok))
        return
    runs = [_RUN.fullmatch(c.text) for c in cells]
    glued = len(cells) < len(keys) and all(m is not None for m in runs) and (
        len(cells) == 1 or any(a.end == b.start for a, b in zip(cells, cells[1:], strict=False)))
    digits = sum(len(m.group(2)) for m in runs) if glued else 0
    if not glued or digits < len(keys):
        _issue(out, report, label, cells, keys, "count")
        return
    certain = digits == len(keys)
    sols = split_runs([m.group(2) for m in runs], len(keys), None if certain else _cumulative_ok)
    if len(sols) != 1:
        _issue(out, report, label, cells, keys, "ambiguous" if sols else "cumulative")
        return
    for key, (n, a, b) in zip(keys, sols[0], strict=True):
        tok, m = cells[n], runs[n]
        a = 0 if a == 0 else a + m.start(2)
        b = len(tok.text) if b == len(m.group(2)) else b + m.start(2)
        start, stop = report.norm.span_to_orig(tok.start + a, tok.start + b)
        out.cells[key] = parse_cell(key, tok.text[a:b], Span(start, stop), status="recovered")


def _issue(out: Tables, report: Report, label: Span, cells: list[Tok], keys: list[str], reason: str) -> None:
    span = label
    last = report.span_of(cells[-1])
    out.issues.append(TableIssue("unreadable_row", Span(span.start, max(span.end, last.end)), {
        "label": row_label(report.original(span)), "reason": reason, "expected": len(keys), "found": len(cells),
        "cells": " ".join(c.text for c in cells), "table": TABLE_NAME, "row": row_label(report.original(span))},
        label=span))
