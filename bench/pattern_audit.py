"""The audit of issue 18: every built-in rule (and the reading before them) on
a report followed by a long run of one character or short unit — every ASCII
character, Chinese punctuation and common characters, digits with separators,
table cells.  A pattern that can start anywhere inside a run and scan to its
end is quadratic; a rule or the reading that takes longer than the limits on a
run of N characters is printed.

    python bench/pattern_audit.py [N] [--rule-limit 0.2] [--read-limit 0.5]

Exit 1 when something is over its limit (tests/test_hostile_runs.py runs it).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from gialint.checks.base import Context  # noqa: E402
from gialint.config import Config  # noqa: E402
from gialint.pipeline import analyse  # noqa: E402
from gialint.readers import read_bytes  # noqa: E402
from gialint.ruleset import Options, RuleSet  # noqa: E402

CLEAN = (REPO / "tests" / "fixtures" / "rules" / "GIA101" / "pass_clean_2021.txt").read_text(encoding="utf-8")
CHARS = [chr(c) for c in range(0x21, 0x7F)] + list(
    "，。、；：？！“”‘’（）【】《》〈〉…—·～\u3000年月日号件条项个次元万亿零〇○一二三四五六七八九十百千某是的和及或为\t ")
UNITS = CHARS + ["1,", "1.", "| 0 ", "a1", "1 ", "年 ", "(1)", "（一）", "一是", "，1", "0|", "第1", "1、",
                 "1年", "1月", "1日"]


def audit(n: int, rule_limit: float, read_limit: float) -> list[str]:
    rs = RuleSet(Config(), Options())
    over = []
    for unit in UNITS:
        body = unit * (n // len(unit))
        src = read_bytes((CLEAN + "\n" + body + "\n").encode("utf-8"), "run.txt")
        t0 = time.perf_counter()
        report = analyse(src, rs)
        took = time.perf_counter() - t0
        if took > read_limit:
            over.append(f"{unit!r}: reading {took:.2f} s")
        for loaded in rs.enabled:
            t = time.perf_counter()
            try:
                list(loaded.check.check(report, Context()))
            except Exception as err:  # noqa: BLE001 - a crash is reported, not raised
                over.append(f"{unit!r}: {loaded.rule.id} raised {type(err).__name__}")
            took = time.perf_counter() - t
            if took > rule_limit:
                over.append(f"{unit!r}: {loaded.rule.id} {took:.2f} s")
    return over


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", nargs="?", type=int, default=8000)
    ap.add_argument("--rule-limit", type=float, default=0.2)
    ap.add_argument("--read-limit", type=float, default=0.5)
    args = ap.parse_args()
    over = audit(args.n, args.rule_limit, args.read_limit)
    for line in over:
        print(line)
    print(f"{len(UNITS)} runs of {args.n} characters: {len(over) or 'nothing'} over the limits")
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main())
