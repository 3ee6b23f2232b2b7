"""Network cohesion, openness, diversity, growth and robustness: by hand, against igraph, planted cases."""

from __future__ import annotations

import copy
import math

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
import pytest

import mintgraph
from mintgraph.graph import cooperation_graph, network_members
from mintgraph.metrics.cohesion import (
    COHESION_COLUMNS,
    attack_order,
    blau_index,
    freeman_centralization,
    network_cohesion,
    permutation_p,
    robustness_curve,
)
from mintgraph.metrics.networks import network_table
from mintgraph.model import Dataset
from mintgraph.testing import TINY, tiny_dataset
from mintgraph.validate import check_records

TOL = 1e-9
DISTRICTS = ("06611", "06631", "06633", "06634", "06635", "06636", "06411", "06412")


def records_dataset(records: dict[str, list[dict[str, str]]]) -> Dataset:
    report = check_records(records)
    assert report.ok, report.errors
    assert report.dataset is not None
    return report.dataset


def graph_dataset(
    graph: nx.Graph,
    networks: dict[str, set],
    *,
    region: dict | None = None,
    actor_type: dict | None = None,
) -> Dataset:
    """A dataset whose cooperation graph is ``graph`` (ids as text) and with the given networks."""
    region = region or {}
    actor_type = actor_type or {}
    return records_dataset(
        {
            "actors": [
                {
                    "id": str(v),
                    "name": f"Actor {v}",
                    "type": actor_type.get(v, "school"),
                    "region": region.get(v, "06611"),
                }
                for v in graph
            ],
            "networks": [{"id": nid, "name": nid, "founded": "2015"} for nid in networks],
            "memberships": [
                {"actor_id": str(v), "network_id": nid, "since": "2016"}
                for nid, group in networks.items()
                for v in group
            ],
            "cooperations": [
                {"source": str(u), "target": str(v), "type": "project", "since": "2016"}
                for u, v in graph.edges
            ],
        }
    )


def cohesion(ds: Dataset, **kwargs) -> pd.DataFrame:
    return network_cohesion(cooperation_graph(ds), ds, **kwargs)


# --- the pure helpers, by hand ---------------------------------------------------------------


def _centralizations(graph: nx.Graph) -> tuple[float, float]:
    degrees = [d for _, d in graph.degree()]
    betweenness = list(nx.betweenness_centrality(graph).values())
    return freeman_centralization(degrees, "degree"), freeman_centralization(betweenness, "betweenness")


@pytest.mark.parametrize("n", [3, 4, 7, 12])
def test_star_is_maximally_centralized(n):
    star = nx.star_graph(n - 1)  # n nodes
    assert _centralizations(star) == pytest.approx((1.0, 1.0), abs=TOL)


@pytest.mark.parametrize(
    "graph", [nx.cycle_graph(5), nx.cycle_graph(8), nx.complete_graph(4), nx.complete_graph(9)]
)
def test_cycle_and_complete_graph_are_not_centralized(graph):
    assert _centralizations(graph) == pytest.approx((0.0, 0.0), abs=TOL)


def test_path_of_four_by_hand():
    # a-b-c-d. Degrees 1,2,2,1: sum of (2 - d) = 2, over (n-1)(n-2) = 6 -> 1/3.
    # b lies on a-c and a-d, c on b-d and a-d: raw betweenness 0,2,2,0; normalised by
    # (n-1)(n-2)/2 = 3 -> 0, 2/3, 2/3, 0. Sum of (2/3 - b) = 4/3, over n - 1 = 3 -> 4/9.
    degree, betweenness = _centralizations(nx.path_graph(["a", "b", "c", "d"]))
    assert degree == pytest.approx(1 / 3, abs=TOL)
    assert betweenness == pytest.approx(4 / 9, abs=TOL)


def test_centralization_undefined_below_three_nodes_and_rejects_other_kinds():
    assert math.isnan(freeman_centralization([1, 1], "degree"))
    assert math.isnan(freeman_centralization([], "betweenness"))
    with pytest.raises(ValueError, match="kind"):
        freeman_centralization([1, 2, 1], "closeness")


def test_blau_index_by_hand():
    assert blau_index([2, 2]) == 0.5
    assert blau_index([1, 1, 1, 1]) == pytest.approx(0.75)
    assert blau_index([3, 0]) == 0.0
    assert blau_index([2, 1]) == pytest.approx(1 - (4 / 9 + 1 / 9))
    assert math.isnan(blau_index([]))


