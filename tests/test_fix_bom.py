"""--fix writes a file back in the bytes it was read: its encoding, and its
byte-order mark exactly when it had one (also under a forced --encoding)."""

from __future__ import annotations

import codecs

import pytest
from gialint_testing import RULE_FIXTURES, run_main

from gialint.source import decode, encode_text

# a report with web-page footer lines that --fix deletes, with CRLF line ends
DEBRIS = (RULE_FIXTURES / "GIA601" / "fail_footer_lines.txt").read_text(encoding="utf-8")
TEXT = DEBRIS.replace("\n", "\r\n")
U8, U16LE, U16BE = codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE

CASES = {
    # name: (BOM in the file, codec of the bytes after it, --encoding or None)
    "utf-8-bom-forced-utf-8": (U8, "utf-8", "utf-8"),
    "utf-8-bom-forced-utf-8-sig": (U8, "utf-8", "utf-8-sig"),
    "utf-8-no-bom-forced-utf-8-sig": (b"", "utf-8", "utf-8-sig"),
    "utf-8-bom-detected": (U8, "utf-8", None),
    "utf-8-detected": (b"", "utf-8", None),
    "utf-16-le-no-bom-forced": (b"", "utf-16-le", "utf-16-le"),
    "utf-16-be-no-bom-forced": (b"", "utf-16-be", "utf-16-be"),
    "utf-16-le-bom-detected": (U16LE, "utf-16-le", None),
    "utf-16-be-bom-detected": (U16BE, "utf-16-be", None),
    "utf-16-le-bom-forced-utf-16-le": (U16LE, "utf-16-le", "utf-16-le"),
    "utf-16-le-bom-forced-utf-16": (U16LE, "utf-16-le", "utf-16"),
    "utf-16-be-bom-forced-utf-16": (U16BE, "utf-16-be", "utf-16"),
    "gb18030-detected": (b"", "gb18030", None),
    "gb18030-forced": (b"", "gb18030", "gb18030"),
}


@pytest.mark.parametrize("name", CASES)
def test_decode_records_the_bom_and_encodes_back_exactly(name):
    bom, codec, encoding = CASES[name]
    data = bom + TEXT.encode(codec)
    src = decode(data, "r.txt", encoding)
    assert src.text == TEXT and src.bom == bom
    assert encode_text(src.text, src.encoding, src.bom) == data


@pytest.mark.parametrize("name", CASES)
def test_fix_changes_only_the_fixed_lines(capsys, tmp_path, name):
    bom, codec, encoding = CASES[name]
    path = tmp_path / "r.txt"
    path.write_bytes(bom + TEXT.encode(codec))
    forced = ("--encoding", encoding) if encoding else ()
    result = run_main(capsys, "--isolated", "--jobs", "1", *forced, "--fix", path)
    assert "Traceback" not in result.err
    data = path.read_bytes()
    assert data.startswith(bom)
    body = data[len(bom):]
    assert not body.startswith((U8, U16LE, U16BE))  # no BOM gained
    before = TEXT.splitlines(keepends=True)
    after = body.decode(codec).splitlines(keepends=True)
    assert len(after) < len(before)  # something was fixed ...
    it = iter(before)
    assert all(line in it for line in after)  # ... and the rest kept, in order
    # byte for byte: the file is its old lines, in its codec, minus the fixed ones
    assert body == b"".join(line.encode(codec) for line in after)
