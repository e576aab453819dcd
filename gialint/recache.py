"""Compiled regular expressions kept between runs.

A one-file run (what pre-commit pays per batch) spends more time compiling
gialint's ~250 regular expressions than linting: ``re`` parses each pattern
and generates its program in pure Python, every process, every time.  The
program is a plain list of integers, so it can be kept: this module wraps
``re``'s internal compile step so that a pattern seen before is rebuilt
from its stored program by ``_sre.compile`` (what ``re`` itself calls last),
and new ones are recorded and saved when the run ends.

Safety: the store is keyed by the Python version and the regex engine's
magic number (the program format), and the wrapper is installed only after
a self-test shows it builds patterns that behave exactly like ``re``'s.  Any
surprise — another Python, a missing private function, a damaged store —
leaves ``re`` untouched.  Only the command line installs it;
``GIALINT_NO_CACHE=1`` turns it off with the rest of the cache.
"""

from __future__ import annotations

import marshal
import sys
from array import array

_STORE: dict | None = None
_NEW = 0
_ENTRY = None
_ORIGINAL = None
_MAX_ENTRIES = 3000
_CODE_TYPE = "I"  # _sre.CODESIZE == 4 (checked in install)


def _programs(pattern: str, flags: int):
    """What ``re._compiler.compile`` passes to ``_sre.compile`` (CPython 3.11–3.13)."""
    from re import _compiler, _parser

    p = _parser.parse(pattern, flags)
    code = _compiler._code(p, flags)
    groupindex = dict(p.state.groupdict)
    indexgroup = [None] * p.state.groups
    for k, i in groupindex.items():
        indexgroup[i] = k
    # the program as bytes: loading 300 KB of bytes is ~20x faster than of int lists
    return (int(flags | p.state.flags), array(_CODE_TYPE, code).tobytes(), int(p.state.groups - 1),
            {str(k): int(v) for k, v in groupindex.items()}, tuple(indexgroup))


def _build(pattern: str, entry):
    import _sre

    flags, code, groups, groupindex, indexgroup = entry
    return _sre.compile(pattern, flags, array(_CODE_TYPE, code).tolist(), groups, groupindex,
                        indexgroup)


def _compile(p, flags=0):
    global _NEW
    if type(p) is str and not flags & 128:  # 128: re.DEBUG prints, never cache
        key = (p, flags)
        entry = _STORE.get(key)
        if entry is None:
            entry = _programs(p, flags)
            if len(_STORE) < _MAX_ENTRIES:  # per-file patterns must not grow it forever
                _STORE[key] = entry
                _NEW += 1
        return _build(p, entry)
    return _ORIGINAL(p, flags)


def memo(key: tuple, compute):
    """``compute()``, kept in the store under ``key`` (a tuple of str, int, bool)
    for work derived from a pattern alone, like its first-character class."""
    if _STORE is None:
        return compute()
    key = ("memo", *key)
    if key in _STORE:
        return _STORE[key]
    value = compute()
    global _NEW
    if len(_STORE) < _MAX_ENTRIES:
        _STORE[key] = value
        _NEW += 1
    return value


def _self_test() -> bool:
    import re

    samples = [(r"(?P<y>\d{4})\s*年(?:(\d{1,2})月)?", 0), (r"(?<![A-Za-z])todo|x{2,}", re.I),
               (r"^[ \t]*\|(.*)\|$", re.M), ("[\u4e00-\u9fff]+", 0)]
    text = "2024 年3月 TODO xx\n | a | \n汉字"
    for pat, fl in samples:
        mine, theirs = _build(pat, _programs(pat, fl)), _ORIGINAL(pat, fl)
        if (mine.flags, mine.groups, mine.groupindex) != (theirs.flags, theirs.groups, theirs.groupindex):
            return False
        if [m.span() + m.groups() for m in mine.finditer(text)] != \
                [m.span() + m.groups() for m in theirs.finditer(text)]:
            return False
    return True


def install() -> None:
    """Serve ``re`` compilations from the store (once per process)."""
    global _STORE, _ENTRY, _ORIGINAL
    if _ORIGINAL is not None:
        return
    try:
        import _sre
        from re import _compiler

        from gialint import cache

        _ENTRY = cache.entry("regex", f"{sys.version}\0{_sre.MAGIC}\0{_sre.CODESIZE}")
        if _ENTRY is None or _sre.CODESIZE != array(_CODE_TYPE).itemsize:
            return
        _ORIGINAL = _compiler.compile
        # loads(read()): marshal.load on a file reads in small steps, 10x slower
        stored = cache.load(_ENTRY, lambda fh: marshal.loads(fh.read()))
        # a store exists only where this exact Python passed the self-test before
        if not isinstance(stored, dict) and not _self_test():
            _ORIGINAL = None
            return
        _STORE = stored if isinstance(stored, dict) else {}
        _compiler.compile = _compile
    except Exception:  # noqa: BLE001 - another Python's internals: plain re
        _ORIGINAL = None


def save() -> None:
    """Write the store when this run compiled patterns it did not have."""
    global _NEW
    if _ORIGINAL is None or not _NEW:
        return
    from gialint import cache

    cache.store(_ENTRY, _STORE, marshal.dump)
    _NEW = 0
