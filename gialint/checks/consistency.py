"""``text_vs_table``: what the narrative says against what the tables say.

A rule gives regular expressions that find a statement in the paragraphs
and an expression over cell keys (``t4.suit_direct.total + t4.suit_after_review.total``,
or a pattern ``t3.denied.*.total`` for every key it matches).
With a named group ``n`` the number in the text (digits, ``1,226`` or words:
``一百二十``) must equal the expression; without it, the statement claims
"none" and the expression must be 0.  The cells are the finding's related
places.  An approximate figure (``约``/``近``/``余``/``多``) is no claim.
"""

from __future__ import annotations

import re
from decimal import Decimal
from fnmatch import fnmatchcase

from gialint.checks.arithmetic import _fmt
from gialint.checks.base import Check, Hit, Param, ParamError, register
from gialint.chinese import SENTENCE_END, cn_integer
from gialint.model import Report, Span
from gialint.tables.template import all_cell_keys

_SENTENCE_END = re.compile(f"[{SENTENCE_END}\n]")
# an estimate: 约5件, 近20件, 逾百件, 超过10件 before the number; 20余件, 20多件 after it
_APPROXIMATE = r"约|近|逾|超过|余|多|左右|以上"


@register
class TextVsTable(Check):
    kind = "text_vs_table"
    params = {
        "patterns": Param("list[regex]", required=True,
                          doc="statements to find; a group named n holds the number"),
        "expr": Param("str", required=True,
                      doc="cell keys joined by +; alternatives separated by | (any may match)"),
        "unless": Param("list[regex]", default=[],
                        doc="skip a statement whose sentence matches one of these"),
        "require": Param("list[regex]", default=[],
                         doc="check a statement only when its sentence matches all of these"),
        "cells": Param("str", default="",
                       doc="how the message names the cells (default: their labels joined by +)"),
        "approximate": Param("regex", default=_APPROXIMATE,
                             doc="words around the number that make it an estimate, not a claim "
                             "(searched in the few characters before and after it)"),
    }
    message_args = ("match", "number", "cells", "value", "cell", "cell_value")
    variants = ("default", "cell")

    def setup(self) -> None:
        known = all_cell_keys()
        self.alternatives = []
        for alt in self.values["expr"].split("|"):
            keys = []
            for key in (k.strip() for k in alt.split("+")):
                found = sorted(k for k in known if fnmatchcase(k, key)) if "*" in key else \
                    ([key] if key in known else [])
                if not found:
                    raise ParamError(("expr",), f"unknown cell key {key!r}")
                keys.extend(k for k in found if k not in keys)
            self.alternatives.append(keys)

    def check(self, report: Report, ctx):
        data = report.data
        if data is None or not data.cells:
            return
        sums = []
        for keys in self.alternatives:
            values = [data.value(k) for k in keys]
            if any(v is None for v in values):
                return  # not read with certainty: no claim
            sums.append(sum(values, Decimal(0)))
        value = sums[0]
        tpl = data.template(self.alternatives[0][0])
        cells = self.values["cells"] or " + ".join(tpl.label(k) for k in self.alternatives[0])
        related = [(data.cells[k].span, {"cell": tpl.label(k), "cell_value": data.cells[k].text}, "cell")
                   for k in self.alternatives[0] if k in data.cells]
        approximate = self.values["approximate"]
        norm = report.norm
        text = norm.text
        for tok in report.regions("paragraphs"):
            for pattern in self.values["patterns"]:
                for m in pattern.finditer(text, tok.start, tok.end):
                    sentence = _sentence(text, m.start(), m.end(), tok.start, tok.end)
                    if any(u.search(sentence) for u in self.values["unless"]):
                        continue
                    if not all(r.search(sentence) for r in self.values["require"]):
                        continue
                    if "n" in pattern.groupindex and m.group("n") is not None:
                        number = _number(m.group("n"))
                        if number is None or number in sums:
                            continue
                        a, b = m.span("n")
                        if approximate.search(text, max(tok.start, a - 2), a) or \
                                approximate.match(text, b, min(tok.end, b + 3)):
                            continue  # 约5件, 20余件: an estimate
                    else:
                        number = None
                        if value == 0:
                            continue
                    span = Span(*norm.span_to_orig(m.start(), m.end()))
                    yield Hit(span, {"match": m.group(),
                                     "number": _fmt(number) if number is not None else "",
                                     "cells": cells, "value": _fmt(value)}, related=related)


def _number(s: str) -> Decimal | None:
    """A count as the text writes it: 12, 1,226, 一百二十."""
    digits = s.replace(",", "").replace("，", "")
    if digits.isdigit():
        return Decimal(digits)
    n = cn_integer(s)
    return Decimal(n) if n is not None else None


def _sentence(text: str, start: int, end: int, lo: int, hi: int) -> str:
    a = start
    while a > lo and not _SENTENCE_END.match(text[a - 1]):
        a -= 1
    m = _SENTENCE_END.search(text, end, hi)
    return text[a:(m.end() if m else hi)]
