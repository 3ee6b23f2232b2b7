"""The districts shipped with mintgraph (Hessen's 26 Kreise and kreisfreie Städte).

A user may put their own ``regions.csv`` (and optionally ``boundaries.geojson``)
into the data folder to analyse another state; otherwise the shipped Hessen
tables are used. See ``mintgraph/regions/hessen/SOURCE.md`` for sources and licence.

Example
-------
>>> shipped_regions_path().name
'regions.csv'
>>> ATTRIBUTION.startswith("© GeoBasis-DE / BKG 2021")
True
>>> sorted(mint_above_average_codes())[:3]
['06431', '06435', '06437']
"""

from __future__ import annotations

import csv
import functools
import json
from importlib import resources
from pathlib import Path

HESSEN = "hessen"

ATTRIBUTION = (
    "© GeoBasis-DE / BKG 2021 (Daten verändert), dl-de/by-2-0; "
    "Statistisches Bundesamt (Destatis), Gemeindeverzeichnis GV-ISys, Gebietsstand 31.12.2021"
)
"""Attribution required by the licences of the shipped district data."""


def _shipped_dir(name: str = HESSEN) -> Path:
    return Path(str(resources.files("mintgraph") / "regions" / name))


Point = tuple[float, float]
Ring = list[Point]
Polygon = list[Ring]  # the outer ring first, then the holes


def _ring_moments(ring: Ring) -> tuple[float, float, float]:
    """Signed area and first moments (shoelace) of a ring."""
    area = mx = my = 0.0
    for i, (x1, y1) in enumerate(ring):
        x2, y2 = ring[(i + 1) % len(ring)]
        cross = x1 * y2 - x2 * y1
        area += cross
        mx += (x1 + x2) * cross
        my += (y1 + y2) * cross
    return area / 2, mx / 6, my / 6


def polygon_centroid(polygons: list[Polygon]) -> Point:
    """Area-weighted centroid of polygons with holes.

    :math:`c = \\sum_r A_r c_r / \\sum_r A_r` over all rings :math:`r`, with the area of an outer
    ring counted positive and of a hole negative (whatever the rings' orientation); each
    ring's :math:`A_r c_r` comes from the shoelace formula. Degenerate input (zero area) gives
    the mean of the vertices.

    >>> polygon_centroid([[[(0, 0), (1, 0), (1, 1), (0, 1)]]])
    (0.5, 0.5)
    >>> x, y = polygon_centroid([[[(0, 0), (4, 0), (4, 4), (0, 4)], [(0, 0), (0, 2), (2, 2), (2, 0)]]])
    >>> round(x, 4), round(y, 4)  # (16 * 2 - 4 * 1) / 12 = 7/3
    (2.3333, 2.3333)
    """
    total = sx = sy = 0.0
    for polygon in polygons:
        for i, ring in enumerate(polygon):
            area, mx, my = _ring_moments(ring)
            sign = (1.0 if area >= 0 else -1.0) * (1.0 if i == 0 else -1.0)
            total += sign * area
            sx += sign * mx
            sy += sign * my
    if abs(total) > 1e-12:
        return (sx / total, sy / total)
    points = [p for polygon in polygons for ring in polygon for p in ring]
    if not points:
        raise ValueError("no points")
    return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))


def district_centroids(boundaries: dict) -> dict[str, Point]:
    """Area-weighted centroid (longitude, latitude) of each district of a GeoJSON, by code.

    The code is the feature property ``ags`` (or ``code``).

    >>> centroids = district_centroids(shipped_boundaries())
    >>> len(centroids), [round(v, 1) for v in centroids["06611"]]
    (26, [9.5, 51.3])
    """
    out: dict[str, Point] = {}
    for feature in boundaries.get("features", []):
        properties, geometry = feature.get("properties") or {}, feature.get("geometry") or {}
        code = str(properties.get("ags", properties.get("code", "")))
        if geometry.get("type") not in ("Polygon", "MultiPolygon") or not code:
            continue
        polygons = (
            geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        )
        out[code] = polygon_centroid(
            [[[(float(x), float(y)) for x, y, *_ in ring] for ring in p] for p in polygons]
        )
    return out


def shipped_regions_path(name: str = HESSEN) -> Path:
    """Path of the shipped district table (same format as a user's ``regions.csv``)."""
    return _shipped_dir(name) / "regions.csv"


def shipped_boundaries(name: str = HESSEN) -> dict:
    """The shipped district polygons as a GeoJSON dict (WGS84, property ``ags`` = code)."""
    with open(_shipped_dir(name) / "boundaries.geojson", encoding="utf-8") as fh:
        return json.load(fh)


