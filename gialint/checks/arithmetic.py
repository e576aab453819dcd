"""``table_sum``: an arithmetic relation (勾稽关系) between table cells.

A rule writes one equation over cell keys and repeats it with ``for_each``:

    equation = "t3.results_total.{col} = t3.new_received.{col} + t3.carried_over.{col} - t3.carry_forward.{col}"
    for_each = { col = "t3.columns" }

A placeholder written ``{name*}`` is summed inside the equation instead of
repeating it: ``t3.{row}.total = t3.{row}.{col*}`` with ``col`` over the six
applicant columns is one equation per row.

The left side is the cell that holds the reported total: findings point at
it, with the cells of the right side as related locations.  Values are
Decimal; ``tolerance`` is absolute ("0.01") or relative ("0.5%").  An
equation with a cell that was not read (unreadable row, blank cell) is not
checked: no claim is made on data gialint could not read with certainty.
With ``unprinted = "zero"`` a right-side cell whose row the report does not
print at all counts as 0 (the legacy statistics table, ``lg.…`` keys, whose
local variants print different channel rows); a printed row whose cell is
blank or unread still leaves the equation unchecked, and so does a right side
with no cell read or a row the reader could not name (``unknown_row``) among
the equation's rows.  An equation over ``lg.…`` cells applies to the legacy
edition, the others to 2019 and 2021.
"""

from __future__ import annotations

import itertools
import re
from decimal import Decimal, InvalidOperation

from gialint.checks.base import Check, Hit, Param, ParamError, register
from gialint.model import Report
from gialint.tables.template import NAMED_SETS, all_cell_keys, template

_EQ = re.compile(r"^\s*(\S+)\s*(<=|>=|=|<|>)\s*(.+?)\s*$")
_TERM = re.compile(r"([+-])?\s*([A-Za-z0-9_.{}*]+)")
_STAR = re.compile(r"\{(\w+)\*\}")
_OPS = {
    "=": lambda a, b, tol: abs(a - b) <= tol,
    "<=": lambda a, b, tol: a <= b + tol,
    ">=": lambda a, b, tol: a + tol >= b,
    "<": lambda a, b, tol: a < b,
    ">": lambda a, b, tol: a > b,
}


def _fmt(value: Decimal) -> str:
    text = format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")
    return text


