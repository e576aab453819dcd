"""The real reports in tests/data/real (copies of shared/seeds and
shared/corpus/real, see MANIFEST.tsv): no crash, the structure findings the
issue expects, editions, report years, and the outline the grammar builds.
"""

from __future__ import annotations

import csv
import re

import pytest
from gialint_testing import REAL, SEEDS, call, real_files, run_main

from gialint.config import Config
from gialint.pipeline import analyse
from gialint.ruleset import Options, RuleSet
from gialint.source import read_source

FILES = real_files()
STRUCTURE = {"GIA101", "GIA102", "GIA104", "GIA105"}
FRAGMENT = "2024_huaian-city-gov_sec2-3-fragment.txt"
KEWEI = "2024_shanghai-stcsm-kewei.md"


def _manifest() -> dict[str, dict]:
    with open(REAL / "MANIFEST.tsv", encoding="utf-8", newline="") as fh:
        return {row["file"]: row for row in csv.DictReader(fh, delimiter="\t")}


MANIFEST = _manifest()
CORPUS = [p for p in FILES if p.name in MANIFEST]


def _year(path) -> int | None:
    if path.name in MANIFEST:
        return int(MANIFEST[path.name]["report_year"])
    return None


def _ids(paths):
    return [p.name for p in paths]


def _lint(capsys, path, *extra):
    result = run_main(capsys, "--isolated", "--format", "json", *extra, path)
    assert result.code in (0, 1), result.err
    assert "Traceback" not in result.err
    (entry,) = result.json()["files"]
    assert entry["error"] is None
    return entry


def _model(path, edition=None):
    source = read_source(str(path))
    return source, analyse(source, RuleSet(Config(), Options(edition=edition)))


# -- the copies are complete -------------------------------------------------


def test_all_reports_copied():
    assert {p.name for p in SEEDS.values()} <= {p.name for p in FILES}
    listed = {name for name in MANIFEST if name.endswith((".txt", ".md"))}
    assert listed == {p.name for p in CORPUS}, "MANIFEST.tsv lists text files not in tests/data/real"
    assert len(FILES) == 28


# -- every file lints --------------------------------------------------------


@pytest.mark.parametrize("path", FILES, ids=_ids(FILES))
def test_lints_without_crash(capsys, path):
    entry = _lint(capsys, path)
    assert entry["encoding"] == "utf-8"
    assert entry["edition"] in ("legacy", "2019", "2021")
    for f in entry["findings"]:
        assert f["line"] >= 1 and f["column"] >= 1
        assert (f["end_line"], f["end_column"]) >= (f["line"], f["column"])


@pytest.mark.parametrize("path", FILES, ids=_ids(FILES))
def test_lints_in_english_and_sarif(capsys, path):
    assert run_main(capsys, "--isolated", "--lang", "en", path).code in (0, 1)
    result = run_main(capsys, "--isolated", "--format", "sarif", path)
    assert result.code in (0, 1)
    assert result.json()["version"] == "2.1.0"


def test_whole_directory_in_one_run():
    result = call("--isolated", "--format", "json", REAL)
    assert result.code == 1, result.err  # seed 002 has an error
    files = result.json()["files"]
    # the text reports, and the HTML pages and PDFs in html/ and pdf/
    extra = [p for sub in ("html", "pdf") for p in (REAL / sub).iterdir()
             if p.suffix in (".html", ".pdf")]
    assert len(extra) == 6
    assert len(files) == len(FILES) + len(extra)
    assert all(f["error"] is None for f in files)


# -- the structure findings the issue expects ----------------------------------


def test_seed_002_six_is_a_work_plan(capsys):
    entry = _lint(capsys, SEEDS["002"])
    gia101 = [f for f in entry["findings"] if f["rule"] == "GIA101"]
    assert len(gia101) == 1
    f = gia101[0]
    assert (f["line"], f["column"], f["end_line"]) == (431, 1, 431)
    line = (SEEDS["002"]).read_text(encoding="utf-8").split("\n")[430]
    assert line == "六、2021年工作计划"
    assert f["end_column"] == len(line) + 1
    assert "六、2021年工作计划" in f["message"]
    assert f["severity"] == "error"


