"""Check kinds: contamination -- text that is not the report's own.

* ``web_debris``: web-page residue (ICP numbers, 主办/承办 footers, share
  bars, breadcrumbs, leaked HTML/Word markup).  A line that is nothing but
  debris is deleted whole by ``--fix``; debris inside a line is deleted
  where it stands.
* ``spam``: injected advertising (the ``pattern`` kind with one more
  source of evidence: the name of a non-government website found in the
  text, used elsewhere as a word, ``scmxtz区``).
* ``foreign_website``: a web address in the download/contact sentence that
  is not a government domain.
* ``pinyin_annotation`` / ``traditional_chars``: mirror sites that convert
  the text to traditional characters and annotate it with pinyin; one
  finding per file each.
* ``foreign_place``: a local newspaper of another province (《今日定安》 in a
  平潭 report), a sign of text copied from another organ's report.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from functools import lru_cache
from pathlib import Path

from gialint import saferegex
from gialint.checks.base import Check, Edit, Hit, Param, ParamError, register
from gialint.checks.pattern import PatternCheck
from gialint.model import Report, Span
from gialint.normalize import translate_chars
from gialint.regexfast import compile_scanner

_SHOW = 40  # longest excerpt quoted in a message


def _excerpt(s: str) -> str:
    s = " ".join(s.split())
    return s if len(s) <= _SHOW else s[: _SHOW - 1] + "…"


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line of a normalised text (which has only \\n)."""
    out = []
    pos = 0
    for chunk in text.split("\n"):
        out.append((pos, pos + len(chunk)))
        pos += len(chunk) + 1
    return out


# --- web_debris ---------------------------------------------------------------


@register
class WebDebris(Check):
    """Web-page residue: whole lines, or spans inside a line.

    A line (trimmed) is debris when a ``line_patterns`` regex matches all of
    it, or when ``inline_patterns`` matches cover it up to whitespace.
    ``tail_line_patterns`` describe lines that are debris only when nothing
    but debris and blank lines follows them (``附件:`` with nothing attached).
    Consecutive debris lines are one finding, whose fix deletes them with
    their line ends; debris inside a line is one finding per stretch, whose
    fix deletes it with the spaces after it.
    """

    kind = "web_debris"
    params = {
        "line_patterns": Param("list[regex]", default=[],
                               doc="a line that one of these matches completely is debris"),
        "tail_line_patterns": Param("list[regex]", default=[],
                                    doc="as line_patterns, but only when nothing except debris "
                                    "and blank lines follows"),
        "inline_patterns": Param("list[regex]", default=[],
                                 doc="debris wherever it stands; a line made only of these is a "
                                 "debris line"),
        "max_line_length": Param("int", default=120,
                                 doc="a longer line is never a debris line as a whole"),
        "fix": Param("bool", default=True, doc="offer --fix edits that delete the debris"),
    }
    message_args = ("match", "lines", "first_line", "last_line")
    variants = ("default", "block")

    def setup(self) -> None:
        self.inline = [self.compile(rx.pattern, fast=compile_scanner)
                       for rx in self.p["inline_patterns"]]
        # one fullmatch with the alternation instead of one per pattern, for every line
        self.whole_line = self._alternation(self.p["line_patterns"])
        self.tail_line = self._alternation(self.p["tail_line_patterns"])

        # one search with the alternation tells most lines apart from debris
        # before five searches do (a match of the union is a match of one of them)
        self.inline_any = self._alternation(self.p["inline_patterns"], fast=compile_scanner)

    def inline_spans(self, text: str, lo: int, hi: int) -> list[tuple[int, int]]:
        if self.inline_any is None or not self.inline_any.search(text, lo, hi):
            return []
        spans = []
        for rx in self.inline:
            for m in rx.finditer(text, lo, hi):
                if m.end() > m.start():
                    spans.append((m.start(), m.end()))
        spans.sort()
        merged: list[list[int]] = []
        for a, b in spans:
            # overlapping, touching or separated by spaces only: one stretch
            if merged and (a <= merged[-1][1] or not text[merged[-1][1]:a].strip()):
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        return [(a, b) for a, b in merged]

    def _alternation(self, regexes, fast=None):
        if not regexes:
            return None
        return self.compile("|".join(f"(?:{rx.pattern})" for rx in regexes), fast=fast)

    def check(self, report: Report, ctx):
        norm = report.norm
        text = norm.text
        lines = _lines(text)
        n = len(lines)
        BLANK, WHOLE, TAIL, OTHER = 0, 1, 2, 3
        state = [OTHER] * n
        trimmed: list[tuple[int, int]] = [(0, 0)] * n
        inline: dict[int, list[tuple[int, int]]] = {}
        maxlen = self.p["max_line_length"]
        for i, (a, b) in enumerate(lines):
            seg = text[a:b]
            la = a + len(seg) - len(seg.lstrip())
            lb = b - (len(seg) - len(seg.rstrip()))
            trimmed[i] = (la, lb)
            if la >= lb:
                state[i] = BLANK
                continue
            spans = self.inline_spans(text, la, lb)
            short = lb - la <= maxlen
            if short and ((self.whole_line and self.whole_line.fullmatch(text, la, lb))
                          or (len(spans) == 1 and spans[0] == (la, lb))):
                state[i] = WHOLE
            elif short and self.tail_line and self.tail_line.fullmatch(text, la, lb):
                state[i] = TAIL
            elif spans:
                inline[i] = spans
        # a tail line is debris only when nothing but debris follows it
        only_debris_after = True
        for i in range(n - 1, -1, -1):
            if state[i] == BLANK:
                continue
            if state[i] == TAIL:
                state[i] = WHOLE if only_debris_after else OTHER
            if state[i] != WHOLE:
                only_debris_after = False
        # consecutive debris lines (blank lines between them) are one finding
        i = 0
        while i < n:
            if state[i] != WHOLE:
                if i in inline:
                    yield from self.inline_hits(report, inline[i])
                i += 1
                continue
            first = last = i
            j = i + 1
            while j < n and state[j] in (WHOLE, BLANK):
                if state[j] == WHOLE:
                    last = j
                j += 1
            yield self.block_hit(report, first, last, trimmed, sum(
                1 for k in range(first, last + 1) if state[k] == WHOLE))
            i = last + 1

    def block_hit(self, report: Report, first: int, last: int, trimmed, count: int) -> Hit:
        norm = report.norm
        src = report.source
        a = trimmed[first][0]
        b = trimmed[last][1]
        span = Span(*norm.span_to_orig(a, b))
        starts = src.line_starts
        end = starts[last + 1] if last + 1 < len(starts) else len(src.text)
        fa, fb = norm.span_to_orig(*trimmed[first])
        # line numbers as the finding's location counts them (an HTML page's own lines)
        where = src.location(span.start, span.end)
        args = {"match": _excerpt(src.text[fa:fb]), "lines": str(count),
                "first_line": str(where.line), "last_line": str(where.end_line)}
        fix = (Edit(starts[first], end, ""),) if self.p["fix"] else ()
        return Hit(span, args, variant="block" if count > 1 else "default", fix=fix)

    def inline_hits(self, report: Report, spans: list[tuple[int, int]]):
        norm = report.norm
        text = norm.text
        src = report.source
        for a, b in spans:
            # delete the spaces after the debris too (before it, at the end of a line)
            da, db = a, b
            while db < len(text) and text[db] == " ":
                db += 1
            if db == len(text) or text[db] == "\n":
                db = b
                while da > 0 and text[da - 1] == " ":
                    da -= 1
            oa, ob = norm.span_to_orig(a, b)
            fix = (Edit(*norm.span_to_orig(da, db), ""),) if self.p["fix"] else ()
            line = src.location(oa, oa).line
            yield Hit(Span(oa, ob), {"match": _excerpt(src.text[oa:ob]), "lines": "1",
                                     "first_line": str(line), "last_line": str(line)}, fix=fix)


