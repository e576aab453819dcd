"""Check kinds about the statistics tables as read (``Report.data``).

``table_shape``: what the reader could not fit to the template (a missing
table, missing or unknown rows, unreadable rows, another edition's table).
``cell_value``: cells that are not numbers, negative counts, blank cells.
"""

from __future__ import annotations

from gialint.checks.base import Check, Hit, Param, register
from gialint.model import Report

SHAPES = ("missing_table", "missing_row", "unknown_row", "unreadable_row", "wrong_edition")


@register
class TableShape(Check):
    kind = "table_shape"
    params = {"issue": Param("str", required=True, choices=SHAPES,
                             doc="which kind of reading problem this rule reports")}
    message_args = ("table", "label", "found", "expected", "cells", "reason")
    variants = ("default", "count", "ambiguous", "nosplit", "empty", "group")

    def check(self, report: Report, ctx):
        data = report.data
        if data is None:
            return
        for issue in data.issues:
            if issue.kind != self.p["issue"]:
                continue
            variant = issue.args.get("reason", "default") if issue.kind == "unreadable_row" else "default"
            yield Hit(issue.span, dict(issue.args), variant=variant)


_PROBLEMS = ("nonnumeric", "negative", "blank")


@register
class CellValue(Check):
    kind = "cell_value"
    params = {
        "problem": Param("str", required=True, choices=_PROBLEMS),
        "tables": Param("list[str]", default=["t2", "t3", "t4"], choices=("t2", "t3", "t4")),
    }
    message_args = ("cell", "text", "key")

    def check(self, report: Report, ctx):
        data = report.data
        if data is None:
            return
        problem = self.p["problem"]
        for key, cell in data.cells.items():
            if key.split(".", 1)[0] not in self.p["tables"]:
                continue
            tpl = data.template(key)
            kind = (tpl.cells.get(key) or {}).get("type", "int")
            bad = (
                (problem == "nonnumeric" and cell.status == "nonnumeric")
                or (problem == "blank" and cell.status in ("blank", "missing"))
                or (problem == "negative" and cell.value is not None and cell.value < 0
                    and kind != "signed_int")
            )
            if bad:
                shown = cell.text if problem != "blank" else (f"（“{cell.text}”）" if cell.text else "")
                yield Hit(cell.span, {"cell": tpl.label(key), "text": shown, "key": key})
