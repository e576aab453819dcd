"""What every sub-command of the command line shares: exit codes, error lines
in the user's language, and an argument parser that speaks Chinese.

The language of the command line is zh unless ``--lang en`` is on it (or a
loaded configuration says ``lang = "en"``): help, usage, argparse's own errors
and gialint's error lines follow it.
"""

from __future__ import annotations

import argparse
import re
import sys

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def argv_lang(argv) -> str:
    """``en`` when the arguments ask for English (--lang en, --lang=en), else ``zh``."""
    argv = list(argv)
    for i, a in enumerate(argv):
        if a == "--lang=en" or (a == "--lang" and i + 1 < len(argv) and argv[i + 1] == "en"):
            return "en"
    return "zh"


def fail(message: str, lang: str = "zh") -> int:
    """Print ``gialint: 错误：message`` (``gialint: error: message`` in English)
    to stderr; the exit code of an error."""
    if lang == "zh":
        print(f"gialint: 错误：{zh_message(message)}", file=sys.stderr)
    else:
        print(f"gialint: error: {message}", file=sys.stderr)
    return EXIT_ERROR


def error_text(err, lang: str) -> str:
    """A ConfigError (or OptionError) as ``file:line: message`` in ``lang``."""
    path, line, message = getattr(err, "path", None), getattr(err, "line", None), getattr(err, "message", str(err))
    if lang != "zh" or message is None:
        return str(err)
    if path is None:
        return zh_message(message)
    where = f"{path}:{line}" if line else str(path)
    return f"{where}: {zh_message(message)}"


# -- English messages → Chinese ---------------------------------------------------
# The messages are written in English where they are raised (the library API
# raises them too); the command line shows them in Chinese by these templates.
# A message no template knows is shown as it is, never dropped.

_ZH: list[tuple[re.Pattern, str]] = [(re.compile(p), z) for p, z in (
    # configuration (gialint/schema.py, gialint/config.py, gialint/tomlpos.py)
    (r"^unknown key '(?P<a>[^']*)' \(known: (?P<b>.*)\)$", r"未知的配置项“\g<a>”（可用：\g<b>）"),
    (r"^'(?P<a>[^']*)' must be a list of strings$", r"“\g<a>”必须是字符串列表"),
    (r"^'(?P<a>[^']*)' must be a string$", r"“\g<a>”必须是字符串"),
    (r"^'(?P<a>[^']*)' must be a table$", r"“\g<a>”必须是表（[\g<a>]）"),
    (r"^'(?P<a>[^']*)' must be one of (?P<b>.*), not (?P<c>.*)$", r"“\g<a>”只能是 \g<b> 之一，不能是 \g<c>"),
    (r"^'deadline' must be MM-DD of the year after the report year, not (?P<a>.*)$",
     r"“deadline”必须是报告年度次年的“月-日”（MM-DD），不能是 \g<a>"),
    (r"^'deadline' must be a day every year has \(MM-DD\), not (?P<a>.*)$",
     r"“deadline”必须是每年都有的日期（MM-DD），不能是 \g<a>"),
    (r"^severity of (?P<a>.*) must be error, warning or info, not (?P<b>.*)$",
     r"\g<a> 的级别只能是 error、warning 或 info，不能是 \g<b>"),
    (r"^per-file-ignores for (?P<a>.*) must be a list of rule ids$", r"per-file-ignores 中 \g<a> 的值必须是规则编号列表"),
    (r"^unknown rule, rule name or category (?P<a>.*) in '(?P<b>[^']*)'$",
     r"“\g<b>”中的 \g<a> 不是已知的规则编号、规则名称或类别"),
    (r"^unknown rule, rule name or category (?P<a>.*)$", r"\g<a> 不是已知的规则编号、规则名称或类别"),
    (r"^rule file not found: (?P<a>.*)$", r"找不到规则文件：\g<a>"),
    (r"^config file not found$", r"找不到配置文件"),
    (r"^invalid TOML: (?P<a>.*)$", r"TOML 格式错误：\g<a>"),
    (r"^cannot read (?:config|rules|rule file|baseline)?:? ?(?P<a>.*)$", r"无法读取：\g<a>"),
    (r"^must be a number of bytes or a size like \"50MB\" or \"200KB\", not (?P<a>.*)$",
     "必须是字节数或 50MB、200KB 这样的大小，不能是 \\g<a>"),
    (r"^must be a number of bytes or a string like \"50MB\", not (?P<a>.*)$",
     "必须是字节数或 \"50MB\" 这样的字符串，不能是 \\g<a>"),
    (r"^must be more than 0 bytes, not (?P<a>.*)$", r"必须大于 0 字节，不能是 \g<a>"),
    (r"^must be at most 1GB, not (?P<a>.*)$", r"不能超过 1GB（给出的是 \g<a>）"),
    (r"^must be a positive number, not (?P<a>.*)$", r"必须是正整数，不能是 \g<a>"),
    (r"^missing required key '(?P<a>[^']*)'$", r"缺少必需的键“\g<a>”"),
    (r"^duplicate rule id (?P<a>\S+) \(also in (?P<b>.*)\)$", r"规则编号 \g<a> 重复（另见 \g<b>）"),
    (r"^duplicate rule name (?P<a>\S+) \(also in (?P<b>.*)\)$", r"规则名称 \g<a> 重复（另见 \g<b>）"),
    # options (gialint/runner.py) and the command line
    (r"^unknown encoding (?P<a>.*)$", r"未知的编码 \g<a>"),
    (r"^no files to lint \(give a file, a directory or -\)$", r"没有要检查的文件（请给出文件、文件夹或 -）"),
    (r"^--fix and --diff work on files, not on standard input$", r"--fix 和 --diff 只能用于文件，不能用于标准输入"),
    (r"^--statistics works with --format text or json$", r"--statistics 只能与 --format text 或 json 同用"),
    (r"^cannot write (?P<a>\S+): (?P<b>.*)$", r"无法写入 \g<a>：\g<b>"),
    (r"^unknown rule (?P<a>.*) \(see `gialint rules`\)$", r"未知的规则 \g<a>（见 `gialint rules`）"),
    (r"^(?P<a>[^:]+): cannot read: (?P<b>.*)$", r"\g<a>：无法读取：\g<b>"),
    # argparse's own errors
    (r"^argument (?P<a>\S+): invalid choice: (?P<b>\S+) \(choose from (?P<c>.*)\)$",
     r"参数 \g<a>：无效的取值 \g<b>（可选：\g<c>）"),
    (r"^argument (?P<a>\S+): expected one argument$", r"参数 \g<a> 后面需要一个值"),
    (r"^argument (?P<a>\S+): invalid (?P<t>\S+) value: (?P<b>.*)$", r"参数 \g<a>：无效的值 \g<b>"),
    (r"^the following arguments are required: (?P<a>.*)$", r"缺少参数：\g<a>"),
    (r"^unrecognized arguments: (?P<a>.*)$", r"无法识别的参数：\g<a>"),
    (r"^ambiguous option: (?P<a>\S+) could match (?P<b>.*)$", r"选项 \g<a> 有歧义，可能是 \g<b>"),
    (r"^one of the arguments (?P<a>.*) is required$", r"需要以下参数之一：\g<a>"),
)]


