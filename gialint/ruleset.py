"""Load and validate rule files (``rules/*.toml``) into Rule objects.

Every mistake is a ``ConfigError`` naming the file, the line and the key:
unknown keys, wrong types, bad regular expressions, unknown check kinds,
message placeholders the kind does not provide, duplicate ids or names.
The shape of a ``[[rule]]`` table is declared in gialint.schema.

``RuleSet`` is the rules a configuration and the options enable, with their
severities, loaded once and reused for every file the configuration applies to.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from pathlib import Path

from gialint.checks import REGISTRY, Check, ParamError, validate_params
from gialint.config import Config
from gialint.resources import resource_dir
from gialint.rule import Rule
from gialint.schema import EDITIONS, LANGS, check_table, check_texts, rule_entry  # noqa: F401
from gialint.selector import Selector, matches
from gialint.tomlpos import ConfigError, read_toml  # noqa: F401  (ConfigError is part of this API)


@dataclass
class LoadedRule:
    rule: Rule
    check: Check


def _dotted(path: tuple) -> str:
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (("." if out else "") + str(p))
    return out


def load_rule_file(path: Path, *, user: bool = False) -> list[LoadedRule]:
    """The rules of one file; ``user``: a user's rule file, whose regexes
    run with a time limit (gialint/saferegex.py)."""
    data, pos = _read_cached(path) if path.parent == resource_dir("rules") else (None, None)
    if data is None:
        data, pos = read_toml(path, "rule file")

    def fail(keypath: tuple, message: str):
        raise ConfigError(path, pos.line(keypath), f"{_dotted(keypath)}: {message}" if keypath else message)

    unknown = set(data) - {"rule"}
    if unknown:
        fail((sorted(unknown)[0],), "unknown top-level key (rule files hold [[rule]] tables)")
    entries = data.get("rule", [])
    if not isinstance(entries, list):
        fail(("rule",), "must be an array of tables ([[rule]])")
    loaded = []
    for i, entry in enumerate(entries):
        loaded.append(_load_rule(entry, ("rule", i), fail, f"{path.name}:{pos.line(('rule', i)) or 0}",
                                 user))
    return loaded


def _text_table(value, keypath, fail, required=LANGS) -> dict[str, str]:
    return check_texts(value, keypath, fail, required)


def _load_rule(entry, kp: tuple, fail, origin: str, user: bool = False) -> LoadedRule:
    # the shape of the entry (gialint.schema); then what depends on its kind
    check_table(_rule_entry(), entry, kp, fail, wrong="each [[rule]] must be a table")
    rid, name, kind = entry["id"], entry["name"], entry["kind"]
    editions = entry["editions"]
    cls = REGISTRY[kind]
    try:
        params = validate_params(cls.params, entry.get("params", {}), (), timed=user)
    except ParamError as err:
        fail(kp + ("params",) + err.path, str(err))
    message = _text_table(entry["message"], kp + ("message",), fail)
    variants = {"default": message}
    verbose_variants = set()
    for vname, vtext in entry.get("variants", {}).items():
        if vname not in cls.variants:
            fail(kp + ("variants", vname), f"kind {kind!r} has no message variant {vname!r} "
                 f"(it has: {', '.join(cls.variants)})")
        if isinstance(vtext, dict) and vtext.get("verbose") is True:
            verbose_variants.add(vname)
        if isinstance(vtext, dict):
            vtext = {k: v for k, v in vtext.items() if k != "verbose"}
        variants[vname] = _text_table(vtext, kp + ("variants", vname), fail)
    for vname, table in variants.items():
        for lang, tmpl in table.items():
            where = kp + (("message",) if vname == "default" else ("variants", vname)) + (lang,)
            try:
                parts = [p for p in string.Formatter().parse(tmpl) if p[1] is not None]
            except ValueError as err:
                fail(where, f"bad message template: {err}")
            for _, fname, spec, conv in parts:
                if fname not in cls.message_args:
                    fail(where, f"unknown placeholder {{{fname}}} (kind {kind!r} provides: "
                         f"{', '.join(cls.message_args) or 'none'})")
                if spec or conv:
                    # values are pre-formatted text; a spec could fail while linting
                    fail(where, f"placeholder {{{fname}}} must be plain, without a format "
                         "spec or conversion")
    example = entry.get("example", {})
    description = _text_table(entry.get("description", {"zh": ""}), kp + ("description",), fail,
                              required=("zh",))
    rule = Rule(
        id=rid, name=name, category=entry["category"], severity=entry["severity"],
        editions=tuple(editions), kind=kind, params=entry.get("params", {}),
        message=message, summary=_text_table(entry["summary"], kp + ("summary",), fail),
        description=description, example_bad=example.get("bad", ""),
        example_good=example.get("good", ""), source=entry.get("source", ""), origin=origin,
        variants=variants, verbose=entry.get("verbose", False),
        verbose_variants=frozenset(verbose_variants),
    )
    try:
        check = cls(rule, params, timed=user)
    except ParamError as err:
        fail(kp + ("params",) + err.path, str(err))
    return LoadedRule(rule, check)


_ENTRY: dict = {}  # registered kinds → the declaration of a [[rule]] table


def _rule_entry() -> dict:
    """The declaration of a [[rule]] table, built again only when a kind is registered."""
    kinds = tuple(REGISTRY)
    if kinds not in _ENTRY:
        _ENTRY.clear()
        _ENTRY[kinds] = rule_entry()
    return _ENTRY[kinds]


def _read_cached(path: Path):
    """A built-in rule file, parsed, from the cache (see gialint.cache): TOML
    parsing is a tenth of a one-file run.  Keyed by the file's path, size and
    modification time; kept as marshal data (plain values: loading runs no
    code, and it loads twice as fast as JSON)."""
    from gialint import cache

    try:
        st = path.stat()
    except OSError:
        return None, None
    entry = cache.entry("rules", f"{path}\0{st.st_size}\0{st.st_mtime_ns}")
    got = cache.load(entry, _rules_from_bytes)
    if got is not None:
        return got
    got = read_toml(path, "rule file")
    cache.store(entry, got, _rules_to_bytes)
    return got


def _rules_to_bytes(got) -> bytes:
    import marshal

    data, pos = got
    # TOML values are marshal values, except dates: a file with one is not cached
    return marshal.dumps((data, pos.lines))


def _rules_from_bytes(payload: bytes):
    from gialint.cache import loads_marshal
    from gialint.tomlpos import Positions

    data, lines = loads_marshal(payload)
    if not isinstance(data, dict) or not isinstance(lines, dict):
        raise ValueError("not a parsed rule file")
    pos = Positions.__new__(Positions)  # the line table is all that Positions computes
    pos.lines = lines
    return data, pos


def builtin_rule_files() -> list[Path]:
    return sorted(resource_dir("rules").glob("*.toml"))


def load_rules(extra: list[Path] | None = None) -> list[LoadedRule]:
    """The built-in rules, then ``extra`` rule files; ids and names must be unique."""
    out: list[LoadedRule] = []
    seen_id: dict[str, str] = {}
    seen_name: dict[str, str] = {}
    files = [(p, False) for p in builtin_rule_files()] + [(p, True) for p in extra or []]
    for path, user in files:
        for loaded_rule in load_rule_file(path, user=user):
            r = loaded_rule.rule
            if r.id in seen_id:
                raise ConfigError(path, _origin_line(r.origin), f"duplicate rule id {r.id} (also in {seen_id[r.id]})")
            if r.name in seen_name:
                raise ConfigError(path, _origin_line(r.origin), f"duplicate rule name {r.name} (also in {seen_name[r.name]})")
            seen_id[r.id] = seen_name[r.name] = r.origin
            out.append(loaded_rule)
    return out


def _origin_line(origin: str) -> int | None:
    try:
        return int(origin.rsplit(":", 1)[1]) or None
    except (IndexError, ValueError):
        return None


# -- the enabled rules of one configuration -------------------------------------


@dataclass
class Options:
    """What the command line (or the library API) sets for every file."""

    lang: str | None = None
    edition: str | None = None  # --edition
    organ_type: str | None = None
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    encoding: str | None = None
    # also report the notes about gialint's own reading (rules and variants marked
    # ``verbose = true``: rows it could not split with certainty, pieces of labels …)
    verbose: bool = False
    # --organ: the organ of every report of the run (a folder of one organ's reports),
    # over the title's and the config's [[organs]] (gialint.history)
    organ: str | None = None


class RuleSet:
    """The enabled rules of one configuration, with the checks compiled."""

    def __init__(self, config: Config, options: Options):
        self.config = config
        self.options = options
        self.all: list[LoadedRule] = load_rules(config.rule_files)
        select = options.select if options.select else config.select
        ignore = list(config.ignore) + list(options.ignore)
        self.enabled: list[LoadedRule] = []
        for loaded_rule in self.all:
            r = loaded_rule.rule
            on = any(matches(s, r) for s in select) and not any(matches(s, r) for s in ignore)
            # the most specific selector wins: id or name, then prefix, then category
            for selector, sev in sorted(config.severity.items(), key=lambda kv: _specificity(kv[0], r)):
                if matches(selector, r):
                    r.severity = sev
            r.enabled = on
            if on:
                self.enabled.append(loaded_rule)

    @property
    def rules(self):
        return [loaded_rule.rule for loaded_rule in self.enabled]

    def lang(self) -> str:
        return self.options.lang or self.config.lang


def _specificity(selector: str, rule) -> int:
    # sorted ascending, applied in order: later (more specific) overrides earlier
    return Selector.of(selector).specificity(rule)
