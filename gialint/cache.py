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


def entry(kind: str, key: str) -> Entry | None:
    """The cache entry for ``key`` (any text that changes when the content must)."""
    base = cache_dir()
    if base is None:
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
    if e is None:
        return None
    try:
        with open(e.path, "rb") as fh:
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
        e.path.parent.mkdir(parents=True, exist_ok=True)
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
