"""``gialint parse FILE``: the syntax tree, tokens, tables, dates or text gialint read."""

from __future__ import annotations

import sys

from gialint.cli.common import EXIT_CLEAN, Parser, argv_lang, fail


def run_parse(argv: list[str]) -> int:
    from gialint.config import Config
    from gialint.pipeline import analyse
    from gialint.readers import read_path
    from gialint.ruleset import Options, RuleSet
    from gialint.source import InputError

    lang = argv_lang(argv)
    zh = lang == "zh"
    p = Parser(prog="gialint parse", lang=lang,
               description="显示 gialint 读出的语法树和报告模型（供编写规则的人使用）" if zh else
               "Show the syntax tree and the report model gialint built.")
    p.add_argument("file", metavar="FILE", help="要读取的报告文件" if zh else "the report file to read")
    p.add_argument("--tokens", action="store_true",
                   help="列出词法单元及其位置" if zh else "list the lexer's tokens with positions")
    p.add_argument("--tables", action="store_true",
                   help="列出读出的表格单元格：模板键、数值、状态和位置" if zh else
                   "list the table cells read: template key, value, status and position")
    p.add_argument("--dates", action="store_true",
                   help="列出读出的日期：位置、作用、数值和原文" if zh else
                   "list the dates read: position, role, value and text")
    p.add_argument("--text", action="store_true",
                   help="输出 gialint 读到的文字（网页、Word、PDF 文件的文字版本），并标出每行在原文件中的位置"
                   if zh else "print the text gialint reads: an HTML, Word or PDF file's rendering, "
                   "with each line's place in the file")
    p.add_argument("--encoding", metavar="NAME", help="按此编码读取文件" if zh else "read the file in this encoding")
    p.add_argument("--edition", choices=("legacy", "2019", "2021"),
                   help="按此版本的格式读取" if zh else "read against this edition of the format")
    p.add_argument("--lang", choices=("zh", "en"), default="zh",
                   help="错误信息的语言（默认 zh 中文）" if zh else "language of input errors (default: zh)")
    args = p.parse_args(argv)
    try:
        source = read_path(args.file, encoding=args.encoding)
    except InputError as err:
        return fail(f"{err.path}: {err.text(args.lang)}", args.lang)
    out = sys.stdout
    if args.text:
        out.write(_rendering(source))
        return EXIT_CLEAN
    report = analyse(source, RuleSet(Config(), Options(edition=args.edition)))
    out.write(f"# {source.path}  encoding={source.encoding}  edition={report.edition} "
              f"({report.edition_source})  report_year={report.report_year} ({report.year_source})\n")
    if report.title:
        out.write(f"# title: {report.title.text}  organ={report.title.organ}\n")
    if args.tokens:
        for tok in report.tokens:
            span = report.span_of(tok)
            loc = source.location(span.start, span.start)
            line, col = loc.line, loc.column
            extra = f" [{tok.info.table}:{tok.info.key}]" if tok.info else ""
            out.write(f"{line}:{col}\t{tok.type}\t{tok.text[:60]}{extra}\n")
        return EXIT_CLEAN
    if args.tables:
        out.write(_tables_text(report, source))
        return EXIT_CLEAN
    if args.dates:
        out.write(_dates_text(report, source))
        return EXIT_CLEAN
    out.write(_pretty(report.tree, source, report))
    return EXIT_CLEAN


def _where(source, offset: int) -> tuple[int, int]:
    loc = source.location(offset, offset)
    return loc.line, loc.column


def _rendering(source) -> str:
    """Numbered lines of the text gialint reads, with where each comes from."""
    index = source.lines  # the one line index (\r\n and lone \r end lines too)
    spans = index.spans()[: index.line_count]
    width = len(str(len(spans)))
    out = []
    for i, (start, end) in enumerate(spans, 1):
        where = ""
        if source.origin is not None:
            loc = source.location(start, start)
            where = loc.logical or ""
            if source.origin.original is not None:
                where = f"{loc.line}:{loc.column}" + (f" {where}" if where else "")
        out.append(f"{i:>{width}} | {source.text[start:end]}" + (f"    [{where}]" if where else "") + "\n")
    return "".join(out)


def _tables_text(report, source) -> str:
    data = report.data
    if data is None or not (data.cells or data.issues):
        if report.edition == "legacy":
            return "# no legacy statistics table read (国办发〔2014〕32号 form or a local one)\n"
        return "# no 2019/2021 statistics tables read\n"
    lines = [f"# tables read with editions: {', '.join(f'{t}={e}' for t, e in sorted(data.editions.items()))}"]
    lines.append("# key\tvalue\tstatus\tline:col\ttext")
    for key, cell in data.cells.items():
        line, col = _where(source, cell.span.start)
        value = "" if cell.value is None else str(cell.value)
        lines.append(f"{key}\t{value}\t{cell.status}\t{line}:{col}\t{cell.text}")
    for issue in data.issues:
        line, col = _where(source, issue.span.start)
        args = ", ".join(f"{k}={v}" for k, v in issue.args.items())
        lines.append(f"# {issue.kind} at {line}:{col}: {args}")
    return "\n".join(lines) + "\n"


def _dates_text(report, source) -> str:
    lines = ["# line:col\trole\tvalue\ttext"]
    for d in report.dates:
        line, col = _where(source, d.span.start)
        value = "-".join("?" if v is None else f"{v:02d}" for v in (d.year, d.month, d.day))
        notes = [n for n, on in (("not in the calendar", not d.exists), ("year of the range start", d.inherited),
                                 ("in 《》", d.quoted)) if on]
        lines.append(f"{line}:{col}\t{d.role}\t{value}\t{d.display}" + (f"  ({'; '.join(notes)})" if notes else ""))
    return "\n".join(lines) + "\n"


def _pretty(tree, source, report, indent: int = 0) -> str:
    from lark import Tree

    pad = "  " * indent
    lines = [f"{pad}{tree.data}"]
    for child in tree.children:
        if isinstance(child, Tree):
            lines.append(_pretty(child, source, report, indent + 1).rstrip("\n"))
        else:
            for tok in child.toks:
                span = report.span_of(tok)
                line, col = _where(source, span.start)
                text = tok.text if len(tok.text) <= 50 else tok.text[:49] + "…"
                lines.append(f"{pad}  {tok.type} {line}:{col} {text}")
    return "\n".join(lines) + "\n"
