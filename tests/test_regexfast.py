"""The first-character scanner (gialint/regexfast.py) finds exactly what plain
``re`` finds: on generated patterns and texts, on every built-in rule pattern
with random text, on every real report, and when ``re``'s parser is missing
or fails (then the pattern is compiled as it is)."""

from __future__ import annotations

import re

import pytest
from gialint_testing import REAL, real_files
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from gialint import regexfast
from gialint.regexfast import compile_scanner
from gialint.saferegex import LazyPattern

# letters that fold in surprising ways (K, the Kelvin sign, long s, dotless i), CJK, digits
ALPHABET = "abkKsSſıİ\u212a中文年度报告 1２\n-.(（"
FLAGS = [0, re.I, re.M, re.S, re.I | re.M, re.ASCII]


def same(pattern: str, flags: int, text: str) -> None:
    fast, plain = compile_scanner(pattern, flags), re.compile(pattern, flags)
    assert (fast.groups, fast.groupindex) == (plain.groups, plain.groupindex)
    got = [(m.span(), m.groups()) for m in fast.finditer(text)]
    want = [(m.span(), m.groups()) for m in plain.finditer(text)]
    assert got == want, (pattern, flags, text)
    for pos in (1, len(text) // 2):
        a, b = fast.search(text, pos), plain.search(text, pos)
        assert (a and a.span()) == (b and b.span())


# --- generated patterns ----------------------------------------------------------------------

_ATOMS = st.sampled_from([
    "a", "b", "k", "K", "s", "中", "文", "年", "1", r"\d", r"\w", r"\s", ".", "[ab]", "[a-c]",
    "[^a]", "[中文]", r"[\d年]", "[kK]", "\u212a", r"\-", r"\(", "（", "ı",
])


def _wrap(inner):
    return st.one_of(
        st.tuples(inner, inner).map("".join),
        st.tuples(inner, inner).map(lambda t: f"(?:{t[0]}|{t[1]})"),
        inner.map(lambda x: f"(?:{x})?"), inner.map(lambda x: f"(?:{x})*"),
        inner.map(lambda x: f"(?:{x})+"), inner.map(lambda x: f"(?:{x}){{0,2}}"),
        inner.map(lambda x: f"(?:{x})+?"), inner.map(lambda x: f"({x})"),
        inner.map(lambda x: f"(?<!a){x}"), inner.map(lambda x: f"(?<![中b]){x}"),
        inner.map(lambda x: f"(?=[a中]){x}"), inner.map(lambda x: f"(?!b){x}"),
        inner.map(lambda x: f"(?i:{x})"), inner.map(lambda x: f"(?-i:{x})"),
        inner.map(lambda x: f"(?a:{x})"), inner.map(lambda x: f"(?>{x})"),
        inner.map(lambda x: f"^{x}"), inner.map(lambda x: f"\\b{x}"), inner.map(lambda x: f"{x}$"),
    )


PATTERNS = st.recursive(_ATOMS, _wrap, max_leaves=8)
HEADS = st.sampled_from(["", "(?i)", "(?m)", "(?s)(?i)", "(?x)"])
TEXTS = st.text(alphabet=ALPHABET, max_size=40)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(head=HEADS, body=PATTERNS, flags=st.sampled_from(FLAGS), text=TEXTS)
def test_generated_patterns_match_alike(head, body, flags, text):
    pattern = head + body
    try:
        re.compile(pattern, flags)
    except (re.error, ValueError):
        assume(False)
    same(pattern, flags, text)


def test_known_edge_cases():
    same("(?x)(?<!a) b  # a comment", 0, "b ab b")  # the comment must not swallow the ")"
    same("(?<!a) b  # a comment", re.VERBOSE, "b ab b")
    same("(?s)(?i)(?:a)+", 0, "aA")  # two leading flag groups stay in front
    same("(?<!x)(?i:k)", 0, "\u212a k K")  # the Kelvin sign folds to k
    same("(?<!x)(?i:s)", 0, "\u017f")  # and the long s to s
    same("(?<!x)(?i:<|中)", 0, "< 中")  # caseless characters under (?i:…)
    same("(?a:\\d)x", re.UNICODE, "２x 2x")


# --- built-in rule patterns -------------------------------------------------------------------


def _lazy_patterns(obj, seen):
    if isinstance(obj, LazyPattern):
        if id(obj) not in seen:
            seen.add(id(obj))
            yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from _lazy_patterns(v, seen)
    elif isinstance(obj, (list, tuple)):
        for v in obj:
            yield from _lazy_patterns(v, seen)


def builtin_patterns() -> list[tuple[str, int]]:
    """Every pattern of the built-in rules (parameters and what the checks build)."""
    from gialint.ruleset import load_rules

    seen: set[int] = set()
    out = set()
    for loaded_rule in load_rules():
        for p in _lazy_patterns(list(vars(loaded_rule.check).values()), seen):
            out.add((p.pattern, p._how[0]))
    return sorted(out)


BUILTIN = builtin_patterns()


def test_builtin_patterns_all_compile():
    """Built-in patterns are compiled on first use: a mistake shows here."""
    assert len(BUILTIN) > 60
    for pattern, flags in BUILTIN:
        re.compile(pattern, flags)
        compile_scanner(pattern, flags)


def _report_fragments() -> list[str]:
    words = []
    for path in real_files()[:8]:
        text = path.read_text(encoding="utf-8", errors="replace")
        words += [text[i:i + (2, 5, 9, 3)[i % 4]] for i in range(0, len(text), 97)]
    return words


FRAGMENTS = _report_fragments()


@pytest.mark.parametrize("pattern,flags", BUILTIN, ids=range(len(BUILTIN)))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_builtin_patterns_match_alike_on_random_text(pattern, flags, data):
    literals = [c for c in pattern if not c.isascii()] or ["中"]
    piece = st.one_of(st.sampled_from(FRAGMENTS), st.text(alphabet=ALPHABET, max_size=6),
                      st.sampled_from(literals), st.characters())
    text = "".join(data.draw(st.lists(piece, max_size=20)))
    same(pattern, flags, text)


def _real_texts():
    from gialint.normalize import normalize
    from gialint.readers import read_path

    for path in sorted(REAL.iterdir()):
        if path.suffix in (".txt", ".md", ".html"):
            text = read_path(str(path)).text
            yield path.name, text
            yield path.name + " (normalised)", normalize(text).text


def test_builtin_patterns_match_alike_on_every_real_report():
    texts = list(_real_texts())
    assert len(texts) >= 2 * len(real_files())
    for pattern, flags in BUILTIN:
        fast, plain = compile_scanner(pattern, flags), re.compile(pattern, flags)
        for name, text in texts:
            got = [(m.span(), m.groups()) for m in fast.finditer(text)]
            assert got == [(m.span(), m.groups()) for m in plain.finditer(text)], (pattern, name)


# --- the fallback -----------------------------------------------------------------------------

SAMPLES = [r"(?<![A-Za-z])(?:TODO|FIXME)", r"(?<!某)(?:某某+|XX)(?=局)", r"(?<!x)(?i:app)\s*官网", r"(?:第)?\d+年"]
SAMPLE_TEXT = "TODO 某某局 APP 官网 年12 xTODO ＸX app官网"


def test_scanner_is_used_when_the_parser_works():
    assert all(compile_scanner(p).pattern != p for p in SAMPLES)


@pytest.mark.parametrize("broken", ["missing", "raises", "wrong"])
def test_without_the_parser_patterns_compile_as_they_are(monkeypatch, broken):
    class Raising:
        @staticmethod
        def parse(*args, **kwargs):
            raise RuntimeError("private API changed")

    class Wrong:  # returns something that is not a parse
        @staticmethod
        def parse(*args, **kwargs):
            return [("?", 1)]

    monkeypatch.setattr(regexfast, "_parser", {"missing": None, "raises": Raising,
                                               "wrong": Wrong}[broken])
    for p in SAMPLES:
        fast = compile_scanner(p)
        assert fast.pattern == p
        assert [m.span() for m in fast.finditer(SAMPLE_TEXT)] == \
               [m.span() for m in re.finditer(p, SAMPLE_TEXT)]


def test_a_wrapping_re_rejects_falls_back_to_the_pattern(monkeypatch):
    monkeypatch.setattr(regexfast, "first_chars", lambda *a, **k: "[")  # an unclosed class
    p = SAMPLES[0]
    assert compile_scanner(p).pattern == p


def test_table_label_regex_matches_like_a_plain_gap():
    """national_format's possessive gap between label characters matches like `` *``."""
    from gialint import national_format

    words = sorted(national_format.table_labels(), key=len, reverse=True)
    fast = national_format.table_label_regex()
    plain = re.compile(national_format._trie_regex(words, " *"))
    lines = [w[:i] + " " * n + w[i:] + tail for w in words[:60] for i in (1, 2) for n in (0, 1, 3)
             for tail in ("", " ", "  12", "其他")]
    for _, text in _real_texts():
        lines += text.splitlines()
    for line in lines:
        for pos in range(min(len(line), 12)):
            a, b = fast.match(line, pos), plain.match(line, pos)
            assert (a and a.span()) == (b and b.span()), (line, pos)
