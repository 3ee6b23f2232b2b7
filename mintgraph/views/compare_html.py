"""``compare.html``: the change between two states of the landscape as one self-contained page.

Two pictures of the actor graph — before and after — drawn as inline SVG in the **same
layout**: the positions come from :func:`mintgraph.layout.actor_positions` on the
union graph (every actor and tie of both states), so an actor sits on the same spot in both
pictures and the eye sees what changed. The "before" picture draws the lost ties (red,
dashed) and marks the leavers; the "after" picture draws the new ties (green) and the
strengthened (blue) and weakened (orange) ones, and marks the newcomers. A toggle shows
both side by side, or one of them large.

Below: the headline numbers, the indicator changes per network (largest relative change
first), the landscape figures, the districts, the newcomers and the changed ties.

The tables speak in labels, not column names: every indicator is shown by its German or
English label (:func:`indicator_label`; the ``compare.csv`` column stays in the row's
``data-indicator`` attribute and the label's tooltip), every network by its name (the id in
``data-id`` and the heading's tooltip). Each difference is coloured by the direction that is
**better** for the indicator (:func:`indicator_direction`): green where it moved the good way,
red where it moved the bad way, grey for indicators without a good direction ("neither", e.g.
an E-I index or the agreement of communities with networks). So "components 41 → 17" is green:
fewer disconnected parts is better. The cell carries ``data-verdict`` (``better``, ``worse``,
``neutral``, or empty without a difference) and ``data-direction``.

Above :data:`~mintgraph.views.aggregate_html.AGGREGATE_ABOVE` actors the pictures are left
out (a page with every actor twice would be too heavy to e-mail); the tables stay.

Inline SVG needs no script library, prints, and is byte-identical for the same input.
Every name is written by Jinja2 with autoescaping (as text, never as markup).

Example
-------
>>> from mintgraph.compare import compare_years
>>> from mintgraph.testing import tiny_dataset
>>> page = render_comparison(compare_years(tiny_dataset(), 2014, 2019), lang="en")
>>> page.startswith("<!DOCTYPE html>") and page.count('<circle class="node') == 4 + 6
True
"""

from __future__ import annotations

import math
from typing import Any

import networkx as nx
import pandas as pd

from mintgraph.compare import Comparison
from mintgraph.i18n import LABELS, LANGS, actor_type_name, format_int, format_number, t
from mintgraph.layout import actor_positions
from mintgraph.metrics.scorecard import INDICATORS
from mintgraph.style import TYPE_COLORS
from mintgraph.views.aggregate_html import AGGREGATE_ABOVE
from mintgraph.views.common import environment

__all__ = [
    "COMPARE_DIRECTIONS",
    "LABEL_ALL_BELOW",
    "STATUS_COLORS",
    "indicator_direction",
    "indicator_label",
    "render_comparison",
]

STATUS_COLORS: dict[str, str] = {
    "new": "#1E8E3E",  # green: a tie that came
    "lost": "#D62728",  # red: a tie that went (dashed, in the "before" picture)
    "strengthened": "#1F5FA8",  # blue
    "weakened": "#E69F00",  # orange
    "unchanged": "#9A9A9A",  # grey
}
"""Line colour of a tie by its status."""
NEWCOMER_COLOR = "#1E8E3E"
"""Ring of a newcomer (after)."""
LEAVER_COLOR = "#D62728"
"""Ring of a leaver (before)."""
NODE_RADIUS = 11.0
"""Node radius in layout units (neighbouring nodes are about 52 units apart)."""
LABEL_ALL_BELOW = 60
"""With fewer actors than this, every node is labelled; otherwise names are in the tooltips."""
MARGIN = 40.0
ROWS_MAX = 200
"""At most this many rows in the newcomer and tie tables; the CSV files hold all."""