@register
class TableSum(Check):
    kind = "table_sum"
    params = {
        "equation": Param("str", required=True,
                          doc="CELL op TERM ± TERM …; op is = <= >= < >; terms are cell keys or numbers"),
        "for_each": Param("any", default={},
                          doc="placeholder → a named key set (t3.columns, t3.value_rows, …) or a list"),
        "when": Param("str", default="", doc="check only when this cell is > 0"),
        "tolerance": Param("str", default="0", doc="absolute (\"1\") or relative (\"0.5%\")"),
        "unprinted": Param("str", default="skip", choices=("skip", "zero"),
                           doc="a right-side cell whose row the report does not print at all: "
                           "`skip` the equation (default), or count it as `zero` (the legacy "
                           "statistics table's local variants print different channel rows); a "
                           "printed row with a blank or unread cell always leaves the equation "
                           "unchecked, and so does a right side with no cell read"),
        "confirm": Param("str", default="",
                         doc="another equation of the same left cell (same placeholders): when it "
                         "holds, that cell is right, and a failure is reported with the `confirmed` "
                         "message at the first cell of the right side"),
    }
    message_args = ("cell", "reported", "computed", "difference", "equation", "term", "value",
                    "equations", "left", "left_sum", "right", "right_sum", "others")
    variants = ("default", "term", "crossing", "confirmed")

    def setup(self) -> None:
        m = _EQ.match(self.values["equation"])
        if not m:
            raise ParamError(("equation",), "must look like 'CELL = TERM + TERM - TERM'")
        self.lhs, self.op, rhs = m.group(1), m.group(2), m.group(3)
        terms = _TERM.findall(rhs)
        if not terms or "".join(s + t for s, t in terms).replace(" ", "") != rhs.replace(" ", "").lstrip("+"):
            raise ParamError(("equation",), f"cannot read the right side {rhs!r}")
        self.terms = [(-1 if sign == "-" else 1, term) for sign, term in terms]
        tol = self.values["tolerance"].strip()
        try:
            self.relative = tol.endswith("%")
            self.tol = Decimal(tol.rstrip("%")) / (100 if self.relative else 1)
        except InvalidOperation:
            raise ParamError(("tolerance",), f"not a number: {tol!r}") from None
        self.confirm = None
        if self.values["confirm"]:
            c = _EQ.match(self.values["confirm"])
            if not c or c.group(1) != self.lhs or c.group(2) != "=":
                raise ParamError(("confirm",), "must be an equation 'CELL = TERM + …' of the same cell")
            self.confirm = [(-1 if sign == "-" else 1, term) for sign, term in _TERM.findall(c.group(3))]
        each = self.values["for_each"] or {}
        if not isinstance(each, dict):
            raise ParamError(("for_each",), "must be a table: placeholder = key set or list")
        self.each: dict[str, dict[str, tuple[str, ...]]] = {}  # edition → placeholder → values
        # the legacy statistics table (lg.…) is its edition's only table
        for ed in (("legacy",) if self.lhs.startswith("lg.") else ("2019", "2021")):
            tpl = template(ed)
            axes = {}
            for name, spec in each.items():
                if isinstance(spec, str):
                    if spec not in NAMED_SETS:
                        raise ParamError(("for_each", name), f"unknown key set {spec!r} "
                                         f"(known: {', '.join(NAMED_SETS)})")
                    axes[name] = tpl.keys(spec)
                elif isinstance(spec, list) and all(isinstance(x, str) for x in spec):
                    axes[name] = tuple(spec)
                else:
                    raise ParamError(("for_each", name), "must be a key set name or a list of strings")
            self.each[ed] = axes
        # every expanded key must exist in some edition: catches typos at load time
        known = all_cell_keys()
        for equations in (list(self.expand(ed)) for ed in self.each):
            for lhs, terms, when in equations:
                for key in [lhs, *[t for _, t in terms], *( [when] if when else [])]:
                    if not _is_number(key) and key not in known:
                        raise ParamError(("equation",), f"unknown cell key {key!r}")

    def expand(self, edition: str, terms_of=None):
        axes = self.each.get(edition) or {}
        own = self.terms if terms_of is None else terms_of
        starred = {n for _, t in [*self.terms, *(self.confirm or [])] for n in _STAR.findall(t)}
        names = [n for n in axes if n not in starred]
        for combo in itertools.product(*(axes[n] for n in names)) if names else [()]:
            subst = dict(zip(names, combo, strict=True))
            try:
                lhs = self.lhs.format(**subst)
                terms = []
                for sign, term in own:
                    stars = _STAR.findall(term)
                    if not stars:
                        terms.append((sign, term.format(**subst)))
                        continue
                    plain = _STAR.sub(lambda m: "{" + m.group(1) + "}", term)
                    for values in itertools.product(*(axes[s] for s in stars)):
                        terms.append((sign, plain.format(**subst, **dict(zip(stars, values, strict=True)))))
                when = self.values["when"].format(**subst) if self.values["when"] else ""
            except KeyError as err:
                raise ParamError(("equation",), f"placeholder {{{err.args[0]}}} has no for_each "
                                 "values") from None
            yield lhs, terms, when

    def equations(self, edition: str, confirm: bool = False) -> list:
        """The expanded equations of an edition, once per run: (lhs, [(sign, key,
        constant or None)], when); ``confirm``: those of the confirming equation,
        in the same order."""
        cache = self.__dict__.setdefault("_equations", {})
        if (edition, confirm) not in cache:
            cache[edition, confirm] = [
                (lhs, [(s, k, Decimal(k) if _is_number(k) else None) for s, k in terms], when)
                for lhs, terms, when in self.expand(edition, self.confirm if confirm else None)]
        return cache[edition, confirm]

    def _holds(self, data, terms, value) -> bool:
        """Whether ``value`` equals the sum of ``terms``, every cell read."""
        total = Decimal(0)
        for sign, key, const in terms:
            v = const if const is not None else data.value(key)
            if v is None:
                return False
            total += sign * v
        return value == total

    def printed(self, edition: str, index: int) -> tuple[dict[str, str], str]:
        """The labels of the cells of an edition's equation ``index`` and the equation
        as messages print it: made when it first fails, then kept for the run."""
        cache = self.__dict__.setdefault("_printed", {})
        if (edition, index) not in cache:
            tpl = template(edition)
            lhs, terms, _ = self.equations(edition)[index]
            labels = {k: tpl.label(k) for k in [lhs, *(k for _, k, const in terms if const is None)]}
            equation = f"{labels[lhs]} {self.op} " + " ".join(
                ("− " if s < 0 else ("+ " if i else "")) + (k if const is not None else labels[k])
                for i, (s, k, const) in enumerate(terms))
            cache[edition, index] = labels, equation
        return cache[edition, index]

    def check(self, report: Report, ctx):
        data = report.data
        if data is None:
            return
        table = self.lhs.split(".", 1)[0]
        edition = data.editions.get(table, report.edition)
        if edition not in self.each:
            return
        for index, (lhs, terms, when) in enumerate(self.equations(edition)):
            if when and not ((data.value(when) or 0) > 0):
                continue
            cell = data.cells.get(lhs)
            if cell is None or cell.value is None:
                continue
            total = Decimal(0)
            readable = True
            read = 0  # cells of the right side read (a constant alone needs none)
            for sign, key, const in terms:
                if const is not None:
                    total += sign * const
                    continue
                value = data.value(key)
                if value is None:
                    if self.values["unprinted"] == "zero" and not data.printed(key):
                        continue  # a row this table does not have
                    readable = False
                    break
                read += 1
                total += sign * value
            if not readable or (not read and any(const is None for _, _, const in terms)):
                continue
            if self.values["unprinted"] == "zero" and _unknown_among(data, lhs, terms):
                continue
            tol = self.tol * abs(cell.value) if self.relative else self.tol
            if _OPS[self.op](cell.value, total, tol):
                continue
            term_cells = [(k, data.cells[k]) for _, k, const in terms if const is None and k in data.cells]
            labels, equation = self.printed(edition, index)
            if edition == "legacy":  # local variants: the rows as the report words them
                labels = {k: _legacy_label(report, data, k, v) for k, v in labels.items()}
            # the two sides as the table prints them: the terms added on the right, and the
            # left cell with the terms subtracted (一 + 二 against 三 + 四)
            plus = [(k, const) for s, k, const in terms if s > 0]
            minus = [(k, const) for s, k, const in terms if s < 0]
            plus = [(k, const) for k, const in plus if const is not None or k in data.cells]
            minus = [(k, const) for k, const in minus if const is not None or k in data.cells]
            left_sum = sum((const if const is not None else data.value(k) for k, const in plus), Decimal(0))
            right_sum = cell.value + sum((const if const is not None else data.value(k) for k, const in minus),
                                         Decimal(0))
            args = {"cell": labels[lhs], "reported": _fmt(cell.value), "computed": _fmt(total),
                    "difference": _fmt(cell.value - total), "equation": equation,
                    "left": _side(plus, labels, data), "left_sum": _fmt(left_sum),
                    "right": _side([(lhs, None), *minus], labels, data), "right_sum": _fmt(right_sum),
                    "others": "、".join(labels[k] for k, _c in term_cells)}
            related = [(c.span, {"term": labels[k], "value": c.text}, "term") for k, c in term_cells]
            if self.confirm and term_cells and \
                    self._holds(data, self.equations(edition, True)[index][1], cell.value):
                # the left cell agrees with its other relation: it is not the cell to change
                first = term_cells[0][1]
                yield Hit(first.span, args, variant="confirmed",
                          related=[(cell.span, {"term": labels[lhs], "value": cell.text}, "term"),
                                   *related[1:]],
                          meta={"cells": {lhs: cell, **dict(term_cells)}, "labels": labels})
                continue
            yield Hit(
                cell.span, args, related=related,
                meta={"cells": {lhs: cell, **dict(term_cells)}, "labels": labels},
            )

    @classmethod
    def post_process(cls, hits, lang):
        return merge_crossings(hits, lang)