STANDARD_OUTLINE = [SEEDS["000"], SEEDS["001"], SEEDS["004"]] + [
    p for p in CORPUS if _year(p) >= 2019 and p.name not in (FRAGMENT, KEWEI)
]


@pytest.mark.parametrize("path", STANDARD_OUTLINE, ids=_ids(STANDARD_OUTLINE))
def test_no_structure_errors_on_standard_outline(capsys, path):
    entry = _lint(capsys, path)
    bad = [(f["rule"], f["line"], f["message"]) for f in entry["findings"] if f["rule"] in STRUCTURE]
    assert bad == []


def test_kewei_numbering_is_non_standard(capsys):
    """2024_shanghai-stcsm-kewei.md numbers its overview 一…六 and then the
    national sections 一、二、三、五: GIA105 for the renumbered sections and
    GIA106 for section 五, whose heading the PDF extraction lost."""
    path = REAL / KEWEI
    entry = _lint(capsys, path)
    lines = path.read_text(encoding="utf-8").split("\n")
    by_rule: dict[str, list[dict]] = {}
    for f in entry["findings"]:
        by_rule.setdefault(f["rule"], []).append(f)
    assert not {"GIA101", "GIA102", "GIA104"} & set(by_rule)
    gia106 = by_rule["GIA106"]
    assert len(gia106) == 1
    assert "五、存在的主要问题及改进情况" in gia106[0]["message"]
    assert gia106[0]["line"] == 192
    assert gia106[0]["severity"] == "warning"
    gia105 = by_rule["GIA105"]
    assert [f["line"] for f in gia105] == [73, 91, 180, 205]
    assert [lines[f["line"] - 1] for f in gia105] == [
        "一、主动公开政府信息情况",
        "二、收到和处理政府信息公开申请情况",
        "三、政府信息公开行政复议、行政诉讼情况",
        "五、其他需要报告的事项",
    ]
    assert all(f["severity"] == "warning" for f in gia105)


def test_fragment_is_a_fragment(capsys):
    """The Huaian fragment is the end of 二 and the start of 三 only."""
    entry = _lint(capsys, REAL / FRAGMENT)
    assert entry["report_year"] is None  # no year anywhere in the fragment
    assert entry["edition"] == "2021"  # from the table labels
    missing = [f for f in entry["findings"] if f["rule"] == "GIA101"]
    assert len(missing) == 5  # everything but 三


# -- editions and report years -------------------------------------------------

LEGACY = [SEEDS["003"]] + [p for p in CORPUS if _year(p) <= 2018]


@pytest.mark.parametrize("path", LEGACY, ids=_ids(LEGACY))
def test_legacy_reports(capsys, path):
    entry = _lint(capsys, path)
    assert entry["edition"] == "legacy"
    assert not [f for f in entry["findings"] if f["rule"] == "GIA101"]


@pytest.mark.parametrize("path", CORPUS, ids=_ids(CORPUS))
def test_corpus_edition_and_year_match_manifest(capsys, path):
    entry = _lint(capsys, path)
    year = _year(path)
    want = "legacy" if year <= 2018 else "2019" if year <= 2020 else "2021"
    assert entry["edition"] == want
    assert MANIFEST[path.name]["format_edition"] == want
    if path.name == FRAGMENT:
        assert entry["report_year"] is None
    else:
        assert entry["report_year"] == year


@pytest.mark.parametrize("seed,edition,year", [
    ("000", "2019", 2020), ("001", "2019", 2020), ("002", "2019", 2020),
    ("003", "legacy", 2016), ("004", "2021", 2024),
])
def test_seed_edition_and_year(capsys, seed, edition, year):
    entry = _lint(capsys, SEEDS[seed])
    assert (entry["edition"], entry["report_year"]) == (edition, year)


# -- the grammar on every layout -------------------------------------------------


