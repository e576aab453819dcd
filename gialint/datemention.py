"""A date mentioned in a report (plain data; :mod:`gialint.dates` finds them)."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from gialint.spans import Span

# what a date is for (the module docstring of gialint.dates describes each)
ROLES = ("title", "period", "signature", "publication", "attachment", "table_heading", "meta", "body")


@dataclass(slots=True)
class DateMention:
    year: int | None
    month: int | None
    day: int | None
    span: Span  # original offsets
    text: str  # normalised text of the mention
    start: int  # normalised offsets
    end: int
    exists: bool  # a real calendar date (no 2月30日, 13月)
    role: str = "body"
    form: str = "arabic"  # arabic (2024年1月1日), numeric (2024-01-28), chinese (二〇二一年二月六日)
    time: str | None = None  # 10:59 of a web timestamp
    suffix: str = ""  # 度 (2024年度), 份 (2月份), 底/末/初 (2024年底, 11月底)
    inherited: bool = False  # the year comes from the other end of the range
    partner: int | None = None  # index (in the list) of the other end of a range
    range_end: bool = False  # this is the end of a range
    quoted: bool = False  # inside 《…》: part of a document's name
    original: str = ""  # the original text of the span (traditional characters, full-width forms)
    region: str | None = None  # the basic region it is in (gialint.model): paragraph, title, meta, cell, …

    @property
    def precision(self) -> str:
        """day, month or year (or none: a month-day without any year)."""
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    @property
    def display(self) -> str:
        """The original text, without line breaks (for messages)."""
        return re.sub(r"\s*\n\s*", "", self.original or self.text).strip()

    def first_day(self, default_year: int | None = None) -> date | None:
        """The earliest day the mention can mean (None: no year, or no date)."""
        year = self.year if self.year is not None else default_year
        if year is None or not self.exists:
            return None
        if self.month is None:
            return date(year, 12, 1) if self.suffix in ("底", "末") else date(year, 1, 1)
        if self.day is None:
            if self.suffix in ("底", "末"):
                return date(year, self.month, calendar.monthrange(year, self.month)[1])
            return date(year, self.month, 1)
        return date(year, self.month, self.day)

    def last_day(self, default_year: int | None = None) -> date | None:
        """The latest day the mention can mean (None: no year, or no date)."""
        year = self.year if self.year is not None else default_year
        if year is None or not self.exists:
            return None
        if self.month is None:
            return date(year, 1, 31) if self.suffix == "初" else date(year, 12, 31)
        if self.day is None:
            if self.suffix == "初":
                return date(year, self.month, 10)
            return date(year, self.month, calendar.monthrange(year, self.month)[1])
        return date(year, self.month, self.day)
