"""``networks.html``: the network of networks as one self-contained HTML page.

Each MINT network is a node, sized by its members (area grows with the number of members)
and coloured by its level (umbrella or network). Dashed arrows lead from a network to its
umbrella; the other lines join networks that work together: their width grows with
``weight`` = cross-network cooperation ties + shared members, and a dotted line marks a
pair tied only by a documented link (see ``docs/indicators/network-of-networks.md``).
Clicking a network opens a panel with its key figures and its members (an umbrella lists
its own members and those of its sub-networks, each marked by the network it belongs to).

Like ``graph.html`` the page works offline (vis-network inlined), is deterministic (fixed
integer positions, physics off, sorted data) and safe to share: only the actor columns
``id, name, type, region_name`` reach the page, all data travels as one escaped JSON
blob, and every name is shown as DOM text, never as HTML.

Example
-------
>>> import mintgraph
>>> from mintgraph.metrics.nexus import network_of_networks
>>> from mintgraph.testing import tiny_dataset
>>> ds = tiny_dataset()
>>> result = mintgraph.analyze(ds, permutations=0)
>>> nexus = network_of_networks(result.graph, ds)
>>> html = render_network_of_networks(nexus, result.networks, result.actors, ds.memberships, lang="en")
>>> html.startswith("<!DOCTYPE html>") and "MINT networks and their links" in html
True
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Any

import networkx as nx
import pandas as pd
from markupsafe import Markup

from mintgraph.cells import cell_int as _int
from mintgraph.cells import cell_text as _text
from mintgraph.cells import is_missing as _is_missing
from mintgraph.cells import records
from mintgraph.i18n import LANGS, actor_type_name, format_int, format_number, plural, thousands_separator
from mintgraph.i18n import NETWORKS_LABELS as LABELS
from mintgraph.layout import hierarchy_parents, tree_layout
from mintgraph.metrics.networks import SMALL_NETWORK_MEMBERS
from mintgraph.schema import ACTOR_TYPES, MEMBERSHIP_ROLES, PERSONAL_COLUMNS
from mintgraph.style import TYPE_COLORS
from mintgraph.views.common import environment, group_colors, json_for_script, vis_asset, vis_options

__all__ = ["ACTOR_COLUMNS", "LABELS", "LEVEL_COLORS", "render_network_of_networks"]

LEVEL_COLORS: dict[str, str] = {
    "umbrella": "#332288",  # Tol indigo: the few umbrellas on top
    "network": "#44AA99",  # Tol teal: the regional networks
}
"""Fill colour of each network level (colour-blind safe, from Paul Tol's muted scheme)."""

LINK_COLORS: dict[str, str] = {
    "umbrella": "#6b6b6b",  # grey dashed arrows: the formal hierarchy
    "work": "#AA4499",  # Tol purple: working links (cooperation ties, shared members)
    "documented": "#555555",  # dark grey dotted: a documented link only
}
"""Colour of each kind of link between networks."""

ACTOR_COLUMNS: tuple[str, ...] = ("id", "name", "type", "region_name")
"""The only actor columns that may reach the page (a whitelist: personal data never does)."""


PAGE_LABELS: tuple[str, ...] = (
    "matches_one",
    "matches_other",
    "panel_overview",
    "panel_hint",
    "panel_back",
    "panel_members",
    "panel_links",
    "panel_found",
    "panel_none",
    "panel_no_members",
    "col_network",
    "col_members",
    "col_actor",
    "col_role",
    "col_network_role",
    "direct",
)
"""Labels the page's script needs (the rest are rendered by the template)."""

KEY_FIGURES: tuple[str, ...] = (
    "founded",
    "members",
    "direct_members",
    "density",
    "ei_index",
    "ei_index_excess",
    "robustness_3",
)
"""Columns of the networks table shown as key figures in the panel (when present)."""

# Drawing parameters, in vis-network canvas units.
SLOT = 185.0  # horizontal distance between neighbouring networks of the bottom row
GROUP_GAP = 70.0  # extra space between the sub-networks of different umbrellas
ROW = 260.0  # vertical distance between the levels of the hierarchy
NODE_SIZE_MIN = 10.0
NODE_SIZE_MAX = 38.0
FONT_SIZE = 21
LABEL_GAP = 6  # between a node and its label above it
LABEL_LINE_CHARS = 14
LABEL_MAX_LINES = 3
ARC_ROUNDNESS = 0.45  # vis-network "curvedCCW" roundness of links between networks of one row
WIDTH_MIN = 1.5
WIDTH_MAX = 11.0
WIDTH_SCALE_WEIGHT = 16  # weights are scaled to the largest one, but at least to this: 1 stays thin
UMBRELLA_WIDTH_MAX = 4.0  # an umbrella arrow with shared members stays slim (its label gives the number)


def render_network_of_networks(
    nexus: nx.Graph,
    networks: pd.DataFrame,
    actors: pd.DataFrame,
    memberships: pd.DataFrame,
    *,
    lang: str = "de",
    title: str | None = None,
) -> str:
    """Return a self-contained HTML page of the network of networks.

    Parameters
    ----------
    nexus
        :func:`mintgraph.metrics.nexus.network_of_networks`: nodes are network ids with
        ``name, level, parent, direct_members, members``; edges carry ``cross_ties,
        shared_members, documented_links, umbrella, weight``.
    networks
        The ``networks.csv`` output table (``mintgraph.analyze(...).networks``); its key
        figures ``founded, members, direct_members, density, ei_index, robustness_3`` are
        shown in the panel when present.
    actors
        One row per actor; only ``id, name, type, region_name`` are used, personal columns
        never reach the page.
    memberships
        ``dataset.memberships`` (``actor_id, network_id, role``): who is a direct member of
        which network. An umbrella's member list adds the members of its sub-networks.
    lang
        ``"de"`` (default) or ``"en"``: language of every label.
    title
        Page title; default: the translated "MINT networks and their links".

    Returns
    -------
    str
        The HTML page. The same input gives a byte-identical page.

    Raises
    ------
    ValueError
        For an unknown ``lang`` or tables without their id columns.

    Example
    -------
    >>> import networkx as nx, pandas as pd
    >>> nexus = nx.Graph()
    >>> nexus.add_node("dach", name="Dach", level="umbrella", parent="", direct_members=0, members=2)
    >>> nexus.add_node("netz", name="Netz Nord", level="network", parent="dach", direct_members=2, members=2)
    >>> nexus.add_edge("dach", "netz", cross_ties=0, shared_members=0, documented_links=0,
    ...                umbrella=True, weight=0)
    >>> networks = pd.DataFrame({"id": ["dach", "netz"], "founded": [None, 2015], "members": [2, 2]})
    >>> actors = pd.DataFrame({"id": ["a", "b"], "name": ["Schule A", "Uni B"],
    ...     "type": ["school", "university"], "region_name": ["Kassel", "Fulda"],
    ...     "email": ["x@example.org"] * 2})
    >>> memberships = pd.DataFrame({"actor_id": ["a", "b"], "network_id": ["netz"] * 2,
    ...     "role": ["member", "coordinator"]})
    >>> page = render_network_of_networks(nexus, networks, actors, memberships)
    >>> "Netz Nord" in page and "Koordination" in page and "x@example.org" not in page
    True
    """
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGS)}")
    labels = LABELS[lang]
    tree = _Hierarchy.of(nexus)
    positions = tree_layout(tree.ids, tree.parents, tree.children, slot=SLOT, group_gap=GROUP_GAP, row=ROW)
    edges = _edge_list(nexus)
    direct = _direct_memberships(memberships, set(tree.ids))
    actor_records = _public_actors(actors)
    members = {n: _member_rows(n, tree, direct, actor_records) for n in tree.ids}
    member_counts = {n: _int(tree.attrs[n].get("members"), len(members[n])) for n in tree.ids}

    nodes = _node_items(tree, positions, member_counts, labels, lang)
    max_weight = max((_int(a.get("weight"), 0) for _, _, a in edges), default=0)
    edge_items = [
        _edge_item(i, a, b, attrs, positions, tree, max_weight, labels, lang)
        for i, (a, b, attrs) in enumerate(edges)
    ]
    figures = _figure_rows(networks, tree, labels, lang)
    network_data = {
        n: {
            "name": tree.names[n],
            "level": tree.levels[n],
            "members": members[n],
            "size": format_int(len(members[n]), lang),
            "figures": figures[n],
            "links": _link_rows(n, edges, tree.names, labels, lang),
            "direct": sorted(direct.get(n, {})),
        }
        for n in tree.ids
    }
    member_ids = sorted({actor for rows in members.values() for actor, _ in rows})
    records = [_actor_entry(a, actor_records, lang) for a in member_ids]
    districts = sorted({r["district"] for r in records})
    district_index = {d: i for i, d in enumerate(districts)}
    entries = [[r["name"], r["type"], district_index[r["district"]]] for r in records]
    data = {
        "nodes": nodes,
        "edges": edge_items,
        "networks": network_data,
        # members as [name, type, index into "districts"]: compact at 100,000 actors
        "actors": {a: entry for a, entry in zip(member_ids, entries, strict=True)},
        "districts": districts,
        # the type's display name once per type, not once per actor (keeps the page small at 100k)
        "typeNames": {code: actor_type_name(code, lang) for code in ACTOR_TYPES},
        "overview": sorted(tree.ids, key=lambda n: (-member_counts[n], _sort_key(tree.names[n]), n)),
        "bounds": _bounds(nodes, edge_items, positions),
        "options": _vis_options(),
        "typeColors": TYPE_COLORS,
        "labels": {k: labels[k] for k in PAGE_LABELS},
        "roles": {code: labels[f"role_{code}"] for code in MEMBERSHIP_ROLES},
        "arcRoundness": ARC_ROUNDNESS,
        "lang": lang,
        "thousands": thousands_separator(lang),
    }
    present = Counter(tree.levels.values())
    legend = [
        {
            "level": level,
            "name": labels[f"level_{level}"],
            "color": LEVEL_COLORS[level],
            "count": format_int(present[level], lang),
        }
        for level in LEVEL_COLORS
        if present[level]
    ]
    links = sum(1 for item in edge_items if item["kind"] != "umbrella")
    in_networks = len({actor for rows in direct.values() for actor in rows})
    return (
        environment()
        .get_template("networks.html.j2")
        .render(
            lang=lang,
            title=title if title is not None else labels["title"],
            counts=_header_counts(len(tree.ids), present["umbrella"], links, in_networks, labels, lang),
            legend=legend,
            labels=labels,
            link_colors=LINK_COLORS,
            graph_data=Markup(json_for_script(data)),
            vis_js=Markup(vis_asset("vis-network.min.js", "</script")),
            vis_css=Markup(vis_asset("vis-network.css", "</style")),
        )
    )


