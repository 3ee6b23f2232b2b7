"""The fast engine: networkx's definitions, computed by igraph, networkit and numpy.

networkx stays the model and the API: metrics receive an ``nx.Graph`` and return values keyed
by its nodes. The heavy algorithms run here instead, on a compact copy of the graph
(:func:`engine_graph`: an ``igraph.Graph``, a CSR adjacency and the components, built once per
graph object and node order), with results identical to networkx's definitions and
normalisations (``tests/test_engine.py`` compares them to 1e-9):

* :func:`betweenness` — networkx ``betweenness_centrality(normalized=True)``; exact by igraph's
  Brandes implementation, or sampled by KADABRA (networkit) with an additive error bound.
* :func:`closeness` — networkx ``closeness_centrality(wf_improved=True)`` (Wasserman–Faust) and
  :func:`harmonic_closeness` — networkx ``harmonic_centrality`` / (n − 1); both from one
  bit-parallel breadth-first search (64 sources per machine word, numpy), exact from every
  source or sampled from k sources per component (Eppstein & Wang 2004).
* :func:`pagerank` (networkx's power iteration on a CSR matrix, damping 0.85),
  :func:`clustering`, :func:`average_clustering`, :func:`triangles`, :func:`core_number`,
  :func:`articulation_points`, :func:`constraint`, :func:`effective_size` (Burt; NaN for
  isolated nodes as networkx).
* :func:`component_sizes`, :func:`number_of_components` and
  :func:`largest_component_without` (the robustness curve of a network).

The network-level indicators (:mod:`mintgraph.metrics.cohesion`, :mod:`mintgraph.metrics.landscape`)
use the same functions on a network's member subgraph, cut from the engine copy by a boolean
mask (:meth:`EngineGraph.subgraph`), with the same exact-or-sampled rule.

Why these engines (measured on 2 cores, see ``docs/engine.md``): igraph's exact betweenness is
~100x faster than networkx's and 3x faster than networkit's; the bit-parallel BFS is ~10x faster
than igraph's closeness; networkit's KADABRA estimates betweenness on 100,000 actors within
0.01 in about a second, where pivot sampling with a Hoeffding bound needs minutes for 0.05.

Sampling is used above :data:`SAMPLING_THRESHOLD` nodes of the graph the measure runs on (the
cooperation graph, or a network's member subgraph; see :func:`sampling_for`); ``exact=True``
computes every betweenness and closeness exactly. Everything is seeded and runs
single-threaded in a fixed order, so the same graph gives byte-identical results.

Example
-------
>>> import networkx as nx
>>> g = nx.path_graph(["a", "b", "c"])
>>> betweenness(g)
{'a': 0.0, 'b': 1.0, 'c': 0.0}
>>> closeness(g)["b"], harmonic_closeness(g)["a"]
(1.0, 0.75)

References
----------
Brandes, U. (2001). A faster algorithm for betweenness centrality. J. Math. Sociol. 25(2), 163–177.
Borassi, M., Natale, E. (2019). KADABRA is an ADaptive Algorithm for Betweenness via Random
Approximation. ACM J. Exp. Algorithmics 24, 1.2 (ESA 2016).
Eppstein, D., Wang, J. (2004). Fast approximation of centrality. J. Graph Algorithms Appl. 8(1), 39–45.
Hoeffding, W. (1963). Probability inequalities for sums of bounded random variables. JASA 58, 13–30.
Then, M. et al. (2014). The more the merrier: efficient multi-source graph traversal. PVLDB 8(4).
"""

from __future__ import annotations

import contextlib
import math
import os
import threading
import weakref
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

import igraph as ig
import networkx as nx
import numpy as np
import scipy.sparse
import scipy.sparse.csgraph

from mintgraph import interrupts
from mintgraph.defaults import SAMPLING_THRESHOLD  # re-exported: mintgraph.engine.SAMPLING_THRESHOLD
from mintgraph.jit import compiled  # re-exported: mintgraph.engine.compiled

_Item = TypeVar("_Item")
_Result = TypeVar("_Result")

THREADS = min(2, os.cpu_count() or 1)
"""Threads for work that is independent per item and runs mostly outside the interpreter lock
(the networks' rows: numpy's permutation draws, networkit); every result is the same with one."""


def map_threads(function: Callable[[_Item], _Result], items: Iterable[_Item]) -> list[_Result]:
    """``[function(item) for item in items]``, computed on :data:`THREADS` threads (one for a
    single item). For work whose items are independent (each with its own seeded random draws)
    and that runs mostly outside the interpreter lock: the results are the same, in order.

    >>> map_threads(abs, [-2, 3, -1])
    [2, 3, 1]
    """
    items = list(items)
    with thread_pool(THREADS if len(items) > 1 else 1) as pool:
        return list(pool.map(function, items))


@contextlib.contextmanager
def thread_pool(workers: int) -> Iterator[ThreadPoolExecutor]:
    """A :class:`~concurrent.futures.ThreadPoolExecutor` for the ``with`` block. Ended normally, it
    waits for its work as usual; ended by an exception (Ctrl-C, an error) it cancels the work not
    yet started and does not wait for the work under way, whose result nobody will read (after
    Ctrl-C the command no longer also waits for the current network's permutations).

    >>> with thread_pool(2) as pool:
    ...     pool.submit(sum, [1, 2]).result()
    3
    """
    pool = ThreadPoolExecutor(max_workers=workers)
    try:
        yield pool
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


_NETWORKIT = threading.Lock()
"""networkit's seed and thread count are global: one KADABRA run at a time."""

