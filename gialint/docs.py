"""Documentation generated from the code: the rules (`gialint rule`,
`gialint rules --format markdown` → docs/rules.md) and the check kinds
(docs/kinds.md).  Regenerate both after changing rules or kinds::

    python -m gialint.docs rules -o docs/rules.md
    python -m gialint.docs kinds -o docs/kinds.md

tests/test_docs.py fails while either file is out of date.
"""

from __future__ import annotations

import re

from gialint.rule import Rule

_LABELS = {
    "zh": {"category": "类别", "severity": "默认级别", "editions": "适用格式", "kind": "检查类型",
           "source": "依据", "bad": "不符合的示例", "good": "符合的示例", "params": "参数",
           "origin": "定义于", "verbose": "读取说明（仅 --verbose 显示）"},
    "en": {"category": "category", "severity": "severity", "editions": "editions", "kind": "kind",
           "source": "source", "bad": "bad example", "good": "good example", "params": "parameters",
           "origin": "defined in", "verbose": "notes on gialint's reading (--verbose only)"},
}


def _indent(text: str, pad: str = "    ") -> str:
    return "\n".join(pad + line for line in text.strip("\n").splitlines())


def _verbose(r: Rule, lang: str) -> str:
    """Which of a rule's findings are notes about gialint's reading: all, or its variants."""
    if r.verbose:
        return "全部" if lang == "zh" else "all"
    return ", ".join(sorted(r.verbose_variants))


def rule_text(r: Rule, lang: str = "zh") -> str:
    L = _LABELS[lang]
    out = [f"{r.id} {r.name}", f"  {r.text(r.summary, lang)}", ""]
    severity = {"error": "error（错误）", "warning": "warning（警告）", "info": "info（提示）"}[r.severity] \
        if lang == "zh" else r.severity
    out.append(f"  {L['category']}: {r.category}    {L['severity']}: {severity}    "
               f"{L['editions']}: {', '.join(r.editions)}    {L['kind']}: {r.kind}")
    if r.source:
        out.append(f"  {L['source']}: {r.source}")
    if _verbose(r, lang):
        out.append(f"  {L['verbose']}: {_verbose(r, lang)}")
    desc = r.text(r.description, lang).strip()
    if desc:
        out += ["", _indent(desc, "  ")]
    if r.example_bad:
        out += ["", f"  {L['bad']}:", _indent(r.example_bad)]
    if r.example_good:
        out += ["", f"  {L['good']}:", _indent(r.example_good)]
    if r.params:
        from gialint.paramdocs import param_lines

        head = "参数（名称 — 说明 — 取值）" if lang == "zh" else "parameters (name — meaning — value)"
        out += ["", f"  {head}:", *param_lines(r, lang)]
    out += ["", f"  {L['origin']}: {r.origin}"]
    return "\n".join(out) + "\n"


def rules_markdown(rules: list[Rule], lang: str = "zh") -> str:
    L = _LABELS[lang]
    out = ["# gialint rules", "",
           "Generated from `rules/*.toml` by `gialint rules --format markdown`; do not edit by hand.", "",
           "| id | name | category | severity | editions | summary |",
           "| --- | --- | --- | --- | --- | --- |"]
    for r in rules:
        out.append(f"| [{r.id}](#{r.id.lower()}) | {r.name} | {r.category} | {r.severity} | "
                   f"{', '.join(r.editions)} | {r.text(r.summary, lang)} |")
    for r in rules:
        out += ["", f"## {r.id}", "", f"**{r.name}** — {r.text(r.summary, lang)}", "",
                f"- {L['category']}: `{r.category}`", f"- {L['severity']}: `{r.severity}`",
                f"- {L['editions']}: {', '.join(r.editions)}", f"- {L['kind']}: `{r.kind}`"]
        if r.source:
            out.append(f"- {L['source']}: {_link_format(r.source)}")
        if _verbose(r, lang):
            out.append(f"- {L['verbose']}: {_verbose(r, lang)}")
        desc = r.text(r.description, lang).strip()
        if desc:
            out += ["", _link_format(desc)]
        if r.example_bad:
            out += ["", f"{L['bad']}:", "", "```text", r.example_bad.strip("\n"), "```"]
        if r.example_good:
            out += ["", f"{L['good']}:", "", "```text", r.example_good.strip("\n"), "```"]
    return "\n".join(out) + "\n"


