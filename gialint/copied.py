"""Copied text between reports: a section of one report whose prose is, for
the most part, the same section of another report (内容雷同).

Two comparisons, the rules of kind ``copied_text`` (GIA760, GIA761):

* ``last_year``: a section against the same section of the organ's report of
  the year before (section 五's problems and measures as last year's);
* ``same_year``: a section against the same section of the other organs'
  reports of the same year (one organ's report copied from another's).

What is compared is the prose of each section (its paragraphs: headings,
tables, the title and the preamble before 一、 are the national format's own
words and are left out) as overlapping runs of ``SHINGLE`` characters with
spaces removed (:func:`~gialint.normalize.compact`).  The share of a
section's runs that the other section also has is its copied share; a
section with fewer runs than the rule's ``min_chars`` is not judged.  Figures
are kept: a sentence whose numbers were brought up to date is not a copy of
its own, but its unchanged wording around them still counts.

Between organs, every run is looked up in an index (run → the reports that
have it) instead of comparing every pair, and runs that more than
``COMMON_SHARE`` of the year's reports share (but at least ``COMMON_MIN``
and at most ``COMMON_MAX`` reports) are set aside as common wording of the
reports of a place: a 1,000-report folder is compared in seconds, and the
cost grows about linearly beyond (BENCHMARKS.md).

The pipeline keeps on each report only what this needs (:class:`SectionPrint`:
small, picklable, no text but the lines to quote), so worker processes and a
cluster return it with the results.
"""

from __future__ import annotations

import re
import zlib
from array import array
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, chain, compress
from operator import sub

from gialint.findings import Location, Place
from gialint.normalize import compact

SHINGLE = 8  # characters per run: shorter runs repeat between unrelated texts
MIN_HAN = 3  # Chinese characters a run must have to count as wording
COMMON_SHARE = 0.2  # a run in more than this share of a year's reports is common wording
COMMON_MIN = 50  # … and in at least this many (a small folder sets nothing aside)
COMMON_MAX = 200  # … and in at most this many: a larger year stays near-linear to compare
EXCERPT = 30  # characters of a copied sentence quoted in the message
# 4 bytes a run (a result crosses processes and a cluster: a tuple of ints is 9× that)
_TYPECODE = "I" if array("I").itemsize >= 4 else "L"
MAX_SECTION_CHARS = 20_000  # a longer section is compared on its first 20,000 characters
# sentence ends, and the cell rules of a table glued into a paragraph
_ENDS = "。！？；!?;\n|｜\t"
_SENTENCE = re.compile(f"[^{_ENDS}]*[{_ENDS}]|[^{_ENDS}]+")


@dataclass(slots=True)
class SectionPrint:
    """The prose of one section, as runs of characters, sentence by sentence —
    compact, for it travels with every report's result: one array of the runs'
    hashes, where each sentence's end there, and each sentence's place as six
    numbers (its line's text shared by the sentences of the line)."""

    key: str  # s1 … s6, or the heading's words (legacy outlines)
    heading: str  # 五、存在的主要问题及改进情况
    hashes: array = field(default_factory=lambda: array(_TYPECODE))
    ends: array = field(default_factory=lambda: array("l"))  # sentence k's runs: hashes[ends[k-1]:ends[k]]
    spans: array = field(default_factory=lambda: array("q"))  # 6 a sentence: Location's numbers
    lines: dict = field(default_factory=dict)  # line number → its text (to quote; "" for long lines)
    heads: list = field(default_factory=list)  # each sentence's first EXCERPT characters

    def add(self, place, hashes, head: str) -> None:
        """A sentence: its place (gialint.findings.Place), its runs' hashes, its start."""
        loc = place.location
        self.hashes.extend(hashes)
        self.ends.append(len(self.hashes))
        self.spans.extend((loc.start, loc.end, loc.line, loc.column, loc.end_line, loc.end_column))
        self.lines.setdefault(loc.line, place.line_text)
        self.heads.append(head)

    def __len__(self) -> int:
        return len(self.ends)

    def sentence(self, k: int):
        """The runs' hashes of sentence ``k``."""
        return self.hashes[self.ends[k - 1] if k else 0:self.ends[k]]

    def place(self, k: int):
        start, end, line, column, end_line, end_column = self.spans[6 * k:6 * k + 6]
        return Place(Location(start, end, line, column, end_line, end_column), self.lines.get(line, ""))

    def runs(self) -> frozenset[int]:
        return frozenset(self.hashes)


def _run_hashes(text: str) -> list[int]:
    """The hashes of the runs of ``text`` that are prose: at least MIN_HAN Chinese
    characters of SHINGLE (a run of figures and table rules glued into a
    paragraph is no wording).  crc32 of the run in UTF-32: the same number in
    every process and machine (str hashes are salted per process)."""
    n = len(text) - SHINGLE + 1
    if n <= 0:
        return []
    data = text.encode("utf-32-le")
    # every run's bytes, sliced and hashed by C iterators (no Python frame a run)
    runs = map(data.__getitem__, map(slice, range(0, 4 * n, 4), range(4 * SHINGLE, 4 * (n + SHINGLE), 4)))
    mask = _HAN.sub("1", _NOT_HAN.sub("0", text))  # 1 for a Chinese character
    if "0" in mask:  # keep the runs with MIN_HAN: running sums of the mask's bytes (48, 49)
        ps = list(accumulate(mask.encode("ascii"), initial=0))
        runs = compress(runs, map(_ENOUGH.__le__, map(sub, ps[SHINGLE:], ps)))
    return list(map(zlib.crc32, runs))


