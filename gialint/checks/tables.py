"""Check kinds about the statistics tables as read (``Report.data``).

``table_shape``: what the reader could not fit to the template (a missing
table, missing or unknown rows, unreadable rows, another edition's table).
``cell_value``: cells that are not numbers, negative counts, blank cells;
a block of blank cells (a whole row, a whole column, the five 法人或其他组织
columns) is one omission, reported once with every cell.
"""

from __future__ import annotations

from functools import lru_cache

from gialint.checks.base import Check, Hit, Param, register
from gialint.model import Report
from gialint.tables.template import template

SHAPES = ("missing_table", "missing_row", "unknown_row", "unreadable_row", "wrong_edition", "reworded_row",
          "short_row", "unsplittable_row")
# why a row of values could not be bound (TableIssue.args["reason"], gialint/tables/read.py)
REASONS = ("count", "ambiguous", "empty", "piece", "group", "cumulative")


@register
class TableShape(Check):
    """What the table reader could not fit to the national template, one issue per rule.

    An issue's ``reason`` (why a row could not be read, a piece of a wrapped
    label …) is the message variant.  With ``per_table``, the rows of the
    reasons listed are reported in one finding per table (at the first row's
    label; every row, label and values, a related place with its own message)
    instead of one per row."""

    kind = "table_shape"
    params = {
        "issue": Param("str", required=True, choices=SHAPES,
                       doc="which kind of reading problem this rule reports"),
        "per_table": Param("list[str]", default=[], choices=REASONS,
                           doc="reasons whose rows are reported once per table, listing the rows "
                           "(the message gets {count} and {rows}); the other reasons one per row"),
    }
    message_args = ("table", "label", "found", "expected", "cells", "reason", "count", "rows")
    variants = ("default", "count", "ambiguous", "empty", "group", "piece", "digits", "groups", "cumulative")

    def check(self, report: Report, ctx):
        data = report.data
        if data is None:
            return
        gathered: dict[str, list] = {}  # table → its issues of a per_table reason
        per_table = self.values["per_table"]
        for issue in data.issues:
            if issue.kind != self.values["issue"]:
                continue
            variant = issue.args.get("reason") or "default"
            if variant in per_table:
                gathered.setdefault(issue.args["table"], []).append(issue)
                continue
            yield Hit(issue.label or issue.span, dict(issue.args), variant=variant)
        sep, quote = ("、", "“{}”") if ctx.lang == "zh" else (", ", "“{}”")
        for table, issues in gathered.items():
            names = [i.args.get("row") or i.args["label"] for i in issues]
            yield Hit(issues[0].label or issues[0].span, {"table": table, "count": str(len(issues)),
                                       "rows": sep.join(quote.format(n) for n in names)},
                      related=[(i.span, dict(i.args), i.args["reason"]) for i in issues])


_PROBLEMS = ("nonnumeric", "negative", "blank")


@register
class CellValue(Check):
    """Table cells that are not numbers, negative counts, or blank.  A block of
    blank cells of one table — cells side by side in a row and the same cells in
    the rows below: a row, a column, the five 法人或其他组织 columns of every row —
    is one finding, each cell a related location (variant ``block``, related
    ``cell``); a blank cell alone is a finding of its own."""

    kind = "cell_value"
    params = {
        "problem": Param("str", required=True, choices=_PROBLEMS,
                         doc="nonnumeric: a cell that is not a number; negative: a count below "
                         "zero (signed cells such as 本年增/减 excepted); blank: a cell left empty "
                         "(blank cells that touch are one finding)"),
        "tables": Param("list[str]", default=["t2", "t3", "t4"], choices=("t2", "t3", "t4"),
                        doc="the tables whose cells are checked"),
    }
    message_args = ("cell", "text", "key", "table", "where", "count")
    variants = ("default", "block", "cell")

    def check(self, report: Report, ctx):
        data = report.data
        if data is None:
            return
        problem = self.values["problem"]
        tables = tuple(t + "." for t in self.values["tables"])
        if problem == "blank":
            yield from _blank_blocks(data, tables, ctx.lang)
            return
        for key, cell in data.cells.items():
            # the cheap tests first: most cells are fine numbers
            if problem == "nonnumeric":
                bad = cell.status == "nonnumeric"
            elif problem == "blank":
                bad = cell.status in ("blank", "missing")
            else:
                bad = cell.value is not None and cell.value < 0
            if not bad or not key.startswith(tables):
                continue
            tpl = data.template(key)
            if problem == "negative" and (tpl.cells.get(key) or {}).get("type", "int") == "signed_int":
                continue
            if bad:
                shown = cell.text if problem != "blank" else (f"（“{cell.text}”）" if cell.text else "")
                yield Hit(cell.span, {"cell": tpl.label(key), "text": shown, "key": key})