@dataclass(frozen=True)
class _Hierarchy:
    """The networks in input order with their names, umbrellas, sub-networks and levels."""

    ids: list[str]
    attrs: dict[str, dict[str, Any]]
    names: dict[str, str]
    parents: dict[str, str]
    children: dict[str, list[str]]
    levels: dict[str, str]

    @classmethod
    def of(cls, nexus: nx.Graph) -> _Hierarchy:
        ids = [str(n) for n in nexus.nodes]
        attrs = {str(n): dict(a) for n, a in nexus.nodes(data=True)}
        parents = hierarchy_parents(ids, {n: _text(attrs[n].get("parent")) for n in ids})
        children = {n: [c for c in ids if parents.get(c) == n] for n in ids}
        levels = {
            n: "umbrella" if children[n] or attrs[n].get("level") == "umbrella" else "network" for n in ids
        }
        return cls(ids, attrs, {n: _text(attrs[n].get("name")) or n for n in ids}, parents, children, levels)


def _node_items(
    tree: _Hierarchy,
    positions: dict[str, tuple[int, int]],
    member_counts: dict[str, int],
    labels: dict[str, str],
    lang: str,
) -> list[dict[str, Any]]:
    """The vis nodes: size grows with the square root of the members (area ~ members)."""
    largest = max(member_counts.values(), default=0)
    nodes = []
    for n in tree.ids:
        rel = math.sqrt(member_counts[n] / largest) if largest > 0 else 0.0
        size = round(NODE_SIZE_MIN + (NODE_SIZE_MAX - NODE_SIZE_MIN) * rel, 1)
        label = _wrap(tree.names[n])
        tip = [
            [labels["field_level"], labels[f"level_{tree.levels[n]}"]],
            [labels["field_members"], format_int(member_counts[n], lang)],
        ]
        if tree.levels[n] == "umbrella":
            direct = _int(tree.attrs[n].get("direct_members"), 0)
            tip.append([labels["field_direct_members"], format_int(direct, lang)])
        if n in tree.parents:
            tip.append([labels["field_parent"], tree.names[tree.parents[n]]])
        nodes.append(
            {
                "id": n,
                "x": positions[n][0],
                "y": positions[n][1],
                "label": label,
                "name": tree.names[n],
                "group": tree.levels[n],
                "size": size,
                # vis draws a dot's label below it; shift it above, where no link passes
                "vadjust": -round(2 * size + 2 * LABEL_GAP + FONT_SIZE * (label.count("\n") + 1)),
                "tip": tip,
            }
        )
    return nodes


