"""Check kinds: wording -- how the report's own text is written.

* ``enumeration`` (enumeration.py): numbered points of running text
  (一是…二是…, 第一，…, 1.…, （1）…) that skip or repeat a number.
* ``doubled_word`` (doubled.py): a word or function character typed twice
  (的的, 审核审核); fix: remove the second 的.
* ``ascii_punctuation`` (punctuation.py): an ASCII , . : ; between Chinese
  characters of the text as written; fix: the full-width mark.
"""

from gialint.checks.wording import doubled, enumeration, punctuation  # noqa: F401
from gialint.checks.wording.doubled import DoubledWord
from gialint.checks.wording.enumeration import Enumeration
from gialint.checks.wording.punctuation import AsciiPunctuation

__all__ = ["AsciiPunctuation", "DoubledWord", "Enumeration"]
