"""User configuration: ``gialint.toml`` / ``.gialint.toml`` or ``[tool.gialint]``.

The nearest config walking up from a linted file applies to it; ``--config``
names one for every file; ``--isolated`` ignores them all.  Every key is
validated against its declaration (gialint.schema.CONFIG); a mistake is a
ConfigError with the file and line of the key.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from gialint.readers import MAX_BYTES
from gialint.schema import CONFIG, ORGAN_TYPES, check_table, parse_size  # noqa: F401  (re-exported)
from gialint.selector import Selector, is_known, matches  # noqa: F401  (matches: used with configs)
from gialint.tomlpos import ConfigError, read_toml

CONFIG_FILES = ("gialint.toml", ".gialint.toml", "pyproject.toml")


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
    # [[organs]]: (name, globs) — the organ of the reports the globs match (gialint.history)
    organs: list[tuple[str, list[str]]] = field(default_factory=list)

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()


def load_config(path: Path) -> Config:
    data, pos = read_toml(path, "config")
    prefix: tuple = ()
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        data = tool.get("gialint", {}) if isinstance(tool, dict) else None
        if not isinstance(data, dict):
            raise ConfigError(path, None, "[tool.gialint] must be a table of settings")
        prefix = ("tool", "gialint")
    def fail(key: tuple, message: str):
        raise ConfigError(path, pos.line(prefix + key), message)

    check_table(CONFIG, data, (), fail)  # the shape (gialint.schema); what it names, below
    cfg = Config(path=path)
    if "max-file-size" in data:
        cfg.max_file_size = parse_size(data["max-file-size"])
    cfg.select = data.get("select", cfg.select)
    cfg.ignore = data.get("ignore", [])
    cfg.exclude = data.get("exclude", [])
    cfg.severity.update(data.get("severity", {}))
    cfg.per_file_ignores.update(data.get("per-file-ignores", {}))
    cfg.rule_files = [(path.parent / p) for p in data.get("rule-files", [])]
    for i, p in enumerate(cfg.rule_files):
        if not p.is_file():
            fail(("rule-files",), f"rule file not found: {data['rule-files'][i]}")
    cfg.edition = data.get("edition", "auto")
    cfg.organ_type = data.get("organ-type", "auto")
    cfg.fail_on = data.get("fail-on", "error")
    cfg.lang = data.get("lang", "zh")
    cfg.deadline = data.get("deadline")
    if cfg.deadline is not None and not _real_day(cfg.deadline):
        # 02-30, 04-31: no such day; 02-29 only exists in some years, a deadline is every year's
        fail(("deadline",), f"'deadline' must be a day every year has (MM-DD), not {cfg.deadline!r}")
    cfg.organs = [(o["name"].strip(), list(o["globs"])) for o in data.get("organs", [])]
    for i, (name, _globs) in enumerate(cfg.organs):
        if not name:
            fail(("organs", i, "name"), "an organ's name must not be empty")
    cfg._selectors = (("select", cfg.select), ("ignore", cfg.ignore), ("severity", list(cfg.severity)),
                      *((("per-file-ignores", g), r) for g, r in cfg.per_file_ignores.items()))
    for key, values in cfg._selectors:  # parsed once here; whether they exist: check_selectors
        keypath = key if isinstance(key, tuple) else (key,)
        for v in values:
            try:
                Selector.of(v)
            except ValueError:
                fail(keypath, _unknown_selector(v, keypath[0]))
    cfg._positions = pos
    cfg._prefix = prefix
    return cfg


def _real_day(mmdd: str) -> bool:
    import datetime

    try:
        month, day = (int(x) for x in mmdd.split("-"))
        datetime.date(2023, month, day)  # 2023: not a leap year, so 02-29 is refused
    except ValueError:
        return False
    return True


def check_selectors(cfg: Config, rules) -> None:
    """Every id, name, category or prefix named in the config must exist."""
    if cfg.path is None:
        return
    rules = list(rules)
    for key, values in getattr(cfg, "_selectors", ()):
        keypath = key if isinstance(key, tuple) else (key,)
        for v in values:
            if not is_known(v, rules):
                raise ConfigError(cfg.path, cfg._positions.line(cfg._prefix + keypath),
                                  _unknown_selector(v, keypath[0]))


def _unknown_selector(v: str, key: str) -> str:
    return f"unknown rule, rule name or category {v!r} in '{key}'"


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
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if re.search(r"^\s*\[tool\.gialint[\].]", text, re.M):
        return True
    # spelt another way (`gialint = …` under [tool], `tool.gialint = …`, a
    # quoted key): ask the TOML parser, so that a wrong value is an error, not ignored
    if not re.search(r"gialint", text):
        return False
    import tomllib

    try:
        tool = tomllib.loads(text).get("tool")
    except (tomllib.TOMLDecodeError, RecursionError):
        return False
    return isinstance(tool, dict) and "gialint" in tool


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