def _header_counts(
    networks: int, umbrellas: int, links: int, members: int, labels: dict[str, str], lang: str
) -> str:
    """E.g. ``8 Netzwerke (davon 2 Dachnetzwerke) · 8 Verbindungen · 110 Mitglieder``."""
    first = _count(labels, "networks", networks, lang)
    if umbrellas:
        first += f" ({_count(labels, 'umbrellas', umbrellas, lang)})"
    return " · ".join([first, _count(labels, "links", links, lang), _count(labels, "members", members, lang)])


# --------------------------------------------------------------------------- layout


def _arc(a: tuple[int, int], b: tuple[int, int]) -> tuple[float, float]:
    """The control point vis-network uses for a ``curvedCCW`` edge from ``a`` to ``b``."""
    dx, dy = b[0] - a[0], a[1] - b[1]
    length = math.hypot(dx, dy)
    angle = (math.atan2(dy, dx) + (0.5 * -ARC_ROUNDNESS + 0.5) * math.pi) % (2 * math.pi)
    factor = 0.5 * ARC_ROUNDNESS + 0.5
    return a[0] + factor * length * math.sin(angle), a[1] + factor * length * math.cos(angle)


def _bounds(
    nodes: list[dict[str, Any]], edges: list[dict[str, Any]], positions: dict[str, tuple[int, int]]
) -> dict[str, int]:
    """Bounding box of what vis does not know when fitting: the curved links (sampled Béziers)."""
    xs = [float(n["x"]) for n in nodes] or [0.0]
    ys = [float(n["y"]) for n in nodes] or [0.0]
    for e in edges:
        if not e["curved"]:
            continue
        (x0, y0), (x2, y2) = positions[e["from"]], positions[e["to"]]
        x1, y1 = _arc((x0, y0), (x2, y2))
        for k in range(21):
            s = k / 20
            xs.append((1 - s) ** 2 * x0 + 2 * (1 - s) * s * x1 + s * s * x2)
            ys.append((1 - s) ** 2 * y0 + 2 * (1 - s) * s * y1 + s * s * y2)
    return {
        "x0": math.floor(min(xs)),
        "y0": math.floor(min(ys)),
        "x1": math.ceil(max(xs)),
        "y1": math.ceil(max(ys)),
    }


