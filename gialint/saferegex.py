"""Regular expressions from rule files that cannot hang a run.

Two guards.  At load time :func:`danger` rejects the classic shapes of
catastrophic backtracking — a variable repeat inside an unbounded repeat
with nothing else required around it (``(a+)+``, ``(.*)*``, ``(\\d{1,2})+``,
``(a*b?)*``) and alternatives that can match the same character inside an
unbounded repeat (``(\\s|.)*``, ``(x|x)*``) — so the rule file gets a clear
error with its line.  While linting, patterns of *user* rule files run on the
``regex`` module (the same syntax as ``re``) with a time limit per call
(:class:`TimedPattern`); a pattern that still runs away raises
:class:`PatternTimeout`, which the engine reports as an internal-error
finding (GIA001) and the run goes on.  Built-in patterns stay on ``re``
(faster, and reviewed).

The load-time check reads ``re``'s own parse of the pattern (a private but
long-stable API); if that API changes, the check passes everything and the
timeout remains.
"""

from __future__ import annotations

import re
import time
from contextlib import contextmanager
from contextvars import ContextVar

try:  # Python 3.11+
    from re import _constants as _c
    from re import _parser as _parser
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

__all__ = ["RULE_BUDGET", "TIMEOUT", "LazyPattern", "PatternTimeout", "TimedPattern", "budget", "compile",
           "danger"]

#: seconds one call of a user pattern may take (finditer: the whole iteration)
TIMEOUT = 1.0
#: seconds all the calls of one rule's user patterns may take on one file: a
#: pattern called once per line cannot spend a second on each of 1,000 lines
RULE_BUDGET = 3.0

# the end (time.monotonic) of the running rule's budget on the current file; a
# context variable: Dask runs files in threads of one process
_DEADLINE: ContextVar[float | None] = ContextVar("gialint_pattern_deadline", default=None)

# POSSESSIVE_REPEAT (3.11+) never backtracks: not a danger
_REPEATS = (_c.MAX_REPEAT, _c.MIN_REPEAT)
_UNBOUNDED = _c.MAXREPEAT
_ATOMIC = getattr(_c, "ATOMIC_GROUP", None)
_CATEGORY = {
    _c.CATEGORY_DIGIT: re.compile(r"\d").match, _c.CATEGORY_NOT_DIGIT: re.compile(r"\D").match,
    _c.CATEGORY_SPACE: re.compile(r"\s").match, _c.CATEGORY_NOT_SPACE: re.compile(r"\S").match,
    _c.CATEGORY_WORD: re.compile(r"\w").match, _c.CATEGORY_NOT_WORD: re.compile(r"\W").match,
}
_SAMPLES = "a0 _\t\n中，.-!A"


class PatternTimeout(TimeoutError):
    """A user pattern ran longer than its time limit on one file."""

    def __init__(self, pattern: str, seconds: float, *, whole_rule: bool = False):
        shown = pattern if len(pattern) <= 60 else pattern[:59] + "…"
        if whole_rule:  # the rule's budget on this file is spent
            super().__init__(f"the rule's patterns ran over {RULE_BUDGET:g} s on this file "
                             f"(last: {shown!r})")
        else:
            super().__init__(f"pattern {shown!r} ran over {seconds:g} s")
        self.pattern = pattern


@contextmanager
def budget(seconds: float | None = None):
    """Within this block, the user patterns together may take ``seconds``
    (default :data:`RULE_BUDGET`; the engine opens one per rule and file)."""
    token = _DEADLINE.set(time.monotonic() + (RULE_BUDGET if seconds is None else seconds))
    try:
        yield
    finally:
        _DEADLINE.reset(token)


