"""The shapes of the configuration and of rule files, declared once.

``CONFIG`` (``gialint.toml`` / ``.gialint.toml`` / ``[tool.gialint]``) and
``rule_entry()`` (a ``[[rule]]`` table of ``rules/*.toml``) are tables of
:class:`Field`.  :func:`check_table` validates data against them, calling
``fail(keypath, message)`` on the first mistake (config.py and ruleset.py
turn that into a ``file:line`` error); :func:`json_schema` turns the same
declarations, and the ``params`` of every check kind (``Param`` in
gialint/checks/base.py), into a JSON Schema for editors (docs/schemas/).

What needs more than the shape — a selector naming a rule, a rule file that
exists, message placeholders a kind provides, a regex that compiles — is
checked by the loaders after the shape.

    python -m gialint.schema          # rewrite docs/schemas/*.schema.json
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gialint.findings import CATEGORIES, SEVERITIES
from gialint.rule import EDITIONS

LANGS = ("zh", "en")
ORGAN_TYPES = ("auto", "department", "government", "other")
UNKNOWN_KEY = "unknown key '{key}' (known: {known})"

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(B|K|KB|KIB|M|MB|MIB|G|GB|GIB)?\s*$", re.I)
_UNITS = {"": 1, "B": 1, "K": 1024, "M": 1024 ** 2, "G": 1024 ** 3}


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
    if n > MAX_SIZE:  # a report is a few MB; this many would take minutes and gigabytes
        raise ValueError(f"must be at most 1GB, not {value!r}")
    return n


MAX_SIZE = 1 << 30  # the largest max-file-size accepted


@dataclass(frozen=True)
class Field:
    """One key of a table.

    ``type``: "str", "bool", "list" (of ``item``), "map" (any keys, values
    ``item``), "table" (the keys ``fields``), "texts" (a string, or a table of
    texts by language, ``langs`` required), "message" (texts, and ``verbose``:
    a note about gialint's own reading), "size" (``parse_size``) or "any"
    (checked elsewhere).  Messages are templates with ``{key}`` (the last key of the
    path), ``{value!r}``, ``{choices}`` and ``{error}`` (of ``convert``).
    """

    type: str
    doc: str = ""
    required: bool = False
    choices: tuple = ()
    pattern: str | None = None  # a str must match it
    nonempty: bool = False  # a list must have an item
    item: Field | None = None
    fields: dict[str, Field] | None = None
    langs: tuple[str, ...] = LANGS
    wrong: str = "must be {a}"  # the value has the wrong type (or a wrong item)
    bad: str = "must be one of {choices}, not {value!r}"  # not one of choices / pattern
    unknown: str | None = None  # a table's unknown key; None: UNKNOWN_KEY at the key
    json: dict | None = None  # extra JSON Schema (e.g. a kind's params)


_A = {"bool": "true or false", "str": "a string", "list": "a list", "map": "a table", "table": "a table", "int": "an integer"}


def _fmt(template: str, path: tuple, value: Any = None, **extra) -> str:
    key = path[-1] if path else ""
    return template.format(key=key, value=value, a=extra.pop("a", ""), **extra)


def check_table(fields: dict[str, Field], data, path: tuple, fail: Callable, *,
                wrong: str = "must be a table", unknown: str | None = None) -> None:
    """``data`` has the ``fields``: no other key, every required one, each of its shape."""
    if not isinstance(data, dict):
        fail(path, _fmt(wrong, path, data, a="a table"))
    for key in data:
        if key not in fields:
            if unknown is not None:
                fail(path, _fmt(unknown, path, data))
            fail(path + (key,), UNKNOWN_KEY.format(key=key, known=", ".join(sorted(fields))))
    for key, spec in fields.items():
        if spec.required and key not in data:
            fail(path, f"missing required key '{key}'")
    for key, value in data.items():
        check_value(fields[key], value, path + (key,), fail)


def check_value(spec: Field, value, path: tuple, fail: Callable) -> None:
    t = spec.type
    wrong = _fmt(spec.wrong, path, value, a=_A.get(t, t), choices=", ".join(map(str, spec.choices)))
    if t == "any":
        return
    if t == "bool":
        if not isinstance(value, bool):
            fail(path, wrong)
    elif t == "message":
        if isinstance(value, dict) and "verbose" in value:
            if not isinstance(value["verbose"], bool):
                fail(path + ("verbose",), "'verbose' must be true or false")
            value = {k: v for k, v in value.items() if k != "verbose"}
        check_texts(value, path, fail, spec.langs)
    elif t == "str":
        if not isinstance(value, str):
            fail(path, wrong)
        if (spec.choices and value not in spec.choices) or (
                spec.pattern and not re.match(spec.pattern, value)):
            fail(path, _fmt(spec.bad, path, value, choices=", ".join(map(str, spec.choices))))
    elif t == "list":
        if not isinstance(value, list) or (spec.nonempty and not value):
            fail(path, wrong)
        for i, v in enumerate(value):
            if spec.item.type == "str" and (not isinstance(v, str) or (
                    spec.item.choices and v not in spec.item.choices)):
                fail(path, wrong)  # the list's message names what its items must be
            check_value(spec.item, v, path + (i,), fail)
    elif t == "map":
        if not isinstance(value, dict):
            fail(path, wrong)
        for k, v in value.items():
            check_value(spec.item, v, path + (k,), fail)
    elif t == "table":
        check_table(spec.fields or {}, value, path, fail, wrong=spec.wrong, unknown=spec.unknown)
    elif t == "texts":
        check_texts(value, path, fail, spec.langs)
    elif t == "size":
        try:
            parse_size(value)
        except ValueError as err:
            fail(path, _fmt(spec.bad, path, value, error=err))
    else:  # pragma: no cover - a mistake in a declaration
        raise ValueError(f"unknown field type {t!r}")


def check_texts(value, path: tuple, fail: Callable, required=LANGS) -> dict[str, str]:
    """A text by language: ``"…"`` (Chinese) or ``{zh = "…", en = "…"}``."""
    if isinstance(value, str):
        value = {"zh": value}
    if not isinstance(value, dict):
        fail(path, "must be a table of texts by language (zh = …, en = …)")
    for lang, text in value.items():
        if lang not in LANGS:
            fail(path + (lang,), f"unknown language '{lang}' (zh or en)")
        if not isinstance(text, str):
            fail(path + (lang,), "must be a string")
    for lang in required:
        if lang not in value:
            fail(path, f"missing the '{lang}' text")
    return dict(value)


# -- the configuration --------------------------------------------------------

_SELECTORS = Field("list", item=Field("str"), wrong="'{key}' must be a list of strings")


def _config_str(choices: tuple, doc: str) -> Field:
    return Field("str", doc, choices=choices, wrong="'{key}' must be a string",
                 bad="'{key}' must be one of {choices}, not {value!r}")


CONFIG: dict[str, Field] = {
    "select": Field("list", "Rules to enable: ids (GIA101), id prefixes (GIA1), names, categories "
                    "or ALL. Default [\"ALL\"]; --select replaces it.", item=Field("str"),
                    wrong=_SELECTORS.wrong),
    "ignore": Field("list", "Rules to disable (selectors as in select); --ignore adds to it.",
                    item=Field("str"), wrong=_SELECTORS.wrong),
    "severity": Field("map", "Selector → error, warning or info. The most specific selector wins: "
                      "id or name, then id prefix, then category.",
                      item=Field("str", choices=SEVERITIES,
                                 wrong="severity of {key} must be error, warning or info, not {value!r}",
                                 bad="severity of {key} must be error, warning or info, not {value!r}"),
                      wrong="'{key}' must be a table"),
    "per-file-ignores": Field("map", "Glob (relative to this file, or matching the file name) → "
                              "rules to skip for matching files.",
                              item=Field("list", item=Field("str"),
                                         wrong="per-file-ignores for {key!r} must be a list of rule ids"),
                              wrong="'{key}' must be a table"),
    "rule-files": Field("list", "Extra rule files, relative to this file.", item=Field("str"),
                        wrong=_SELECTORS.wrong),
    "edition": _config_str(("auto",) + EDITIONS, "The format to check against when neither the "
                           "tables nor the report year tell."),
    "organ-type": _config_str(ORGAN_TYPES, "The kind of organ that publishes the reports "
                              "(publication deadlines differ by kind)."),
    "deadline": Field("str", "A local publication deadline, MM-DD of the year after the report year.",
                      pattern=r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$",
                      wrong="'{key}' must be a string",
                      bad="'deadline' must be MM-DD of the year after the report year, not {value!r}"),
    "fail-on": _config_str(SEVERITIES, "Lowest severity that makes the exit code 1."),
    "lang": _config_str(LANGS, "Language of messages."),
    "exclude": Field("list", "Globs of files to skip when a directory is linted.", item=Field("str"),
                     wrong=_SELECTORS.wrong),
    "organs": Field("list", "The organ of some reports, over what their titles say: tables with "
                    "a name and globs (relative to this file, or matching the file name). Reports "
                    "of one organ are compared year by year (GIA751–GIA758).",
                    item=Field("table", fields={
                        "name": Field("str", "The organ's name.", required=True,
                                      wrong="an organ's 'name' must be a string"),
                        "globs": Field("list", "Files of this organ's reports.", required=True,
                                       nonempty=True, item=Field("str"),
                                       wrong="an organ's 'globs' must be a non-empty list of strings"),
                    }, wrong="each [[organs]] entry must be a table with name and globs"),
                    wrong="'organs' must be a list of tables ([[organs]] with name and globs)"),
    "max-file-size": Field("size", "Larger files are refused: bytes, or a size like \"200KB\", "
                           "\"50MB\" (K, M, G count 1024s).", bad="'{key}': {error}"),
}


# -- rule files ---------------------------------------------------------------

def rule_entry() -> dict[str, Field]:
    """The keys of a ``[[rule]]`` table (check kinds as registered now)."""
    from gialint.checks import REGISTRY

    kinds = tuple(sorted(REGISTRY))
    return {
        "id": Field("str", "GIA and three digits, unique and stable.", required=True,
                    pattern=r"^GIA\d{3}$", wrong="rule id must look like GIA123, not {value!r}",
                    bad="rule id must look like GIA123, not {value!r}"),
        "name": Field("str", "kebab-case, unique and stable.", required=True,
                      pattern=r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$",
                      wrong="rule name must be kebab-case (missing-section), not {value!r}",
                      bad="rule name must be kebab-case (missing-section), not {value!r}"),
        "category": Field("str", "", required=True, choices=CATEGORIES,
                          wrong="unknown category {value!r} (one of {choices})",
                          bad="unknown category {value!r} (one of {choices})"),
        "severity": Field("str", "Default severity.", required=True, choices=SEVERITIES,
                          wrong="unknown severity {value!r} (error, warning or info)",
                          bad="unknown severity {value!r} (error, warning or info)"),
        "editions": Field("list", "The formats the rule applies to.", required=True, nonempty=True,
                          item=Field("str", choices=EDITIONS),
                          wrong=f"must be a non-empty list of {', '.join(EDITIONS)}"),
        "kind": Field("str", "The check kind (docs/kinds.md) that implements the rule.", required=True,
                      choices=kinds, wrong="unknown check kind {value!r} (known: {choices})",
                      bad="unknown check kind {value!r} (known: {choices})"),
        "params": Field("any", "The kind's parameters."),
        "message": Field("texts", "The finding's message; only the kind's {placeholders}.",
                         required=True),
        "variants": Field("map", "More messages of the kind's variants, by variant name; "
                          "verbose = true marks a variant's findings as notes about gialint's own "
                          "reading, shown with --verbose only.",
                          item=Field("message"), wrong="must be a table of messages by variant name"),
        "verbose": Field("bool", "Every finding of the rule is a note about gialint's own reading "
                         "(not about the report): shown with --verbose only."),
        "summary": Field("texts", "One line: what the rule checks.", required=True),
        "description": Field("texts", "What it checks and why.", langs=("zh",)),
        "example": Field("table", "A text that breaks the rule and one that keeps it.",
                         fields={"bad": Field("str"), "good": Field("str")},
                         wrong="must be a table with 'bad' and 'good' texts",
                         unknown="must be a table with 'bad' and 'good' texts"),
        "source": Field("str", "The basis in law or format (a document a user can open).",
                        wrong="must be a string"),
    }


RULE_FILE_KEYS = ("rule",)


# -- JSON Schema ----------------------------------------------------------------

_DRAFT = "http://json-schema.org/draft-07/schema#"  # the draft editors (Taplo) support best


def _texts_json(langs: tuple, doc: str = "") -> dict:
    table = {"type": "object", "properties": {lang: {"type": "string"} for lang in LANGS},
             "additionalProperties": False, "required": list(langs)}
    out: dict = {"anyOf": [{"type": "string"}, table]}
    if doc:
        out["description"] = doc
    return out


def _field_json(spec: Field) -> dict:
    t = spec.type
    if t in ("texts", "message"):
        out = _texts_json(spec.langs, spec.doc)
        if t == "message":
            out["anyOf"][1]["properties"]["verbose"] = {
                "type": "boolean", "description": "a note about gialint's own reading: --verbose only"}
        return out
    out: dict
    if t == "bool":
        out = {"type": "boolean"}
    elif t == "str":
        out = {"type": "string"}
        if spec.choices:
            out["enum"] = list(spec.choices)
        if spec.pattern:
            out["pattern"] = spec.pattern
    elif t == "list":
        out = {"type": "array", "items": _field_json(spec.item)}
        if spec.nonempty:
            out["minItems"] = 1
    elif t == "map":
        out = {"type": "object", "additionalProperties": _field_json(spec.item)}
    elif t == "table":
        out = _table_json(spec.fields or {})
    elif t == "size":
        out = {"anyOf": [{"type": "integer", "minimum": 1},
                         {"type": "string", "pattern": _SIZE.pattern}]}
    else:
        out = {}
    if spec.json:
        out.update(spec.json)
    if spec.doc:
        out["description"] = spec.doc
    return out


def _table_json(fields: dict[str, Field]) -> dict:
    out = {"type": "object", "properties": {k: _field_json(f) for k, f in fields.items()},
           "additionalProperties": False}
    required = [k for k, f in fields.items() if f.required]
    if required:
        out["required"] = required
    return out


def _param_json(param) -> dict:
    """A check kind's ``Param`` (gialint/checks/base.py) as JSON Schema."""
    t = param.type
    if t.startswith("list["):
        from gialint.checks.base import Param

        out = {"type": "array", "items": _param_json(Param(t[5:-1], fields=param.fields,
                                                            choices=param.choices))}
    elif t.startswith("map["):
        from gialint.checks.base import Param

        out = {"type": "object", "additionalProperties": _param_json(Param(t[4:-1], fields=param.fields))}
        if param.choices:
            out["propertyNames"] = {"enum": list(param.choices)}
    elif t == "table":
        out = params_json(param.fields or {})
    else:
        out = {"str": {"type": "string"}, "regex": {"type": "string", "format": "regex"},
               "int": {"type": "integer"}, "bool": {"type": "boolean"}}.get(t, {})
        if param.choices:
            out = {**out, "enum": list(param.choices)}
    if param.doc:
        out["description"] = param.doc
    if param.default is not None and not t.startswith("map[") and _is_json(param.default):
        out["default"] = param.default
    return out


def params_json(params: dict) -> dict:
    out = {"type": "object", "properties": {k: _param_json(p) for k, p in params.items()},
           "additionalProperties": False}
    required = [k for k, p in params.items() if p.required]
    if required:
        out["required"] = required
    return out


def _is_json(value) -> bool:
    try:
        json.dumps(value)
    except (TypeError, ValueError):
        return False
    return True


def json_schema(which: str) -> dict:
    """The JSON Schema of ``"config"`` (gialint.toml) or ``"rules"`` (a rule file)."""
    if which == "config":
        return {"$schema": _DRAFT,
                "title": "gialint configuration (gialint.toml, .gialint.toml, [tool.gialint])",
                **_table_json(CONFIG)}
    from gialint.checks import REGISTRY

    entry = _table_json(rule_entry())
    entry["allOf"] = [
        {"if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]},
         "then": {"properties": {"params": params_json(cls.params),
                                 "variants": {"propertyNames": {"enum": list(cls.variants)}}}}}
        for kind, cls in sorted(REGISTRY.items())]
    return {"$schema": _DRAFT,
            "title": "gialint rule file (rules/*.toml: [[rule]] tables)",
            "type": "object", "properties": {"rule": {"type": "array", "items": entry}},
            "additionalProperties": False}


SCHEMA_FILES = {"config": "gialint-config.schema.json", "rules": "gialint-rules.schema.json"}


def schema_text(which: str) -> str:
    return json.dumps(json_schema(which), ensure_ascii=False, indent=2) + "\n"


def main() -> None:
    folder = Path(__file__).resolve().parent.parent / "docs" / "schemas"
    folder.mkdir(parents=True, exist_ok=True)
    for which, name in SCHEMA_FILES.items():
        (folder / name).write_text(schema_text(which), encoding="utf-8")
        print(folder / name)


if __name__ == "__main__":
    main()
