"""Line numbers of keys in a TOML file, for error messages.

``tomllib`` gives values but no positions.  This scans the text once and
maps every table header and ``key =`` line to its dotted path, counting
``[[array]]`` entries, so that an error in ``rule[3].params.patterns`` can
say ``rules/x.toml:41``.  Inline tables and multi-line values are not
descended into; their errors point at the line of the key that holds them.
"""

from __future__ import annotations

import re

from gialint.lines import LineIndex

try:  # Python 3.11+
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r'^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|\'[^\']*\')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|\'[^\']*\'))*)\s*=')
_MULTI = re.compile(r'("""|\'\'\')')


def _split(dotted: str) -> tuple[str, ...]:
    parts = re.findall(r'"([^"]*)"|\'([^\']*)\'|([A-Za-z0-9_-]+)', dotted)
    return tuple(a or b or c for a, b, c in parts)


class Positions:
    def __init__(self, text: str):
        self.lines: dict[tuple, int] = {}
        counters: dict[tuple, int] = {}
        table: tuple = ()
        in_multi = None
        for no, line in enumerate(LineIndex(text).lines(), 1):
            if in_multi:
                if line.count(in_multi) % 2 == 1:
                    in_multi = None
                continue
            m = _HEADER.match(line)
            if m:
                name = _split(m.group(2))
                if m.group(1) == "[[":
                    idx = counters.get(name, -1) + 1
                    counters[name] = idx
                    self.lines.setdefault(name, no)
                    table = name[:-1] + ((name[-1], idx),) if name else name
                else:
                    table = self._resolve(name, counters)
                self.lines.setdefault(self._flat(table), no)
                continue
            k = _KEY.match(line)
            if k:
                path = self._flat(table) + _split(k.group(1))
                self.lines.setdefault(path, no)
                rest = line[k.end():]
                q = _MULTI.search(rest)
                if q and rest.count(q.group(1)) % 2 == 1:
                    in_multi = q.group(1)

    @staticmethod
    def _resolve(name: tuple, counters: dict) -> tuple:
        # [rule.params] after [[rule]] belongs to the last rule entry
        out: list = []
        for i, part in enumerate(name):
            prefix = name[: i + 1]
            if prefix in counters:
                out.append((part, counters[prefix]))
            else:
                out.append(part)
        return tuple(out)

    @staticmethod
    def _flat(table: tuple) -> tuple:
        out: list = []
        for part in table:
            if isinstance(part, tuple):
                out.extend(part)
            else:
                out.append(part)
        return tuple(out)

    def line(self, path: tuple) -> int | None:
        """The line of ``path`` or of its nearest enclosing key/table."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return None


class ConfigError(Exception):
    """A rule or config file that cannot be used. str(err) is ``file:line: message``."""

    def __init__(self, path, line: int | None, message: str):
        self.path, self.line, self.message = str(path), line, message
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {message}")


def read_toml(path, what: str) -> tuple[dict, Positions]:
    """Read and parse a TOML file, or raise ConfigError naming file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(path, None, f"cannot read {what}: {err}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        m = re.search(r"line (\d+)", str(err))
        # "at end of document" carries no line: that is the last line
        line = int(m.group(1)) if m else max(1, LineIndex(text).line_count)
        raise ConfigError(path, line, f"invalid TOML: {err}") from None
    except RecursionError:
        raise ConfigError(path, None, "invalid TOML: arrays or tables nested too deeply") from None
    return data, Positions(text)
