"""Size guard and fair null models of the boundary E-I index: by hand, by full enumeration, against scipy."""

from __future__ import annotations

import itertools
import math

import networkx as nx
import numpy as np
import pandas as pd
import pytest
import scipy.stats

import mintgraph
from mintgraph.analysis import landscape_network, networks_with_cohesion
from mintgraph.graph import cooperation_graph
from mintgraph.metrics.cohesion import (
    NULL_SETS_CAP,
    benjamini_hochberg,
    network_area,
    network_cohesion,
    null_sets,
    permutation_p,
)
from mintgraph.metrics.networks import SMALL_NETWORK_MEMBERS, network_table, rankable_networks
from mintgraph.model import Dataset
from mintgraph.validate import check_records

AREA, ELSEWHERE = "06611", "06631"


def records_dataset(records: dict[str, list[dict[str, str]]]) -> Dataset:
    report = check_records(records)
    assert report.ok, report.errors
    assert report.dataset is not None
    return report.dataset


def landscape(
    actors: dict[str, tuple[str, str]],
    ties: list[tuple[str, str]],
    networks: dict[str, tuple[str, str, set[str]]],
) -> Dataset:
    """actors: id -> (type, district); networks: id -> (declared districts, parent, members)."""
    return records_dataset(
        {
            "actors": [
                {"id": a, "name": f"Actor {a}", "type": t, "region": r} for a, (t, r) in actors.items()
            ],
            "networks": [
                {"id": nid, "name": nid, "founded": "2015", "regions": regions, "parent": parent}
                for nid, (regions, parent, _) in networks.items()
            ],
            "memberships": [
                {"actor_id": a, "network_id": nid, "since": "2016"}
                for nid, (_, _, members) in networks.items()
                for a in sorted(members)
            ],
            "cooperations": [{"source": u, "target": v, "type": "project", "since": "2016"} for u, v in ties],
        }
    )


# --- Benjamini–Hochberg, against scipy ------------------------------------------------------------


