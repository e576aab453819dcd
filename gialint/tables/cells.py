"""One table cell: its text → a Decimal value, or why it has none."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from gialint.spans import Span

_NUMBER = re.compile(r"^([+-]?)(\d[\d,]*(?:\.\d+)?)\s*(万元|元|件|条|个|人次|人|次|%)?$")
_MISSING = {"", "/", "-", "—", "——", "--", "－", "／"}


@dataclass(slots=True)
class Cell:
    key: str  # template key, e.g. t3.new_received.natural_person
    text: str  # the cell as printed (normalised)
    span: Span  # where it is in the original file
    value: Decimal | None  # None: blank, "/" or not a number
    status: str = "ok"  # ok, recovered (split from glued digits), blank, missing, nonnumeric
    unit: str | None = None
    signed: bool = False  # printed with + or -


def is_missing(text: str) -> bool:
    """A cell with no value: blank, or a dash or slash for none."""
    return text.strip() in _MISSING


def parse_cell(key: str, text: str, span: Span, status: str = "ok") -> Cell:
    t = text.strip()
    if t.isascii() and t.isdigit():  # the usual cell: a plain count
        return Cell(key, t, span, Decimal(t), status, None, False)
    if t in _MISSING:
        return Cell(key, t, span, None, "blank" if not t else "missing")
    m = _NUMBER.match(t)
    if not m:
        return Cell(key, t, span, None, "nonnumeric")
    sign, digits, unit = m.groups()
    try:
        value = Decimal(digits.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the regex admits only numbers
        return Cell(key, t, span, None, "nonnumeric")
    if sign == "-":
        value = -value
    return Cell(key, t, span, value, status, unit, bool(sign))
