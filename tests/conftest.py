"""Session set-up shared by every test module."""

from __future__ import annotations

import os
import shutil
import tempfile

_CACHE = None


def pytest_configure(config):
    # gialint's on-disk cache (grammar, rule files, regex programs) goes to a
    # folder of this session, not to the user's ~/.cache; subprocesses inherit it
    global _CACHE
    if "GIALINT_CACHE_DIR" not in os.environ:
        _CACHE = tempfile.mkdtemp(prefix="gialint-test-cache-")
        os.environ["GIALINT_CACHE_DIR"] = _CACHE


def pytest_unconfigure(config):
    if _CACHE:
        shutil.rmtree(_CACHE, ignore_errors=True)
        os.environ.pop("GIALINT_CACHE_DIR", None)