@pytest.mark.parametrize("size", [1, 2, 7, 45, 200])
def test_benjamini_hochberg_matches_scipy(size):
    rng = np.random.default_rng(size)
    # a mix of small and uniform p-values, with ties (permutation p-values come in steps of 1/1000)
    p = np.concatenate([rng.uniform(0, 0.01, size // 3), rng.uniform(0, 1, size - size // 3)])
    p = np.round(rng.permutation(p), 3).clip(0.001, 1)
    np.testing.assert_allclose(benjamini_hochberg(p), scipy.stats.false_discovery_control(p), atol=1e-12)


def test_benjamini_hochberg_by_hand_and_nan():
    # sorted 0.01, 0.02, 0.03, 0.5 (m = 4): 4·0.01 = 0.04, 2·0.02 = 0.04, 4/3·0.03 = 0.04, 0.5
    assert benjamini_hochberg([0.03, 0.5, 0.01, 0.02]).tolist() == pytest.approx([0.04, 0.5, 0.04, 0.04])
    # NaN is no test: it stays NaN and m counts only the three others
    q = benjamini_hochberg([0.01, math.nan, 0.02, 0.9])
    assert math.isnan(q[1])
    assert q[[0, 2, 3]] == pytest.approx(scipy.stats.false_discovery_control([0.01, 0.02, 0.9]))
    assert np.isnan(benjamini_hochberg([math.nan, math.nan])).all()
    assert benjamini_hochberg([]).shape == (0,)
    assert benjamini_hochberg([0.9, 0.8]).tolist() == [0.9, 0.9]  # never above 1, q >= p
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        benjamini_hochberg([0.5, 1.2])


# --- the size guard --------------------------------------------------------------------------------


def test_one_and_two_member_networks_are_small_and_never_ranked():
    # "solo" (1 member) has E-I +1 and "pair" (2 tied members) density 1, both by construction;
    # "five" has 5 members and is rankable.
    actors = {a: ("school", AREA) for a in ("a", "b", "c", "d", "e", "f", "g", "h")}
    ties = [("a", "c"), ("b", "c"), ("b", "d"), ("d", "e"), ("e", "f"), ("f", "g"), ("g", "h"), ("c", "h")]
    ds = landscape(
        actors,
        ties,
        {
            "solo": ("", "", {"a"}),
            "pair": ("", "", {"b", "d"}),
            "five": ("", "", {"d", "e", "f", "g", "h"}),
        },
    )
    table = network_table(cooperation_graph(ds), ds).set_index("id")
    assert SMALL_NETWORK_MEMBERS == 5
    assert table["small_network"].to_dict() == {"solo": True, "pair": True, "five": False}
    assert table.loc["solo", "ei_index"] == 1.0  # its only tie leaves the network
    assert table.loc["pair", "density"] == 1.0  # the densest a network can be
    assert table["ei_index"].idxmax() == "solo" and table["density"].idxmax() == "pair"
    ranked = rankable_networks(table)
    assert ranked.index.tolist() == ["five"]
    assert ranked["ei_index"].idxmax() == "five" and ranked["density"].idxmax() == "five"
    # without the column, the size decides
    assert rankable_networks(table.drop(columns="small_network")).index.tolist() == ["five"]
    assert table["small_network"].dtype == bool


# --- the area of the regional null model -------------------------------------------------------------


def test_network_area_declared_umbrella_and_member_districts():
    actors = {"a": ("school", AREA), "b": ("school", ELSEWHERE), "c": ("school", "06633")}
    ds = landscape(
        actors,
        [("a", "b")],
        {
            "umb": ("", "", set()),  # declares nothing: the union of its sub-networks' districts
            "net": (AREA, "umb", {"a"}),
            "sub": ("06412", "umb", {"c"}),
            "loose": ("", "", {"b", "c"}),  # declares nothing, no sub-networks: its members' districts
        },
    )
    area = network_area(ds)
    assert area == {
        "umb": frozenset({AREA, "06412"}),
        "net": frozenset({AREA}),
        "sub": frozenset({"06412"}),
        "loose": frozenset({ELSEWHERE, "06633"}),
    }


# --- the regional null on a hand-computed case, by full enumeration ---------------------------------
#
# District 06611 (the network's declared area): schools s1, s2, s3, companies c1, c2, museum m1.
# District 06631 (outside): schools x1, x2. Ties:
#
#   s1-c1  s1-x1  c1-x2  s2-x1  s2-c1  s3-c2  c2-x1  m1-x2
#
# The network is {s3, c2, m1}: one school, one company, one museum. The regional null keeps one
# school (of s1, s2, s3), one company (of c1, c2) and the museum (the only one: fixed), so it has
# 3 · 2 · 1 = 6 equally likely member sets. Degrees: s1 2, s2 2, s3 1, c1 3, c2 2, m1 1; with
# E = degree sum − 2 I:
#
#   {s1, c1, m1}: I 1, E 4 -> 3/5     {s1, c2, m1}: I 0, E 5 -> 1
#   {s2, c1, m1}: I 1, E 4 -> 3/5     {s2, c2, m1}: I 0, E 5 -> 1
#   {s3, c1, m1}: I 0, E 5 -> 1       {s3, c2, m1}: I 1, E 2 -> 1/3   (observed)
#
# Expected E-I (3/5 + 1 + 3/5 + 1 + 1 + 1/3) / 6 = 68/90; the observed 1/3 is the smallest of
# the six: p≤ = 1/6, p≥ = 1, two-sided p = 2 · 1/6 = 1/3.

HAND_ACTORS = {
    "s1": ("school", AREA),
    "s2": ("school", AREA),
    "s3": ("school", AREA),
    "c1": ("company", AREA),
    "c2": ("company", AREA),
    "m1": ("museum", AREA),
    "x1": ("school", ELSEWHERE),
    "x2": ("school", ELSEWHERE),
}
HAND_TIES = [
    ("s1", "c1"),
    ("s1", "x1"),
    ("c1", "x2"),
    ("s2", "x1"),
    ("s2", "c1"),
    ("s3", "c2"),
    ("c2", "x1"),
    ("m1", "x2"),
]
HAND_MEMBERS = {"s3", "c2", "m1"}


def brute_force_ei(graph: nx.Graph, members: set[str]) -> float:
    """The boundary E-I index, counted tie by tie with networkx."""
    internal = sum(1 for u, v in graph.edges if u in members and v in members)
    external = sum(1 for u, v in graph.edges if (u in members) != (v in members))
    return (external - internal) / (external + internal) if external + internal else math.nan


def exact_null(graph: nx.Graph, candidate_sets) -> tuple[np.ndarray, float, float]:
    values = np.array([brute_force_ei(graph, set(s)) for s in candidate_sets])
    return values, float(values.mean()), float(values.std())


def exact_two_sided_p(observed: float, values: np.ndarray) -> float:
    greater = np.mean(values >= observed - 1e-12)
    less = np.mean(values <= observed + 1e-12)
    return min(1.0, 2 * min(greater, less))


@pytest.fixture(scope="module")
def hand():
    ds = landscape(HAND_ACTORS, HAND_TIES, {"net": (AREA, "", HAND_MEMBERS)})
    graph = cooperation_graph(ds)
    return ds, graph


def test_hand_case_enumeration_matches_the_hand_values(hand):
    _, graph = hand
    regional = [(s, c, "m1") for s in ("s1", "s2", "s3") for c in ("c1", "c2")]
    values, mean, _ = exact_null(graph, regional)
    assert sorted(values) == pytest.approx(sorted([3 / 5, 1, 3 / 5, 1, 1, 1 / 3]))
    assert mean == pytest.approx(68 / 90)
    assert brute_force_ei(graph, HAND_MEMBERS) == pytest.approx(1 / 3)
    assert exact_two_sided_p(1 / 3, values) == pytest.approx(1 / 3)


def test_regional_null_approaches_the_exact_enumeration(hand):
    ds, graph = hand
    permutations = 20_000
    row = network_cohesion(graph, ds, permutations=permutations).loc["net"]
    observed = brute_force_ei(graph, HAND_MEMBERS)
    regional = [(s, c, "m1") for s in ("s1", "s2", "s3") for c in ("c1", "c2")]
    _, mean, sd = exact_null(graph, regional)
    assert row.ei_index_null_sets == 6.0  # x1, x2 lie outside the area; m1 is fixed
    # the permutation mean estimates the exact mean; its standard error is sd / sqrt(P) ≈ 0.002
    assert row.ei_index_expected == pytest.approx(68 / 90, abs=5 * sd / math.sqrt(permutations))
    assert row.ei_index_excess == pytest.approx(observed - row.ei_index_expected, abs=1e-12)
    assert row.ei_index_z == pytest.approx((observed - mean) / sd, abs=0.05)
    # two-sided p: exact 1/3; the Monte Carlo p = 2 (1 + #≤) / (1 + P) has sd ≈ 2 · 0.0026
    assert row.ei_index_p == pytest.approx(1 / 3, abs=0.03)
    # the statewide null: any 3 of the 8 actors, C(8, 3) = 56 sets
    statewide_values, _, _ = exact_null(graph, itertools.combinations(sorted(graph), 3))
    exact = exact_two_sided_p(observed, statewide_values)
    assert 0.05 < exact < 0.95 and abs(exact - 1 / 3) > 0.05  # a case that tells the two apart
    assert row.ei_index_p_statewide == pytest.approx(exact, abs=0.03)
    # one network: the adjusted p is the p
    assert row.ei_index_q == row.ei_index_p


def test_regional_null_keeps_the_observed_set_possible(hand):
    # a member seated outside the declared area joins its own stratum's pool: the network
    # {x1 (school, outside), s1} declaring only 06611 draws 2 schools of s1, s2, s3, x1 (6 sets);
    # x2, outside and not a member, is never drawn
    ds = landscape(HAND_ACTORS, HAND_TIES, {"net": (AREA, "", {"x1", "s1"})})
    graph = cooperation_graph(ds)
    row = network_cohesion(graph, ds, permutations=4000).loc["net"]
    assert row.ei_index_null_sets == 6.0
    values, mean, _ = exact_null(graph, itertools.combinations(["s1", "s2", "s3", "x1"], 2))
    assert row.ei_index_expected == pytest.approx(mean, abs=0.02)
    assert row.ei_index_p == pytest.approx(
        exact_two_sided_p(brute_force_ei(graph, {"x1", "s1"}), values), abs=0.05
    )


def test_a_network_whose_strata_are_all_fixed_has_a_single_arrangement():
    # every actor of each type in the area is a member: the null can only redraw the network itself
    actors = {
        "a": ("school", AREA),
        "b": ("company", AREA),
        "o": ("school", ELSEWHERE),
        "o2": ("association", AREA),
    }
    ds = landscape(actors, [("a", "b"), ("a", "o"), ("b", "o2")], {"net": (AREA, "", {"a", "b"})})
    row = network_cohesion(cooperation_graph(ds), ds, permutations=999).loc["net"]
    assert row.ei_index_null_sets == 1.0
    # I = 1, E = 2: E-I 1/3, which the mean of 999 copies of 1/3 would miss in the last bit
    assert (row.ei_index_expected, row.ei_index_excess, row.ei_index_p) == (1 / 3, 0.0, 1.0)
    assert math.isnan(row.ei_index_z)  # no spread: a z-score is undefined


def test_null_sets_by_hand_and_capped():
    assert null_sets([(3, 1), (2, 1), (1, 1)]) == 6.0
    assert null_sets([(10, 2), (5, 5)]) == 45.0
    assert null_sets([]) == 1.0
    assert null_sets([(60, 30)]) == NULL_SETS_CAP  # C(60, 30) ≈ 1.2e17


def test_regional_and_statewide_tests_are_seeded_per_network(hand):
    ds, graph = hand
    first = network_cohesion(graph, ds, seed=5, permutations=199)
    again = network_cohesion(graph, ds, seed=5, permutations=199)
    other = network_cohesion(graph, ds, seed=6, permutations=199)
    pd.testing.assert_frame_equal(first, again)
    assert first.loc["net", "ei_index_expected"] != other.loc["net", "ei_index_expected"]


# --- the example: the acceptance check ------------------------------------------------------------


@pytest.fixture(scope="module")
def example():
    return mintgraph.analyze(mintgraph.load("data"), progress=False)


def test_example_fulda_boundary_is_not_significant_under_the_regional_null(example):
    networks = example.networks.set_index("id")
    fulda = networks.loc["mintmachclub-fulda"]
    assert fulda["name"] == "MINTmachClub Fulda"
    assert fulda.ei_index_p > 0.05  # the regional null: random groups of its make-up in Fulda
    assert fulda.ei_index_p_statewide <= 0.01  # the old statewide test, kept as a second column
    assert not fulda.small_network
    # MINT.se (3 members, no internal tie) is small: never ranked most open
    assert networks.loc["mint-se", "small_network"]
    assert rankable_networks(networks)["ei_index"].idxmax() != "mint-se"


def test_example_new_columns_are_consistent(example):
    networks = example.networks.set_index("id")
    for p, q in (("ei_index_p", "ei_index_q"), ("ei_regions_p", "ei_regions_q")):
        assert (networks[p].isna() == networks[q].isna()).all()
        valid = networks[p].notna()
        assert (networks.loc[valid, q] >= networks.loc[valid, p] - 1e-12).all()
        np.testing.assert_allclose(networks.loc[valid, q], benjamini_hochberg(networks.loc[valid, p]))
    excess = networks["ei_index"] - networks["ei_index_expected"]
    np.testing.assert_allclose(networks["ei_index_excess"], excess, atol=1e-12)
    assert networks["small_network"].tolist() == (networks["members"] < 5).tolist()


def test_landscape_as_one_network_still_works(example):
    ds = example.dataset
    whole = networks_with_cohesion(example.graph, landscape_network(ds), seed=42, permutations=99).iloc[0]
    assert whole["id"] == "hessen" and whole.members == len(ds.actors)
    # every actor is a member: the only arrangement is the landscape itself
    assert whole.ei_index_null_sets == 1.0
    assert (whole.ei_index_excess, whole.ei_index_p, whole.ei_index_p_statewide) == (0.0, 1.0, 1.0)


def test_permutation_p_two_sided_formula():
    # 2 of 9 samples ≤ the observed value: p≤ = (1 + 2) / 10, p≥ = (1 + 8) / 10 -> 2 · 0.3
    samples = [0.1, 0.2, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]
    assert permutation_p(0.3, samples, alternative="two-sided") == pytest.approx(0.6)