def mint_above_average_codes(name: str = HESSEN) -> set[str]:
    """District codes (AGS) with an above-average share of MINT workers.

    Read from the shipped ``mint_above_average.csv`` (columns ``code, name, source``): the
    ten districts the seed slides "MINT-Bildung im regionalen Netzwerk – ein Plus für die
    berufliche Orientierung" (referring to www.mint-in-hessen.de) list as Hessen's top 10.
    AGS codes are unique across Germany, so the set only ever matches Hessen districts.
    """
    with open(_shipped_dir(name) / "mint_above_average.csv", encoding="utf-8", newline="") as fh:
        return {row["code"].strip() for row in csv.DictReader(fh)}


GERMANY = "germany"
"""Name of the shipped folder with all of Germany's 400 districts and 16 Länder
(``mintgraph/regions/germany``; sources, licence and the build script in its ``SOURCE.md``)."""

GERMANY_DISTRICTS = 400
GERMANY_LAENDER = 16


def germany_districts() -> list[dict[str, str]]:
    """All 400 districts of Germany (Gebietsstand 31.12.2021) as rows of the shipped ``districts.csv``.

    Columns: ``ags`` (the 5-digit code), ``name``, ``name_official``, ``type``, ``land_code``,
    ``land_name``, ``regbez``, ``nuts3``, ``population`` (31.12.2021), ``area_km2``, ``source``.
    Hessen's rows carry exactly the values of the shipped Hessen table.

    >>> rows = germany_districts()
    >>> len(rows), len({r["land_code"] for r in rows})
    (400, 16)
    >>> next(r for r in rows if r["ags"] == "11000")["population"]
    '3677472'
    """
    return [dict(row) for row in _germany_rows()]


@functools.lru_cache(maxsize=1)
def _germany_rows() -> tuple[dict[str, str], ...]:
    """The shipped ``districts.csv``, read once per process (every load without regions.csv asks)."""
    with open(_shipped_dir(GERMANY) / "districts.csv", encoding="utf-8", newline="") as fh:
        return tuple(csv.DictReader(fh))


@functools.lru_cache(maxsize=1)
def german_district_codes() -> frozenset[str]:
    """The codes (AGS) of Germany's 400 districts.

    >>> len(german_district_codes()), "06611" in german_district_codes(), "05999" in german_district_codes()
    (400, True, False)
    """
    return frozenset(row["ags"] for row in _germany_rows())