_NOT_HAN = re.compile("[^\u3400-\u4dbf\u4e00-\u9fff]")
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")
_ENOUGH = ord("0") * SHINGLE + MIN_HAN  # a window's byte sum with MIN_HAN ones


def _is_han(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf"




def _hashes(text: str) -> array:
    common = _boilerplate()
    return array(_TYPECODE, [h for h in _run_hashes(text) if h not in common])


@lru_cache(maxsize=1)
def _boilerplate() -> frozenset[int]:
    """The runs of the national format's own words: every table label of every
    edition and the standard section headings (glued into prose by a layout)."""
    from gialint.national_format import standard_sections, table_labels

    words = [info.label for info in table_labels().values()]
    words += [s.get("heading") or s.get("label") or "" for s in standard_sections()]
    return frozenset(h for w in words for h in _run_hashes(compact(w)))


def section_prints(report, source, place) -> dict[str, SectionPrint]:
    """The prose of each section of an analysed report, by section key."""
    text = source.text
    out: dict[str, SectionPrint] = {}
    for sec in report.sections:
        head = sec.heading
        key = head.std_key or compact(head.label)
        if not key or key in out:
            continue
        sp = SectionPrint(key, "".join(head.text.split()))
        budget = MAX_SECTION_CHARS
        for block in sec.all_blocks():
            if block.kind != "paragraph" or budget <= 0:
                continue
            for start, end in _sentence_spans(text, block.span.start, block.span.end):
                sentence = compact(text[start:end])
                budget -= len(sentence)
                hashes = _hashes(sentence)
                if not hashes:  # too short, or the format's own words: nothing to compare
                    continue
                shown = "".join(text[start:end].split())  # as written, spaces left out
                head = shown if len(shown) <= EXCERPT else shown[:EXCERPT] + "…"
                sp.add(place(start, end), hashes, head)
        if len(sp):
            out[key] = sp
    return out


def _sentence_spans(text: str, start: int, end: int):
    """The sentences of ``text[start:end]`` (their own ending mark included),
    without the spaces around them."""
    for m in _SENTENCE.finditer(text, start, end):
        found = m.group()
        body = found.strip()
        if body:
            a = m.start() + len(found) - len(found.lstrip())
            yield a, a + len(body)


# -- comparing ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Copy:
    """Section ``key`` of a report shares ``share`` of its runs with the other's."""

    key: str
    heading: str
    share: float
    here: object  # Place of the first copied passage in this report
    there: object  # Place of the same passage in the other report
    excerpt: str  # its first words


def _first_passage(mine: SectionPrint, theirs: SectionPrint, runs: frozenset[int]):
    """The first sentence of ``mine`` mostly found in ``theirs`` and the sentence
    of ``theirs`` it shares most runs with: (here, there, its first words)."""
    for k in range(len(mine)):
        hashes = mine.sentence(k)
        if hashes and sum(h in runs for h in hashes) * 2 >= len(hashes):
            wanted = set(hashes)
            best = max(range(len(theirs)), key=lambda j: len(wanted.intersection(theirs.sentence(j))))
            return mine.place(k), theirs.place(best), mine.heads[k]
    return mine.place(0), theirs.place(0), mine.heads[0]


def copied_sections(mine: dict[str, SectionPrint], theirs: dict[str, SectionPrint], *,
                    min_share: float, min_chars: int, ignore: frozenset[int] = frozenset()) -> list[Copy]:
    """The sections of ``mine`` whose prose ``theirs`` has for at least ``min_share``."""
    out = []
    for key, sp in mine.items():
        other = theirs.get(key)
        if other is None:
            continue
        hashes = [h for h in sp.hashes if h not in ignore]
        if len(hashes) < min_chars:
            continue
        runs = other.runs()
        share = sum(h in runs for h in hashes) / len(hashes)
        if share >= min_share:
            out.append(Copy(key, sp.heading, share, *_first_passage(sp, other, runs)))
    return out


def same_year_pairs(prints: list[dict[str, SectionPrint]], groups: list[str | None], *,
                    min_share: float, min_chars: int) -> list[list[tuple[int, Copy]]]:
    """For each report, the report of another organ (index) it copies most of,
    section by section: ``out[i]`` lists (j, copy) for report ``i``.

    ``groups[i]``: the organ of report ``i`` (reports of one organ are not
    compared with each other here)."""
    n = len(prints)
    common_at = max(COMMON_MIN, min(COMMON_MAX, int(COMMON_SHARE * n)))
    out: list[list[tuple[int, Copy]]] = [[] for _ in range(n)]
    keys = sorted({k for p in prints for k in p})
    for key in keys:
        index: dict[int, list[int]] = {}
        members = [i for i in range(n) if key in prints[i]]
        if len(members) < 2:
            continue
        runs_of = {i: prints[i][key].runs() for i in members}
        for i in members:
            for h in runs_of[i]:
                index.setdefault(h, []).append(i)
        common = frozenset(h for h, who in index.items() if len(who) > common_at)
        for i in members:
            sp = prints[i][key]
            hashes = [h for h in sp.hashes if h not in common]
            if len(hashes) < min_chars:
                continue
            counts = Counter(chain.from_iterable(map(index.__getitem__, hashes)))  # counted in C
            for j in [j for j in counts if groups[j] == groups[i]]:  # itself, its organ's others
                del counts[j]
            if not counts:
                continue
            # the best match; ties go to the report listed first
            j, hits = max(counts.items(), key=lambda x: (x[1], -x[0]))
            share = hits / len(hashes)
            if share >= min_share:
                out[i].append((j, Copy(key, sp.heading, share, *_first_passage(sp, prints[j][key], runs_of[j]))))
    return out
