"""Centrality of actors in the cooperation graph.

All measures run on the undirected, collapsed cooperation graph
(:func:`mintgraph.graph.cooperation_graph`), unweighted, with networkx's
normalised definitions:

* ``degree`` — number of distinct partners :math:`k_v`.
* ``weighted_degree`` — number of cooperation rows of the actor (ties counted with
  their ``count``).
* ``degree_centrality`` — :math:`k_v / (n - 1)`.
* ``betweenness`` — :math:`\\sum_{\\{s, t\\}} \\sigma_{st}(v) / \\sigma_{st}` over the
  **unordered** pairs of actors :math:`s \\ne t`, both different from :math:`v`, divided by their
  number :math:`(n-1)(n-2)/2` — networkx's ``betweenness_centrality(normalized=True)`` for an
  undirected graph (equivalently: the sum over ordered pairs divided by :math:`(n-1)(n-2)`)
  (Freeman 1977; Brandes 2001).
* ``closeness`` — Wasserman–Faust closeness for disconnected graphs:
  :math:`\\frac{r-1}{n-1} \\cdot \\frac{r-1}{\\sum_u d(v,u)}` over the :math:`r`
  actors reachable from :math:`v` (including itself); 0 for isolated actors.
* ``eigenvector`` — the principal eigenvector of the adjacency matrix of the largest
  connected component, Euclidean norm 1 (Bonacich 1972); 0 for actors outside it.
  Eigenvector centrality is not defined consistently across components (networkx
  gh-6888), so it only ranks actors within the main component.
* ``pagerank`` — PageRank with damping 0.85 on the symmetric graph; isolated actors
  spread their rank uniformly (Brin & Page 1998).

The heavy measures run on :mod:`mintgraph.engine` (igraph, networkit, numpy) with exactly
these definitions; with a :class:`mintgraph.engine.Sampling` (above 5,000 actors in
:func:`mintgraph.analyze`), betweenness and closeness are estimated within its error bounds.

References
----------
Freeman, L. C. (1977). A set of measures of centrality based on betweenness. Sociometry 40(1), 35–41.
Brandes, U. (2001). A faster algorithm for betweenness centrality. J. Math. Sociol. 25(2), 163–177.
Wasserman, S., Faust, K. (1994). Social Network Analysis. Cambridge University Press.
Bonacich, P. (1972). Factoring and weighting approaches to status scores. J. Math. Sociol. 2(1), 113–120.
Brin, S., Page, L. (1998). The anatomy of a large-scale hypertextual web search engine.

Example
-------
>>> import networkx as nx
>>> table = actor_centrality(nx.path_graph(["a", "b", "c"]))
>>> table.loc["b", ["degree", "betweenness"]].tolist()
[2.0, 1.0]
"""

from __future__ import annotations

from collections.abc import Hashable
from concurrent.futures import Future

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse.linalg

from mintgraph import engine

DENSE_LIMIT = 200
"""Up to this many actors the eigenvector is computed with a dense solver, above with ARPACK.

ARPACK (sparse, O(m) per iteration, fixed start vector: repeatable) also avoids multi-threaded
dense LAPACK, which on a busy machine with two cores was measured 40x slower than one thread.
"""

CENTRALITY_COLUMNS = (
    "degree",
    "weighted_degree",
    "degree_centrality",
    "betweenness",
    "closeness",
    "eigenvector",
    "pagerank",
)


def largest_component(graph: nx.Graph) -> set:
    """Nodes of the largest connected component (ties broken by the smallest node label).

    >>> sorted(largest_component(nx.Graph([(1, 2), (3, 4), (4, 5)])))
    [3, 4, 5]
    """
    if graph.number_of_nodes() == 0:
        return set()
    if graph.is_directed() or graph.is_multigraph():
        return min(nx.connected_components(graph), key=lambda c: (-len(c), min(str(v) for v in c)))
    eg = engine.engine_graph(graph)
    sizes = np.bincount(eg.component)
    largest = np.flatnonzero(sizes == sizes.max())
    members: dict[int, list[Hashable]] = {label: [] for label in largest.tolist()}
    for node, label in zip(eg.nodes, eg.component.tolist(), strict=True):
        if label in members:
            members[label].append(node)
    return set(min(members.values(), key=lambda c: min(str(v) for v in c)))


