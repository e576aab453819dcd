"""Check kind ``web_debris``: web-page residue (ICP numbers, 主办/承办 footers,
share bars, breadcrumbs, leaked HTML/Word markup).  A line that is nothing but
debris is deleted whole by ``--fix``; debris inside a line is deleted where it
stands."""

from __future__ import annotations

from gialint.checks.base import Check, Edit, Hit, Param, register
from gialint.lines import LineIndex
from gialint.model import Report, Span
from gialint.regexfast import compile_scanner

_SHOW = 40  # longest excerpt quoted in a message


def _excerpt(s: str) -> str:
    s = " ".join(s.split())
    return s if len(s) <= _SHOW else s[: _SHOW - 1] + "…"


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
                       for rx in self.values["inline_patterns"]]
        # one fullmatch with the alternation instead of one per pattern, for every line
        self.whole_line = self._alternation(self.values["line_patterns"])
        self.tail_line = self._alternation(self.values["tail_line_patterns"])

        # one search with the alternation tells most lines apart from debris
        # before five searches do (a match of the union is a match of one of them)
        self.inline_any = self._alternation(self.values["inline_patterns"], fast=compile_scanner)

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
        lines = LineIndex(text).spans()  # line k of the normalised text is line k of Source.text
        n = len(lines)
        BLANK, WHOLE, TAIL, OTHER = 0, 1, 2, 3
        state = [OTHER] * n
        trimmed: list[tuple[int, int]] = [(0, 0)] * n
        inline: dict[int, list[tuple[int, int]]] = {}
        maxlen = self.values["max_line_length"]
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
        fix = (Edit(starts[first], end, ""),) if self.values["fix"] else ()
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
            fix = (Edit(*norm.span_to_orig(da, db), ""),) if self.values["fix"] else ()
            line = src.location(oa, oa).line
            yield Hit(Span(oa, ob), {"match": _excerpt(src.text[oa:ob]), "lines": "1",
                                     "first_line": str(line), "last_line": str(line)}, fix=fix)