# a rule cites the project's format notes as docs/format.md#anchor; rules.md
# sits next to format.md, so the citation becomes a relative link
FORMAT_CITATION = re.compile(r"docs/format\.md#([A-Za-z0-9_-]+)")


def _link_format(text: str) -> str:
    return FORMAT_CITATION.sub(lambda m: f"[{m.group(0)}](format.md#{m.group(1)})", text)



# -- check kinds: docs/kinds.md ----------------------------------------------

_KINDS_GUIDE = """\
# gialint check kinds

Generated from the check registry (`gialint/checks`) by
`python -m gialint.docs kinds -o docs/kinds.md`; do not edit by hand — edit
the docstrings and `Param(doc=…)` of the kinds, or the guide in
`gialint/docs.py`, and regenerate.

## How a check kind works

A **check kind** is a Python class, written once, that knows how to look for
one sort of problem. A **rule** is a `[[rule]]` table in `rules/*.toml` that
picks a kind with `kind = "…"`, gives it parameters under `[rule.params]`,
and adds what a user sees: an id (`GIA123`), a kebab-case name, a category,
a default severity, the editions it applies to, messages in Chinese and
English, a summary, a description, examples and its `source` (see
[rules.md](rules.md) and, for the format itself, [format.md](format.md)).
Many rules share one kind: most placeholder rules are `pattern` rules that
differ only in their regular expressions.

A kind (`gialint/checks/base.py`, class `Check`) declares:

* `kind` — the name rules use;
* `params` — each parameter a rule may give, as a `Param` with a type, a
  default or `required=True`, allowed `choices` and a `doc`; the loader
  (`gialint/ruleset.py`) checks every rule against them when it loads, so a
  mistake in a rule file is an error naming the file and line, never a crash
  while linting;
* `message_args` — the placeholders its messages may use (`{match}`); a
  message with any other placeholder is refused at load time;
* `variants` — extra message names a rule may fill (`variants.first.zh = …`)
  for special cases such as a related location; a rule marks a variant
  `variants.first.verbose = true` (or the whole rule `verbose = true`) when
  its findings are notes about gialint's own reading rather than about the
  report (a row it cannot split with certainty, a piece of a wrapped label):
  the engine then reports them only with `--verbose`;
* `setup()` — compiles what the parameters describe, once per run (the
  validated parameter values are in `self.values`, defaults filled in);
* `check(report, ctx)` — reads the report model (`gialint/model.py`: title,
  sections and headings, blocks, tables in `report.data`, dates) and the
  run's settings (`ctx`: organ type, deadline, language) and yields a
  `Hit` for each problem: a span of the original file, the message
  arguments, the variant, related places and, optionally, certain fixes.

The engine turns hits into findings: it fills the rule's message for the
user's language, maps the span to line and column, and applies severity,
selection, suppressions and `--verbose`. A kind never formats output.

## Adding a rule of an existing kind (TOML only)

1. Pick the kind below whose description fits and read its parameters.
2. Scaffold the rule and its fixture folder:

   ```sh
   python -m gialint.scaffold GIA509 my-new-rule --kind pattern --category placeholder
   ```

   This appends a commented `[[rule]]` entry to `rules/<category>.toml` (or
   `--file rules/x.toml`) with every parameter of the kind — required ones
   filled with the values of an existing rule of the kind, so that the entry
   loads at once, optional ones commented out with their defaults — and
   creates `tests/fixtures/rules/GIA509/` with a pass and a fail report
   (copies of `examples/report-2024.txt`) and `expected.toml`. It refuses an
   id, a name or a fixture folder that exists (exit 2). The new rule's
   fixture test fails until you make the fail report fire.
3. Fill in the entry: parameters, messages (only the kind's placeholders),
   summary, description, examples, `editions`, `severity` and `source` (an
   official document and/or a `docs/format.md#anchor`).
4. Make the fixtures real: `pass_*` reports where the rule must stay silent,
   `fail_*` reports where it must fire, and for each fail report its
   positions in `expected.toml` (`[line, column, end_line, end_column]`,
   1-based, end exclusive). Run
   `python -m pytest tests/test_rules.py -k GIA509`.
5. Regenerate the docs: `python -m gialint.docs rules -o docs/rules.md` and
   `python -m gialint.docs kinds -o docs/kinds.md` (the rule is listed under
   its kind).

Your own rules can also live outside the repository, in a file named by the
`rule-files` setting; they are validated the same way.

## Adding a new kind

1. Write a class in the `gialint/checks/` module of its subject (a new
   module must be imported in `gialint/checks/__init__.py`), decorated with
   `@register`. Its docstring is its documentation here: the first line says
   what it finds.
2. Declare `kind`, `params` (every `Param` with a `doc`), `message_args` and,
   if needed, `variants`. Parameters of type `regex` arrive compiled.
3. Implement `setup()` if something must be built once, and `check()`.
   Yield nothing when the data is missing or uncertain: a finding is a claim.
4. Add at least one rule of the new kind (`python -m gialint.scaffold …
   --kind your_kind`) with its fixtures, as above.
5. Regenerate `docs/kinds.md` and `docs/rules.md`; `tests/test_docs.py`
   checks that they are current and that every kind and parameter is
   documented.
"""

