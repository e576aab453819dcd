"""The report model: what the rules check.  Plain data, no behaviour.

Every ``Span`` is in offsets of ``Source.text`` (:data:`~gialint.offsets.TextOffset`),
not of the normalised text the parser read: for a text or Markdown file
that is the file's own text, for an HTML, Word or PDF file the reader's
rendering of it, which ``Source.location`` maps to the file (an HTML page's
source).  ``text``/``label`` fields hold the normalised (folded, simplified)
wording that rules compare against.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from gialint.lexer import Tok
from gialint.normalize import NormText

if TYPE_CHECKING:
    from gialint.dates import DateMention
    from gialint.source import Source
    from gialint.tables.read import Tables


@dataclass(frozen=True, slots=True)
class Span:
    """``Source.text[start:end]``: :data:`~gialint.offsets.TextOffset` values."""

    start: int
    end: int


@dataclass(slots=True)
class Heading:
    text: str  # the whole heading, normalised: 一、总体情况
    label: str  # the words after the number: 总体情况
    numeral: str | None  # 一
    number: int | None  # 1
    span: Span
    level: int  # 1 = section (一、), 2 = sub-section ((一))
    inline: bool = False  # found inside a longer line
    std_key: str | None = None  # s1 … s6 when it is a section of the national format
    std_exact: bool = False  # its wording is exactly the national one


@dataclass(slots=True)
class Block:
    kind: str  # paragraph, table, signature, meta
    span: Span
    text: str  # normalised text (a table: its labels and cells joined by spaces)
    tokens: list[Tok] = field(default_factory=list)


@dataclass(slots=True)
class Section:
    heading: Heading
    blocks: list[Block] = field(default_factory=list)
    subsections: list[Section] = field(default_factory=list)
    span: Span | None = None  # from the heading to the end of its content

    def all_blocks(self):
        yield from self.blocks
        for sub in self.subsections:
            yield from sub.blocks

    @property
    def is_empty(self) -> bool:
        return not self.blocks and all(not s.blocks for s in self.subsections)


@dataclass(slots=True)
class Title:
    text: str  # normalised, wrapped lines joined
    span: Span
    organ: str | None
    year: int | None
    from_meta: bool = False  # taken from a crawler/web-page 标题: line


@dataclass(slots=True)
class Signature:
    signer: str | None
    signer_span: Span | None
    date_text: str
    date_span: Span


@dataclass(slots=True)
class Problem:
    """Something the parser could not place (reported by GIA0xx rules)."""

    span: Span
    message: str


@dataclass(slots=True)
class Report:
    source: Source
    norm: NormText
    tokens: list[Tok]
    title: Title | None = None
    meta: list[Block] = field(default_factory=list)
    preamble: list[Block] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    signatures: list[Signature] = field(default_factory=list)
    tables: list[Block] = field(default_factory=list)
    report_year: int | None = None
    year_source: str | None = None  # title, period, meta, body
    edition: str | None = None  # legacy, 2019, 2021
    edition_source: str | None = None  # option, layout, year, config, default
    layout_edition: str | None = None  # what the tables say
    layout_evidence: dict[str, list[Tok]] = field(default_factory=dict)
    organ: str | None = None
    organ_type: str | None = None  # department, government, other
    problems: list[Problem] = field(default_factory=list)
    tree: object | None = None  # the Lark tree, for ``gialint parse``
    data: Tables | None = None  # the statistics tables read into template cells
    dates: list[DateMention] = field(default_factory=list)  # every date mention (gialint.dates)

    def span_of(self, tok: Tok) -> Span:
        return Span(*self.norm.span_to_orig(tok.start, tok.end))

    def headings(self, level: int | None = None):
        for sec in self.sections:
            if level in (None, 1):
                yield sec.heading
            if level in (None, 2):
                for sub in sec.subsections:
                    yield sub.heading

    def section(self, std_key: str) -> Section | None:
        for sec in self.sections:
            if sec.heading.std_key == std_key:
                return sec
        return None