class TimedPattern:
    """A compiled ``re``-syntax pattern matched by ``regex`` with a time limit.

    It offers the ``re.Pattern`` methods the checks use; each call may take
    ``timeout`` seconds at most."""

    __slots__ = ("_rx", "pattern", "flags", "timeout")

    def __init__(self, pattern: str, flags: int = 0, timeout: float | None = None):
        import regex  # only runs with user rule files loaded

        # the flag values agree except ASCII (re: 256, regex: 128)
        rflags = (flags & ~re.ASCII) | (regex.ASCII if flags & re.ASCII else 0)
        self._rx = regex.compile(pattern, rflags)
        self.pattern = pattern
        self.flags = flags
        self.timeout = TIMEOUT if timeout is None else timeout

    def _limit(self) -> float:
        """This call's time limit: its own, or what is left of the rule's budget."""
        deadline = _DEADLINE.get()
        if deadline is None:
            return self.timeout
        left = deadline - time.monotonic()
        if left <= 0:
            raise PatternTimeout(self.pattern, RULE_BUDGET, whole_rule=True)
        return min(self.timeout, left)

    def _call(self, method, *args, **kwargs):
        limit = self._limit()
        try:
            return method(*args, timeout=limit, **kwargs)
        except TimeoutError:
            raise PatternTimeout(self.pattern, limit, whole_rule=limit < self.timeout) from None

    def search(self, string, pos=0, endpos=None):
        return self._call(self._rx.search, string, pos, endpos)

    def match(self, string, pos=0, endpos=None):
        return self._call(self._rx.match, string, pos, endpos)

    def fullmatch(self, string, pos=0, endpos=None):
        return self._call(self._rx.fullmatch, string, pos, endpos)

    def finditer(self, string, pos=0, endpos=None):
        limit = self._limit()
        matches = self._rx.finditer(string, pos, endpos, timeout=limit)
        try:
            yield from matches
        except TimeoutError:
            raise PatternTimeout(self.pattern, limit, whole_rule=limit < self.timeout) from None

    def findall(self, string, pos=0, endpos=None):
        return self._call(self._rx.findall, string, pos, endpos)

    def sub(self, repl, string, count=0):
        return self._call(self._rx.sub, repl, string, count)

    def split(self, string, maxsplit=0):
        return self._call(self._rx.split, string, maxsplit)

    @property
    def groups(self) -> int:
        return self._rx.groups

    @property
    def groupindex(self):
        return self._rx.groupindex

    def __repr__(self) -> str:
        return f"TimedPattern({self.pattern!r}, timeout={self.timeout:g})"


class LazyPattern:
    """A pattern compiled when a text might match it (by ``compile``, default
    ``re.compile``).

    Compiling is most of a one-file run's set-up, and most of it is for
    patterns that never match: another edition's rules, placeholders and web
    debris a clean report does not have.  Before compiling, a search first
    asks the pattern's literal prefilter (gialint/prefilter.py): a text that
    lacks the strings every match contains gets "no match" at once.  The
    first text that might match compiles the pattern, and so does a budget
    of prefilter reading (a pattern searched all through a large corpus is
    worth compiling); from then on the ``re.Pattern`` methods are the
    compiled pattern's own, without a layer in between.  Checks that join
    their patterns into one alternation read only ``.pattern`` and never
    compile each part.  Every built-in pattern is compiled by the tests.
    """

    _DELEGATED = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn",
                  "split", "flags", "groups", "groupindex")
    # characters a prefilter may read before the pattern is compiled anyway
    # (compiling a rule pattern costs about as much as reading ~1 MB)
    _BUDGET = 1 << 20

    def __init__(self, pattern: str, flags: int = 0, compile=None):
        self.pattern = pattern
        self._how = (flags, compile)

    def __getattr__(self, name: str):
        # only called for what __dict__ lacks: the first use of a method
        if name.startswith("__") or name not in self._DELEGATED:
            raise AttributeError(name)
        if name in ("search", "match", "fullmatch", "finditer", "findall") and self._filtered():
            return getattr(self, name)
        return getattr(self._compiled(), name)

    def _filtered(self) -> bool:
        """Install the prefiltered methods, if the pattern has a prefilter."""
        from gialint.prefilter import prefilter_for

        test = prefilter_for(self.pattern, self._how[0])
        if test is None:
            return False
        self._left = self._BUDGET

        def guard(name: str, nothing):
            def method(string, pos=0, endpos=None):
                if type(string) is str:
                    self._left -= test.cost(len(string) if endpos is None else endpos - pos)
                    if self._left > 0 and not test.may_match(string, pos, endpos):
                        return nothing()
                call = getattr(self._compiled(), name)
                return call(string, pos) if endpos is None else call(string, pos, endpos)
            return method

        for name, nothing in (("search", _none), ("match", _none), ("fullmatch", _none),
                              ("finditer", _no_iter), ("findall", list)):
            setattr(self, name, guard(name, nothing))
        return True

    def _compiled(self) -> re.Pattern[str]:
        flags, compile = self._how
        compiled = (compile or re.compile)(self.pattern, flags)
        for attr in self._DELEGATED:
            setattr(self, attr, getattr(compiled, attr))
        return compiled

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r})"