def eigenvector(graph: nx.Graph) -> dict[str, float]:
    """Eigenvector centrality on the largest component (norm 1); 0 elsewhere and without edges.

    >>> round(eigenvector(nx.complete_graph(4))[0], 6)
    0.5
    >>> eigenvector(nx.Graph([(1, 2), (3, 4), (4, 5)]))[1]
    0.0
    """
    values = dict.fromkeys(graph, 0.0)
    main = largest_component(graph)
    if len(main) < 2:
        return values
    eg = engine.engine_graph(graph)
    positions = np.array([i for i, v in enumerate(eg.nodes) if v in main])
    nodes = [eg.nodes[i] for i in positions]
    adjacency = eg.adjacency()[positions][:, positions].astype(float)
    if len(nodes) <= DENSE_LIMIT:
        _, vectors = np.linalg.eigh(adjacency.toarray())
        vector = vectors[:, -1]
    else:  # a fixed start vector keeps ARPACK deterministic
        _, vectors = scipy.sparse.linalg.eigsh(adjacency, k=1, which="LA", v0=np.ones(len(nodes)), tol=1e-12)
        vector = vectors[:, 0]
    vector = np.abs(vector) / np.linalg.norm(vector)  # Perron vector: one sign, norm 1
    for node, v in zip(nodes, vector, strict=True):
        values[node] = float(v) if v > 1e-15 else 0.0
    return values


def actor_centrality(
    graph: nx.Graph,
    *,
    sampling: engine.Sampling | None = None,
    info: dict | None = None,
    betweenness: Future[dict] | None = None,
) -> pd.DataFrame:
    """Return a table indexed by actor id with the columns of :data:`CENTRALITY_COLUMNS`.

    The heavy measures run on the fast engine (:mod:`mintgraph.engine`) with networkx's
    definitions.

    Parameters
    ----------
    graph : the cooperation graph (edge attribute ``count`` is used for ``weighted_degree``,
        1 where absent).
    sampling : :class:`mintgraph.engine.Sampling`, optional
        If given, betweenness and closeness are estimated within its error bounds
        (see :func:`mintgraph.engine.sampling_for`); exact by default.
    info : dict, optional
        Receives ``betweenness`` and ``closeness``: how each was computed.
    betweenness : Future, optional
        The betweenness, already being computed elsewhere (:func:`mintgraph.engine.betweenness`
        with the same ``sampling``; its ``info`` is the caller's to keep): its result is used.
        :func:`mintgraph.analysis.actor_table` starts it before the brokerage measures, so that
        they too are computed while it runs.

    Example
    -------
    >>> from mintgraph.graph import cooperation_graph
    >>> from mintgraph.testing import tiny_dataset
    >>> t = actor_centrality(cooperation_graph(tiny_dataset()))
    >>> float(t.loc["u1", "degree"]), float(t.loc["u1", "weighted_degree"]), round(float(t.loc["u1", "betweenness"]), 3)
    (3.0, 4.0, 0.4)
    """
    nodes = list(graph.nodes)
    table = pd.DataFrame(index=pd.Index(nodes, name="id"))
    if nx.number_of_selfloops(graph) == 0:  # the engine's arrays (they leave self-loops out)
        eg = engine.engine_graph(graph)
        count = np.repeat(engine.edge_attribute(graph, "count", default=1.0), 2)
        table["degree"] = eg.degree.astype(float)
        table["weighted_degree"] = np.bincount(eg.edges.ravel(), weights=count, minlength=eg.n)
    else:
        degree = dict(graph.degree())
        table["degree"] = [float(degree[v]) for v in nodes]
        weighted = dict(graph.degree(weight="count"))
        table["weighted_degree"] = [float(weighted[v]) for v in nodes]
    table["degree_centrality"] = table["degree"] / (len(nodes) - 1) if len(nodes) > 1 else 0.0
    details: dict[str, dict] = {"betweenness": {}, "closeness": {}}
    # Sampled betweenness (KADABRA) runs outside the interpreter lock: on a second thread it is
    # drawn while closeness, eigenvector and PageRank are computed here (the same values).
    with engine.thread_pool(1) as pool:
        between = betweenness
        if between is None and sampling is not None and engine.THREADS > 1:
            between = pool.submit(engine.betweenness, graph, sampling, info=details["betweenness"])
        table["closeness"] = pd.Series(engine.closeness(graph, sampling, info=details["closeness"]))
        table["eigenvector"] = pd.Series(eigenvector(graph))
        table["pagerank"] = pd.Series(engine.pagerank(graph, alpha=0.85))
        table["betweenness"] = pd.Series(
            between.result()
            if between is not None
            else engine.betweenness(graph, sampling, info=details["betweenness"])
        )
    if info is not None:
        info.update(details if betweenness is None else {"closeness": details["closeness"]})
    return table[list(CENTRALITY_COLUMNS)]
