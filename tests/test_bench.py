"""Smoke test of bench/: the corpus generator and the runner's measurement helpers.

The full benchmark is never run here (it takes minutes); these check that the
generated reports are what BENCHMARKS.md says they are, and that the helpers
measure something on a tiny corpus.
"""

from __future__ import annotations

import random
import sys

import pytest
from gialint_testing import REPO

from gialint.config import Config
from gialint.pipeline import analyse, lint_source
from gialint.readers import read_path
from gialint.ruleset import Options, RuleSet
from gialint.source import decode

if not (REPO / "bench" / "generate.py").exists():  # an sdist without bench/
    pytest.skip("bench/ is not here", allow_module_level=True)
sys.path.insert(0, str(REPO / "bench"))
import generate  # noqa: E402
import run  # noqa: E402

SEED = 6  # six files that come from all five sources (asserted below)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("corpus")
    return out, generate.generate(out, 6, SEED)


def test_sizes_encodings_and_manifest(corpus):
    out, rows = corpus
    assert len(rows) == 6
    manifest = (out / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()
    assert manifest[0].split("\t") == list(generate.MANIFEST_COLUMNS)
    assert len(manifest) == 7
    for row in rows:
        data = (out / row["file"]).read_bytes()
        assert len(data) == row["bytes"]
        assert generate.MIN_BYTES <= len(data) <= generate.MAX_BYTES + 64, row
        text = data.decode(row["encoding"])
        if row["encoding"] == "gb18030":  # really GB18030: not readable as UTF-8
            with pytest.raises(UnicodeDecodeError):
                data.decode("utf-8")
        assert row["organ"] in text and str(row["year"]) in text
    assert {r["encoding"] for r in rows} == {"utf-8", "gb18030"}
    assert {r["source"] for r in rows} == {s.key for s in generate.SOURCES}


def test_editions_and_years_as_intended(corpus):
    out, rows = corpus
    ruleset = RuleSet(Config(), Options())
    for row in rows:
        report = analyse(read_path(str(out / row["file"])), ruleset)
        assert (report.edition, report.report_year) == (row["layout"], row["year"]), row
        assert row["organ"] in report.title.text


def test_tables_keep_their_sums():
    """Unplanted reports with tables come out without arithmetic or consistency findings."""
    ruleset = RuleSet(Config(), Options(select=["GIA3", "GIA7"]))
    sources = generate.load_sources()
    rng = random.Random(7)
    checked = 0
    for src in sources:
        if src.layout == "legacy":
            continue
        for _ in range(4):
            year = 2022 if src.layout == "2021" else 2020
            text, counts = generate.fill_tables(generate.substitute(src.text, src, generate.new_names(rng), year),
                                                rng)
            text = generate.quote_counts(text, counts)
            result = lint_source(decode(text.encode("utf-8"), "x.txt"), ruleset)
            assert not result.findings, (src.key, [f.rule for f in result.findings])
            checked += 1
    assert checked == 12


def test_planted_mistakes_are_found():
    src = generate.load_sources()[0]
    rng = random.Random(5)
    names = generate.new_names(rng)
    text, counts = generate.fill_tables(generate.substitute(src.text, src, names, 2023), rng)
    text = generate.quote_counts(text, counts)
    ruleset = RuleSet(Config(), Options())
    expect = {"t3-cell": "GIA302", "period": "GIA402", "placeholder": "GIA502", "text-count": "GIA70"}
    seen = set()
    for seed in range(40):
        planted, kind = generate.plant(text, counts, names, 2023, random.Random(seed))
        if kind in expect and kind not in seen:
            rules = {f.rule for f in lint_source(decode(planted.encode(), "x.txt"), ruleset).findings}
            assert any(r.startswith(expect[kind]) for r in rules), (kind, rules)
            seen.add(kind)
    assert seen == set(expect)


def test_deterministic(tmp_path):
    def contents(seed, where):
        generate.generate(tmp_path / where, 4, seed)
        return [(p.name, p.read_bytes()) for p in sorted((tmp_path / where).iterdir())]

    assert contents(11, "a") == contents(11, "b")
    assert contents(11, "a") != contents(12, "c")


def test_measurement_helpers(corpus, tmp_path):
    out, rows = corpus
    timings = run.measure_corpus(out, jobs=2, repeat=1)
    assert timings["floor"].best > 0 and timings["gialint-1"].best > timings["floor"].best / 100
    assert timings["gialint-1"].maxrss_kb > 10 * 1024  # a Python process with gialint loaded
    one = run.pick_one_file(out)
    assert one.name in {r["file"] for r in rows}
    empty, files = run.growth_files(run.ROOT / "examples" / "report-2024.txt", tmp_path)
    sizes = [f.stat().st_size for f in files]
    assert all(abs(s / sizes[0] - k) < 0.1 * k for s, k in zip(sizes, run.GROWTH, strict=True))
    # the repeated report is still one report of the 2021 format
    report = analyse(read_path(str(files[1])), RuleSet(Config(), Options()))
    assert report.edition == "2021" and report.report_year == 2024


def test_write_keeps_notes(tmp_path):
    path = tmp_path / "BENCHMARKS.md"
    run.write(path, "first\n")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Benchmarks") and run.NOTES in text
    path.write_text(text + "\n## What was done\nkept\n", encoding="utf-8")
    run.write(path, "second\n")
    text = path.read_text(encoding="utf-8")
    assert "second" in text and "first" not in text and text.endswith("## What was done\nkept\n")


def test_broken_sums_corpus(tmp_path):
    """--broken-sums: the same reports as with 0, K table cells apart, all of them found."""
    clean = generate.generate(tmp_path / "clean", 4, 3, broken_sums=0)
    faulty = generate.generate(tmp_path / "faulty", 4, 3, broken_sums=10)
    assert [r["file"] for r in clean] == [r["file"] for r in faulty]
    assert all(r["layout"] != "legacy" and r["planted"] == "-" for r in clean)
    assert all(r["planted"] == "sums×10" for r in faulty)
    for a, b in zip(clean, faulty, strict=True):
        la = (tmp_path / "clean" / a["file"]).read_bytes().decode(a["encoding"]).split("\n")
        lb = (tmp_path / "faulty" / b["file"]).read_bytes().decode(b["encoding"]).split("\n")
        assert len(la) == len(lb) and 1 <= sum(x != y for x, y in zip(la, lb, strict=True)) <= 10
    f = run.measure_findings(tmp_path / "measured", 2, 3, 10, 1)
    assert f["findings"] >= 8 and f["with_related"] > 0.5 and f["ratio"] > 0
    assert "broken sums a report" in run.findings_section(f)


def test_copied_text_benchmark_finds_only_real_copies():
    """bench/copied_text.py at a small size: its row says no finding names two sections that differ."""
    import subprocess
    import sys

    out = subprocess.run([sys.executable, str(REPO / "bench" / "copied_text.py"),
                          "--reports", "80", "--copies", "0.1"], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    cells = [c.strip() for c in out.stdout.strip().strip("|").split("|")]
    found, planted = map(int, cells[4].split("/"))
    assert cells[0] == "80" and planted > 0 and found >= planted - 1
    assert int(cells[6]) == 0  # wrong findings


# --- bench/peers.py: the parts that need no npm ------------------------------------------

import peers  # noqa: E402


def test_peer_corpora_are_utf8_and_distinct(tmp_path):
    gen = peers.generated_corpus(tmp_path / "gen", 4, 1)
    assert len(gen) == 4 and not (tmp_path / "gen" / "MANIFEST.tsv").exists()
    for f in gen:  # the GB18030 half re-encoded, the text unchanged
        text = f.read_text(encoding="utf-8")
        assert "政府信息公开" in text and "\ufffd" not in text
    seeds = peers.seed_corpus(tmp_path / "seeds", 3)
    assert len(peers.SEEDS) >= 7 and len(seeds) == 3 * len(peers.SEEDS)
    assert len({f.read_bytes() for f in seeds}) == len(seeds)  # every copy differs
    first = peers.SEEDS[0]
    original = first.read_text(encoding="utf-8")
    copy1 = (tmp_path / "seeds" / f"{first.stem}_c001.txt").read_text(encoding="utf-8")
    assert (tmp_path / "seeds" / f"{first.stem}_c000.txt").read_text(encoding="utf-8") == original
    years = peers.YEAR.findall(original)
    assert years and peers.YEAR.findall(copy1) == [str(int(y) - 1) for y in years]
    assert "MB" in peers.describe(seeds)


def _fake(best_floor, others):
    timings = {"floor": run.Timing(["floor"], [best_floor, best_floor * 1.1])}
    cpu = {"floor": [best_floor * 0.9]}
    for name, t in others.items():
        timings[name] = run.Timing([name], [t, t * 1.2])
        cpu[name] = [t * 0.8]
    return {"timings": timings, "cpu": cpu, "checks": {"gialint": "3 findings in 2 files"},
            "load": ("1.00 1.00 1.00", "2.00 1.50 1.00"), "files": "2 files, 0.1 MB"}


def test_peer_table_ratios_and_target():
    text = peers.table({"generated": _fake(0.1, {"gialint": 4.0, "textlint": 2.0, "autocorrect": 0.5}),
                        "seeds": _fake(0.1, {"gialint": 5.0})})
    rows = text.splitlines()
    assert rows[0].count("|") == rows[1].count("|") == 8
    assert "| | gialint | 4000 ms / 4400 ms | 3200 ms | 40.0× (target ≤ 45×: met) | 35.6× |" in text
    assert "| | textlint | 2000 ms / 2200 ms | 1600 ms | 20.0× |" in text
    assert "| | autocorrect | 500 ms / 550 ms |" in text and "5.0×" in text
    assert "50.0× (target ≤ 45×: **not met**)" in text
    assert "load average (1/5/15 min) 1.00 1.00 1.00 before, 2.00 1.50 1.00 after" in text
    assert "placeholders" in peers.what_table(["floor", "gialint", "textlint", "autocorrect"])


def test_peer_section_replaces_itself(tmp_path):
    path = tmp_path / "BENCHMARKS.md"
    path.write_text("# Benchmarks\n\n## Before\nkept\n", encoding="utf-8")
    peers.write_section(path, peers.HEADING + "\n\nfirst\n")
    path.write_text(path.read_text(encoding="utf-8") + f"\n{peers.NOTES}\nmy note\n\n## After\nkept too\n",
                    encoding="utf-8")
    peers.write_section(path, peers.HEADING + "\n\nsecond\n")
    text = path.read_text(encoding="utf-8")
    assert "second" in text and "first" not in text and text.count(peers.HEADING) == 1
    assert text.index("second") < text.index("my note") < text.index("## After")
    assert text.startswith("# Benchmarks\n\n## Before\nkept\n") and text.endswith("## After\nkept too\n")


def test_peers_without_npm(tmp_path, monkeypatch):
    """npm hidden from PATH: a note, no peer rows, exit 0; floor and gialint still measured."""
    import subprocess

    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    got, note = peers.install_peers(tmp_path / "npm")
    assert got is None and "npm" in note and "left out" in note
    assert not (tmp_path / "npm").exists()
    assert set(peers.commands(tmp_path, None)) == {"floor", "gialint", "gialint-per-report"}
    out = subprocess.run([sys.executable, str(REPO / "bench" / "peers.py"), "-n", "2", "--copies", "1",
                          "--rounds", "1", "--write", str(tmp_path / "B.md")],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "NOTE: npm and node are not on PATH" in out.stderr
    assert "npm and node are not on PATH" in out.stdout  # the note is in the section too
    tools = [line.split("|")[2].strip() for line in out.stdout.splitlines() if line.startswith("| | ")]
    assert tools == ["floor", "gialint", "gialint-per-report"] * 2
    assert (tmp_path / "B.md").read_text(encoding="utf-8").count(peers.HEADING) == 1
