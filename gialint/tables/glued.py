"""Glued cells: crawler text prints 217 1 0 0 0 0 218 as ``21710000218``.

A run of digits is split into numbers only when exactly one split satisfies
the row's own constraints (or when there are as many digits as numbers: one
digit each, the caller passes no constraint); what the caller makes of no
split (the row's numbers are wrong) and of several (the row cannot be read,
no arithmetic claim is made) is gialint/tables/read.py's.  Numbers never
start with 0 unless they are 0.

The search walks the digits left to right, one number at a time, and stops
as soon as it knows the answer is not unique: after a second solution, or
after ``MAX_STEPS`` steps (a search that gives up is "ambiguous", never a
guess).  ``partial`` lets a caller prune early, e.g. 表四 checks each group of
five values as soon as it is complete.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

MAX_STEPS = 50_000

Check = Callable[[list[Decimal]], bool]


def split_runs(runs: list[str], count: int, ok: Check | None,
               partial: Check | None = None) -> list[list[tuple[int, int, int]]]:
    """The ways to read ``count`` numbers from the digit ``runs``.

    Each solution is a list of (run index, start, end) slices.  At most two
    solutions are returned: two means ambiguous, and so does a search that
    gave up.  ``ok`` filters complete readings, ``partial`` prunes prefixes.
    """
    if count <= 0 or any(not r.isdigit() for r in runs) or sum(len(r) for r in runs) < count:
        return []
    if len(runs) > count:
        return []
    solutions: list[list[tuple[int, int, int]]] = []
    steps = 0
    gave_up = False
    # digits left after each run: a number cannot cross a run boundary
    slices: list[tuple[int, int, int]] = []
    values: list[Decimal] = []

    def rec(run: int, pos: int) -> None:
        nonlocal steps, gave_up
        if len(solutions) >= 2 or gave_up:
            return
        steps += 1
        if steps > MAX_STEPS:
            gave_up = True
            return
        if pos == len(runs[run]):  # this run is used up: go on with the next one
            if run + 1 == len(runs):
                if len(values) == count and (ok is None or ok(values)):
                    solutions.append(list(slices))
                return
            rec(run + 1, 0)
            return
        left_numbers = count - len(values)
        runs_after = len(runs) - run - 1
        if left_numbers <= runs_after:  # each later run needs at least one number
            return
        digits_here = len(runs[run]) - pos
        digits_after = sum(len(r) for r in runs[run + 1:])
        if left_numbers > digits_here + digits_after:
            return
        text = runs[run]
        ends = [pos + 1] if text[pos] == "0" else range(pos + 1, len(text) + 1)
        for end in ends:
            # leave at least one digit for every number this run still owes nobody:
            # the numbers after this one must fit in the remaining digits
            if count - len(values) - 1 > (len(text) - end) + digits_after:
                break
            slices.append((run, pos, end))
            values.append(Decimal(text[pos:end]))
            if partial is None or partial(values):
                rec(run, end)
            slices.pop()
            values.pop()
            if len(solutions) >= 2 or gave_up:
                return

    rec(0, 0)
    if gave_up and len(solutions) < 2:
        return [solutions[0] if solutions else [], []]
    return solutions