COMPARE_DIRECTIONS: dict[str, str] = {
    # landscape (summary.json): counts of what the landscape holds -- more is better
    "actors": "higher",
    "activities": "higher",
    "cooperations": "higher",
    "memberships": "higher",
    "networks": "higher",  # landscape: networks; district: networks covering it
    "umbrella_networks": "higher",
    "ties": "higher",
    "districts_with_actors": "higher",
    "density": "higher",
    "largest_component_share": "higher",
    "components": "lower",  # fewer disconnected parts: more actors can reach each other
    "isolated_actors": "lower",
    "ended_ties": "lower",
    # ties across a state border, as across district borders: more is better
    "cross_land_share": "higher",
    "ties_to_other_laender": "higher",
    # descriptions, not achievements: neither way is better
    "districts": "neither",  # the district table (landscape) or the declared area (network)
    "first_year": "neither",
    "last_year": "neither",
    "reference_year": "neither",
    "runs": "neither",
    # communities against declared networks: how well networks match the cooperation groups,
    # a description of the structure, not a goal
    "communities": "neither",
    "stability": "neither",
    **dict.fromkeys(("ari", "ari_all", "ari_min", "ari_median", "ari_max"), "neither"),
    **dict.fromkeys(("nmi", "nmi_all", "nmi_min", "nmi_median", "nmi_max"), "neither"),
    **dict.fromkeys(
        ("modularity", "modularity_declared", "modularity_min", "modularity_median", "modularity_max"),
        "neither",
    ),
    # networks.csv columns that are not on the scorecard
    "members": "higher",
    "direct_members": "higher",
    "small_network": "lower",  # 1 -> 0: the network grew to five members or more
    "betweenness_centralization": "neither",  # like degree_centralization (scorecard)
    "robustness_1": "higher",  # like robustness_3 (scorecard)
    "robustness_5": "higher",
    "ei_index_null_sets": "neither",  # a property of the null model
    # the permutation tests: test statistics, not goals
    "ei_index_p": "neither",
    "ei_index_q": "neither",
    "ei_index_p_statewide": "neither",
    "ei_index_expected": "neither",
    "ei_index_excess": "neither",
    "ei_index_z": "neither",
    "ei_regions_p": "neither",
    "ei_regions_q": "neither",
    # regions.csv
    "actors_per_100k": "higher",
    "activities_per_100k": "higher",
    "ties_inside": "higher",
    "ties_to_other_districts": "higher",
    "ties_to_neighbours": "higher",
    "ties_to_distant": "higher",
    "ties_per_100k": "higher",
    "white_spot": "lower",  # 1 -> 0: a network now covers the district
    "activities_without_network": "neither",  # falls with coverage, rises with new offers
    "mint_above_average": "neither",  # a fixed fact about the district
}
"""The better direction of the indicators that are not on the scorecard.

``"higher"``: a rise is better; ``"lower"``: a fall is better; ``"neither"``: no direction
is better, the change is shown without a judgement. The scorecard's indicators take their
direction from :data:`mintgraph.metrics.scorecard.INDICATORS` (:func:`indicator_direction`).
"""
BOOLEAN_INDICATORS = frozenset({"small_network", "white_spot", "mint_above_average"})
"""Indicators that are true/false (0/1 in ``compare.csv``): shown as yes/no."""
YEAR_INDICATORS = frozenset({"first_year", "last_year", "reference_year"})
"""Indicators that are years: written without a thousands separator."""
LANDSCAPE_ORDER: tuple[str, ...] = (
    *("actors", "networks", "umbrella_networks", "memberships", "activities", "cooperations", "ties"),
    *("ended_ties", "districts", "districts_with_actors"),
    *("density", "components", "largest_component_share", "isolated_actors", "average_clustering"),
    "cross_district_share",
    "cross_land_share",
    *("communities", "modularity", "modularity_min", "modularity_median", "modularity_max"),
    *("modularity_declared", "ari", "ari_min", "ari_median", "ari_max", "ari_all"),
    *("nmi", "nmi_min", "nmi_median", "nmi_max", "nmi_all", "stability", "runs"),
    *("first_year", "last_year", "reference_year"),
)
"""Order of the landscape table (the keys of ``summary.json`` are sorted by name in ``compare.csv``):
size, cohesion, communities, years; a key not listed here comes last."""


def indicator_direction(indicator: str) -> str:
    """The better direction of an indicator: ``"higher"``, ``"lower"`` or ``"neither"``.

    The scorecard's direction (:data:`mintgraph.metrics.scorecard.INDICATORS`) where the
    indicator is on the scorecard, else :data:`COMPARE_DIRECTIONS`; an unknown indicator
    has no direction (``"neither"``).

    >>> indicator_direction("density"), indicator_direction("components"), indicator_direction("ari_all")
    ('higher', 'lower', 'neither')
    """
    if indicator in INDICATORS:
        return INDICATORS[indicator].direction
    return COMPARE_DIRECTIONS.get(indicator, "neither")


