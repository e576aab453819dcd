"""Chinese wording of the input-error messages (files that cannot be linted).

Readers raise ``InputError`` with one English line; the output is Chinese by
default, so the known messages are translated here, keeping their details
(line, byte, size, package name).  A message without a translation is shown
as it is: better English than nothing.
"""

from __future__ import annotations

import re

# (English message pattern, Chinese template using the pattern's groups)
_ZH: list[tuple[re.Pattern, str]] = [(re.compile(p), zh) for p, zh in (
    (r"^no such file(?: or directory)?$", "文件不存在"),
    (r"^no such file \(or a broken symbolic link\)$", "文件不存在（或是失效的符号链接）"),
    (r"^is a directory, not a file$", "这是目录，不是文件"),
    (r"^permission denied$", "没有读取权限"),
    (r"^cannot read file: (.+)$", r"无法读取文件：\1"),
    (r"^file too large \((.+?); the limit is (.+?), set by max-file-size\)$",
     r"文件过大（\1；上限 \2，可用 max-file-size 调整）"),
    (r"^file too large \(over (.+?); the limit is set by max-file-size\)$",
     r"文件过大（超过 \1；上限可用 max-file-size 调整）"),
    (r"^reading (\w+) files needs the optional package '([\w-]+)': pip install '(.+)'$",
     r"读取 \1 文件需要可选依赖包 “\2”：pip install '\3'"),
    (r"^binary file \((.+?)\), not a text report(.*)$", r"二进制文件（\1），不是文本报告\2"),
    (r"^binary file \(contains NUL bytes\), not an HTML page$", "二进制文件（含 NUL 字节），不是网页"),
    (r"^invalid UTF-8 at line (\d+) \(byte (\d+)\); use --encoding to force one$",
     r"第 \1 行（字节 \2）不是有效的 UTF-8；可用 --encoding 指定编码"),
    (r"^cannot decode: (.+?); use --encoding to force one$", r"无法解码：\1；可用 --encoding 指定编码"),
    (r"^unknown encoding (.+)$", r"未知编码 \1"),
    (r"^old Word \.doc \(OLE2\) format, not (?:\.docx|read); save it as \.docx$",
     "旧版 Word .doc 格式，无法读取；请另存为 .docx"),
    (r"^RTF format, not read; save it as \.docx or plain text$", "RTF 格式，无法读取；请另存为 .docx 或纯文本"),
    (r"^password-protected \(encrypted\) Word file.*$", "Word 文件有密码保护（已加密）；请另存一份未加密的副本"),
    (r"^damaged Word document \((.+)\)$", r"Word 文档已损坏（\1）"),
    (r"^not a Word document: (.+)$", r"不是 Word 文档：\1"),
    (r"^encrypted PDF: it needs a password; lint an unprotected copy$", "PDF 已加密，需要密码；请检查未加密的副本"),
    (r"^cannot read PDF \(damaged or not a PDF\): (.+)$", r"无法读取 PDF（文件损坏或不是 PDF）：\1"),
    (r"^internal error while reading the file \((.+)\)$", r"读取文件时发生内部错误（\1）"),
    (r"^--fix could not write the file: (.+)$", r"--fix 无法写入文件：\1"),
    (r"^cannot read directory: (.+)$", r"无法读取目录：\1"),
)]


def localize(message: str, lang: str) -> str:
    """``message`` in ``lang`` ("zh" or "en")."""
    if lang != "zh":
        return message
    for pattern, zh in _ZH:
        m = pattern.match(message)
        if m:
            return m.expand(zh)
    return message
