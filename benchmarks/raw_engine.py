"""The indicators of ``mintgraph analyze``, written directly against igraph, networkit, numpy and scipy.

Usage::

    python benchmarks/raw_engine.py DATA_DIR [--check OUTPUT_DIR] [--seed 42] [--permutations 999]

The fair baseline of issue 18 ("speed at the limit"): the same indicator set as
``mintgraph.analyze`` — the same algorithms, the same sampling parameters (KADABRA ε = 0.01,
δ = 0.1; k = ⌈ln(2n/δ)/(2·0.05²)⌉ closeness sources per component; the same seeds; 999
permutations per test) — as a competent network scientist would write it in one script: read
the CSV files with pandas, turn them into integer arrays once, and call the engines on those
arrays. No mintgraph code is imported (asserted at the end); no ``nx.Graph``, no dicts keyed by
actor, no pandas per network. Where the engines have no call for a quantity, it is computed with
numpy/scipy, vectorised over actors, ties and networks: Python loops run over networks, Louvain
runs, years, breadth-first levels, actor types, the type × district cells that need widening and
the draws of the boundary null (see ``networks``) — never over actors or ties. It prints one JSON
line per step (``{"step": name, "seconds": wall, "cpu": CPU seconds}``, the step names of
``mintgraph.analyze(on_step=...)``), then ``{"total": seconds}``, as ``plain_networkx.py`` does.

With ``--check OUTPUT_DIR`` it then compares every quantity with the files ``mintgraph analyze``
wrote there (``actors.csv``, ``networks.csv``, ``regions.csv``, ``network_pairs.csv``,
``effects.csv``, ``scorecard.csv``, ``summary.json``) and exits with status 1 on a mismatch.
Exact quantities must agree to 1e-9; the sampled ones agree exactly too, because the sampling is
replayed with the same seeds on the same graph (the ties in the order mintgraph's engine copy
holds them, so that seeded KADABRA draws the same shortest paths); the bound they are held to is
the sampling tolerance (betweenness within 2ε·n/(2(n − 2)) of each other).

What the baseline leaves out: mintgraph's compiled loops (``mintgraph.kernels``, numba: the
breadth-first searches of closeness, the E-I permutations' and null models' counts, the
stratified shufflings) are mintgraph's own code, not an engine's call, so the baseline computes
those quantities with numpy as written here; and it runs its steps one after another, where
mintgraph draws KADABRA, the Louvain runs and the per-network rows beside other work. Where
mintgraph is faster than this script (a ratio below 1), that is the reason.

Each step, what mintgraph computes (module) and what this script calls
------------------------------------------------------------------------

``load + validate`` — mintgraph: ``mintgraph.load`` reads every table, checks every cell,
reference and year (``validate.py``), builds pandas tables with typed columns. Here:
``pd.read_csv(dtype=str)`` of the same files (the shipped Hessen district table when the folder
has no ``regions.csv``) and ``Index.get_indexer`` to turn every id into an integer position —
**no validation** (the data is known to be valid), so the ratio of this row is the price of the
checks.

``current ties (reference year)`` — mintgraph: ``timeline.latest_year``, ``ended_ties`` and
``dataset_in_year`` inside ``analyze`` before its first step (not reported by ``on_step``;
``benchmarks/run.py`` times it from the call of ``analyze`` to its first step). Here: the last year as a
``nanmax``, the active cooperation rows as one boolean mask, the ended ties as a ``np.unique`` of
pair codes with ``np.maximum.at`` of ``until``. At the data's last year only cooperations can
drop out (every other table's year is at most that year by definition), so no other table is
filtered.

``cooperation graph`` — mintgraph: ``graph.cooperation_graph`` (pandas groupby, an ``nx.Graph``
with count, types, weight, first and last year per tie); its engine copy (``engine_graph``: CSR,
``igraph.Graph``, components) is built lazily in the next step. Here: ``np.unique`` of the pair
codes, ``np.bincount``/``np.minimum.at`` for count, weight, first and last year, a bit mask of the
cooperation types, ``igraph.Graph(n, edges)``, the CSR adjacency and ``connected_components``.

``actor centralities and brokerage`` — mintgraph: ``analysis.actor_table``
(``metrics/actors.py``, ``metrics/brokerage.py``, ``metrics/nexus.bridging_actors``,
``cross_land_partners``). Here: degree by ``np.bincount``; betweenness exact by igraph
``Graph.betweenness`` (Brandes) up to 5,000 actors, above by networkit ``KadabraBetweenness(ε =
0.01, δ = 0.1, deterministic, 1 thread, seed 42)``, rescaled as mintgraph does (networkit is
imported only then, as in mintgraph); closeness and harmonic closeness by a bit-parallel
breadth-first search in numpy (1,024 sources per batch) from every source, or above 5,000 actors
from k sampled sources per component (Eppstein–Wang, the same draws) — igraph's ``distances``
from the 2,902 sources of the 100,000-actor landscape take about a minute (1.1 s of CPU per 64
sources, measured), and ``closeness()`` searches from every source; eigenvector:
``scipy.sparse.linalg.eigsh`` on the largest component (fixed start vector); PageRank: the power
iteration on the CSR matrix (igraph's PRPACK ``pagerank()`` agrees to 1e-9 but took 0.5 s against
0.15 s at 100,000 actors); clustering,
effective size, Burt's constraint (igraph ``constraint()`` agrees but took 0.7 s) and the closed
pairs of the Gould–Fernandez roles from one igraph ``list_triangles``; ``coreness``;
``articulation_points``; cut-off actors from ``biconnected_components`` and the block-cut tree
(subtree sizes summed level by level of an igraph ``bfs``); participation coefficients and
Gould–Fernandez open pairs by sparse products with the group indicator matrix; networks reached by
``(A + I) @ M`` with M the actor × network membership matrix.

``networks`` — mintgraph: ``metrics/networks.network_table`` and
``metrics/cohesion.network_cohesion_tables`` (which also computes the landscape's cohesion row,
beside the networks' rows, so compare this step and the next together), one row per network. Here: the member matrix with
sub-networks (``M_direct @ R.T``, R the umbrella reachability), internal and external ties, density,
E-I index, activities, types, topics and target groups, new ties and members per year for all
networks at once by sparse products; per network (a loop over networks): the member subgraph as an
``igraph.Graph``, ``connected_components``, ``transitivity_avglocal_undirected`` (average
clustering), Freeman centralizations, betweenness (igraph, or KADABRA above 5,000 members), the
attack order and robustness (``scipy.sparse.csgraph.connected_components`` without the top 1, 3,
5), the district permutation test and the regional and statewide boundary E-I nulls (the same
seeded draws; the E-I of each drawn set by scanning its members' forward ties against a mask, one
draw at a time as mintgraph does — measured 2–5 times faster at 100,000 actors than a draws × actors
mask or a sparse product ``X @ F`` over a chunk of draws), Benjamini–Hochberg.

``landscape as one network`` — mintgraph: the same on ``landscape_network`` (every actor a
member, founded with the first cooperation), reusing the actors' betweenness; its cohesion row is
computed in the step before, this step adds the size and boundary columns. Here: the same
function with one all-actor column.

``network of networks and communities`` — mintgraph: ``nexus.network_quotient`` (Python loops
over ties and actors with Counters), ``nexus.community_comparison`` (igraph multilevel Louvain,
50 seeded runs up to 30,000 ties, ⌊1,500,000/ties⌋ above, at least 3; medoid by pairwise ARI;
ARI, NMI, modularity against the home networks), the ended ties per actor and network. Here: cross
ties and shared members as ``O_u.T @ O_v`` and ``M.T @ M``; the same igraph
``community_multilevel`` runs on the same id-sorted graph with the same ``random.Random(seed + i)``;
igraph ``Graph.modularity``; ARI and NMI from numpy contingency tables.

``regions`` — mintgraph: ``metrics/regions.region_table`` and ``land_table`` (Python loops over
ties). Here: ``np.bincount`` over the district and Land codes of the tie ends, neighbour pairs by
``np.isin`` of pair codes.

``landscape`` — mintgraph: ``metrics/landscape.landscape_summary`` and the summary entries. Here:
the same counts from the arrays.

``members against comparable actors`` — mintgraph: ``metrics/effects.network_effects`` (matched
strata, stratified differences, within-stratum permutation tests with inverted intervals or the
normal approximation, before/after, Benjamini–Hochberg). No engine has this: numpy, the same
algorithm and the same seeded draws.

``scorecard`` — mintgraph: ``metrics/scorecard.plus_scorecard`` (a Python loop over scopes, Plus
items and indicators building dicts). Here: the same values (value, landscape value, coverage) by
indexing the network table with the (item, indicator) list; the constant label and note texts are
left out.

Not covered: ``--year``/``--all-years``/``--mutual-only`` (only the default analysis), data naming
districts of other Länder without a ``regions.csv`` (mintgraph then adds them from its shipped
Germany table) and writing any output.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import random
import sys
import time
import zlib
from pathlib import Path
from statistics import NormalDist
from types import SimpleNamespace

import igraph as ig
import numpy as np
import pandas as pd
import scipy.sparse as sp
import scipy.sparse.csgraph as csgraph
import scipy.sparse.linalg as spla

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "mintgraph" / "regions"
"""The district tables mintgraph ships, read here as data files (no mintgraph code)."""

SAMPLING_THRESHOLD = 5000
EPSILON_BETWEENNESS, EPSILON_CLOSENESS, DELTA = 0.01, 0.05, 0.1
WORD_BATCH = 16
PERMUTATION_CELLS, DRAW_CELLS = 20_000_000, 2_000_000
MONTE_CARLO_CELLS, CHUNK_CELLS = 1_000_000, 2_000_000
CONSENSUS_RUNS, CONSENSUS_TIE_BUDGET, CONSENSUS_MIN_RUNS = 50, 1_500_000, 3
NULL_SETS_CAP = 10**12
ROBUSTNESS = (1, 3, 5)
SMALL_NETWORK = 5
RANK_DECIMALS = 12
SCHOOL = "school"
TOPICS = "MINT"
HESSEN = "hessen"
LEVEL = 0.95
MIN_YEARS = 2

# the Plus items of the scorecard: (item, measurable, indicators) — metrics/scorecard.PLUS
PLUS = (
    ("coordination", "proxy", ("largest_component_share", "degree_centralization", "activities")),
    ("contacts", "direct", ("new_members_per_year", "ties_per_year_since_founding")),
    ("cooperation", "direct", ("density", "internal_ties", "average_clustering")),
    ("visibility", "proxy", ("external_ties", "ei_index")),
    ("new_topics", "proxy", ("topic_coverage", "topics_covered")),
    ("target_groups", "proxy", ("target_groups", "target_groups_list")),
    ("good_practice", "proxy", ("ei_index", "cross_district_share")),
    ("school_outofschool", "direct", ("school_outofschool_share",)),
    ("landscape", "proxy", ("type_diversity", "types", "activities")),
    ("quality", "none", ()),
    (
        "together_strong",
        "direct",
        ("partners_vs_comparable", "robustness_3", "largest_component_share", "ei_regions"),
    ),
)
SIZE_FREE = {
    "largest_component_share",
    "degree_centralization",
    "density",
    "average_clustering",
    "ei_index",
    "school_outofschool_share",
    "type_diversity",
    "ei_regions",
    "cross_district_share",
    "partners_vs_comparable",
}
BOUNDARY = {"external_ties", "ei_index", "ei_index_p", "partners_vs_comparable"}


def emit(record: dict) -> None:
    print(json.dumps(record), flush=True)


# --------------------------------------------------------------------------------------------
# load


def read(path: Path) -> pd.DataFrame | None:
    return pd.read_csv(path, dtype=str, keep_default_na=False) if path.is_file() else None


def years(column: pd.Series) -> np.ndarray:
    return pd.to_numeric(column, errors="coerce").to_numpy(dtype=float)


def split_cells(cells: pd.Series) -> pd.Series:
    """Multi-valued cells (``a|b``) as one row per value, indexed by the cell's row."""
    parts = cells.str.split("|").explode().str.strip()
    return parts[parts != ""]


