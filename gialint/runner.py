"""Linting many files: work items, the worker pool, ``--fix``/``--diff`` and baselines.

The command line (gialint/cli/lint.py) and the library API (gialint/api.py)
both lint through a :class:`Runner`::

    runner = Runner(Options(select=["GIA1"]), isolated=True)
    work = runner.expand(["reports/"])   # configuration resolved here, in order
    batch = runner.run(work, jobs=2)     # results in input order

A work item is a tuple ``(kind, path, data)``:

- ``("file", Path, None)``: a file to read;
- ``("data", Path, bytes)``: the contents of a file named ``path`` (standard
  input, ``api.lint_bytes``), read by the reader its name and bytes call for;
- ``("text", Path, str)``: the decoded text of a file named ``path``
  (``api.lint_text``);
- ``("error", Path, (code, arguments))``: found before linting (missing, an unreadable
  folder, input over the size limit), a message of gialint.inputmessages;
- ``("skip", Path, (code, arguments))``: found in a directory in a format gialint
  does not read (.doc, .wps, .ofd …): listed as not checked, not an input error.

Files the configuration's ``exclude`` leaves out (of a directory, or named on
the command line with ``force_exclude``) are no work item; ``Runner.excluded``
counts them.
"""

from __future__ import annotations

import codecs
import os
from dataclasses import dataclass, field
from pathlib import Path

from gialint.config import (
    Config,
    check_selectors,
    find_config,
    forget_found_configs,
    load_config,
)
from gialint.findings import FileResult
from gialint.inputmessages import error_result, localize
from gialint.pipeline import describe_error, lint_source
from gialint.readers import (
    format_of,
    read_bytes,
    read_path,
    too_large,
)
from gialint.ruleset import Options, RuleSet
from gialint.selector import is_known
from gialint.source import InputError
from gialint.tomlpos import ConfigError
from gialint.walk import expand_paths
from gialint.workers import Interrupted, in_workers, jobs_for


class OptionError(ConfigError):
    """An option that cannot be used: an unknown rule selector or encoding, a
    baseline that cannot be read.  A ConfigError of no file: ``str(err)`` is
    the message."""

    def __init__(self, message: str):
        Exception.__init__(self, message)
        self.path, self.line, self.message = None, None, message

    def __reduce__(self):
        return (type(self), (self.message,))


def check_encoding(name: str) -> None:
    try:
        codecs.lookup(name)
    except LookupError:
        raise OptionError(f"unknown encoding {name!r}") from None


@dataclass
class Batch:
    """The results of a run, in input order, with what the output needs."""

    results: list[FileResult]
    diffs: list[str | None]  # per file: the --diff of its fixes (None: no change, or not asked)
    fixed: list[int]  # per file: findings fixed by --fix
    rules: list = field(default_factory=list)  # every rule enabled for some file (SARIF lists them)
    lang: str = "zh"
    fail_on: str = "error"  # the first configuration's fail-on
    excluded: int = 0  # files left out by the configuration's exclude

    @property
    def input_error(self) -> bool:
        """A file could not be read, or a rule or stage crashed on one (GIA001): exit 2.
        (A file of a format gialint does not read, found in a directory, is listed as
        not checked, but is no input error.)"""
        return any(r.error is not None and not r.skipped or r.internal_errors for r in self.results)

    @property
    def checked(self) -> int:
        """Files whose content was checked."""
        return sum(1 for r in self.results if r.checked)

    @property
    def nothing_checked(self) -> bool:
        """No file was checked, and not because the configuration excluded every one
        (pre-commit passing only excluded files is a run with nothing to do): exit 2."""
        return self.checked == 0 and bool(self.results or not self.excluded)


