"""Ruled tables of a PDF page from the lines and boxes drawn on it, whichever
engine read them (PDFium or pdfplumber): the visible rules, the borders a
page break leaves open, pdfplumber's table finder given every line, and the
cells of each table as a grid of rows and columns.
"""

from __future__ import annotations


def _visible(rect) -> bool:
    """An outlined box counts; a filled one only as a thin rule (white boxes
    behind lines of text and cell shading are no table borders)."""
    if rect.get("stroke"):
        return True
    if not rect.get("fill") or min(rect["width"], rect["height"]) >= 2:
        return False
    colour = rect.get("non_stroking_color")
    return not (isinstance(colour, (tuple, list)) and len(colour) in (1, 3) and min(colour) > 0.9)


def _edges(objects: list[dict]) -> list[dict]:
    """The edges of the lines, visible boxes and stroked curves among the
    page's drawn ``objects`` (pdfplumber's dicts), lines first."""
    from pdfplumber.utils import obj_to_edges

    kinds = {"line": [], "rect": [], "curve": []}
    for obj in objects:
        kinds[obj["object_type"]].append(obj)
    drawn = kinds["line"] + [r for r in kinds["rect"] if _visible(r)] + [c for c in kinds["curve"] if c.get("stroke")]
    return [e for obj in drawn for e in obj_to_edges(obj)]


def _closing_edges(vertical: list[dict]) -> list[dict]:
    """Horizontal edges where a table runs off a page: Word draws no border at
    a page break, so the verticals of the last (first) row end in the air."""
    out = []
    for end in ("top", "bottom"):
        ends = sorted(vertical, key=lambda e: e[end])
        group: list[dict] = []
        for e in ends + [None]:
            if e is not None and group and e[end] - group[0][end] <= 2:
                group.append(e)
                continue
            if len(group) >= 2:
                y = group[0][end]
                x0, x1 = min(g["x0"] for g in group), max(g["x1"] for g in group)
                crossing = any(v["top"] < y - 2 and v["bottom"] > y + 2 and x0 - 1 <= v["x0"] <= x1 + 1
                               for v in vertical)
                if not crossing:
                    out.append({"object_type": "line_edge", "orientation": "h", "x0": x0, "x1": x1,
                                "top": y, "bottom": y, "width": x1 - x0, "height": 0})
            group = [e] if e is not None else []
    return out


#: the table finder compares every vertical rule with every horizontal one (a
#: report's page has a few hundred pairs; this many take about two seconds)
MAX_RULE_PAIRS = 2_000_000


class _Area:
    """What pdfplumber's table finder asks of a page when every line is given."""

    bbox = (0, 0, 0, 0)


def _tables(objects: list[dict]) -> list:
    """The ruled tables among the page's drawn ``objects``: pdfplumber's table
    finder on the given lines, with its cell search done by :func:`_cells`."""
    from pdfplumber import table as finder

    edges = _edges(objects)
    vertical = [e for e in edges if e["orientation"] == "v" and e["height"] >= 3]
    horizontal = [e for e in edges if e["orientation"] == "h" and e["width"] >= 3]
    horizontal += _closing_edges(vertical)
    if len(vertical) < 2 or len(horizontal) < 2:
        return []
    if len(vertical) * len(horizontal) > MAX_RULE_PAIRS:  # the finder pairs every two: a hostile page
        raise OverflowError(len(vertical) * len(horizontal), MAX_RULE_PAIRS)
    settings = finder.TableSettings.resolve({"vertical_strategy": "explicit", "horizontal_strategy": "explicit",
                                             "explicit_vertical_lines": vertical,
                                             "explicit_horizontal_lines": horizontal})
    # TableFinder(page, settings).tables, step by step
    found = object.__new__(finder.TableFinder)
    found.page, found.settings = _Area(), settings
    meeting = finder.edges_to_intersections(found.get_edges(), settings.intersection_x_tolerance,
                                            settings.intersection_y_tolerance)
    out = []
    for group in finder.cells_to_tables(_cells(meeting)):
        table = finder.Table(found.page, group)
        rows = [list(r.cells) for r in table.rows]
        if not rows or len(rows[0]) < 2:
            continue  # a frame around text, not a table
        out.append(_Grid(table.bbox, rows))
    return out


def _cells(meeting: dict) -> list[tuple]:
    """pdfplumber's ``intersections_to_cells``, the same cells in the same
    order, without its quadratic rescans: for each crossing of rules (in
    order), the first crossing below it and the first to its right that a
    rule joins to it, and that a fourth crossing closes into a box."""
    points = sorted(meeting)
    vertical = {p: {(e["x0"], e["top"], e["x1"], e["bottom"]) for e in d["v"]} for p, d in meeting.items()}
    horizontal = {p: {(e["x0"], e["top"], e["x1"], e["bottom"]) for e in d["h"]} for p, d in meeting.items()}
    column: dict[float, list] = {}
    row: dict[float, list] = {}
    for p in points:
        column.setdefault(p[0], []).append(p)
        row.setdefault(p[1], []).append(p)

    def joined(a, b) -> bool:
        return ((a[0] == b[0] and not vertical[a].isdisjoint(vertical[b]))
                or (a[1] == b[1] and not horizontal[a].isdisjoint(horizontal[b])))

    out = []
    for pt in points[:-1]:
        below = [p for p in column[pt[0]] if p > pt]
        right = [p for p in row[pt[1]] if p > pt]
        cell = None
        for b in below:
            if not joined(pt, b):
                continue
            for r in right:
                if not joined(pt, r):
                    continue
                corner = (r[0], b[1])
                if corner in meeting and joined(corner, r) and joined(corner, b):
                    cell = (pt[0], pt[1], corner[0], corner[1])
                    break
            if cell:
                break
        if cell:
            out.append(cell)
    return out


class _Grid:
    """A ruled table: ``rows[r][c]`` is the box of the cell that starts at
    grid slot (r, c), None where a merged cell covers the slot (or a border
    is missing)."""

    __slots__ = ("bbox", "rows", "xs", "ys")

    def __init__(self, bbox, rows):
        self.bbox = bbox
        self.rows = rows
        # slot edges: column c spans xs[c]..xs[c + 1], row r spans ys[r]..ys[r + 1]
        self.xs = sorted({b[0] for row in rows for b in row if b}) + [bbox[2]]
        self.ys = [min(b[1] for b in row if b) for row in rows] + [bbox[3]]

    def slot_of(self, x: float, y: float) -> tuple[int, int] | None:
        r = next((i for i in range(len(self.rows)) if self.ys[i] <= y < self.ys[i + 1]), None)
        c = next((j for j in range(len(self.xs) - 1) if self.xs[j] <= x < self.xs[j + 1]), None)
        return None if r is None or c is None else (r, c)

    def cover(self, r: int, c: int):
        """The box of the merged cell that covers slot (r, c), if any."""
        x, y = (self.xs[c] + self.xs[c + 1]) / 2, (self.ys[r] + self.ys[r + 1]) / 2
        for i in range(r, -1, -1):
            for b in self.rows[i]:
                if b and b[0] <= x <= b[2] and b[1] <= y <= b[3]:
                    return b
        return None
