"""Check kind ``enumeration``: numbered items in running text that skip or repeat.

Reports list their points inside a paragraph or over several paragraphs:
``一是…二是…三是``, ``第一，…第二，…``, ``首先…其次…再次``, ``1.…2.…``,
``（1）…（2）…``.  (Circled numbers ①② are no family: normalisation
folds them to digits.)  A rule gives the marker families as data
(``families``): a regular expression whose group ``n`` is the number, and
how to read that number.

Markers are looked for in runs of paragraphs: a heading, a table or the
closing block ends a run, so every sub-section starts afresh.  Inside a run
a marker numbered 1 always opens a new list (a nested list, or the next
list of the paragraph: ``问题：一是…二是…。措施：一是…``) and never is a
finding.  Any other marker continues the innermost open list it can follow
(``三是`` after a nested ``一是…二是`` may continue the outer list); when it
follows none:

* a number past the next one is a gap (``一是…三是``: ``二是`` is missing),
  unless the missing number is written in another way between the two
  (``二要``, ``其二``, a marker without the punctuation before it);
* a number already used is a repeat (``四是…四是``).

With ``report = "single"`` the kind reports instead a first point with no
second one after it in the run, written in any way (``一是`` and nothing
more: seed 002), for the families marked ``single``.

A list whose first marker is not 1 has nothing to compare with (its first
item may be phrased otherwise: ``首先…二是``; a number before a full stop in
an ASCII-punctuated text is no marker: ``受理数:3.办结数:3.``): its gaps and
repeats are not findings.

Markers must stand at the start of a paragraph or after punctuation
(``boundary``), so ``统一是``, ``排名第二，`` or ``2023.1`` are none; the
families' patterns exclude ``第一季度``, ``第一时间``, ``第二十条`` (第 +
numeral only before a comma or colon) and decimals (``1.5``).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from gialint.checks.base import Check, Hit, Param, ParamError, register
from gialint.chinese import NUMERALS, cn_number
from gialint.model import Report, Span, region_of

_NUMBERS = ("chinese", "arabic", "words")

_FAMILY = {
    "name": Param("str", required=True, doc="the family's name, for messages (一是)"),
    "pattern": Param("regex", required=True,
                     doc="a marker; the named group `n` is its number"),
    "numbers": Param("str", default="chinese", choices=_NUMBERS,
                     doc="how `n` is read: chinese (一 … 九十九), arabic (1, 12), "
                     "words (its place in `words`, from 1)"),
    "words": Param("list[str]", default=[], doc="numbers = words: the words in their order"),
    "boundary": Param("bool", default=True,
                      doc="the marker must open a paragraph or follow punctuation (`boundary_chars`)"),
    "single": Param("bool", default=False,
                    doc="report = single: a first point without a second one is reported"),
    "aliases": Param("list[str]", default=[],
                     doc="other ways to write a number ({n}: the number as the family writes it); "
                     "one of them for a missing number between two markers cancels the gap"),
}


@dataclass
class _Marker:
    value: int
    start: int  # normalised offsets of the marker (the regex match, lookarounds left out)
    end: int
    n_start: int  # where group n is
    n_end: int
    strict: bool = True  # opens a paragraph or follows punctuation (or needs neither)

    def text(self, norm_text: str) -> str:
        return norm_text[self.start:self.end]


@dataclass
class _List:
    last: int
    marker: _Marker
    seen: dict[int, _Marker] = field(default_factory=dict)

    @property
    def value_first(self) -> int:
        return min(self.seen)


def chinese_numeral(v: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 23 → 二十三 (1 … 99)."""
    tens, ones = divmod(v, 10)
    out = ""
    if tens:
        out = ("" if tens == 1 else NUMERALS[tens - 1]) + "十"
    if ones:
        out += NUMERALS[ones - 1]
    return out


