"""gialint/chinese.py: counts written in words."""

import pytest

from gialint.chinese import cn_integer


@pytest.mark.parametrize(("text", "value"), [
    ("零", 0), ("五", 5), ("十", 10), ("十五", 15), ("二十", 20), ("一百二十", 120), ("一百零八", 108),
    ("一千零一十", 1010), ("两千零五", 2005), ("三万二千", 32000), ("十二万", 120000), ("二〇二三", 2023),
])
def test_counts_in_words(text, value):
    assert cn_integer(text) == value


@pytest.mark.parametrize("text", ["", "三五十", "百分", "abc", "5"])
def test_no_count(text):
    assert cn_integer(text) is None
