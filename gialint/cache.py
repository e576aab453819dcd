"""A small on-disk cache for work every run would otherwise repeat.

The grammar's parse tables and the parsed built-in rule files do not change
between runs of one installed version, and rebuilding them is a large part
of a one-file run (what pre-commit pays per batch).  Entries live in
``$GIALINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/gialint`` or
``~/.cache/gialint``; ``GIALINT_NO_CACHE=1`` turns the cache off.  Files are
written atomically, and a missing, stale or unreadable entry only means the
work is done again — the cache never changes a result.
"""

from __future__ import annotations

import os
import zlib
from pathlib import Path

from gialint import __version__


def cache_dir() -> Path | None:
    if os.environ.get("GIALINT_NO_CACHE"):
        return None
    base = os.environ.get("GIALINT_CACHE_DIR")
    if not base:
        xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        base = os.path.join(xdg, "gialint")
    return Path(base)


def entry(kind: str, key: str) -> Path | None:
    """The cache file for ``key`` (any text that changes when the content must)."""
    base = cache_dir()
    if base is None:
        return None
    # crc32, not hashlib: importing OpenSSL would cost more than the cache saves
    data = f"{__version__}\0{key}".encode("utf-8", "surrogatepass")
    return base / f"{kind}-{zlib.crc32(data):08x}{len(data):x}"


def load(path: Path | None, reader=None):
    """The cached object (read with ``reader``, default pickle), or None."""
    if path is None:
        return None
    if reader is None:
        import pickle

        reader = pickle.load
    try:
        with open(path, "rb") as fh:
            return reader(fh)
    except Exception:  # noqa: BLE001 - missing, truncated, from another version: redo the work
        return None


def store(path: Path | None, obj, writer=None) -> None:
    """Write ``obj`` with ``writer`` (default pickle), atomically."""
    if path is None:
        return
    import tempfile

    if writer is None:
        import pickle

        writer = pickle.dump
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as fh:
                writer(obj, fh)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except Exception:  # noqa: BLE001 - a read-only cache folder: run without the cache
        pass
