"""An organ's reports across the years: the stage after the per-file pipeline.

When one run lints several reports, :func:`compare` groups them by organ
(the title's, normalised — :func:`gialint.organs.organ_key` —, or the configuration's
``[[organs]]``, or ``--organ``) and report year, and checks each report
against the report of the year before (the rules of kind ``cross_year``,
GIA751–GIA759): 表三's carry-over, 表二's documents in force, the 2019
format's item counts, a table copied unchanged, and the grouping itself
(two reports for one year, a missing year, a report whose organ or year
cannot be told); and, with gialint.copied (kind ``copied_text``, GIA760,
GIA761), each section's prose against last year's and against the other
organs' reports of the same year.  Findings attach to the later report (for
copied text: to each report), with the other report's place as a related
location in that other file.

The pipeline leaves on each :class:`~gialint.findings.FileResult` the
:class:`~gialint.facts.YearFacts` this needs (gialint/facts.py), so the stage
never reads a file again; whose report it is comes from gialint/organs.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from gialint import copied
from gialint.facts import T2_2019_ITEMS, T2_STOCK_ROWS, T3_COLUMNS, YearFacts, decimal, number
from gialint.findings import Finding, Place, Related, line_window
from gialint.organs import merge_parents

# -- the stage -------------------------------------------------------------------------


def _silenced_by(directives, finding) -> str | None:
    """The comment that disables ``finding`` on its line, if one does."""
    from gialint.selector import Selector

    for rules, first, last, comment in directives:
        if first <= finding.location.line <= last:
            for sel in rules:
                try:
                    if Selector.of(sel).matches_finding(finding):
                        return comment
                except ValueError:  # not a selector: names nothing
                    continue
    return None



@dataclass
class Entry:
    """One report of the run (``shown``: linted and reported; else read for comparison)."""

    result: object  # FileResult
    facts: YearFacts
    organ: str | None  # the display name of its organ
    key: str | None  # the group
    ruleset: object | None  # the RuleSet of the file (None: history, never reported on)
    order: int
    shown: bool = True


def compare(entries: list[Entry], lang: str) -> None:
    """Add the cross-year findings to the shown entries' results (in place)."""
    counted = [e for e in entries if e.facts is not None]
    if len(counted) < 2:
        return
    groups: dict[str, list[Entry]] = {}
    merged = merge_parents({e.key for e in counted if e.key})
    for e in counted:
        if e.key is None or e.facts.year is None:
            variant = "organ" if e.key is None else "year"
            _emit(e, "unknown", variant, {"organ": e.organ or ""}, None, None, lang)
            continue
        groups.setdefault(merged[e.key], []).append(e)
    for members in groups.values():
        by_year: dict[int, list[Entry]] = {}
        for e in sorted(members, key=lambda e: (e.facts.year, not e.shown, e.order)):
            by_year.setdefault(e.facts.year, []).append(e)
        years = sorted(by_year)
        for y in years:
            first, *others = by_year[y]
            for e in others:
                if _same_file(e, first):
                    continue
                _emit(e, "duplicate", "default", {"organ": e.organ or "", "year": y,
                                                  "other": first.result.path},
                      first, first.facts.anchor, lang)
        for prev_y, y in zip(years, years[1:], strict=False):
            earlier = by_year[prev_y][0]
            for e in by_year[y]:
                if y - prev_y > 1:
                    missing = "、".join(str(n) for n in range(prev_y + 1, y))
                    _emit(e, "gap", "default", {"organ": e.organ or "", "year": y, "prev_year": prev_y,
                                                "years": missing}, earlier, earlier.facts.anchor, lang)
                    continue
                _compare_years(e, earlier, lang)
    _compare_organs(counted, merged, lang)


def _same_file(a: Entry, b: Entry) -> bool:
    try:
        return Path(a.result.path).resolve() == Path(b.result.path).resolve()
    except OSError:
        return a.result.path == b.result.path


_COLUMN_NAMES = {
    "zh": {"natural_person": "自然人", "commercial_enterprise": "商业企业", "research_institution": "科研机构",
           "social_welfare_org": "社会公益组织", "legal_service_org": "法律服务机构", "other_org": "其他",
           "total": "总计", "regulations": "规章", "normative_docs": "行政规范性文件",
           "admin_permit": "行政许可", "other_admin_services": "其他对外管理服务事项",
           "admin_penalty": "行政处罚", "admin_coercion": "行政强制", "admin_fee": "行政事业性收费",
           "t2": "表二", "t3": "表三", "t4": "表四", "lg": "政府信息公开情况统计表"},
    "en": {"natural_person": "自然人 (natural persons)", "commercial_enterprise": "商业企业",
           "research_institution": "科研机构", "social_welfare_org": "社会公益组织",
           "legal_service_org": "法律服务机构", "other_org": "其他 (other organisations)",
           "total": "总计 (total)", "regulations": "规章 (regulations)",
           "normative_docs": "行政规范性文件 (normative documents)", "admin_permit": "行政许可",
           "other_admin_services": "其他对外管理服务事项", "admin_penalty": "行政处罚",
           "admin_coercion": "行政强制", "admin_fee": "行政事业性收费",
           "t2": "表二", "t3": "表三", "t4": "表四", "lg": "政府信息公开情况统计表"},
}


