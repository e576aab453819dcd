"""Decoding an HTML page: byte-order mark or --encoding, else the page's own
charset declaration, else UTF-8, else GB18030."""

from __future__ import annotations

import codecs
import re

from gialint.source import InputError, decode

_SNIFF = 4096
_DECLARED = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)|<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)""",
    re.I)
# GBK and GB2312 pages use characters beyond their declared set; GB18030 reads them all
_GB = {"gbk", "gb2312", "gb_2312", "gb_2312-80", "x-gbk", "cp936", "csgb2312", "chinese",
       "gb18030", "euc-cn", "hz-gb-2312"}
# a Western single-byte declaration says nothing about a Chinese page (templates copy it)
_WESTERN = {"ascii", "latin_1", "iso8859_1", "cp1252"}


_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _declared(data: bytes) -> str | None:
    m = _DECLARED.search(data[:_SNIFF])
    if not m:
        return None
    name = (m.group(1) or m.group(2)).decode("ascii").lower()
    if name in _GB:
        return "gb18030"
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    if codec.startswith("utf-16") or codec.startswith("utf-32"):
        return "utf-8"  # a byte-order-less page cannot be UTF-16 if this was readable (WHATWG)
    if codec in _WESTERN:
        return None
    return "gb18030" if codec in ("gbk", "gb2312") else codec


def _decode(data: bytes, path: str, encoding: str | None) -> tuple[str, str]:
    if encoding is not None or data.startswith(_BOMS):
        # --encoding and byte-order marks: the same rules (and messages) as text files
        src = decode(data, path, encoding)
        return src.text, src.encoding
    declared = _declared(data)
    if declared not in (None, "utf-8") and not data.isascii():
        # a saved page whose template still declares GB2312 while the text is UTF-8 (the
        # server said so): real GBK text is practically never valid UTF-8
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    tried = []
    for codec in dict.fromkeys(c for c in (declared, "utf-8", "gb18030") if c):
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError as err:
            tried.append((codec, err.start))
    if declared:
        raise InputError(path, "cannot-decode-declared", declared=declared, tried=tried)
    raise InputError(path, "cannot-decode-page", tried=tried)
