"""Row labels worded differently from the template: ``其他法律、行政法规禁止公开的``,
``…行政机关不再处理其申请``, a lost character (``其他法律行政止公开``).

A row the reader could not bind (an unknown label with values) is bound to
the template row it resembles when the resemblance is close and unique among
the rows the table still lacks; the difference is then reported, and the
row's numbers are checked like any other row's.  Never a guess: two close
candidates, or a list number that disagrees, leave the row unknown.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

# the row's list marker (2., (三), 一、), compared apart from the words
_MARKER = re.compile(r"^(?:(\d+)[.、]|\(([一二三四五六七八九十]+)\)|([一二三四五六七八九十]+)、)")
# words that add nothing to a row label: a trailing 的, punctuation
_NOISE = re.compile(r"[,，、;；:：.。\"“”'‘’()（）\s]|的$")
# how close a label must be (difflib's ratio of the words), and how far ahead
# of the second best candidate
MIN_RATIO = 0.72
MIN_MARGIN = 0.08


def _split(label: str) -> tuple[str | None, str]:
    m = _MARKER.match(label)
    marker = next((g for g in m.groups() if g), None) if m else None
    words = label[m.end():] if m else label
    return marker, _NOISE.sub("", words)


def closest(label: str, candidates: list[tuple[str, object]]) -> tuple[object, float] | None:
    """The candidate (template label, value) whose label ``label`` is a rewording
    of, with its ratio; None when none is close or two are."""
    marker, words = _split(label)
    if len(words) < 2:
        return None
    scored = []
    for cand_label, value in candidates:
        cmarker, cwords = _split(cand_label)
        if marker and cmarker and marker != cmarker:
            continue
        ratio = SequenceMatcher(None, words, cwords, autojunk=False).ratio()
        scored.append((ratio, value))
    scored.sort(key=lambda x: -x[0])
    if not scored or scored[0][0] < MIN_RATIO:
        return None
    if len(scored) > 1 and scored[1][0] > scored[0][0] - MIN_MARGIN:
        return None
    return scored[0][1], scored[0][0]
