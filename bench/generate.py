"""Build a benchmark corpus of annual reports from the project's own examples.

    python bench/generate.py OUT_DIR [-n 2000] [--seed 1] [--broken-sums K]

Every report starts from one of a few sources in the repository (the 2024
example, a clean 2021-layout fixture, a 2019-layout fixture and two legacy
reports, one of them a real crawled page whose body is a single 14 KB line).
Each copy gets a new organ and report year (title, body and dates shifted
together), new numbers in the statistical tables that keep the template's sums
(and the sentences that quote them) consistent, body paragraphs shuffled and
duplicated up to a drawn size of 5–20 KB, UTF-8 or GB18030, .txt or .md.
About one file in ten gets one planted mistake so that findings exist.
The same seed gives byte-identical output; OUT_DIR/MANIFEST.tsv lists each
file's size, encoding, layout, source, year, organ and planted mistake.

With --broken-sums K the corpus is the one that measures what findings cost:
only the layouts with statistical tables, and every report has K table cells
made wrong (each breaks one or two sums: about ten findings a report for K=6,
most with the cells of their equations as related locations) instead of the
one-in-ten mistakes.  The same seed with K=0 gives the same reports without
the broken cells, so the two corpora differ only in those digits.
"""

from __future__ import annotations

import argparse
import functools
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MIN_BYTES, MAX_BYTES = 5 * 1024, 20 * 1024
PLANT_RATE = 0.1

CITIES = ["青川市", "临江市", "云岭市", "白沙市", "安平市", "东阳市", "兴宁市", "丰泽市", "长宁市",
          "永安市", "河源市", "清远市", "宁川市", "桐城市", "金华山市", "玉溪湾市"]
COUNTIES = ["城关区", "河西区", "新城区", "北山区", "南湖区", "东坡区", "安宁县", "清水县", "永和县",
            "长乐县", "石门县", "凤凰县", "高桥县", "平阳县", "西林区", "云台区", "望江县", "龙泉区"]
DEPARTMENTS = ["人民政府", "人民政府办公室", "发展和改革局", "教育局", "科学技术局", "民政局", "司法局",
               "财政局", "人力资源和社会保障局", "自然资源局", "生态环境局", "住房和城乡建设局",
               "交通运输局", "水利局", "农业农村局", "商务局", "文化和旅游局", "卫生健康委员会",
               "退役军人事务局", "应急管理局", "审计局", "市场监督管理局", "统计局", "医疗保障局",
               "城市管理局", "政务服务管理办公室", "数据局", "林业局"]
TOWNS = ["东关", "西门", "南街", "北苑", "桥头", "花园", "新村", "红星", "城东", "滨江", "望湖", "青石"]

# weights of the table-3 result rows, by a word of their label (the rest share "")
RESULT_WEIGHTS = {"予以公开": 35, "部分公开": 10, "不掌握": 25, "没有现成": 5, "补正后": 3, "信访": 5,
                  "重复申请": 4, "三.其他": 5, "第三方": 2, "过程性": 2,
                  # the sources say no fee notice was issued (GIA744): none lapsed for non-payment
                  "收费通知": 0, "": 0.5}
APPLICANT_WEIGHTS = [85, 8, 1, 1, 2, 3]  # 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他


@dataclass
class Src:
    """A source report and what to replace in it."""

    key: str
    path: str
    layout: str           # legacy, 2019 or 2021
    year: int             # its report year (neighbouring years shift with it)
    names: list           # (text in the source, which new name replaces it); the title's first
    region: tuple         # (start, end) markers of the part whose paragraphs are padded
    weight: float
    one_line: bool = False  # the body is one line: pad with sentences, not lines
    text: str = field(default="", repr=False)