# --------------------------------------------------------------------------- edges


def _edge_list(nexus: nx.Graph) -> list[tuple[str, str, dict[str, Any]]]:
    """Edges with string ends, each pair once (smaller id first), sorted; self-loops dropped."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for u, v, data in nexus.edges(data=True):
        a, b = sorted((str(u), str(v)))
        if a != b:
            out[(a, b)] = data
    return [(a, b, out[(a, b)]) for a, b in sorted(out)]


def _edge_item(
    index: int,
    a: str,
    b: str,
    data: dict[str, Any],
    positions: dict[str, tuple[int, int]],
    tree: _Hierarchy,
    max_weight: int,
    labels: dict[str, str],
    lang: str,
) -> dict[str, Any]:
    """One vis edge: an umbrella arrow (child → umbrella), a working link or a documented-only link."""
    parents, names = tree.parents, tree.names
    weight = _int(data.get("weight"), 0)
    cross = _int(data.get("cross_ties"), 0)
    shared = _int(data.get("shared_members"), 0)
    documented = _int(data.get("documented_links"), 0)
    umbrella = bool(data.get("umbrella")) or parents.get(a) == b or parents.get(b) == a
    rel = math.sqrt(weight / max(max_weight, WIDTH_SCALE_WEIGHT)) if weight > 0 else 0.0
    width = WIDTH_MIN + (WIDTH_MAX - WIDTH_MIN) * rel if weight > 0 else 1.2
    if umbrella:
        child, parent = (a, b) if parents.get(a) == b else (b, a)
        kind, start, end = "umbrella", child, parent
        head = f"{names[child]} → {names[parent]}"
    else:
        start, end = sorted((a, b), key=lambda n: (positions[n][0], positions[n][1], n))
        kind = "work" if weight > 0 else "documented"
        head = f"{names[start]} – {names[end]}"
    curved = not umbrella and positions[start][1] == positions[end][1]
    tip = [
        [labels["cross_ties"], format_int(cross, lang)],
        [labels["shared_members"], format_int(shared, lang)],
        [labels["documented_links"], format_int(documented, lang)],
    ]
    if umbrella:
        tip.insert(
            0, ["", labels["umbrella_of"].replace("{child}", names[start]).replace("{parent}", names[end])]
        )
    return {
        "id": f"e{index}",
        "from": start,
        "to": end,
        "kind": kind,
        "curved": curved,
        "width": round(min(width, UMBRELLA_WIDTH_MAX) if umbrella else width, 1),
        "label": format_int(weight, lang) if weight > 0 else "",
        "color": LINK_COLORS[kind],
        "head": head,
        "tip": tip,
    }


def _link_rows(
    node: str,
    edges: list[tuple[str, str, dict[str, Any]]],
    names: dict[str, str],
    labels: dict[str, str],
    lang: str,
) -> list[list[str]]:
    """``[other id, text]`` per working or documented link of ``node``, strongest first."""
    rows = []
    for a, b, data in edges:
        if node not in (a, b):
            continue
        weight, documented = _int(data.get("weight"), 0), _int(data.get("documented_links"), 0)
        if weight == 0 and documented == 0:
            continue
        other = b if a == node else a
        counts = {"cross": _int(data.get("cross_ties"), 0), "shared": _int(data.get("shared_members"), 0)}
        counts["documented"] = documented
        parts = [_count(labels, key, n, lang) for key, n in counts.items() if n]
        rows.append((-weight, -documented, _sort_key(names[other]), other, " · ".join(parts)))
    return [[other, text] for *_, other, text in sorted(rows)]


# --------------------------------------------------------------------------- members and figures


def _direct_memberships(memberships: pd.DataFrame, networks: set[str]) -> dict[str, dict[str, str]]:
    """``{network id: {actor id: role}}`` of the direct memberships (empty role → ``member``)."""
    missing = {"actor_id", "network_id"} - set(memberships.columns)
    if missing:
        raise ValueError(f"memberships needs the columns {sorted(missing)}")
    roles = memberships["role"] if "role" in memberships.columns else pd.Series("", index=memberships.index)
    direct: dict[str, dict[str, str]] = {}
    for actor, network, role in zip(memberships["actor_id"], memberships["network_id"], roles, strict=True):
        if _is_missing(actor) or _text(network) not in networks:
            continue
        direct.setdefault(_text(network), {})[_text(actor)] = _text(role) or "member"
    return direct


def _public_actors(actors: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """Whitelisted actor columns by actor id."""
    if "id" not in actors.columns:
        raise ValueError("actors needs an 'id' column")
    cols = [c for c in ACTOR_COLUMNS if c in actors.columns and c not in PERSONAL_COLUMNS]
    return {_text(r["id"]): r for r in records(actors.loc[:, cols]) if not _is_missing(r["id"])}


def _actor_entry(actor_id: str, records: dict[str, dict[str, Any]], lang: str) -> dict[str, str]:
    rec = records.get(actor_id, {})
    code = _text(rec.get("type"))
    return {
        "name": _text(rec.get("name")) or actor_id,
        "type": code if code in ACTOR_TYPES else "other",
        "district": _text(rec.get("region_name")) or "–",
    }


def _member_rows(
    node: str,
    tree: _Hierarchy,
    direct: dict[str, dict[str, str]],
    records: dict[str, dict[str, Any]],
) -> list[list[Any]]:
    """``[actor id, [[network id, role], ...]]`` per member of ``node`` and its sub-networks, by name."""
    networks, stack = [], [node]
    while stack:  # the network itself first, then its sub-networks depth-first in input order
        current = stack.pop()
        networks.append(current)
        stack.extend(reversed(tree.children[current]))
    roles: dict[str, list[list[str]]] = {}
    for network in networks:
        for actor, role in sorted(direct.get(network, {}).items()):
            roles.setdefault(actor, []).append([network, role])

    def key(actor: str) -> tuple[str, str]:
        return _sort_key(_text(records.get(actor, {}).get("name")) or actor), actor

    return [[actor, roles[actor]] for actor in sorted(roles, key=key)]


def _figure_rows(
    networks: pd.DataFrame, tree: _Hierarchy, labels: dict[str, str], lang: str
) -> dict[str, list[list[str]]]:
    """Key figures ``[label, value]`` per network, from the networks table (missing → ``–``)."""
    if "id" not in networks.columns:
        raise ValueError("networks needs an 'id' column")
    table = {_text(r["id"]): r for r in networks.to_dict("records")}
    out: dict[str, list[list[str]]] = {}
    for n in tree.ids:
        rec = table.get(n, {})
        rows = [[labels["field_level"], labels[f"level_{tree.levels[n]}"]]]
        if n in tree.parents:
            rows.append([labels["field_parent"], tree.names[tree.parents[n]]])
        for col in KEY_FIGURES:
            if col not in networks.columns or (col == "direct_members" and tree.levels[n] != "umbrella"):
                continue
            value = rec.get(col)
            if _is_missing(value):
                text = "–"
            elif col == "founded":
                text = str(_int(value, 0))
            elif col in ("members", "direct_members"):
                text = format_int(_int(value, 0), lang)
                if col == "members" and bool(rec.get("small_network", False)):
                    text += " · " + labels["small_network"].format(n=SMALL_NETWORK_MEMBERS)
            else:
                text = format_number(float(value), lang)
            rows.append([labels[f"field_{col}"], text])
        out[n] = rows
    return out


# --------------------------------------------------------------------------- small helpers


def _vis_options() -> dict[str, Any]:
    return vis_options(
        groups=group_colors(LEVEL_COLORS, "#1a1a1a"),
        multiselect=False,
        border_selected=4,
        font_size=FONT_SIZE,
        edge_font_size=17,
    )


def _count(labels: dict[str, str], key: str, n: int, lang: str) -> str:
    return plural(labels, key, n, lang)


@functools.lru_cache(maxsize=1 << 17)  # a name sorts many times: once per network it is a member of
def _sort_key(name: str) -> str:
    """Sort names alphabetically as a reader expects: case and accents ignored, ß as ss."""
    folded = unicodedata.normalize("NFD", name.casefold().replace("ß", "ss"))
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


def _wrap(name: str, width: int = LABEL_LINE_CHARS, max_lines: int = LABEL_MAX_LINES) -> str:
    """Break a name into lines of about ``width`` characters at spaces (and after the hyphens
    of words longer than ``width + 4``). More than ``max_lines`` lines end in an ellipsis.

    >>> print(_wrap("MINT im Werra-Meißner-Kreis"))
    MINT im Werra-
    Meißner-Kreis
    """
    lines: list[str] = []
    for word in name.split():
        parts = [word] if len(word) <= width + 4 else re.findall(r"[^-]*-+|[^-]+$", word) or [word]
        for i, part in enumerate(parts):
            glue = "" if i else " "
            if lines and len(lines[-1]) + len(glue) + len(part) <= width:
                lines[-1] += glue + part
            else:
                lines.append(part)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1].rstrip(" ,;-–(") + "…"
    return "\n".join(line if len(line) <= width + 6 else line[: width + 5] + "…" for line in lines)
