"""Suggested contacts: resource allocation by hand and against networkx, reasons, limits."""

from __future__ import annotations

import networkx as nx
import pytest

import mintgraph
from mintgraph.graph import cooperation_graph
from mintgraph.metrics.suggestions import COLUMNS, candidate_pairs, suggested_contacts
from mintgraph.testing import tiny_dataset


def test_tiny_by_hand():
    # ties s1-u1, s2-u1, s1-s2, u1-c1, c1-l1. Unlinked pairs at distance 2:
    # s1-c1 and s2-c1 via u1 (k=3): RA 1/3; u1-l1 via c1 (k=2): RA 1/2.
    # c1 (company, 06631, net-b) vs s1/s2 (schools, 06611/06633, net-a): 3 gaps -> score 4 * 1/3.
    # l1 (student lab, no network) vs u1: different district only -> score 2 * 1/2.
    ds = tiny_dataset()
    table = suggested_contacts(cooperation_graph(ds), ds)
    assert list(table.columns) == list(COLUMNS)
    rows = {(r.actor_a, r.actor_b): r for r in table.itertuples()}
    assert set(rows) == {("c1", "s1"), ("c1", "s2"), ("l1", "u1")}
    assert rows["c1", "s1"].score == pytest.approx(4 / 3)
    assert rows["c1", "s1"].resource_allocation == pytest.approx(1 / 3)
    assert rows["c1", "s1"].reasons == "different_district|different_network|school_outside"
    assert rows["l1", "u1"].score == pytest.approx(1.0)
    assert rows["l1", "u1"].reasons == "different_district"
    assert table["score"].is_monotonic_decreasing


def test_resource_allocation_agrees_with_networkx_on_karate():
    g = nx.relabel_nodes(nx.karate_club_graph(), {i: f"a{i:02d}" for i in range(34)})
    ours = candidate_pairs(g)
    pairs = [(u, v) for u, v in nx.non_edges(g) if set(g[u]) & set(g[v])]
    assert len(ours) == len(pairs)
    for u, v, expected in nx.resource_allocation_index(g, pairs):
        key = (min(u, v), max(u, v))
        assert ours[key][0] == pytest.approx(expected, abs=1e-12)
        assert ours[key][1] == len(set(g[u]) & set(g[v]))


def test_pairs_without_a_gap_are_not_suggested():
    ds = tiny_dataset()
    ds.actors.loc[:, "region"] = "06611"  # one district for all
    ds.actors.loc[:, "type"] = "company"  # no schools
    table = suggested_contacts(cooperation_graph(ds), ds)
    # c1-s1 and c1-s2 are still in different networks; l1-u1 now closes no gap
    assert {(r.actor_a, r.actor_b) for r in table.itertuples()} == {("c1", "s1"), ("c1", "s2")}
    assert set(table["reasons"]) == {"different_network"}


def test_example_limits_and_consistency():
    ds = mintgraph.load("data")
    g = cooperation_graph(ds)
    table = suggested_contacts(g, ds, top=25, per_actor=1)
    assert len(table) == 25
    assert not any(g.has_edge(a, b) for a, b in zip(table["actor_a"], table["actor_b"], strict=True))
    ends = list(table["actor_a"]) + list(table["actor_b"])
    assert len(ends) == len(set(ends))  # per_actor=1: every actor once at most
    for row in table.itertuples():
        common = set(g[row.actor_a]) & set(g[row.actor_b])
        assert row.common_partners == len(common) > 0
        assert row.resource_allocation == pytest.approx(sum(1 / g.degree(w) for w in common))
        gaps = len([r for r in row.reasons.split("|") if r != "common_partners"])
        assert gaps >= 1 and row.score == pytest.approx(row.resource_allocation * (1 + gaps))
        assert ("school_outside" in row.reasons) == ((row.type_a == "school") != (row.type_b == "school"))
        assert ("different_district" in row.reasons) == (row.region_a != row.region_b)
    again = suggested_contacts(g, ds, top=25, per_actor=1)
    assert table.equals(again)


def test_empty_graph_gives_empty_table():
    ds = tiny_dataset()
    ds = mintgraph.Dataset(**{**ds.__dict__, "cooperations": ds.cooperations.iloc[0:0]})
    table = suggested_contacts(cooperation_graph(ds), ds)
    assert table.empty and list(table.columns) == list(COLUMNS)
