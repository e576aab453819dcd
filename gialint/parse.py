"""Coarse tokens → Lark parse tree (LALR, grammar loaded once per process)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedInput
from lark.lexer import Lexer

from gialint.lexer import Tok, lex
from gialint.resources import resource_dir


class GToken(Token):
    """A Lark token that carries the lexer's segments: ``.tok`` the first,
    ``.toks`` all (a run of table cells travels as one token)."""

    __slots__ = ("tok", "toks")


class _PreLexed(Lexer):
    """The tokens are made by gialint.lexer before parsing; pass them on."""

    def __init__(self, lexer_conf):  # noqa: D107 - Lark's interface
        pass

    def lex(self, data):  # type: ignore[override]
        return iter(data)


# the one object in Lark's saved tables that is not plain data: our lexer class
_LEXER_MARK = "gialint.parse._PreLexed"


def _tables_bytes(built: Lark) -> bytes:
    """The parser's tables as marshal data (plain values: loading runs no code)."""
    import marshal

    from lark.grammar import Rule
    from lark.lexer import TerminalDef

    data, memo = built.memo_serialize([TerminalDef, Rule])
    data["options"] = {**data["options"], "lexer": _LEXER_MARK}
    data["parser"] = {**data["parser"],
                      "lexer_conf": {**data["parser"]["lexer_conf"], "lexer_type": _LEXER_MARK}}
    return marshal.dumps({"data": data, "memo": memo})


def _tables_parser(payload: bytes) -> Lark:
    from gialint.cache import loads_marshal

    saved = loads_marshal(payload)
    data = saved["data"]
    if data["options"]["lexer"] != _LEXER_MARK or \
            data["parser"]["lexer_conf"]["lexer_type"] != _LEXER_MARK:
        raise ValueError("not gialint's parser tables")
    data["options"]["lexer"] = data["parser"]["lexer_conf"]["lexer_type"] = _PreLexed
    return Lark.load(saved)  # Lark.load takes the saved dict as it is


@lru_cache(maxsize=1)
def parser() -> Lark:
    """The LALR parser, from the cache when the grammar has not changed.

    Building the tables takes ~15 ms, loading them ~1 ms: that difference is
    paid by every pre-commit batch.  The cache entry's key is the grammar and
    the Lark and Python versions (gialint/cache.py checks it), and any
    problem with it just means building the parser again.
    """
    import sys

    import lark

    from gialint import cache

    grammar = (resource_dir("grammars") / "report.lark").read_text(encoding="utf-8")
    entry = cache.entry("grammar", f"{grammar}\0{lark.__version__}\0{sys.version}")
    built = cache.load(entry, _tables_parser)
    if built is None:
        built = Lark(grammar, parser="lalr", lexer=_PreLexed, maybe_placeholders=False)
        cache.store(entry, built, _tables_bytes)
    return built


@dataclass
class ParseResult:
    tree: Tree
    tokens: list[Tok]
    # segments the grammar could not place, with the parser's expectation
    skipped: list[tuple[Tok, str]] = field(default_factory=list)


def to_lark(tok: Tok, toks=None) -> GToken:
    t = GToken(tok.type, tok.text, start_pos=tok.start, line=tok.line + 1, end_pos=tok.end)
    t.tok = tok
    t.toks = toks or (tok,)
    return t


# kinds the grammar takes as runs: its TABLE_LABEL is a run of labels, its CELL a run of values
_RUN_KINDS = ("TABLE_LABEL", "CELL")


def _grouped(tokens: list[Tok]):
    """Lark tokens: a run of table labels, or of cells, is one token (a row is
    ``TABLE_LABEL CELL?`` in the grammar), so a row's cells cost one parser
    step instead of one each; ``.toks`` holds the run."""
    i, n = 0, len(tokens)
    while i < n:
        tok = tokens[i]
        j = i + 1
        if tok.type in _RUN_KINDS:
            while j < n and tokens[j].type == tok.type:
                j += 1
        yield to_lark(tok, tokens[i:j] if j > i + 1 else None)
        i = j


def parse_tokens(tokens: list[Tok]) -> ParseResult:
    """Parse; a segment that does not fit is skipped and recorded, never fatal."""
    ip = parser().parse_interactive()
    skipped: list[tuple[Tok, str]] = []
    for gt in _grouped(tokens):
        try:
            ip.feed_token(gt)
        except UnexpectedInput as err:
            expected = ", ".join(sorted(getattr(err, "expected", ()) or ()))
            skipped.extend((tok, expected) for tok in gt.toks)
    tree = ip.feed_eof()
    return ParseResult(tree, tokens, skipped)


def parse_text(norm_text: str) -> ParseResult:
    return parse_tokens(lex(norm_text))
