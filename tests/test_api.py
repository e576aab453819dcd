"""The library API (gialint.api): paths, texts and bytes with the command line's
options; plain results that pickle and turn into JSON; configuration errors
raised, not exits."""

from __future__ import annotations

import json
import pickle
import re
import shutil

import pytest
from gialint_testing import REAL, REPO, RULE_FIXTURES, SEEDS, call

from gialint import api
from gialint.api import ConfigError, FileReport, Linter, lint_bytes, lint_paths, lint_text

CLEAN = (RULE_FIXTURES / "GIA101" / "pass_clean_2021.txt").read_text(encoding="utf-8")
# a work plan in place of 六 (GIA101, line 59)
ERROR = CLEAN.replace("六、其他需要报告的事项\n本年未收取信息处理费。",
                      "六、2024年工作计划\n2024年将进一步加强政务公开标准化建设。")
HTML = REAL / "html" / "2023_pingtan-zone.html"
PDF = REAL / "pdf" / "2023_hongze-district-gov.pdf"


@pytest.fixture
def files(tmp_path):
    (tmp_path / "clean.txt").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "error.txt").write_text(ERROR, encoding="utf-8")
    return tmp_path


def _cli_entries(*args, cwd=None) -> list[dict]:
    result = call("--isolated", "--format", "json", "--jobs", "1", *args, cwd=cwd)
    assert result.code in (0, 1, 2), result.err
    return result.json()["files"]


def _cli_keys(report: FileReport) -> dict:
    """The part of to_dict() that the command line's JSON also has."""
    d = report.to_dict()
    return {k: d[k] for k in ("path", "encoding", "edition", "report_year", "organ", "title", "findings",
                              "error")}


# -- paths ---------------------------------------------------------------------------


def test_paths_say_what_the_command_line_says(files, monkeypatch):
    monkeypatch.chdir(files)
    names = ["error.txt", "clean.txt", str(SEEDS["001"]), str(SEEDS["002"]), str(HTML)]
    reports = lint_paths(names, isolated=True)
    assert [r.path for r in reports][:2] == ["error.txt", "clean.txt"]
    assert [_cli_keys(r) for r in reports] == _cli_entries(*names)
    error = reports[0]
    assert (error.encoding, error.edition, error.report_year, error.error) == ("utf-8", "2021", 2023, None)
    (f,) = error.findings
    assert (f.rule, f.name, f.category, f.severity) == ("GIA101", "missing-section", "structure", "error")
    assert (f.line, f.column, f.end_line, f.end_column, f.place) == (59, 1, 59, 12, None)
    assert "六" in f.message


def test_directories_are_walked_and_excluded_as_on_the_command_line(tmp_path, monkeypatch):
    (tmp_path / "gialint.toml").write_text('exclude = ["old/*"]\n', encoding="utf-8")
    for rel in ("a.txt", "sub/b.md", "old/c.txt", "notes.rst", ".hidden/d.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(ERROR, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert [r.path for r in lint_paths(["."])] == ["a.txt", "sub/b.md"]
    assert [r.path for r in lint_paths(".", isolated=True)] == ["a.txt", "old/c.txt", "sub/b.md"]
    assert [r.path for r in lint_paths(["notes.rst"])] == ["notes.rst"]  # named: linted


def test_an_unreadable_file_does_not_stop_the_others(files, monkeypatch):
    monkeypatch.chdir(files)
    (files / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (files / "broken.pdf").write_bytes(b"%PDF-1.7\n")
    reports = lint_paths(["nope.txt", "image.txt", "broken.pdf", "error.txt"], isolated=True,
                         lang="en")
    missing, image, pdf, error = reports
    assert missing.error == "no such file or directory" and missing.findings == ()
    assert "PNG" in image.error and "PDF" in pdf.error
    assert [f.rule for f in error.findings] == ["GIA101"] and error.error is None
    # errors in the run's language, Chinese by default
    assert lint_paths(["nope.txt"], isolated=True)[0].error == "文件不存在"


def test_jobs_give_the_same_results(files, monkeypatch):
    monkeypatch.chdir(files)
    names = ["error.txt", "clean.txt", str(SEEDS["000"]), str(SEEDS["002"])]
    assert lint_paths(names, isolated=True, jobs=2) == lint_paths(names, isolated=True)


# -- texts and bytes ------------------------------------------------------------


def test_text_is_linted_as_the_file_would_be(files, monkeypatch):
    monkeypatch.chdir(files)
    (from_file,) = lint_paths(["error.txt"], isolated=True)
    assert lint_text(ERROR, "error.txt", isolated=True) == from_file
    assert lint_text(CLEAN, isolated=True).path == "report.txt"
    # an HTML name: read as a web page, positions in the page's source
    html = HTML.read_text(encoding="utf-8")
    (page,) = lint_paths([HTML], isolated=True)
    assert lint_text(html, HTML, isolated=True).findings == page.findings


def test_bytes_are_read_by_the_file_name(files, monkeypatch):
    pytest.importorskip("pdfplumber")
    monkeypatch.chdir(files)
    gb = lint_bytes(ERROR.encode("gb18030"), "x.txt", isolated=True)
    assert gb.encoding == "gb18030" and [f.rule for f in gb.findings] == ["GIA101"]
    forced = lint_bytes(ERROR.encode("utf-16-le"), "x.md", isolated=True, encoding="utf-16-le")
    assert forced.findings == gb.findings
    for path in (HTML, PDF):
        (expected,) = lint_paths([path], isolated=True)
        got = lint_bytes(path.read_bytes(), path, isolated=True)
        assert got == expected
        if path.suffix == ".pdf":
            assert any(f.place for f in got.findings)  # page and line of the PDF
    binary = lint_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64), "x.txt", isolated=True, lang="en")
    assert "PNG" in binary.error and binary.findings == ()