def indicator_label(indicator: str, lang: str, scope: str = "network") -> str:
    """The label of an indicator of ``compare.csv`` in ``lang``.

    Looked up as ``compare_ind_<scope>_<indicator>`` (a label that depends on the scope, e.g.
    the networks covering a district), ``compare_ind_<indicator>``, then the report's
    ``report_ind_<indicator>``. An indicator without any label (a new column) is shown as it is.

    >>> indicator_label("components", "de"), indicator_label("ei_regions", "en")
    ('zusammenhängende Teile (Komponenten)', 'E-I index of districts')
    >>> indicator_label("networks", "en", "region")
    'Covering networks'
    """
    for key in (f"compare_ind_{scope}_{indicator}", f"compare_ind_{indicator}", f"report_ind_{indicator}"):
        if key in LABELS[lang]:
            return t(key, lang)
    return indicator


def _verdict(difference: Any, direction: str) -> str:
    """``better``, ``worse`` or ``neutral`` (no better direction); empty without a difference."""
    if difference is None or difference == 0 or (isinstance(difference, float) and math.isnan(difference)):
        return ""
    if direction == "neither":
        return "neutral"
    return "better" if (difference > 0) == (direction == "higher") else "worse"


def render_comparison(comparison: Comparison, *, lang: str = "de", title: str | None = None) -> str:
    """Return ``compare.html`` for a :class:`~mintgraph.compare.Comparison`.

    Parameters
    ----------
    comparison : from :func:`mintgraph.compare.compare_years` or :func:`~mintgraph.compare.compare_datasets`.
    lang : ``"de"`` (default) or ``"en"``.
    title : page title; default "Veränderung <before> → <after>" (translated).

    Returns
    -------
    The page as a string: offline, escaped, byte-identical for the same input.

    Example
    -------
    >>> from mintgraph.compare import compare_years
    >>> from mintgraph.testing import tiny_dataset
    >>> page = render_comparison(compare_years(tiny_dataset(), 2014, 2019))
    >>> 'data-status="new"' in page and "Veränderung 2014 → 2019" in page
    True
    """
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGS)}")
    c = comparison
    labels = {"before": c.label_before, "after": c.label_after}
    title = title or _label("compare_title", lang, labels)
    draw = len(c.actors) <= AGGREGATE_ABOVE
    pictures = _pictures(c, lang) if draw else None
    template = environment().get_template("compare.html.j2")
    return template.render(
        lang=lang,
        title=title,
        label=lambda key: _label(key, lang, labels),
        labels=labels,
        pictures=pictures,
        too_many=format_int(AGGREGATE_ABOVE, lang),
        headline=_headline(c, lang),
        networks=_network_sections(c.indicators, lang),
        direction_legend=[
            {"verdict": v, "label": t(f"compare_verdict_{v}", lang)} for v in ("better", "worse", "neutral")
        ],
        landscape=_landscape_rows(c.indicators, lang),
        regions=_region_rows(c.indicators, lang),
        region_columns=[
            {"column": col, "label": indicator_label(col, lang, "region")} for col in REGION_COLUMNS
        ],
        newcomers=_newcomer_rows(c.actors, _network_names(c), lang),
        newcomers_total=int((c.actors["status"] == "newcomer").sum()),
        ties=_tie_rows(c.ties, lang),
        ties_total=int((c.ties["status"] != "unchanged").sum()),
        rows_max=ROWS_MAX,
        status_colors=STATUS_COLORS,
        newcomer_color=NEWCOMER_COLOR,
        leaver_color=LEAVER_COLOR,
    )


def _label(key: str, lang: str, labels: dict[str, str]) -> str:
    """A label with ``{before}`` and ``{after}`` replaced by the names of the two states."""
    return t(key, lang).replace("{before}", labels["before"]).replace("{after}", labels["after"])


# --------------------------------------------------------------------------- pictures


