"""Copied text between reports (issue 14, GIA760/GIA761): how long the
same-year comparison of N reports takes — every report's sections against
every other organ's, through the run index of gialint/copied.py.

    python bench/copied_text.py [--reports 1000] [--copies 0.05] [--seed 1]

Reports are synthetic: six sections of 4–20 sentences drawn from a pool of
4,000 sentences built from common report wording (so that unrelated reports
share phrases, as real ones do), with a share of the reports copying one
section of another report.  Building the prints (what the pipeline does in
each worker) and comparing (the stage after it, one process) are timed
apart; the comparison is checked to find exactly the planted copies.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gialint import copied  # noqa: E402
from gialint.findings import Location, Place  # noqa: E402

SUBJECTS = ["本机关", "我局", "我镇", "区政府办公室", "县发展改革局", "市生态环境局", "街道办事处", "管委会"]
VERBS = ["认真贯彻落实", "扎实推进", "持续深化", "进一步规范", "全面加强", "不断完善", "积极探索", "稳步推进"]
OBJECTS = ["政府信息公开工作", "政策解读工作", "依申请公开办理", "政府网站建设", "重点领域信息公开", "政务新媒体管理",
           "公开目录编制", "信息发布审核", "政府开放日活动", "基层政务公开标准化规范化"]
TAILS = ["取得了积极成效", "群众满意度不断提升", "各项任务按期完成", "公开质量明显提高", "形成了长效机制",
         "做到应公开尽公开", "确保信息准确及时", "切实保障群众知情权"]


def _pool(rng: random.Random, n: int) -> list[str]:
    return [f"{rng.choice(SUBJECTS)}{rng.choice(VERBS)}{rng.choice(OBJECTS)}，"
            f"全年{rng.choice(['发布', '更新', '办理', '公开'])}相关信息{rng.randint(1, 999)}条，"
            f"{rng.choice(TAILS)}。" for _ in range(n)]


def _report(rng: random.Random, pool: list[str]) -> list[list[str]]:
    return [[rng.choice(pool) for _ in range(rng.randint(4, 20))] for _ in range(6)]


def _prints(sections: list[list[str]]) -> dict:
    out = {}
    where = Place(Location(0, 0, 1, 1, 1, 1), "")
    for n, sentences in enumerate(sections, 1):
        sp = copied.SectionPrint(f"s{n}", f"第{n}部分")
        for s in sentences:
            sp.add(where, copied._hashes(s), s[:30])
        out[sp.key] = sp
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reports", type=int, default=1000)
    ap.add_argument("--copies", type=float, default=0.05, help="share of reports that copy a section")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    pool = _pool(rng, 4000)
    reports = [_report(rng, pool) for _ in range(args.reports)]
    planted = set()
    for i in rng.sample(range(args.reports), int(args.copies * args.reports)):
        j = rng.randrange(args.reports)
        if j != i:
            k = rng.randrange(6)
            reports[i][k] = list(reports[j][k])
            planted.add((i, j, k))
    t0 = time.perf_counter()
    prints = [_prints(r) for r in reports]
    t1 = time.perf_counter()
    found = copied.same_year_pairs(prints, [f"organ{i}" for i in range(args.reports)], min_share=0.8, min_chars=80)
    t2 = time.perf_counter()
    hits = {(i, j, int(c.key[1:]) - 1) for i, pairs in enumerate(found) for j, c in pairs}
    wrong = sum(reports[i][k] != reports[j][k] for i, j, k in hits)
    # a later copy may have replaced the section a report copied: count what is equal at the end
    copiers = {(i, k) for i, j, k in planted if reports[i][k] == reports[j][k]}
    caught = sum((i, k) in {(a, c) for a, _, c in hits} for i, k in copiers)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"| {args.reports} | {sum(len(s) for r in reports for sec in r for s in sec):,} | "
          f"{t1 - t0:.2f} s | {t2 - t1:.2f} s | {caught}/{len(copiers)} | {len(hits)} | {wrong} | {peak:.0f} MB |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
