"""``cross_year``: an organ's report against its report of the year before.

Nothing is checked in one file: when a run lints several reports, the
stage after the pipeline (gialint/history.py) groups them by organ and
report year and reports, for each rule of this kind, the ``relation`` it
names.  The rule's message says what differs; its ``earlier`` variant is
the message of the related place in the earlier report.  Severity,
selection, ``per-file-ignores``, baselines and inline ``gialint-disable``
comments (in the later report) work as for any rule; a comment naming only
these rules is never reported as unused (GIA003): one file cannot tell.

Relations: ``carry_over`` (表三 二、上年结转 of year Y = 四、结转下年度继续办理
of Y−1, every column, across the 2020→2021 edition change);
``in_force_more`` / ``in_force_less`` (2021 表二: 现行有效 of Y against
现行有效 of Y−1 + 本年制发 − 本年废止 of Y); ``items_2019`` (2019 format 表二:
上一年项目数量 of Y = 上一年项目数量 + 本年增/减 of Y−1); ``cumulative``
(the legacy statistics table: 历年累计 of Y = 历年累计 of Y−1 + this year's
value of Y, every row printed with both columns in both years); ``identical_table``
(a table with every figure as last year's); ``last_year_text`` (a sentence
that names year Y−1 and is word for word a sentence of the Y−1 report: copied,
its year not brought up to date); ``duplicate`` (two reports of
one organ for one year), ``gap`` (a year missing between two reports),
``unknown`` (the organ — variant ``organ`` — or the year — variant
``year`` — cannot be told, so the report is compared with none).
"""

from __future__ import annotations

from gialint.checks.base import Check, Param, register

RELATIONS = ("carry_over", "in_force_more", "in_force_less", "items_2019", "cumulative", "identical_table",
             "last_year_text", "duplicate", "gap", "unknown")


@register
class CrossYear(Check):
    kind = "cross_year"
    across_files = True
    params = {
        "relation": Param("str", required=True, choices=RELATIONS,
                          doc="what is compared: " + ", ".join(RELATIONS) + " (see above)"),
    }
    message_args = ("organ", "year", "prev_year", "years", "other", "column", "row", "prev_row", "table",
                    "value", "prev_value", "issued", "repealed", "change", "expected", "count")
    variants = ("default", "earlier", "organ", "year")

    def check(self, report, ctx):
        return ()  # the stage after the pipeline does the work (gialint.history)
