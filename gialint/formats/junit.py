"""JUnit XML: one test case per file, one failure per finding.

For CI systems that read nothing else (Jenkins, Azure, many dashboards).
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from gialint.findings import FileResult
from gialint.formats._common import sorted_findings, visible


def render_junit(results: list[FileResult], *, version: str) -> str:
    cases = []
    failures = errors = skipped = 0
    for r in results:
        name = quoteattr(r.path)
        if r.error and r.skipped:  # a format gialint does not read, found in a folder
            skipped += 1
            cases.append(f'    <testcase classname="gialint" name={name}>\n'
                         f'      <skipped message={quoteattr(r.error)}/>\n'
                         f"    </testcase>")
            continue
        if r.error:
            errors += 1
            cases.append(f'    <testcase classname="gialint" name={name}>\n'
                         f'      <error message={quoteattr(r.error)} type="input"/>\n'
                         f"    </testcase>")
            continue
        body = []
        for f in sorted_findings(r):
            failures += 1
            loc = f.location
            text = f"{r.path}:{loc.line}:{loc.column}: {f.rule} [{f.severity}] {f.message}"
            body.append(f"      <failure message={quoteattr(f.message)} type={quoteattr(f.rule)}>"
                        f"{escape(visible(text))}</failure>")
        inner = ("\n" + "\n".join(body) + "\n    ") if body else ""
        cases.append(f'    <testcase classname="gialint" name={name}>{inner}</testcase>')
    head = (f'<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<testsuites name="gialint {escape(version)}" tests="{len(results)}" '
            f'failures="{failures}" errors="{errors}" skipped="{skipped}">\n'
            f'  <testsuite name="gialint" tests="{len(results)}" failures="{failures}" '
            f'errors="{errors}" skipped="{skipped}">')
    return head + "\n" + "\n".join(cases) + "\n  </testsuite>\n</testsuites>\n"
