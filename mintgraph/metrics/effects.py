"""Does the network make a difference? Members compared with comparable actors outside it.

The other indicator families *describe* a network. This one asks the funder's question: do
the members of a network cooperate more, more widely and more across borders than
**comparable** actors outside it — and did their ties grow faster after the network was
founded than those of comparable actors outside any network? Every answer is an
association with an interval, never a measured effect of the network: actors choose (and
are chosen) to join, and the design cannot rule out that the more active ones join.
``docs/indicators/effects.md`` explains the design, its assumptions and its limits.

Designs
-------
``matched``
    For a network with member set *M* (an umbrella's members include its sub-networks'), every
    actor falls into a **stratum** of the same actor type and the same district. A stratum with
    members but no non-member is merged with the strata of the same type in the neighbouring
    districts (:func:`matching_strata`); members whose stratum still has no non-member have no
    comparison (``unmatched``). The estimate is the stratified difference of means, each stratum
    weighted by its number of members (the average difference *for the members*, as in exact
    or coarsened matching, Iacus, King & Porro 2012):

    .. math::

        \\Delta = \\sum_s \\frac{m_s}{m} \\big(\\bar y_{s,\\text{members}} - \\bar y_{s,\\text{others}}\\big)

    for the outcomes of :data:`OUTCOMES`.
``before_after``
    For a network founded in year *F* with at least :data:`MIN_YEARS` years of data before *F* and
    from *F* on, each actor's outcome is the change in partners per year: the mean number of
    partners in the years *F* … reference year minus the mean in the years first year … *F*-1.
    Members are compared with actors in **no network**, stratified as above: a stratified
    difference in differences (Angrist & Pischke 2009, ch. 5), which assumes that without the
    network the members' ties would have grown like those of comparable unnetworked actors
    (parallel trends).

Inference
---------
The p-value comes from a permutation test that shuffles membership **within strata**
(Good 2005; the logic of QAP, Krackhardt 1988, applied to actor attributes): type and
district cannot explain a difference that survives it. Two-sided, :math:`p = 2\\min(p_\\ge, p_\\le)`
with :math:`p_\\ge = (1 + \\#\\{\text{perm} \\ge \text{observed}\\})/(1 + P)` as in
:func:`mintgraph.metrics.cohesion.permutation_p`. The 95 % interval inverts the same test: it
holds every shift τ for which "members differ from comparable actors by τ" is not rejected,
assuming the same difference for every member (:func:`inverted_interval`; Lehmann 1975,
Rosenbaum 2002, Ernst 2004), so 0 lies in the interval exactly when *p* > 0.05. Shufflings are
seeded per network and outcome, so a row depends only on its own data and the seed. When a
network's strata hold more than :data:`MONTE_CARLO_CELLS` / ``permutations`` actors, the
p-value and interval come from the normal approximation with the exact permutation
variance (the combinatorial central limit theorem, Hájek 1960; the ``method`` column says which).
``p_adjusted`` controls the false discovery rate over every row of the table
(Benjamini & Hochberg 1995).

Example
-------
>>> from mintgraph.graph import cooperation_graph
>>> from mintgraph.testing import tiny_dataset
>>> ds = tiny_dataset()
>>> table = network_effects(cooperation_graph(ds), ds, permutations=99)
>>> list(table.columns[:6])
['network', 'outcome', 'design', 'members', 'comparisons', 'member_mean']

References
----------
Krackhardt, D. (1988). Predicting with networks: nonparametric multiple regression analysis
of dyadic data. Social Networks 10, 359–381.
Dekker, D., Krackhardt, D., Snijders, T. A. B. (2007). Sensitivity of MRQAP tests to
collinearity and autocorrelation conditions. Psychometrika 72(4), 563–581.
Good, P. I. (2005). Permutation, Parametric, and Bootstrap Tests of Hypotheses, 3rd ed. Springer.
Lehmann, E. L. (1975). Nonparametrics: Statistical Methods Based on Ranks. Holden-Day.
Rosenbaum, P. R. (2002). Observational Studies, 2nd ed., ch. 2. Springer.
Ernst, M. D. (2004). Permutation methods: a basis for exact inference. Statistical Science
19(4), 676–685.
Iacus, S. M., King, G., Porro, G. (2012). Causal inference without balance checking:
coarsened exact matching. Political Analysis 20(1), 1–24.
Angrist, J. D., Pischke, J.-S. (2009). Mostly Harmless Econometrics, ch. 5. Princeton
University Press.
Benjamini, Y., Hochberg, Y. (1995). Controlling the false discovery rate. Journal of the
Royal Statistical Society B 57(1), 289–300.
Hájek, J. (1960). Limiting distributions in simple random sampling from a finite population.
Publications of the Mathematical Institute of the Hungarian Academy of Sciences 5, 361–374.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from statistics import NormalDist
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from mintgraph import engine
from mintgraph.graph import network_members
from mintgraph.metrics.cohesion import SCHOOL_TYPE, benjamini_hochberg, permutation_p
from mintgraph.model import Dataset, split_multi

MATCHED = "matched"
BEFORE_AFTER = "before_after"
DESIGNS = (MATCHED, BEFORE_AFTER)
"""Values of the ``design`` column."""


@dataclass(frozen=True)
class Outcome:
    """One outcome of the matched design: what it counts, in English and German."""

    en: str
    de: str


OUTCOMES: dict[str, Outcome] = {
    "degree": Outcome("partners", "Partner"),
    "cross_district_partners": Outcome("partners in other districts", "Partner in anderen Kreisen"),
    "school_outofschool_partners": Outcome(
        "partners across the school / out-of-school line",
        "Partner über die Grenze Schule / außerschulisch",
    ),
    "partners_outside_network": Outcome("partners outside the network", "Partner außerhalb des Netzwerks"),
    "betweenness": Outcome("betweenness (brokerage)", "Betweenness (Vermittlung)"),
}
"""Outcomes of the matched design (per actor, on the current ties); the before/after design
uses ``degree`` (its change in partners per year)."""

EFFECT_COLUMNS: tuple[str, ...] = (
    "network",
    "outcome",
    "design",
    "members",
    "comparisons",
    "member_mean",
    "comparison_mean",
    "difference",
    "ci_low",
    "ci_high",
    "p_value",
    "p_adjusted",
    "note",
    "network_name",
    "unmatched",
    "strata",
    "method",
)
"""Columns of ``effects.csv``; the first thirteen are a fixed interface other tools read."""

LEVEL = 0.95
"""Confidence level of ``ci_low`` … ``ci_high``."""

MIN_YEARS = 2
"""Years of data the before/after design needs before the founding year, and from it on."""

MONTE_CARLO_CELLS = 1_000_000
"""Above this many (actors in a network's strata) × permutations, the permutation test and the
interval use the normal approximation with the exact permutation variance instead of drawing."""

_CHUNK_CELLS = 2_000_000
"""Random draws are made in batches of at most this many cells (bounds the memory)."""

COMPILED_MIN_CELLS = 250_000
"""A test's shufflings are selected by the compiled loop (:func:`mintgraph.kernels.smallest_in_blocks`:
the same actors as numpy's sort, about four times faster) when they hold at least this many actors
together (permutations × actors in the strata; at most :data:`MONTE_CARLO_CELLS`, above which
nothing is drawn); below, sorting costs less than loading it (the example never loads it)."""

METHOD_MONTE_CARLO = "permutation within strata; interval by test inversion"
METHOD_NORMAL = "normal approximation (exact permutation variance)"


@dataclass(frozen=True)
class Strata:
    """The result of :func:`matching_strata`.

    ``code`` gives each actor its stratum (0 … ``count``-1) or -1 when it takes no part
    (neither a matched member nor a comparison); ``unmatched`` counts the members without a
    comparison; ``merged`` the strata that were widened to neighbouring districts.
    """

    code: np.ndarray
    count: int
    unmatched: int
    merged: int


def type_district_cells(types: np.ndarray, districts: np.ndarray) -> tuple[np.ndarray, list[tuple[Any, Any]]]:
    """Each actor's cell (type, district) as a number, and the cells ``(type, district)`` in the
    order of those numbers (sorted by the type's, then the district's first appearance).

    >>> cell, cells = type_district_cells(np.array(["school", "lab", "school"]), np.array(["A", "A", "B"]))
    >>> cell.tolist(), cells
    ([0, 2, 1], [('school', 'A'), ('school', 'B'), ('lab', 'A')])
    """
    type_code, type_names = pd.factorize(np.asarray(types, dtype=object))
    district_code, district_names = pd.factorize(np.asarray(districts, dtype=object))
    width = max(len(district_names), 1)
    codes, cell = np.unique(type_code.astype(np.int64) * width + district_code, return_inverse=True)
    return cell, [(type_names[c // width], district_names[c % width]) for c in codes.tolist()]


def matching_strata(
    types: np.ndarray,
    districts: np.ndarray,
    members: np.ndarray,
    pool: np.ndarray,
    neighbours: Mapping[str, set[str]] | None = None,
    *,
    known: tuple[np.ndarray, list[tuple[Any, Any]]] | None = None,
) -> Strata:
    """Strata of comparable actors: the same type in the same district, widened where needed.

    1. Every member and every actor of the comparison ``pool`` falls into the cell (type, district).
    2. A cell with members but no pool actor is merged with the cells of the same type in the
       neighbouring districts (``neighbours``), those cells whole (members and pool), so the
       strata stay disjoint and the permutation within strata stays exact. Merges chain: a
       neighbour cell that needed widening itself widens the merged stratum too.
    3. Strata with members and pool actors are numbered in order of their first actor; members
       of a stratum without pool actor are ``unmatched``; pool actors of a stratum without
       members take no part.

    Parameters
    ----------
    types, districts : per actor.
    members : boolean per actor, True for the network's members.
    pool : boolean per actor, True for the actors members may be compared with (not members).
    neighbours : district code -> neighbouring district codes.
    known : ``type_district_cells(types, districts)``, when already made for these actors (it
        is the same for every network).

    Returns
    -------
    :class:`Strata`.

    Example
    -------
    >>> import numpy as np
    >>> t = np.array(["school"] * 5)
    >>> d = np.array(["A", "A", "B", "B", "C"])
    >>> m = np.array([True, False, True, True, False])
    >>> s = matching_strata(t, d, m, ~m, {"B": {"C"}, "C": {"B"}})  # B has no non-member: merged with C
    >>> s.code.tolist(), s.unmatched, s.merged
    ([0, 0, 1, 1, 1], 0, 1)
    """
    neighbours = neighbours or {}
    members = np.asarray(members, dtype=bool)
    pool = np.asarray(pool, dtype=bool) & ~members
    part = members | pool
    cell, cells = type_district_cells(types, districts) if known is None else known
    cell = np.where(part, cell, -1)
    n_cells = len(cells)
    has_member = np.bincount(cell[members], minlength=n_cells) > 0
    has_pool = np.bincount(cell[pool], minlength=n_cells) > 0
    index = {key: i for i, key in enumerate(cells)}
    parent = list(range(n_cells))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    widened: list[int] = []
    for i in np.flatnonzero(has_member & ~has_pool).tolist():
        kind, district = cells[i]
        joined = False
        for other in sorted(neighbours.get(district, ())):
            j = index.get((kind, other))
            if j is not None and (has_member[j] or has_pool[j]):
                joined = True
                a, b = find(i), find(j)
                if a != b:
                    parent[max(a, b)] = min(a, b)
        if joined:
            widened.append(i)
    root = np.array([find(i) for i in range(n_cells)], dtype=np.int64)
    group = np.where(cell >= 0, root[np.maximum(cell, 0)], -1)
    members_in = np.bincount(group[members], minlength=n_cells)
    pool_in = np.bincount(group[pool & (group >= 0)], minlength=n_cells)
    valid = (members_in > 0) & (pool_in > 0)
    unmatched = int(members_in[~valid].sum())
    kept = np.where(group >= 0, valid[np.maximum(group, 0)], False)
    numbered = np.full(len(group), -1, dtype=np.int64)
    codes, _ = pd.factorize(group[kept])
    numbered[kept] = codes
    merged = sum(bool(valid[root[i]]) for i in widened)  # widened cells that found a comparison
    return Strata(numbered, int(codes.max(initial=-1)) + 1, unmatched, merged)


def stratified_difference(
    y: np.ndarray,
    members: np.ndarray,
    strata: np.ndarray,
    *,
    seed: int | list[int] = 0,
    permutations: int = 999,
    level: float = LEVEL,
    coupling: sp.spmatrix | None = None,
) -> dict[str, object]:
    """The stratified difference of means between members and comparisons, its interval and p-value.

    Parameters
    ----------
    y : outcome per actor (float).
    members : boolean per actor.
    strata : stratum per actor (0 … S-1), -1 for actors that take no part (see :func:`matching_strata`).
    seed : seed of ``numpy.random.default_rng`` (an int or a list of ints).
    permutations : shufflings of the test and its inverted interval (0: neither).
    level : confidence level of the interval.
    coupling : for an outcome that depends on the membership itself (partners outside the
        network): a square matrix over the actors with ``y`` under another membership *x*
        equal to ``y - coupling @ (x - members)``; the permutation test recomputes ``y`` for
        every shuffled membership.

    Returns
    -------
    dict with ``members``, ``comparisons`` (actors in the strata), ``member_mean``,
    ``comparison_mean`` (the comparisons' stratum means weighted by members per stratum),
    ``difference``, ``ci_low``, ``ci_high``, ``p_value`` (two-sided) and ``method``.

    Example
    -------
    >>> import numpy as np
    >>> y = np.array([3.0, 1.0, 1.0, 5.0, 2.0, 0.0])
    >>> m = np.array([True, False, False, True, False, False])
    >>> s = np.array([0, 0, 0, 1, 1, -1])
    >>> r = stratified_difference(y, m, s, permutations=0)  # (3 - 1)/2 + (5 - 2)/2
    >>> r["member_mean"], r["comparison_mean"], r["difference"]
    (4.0, 1.5, 2.5)
    """
    y = np.asarray(y, dtype=float)
    members = np.asarray(members, dtype=bool)
    strata = np.asarray(strata, dtype=np.int64)
    units = np.flatnonzero(strata >= 0)
    # sort by stratum, members first inside each stratum
    order = units[np.lexsort((~members[units], strata[units]))]
    s = strata[order]
    t = members[order]
    ys = y[order]
    n_strata = int(s.max(initial=-1)) + 1
    n = np.bincount(s, minlength=n_strata)
    m = np.bincount(s, weights=t, minlength=n_strata).astype(np.int64)
    result: dict[str, object] = {
        "members": int(m.sum()),
        "comparisons": int((n - m).sum()),
        "member_mean": math.nan,
        "comparison_mean": math.nan,
        "difference": math.nan,
        "ci_low": math.nan,
        "ci_high": math.nan,
        "p_value": math.nan,
        "method": "",
    }
    if n_strata == 0 or (m == 0).any() or (m == n).any():
        return result
    weight = m / m.sum()
    starts = np.concatenate([[0], np.cumsum(n)[:-1]])
    mean1 = np.bincount(s, weights=ys * t, minlength=n_strata) / m
    mean0 = np.bincount(s, weights=ys * ~t, minlength=n_strata) / (n - m)
    member_mean = float(weight @ mean1)
    comparison_mean = float(weight @ mean0)
    difference = member_mean - comparison_mean
    result.update(member_mean=member_mean, comparison_mean=comparison_mean, difference=difference)
    if permutations <= 0:
        return result
    coupled = None if coupling is None else sp.csr_matrix(coupling)[order][:, order]
    rng = np.random.default_rng(seed)
    if len(order) * permutations > MONTE_CARLO_CELLS:
        variance = _permutation_variance(ys, s, n, m, weight)
        sd = math.sqrt(variance)
        z = NormalDist().inv_cdf(0.5 + level / 2)
        p = 1.0 if sd == 0 else min(1.0, 2 * (1 - NormalDist().cdf(abs(difference) / sd)))
        result.update(
            ci_low=difference - z * sd, ci_high=difference + z * sd, p_value=p, method=METHOD_NORMAL
        )
        return result
    null, overlap = _permuted(ys, t, s, n, m, weight, starts, rng, permutations, coupled)
    low, high = inverted_interval(difference, null, overlap, level)
    if not (math.isfinite(low) and math.isfinite(high)):
        low = high = math.nan  # too few distinct shufflings to bound it: no interval
        result["unbounded"] = True
    result.update(
        ci_low=low,
        ci_high=high,
        p_value=permutation_p(difference, null, alternative="two-sided"),
        method=METHOD_MONTE_CARLO,
    )
    return result


def inverted_interval(
    observed: float, null: np.ndarray, overlap: np.ndarray, level: float = LEVEL
) -> tuple[float, float]:
    """The interval of shifts τ that the two-sided permutation test does not reject.

    Under a constant difference τ (every member's outcome is τ above what it would be
    otherwise), the outcomes minus τ for the members have no difference, and a shuffled
    membership *p* gives the statistic :math:`D_p - \tau K_p`, where :math:`D_p` is the
    statistic of *p* on the observed outcomes and :math:`K_p = \\sum_s w_s (c_s/m_s -
    (m_s - c_s)/(n_s - m_s))` with :math:`c_s` the true members among those *p* puts in
    stratum *s* (``overlap``). The test of τ counts the shufflings with
    :math:`D_p - \tau K_p \\ge D - \tau`, that is :math:`\tau \\ge r_p = (D - D_p)/(1 - K_p)`;
    so the interval runs between order statistics of the :math:`r_p`, and 0 lies inside it
    exactly when the p-value of :func:`~mintgraph.metrics.cohesion.permutation_p` exceeds
    1 - ``level`` (Lehmann 1975, ch. 1; Rosenbaum 2002, ch. 2; Ernst 2004).

    Parameters
    ----------
    observed : the statistic on the data (*D*).
    null : the statistic of each shuffling (:math:`D_p`).
    overlap : :math:`K_p` of each shuffling (1 when it reproduces the observed membership).
    level : confidence level.

    Returns
    -------
    (low, high); ±inf when too few shufflings were drawn to bound the interval at this level.

    Example
    -------
    >>> import numpy as np
    >>> null = np.array([-2.0, -1.0, 0.0, 1.0, 2.0] * 40)  # 200 shufflings, none overlapping
    >>> inverted_interval(3.0, null, np.zeros(200), level=0.9)
    (1.0, 5.0)
    """
    null = np.asarray(null, dtype=float)
    overlap = np.asarray(overlap, dtype=float)
    same = np.isclose(overlap, 1.0)
    r = np.sort((observed - null[~same]) / (1.0 - overlap[~same]))
    # tau is kept while (1 + equal + #{r <= tau}) / (1 + P) > alpha / 2, and likewise from above
    alpha = (1 - level) / 2
    need = max(0, math.floor(alpha * (1 + len(null)) - 1 - int(same.sum()) + 1e-9) + 1)
    if need == 0:
        return -math.inf, math.inf
    if need > len(r):
        return math.nan, math.nan
    return float(r[need - 1]), float(r[len(r) - need])


def _permutation_variance(
    ys: np.ndarray, s: np.ndarray, n: np.ndarray, m: np.ndarray, weight: np.ndarray
) -> float:
    """The exact variance of the stratified difference over all within-stratum shufflings."""
    total = np.bincount(s, weights=ys, minlength=len(n))
    square = np.bincount(s, weights=ys * ys, minlength=len(n))
    s2 = (square - total * total / n) / np.maximum(n - 1, 1)
    return float(np.sum(weight**2 * np.maximum(s2, 0) * n / (m * (n - m))))


def _batches(total: int, width: int) -> list[int]:
    size = max(1, _CHUNK_CELLS // max(width, 1))
    return [min(size, total - start) for start in range(0, total, size)]


def _differences(
    sums1: np.ndarray, totals: np.ndarray, n: np.ndarray, m: np.ndarray, weight: np.ndarray
) -> np.ndarray:
    return (sums1 / m - (totals - sums1) / (n - m)) @ weight


def _permuted(
    ys: np.ndarray,
    t: np.ndarray,
    s: np.ndarray,
    n: np.ndarray,
    m: np.ndarray,
    weight: np.ndarray,
    starts: np.ndarray,
    rng: np.random.Generator,
    permutations: int,
    coupled: sp.csr_matrix | None,
) -> tuple[np.ndarray, np.ndarray]:
    """The stratified difference under ``permutations`` shufflings of membership within strata,
    and each shuffling's overlap :math:`K_p` with the observed membership (see :func:`inverted_interval`)."""
    width = len(ys)
    out, overlaps = [], []
    totals = np.bincount(s, weights=ys, minlength=len(n))
    kernels = engine.compiled() if permutations * width >= COMPILED_MIN_CELLS else None
    for batch in _batches(permutations, width):
        keys = rng.random((batch, width)) + s  # each stratum's block stays in place when sorted
        chosen = np.zeros((batch, width), dtype=bool)
        if kernels is not None:  # the same actors, selected instead of sorted
            kernels.smallest_in_blocks(keys, starts, n, m, chosen)
        else:
            picked = np.argsort(keys, axis=1, kind="stable")[:, t]  # the first m_s slots of each block
            np.put_along_axis(chosen, picked, True, axis=1)
        if coupled is None:
            values = np.broadcast_to(ys, chosen.shape)
            batch_totals = np.broadcast_to(totals, (batch, len(n)))
        else:
            shift = (chosen.astype(float) - t) @ coupled.T  # row r: coupling @ (x_r - members)
            values = ys - shift
            batch_totals = np.add.reduceat(values, starts, axis=1)
        sums1 = np.add.reduceat(np.where(chosen, values, 0.0), starts, axis=1)
        out.append(_differences(sums1, batch_totals, n, m, weight))
        kept = np.add.reduceat((chosen & t).astype(float), starts, axis=1)
        overlaps.append((kept / m - (m - kept) / (n - m)) @ weight)
    return np.concatenate(out), np.concatenate(overlaps)


def _seed(seed: int, network: str, outcome: str, design: str) -> list[int]:
    """A seed for one row: depends on the seed and the row's own keys, not on the table's order."""
    return [seed, zlib.crc32(network.encode()), zlib.crc32(outcome.encode()), DESIGNS.index(design)]


def region_neighbours(dataset: Dataset) -> dict[str, set[str]]:
    """District code -> codes of the districts sharing a border with it (the ``neighbours`` column).

    >>> from mintgraph.testing import tiny_dataset
    >>> sorted(region_neighbours(tiny_dataset())["06631"])  # Fulda
    ['06435', '06535', '06632']
    """
    out: dict[str, set[str]] = {}
    if "neighbours" not in dataset.regions:
        return out
    for code, cell in zip(dataset.regions["code"], dataset.regions["neighbours"], strict=True):
        for other in split_multi(cell if isinstance(cell, str) else ""):
            out.setdefault(code, set()).add(other)
            out.setdefault(other, set()).add(code)
    return out


class _Actors:
    """The actors as arrays in input order, with the adjacency of the current ties."""

    def __init__(self, graph: nx.Graph, dataset: Dataset) -> None:
        actors = dataset.actors
        self.ids = actors["id"].to_numpy(dtype=object)
        self.types = actors["type"].fillna("").to_numpy(dtype=object)
        self.districts = actors["region"].fillna("").to_numpy(dtype=object)
        self.cells = type_district_cells(self.types, self.districts)  # the same for every network
        position = self._position = pd.Index(self.ids)
        eg = engine.engine_graph(graph)
        nodes = position.get_indexer(pd.Index(eg.nodes, dtype=object))
        u, v = nodes[eg.edges[:, 0]], nodes[eg.edges[:, 1]]
        keep = (u >= 0) & (v >= 0)
        u, v = u[keep], v[keep]
        n = len(self.ids)
        ones = np.ones(2 * len(u))
        self.adjacency = sp.csr_matrix((ones, (np.r_[u, v], np.r_[v, u])), shape=(n, n))
        self.degree = np.asarray(self.adjacency.sum(axis=1)).ravel()
        other_district = (self.districts[u] != self.districts[v]).astype(float)
        self.cross_district = np.bincount(u, other_district, n) + np.bincount(v, other_district, n)
        school = self.types == SCHOOL_TYPE
        across = (school[u] != school[v]).astype(float)
        self.across = np.bincount(u, across, n) + np.bincount(v, across, n)

    def mask(self, ids: set[str]) -> np.ndarray:
        """True for the actors in ``ids`` (ids of no actor are ignored): looked up in the ids'
        index, whose hash table is made once, not for every network."""
        if not self._position.is_unique:  # not after validation; isin tells them apart anyway
            return self._position.isin(list(ids))
        at = self._position.get_indexer(list(ids))
        mask = np.zeros(len(self.ids), dtype=bool)
        mask[at[at >= 0]] = True
        return mask


def network_effects(
    graph: nx.Graph,
    dataset: Dataset,
    *,
    history: Dataset | None = None,
    reference_year: int | None = None,
    betweenness: Mapping[str, float] | pd.Series | None = None,
    seed: int = 42,
    permutations: int = 999,
    level: float = LEVEL,
) -> pd.DataFrame:
    """``effects.csv``: one row per network × outcome × design (see the module docstring).

    Parameters
    ----------
    graph : the cooperation graph of the current ties (:func:`mintgraph.graph.cooperation_graph`).
    dataset : the landscape those ties belong to (its actors, networks and memberships).
    history : every row of every year (for the before/after design); default ``dataset``.
    reference_year : the last year of the before/after design; default the last year of
        ``history``'s cooperations.
    betweenness : betweenness by actor id (the ``betweenness`` column of ``actors.csv``);
        computed exactly with networkx when not given.
    seed : seed of the permutations.
    permutations : permutations of each test (0: no p-values and intervals).
    level : confidence level of the intervals.

    Returns
    -------
    DataFrame with the columns of :data:`EFFECT_COLUMNS`: for every network the
    :data:`OUTCOMES` of the matched design, then the before/after row; a row that cannot be
    estimated has empty numbers and says why in ``note``. ``p_adjusted`` is the
    Benjamini–Hochberg *q* over all rows with a p-value.

    Example
    -------
    >>> from mintgraph.graph import cooperation_graph
    >>> from mintgraph.testing import tiny_dataset
    >>> ds = tiny_dataset()
    >>> t = network_effects(cooperation_graph(ds), ds, permutations=0)
    >>> row = t[(t.network == "net-a") & (t.outcome == "degree") & (t.design == "matched")].iloc[0]
    >>> int(row.members), row.note
    (3, '3 of 3 members have no comparable non-member (same type, same or neighbouring district)')
    """
    history = dataset if history is None else history
    actors = _Actors(graph, dataset)
    neighbours = region_neighbours(dataset)
    if betweenness is None:
        betweenness = nx.betweenness_centrality(graph)
    between = pd.Series(betweenness, dtype=float).reindex(actors.ids).fillna(0.0).to_numpy()
    members_of = network_members(dataset)
    in_any = actors.mask(set().union(*members_of.values())) if members_of else np.zeros(len(actors.ids), bool)
    yearly = _YearlyDegree(history, actors.ids, reference_year)

    def network_rows(network: Any) -> list[dict[str, object]]:
        rows: list[dict[str, object]] = []
        members = actors.mask(members_of.get(network.id, set()))
        strata = matching_strata(
            actors.types, actors.districts, members, ~members, neighbours, known=actors.cells
        )
        outcomes = {
            "degree": actors.degree,
            "cross_district_partners": actors.cross_district,
            "school_outofschool_partners": actors.across,
            "partners_outside_network": actors.degree - actors.adjacency @ members.astype(float),
            "betweenness": between,
        }
        for outcome, y in outcomes.items():
            # partners outside the network change when membership is shuffled: recompute them
            coupling = actors.adjacency if outcome == "partners_outside_network" else None
            estimate = stratified_difference(
                y,
                members,
                strata.code,
                seed=_seed(seed, network.id, outcome, MATCHED),
                permutations=permutations,
                level=level,
                coupling=coupling,
            )
            note = _matched_note(strata, int(members.sum()), estimate)
            rows.append(_row(network, outcome, MATCHED, int(members.sum()), strata, estimate, note))
        rows.append(
            _before_after(network, members, in_any, actors, neighbours, yearly, seed, permutations, level)
        )
        return rows

    # Each network's rows depend only on it (each estimate draws from its own seeded generator):
    # two threads give the same rows, numpy's permutation draws run outside the interpreter lock.
    parts = engine.map_threads(network_rows, dataset.networks.itertuples(index=False))
    rows = [row for part in parts for row in part]
    table = pd.DataFrame(rows, columns=list(EFFECT_COLUMNS))
    table["p_adjusted"] = benjamini_hochberg(table["p_value"].to_numpy(dtype=float))
    for column in ("members", "comparisons", "unmatched", "strata"):
        table[column] = table[column].astype(int)
    return table


def _row(
    network: Any,
    outcome: str,
    design: str,
    members: int,
    strata: Strata | None,
    estimate: Mapping[str, object] | None,
    note: str,
) -> dict[str, object]:
    estimate = estimate or {}
    return {
        "network": network.id,
        "outcome": outcome,
        "design": design,
        "members": members,
        "comparisons": estimate.get("comparisons", 0),
        "member_mean": estimate.get("member_mean", math.nan),
        "comparison_mean": estimate.get("comparison_mean", math.nan),
        "difference": estimate.get("difference", math.nan),
        "ci_low": estimate.get("ci_low", math.nan),
        "ci_high": estimate.get("ci_high", math.nan),
        "p_value": estimate.get("p_value", math.nan),
        "p_adjusted": math.nan,
        "note": note,
        "network_name": network.name,
        "unmatched": strata.unmatched if strata is not None else 0,
        "strata": strata.count if strata is not None else 0,
        "method": estimate.get("method", ""),
    }


def _matched_note(strata: Strata, members: int, estimate: Mapping[str, object]) -> str:
    """Why a row has no number, or how many members had no comparison."""
    if members == 0:
        return "no members"
    parts = []
    if strata.unmatched:
        parts.append(
            f"{strata.unmatched} of {members} members have no comparable non-member "
            "(same type, same or neighbouring district)"
        )
    if strata.merged:
        parts.append(f"{strata.merged} type-district cells widened to neighbouring districts")
    if estimate.get("unbounded"):
        parts.append("too few comparable actors for a 95 % interval")
    if estimate.get("method") == METHOD_NORMAL:
        parts.append("large: normal approximation")
    return "; ".join(parts)


class _YearlyDegree:
    """Partners of each actor in each year of the history (cooperations active that year)."""

    def __init__(self, history: Dataset, ids: np.ndarray, reference_year: int | None) -> None:
        coops = history.cooperations
        dated = coops[coops["since"].notna()]
        self.undated = len(coops) - len(dated)
        if dated.empty:
            self.first = self.last = None
            self.counts = np.zeros((len(ids), 0))
            return
        self.first = int(dated["since"].min())
        self.last = int(dated["since"].max()) if reference_year is None else int(reference_year)
        position = pd.Index(ids)
        u = position.get_indexer(dated["source"].to_numpy(dtype=object))
        v = position.get_indexer(dated["target"].to_numpy(dtype=object))
        keep = (u >= 0) & (v >= 0)
        low, high = np.minimum(u, v)[keep], np.maximum(u, v)[keep]
        since = dated["since"].to_numpy(dtype=float)[keep]
        until = dated["until"].to_numpy(dtype=float, na_value=np.inf)[keep]
        n = len(ids)
        years = range(self.first, self.last + 1)
        self.counts = np.zeros((n, len(years)))
        # the pairs once; a year's pairs are those with a row active in it
        pairs, row_pair = np.unique(low.astype(np.int64) * n + high, return_inverse=True)
        pair_low, pair_high = pairs // n, pairs % n
        for k, year in enumerate(years):
            active = (since <= year) & (until >= year)
            present = np.bincount(row_pair[active], minlength=len(pairs)) > 0
            self.counts[:, k] = np.bincount(pair_low[present], minlength=n) + np.bincount(
                pair_high[present], minlength=n
            )

    def change(self, founded: int) -> np.ndarray:
        """Mean partners per year from ``founded`` on minus the mean in the years before it."""
        assert self.first is not None  # called only where reason() is '': there are dated cooperations
        k = founded - self.first
        return self.counts[:, k:].mean(axis=1) - self.counts[:, :k].mean(axis=1)

    def reason(self, founded: Any) -> str:
        """Why the before/after design cannot run for a network founded then ('' if it can)."""
        if self.first is None or self.last is None:  # both or neither
            return "no dated cooperations: before/after not possible"
        if founded is None or pd.isna(founded):
            return "founding year unknown: before/after not possible"
        founded = int(founded)
        if founded - self.first < MIN_YEARS:
            return (
                f"founded {founded}, data from {self.first}: fewer than {MIN_YEARS} years before "
                "founding, before/after not possible"
            )
        if self.last - founded + 1 < MIN_YEARS:
            return (
                f"founded {founded}, data to {self.last}: fewer than {MIN_YEARS} years from "
                "founding on, before/after not possible"
            )
        return ""


def _before_after(
    network: Any,
    members: np.ndarray,
    in_any: np.ndarray,
    actors: _Actors,
    neighbours: Mapping[str, set[str]],
    yearly: _YearlyDegree,
    seed: int,
    permutations: int,
    level: float,
) -> dict[str, object]:
    """The before/after row of one network: members against actors in no network."""
    count = int(members.sum())
    founded = getattr(network, "founded", None)
    reason = "no members" if count == 0 else yearly.reason(founded)
    if reason:
        return _row(network, "degree", BEFORE_AFTER, count, None, None, reason)
    assert founded is not None  # reason() is '' only for a known founding year
    founded = int(founded)
    strata = matching_strata(actors.types, actors.districts, members, ~in_any, neighbours, known=actors.cells)
    estimate = stratified_difference(
        yearly.change(founded),
        members,
        strata.code,
        seed=_seed(seed, network.id, "degree", BEFORE_AFTER),
        permutations=permutations,
        level=level,
    )
    note = (
        f"change in partners per year, {founded}–{yearly.last} minus {yearly.first}–{founded - 1}; "
        "comparison: actors in no network"
    )
    matched = _matched_note(strata, count, estimate)
    if matched:
        note += "; " + matched.replace("non-member", "actor in no network")
    if yearly.undated:
        note += f"; {yearly.undated} cooperations without a year left out"
    return _row(network, "degree", BEFORE_AFTER, count, strata, estimate, note)


SIGNIFICANCE = 0.05
"""The false discovery rate at which the report and the summary call a difference clear."""


def effects_record(effects: pd.DataFrame, *, seed: int, permutations: int) -> dict[str, object]:
    """The ``summary.json`` entry ``effects``: the method, its seed, and how many rows are clear.

    >>> from mintgraph.graph import cooperation_graph
    >>> from mintgraph.testing import tiny_dataset
    >>> ds = tiny_dataset()
    >>> record = effects_record(network_effects(cooperation_graph(ds), ds, permutations=0), seed=1, permutations=0)
    >>> record["seed"], record["rows"], record["clear"]
    (1, 18, 0)
    """
    tested = effects["p_adjusted"].notna()
    return {
        "method": (
            "members against comparable actors outside the network (same type, same district, "
            "widened to neighbouring districts); stratified difference of means; p-value by "
            "permutation of membership within strata, two-sided; interval by inverting that test "
            "(constant difference); normal approximation with the exact permutation variance above "
            f"{MONTE_CARLO_CELLS:,} actor-permutations; Benjamini–Hochberg over all rows; "
            "before/after: change in partners per year since founding against actors in no network"
        ),
        "seed": seed,
        "permutations": permutations,
        "level": LEVEL,
        "fdr": SIGNIFICANCE,
        "rows": len(effects),
        "tested": int(tested.sum()),
        "clear": int((effects["p_adjusted"] < SIGNIFICANCE).sum()),
        "docs": "docs/indicators/effects.md",
    }
