"""The fast paths for large landscapes agree with networkx (and igraph) on graphs where both run."""

from __future__ import annotations

import math
import random

import igraph as ig
import networkx as nx
import numpy as np
import pytest

from mintgraph.graph import cooperation_graph, induced_subgraph
from mintgraph.layout import _force_layout, _sampled_force_layout
from mintgraph.metrics import nexus
from mintgraph.metrics.networks import boundary_ties, group_density
from mintgraph.model import Dataset
from mintgraph.synth import generate_synthetic
from mintgraph.validate import check_records


def records_dataset(records: dict) -> Dataset:
    report = check_records(records)
    assert report.ok, report.errors
    return report.dataset


def test_boundary_ties_and_density_against_a_plain_loop():
    g = nx.gnm_random_graph(80, 300, seed=2)
    rng = random.Random(3)
    for _ in range(10):
        members = set(rng.sample(list(g), rng.randint(0, 80)))
        internal = sum(1 for u, v in g.edges if u in members and v in members)
        external = sum(1 for u, v in g.edges if (u in members) != (v in members))
        assert boundary_ties(g, members) == (internal, external)
        if len(members) >= 2:
            assert group_density(g, members) == pytest.approx(nx.density(g.subgraph(members)))
    assert boundary_ties(g, {"not a node"}) == (0, 0)


def test_induced_subgraph_keeps_the_edge_order_of_the_graph():
    g = nx.gnm_random_graph(60, 200, seed=7)
    g = nx.relabel_nodes(g, {v: f"n{(v * 37) % 60:02d}" for v in g})  # insertion order != id order
    rng = random.Random(1)
    for _ in range(10):
        keep = set(rng.sample(list(g), rng.randint(1, 60)))
        sub = induced_subgraph(g, keep)
        assert list(sub.edges) == [(u, v) for u, v in g.edges if u in keep and v in keep]
        assert list(sub.nodes) == [v for v in g if v in keep]


def test_cooperation_graph_collapses_pairs_with_sorted_types():
    records = {
        "actors": [
            {"id": i, "name": i.upper(), "type": "school", "region": "06611"} for i in ("a", "b", "c")
        ],
        "cooperations": [
            {"source": "b", "target": "a", "type": "project", "since": "2015", "weight": "2"},
            {"source": "a", "target": "b", "type": "exchange", "since": "2012"},
            {"source": "a", "target": "b", "type": "project", "since": "2019"},
            {"source": "c", "target": "b", "type": "offer", "since": "2020"},
        ],
    }
    g = cooperation_graph(records_dataset(records))
    assert list(g.edges) == [("a", "b"), ("b", "c")]
    assert g.edges["a", "b"] == {
        "count": 3,
        "types": "exchange|project",
        "weight": 4.0,
        "first_year": 2012,
        "last_year": 2019,
    }
    assert g.edges["b", "c"]["types"] == "offer"


def test_igraph_louvain_is_seeded_and_as_good_as_networkx():
    tables = generate_synthetic(3000, 12, seed=2)
    coops = tables["cooperations"]
    g = nx.Graph()
    g.add_nodes_from(sorted(tables["actors"]["id"]))
    g.add_edges_from(sorted(zip(coops["source"], coops["target"], strict=True)))
    first = nexus._igraph_louvain(g, weight=None, seed=1)
    again = nexus._igraph_louvain(g, weight=None, seed=1)
    assert sorted(map(sorted, first)) == sorted(map(sorted, again))
    assert set().union(*first) == set(g) and sum(map(len, first)) == len(g)  # a partition
    q_igraph = nx.community.modularity(g, first)
    q_networkx = nx.community.modularity(g, nx.community.louvain_communities(g, seed=1))
    assert q_igraph == pytest.approx(q_networkx, abs=0.02)
    # Python's own random module is igraph's generator again afterwards
    assert ig.Graph.Erdos_Renyi(20, 0.2) is not None


def test_louvain_switches_to_igraph_only_above_the_threshold(monkeypatch):
    g = nx.barbell_graph(6, 1)
    calls = []
    monkeypatch.setattr(nexus, "_igraph_louvain", lambda *a, **k: calls.append(1) or [set(g)])
    nexus.louvain(g)
    assert calls == []
    monkeypatch.setattr(nexus, "LOUVAIN_IGRAPH_ABOVE", 5)
    assert nexus.louvain(g) == [set(g)] and calls == [1]


def test_sampled_layout_is_deterministic_and_keeps_partners_closer_than_strangers():
    g = nx.connected_watts_strogatz_graph(1200, 4, 0.02, seed=3)
    adj = nx.to_numpy_array(g)
    xy = _sampled_force_layout(adj, seed=1)
    assert np.array_equal(xy, _sampled_force_layout(adj, seed=1))
    assert np.isfinite(xy).all()
    edges = np.array(g.edges)
    tied = np.linalg.norm(xy[edges[:, 0]] - xy[edges[:, 1]], axis=1).mean()
    rng = np.random.default_rng(0)
    pairs = rng.integers(0, 1200, (5000, 2))
    random_pairs = np.linalg.norm(xy[pairs[:, 0]] - xy[pairs[:, 1]], axis=1).mean()
    assert tied < 0.3 * random_pairs
    # the dense layout is used up to the limit
    small = nx.to_numpy_array(nx.path_graph(10))
    assert np.array_equal(_force_layout(small, seed=1), _force_layout(small, seed=1))
    assert not math.isnan(float(_force_layout(adj, seed=2).sum()))


def test_community_comparison_is_order_free_and_a_single_run_matches_a_plain_build():
    ds = records_dataset(
        {k: v.astype(str).to_dict("records") for k, v in generate_synthetic(600, 6, seed=3).items()}
    )
    g = cooperation_graph(ds)
    labels, comparison = nexus.community_comparison(g, ds, seed=5, runs=1)
    # the plain way: the graph rebuilt with nodes and ties sorted by id, then igraph's Louvain
    plain = nx.Graph()
    plain.add_nodes_from(sorted(g))
    plain.add_edges_from(sorted((min(u, v), max(u, v)) for u, v in g.edges))
    found = sorted(nexus._igraph_louvain(plain, weight=None, seed=5), key=lambda c: (-len(c), min(c)))
    assert labels.to_dict() == {v: i for i, block in enumerate(found) for v in block}
    assert comparison["modularity"] == pytest.approx(
        nx.community.modularity(g, found, weight=None), abs=1e-12
    )
    assert comparison["communities"] == len(found)
    shuffled = nx.Graph()
    nodes, edges = list(g), list(g.edges)
    random.Random(4).shuffle(nodes)
    random.Random(5).shuffle(edges)
    shuffled.add_nodes_from(nodes)
    shuffled.add_edges_from((v, u) for u, v in edges)
    again, same = nexus.community_comparison(shuffled, ds, seed=5, runs=1)
    assert again.sort_index().equals(labels.sort_index()) and str(same) == str(comparison)
    consensus, summary = nexus.community_comparison(g, ds, seed=5)
    shuffled_consensus, shuffled_summary = nexus.community_comparison(shuffled, ds, seed=5)
    assert shuffled_consensus.sort_index().equals(consensus.sort_index()) and shuffled_summary == summary
