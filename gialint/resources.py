"""Where the grammar and rule files are, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

_PKG = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """``grammars`` or ``rules``: inside the wheel, or at the repository root.

    The wheel maps the top-level ``grammars/`` and ``rules/`` folders into
    the package (pyproject.toml); an editable install or a checkout reads
    them where they are.
    """
    inside = _PKG / name
    if inside.is_dir():
        return inside
    return _PKG.parent / name
