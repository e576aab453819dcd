"""``required_topics``: content items of a free outline (the legacy 492号 reports).

Legacy reports had no fixed headings; art. 32 of the 2008 regulation only
listed what they must report. A topic is present when any heading or
sub-heading matches one of its patterns.
"""

from __future__ import annotations

from gialint.checks.base import Check, Hit, Param, register
from gialint.model import Report, Span


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
                       "headings only; text: anywhere in the text"),
    }
    message_args = ("topic", "key")

    def check(self, report: Report, ctx):
        scope = self.values["scope"]
        if scope == "text":
            haystacks = [report.norm.text]
        else:
            haystacks = [h.text for h in report.headings(1 if scope == "sections" else None)]
        if not report.sections:
            return
        # a missing part has no place of its own: point at the title, or the top
        at = report.title.span if report.title else Span(0, 0)
        for topic in self.values["topics"]:
            if not any(p.search(h) for p in topic["patterns"] for h in haystacks):
                yield Hit(at, {"topic": topic["label"], "key": topic["key"]})
