"""Check kinds about the outline of a 2019/2021-format report.

Sections are identified by ``build`` (``Heading.std_key``): the exact
national wording anywhere, or a close wording under the expected number.
"""

from __future__ import annotations

from gialint import national_format
from gialint.checks.base import Check, Edit, Hit, Param, register
from gialint.chinese import SENTENCE_END
from gialint.model import Report, Span
from gialint.normalize import compact

_STD_KEYS = ("s1", "s2", "s3", "s4", "s5", "s6")
_SENTENCE_MARKS = SENTENCE_END + "，,"
# Content that shows a section is there although its heading is not
# (sub-headings or paragraph openings); rules may override it.
DEFAULT_EVIDENCE = {
    "s1": "总体情况",
    "s2": "主动公开",
    "s3": "依申请|收到.*申请",
    "s4": "复议|诉讼",
    "s5": "问题|改进",
    "s6": "其他需要报告|其他事项|信息处理费|收费",
}
_EVIDENCE_PARAM = Param("map[regex]", default=DEFAULT_EVIDENCE, choices=_STD_KEYS,
                        doc="section key → regex; content that shows the section is there "
                        "without its heading")


def missing_sections(report: Report, evidence: dict):
    """For each national section without a heading: (key, evidence span or None,
    the heading that stands in its place or None, where it should be)."""
    present = {s.heading.std_key: s for s in report.sections if s.heading.std_key}
    end = len(report.source.text.rstrip())
    for idx, key in enumerate(_STD_KEYS):
        if key in present:
            continue
        before = [present[k] for k in _STD_KEYS[:idx] if k in present]
        after = [present[k] for k in _STD_KEYS[idx + 1:] if k in present]
        lo = before[-1].heading.span.end if before else 0
        hi = after[0].heading.span.start if after else end
        pattern = evidence.get(key)
        found = _evidence(report, key, pattern, lo, hi) if pattern else None
        slot = next((s.heading for s in report.sections if s.heading.number == idx + 1
                     and not s.heading.std_key and lo <= s.heading.span.start <= hi), None)
        at = Span(hi, hi)
        yield key, found, slot, at


def _std():
    return {s["key"]: s for s in national_format.standard_sections()}


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
        "evidence": _EVIDENCE_PARAM,
        "when": Param("str", default="absent", choices=("absent", "unheaded"),
                      doc="absent: no heading and no content; unheaded: content without heading"),
    }
    message_args = ("key", "numeral", "heading", "label", "found")
    variants = ("default", "found")

    def check(self, report: Report, ctx):
        if not report.sections:
            return  # nothing recognised at all: GIA002 reports that instead
        wanted = set(self.values["sections"])
        for key, found, slot, at in missing_sections(report, self.values["evidence"]):
            if key not in wanted:
                continue
            if self.values["when"] == "unheaded":
                if found:
                    yield Hit(found, _section_args(key))
            elif found:
                continue
            elif slot:
                # a heading with the section's number but other words sits in its place
                yield Hit(slot.span, {**_section_args(key), "found": slot.text}, variant="found")
            else:
                yield Hit(at, _section_args(key))


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
    """A national section whose heading appears more than once."""

    kind = "duplicate_section"
    message_args = ("key", "numeral", "heading", "label", "line")
    variants = ("default", "first")

    def check(self, report: Report, ctx):
        first: dict[str, Span] = {}
        for sec in report.sections:
            key = sec.heading.std_key
            if not key:
                continue
            if key in first:
                line = report.source.location(first[key].start, first[key].start).line
                yield Hit(sec.heading.span, {**_section_args(key), "line": line},
                          related=[(first[key], {"line": line}, "first")])
            else:
                first[key] = sec.heading.span


@register
class RenamedSection(Check):
    """A section recognised by number and meaning whose wording is not the national one.

    ``wording`` splits them: ``near`` is the national wording with a slip (a
    character added, dropped, replaced or two swapped: at most one edit, one
    more for every ``chars_per_edit`` characters of the label, at most
    ``max_edits``), which ``--fix`` replaces with the national wording; ``far``
    is other words (a rewording, a longer heading); ``any`` is both.
    """

    kind = "renamed_section"
    params = {
        "wording": Param("str", default="any", choices=("any", "near", "far"),
                         doc="near: a slip of a few characters (fixed); far: other wording; any: both"),
        "chars_per_edit": Param("int", default=8,
                                doc="a label allows one edit more for every this many characters"),
        "max_edits": Param("int", default=2, doc="the most edits that still count as a slip"),
    }
    message_args = ("key", "numeral", "heading", "label", "found", "edits")

    def check(self, report: Report, ctx):
        wording = self.values["wording"]
        for sec in report.sections:
            h = sec.heading
            if not h.std_key or h.std_exact:
                continue
            std = _std()[h.std_key]
            want = national_format.label_key(std["label"])
            limit = national_format.near_edits(want, self.values["chars_per_edit"], self.values["max_edits"])
            edits = national_format.edit_distance(national_format.label_key(h.label), want, limit)
            near = edits <= limit
            if wording == "near" and not near or wording == "far" and near:
                continue
            fix = _label_fix(report, h, std["label"]) if near else ()
            yield Hit(h.span, {**_section_args(h.std_key), "found": h.text, "edits": str(edits)}, fix=fix)


