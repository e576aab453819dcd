"""``gialint --fix`` / ``--diff``: apply the certain fixes of findings to a file.

Fixes are edits in original-text offsets.  Overlapping edits are not applied
together (the first wins; the rest wait for the next run).  The file is
rewritten atomically (a temporary file in the same folder, then os.replace),
in its own encoding with its BOM, and its line ends are untouched because
edits never add or change them.
"""

from __future__ import annotations

import difflib
import os
import tempfile

from gialint.findings import FileResult

_BOMS = {"utf-8-sig": b"", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}


def fixed_text(result: FileResult) -> tuple[str, int]:
    """The text with every non-overlapping fix applied, and how many findings were fixed."""
    text = result.source_text or ""
    edits: list[tuple[int, int, str]] = []
    fixed = 0
    taken_until = -1
    candidates = sorted((f for f in result.findings if f.fix), key=lambda f: min(e[0] for e in f.fix))
    for finding in candidates:
        fe = sorted(finding.fix)
        if fe[0][0] < taken_until or any(a[1] > b[0] for a, b in zip(fe, fe[1:], strict=False)):
            continue
        edits.extend(fe)
        taken_until = fe[-1][1]
        fixed += 1
    out = []
    pos = 0
    for start, end, repl in sorted(edits):
        out.append(text[pos:start])
        out.append(repl)
        pos = end
    out.append(text[pos:])
    return "".join(out), fixed


def unified_diff(path: str, before: str, after: str) -> str:
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                 fromfile=f"a/{path}", tofile=f"b/{path}")
    out = "".join(lines)
    return out if out.endswith("\n") or not out else out + "\n\\ No newline at end of file\n"


def write_atomically(path: str, text: str, encoding: str) -> None:
    codec = {"utf-8-sig": "utf-8", "utf-16-le": "utf-16-le", "utf-16-be": "utf-16-be"}.get(encoding, encoding)
    data = _BOMS.get(encoding, b"") + text.encode(codec)
    if encoding == "utf-8-sig":
        data = b"\xef\xbb\xbf" + text.encode("utf-8")
    directory = os.path.dirname(os.path.abspath(path))
    mode = os.stat(path).st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(prefix=".gialint-", dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