_TYPES_DOC = """\
## Parameter types

| type | in TOML |
| --- | --- |
| `str`, `int`, `bool` | a string, an integer, `true`/`false` |
| `regex` | a string holding a Python regular expression (single quotes spare the backslashes: `'\\d+'`) |
| `list[T]` | an array of T |
| `map[T]` | an inline table of T by key (the `choices` are the allowed keys) |
| `table` | an inline table with the listed fields |
| `any` | checked by the kind itself (see its description) |
"""


def _kind_description(cls) -> str:
    """The class docstring; a kind alone in its module may be described by the module's."""
    import inspect
    import sys

    doc = cls.__dict__.get("__doc__")
    if not doc:
        module = sys.modules[cls.__module__]
        from gialint.checks import REGISTRY

        alone = [c for c in REGISTRY.values() if c.__module__ == cls.__module__] == [cls]
        doc = module.__doc__ if alone else ""
    text = inspect.cleandoc(doc or "").replace("``", "`")
    text = re.sub(rf"^`{cls.kind}`:\s*", "", text)  # a module docstring names its kind first
    return text[:1].upper() + text[1:]


def _first_sentence(text: str) -> str:
    para = text.split("\n\n")[0].replace("\n", " ")
    return re.split(r"(?<=\.)\s+(?=[A-Z])", para)[0]


_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t"}


def _escape(c: str) -> str:
    if c in _ESCAPES:
        return _ESCAPES[c]
    return f"\\u{ord(c):04x}" if ord(c) < 0x20 or ord(c) == 0x7F else c


