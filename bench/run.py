"""Measure gialint against a floor, in one run on one machine.

    python bench/run.py [--corpus DIR] [-n 2000] [--jobs 2] [--repeat 3] [--write BENCHMARKS.md]
                        [--findings-n 300] [--broken-sums 10]

Without --corpus, a corpus of -n reports is generated (bench/generate.py) into
a temporary directory.  Every measurement is a subprocess timed with
time.perf_counter; the runs of the floor and of gialint alternate, so a noisy
neighbour slows all of them alike, and each is reported as its best and
median.  Ratios use the best times.  What findings cost is measured apart, in
one process (bench/findings.py): two generated corpora of the same reports,
clean and with --broken-sums cells wrong in every report, linted in turn.  Peak memory is the child's own maximum
resident set size (os.wait4 returns the rusage of exactly that child).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
from generate import generate  # noqa: E402

PY = sys.executable
NOTES = "<!-- notes -->"
GROWTH = (1, 2, 4, 8, 16)
FINDINGS_TARGET = 1.5  # a report with ~10 findings costs at most this × the same clean report
TARGETS = {"corpus": 20.0, "jobs": 1.7, "cold": 1.5, "memory_mb": 60.0, "growth": 1.5}


# --- running children ----------------------------------------------------------------

@dataclass
class Timing:
    """Wall-clock seconds of repeated runs of one command, and the largest peak RSS seen."""

    cmd: list
    times: list = field(default_factory=list)
    maxrss_kb: int = 0

    @property
    def best(self) -> float:
        return min(self.times)

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def env() -> dict:
    e = dict(os.environ)
    e["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), e.get("PYTHONPATH")) if p)
    e.pop("GIALINT_CONFIG", None)
    return e


def run_once(cmd: list, ok=(0,)) -> tuple[float, int]:
    """Run ``cmd``; (wall seconds, peak RSS of the child in KB)."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, cwd=ROOT, env=env())
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode not in ok:
            err.seek(0)
            raise RuntimeError(f"{shlex.join(cmd)} exited {proc.returncode}:\n"
                               + err.read().decode(errors="replace")[-2000:])
    # ru_maxrss is KB on Linux, bytes on macOS
    rss = usage.ru_maxrss // 1024 if sys.platform == "darwin" else usage.ru_maxrss
    return elapsed, rss


def measure_rounds(commands: dict, rounds: int, ok=(0,)) -> dict:
    """{name: Timing}; each round runs every command once, in turn."""
    out = {name: Timing(cmd) for name, cmd in commands.items()}
    for _ in range(rounds):
        for name, cmd in commands.items():
            t, rss = run_once(cmd, ok)
            out[name].times.append(t)
            out[name].maxrss_kb = max(out[name].maxrss_kb, rss)
    return out


def gialint_cmd(corpus, jobs: int) -> list:
    return [PY, "-m", "gialint", "--jobs", str(jobs), "--format", "json", "-o", os.devnull,
            "--exit-zero", str(corpus)]


def has_jobs() -> bool:
    out = subprocess.run([PY, "-m", "gialint", "--help"], capture_output=True, text=True,
                         cwd=ROOT, env=env()).stdout
    return "--jobs" in out


# --- the measurements ----------------------------------------------------------------

def measure_corpus(corpus: Path, jobs: int, repeat: int) -> dict:
    """The floor, gialint in one process and (if it can) with --jobs."""
    commands = {"floor": [PY, str(BENCH / "floor.py"), str(corpus)],
                "gialint-1": gialint_cmd(corpus, 1)}
    if jobs > 1 and has_jobs():
        commands[f"gialint-{jobs}"] = gialint_cmd(corpus, jobs)
    return measure_rounds(commands, repeat)


def measure_cold(one_file: Path, repeat: int) -> dict:
    """One small file (what pre-commit pays per batch) against bare interpreter start-ups."""
    commands = {"python -c pass": [PY, "-c", "pass"],
                "import lark": [PY, "-c", "import lark"],
                "gialint one file": [PY, "-m", "gialint", str(one_file)]}
    return measure_rounds(commands, repeat, ok=(0, 1))


