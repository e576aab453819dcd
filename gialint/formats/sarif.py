"""SARIF 2.1.0 output (GitHub code scanning, VS Code SARIF viewer, ...).

Notes on the mapping:

* gialint columns are code points; SARIF consumers (GitHub, VS Code) count
  UTF-16 code units, so the run declares ``columnKind: utf16CodeUnits`` and
  columns are converted with the text of the line (a character above U+FFFF
  counts two).
* Artifact URIs are relative to ``%SRCROOT%`` (``base_dir`` or the current
  directory), percent-encoded; files outside it get an absolute ``file:`` URI.
* ``partialFingerprints["gialint/v1"]`` hashes the rule id, the
  whitespace-collapsed text of the finding's first line and the occurrence
  index of that (rule, text) pair in the file, so it survives edits elsewhere
  in the file (line numbers are not part of it).
* Files that could not be read become ``toolExecutionNotifications`` of the
  invocation, and ``executionSuccessful`` is false.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from gialint.formats._common import (  # noqa: F401  (fingerprint: part of this module's API)
    fingerprint,
    fingerprinted,
    line_at,
    norm_lang,
    sorted_findings,
    source_lines,
)

if TYPE_CHECKING:
    from gialint.findings import FileResult, Finding, Location
    from gialint.rule import Rule

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
INFORMATION_URI = "https://github.com/gialint/gialint"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "gialint/v1"
MAX_SNIPPET = 1000  # code points; longer spans get no region.snippet

LEVELS = {"error": "error", "warning": "warning", "info": "note"}
RUN_LANGUAGE = {"zh": "zh-CN", "en": "en-US"}
HELP_LABELS = {
    "zh": {"bad": "错误示例：", "good": "正确示例：", "source": "依据："},
    "en": {"bad": "Bad:", "good": "Good:", "source": "Basis:"},
}


def level(severity: str) -> str:
    return LEVELS.get(severity, "warning")


# -- columns, regions, URIs --------------------------------------------------


def utf16_column(line_text: str, column: int) -> int:
    """Convert a 1-based code point column on ``line_text`` to UTF-16 code units.

    Columns past the end of the line are carried over unchanged.
    """
    head = line_text[: max(0, column - 1)]
    if head.isascii():
        return column
    return column + len(head.encode("utf-16-le", "surrogatepass")) // 2 - len(head)


def _snippet(loc: Location, lines: list[str]) -> str | None:
    if loc.end_line < loc.line or (loc.end_line - loc.line) > 50:
        return None
    if loc.end_line == loc.line:
        text = line_at(lines, loc.line)[loc.column - 1 : loc.end_column - 1]
    else:
        parts = [line_at(lines, loc.line)[loc.column - 1 :]]
        parts += [line_at(lines, n) for n in range(loc.line + 1, loc.end_line)]
        parts.append(line_at(lines, loc.end_line)[: loc.end_column - 1])
        text = "\n".join(parts)
    return text if 0 < len(text) <= MAX_SNIPPET else None


def region(loc: Location, lines: list[str]) -> dict | None:
    """A SARIF region (UTF-16 columns) for ``loc``; None for file-level locations."""
    if loc.line < 1:
        return None
    start_line = loc.line
    start_col = max(1, utf16_column(line_at(lines, start_line), loc.column))
    end_line = max(start_line, loc.end_line)
    end_col = max(1, utf16_column(line_at(lines, end_line), loc.end_column))
    if end_line == start_line and end_col < start_col:
        end_col = start_col
    reg: dict = {
        "startLine": start_line,
        "startColumn": start_col,
        "endLine": end_line,
        "endColumn": end_col,
    }
    if lines:
        snippet = _snippet(loc, lines)
        if snippet is not None:
            reg["snippet"] = {"text": snippet}
    return reg


def _dir_uri(directory: str) -> str:
    uri = Path(directory).as_uri()
    return uri if uri.endswith("/") else uri + "/"


def artifact_location(path: str, base: str) -> dict:
    """``{"uri", "uriBaseId"}`` relative to ``base``, or an absolute file URI."""
    absolute = os.path.abspath(path)
    try:
        rel = os.path.relpath(absolute, base)
    except ValueError:  # another drive on Windows
        rel = None
    if rel is None or rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return {"uri": Path(absolute).as_uri()}
    rel = rel.replace(os.sep, "/")
    # a non-UTF-8 file name's bytes (surrogateescape) are percent-encoded as they are
    data = rel.encode("utf-8", "surrogateescape" if _escaped_only(rel) else "surrogatepass")
    return {"uri": quote(data, safe="/"), "uriBaseId": SRCROOT}


def _escaped_only(text: str) -> bool:
    """Whether every surrogate in ``text`` stands for a byte (U+DC80–U+DCFF)."""
    return all(not 0xD800 <= ord(c) <= 0xDFFF or 0xDC80 <= ord(c) <= 0xDCFF for c in text)


# -- rules -------------------------------------------------------------------


def _fence(text: str) -> str:
    fence = "```"
    while fence in text:
        fence += "`"
    return f"{fence}text\n{text}\n{fence}"


def rule_descriptor(rule: Rule, lang: str) -> dict:
    labels = HELP_LABELS[lang]
    summary = rule.text(rule.summary, lang) or rule.name
    description = rule.text(rule.description, lang) or summary
    text_parts, md_parts = [description], [description]
    if rule.example_bad:
        text_parts.append(f"{labels['bad']}\n{rule.example_bad}")
        md_parts.append(f"**{labels['bad']}**\n\n{_fence(rule.example_bad)}")
    if rule.example_good:
        text_parts.append(f"{labels['good']}\n{rule.example_good}")
        md_parts.append(f"**{labels['good']}**\n\n{_fence(rule.example_good)}")
    if rule.source:
        text_parts.append(f"{labels['source']}{rule.source}")
        md_parts.append(f"{labels['source']}{rule.source}")
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": description},
        "help": {"text": "\n\n".join(text_parts), "markdown": "\n\n".join(md_parts)},
        # the rule's section in the generated docs/rules.md
        "helpUri": f"{INFORMATION_URI}/blob/main/docs/rules.md#{rule.id.lower()}",
        "defaultConfiguration": {"level": level(rule.severity)},
        "properties": {
            "category": rule.category,
            "editions": list(rule.editions),
            "tags": [rule.category],
            # message variants (or, with "*", the whole rule) that are notes about
            # gialint's own reading, reported with --verbose only
            **({"verbose": ["*"] if rule.verbose else sorted(rule.verbose_variants)}
               if rule.verbose or rule.verbose_variants else {}),
        },
    }


def _ad_hoc_descriptor(f: Finding) -> dict:
    """For a finding whose rule is not among the enabled rules."""
    return {
        "id": f.rule,
        "name": f.name,
        "defaultConfiguration": {"level": level(f.severity)},
        "properties": {"category": f.category, "tags": [f.category]},
    }


# -- document ----------------------------------------------------------------


def to_sarif(
    results: list[FileResult],
    rules: list[Rule],
    *,
    lang: str = "zh",
    version: str,
    base_dir: str | None = None,
) -> dict:
    lang = norm_lang(lang)
    base = os.path.abspath(base_dir if base_dir is not None else os.getcwd())

    descriptors: list[dict] = []
    rule_index: dict[str, int] = {}
    for rule in rules:
        if rule.id not in rule_index:
            rule_index[rule.id] = len(descriptors)
            descriptors.append(rule_descriptor(rule, lang))

    artifacts: list[dict] = []
    sarif_results: list[dict] = []
    indexes = {fr.path: i for i, fr in enumerate(results)}

    def other(path: str) -> dict:  # another file's artifact location (an earlier report)
        loc = artifact_location(path, base)
        return {**loc, "index": indexes[path]} if path in indexes else loc

    notifications: list[dict] = []
    for index, fr in enumerate(results):
        art_loc = {**artifact_location(fr.path, base), "index": index}
        artifact: dict = {"location": {k: v for k, v in art_loc.items() if k != "index"}}
        binary = is_binary(fr.path)
        if fr.encoding and not binary:  # a Word or PDF file has no text encoding of its own
            artifact["encoding"] = fr.encoding
        props = {}
        if fr.edition is not None:
            props["edition"] = fr.edition
        if fr.report_year is not None:
            props["reportYear"] = fr.report_year
        if props:
            artifact["properties"] = props
        artifacts.append(artifact)

        if fr.error is not None:  # a format gialint does not read, found in a folder: a warning
            notifications.append(
                {
                    "level": "warning" if fr.skipped else "error",
                    "message": {"text": fr.error},
                    "locations": [{"physicalLocation": {"artifactLocation": art_loc}}],
                }
            )
            continue
        if fr.internal_errors:
            # GIA001: a rule or stage crashed on this file; the results are incomplete
            notifications.append({
                "level": "error",
                "message": {"text": f"internal error while linting {fr.path}: "
                                    f"{fr.internal_errors} GIA001 result(s); findings may be missing"},
                "locations": [{"physicalLocation": {"artifactLocation": art_loc}}],
            })

        # Word and PDF: lines of gialint's rendering, not of the file, so no region
        # (the place is the logical location) and a line hash of our own, so that
        # GitHub does not hash a "line" of the binary file
        lines = [] if binary else (source_lines(fr) if fr.findings else [])
        for f, line_text, fp in fingerprinted(fr):
            if f.rule not in rule_index:
                rule_index[f.rule] = len(descriptors)
                descriptors.append(_ad_hoc_descriptor(f))
            res = _result(f, rule_index[f.rule], art_loc, lines, line_text, fp, binary=binary, other=other)
            if fr.baselined:
                res["baselineState"] = "new"
            sarif_results.append(res)
        if fr.suppressed:
            # silenced findings stay visible as suppressed results, not gone
            why = {id(f): (kind, just) for f, kind, just in fr.suppressed}
            from gialint.findings import FileResult

            silenced = FileResult(path=fr.path, source_text=fr.source_text, lines=fr.lines,
                                  findings=[f for f, _, _ in fr.suppressed])
            lines = source_lines(silenced)
            for f, line_text, fp in fingerprinted(silenced):
                if f.rule not in rule_index:
                    rule_index[f.rule] = len(descriptors)
                    descriptors.append(_ad_hoc_descriptor(f))
                res = _result(f, rule_index[f.rule], art_loc, [] if binary else lines, line_text, fp,
                              binary=binary, other=other)
                kind, just = why[id(f)]
                res["suppressions"] = [{"kind": kind, "justification": just}]
                if kind == "external":
                    res["baselineState"] = "unchanged"
                sarif_results.append(res)
    if len(sarif_results) > MAX_RESULTS:
        dropped = len(sarif_results) - MAX_RESULTS
        sarif_results = sarif_results[:MAX_RESULTS]
        notifications.append({"level": "warning", "message": {"text": (
            f"{dropped} results were left out: GitHub code scanning accepts at most "
            f"{MAX_RESULTS} results per run; lint fewer files per run or use --format json")}})

    run: dict = {
        "tool": {
            "driver": {
                "name": "gialint",
                "version": version,
                "semanticVersion": version,
                "informationUri": INFORMATION_URI,
                "rules": descriptors,
            }
        },
        "invocations": [
            {
                "executionSuccessful": not any(n["level"] == "error" for n in notifications),
                **({"toolExecutionNotifications": notifications} if notifications else {}),
            }
        ],
        # one category of analysis for code scanning (it groups runs by this id)
        "automationDetails": {"id": "gialint/"},
        "originalUriBaseIds": {SRCROOT: {"uri": _dir_uri(base)}},
        "artifacts": artifacts,
        "results": sarif_results,
        "language": RUN_LANGUAGE[lang],
        "columnKind": "utf16CodeUnits",
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


BINARY_SUFFIXES = (".docx", ".pdf")


def is_binary(path: str) -> bool:
    """A Word or PDF file: its findings' lines count lines of gialint's rendering."""
    return path.lower().endswith(BINARY_SUFFIXES)


def _physical(art_loc: dict, loc: Location, lines: list[str], binary: bool = False) -> dict:
    physical: dict = {"artifactLocation": art_loc}
    if binary:
        return physical
    reg = region(loc, lines)
    if reg is not None:
        physical["region"] = reg
    return physical


def _location(art_loc: dict, loc: Location, lines: list[str], binary: bool = False) -> dict:
    """A physical location; for Word and PDF files (whose lines are lines of
    gialint's rendering, see ``gialint parse --text``) the file without a region,
    and the logical place: page and line, paragraph, or table, row and cell."""
    out: dict = {"physicalLocation": _physical(art_loc, loc, lines, binary)}
    if loc.logical:
        out["logicalLocations"] = [{"name": loc.logical, "kind": "element"}]
    return out


MAX_RESULTS = 25_000  # GitHub code scanning's limit per run


def _result(
    f: Finding, index: int, art_loc: dict, lines: list[str], line_text: str, fp: str,
    binary: bool = False, other=None,
) -> dict:
    """``other(path)``: the artifact location of a related place in another file
    (the earlier report of a cross-year finding)."""
    res: dict = {
        "ruleId": f.rule,
        "ruleIndex": index,
        "level": level(f.severity),
        "message": {"text": f"{f.message}（{f.location.logical}）" if binary and f.location.logical
                    else f.message},
        "locations": [_location(art_loc, f.location, lines, binary)],
        "partialFingerprints": {FINGERPRINT_KEY: fp, **({"primaryLocationLineHash": fp} if binary else {})},
    }
    if f.verbose:  # a note about gialint's own reading (--verbose)
        res["properties"] = {"verbose": True}
    if f.related:
        res["relatedLocations"] = [
            {
                "id": i,
                **(_location(art_loc, rel.location, lines, binary) if rel.path is None
                   else _location(other(rel.path), rel.location, {rel.location.line: rel.line_text})),
                "message": {"text": rel.message},
            }
            for i, rel in enumerate(f.related)
        ]
    return res


def render_sarif(
    results: list[FileResult],
    rules: list[Rule],
    *,
    lang: str = "zh",
    version: str,
    base_dir: str | None = None,
) -> str:
    doc = to_sarif(results, rules, lang=lang, version=version, base_dir=base_dir)
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
