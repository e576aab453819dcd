"""``gialint [check] [OPTIONS] PATH...``: lint files, print the report, exit 0, 1 or 2."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from gialint import __version__
from gialint.cli.common import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, Parser, argv_lang, fail
from gialint.formats._common import visible

_DESCRIPTION = """\
gialint — 政府信息公开工作年度报告合规检查（compliance linter for Chinese
government information disclosure annual reports; messages in English with --lang en）

检查 .txt、.md、.html/.htm/.shtml、.docx 和 .pdf 格式的报告（给出文件夹时检查
其中所有这些文件；- 表示从标准输入读取；Word 和 PDF 需要安装 gialint-cn[docx] /
[pdf]），对照 2019/2021 年格式和旧版提纲：必备章节、表格勾稽关系、日期、占位符、
网页残留等。问题指向原文件的行和列（Word 和 PDF 指向 `gialint parse --text`
显示的文本，并给出页、段落或表格单元格）。

文件夹中无法读取的文件（.doc、.wps、.ofd、.mht、.xls 等）和没有文字层的扫描版
PDF 会列为“未检查”，并说明原因和处理办法；最后一行汇总找到、检查、未检查的文件
数和各级别问题数。一个文件也没有检查时退出码为 2。

默认只报告报告本身的问题；gialint 关于自身读取情况的说明（读取说明：无法确定
拆分方式的粘连数字、折行行名的片段、写在分组标签上的小计等）加 -v/--verbose
才显示，也可用 gialint parse --tables 查看。

其他命令：
  gialint parse FILE      显示语法树（供编写规则的人使用）
  gialint rules           列出所有规则
  gialint rule GIA101     解释一条规则，附示例
  gialint tables FILE     以表格显示报告的表二、表三、表四，标出与勾稽关系不符的格子
"""

_DESCRIPTION_EN = """\
gialint — compliance linter for Chinese government information disclosure annual
reports (政府信息公开工作年度报告)

Lints reports in .txt, .md, .html/.htm/.shtml, .docx and .pdf (every such file of a
folder; - reads standard input; Word and PDF need gialint-cn[docx] / [pdf]) against the
2019/2021 formats and the legacy outline: required sections, the tables' sums, dates,
placeholders, web-page debris and more. Findings point at the line and column of the
original file (for Word and PDF, of the text `gialint parse --text` shows, with the
page, paragraph or table cell).

Files of a folder that cannot be read (.doc, .wps, .ofd, .mht, .xls …) and scanned PDFs
without a text layer are listed as not checked, with the reason and what to do; the last
line counts the files found, checked and not checked and the findings of each severity.
When no file at all was checked, the exit code is 2.

By default only the report's own problems are reported; gialint's notes on its own
reading (glued digits with several splits, fragments of wrapped row labels, subtotals
written on group labels …) are shown with -v/--verbose, or with gialint parse --tables.

Other commands:
  gialint parse FILE      show the syntax tree (for rule writers)
  gialint rules           list every rule
  gialint rule GIA101     explain one rule, with examples
  gialint tables FILE     show the report's 表二, 表三 and 表四 as grids, marking the
                          cells that break a relation