def growth_files(source: Path, out_dir: Path) -> tuple[Path, list[Path]]:
    """The report's body (all after the title) repeated 1…16 times under its one title,
    and the title alone (the per-call cost)."""
    title, body = source.read_text(encoding="utf-8").split("\n", 1)
    out_dir.mkdir(parents=True, exist_ok=True)
    empty = out_dir / "title-only.txt"
    empty.write_text(title + "\n", encoding="utf-8")
    files = []
    for k in GROWTH:
        f = out_dir / f"x{k:02d}.txt"
        f.write_text(title + "\n" + body.rstrip("\n") + ("\n\n" + body.rstrip("\n")) * (k - 1) + "\n",
                     encoding="utf-8")
        files.append(f)
    return empty, files


def measure_growth(source: Path, work: Path, repeat: int) -> dict:
    empty, files = growth_files(source, work / "growth")
    cmd = [PY, str(BENCH / "growth.py"), "--repeat", str(repeat), str(empty)] + [str(f) for f in files]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=env())
    if out.returncode:
        raise RuntimeError(f"{shlex.join(cmd)} failed:\n{out.stderr[-2000:]}")
    times = json.loads(out.stdout)
    base = times[str(empty)]
    rows = []
    for k, f in zip(GROWTH, files, strict=True):
        kb = f.stat().st_size / 1024
        rows.append({"k": k, "kb": kb, "s": times[str(f)], "ms_per_kb": 1000 * times[str(f)] / kb,
                     "net_ms_per_kb": 1000 * max(times[str(f)] - base, 0.0) / kb})
    return {"cmd": cmd, "base": base, "rows": rows,
            "ratio": rows[-1]["net_ms_per_kb"] / rows[0]["net_ms_per_kb"] if rows[0]["net_ms_per_kb"] else None}


def measure_findings(work: Path, n: int, seed: int, broken: int, repeat: int) -> dict:
    """The same ``n`` reports clean and with ``broken`` wrong table cells each, linted in
    one process in turn (bench/findings.py): per-report CPU times and their ratio."""
    clean, faulty = work / "findings-clean", work / "findings-faulty"
    generate(clean, n, seed, 0)
    generate(faulty, n, seed, broken)
    cmd = [PY, str(BENCH / "findings.py"), "--repeat", str(repeat), str(clean), str(faulty)]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=env())
    if out.returncode:
        raise RuntimeError(f"{shlex.join(cmd)} failed:\n{out.stderr[-2000:]}")
    times = json.loads(out.stdout)
    lint = [PY, "-m", "gialint", "--format", "json", "--exit-zero", str(faulty)]
    doc = json.loads(subprocess.run(lint, capture_output=True, text=True, cwd=ROOT, env=env()).stdout)
    findings = [f for r in doc["files"] for f in r["findings"]]
    ms = {name: 1000 * min(times[str(d)]) / n for name, d in (("clean", clean), ("faulty", faulty))}
    med = {name: 1000 * statistics.median(times[str(d)]) / n for name, d in (("clean", clean), ("faulty", faulty))}
    return {"cmd": cmd, "n": n, "broken": broken, "seed": seed, "ms": ms, "median_ms": med,
            "ratio": ms["faulty"] / ms["clean"], "findings": len(findings) / n,
            "with_related": sum(1 for f in findings if f["related"]) / max(1, len(findings)),
            "related": sum(len(f["related"]) for f in findings) / max(1, len(findings))}


def findings_section(f: dict) -> str:
    ratio = f["ratio"]
    return "\n".join([
        "### Findings", "",
        f"The same {f['n']} reports (table layouts only) clean and with {f['broken']} wrong table cells "
        f"each: {f['findings']:.1f} findings a report, {100 * f['with_related']:.0f}% of them with related "
        f"cells ({f['related']:.0f} on average), against none. Linted in one process, the corpora in turn "
        "(bench/findings.py), JSON output; CPU time per report, best / median of the rounds.", "",
        "| corpus | per report | ratio | target | met? |", "|---|---|---|---|---|",
        f"| clean | {f['ms']['clean']:.2f} ms / {f['median_ms']['clean']:.2f} ms | 1.0× | | |",
        f"| {f['broken']} broken sums a report | {f['ms']['faulty']:.2f} ms / {f['median_ms']['faulty']:.2f} ms "
        f"| {ratio:.2f}× clean | ≤ {FINDINGS_TARGET}× clean | {_met(ratio <= FINDINGS_TARGET)} |",
    ])


