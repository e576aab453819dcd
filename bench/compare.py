"""Compare this checkout of gialint with another one, as pairs of runs.

    python bench/compare.py OTHER_CHECKOUT [--rounds 20] [--corpus DIR | -n 400]

Two measurements: the cold start of a one-file run (``gialint --isolated
examples/report-2024.txt``, what pre-commit pays per batch) and the
throughput of a generated corpus in one process (``--jobs 1``).  The two
checkouts run in turn — this, other, this, other … — with the same Python
(each on its own ``PYTHONPATH``, each with its own warm on-disk cache), and
every figure is the median over the rounds of the ratio of one pair: on a
busy machine both runs of a pair see the same load.  CPU seconds (user +
system of the child, from ``os.wait4``) are steadier than wall seconds and
are the ones to quote.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
from generate import generate  # noqa: E402

PY = sys.executable


def run(cmd: list, checkout: Path, cache: Path) -> tuple[float, float]:
    """(wall, cpu) seconds of one run of ``cmd`` with ``checkout`` first on the path."""
    env = {**os.environ, "PYTHONPATH": str(checkout), "GIALINT_CACHE_DIR": str(cache)}
    env.pop("GIALINT_CONFIG", None)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            cwd=checkout, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise RuntimeError(f"{cmd} in {checkout} exited {os.waitstatus_to_exitcode(status)}")
    return wall, usage.ru_utime + usage.ru_stime


def pairs(name: str, cmd: list, this: Path, other: Path, caches, rounds: int) -> str:
    for checkout, cache in zip((this, other), caches, strict=True):
        run(cmd, checkout, cache)  # untimed: fills the on-disk cache
    rows = {"this": [], "other": []}
    for _ in range(rounds):
        rows["this"].append(run(cmd, this, caches[0]))
        rows["other"].append(run(cmd, other, caches[1]))
    out = []
    for i, what in enumerate(("wall", "cpu")):
        a = [r[i] for r in rows["this"]]
        b = [r[i] for r in rows["other"]]
        ratios = [x / y for x, y in zip(a, b, strict=True)]
        out.append(f"| {name} | {what} | {statistics.median(a) * 1e3:.0f} ms | "
                   f"{statistics.median(b) * 1e3:.0f} ms | {statistics.median(ratios):.3f} "
                   f"({min(ratios):.2f}–{max(ratios):.2f}) |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("other", help="the other checkout (a git worktree of the baseline commit)")
    p.add_argument("--rounds", type=int, default=20, help="pairs of cold starts (default 20)")
    p.add_argument("--corpus-rounds", type=int, default=5, help="pairs of corpus runs (default 5)")
    p.add_argument("--corpus", help="an existing corpus directory (default: generate one)")
    p.add_argument("-n", type=int, default=400, help="reports to generate (default 400)")
    args = p.parse_args(argv)
    this, other = ROOT, Path(args.other).resolve()
    for checkout in (this, other):
        compileall.compile_dir(str(checkout / "gialint"), quiet=1)
    with tempfile.TemporaryDirectory(prefix="gialint-compare-") as tmp:
        work = Path(tmp)
        caches = (work / "cache-this", work / "cache-other")
        corpus = Path(args.corpus) if args.corpus else work / "corpus"
        if not args.corpus:
            generate(corpus, args.n, 1)
        one = [PY, "-m", "gialint", "--isolated", str(ROOT / "examples" / "report-2024.txt")]
        many = [PY, "-m", "gialint", "--jobs", "1", "--format", "json", "-o", os.devnull,
                "--exit-zero", str(corpus)]
        head = f"commit {_commit(this)} vs {_commit(other)}, Python {sys.version.split()[0]}"
        print(head)
        print("\n| measurement | time | this (median) | other (median) | this ÷ other, median of pairs (range) |")
        print("|---|---|---|---|---|")
        print(pairs("cold start, one file", one, this, other, caches, args.rounds))
        print(pairs(f"corpus, {len(list(corpus.iterdir()))} files, --jobs 1", many, this, other,
                    caches, args.corpus_rounds))
    return 0


def _commit(checkout: Path) -> str:
    try:
        return subprocess.run(["git", "-C", str(checkout), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return str(checkout)


if __name__ == "__main__":
    sys.exit(main())
