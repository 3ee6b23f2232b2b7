"""From a Dataset to networkx graphs.

Two views of the same landscape:

* :func:`landscape_graph` — the whole model in one ``nx.MultiDiGraph``: actors,
  networks, districts and activities as nodes; cooperations, memberships,
  umbrella links (network of networks), documented network links, coverage and
  location as edges. Node ids carry their kind as a prefix (``actor:…``,
  ``network:…``, ``region:…``, ``activity:…``) so ids of different tables can't clash.
* :func:`cooperation_graph` — the undirected actor cooperation graph on which the
  centralities run. All actors are nodes (isolated ones too); parallel
  cooperations between a pair are collapsed into one tie with ``count`` (rows),
  ``types`` (sorted, joined by ``|``), ``weight`` (sum of the rows' weights, 1 where
  empty), ``first_year`` and ``last_year``.

Example
-------
>>> import mintgraph
>>> ds = mintgraph.load("data")                 # doctest: +SKIP
>>> g = cooperation_graph(ds)                   # doctest: +SKIP
>>> g.number_of_nodes() == len(ds.actors)       # doctest: +SKIP
True
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from mintgraph.engine import EngineGraph, prime_engine_graph
from mintgraph.model import Dataset, split_multi
from mintgraph.timeline import active_cooperations

ACTOR_ATTRIBUTES = ("name", "type", "region", "municipality")
"""Actor columns copied onto the nodes (never the personal columns)."""


def cooperation_graph(
    dataset: Dataset, year: int | None = None, *, on_engine: Callable[[EngineGraph], None] | None = None
) -> nx.Graph:
    """Return the undirected actor cooperation graph, parallel cooperations collapsed.

    Parameters
    ----------
    dataset : the landscape.
    year : if given, only cooperations active in that year (``since <= year`` and
        ``until`` empty or ``>= year``) count; all actors stay nodes.
    on_engine : called with the graph's engine copy (:func:`mintgraph.engine.engine_graph`) as
        soon as it is made, before networkx's nodes and edges are added (about 2 s at 500,000
        ties), so that work on the engine can start meanwhile. Not called where a tie's end is
        not an actor.

    Returns
    -------
    ``nx.Graph`` with actor ids as nodes (attributes ``name``, ``type``, ``region``,
    ``municipality``) and one edge per cooperating pair.

    Example
    -------
    >>> from mintgraph.testing import tiny_dataset
    >>> g = cooperation_graph(tiny_dataset())
    >>> g.edges["s1", "u1"]["count"], g.edges["s1", "u1"]["types"]
    (2, 'offer|project')
    """
    graph = nx.Graph()
    actors = dataset.actors
    columns = [actors[column].tolist() for column in ("id", *ACTOR_ATTRIBUTES)]
    node_ids = columns[0]

    def add_nodes() -> None:
        graph.add_nodes_from(
            (i, {"name": name, "type": kind, "region": region, "municipality": municipality})
            for i, name, kind, region, municipality in zip(*columns, strict=True)
        )

    coops = dataset.cooperations if year is None else active_cooperations(dataset.cooperations, year)
    if coops.empty:
        add_nodes()
        return graph
    # each pair as (smaller id, larger id), both as ranks among the sorted ids: grouping and
    # sorting integers gives the order of the ids themselves, much faster than strings
    # (one hashing of all the ends, then the distinct ids sorted: not a lookup per end)
    ends, distinct_ids = pd.factorize(
        np.concatenate([coops["source"].to_numpy(dtype=object), coops["target"].to_numpy(dtype=object)])
    )
    by_id = np.argsort(distinct_ids, kind="stable")
    rank = np.empty(len(by_id), dtype=np.int64)
    rank[by_id] = np.arange(len(by_id))
    ids = pd.Index(distinct_ids[by_id])
    source, target = rank[ends[: len(coops)]], rank[ends[len(coops) :]]
    key = np.minimum(source, target).astype(np.int64) * len(ids) + np.maximum(source, target)
    frame = pd.DataFrame(
        {
            "key": key,
            "type": coops["type"].to_numpy(dtype=object),
            "weight": coops["weight"].fillna(1.0).to_numpy(dtype=float),
            "since": coops["since"].to_numpy(dtype=float, na_value=np.nan),
        }
    )
    grouped = frame.groupby("key", sort=True).agg(
        count=("type", "size"),
        weight=("weight", "sum"),
        first_year=("since", "min"),
        last_year=("since", "max"),
    )
    pair = grouped.index.to_numpy()
    names = ids.to_numpy(dtype=object)
    # the engine copy first, from the actors in table order (the graph's nodes once added, when
    # no id repeats): the engine's work starts before networkx's nodes, types and edges are made
    node_index = pd.Index(actors["id"].to_numpy(dtype=object))
    position = node_index.get_indexer(names) if node_index.is_unique else np.full(len(names), -1)
    every_end_an_actor = bool((position >= 0).all())
    if every_end_an_actor:
        # the numeric edge attributes as the edges get them below (int() truncates)
        numbers = {
            "count": grouped["count"].to_numpy(dtype=float),
            "weight": grouped["weight"].to_numpy(dtype=float),
            "first_year": np.trunc(grouped["first_year"].to_numpy(dtype=float)),
            "last_year": np.trunc(grouped["last_year"].to_numpy(dtype=float)),
        }
        eg = prime_engine_graph(
            graph, position[pair // len(ids)], position[pair % len(ids)], numbers, nodes=node_ids
        )
        if on_engine is not None:
            on_engine(eg)
    add_nodes()
    # types: the pair's distinct types, sorted, joined by "|" (vectorised: most pairs have one)
    distinct = frame[["key", "type"]].drop_duplicates().sort_values(["key", "type"], kind="stable")
    types = distinct.groupby("key", sort=True)["type"].first()
    several = distinct[distinct.duplicated("key", keep=False)]
    if len(several):  # each such pair's rows are consecutive, its types sorted
        keys, labels = several["key"].to_numpy(), several["type"].tolist()
        starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]]).tolist()
        joined = ["|".join(labels[a:b]) for a, b in zip(starts, [*starts[1:], len(labels)], strict=True)]
        types.loc[keys[starts]] = joined
    edges = (
        (a, b, {"count": c, "types": t, "weight": w, "first_year": int(f), "last_year": int(y)})
        for a, b, c, t, w, f, y in zip(
            names[pair // len(ids)].tolist(),
            names[pair % len(ids)].tolist(),
            grouped["count"].tolist(),
            types.reindex(grouped.index).tolist(),
            grouped["weight"].astype(float).tolist(),
            grouped["first_year"].tolist(),
            grouped["last_year"].tolist(),
            strict=True,
        )
    )
    if every_end_an_actor:
        _add_distinct_edges(graph, edges)
    else:
        graph.add_edges_from(edges)
    return graph


def _add_distinct_edges(graph: nx.Graph, edges: Iterable[tuple[Hashable, Hashable, dict[str, Any]]]) -> None:
    """``graph.add_edges_from(edges)`` for edges between nodes the graph has, no pair twice:
    each edge's dict is put into networkx's adjacency directly (both ends share it, as
    ``add_edges_from`` does), without ``add_edges_from``'s checks and dict merging per edge
    (``cooperation_graph`` 2.4–2.7 → 1.9–2.1 s at 366,000 ties, the cycle collector off).

    >>> g = nx.Graph([("a", "b")]); g.add_node("c")
    >>> _add_distinct_edges(g, [("b", "c", {"w": 1}), ("c", "c", {})])
    >>> list(g.edges(data=True)), g.number_of_edges()
    ([('a', 'b', {}), ('b', 'c', {'w': 1}), ('c', 'c', {})], 3)
    """
    adjacency = graph._adj
    for a, b, data in edges:
        adjacency[a][b] = adjacency[b][a] = data
    clear = getattr(nx, "_clear_cache", None)  # networkx's cache of the graph's conversions
    if clear is not None:
        clear(graph)


def induced_subgraph(graph: nx.Graph, nodes: Iterable[Hashable]) -> nx.Graph:
    """The subgraph on ``nodes`` as a new graph, with nodes and edges in ``graph``'s order.

    Unlike ``graph.subgraph(nodes)`` — a view that iterates a small node set in the set's
    own order, which for strings changes from one Python process to the next — the result
    is the same in every run, so sums over it are too.

    >>> g = induced_subgraph(nx.path_graph(["a", "b", "c", "d"]), {"d", "b", "c"})
    >>> list(g.nodes), list(g.edges)
    (['b', 'c', 'd'], [('b', 'c'), ('c', 'd')])
    """
    keep = set(nodes)
    ordered = [v for v in graph if v in keep]
    sub = nx.Graph()
    sub.add_nodes_from((v, graph.nodes[v]) for v in ordered)
    # the order of graph.edges restricted to keep, visiting only the kept nodes' partners
    seen: set[Hashable] = set()
    edges: list[tuple[Hashable, Hashable, dict[str, Any]]] = []
    for u in ordered:
        edges.extend((u, v, d) for v, d in graph._adj[u].items() if v in keep and v not in seen)
        seen.add(u)
    sub.add_edges_from(edges)
    return sub


def network_members(dataset: Dataset, *, include_subnetworks: bool = True) -> dict[str, set[str]]:
    """Map each network id to the ids of its member actors.

    With ``include_subnetworks`` (default) an umbrella network's members are its own
    direct members plus the members of every network below it in the hierarchy.

    Example
    -------
    >>> from mintgraph.testing import tiny_dataset
    >>> sorted(network_members(tiny_dataset())["umbrella"])
    ['c1', 's1', 's2', 'u1']
    """
    direct: dict[str, set[str]] = {nid: set() for nid in dataset.networks["id"]}
    memberships = dataset.memberships
    for network_id, actor_id in zip(
        memberships["network_id"].tolist(), memberships["actor_id"].tolist(), strict=True
    ):
        direct[network_id].add(actor_id)
    if not include_subnetworks:
        return direct
    hierarchy = umbrella_hierarchy(dataset)
    return {
        nid: set().union(direct[nid], *(direct[d] for d in nx.descendants(hierarchy, nid))) for nid in direct
    }


def home_networks(dataset: Dataset) -> dict[str, str | None]:
    """Map each actor id to its home network id, or ``None`` for actors in no network.

    The home network is the network the actor is a direct member of (``memberships.csv``).
    An actor in several networks gets the one with the most direct members (members of
    sub-networks do not count, so a regional network wins over an umbrella it belongs to);
    ties are broken by the smallest network id.

    Parameters
    ----------
    dataset : Dataset
        The landscape.

    Returns
    -------
    dict
        Actor id to network id, ``None`` for actors without membership.

    Example
    -------
    >>> from mintgraph.testing import tiny_dataset
    >>> home_networks(tiny_dataset())
    {'s1': 'net-a', 's2': 'net-a', 'u1': 'net-a', 'c1': 'net-b', 'l1': None, 'm1': None}
    """
    members = network_members(dataset, include_subnetworks=False)
    networks_of: dict[str, list[str]] = {}
    for network_id, actors in members.items():
        for actor in actors:
            networks_of.setdefault(actor, []).append(network_id)
    home: dict[str, str | None] = {}
    for actor in dataset.actors["id"].tolist():
        candidates = networks_of.get(actor)
        home[actor] = min(candidates, key=lambda nid: (-len(members[nid]), nid)) if candidates else None
    return home


def umbrella_hierarchy(dataset: Dataset) -> nx.DiGraph:
    """The network of networks as a tree: an edge ``parent -> child`` per ``networks.parent``.

    Example
    -------
    >>> from mintgraph.testing import tiny_dataset
    >>> list(umbrella_hierarchy(tiny_dataset()).successors("umbrella"))
    ['net-a', 'net-b']
    """
    tree = nx.DiGraph()
    tree.add_nodes_from(dataset.networks["id"])
    for row in dataset.networks.itertuples(index=False):
        if row.parent:
            tree.add_edge(row.parent, row.id)
    return tree


def landscape_graph(dataset: Dataset) -> nx.MultiDiGraph:
    """Return the whole landscape as one directed multigraph.

    Nodes: ``actor:<id>``, ``network:<id>``, ``region:<code>``, ``activity:<id>``, each with
    ``kind`` and its table's attributes (no personal columns). Edges carry ``kind``:
    ``cooperation`` (actor → actor, one per row; read it as undirected), ``membership``
    (actor → network, with ``role`` and ``since``), ``umbrella`` (network → umbrella
    network), ``network_link`` (network → network), ``covers`` (network → region),
    ``located_in`` (actor → region, activity → region) and ``provides`` (actor → activity).

    Example
    -------
    >>> from mintgraph.testing import tiny_dataset
    >>> g = landscape_graph(tiny_dataset())
    >>> g.nodes["network:net-a"]["kind"], g.has_edge("network:net-a", "network:umbrella")
    ('network', True)
    """
    g = nx.MultiDiGraph()
    for row in dataset.regions.itertuples(index=False):
        g.add_node(f"region:{row.code}", kind="region", name=row.name, population=row.population)
    for row in dataset.actors.itertuples(index=False):
        node = f"actor:{row.id}"
        g.add_node(node, kind="actor", **{a: getattr(row, a) for a in ("id", *ACTOR_ATTRIBUTES)})
        g.add_edge(node, f"region:{row.region}", kind="located_in")
    for row in dataset.networks.itertuples(index=False):
        node = f"network:{row.id}"
        g.add_node(node, kind="network", id=row.id, name=row.name, founded=row.founded)
        if row.parent:
            g.add_edge(node, f"network:{row.parent}", kind="umbrella")
        for code in split_multi(row.regions):
            g.add_edge(node, f"region:{code}", kind="covers")
    for row in dataset.memberships.itertuples(index=False):
        g.add_edge(
            f"actor:{row.actor_id}",
            f"network:{row.network_id}",
            kind="membership",
            role=row.role,
            since=row.since,
        )
    for row in dataset.cooperations.itertuples(index=False):
        g.add_edge(
            f"actor:{row.source}",
            f"actor:{row.target}",
            kind="cooperation",
            type=row.type,
            since=row.since,
            until=row.until,
        )
    for row in dataset.network_links.itertuples(index=False):
        g.add_edge(
            f"network:{row.network_a}",
            f"network:{row.network_b}",
            kind="network_link",
            type=row.type,
            year=row.year,
        )
    for row in dataset.activities.itertuples(index=False):
        node = f"activity:{row.id}"
        g.add_node(node, kind="activity", id=row.id, name=row.name, topic=row.topic, year=row.year)
        g.add_edge(f"actor:{row.provider}", node, kind="provides")
        g.add_edge(node, f"region:{row.region}", kind="located_in")
    return g
