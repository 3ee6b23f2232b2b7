"""Graph algorithms on a scipy sparse adjacency matrix, for the network-level indicators at scale.

The cohesion indicators of :mod:`mintgraph.metrics.cohesion` run on the member subgraph of
every network and on the whole landscape. With tens of thousands of actors networkx's pure
Python loops take minutes to hours; these functions do the same arithmetic with numpy and
scipy on an undirected, unweighted adjacency matrix (``scipy.sparse.csr_array``, entries 1):

* :func:`betweenness` — Brandes' algorithm (by igraph), exact or from sampled pivot sources;
* :func:`average_clustering` — triangles from the sparse product :math:`A^2 \\circ A`;
* :func:`largest_component_without` — the largest connected component after removing nodes.

Example
-------
>>> import networkx as nx
>>> adj = nx.to_scipy_sparse_array(nx.path_graph(4), dtype=float)
>>> betweenness(adj).tolist()  # normalised as networkx: 2 / ((n-1)(n-2)) for the inner nodes
[0.0, 0.6666666666666666, 0.6666666666666666, 0.0]
"""

from __future__ import annotations

import math

import igraph as ig
import numpy as np
import scipy.sparse
import scipy.sparse.csgraph


def adjacency_from_edges(n: int, u: np.ndarray, v: np.ndarray) -> scipy.sparse.csr_array:
    """The symmetric 0/1 adjacency matrix (float) of ``n`` nodes and the undirected edges ``u[i]–v[i]``.

    >>> adjacency_from_edges(3, np.array([0, 1]), np.array([1, 2])).toarray().tolist()
    [[0.0, 1.0, 0.0], [1.0, 0.0, 1.0], [0.0, 1.0, 0.0]]
    """
    rows = np.concatenate([u, v])
    cols = np.concatenate([v, u])
    matrix = scipy.sparse.csr_array((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    matrix.sum_duplicates()
    matrix.data[:] = 1.0
    return matrix


def betweenness(adjacency: scipy.sparse.csr_array, sources: np.ndarray | None = None) -> np.ndarray:
    """Betweenness centrality of every node, normalised as ``networkx.betweenness_centrality``.

    .. math::

        C_B(v) = \\frac{1}{(n-1)(n-2)} \\sum_{s \\ne v \\ne t} \\frac{\\sigma_{st}(v)}{\\sigma_{st}}

    over ordered pairs (so each unordered pair counts twice, which the normalisation of an
    undirected graph expects). Brandes' algorithm, run by igraph (the engine of
    :mod:`mintgraph.engine`) on the matrix's graph. With ``sources`` (pivots, Brandes & Pich
    2007) only the shortest paths from those sources are summed (igraph's subset betweenness)
    and the result is scaled by :math:`n / k`: an unbiased estimate.

    Parameters
    ----------
    adjacency : symmetric 0/1 adjacency matrix of an undirected graph, without self-loops.
    sources : indices of the pivot sources; ``None`` (default) uses every node (exact).

    Returns
    -------
    numpy array of the *n* betweenness values (all 0 for fewer than 3 nodes).

    Example
    -------
    >>> import networkx as nx
    >>> g = nx.karate_club_graph()
    >>> ours = betweenness(nx.to_scipy_sparse_array(g, weight=None, dtype=float))
    >>> theirs = nx.betweenness_centrality(g)
    >>> bool(np.allclose(ours, [theirs[v] for v in g]))
    True

    References
    ----------
    Brandes, U. (2001). A faster algorithm for betweenness centrality. Journal of
    Mathematical Sociology 25(2), 163–177.
    Brandes, U., Pich, C. (2007). Centrality estimation in large networks. International
    Journal of Bifurcation and Chaos 17(7), 2303–2318.
    """
    n = adjacency.shape[0]
    if n < 3:
        return np.zeros(n)
    upper = scipy.sparse.triu(scipy.sparse.csr_array(adjacency), k=1).tocoo()
    graph = ig.Graph(n=n, edges=np.column_stack([upper.row, upper.col]).tolist(), directed=False)
    # igraph counts each unordered pair once: twice that is the sum over ordered pairs
    scale = 2.0 / ((n - 1) * (n - 2))
    if sources is None:
        return np.array(graph.betweenness(directed=False)) * scale
    chosen = np.asarray(sources, dtype=np.intp)
    if not len(chosen):
        return np.zeros(n)
    total = np.array(graph.betweenness(directed=False, sources=chosen.tolist()))
    return total * scale * n / len(chosen)


def pivots(n: int, k: int, seed: int) -> np.ndarray:
    """``min(k, n)`` distinct node indices drawn with ``numpy.random.default_rng(seed)``, sorted.

    >>> pivots(10, 3, seed=1).tolist() == pivots(10, 3, seed=1).tolist()
    True
    >>> len(pivots(5, 10, seed=1))
    5
    """
    if k >= n:
        return np.arange(n)
    return np.sort(np.random.default_rng(seed).choice(n, size=k, replace=False))


def triangles(adjacency: scipy.sparse.csr_array, *, block: int = 8192) -> np.ndarray:
    """Number of triangles through each node: :math:`T_v = (A^2 \\circ A)_{v\\cdot} \\mathbf{1} / 2`.

    Computed in blocks of rows so that the product never holds more than ``block`` rows.

    >>> import networkx as nx
    >>> triangles(nx.to_scipy_sparse_array(nx.complete_graph(4), dtype=float)).tolist()
    [3.0, 3.0, 3.0, 3.0]
    """
    n = adjacency.shape[0]
    out = np.zeros(n)
    adjacency = scipy.sparse.csr_array(adjacency, dtype=float)
    for start in range(0, n, block):
        rows = adjacency[start : start + block]
        out[start : start + block] = (rows @ adjacency).multiply(rows).sum(axis=1) / 2
    return out


def average_clustering(adjacency: scipy.sparse.csr_array) -> float:
    """Mean local clustering coefficient, nodes of degree < 2 counting 0 (as networkx's).

    .. math::

        \\bar C = \\frac{1}{n} \\sum_v \\frac{2 T_v}{d_v (d_v - 1)}

    >>> import networkx as nx
    >>> g = nx.karate_club_graph()
    >>> math.isclose(average_clustering(nx.to_scipy_sparse_array(g, weight=None)), nx.average_clustering(g))
    True
    """
    n = adjacency.shape[0]
    if n == 0:
        return math.nan
    degree = np.asarray(adjacency.sum(axis=1)).ravel()
    possible = degree * (degree - 1)
    local = np.zeros(n)
    np.divide(2 * triangles(adjacency), possible, out=local, where=possible > 0)
    return float(local.mean())


def component_sizes(adjacency: scipy.sparse.csr_array) -> np.ndarray:
    """Sizes of the connected components (isolated nodes are components of size 1).

    >>> import networkx as nx
    >>> sorted(component_sizes(nx.to_scipy_sparse_array(nx.Graph([(0, 1), (2, 3), (3, 4)]))).tolist())
    [2, 3]
    """
    if adjacency.shape[0] == 0:
        return np.zeros(0, dtype=np.int64)
    _, labels = scipy.sparse.csgraph.connected_components(adjacency, directed=False)
    return np.bincount(labels)


def largest_component_without(adjacency: scipy.sparse.csr_array, removed: np.ndarray) -> int:
    """Size of the largest connected component once the nodes ``removed`` are taken out.

    >>> import networkx as nx
    >>> star = nx.to_scipy_sparse_array(nx.star_graph(3))
    >>> largest_component_without(star, np.array([], dtype=int)), largest_component_without(star, np.array([0]))
    (4, 1)
    """
    keep = np.ones(adjacency.shape[0], dtype=bool)
    keep[removed] = False
    if not keep.any():
        return 0
    index = np.flatnonzero(keep)
    rest = scipy.sparse.csr_array(adjacency)[index][:, index]
    return int(component_sizes(rest).max())
