"""The pipeline for one file: source → normalise → tokens → tree → report → findings.

``analyse`` builds the report model (also what ``gialint parse`` shows);
``lint_source`` runs the enabled rules of a ``RuleSet`` on it, turns their hits
into findings and applies the inline suppressions.  Reading files, worker
processes, ``--fix`` and baselines are the runner's (gialint/runner.py).
"""

from __future__ import annotations

import dataclasses
import re
from string import Formatter

from gialint import saferegex, suppress
from gialint.build import build
from gialint.checks import Context
from gialint.checks.base import Hit
from gialint.checks.document import NoTextLayer
from gialint.checks.engine import (
    INTERNAL_ERROR,
    SUPPRESSION_WITHOUT_RULE,
    UNKNOWN_SUPPRESSION_RULE,
    UNUSED_SUPPRESSION,
    EngineRule,
    Suppression,
    engine_rule,
)
from gialint.config import ignored_for, matches
from gialint.facts import facts_of
from gialint.findings import FileResult, Finding, Related, line_window
from gialint.lexer import lex
from gialint.model import Span
from gialint.normalize import normalize
from gialint.parse import parse_tokens
from gialint.ruleset import RuleSet
from gialint.saferegex import PatternTimeout
from gialint.selector import Selector, is_known
from gialint.source import Source


def analyse(source: Source, ruleset: RuleSet):
    """The report model of a source (used by lint and by ``gialint parse``)."""
    norm = normalize(source.text)
    parsed = parse_tokens(lex(norm.text))
    # --edition forces the format; the config's edition is the fallback when
    # neither the tables nor the report year tell
    default = None if ruleset.config.edition == "auto" else ruleset.config.edition
    return build(source, norm, parsed, edition=ruleset.options.edition, default_edition=default)


