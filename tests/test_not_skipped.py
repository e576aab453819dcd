"""Nothing skipped in silence, and what a text run tells at its end.

* documents a folder run cannot read (.doc, .wps, .ofd, .mht, .xls …) are
  listed as not checked, with the reason and what to do, and counted;
* a scanned PDF gets GIA005 only and counts as not checked;
* a run that checked no file says so and exits 2 (one whose files were all
  excluded has nothing to do: exit 0);
* ``--force-exclude``: the configuration's ``exclude`` for named files;
* the summary line, ``--quiet``, ``--show-files``, ``--statistics``,
  ``--min-severity``, ``--show-fixes`` and the ``[*]`` mark.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
from gialint_testing import RULE_FIXTURES, SARIF_SCHEMA, call

CLEAN = (RULE_FIXTURES / "GIA101" / "pass_clean_2021.txt").read_text(encoding="utf-8")
BAD = (RULE_FIXTURES / "GIA101" / "fail_six_is_work_plan.txt").read_text(encoding="utf-8")
DEBRIS = RULE_FIXTURES / "GIA601" / "fail_footer_lines.txt"  # web-page footer lines --fix deletes
SCANNED = RULE_FIXTURES / "GIA005" / "fail_scanned.pdf"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512)  # the start of an old .doc / .wps / .xls

UNREAD = {"old.doc": "另存为 .docx", "draft.wps": "在 WPS 中另存为 .docx", "signed.ofd": "带文字层的 PDF",
          "page.mht": "另存为 .html", "tables.xls": "电子表格（.xls）", "tables.xlsx": "电子表格（.xlsx）"}


def gia(cwd, *args):
    result = call(*args, cwd=cwd)
    assert "Traceback" not in result.err, result.err
    return result


def _last(out: str) -> str:
    return out.rstrip("\n").rsplit("\n", 1)[-1]


@pytest.fixture
def folder(tmp_path) -> Path:
    """reports/: a clean report, one with an error, and documents gialint does not read."""
    # clean.txt and bad.txt are two versions of one report: not a second report of the year
    (tmp_path / "gialint.toml").write_text('ignore = ["GIA751"]\n', encoding="utf-8")
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "clean.txt").write_text(CLEAN, encoding="utf-8")
    (reports / "bad.txt").write_text(BAD, encoding="utf-8")
    for name in UNREAD:
        (reports / name).write_bytes(OLE2)
    (reports / "~$clean.docx").write_bytes(b"\x06gialint" + bytes(154))  # Word's lock file
    return tmp_path


def test_a_folder_lists_what_it_cannot_read(folder):
    result = gia(folder, "reports")
    assert result.code == 1  # the error in bad.txt; the unread documents do not make it 2
    for name, advice in UNREAD.items():
        (line,) = [ln for ln in result.out.splitlines() if ln.startswith(f"reports/{name}:")]
        assert line.startswith(f"reports/{name}: 未检查: ") and advice in line, line
    assert "~$" not in result.out
    assert re.fullmatch(r"发现 \d+ 个问题（错误 1，警告 0，提示 \d+），涉及 1 个文件；"
                        r"共找到 8 个文件，检查 2 个，未检查 6 个", _last(result.out)), result.out
    en = gia(folder, "--lang", "en", "reports")
    assert "reports/old.doc: not checked: old Word .doc (OLE2) format, not read; save it as .docx" in en.out
    assert _last(en.out).endswith("; 8 files found, 2 checked, 6 not checked")
    # without the error: exit 0, and the summary does not hide the unread files
    (folder / "reports" / "bad.txt").unlink()
    clean = gia(folder, "reports")
    assert clean.code == 0
    assert _last(clean.out) == "未发现问题；共找到 7 个文件，检查 1 个，未检查 6 个"


def test_unread_documents_in_the_machine_formats(folder):
    doc = gia(folder, "--format", "json", "reports").json()
    entries = {Path(f["path"]).name: f for f in doc["files"]}
    assert "旧版 Word .doc 格式" in entries["old.doc"]["error"]
    assert entries["clean.txt"]["error"] is None
    sarif = gia(folder, "--format", "sarif", "reports")
    assert sarif.code == 1
    jsonschema.validate(sarif.json(), json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
    invocation = sarif.json()["runs"][0]["invocations"][0]
    levels = {n["level"] for n in invocation["toolExecutionNotifications"]}
    assert levels == {"warning"} and invocation["executionSuccessful"]
    junit = gia(folder, "--format", "junit", "reports").out
    assert junit.count("<skipped message=") == len(UNREAD) and 'skipped="6"' in junit
    assert "::warning file=reports/old.doc" in gia(folder, "--format", "github", "reports").out


def test_named_unread_documents_are_input_errors(folder):
    result = gia(folder, "reports/old.doc", "reports/clean.txt")
    assert result.code == 2
    assert "reports/old.doc: 错误: 旧版 Word .doc 格式" in result.out
    assert _last(result.out).endswith("未检查 1 个（其中 1 个无法读取）")


def test_shtml_pages_are_read_as_html(tmp_path):
    (tmp_path / "gialint.toml").write_text("# defaults\n", encoding="utf-8")
    body = "".join(f"<p>{line}</p>\n" for line in BAD.splitlines() if "|" not in line)
    (tmp_path / "art_1.shtml").write_text(f"<html><body><div class='article'>{body}</div></body></html>",
                                          encoding="utf-8")
    doc = gia(tmp_path, "--format", "json", ".").json()
    (entry,) = doc["files"]
    assert entry["path"] == "art_1.shtml" and entry["error"] is None
    assert "GIA101" in {f["rule"] for f in entry["findings"]}


# -- nothing checked ------------------------------------------------------------------


def test_a_run_that_checked_nothing_exits_2(folder):
    for f in ("clean.txt", "bad.txt"):
        (folder / "reports" / f).unlink()
    result = gia(folder, "reports")
    assert result.code == 2
    assert "未发现问题" not in result.out
    assert _last(result.out) == "未检查任何文件；共找到 6 个文件，检查 0 个，未检查 6 个"
    (folder / "empty").mkdir()
    empty = gia(folder, "--lang", "en", "empty")
    assert empty.code == 2 and _last(empty.out) == "No file was checked; 0 files found, 0 checked, 0 not checked"
    js = gia(folder, "--format", "json", "empty")
    assert js.code == 2 and "未检查任何文件" in js.err


def test_a_scanned_pdf_gets_gia005_only(tmp_path):
    shutil.copy(SCANNED, tmp_path / "scan.pdf")
    (tmp_path / "gialint.toml").write_text("# defaults\n", encoding="utf-8")
    doc = gia(tmp_path, "--format", "json", "--select", "ALL", "scan.pdf").json()
    assert [f["rule"] for f in doc["files"][0]["findings"]] == ["GIA005"]  # not also GIA002 "empty"
    text = gia(tmp_path, "scan.pdf")
    assert text.code == 2  # nothing was checked
    assert "GIA005" in text.out and "文件为空" not in text.out
    assert _last(text.out) == ("未检查任何文件；发现 1 个问题（错误 1，警告 0，提示 0），涉及 1 个文件；"
                               "共找到 1 个文件，检查 0 个，未检查 1 个")
    # with GIA005 off, the file is still listed as not checked, with what to do
    off = gia(tmp_path, "--ignore", "GIA005", "scan.pdf")
    assert "scan.pdf: 未检查: PDF 没有文字层（扫描件），无法检查；请提供带文字层的 PDF，或将报告另存为 .docx" in off.out
    # beside a text report: counted as not checked, the run exits by its findings
    (tmp_path / "clean.txt").write_text(CLEAN, encoding="utf-8")
    both = gia(tmp_path, "--ignore", "GIA005", ".")
    assert both.code == 0 and _last(both.out) == "未发现问题；共找到 2 个文件，检查 1 个，未检查 1 个"
    from gialint.api import lint_paths

    reports = lint_paths([tmp_path / "scan.pdf", tmp_path / "clean.txt"], isolated=True)
    assert [r.checked for r in reports] == [False, True]


# -- exclude and --force-exclude --------------------------------------------------------


@pytest.fixture
def drafts(tmp_path) -> Path:
    (tmp_path / "gialint.toml").write_text(
        'exclude = ["notes*.txt"]\n[per-file-ignores]\n"legacy-*.txt" = ["GIA101"]\n', encoding="utf-8")
    (tmp_path / "notes.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "draft.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "legacy-2023.txt").write_text(BAD, encoding="utf-8")
    return tmp_path


def test_force_exclude_applies_exclude_to_named_files(drafts):
    named = gia(drafts, "notes.txt")  # named without --force-exclude: linted
    assert named.code == 1 and "notes.txt:" in named.out
    forced = gia(drafts, "--force-exclude", "notes.txt", "draft.txt")
    assert forced.code == 1 and "notes.txt" not in forced.out and "draft.txt:" in forced.out
    assert _last(forced.out).endswith("共找到 1 个文件，检查 1 个，未检查 0 个，按 exclude 排除 1 个")
    # pre-commit passing only the notes file: nothing to do, and that is fine
    only = gia(drafts, "--force-exclude", "notes.txt")
    assert only.code == 0
    assert _last(only.out) == "没有要检查的文件；共找到 0 个文件，检查 0 个，未检查 0 个，按 exclude 排除 1 个"
    # a folder run excludes them anyway
    folder = gia(drafts, ".")
    assert "notes.txt" not in folder.out and "按 exclude 排除 1 个" in _last(folder.out)


def test_per_file_ignores_apply_to_named_files(drafts):
    doc = gia(drafts, "--format", "json", "legacy-2023.txt", "draft.txt").json()
    rules = {Path(f["path"]).name: {g["rule"] for g in f["findings"]} for f in doc["files"]}
    assert "GIA101" not in rules["legacy-2023.txt"] and "GIA101" in rules["draft.txt"]


def test_the_hooks_pass_force_exclude():
    manifest = (Path(__file__).resolve().parent.parent / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    entries = re.findall(r"^\s*entry:\s*(.+)$", manifest, flags=re.M)
    ids = re.findall(r"^- id:\s*(\S+)", manifest, flags=re.M)
    assert ids == ["gialint", "gialint-docx"] and entries == ["gialint --force-exclude"] * 2
    files = re.findall(r"^\s*files:\s*(.+)$", manifest, flags=re.M)
    text_hook, docx_hook = (re.compile(f) for f in files)
    for name in ("报告.txt", "a.md", "b.html", "c.HTM", "art_1.shtml"):
        assert text_hook.search(name) and docx_hook.search(name), name
    assert docx_hook.search("报告.docx") and not text_hook.search("报告.docx")
    assert not docx_hook.search("报告.doc") and not docx_hook.search("scan.pdf")


# -- the summary line and its options -----------------------------------------------------


def test_quiet_prints_findings_only(folder):
    result = gia(folder, "--quiet", "reports")
    assert result.code == 1
    assert "共找到" not in result.out and "发现" not in result.out
    assert "reports/bad.txt:" in result.out and "reports/old.doc: 未检查" in result.out
    (folder / "reports" / "bad.txt").unlink()
    assert "GIA" not in gia(folder, "-q", "reports/clean.txt").out
    assert gia(folder, "-q", "reports/clean.txt").out == ""


def test_show_files(folder):
    result = gia(folder, "--show-files", "reports", "reports/bad.txt")
    assert result.code == 0
    # a file named twice (in the folder and by name) is listed, and linted, once (issue 18)
    assert result.out.splitlines() == ["reports/bad.txt", "reports/clean.txt"]
    assert "gialint: 未检查: reports/old.doc: 旧版 Word .doc 格式" in result.err
    missing = gia(folder, "--show-files", "nope.txt")
    assert missing.code == 2 and "nope.txt" in missing.err


def test_statistics(tmp_path):
    # the footer lines' ASCII colons (GIA723) are inside what GIA601 reports
    # (GIA751: the two files are one organ's reports of one year, not what is counted here)
    (tmp_path / "gialint.toml").write_text('ignore = ["GIA723", "GIA751"]\n', encoding="utf-8")
    shutil.copy(DEBRIS, tmp_path / "debris.txt")
    (tmp_path / "bad.txt").write_text(BAD, encoding="utf-8")
    result = gia(tmp_path, "--statistics", "debris.txt", "bad.txt")
    assert result.code == 1
    lines = result.out.splitlines()
    assert not any(re.match(r"\S+\.txt:\d+:\d+:", ln) for ln in lines)  # no single findings
    # most findings first, then by rule id; the names aligned
    assert lines[:2] == ["3  GIA201       table-missing     [提示]", "3  GIA503       placeholder-name  [错误]"]
    assert "1  GIA601  [*]  web-page-residue  [警告]" in lines
    assert "1  GIA113       missing-closing   [警告]" in lines  # the debris page ends unsigned
    assert lines[-1].startswith("发现 9 个问题")
    rows = gia(tmp_path, "--statistics", "--format", "json", "debris.txt", "bad.txt").json()
    assert rows[1] == {"rule": "GIA503", "name": "placeholder-name", "severity": "error", "count": 3,
                       "fixable": False}
    assert {"rule": "GIA601", "name": "web-page-residue", "severity": "warning", "count": 1,
            "fixable": True} in rows
    bad = gia(tmp_path, "--statistics", "--format", "sarif", "bad.txt")
    assert bad.code == 2 and "--statistics" in bad.err


def test_min_severity_filters_what_is_shown_not_the_exit_code(tmp_path):
    # the footer lines' ASCII colons (GIA723) are inside what GIA601 reports
    (tmp_path / "gialint.toml").write_text('ignore = ["GIA723"]\n', encoding="utf-8")
    shutil.copy(DEBRIS, tmp_path / "debris.txt")
    shown = gia(tmp_path, "--min-severity", "error", "--fail-on", "warning", "debris.txt")
    assert "GIA601" not in shown.out and "GIA503" in shown.out
    assert _last(shown.out).endswith("另有 2 个低于“错误”级别的问题未显示")  # GIA601, GIA113
    assert shown.code == 1
    # only warnings, all hidden: no "未发现问题", and the exit code still follows --fail-on
    (tmp_path / "w.txt").write_text(CLEAN.replace("某某街道办事处2023年政府信息公开工作年度报告\n", ""),
                                    encoding="utf-8")
    hidden = gia(tmp_path, "--min-severity", "error", "--fail-on", "warning", "w.txt")
    assert hidden.code == 1 and "未发现问题" not in hidden.out
    assert _last(hidden.out) == "共找到 1 个文件，检查 1 个，未检查 0 个；另有 1 个低于“错误”级别的问题未显示"
    assert gia(tmp_path, "--min-severity", "error", "w.txt").code == 0
    doc = gia(tmp_path, "--format", "json", "--min-severity", "error", "debris.txt").json()
    assert {f["rule"] for f in doc["files"][0]["findings"]} == {"GIA503"}


def test_fixable_mark_and_show_fixes(tmp_path):
    # the footer lines' ASCII colons (GIA723) are inside what GIA601 reports
    (tmp_path / "gialint.toml").write_text('ignore = ["GIA723"]\n', encoding="utf-8")
    shutil.copy(DEBRIS, tmp_path / "debris.txt")
    plain = gia(tmp_path, "debris.txt")
    assert re.search(r"^debris\.txt:\d+:\d+: GIA601 \[\*\] \[警告\] ", plain.out, flags=re.M)
    assert re.search(r"^debris\.txt:\d+:\d+: GIA503 \[错误\] ", plain.out, flags=re.M)
    assert _last(plain.out).endswith("其中 1 个问题（标有 [*]）可用 --fix 自动修复")
    assert "= 修复" not in plain.out
    shown = gia(tmp_path, "--show-fixes", "debris.txt")
    (fix,) = [ln for ln in shown.out.splitlines() if ln.startswith("   = 修复: ")]
    assert fix.startswith("   = 修复: 删除“附件:↵主办:") and fix.endswith("…”")
    en = gia(tmp_path, "--lang", "en", "--show-fixes", "debris.txt")
    assert "   = fix: delete “附件:↵" in en.out and "1 fixable with --fix (marked [*])" in en.out
    assert (tmp_path / "debris.txt").read_bytes() == DEBRIS.read_bytes()  # nothing written
    fixed = gia(tmp_path, "--fix", "--show-fixes", "debris.txt")
    assert "已修复 1 个问题：\n  debris.txt: GIA601 web-page-residue ×1" in fixed.err
    assert "GIA601" not in fixed.out and "[*]" not in fixed.out
    assert (tmp_path / "debris.txt").read_bytes() != DEBRIS.read_bytes()
