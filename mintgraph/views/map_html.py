"""``map.html``: the districts with the MINT landscape on them, as one self-contained HTML file.

The map is inline SVG computed here: the district polygons (GeoJSON, WGS84) are projected
with an equirectangular projection scaled by the cosine of the middle latitude, fitted to a
1,000-unit view box and rounded to 0.1 unit, so the page is small, needs no tile server and
is byte-identical for the same input. On the map:

* a choropleth of one selectable measure (actors, activities or ties per 100,000 inhabitants,
  networks covering the district) in quantile classes of a colour-blind-safe sequential
  palette (ColorBrewer YlGnBu);
* hatching on the districts with an above-average share of MINT workers, dots on the white
  spots (activities, but no network covers the district);
* a circle at each district's area-weighted centroid, its area proportional to the actors;
* the ties between districts as curves between the centroids, width by the number of ties
  (the graph's edges aggregated by the districts of their two ends);
* each network's area as a band just inside the outline of the union of its districts (the
  edges of its districts' polygons that are not shared by two of them — exact on a
  simplified coverage, where shared borders are identical).

Every text reaches the page escaped: SVG and HTML through Jinja's autoescaping, the data for
the script as one JSON blob (:func:`mintgraph.views.common.json_for_script`), and the
tooltips are filled with ``textContent``. Only district-level numbers are used; no actor
column besides ``id`` and ``region`` is read.

Example
-------
>>> from mintgraph import analyze
>>> from mintgraph.testing import tiny_dataset
>>> result = analyze(tiny_dataset())
>>> page = render_map(result.dataset.boundaries, result.regions, result.graph, result.actors,
...                   result.dataset.networks, attribution="© GeoBasis-DE / BKG 2021 (Daten verändert)")
>>> page.count('class="district"')
26
>>> district_ties(result.graph, result.actors)[("06611", "06633")]
2
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import networkx as nx
import pandas as pd
from markupsafe import Markup

from mintgraph.cells import (
    cell_bool as as_bool,
)
from mintgraph.cells import (
    cell_float as as_float,
)
from mintgraph.cells import (
    cell_text as _text,
)
from mintgraph.cells import (
    is_missing as _is_missing,
)
from mintgraph.engine import label_pair_counts, tie_end_labels
from mintgraph.geo import (
    MARGIN,
    Frame,
    Point,
    Polygon,
    Ring,
    class_breaks,
    context_districts,
    feature_polygons,
    group_borders,
    project,
    union_outline,
)
from mintgraph.i18n import LANGS, format_int, format_number, plural
from mintgraph.i18n import MAP_LABELS as LABELS
from mintgraph.model import split_multi
from mintgraph.regions import land_of, polygon_centroid
from mintgraph.views.common import environment, json_for_script

__all__ = [
    "LABELS",
    "MEASURES",
    "as_bool",
    "as_float",
    "attribution_parts",
    "class_breaks",
    "curve_path",
    "display_names",
    "district_records",
    "district_shapes",
    "district_ties",
    "map_layers",
    "measure_classes",
    "place_labels",
    "polygon_centroid",
    "polygons_path",
    "project",
    "render_map",
    "svg_number",
    "tie_width",
    "union_outline",
]


MEASURES: tuple[str, ...] = ("actors_per_100k", "activities_per_100k", "ties_per_100k", "networks")
"""Columns of the regions table that can colour the map; the first one is shown first."""

PALETTE: tuple[str, ...] = ("#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0")
"""Choropleth classes, light to dark: the lighter five of ColorBrewer's 7-class YlGnBu
(sequential, colour-blind safe); dark enough to rank, light enough for the symbols on top."""
NO_DATA = "#e0e0e0"
NETWORK_COLORS: tuple[str, ...] = (
    "#D55E00",  # Okabe–Ito vermillion
    "#332288",  # Tol indigo
    "#E69F00",  # Okabe–Ito orange
    "#882255",  # Tol wine
    "#CC79A7",  # Okabe–Ito reddish purple
    "#999933",  # Tol olive
    "#117733",  # Tol green
    "#8C510A",  # ColorBrewer brown
)
"""Band colours of the networks' areas (warm and dark, apart from the blue-green choropleth).
Networks whose outlines touch get colours that differ clearly (see :func:`_network_colors`)."""
COLOR_CONTRAST = 100.0  # least RGB distance between the colours of touching networks, if possible
BKG_URL = "http://www.bkg.bund.de"
"""The licence of the BKG boundaries requires the attribution to link here."""

LEGEND_WIDTH = 200.0  # column right of the map for the circle and line legends
CIRCLE_MAX = 30.0  # radius of the district with the most actors
TIE_WIDTH_MIN = 1.0
NAMES_SHOWN_MAX = 60
"""Above this many districts the district names start hidden (a checkbox shows them): 400 names
on one map overlap into an unreadable mass and double the time a hover takes to draw."""
BANDS_SHOWN_MAX = 10
"""Above this many networks with an area their bands start hidden; each has its checkbox."""
MAX_TIE_LINES = 1500
"""At most this many district pairs get a tie curve: those with the most ties. Above it a map
of all of Germany (8,000 pairs at 100,000 actors) took twice as long to answer a hover in
Chromium (benchmarks/README.md); the page says how many pairs it leaves out."""
TIE_WIDTH_MAX = 8.0
LABEL_FONT = 13.0  # district names, in SVG units
LEGEND_FONT = 13.0
SCALE_BAR_MAX = 120.0  # the scale bar is a round number of km at most this long (SVG units)
BAND_WIDTH = 3.5  # screen pixels of a network's band (a multiple when smaller networks lie inside)
BAND_MAX_LEVELS = 3
CONTEXT_FILL = "#f4f4f2"
"""Fill of a neighbouring district that is not in the data (lighter than any class colour)."""
CONTEXT_FAR_FILL = "#fafaf9"
"""Fill of another district in view that is not in the data and not a neighbour."""

_BKG_ATTRIBUTION = re.compile(r"©\s*GeoBasis-DE\s*/\s*BKG(?:\s+\d{4})?(?:\s*\(Daten verändert\))?")


# --------------------------------------------------------------------------- geometry


def polygons_path(polygons: list[Polygon]) -> str:
    """SVG path data of closed rings (``M x y x y … Z``, implicit line-tos)."""
    return "".join(
        "M" + " ".join(f"{svg_number(x)} {svg_number(y)}" for x, y in ring) + "Z"
        for p in polygons
        for ring in p
    )


def _chain_path(chains: list[Ring]) -> str:
    """SVG path data of chains; a chain ending at its start is closed with ``Z``."""
    parts = []
    for chain in chains:
        closed = len(chain) > 2 and chain[-1] == chain[0]
        points = chain[:-1] if closed else chain
        parts.append(
            "M" + " ".join(f"{svg_number(x)} {svg_number(y)}" for x, y in points) + ("Z" if closed else "")
        )
    return "".join(parts)


def svg_number(value: float) -> str:
    """A coordinate with at most one decimal, no trailing zero, never ``-0``."""
    text = f"{round(value, 1):.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


# --------------------------------------------------------------------------- data


def district_ties(graph: nx.Graph, actors: pd.DataFrame) -> dict[tuple[str, str], int]:
    """Number of cooperation ties between two districts, keyed by the sorted pair of codes.

    A tie (an edge of ``graph``) counts for the pair of districts its two actors are seated in
    (``actors.region``); ties inside one district and ties of actors without a district are left
    out. The pairs come out sorted.

    >>> g = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("c", "d")])
    >>> actors = pd.DataFrame({"id": ["a", "b", "c", "d"], "region": ["1", "2", "2", "1"]})
    >>> district_ties(g, actors)
    {('1', '2'): 3}
    """
    region_of = {
        str(i): _text(r) for i, r in zip(actors["id"], actors["region"], strict=True) if not _is_missing(i)
    }
    return label_pair_counts(*tie_end_labels(graph, region_of))


def _spread(n: int) -> list[str]:
    """``n`` colours of the palette, spread from the lightest to the darkest."""
    if n <= 1:
        return [PALETTE[len(PALETTE) // 2]] * n
    return [PALETTE[round(i * (len(PALETTE) - 1) / (n - 1))] for i in range(n)]


def measure_classes(values: dict[str, float], measure: str, lang: str) -> dict[str, Any]:
    """Classes, legend and fill colour per district of one measure."""
    labels = LABELS[lang]
    finite = {c: v for c, v in values.items() if not _is_missing(v) and math.isfinite(v)}
    if measure == "networks":
        top = min(int(max(finite.values(), default=0)), len(PALETTE) - 1)
        breaks = [float(b) for b in range(1, top + 1)]
        names = [
            labels["net_none"] if b == 0 else labels["net_one"] if b == 1 else labels["net_other"]
            for b in range(top + 1)
        ]
        names = [n.replace("{n}", str(b)) for b, n in enumerate(names)]
        if top and max(finite.values()) > top:
            names[-1] = labels["net_more"].replace("{n}", str(top))
    else:
        breaks = class_breaks(list(finite.values()), min(len(PALETTE), len(set(finite.values()))))
        fmt = [format_number(b, lang) for b in breaks]
        if not breaks:
            single = format_number(next(iter(finite.values())), lang) if finite else "–"
            names = [labels["class_single"].replace("{a}", single)] if finite else []
        else:
            names = [labels["class_below"].replace("{b}", fmt[0])]
            names += [labels["class_between"].replace("{a}", a).replace("{b}", b) for a, b in pairwise(fmt)]
            names.append(labels["class_above"].replace("{a}", fmt[-1]))
    colors = _spread(len(names))
    fill = {}
    counts: Counter[int] = Counter()
    for code in values:
        if code in finite:
            index = min(bisect_right(breaks, finite[code]), len(names) - 1)
            fill[code] = colors[index]
            counts[index] += 1
        else:
            fill[code] = NO_DATA
    classes = [
        {"color": color, "label": name, "count": format_int(counts[i], lang)}
        for i, (color, name) in enumerate(zip(colors, names, strict=True))
    ]
    if len(finite) < len(values):
        classes.append(
            {
                "color": NO_DATA,
                "label": labels["class_no_data"],
                "count": format_int(len(values) - len(finite), lang),
            }
        )
    note = labels["note_networks"] if measure == "networks" else ""
    if finite and measure != "networks":
        low, high = min(finite.values()), max(finite.values())
        note = (
            labels["range"]
            .replace("{min}", format_number(low, lang))
            .replace("{max}", format_number(high, lang))
        )
    return {"title": labels[f"measure_{measure}"], "classes": classes, "fill": fill, "note": note}


def _nice_steps(top: float, count: int = 3) -> list[int]:
    """Up to ``count`` round legend values (1, 2, 5 × 10^k) from ``top`` down, each ≤ a quarter of the last."""
    steps: list[int] = []
    limit = top
    while limit >= 1 and len(steps) < count:
        magnitude = 10 ** math.floor(math.log10(limit))
        value = max(m * magnitude for m in (1, 2, 5) if m * magnitude <= limit)
        steps.append(int(value))
        limit = value / 4
    return steps


# --------------------------------------------------------------------------- page


def render_map(
    boundaries: dict | None,
    regions: pd.DataFrame,
    graph: nx.Graph,
    actors: pd.DataFrame,
    networks: pd.DataFrame,
    *,
    lang: str = "de",
    attribution: str = "",
    title: str | None = None,
    context: dict | None = None,
) -> str:
    """Return a self-contained HTML page with the districts and the MINT landscape on them.

    Parameters
    ----------
    boundaries
        District polygons as a GeoJSON ``FeatureCollection`` (WGS84 lon/lat; ``Polygon`` or
        ``MultiPolygon``; the district code in the property ``ags``, or else ``code``). ``None``
        (a user's district table without boundaries) gives a page with a message, the totals
        and the table of districts instead of a map.
    regions
        The ``regions.csv`` output table (:func:`mintgraph.metrics.regions.region_table`).
    graph
        The cooperation graph (nodes are actor ids); its edges between districts are drawn as
        lines between the districts' centroids.
    actors
        The actors table; only ``id`` and ``region`` are used.
    networks
        The networks input table (``id``, ``name``, ``regions`` = ``|``-joined codes); each
        network that names districts gets its area outlined.
    lang
        ``"de"`` (default) or ``"en"``.
    attribution
        Source note shown on the map, e.g. :data:`mintgraph.regions.ATTRIBUTION`; the part
        "© GeoBasis-DE / BKG …" is linked to http://www.bkg.bund.de as BKG's licence requires.
    title
        Page title; default: "MINT-Landschaft nach Kreisen" (translated).
    context
        Polygons of other districts as a GeoJSON ``FeatureCollection`` (properties ``ags``,
        ``name``, ``type``, ``land_code``, ``land_name``), e.g.
        :func:`mintgraph.regions.germany_context`. The map then zooms to the data's districts
        with a margin, shows the other districts in view in a lighter tone (the neighbours of
        the data's districts a little darker), and draws the borders between Länder.

    Returns
    -------
    The HTML page as a string: offline (no request leaves the file) and byte-identical for
    the same input.

    Raises
    ------
    ValueError
        For an unknown language, or a regions table without ``code`` and ``name``.

    Example
    -------
    >>> from mintgraph import analyze
    >>> from mintgraph.testing import tiny_dataset
    >>> r = analyze(tiny_dataset())
    >>> page = render_map(None, r.regions, r.graph, r.actors, r.dataset.networks, lang="en")
    >>> "No district boundaries" in page and "<svg" not in page
    True
    """
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGS)}")
    missing = [c for c in ("code", "name") if c not in regions.columns]
    if missing:
        raise ValueError(f"the regions table needs the column(s) {', '.join(missing)}")
    labels = LABELS[lang]
    records = district_records(regions)
    ties = district_ties(graph, actors)
    shapes, types = district_shapes(boundaries, set(records))
    page_title = title if title is not None else labels["title"]
    net_names = {
        _text(row.get("id")): _text(row.get("name")) or _text(row.get("id"))
        for row in networks.to_dict("records")
    }
    page: dict[str, Any] = {
        "lang": lang,
        "title": page_title,
        "labels": labels,
        "counts": _counts(records, graph, ties, networks, lang),
        "attribution": attribution_parts(attribution),
    }
    template = environment().get_template("map.html.j2")
    if not shapes:
        reason = labels["no_boundaries"] if boundaries is None else labels["no_matching_boundaries"]
        return template.render(**page, message=reason, **_totals(records, ties, net_names, types, lang))
    return template.render(
        **page, message=None, **_map_context(records, shapes, types, ties, networks, lang, context)
    )


def district_records(regions: pd.DataFrame) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for row in regions.to_dict("records"):
        code = _text(row.get("code"))
        if code:
            out[code] = row
    return dict(sorted(out.items()))


def district_shapes(
    boundaries: dict | None, codes: set[str]
) -> tuple[dict[str, list[Polygon]], dict[str, str]]:
    """Polygons (lon/lat) and the ``type`` property of every feature whose code is a district."""
    shapes: dict[str, list[Polygon]] = {}
    types: dict[str, str] = {}
    features = (boundaries.get("features") or []) if isinstance(boundaries, dict) else []
    for feature in features:
        props = (feature or {}).get("properties") or {}
        code = _text(props.get("ags")) or _text(props.get("code"))
        if code not in codes:
            continue
        polygons = feature_polygons((feature or {}).get("geometry"))
        if polygons:
            shapes.setdefault(code, []).extend(polygons)
            if isinstance(props.get("type"), str):
                types[code] = props["type"].strip()
    return dict(sorted(shapes.items())), types


def display_names(records: dict[str, dict[str, Any]], types: dict[str, str], lang: str) -> dict[str, str]:
    """District names, with the kind of district (or the code) added where a name is not unique."""
    names = {code: _text(rec.get("name")) or code for code, rec in records.items()}
    seen = Counter(names.values())
    out = {}
    for code, name in names.items():
        if seen[name] > 1:
            kind = LABELS[lang].get(f"type_{types.get(code, '')}") or types.get(code) or code
            name = f"{name} ({kind})"
        out[code] = name
    return out


def _counts(
    records: dict[str, dict[str, Any]],
    graph: nx.Graph,
    ties: dict[tuple[str, str], int],
    networks: pd.DataFrame,
    lang: str,
) -> str:
    with_area = sum(1 for value in networks.get("regions", pd.Series(dtype=str)) if split_multi(_text(value)))
    actors = sum(_int(rec.get("actors")) for rec in records.values())
    activities = sum(_int(rec.get("activities")) for rec in records.values())
    n_ties = graph.number_of_edges()
    parts = [
        _count("districts", len(records), lang),
        _count("actors", actors, lang),
        _count("activities", activities, lang),
        _count("ties", n_ties, lang)
        + ", "
        + LABELS[lang]["cross_ties"].replace("{n}", format_int(sum(ties.values()), lang)),
        _count("networks", with_area, lang),
    ]
    return " · ".join(parts)


def _count(key: str, n: int, lang: str) -> str:
    return plural(LABELS[lang], key, n, lang)


def attribution_parts(text: str) -> dict[str, str]:
    """Split the attribution around the BKG note, which becomes the link text."""
    match = _BKG_ATTRIBUTION.search(text or "")
    if not match:
        return {"before": text or "", "link": "", "after": "", "url": BKG_URL}
    return {
        "before": text[: match.start()],
        "link": match.group(),
        "after": text[match.end() :],
        "url": BKG_URL,
    }


TIP_FIELDS = (
    "code",
    "population",
    "actors",
    "activities",
    "ties_inside",
    "ties_other",
    "networks",
    "markers",
)
"""Rows of the hover tooltip; the details panel shows all rows."""


def _district_rows(
    rec: dict[str, Any], code: str, kind: str, net_names: dict[str, str], lang: str
) -> list[tuple[str, str, str]]:
    """Rows ``(field, label, value)`` describing a district (plain text, in display order)."""
    labels = LABELS[lang]
    rows = [("code", labels["field_code"], code)]
    if kind:
        rows.append(("type", labels["field_type"], kind))
    if _text(rec.get("group")):
        rows.append(("group", labels["field_group"], _text(rec.get("group"))))
    population = as_float(rec.get("population"))
    rows.append(
        (
            "population",
            labels["field_population"],
            "–" if math.isnan(population) else format_int(int(population), lang),
        )
    )
    counts = [
        ("actors", "actors", "actors_per_100k"),
        ("activities", "activities", "activities_per_100k"),
        ("ties_inside", "ties_inside", None),
        ("ties_other", "ties_to_other_districts", None),
        ("ties_neighbours", "ties_to_neighbours", None),
        ("ties_per_100k", None, "ties_per_100k"),
    ]
    for field, column, per_100k in counts:
        if column is not None and column in rec:
            rows.append((field, labels[f"field_{field}"], format_int(_int(rec.get(column)), lang)))
        if per_100k is not None and per_100k in rec and not math.isnan(as_float(rec.get(per_100k))):
            rows.append(
                (per_100k, labels[f"measure_{per_100k}"], format_number(as_float(rec.get(per_100k)), lang))
            )
    nets = [net_names.get(n, n) for n in split_multi(_text(rec.get("network_ids")))]
    rows.append(("networks", labels["field_networks"], ", ".join(nets) if nets else labels["none"]))
    if "activities_without_network" in rec:
        value = format_int(_int(rec.get("activities_without_network")), lang)
        rows.append(("without_network", labels["field_without_network"], value))
    notes = [labels[k] for k in ("mint_above_average", "white_spot") if as_bool(rec.get(k))]
    if notes:
        rows.append(("markers", labels["field_markers"], "; ".join(notes)))
    return rows


def _totals(
    records: dict[str, dict[str, Any]],
    ties: dict[tuple[str, str], int],
    net_names: dict[str, str],
    types: dict[str, str],
    lang: str,
) -> dict[str, Any]:
    """Context of the message page: totals and one table row per district."""
    labels = LABELS[lang]
    population = [as_float(rec.get("population")) for rec in records.values()]
    known = [p for p in population if not math.isnan(p)]
    totals = [
        [labels["total_population"], format_int(int(sum(known)), lang) if known else "–"],
        [labels["field_actors"], format_int(sum(_int(r.get("actors")) for r in records.values()), lang)],
        [
            labels["field_activities"],
            format_int(sum(_int(r.get("activities")) for r in records.values()), lang),
        ],
        [
            labels["total_ties_inside"],
            format_int(sum(_int(r.get("ties_inside")) for r in records.values()), lang),
        ],
        [labels["total_ties_between"], format_int(sum(ties.values()), lang)],
    ]
    names = display_names(records, types, lang)
    header = [
        labels["col_name"],
        labels["field_code"],
        labels["field_population"],
        labels["field_actors"],
        labels["field_activities"],
        labels["field_ties_inside"],
        labels["field_ties_other"],
        labels["field_networks"],
    ]
    rows = []
    for code, rec in records.items():
        p = as_float(rec.get("population"))
        nets = [net_names.get(n, n) for n in split_multi(_text(rec.get("network_ids")))]
        rows.append(
            [
                names[code],
                code,
                "–" if math.isnan(p) else format_int(int(p), lang),
                format_int(_int(rec.get("actors")), lang),
                format_int(_int(rec.get("activities")), lang),
                format_int(_int(rec.get("ties_inside")), lang),
                format_int(_int(rec.get("ties_to_other_districts")), lang),
                ", ".join(nets) or labels["none"],
            ]
        )
    return {"totals": totals, "table_header": header, "table_rows": rows}


def _map_context(
    records: dict[str, dict[str, Any]],
    lonlat: dict[str, list[Polygon]],
    types: dict[str, str],
    ties: dict[tuple[str, str], int],
    networks: pd.DataFrame,
    lang: str,
    context: dict | None = None,
) -> dict[str, Any]:
    """Everything the template needs to draw the map, and the JSON blob for its script."""
    labels = LABELS[lang]
    layers = map_layers(lonlat, context)
    frame, shapes, around, near = layers.frame, layers.shapes, layers.around, layers.near
    map_width, height = frame.width, frame.height
    names = display_names(records, types, lang)
    net_names = {
        _text(row.get("id")): _text(row.get("name")) or _text(row.get("id"))
        for row in networks.to_dict("records")
    }
    centroids = {code: polygon_centroid(polygons) for code, polygons in shapes.items()}

    measures = {
        m: measure_classes({code: as_float(records[code].get(m)) for code in shapes}, m, lang)
        for m in MEASURES
        if m in next(iter(records.values()), {})
    }
    first = next(iter(measures), None)

    max_actors = max((_int(records[c].get("actors")) for c in shapes), default=0)
    districts: list[dict[str, Any]] = []
    for code, polygons in shapes.items():
        rec = records[code]
        actors = _int(rec.get("actors"))
        radius = CIRCLE_MAX * math.sqrt(actors / max_actors) if max_actors and actors else 0.0
        cx, cy = centroids[code]
        districts.append(
            {
                "code": code,
                "name": names[code],
                "d": polygons_path(polygons),
                "fill": measures[first]["fill"][code] if first else NO_DATA,
                "mint": as_bool(rec.get("mint_above_average")),
                "white_spot": as_bool(rec.get("white_spot")),
                "cx": svg_number(cx),
                "cy": svg_number(cy),
                "r": svg_number(radius) if radius else "",
            }
        )
    marks = [(d["code"], d["name"], *centroids[d["code"]], as_float(d["r"] or 0)) for d in districts]
    for d, (x, y, anchor) in zip(districts, place_labels(marks, map_width), strict=True):
        d.update(label_x=svg_number(x), label_y=svg_number(y), anchor=anchor)

    kinds = {code: LABELS[lang].get(f"type_{types.get(code, '')}", types.get(code, "")) for code in shapes}
    tips = {}
    for code in shapes:
        rows = _district_rows(records[code], code, kinds[code], net_names, lang)
        tips[code] = {
            "name": names[code],
            "rows": [[label, value] for _, label, value in rows],
            "tip": [[label, value] for field, label, value in rows if field in TIP_FIELDS],
        }

    # Ties between districts that are both on the map; thin ones first, so thick ones lie on top.
    drawn = {pair: n for pair, n in ties.items() if pair[0] in centroids and pair[1] in centroids}
    max_ties = max(drawn.values(), default=0)
    all_pairs = len(drawn)
    if all_pairs > MAX_TIE_LINES:  # the strongest pairs only: thousands of curves make the page slow
        drawn = dict(sorted(drawn.items(), key=lambda item: (-item[1], item[0]))[:MAX_TIE_LINES])
    tie_items = []
    for (a, b), n in sorted(drawn.items(), key=lambda item: (item[1], item[0])):
        tie_items.append(
            {
                "a": a,
                "b": b,
                "d": curve_path(centroids[a], centroids[b]),
                "width": svg_number(tie_width(n, max_ties)),
                "tip": labels["tie_tip"].replace("{a}", names[a]).replace("{b}", names[b]),
                "text": _count("ties", n, lang),
            }
        )

    network_items = _network_items(networks, shapes, net_names, lang)
    legend = _symbol_legend(map_width, max_actors, max_ties, frame.units_per_km, lang)
    context_items = [
        {"code": code, "d": polygons_path(polygons), "near": code in near}
        for code, polygons in around.items()
    ]
    context_tips = {
        code: _context_tip(code, layers.props.get(code, {}), code in near, lang) for code in around
    }
    missing = [names[c] for c in records if c not in shapes]
    data = {
        "measures": measures,
        "districts": tips,
        "ties": [{"tip": t["tip"], "text": t["text"]} for t in tie_items],
        "context": context_tips,
        "noData": NO_DATA,
    }
    return {
        "measure_options": [{"key": m, "label": measures[m]["title"]} for m in measures],
        "first_measure": measures[first] if first else None,
        "districts": districts,
        "ties": tie_items,
        "networks": network_items,
        "legend": legend,
        "width": svg_number(map_width + LEGEND_WIDTH),
        "height": svg_number(height),
        "map_width": svg_number(map_width),
        "context": context_items,
        "names_shown": len(districts) <= NAMES_SHOWN_MAX,
        "bands_shown": len(network_items) <= BANDS_SHOWN_MAX,
        "bands_note": ""
        if len(network_items) <= BANDS_SHOWN_MAX
        else labels["networks_hidden"].replace("{n}", format_int(len(network_items), lang)),
        "ties_note": labels["ties_capped"]
        .replace("{shown}", format_int(len(drawn), lang))
        .replace("{total}", format_int(all_pairs, lang))
        .replace("{least}", format_int(min(drawn.values()), lang))
        if all_pairs > len(drawn)
        else "",
        "context_fill": CONTEXT_FILL,
        "context_far_fill": CONTEXT_FAR_FILL,
        "land_borders": layers.borders,
        "missing_note": labels["missing_boundaries"].replace("{names}", ", ".join(missing))
        if missing
        else "",
        "map_data": Markup(json_for_script(data)),
    }


@dataclass(frozen=True)
class MapLayers:
    """The projected layers of a map: the data's districts, the context around them, the borders."""

    frame: Frame
    shapes: dict[str, list[Polygon]]  # the data's districts (SVG units)
    around: dict[str, list[Polygon]]  # context districts in view
    near: set[str]  # ... of which these share a border with the data's districts
    props: dict[str, dict]  # properties of the context districts (name, type, land_code, land_name)
    borders: str  # SVG path data of the borders between Länder in view ("" for none)


def map_layers(lonlat: dict[str, list[Polygon]], context: dict | None = None) -> MapLayers:
    """Project the data's districts and, with ``context`` (see :func:`render_map`), the districts
    around them and the borders between Länder, zoomed to the data's districts with a margin.

    >>> from mintgraph.regions import germany_context
    >>> ctx = germany_context()
    >>> wartburg = next(f for f in ctx["features"] if f["properties"]["ags"] == "16063")
    >>> layers = map_layers({"16063": feature_polygons(wartburg["geometry"])}, ctx)
    >>> sorted(layers.near)  # as in the shipped adjacency.csv
    ['06631', '06632', '06636', '16064', '16066', '16067']
    >>> bool(layers.borders)  # the Hessen–Thüringen border runs through the view
    True
    """
    context_lonlat, props = _context_shapes(context, set(lonlat))
    frame = Frame.fit(lonlat, margin=MARGIN if context_lonlat else 0.0)
    shapes = {code: frame.polygons(polygons) for code, polygons in lonlat.items()}
    shapes = {code: polygons for code, polygons in shapes.items() if polygons}
    around, near = context_districts(shapes, context_lonlat, frame)
    land_of_code = {code: land for code in [*shapes, *around] if (land := _land(code, props))}
    borders = group_borders({**shapes, **around}, land_of_code) if len(set(land_of_code.values())) > 1 else []
    return MapLayers(frame, shapes, around, near, props, _chain_path(borders))


def _context_shapes(context: dict | None, own: set[str]) -> tuple[dict[str, list[Polygon]], dict[str, dict]]:
    """Lon/lat polygons and properties of the context districts (all but the data's own)."""
    shapes: dict[str, list[Polygon]] = {}
    props: dict[str, dict] = {}
    features = (context.get("features") or []) if isinstance(context, dict) else []
    for feature in features:
        properties = (feature or {}).get("properties") or {}
        code = _text(properties.get("ags")) or _text(properties.get("code"))
        if not code or code in own:
            continue
        polygons = feature_polygons((feature or {}).get("geometry"))
        if polygons:
            shapes.setdefault(code, []).extend(polygons)
            props[code] = properties
    return shapes, props


def _land(code: str, props: dict[str, dict]) -> str | None:
    """The Land of a district: the context's ``land_code`` property, else the code's first two
    digits when it is a German district code (AGS)."""
    return _text(props.get(code, {}).get("land_code")) or land_of(code)


def _context_tip(code: str, props: dict, near: bool, lang: str) -> dict[str, Any]:
    """Tooltip of a context district: its name, kind and Land, and that it is not in the data."""
    labels = LABELS[lang]
    rows = [[labels["field_code"], code]]
    kind = _text(props.get("type"))
    if kind:
        rows.append([labels["field_type"], labels.get(f"type_{kind}", kind)])
    land = _text(props.get("land_name"))
    if land:
        rows.append([labels["field_land"], land])
    rows.append(["", labels["context_near" if near else "context_far"]])
    return {"name": _text(props.get("name")) or code, "tip": rows}


Box = tuple[float, float, float, float]


def place_labels(
    marks: list[tuple[str, str, float, float, float]],
    width: float,
    font: float = LABEL_FONT,
    rings: int = 1,
) -> list[tuple[float, float, str]]:
    """Position of each district name (x, baseline y, text-anchor) next to its circle.

    Marks are ``(code, name, cx, cy, r)``. Districts with bigger circles choose first, among
    below, above, right and left of the circle, the first place that overlaps no name placed
    before, no other circle and stays inside the map (else the place with the least overlap).
    Text widths are estimated from the number of characters. With ``rings`` > 1, places one
    and more lines further out are tried too (for labels without circles, e.g. at centroids).
    """
    circles = {code: (cx - r, cy - r, cx + r, cy + r) for code, _, cx, cy, r in marks}
    placed: list[Box] = []
    chosen: dict[str, tuple[float, float, str]] = {}
    for code, name, cx, cy, r in sorted(marks, key=lambda m: (-m[4], m[0])):
        w, h, gap = 0.6 * font * len(name), font, 2.0
        candidates = []
        for ring in range(rings):
            far = ring * 1.1 * h
            candidates += [
                (cx, cy + r + gap + 0.8 * h + far, "middle"),
                (cx, cy - r - gap - 0.2 * h - far, "middle"),
                (cx + r + gap + 1 + far, cy + 0.35 * h, "start"),
                (cx - r - gap - 1 - far, cy + 0.35 * h, "end"),
            ]
        best: tuple[float, tuple[float, float, str], Box] | None = None
        for x, y, anchor in candidates:
            x0 = x - w / 2 if anchor == "middle" else x if anchor == "start" else x - w
            box = (x0, y - 0.8 * h, x0 + w, y + 0.2 * h)
            cost = sum(_overlap(box, other) for other in placed)
            cost += sum(_overlap(box, c) for other, c in circles.items() if other != code)
            cost += max(0.0, box[2] - width) * h + max(0.0, -box[0]) * h
            if best is None or cost < best[0]:
                best = (cost, (x, y, anchor), box)
            if cost == 0:
                break
        assert best is not None
        placed.append(best[2])
        chosen[code] = best[1]
    return [chosen[code] for code, *_ in marks]


def _overlap(a: Box, b: Box) -> float:
    return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))