def test_bytes_over_the_size_limit(files):
    big = lint_bytes(b"x" * 2000, "x.txt", isolated=True, max_file_size=1000, lang="en")
    assert big.error == "file too large (2000 bytes; the limit is 1000 bytes, set by max-file-size)"
    assert lint_bytes(b"x" * 2000, "x.txt", isolated=True, max_file_size="1KB").error


# -- options ---------------------------------------------------------------------------


def test_select_ignore_edition_lang(files):
    seed = SEEDS["002"].read_text(encoding="utf-8")
    every = {f.rule for f in lint_text(seed, isolated=True).findings}
    assert {"GIA101", "GIA203", "GIA404"} <= every
    assert {f.rule for f in lint_text(seed, isolated=True, select="GIA2").findings} == {
        r for r in every if r.startswith("GIA2")}
    assert {f.rule for f in lint_text(seed, isolated=True, select=["GIA101", "date"]).findings} <= {
        "GIA101"} | {r for r in every if r.startswith("GIA4")}
    assert "GIA101" not in {f.rule for f in lint_text(seed, isolated=True, ignore="GIA101").findings}
    assert lint_text(seed, isolated=True, edition="2019").edition == "2019"
    en = lint_text(ERROR, isolated=True, lang="en").findings[0].message
    assert "is missing" in en and not re.search(r"[缺少]", en)


