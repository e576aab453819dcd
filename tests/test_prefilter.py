"""The literal prefilter (gialint/prefilter.py) never says "no match" where
plain ``re`` finds one: on generated patterns and texts, on every built-in
pattern with random text and on every real report; and a lazily compiled
pattern (saferegex.LazyPattern) answers exactly like ``re``."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from test_regexfast import ALPHABET, BUILTIN, FLAGS, FRAGMENTS, HEADS, PATTERNS, _real_texts

from gialint import prefilter
from gialint.prefilter import Prefilter, derive
from gialint.saferegex import LazyPattern

LITERAL_ATOMS = st.sampled_from(["报", "日报", "《", "》", "今日", "ab", "中文", "[中文]", "年度",
                                 "(?:日|晚)报", "x?", "(?:ab){2}", "[ab]{1,2}"])
TEXTS = st.text(alphabet=ALPHABET + "报日《》今晚x", max_size=40)


def _sound(pattern: str, flags: int, text: str) -> None:
    """Where re finds a match in text[pos:], the prefilter must not deny it."""
    sets = derive(pattern, flags)
    compiled = re.compile(pattern, flags)
    if not sets:
        return
    test = Prefilter(sets)
    for pos in range(0, len(text) + 1, max(1, len(text) // 4)):
        for endpos in (None, len(text) - 1) if text else (None,):
            if endpos is not None and endpos < pos:
                continue
            found = compiled.search(text, pos) if endpos is None else compiled.search(text, pos, endpos)
            if found is not None:
                assert test.may_match(text, pos, endpos), (pattern, flags, text, pos, endpos, sets)


def _lazy_same(pattern: str, flags: int, text: str) -> None:
    lazy, plain = LazyPattern(pattern, flags), re.compile(pattern, flags)
    for pos in (0, 1, len(text) // 2):
        a, b = lazy.search(text, pos), plain.search(text, pos)
        assert (a and a.span()) == (b and b.span())
        assert [m.span() for m in lazy.finditer(text, pos)] == [m.span() for m in plain.finditer(text, pos)]
        assert lazy.findall(text, pos) == plain.findall(text, pos)
        a, b = lazy.match(text, pos), plain.match(text, pos)
        assert (a and a.span()) == (b and b.span())
        a, b = lazy.fullmatch(text, pos, len(text)), plain.fullmatch(text, pos, len(text))
        assert (a and a.span()) == (b and b.span())


# literal-heavy patterns (what the prefilter reasons about), nested without
# repeats of repeats (a catastrophic pattern would only test the machine)
LITERAL_PATTERNS = st.recursive(LITERAL_ATOMS, lambda inner: st.one_of(
    st.tuples(inner, inner).map("".join), st.tuples(inner, inner).map(lambda t: f"(?:{t[0]}|{t[1]})"),
    inner.map(lambda x: f"(?:{x})?"), inner.map(lambda x: f"({x})"), inner.map(lambda x: f"(?<!a){x}"),
    inner.map(lambda x: f"(?i:{x})"), inner.map(lambda x: f"(?>{x})"), inner.map(lambda x: f"(?=报){x}"),
    inner.map(lambda x: f"\\b{x}"), inner.map(lambda x: f"[^x]{x}")), max_leaves=6)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(head=HEADS, body=st.one_of(PATTERNS, LITERAL_PATTERNS, st.tuples(LITERAL_PATTERNS, PATTERNS).map("".join)),
       flags=st.sampled_from(FLAGS), text=TEXTS)
def test_generated_patterns_are_never_denied_a_match(head, body, flags, text):
    pattern = head + body
    try:
        re.compile(pattern, flags)
    except (re.error, ValueError):
        assume(False)
    _sound(pattern, flags, text)
    _lazy_same(pattern, flags, text)


def test_what_it_derives():
    assert derive("《今日(?:北京|上海)》") == [["《今日上海》", "《今日北京》"]]
    assert derive("《(?:日报|晚报|报)》") == [["《报》", "《日报》", "《晚报》"]]
    # 日报》 contains 报》: the weaker test is enough; the longer set ranks first
    assert derive("《[^》]{2,4}(?:日报|晚报|报)》") == [["报》"], ["《"]]
    assert derive(r"(?<![A-Za-z])(?:TODO|FIXME)(?![A-Za-z])") == [["FIXME", "TODO"]]
    assert derive(r"行政复议(?:案件)?\s*(?P<n>\d+)\s*(?:件|起)") == [["行政复议"], ["件", "起"]]
    assert derive("a?") is None  # may match empty
    assert derive(r"\d+") is None  # a class of many characters
    assert derive("todo", re.IGNORECASE) is None  # case folding
    assert derive("(?i:a)b") == [["b"]]
    assert derive("x|\\d") is None  # one alternative requires nothing
    assert derive("(") is None  # not a pattern


@pytest.mark.parametrize("pattern,flags", BUILTIN, ids=range(len(BUILTIN)))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_builtin_patterns_on_random_text(pattern, flags, data):
    literals = [c for c in pattern if not c.isascii()] or ["中"]
    words = [w for s in (derive(pattern, flags) or []) for w in s] or ["中"]
    piece = st.one_of(st.sampled_from(FRAGMENTS), st.text(alphabet=ALPHABET, max_size=6),
                      st.sampled_from(literals), st.sampled_from(words), st.characters())
    text = "".join(data.draw(st.lists(piece, max_size=20)))
    _sound(pattern, flags, text)


def test_builtin_patterns_on_every_real_report():
    texts = [text for _, text in _real_texts()]
    for pattern, flags in BUILTIN:
        sets = derive(pattern, flags)
        if not sets:
            continue
        test, compiled = Prefilter(sets), re.compile(pattern, flags)
        for text in texts:
            if compiled.search(text):
                assert test.may_match(text), pattern


def test_most_builtin_patterns_have_a_prefilter():
    """The point of it: most rule patterns need not be compiled for a clean report."""
    with_filter = [p for p, f in BUILTIN if derive(p, f)]
    assert len(with_filter) >= len(BUILTIN) // 2


def test_a_lazy_pattern_is_compiled_only_when_a_text_might_match(monkeypatch):
    compiled = []
    real = re.compile
    lazy = LazyPattern("《今日(?:北京|上海)》", 0, lambda p, f: compiled.append(p) or real(p, f))
    assert lazy.search("一份干净的报告") is None
    assert list(lazy.finditer("一份干净的报告")) == []
    assert not compiled
    assert lazy.search("见《今日北京》第3版").span() == (1, 7)
    assert compiled == ["《今日(?:北京|上海)》"]
    assert lazy.search.__self__.pattern == "《今日(?:北京|上海)》"  # now the compiled pattern's own


def test_a_pattern_searched_through_much_text_is_compiled_anyway():
    lazy = LazyPattern("《今日北京》")
    text = "干净的报告。" * 1000
    for _ in range(1000):
        assert lazy.search(text) is None
    assert isinstance(lazy.search.__self__, re.Pattern)


def test_cached_derivations_are_checked(tmp_path, monkeypatch):
    from gialint import cache

    monkeypatch.setenv("GIALINT_CACHE_DIR", str(tmp_path))
    assert prefilter.prefilter_for("《今日北京》").sets == [("《今日北京》",)]
    assert prefilter.prefilter_for("《今日北京》").sets == [("《今日北京》",)]  # from the cache
    entry = cache.entry("prefilter", "0\0《今日北京》")
    cache.store(entry, {"not": "a prefilter"}, lambda o: __import__("marshal").dumps(o))
    assert prefilter.prefilter_for("《今日北京》").sets == [("《今日北京》",)]  # rebuilt
