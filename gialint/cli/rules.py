"""``gialint rules`` (list the rules) and ``gialint rule ID|NAME`` (explain one)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gialint.cli.common import EXIT_CLEAN, fail


def _config_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", metavar="FILE", help="also list the rule files this config adds")
    p.add_argument("--isolated", action="store_true", help="built-in rules only; ignore config files")


def _all_rules(args):
    """Built-in rules plus the rule-files of the config found from the cwd, by id."""
    from gialint.config import find_config, forget_found_configs, load_config
    from gialint.ruleset import load_rules

    # a ConfigError goes to main(), which prints it (file:line) and exits 2
    extra = []
    if not args.isolated:
        forget_found_configs()
        path = Path(args.config) if args.config else find_config(Path.cwd())
        if path is not None:
            extra = load_config(path).rule_files
    return sorted(load_rules(extra), key=lambda loaded_rule: loaded_rule.rule.id)


def run_rules(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="gialint rules", description="List the rules.")
    p.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    p.add_argument("--lang", choices=("zh", "en"), default="zh")
    _config_args(p)
    args = p.parse_args(argv)
    rules = [loaded_rule.rule for loaded_rule in _all_rules(args)]
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
    for loaded_rule in _all_rules(args):
        r = loaded_rule.rule
        if args.rule.upper() == r.id or args.rule == r.name:
            from gialint.docs import rule_text

            sys.stdout.write(rule_text(r, args.lang))
            return EXIT_CLEAN
    return fail(f"unknown rule {args.rule!r} (see `gialint rules`)")