def pick_one_file(corpus: Path) -> Path:
    """The median-sized file of the corpus (cold start is about start-up, not size)."""
    files = sorted((p for p in corpus.iterdir() if p.suffix in (".txt", ".md")), key=lambda p: (p.stat().st_size, p.name))
    return files[len(files) // 2]


# --- the machine ---------------------------------------------------------------------

def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            m = re.search(r"^model name\s*:\s*(.+)$", fh.read(), re.M)
            cpu = m.group(1).strip() if m else cpu
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        usable = os.cpu_count()
    try:
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        load = "n/a"
    try:
        rev = subprocess.run(["git", "describe", "--always", "--dirty"], capture_output=True, text=True,
                             cwd=ROOT).stdout.strip() or "n/a"
    except OSError:
        rev = "n/a"
    version = subprocess.run([PY, "-m", "gialint", "--version"], capture_output=True, text=True,
                             cwd=ROOT, env=env()).stdout.strip()
    return {"cpu": cpu, "cores": os.cpu_count(), "usable": usable,
            "python": f"{platform.python_implementation()} {platform.python_version()}",
            "os": platform.platform(), "load": load, "gialint": version, "commit": rev,
            "date": time.strftime("%Y-%m-%d %H:%M %Z")}


# --- the report ----------------------------------------------------------------------

def show(cmd: list, places: dict) -> str:
    """A command as a reader would type it: ``python``, and names for the temporary paths."""
    words = []
    for w in cmd:
        w = "python" if w == PY else w
        for path, name in places.items():
            w = w.replace(str(path), name)
        words.append(w)
    return shlex.join(words)


def _ms(t: float) -> str:
    return f"{t * 1000:.0f} ms" if t < 10 else f"{t:.1f} s"


def _met(ok) -> str:
    return "n/a" if ok is None else ("yes" if ok else "**no**")


def results_table(r: dict) -> str:
    corpus, cold, growth, jobs = r["corpus"], r["cold"], r["growth"], r["jobs"]
    floor, one = corpus["floor"], corpus["gialint-1"]
    rows = [("floor: read, decode, one regex", f"{_ms(floor.best)} / {_ms(floor.median)}", "1.0×", "", "")]
    ratio = one.best / floor.best
    rows.append(("gialint, all rules, `--jobs 1`", f"{_ms(one.best)} / {_ms(one.median)}",
                 f"{ratio:.1f}× floor", f"≤ {TARGETS['corpus']:.0f}× floor", _met(ratio <= TARGETS["corpus"])))
    many = corpus.get(f"gialint-{jobs}")
    if many:
        speedup = one.best / many.best
        rows.append((f"gialint, all rules, `--jobs {jobs}`", f"{_ms(many.best)} / {_ms(many.median)}",
                     f"{many.best / floor.best:.1f}× floor, {speedup:.2f}× faster than `--jobs 1`",
                     f"≥ {TARGETS['jobs']}× faster", _met(speedup >= TARGETS["jobs"])))
    else:
        rows.append((f"gialint `--jobs {jobs}`", "skipped", "gialint has no --jobs option", "", "n/a"))
    p, lark, g = cold["python -c pass"], cold["import lark"], cold["gialint one file"]
    rows.append(("`python -c pass`", f"{_ms(p.best)} / {_ms(p.median)}", "", "", ""))
    rows.append(("`python -c \"import lark\"`", f"{_ms(lark.best)} / {_ms(lark.median)}",
                 f"{lark.median / p.median:.1f}× pass", "", ""))
    cold_ratio = g.median / lark.median
    rows.append(("cold start, one file", f"{_ms(g.best)} / {_ms(g.median)}",
                 f"{cold_ratio:.2f}× import lark (median), {g.median / p.median:.1f}× pass",
                 f"≤ {TARGETS['cold']}× import lark", _met(cold_ratio <= TARGETS["cold"])))
    mb = one.maxrss_kb / 1024
    rows.append(("peak memory, whole corpus, `--jobs 1`", f"{mb:.1f} MB",
                 f"one file: {g.maxrss_kb / 1024:.1f} MB", f"< {TARGETS['memory_mb']:.0f} MB",
                 _met(mb < TARGETS["memory_mb"])))
    g_ratio = growth["ratio"]
    rows.append(("growth: per-KB time at 16× ÷ at 1×", f"{growth['rows'][-1]['kb']:.0f} KB vs "
                 f"{growth['rows'][0]['kb']:.0f} KB", "n/a" if g_ratio is None else f"{g_ratio:.2f}",
                 f"≤ {TARGETS['growth']} (linear)", _met(None if g_ratio is None else g_ratio <= TARGETS["growth"])))
    out = ["| measurement | time best / median | ratio | target | met? |", "|---|---|---|---|---|"]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(out)


def throughput(timings: dict, corpus: Path) -> str:
    files = [p for p in corpus.rglob("*") if p.suffix in (".txt", ".md")]
    mb = sum(p.stat().st_size for p in files) / 2**20
    return "Throughput (best): " + "; ".join(
        f"{name} {len(files) / t.best:.0f} files/s, {mb / t.best:.1f} MB/s" for name, t in timings.items()) + "."


def growth_table(growth: dict) -> str:
    out = ["| size | KB | time | ms/KB | ms/KB over the per-call cost |", "|---|---|---|---|---|"]
    for row in growth["rows"]:
        out.append(f"| {row['k']}× | {row['kb']:.0f} | {row['s'] * 1000:.1f} ms | {row['ms_per_kb']:.2f} | "
                   f"{row['net_ms_per_kb']:.2f} |")
    return "\n".join(out) + f"\n\nPer-call cost (the title alone): {growth['base'] * 1000:.1f} ms."


def corpus_summary(corpus: Path) -> str:
    manifest = corpus / "MANIFEST.tsv"
    if not manifest.exists():
        files = [p for p in corpus.rglob("*") if p.suffix in (".txt", ".md")]
        return f"{len(files)} files, {sum(p.stat().st_size for p in files) / 2**20:.1f} MB"
    rows = [ln.split("\t") for ln in manifest.read_text(encoding="utf-8").splitlines()[1:]]
    size = sum(int(r[1]) for r in rows)

    def share(col: int) -> str:
        counts: dict = {}
        for r in rows:
            counts[r[col]] = counts.get(r[col], 0) + 1
        return ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    planted = sum(r[7] != "-" for r in rows)
    return (f"{len(rows)} files, {size / 2**20:.1f} MB ({min(int(r[1]) for r in rows) / 1024:.1f}–"
            f"{max(int(r[1]) for r in rows) / 1024:.1f} KB); layouts: {share(3)}; encodings: {share(2)}; "
            f"{planted} with a planted mistake")


def report(r: dict) -> str:
    m, corpus = r["machine"], r["corpus_dir"]
    places = {corpus: "CORPUS", r["work"]: "WORK", BENCH: "bench"}
    commands = [("corpus", r["generate_cmd"])]
    commands += [(name, show(t.cmd, places)) for name, t in r["corpus"].items()]
    commands += [(name, show(t.cmd, places)) for name, t in r["cold"].items()]
    commands += [("growth", show(r["growth"]["cmd"], places))]
    f = r["findings"]
    commands += [("findings corpora", f"python bench/generate.py WORK/findings-clean -n {f['n']} --seed {f['seed']} "
                  f"--broken-sums 0\npython bench/generate.py WORK/findings-faulty -n {f['n']} --seed {f['seed']} "
                  f"--broken-sums {f['broken']}"), ("findings", show(f["cmd"], places))]
    return "\n".join([
        "## Machine", "",
        f"- CPU: {m['cpu']}, {m['cores']} cores ({m['usable']} usable)",
        f"- {m['python']} on {m['os']}",
        f"- {m['gialint']} (commit {m['commit']}), {m['date']}; load average at start {m['load']}",
        f"- corpus: {r['corpus_summary']}",
        f"- {r['repeat']} rounds of the corpus runs, {r['cold_repeat']} of the cold starts "
        "(runs alternate between commands)",
        "", "## Results", "", results_table(r), "",
        f"Times are wall clock around the subprocess. Ratios use the best times, except the cold "
        f"start's, which compares medians of its {r['cold_repeat']} rounds. {r['throughput']}",
        "", "### Growth", "",
        "One report (examples/report-2024.txt, everything after the title) repeated under its title, "
        "timed inside one process (bench/growth.py, best of the rounds) so that interpreter start-up "
        "does not hide the per-KB cost.", "", growth_table(r["growth"]), "",
        findings_section(r["findings"]), "",
        "## Commands", "", "```",
        *[f"# {name}\n{cmd}" for name, cmd in commands], "```", "",
    ])


INTRO = """# Benchmarks

How fast gialint is, as ratios to a floor measured in the same run on the same machine: the
floor (bench/floor.py) reads and decodes the same files and runs one compiled regular
expression over them, so the ratio says what the linting itself costs, whatever the machine.
The corpus is generated (bench/generate.py) from the project's own example reports: 2019,
2021 and legacy layouts, UTF-8 and GB18030, .txt and .md, 5–20 KB each, with varied organs,
years and table numbers (sums kept consistent except in about one file in ten).

Reproduce with one command (a few minutes; it generates the corpus into a temporary directory):

    python bench/run.py --write BENCHMARKS.md

"""


def write(path: Path, body: str) -> None:
    """Write the report, keeping whatever follows the notes marker of an existing file."""
    notes = NOTES + "\n"
    if path.exists():
        old = path.read_text(encoding="utf-8")
        if NOTES in old:
            notes = old[old.index(NOTES):]
    path.write_text(INTRO + body + "\n" + notes, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", help="an existing corpus directory (default: generate one)")
    p.add_argument("-n", type=int, default=2000, help="reports to generate (default 2000)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--jobs", type=int, default=2, help="the parallel run's --jobs (default 2)")
    p.add_argument("--repeat", type=int, default=3, help="rounds of the corpus runs (default 3)")
    p.add_argument("--cold-repeat", type=int, default=10, help="rounds of the cold starts (default 10)")
    p.add_argument("--write", metavar="FILE", help="write the results to FILE (e.g. BENCHMARKS.md)")
    p.add_argument("--findings-n", type=int, default=300,
                   help="reports in each corpus of the findings measurement (default 300)")
    p.add_argument("--broken-sums", type=int, default=10,
                   help="wrong table cells a report in the faulty corpus (default 10)")
    p.add_argument("--findings-only", action="store_true",
                   help="measure only what findings cost and print that section")
    args = p.parse_args(argv)
    if args.findings_only:
        with tempfile.TemporaryDirectory(prefix="gialint-bench-") as tmp:
            f = measure_findings(Path(tmp), args.findings_n, args.seed, args.broken_sums, max(args.repeat, 5))
            print(findings_section(f) + "\n\n" + show(f["cmd"], {Path(tmp): "WORK", BENCH: "bench"}))
        return 0
    with tempfile.TemporaryDirectory(prefix="gialint-bench-") as tmp:
        work = Path(tmp)
        if args.corpus:
            corpus = Path(args.corpus).resolve()
            gen = f"(given) {args.corpus}"
        else:
            corpus = work / "corpus"
            print(f"generating {args.n} reports …", file=sys.stderr)
            generate(corpus, args.n, args.seed)
            gen = f"python bench/generate.py CORPUS -n {args.n} --seed {args.seed}"
        r = {"machine": machine(), "corpus_dir": corpus, "work": work, "generate_cmd": gen,
             "corpus_summary": corpus_summary(corpus), "repeat": args.repeat,
             "cold_repeat": args.cold_repeat, "jobs": args.jobs}
        print("corpus: floor and gialint …", file=sys.stderr)
        # bytecode, as `pip install` leaves it: with PYTHONDONTWRITEBYTECODE set (as on
        # some CI images) a source checkout would otherwise be compiled on every start
        import compileall

        compileall.compile_dir(str(ROOT / "gialint"), quiet=1)
        r["one_file"] = pick_one_file(corpus)
        # untimed: lets gialint fill its on-disk cache (grammar, rules) as any first use does
        run_once([PY, "-m", "gialint", str(r["one_file"])], ok=(0, 1))
        r["corpus"] = measure_corpus(corpus, args.jobs, args.repeat)
        r["throughput"] = throughput(r["corpus"], corpus)
        print("cold start …", file=sys.stderr)
        r["cold"] = measure_cold(r["one_file"], args.cold_repeat)
        print("growth …", file=sys.stderr)
        r["growth"] = measure_growth(ROOT / "examples" / "report-2024.txt", work, args.repeat)
        print("findings …", file=sys.stderr)
        r["findings"] = measure_findings(work, args.findings_n, args.seed, args.broken_sums,
                                         max(args.repeat, 5))
        body = report(r)
    print(body)
    if args.write:
        write(Path(args.write), body)
        print(f"wrote {args.write}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
