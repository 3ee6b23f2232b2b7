"""The network of networks: how the MINT networks are tied to each other.

Three views, all over **direct** memberships (``memberships.csv`` as given; an umbrella
network holds only the actors listed for it, not those of its sub-networks, so that an
umbrella and its child do not share every member by construction):

* :func:`network_quotient` — the quotient graph of the cooperation graph: one row per
  pair of networks :math:`A, B` that are linked, with

  - ``cross_ties`` — cooperation ties with one actor in :math:`A \\setminus B` and the
    other in :math:`B \\setminus A`. A tie that touches a member of *both* networks is
    not counted: that actor already links the two networks and is counted once in
  - ``shared_members`` — :math:`|A \\cap B|`, actors that are direct members of both;
  - ``documented_links`` — rows of ``network_links.csv`` for the pair (either order);
  - ``umbrella`` — one network is the ``parent`` of the other;
  - ``weight`` — ``cross_ties + shared_members``.

  A pair is *linked* when any of the four is non-zero or true.
  :func:`network_of_networks` returns the same as a networkx graph.
* :func:`bridging_actors` — per actor, how many networks it reaches through its own
  memberships and its partners' (``networks_reached``), and whether that is at least two
  (``network_bridge``).
* :func:`community_comparison` — consensus Louvain communities of the cooperation graph
  (the medoid of :data:`CONSENSUS_RUNS` seeded runs) compared with the declared networks:
  modularity of both partitions, and the adjusted Rand index (:func:`adjusted_rand_index`)
  and normalised mutual information (:func:`normalized_mutual_information`) between
  communities and home networks (:func:`home_network`), with their range over the runs.

References
----------
Blondel, V. D., Guillaume, J.-L., Lambiotte, R., Lefebvre, E. (2008). Fast unfolding of
communities in large networks. J. Stat. Mech. P10008.
Lancichinetti, A., Fortunato, S. (2012). Consensus clustering in complex networks. Sci. Rep.
2, 336.
Newman, M. E. J. (2006). Modularity and community structure in networks. PNAS 103(23),
8577–8582.
Hubert, L., Arabie, P. (1985). Comparing partitions. Journal of Classification 2, 193–218.
Danon, L., Díaz-Guilera, A., Duch, J., Arenas, A. (2005). Comparing community structure
identification. J. Stat. Mech. P09008.
Strehl, A., Ghosh, J. (2002). Cluster ensembles — a knowledge reuse framework for combining
multiple partitions. JMLR 3, 583–617.
Provan, K. G., Milward, H. B. (2001). Do networks really work? A framework for evaluating
public-sector organizational networks. Public Administration Review 61(4), 414–423.

Example
-------
>>> from mintgraph.graph import cooperation_graph
>>> from mintgraph.testing import tiny_dataset
>>> ds = tiny_dataset()
>>> q = network_quotient(cooperation_graph(ds), ds)
>>> q[["network_a", "network_b", "cross_ties", "umbrella", "weight"]].values.tolist()
[['net-a', 'net-b', 1, False, 1], ['net-a', 'umbrella', 0, True, 0], ['net-b', 'umbrella', 0, True, 0]]
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from itertools import combinations

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse

from mintgraph import engine
from mintgraph.graph import home_networks, network_members, umbrella_hierarchy
from mintgraph.model import Dataset

QUOTIENT_COLUMNS = (
    "network_a",
    "network_b",
    "cross_ties",
    "shared_members",
    "documented_links",
    "umbrella",
    "weight",
)
"""Columns of :func:`network_quotient`."""

BRIDGING_COLUMNS = ("networks_reached", "network_bridge")
"""Columns of :func:`bridging_actors`."""

COMPARISON_KEYS = (
    "communities",
    "modularity",
    "modularity_declared",
    "ari",
    "nmi",
    "ari_all",
    "nmi_all",
    "runs",
    "stability",
    "ari_min",
    "ari_median",
    "ari_max",
    "nmi_min",
    "nmi_median",
    "nmi_max",
    "modularity_min",
    "modularity_median",
    "modularity_max",
)
"""Keys of the dict returned by :func:`community_comparison`, in order."""

CONSENSUS_RUNS = 50
"""Louvain runs (seeds ``seed``, ``seed + 1``, …) behind the published communities.

All 50 run up to ``CONSENSUS_TIE_BUDGET / CONSENSUS_RUNS`` = 30,000 ties; see :func:`consensus_runs`.
"""

CONSENSUS_TIE_BUDGET = 1_500_000
"""Runs × ties the consensus may cost: above 30,000 ties, ⌊1,500,000 / ties⌋ runs.