def test_permutation_p_by_hand():
    samples = [0.1, 0.2, 0.5, 0.5, 0.9]
    assert permutation_p(0.5, samples) == pytest.approx((1 + 3) / 6)
    assert permutation_p(0.5, samples, alternative="less") == pytest.approx((1 + 4) / 6)
    assert permutation_p(0.5, samples, alternative="two-sided") == pytest.approx(min(1, 2 * 4 / 6))
    assert permutation_p(2.0, samples) == pytest.approx(1 / 6)  # never 0
    assert permutation_p(-1.0, samples) == 1.0
    # NaN samples are left out of numerator and denominator; a NaN observation has no p
    assert permutation_p(0.5, [0.1, math.nan, 0.9]) == pytest.approx(2 / 3)
    assert math.isnan(permutation_p(math.nan, samples))
    assert math.isnan(permutation_p(0.5, [math.nan]))
    # floating-point noise does not make a sample "smaller" than an equal observation
    assert permutation_p(0.1 + 0.2, [0.3]) == 1.0
    with pytest.raises(ValueError, match="alternative"):
        permutation_p(0.5, samples, alternative="both")


# Two triangles joined by the bridge c-d, and a pendant g on f:
#
#   a           e
#   | \       / |
#   |  c --- d  |
#   | /       \ |
#   b           f --- g
#
# Raw betweenness: c = 8 (pairs {a,b} x {d,e,f,g}), d = 9 ({a,b,c} x {e,f,g}),
# f = 5 (g x {a,b,c,d,e}), all others 0. Attack order: d, c, f, then by degree a, b, e (2), g (1).
BRIDGED = nx.Graph(
    [("a", "b"), ("a", "c"), ("b", "c"), ("c", "d"), ("d", "e"), ("d", "f"), ("e", "f"), ("f", "g")]
)


def test_attack_order_and_robustness_curve_by_hand():
    assert attack_order(BRIDGED) == ["d", "c", "f", "a", "b", "e", "g"]
    curve = robustness_curve(BRIDGED, [0, 1, 2, 3, 5, 6, 7])
    assert curve[0] == 1.0
    assert curve[1] == pytest.approx(3 / 7)  # without d: {a,b,c} and {e,f,g}
    assert curve[2] == pytest.approx(3 / 7)  # without d, c: {a,b} and {e,f,g}
    assert curve[3] == pytest.approx(2 / 7)  # without d, c, f: {a,b}, {e}, {g}
    assert curve[5] == pytest.approx(1 / 7)  # only e and g remain, apart
    assert curve[6] == pytest.approx(1 / 7)  # g alone, still 1 of the original 7
    assert math.isnan(curve[7])  # nothing would remain


def test_robustness_denominator_is_the_original_member_count():
    # A complete graph stays in one piece, but each removed member is lost: R_k = (n - k) / n.
    curve = robustness_curve(nx.complete_graph(6), [1, 3, 5])
    assert curve == pytest.approx({1: 5 / 6, 3: 3 / 6, 5: 1 / 6})


def test_attack_order_uses_betweenness_once_not_adaptively():
    # Path a-b-c-d-e: initial betweenness c > b = d. An adaptive attack would, after removing c,
    # find b and d at 0 and take a higher-degree node; the fixed order removes b next (id breaks the tie).
    path = nx.path_graph(["a", "b", "c", "d", "e"])
    assert attack_order(path)[:3] == ["c", "b", "d"]
    assert robustness_curve(path, [1, 2]) == pytest.approx({1: 2 / 5, 2: 2 / 5})


# --- the tiny landscape, by hand (see mintgraph.testing.TINY) -----------------------------------
#
# net-a = {s1 (school, 06611), s2 (school, 06633), u1 (university, 06611)}, founded 2012;
#   member ties s1-u1 (first 2012), s2-u1 (2014), s1-s2 (2018) — a triangle.
# net-b = {c1 (company, 06631)}, founded 2016; no member ties.
# umbrella = net-a + net-b = {s1, s2, u1, c1}, founded 2010; member ties: the triangle + u1-c1 (2017).
# l1 (student lab, provides activity x1 "NT") is in no network; u1 provides x2 "M", upper_secondary.
# The last year of data is 2020 (activity x1).


