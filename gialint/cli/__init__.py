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
    argv = list(sys.argv[1:] if argv is None else argv)
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
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except Exception as err:
        # a broken config or rule file reached from any command: file:line, not a traceback
        from gialint.tomlpos import ConfigError

        if not isinstance(err, ConfigError):
            raise
        return fail(str(err), argv_lang(argv))
