"""HTML reader: a government web page → the report text it shows.

Only the standard library: ``html.parser`` with ``convert_charrefs=False``,
so every text run and every character or entity reference is seen at its
offset in the decoded source, and locations are line:column of the HTML file.

Rendering:

* the page's metadata of the 政府网站 standard (``<meta name="ArticleTitle">``,
  ``PubDate``, ``ContentSource``; else ``<title>``) as ``标题:`` /
  ``发布时间:`` / ``来源:`` lines, which the lexer keeps apart as META lines;
* the article body: the innermost content container (``TRS_Editor``,
  ``article_content``, ``zoom`` …) that holds nearly all of the text of the
  largest one, else the deepest element holding most of the page's text,
  else ``<body>``.  Scripts, styles, ``nav``/``header``/``footer`` and
  elements named so are dropped; whatever else sits inside the body (分享到,
  打印本页 …) is kept, so the contamination rules see it;
* blocks (``p``, ``div``, ``br``, ``h1``–``h6``, ``li`` …) as lines, inline
  text joined; whitespace and ``&nbsp;`` runs as one space, and none for a
  source line break between two Chinese characters (CSS segment breaks);
* a data table as one ``| a | b |`` line per ``<tr>`` on a grid (spans
  clamped to the table's real size, see ``tables._grid``; a page whose
  tables would need more than 100,000 grid positions plus one per 4
  characters is an input error, ``html-table-too-large``): a
  position covered by a ``rowspan`` from above is an empty cell, a
  ``colspan`` cell's extra columns are empty cells after it — or before it
  when more cells follow in the row, so that a row label spanning two
  columns stands right before its values (the table reader counts a blank
  between a row label and its values as a missing value).  A table that
  holds another table or a long text, or has one column, lays out the page:
  its cells are blocks.

Labels: ``第 N 段`` for paragraphs, ``表 N 第 R 行 第 C 格`` for table cells
(grid row and column, as rendered).

The modules: ``decoding`` (bytes → text), ``dom`` (the element tree),
``body`` (finding the article), ``tables`` (the grid of a table),
``render`` (text, offsets and labels).
"""

from __future__ import annotations

from gialint.readers.html.body import _body, _measure
from gialint.readers.html.decoding import _decode
from gialint.readers.html.dom import _parse
from gialint.readers.html.render import _Renderer
from gialint.readers.html.tables import GridTooLarge
from gialint.source import InputError, Origin, Source

__all__ = ["read"]

GRID_FLOOR = 100_000


def read(data: bytes, path: str, encoding: str | None = None) -> Source:
    """Render the HTML page ``data`` (the contents of ``path``)."""
    text, enc = _decode(data, path, encoding)
    if "\x00" in text:
        raise InputError(path, "nul-bytes-html")
    origin = Origin("html", text)
    root = _parse(text)
    kept = _measure(root)
    body = _body(root, kept)
    # rowspan and colspan could make a small page's grid huge: its tables may have
    # 100,000 grid positions, and one more for every 4 characters of the page
    most = GRID_FLOOR + len(text) // 4
    r = _Renderer(grid_budget=most)
    r.header(root, body)
    try:
        if body.tag == "table":
            r._table(body, r.out)
        else:
            r.render(body, r.out)
    except GridTooLarge:
        raise InputError(path, "html-table-too-large", table=r.tables, most=most) from None
    out = r.out
    out.block(out.src_end)
    rendered = out.text()
    for start, src, length in out.runs:
        origin.add_run(start, src, length)
    origin.add_run(len(rendered), out.src_end, 0)
    labels = sorted(out.labels, key=lambda x: x[0])  # stable: the later of two at one offset wins
    for at, label in labels:
        origin.add_label(at, label)
    return Source(path, rendered, enc, origin=origin)
