"""Reading a report: bytes -> :class:`Source` (decoded text + line index).

Decoding, when no encoding is forced: a byte-order mark (UTF-8, UTF-16
LE/BE) decides; else strict UTF-8; else strict GB18030.  PDF, Word/ZIP,
images and other binary files are refused with an :class:`InputError`, and so
is a file that is UTF-8 except for a few broken bytes (it must not be read as
GB18030 garbage): the error names the line and byte offset of the first bad
sequence.

Lines end at ``\\r\\n`` (one terminator), ``\\r`` or ``\\n``; lines and
columns are 1-based, columns count code points (:class:`gialint.lines.LineIndex`).
Offsets are in the spaces of :mod:`gialint.offsets`: ``Source.text`` is in
:data:`~gialint.offsets.TextOffset`, locations in
:data:`~gialint.offsets.FileOffset`.

A byte-order mark is not part of the text; ``Source.bom`` records the one
the file starts with (also under a forced ``--encoding``), so that ``--fix``
writes back exactly the bytes it read except for the fixed lines.
"""

from __future__ import annotations

import codecs
import os
import sys
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from gialint.findings import Location
from gialint.inputmessages import message as message_text
from gialint.lines import LineIndex

if TYPE_CHECKING:  # types only: the aliases cost nothing at run time
    from gialint.offsets import FileOffset, TextOffset

__all__ = ["InputError", "Source", "decode", "encode_text", "read_source"]


class InputError(Exception):
    """A file that cannot be linted: a message ``code`` of gialint.inputmessages
    with its arguments.  ``message`` is the English text (one line),
    ``str(err) == f"{path}: {message}"``; ``text(lang)`` renders it in a language."""

    def __init__(self, path: str, code: str, **args):
        self.path, self.code, self.arguments = path, code, args
        self.message = message_text(code, args, "en")
        super().__init__(f"{path}: {self.message}")

    def text(self, lang: str) -> str:
        return message_text(self.code, self.arguments, lang)

    def __reduce__(self):  # picklable (multiprocessing)
        return (_input_error, (type(self), self.path, self.code, self.arguments))


def _input_error(cls, path: str, code: str, args: dict) -> InputError:
    return cls(path, code, **args)


class Origin:
    """How a rendering of an HTML, Word or PDF file maps back to that file.

    A reader renders the file as text (``Source.text``: paragraphs as lines,
    table rows as ``| a | b |`` lines) and records, for each run of rendered
    text, where it came from.  ``original`` is the text that positions refer
    to: the decoded HTML source for HTML, ``None`` (the rendering itself) for
    Word and PDF, whose lines are documented rendering lines.  ``labels`` name
    the place a person looks for in the file (page and line, paragraph, table
    row and cell), each from a rendered offset on.
    """

    __slots__ = ("kind", "original", "_starts", "_targets", "_lengths", "_label_at", "_labels",
                 "original_lines")

    def __init__(self, kind: str, original: str | None = None):
        self.kind = kind  # "html", "docx", "pdf"
        self.original = original
        self._starts: list[TextOffset] = []  # rendered offset where a run begins
        self._targets: list[FileOffset] = []  # original offset of that run's first character
        self._lengths: list[int] = []  # characters of the run that map one to one
        self._label_at: list[TextOffset] = []
        self._labels: list[str] = []
        self.original_lines = LineIndex(original) if original is not None else None

    def add_run(self, rendered: TextOffset, target: FileOffset, length: int) -> None:
        """Rendered text from offset ``rendered`` on comes from ``original[target:]``,
        ``length`` characters one to one (0 for text the reader made up: line ends,
        cell separators)."""
        if self._starts and self._starts[-1] == rendered:
            self._targets[-1], self._lengths[-1] = target, length
            return
        self._starts.append(rendered)
        self._targets.append(target)
        self._lengths.append(length)

    def add_label(self, rendered: TextOffset, label: str) -> None:
        self._label_at.append(rendered)
        self._labels.append(label)

    def to_original(self, pos: TextOffset, end: bool = False) -> FileOffset:
        i = bisect_right(self._starts, pos) - 1
        if i < 0:
            return 0
        if end and i > 0 and self._starts[i] == pos and pos - self._starts[i - 1] <= self._lengths[i - 1]:
            # an end offset where a run starts ends the text before it: XX in XX</span>条
            return self._targets[i - 1] + pos - self._starts[i - 1]
        return self._targets[i] + min(pos - self._starts[i], self._lengths[i])

    def label(self, pos: TextOffset) -> str | None:
        i = bisect_right(self._label_at, pos) - 1
        return self._labels[i] if i >= 0 else None