SOURCES = [
    Src("example-2024", "examples/report-2024.txt", "2021", 2024,
        [("示例市示例区示例街道办事处", "full"), ("示例街道办事处", "organ"), ("示例街道", "organ"),
         ("示例区", "county"), ("示例市", "city")], ("\n一、总体情况\n", "\n二、"), 0.35),
    Src("clean-2021", "tests/fixtures/rules/GIA101/pass_clean_2021.txt", "2021", 2023,
        [("某某街道办事处", "full"), ("本街道", "本机关")], ("\n一、总体情况\n", "\n二、"), 0.2),
    Src("pipe-2019", "tests/fixtures/rules/GIA312/pass_made_and_published_pipe_2020.txt", "2019", 2020,
        [("通济街道办事处", "full")], ("\n一、总体情况\n", "\n二、"), 0.15),
    Src("legacy-department", "tests/fixtures/rules/GIA407/pass_legacy_department_march.txt", "legacy", 2016,
        [("示例区发展和改革局", "full")], ("\n一、概述\n", "\n二、"), 0.15),
    Src("legacy-crawled", "tests/data/real/2016_pingtan-zone.txt", "legacy", 2016,
        [("平潭综合实验区", "county_full"), ("平潭", "county")], ("一、 概述", "二、主动公开"), 0.15,
        one_line=True),
]
# prose only: section 一 of real reports (a one-line crawled body each), cut into sentences
# and recombined into new paragraphs so that padding is not the same few lines over and over
PROSE = [Src(f"prose-{y}", f"tests/data/real/{y}_pingtan-zone.txt", "2021", y,
             [("平潭综合实验区", "county_full"), ("平潭", "county")], ("一、总体情况", "二、主动公开"), 0,
             one_line=True) for y in range(2019, 2026)]
# sentences the padding must not carry: numbers that rules compare with the tables, cut-off
# dates, a province (the organs are fictitious)
_UNSAFE = re.compile(r"(申请|复议|诉讼)[^。]*\d|\d[^。]*(申请|复议|诉讼)|截至|截止|目前|福建|闽")
# report years per layout: each layout only in the years it was in force
YEARS = {"2021": range(2021, 2026), "2019": range(2019, 2021), "legacy": range(2012, 2019)}


def load_sources() -> list[Src]:
    for s in SOURCES + PROSE:
        if not s.text:
            s.text = (ROOT / s.path).read_text(encoding="utf-8")
    return SOURCES


@functools.cache
def prose_sentences() -> list[tuple[str, Src]]:
    """Safe sentences of the PROSE reports, each with its source (for names and years)."""
    load_sources()
    out = []
    for src in PROSE:
        for sent in region_units(src):
            years = [int(y) for y in re.findall(r"(?<!\d)(\d{4})(?!\d)", sent)]
            # a later year would be a future year in a report about the past
            if len(sent) < 300 and not _UNSAFE.search(sent) and all(y <= src.year for y in years):
                out.append((sent, src))
    return out


# --- names and years ---------------------------------------------------------------

def new_names(rng: random.Random) -> dict:
    city, county = rng.choice(CITIES), rng.choice(COUNTIES)
    if rng.random() < 0.3:
        dept = rng.choice(TOWNS) + rng.choice(["街道办事处", "镇人民政府"])
    else:
        dept = rng.choice(DEPARTMENTS)
    return {"city": city, "county": county, "county_full": city + county,
            "organ": county + dept, "full": city + county + dept}


def substitute(text: str, src: Src, names: dict, year: int, every_year: bool = False) -> str:
    """The source's organ names and years replaced; longest names first.  Years next to
    the report year move with it (all years do with ``every_year``, for borrowed prose)."""
    table = {old: names.get(new, new) for old, new in src.names}
    pattern = re.compile("|".join(re.escape(k) for k in sorted(table, key=len, reverse=True)))
    text = pattern.sub(lambda m: table[m.group(0)], text)

    # a document number's year (〔2021〕) stays
    def shift(m):
        y = int(m.group(1))
        near = abs(y - src.year) <= 1 or (every_year and 1990 < y < 2040)
        return str(year + y - src.year) if near else m.group(1)
    return re.sub(r"(?<![\d〔\[［])(\d{4})(?!\d)", shift, text)


