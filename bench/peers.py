"""Text speed against the peers: gialint, textlint and autocorrect, as ratios to the light floor.

    python bench/peers.py [-n 400] [--seed 1] [--copies 30] [--rounds 5]
                          [--npm-dir DIR] [--write BENCHMARKS.md]

Two corpora, both plain UTF-8 text (the peers read UTF-8 only, so the
generated GB18030 files are re-encoded; every tool reads the same bytes):

- generated: ``-n`` reports of bench/generate.py (``--seed``), .txt and .md;
- seed-derived: the crawled reports tests/data/real/00*.txt and the example
  reports (examples/*.txt), each copied ``--copies`` times with its years
  shifted (copy k: every 20xx year minus k mod 5), so no two files are equal.

Each tool runs in one process over the whole corpus folder:

- the light floor, bench/floor.py: read, decode, one compiled regex (what
  bench/run.py calls the floor);
- gialint with all its rules, ``--jobs 1``, JSON output; and again without the
  rules that compare the reports of the run with each other (GIA751–761), to
  show what those cost;
- textlint (pinned below) with one rule written by this script into its
  folder: the placeholders "XX", "××" (what bench/generate.py plants), "某某"
  and "〔 〕", reported in every Str node
  (textlint's own plain-text and Markdown parsers build the tree);
- autocorrect (the npm package autocorrect-node, pinned below) in lint mode
  with its default rules, ``--threads 1``, JSON output.

The peers are installed by this script, never by the project: ``npm install
--no-audit --no-fund`` into a temporary folder (or ``--npm-dir``, kept between
runs as a cache).  Without npm, or when the install fails (no network), the
script says so, leaves the two peer rows out and still exits 0.

Every round runs every command once, in turn, so a noisy neighbour slows them
alike; each is reported as its best and median wall time (and CPU time of the
child, from os.wait4), and the ratio to the floor uses the best times.  The
load average is read before and after each corpus.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
import run  # noqa: E402
from generate import generate  # noqa: E402

PY = sys.executable
TEXTLINT = "textlint@15.8.0"
AUTOCORRECT = "autocorrect-node@2.14.0"
TARGET = 45.0  # issue 17: gialint, all rules, at most this × the light floor
CROSS = "GIA75,GIA76"  # GIA751–761: the rules that compare the reports of a run with each other
HEADING = "## Text speed against the peers (issue 17)"
SEEDS = sorted((ROOT / "tests" / "data" / "real").glob("00*.txt")) + sorted((ROOT / "examples").glob("*.txt"))

RULE_JS = r'''"use strict";
// gialint's bench: the placeholders left in a report ("XX", "××", "某某", "〔 〕").
const RE = /XX|××|某某|〔\s*〕/g;
module.exports = function (context) {
  const { Syntax, RuleError, report, getSource, locator } = context;
  return {
    [Syntax.Str](node) {
      const text = getSource(node);
      for (const m of text.matchAll(RE)) {
        report(node, new RuleError(`placeholder "${m[0]}"`,
          { padding: locator.range([m.index, m.index + m[0].length]) }));
      }
    },
  };
};
'''

WHAT = {
    "floor": "reads, decodes, one compiled regex (numbers, section numbers, table pipes)",
    "gialint": "all built-in rules of each report's edition (structure, tables and their sums, "
               "dates, wording, placeholders, copied text …), JSON output",
    "gialint-per-report": f"the same without the rules that compare the reports of the run with each "
                          f"other (`--ignore {CROSS}`: GIA751–761, same organ across years, copied sections)",
    "textlint": "parses each file (plain text or Markdown) into its tree, then one rule: "
                "the placeholders XX / ×× / 某某 / 〔 〕 in each Str node",
    "autocorrect": "its default rules: spaces between CJK and Latin letters or digits, "
                   "spaces at brackets and punctuation, full-width punctuation in CJK text, "
                   "half-width letters and digits (spellcheck off)",
}


# --- the corpora (pure Python) -------------------------------------------------------

def report_files(folder: Path) -> list[Path]:
    return sorted(p for p in Path(folder).iterdir() if p.suffix in (".txt", ".md"))


def to_utf8(src: Path, out: Path) -> list[Path]:
    """Every .txt/.md report of ``src`` into ``out``, re-encoded as UTF-8 (GB18030 as fallback,
    as gialint and the floor decode); nothing else (no manifest)."""
    out.mkdir(parents=True, exist_ok=True)
    files = []
    for p in report_files(src):
        data = p.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("gb18030")
        (out / p.name).write_text(text, encoding="utf-8", newline="")
        files.append(out / p.name)
    return files


def generated_corpus(out: Path, n: int, seed: int) -> list[Path]:
    """``n`` reports of bench/generate.py, all in UTF-8."""
    with tempfile.TemporaryDirectory(prefix="gialint-peers-gen-") as tmp:
        generate(tmp, n, seed)
        return to_utf8(Path(tmp), out)


YEAR = re.compile(r"20[0-3]\d")


def seed_corpus(out: Path, copies: int, seeds: list[Path] | None = None) -> list[Path]:
    """Each seed report ``copies`` times, copy k with every 20xx year shifted back by k mod 5
    (the text otherwise the seed's own), in UTF-8."""
    out.mkdir(parents=True, exist_ok=True)
    files = []
    for src in seeds if seeds is not None else SEEDS:
        text = src.read_text(encoding="utf-8")
        for k in range(copies):
            shift = k % 5
            body = YEAR.sub(lambda m, s=shift: str(int(m.group()) - s), text) if shift else text
            f = out / f"{src.stem}_c{k:03d}{src.suffix}"
            f.write_text(body, encoding="utf-8", newline="")
            files.append(f)
    return files


def describe(files: list[Path]) -> str:
    sizes = [f.stat().st_size for f in files]
    kinds = {}
    for f in files:
        kinds[f.suffix] = kinds.get(f.suffix, 0) + 1
    return (f"{len(files)} files, {sum(sizes) / 2**20:.1f} MB ({min(sizes) / 1024:.1f}–"
            f"{max(sizes) / 1024:.1f} KB), " + ", ".join(f"{v} {k}" for k, v in sorted(kinds.items())))


# --- the peers -----------------------------------------------------------------------

def install_peers(folder: Path, timeout: float = 600) -> tuple[dict | None, str]:
    """Install textlint and autocorrect-node into ``folder`` with npm and write the textlint
    rule there: ({name: executable, "rules": dir}, note) or (None, why not)."""
    npm, node = shutil.which("npm"), shutil.which("node")
    if not npm or not node:
        return None, ("npm and node are not on PATH: the textlint and autocorrect rows are left out "
                      "(install Node.js to measure them)")
    folder.mkdir(parents=True, exist_ok=True)
    bins = {"textlint": folder / "node_modules" / ".bin" / "textlint",
            "autocorrect": folder / "node_modules" / ".bin" / "autocorrect"}
    pinned = folder / "gialint-peers.txt"
    wanted = f"{TEXTLINT} {AUTOCORRECT}\n"
    if not (all(b.exists() for b in bins.values()) and pinned.exists() and pinned.read_text() == wanted):
        if not (folder / "package.json").exists():
            (folder / "package.json").write_text('{"private": true}\n', encoding="utf-8")
        try:
            out = subprocess.run([npm, "install", "--no-audit", "--no-fund", TEXTLINT, AUTOCORRECT],
                                 cwd=folder, capture_output=True, text=True, timeout=timeout)
        except (OSError, subprocess.TimeoutExpired) as e:
            return None, f"npm install failed ({e}): the textlint and autocorrect rows are left out"
        if out.returncode or not all(b.exists() for b in bins.values()):
            tail = (out.stderr or out.stdout).strip().splitlines()[-3:]
            return None, ("npm install failed (npm registry unreachable?): the textlint and autocorrect "
                          "rows are left out. npm said: " + " / ".join(tail))
        pinned.write_text(wanted, encoding="utf-8")
    rules = folder / "textlint-rules"
    rules.mkdir(exist_ok=True)
    (rules / "gia-placeholder.js").write_text(RULE_JS, encoding="utf-8")
    versions = {}
    for name, b in bins.items():
        v = subprocess.run([str(b), "--version"], capture_output=True, text=True, cwd=folder)
        versions[name] = v.stdout.strip().split()[-1] if v.stdout.strip() else "?"
    node_v = subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip()
    note = (f"textlint {versions['textlint']}, autocorrect {versions['autocorrect']} "
            f"(autocorrect-node), Node {node_v}; installed with `npm install --no-audit --no-fund "
            f"{TEXTLINT} {AUTOCORRECT}` into a folder of the bench")
    return {**{k: str(v) for k, v in bins.items()}, "rules": str(rules), "dir": str(folder)}, note


def commands(corpus: Path, peers: dict | None) -> dict:
    cmds = {"floor": [PY, str(BENCH / "floor.py"), str(corpus)],
            "gialint": run.gialint_cmd(corpus, 1),
            # to tell the per-report rules from the comparisons between the reports of the run
            "gialint-per-report": run.gialint_cmd(corpus, 1)[:-1] + ["--ignore", CROSS, str(corpus)]}
    if peers:
        cmds["textlint"] = [peers["textlint"], "--rulesdir", peers["rules"], "--format", "json",
                            str(corpus)]
        cmds["autocorrect"] = [peers["autocorrect"], "--lint", "--threads", "1", "--format", "json",
                               "--quiet", str(corpus)]
    return cmds


def check(name: str, cmd: list, n_files: int) -> str:
    """One untimed run (it also warms the disk cache): what the tool reported, and that it read
    every file where its output says so."""
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=run.env())
    if out.returncode not in (0, 1):
        raise RuntimeError(f"{name} exited {out.returncode}: {out.stderr[-2000:]}")
    if name == "floor":
        return out.stdout.strip()
    if name.startswith("gialint"):
        doc = json.loads(out.stdout)
        seen = len(doc["files"])
        found = sum(len(f["findings"]) for f in doc["files"])
    elif name == "textlint":
        doc = json.loads(out.stdout)
        seen = len(doc)
        found = sum(len(f["messages"]) for f in doc)
    else:
        doc = json.loads(out.stdout)
        seen = None  # lists only the files with problems
        found = sum(len(m["lines"]) for m in doc["messages"])
    if seen is not None and seen != n_files:
        raise RuntimeError(f"{name} read {seen} files of {n_files}")
    return f"{found} findings" + ("" if seen is None else f" in {seen} files")


