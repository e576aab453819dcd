"""Check kind ``doubled_word``: a word or character typed twice in a row.

``的的``, ``审核审核``, ``资金资金`` are slips; ``常常``, ``层层``, ``研究研究``,
``认认真真`` are Chinese.  Chinese reduplicates freely (AA, AABB, ABAB), so
this kind is built for precision, not recall:

* a doubled single character is a finding only for the function words of
  ``chars`` (的 了 在 和 是 …), never for other characters (``县县通``,
  ``人人``, ``全县县直单位`` are right); and not when the first copy ends a
  word of ``words`` or the second starts one (``目的的``, ``为了了解``,
  ``正在在线``, ``针对对象``, ``涉及及时``, ``关键是是否``);
* a doubled unit of ``min_len`` … ``max_len`` characters (``审核审核``) is a
  finding unless it opens with a numeral or 每 (``numeral_units``: ``一步一步``,
  ``一个一个``);
* a double that shares a character with an occurrence of an ``allowed``
  string is right: the reduplications and idioms that contain a doubling
  (``的的确确``, ``不了了之``, ``实实在在``, ``研究研究``), and the ABAC idioms
  that make one with the word before them (``同时适时适地``, ``履职尽职尽责``);
* web-page residue around it (``exclude_context``: a breadcrumb
  ``当前位置：首页政务公开政府信息公开政府信息公开年报``) is no text of the report;  The ABAB form of
  verbs (``研究研究``) cannot be told from a slip without a dictionary: the
  common ones are listed there, the rest would be reported (they are rare
  in the written register of these reports);
* only running text is read (paragraphs and headings, no table labels,
  cells, titles or signatures), only Chinese characters count (no numbers,
  no Latin), the two copies touch (no space or line end between them), and
  nothing inside quotes or book-title marks (``《…》``, ``“…”``: names and
  titles are quoted as they are).

``--fix`` removes the second copy of a doubled single character (``的的`` →
``的``), where no other reading is possible; longer doubles are reported
without a fix (``fix_max_len``).
"""

from __future__ import annotations

import re

from gialint.checks.base import Check, Edit, Hit, Param, register
from gialint.checks.pattern import in_excluded_context
from gialint.chinese import CJK_UNIFIED
from gialint.model import Report, Span

_QUOTES = {"《": "》", "“": "”", "「": "」", "『": "』", "〈": "〉"}
_OPENING = re.compile("[" + "".join(_QUOTES) + "]")


