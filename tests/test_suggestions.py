"""Suggested contacts: resource allocation by hand and against networkx, evidence, distance, limits."""

from __future__ import annotations

import copy

import networkx as nx
import pytest

import mintgraph
from mintgraph.graph import cooperation_graph, network_members
from mintgraph.metrics.suggestions import COLUMNS, MIN_COMMON_PARTNERS, candidate_pairs, suggested_contacts
from mintgraph.model import split_multi
from mintgraph.testing import TINY, tiny_dataset
from mintgraph.validate import check_records


def near_records() -> dict:
    """TINY with the company c1 and the lab l1 moved to 06633 (Landkreis Kassel, a neighbour of
    06611, the city of Kassel) and one more tie s1-l1.

    Ties: s1-u1, s2-u1, s1-s2, u1-c1, c1-l1, s1-l1. Unlinked pairs at distance two:
    c1-s1 via u1 (k=3) and l1 (k=2): 2 common partners, RA 1/3 + 1/2;
    u1-l1 via s1 (k=3) and c1 (k=2): 2 common partners, RA 1/3 + 1/2;
    c1-s2 via u1 only; s2-l1 via s1 only: one common partner and no shared network.
    """
    records = copy.deepcopy(TINY)
    for actor in records["actors"]:
        if actor["id"] in ("c1", "l1"):
            actor["region"] = "06633"
    records["cooperations"].append({"source": "s1", "target": "l1", "type": "project", "since": "2019"})
    return records


def dataset_of(records: dict):
    report = check_records(records)
    assert report.dataset is not None, report.errors
    return report.dataset


def test_by_hand():
    ds = dataset_of(near_records())
    table = suggested_contacts(cooperation_graph(ds), ds)
    assert list(table.columns) == list(COLUMNS)
    rows = {(r.actor_a, r.actor_b): r for r in table.itertuples()}
    assert set(rows) == {("c1", "s1"), ("l1", "u1")}  # c1-s2 and l1-s2: one shared partner only
    c1_s1 = rows["c1", "s1"]
    assert c1_s1.common_partners == 2 and c1_s1.resource_allocation == pytest.approx(1 / 3 + 1 / 2)
    # company vs school, 06633 vs 06611 (neighbours), net-b vs net-a: three gaps
    assert c1_s1.reasons == "neighbouring_district|different_network|school_outside"
    assert c1_s1.score == pytest.approx((1 / 3 + 1 / 2) * 4)
    assert (c1_s1.evidence, c1_s1.distance) == ("common_partners", "neighbouring")
    assert rows["l1", "u1"].reasons == "neighbouring_district"
    assert rows["l1", "u1"].score == pytest.approx((1 / 3 + 1 / 2) * 2)
    assert table["score"].is_monotonic_decreasing


def test_one_common_partner_and_a_shared_network_with_a_school():
    records = near_records()
    records["memberships"].append(
        {"actor_id": "c1", "network_id": "net-a", "role": "member", "since": "2018"}
    )
    ds = dataset_of(records)
    rows = {(r.actor_a, r.actor_b): r for r in suggested_contacts(cooperation_graph(ds), ds).itertuples()}
    # c1 (company) and s2 (school) share u1 only, but both are in net-a: the network is the venue
    c1_s2 = rows["c1", "s2"]
    assert (c1_s2.common_partners, c1_s2.evidence, c1_s2.distance) == (
        1,
        "same_network:net-a",
        "same_district",
    )
    assert c1_s2.reasons == "school_outside"
    # l1 (lab, no network) and s2 (school) share s1 only and no network: still not suggested
    assert ("l1", "s2") not in rows


def test_far_pairs_are_not_suggested():
    records = near_records()
    for actor in records["actors"]:
        if actor["id"] == "c1":
            actor["region"] = "06631"  # Fulda: no border with 06611 (s1) nor 06633 (s2)
    ds = dataset_of(records)
    pairs = {(r.actor_a, r.actor_b) for r in suggested_contacts(cooperation_graph(ds), ds).itertuples()}
    assert ("c1", "s1") not in pairs and ("l1", "u1") in pairs


def test_tiny_has_no_suggestion_on_one_shared_partner():
    ds = tiny_dataset()
    pairs = candidate_pairs(cooperation_graph(ds))
    assert max(common for _, common in pairs.values()) == 1
    assert suggested_contacts(cooperation_graph(ds), ds).empty


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
    ds = dataset_of(near_records())
    ds.actors.loc[:, "region"] = "06611"  # one district for all
    ds.actors.loc[:, "type"] = "company"  # no schools
    table = suggested_contacts(cooperation_graph(ds), ds)
    # c1-s1 are still in different networks; l1-u1 now closes no gap
    assert {(r.actor_a, r.actor_b) for r in table.itertuples()} == {("c1", "s1")}
    assert set(table["reasons"]) == {"different_network"} and set(table["distance"]) == {"same_district"}


def test_example_every_suggestion_has_evidence_and_is_near():
    result = mintgraph.analyze(mintgraph.load("data"), permutations=0)
    g, ds = result.graph, result.dataset
    table = suggested_contacts(g, ds, top=25, per_actor=1)
    assert 0 < len(table) <= 25
    assert not any(g.has_edge(a, b) for a, b in zip(table["actor_a"], table["actor_b"], strict=True))
    ends = list(table["actor_a"]) + list(table["actor_b"])
    assert len(ends) == len(set(ends))  # per_actor=1: every actor once at most
    neighbours = {
        (c, n)
        for c, cell in zip(ds.regions["code"], ds.regions["neighbours"], strict=True)
        for n in split_multi(cell)
    }
    direct = network_members(ds, include_subnetworks=False)
    for row in table.itertuples():
        common = set(nx.common_neighbors(g, row.actor_a, row.actor_b))
        assert row.common_partners == len(common) > 0
        assert row.resource_allocation == pytest.approx(sum(1 / g.degree(w) for w in common))
        gaps = len([r for r in row.reasons.split("|") if r != "common_partners"])
        assert gaps >= 1 and row.score == pytest.approx(row.resource_allocation * (1 + gaps))
        assert ("school_outside" in row.reasons) == ((row.type_a == "school") != (row.type_b == "school"))
        # distance: same district or a shared border, from the district table
        if row.region_a == row.region_b:
            assert row.distance == "same_district" and "neighbouring_district" not in row.reasons
        else:
            assert row.distance == "neighbouring" and (row.region_a, row.region_b) in neighbours
        # evidence: two common partners, or one and a shared network linking a school
        if len(common) >= MIN_COMMON_PARTNERS:
            assert row.evidence == "common_partners"
        else:
            network = row.evidence.split(":", 1)[1]
            assert {row.actor_a, row.actor_b} <= direct[network]
            assert (row.type_a == "school") != (row.type_b == "school")
    again = suggested_contacts(g, ds, top=25, per_actor=1)
    assert table.equals(again)


def test_empty_graph_gives_empty_table():
    ds = tiny_dataset()
    ds = mintgraph.Dataset(**{**ds.__dict__, "cooperations": ds.cooperations.iloc[0:0]})
    table = suggested_contacts(cooperation_graph(ds), ds)
    assert table.empty and list(table.columns) == list(COLUMNS)
