"""One report in the layouts real reports come in (for tests/test_layouts.py).

A case is the text of a report written one paragraph a line with tables as
pipe rows (``a | b | c |``).  ``render(text, layout)`` gives the same report
as another kind of input gialint meets:

* ``lines``: as written;
* ``spaced``: table cells separated by spaces, as text copied from a page;
* ``oneline``: ``spaced`` with every line joined by a space (a crawler copy
  that kept the paragraph breaks as spaces);
* ``tight``: ``spaced`` with the lines glued together (a crawler copy that
  lost them);
* ``md``: Markdown, ``#`` title, ``##``/``###`` headings, ``| a | b |`` rows;
* ``pdfmd``: Markdown as a PDF converter writes it: every table row a small
  table of its own under a ``|---|`` rule, a generic header (数据1 … 数据N)
  over each table's first row, a page footer between two rows of 表三;
* ``html``: a government web page, paragraphs in ``<p>``, tables in ``<table>``;
* ``docx``: a Word document (tests/docx_builder.py).

Returns ``(file name suffix, bytes)``.
"""

from __future__ import annotations

import html
import io
import re
import tempfile
from pathlib import Path

from docx_builder import text_to_docx

LAYOUTS = ("lines", "spaced", "oneline", "tight", "md", "pdfmd", "html", "docx")
TEXT_LAYOUTS = ("lines", "spaced", "oneline", "tight", "md", "pdfmd")

_HEADING = re.compile(r"[一二三四五六七八九十]{1,2}[、.．，, ]|[一二三四五六七八九十]{1,2}(?=[总主收政存其])")
_SUB = re.compile(r"[（(][一二三四五六七八九十]{1,2}[)）]")


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _is_row(line: str) -> bool:
    return "|" in line


def _spaced(text: str) -> str:
    return "\n".join(" ".join(c for c in _cells(ln) if c) if _is_row(ln) else ln
                     for ln in text.split("\n"))


def _md(text: str) -> str:
    out = []
    title = True
    for ln in text.split("\n"):
        s = ln.strip()
        if _is_row(ln):
            cells = _cells(ln)
            out.append("| " + " | ".join(cells) + " |")
            continue
        if s and title:
            out.append("# " + s)
            title = False
        elif s and len(s) <= 40 and "。" not in s and _HEADING.match(s):
            out.append("## " + s)
        elif s and len(s) <= 30 and "。" not in s and _SUB.match(s):
            out.append("### " + s)
        else:
            out.append(ln)
    return "\n".join(out)


def _pdfmd(text: str) -> str:
    out = []
    rows_seen = 0
    previous_row = False
    for ln in _md(text).split("\n"):
        if ln.startswith("| "):
            cells = _cells(ln)
            if not previous_row:
                # a generic header over the first row of a table
                out.append("| " + " | ".join(f"数据{i + 1}" for i in range(len(cells))) + " |")
                out.append("|" + "---|" * len(cells))
            else:
                out.append("")
                if rows_seen == 30:
                    out.extend(["- 2 -", ""])  # a page break inside 表三
            out.append(ln)
            if previous_row:
                out.append("|" + "---|" * len(cells))
            rows_seen += 1
            previous_row = True
            continue
        previous_row = False
        out.append(ln)
    return "\n".join(out)


def _html(text: str) -> str:
    lines = text.split("\n")
    title = next((s.strip() for s in lines if s.strip()), "")
    body = []
    i = 0
    while i < len(lines):
        if _is_row(lines[i]):
            rows = []
            while i < len(lines) and _is_row(lines[i]):
                rows.append(_cells(lines[i]))
                i += 1
            body.append("<table border=\"1\">" + "".join(
                "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in rows)
                + "</table>")
            continue
        s = lines[i].strip()
        if s:
            tag = "h1" if s == title else "p"
            body.append(f"<{tag}>{html.escape(s)}</{tag}>")
        i += 1
    return ("<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
            f"<title>{html.escape(title)}</title></head><body><div class=\"article\">"
            + "\n".join(body) + "</div></body></html>")


def render(text: str, layout: str) -> tuple[str, bytes]:
    if layout == "lines":
        return ".txt", text.encode("utf-8")
    if layout == "spaced":
        return ".txt", _spaced(text).encode("utf-8")
    if layout == "oneline":
        return ".txt", " ".join(s for s in _spaced(text).split("\n") if s.strip()).encode("utf-8")
    if layout == "tight":
        return ".txt", "".join(s.strip() for s in _spaced(text).split("\n")).encode("utf-8")
    if layout == "md":
        return ".md", _md(text).encode("utf-8")
    if layout == "pdfmd":
        return ".md", _pdfmd(text).encode("utf-8")
    if layout == "html":
        return ".html", _html(text).encode("utf-8")
    if layout == "docx":
        with tempfile.TemporaryDirectory() as tmp:
            path = text_to_docx(text, Path(tmp) / "report.docx")
            return ".docx", path.read_bytes()
    raise ValueError(layout)


__all__ = ["LAYOUTS", "TEXT_LAYOUTS", "render", "io"]