def _label_fix(report: Report, h, label: str) -> tuple[Edit, ...]:
    """Replace the words of heading ``h`` after its number with ``label``: only
    when they are where the heading ends, as the model read them."""
    if h.mark_span is None:
        return ()
    text = report.source.text
    start = h.mark_span.end
    while start < h.span.end and text[start] in " \t\u3000":
        start += 1
    words = text[start:h.span.end]
    if not words or compact(words) != compact(h.label) or "\n" in words:
        return ()
    return (Edit(start, h.span.end, label),)


@register
class SectionNumbering(Check):
    """A national section under another number, top-level numbers that skip
    or repeat, or a number written in another form than 一、 (一.、一 、一总体情况)."""

    kind = "section_numbering"
    message_args = ("found", "expected", "heading")
    variants = ("default", "sequence", "form")

    def check(self, report: Report, ctx):
        std = _std()
        expected_next = 1
        for sec in report.sections:
            h = sec.heading
            if h.number is None:
                continue
            if h.mark and not h.mark.rstrip().endswith("、"):
                yield Hit(h.mark_span, {"found": report.original(h.mark_span), "expected": f"{h.numeral}、",
                                 "heading": report.original(h.span)},
                          variant="form")
            if h.std_key:
                want = std[h.std_key]["number"]
                if h.numeral != want:
                    yield Hit(h.span, {"found": h.text, "expected": want + "、" + std[h.std_key]["label"],
                                       "heading": h.text})
            elif h.number != expected_next:
                yield Hit(h.span, {"found": h.text, "expected": national_format.NUMERALS[expected_next - 1]
                                   if 0 < expected_next <= 10 else str(expected_next),
                                   "heading": h.text}, variant="sequence")
            expected_next = h.number + 1


@register
class UnknownSection(Check):
    """A top-level heading that is none of the six sections of the format."""

    kind = "unknown_section"
    params = {"evidence": _EVIDENCE_PARAM}
    message_args = ("found",)

    def check(self, report: Report, ctx):
        # a heading in the place of a missing section is GIA101's finding
        named = {slot.span for _, found, slot, _ in missing_sections(report, self.values["evidence"])
                 if slot and not found}
        for sec in report.sections:
            h = sec.heading
            if not h.std_key and h.span not in named:
                yield Hit(h.span, {"found": h.text})


@register
class EmptySection(Check):
    """A section or sub-section whose heading has nothing under it.

    Content is a paragraph or a table (``content``): a section whose only
    content is a table is not empty, and a section whose sub-sections hold the
    text is not empty either (each empty sub-section is reported on its own).
    A sub-heading followed directly by the next sub-heading is empty.  A
    heading that is a sentence (``（一）本年未收取信息处理费。``) is its own
    content.
    """

    kind = "empty_section"
    params = {
        "levels": Param("list[int]", default=[1, 2], choices=(1, 2),
                        doc="1: sections (一、), 2: sub-sections ((一))"),
        "content": Param("list[str]", default=["paragraph", "table"],
                         choices=("paragraph", "table", "signature"),
                         doc="the blocks that count as content"),
    }
    message_args = ("heading",)
    variants = ("default", "sub")

    def check(self, report: Report, ctx):
        levels = set(self.values["levels"])
        content = set(self.values["content"])

        def has_content(sec) -> bool:
            return (any(b.kind in content for b in sec.blocks)
                    or any(c in sec.heading.label for c in _SENTENCE_MARKS))

        for sec in report.sections:
            if 1 in levels and not sec.subsections and not has_content(sec):
                yield Hit(sec.heading.span, {"heading": sec.heading.text})
            if 2 in levels:
                for sub in sec.subsections:
                    if not has_content(sub):
                        yield Hit(sub.heading.span, {"heading": sub.heading.text}, variant="sub")
