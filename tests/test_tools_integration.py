"""gialint's output read by the tools it is written for.

* **pre-commit** (slow): the README's ``.pre-commit-config.yaml`` snippets
  (hook ``gialint`` for text drafts, ``gialint-docx`` for Word drafts too),
  pointed at a temporary git repository holding a copy of this checkout,
  installed with ``pre-commit install`` in a repository of drafts: a clean
  draft commits, a draft with an error does not, and the hook's output names
  the file and line; a notes file the drafts repository's ``exclude`` names is
  not linted (the hook passes ``--force-exclude``).  pre-commit builds its own
  virtual environment and pip-installs gialint (and python-docx for
  ``gialint-docx``) into it from that repository, so this needs PyPI.
* **sarif-tools** (slow): a SARIF consumer from PyPI (``sarif summary`` and
  ``sarif csv``) reads gialint's SARIF for the seed reports and finds the same
  results, rule ids, levels, files and lines as gialint's own JSON.
* **GitLab Code Quality and JUnit** on every real report: the documents
  parse, carry the fields the consumers require, and fingerprints are unique
  and stable between runs.
"""

from __future__ import annotations

import collections
import csv
import importlib.util
import io
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from docx_builder import text_to_docx
from gialint_testing import REAL, REPO, RULE_FIXTURES, call, real_files

GOOD_DRAFT = RULE_FIXTURES / "GIA101" / "pass_clean_2021.txt"
BAD_DRAFT = RULE_FIXTURES / "GIA101" / "fail_six_is_work_plan.txt"

# What is left out when the checkout is copied into the hook's repository:
# version control, virtual environments, caches and build output.  Anything
# else that .gitignore lists is left out by `git add` in the copy.
COPY_IGNORE = shutil.ignore_patterns(
    ".git", ".venv", "venv", "__pycache__", "*.pyc", ".pytest_cache", ".ruff_cache",
    ".benchmarks", "build", "dist", "*.egg-info",
)

TIMEOUT = 600  # one step of pre-commit: clone, virtualenv, pip install from PyPI


# -- helpers -------------------------------------------------------------------


def _tool_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for git, pre-commit and sarif-tools.

    Nothing may point back into the checkout (``PYTHONPATH``) or into another
    repository (``GIT_DIR`` … set when the tests run from a git hook), and the
    user's git configuration (a ``core.hooksPath``, commit signing) must not
    take part: the test repositories get their own identity.
    """
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("GIT_", "PRE_COMMIT"))
           and k not in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV", "SKIP")}
    env.update({
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_TERMINAL_PROMPT": "0",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "PRE_COMMIT_COLOR": "never",
        "NO_COLOR": "1",
        "PYTHONIOENCODING": "utf-8",
        "PYTHONUTF8": "1",  # sarif-tools writes its CSV in the locale's encoding otherwise
    })
    env.update(extra or {})
    return env


def _run(cmd, cwd: Path, env: dict[str, str], timeout: int = TIMEOUT) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True,
                          text=True, encoding="utf-8", errors="replace", timeout=timeout,
                          stdin=subprocess.DEVNULL)


def _show(proc: subprocess.CompletedProcess) -> str:
    return (f"{' '.join(proc.args)} exited {proc.returncode}\n"
            f"--- stdout\n{proc.stdout[-6000:]}\n--- stderr\n{proc.stderr[-6000:]}")


def _ok(proc: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert proc.returncode == 0, _show(proc)
    return proc


def _git_init(path: Path, env: dict[str, str]) -> None:
    _ok(_run(["git", "-c", "init.defaultBranch=main", "init", "-q", path], path.parent, env))
    for key, value in (("user.name", "gialint tests"), ("user.email", "tests@gialint.invalid"),
                       ("commit.gpgsign", "false")):
        _ok(_run(["git", "config", key, value], path, env))


def _commit_count(repo: Path, env: dict[str, str]) -> int:
    return int(_ok(_run(["git", "rev-list", "--count", "HEAD"], repo, env)).stdout.strip())


def readme_pre_commit_config(hook: str = "gialint") -> str:
    """The README's ``.pre-commit-config.yaml`` snippet for ``hook``, as written there."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```ya?ml\n(.*?)^```", readme, flags=re.M | re.S)
    snippets = [b for b in blocks if re.search(r"^repos:", b, flags=re.M)
                and re.search(rf"^\s*-\s*id:\s*{re.escape(hook)}\s*$", b, flags=re.M)]
    assert len(snippets) == 1, f"README.md should show one .pre-commit-config.yaml with id: {hook}"
    return snippets[0]


