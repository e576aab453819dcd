"""Check kinds: wording -- how the report's own text is written.

* ``enumeration`` (enumeration.py): numbered points of running text
  (一是…二是…, 第一，…, 1.…, （1）…) that skip or repeat a number.
* ``doubled_word`` (doubled.py): a word or function character typed twice
  (的的, 审核审核); fix: remove the second 的.
"""

from gialint.checks.wording import doubled, enumeration  # noqa: F401
from gialint.checks.wording.doubled import DoubledWord
from gialint.checks.wording.enumeration import Enumeration

__all__ = ["DoubledWord", "Enumeration"]
