"""Cohesion, openness, diversity, growth and robustness of each MINT network.

Evaluation at the *network level* (Provan & Milward 2001): not how central one actor
is, but whether the network as a whole delivers the "Plus" a regional MINT network
promises — contacts and cooperation (cohesion), ties across districts and between
schools and out-of-school actors (openness), a varied landscape of actors, topics and
target groups (diversity), new ties and members since founding (growth), and a
structure that survives when key actors leave (robustness).

For a network with member set :math:`M` (an umbrella network's members include those of
all its sub-networks, see :func:`mintgraph.graph.network_members`) every structural
figure runs on the **member subgraph** ``graph.subgraph(M)``: the members and the ties
between two members ("member ties"). :func:`network_cohesion` returns one row per
network with the columns of :data:`COHESION_COLUMNS`; ``docs/indicators/networks.md``
defines each of them.

The permutation tests are seeded: every test starts its own
``numpy.random.default_rng(seed)``, so a network's p-value depends only on its own data
and the seed, not on the other networks or their order (the Benjamini–Hochberg ``_q``
columns adjust them across the networks of the table, so those do depend on the others).

The boundary E-I index is tested against two null models. The **regional** one (the
columns ``ei_index_expected``, ``ei_index_excess``, ``ei_index_z``, ``ei_index_p``,
``ei_index_q``) redraws the members from the actors of the network's own area
(:func:`network_area`) keeping the number of members of each actor type — a regional
group is compared with random groups of the same make-up from the same districts. The
**statewide** one (``ei_index_p_statewide``) redraws them from all actors, keeping only
their number.

Example
-------
>>> from mintgraph.graph import cooperation_graph
>>> from mintgraph.testing import tiny_dataset
>>> ds = tiny_dataset()
>>> row = network_cohesion(cooperation_graph(ds), ds, permutations=99).loc["net-a"]
>>> int(row.components), float(row.average_clustering), float(row.ei_regions), row.topics_covered
(1, 1.0, 0.3333333333333333, 'M')

References
----------
Freeman, L. C. (1978). Centrality in social networks: conceptual clarification.
Social Networks 1, 215–239.
Krackhardt, D., Stern, R. N. (1988). Informal networks and organizational crises: an
experimental simulation. Social Psychology Quarterly 51(2), 123–140.
Benjamini, Y., Hochberg, Y. (1995). Controlling the false discovery rate: a practical and
powerful approach to multiple testing. Journal of the Royal Statistical Society B 57(1),
289–300.
Good, P. I. (2005). Permutation, Parametric, and Bootstrap Tests of Hypotheses, 3rd ed.
New York: Springer (permutations restricted to strata).
Blau, P. M. (1977). Inequality and Heterogeneity. New York: Free Press.
Albert, R., Jeong, H., Barabási, A.-L. (2000). Error and attack tolerance of complex
networks. Nature 406, 378–382.
Provan, K. G., Milward, H. B. (2001). Do networks really work? A framework for
evaluating public-sector organizational networks. Public Administration Review 61(4),
414–423.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np
import pandas as pd

from mintgraph import engine
from mintgraph.graph import induced_subgraph, network_members, umbrella_hierarchy
from mintgraph.model import Dataset, split_multi
from mintgraph.regions import land_of
from mintgraph.schema import TOPIC_LETTERS
from mintgraph.timeline import latest_year

if TYPE_CHECKING:
    from mintgraph.workers import Worker

COHESION_COLUMNS: tuple[str, ...] = (
    "components",
    "largest_component_share",
    "average_clustering",
    "degree_centralization",
    "betweenness_centralization",
    "ei_regions",
    "ei_regions_p",
    "ei_regions_q",
    "ei_index_expected",
    "ei_index_excess",
    "ei_index_z",
    "ei_index_p",
    "ei_index_q",
    "ei_index_p_statewide",
    "ei_index_null_sets",
    "cross_district_share",
    "cross_land_share",
    "school_outofschool_share",
    "type_diversity",
    "types",
    "topics_covered",
    "topic_coverage",
    "target_groups",
    "target_groups_list",
    "ties_per_year_since_founding",
    "new_members_per_year",
    "robustness_1",
    "robustness_3",
    "robustness_5",
    "key_actor",
)
"""Columns of :func:`network_cohesion`, in order (the index is the network ``id``)."""

ROBUSTNESS_REMOVALS: tuple[int, ...] = (1, 3, 5)
"""How many key actors the ``robustness_<k>`` columns remove."""

SCHOOL_TYPE = "school"
"""The actor type that counts as *school*; every other type is out-of-school."""

_PERMUTATION_CELLS = 20_000_000
"""The district permutation test handles this many label cells at a time (bounds the memory)."""

_DRAW_CELLS = 2_000_000
"""The stratified draws of the regional null handle this many random keys per stratum at a time."""

COMPILED_MIN_CELLS = 200_000
"""The null models' random member sets of a network are counted by the compiled loop
(:func:`mintgraph.kernels.set_ties`, the same counts) when they hold at least this many actors
together (permutations × members); below, numpy's calls cost less than loading it (the
example's sets hold at most about 80,000)."""

COMPILED_MIN_TIE_CELLS = 2_000_000
"""The district permutations' crossing ties of a network are counted by the compiled loop
(:func:`mintgraph.kernels.crossing_ties`, the same counts) when they compare at least this many
ties (permutations × member ties; the example's landscape about 1.1 million)."""

_RANK_DECIMALS = 12
"""Betweenness values are rounded to this many decimals before ranking, so that values equal
in exact arithmetic but different in the last bits (summation order) tie and fall through
to the degree and id tie-breakers."""