def point_config_at(config: str, repo: Path, rev: str) -> str:
    """The snippet with its ``repo:`` and ``rev:`` replaced, nothing else changed."""
    config, n_repo = re.subn(r"^(\s*-\s*repo:\s*)\S.*$", lambda m: m.group(1) + json.dumps(str(repo)),
                             config, flags=re.M)
    config, n_rev = re.subn(r"^(\s*rev:\s*)\S.*$", lambda m: m.group(1) + rev, config, flags=re.M)
    assert (n_repo, n_rev) == (1, 1), config
    return config


# -- pre-commit ----------------------------------------------------------------


@pytest.fixture(scope="module")
def pre_commit_env(tmp_path_factory) -> dict[str, str]:
    if importlib.util.find_spec("pre_commit") is None:
        pytest.fail("pre-commit is not installed: pip install -e '.[test]'")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    home = tmp_path_factory.mktemp("pre-commit-home")
    return _tool_env({"PRE_COMMIT_HOME": str(home)})


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory, pre_commit_env) -> tuple[Path, str]:
    """A git repository with this checkout's working tree in one commit: (path, sha)."""
    src = tmp_path_factory.mktemp("hook") / "gialint-src"
    shutil.copytree(REPO, src, ignore=COPY_IGNORE, symlinks=True)
    _git_init(src, pre_commit_env)
    _ok(_run(["git", "add", "-A"], src, pre_commit_env))
    _ok(_run(["git", "commit", "-q", "--no-verify", "-m", "gialint under test"], src,
             pre_commit_env))
    sha = _ok(_run(["git", "rev-parse", "HEAD"], src, pre_commit_env)).stdout.strip()
    assert re.fullmatch(r"[0-9a-f]{40}", sha), sha
    tracked = _ok(_run(["git", "ls-files"], src, pre_commit_env)).stdout.splitlines()
    assert ".pre-commit-hooks.yaml" in tracked and "pyproject.toml" in tracked
    return src, sha


def _expected_gia101_line(path: Path = BAD_DRAFT) -> int:
    found = call("--isolated", "--format", "json", "--select", "GIA101", path)
    assert found.code == 1, found.out + found.err
    lines = [f["line"] for f in found.findings() if f["rule"] == "GIA101"]
    assert len(lines) == 1, found.out
    return lines[0]