def germany_neighbours() -> dict[str, set[str]]:
    """District code -> the codes of the districts sharing a border line with it, across Länder too.

    From the shipped ``adjacency.csv`` (1,040 pairs of BKG VG5000 polygons sharing a border line).

    >>> sorted(germany_neighbours()["06636"])  # Werra-Meißner-Kreis: Niedersachsen, Hessen, Thüringen
    ['03159', '06632', '06633', '06634', '16061', '16063', '16064']
    """
    out: dict[str, set[str]] = {}
    with open(_shipped_dir(GERMANY) / "adjacency.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            out.setdefault(row["ags_a"], set()).add(row["ags_b"])
            out.setdefault(row["ags_b"], set()).add(row["ags_a"])
    return out


def germany_boundaries(level: str = "districts") -> dict:
    """The shipped polygons of Germany's districts (``level="districts"``, property ``ags``) or
    Länder (``"laender"``, property ``land_code``) as a GeoJSON dict (WGS84, BKG VG5000 2021)."""
    name = {"districts": "boundaries.geojson", "laender": "laender.geojson"}[level]
    with open(_shipped_dir(GERMANY) / name, encoding="utf-8") as fh:
        return json.load(fh)


@functools.lru_cache(maxsize=1)
def _germany_context() -> str:
    rows = {r["ags"]: r for r in _germany_rows()}
    shapes = germany_boundaries()
    for feature in shapes["features"]:
        props = feature["properties"]
        props["land_name"] = rows[props["ags"]]["land_name"]
    return json.dumps(shapes)


def germany_context(codes: set[str] | list[str] | None = None) -> dict | None:
    """All of Germany's district polygons with their Land's name, as the context of a map
    (:func:`mintgraph.views.map_html.render_map`): ``None`` when ``codes`` are given and none of
    them is a German district code (a user's own district table of another country or unit).

    >>> ctx = germany_context()
    >>> len(ctx["features"]), ctx["features"][0]["properties"]["land_name"]
    (400, 'Schleswig-Holstein')
    >>> germany_context({"K-1", "K-2"}) is None
    True
    """
    if codes is not None and not any(land_of(code) for code in codes):
        return None
    return json.loads(_germany_context())


def shipped_boundaries_with(codes: set[str] | list[str]) -> dict:
    """The shipped Hessen polygons plus, for every code of another Land in ``codes``, that
    district's polygon from the shipped Germany data (the map of a dataset reaching across a border).

    >>> hessen = {f["properties"]["ags"] for f in shipped_boundaries()["features"]}
    >>> len(shipped_boundaries_with(hessen)["features"]), len(shipped_boundaries_with(hessen | {"16063"})["features"])
    (26, 27)
    >>> len(shipped_boundaries_with({"16063", "16064"})["features"])  # data outside Hessen: its districts only
    2
    """
    hessen = shipped_boundaries()
    own = {f["properties"]["ags"] for f in hessen["features"]}
    extra = set(codes) - own
    if not extra:
        return hessen
    kept = [
        f for f in hessen["features"] if f["properties"]["ags"] in set(codes)
    ]  # none for data outside Hessen
    added = [f for f in germany_boundaries()["features"] if f["properties"]["ags"] in extra]
    return {**hessen, "features": [*kept, *sorted(added, key=lambda f: f["properties"]["ags"])]}


def nearest_districts(
    value: str, candidates: dict[str, str] | None = None, limit: int = 3
) -> list[tuple[str, str]]:
    """The valid districts nearest to an unknown district value, as ``(code, name)``.

    A value with letters is matched by name (a district name typed instead of its code, or
    misspelt): the closest names by rapidfuzz's ``WRatio``, at least 80 of 100. A 5-digit code
    gives the codes of the same Land nearest in number. ``candidates`` maps code to name
    (default: all of Germany's districts).

    >>> nearest_districts("Fulda")
    [('06631', 'Fulda')]
    >>> nearest_districts("Kasel")[:2]
    [('06611', 'Kassel'), ('06633', 'Kassel')]
    >>> nearest_districts("05999")
    [('05978', 'Unna'), ('05974', 'Soest'), ('05970', 'Siegen-Wittgenstein')]
    """
    from rapidfuzz import fuzz, process, utils

    names = candidates if candidates is not None else {r["ags"]: r["name"] for r in _germany_rows()}
    text = value.strip()
    if any(c.isalpha() for c in text):
        exact = [(code, name) for code, name in sorted(names.items()) if name.casefold() == text.casefold()]
        if exact:
            return exact[:limit]
        found = process.extract(
            text, names, scorer=fuzz.WRatio, processor=utils.default_process, limit=limit, score_cutoff=80
        )
        return [(code, names[code]) for _, _, code in sorted(found, key=lambda f: (-f[1], f[2]))]
    if len(text) == 5 and text.isdigit():
        same_land = [code for code in names if code[:2] == text[:2]]
        near = sorted(same_land, key=lambda code: (abs(int(code) - int(text)), code))
        return [(code, names[code]) for code in near[:limit]]
    return []


@functools.lru_cache(maxsize=1)
def _land_names() -> tuple[tuple[str, str], ...]:
    return tuple(sorted({(row["land_code"], row["land_name"]) for row in _germany_rows()}))


def land_names() -> dict[str, str]:
    """The 16 Länder by code (the first two digits of the AGS).

    >>> land_names()["06"], len(land_names())
    ('Hessen', 16)
    """
    return dict(_land_names())


def landscape_name(codes: set[str] | list[str]) -> str:
    """The name of a landscape on the shipped districts: its Land, up to three Länder by name,
    else their number ("Deutschland" for all 16); "" for codes that are no German districts.

    >>> landscape_name({"06611", "06412"}), landscape_name({"06636", "16063", "05315"})
    ('Hessen', 'Hessen, Nordrhein-Westfalen, Thüringen')
    >>> landscape_name({f"{n:02d}000" for n in range(1, 9)}), landscape_name({"K-1"})
    ('8 Länder', '')
    """
    laender = {land for code in codes if (land := land_of(code))}
    if not laender:
        return ""
    if len(laender) == GERMANY_LAENDER:
        return "Deutschland"
    if len(laender) > 3:
        return f"{len(laender)} Länder"
    names = land_names()
    return ", ".join(sorted(names.get(land, land) for land in laender))


def land_of(code: object) -> str | None:
    """The Land (first two digits of the AGS) of a German district code, None for anything else.

    >>> land_of("06611"), land_of("16063"), land_of("K-1"), land_of("99001")
    ('06', '16', None, None)
    """
    text = str(code) if code is not None else ""
    if len(text) == 5 and text.isdigit() and "01" <= text[:2] <= "16":
        return text[:2]
    return None
