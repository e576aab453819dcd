"""The files a run names: paths and folders expanded into work items, in
order, with the configuration's ``exclude``, the documents gialint does not
read listed (never skipped in silence) and unreadable folders reported.
"""

from __future__ import annotations

import os
from pathlib import Path

from gialint.config import excluded
from gialint.readers import EXTENSIONS, UNREAD_EXTENSIONS


def is_url(path: str) -> bool:
    """An fsspec URL (``s3://bucket/a.pdf``), not a local path (``C:\\x`` is local)."""
    head, sep, _ = path.partition("://")
    return bool(sep) and len(head) > 1 and head.replace("+", "").isalnum()


def expand_paths(paths, ruleset_for, force_exclude: bool = False):
    """Yield ("file", Path, None), ("stdin", None, None), ("error", Path, (message code,
    arguments)), ("skip", Path, (message code, arguments)) or ("excluded", Path, None),
    in order."""
    for raw in paths:
        if is_url(str(raw)):  # expanded by the caller (gialint/cluster.py: a glob may match many)
            yield "url", str(raw), None
            continue
        if str(raw) == "-":
            yield "stdin", None, None
            continue
        path = Path(raw)
        if path.is_dir():
            unreadable: list[tuple[Path, str]] = []
            for f, unread in sorted(_walk(path, unreadable)):
                rs = ruleset_for(f)
                if excluded(rs.config, f):
                    yield "excluded", f, None
                elif unread:
                    yield "skip", f, (unread, {"ext": f.suffix.lower()})
                else:
                    yield "file", f, None
            for folder, why in unreadable:
                yield "error", folder, ("cannot-read-directory", {"reason": why})
        elif path.exists() and not path.is_file():
            # a named pipe would block the run (waiting for a writer); a device never ends
            yield "error", path, ("not-regular", {})
        elif path.exists() or path.is_symlink():
            if force_exclude and excluded(ruleset_for(path).config, path):
                yield "excluded", path, None
            else:
                yield "file", path, None
        else:
            yield "error", path, ("not-found", {})


def _walk(root: Path, unreadable: list):
    """(path, None) for each report file below ``root``, (path, message code) for each
    document in a format gialint does not read (UNREAD_EXTENSIONS)."""
    def failed(err: OSError) -> None:  # reported, not skipped in silence
        unreadable.append((Path(err.filename), err.strerror or str(err)))

    for dirpath, dirnames, filenames in os.walk(root, onerror=failed):
        dirnames[:] = [d for d in dirnames if not d.startswith(".") and d != "__pycache__"]
        for name in filenames:
            if name.startswith((".", "~$")):  # hidden files, Word's lock files (~$报告.docx)
                continue
            lower = name.lower()
            unread = None if lower.endswith(EXTENSIONS) else UNREAD_EXTENSIONS.get(os.path.splitext(lower)[1])
            if not lower.endswith(EXTENSIONS) and unread is None:
                continue
            path = Path(dirpath) / name
            # not a named pipe or a device (reading one would block the run);
            # a broken link is kept, to be reported
            if path.is_file() or not path.exists():
                yield path, unread
