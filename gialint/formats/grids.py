"""表二/表三/表四 (and the legacy statistics table) as grids of template cells, for the html format and
``gialint tables``: the layout (captions, the template's Chinese labels, the
cell key of each place) and which cells the findings mark."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gialint.findings import FileResult, Finding

CAPTIONS = {"t2": "表二 主动公开政府信息情况", "t3": "表三 收到和处理政府信息公开申请情况",
            "t4": "表四 政府信息公开行政复议、行政诉讼情况", "lg": "政府信息公开情况统计表（旧版）"}


@dataclass
class Row:
    label: str
    keys: tuple[str, ...] = ()  # cell keys in column order; () for a group heading
    header: bool = False  # a row of column labels (表二's sub-tables each have one)
    labels: tuple[str, ...] = ()  # the column labels of a header row


@dataclass
class Grid:
    table: str  # t2, t3, t4, lg
    caption: str
    corner: str  # the label above the row labels
    columns: tuple[str, ...]  # column labels (表二: those of its first sub-table)
    rows: list[Row]


def _edition(result: FileResult, table: str) -> str:
    editions = (result.tables or {}).get("editions", {})
    ed = editions.get(table) or result.edition
    return ed if ed in ("2019", "2021") else "2021"


def grids(result: FileResult) -> list[Grid]:
    """The tables gialint found in the report, laid out as the template prints them."""
    from gialint.tables.template import template

    if not result.tables:
        return []
    found = set(result.tables.get("found", ()))
    out: list[Grid] = []
    if "t2" in found:
        tpl = template(_edition(result, "t2"))
        rows: list[Row] = []
        for sub in tpl.t2:
            rows.append(Row(sub.caption, header=True, labels=tuple(label for _k, label, _t in sub.columns)))
            rows.extend(Row(rlabel, tuple(f"t2.{sub.key}.{rk}.{ck}" for ck, _l, _t in sub.columns))
                        for rk, rlabel in sub.rows)
        width = max(len(s.columns) for s in tpl.t2)
        out.append(Grid("t2", CAPTIONS["t2"], "", ("",) * width, rows))
    if "t3" in found:
        tpl = template(_edition(result, "t3"))
        rows = [Row(rlabel, tuple(f"t3.{rk}.{ck}" for ck, _l in tpl.t3_columns) if kind == "data" else ())
                for rk, rlabel, kind in tpl.t3_rows]
        out.append(Grid("t3", CAPTIONS["t3"], "项目", tuple(label for _k, label in tpl.t3_columns), rows))
    if "t4" in found:
        tpl = template(_edition(result, "t4"))
        rows = [Row(glabel, tuple(f"t4.{gk}.{ck}" for ck, _l in tpl.t4_columns)) for gk, glabel in tpl.t4_groups]
        out.append(Grid("t4", CAPTIONS["t4"], "类别", tuple(label for _k, label in tpl.t4_columns), rows))
    if "lg" in found:
        out.append(_legacy_grid(result))
    return out


def _legacy_grid(result: FileResult) -> Grid:
    """The legacy statistics table: the rows the report prints, in its order and
    with its labels, this year's value and 历年累计 when the table has that column."""
    cells = result.tables["cells"]
    cumulative = any(k.endswith(".cumulative") for k in cells)
    rows = [Row(label, (key, f"{key}.cumulative") if cumulative else (key,))
            for key, label in result.tables.get("rows", {}).items()]
    columns = ("本年", "历年累计") if cumulative else ("统计数",)
    return Grid("lg", CAPTIONS["lg"], "统计指标", columns, rows)


def cell_marks(result: FileResult, findings: list[Finding]):
    """(broken, parts): cell key → the findings at that cell (where a relation breaks,
    e.g. a total) and → those that name it among their related places (the cells
    that add up to something else).  gialint's reading notes mark nothing."""
    broken: dict[str, list[Finding]] = {}
    parts: dict[str, list[Finding]] = {}
    if not result.tables:
        return broken, parts

    def overlaps(loc, start: int, end: int) -> bool:
        return loc.start < max(end, start + 1) and start < max(loc.end, loc.start + 1)

    shown = [f for f in findings if not f.verbose]
    for key, (_text, _status, start, end) in result.tables["cells"].items():
        for f in shown:
            if overlaps(f.location, start, end):
                broken.setdefault(key, []).append(f)
            elif any(overlaps(x.location, start, end) for x in f.related):
                parts.setdefault(key, []).append(f)
    return broken, parts