def _row_of(data, key: str):
    """The label span of a cell's row, when the report prints it."""
    return data.row_spans.get(key.removesuffix(".cumulative")) or data.row_spans.get(key.rsplit(".", 1)[0])


def _unknown_among(data, lhs: str, terms) -> bool:
    """A row the reader could not name printed among the rows of an equation (from
    its first row to the next printed row after its last): it may be one of the
    terms worded otherwise, so counting unprinted terms as none is no longer safe."""
    unknown = [i.span.start for i in data.issues if i.kind == "unknown_row"]
    if not unknown:
        return False
    mine = {lhs.removesuffix(".cumulative"), *(k.removesuffix(".cumulative") for _, k, c in terms if c is None)}
    starts = [s.start for s in (_row_of(data, k) for k in [lhs, *(k for _, k, c in terms if c is None)]) if s]
    if not starts:
        return False
    lo, hi = min(starts), max(starts)
    after = [s.start for k, s in data.row_spans.items() if s.start > hi and k not in mine]
    end = min(after) if after else float("inf")
    return any(lo <= u < end for u in unknown)


def _legacy_label(report: Report, data, key: str, label: str) -> str:
    """A legacy table cell's label as its row is printed (主动公开信息数（历年累计）)."""
    from gialint.tables.legacy import row_label

    row = key.removesuffix(".cumulative")
    span = data.row_spans.get(row)
    if span is None:
        return label
    text = row_label(report.original(span))
    return f"{text}（历年累计）" if key != row else text


