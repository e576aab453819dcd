"""Command line: arguments → run → exit code.

    gialint [OPTIONS] PATH...        lint files and directories (- reads stdin)
    gialint check [OPTIONS] PATH...  the same, spelled out
    gialint parse [--tokens] FILE    show the syntax tree gialint built
    gialint rules [--format …]       list the rules
    gialint rule ID|NAME             explain one rule
    gialint tables FILE              表二/表三/表四 as grids, broken relations marked

Exit codes: 0 clean (nothing at or above --fail-on), 1 findings, 2 usage,
configuration or input error.

Each sub-command's module only parses its arguments and prints; the work is
done by the runner (gialint/runner.py) and the pipeline.  They are imported
when their command runs, so ``gialint --version`` loads no rules.
"""

from __future__ import annotations

import sys

from gialint.cli.common import EXIT_ERROR, argv_lang, fail

SUBCOMMANDS = ("check", "parse", "rules", "rule", "tables")


def _is_file(name: str) -> bool:
    from pathlib import Path

    return name != "check" and Path(name).is_file()


def main(argv: list[str] | None = None) -> int:
    if argv is None:  # the program itself (not a caller's main([...])): SIGTERM as Ctrl-C
        _terminate_as_interrupt()
    argv = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):  # a terminal that cannot show 中文 gets \uXXXX, not an error
        try:
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            pass
    # a file named like a command in the working directory (`rules`) is a file to lint;
    # `gialint check rules` is the same, and ./rules is never a command
    command = argv and argv[0] in SUBCOMMANDS and not _is_file(argv[0])
    cmd, rest = (argv[0], argv[1:]) if command else ("check", argv)
    try:
        if cmd == "check":
            from gialint.cli.lint import run_lint

            return run_lint(rest)
        if cmd == "parse":
            from gialint.cli.parse import run_parse

            return run_parse(rest)
        if cmd == "tables":
            from gialint.cli.tables import run_tables

            return run_tables(rest)
        from gialint.cli.rules import run_rule, run_rules

        return run_rules(rest) if cmd == "rules" else run_rule(rest)
    except BrokenPipeError:  # `gialint … | head`
        _quiet_stdout()
        return EXIT_ERROR
    except KeyboardInterrupt as err:  # Ctrl-C, or SIGTERM (below): one line, no traceback
        return _interrupted(err, argv_lang(argv))
    except Exception as err:  # noqa: BLE001 - never a traceback, never exit 1
        # a broken config or rule file reached from any command: file:line
        from gialint.tomlpos import ConfigError

        lang = argv_lang(argv)
        if isinstance(err, ConfigError):
            return fail(str(err), lang)
        if isinstance(err, RecursionError):
            return fail("input nested too deeply", lang)
        if isinstance(err, OSError):
            where = f"{err.filename}: " if err.filename else ""
            return fail(f"{where}{err.strerror or err}", lang)
        import os

        if os.environ.get("GIALINT_DEBUG"):
            raise
        return fail(f"internal error ({type(err).__name__}: {err}); "
                    "set GIALINT_DEBUG=1 to see where, and please report it", argv_lang(argv))


_TERMINATED: list[int] = []  # the SIGTERM that ended this run, if one did


def _terminate_as_interrupt() -> None:
    """SIGTERM ends the run as Ctrl-C does: workers stopped, a file being
    rewritten by --fix left whole, one line said (exit 143)."""
    import signal

    def on_term(signum, frame):
        _TERMINATED.append(signum)
        raise KeyboardInterrupt

    try:
        signal.signal(signal.SIGTERM, on_term)
    except (ValueError, OSError):  # not the main thread
        pass


def _interrupted(err: KeyboardInterrupt, lang: str) -> int:
    """One line for an interrupted run (what was done, what --fix changed); 130, or
    143 for SIGTERM."""
    import signal

    from gialint.workers import Interrupted

    zh = lang == "zh"
    text = "已中断" if zh else "interrupted"
    if isinstance(err, Interrupted):
        text += (f"：已检查 {err.done} / {err.total} 个文件" if zh
                 else f": {err.done} of {err.total} files linted")
        if err.changed is not None:
            text += (f"，--fix 已修改 {err.changed} 个文件（其余文件未改动）" if zh
                     else f"; --fix changed {err.changed} files (the others are unchanged)")
    print(f"gialint: {text}", file=sys.stderr)
    return 128 + (signal.SIGTERM if _TERMINATED else signal.SIGINT)


def _quiet_stdout() -> None:
    """After a broken pipe: point standard output at /dev/null, so that Python's
    own flush at exit does not print a second error."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, AttributeError, ValueError):
        pass
