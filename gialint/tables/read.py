"""Table tokens → template cells (表二, 表三, 表四 of the 2019/2021 formats; the legacy
statistics table is gialint/tables/legacy.py's).

Rows are aligned by their labels, not by position: each known row label
starts a row and the cells that follow it (whatever the layout put between
them: line breaks, pipes, tabs) are its values, in the template's column
order.  A row with fewer values than columns whose digits are glued together
(crawler text) is split when the reading is certain: one digit a column, or
exactly one split that fits the row's own total.  No fitting split at all is
the row's arithmetic error; several are reported as unreadable and the row
gets no values, so no arithmetic claim is ever built on a guess; too few
values or digits is a short row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from gialint.chinese import is_cjk
from gialint.lexer import Tok
from gialint.lexer.token import TABLE_LABEL
from gialint.model import Report, region_of
from gialint.national_format import expected_edition, label_key
from gialint.spans import Span
from gialint.tables.cells import is_missing, parse_cell
from gialint.tables.data import TableIssue, Tables
from gialint.tables.glued import split_runs
from gialint.tables.legacy import read_legacy
from gialint.tables.template import template
from gialint.tables.wording import closest

T4_START = {label_key(x) for x in ("行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉")}
T3_START = {label_key(x) for x in ("申请人情况", "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")}


@dataclass
class _Row:
    table: str
    sub: str | None
    key: str | None  # None: an unknown row
    label: Tok
    cells: list[Tok] = field(default_factory=list)
    complete: bool = True  # its label was whole (not the first piece of a wrapped one)


_LIST_ITEM = re.compile(r"\d+\.")
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d+\.)")


def _label_maps():
    caption, rows = {}, {}
    bare: dict[str, set] = {}
    for ed in ("2019", "2021"):
        tpl = template(ed)
        for sub in tpl.t2:
            caption[label_key(sub.caption)] = sub.key
        for lk, entry in tpl.row_by_label.items():
            rows.setdefault(lk, entry)
            bare.setdefault(_NUMBERING.sub("", lk), set()).add(entry)
    # a row label printed without its number (本年新收政府信息公开申请数量), when unique
    for lk, entries in bare.items():
        if len(entries) == 1 and len(lk) >= 4:
            rows.setdefault(lk, next(iter(entries)))
    return caption, rows


_MAPS = None


def _maps():
    global _MAPS
    if _MAPS is None:
        _MAPS = _label_maps()
    return _MAPS


def read_tables(report: Report) -> Tables:
    out = Tables()
    if report.edition == "legacy":
        return read_legacy(report)  # the 国办发〔2014〕32号 statistics table and older ones
    if report.edition not in ("2019", "2021"):
        return out
    toks = [t for blk in report.tables for t in blk.tokens]
    captions, rows_by_label = _maps()
    headers = _header_rows(toks)
    rows: list[_Row] = []
    t4_parts: list[tuple[Tok, list[Tok]]] = []  # each start of 表四 and its cells
    current: str | None = None
    caption_sub: str | None = None  # the 表二 part (第二十条第(六)项) being read
    row: _Row | None = None
    for i, tok in enumerate(toks):
        region = region_of(tok)
        if region == "table_label":
            key = tok.label
            if key in captions:
                current, row, caption_sub = "t2", None, captions[key]
                out.found.add("t2")
                continue
            if key in T3_START:
                current, row = "t3", None
                out.found.add("t3")
                continue
            if key in T4_START and current != "t4":
                current, row = "t4", None
                t4_parts.append((tok, []))
                out.found.add("t4")
                continue
            entry = rows_by_label.get(key) or (rows_by_label.get(_variant(key)) if tok.info else None)
            complete = entry is not None
            entry = entry or _completion(key)
            if entry:
                table, sub, rkey = entry
                current = table
                out.found.add(table)
                row = _Row(table, sub, rkey, tok, complete=complete)
                rows.append(row)
                continue
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            next_is_cell = nxt is not None and region_of(nxt) == "cell"
            if (row is not None and current in ("t2", "t3") and tok.info is None
                    and (row.cells or (row.complete and row.key and next_is_cell and _is_value_row(row))
                         # a numbered label with values under a group label ((六)其他处理)
                         or (row.key and next_is_cell and _LIST_ITEM.match(key)))):
                # a label nobody knows after a whole row label: a row of its own
                # (after the first piece of a wrapped label it is the rest of it)
                row = _Row(current, row.sub, None, tok)
                rows.append(row)
            elif (row is None and current == "t2" and caption_sub and tok.info is None and next_is_cell
                  and is_cjk(key[:1])):  # not a note: (其中修订16件)
                # the first row under a caption, worded differently (行政处罚决定 | 58)
                row = _Row(current, caption_sub, None, tok)
                rows.append(row)
            continue
        if region != "cell" or tok.row in headers:
            continue  # a filler in a header row (| — | 自然人 | … |) is no value
        if current == "t4":
            t4_parts[-1][1].append(tok)
        elif row is not None:
            row.cells.append(tok)
    _detect_editions(out, rows, report)
    # a row label printed twice (a Markdown heading, then the table row): the one with values
    with_values = {(r.table, r.key) for r in rows if r.key and r.cells}
    rows = [r for r in rows if r.cells or not r.key or (r.table, r.key) not in with_values]
    _bind_reworded(out, rows, report)
    for r in rows:
        _finish_row(out, r, report)
    filled = [p for p in t4_parts if p[1]]
    if filled or t4_parts:
        # the last start of 表四 that has values (an earlier one may be a stray word)
        label, cells = (filled or t4_parts)[-1]
        _finish_t4(out, label, cells, report)
    _shape(out, rows, report)
    return out


_HEADER_ROLES = ("caption", "header", "column", "note", "group")


def _header_rows(toks: list[Tok]) -> set[int]:
    """Pipe rows that hold the national tables' captions or column headers and
    no row label: their dashes and slashes fill header cells, they are no values."""
    header, data = set(), set()
    for t in toks:
        if t.row is None or t.info is None or t.type != TABLE_LABEL:
            continue
        if t.info.role == "row":
            data.add(t.row)
        elif t.info.role in _HEADER_ROLES:
            header.add(t.row)
    return header - data


def _blank(tok: Tok) -> bool:
    """A blank cell (spaces only): a missing value, or a position past the row's end."""
    return not tok.text.strip()