def _none():
    return None


def _no_iter():
    return iter(())


def compile(pattern: str, flags: int = 0, *, timed: bool = False, fast=None):
    """A user rule's pattern as a :class:`TimedPattern`; a built-in one as a
    :class:`LazyPattern` compiled on first use with ``fast`` (e.g. a
    scanner-building compile) or ``re.compile``."""
    if timed:
        return TimedPattern(pattern, flags)
    return LazyPattern(pattern, flags, fast)


# --- the load-time check ------------------------------------------------------------


def danger(pattern: str, flags: int = 0) -> str | None:
    """Why ``pattern`` can backtrack catastrophically, or None."""
    try:
        parsed = _parser.parse(pattern, flags)
        return _scan(parsed, parsed.state)
    except Exception:  # noqa: BLE001 - a private API: a surprise means "cannot tell"
        return None


def _scan(seq, state) -> str | None:
    for op, av in seq:
        subs = ()
        if op in _REPEATS:
            _lo, hi, body = av
            if hi == _UNBOUNDED:
                why = _ambiguous(body, state)
                if why:
                    return why
            subs = (body,)
        elif op is _c.SUBPATTERN:
            subs = (av[-1],)
        elif op is _c.BRANCH:
            subs = av[1]
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            subs = (av[1],)
        elif op is _ATOMIC and op is not None:
            subs = (av,)
        elif op is _c.GROUPREF_EXISTS:
            subs = tuple(s for s in av[1:3] if s is not None)
        for sub in subs:
            why = _scan(sub, state)
            if why:
                return why
    return None


def _width(items, state) -> tuple[int, int]:
    return _parser.SubPattern(state, list(items)).getwidth()


def _ambiguous(body, state) -> str | None:
    """Whether one pass of an unbounded repeat's ``body`` can be split into
    passes, or matched, in more than one way."""
    return _lone_repeat(body, state) or _inner(body, state)


def _lone_repeat(items, state) -> str | None:
    """A variable repeat that can make up a whole pass (everything else in
    the pass may match nothing): ``(a+)+``, ``(.*)*``, ``(a*b?)*``."""
    items = list(items)
    for i, (op, av) in enumerate(items):
        rest = items[:i] + items[i + 1:]
        if rest and _width(rest, state)[0] != 0:
            continue  # something else is required in every pass: it separates the passes
        if op in _REPEATS and av[0] < av[1] and _width(av[2], state)[1] > 0:
            return "a repeated part inside an unbounded repeat (like (a+)+ or (.*)*)"
        if op is _c.SUBPATTERN:
            why = _lone_repeat(av[-1], state)
        elif op is _c.BRANCH:
            why = next((w for w in (_lone_repeat(alt, state) for alt in av[1]) if w), None)
        else:
            why = None
        if why:
            return why
    return None


