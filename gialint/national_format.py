"""What the national formats call things: the six sections, the table labels
of 表二/表三/表四 (and of legacy tables) and the labels that mark an edition.

Everything here is derived from ``data/templates.json`` (the national formats)
plus the legacy statistics-table labels seen in real reports.  Labels are
compared in *label-key* form: folded (NFKC, simplified), whitespace removed,
list markers unified (``1、`` → ``1.``) and quotes unified.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from gialint.chinese import NUMERALS, cn_number  # noqa: F401  (the lexer and build import them here)
from gialint.normalize import compact

DATA = Path(__file__).with_name("data")

# quotes of either kind; OCR and extraction write , for 、 inside labels
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", ",": "、", "，": "、"})
_MARKER = re.compile(r"^(\d{1,2})[、.．]")


def label_key(text: str, folded: bool = False) -> str:
    """The comparison form of a table label or heading.

    ``folded=True`` when ``text`` is already normalised (lexer tokens), which
    skips the character translation.
    """
    if len(text) <= 48:  # labels and cells recur in every report; paragraphs do not
        return _label_key_cached(text, folded)
    return _label_key(text, folded)


@lru_cache(maxsize=4096)
def _label_key_cached(text: str, folded: bool) -> str:
    return _label_key(text, folded)


def _label_key(text: str, folded: bool) -> str:
    key = "".join(text.split()) if folded else compact(text)
    key = key.translate(_QUOTES)
    if key[:1].isdigit():
        key = _MARKER.sub(r"\1.", key)
    return key.rstrip(":|")


def expected_edition(year: int | None) -> str | None:
    """The national format a report year should use (docs/format.md#edition-by-year)."""
    if year is None:
        return None
    if year <= 2018:
        return "legacy"
    if year <= 2020:
        return "2019"
    return "2021"


@dataclass(frozen=True, slots=True)
class LabelInfo:
    table: str  # t2 / t3 / t4 / legacy
    role: str  # caption, header, column, row, note, group
    key: str | None  # template key (row/column/sub-table key) when known
    editions: frozenset[str]
    label: str  # the official wording


@lru_cache(maxsize=1)
def templates() -> dict:
    with open(DATA / "templates.json", encoding="utf-8") as fh:
        return json.load(fh)


# Group headers and local variants of the legacy statistics table
# (国办发〔2014〕32号 form as attached to seed 003, and the Pingtan variant).
_LEGACY_EXTRA = [
    ("header", "统计指标"),
    ("header", "指标名称"),
    ("header", "计量单位"),
    ("header", "单位"),
    ("header", "统计数"),
    ("header", "历年累计"),
    ("group", "一、主动公开情况"),
    ("group", "二、回应解读情况"),
    ("group", "三、依申请公开情况"),
    ("group", "七、向图书馆、档案馆等查阅场所报送信息数"),
    ("group", "九、机构建设和保障经费情况"),
    ("group", "十、政府信息公开会议和培训情况"),
    ("row", "主动公开信息数"),
    ("row", "主动公开文件数"),
    ("row", "受理依申请公开信息总数"),
    ("row", "对申请的答复数"),
    ("row", "对申请的答复总数"),
    ("row", "行政复议数"),
    ("row", "行政诉讼数"),
    ("row", "行政申诉数"),
]


@lru_cache(maxsize=1)
def table_labels() -> dict[str, LabelInfo]:
    """label key → info, for every label of every edition's tables."""
    tpl = templates()
    out: dict[str, LabelInfo] = {}

    def add(label: str, table: str, role: str, key: str | None, edition: str) -> None:
        k = label_key(label)
        if not k:
            return
        old = out.get(k)
        eds = frozenset({edition}) | (old.editions if old else frozenset())
        out[k] = LabelInfo(table, role, key if old is None else old.key, eds, label)

    for ed_name, edition in tpl["editions"].items():
        ed = "legacy" if ed_name.startswith("legacy") else ed_name
        if ed == "legacy":
            for row in edition["stats_table_seen"]["rows"]:
                add(row["label"], "legacy", "row", row["key"], ed)
            for role, label in _LEGACY_EXTRA:
                add(label, "legacy", role, None, ed)
            continue
        for sub in edition["t2"]:
            add(sub["caption"], "t2", "caption", sub["key"], ed)
            add(sub["header_label"], "t2", "header", None, ed)
            for col in sub["columns"]:
                add(col["label"], "t2", "column", col["key"], ed)
            for row in sub["rows"]:
                add(row["label"], "t2", "row", row["key"], ed)
        t3 = edition["t3"]
        add(t3["note"], "t3", "note", None, ed)
        add("申请人情况", "t3", "header", None, ed)
        add("法人或其他组织", "t3", "column", "legal_person_or_other_org", ed)
        for col in t3["columns"]:
            add(col["label"], "t3", "column", col["key"], ed)
        for row in t3["rows"]:
            add(row["label"], "t3", "row", row["key"], ed)
        t4 = edition["t4"]
        add("行政复议", "t4", "group", "review", ed)
        add("行政诉讼", "t4", "group", "suit", ed)
        for group in t4["groups"]:
            add(group["label"], "t4", "group", group["key"], ed)
        for col in t4["columns"]:
            add(col["label"], "t4", "column", col["key"], ed)
    # Local variants that real reports print (docs/format.md#table-2).
    add("采购总金额(万元,保留四位小数)", "t2", "column", "amount", "2019")
    return out


@lru_cache(maxsize=1)
def label_prefixes() -> frozenset[str]:
    """Every proper prefix (≥ 4 characters) of a label: wrapped labels."""
    out = set()
    for k in table_labels():
        for i in range(4, len(k)):
            out.add(k[:i])
    return frozenset(out)


@lru_cache(maxsize=1)
def standard_sections() -> list[dict]:
    """The six sections of the 2019/2021 formats: key, number, label, heading."""
    return templates()["sections"]


@lru_cache(maxsize=1)
def edition_markers() -> dict[str, frozenset[str]]:
    tpl = templates()["edition_markers"]
    return {
        ("legacy" if k.startswith("legacy") else k): frozenset(label_key(x) for x in v)
        for k, v in tpl.items()
    }


def _char(ch: str) -> str:
    # label keys unify list markers and quotes; the text may use either form
    if ch == ".":
        return "[.、]"
    if ch == "、":  # a label's 、 is often typed as a comma (区分处理的，只计这一情形)
        return "[、,]"
    if ch == '"':
        return '["“”]'
    return re.escape(ch)


def _trie(words) -> dict:
    """Nested dicts: one level per character, ``""`` marks where a word ends."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True
    return trie


def _trie_regex(words: list[str], gap: str) -> str:
    """A regex alternation of ``words`` sharing prefixes (fast in ``re``).

    ``gap`` is inserted between characters so that labels spaced out by
    extraction (``社会公益 组织``) still match.
    """

    def emit(node: dict) -> str:
        ends = "" in node
        branches = [_char(ch) + (gap + emit(child) if set(child) != {""} else "")
                    for ch, child in sorted(node.items()) if ch != ""]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + body + ")?" if ends else body

    return emit(_trie(words))


def table_label_pattern() -> str:
    """The source of :func:`table_label_regex` (for patterns that embed it)."""
    words = sorted(table_labels(), key=len, reverse=True)
    return _trie_regex(words, _label_gap(words))


@lru_cache(maxsize=1)
def table_label_regex() -> re.Pattern[str]:
    """Matches any table label (longest first) in folded text, spaces tolerated."""
    return re.compile(table_label_pattern())


def _label_gap(words) -> str:
    # a gap is always followed by a label character, never by a space, so it
    # need not give spaces back: possessive (3.11+) matches the same and this
    # ~3000-character pattern compiles a third faster
    return " *+" if sys.version_info >= (3, 11) and not any(" " in w for w in words) else " *"


# the text characters a label key's character stands for (see _char)
_ALSO = {"、": (".",), ",": ("、",), "“": ('"',), "”": ('"',)}


class LabelMatch:
    """What :meth:`LabelMatcher.match` found: ``text[start:end]``."""

    __slots__ = ("string", "_start", "_end")

    def __init__(self, string: str, start: int, end: int):
        self.string, self._start, self._end = string, start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self) -> str:
        return self.string[self._start:self._end]


class LabelMatcher:
    """``table_label_regex().match`` without compiling that regex: the same
    walk over the label trie, done in Python.

    Compiling the ~4,000-character alternation was the largest single cost of
    a one-file run; the walk it describes is simple: at each character the
    branches of the trie in sorted order (``.`` also matches ``、``, ``"`` the
    curly quotes), spaces skipped between characters but not before the
    first, the first branch that reaches a word's end wins, deeper first.
    tests/test_vocab.py checks it against the regex on every label and on
    random text.
    """

    __slots__ = ("trie",)

    def __init__(self, words):
        self.trie = _trie(words)

    def match(self, text: str, pos: int = 0, end: int | None = None) -> LabelMatch | None:
        stop = self._walk(self.trie, text, pos, len(text) if end is None else min(end, len(text)))
        return LabelMatch(text, pos, stop) if stop > pos else None

    def _walk(self, node: dict, text: str, i: int, end: int) -> int:
        """Where the branches of ``node`` tried at ``i`` end a label, or -1."""
        if i >= end:
            return -1
        c = text[i]
        keys = [c, *_ALSO.get(c, ())] if c in _ALSO else (c,)
        if len(keys) > 1:
            keys = sorted(k for k in set(keys) if k in node)
        for key in keys:
            child = node.get(key)
            if child is None:
                continue
            j = i + 1
            if len(child) == 1 and "" in child:  # the last character of a word
                return j
            while j < end and text[j] == " ":  # the gap (possessive)
                j += 1
            got = self._walk(child, text, j, end)
            if got >= 0:
                return got
            if "" in child:
                return j
        return -1


@lru_cache(maxsize=1)
def table_label_matcher() -> LabelMatcher | re.Pattern[str]:
    """Matches a table label at a position, like :func:`table_label_regex`."""
    words = table_labels()
    if any(" " in w for w in words):  # the walk assumes no spaces inside labels
        return table_label_regex()
    return LabelMatcher(words)


def edit_distance(a: str, b: str, limit: int | None = None) -> int:
    """Characters to insert, delete, replace or swap with their neighbour to
    turn ``a`` into ``b`` (optimal string alignment distance); past ``limit``
    any value above it."""
    if a == b:
        return 0
    if limit is not None and abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if limit is not None and min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


def near_edits(label: str, chars_per_edit: int = 8, max_edits: int = 2) -> int:
    """How many character edits still count as a slip in a heading of ``label``'s
    length: one, one more for every ``chars_per_edit`` characters, at most ``max_edits``."""
    return max(1, min(max_edits, len(label) // chars_per_edit))


def near_section(label: str, number: int | None = None) -> tuple[str, int] | None:
    """The national section whose label ``label`` (label-key form) misspells:
    ``(key, edits)`` when it is within :func:`near_edits` of exactly one of
    them and either carries that section's number or is 8 characters or longer."""
    found = []
    for sec in standard_sections():
        std = label_key(sec["label"])
        d = edit_distance(label, std, near_edits(std))
        if 0 < d <= near_edits(std) and (number == cn_number(sec["number"]) or len(std) >= 8):
            found.append((sec["key"], d))
    return found[0] if len(found) == 1 else None
