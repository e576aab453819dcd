"""The lexer's token: a classified segment of the normalised text."""

from __future__ import annotations

from dataclasses import dataclass

from gialint.national_format import LabelInfo

# The token kinds, in the grammar's words (grammars/report.lark declares them):
TITLE = "TITLE"  # the report title (one line, or two when it is wrapped)
META = "META"  # web-page / crawler metadata before the body (标题: 发布时间: …)
HEADING = "HEADING"  # 一、总体情况: a numbered top-level heading
SUBHEADING = "SUBHEADING"  # (一)主动公开: a numbered sub-heading
TEXT = "TEXT"  # a paragraph, or the part of a line that is running text
TABLE_LABEL = "TABLE_LABEL"  # a table caption, header, row label or a wrapped piece of one
CELL = "CELL"  # a table value (number, signed number, amount, - or /)
SIGNER = "SIGNER"  # the signing organ, right above the signature date
DATE_LINE = "DATE_LINE"  # a line that holds only a date (落款, or the date under a title)
ATTACHMENT = "ATTACHMENT"  # 附件: the line that opens the attachments at the end

KINDS = (TITLE, META, HEADING, SUBHEADING, TEXT, TABLE_LABEL, CELL, SIGNER, DATE_LINE, ATTACHMENT)


@dataclass(slots=True)
class Tok:
    type: str  # one of KINDS
    start: int  # offsets in the normalised text, end exclusive
    end: int
    text: str
    line: int  # 0-based line index (same in original and normalised text)
    numeral: str | None = None  # 一 for 一、 and (一)
    number: int | None = None
    label: str = ""  # heading text after the numeral, or the table label key
    info: LabelInfo | None = None  # template label, for TABLE_LABEL
    inline: bool = False  # found inside a longer line
    row: int | None = None  # pipe-table row id, for TABLE_LABEL and CELL
    md_level: int = 0  # markdown heading level (#, ##, …) when written as one
    mark: str = ""  # a heading's number as written: 一、, 一., 一 (HEADING only)