def _name(key: str, lang: str) -> str:
    return _COLUMN_NAMES.get(lang, _COLUMN_NAMES["zh"]).get(key, key)


def _compare_years(e: Entry, prev: Entry, lang: str) -> None:
    """The relations between a report (year Y) and its organ's report of year Y−1."""
    cur, old = e.facts, prev.facts
    base = {"organ": e.organ or "", "year": cur.year, "prev_year": old.year}
    # 表三: 二、上年结转 (Y) = 四、结转下年度继续办理 (Y−1), every column, any edition
    for col in T3_COLUMNS:
        a, b = f"t3.carried_over.{col}", f"t3.carry_forward.{col}"
        if a in cur.values and b in old.values and decimal(cur.values[a]) != decimal(old.values[b]):
            _emit(e, "carry_over", "default", {**base, "column": _name(col, lang),
                                                "value": cur.values[a], "prev_value": old.values[b]},
                  prev, old.places.get(b), lang, at=cur.places.get(a))
    # 2021 表二: 现行有效 (Y) = 现行有效 (Y−1) + 本年制发 (Y) − 本年废止 (Y)
    if cur.edition == "2021" and old.edition == "2021":
        for row in T2_STOCK_ROWS:
            k = f"t2.art20_1.{row}."
            need = (k + "in_force", k + "issued", k + "repealed")
            if not all(x in cur.values for x in need) or k + "in_force" not in old.values:
                continue
            now, prev_stock = decimal(cur.values[k + "in_force"]), decimal(old.values[k + "in_force"])
            issued, repealed = decimal(cur.values[k + "issued"]), decimal(cur.values[k + "repealed"])
            expected = prev_stock + issued - repealed
            if now == expected:
                continue
            args = {**base, "row": _name(row, lang), "value": cur.values[k + "in_force"],
                    "prev_value": old.values[k + "in_force"], "issued": cur.values[k + "issued"],
                    "repealed": cur.values[k + "repealed"], "expected": number(expected)}
            which = "in_force_more" if now > expected else "in_force_less"
            _emit(e, which, "default", args, prev, old.places.get(k + "in_force"), lang,
                  at=cur.places.get(k + "in_force"))
    # 2019 format 表二 (2019 → 2020): 上一年项目数量 (Y) = 上一年项目数量 (Y−1) + 本年增/减 (Y−1)
    if cur.edition == "2019" and old.edition == "2019":
        for sub, row in T2_2019_ITEMS:
            k = f"t2.{sub}.{row}."
            if k + "prev_count" not in cur.values or not all(
                    x in old.values for x in (k + "prev_count", k + "change")):
                continue
            now = decimal(cur.values[k + "prev_count"])
            expected = decimal(old.values[k + "prev_count"]) + decimal(old.values[k + "change"])
            if now != expected:
                _emit(e, "items_2019", "default",
                      {**base, "row": _name(row, lang), "value": cur.values[k + "prev_count"],
                       "prev_value": old.values[k + "prev_count"], "change": _signed(old.values[k + "change"]),
                       "expected": number(expected)},
                      prev, old.places.get(k + "prev_count"), lang, at=cur.places.get(k + "prev_count"))
    # the legacy statistics table: 历年累计 (Y) = 历年累计 (Y−1) + this year (Y)
    if cur.edition == "legacy" and old.edition == "legacy":
        _legacy_cumulative(e, prev, base, lang)
    # a whole table as last year's, figures and all
    if cur.edition == old.edition:
        for table in ("t2", "t3", "t4", "lg"):
            mine, theirs = cur.figures.get(table), old.figures.get(table)
            # the year's own figures should not all repeat (a few non-zero flows at least)
            if mine is None or mine != theirs or mine[1] < _IDENTICAL_MIN:
                continue
            _emit(e, "identical_table", "default", {**base, "table": _name(table, lang),
                                                     "count": mine[1]},
                  prev, old.tables.get(table), lang, at=cur.tables.get(table))


    # a sentence with last year's year, word for word as last year's report said it
    for digest, here in cur.last_year.items():
        there = old.own_year.get(digest)
        if there is not None:
            _emit(e, "last_year_text", "default", {**base}, prev, there, lang, at=here)
    # a section's prose as last year's
    for rule, values in _copy_rules(e, "last_year"):
        for c in copied.copied_sections(cur.sections, old.sections, min_share=values["min_share"] / 100,
                                        min_chars=values["min_chars"]):
            _emit(e, "last_year", "default", {**base, **_copy_args(c, prev)}, prev, c.there, lang,
                  at=c.here, only=rule)