One Louvain run costs about 1.5 ms per 1,000 ties (igraph, measured on 2 cores on generated
landscapes: 1 ms at 1,361 ties, 65 ms at 44,000, 0.65 s at 442,000), so the runs take about
1–2 s at most up to 500,000 ties: the 10,000-actor benchmark (44,000 ties) gets 33 runs,
the 100,000-actor one (442,000 ties) :data:`CONSENSUS_MIN_RUNS`, which with the graph built
once costs what the single run of earlier versions did (about 2 s), so the benchmark's
time target holds.
"""

CONSENSUS_MIN_RUNS = 3
"""The fewest Louvain runs, however large the graph: a medoid and a mean agreement need three."""


def _networks_of(dataset: Dataset) -> dict[str, set[str]]:
    """Map each actor id to the ids of the networks it is a direct member of."""
    networks: dict[str, set[str]] = {actor: set() for actor in dataset.actors["id"].tolist()}
    memberships = dataset.memberships
    for actor_id, network_id in zip(
        memberships["actor_id"].tolist(), memberships["network_id"].tolist(), strict=True
    ):
        networks[actor_id].add(network_id)
    return networks


def network_quotient(graph: nx.Graph, dataset: Dataset) -> pd.DataFrame:
    """Return one row per unordered pair of linked networks (the network of networks).

    For networks :math:`A, B` with direct member sets (see the module docstring):
    ``cross_ties`` counts ties :math:`\\{u, v\\}` with :math:`u \\in A \\setminus B` and
    :math:`v \\in B \\setminus A`; ``shared_members`` is :math:`|A \\cap B|`;
    ``documented_links`` counts rows of ``network_links`` for the pair; ``umbrella`` is
    true when one is the ``parent`` of the other; ``weight = cross_ties + shared_members``.

    Parameters
    ----------
    graph : the cooperation graph (:func:`mintgraph.graph.cooperation_graph`).
    dataset : the landscape the graph was built from.

    Returns
    -------
    DataFrame with columns ``network_a, network_b, cross_ties, shared_members,
    documented_links, umbrella, weight``; ``network_a < network_b``; only pairs with a
    cross tie, a shared member, a documented link or an umbrella relation; sorted by the
    two ids.

    Example
    -------
    A shared member links two networks once; its ties inside either network are not
    cross ties:

    >>> from mintgraph.validate import check_records
    >>> actor = lambda i: {"id": i, "name": i, "type": "school", "region": "06611"}
    >>> ds = check_records({
    ...     "actors": [actor(i) for i in "abcx"],
    ...     "networks": [{"id": "A", "name": "A"}, {"id": "B", "name": "B"}],
    ...     "memberships": [{"actor_id": i, "network_id": n} for i, n in
    ...                     [("a", "A"), ("x", "A"), ("x", "B"), ("b", "B"), ("c", "B")]],
    ...     "cooperations": [{"source": s, "target": t, "type": "project", "since": "2020"}
    ...                      for s, t in [("a", "x"), ("x", "b"), ("a", "b"), ("a", "c")]],
    ... }).dataset
    >>> from mintgraph.graph import cooperation_graph
    >>> network_quotient(cooperation_graph(ds), ds).to_dict("records")
    [{'network_a': 'A', 'network_b': 'B', 'cross_ties': 2, 'shared_members': 1, 'documented_links': 0, 'umbrella': False, 'weight': 3}]
    """
    direct = network_members(dataset, include_subnetworks=False)
    networks_of = _networks_of(dataset)
    # A tie counts for every network of one end that the other end is not in, paired with every
    # network of the other end that the first is not in. Ends with the same set of networks give
    # the same pairs: count the ties by the (unordered) pair of their ends' sets, then expand.
    eg = engine.engine_graph(graph)
    sets: dict[frozenset[str], int] = {frozenset(): 0}
    kind = np.array([sets.setdefault(frozenset(networks_of.get(v, ())), len(sets)) for v in eg.nodes])
    kind_u, kind_v = kind[eg.edges[:, 0]], kind[eg.edges[:, 1]]
    keep = (kind_u > 0) & (kind_v > 0) & (kind_u != kind_v)
    low, high = np.minimum(kind_u, kind_v)[keep], np.maximum(kind_u, kind_v)[keep]
    keys, counts = np.unique(low * len(sets) + high, return_counts=True)
    by_kind = list(sets)
    cross: Counter[tuple[str, str]] = Counter()
    for key, count in zip(keys.tolist(), counts.tolist(), strict=True):
        nets_u, nets_v = by_kind[key // len(sets)], by_kind[key % len(sets)]
        for a in nets_u - nets_v:
            for b in nets_v - nets_u:
                cross[(min(a, b), max(a, b))] += count
    shared: Counter[tuple[str, str]] = Counter()
    for nets in networks_of.values():
        for pair in combinations(sorted(nets), 2):
            shared[pair] += 1
    documented: Counter[tuple[str, str]] = Counter()
    for row in dataset.network_links.itertuples(index=False):
        if row.network_a != row.network_b:
            documented[(min(row.network_a, row.network_b), max(row.network_a, row.network_b))] += 1
    umbrella = {(min(p, c), max(p, c)) for p, c in umbrella_hierarchy(dataset).edges}
    pairs = sorted(set(cross) | set(shared) | set(documented) | umbrella)
    rows = [
        {
            "network_a": a,
            "network_b": b,
            "cross_ties": cross[(a, b)],
            "shared_members": shared[(a, b)],
            "documented_links": documented[(a, b)],
            "umbrella": (a, b) in umbrella,
            "weight": cross[(a, b)] + shared[(a, b)],
        }
        for a, b in pairs
        if a in direct and b in direct
    ]
    table = pd.DataFrame(rows, columns=list(QUOTIENT_COLUMNS))
    for col in ("cross_ties", "shared_members", "documented_links", "weight"):
        table[col] = table[col].astype(int)
    table["umbrella"] = table["umbrella"].astype(bool)
    return table


def network_of_networks(graph: nx.Graph, dataset: Dataset, quotient: pd.DataFrame | None = None) -> nx.Graph:
    """Return the network quotient as a graph: networks as nodes, linked pairs as edges.

    Nodes are all network ids (also unlinked ones), in input order, with attributes
    ``name``, ``level`` (``umbrella`` if another network names it as ``parent``, else
    ``network``), ``parent``, ``direct_members`` (the members the quotient is built on)
    and ``members`` (including the members of sub-networks). Edges carry the columns of
    :func:`network_quotient`: ``cross_ties``, ``shared_members``, ``documented_links``,
    ``umbrella`` and ``weight``.

    Parameters
    ----------
    graph : the cooperation graph.
    dataset : the landscape the graph was built from.
    quotient : :func:`network_quotient` of ``graph`` and ``dataset`` if it was computed already
        (the analysis's ``network_pairs``); None: computed here.

    Returns
    -------
    ``nx.Graph``

    Example
    -------
    >>> from mintgraph.graph import cooperation_graph
    >>> from mintgraph.testing import tiny_dataset
    >>> ds = tiny_dataset()
    >>> nn = network_of_networks(cooperation_graph(ds), ds)
    >>> nn.nodes["umbrella"]["level"], nn.nodes["umbrella"]["members"], nn.edges["net-a", "net-b"]["weight"]
    ('umbrella', 4, 1)
    >>> nn.edges["umbrella", "net-a"]["umbrella"], nn.edges["umbrella", "net-a"]["weight"]
    (True, 0)
    """
    direct = network_members(dataset, include_subnetworks=False)
    members = network_members(dataset)
    hierarchy = umbrella_hierarchy(dataset)
    pairs = network_quotient(graph, dataset) if quotient is None else quotient
    nexus = nx.Graph()
    for net in dataset.networks.itertuples(index=False):
        nexus.add_node(
            net.id,
            name=net.name,
            level="umbrella" if hierarchy.out_degree(net.id) else "network",
            parent=net.parent,
            direct_members=len(direct[net.id]),
            members=len(members[net.id]),
        )
    for row in pairs.to_dict("records"):
        a, b = row.pop("network_a"), row.pop("network_b")
        nexus.add_edge(a, b, **{k: (bool(v) if k == "umbrella" else int(v)) for k, v in row.items()})
    return nexus


def bridging_actors(graph: nx.Graph, dataset: Dataset) -> pd.DataFrame:
    """Return, per actor, how many networks it reaches and whether it bridges networks.

    With :math:`N(v)` the networks actor :math:`v` is a direct member of and
    :math:`P(v)` its cooperation partners:

    * ``networks_reached`` — :math:`|N(v) \\cup \\bigcup_{u \\in P(v)} N(u)|`, the networks
      the actor belongs to or works with a member of;
    * ``network_bridge`` — ``networks_reached >= 2``: the actor is a member of two
      networks, or a member of one with a partner in another, or (a member of none)
      has partners in two different networks. In each case it is a path between two
      networks (Gould & Fernandez's representative/gatekeeper, or liaison).

    Parameters
    ----------
    graph : the cooperation graph.
    dataset : the landscape the graph was built from.

    Returns
    -------
    DataFrame indexed by actor id (graph node order) with columns ``networks_reached``
    (int) and ``network_bridge`` (bool).

    Example
    -------
    >>> from mintgraph.graph import cooperation_graph
    >>> from mintgraph.testing import tiny_dataset
    >>> ds = tiny_dataset()
    >>> t = bridging_actors(cooperation_graph(ds), ds)
    >>> t.loc[["u1", "s1", "l1", "m1"], "networks_reached"].tolist(), t.index[t.network_bridge].tolist()
    ([2, 1, 1, 0], ['u1', 'c1'])

    References
    ----------
    Gould, R. V., Fernandez, R. M. (1989). Structures of mediation: a formal approach to
    brokerage in transaction networks. Sociological Methodology 19, 89–126.
    """
    eg = engine.engine_graph(graph)
    position = eg.position
    memberships = dataset.memberships
    rows, cols = [], []
    codes: dict[str, int] = {}
    for actor, network in zip(
        memberships["actor_id"].tolist(), memberships["network_id"].tolist(), strict=True
    ):
        if actor in position:
            rows.append(position[actor])
            cols.append(codes.setdefault(network, len(codes)))
    # actor x network incidence M; the networks reached are the non-zero columns of (A + I) M
    incidence = scipy.sparse.csr_array(
        (np.ones(len(rows)), (np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64))),
        shape=(eg.n, max(len(codes), 1)),
    )
    reach = (eg.adjacency() @ incidence + incidence).tocsr()
    reach.eliminate_zeros()
    index = pd.Index(list(eg.nodes), name="id")
    counts = pd.Series(np.diff(reach.indptr), index=index, dtype=int)
    return pd.DataFrame({"networks_reached": counts, "network_bridge": counts >= 2}, index=index)


def home_network(dataset: Dataset) -> dict[str, str]:
    """The home network of each actor that has one (:func:`mintgraph.graph.home_networks`, members only).

    >>> from mintgraph.testing import tiny_dataset
    >>> home_network(tiny_dataset())
    {'s1': 'net-a', 's2': 'net-a', 'u1': 'net-a', 'c1': 'net-b'}
    """
    return {actor: net for actor, net in home_networks(dataset).items() if net is not None}


def _contingency(
    labels_a: Sequence[Hashable], labels_b: Sequence[Hashable]
) -> tuple[Counter, Counter, Counter]:
    """The contingency table of two labelings, with its row and column sums."""
    if len(labels_a) != len(labels_b):
        raise ValueError(f"labelings differ in length: {len(labels_a)} != {len(labels_b)}")
    table = Counter(zip(labels_a, labels_b, strict=True))
    rows: Counter = Counter()
    cols: Counter = Counter()
    for (a, b), count in table.items():
        rows[a] += count
        cols[b] += count
    return table, rows, cols


def adjusted_rand_index(labels_a: Sequence[Hashable], labels_b: Sequence[Hashable]) -> float:
    """Adjusted Rand index of two labelings of the same items (Hubert & Arabie 1985).

    With :math:`n_{ij}` the contingency table, :math:`a_i, b_j` its row and column sums,
    :math:`S = \\sum_{ij} \\binom{n_{ij}}{2}`, :math:`A = \\sum_i \\binom{a_i}{2}`,
    :math:`B = \\sum_j \\binom{b_j}{2}` and :math:`E = AB / \\binom{n}{2}`:

    .. math:: \\mathrm{ARI} = \\frac{S - E}{(A + B)/2 - E}

    1 for identical partitions (also when both are trivial and the formula is 0/0),
    about 0 for independent ones, negative below chance. Labels are names only: renaming
    them does not change the value.

    Parameters
    ----------
    labels_a, labels_b : sequences of hashable labels, one per item, same length.

    Returns
    -------
    float; NaN for no items.

    Raises
    ------
    ValueError : if the two sequences differ in length.

    Example
    -------
    >>> adjusted_rand_index([0, 0, 1, 1], ["x", "x", "y", "y"])
    1.0
    >>> adjusted_rand_index([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2])  # S=2, A=6, B=3, E=18/15
    0.24242424242424246

    References
    ----------
    Hubert, L., Arabie, P. (1985). Comparing partitions. Journal of Classification 2, 193–218.
    """
    table, rows, cols = _contingency(labels_a, labels_b)
    n = sum(table.values())
    if n == 0:
        return math.nan
    pairs = sum(math.comb(c, 2) for c in table.values())
    sum_a = sum(math.comb(c, 2) for c in rows.values())
    sum_b = sum(math.comb(c, 2) for c in cols.values())
    expected = sum_a * sum_b / math.comb(n, 2) if n > 1 else 0.0
    maximum = (sum_a + sum_b) / 2
    if maximum == expected:
        return 1.0
    return (pairs - expected) / (maximum - expected)


def _entropy(counts: Sequence[int], n: int) -> float:
    return -sum(c / n * math.log(c / n) for c in counts if c)


def normalized_mutual_information(labels_a: Sequence[Hashable], labels_b: Sequence[Hashable]) -> float:
    """Normalised mutual information of two labelings, arithmetic-mean normalisation.

    .. math:: \\mathrm{NMI} = \\frac{I(A; B)}{(H(A) + H(B)) / 2}, \\quad
       I(A; B) = \\sum_{ij} \\frac{n_{ij}}{n} \\log \\frac{n\\, n_{ij}}{a_i b_j}

    (Danon et al. 2005; scikit-learn's default ``average_method="arithmetic"``). 1 for
    identical partitions (also when both put every item in one block), 0 for independent
    ones (mutual information 0). Unlike the ARI it is not corrected for chance: many
    small blocks raise it.

    Parameters
    ----------
    labels_a, labels_b : sequences of hashable labels, one per item, same length.

    Returns
    -------
    float in [0, 1]; NaN for no items.

    Raises
    ------
    ValueError : if the two sequences differ in length.

    Example
    -------
    >>> normalized_mutual_information(["a", "a", "b", "b"], [1, 1, 2, 2])
    1.0
    >>> round(normalized_mutual_information([0, 0, 1, 1], [0, 0, 0, 1]), 6)
    0.343711

    By hand: :math:`I = \\tfrac12 \\ln\\tfrac43 + \\tfrac14 \\ln\\tfrac23 + \\tfrac14 \\ln 2`,
    :math:`H(A) = \\ln 2`, :math:`H(B) = -\\tfrac34 \\ln\\tfrac34 - \\tfrac14 \\ln\\tfrac14`.

    References
    ----------
    Danon, L., Díaz-Guilera, A., Duch, J., Arenas, A. (2005). Comparing community
    structure identification. J. Stat. Mech. P09008.
    Strehl, A., Ghosh, J. (2002). Cluster ensembles. JMLR 3, 583–617.
    """
    table, rows, cols = _contingency(labels_a, labels_b)
    n = sum(table.values())
    if n == 0:
        return math.nan
    if len(rows) == len(cols) == 1:
        return 1.0
    mutual = sum(c / n * math.log(n * c / (rows[a] * cols[b])) for (a, b), c in table.items())
    if mutual <= 0:
        return 0.0
    mean_entropy = (_entropy(list(rows.values()), n) + _entropy(list(cols.values()), n)) / 2
    return min(mutual / mean_entropy, 1.0)


def _modularity(pairs: np.ndarray, weights: np.ndarray | None, blocks: np.ndarray) -> float:
    """Newman's modularity of a partition (block number per node) of the ties ``pairs`` (m × 2
    node positions, with optional ``weights``); NaN without ties.

    Summed in tie and block order, so the value does not depend on ``PYTHONHASHSEED``
    (``networkx.community.modularity`` adds over sets). Same value as networkx otherwise.

    >>> _modularity(np.array([[0, 1], [2, 3], [1, 2]]), None, np.array([0, 0, 1, 1]))
    0.16666666666666663
    """
    w = np.ones(len(pairs)) if weights is None else weights
    total = float(w.sum()) if weights is not None else len(pairs)
    if total == 0:
        return math.nan
    size = int(blocks.max()) + 1 if len(blocks) else 0
    a, b = blocks[pairs[:, 0]], blocks[pairs[:, 1]]
    same = a == b
    inside = np.bincount(a[same], weights=w[same], minlength=size)
    degree = np.bincount(a, weights=w, minlength=size) + np.bincount(b, weights=w, minlength=size)
    present = np.unique(blocks)
    return sum(float(inside[k]) / total - (float(degree[k]) / (2 * total)) ** 2 for k in present)


LOUVAIN_IGRAPH_ABOVE = 50_000
"""Graphs with more ties run Louvain in igraph's C implementation, when igraph is installed."""


def louvain(graph: nx.Graph, *, weight: str | None = None, seed: int = 42) -> list[set]:
    """Louvain communities (resolution 1), seeded: networkx's, or igraph's above a size.

    Up to :data:`LOUVAIN_IGRAPH_ABOVE` ties this is ``networkx.community.louvain_communities``;
    above, if python-igraph is installed, ``igraph.Graph.community_multilevel`` (the same
    method, Blondel et al. 2008, in C — about 20 times faster on 500,000 ties), driven by a
    private ``random.Random(seed)`` so that it is reproducible as well. The two draw their
    random node orders differently, so their partitions may differ in detail.

    >>> len(louvain(nx.barbell_graph(5, 0)))
    2
    """
    if graph.number_of_edges() > LOUVAIN_IGRAPH_ABOVE:
        try:
            return _igraph_louvain(graph, weight=weight, seed=seed)
        except ImportError:
            pass
    return nx.community.louvain_communities(graph, weight=weight, resolution=1.0, seed=seed)


def _igraph_louvain(graph: nx.Graph, *, weight: str | None, seed: int) -> list[set]:
    """igraph's multilevel communities on the graph in its node and edge order, seeded."""
    nodes = list(graph)
    index = {v: i for i, v in enumerate(nodes)}
    pairs = np.array([(index[u], index[v]) for u, v in graph.edges], dtype=np.int64).reshape(-1, 2)
    weights = [d.get(weight, 1) for _, _, d in graph.edges(data=True)] if weight else None
    membership = _igraph_membership(len(nodes), pairs, weights, seed)
    blocks: dict[int, set] = {}
    for v, block in zip(nodes, membership, strict=True):
        blocks.setdefault(block, set()).add(v)
    return list(blocks.values())


def _igraph_membership(n: int, pairs: np.ndarray, weights: Sequence[float] | None, seed: int) -> list[int]:
    """igraph's multilevel community of each of ``n`` nodes, ties ``pairs`` in this order, driven
    by a private ``random.Random(seed)``."""
    import random

    import igraph

    g = igraph.Graph(n=n, edges=pairs.tolist())
    igraph.set_random_number_generator(random.Random(seed))
    try:
        return g.community_multilevel(weights=weights, resolution=1.0).membership
    finally:
        igraph.set_random_number_generator(random)


def _sorted_ties(
    graph: nx.Graph | engine.EngineGraph, weight: str | None
) -> tuple[list, np.ndarray, np.ndarray | None]:
    """The nodes sorted by id, and the ties as node positions in that order (m × 2, ``i <= j``,
    sorted), with their ``weight`` (1 where missing) — the graph as if built in sorted order.
    An engine copy stands for its graph without self-loops, unweighted. Unweighted and without
    self-loops, the ties are kept with the engine copy (read-only): the Louvain runs and the
    communities' comparison ask for them both."""
    if isinstance(graph, engine.EngineGraph) and weight is not None:
        raise ValueError("an engine copy has no weights: give the graph")
    eg = engine.engine_graph(graph)  # every tie but self-loops, in graph order
    loops = (
        []
        if isinstance(graph, engine.EngineGraph)
        else [(u, d) for u, _, d in nx.selfloop_edges(graph, data=True)]
    )
    kept = weight is None and not loops
    if kept and "sorted ties" in eg._memo:
        return eg._memo["sorted ties"]
    nodes = sorted(eg.nodes)
    position = {v: i for i, v in enumerate(nodes)}
    rank = np.fromiter((position[v] for v in eg.nodes), dtype=np.int64, count=len(nodes))
    pairs = np.concatenate(
        [
            rank[eg.edges].reshape(-1, 2),
            np.array([[position[u]] * 2 for u, _ in loops], dtype=np.int64).reshape(-1, 2),
        ]
    ).reshape(-1, 2)
    pairs.sort(axis=1)
    order = np.lexsort((pairs[:, 1], pairs[:, 0]))
    if weight is None:
        ties = pairs[order]
        if kept:
            ties.setflags(write=False)
            eg._memo["sorted ties"] = (nodes, ties, None)
        return nodes, ties, None
    values = [*engine.edge_attribute(graph, weight, 1.0), *(float(d.get(weight, 1)) for _, d in loops)]
    return nodes, pairs[order], np.array(values, dtype=float)[order]


def consensus_runs(ties: int) -> int:
    """How many Louvain runs the consensus partition of a graph with ``ties`` ties is chosen from.

    :data:`CONSENSUS_RUNS` (50) up to 30,000 ties; above, as many as fit
    :data:`CONSENSUS_TIE_BUDGET` (⌊1,500,000 / ties⌋), but at least :data:`CONSENSUS_MIN_RUNS`
    (3), so that the 100,000-actor benchmark stays within its time target.

    >>> consensus_runs(1_361), consensus_runs(44_206), consensus_runs(442_456)
    (50, 33, 3)
    """
    if ties <= 0:
        return CONSENSUS_RUNS
    return max(CONSENSUS_MIN_RUNS, min(CONSENSUS_RUNS, CONSENSUS_TIE_BUDGET // ties))


def louvain_runs(
    graph: nx.Graph | engine.EngineGraph,
    *,
    seed: int = 42,
    weight: str | None = None,
    runs: int | None = None,
) -> Callable[[], list[np.ndarray]]:
    """The Louvain runs of :func:`community_comparison` as one call without arguments: calling
    it returns each run's community of every actor (actors sorted by id), run *i* seeded with
    ``seed + i``. A picklable call on plain arrays, so that :func:`mintgraph.analyze` can
    hand the runs (igraph's, which hold the interpreter lock) to a worker process
    (:class:`mintgraph.workers.Worker`) while it computes other indicators. ``graph`` may be
    the graph's engine copy (:func:`mintgraph.engine.engine_graph`) when the graph has no
    self-loops and the runs are unweighted: the same runs, made before networkx has the ties.

    Raises ``ValueError`` if ``runs`` is less than 1.

    >>> work = louvain_runs(nx.barbell_graph(5, 0), runs=2)
    >>> [run.tolist() for run in work()]
    [[0, 0, 0, 0, 0, 1, 1, 1, 1, 1], [0, 0, 0, 0, 0, 1, 1, 1, 1, 1]]
    """
    return _runs_call(*_sorted_ties(graph, weight), seed=seed, runs=runs)


def _runs_call(
    nodes: list, pairs: np.ndarray, weights: np.ndarray | None, *, seed: int, runs: int | None
) -> Callable[[], list[np.ndarray]]:
    """:func:`louvain_runs` on the graph's sorted ties (:func:`_sorted_ties`), already made."""
    count = consensus_runs(len(pairs)) if runs is None else runs
    if count < 1:
        raise ValueError(f"runs must be 1 or more, not {count}")
    return functools.partial(_louvain_runs, len(nodes), pairs, weights, [seed + i for i in range(count)])


def _louvain_runs(
    n: int, pairs: np.ndarray, weights: np.ndarray | None, seeds: Sequence[int]
) -> list[np.ndarray]:
    """igraph's multilevel membership of each of ``n`` nodes, one run per seed, on one graph
    built once from ``pairs`` (in this order); each run driven by a private ``random.Random(seed)``."""
    import random

    import igraph

    g = igraph.Graph(n=n)
    g.add_edges(pairs)
    values = None if weights is None else weights.tolist()
    runs = []
    try:
        for seed in seeds:
            igraph.set_random_number_generator(random.Random(seed))
            membership = g.community_multilevel(weights=values, resolution=1.0).membership
            runs.append(np.asarray(membership, dtype=np.int64))
    finally:
        igraph.set_random_number_generator(random)
    return runs


def _contingency_counts(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The non-zero cells of the contingency table of two labelings by integers ≥ 0, and its
    row and column sums (numpy: O(n) with ``bincount`` when the table is small, O(n log n) otherwise)."""
    rows, cols = int(a.max()) + 1, int(b.max()) + 1
    if rows * cols <= 4 * len(a) + 1024:
        cells = np.bincount(a * cols + b, minlength=rows * cols)
        cells = cells[cells > 0]
    else:
        cells = np.unique(a * cols + b, return_counts=True)[1]
    return cells, np.bincount(a), np.bincount(b)


def _pairs_within(counts: np.ndarray) -> int:
    return int((counts * (counts - 1) // 2).sum())


def _ari_codes(a: np.ndarray, b: np.ndarray) -> float:
    """:func:`adjusted_rand_index` of two integer labelings, with numpy (same formula, same value)."""
    n = len(a)
    if n == 0:
        return math.nan
    cells, rows, cols = _contingency_counts(a, b)
    pairs, sum_a, sum_b = _pairs_within(cells), _pairs_within(rows), _pairs_within(cols)
    expected = sum_a * sum_b / math.comb(n, 2) if n > 1 else 0.0
    maximum = (sum_a + sum_b) / 2
    if maximum == expected:
        return 1.0
    return (pairs - expected) / (maximum - expected)


def _nmi_codes(a: np.ndarray, b: np.ndarray) -> float:
    """:func:`normalized_mutual_information` of two integer labelings, with numpy."""
    n = len(a)
    if n == 0:
        return math.nan
    a = np.unique(a, return_inverse=True)[1].ravel()
    b = np.unique(b, return_inverse=True)[1].ravel()
    cols = int(b.max()) + 1
    code, cells = np.unique(a * cols + b, return_counts=True)
    rows, columns = np.bincount(a), np.bincount(b)
    if len(rows) == len(columns) == 1:
        return 1.0
    outer = rows[code // cols].astype(float) * columns[code % cols]
    mutual = float(np.sum(cells / n * np.log(n * cells / outer)))
    if mutual <= 0:
        return 0.0
    entropy_a = -float(np.sum(rows / n * np.log(rows / n)))
    entropy_b = -float(np.sum(columns / n * np.log(columns / n)))
    return min(mutual / ((entropy_a + entropy_b) / 2), 1.0)


def pairwise_ari(runs: Sequence[np.ndarray]) -> np.ndarray:
    """The matrix of adjusted Rand indices between every two labelings (1 on the diagonal).

    Each entry from one contingency table in numpy: 50 runs of 100,000 actors take about a
    second.

    >>> pairwise_ari([np.array([0, 0, 1, 1]), np.array([1, 1, 0, 0]), np.array([0, 1, 0, 1])]).round(3).tolist()
    [[1.0, 1.0, -0.5], [1.0, 1.0, -0.5], [-0.5, -0.5, 1.0]]
    """
    size = len(runs)
    matrix = np.eye(size)
    for i in range(size):
        for j in range(i + 1, size):
            matrix[i, j] = matrix[j, i] = _ari_codes(runs[i], runs[j])
    return matrix


def medoid_run(agreement: np.ndarray) -> int:
    """The index of the run with the highest mean agreement with all other runs (the medoid);
    ties go to the lowest index (the lowest seed). 0 for a single run.

    >>> medoid_run(np.array([[1, 0.2, 0.4], [0.2, 1, 0.4], [0.4, 0.4, 1]]))
    2
    """
    size = len(agreement)
    if size < 2:
        return 0
    mean_to_others = (agreement.sum(axis=1) - np.diag(agreement)) / (size - 1)
    return int(np.argmax(mean_to_others))


def _spread(values: Sequence[float], name: str) -> dict[str, float]:
    """``<name>_min``, ``_median``, ``_max`` of the values (NaN ones left out; NaN if none)."""
    known = np.array([v for v in values if not math.isnan(v)], dtype=float)
    if not len(known):
        return {f"{name}_min": math.nan, f"{name}_median": math.nan, f"{name}_max": math.nan}
    return {
        f"{name}_min": float(known.min()),
        f"{name}_median": float(np.median(known)),
        f"{name}_max": float(known.max()),
    }


def community_comparison(
    graph: nx.Graph,
    dataset: Dataset,
    *,
    seed: int = 42,
    weight: str | None = None,
    runs: int | None = None,
    found: list[np.ndarray] | None = None,
) -> tuple[pd.Series, dict[str, float | int]]:
    """Consensus Louvain communities of the cooperation graph, compared with the declared networks.

    **Communities.** The Louvain method (Blondel et al. 2008, resolution 1) maximises
    modularity (Newman 2006) :math:`Q = \\sum_c [L_c / m - (d_c / 2m)^2]` (:math:`L_c` ties
    inside block :math:`c`, :math:`d_c` its degree sum, :math:`m` ties) greedily, visiting the
    nodes in a random order: it is **stochastic**, and different seeds give different
    partitions of the same graph, sometimes far apart. So it runs ``runs`` times (default
    :func:`consensus_runs`: 50 up to 30,000 ties) with the seeds ``seed``, ``seed + 1``, …, and
    the published partition is the **medoid** of the runs: the run with the highest mean
    adjusted Rand index to all the other runs (ties → the lowest seed), a consensus in the
    sense of Lancichinetti & Fortunato (2012) that is itself a Louvain partition. Every run is
    igraph's C implementation (``community_multilevel``), driven by a private
    ``random.Random(seed)``, on the graph with nodes and ties sorted by id, so the result
    depends only on the graph and ``seed`` — not on input order or ``PYTHONHASHSEED``.
    Isolated actors form one-actor communities.

    **Comparison** with the declared partition by :func:`home_network`, for the consensus
    partition:

    * ``modularity`` — :math:`Q` of the consensus partition;
    * ``modularity_declared`` — :math:`Q` with the home networks as blocks and every actor
      without a network as a block of its own (one block of all non-members would credit
      their mutual ties as if they were a declared group);
    * ``ari``, ``nmi`` — :func:`adjusted_rand_index` and
      :func:`normalized_mutual_information` between community and home network over the
      actors **with** a home network;
    * ``ari_all``, ``nmi_all`` — the same over all actors, "no network" being one label;
    * ``communities`` — the number of consensus communities;

    and over the runs:

    * ``runs`` — how many Louvain runs;
    * ``stability`` — the mean adjusted Rand index over all pairs of runs (over all actors):
      1 = every seed gives the same partition; NaN for one run;
    * ``ari_min``, ``ari_median``, ``ari_max``, ``nmi_min``, …, ``modularity_max`` — the range
      and median of ``ari``, ``nmi`` and ``modularity`` over the runs.

    Parameters
    ----------
    graph : the cooperation graph.
    dataset : the landscape the graph was built from.
    seed : the first seed; run *i* uses ``seed + i``.
    weight : edge attribute used as tie weight (e.g. ``"weight"``); ``None`` (default)
        counts every tie once, like the other indicators.
    runs : number of Louvain runs; ``None`` (default) :func:`consensus_runs` of the number of ties.
    found : the runs' memberships if already computed: what ``louvain_runs(graph, seed=seed,
        weight=weight, runs=runs)()`` returns (:func:`louvain_runs`; :func:`mintgraph.analyze`
        has them computed by a worker process). ``None`` (default): computed here.

    Returns
    -------
    (labels, comparison) — ``labels``: Series ``community`` indexed by actor id (graph
    node order), communities numbered 0..k−1 by size (largest first), ties broken by
    their smallest actor id; ``comparison``: dict with the keys of :data:`COMPARISON_KEYS`.
    ``modularity*`` are NaN for a graph without ties; ``ari*``/``nmi*`` NaN without members.

    Raises
    ------
    ValueError : if ``runs`` is less than 1.

    Example
    -------
    >>> from mintgraph.graph import cooperation_graph
    >>> from mintgraph.testing import tiny_dataset
    >>> ds = tiny_dataset()
    >>> labels, comparison = community_comparison(cooperation_graph(ds), ds)
    >>> labels.to_dict()
    {'s1': 0, 's2': 0, 'u1': 0, 'c1': 1, 'l1': 1, 'm1': 2}
    >>> comparison["communities"], comparison["ari"], comparison["runs"], comparison["stability"]
    (3, 1.0, 50, 1.0)

    References
    ----------
    Blondel, V. D. et al. (2008). Fast unfolding of communities in large networks.
    J. Stat. Mech. P10008. Newman, M. E. J. (2006). Modularity and community structure
    in networks. PNAS 103(23), 8577–8582. Lancichinetti, A., Fortunato, S. (2012).
    Consensus clustering in complex networks. Sci. Rep. 2, 336.
    """
    nodes, pairs, weights = _sorted_ties(graph, weight)
    if found is None:
        found = _runs_call(nodes, pairs, weights, seed=seed, runs=runs)()
    count = len(found)
    agreement = pairwise_ari(found)
    consensus = found[medoid_run(agreement)]

    # number the consensus communities by size (largest first), then by their smallest actor id
    # (nodes are sorted by id, so the smallest position)
    sizes = np.bincount(consensus)
    first = np.full(len(sizes), len(nodes), dtype=np.int64)
    np.minimum.at(first, consensus, np.arange(len(nodes)))
    present = np.flatnonzero(sizes)
    ranked = present[np.lexsort((first[present], -sizes[present]))]
    number = np.empty(len(sizes), dtype=np.int64)
    number[ranked] = np.arange(len(ranked))
    blocks = number[consensus]
    label_of = dict(zip(nodes, blocks.tolist(), strict=True))
    labels = pd.Series(
        [label_of[v] for v in graph.nodes], index=pd.Index(list(graph.nodes), name="id"), name="community"
    )

    home = home_network(dataset)
    declared: dict[object, int] = {}
    for actor in nodes:
        declared.setdefault(home.get(actor, ("none", actor)), len(declared))
    declared_of = np.array([declared[home.get(actor, ("none", actor))] for actor in nodes], dtype=np.int64)
    is_member = np.array([v in home for v in nodes], dtype=bool)
    home_codes = declared_of[is_member]
    run_ari = [_ari_codes(home_codes, run[is_member]) for run in found]
    run_nmi = [_nmi_codes(home_codes, run[is_member]) for run in found]
    run_modularity = [_modularity(pairs, weights, run) for run in found]
    chosen = medoid_run(agreement)
    upper = agreement[np.triu_indices(count, k=1)]
    comparison: dict[str, float | int] = {
        "communities": len(ranked),
        "modularity": run_modularity[chosen],
        "modularity_declared": _modularity(pairs, weights, declared_of),
        "ari": run_ari[chosen],
        "nmi": run_nmi[chosen],
        "ari_all": adjusted_rand_index([home.get(v) for v in nodes], blocks.tolist()),
        "nmi_all": normalized_mutual_information([home.get(v) for v in nodes], blocks.tolist()),
        "runs": count,
        "stability": float(upper.mean()) if len(upper) else math.nan,
        **_spread(run_ari, "ari"),
        **_spread(run_nmi, "nmi"),
        **_spread(run_modularity, "modularity"),
    }
    return labels, comparison