def _wrap(text: str, limit: int) -> list[str]:
    """Break ``text`` into lines of at most ``limit`` characters at spaces (long words stay whole).

    >>> _wrap("Kooperationsbeziehungen zwischen zwei Kreisen", 24)
    ['Kooperationsbeziehungen', 'zwischen zwei Kreisen']
    """
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= limit:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def tie_width(n: int, top: int) -> float:
    if top <= 1:
        return TIE_WIDTH_MIN + 0.5
    return TIE_WIDTH_MIN + (TIE_WIDTH_MAX - TIE_WIDTH_MIN) * (n - 1) / (top - 1)


def curve_path(p: Point, q: Point, bend: float = 0.12) -> str:
    """A gentle quadratic curve from ``p`` to ``q`` (bent to the left of the direction p → q)."""
    mx, my = (p[0] + q[0]) / 2, (p[1] + q[1]) / 2
    dx, dy = q[0] - p[0], q[1] - p[1]
    cx, cy = mx - dy * bend, my + dx * bend
    return f"M{svg_number(p[0])} {svg_number(p[1])}Q{svg_number(cx)} {svg_number(cy)} {svg_number(q[0])} {svg_number(q[1])}"


def _network_items(
    networks: pd.DataFrame, shapes: dict[str, list[Polygon]], net_names: dict[str, str], lang: str
) -> list[dict[str, Any]]:
    """One outline per network that names districts on the map; larger areas first (drawn below).

    A network's band is wider when smaller networks' areas lie within its area, so that at a
    shared border both bands stay visible side by side.
    """
    areas = []
    for row in networks.to_dict("records"):
        net_id = _text(row.get("id"))
        codes = sorted({c for c in split_multi(_text(row.get("regions"))) if c in shapes})
        if net_id and codes:
            areas.append((net_id, codes))
    areas.sort(key=lambda item: (-len(item[1]), item[0]))
    level = [1] * len(areas)  # 1 + the deepest level of a smaller area overlapping this one
    for index in range(len(areas) - 1, -1, -1):
        overlapping = [
            level[j] for j in range(index + 1, len(areas)) if set(areas[j][1]) & set(areas[index][1])
        ]
        level[index] = 1 + min(max(overlapping, default=0), BAND_MAX_LEVELS - 1)
    outlines = [union_outline([shapes[c] for c in codes]) for _, codes in areas]
    colors = _network_colors([{p for chain in chains for p in chain} for chains in outlines])
    items = []
    for index, (net_id, codes) in enumerate(areas):
        chains = outlines[index]
        items.append(
            {
                "index": index,
                "id": net_id,
                "name": net_names.get(net_id, net_id),
                "color": colors[index],
                "clip": polygons_path([p for c in codes for p in shapes[c]]),
                "outline": _chain_path(chains),
                "band": svg_number(2 * BAND_WIDTH * level[index]),
                "districts": _count("network_districts", len(codes), lang),
            }
        )
    return items


