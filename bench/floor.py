"""The floor: the least work any linter of these files must do.

    python bench/floor.py PATH...

Reads every .txt/.md file under the paths (directories recursively, in sorted
order, like gialint), decodes it (UTF-8, falling back to GB18030), runs one
compiled regular expression over the text and counts the matches.  bench/run.py
times this as a subprocess over the same corpus as gialint, so the ratio
gialint ÷ floor leaves out the machine, the disk cache and Python's start-up.
"""

from __future__ import annotations

import os
import re
import sys

# something a linter of these reports looks for: numbers, years, section numbers, table pipes
PATTERN = re.compile(r"\d+|[一二三四五六七]、|[（(][一二三四五六七][）)]|\|")


def files(paths):
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, names in os.walk(p):
                dirs.sort()
                for name in sorted(names):
                    if name.endswith((".txt", ".md")):
                        yield os.path.join(root, name)
        else:
            yield p


def main(argv: list[str]) -> int:
    count = n = 0
    for path in files(argv):
        with open(path, "rb") as fh:
            data = fh.read()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("gb18030")
        count += sum(1 for _ in PATTERN.finditer(text))
        n += 1
    print(f"{n} files, {count} matches")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
