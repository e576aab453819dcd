"""Baselines: accept today's findings, report only new ones.

A baseline entry is (file, rule, whitespace-collapsed text of the finding's
line, how many such findings the file had) — no line numbers, so a finding
that moves when lines are inserted above it stays accepted, while a second
identical one on a new line is new.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from gialint.findings import FileResult, Finding
from gialint.lines import line_key

VERSION = 1


def _key(f: Finding) -> tuple[str, str]:
    return f.rule, line_key(f.line_text)


def write(results: list[FileResult], path: str) -> int:
    files: dict[str, list[dict]] = {}
    total = 0
    for r in results:
        counts = Counter(_key(f) for f in r.findings)
        if counts:
            files[r.path] = [{"rule": rule, "text": text, "count": n}
                             for (rule, text), n in sorted(counts.items())]
            total += sum(counts.values())
    doc = {"gialint_baseline": VERSION, "files": files}
    Path(path).write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return total


class BaselineError(ValueError):
    pass


def load(path: str) -> dict[str, Counter]:
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise BaselineError(f"{path}: cannot read baseline: {err}") from None
    except json.JSONDecodeError as err:
        raise BaselineError(f"{path}:{err.lineno}: not a gialint baseline (invalid JSON: {err.msg})") from None
    if not isinstance(doc, dict) or doc.get("gialint_baseline") != VERSION or not isinstance(doc.get("files"), dict):
        raise BaselineError(f"{path}: not a gialint baseline (write one with --write-baseline)")
    out: dict[str, Counter] = {}
    for file, entries in doc["files"].items():
        c: Counter = Counter()
        for e in entries:
            try:
                c[(e["rule"], e["text"])] += int(e["count"])
            except (KeyError, TypeError, ValueError):
                raise BaselineError(f"{path}: bad entry for {file}: {e!r}") from None
        out[file] = c
    return out


def split(result: FileResult, baseline: dict[str, Counter]) -> tuple[list[Finding], list[Finding]]:
    """(new, known) findings of a file against the baseline."""
    budget = Counter(baseline.get(result.path, Counter()))
    new, known = [], []
    for f in result.findings:
        k = _key(f)
        if budget[k] > 0:
            budget[k] -= 1
            known.append(f)
        else:
            new.append(f)
    return new, known
