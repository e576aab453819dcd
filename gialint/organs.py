"""Whose report it is: an organ's name made comparable (spaces, traditional
characters, 人民政府/政府, a parent region's name), and the organ a configuration's
``[[organs]]`` gives a file.  Reports of one organ are compared year by year
(gialint.history).
"""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path

from gialint.normalize import compact

_PLACE_ONLY = re.compile(r"^.{2,}?(?:省|自治区|市|自治州|州|盟|地区|县|自治县|旗|区|镇|乡)$")
_BODY_SUFFIX = re.compile(r"(?:管理委员会|管委会)$")
_PARENT = re.compile(r"^(?:.{1,8}?(?:省|自治区|市|自治州|州|盟|地区))+$")


def organ_key(organ: str | None) -> str | None:
    """The organ a title names, folded so that spellings of one organ meet:
    spaces and traditional characters, ``人民政府`` = ``政府``, ``政府办`` =
    ``政府办公室``, a zone's ``管委会`` = the zone, a bare place name = its government."""
    if not organ:
        return None
    key = compact(organ)
    key = key.replace("人民政府", "政府")
    if key.endswith("政府办"):
        key += "公室"
    key = _BODY_SUFFIX.sub("", key)
    if _PLACE_ONLY.match(key):
        key += "政府"
    return key or None


def merge_parents(keys: set[str]) -> dict[str, str]:
    """``淮安市洪泽区政府`` and ``洪泽区政府`` in one run are one organ (the longer
    names the region it belongs to): each key → the key it is grouped under."""
    out = {k: k for k in keys}
    for k in sorted(keys, key=len):
        for other in keys:
            if other != k and other.endswith(k) and len(k) >= 4 and _PARENT.match(other[:-len(k)]):
                out[other] = out[k]
    return out


def organ_from_config(cfg, path: str) -> str | None:
    """The name of the first ``[[organs]]`` entry of ``cfg`` whose globs match ``path``."""
    organs = getattr(cfg, "organs", None)
    if not organs:
        return None
    try:
        rel = Path(path).resolve().relative_to(cfg.root.resolve()).as_posix()
    except ValueError:
        rel = Path(path).as_posix()
    for name, globs in organs:
        if any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(Path(rel).name, g) for g in globs):
            return name
    return None
