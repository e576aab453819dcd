"""The PDF reader's speed: PDFium against pdfplumber, in one run on one machine.

    python bench/pdf.py [--rounds 7] [--folder 300] [--jobs 2] [--pdfs DIR]

1. Per page, in one process: each PDF of ``--pdfs`` (the real reports in
   tests/data/real/pdf) read with each engine (``GIALINT_PDF_ENGINE``) in turn,
   pdfplumber then PDFium for every PDF in every round, so that a noisy
   neighbour slows both alike; the time of a read divided by the PDF's pages,
   and the ratio taken pair by pair (the same PDF, the same round); once as
   wall time, once as the process's CPU time (``time.process_time``), which a
   busy shared machine disturbs much less.
2. A folder of ``--folder`` report PDFs (the real ones copied round) linted by
   ``python -m gialint --jobs N`` with each engine as a subprocess:
   wall time, and the peak memory of the largest process (the parent's
   ``os.wait4`` rusage, whose maximum resident set covers the reaped workers).

Prints a Markdown table; figures are medians (and ranges) over the rounds.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _pages(path: Path) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        return len(doc)
    finally:
        doc.close()


def per_page(pdfs: list[Path], rounds: int, cpu: bool = False) -> dict:
    from gialint.readers import read_path

    times: dict[str, list[float]] = {"pdfplumber": [], "pdfium": []}
    ratios = []
    for engine in times:  # warm-up: imports, fonts
        os.environ["GIALINT_PDF_ENGINE"] = engine
        read_path(str(pdfs[0]))
    for _ in range(rounds):
        for pdf in pdfs:
            pages = _pages(pdf)
            pair = {}
            for engine in times:
                os.environ["GIALINT_PDF_ENGINE"] = engine
                start = time.process_time() if cpu else time.perf_counter()
                read_path(str(pdf))
                pair[engine] = ((time.process_time() if cpu else time.perf_counter()) - start) / pages
                times[engine].append(pair[engine])
            ratios.append(pair["pdfplumber"] / pair["pdfium"])
    os.environ.pop("GIALINT_PDF_ENGINE", None)
    return {"times": times, "ratios": ratios}


def folder_run(folder: Path, engine: str, jobs: int) -> tuple[float, float]:
    """(wall seconds, peak MB of the largest process) of one gialint run."""
    env = dict(os.environ, GIALINT_PDF_ENGINE=engine)
    cmd = [sys.executable, "-m", "gialint", "--jobs", str(jobs), "--format", "json",
           "-o", os.devnull, "--exit-zero", str(folder)]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"gialint failed: {' '.join(cmd)}")
    return wall, usage.ru_maxrss / 1024


def _fmt(values: list[float], scale: float = 1000, unit: str = "ms") -> str:
    return (f"{statistics.median(values) * scale:.1f} {unit} "
            f"({min(values) * scale:.1f}–{max(values) * scale:.1f})")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pdfs", type=Path, default=ROOT / "tests" / "data" / "real" / "pdf")
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--folder", type=int, default=300, help="PDFs in the folder run (0: none)")
    ap.add_argument("--slow-folder", type=int, default=30,
                    help="PDFs in the folder run with pdfplumber (its time per PDF is extrapolated)")
    ap.add_argument("--folder-rounds", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args(argv)
    pdfs = sorted(args.pdfs.glob("*.pdf"))
    pages = {p.name: _pages(p) for p in pdfs}
    print(f"PDFs: {', '.join(f'{k} ({v} pages)' for k, v in pages.items())}")
    print("\n| measurement | pdfplumber | PDFium | ratio (pair by pair) |\n|---|---|---|---|")
    for cpu in (False, True):
        pp = per_page(pdfs, args.rounds, cpu)
        t, r = pp["times"], pp["ratios"]
        what = "CPU time" if cpu else "wall time"
        print(f"| read {what} per page, median (min–max) of {len(r)} pairs | {_fmt(t['pdfplumber'])} | "
              f"{_fmt(t['pdfium'])} | {statistics.median(r):.1f}× ({min(r):.1f}–{max(r):.1f}) |")
    if args.folder:
        with tempfile.TemporaryDirectory() as tmp:
            runs = {}
            for engine, n in (("pdfium", args.folder), ("pdfplumber", args.slow_folder)):
                folder = Path(tmp) / engine
                folder.mkdir()
                for i in range(n):
                    src = pdfs[i % len(pdfs)]
                    shutil.copy(src, folder / f"{i:04d}_{src.name}")
                total = sum(pages[pdfs[i % len(pdfs)].name] for i in range(n))
                runs[engine] = (n, total, [folder_run(folder, engine, args.jobs)
                                           for _ in range(args.folder_rounds)])
            for engine, (n, total, res) in runs.items():
                walls = [w for w, _ in res]
                wall = statistics.median(walls)
                per_pdf = wall / n
                print(f"| `--jobs {args.jobs}`, folder of {n} PDFs ({total} pages), {engine} | "
                      f"wall {_fmt(walls, 1, 's')} | {per_pdf * 1000:.0f} ms a PDF → 300 PDFs "
                      f"≈ {per_pdf * 300:.1f} s | peak memory of the largest process "
                      f"{max(m for _, m in res):.0f} MB |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
