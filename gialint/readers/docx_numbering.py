"""Automatic numbering of Word paragraphs: the text Word shows before them.

``一、`` ``（二）`` ``3.`` are often not typed but generated from the numbering
definitions (``word/numbering.xml``); a report's section headings must be read
with them.  Used by :mod:`gialint.readers.docx`.
"""

from __future__ import annotations

import re
import unicodedata

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
VAL = _W + "val"

_CN_DIGITS = "零一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_CN_UNITS = (("千", 1000), ("百", 100), ("十", 10))
_LEGAL_UNITS = (("仟", 1000), ("佰", 100), ("拾", 10))
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
          (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def _chinese(n: int, digits: str = _CN_DIGITS, units=_CN_UNITS) -> str:
    if not 0 < n < 10000:
        return str(n)
    out, zero = [], False
    for unit, size in units:
        d, n = divmod(n, size)
        if d:
            if zero:
                out.append(digits[0])
            out.append(digits[d] + unit)
            zero = False
        elif out:
            zero = True
    if n:
        if zero:
            out.append(digits[0])
        out.append(digits[n])
    s = "".join(out)
    return s[1:] if s.startswith(digits[1] + units[2][0]) and len(s) <= 3 else s  # 十一, not 一十一


def _letters(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if 0 < n <= _MOST_LETTERS else str(n)


def _roman(n: int) -> str:
    if n > _MOST:
        return str(n)
    out = []
    for value, digits in _ROMAN:
        while n >= value:
            out.append(digits)
            n -= value
    return "".join(out)


_FORMATS = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: str(n).translate({c: c + 0xFEE0 for c in range(0x30, 0x3A)}),
    "decimalEnclosedCircle": lambda n: chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n),
    "decimalEnclosedFullstop": lambda n: chr(0x2488 + n - 1) if 1 <= n <= 20 else f"{n}.",
    "decimalEnclosedParen": lambda n: f"({n})",
    "chineseCounting": _chinese,
    "chineseCountingThousand": _chinese,
    "japaneseCounting": _chinese,
    "taiwaneseCounting": _chinese,
    "ideographDigital": lambda n: "".join("〇一二三四五六七八九"[int(d)] for d in str(n)),
    "chineseLegalSimplified": lambda n: _chinese(n, _CN_LEGAL, _LEGAL_UNITS),
    "ideographLegalTraditional": lambda n: _chinese(n, "零壹貳參肆伍陸柒捌玖", (("仟", 1000), ("佰", 100), ("拾", 10))),
    "ideographTraditional": lambda n: "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10],
    "ideographZodiac": lambda n: "子丑寅卯辰巳午未申酉戌亥"[(n - 1) % 12],
    "lowerLetter": _letters,
    "upperLetter": lambda n: _letters(n).upper(),
    "lowerRoman": _roman,
    "upperRoman": lambda n: _roman(n).upper(),
}
_FORMATS["decimalEnclosedCircleChinese"] = _FORMATS["decimalEnclosedCircle"]
_FORMATS["decimalFullWidth2"] = _FORMATS["decimalFullWidth"]
_PLACEHOLDER = re.compile(r"%([1-9])")
# Word's lists have 9 levels.  Letters repeat (z, aa … zz, aaa …) and roman numerals
# add an m per thousand: a w:start of 10^9 would be a billion letters, so numbers
# past 30 letters (780) or past 32767 (Word's largest start) are shown in digits
_LEVELS = 9
_MOST = 32767
_MOST_LETTERS = 26 * 30
_NUMBER = re.compile(r"\s*([+-]?\d{1,10})\s*")


