"""Parse tree → Report model: sections, title, signature, year and edition."""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from lark import Tree

from gialint import national_format
from gialint.dates import read_dates
from gialint.lexer import Tok
from gialint.model import (
    Block,
    Heading,
    Report,
    Section,
    Signature,
    Span,
    Title,
    Unplaced,
    region_of,
)
from gialint.national_format import expected_edition, label_key  # noqa: F401  (re-exported)
from gialint.normalize import NormText
from gialint.parse import ParseResult
from gialint.tables.read import read_tables

if TYPE_CHECKING:
    from gialint.source import Source

EDITIONS = ("legacy", "2019", "2021")

# A section whose wording differs from the national one is still that section
# when it carries the expected number and one of these phrases.
_FUZZY = [
    ("s6", re.compile(r"其他需要报告|其他需报告|其他事项|其他需要说明")),
    ("s5", re.compile(r"问题.*改进|改进.*问题|存在的主要问题|问题和不足")),
    ("s4", re.compile(r"复议|诉讼")),
    ("s3", re.compile(r"收到和处理|依申请|公开申请")),
    ("s2", re.compile(r"主动公开")),
    ("s1", re.compile(r"总体情况|总体")),
]
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_PERIOD_YEAR = re.compile(r"(?:统计期限|统计周期|统计时限|数据统计)[^。]{0,12}?((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日")
_PERIOD_FALLBACK = re.compile(r"((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日\s*(?:起)?\s*(?:至|到|-|—)")
_REPORT_PHRASE = re.compile(r"(?:政府)?信息公开(?:工作)?年度报告|年度报告|年报")
_META_TITLE = re.compile(r"标题\s*[:：]\s*(.+)")


def build(source: Source, norm: NormText, parsed: ParseResult, *,
          edition: str | None = None, default_edition: str | None = None) -> Report:
    report = Report(source=source, norm=norm, tokens=parsed.tokens, tree=parsed.tree)
    _Builder(report).walk(parsed.tree)
    for tok, expected in parsed.skipped:
        report.unplaced.append(Unplaced(report.span_of(tok), expected))
    _title(report)
    _classify_sections(report)
    _year(report)
    report.dates = read_dates(report)
    _edition(report, edition, default_edition)
    _organ_type(report)
    report.data = read_tables(report)
    return report