def freeman_centralization(values: Sequence[float] | np.ndarray, kind: str) -> float:
    """Freeman's centralization of a graph from the centralities of its nodes.

    .. math::

        C = \\frac{\\sum_v (C_{max} - C_v)}{\\max \\sum_v (C_{max} - C_v)}

    where the denominator is the largest possible sum on a graph with the same number of
    nodes *n*, reached by the star graph. With ``kind="degree"`` the values are plain
    degrees (numbers of partners) and the denominator is :math:`(n-1)(n-2)`; with
    ``kind="betweenness"`` the values are betweenness centralities normalised to [0, 1]
    (divided by :math:`(n-1)(n-2)/2`, networkx's ``normalized=True``) and the denominator
    is :math:`n - 1`. The star graph gives 1, a cycle or complete graph 0.

    Parameters
    ----------
    values : the centrality of every node of the graph (isolated nodes included).
    kind : ``"degree"`` or ``"betweenness"``.

    Returns
    -------
    float in [0, 1]; NaN for fewer than 3 nodes (the star is not defined).

    Raises
    ------
    ValueError
        For another ``kind``.

    Example
    -------
    >>> freeman_centralization([3, 1, 1, 1], "degree")  # star on 4 nodes
    1.0
    >>> freeman_centralization([1, 2, 2, 1], "degree")  # path on 4 nodes: 2 / 6
    0.3333333333333333

    References
    ----------
    Freeman, L. C. (1978). Centrality in social networks: conceptual clarification.
    Social Networks 1, 215–239.
    """
    array = np.asarray(values, dtype=float)
    n = len(array)
    if kind == "degree":
        largest_sum = (n - 1) * (n - 2)
    elif kind == "betweenness":
        largest_sum = n - 1
    else:
        raise ValueError(f"kind must be 'degree' or 'betweenness', not {kind!r}")
    if n < 3:
        return math.nan
    return float((array.max() - array).sum() / largest_sum)


def blau_index(counts: Iterable[float]) -> float:
    """Blau's index of heterogeneity :math:`1 - \\sum_t p_t^2` of a categorical variable.

    :math:`p_t` is the share of category *t*. 0 = everyone in one category; the maximum
    :math:`1 - 1/k` is reached when *k* categories are equally large. It is the chance that
    two members drawn at random (with replacement) belong to different categories.

    Parameters
    ----------
    counts : the number of members in each category (zeros are allowed).

    Returns
    -------
    float in [0, 1); NaN when the counts sum to 0.

    Example
    -------
    >>> blau_index([2, 2])
    0.5
    >>> blau_index([5])
    0.0

    References
    ----------
    Blau, P. M. (1977). Inequality and Heterogeneity. New York: Free Press.
    """
    array = np.asarray(list(counts), dtype=float)
    total = array.sum()
    if total <= 0:
        return math.nan
    return float(1.0 - ((array / total) ** 2).sum())


def permutation_p(
    observed: float, samples: Sequence[float] | np.ndarray, *, alternative: str = "greater"
) -> float:
    """The p-value of an observed statistic against its permutation distribution.

    .. math::

        p_{\\ge} = \\frac{1 + \\#\\{s \\ge \\text{observed}\\}}{1 + P}

    over the *P* valid (not NaN) permutation samples *s* — the observed arrangement counts
    as one of the equally likely ones, so *p* is never 0 (Davison & Hinkley 1997, ch. 4).
    ``alternative="less"`` counts :math:`s \\le` observed instead; ``"two-sided"`` doubles
    the smaller one-sided value, capped at 1. Samples equal to the observed value up to a
    relative 1e-12 count as equal (floating-point noise must not decide).

    Parameters
    ----------
    observed : the statistic on the data.
    samples : the statistic on each permuted arrangement; NaN samples are left out.
    alternative : ``"greater"`` (default), ``"less"`` or ``"two-sided"``.

    Returns
    -------
    float in (0, 1]; NaN when ``observed`` is NaN or no sample is valid.

    Example
    -------
    >>> permutation_p(0.5, [0.1, 0.5, 0.9])  # (1 + 2) / (1 + 3)
    0.75
    >>> permutation_p(0.5, [0.1, 0.5, 0.9], alternative="less")
    0.75
    >>> permutation_p(1.0, [0.0] * 99, alternative="two-sided")
    0.02

    References
    ----------
    Davison, A. C., Hinkley, D. V. (1997). Bootstrap Methods and their Application, ch. 4.
    Cambridge University Press.
    """
    if alternative not in ("greater", "less", "two-sided"):
        raise ValueError(f"alternative must be 'greater', 'less' or 'two-sided', not {alternative!r}")
    array = np.asarray(samples, dtype=float)
    array = array[~np.isnan(array)]
    if math.isnan(observed) or len(array) == 0:
        return math.nan
    tolerance = 1e-12 * max(1.0, abs(observed))
    greater = (1 + int(np.count_nonzero(array >= observed - tolerance))) / (1 + len(array))
    less = (1 + int(np.count_nonzero(array <= observed + tolerance))) / (1 + len(array))
    if alternative == "greater":
        return greater
    if alternative == "less":
        return less
    return min(1.0, 2 * min(greater, less))


