"""``gialint tables FILE``: 表二/表三/表四 of one report drawn as grids in the
terminal (rich), with the template's Chinese labels, blank and unread cells
shown as such, and the cells where a relation breaks marked, each broken
relation listed under its table with what each side adds up to."""

from __future__ import annotations

import argparse
import os
import sys

from gialint.cli.common import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, Parser, argv_lang, fail


def _parser(lang: str = "zh") -> argparse.ArgumentParser:
    def h(zh: str, en: str) -> str:
        return en if lang == "en" else zh

    p = Parser(prog="gialint tables", lang=lang, description=h(
        "以表格显示报告的表二、表三、表四（按模板读取的数字；空格、未读到的格子分别标出；\n"
        "与勾稽关系不符的格子标红，相加的格子标黄，表下列出每条不符的关系）",
        "Show a report's 表二, 表三 and 表四 as grids (the figures read into the template;\n"
        "blank and unread cells shown as such; cells that break a relation in red, the cells\n"
        "added in yellow, each broken relation listed under its table)."))
    p.add_argument("file", metavar="FILE", help=h("一个报告文件", "one report file"))
    p.add_argument("--edition", choices=("legacy", "2019", "2021"),
                   help=h("按此版本的格式读取", "read against this edition of the format"))
    p.add_argument("--config", metavar="FILE", help=h("使用这个配置文件", "use this configuration file"))
    p.add_argument("--isolated", action="store_true", help=h("忽略所有配置文件", "ignore every configuration file"))
    p.add_argument("--encoding", metavar="NAME", help=h("按此编码读取文件", "read the file in this encoding"))
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                   help=h("是否着色（默认 auto：输出到终端时着色）",
                          "colour the output (default auto: when writing to a terminal)"))
    p.add_argument("--width", type=int, metavar="N",
                   help=h("输出宽度（默认终端宽度，至少 120）", "output width (default: the terminal's, at least 120)"))
    p.add_argument("--lang", choices=("zh", "en"),
                   help=h("帮助和错误信息的语言（默认 zh 中文）", "language of help and errors (default: zh)"))
    return p


def run_tables(argv: list[str]) -> int:
    args = _parser(argv_lang(argv)).parse_args(argv)
    from gialint.ruleset import Options
    from gialint.runner import Runner

    runner = Runner(Options(edition=args.edition, encoding=args.encoding), config=args.config,
                    isolated=args.isolated, keep_text=True)
    work = runner.expand([args.file], None)
    batch = runner.run(work, 1)
    (result,) = batch.results
    if result.error:
        return fail(f"{result.path}: {result.error}")
    color = args.color == "always" or (args.color == "auto" and sys.stdout.isatty()
                                       and "NO_COLOR" not in os.environ)
    text, broken = render_tables(result, color=color, width=args.width)
    sys.stdout.write(text)
    return EXIT_FINDINGS if broken else (EXIT_CLEAN if result.tables else EXIT_ERROR)


def render_tables(result, *, color: bool = False, width: int | None = None) -> tuple[str, int]:
    """The grids as text (and how many cells are marked as breaking a relation)."""
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from gialint.formats.grids import cell_marks, grids

    console = Console(file=None, record=True, width=width or max(120, _terminal_width()),
                      color_system="standard" if color else None, force_terminal=color,
                      no_color=not color, highlight=False, soft_wrap=False)
    findings = sorted(result.findings, key=lambda f: f.sort_key())
    broken, parts = cell_marks(result, findings)
    cells = (result.tables or {}).get("cells", {})
    title = result.organ or result.path
    with console.capture() as cap:
        console.print(Text(f"{title} · {result.path} · 报告年度 {result.report_year or '—'} · "
                           f"{result.edition or '—'} 版", style="bold"))
        if not result.tables:
            console.print(Text("未读到统计表（旧版提纲的报告没有统一的表格模板，读取的是国办发〔2014〕32号的统计表及类似的本地表格）"
                               if result.edition == "legacy" else "未读到表二、表三、表四"))
        for grid in grids(result):
            # 表二's column labels are those of each sub-table: rows of their own
            table = Table(title=grid.caption, title_justify="left", box=box.SQUARE, show_lines=False,
                          header_style="bold", show_header=grid.table != "t2")
            table.add_column(grid.corner, overflow="fold", max_width=34)
            for label in grid.columns:
                table.add_column(label, justify="right", overflow="fold")
            relations: list = []
            for row in grid.rows:
                if row.header:
                    table.add_row(Text(row.label, style="bold"),
                                  *[Text(x, style="bold") for x in row.labels],
                                  *[""] * (len(grid.columns) - len(row.labels)), end_section=False)
                    continue
                if not row.keys:
                    table.add_row(Text(row.label, style="bold"), *[""] * len(grid.columns))
                    continue
                shown = []
                for key in row.keys:
                    shown.append(_cell(key, cells, broken, parts))
                    for f in broken.get(key, ()):
                        if f not in relations:
                            relations.append(f)
                table.add_row(row.label, *shown, *[""] * (len(grid.columns) - len(row.keys)))
            console.print(table)
            for f in relations:
                where = f.location.logical or f"第 {f.location.line} 行"
                console.print(Text(f"  ✗ {f.rule} {f.message}（{where}）", style="red"))
        console.print(Text("图例：✗5 与勾稽关系不符的格子  +3 参与相加的格子  （空）空白  / 填写为无  · 未读到"))
    return cap.get(), len(broken)


def _cell(key: str, cells: dict, broken: dict, parts: dict):
    from rich.text import Text

    if key not in cells:
        return Text("·", style="dim")
    text, status, _s, _e = cells[key]
    shown = text if text else "（空）"
    if key in broken:
        return Text(f"✗{shown}", style="bold red reverse")
    if key in parts:
        return Text(f"+{shown}", style="yellow")
    if status not in ("ok", "recovered"):
        return Text(shown, style="dim")
    return Text(shown)


def _terminal_width() -> int:
    import shutil

    return shutil.get_terminal_size((120, 24)).columns


__all__ = ["EXIT_ERROR", "render_tables", "run_tables"]
