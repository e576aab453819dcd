"""Literal prefilters: strings a text must contain for a pattern to match it.

Most of gialint's ~150 patterns never match a clean report (placeholders,
web-page debris, spam, other provinces' newspapers …), yet ``re`` compiles
each one in pure Python before its first search, a large part of a one-file
run.  From ``re``'s own parse of a pattern this module derives a few sets of
strings — every match contains at least one string of each set — so that a
lazily compiled pattern (``saferegex.LazyPattern``) can answer "no match"
for a text without any of them, and is compiled only when a text might
match.  The derivation is kept in the on-disk cache (plain strings), since
parsing costs nearly as much as compiling.

It is conservative: whatever it does not understand (a class of many
characters, case folding, back references, an optional part) requires
nothing.  tests/test_prefilter.py checks it against plain ``re`` on random
patterns and texts, every built-in pattern and every real report.
"""

from __future__ import annotations

import marshal

try:  # Python 3.11+
    from re import _constants as _c
    from re import _parser
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

__all__ = ["Prefilter", "prefilter_for"]

_CAP = 48  # strings in one set, at most: a larger set is not worth testing
_KEEP = 3  # sets kept per pattern (the most selective)
_SMALL_CLASS = 12  # a character class of at most this many literals is a set of strings
_ZERO_WIDTH = (_c.AT, _c.ASSERT, _c.ASSERT_NOT)
_REPEATS = tuple(op for op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None))
                 if op is not None)
_ATOMIC = getattr(_c, "ATOMIC_GROUP", None)


class _Unknown(Exception):
    """A construct this module does not reason about (the pattern requires nothing)."""


def _product(a: set[str], b: set[str]) -> set[str] | None:
    if len(a) * len(b) > _CAP:
        return None
    return {x + y for x in a for y in b}


def _exact(op, av) -> set[str] | None:
    """Every string one item can match, when they are few (None otherwise)."""
    if op is _c.LITERAL:
        return {chr(av)}
    if op in _ZERO_WIDTH:
        return {""}  # consumes nothing
    if op is _c.IN:
        chars = set()
        for iop, iav in av:
            if iop is not _c.LITERAL:
                return None
            chars.add(chr(iav))
        return chars if len(chars) <= _SMALL_CLASS else None
    if op is _c.SUBPATTERN:
        if av[1]:  # (?i:…) and other scoped flags
            return None
        return _exact_seq(av[-1])
    if op is _c.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            e = _exact_seq(alt)
            if e is None:
                return None
            out |= e
            if len(out) > _CAP:
                return None
        return out
    if op in _REPEATS:
        lo, hi, body = av
        e = _exact_seq(body)
        if e is None or hi > 3:
            return None
        out, power = set(), {""}
        for k in range(hi + 1):
            if k >= lo:
                out |= power
            if k < hi:
                power = _product(power, e)
                if power is None:
                    return None
        return out if len(out) <= _CAP else None
    return None


def _exact_seq(seq) -> set[str] | None:
    cur: set[str] | None = {""}
    for op, av in seq:
        e = _exact(op, av)
        if e is None:
            return None
        cur = _product(cur, e)
        if cur is None:
            return None
    return cur


def _required(op, av) -> list[set[str]]:
    """Sets of strings a match of one (not exact) item must contain."""
    if op is _c.SUBPATTERN:
        if av[1]:
            return []
        return _required_seq(av[-1])
    if op is _ATOMIC:
        return _required_seq(av)
    if op in _REPEATS:
        lo, _hi, body = av
        return _required_seq(body) if lo >= 1 else []
    if op is _c.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            best = _required_seq(alt)
            if not best:
                return []  # this alternative requires nothing
            out |= best[0]
            if len(out) > _CAP:
                return []
        return [out]
    return []


def _useful(strings: set[str]) -> set[str] | None:
    """The set without strings that contain another of it (a weaker, equal
    test), or None when it is no requirement (the empty string is in it)."""
    if not strings or "" in strings:
        return None
    ordered = sorted(strings, key=len)
    kept: list[str] = []
    for s in ordered:
        if not any(k in s for k in kept):
            kept.append(s)
    return set(kept)


def _rank(strings: set[str]) -> tuple[int, int]:
    # the longest shortest string first (rarer in a text), then the fewest strings
    return (-min(map(len, strings)), len(strings))


def _required_seq(seq) -> list[set[str]]:
    """Sets of strings every match of ``seq`` contains (best first)."""
    found: list[set[str]] = []
    cur: set[str] = {""}

    def close():
        nonlocal cur
        useful = _useful(cur)
        if useful:
            found.append(useful)
        cur = {""}

    for op, av in seq:
        e = _exact(op, av)
        if e is not None:
            joined = _product(cur, e)
            if joined is not None:
                cur = joined
                continue
            close()
            cur = e
            continue
        close()
        found.extend(_required(op, av))
    close()
    found.sort(key=_rank)
    return found[:_KEEP]


def derive(pattern: str, flags: int = 0) -> list[list[str]] | None:
    """The sets of strings every match of ``pattern`` contains, or None when
    there is no useful requirement (or the pattern is beyond this module)."""
    try:
        parsed = _parser.parse(pattern, flags)
        all_flags = flags | parsed.state.flags
        if all_flags & _c.SRE_FLAG_IGNORECASE:
            return None  # case folding: literals are not what the text holds
        sets = _required_seq(list(parsed))
    except Exception:  # noqa: BLE001 - a private API: a surprise means "requires nothing"
        return None
    return [sorted(s) for s in sets] or None


class Prefilter:
    """``may_match(text, pos, endpos)``: False only when no match is possible."""

    __slots__ = ("sets",)

    def __init__(self, sets: list[list[str]]):
        self.sets = [tuple(s) for s in sets]

    def may_match(self, text: str, pos: int = 0, endpos: int | None = None) -> bool:
        end = len(text) if endpos is None else endpos
        find = text.find
        for strings in self.sets:
            for s in strings:
                if find(s, pos, end) >= 0:
                    break
            else:
                return False
        return True

    def cost(self, length: int) -> int:
        """Roughly how many characters one test reads."""
        return length * sum(len(s) for s in self.sets)


def prefilter_for(pattern: str, flags: int = 0) -> Prefilter | None:
    """The prefilter of a pattern, from the on-disk cache when it was derived
    before (None: the pattern requires nothing useful)."""
    from gialint import cache

    entry = cache.entry("prefilter", f"{flags}\0{pattern}")
    sets = cache.load(entry, _decode)
    if sets is None:
        sets = derive(pattern, flags) or []
        cache.store(entry, sets, marshal.dumps)
    return Prefilter(sets) if sets else None


def _decode(data: bytes) -> list[list[str]]:
    sets = marshal.loads(data)  # checked below to be lists of strings: plain data only
    if not isinstance(sets, list) or not all(
            isinstance(s, list) and all(type(x) is str for x in s) for s in sets):
        raise ValueError("not a prefilter")
    return sets
