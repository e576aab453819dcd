"""The one line index of gialint: where the lines of a text start.

Lines end at ``\\r\\n`` (one terminator), ``\\r`` or ``\\n`` -- never at the
form feeds and other separators ``str.splitlines`` also breaks at, so that
line numbers agree everywhere (findings, excerpts, suppressions, TOML
errors).  Lines and columns are 1-based, columns count code points.
"""

from __future__ import annotations

import re
from bisect import bisect_right

__all__ = ["LineIndex", "line_key"]

_LINE_END = re.compile("\r\n|\r|\n")


def _starts(text: str) -> list[int]:
    starts = [0]
    if "\r" in text:
        starts.extend([m.end() for m in _LINE_END.finditer(text)])
    else:  # the usual case, and every normalised text: a plain find loop is faster
        find = text.find
        append = starts.append
        i = find("\n")
        while i >= 0:
            i += 1
            append(i)
            i = find("\n", i)
    return starts


class LineIndex:
    """Line starts of ``text``.

    ``starts`` holds the offset of every line start, including the empty
    position after a final line terminator (where ``position(len(text))``
    lies), so it has one entry more than ``line_count`` then.
    """

    __slots__ = ("text", "starts")

    def __init__(self, text: str, starts: list[int] | None = None):
        self.text = text
        self.starts = _starts(text) if starts is None else starts

    def line_of(self, offset: int) -> int:
        """1-based line of ``offset``."""
        return bisect_right(self.starts, offset)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of ``offset`` (no range check)."""
        starts = self.starts
        i = bisect_right(starts, offset) - 1
        return i + 1, offset - starts[i] + 1

    def span(self, line: int) -> tuple[int, int]:
        """(start, end) of 1-based ``line`` without its terminator (1 <= line <= len(starts))."""
        starts, text = self.starts, self.text
        start = starts[line - 1]
        if line >= len(starts):
            return start, len(text)
        end = starts[line] - 1
        if end > start and text[end] == "\n" and text[end - 1] == "\r":
            end -= 1
        return start, end

    def spans(self) -> list[tuple[int, int]]:
        """(start, end) of every entry of ``starts``, terminators left out (the
        empty position after a final terminator too: line k of a normalised
        text is line k of its original)."""
        starts = self.starts
        if "\r" in self.text:
            return [self.span(i) for i in range(1, len(starts) + 1)]
        # only \n (every normalised text): each line ends one before the next starts
        return list(zip(starts, [s - 1 for s in starts[1:]] + [len(self.text)], strict=True))

    def line_text(self, line: int) -> str:
        """Text of 1-based ``line`` without its terminator ("" when out of range)."""
        if line < 1 or line > len(self.starts):
            return ""
        start, end = self.span(line)
        return self.text[start:end]

    def lines(self) -> list[str]:
        """The text of every line (``line_count`` of them)."""
        return [self.line_text(i) for i in range(1, self.line_count + 1)]

    @property
    def line_count(self) -> int:
        """Number of lines, as an editor shows them: ``"a\\nb"`` and
        ``"a\\nb\\n"`` both have 2, ``""`` has 0."""
        n = len(self.starts)
        text = self.text
        if not text or text[-1] in "\r\n":
            n -= 1
        return n


def line_key(line: str) -> str:
    """A line as baselines and fingerprints compare it: whitespace runs as one
    space, none at the ends (the key survives re-indenting and re-wrapping spaces)."""
    return " ".join(line.split())