def benjamini_hochberg(p_values: Sequence[float] | np.ndarray) -> np.ndarray:
    """Benjamini–Hochberg adjusted p-values (*q*-values) of a family of tests.

    With the *m* valid p-values sorted, :math:`p_{(1)} \\le \\dots \\le p_{(m)}`,

    .. math::

        q_{(i)} = \\min\\Big(1, \\min_{j \\ge i} \\frac{m}{j} \\, p_{(j)}\\Big)

    and each test gets the *q* of its rank. Rejecting every test with :math:`q \\le \\alpha`
    is the step-up procedure of Benjamini & Hochberg (1995): among the rejected tests, the
    expected share of true null hypotheses (the false discovery rate) is at most
    :math:`\\alpha` for independent (or positively dependent) tests. NaN p-values are not
    tests: they stay NaN and do not count in *m*. Equal p-values get equal *q*.

    Parameters
    ----------
    p_values : the p-values, one per test, in any order; NaN for "no test".

    Returns
    -------
    numpy.ndarray of float, the same shape and order as ``p_values``, each
    :math:`q \\ge p`.

    Raises
    ------
    ValueError
        If a p-value lies outside [0, 1].

    Example
    -------
    >>> benjamini_hochberg([0.01, 0.04, 0.03, 0.5]).round(4).tolist()  # 4·0.01, then 4/3·0.04 twice
    [0.04, 0.0533, 0.0533, 0.5]
    >>> benjamini_hochberg([0.2, float("nan")]).tolist()
    [0.2, nan]

    References
    ----------
    Benjamini, Y., Hochberg, Y. (1995). Controlling the false discovery rate: a practical
    and powerful approach to multiple testing. Journal of the Royal Statistical Society B
    57(1), 289–300.
    """
    p = np.asarray(p_values, dtype=float)
    valid = ~np.isnan(p)
    values = p[valid]
    if ((values < 0) | (values > 1)).any():
        raise ValueError("p-values must lie in [0, 1]")
    q = np.full(p.shape, math.nan)
    m = len(values)
    if m == 0:
        return q
    order = np.argsort(values, kind="stable")
    scaled = values[order] * m / np.arange(1, m + 1)
    adjusted = np.empty(m)
    adjusted[order] = np.minimum(1.0, np.minimum.accumulate(scaled[::-1])[::-1])
    q[valid] = adjusted
    return q


NULL_SETS_CAP = 10**12
"""The largest count :func:`null_sets` reports; any larger count is reported as this."""


def null_sets(strata: Iterable[tuple[int, int]]) -> float:
    """How many distinct member sets a stratified draw can produce: :math:`\\prod_t \\binom{N_t}{k_t}`.

    For each stratum *t* (an actor type in the regional null model of ``ei_index_p``),
    :math:`k_t` members are drawn from a pool of :math:`N_t \\ge k_t` actors. A stratum with
    :math:`N_t = k_t` is fixed (one way). Every possible set is equally likely, so with *L*
    possible sets a two-sided test can never go below about :math:`2 / L`: with fewer than
    40 sets it cannot reach *p* < 0.05, whatever the network does.

    Parameters
    ----------
    strata : pairs ``(N_t, k_t)`` with ``0 <= k_t <= N_t``.

    Returns
    -------
    float: the number of sets, at most :data:`NULL_SETS_CAP` (larger counts are capped).

    Example
    -------
    >>> null_sets([(4, 1), (3, 3), (1, 1)])  # one of four companies varies, the rest is fixed
    4.0
    >>> null_sets([(100_000, 5_000)]) == NULL_SETS_CAP
    True
    """
    log_sets, cap = 0.0, math.log(NULL_SETS_CAP)
    for size, k in strata:
        log_sets += math.lgamma(size + 1) - math.lgamma(k + 1) - math.lgamma(size - k + 1)
        if log_sets > cap + 1:
            return float(NULL_SETS_CAP)
    count = math.prod(math.comb(size, k) for size, k in strata)
    return float(min(count, NULL_SETS_CAP))


def network_area(dataset: Dataset) -> dict[str, frozenset[str]]:
    """The districts each network's regional null model draws its random members from.

    A network's area is, in this order of precedence:

    1. its declared districts (``networks.regions``);
    2. for a network that declares none, the union of the declared districts of every
       network below it in the umbrella hierarchy (:func:`mintgraph.graph.umbrella_hierarchy`);
    3. if that is empty too, the districts of its members (:func:`mintgraph.graph.network_members`,
       sub-networks' members included).

    The permutation test adds the members themselves to the pool of each draw, so a member
    seated outside the area can still be drawn (the observed member set is always one of the
    possible draws).

    Parameters
    ----------
    dataset : the landscape.

    Returns
    -------
    dict network id -> frozenset of district codes (empty for a network without area and members).

    Example
    -------
    >>> from mintgraph.testing import tiny_dataset
    >>> area = network_area(tiny_dataset())  # the umbrella declares none: its sub-networks' areas
    >>> sorted(area["umbrella"]), sorted(area["net-b"])
    (['06611', '06631', '06633'], ['06631'])
    """
    hierarchy = umbrella_hierarchy(dataset)
    members = network_members(dataset)
    declared = {row.id: set(split_multi(row.regions)) for row in dataset.networks.itertuples(index=False)}
    seat = dict(zip(dataset.actors["id"].tolist(), dataset.actors["region"].tolist(), strict=True))
    area = {}
    for nid, codes in declared.items():
        if not codes:
            codes = set().union(*(declared[d] for d in nx.descendants(hierarchy, nid)))
        if not codes:
            codes = {seat[a] for a in members[nid] if seat.get(a)}
        area[nid] = frozenset(codes)
    return area