def check_cmd(name: str, cmd: list) -> list:
    """The command whose output check() reads: gialint's JSON to stdout instead of /dev/null."""
    if name.startswith("gialint"):
        i = cmd.index("-o")
        return cmd[:i] + cmd[i + 2:]
    return cmd


# --- measuring -----------------------------------------------------------------------

def loadavg() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


def measure(corpus: Path, files: list[Path], peers: dict | None, rounds: int) -> dict:
    cmds = commands(corpus, peers)
    checks = {name: check(name, check_cmd(name, cmd), len(files)) for name, cmd in cmds.items()}
    before = loadavg()
    cpu = {name: [] for name in cmds}
    timings = {name: run.Timing(cmd) for name, cmd in cmds.items()}
    for _ in range(rounds):
        for name, cmd in cmds.items():
            wall, c = run_once(cmd)
            timings[name].times.append(wall)
            cpu[name].append(c)
    return {"timings": timings, "cpu": cpu, "checks": checks, "load": (before, loadavg()),
            "files": describe(files)}


def run_once(cmd: list) -> tuple[float, float]:
    """(wall, CPU) seconds of one run; exit 0 or 1 (findings) only."""
    import time

    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT,
                            env=run.env())
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise RuntimeError(f"{cmd} exited {code}")
    return wall, usage.ru_utime + usage.ru_stime


