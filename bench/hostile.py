"""The hostile-case table of BENCHMARKS.md (issue 18): each case a small file
built to be slow or large for a linter, linted in its own process; wall-clock
time and peak memory (max RSS) of that process.

    python bench/hostile.py [--only NAME ...]

prints a Markdown table.  Cases are written to a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HEAD = (REPO / "tests" / "fixtures" / "rules" / "GIA101" / "pass_clean_2021.txt").read_text(encoding="utf-8")


def _text(body: str) -> bytes:
    return (HEAD + "\n" + body + "\n").encode("utf-8")


CASES = {
    "100,000 ASCII digits": ("txt", lambda: _text("1" * 100_000)),
    "100,000 full-width digits": ("txt", lambda: _text("１" * 100_000)),
    "50,000 × '1,'": ("txt", lambda: _text("1," * 50_000)),
    "33,000 × '一二三'": ("txt", lambda: _text("一二三" * 33_000)),
    "suppression comment + 80,000 spaces": ("txt", lambda: _text("<!-- gialint: disable" + " " * 80_000)),
    "1 MB on one line": ("txt", lambda: _text("政府信息公开工作，" * 110_000)),
}
# not yet bounded (issue 18, open): minutes and, for the spans, gigabytes — run
# only when asked for (--only), with a memory limit (ulimit -v)
UNBOUNDED = {
    "100,000 nested <div>": ("html", lambda: ("<html><body>" + "<div>" * 100_000 + "报告"
                                              + "</div>" * 100_000 + "</body></html>").encode()),
    "HTML rowspan=0 colspan=1000": ("html", lambda: ("<table>" + "<tr><td rowspan=0 colspan=1000>1</td></tr>" * 200
                                                     + "</table>").encode()),
}


def measure(path: Path) -> tuple[float, float, int]:
    """(seconds, peak MB, exit code) of ``python -m gialint PATH``."""
    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "gialint", "--jobs", "1", str(path)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    took = time.perf_counter() - t
    return took, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", nargs="*", help="case names (substrings) to run")
    args = ap.parse_args()
    print("| case | input | time | peak memory | exit |")
    print("|---|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for name, (ext, make) in {**CASES, **UNBOUNDED}.items():
            if not any(o in name for o in args.only) if args.only else name in UNBOUNDED:
                continue
            p = Path(tmp) / f"case.{ext}"
            data = make()
            p.write_bytes(data)
            took, mb, code = measure(p)
            print(f"| {name} | {len(data) / 1024:.0f} KB | {took:.1f} s | {mb:.0f} MB | {code} |", flush=True)


if __name__ == "__main__":
    main()
