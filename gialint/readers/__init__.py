"""Input formats: bytes of a file → :class:`~gialint.source.Source`.

Text and Markdown are decoded as they are (``gialint.source.decode``).  HTML,
Word (.docx) and PDF are *rendered* to text by their reader — paragraphs as
lines, table rows as ``| a | b |`` lines — with a
:class:`~gialint.source.Origin` that maps every rendered offset back to the
file, so the rest of the pipeline never knows the difference.

The format is chosen by content first (a PDF or ZIP signature), then by the
file name's extension.  Word and PDF readers need optional packages
(``pip install 'gialint-cn[docx]'`` / ``'gialint-cn[pdf]'``); without them the file
gets a clear error naming the extra.
"""

from __future__ import annotations

import importlib
import os

from gialint.source import InputError, Source, decode, read_bytes_of, too_large

__all__ = ["EXTENSIONS", "MAX_BYTES", "UNREAD_EXTENSIONS", "format_of", "read_bytes", "read_path",
           "too_large"]

#: file name extensions linted when a directory is given
EXTENSIONS = (".txt", ".md", ".html", ".htm", ".shtml", ".xhtml", ".docx", ".pdf")

#: documents a directory may hold that gialint does not read: extension → the
#: message (gialint.inputmessages) saying so and what to do.  A directory run
#: lists them as not checked, it does not skip them in silence.
UNREAD_EXTENSIONS = {
    ".doc": "old-word-format", ".dot": "old-word-format", ".wps": "wps-format", ".wpt": "wps-format",
    ".rtf": "rtf-format", ".odt": "odt-format", ".ofd": "ofd-format", ".mht": "mht-format",
    ".mhtml": "mht-format", ".xls": "spreadsheet-format", ".xlsx": "spreadsheet-format",
    ".et": "spreadsheet-format", ".ods": "spreadsheet-format",
}

#: the default size limit (``max-file-size`` in the config, ``--max-file-size``)
MAX_BYTES = 50 * 1024 * 1024

_BY_EXTENSION = {".html": "html", ".htm": "html", ".shtml": "html", ".xhtml": "html", ".docx": "docx",
                 ".pdf": "pdf"}
# the optional distribution each reader needs: (import name, extra of gialint-cn, distribution)
_NEEDS = {"docx": ("docx", "docx", "python-docx"), "pdf": ("pdfplumber", "pdf", "pdfplumber")}


def format_of(path: str, data: bytes) -> str:
    """"text", "html", "docx" or "pdf"."""
    head = data[:8]
    if head.startswith(b"%PDF-"):
        return "pdf"
    ext = os.path.splitext(path)[1].lower()
    if head.startswith(b"PK\x03\x04") and ext in ("", ".docx", ".txt", ".md"):
        return "docx"  # a ZIP: read it as Word when the name does not say otherwise
    return _BY_EXTENSION.get(ext, "text")


def read_bytes(data: bytes, path: str, encoding: str | None = None, *, kind: str | None = None,
               max_bytes: int | None = MAX_BYTES) -> Source:
    """Render ``data`` (the contents of ``path``, shown as ``path``); ``max_bytes``: the
    size limit of a file, which also bounds what a Word file's ZIP may expand to."""
    kind = kind or format_of(path, data)
    if kind == "text":
        return decode(data, path, encoding)
    if kind in _NEEDS:
        module, extra, package = _NEEDS[kind]
        try:
            importlib.import_module(module)
        except ImportError:
            raise InputError(path, "needs-package", format=kind.upper(), module=module, extra=extra,
                             package=package) from None
    reader = importlib.import_module(f"gialint.readers.{kind}")
    if kind == "docx":
        return reader.read(data, path, encoding, max_bytes=max_bytes)
    return reader.read(data, path, encoding)


def read_path(path: str, *, encoding: str | None = None, display_path: str | None = None,
              max_bytes: int | None = MAX_BYTES) -> Source:
    """Read the file ``path`` and render it; messages use ``display_path``."""
    shown = display_path if display_path is not None else str(path)
    return read_bytes(read_bytes_of(path, shown, max_bytes), shown, encoding, max_bytes=max_bytes)