# --- the table (pure Python) ---------------------------------------------------------

def _t(s: float) -> str:
    return f"{s * 1000:.0f} ms" if s < 10 else f"{s:.1f} s"


def table(results: dict) -> str:
    """``results``: {corpus label: measure()}; one table, every ratio against that corpus's floor."""
    out = ["| corpus | tool | wall best / median | CPU best | ÷ light floor, wall (best) | ÷ light floor, CPU (best) "
           "| output (an untimed run) |",
           "|---|---|---|---|---|---|---|"]
    for label, r in results.items():
        timings, cpu = r["timings"], r["cpu"]
        floor, floor_cpu = timings["floor"].best, min(cpu["floor"])
        out.append(f"| **{label}**: {r['files']}; load average (1/5/15 min) {r['load'][0]} before, "
                   f"{r['load'][1]} after | | | | | | |")
        for name, t in timings.items():
            ratio = "1.0×" if name == "floor" else f"{t.best / floor:.1f}×"
            if name == "gialint":
                ratio += f" (target ≤ {TARGET:.0f}×: {'met' if t.best / floor <= TARGET else '**not met**'})"
            out.append(f"| | {name} | {_t(t.best)} / {_t(t.median)} | {_t(min(cpu[name]))} | {ratio} | "
                       f"{min(cpu[name]) / floor_cpu:.1f}× | {r['checks'].get(name, '')} |")
    return "\n".join(out)


