"""Glued cells: crawler text prints 217 1 0 0 0 0 218 as ``21710000218``.

A run of digits is split into numbers only when exactly one split satisfies
the row's own constraints; otherwise the row is unreadable and no arithmetic
claim is made about it.  Numbers never start with 0 unless they are 0.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal

MAX_SPLITS = 20000  # give up (unreadable) rather than search forever


def _splits(run: str, parts: int) -> Iterator[list[str]]:
    """Every way to cut ``run`` into ``parts`` numbers without leading zeros."""
    if parts == 1:
        if run == "0" or not run.startswith("0"):
            yield [run]
        return
    if run.startswith("0"):
        # a leading 0 can only be the number 0 itself
        for rest in _splits(run[1:], parts - 1):
            yield ["0", *rest]
        return
    for i in range(1, len(run) - parts + 2):
        for rest in _splits(run[i:], parts - 1):
            yield [run[:i], *rest]


def split_runs(runs: list[str], count: int,
               ok: Callable[[list[Decimal]], bool] | None) -> list[list[tuple[int, int, int]]]:
    """All ways to read ``count`` numbers from the digit ``runs``.

    Each solution is a list of (run index, start, end) slices; ``ok`` filters
    solutions by the row's constraints.  At most two solutions are returned:
    two means ambiguous, and so does a search that gave up after MAX_SPLITS.
    """
    if any(not r.isdigit() for r in runs) or sum(len(r) for r in runs) < count:
        return []
    solutions: list[list[tuple[int, int, int]]] = []
    tried = 0

    def rec(i: int, left: int, acc: list[tuple[int, int, int]]):
        nonlocal tried
        if len(solutions) >= 2 or tried > MAX_SPLITS:
            return
        if i == len(runs):
            if left == 0:
                tried += 1
                values = [Decimal(runs[r][a:b]) for r, a, b in acc]
                if ok is None or ok(values):
                    solutions.append(list(acc))
            return
        run = runs[i]
        remaining_runs = len(runs) - i - 1
        for parts in range(1, min(len(run), left - remaining_runs) + 1):
            for cut in _splits(run, parts):
                pos = 0
                piece = []
                for num in cut:
                    piece.append((i, pos, pos + len(num)))
                    pos += len(num)
                rec(i + 1, left - parts, acc + piece)

    rec(0, count, [])
    if tried > MAX_SPLITS and len(solutions) < 2:
        # gave up before knowing the split is unique: that is ambiguous, not unique
        return [solutions[0] if solutions else [], []]
    return solutions