def _legacy_cumulative(e: Entry, prev: Entry, base: dict, lang: str) -> None:
    """Each row of the legacy table with a 历年累计 column in both years: last
    year's 历年累计 plus this year's value is this year's 历年累计."""
    from gialint.tables.template import template

    cur, old = e.facts, prev.facts
    tpl = template("legacy")
    for key in [k for k in cur.values if k.startswith("lg.") and k.endswith(".cumulative")]:
        row = key.removesuffix(".cumulative")
        if row not in cur.values or key not in old.values:
            continue
        expected = decimal(old.values[key]) + decimal(cur.values[row])
        if decimal(cur.values[key]) == expected:
            continue
        _emit(e, "cumulative", "default",
              {**base, "row": cur.labels.get(row) or tpl.label(row),
               "prev_row": old.labels.get(row) or tpl.label(row), "value": cur.values[key], "prev_value": old.values[key],
               "change": cur.values[row], "expected": number(expected)},
              prev, old.places.get(key), lang, at=cur.places.get(key))


def _copy_rules(e: Entry, compare: str):
    """The enabled ``copied_text`` rules of ``e``'s file that compare ``compare``."""
    if not e.shown or e.ruleset is None:
        return []
    return [(lr.rule, lr.check.values) for lr in e.ruleset.enabled
            if lr.rule.kind == "copied_text" and lr.check.values["compare"] == compare]


def _copy_args(c, other: Entry) -> dict:
    return {"section": c.heading, "share": f"{c.share * 100:.0f}", "other": other.result.path,
            "other_organ": other.organ or "", "excerpt": c.excerpt}


def _compare_organs(entries: list[Entry], merged: dict, lang: str) -> None:
    """Each report's sections against the other organs' reports of the same year."""
    by_year: dict[int, list[Entry]] = {}
    for e in entries:
        if e.facts.year is not None and e.facts.sections:
            by_year.setdefault(e.facts.year, []).append(e)
    for members in by_year.values():
        if len(members) < 2:
            continue
        for values in _distinct(v for e in members for _, v in _copy_rules(e, "same_year")):
            groups = [merged.get(e.key) if e.key else f"#{n}" for n, e in enumerate(members)]
            pairs = copied.same_year_pairs([e.facts.sections for e in members], groups,
                                           min_share=values["min_share"] / 100, min_chars=values["min_chars"])
            for e, found in zip(members, pairs, strict=True):
                for rule, mine in _copy_rules(e, "same_year"):
                    if mine != values:
                        continue
                    for j, c in found:
                        other = members[j]
                        _emit(e, "same_year", "default",
                              {"organ": e.organ or "", "year": e.facts.year, **_copy_args(c, other)},
                              other, c.there, lang, at=c.here, only=rule)


def _distinct(values):
    out = []
    for v in values:
        if v not in out:
            out.append(v)
    return out


_IDENTICAL_MIN = 3  # non-zero figures of the year (not stocks) a copied table must repeat


def _signed(text: str) -> str:
    return "+" + text if not text.startswith("-") and decimal(text) > 0 else text


def _emit(e: Entry, relation: str, variant: str, args: dict, other: Entry | None,
          other_place: Place | None, lang: str, *, at: Place | None = None, only=None) -> None:
    """A finding of every enabled rule of ``relation`` for ``e``'s file
    (``only``: of that rule alone — a copied-text rule's own thresholds)."""
    if not e.shown or e.ruleset is None:
        return
    from gialint.config import ignored_for, matches

    skip = ignored_for(e.ruleset.config, e.result.path)
    place = at or e.facts.anchor
    for loaded in e.ruleset.enabled:
        rule = loaded.rule
        if only is not None:
            if rule is not only:
                continue
        elif rule.kind != "cross_year" or loaded.check.values["relation"] != relation:
            continue
        if not rule.applies_to(e.facts.edition) or any(matches(s, rule) for s in skip):
            continue
        message = rule.message_for(variant, lang).strip().format_map(_Args(args))
        related = ()
        if other is not None and other_place is not None:
            text = rule.message_for("earlier", lang).strip().format_map(_Args(args))
            related = (Related(other_place.location, text, path=other.result.path,
                               line_text=other_place.line_text),)
        finding = Finding(
            rule=rule.id, name=rule.name, category=rule.category, severity=rule.severity,
            message=message, location=place.location, related=related,
            line_text=line_window(place.line_text, place.location.column), args=dict(args),
            verbose=rule.for_reader(variant))
        comment = _silenced_by(e.facts.directives, finding)
        if comment is not None:
            e.result.suppressed.append((finding, "inSource", comment))
        else:
            e.result.findings.append(finding)
        _keep_line(e.result, place)


def _keep_line(result, place: Place) -> None:
    """The finding's line, for excerpts: the file's text was dropped after linting."""
    if result.source_text is None and place.line_text:
        if result.lines is None:
            result.lines = {}
        result.lines.setdefault(place.location.line, place.line_text)


class _Args(dict):
    def __missing__(self, key):
        return ""
