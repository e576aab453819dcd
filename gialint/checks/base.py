"""The contract between a check kind (Python, written once) and its rules (TOML).

A check kind declares the parameters it accepts (``params``) and the
placeholders its messages may use (``message_args``); ``ruleset`` validates
every rule against both when it loads, so a mistake in a rule file is an
error with a file and line, not a crash while linting.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from gialint import saferegex

if TYPE_CHECKING:
    from gialint.model import Report, Span
    from gialint.rule import Rule


@dataclass(frozen=True)
class Param:
    type: str  # str, int, bool, regex, list[...], map[...] (any keys), table, any
    required: bool = False
    default: Any = None
    doc: str = ""
    choices: tuple = ()
    fields: dict[str, Param] | None = None  # for table / list[table]


@dataclass(frozen=True)
class Edit:
    """A certain fix: replace ``Source.text[start:end]`` (:data:`~gialint.offsets.TextOffset`)
    with ``text`` (only text files are fixed, where that is the file's text)."""

    start: int
    end: int
    text: str = ""


@dataclass
class Hit:
    """One problem a check found; the engine turns it into a Finding."""

    span: Span
    args: dict[str, Any] = field(default_factory=dict)
    variant: str = "default"  # which message of the rule to use
    # other places that matter, each with message args and the message variant to use
    related: list[tuple[Span, dict[str, Any], str]] = field(default_factory=list)
    # what the kind's post_process needs and no message shows (table_sum: the cells
    # of the equation and their labels, to merge crossings)
    meta: dict[str, Any] = field(default_factory=dict)
    # edits that fix the problem with certainty (``gialint --fix``); empty: no fix offered
    fix: tuple[Edit, ...] = ()


@dataclass
class Context:
    """Run-wide settings a check may need (from the config and the CLI)."""

    organ_type: str | None = None
    deadline: str | None = None
    lang: str = "zh"


class Check:
    kind: ClassVar[str] = ""
    params: ClassVar[dict[str, Param]] = {}
    message_args: ClassVar[tuple[str, ...]] = ()
    variants: ClassVar[tuple[str, ...]] = ("default",)
    # the kind compares reports with each other (the stage after the pipeline):
    # one file alone can neither use nor refute a suppression naming its rules
    across_files: ClassVar[bool] = False

    def __init__(self, rule: Rule, params: dict[str, Any], *, timed: bool = False):
        self.rule = rule
        self.values = params  # the rule's parameter values: validated, defaults filled in
        self.timed = timed  # a user rule file's rule: its regexes run with a time limit
        self.setup()

    def setup(self) -> None:
        """Compile what the parameters describe, once per run."""

    def compile_param(self, pattern: str, path: tuple):
        """:meth:`compile` a regex parameter built here (a list entry, a table
        field): a bad one is a parameter error at ``path``, not a crash later."""
        try:
            return self.compile(pattern)
        except re.error as err:
            raise ParamError(path, f"bad regular expression {pattern!r}: {err}") from None

    def compile(self, pattern: str, flags: int = 0, fast=None):
        """Compile a regex built from this rule's parameters: with a time limit
        for user rule files (after the load-time safety check), else on first
        use with ``fast`` or ``re.compile`` (a rule that does not run compiles
        nothing)."""
        if not self.timed:
            return saferegex.compile(pattern, flags, fast=fast)
        why = saferegex.danger(pattern, flags)
        if why:
            raise ParamError((), _dangerous(pattern, why))
        try:
            return saferegex.compile(pattern, flags, timed=True)
        except Exception as err:  # noqa: BLE001 - regex.error: re accepts it, regex does not
            raise ParamError((), f"bad regular expression {pattern!r}: {err}") from None

    def check(self, report: Report, ctx: Context) -> Iterable[Hit]:
        raise NotImplementedError

    @classmethod
    def post_process(cls, hits: list[tuple[Rule, Hit]], lang: str) -> list[tuple[Rule, Hit]]:
        """What is reported of the hits of every rule of this kind in one file.

        ``hits`` are (rule, hit) in rule order; the engine calls this once per
        file and kind, after all checks ran, with the hits of all the kind's
        rules together, so that a kind can merge hits across its rules (a wrong
        cell breaks a row sum and a column sum: ``table_sum`` reports it once).
        Returned hits keep their order.  The default keeps them all.
        """
        return hits


REGISTRY: dict[str, type[Check]] = {}


def register(cls: type[Check]) -> type[Check]:
    REGISTRY[cls.kind] = cls
    return cls


class ParamError(ValueError):
    def __init__(self, path: tuple, message: str):
        super().__init__(message)
        self.path = path


_TYPES = {"str": str, "int": int, "bool": bool}


def _dangerous(pattern: str, why: str) -> str:
    return (f"regular expression {pattern!r} can take exponential time on some texts: {why}; "
            "rewrite it so that each character can be matched in only one way")


def validate_params(schema: dict[str, Param], values: dict, path: tuple = (), *,
                    timed: bool = False) -> dict:
    """Check ``values`` against ``schema``; return them with defaults filled in.
    ``timed``: regexes are :class:`~gialint.saferegex.TimedPattern` (user rule files)."""
    if not isinstance(values, dict):
        raise ParamError(path, "must be a table")
    out = {}
    for key in values:
        if key not in schema:
            known = ", ".join(sorted(schema)) or "none"
            raise ParamError(path + (key,), f"unknown parameter '{key}' (known: {known})")
    for key, spec in schema.items():
        if key not in values:
            if spec.required:
                raise ParamError(path + (key,), f"missing required parameter '{key}'")
            default = spec.default
            out[key] = _value(spec, default, path + (key,), timed) if default is not None else None
            continue
        out[key] = _value(spec, values[key], path + (key,), timed)
    return out


def _value(spec: Param, value: Any, path: tuple, timed: bool = False) -> Any:
    t = spec.type
    if t.startswith("list["):
        if not isinstance(value, list):
            raise ParamError(path, f"must be a list, not {type(value).__name__}")
        item = Param(t[5:-1], fields=spec.fields, choices=spec.choices)
        return [_value(item, v, path + (i,), timed) for i, v in enumerate(value)]
    if t.startswith("map["):
        if not isinstance(value, dict):
            raise ParamError(path, f"must be a table, not {type(value).__name__}")
        item = Param(t[4:-1], fields=spec.fields)
        if spec.choices:
            for k in value:
                if k not in spec.choices:
                    raise ParamError(path + (k,), f"unknown key '{k}' (one of {', '.join(spec.choices)})")
        return {k: _value(item, v, path + (k,), timed) for k, v in value.items()}
    if t == "table":
        return validate_params(spec.fields or {}, value, path, timed=timed)
    if t == "any":
        return value  # the kind checks it in setup()
    if t == "regex":
        if not isinstance(value, str):
            raise ParamError(path, "must be a string (a regular expression)")
        if not timed:  # built-in: reviewed, compiled by the tests, compiled here when used
            return saferegex.LazyPattern(value)
        try:
            re.compile(value)
        except re.error as err:
            raise ParamError(path, f"bad regular expression {value!r}: {err}") from None
        why = saferegex.danger(value)
        if why:
            raise ParamError(path, _dangerous(value, why))
        try:
            return saferegex.TimedPattern(value)
        except Exception as err:  # noqa: BLE001 - regex.error: re accepts it, regex does not
            raise ParamError(path, f"bad regular expression {value!r}: {err}") from None
    py = _TYPES[t]
    if not isinstance(value, py) or (py is int and isinstance(value, bool)):
        raise ParamError(path, f"must be {t}, not {type(value).__name__}")
    if spec.choices and value not in spec.choices:
        raise ParamError(path, f"must be one of {', '.join(map(str, spec.choices))}, not {value!r}")
    return value