# --- web addresses ---------------------------------------------------------------

_TLDS = (
    "com|cn|net|org|gov|edu|info|biz|top|xyz|vip|club|site|online|shop|cc|tv|me|io|co|hk"
    "|tw|mo|asia|ltd|wang|ink|pro|store|tech|fun|live|icu|cyou|work|link|pw|la|ws"
)
_SUFFIX_LABELS = frozenset(_TLDS.split("|"))
ADDRESS = saferegex.LazyPattern(  # compiled when a text has a dot
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


_DOC_TYPES = ("TITLE", "HEADING", "SUBHEADING", "TEXT", "TABLE_LABEL", "SIGNER", "DATE_LINE")


def _doc_regions(report: Report):
    """(start, end) of the title and body tokens in the normalised text."""
    for tok in report.tokens:
        if tok.type in _DOC_TYPES:
            yield tok.start, tok.end


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
        if self.p["site_names"]:
            hits.extend(self.site_name_hits(report, [h.span for h in hits]))
        hits.sort(key=lambda h: (h.span.start, h.span.end))
        return hits

    def site_name_hits(self, report: Report, taken: list[Span]):
        norm = report.norm
        text = norm.text
        regions = list(_doc_regions(report))
        found: dict[str, str] = {}
        inside: list[tuple[int, int]] = []
        for lo, hi in regions:
            for m, host in addresses(text, lo, hi):
                inside.append((m.start(), m.end()))
                if not is_allowed_host(host, self.p["allowed"]):
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
_STOPS = "。!?；;\n"


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
        sentence = self.p["sentence"]
        for lo, hi in _doc_regions(report):
            for m, host in addresses(text, lo, hi):
                if is_allowed_host(host, self.p["allowed"]):
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


# --- pinyin annotations, traditional characters --------------------------------------


@register
class PinyinAnnotations(Check):
    """Pinyin in parentheses after characters (``會(huì)``), as mirror sites
    add them: one finding per file, with a fix that removes every annotation.

    The annotations are the ones ``normalize`` recognises and deletes."""

    kind = "pinyin_annotation"
    params = {
        "min_count": Param("int", default=5,
                           doc="report only from this many annotations on (a report may gloss "
                           "a rare character)"),
    }
    message_args = ("count", "example")

    def check(self, report: Report, ctx):
        anns = report.norm.annotations()
        if not anns or len(anns) < self.p["min_count"]:
            return
        s, e = anns[0]
        start = max(0, s - 1)  # with the annotated character
        args = {"count": str(len(anns)), "example": report.source.text[start:e]}
        yield Hit(Span(start, e), args, fix=tuple(Edit(a, b, "") for a, b in anns))


def _is_unified(c: str) -> bool:
    o = ord(c)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x3134F


_CJK = saferegex.LazyPattern("[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0003134f]")  # only when traditional characters abound


@register
class TraditionalChars(Check):
    """Traditional characters in a mainland report: characters that the
    traditional → simplified table of ``normalize`` changes into another
    character (those written alike in both scripts do not count).  One
    finding per file, at the first one; no fix (the conversion is not
    certain: 乾/干, 於/于 …)."""

    kind = "traditional_chars"
    params = {
        "min_count": Param("int", default=10, doc="report only from this many characters on"),
        "min_permille": Param("int", default=10,
                              doc="… and when they are at least this share (‰) of all Chinese "
                              "characters (a name written in traditional characters is not "
                              "a converted text)"),
    }
    message_args = ("count", "distinct", "example", "permille")

    def check(self, report: Report, ctx):
        orig = report.source.text
        if _traditional().isdisjoint(orig):  # the usual case: nothing to count
            return
        simp = translate_chars(orig)
        first = None
        count = 0
        distinct: Counter = Counter()
        for i, (a, b) in enumerate(zip(orig, simp, strict=True)):
            if a != b and _is_unified(a) and _is_unified(b):
                count += 1
                distinct[a] += 1
                if first is None:
                    first = i
        if first is None or count < self.p["min_count"]:
            return
        total = len(_CJK.findall(orig))
        permille = count * 1000 // max(total, 1)
        if permille < self.p["min_permille"]:
            return
        example = f"{orig[first]}→{simp[first]}"
        yield Hit(Span(first, first + 1), {"count": str(count), "distinct": str(len(distinct)),
                                            "example": example, "permille": str(permille)})


@lru_cache(maxsize=1)
def _traditional() -> frozenset[str]:
    """Characters the normaliser turns into another Chinese character."""
    from gialint.normalize import _table

    return frozenset(chr(k) for k, v in _table().items()
                     if k != v and _is_unified(chr(k)) and _is_unified(chr(v)))


# --- foreign_place -----------------------------------------------------------------------

_PLACES_PATH = Path(__file__).resolve().parent.parent / "data" / "places.txt"
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
    }
    message_args = ("match", "place", "province", "home")

    def setup(self) -> None:
        table = {k: set(v) for k, v in places().items()}
        for province, names in self.p["extra_places"].items():
            for name in names:
                table.setdefault(name, set()).add(province)
        for name in self.p["ignore_places"]:
            table.pop(name, None)
        self.table = table
        alternation = "|".join(sorted(map(re.escape, table), key=len, reverse=True))
        self.any_place = saferegex.LazyPattern(f"(?:{alternation})")
        slot = f"(?P<place>{alternation}){_PLACE_SUFFIX}"
        self.patterns = []
        for i, p in enumerate(self.p["patterns"]):
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
        names = [report.organ, report.title.organ if report.title else None]
        names += [s.signer for s in report.signatures]
        home: set[str] = set()
        for name in names:
            if name:
                home |= self.provinces_in(name)
        if home:
            return home
        counts: Counter = Counter()
        for lo, hi in _doc_regions(report):
            for m in self.any_place.finditer(report.norm.text, lo, hi):
                provinces = self.table[m.group()]
                if len(provinces) == 1:
                    counts[next(iter(provinces))] += 1
        ranked = counts.most_common(2)
        if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
            return {ranked[0][0]}
        return set()

    def check(self, report: Report, ctx):
        home = None
        norm = report.norm
        text = norm.text
        for lo, hi in _doc_regions(report):
            for rx in self.patterns:
                for m in rx.finditer(text, lo, hi):
                    if home is None:
                        home = self.home(report)
                    if not home:
                        return
                    place = m.group("place")
                    provinces = self.table[place]
                    if provinces & home:
                        continue
                    yield Hit(Span(*norm.span_to_orig(m.start(), m.end())), {
                        "match": m.group(), "place": place,
                        "province": "、".join(sorted(provinces)), "home": "、".join(sorted(home)),
                    })
