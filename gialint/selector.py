"""Rule selectors: the one way a user names rules.

The config (``select``, ``ignore``, ``severity``, ``per-file-ignores``), the
command line (``--select``/``--ignore``) and inline suppressions
(``<!-- gialint-disable … -->``) all name rules the same way:

    ALL             every rule
    GIA101          a rule id
    GIA1, GIA10     an id prefix: every rule whose id starts with it
    missing-section a rule name
    structure       a category (findings.CATEGORIES)

A word is compared with both the rule's name and its category (as before:
a name and a category may be spelt alike).
"""

from __future__ import annotations

from functools import lru_cache

from gialint.findings import CATEGORIES

ALL = "ALL"
_ID_PREFIX = "GIA"


class Selector:
    """One parsed selector; ``Selector.of(text)`` parses each text once."""

    __slots__ = ("text", "kind")

    def __init__(self, text: str):
        if not isinstance(text, str) or not text or text != text.strip() or "," in text:
            raise ValueError(f"not a rule selector: {text!r}")
        self.text = text
        # "all", "prefix" (an id or the start of one) or "word" (a name or a category)
        self.kind = "all" if text == ALL else "prefix" if text.startswith(_ID_PREFIX) else "word"

    @staticmethod
    def of(text: str | Selector) -> Selector:
        return text if isinstance(text, Selector) else _parse(text)

    def __repr__(self) -> str:
        return f"Selector({self.text!r})"

    def _hit(self, rule_id: str, name: str, category: str) -> bool:
        if self.kind == "all":
            return True
        if self.kind == "prefix":
            return rule_id.startswith(self.text)
        return self.text == name or self.text == category

    def matches(self, rule) -> bool:
        """Does it name ``rule`` (a :class:`~gialint.rule.Rule`)?"""
        return self._hit(rule.id, rule.name, rule.category)

    def matches_finding(self, finding) -> bool:
        """Does it name the rule of ``finding`` (a :class:`~gialint.findings.Finding`)?"""
        return self._hit(finding.rule, finding.name, finding.category)

    def specificity(self, rule) -> int:
        """How precisely it names ``rule``: 3 its id or name, 2 an id prefix,
        1 its category, 0 ALL.  Settings by a more specific selector win."""
        if self.text == rule.id or self.text == rule.name:
            return 3
        return {"prefix": 2, "word": 1, "all": 0}[self.kind]

    def known(self, rules) -> bool:
        """Does it name something that exists: ALL, a category, or one of ``rules``?"""
        if self.kind == "all" or self.text in CATEGORIES:
            return True
        return any(self.matches(r) for r in rules)


@lru_cache(maxsize=1024)
def _parse(text: str) -> Selector:
    return Selector(text)


def matches(selector: str | Selector, rule) -> bool:
    """``Selector.of(selector).matches(rule)``."""
    return Selector.of(selector).matches(rule)


def is_known(text: str | Selector, rules) -> bool:
    """Is ``text`` a selector that names ALL, a category or one of ``rules``?"""
    try:
        return Selector.of(text).known(rules)
    except ValueError:  # not a selector at all
        return False
