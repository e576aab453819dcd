"""Time gialint on files of growing size inside one process.

    python bench/growth.py [--repeat 3] FILE...

Prints one JSON object: for each file, the best of --repeat wall-clock times
of ``gialint.cli.main`` linting that file alone (all rules, JSON output thrown
away).  Imports and the first run are paid before timing starts, so the times
are the per-file work plus a constant per-call cost (configuration and rules),
which bench/run.py measures with an almost empty file and subtracts.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("files", nargs="+")
    args = p.parse_args(argv)
    from gialint.cli import main as gialint

    def lint(path: str) -> float:
        start = time.perf_counter()
        code = gialint(["--jobs", "1", "--format", "json", "-o", os.devnull, "--exit-zero", path])
        elapsed = time.perf_counter() - start
        if code != 0:
            raise SystemExit(f"gialint exited {code} on {path}")
        return elapsed

    lint(args.files[0])  # warm up: imports, grammar, rules
    best = {f: min(lint(f) for _ in range(args.repeat)) for f in args.files}
    json.dump(best, sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