def _inner(items, state) -> str | None:
    """Inside a pass: alternatives that match the same text (``(a|a)*``,
    ``(\\s|.)*``) or two neighbouring repeats of the same character
    (``(x+x+)+``)."""
    items = list(items)
    reps = [(i, _single(av[2])) for i, (op, av) in enumerate(items)
            if op in _REPEATS and av[0] < av[1]]
    for n, (i, a) in enumerate(reps):
        for j, b in reps[n + 1:]:
            between = items[i + 1:j]
            if a and b and (not between or _width(between, state)[0] == 0) and _overlap(a, b):
                return "two neighbouring repeats of the same characters inside an unbounded repeat (like (x+x+)+)"
    for op, av in items:
        subs = ()
        if op is _c.BRANCH:
            why = _overlapping(av[1])
            if why:
                return why
            subs = av[1]
        elif op is _c.SUBPATTERN:
            subs = (av[-1],)
        elif op in _REPEATS:
            subs = (av[2],)
        for sub in subs:
            why = _inner(sub, state)
            if why:
                return why
    return None


def _key(seq):
    """A comparable form of parsed items (nested patterns have no ``==``)."""
    out = []
    for op, av in seq:
        if isinstance(av, _parser.SubPattern):
            av = _key(av)
        elif isinstance(av, (tuple, list)):
            av = tuple(_key(x) if isinstance(x, _parser.SubPattern) else
                       (tuple(_key(y) for y in x) if isinstance(x, list) else x) for x in av)
        out.append((str(op), av))
    return tuple(out)


def _single(alt):
    """The one character item an alternative consists of, or None."""
    items = list(alt)
    while len(items) == 1 and items[0][0] is _c.SUBPATTERN:
        items = list(items[0][1][-1])
    if len(items) == 1 and items[0][0] in (_c.LITERAL, _c.NOT_LITERAL, _c.ANY, _c.IN):
        return items[0]
    return None


def _overlapping(alts) -> str | None:
    """Two alternatives of a branch inside an unbounded repeat that can match
    the same text: the same alternative twice, or two one-character ones
    with a character in common (``(\\s|.)*``)."""
    keys = [_key(a) for a in alts]
    if len(set(keys)) < len(keys):
        return "the same alternative twice inside an unbounded repeat (like (a|a)*)"
    singles = [s for s in map(_single, alts) if s is not None]
    for i, a in enumerate(singles):
        for b in singles[i + 1:]:
            if _overlap(a, b):
                return ("alternatives that match the same character inside an unbounded repeat "
                        "(like (\\s|.)*)")
    return None


def _overlap(a, b) -> bool:
    """Whether two one-character items have a character in common (tested on
    their own literals and range ends and a few samples)."""
    candidates = set(_SAMPLES) | _chars(a) | _chars(b)
    return any(_accepts(a, ch) and _accepts(b, ch) for ch in candidates)


def _chars(item) -> set[str]:
    op, av = item
    if op in (_c.LITERAL, _c.NOT_LITERAL):
        return {chr(av)}
    out = set()
    if op is _c.IN:
        for iop, iav in av:
            if iop is _c.LITERAL:
                out.add(chr(iav))
            elif iop is _c.RANGE:
                out.update((chr(iav[0]), chr(iav[1])))
    return out


def _accepts(item, ch: str) -> bool:
    op, av = item
    if op is _c.LITERAL:
        return ord(ch) == av
    if op is _c.NOT_LITERAL:
        return ord(ch) != av
    if op is _c.ANY:
        return ch != "\n"
    negate, hit = False, False
    for iop, iav in av:
        if iop is _c.NEGATE:
            negate = True
        elif iop is _c.LITERAL:
            hit = hit or ord(ch) == iav
        elif iop is _c.RANGE:
            hit = hit or iav[0] <= ord(ch) <= iav[1]
        elif iop is _c.CATEGORY:
            test = _CATEGORY.get(iav)
            hit = hit or test is None or bool(test(ch))
        else:
            hit = True  # unknown member: assume it overlaps
    return hit != negate
