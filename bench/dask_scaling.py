"""Throughput of a Dask run (gialint/cluster.py) with 1 and 2 worker processes
against one local process, on a folder of reports; prints a Markdown table.

    python bench/dask_scaling.py [FOLDER] [--repeat N]

Without FOLDER: the rule fixtures' text reports (tests/fixtures/rules).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from distributed import Client, LocalCluster

from gialint.api import Linter

ROOT = Path(__file__).resolve().parent.parent


def _fixtures(dest: Path) -> Path:
    files = sorted(p for p in (ROOT / "tests/fixtures/rules").glob("*/*") if p.suffix in (".txt", ".md", ".html"))
    for i, f in enumerate(files):
        shutil.copy(f, dest / f"{i:04d}_{f.parent.name}_{f.name}")
    return dest


def _time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", nargs="?")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.folder) if args.folder else _fixtures(Path(tmp))
        n = sum(1 for p in folder.rglob("*") if p.is_file())
        linter = Linter(isolated=True)
        linter.lint_paths([folder], jobs=1)  # warm: rules and grammar loaded, files cached
        rows = [("local, 1 process", _time(lambda: linter.lint_paths([folder], jobs=1), args.repeat))]
        for workers in (1, 2):
            with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                              dashboard_address=None) as cluster, Client(cluster) as client:
                linter.lint_paths([folder], client=client)  # warm the workers
                rows.append((f"dask, {workers} worker{'s' * (workers > 1)}",
                             _time(lambda c=client: linter.lint_paths([folder], client=c), args.repeat)))
    base = rows[0][1]
    print(f"{n} reports, median of {args.repeat} runs\n")
    print("| run | seconds | reports/s | vs local |")
    print("| --- | ---: | ---: | ---: |")
    for name, t in rows:
        print(f"| {name} | {t:.2f} | {n / t:.0f} | {base / t:.2f}× |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
