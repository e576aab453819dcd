"""``gialint --fix`` / ``--diff``: apply the certain fixes of findings to a file.

Fixes are edits in original-text offsets.  Overlapping edits are not applied
together (the first wins; the rest wait for the next run).  The file is
rewritten atomically (a temporary file in the same folder, then os.replace),
in its own encoding with the BOM it was read with (``Source.bom``), and its line ends are untouched because
edits never add or change them.
"""

from __future__ import annotations

import difflib
import os
import tempfile
from bisect import bisect_left, insort
from contextlib import contextmanager

from gialint.findings import FileResult
from gialint.source import encode_text

# files rewritten: in this process, and (set before a worker pool forks) by all the
# workers together — what an interrupted --fix run reports as changed
_WRITTEN = [0]
_SHARED = None  # a multiprocessing.Value("i") while a pool of workers fixes files
_IN_WORKER = [False]  # this process is one of those workers


def count_shared(counter) -> None:
    """Workers (forked after this) count the files they rewrite into ``counter``
    (a ``multiprocessing.Value``); None: the pool is done, its count added to
    this process's."""
    global _SHARED
    if counter is None and _SHARED is not None:
        _WRITTEN[0] += _SHARED.value
    _SHARED = counter


def in_worker() -> None:
    """Called in each worker as it starts: count into the shared counter."""
    _IN_WORKER[0] = True


def files_written() -> int:
    """Files rewritten so far: by this process, plus the workers' while a pool runs."""
    return _WRITTEN[0] + (_SHARED.value if _SHARED is not None else 0)


@contextmanager
def _signals_held():
    """Ctrl-C and SIGTERM wait until the file is replaced and counted: a file is
    rewritten whole or not at all, and an interrupted run knows it."""
    import signal
    import threading

    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _keep_owner(tmp: str, st: os.stat_result) -> None:
    """The new file gets the old one's owner and group where the user may give them
    (root; a group of the user's): else it is the user's, as any file they write."""
    if not hasattr(os, "chown") or (st.st_uid, st.st_gid) == (os.geteuid(), os.getegid()):
        return
    for uid, gid in ((st.st_uid, st.st_gid), (-1, st.st_gid)):
        try:
            os.chown(tmp, uid, gid)
            return
        except OSError:
            continue


# the BOM a file read without --encoding has, by the encoding it was read in
_BOMS = {"utf-8-sig": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}


def fixed_text(result: FileResult) -> tuple[str, int]:
    """The text with every non-overlapping fix applied, and how many findings were fixed."""
    after, fixed = fixed_text_and_findings(result)
    return after, len(fixed)


def fixed_text_and_findings(result: FileResult) -> tuple[str, list]:
    """The text with every non-overlapping fix applied, and the findings fixed.

    A finding's edits are applied all or none: not when one of them overlaps
    an edit of a finding taken before it (in the order of their first edit).
    A finding whose edits are spread over the file (removing every pinyin
    annotation) does not block the findings between its edits."""
    text = result.source_text or ""
    taken: list[tuple[int, int, str]] = []  # sorted, non-overlapping
    fixed = []
    candidates = sorted((f for f in result.findings if f.fix), key=lambda f: min(e[0] for e in f.fix))
    for finding in candidates:
        fe = sorted(finding.fix)
        if any(_overlap(a, b) for a, b in zip(fe, fe[1:], strict=False)):
            continue
        if any(_clashes(taken, e) for e in fe):
            continue
        for e in fe:
            insort(taken, e)
        fixed.append(finding)
    out = []
    pos = 0
    for start, end, repl in taken:
        out.append(text[pos:start])
        out.append(repl)
        pos = end
    out.append(text[pos:])
    return "".join(out), fixed


def _overlap(a: tuple[int, int, str], b: tuple[int, int, str]) -> bool:
    """Whether two edits touch the same text (two insertions at one place do too)."""
    if a[0] == b[0]:
        return True
    return a[0] < b[1] and b[0] < a[1]


def _clashes(taken: list[tuple[int, int, str]], e: tuple[int, int, str]) -> bool:
    i = bisect_left(taken, (e[0],))
    return any(_overlap(t, e) for t in taken[max(0, i - 1): i + 1])


def unified_diff(path: str, before: str, after: str) -> str:
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                 fromfile=f"a/{path}", tofile=f"b/{path}")
    out = []
    for line in lines:
        out.append(line)
        if not line.endswith("\n"):
            # a last line without a line end (on either side), as diff(1) marks it
            out.append("\n\\ No newline at end of file\n")
    return "".join(out)


class NotRewritten(OSError):
    """--fix leaves the file as it is, for a reason it names (``code``: the
    input message, gialint.inputmessages; ``args_``: its arguments)."""

    def __init__(self, code: str, path: str, **args):
        super().__init__(code)
        self.code, self.filename, self.args_ = code, path, args


def write_atomically(path: str, text: str, encoding: str, bom: bytes | None = None, *,
                     was: str | None = None) -> None:
    """Write ``text`` to ``path`` in ``encoding`` after ``bom`` (``Source.bom``: the
    mark the file was read with; None: the one its encoding implies when detected).

    ``was``: the text the fixes were computed from; a file that no longer holds
    it (an editor saved it meanwhile) is left alone.  A file with other hard
    links is left alone too: replacing it would part it from them.  The owner,
    group and permissions are kept (the owner when the user may give it)."""
    if bom is None:
        bom = _BOMS.get(encoding, b"")
    data = encode_text(text, encoding, bom)
    path = os.path.realpath(path)  # through a symbolic link: rewrite its target, keep the link
    directory = os.path.dirname(path)
    st = os.stat(path)
    mode = st.st_mode & 0o7777
    if not mode & 0o222:  # the rename would replace it all the same (and root may write anything)
        raise PermissionError(13, "the file is read-only; not changed", path)
    if st.st_nlink > 1:
        raise NotRewritten("fix-hard-link", path, links=st.st_nlink)
    if was is not None:
        before = encode_text(was, encoding, bom)  # decoding is strict: the bytes read
        with open(path, "rb") as fh:
            if fh.read(len(before) + 1) != before:
                raise NotRewritten("fix-file-changed", path)
    with _signals_held():
        fd, tmp = tempfile.mkstemp(prefix=".gialint-", dir=directory)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, mode)
            _keep_owner(tmp, st)
            os.replace(tmp, path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
        if _SHARED is not None and _IN_WORKER[0]:
            with _SHARED.get_lock():
                _SHARED.value += 1
        else:
            _WRITTEN[0] += 1
