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


_CN_DIGITS = {"零": 0, "〇": 0, "两": 2, **_CN_DIGIT}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_GROUPS = {"万": 10_000, "亿": 100_000_000}


def cn_number(numeral: str) -> int | None:
    """A number written in Chinese numerals: 一 → 1, 十 → 10, 十二 → 12, 二十 → 20,
    一百二十 → 120, 两千零五 → 2005, 一万二千 → 12000, 三亿 → 300000000.

    None for what is not one well-formed number: digits in a row (二〇二四, 十四五,
    三四), units out of order (十百), a lone 百, 千, 万 or 亿, empty text.
    """
    if not numeral:
        return None
    total = 0  # the groups closed by 亿 and 万
    group = 0  # the current group (below 万)
    digit: int | None = None  # a digit not yet multiplied
    last_unit = 10_000  # units within a group must decrease
    last_group = 10 ** 12
    zero = False  # a 零 just read: the next digit skips a unit
    for ch in numeral:
        if ch in _CN_DIGITS:
            if digit is not None:
                return None  # two digits in a row
            value = _CN_DIGITS[ch]
            if value == 0:
                if zero or (group == 0 and total == 0):
                    return None
                zero = True
                continue
            digit = value
        elif ch in _CN_UNITS:
            unit = _CN_UNITS[ch]
            if unit >= last_unit or zero and digit is None:
                return None
            if digit is None:
                if unit != 10 or group or total:  # only a leading 十 stands alone (十二)
                    return None
                digit = 1
            group += digit * unit
            digit, last_unit, zero = None, unit, False
        elif ch in _CN_GROUPS:
            size = _CN_GROUPS[ch]
            group += digit or 0
            if group == 0 or size >= last_group:
                return None
            total += group * size
            group, digit, last_unit, last_group, zero = 0, None, 10_000, size, False
        else:
            return None
    return total + group + (digit or 0)


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