# --- padding -------------------------------------------------------------------------

_SENTENCE = re.compile(r"[^。]*。")


def region_units(src: Src) -> list[str]:
    """The paragraphs (or sentences of a one-line body) between the region markers."""
    start, end = src.region
    a = src.text.index(start) + len(start)
    part = src.text[a:src.text.index(end, a)]
    if src.one_line:
        return [u for u in _SENTENCE.findall(part) if len(u) > 20]
    # body lines only: headings such as （一）主动公开 would be duplicated as headings
    return [ln for ln in part.split("\n") if len(ln) > 30 and not ln.startswith("（")]


def pad(text: str, src: Src, units: list[str], target: int, size_of, rng: random.Random) -> str:
    """Insert units (shuffled, duplicated) before the region's end until the file, as
    ``size_of`` measures it, reaches ``target`` bytes (never past MAX_BYTES)."""
    start, end = src.region
    at = text.index(end, text.index(start) + len(start))
    head, tail = text[:at], text[at:]
    extra, pool = [], []
    while units and size_of(head + "".join(extra) + tail) < target:
        if not pool:
            pool = units[:]
            rng.shuffle(pool)
        extra.append(pool.pop() if src.one_line else "\n" + pool.pop())
        if size_of(head + "".join(extra) + tail) > MAX_BYTES:
            extra.pop()
            break
    return head + "".join(extra) + tail


# --- tables --------------------------------------------------------------------------

_AMOUNT = re.compile(r"(\d+\.\d+)(万元|元)?")


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _row(cells: list[str]) -> str:
    return " | ".join(cells) + " |"


def _is_int(c: str) -> bool:
    return bool(re.fullmatch(r"\d+", c))


@dataclass
class Counts:
    """The table-3 totals that sentences quote (received, carried over, closed, carried on)."""

    new: int = 0
    carried: int = 0
    closed: int = 0
    carry: int = 0


def fill_tables(text: str, rng: random.Random) -> tuple[str, Counts | None]:
    """New numbers in the pipe-row tables; totals recomputed from the parts."""
    lines = text.split("\n")
    t3 = {}       # role → line index
    leaves = []   # result rows of table 3
    in_results = False
    for i, line in enumerate(lines):
        if "|" not in line:
            continue
        cells = _cells(line)
        nums = [c for c in cells if _is_int(c)]
        if len(cells) == 15 and all(_is_int(c) for c in cells):
            lines[i] = _row(_table4(cells, rng))
        elif len(nums) == 7 and all(_is_int(c) for c in cells[-7:]):
            label = cells[0]
            role = ("new" if label.startswith("一、本年新收") else "carried" if label.startswith("二、上年结转")
                    else "total" if "总计" in label else "carry" if label.startswith("四、结转") else None)
            if role:
                t3[role] = i
            if in_results and role is None:
                leaves.append(i)
        elif cells[0].startswith("三、本年度办理结果"):
            in_results = True
            continue
        elif len(cells) >= 2 and cells[0] not in ("信息内容", "") and not cells[0].startswith("第二十条"):
            lines[i] = _row(_table2(cells, rng))
        if cells and "总计" in cells[0]:
            in_results = False
    if set(t3) != {"new", "carried", "total", "carry"} or not leaves:
        return "\n".join(lines), None
    return _table3(lines, t3, leaves, rng)


def _table2(cells: list[str], rng: random.Random) -> list[str]:
    """A table-2 row: plain counts ascending (new ≤ published ≤ total), signs and amounts kept."""
    label, vals = cells[:1], cells[1:]
    plain = sorted(rng.choice([0, 0, rng.randint(0, 40), rng.randint(0, 4000)]) for c in vals if _is_int(c))
    out = []
    for c in vals:
        if _is_int(c):
            out.append(str(plain.pop(0)))
        elif re.fullmatch(r"[+-]\d+", c):
            d = rng.randint(-200, 200)
            out.append(f"{d:+d}" if d else "0")
        elif m := _AMOUNT.fullmatch(c):
            out.append(f"{rng.uniform(0, 900):.{len(m.group(1).split('.')[1])}f}{m.group(2) or ''}")
        else:
            out.append(c)
    return label + out