class _Builder:
    def __init__(self, report: Report):
        self.r = report

    def span(self, toks: list[Tok]) -> Span:
        a = self.r.span_of(toks[0])
        b = self.r.span_of(toks[-1])
        return Span(a.start, b.end)

    def walk(self, tree: Tree) -> None:
        for child in tree.children:
            if not isinstance(child, Tree):
                continue
            if child.data == "title_block":
                self.title_block(child)
            elif child.data == "preamble":
                self.r.preamble.extend(self.blocks(child.children))
            elif child.data == "section":
                self.r.sections.append(self.section(child, level=1))
            elif child.data == "closing":
                self.r.closing.extend(self.blocks(child.children))
            elif child.data == "attachment":
                self.r.attachments.extend(self.blocks(child.children))

    def title_block(self, tree: Tree) -> None:
        for node in tree.children:
            if isinstance(node, Tree):  # the date under the title, with its organ
                self.r.preamble.extend(self.blocks([node]))
            elif child_tok(node).type in ("META", "TITLE"):
                kind = "meta" if child_tok(node).type == "META" else "title"
                self.r.meta.append(self.block(kind, [child_tok(node)]))
        # titles after the metadata, as before: _title() reads them in order
        self.r.meta.sort(key=lambda b: b.kind == "title")

    def block(self, kind: str, toks: list[Tok]) -> Block:
        text = " ".join(t.text for t in toks)
        return Block(kind, self.span(toks), text, toks)

    def blocks(self, children) -> list[Block]:
        """The blocks of a preamble, section, closing or attachment, in order;
        a signer and its date (bare tokens of a closing) make one signature."""
        out: list[Block] = []
        pending: list[Tok] = []  # SIGNER / DATE_LINE / ATTACHMENT tokens not yet in a block
        for child in children:
            if isinstance(child, Tree):
                blk = self.item(child)
                if blk is not None:
                    out.append(blk)
                continue
            tok = child_tok(child)
            if tok.type == "ATTACHMENT":
                out.append(self.block("attachment", [tok]))
                continue
            pending.append(tok)
            if tok.type == "DATE_LINE":
                out.append(self.signature(pending))
                pending = []
        return out

    def signature(self, toks: list[Tok]) -> Block:
        signer = next((t for t in toks if t.type == "SIGNER"), None)
        date = toks[-1]
        self.r.signatures.append(Signature(
            signer.text if signer else None,
            self.r.span_of(signer) if signer else None,
            date.text,
            self.r.span_of(date),
        ))
        return self.block("signature", toks)

    def item(self, tree: Tree) -> Block | None:
        if tree.data == "paragraph":
            return self.block("paragraph", list(_tokens(tree)))
        if tree.data == "table":
            blk = self.block("table", list(_tokens(tree)))
            self.r.tables.append(blk)
            return blk
        if tree.data == "dated":
            return self.signature(list(_tokens(tree)))
        return None

    def section(self, tree: Tree, level: int) -> Section:
        head_tok = child_tok(tree.children[0])
        heading = Heading(
            text=head_tok.text,
            label=head_tok.label.strip(),
            numeral=head_tok.numeral,
            number=head_tok.number,
            span=self.r.span_of(head_tok),
            level=level,
            inline=head_tok.inline,
            mark=head_tok.mark,
            mark_span=Span(*self.r.norm.span_to_orig(
                head_tok.start, head_tok.start + len(head_tok.mark.rstrip()))),
        )
        sec = Section(heading)
        for child in tree.children[1:]:
            if not isinstance(child, Tree):
                continue
            if child.data == "subsection":
                sec.subsections.append(self.section(child, level=2))
            else:
                blk = self.item(child)
                if blk is not None:
                    sec.blocks.append(blk)
        last = heading.span.end
        for blk in sec.all_blocks():
            last = max(last, blk.span.end)
        for sub in sec.subsections:
            last = max(last, sub.span.end if sub.span else sub.heading.span.end)
        sec.span = Span(heading.span.start, last)
        return sec


def child_tok(node) -> Tok:
    return node.tok


def _tokens(tree: Tree):
    """The lexer's tokens under a node, in order (a parser token may carry several)."""
    for child in tree.children:
        if isinstance(child, Tree):
            yield from _tokens(child)
        else:
            yield from child.toks


def _title(report: Report) -> None:
    titles = [b for b in report.meta if b.kind == "title"]
    report.meta = [b for b in report.meta if b.kind == "meta"]
    if titles:
        text = "".join(b.text for b in titles).replace(" ", "")
        span = Span(titles[0].span.start, titles[-1].span.end)
        report.title = _make_title(text, span, from_meta=False)
        return
    for blk in report.meta:
        m = _META_TITLE.match(blk.text)
        if m and _REPORT_PHRASE.search(m.group(1)):
            value = m.group(1).strip()
            start = blk.span.start + (report.source.text[blk.span.start:blk.span.end].find(value[:2]))
            start = max(blk.span.start, start)
            report.title = _make_title(value.replace(" ", ""), Span(start, blk.span.end), from_meta=True)
            return


def _make_title(text: str, span: Span, *, from_meta: bool) -> Title:
    year_m = _YEAR.search(text)
    year = int(year_m.group(1)) if year_m else None
    organ = None
    if year_m:
        before = text[: year_m.start()].strip()
        after = _REPORT_PHRASE.split(text[year_m.end():])[0]
        after = re.sub(r"^度", "", after).strip()
        after = re.sub(r"(?:政府)?信息公开(?:工作)?$", "", after)
        organ = before or after or None
    else:
        organ = _REPORT_PHRASE.split(text)[0] or None
    return Title(text, span, organ, year, from_meta)


