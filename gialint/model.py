"""The report model: what the rules check.  Plain data, and the regions
of the report that checks read (``Report.regions``).

Every ``Span`` is in offsets of ``Source.text`` (:data:`~gialint.offsets.TextOffset`),
not of the normalised text the parser read: for a text or Markdown file
that is the file's own text, for an HTML, Word or PDF file the reader's
rendering of it, which ``Source.location`` maps to the file (an HTML page's
source).  ``text``/``label`` fields hold the normalised (folded, simplified)
wording that rules compare against.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from gialint.datemention import DateMention
from gialint.lexer import token as kinds
from gialint.lexer.token import Tok
from gialint.normalize import NormText
from gialint.spans import Span
from gialint.tables.data import Tables

if TYPE_CHECKING:
    from gialint.source import Source


# -- regions ---------------------------------------------------------------
# Checks read the report by region, never by the lexer's token kinds: the
# mapping below is the one place where the two meet.  Each segment of the
# text is in exactly one basic region; the named regions are unions of them.
REGION_OF_KIND = {
    kinds.TITLE: "title",  # the report title
    kinds.META: "meta",  # web-page / crawler metadata before the body
    kinds.HEADING: "section_heading",  # 一、…
    kinds.SUBHEADING: "subheading",  # (一)…
    kinds.TEXT: "paragraph",  # running text
    kinds.ATTACHMENT: "attachment",  # the 附件 line that opens the attachments
    kinds.TABLE_LABEL: "table_label",  # a table's caption, header, row label or note
    kinds.CELL: "cell",  # a table value
    kinds.SIGNER: "signer",  # the signing organ
    kinds.DATE_LINE: "date",  # a line that is only a date: the signature's, or under the title
}
REGIONS = {
    "head": ("title", "meta"),
    "headings": ("section_heading", "subheading"),
    "paragraphs": ("paragraph", "attachment"),
    "tables": ("table_label", "cell"),
    "closing": ("signer", "date"),
    # running text: paragraphs, headings and the organ (no table text, no bare dates)
    "prose": ("paragraph", "attachment", "section_heading", "subheading", "signer"),
    # the report without title, metadata and table values
    "body": ("section_heading", "subheading", "paragraph", "attachment", "table_label", "signer", "date"),
    # title and body (no web-page metadata, no table values)
    "document": ("title", "section_heading", "subheading", "paragraph", "attachment", "table_label",
                 "signer", "date"),
}


@lru_cache(maxsize=64)
def region_kinds(names: tuple[str, ...]) -> frozenset[str]:
    """The lexer kinds that make up the named regions (basic or named)."""
    basic = set()
    for name in names:
        if name in REGIONS:
            basic.update(REGIONS[name])
        elif name in REGION_OF_KIND.values():
            basic.add(name)
        else:
            raise KeyError(f"unknown region {name!r}")
    return frozenset(k for k, r in REGION_OF_KIND.items() if r in basic)


def region_of(tok: Tok | None) -> str | None:
    """The basic region a segment is in (None for no segment)."""
    return REGION_OF_KIND[tok.type] if tok is not None else None


def in_region(region: str | None, name: str) -> bool:
    """Whether basic region ``region`` is part of region ``name``."""
    return region == name or region in REGIONS.get(name, ())


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
    mark: str = ""  # the number as written (一、, 一., 一 ); level 1 only
    mark_span: Span | None = None  # where ``mark`` is, trailing spaces left out


@dataclass(slots=True)
class Block:
    kind: str  # paragraph, table, signature, attachment (the 附件 line), meta, title
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
class Unplaced:
    """A segment the grammar could not place where it stands (GIA002), with the
    token kinds the parser expected there."""

    span: Span
    expected: str  # comma-separated token kinds


@dataclass(slots=True)
class Report:
    source: Source
    norm: NormText
    tokens: list[Tok]
    title: Title | None = None
    meta: list[Block] = field(default_factory=list)
    preamble: list[Block] = field(default_factory=list)  # before the first heading (and the date under the title)
    sections: list[Section] = field(default_factory=list)
    closing: list[Block] = field(default_factory=list)  # the signature after the last section, and what follows it
    attachments: list[Block] = field(default_factory=list)  # from the first 附件 line to the end
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
    unplaced: list[Unplaced] = field(default_factory=list)
    tree: object | None = None  # the Lark tree, for ``gialint parse``
    data: Tables | None = None  # the statistics tables read into template cells
    dates: list[DateMention] = field(default_factory=list)  # every date mention (gialint.dates)

    def span_of(self, tok: Tok) -> Span:
        return Span(*self.norm.span_to_orig(tok.start, tok.end))

    def original(self, span: Span) -> str:
        """The text of ``span`` as printed (not normalised), runs of spaces as one, for messages."""
        return " ".join(self.source.text[span.start:span.end].split())

    def regions(self, *names: str) -> Iterator[Tok]:
        """The segments of the named regions, in text order: ``regions("body")``,
        ``regions("headings")``, ``regions("paragraphs", "closing")`` …
        (``tok.start``/``tok.end``: normalised offsets; ``span_of`` maps them)."""
        wanted = region_kinds(names)
        return (tok for tok in self.tokens if tok.type in wanted)

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