def attack_order(subgraph: nx.Graph, betweenness: dict[Hashable, float] | None = None) -> list[Hashable]:
    """The nodes from most to least "key": by betweenness, then degree, then id.

    Betweenness is computed once on the intact graph (not recomputed after each removal).

    Parameters
    ----------
    subgraph : the graph (for a network: its member subgraph).
    betweenness : precomputed ``nx.betweenness_centrality(subgraph)``; computed if omitted.

    Returns
    -------
    list of all nodes, highest betweenness first; equal betweenness ranks the higher
    degree first, then the smaller id (compared as text).

    Example
    -------
    >>> path = nx.Graph([("a", "b"), ("b", "c"), ("c", "d"), ("d", "e"), ("x", "y")])
    >>> attack_order(path)  # b and d tie on betweenness and degree: the id decides
    ['c', 'b', 'd', 'a', 'e', 'x', 'y']
    """
    if betweenness is None:
        betweenness = nx.betweenness_centrality(subgraph)
    return sorted(
        subgraph,
        key=lambda v: (-round(betweenness[v], _RANK_DECIMALS), -subgraph.degree(v), str(v)),
    )


def robustness_curve(
    subgraph: nx.Graph, k_values: Iterable[int], *, order: Sequence[Hashable] | None = None
) -> dict[int, float]:
    """Share of the nodes still in the largest component after removing the *k* key nodes.

    .. math::

        R_k = \\frac{|\\text{largest component of } G - \\{v_1, \\dots, v_k\\}|}{n}

    with :math:`v_1, v_2, \\dots` the nodes in :func:`attack_order` (a targeted attack on the
    brokers, Albert, Jeong & Barabási 2000) and *n* the number of nodes **before** any
    removal, as Albert et al.'s *S*. The removed nodes thus count as lost: :math:`R_0` is the
    share in the largest component, :math:`R_k \\le (n - k) / n`, and a value of
    :math:`(n - k)/n` means the rest stays in one piece.

    Parameters
    ----------
    subgraph : the graph (for a network: its member subgraph).
    k_values : how many nodes to remove, e.g. ``(1, 3, 5)``.
    order : the removal order; :func:`attack_order` if omitted.

    Returns
    -------
    dict ``k -> R_k``; NaN where the graph has fewer than ``k + 1`` nodes.

    Example
    -------
    >>> star = nx.star_graph(4)  # centre 0 and 4 leaves
    >>> robustness_curve(star, [0, 1, 4, 5])
    {0: 1.0, 1: 0.2, 4: 0.2, 5: nan}

    References
    ----------
    Albert, R., Jeong, H., Barabási, A.-L. (2000). Error and attack tolerance of complex
    networks. Nature 406, 378–382.
    """
    n = subgraph.number_of_nodes()
    if order is None:
        order = attack_order(subgraph)
    curve: dict[int, float] = {}
    for k in k_values:
        if n < k + 1:
            curve[k] = math.nan
            continue
        rest = induced_subgraph(subgraph, order[k:])
        largest = max((len(c) for c in nx.connected_components(rest)), default=0)
        curve[k] = largest / n
    return curve


def network_cohesion(
    graph: nx.Graph,
    dataset: Dataset,
    *,
    seed: int = 42,
    permutations: int = 999,
    betweenness: Mapping[Hashable, float] | None = None,
    exact: bool | None = None,
) -> pd.DataFrame:
    """One row per network (index ``id``, same order as ``dataset.networks``) with the
    columns of :data:`COHESION_COLUMNS`.

    Structure (``components`` … ``betweenness_centralization``, ``robustness_<k>``,
    ``key_actor``) runs on the member subgraph; openness compares the districts and types
    at the two ends of member ties; the ``ei_index_*`` columns compare the network boundary
    E-I index of :func:`mintgraph.metrics.networks.network_table` with random member sets
    of the same size and type make-up from the network's area (:func:`network_area`), and
    ``ei_index_p_statewide`` with random sets of all actors; the ``_q`` columns adjust the
    p-values across the rows of the table (:func:`benjamini_hochberg`); diversity counts the
    members' types and the topics and target groups of activities they provide; growth
    counts member ties and memberships that began since the network's founding.
    ``docs/indicators/networks.md`` defines every column.

    Parameters
    ----------
    graph : the cooperation graph (:func:`mintgraph.graph.cooperation_graph`), every actor a node.
    dataset : the landscape the graph was built from.
    seed : seed of ``numpy.random.default_rng`` for the permutation tests, and of the sampled
        betweenness.
    permutations : permutations per test (default 999, so that *p* moves in steps of
        1/1000); 0 skips the tests (their columns, and ``ei_index_expected``,
        ``ei_index_excess`` and ``ei_index_z``, are NaN).
    betweenness : the normalised betweenness of every node of ``graph``
        (``networkx.betweenness_centrality(graph)``, e.g. the ``betweenness`` column of
        ``actors.csv``), used for a network whose members are all the graph's nodes instead
        of computing it again (it must come from the same ``exact`` setting).
    exact : how the betweenness of each member subgraph is computed, by the rule of the actor
        level (:func:`mintgraph.engine.sampling_for` on the number of members): None (default)
        exact up to :data:`mintgraph.engine.SAMPLING_THRESHOLD` members and estimated by
        KADABRA within its error bound above; True always exact; False always estimated.

    Returns
    -------
    pandas.DataFrame indexed by network ``id``.

    Raises
    ------
    ValueError
        If ``permutations`` is negative.

    Example
    -------
    >>> from mintgraph.graph import cooperation_graph
    >>> from mintgraph.testing import tiny_dataset
    >>> ds = tiny_dataset()
    >>> row = network_cohesion(cooperation_graph(ds), ds, permutations=0).loc["umbrella"]
    >>> int(row.types), float(row.type_diversity), row.key_actor, float(row.robustness_1)
    (3, 0.625, 'u1', 0.5)

    References
    ----------
    Provan, K. G., Milward, H. B. (2001). Do networks really work? A framework for
    evaluating public-sector organizational networks. Public Administration Review 61(4),
    414–423.
    """
    (table,) = network_cohesion_tables(
        graph, [(dataset, betweenness)], seed=seed, permutations=permutations, exact=exact
    )
    return table