@dataclass(slots=True)
class Source:
    """A decoded report.

    ``text`` is what gialint lints (:data:`~gialint.offsets.TextOffset`).  For
    text and Markdown it is the file's text; for HTML, Word and PDF it is a
    rendering, and ``origin`` maps its offsets back to the file
    (:data:`~gialint.offsets.FileOffset`: the HTML source; Word and PDF have
    none, their rendering stands in).
    """

    path: str  # display path
    text: str  # the text gialint lints, line terminators untouched, without a BOM
    encoding: str
    origin: Origin | None = None
    bom: bytes = b""  # the byte-order mark the file starts with (written back by --fix)
    lines: LineIndex = field(default=None, repr=False, compare=False)  # type: ignore[assignment]

    def __post_init__(self):
        if self.lines is None:
            self.lines = LineIndex(self.text)

    @property
    def line_starts(self) -> list[TextOffset]:
        """Offset of each line start of ``text`` (see :class:`~gialint.lines.LineIndex`)."""
        return self.lines.starts

    @property
    def display_text(self) -> str:
        """The text that locations' lines and columns count in (excerpts come from it):
        the file's own text, the HTML source of a page, the rendering of Word and PDF."""
        o = self.origin
        return o.original if o is not None and o.original is not None else self.text

    @property
    def display_lines(self) -> LineIndex:
        """The line index of :attr:`display_text`."""
        o = self.origin
        return o.original_lines if o is not None and o.original_lines is not None else self.lines

    @property
    def fixable(self) -> bool:
        """Only text files are rewritten by --fix."""
        return self.origin is None

    def position(self, offset: TextOffset) -> tuple[int, int]:
        """1-based (line, column) of ``offset`` in ``text`` (0 <= offset <= len(text))."""
        if offset < 0 or offset > len(self.text):
            raise ValueError(f"offset {offset} outside 0..{len(self.text)}")
        return self.lines.position(offset)

    def location(self, start: TextOffset, end: TextOffset) -> Location:
        """The :class:`Location` of ``text[start:end]`` in the file (its offsets are
        :data:`~gialint.offsets.FileOffset`)."""
        o = self.origin
        if o is not None and o.original is not None:
            ostart, oend = o.to_original(start), o.to_original(end, end=end > start)
            oend = max(oend, ostart)
            line, column = o.original_lines.position(ostart)
            end_line, end_column = o.original_lines.position(oend)
            return Location(ostart, oend, line, column, end_line, end_column, o.label(start))
        line, column = self.position(start)
        end_line, end_column = self.position(end)
        label = o.label(start) if o is not None else None
        return Location(start, end, line, column, end_line, end_column, label)

    def line_text(self, line: int) -> str:
        """Text of 1-based ``line`` of the displayed text, without its terminator
        ("" when out of range)."""
        return self.display_lines.line_text(line)

    @property
    def line_count(self) -> int:
        """Number of lines of ``text``, as an editor shows them: ``"a\\nb"`` and
        ``"a\\nb\\n"`` both have 2, ``""`` has 0.  ``line_starts`` has one more
        entry when the text ends with a line terminator (the empty position
        after it, where ``position(len(text))`` lies)."""
        return self.lines.line_count


# --- decoding ---------------------------------------------------------------

