"""The PDF reader's extraction with PDFium (pypdfium2): glyphs and ruled lines.

PDFium reads the content streams in C; this module asks it, through
pypdfium2's raw bindings, for what :mod:`gialint.readers.pdf` renders:

* each glyph's text, box and type size, in pdfplumber's terms (``top`` down
  from the top of the page, ``size`` the type size on the page, the box as
  wide as the glyph's advance and as high as its size, standing on the font's
  descent), with glyphs drawn twice at the same place counted once the way
  pdfplumber's ``dedupe_chars(tolerance=1)`` does it;
* the page's painted paths (also inside form XObjects) turned into
  pdfplumber's line, rectangle and curve objects by pdfminer's rules (a
  subpath of one segment is a line, of four axis-aligned segments closed a
  rectangle, anything else a curve), so that the table finder gets the same
  edges; pdfplumber's table finder (pure Python, no content-stream parsing)
  then finds the cells;
* the number of images (a page without text but with images is a scan).

Limits: a file of more than ``MAX_PAGES`` pages or ``MAX_TOTAL_CHARS`` glyphs,
or a page with more than ``MAX_CHARS`` glyphs, ``MAX_PATHS`` painted paths or
more ruled lines than the table finder can pair up in a second or two
(``gialint.readers.pdf_tables.MAX_RULE_PAIRS``), is refused with an input error
(``pdf-too-many-pages``, ``pdf-too-complex``) instead of being read for minutes.
A damaged cross-reference table is PDFium's to repair; what it cannot open is
``pdf-unreadable``.
"""

from __future__ import annotations

import array
import ctypes
import struct
import sys
from operator import itemgetter

from gialint.source import InputError

MAX_PAGES = 1000
MAX_CHARS = 200_000  # on one page
MAX_TOTAL_CHARS = 2_000_000  # in the file (a report of 100 pages has about 100,000)
MAX_PATHS = 50_000  # on one page
_MAX_DEPTH = 16  # form XObjects inside form XObjects


