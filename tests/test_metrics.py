"""Indicators against hand-computed values, published values and igraph as an oracle."""

from __future__ import annotations

import math

import networkx as nx
import pytest
from oracle import assert_matches_igraph

from mintgraph.graph import cooperation_graph, network_members
from mintgraph.metrics.actors import actor_centrality
from mintgraph.metrics.networks import boundary_ties, ei_index, group_density, network_table
from mintgraph.metrics.regions import region_table
from mintgraph.testing import tiny_dataset


def test_tiny_centralities_by_hand():
    t = actor_centrality(cooperation_graph(tiny_dataset()))
    # ties: s1-s2, s1-u1, s2-u1, u1-c1, c1-l1; m1 isolated; n = 6
    assert t.loc["u1", "degree"] == 3
    assert t.loc["s1", "weighted_degree"] == 3  # two rows with u1, one with s2
    assert t.loc["u1", "betweenness"] == pytest.approx(4 / 10)  # s1|s2 x c1|l1 through u1
    assert t.loc["c1", "betweenness"] == pytest.approx(3 / 10)  # l1 x s1|s2|u1 through c1
    assert t.loc["m1", ["degree", "betweenness", "closeness", "eigenvector"]].tolist() == [0, 0, 0, 0]
    # u1 reaches 4 others at distances 1,1,1,2 (sum 5); Wasserman-Faust: (4/5) * (4/5)
    assert t.loc["u1", "closeness"] == pytest.approx((4 / 5) * (4 / 5))
    assert t["pagerank"].sum() == pytest.approx(1.0)


def test_tiny_matches_igraph():
    assert_matches_igraph(cooperation_graph(tiny_dataset()))


def test_karate_club_matches_igraph_and_published_betweenness():
    g = nx.relabel_nodes(nx.karate_club_graph(), str)
    for _, _, data in g.edges(data=True):
        data.pop("weight", None)
    assert_matches_igraph(g)
    t = actor_centrality(g)
    # Zachary's karate club: node 0 (the instructor) has the highest betweenness, 0.4376
    # (unnormalised 231.07), a widely published value.
    assert t["betweenness"].idxmax() == "0"
    assert t.loc["0", "betweenness"] == pytest.approx(0.43763528, abs=1e-8)


def test_florentine_families_matches_igraph_and_published_values():
    g = nx.florentine_families_graph()
    assert_matches_igraph(g)
    t = actor_centrality(g)
    # Medici: degree 6 of 14 others, betweenness 0.5220 (Padgett & Ansell; Wasserman & Faust)
    assert t.loc["Medici", "degree"] == 6
    assert t.loc["Medici", "betweenness"] == pytest.approx(0.52197802, abs=1e-8)


def test_disconnected_random_graph_matches_igraph():
    g = nx.gnm_random_graph(120, 150, seed=7)
    g = nx.relabel_nodes(g, lambda v: f"n{v}")
    assert nx.number_connected_components(g) > 1
    assert_matches_igraph(g)


def test_ei_and_density_by_hand():
    g = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("c", "x"), ("x", "y"), ("b", "y")])
    members = {"a", "b", "c"}
    assert boundary_ties(g, members) == (3, 2)
    assert ei_index(3, 2) == pytest.approx(-0.2)
    assert group_density(g, members) == 1.0
    assert group_density(g, {"a", "x", "y"}) == pytest.approx(1 / 3)
    assert math.isnan(ei_index(0, 0))
    assert math.isnan(group_density(g, {"a"}))
    assert ei_index(0, 4) == 1.0 and ei_index(4, 0) == -1.0


def test_network_table_tiny_by_hand():
    ds = tiny_dataset()
    t = network_table(cooperation_graph(ds), ds).set_index("id")
    assert network_members(ds)["umbrella"] == {"s1", "s2", "u1", "c1"}
    expected = {  # members, internal, external, density, E-I  (see mintgraph.testing.TINY)
        "net-a": (3, 3, 1, 1.0, -0.5),
        "umbrella": (4, 4, 1, 4 / 6, -0.6),
    }
    for nid, (members, internal, external, density, ei) in expected.items():
        row = t.loc[nid]
        assert (row.members, row.internal_ties, row.external_ties) == (members, internal, external)
        assert row.density == pytest.approx(density)
        assert row.ei_index == pytest.approx(ei)
    assert t.loc["net-b", "ei_index"] == 1.0 and math.isnan(t.loc["net-b", "density"])
    assert t.loc["umbrella", "level"] == "umbrella" and t.loc["net-a", "level"] == "network"
    assert t.loc["net-b", "activities"] == 0 and t.loc["net-a", "activities"] == 1


def test_region_table_tiny_by_hand():
    ds = tiny_dataset()
    t = region_table(cooperation_graph(ds), ds).set_index("code")
    assert len(t) == 26
    kassel = t.loc["06611"]  # s1, u1; ties s1-u1 inside; s1-s2, s2-u1 to 06633 (neighbour), u1-c1 to 06631
    assert (kassel.actors, kassel.ties_inside, kassel.ties_to_other_districts, kassel.ties_to_neighbours) == (
        2,
        1,
        3,
        2,
    )
    assert kassel.networks == 1 and kassel.network_ids == "net-a"
    assert kassel.actors_per_100k == pytest.approx(2 / kassel.population * 100_000)
    assert t.loc["06631", "activities"] == 1 and t.loc["06412", "ties_inside"] == 0
    # every crossing tie is counted once at each end
    assert t["ties_to_other_districts"].sum() == 2 * 3


def test_year_filter_keeps_all_actors_and_only_active_ties():
    ds = tiny_dataset()
    g2016 = cooperation_graph(ds, year=2016)
    assert g2016.number_of_nodes() == 6
    assert sorted(tuple(sorted(e)) for e in g2016.edges) == [("s1", "u1"), ("s2", "u1")]
    assert cooperation_graph(ds, year=2021).has_edge("s1", "s2") is False  # ended 2020


def test_sparse_eigenvector_path_matches_igraph(monkeypatch):
    import mintgraph.metrics.actors as actors

    monkeypatch.setattr(actors, "DENSE_LIMIT", 10)  # force the sparse solver used for large graphs
    g = nx.relabel_nodes(nx.gnm_random_graph(300, 900, seed=3), str)
    assert_matches_igraph(g, columns=("eigenvector",))