@pytest.fixture(scope="module")
def tiny():
    return cohesion(tiny_dataset(), permutations=999)


def test_tiny_structure_by_hand(tiny):
    a, b, u = tiny.loc["net-a"], tiny.loc["net-b"], tiny.loc["umbrella"]
    assert (a.components, a.largest_component_share, a.average_clustering) == (1, 1.0, 1.0)
    assert (a.degree_centralization, a.betweenness_centralization) == (0.0, 0.0)  # a triangle
    # umbrella: degrees s1 2, s2 2, u1 3, c1 1 -> (1 + 1 + 0 + 2) / (3 * 2) = 2/3;
    # u1 brokers s1-c1 and s2-c1: 2 / 3 normalised, others 0 -> 3 * (2/3) / 3 = 2/3
    assert u.degree_centralization == pytest.approx(2 / 3)
    assert u.betweenness_centralization == pytest.approx(2 / 3)
    # clustering: s1 1, s2 1, u1 1/3 (of s1-s2, s1-c1, s2-c1 only s1-s2 cooperate), c1 0
    assert u.average_clustering == pytest.approx((1 + 1 + 1 / 3 + 0) / 4)
    assert (b.components, b.largest_component_share, b.average_clustering) == (1, 1.0, 0.0)
    assert math.isnan(b.degree_centralization) and math.isnan(b.betweenness_centralization)


def test_tiny_robustness_and_key_actor_by_hand(tiny):
    u = tiny.loc["umbrella"]
    assert u.key_actor == "u1"
    assert u.robustness_1 == pytest.approx(2 / 4)  # without u1: {s1, s2} and {c1}
    assert u.robustness_3 == pytest.approx(1 / 4)  # then s1, s2 (degree 2): c1 alone
    assert math.isnan(u.robustness_5)
    a = tiny.loc["net-a"]
    assert a.key_actor == "s1"  # triangle: all equal, the id decides
    assert a.robustness_1 == pytest.approx(2 / 3)
    assert math.isnan(a.robustness_3)
    b = tiny.loc["net-b"]
    assert b.key_actor == "" and math.isnan(b.robustness_1)


def test_tiny_openness_by_hand(tiny):
    a, b, u = tiny.loc["net-a"], tiny.loc["net-b"], tiny.loc["umbrella"]
    # net-a: s1-u1 inside 06611; s1-s2, s2-u1 cross -> E = 2, I = 1
    assert a.ei_regions == pytest.approx((2 - 1) / 3)
    assert a.cross_district_share == pytest.approx(2 / 3)
    # umbrella: + u1-c1 crosses -> E = 3, I = 1
    assert u.ei_regions == pytest.approx((3 - 1) / 4)
    assert u.cross_district_share == pytest.approx(3 / 4)
    # school / out-of-school: s1-u1, s2-u1 mixed; s1-s2 school-school; u1-c1 both out of school
    assert a.school_outofschool_share == pytest.approx(2 / 3)
    assert u.school_outofschool_share == pytest.approx(2 / 4)
    for col in ("ei_regions", "ei_regions_p", "cross_district_share", "school_outofschool_share"):
        assert math.isnan(b[col]), col  # no member ties


def test_tiny_district_permutation_p_is_exactly_one(tiny):
    # net-a: any arrangement of the labels 06611, 06611, 06633 on a triangle crosses 2 of 3 ties,
    # as observed. umbrella: the two 06611 labels sit on a tied pair (E = 3, as observed) or an
    # untied one (E = 4): no arrangement crosses fewer ties than observed, so p = 1.
    assert tiny.loc["net-a", "ei_regions_p"] == 1.0
    assert tiny.loc["umbrella", "ei_regions_p"] == 1.0


def test_tiny_diversity_by_hand(tiny):
    a, b, u = tiny.loc["net-a"], tiny.loc["net-b"], tiny.loc["umbrella"]
    assert (a.types, a.type_diversity) == (2, pytest.approx(1 - (2 / 3) ** 2 - (1 / 3) ** 2))
    assert (b.types, b.type_diversity) == (1, 0.0)
    assert (u.types, u.type_diversity) == (3, pytest.approx(1 - 0.5**2 - 0.25**2 - 0.25**2))
    # only u1's "M" activity counts; l1's "NT" lab day is not a member's
    for row in (a, u):
        assert (row.topics_covered, row.topic_coverage) == ("M", 0.25)
        assert (row.target_groups, row.target_groups_list) == (1, "upper_secondary")
    assert (b.topics_covered, b.topic_coverage, b.target_groups, b.target_groups_list) == ("", 0.0, 0, "")


