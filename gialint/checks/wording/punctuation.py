"""Check kind ``ascii_punctuation``: an ASCII comma, period, colon or semicolon
slipped into Chinese text (``六部分, 一是``).

Normalisation folds full-width punctuation to ASCII (``，`` → ``,``), so
this kind reads the text as written (``Source.text``), in the stretches of
the paragraphs and headings, and positions point at the character itself.
A mark is a slip when the nearest characters on both sides (spaces
skipped, on the same line) are Chinese, or Chinese quotes and brackets
(``”,并``): never in a web address, a number (``1,000``, ``10:59``),
English text or a table row.  Not reported either:

* a file whose punctuation between Chinese characters is mostly ASCII
  (more than ``max_percent`` per cent): it was written or converted that way
  throughout, there is no slip to point at;
* a Chinese numeral's mark at the start of a heading or a numbered
  paragraph (``一.总体情况``, ``二.部分科室…``: GIA105 is about headings'
  marks), and an ellipsis typed as dots (``等...``).

``--fix`` replaces the mark with its full-width form and drops the spaces
typed around it (``六部分, 一是`` → ``六部分，一是``).
"""

from __future__ import annotations

import re

from gialint.checks.base import Check, Edit, Hit, Param, register
from gialint.chinese import NUMERALS, is_unified
from gialint.model import Report, Span

_SPACES = " \t\u3000\u00a0"


@register
class AsciiPunctuation(Check):
    """ASCII punctuation between Chinese characters, in a text that uses full-width marks."""

    kind = "ascii_punctuation"
    params = {
        "marks": Param("map[str]", default={",": "，", ".": "。", ":": "：", ";": "；"},
                       doc="ASCII mark → the full-width mark it stands for"),
        "opening": Param("str", default="“‘（《「『【〔",
                         doc="marks after an ASCII mark that count as Chinese text"),
        "closing": Param("str", default="”’）》」』】〕",
                         doc="marks before an ASCII mark that count as Chinese text"),
        "max_percent": Param("int", default=20,
                             doc="no finding when more than this per cent of the marks between "
                             "Chinese characters are ASCII (the file's own style)"),
        "regions": Param("list[str]", default=["paragraphs", "headings"],
                         choices=("paragraphs", "headings"), doc="where to look"),
    }
    message_args = ("mark", "full", "match")

    def check(self, report: Report, ctx):
        text = report.source.text
        marks = self.values["marks"]
        full = set(marks.values())
        opening, closing = self.values["opening"], self.values["closing"]
        slips = []
        count_full = 0
        heading_marks = [h.mark_span for h in report.headings() if h.mark_span]
        candidates = re.compile("[" + "".join(re.escape(c) for c in marks) + "]")
        for tok in report.regions(*self.values["regions"]):
            span = report.span_of(tok)
            a, b = span.start, span.end
            count_full += sum(text.count(c, a, b) for c in full)
            for m in candidates.finditer(text, a, b):
                p = m.start()
                ch = text[p]
                i = p - 1
                while i >= a and text[i] in _SPACES:
                    i -= 1
                j = p + 1
                while j < b and text[j] in _SPACES:
                    j += 1
                if i < a or j >= b:
                    continue
                before, after = text[i], text[j]
                if not (is_unified(before) or before in closing) or not (is_unified(after) or after in opening):
                    continue
                if ch == "." and (text[p - 1] == "." or p + 1 < b and text[p + 1] == "."):
                    continue  # an ellipsis typed as dots
                if before in NUMERALS and _opens(text, i, a):
                    continue  # 一.总体情况, 二.部分科室…: a list or heading mark
                if any(hm.start <= p < hm.end + 1 for hm in heading_marks):
                    continue
                slips.append((p, i, j))
        if not slips or len(slips) * 100 > self.values["max_percent"] * (len(slips) + count_full):
            return
        for p, i, j in slips:
            ch = text[p]
            yield Hit(Span(p, p + 1), {"mark": ch, "full": marks[ch], "match": text[i:j + 1]},
                      fix=(Edit(i + 1, j, marks[ch]),))


def _opens(text: str, i: int, lo: int) -> bool:
    """The numerals ending at ``i`` open their stretch (from ``lo``), a line,
    or follow a space or punctuation: a list mark, not a word."""
    k = i
    while k > lo and text[k - 1] in NUMERALS:
        k -= 1
    if k == lo:
        return True
    prev = text[k - 1]
    return prev == "\n" or prev in _SPACES or not (is_unified(prev) or prev.isalnum())