def network_cohesion_tables(
    graph: nx.Graph,
    datasets: Sequence[tuple[Dataset, Mapping[Hashable, float] | None]],
    *,
    seed: int = 42,
    permutations: int = 999,
    exact: bool | None = None,
    worker: Worker | None = None,
) -> list[pd.DataFrame]:
    """:func:`network_cohesion` of each ``(dataset, betweenness)`` on the same graph, the rows of
    all tables computed together on :data:`mintgraph.engine.THREADS` threads (first the first
    dataset's rows): a table of one large network, such as the landscape as one network
    (:func:`mintgraph.analysis.landscape_network`), is computed beside the rows of the others
    instead of after them. Each table is the one :func:`network_cohesion` returns.

    With a ``worker`` (:class:`mintgraph.workers.Worker`), the exact betweenness of a member
    subgraph (igraph's, which holds the interpreter lock) is submitted to it as the row
    begins and read after the row's permutation tests: the same function on the same ties,
    so the same values (a call the worker has not reached by then is done here).

    Example
    -------
    >>> from mintgraph.graph import cooperation_graph
    >>> from mintgraph.testing import tiny_dataset
    >>> ds = tiny_dataset()
    >>> g = cooperation_graph(ds)
    >>> both = network_cohesion_tables(g, [(ds, None), (ds, None)], permutations=9)
    >>> both[0].equals(both[1]) and both[0].equals(network_cohesion(g, ds, permutations=9))
    True
    """
    if permutations < 0:
        raise ValueError(f"permutations must be 0 or more, not {permutations}")
    arrays_of: dict[int, _GraphArrays] = {}  # by actors table: datasets that share it share the arrays
    tasks: list[tuple[Callable[[Any], dict[str, object]], Any]] = []
    for dataset, betweenness in datasets:
        key = id(dataset.actors)
        if key not in arrays_of:
            arrays_of[key] = _GraphArrays(graph, dataset)
        row_of = _row_function(
            arrays_of[key],
            dataset,
            seed=seed,
            permutations=permutations,
            exact=exact,
            betweenness=betweenness,
            worker=worker,
        )
        tasks.extend((row_of, net) for net in dataset.networks.itertuples(index=False))
    # Each row depends only on its network (every random draw has its own generator, seeded with
    # ``seed``), so two threads give the same rows; numpy's permutation draws, networkit and the
    # compiled loops run outside the interpreter lock.
    rows = iter(engine.map_threads(lambda task: task[0](task[1]), tasks))
    tables = []
    for dataset, _ in datasets:
        table = pd.DataFrame(
            [next(rows) for _ in range(len(dataset.networks))], columns=["id", *COHESION_COLUMNS]
        ).set_index("id")
        table["ei_regions_q"] = benjamini_hochberg(table["ei_regions_p"].to_numpy(dtype=float))
        table["ei_index_q"] = benjamini_hochberg(table["ei_index_p"].to_numpy(dtype=float))
        tables.append(table[list(COHESION_COLUMNS)])
    return tables


def _row_function(
    arrays: _GraphArrays,
    dataset: Dataset,
    *,
    seed: int,
    permutations: int,
    exact: bool | None,
    betweenness: Mapping[Hashable, float] | None,
    worker: Worker | None = None,
) -> Callable[[Any], dict[str, object]]:
    """The function that computes a network's row of :func:`network_cohesion` (a row of
    ``dataset.networks`` as a named tuple)."""
    members = network_members(dataset)
    area = network_area(dataset)
    last_year = latest_year(dataset)
    joined = _join_years(dataset)
    # each activity's provider as a node position (-1, not in the graph: the spare last place)
    provider_at = pd.Index(arrays.nodes).get_indexer(dataset.activities["provider"])

    def network_row(net: Any) -> dict[str, object]:
        mask = arrays.mask(members[net.id])
        founded = None if pd.isna(net.founded) else int(net.founded)
        years = last_year - founded + 1 if founded is not None and last_year is not None else None
        row: dict[str, object] = {"id": net.id}
        sub = arrays.engine.subgraph(mask)
        # asked for first and read last: a worker computes it while the permutations run here
        between = _member_betweenness(sub, engine.sampling_for(sub.n, exact, seed), betweenness, worker)
        row.update(_openness(arrays, mask, seed, permutations))
        row.update(_boundary(arrays, mask, area[net.id], seed, permutations))
        provided = np.append(mask, False)[provider_at]
        row.update(_diversity(dataset.activities[provided], arrays.types[mask]))
        row.update(_growth(arrays, mask, joined[net.id], founded, years))
        row.update(_structure(sub, between()))
        return row

    return network_row


