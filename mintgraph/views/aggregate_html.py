"""The district overview: cooperation between districts as one small, self-contained HTML page.

Above :data:`AGGREGATE_ABOVE` actors a graph of every actor is too heavy to e-mail and to
read, so ``graph.html`` shows the districts instead: one node per district with actors
(its size grows with the number of actors), one edge per pair of districts whose actors
cooperate (its width grows with the number of ties between them). Clicking a district
opens its own actor graph (a relative link, e.g. ``districts/06611.html``). The drawing
holds only districts; the search also finds actors (by name, district and type, word by
word) and links each to its district's page (``…#actor=<id>`` opens the actor there), so
the page carries one short entry per actor (id, name, district, type). Like ``graph.html``
it works offline, is deterministic and escapes every name (data travels as one JSON blob,
tooltips and search results are DOM text).

Example
-------
>>> import networkx as nx, pandas as pd
>>> g = nx.Graph([("a", "b"), ("b", "c")])
>>> actors = pd.DataFrame({"id": ["a", "b", "c"], "region": ["06411", "06411", "06412"]})
>>> regions = pd.DataFrame({"code": ["06411", "06412"], "name": ["Darmstadt", "Frankfurt am Main"]})
>>> html = render_district_overview(g, actors, regions, links={"06411": "districts/06411.html"})
>>> html.startswith("<!DOCTYPE html>") and 'href="districts/06411.html"' in html
True
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
from markupsafe import Markup

from mintgraph.cells import cell_text as _text
from mintgraph.cells import records
from mintgraph.engine import label_pair_counts, tie_end_labels
from mintgraph.i18n import (
    LANGS,
    actor_type_name,
    count_label,
    format_int,
    format_number,
    t,
    thousands_separator,
)
from mintgraph.layout import district_layout, separate_boxes
from mintgraph.regions import land_names, land_of
from mintgraph.schema import ACTOR_TYPES
from mintgraph.views.common import environment, json_for_script, vis_asset, vis_options

__all__ = ["AGGREGATE_ABOVE", "GROUP_COLORS", "render_district_overview"]

AGGREGATE_ABOVE = 2000
"""Above this many actors, ``graph.html`` is the district overview instead of the actor graph."""

GROUP_COLORS: tuple[str, ...] = (
    "#0072B2",  # Okabe–Ito blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#882255",  # Tol wine
)
"""Colours of the groups (Regierungsbezirke), assigned in the order of their names."""
DENSITY_COLORS: tuple[str, ...] = ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494")
"""Sequential classes (ColorBrewer YlGnBu) of actors per 100,000 inhabitants, low to high."""
NO_DATA_COLOR = "#cccccc"
COLOR_BY = ("group", "actors_per_100k")

# Drawing parameters, in vis-network canvas units.
EXTENT = 1000.0  # the longer side of the layout, before districts are moved apart
MAX_STRETCH = 1.6  # a tall layout is widened by at most this factor (approximate geography)
NODE_SIZE_MIN = 14.0
NODE_SIZE_MAX = 56.0
NODE_GAP = 10.0  # free space kept between two districts
FONT_SIZE = 24
LABEL_CHAR = 0.56 * FONT_SIZE  # estimated width of a label character
LABEL_HEIGHT = 2 * 1.25 * FONT_SIZE + 4  # two label lines (name, number of actors) below the circle
EDGE_WIDTH_MIN = 1.0
EDGE_WIDTH_MAX = 14.0
_LINK = re.compile(r"[A-Za-z0-9_.~%-][A-Za-z0-9_.~%/-]*(#[A-Za-z0-9_.~%-]*)?\Z")


@dataclass
class _District:
    code: str
    name: str
    group: str = ""
    population: float | None = None
    actors: int = 0
    inside: int = 0
    across: int = 0
    partners: Counter[str] = field(default_factory=Counter)


def render_district_overview(
    graph: nx.Graph,
    actors: pd.DataFrame,
    regions: pd.DataFrame,
    *,
    lang: str = "de",
    links: dict[str, str] | None = None,
    title: str | None = None,
    color_by: str = "group",
    seed: int = 42,
) -> str:
    """Return a self-contained HTML page of the cooperation between districts.

    Each district with at least one actor is a node whose area grows with its number of
    actors; two districts are joined by an edge whose width grows with the number of
    cooperation ties between their actors (ties inside a district are counted in its
    tooltip). Positions are the districts' centroids when every district is one of the
    shipped Hessen districts (pushed apart where circles would overlap), otherwise a
    seeded spring layout.

    Parameters
    ----------
    graph
        The cooperation graph: nodes are actor ids, one edge per cooperating pair.
    actors
        One row per actor with ``id`` and ``region`` (district code); ``region_name`` names a
        district missing from ``regions``. With a ``name`` column (and optionally ``type``) the
        search finds actors too and links them to their district's page. Other columns are
        ignored.
    regions
        One row per district: ``code``, ``name``, optional ``group`` (Regierungsbezirk) and
        ``population``. Districts without actors are listed in the legend, not drawn.
    lang
        ``"de"`` (default) or ``"en"``.
    links
        District code → relative URL of its detail page (e.g. ``districts/06611.html``),
        opened by a click on the district. Only relative links of ASCII letters, digits and
        ``_.~%-/`` (optionally a ``#fragment``) are accepted: no scheme, no host, no leading
        ``/``. Links of districts without actors are ignored.
    title
        Page title; default: the translated "MINT cooperation between districts".
    color_by
        ``"group"`` (default: one colour per Regierungsbezirk) or ``"actors_per_100k"``
        (five classes of actors per 100,000 inhabitants).
    seed
        Seed of the spring layout (used only without shipped centroids).

    Returns
    -------
    str
        The HTML page. The same input gives a byte-identical page.

    Raises
    ------
    ValueError
        For an unknown ``lang`` or ``color_by``, missing columns, or a link that is not a
        safe relative URL (e.g. ``javascript:…`` or ``https://…``).

    Example
    -------
    >>> import networkx as nx, pandas as pd
    >>> g = nx.Graph([("a", "b")])
    >>> actors = pd.DataFrame({"id": ["a", "b"], "region": ["06411", "06412"]})
    >>> regions = pd.DataFrame({"code": ["06411", "06412"], "name": ["Darmstadt", "Frankfurt am Main"]})
    >>> page = render_district_overview(g, actors, regions, lang="en")
    >>> "2 districts" in page and "1 across districts" in page
    True
    >>> render_district_overview(g, actors, regions, links={"06411": "javascript:alert(1)"})
    Traceback (most recent call last):
    ...
    ValueError: links['06411'] must be a relative URL such as 'districts/06411.html', not 'javascript:alert(1)'
    """
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGS)}")
    if color_by not in COLOR_BY:
        raise ValueError(f"color_by must be one of {', '.join(COLOR_BY)}, not {color_by!r}")
    safe_links = {str(code): _checked_link(str(code), url) for code, url in (links or {}).items()}
    districts, without_actors = _districts(graph, actors, regions)
    codes = sorted(districts)
    positions = _layout(districts, seed)
    colors, color_legend = _colors(districts, color_by, lang)

    largest = max((d.actors for d in districts.values()), default=1)
    nodes = []
    for code in codes:
        d = districts[code]
        x, y = positions[code]
        size = NODE_SIZE_MIN + (NODE_SIZE_MAX - NODE_SIZE_MIN) * math.sqrt(d.actors / largest)
        nodes.append(
            {
                "id": code,
                "x": x,
                "y": y,
                "size": round(size, 1),
                "label": f"{d.name}\n{format_int(d.actors, lang)}",
                "name": d.name,
                "color": colors[code],
                "link": safe_links.get(code),
                "tip": _district_tip(d, lang),
            }
        )
    pairs = sorted({(a, b) for a in codes for b in districts[a].partners if a < b})
    strongest = max((districts[a].partners[b] for a, b in pairs), default=1)
    edges: list[dict[str, Any]] = [
        {
            "id": f"e{i}",
            "from": a,
            "to": b,
            "width": round(
                EDGE_WIDTH_MIN
                + (EDGE_WIDTH_MAX - EDGE_WIDTH_MIN) * math.sqrt(districts[a].partners[b] / strongest),
                1,
            ),
            "count": districts[a].partners[b],
            "tip": [["", count_label("ties", districts[a].partners[b], lang)]],
        }
        for i, (a, b) in enumerate(pairs)
    ]

    total_actors = sum(d.actors for d in districts.values())
    inside = sum(d.inside for d in districts.values())
    across = sum(e["count"] for e in edges)
    counts = [
        count_label("districts", len(codes), lang),
        count_label("actors", total_actors, lang),
        count_label("ties", inside + across, lang),
    ]
    if across:
        counts.append(count_label("cross_ties", across, lang))
    listing = [
        {"name": districts[c].name, "count": format_int(districts[c].actors, lang), "link": safe_links.get(c)}
        for c in sorted(codes, key=lambda c: (districts[c].name.casefold(), c))
    ]
    actor_index = _actor_index(actors, codes)
    data = {
        "nodes": nodes,
        "edges": edges,
        "options": _vis_options(),
        "labels": {
            k: t(k, lang)
            for k in (
                "matches_one",
                "matches_other",
                "districts_one",
                "districts_other",
                "actors_one",
                "actors_other",
                "found_more_one",
                "found_more_other",
                "open_actor",
            )
        },
        "open": t("open_district", lang),
        "lang": lang,
        "thousands": thousands_separator(lang),
        "actors": actor_index,
        "typeNames": [actor_type_name(c, lang) for c in ACTOR_TYPES],
    }
    search_label, search_placeholder = (
        ("search_overview_label", "search_overview_placeholder")
        if actor_index is not None
        else ("search_district_label", "search_district_placeholder")
    )
    template = environment().get_template("aggregate.html.j2")
    return template.render(
        lang=lang,
        title=title if title is not None else t("overview_title", lang),
        counts=" · ".join(counts),
        color_title=t("legend_groups" if color_by == "group" else "legend_density", lang),
        color_legend=color_legend,
        districts=listing,
        without_actors=without_actors,
        labels={
            k: t(k, lang)
            for k in (
                "legend_districts",
                "no_actors",
                "overview_size_hint",
                "overview_usage_hint",
                "reset",
                "found_actors",
            )
        },
        search_label=t(search_label, lang),
        search_placeholder=t(search_placeholder, lang),
        graph_data=Markup(json_for_script(data)),
        vis_js=Markup(vis_asset("vis-network.min.js", "</script")),
        vis_css=Markup(vis_asset("vis-network.css", "</style")),
    )


# --------------------------------------------------------------------------- data


SEARCH_INDEX_ACTORS = 40_000
"""Up to this many actors the overview's search finds actors; above it, districts only (each
district page searches its own actors), so that ``graph.html`` stays under 5 MB at 100,000 actors."""


def _actor_index(actors: pd.DataFrame, codes: list[str]) -> dict[str, list[Any]] | None:
    """The actors the search finds, as columns: ``id``, ``name``, ``district`` (index into
    ``codes``), ``type`` (index into :data:`~mintgraph.schema.ACTOR_TYPES`, ``-1`` if unknown);
    sorted by name. ``None`` without a ``name`` column or above :data:`SEARCH_INDEX_ACTORS`
    actors. Actors without a drawn district are left out (there is no page to link them to)."""
    if "name" not in actors.columns or len(actors) > SEARCH_INDEX_ACTORS:
        return None
    position = {code: i for i, code in enumerate(codes)}
    type_index = {c: i for i, c in enumerate(ACTOR_TYPES)}
    types = actors["type"] if "type" in actors.columns else pd.Series([""] * len(actors), index=actors.index)
    rows = []
    seen: set[str] = set()
    for actor, name, code, typ in zip(actors["id"], actors["name"], actors["region"], types, strict=True):
        actor, code = _text(actor), _text(code)
        if actor and code in position and actor not in seen:
            seen.add(actor)
            label = _text(name) or actor
            rows.append((label.casefold(), actor, label, position[code], type_index.get(_text(typ), -1)))
    rows.sort()
    return {
        "id": [r[1] for r in rows],
        "name": [r[2] for r in rows],
        "district": [r[3] for r in rows],
        "type": [r[4] for r in rows],
    }


def _checked_link(code: str, url: Any) -> str:
    """``url`` if it is a safe relative link, else :class:`ValueError`."""
    if not isinstance(url, str) or not _LINK.match(url):
        raise ValueError(
            f"links[{code!r}] must be a relative URL such as 'districts/{code}.html', not {url!r}"
        )
    return url


def _number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _districts(
    graph: nx.Graph, actors: pd.DataFrame, regions: pd.DataFrame
) -> tuple[dict[str, _District], list[str]]:
    """The districts with actors (counts of actors and ties) and the names of those without."""
    for table, name, columns in (
        (actors, "actors", ("id", "region")),
        (regions, "regions", ("code", "name")),
    ):
        missing = [c for c in columns if c not in table.columns]
        if missing:
            raise ValueError(f"{name} needs the column(s) {', '.join(missing)}")
    info: dict[str, dict[str, Any]] = {}
    for rec in records(regions):
        code = _text(rec.get("code"))
        if code:
            info[code] = rec
    region_of: dict[str, str] = {}
    fallback_names: dict[str, str] = {}
    used = [c for c in ("id", "region", "region_name") if c in actors.columns]
    for rec in records(actors[used]):
        actor, code = _text(rec.get("id")), _text(rec.get("region"))
        if actor and code:
            region_of[actor] = code
            name = _text(rec.get("region_name"))
            if name and (code not in fallback_names or name < fallback_names[code]):
                fallback_names[code] = name
    districts: dict[str, _District] = {}
    for code, n in Counter(region_of.values()).items():
        rec = info.get(code, {})
        districts[code] = _District(
            code=code,
            name=_text(rec.get("name")) or fallback_names.get(code, code),
            group=_text(rec.get("group")),
            population=_number(rec.get("population")),
            actors=n,
        )
    first, second = tie_end_labels(graph, region_of)  # "" for an actor without a district
    known = (first != "") & (second != "")
    inside = first[known & (first == second)]
    for code, n in Counter(inside.tolist()).items():
        districts[code].inside = n
    for (a, b), n in label_pair_counts(first, second).items():
        districts[a].across += n
        districts[b].across += n
        districts[a].partners[b] = n
        districts[b].partners[a] = n
    repeated = {n for n, k in Counter(d.name for d in districts.values()).items() if k > 1}
    for d in districts.values():
        if d.name in repeated:
            d.name = f"{d.name} ({d.code})"
    without = sorted(
        (_text(rec.get("name")) or code for code, rec in info.items() if code not in districts),
        key=lambda name: (name.casefold(), name),
    )
    return districts, without


def _per_100k(d: _District) -> float | None:
    return d.actors * 100_000 / d.population if d.population else None


def _district_tip(d: _District, lang: str) -> list[list[str]]:
    rows = []
    if d.group:
        rows.append([t("field_group", lang), d.group])
    rows += [
        [t("field_actors", lang), format_int(d.actors, lang)],
        [t("field_ties_inside", lang), format_int(d.inside, lang)],
        [t("field_ties_across", lang), format_int(d.across, lang)],
    ]
    if d.population:
        rows.append([t("field_population", lang), format_int(round(d.population), lang)])
        rows.append([t("field_actors_per_100k", lang), format_number(_per_100k(d) or 0.0, lang)])
    return rows


def _colour_groups(districts: dict[str, _District]) -> dict[str, str]:
    """The group each district is coloured by: its ``group`` (Hessen's Regierungsbezirk), or its
    Land when the districts lie in more than one Land — one legend never mixes the two levels.

    >>> d = {"06611": _District("06611", "Kassel", group="Kassel"), "16063": _District("16063", "Wartburgkreis", group="Thüringen")}
    >>> _colour_groups(d)
    {'06611': 'Hessen', '16063': 'Thüringen'}
    """
    laender = {code: land_of(code) for code in districts}
    if len({land for land in laender.values() if land}) <= 1:
        return {code: d.group for code, d in districts.items()}
    names = land_names()
    return {code: names.get(laender[code] or "", d.group) for code, d in districts.items()}


def _colors(
    districts: dict[str, _District], color_by: str, lang: str
) -> tuple[dict[str, str], list[dict[str, str]]]:
    """Fill colour of each district and the legend rows (colour, label, count of districts)."""
    if color_by == "group":
        group_of = _colour_groups(districts)
        groups = sorted({g for g in group_of.values() if g}, key=lambda g: (g.casefold(), g))
        palette = {g: GROUP_COLORS[i % len(GROUP_COLORS)] for i, g in enumerate(groups)}
        colors = {c: palette.get(group_of[c], NO_DATA_COLOR) for c in districts}
        legend = [
            {
                "color": palette[g],
                "label": g,
                "count": count_label("districts", sum(v == g for v in group_of.values()), lang),
            }
            for g in groups
        ]
        if any(not g for g in group_of.values()):
            none = sum(not g for g in group_of.values())
            legend.append(
                {"color": NO_DATA_COLOR, "label": "–", "count": count_label("districts", none, lang)}
            )
        return colors, legend
    values = {c: _per_100k(d) for c, d in districts.items()}
    known = sorted(v for v in values.values() if v is not None)
    # Up to five distinct values: one class each; more: quantile classes (equal bounds merge).
    distinct = sorted(set(known))
    if len(distinct) <= len(DENSITY_COLORS):
        bounds = distinct
    else:
        classes = len(DENSITY_COLORS)
        bounds = sorted({known[math.ceil((k + 1) * len(known) / classes) - 1] for k in range(classes)})
    steps = len(DENSITY_COLORS) - 1
    shades = [
        DENSITY_COLORS[round(i * steps / (len(bounds) - 1)) if len(bounds) > 1 else steps // 2]
        for i in range(len(bounds))
    ]
    colors = {}
    members: dict[int, list[float]] = {k: [] for k in range(len(bounds))}
    for code in sorted(values):
        value = values[code]
        if value is None:
            colors[code] = NO_DATA_COLOR
            continue
        k = next(i for i, bound in enumerate(bounds) if value <= bound)
        colors[code] = shades[k]
        members[k].append(value)
    legend = []
    for k, high in enumerate(bounds):
        low = min(members[k])
        text = (
            format_number(low, lang)
            if low == high
            else f"{format_number(low, lang)}–{format_number(high, lang)}"
        )
        legend.append(
            {"color": shades[k], "label": text, "count": count_label("districts", len(members[k]), lang)}
        )
    unknown = sum(v is None for v in values.values())
    if unknown:
        legend.append(
            {"color": NO_DATA_COLOR, "label": "–", "count": count_label("districts", unknown, lang)}
        )
    return colors, legend


# --------------------------------------------------------------------------- layout


def _layout(districts: dict[str, _District], seed: int) -> dict[str, tuple[int, int]]:
    """Integer positions: the districts where they lie (or a seeded spring layout), moved apart
    until no circle or label overlaps another (:func:`mintgraph.layout.district_layout`)."""
    codes = sorted(districts)
    if not codes:
        return {}
    ties = [
        (a, b, float(districts[a].partners[b])) for a in codes for b in sorted(districts[a].partners) if a < b
    ]
    pos = district_layout(codes, ties, seed=seed, extent=EXTENT, max_stretch=MAX_STRETCH)
    largest = max(d.actors for d in districts.values())
    r = np.array(
        [
            NODE_SIZE_MIN + (NODE_SIZE_MAX - NODE_SIZE_MIN) * math.sqrt(districts[c].actors / largest)
            for c in codes
        ]
    )
    width = np.maximum(2 * r, np.array([LABEL_CHAR * len(districts[c].name) + 8 for c in codes])) + NODE_GAP
    top = r + NODE_GAP / 2  # box above the centre: the circle
    bottom = r + LABEL_HEIGHT + NODE_GAP / 2  # box below the centre: the circle and the label
    pos = separate_boxes(codes, pos, width, top, bottom)
    return {c: (round(x), round(y)) for c, (x, y) in pos.items()}


def _vis_options() -> dict[str, Any]:
    return vis_options(
        tooltip_delay=120,
        border_width=1.5,
        font_size=FONT_SIZE,
        edge_color={"color": "#7a7a7a", "highlight": "#222222", "hover": "#333333", "opacity": 0.45},
        selection_width=2,
        hover_width=1,
    )
