"""Check kind ``self_reference``: the report speaks of itself as an organ of
another level or kind than its title names -- ``我县`` in a 区 report,
``本市`` in a county bureau's, ``我局`` in a 街道办事处's: text copied from
another organ's report.

Everything that decides is rule data:

* ``words``: the self-references looked for, a regular expression with a
  named group ``unit`` (``我县`` → 县, ``本委`` → 委);
* ``levels``: what the organ's name (title, else signature) says it is.
  Each entry has a ``title`` expression searched in the organ's name, the
  units that are ``wrong`` for such an organ and those that are its ``own``.
  With ``match = "innermost"`` only the entry whose match ends last in the
  name counts (``样例市样例县农业农村局`` is of the county: 县 after 市;
  ties go to the longer match: 自治区 over 区); with ``match = "any"``
  every matching entry counts and a unit is wrong when some entry says so
  and none has it as its own (``…人民政府办公室``: 办 is its own);
* ``unless``: unit → expression; when the expression is found anywhere in
  the report, that unit is never wrong (a county of an autonomous region
  may call the region 我区);
* ``exclude``: expressions of sentences where a self-reference is someone
  else's words (quoted titles are skipped anyway: ``《关于加强我市……》``).

A self-reference inside 《》 or “” quotes the words of a document or a
person and is never reported.  The finding points at the word and has the
title (or the signature) as its related place.
"""

from __future__ import annotations

import re

from gialint.checks.base import Check, Hit, Param, ParamError, register
from gialint.model import Report, Span

_SENTENCE_END = "。；;！!？?\n"
_OPEN = {"《": "》", "“": "”", "「": "」", "『": "』"}


def _quoted(text: str, lo: int, pos: int) -> bool:
    """Whether ``pos`` is inside a 《》/“” quote opened after ``lo`` (in one segment)."""
    stack: list[str] = []
    for ch in text[lo:pos]:
        if ch in _OPEN:
            stack.append(_OPEN[ch])
        elif stack and ch == stack[-1]:
            stack.pop()
    return bool(stack)


def _sentence(text: str, lo: int, hi: int, start: int, end: int) -> tuple[int, int]:
    a = start
    while a > lo and text[a - 1] not in _SENTENCE_END:
        a -= 1
    b = end
    while b < hi and text[b] not in _SENTENCE_END:
        b += 1
    return a, b


_LEVEL = {
    "name": Param("str", required=True, doc="what the organ is, for the message (县级, 街道办事处 …)"),
    "title": Param("str", required=True, doc="regular expression searched in the organ's name"),
    "wrong": Param("list[str]", default=[], doc="units that are wrong as the organ's own"),
    "own": Param("list[str]", default=[], doc="units that are the organ's own (match = any)"),
}


@register
class SelfReference(Check):
    """A self-reference (我县, 本市, 我局 …) that does not fit the organ of the title."""

    kind = "self_reference"
    params = {
        "words": Param("str", required=True,
                       doc="regular expression of the self-references, with a named group 'unit'"),
        "levels": Param("list[table]", required=True, fields=_LEVEL,
                        doc="what an organ's name says it is, and the units wrong for it"),
        "match": Param("str", default="innermost", choices=("innermost", "any"),
                       doc="innermost: the entry matching last in the name decides; any: all that match"),
        "unless": Param("map[str]", default={},
                        doc="unit → regular expression: found in the report, the unit is never wrong"),
        "exclude": Param("list[str]", default=[],
                         doc="regular expressions of sentences where a self-reference is not the report's"),
        "regions": Param("list[str]", default=["prose"], doc="where to look"),
    }
    message_args = ("word", "organ", "level")
    variants = ("default", "title")

    def setup(self) -> None:
        rx = self.compile_param
        self.words = rx(self.values["words"], ("words",))
        if "unit" not in re.compile(self.values["words"]).groupindex:
            raise ParamError(("words",), "the expression has no named group 'unit'")
        self.levels = [(lv, rx(lv["title"], ("levels", i, "title")))
                       for i, lv in enumerate(self.values["levels"])]
        self.unless = {u: rx(p, ("unless", u)) for u, p in self.values["unless"].items()}
        self.exclude = [rx(p, ("exclude", i)) for i, p in enumerate(self.values["exclude"])]

    def organ(self, report: Report) -> tuple[str, Span] | None:
        """The organ's name and the place that names it (title, else signature)."""
        if report.title and report.title.organ:
            return report.title.organ, report.title.span
        for sig in report.signatures:
            if sig.signer and sig.signer_span:
                return sig.signer, sig.signer_span
        return None

    def judged(self, name: str) -> tuple[set[str], str] | None:
        """The units wrong for the organ ``name`` and what it is, or None."""
        found = []
        for lv, rx in self.levels:
            best = None
            for m in rx.finditer(name):
                if m.end() > m.start():
                    best = m
            if best is not None:
                found.append(((best.end(), best.end() - best.start()), lv))
        if not found:
            return None
        if self.values["match"] == "innermost":
            found = [max(found, key=lambda f: f[0])]
        wrong = set().union(*(lv["wrong"] for _, lv in found))
        own = set().union(*(lv["own"] for _, lv in found))
        names = "、".join(dict.fromkeys(lv["name"] for _, lv in found))
        return wrong - own, names

    def check(self, report: Report, ctx):
        organ = self.organ(report)
        if organ is None:
            return
        name, organ_span = organ
        judged = self.judged(name)
        if judged is None or not judged[0]:
            return
        wrong, level = judged
        text = report.norm.text
        doc = None
        for tok in report.regions(*self.values["regions"]):
            lo, hi = tok.start, tok.end
            for m in self.words.finditer(text, lo, hi):
                unit = m.group("unit")
                if unit not in wrong or _quoted(text, lo, m.start()):
                    continue
                if unit in self.unless:
                    if doc is None:
                        doc = "\n".join(text[t.start:t.end] for t in report.regions("document"))
                    if self.unless[unit].search(doc):
                        continue
                a, b = _sentence(text, lo, hi, m.start(), m.end())
                sentence = text[a:b]
                if any(x.search(sentence) for x in self.exclude):
                    continue
                args = {"word": m.group(), "organ": name, "level": level}
                yield Hit(Span(*report.norm.span_to_orig(m.start(), m.end())), args,
                          related=[(organ_span, dict(args), "title")])