@pytest.mark.slow
def test_pre_commit_hook_blocks_a_draft_with_errors(tmp_path, pre_commit_env, hook_repo):
    env = pre_commit_env
    src, sha = hook_repo
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    _git_init(drafts, env)
    config = point_config_at(readme_pre_commit_config(), src, sha)
    (drafts / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    # stop gialint's configuration search here, whatever lies above the temporary directory;
    # notes are no report (the hook passes --force-exclude: exclude applies to named files)
    (drafts / "gialint.toml").write_text('exclude = ["notes*.txt"]\n', encoding="utf-8")
    pre_commit = [sys.executable, "-m", "pre_commit"]
    _ok(_run([*pre_commit, "install"], drafts, env))
    assert (drafts / ".git" / "hooks" / "pre-commit").is_file()

    # a clean draft commits; the first run clones the hook repository and
    # builds its environment (pip install of gialint from that repository)
    shutil.copy(GOOD_DRAFT, drafts / "good.txt")
    _ok(_run(["git", "add", "good.txt", ".pre-commit-config.yaml", "gialint.toml"], drafts, env))
    good = _run(["git", "commit", "-m", "good draft"], drafts, env)
    assert good.returncode == 0, _show(good)
    good_out = good.stdout + good.stderr
    assert re.search(r"^gialint .*Passed$", good_out, flags=re.M), _show(good)
    assert _commit_count(drafts, env) == 1
    # the hook ran gialint as pip installed it from the hook repository
    home = Path(env["PRE_COMMIT_HOME"])
    assert any(home.glob("*/py_env-*/**/site-packages/gialint/rules/structure.toml")), (
        sorted(str(p.relative_to(home)) for p in home.glob("*/py_env-*")))

    # a draft with an error does not commit, and the hook says where the error is
    shutil.copy(BAD_DRAFT, drafts / "bad.txt")
    _ok(_run(["git", "add", "bad.txt"], drafts, env))
    bad = _run(["git", "commit", "-m", "bad draft"], drafts, env)
    assert bad.returncode != 0, _show(bad)
    bad_out = bad.stdout + bad.stderr
    assert re.search(r"^gialint .*Failed$", bad_out, flags=re.M), _show(bad)
    line = _expected_gia101_line()
    assert re.search(rf"^bad\.txt:{line}:\d+: GIA101 ", bad_out, flags=re.M), _show(bad)
    assert not re.search(r"^good\.txt:\d+", bad_out, flags=re.M), _show(bad)
    assert _commit_count(drafts, env) == 1
    staged = _ok(_run(["git", "diff", "--cached", "--name-only"], drafts, env)).stdout.split()
    assert staged == ["bad.txt"]

    # run over the whole repository: the good draft passes, the bad one is named
    one = _run([*pre_commit, "run", "--files", "good.txt"], drafts, env)
    assert one.returncode == 0, _show(one)
    every = _run([*pre_commit, "run", "--all-files"], drafts, env)
    assert every.returncode == 1, _show(every)
    assert re.search(rf"^bad\.txt:{line}:\d+: GIA101 ", every.stdout, flags=re.M), _show(every)
    # the good draft has nothing to correct; with both drafts of one organ and
    # year in the run, it may carry GIA751's note (only the first is compared)
    assert not re.search(r"^good\.txt:\d+:\d+: GIA\d+ \[(错误|警告)\]", every.stdout, flags=re.M), _show(every)
    assert set(re.findall(r"^good\.txt:\d+:\d+: (GIA\d+)", every.stdout, flags=re.M)) <= {"GIA751"}, _show(every)

    # a notes file the drafts repository excludes commits, though it is no report at all
    _ok(_run(["git", "reset", "-q"], drafts, env))
    (drafts / "bad.txt").unlink()
    (drafts / "notes.txt").write_text("给审核人的备注：第六部分待补充。\n", encoding="utf-8")
    _ok(_run(["git", "add", "notes.txt"], drafts, env))
    notes = _run(["git", "commit", "-m", "notes"], drafts, env)
    assert notes.returncode == 0, _show(notes)
    assert not re.search(r"^notes\.txt:\d+", notes.stdout + notes.stderr, flags=re.M), _show(notes)
    assert _commit_count(drafts, env) == 2
    # gialint was run on it and said why it checked nothing (exit 0: it was excluded)
    verbose = _run([*pre_commit, "run", "--verbose", "--files", "notes.txt"], drafts, env)
    assert verbose.returncode == 0, _show(verbose)
    assert "没有要检查的文件" in verbose.stdout and "按 exclude 排除 1 个" in verbose.stdout, _show(verbose)


@pytest.mark.slow
def test_pre_commit_docx_hook_blocks_a_word_draft_with_errors(tmp_path, pre_commit_env, hook_repo):
    """The README's gialint-docx hook installs python-docx itself: a Word draft
    missing section 六 does not commit, a good one does."""
    env = pre_commit_env
    src, sha = hook_repo
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    _git_init(drafts, env)
    config = point_config_at(readme_pre_commit_config("gialint-docx"), src, sha)
    (drafts / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    (drafts / "gialint.toml").write_text("# defaults\n", encoding="utf-8")
    pre_commit = [sys.executable, "-m", "pre_commit"]
    _ok(_run([*pre_commit, "install"], drafts, env))

    text_to_docx(GOOD_DRAFT.read_text(encoding="utf-8"), drafts / "good.docx")
    _ok(_run(["git", "add", "good.docx", ".pre-commit-config.yaml", "gialint.toml"], drafts, env))
    good = _run(["git", "commit", "-m", "good Word draft"], drafts, env)
    assert good.returncode == 0, _show(good)
    assert re.search(r"^gialint .*Passed$", good.stdout + good.stderr, flags=re.M), _show(good)
    home = Path(env["PRE_COMMIT_HOME"])
    assert any(home.glob("*/py_env-*/**/site-packages/docx/__init__.py")), "python-docx not installed"

    bad = drafts / "bad.docx"
    text_to_docx(BAD_DRAFT.read_text(encoding="utf-8"), bad)
    line = _expected_gia101_line(bad)
    _ok(_run(["git", "add", "bad.docx"], drafts, env))
    blocked = _run(["git", "commit", "-m", "bad Word draft"], drafts, env)
    assert blocked.returncode != 0, _show(blocked)
    out = blocked.stdout + blocked.stderr
    assert re.search(r"^gialint .*Failed$", out, flags=re.M), _show(blocked)
    assert re.search(rf"^bad\.docx:{line}:\d+: GIA101 ", out, flags=re.M), _show(blocked)
    assert "= 位置: 第 " in out, _show(blocked)
    assert _commit_count(drafts, env) == 1


# -- sarif-tools ---------------------------------------------------------------


def _sarif_tools() -> list[str]:
    if importlib.util.find_spec("sarif") is None:
        pytest.skip("sarif-tools is not installed (pip install -e '.[test]' installs it); "
                    "the SARIF consumer test needs it")
    return [sys.executable, "-m", "sarif"]


SEED_FILES = sorted(p.relative_to(REPO).as_posix() for p in REAL.glob("0*.txt"))
SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


@pytest.mark.slow
def test_sarif_tools_reads_the_seed_results(tmp_path):
    sarif = _sarif_tools()
    env = _tool_env()
    assert len(SEED_FILES) == 5, SEED_FILES

    # gialint's own account of the findings, to compare with what sarif-tools reads
    own = call("--format", "json", *SEED_FILES, cwd=REPO)
    assert own.code == 1, own.out + own.err
    expected = sorted(
        (f["rule"], SARIF_LEVEL[f["severity"]], result["path"], f["line"])
        for result in own.json()["files"] for f in result["findings"]
    )
    assert expected, "the seeds should have findings"
    rules = {e[0] for e in expected}
    assert {"GIA101", "GIA603"} <= rules  # 002 lacks section 六, 000 carries injected spam

    report = tmp_path / "gialint.sarif"
    made = call("--format", "sarif", "--output", report, *SEED_FILES, cwd=REPO)
    assert made.code == 1, made.out + made.err
    assert report.is_file()

    summary = _run([*sarif, "summary", report], tmp_path, env, timeout=300)
    assert summary.returncode == 0, _show(summary)
    counts = {m[0]: int(m[1]) for m in
              re.findall(r"^(error|warning|note): (\d+)\s*$", summary.stdout, flags=re.M)}
    wanted = collections.Counter(level for _, level, _, _ in expected)
    for level in ("error", "warning", "note"):
        assert counts.get(level, 0) == wanted[level], (level, summary.stdout)
    for rule in rules:
        assert re.search(rf"^ - {rule}\b", summary.stdout, flags=re.M), (rule, summary.stdout)

    table = tmp_path / "gialint.csv"
    listed = _run([*sarif, "csv", "--output", table, report], tmp_path, env, timeout=300)
    assert listed.returncode == 0, _show(listed)
    rows = list(csv.DictReader(io.StringIO(table.read_text(encoding="utf-8-sig"))))
    assert {r["Tool"] for r in rows} == {"gialint"}
    got = sorted((r["Code"], r["Severity"], r["Location"], int(r["Line"])) for r in rows)
    assert got == expected

    # --check error: sarif-tools itself fails the build on gialint's errors
    gate = _run([*sarif, "--check", "error", "summary", report], tmp_path, env, timeout=300)
    assert gate.returncode != 0, _show(gate)


# -- GitLab Code Quality and JUnit ---------------------------------------------


REAL_FILES = [p.relative_to(REPO).as_posix() for p in real_files()]
GITLAB_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def _findings_per_file(failing: bool = False) -> dict[str, int]:
    """Findings per file (``failing``: only the errors and warnings, JUnit's failures)."""
    own = call("--format", "json", *REAL_FILES, cwd=REPO)
    assert own.code in (0, 1), own.err
    return {r["path"]: sum(1 for f in r["findings"] if not failing or
                           (f["severity"] != "info" and not f.get("verbose")))
            for r in own.json()["files"]}


def test_real_reports_in_gitlab_code_quality(tmp_path):
    assert any(p.endswith(".md") for p in REAL_FILES) and any(p.endswith(".txt") for p in REAL_FILES)
    documents = []
    for n in (1, 2):
        out = tmp_path / f"gl-code-quality-report-{n}.json"
        proc = call("--format", "gitlab", "--output", out, "--exit-zero", *REAL_FILES, cwd=REPO)
        assert proc.code == 0, proc.out + proc.err
        documents.append(json.loads(out.read_text(encoding="utf-8")))
    first, second = documents
    assert isinstance(first, list) and first
    per_file = _findings_per_file()
    assert len(first) == sum(per_file.values())
    assert collections.Counter(i["location"]["path"] for i in first) == +collections.Counter(per_file)
    for issue in first:
        assert isinstance(issue["description"], str) and issue["description"], issue
        assert re.match(r"GIA\d{3}\b", issue["check_name"]), issue
        assert re.fullmatch(r"[0-9a-f]{16,}", issue["fingerprint"]), issue
        assert issue["severity"] in GITLAB_SEVERITIES, issue
        assert issue["location"]["path"] in per_file, issue
        begin = issue["location"]["positions"]["begin"]
        assert isinstance(begin["line"], int) and begin["line"] >= 1, issue
    fingerprints = [i["fingerprint"] for i in first]
    assert len(set(fingerprints)) == len(fingerprints), "fingerprints must be unique"
    assert fingerprints == [i["fingerprint"] for i in second], "fingerprints must be stable"
    assert first == second


def test_real_reports_in_junit(tmp_path):
    out = tmp_path / "gialint-junit.xml"
    proc = call("--format", "junit", "--output", out, *REAL_FILES, cwd=REPO)
    assert proc.code == 1, proc.out + proc.err  # the real reports have errors
    root = ET.parse(out).getroot()
    assert root.tag == "testsuites"
    cases = root.findall("./testsuite/testcase")
    names = [c.get("name") for c in cases]
    assert sorted(names) == sorted(REAL_FILES), "one test case per file"
    per_file = _findings_per_file(failing=True)
    for case in cases:
        failures = case.findall("failure")
        assert len(failures) == per_file[case.get("name")], case.get("name")
        for failure in failures:
            assert re.fullmatch(r"GIA\d{3}", failure.get("type")), failure.attrib
            assert failure.get("message")
            assert (failure.text or "").startswith(case.get("name") + ":")
    suites = root.findall("testsuite")
    assert sum(int(s.get("tests")) for s in suites) == len(REAL_FILES)
    assert sum(int(s.get("failures")) for s in suites) == sum(per_file.values())
    assert sum(int(s.get("errors")) for s in suites) == 0