# -- blank cells, one finding per omission -------------------------------------------------

_LEGAL = ("commercial_enterprise", "research_institution", "social_welfare_org",
          "legal_service_org", "other_org")
_WORDS = {
    "zh": {"row": "“{}”行", "col": "“{}”列", "rect": "{} {} 列 × {} 行", "all": "全部各列",
           "every": "全部", "sep": "、", "legal": "法人或其他组织"},
    "en": {"row": "row “{}”", "col": "column “{}”", "rect": "{}, {} columns × {} rows",
           "all": "all columns", "every": "all", "sep": ", ", "legal": "法人或其他组织"},
}


@lru_cache(maxsize=4)
def _grid(edition: str) -> dict[str, tuple[str, str, int, int]]:
    """Each value cell of an edition's tables → (its table block, the block's name,
    row, column): 表三, each part of 表二 (第二十条第（一）项 …), 表四 as printed
    (one row of fifteen values)."""
    tpl = template(edition)
    out = {}
    for r, row in enumerate(tpl.t3_value_rows):
        for c, (col, _) in enumerate(tpl.t3_columns):
            out[f"t3.{row}.{col}"] = ("t3", "表三", r, c)
    for sub in tpl.t2:
        for r, (row, _) in enumerate(sub.rows):
            for c, (col, _, _) in enumerate(sub.columns):
                out[f"t2.{sub.key}.{row}.{col}"] = (f"t2.{sub.key}", "表二" + sub.caption, r, c)
    for c, key in enumerate(tpl.t4_order):
        out[key] = ("t4", "表四", 0, c)
    return out


def _blank_blocks(data, tables: tuple[str, ...], lang: str):
    """Blank cells, a block of them (see :func:`_rectangles`) as one hit: a whole
    row, a whole column, the five 法人或其他组织 columns of every row are each one
    omission."""
    blocks: dict[tuple[str, str, str], dict] = {}  # (edition, block, name) → {(row, col): key}
    read_rows: dict[tuple[str, str, str], set[int]] = {}
    for key, cell in data.cells.items():
        ed = data.editions.get(key.split(".", 1)[0], "2021")
        where = _grid(ed).get(key)
        if where is None:
            continue
        block = (ed, where[0], where[1])
        read_rows.setdefault(block, set()).add(where[2])
        if cell.status in ("blank", "missing") and key.startswith(tables):
            blocks.setdefault(block, {})[(where[2], where[3])] = key
    for block, cells in blocks.items():
        rows = sorted(read_rows[block])  # a row not read parts no two blocks
        for group in _rectangles(set(cells), rows):
            yield _blank_hit(data, block, group, cells, lang)


def _rectangles(cells: set[tuple[int, int]], rows: list[int]) -> list[list[tuple[int, int]]]:
    """Blank cells (row, column) as few rectangles as two ways find: runs of cells
    side by side in a row, the same run in the rows below joined to it; or runs
    in a column, the same run in the next columns joined.  A whole row, a whole
    column or the five 法人或其他组织 columns of every row is one rectangle; so is
    a lone cell.  Equally few: the rows' way (a row is read as one line)."""
    index = {r: i for i, r in enumerate(rows)}
    by_row = _strips({(index[r], c) for r, c in cells})
    by_col = _strips({(c, index[r]) for r, c in cells})
    if len(by_col) < len(by_row):
        return sorted(sorted((rows[i], c) for c, i in g) for g in by_col)
    return sorted(sorted((rows[i], c) for i, c in g) for g in by_row)


