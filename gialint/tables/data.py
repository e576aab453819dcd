"""The statistics tables as read into template cells (plain data;
:mod:`gialint.tables.read` fills them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from gialint.spans import Span
from gialint.tables.cells import Cell
from gialint.tables.template import Template, template


@dataclass(slots=True)
class TableIssue:
    # missing_table, missing_row, unknown_row, unreadable_row, wrong_edition, reworded_row,
    # short_row, unsplittable_row
    kind: str
    span: Span
    args: dict = field(default_factory=dict)
    label: Span | None = None  # a row's label, when ``span`` is the whole row


@dataclass
class Tables:
    editions: dict[str, str] = field(default_factory=dict)  # table → edition read with
    cells: dict[str, Cell] = field(default_factory=dict)
    issues: list[TableIssue] = field(default_factory=list)
    found: set[str] = field(default_factory=set)  # t2, t3, t4
    row_spans: dict[str, Span] = field(default_factory=dict)  # t3.granted → its label

    def value(self, key: str) -> Decimal | None:
        cell = self.cells.get(key)
        return cell.value if cell else None

    def printed(self, key: str) -> bool:
        """Whether the row of cell ``key`` is printed in the report (read or not)."""
        if key.startswith("lg."):  # lg.<row>[.cumulative]
            return key.removesuffix(".cumulative") in self.row_spans or key in self.cells
        return key in self.cells or key.rsplit(".", 1)[0] in self.row_spans

    def template(self, key: str) -> Template:
        return template(self.editions.get(key.split(".", 1)[0], "2021"))
