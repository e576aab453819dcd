"""docs/使用说明.md, the Chinese quick start: linked from the README, and its
terminal captures are what the commands print."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from gialint_testing import call

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "使用说明.md"


def _captures() -> list[tuple[str, str]]:
    """(command line, output) of each ```text block that starts with `$ gialint`."""
    text = GUIDE.read_text(encoding="utf-8")
    out = []
    for block in re.findall(r"```text\n(.*?)```", text, re.S):
        if block.startswith("$ gialint "):
            command, _, output = block.partition("\n")
            out.append((command[2:], output))
    return out


def test_the_guide_is_linked_from_the_readme():
    assert "(docs/使用说明.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
    for part in ("安装", "检查一份报告", "看懂一条问题", "修改", "不报告", "为本部门配置", "pre-commit"):
        assert part in GUIDE.read_text(encoding="utf-8"), part


def test_the_first_captures_are_real(tmp_path):
    (tmp_path / "报告").mkdir()
    draft = (ROOT / "examples" / "report-2024-draft.txt").read_text(encoding="utf-8")
    (tmp_path / "报告" / "2024年度报告.txt").write_text(draft, encoding="utf-8")
    (tmp_path / "gialint.toml").write_text("# 默认配置\n", encoding="utf-8")
    captures = dict(reversed(_captures()))  # the first capture of each command line
    lint = captures["gialint 报告/2024年度报告.txt"]
    result = call("报告/2024年度报告.txt", cwd=tmp_path)
    assert result.out.rstrip("\n") == lint.rstrip("\n")  # the first capture (section 2)
    rule = call("rule", "GIA501")
    assert rule.out.startswith(captures["gialint rule GIA501"].rstrip("\n"))


def test_the_config_error_captures_are_real(tmp_path):
    (tmp_path / "报告").mkdir()
    (tmp_path / "报告" / "r.txt").write_text("x\n", encoding="utf-8")
    shown = [out for cmd, out in _captures() if cmd.startswith("gialint --config bad.toml")]
    assert len(shown) == 2
    for text, expected in zip(('organ-type = "bureau"\n', 'deadline = "02-30"\n'), shown, strict=True):
        (tmp_path / "bad.toml").write_text(text, encoding="utf-8")
        result = call(*shlex.split("--config bad.toml 报告/"), cwd=tmp_path)
        assert result.code == 2
        assert result.err.strip() == expected.strip()