WORD_BATCH = 16
"""Machine words per breadth-first batch: 16 × 64 = 1,024 sources searched at once."""

COMPILED_MIN_SEARCH_CELLS = 50_000_000
"""Breadth-first searches of at least this many adjacency entries × sources run in the compiled
loop :func:`mintgraph.kernels.distance_batch` (about six times faster than numpy's calls at
100,000 actors, the same sums bit for bit); smaller ones do not pay for loading numba."""


@dataclass(frozen=True)
class Sampling:
    """How betweenness and closeness are sampled, and the error bound that results.

    Betweenness: KADABRA (Borassi & Natale) samples shortest paths adaptively until, with
    probability at least 1 − ``delta``, *every* actor's estimate of networkx's normalised
    betweenness is within ``epsilon_betweenness`` · n / (2(n − 2)) ≤ ``epsilon_betweenness``
    of the exact value (networkit's scores are fractions of unordered pairs; see
    :func:`betweenness`).

    Closeness: in every component of *r* > k actors, k sources are drawn uniformly without
    replacement and a breadth-first search runs from each, with

    .. math:: k = \\left\\lceil \\frac{\\ln(2n/\\delta)}{2 \\varepsilon^2} \\right\\rceil .

    By Hoeffding's inequality (which holds for sampling without replacement, Hoeffding 1963
    §6) and a union bound over the n actors, with probability at least 1 − δ every actor's
    estimated *average distance* to the others in its component is within ε·Δ·r/(r − 1) of the
    exact one (Δ the component's diameter; Eppstein & Wang 2004), and every harmonic closeness
    is within ε·r/(n − 1) ≤ ε·n/(n − 1). Components of at most k actors are computed exactly.

    Parameters
    ----------
    epsilon_betweenness, epsilon_closeness : additive error bounds ε.
    delta : failure probability δ of each bound.
    seed : seed of every random choice.

    Example
    -------
    >>> Sampling().closeness_sources(100_000)
    2902
    """

    epsilon_betweenness: float = 0.01
    epsilon_closeness: float = 0.05
    delta: float = 0.1
    seed: int = 42

    def closeness_sources(self, n: int) -> int:
        """The number k of breadth-first sources per component for a graph of ``n`` nodes."""
        if n < 1:
            return 0
        return math.ceil(math.log(2 * n / self.delta) / (2 * self.epsilon_closeness**2))


def sampling_for(n: int, exact: bool | None, seed: int = 42) -> Sampling | None:
    """Decide between exact and sampled betweenness/closeness for a graph of ``n`` actors.

    ``exact=None``: exact up to :data:`SAMPLING_THRESHOLD` actors, sampled above;
    ``exact=True``: always exact; ``exact=False``: always sampled (with the default bounds).
    The one rule for every level: ``n`` is the size of the graph the measure runs on, the
    cooperation graph for the actors, a network's member subgraph for the network indicators.

    >>> sampling_for(100, None) is None, sampling_for(100, False).seed, sampling_for(10**5, True)
    (True, 42, None)
    """
    if exact or (exact is None and n <= SAMPLING_THRESHOLD):
        return None
    return Sampling(seed=seed)


@dataclass(frozen=True, eq=False)
class EngineGraph:
    """A compact copy of an undirected networkx graph (self-loops dropped), nodes in graph order.

    Attributes: ``nodes`` (tuple), ``igraph`` (vertex i = ``nodes[i]``), ``indptr``/``indices``
    (CSR adjacency, both directions), ``degree``, ``edges`` (m × 2 array, i < j),
    ``component`` (label per node, numbered in order of first appearance) and
    ``component_size`` (size of each node's component).

    The measures of this module take an ``EngineGraph`` in place of an ``nx.Graph``, e.g. the
    member subgraph of a network (:meth:`subgraph`), built without going through networkx.
    """

    nodes: tuple
    igraph: ig.Graph
    indptr: np.ndarray
    indices: np.ndarray
    degree: np.ndarray
    edges: np.ndarray
    component: np.ndarray
    component_size: np.ndarray
    _memo: dict = field(default_factory=dict, repr=False)

    @property
    def n(self) -> int:
        return len(self.nodes)

    def as_dict(self, values) -> dict:
        """Node → float, in node order."""
        return dict(zip(self.nodes, np.asarray(values, dtype=float).tolist(), strict=True))

    @property
    def position(self) -> dict:
        """Node → its index in :attr:`nodes`."""
        if "position" not in self._memo:
            self._memo["position"] = {v: i for i, v in enumerate(self.nodes)}
        return self._memo["position"]

    def mask(self, nodes) -> np.ndarray:
        """A boolean array over :attr:`nodes`, True for the given nodes (others are ignored).

        >>> engine_graph(nx.path_graph(["a", "b", "c"])).mask({"c", "a", "not a node"}).tolist()
        [True, False, True]
        """
        position = self.position
        mask = np.zeros(self.n, dtype=bool)
        mask[[position[v] for v in nodes if v in position]] = True
        return mask

    def subgraph(self, mask: np.ndarray) -> EngineGraph:
        """The subgraph induced by the nodes where ``mask`` is True: nodes in this graph's order,
        ties (both ends inside) in this graph's order. Built from the arrays, not via networkx;
        a mask of every node gives this graph itself (with what it has already computed).

        >>> eg = engine_graph(nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")]))
        >>> sub = eg.subgraph(eg.mask({"a", "c", "d"}))
        >>> sub.nodes, sub.edges.tolist(), sub.degree.tolist()
        (('a', 'c', 'd'), [[0, 1], [1, 2]], [1, 2, 1])
        """
        mask = np.asarray(mask, dtype=bool)
        if mask.all():
            return self
        keep = np.flatnonzero(mask)
        local = np.full(self.n, -1, dtype=np.int64)
        local[keep] = np.arange(len(keep))
        inside = mask[self.edges[:, 0]] & mask[self.edges[:, 1]]
        return _from_pairs(tuple(self.nodes[i] for i in keep.tolist()), local[self.edges[inside]])

    def adjacency(self) -> scipy.sparse.csr_array:
        """The 0/1 adjacency matrix (int64) in node order."""
        if "adjacency" not in self._memo:
            data = np.ones(len(self.indices), dtype=np.int64)
            self._memo["adjacency"] = scipy.sparse.csr_array(
                (data, self.indices, self.indptr), shape=(self.n, self.n)
            )
        return self._memo["adjacency"]

    def triangle_list(self) -> np.ndarray:
        """Every triangle once, as a t × 3 array of node positions (igraph's order)."""
        if "triangles" not in self._memo:
            found = self.igraph.list_triangles()
            self._memo["triangles"] = np.array(found, dtype=np.int64).reshape(-1, 3)
        return self._memo["triangles"]


