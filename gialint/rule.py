"""The description of one rule, as loaded from ``rules/*.toml``.

This is the single source of truth for a rule: the CLI (``gialint rule``),
the formatters (SARIF ``tool.driver.rules``) and the docs all read it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

EDITIONS = ("legacy", "2019", "2021")  # the formats a rule can apply to


@dataclass(slots=True)
class Rule:
    id: str  # GIA + 3 digits, stable
    name: str  # kebab-case, stable
    category: str
    severity: str  # default severity (error / warning / info)
    editions: tuple[str, ...]  # subset of ("legacy", "2019", "2021")
    kind: str  # the check kind implementing it
    params: dict
    message: dict[str, str]  # lang -> message template with {placeholders}
    summary: dict[str, str]  # lang -> one-line summary
    description: dict[str, str] = field(default_factory=dict)  # lang -> what it checks and why
    example_bad: str = ""
    example_good: str = ""
    source: str = ""  # the basis in law or format, e.g. 国办公开办函〔2021〕30号
    origin: str = ""  # "rules/structure.toml:12" — where the rule was defined
    enabled: bool = True
    # extra messages of the same rule for special cases, by variant name;
    # "default" is ``message``
    variants: dict[str, dict[str, str]] = field(default_factory=dict)
    # notes about gialint's own reading, not about the report (``verbose = true``
    # on the rule or on a variant): shown with --verbose only
    verbose: bool = False
    verbose_variants: frozenset[str] = frozenset()

    def for_reader(self, variant: str) -> bool:
        """Whether a finding of this variant is a note about gialint's reading (--verbose)."""
        return self.verbose or variant in self.verbose_variants

    def message_for(self, variant: str, lang: str) -> str:
        table = self.variants.get(variant) or self.message
        return self.text(table, lang)

    def text(self, table: dict[str, str], lang: str) -> str:
        """Pick the text for ``lang`` from a zh/en table, falling back to zh."""
        return table.get(lang) or table.get("zh") or next(iter(table.values()), "")

    def applies_to(self, edition: str | None) -> bool:
        return edition is None or edition in self.editions