def test_configuration_is_found_from_the_name(tmp_path, monkeypatch):
    project = tmp_path / "project"
    (project / "reports").mkdir(parents=True)
    (project / "gialint.toml").write_text('ignore = ["GIA101"]\nlang = "en"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert lint_text(ERROR, "project/reports/r.txt").findings == ()
    assert lint_text(ERROR, "elsewhere.txt").findings[0].rule == "GIA101"
    assert lint_text(ERROR, "elsewhere.txt", config=project / "gialint.toml").findings == ()
    assert lint_text(ERROR, "project/reports/r.txt", isolated=True).findings[0].rule == "GIA101"


def test_baseline(files, monkeypatch):
    monkeypatch.chdir(files)
    assert call("--isolated", "--write-baseline", "base.json", "error.txt").code == 0
    (known,) = lint_paths(["error.txt"], isolated=True, baseline="base.json")
    assert known.findings == ()
    (s,) = known.suppressed
    assert (s.finding.rule, s.kind, s.justification) == ("GIA101", "external", "baseline base.json")
    (fresh,) = lint_paths(["error.txt"], isolated=True)
    assert fresh.findings == (s.finding,)


def test_diff_and_fix(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(SEEDS["001"], "r.txt")  # pinyin annotations: certain fixes (GIA605)
    before = (tmp_path / "r.txt").read_bytes()
    (shown,) = lint_paths(["r.txt"], isolated=True, diff=True)
    assert shown.diff.startswith("--- a/r.txt\n+++ b/r.txt\n") and shown.fixed == 0
    assert (tmp_path / "r.txt").read_bytes() == before
    assert lint_text(before.decode("utf-8"), "r.txt", isolated=True, diff=True).diff == shown.diff
    (fixed,) = lint_paths(["r.txt"], isolated=True, fix=True)
    assert fixed.fixed >= 1 and fixed.diff is None
    assert "GIA605" not in {f.rule for f in fixed.findings}
    assert (tmp_path / "r.txt").read_bytes() != before
    assert lint_paths(["r.txt"], isolated=True, diff=True)[0].diff is None


def test_a_linter_loads_the_rules_once(files):
    linter = Linter(isolated=True, select="structure")
    first = linter.lint_text(ERROR)
    rules = linter._runner.rulesets[None]
    assert linter.lint_text(ERROR) == first
    assert linter._runner.rulesets == {None: rules}


# -- results -----------------------------------------------------------------------------


def test_results_pickle_and_round_trip_through_json(files, monkeypatch):
    pytest.importorskip("pdfplumber")
    monkeypatch.chdir(files)
    reports = lint_paths(["error.txt", "nope.txt", str(SEEDS["002"]), str(PDF)], isolated=True)
    assert any(f.related for r in reports for f in r.findings)  # 表 sums: related cells
    assert any(f.place for r in reports for f in r.findings)
    assert pickle.loads(pickle.dumps(reports)) == reports
    text = json.dumps([r.to_dict() for r in reports], ensure_ascii=False)
    assert [FileReport.from_dict(d) for d in json.loads(text)] == reports
    doc = reports[0].to_dict()
    assert list(doc) == ["path", "encoding", "edition", "report_year", "organ", "title", "findings", "error",
                         "suppressed", "diff", "fixed", "hidden", "checked"]
    assert list(doc["findings"][0]) == ["rule", "name", "category", "severity", "line", "column",
                                        "end_line", "end_column", "message", "related"]


def test_suppressed_in_source_are_kept(files):
    text = ERROR.replace("六、2024年工作计划", "<!-- gialint-disable-next-line GIA101 -->\n六、2024年工作计划")
    report = lint_text(text, isolated=True)
    assert report.findings == ()
    (s,) = report.suppressed
    assert (s.finding.rule, s.kind) == ("GIA101", "inSource")
    assert FileReport.from_dict(json.loads(json.dumps(report.to_dict()))) == report


# -- errors -----------------------------------------------------------------------------


def test_configuration_errors_raise(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "gialint.toml").write_text('select = ["GIA101"]\nbogus = 1\n', encoding="utf-8")
    (tmp_path / "r.txt").write_text(CLEAN, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        lint_paths(["."])
    assert err.value.line == 2
    assert str(err.value).startswith(f"{tmp_path / 'gialint.toml'}:2: unknown key 'bogus'")
    with pytest.raises(ConfigError, match="config file not found"):
        lint_text(CLEAN, config="nope.toml")
    (tmp_path / "bad.json").write_text("[]", encoding="utf-8")
    for options, message in (
        ({"select": "GIA999"}, "unknown rule, rule name or category 'GIA999'"),
        ({"ignore": ["nope"]}, "unknown rule, rule name or category 'nope'"),
        ({"edition": "2030"}, "edition must be one of legacy, 2019, 2021"),
        ({"organ_type": "x"}, "organ_type must be one of"),
        ({"lang": "fr"}, "lang must be one of zh, en"),
        ({"encoding": "no-such-codec"}, "unknown encoding 'no-such-codec'"),
        ({"max_file_size": "lots"}, "max_file_size must be"),
        ({"baseline": "bad.json"}, "not a gialint baseline"),
    ):
        with pytest.raises(ConfigError, match=re.escape(message)) as err:
            lint_text(CLEAN, isolated=True, **options)
        assert isinstance(err.value, api.OptionError)
        assert pickle.loads(pickle.dumps(err.value)).message == err.value.message
    with pytest.raises(ConfigError, match="standard input"):
        lint_paths(["-"], isolated=True)


def test_the_readme_example_runs(monkeypatch, capsys):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Library API", 1)[1].split("\n## ", 1)[0]
    (code,) = re.findall(r"```python\n(.*?)```", section, re.S)
    monkeypatch.chdir(REPO)
    exec(compile(code, "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "examples/report-2024-draft.txt 2021 2024 None" in out
    assert "gialint: unknown rule, rule name or category 'GIA999'" in out


def test_progress_is_called_for_each_file_in_order_of_arrival(tmp_path):
    from gialint_testing import RULE_FIXTURES

    from gialint.api import Linter

    for i in range(3):
        (tmp_path / f"r{i}.txt").write_bytes((RULE_FIXTURES / "GIA101" / "pass_clean_2021.txt").read_bytes())
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    seen = []
    reports = Linter(isolated=True).lint_paths([tmp_path], jobs=2, progress=lambda *a: seen.append(a))
    assert [(done, total) for done, total, _ in seen] == [(n, 4) for n in range(1, 5)]
    assert sorted(path for _, _, path in seen) == sorted(r.path for r in reports)
