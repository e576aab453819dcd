"""Check kinds about the outline of a 2019/2021-format report.

Sections are identified by ``build`` (``Heading.std_key``): the exact
national wording anywhere, or a close wording under the expected number.
"""

from __future__ import annotations

from gialint import vocab
from gialint.checks.base import Check, Hit, Param, register
from gialint.model import Report, Span

_STD_KEYS = ("s1", "s2", "s3", "s4", "s5", "s6")


def _std():
    return {s["key"]: s for s in vocab.standard_sections()}


def _section_args(key: str) -> dict:
    s = _std()[key]
    return {"key": key, "numeral": s["number"], "heading": s["heading"], "label": s["label"]}


def _evidence(report: Report, key: str, pattern, lo: int, hi: int) -> Span | None:
    """A sub-heading or paragraph start between ``lo`` and ``hi`` that shows the
    section's content is there although its heading is not."""
    for sec in report.sections:
        for sub in sec.subsections:
            h = sub.heading
            if lo <= h.span.start < hi and pattern.search(h.label):
                return h.span
        for blk in sec.blocks:
            if blk.kind == "paragraph" and lo <= blk.span.start < hi and pattern.search(blk.text[:30]):
                return Span(blk.span.start, min(blk.span.end, blk.span.start + 30))
    return None


@register
class RequiredSections(Check):
    """Every section the format requires has its numbered heading."""

    kind = "required_sections"
    params = {
        "sections": Param("list[str]", default=list(_STD_KEYS), choices=_STD_KEYS,
                          doc="the sections required (s1 … s6)"),
        "evidence": Param("map[regex]", default={}, choices=_STD_KEYS,
                          doc="section key → regex; content that shows the section is there "
                          "without its heading"),
        "when": Param("str", default="absent", choices=("absent", "unheaded"),
                      doc="absent: no heading and no content; unheaded: content without heading"),
    }
    message_args = ("key", "numeral", "heading", "label", "found")
    variants = ("default", "found")

    def setup(self) -> None:
        self.evidence = self.p["evidence"] or {}

    def check(self, report: Report, ctx):
        present = {s.heading.std_key: s for s in report.sections if s.heading.std_key}
        if not report.sections:
            return  # nothing recognised at all: GIA002 reports that instead
        end = len(report.source.text)
        for key in self.p["sections"]:
            if key in present:
                continue
            idx = _STD_KEYS.index(key)
            before = [present[k] for k in _STD_KEYS[:idx] if k in present]
            after = [present[k] for k in _STD_KEYS[idx + 1:] if k in present]
            lo = before[-1].heading.span.end if before else 0
            hi = after[0].heading.span.start if after else end
            pattern = self.evidence.get(key)
            found = _evidence(report, key, pattern, lo, hi) if pattern else None
            if self.p["when"] == "unheaded":
                if found:
                    yield Hit(found, _section_args(key))
                continue
            if found:
                continue
            # a heading with the section's number but other words sits in its place
            std_number = idx + 1
            slot = next((s for s in report.sections if s.heading.number == std_number
                         and not s.heading.std_key and lo <= s.heading.span.start <= hi), None)
            if slot:
                yield Hit(slot.heading.span, {**_section_args(key), "found": slot.heading.text},
                          variant="found")
            else:
                at = after[0].heading.span if after else Span(max(0, end - 1), end)
                yield Hit(Span(at.start, at.start if after else end), _section_args(key))


@register
class SectionOrder(Check):
    """The national sections appear in their order 一 … 六."""

    kind = "section_order"
    message_args = ("key", "numeral", "heading", "label", "previous")

    def check(self, report: Report, ctx):
        seen_max = -1
        prev_heading = None
        for sec in report.sections:
            key = sec.heading.std_key
            if not key:
                continue
            idx = _STD_KEYS.index(key)
            if idx < seen_max:
                yield Hit(sec.heading.span, {**_section_args(key), "previous": prev_heading})
            else:
                seen_max = idx
                prev_heading = sec.heading.text


@register
class DuplicateSection(Check):
    kind = "duplicate_section"
    message_args = ("key", "numeral", "heading", "label", "line")

    def check(self, report: Report, ctx):
        first: dict[str, Span] = {}
        for sec in report.sections:
            key = sec.heading.std_key
            if not key:
                continue
            if key in first:
                line, _ = report.source.position(first[key].start)
                yield Hit(sec.heading.span, {**_section_args(key), "line": line},
                          related=[(first[key], {"line": line})])
            else:
                first[key] = sec.heading.span


@register
class RenamedSection(Check):
    """A section recognised by number and meaning whose wording is not the national one."""

    kind = "renamed_section"
    message_args = ("key", "numeral", "heading", "label", "found")

    def check(self, report: Report, ctx):
        for sec in report.sections:
            h = sec.heading
            if h.std_key and not h.std_exact:
                yield Hit(h.span, {**_section_args(h.std_key), "found": h.text})


@register
class SectionNumbering(Check):
    """A national section under another number, or top-level numbers that skip or repeat."""

    kind = "section_numbering"
    message_args = ("found", "expected", "heading")
    variants = ("default", "sequence")

    def check(self, report: Report, ctx):
        std = _std()
        expected_next = 1
        for sec in report.sections:
            h = sec.heading
            if h.number is None:
                continue
            if h.std_key:
                want = std[h.std_key]["number"]
                if h.numeral != want:
                    yield Hit(h.span, {"found": h.text, "expected": want + "、" + std[h.std_key]["label"],
                                       "heading": h.text})
            elif h.number != expected_next:
                yield Hit(h.span, {"found": h.text, "expected": vocab.NUMERALS[expected_next - 1]
                                   if 0 < expected_next <= 10 else str(expected_next),
                                   "heading": h.text}, variant="sequence")
            expected_next = h.number + 1


@register
class UnknownSection(Check):
    """A top-level heading that is none of the six sections of the format."""

    kind = "unknown_section"
    message_args = ("found",)

    def check(self, report: Report, ctx):
        present = {s.heading.std_key for s in report.sections}
        for sec in report.sections:
            h = sec.heading
            if h.std_key:
                continue
            if h.number and h.number <= 6 and _STD_KEYS[h.number - 1] not in present:
                continue  # it stands in place of a missing section: GIA101 says so
            yield Hit(h.span, {"found": h.text})