_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def engine_graph(graph: nx.Graph | EngineGraph) -> EngineGraph:
    """The :class:`EngineGraph` of ``graph``, cached per graph object (an ``EngineGraph`` is
    returned as it is).

    The cache entry is reused while the graph has the same node order and number of edges;
    a graph whose edges are changed in place with an unchanged edge count must not be reused
    (mintgraph never mutates a graph after building it).

    Raises
    ------
    nx.NetworkXNotImplemented
        For directed graphs and multigraphs.

    Example
    -------
    >>> eg = engine_graph(nx.Graph([("a", "b"), ("c", "c")]))
    >>> eg.nodes, eg.degree.tolist(), eg.component_size.tolist()
    (('a', 'b', 'c'), [1, 1, 0], [2, 2, 1])
    """
    if isinstance(graph, EngineGraph):
        return graph
    if graph.is_directed() or graph.is_multigraph():
        raise nx.NetworkXNotImplemented("the engine handles undirected simple graphs only")
    nodes = tuple(graph)
    cached = _CACHE.get(graph)
    if cached is not None and cached.nodes == nodes and cached._memo["m"] == _adjacency_entries(graph):
        return cached
    position = {v: i for i, v in enumerate(nodes)}
    pairs = np.fromiter(
        (p for u, v in graph.edges() if u != v for p in (position[u], position[v])), dtype=np.int64
    ).reshape(-1, 2)
    pairs.sort(axis=1)
    eg = _from_pairs(nodes, pairs)
    eg._memo["m"] = _adjacency_entries(graph)
    eg._memo["position"] = position
    _CACHE[graph] = eg
    return eg


def tie_end_labels(graph: nx.Graph, label_of: Mapping[str, str]) -> tuple[np.ndarray, np.ndarray]:
    """The labels of the two ends of every tie between two nodes whose ids differ as text:
    ``label_of[str(node)]``, ``""`` for a node without one (object arrays, one entry per tie, in
    no particular order). Read from the engine copy (:func:`engine_graph`) instead of tie by tie;
    a directed graph or multigraph is walked.

    Example
    -------
    >>> a, b = tie_end_labels(nx.Graph([("x", "y"), ("y", "z"), ("z", "z")]), {"x": "1", "y": "2"})
    >>> sorted(zip(a.tolist(), b.tolist()))
    [('1', '2'), ('2', '')]
    """
    if graph.is_directed() or graph.is_multigraph():
        pairs = [(str(u), str(v)) for u, v in graph.edges() if str(u) != str(v)]
        first = np.array([label_of.get(u, "") for u, _ in pairs], dtype=object)
        second = np.array([label_of.get(v, "") for _, v in pairs], dtype=object)
        return first, second
    eg = engine_graph(graph)
    names = [str(v) for v in eg.nodes]
    labels = np.array([label_of.get(name, "") for name in names], dtype=object)
    ends = eg.edges  # ties between two different nodes
    if len(set(names)) < len(names):  # two nodes with the same id as text: their ties are left out
        text = np.array(names, dtype=object)
        ends = ends[text[ends[:, 0]] != text[ends[:, 1]]]
    return labels[ends[:, 0]], labels[ends[:, 1]]


