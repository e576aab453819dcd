"""The national table templates (data/templates.json), shaped for reading.

``Template(edition)`` lists, per table, the value rows and columns in the
order the format prints them, the cell types, the human labels used in
messages, and the named key sets that arithmetic rules iterate over
(``t3.columns``, ``t3.value_rows``, ``t4.groups`` …).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from gialint.national_format import label_key, templates

T3_COLUMNS = ("natural_person", "commercial_enterprise", "research_institution",
              "social_welfare_org", "legal_service_org", "other_org", "total")


@dataclass(frozen=True)
class SubTable:
    key: str  # art20_1 …
    caption: str
    columns: tuple[tuple[str, str, str], ...]  # (key, label, type)
    rows: tuple[tuple[str, str], ...]  # (key, label)


class Template:
    def __init__(self, edition: str):
        self.edition = edition
        if edition == "legacy":  # one table of rows, this year and 历年累计 (gialint/tables/legacy.py)
            self._legacy()
            return
        tpl = templates()["editions"][edition]
        self.t2 = tuple(
            SubTable(s["key"], s["caption"],
                     tuple((c["key"], c["label"], c.get("type", "int")) for c in s["columns"]),
                     tuple((r["key"], r["label"]) for r in s["rows"]))
            for s in tpl["t2"]
        )
        t3 = tpl["t3"]
        self.t3_rows = tuple((r["key"], r["label"], r["kind"]) for r in t3["rows"])
        self.t3_value_rows = tuple(k for k, _, kind in self.t3_rows if kind == "data")
        self.t3_columns = tuple((c["key"], c["label"]) for c in t3["columns"])
        t4 = tpl["t4"]
        self.t4_groups = tuple((g["key"], g["label"]) for g in t4["groups"])
        self.t4_columns = tuple((c["key"], c["label"]) for c in t4["columns"])
        self.t4_order = tuple(t4["value_order"])
        self.cells = tpl["cells"]
        # row label key → (table, subtable, row key)
        self.row_by_label: dict[str, tuple[str, str | None, str]] = {}
        for sub in self.t2:
            for key, label in sub.rows:
                self.row_by_label[label_key(label)] = ("t2", sub.key, key)
        for key, label, _kind in self.t3_rows:
            self.row_by_label[label_key(label)] = ("t3", None, key)

    def _legacy(self) -> None:
        self.t2 = ()
        self.t3_rows = self.t3_value_rows = self.t3_columns = ()
        self.t4_groups = self.t4_columns = self.t4_order = ()
        self.cells = _legacy_cells()
        self.row_by_label = {}

    def t2_sub(self, key: str) -> SubTable | None:
        return next((s for s in self.t2 if s.key == key), None)

    def keys(self, name: str) -> tuple[str, ...]:
        """A named key set for ``for_each`` in arithmetic rules."""
        sets = {
            "t3.columns": T3_COLUMNS,
            "t3.applicant_columns": T3_COLUMNS[:-1],
            "t3.value_rows": self.t3_value_rows,
            "t3.result_leaves": tuple(k for k in self.t3_value_rows
                                      if k not in ("new_received", "carried_over",
                                                   "results_total", "carry_forward")),
            "t4.groups": tuple(k for k, _ in self.t4_groups),
            "t4.columns": tuple(k for k, _ in self.t4_columns),
        }
        if name not in sets:
            raise KeyError(name)
        return sets[name]

    def label(self, key: str) -> str:
        """Human label of a cell key, e.g. （七）总计（自然人）."""
        cell = self.cells.get(key)
        if not cell:
            return key
        labels = [x for x in cell["labels"] if x != "|"]
        table = cell["table"]
        if table == "lg":
            return labels[0] if len(labels) == 1 else f"{labels[0]}（{labels[1]}）"
        if table == "t3":
            row = next((lab for k, lab, _ in self.t3_rows if k == cell["row"]), cell["row"])
            row = row.replace("（区分处理的，只计这一情形，不计其他情形）", "")  # the note, not the name
            col = dict(self.t3_columns).get(cell["col"], cell["col"])
            return f"{row}（{col}）"
        return f"{labels[-2]}（{labels[-1]}）" if len(labels) >= 2 else labels[-1]


@lru_cache(maxsize=1)
def legacy_rows() -> tuple[tuple[str, str, str | None], ...]:
    """(row key, label, unit) of every row of the legacy statistics table
    (stats_table_seen: the 2014 form's rows, then variant_rows)."""
    seen = templates()["editions"]["legacy_2008"]["stats_table_seen"]
    return tuple((r["key"], r["label"], r.get("unit"))
                 for r in [*seen["rows"], *seen.get("variant_rows", [])])


def _legacy_cells() -> dict[str, dict]:
    """Every legacy cell key → its description (as an edition's ``cells``): lg.<row>
    this year, lg.<row>.cumulative its 历年累计 (gialint/tables/legacy.py)."""
    out = {}
    for key, label, unit in legacy_rows():
        out[f"lg.{key}"] = {"table": "lg", "row": key, "col": "year", "labels": [label], "unit": unit}
        out[f"lg.{key}.cumulative"] = {"table": "lg", "row": key, "col": "cumulative",
                                       "labels": [label, "历年累计"], "unit": unit}
    return out


NAMED_SETS = ("t3.columns", "t3.applicant_columns", "t3.value_rows", "t3.result_leaves",
              "t4.groups", "t4.columns")


@lru_cache(maxsize=4)
def template(edition: str) -> Template:
    return Template(edition)


@lru_cache(maxsize=1)
def all_cell_keys() -> frozenset[str]:
    """Every cell key of any edition: rule files are checked against it."""
    return frozenset(template("2019").cells) | frozenset(template("2021").cells) | frozenset(
        template("legacy").cells)
