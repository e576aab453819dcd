"""What a release promises: the distribution's name, the tag the README names, the changelog.

The name ``gialint`` on PyPI is an unrelated project, so every install line
must name ``gialint-cn`` (or this repository at a tag), and the tag that the
README's pre-commit ``rev:`` and install lines name must be this version's.
"""

from __future__ import annotations

import re
import sys

from gialint_testing import REPO

import gialint

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
README = (REPO / "README.md").read_text(encoding="utf-8")
TAG = f"v{gialint.__version__}"
DOCS = [REPO / "README.md", REPO / "CHANGELOG.md", *sorted((REPO / "docs").glob("*.md"))]


def test_the_distribution_is_gialint_cn_with_the_gialint_command():
    project = PYPROJECT["project"]
    assert project["name"] == "gialint-cn"
    assert project["scripts"] == {"gialint": "gialint.cli:main"}
    # an extra naming the project by another name would install that project from the index
    for extra, requirements in project["optional-dependencies"].items():
        for req in requirements:
            name = re.match(r"[A-Za-z0-9._-]+", req).group(0)
            assert name != "gialint", (extra, req)


def test_no_install_line_names_the_unrelated_package():
    bare = re.compile(r"\b(?:pip|pipx)\s+install\s+(?:-\S+\s+)*['\"]?gialint(?:\[[^\]]*\])?['\"]?(?:\s|$)")
    for path in DOCS:
        text = path.read_text(encoding="utf-8")
        for line in text.splitlines():
            assert not bare.search(line), (path.name, line)
    assert "pip uninstall gialint" in README and "Galaxy Image Analysis" in README


def test_the_readme_names_this_version_s_tag():
    revs = re.findall(r"^\s*rev:\s*(\S+)\s*$", README, flags=re.M)
    assert revs and set(revs) == {TAG}, revs
    tags = set(re.findall(r"gialint/gialint(?:@|/archive/refs/tags/)(v[0-9][^\s\"'.]*(?:\.[0-9]+)*)", README))
    assert tags == {TAG}, tags
    for path in (REPO / ".pre-commit-hooks.yaml",):
        for rev in re.findall(r"rev:\s*(\S+)", path.read_text(encoding="utf-8")):
            assert rev == TAG, (path.name, rev)


def test_the_changelog_has_this_version():
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## \[?([^\]\s]+)", changelog, flags=re.M)
    assert headings[:2] == ["Unreleased", gialint.__version__], headings
    assert "CHANGELOG.md" in README


def test_the_word_hook_installs_the_docx_extra():
    """pre-commit installs the hook repository without extras: the gialint-docx hook
    lists the docx extra's requirements itself, and they must stay the same."""
    manifest = (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    hooks = re.split(r"^- id:\s*", manifest, flags=re.M)[1:]
    by_id = {h.split("\n", 1)[0].strip(): h for h in hooks}
    assert set(by_id) == {"gialint", "gialint-docx"}
    deps = re.search(r"^\s*additional_dependencies:\s*\[(.*)\]\s*$", by_id["gialint-docx"], flags=re.M)
    listed = [d.strip().strip('"\'') for d in deps.group(1).split(",")]
    assert listed == PYPROJECT["project"]["optional-dependencies"]["docx"]
    assert "additional_dependencies" not in by_id["gialint"]
    assert "docx" in re.search(r"^\s*files:\s*(.+)$", by_id["gialint-docx"], flags=re.M).group(1)


def test_the_repository_s_own_hook_has_the_runtime_dependencies():
    """The local gialint-examples hook runs the checkout with additional_dependencies
    only: they must be [project].dependencies (platformdirs and regex were missing)."""
    config = (REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    block = config[config.index("id: gialint-examples"):]
    deps = re.search(r"additional_dependencies:\s*\[(.*?)\]", block, flags=re.S).group(1)
    listed = [d.strip().strip('"') for d in re.findall(r'"[^"]*"', deps)]
    assert listed == PYPROJECT["project"]["dependencies"]
