"""User configuration: ``gialint.toml`` / ``.gialint.toml`` or ``[tool.gialint]``.

The nearest config walking up from a linted file applies to it; ``--config``
names one for every file; ``--isolated`` ignores them all.  Every key is
validated; a mistake is a ConfigError with the file and line of the key.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from gialint.findings import CATEGORIES, SEVERITIES
from gialint.readers import MAX_BYTES
from gialint.rule import EDITIONS
from gialint.tomlpos import ConfigError, read_toml

CONFIG_FILES = ("gialint.toml", ".gialint.toml", "pyproject.toml")
ORGAN_TYPES = ("auto", "department", "government", "other")
_MMDD = re.compile(r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(B|K|KB|KIB|M|MB|MIB|G|GB|GIB)?\s*$", re.I)
_UNITS = {"": 1, "B": 1, "K": 1024, "M": 1024 ** 2, "G": 1024 ** 3}


@dataclass
class Config:
    path: Path | None = None  # the file it came from; None = defaults
    select: list[str] = field(default_factory=lambda: ["ALL"])
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    rule_files: list[Path] = field(default_factory=list)
    edition: str = "auto"
    organ_type: str = "auto"
    deadline: str | None = None
    fail_on: str = "error"
    lang: str = "zh"
    exclude: list[str] = field(default_factory=list)
    max_file_size: int = MAX_BYTES  # bytes; larger files are an input error

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()


_KEYS = {
    "select": "list", "ignore": "list", "severity": "table", "per-file-ignores": "table",
    "rule-files": "list", "edition": "str", "organ-type": "str", "deadline": "str",
    "fail-on": "str", "lang": "str", "exclude": "list", "max-file-size": "size",
}


def load_config(path: Path) -> Config:
    data, pos = read_toml(path, "config")
    prefix: tuple = ()
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("gialint", {})
        prefix = ("tool", "gialint")
    def fail(key: tuple, message: str):
        raise ConfigError(path, pos.line(prefix + key), message)

    cfg = Config(path=path)
    for key, value in data.items():
        kind = _KEYS.get(key)
        if kind is None:
            fail((key,), f"unknown key '{key}' (known: {', '.join(sorted(_KEYS))})")
        if kind == "list" and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            fail((key,), f"'{key}' must be a list of strings")
        if kind == "str" and not isinstance(value, str):
            fail((key,), f"'{key}' must be a string")
        if kind == "table" and not isinstance(value, dict):
            fail((key,), f"'{key}' must be a table")
        if kind == "size":
            try:
                cfg.max_file_size = parse_size(value)
            except ValueError as err:
                fail((key,), f"'{key}': {err}")
    cfg.select = data.get("select", cfg.select)
    cfg.ignore = data.get("ignore", [])
    cfg.exclude = data.get("exclude", [])
    for rid, sev in data.get("severity", {}).items():
        if sev not in SEVERITIES:
            fail(("severity", rid), f"severity of {rid} must be error, warning or info, not {sev!r}")
        cfg.severity[rid] = sev
    for glob, rules in data.get("per-file-ignores", {}).items():
        if not (isinstance(rules, list) and all(isinstance(r, str) for r in rules)):
            fail(("per-file-ignores", glob), f"per-file-ignores for {glob!r} must be a list of rule ids")
        cfg.per_file_ignores[glob] = rules
    cfg.rule_files = [(path.parent / p) for p in data.get("rule-files", [])]
    for i, p in enumerate(cfg.rule_files):
        if not p.is_file():
            fail(("rule-files",), f"rule file not found: {data['rule-files'][i]}")
    for key, choices in (("edition", ("auto",) + EDITIONS), ("organ-type", ORGAN_TYPES),
                         ("fail-on", SEVERITIES), ("lang", ("zh", "en"))):
        if key in data and data[key] not in choices:
            fail((key,), f"'{key}' must be one of {', '.join(choices)}, not {data[key]!r}")
    cfg.edition = data.get("edition", "auto")
    cfg.organ_type = data.get("organ-type", "auto")
    cfg.fail_on = data.get("fail-on", "error")
    cfg.lang = data.get("lang", "zh")
    if "deadline" in data:
        if not _MMDD.match(data["deadline"]):
            fail(("deadline",), f"'deadline' must be MM-DD of the year after the report year, not {data['deadline']!r}")
        cfg.deadline = data["deadline"]
    cfg._selectors = (("select", cfg.select), ("ignore", cfg.ignore), ("severity", list(cfg.severity)),
                      *((("per-file-ignores", g), r) for g, r in cfg.per_file_ignores.items()))
    cfg._positions = pos
    cfg._prefix = prefix
    return cfg


def parse_size(value) -> int:
    """A file size: an int of bytes, or a string like "50MB", "200KB", "1.5 GB"
    (K, M, G count 1024s)."""
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise ValueError(f"must be a number of bytes or a string like \"50MB\", not {value!r}")
    if isinstance(value, int):
        n = value
    else:
        m = _SIZE.match(value)
        if not m:
            raise ValueError(f"must be a number of bytes or a size like \"50MB\" or \"200KB\", not {value!r}")
        n = int(float(m.group(1)) * _UNITS[(m.group(2) or "")[:1].upper()])
    if n <= 0:
        raise ValueError(f"must be more than 0 bytes, not {value!r}")
    return n


def check_selectors(cfg: Config, rules) -> None:
    """Every id, name, category or prefix named in the config must exist."""
    if cfg.path is None:
        return
    ids = {r.id for r in rules}
    names = {r.name for r in rules}
    for key, values in getattr(cfg, "_selectors", ()):
        keypath = key if isinstance(key, tuple) else (key,)
        for v in values:
            if not selector_known(v, ids, names):
                raise ConfigError(cfg.path, cfg._positions.line(cfg._prefix + keypath),
                                  f"unknown rule, rule name or category {v!r} in '{keypath[0]}'")


def selector_known(v: str, ids, names) -> bool:
    return v == "ALL" or v in ids or v in names or v in CATEGORIES or (
        v.startswith("GIA") and any(i.startswith(v) for i in ids))


def matches(selector: str, rule) -> bool:
    return (selector == "ALL" or selector == rule.id or selector == rule.name
            or selector == rule.category or (selector.startswith("GIA") and rule.id.startswith(selector)))


def find_config(start: Path) -> Path | None:
    """The nearest gialint.toml / .gialint.toml / pyproject.toml with [tool.gialint]."""
    directory = start if start.is_dir() else start.parent
    return _find_in(directory.resolve())


def forget_found_configs() -> None:
    """Look again from now on: a new run (of a program that lints again) sees
    config files created or removed since the last."""
    _find_in.cache_clear()


@lru_cache(maxsize=256)
def _find_in(directory: Path) -> Path | None:
    for name in CONFIG_FILES:
        candidate = directory / name
        if candidate.is_file():
            if name != "pyproject.toml" or _has_tool_section(candidate):
                return candidate
    if directory.parent == directory:
        return None
    return _find_in(directory.parent)


def _has_tool_section(path: Path) -> bool:
    try:
        return re.search(r"^\s*\[tool\.gialint[\].]", path.read_text(encoding="utf-8"), re.M) is not None
    except (OSError, UnicodeDecodeError):
        return False


def ignored_for(cfg: Config, path: str) -> list[str]:
    """Rules ignored for ``path`` by per-file-ignores (globs relative to the config)."""
    if not cfg.per_file_ignores:
        return []
    try:
        rel = Path(path).resolve().relative_to(cfg.root.resolve()).as_posix()
    except ValueError:
        rel = Path(path).as_posix()
    out: list[str] = []
    for glob, rules in cfg.per_file_ignores.items():
        if fnmatch.fnmatch(rel, glob) or fnmatch.fnmatch(Path(rel).name, glob):
            out.extend(rules)
    return out


def excluded(cfg: Config, path: Path) -> bool:
    if not cfg.exclude:
        return False
    try:
        rel = path.resolve().relative_to(cfg.root.resolve()).as_posix()
    except ValueError:
        rel = path.as_posix()
    return any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(path.name, g) for g in cfg.exclude)