def test_tiny_growth_by_hand(tiny):
    # net-a founded 2012: 2020 - 2012 + 1 = 9 years; 3 member ties and 3 members since 2012
    assert tiny.loc["net-a", "ties_per_year_since_founding"] == pytest.approx(3 / 9)
    assert tiny.loc["net-a", "new_members_per_year"] == pytest.approx(3 / 9)
    # net-b founded 2016: 5 years; no member ties; c1 joined in the founding year (counts)
    assert tiny.loc["net-b", "ties_per_year_since_founding"] == 0.0
    assert tiny.loc["net-b", "new_members_per_year"] == pytest.approx(1 / 5)
    # umbrella founded 2010: 11 years; 4 member ties; 4 members through its sub-networks
    assert tiny.loc["umbrella", "ties_per_year_since_founding"] == pytest.approx(4 / 11)
    assert tiny.loc["umbrella", "new_members_per_year"] == pytest.approx(4 / 11)


def test_growth_counts_only_what_began_since_founding():
    ds = tiny_dataset()
    ds.networks.loc[ds.networks["id"] == "net-a", "founded"] = 2015
    ds.networks.loc[ds.networks["id"] == "net-b", "founded"] = pd.NA
    t = cohesion(ds, permutations=0)
    # since 2015: only s1-s2 (2018) among net-a's ties; no member joined in or after 2015; 6 years
    assert t.loc["net-a", "ties_per_year_since_founding"] == pytest.approx(1 / 6)
    assert t.loc["net-a", "new_members_per_year"] == 0.0
    assert math.isnan(t.loc["net-b", "ties_per_year_since_founding"])
    assert math.isnan(t.loc["net-b", "new_members_per_year"])


def test_umbrella_growth_counts_each_member_once_at_its_first_membership():
    records = copy.deepcopy(TINY)
    # s1 also joins net-b in 2019: for the umbrella it has been a member since 2012, not twice
    records["memberships"].append({"actor_id": "s1", "network_id": "net-b", "since": "2019"})
    records["networks"][0]["founded"] = "2014"  # 2020 - 2014 + 1 = 7 years
    t = cohesion(records_dataset(records), permutations=0)
    # first memberships: s1 2012, u1 2012, s2 2013, c1 2016 -> only c1 is new (counting rows: c1 and s1)
    assert t.loc["umbrella", "new_members_per_year"] == pytest.approx(1 / 7)
    assert t.loc["net-b", "new_members_per_year"] == pytest.approx(2 / 5)  # c1 2016, s1 2019


def test_network_without_members():
    records = copy.deepcopy(TINY)
    records["networks"].append({"id": "empty", "name": "Leer", "founded": "2019"})
    t = cohesion(records_dataset(records), permutations=99)
    row = t.loc["empty"]
    assert (row.components, row.types, row.target_groups, row.topics_covered, row.key_actor) == (
        0,
        0,
        0,
        "",
        "",
    )
    for col in ("largest_component_share", "average_clustering", "type_diversity", "ei_index_p"):
        assert math.isnan(row[col]), col
    assert row.ties_per_year_since_founding == 0.0 and row.new_members_per_year == 0.0


def test_columns_and_index_follow_the_dataset():
    ds = mintgraph.load("data")
    t = network_cohesion(cooperation_graph(ds), ds, permutations=9)
    assert tuple(t.columns) == COHESION_COLUMNS
    assert t.index.name == "id"
    assert t.index.tolist() == ds.networks["id"].tolist()
    assert len(COHESION_COLUMNS) == len(set(COHESION_COLUMNS))


def test_rejects_negative_permutations_and_skips_the_tests_at_zero():
    ds = tiny_dataset()
    with pytest.raises(ValueError, match="permutations"):
        cohesion(ds, permutations=-1)
    t = cohesion(ds, permutations=0)
    skipped = ["ei_regions_p", "ei_regions_q", "ei_index_p", "ei_index_q", "ei_index_p_statewide"]
    skipped += ["ei_index_expected", "ei_index_excess", "ei_index_z"]
    assert t[skipped].isna().all().all()
    assert t.loc["net-a", "ei_regions"] == pytest.approx(1 / 3)  # the statistics stay