def land_of(codes: np.ndarray) -> np.ndarray:
    """The Land (1..16) of German district codes, -1 for any other code."""
    text = pd.Series(codes, dtype=str)
    ok = text.str.fullmatch(r"\d{5}")
    land = pd.to_numeric(text.str[:2].where(ok), errors="coerce").fillna(-1).to_numpy(dtype=np.int64)
    return np.where((land >= 1) & (land <= 16), land, -1)


def load(folder: Path) -> SimpleNamespace:
    """Every table as integer arrays (positions of actors, networks, districts)."""
    actors, networks = read(folder / "actors.csv"), read(folder / "networks.csv")
    memberships, coops = read(folder / "memberships.csv"), read(folder / "cooperations.csv")
    activities = read(folder / "activities.csv")
    if activities is None:
        activities = pd.DataFrame(columns=["id", "provider", "region", "topic", "target_group", "year"])
    links = read(folder / "network_links.csv")
    if links is None:
        links = pd.DataFrame(columns=["network_a", "network_b"])
    user_regions = (folder / "regions.csv").is_file()
    regions = read(folder / "regions.csv") if user_regions else read(SHIPPED / "hessen" / "regions.csv")
    d = SimpleNamespace(user_regions=user_regions)
    d.ids = actors["id"].to_numpy(dtype=object)
    d.n = n = len(d.ids)
    index = pd.Index(d.ids)
    d.id_rank = np.empty(n, dtype=np.int64)
    d.id_rank[np.argsort(d.ids.astype(str), kind="stable")] = np.arange(n)
    d.types = actors["type"].to_numpy(dtype=object)
    d.region = actors["region"].to_numpy(dtype=object)
    d.coop_s = index.get_indexer(coops["source"])
    d.coop_t = index.get_indexer(coops["target"])
    d.coop_since, d.coop_until = years(coops["since"]), years(coops["until"])
    weight = coops["weight"] if "weight" in coops else pd.Series("", index=coops.index)
    d.coop_weight = np.nan_to_num(pd.to_numeric(weight, errors="coerce").to_numpy(dtype=float), nan=1.0)
    d.coop_type, d.coop_type_names = pd.factorize(coops["type"])
    d.reciprocity = coops["reciprocity"].to_numpy(dtype=object) if "reciprocity" in coops else None
    d.net_ids = networks["id"].to_numpy(dtype=object)
    d.n_networks = len(d.net_ids)
    net_index = pd.Index(d.net_ids)
    d.net_rank = np.empty(d.n_networks, dtype=np.int64)
    d.net_rank[np.argsort(d.net_ids.astype(str), kind="stable")] = np.arange(d.n_networks)
    d.parent = net_index.get_indexer(networks["parent"])
    d.founded = years(networks["founded"])
    d.net_regions = split_cells(networks["regions"])  # index: network row
    d.ms_actor = index.get_indexer(memberships["actor_id"])
    d.ms_net = net_index.get_indexer(memberships["network_id"])
    d.ms_since = years(memberships["since"]) if "since" in memberships else np.full(len(memberships), np.nan)
    d.act_provider = index.get_indexer(activities["provider"])
    d.act_region = activities["region"].to_numpy(dtype=object)
    d.act_year = years(activities["year"])
    d.act_topic = activities["topic"].str.upper()
    d.act_groups = split_cells(activities["target_group"])  # index: activity row
    d.link_a = net_index.get_indexer(links["network_a"])
    d.link_b = net_index.get_indexer(links["network_b"])
    d.region_codes = regions["code"].to_numpy(dtype=object)
    d.population = years(regions["population"])
    d.region_neighbours = split_cells(regions["neighbours"]) if "neighbours" in regions else pd.Series()
    return d


# --------------------------------------------------------------------------------------------
# the cooperation graph


