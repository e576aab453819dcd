"""``gialint rules`` (list the rules) and ``gialint rule ID|NAME`` (explain one)."""

from __future__ import annotations

import sys
from pathlib import Path

from gialint.cli.common import EXIT_CLEAN, Parser, argv_lang, fail


def _config_args(p, zh: bool) -> None:
    p.add_argument("--config", metavar="FILE", help="同时包括这个配置文件的 rule-files 加入的规则" if zh
                   else "also list the rule files this config adds")
    p.add_argument("--isolated", action="store_true", help="只用内置规则，忽略配置文件" if zh
                   else "built-in rules only; ignore config files")
    p.add_argument("--lang", choices=("zh", "en"), default="zh",
                   help="说明的语言（默认 zh 中文；en 英文）" if zh else "language (default: zh)")


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
    lang = argv_lang(argv)
    zh = lang == "zh"
    p = Parser(prog="gialint rules", lang=lang, description="列出所有规则：编号、名称、类别、默认级别、适用格式和说明"
               if zh else "List the rules.")
    p.add_argument("--format", choices=("text", "json", "markdown"), default="text",
                   help="输出格式（默认 text）" if zh else "output format (default: text)")
    _config_args(p, zh)
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
    lang = argv_lang(argv)
    zh = lang == "zh"
    p = Parser(prog="gialint rule", lang=lang, description="解释一条规则：说明、依据、示例和参数" if zh
               else "Explain one rule.")
    p.add_argument("rule", metavar="RULE", help="规则编号（GIA101）或名称（missing-section）" if zh
                   else "rule id (GIA101) or name (missing-section)")
    _config_args(p, zh)
    args = p.parse_args(argv)
    for loaded_rule in _all_rules(args):
        r = loaded_rule.rule
        if args.rule.upper() == r.id or args.rule == r.name:
            from gialint.docs import rule_text

            sys.stdout.write(rule_text(r, args.lang))
            return EXIT_CLEAN
    return fail(f"unknown rule {args.rule!r} (see `gialint rules`)", args.lang)
