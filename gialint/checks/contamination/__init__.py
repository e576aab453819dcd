"""Check kinds: contamination -- text that is not the report's own.

One module per concern; importing this package registers them all.

* ``web_debris`` (web_debris.py): web-page residue (ICP numbers, 主办/承办 footers, share
  bars, breadcrumbs, leaked HTML/Word markup).  A line that is nothing but
  debris is deleted whole by ``--fix``; debris inside a line is deleted
  where it stands.
* ``spam`` (websites.py): injected advertising (the ``pattern`` kind with one more
  source of evidence: the name of a non-government website found in the
  text, used elsewhere as a word, ``scmxtz区``).
* ``foreign_website`` (websites.py): a web address in the download/contact sentence that
  is not a government domain.
* ``pinyin_annotation`` / ``traditional_chars`` (mirror_text.py): mirror sites that convert
  the text to traditional characters and annotate it with pinyin; one
  finding per file each.
* ``foreign_place`` (places.py): a local newspaper of another province (《今日定安》 in a
  平潭 report), a sign of text copied from another organ's report.
* ``self_reference`` (self_reference.py): the report calls itself an organ of another level
  or kind than its title (我县 in a 区 report, 我局 in a 街道办事处's).
* ``other_organ`` (other_organ.py): where the report names itself (由……编制, the signature),
  it names another organ than its title.
"""

from gialint.checks.contamination import (  # noqa: F401
    mirror_text,
    other_organ,
    places,
    self_reference,
    web_debris,
    websites,
)
from gialint.checks.contamination.other_organ import OtherOrgan
from gialint.checks.contamination.places import ForeignPlace
from gialint.checks.contamination.self_reference import SelfReference
from gialint.checks.contamination.web_debris import WebDebris
from gialint.checks.contamination.websites import (
    ADDRESS,
    ForeignWebsite,
    Spam,
    addresses,
    is_allowed_host,
    site_name,
)

__all__ = ["ADDRESS", "ForeignPlace", "ForeignWebsite", "OtherOrgan", "SelfReference", "Spam", "WebDebris", "addresses",
           "is_allowed_host", "site_name"]
