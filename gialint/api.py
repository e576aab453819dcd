"""gialint as a library: lint files, a text or a byte string; get plain results.

::

    from gialint.api import lint_paths, lint_text

    for report in lint_paths(["reports/"], select=["arithmetic"], lang="en"):
        for f in report.findings:
            print(report.path, f.line, f.column, f.rule, f.message)

    report = lint_text(text, "draft.txt", isolated=True)

The options are the command line's: ``config`` (one config file for every
file) or ``isolated`` (none; else the nearest ``gialint.toml``,
``.gialint.toml`` or ``[tool.gialint]`` of ``pyproject.toml`` walking up from
each file, or from ``name`` for a text or byte string), ``select`` and
``ignore`` (rule ids, id prefixes, names or categories: a list or a
comma-separated string), ``edition`` ("legacy", "2019", "2021"),
``organ_type`` ("department", "government", "other"), ``encoding``, ``lang``
("zh", "en"; messages are Chinese by default), ``max_file_size`` (bytes or
"50MB"), ``baseline`` (a file written by ``gialint --write-baseline``:
the findings it knows are moved to ``suppressed``), ``organ`` (the organ of
every report, over their titles: a folder of one organ's reports), ``history``
(folders or files of earlier reports, read only to compare the linted ones
with: see below) and ``verbose`` (also
report gialint's notes about its own reading — rows it could not split with
certainty, pieces of wrapped labels —, marked ``Finding.verbose``; without
it they are left out and counted in ``FileReport.hidden``).

When several reports are linted in one call (``lint_paths``), they are
grouped by organ and report year and each is checked against its organ's
report of the year before (GIA751–GIA758, gialint/history.py): those findings
attach to the later report, with a :class:`Related` place in the earlier
file (``Related.path``).

Results are :class:`FileReport` objects, one per file in input order: plain
frozen dataclasses that pickle and turn into JSON with ``to_dict()`` (the
shape of the command line's ``--format json`` entries, plus what only the
API gives).  A file that cannot be read has ``error`` set and the others are
linted all the same; a broken configuration, rule file, baseline or option
raises :class:`ConfigError` before any file is linted.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from gialint.config import ORGAN_TYPES, parse_size
from gialint.rule import EDITIONS
from gialint.ruleset import Options
from gialint.runner import OptionError, Runner
from gialint.tomlpos import ConfigError

__all__ = ["ConfigError", "FileReport", "Finding", "Linter", "OptionError", "Related", "Suppressed",
           "lint_bytes", "lint_paths", "lint_text"]


# -- results ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Related:
    """Another place a finding involves (the cells of a sum, the other date …)."""

    line: int
    column: int
    end_line: int
    end_column: int
    place: str | None  # HTML, Word, PDF: page, paragraph, table row and cell
    message: str
    path: str | None = None  # in another file (the earlier report of a cross-year finding)

    def to_dict(self) -> dict:
        return {**({"path": self.path} if self.path is not None else {}), **_position(self),
                "message": self.message}


@dataclass(frozen=True, slots=True)
class Finding:
    """One finding.  Lines and columns are 1-based and count code points in the
    file (Word and PDF: in the rendering ``gialint parse --text`` shows); the
    end is exclusive."""

    rule: str  # GIA101
    name: str  # missing-section
    category: str
    severity: str  # error, warning or info
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    place: str | None = None  # HTML, Word, PDF: "第 3 页 第 12 行", "表 2 第 4 行 第 3 格" …
    related: tuple[Related, ...] = ()
    verbose: bool = False  # a note about gialint's own reading (only with verbose=True)

    def to_dict(self) -> dict:
        d = {"rule": self.rule, "name": self.name, "category": self.category,
             "severity": self.severity, **_position(self), "message": self.message,
             "related": [r.to_dict() for r in self.related]}
        if self.verbose:
            d["verbose"] = True
        return d

    @classmethod
    def from_dict(cls, d: dict) -> Finding:
        related = tuple(Related(r["line"], r["column"], r["end_line"], r["end_column"],
                                r.get("place"), r["message"], r.get("path"))
                        for r in d.get("related", ()))
        return cls(d["rule"], d["name"], d["category"], d["severity"], d["message"], d["line"],
                   d["column"], d["end_line"], d["end_column"], d.get("place"), related,
                   bool(d.get("verbose", False)))


@dataclass(frozen=True, slots=True)
class Suppressed:
    """A finding silenced by an inline comment (``inSource``) or the baseline
    (``external``)."""

    finding: Finding
    kind: str
    justification: str

    def to_dict(self) -> dict:
        return {"finding": self.finding.to_dict(), "kind": self.kind,
                "justification": self.justification}


@dataclass(frozen=True, slots=True)
class FileReport:
    """What gialint says about one file."""

    path: str  # as given (relative to the working directory when below it)
    encoding: str | None = None  # how the file was decoded
    edition: str | None = None  # the format checked against: legacy, 2019 or 2021
    report_year: int | None = None  # the year the report is about
    findings: tuple[Finding, ...] = ()  # in the order of the file
    error: str | None = None  # why the file could not be read (then no findings)
    suppressed: tuple[Suppressed, ...] = ()
    diff: str | None = None  # diff=True: the changes the certain fixes make (None: none)
    fixed: int = 0  # fix=True: the findings fixed in the file (``findings``: what is left)
    hidden: int = 0  # notes about gialint's own reading left out (verbose=False)
    # False: the report's content was not checked — it could not be read (``error``),
    # it was found in a folder in a format gialint does not read (``error`` says
    # which; not an input error), or it is a PDF without a text layer (GIA005)
    checked: bool = True
    # the organ that published the report (its title or signature; for the cross-year
    # checks the config's [[organs]] or ``organ`` may name it) and its title as read
    organ: str | None = None
    title: str | None = None

    def to_dict(self) -> dict:
        """A JSON-ready dict: the keys of ``gialint --format json``'s file
        entries, in their order, then ``suppressed``, ``diff``, ``fixed``, ``hidden``
        and ``checked``."""
        return {"path": self.path, "encoding": self.encoding, "edition": self.edition,
                "report_year": self.report_year, "organ": self.organ, "title": self.title,
                "findings": [f.to_dict() for f in self.findings],
                "error": self.error, "suppressed": [s.to_dict() for s in self.suppressed],
                "diff": self.diff, "fixed": self.fixed, "hidden": self.hidden, "checked": self.checked}

    @classmethod
    def from_dict(cls, d: dict) -> FileReport:
        """The report ``to_dict()`` (or the command line's JSON entry) describes."""
        suppressed = tuple(Suppressed(Finding.from_dict(s["finding"]), s["kind"], s["justification"])
                           for s in d.get("suppressed", ()))
        return cls(d["path"], d.get("encoding"), d.get("edition"), d.get("report_year"),
                   tuple(Finding.from_dict(f) for f in d.get("findings", ())), d.get("error"),
                   suppressed, d.get("diff"), d.get("fixed", 0), d.get("hidden", 0),
                   d.get("checked", d.get("error") is None), d.get("organ"), d.get("title"))


def _position(x) -> dict:
    pos = {"line": x.line, "column": x.column, "end_line": x.end_line, "end_column": x.end_column}
    if x.place:
        pos["place"] = x.place
    return pos


def _finding(f) -> Finding:
    loc = f.location
    related = tuple(Related(r.location.line, r.location.column, r.location.end_line,
                            r.location.end_column, r.location.logical, r.message, r.path)
                    for r in f.related)
    return Finding(f.rule, f.name, f.category, f.severity, f.message, loc.line, loc.column,
                   loc.end_line, loc.end_column, loc.logical, related, f.verbose)


def _report(result, diff: str | None, fixed: int) -> FileReport:
    findings = sorted(result.findings, key=lambda f: f.sort_key())
    return FileReport(
        path=result.path, encoding=result.encoding, edition=result.edition,
        report_year=result.report_year, findings=tuple(_finding(f) for f in findings),
        error=result.error, suppressed=tuple(Suppressed(_finding(f), kind, why)
                                             for f, kind, why in result.suppressed),
        diff=diff, fixed=fixed, hidden=result.hidden, checked=result.checked,
        organ=result.organ if result.organ is not None else getattr(result.facts, "organ", None),
        title=result.title,
    )


# -- linting ------------------------------------------------------------------------


class Linter:
    """Lints with one set of options; keep one to lint many texts: each
    configuration's rules are loaded once, when first needed (make a new
    Linter to see a changed configuration).  Raises :class:`ConfigError`
    for a bad option value or baseline."""

    def __init__(self, *, config: str | os.PathLike | None = None, isolated: bool = False,
                 select: str | Iterable[str] | None = None, ignore: str | Iterable[str] | None = None,
                 edition: str | None = None, organ_type: str | None = None,
                 encoding: str | None = None, lang: str | None = None,
                 max_file_size: int | str | None = None, baseline: str | os.PathLike | None = None,
                 verbose: bool = False, organ: str | None = None,
                 history: str | os.PathLike | Iterable[str | os.PathLike] | None = None):
        _choice("edition", edition, EDITIONS)
        _choice("organ_type", organ_type, tuple(t for t in ORGAN_TYPES if t != "auto"))
        _choice("lang", lang, ("zh", "en"))
        if max_file_size is not None:
            try:
                max_file_size = parse_size(max_file_size)
            except ValueError as err:
                raise OptionError(f"max_file_size {err}") from None
        options = Options(lang=lang, edition=edition, organ_type=organ_type,
                          select=_selectors(select) or None, ignore=_selectors(ignore),
                          encoding=encoding, verbose=bool(verbose), organ=organ or None)
        if isinstance(history, (str, os.PathLike)):
            history = [history]
        self._runner = Runner(options, config=config, isolated=isolated, max_file_size=max_file_size,
                              baseline=None if baseline is None else os.fspath(baseline),
                              history=[os.fspath(h) for h in history or ()])

    def lint_paths(self, paths: Iterable[str | os.PathLike], *, jobs: int | None = 1,
                   fix: bool = False, diff: bool = False, client=None,
                   progress: Callable[[int, int, str], None] | None = None) -> list[FileReport]:
        """Lint files and directories (walked for .txt, .md, .html/.htm/.shtml/.xhtml,
        .docx and .pdf files, minus the configuration's ``exclude``), in order.
        Documents of a directory that gialint does not read (.doc, .wps …) get a
        report with ``error`` saying so and ``checked`` False.

        ``jobs``: worker processes (None or 0: one per CPU; forked, so only
        where fork exists); ``fix``: rewrite text files with their certain
        fixes, then lint them again; ``diff``: only compute those changes
        (``FileReport.diff``); ``client``: a ``distributed.Client`` — lint on its
        Dask cluster instead (gialint/cluster.py; paths may be fsspec URLs);
        ``progress``: called as each file's result comes in, with the number of
        files done, the number in all and the file's path (a progress bar)."""
        paths = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
        paths = [os.fspath(p) for p in paths]
        if "-" in paths:
            raise OptionError("'-' (standard input) is not a path here: read it, call lint_bytes")
        work = self._runner.expand(paths)
        tick = None
        if progress is not None:
            done = [0]

            def tick(path):
                done[0] += 1
                progress(done[0], len(work), str(path))
        if client is not None:
            if fix or diff:
                raise OptionError("fix and diff are not available on a cluster")
            self._runner.fix = self._runner.diff = False
            batch = self._runner.run(work, client=client, progress=tick)
            return [_report(r, None, 0) for r in batch.results]
        return self._run(work, jobs, fix=fix, diff=diff, progress=tick)

    def lint_text(self, text: str, name: str | os.PathLike = "report.txt", *,
                  diff: bool = False) -> FileReport:
        """Lint ``text``, the content of a file called ``name`` (a name ending in
        .html/.htm is read as HTML, any other as a text report)."""
        return self._run([("text", Path(name), text)], 1, diff=diff)[0]

    def lint_bytes(self, data: bytes, name: str | os.PathLike, *, diff: bool = False) -> FileReport:
        """Lint ``data``, the bytes of a file called ``name``, read as that file
        would be: decoded (``encoding``, else BOM, UTF-8, GB18030) or rendered
        by the HTML, Word or PDF reader its name and bytes call for."""
        return self._run([self._runner.data_item(name, bytes(data))], 1, diff=diff)[0]

    def _run(self, work, jobs, *, fix: bool = False, diff: bool = False, progress=None) -> list[FileReport]:
        runner = self._runner
        runner.fix, runner.diff = fix, diff  # read by the job, in this process or a forked one
        batch = runner.run(work, jobs, progress=progress)
        return [_report(r, d, n) for r, d, n in zip(batch.results, batch.diffs, batch.fixed,
                                                    strict=True)]


def lint_paths(paths: Iterable[str | os.PathLike], *, jobs: int | None = 1, fix: bool = False,
               diff: bool = False, **options) -> list[FileReport]:
    """:meth:`Linter.lint_paths` with a new ``Linter(**options)``."""
    return Linter(**options).lint_paths(paths, jobs=jobs, fix=fix, diff=diff)


def lint_text(text: str, name: str | os.PathLike = "report.txt", *, diff: bool = False,
              **options) -> FileReport:
    """:meth:`Linter.lint_text` with a new ``Linter(**options)``."""
    return Linter(**options).lint_text(text, name, diff=diff)


def lint_bytes(data: bytes, name: str | os.PathLike, *, diff: bool = False,
               **options) -> FileReport:
    """:meth:`Linter.lint_bytes` with a new ``Linter(**options)``."""
    return Linter(**options).lint_bytes(data, name, diff=diff)


# -- option values ----------------------------------------------------------------


def _selectors(value) -> list[str]:
    if value is None:
        return []
    items = value.split(",") if isinstance(value, str) else list(value)
    return [v.strip() for v in items if v.strip()]


def _choice(name: str, value, choices) -> None:
    if value is not None and value not in choices:
        raise OptionError(f"{name} must be one of {', '.join(choices)}, not {value!r}")
