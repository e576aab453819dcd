"""The closing block: the signing organ and the date under the last section
(落款), told from other date lines, and found at the end of a whole article
on one line."""

from __future__ import annotations

import re

from gialint.lexer.state import LexState
from gialint.lexer.token import (
    ATTACHMENT,
    DATE_LINE,
    HEADING,
    META,
    SIGNER,
    SUBHEADING,
    TEXT,
    TITLE,
    Tok,
)

# A line that holds only a date (in brackets or not): a signature's, or the one under a title.
_CN_DATE = r"[〇○零一二三四五六七八九十]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日"
DATE_ONLY = re.compile(
    rf"[(\[]?\s*(?:\d{{4}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日|{_CN_DATE}|\d{{4}}[-./]\d{{1,2}}[-./]\d{{1,2}})\s*[)\]]?"
)
# The signing organ: a short line, no sentence, at most this far above its date.
SIGNER_MAX_LEN = 30
SIGNER_MAX_GAP = 2  # lines


def is_signer(prev: Tok, date: Tok) -> bool:
    """The signing organ is a short line of text right above a date line, with
    no sentence or list mark (落款: 某某区人民政府办公室 / 2024年1月20日)."""
    return (
        prev.type == TEXT
        and prev.line >= date.line - SIGNER_MAX_GAP
        and len(prev.text) <= SIGNER_MAX_LEN
        and not any(c in prev.text for c in "。，,;；:：")
    )


def mark_signers(toks: list[Tok]) -> None:
    """Retype the text line above each date line that is a signing organ."""
    for i, tok in enumerate(toks):
        if tok.type == DATE_LINE and i > 0 and is_signer(toks[i - 1], tok):
            toks[i - 1].type = SIGNER


def place_closing_and_attachments(toks: list[Tok]) -> None:
    """What one token of lookahead cannot tell the grammar: a date line (with the
    organ above it) signs the report only under the title or as the first one
    after the last section heading, and a 附件 line opens the attachments only
    when no heading follows it; the others are lines of text."""
    last_heading = max((i for i, t in enumerate(toks) if t.type in (HEADING, SUBHEADING)), default=-1)
    has_section = any(t.type == HEADING for t in toks)
    in_title_block = True  # only TITLE and META so far
    title_date = closing_date = attached = False
    for i, tok in enumerate(toks):
        kind = tok.type
        if kind == ATTACHMENT:
            if i < last_heading:
                tok.type = TEXT
            else:
                attached = True
        elif kind == DATE_LINE:
            if in_title_block and not title_date:
                title_date = True
            elif has_section and i > last_heading and not closing_date and not attached:
                closing_date = True
            else:
                tok.type = TEXT
                if i > 0 and toks[i - 1].type == SIGNER:
                    toks[i - 1].type = TEXT
        if kind not in (TITLE, META, SIGNER, DATE_LINE):
            in_title_block = False


# How far back from its date the signing organ of a one-line article may start,
# and how much (no sentence) may follow the date: 【打印】【关闭】.
TAIL_SIGNER_MAX = SIGNER_MAX_LEN
TAIL_AFTER_MAX = 120
TAIL_WINDOW = 200
_SIGNER_STOP = set("。!?！？;；,，:：、)）]】」』”\"' ")
DATE_IN_TEXT = re.compile(DATE_ONLY.pattern)


def closing_tail(lx: LexState, start: int, end: int) -> tuple[int, int, int, int] | None:
    """The signing organ and date at the end of a whole article on one line
    (…提案。示例街道办事处2025年1月20日): (signer start, signer end, date start,
    date end), or None."""
    text = lx.text
    lo = max(start, end - TAIL_WINDOW)
    for m in reversed(list(DATE_IN_TEXT.finditer(text, lo, end))):
        rest = text[m.end():end]
        if "。" in rest or len(rest) > TAIL_AFTER_MAX or (rest and rest[0] not in " [(【"):
            continue
        d0 = m.start()
        while d0 > start and text[d0 - 1] == " ":
            d0 -= 1
        s0 = d0
        while s0 > start and d0 - s0 < TAIL_SIGNER_MAX and text[s0 - 1] not in _SIGNER_STOP:
            s0 -= 1
        at_boundary = s0 == start or text[s0 - 1] in _SIGNER_STOP
        while at_boundary and s0 < d0 and text[s0].isdigit():
            s0 += 1  # …0 0 0样例县农业农村局: the last value of a table glued to the organ
        if at_boundary and d0 - s0 >= 2 and text[d0 - 1] not in "于在至到止":
            return s0, d0, m.start(), m.end()
        return None
    return None