# (magic bytes, message code, its arguments)
_BINARY_MAGIC = (
    # PDF and Word content is normally sent to its reader (gialint.readers);
    # these refusals are for text decoding forced on such a file
    (b"%PDF-", "binary-file-reader", {"what": "PDF", "ext": ".pdf"}),
    (b"PK\x03\x04", "binary-file-reader", {"what": "Word/ZIP package", "ext": ".docx"}),
    (b"PK\x05\x06", "binary-file-reader", {"what": "Word/ZIP package", "ext": ".docx"}),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old-word-format", {}),
    (b"{\\rtf", "rtf-format", {}),
    (b"\x89PNG\r\n\x1a\n", "binary-file", {"what": "PNG image"}),
    (b"\xff\xd8\xff", "binary-file", {"what": "JPEG image"}),
    (b"GIF87a", "binary-file", {"what": "GIF image"}),
    (b"GIF89a", "binary-file", {"what": "GIF image"}),
    (b"II*\x00", "binary-file", {"what": "TIFF image"}),
    (b"MM\x00*", "binary-file", {"what": "TIFF image"}),
    (b"\x1f\x8b", "binary-file", {"what": "gzip"}),
    (b"7z\xbc\xaf\x27\x1c", "binary-file", {"what": "7-Zip archive"}),
    (b"Rar!\x1a\x07", "binary-file", {"what": "RAR archive"}),
    (b"\x7fELF", "binary-file", {"what": "executable"}),
)
_HIGH_BYTES = bytes(range(0x80, 0x100))


def _check_magic(data: bytes, path: str) -> None:
    head = data[:16]
    for magic, code, args in _BINARY_MAGIC:
        if head.startswith(magic):
            raise InputError(path, code, **args)


def _where(data: bytes, start: int, codec: str, skip: int) -> dict:
    """{line, byte} of the undecodable byte ``data[start]``; ``skip``
    bytes (a BOM) precede ``data`` in the file."""
    prefix = data[:start].decode(codec, errors="replace")
    line = 1 + prefix.count("\n") + prefix.count("\r") - prefix.count("\r\n")
    return {"line": line, "byte": start + skip}


def _decode_strict(data: bytes, codec: str, code: str, encoding: str, path: str, skip: int = 0) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as err:
        raise InputError(path, code, encoding=encoding, **_where(data, err.start, codec, skip)) from None


