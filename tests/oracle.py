"""igraph as an independent oracle for the centralities (test-only dependency)."""

from __future__ import annotations

import math

import igraph as ig
import networkx as nx
import pytest

from mintgraph.metrics.actors import actor_centrality

TOL = 1e-9


def igraph_oracle(graph: nx.Graph) -> dict[str, dict[str, float]]:
    """The same five measures computed by igraph, brought to networkx's normalisation."""
    nodes = list(graph.nodes)
    index = {v: i for i, v in enumerate(nodes)}
    g = ig.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in graph.edges], directed=False)
    n = len(nodes)
    betweenness = [b / ((n - 1) * (n - 2) / 2) for b in g.betweenness(directed=False)]
    sizes = {}
    for comp in g.connected_components():
        for v in comp:
            sizes[v] = len(comp)
    closeness = []
    for v, c in enumerate(g.closeness(normalized=True)):
        r = sizes[v]
        closeness.append(0.0 if r == 1 or math.isnan(c) else c * (r - 1) / (n - 1))
    main = max(g.connected_components(), key=len)  # eigenvector: on the largest component only
    eig = g.induced_subgraph(main).eigenvector_centrality(scale=True) if len(main) > 1 else [0.0]
    norm = math.sqrt(sum(x * x for x in eig)) or 1.0
    eigen = [0.0] * n
    for v, x in zip(main, eig, strict=True):
        eigen[v] = x / norm
    pagerank = g.pagerank(damping=0.85, directed=False)
    degree = [d / (n - 1) for d in g.degree()]
    cols = {
        "degree_centrality": degree,
        "betweenness": betweenness,
        "closeness": closeness,
        "eigenvector": eigen,
        "pagerank": pagerank,
    }
    return {col: dict(zip(nodes, values, strict=True)) for col, values in cols.items()}


def assert_matches_igraph(
    graph: nx.Graph, columns=("degree_centrality", "betweenness", "closeness", "eigenvector", "pagerank")
):
    ours = actor_centrality(graph)
    oracle = igraph_oracle(graph)
    for col in columns:
        for node in graph:
            assert ours.loc[node, col] == pytest.approx(oracle[col][node], abs=TOL), (col, node)
