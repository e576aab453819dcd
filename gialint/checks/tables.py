"""Check kinds about the statistics tables as read (``Report.data``).

``table_shape``: what the reader could not fit to the template (a missing
table, missing or unknown rows, unreadable rows, another edition's table).
``cell_value``: cells that are not numbers, negative counts, blank cells.
"""

from __future__ import annotations

from gialint.checks.base import Check, Hit, Param, register
from gialint.model import Report

SHAPES = ("missing_table", "missing_row", "unknown_row", "unreadable_row", "wrong_edition", "reworded_row",
          "short_row", "unsplittable_row")
# why a row of values could not be bound (TableIssue.args["reason"], gialint/tables/read.py)
REASONS = ("count", "ambiguous", "empty", "piece", "group")


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
    variants = ("default", "count", "ambiguous", "empty", "group", "piece", "digits", "groups")

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
    """Table cells that are not numbers, negative counts, or blank."""

    kind = "cell_value"
    params = {
        "problem": Param("str", required=True, choices=_PROBLEMS,
                         doc="nonnumeric: a cell that is not a number; negative: a count below "
                         "zero (signed cells such as 本年增/减 excepted); blank: a cell left empty"),
        "tables": Param("list[str]", default=["t2", "t3", "t4"], choices=("t2", "t3", "t4"),
                        doc="the tables whose cells are checked"),
    }
    message_args = ("cell", "text", "key")

    def check(self, report: Report, ctx):
        data = report.data
        if data is None:
            return
        problem = self.values["problem"]
        tables = tuple(t + "." for t in self.values["tables"])
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