@pytest.mark.parametrize("path", FILES, ids=_ids(FILES))
def test_parse_command(capsys, path):
    result = run_main(capsys, "parse", path)
    assert result.code == 0, result.err
    assert result.out.startswith("# ")
    assert re.search(r"^\s+section$", result.out, re.M)
    assert "HEADING" in result.out


@pytest.mark.parametrize("path", FILES[:3] + [REAL / "2023_pingtan-zone.txt"], ids=str)
def test_parse_tokens(capsys, path):
    result = run_main(capsys, "parse", "--tokens", path)
    assert result.code == 0
    assert re.search(r"^\d+:\d+\tHEADING\t", result.out, re.M)


PINGTAN_2019_ON = [p for p in CORPUS if "pingtan-zone" in p.name and _year(p) >= 2019]


@pytest.mark.parametrize("path", PINGTAN_2019_ON, ids=_ids(PINGTAN_2019_ON))
def test_pingtan_one_line_sections(path):
    """Crawler copies: the whole article on line 10, six sections found in it."""
    source, report = _model(path)
    assert len(source.text.split("\n")[9]) > 1000
    keys = [s.heading.std_key for s in report.sections]
    assert keys == ["s1", "s2", "s3", "s4", "s5", "s6"]
    assert [s.heading.numeral for s in report.sections] == list("一二三四五六")
    line10 = source.text.split("\n")[9]
    for sec in report.sections:
        line, col = source.position(sec.heading.span.start)
        assert line == 10
        assert line10[col - 1:].startswith(sec.heading.numeral + "、")
    assert report.title is not None and str(_year(path)) in report.title.text


@pytest.mark.parametrize("seed,row_line,section_line", [
    ("000", 57, 58), ("001", 521, 537), ("002", 362, 372), ("004", 296, 304),
])
def test_two_four_lines_make_one_section(seed, row_line, section_line):
    """表三's row 四、结转下年度继续办理 right before section 四 is not a section."""
    source, report = _model(SEEDS[seed])
    lines = report.norm.text.split("\n")  # normalised: seed 001 is traditional
    assert lines[row_line - 1].strip().startswith("四、结转下年度继续办理")
    assert lines[section_line - 1].strip() == "四、政府信息公开行政复议、行政诉讼情况"
    fours = [s for s in report.sections if s.heading.number == 4]
    assert len(fours) == 1
    assert fours[0].heading.std_key == "s4"
    assert source.position(fours[0].heading.span.start) == (section_line, 1)
    row_tokens = [t for t in report.tokens if t.line == row_line - 1]
    assert row_tokens[0].type == "TABLE_LABEL"
    assert row_tokens[0].text.startswith("四、结转下年度继续办理")
    assert all(t.type in ("TABLE_LABEL", "CELL") for t in row_tokens)


@pytest.mark.parametrize("seed", ["000", "001", "004"])
def test_seed_has_the_six_sections(seed):
    _, report = _model(SEEDS[seed])
    assert [s.heading.std_key for s in report.sections] == ["s1", "s2", "s3", "s4", "s5", "s6"]
    assert all(s.heading.std_exact for s in report.sections)


def test_seed_002_sections():
    _, report = _model(SEEDS["002"])
    assert [s.heading.std_key for s in report.sections] == ["s1", "s2", "s3", "s4", "s5", None]
    assert report.sections[-1].heading.text == "六、2021年工作计划"
    assert report.title is not None and report.title.text == "果园街道办事处2020年政府信息公开工作年度报告"


def test_seed_001_traditional_title_normalised():
    source, report = _model(SEEDS["001"])
    assert report.title.text == "会同县2020年政府信息公开工作年度报告"
    assert source.position(report.title.span.start) == (1, 1)
    assert source.position(report.title.span.end) == (1, len(source.text.split("\n")[0]) + 1)


def test_seed_003_legacy_outline():
    _, report = _model(SEEDS["003"])
    assert [s.heading.numeral for s in report.sections] == list("一二三四五六七八九十")
    assert report.edition == "legacy"