def label_pair_counts(first: np.ndarray, second: np.ndarray) -> dict[tuple[str, str], int]:
    """How often each pair of two different, non-empty labels occurs among the pairs
    ``(first[i], second[i])``, keyed by the sorted pair, the pairs sorted.

    >>> label_pair_counts(np.array(["b", "a", "a", ""], dtype=object), np.array(["a", "b", "a", "c"], dtype=object))
    {('a', 'b'): 2}
    """
    keep = (first != "") & (second != "") & (first != second)
    labels, index = np.unique(np.concatenate([first[keep], second[keep]]), return_inverse=True)
    a, b = index[: int(keep.sum())], index[int(keep.sum()) :]
    labels = labels.tolist()  # sorted as Python sorts the labels
    keys, counts = np.unique(np.minimum(a, b) * len(labels) + np.maximum(a, b), return_counts=True)
    return {
        (labels[key // len(labels)], labels[key % len(labels)]): count
        for key, count in zip(keys.tolist(), counts.tolist(), strict=True)
    }


def prime_engine_graph(
    graph: nx.Graph,
    first: np.ndarray,
    second: np.ndarray,
    attributes: Mapping[str, np.ndarray] | None = None,
    *,
    nodes: Sequence[Hashable] | None = None,
) -> EngineGraph:
    """Make and cache the engine copy of a graph built by one ``add_edges_from`` of distinct ties,
    from those ties as node positions ``(first[k], second[k])`` in the order they are added — the
    copy :func:`engine_graph` would make, without walking networkx's adjacency (2 s at 500,000
    ties). It may be made before the edges are added (the engine's work can start meanwhile);
    :func:`engine_graph` returns it once they are. ``attributes``: edge attributes that every
    tie is given, each as numbers ``values[k]`` in the same order, which :func:`edge_attribute`
    then returns without walking the edges' dicts (about 0.4 s an attribute at 500,000 ties).

    networkx lists an edge under whichever end comes first in node order, each node's edges in
    the order they were added; the ties are put in that order here (ties of a node to itself
    are left out, as in :func:`engine_graph`). The graph must have all its nodes before its
    first edge. ``nodes``: the graph's nodes in the order it will have them, when the copy is
    made before they are added (default: the nodes it has).

    >>> g = nx.Graph(); g.add_nodes_from("abcd"); g.add_edges_from([("c", "d"), ("b", "a"), ("a", "c")])
    >>> primed = prime_engine_graph(g, np.array([2, 1, 0]), np.array([3, 0, 2]))
    >>> _CACHE.clear(); fresh = engine_graph(g)
    >>> primed.edges.tolist() == fresh.edges.tolist() == [[0, 1], [0, 2], [2, 3]]
    True
    """
    first, second = np.asarray(first, dtype=np.int64), np.asarray(second, dtype=np.int64)
    keep = first != second
    low, high = np.minimum(first, second)[keep], np.maximum(first, second)[keep]
    order = np.lexsort((np.arange(len(low)), low))
    eg = _from_pairs(
        tuple(graph) if nodes is None else tuple(nodes),
        np.column_stack([low[order], high[order]]).reshape(-1, 2),
    )
    eg._memo["m"] = 2 * len(low) + int(np.count_nonzero(~keep))  # the graph's adjacency entries, edges added
    for name, values in (attributes or {}).items():
        eg._memo[("edge attribute", name)] = np.asarray(values, dtype=float)[keep][order]
    _CACHE[graph] = eg
    return eg


def graph_of_ties(n: int, pairs: np.ndarray) -> EngineGraph:
    """The :class:`EngineGraph` of the nodes ``0 … n − 1`` and the ties ``pairs`` (m × 2
    positions, i < j, no duplicates, as an ``EngineGraph``'s ``edges``), the ties kept in the
    given order: the graph whose ``edges`` these are, up to the nodes' names.

    >>> graph_of_ties(3, np.array([[0, 1], [1, 2]])).degree.tolist()
    [1, 2, 1]
    """
    return _from_pairs(tuple(range(n)), pairs)


def _from_pairs(nodes: tuple, pairs: np.ndarray) -> EngineGraph:
    """The :class:`EngineGraph` of ``nodes`` and the ties ``pairs`` (m × 2 positions, i < j, no
    duplicates), the ties kept in the given order."""
    n = len(nodes)
    # CSR adjacency, rows in node order, columns sorted
    rows = np.concatenate([pairs[:, 0], pairs[:, 1]])
    cols = np.concatenate([pairs[:, 1], pairs[:, 0]])
    order = np.lexsort((cols, rows))
    indices = cols[order]
    degree = np.bincount(rows, minlength=n)
    indptr = np.concatenate([[0], np.cumsum(degree)])
    engine = ig.Graph(n=n, directed=False)
    engine.add_edges(pairs)  # the array as it is: the same graph as from pairs.tolist(), faster
    membership = np.array(engine.connected_components().membership, dtype=np.int64)
    # renumber components by first appearance in node order (igraph already does, made explicit)
    _, first = np.unique(membership, return_index=True)
    relabel = np.empty(len(first), dtype=np.int64)
    relabel[np.argsort(first)] = np.arange(len(first))
    component = relabel[membership] if n else membership
    sizes = np.bincount(component, minlength=len(first))
    return EngineGraph(
        nodes=nodes,
        igraph=engine,
        indptr=indptr,
        indices=indices,
        degree=degree,
        edges=pairs,
        component=component,
        component_size=sizes[component] if n else np.zeros(0, dtype=np.int64),
    )


def edge_attribute(graph: nx.Graph, name: str, default: float = math.nan) -> np.ndarray:
    """The edge attribute ``name`` as floats, aligned with ``engine_graph(graph).edges``
    (``default`` where an edge lacks it or holds None); cached with the engine copy (and read
    from it where :func:`prime_engine_graph` was given the attribute).

    >>> g = nx.Graph([("a", "b", {"w": 2}), ("b", "c")])
    >>> edge_attribute(g, "w").tolist()
    [2.0, nan]
    """
    eg = engine_graph(graph)
    primed = eg._memo.get(("edge attribute", name))
    if primed is not None:  # every tie has it: the default is not used
        return primed
    key = ("edge attribute", name, default)
    if key not in eg._memo:
        values = (default if x is None else x for u, v, x in graph.edges(data=name) if u != v)
        eg._memo[key] = np.fromiter(values, dtype=float, count=len(eg.edges))
    return eg._memo[key]


def number_of_edges(graph: nx.Graph) -> int:
    """``graph.number_of_edges()`` of an undirected graph, from its engine copy
    (:func:`engine_graph`): the copy's ties and the ties of a node to itself, which the copy
    leaves out (its adjacency entries count them once, the other ties twice) — instead of
    summing every node's degree in Python (0.13 s at 100,000 actors).

    >>> number_of_edges(nx.Graph([("a", "b"), ("b", "c"), ("c", "c")]))
    3
    """
    eg = engine_graph(graph)
    return int(eg._memo["m"]) - len(eg.edges)


def _adjacency_entries(graph: nx.Graph) -> int:
    """The number of entries of the adjacency dicts: twice the edges, self-loops once (a cheap
    check that the cached copy still matches; ``number_of_edges`` walks every node in Python)."""
    return sum(map(len, graph._adj.values()))


def _networkit_graph(eg: EngineGraph):
    import networkit as nk

    graph = nk.Graph(eg.n, weighted=False, directed=False)
    if len(eg.edges):
        graph.addEdges((eg.edges[:, 0].astype(np.uint64), eg.edges[:, 1].astype(np.uint64)))
    return graph


def betweenness(
    graph: nx.Graph | EngineGraph, sampling: Sampling | None = None, *, info: dict | None = None
) -> dict[Hashable, float]:
    """Betweenness centrality, normalised as networkx's ``betweenness_centrality(normalized=True)``.

    .. math:: b(v) = \\frac{1}{(n-1)(n-2)} \\sum_{s \\ne v \\ne t} \\frac{\\sigma_{st}(v)}{\\sigma_{st}}

    over ordered pairs; 0 for every node if n ≤ 2. Exact with igraph (Brandes 2001): igraph
    counts each unordered pair once, so its value is multiplied by 2 / ((n − 1)(n − 2)).
    Sampled with KADABRA (networkit, ``deterministic=True``, one thread, seeded): networkit's
    score is the fraction of the n(n − 1)/2 unordered pairs whose shortest paths run through
    v, so it is multiplied by n / (2(n − 2)); its additive error bound ε scales by the same
    factor.

    Every betweenness of mintgraph comes from here, with ``sampling`` from :func:`sampling_for`
    for the graph it runs on: the actors' on the cooperation graph, and a network's on its
    member subgraph (:mod:`mintgraph.metrics.cohesion`, see ``docs/engine.md``).

    Parameters
    ----------
    graph : nx.Graph or EngineGraph
        Undirected graph; weights are ignored.
    sampling : Sampling, optional
        None (default) computes exactly.
    info : dict, optional
        Receives ``algorithm`` and, when sampled, ``samples`` (shortest paths drawn).

    Returns
    -------
    dict
        Node → betweenness in [0, 1].

    Example
    -------
    >>> betweenness(nx.star_graph(3))[0]
    1.0
    """
    eg = engine_graph(graph)
    n = eg.n
    if n <= 2 or _only_cliques(eg):  # no node between two others: exactly 0 (KADABRA never stops)
        if info is not None:
            info["algorithm"] = "exact (Brandes, igraph)"
        return eg.as_dict(np.zeros(n))
    if sampling is None:
        raw = np.array(eg.igraph.betweenness(directed=False), dtype=float)
        if info is not None:
            info["algorithm"] = "exact (Brandes, igraph)"
        return eg.as_dict(raw * (2.0 / ((n - 1) * (n - 2))))
    import networkit as nk

    with _NETWORKIT:
        threads = nk.getMaxNumberOfThreads()
        nk.setNumberOfThreads(1)
        try:
            nk.engineering.setSeed(sampling.seed, False)
            nk_graph = _networkit_graph(eg)  # held until the scores are read: KADABRA keeps a reference
            kadabra = nk.centrality.KadabraBetweenness(
                nk_graph, sampling.epsilon_betweenness, sampling.delta, True
            )
            _run_networkit(kadabra)
            scores = np.array(kadabra.scores(), dtype=float)
        finally:
            nk.setNumberOfThreads(threads)
    if info is not None:
        info["algorithm"] = "KADABRA (networkit)"
        info["samples"] = int(kadabra.getNumberOfIterations())
    del kadabra, nk_graph
    return eg.as_dict(scores * (n / (2.0 * (n - 2))))


def _run_networkit(algorithm: Any) -> None:
    """``algorithm.run()``, with Ctrl-C as Python's ``KeyboardInterrupt``.

    While a networkit algorithm runs, networkit takes ``SIGINT`` itself and ends the run with
    ``RuntimeError: Received CTRL+C/SIGINT``; Python's own handler never sees the signal. Here
    that error becomes the ``KeyboardInterrupt`` it stands for. On a side thread it ends that
    thread's work and is passed on to the main thread (:func:`mintgraph.interrupts.forward`),
    which stops where it is rather than when it reads the result; the command's handler does not
    raise it a second time if the main thread met this one first.
    """
    try:
        algorithm.run()
    except RuntimeError as exc:
        if "SIGINT" not in str(exc):
            raise
        interrupts.forward()
        raise KeyboardInterrupt from None


def _only_cliques(eg: EngineGraph) -> bool:
    """Whether every component is complete (no ties at all included): then no shortest path
    has an inner node, and every betweenness is 0.

    >>> _only_cliques(engine_graph(nx.disjoint_union(nx.complete_graph(3), nx.empty_graph(2))))
    True
    >>> _only_cliques(engine_graph(nx.path_graph(3)))
    False
    """
    if not len(eg.edges):
        return True
    sizes = np.bincount(eg.component)
    ties = np.bincount(eg.component[eg.edges[:, 0]], minlength=len(sizes))
    return bool((2 * ties == sizes * (sizes - 1)).all())


def _pivots(eg: EngineGraph, k: int | None, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Breadth-first sources and the weight r/k of each node's estimate (1 where exact).

    Every node of degree > 0 is a source if ``k`` is None; otherwise every node of a component
    of at most ``k`` nodes, and ``k`` nodes drawn without replacement from each larger one
    (components in order, one seeded generator).
    """
    weight = np.ones(eg.n)
    active = np.flatnonzero(eg.degree > 0)
    if k is None:
        return active, weight
    rng = np.random.default_rng(seed)
    big = np.unique(eg.component[eg.component_size > k])
    if not len(big):
        return active, weight
    keep = ~np.isin(eg.component[active], big)
    chosen = [active[keep]]
    for label in big:
        members = np.flatnonzero(eg.component == label)
        chosen.append(np.sort(rng.choice(members, size=k, replace=False)))
        weight[members] = len(members) / k
    return np.sort(np.concatenate(chosen)), weight


def distance_sums(
    eg: EngineGraph, sources: np.ndarray, *, progress: Callable[[int, int], None] | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For every node v: Σ d(s, v), the number of sources s ≠ v reaching v and Σ 1/d(s, v).

    Sums over the given sources, by a bit-parallel breadth-first search: each node holds one
    bit per source of the batch (64 per ``uint64``); one level ORs the neighbours' frontier
    bits (``np.bitwise_or.reduceat`` over the CSR rows), O(m) per level and batch of
    64·:data:`WORD_BATCH` sources. Isolated nodes are skipped (they reach nothing).
    Batches and levels run in a fixed order, so float sums are reproducible. Large searches
    (:data:`COMPILED_MIN_SEARCH_CELLS`) run in :func:`mintgraph.kernels.distance_batch`, the
    same sums bit for bit.

    Example
    -------
    >>> eg = engine_graph(nx.path_graph(3))
    >>> [a.tolist() for a in distance_sums(eg, np.array([0, 1, 2]))]
    [[3.0, 2.0, 3.0], [2, 2, 2], [1.5, 2.0, 1.5]]
    """
    n = eg.n
    dist = np.zeros(n)
    reach = np.zeros(n, dtype=np.int64)
    inverse = np.zeros(n)
    active = np.flatnonzero(eg.degree > 0)
    sources = sources[eg.degree[sources] > 0]  # an isolated source reaches nothing
    if not len(active) or not len(sources):
        return dist, reach, inverse
    # the subgraph of non-isolated nodes: every CSR row non-empty, as reduceat needs
    local = np.full(n, -1, dtype=np.int64)
    local[active] = np.arange(len(active))
    indices = local[eg.indices]
    # rows of isolated nodes hold no entries: the active rows' offsets, shifted to start at 0
    indptr = np.append(eg.indptr[:-1][active] - eg.indptr[active[0]], len(indices))
    size = len(active)
    batch_size = 64 * WORD_BATCH
    total = len(sources)
    kernels = compiled() if len(indices) * total >= COMPILED_MIN_SEARCH_CELLS else None
    search = _distance_batch if kernels is None else kernels.distance_batch  # the same sums, bit for bit
    for offset in range(0, total, batch_size):
        batch = local[sources[offset : offset + batch_size]]
        d_sum = np.zeros(size)
        r_sum = np.zeros(size, dtype=np.int64)
        i_sum = np.zeros(size)
        search(indptr, indices, batch, d_sum, r_sum, i_sum)
        dist[active] += d_sum
        reach[active] += r_sum
        inverse[active] += i_sum
        if progress is not None:
            progress(min(offset + batch_size, total), total)
    return dist, reach, inverse


def _distance_batch(
    indptr: np.ndarray,
    indices: np.ndarray,
    batch: np.ndarray,
    d_sum: np.ndarray,
    r_sum: np.ndarray,
    i_sum: np.ndarray,
) -> None:
    """One batch of :func:`distance_sums` in numpy, from the nodes ``batch`` of the graph ``indptr`` /
    ``indices`` (CSR, every row non-empty): :func:`mintgraph.kernels.distance_batch`'s arguments."""
    starts = indptr[:-1]
    words = (len(batch) + 63) // 64
    visited = np.zeros((len(starts), words), dtype=np.uint64)
    bit = np.arange(len(batch))
    visited[batch, bit // 64] |= np.left_shift(np.uint64(1), (bit % 64).astype(np.uint64))
    frontier = visited.copy()
    level = 0
    while True:
        level += 1
        reached = np.bitwise_or.reduceat(frontier[indices], starts, axis=0)
        reached &= ~visited
        count = np.bitwise_count(reached).sum(axis=1, dtype=np.int64)
        if not count.any():
            break
        d_sum += level * count
        r_sum += count
        i_sum += count / level
        visited |= reached
        frontier = reached


def _closeness_parts(
    graph: nx.Graph, sampling: Sampling | None, progress: Callable[[int, int], None] | None = None
) -> tuple[EngineGraph, np.ndarray, np.ndarray, dict]:
    """Estimated Σ_u d(v, u) and Σ_u 1/d(v, u) within v's component, with what was done."""
    eg = engine_graph(graph)
    key = ("closeness", sampling)
    if key not in eg._memo:
        k = None if sampling is None else sampling.closeness_sources(eg.n)
        sources, weight = _pivots(eg, k, 0 if sampling is None else sampling.seed)
        dist, _, inverse = distance_sums(eg, sources, progress=progress)
        sampled = bool((weight != 1).any())
        info: dict[str, object] = {
            "algorithm": "sampled sources (Eppstein-Wang)" if sampled else "exact (all sources)"
        }
        if sampled:
            assert k is not None  # without k every weight is 1
            info["sources"] = int(k)
        eg._memo[key] = (weight * dist, weight * inverse, info)
    dist, inverse, info = eg._memo[key]
    return eg, dist, inverse, info


def closeness(
    graph: nx.Graph,
    sampling: Sampling | None = None,
    *,
    info: dict | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict[Hashable, float]:
    """Wasserman–Faust closeness, as networkx's ``closeness_centrality(wf_improved=True)``.

    .. math:: C(v) = \\frac{r - 1}{n - 1} \\cdot \\frac{r - 1}{\\sum_u d(v, u)}

    over the r nodes of v's component; 0 for isolated nodes. Sampled (see :class:`Sampling`),
    the sum of distances is estimated as (r/k)·Σ_i d(s_i, v) and never taken below r − 1, its
    least possible value.

    Parameters
    ----------
    graph : nx.Graph
        Undirected graph; weights are ignored.
    sampling : Sampling, optional
        None (default) computes exactly.
    info : dict, optional
        Receives ``algorithm`` and, when sampled, ``sources`` (k).
    progress : callable, optional
        Called as ``progress(done, total)`` after each batch of sources.

    Returns
    -------
    dict
        Node → closeness in [0, 1].

    Example
    -------
    >>> closeness(nx.Graph([(1, 2), (3, 4), (4, 5)]))[4]
    0.5
    """
    eg, dist, _, details = _closeness_parts(graph, sampling, progress)
    if info is not None:
        info.update(details)
    n = eg.n
    if n < 2:
        return eg.as_dict(np.zeros(n))
    others = (eg.component_size - 1).astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.where(others > 0, others * others / ((n - 1) * np.maximum(dist, others)), 0.0)
    return eg.as_dict(value)


def harmonic_closeness(
    graph: nx.Graph,
    sampling: Sampling | None = None,
    *,
    info: dict | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict[Hashable, float]:
    """Harmonic closeness, networkx's ``harmonic_centrality`` divided by n − 1.

    .. math:: H(v) = \\frac{1}{n - 1} \\sum_{u \\ne v} \\frac{1}{d(v, u)}, \\quad 1/\\infty = 0

    Sampled (see :class:`Sampling`), the sum is estimated as (r/k)·Σ_i 1/d(s_i, v).

    Example
    -------
    >>> harmonic_closeness(nx.path_graph(3))
    {0: 0.75, 1: 1.0, 2: 0.75}
    """
    eg, _, inverse, details = _closeness_parts(graph, sampling, progress)
    if info is not None:
        info.update(details)
    n = eg.n
    if n < 2:
        return eg.as_dict(np.zeros(n))
    return eg.as_dict(inverse / (n - 1))


def pagerank(
    graph: nx.Graph, alpha: float = 0.85, *, tol: float = 1e-12, max_iter: int = 1000
) -> dict[Hashable, float]:
    """PageRank as networkx's ``pagerank(alpha=0.85, weight=None)``: the same power iteration.

    x ← α (x Q + (Σ_d x_d) 𝟙/n) + (1 − α) 𝟙/n

    with Q the row-normalised adjacency and d the dangling (isolated) nodes, which jump
    uniformly; stops when the L1 change is below n · ``tol``, then scales to sum 1. The
    iteration of networkx's ``_pagerank_scipy``, on the engine's CSR matrix: O(m) per step,
    single-threaded (igraph's PRPACK runs OpenMP threads, measured 1,000x slower on a busy
    two-core machine).

    Raises
    ------
    nx.PowerIterationFailedConvergence
        If ``max_iter`` steps do not converge.

    Example
    -------
    >>> round(sum(pagerank(nx.Graph([(1, 2), (2, 3)])).values()), 12)
    1.0
    """
    eg = engine_graph(graph)
    n = eg.n
    if n == 0:
        return {}
    adjacency = eg.adjacency().astype(float)
    out = eg.degree.astype(float)
    inverse = np.zeros(n)
    inverse[out != 0] = 1.0 / out[out != 0]
    transition = scipy.sparse.csr_array(scipy.sparse.diags_array(inverse) @ adjacency)
    x = np.repeat(1.0 / n, n)
    uniform = np.repeat(1.0 / n, n)
    dangling = np.flatnonzero(out == 0)
    for _ in range(max_iter):
        last = x
        x = alpha * (x @ transition + sum(x[dangling]) * uniform) + (1 - alpha) * uniform
        if np.absolute(x - last).sum() < n * tol:
            return eg.as_dict(x / x.sum())
    raise nx.PowerIterationFailedConvergence(max_iter)


def triangles(graph: nx.Graph) -> dict[Hashable, int]:
    """Number of triangles through each node, as networkx's ``triangles``.

    >>> triangles(nx.complete_graph(3))
    {0: 1, 1: 1, 2: 1}
    """
    eg = engine_graph(graph)
    counts = np.bincount(eg.triangle_list().ravel(), minlength=eg.n)
    return dict(zip(eg.nodes, counts.tolist(), strict=True))


def _triangle_counts(eg: EngineGraph) -> np.ndarray:
    return np.bincount(eg.triangle_list().ravel(), minlength=eg.n).astype(float)


def clustering(graph: nx.Graph) -> dict[Hashable, float]:
    """Local clustering 2 t_v / (k_v (k_v − 1)), 0 for k_v < 2, as networkx's ``clustering``.

    >>> clustering(nx.Graph([(1, 2), (2, 3), (3, 1), (3, 4)]))[3]
    0.3333333333333333
    """
    eg = engine_graph(graph)
    k = eg.degree.astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.where(k > 1, 2 * _triangle_counts(eg) / (k * (k - 1)), 0.0)
    return eg.as_dict(value)


def core_number(graph: nx.Graph) -> dict[Hashable, int]:
    """The k-core number of each node (igraph's coreness), as networkx's ``core_number``.

    >>> core_number(nx.Graph([(1, 2), (2, 3), (3, 1), (3, 4)]))
    {1: 2, 2: 2, 3: 2, 4: 1}
    """
    eg = engine_graph(graph)
    return dict(zip(eg.nodes, eg.igraph.coreness(), strict=True))


def articulation_points(graph: nx.Graph) -> set:
    """Nodes whose removal splits their component, as networkx's ``articulation_points``.

    >>> sorted(articulation_points(nx.path_graph(4)))
    [1, 2]
    """
    eg = engine_graph(graph)
    return {eg.nodes[i] for i in eg.igraph.articulation_points()}


def constraint(graph: nx.Graph) -> dict[Hashable, float]:
    """Burt's constraint, unweighted, as networkx's ``constraint(weight=None)``; NaN for isolated nodes.

    .. math:: c_v = \\sum_{j \\in N(v)} \\Big(p_{vj} + \\sum_{q \\in N(v) \\cap N(j)} p_{vq} p_{qj}\\Big)^2,
       \\quad p_{vj} = 1/k_v

    computed per tie from the triangle list: the indirect term of tie (v, j) sums
    1/(k_v k_q) over the triangles v–j–q. O(m + t) for t triangles.

    Example
    -------
    >>> constraint(nx.path_graph(3))[1]
    0.5
    """
    eg = engine_graph(graph)
    k = eg.degree.astype(float)
    edges = eg.edges
    m = len(edges)
    # indirect[e, 0]: Σ_q 1/k_q over triangles of tie e = (a, b), seen from either end
    indirect = np.zeros(m)
    tri = eg.triangle_list()
    if len(tri):
        code = edges[:, 0] * eg.n + edges[:, 1]  # ties by code a·n + b, a < b
        order = np.argsort(code, kind="stable")
        for x, y, z in ((0, 1, 2), (0, 2, 1), (1, 2, 0)):
            lo = np.minimum(tri[:, x], tri[:, y])
            hi = np.maximum(tri[:, x], tri[:, y])
            ids = order[np.searchsorted(code, lo * eg.n + hi, sorter=order)]
            np.add.at(indirect, ids, 1.0 / k[tri[:, z]])
    a, b = edges[:, 0], edges[:, 1]
    value = np.zeros(eg.n)
    # at end a: (1/k_a + Σ_q 1/(k_a k_q))² = ((1 + Σ_q 1/k_q) / k_a)²
    np.add.at(value, a, ((1 + indirect) / k[a]) ** 2)
    np.add.at(value, b, ((1 + indirect) / k[b]) ** 2)
    value[eg.degree == 0] = np.nan
    return eg.as_dict(value)


def effective_size(graph: nx.Graph) -> dict[Hashable, float]:
    """Burt's effective size, unweighted: k_v − 2 t_v / k_v (Borgatti 1997); NaN for isolated nodes.

    Equal to networkx's ``effective_size(weight=None)`` (t_v = ties among v's partners).

    >>> effective_size(nx.Graph([(1, 2), (2, 3), (3, 1), (3, 4)]))[3]
    2.3333333333333335
    """
    eg = engine_graph(graph)
    k = eg.degree.astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.where(k > 0, k - 2 * _triangle_counts(eg) / k, np.nan)
    return eg.as_dict(value)


def number_of_components(graph: nx.Graph) -> int:
    """Connected components, isolated nodes included, as networkx's ``number_connected_components``.

    >>> number_of_components(nx.Graph([(1, 2), (3, 4)]))
    2
    """
    eg = engine_graph(graph)
    return int(eg.component.max()) + 1 if eg.n else 0


def average_clustering(graph: nx.Graph | EngineGraph) -> float:
    """Mean local clustering over all nodes, those of degree < 2 counting 0, as networkx's
    ``average_clustering``; NaN for a graph without nodes.

    .. math:: \\bar C = \\frac{1}{n} \\sum_v \\frac{2 t_v}{k_v (k_v - 1)}

    The same triangle list as :func:`clustering` (computed once per engine copy).

    >>> g = nx.karate_club_graph()
    >>> math.isclose(average_clustering(g), nx.average_clustering(g))
    True
    """
    eg = engine_graph(graph)
    if eg.n == 0:
        return math.nan
    k = eg.degree.astype(float)
    local = np.zeros(eg.n)
    np.divide(2 * _triangle_counts(eg), k * (k - 1), out=local, where=k > 1)
    return float(local.mean())


def component_sizes(graph: nx.Graph | EngineGraph) -> np.ndarray:
    """Sizes of the connected components in order of first appearance (isolated nodes are
    components of size 1); empty for a graph without nodes.

    >>> component_sizes(nx.Graph([(0, 1), (2, 3), (3, 4)])).tolist()
    [2, 3]
    """
    eg = engine_graph(graph)
    return np.bincount(eg.component, minlength=0).astype(np.int64)


def largest_component_without(graph: nx.Graph | EngineGraph, removed: np.ndarray) -> int:
    """Size of the largest connected component once the nodes at positions ``removed`` are
    taken out (0 if none is left).

    >>> star = nx.star_graph(3)
    >>> largest_component_without(star, np.array([], dtype=int)), largest_component_without(star, np.array([0]))
    (4, 1)
    """
    eg = engine_graph(graph)
    keep = np.ones(eg.n, dtype=bool)
    keep[np.asarray(removed, dtype=np.intp)] = False
    if not keep.any():
        return 0
    index = np.flatnonzero(keep)
    rest = eg.adjacency()[index][:, index]
    _, labels = scipy.sparse.csgraph.connected_components(rest, directed=False)
    return int(np.bincount(labels).max())
