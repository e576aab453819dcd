"""Check kinds ``pinyin_annotation`` and ``traditional_chars``: mirror sites
convert the text to traditional characters and annotate it with pinyin; one
finding per file each."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from gialint.checks.base import Check, Edit, Hit, Param, register
from gialint.chinese import CJK_UNIFIED, is_unified
from gialint.model import Report, Span
from gialint.normalize import translate_chars
from gialint.saferegex import LazyPattern

# --- pinyin annotations, traditional characters --------------------------------------


@register
class PinyinAnnotations(Check):
    """Pinyin in parentheses after characters (``會(huì)``), as mirror sites
    add them: one finding per file, with a fix that removes every annotation.

    The annotations are the ones ``normalize`` recognises and deletes."""

    kind = "pinyin_annotation"
    params = {
        "min_count": Param("int", default=1, doc="report only from this many annotations on"),
        "common_only": Param("bool", default=True,
                             doc="count only annotations after common characters (GB2312 "
                             "level 1, traditional forms included): a report may gloss a rare "
                             "character (洨(xiáo)), a reposting site annotates common ones"),
    }
    message_args = ("count", "example")

    def check(self, report: Report, ctx):
        anns = report.norm.annotations()
        if self.values["common_only"]:
            text = report.source.text
            anns = [(a, b) for a, b in anns if a > 0 and _common(translate_chars(text[a - 1]))]
        if not anns or len(anns) < self.values["min_count"]:
            return
        s, e = anns[0]
        start = max(0, s - 1)  # with the annotated character
        args = {"count": str(len(anns)), "example": report.source.text[start:e]}
        yield Hit(Span(start, e), args, fix=tuple(Edit(a, b, "") for a, b in anns))


def _common(ch: str) -> bool:
    """A character of GB2312's first level (the 3,755 common ones: lead bytes B0–D7)."""
    try:
        lead = ch.encode("gb2312")[0]
    except UnicodeEncodeError:
        return False
    return 0xB0 <= lead <= 0xD7


_CJK = LazyPattern(CJK_UNIFIED)  # only when traditional characters abound


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
            if a != b and is_unified(a) and is_unified(b):
                count += 1
                distinct[a] += 1
                if first is None:
                    first = i
        if first is None or count < self.values["min_count"]:
            return
        total = len(_CJK.findall(orig))
        permille = count * 1000 // max(total, 1)
        if permille < self.values["min_permille"]:
            return
        example = f"{orig[first]}→{simp[first]}"
        yield Hit(Span(first, first + 1), {"count": str(count), "distinct": str(len(distinct)),
                                            "example": example, "permille": str(permille)})


@lru_cache(maxsize=1)
def _traditional() -> frozenset[str]:
    """Characters the normaliser turns into another Chinese character."""
    from gialint.normalize import _table

    return frozenset(chr(k) for k, v in _table().items()
                     if k != v and is_unified(chr(k)) and is_unified(chr(v)))
