"""Text normalisation with an exact map back to the original offsets.

``normalize(text)`` returns a :class:`NormText` whose ``text`` is what the
parsers and checks look at, and whose ``to_orig`` / ``span_to_orig`` map
offsets in it (:data:`~gialint.offsets.NormOffset`) back to offsets in the
text it was made from, ``Source.text`` (:data:`~gialint.offsets.TextOffset`:
the file's text, or the rendering of an HTML/Word/PDF file), which
``Source.location`` maps on to the file.  Steps:

1. deletions (the only steps that change the length):
   * the ``\\r`` of every ``\\r\\n``;
   * zero-width characters (U+200B-U+200D, U+2060, U+FEFF);
   * pinyin annotations in parentheses directly after a CJK character,
     ``會(huì)同縣`` -> ``會同縣``: a single pinyin syllable with a tone mark,
     or a neutral-tone syllable from a short allow-list (``的(de)``) when the
     same text also has tone-marked annotations.  Ordinary ASCII in
     parentheses (``(www)``, ``(PPP)``, ``(H5)``) is never touched.
2. a 1:1 character translation (``str.translate``): lone ``\\r`` -> ``\\n``,
   tab and every Unicode space separator -> ``" "``, NFKC single-character
   folds (full-width ASCII, compatibility ideographs, Kangxi radicals) and
   OpenCC traditional -> simplified (first candidate), from the generated
   table ``gialint/data/charmap.txt`` (see tools/gen_charmap.py, NOTICE).

Line structure is preserved: normalised line k is original line k.

The map stores breakpoints only: ``_breaks[i]`` is the normalised offset from
which on the original offset is ``pos + _deltas[i]``.  A text without
deletions has no breakpoints and maps by identity.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from gialint.chinese import is_cjk

if TYPE_CHECKING:  # types only
    from gialint.offsets import NormOffset, TextOffset

__all__ = ["NormText", "normalize", "fold", "compact", "translate_chars"]

_CHARMAP_PATH = os.path.join(os.path.dirname(__file__), "data", "charmap.txt")

# The translation table is loaded lazily, once.  It starts as a dict (cheap
# to build: ~0.3 ms).  str.translate pays for a KeyError on every character
# it does not map, so once enough text has gone through (a batch run), the
# BMP part is turned into a list indexed by code point, about twice as fast
# per character but ~2 ms to build.  Characters beyond the BMP are then
# looked up in the small dict _ASTRAL in a second pass, only for texts that
# contain any.
_TABLE: dict[int, int] | None = None
_LIST: list[int] | None = None
_ASTRAL: dict[int, int] = {}
_LIST_AFTER = 65536  # characters translated with the dict before building the list
_seen = 0


def _table() -> dict[int, int]:
    """The translation table, loaded once from data/charmap.txt."""
    global _TABLE
    if _TABLE is None:
        with open(_CHARMAP_PATH, encoding="utf-8", newline="\n") as fh:
            lines = fh.read().split("\n")
        i = 0
        while lines[i].startswith("#"):
            i += 1
        src, dst = lines[i], lines[i + 1]
        if len(src) != len(dst):  # pragma: no cover - corrupted data file
            raise RuntimeError(f"{_CHARMAP_PATH}: source and target lines differ in length")
        table = str.maketrans(src, dst)
        table[0x0D] = 0x0A  # lone CR -> LF (the CR of CRLF is deleted before)
        table[0x09] = 0x20  # tab -> space
        # form feed (page breaks of PDF-to-text output), vertical tab, other
        # separators: spaces here, so that they never split or hide a heading
        for cp in (0x0B, 0x0C, 0x1C, 0x1D, 0x1E, 0x1F, 0x85, 0x2028, 0x2029):
            table[cp] = 0x20
        _TABLE = table
    return _TABLE


def _build_list() -> None:
    global _LIST, _ASTRAL
    table = _table()
    lst = list(range(0x10000))
    astral = {}
    for k, v in table.items():
        if k < 0x10000:
            lst[k] = v
        else:
            astral[k] = v
    _ASTRAL = astral
    _LIST = lst


def _translate(s: str) -> str:
    """``s.translate(table)`` -- the 1:1 character step."""
    global _seen
    lst = _LIST
    if lst is None:
        _seen += len(s)
        if _seen <= _LIST_AFTER:
            return s.translate(_TABLE if _TABLE is not None else _table())
        _build_list()
        lst = _LIST
    out = s.translate(lst)
    # any character beyond the BMP?  (UTF-16 needs surrogate pairs for them)
    if not out.isascii() and len(out.encode("utf-16-le", "surrogatepass")) != 2 * len(out):
        out = out.translate(_ASTRAL)
    return out


# --- deletions --------------------------------------------------------------

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_TONED_SET = frozenset(_TONED)
_NEUTRAL = frozenset("ba de ge guo la le li ma me men mo ne qu shang tou wa xia ya zhe zi".split())
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_PINYIN_START = f"(?=[a-zü{_TONED}])"
# One scan finds every deletion candidate: zero-width characters, the CR of
# CRLF, and an opening parenthesis followed by a pinyin letter.  Every
# alternative starts with a literal character so that the regex engine can
# skip ahead with a character set (a bracketed class at the start of an
# alternative would disable that and make the scan ~4x slower).
_DEL_RE = re.compile(
    "|".join(_ZERO_WIDTH) + "|\r(?=\n)" + f"|\\({_PINYIN_START}" + f"|\uff08{_PINYIN_START}"
)
# after the parenthesis: one pinyin syllable -- initial, vowels (one may
# carry the tone), n/ng/r coda; or a syllabic n/m interjection (ń ňg ḿ) --
# and the closing parenthesis.  Compiled on first use.
_SYLLABLE = (
    "((?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    f"[aeiouü{_TONED[:24]}]{{1,4}}(?:ng|n|r)?"
    f"|[{_TONED[24:]}]g?)[)\uff09]"
)
_syllable_match = None


def _deletions(text: str) -> list[tuple[int, int, bool]]:
    """Sorted, non-overlapping (start, end, is_annotation) spans to delete."""
    global _syllable_match
    out: list[tuple[int, int, bool]] = []
    neutral: list[int] = []  # indexes in out of neutral-tone annotations
    toned = False
    for m in _DEL_RE.finditer(text):
        s = m.start()
        c = text[s]
        if c != "(" and c != "\uff08":
            out.append((s, m.end(), False))
            continue
        if s == 0 or not is_cjk(text[s - 1]):
            continue
        if _syllable_match is None:
            _syllable_match = re.compile(_SYLLABLE).match
        sm = _syllable_match(text, s + 1)
        if sm is None:
            continue
        syl = sm.group(1)
        if not _TONED_SET.isdisjoint(syl):
            toned = True
        elif syl in _NEUTRAL:
            neutral.append(len(out))
        else:
            continue
        out.append((s, sm.end(), True))
    if neutral and not toned:
        drop = set(neutral)
        out = [d for i, d in enumerate(out) if i not in drop]
    return out


# --- the normalised text ----------------------------------------------------


@dataclass(slots=True)
class NormText:
    """Normalised text plus the map back to the offsets of the text it was made
    from (``Source.text``, called "original" here)."""

    text: str
    # normalised offsets where the offset delta changes (ascending) ...
    _breaks: list[NormOffset] = field(default_factory=list, repr=False)
    # ... and the delta (orig - norm) from that breakpoint on
    _deltas: list[int] = field(default_factory=list, repr=False)
    # original start -> original end of deleted annotations (they stick to the
    # character before them when a span ends there)
    _ann: dict[TextOffset, TextOffset] = field(default_factory=dict, repr=False)

    def to_orig(self, pos: NormOffset) -> TextOffset:
        """Original offset of normalised offset ``pos`` (0 <= pos <= len(text)).

        A position right after a deletion maps to after the deleted text, so
        ``to_orig(len(text))`` is the length of the original text.
        """
        breaks = self._breaks
        if not breaks:
            return pos
        i = bisect_right(breaks, pos)
        return pos + self._deltas[i - 1] if i else pos

    def span_to_orig(self, start: NormOffset, end: NormOffset) -> tuple[TextOffset, TextOffset]:
        """Original span of the normalised span ``[start, end)``.

        Deletions inside the span are inside the original span; at the edges,
        deleted line-end CRs and zero-width characters are left out, while a
        pinyin annotation right after the last character is included
        (``事項(xiàng)``).  An empty span maps to an empty span.
        """
        breaks = self._breaks
        if not breaks:
            return start, end
        ostart = self.to_orig(start)
        if end <= start:
            return ostart, ostart
        oend = self.to_orig(end - 1) + 1
        ann = self._ann
        if ann:
            oend = ann.get(oend, oend)
        return ostart, oend

    def annotations(self) -> list[tuple[TextOffset, TextOffset]]:
        """Original spans of the pinyin annotations that were deleted, in order
        (``(huì)`` of ``會(huì)``; the character before is not included)."""
        return sorted(self._ann.items())


def normalize(text: str) -> NormText:
    """Normalise ``text`` (see the module docstring) keeping an offset map."""
    dels = _deletions(text) if _DEL_RE.search(text) else None
    if not dels:
        return NormText(_translate(text))
    pieces = []
    breaks = []
    deltas = []
    ann = {}
    prev = 0
    delta = 0
    for s, e, is_ann in dels:
        pieces.append(text[prev:s])
        delta += e - s
        breaks.append(e - delta)
        deltas.append(delta)
        if is_ann:
            ann[s] = e
        prev = e
    pieces.append(text[prev:])
    return NormText(_translate("".join(pieces)), breaks, deltas, ann)


def fold(s: str) -> str:
    """The character transformation of :func:`normalize`, without a map.

    For short strings (labels, vocabulary): ``fold("（一）") == "(一)"``,
    ``fold("總計") == "总计"``.
    """
    if _DEL_RE.search(s):
        dels = _deletions(s)
        if dels:
            parts = []
            prev = 0
            for a, b, _ in dels:
                parts.append(s[prev:a])
                prev = b
            parts.append(s[prev:])
            s = "".join(parts)
    return _translate(s)


def translate_chars(s: str) -> str:
    """The 1:1 character step of :func:`normalize` alone (no deletions): the
    result has the length of ``s``, so ``translate_chars(s)[i]`` is what
    ``s[i]`` becomes (``會`` -> ``会``, ``（`` -> ``(``)."""
    return _translate(s)


def compact(s: str) -> str:
    """:func:`fold` and remove all whitespace: ``compact("商业 企业") == "商业企业"``."""
    return "".join(fold(s).split())