def current_ties(d: SimpleNamespace) -> SimpleNamespace:
    """The reference year (the data's last), the active cooperation rows, the ended ties."""
    stacks = [d.coop_since, d.ms_since, d.act_year, d.founded]
    year = int(max(np.nanmax(a) for a in stacks if np.isfinite(a).any()))
    since, until = d.coop_since, d.coop_until
    active = (since <= year) & (np.isnan(until) | (until >= year))
    begun = since <= year
    lo = np.minimum(d.coop_s, d.coop_t)[begun].astype(np.int64)
    hi = np.maximum(d.coop_s, d.coop_t)[begun]
    pairs, inverse = np.unique(lo * d.n + hi, return_inverse=True)
    last = np.full(len(pairs), -np.inf)
    np.maximum.at(last, inverse, np.nan_to_num(until[begun], nan=np.inf))
    ended = pairs[last < year]
    return SimpleNamespace(year=year, active=active, ended=np.column_stack([ended // d.n, ended % d.n]))


def cooperation_graph(d: SimpleNamespace, now: SimpleNamespace) -> SimpleNamespace:
    """Ties (parallel rows collapsed) in mintgraph's engine order, igraph graph, CSR, components."""
    n = d.n
    s, t = d.coop_s[now.active], d.coop_t[now.active]
    rank = d.id_rank
    key = np.minimum(rank[s], rank[t]).astype(np.int64) * n + np.maximum(rank[s], rank[t])
    pairs, inverse = np.unique(key, return_inverse=True)  # ties in id order
    count = np.bincount(inverse, minlength=len(pairs))
    weight = np.bincount(inverse, weights=d.coop_weight[now.active], minlength=len(pairs))
    since = d.coop_since[now.active]
    first = np.full(len(pairs), np.inf)
    np.minimum.at(first, inverse, since)
    last = np.full(len(pairs), -np.inf)
    np.maximum.at(last, inverse, since)
    types = np.zeros(len(pairs), dtype=np.int64)
    np.bitwise_or.at(types, inverse, np.left_shift(1, d.coop_type[now.active]).astype(np.int64))
    position = np.argsort(rank)  # rank -> actor position
    a, b = position[pairs // n], position[pairs % n]
    edges = np.column_stack([np.minimum(a, b), np.maximum(a, b)])
    # mintgraph's engine copy holds the ties by their first actor (input order), then in id order
    order = np.lexsort((pairs, edges[:, 0]))
    g = SimpleNamespace(n=n, edges=edges[order], count=count[order], weight=weight[order])
    g.first_year, g.last_year, g.types = first[order], last[order], types[order]
    g.u, g.v = g.edges[:, 0], g.edges[:, 1]
    g.m = len(g.edges)
    g.degree = np.bincount(g.u, minlength=n) + np.bincount(g.v, minlength=n)
    g.graph = ig.Graph(n=n, edges=g.edges.tolist(), directed=False)
    g.component = np.asarray(g.graph.connected_components().membership, dtype=np.int64)
    g.component_size = np.bincount(g.component)[g.component]
    rows, cols = np.concatenate([g.u, g.v]), np.concatenate([g.v, g.u])
    csr = np.lexsort((cols, rows))
    g.indices = cols[csr]
    g.indptr = np.concatenate([[0], np.cumsum(g.degree)])
    g.adjacency = sp.csr_matrix((np.ones(2 * g.m), g.indices, g.indptr), shape=(n, n))
    return g


# --------------------------------------------------------------------------------------------
# engine helpers


def sampled(n: int) -> bool:
    return n > SAMPLING_THRESHOLD


def only_cliques(component: np.ndarray, edges: np.ndarray) -> bool:
    if not len(edges):
        return True
    sizes = np.bincount(component)
    ties = np.bincount(component[edges[:, 0]], minlength=len(sizes))
    return bool((2 * ties == sizes * (sizes - 1)).all())


def betweenness(graph: ig.Graph, edges: np.ndarray, component: np.ndarray, seed: int) -> tuple:
    """Normalised betweenness (exact by igraph, or KADABRA above the threshold) and KADABRA's paths."""
    n = graph.vcount()
    if n <= 2 or only_cliques(component, edges):
        return np.zeros(n), 0
    if not sampled(n):
        return np.asarray(graph.betweenness(directed=False)) * (2.0 / ((n - 1) * (n - 2))), 0
    import networkit as nk

    threads = nk.getMaxNumberOfThreads()
    nk.setNumberOfThreads(1)
    try:
        nk.engineering.setSeed(seed, False)
        g = nk.Graph(n, weighted=False, directed=False)
        g.addEdges((edges[:, 0].astype(np.uint64), edges[:, 1].astype(np.uint64)))
        kadabra = nk.centrality.KadabraBetweenness(g, EPSILON_BETWEENNESS, DELTA, True)
        kadabra.run()
        scores = np.asarray(kadabra.scores()) * (n / (2.0 * (n - 2)))
        samples = kadabra.getNumberOfIterations()
        del kadabra, g
    finally:
        nk.setNumberOfThreads(threads)
    return scores, samples


def closeness_sources(g: SimpleNamespace, seed: int) -> tuple[np.ndarray, np.ndarray, int]:
    """Breadth-first sources: all, or k drawn per component larger than k; weight r/k per actor."""
    weight = np.ones(g.n)
    active = np.flatnonzero(g.degree > 0)
    if not sampled(g.n):
        return active, weight, 0
    k = math.ceil(math.log(2 * g.n / DELTA) / (2 * EPSILON_CLOSENESS**2))
    big = np.unique(g.component[g.component_size > k])
    if not len(big):
        return active, weight, 0
    rng = np.random.default_rng(seed)
    chosen = [active[~np.isin(g.component[active], big)]]
    for label in big:
        members = np.flatnonzero(g.component == label)
        chosen.append(np.sort(rng.choice(members, size=k, replace=False)))
        weight[members] = len(members) / k
    return np.sort(np.concatenate(chosen)), weight, k


def distance_sums(g: SimpleNamespace, sources: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Σ_s d(s, v) and Σ_s 1/d(s, v) over the sources: bit-parallel BFS, 64 sources per word."""
    dist, inverse = np.zeros(g.n), np.zeros(g.n)
    active = np.flatnonzero(g.degree > 0)
    if not len(active) or not len(sources):
        return dist, inverse
    local = np.full(g.n, -1, dtype=np.int64)
    local[active] = np.arange(len(active))
    indices, starts = local[g.indices], g.indptr[:-1][active]
    one = np.uint64(1)
    for offset in range(0, len(sources), 64 * WORD_BATCH):
        batch = local[sources[offset : offset + 64 * WORD_BATCH]]
        visited = np.zeros((len(active), (len(batch) + 63) // 64), dtype=np.uint64)
        bit = np.arange(len(batch))
        visited[batch, bit // 64] |= np.left_shift(one, (bit % 64).astype(np.uint64))
        frontier, level = visited.copy(), 0
        d_sum, i_sum = np.zeros(len(active)), np.zeros(len(active))
        while True:
            level += 1
            reached = np.bitwise_or.reduceat(frontier[indices], starts, axis=0)
            reached &= ~visited
            count = np.bitwise_count(reached).sum(axis=1, dtype=np.int64)
            if not count.any():
                break
            d_sum += level * count
            i_sum += count / level
            visited |= reached
            frontier = reached
        dist[active] += d_sum
        inverse[active] += i_sum
    return dist, inverse


def eigenvector(g: SimpleNamespace, ids: np.ndarray) -> np.ndarray:
    """Principal eigenvector (norm 1) of the largest component (ties: smallest id); 0 elsewhere."""
    values = np.zeros(g.n)
    sizes = np.bincount(g.component)
    largest = np.flatnonzero(sizes == sizes.max())
    if len(largest) > 1:
        smallest = pd.Series(ids.astype(str)).groupby(g.component).min()
        largest = [min(largest, key=lambda c: smallest[c])]
    nodes = np.flatnonzero(g.component == largest[0])
    if len(nodes) < 2:
        return values
    a = g.adjacency[nodes][:, nodes]
    if len(nodes) <= 200:
        vector = np.linalg.eigh(a.toarray())[1][:, -1]
    else:
        vector = spla.eigsh(a, k=1, which="LA", v0=np.ones(len(nodes)), tol=1e-12)[1][:, 0]
    vector = np.abs(vector) / np.linalg.norm(vector)
    values[nodes] = np.where(vector > 1e-15, vector, 0.0)
    return values


def pagerank(g: SimpleNamespace, alpha: float = 0.85) -> np.ndarray:
    """networkx's power iteration (weight None; isolated actors jump uniformly) on the CSR matrix."""
    n = g.n
    out = g.degree.astype(float)
    inverse = np.divide(1.0, out, out=np.zeros(n), where=out > 0)
    transition = sp.csr_matrix(sp.diags(inverse) @ g.adjacency)
    x = uniform = np.full(n, 1.0 / n)
    dangling = np.flatnonzero(out == 0)
    for _ in range(1000):
        last = x
        x = alpha * (x @ transition + x[dangling].sum() * uniform) + (1 - alpha) * uniform
        if np.abs(x - last).sum() < n * 1e-12:
            return x / x.sum()
    raise RuntimeError("PageRank did not converge")


def cut_off_counts(g: SimpleNamespace) -> np.ndarray:
    """|C_v| − 1 − the largest piece of C_v − v, from the block-cut tree (igraph)."""
    counts = np.zeros(g.n, dtype=np.int64)
    if not g.m:
        return counts
    blocks, cuts = g.graph.biconnected_components(return_articulation_points=True)
    if not cuts:
        return counts
    cuts = np.sort(np.asarray(cuts, dtype=np.int64))
    n_blocks, n_cuts = len(blocks), len(cuts)
    cut_index = np.full(g.n, -1, dtype=np.int64)
    cut_index[cuts] = np.arange(n_cuts)
    block_of = np.repeat(np.arange(n_blocks), np.fromiter(map(len, blocks), dtype=np.int64, count=n_blocks))
    member = np.fromiter(itertools.chain.from_iterable(blocks), dtype=np.int64, count=len(block_of))
    at_cut = cut_index[member] >= 0
    weight = np.concatenate(
        [np.bincount(block_of[~at_cut], minlength=n_blocks), np.ones(n_cuts, dtype=np.int64), [0]]
    )
    size = n_blocks + n_cuts
    ends = np.column_stack([block_of[at_cut], n_blocks + cut_index[member[at_cut]]])
    tree = ig.Graph(n=size + 1, edges=ends.tolist(), directed=False)
    label = np.asarray(tree.connected_components().membership[:size], dtype=np.int64)
    tree.add_edges([(size, int(v)) for v in np.unique(label, return_index=True)[1]])
    order, layers, parents = tree.bfs(size)
    order, parent = np.asarray(order), np.asarray(parents, dtype=np.int64)
    below = weight.copy()
    for start, stop in reversed(list(itertools.pairwise(layers[1:]))):  # deepest first
        level = order[start:stop]
        np.add.at(below, parent[level], below[level])
    largest_child = np.zeros(size + 1, dtype=np.int64)
    np.maximum.at(largest_child, parent[:size], below[:size])
    nodes = n_blocks + np.arange(n_cuts)
    component = g.component_size[cuts]
    above = np.where(parent[nodes] == size, 0, component - below[nodes])
    counts[cuts] = component - 1 - np.maximum(largest_child[nodes], above)
    return counts


def group_matrix(codes: np.ndarray, groups: int) -> sp.csr_matrix:
    return sp.csr_matrix((np.ones(len(codes)), (np.arange(len(codes)), codes)), shape=(len(codes), groups))


def participation(by_group: sp.csr_matrix, degree: np.ndarray) -> np.ndarray:
    squares = np.asarray(by_group.multiply(by_group).sum(axis=1)).ravel()
    k = degree.astype(float)
    return np.where(k > 0, 1.0 - squares / np.maximum(k, 1) ** 2, 0.0)


def gould_fernandez(g: SimpleNamespace, codes: np.ndarray, triangles: np.ndarray) -> dict:
    """Open two-paths by the groups of the three actors (undirected, each once)."""
    n_groups = int(codes.max()) + 1
    by_group = (g.adjacency @ group_matrix(codes, n_groups)).tocsr()
    degree = g.degree
    own = np.asarray(by_group[np.arange(g.n), codes]).ravel().astype(np.int64)
    other = degree - own
    pairs_all, pairs_own = degree * (degree - 1) // 2, own * (own - 1) // 2
    pairs_same = (
        np.asarray((by_group.multiply(by_group) - by_group).sum(axis=1)).ravel().astype(np.int64) // 2
    )
    closed = {key: np.zeros(g.n, dtype=np.int64) for key in ("all", "own", "same", "mixed")}
    for v, x, y in ((0, 1, 2), (1, 0, 2), (2, 0, 1)):
        at = triangles[:, v]
        gv, gx, gy = codes[at], codes[triangles[:, x]], codes[triangles[:, y]]
        closed["all"] += np.bincount(at, minlength=g.n)
        closed["own"] += np.bincount(at, weights=(gx == gv) & (gy == gv), minlength=g.n).astype(np.int64)
        closed["same"] += np.bincount(at, weights=gx == gy, minlength=g.n).astype(np.int64)
        closed["mixed"] += np.bincount(at, weights=(gx == gv) != (gy == gv), minlength=g.n).astype(np.int64)
    coordinator = pairs_own - closed["own"]
    consultant = (pairs_same - pairs_own) - (closed["same"] - closed["own"])
    gatekeeper = own * other - closed["mixed"]
    total = pairs_all - closed["all"]
    return {
        "coordinator": coordinator,
        "gatekeeper_representative": gatekeeper,
        "consultant": consultant,
        "liaison": total - coordinator - consultant - gatekeeper,
        "total": total,
        "by_group": by_group,
    }


def constraint(g: SimpleNamespace, triangles: np.ndarray) -> np.ndarray:
    """Burt's constraint per tie from the triangle list: Σ_ties ((1 + Σ_q 1/k_q)/k_v)²."""
    k = g.degree.astype(float)
    indirect = np.zeros(g.m)
    if len(triangles):
        code = g.u.astype(np.int64) * g.n + g.v
        order = np.argsort(code, kind="stable")
        for x, y, z in ((0, 1, 2), (0, 2, 1), (1, 2, 0)):
            lo = np.minimum(triangles[:, x], triangles[:, y])
            hi = np.maximum(triangles[:, x], triangles[:, y])
            ids = order[np.searchsorted(code, lo * g.n + hi, sorter=order)]
            np.add.at(indirect, ids, 1.0 / k[triangles[:, z]])
    value = np.zeros(g.n)
    np.add.at(value, g.u, ((1 + indirect) / k[g.u]) ** 2)
    np.add.at(value, g.v, ((1 + indirect) / k[g.v]) ** 2)
    value[g.degree == 0] = np.nan
    return value


# --------------------------------------------------------------------------------------------
# actors


def home_networks(d: SimpleNamespace) -> np.ndarray:
    """Per actor its direct network with most direct members (ties: smallest id); -1 for none."""
    size = np.bincount(d.ms_net, minlength=d.n_networks)
    order = np.lexsort((d.net_rank[d.ms_net], -size[d.ms_net], d.ms_actor))
    actor, net = d.ms_actor[order], d.ms_net[order]
    first = np.r_[True, actor[1:] != actor[:-1]]
    home = np.full(d.n, -1, dtype=np.int64)
    home[actor[first]] = net[first]
    return home


def actor_step(d: SimpleNamespace, g: SimpleNamespace, seed: int) -> SimpleNamespace:
    r = SimpleNamespace()
    r.networks = np.bincount(d.ms_actor, minlength=d.n)
    rows = pd.DataFrame({"a": d.ms_actor, "net": d.net_ids[d.ms_net].astype(str)}).sort_values(["a", "net"])
    joined = rows.groupby("a", sort=False)["net"].agg("|".join)
    r.network_ids = np.full(d.n, "", dtype=object)
    r.network_ids[joined.index.to_numpy()] = joined.to_numpy()
    r.degree = g.degree
    r.weighted_degree = np.bincount(g.u, g.count, d.n) + np.bincount(g.v, g.count, d.n)
    r.degree_centrality = g.degree / (d.n - 1) if d.n > 1 else np.zeros(d.n)
    r.betweenness, r.kadabra_samples = betweenness(g.graph, g.edges, g.component, seed)
    sources, weight, r.closeness_k = closeness_sources(g, seed)
    dist, inverse = distance_sums(g, sources)
    dist, inverse = dist * weight, inverse * weight
    others = (g.component_size - 1).astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        r.closeness = np.where(others > 0, others * others / ((d.n - 1) * np.maximum(dist, others)), 0.0)
    r.harmonic_closeness = inverse / (d.n - 1)
    r.eigenvector = eigenvector(g, d.ids)
    r.pagerank = pagerank(g)
    g.triangles = np.asarray(g.graph.list_triangles(), dtype=np.int64).reshape(-1, 3)
    t = np.bincount(g.triangles.ravel(), minlength=d.n).astype(float)
    k = g.degree.astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        r.clustering = np.where(k > 1, 2 * t / (k * (k - 1)), 0.0)
        r.effective_size = np.where(k > 0, k - 2 * t / k, np.nan)
    r.core_number = np.asarray(g.graph.coreness())
    r.constraint = constraint(g, g.triangles)
    r.articulation_point = np.zeros(d.n, dtype=bool)
    r.articulation_point[g.graph.articulation_points()] = True
    r.cut_off_actors = cut_off_counts(g)
    d.region_code = pd.factorize(d.region)[0]
    r.home = home_networks(d)
    home_code = np.where(r.home >= 0, r.home, d.n_networks)  # no network: one group
    for suffix, codes in (("regions", d.region_code), ("networks", home_code)):
        roles = gould_fernandez(g, codes, g.triangles)
        setattr(r, f"participation_{suffix}", participation(roles["by_group"], g.degree))
        for role in ("coordinator", "gatekeeper_representative", "consultant", "liaison"):
            setattr(r, f"gf_{role}_{suffix}", roles[role])
    r.gf_total = roles["total"]
    d.direct = sp.csr_matrix((np.ones(len(d.ms_actor)), (d.ms_actor, d.ms_net)), shape=(d.n, d.n_networks))
    reached = ((g.adjacency + sp.identity(d.n, format="csr")) @ d.direct).tocsr()
    reached.eliminate_zeros()
    r.networks_reached = np.diff(reached.indptr)
    r.network_bridge = r.networks_reached >= 2
    d.land = land_of(d.region)
    lu, lv = d.land[g.u], d.land[g.v]
    cross = ((lu >= 0) & (lv >= 0) & (lu != lv)).astype(float)
    r.cross_land_partners = (np.bincount(g.u, cross, d.n) + np.bincount(g.v, cross, d.n)).astype(np.int64)
    return r


# --------------------------------------------------------------------------------------------
# networks


def permutation_p(observed: float, samples: np.ndarray) -> float:
    """Two-sided permutation p-value: 2·min(p≥, p≤), (1 + #)/(1 + P), NaN samples left out."""
    samples = samples[~np.isnan(samples)]
    if math.isnan(observed) or not len(samples):
        return math.nan
    tol = 1e-12 * max(1.0, abs(observed))
    greater = (1 + np.count_nonzero(samples >= observed - tol)) / (1 + len(samples))
    less = (1 + np.count_nonzero(samples <= observed + tol)) / (1 + len(samples))
    return min(1.0, 2 * min(greater, less))


def benjamini_hochberg(p: np.ndarray) -> np.ndarray:
    p = np.asarray(p, dtype=float)
    q = np.full(p.shape, np.nan)
    valid = ~np.isnan(p)
    m = int(valid.sum())
    if m:
        order = np.argsort(p[valid], kind="stable")
        scaled = p[valid][order] * m / np.arange(1, m + 1)
        adjusted = np.empty(m)
        adjusted[order] = np.minimum(1.0, np.minimum.accumulate(scaled[::-1])[::-1])
        q[valid] = adjusted
    return q


def null_sets(strata: list[tuple[int, int]]) -> float:
    log = 0.0
    for size, k in strata:
        log += math.lgamma(size + 1) - math.lgamma(k + 1) - math.lgamma(size - k + 1)
        if log > math.log(NULL_SETS_CAP) + 1:
            return float(NULL_SETS_CAP)
    return float(min(math.prod(math.comb(size, k) for size, k in strata), NULL_SETS_CAP))


def sample_ei(chunks, g: SimpleNamespace) -> np.ndarray:
    """Boundary E-I index of each drawn member set (a row of positions): the internal ties I by
    scanning the members' forward ties (each tie once, at its smaller end) against a membership
    mask, the external ones as E = D − 2I from the degree sum D. One draw at a time: measured
    against doing a chunk of draws at once (a draws × actors mask, or a sparse product X @ F), the
    loop over draws was 2–5 times faster on the 100,000-actor landscape — its mask stays in cache."""
    indptr, indices, forward = g.forward_indptr, g.forward_indices, g.forward_degree
    marked = np.zeros(g.n, dtype=bool)
    out = []
    for chunk in chunks:
        samples = np.empty(len(chunk))
        for p, chosen in enumerate(chunk):
            total = int(g.degree[chosen].sum())
            lengths = forward[chosen]
            marked[chosen] = True
            offsets = np.repeat(indptr[chosen] - np.cumsum(lengths) + lengths, lengths)
            internal = int(np.count_nonzero(marked[indices[offsets + np.arange(len(offsets))]]))
            marked[chosen] = False
            external = total - 2 * internal
            samples[p] = (external - internal) / (external + internal) if total else np.nan
        out.append(samples)
    return np.concatenate(out)


def regional_draws(strata: list, seed: int, permutations: int):
    """mintgraph's regional null: k members per type drawn from the type's pool (same seeded keys)."""
    fixed = [pool for pool, k in strata if k >= len(pool)]
    drawn = [(pool, k) for pool, k in strata if 0 < k < len(pool)]
    if not drawn:
        return None
    rng = np.random.default_rng(seed)
    chunk = max(1, DRAW_CELLS // max(len(pool) for pool, _ in drawn))

    def chunks():
        for start in range(0, permutations, chunk):
            rows = min(chunk, permutations - start)
            blocks = [np.tile(pool, (rows, 1)) for pool in fixed]
            for pool, k in drawn:
                keys = rng.random((rows, len(pool)))
                blocks.append(pool[np.argpartition(keys, k, axis=1)[:, :k]])
            yield np.hstack(blocks)

    return chunks()


def network_level(
    d: SimpleNamespace,
    g: SimpleNamespace,
    members: sp.csc_matrix,
    meta: SimpleNamespace,
    seed: int,
    permutations: int,
    whole_betweenness: np.ndarray | None = None,
) -> pd.DataFrame:
    """``networks.csv``'s numbers for the columns of ``members`` (actors × networks, bool)."""
    n_nets = members.shape[1]
    rows_m = members.tocsr()
    mu, mv = rows_m[g.u], rows_m[g.v]
    inside = mu.multiply(mv).tocoo()
    internal = np.bincount(inside.col, minlength=n_nets)
    external = np.asarray(mu.sum(axis=0) + mv.sum(axis=0)).ravel().astype(np.int64) - 2 * internal
    size = np.diff(members.indptr).astype(np.int64)
    activities_per_actor = np.bincount(d.act_provider, minlength=d.n)
    table = pd.DataFrame(
        {
            "id": meta.ids,
            "districts": meta.districts,
            "direct_members": meta.direct_members,
            "members": size,
            "small_network": size < SMALL_NETWORK,
            "activities": np.asarray(members.T @ activities_per_actor).ravel().astype(np.int64),
            "internal_ties": internal,
            "external_ties": external,
        }
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        table["density"] = np.where(size >= 2, internal / (size * (size - 1) / 2), np.nan)
        total = internal + external
        table["ei_index"] = np.where(total > 0, (external - internal) / total, np.nan)
    # diversity: actor types, topics and target groups of the members' activities
    types = group_matrix(g.type_code, g.type_code.max() + 1)
    type_counts = (members.T @ types).toarray()
    shares = type_counts / np.maximum(type_counts.sum(axis=1, keepdims=True), 1)
    table["type_diversity"] = np.where(size > 0, 1 - (shares**2).sum(axis=1), np.nan)
    table["types"] = (type_counts > 0).sum(axis=1)
    providing = members.tocsr()[d.act_provider].T.tocsr()  # networks × activities
    letters = np.column_stack([d.act_topic.str.contains(t, regex=False).to_numpy() for t in TOPICS])
    covered = (providing @ letters.astype(float)) > 0
    table["topics_covered"] = ["".join(t for t, c in zip(TOPICS, row, strict=True) if c) for row in covered]
    table["topic_coverage"] = covered.sum(axis=1) / len(TOPICS)
    group_code, group_names = pd.factorize(d.act_groups, sort=True)
    groups = sp.csr_matrix(
        (np.ones(len(group_code)), (d.act_groups.index.to_numpy(), group_code)),
        shape=(len(d.act_topic), len(group_names)),
    )
    reach = ((providing @ groups).tocsr() > 0).tocsr()
    reach.sort_indices()
    table["target_groups"] = np.diff(reach.indptr)
    table["target_groups_list"] = ["|".join(group_names[reach[i].indices]) for i in range(n_nets)]
    # growth: member ties and members that began since founding, per year
    founded = meta.founded
    span = d.reference_year - founded + 1
    new_ties = np.bincount(inside.col[g.first_year[inside.row] >= founded[inside.col]], minlength=n_nets)
    joined = meta.joined  # (network, actor, year) of every member's earliest membership there
    new_members = np.bincount(joined[0][joined[2] >= founded[joined[0]]], minlength=n_nets)
    ok = ~np.isnan(founded) & (span >= 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        table["ties_per_year_since_founding"] = np.where(ok, new_ties / span, np.nan)
        table["new_members_per_year"] = np.where(ok, new_members / span, np.nan)
    # structure, openness and boundary tests: one network at a time
    cols = [
        network_row(
            d,
            g,
            members.indices[members.indptr[j] : members.indptr[j + 1]],
            meta.area[j],
            seed,
            permutations,
            whole_betweenness,
        )
        for j in range(n_nets)
    ]
    table = pd.concat([table, pd.DataFrame(cols)], axis=1)
    table["ei_regions_q"] = benjamini_hochberg(table["ei_regions_p"].to_numpy())
    table["ei_index_q"] = benjamini_hochberg(table["ei_index_p"].to_numpy())
    return table


def network_row(
    d: SimpleNamespace,
    g: SimpleNamespace,
    keep: np.ndarray,
    area: np.ndarray,
    seed: int,
    permutations: int,
    whole: np.ndarray | None,
) -> dict:
    """Structure, openness and the boundary tests of one member set (positions ``keep``, sorted)."""
    keep = np.sort(keep)
    k = len(keep)
    mask = np.zeros(g.n, dtype=bool)
    mask[keep] = True
    local = np.full(g.n, -1, dtype=np.int64)
    local[keep] = np.arange(k)
    tie = mask[g.u] & mask[g.v]
    edges = local[g.edges[tie]]
    row: dict[str, object] = {}
    # structure: the member subgraph
    if k == g.n:
        sub, component = g.graph, g.component
    else:
        sub = ig.Graph(n=k, edges=edges.tolist(), directed=False)
        component = np.asarray(sub.connected_components().membership, dtype=np.int64)
    sizes = np.bincount(component, minlength=0)
    degree = np.bincount(edges.ravel(), minlength=k)
    between = whole if whole is not None and k == g.n else betweenness(sub, edges, component, seed)[0]
    order = np.lexsort((g.id_order[keep], -degree, -np.round(between, RANK_DECIMALS)))
    row["components"] = len(sizes)
    row["largest_component_share"] = sizes.max() / k if k else np.nan
    row["average_clustering"] = sub.transitivity_avglocal_undirected(mode="zero") if k else np.nan
    row["degree_centralization"] = (degree.max() - degree).sum() / ((k - 1) * (k - 2)) if k >= 3 else np.nan
    row["betweenness_centralization"] = (between.max() - between).sum() / (k - 1) if k >= 3 else np.nan
    for r in ROBUSTNESS:
        if k < r + 1:
            row[f"robustness_{r}"] = np.nan
            continue
        out = np.zeros(k, dtype=bool)
        out[order[:r]] = True
        rest = edges[~(out[edges[:, 0]] | out[edges[:, 1]])]
        adjacency = sp.coo_matrix((np.ones(len(rest)), (rest[:, 0], rest[:, 1])), shape=(k, k))
        labels = csgraph.connected_components(adjacency, directed=False)[1]
        row[f"robustness_{r}"] = np.bincount(labels[~out]).max() / k
    row["key_actor"] = d.ids[keep[order[0]]] if len(edges) else ""
    # openness: member ties across districts, Länder, the school line; district permutation test
    du, dv = g.district[g.u[tie]], g.district[g.v[tie]]
    ties = int(tie.sum())
    crossing = du != dv
    lu, lv = g.land[g.u[tie]], g.land[g.v[tie]]
    known = (lu >= 0) & (lv >= 0)
    ei_regions = (2 * int(crossing.sum()) - ties) / ties if ties else np.nan
    row["ei_regions"] = ei_regions
    row["ei_regions_p"] = np.nan
    if permutations and ties:
        rng = np.random.default_rng(seed)
        district = g.district[keep]
        chunk = max(1, PERMUTATION_CELLS // max(1, k, ties))
        samples = np.empty(permutations)
        for start in range(0, permutations, chunk):
            rows = min(chunk, permutations - start)
            labels = rng.permuted(np.tile(district, (rows, 1)), axis=1)
            cross = np.count_nonzero(labels[:, edges[:, 0]] != labels[:, edges[:, 1]], axis=1)
            samples[start : start + rows] = (2 * cross - ties) / ties
        row["ei_regions_p"] = permutation_p(ei_regions, samples)
    row["cross_district_share"] = crossing.mean() if ties else np.nan
    row["cross_land_share"] = (lu != lv)[known].mean() if known.any() else np.nan
    row["school_outofschool_share"] = (g.school[g.u[tie]] != g.school[g.v[tie]]).mean() if ties else np.nan
    # boundary E-I against the regional (same types, same area) and the statewide null
    internal = ties
    external = int(np.count_nonzero(mask[g.u] != mask[g.v]))
    observed = (external - internal) / (external + internal) if external + internal else np.nan
    for key in ("ei_index_expected", "ei_index_excess", "ei_index_z", "ei_index_p", "ei_index_p_statewide"):
        row[key] = np.nan
    row["ei_index_null_sets"] = np.nan
    if not math.isnan(observed):
        eligible = np.isin(g.district, area) | mask
        strata = []
        for code in np.unique(g.type_code[keep]):
            pool = np.flatnonzero(eligible & (g.type_code == code))
            strata.append((pool, int(np.count_nonzero(mask[pool]))))
        row["ei_index_null_sets"] = null_sets([(len(pool), c) for pool, c in strata])
        if permutations:
            chunks = regional_draws(strata, seed, permutations)
            regional = np.full(permutations, observed) if chunks is None else sample_ei(chunks, g)
            if k in (0, g.n):
                statewide = np.full(permutations, observed)
            else:
                rng = np.random.default_rng(seed)
                draws = np.array([rng.choice(g.n, size=k, replace=False) for _ in range(permutations)])
                statewide = sample_ei([draws], g)
            valid = regional[~np.isnan(regional)]
            if len(valid):
                constant = bool(valid.min() == valid.max())
                expected = float(valid[0]) if constant else float(valid.mean())
                spread = 0.0 if constant else float(valid.std())
                row["ei_index_expected"] = expected
                row["ei_index_excess"] = observed - expected
                row["ei_index_z"] = (observed - expected) / spread if spread > 0 else np.nan
            row["ei_index_p"] = permutation_p(observed, regional)
            row["ei_index_p_statewide"] = permutation_p(observed, statewide)
    return row


def graph_arrays(d: SimpleNamespace, g: SimpleNamespace) -> None:
    """Per actor: district and Land codes, school, type code, id order; the forward adjacency."""
    small = d.region_code.max(initial=0) < 2**15
    g.district = d.region_code.astype(np.int16 if small else np.int32)  # compact: the permutation test
    g.land = d.land
    g.school = d.types == SCHOOL
    g.type_code = pd.factorize(d.types, use_na_sentinel=False)[0]
    g.id_order = d.id_rank
    g.forward_indptr = np.concatenate([[0], np.cumsum(np.bincount(g.u, minlength=g.n))])
    g.forward_indices = g.v[np.lexsort((g.v, g.u))]  # each tie once, at its smaller end
    g.forward_degree = np.diff(g.forward_indptr)


def networks_step(d: SimpleNamespace, g: SimpleNamespace, seed: int, permutations: int) -> SimpleNamespace:
    n_nets = d.n_networks
    has_parent = d.parent >= 0
    child = sp.csr_matrix(
        (np.ones(int(has_parent.sum())), (d.parent[has_parent], np.flatnonzero(has_parent))),
        shape=(n_nets, n_nets),
    )
    reach = sp.identity(n_nets, format="csr")
    frontier = reach
    while True:  # reach[x, y]: y is x or below x in the umbrella hierarchy
        frontier = (frontier @ child).tocsr()
        frontier.eliminate_zeros()
        if not frontier.nnz:
            break
        reach = reach + frontier
    d.reach = (reach > 0).tocsr()
    d.members = ((d.direct @ d.reach.T) > 0).tocsc()  # actors × networks, sub-networks included
    column = pd.Index(g.district_names).get_indexer(d.net_regions)
    column[column < 0] = len(g.district_names)  # a declared district without actors
    declared = sp.csr_matrix(
        (np.ones(len(column)), (d.net_regions.index.to_numpy(), column)),
        shape=(n_nets, len(g.district_names) + 1),
    )
    below = (d.reach @ declared).tocsr()  # declared districts of the network and its sub-networks
    own = np.diff(declared.indptr) > 0
    seats = (d.members.T @ group_matrix(g.district, len(g.district_names) + 1)).tocsr()
    area = []
    for j in range(n_nets):  # declared, else the sub-networks', else the members' seats
        source = declared if own[j] else (below if below[j].nnz else seats)
        area.append(source[j].indices)
    # each member's year of joining a network: its earliest membership in the network's subtree
    up = d.reach.T.tocsr()  # network -> itself and its ancestors
    counts = np.diff(up.indptr)[d.ms_net]
    ancestors = up.indices[np.repeat(up.indptr[d.ms_net], counts) + ragged_range(counts)]
    frame = pd.DataFrame(
        {"net": ancestors, "actor": np.repeat(d.ms_actor, counts), "since": np.repeat(d.ms_since, counts)}
    )
    joined = frame.groupby(["net", "actor"], sort=False)["since"].min()
    meta = SimpleNamespace(
        ids=d.net_ids,
        districts=np.bincount(d.net_regions.index.to_numpy(), minlength=n_nets),
        direct_members=np.diff(d.direct.tocsc().indptr),
        founded=d.founded,
        area=area,
        joined=(
            joined.index.get_level_values(0).to_numpy(),
            joined.index.get_level_values(1).to_numpy(),
            joined.to_numpy(),
        ),
    )
    table = network_level(d, g, d.members, meta, seed, permutations)
    table["level"] = np.where(np.diff(child.indptr) > 0, "umbrella", "network")
    return table


def ragged_range(counts: np.ndarray) -> np.ndarray:
    """0..c−1 for every c in counts, concatenated."""
    ends = np.cumsum(counts)
    return np.arange(ends[-1] if len(ends) else 0) - np.repeat(ends - counts, counts)


def landscape_network(
    d: SimpleNamespace, g: SimpleNamespace, actors: SimpleNamespace, seed: int, permutations: int
):
    """The network indicators with every actor a member, founded with the first cooperation."""
    since = d.coop_since[d.now.active]
    s, t = d.coop_s[d.now.active], d.coop_t[d.now.active]
    entry = np.full(d.n, np.inf)
    np.minimum.at(entry, np.concatenate([s, t]), np.concatenate([since, since]))
    entry[np.isinf(entry)] = np.nan
    founded = np.array([np.nanmin(since)]) if len(since) else np.array([np.nan])
    meta = SimpleNamespace(
        ids=np.array([HESSEN], dtype=object),
        districts=np.array([len(d.region_codes)]),
        direct_members=np.array([d.n]),
        founded=founded,
        area=[np.arange(len(g.district_names))],
        joined=(np.zeros(d.n, dtype=np.int64), np.arange(d.n), entry),
    )
    everyone = sp.csc_matrix(np.ones((d.n, 1), dtype=bool))
    return network_level(d, g, everyone, meta, seed, permutations, whole_betweenness=actors.betweenness)


# --------------------------------------------------------------------------------------------
# network of networks, communities


def ari(a: np.ndarray, b: np.ndarray) -> float:
    n = len(a)
    if not n:
        return math.nan
    cells = np.unique(a.astype(np.int64) * (int(b.max()) + 1) + b, return_counts=True)[1]

    def pairs(c):
        return int((c * (c - 1) // 2).sum())

    together, sa, sb = pairs(cells), pairs(np.bincount(a)), pairs(np.bincount(b))
    expected = sa * sb / math.comb(n, 2) if n > 1 else 0.0
    maximum = (sa + sb) / 2
    return 1.0 if maximum == expected else (together - expected) / (maximum - expected)


def nmi(a: np.ndarray, b: np.ndarray) -> float:
    n = len(a)
    if not n:
        return math.nan
    a, b = np.unique(a, return_inverse=True)[1].ravel(), np.unique(b, return_inverse=True)[1].ravel()
    cols = int(b.max()) + 1
    code, cells = np.unique(a * cols + b, return_counts=True)
    ra, rb = np.bincount(a), np.bincount(b)
    if len(ra) == len(rb) == 1:
        return 1.0
    mutual = float(np.sum(cells / n * np.log(n * cells / (ra[code // cols].astype(float) * rb[code % cols]))))
    if mutual <= 0:
        return 0.0
    ha, hb = -float(np.sum(ra / n * np.log(ra / n))), -float(np.sum(rb / n * np.log(rb / n)))
    return min(mutual / ((ha + hb) / 2), 1.0)


def communities(d: SimpleNamespace, g: SimpleNamespace, home: np.ndarray, seed: int) -> tuple:
    """Consensus Louvain (medoid of seeded igraph runs on the id-sorted graph) and its comparison."""
    rank = d.id_rank
    pairs = np.sort(rank[g.edges], axis=1)
    pairs = pairs[np.lexsort((pairs[:, 1], pairs[:, 0]))]
    m = len(pairs)
    runs = (
        CONSENSUS_RUNS if m <= 0 else max(CONSENSUS_MIN_RUNS, min(CONSENSUS_RUNS, CONSENSUS_TIE_BUDGET // m))
    )
    sorted_graph = ig.Graph(n=d.n)
    sorted_graph.add_edges(pairs)
    found = []
    try:
        for i in range(runs):
            ig.set_random_number_generator(random.Random(seed + i))
            membership = sorted_graph.community_multilevel(resolution=1.0).membership
            found.append(np.asarray(membership, dtype=np.int64))
    finally:
        ig.set_random_number_generator(random)
    agreement = np.eye(runs)
    for i in range(runs):
        for j in range(i + 1, runs):
            agreement[i, j] = agreement[j, i] = ari(found[i], found[j])
    chosen = int(np.argmax((agreement.sum(axis=1) - 1) / (runs - 1))) if runs > 1 else 0
    consensus = found[chosen]
    sizes = np.bincount(consensus)
    first = np.full(len(sizes), d.n, dtype=np.int64)
    np.minimum.at(first, consensus, np.arange(d.n))
    present = np.flatnonzero(sizes)
    ranked = present[np.lexsort((first[present], -sizes[present]))]
    number = np.empty(len(sizes), dtype=np.int64)
    number[ranked] = np.arange(len(ranked))
    blocks = number[consensus]  # by sorted position
    label = blocks[rank]  # by actor
    home_sorted = home[np.argsort(rank)]
    member = home_sorted >= 0
    declared = np.where(member, home_sorted, d.n_networks + np.arange(d.n))
    declared = np.unique(declared, return_inverse=True)[1].ravel()
    run_ari = [ari(declared[member], r[member]) for r in found]
    run_nmi = [nmi(declared[member], r[member]) for r in found]
    run_q = [sorted_graph.modularity(r.tolist()) for r in found]
    everyone = np.where(member, home_sorted, d.n_networks)
    upper = agreement[np.triu_indices(runs, k=1)]

    def spread(values, name):
        v = np.array([x for x in values if not math.isnan(x)])
        return {f"{name}_min": v.min(), f"{name}_median": float(np.median(v)), f"{name}_max": v.max()}

    comparison = {
        "communities": len(ranked),
        "modularity": run_q[chosen],
        "modularity_declared": sorted_graph.modularity(declared.tolist()),
        "ari": run_ari[chosen],
        "nmi": run_nmi[chosen],
        "ari_all": ari(np.unique(everyone, return_inverse=True)[1].ravel(), blocks),
        "nmi_all": nmi(everyone, blocks),
        "runs": runs,
        "stability": float(upper.mean()) if len(upper) else math.nan,
        **spread(run_ari, "ari"),
        **spread(run_nmi, "nmi"),
        **spread(run_q, "modularity"),
    }
    return label, comparison


def quotient(d: SimpleNamespace, g: SimpleNamespace) -> pd.DataFrame:
    """Linked network pairs: cross ties, shared members, documented links, umbrella."""
    direct = (d.direct > 0).astype(np.int64).tocsr()
    du, dv = direct[g.u], direct[g.v]
    both = du.multiply(dv)
    only_u, only_v = (du - both).tocsr(), (dv - both).tocsr()
    cross = (only_u.T @ only_v).toarray()
    cross = cross + cross.T
    shared = (direct.T @ direct).toarray()
    np.fill_diagonal(shared, 0)
    n_nets = d.n_networks
    documented = np.zeros((n_nets, n_nets), dtype=np.int64)
    ok = (d.link_a >= 0) & (d.link_b >= 0) & (d.link_a != d.link_b)
    np.add.at(documented, (d.link_a[ok], d.link_b[ok]), 1)
    documented = documented + documented.T
    umbrella = np.zeros((n_nets, n_nets), dtype=bool)
    has = d.parent >= 0
    umbrella[d.parent[has], np.flatnonzero(has)] = True
    umbrella |= umbrella.T
    r = d.net_rank
    a, b = np.nonzero((r[:, None] < r[None, :]) & ((cross > 0) | (shared > 0) | (documented > 0) | umbrella))
    order = np.lexsort((r[b], r[a]))
    a, b = a[order], b[order]
    return pd.DataFrame(
        {
            "network_a": d.net_ids[a],
            "network_b": d.net_ids[b],
            "cross_ties": cross[a, b],
            "shared_members": shared[a, b],
            "documented_links": documented[a, b],
            "umbrella": umbrella[a, b],
            "weight": cross[a, b] + shared[a, b],
        }
    )


# --------------------------------------------------------------------------------------------
# regions and the landscape


def regions_step(d: SimpleNamespace, g: SimpleNamespace) -> tuple[pd.DataFrame, pd.DataFrame]:
    codes = d.region_codes
    nb = d.region_neighbours
    universe = pd.Index(pd.unique(np.concatenate([codes, d.region, nb.to_numpy(dtype=object)])))
    r = len(codes)
    actor_d = universe.get_indexer(d.region)
    du, dv = actor_d[g.u], actor_d[g.v]
    size = len(universe)
    own = np.flatnonzero(np.arange(size) < r)  # the district table's codes come first
    nb_keys = universe.get_indexer(codes[nb.index.to_numpy()]).astype(np.int64) * size + universe.get_indexer(
        nb
    )
    adjacent = np.isin(du.astype(np.int64) * size + dv, nb_keys) | np.isin(
        dv.astype(np.int64) * size + du, nb_keys
    )
    same = du == dv
    inside = np.bincount(du[same], minlength=size)
    crossing = np.bincount(du[~same], minlength=size) + np.bincount(dv[~same], minlength=size)
    to_nb = np.bincount(du[~same & adjacent], minlength=size) + np.bincount(
        dv[~same & adjacent], minlength=size
    )
    land = land_of(universe.to_numpy(dtype=object))
    lu, lv = land[du], land[dv]
    other_land = (lu >= 0) & (lv >= 0) & (lu != lv)
    to_laender = np.bincount(du[other_land], minlength=size) + np.bincount(dv[other_land], minlength=size)
    net_rows = d.net_regions.index.to_numpy()
    covering = np.bincount(universe.get_indexer(d.net_regions), minlength=size)
    ids = (
        pd.Series(d.net_ids[net_rows], index=universe.get_indexer(d.net_regions))
        .groupby(level=0)
        .agg("|".join)
    )
    network_ids = np.full(size, "", dtype=object)
    network_ids[ids.index.to_numpy()] = ids.to_numpy()
    actors = np.bincount(actor_d, minlength=size)
    act_d = universe.get_indexer(d.act_region)
    activities = np.bincount(act_d[act_d >= 0], minlength=size)
    in_network = np.zeros(d.n, dtype=bool)
    in_network[d.ms_actor] = True
    unnetworked = ~in_network[d.act_provider] & (act_d >= 0)
    without = np.bincount(act_d[unnetworked], minlength=size)
    above = set(pd.read_csv(SHIPPED / "hessen" / "mint_above_average.csv", dtype=str)["code"].str.strip())
    population = d.population
    per_100k = np.where(population > 0, 100_000 / np.where(population > 0, population, 1), np.nan)
    table = pd.DataFrame(
        {
            "code": codes,
            "population": population,
            "actors": actors[own],
            "activities": activities[own],
            "actors_per_100k": actors[own] * per_100k,
            "activities_per_100k": activities[own] * per_100k,
            "ties_inside": inside[own],
            "ties_to_other_districts": crossing[own],
            "ties_to_neighbours": to_nb[own],
            "networks": covering[own],
            "network_ids": network_ids[own],
            "ties_to_distant": crossing[own] - to_nb[own],
            "ties_per_100k": (inside[own] + crossing[own]) * per_100k,
            "white_spot": (activities[own] > 0) & (covering[own] == 0),
            "activities_without_network": without[own],
            "mint_above_average": np.isin(codes, list(above)),
            "ties_to_other_laender": to_laender[own],
        }
    )
    # the Länder of the district table
    table_land = land[own]
    touched = np.unique(table_land[table_land >= 0])
    if not len(touched):
        return table, pd.DataFrame()
    adj = pd.read_csv(SHIPPED / "germany" / "adjacency.csv", dtype=str)
    la, lb = land_of(adj["ags_a"].to_numpy()), land_of(adj["ags_b"].to_numpy())
    cross = (la != lb) & (la >= 0) & (lb >= 0)
    border_keys = np.unique(np.concatenate([la[cross] * 17 + lb[cross], lb[cross] * 17 + la[cross]]))
    al, bl = land[du], land[dv]
    same_land = (al >= 0) & (al == bl)
    land_inside = np.bincount(al[same_land], minlength=17)
    leaving = np.zeros(17, dtype=np.int64)
    bordering = np.zeros(17, dtype=np.int64)
    for own_l, other_l in ((al, bl), (bl, al)):
        go = ~same_land & (own_l >= 0)
        leaving += np.bincount(own_l[go], minlength=17)
        pair = own_l[go].astype(np.int64) * 17 + np.maximum(other_l[go], 0)
        bordering += np.bincount(own_l[go][np.isin(pair, border_keys) & (other_l[go] >= 0)], minlength=17)
    frame = table.assign(land=table_land).groupby("land")
    sums = frame[["actors", "activities", "activities_without_network"]].sum()
    population_land = frame["population"].sum(min_count=1)
    laender = pd.DataFrame(
        {
            "code": [f"{x:02d}" for x in touched],
            "population": population_land.reindex(touched).to_numpy(),
            "actors": sums["actors"].reindex(touched).to_numpy(),
            "activities": sums["activities"].reindex(touched).to_numpy(),
            "ties_inside": land_inside[touched],
            "ties_to_other_districts": leaving[touched],
            "ties_to_neighbours": bordering[touched],
            "ties_to_distant": leaving[touched] - bordering[touched],
            "activities_without_network": sums["activities_without_network"].reindex(touched).to_numpy(),
            "ties_to_other_laender": leaving[touched],
        }
    )
    per = np.where(
        laender["population"] > 0, 100_000 / laender["population"].where(laender["population"] > 0, 1), np.nan
    )
    laender["actors_per_100k"] = laender["actors"] * per
    laender["activities_per_100k"] = laender["activities"] * per
    laender["ties_per_100k"] = (laender["ties_inside"] + laender["ties_to_other_districts"]) * per
    return table, laender


def landscape_summary(d: SimpleNamespace, g: SimpleNamespace) -> dict:
    sizes = np.bincount(g.component)
    du, dv = g.district[g.u], g.district[g.v]
    lu, lv = g.land[g.u], g.land[g.v]
    known = (lu >= 0) & (lv >= 0)
    active_since = d.coop_since[d.now.active]
    k = g.degree.astype(float)
    t = np.bincount(g.triangles.ravel(), minlength=d.n)
    local = np.divide(2 * t, k * (k - 1), out=np.zeros(d.n), where=k > 1)
    return {
        "actors": d.n,
        "actor_types": dict(zip(*np.unique(d.types.astype(str), return_counts=True), strict=True)),
        "networks": d.n_networks,
        "umbrella_networks": len(np.unique(d.parent[d.parent >= 0])),
        "memberships": len(d.ms_actor),
        "cooperations": int(d.now.active.sum()),
        "ties": g.m,
        "activities": len(d.act_provider),
        "districts": len(d.region_codes),
        "districts_with_actors": len(np.unique(d.region)),
        "first_year": int(np.nanmin(active_since)) if len(active_since) else None,
        "last_year": int(np.nanmax(active_since)) if len(active_since) else None,
        "density": g.m / (d.n * (d.n - 1) / 2) if d.n > 1 else None,
        "components": len(sizes),
        "largest_component_share": sizes.max() / d.n,
        "isolated_actors": int(np.count_nonzero(g.degree == 0)),
        "average_clustering": float(local.mean()),
        "cross_district_share": np.count_nonzero(du != dv) / g.m if g.m else None,
        "cross_land_share": np.count_nonzero(known & (lu != lv)) / known.sum() if known.any() else None,
        "ended_ties": len(d.now.ended),
        "reference_year": d.reference_year,
        "survey_ties": survey_ties(d, g),
    }


def survey_ties(d: SimpleNamespace, g: SimpleNamespace) -> dict | None:
    if d.reciprocity is None or not (pd.Series(d.reciprocity).str.strip() != "").any():
        return None
    rank = {"mutual": 0, "one_sided": 1, "unconfirmed": 2}
    value = pd.Series(d.reciprocity).map(rank).fillna(3).to_numpy(dtype=np.int64)
    key = np.minimum(d.coop_s, d.coop_t).astype(np.int64) * d.n + np.maximum(d.coop_s, d.coop_t)
    best = pd.Series(value).groupby(key).min()
    tie = best.reindex(g.u.astype(np.int64) * d.n + g.v).fillna(3).to_numpy(dtype=np.int64)
    counts = np.bincount(tie, minlength=4)
    return dict(zip(("mutual", "one_sided", "unconfirmed", "not_surveyed"), counts.tolist(), strict=True))


# --------------------------------------------------------------------------------------------
# members against comparable actors


def matching_strata(types, districts, members, pool, neighbours: dict) -> SimpleNamespace:
    """Same type and district; cells without a comparison merged with their neighbours' (union-find)."""
    pool = pool & ~members
    part = members | pool
    type_code = pd.factorize(types)[0]
    district_code, district_names = pd.factorize(districts)
    width = max(len(district_names), 1)
    codes, cell = np.unique(type_code.astype(np.int64) * width + district_code, return_inverse=True)
    cell = np.where(part, cell.ravel(), -1)
    n_cells = len(codes)
    has_member = np.bincount(cell[members], minlength=n_cells) > 0
    has_pool = np.bincount(cell[pool], minlength=n_cells) > 0
    index = {(c // width, district_names[c % width]): i for i, c in enumerate(codes.tolist())}
    parent = list(range(n_cells))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    widened = []
    for i in np.flatnonzero(has_member & ~has_pool):
        kind, district = codes[i] // width, district_names[codes[i] % width]
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
    kept = np.where(group >= 0, valid[np.maximum(group, 0)], False)
    numbered = np.full(len(group), -1, dtype=np.int64)
    numbered[kept] = pd.factorize(group[kept])[0]
    return SimpleNamespace(
        code=numbered,
        count=int(numbered.max(initial=-1)) + 1,
        unmatched=int(members_in[~valid].sum()),
    )


def stratified_difference(y, members, strata, seed, permutations, coupling=None) -> dict:
    units = np.flatnonzero(strata >= 0)
    order = units[np.lexsort((~members[units], strata[units]))]
    s, t, ys = strata[order], members[order], y[order]
    n_strata = int(s.max(initial=-1)) + 1
    n = np.bincount(s, minlength=n_strata)
    m = np.bincount(s, weights=t, minlength=n_strata).astype(np.int64)
    out = dict.fromkeys(
        ("member_mean", "comparison_mean", "difference", "ci_low", "ci_high", "p_value"), np.nan
    )
    out.update(members=int(m.sum()), comparisons=int((n - m).sum()))
    if n_strata == 0 or (m == 0).any() or (m == n).any():
        return out
    weight = m / m.sum()
    starts = np.concatenate([[0], np.cumsum(n)[:-1]])
    mean1 = np.bincount(s, weights=ys * t, minlength=n_strata) / m
    mean0 = np.bincount(s, weights=ys * ~t, minlength=n_strata) / (n - m)
    difference = float(weight @ mean1) - float(weight @ mean0)
    out.update(
        member_mean=float(weight @ mean1), comparison_mean=float(weight @ mean0), difference=difference
    )
    if permutations <= 0:
        return out
    rng = np.random.default_rng(seed)
    if len(order) * permutations > MONTE_CARLO_CELLS:  # normal approximation, exact permutation variance
        total = np.bincount(s, weights=ys, minlength=n_strata)
        square = np.bincount(s, weights=ys * ys, minlength=n_strata)
        s2 = (square - total * total / n) / np.maximum(n - 1, 1)
        sd = math.sqrt(float(np.sum(weight**2 * np.maximum(s2, 0) * n / (m * (n - m)))))
        z = NormalDist().inv_cdf(0.5 + LEVEL / 2)
        p = 1.0 if sd == 0 else min(1.0, 2 * (1 - NormalDist().cdf(abs(difference) / sd)))
        out.update(ci_low=difference - z * sd, ci_high=difference + z * sd, p_value=p)
        return out
    coupled = None if coupling is None else coupling[order][:, order]
    width = len(ys)
    totals = np.bincount(s, weights=ys, minlength=n_strata)
    null, overlap = [], []
    size = max(1, CHUNK_CELLS // max(width, 1))
    for start in range(0, permutations, size):
        batch = min(size, permutations - start)
        keys = rng.random((batch, width)) + s
        chosen = np.zeros((batch, width), dtype=bool)
        np.put_along_axis(chosen, np.argsort(keys, axis=1, kind="stable")[:, t], True, axis=1)
        if coupled is None:
            values, batch_totals = np.broadcast_to(ys, chosen.shape), np.broadcast_to(totals, (batch, len(n)))
        else:
            values = ys - (chosen.astype(float) - t) @ coupled.T
            batch_totals = np.add.reduceat(values, starts, axis=1)
        sums1 = np.add.reduceat(np.where(chosen, values, 0.0), starts, axis=1)
        null.append((sums1 / m - (batch_totals - sums1) / (n - m)) @ weight)
        kept = np.add.reduceat((chosen & t).astype(float), starts, axis=1)
        overlap.append((kept / m - (m - kept) / (n - m)) @ weight)
    null, overlap = np.concatenate(null), np.concatenate(overlap)
    same = np.isclose(overlap, 1.0)
    r = np.sort((difference - null[~same]) / (1.0 - overlap[~same]))
    need = max(0, math.floor((1 - LEVEL) / 2 * (1 + len(null)) - 1 - int(same.sum()) + 1e-9) + 1)
    low, high = (np.nan, np.nan) if need == 0 or need > len(r) else (r[need - 1], r[len(r) - need])
    out.update(ci_low=low, ci_high=high, p_value=permutation_p(difference, null))
    return out


def effects_step(
    d: SimpleNamespace, g: SimpleNamespace, actors: SimpleNamespace, seed: int, permutations: int
):
    nb = d.region_neighbours
    neighbours: dict = {}
    for code, other in zip(d.region_codes[nb.index.to_numpy()], nb.to_numpy(), strict=True):
        neighbours.setdefault(code, set()).add(other)
        neighbours.setdefault(other, set()).add(code)
    types = pd.Series(d.types).fillna("").to_numpy(dtype=object)
    districts = pd.Series(d.region).fillna("").to_numpy(dtype=object)
    other_district = (districts[g.u] != districts[g.v]).astype(float)
    cross_district = np.bincount(g.u, other_district, d.n) + np.bincount(g.v, other_district, d.n)
    across = (g.school[g.u] != g.school[g.v]).astype(float)
    across = np.bincount(g.u, across, d.n) + np.bincount(g.v, across, d.n)
    degree = g.degree.astype(float)
    coupling = g.adjacency
    in_any = np.asarray(d.members.sum(axis=1)).ravel() > 0
    # partners per actor and year over every cooperation row ever recorded (before/after design)
    dated = ~np.isnan(d.coop_since)
    first, last = int(np.nanmin(d.coop_since)), d.reference_year
    lo = np.minimum(d.coop_s, d.coop_t)[dated].astype(np.int64)
    hi = np.maximum(d.coop_s, d.coop_t)[dated]
    since, until = d.coop_since[dated], np.nan_to_num(d.coop_until[dated], nan=np.inf)
    yearly = np.zeros((d.n, last - first + 1))
    for k, year in enumerate(range(first, last + 1)):
        pairs = np.unique(lo[(since <= year) & (until >= year)] * d.n + hi[(since <= year) & (until >= year)])
        yearly[:, k] = np.bincount(pairs // d.n, minlength=d.n) + np.bincount(pairs % d.n, minlength=d.n)
    rows = []
    members_csc = d.members
    for j, net in enumerate(d.net_ids):
        members = np.zeros(d.n, dtype=bool)
        members[members_csc.indices[members_csc.indptr[j] : members_csc.indptr[j + 1]]] = True
        count = int(members.sum())
        strata = matching_strata(types, districts, members, ~members, neighbours)
        outcomes = {
            "degree": degree,
            "cross_district_partners": cross_district,
            "school_outofschool_partners": across,
            "partners_outside_network": degree - coupling @ members.astype(float),
            "betweenness": actors.betweenness,
        }
        for outcome, y in outcomes.items():
            seeds = [seed, zlib.crc32(str(net).encode()), zlib.crc32(outcome.encode()), 0]
            estimate = stratified_difference(
                y,
                members,
                strata.code,
                seeds,
                permutations,
                coupling if outcome == "partners_outside_network" else None,
            )
            rows.append(
                {
                    "network": net,
                    "outcome": outcome,
                    "design": "matched",
                    **estimate,
                    "members": count,
                    "unmatched": strata.unmatched,
                    "strata": strata.count,
                }
            )
        founded = d.founded[j]
        if (
            count
            and not np.isnan(founded)
            and founded - first >= MIN_YEARS
            and last - founded + 1 >= MIN_YEARS
        ):
            k = int(founded) - first
            change = yearly[:, k:].mean(axis=1) - yearly[:, :k].mean(axis=1)
            strata = matching_strata(types, districts, members, ~in_any, neighbours)
            seeds = [seed, zlib.crc32(str(net).encode()), zlib.crc32(b"degree"), 1]
            estimate = stratified_difference(change, members, strata.code, seeds, permutations)
            rows.append(
                {
                    "network": net,
                    "outcome": "degree",
                    "design": "before_after",
                    **estimate,
                    "members": count,
                    "unmatched": strata.unmatched,
                    "strata": strata.count,
                }
            )
        else:
            rows.append({"network": net, "outcome": "degree", "design": "before_after", "members": count})
    table = pd.DataFrame(rows)
    table["p_adjusted"] = benjamini_hochberg(table["p_value"].to_numpy(dtype=float))
    return table


def scorecard_step(
    d: SimpleNamespace, networks: pd.DataFrame, landscape: pd.DataFrame, effects: pd.DataFrame
):
    """Per scope (the landscape, then each network) and Plus item: value, landscape value, coverage."""
    matched = effects[(effects["outcome"] == "degree") & (effects["design"] == "matched")]
    values = pd.concat([landscape, networks], ignore_index=True).set_index("id")
    values["partners_vs_comparable"] = matched.set_index("network")["difference"]
    items = [(plus, indicator) for plus, _, indicators in PLUS for indicator in (indicators or ("",))]
    plus = np.array([p for p, _ in items], dtype=object)
    indicator = np.array([i for _, i in items], dtype=object)
    scopes = values.index.to_numpy(dtype=object)
    grid = values.reindex(columns=indicator).to_numpy(dtype=object)  # scope × item
    boundary = np.isin(indicator, list(BOUNDARY))
    undefined = (indicator == "")[None, :] | ((scopes == HESSEN)[:, None] & boundary[None, :])
    landscape_row = grid[scopes == HESSEN][0]
    landscape_value = np.where(np.isin(indicator, list(SIZE_FREE)) & ~boundary, landscape_row, None)
    # coverage of new_members_per_year: members with a known year of entry (the landscape: actors
    # with a cooperation)
    dated = ~np.isnan(d.ms_since)
    known_direct = sp.csr_matrix(
        (np.ones(int(dated.sum())), (d.ms_actor[dated], d.ms_net[dated])), shape=(d.n, d.n_networks)
    )
    known = np.asarray(((known_direct @ d.reach.T) > 0).multiply(d.members).sum(axis=0)).ravel()
    size = np.diff(d.members.indptr)
    cooperating = np.zeros(d.n, dtype=bool)
    cooperating[d.coop_s[d.now.active]] = True
    cooperating[d.coop_t[d.now.active]] = True
    since = np.concatenate(
        [[cooperating.sum() / d.n], np.where(size > 0, known / np.maximum(size, 1), np.nan)]
    )
    coverage = np.where(indicator == "new_members_per_year", since[:, None], 1.0)
    coverage = np.where(undefined, np.nan, coverage)
    return pd.DataFrame(
        {
            "scope": np.repeat(scopes, len(items)),
            "plus": np.tile(plus, len(scopes)),
            "indicator": np.tile(indicator, len(scopes)),
            "value": np.where(undefined, None, grid).ravel(),
            "hessen_value": np.tile(landscape_value, len(scopes)),
            "coverage": coverage.ravel(),
        }
    )


# --------------------------------------------------------------------------------------------
# the run


def run(folder: Path, seed: int, permutations: int) -> tuple[dict[str, float], dict]:
    seconds: dict[str, float] = {}
    out: dict = {}

    def step(name, function, *args):
        start, cpu = time.perf_counter(), time.process_time()
        value = function(*args)
        seconds[name] = time.perf_counter() - start
        emit({"step": name, "seconds": seconds[name], "cpu": time.process_time() - cpu})
        return value

    d = step("load + validate", load, folder)
    d.now = now = step("current ties (reference year)", current_ties, d)
    d.reference_year = now.year
    g = step("cooperation graph", cooperation_graph, d, now)
    actors = out["actors"] = step("actor centralities and brokerage", actor_step, d, g, seed)

    def prepare_networks():
        g.district_names = np.asarray(pd.factorize(d.region)[1], dtype=object)
        graph_arrays(d, g)
        return networks_step(d, g, seed, permutations)

    networks = out["networks"] = step("networks", prepare_networks)
    out["landscape"] = step("landscape as one network", landscape_network, d, g, actors, seed, permutations)

    def nexus():
        pairs = quotient(d, g)
        label, comparison = communities(d, g, actors.home, seed)
        ended = now.ended
        actors.community = label
        actors.ended_ties = np.bincount(ended.ravel(), minlength=d.n)
        rows = d.members.tocsr()
        networks["ended_ties"] = np.asarray(rows[ended[:, 0]].multiply(rows[ended[:, 1]]).sum(axis=0)).ravel()
        return pairs, comparison

    out["network_pairs"], out["communities"] = step("network of networks and communities", nexus)
    out["regions"], out["laender"] = step("regions", regions_step, d, g)
    out["summary"] = step("landscape", landscape_summary, d, g)
    out["effects"] = step("members against comparable actors", effects_step, d, g, actors, seed, permutations)
    out["scorecard"] = step("scorecard", scorecard_step, d, networks, out["landscape"], out["effects"])
    out["centrality"] = {
        "method": "sampled" if sampled(d.n) else "exact",
        "betweenness_samples": actors.kadabra_samples,
        "closeness_sources": actors.closeness_k,
    }
    out["data"] = d
    return seconds, out


# --------------------------------------------------------------------------------------------
# --check: compare with the files `mintgraph analyze` wrote


class Checker:
    def __init__(self) -> None:
        self.failures = 0
        self.lines: list[str] = []

    def compare(self, label: str, mine, theirs, *, tol: float = 1e-9, exact_text: bool = False) -> None:
        mine = pd.Series(mine).reset_index(drop=True)
        theirs = pd.Series(theirs).reset_index(drop=True)
        if len(mine) != len(theirs):
            self.fail(label, f"{len(mine)} rows against {len(theirs)}")
            return
        if exact_text or mine.dtype == object or theirs.dtype == object:
            a = mine.fillna("").astype(str).str.replace(r"\.0$", "", regex=True)
            b = theirs.fillna("").astype(str).str.replace(r"\.0$", "", regex=True)
            a = a.replace({"nan": "", "None": ""})
            b = b.replace({"nan": "", "None": ""})
            bad = int((a != b).sum())
            self.report(label, bad == 0, f"{bad} of {len(a)} differ" if bad else f"{len(a)} equal")
            return
        a = pd.to_numeric(mine, errors="coerce").to_numpy(dtype=float)
        b = pd.to_numeric(theirs, errors="coerce").to_numpy(dtype=float)
        nan_mismatch = int((np.isnan(a) != np.isnan(b)).sum())
        both = ~np.isnan(a) & ~np.isnan(b)
        diff = np.abs(a[both] - b[both])
        scale = np.maximum(1.0, np.abs(b[both]))
        worst = float((diff / scale).max()) if len(diff) else 0.0
        ok = nan_mismatch == 0 and worst <= tol
        self.report(label, ok, f"max |Δ| {worst:.2e} (tolerance {tol:.0e}), NaN mismatches {nan_mismatch}")

    def report(self, label: str, ok: bool, text: str) -> None:
        if not ok:
            self.failures += 1
        self.lines.append(f"{'ok  ' if ok else 'FAIL'} {label}: {text}")

    def fail(self, label: str, text: str) -> None:
        self.report(label, False, text)


def check(out: dict, folder: Path) -> int:
    c = Checker()
    d = out["data"]
    a = out["actors"]
    csv = pd.read_csv(
        folder / "actors.csv", dtype={"id": str, "network_ids": str}, keep_default_na=False, na_values=[""]
    )
    csv["network_ids"] = csv["network_ids"].fillna("")
    c.compare("actors: order of ids", d.ids, csv["id"], exact_text=True)
    sampled_run = out["centrality"]["method"] == "sampled"
    bound = 2 * EPSILON_BETWEENNESS * d.n / (2 * (d.n - 2)) if sampled_run else 1e-9
    for column in (
        "networks",
        "degree",
        "weighted_degree",
        "ended_ties",
        "core_number",
        "cut_off_actors",
        "gf_total",
        "networks_reached",
        "cross_land_partners",
        "community",
        *(
            f"gf_{r}_{s}"
            for s in ("networks", "regions")
            for r in ("coordinator", "gatekeeper_representative", "consultant", "liaison")
        ),
    ):
        c.compare(f"actors.{column}", getattr(a, column), csv[column], tol=0)
    for column in (
        "degree_centrality",
        "closeness",
        "harmonic_closeness",
        "eigenvector",
        "clustering",
        "constraint",
        "effective_size",
        "participation_regions",
        "participation_networks",
        "pagerank",
    ):
        c.compare(f"actors.{column}", getattr(a, column), csv[column])
    c.compare(
        "actors.betweenness" + (" (sampled)" if sampled_run else ""),
        a.betweenness,
        csv["betweenness"],
        tol=bound,
    )
    for column in ("articulation_point", "network_bridge"):
        c.compare(f"actors.{column}", getattr(a, column), csv[column].astype(str) == "True", tol=0)
    c.compare("actors.network_ids", a.network_ids, csv["network_ids"], exact_text=True)

    nets = pd.read_csv(
        folder / "networks.csv",
        dtype={"id": str, "key_actor": str, "topics_covered": str, "target_groups_list": str},
    )
    mine = out["networks"]
    centralization = 4 * EPSILON_BETWEENNESS if sampled(int(nets["members"].max())) else 1e-9
    for column in nets.columns:
        if column in ("name", "parent", "coordinator", "founded"):
            continue
        if column not in mine:
            c.fail(f"networks.{column}", "not computed")
            continue
        text = column in ("id", "level", "key_actor", "topics_covered", "target_groups_list")
        tol = (
            centralization
            if column == "betweenness_centralization"
            else (0 if column == "small_network" else 1e-9)
        )
        c.compare(f"networks.{column}", mine[column], nets[column], tol=tol, exact_text=text)
    summary = json.loads((folder / "summary.json").read_text())
    land = out["landscape"].iloc[0]
    c.compare("landscape (scorecard hessen): density", [land["density"]], [summary["density"]])
    for key, value in out["summary"].items():
        if key == "actor_types":
            ok = {k: int(v) for k, v in value.items()} == summary[key]
            c.report(f"summary.{key}", ok, "equal" if ok else "differ")
        elif key == "survey_ties":
            c.report(f"summary.{key}", value == summary[key], f"{value} / {summary[key]}")
        else:
            c.compare(f"summary.{key}", [value], [summary[key]])
    for key, value in out["communities"].items():
        c.compare(f"summary.communities.{key}", [value], [summary["communities"][key]])
    if sampled_run:
        c.compare(
            "summary.centrality.betweenness_samples",
            [out["centrality"]["betweenness_samples"]],
            [summary["centrality"]["betweenness_samples"]],
            tol=0,
        )
        c.compare(
            "summary.centrality.closeness_sources",
            [out["centrality"]["closeness_sources"]],
            [summary["centrality"]["closeness_sources"]],
            tol=0,
        )

    pairs = pd.read_csv(folder / "network_pairs.csv", dtype={"network_a": str, "network_b": str})
    for column in pairs.columns:
        c.compare(
            f"network_pairs.{column}",
            out["network_pairs"][column],
            pairs[column],
            tol=0,
            exact_text=column in ("network_a", "network_b", "umbrella"),
        )

    regions = pd.read_csv(
        folder / "regions.csv", dtype={"code": str, "network_ids": str}, keep_default_na=False, na_values=[""]
    )
    regions["network_ids"] = regions["network_ids"].fillna("")
    districts = regions[regions["level"] == "district"].reset_index(drop=True)
    laender = regions[regions["level"] == "land"].reset_index(drop=True)
    for column in out["regions"].columns:
        text = column in ("code", "network_ids", "white_spot", "mint_above_average")
        mine_col = out["regions"][column]
        if column in ("white_spot", "mint_above_average"):
            mine_col = mine_col.map(str)
            districts[column] = districts[column].map(str)
        c.compare(f"regions.{column}", mine_col, districts[column], exact_text=text)
    for column in out["laender"].columns:
        c.compare(
            f"regions (Länder).{column}", out["laender"][column], laender[column], exact_text=column == "code"
        )

    effects = pd.read_csv(folder / "effects.csv", dtype={"network": str})
    mine = out["effects"].reindex(columns=effects.columns)
    for column in ("network", "outcome", "design"):
        c.compare(f"effects.{column}", mine[column], effects[column], exact_text=True)
    sampled_between = (mine["outcome"] == "betweenness").to_numpy() & sampled_run
    for column in (
        "members",
        "comparisons",
        "member_mean",
        "comparison_mean",
        "difference",
        "ci_low",
        "ci_high",
        "p_value",
        "p_adjusted",
        "unmatched",
        "strata",
    ):
        mine_col, theirs = mine[column].copy(), effects[column].copy()
        if column in ("comparisons", "unmatched", "strata"):
            mine_col = mine_col.fillna(0)
        c.compare(f"effects.{column}", mine_col[~sampled_between], theirs[~sampled_between])
        if sampled_between.any() and column in ("member_mean", "comparison_mean", "difference"):
            c.compare(
                f"effects.{column} (betweenness, sampled)",
                mine_col[sampled_between],
                theirs[sampled_between],
                tol=2 * bound,
            )

    card = pd.read_csv(folder / "scorecard.csv", dtype={"scope": str}, keep_default_na=False, na_values=[""])
    mine = out["scorecard"]
    for column in ("scope", "plus", "indicator"):
        c.compare(f"scorecard.{column}", mine[column], card[column].fillna(""), exact_text=True)
    for column in ("value", "hessen_value", "coverage"):
        numeric = pd.to_numeric(card[column], errors="coerce")
        text = card[column].notna() & numeric.isna()
        theirs_text = card[column].astype(object).where(text).fillna("")
        mine_num = pd.to_numeric(mine[column], errors="coerce")
        mine_text = (
            mine[column].astype(object).where(mine[column].map(lambda v: isinstance(v, str))).fillna("")
        )
        c.compare(f"scorecard.{column} (numbers)", mine_num, numeric)
        c.compare(f"scorecard.{column} (texts)", mine_text, theirs_text, exact_text=True)
    for line in c.lines:
        print(line)
    print(f"check: {len(c.lines) - c.failures} of {len(c.lines)} comparisons agree", flush=True)
    return c.failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument(
        "--check", type=Path, metavar="OUTPUT_DIR", help="compare with mintgraph's output files"
    )
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--permutations", type=int, default=999)
    args = parser.parse_args()
    seconds, out = run(args.data_dir, args.seed, args.permutations)
    emit({"total": sum(seconds.values())})
    failures = check(out, args.check) if args.check else 0
    assert not any(m == "mintgraph" or m.startswith("mintgraph.") for m in sys.modules)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
