"""What each report carries to the comparisons between reports (gialint.history):
its organ, year and edition, the table cells those compare, a digest of each
table's figures, the sentences that name a year, its inline suppressions, and
each section's prose as fingerprints (gialint.copied).  Small and picklable:
results come back from worker processes and cluster nodes, and the comparisons
never read a file again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gialint import copied
from gialint.findings import Location, Place
from gialint.normalize import compact
from gialint.spans import Span


@dataclass(slots=True)
class YearFacts:
    organ: str | None  # as the title names it
    year: int | None
    edition: str | None
    anchor: Place  # the title (or the file's start): where report-level findings go
    values: dict[str, str] = field(default_factory=dict)  # cell key → value (the keys compared)
    # per table (t2, t3, t4, lg): a digest of its year's figures and how many of them
    # are flows (not stocks) other than zero — a table copied whole, without its cells
    figures: dict[str, tuple[str, int]] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)  # cell key → place (the keys compared)
    tables: dict[str, Place] = field(default_factory=dict)  # t2/t3/t4 → the table's first cell
    # sentences that name the year before (Y−1年): digest → place (candidates for GIA759)
    last_year: dict[str, Place] = field(default_factory=dict)
    # sentences that name the report's own year (Y年): digest → place, text not kept
    own_year: dict[str, Place] = field(default_factory=dict)
    # the file's inline suppressions that disable named rules: (selectors, first line,
    # last line, the comment) — applied to the cross-year findings as to any other
    directives: tuple = ()
    # each section's prose as runs of characters (gialint.copied: copied text)
    sections: dict = field(default_factory=dict)
    # the legacy table's row labels as printed (lg.<row> → 主动公开信息数), for messages
    labels: dict[str, str] = field(default_factory=dict)


T3_COLUMNS = ("natural_person", "commercial_enterprise", "research_institution",
              "social_welfare_org", "legal_service_org", "other_org", "total")
T2_STOCK_ROWS = ("regulations", "normative_docs")
T2_2019_ITEMS = (("art20_5", "admin_permit"), ("art20_5", "other_admin_services"),
                 ("art20_6", "admin_penalty"), ("art20_6", "admin_coercion"),
                 ("art20_8", "admin_fee"))
_PLACED = frozenset(
    [f"t3.carried_over.{c}" for c in T3_COLUMNS] + [f"t3.carry_forward.{c}" for c in T3_COLUMNS]
    + [f"t2.art20_1.{r}.{c}" for r in T2_STOCK_ROWS for c in ("in_force", "issued", "repealed")]
    + [f"t2.{s}.{r}.{c}" for s, r in T2_2019_ITEMS for c in ("prev_count", "change")])


MAX_LINE = 2000  # a longer line (a web page on one line) is not kept: no excerpt


def facts_of(report, source, *, prints: bool = True) -> YearFacts:
    """What the cross-year stage needs of one analysed report (``prints``: each
    section's fingerprints too — only when a copied-text rule is enabled)."""
    lines: dict[int, str] = {}  # one string a line: the places of its sentences share it

    def place(span) -> Place:
        loc = source.location(span.start, span.end)
        line = lines.get(loc.line)
        if line is None:
            line = source.line_text(loc.line)
            line = lines[loc.line] = line if len(line) <= MAX_LINE else ""
        return Place(loc, line)

    title = report.title
    if title is not None:
        anchor = place(title.span)
    else:
        line = source.line_text(1)
        anchor = Place(Location(0, 0, 1, 1, 1, 1), line if len(line) <= MAX_LINE else "")
    facts = YearFacts(organ=report.organ or (title.organ if title else None), year=report.report_year,
                      edition=report.edition, anchor=anchor)
    if report.report_year:
        _sentences(report, source, facts, place)
    facts.directives = _directives(source)
    if prints:
        facts.sections = copied.section_prints(report, source, lambda start, end: place(Span(start, end)))
    data = report.data
    if data is None:
        return facts
    by_table: dict[str, list[tuple[str, str]]] = {}
    for key, cell in data.cells.items():
        if cell.value is None:
            continue
        value = number(cell.value)
        table = key.split(".", 1)[0]
        if not key.endswith(".cumulative"):  # 历年累计 grows whatever is copied
            by_table.setdefault(table, []).append((key, value))
        if key in _PLACED or key.startswith("lg."):  # the legacy table: 历年累计 and this year
            facts.values[key] = value
            facts.places[key] = place(cell.span)
        first = facts.tables.get(table)
        if first is None or cell.span.start < first[0]:
            facts.tables[table] = (cell.span.start, cell.span)
    facts.tables = {t: place(span) for t, (_, span) in facts.tables.items()}
    facts.figures = {t: _figures(items) for t, items in by_table.items()}
    if "lg" in data.found:
        from gialint.tables.legacy import row_label

        facts.labels = {k: row_label(report.original(span)) for k, span in data.row_spans.items()
                        if k.startswith("lg.")}
    return facts


def _figures(items: list[tuple[str, str]]) -> tuple[str, int]:
    """A table's year's figures as a digest, and how many are flows other than zero
    (stocks — 现行有效 — may stay the same from one year to the next)."""
    import hashlib

    digest = hashlib.blake2b("\n".join(f"{k}={v}" for k, v in sorted(items)).encode("utf-8"),
                             digest_size=16).hexdigest()
    return digest, sum(1 for k, v in items if not k.endswith(".in_force") and decimal(v) != 0)


def _directives(source) -> tuple:
    """The ``gialint-disable`` comments of the file and the lines they cover."""
    text = source.display_text
    if "gialint-" not in text:
        return ()
    from gialint import suppress
    from gialint.source import Source

    shown = source if text is source.text else Source(source.path, text, source.encoding)
    found = suppress.parse(shown.text, lambda off: shown.position(off)[0])
    active = suppress.scope(found, shown.text.split("\n"))
    return tuple((d.rules, d.first, d.last, text[d.start:d.end]) for d in active if d.rules)


MIN_SENTENCE = 12  # characters (spaces left out): shorter sentences repeat by nature
MAX_SENTENCES = 200  # per report and kind: a bound on what a result carries
_SENTENCE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]?")


def _sentences(report, source, facts: YearFacts, place) -> None:
    """The body's sentences that name the year before, and those that name the report's
    own year (by digest: the text itself is not carried)."""
    import hashlib

    year = report.report_year
    mine, before = f"{year}年", f"{year - 1}年"
    blocks = [b for b in report.preamble if b.kind == "paragraph"]
    for sec in report.sections:
        blocks.extend(b for b in sec.all_blocks() if b.kind == "paragraph")
    text = source.text
    for block in blocks:
        chunk = text[block.span.start:block.span.end]
        for m in _SENTENCE.finditer(chunk):
            sentence = compact(m.group())
            if len(sentence) < MIN_SENTENCE:
                continue
            has_mine, has_before = mine in sentence, before in sentence
            if not (has_mine or has_before):
                continue
            digest = hashlib.blake2b(sentence.encode("utf-8"), digest_size=8).hexdigest()
            start = block.span.start + m.start()
            end = block.span.start + m.start() + len(m.group().rstrip())
            if has_before and not has_mine and len(facts.last_year) < MAX_SENTENCES:
                facts.last_year.setdefault(digest, place(Span(start, end)))
            if has_mine and len(facts.own_year) < MAX_SENTENCES and digest not in facts.own_year:
                loc = source.location(start, end)
                facts.own_year[digest] = Place(loc, "")


def number(value) -> str:
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def decimal(text: str):
    from decimal import Decimal

    return Decimal(text)
