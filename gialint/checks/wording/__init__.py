"""Check kinds: wording -- how the report's own text is written.

* ``enumeration`` (enumeration.py): numbered points of running text
  (一是…二是…, 第一，…, 1.…, （1）…) that skip or repeat a number.
"""

from gialint.checks.wording import enumeration  # noqa: F401
from gialint.checks.wording.enumeration import Enumeration

__all__ = ["Enumeration"]
