"""Check kinds: Python classes written once, instantiated by TOML rules.

Importing this package registers every kind in ``REGISTRY``.
"""

from gialint.checks import (  # noqa: F401  (registration)
    arithmetic,
    consistency,
    contamination,
    copied_text,
    cross_year,
    date_copied,
    date_plans,
    dates,
    document,
    engine,
    narrative,
    pattern,
    sections,
    tables,
    topics,
    wording,
)
from gialint.checks.base import (
    REGISTRY,
    Check,
    Context,
    Edit,
    Hit,
    Param,
    ParamError,
    validate_params,
)

__all__ = ["REGISTRY", "Check", "Context", "Edit", "Hit", "Param", "ParamError", "validate_params"]
