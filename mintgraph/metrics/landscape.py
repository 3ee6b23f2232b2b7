"""Whole-graph figures of the landscape (the ``summary.json`` numbers).

* ``density`` — ties / :math:`\\binom{n}{2}` over all actors.
* ``components`` — connected components of the cooperation graph (isolated actors count);
  ``largest_component_share`` — share of actors in the largest one.
* ``average_clustering`` — mean local clustering coefficient (Watts & Strogatz 1998),
  isolated actors counting 0.
* ``cross_district_share`` — share of ties whose two actors sit in different districts.
* ``cross_land_share`` — share of ties whose two actors sit in different Länder (the first two
  digits of their districts' codes); None when no tie has two German district codes.

Example
-------
>>> from mintgraph.graph import cooperation_graph
>>> from mintgraph.testing import tiny_dataset
>>> s = landscape_summary(cooperation_graph(tiny_dataset()), tiny_dataset())
>>> s["ties"], s["components"], s["largest_component_share"]
(5, 2, 0.8333333333333334)
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd

from mintgraph import engine
from mintgraph.graph import umbrella_hierarchy
from mintgraph.model import Dataset
from mintgraph.regions import land_of
from mintgraph.summary import LandscapeFigures


def landscape_summary(graph: nx.Graph, dataset: Dataset) -> LandscapeFigures:
    """Counts and whole-graph figures, as a JSON-ready dict (no timestamps: reproducible)."""
    n = graph.number_of_nodes()
    eg = engine.engine_graph(graph)  # the compact copy the actor indicators already built
    components = sorted(np.bincount(eg.component).tolist(), reverse=True) if n else []
    hierarchy = umbrella_hierarchy(dataset)
    # each node's district and Land as integers (-1: none), in the engine copy's node order
    seats = np.array([region for _, region in graph.nodes(data="region")], dtype=object)
    region, districts = pd.factorize(seats)
    land = pd.factorize(np.array([land_of(code) for code in districts], dtype=object))[0]
    land = np.append(land, -1)[region]  # a node without district (-1) has no Land either
    u, v = eg.edges[:, 0], eg.edges[:, 1]
    crossing = int(np.count_nonzero(region[u] != region[v]))
    known = (land[u] >= 0) & (land[v] >= 0)
    cross_land = int(np.count_nonzero(known & (land[u] != land[v])))
    ties = engine.number_of_edges(graph)
    years = dataset.cooperations["since"].dropna()
    return {
        "actors": n,
        "actor_types": {k: int(v) for k, v in dataset.actors["type"].value_counts().sort_index().items()},
        "networks": len(dataset.networks),
        "umbrella_networks": sum(1 for v in hierarchy if hierarchy.out_degree(v)),
        "memberships": len(dataset.memberships),
        "cooperations": len(dataset.cooperations),
        "ties": ties,
        "activities": len(dataset.activities),
        "districts": len(dataset.regions),
        "districts_with_actors": int(dataset.actors["region"].nunique()),
        "first_year": int(years.min()) if len(years) else None,
        "last_year": int(years.max()) if len(years) else None,
        "density": _density(n, ties) if n > 1 else None,
        "components": len(components),
        "largest_component_share": components[0] / n if n else None,
        "isolated_actors": int(np.count_nonzero(eg.degree == 0)),
        "average_clustering": engine.average_clustering(eg) if n else None,
        "cross_district_share": crossing / ties if ties else None,
        "cross_land_share": cross_land / int(known.sum()) if known.any() else None,
    }


def _density(n: int, m: int) -> float:
    """``networkx.density`` of an undirected graph with ``n`` nodes and ``m`` edges, computed as
    networkx computes it (the same float), without counting the edges again.

    >>> _density(4, 3) == nx.density(nx.path_graph(4)), _density(5, 0)
    (True, 0)
    """
    if m == 0 or n <= 1:
        return 0
    return m / (n * (n - 1)) * 2