def _network_colors(outline_points: list[set[Point]]) -> list[str]:
    """A colour per network; networks whose outlines touch get colours far apart.

    In order, each network takes the first colour of :data:`NETWORK_COLORS` not used yet (all
    of them again once every one is used) whose RGB distance to the colours of the earlier
    networks it touches is at least :data:`COLOR_CONTRAST`; if there is none, the unused
    colour farthest from them.
    """

    def rgb(color: str) -> tuple[int, int, int]:
        return (int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16))

    chosen: list[str] = []
    for index, points in enumerate(outline_points):
        free = [c for c in NETWORK_COLORS if c not in chosen] or list(NETWORK_COLORS)
        touching = [rgb(chosen[j]) for j in range(index) if points & outline_points[j]]
        distance = {c: min((math.dist(rgb(c), t) for t in touching), default=math.inf) for c in free}
        good = [c for c in free if distance[c] >= COLOR_CONTRAST]
        chosen.append(good[0] if good else max(free, key=lambda c: (distance[c], -free.index(c))))
    return chosen


def _symbol_legend(
    map_width: float, max_actors: int, max_ties: int, units_per_km: float, lang: str
) -> dict[str, Any]:
    """The circle and line legends, drawn in a column right of the map (same scale as the map).

    Circles are nested on a common bottom, each labelled at its top; a value whose label
    would crowd the previous one is left out.
    """
    labels = LABELS[lang]
    x = map_width + 12
    chars = int((LEGEND_WIDTH - 16) / (0.6 * LEGEND_FONT))
    y = 30.0
    circle_title = []
    for line in _wrap(labels["circles_title"], chars):
        circle_title.append({"y": svg_number(y), "text": line})
        y += LEGEND_FONT * 1.25
    bottom = y + 2 * CIRCLE_MAX
    circles: list[dict[str, str]] = []
    last_top = math.inf
    for value in _nice_steps(max_actors, 4) if max_actors else []:
        r = CIRCLE_MAX * math.sqrt(value / max_actors)
        top = bottom - 2 * r
        if circles and top - last_top < LEGEND_FONT * 1.15:
            continue
        last_top = top
        circles.append(
            {
                "cx": svg_number(x + CIRCLE_MAX),
                "cy": svg_number(bottom - r),
                "r": svg_number(r),
                "ty": svg_number(top),
                "label": format_int(value, lang),
            }
        )
    y = bottom + 36.0
    lines_title = []
    lines = []
    if max_ties:
        for line in _wrap(labels["lines_title"], chars):
            lines_title.append({"y": svg_number(y), "text": line})
            y += LEGEND_FONT * 1.25
        y += 8.0
        for value in _nice_steps(max_ties):
            lines.append(
                {
                    "y": svg_number(y),
                    "width": svg_number(tie_width(value, max_ties)),
                    "label": format_int(value, lang),
                }
            )
            y += 22.0
    scale_bar = None
    if units_per_km > 0:
        for km in _nice_steps(SCALE_BAR_MAX / units_per_km, 1):
            y += 16.0
            scale_bar = {
                "y": svg_number(y),
                "x_end": svg_number(x + km * units_per_km),
                "text_y": svg_number(y - 6),
                "label": f"{km} km",
            }
    return {
        "scale": scale_bar,
        "x": svg_number(x),
        "x_line_end": svg_number(x + 2 * CIRCLE_MAX),
        "x_text": svg_number(x + 2 * CIRCLE_MAX + 12),
        "circles_title": circle_title,
        "circles": circles,
        "lines_title": lines_title,
        "lines": lines,
    }


# --------------------------------------------------------------------------- small helpers


def _int(value: Any) -> int:
    number = as_float(value)
    return 0 if math.isnan(number) else int(number)