@register
class DoubledWord(Check):
    """A word or a function character typed twice in a row."""

    kind = "doubled_word"
    params = {
        "chars": Param("list[str]", default=["的", "了", "在", "和", "是", "与", "及"],
                       doc="single characters whose doubling is a slip"),
        "words": Param("list[str]", default=[],
                       doc="words that begin or end with one of `chars`: a doubled character is "
                       "right where its first copy ends one or its second copy begins one "
                       "(目的的, 为了了解)"),
        "allowed": Param("list[str]", default=[],
                         doc="reduplications and idioms: a doubling inside one of them is right "
                         "(的的确确, 研究研究)"),
        "min_len": Param("int", default=2, doc="the shortest doubled unit of several characters"),
        "max_len": Param("int", default=6, doc="the longest doubled unit"),
        "numeral_units": Param("str", default="一两几半每",
                               doc="a doubled unit that opens with one of these is right (一步一步)"),
        "fix_max_len": Param("int", default=1,
                             doc="--fix removes the second copy of doubled units up to this length"),
        "exclude_context": Param("list[regex]", default=[],
                                 doc="a double is ignored when one of these matches text around it "
                                 "(within `context` characters) that overlaps it (a breadcrumb "
                                 "当前位置：首页政务公开政府信息公开政府信息公开年报)"),
        "context": Param("int", default=80, doc="how far `exclude_context` looks on each side"),
        "regions": Param("list[str]", default=["paragraphs", "headings"],
                         choices=("paragraphs", "headings"), doc="where to look"),
    }
    message_args = ("word", "match")

    def setup(self) -> None:
        chars = set(self.values["chars"])
        self.chars = chars
        self.ends: dict[str, list[str]] = {c: [] for c in chars}
        self.starts: dict[str, list[str]] = {c: [] for c in chars}
        for w in self.values["words"]:
            if len(w) < 2:
                continue
            if w[-1] in chars:
                self.ends[w[-1]].append(w)
            if w[0] in chars:
                self.starts[w[0]].append(w)
        self.allowed = sorted(set(self.values["allowed"]), key=len, reverse=True)
        self.exclude_context = [self.compile(p.pattern) for p in self.values["exclude_context"]]
        single = "".join(re.escape(c) for c in sorted(chars) if len(c) == 1)
        lo, hi = self.values["min_len"], self.values["max_len"]
        # the leftmost double, a function character first, else the longest unit
        self.double = re.compile((f"([{single}])\\1|" if single else "(?!)()|")
                                 + f"({CJK_UNIFIED}{{{lo},{hi}}})\\2")

    def check(self, report: Report, ctx):
        text = report.norm.text
        for tok in report.regions(*self.values["regions"]):
            yield from self._scan(report, text, tok.start, tok.end)

    def _scan(self, report: Report, text: str, lo: int, hi: int):
        quoted = _quoted(text, lo, hi)
        q = 0
        pos = lo
        while True:
            m = self.double.search(text, pos, hi)
            if m is None:
                return
            i = m.start()
            while q < len(quoted) and quoted[q][1] <= i:
                q += 1
            if q < len(quoted) and quoted[q][0] <= i:
                pos = quoted[q][1]  # inside quotes or book-title marks
                continue
            k = len(m.group(1) or m.group(2))
            if k > 1 and len(set(m.group(2))) == 1 or not self._slip(text, i, k):
                pos = i + 1
                continue
            end = m.end()
            while k == 1 and end < hi and text[end] == text[i]:  # 的的的: one finding
                end += 1
            yield self._hit(report, text, i, k, end)
            pos = end

    def _slip(self, text: str, i: int, k: int) -> bool:
        """Whether the doubled unit ``text[i:i+k]`` at ``i`` is a slip."""
        j = i + k  # where the second copy starts
        end = i + 2 * k
        for s in self.allowed:
            # an occurrence of an allowed string that shares a character with the
            # double: 的的确确 covers 的的, 适时适地 overlaps 同时适时适地's 时适时适
            pos = text.find(s, max(0, i - len(s) + 1), end + len(s) - 1)
            if pos != -1:
                return False
        if self.exclude_context and in_excluded_context(text, i, end, self.exclude_context,
                                                        self.values["context"]):
            return False
        if k == 1:
            c = text[i]
            if any(text.startswith(w, i + 1 - len(w)) for w in self.ends[c]):
                return False
            if any(text.startswith(w, j) for w in self.starts[c]):
                return False
            return True
        return text[i] not in self.values["numeral_units"]

    def _hit(self, report: Report, text: str, i: int, k: int, end: int) -> Hit:
        norm = report.norm
        span = Span(*norm.span_to_orig(i, end))
        fix = ()
        if k <= self.values["fix_max_len"]:
            a, b = norm.span_to_orig(i + k, end)
            fix = (Edit(a, b, ""),)
        return Hit(span, {"word": text[i:i + k], "match": report.source.text[span.start:span.end]},
                   fix=fix)


def _quoted(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The stretches of ``text[lo:hi]`` inside quotes or book-title marks, in order
    (an unclosed one runs to ``hi``)."""
    out = []
    i = lo
    while True:
        m = _OPENING.search(text, i, hi)
        if m is None:
            return out
        close = text.find(_QUOTES[m.group()], m.end(), hi)
        end = close + 1 if close != -1 else hi
        out.append((m.start(), end))
        i = end
