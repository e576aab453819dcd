"""One row per finding, for a spreadsheet (``--format csv``): the columns of the
xlsx format's 问题清单 sheet, Chinese headers, UTF-8 with a byte order mark so
that Excel and WPS open it as UTF-8, CRLF line ends (RFC 4180)."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from gialint.formats.xlsx import FINDING_HEADERS, finding_rows

if TYPE_CHECKING:
    from gialint.findings import FileResult
    from gialint.rule import Rule


# a cell starting with one of these is a formula to Excel and WPS (CSV injection):
# a quote before it keeps it text, as OWASP recommends
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _inert(value) -> str:
    if value is None:
        return ""
    text = str(value)
    return "'" + text if isinstance(value, str) and text.startswith(_FORMULA_START) else text


def render_csv(results: list[FileResult], rules: list[Rule]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(FINDING_HEADERS)
    for row in finding_rows(results, rules):
        writer.writerow([_inert(v) for v in row])
    return "\ufeff" + buf.getvalue()
