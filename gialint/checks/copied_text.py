"""``copied_text``: a section whose prose is, for the most part, another report's.

Like ``cross_year``, nothing is checked in one file: when a run lints several
reports, the stage after the pipeline (gialint/history.py with
gialint/copied.py) compares each section's paragraphs (headings, tables, the
title and the preamble left out) as overlapping runs of 8 characters, and
reports a section when at least ``min_share`` per cent of its runs are in the
same section of the other report.  ``compare = "last_year"``: the organ's
report of the year before; ``"same_year"``: the other organs' reports of the
same year (the one it shares most with; runs shared by more than a fifth of
the year's reports — at least 50, at most 200 — are common wording and not counted).
The finding is at the first copied sentence, with the same passage in the
other report as a related place (message variant ``earlier``).

To compare with other thresholds, set ``params`` of the rule in a rule file
of your own (``rule-files``) and ignore the built-in one.
"""

from __future__ import annotations

from gialint.checks.base import Check, Param, ParamError, register

COMPARES = ("last_year", "same_year")


@register
class CopiedText(Check):
    kind = "copied_text"
    across_files = True
    params = {
        "compare": Param("str", required=True, choices=COMPARES,
                         doc="last_year: the organ's report of the year before; "
                             "same_year: other organs' reports of the same year"),
        "min_share": Param("int", default=80,
                           doc="per cent of the section's text found in the other report (1–100)"),
        "min_chars": Param("int", default=80,
                           doc="sections with less prose than this many characters are not compared"),
    }
    message_args = ("organ", "year", "prev_year", "section", "share", "other", "other_organ", "excerpt")
    variants = ("default", "earlier")

    def setup(self) -> None:
        if not 1 <= self.values["min_share"] <= 100:
            raise ParamError(("min_share",), "must be a per cent from 1 to 100")
        if self.values["min_chars"] < 1:
            raise ParamError(("min_chars",), "must be at least 1")

    def check(self, report, ctx):
        return ()  # the stage after the pipeline does the work (gialint.history, gialint.copied)
