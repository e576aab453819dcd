"""Start a new rule: ``python -m gialint.scaffold GIA509 my-rule --kind pattern --category placeholder``.

Appends a commented ``[[rule]]`` entry to ``rules/<category>.toml`` (or
``--file``) that lists every parameter of the kind from the check registry —
required ones filled with the values of an existing rule of that kind, so
that the entry loads at once, optional ones commented out with their
defaults — and creates ``tests/fixtures/rules/<ID>/`` with a pass and a fail
report and ``expected.toml``, in the layout tests/test_rules.py reads.  The
new rule's fixture test fails until the fail report makes it fire where
``expected.toml`` says: fill in the TODOs, then regenerate the docs.

Run it from the repository root (or give ``--root``).  An id, a name or a
fixture folder that exists already is refused (exit 2).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from gialint.checks import REGISTRY, Check, Param
from gialint.docs import toml_value
from gialint.findings import CATEGORIES
from gialint.tomlpos import ConfigError, read_toml

_ID = re.compile(r"^GIA\d{3}$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")

# the fixtures start as a copy of the project's clean example report
_EXAMPLE = Path("examples") / "report-2024.txt"
_STUB = "TODO: a report (any format gialint reads) on which the rule must stay silent\n"


class ScaffoldError(Exception):
    """A request the scaffold refuses; the message says why."""


def _placeholder(spec: Param):
    """A value of the parameter's type, for a kind no rule uses yet."""
    t = spec.type
    if spec.choices:
        return list(spec.choices[:1]) if t.startswith("list[") else spec.choices[0]
    if t.startswith("list["):
        item = Param(t[5:-1], fields=spec.fields)
        return [_placeholder(item)]
    if t.startswith("map[") or t == "any":
        return {}
    if t == "table":
        return {k: _placeholder(f) for k, f in (spec.fields or {}).items() if f.required}
    return {"str": "TODO", "regex": "TODO", "int": 0, "bool": False}.get(t, "TODO")


def _existing(rules_dir: Path, extra: Path | None) -> tuple[dict, dict, dict]:
    """ids → file, names → file, and kind → (id, params) of the first rule of each kind."""
    ids: dict[str, str] = {}
    names: dict[str, str] = {}
    examples: dict[str, tuple[str, dict]] = {}
    files = sorted(rules_dir.glob("*.toml"))
    if extra is not None and extra.is_file() and extra.resolve() not in {f.resolve() for f in files}:
        files.append(extra)
    for path in files:
        data, _ = read_toml(path, "rule file")
        for entry in data.get("rule", []):
            if not isinstance(entry, dict):
                continue
            where = path.name
            if isinstance(entry.get("id"), str):
                ids.setdefault(entry["id"], where)
            if isinstance(entry.get("name"), str):
                names.setdefault(entry["name"], where)
            if isinstance(entry.get("kind"), str) and entry["kind"] not in examples:
                examples[entry["kind"]] = (entry.get("id", "?"), entry.get("params", {}))
    return ids, names, examples


def _comment(text: str, pad: str = "# ") -> list[str]:
    return [pad + line if line else pad.rstrip() for line in text.splitlines()]


def rule_entry(rule_id: str, name: str, cls: type[Check], category: str,
               example: tuple[str, dict] | None) -> str:
    """The commented ``[[rule]]`` TOML of a new rule of kind ``cls``."""
    first = (cls.__dict__.get("__doc__") or "").strip().splitlines()
    args = ", ".join(f"{{{a}}}" for a in cls.message_args) or "none"
    out = ["", f"# {rule_id} {name}: TODO say in one line what it finds and why it matters.",
           f"# Kind {cls.kind!r}" + (f": {first[0]}" if first else "") + " (docs/kinds.md#" + cls.kind + ")",
           "[[rule]]",
           f'id = "{rule_id}"',
           f'name = "{name}"',
           f'category = "{category}"',
           'severity = "warning"                  # error | warning | info',
           'editions = ["legacy", "2019", "2021"] # the formats it applies to',
           f'kind = "{cls.kind}"',
           'summary.zh = "TODO 一句话说明问题"',
           'summary.en = "TODO: the problem in one line"',
           f"# messages may use the placeholders of the kind: {args}",
           'message.zh = "TODO 问题的消息"',
           'message.en = "TODO: the message of a finding"']
    for variant in cls.variants:
        if variant != "default":
            out.append(f'# variants.{variant}.zh = "…"    # variants.{variant}.en = "…"')
    out += ['description.zh = "TODO 检查什么、为什么"',
            'description.en = """',
            "TODO: what the rule checks and why, for docs/rules.md.",
            '"""',
            'example.bad = "TODO 会被报告的一段文字"',
            'example.good = "TODO 不会被报告的同一段文字"',
            "# the basis: the Regulation or a national notice and its article, and/or",
            "# a section of the project's notes, e.g. docs/format.md#sections",
            'source = "TODO"']
    if cls.params:
        out += ["", "[rule.params]"]
        example_id, example_params = example or ("", {})
        for pname, spec in cls.params.items():
            doc = f"  ({spec.type}) {spec.doc}" if spec.doc else f"  ({spec.type})"
            if spec.choices:
                doc += " — one of " + ", ".join(map(str, spec.choices))
            if spec.required:
                if pname in example_params:
                    value, whence = example_params[pname], f"the value of {example_id}"
                else:
                    value, whence = _placeholder(spec), "a placeholder"
                out += _comment(f"REQUIRED — replace {whence}:{doc}")
                out.append(f"{pname} = {toml_value(value)}")
            elif pname in example_params:  # goes with the required values taken from it
                out += _comment(f"optional — {example_id} sets it:{doc}")
                out.append(f"{pname} = {toml_value(example_params[pname])}")
            else:
                out += _comment(f"optional:{doc}")
                default = spec.default if spec.default is not None else _placeholder(spec)
                out.append(f"# {pname} = {toml_value(default)}")
    return "\n".join(out) + "\n"