def lint_source(source: Source, ruleset: RuleSet) -> FileResult:
    lang = ruleset.lang()
    try:
        report = analyse(source, ruleset)
    except Exception as err:  # a bug in gialint: say so (GIA001, exit 2), go on with the next file
        hit = Hit(Span(0, 0), {"stage": _stage(err), "error": describe_error(err)}, variant="stage")
        findings = [_finding(_internal_rule(ruleset), hit, source, lang)]
        return FileResult(path=source.path, encoding=source.encoding, findings=findings,
                          source_text=source.display_text, internal_errors=1)
    cfg = ruleset.config
    organ_type = ruleset.options.organ_type or (None if cfg.organ_type == "auto" else cfg.organ_type)
    ctx = Context(organ_type=organ_type or report.organ_type, deadline=cfg.deadline, lang=lang)
    skip = set(ignored_for(cfg, source.path))
    by_kind: dict[type, list] = {}  # check kind → (rule, hit) of its rules, in rule order
    failed: dict[str, Hit] = {}  # rule id → its GIA001 hit: one rule's bug must not stop the others
    # a PDF without a text layer (a scan) has nothing to check: it gets GIA005, not also
    # "the file is empty", a missing title and six missing sections
    scanned = getattr(source.origin, "no_text", False)
    for loaded_rule in ruleset.enabled:
        rule = loaded_rule.rule
        if scanned and rule.kind != NoTextLayer.kind:
            continue
        if not rule.applies_to(report.edition):
            continue
        if any(matches(sel, rule) for sel in skip):
            continue
        try:
            if loaded_rule.check.timed:  # a user rule file's: its patterns share a time budget
                with saferegex.budget():
                    found = list(loaded_rule.check.check(report, ctx))
            else:
                found = list(loaded_rule.check.check(report, ctx))
        except Exception as err:
            failed[rule.id] = _internal_hit(rule.id, err)
            continue
        if found:
            by_kind.setdefault(type(loaded_rule.check), []).extend((rule, hit) for hit in found)
    hits = []
    for kind, pairs in by_kind.items():
        try:  # a kind may merge the hits of its rules (table_sum: crossings)
            hits.extend(kind.post_process(pairs, lang))
        except Exception as err:  # this kind's results are lost, not the others'
            for rid in sorted({r.id for r, _ in pairs}):
                failed.setdefault(rid, _internal_hit(rid, err))
    findings = []
    # per file: locations of spans, message templates, the report's names of the
    # reader's tables (表 2 → 表三)
    cache: dict = {"table_names": _table_names(report, source) if hits else {}}
    for rule, hit in hits:
        try:
            findings.append(_finding(rule, hit, source, lang, cache))
        except Exception as err:  # a hit outside the text, a broken message …
            failed.setdefault(rule.id, _internal_hit(rule.id, err))
    findings = [f for f in findings if f.rule not in failed]
    try:
        findings, suppressed = _apply_suppressions(findings, source, ruleset, skip, lang)
    except Exception as err:
        suppressed = []
        failed["suppress"] = Hit(Span(0, 0), {"error": describe_error(err)}, variant="suppressions")
    # notes about gialint's own reading: only with --verbose (after the suppressions,
    # so that a comment that silences one is used whether it is shown or not)
    hidden = 0
    if not ruleset.options.verbose:
        shown = [f for f in findings if not f.verbose]
        hidden, findings = len(findings) - len(shown), shown
        suppressed = [s for s in suppressed if not s[0].verbose]
    # after the suppressions: an internal error cannot be silenced
    internal = _internal_rule(ruleset) if failed else None
    findings.extend(_finding(internal, hit, source, lang) for hit in failed.values())
    findings.sort(key=Finding.sort_key)
    facts = None
    if not scanned:
        try:  # what the cross-year stage needs (gialint.history); its failure only loses that
            # fingerprints cost ~2 ms a report: made only when a rule compares text
            prints = any(lr.rule.kind == "copied_text" for lr in ruleset.enabled)
            facts = facts_of(report, source, prints=prints)
        except Exception:  # noqa: BLE001
            facts = None
    return FileResult(
        path=source.path, encoding=source.encoding, edition=report.edition,
        report_year=report.report_year, findings=findings, source_text=source.display_text,
        suppressed=suppressed, internal_errors=len(failed), hidden=hidden,
        unchecked_code="pdf-no-text" if scanned else None, facts=facts,
        organ=report.organ, title=report.title.text if report.title else None,
        tables=_tables(report, source),
    )


def _tables(report, source: Source) -> dict | None:
    """The cells of 表二/表三/表四 as read (plain data, for the html format's grids):
    each cell's text, status and place in the file (file offsets, as findings have)."""
    data = report.data
    if data is None or not data.cells:
        return None
    cells = {}
    for key, c in data.cells.items():
        loc = source.location(c.span.start, c.span.end)
        cells[key] = (c.text, c.status, loc.start, loc.end)
    out = {"editions": dict(data.editions), "found": sorted(data.found), "cells": cells}
    if "lg" in data.found:  # the legacy table's rows as printed (its local variants differ)
        from gialint.tables.legacy import row_label

        out["rows"] = {k: row_label(report.original(span)) for k, span in data.row_spans.items()
                       if k.startswith("lg.")}
    return out


# the module of the analysis stage an exception came from → the stage's name
_STAGES = {"gialint.normalize": "normalize", "gialint.lexer": "lex", "gialint.parse": "parse",
           "gialint.build": "build"}


def _stage(err: BaseException) -> str:
    """The analysis stage that raised ``err``: the first stage module in its traceback."""
    tb = err.__traceback__
    while tb is not None:
        name = _STAGES.get(tb.tb_frame.f_globals.get("__name__", ""))
        if name:
            return name
        tb = tb.tb_next
    return "analyse"


def describe_error(err: BaseException) -> str:
    """``ExceptionType: first line of the message`` (short)."""
    text = str(err).strip().split("\n", 1)[0]
    text = text if len(text) <= 120 else text[:119] + "…"
    return f"{type(err).__name__}: {text}" if text else type(err).__name__


