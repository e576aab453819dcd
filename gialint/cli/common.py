"""What every sub-command of the command line shares: exit codes and error lines."""

from __future__ import annotations

import sys

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def fail(message: str) -> int:
    """Print ``gialint: error: message`` to stderr; the exit code of an error."""
    print(f"gialint: error: {message}", file=sys.stderr)
    return EXIT_ERROR
