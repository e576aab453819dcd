"""Issue 15, validation: days that do not exist, --jobs, --diff headers, files named like commands."""

from __future__ import annotations

import pytest
from gialint_testing import RULE_FIXTURES, SEEDS, call

CLEAN = (RULE_FIXTURES / "GIA101" / "pass_clean_2021.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("day", ["02-30", "02-29", "04-31"])
def test_a_deadline_no_year_has_is_a_config_error_with_its_line(tmp_path, day):
    (tmp_path / "gialint.toml").write_text(f'# local rules\ndeadline = "{day}"\n', encoding="utf-8")
    (tmp_path / "r.txt").write_text(CLEAN, encoding="utf-8")
    result = call("r.txt", cwd=tmp_path)
    assert result.code == 2
    assert "Traceback" not in result.err
    assert "gialint.toml:2" in result.err and day in result.err


def test_a_real_deadline_is_accepted(tmp_path):
    (tmp_path / "gialint.toml").write_text('deadline = "02-28"\n', encoding="utf-8")
    (tmp_path / "r.txt").write_text(CLEAN, encoding="utf-8")
    assert call("r.txt", cwd=tmp_path).code == 0


@pytest.mark.parametrize("n", ["0", "-1", "two"])
def test_jobs_must_be_positive(tmp_path, n):
    (tmp_path / "r.txt").write_text(CLEAN, encoding="utf-8")
    result = call("--isolated", "--jobs", n, "r.txt", cwd=tmp_path)
    assert result.code == 2
    assert "--jobs" in result.err and "Traceback" not in result.err


def test_diff_headers_are_relative_paths(tmp_path):
    work = tmp_path / "work"
    (work / "drafts").mkdir(parents=True)
    (tmp_path / "outside.txt").write_bytes(SEEDS["004"].read_bytes())
    (work / "drafts" / "r.txt").write_bytes(SEEDS["004"].read_bytes())
    result = call("--isolated", "--select", "contamination", "--diff",
                  str(work / "drafts" / "r.txt"), str(tmp_path / "outside.txt"), cwd=work)
    headers = [ln for ln in result.out.splitlines() if ln.startswith(("--- ", "+++ "))]
    assert headers == ["--- a/drafts/r.txt", "+++ b/drafts/r.txt",
                       "--- a/../outside.txt", "+++ b/../outside.txt"]


@pytest.mark.parametrize("name", ["rules", "rule", "parse"])
def test_a_file_named_like_a_command_is_linted(tmp_path, name):
    (tmp_path / name).write_text(CLEAN.replace("六、其他需要报告的事项", "六、其他事项"), encoding="utf-8")
    for arg in (name, f"./{name}"):
        result = call(arg, "--isolated", "--format", "json", cwd=tmp_path)  # the name first
        assert result.code in (0, 1), result.err
        assert result.json()["files"][0]["path"] == name
        assert result.findings()


def test_a_folder_named_rules_does_not_hide_the_command(tmp_path):
    (tmp_path / "rules").mkdir()
    result = call("rules", cwd=tmp_path)
    assert result.code == 0 and "GIA101" in result.out
    (tmp_path / "rules" / "r.txt").write_text(CLEAN, encoding="utf-8")
    assert call("--isolated", "./rules", cwd=tmp_path).code == 0


def test_t3_balance_names_both_sides_and_never_blames_a_right_total(tmp_path):
    """一、本年新收 wrong: （七）总计 agrees with its result rows, so the message gives
    both sides' sums and names the cells to check, never "（七）总计 应为 N"."""
    text = (RULE_FIXTURES / "GIA301" / "fail_carried_over_not_answered_pipe.txt").read_text(encoding="utf-8")
    (tmp_path / "r.txt").write_text(text, encoding="utf-8")
    result = call("--isolated", "--select", "GIA301", "--format", "json", "r.txt", cwd=tmp_path)
    findings = result.findings()
    assert findings and all("应为" not in f["message"] for f in findings)
    total = next(f for f in findings if "（总计） 10 + 二" in f["message"])
    assert "合计 12" in total["message"] and "合计 10" in total["message"]
    assert "（七）总计（总计） 10 与以上各项办理结果之和相符" in total["message"]
    assert total["line"] == 25  # at 一、本年新收, not at the （七）总计 that is right
    english = call("--isolated", "--lang", "en", "--select", "GIA301", "--format", "json", "r.txt",
                   cwd=tmp_path).findings()
    assert all("gives" not in f["message"] and "add up to 12" in f["message"] for f in english[1:])
