"""What the lexer's parts share while reading one text: the tokens so far,
where it is (title block, inside a table, the last section number) and the
table vocabulary it looks labels up in."""

from __future__ import annotations

from gialint import national_format
from gialint.lexer.token import META, TITLE, Tok
from gialint.national_format import LabelInfo, label_key


class LexState:
    def __init__(self, text: str):
        self.text = text
        self.toks: list[Tok] = []
        self.in_head = True  # still in the title block (TITLE and META lines only so far)
        self.table_mode = False  # the last lines were table content
        self.last_number = 0  # number of the last top-level heading
        self.row_id = 0  # id of the last pipe-table row
        self.labels = national_format.table_labels()
        self.prefixes = national_format.label_prefixes()
        self.label_re = national_format.table_label_matcher()
        # no label (nor prefix of one) is longer: longer lines need no lookup
        self.max_key = max(map(len, self.labels))

    def emit(self, type_: str, start: int, end: int, line: int, trim: bool = True, **kw) -> Tok:
        # trim surrounding spaces so positions point at the words themselves
        # (a blank cell keeps its whole width, so that it can be pointed at)
        text = self.text
        while trim and start < end and text[start] in " \t":
            start += 1
        while trim and end > start and text[end - 1] in " \t":
            end -= 1
        tok = Tok(type_, start, end, text[start:end], line, **kw)
        self.toks.append(tok)
        if type_ not in (TITLE, META):
            self.in_head = False
        return tok

    def could_be_label(self, s: str) -> bool:
        """False when ``s`` is longer than any label key could be (paragraphs)."""
        return len(s) <= self.max_key or len("".join(s.split()).rstrip(":|")) <= self.max_key

    def lookup(self, s: str) -> LabelInfo | None:
        """The table label ``s`` is, if any (a label of any edition's tables)."""
        if not self.could_be_label(s):
            return None
        return self.labels.get(label_key(s, True))

    def match_label(self, s: str) -> LabelInfo | None:
        """The label of a cell, allowing a local note: ``规章 (市政府令)``."""
        info = self.lookup(s)
        if info is None:
            m = self.label_re.match(s)
            if m and s[m.end():].lstrip(" ").startswith("("):
                info = self.lookup(m.group())
        return info

    def lookup_at(self, pos: int, end: int) -> bool:
        """A whole table label starts at ``pos``."""
        m = self.label_re.match(self.text, pos, end)
        return bool(m) and self.lookup(m.group()) is not None

    def flush_text(self, start: int, end: int, line: int) -> None:
        """The running text between two marks of a long line, if it holds words."""
        if self.text[start:end].strip(" \t"):
            self.emit("TEXT", start, end, line)
