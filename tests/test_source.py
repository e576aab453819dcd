"""gialint.source: decoding, refusals, line/column positions.

Test data (tests/data/):
* seed001_excerpt.txt -- lines 1-24 and 605-625 of seed 001 (会同县 2020,
  traditional characters with pinyin annotations, U+2002 indentation, no
  final newline); seed001_excerpt.gb18030.txt is the same text in GB18030.
* pingtan_2023_oneline.txt -- corpus file 2023_pingtan-zone.txt (平潭综合实验区
  2023): 9 header lines + the whole body on line 10 (3107 characters).
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

import gialint.source as source_module
from gialint.findings import Location
from gialint.source import InputError, Source, decode, read_source

DATA = Path(__file__).parent / "data"
SEED = DATA / "seed001_excerpt.txt"
SEED_GB = DATA / "seed001_excerpt.gb18030.txt"
PINGTAN = DATA / "pingtan_2023_oneline.txt"


def utf8_text(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def naive_position(text: str, offset: int) -> tuple[int, int]:
    """Reference implementation: walk the text."""
    line, col, i = 1, 1, 0
    while i < offset:
        c = text[i]
        if c == "\r" and i + 1 < len(text) and text[i + 1] == "\n":
            if i + 1 == offset:  # between \r and \n: still on this line
                return line, col + 1
            i += 2
            line, col = line + 1, 1
            continue
        if c in "\r\n":
            line, col = line + 1, 1
        else:
            col += 1
        i += 1
    return line, col


# --- decoding ---------------------------------------------------------------


def test_utf8():
    src = read_source(str(SEED))
    assert src.encoding == "utf-8"
    assert src.text == utf8_text(SEED)
    assert src.path == str(SEED)
    assert src.text.startswith("會(huì)同縣2020年")


def test_utf8_bom(tmp_path):
    text = utf8_text(SEED)
    p = tmp_path / "bom.txt"
    p.write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    src = read_source(str(p))
    assert src.encoding == "utf-8-sig"
    assert src.text == text  # BOM removed


@pytest.mark.parametrize(
    "bom, codec",
    [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")],
)
def test_utf16_with_bom(tmp_path, bom, codec):
    text = utf8_text(SEED)
    p = tmp_path / f"{codec}.txt"
    p.write_bytes(bom + text.encode(codec))
    src = read_source(str(p))
    assert src.encoding == codec
    assert src.text == text
    assert src.line_starts == decode(text.encode("utf-8"), "x").line_starts


def test_gb18030_twin_of_real_report():
    src = read_source(str(SEED_GB))
    assert src.encoding == "gb18030"
    assert src.text == utf8_text(SEED)


def test_gbk_simplified_report(tmp_path):
    text = utf8_text(PINGTAN)
    p = tmp_path / "gbk.txt"
    p.write_bytes(text.encode("gbk"))  # GBK is a subset of GB18030
    src = read_source(str(p))
    assert src.encoding == "gb18030"
    assert src.text == text


def test_encoding_override(tmp_path):
    text = utf8_text(PINGTAN)
    p = tmp_path / "gbk.txt"
    p.write_bytes(text.encode("gbk"))
    src = read_source(str(p), encoding="gbk")
    assert src.encoding == "gbk"
    assert src.text == text
    # the override wins even when the automatic choice would differ
    src = read_source(str(SEED), encoding="latin-1")
    assert src.encoding == "latin-1"
    assert src.text == SEED.read_bytes().decode("latin-1")
    # a forced UTF-8 / UTF-16 reading drops a BOM
    p2 = tmp_path / "bom.txt"
    p2.write_bytes(codecs.BOM_UTF8 + b"abc\n")
    assert read_source(str(p2), encoding="utf-8").text == "abc\n"


def test_encoding_override_errors(tmp_path):
    with pytest.raises(InputError) as ei:
        read_source(str(SEED), encoding="no-such-codec")
    assert str(ei.value) == f"{SEED}: unknown encoding 'no-such-codec'"
    with pytest.raises(InputError) as ei:
        read_source(str(SEED_GB), encoding="utf-8")
    msg = str(ei.value)
    assert msg.startswith(f"{SEED_GB}: cannot decode as utf-8 at line 1 (byte ")
    p = tmp_path / "late.txt"
    p.write_bytes(b"line 1\r\nline 2\rline 3\n\xff\n")
    with pytest.raises(
        InputError, match=r"late\.txt: cannot decode as ascii at line 4 \(byte 22\)"
    ):
        read_source(str(p), encoding="ascii")


def test_empty_file(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    src = read_source(str(p))
    assert src.text == ""
    assert src.line_starts == [0]
    assert src.line_count == 0
    assert src.position(0) == (1, 1)
    assert src.line_text(1) == ""


def _invalid_utf8_in_middle() -> tuple[bytes, int, int]:
    """A UTF-8 report with one stray GBK character appended to line 6.  The
    whole file happens to be valid GB18030 too (mojibake), so only the
    "mostly UTF-8" rule keeps it from being read as garbage."""
    text = utf8_text(PINGTAN).split("\n")
    lines = [text[i].encode("utf-8") for i in (1, 2, 4, 5, 8)] * 3
    offset = sum(len(b) + 1 for b in lines[:5]) + len(lines[5])
    lines[5] += b"\xb0\xa1"  # 啊 in GBK
    return b"\n".join(lines) + b"\n", 6, offset


REFUSALS = [
    (
        "report.pdf",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n",
        "binary file (PDF), not a text report; lint it as a .pdf file",
    ),
    (
        "report.docx",
        b"PK\x03\x04\x14\x00\x06\x00\x08\x00[Content_Types].xml",
        "binary file (Word/ZIP package)",
    ),
    ("report.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40, "Word .doc (OLE2)"),
    ("scan.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
    ("scan.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "JPEG image"),
    (
        "blob.bin",
        "政府信息公开".encode() + b"\x00\x01\x02\x00data",
        "binary file (contains NUL bytes)",
    ),
    ("report.rtf", b"{\\rtf1\\ansi\\deff0 {\\fonttbl}", "RTF format, not read"),
]


@pytest.mark.parametrize("name, data, expected", REFUSALS, ids=[r[0] for r in REFUSALS])
def test_refused(tmp_path, name, data, expected):
    p = tmp_path / name
    p.write_bytes(data)
    with pytest.raises(InputError) as ei:
        read_source(str(p))
    err = ei.value
    assert err.path == str(p)
    assert str(err) == f"{p}: {err.message}"
    assert "\n" not in str(err)
    assert expected in err.message


def test_invalid_utf8_in_middle(tmp_path):
    data, line, offset = _invalid_utf8_in_middle()
    data.decode("gb18030")  # would "work" -- and give mojibake
    p = tmp_path / "broken.txt"
    p.write_bytes(data)
    with pytest.raises(InputError) as ei:
        read_source(str(p))
    assert str(ei.value) == (
        f"{p}: invalid UTF-8 at line {line} (byte {offset}); use --encoding to force one"
    )


def test_invalid_utf8_in_real_report_with_bom(tmp_path):
    raw = SEED.read_bytes()
    lines = raw.split(b"\n")
    lines[11] = lines[11] + b"\xe4\xb8"  # truncated 3-byte sequence on line 12
    data = codecs.BOM_UTF8 + b"\n".join(lines)
    p = tmp_path / "bom-broken.txt"
    p.write_bytes(data)
    with pytest.raises(InputError, match=r"invalid UTF-8 at line 12 \(byte \d+\)") as ei:
        read_source(str(p))
    byte = int(str(ei.value).rsplit("byte ", 1)[1].split(")")[0])
    assert data[byte : byte + 2] == b"\xe4\xb8"
    # without the BOM the same damage is caught by the mostly-UTF-8 rule
    with pytest.raises(InputError, match=r"invalid UTF-8 at line 12 "):
        decode(data[3:], "x.txt")


def test_undecodable(tmp_path):
    p = tmp_path / "junk.txt"
    p.write_bytes(b"abc \xff\xfe\xfd def")
    with pytest.raises(InputError, match="neither UTF-8 .* nor GB18030"):
        read_source(str(p))


def test_utf16_odd_length(tmp_path):
    p = tmp_path / "odd.txt"
    p.write_bytes(codecs.BOM_UTF16_LE + "报告".encode("utf-16-le") + b"\x00")
    with pytest.raises(InputError, match="UTF-16-LE"):
        read_source(str(p))


def test_missing_and_directory(tmp_path):
    with pytest.raises(InputError) as ei:
        read_source(str(tmp_path / "nope.txt"))
    assert str(ei.value) == f"{tmp_path / 'nope.txt'}: no such file (or a broken symbolic link)"
    with pytest.raises(InputError) as ei:
        read_source(str(tmp_path))
    assert str(ei.value).startswith(f"{tmp_path}: ")
    assert "directory" in ei.value.message


def test_permission_denied(tmp_path, monkeypatch):
    def deny(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(source_module, "open", deny, raising=False)
    with pytest.raises(InputError) as ei:
        read_source(str(tmp_path / "secret.txt"))
    assert ei.value.message == "permission denied"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads anything")
def test_permission_denied_real(tmp_path):
    p = tmp_path / "secret.txt"
    p.write_bytes(b"x")
    p.chmod(0)
    with pytest.raises(InputError, match="permission denied"):
        read_source(str(p))


def test_display_path():
    src = read_source(str(SEED), display_path="seeds/001.txt")
    assert src.path == "seeds/001.txt"
    with pytest.raises(InputError) as ei:
        read_source("/no/such/dir/x.txt", display_path="x.txt")
    assert str(ei.value) == "x.txt: no such file (or a broken symbolic link)"


def test_input_error_is_one_line():
    err = InputError("a.txt", "cannot-read", reason="first\nsecond")
    assert str(err) == "a.txt: cannot read file: first second"
    assert (err.path, err.message) == ("a.txt", "cannot read file: first second")
    assert (err.code, err.arguments) == ("cannot-read", {"reason": "first\nsecond"})
    assert err.text("zh") == "无法读取文件：first second"


def test_input_error_pickles():
    import pickle

    err = pickle.loads(pickle.dumps(InputError("a.txt", "file-too-large", size=2 << 20, limit=1 << 20)))
    assert (err.path, err.code, err.arguments) == ("a.txt", "file-too-large", {"size": 2 << 20, "limit": 1 << 20})
    assert err.message == "file too large (2.0 MB; the limit is 1.0 MB, set by max-file-size)"


# --- lines and positions ----------------------------------------------------

LINES = ["一、总体情况", "\t本年度\u3000共收到申请\u20025件。", "", "（一）主动公开", "合计 12"]


@pytest.mark.parametrize("eol", ["\n", "\r\n", "\r", "mixed"])
def test_line_ends_give_same_positions(eol):
    if eol == "mixed":
        ends = ["\r\n", "\n", "\r", "\r\n"]
        text = "".join(line + end for line, end in zip(LINES[:-1], ends, strict=True)) + LINES[-1]
    else:
        text = eol.join(LINES)
    src = decode(text.encode("utf-8"), "t.txt")
    assert src.text == text  # terminators untouched
    assert src.line_count == 5
    assert [src.line_text(i) for i in range(1, 6)] == LINES
    expected = {
        "总体": (1, 3),
        "本年度": (2, 2),  # the tab is one column
        "共收到": (2, 6),  # U+3000 is one column
        "5件": (2, 12),  # U+2002 is one column
        "主动": (4, 4),
        "12": (5, 4),
    }
    for word, pos in expected.items():
        off = text.index(word)
        assert src.position(off) == pos, word
        loc = src.location(off, off + len(word))
        assert loc == Location(off, off + len(word), *pos, pos[0], pos[1] + len(word))
    assert src.position(len(text)) == (5, len(LINES[-1]) + 1)
    for off in range(len(text) + 1):
        assert src.position(off) == naive_position(text, off)


def test_trailing_terminator():
    src = decode(b"a\r\nb\r\n", "t")
    assert src.line_starts == [0, 3, 6]
    assert src.line_count == 2
    assert src.position(6) == (3, 1)
    assert src.line_text(2) == "b"
    assert src.line_text(3) == ""
    assert src.line_text(4) == ""
    assert decode(b"\r\r\n\n", "t").line_starts == [0, 1, 3, 4]


def test_position_out_of_range():
    src = decode(b"abc", "t")
    with pytest.raises(ValueError):
        src.position(4)
    with pytest.raises(ValueError):
        src.position(-1)


def test_positions_on_real_report():
    src = read_source(str(SEED))
    text = src.text
    assert src.line_count == 45
    for off in range(0, len(text) + 1, 7):
        assert src.position(off) == naive_position(text, off)
    # the signature line: 28 EN SPACEs (U+2002) then the date
    off = text.index("2021年2月6日")
    assert src.position(off) == (45, 29)
    assert src.line_text(45) == "\u2002" * 28 + "2021年2月6日"


def test_one_line_report_large_columns():
    src = read_source(str(PINGTAN))
    assert src.line_count == 10
    body = src.line_text(10)
    assert len(body) == 3107
    assert src.line_text(9).startswith("====")
    starts = src.line_starts
    assert src.position(starts[9]) == (10, 1)
    for word, column in [
        ("一、总体情况", 319),
        ("二、主动公开政府信息情况", 1780),
        ("结转下年度继续办理", 2594),
        ("六、其他需要报告的事项", 3080),
    ]:
        off = src.text.index(word)
        loc = src.location(off, off + len(word))
        assert (loc.line, loc.column) == (10, column), word
        assert (loc.end_line, loc.end_column) == (10, column + len(word))
        assert body[column - 1 : column - 1 + len(word)] == word
    assert src.position(len(src.text)) == (10, 3108)


def test_source_constructed_directly():
    src = Source("p", "a\nb", "utf-8")
    assert src.line_starts == [0, 2]
    assert src.position(2) == (2, 1)
