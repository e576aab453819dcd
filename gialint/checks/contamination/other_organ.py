"""Check kind ``other_organ``: where the report names itself (``由……编制``,
``现公布……年度报告``, ``……认真贯彻落实《条例》`` opening a sentence, the
signature), it names another organ than its title: text copied from another
organ's report.

Names are compared leniently, since reports shorten their own name
(``县发改局`` for 样例县发展和改革局, ``市科委`` for 上海市科学技术委员会): a name
is the organ's when one contains the other, or when what follows its last
place unit (``县发改局`` → 发改局) is, character by character in order, in
the organ's name, and the place before it, when named, is in the organ's
name too.  A name that is only a place (``平潭县``) must be part of the
organ's name.
"""

from __future__ import annotations

import re

from gialint.checks.base import Check, Hit, Param, ParamError, register
from gialint.model import Report, Span


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


@register
class OtherOrgan(Check):
    """Another organ's name where the report speaks of itself."""

    kind = "other_organ"
    params = {
        "patterns": Param("list[str]", required=True,
                          doc="regular expressions of the places where the report names itself, "
                          "with a named group 'organ'"),
        "place_units": Param("str", required=True,
                             doc="regular expression of a place unit (县, 区, 街道 …): what follows "
                             "the last one in a name is compared"),
        "ignore": Param("list[str]", default=[],
                        doc="regular expressions of names that are never another organ (fully matched)"),
        "signature": Param("bool", default=False,
                           doc="also compare the signing organ with the organ of the title"),
        "regions": Param("list[str]", default=["paragraphs"], doc="where to look"),
    }
    message_args = ("name", "organ")
    variants = ("default", "signature", "title")

    def setup(self) -> None:
        rx = self.compile_param
        self.patterns = []
        for i, p in enumerate(self.values["patterns"]):
            if "organ" not in re.compile(p).groupindex:
                raise ParamError(("patterns", i), "the expression has no named group 'organ'")
            self.patterns.append(rx(p, ("patterns", i)))
        self.units = re.compile(self.values["place_units"])
        self.ignore = [rx(p, ("ignore", i)) for i, p in enumerate(self.values["ignore"])]

    def parts(self, name: str) -> tuple[str, str]:
        """The last place of ``name`` (from the unit before it) and what follows it:
        样例市东城区人民政府 → (东城区, 人民政府); 县发改局 → (县, 发改局)."""
        ends = [0] + [m.end() for m in self.units.finditer(name)]
        return name[ends[-2] if len(ends) > 1 else 0:ends[-1]], name[ends[-1]:]

    def same(self, name: str, organ: str) -> bool:
        if name in organ or organ in name:
            return True
        place, core = self.parts(name)
        if not core:
            return False  # a place only, and not the organ's
        if len(place) > 1 and place not in organ:
            return False  # another place's (东城区人民政府 for 样例区人民政府)
        # either may be the shortened one: 管委会 / 管理委员会
        organ_core = self.parts(organ)[1]
        return _subsequence(core, organ) or bool(organ_core) and _subsequence(organ_core, name)

    def check(self, report: Report, ctx):
        title = report.title
        if not title or not title.organ:
            return
        organ = title.organ.replace(" ", "")
        text = report.norm.text
        seen: set[tuple[int, int]] = set()
        for tok in report.regions(*self.values["regions"]):
            for rx in self.patterns:
                for m in rx.finditer(text, tok.start, tok.end):
                    name = m.group("organ").replace(" ", "")
                    key = m.span("organ")
                    if key in seen or any(x.fullmatch(name) for x in self.ignore):
                        continue
                    seen.add(key)
                    if self.same(name, organ):
                        continue
                    args = {"name": name, "organ": organ}
                    yield Hit(Span(*report.norm.span_to_orig(*key)), args,
                              related=[(title.span, dict(args), "title")])
        if self.values["signature"]:
            for sig in report.signatures:
                if not sig.signer or not sig.signer_span:
                    continue
                name = sig.signer.replace(" ", "")
                if any(x.fullmatch(name) for x in self.ignore) or self.same(name, organ):
                    continue
                args = {"name": name, "organ": organ}
                yield Hit(sig.signer_span, args, variant="signature",
                          related=[(title.span, dict(args), "title")])
