"""Baselines: accept today's findings, report only new ones.

A baseline entry is (file, rule, whitespace-collapsed text of the finding's
line, how many such findings the file had) — no line numbers, so a finding
that moves when lines are inserted above it stays accepted, while a second
identical one on a new line is new.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from gialint.findings import FileResult, Finding
from gialint.lines import line_key

VERSION = 1


def _key(f: Finding) -> tuple[str, str]:
    return f.rule, line_key(f.line_text)


def write(results: list[FileResult], path: str) -> int:
    files: dict[str, list[dict]] = {}
    total = 0
    for r in results:
        counts = Counter(_key(f) for f in r.findings)
        if counts:
            files[r.path] = [{"rule": rule, "text": text, "count": n}
                             for (rule, text), n in sorted(counts.items())]
            total += sum(counts.values())
    doc = {"gialint_baseline": VERSION, "files": files}
    data = (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8", "backslashreplace")
    replace_atomically(Path(path), data)
    return total


def replace_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` as ``path`` through a temporary file in the same folder and
    a rename: a failure (a full disk, a folder in the way) leaves the old file
    whole.  OSError (with the reason) when it cannot be written."""
    import os
    import tempfile

    if path.is_dir():
        raise IsADirectoryError(21, "is a directory", str(path))
    try:  # the old file's permissions, else those a new file gets
        mode = path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(tmp, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


class BaselineError(ValueError):
    pass


def load(path: str) -> dict[str, Counter]:
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise BaselineError(f"{path}: cannot read baseline: {err}") from None
    except json.JSONDecodeError as err:
        raise BaselineError(f"{path}:{err.lineno}: not a gialint baseline (invalid JSON: {err.msg})") from None
    if not isinstance(doc, dict) or doc.get("gialint_baseline") != VERSION or not isinstance(doc.get("files"), dict):
        raise BaselineError(f"{path}: not a gialint baseline (write one with --write-baseline)")
    out: dict[str, Counter] = {}
    for file, entries in doc["files"].items():
        c: Counter = Counter()
        for e in entries:
            try:
                c[(e["rule"], e["text"])] += int(e["count"])
            except (KeyError, TypeError, ValueError):
                raise BaselineError(f"{path}: bad entry for {file}: {e!r}") from None
        out[file] = c
    return out


def split(result: FileResult, baseline: dict[str, Counter]) -> tuple[list[Finding], list[Finding]]:
    """(new, known) findings of a file against the baseline."""
    budget = Counter(baseline.get(result.path, Counter()))
    new, known = [], []
    for f in result.findings:
        k = _key(f)
        if budget[k] > 0:
            budget[k] -= 1
            known.append(f)
        else:
            new.append(f)
    return new, known
