"""Normalised text → coarse tokens for the Lark grammar.

The grammar never sees characters, only segments of lines classified here
(the kinds are in :mod:`gialint.lexer.token`):

    TITLE  META  HEADING  SUBHEADING  TEXT  TABLE_LABEL  CELL  SIGNER  DATE_LINE  ATTACHMENT

The parts, each with its named decisions:

* :mod:`~gialint.lexer.lines` — the line classifier: one paragraph, heading
  or table cell per line (most reports); the title block; the signature and
  the 附件 line, and where they may stand; markdown, suppression comments and
  page footers left out;
* :mod:`~gialint.lexer.headings` — 一、 and (一): heading or 表三 row label,
  and where a heading glued to its paragraph ends;
* :mod:`~gialint.lexer.rows` — the table-row splitter: pipe rows, values,
  a label with its values on one line;
* :mod:`~gialint.lexer.oneline` — the one-line scanner for crawler copies
  that put a whole article on one line;
* :mod:`~gialint.lexer.state` — what they share while reading one text.

Table labels win over headings: rows of 表三 such as ``一、本年新收…`` and
``四、结转下年度继续办理`` look like section headings but are in the table
vocabulary (``national_format.table_labels``).
"""

from __future__ import annotations

from gialint.lexer import lines
from gialint.lexer.state import LexState
from gialint.lexer.token import KINDS, Tok

__all__ = ["KINDS", "Tok", "lex"]


def lex(text: str) -> list[Tok]:
    """Tokens of a normalised report text, in order."""
    return lines.read_lines(LexState(text))