def extract(data: bytes, path: str, page_class, tables, fallback):
    """``[page_class(number, height, chars, tables(edges), images)]`` for each page;
    ``fallback(index)`` reads a page that PDFium's reading would not match."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as R

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        if getattr(err, "err_code", None) == R.FPDF_ERR_PASSWORD:
            raise InputError(path, "pdf-encrypted") from None
        raise InputError(path, "pdf-unreadable", reason=str(err).strip() or "PdfiumError") from None
    try:
        n = len(doc)
        if n > MAX_PAGES:
            raise InputError(path, "pdf-too-many-pages", pages=n, most=MAX_PAGES)
        pages = []
        total = 0
        for index in range(n):
            page = doc[index]
            try:
                pages.append(_page(R, page, index + 1, path, page_class, tables) or fallback(index))
            finally:
                page.close()
            total += len(pages[-1].chars)
            if total > MAX_TOTAL_CHARS:
                raise InputError(path, "pdf-too-complex", page=index + 1, what="glyphs up to it",
                                 count=total, most=MAX_TOTAL_CHARS)
        return pages
    finally:
        doc.close()


def _page(R, page, number, path, page_class, tables):
    """The page, or None where pdfplumber would see it otherwise: a page turned
    by /Rotate (pdfminer reads it turned), cropped (pdfplumber measures from the
    crop box), or with glyphs turned or mirrored (pdfminer's boxes of such
    glyphs are not PDFium's)."""
    left, bottom, right, top = page.get_mediabox()
    if page.get_rotation() or page.get_cropbox() != (left, bottom, right, top):
        return None
    height = top - bottom
    top = (height, bottom)  # pdfplumber's y → top: (height - y) + bottom
    textpage = page.get_textpage()
    try:
        chars = _chars(R, textpage, top, number, path)
    finally:
        textpage.close()
    if chars is None:
        return None
    objects, images = _objects(R, page, top, number, path)
    try:
        grids = tables(objects) if chars else []
    except OverflowError as err:  # the table finder's limit (gialint.readers.pdf_tables._tables)
        raise InputError(path, "pdf-too-complex", page=number, what="pairs of ruled lines",
                         count=err.args[0], most=err.args[1]) from None
    return page_class(number, float(height), chars, grids, images)


_FAST: dict = {}


def _fast(R):
    """PDFium's per-glyph functions called with bare addresses (no wrapper
    objects, no pointer type checks): a third cheaper, and a page has
    thousands of glyphs, each often a text object of its own."""
    if not _FAST:
        void, c_int, c_double = ctypes.c_void_p, ctypes.c_int, ctypes.c_double
        for name, restype, args in (("FPDFText_GetLooseCharBox", c_int, (void, c_int, void)),
                                    ("FPDFText_GetMatrix", c_int, (void, c_int, void)),
                                    ("FPDFText_GetFontSize", c_double, (void, c_int))):
            proto = ctypes.CFUNCTYPE(restype, *args)
            _FAST[name] = proto(ctypes.cast(getattr(R, name), void).value)
    return _FAST


def _chars(R, textpage, top, number, path) -> list[dict] | None:
    count = R.FPDFText_CountChars(textpage)
    if count > MAX_CHARS:
        raise InputError(path, "pdf-too-complex", page=number, what="glyphs", count=count,
                         most=MAX_CHARS)
    if count <= 0:
        return []
    # the page's text at once: one UTF-16 unit a character (PDFium's own indexing)
    buffer = ctypes.create_string_buffer((2 * count + 2) * 2)  # room for surrogate pairs
    R.FPDFText_GetText(textpage, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    codes = array.array("H", buffer.raw[:count * 2])
    if sys.byteorder == "big":
        codes.byteswap()
    if any(0xD800 <= code <= 0xDFFF for code in codes):
        # a character beyond U+FFFF takes two units of the text, one index of PDFium's: ask each
        codes = [R.FPDFText_GetUnicode(textpage, i) for i in range(count)]
    fast = _fast(R)
    loose_box, get_matrix, font_size = (fast["FPDFText_GetLooseCharBox"], fast["FPDFText_GetMatrix"],
                                        fast["FPDFText_GetFontSize"])
    tp = ctypes.cast(textpage.raw, ctypes.c_void_p).value
    rect, matrix = R.FS_RECTF(), R.FS_MATRIX()
    rect_at, matrix_at = ctypes.addressof(rect), ctypes.addressof(matrix)
    ox, oy = ctypes.c_double(), ctypes.c_double()
    height, base = top
    out = []
    for i, code in enumerate(codes):
        text = chr(code) if code < 0x110000 else "\ufffd"
        if not text.strip():
            continue  # blanks, and the spaces and line ends PDFium adds
        get_matrix(tp, i, matrix_at)
        # the type size on the page: the font size scaled by the text's vertical scale
        raw = font_size(tp, i)
        c, d = matrix.c, matrix.d
        if matrix.b or c or d <= 0 or matrix.a <= 0:
            return None  # a turned or mirrored glyph: pdfplumber reads this page
        scale = (c * c + d * d) ** 0.5
        size = raw * scale
        loose_box(tp, i, rect_at)
        x0, x1, y0 = rect.left, rect.right, rect.bottom
        if scale != 1 and abs(x1 - x0 - raw) < 0.01 and abs(rect.top - y0 - raw) < 0.01 and abs(scale - 1) > 1e-6:
            # vertical writing (a CJK font with a -V CMap): PDFium's loose box is in
            # unscaled units; the glyph's square stands on its (shifted) origin
            R.FPDFText_GetCharOrigin(textpage, i, ox, oy)
            x0, x1, y0 = ox.value, ox.value + size, oy.value
        bottom = (height - y0) + base
        out.append({"text": text, "x0": x0, "x1": x1, "top": bottom - size, "bottom": bottom,
                    "size": size, "index": i})
    return _dedupe(out, lambda i: _font_name(R, textpage, i))


def _font_name(R, textpage, index: int) -> str:
    name = ctypes.create_string_buffer(256)
    length = R.FPDFText_GetFontInfo(textpage, index, name, 256, ctypes.byref(ctypes.c_int()))
    return name.raw[:max(length - 1, 0)].decode("utf-8", "replace")


def _clusters(items: list[dict], key: str, tolerance: float) -> list[list[dict]]:
    """``items`` in runs whose ``key`` values lie within ``tolerance`` of the previous one."""
    out: list[list[dict]] = []
    last = None
    for item in sorted(items, key=itemgetter(key)):
        value = item[key]
        if last is None or value - last > tolerance:
            out.append([])
        out[-1].append(item)
        last = value
    return out


def _dedupe(chars: list[dict], font_of, tolerance: float = 1) -> list[dict]:
    """pdfplumber's ``dedupe_chars``: of the glyphs with the same text, font and
    size whose tops and left edges chain within ``tolerance``, the first by
    (top, x0) stays; the survivors keep the page's order.  ``font_of(index)``
    names a glyph's font, asked only of glyphs that may be duplicates."""
    if len(chars) < 2:
        return chars
    # glyphs of the same text and size whose tops chain within the tolerance, found in one
    # sort; only where two of them also stand within it side by side can one be a duplicate
    order = sorted(chars, key=itemgetter("text", "size", "top"))
    suspects = set()
    run = [order[0]]
    for prev, c in zip(order, order[1:] + [None], strict=True):
        if c is not None and c["text"] == prev["text"] and c["size"] == prev["size"] \
                and c["top"] - prev["top"] <= tolerance:
            run.append(c)
            continue
        if len(run) > 1 and any(len(x) > 1 for x in _clusters(run, "x0", tolerance)):
            suspects.add((prev["text"], prev["size"]))
        run = [c]
    if not suspects:
        return chars
    groups: dict[tuple, list[dict]] = {key: [] for key in suspects}
    for c in chars:
        group = groups.get((c["text"], c["size"]))
        if group is not None:
            group.append(c)
    drop = set()
    for group in groups.values():
        by_font: dict[str, list[dict]] = {}
        for c in group:
            by_font.setdefault(font_of(c["index"]), []).append(c)
        for same in by_font.values():
            for row in _clusters(same, "top", tolerance):
                for x in _clusters(row, "x0", tolerance):
                    first = min(x, key=lambda c: (c["top"], c["x0"]))
                    drop.update(id(c) for c in x if c is not first)
    if not drop:
        return chars
    return [c for c in chars if id(c) not in drop]


_F32 = struct.Struct("f")


def _short(v: float, _known: dict = {}) -> float:  # noqa: B006 (a cache)
    """The shortest decimal that PDFium's single-precision ``v`` stands for
    (75.6500015… → 75.65): the number as written in the content stream, so
    that sums and comparisons come out as pdfminer's double precision has them."""
    known = _known.get(v)
    if known is not None:
        return known
    packed = _F32.pack(v)
    out = v
    for digits in range(7):
        r = round(v, digits)
        if _F32.pack(r) == packed:
            out = r
            break
    if len(_known) < 100_000:
        _known[v] = out
    return out


def _mul(m, n):
    """The matrix ``m`` then ``n`` (both (a, b, c, d, e, f))."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


_PATH_CALLS = {}


def _path_calls(R) -> dict:
    """The page-object functions called with bare addresses, as :func:`_fast`
    (a page of Word output has a text object for every glyph: all are walked)."""
    if not _PATH_CALLS:
        void, c_int, c_ulong = ctypes.c_void_p, ctypes.c_int, ctypes.c_ulong
        for name, restype, args in (("FPDFPage_CountObjects", c_int, (void,)),
                                    ("FPDFPage_GetObject", void, (void, c_int)),
                                    ("FPDFPageObj_GetType", c_int, (void,)),
                                    ("FPDFPageObj_GetMatrix", c_int, (void, void)),
                                    ("FPDFPageObj_GetFillColor", c_int, (void, void, void, void, void)),
                                    ("FPDFPageObj_GetBounds", c_int, (void, void, void, void, void)),
                                    ("FPDFFormObj_CountObjects", c_int, (void,)),
                                    ("FPDFFormObj_GetObject", void, (void, c_ulong)),
                                    ("FPDFPath_GetDrawMode", c_int, (void, void, void)),
                                    ("FPDFPath_CountSegments", c_int, (void,)),
                                    ("FPDFPath_GetPathSegment", void, (void, c_int)),
                                    ("FPDFPathSegment_GetType", c_int, (void,)),
                                    ("FPDFPathSegment_GetPoint", c_int, (void, void, void)),
                                    ("FPDFPathSegment_GetClose", c_int, (void,))):
            proto = ctypes.CFUNCTYPE(restype, *args)
            _PATH_CALLS[name] = proto(ctypes.cast(getattr(R, name), void).value)
    return _PATH_CALLS


def _objects(R, page, top, number, path):
    """The painted paths as pdfplumber objects (lines, rects, curves) in the
    order drawn, and the number of images."""
    f = _path_calls(R)
    out: list[dict] = []
    images = 0
    paths = 0
    fm = R.FS_MATRIX()
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    x, y = ctypes.c_float(), ctypes.c_float()
    rgba = [ctypes.c_uint() for _ in range(4)]
    at = ctypes.addressof
    fm_at, fill_at, stroke_at, x_at, y_at = at(fm), at(fill_mode), at(stroke), at(x), at(y)
    rgba_at = [at(v) for v in rgba]
    ops = {R.FPDF_SEGMENT_MOVETO: "m", R.FPDF_SEGMENT_LINETO: "l"}
    bounds = [ctypes.c_float() for _ in range(4)]
    bounds_at = [at(v) for v in bounds]
    get_type, get_draw_mode, get_point = f["FPDFPageObj_GetType"], f["FPDFPath_GetDrawMode"], f["FPDFPathSegment_GetPoint"]
    get_segment, segment_type, segment_close = (f["FPDFPath_GetPathSegment"], f["FPDFPathSegment_GetType"],
                                                f["FPDFPathSegment_GetClose"])
    count_segments, get_matrix = f["FPDFPath_CountSegments"], f["FPDFPageObj_GetMatrix"]
    PATH, IMAGE, FORM = R.FPDF_PAGEOBJ_PATH, R.FPDF_PAGEOBJ_IMAGE, R.FPDF_PAGEOBJ_FORM
    MOVETO, LINETO = R.FPDF_SEGMENT_MOVETO, R.FPDF_SEGMENT_LINETO

    def matrix_of(obj):
        if not get_matrix(obj, fm_at):
            return None
        m = (_short(fm.a), _short(fm.b), _short(fm.c), _short(fm.d), _short(fm.e), _short(fm.f))
        return None if m == (1.0, 0.0, 0.0, 1.0, 0.0, 0.0) else m

    def colour(obj):
        if not f["FPDFPageObj_GetFillColor"](obj, *rgba_at):
            return None
        return tuple(v.value / 255 for v in rgba[:3])

    def invisible_box(obj) -> bool:
        """A filled, unstroked path of one subpath of four lines at least 2 points
        wide and high: a box that is no rule (white backgrounds, cell shading).
        pdfminer would make a rectangle or a curve of it, both ignored by the
        table finder (:func:`gialint.readers.pdf_tables._edges`), so its points are not
        read (a page of Word output has a hundred of these)."""
        if count_segments(obj) != 5 or not f["FPDFPageObj_GetBounds"](obj, *bounds_at):
            return False
        left, bottom, right, top_ = (b.value for b in bounds)
        if min(right - left, top_ - bottom) < 2.5:
            return False
        return [segment_type(get_segment(obj, s)) for s in range(5)] == [MOVETO] + [LINETO] * 4

    def walk(count, get, outer, depth):
        nonlocal images, paths
        for i in range(count):
            obj = get(i)
            kind = get_type(obj)
            if kind == IMAGE:
                images += 1
            elif kind == FORM and depth < _MAX_DEPTH:
                m = matrix_of(obj) or (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
                m = _mul(m, outer) if outer else m
                walk(f["FPDFFormObj_CountObjects"](obj), lambda j, o=obj: f["FPDFFormObj_GetObject"](o, j), m,
                     depth + 1)
            elif kind == PATH:
                paths += 1
                if paths > MAX_PATHS:
                    raise InputError(path, "pdf-too-complex", page=number, what="drawn paths",
                                     count=paths, most=MAX_PATHS)
                if not get_draw_mode(obj, fill_at, stroke_at):
                    continue
                fill, stroked = fill_mode.value != 0, bool(stroke.value)
                if not stroked and invisible_box(obj):
                    continue
                m = matrix_of(obj)
                if outer:
                    m = _mul(m, outer) if m else outer
                segments = []
                controls = 0  # a Bézier curve is three segments: two control points, then its end
                for s in range(count_segments(obj)):
                    seg = get_segment(obj, s)
                    op = ops.get(segment_type(seg), "c")
                    if op == "c":
                        controls += 1
                        if controls % 3:
                            continue
                    get_point(seg, x_at, y_at)
                    point = (_short(x.value), _short(y.value))
                    if m is not None:
                        px, py = point
                        point = (m[0] * px + m[2] * py + m[4], m[1] * px + m[3] * py + m[5])
                    segments.append((op, point))
                    if segment_close(seg):
                        segments.append(("h", None))
                # the fill colour tells a white box from a rule: asked only where it can matter
                style = {"stroke": stroked, "fill": fill,
                         "non_stroking_color": colour(obj) if fill and not stroked else None}
                for shape, pts in _subpaths(segments):
                    out.append(_object(shape, pts, style, top))

    raw = ctypes.cast(page.raw, ctypes.c_void_p).value
    get_object = f["FPDFPage_GetObject"]
    walk(f["FPDFPage_CountObjects"](raw), lambda j: get_object(raw, j), None, 0)
    return out, images


def _subpaths(segments):
    """pdfminer's reading of a path: (shape, points) for each subpath that
    starts with a move, ``h`` standing for the subpath's start point."""
    current: list = []
    for op, point in segments:
        if op == "m" and current:
            yield from _shape(current)
            current = []
        current.append((op, point))
    if current:
        yield from _shape(current)


def _shape(subpath):
    if subpath[0][0] != "m":
        return
    start = subpath[0][1]
    shape = "".join(op for op, _ in subpath)
    pts = [start if op == "h" else p for op, p in subpath]
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"  # a redundant line back to the start of a closed path
        pts.pop()
    yield shape, pts


def _object(shape, pts, style, top) -> dict:
    if shape in ("mlh", "ml"):
        kind = "line"
        pts = pts[:2]
    elif shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        kind = "rect" if pts[0] == pts[4] and square else "curve"
        if kind == "rect":
            pts = [pts[0], pts[2]]
    else:
        kind = "curve"
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    height, base = top
    obj = {"object_type": kind, "x0": x0, "x1": x1, "y0": y0, "y1": y1, "top": (height - y1) + base,
           "bottom": (height - y0) + base, "doctop": (height - y1) + base, "width": x1 - x0, "height": y1 - y0,
           **style}
    if kind == "curve":
        obj["pts"] = [(px, (height - py) + base) for px, py in pts]
    return obj