def _internal_hit(rule_id: str, err: BaseException) -> Hit:
    variant = "timeout" if isinstance(err, PatternTimeout) else "default"
    return Hit(Span(0, 0), {"rule": rule_id, "error": describe_error(err)}, variant=variant)


def _internal_rule(ruleset: RuleSet):
    """GIA001: reported whatever is selected (a crash is not optional)."""
    return _engine_rule(ruleset, INTERNAL_ERROR)


def _engine_rule(ruleset: RuleSet, which: EngineRule, skip=()):
    """An engine rule of this run: whatever is selected when it is always reported,
    else when it is enabled and not ignored for the file (``skip``); None if not."""
    if which.always:
        return engine_rule(which, ruleset.all)
    rule = engine_rule(which, ruleset.enabled)
    return None if rule is None or any(matches(s, rule) for s in skip) else rule


def _matches_finding(selector: str, f: Finding) -> bool:
    return Selector.of(selector).matches_finding(f)


def _apply_suppressions(findings, source: Source, ruleset: RuleSet, skip, lang):
    """Inline <!-- gialint-disable … --> comments: silence, and report the unused ones."""
    # directives are comments in the displayed text (an HTML page's own comments)
    if "gialint-" not in source.display_text:  # the usual case: no line index to build
        return findings, []
    shown = source if source.display_text is source.text else Source(
        source.path, source.display_text, source.encoding)
    directives = suppress.parse(shown.text, lambda off: shown.position(off)[0])
    if not directives:
        return findings, []
    active = suppress.scope(directives, shown.text.split("\n"))
    kept, silenced = suppress.split(findings, active, _matches_finding)
    suppressed = [(f, "inSource", shown.text[d.start:d.end]) for f, d in silenced]
    without_rule = _engine_rule(ruleset, SUPPRESSION_WITHOUT_RULE, skip)
    unused_rule = _engine_rule(ruleset, UNUSED_SUPPRESSION, skip)
    unknown_rule = _engine_rule(ruleset, UNKNOWN_SUPPRESSION_RULE, skip)
    known_rules = [loaded_rule.rule for loaded_rule in ruleset.all]  # built-in and the user's, enabled or not
    for d in directives:
        comment = shown.text[d.start:d.end]
        # a typo (GIA10l, missing-sectoin) silences nothing: say so, as ruff does for noqa codes
        unknown = [r for r in d.rules if not is_known(r, known_rules)]
        if unknown and unknown_rule:
            kept.append(_finding(unknown_rule, Hit(Span(d.start, d.end),
                                 {"directive": comment, "rules": ", ".join(unknown)}), shown, lang))
        if d.kind == "enable":
            continue
        if not d.rules and without_rule:
            kept.append(_finding(without_rule, Hit(Span(d.start, d.end),
                                 {"directive": comment, "rules": ""}), shown, lang))
        # a rule that is not enabled in this run cannot have been used
        # (rules that compare reports across years find nothing in one file: a comment
        # naming them is used, or not, by the stage after this one — gialint.history)
        unused = [r for r in d.rules if r not in d.used
                  and any(matches(r, loaded_rule.rule) for loaded_rule in ruleset.enabled
                          if not isinstance(loaded_rule.check, Suppression)
                          and not loaded_rule.check.across_files)]
        if unused and unused_rule:
            kept.append(_finding(unused_rule, Hit(Span(d.start, d.end),
                                 {"directive": comment, "rules": ", ".join(unused)}), shown, lang))
    return kept, suppressed


class _Args(dict):
    """Message arguments; a placeholder with no value renders as empty."""

    def __missing__(self, key):
        return ""