"""

_EPILOG_EN = """\
Exit codes: 0 nothing at or above --fail-on; 1 such findings; 2 a usage, configuration
or input error, or no file checked at all (0 when the configuration's exclude left
every file out); 130 interrupted by Ctrl-C (143 by SIGTERM). Configuration: gialint.toml, .gialint.toml or [tool.gialint] in
pyproject.toml, looked for from each linted file's folder upwards (see the README).
"""

_EPILOG = """\
退出码：0 没有达到 --fail-on 级别的问题；1 有这样的问题；2 用法、配置或输入错误，
或者一个文件也没有检查（全部文件都被配置的 exclude 排除时为 0）；130 被 Ctrl-C 中断
（SIGTERM 为 143）。配置文件：gialint.toml、.gialint.toml 或 pyproject.toml 中的 [tool.gialint]，
从每个被检查的文件所在目录向上查找（详见 README）。
"""


def _lint_parser(lang: str = "zh") -> argparse.ArgumentParser:
    def h(zh: str, en: str) -> str:  # the help in the language of the run
        return en if lang == "en" else zh

    p = Parser(prog="gialint", description=h(_DESCRIPTION, _DESCRIPTION_EN), epilog=h(_EPILOG, _EPILOG_EN),
               lang=lang)
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help=h("要检查的文件或文件夹；- 表示标准输入", "files or folders to lint; - reads standard input"))
    p.add_argument("--format", choices=("text", "json", "sarif", "github", "gitlab", "junit", "html", "csv",
                                        "xlsx"),
                   default="text", help=h(
                       "输出格式（默认 text）；github：GitHub Actions 注释，"
                       "gitlab：Code Quality JSON，junit：JUnit XML，html：供审阅人阅读和打印的报告页面"
                       "（单个文件，含概览），csv：问题清单（UTF-8 带 BOM，可用 Excel、WPS 打开），"
                       "xlsx：问题清单工作簿（需要 gialint-cn[report]，须与 -o 同用）",
                       "output format (default text); github: GitHub Actions annotations, gitlab: Code "
                       "Quality JSON, junit: JUnit XML, html: a page for reviewers to read and print (one "
                       "file, with an overview), csv: the findings (UTF-8 with a BOM, for Excel and WPS), "
                       "xlsx: a workbook of the findings (needs gialint-cn[report] and -o)"))
    p.add_argument("-o", "--output", metavar="FILE",
                   help=h("把结果写入 FILE，而不是标准输出", "write the results to FILE instead of standard output"))
    p.add_argument("--lang", choices=("zh", "en"),
                   help=h("问题说明的语言（默认 zh 中文；en 英文）",
                          "language of messages and help (default zh, Chinese; en, English)"))
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                   help=h("文本输出是否着色（默认 auto：输出到终端时着色）",
                          "colour the text output (default auto: when writing to a terminal)"))
    p.add_argument("--no-color", action="store_const", const="never", dest="color",
                   help=h("等同于 --color never", "the same as --color never"))
    p.add_argument("-q", "--quiet", action="store_true",
                   help=h("只输出问题（以及无法读取、未检查的文件），不输出最后的汇总行",
                          "print the findings (and the files not read or not checked) without the summary line"))
    p.add_argument("--statistics", action="store_true",
                   help=h("按规则统计问题个数（每条规则一行），代替逐条列出；适用于 text 和 json 格式",
                          "count the findings per rule (one line a rule) instead of listing them; "
                          "text and json formats"))
    p.add_argument("--show-files", action="store_true",
                   help=h("只列出将要检查的文件（以及将列为未检查的文件），不做检查",
                          "list the files that would be linted (and those that would not be checked), "
                          "without linting"))
    p.add_argument("--show-fixes", action="store_true",
                   help=h("在每个可以自动修复（标有 [*]）的问题下显示 --fix 会做的修改；"
                          "与 --fix 同用时列出已修复的问题",
                          "show under each fixable finding (marked [*]) what --fix would change; "
                          "with --fix, list the findings fixed"))
    p.add_argument("--min-severity", choices=("error", "warning", "info"),
                   help=h("只显示不低于此级别的问题（退出码仍按 --fail-on 计算）",
                          "show only findings of this severity or above (the exit code still follows --fail-on)"))
    p.add_argument("--config", metavar="FILE",
                   help=h("对所有文件使用这个配置文件", "use this configuration file for every file"))
    p.add_argument("--isolated", action="store_true",
                   help=h("忽略所有配置文件", "ignore every configuration file"))
    p.add_argument("--force-exclude", action="store_true",
                   help=h("配置中的 exclude 也用于命令行上直接给出的文件（pre-commit 钩子使用此选项）",
                          "apply the configuration's exclude to files named on the command line too "
                          "(the pre-commit hook uses it)"))
    p.add_argument("--select", metavar="RULES",
                   help=h("启用的规则：逗号分隔的规则编号、编号前缀、规则名称或类别（代替配置中的 select）",
                          "rules to enable: comma-separated ids, id prefixes, rule names or categories "
                          "(instead of the configuration's select)"))
    p.add_argument("--ignore", metavar="RULES",
                   help=h("停用的规则，逗号分隔（加在配置的 ignore 之上）",
                          "rules to disable, comma-separated (added to the configuration's ignore)"))
    p.add_argument("--edition", choices=("legacy", "2019", "2021"),
                   help=h("按此版本的格式检查，而不是自动识别的版本",
                          "check against this edition of the format instead of the one recognised"))
    p.add_argument("--organ-type", choices=("department", "government", "other"),
                   help=h("发布报告的机关类型（默认自动推断）",
                          "the kind of organ that publishes the report (default: inferred)"))
    p.add_argument("--organ", metavar="NAME",
                   help=h("所有报告都属于机关 NAME（一个机关的文件夹）：按年度逐年比较，不看标题中的机关名",
                          "every report is of the organ NAME (a folder of one organ): compared year by "
                          "year whatever the titles say"))
    p.add_argument("--history", metavar="DIR", action="append", default=[],
                   help=h("往年报告所在的文件夹（或文件）：只用于跨年度比较，本身不报告问题；可多次给出",
                          "a folder (or file) of earlier reports, read only to compare with; never "
                          "reported on; may be given several times"))
    p.add_argument("--encoding", metavar="NAME", type=_text_encoding,
                   help=h("按此编码读取文件（默认：字节顺序标记，然后 UTF-8，然后 GB18030）",
                          "read files in this encoding (default: the byte order mark, then UTF-8, then GB18030)"))
    p.add_argument("--max-file-size", metavar="SIZE", type=_file_size,
                   help=h("拒绝大于 SIZE 的文件：字节数，或 200KB、50MB 这样的写法"
                          "（默认：配置的 max-file-size，否则 50MB）",
                          "refuse files larger than SIZE: bytes, or 200KB, 50MB "
                          "(default: the configuration's max-file-size, else 50MB)"))
    p.add_argument("--stdin-filename", metavar="NAME",
                   help=h("从标准输入（-）读取时报告的文件名，也用来查找配置",
                          "the file name to report when reading standard input (-), also used to find "
                          "the configuration"))
    p.add_argument("--fail-on", choices=("error", "warning", "info"),
                   help=h("使退出码为 1 的最低问题级别（默认 error）",
                          "the lowest severity that makes the exit code 1 (default error)"))
    p.add_argument("--exit-zero", action="store_true",
                   help=h("有问题时也以 0 退出", "exit 0 even when there are findings"))
    p.add_argument("-v", "--verbose", action="store_true",
                   help=h("同时显示读取说明（gialint 关于自身读取情况的说明，如粘连数字有多种拆分方式、"
                          "折行行名的片段）",
                          "also show reader notes (gialint's notes on its own reading, such as glued "
                          "digits with several possible splits, fragments of wrapped row labels)"))
    p.add_argument("--write-baseline", metavar="FILE",
                   help=h("把现有的问题记入基线文件 FILE（按规则和该行文字，不按行号），以 0 退出",
                          "record the current findings in the baseline FILE (by rule and line text, not "
                          "line number) and exit 0"))
    p.add_argument("--baseline", metavar="FILE",
                   help=h("只报告基线文件 FILE 中没有的问题", "report only findings not in the baseline FILE"))
    p.add_argument("--fix", action="store_true",
                   help=h("对文件做确定无误的修复（网页残留行、拼音注音等，标有 [*]），"
                          "保持编码和换行符不变；然后报告剩下的问题",
                          "apply the certain fixes (web-page debris lines, pinyin, … marked [*]) to the "
                          "files, keeping their encoding and line ends; then report what is left"))
    p.add_argument("--diff", action="store_true",
                   help=h("以统一差异格式显示 --fix 会做的修改，不改动文件（有修改时退出码为 1）",
                          "show what --fix would change as a unified diff, without changing the files "
                          "(exit 1 when there are changes)"))
    p.add_argument("--dask", metavar="ADDRESS",
                   help=h("在 Dask 集群上检查（需要 gialint-cn[dask]）：调度器地址（tcp://主机:8786），"
                          "或 local（本机起 --jobs 个工作进程）；输出与本机检查相同。路径也可以是 fsspec 网址"
                          "（s3://…、http://…）",
                          "lint on a Dask cluster (needs gialint-cn[dask]): the scheduler's address "
                          "(tcp://host:8786), or local (--jobs worker processes here); the output is as "
                          "a local run's. Paths may also be fsspec URLs (s3://…, http://…)"))
    p.add_argument("-j", "--jobs", type=_positive, metavar="N",
                   help=h("用 N 个进程并行检查（默认每个 CPU 一个；输出与 --jobs 1 相同）",
                          "lint with N processes (default one per CPU; the output is as with --jobs 1)"))
    p.add_argument("--version", action="version", version=f"gialint {__version__}",
                   help=h("显示版本号并退出", "show the version and exit"))
    return p


def _file_size(value: str) -> int:
    from gialint.config import parse_size

    try:
        return parse_size(value)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be a positive number, not {value!r}")
    return n


def _text_encoding(value: str) -> str:
    """A codec that turns bytes into text (not base64, rot13, zlib …)."""
    import codecs

    try:
        info = codecs.lookup(value)
    except (LookupError, ValueError):
        raise argparse.ArgumentTypeError(f"unknown encoding '{value}'") from None
    if not getattr(info, "_is_text_encoding", True):
        raise argparse.ArgumentTypeError(f"'{value}' is not a text encoding") from None
    return value


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def run_lint(argv: list[str]) -> int:
    parser = _lint_parser(argv_lang(argv))
    args = parser.parse_args(argv)
    ui = args.lang or "zh"  # the language of error lines before a configuration is read
    if not args.paths:
        parser.print_usage(sys.stderr)
        return fail("no files to lint (give a file, a directory or -)", ui)
    if (args.fix or args.diff) and "-" in args.paths:
        return fail("--fix and --diff work on files, not on standard input", ui)
    if args.statistics and args.format not in ("text", "json"):
        return fail("--statistics works with --format text or json", ui)
    if args.format == "xlsx" and not args.output and sys.stdout.isatty():
        return fail("--format xlsx writes a workbook: give -o FILE.xlsx", ui)
    from gialint.ruleset import Options
    from gialint.runner import Runner
    from gialint.tomlpos import ConfigError

    options = Options(lang=args.lang, edition=args.edition, organ_type=args.organ_type,
                      select=_split(args.select) or None, ignore=_split(args.ignore),
                      encoding=args.encoding, verbose=args.verbose, organ=args.organ)
    try:
        runner = Runner(options, config=args.config, isolated=args.isolated,
                        max_file_size=args.max_file_size, fix=args.fix, diff=args.diff,
                        # --write-baseline records every finding, whatever a baseline knew
                        baseline=None if args.write_baseline else args.baseline,
                        stdin_filename=args.stdin_filename, force_exclude=args.force_exclude,
                        keep_text=args.format == "html", history=args.history)
        work = runner.expand(args.paths, sys.stdin.buffer if "-" in args.paths else None)
    except ConfigError as err:
        return fail(str(err), ui)
    if args.show_files:
        return _show_files(work, runner)
    client = None
    if args.dask:
        from gialint.cluster import client_for

        try:
            client = client_for(args.dask, args.jobs)
        except ImportError as err:
            return fail(str(err), ui)
        except (OSError, TimeoutError) as err:  # no scheduler at that address
            return fail(f"--dask {args.dask}: {err}", ui)
    from gialint.cli import progress

    try:
        if progress.wanted(work, quiet=args.quiet):
            lang = runner.options.lang or runner.first_ruleset().lang()
            with progress.bar(len(work), lang=lang) as advance:
                batch = runner.run(work, args.jobs, progress=advance, client=client)
        else:
            batch = runner.run(work, args.jobs, client=client)
    finally:
        if client is not None:
            client.close()
            if args.dask == "local":
                client.cluster.close()
    results, lang = batch.results, batch.lang

    if args.write_baseline:
        from gialint.baseline import write

        try:
            n = write(results, args.write_baseline)
        except OSError as err:
            return fail(f"cannot write baseline {args.write_baseline}: {err.strerror or err}", lang)
        print(f"gialint: 已将 {n} 个问题记入基线文件 {args.write_baseline}" if lang == "zh" else
              f"gialint: {n} findings written to {args.write_baseline}", file=sys.stderr)
        return EXIT_ERROR if batch.input_error else EXIT_CLEAN
    if args.diff:
        diffs = [d for d in batch.diffs if d]
        sys.stdout.write("".join(diffs))
        return EXIT_ERROR if batch.input_error else (EXIT_FINDINGS if diffs else EXIT_CLEAN)
    n = sum(batch.fixed)
    if args.fix and n and not args.quiet:
        note = f"已修复 {n} 个问题" if lang == "zh" else f"Fixed {n} problem{'s' if n != 1 else ''}"
        if args.show_fixes:
            note += "：" if lang == "zh" else ":"
            for r in results:
                for rule, count in r.fixed_rules.items():
                    note += f"\n  {visible(r.path)}: {rule} ×{count}"
        print(note, file=sys.stderr)

    shown, hidden = _at_least(results, args.min_severity)
    if args.statistics and args.format == "json":
        out = _statistics_json(shown)
    elif args.format == "xlsx":
        from gialint.formats import render_bytes

        try:
            out = render_bytes("xlsx", shown, batch.rules, version=__version__)
        except ImportError:
            return fail("--format xlsx needs openpyxl: pip install 'gialint-cn[report]'", lang)
    else:
        from gialint.formats import render

        color = args.color == "always" or (
            args.color == "auto" and not args.output and sys.stdout is not None and sys.stdout.isatty() and "NO_COLOR" not in os.environ)
        out = render(args.format, shown, batch.rules, lang=lang, color=color and args.format == "text",
                     version=__version__, base_dir=os.getcwd(),
                     text_options={"excluded": batch.excluded, "hidden": hidden,
                                   "min_severity": args.min_severity, "quiet": args.quiet,
                                   "show_statistics": args.statistics, "show_fixes": args.show_fixes})
    if args.output:
        try:
            if isinstance(out, bytes):
                Path(args.output).write_bytes(out)
            else:  # csv: its CRLF line ends as they are (no newline translation)
                Path(args.output).write_text(out, encoding="utf-8",
                                             newline="" if args.format == "csv" else None)
        except OSError as err:
            return fail(f"cannot write {args.output}: {err}", lang)
    elif isinstance(out, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(out)
        sys.stdout.buffer.flush()
    else:
        if sys.stdout is None:
            return fail("standard output is closed; give --output FILE")
        sys.stdout.write(out)
        sys.stdout.flush()
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if args.format == "github" and summary_file:
        from gialint.formats.github import step_summary

        try:
            with open(summary_file, "a", encoding="utf-8") as fh:
                fh.write(step_summary(shown, lang=lang))
        except OSError as err:
            print(f"gialint: cannot write GITHUB_STEP_SUMMARY {summary_file}: {err}", file=sys.stderr)
    for r in results:
        if r.error and args.format != "text":
            kind = ("未检查" if lang == "zh" else "not checked") if r.skipped else \
                ("错误" if lang == "zh" else "error")
            print(visible(f"gialint: {kind}: {r.path}: {r.error}"), file=sys.stderr)
    if args.format != "text" and batch.nothing_checked:
        print("gialint: 未检查任何文件" if lang == "zh" else "gialint: no file was checked",
              file=sys.stderr)
    return _exit_code(args, batch)


def _at_least(results, severity: str | None):
    """The results with only the findings at or above ``severity`` (copies; the
    exit code is still computed from every finding), and how many were left out."""
    if severity is None:
        return results, 0
    import dataclasses

    from gialint.findings import SEVERITY_RANK

    floor = SEVERITY_RANK[severity]
    shown, hidden = [], 0
    for r in results:
        kept = [f for f in r.findings if SEVERITY_RANK[f.severity] >= floor]
        hidden += len(r.findings) - len(kept)
        shown.append(r if len(kept) == len(r.findings) else dataclasses.replace(r, findings=kept))
    return shown, hidden


def _statistics_json(results) -> str:
    import json

    from gialint.formats.text import statistics_rows

    return json.dumps(statistics_rows(results), ensure_ascii=False, indent=2) + "\n"


def _show_files(work, runner) -> int:
    """--show-files: the files a run would check, one a line; the files it would list
    as not checked, and those it cannot find, on standard error.  Nothing is read."""
    from gialint.inputmessages import message
    from gialint.runner import display_path

    lang = runner.options.lang or runner.first_ruleset().lang()
    label = "未检查" if lang == "zh" else "not checked"
    error = False
    for kind, path, data in work:
        if kind == "file":
            print(visible(display_path(path)))
        elif kind == "data":
            print(visible(str(path)))
        elif kind == "skip":
            print(visible(f"gialint: {label}: {display_path(path)}: {message(*data, lang)}"), file=sys.stderr)
        else:
            error = True
            print(visible(f"gialint: {'错误' if lang == 'zh' else 'error'}: {path}: {message(*data, lang)}"),
                  file=sys.stderr)
    return EXIT_ERROR if error else EXIT_CLEAN


def _exit_code(args, batch) -> int:
    from gialint.findings import SEVERITY_RANK

    if batch.input_error:  # an unreadable file or an internal error (GIA001) on one
        return EXIT_ERROR
    if batch.nothing_checked:  # never "no problems" about reports nobody read
        return EXIT_ERROR
    if args.exit_zero:
        return EXIT_CLEAN
    threshold = SEVERITY_RANK[args.fail_on or batch.fail_on]
    if any(SEVERITY_RANK[f.severity] >= threshold for r in batch.results for f in r.findings):
        return EXIT_FINDINGS
    return EXIT_CLEAN
