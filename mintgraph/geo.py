"""Geometry for the maps: projection, polygons, outlines, borders and class breaks — plain
Python and numpy on GeoJSON (WGS84 lon/lat), no GIS library at run time.

``map.html`` and the report's maps draw with these; the shipped boundaries are a coverage
(neighbouring districts share identical vertices, after ``shapely.coverage_simplify`` in the
build script), which the outline and border functions rely on.

Example
-------
>>> shapes, width, height = project({"a": [[[(8.0, 50.0), (9.0, 50.0), (9.0, 51.0)]]]}, size=100, pad=0)
>>> width, height
(63.6, 100.0)
>>> class_breaks([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
[2.8, 4.6, 6.4, 8.2]
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from mintgraph.cells import is_missing as _is_missing

__all__ = [
    "KM_PER_DEGREE",
    "MARGIN",
    "Frame",
    "chain_edges",
    "class_breaks",
    "context_districts",
    "feature_polygons",
    "group_borders",
    "project",
    "union_outline",
]

Point = tuple[float, float]
Ring = list[Point]
Polygon = list[Ring]  # the outer ring first, then the holes
VIEW_SIZE = 1000.0  # the longer side of the map's box, in SVG units
PAD = 12.0  # margin around the districts
KM_PER_DEGREE = 111.195  # one degree of latitude on a sphere of radius 6,371 km
MARGIN = 0.06
"""With context around the data's districts, the map's box reaches this share of the area's
longer side beyond it on every side (neighbouring districts show at the edge)."""
MARGIN_KM_MIN = 12.0  # ... and at least this many km (one small district's neighbours show too)


def feature_polygons(geometry: dict[str, Any] | None) -> list[Polygon]:
    """The polygons of a GeoJSON ``Polygon`` or ``MultiPolygon`` geometry as lists of open rings.

    Other geometry types give no polygons. The closing point of each ring is dropped.

    >>> feature_polygons({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]})
    [[[(0.0, 0.0), (1.0, 0.0), (1.0, 1.0)]]]
    """
    if not geometry:
        return []
    kind, coordinates = geometry.get("type"), geometry.get("coordinates") or []
    polygons = [coordinates] if kind == "Polygon" else coordinates if kind == "MultiPolygon" else []
    out: list[Polygon] = []
    for polygon in polygons:
        rings = [_open_ring([(float(p[0]), float(p[1])) for p in ring]) for ring in polygon]
        rings = [r for r in rings if len(r) >= 3]
        if rings:
            out.append(rings)
    return out


def _open_ring(ring: Ring) -> Ring:
    """Drop consecutive duplicates and the closing point."""
    out: Ring = []
    for p in ring:
        if not out or p != out[-1]:
            out.append(p)
    while len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out


def project(
    shapes: dict[str, list[Polygon]], *, size: float = VIEW_SIZE, pad: float = PAD
) -> tuple[dict[str, list[Polygon]], float, float]:
    """Project lon/lat polygons to SVG coordinates fitted to a ``size``-unit box.

    Equirectangular: :math:`x = \\lambda \\cos\\varphi_0`, :math:`y = -\\varphi`, where
    :math:`\\varphi_0` is the middle latitude of all shapes (half-way between the southern- and
    northernmost point); then scaled so the longer side spans ``size - 2 pad``, shifted by
    ``pad`` and rounded to 0.1. Near-duplicate points created by the rounding are dropped, and
    rings left with fewer than three points.

    Returns
    -------
    The projected shapes (same keys), the width and the height of the box.

    Example
    -------
    >>> shapes, w, h = project({"a": [[[(8.0, 50.0), (9.0, 50.0), (9.0, 51.0)]]]}, size=100, pad=0)
    >>> shapes["a"], w, h
    ([[[(0.0, 100.0), (63.6, 100.0), (63.6, 0.0)]]], 63.6, 100.0)
    """
    frame = Frame.fit(shapes, size=size, pad=pad)
    return {code: frame.polygons(polygons) for code, polygons in shapes.items()}, frame.width, frame.height


@dataclass(frozen=True)
class Frame:
    """The projection of :func:`project`, fitted to some shapes, applicable to any others.

    With ``margin`` > 0 the fitted box is widened on every side by that share of its longer
    side (at least :data:`MARGIN_KM_MIN` km), so that context around the area stays in view.

    >>> f = Frame.fit({"a": [[[(8.0, 50.0), (9.0, 50.0), (9.0, 51.0)]]]}, size=100, pad=0)
    >>> f.point((9.0, 50.0)), f.width, f.height
    ((63.6, 100.0), 63.6, 100.0)
    >>> Frame.fit({"a": [[[(8.0, 50.0), (9.0, 50.0), (9.0, 51.0)]]]}, size=100, pad=0, margin=0.2).point((9.0, 50.0))
    (59.7, 85.7)
    """

    k: float  # cos of the middle latitude
    x0: float  # projected x of the left edge (before the padding)
    y0: float  # projected y (= -latitude) of the top edge
    scale: float  # SVG units per degree of latitude
    pad: float
    width: float
    height: float

    @classmethod
    def fit(
        cls,
        shapes: dict[str, list[Polygon]],
        *,
        size: float = VIEW_SIZE,
        pad: float = PAD,
        margin: float = 0.0,
    ) -> Frame:
        points = [p for polygons in shapes.values() for polygon in polygons for ring in polygon for p in ring]
        if not points:
            return cls(1.0, 0.0, 0.0, 1.0, pad, size, size)
        lats = [p[1] for p in points]
        k = math.cos(math.radians((min(lats) + max(lats)) / 2))
        xs = [p[0] * k for p in points]
        extent = max(max(xs) - min(xs), max(lats) - min(lats)) or 1.0
        m = max(margin * extent, MARGIN_KM_MIN / KM_PER_DEGREE) if margin > 0 else 0.0
        x0, y0 = min(xs) - m, -max(lats) - m
        scale = (size - 2 * pad) / (max(max(xs) - min(xs), max(lats) - min(lats)) + 2 * m or 1.0)
        width = round(2 * pad + (max(xs) + m - x0) * scale, 1)
        height = round(2 * pad + (-min(lats) + m - y0) * scale, 1)
        return cls(k, x0, y0, scale, pad, width, height)

    def point(self, p: Point) -> Point:
        """SVG coordinates of a lon/lat point, rounded to 0.1."""
        return (
            round(self.pad + (p[0] * self.k - self.x0) * self.scale, 1),
            round(self.pad + (-p[1] - self.y0) * self.scale, 1),
        )

    def polygons(self, polygons: list[Polygon]) -> list[Polygon]:
        """Projected polygons; rings that collapse below three points are dropped."""
        projected = []
        for polygon in polygons:
            rings = [_open_ring([self.point(p) for p in ring]) for ring in polygon]
            if rings and len(rings[0]) >= 3:
                projected.append([r for r in rings if len(r) >= 3])
        return projected

    @property
    def units_per_km(self) -> float:
        """SVG units per kilometre (exact along meridians; along the middle latitude too, within a
        few per cent elsewhere in a state)."""
        return self.scale / KM_PER_DEGREE

    def overlaps(self, polygons: list[Polygon]) -> bool:
        """Whether the bounding box of projected polygons meets the box of the map."""
        xs = [x for polygon in polygons for x, _ in polygon[0]]
        ys = [y for polygon in polygons for _, y in polygon[0]]
        return bool(xs) and min(xs) < self.width and max(xs) > 0 and min(ys) < self.height and max(ys) > 0


def context_districts(
    shapes: dict[str, list[Polygon]], context: dict[str, list[Polygon]], frame: Frame
) -> tuple[dict[str, list[Polygon]], set[str]]:
    """The context districts in view of the frame (projected), and which of them are neighbours.

    ``shapes`` are the projected districts of the data; ``context`` the lon/lat polygons of other
    districts (e.g. all of Germany's). A context district is kept when it reaches into the map's
    box; it is a neighbour when it shares a border line (at least two vertices, so not just a
    corner) with a district of the data, which holds on a coverage such as the shipped
    boundaries, where neighbours share identical vertices.

    >>> square = lambda x: [[[(x, 0.0), (x + 1, 0.0), (x + 1, 1.0), (x, 1.0)]]]
    >>> frame = Frame.fit({"a": square(0)}, size=100, pad=0, margin=0.5)
    >>> shown, near = context_districts({"a": frame.polygons(square(0))}, {"b": square(1), "c": square(9)}, frame)
    >>> sorted(shown), sorted(near)
    (['b'], ['b'])
    """
    own = {p for polygons in shapes.values() for polygon in polygons for ring in polygon for p in ring}
    shown: dict[str, list[Polygon]] = {}
    near: set[str] = set()
    for code in sorted(context):
        if code in shapes:
            continue
        polygons = frame.polygons(context[code])
        if not polygons or not frame.overlaps(polygons):
            continue
        shown[code] = polygons
        shared = {p for polygon in polygons for ring in polygon for p in ring} & own
        if len(shared) >= 2:
            near.add(code)
    return shown, near


def group_borders(shapes: dict[str, list[Polygon]], group_of: dict[str, str]) -> list[Ring]:
    """The borders between groups of districts (e.g. Länder) as chains: the edges that two
    districts of different groups share.

    >>> square = lambda x: [[[(x, 0), (x + 1, 0), (x + 1, 1), (x, 1)]]]
    >>> group_borders({"a": square(0), "b": square(1), "c": square(2)}, {"a": "1", "b": "1", "c": "2"})
    [[(2, 0), (2, 1)]]
    """
    groups: dict[tuple[Point, Point], set[str]] = defaultdict(set)
    for code, polygons in shapes.items():
        group = group_of.get(code)
        if group is None:
            continue
        for polygon in polygons:
            for ring in polygon:
                for i, p in enumerate(ring):
                    q = ring[(i + 1) % len(ring)]
                    if p != q:
                        groups[(min(p, q), max(p, q))].add(group)
    return chain_edges([edge for edge, seen in groups.items() if len(seen) > 1])


def union_outline(shapes: list[list[Polygon]]) -> list[Ring]:
    """The outline of the union of districts: the edges not shared by two of them, as chains.

    On a coverage (neighbouring districts share identical borders, as after
    ``shapely.coverage_simplify``) this is exactly the boundary of the union. Edges are chained
    deterministically (from the smallest point, always to the smallest unused neighbour). A
    closed chain ends with its start point again; all chains are closed unless an edge belongs
    to three or more rings (each ring gives its points two edges, and shared edges go in pairs).

    >>> square = lambda x: [[[(x, 0), (x + 1, 0), (x + 1, 1), (x, 1)]]]
    >>> union_outline([square(0), square(1)])
    [[(0, 0), (0, 1), (1, 1), (2, 1), (2, 0), (1, 0), (0, 0)]]
    """
    counts: Counter[tuple[Point, Point]] = Counter()
    for polygons in shapes:
        for polygon in polygons:
            for ring in polygon:
                for i, p in enumerate(ring):
                    q = ring[(i + 1) % len(ring)]
                    if p != q:
                        counts[(min(p, q), max(p, q))] += 1
    return chain_edges([edge for edge, n in counts.items() if n == 1])


def chain_edges(edges: list[tuple[Point, Point]]) -> list[Ring]:
    """Chain edges into lines, deterministically: from the smallest point, always on to the
    smallest unused neighbour; a closed chain ends with its start point again.

    >>> chain_edges([((1, 0), (1, 1)), ((0, 0), (1, 0))])
    [[(0, 0), (1, 0), (1, 1)]]
    """
    neighbours: dict[Point, list[Point]] = defaultdict(list)
    for p, q in edges:
        neighbours[p].append(q)
        neighbours[q].append(p)
    for points in neighbours.values():
        points.sort()
    chains: list[Ring] = []
    for start in sorted(neighbours):
        while neighbours[start]:
            chain = [start]
            point = start
            while neighbours[point]:
                nxt = neighbours[point].pop(0)
                neighbours[nxt].remove(point)
                chain.append(nxt)
                point = nxt
                if point == start:
                    break
            chains.append(chain)
    return chains


def class_breaks(values: list[float], classes: int = 5) -> list[float]:
    """Upper-open class limits at the quantiles of ``values``, rounded to two significant digits.

    Limits are kept only if they rise and leave at least one value below the first and one at
    or above the last, so there are at most ``classes - 1`` of them. A value :math:`v` falls into
    class ``bisect_right(breaks, v)``. Missing values (NaN) are ignored.

    >>> class_breaks([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    [2.8, 4.6, 6.4, 8.2]
    >>> class_breaks([3, 3, 3])
    []
    >>> class_breaks([0] * 24 + [0.0932, 0.5, 1.0, 2.01])  # every quantile is 0: split above the minimum
    [0.093]
    """
    finite = sorted(float(v) for v in values if not _is_missing(v) and math.isfinite(float(v)))
    breaks: list[float] = []
    if not finite:
        return breaks
    for k in range(1, classes):
        position = k / classes * (len(finite) - 1)
        low = math.floor(position)
        high = min(low + 1, len(finite) - 1)
        quantile = finite[low] + (finite[high] - finite[low]) * (position - low)
        limit = float(f"{quantile:.2g}")
        if finite[0] < limit <= finite[-1] and (not breaks or limit > breaks[-1]):
            breaks.append(limit)
    if not breaks and finite[0] < finite[-1]:
        # one value fills all quantiles (e.g. most districts without actors): the values above it
        # still form a class of their own, never hidden under a label of a single value
        above = next(v for v in finite if v > finite[0])
        limit = float(f"{above:.2g}")
        breaks.append(limit if finite[0] < limit <= above else above)
    return breaks
