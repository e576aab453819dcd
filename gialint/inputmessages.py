"""The messages of input errors (files that cannot be linted), in Chinese and English.

A reader raises ``InputError(path, code, **args)`` (gialint.source); the
message is rendered from this one catalogue in the language of the run, like
a rule's message.  Arguments are plain values (numbers, names, the text of an
operating-system or library error); a few are formatted per language (sizes
in bytes, the encodings an HTML page was tried with).
"""

from __future__ import annotations

DEFAULT_LANG = "zh"

#: code → {language: template with {argument} placeholders}
MESSAGES: dict[str, dict[str, str]] = {
    # finding and opening the file
    "not-found": {"en": "no such file or directory", "zh": "文件不存在"},
    "url-unreadable": {"en": "cannot be read ({reason})", "zh": "无法读取（{reason}）"},
    "broken-link": {"en": "no such file (or a broken symbolic link)",
                    "zh": "文件不存在（或是失效的符号链接）"},
    "is-directory": {"en": "is a directory, not a file", "zh": "这是目录，不是文件"},
    "not-regular": {"en": "not a regular file (a named pipe, socket or device); not read",
                    "zh": "不是普通文件（命名管道、套接字或设备），不读取"},
    "permission-denied": {"en": "permission denied", "zh": "没有读取权限"},
    "cannot-read": {"en": "cannot read file: {reason}", "zh": "无法读取文件：{reason}"},
    "cannot-read-directory": {"en": "cannot read directory: {reason}", "zh": "无法读取目录：{reason}"},
    "file-too-large": {"en": "file too large ({size}; the limit is {limit}, set by max-file-size)",
                       "zh": "文件过大（{size}；上限 {limit}，可用 max-file-size 调整）"},
    # a stream or a growing file: its size is not known
    "file-too-large-stream": {"en": "file too large (over {limit}; the limit is set by max-file-size)",
                              "zh": "文件过大（超过 {limit}；上限可用 max-file-size 调整）"},
    "needs-package": {
        "en": "reading {format} files needs the optional package {package} (module '{module}'): "
              "pip install 'gialint-cn[{extra}]' (installed with pipx: pipx inject gialint-cn {package})",
        "zh": "读取 {format} 文件需要可选依赖包 {package}（模块 “{module}”）：pip install 'gialint-cn[{extra}]'"
              "（用 pipx 安装的：pipx inject gialint-cn {package}）"},
    # not a text at all
    "binary-file": {"en": "binary file ({what}), not a text report", "zh": "二进制文件（{what}），不是文本报告"},
    "binary-file-reader": {"en": "binary file ({what}), not a text report; lint it as a {ext} file",
                           "zh": "二进制文件（{what}），不是文本报告；请以 {ext} 文件检查"},
    "nul-bytes": {"en": "binary file (contains NUL bytes), not a text report; "
                        "for UTF-16 without a byte-order mark use --encoding utf-16-le",
                  "zh": "二进制文件（含 NUL 字节），不是文本报告；"
                        "没有字节顺序标记的 UTF-16 文件可用 --encoding utf-16-le"},
    "nul-bytes-html": {"en": "binary file (contains NUL bytes), not an HTML page",
                       "zh": "二进制文件（含 NUL 字节），不是网页"},
    "old-word-format": {"en": "old Word .doc (OLE2) format, not read; save it as .docx",
                        "zh": "旧版 Word .doc 格式，无法读取；请另存为 .docx"},
    "rtf-format": {"en": "RTF format, not read; save it as .docx or plain text",
                   "zh": "RTF 格式，无法读取；请另存为 .docx 或纯文本"},
    # formats a folder may hold that gialint does not read (gialint.readers.UNREAD_EXTENSIONS)
    "wps-format": {"en": "WPS Writer format, not read; save it as .docx in WPS",
                   "zh": "WPS 文字格式，无法读取；请在 WPS 中另存为 .docx"},
    "odt-format": {"en": "OpenDocument text (.odt), not read; save it as .docx",
                   "zh": "OpenDocument 文本（.odt），无法读取；请另存为 .docx"},
    "ofd-format": {"en": "OFD fixed-layout file, not read; provide the .docx, or a PDF with a text layer",
                   "zh": "OFD 版式文件，无法读取；请提供 .docx 版本或带文字层的 PDF"},
    "mht-format": {"en": "MHT single-file web page, not read; save the page as .html, or the report as .docx",
                   "zh": "MHT 单一文件网页，无法读取；请将网页另存为 .html，或将报告另存为 .docx"},
    "spreadsheet-format": {"en": "spreadsheet ({ext}), not read; the report with its tables "
                                 "belongs in a .docx or text file",
                           "zh": "电子表格（{ext}），无法读取；请将含表格的报告全文保存为 .docx 或文本文件"},
    # read, but nothing in it could be checked
    "pdf-no-text": {"en": "PDF without a text layer (a scan): nothing could be checked; "
                          "provide a PDF with text, or save the report as .docx",
                    "zh": "PDF 没有文字层（扫描件），无法检查；请提供带文字层的 PDF，或将报告另存为 .docx"},
    # decoding
    "unknown-encoding": {"en": "unknown encoding '{encoding}'", "zh": "未知编码 '{encoding}'"},
    "cannot-decode-as": {"en": "cannot decode as {encoding} at line {line} (byte {byte})",
                         "zh": "无法按 {encoding} 解码：第 {line} 行（字节 {byte}）"},
    # a file with a byte-order mark that is broken further on
    "invalid-encoding": {"en": "invalid {encoding} at line {line} (byte {byte})",
                         "zh": "第 {line} 行（字节 {byte}）不是有效的 {encoding}"},
    "invalid-utf8": {"en": "invalid UTF-8 at line {line} (byte {byte}); use --encoding to force one",
                     "zh": "第 {line} 行（字节 {byte}）不是有效的 UTF-8；可用 --encoding 指定编码"},
    "cannot-decode": {"en": "cannot decode: neither UTF-8 (invalid at line {line} (byte {byte})) "
                            "nor GB18030; use --encoding to force one",
                      "zh": "无法解码：既不是 UTF-8（第 {line} 行字节 {byte} 无效），也不是 GB18030；"
                            "可用 --encoding 指定编码"},
    "cannot-decode-page": {"en": "cannot decode: tried {tried}; use --encoding to force one",
                           "zh": "无法解码：已尝试 {tried}；可用 --encoding 指定编码"},
    "cannot-decode-declared": {
        "en": "cannot decode: the page declares {declared}; tried {tried}; use --encoding to force one",
        "zh": "无法解码：网页声明的编码为 {declared}，已尝试 {tried}；可用 --encoding 指定编码"},
    "truncated-utf16": {"en": "truncated {encoding} file (odd number of bytes)",
                        "zh": "{encoding} 文件不完整（字节数为奇数）"},
    # Word
    "docx-damaged": {"en": "damaged Word document ({error})", "zh": "Word 文档已损坏（{error}）"},
    "docx-encrypted": {"en": "password-protected (encrypted) Word file; save an unprotected copy as .docx",
                       "zh": "Word 文件有密码保护（已加密）；请另存一份未加密的副本"},
    "docx-not-zip": {"en": "not a readable .docx (Word/ZIP) file: the ZIP package is damaged, "
                           "incomplete or not a ZIP at all",
                     "zh": "不是可读取的 .docx（Word/ZIP）文件：ZIP 包已损坏、不完整或不是 ZIP"},
    "zip-encrypted": {"en": "encrypted ZIP package, not a readable .docx",
                      "zh": "ZIP 包已加密，无法作为 .docx 读取"},
    "zip-too-large": {"en": "ZIP package expands to more than {megabytes} MB ({factor} times max-file-size, "
                            "at least {least} MB); refused",
                      "zh": "ZIP 包解压后超过 {megabytes} MB（max-file-size 的 {factor} 倍，至少 {least} MB），拒绝读取"},
    "docx-bad-symbol": {"en": "damaged Word document: a symbol (w:sym) has the character code {char}, "
                              "which is no Unicode character",
                        "zh": "Word 文档已损坏：符号（w:sym）的字符代码 {char} 不是 Unicode 字符"},
    "docx-no-document": {"en": "not a Word document: a ZIP package without word/document.xml",
                         "zh": "不是 Word 文档：ZIP 包中没有 word/document.xml"},
    "docx-missing-part": {"en": "not a Word document: missing part {part}",
                          "zh": "不是 Word 文档：缺少部件 {part}"},
    "docx-main-part": {"en": "not a Word .docx document: its main part is {content_type}",
                       "zh": "不是 Word .docx 文档：主部件的类型是 {content_type}"},
    "docx-not-word": {"en": "not a Word .docx document: {error}", "zh": "不是 Word .docx 文档：{error}"},
    # HTML
    "html-table-too-large": {"en": "HTML table {table}: its rowspan and colspan make the page's tables "
                                   "more than {most} grid cells; not read",
                             "zh": "网页第 {table} 个表格的合并单元格（rowspan、colspan）使本页表格超过 "
                                   "{most} 个网格单元，未读取"},
    # PDF
    "pdf-encrypted": {"en": "encrypted PDF: it needs a password; lint an unprotected copy",
                      "zh": "PDF 已加密，需要密码；请检查未加密的副本"},
    "pdf-encrypted-unopenable": {"en": "encrypted PDF that cannot be opened ({error})",
                                 "zh": "PDF 已加密，无法打开（{error}）"},
    "pdf-unreadable": {"en": "cannot read PDF (damaged or not a PDF): {reason}",
                       "zh": "无法读取 PDF（文件损坏或不是 PDF）：{reason}"},
    "pdf-too-many-pages": {"en": "PDF of {pages} pages, over the limit of {most}; not read "
                                 "(an annual report has a few dozen at most)",
                           "zh": "PDF 共 {pages} 页，超过 {most} 页的上限，未读取（年度报告至多几十页）"},
    "pdf-too-complex": {"en": "PDF page {page} has {count} {what}, over the limit of {most}; not read",
                        "zh": "PDF 第 {page} 页有 {count} 个{what}，超过 {most} 个的上限，未读取"},
    # gialint itself
    "internal-read-error": {"en": "internal error while reading the file ({error})",
                            "zh": "读取文件时发生内部错误（{error}）"},
    "fix-write-failed": {"en": "--fix could not write the file: {reason}", "zh": "--fix 无法写入文件：{reason}"},
    "fix-file-changed": {"en": "--fix left the file as it is: it changed after gialint read it (saved by "
                               "an editor?); run gialint again",
                         "zh": "--fix 未修改此文件：gialint 读取之后文件又被改动（编辑器保存了？），请重新运行 gialint"},
    "fix-hard-link": {"en": "--fix left the file as it is: it has {links} hard links, and rewriting it "
                            "would part it from the others; fix a copy, or remove the other links",
                      "zh": "--fix 未修改此文件：它有 {links} 个硬链接，改写会使其与其他链接分开；"
                            "请修改副本，或先删除其他链接"},
}


