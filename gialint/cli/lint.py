"""``gialint [check] [OPTIONS] PATH...``: lint files, print the report, exit 0, 1 or 2."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from gialint import __version__
from gialint.cli.common import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, fail

_DESCRIPTION = """\
gialint — 政府信息公开工作年度报告合规检查 (compliance linter for Chinese
government information disclosure annual reports).

Lints .txt, .md, .html/.htm, .docx and .pdf reports (directories
recursively; - reads standard input; Word and PDF need gialint-cn[docx] / [pdf])
against the 2019/2021 national formats and the legacy outline: required
sections, table arithmetic, dates, placeholders, web-page debris. Findings
point at line and column of the original file (Word and PDF: of the rendering
that `gialint parse --text` prints, with page/paragraph/cell as the place).

other commands:
  gialint parse FILE      show the syntax tree (for people writing rules)
  gialint rules           list the rules
  gialint rule GIA101     explain one rule, with examples
"""

_EPILOG = """\
exit codes: 0 no findings at or above --fail-on; 1 findings; 2 usage, config or input error.
configuration: gialint.toml, .gialint.toml or [tool.gialint] in pyproject.toml,
found by walking up from each linted file (see README).
"""


def _lint_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="gialint", description=_DESCRIPTION, epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or directories to lint; - for stdin")
    p.add_argument("--format", choices=("text", "json", "sarif", "github", "gitlab", "junit"),
                   default="text", help="output format (default: text); github: Actions workflow "
                   "commands, gitlab: Code Quality JSON, junit: JUnit XML")
    p.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of stdout")
    p.add_argument("--lang", choices=("zh", "en"), help="language of messages (default: zh)")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                   help="colour text output (default: auto, when stdout is a terminal)")
    p.add_argument("--no-color", action="store_const", const="never", dest="color",
                   help="same as --color never")
    p.add_argument("--config", metavar="FILE", help="use this config file for every linted file")
    p.add_argument("--isolated", action="store_true", help="ignore all configuration files")
    p.add_argument("--select", metavar="RULES", help="comma-separated rule ids, id prefixes, names or "
                   "categories to enable (replaces the config's select)")
    p.add_argument("--ignore", metavar="RULES", help="comma-separated rules to disable")
    p.add_argument("--edition", choices=("legacy", "2019", "2021"),
                   help="check against this format instead of the detected one")
    p.add_argument("--organ-type", choices=("department", "government", "other"),
                   help="the kind of organ that publishes the report (default: guessed)")
    p.add_argument("--encoding", metavar="NAME", help="decode input with this encoding "
                   "(default: BOM, then UTF-8, then GB18030)")
    p.add_argument("--max-file-size", metavar="SIZE", type=_file_size,
                   help="refuse files larger than SIZE: bytes, or like 200KB, 50MB "
                   "(default: the config's max-file-size, else 50MB)")
    p.add_argument("--stdin-filename", metavar="NAME",
                   help="the file name to report (and find configuration for) when reading -")
    p.add_argument("--fail-on", choices=("error", "warning", "info"),
                   help="lowest severity that makes the exit code 1 (default: error)")
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    p.add_argument("--write-baseline", metavar="FILE",
                   help="record today's findings in FILE (by rule and line text, not line number) "
                   "and exit 0")
    p.add_argument("--baseline", metavar="FILE",
                   help="report only findings that are not in the baseline FILE")
    p.add_argument("--fix", action="store_true",
                   help="apply the certain fixes (web-page debris lines, pinyin annotations …) to the "
                   "files, keeping encoding and line ends; then report what is left")
    p.add_argument("--diff", action="store_true",
                   help="print the changes --fix would make as a unified diff, change nothing "
                   "(exit 1 when there are changes)")
    p.add_argument("-j", "--jobs", type=int, metavar="N",
                   help="lint files in N parallel processes (default: one per CPU; "
                   "output is the same as with --jobs 1)")
    p.add_argument("--version", action="version", version=f"gialint {__version__}")
    return p


def _file_size(value: str) -> int:
    from gialint.config import parse_size

    try:
        return parse_size(value)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def run_lint(argv: list[str]) -> int:
    parser = _lint_parser()
    args = parser.parse_args(argv)
    if not args.paths:
        parser.print_usage(sys.stderr)
        return fail("no files to lint (give a file, a directory or -)")
    if (args.fix or args.diff) and "-" in args.paths:
        return fail("--fix and --diff work on files, not on standard input")
    from gialint.ruleset import Options
    from gialint.runner import Runner
    from gialint.tomlpos import ConfigError

    options = Options(lang=args.lang, edition=args.edition, organ_type=args.organ_type,
                      select=_split(args.select) or None, ignore=_split(args.ignore),
                      encoding=args.encoding)
    try:
        runner = Runner(options, config=args.config, isolated=args.isolated,
                        max_file_size=args.max_file_size, fix=args.fix, diff=args.diff,
                        # --write-baseline records every finding, whatever a baseline knew
                        baseline=None if args.write_baseline else args.baseline,
                        stdin_filename=args.stdin_filename)
        work = runner.expand(args.paths, sys.stdin.buffer if "-" in args.paths else None)
    except ConfigError as err:
        return fail(str(err))
    batch = runner.run(work, args.jobs)
    results, lang = batch.results, batch.lang

    if args.write_baseline:
        from gialint.baseline import write

        n = write(results, args.write_baseline)
        print(f"gialint: {n} findings written to {args.write_baseline}", file=sys.stderr)
        return EXIT_ERROR if batch.input_error else EXIT_CLEAN
    if args.diff:
        diffs = [d for d in batch.diffs if d]
        sys.stdout.write("".join(diffs))
        return EXIT_ERROR if batch.input_error else (EXIT_FINDINGS if diffs else EXIT_CLEAN)
    n = sum(batch.fixed)
    if args.fix and n:
        note = f"已修复 {n} 个问题" if lang == "zh" else f"Fixed {n} problem{'s' if n != 1 else ''}"
        print(note, file=sys.stderr)

    from gialint.formats import render

    color = args.color == "always" or (
        args.color == "auto" and not args.output and sys.stdout.isatty() and "NO_COLOR" not in os.environ)
    out = render(args.format, results, batch.rules, lang=lang, color=color and args.format == "text",
                 version=__version__, base_dir=os.getcwd())
    if args.output:
        try:
            Path(args.output).write_text(out, encoding="utf-8")
        except OSError as err:
            return fail(f"cannot write {args.output}: {err}")
    else:
        sys.stdout.write(out)
        sys.stdout.flush()
    for r in results:
        if r.error and args.format != "text":
            print(f"gialint: error: {r.path}: {r.error}", file=sys.stderr)
    return _exit_code(args, batch)


def _exit_code(args, batch) -> int:
    from gialint.findings import SEVERITY_RANK

    if batch.input_error:  # an unreadable file or an internal error (GIA001) on one
        return EXIT_ERROR
    if args.exit_zero:
        return EXIT_CLEAN
    threshold = SEVERITY_RANK[args.fail_on or batch.fail_on]
    if any(SEVERITY_RANK[f.severity] >= threshold for r in batch.results for f in r.findings):
        return EXIT_FINDINGS
    return EXIT_CLEAN
