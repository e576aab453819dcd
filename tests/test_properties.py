"""Property-based tests of the reader, the grammar and the whole pipeline.

Arbitrary text (CJK, pipes, digits, heading- and table-like lines) and random
edits of real reports (lines deleted or repeated, table cells swapped, junk
inserted, the file cut short, bytes overwritten) go through read → lint →
JSON and SARIF.  Whatever comes in: no exception (an ``InputError`` for bytes
that are not text is the one allowed), every finding inside the file, in
order, the same on a second run, and valid JSON and SARIF out.

Example counts come from a Hypothesis profile: ``ci`` (default, bounded for
the suite) or ``thorough`` (``HYPOTHESIS_PROFILE=thorough pytest …``).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest
from gialint_testing import RULE_FIXTURES, SARIF_SCHEMA, real_files
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gialint.config import Config
from gialint.findings import Finding, split_lines
from gialint.formats import render
from gialint.pipeline import lint_source
from gialint.readers import read_bytes
from gialint.ruleset import Options, RuleSet
from gialint.source import InputError

_COMMON = dict(deadline=None, database=None, print_blob=True,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("ci", max_examples=150, **_COMMON)
settings.register_profile("thorough", max_examples=2000, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

RULESET = RuleSet(Config(), Options())
SARIF = jsonschema.validators.validator_for(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))(
    json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
SEEDS = [*real_files(), RULE_FIXTURES / "GIA101" / "pass_clean_2021.txt"]
SEED_BYTES = {p.name: p.read_bytes() for p in SEEDS}

# -- strategies -------------------------------------------------------------------------

_WORDS = [
    "政府信息公开工作年度报告", "总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
    "行政复议", "行政诉讼", "存在的主要问题及改进情况", "其他需要报告的事项", "自然人", "法人或其他组织",
    "本年新收政府信息公开申请数量", "上年结转", "予以公开", "合计", "总计", "维持", "纠正", "其他结果",
    "规章", "规范性文件", "行政许可", "行政处罚", "收费", "件", "条", "万元", "年", "月", "日",
    "某某", "XX", "待补充", "<!-- gialint-disable GIA101 -->", "<!-- gialint-disable -->",
    "http://www.example.gov.cn", "主办:某某区人民政府办公室", "京ICP备20013709号", "會(huì)",
    "二〇二三年", "2023年12月31日", "2024-01-28", "第二十条", "（一）", "（二）", "1.", "（1）",
]
_NUMERALS = "一二三四五六七八九十"
_cjk = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
_digits = st.integers(min_value=0, max_value=100_000).map(str)
_cell = st.one_of(_digits, st.sampled_from(_WORDS), st.text(_cjk, max_size=6), st.just(""),
                  st.sampled_from(["-", "—", "/", "０", "１２", "1,234", "3.5"]))
_table_line = st.lists(_cell, min_size=1, max_size=12).map(lambda cs: "| " + " | ".join(cs) + " |")
_tab_line = st.lists(_cell, min_size=2, max_size=8).map("\t".join)
_heading = st.tuples(st.sampled_from(_NUMERALS), st.sampled_from(["、", "．", ".", " ", ""]),
                     st.sampled_from(_WORDS)).map("".join)
_paragraph = st.lists(st.one_of(st.sampled_from(_WORDS), _digits, st.text(_cjk, max_size=20),
                                st.sampled_from(["，", "。", "；", "：", "|", " ", "\u3000", "(", ")"])),
                      max_size=20).map("".join)
_noise = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
_line = st.one_of(_heading, _table_line, _tab_line, _paragraph, _noise, st.just(""))
_ending = st.sampled_from(["\n", "\r\n", "\r", "\n\n"])

report_text = st.lists(st.tuples(_line, _ending), max_size=60).map(
    lambda parts: "".join(line + end for line, end in parts))


@st.composite
def edited_report(draw) -> bytes:
    """A real report (or the clean fixture) after one to four random edits."""
    data = SEED_BYTES[draw(st.sampled_from(sorted(SEED_BYTES)))]
    for _ in range(draw(st.integers(1, 4))):
        data = draw(st.sampled_from(_EDITS))(draw, data)
    return data


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def _delete_lines(draw, data):
    lines = _lines(data)
    i = draw(st.integers(0, len(lines) - 1))
    n = draw(st.integers(1, 5))
    return b"\n".join(lines[:i] + lines[i + n:])


def _repeat_lines(draw, data):
    lines = _lines(data)
    i = draw(st.integers(0, len(lines) - 1))
    j = draw(st.integers(0, len(lines)))
    return b"\n".join(lines[:j] + lines[i:i + draw(st.integers(1, 20))] + lines[j:])


def _swap_cells(draw, data):
    lines = _lines(data)
    rows = [i for i, line in enumerate(lines) if line.count(b"|") >= 3]
    if not rows:
        return data
    i = draw(st.sampled_from(rows))
    cells = lines[i].split(b"|")
    a, b = draw(st.integers(0, len(cells) - 1)), draw(st.integers(0, len(cells) - 1))
    cells[a], cells[b] = cells[b], cells[a]
    lines[i] = b"|".join(cells)
    return b"\n".join(lines)


def _insert_junk(draw, data):
    lines = _lines(data)
    junk = draw(st.lists(_line, min_size=1, max_size=4))
    i = draw(st.integers(0, len(lines)))
    return b"\n".join(lines[:i] + [j.encode("utf-8", "surrogatepass") for j in junk] + lines[i:])


def _truncate(draw, data):
    return data[:draw(st.integers(0, len(data)))]


def _overwrite_bytes(draw, data):
    i = draw(st.integers(0, len(data)))
    junk = draw(st.binary(min_size=1, max_size=16))
    return data[:i] + junk + data[i + draw(st.integers(0, 16)):]


_EDITS = [_delete_lines, _repeat_lines, _swap_cells, _insert_junk, _truncate, _overwrite_bytes]

# -- the invariants ------------------------------------------------------------------------


def _key(result):
    return [(f.rule, f.location, f.message, f.related, f.fix) for f in result.findings]


def check_pipeline(data: bytes, name: str = "r.txt") -> None:
    try:
        source = read_bytes(data, name)
    except InputError as err:
        assert "\n" not in str(err) and err.message
        return
    result = lint_source(source, RULESET)
    text = source.display_text  # what locations count in: the HTML source of a page
    last_line = len(split_lines(text)) + 1
    for f in result.findings:
        for loc in (f.location, *(r.location for r in f.related)):
            assert 1 <= loc.line <= last_line and 1 <= loc.end_line <= last_line, (f.rule, loc)
            assert loc.column >= 1 and loc.end_column >= 1, (f.rule, loc)
            assert (loc.line, loc.column) <= (loc.end_line, loc.end_column), (f.rule, loc)
            assert 0 <= loc.start <= loc.end <= len(text), (f.rule, loc, len(text))
        assert f.message.strip() and "{" not in f.message.replace("{{", ""), f.message
    assert result.findings == sorted(result.findings, key=Finding.sort_key)
    assert result.internal_errors == 0, [f.message for f in result.findings if f.rule == "GIA001"]
    again = lint_source(read_bytes(data, name), RULESET)
    assert _key(again) == _key(result)  # deterministic

    doc = json.loads(render("json", [result], RULESET.rules, lang="en", version="0"))
    (entry,) = doc["files"]
    assert entry["error"] is None and entry["encoding"] == source.encoding
    assert [(f["rule"], f["line"], f["column"], f["end_line"], f["end_column"])
            for f in entry["findings"]] == [
        (f.rule, f.location.line, f.location.column, f.location.end_line, f.location.end_column)
        for f in result.findings]
    sarif = json.loads(render("sarif", [result], RULESET.rules, lang="zh", version="0",
                              base_dir=os.getcwd()))
    SARIF.validate(sarif)
    # silenced findings are results too, marked with their suppression
    assert len(sarif["runs"][0]["results"]) == len(result.findings) + len(result.suppressed)


# -- the tests ---------------------------------------------------------------------------------


@given(report_text)
def test_arbitrary_text(text):
    check_pipeline(text.encode("utf-8"))


@given(edited_report())
def test_random_edits_of_real_reports(data):
    check_pipeline(data)


@given(st.sampled_from(sorted(SEED_BYTES)), st.integers(0, 3), st.data())
def test_real_reports_in_other_encodings(name, how, data):
    """The same text as GB18030, with a BOM, or UTF-16: read the same, or refused clearly."""
    text = SEED_BYTES[name].decode("utf-8")
    cut = data.draw(st.integers(0, len(text)))
    text = text[:cut]
    encoded = [text.encode("gb18030"), b"\xef\xbb\xbf" + text.encode("utf-8"),
               b"\xff\xfe" + text.encode("utf-16-le"), text.replace("\n", "\r\n").encode("utf-8")][how]
    check_pipeline(encoded)
    try:
        source = read_bytes(encoded, "r.txt")
    except InputError:
        # only a GB18030 cut that happens to look like damaged UTF-8 may be refused
        assert how == 0
        return
    assert source.text == (text.replace("\n", "\r\n") if how == 3 else text)


@given(st.binary(max_size=2000))
def test_reader_never_misreads_bytes(data):
    """Bytes are decoded exactly (they encode back to themselves) or refused."""
    try:
        source = read_bytes(data, "r.txt")
    except InputError as err:
        assert "\n" not in str(err)
        return
    boms = {"utf-8-sig": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}
    codec = {"utf-8-sig": "utf-8"}.get(source.encoding, source.encoding)
    assert boms.get(source.encoding, b"") + source.text.encode(codec) == data
    assert "\x00" not in source.text
    check_pipeline(data)


def _html_reader_available() -> bool:
    try:
        import gialint.readers.html  # noqa: F401
    except ImportError:
        return False
    return True


HTML = sorted((Path(__file__).parent / "data" / "real" / "html").glob("*.html"))


@pytest.mark.skipif(not (_html_reader_available() and HTML), reason="no HTML reader or pages")
@given(st.sampled_from(HTML), st.data())
def test_random_edits_of_real_html_pages(path, data):
    page = path.read_bytes()
    for _ in range(data.draw(st.integers(1, 3))):
        page = data.draw(st.sampled_from(_EDITS))(data.draw, page)
    check_pipeline(page, "r.html")