def toml_value(value) -> str:
    """``value`` as it is written in a TOML rule file."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, re.Pattern):
        value = value.pattern
    if isinstance(value, str):
        control = any(ord(c) < 0x20 or ord(c) == 0x7F for c in value)
        if not control and "'" not in value and ("\\" in value or '"' in value):
            return f"'{value}'"  # a literal string: regexes keep their backslashes
        return '"' + "".join(map(_escape, value)) + '"'
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{k if _BARE_KEY.match(k) else toml_value(k)} = {toml_value(v)}"
                                for k, v in value.items()) + " }"
    raise TypeError(f"no TOML form for {value!r}")


def _code(text: str) -> str:
    """Inline code that survives backticks in the text."""
    fence = "``" if "`" in text else "`"
    pad = " " if fence == "``" else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def param_lines(params: dict, prefix: str = "") -> list[str]:
    """One Markdown list item per parameter (fields of tables nested)."""
    out = []
    for name, spec in params.items():
        bits = [_code(spec.type)]
        if spec.required:
            bits.append("**required**")
        elif spec.default is not None:
            bits.append("default " + _code(toml_value(spec.default)))
        if spec.choices:
            bits.append("one of " + ", ".join(_code(toml_value(c)) for c in spec.choices))
        line = f"{prefix}- `{name}` — {'; '.join(bits)}."
        if spec.doc:
            doc = spec.doc[0].upper() + spec.doc[1:]
            line += " " + (doc if doc[-1] in ".!?" else doc + ".")
        out.append(line)
        if spec.fields:
            out += param_lines(spec.fields, prefix + "  ")
    return out


def kinds_markdown(registry: dict | None = None, rules: list[Rule] | None = None) -> str:
    """docs/kinds.md: the guide, then every registered kind with its parameters,
    placeholders, variants and the built-in rules that use it."""
    from gialint.checks import REGISTRY
    from gialint.findings import CATEGORIES

    registry = REGISTRY if registry is None else registry
    if rules is None:
        from gialint.ruleset import load_rules

        rules = [loaded_rule.rule for loaded_rule in load_rules()]
    by_kind: dict[str, list[Rule]] = {}
    for r in sorted(rules, key=lambda r: r.id):
        by_kind.setdefault(r.kind, []).append(r)
    out = [_KINDS_GUIDE.rstrip("\n"), "",
           "Categories: " + ", ".join(f"`{c}`" for c in CATEGORIES) + ".", "",
           _TYPES_DOC.rstrip("\n"), "", "## The kinds", "",
           "| kind | what it finds | rules |", "| --- | --- | --- |"]
    kinds = sorted(registry)
    for kind in kinds:
        first = _first_sentence(_kind_description(registry[kind]))
        first = first.replace("|", "\\|")  # inside a table row
        used = ", ".join(r.id for r in by_kind.get(kind, [])) or "—"
        out.append(f"| [`{kind}`](#{kind}) | {first} | {used} |")
    for kind in kinds:
        cls = registry[kind]
        module = cls.__module__.replace(".", "/") + ".py"
        out += ["", f'<a id="{kind}"></a>', f"### `{kind}`", "",
                _kind_description(cls) or "(undocumented)", "",
                f"Defined in `{module}` (class `{cls.__name__}`)."]
        out += ["", "Parameters:", ""]
        out += param_lines(cls.params) if cls.params else ["- none"]
        args = ", ".join(f"`{{{a}}}`" for a in cls.message_args) or "none"
        out += ["", f"Message placeholders: {args}."]
        extra = [v for v in cls.variants if v != "default"]
        if extra:
            out.append("Message variants: " + ", ".join(f"`{v}`" for v in extra) + ".")
        used = by_kind.get(kind, [])
        out += ["", "Rules: " + (", ".join(f"[{r.id}](rules.md#{r.id.lower()}) `{r.name}`"
                                            for r in used) or "none built in") + "."]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    """``python -m gialint.docs {rules,kinds} [-o FILE]``: print or write a generated page."""
    import argparse
    import sys

    ap = argparse.ArgumentParser(prog="python -m gialint.docs",
                                 description="Generate docs/rules.md or docs/kinds.md.")
    ap.add_argument("page", choices=("rules", "kinds"))
    ap.add_argument("-o", "--output", help="write to this file instead of standard output")
    args = ap.parse_args(argv)
    if args.page == "kinds":
        text = kinds_markdown()
    else:
        from gialint.ruleset import load_rules

        text = rules_markdown(sorted((loaded_rule.rule for loaded_rule in load_rules()), key=lambda r: r.id), "zh")
    if args.output:
        with open(args.output, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    else:
        sys.stdout.buffer.write(text.encode("utf-8"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
