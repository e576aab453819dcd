"""Check kind ``foreign_place``: a local newspaper of another province
(《今日定安》 in a 平潭 report), a sign of text copied from another organ's
report."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from gialint.checks.base import Check, Hit, Param, ParamError, register
from gialint.checks.contamination.regions import doc_regions
from gialint.model import Report, Span
from gialint.saferegex import LazyPattern

# --- foreign_place -----------------------------------------------------------------------

_PLACES_PATH = Path(__file__).resolve().parents[2] / "data" / "places.txt"
_PLACES: dict[str, set[str]] | None = None
_PLACE_SUFFIX = "(?:省|市|自治州|州|盟|地区|县|区)?"


def places() -> dict[str, set[str]]:
    """Place name → the provinces it lies in (data/places.txt)."""
    global _PLACES
    if _PLACES is None:
        out: dict[str, set[str]] = {}
        for line in _PLACES_PATH.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            province, _, names = line.partition(":")
            for name in names.split():
                out.setdefault(name, set()).add(province.strip())
        _PLACES = out
    return _PLACES


@register
class ForeignPlace(Check):
    """A local medium of another province named in the report.

    The organ's province comes from the names of places in its name (title,
    signature); when they name none, from the places the body mentions
    most (at least twice as often as any other province).  A ``patterns``
    match whose ``{place}`` lies in another province only is a finding.
    When the organ's province cannot be told, nothing is reported."""

    kind = "foreign_place"
    params = {
        "patterns": Param("list[str]", required=True,
                          doc="regular expressions with a {place} slot (a known place name, "
                          "optionally with 省/市/县 …)"),
        "extra_places": Param("map[list[str]]", default={},
                              doc="province → more place names (county names, new divisions)"),
        "ignore_places": Param("list[str]", default=[],
                               doc="place names that are also ordinary words"),
        "show_home": Param("bool", default=False,
                           doc="add the organ's name (title or signature) that tells its province "
                           "as a related place (message variant 'home')"),
    }
    message_args = ("match", "place", "province", "home")
    variants = ("default", "home")

    def setup(self) -> None:
        table = {k: set(v) for k, v in places().items()}
        for province, names in self.values["extra_places"].items():
            for name in names:
                table.setdefault(name, set()).add(province)
        for name in self.values["ignore_places"]:
            table.pop(name, None)
        self.table = table
        alternation = "|".join(sorted(map(re.escape, table), key=len, reverse=True))
        self.any_place = LazyPattern(f"(?:{alternation})")
        slot = f"(?P<place>{alternation}){_PLACE_SUFFIX}"
        self.patterns = []
        for i, p in enumerate(self.values["patterns"]):
            if "{place}" not in p:
                raise ParamError(("patterns", i), "pattern has no {place} slot")
            try:
                self.patterns.append(self.compile(p.replace("{place}", slot)))
            except re.error as err:
                raise ParamError(("patterns", i), f"bad regular expression {p!r}: {err}") from None

    def provinces_in(self, s: str) -> set[str]:
        out: set[str] = set()
        for m in self.any_place.finditer(s):
            out |= self.table[m.group()]
        return out

    def home(self, report: Report) -> set[str]:
        return self.home_and_where(report)[0]

    def home_and_where(self, report: Report) -> tuple[set[str], Span | None]:
        """The organ's provinces, and the place of the name that tells them
        (None when they come from the body)."""
        title = report.title
        names = [(title.organ, title.span)] if title else []
        names += [(s.signer, s.signer_span) for s in report.signatures]
        home: set[str] = set()
        where = None
        for name, span in names:
            found = self.provinces_in(name) if name else set()
            if found and where is None:
                where = span
            home |= found
        if home:
            return home, where
        counts: Counter = Counter()
        for lo, hi in doc_regions(report):
            for m in self.any_place.finditer(report.norm.text, lo, hi):
                provinces = self.table[m.group()]
                if len(provinces) == 1:
                    counts[next(iter(provinces))] += 1
        ranked = counts.most_common(2)
        if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
            return {ranked[0][0]}, None
        return set(), None

    def check(self, report: Report, ctx):
        home = where = None
        norm = report.norm
        text = norm.text
        for lo, hi in doc_regions(report):
            for rx in self.patterns:
                for m in rx.finditer(text, lo, hi):
                    if home is None:
                        home, where = self.home_and_where(report)
                    if not home:
                        return
                    place = m.group("place")
                    provinces = self.table[place]
                    if text.startswith("省", m.end("place")) and place in provinces:
                        provinces = {place}  # 海南省 is the province, not 青海's 海南州
                    if provinces & home:
                        continue
                    args = {
                        "match": m.group(), "place": place,
                        "province": "、".join(sorted(provinces)), "home": "、".join(sorted(home)),
                    }
                    related = ([(where, dict(args), "home")]
                               if self.values["show_home"] and where is not None else [])
                    yield Hit(Span(*norm.span_to_orig(m.start(), m.end())), args, related=related)
