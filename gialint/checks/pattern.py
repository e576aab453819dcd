"""``pattern``: the generic existence check (like Vale's ``existence``).

A rule lists regular expressions; every match in the chosen scope is a
finding.  Matching runs on the normalised text (full-width folded,
traditional → simplified, pinyin annotations removed) unless
``normalized = false``; positions always point into the original file.

``exclude`` cancels a match by looking at the matched text only;
``exclude_context`` looks around it: a match is ignored when one of those
regexes matches a stretch of the text within ``context`` characters on
either side that overlaps the match (``王某某`` is an anonymised name, not
a placeholder: ``[王李张…]某某`` matches a stretch that overlaps ``某某``).
A context match that lies beside the match without touching it cancels
nothing.
"""

from __future__ import annotations

import re

from gialint.checks.base import Check, Hit, Param, register
from gialint.model import Report, Span
from gialint.regexfast import compile_scanner

# text: the whole normalised text; the others are regions of the report model
_SCOPES = ("text", "document", "body", "headings", "paragraphs", "title")


@register
class PatternCheck(Check):
    kind = "pattern"
    params = {
        "patterns": Param("list[regex]", required=True, doc="what to find"),
        "exclude": Param("list[regex]", default=[],
                         doc="a match is ignored when one of these matches the same text"),
        "exclude_context": Param("list[regex]", default=[],
                                 doc="a match is ignored when one of these matches text around it "
                                 "(within `context` characters) that overlaps the match"),
        "context": Param("int", default=20, doc="how far `exclude_context` looks on each side"),
        "scope": Param("str", default="text", choices=_SCOPES,
                       doc="text: everything; document: title and body (no web-page metadata); "
                       "body: sections and preamble (no title or web-page metadata); headings; "
                       "paragraphs; title"),
        "ignore_case": Param("bool", default=False, doc="match letters in either case"),
        "normalized": Param("bool", default=True, doc="match on the normalised text"),
        "max_per_file": Param("int", default=0, doc="report at most this many matches (0: all)"),
    }
    message_args = ("match",)

    def setup(self) -> None:
        flags = re.IGNORECASE if self.values["ignore_case"] else 0
        # one alternation, compiled once per run
        joined = "|".join(f"(?:{p.pattern})" for p in self.values["patterns"])
        self.regex = self.compile(joined, flags, fast=compile_scanner)
        self.exclude = [self.compile(p.pattern, flags) for p in self.values["exclude"]]
        self.exclude_context = [self.compile(p.pattern, flags) for p in self.values["exclude_context"]]
        # one search of the whole text settles most reports before ~100 token
        # searches; not for patterns whose meaning depends on where a token ends
        self.quick_reject = not any(x in joined for x in ("$", "\\Z"))

    def regions(self, report: Report):
        """(text, offset_in_that_text → original offset) pairs to search."""
        scope = self.values["scope"]
        norm = report.norm
        if not self.values["normalized"]:
            yield report.source.text, None, 0, len(report.source.text)
            return
        if scope == "text":
            yield norm.text, norm, 0, len(norm.text)
            return
        for tok in report.regions(scope):
            yield norm.text, norm, tok.start, tok.end

    def check(self, report: Report, ctx):
        if self.quick_reject and self.values["scope"] != "text" and self.values["normalized"] \
                and not self.regex.search(report.norm.text):
            return
        limit = self.values["max_per_file"]
        count = 0
        for text, norm, lo, hi in self.regions(report):
            for m in self.regex.finditer(text, lo, hi):
                if m.end() == m.start():
                    continue
                matched = m.group()
                if any(x.search(matched) for x in self.exclude):
                    continue
                if self.exclude_context and in_excluded_context(
                        text, m.start(), m.end(), self.exclude_context, self.values["context"]):
                    continue
                span = Span(*norm.span_to_orig(m.start(), m.end())) if norm else Span(m.start(), m.end())
                yield Hit(span, {"match": matched})
                count += 1
                if limit and count >= limit:
                    return


def in_excluded_context(text: str, start: int, end: int, regexes, width: int) -> bool:
    """Whether one of ``regexes`` matches text within ``width`` characters
    around ``text[start:end]`` in a stretch that overlaps it."""
    lo = max(0, start - width)
    hi = min(len(text), end + width)
    for x in regexes:
        for xm in x.finditer(text, lo, hi):
            if xm.start() < end and xm.end() > start:
                return True
    return False