def _finding(rule, hit, source: Source, lang: str, cache: dict | None = None) -> Finding:
    """The finding of a rule's hit.  ``cache``, shared by the findings of one file,
    keeps the locations of spans and the message templates: the cells of a table
    are related locations of many findings."""
    if cache is None:
        cache = {}
    loc = _location(source, hit.span, cache)
    message = _template(rule, hit.variant, lang, cache)[0].format_map(_Args(hit.args))
    related = tuple(
        Related(_location(source, span, cache), _related_message(rule, variant, lang, cache, hit.args, rargs))
        for span, rargs, variant in hit.related
    ) if hit.related else ()
    return Finding(
        rule=rule.id, name=rule.name, category=rule.category, severity=rule.severity,
        message=message, location=loc, related=related,
        line_text=line_window(source.line_text(loc.line), loc.column), args=dict(hit.args),
        fix=tuple((e.start, e.end, e.text) for e in hit.fix) if source.fixable else (),
        verbose=rule.for_reader(hit.variant),
        fix_preview=_fix_preview(source, hit.fix) if hit.fix and source.fixable else (),
    )


PREVIEW_EDITS, PREVIEW_CHARS = 3, 60


def _fix_preview(source: Source, edits) -> tuple[tuple[str, str], ...]:
    """(old text, new text) of a fix's first edits, cut short: what --show-fixes shows."""
    def cut(text: str) -> str:
        return text if len(text) <= PREVIEW_CHARS else text[:PREVIEW_CHARS - 1] + "…"

    text = source.display_text
    return tuple((cut(text[e.start:e.end]), cut(e.text)) for e in list(edits)[:PREVIEW_EDITS])


def _location(source: Source, span: Span, cache: dict):
    key = (span.start, span.end)
    loc = cache.get(key)
    if loc is None:
        loc = source.location(span.start, span.end)
        names = cache.get("table_names")
        if names and loc.logical:
            m = _READER_TABLE.match(loc.logical)
            if m and m.group(0) in names:
                loc = dataclasses.replace(loc, logical=names[m.group(0)] + loc.logical[m.end():])
        cache[key] = loc
    return loc


# a Word or PDF place with the reader's table number: 表 2 …, 第 3 页 表 1 …
_READER_TABLE = re.compile(r"^(?:第 \d+ 页 )?表 \d+(?= |$)")
_NATIONAL = {"t2": "表二", "t3": "表三", "t4": "表四"}


def _table_names(report, source: Source) -> dict[str, str]:
    """The reader's table places (``表 2``, ``第 3 页 表 1``) that the tables module
    bound to one table of the national format, as the report names it: ``表三``
    (``第 3 页 表三``).  A reader's table holding cells of two national tables keeps
    its number."""
    origin = source.origin
    data = report.data
    if origin is None or data is None or not data.cells:
        return {}
    found: dict[str, set] = {}
    for key, cell in data.cells.items():
        span = getattr(cell, "span", None)
        if span is None or key[:2] not in _NATIONAL:
            continue
        label = origin.label(span.start)
        m = _READER_TABLE.match(label or "")
        if m:
            found.setdefault(m.group(0), set()).add(key[:2])
    return {place: re.sub(r"表 \d+$", _NATIONAL[next(iter(tables))], place)
            for place, tables in found.items() if len(tables) == 1}


def _template(rule, variant: str, lang: str, cache: dict) -> tuple[str, frozenset]:
    """A rule's message for ``variant``, stripped, and the names of its placeholders."""
    key = (rule.id, variant, lang)  # rule ids are unique among one file's rules
    found = cache.get(key)
    if found is None:
        text = rule.message_for(variant, lang).strip()
        found = cache[key] = text, frozenset(name for _, name, _, _ in Formatter().parse(text) if name)
    return found


def _related_message(rule, variant: str, lang: str, cache: dict, args: dict, own: dict) -> str:
    """A related location's message: its own arguments over the finding's."""
    text, names = _template(rule, variant, lang, cache)
    if names <= own.keys():  # the usual case ("{term} = {value}"): no merged copy
        return text.format_map(own)
    return text.format_map(_Args({**args, **own}))

