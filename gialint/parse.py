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
    """The LALR parser, from the cache when the grammar has not changed.

    Building the tables takes ~15 ms, loading them ~1 ms: that difference is
    paid by every pre-commit batch.  The cache file is named by a hash of the
    grammar and the Lark and Python versions, written atomically, and any
    problem with it just means building the parser again.
    """
    grammar = (resource_dir("grammars") / "report.lark").read_text(encoding="utf-8")
    cache = _cache_file(grammar)
    if cache is not None:
        try:
            with open(cache, "rb") as fh:
                return Lark.load(fh)
        except Exception:  # missing, truncated, from another version: rebuild
            pass
    built = Lark(grammar, parser="lalr", lexer=_PreLexed, maybe_placeholders=False)
    if cache is not None:
        _save(built, cache)
    return built


def _cache_file(grammar: str):
    """``$GIALINT_CACHE_DIR`` or the user cache folder; None when caching is off."""
    import os
    import sys
    import zlib
    from pathlib import Path

    import lark

    if os.environ.get("GIALINT_NO_CACHE"):
        return None
    base = os.environ.get("GIALINT_CACHE_DIR")
    if not base:
        xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        base = os.path.join(xdg, "gialint")
    # crc32, not hashlib: importing OpenSSL costs more than building a small cache
    data = f"{grammar}\0{lark.__version__}\0{sys.version_info[:2]}".encode()
    key = f"{zlib.crc32(data):08x}{len(data):x}"
    return Path(base) / f"grammar-{key}.lark"


def _save(built: Lark, cache) -> None:
    import os
    import tempfile

    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache.parent, prefix=".grammar-")
        try:
            with os.fdopen(fd, "wb") as fh:
                built.save(fh)
            os.replace(tmp, cache)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:  # a read-only home or cache folder: run without the cache
        pass


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
