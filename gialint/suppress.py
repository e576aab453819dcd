"""Inline suppressions in text and Markdown reports (HTML comments).

    <!-- gialint-disable GIA201 -->  …  <!-- gialint-enable GIA201 -->
    <!-- gialint-disable-next-line GIA301 missing-section -->
    <!-- gialint-disable-file GIA110 -->

A directive must name the rules it silences (selectors, as in the config:
ids, names, id prefixes or categories, see gialint.selector); one that names none silences nothing and is reported.  A
suppression that silenced nothing is reported too, so stale ones go away.
Suppressed findings are kept (SARIF lists them under ``suppressions``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gialint.selector import Selector

DIRECTIVE = re.compile(
    r"<!--\s*gialint-(disable-next-line|disable-file|disable|enable)\b(?P<rules>[^>]*?)\s*-->")
_SPLIT = re.compile(r"[\s,]+")


@dataclass
class Directive:
    kind: str  # disable, enable, disable-next-line, disable-file
    rules: tuple[str, ...]
    start: int  # offsets of the comment in the original text
    end: int
    line: int  # 1-based line of the comment
    first: int = 0  # lines it covers, inclusive (filled in by scope())
    last: int = 0
    used: set[str] = field(default_factory=set)


def parse(text: str, line_of) -> list[Directive]:
    """Every directive in ``text``; ``line_of(offset)`` gives its 1-based line."""
    if "gialint-" not in text:
        return []
    out = []
    for m in DIRECTIVE.finditer(text):
        rules = tuple(r for r in _SPLIT.split(m.group("rules").strip()) if r)
        out.append(Directive(m.group(1), rules, m.start(), m.end(), line_of(m.start())))
    return out


def scope(directives: list[Directive], lines: list[str]) -> list[Directive]:
    """Give each disabling directive the lines it covers; return those."""
    total = len(lines)
    active: list[Directive] = []
    for d in directives:
        if d.kind == "disable-file":
            d.first, d.last = 1, total
            active.append(d)
        elif d.kind == "disable-next-line":
            nxt = d.line + 1
            while nxt <= total and not lines[nxt - 1].strip():
                nxt += 1
            d.first = d.last = nxt
            active.append(d)
        elif d.kind == "disable":
            d.first, d.last = d.line, total
            active.append(d)
        elif d.kind == "enable":
            # closes the open ``disable`` ranges of the same rules
            for o in active:
                if o.kind == "disable" and o.last == total and o.line < d.line and (
                        set(o.rules) & set(d.rules) or not d.rules):
                    o.last = d.line
    return active


def split(findings, directives: list[Directive], matches=None):
    """(kept, suppressed) findings; ``matches(selector, finding)`` decides a rule match
    (default: the selector names the finding's rule, gialint.selector)."""
    if matches is None:
        matches = _names_rule_of
    kept, suppressed = [], []
    for f in findings:
        hit = None
        for d in directives:
            if not d.rules or not (d.first <= f.location.line <= d.last):
                continue
            sel = next((s for s in d.rules if matches(s, f)), None)
            if sel is not None:
                hit = d
                d.used.add(sel)
                break
        (suppressed if hit else kept).append((f, hit) if hit else f)
    return kept, suppressed


def _names_rule_of(selector: str, finding) -> bool:
    try:
        return Selector.of(selector).matches_finding(finding)
    except ValueError:  # not a selector: names nothing
        return False