class Numbering:
    """The text Word shows for automatically numbered paragraphs.

    Counters belong to the abstract definition (lists sharing one continue each
    other); a ``startOverride`` restarts them where its list is first used."""

    def __init__(self, doc):
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId → (abstractNumId, overrides)
        self.levels: dict[tuple[str, int], dict] = {}  # (abstractNumId, ilvl) → level definition
        self.style_num: dict[str, tuple[str | None, int | None]] = {}
        self.style_based: dict[str, str] = {}
        self.default_style: str | None = None
        self.counters: dict[str, list[int | None]] = {}
        self.started: set[str] = set()
        self._load(doc)

    def _load(self, doc) -> None:
        part = doc.part
        try:
            from docx.opc.constants import RELATIONSHIP_TYPE as RT

            numbering = part.part_related_by(RT.NUMBERING).element
        except (KeyError, AttributeError):
            numbering = None
        try:
            styles = part.styles.element if part.styles is not None else None
        except (KeyError, AttributeError, NotImplementedError):
            styles = None
        if styles is not None:
            for st in styles.iterfind(_W + "style"):
                sid = st.get(_W + "styleId")
                if sid is None or st.get(_W + "type", "paragraph") != "paragraph":
                    continue
                if st.get(_W + "default") in ("1", "true", "on"):
                    self.default_style = sid
                based = st.find(_W + "basedOn")
                if based is not None:
                    self.style_based[sid] = based.get(VAL)
                num = _num_pr(st.find(_W + "pPr"))
                if num != (None, None):
                    self.style_num[sid] = num
        if numbering is None:
            return
        abstract = {a.get(_W + "abstractNumId"): a for a in numbering.iterfind(_W + "abstractNum")}
        link_num = {}  # style linked lists: abstractNum w:numStyleLink → the style's list
        for aid, a in abstract.items():
            for lvl in a.iterfind(_W + "lvl"):
                ilvl = _int(lvl.get(_W + "ilvl"), 0)
                if 0 <= ilvl < _LEVELS:
                    self.levels[(aid, ilvl)] = _level(lvl)
            link = a.find(_W + "numStyleLink")
            if link is not None:
                link_num[aid] = link.get(VAL)
        abstract_of = {}  # numId → its abstractNumId (the first w:num of that id)
        for num in numbering.iterfind(_W + "num"):
            ref = num.find(_W + "abstractNumId")
            abstract_of.setdefault(num.get(_W + "numId"), ref.get(VAL) if ref is not None else None)
        for num in numbering.iterfind(_W + "num"):
            ref = num.find(_W + "abstractNumId")
            if ref is None:
                continue
            aid = ref.get(VAL)
            if aid in link_num:
                target = self.style_num.get(link_num[aid], (None, None))[0]
                aid = abstract_of.get(target) or aid
            overrides = {}
            for ov in num.iterfind(_W + "lvlOverride"):
                ilvl = _int(ov.get(_W + "ilvl"), 0)
                if not 0 <= ilvl < _LEVELS:
                    continue
                start = ov.find(_W + "startOverride")
                if start is not None:
                    overrides[ilvl] = _int(start.get(VAL), 1)
                lvl = ov.find(_W + "lvl")
                if lvl is not None:  # a whole level replaced for this list only
                    self.levels[(f"{aid}/{num.get(_W + 'numId')}", ilvl)] = _level(lvl)
            self.nums[num.get(_W + "numId")] = (aid, overrides)

    def _style_numbering(self, sid):
        seen = set()
        while sid and sid not in seen:
            seen.add(sid)
            if sid in self.style_num:
                return self.style_num[sid]
            sid = self.style_based.get(sid)
        return None, None

    def label(self, p) -> str:
        if not self.nums:
            return ""
        ppr = p.find(_W + "pPr")
        num_id, ilvl = _num_pr(ppr)
        if num_id is None:
            style = ppr.find(_W + "pStyle") if ppr is not None else None
            sid = style.get(VAL) if style is not None else self.default_style
            num_id, style_lvl = self._style_numbering(sid)
            ilvl = ilvl if ilvl is not None else style_lvl
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return ""
        ilvl = ilvl or 0
        aid, overrides = self.nums[num_id]
        lvl = self.levels.get((f"{aid}/{num_id}", ilvl)) or self.levels.get((aid, ilvl))
        if lvl is None:
            return ""
        counters = self.counters.setdefault(aid, [None] * _LEVELS)
        if num_id not in self.started:
            self.started.add(num_id)
            for i, start in overrides.items():
                counters[i] = start - 1
        if not 0 <= ilvl < _LEVELS:
            return ""
        counters[ilvl] = (counters[ilvl] + 1) if counters[ilvl] is not None else lvl["start"]
        for deeper in range(ilvl + 1, _LEVELS):
            d = self.levels.get((aid, deeper))
            restart = d["restart"] if d is not None else -1  # 1-based level it restarts after
            if restart < 0 or ilvl < restart:
                counters[deeper] = None
        if lvl["fmt"] in ("bullet", "none"):
            return ""

        def number(m: re.Match) -> str:
            i = int(m.group(1)) - 1
            d = self.levels.get((aid, i)) or lvl
            n = counters[i] if counters[i] is not None else d["start"]
            fmt = "decimal" if lvl["legal"] else d["fmt"]
            return _FORMATS.get(fmt, str)(n)

        text = _PLACEHOLDER.sub(number, lvl["text"])
        if text and lvl["suffix"] != "nothing" and not unicodedata.category(text[-1]).startswith("P"):
            text += " "  # Word puts a tab (or a space) after a number like “1” or “第一章”
        return text


def _num_pr(ppr) -> tuple[str | None, int | None]:
    if ppr is None:
        return None, None
    pr = ppr.find(_W + "numPr")
    if pr is None:
        return None, None
    num, lvl = pr.find(_W + "numId"), pr.find(_W + "ilvl")
    return (num.get(VAL) if num is not None else None,
            _int(lvl.get(VAL), 0) if lvl is not None else None)


def _int(text: str | None, default: int) -> int:
    """A decimal number of WordprocessingML (32 bits), else ``default``."""
    m = _NUMBER.fullmatch(text or "")
    return int(m.group(1)) if m else default


def _level(lvl) -> dict:
    def val(tag, default):
        el = lvl.find(_W + tag)
        return el.get(VAL, default) if el is not None else default

    legal = lvl.find(_W + "isLgl")
    return {
        "start": _int(val("start", "0"), 0),
        "fmt": val("numFmt", "decimal"),
        "text": val("lvlText", ""),
        "restart": _int(val("lvlRestart", "-1"), -1),
        "suffix": val("suff", "tab"),
        "legal": legal is not None and legal.get(VAL, "true") not in ("0", "false", "off"),
    }
