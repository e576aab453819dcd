"""Engine rules: rules that no check finds, reported by the engine itself.

GIA001 (a rule or a stage of the analysis failed on a file) and the problems
of inline suppression comments (GIA003: a rule named in one silenced nothing;
GIA004: one names no rule; GIA006: one names a rule that does not exist) are rules like any other for a user: their texts
are in rules/input.toml, they are listed, documented and given a severity.
What the engine needs to know about them is declared here, once: the kinds
that hold them and how the engine finds each rule (``ENGINE_RULES``,
looked up with ``engine_rule``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from gialint.checks.base import Check, Param, register

if TYPE_CHECKING:
    from gialint.model import Report
    from gialint.rule import Rule


@dataclass(frozen=True)
class EngineRule:
    """How the engine finds one of its rules among the loaded rules."""

    kind: str
    problem: str | None = None  # the rule's "problem" parameter, when its kind has several rules
    always: bool = False  # reported whatever is selected, and never suppressed


INTERNAL_ERROR = EngineRule("internal", always=True)  # GIA001
UNUSED_SUPPRESSION = EngineRule("suppression", "unused")  # GIA003
SUPPRESSION_WITHOUT_RULE = EngineRule("suppression", "no_rules")  # GIA004
UNKNOWN_SUPPRESSION_RULE = EngineRule("suppression", "unknown")  # GIA006
ENGINE_RULES = (INTERNAL_ERROR, UNUSED_SUPPRESSION, SUPPRESSION_WITHOUT_RULE, UNKNOWN_SUPPRESSION_RULE)


def engine_rule(which: EngineRule, loaded: Iterable) -> Rule | None:
    """The rule among ``loaded`` (gialint.ruleset.LoadedRule items: the engine
    sits below rule loading) that is ``which`` (None when it is not among them)."""
    for loaded_rule in loaded:
        if loaded_rule.rule.kind == which.kind and getattr(loaded_rule.check, "problem", None) == which.problem:
            return loaded_rule.rule
    return None


class EngineCheck(Check):
    """A kind whose rules the engine reports: it never fires by itself."""

    problem: str | None = None

    def check(self, report: Report, ctx):
        return ()


@register
class InternalError(EngineCheck):
    """A bug in gialint: a rule (or a stage of the analysis) raised an exception
    on this file.  The engine reports it (gialint/pipeline.py)."""

    kind = INTERNAL_ERROR.kind
    message_args = ("rule", "stage", "error")
    variants = ("default", "stage", "timeout", "suppressions")


@register
class Suppression(EngineCheck):
    """Problems with inline suppression comments; the engine applies the comments
    after every other check (gialint/suppress.py) and reports these."""

    kind = UNUSED_SUPPRESSION.kind
    params = {"problem": Param("str", required=True, choices=tuple(
        r.problem for r in ENGINE_RULES if r.kind == UNUSED_SUPPRESSION.kind),
        doc="unused: a directive that silences nothing; no_rules: a directive that names no rule; "
        "unknown: a directive that names a rule, rule name or category that does not exist")}
    message_args = ("directive", "rules")

    def setup(self) -> None:
        self.problem = self.values["problem"]
