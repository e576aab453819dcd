"""Machine-readable JSON output: one document for the whole run.

Lines and columns are 1-based; columns count Unicode code points and the
end position is exclusive. Key order is fixed (the order below).
"""

from __future__ import annotations

import json
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
        "related": [{**_position(r.location), "message": r.message} for r in f.related],
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
                "findings": [_finding(f) for f in sorted_findings(r)],
                "error": r.error,
            }
            for r in results
        ],
    }


def render_json(results: list[FileResult], *, version: str) -> str:
    return json.dumps(to_document(results, version=version), ensure_ascii=False, indent=2) + "\n"
