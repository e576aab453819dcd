"""End to end: finding positions (JSON line/column/end_column) point into the
ORIGINAL file, whatever normalisation, line endings or encoding it has.

Expected columns are computed here from the original text with str.find,
independently of gialint's position map.
"""

from __future__ import annotations

import pytest
from gialint_testing import REAL, RULE_FIXTURES, SEEDS, run_main

SEED_001 = SEEDS["001"].read_text(encoding="utf-8")
SEED_002 = SEEDS["002"].read_bytes()
PINGTAN_2023 = (REAL / "2023_pingtan-zone.txt").read_text(encoding="utf-8")


def _write(tmp_path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return str(path)


def _lint(capsys, path, *args):
    result = run_main(capsys, "--isolated", "--format", "json", *args, path)
    assert result.code in (0, 1), result.err
    (entry,) = result.json()["files"]
    assert entry["error"] is None
    return entry


def _where(text: str, needle: str, start_line: int | None = None) -> tuple[int, int, int]:
    """(line, column, end_column) of ``needle`` in ``text``, 1-based, by str.find."""
    lines = text.split("\n")
    candidates = [start_line - 1] if start_line else range(len(lines))
    for i in candidates:
        col = lines[i].find(needle)
        if col >= 0:
            return i + 1, col + 1, col + 1 + len(needle)
    raise AssertionError(f"{needle!r} not in the text")


def _only(entry, rule):
    found = [f for f in entry["findings"] if f["rule"] == rule]
    assert len(found) == 1, found
    return found[0]


# -- seed 001: traditional characters with pinyin annotations -------------------

SIX_001 = "六、其他需要報(bào)告的事項(xiàng)"
NO_OTHER_001 = "無其他需要報(bào)告的事項(xiàng)。"  # content of 六, evidence that it is there
WORK_PLAN = "六、2021年工作計(jì)劃(huà)"


def _seed_001_with_work_plan(indent: str = "") -> str:
    assert SEED_001.count(SIX_001) == 1 and SEED_001.count(NO_OTHER_001) == 1
    text = SEED_001.replace(SIX_001, indent + WORK_PLAN)
    return text.replace(NO_OTHER_001, "2021年將(jiāng)繼續做好政務公開工作。")


def test_seed_001_original_has_no_structure_findings(capsys):
    entry = _lint(capsys, SEEDS["001"], "--select", "GIA110,GIA101", "--edition", "2021")
    assert entry["findings"] == []
    assert entry["edition"] == "2021"  # forced


def test_seed_001_renamed_six_points_at_original_heading(capsys, tmp_path):
    text = _seed_001_with_work_plan()
    path = _write(tmp_path, "001.txt", text)
    entry = _lint(capsys, path, "--select", "GIA110,GIA101", "--edition", "2021")
    f = _only(entry, "GIA101")
    line, col, end = _where(text, WORK_PLAN)
    assert line == 619
    assert (f["line"], f["column"], f["end_line"], f["end_column"]) == (line, col, line, end)
    # the message quotes the normalised heading (simplified, pinyin removed)
    assert "六、2021年工作计划" in f["message"]
    assert not [g for g in entry["findings"] if g["rule"] == "GIA110"]  # the title is there


def test_seed_001_indented_heading_column(capsys, tmp_path):
    """U+2002 EN SPACE indentation (seed 001 pads with it) counts as columns."""
    text = _seed_001_with_work_plan(indent="\u2002\u2002")
    path = _write(tmp_path, "001.txt", text)
    f = _only(_lint(capsys, path, "--select", "GIA101", "--edition", "2021"), "GIA101")
    line, col, end = _where(text, WORK_PLAN)
    assert col == 3
    assert (f["line"], f["column"], f["end_column"]) == (line, col, end)


def test_seed_001_missing_title_points_at_first_body_line(capsys, tmp_path):
    lines = _seed_001_with_work_plan().split("\n")
    assert lines[0].startswith("會(huì)同縣")
    lines[0] = ""
    text = "\n".join(lines)
    path = _write(tmp_path, "001.txt", text)
    entry = _lint(capsys, path, "--select", "GIA110,GIA101", "--edition", "2021")
    assert [g["rule"] for g in entry["findings"]] == ["GIA110", "GIA101"]
    f = entry["findings"][0]
    # line 3 is web-page metadata (發布時間:…); the first body text is line 5
    line, col, _ = _where(text, "本報(bào)告根據(jù)")
    assert (f["line"], f["column"], f["end_line"], f["end_column"]) == (line, col, line, col)
    assert (line, col) == (5, 1)


def test_seed_001_renamed_five_end_column_counts_pinyin(capsys, tmp_path):
    five = "五、存在的主要問題及改進(jìn)情況"
    long_five = "五、政府信息公開工作存在的主要問題及改進(jìn)情況"
    assert SEED_001.count(five) == 1
    text = SEED_001.replace(five, long_five)
    path = _write(tmp_path, "001.txt", text)
    f = _only(_lint(capsys, path, "--select", "GIA103"), "GIA103")
    line, col, end = _where(text, long_five)
    assert (f["line"], f["column"], f["end_line"], f["end_column"]) == (line, col, line, end)
    assert "五、政府信息公开工作存在的主要问题及改进情况" in f["message"]


def test_seed_001_marker_after_pinyin_annotations(capsys, tmp_path):
    """A finding in the middle of line 5, after a dozen pinyin annotations."""
    lines = SEED_001.split("\n")
    cut = lines[4].find("。", 60) + 1
    assert lines[4][:cut].count("(") >= 10
    lines[4] = lines[4][:cut] + "待補(bǔ)充" + lines[4][cut:]
    text = "\n".join(lines)
    path = _write(tmp_path, "001.txt", text)
    f = _only(_lint(capsys, path, "--select", "GIA501"), "GIA501")
    assert (f["line"], f["column"], f["end_column"]) == (5, cut + 1, cut + 1 + len("待補(bǔ)充"))
    assert "待补充" in f["message"]


def test_seed_001_heading_positions_in_parse_output(capsys):
    result = run_main(capsys, "parse", SEEDS["001"])
    assert result.code == 0
    for needle in ("一、總體情況", "四、政府信息公開行政復(fù)議、行政訴訟情況", SIX_001):
        line, col, _ = _where(SEED_001, needle)
        assert f"HEADING {line}:{col} " in result.out, needle


# -- one-line crawler copies (Pingtan): large columns on line 10 ---------------


def _pingtan_insert(insert: str) -> tuple[str, int]:
    lines = PINGTAN_2023.split("\n")
    assert len(lines[9]) > 3000
    offset = lines[9].find("。", 2800) + 1  # inside section 五 (narrative)
    assert offset > 2800
    lines[9] = lines[9][:offset] + insert + lines[9][offset:]
    return "\n".join(lines), offset


@pytest.mark.parametrize("insert,marker", [
    ("TODO ", "TODO"),
    ("待补充", "待补充"),
    ("此处填写", "此处填写"),
    ("TODO", "TODO"),
])
def test_pingtan_marker_on_line_10(capsys, tmp_path, insert, marker):
    text, offset = _pingtan_insert(insert)
    path = _write(tmp_path, "pingtan.txt", text)
    f = _only(_lint(capsys, path, "--select", "GIA501"), "GIA501")
    assert (f["line"], f["column"], f["end_line"], f["end_column"]) == (
        10, offset + 1, 10, offset + 1 + len(marker))


def test_pingtan_renamed_section_on_line_10(capsys, tmp_path):
    five = "五、存在的主要问题及改进情况"
    long_five = "五、政府信息公开工作存在的主要问题及改进情况"
    assert PINGTAN_2023.count(five) == 1
    text = PINGTAN_2023.replace(five, long_five)
    path = _write(tmp_path, "pingtan.txt", text)
    f = _only(_lint(capsys, path, "--select", "GIA103"), "GIA103")
    line, col, end = _where(text, long_five)
    assert line == 10 and col > 2000
    assert (f["line"], f["column"], f["end_line"], f["end_column"]) == (line, col, line, end)


def test_pingtan_heading_positions_in_parse_output(capsys):
    result = run_main(capsys, "parse", REAL / "2023_pingtan-zone.txt")
    assert result.code == 0
    for needle in ("一、总体情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"):
        line, col, _ = _where(PINGTAN_2023, needle, start_line=10)
        assert f"HEADING {line}:{col} " in result.out, needle


# -- line endings and encodings (seed 002) --------------------------------------


def _gia101(entry):
    f = _only(entry, "GIA101")
    return f["line"], f["column"], f["end_line"], f["end_column"]


def test_seed_002_lf_original(capsys):
    assert b"\r" not in SEED_002
    assert _gia101(_lint(capsys, SEEDS["002"])) == (431, 1, 431, 12)


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_seed_002_line_endings(capsys, tmp_path, newline):
    path = tmp_path / "002.txt"
    path.write_bytes(SEED_002.replace(b"\n", newline.encode()))
    original = _lint(capsys, SEEDS["002"])
    converted = _lint(capsys, path)
    assert _gia101(converted) == _gia101(original) == (431, 1, 431, 12)
    assert converted["findings"] == original["findings"]


def test_seed_002_gb18030_same_findings(capsys, tmp_path):
    path = tmp_path / "002.txt"
    path.write_bytes(SEED_002.decode("utf-8").encode("gb18030"))
    original = _lint(capsys, SEEDS["002"])
    gbk = _lint(capsys, path)
    assert gbk["encoding"] == "gb18030"
    assert original["encoding"] == "utf-8"
    assert gbk["findings"] == original["findings"]
    assert (gbk["edition"], gbk["report_year"]) == (original["edition"], original["report_year"])
    assert gbk["findings"]  # the GIA101 of section 六


def test_seed_002_gb18030_crlf(capsys, tmp_path):
    path = tmp_path / "002.txt"
    path.write_bytes(SEED_002.decode("utf-8").replace("\n", "\r\n").encode("gb18030"))
    assert _gia101(_lint(capsys, path)) == (431, 1, 431, 12)


def test_seed_001_gb18030_and_bom(capsys, tmp_path):
    """Traditional characters with tone-marked pinyin survive GB18030 and a BOM."""
    text = _seed_001_with_work_plan()
    line, col, end = _where(text, WORK_PLAN)
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(text.encode("gb18030"))
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    for path, encoding in ((gbk, "gb18030"), (bom, "utf-8-sig")):
        entry = _lint(capsys, path, "--select", "GIA101")
        assert entry["encoding"] == encoding
        assert _gia101(entry) == (line, col, line, end)


def test_forced_encoding(capsys, tmp_path):
    path = tmp_path / "002.txt"
    path.write_bytes(SEED_002.decode("utf-8").encode("gb18030"))
    entry = _lint(capsys, path, "--encoding", "gb18030")
    assert entry["encoding"] == "gb18030"
    assert _gia101(entry) == (431, 1, 431, 12)


# -- separators that are not line ends ----------------------------------------------


def test_form_feed_and_line_separator_do_not_split_lines(capsys, tmp_path):
    """Only CRLF, CR and LF end a line: a form feed (PDF page break) or U+2028
    inside the text shifts columns, never line numbers."""
    text = (RULE_FIXTURES / "GIA101" / "fail_six_is_work_plan.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    assert lines[11] == "六、2024年工作计划"
    lines[10] = lines[10].replace("，", "\f", 1).replace("下一步", "\u2028下一步")
    lines[11] = "\f" + lines[11]
    text = "\n".join(lines)
    path = _write(tmp_path, "ff.txt", text)
    f = _only(_lint(capsys, path, "--select", "GIA101"), "GIA101")
    assert (f["line"], f["column"], f["end_column"]) == (12, 2, 2 + len("六、2024年工作计划"))
    out = run_main(capsys, "--isolated", "--select", "GIA101", path).out
    assert "   12 | " in out and "六、2024年工作计划" in out.split("   12 | ")[1].split("\n")[0]