def _side(keys, labels: dict, data) -> str:
    """``label value + label value`` of one side of an equation."""
    return " + ".join(k if const is not None else f"{labels[k]} {data.cells[k].text}" for k, const in keys)


_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _is_number(token: str) -> bool:
    return bool(_NUMBER.fullmatch(token))


def merge_crossings(pairs, lang: str = "zh"):
    """One wrong cell breaks a row and a column equation: report it once, at that cell.

    ``pairs`` are (rule, hit) of the ``table_sum`` rules in one file (this kind's
    ``post_process``); each hit carries the cells of its equation in ``hit.meta``.
    A cell shared by two or more failing equations (whose rules have a "crossing"
    message) becomes one hit at that cell naming the equations; the other hits are
    kept as they are.
    """
    arith = [(i, r, h) for i, (r, h) in enumerate(pairs)
             if h.meta.get("cells") and "crossing" in r.variants]
    if len(arith) < 2:
        return pairs
    by_cell: dict[str, list[int]] = {}
    for i, _r, h in arith:
        for key in h.meta["cells"]:
            by_cell.setdefault(key, []).append(i)
    consumed: set[int] = set()
    merged = []
    # a cell of one failing equation only can never be merged: left out before sorting
    shared = [(key, idxs) for key, idxs in by_cell.items() if len(idxs) > 1]
    for key, idxs in sorted(shared, key=lambda kv: -len(kv[1])):
        idxs = [i for i in idxs if i not in consumed]
        if len(idxs) < 2:
            continue
        rule, first = pairs[idxs[0]]
        cell = first.meta["cells"][key]
        label = first.meta["labels"][key]
        sep = "; " if lang == "en" else "；"
        equations = sep.join(pairs[i][0].message_for("default", lang).strip().format_map(pairs[i][1].args)
                             for i in idxs)
        related = [(pairs[i][1].meta["cells"][k].span,
                    {"term": pairs[i][1].meta["labels"][k], "value": pairs[i][1].meta["cells"][k].text},
                    "term")
                   for i in idxs for k in pairs[i][1].meta["cells"] if k != key]
        merged.append((rule, Hit(cell.span, {**first.args, "cell": label, "value": cell.text,
                                             "equations": equations},
                                 variant="crossing", related=related)))
        consumed.update(idxs)
    return [p for i, p in enumerate(pairs) if i not in consumed] + merged