def what_table(names) -> str:
    return "\n".join(["| tool | what it checks |", "|---|---|"]
                     + [f"| {name} | {WHAT[name]} |" for name in names])


def section(results: dict, args, note: str, machine: str, cmdline: str) -> str:
    lines = [HEADING, "",
             f"Measured {machine}. Reproduce (a few minutes; installs the peers into a temporary folder):",
             "", f"    {cmdline}", "",
             f"{args.rounds} rounds; in each, every command runs once in turn, each in one process over the "
             "whole corpus folder (gialint `--jobs 1`, autocorrect `--threads 1`); wall clock around the "
             "subprocess, best / median of the rounds; CPU is the child's user + system time "
             "(os.wait4). Ratios are to the light floor of the same corpus in the same run "
             "(bench/floor.py: read, decode, one regex — the floor of bench/run.py). "
             "Both corpora are UTF-8 only, since the peers read nothing else.", "",
             f"Peers: {note}.", "", table(results), "",
             what_table(next(iter(results.values()))["timings"]), ""]
    return "\n".join(lines)


NOTES = "<!-- peers: notes, kept when bench/peers.py rewrites this section -->"


def write_section(path: Path, body: str) -> None:
    """Put ``body`` (starting with HEADING) in place of that section of ``path``, or at its end;
    the notes of the section (from the NOTES marker to the next section) are kept."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if HEADING in old:
        start = old.index(HEADING)
        nxt = old.find("\n## ", start + len(HEADING))
        end = nxt if nxt >= 0 else len(old)
        notes = old.find(NOTES, start, end)
        kept = old[notes:end].rstrip("\n") + "\n" if notes >= 0 else ""
        new = (old[:start] + body.rstrip("\n") + "\n" + ("\n" + kept if kept else "")
               + (old[nxt:] if nxt >= 0 else ""))
    else:
        new = old.rstrip("\n") + "\n\n" + body.rstrip("\n") + "\n"
    path.write_text(new, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("-n", type=int, default=400, help="generated reports (default 400)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--copies", type=int, default=30, help="copies of each seed report (default 30)")
    p.add_argument("--rounds", type=int, default=5, help="rounds of every command (default 5)")
    p.add_argument("--npm-dir", help="where to install the peers and keep them (default: a temporary folder)")
    p.add_argument("--write", metavar="FILE", help="write the section into FILE (e.g. BENCHMARKS.md)")
    args = p.parse_args(argv)
    cmdline = "python bench/peers.py " + " ".join(
        [f"-n {args.n}", f"--seed {args.seed}", f"--copies {args.copies}", f"--rounds {args.rounds}"]
        + ([f"--write {args.write}"] if args.write else []))
    import compileall

    compileall.compile_dir(str(ROOT / "gialint"), quiet=1)
    with tempfile.TemporaryDirectory(prefix="gialint-peers-") as tmp:
        work = Path(tmp)
        print("installing the peers with npm …", file=sys.stderr)
        peers, note = install_peers(Path(args.npm_dir).resolve() if args.npm_dir else work / "npm")
        print(("" if peers else "NOTE: ") + note, file=sys.stderr)
        corpora = {f"generated (`bench/generate.py -n {args.n} --seed {args.seed}`)":
                   (work / "generated", generated_corpus(work / "generated", args.n, args.seed)),
                   f"seed-derived ({len(SEEDS)} reports × {args.copies})":
                   (work / "seeds", seed_corpus(work / "seeds", args.copies))}
        # untimed: gialint fills its on-disk cache (grammar, rules) as any first use does
        run.run_once([PY, "-m", "gialint", str(SEEDS[0])], ok=(0, 1))
        results = {}
        for label, (folder, files) in corpora.items():
            print(f"{label} …", file=sys.stderr)
            results[label] = measure(folder, files, peers, args.rounds)
        m = run.machine()
        machine = (f"{m['date']} on {m['cpu']}, {m['cores']} cores ({m['usable']} usable), shared with other "
                   f"jobs; {m['python']}; {m['gialint']} (commit {m['commit']})")
        body = section(results, args, note, machine, cmdline)
    print(body)
    if args.write:
        write_section(Path(args.write), body)
        print(f"wrote {args.write}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
