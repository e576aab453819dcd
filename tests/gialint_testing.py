"""Helpers shared by the end-to-end tests (not a test module itself).

``call`` runs ``gialint.cli.main`` in this process, with its own working
directory, standard input and output (no cold start: what most tests use);
``run`` starts ``python -m gialint`` in a subprocess with the repository on
``PYTHONPATH`` (so the tests work from a checkout without installing it), for
what needs a process of its own: the module entry point, real pipes, the
environment, forked workers and caches shared between processes.
``run_main`` calls ``main`` with output captured by pytest's ``capsys``.  Real reports live in ``tests/data/real`` so that the suite
does not depend on anything outside the repository.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
DATA = TESTS / "data"
REAL = DATA / "real"
RULE_FIXTURES = TESTS / "fixtures" / "rules"
SARIF_SCHEMA = DATA / "sarif-schema-2.1.0.json"

SEEDS = {
    "000": REAL / "000_a5bd9248bbb29327.txt",
    "001": REAL / "001_255bb5990695ecd9.txt",
    "002": REAL / "002_293c52a418def646.txt",
    "003": REAL / "003_d0ad4e6dd563e698.txt",
    "004": REAL / "004_23a0f62feca6158e.txt",
}


@dataclass
class Run:
    code: int
    out: str
    err: str

    def json(self) -> dict:
        return json.loads(self.out)

    def findings(self, index: int = 0) -> list[dict]:
        return self.json()["files"][index]["findings"]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH")) if p)
    env["PYTHONIOENCODING"] = "utf-8"
    env.pop("NO_COLOR", None)
    return env


def run(*args: str | os.PathLike, cwd: str | os.PathLike | None = None,
        stdin: bytes | None = None, env: dict[str, str] | None = None) -> Run:
    """``python -m gialint ARGS`` in a subprocess (``env``: extra variables)."""
    proc = subprocess.run(
        [sys.executable, "-m", "gialint", *map(str, args)],
        cwd=cwd, input=stdin if stdin is not None else b"", capture_output=True,
        env={**_env(), **(env or {})}, timeout=300,
    )
    return Run(proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8"))


def call(*args: str | os.PathLike, cwd: str | os.PathLike | None = None,
         stdin: bytes | None = None) -> Run:
    """``gialint ARGS`` by ``gialint.cli.main`` in this process: ``cwd`` as the
    working directory, ``stdin`` as standard input, output captured as UTF-8
    (not a terminal, like a pipe); an argparse exit is its exit code."""
    from gialint.cli import main

    out, err = io.StringIO(), io.StringIO()
    fake_in = io.TextIOWrapper(io.BytesIO(stdin or b""), encoding="utf-8")
    saved_in, here = sys.stdin, os.getcwd()
    try:
        sys.stdin = fake_in
        if cwd is not None:
            os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main([str(a) for a in args])
            except SystemExit as exit_:  # --help, --version, a usage error
                code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 2)
    finally:
        sys.stdin = saved_in
        os.chdir(here)
    return Run(code, out.getvalue(), err.getvalue())


def run_main(capsys, *args: str | os.PathLike) -> Run:
    """``gialint.cli.main(ARGS)`` in this process; output captured by capsys."""
    from gialint.cli import main

    capsys.readouterr()  # drop anything printed before
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return Run(code, out, err)


def real_files() -> list[Path]:
    """Every real report kept for the tests (.txt and .md)."""
    return sorted(p for p in REAL.iterdir() if p.suffix in (".txt", ".md"))


def positions(findings: list[dict], rule: str | None = None) -> list[list[int]]:
    return sorted(
        [f["line"], f["column"], f["end_line"], f["end_column"]]
        for f in findings if rule is None or f["rule"] == rule
    )


# -- golden files ------------------------------------------------------------

#: every real report, in every format gialint reads (PDF and Word need extras)
REAL_REPORTS = sorted(
    p for p in REAL.rglob("*")
    if p.is_file() and p.suffix.lower() in (".txt", ".md", ".html", ".htm", ".pdf", ".docx")
)


def golden_name(path: Path, suffix: str) -> str:
    """The golden file of the real report ``path``: its place under tests/data/real, flat."""
    return path.relative_to(REAL).as_posix().replace("/", "__") + suffix


def stale_golden_files(folder: Path, suffix: str) -> list[str]:
    """Golden files in ``folder`` whose report is gone."""
    names = {golden_name(p, suffix) for p in REAL_REPORTS}
    return sorted(p.name for p in folder.glob("*" + suffix) if p.name not in names)


def check_golden(golden: Path, text: str, what: str, parse=lambda s: s) -> None:
    """``text`` must equal the golden file (compared after ``parse``); with
    GIALINT_UPDATE_GOLDEN=1, or when the file is missing outside CI, write it."""
    import pytest

    update = os.environ.get("GIALINT_UPDATE_GOLDEN") == "1"
    if update or not golden.exists():
        if not update and os.environ.get("CI"):
            pytest.fail(f"missing golden file {golden.name} (run with GIALINT_UPDATE_GOLDEN=1)")
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
        return
    assert parse(text) == parse(golden.read_text(encoding="utf-8")), (
        f"{what} changed; if intended, run with GIALINT_UPDATE_GOLDEN=1 and review the diff "
        f"of {golden.relative_to(TESTS.parent).as_posix()}"
    )