# --- igraph as an independent oracle ------------------------------------------------------------


def igraph_of(graph: nx.Graph) -> tuple[ig.Graph, list]:
    nodes = list(graph)
    index = {v: i for i, v in enumerate(nodes)}
    return ig.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in graph.edges]), nodes


def igraph_centralizations(g: ig.Graph) -> tuple[float, float]:
    """Freeman's formula written out on igraph's raw degree and betweenness."""
    n = g.vcount()
    degree = g.degree()
    betweenness = [b / ((n - 1) * (n - 2) / 2) for b in g.betweenness(directed=False)]
    return (
        sum(max(degree) - d for d in degree) / ((n - 1) * (n - 2)),
        sum(max(betweenness) - b for b in betweenness) / (n - 1),
    )


def igraph_robustness(g: ig.Graph, names: list, k: int) -> float:
    n = g.vcount()
    betweenness = g.betweenness(directed=False)
    degree = g.degree()
    order = sorted(
        range(n),
        key=lambda i: (-round(betweenness[i] / max(1, (n - 1) * (n - 2) / 2), 12), -degree[i], str(names[i])),
    )
    rest = g.copy()
    rest.delete_vertices(order[:k])
    return max(rest.connected_components().sizes(), default=0) / n


CLASSIC = {
    "florentine": nx.florentine_families_graph(),
    "karate": nx.karate_club_graph(),
}


@pytest.mark.parametrize("name", sorted(CLASSIC))
def test_classic_centralization_matches_igraph(name):
    graph = nx.Graph(CLASSIC[name].edges)  # drop the karate club's weights
    graph = nx.relabel_nodes(graph, str)
    ds = graph_dataset(graph, {"all": set(graph)})
    row = cohesion(ds, permutations=0).loc["all"]
    g, names = igraph_of(graph)
    degree, betweenness = igraph_centralizations(g)
    assert row.degree_centralization == pytest.approx(degree, abs=TOL)
    assert row.betweenness_centralization == pytest.approx(betweenness, abs=TOL)
    assert row.average_clustering == pytest.approx(g.transitivity_avglocal_undirected(mode="zero"), abs=TOL)
    for k in (1, 3, 5):
        assert row[f"robustness_{k}"] == pytest.approx(igraph_robustness(g, names, k), abs=TOL), k
    # the known hubs: the Medici, and the karate club's instructor (0) vs. administrator (33)
    assert row.key_actor == {"florentine": "Medici", "karate": "0"}[name]


def test_example_structure_matches_igraph():
    ds = mintgraph.load("data")
    graph = cooperation_graph(ds)
    t = network_cohesion(graph, ds, permutations=0)
    members = network_members(ds)
    for nid, row in t.iterrows():
        sub = graph.subgraph(members[nid])
        g, names = igraph_of(sub)
        sizes = g.connected_components().sizes()
        assert row.components == len(sizes), nid
        assert row.largest_component_share == pytest.approx(max(sizes) / g.vcount(), abs=TOL), nid
        assert row.average_clustering == pytest.approx(
            g.transitivity_avglocal_undirected(mode="zero"), abs=TOL
        )
        if g.vcount() >= 3:
            degree, betweenness = igraph_centralizations(g)
            assert row.degree_centralization == pytest.approx(degree, abs=TOL), nid
            assert row.betweenness_centralization == pytest.approx(betweenness, abs=TOL), nid
        for k in (1, 3, 5):
            expected = igraph_robustness(g, names, k) if g.vcount() > k else math.nan
            assert row[f"robustness_{k}"] == pytest.approx(expected, abs=TOL, nan_ok=True), (nid, k)


# --- one betweenness policy: the exact-or-sampled setting of the actors -------------------------


