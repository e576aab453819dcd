"""Time gialint on whole corpora inside one process, the corpora in turn.

    python bench/findings.py [--repeat 5] DIR...

Prints one JSON object: for each directory, the CPU times of this process
(one per round; on a shared machine they vary much less than wall-clock
times) of ``gialint.cli.main`` linting the directory (all rules, ``--jobs 1``,
JSON output written and thrown away).  Imports and a first run of each
directory are paid before timing starts, and every round lints each directory
once, so a noisy neighbour slows them alike.  bench/run.py divides by the
number of files: the cost of a report with findings against a clean one.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("dirs", nargs="+")
    args = p.parse_args(argv)
    from gialint.cli import main as gialint

    def lint(path: str) -> float:
        start = time.process_time()
        code = gialint(["--jobs", "1", "--format", "json", "-o", os.devnull, "--exit-zero", path])
        elapsed = time.process_time() - start
        if code != 0:
            raise SystemExit(f"gialint exited {code} on {path}")
        return elapsed

    for d in args.dirs:  # warm up: imports, grammar, rules, the files in the page cache
        lint(d)
    times: dict[str, list[float]] = {d: [] for d in args.dirs}
    for _ in range(args.repeat):
        for d in args.dirs:
            times[d].append(lint(d))
    json.dump(times, sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