def _pictures(c: Comparison, lang: str) -> dict[str, Any]:
    """Both SVG pictures on one layout of the union graph."""
    union = nx.Graph()
    union.add_nodes_from(c.actors["id"])
    union.add_edges_from(zip(c.ties["source"], c.ties["target"], strict=True))
    pos = actor_positions(union, c.actors[["id", "name", "type"]])
    xs = [p[0] for p in pos.values()] or [0]
    ys = [p[1] for p in pos.values()] or [0]
    box = (min(xs) - MARGIN, min(ys) - MARGIN, max(xs) - min(xs) + 2 * MARGIN, max(ys) - min(ys) + 2 * MARGIN)
    show_labels = len(c.actors) < LABEL_ALL_BELOW
    actors = c.actors.to_dict("records")
    ties = c.ties.to_dict("records")
    result: dict[str, Any] = {"viewbox": " ".join(f"{v:g}" for v in box), "radius": NODE_RADIUS}
    for side, absent, count in (("before", "newcomer", "count_before"), ("after", "leaver", "count_after")):
        mark = "leaver" if side == "before" else "newcomer"
        nodes = [
            {
                "id": a["id"],
                "x": pos[a["id"]][0],
                "y": pos[a["id"]][1],
                "fill": TYPE_COLORS.get(a["type"], TYPE_COLORS["other"]),
                "mark": a["status"] == mark,
                "label": a["name"] if show_labels else "",
                "tip": f"{a['name']} ({actor_type_name(a['type'], lang)})",
            }
            for a in actors
            if a["status"] != absent
        ]
        edges = [
            {
                "a": e["source"],
                "b": e["target"],
                "x1": pos[e["source"]][0],
                "y1": pos[e["source"]][1],
                "x2": pos[e["target"]][0],
                "y2": pos[e["target"]][1],
                "status": e["status"],
                "color": STATUS_COLORS[
                    e["status"] if side == "after" or e["status"] == "lost" else "unchanged"
                ],
                "width": 1.0 + min(int(e[count]), 4) * 0.6,
                "tip": f"{e['source_name']} – {e['target_name']}: {t('compare_status_' + e['status'], lang)}",
            }
            for e in ties
            if not pd.isna(e[count])
        ]
        result[side] = {"nodes": nodes, "edges": _drawing_order(edges)}
    return result