class Runner:
    """Lints work items with the rule set of each one's configuration.

    ``config``: one config file for every file (else the nearest one found
    walking up from each file); ``isolated``: no config file at all;
    ``max_file_size``: bytes (else the config's); ``fix``: rewrite files with
    their certain fixes, then lint them again; ``diff``: only compute the
    fixes as a unified diff; ``baseline``: a baseline file whose findings
    are reported as suppressed; ``stdin_filename``: the name reported (and
    configuration looked up) for ``-``; ``force_exclude``: the configuration's
    ``exclude`` also applies to files named explicitly (ruff's convention; what
    the pre-commit hook passes).
    """

    def __init__(self, options: Options | None = None, *, config: str | os.PathLike | None = None,
                 isolated: bool = False, max_file_size: int | None = None, fix: bool = False,
                 diff: bool = False, baseline: str | None = None, stdin_filename: str | None = None,
                 force_exclude: bool = False, keep_text: bool = False,
                 history: list[str] | None = None):
        self.options = options or Options()
        if self.options.encoding:
            check_encoding(self.options.encoding)
        self.config = Path(config) if config is not None else None
        self.isolated = isolated
        self.max_file_size = max_file_size
        self.fix, self.diff = fix, diff
        self.stdin_filename = stdin_filename
        self.force_exclude = force_exclude
        self.keep_text = keep_text  # keep each report's whole text (--format html shows it)
        # --history: folders or files of earlier reports, read to compare the linted
        # reports with (gialint.history), never reported on
        self.history = [os.fspath(p) for p in history or ()]
        for p in self.history:
            if not os.path.exists(p):
                raise OptionError(f"--history: {p} does not exist")
        self.excluded = 0  # files the last expand() left out by the configuration's exclude
        self.baseline = baseline
        self.known = None
        if baseline is not None:  # before any work: a bad baseline stops the run
            from gialint import baseline as baselines

            try:
                self.known = baselines.load(baseline)
            except baselines.BaselineError as err:
                raise OptionError(str(err)) from None
        # what a worker elsewhere needs to build the same runner (gialint/cluster.py)
        self._spec = {"options": self.options, "config": config, "isolated": isolated,
                      "max_file_size": max_file_size, "stdin_filename": stdin_filename,
                      "keep_text": keep_text}
        self.rulesets: dict[Path | None, RuleSet] = {}  # by config file (None: defaults)
        forget_found_configs()  # config files may have come or gone since an earlier run

    def spec(self) -> dict:
        """The settings that build this runner again (without --fix, --diff and the
        baseline, which stay with the run): what a cluster's workers get."""
        return dict(self._spec)

    def ruleset_for(self, path: Path) -> RuleSet:
        """The rule set of the configuration that applies to ``path``
        (ConfigError when the config or a rule file it names is broken)."""
        if self.isolated:
            cfg_path = None
        elif self.config is not None:
            cfg_path = self.config
        else:
            cfg_path = find_config(Path.cwd() if str(path) == "-" else path)
        key = cfg_path.resolve() if cfg_path else None
        if key not in self.rulesets:
            if cfg_path is not None and not cfg_path.is_file():
                raise ConfigError(cfg_path, None, "config file not found")
            cfg = load_config(cfg_path) if cfg_path else Config()
            rs = RuleSet(cfg, self.options)
            check_selectors(cfg, rs.rules + [loaded_rule.rule for loaded_rule in rs.all])
            rules = [loaded_rule.rule for loaded_rule in rs.all]
            for v in (self.options.select or []) + list(self.options.ignore):
                if not is_known(v, rules):
                    raise OptionError(f"unknown rule, rule name or category {v!r}")
            self.rulesets[key] = rs
        return self.rulesets[key]

    def size_limit(self, path: Path) -> int:
        return self.max_file_size or self.ruleset_for(path).config.max_file_size

    def expand(self, paths, stdin=None) -> list[tuple]:
        """Work items for files, directories (walked for report files, minus the
        config's ``exclude``) and ``-`` (read from the binary stream ``stdin``),
        in order.  Every configuration is loaded here, so that a config error
        stops the run before any work and every worker sees the same rule sets."""
        work = []
        self.excluded = 0
        seen: set[tuple[int, int]] = set()  # a file named twice (a.txt ./a.txt) is linted once
        for kind, path, message in expand_paths(paths, self.ruleset_for, self.force_exclude):
            if kind == "url":  # an fsspec URL or glob: its files, read where they are linted
                from gialint.cluster import expand_urls

                work.extend(expand_urls([path]))
                continue
            if kind in ("file", "skip"):
                try:
                    st = os.stat(path)
                except OSError:
                    pass
                else:
                    if (st.st_dev, st.st_ino) in seen:
                        continue
                    seen.add((st.st_dev, st.st_ino))
            if kind == "excluded":
                self.excluded += 1
                continue
            if kind == "stdin":
                name = Path(self.stdin_filename or "-")
                limit = self.size_limit(name)
                data = b"" if stdin is None else stdin.read(limit + 1) if limit else stdin.read()
                work.append(self.data_item(name, data, size_known=False))
                continue
            if kind == "file":
                self.ruleset_for(path)
            work.append((kind, path, message))
        return work

    def data_item(self, name: str | os.PathLike, data: bytes, *, size_known: bool = True) -> tuple:
        """The work item of ``data``, the contents of a file named ``name``."""
        path = Path(name)
        limit = self.size_limit(path)
        if limit and len(data) > limit:
            return ("error", path, too_large(len(data) if size_known else None, limit))
        return ("data", path, data)

    def run(self, work: list[tuple], jobs: int | None = 1, progress=None, client=None) -> Batch:
        """Lint ``work`` in ``jobs`` processes (None or 0: one per CPU), or on the
        Dask cluster of ``client`` (gialint/cluster.py); the baseline applied,
        input errors in the run's language.  ``progress``: called with each file's
        path as its result comes in (the command line's bar)."""
        for kind, path, _ in work:  # every rule set loaded before workers fork
            if kind not in ("error", "skip", "url"):
                self.ruleset_for(path)
        results, diffs, fixed = [], [], []
        if self.fix:
            from gialint import fix

            written = fix.files_written()
        if client is not None:
            from gialint import cluster

            done = cluster.run(self, work, client)
        else:
            done = in_workers(work, self, jobs_for(jobs, len(work)))
        try:
            for result, diff, count in done:
                results.append(result)
                diffs.append(diff)
                fixed.append(count)
                if progress is not None:
                    progress(result.path)
        except KeyboardInterrupt:  # Ctrl-C (or SIGTERM on the command line): say what was done
            raise Interrupted(len(results), len(work),
                              fix.files_written() - written if self.fix else None) from None
        first = self.first_ruleset()
        lang = self.options.lang or first.lang()
        for r in results:
            localize(r, lang)
        self._across_years(work, results, jobs, lang)
        if self.known is not None:
            apply_baseline(results, self.known, self.baseline)
        return Batch(results, diffs, fixed, rules=self.rules() or first.rules, lang=lang,
                     fail_on=first.config.fail_on, excluded=self.excluded)

    def _across_years(self, work, results, jobs, lang) -> None:
        """The stage after the pipeline: each organ's reports compared year by year
        (gialint.history), with the --history reports as earlier years."""
        from gialint import history

        entries = []
        for order, ((kind, path, _), r) in enumerate(zip(work, results, strict=True)):
            if r.facts is None or kind in ("error", "skip"):
                continue
            entries.append(self._entry(history, r, Path(path), order, shown=True))
        if self.history:
            linted = {Path(p).resolve() for k, p, _ in work if k == "file"}
            items = [(k, p, m) for k, p, m in expand_paths(self.history, self.ruleset_for)
                     if k == "file" and Path(p).resolve() not in linted]
            fix, diff = self.fix, self.diff
            self.fix = self.diff = False  # read, never rewritten
            try:
                earlier = [r for r, _, _ in in_workers(items, self, jobs_for(jobs, len(items)))] if items else []
            finally:
                self.fix, self.diff = fix, diff
            for order, ((_, path, _), r) in enumerate(zip(items, earlier, strict=True)):
                if r.facts is not None:
                    entries.append(self._entry(history, r, Path(path), len(work) + order, shown=False))
        if len(entries) < 2:
            return
        try:
            history.compare(entries, lang)
        except Exception as err:  # a bug in the stage must not lose the files' own findings
            import sys

            what = ("internal error comparing the reports with each other" if lang == "en"
                    else "比较各报告（跨年度、照搬内容）时发生内部错误")
            print(f"gialint: {what}: {describe_error(err)}", file=sys.stderr)
            shown = next(e for e in entries if e.shown)
            shown.result.internal_errors += 1  # exit 2: the results are incomplete
        for e in entries:
            if e.shown and e.result.findings:
                e.result.findings.sort(key=lambda f: f.sort_key())

    def _entry(self, history, result, path: Path, order: int, *, shown: bool):
        from gialint import organs

        rs = self.ruleset_for(path)
        name = self.options.organ or organs.organ_from_config(rs.config, str(path)) or result.facts.organ
        result.organ = name
        return history.Entry(result=result, facts=result.facts, organ=name, key=organs.organ_key(name),
                             ruleset=rs if shown else None, order=order, shown=shown)

    def first_ruleset(self) -> RuleSet:
        """The rule set of the first configuration used (defaults when none was)."""
        return next(iter(self.rulesets.values()), None) or RuleSet(Config(), self.options)

    def rules(self) -> list:
        """Every rule enabled by some configuration of the run, once."""
        seen, out = set(), []
        for rs in self.rulesets.values():
            for r in rs.rules:
                if r.id not in seen:
                    seen.add(r.id)
                    out.append(r)
        return out

    # -- one work item (in this process or in a forked worker) ----------------

    def __call__(self, item) -> tuple[FileResult, str | None, int]:
        """(result, diff, fixes applied) of one work item."""
        kind, path, data = item
        if kind == "error":  # found before linting: missing, an unreadable folder, too large
            return error_result(str(path), *data), None, 0
        if kind == "skip":  # a format gialint does not read, found in a directory
            result = error_result(display_path(path), *data)
            result.skipped = True
            return result, None, 0
        url = data if kind == "url" else None
        if url is not None:  # an fsspec URL: its bytes, read here (on a cluster: by the worker)
            kind, path, data = self._read_url(path, url)
            if kind == "error":
                return error_result(url, *data), None, 0
        rs = self.ruleset_for(path)
        shown = url or (display_path(path) if kind == "file" else str(path))
        encoding = self.options.encoding
        try:
            if kind == "file":
                source = read_path(str(path), encoding=encoding, display_path=shown,
                                   max_bytes=self.max_file_size or rs.config.max_file_size)
            elif kind == "data":
                source = read_bytes(data, shown, encoding, max_bytes=self.size_limit(path))
            else:  # text: as a file of these characters in UTF-8 would be read
                reader = "html" if format_of(shown, b"") == "html" else "text"
                source = read_bytes(data.encode("utf-8", "surrogatepass"), shown, "utf-8", kind=reader)
        except InputError as err:
            return error_result(shown, err.code, err.arguments), None, 0
        except Exception as err:  # a reader bug must not stop the run: report it, go on
            return error_result(shown, "internal-read-error", {"error": describe_error(err)}), None, 0
        result = lint_source(source, rs)
        diff, fixed = None, 0
        if (self.fix and kind == "file" or self.diff) and source.fixable:
            result, diff, fixed = self._fix(result, source, rs)
        result.keep_needed_lines(keep_all=self.keep_text)
        return result, diff, fixed

    def _read_url(self, path: Path, url: str) -> tuple:
        import fsspec

        limit = self.size_limit(path)
        try:
            with fsspec.open(url, "rb") as f:
                data = f.read(limit + 1) if limit else f.read()
        except Exception as err:  # any failure of the remote store is this file's input error
            return "error", path, ("url-unreadable", {"reason": describe_error(err)})
        return self.data_item(path, data, size_known=False)

    def _fix(self, result, source, rs):
        """--diff: the diff; --fix: write the file and lint it again."""
        from gialint.fix import (
            NotRewritten,
            fixed_text_and_findings,
            unified_diff,
            write_atomically,
        )

        after, done = fixed_text_and_findings(result)
        count = len(done)
        if not count:
            return result, None, 0
        if self.diff:
            return result, unified_diff(_relative(source.path), result.source_text or "", after), 0
        try:
            write_atomically(source.path, after, source.encoding, source.bom, was=source.text)
        except NotRewritten as err:  # changed meanwhile, or hard-linked: left as it is
            result.error_code, result.error_args = err.code, err.args_
            localize(result, "en")
            return result, None, 0
        except OSError as err:  # a read-only file or folder: say so, go on with the others
            result.error_code, result.error_args = "fix-write-failed", {"reason": err.strerror or str(err)}
            localize(result, "en")
            return result, None, 0
        try:
            again = read_path(result.path, encoding=self.options.encoding, display_path=result.path,
                              max_bytes=None)  # we just wrote it: the limit let it in
        except InputError:  # pragma: no cover - we just wrote it
            return result, None, count
        again = lint_source(again, rs)
        for f in done:
            key = f"{f.rule} {f.name}"
            again.fixed_rules[key] = again.fixed_rules.get(key, 0) + 1
        return again, None, count


def apply_baseline(results: list[FileResult], known, path: str) -> None:
    """Move the findings the baseline knows to the suppressed ones (SARIF: external)."""
    from gialint import baseline as baselines

    for r in results:
        if r.error is None:
            new, old = baselines.split(r, known)
            r.findings = new
            r.suppressed.extend((f, "external", f"baseline {path}") for f in old)
            r.baselined = True


def _relative(path: str) -> str:
    """A path for --diff headers (a/…, b/…): relative to the working directory, with
    ../ when outside it; only the file name on another drive (Windows)."""
    try:
        return Path(os.path.relpath(path, os.getcwd())).as_posix()
    except ValueError:
        return Path(path).name


def display_path(path: Path) -> str:
    """Relative to the working directory when below it, as users typed it otherwise."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)
