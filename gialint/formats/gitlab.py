"""GitLab Code Quality report (a JSON array of issues).

Fingerprints are the same content-based hashes as SARIF's, so an issue
keeps its identity across runs when lines are inserted above it.
"""

from __future__ import annotations

import hashlib
import json

from gialint.findings import FileResult
from gialint.formats._common import ci_message, fingerprinted

SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def render_gitlab(results: list[FileResult], *, lang: str = "zh") -> str:
    issues = []
    for r in results:
        if r.error:
            issues.append({
                "type": "issue", "check_name": "gialint/input", "description": r.error,
                "severity": "minor" if r.skipped else "blocker", "categories": ["Bug Risk"],
                "fingerprint": f"input-{r.path}",
                "location": {"path": r.path, "lines": {"begin": 1}},
            })
            continue
        for f, _line, fp in fingerprinted(r):
            loc = f.location
            issues.append({
                "type": "issue",
                "check_name": f"{f.rule} {f.name}",
                "description": ci_message(f, lang),
                "content": {"body": f"{f.rule} ({f.category})"},
                "categories": ["Style" if f.severity == "info" else "Bug Risk"],
                "severity": SEVERITY.get(f.severity, "minor"),
                # GitLab compares fingerprints across the whole report: the same
                # line in two files (a shared page footer) must not be one issue
                "fingerprint": hashlib.sha256(
                    f"{r.path}\0{fp}".encode("utf-8", "surrogatepass")).hexdigest()[:32],
                "location": {
                    "path": r.path,
                    "positions": {"begin": {"line": loc.line, "column": loc.column},
                                  "end": {"line": loc.end_line, "column": loc.end_column}},
                },
            })
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