def zh_message(message: str) -> str:
    """The Chinese of an English error message, when a template knows it."""
    if ": " in message and not message.startswith(("argument ", "unknown ", "invalid ")):
        # a key path before the message (rule files): translate the message after it
        head, _, rest = message.partition(": ")
        translated = _translate(rest)
        if translated != rest:  # file:line: stays as editors and terminals read it
            return f"{head}: {translated}"
    return _translate(message)


def _translate(message: str) -> str:
    for pattern, template in _ZH:
        m = pattern.match(message)
        if m:
            return m.expand(template)
    m = re.match(r"^argument (\S+): (.*)$", message, re.S)  # a type's own message after it
    if m:
        return f"参数 {m.group(1)}：{_translate(m.group(2))}"
    m = re.match(r"^'([^']*)': (.*)$", message, re.S)  # a key's value's own message after it
    if m:
        return f"“{m.group(1)}”：{_translate(m.group(2))}"
    return message


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose usage line, section titles and errors are Chinese
    unless ``lang`` is ``en``."""

    def __init__(self, *args, lang: str = "zh", **kwargs):
        self.lang = lang
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        if lang == "zh":
            self._positionals.title = "参数"
            self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help",
                          help="显示本帮助并退出" if lang == "zh" else "show this help message and exit")

    def format_usage(self) -> str:
        text = super().format_usage()
        return text.replace("usage: ", "用法：", 1) if self.lang == "zh" else text

    def format_help(self) -> str:
        text = super().format_help()
        return text.replace("usage: ", "用法：", 1) if self.lang == "zh" else text

    def error(self, message: str):
        self.print_usage(sys.stderr)
        if self.lang == "zh":
            self.exit(EXIT_ERROR, f"{self.prog}: 错误：{_translate(message)}\n")
        self.exit(EXIT_ERROR, f"{self.prog}: error: {message}\n")
