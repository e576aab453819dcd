"""Faster scanning with Python's ``re``: a first-character lookahead.

``re`` finds a match by trying the whole pattern at every position unless
the pattern starts with a literal or a character class it can skip to.
Rule patterns rarely do: they start with a lookbehind (``(?<![A-Za-z])``),
an optional part or an alternation of groups, so every position of a
10 KB report runs every alternative.  Prefixing ``(?=[…])`` with the set of
characters a match can start with makes most positions fail after one
class test — 5–10× faster on real reports, the same matches.

The set is computed from ``re``'s own parse of the pattern.  When it cannot
be computed (a match may start with any character, or start empty, or the
parser's private API changed) the pattern is compiled as it is.
"""

from __future__ import annotations

import re

try:  # Python 3.11+
    from re import _constants as _c
    from re import _parser as _parser
except ImportError:  # pragma: no cover - Python 3.10, or a Python without them
    try:
        import sre_constants as _c  # type: ignore[no-redef]
        import sre_parse as _parser  # type: ignore[no-redef]
    except ImportError:
        _c = _parser = None  # type: ignore[assignment]

__all__ = ["compile_scanner", "first_chars"]

_ANY = None  # "any character may start a match"
_MAX_CLASS = 400  # a longer class is not worth testing first
if _c is not None:
    _ZERO_WIDTH = {_c.AT, _c.ASSERT, _c.ASSERT_NOT}
    _REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT)}
    _CATEGORIES = {
        _c.CATEGORY_DIGIT: r"\d",
        _c.CATEGORY_SPACE: r"\s",
        _c.CATEGORY_WORD: r"\w",
    }
    # flags that change what a class or a category means: not followed inside groups
    _CHARSET_FLAGS = _c.SRE_FLAG_ASCII | _c.SRE_FLAG_LOCALE | _c.SRE_FLAG_UNICODE


# in a first set: some member is matched case-insensitively (joins to nothing)
_FOLDED = ""


def _lit(code: int, icase: bool) -> set[str]:
    ch = chr(code)
    if not icase or ch.lower() == ch.upper() == ch:  # caseless (CJK, digits, signs)
        return {re.escape(ch)}
    # re folds more than lower/upper (K and the Kelvin sign): the class is
    # then tested case-insensitively too, see first_chars
    return {_FOLDED, re.escape(ch), re.escape(ch.lower()), re.escape(ch.upper())}


def _first_of_item(op, av, icase: bool):
    """(first set or _ANY, nullable) of one parsed item."""
    if op is _c.LITERAL:
        return _lit(av, icase), False
    if op is _c.IN:
        out: set[str] = set()
        for iop, iav in av:
            if iop is _c.NEGATE:
                return _ANY, False
            if iop is _c.LITERAL:
                out |= _lit(iav, icase)
            elif iop is _c.RANGE:
                lo, hi = iav
                out.add(f"{re.escape(chr(lo))}-{re.escape(chr(hi))}")
                if icase:
                    return _ANY, False  # case-folded ranges: not worth it
            elif iop is _c.CATEGORY and iav in _CATEGORIES:
                out.add(_CATEGORIES[iav])
            else:
                return _ANY, False
        return out, False
    if op is _c.SUBPATTERN:
        add_flags, del_flags = av[1] or 0, av[2] or 0
        if (add_flags | del_flags) & _CHARSET_FLAGS:
            return _ANY, False  # (?a:…) inside: \d and \w would mean another set
        icase = (icase or bool(add_flags & _c.SRE_FLAG_IGNORECASE)) \
            and not del_flags & _c.SRE_FLAG_IGNORECASE
        return _first_of_seq(av[-1], icase)
    if op is _c.BRANCH:
        out = set()
        nullable = False
        for alt in av[1]:
            first, null = _first_of_seq(alt, icase)
            if first is _ANY:
                return _ANY, False
            out |= first
            nullable = nullable or null
        return out, nullable
    if op in _REPEATS:
        lo, _hi, sub = av
        first, null = _first_of_seq(sub, icase)
        return first, null or lo == 0
    if getattr(_c, "ATOMIC_GROUP", None) is op:
        return _first_of_seq(av, icase)
    return _ANY, False  # ANY, NOT_LITERAL, GROUPREF, conditionals …


def _first_of_seq(seq, icase: bool):
    out: set[str] = set()
    for op, av in seq:
        if op in _ZERO_WIDTH:
            continue
        first, nullable = _first_of_item(op, av, icase)
        if first is _ANY:
            return _ANY, False
        out |= first
        if not nullable:
            return out, False
    return out, True


def _re_skips_ahead(parsed) -> bool:
    """Whether ``re`` already finds match starts by itself: the pattern starts
    (inside groups) with a literal or a class, or branches that all start with
    a literal (mirrors the start-of-pattern analysis of ``re``'s compiler)."""
    data = parsed
    while True:
        if not data:
            return False
        op, av = data[0]
        if op is not _c.SUBPATTERN:
            break
        data = av[-1]
    if op in (_c.LITERAL, _c.IN):
        return True
    if op is _c.BRANCH:
        return all(alt and alt[0][0] is _c.LITERAL for alt in av[1])
    return False


def first_chars(pattern: str, flags: int = 0, *, unless_re_skips: bool = False) -> str | None:
    """A character class (regex text) every match of ``pattern`` starts with,
    or None when there is no such useful class (or, with ``unless_re_skips``,
    when ``re`` finds match starts quickly by itself, or when ``re``'s parser
    is not there or fails)."""
    if _parser is None:
        return None
    try:
        parsed = _parser.parse(pattern, flags)
        if unless_re_skips and _re_skips_ahead(list(parsed)):
            return None
        icase = bool((flags | parsed.state.flags) & re.IGNORECASE)
        first, nullable = _first_of_seq(parsed, icase)
    except Exception:  # noqa: BLE001 - a private API: any surprise means "no prefilter"
        return None
    if first is _ANY or nullable:
        return None
    body = "".join(sorted(first))
    if not body or len(body) > _MAX_CLASS:
        return None
    return f"(?i:[{body}])" if _FOLDED in first and not icase else f"[{body}]"


# global inline flags, which must stay at the very start of a pattern
_HEAD = r"(?:\(\?[aiLmsux]+\))*"


def compile_scanner(pattern: str, flags: int = 0) -> re.Pattern:
    """``re.compile(pattern, flags)``, with a first-character lookahead when
    one can be computed (same matches, found faster by ``finditer``)."""
    first = first_chars(pattern, flags, unless_re_skips=True)
    if first is None:
        return re.compile(pattern, flags)
    head = re.match(_HEAD, pattern).group()
    body = pattern[len(head):]
    # in verbose mode a trailing comment would swallow the closing parenthesis
    end = "\n)" if (flags & re.VERBOSE or "x" in head) else ")"
    try:
        return re.compile(f"{head}(?={first})(?:{body}{end}", flags)
    except re.error:  # a pattern this wrapping does not suit: as it is
        return re.compile(pattern, flags)