def _mostly_utf8(data: bytes) -> bool:
    """True if ``data`` (not valid UTF-8) still looks like UTF-8 text with a
    few damaged bytes rather than text in a legacy encoding."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    # characters decoded from valid multi-byte sequences (ASCII bytes decode
    # one to one, also right after an invalid byte)
    good = len(text) - (len(data) - high) - bad
    return good >= 4 * bad and good >= 4


def decode(data: bytes, path: str, encoding: str | None = None) -> Source:
    """Decode ``data`` (the contents of ``path``) into a :class:`Source`.

    Raises :class:`InputError` for binary files, undecodable data and unknown
    encodings.
    """
    if not data:
        return Source(path, "", encoding or "utf-8")
    _check_magic(data, path)

    if encoding is not None:
        try:
            codec = codecs.lookup(encoding).name
        except LookupError:
            raise InputError(path, "unknown-encoding", encoding=encoding) from None
        text = _decode_strict(data, codec, "cannot-decode-as", encoding, path)
        bom = _bom_read_by(codec, data)
        if not bom and text.startswith("\ufeff"):  # BOM with a forced utf-8 / utf-16-le ...
            text = text[1:]
            bom = data[: len("\ufeff".encode(codec))]
        if "\x00" in text:
            raise InputError(path, "nul-bytes")
        return Source(path, text, encoding, bom=bom)

    bom = b""
    if data.startswith(codecs.BOM_UTF8):
        text = _decode_strict(data[3:], "utf-8", "invalid-encoding", "UTF-8", path, 3)
        enc, bom = "utf-8-sig", codecs.BOM_UTF8
    elif data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        enc = "utf-16-le" if data.startswith(codecs.BOM_UTF16_LE) else "utf-16-be"
        body, bom = data[2:], data[:2]
        if len(body) % 2:
            raise InputError(path, "truncated-utf16", encoding=enc.upper())
        text = _decode_strict(body, enc, "invalid-encoding", enc.upper(), path, 2)
    else:
        if b"\x00" in data:
            raise InputError(path, "nul-bytes")
        try:
            text = data.decode("utf-8")
            enc = "utf-8"
        except UnicodeDecodeError as err:
            if _mostly_utf8(data):
                raise InputError(path, "invalid-utf8", **_where(data, err.start, "utf-8", 0)) from None
            try:
                text = data.decode("gb18030")
                enc = "gb18030"
            except UnicodeDecodeError:
                raise InputError(path, "cannot-decode", **_where(data, err.start, "utf-8", 0)) from None
    if "\x00" in text:
        raise InputError(path, "nul-bytes")
    return Source(path, text, enc, bom=bom)


# codecs that read (and drop) a byte-order mark themselves, and the BOMs they know
_BOM_CODECS = {
    "utf-8-sig": (codecs.BOM_UTF8,),
    "utf-16": (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE),
    "utf-32": (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE),
}
_ENDIAN = {codecs.BOM_UTF16_LE: "utf-16-le", codecs.BOM_UTF16_BE: "utf-16-be",
           codecs.BOM_UTF32_LE: "utf-32-le", codecs.BOM_UTF32_BE: "utf-32-be"}


def _bom_read_by(codec: str, data: bytes) -> bytes:
    """The BOM that decoding ``data`` with ``codec`` consumed (b"" for most codecs)."""
    for bom in _BOM_CODECS.get(codec, ()):
        if data.startswith(bom):
            return bom
    return b""


def encode_text(text: str, encoding: str, bom: bytes) -> bytes:
    """``text`` as a file in ``encoding`` that starts with ``bom`` stores it: the
    inverse of :func:`decode` (``--fix`` writes exactly the bytes it read, except
    the fixed lines)."""
    codec = codecs.lookup(encoding).name
    if codec == "utf-8-sig":
        codec = "utf-8"  # the BOM is written only when the file had one
    elif codec in ("utf-16", "utf-32"):
        # the byte order the decoder took: the BOM's, else the machine's
        codec = _ENDIAN.get(bom) or f"{codec}-{'le' if sys.byteorder == 'little' else 'be'}"
    return bom + text.encode(codec)


def _read_at_most(fh, limit: int, chunk: int = 1 << 20) -> bytes:
    """Up to ``limit`` bytes of ``fh``, read a megabyte at a time."""
    parts, left = [], limit
    while left > 0:
        part = fh.read(min(chunk, left))
        if not part:
            break
        parts.append(part)
        left -= len(part)
    return b"".join(parts)


def read_bytes_of(path: str, shown: str, max_bytes: int | None = None) -> bytes:
    """The bytes of the file ``path``, at most ``max_bytes`` ("file too large"
    beyond); problems are :class:`InputError` naming ``shown``."""
    try:
        with open(path, "rb") as fh:
            if max_bytes is None:
                return fh.read()
            size = os.fstat(fh.fileno()).st_size
            if size > max_bytes:
                code, args = too_large(size, max_bytes)
                raise InputError(shown, code, **args)
            data = _read_at_most(fh, max_bytes + 1)  # never a buffer of max_bytes up front
            if len(data) > max_bytes:  # a growing file or a special file
                code, args = too_large(None, max_bytes)
                raise InputError(shown, code, **args)
            return data
    except FileNotFoundError:
        raise InputError(shown, "broken-link") from None
    except IsADirectoryError:
        raise InputError(shown, "is-directory") from None
    except PermissionError:
        raise InputError(shown, "permission-denied") from None
    except OSError as err:
        raise InputError(shown, "cannot-read", reason=err.strerror or str(err)) from None


def too_large(size: int | None, limit: int) -> tuple[str, dict]:
    """The message code and arguments for input over the size limit (``size``
    None: not known)."""
    if size is None:
        return "file-too-large-stream", {"limit": limit}
    return "file-too-large", {"size": size, "limit": limit}


def read_source(
    path: str, *, encoding: str | None = None, display_path: str | None = None
) -> Source:
    """Read and decode the file ``path`` as text; messages and ``Source.path`` use
    ``display_path`` (default: ``path``).  ``gialint.readers.read_path`` reads
    any format."""
    shown = display_path if display_path is not None else str(path)
    return decode(read_bytes_of(path, shown), shown, encoding)