def _size(n: int, lang: str) -> str:
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:.1f} MB"
    return f"{n} 字节" if lang == "zh" else f"{n} bytes"


def _tried(pairs, lang: str) -> str:
    """[(codec, byte of the first invalid sequence), …]"""
    if lang == "zh":
        return "、".join(f"{codec}（字节 {byte} 无效）" for codec, byte in pairs)
    return ", ".join(f"{codec} (invalid at byte {byte})" for codec, byte in pairs)


# arguments shown differently by language, by name
#: what a PDF page has too much of (pdf-too-complex), in Chinese
_PDF_PARTS_ZH = {"glyphs": "字符", "glyphs up to it": "字符（截至该页）", "drawn paths": "绘图路径",
                 "pairs of ruled lines": "横竖线交点候选"}


def _pdf_part(what: str, lang: str) -> str:
    return _PDF_PARTS_ZH.get(what, what) if lang == "zh" else what


_FORMATS = {"size": _size, "limit": _size, "tried": _tried, "what": _pdf_part}


def message(code: str, args: dict | None = None, lang: str = DEFAULT_LANG) -> str:
    """The message ``code`` with ``args`` in ``lang`` ("zh" or "en"; one line)."""
    templates = MESSAGES[code]
    template = templates.get(lang) or templates[DEFAULT_LANG]
    shown = {k: _FORMATS[k](v, lang) if k in _FORMATS else v for k, v in (args or {}).items()}
    return " ".join(template.format_map(shown).split())


def localize(result, lang: str) -> None:
    """Render the input error of a :class:`~gialint.findings.FileResult` in ``lang``."""
    if result.error_code is not None:
        result.error = message(result.error_code, result.error_args, lang)
    if getattr(result, "unchecked_code", None) is not None:
        result.unchecked = message(result.unchecked_code, {}, lang)


def error_result(path: str, code: str, args: dict | None = None, lang: str = DEFAULT_LANG):
    """The :class:`~gialint.findings.FileResult` of a file that could not be linted."""
    from gialint.findings import FileResult

    args = dict(args or {})
    return FileResult(path=path, error=message(code, args, lang), error_code=code, error_args=args)