@register
class Enumeration(Check):
    """Numbered items of running text whose numbers skip or repeat."""

    kind = "enumeration"
    params = {
        "families": Param("list[table]", required=True, fields=_FAMILY,
                          doc="the marker families; each is checked on its own"),
        "boundary_chars": Param("str", default="，,。；;：:！!？?、)）]】」』”\"",
                                doc="what may stand before a marker (besides a paragraph's start, "
                                "a line end or spaces)"),
        "max_number": Param("int", default=30, doc="larger numbers are no markers"),
        "report": Param("str", default="sequence", choices=("sequence", "single"),
                        doc="sequence: numbers that skip or repeat; single: a list of a family with "
                        "`single = true` that has its first point and no second one"),
    }
    message_args = ("marker", "missing", "previous", "family")
    variants = ("default", "repeated", "previous", "first")

    def setup(self) -> None:
        self.patterns = []
        for i, fam in enumerate(self.values["families"]):
            pattern = self.compile(fam["pattern"].pattern)
            if "n" not in pattern.groupindex:
                raise ParamError(("families", i, "pattern"), "the pattern has no group named n")
            self.patterns.append(pattern)
            if fam["numbers"] == "words" and not fam["words"]:
                raise ParamError(("families", i, "words"), "numbers = words needs a list of words")

    def check(self, report: Report, ctx):
        text = report.norm.text
        runs = _runs(report)
        toks = [tok for run in runs for tok in run]
        starts = [tok.start for tok in toks]
        run_of = [r for r, run in enumerate(runs) for _ in run]
        single = self.values["report"] == "single"
        for fam, pattern in zip(self.values["families"], self.patterns, strict=True):
            if single and not fam["single"]:
                continue
            by_run: dict[int, list[_Marker]] = {}
            for t, mk in self._markers(text, toks, starts, fam, pattern):
                by_run.setdefault(run_of[t], []).append(mk)
            for r, markers in by_run.items():
                if single:
                    yield from self._check_single(report, text, runs[r], fam, markers)
                else:
                    yield from self._check_family(report, text, fam, markers)

    # -- one family in one run of paragraphs ------------------------------------

    def _value(self, fam: dict, n: str) -> int | None:
        how = fam["numbers"]
        if how == "chinese":
            v = cn_number(n)
        elif how == "arabic":
            v = int(n) if n.isdigit() else None
        else:
            v = fam["words"].index(n) + 1 if n in fam["words"] else None
        return v if v is not None and 0 < v <= self.values["max_number"] else None

    def _render(self, fam: dict, v: int) -> str:
        how = fam["numbers"]
        if how == "chinese":
            return chinese_numeral(v)
        if how == "arabic":
            return str(v)
        return fam["words"][v - 1] if v <= len(fam["words"]) else str(v)

    def _markers(self, text: str, toks: list, starts: list[int], fam: dict, pattern):
        """(index of the segment, marker) of every match inside a segment of ``toks``."""
        chars = self.values["boundary_chars"]
        for m in pattern.finditer(text):
            if m.end() == m.start():
                continue
            t = bisect_right(starts, m.start()) - 1
            if t < 0 or m.end() > toks[t].end:
                continue
            v = self._value(fam, m.group("n"))
            if v is None:
                continue
            strict = not fam["boundary"] or _at_boundary(text, m.start(), toks[t].start, chars)
            yield t, _Marker(v, m.start(), m.end(), m.start("n"), m.end("n"), strict)

    def _written_between(self, text: str, fam: dict, markers: list[_Marker], a: int, b: int,
                         missing: list[int]) -> bool:
        """Whether one of the ``missing`` numbers is written between offsets
        ``a`` and ``b``: as a marker without the punctuation before it, or as
        one of the family's aliases."""
        if any(a <= mk.start and mk.end <= b and mk.value in missing for mk in markers):
            return True
        between = text[a:b]
        for v in missing:
            n = self._render(fam, v)
            if any(alias.replace("{n}", n) in between for alias in fam["aliases"]):
                return True
        return False

    def _check_single(self, report: Report, text: str, run: list, fam: dict, markers: list[_Marker]):
        """Lists of this family that have their first point and no other one
        anywhere after it in the run (the second in any of the family's writings)."""
        end = run[-1].end
        for mk in markers:
            if mk.value != 1 or not mk.strict:
                continue
            if any(m.value > 1 and m.start >= mk.end for m in markers):
                continue  # 一是…三是: a gap, GIA721's
            if self._written_between(text, fam, markers, mk.end, end, [2]):
                continue
            second = text[mk.start:mk.n_start] + self._render(fam, 2) + text[mk.n_end:mk.end]
            args = {"marker": mk.text(text), "missing": second, "previous": mk.text(text),
                    "family": fam["name"]}
            yield Hit(Span(*report.norm.span_to_orig(mk.start, mk.end)), args)

    def _check_family(self, report: Report, text: str, fam: dict, markers: list[_Marker]):
        if sum(mk.strict for mk in markers) < 2:
            return
        stack: list[_List] = []
        gaps: set[int] = set()  # markers reported as a gap
        for mk in markers:
            if mk.value == 1:
                # a new list, wherever it stands (after a run-in heading without punctuation too)
                stack.append(_List(1, mk, {1: mk}))
                continue
            for i in range(len(stack) - 1, -1, -1):
                if mk.value == stack[i].last + 1:
                    del stack[i + 1:]
                    lst = stack[i]
                    lst.last, lst.marker = mk.value, mk
                    lst.seen.setdefault(mk.value, mk)
                    break
            else:
                if not mk.strict:
                    continue  # a number inside a sentence (统一是) says nothing of the lists
                if not stack:
                    stack.append(_List(mk.value, mk, {mk.value: mk}))
                    continue
                lst = stack[-1]
                prev = lst.marker
                # a list that does not start at 1 (数量:3. … 数量:3.) is none we can judge
                judged = lst.value_first == 1
                if judged and mk.value > lst.last + 1:
                    missing = list(range(lst.last + 1, mk.value))
                    if not self._written_between(text, fam, markers, prev.end, mk.start, missing):
                        gaps.add(mk.start)
                        yield self._hit(report, text, fam, mk, prev, "default", missing)
                elif judged:
                    first = lst.seen.get(mk.value, prev)
                    # 一是…三是…三是: one slip (the first 三是 is the missing 二是), reported once
                    if first.start not in gaps:
                        yield self._hit(report, text, fam, mk, first, "repeated", [])
                lst.last, lst.marker = mk.value, mk
                lst.seen.setdefault(mk.value, mk)

    def _hit(self, report: Report, text: str, fam: dict, mk: _Marker, other: _Marker,
             variant: str, missing: list[int]) -> Hit:
        marker = mk.text(text)
        shown = []
        for v in missing:
            # the missing marker as this one is written: 三是 → 二是, (3) → (2)
            shown.append(text[mk.start:mk.n_start] + self._render(fam, v) + text[mk.n_end:mk.end])
        other_text = other.text(text)
        args = {"marker": marker, "missing": "、".join(shown), "previous": other_text,
                "family": fam["name"]}
        span = Span(*report.norm.span_to_orig(mk.start, mk.end))
        rel_variant = "first" if variant == "repeated" else "previous"
        related = [(Span(*report.norm.span_to_orig(other.start, other.end)), {**args, "previous": other_text},
                    rel_variant)]
        return Hit(span, args, variant=variant, related=related)


def _at_boundary(text: str, start: int, lo: int, chars: str) -> bool:
    """The marker at ``start`` opens its segment (from ``lo``) or a line, or
    follows one of ``chars`` (spaces between skipped)."""
    i = start
    while i > lo and text[i - 1] in " \u3000\t":
        i -= 1
    return i == lo or text[i - 1] == "\n" or text[i - 1] in chars


def _runs(report: Report) -> list[list]:
    """Runs of consecutive paragraphs (TEXT segments); anything else ends a run."""
    runs: list[list] = []
    cur: list = []
    for tok in report.tokens:
        if region_of(tok) == "paragraph":
            cur.append(tok)
            continue
        if cur:
            runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    return runs