_PREFIX: dict[str, tuple] | None = None


def _completion(key: str):
    """A row label wrapped over lines: its first piece, when only one label starts so."""
    global _PREFIX
    if _PREFIX is None:
        seen: dict[str, list] = {}
        for lk, entry in _maps()[1].items():
            for i in range(4, len(lk)):
                seen.setdefault(lk[:i], []).append(entry)
        _PREFIX = {p: e[0] for p, e in seen.items() if len(e) == 1}
    return _PREFIX.get(key)


def _is_piece(r: _Row) -> bool:
    """A label nobody knows that is a piece of a row label of its table, cut off
    where the label wrapped (行政机关不再处理其政府信息公): the reader's failure to
    join the pieces, not a row the report added."""
    key = r.label.label
    if len(key) < 4:
        return False
    return any(key in lk and key != lk for lk, (table, _, _) in _maps()[1].items() if table == r.table)


def _is_value_row(r: _Row) -> bool:
    if r.table == "t2":
        return True
    return any(k == r.key and kind == "data" for k, _, kind in template("2021").t3_rows) or any(
        k == r.key and kind == "data" for k, _, kind in template("2019").t3_rows)


def _variant(key: str) -> str:
    # 规章 (市政府令), 规范性文件 (有规范性文件登记号): the label before the local note
    return key.split("(", 1)[0]


def _detect_editions(out: Tables, rows: list[_Row], report: Report) -> None:
    """Which template each table follows; a mixed report reads each as it is."""
    t2_ed = t3_ed = None
    for r in rows:
        if r.table == "t2" and r.key in ("other_admin_services", "central_procurement"):
            t2_ed = "2019"
        if r.table == "t3" and r.key and r.key.startswith("other."):
            t3_ed = "2021"
    for ed, toks in report.layout_evidence.items():
        for t in toks:
            if t.info and t.info.table == "t2" and t2_ed is None:
                t2_ed = ed
    if t3_ed is None and any(r.table == "t3" and r.key == "other" and r.cells for r in rows):
        t3_ed = "2019"
    out.editions["t2"] = t2_ed or report.edition
    out.editions["t3"] = t3_ed or report.edition
    out.editions["t4"] = report.edition
    expected = expected_edition(report.report_year) or report.edition
    marker_rows = {"t2": ("other_admin_services", "central_procurement"), "t3": ("other",)}
    for table, ed in (("t2", t2_ed), ("t3", t3_ed)):
        if ed and ed != report.edition and ed != expected:
            evidence = [r for r in rows if r.table == table and r.key in marker_rows[table]
                        or (r.key or "").startswith("other.") and r.table == table]
            first = evidence or [r for r in rows if r.table == table]
            span = report.span_of(first[0].label) if first else Span(0, 0)
            out.issues.append(TableIssue("wrong_edition", span, {
                "table": _TABLE_NAMES[table], "found": ed, "expected": report.edition}))


