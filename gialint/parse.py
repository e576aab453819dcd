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
    """A Lark token that carries the lexer's segment (``.tok``)."""

    __slots__ = ("tok",)


class _PreLexed(Lexer):
    """The tokens are made by gialint.lexer before parsing; pass them on."""

    def __init__(self, lexer_conf):  # noqa: D107 - Lark's interface
        pass

    def lex(self, data):  # type: ignore[override]
        return iter(data)


@lru_cache(maxsize=1)
def parser() -> Lark:
    grammar = (resource_dir("grammars") / "report.lark").read_text(encoding="utf-8")
    return Lark(grammar, parser="lalr", lexer=_PreLexed, maybe_placeholders=False)


@dataclass
class ParseResult:
    tree: Tree
    tokens: list[Tok]
    # segments the grammar could not place, with the parser's expectation
    skipped: list[tuple[Tok, str]] = field(default_factory=list)


def to_lark(tok: Tok) -> GToken:
    t = GToken(tok.type, tok.text, start_pos=tok.start, line=tok.line + 1, end_pos=tok.end)
    t.tok = tok
    return t


def parse_tokens(tokens: list[Tok]) -> ParseResult:
    """Parse; a segment that does not fit is skipped and recorded, never fatal."""
    ip = parser().parse_interactive()
    skipped: list[tuple[Tok, str]] = []
    for tok in tokens:
        try:
            ip.feed_token(to_lark(tok))
        except UnexpectedInput as err:
            expected = ", ".join(sorted(getattr(err, "expected", ()) or ()))
            skipped.append((tok, expected))
    tree = ip.feed_eof()
    return ParseResult(tree, tokens, skipped)


def parse_text(norm_text: str) -> ParseResult:
    return parse_tokens(lex(norm_text))