class _GraphArrays:
    """The cooperation graph as numpy arrays: edge endpoints, degrees, and districts and types by node."""

    def __init__(self, graph: nx.Graph, dataset: Dataset) -> None:
        eg = engine.engine_graph(graph)
        self.engine = eg
        self.nodes = list(eg.nodes)
        self.u = eg.edges[:, 0]
        self.v = eg.edges[:, 1]
        self.first_year = engine.edge_attribute(graph, "first_year")
        actors = dataset.actors.set_index("id")
        regions = actors["region"].reindex(self.nodes).fillna("").to_numpy()
        codes, self.district_codes = pd.factorize(regions)
        self.district = codes.astype(np.int16 if codes.max(initial=0) < 2**15 else np.int32)
        land_of_code = np.array([int(land_of(c) or -1) for c in self.district_codes], dtype=np.int8)
        self.land = land_of_code[codes] if len(land_of_code) else np.full(len(codes), -1, dtype=np.int8)
        self.types = actors["type"].reindex(self.nodes).to_numpy(dtype=object)
        self.type_code = pd.factorize(self.types, use_na_sentinel=False)[0]
        self.school = self.types == SCHOOL_TYPE
        n = len(self.nodes)
        self.degree = np.bincount(self.u, minlength=n) + np.bincount(self.v, minlength=n)
        self._forward: tuple[np.ndarray, np.ndarray] | None = None

    @property
    def forward(self) -> tuple[np.ndarray, np.ndarray]:
        """Each tie once, at its end with the smaller node index: CSR ``(indptr, indices)``."""
        if self._forward is None:
            low, high = np.minimum(self.u, self.v), np.maximum(self.u, self.v)
            order = np.lexsort((high, low))
            indptr = np.zeros(len(self.nodes) + 1, dtype=np.int64)
            np.cumsum(np.bincount(low, minlength=len(self.nodes)), out=indptr[1:])
            self._forward = indptr, high[order]
        return self._forward

    @functools.cached_property
    def forward_compact(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """:attr:`forward` and :attr:`degree` as 32-bit integers where they fit, for the compiled
        count (half the memory it reads at random: about 20 % faster for sets of 18,000 of
        100,000 actors); numpy's count keeps the 64-bit arrays (mixed widths cost it casts)."""
        indptr, indices = self.forward
        dtype = np.int32 if max(len(self.nodes), len(indices)) < 2**31 - 1 else np.int64
        return indptr.astype(dtype), indices.astype(dtype), self.degree.astype(dtype)

    def mask(self, group: Iterable[Hashable]) -> np.ndarray:
        return self.engine.mask(group)

    def member_ties(self, mask: np.ndarray) -> np.ndarray:
        return mask[self.u] & mask[self.v]

    def in_districts(self, codes: Iterable[str]) -> np.ndarray:
        """A boolean array over the nodes, True for actors seated in one of the districts."""
        wanted = np.flatnonzero(pd.Index(self.district_codes).isin(list(codes)))
        return np.isin(self.district, wanted)


def _structure(sub: engine.EngineGraph, between: np.ndarray) -> dict[str, object]:
    """Components, clustering, centralization and robustness of the member subgraph (engine),
    with the betweenness of its nodes (in its node order)."""
    n = sub.n
    sizes = engine.component_sizes(sub)
    names = [str(v) for v in sub.nodes]
    degree = sub.degree
    rounded = [round(value, _RANK_DECIMALS) for value in between]
    # by betweenness (rounded), then degree, both descending, then name (a stable sort, as sorted())
    order = np.lexsort((np.array(names, dtype=str), -degree, -np.array(rounded, dtype=float))).tolist()
    robustness = {
        k: math.nan if n < k + 1 else engine.largest_component_without(sub, np.array(order[:k])) / n
        for k in ROBUSTNESS_REMOVALS
    }
    return {
        "components": len(sizes),
        "largest_component_share": int(sizes.max()) / n if n else math.nan,
        "average_clustering": engine.average_clustering(sub),
        "degree_centralization": freeman_centralization(degree, "degree"),
        "betweenness_centralization": freeman_centralization(between, "betweenness"),
        **{f"robustness_{k}": robustness[k] for k in ROBUSTNESS_REMOVALS},
        "key_actor": names[order[0]] if len(sub.edges) else "",
    }


def _member_betweenness(
    sub: engine.EngineGraph,
    sampling: engine.Sampling | None,
    whole: Mapping[Hashable, float] | None,
    worker: Worker | None = None,
) -> Callable[[], np.ndarray]:
    """A call giving the normalised betweenness on the member subgraph, in its node order:
    the precomputed one when the members are the whole graph, else
    :func:`mintgraph.engine.betweenness` (exact, or estimated by KADABRA when ``sampling`` is
    given); the exact one submitted to ``worker`` if there is one (:func:`_tie_betweenness`)."""
    if whole is not None and sub.n == len(whole):
        values = np.array([whole.get(v, math.nan) for v in sub.nodes], dtype=float)
        if not np.isnan(values).any():
            return lambda: values
    if sampling is None and worker is not None and worker.in_worker:
        return worker.submit(functools.partial(_tie_betweenness, sub.n, sub.edges)).result
    return lambda: np.fromiter(engine.betweenness(sub, sampling).values(), dtype=float, count=sub.n)


def _tie_betweenness(n: int, pairs: np.ndarray) -> np.ndarray:
    """The exact normalised betweenness (:func:`mintgraph.engine.betweenness`) of the graph of
    ``n`` nodes and the ties ``pairs`` (an :class:`~mintgraph.engine.EngineGraph`'s ``edges``),
    in node order: what the member subgraph with these ties gives, computed from its ties alone
    (so that a worker process can be sent them).

    >>> _tie_betweenness(3, np.array([[0, 1], [1, 2]])).tolist()
    [0.0, 1.0, 0.0]
    """
    graph = engine.graph_of_ties(n, pairs)
    return np.fromiter(engine.betweenness(graph).values(), dtype=float, count=n)


def _openness(arrays: _GraphArrays, mask: np.ndarray, seed: int, permutations: int) -> dict[str, float]:
    inside = arrays.member_ties(mask)
    u, v = arrays.u[inside], arrays.v[inside]
    ties = len(u)
    crossing = arrays.district[u] != arrays.district[v]
    land_u, land_v = arrays.land[u], arrays.land[v]
    known = (land_u >= 0) & (land_v >= 0)
    mixed = arrays.school[u] != arrays.school[v]
    ei_regions = (2 * int(crossing.sum()) - ties) / ties if ties else math.nan
    return {
        "ei_regions": ei_regions,
        "ei_regions_p": _district_ei_p(arrays, mask, ei_regions, seed, permutations),
        "cross_district_share": float(crossing.mean()) if ties else math.nan,
        "cross_land_share": float((land_u != land_v)[known].mean()) if known.any() else math.nan,
        "school_outofschool_share": float(mixed.mean()) if ties else math.nan,
    }


def _district_ei_p(
    arrays: _GraphArrays, mask: np.ndarray, observed: float, seed: int, permutations: int
) -> float:
    """Two-sided p of the members' district E-I: district labels permuted among the members
    (many comparisons, :data:`COMPILED_MIN_TIE_CELLS`, shuffled and counted by
    :func:`mintgraph.kernels.permuted_crossing_ties`, or counted by
    :func:`mintgraph.kernels.crossing_ties`: the same shuffles and counts)."""
    if permutations == 0 or math.isnan(observed):
        return math.nan
    positions = np.flatnonzero(mask)
    local = np.full(len(mask), -1, dtype=np.intp)
    local[positions] = np.arange(len(positions))
    inside = arrays.member_ties(mask)
    u, v = local[arrays.u[inside]], local[arrays.v[inside]]
    rng = np.random.default_rng(seed)
    district = arrays.district[positions]
    kernels = engine.compiled() if permutations * len(u) >= COMPILED_MIN_TIE_CELLS else None
    if kernels is not None and kernels.SHUFFLES:  # the same shuffles and counts, one compiled loop
        crossing = np.empty(permutations, dtype=np.int64)
        kernels.permuted_crossing_ties(rng, district, u, v, crossing)
        return permutation_p(observed, (2 * crossing - len(u)) / len(u), alternative="two-sided")
    chunk = max(1, _PERMUTATION_CELLS // max(1, len(positions), len(u)))
    samples = np.empty(permutations)
    for start in range(0, permutations, chunk):
        rows = min(chunk, permutations - start)
        labels = rng.permuted(np.tile(district, (rows, 1)), axis=1)
        if kernels is not None:  # the same integer counts, one compiled loop
            crossing = np.empty(rows, dtype=np.int64)
            kernels.crossing_ties(labels, u, v, crossing)
        else:
            crossing = np.count_nonzero(labels[:, u] != labels[:, v], axis=1)
        samples[start : start + rows] = (2 * crossing - len(u)) / len(u)
    return permutation_p(observed, samples, alternative="two-sided")


def _boundary_counts(in_u: np.ndarray, in_v: np.ndarray) -> np.ndarray:
    """E-I index per row from the membership of each tie's two ends; NaN without ties."""
    ends = in_u.astype(np.int8) + in_v.astype(np.int8)
    internal = np.count_nonzero(ends == 2, axis=-1)
    external = np.count_nonzero(ends == 1, axis=-1)
    total = internal + external
    out = np.full(np.shape(total), math.nan)
    np.divide(external - internal, total, out=out, where=total > 0)
    return out


def _boundary(
    arrays: _GraphArrays, mask: np.ndarray, area: frozenset[str], seed: int, permutations: int
) -> dict[str, float]:
    """The boundary E-I index against the regional (stratified) and the statewide null model."""
    observed = float(_boundary_counts(mask[arrays.u], mask[arrays.v]))
    out = dict.fromkeys(("ei_index_expected", "ei_index_excess", "ei_index_z", "ei_index_p"), math.nan)
    out["ei_index_p_statewide"] = math.nan
    if math.isnan(observed):
        out["ei_index_null_sets"] = math.nan
        return out
    strata = _regional_strata(arrays, mask, area)
    out["ei_index_null_sets"] = null_sets([(len(pool), k) for pool, k in strata])
    if permutations == 0:
        return out
    n, k = len(mask), int(mask.sum())
    regional_draws = _stratified_draws(strata, seed, permutations)
    regional = _boundary_samples(arrays, regional_draws, observed, permutations)
    statewide = _boundary_samples(arrays, _statewide_draws(n, k, seed, permutations), observed, permutations)
    valid = regional[~np.isnan(regional)]
    if len(valid):
        constant = bool(valid.min() == valid.max())  # exactly: the mean of equal values may drift
        expected = float(valid[0]) if constant else float(valid.mean())
        spread = 0.0 if constant else float(valid.std())
        out["ei_index_expected"] = expected
        out["ei_index_excess"] = observed - expected
        out["ei_index_z"] = (observed - expected) / spread if spread > 0 else math.nan
    out["ei_index_p"] = permutation_p(observed, regional, alternative="two-sided")
    out["ei_index_p_statewide"] = permutation_p(observed, statewide, alternative="two-sided")
    return out


def _regional_strata(
    arrays: _GraphArrays, mask: np.ndarray, area: frozenset[str]
) -> list[tuple[np.ndarray, int]]:
    """The strata of the regional null: per actor type of the members, the actors of that type
    seated in the area or members themselves (the pool), and how many members are of that type."""
    eligible = arrays.in_districts(area) | mask
    strata = []
    for code in np.unique(arrays.type_code[mask]):
        pool = np.flatnonzero(eligible & (arrays.type_code == code))
        strata.append((pool, int(np.count_nonzero(mask[pool]))))
    return strata


def _statewide_draws(n: int, k: int, seed: int, permutations: int) -> Iterator[np.ndarray] | None:
    """``permutations`` random sets of *k* of the *n* actors; None when every set is the same."""
    if k in (0, n):
        return None
    rng = np.random.default_rng(seed)
    return (rng.choice(n, size=k, replace=False) for _ in range(permutations))


def _stratified_draws(
    strata: Sequence[tuple[np.ndarray, int]], seed: int, permutations: int
) -> Iterator[np.ndarray] | None:
    """``permutations`` random sets with *k* actors drawn from the pool of each stratum ``(pool, k)``,
    without replacement; a stratum whose pool holds no more than *k* actors is always taken whole.
    None when every stratum is taken whole (every set is the same)."""
    fixed = [pool for pool, k in strata if k >= len(pool)]
    drawn = [(pool, k) for pool, k in strata if 0 < k < len(pool)]
    if not drawn:
        return None
    rng = np.random.default_rng(seed)
    chunk = max(1, _DRAW_CELLS // max(len(pool) for pool, _ in drawn))

    def draws() -> Iterator[np.ndarray]:
        for start in range(0, permutations, chunk):
            rows = min(chunk, permutations - start)
            blocks = [np.tile(pool, (rows, 1)) for pool in fixed]
            # the k actors with the smallest of independent uniform keys: a uniform k-subset
            for pool, k in drawn:
                keys = rng.random((rows, len(pool)))
                blocks.append(pool[np.argpartition(keys, k, axis=1)[:, :k]])
            yield from np.hstack(blocks)

    return draws()


def _boundary_samples(
    arrays: _GraphArrays, draws: Iterator[np.ndarray] | None, observed: float, permutations: int
) -> np.ndarray:
    """Boundary E-I index of each random member set of ``draws`` (NaN for a set without ties);
    ``permutations`` copies of ``observed`` when ``draws`` is None (a single possible set).

    Each set *S* is counted from its degree sum :math:`D(S)` and the ties inside, :math:`I(S)`:
    the external ties are :math:`D(S) - 2 I(S)`. :math:`I(S)` counts, for each actor of *S*, its
    partners in *S* with a larger node index (each tie is stored once, :attr:`_GraphArrays.forward`),
    so the cost is about half the degree sum of *S*, not the number of all ties. Many sets
    (:data:`COMPILED_MIN_CELLS`) are counted by :func:`mintgraph.kernels.set_ties` (numba), the
    same integer counts in one compiled loop.
    """
    if draws is None:
        return np.full(permutations, observed)
    indptr, indices = arrays.forward
    forward_degree = np.diff(indptr)
    degree = arrays.degree
    marked = np.zeros(len(arrays.nodes), dtype=bool)
    samples = np.empty(permutations)
    first = next(draws, None)
    if first is None:
        return samples
    draws = itertools.chain([first], draws)
    kernels = engine.compiled() if permutations * len(first) >= COMPILED_MIN_CELLS else None
    if kernels is not None:  # the same integer counts, one compiled loop over the sets
        rows = max(1, _DRAW_CELLS // max(1, len(first)))
        done = 0
        compact_indptr, compact_indices, compact_degree = arrays.forward_compact
        while batch := list(itertools.islice(draws, rows)):
            chosen = np.vstack(batch, dtype=compact_indices.dtype)  # the sets in the same integers
            totals = np.empty(len(batch), dtype=np.int64)
            insides = np.empty(len(batch), dtype=np.int64)
            kernels.set_ties(compact_indptr, compact_indices, compact_degree, chosen, marked, totals, insides)
            outsides = totals - 2 * insides
            with np.errstate(invalid="ignore", divide="ignore"):
                part = (outsides - insides) / (outsides + insides)
            part[totals == 0] = math.nan
            samples[done : done + len(batch)] = part
            done += len(batch)
        return samples
    for p, chosen in enumerate(draws):
        total = int(degree[chosen].sum())
        lengths = forward_degree[chosen]
        scanned = int(lengths.sum())
        marked[chosen] = True
        offsets = np.repeat(indptr[chosen] - np.cumsum(lengths) + lengths, lengths) + np.arange(scanned)
        internal = int(np.count_nonzero(marked[indices[offsets]]))
        marked[chosen] = False
        external = total - 2 * internal
        samples[p] = (external - internal) / (external + internal) if total else math.nan
    return samples


def _diversity(activities: pd.DataFrame, member_types: np.ndarray) -> dict[str, object]:
    """Type, topic and target-group diversity of the members (their types) and of the
    ``activities`` they provide."""
    types = Counter(member_types.tolist())
    letters = set("".join(activities["topic"]).upper())
    topics = "".join(t for t in TOPIC_LETTERS if t in letters)
    target_groups = sorted({g for cell in activities["target_group"] for g in split_multi(cell)})
    return {
        "type_diversity": blau_index(types.values()),
        "types": len(types),
        "topics_covered": topics,
        "topic_coverage": len(topics) / len(TOPIC_LETTERS),
        "target_groups": len(target_groups),
        "target_groups_list": "|".join(target_groups),
    }


def _growth(
    arrays: _GraphArrays, mask: np.ndarray, joined: pd.Series, founded: int | None, years: int | None
) -> dict[str, float]:
    if founded is None or years is None or years < 1:
        return {"ties_per_year_since_founding": math.nan, "new_members_per_year": math.nan}
    first_year = arrays.first_year[arrays.member_ties(mask)]
    new_ties = int(np.count_nonzero(first_year >= founded))
    new_members = int((joined.dropna() >= founded).sum())
    return {"ties_per_year_since_founding": new_ties / years, "new_members_per_year": new_members / years}


def _join_years(dataset: Dataset) -> dict[str, pd.Series]:
    """For each network, the year each member joined it or one of its sub-networks (the
    earliest ``since`` over those memberships; NA if unknown), indexed by actor id."""
    hierarchy = umbrella_hierarchy(dataset)
    memberships = dataset.memberships
    joined = {}
    for nid in dataset.networks["id"]:
        subtree = {nid, *nx.descendants(hierarchy, nid)}
        rows = memberships[memberships["network_id"].isin(subtree)]
        joined[nid] = rows.groupby("actor_id")["since"].min()
    return joined