def _table4(cells: list[str], rng: random.Random) -> list[str]:
    """Table 4: per group (review, suit, suit after review) four outcomes and their total.
    A group the source left at zero stays zero, so sentences saying 未发生 stay true."""
    out = []
    for g in range(3):
        if int(cells[g * 5 + 4]) == 0:
            out += ["0"] * 5
            continue
        parts = [rng.choice([0, 0, 1, rng.randint(0, 12)]) for _ in range(4)]
        parts[0] = max(parts[0], 1)
        out += [str(p) for p in parts] + [str(sum(parts))]
    return out


def _leaf_weight(label: str) -> float:
    flat = label.replace("|", "").replace(" ", "")
    for word, w in RESULT_WEIGHTS.items():
        if word and (word in flat or (word == "三.其他" and flat.startswith("3.其他"))):
            return w
    return RESULT_WEIGHTS[""]


def _table3(lines: list[str], t3: dict, leaves: list[int], rng: random.Random):
    weights = [_leaf_weight(lines[i].rsplit("|", 8)[0]) for i in leaves]
    scale = 0 if rng.random() < 0.12 else int(10 ** rng.uniform(0, 2.7))
    per_col = Counter(rng.choices(range(6), APPLICANT_WEIGHTS, k=scale))
    grid = {i: [0] * 6 for i in leaves}
    new, carried, total, carry = [0] * 6, [0] * 6, [0] * 6, [0] * 6
    for c in range(6):
        for i, n in Counter(rng.choices(leaves, weights, k=per_col[c])).items():
            grid[i][c] = n
        total[c] = sum(grid[i][c] for i in leaves)
        carry[c] = rng.randint(0, total[c] // 8) if rng.random() < 0.4 else 0
        carried[c] = rng.randint(0, (total[c] + carry[c]) // 8) if rng.random() < 0.4 else 0
        new[c] = total[c] + carry[c] - carried[c]
    rows = dict(grid)
    rows.update({t3["new"]: new, t3["carried"]: carried, t3["total"]: total, t3["carry"]: carry})
    for i, vals in rows.items():
        cells = _cells(lines[i])
        lines[i] = _row(cells[:-7] + [str(v) for v in vals] + [str(sum(vals))])
    return "\n".join(lines), Counts(sum(new), sum(carried), sum(total), sum(carry))


# the sentences that quote table 3, as (pattern, which count)
QUOTES = [
    (re.compile(r"(新收政府信息公开申请)(\d+)(件)"), "new"),
    (re.compile(r"(收到政府信息公开申请)(\d+)(件)"), "new"),
    (re.compile(r"(上年结转)(\d+)(件)"), "carried"),
    (re.compile(r"(办结)(\d+)(件)"), "closed"),
    (re.compile(r"()(\d+)(件(?:因[^，。]*?)?结转下年度)"), "carry"),
]


def quote_counts(text: str, counts: Counts) -> str:
    for pattern, what in QUOTES:
        text = pattern.sub(lambda m, w=what: f"{m.group(1)}{getattr(counts, w)}{m.group(3)}", text)
    return text


# --- planted mistakes ----------------------------------------------------------------

def plant(text: str, counts: Counts | None, names: dict, year: int, rng: random.Random) -> tuple[str, str]:
    """One deliberate mistake; returns the text and its kind ("" when none applied)."""
    kinds = ["placeholder"]
    if f"至{year}年12月31日" in text:
        kinds.append("period")
    if counts is not None:
        kinds += ["t3-cell", "text-count"]
        if re.search(r"^(?:\d+ \| ){14}\d+ \|$", text, re.M):
            kinds.append("t4-total")
    kind = rng.choice(kinds)
    if kind == "placeholder":
        at = text.find(names["full"], text.find("\n") + 1)
        if at < 0:
            return text, ""
        return text[:at] + "××" + names["full"][2:] + text[at + len(names["full"]):], kind
    if kind == "period":
        return text.replace(f"至{year}年12月31日", f"至{year}年12月30日", 1), kind
    if kind == "text-count":
        # 收到…申请N件 and 办结N件 are what GIA701/702 read (新收…申请N件 is not, so last)
        m = QUOTES[1][0].search(text) or QUOTES[3][0].search(text) or QUOTES[0][0].search(text)
        if not m:
            return text, ""
        return text[:m.start(2)] + str(int(m.group(2)) + rng.randint(1, 9)) + text[m.end(2):], kind
    lines = text.split("\n")
    for i, line in enumerate(lines):
        cells = _cells(line) if "|" in line else []
        if kind == "t3-cell" and cells and ("予以公开" in cells[0]) and _is_int(cells[-7]):
            cells[-7] = str(int(cells[-7]) + rng.randint(1, 3))
            lines[i] = _row(cells)
            return "\n".join(lines), kind
        if kind == "t4-total" and len(cells) == 15 and all(_is_int(c) for c in cells):
            cells[4] = str(int(cells[4]) + 1)
            lines[i] = _row(cells)
            return "\n".join(lines), kind
    return text, ""


def break_sums(text: str, k: int, rng: random.Random) -> tuple[str, str]:
    """``k`` table cells each made larger by 1–3: result cells of table 3 (in different
    rows and, while there are enough, different columns: each breaks its row's sum and
    its column's), row totals of table 3 and group totals of table 4 (one sum each).
    Returns the text and "sums×N" (N cells changed; "" when there is no table)."""
    lines = text.split("\n")
    leaves, t4 = [], []
    in_results = False
    for i, line in enumerate(lines):
        cells = _cells(line) if "|" in line else []
        if not cells:
            continue
        if cells[0].startswith("三、本年度办理结果"):
            in_results = True
        elif "总计" in cells[0]:
            in_results = False
        elif in_results and len(cells) >= 8 and all(_is_int(c) for c in cells[-7:]):
            leaves.append(i)
        elif len(cells) == 15 and all(_is_int(c) for c in cells):
            t4.append(i)
    # (line, cell index from the end of the row): applicant columns are -7…-2, the row total -1
    totals = [(i, -1) for i in leaves] + [(i, g * 5 + 4 - 15) for i in t4 for g in range(3)]
    picked = rng.sample(totals, min(k // 3, len(totals)))
    rows = [i for i in leaves if (i, -1) not in picked]
    rng.shuffle(rows)
    columns: list[int] = []
    for i in rows[:k - len(picked)]:
        if not columns:
            columns = list(range(-7, -1))
            rng.shuffle(columns)
        picked.append((i, columns.pop()))
    for i, c in picked:
        cells = _cells(lines[i])
        cells[c] = str(int(cells[c]) + rng.randint(1, 3))
        lines[i] = _row(cells)
    return "\n".join(lines), (f"sums×{len(picked)}" if picked else "")


# --- Markdown ------------------------------------------------------------------------

_SECTION = re.compile(r"^[一二三四五六七八九]、")


def to_markdown(text: str, one_line: bool) -> str:
    """Headings as #/##, table rows with a leading pipe, paragraphs separated by blank lines."""
    if one_line:  # a crawled page: its lines are metadata and one body line
        return text
    out = []
    for n, line in enumerate(text.split("\n")):
        if n == 0:
            out.append("# " + line)
        elif "|" in line:
            out.append(line if line.startswith("|") else "| " + line)
            continue
        elif _SECTION.match(line):
            out.append("## " + line)
        else:
            out.append(line)
        if line:
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# --- one report ----------------------------------------------------------------------

def make_report(rng: random.Random, sources: list[Src], encoding: str,
                broken_sums: int | None = None, sums_rng: random.Random | None = None) -> tuple[str, dict]:
    """The text of one report (and its manifest row, without the file name).
    ``broken_sums``: plant that many wrong table cells (with ``sums_rng``, so that
    the rest of the report does not depend on it) instead of the occasional mistake."""
    src = rng.choices(sources, [s.weight for s in sources])[0]
    year = rng.choice(YEARS[src.layout])
    names = new_names(rng)
    ext = "md" if rng.random() < 0.3 else "txt"
    text = substitute(src.text, src, names, year)
    counts = None
    if src.layout != "legacy":
        text, counts = fill_tables(text, rng)
        if counts:
            text = quote_counts(text, counts)
    # padding: this report's own paragraphs plus the example's section 一
    units = [substitute(u, src, names, year) for u in region_units(src)]
    if not src.one_line:
        ex = next(s for s in sources if s.key == "example-2024")
        units += [substitute(u, ex, names, year) for u in region_units(ex)]
        units = [quote_counts(u, counts) for u in units] if counts else units
        sentences = prose_sentences()
        for _ in range(30):  # new paragraphs of 2–4 sentences from the real reports
            picked = rng.sample(sentences, rng.randint(2, 4))
            units.append("".join(substitute(t, s, names, year, every_year=True) for t, s in picked))

    def size_of(t: str) -> int:
        return len((to_markdown(t, src.one_line) if ext == "md" else t).encode(encoding))
    base = size_of(text)
    target = rng.randint(max(MIN_BYTES, base + 200), MAX_BYTES) if base + 200 < MAX_BYTES else base
    text = pad(text, src, units, target, size_of, rng)
    planted = ""
    if rng.random() < PLANT_RATE and broken_sums is None:
        text, planted = plant(text, counts, names, year, rng)
    if broken_sums:
        text, planted = break_sums(text, broken_sums, sums_rng or rng)
    if ext == "md":
        text = to_markdown(text, src.one_line)
    return text, {"encoding": encoding, "ext": ext, "layout": src.layout, "source": src.key,
                  "year": year, "organ": names[src.names[0][1]], "planted": planted or "-"}


MANIFEST_COLUMNS = ("file", "bytes", "encoding", "layout", "source", "year", "organ", "planted")


def generate(out_dir: str | Path, n: int = 2000, seed: int = 1, broken_sums: int | None = None) -> list[dict]:
    """Write ``n`` reports and MANIFEST.tsv into ``out_dir``; returns the manifest rows.
    ``broken_sums``: see the module's docstring (None: the ordinary corpus)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    sources = load_sources()
    if broken_sums is not None:  # the tables are where the sums are
        sources = [s for s in sources if s.layout != "legacy"]
    rows = []
    for i in range(n):
        sums_rng = random.Random(f"{seed}/{i}")
        text, row = make_report(rng, sources, "gb18030" if i % 2 else "utf-8",  # half and half
                                broken_sums, sums_rng)
        data = text.encode(row["encoding"])
        enc = "gb" if row["encoding"] == "gb18030" else "u8"
        name = f"r{i:05d}_{row['layout']}_{row['year']}_{enc}.{row['ext']}"
        (out / name).write_bytes(data)
        row.update(file=name, bytes=len(data))
        rows.append(row)
    with open(out / "MANIFEST.tsv", "w", encoding="utf-8") as fh:
        fh.write("\t".join(MANIFEST_COLUMNS) + "\n")
        for row in rows:
            fh.write("\t".join(str(row[c]) for c in MANIFEST_COLUMNS) + "\n")
    return rows


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("out_dir")
    p.add_argument("-n", type=int, default=2000, help="number of reports (default 2000)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--broken-sums", type=int, metavar="K",
                   help="table layouts only, K wrong table cells in every report (0: none)")
    args = p.parse_args(argv)
    rows = generate(args.out_dir, args.n, args.seed, args.broken_sums)
    total = sum(r["bytes"] for r in rows)
    print(f"{len(rows)} reports, {total / 1024 / 1024:.1f} MB, in {args.out_dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
