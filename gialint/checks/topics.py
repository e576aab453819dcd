"""``required_topics``: content items a report, or one of its sections, must cover.

Legacy reports had no fixed headings; art. 32 of the 2008 regulation only
listed what they must report. The 2021 format names what some sections
cover: 一、总体情况 the five aspects (主动公开 … 监督保障, and for people's
governments 工作考核、社会评议和责任追究结果), 五 problems and measures, 六 the
information-processing fees. A topic is present when one of its patterns
matches the headings or the text in scope.
"""

from __future__ import annotations

from gialint.checks.base import Check, Hit, Param, register
from gialint.model import Report, Section, Span

SECTIONS = ("", "s1", "s2", "s3", "s4", "s5", "s6")


@register
class RequiredTopics(Check):
    kind = "required_topics"
    params = {
        "topics": Param("list[table]", required=True, fields={
            "key": Param("str", required=True, doc="a stable name of the topic (message: {key})"),
            "label": Param("str", required=True, doc="how the topic is named in messages"),
            "patterns": Param("list[regex]", required=True,
                              doc="the topic is covered when one of these matches"),
        }, doc="the content items the report must cover"),
        "scope": Param("str", default="headings", choices=("headings", "sections", "text"),
                       doc="headings: section and sub-section headings; sections: top-level "
                       "headings only; text: anywhere in the text (of the section, with section)"),
        "section": Param("str", default="", choices=SECTIONS,
                         doc="look only inside this section of the national format (s1 = 一、总体情况 "
                         "… s6); the finding points at its heading; no finding when the section "
                         "is missing (GIA101 says so)"),
        "together": Param("bool", default=False,
                          doc="one finding for all the missing topics (joined by 、), not one each"),
        "headings_elsewhere": Param("bool", default=False,
                                    doc="with section: a topic that has a heading of its own "
                                    "anywhere in the report counts as covered"),
        "organ_types": Param("list[str]", default=[], choices=("government", "department", "other"),
                             doc="check only reports of these kinds of organ (organ-type in the "
                             "config, or guessed from the title); empty: every report"),
    }
    message_args = ("topic", "key", "section")

    def check(self, report: Report, ctx):
        if not report.sections:
            return
        organ_types = self.values["organ_types"]
        if organ_types and (ctx.organ_type or report.organ_type) not in organ_types:
            return
        scope, key = self.values["scope"], self.values["section"]
        if key:
            sec = report.section(key)
            if sec is None:
                return
            haystacks = _section_texts(sec, scope)
            if self.values["headings_elsewhere"]:
                haystacks += [h.text for h in report.headings()]
            at, name = sec.heading.span, sec.heading.text
        else:
            if scope == "text":
                haystacks = [report.norm.text]
            else:
                haystacks = [h.text for h in report.headings(1 if scope == "sections" else None)]
            # a missing part has no place of its own: point at the title, or the top
            at, name = (report.title.span if report.title else Span(0, 0)), ""
        missing = [t for t in self.values["topics"]
                   if not any(p.search(h) for p in t["patterns"] for h in haystacks)]
        if missing and self.values["together"]:
            missing = [{"label": "、".join(t["label"] for t in missing),
                        "key": ",".join(t["key"] for t in missing)}]
        for topic in missing:
            yield Hit(at, {"topic": topic["label"], "key": topic["key"], "section": name})


def _section_texts(sec: Section, scope: str) -> list[str]:
    """The sub-headings and (scope text) the text of a section; not its own
    heading, whose national wording names the topics (存在的主要问题及改进情况)."""
    heads = [sub.heading.text for sub in sec.subsections]
    if scope == "sections":
        return []
    if scope == "headings":
        return heads
    return heads + [b.text for b in sec.all_blocks()]
