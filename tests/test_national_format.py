"""The table-label matcher walks the label trie exactly as the label regex does."""

from __future__ import annotations

import random

import pytest
from gialint_testing import REAL

from gialint import national_format
from gialint.normalize import normalize

MATCHER = national_format.table_label_matcher()
REGEX = national_format.table_label_regex()
LABELS = sorted(national_format.table_labels())


def _same(text: str, pos: int = 0, end: int | None = None) -> None:
    want = REGEX.match(text, pos) if end is None else REGEX.match(text, pos, end)
    got = MATCHER.match(text, pos, end)
    assert (got is None) == (want is None), (text, pos, end)
    if want is not None:
        assert (got.start(), got.end(), got.group()) == (want.start(), want.end(), want.group())


def test_the_matcher_is_the_walk_not_the_regex():
    assert isinstance(MATCHER, national_format.LabelMatcher)


@pytest.mark.parametrize("label", LABELS)
def test_every_label_alone_spaced_cut_and_followed(label):
    _same(label)
    _same(" ".join(label))  # spaced out by extraction
    _same(label + " 123")
    _same(label + "（市政府令）")
    _same(label[:-1])  # a prefix only
    _same(label.replace(".", "、"))
    _same("x" + label, 1)
    _same(label, 0, max(1, len(label) - 1))


def test_random_text_from_label_characters():
    chars = sorted(set("".join(LABELS)) | set(" 、“”\".0123456789。"))
    rng = random.Random(20261203)
    for _ in range(4000):
        base = rng.choice(LABELS)
        noise = "".join(rng.choice(chars) for _ in range(rng.randint(0, 12)))
        cut = rng.randint(0, len(base))
        text = base[:cut] + noise + base[cut:]
        _same(text)
        _same(text, rng.randint(0, len(text)))


def test_every_line_of_the_real_reports():
    for path in sorted(REAL.glob("*.txt")) + sorted(REAL.glob("*.md")):
        text = normalize(path.read_text(encoding="utf-8", errors="replace")).text
        for line in text.split("\n"):
            for i in range(min(len(line), 400)):
                _same(line, i)