def _drawing_order(edges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Grey ties first, so the changes are drawn on top."""
    return sorted(edges, key=lambda e: e["color"] != STATUS_COLORS["unchanged"])


# --------------------------------------------------------------------------- tables


def _fmt(value: Any, lang: str, *, signed: bool = False, boolean: bool = False, year: bool = False) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if boolean:  # 0/1 in compare.csv: yes/no, and a difference is "changed"
        return t("compare_changed" if signed else ("yes" if value else "no"), lang)
    if year and not signed:
        return str(int(value))
    text = format_int(value, lang) if isinstance(value, int) else format_number(float(value), lang)
    if signed and value > 0:
        return "+" + text
    return text


def _relative(before: Any, after: Any) -> float:
    """Size of a change for ordering: |after − before| / max(|before|, |after|); a new value counts 1."""
    if before is None or after is None:
        return 1.0 if before is not None or after is not None else 0.0
    scale = max(abs(before), abs(after))
    return abs(after - before) / scale if scale else 0.0


def _indicator_rows(table: pd.DataFrame, lang: str, *, changed_only: bool) -> list[dict[str, Any]]:
    rows = []
    for r in table.to_dict("records"):
        if changed_only and not (r["difference"] or (r["before"] is None) != (r["after"] is None)):
            continue
        rows.append(
            {
                "indicator": r["indicator"],
                "label": indicator_label(r["indicator"], lang, r["scope"]),
                **_cell(r["indicator"], r["before"], r["after"], r["difference"], lang),
                "size": _relative(r["before"], r["after"]),
            }
        )
    if changed_only:
        rows.sort(key=lambda row: -row["size"])  # stable: the column order among equals
    return rows


def _cell(indicator: str, before: Any, after: Any, difference: Any, lang: str) -> dict[str, str]:
    """Before, after and difference formatted, with the verdict on the difference and its tooltip."""
    direction = indicator_direction(indicator)
    boolean, year = indicator in BOOLEAN_INDICATORS, indicator in YEAR_INDICATORS
    verdict = _verdict(difference, direction)
    tip = t(f"compare_direction_{direction}", lang)
    return {
        "before": _fmt(before, lang, boolean=boolean, year=year),
        "after": _fmt(after, lang, boolean=boolean, year=year),
        "difference": _fmt(difference, lang, signed=True, boolean=boolean),
        "direction": direction,
        "verdict": verdict,
        "tip": f"{t('compare_verdict_' + verdict, lang)} – {tip}" if verdict else tip,
    }


def _landscape_rows(indicators: pd.DataFrame, lang: str) -> list[dict[str, Any]]:
    """Every landscape figure, in :data:`LANDSCAPE_ORDER`."""
    rows = _indicator_rows(indicators[indicators["scope"] == "landscape"], lang, changed_only=False)
    rank = {name: i for i, name in enumerate(LANDSCAPE_ORDER)}
    return sorted(rows, key=lambda row: rank.get(row["indicator"], len(rank)))  # stable for the rest


def _network_sections(indicators: pd.DataFrame, lang: str) -> list[dict[str, Any]]:
    networks = indicators[indicators["scope"] == "network"]
    sections = []
    for network_id in dict.fromkeys(networks["id"]):
        rows = networks[networks["id"] == network_id]
        state = "same"
        if rows["before"].isna().all():
            state = "new"
        elif rows["after"].isna().all():
            state = "gone"
        sections.append(
            {
                "id": network_id,
                "name": rows["name"].iloc[0],
                "state": state,
                "rows": _indicator_rows(rows, lang, changed_only=True),
            }
        )
    return sections


REGION_COLUMNS = ("actors", "activities", "ties_inside", "ties_to_other_districts", "networks")
"""The ``regions.csv`` columns in the district table of the page."""


def _region_rows(indicators: pd.DataFrame, lang: str) -> list[dict[str, Any]]:
    regions = indicators[(indicators["scope"] == "region") & indicators["indicator"].isin(REGION_COLUMNS)]
    rows = []
    for code in dict.fromkeys(regions["id"]):
        cells = regions[regions["id"] == code].set_index("indicator")
        rows.append(
            {
                "code": code,
                "name": cells["name"].iloc[0],
                "cells": [
                    {
                        "indicator": col,
                        **_cell(
                            col,
                            cells.at[col, "before"],
                            cells.at[col, "after"],
                            cells.at[col, "difference"],
                            lang,
                        ),
                    }
                    for col in REGION_COLUMNS
                    if col in cells.index
                ],
            }
        )
    return rows


def _network_names(c: Comparison) -> dict[str, str]:
    """Network names by id; the later state's name wins, an id without a name is shown as itself."""
    names: dict[str, str] = {}
    for result in (c.before, c.after):
        names.update(zip(result.networks["id"], result.networks["name"], strict=True))
    return names


def _newcomer_rows(actors: pd.DataFrame, network_names: dict[str, str], lang: str) -> list[dict[str, Any]]:
    newcomers = actors[actors["status"] == "newcomer"].head(ROWS_MAX)
    rows = []
    for a in newcomers.to_dict("records"):
        ids = [i for i in a["networks_joined"].split("|") if i]
        rows.append(
            {
                "name": a["name"],
                "type": actor_type_name(a["type"], lang),
                "degree": _fmt(int(a["degree_after"]), lang),
                "established": t("yes" if a["connected_to_established"] else "no", lang),
                "connected": bool(a["connected"]),
                "networks": ", ".join(network_names.get(i, i) for i in ids),
                "network_ids": " ".join(ids),
            }
        )
    return rows


def _tie_rows(ties: pd.DataFrame, lang: str) -> list[dict[str, Any]]:
    changed = ties[ties["status"] != "unchanged"].head(ROWS_MAX)
    return [
        {
            "source": e["source_name"],
            "target": e["target_name"],
            "status": e["status"],
            "status_label": t(f"compare_status_{e['status']}", lang),
            "before": _fmt(None if pd.isna(e["count_before"]) else int(e["count_before"]), lang),
            "after": _fmt(None if pd.isna(e["count_after"]) else int(e["count_after"]), lang),
        }
        for e in changed.to_dict("records")
    ]


def _headline(c: Comparison, lang: str) -> list[dict[str, str]]:
    h = c.headline
    share = h["newcomers_connected_share"]
    items = [
        ("compare_head_actors", f"{_fmt(h['actors_before'], lang)} → {_fmt(h['actors_after'], lang)}"),
        ("compare_head_ties", f"{_fmt(h['ties_before'], lang)} → {_fmt(h['ties_after'], lang)}"),
        ("compare_head_new_ties", _fmt(h["new_ties"], lang)),
        ("compare_head_lost_ties", _fmt(h["lost_ties"], lang)),
        ("compare_head_strengthened_ties", _fmt(h["strengthened_ties"], lang)),
        ("compare_head_weakened_ties", _fmt(h["weakened_ties"], lang)),
        ("compare_head_newcomers", _fmt(h["newcomers"], lang)),
        (
            "compare_head_newcomers_connected",
            "–"
            if share is None
            else f"{_fmt(h['newcomers_connected'], lang)} ({format_number(100 * share, lang)} %)",
        ),
        ("compare_head_newcomers_established", _fmt(h["newcomers_connected_to_established"], lang)),
        ("compare_head_leavers", _fmt(h["leavers"], lang)),
        ("compare_head_networks", f"{_fmt(h['networks_before'], lang)} → {_fmt(h['networks_after'], lang)}"),
    ]
    return [{"key": key, "label": t(key, lang), "value": value} for key, value in items]
