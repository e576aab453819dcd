"""Check kinds about web addresses in the text.

* ``spam``: injected advertising (the ``pattern`` kind with one more source
  of evidence: the name of a non-government website found in the text, used
  elsewhere as a word, ``scmxtz区``).
* ``foreign_website``: a web address in the download/contact sentence that
  is not a government domain.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from gialint.checks.base import Check, Hit, Param, register
from gialint.checks.contamination.regions import doc_regions
from gialint.checks.pattern import PatternCheck
from gialint.chinese import SENTENCE_END
from gialint.model import Report, Span
from gialint.saferegex import LazyPattern

# --- web addresses ---------------------------------------------------------------

_TLDS = (
    "com|cn|net|org|gov|edu|info|biz|top|xyz|vip|club|site|online|shop|cc|tv|me|io|co|hk"
    "|tw|mo|asia|ltd|wang|ink|pro|store|tech|fun|live|icu|cyou|work|link|pw|la|ws"
)
_SUFFIX_LABELS = frozenset(_TLDS.split("|"))
ADDRESS = LazyPattern(  # compiled when a text has a dot
    r"(?<![A-Za-z0-9@._/\-])(?:https?://)?"
    r"((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+(?:" + _TLDS + r"))"
    r"(?![A-Za-z0-9@\-])(?::\d{1,5})?(?:/[A-Za-z0-9\-._~%!$&'*+=:@/?#]*)?",
    re.IGNORECASE,
)


def is_allowed_host(host: str, allowed) -> bool:
    host = host.lower().rstrip(".")
    return any(host == d or host.endswith("." + d) for d in allowed)


def addresses(text: str, lo: int = 0, hi: int | None = None):
    """Web addresses (not e-mail addresses) in ``text[lo:hi]``: (match, host)."""
    hi = len(text) if hi is None else hi
    if text.find(".", lo, hi) < 0:  # every address has a dot: most lines are done here
        return
    for m in ADDRESS.finditer(text, lo, hi):
        yield m, m.group(1).lower()


def site_name(host: str) -> str | None:
    """The distinctive label of a host: ``www.scmxtz.com`` -> ``scmxtz``."""
    labels = host.split(".")
    while labels and labels[0] in ("www", "m", "wap"):
        labels = labels[1:]
    while labels and labels[-1] in _SUFFIX_LABELS:
        labels = labels[:-1]
    if not labels:
        return None
    name = labels[-1]
    if len(name) < 4 or not name.isalnum() or name.isdigit():
        return None
    return name


# --- spam ---------------------------------------------------------------------------


@register
class Spam(PatternCheck):
    """Injected advertising: the ``pattern`` kind, plus the name of a website
    that is not a government one, used in the text as a word."""

    kind = "spam"
    params = {
        **PatternCheck.params,
        "site_names": Param("bool", default=True,
                            doc="also report the name of a non-government website of the text "
                            "used elsewhere as a word (scmxtz区 next to www.scmxtz.com)"),
        "allowed": Param("list[str]", default=["gov.cn"],
                         doc="domains (and their subdomains) that are government websites"),
    }
    message_args = ("match", "site")
    variants = ("default", "site_name")

    def check(self, report: Report, ctx):
        hits = list(super().check(report, ctx))
        if self.values["site_names"]:
            hits.extend(self.site_name_hits(report, [h.span for h in hits]))
        hits.sort(key=lambda h: (h.span.start, h.span.end))
        return hits

    def site_name_hits(self, report: Report, taken: list[Span]):
        norm = report.norm
        text = norm.text
        regions = list(doc_regions(report))
        found: dict[str, str] = {}
        inside: list[tuple[int, int]] = []
        for lo, hi in regions:
            for m, host in addresses(text, lo, hi):
                inside.append((m.start(), m.end()))
                if not is_allowed_host(host, self.values["allowed"]):
                    name = site_name(host)
                    if name:
                        found.setdefault(name, m.group())
        if not found:
            return
        names = re.compile(r"(?<![A-Za-z0-9.@/\-])(" + "|".join(map(re.escape, found))
                           + r")(?![A-Za-z0-9\-])", re.IGNORECASE)
        inside.sort()
        starts = [a for a, _ in inside]
        taken = sorted((s.start, s.end) for s in taken)
        taken_starts = [a for a, _ in taken]
        for lo, hi in regions:
            for m in names.finditer(text, lo, hi):
                i = bisect_right(starts, m.start()) - 1
                if i >= 0 and m.start() < inside[i][1]:
                    continue  # part of the address itself
                span = Span(*norm.span_to_orig(m.start(), m.end()))
                j = bisect_right(taken_starts, span.start) - 1
                if (j >= 0 and span.start < taken[j][1]) or (
                        j + 1 < len(taken) and taken[j + 1][0] < span.end):
                    continue  # already reported by a pattern
                yield Hit(span, {"match": m.group(), "site": found[m.group(1).lower()]},
                          variant="site_name")


# --- foreign_website ------------------------------------------------------------------

_SENTENCE = 300
_STOPS = SENTENCE_END + "\n"


@register
class ForeignWebsite(Check):
    """A web address that is not a government domain in a sentence that tells
    where the report can be downloaded or whom to contact."""

    kind = "foreign_website"
    params = {
        "allowed": Param("list[str]", default=["gov.cn"],
                         doc="domains (and their subdomains) that are accepted"),
        "sentence": Param("regex", default=r"电子版|下载|查阅|联系|咨询|疑问",
                          doc="only addresses in a sentence matching this are checked "
                          "(empty: every address)"),
    }
    message_args = ("address", "host")

    def check(self, report: Report, ctx):
        norm = report.norm
        text = norm.text
        sentence = self.values["sentence"]
        for lo, hi in doc_regions(report):
            for m, host in addresses(text, lo, hi):
                if is_allowed_host(host, self.values["allowed"]):
                    continue
                if sentence.pattern:
                    # the sentence around the address (at most _SENTENCE characters each side)
                    wlo = max(lo, m.start() - _SENTENCE)
                    whi = min(hi, m.end() + _SENTENCE)
                    a = max(wlo - 1, *(text.rfind(c, wlo, m.start()) for c in _STOPS)) + 1
                    ends = [e for e in (text.find(c, m.end(), whi) for c in _STOPS) if e >= 0]
                    b = min(ends) if ends else whi
                    if not sentence.search(text, a, b):
                        continue
                yield Hit(Span(*norm.span_to_orig(m.start(), m.end())),
                          {"address": m.group(), "host": host})