def _std_sections():
    return {s["key"]: s for s in national_format.standard_sections()}


def _classify_sections(report: Report) -> None:
    std = _std_sections()
    exact = {label_key(s["label"]): key for key, s in std.items()}
    number_of = {key: national_format.cn_number(s["number"]) for key, s in std.items()}
    for sec in report.sections:
        h = sec.heading
        key = exact.get(label_key(h.label))
        if key:
            h.std_key, h.std_exact = key, True
            continue
        for key, pattern in _FUZZY:
            if h.number == number_of[key] and pattern.search(h.label):
                h.std_key = key
                break
        else:
            # the national wording with a character added, dropped, replaced or
            # swapped (一、总休情况): that section, misspelt
            near = national_format.near_section(label_key(h.label), h.number)
            if near:
                h.std_key = near[0]


def _year(report: Report) -> None:
    if report.title and report.title.year and not report.title.from_meta:
        report.report_year, report.year_source = report.title.year, "title"
        return
    head = report.norm.text[:4000]
    m = _PERIOD_YEAR.search(head) or _PERIOD_FALLBACK.search(head)
    if m:
        report.report_year, report.year_source = int(m.group(1)), "period"
        return
    if report.title and report.title.year:
        report.report_year, report.year_source = report.title.year, "meta"
        return
    years = Counter(int(y) for y in _YEAR.findall(report.norm.text))
    if years:
        report.report_year, report.year_source = years.most_common(1)[0][0], "body"


def _edition(report: Report, option: str | None, default: str | None) -> None:
    markers = national_format.edition_markers()
    evidence: dict[str, list[Tok]] = {}
    for blk in report.tables:
        for tok in blk.tokens:
            if region_of(tok) != "table_label":
                continue
            key = tok.label
            bare = _strip_marker(key)
            for ed, words in markers.items():
                if key in words or bare in words:
                    evidence.setdefault(ed, []).append(tok)
    for sec in report.sections:
        if "收费及减免" in sec.heading.label:
            evidence.setdefault("legacy", []).append(None)  # type: ignore[arg-type]
    report.layout_evidence = {k: [t for t in v if t is not None] for k, v in evidence.items()}
    if evidence:
        # the edition with most markers; ties go to the newer format
        report.layout_edition = max(evidence, key=lambda e: (len(evidence[e]), EDITIONS.index(e)))
    by_year = expected_edition(report.report_year)
    if option:
        report.edition, report.edition_source = option, "option"
    elif report.layout_edition:
        report.edition, report.edition_source = report.layout_edition, "layout"
    elif by_year:
        report.edition, report.edition_source = by_year, "year"
    elif default:
        report.edition, report.edition_source = default, "config"
    else:
        std = any(s.heading.std_exact for s in report.sections)
        report.edition = "2021" if std else "legacy"
        report.edition_source = "default"


_MARKER = re.compile(r"^(?:\(.\)|\d+\.|[一二三四五六七八九十]+、|其中:)")


def _strip_marker(key: str) -> str:
    return _MARKER.sub("", key)


_DEPARTMENT = re.compile(r"(?:局|委员会|委|办公室|办|中心|厅|署|院|所|站|队)$")
_GOVERNMENT = re.compile(r"(?:人民政府|政府|管委会|管理委员会|综合实验区|县|区|市|省|自治州|旗)$")


def _organ_type(report: Report) -> None:
    """Guess: a 局/委/办 is a department, a 人民政府 or place name is a government."""
    organ = (report.title.organ if report.title else None) or next(
        (s.signer for s in report.signatures if s.signer), None)
    report.organ = organ
    if not organ:
        return
    if re.search(r"街道|乡|镇", organ) and not organ.endswith(("局", "委")):
        report.organ_type = "other"
    elif _GOVERNMENT.search(organ):
        report.organ_type = "government"
    elif _DEPARTMENT.search(organ):
        report.organ_type = "department"
