"""Machine-readable JSON output: one document for the whole run.

Lines and columns are 1-based; columns count Unicode code points and the
end position is exclusive. Key order is fixed (the order below).
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring as _str  # C: json.dumps(str, ensure_ascii=False)
from typing import TYPE_CHECKING

from gialint.formats._common import sorted_findings

if TYPE_CHECKING:
    from gialint.findings import FileResult, Finding, Location


def _position(loc: Location) -> dict:
    pos = {
        "line": loc.line,
        "column": loc.column,
        "end_line": loc.end_line,
        "end_column": loc.end_column,
    }
    if loc.logical:  # Word and PDF: the page/paragraph/table cell a person looks for
        pos["place"] = loc.logical
    return pos


def _finding(f: Finding) -> dict:
    return {
        "rule": f.rule,
        "name": f.name,
        "category": f.category,
        "severity": f.severity,
        **_position(f.location),
        "message": f.message,
        "related": [{**({"path": r.path} if r.path is not None else {}), **_position(r.location),
                     "message": r.message} for r in f.related],
        # a note about gialint's own reading, reported with --verbose only
        **({"verbose": True} if f.verbose else {}),
    }


def summary(results: list[FileResult]) -> dict:
    """The run in numbers: files found, checked and not checked; the findings the
    organs must fix by severity, category and rule (gialint's notes about its own
    reading counted apart, as ``reader_notes``, shown or not)."""
    from gialint.findings import CATEGORIES, SEVERITIES

    shown = [f for r in results for f in r.findings if not f.verbose]
    severity = dict.fromkeys(SEVERITIES, 0)
    category = dict.fromkeys(CATEGORIES, 0)
    rule: dict[str, int] = {}
    for f in shown:
        severity[f.severity] = severity.get(f.severity, 0) + 1
        category[f.category] = category.get(f.category, 0) + 1
        rule[f.rule] = rule.get(f.rule, 0) + 1
    checked = sum(r.checked for r in results)
    return {
        "files": len(results), "checked": checked, "not_checked": len(results) - checked,
        "findings": len(shown), "severity": severity, "category": category,
        "rule": dict(sorted(rule.items())),
        "reader_notes": sum(f.verbose for r in results for f in r.findings) + sum(r.hidden for r in results),
    }


def to_document(results: list[FileResult], *, version: str) -> dict:
    return {
        "version": version,
        "files": [
            {
                "path": r.path,
                "encoding": r.encoding,
                "edition": r.edition,
                "report_year": r.report_year,
                "organ": r.organ,
                "title": r.title,
                "findings": [_finding(f) for f in sorted_findings(r)],
                "error": r.error,
            }
            for r in results
        ],
        "summary": summary(results),
    }


def render_json(results: list[FileResult], *, version: str) -> str:
    """``json.dumps(to_document(…), ensure_ascii=False, indent=2)`` and a newline,
    written out by the document's shape: with an indent the standard library
    encodes in pure Python, one generator per nesting level, which cost more than
    linting a report with many findings.  Strings go through its C escaper."""
    out = ["{\n  \"version\": ", _scalar(version), ",\n  \"files\": "]
    if not results:
        out.append("[]")
    sep = "[\n    "
    for r in results:
        out.append(f'{sep}{{\n      "path": {_scalar(r.path)},\n      "encoding": {_scalar(r.encoding)},'
                   f'\n      "edition": {_scalar(r.edition)},\n      "report_year": {_scalar(r.report_year)},'
                   f'\n      "organ": {_scalar(r.organ)},\n      "title": {_scalar(r.title)},'
                   '\n      "findings": ')
        findings = sorted_findings(r)
        if findings:
            out.append("[\n        " + ",\n        ".join(map(_finding_text, findings)) + "\n      ]")
        else:
            out.append("[]")
        out.append(f',\n      "error": {_scalar(r.error)}\n    }}')
        sep = ",\n    "
    out.append("\n  ]" if results else "")
    body = json.dumps(summary(results), ensure_ascii=False, indent=2).replace("\n", "\n  ")
    out.append(f',\n  "summary": {body}\n}}\n')
    return "".join(out)


def _scalar(value) -> str:
    return _str(value) if isinstance(value, str) else json.dumps(value)


def _position_text(loc: Location, indent: str) -> str:
    text = (f'{indent}"line": {int(loc.line)},{indent}"column": {int(loc.column)},'
            f'{indent}"end_line": {int(loc.end_line)},{indent}"end_column": {int(loc.end_column)},')
    if loc.logical:
        text += f'{indent}"place": {_str(loc.logical)},'
    return text


_RELATED_SEP = "},\n            {"


def _finding_text(f: Finding) -> str:
    """One finding as ``_finding`` would be indented in the document (8 spaces)."""
    k = "\n          "  # its keys
    if f.related:
        related = "[\n            {" + _RELATED_SEP.join(
            (f'\n              "path": {_str(r.path)},' if r.path is not None else "")
            + _position_text(r.location, "\n              ") + '\n              "message": ' + _str(r.message)
            + "\n            " for r in f.related) + "}\n          ]"
    else:
        related = "[]"
    return (f'{{{k}"rule": {_scalar(f.rule)},{k}"name": {_scalar(f.name)},{k}"category": '
            f'{_scalar(f.category)},{k}"severity": {_scalar(f.severity)},'
            + _position_text(f.location, k)
            + f'{k}"message": {_scalar(f.message)},{k}"related": {related}'
            + (f',{k}"verbose": true' if f.verbose else "") + "\n        }")
