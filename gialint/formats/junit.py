"""JUnit XML: one test case per file, one failure per error or warning; the
info findings and gialint's notes about its own reading go to the test case's
``<system-out>`` (they fail nothing).

For CI systems that read nothing else (Jenkins, Azure, many dashboards).
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from gialint.findings import FileResult
from gialint.formats._common import ci_message, sorted_findings, visible

_SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


def render_junit(results: list[FileResult], *, version: str, lang: str = "zh") -> str:
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
        body, out = [], []
        for f in sorted_findings(r):
            loc = f.location
            message = ci_message(f, lang)
            severity = _SEVERITY_ZH[f.severity] if lang == "zh" else f.severity  # as the text output
            text = f"{r.path}:{loc.line}:{loc.column}: {f.rule} [{severity}] {message}"
            if f.severity == "info" or f.verbose:
                out.append(text)
                continue
            failures += 1
            body.append(f"      <failure message={quoteattr(message)} type={quoteattr(f.rule)}>"
                        f"{escape(visible(text))}</failure>")
        if out:
            body.append("      <system-out>" + escape("\n".join(visible(t) for t in out)) + "</system-out>")
        inner = ("\n" + "\n".join(body) + "\n    ") if body else ""
        cases.append(f'    <testcase classname="gialint" name={name}>{inner}</testcase>')
    head = (f'<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<testsuites name="gialint {escape(version)}" tests="{len(results)}" '
            f'failures="{failures}" errors="{errors}" skipped="{skipped}">\n'
            f'  <testsuite name="gialint" tests="{len(results)}" failures="{failures}" '
            f'errors="{errors}" skipped="{skipped}">')
    return head + "\n" + "\n".join(cases) + "\n  </testsuite>\n</testsuites>\n"