def _strips(cells: set[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """(line, place) cells as rectangles: each line's runs of adjacent places, a run
    joined to the same run on the line just before."""
    done: list[list[tuple[int, int]]] = []
    open_: dict[tuple[int, int], list] = {}  # the runs of the line before → their cells
    last = None
    for line in sorted({ln for ln, _ in cells}):
        if last is not None and line != last + 1:
            done.extend(open_.values())
            open_ = {}
        now = {}
        for run in _runs(sorted(p for ln, p in cells if ln == line)):
            group = open_.pop(run, [])
            group.extend((line, p) for p in range(run[0], run[1] + 1))
            now[run] = group
        done.extend(open_.values())
        open_, last = now, line
    done.extend(open_.values())
    return done


def _runs(places: list[int]) -> list[tuple[int, int]]:
    """Sorted places as runs of adjacent ones (first, last)."""
    runs: list[tuple[int, int]] = []
    for p in places:
        if runs and runs[-1][1] == p - 1:
            runs[-1] = (runs[-1][0], p)
        else:
            runs.append((p, p))
    return runs


def _shown(cell) -> str:
    return f"（“{cell.text}”）" if cell.text else ""


def _blank_hit(data, block: tuple[str, str, str], group: list[tuple[int, int]], keys: dict,
               lang: str) -> Hit:
    ed, table, name = block
    tpl = template(ed)
    cells = [data.cells[keys[pos]] for pos in group]
    labels = [tpl.label(c.key) for c in cells]
    first = min(range(len(cells)), key=lambda i: (cells[i].span.start, cells[i].span.end))
    args = {"cell": labels[first], "text": _shown(cells[first]), "key": cells[first].key}
    if len(group) == 1:
        return Hit(cells[0].span, args)
    same = len({c.text for c in cells}) == 1
    args.update(table=name, count=len(group), where=_where(tpl, table, group, cells, lang),
                text=_shown(cells[0]) if same else "")
    related = [(c.span, {"cell": lab, "text": _shown(c), "key": c.key}, "cell")
               for c, lab in zip(cells, labels, strict=True)]
    return Hit(cells[first].span, args, variant="block", related=related)


def _where(tpl, table: str, group: list[tuple[int, int]], cells: list, lang: str) -> str:
    """Which cells a block is, in words: “（一）予以公开”行, “总计”列,
    法人或其他组织 5 列 × 26 行 …"""
    w = _WORDS["en" if lang == "en" else "zh"]
    keys = {c.key for c in cells}
    rows = sorted({r for r, _ in group})
    cols = sorted({c for _, c in group})
    if table == "t4":  # one printed row: its groups of five, or the cells
        if len(cols) == len(tpl.t4_order):
            return w["all"]
        parts = []
        for g, label in tpl.t4_groups:
            group_keys = [f"t4.{g}.{col}" for col, _ in tpl.t4_columns]
            if all(k in keys for k in group_keys):
                parts.append(label)
            else:
                parts += [tpl.label(k) for k in group_keys if k in keys]
        return w["sep"].join(parts)
    if table == "t3":
        col_keys = [k for k, _ in tpl.t3_columns]
        col_labels = [lab for _, lab in tpl.t3_columns]
        row_labels = [next(lab for k, lab, _ in tpl.t3_rows if k == key).replace(
            "（区分处理的，只计这一情形，不计其他情形）", "") for key in tpl.t3_value_rows]
    else:
        sub = tpl.t2_sub(table.split(".", 1)[1])
        col_keys = [k for k, _, _ in sub.columns]
        col_labels = [lab for _, lab, _ in sub.columns]
        row_labels = [lab for _, lab in sub.rows]
    if tuple(col_keys[c] for c in cols) == _LEGAL:
        col_text = w["legal"]
    else:
        col_text = w["sep"].join(col_labels[c] for c in cols)
    if len(rows) == 1:
        row = w["row"].format(row_labels[rows[0]])
        return row if len(cols) == len(col_keys) else f"{row} {col_text}"
    if len(cols) == 1:
        return w["col"].format(col_text)
    if len(cols) == len(col_keys):
        col_text = w["every"]
    return w["rect"].format(col_text, len(cols), len(rows))
