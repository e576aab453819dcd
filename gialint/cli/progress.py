"""A progress bar on standard error for long runs (rich): files done, the rate
and the time left.  Only when standard error is a terminal, not in CI, and the
run has more than a handful of files or any PDF (slow to read); never with
--quiet.  Machine-readable output goes to standard output or -o, untouched."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager

MANY = 5  # more files than this: show the bar


def wanted(work, *, quiet: bool = False, stream=None) -> bool:
    stream = stream or sys.stderr
    if quiet or os.environ.get("CI") or os.environ.get("GIALINT_NO_PROGRESS"):
        return False
    try:
        if not stream.isatty():
            return False
    except (AttributeError, ValueError):
        return False
    files = [path for kind, path, _ in work if kind in ("file", "data", "text")]
    return len(files) > MANY or any(str(p).lower().endswith(".pdf") for p in files)


@contextmanager
def bar(total: int, *, lang: str = "zh", stream=None):
    """A callback ``advance(path)`` to call after each file, shown as a rich bar
    that disappears when the run ends."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        TextColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task):
            speed = task.finished_speed or task.speed
            if not speed:
                return Text("")
            return Text(f"{speed:.1f} 个/秒" if lang == "zh" else f"{speed:.1f} files/s")

    console = Console(file=stream or sys.stderr, stderr=stream is None)
    label = "检查" if lang == "zh" else "Checking"
    left = "剩余" if lang == "zh" else "left"
    progress = Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), Rate(),
                        TextColumn(left), TimeRemainingColumn(), TextColumn("{task.fields[name]}"),
                        console=console, transient=True)
    task = progress.add_task(label, total=total, name="")
    with progress:
        def advance(path: str = "") -> None:
            progress.update(task, advance=1, name=os.path.basename(str(path))[:40])
        yield advance
