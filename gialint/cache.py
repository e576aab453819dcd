"""A small on-disk cache for work every run would otherwise repeat.

The grammar's parse tables and the parsed built-in rule files do not change
between runs of one installed version, and rebuilding them is a large part
of a one-file run (what pre-commit pays per batch).  Entries live in
``$GIALINT_CACHE_DIR``, else in the user's cache folder (``platformdirs``:
``~/.cache/gialint`` on Linux, ``~/Library/Caches/gialint`` on macOS,
``%LOCALAPPDATA%\\gialint\\Cache`` on Windows); ``GIALINT_NO_CACHE=1`` turns
the cache off.

An entry is never trusted: it holds its full key (gialint's version, the
kind and the caller's key) and a checksum and length of its content, and
anything that does not match — a truncated or damaged file, another
version's entry, another key's entry under this name — is ignored and the
work is done again (then written over it).  Files are written atomically, so
the cache never changes a result.

Nothing in an entry can run code: payloads are JSON or marshal data, and
:func:`plain` refuses, after loading, anything but plain values (a marshal
stream can hold a code object; loading one runs nothing, but it is refused
all the same).  The checksum only finds damage — anyone who can write the
folder can forge it — so the folder is trusted only if it is the user's own
and nobody else can write to it (on POSIX: owned by the effective user, no
group or other write bit; a folder gialint creates is made ``0700``), and so
is each entry file; otherwise the cache is not used at all.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from gialint import __version__

_MAGIC = b"gialint-cache 2\n"
_INT = 8  # bytes of each length field


@dataclass(frozen=True)
class Entry:
    path: Path
    key: bytes  # the full key; the file name is only a short digest of it


def cache_dir() -> Path | None:
    if os.environ.get("GIALINT_NO_CACHE"):
        return None
    return Path(os.environ.get("GIALINT_CACHE_DIR") or _user_cache_dir())


@lru_cache(maxsize=1)
def _user_cache_dir() -> str:
    """The per-user cache folder of this system (asked once: a run reads several entries)."""
    import platformdirs

    return platformdirs.user_cache_dir("gialint", appauthor=False)


def _owned_privately(st: os.stat_result) -> bool:
    """Whether a file or folder is the user's own and nobody else may write to it."""
    geteuid = getattr(os, "geteuid", None)
    if geteuid is None:  # Windows: the user's own profile folder, no POSIX modes
        return True
    return st.st_uid == geteuid() and not st.st_mode & 0o022


def _trusted(base: str) -> bool:
    """Whether ``base`` may hold the cache: made private if missing, else checked."""
    import stat

    try:
        os.makedirs(os.path.dirname(base) or ".", exist_ok=True)
        os.mkdir(base, 0o700)
    except FileExistsError:
        pass
    except OSError:
        return False
    try:
        st = os.lstat(base)  # a symlink is not the user's folder, whatever it points to
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and _owned_privately(st)


def entry(kind: str, key: str) -> Entry | None:
    """The cache entry for ``key`` (any text that changes when the content must);
    None when the cache is off or its folder is not safe to use."""
    base = cache_dir()
    if base is None or not _trusted(str(base)):
        return None
    full = f"{__version__}\0{kind}\0{key}".encode("utf-8", "surrogatepass")
    # the name only spreads entries over files: the key inside decides.  crc32,
    # not hashlib: importing OpenSSL would cost a tenth of a one-file run
    return Entry(base / f"{kind}-{zlib.crc32(full):08x}{len(full):x}", full)


def _pack(key: bytes, payload: bytes) -> bytes:
    return b"".join((_MAGIC, len(key).to_bytes(_INT, "big"), key,
                     len(payload).to_bytes(_INT, "big"),
                     zlib.crc32(payload).to_bytes(4, "big"), payload))


def _unpack(key: bytes, data: bytes) -> bytes | None:
    """The payload of ``data`` if it is a whole entry for ``key``, else None."""
    at = len(_MAGIC)
    if data[:at] != _MAGIC:
        return None
    n = int.from_bytes(data[at:at + _INT], "big")
    at += _INT
    if data[at:at + n] != key:
        return None
    at += n
    size = int.from_bytes(data[at:at + _INT], "big")
    crc = data[at + _INT:at + _INT + 4]
    payload = data[at + _INT + 4:]
    if len(payload) != size or zlib.crc32(payload).to_bytes(4, "big") != crc:
        return None
    return payload


def load(e: Entry | None, decode: Callable[[bytes], Any]):
    """``decode(content)`` of a whole, matching entry, or None."""
    if e is None or not _trusted(str(e.path.parent)):
        return None
    try:
        fd = os.open(e.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as fh:
            if not _owned_privately(os.fstat(fh.fileno())):
                return None
            payload = _unpack(e.key, fh.read())
        return None if payload is None else decode(payload)
    except Exception:  # noqa: BLE001 - missing, unreadable, undecodable: redo the work
        return None


def store(e: Entry | None, obj, encode: Callable[[Any], bytes]) -> None:
    """Write ``encode(obj)`` as the entry, atomically; a failure only means no cache."""
    if e is None:
        return
    import tempfile

    try:
        data = _pack(e.key, encode(obj))
        fd, tmp = tempfile.mkstemp(dir=e.path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, e.path)
        except BaseException:
            os.unlink(tmp)
            raise
    except Exception:  # noqa: BLE001 - a read-only folder, an object that cannot be encoded
        pass


_PLAIN_LEAVES = (str, int, float, bool, bytes, type(None))


def plain(value):
    """``value`` if it is made of plain data only (dicts, lists, tuples, strings,
    numbers, bytes, None), else ValueError: what a cache payload may hold."""
    stack = [(value, 0)]
    while stack:
        v, d = stack.pop()
        if d > 200:
            raise ValueError("cache payload nested too deeply")
        if type(v) in _PLAIN_LEAVES:
            continue
        if type(v) in (list, tuple):
            stack.extend((x, d + 1) for x in v)
        elif type(v) is dict:
            stack.extend((k, d + 1) for k in v)
            stack.extend((x, d + 1) for x in v.values())
        else:
            raise ValueError(f"cache payload holds a {type(v).__name__}")
    return value


def loads_marshal(payload: bytes):
    """marshal data, plain values only (see :func:`plain`)."""
    import marshal

    return plain(marshal.loads(payload))
