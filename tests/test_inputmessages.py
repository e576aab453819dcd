"""Input errors: a code and arguments, rendered from one zh/en catalogue
(gialint.inputmessages), Chinese by default."""

from __future__ import annotations

import string

import pytest

from gialint.findings import FileResult
from gialint.inputmessages import DEFAULT_LANG, MESSAGES, error_result, localize, message


def _fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f is not None}


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_message_in_both_languages_with_the_same_arguments(code):
    assert set(MESSAGES[code]) == {"zh", "en"}
    assert _fields(MESSAGES[code]["zh"]) == _fields(MESSAGES[code]["en"])


@pytest.mark.parametrize("code,args,en,zh", [
    ("not-found", {}, "no such file or directory", "文件不存在"),
    ("permission-denied", {}, "permission denied", "没有读取权限"),
    ("invalid-utf8", {"line": 6, "byte": 120},
     "invalid UTF-8 at line 6 (byte 120); use --encoding to force one",
     "第 6 行（字节 120）不是有效的 UTF-8；可用 --encoding 指定编码"),
    ("file-too-large", {"size": 51 * 1024 * 1024, "limit": 50 * 1024 * 1024},
     "file too large (51.0 MB; the limit is 50.0 MB, set by max-file-size)",
     "文件过大（51.0 MB；上限 50.0 MB，可用 max-file-size 调整）"),
    ("file-too-large", {"size": 300000, "limit": 204800},
     "file too large (300000 bytes; the limit is 204800 bytes, set by max-file-size)",
     "文件过大（300000 字节；上限 204800 字节，可用 max-file-size 调整）"),
    ("needs-package", {"format": "DOCX", "module": "docx", "extra": "docx", "package": "python-docx"},
     "reading DOCX files needs the optional package python-docx (module 'docx'): "
     "pip install 'gialint-cn[docx]' (installed with pipx: pipx inject gialint-cn python-docx)",
     "读取 DOCX 文件需要可选依赖包 python-docx（模块 “docx”）：pip install 'gialint-cn[docx]'"
     "（用 pipx 安装的：pipx inject gialint-cn python-docx）"),
    ("binary-file", {"what": "PNG image"}, "binary file (PNG image), not a text report",
     "二进制文件（PNG image），不是文本报告"),
    ("cannot-decode-page", {"tried": [("utf-8", 15), ("gb18030", 16)]},
     "cannot decode: tried utf-8 (invalid at byte 15), gb18030 (invalid at byte 16); "
     "use --encoding to force one",
     "无法解码：已尝试 utf-8（字节 15 无效）、gb18030（字节 16 无效）；可用 --encoding 指定编码"),
    ("internal-read-error", {"error": "ValueError: a\nb"},
     "internal error while reading the file (ValueError: a b)", "读取文件时发生内部错误（ValueError: a b）"),
])
def test_rendered(code, args, en, zh):
    assert message(code, args, "en") == en
    assert message(code, args, "zh") == zh
    assert message(code, args) == (zh if DEFAULT_LANG == "zh" else en)


def test_a_result_is_rendered_again_in_the_language_of_the_run():
    result = error_result("a.txt", "not-found")
    assert (result.error, result.error_code, result.error_args) == ("文件不存在", "not-found", {})
    localize(result, "en")
    assert result.error == "no such file or directory"
    plain = FileResult(path="b.txt", error="made elsewhere")
    localize(plain, "en")
    assert plain.error == "made elsewhere"


def test_no_message_is_made_outside_the_catalogue():
    """Readers raise codes, not English sentences to be translated later."""
    import ast
    from pathlib import Path

    import gialint

    root = Path(gialint.__file__).parent
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "InputError":
                if len(node.args) >= 2 and isinstance(node.args[1], ast.Constant):
                    assert node.args[1].value in MESSAGES, f"{path.name}:{node.lineno}"
                elif len(node.args) >= 2:
                    assert isinstance(node.args[1], ast.Name), f"{path.name}:{node.lineno}: not a code"
