"""Command line: arguments → run → exit code.

    gialint [OPTIONS] PATH...        lint files and directories (- reads stdin)
    gialint check [OPTIONS] PATH...  the same, spelled out
    gialint parse [--tokens] FILE    show the syntax tree gialint built
    gialint rules [--format …]       list the rules
    gialint rule ID|NAME             explain one rule

Exit codes: 0 clean (nothing at or above --fail-on), 1 findings, 2 usage,
configuration or input error.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from gialint import __version__, recache

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
SUBCOMMANDS = ("check", "parse", "rules", "rule")

_DESCRIPTION = """\
gialint — 政府信息公开工作年度报告合规检查 (compliance linter for Chinese
government information disclosure annual reports).

Lints .txt, .md, .html/.htm, .docx and .pdf reports (directories
recursively; - reads standard input; Word and PDF need gialint[docx] / [pdf])
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


class UsageError(Exception):
    pass


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


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # before the modules that compile regular expressions are imported (they are
    # imported inside the commands, so that this comes first)
    recache.install()
    try:
        return _main(argv)
    finally:
        recache.save()


def _main(argv: list[str]) -> int:
    try:
        if argv and argv[0] in SUBCOMMANDS:
            cmd, rest = argv[0], argv[1:]
            if cmd == "check":
                return run_lint(rest)
            if cmd == "parse":
                return run_parse(rest)
            if cmd == "rules":
                return run_rules(rest)
            return run_rule(rest)
        return run_lint(argv)
    except UsageError as err:
        print(f"gialint: error: {err}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # `gialint … | head`
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except Exception as err:
        # a broken rule file reached from `parse`, `rules` …: file:line, not a traceback
        from gialint.tomlpos import ConfigError

        if not isinstance(err, ConfigError):
            raise
        print(f"gialint: error: {err}", file=sys.stderr)
        return EXIT_ERROR


# -- lint ---------------------------------------------------------------


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def run_lint(argv: list[str]) -> int:
    from gialint.config import Config, check_selectors, excluded, find_config, load_config
    from gialint.findings import SEVERITY_RANK, FileResult
    from gialint.inputmessages import localize
    from gialint.ruleset import ConfigError, Options, RuleSet

    parser = _lint_parser()
    args = parser.parse_args(argv)
    if not args.paths:
        parser.print_usage(sys.stderr)
        print("gialint: error: no files to lint (give a file, a directory or -)", file=sys.stderr)
        return EXIT_ERROR
    if (args.fix or args.diff) and "-" in args.paths:
        raise UsageError("--fix and --diff work on files, not on standard input")
    options = Options(lang=args.lang, edition=args.edition, organ_type=args.organ_type,
                      select=_split(args.select) or None, ignore=_split(args.ignore),
                      encoding=args.encoding)
    if args.encoding:
        import codecs

        try:
            codecs.lookup(args.encoding)
        except LookupError:
            raise UsageError(f"unknown encoding {args.encoding!r}") from None

    rulesets: dict[Path | None, RuleSet] = {}

    def ruleset_for(path: Path) -> RuleSet:
        if args.isolated:
            cfg_path = None
        elif args.config:
            cfg_path = Path(args.config)
        else:
            cfg_path = find_config(path)
        key = cfg_path.resolve() if cfg_path else None
        if key not in rulesets:
            if cfg_path is not None and not cfg_path.is_file():
                raise ConfigError(cfg_path, None, "config file not found")
            cfg = load_config(cfg_path) if cfg_path else Config()
            rs = RuleSet(cfg, options)
            check_selectors(cfg, rs.rules + [lr.rule for lr in rs.all])
            if options.select or options.ignore:
                from gialint.config import selector_known

                ids = {lr.rule.id for lr in rs.all}
                names = {lr.rule.name for lr in rs.all}
                for v in (options.select or []) + options.ignore:
                    if not selector_known(v, ids, names):
                        raise UsageError(f"unknown rule, rule name or category {v!r}")
            rulesets[key] = rs
        return rulesets[key]

    results: list[FileResult] = []
    diffs: list[str] = []
    fixed_counts: list[int] = []
    try:
        # configuration is resolved here, in order, so a config error stops the run
        # before any work and every worker sees the same rule sets
        work = []
        for kind, path, message in _expand(args.paths, ruleset_for, excluded):
            if kind == "file":
                ruleset_for(path)
            elif kind == "stdin":
                name = args.stdin_filename or "-"
                limit = args.max_file_size or ruleset_for(_stdin_config_path(args)).config.max_file_size
                data = sys.stdin.buffer.read(limit + 1) if limit else sys.stdin.buffer.read()
                if limit and len(data) > limit:
                    from gialint.readers import too_large

                    work.append(("error", Path(name), too_large(None, limit)))
                else:
                    work.append(("data", Path(name), data))
                continue
            work.append((kind, path, message))
    except ConfigError as err:
        print(f"gialint: error: {err}", file=sys.stderr)
        return EXIT_ERROR
    for result, diff, fixed in _run(work, _Job(args, ruleset_for), _jobs(args.jobs, len(work))):
        results.append(result)
        if diff:
            diffs.append(diff)
        if fixed:
            fixed_counts.append(fixed)
    # an unreadable file or an internal error (GIA001) on one: exit 2
    had_input_error = any(r.error is not None or r.internal_errors for r in results)

    first = next(iter(rulesets.values()), None) or RuleSet(Config(), options)
    lang = args.lang or first.lang()
    for r in results:
        if r.error is not None:
            r.error = localize(r.error, lang)
    rules = _union_rules(rulesets.values()) or first.rules
    color = args.color == "always" or (
        args.color == "auto" and not args.output and sys.stdout.isatty() and "NO_COLOR" not in os.environ)

    if args.write_baseline:
        from gialint.baseline import write

        n = write(results, args.write_baseline)
        print(f"gialint: {n} findings written to {args.write_baseline}", file=sys.stderr)
        return EXIT_ERROR if had_input_error else EXIT_CLEAN
    if args.baseline:
        from gialint.baseline import BaselineError, load, split

        try:
            known = load(args.baseline)
        except BaselineError as err:
            print(f"gialint: error: {err}", file=sys.stderr)
            return EXIT_ERROR
        for r in results:
            if r.error is None:
                new, old = split(r, known)
                r.findings = new
                r.suppressed.extend((f, "external", f"baseline {args.baseline}") for f in old)
                r.baselined = True
    if args.diff:
        sys.stdout.write("".join(diffs))
        return EXIT_ERROR if had_input_error else (EXIT_FINDINGS if diffs else EXIT_CLEAN)
    if args.fix and sum(fixed_counts):
        n = sum(fixed_counts)
        note = f"已修复 {n} 个问题" if lang == "zh" else f"Fixed {n} problem{'s' if n != 1 else ''}"
        print(note, file=sys.stderr)

    from gialint.formats import render

    out = render(args.format, results, rules, lang=lang, color=color and args.format == "text",
                 version=__version__, base_dir=os.getcwd())
    if args.output:
        try:
            Path(args.output).write_text(out, encoding="utf-8")
        except OSError as err:
            print(f"gialint: error: cannot write {args.output}: {err}", file=sys.stderr)
            return EXIT_ERROR
    else:
        sys.stdout.write(out)
        sys.stdout.flush()
    for r in results:
        if r.error and args.format != "text":
            print(f"gialint: error: {r.path}: {r.error}", file=sys.stderr)

    if had_input_error:
        return EXIT_ERROR
    if args.exit_zero:
        return EXIT_CLEAN
    fail_on = args.fail_on or first.config.fail_on
    threshold = SEVERITY_RANK[fail_on]
    if any(SEVERITY_RANK[f.severity] >= threshold for r in results for f in r.findings):
        return EXIT_FINDINGS
    return EXIT_CLEAN


class _Job:
    """Lints one work item (in this process or in a worker): (result, diff, fixes applied)."""

    def __init__(self, args, ruleset_for):
        self.args = args
        self.ruleset_for = ruleset_for  # resolved rule sets travel with the job (fork)

    def __call__(self, item):
        from gialint.findings import FileResult
        from gialint.pipeline import describe_error, lint_source
        from gialint.readers import read_bytes, read_path
        from gialint.source import InputError

        kind, path, data = item
        args = self.args
        if kind == "error":  # found before linting: missing, an unreadable folder, stdin too large
            return FileResult(path=str(path), error=data), None, 0
        if kind == "data":  # standard input
            rs = self.ruleset_for(_stdin_config_path(args))
            shown = str(path)
        else:
            rs = self.ruleset_for(path)
            shown = display_path(path)
        try:
            if kind == "data":
                source = read_bytes(data, shown, args.encoding)
            else:
                source = read_path(str(path), encoding=args.encoding, display_path=shown,
                                   max_bytes=args.max_file_size or rs.config.max_file_size)
        except InputError as err:
            return FileResult(path=shown, error=err.message), None, 0
        except Exception as err:  # a reader bug must not stop the run: report it, go on
            return FileResult(path=shown, error=f"internal error while reading the file "
                                                f"({describe_error(err)})"), None, 0
        result = lint_source(source, rs)
        diff, fixed = None, 0
        if (args.fix or args.diff) and kind == "file" and source.fixable:
            result, diff, fixed = self._fix(result, source, rs)
        result.keep_needed_lines()
        return result, diff, fixed

    def _fix(self, result, source, rs):
        """--diff: the diff; --fix: write the file and lint it again."""
        from gialint.fix import fixed_text, unified_diff, write_atomically
        from gialint.pipeline import lint_source
        from gialint.readers import read_path
        from gialint.source import InputError

        after, count = fixed_text(result)
        if not count:
            return result, None, 0
        if self.args.diff:
            return result, unified_diff(result.path, result.source_text or "", after), 0
        try:
            write_atomically(source.path, after, source.encoding)
        except OSError as err:  # a read-only file or folder: say so, go on with the others
            result.error = f"--fix could not write the file: {err.strerror or err}"
            return result, None, 0
        try:
            again = read_path(result.path, encoding=self.args.encoding, display_path=result.path,
                              max_bytes=None)  # we just wrote it: the limit let it in
        except InputError:  # pragma: no cover - we just wrote it
            return result, None, count
        return lint_source(again, rs), None, count


def _jobs(requested: int | None, files: int) -> int:
    """Worker processes to use: --jobs, else one per CPU; never more than files."""
    if requested is None or requested <= 0:
        try:
            requested = len(os.sched_getaffinity(0))
        except (AttributeError, OSError):
            requested = os.cpu_count() or 1
    return max(1, min(requested, files))


_JOB = None  # the job the forked workers run (inherited, never pickled)


def _run_in_worker(item):
    return _JOB(item)


def _run(work: list, job: _Job, jobs: int):
    """Results in input order.  With several jobs, worker processes are forked
    after the rule sets are loaded, so rules and grammar load once, not per
    file or per worker."""
    import multiprocessing

    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        # without fork (Windows) the loaded rule sets cannot be shared: one process
        yield from map(job, work)
        return
    global _JOB
    _JOB = job
    from gialint.parse import parser

    parser()  # build (or load) the grammar before forking
    chunk = max(1, min(16, len(work) // (jobs * 4)))
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        yield from pool.imap(_run_in_worker, work, chunksize=chunk)


def _union_rules(rulesets) -> list:
    seen, out = set(), []
    for rs in rulesets:
        for r in rs.rules:
            if r.id not in seen:
                seen.add(r.id)
                out.append(r)
    return out


def _stdin_config_path(args) -> Path:
    """Where configuration is looked for when linting standard input."""
    return Path(args.stdin_filename) if args.stdin_filename else Path.cwd()


def _expand(paths, ruleset_for, excluded):
    """Yield ("file", Path, None), ("stdin", None, None) or ("error", Path, message), in order."""
    for raw in paths:
        if raw == "-":
            yield "stdin", None, None
            continue
        path = Path(raw)
        if path.is_dir():
            unreadable: list[tuple[Path, str]] = []
            for f in sorted(_walk(path, unreadable)):
                rs = ruleset_for(f)
                if not excluded(rs.config, f):
                    yield "file", f, None
            for folder, why in unreadable:
                yield "error", folder, f"cannot read directory: {why}"
        elif path.exists() or path.is_symlink():
            yield "file", path, None
        else:
            yield "error", path, "no such file or directory"


def _extensions() -> tuple[str, ...]:
    from gialint.readers import EXTENSIONS

    return EXTENSIONS


def _walk(root: Path, unreadable: list):
    def failed(err: OSError) -> None:  # reported, not skipped in silence
        unreadable.append((Path(err.filename), err.strerror or str(err)))

    for dirpath, dirnames, filenames in os.walk(root, onerror=failed):
        dirnames[:] = [d for d in dirnames if not d.startswith(".") and d != "__pycache__"]
        for name in filenames:
            if name.lower().endswith(_extensions()) and not name.startswith("."):
                path = Path(dirpath) / name
                # not a named pipe or a device (reading one would block the run);
                # a broken link is kept, to be reported
                if path.is_file() or not path.exists():
                    yield path


# -- parse ----------------------------------------------------------------


def run_parse(argv: list[str]) -> int:
    from gialint.config import Config
    from gialint.pipeline import analyse
    from gialint.readers import read_path
    from gialint.ruleset import Options, RuleSet
    from gialint.source import InputError

    p = argparse.ArgumentParser(prog="gialint parse",
                                description="Show the syntax tree and the report model gialint built.")
    p.add_argument("file")
    p.add_argument("--tokens", action="store_true", help="list the lexer's tokens with positions")
    p.add_argument("--tables", action="store_true",
                   help="list the table cells read: template key, value, status and position")
    p.add_argument("--dates", action="store_true",
                   help="list the dates read: position, role, value and text")
    p.add_argument("--text", action="store_true",
                   help="print the text gialint reads: an HTML, Word or PDF file's rendering, "
                        "with each line's place in the file")
    p.add_argument("--encoding")
    p.add_argument("--edition", choices=("legacy", "2019", "2021"))
    args = p.parse_args(argv)
    try:
        source = read_path(args.file, encoding=args.encoding)
    except InputError as err:
        print(f"gialint: error: {err}", file=sys.stderr)
        return EXIT_ERROR
    out = sys.stdout
    if args.text:
        out.write(_rendering(source))
        return EXIT_CLEAN
    report = analyse(source, RuleSet(Config(), Options(edition=args.edition)))
    out.write(f"# {source.path}  encoding={source.encoding}  edition={report.edition} "
              f"({report.edition_source})  report_year={report.report_year} ({report.year_source})\n")
    if report.title:
        out.write(f"# title: {report.title.text}  organ={report.title.organ}\n")
    if args.tokens:
        for tok in report.tokens:
            span = report.span_of(tok)
            loc = source.location(span.start, span.start)
            line, col = loc.line, loc.column
            extra = f" [{tok.info.table}:{tok.info.key}]" if tok.info else ""
            out.write(f"{line}:{col}\t{tok.type}\t{tok.text[:60]}{extra}\n")
        return EXIT_CLEAN
    if args.tables:
        out.write(_tables_text(report, source))
        return EXIT_CLEAN
    if args.dates:
        out.write(_dates_text(report, source))
        return EXIT_CLEAN
    out.write(_pretty(report.tree, source, report))
    return EXIT_CLEAN


def _where(source, offset: int) -> tuple[int, int]:
    loc = source.location(offset, offset)
    return loc.line, loc.column


def _rendering(source) -> str:
    """Numbered lines of the text gialint reads, with where each comes from."""
    lines = source.text.split("\n")
    if lines and lines[-1] == "":  # the text's final line end starts no line
        lines.pop()
    width = len(str(len(lines)))
    out, offset = [], 0
    for i, line in enumerate(lines, 1):
        where = ""
        if source.origin is not None:
            loc = source.location(offset, offset)
            where = loc.logical or ""
            if source.origin.original is not None:
                where = f"{loc.line}:{loc.column}" + (f" {where}" if where else "")
        out.append(f"{i:>{width}} | {line}" + (f"    [{where}]" if where else "") + "\n")
        offset += len(line) + 1
    return "".join(out)


def _tables_text(report, source) -> str:
    data = report.data
    if data is None or not (data.cells or data.issues):
        return "# no 2019/2021 statistics tables read (legacy reports have no fixed table template)\n"
    lines = [f"# tables read with editions: {', '.join(f'{t}={e}' for t, e in sorted(data.editions.items()))}"]
    lines.append("# key\tvalue\tstatus\tline:col\ttext")
    for key, cell in data.cells.items():
        line, col = _where(source, cell.span.start)
        value = "" if cell.value is None else str(cell.value)
        lines.append(f"{key}\t{value}\t{cell.status}\t{line}:{col}\t{cell.text}")
    for issue in data.issues:
        line, col = _where(source, issue.span.start)
        args = ", ".join(f"{k}={v}" for k, v in issue.args.items())
        lines.append(f"# {issue.kind} at {line}:{col}: {args}")
    return "\n".join(lines) + "\n"


def _dates_text(report, source) -> str:
    lines = ["# line:col\trole\tvalue\ttext"]
    for d in report.dates:
        line, col = _where(source, d.span.start)
        value = "-".join("?" if v is None else f"{v:02d}" for v in (d.year, d.month, d.day))
        notes = [n for n, on in (("not in the calendar", not d.exists), ("year of the range start", d.inherited),
                                 ("in 《》", d.quoted)) if on]
        lines.append(f"{line}:{col}\t{d.role}\t{value}\t{d.display}" + (f"  ({'; '.join(notes)})" if notes else ""))
    return "\n".join(lines) + "\n"


def _pretty(tree, source, report, indent: int = 0) -> str:
    from lark import Tree

    pad = "  " * indent
    lines = [f"{pad}{tree.data}"]
    for child in tree.children:
        if isinstance(child, Tree):
            lines.append(_pretty(child, source, report, indent + 1).rstrip("\n"))
        else:
            for tok in child.toks:
                span = report.span_of(tok)
                line, col = _where(source, span.start)
                text = tok.text if len(tok.text) <= 50 else tok.text[:49] + "…"
                lines.append(f"{pad}  {tok.type} {line}:{col} {text}")
    return "\n".join(lines) + "\n"


# -- rules ------------------------------------------------------------------


def _config_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", metavar="FILE", help="also list the rule files this config adds")
    p.add_argument("--isolated", action="store_true", help="built-in rules only; ignore config files")


def _all_rules(args):
    """Built-in rules plus the rule-files of the config found from the cwd, by id."""
    from gialint.config import find_config, load_config
    from gialint.ruleset import ConfigError, load_rules

    try:
        extra = []
        if not args.isolated:
            path = Path(args.config) if args.config else find_config(Path.cwd())
            if path is not None:
                extra = load_config(path).rule_files
        return sorted(load_rules(extra), key=lambda lr: lr.rule.id)
    except ConfigError as err:
        print(f"gialint: error: {err}", file=sys.stderr)
        raise SystemExit(EXIT_ERROR) from None


def run_rules(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="gialint rules", description="List the rules.")
    p.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    p.add_argument("--lang", choices=("zh", "en"), default="zh")
    _config_args(p)
    args = p.parse_args(argv)
    rules = [lr.rule for lr in _all_rules(args)]
    if args.format == "json":
        import json

        doc = [{"id": r.id, "name": r.name, "category": r.category, "severity": r.severity,
                "editions": list(r.editions), "kind": r.kind, "summary": r.text(r.summary, args.lang)}
               for r in rules]
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
        return EXIT_CLEAN
    if args.format == "markdown":
        from gialint.docs import rules_markdown

        sys.stdout.write(rules_markdown(rules, args.lang))
        return EXIT_CLEAN
    width = max(len(r.name) for r in rules)
    for r in rules:
        eds = ",".join(r.editions)
        sys.stdout.write(f"{r.id}  {r.name:<{width}}  {r.category:<13} {r.severity:<7}  "
                         f"{eds:<18} {r.text(r.summary, args.lang)}\n")
    return EXIT_CLEAN


def run_rule(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="gialint rule", description="Explain one rule.")
    p.add_argument("rule", help="rule id (GIA101) or name (missing-section)")
    p.add_argument("--lang", choices=("zh", "en"), default="zh")
    _config_args(p)
    args = p.parse_args(argv)
    for lr in _all_rules(args):
        r = lr.rule
        if args.rule.upper() == r.id or args.rule == r.name:
            from gialint.docs import rule_text

            sys.stdout.write(rule_text(r, args.lang))
            return EXIT_CLEAN
    print(f"gialint: error: unknown rule {args.rule!r} (see `gialint rules`)", file=sys.stderr)
    return EXIT_ERROR


def display_path(path: Path) -> str:
    """Relative to the working directory when below it, as users typed it otherwise."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)