def test_network_betweenness_follows_the_exact_switch(monkeypatch):
    from mintgraph import engine

    graph = nx.relabel_nodes(nx.powerlaw_cluster_graph(60, 2, 0.3, seed=8), lambda i: f"a{i:02d}")
    actors = sorted(graph)
    networks = {"big": set(actors[:40]), "small": set(actors[40:48])}
    ds = graph_dataset(graph, networks)
    monkeypatch.setattr(engine, "SAMPLING_THRESHOLD", 20)  # the landscape and "big" are large, "small" not
    calls = []
    real = engine.betweenness

    def spy(graph, sampling=None, **kwargs):
        calls.append((engine.engine_graph(graph).n, sampling))
        return real(graph, sampling, **kwargs)

    monkeypatch.setattr(engine, "betweenness", spy)
    exact = mintgraph.analyze(ds, exact=True, permutations=0)
    assert (40, None) in calls and all(sampling is None for _, sampling in calls)
    rows = exact.networks.set_index("id")
    for nid, members in networks.items():
        sub = exact.graph.subgraph(members)
        between = nx.betweenness_centrality(sub)
        row = rows.loc[nid]
        expected = freeman_centralization(list(between.values()), "betweenness")
        assert row.betweenness_centralization == pytest.approx(expected, abs=TOL), nid
        order = attack_order(sub, between)
        curve = robustness_curve(sub, (1, 3, 5), order=order)
        for k in (1, 3, 5):
            assert row[f"robustness_{k}"] == pytest.approx(curve[k], abs=TOL), (nid, k)
        assert row.key_actor == order[0], nid
    # without exact=True the rule of the actors, on the member subgraph's size: KADABRA above
    # the threshold (with the analysis' seed), exact below
    calls.clear()
    sampled = mintgraph.analyze(ds, permutations=0)
    assert sampled.summary["centrality"]["method"] == "sampled"
    assert (60, engine.Sampling(seed=42)) in calls  # the actors
    assert (40, engine.Sampling(seed=42)) in calls  # the big network
    assert (8, None) in calls  # the small network
    bound = 0.01 * 40 / (2 * 38)  # KADABRA's bound on every member's betweenness
    difference = (
        sampled.networks.set_index("id").loc["big", "betweenness_centralization"]
        - rows.loc["big", "betweenness_centralization"]
    )
    assert abs(difference) <= 2 * bound
    assert sampled.networks.set_index("id").loc["small"].equals(rows.loc["small"])


# --- the permutation tests ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def example():
    ds = mintgraph.load("data")
    return ds, cooperation_graph(ds)


def test_permutation_tests_are_deterministic_and_valid(example):
    ds, graph = example
    first = network_cohesion(graph, ds, seed=7)
    again = network_cohesion(graph, ds, seed=7)
    pd.testing.assert_frame_equal(first, again)
    for col in ("ei_regions_p", "ei_index_p", "ei_index_p_statewide"):
        p = first[col].dropna()
        assert len(p) >= 6 and ((p > 0) & (p <= 1)).all(), col
        # two-sided: the smallest attainable p is 2/(1 + 999)
        assert p.min() >= 2 / 1000, col


def test_p_of_a_network_does_not_depend_on_the_other_rows(example):
    ds, graph = example
    full = network_cohesion(graph, ds, seed=3)
    reordered = copy.copy(ds)
    reordered.networks = ds.networks.iloc[::-1].reset_index(drop=True)
    backwards = network_cohesion(graph, reordered, seed=3)
    assert backwards.index.tolist() == full.index.tolist()[::-1]
    pd.testing.assert_frame_equal(backwards.loc[full.index], full)


def test_district_p_agrees_with_a_naive_permutation_test(example):
    # a plain loop over shuffled labels, with another generator: the p-values estimate the same
    # exact p, so they agree within sampling error (sd of a p near 0.5 from 999 draws: 0.016)
    ds, graph = example
    row = network_cohesion(graph, ds, seed=42).loc["mintmachclub-fulda"]
    members = sorted(network_members(ds)["mintmachclub-fulda"])
    sub = graph.subgraph(members)
    region = dict(zip(ds.actors["id"], ds.actors["region"], strict=True))
    labels = [region[v] for v in members]
    rng = np.random.default_rng(2024)
    samples = []
    for _ in range(2000):
        shuffled = dict(zip(members, rng.permutation(labels), strict=True))
        crossing = sum(shuffled[u] != shuffled[v] for u, v in sub.edges)
        samples.append((2 * crossing - sub.number_of_edges()) / sub.number_of_edges())
    naive = permutation_p(row.ei_regions, samples, alternative="two-sided")
    assert 0.05 < naive < 0.95  # a case where the answer is not trivially 0 or 1
    assert row.ei_regions_p == pytest.approx(naive, abs=0.07)