_TABLE_NAMES = {"t2": "表二", "t3": "表三", "t4": "表四"}


def _cell_span(report: Report, tok: Tok, a: int | None = None, b: int | None = None) -> Span:
    if a is None:
        return report.span_of(tok)
    start, end = report.norm.span_to_orig(tok.start + a, tok.start + b)
    return Span(start, end)


def _finish_row(out: Tables, r: _Row, report: Report) -> None:
    if r.key is None:
        if r.cells:
            args = {"label": _original(report, r.label), "table": _TABLE_NAMES[r.table]}
            if _is_piece(r):
                args["reason"] = "piece"
            out.issues.append(TableIssue("unknown_row", report.span_of(r.label), args))
        return
    tpl = template(out.editions[r.table])
    if r.table == "t3":
        kind = next((k for key, _, k in tpl.t3_rows if key == r.key), None)
        if kind is None:
            return  # a row of the other edition: reported as wrong_edition
        if kind == "group":
            if any(not _blank(c) for c in r.cells):  # blank cells beside a group label are none
                _unreadable(out, r, report, 0, "group")
            return
        cols = [c for c, _ in tpl.t3_columns]
        keys = [f"t3.{r.key}.{c}" for c in cols]
        ok = _t3_row_ok
    else:
        sub = tpl.t2_sub(r.sub or "")
        if sub is None:
            return
        keys = [f"t2.{sub.key}.{r.key}.{c}" for c, _, _ in sub.columns]
        ok = None
    prefix = keys[0].rsplit(".", 1)[0]
    out.row_spans[prefix] = report.span_of(r.label)
    _assign(out, r, keys, ok, report)


def _bind_reworded(out: Tables, rows: list[_Row], report: Report) -> None:
    """Unknown rows with values that are a rewording of a row the table lacks:
    bound to it, and the wording reported (gialint/tables/wording.py)."""
    for table in ("t2", "t3"):
        if table not in out.found:
            continue
        tpl = template(out.editions[table])
        seen = {(r.sub if table == "t2" else None, r.key) for r in rows if r.table == table and r.key}
        if table == "t2":
            expected = [(lab, (sub.key, key)) for sub in tpl.t2 for key, lab in sub.rows]
        else:
            expected = [(lab, (None, key)) for key, lab, kind in tpl.t3_rows if kind == "data"]
        missing = [(label_key(lab), (lab, where)) for lab, where in expected if where not in seen]
        for r in rows:
            if r.table != table or r.key or not r.cells:
                continue
            pool = [m for m in missing if table == "t3" or m[1][1][0] == r.sub]
            got = closest(r.label.label, pool)
            if got is None:
                continue
            (lab, where), _ = got
            r.key = where[1]
            missing = [m for m in missing if m[1][1] != where]
            out.issues.append(TableIssue("reworded_row", report.span_of(r.label), {
                "table": _TABLE_NAMES[table], "label": _original(report, r.label), "expected": lab}))


def _t3_row_ok(values: list[Decimal]) -> bool:
    return sum(values[:-1]) == values[-1]


