"""Small facts about Chinese text that several stages need, each in one place:
numerals, which characters are Chinese or wide, and what ends a sentence.

No imports from gialint: every module may use these.
"""

from __future__ import annotations

__all__ = ["CJK_UNIFIED", "COUNT_NUMERALS", "NUMERALS", "SENTENCE_END", "cn_integer", "cn_number",
           "is_cjk", "is_unified", "is_wide"]

#: the numerals of headings and table rows (一、 … 十、, (一) …)
NUMERALS = "一二三四五六七八九十"
_CN_DIGIT = {c: i + 1 for i, c in enumerate("一二三四五六七八九")}

#: punctuation that ends a sentence, full-width and ASCII (the normalised text
#: has only 。!?; -- normalisation folds the full-width ones)
SENTENCE_END = "。!?;！？；"

#: a regex character class of the unified ideographs (basic block, extension A,
#: extensions B-G): the characters :func:`is_unified` accepts
CJK_UNIFIED = "[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0003134f]"


def cn_number(numeral: str) -> int | None:
    """一 → 1, 十 → 10, 十二 → 12, 二十 → 20 (enough for headings)."""
    if not numeral:
        return None
    if numeral == "十":
        return 10
    if numeral.startswith("十"):
        rest = _CN_DIGIT.get(numeral[1:])
        return 10 + rest if rest else None
    if len(numeral) == 1:
        return _CN_DIGIT.get(numeral)
    if len(numeral) in (2, 3) and numeral[1] == "十":
        tens = _CN_DIGIT.get(numeral[0])
        ones = _CN_DIGIT.get(numeral[2:]) if len(numeral) == 3 else 0
        return tens * 10 + ones if tens and ones is not None else None
    return None


#: the characters of a count written in words: 一百二十, 两千零五, 三万
COUNT_NUMERALS = "零〇一二两三四五六七八九十百千万"
_COUNT_DIGIT = {**{c: i for i, c in enumerate("〇一二三四五六七八九")}, "零": 0, "两": 2}
_COUNT_UNIT = {"十": 10, "百": 100, "千": 1000}


def cn_integer(numeral: str) -> int | None:
    """A count written in words: 一百二十 → 120, 十五 → 15, 两千零五 → 2005,
    三万二千 → 32000, 二〇二三 (digit by digit) → 2023; None if it is none."""
    if not numeral or any(c not in COUNT_NUMERALS for c in numeral):
        return None
    if not any(c in _COUNT_UNIT or c == "万" for c in numeral):
        return int("".join(str(_COUNT_DIGIT[c]) for c in numeral))  # 二〇二三
    total = section = 0
    digit: int | None = None
    for c in numeral:
        if c in _COUNT_DIGIT:
            if digit is not None and _COUNT_DIGIT[c] != 0:
                return None  # two digits without a unit between them (三五十)
            digit = _COUNT_DIGIT[c] or None
        elif c in _COUNT_UNIT:
            section += (digit if digit is not None else 1) * _COUNT_UNIT[c]
            digit = None
        else:  # 万
            total += (section + (digit or 0)) * 10000
            section, digit = 0, None
    return total + section + (digit or 0)


def is_unified(c: str) -> bool:
    """A unified ideograph (basic block, extension A, extensions B-G): a Chinese
    character as text counts them."""
    o = ord(c)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x3134F


def is_cjk(c: str) -> bool:
    """Any Han character: a unified ideograph, a compatibility ideograph, a
    radical, or 〇 (what a pinyin annotation may follow)."""
    o = ord(c)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0xF900 <= o <= 0xFAFF
        or 0x20000 <= o <= 0x3134F
        or 0x2E80 <= o <= 0x2FDF
        or o == 0x3007
    )


def is_wide(c: str) -> bool:
    """East Asian Wide or Fullwidth: two columns in a terminal, and no space
    between two of them where a source line breaks (CSS segment breaks)."""
    import unicodedata  # here: importing gialint.normalize (which uses this module) stays light

    return unicodedata.east_asian_width(c) in "WF"