def _expected_toml(rule_id: str) -> str:
    return f"""\
# Expected findings of {rule_id} in each fail_* fixture of this folder:
# [line, column, end_line, end_column], 1-based, end exclusive, columns in
# code points of the original file. Optional per fixture: related, args
# (extra command-line arguments), xfail (reason: a known gialint bug).

[fail_example]
# TODO: edit fail_example.txt so that {rule_id} fires, and put its positions here
# (`gialint --isolated --select {rule_id} --format json FILE` shows them)
positions = [[1, 1, 1, 2]]
"""


def _target_file(root: Path, category: str, given: str | None) -> Path:
    if given:
        path = Path(given)
        return path if path.is_absolute() else root / path
    for stem in (category, category + "s"):  # rules/table → tables.toml, date → dates.toml
        if (root / "rules" / f"{stem}.toml").is_file():
            return root / "rules" / f"{stem}.toml"
    return root / "rules" / f"{category}.toml"


def scaffold(root: Path, rule_id: str, name: str, kind: str, category: str,
             file: str | None = None) -> tuple[Path, Path]:
    """Append the rule to its file and create its fixture folder; (rule file, folder)."""
    if not _ID.match(rule_id):
        raise ScaffoldError(f"rule id must look like GIA123, not {rule_id!r}")
    if not _NAME.match(name):
        raise ScaffoldError(f"rule name must be kebab-case (missing-section), not {name!r}")
    if kind not in REGISTRY:
        raise ScaffoldError(f"unknown check kind {kind!r} (known: {', '.join(sorted(REGISTRY))})")
    if category not in CATEGORIES:
        raise ScaffoldError(f"unknown category {category!r} (one of {', '.join(CATEGORIES)})")
    rules_dir = root / "rules"
    fixtures = root / "tests" / "fixtures" / "rules"
    if not rules_dir.is_dir() or not fixtures.is_dir():
        raise ScaffoldError(f"{root} has no rules/ and tests/fixtures/rules/: run this from the "
                            "repository root or give --root")
    target = _target_file(root, category, file)
    try:
        ids, names, examples = _existing(rules_dir, target)
    except ConfigError as err:
        raise ScaffoldError(str(err)) from None
    if rule_id in ids:
        raise ScaffoldError(f"rule id {rule_id} exists already (in {ids[rule_id]})")
    if name in names:
        raise ScaffoldError(f"rule name {name} exists already (in {names[name]})")
    folder = fixtures / rule_id
    if folder.exists():
        raise ScaffoldError(f"{folder} exists already")

    entry = rule_entry(rule_id, name, REGISTRY[kind], category, examples.get(kind))
    old = target.read_text(encoding="utf-8") if target.is_file() else ""
    if old and not old.endswith("\n"):
        old += "\n"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(old + entry if old else entry.lstrip("\n"), encoding="utf-8")

    example = root / _EXAMPLE
    report = example.read_text(encoding="utf-8") if example.is_file() else _STUB
    folder.mkdir(parents=True)
    (folder / "pass_example.txt").write_text(report, encoding="utf-8")
    (folder / "fail_example.txt").write_text(report, encoding="utf-8")
    (folder / "expected.toml").write_text(_expected_toml(rule_id), encoding="utf-8")
    return target, folder


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m gialint.scaffold",
        description="Append a new rule's TOML entry and create its fixture folder.")
    ap.add_argument("id", help="the new rule's id, GIA + 3 digits")
    ap.add_argument("name", help="the new rule's name, kebab-case")
    ap.add_argument("--kind", required=True, help="the check kind (docs/kinds.md)")
    ap.add_argument("--category", required=True, help=", ".join(CATEGORIES))
    ap.add_argument("--file", help="the rule file to append to (default: rules/<category>.toml)")
    ap.add_argument("--root", default=".", help="the repository root (default: the current folder)")
    args = ap.parse_args(argv)
    try:
        target, folder = scaffold(Path(args.root), args.id, args.name, args.kind, args.category,
                                  args.file)
    except (ScaffoldError, OSError) as err:
        print(f"gialint.scaffold: {err}", file=sys.stderr)
        return 2
    print(f"appended {args.id} {args.name} to {target}\n"
          f"created {folder}/ (pass_example.txt, fail_example.txt, expected.toml)\n"
          "next: fill in the TODOs, make fail_example.txt fire and record its positions, then\n"
          f"  python -m pytest tests/test_rules.py -k {args.id}\n"
          "  python -m gialint.docs rules -o docs/rules.md\n"
          "  python -m gialint.docs kinds -o docs/kinds.md")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