def _assign(out: Tables, r: _Row, keys: list[str], ok, report: Report, partial=None) -> None:
    """Bind a row's values to ``keys``.  Fewer values than columns: digits glued
    together are split (gialint/tables/glued.py) when the reading is certain —
    as many digits as columns, or exactly one split that fits the row's own
    totals —; no split that fits is the row's arithmetic error
    (``unsplittable_row``); several are an honest "cannot tell"
    (``unreadable_row``, ambiguous); too few digits or cells is a short row."""
    cells = _fit(r.cells, len(keys))
    if cells and len(cells) < len(keys) and all(is_missing(c.text) for c in cells):
        # a row with no number at all, its cells merged or fewer (| 2.重复申请 | / |):
        # every value of the row is missing, where its cells are
        for i, key in enumerate(keys):
            tok = cells[min(i, len(cells) - 1)]
            out.cells[key] = parse_cell(key, tok.text, report.span_of(tok))
        return
    if len(cells) == len(keys):
        for key, tok in zip(keys, cells, strict=True):
            out.cells[key] = parse_cell(key, tok.text, report.span_of(tok))
        return
    if not cells:
        _unreadable(out, r, report, len(keys), "empty" if r.complete else "piece")
        return
    if len(cells) > len(keys):
        _unreadable(out, r, report, len(keys), "count")
        return
    runs = [_RUN.fullmatch(c.text) for c in cells]
    # what the split can read: digits, and in a row with a total plain counts only
    # (a sign or a unit there is no count)
    splittable = all(m is not None and (ok is None or not (m.group(1) or m.group(3))) for m in runs)
    glued = splittable and _glued(cells, runs, len(keys))
    digits = sum(len(m.group(2)) for m in runs) if splittable else 0
    if not glued:
        # values set apart, fewer than the columns: a value is missing, unless the
        # row's total allows exactly one reading of a cell holding two (a space lost:
        # 14 2 0 0 10 17)
        sols = split_runs([m.group(2) for m in runs], len(keys), ok, partial) \
            if splittable and ok is not None and digits >= len(keys) else []
        if len(sols) == 1:
            _bind_split(out, keys, cells, runs, sols[0], report)
        else:
            _short(out, r, report, len(keys), len(cells), "default")
        return
    if digits < len(keys):  # glued digits too few for the columns
        _short(out, r, report, len(keys), digits, "digits")
        return
    certain = digits == len(keys)  # one digit a column: the only reading
    sols = split_runs([m.group(2) for m in runs], len(keys), None if certain else ok,
                      None if certain else partial)
    if len(sols) == 1:
        _bind_split(out, keys, cells, runs, sols[0], report)
    elif sols:
        _unreadable(out, r, report, len(keys), "ambiguous")
    elif ok is not None:  # no reading fits the row's own totals: its numbers are wrong
        _unsplittable(out, r, report, len(keys), "groups" if r.table == "t4" else "default")
    else:  # no total, yet no reading: numbers may not start with 0 (0001 in two columns)
        _unreadable(out, r, report, len(keys), "count")


def _bind_split(out: Tables, keys: list[str], cells: list[Tok], runs: list, solution, report: Report) -> None:
    for key, (i, a, b) in zip(keys, solution, strict=True):
        tok, m = cells[i], runs[i]
        # the sign belongs to the run's first number, decimals and a unit to its last
        a = 0 if a == 0 else a + m.start(2)
        b = len(tok.text) if b == len(m.group(2)) else b + m.start(2)
        out.cells[key] = parse_cell(key, tok.text[a:b], _cell_span(report, tok, a, b), status="recovered")


# one value of a row as the split reads it: digits, with a sign before the first
# number and decimals or a unit after the last (行政处罚2648-18538, 采购39573802895.90元)
_RUN = re.compile(r"([+-]?)(\d+)((?:\.\d+)?\s*(?:万元|元|件|条|个|人次|人|次|%)?)")


def _glued(cells: list[Tok], runs: list, columns: int) -> bool:
    """Whether the row's digits are glued together, so that a cell may hold
    several values: all of them in one cell, two cells with nothing between
    them (2648-18538), or a number written with a leading zero (00, 0121)."""
    if len(cells) == 1:
        return columns > 1
    if any(a.end == b.start for a, b in zip(cells, cells[1:], strict=False)):
        return True
    return any(m is not None and len(m.group(2)) > 1 and m.group(2)[0] == "0" for m in runs)


def _row_span(report: Report, r: _Row) -> Span:
    span = report.span_of(r.label)
    if r.cells:
        last = report.span_of(r.cells[-1])
        span = Span(span.start, last.end) if last.end >= span.start else span
    return span


