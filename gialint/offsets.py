"""The three coordinate spaces of a report, told apart by type.

All three count code points (not bytes) from 0.

* :data:`FileOffset` -- in the decoded file: the text a person opens
  (``Source.display_text``).  Findings' locations (``Location.start``/``end``,
  line and column) are in this space.  For a text or Markdown file it is
  ``Source.text``; for an HTML page it is the page's HTML source; Word and
  PDF files have no text of their own, so their rendering stands in.
* :data:`TextOffset` -- in ``Source.text``, the text gialint lints: the file's
  text for text and Markdown, the reader's rendering (paragraphs as lines,
  table rows as ``| a | b |`` lines) for HTML, Word and PDF.  Model spans,
  hits and ``--fix`` edits are in this space; ``Source.location`` maps it
  to the file (through ``Source.origin`` for a rendering).
* :data:`NormOffset` -- in ``NormText.text``, the normalised text the lexer,
  parser and checks read; ``NormText.to_orig``/``span_to_orig`` map it to
  :data:`TextOffset`.

They are ``typing.NewType`` aliases of ``int``: free at run time, checked by
a type checker, and a signature says which space it takes.
"""

from __future__ import annotations

from typing import NewType

__all__ = ["FileOffset", "NormOffset", "TextOffset"]

FileOffset = NewType("FileOffset", int)
TextOffset = NewType("TextOffset", int)
NormOffset = NewType("NormOffset", int)