def _two_districts_dataset(cross: bool) -> Dataset:
    """20 members, 10 in each of two districts, 30 ties: all across (``cross``) or all within."""
    graph = nx.Graph()
    region = {}
    rng = np.random.default_rng(0)
    left = [f"l{i}" for i in range(10)]
    right = [f"r{i}" for i in range(10)]
    region.update({v: "06611" for v in left})
    region.update({v: "06631" for v in right})
    graph.add_nodes_from(left + right)
    while graph.number_of_edges() < 30:
        a = left[rng.integers(10)]
        b = right[rng.integers(10)] if cross else left[rng.integers(10)]
        if not cross and rng.random() < 0.5:
            a, b = right[rng.integers(10)], right[rng.integers(10)]
        if a != b:
            graph.add_edge(a, b)
    return graph_dataset(graph, {"net": set(graph)}, region=region)


def test_planted_cross_district_network_gets_a_small_p():
    row = cohesion(_two_districts_dataset(cross=True)).loc["net"]
    assert row.ei_regions == 1.0 and row.cross_district_share == 1.0
    assert row.ei_regions_p == pytest.approx(2 / 1000)  # no permutation crosses all 30 ties (two-sided)


def test_planted_homophilous_network_is_flagged_too():
    # two-sided: cooperation that never crosses a district line is as far from chance as the reverse
    row = cohesion(_two_districts_dataset(cross=False)).loc["net"]
    assert row.ei_regions == -1.0 and row.cross_district_share == 0.0
    assert row.ei_regions_p == pytest.approx(2 / 1000)


def _boundary_dataset(kind: str) -> Dataset:
    """40 actors; a network of 10. ``closed``: members only tie among themselves;
    ``open``: members only tie to outsiders, who also tie among themselves."""
    rng = np.random.default_rng(1)
    actors = [f"a{i:02d}" for i in range(40)]
    members, outsiders = actors[:10], actors[10:]
    graph = nx.Graph()
    graph.add_nodes_from(actors)
    while graph.number_of_edges() < 100:
        x, y = rng.choice(outsiders, size=2, replace=False)
        graph.add_edge(x, y)
    while graph.number_of_edges() < 130:
        if kind == "closed":
            x, y = rng.choice(members, size=2, replace=False)
        else:
            x, y = rng.choice(members), rng.choice(outsiders)
        graph.add_edge(x, y)
    return graph_dataset(graph, {"net": set(members)})


# One district, one actor type: the regional pool is every actor, so both null models are the
# same (drawn with different random streams) and both columns must pass the same checks.
@pytest.mark.parametrize("column", ["ei_index_p", "ei_index_p_statewide"])
def test_boundary_p_is_two_sided(column):
    p, ei = {}, {}
    for kind in ("closed", "open"):
        ds = _boundary_dataset(kind)
        p[kind] = cohesion(ds).loc["net", column]
        ei[kind] = network_table(cooperation_graph(ds), ds).set_index("id").loc["net", "ei_index"]
    assert ei == {"closed": -1.0, "open": 1.0}
    assert p["closed"] == pytest.approx(2 / 1000)  # far more closed than chance
    # far more open than chance: also flagged. A random 10-set without an internal tie (E-I = 1 as
    # observed) has probability about 0.0005, so 0 or 1 of the 999 permutations may reach it
    assert p["open"] in (pytest.approx(2 / 1000), pytest.approx(4 / 1000))


@pytest.mark.parametrize("column", ["ei_index_p", "ei_index_p_statewide"])
def test_boundary_p_of_random_members_is_not_small(column):
    # 30 networks of 10 members drawn at random from a random graph: the null hypothesis holds,
    # so the p-values spread over (0, 1] instead of piling up near 0
    rng = np.random.default_rng(11)
    graph = nx.relabel_nodes(nx.gnm_random_graph(60, 180, seed=5), lambda i: f"a{i:02d}")
    actors = sorted(graph)
    networks = {f"r{i}": set(rng.choice(actors, size=10, replace=False)) for i in range(30)}
    p = cohesion(graph_dataset(graph, networks))[column]
    assert p.notna().all()
    assert (p < 0.05).sum() <= 4
    assert 0.3 < p.mean() < 0.7
