"""The narrative's own arithmetic (docs/format.md#narrative-arithmetic): figures of one sentence that
must agree with each other, whatever the tables say.

* ``narrative_parts`` — a total and its parts (``主动公开政府信息212条，其中
  工作动态96条、……其他信息23条``): the parts must not exceed the total; a list
  given as complete must add up to it; a share (``占8.05%``) must be the part's
  share of the total;
* ``narrative_rate`` — a stated rate (``办结率100%``) against the counts it is
  computed from in the same sentence;
* ``narrative_flow`` — ``受理N件，办结M件``: M ≤ N + the cases carried over;
* ``narrative_change`` — a change on last year with both years' figures given
  (``较上年的1200条增长15%``).

Figures are read by :mod:`gialint.narrative`.  What is approximate (约, 余,
多, 以上, 左右, a range), cumulative (累计, 历年) or in another unit is never
an operand, and a list that says it is partial (如, 例如, 主要有, 等, 包括但不
限于) is not summed.  Every wording is a rule parameter.

``common``: what the kinds share (the sentences, the figures that are
operands, how a stated share is rounded); ``parts``: totals and their parts;
``flows``: rates, 受理/办结 and changes on last year.
"""

from gialint.checks.narrative import flows, parts  # noqa: F401  (registration)