def _short(out: Tables, r: _Row, report: Report, expected: int, found: int, variant: str) -> None:
    _row_issue(out, "short_row", r, report, expected, found, variant)


def _unsplittable(out: Tables, r: _Row, report: Report, expected: int, variant: str) -> None:
    _row_issue(out, "unsplittable_row", r, report, expected, len(r.cells), variant)


def _row_issue(out: Tables, kind: str, r: _Row, report: Report, expected: int, found: int,
               reason: str) -> None:
    """A row's values that do not fit its columns, reported at its label."""
    out.issues.append(TableIssue(kind, report.span_of(r.label), {
        "label": _original(report, r.label), "reason": reason, "expected": expected,
        "found": found, "cells": " ".join(c.text for c in r.cells), "table": _TABLE_NAMES[r.table]}))


def _fit(cells: list[Tok], count: int) -> list[Tok]:
    """A row's cells without the blank positions beyond the template's columns: the
    ones a wide table leaves after a short row (第二十条第（五）项 in one table with
    第（一）项's four columns), then those before a row of values only (表四)."""
    end = len(cells)
    while end > count and _blank(cells[end - 1]):
        end -= 1
    start = 0
    while end - start > count and _blank(cells[start]):
        start += 1
    return cells[start:end]


def _original(report: Report, tok: Tok) -> str:
    """A label as printed (not normalised), for messages."""
    return report.original(report.span_of(tok))


def _unreadable(out: Tables, r: _Row, report: Report, expected: int, reason: str) -> None:
    out.issues.append(TableIssue("unreadable_row", _row_span(report, r), {
        "label": _original(report, r.label), "reason": reason, "expected": expected,
        "found": len(r.cells), "cells": " ".join(c.text for c in r.cells),
        "table": _TABLE_NAMES[r.table], "row": _row_name(out, r)}, label=report.span_of(r.label)))


def _row_name(out: Tables, r: _Row) -> str:
    """The row's label in the template (a wrapped label's first piece names its row)."""
    if r.key is None or r.table == "t4":
        return ""
    tpl = template(out.editions.get(r.table, "2021"))
    if r.table == "t3":
        return next((lab for key, lab, _ in tpl.t3_rows if key == r.key), "")
    sub = tpl.t2_sub(r.sub or "")
    return next((lab for key, lab in sub.rows if key == r.key), "") if sub else ""


def _t4_ok(values: list[Decimal]) -> bool:
    return all(sum(values[i:i + 4]) == values[i + 4] for i in range(0, 15, 5))


def _t4_partial(values: list[Decimal]) -> bool:
    # prune as soon as a group of five (维持, 纠正, 其他, 尚未审结, 总计) is complete
    n = len(values)
    return n % 5 or sum(values[n - 5:n - 1]) == values[n - 1]


def _finish_t4(out: Tables, label: Tok, cells: list[Tok], report: Report) -> None:
    tpl = template(out.editions["t4"])
    r = _Row("t4", None, "t4", label, cells)
    _assign(out, r, list(tpl.t4_order), _t4_ok, report, partial=_t4_partial)


def _shape(out: Tables, rows: list[_Row], report: Report) -> None:
    """Missing tables and missing rows."""
    first_heading = {s.heading.std_key: s.heading.span for s in report.sections if s.heading.std_key}
    where = {"t2": "s2", "t3": "s3", "t4": "s4"}
    for table in ("t2", "t3", "t4"):
        if table not in out.found:
            span = first_heading.get(where[table], Span(0, 0))
            out.issues.append(TableIssue("missing_table", span, {"table": _TABLE_NAMES[table]}))
    seen = {(r.table, r.key) for r in rows if r.key}
    for table in ("t2", "t3"):
        if table not in out.found:
            continue
        tpl = template(out.editions[table])
        expected = ([(r, lab, sub.key) for sub in tpl.t2 for r, lab in sub.rows] if table == "t2"
                    else [(k, lab, None) for k, lab, kind in tpl.t3_rows if kind == "data"])
        anchor = next((report.span_of(r.label) for r in rows if r.table == table), Span(0, 0))
        for key, label, _sub in expected:
            if (table, key) not in seen:
                out.issues.append(TableIssue("missing_row", Span(anchor.start, anchor.start),
                                             {"table": _TABLE_NAMES[table], "label": label}))
