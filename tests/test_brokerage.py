"""Brokerage and cohesion indicators: hand-computed cases, igraph as oracle, brute-force invariants."""

from __future__ import annotations

import itertools
import math
import random

import igraph as ig
import networkx as nx
import pandas as pd
import pytest

import mintgraph
from mintgraph.graph import cooperation_graph, home_networks
from mintgraph.metrics.brokerage import (
    BROKERAGE_COLUMNS,
    CUT_OFF_THRESHOLD,
    GF_ROLES,
    actor_brokerage,
    critical_cut_points,
    cut_off_actors,
    gould_fernandez_roles,
    harmonic_closeness,
    participation_coefficient,
)
from mintgraph.model import Dataset
from mintgraph.testing import tiny_dataset
from mintgraph.validate import check_records

TOL = 1e-9


# ---------------------------------------------------------------- helpers


def dataset_from_graph(graph: nx.Graph, region: dict[str, str] | None = None) -> Dataset:
    """A landscape whose cooperation graph is ``graph`` (string nodes), every actor in no network."""
    actors = [
        {"id": v, "name": v, "type": "other", "region": (region or {}).get(v, "06611")} for v in graph.nodes
    ]
    coops = [{"source": u, "target": v, "type": "project", "since": "2020"} for u, v in graph.edges]
    report = check_records({"actors": actors, "cooperations": coops})
    assert report.dataset is not None, report.errors
    return report.dataset


def karate() -> tuple[nx.Graph, dict[str, str]]:
    """Zachary's karate club without weights, nodes as strings; the two factions as two districts."""
    g = nx.karate_club_graph()
    region = {str(v): "06611" if d["club"] == "Mr. Hi" else "06412" for v, d in g.nodes(data=True)}
    return nx.relabel_nodes(nx.Graph(g.edges), str), region


def brute_force_roles(graph: nx.Graph, groups: dict) -> pd.DataFrame:
    """Gould–Fernandez counts by enumerating every partner pair of every node (independent oracle)."""
    rows = {}
    for v in graph:
        counts = dict.fromkeys((*GF_ROLES, "total"), 0)
        for a, c in itertools.combinations(graph[v], 2):
            if graph.has_edge(a, c):
                continue
            ga, gv, gc = groups[a], groups[v], groups[c]
            if ga == gv == gc:
                role = "coordinator"
            elif (ga == gv) != (gc == gv):
                role = "gatekeeper_representative"
            elif ga == gc:
                role = "consultant"
            else:
                role = "liaison"
            counts[role] += 1
            counts["total"] += 1
        rows[v] = counts
    return pd.DataFrame.from_dict(rows, orient="index")[[*GF_ROLES, "total"]]


def burt_effective_size(graph: nx.Graph, v) -> float:
    """Burt's (1992) definition: sum over partners j of 1 - sum_q p_vq m_jq (unweighted)."""
    partners = set(graph[v])
    if not partners:
        return math.nan
    p = 1 / len(partners)
    return sum(1 - sum(p for q in partners - {j} if graph.has_edge(j, q)) for j in partners)


def igraph_brokerage(graph: nx.Graph) -> dict[str, dict]:
    """The igraph counterparts of the networkx-based columns."""
    nodes = list(graph)
    index = {v: i for i, v in enumerate(nodes)}
    g = ig.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in graph.edges], directed=False)
    cut = set(g.articulation_points())
    columns = {
        "harmonic_closeness": g.harmonic_centrality(normalized=True),
        "clustering": g.transitivity_local_undirected(mode="zero"),
        "core_number": g.coreness(),
        "constraint": g.constraint(),
        "articulation_point": [i in cut for i in range(len(nodes))],
    }
    return {col: dict(zip(nodes, values, strict=True)) for col, values in columns.items()}


def assert_matches_igraph(graph: nx.Graph, table: pd.DataFrame) -> None:
    oracle = igraph_brokerage(graph)
    for col, values in oracle.items():
        for node, expected in values.items():
            ours = table.loc[node, col]
            if isinstance(expected, float) and math.isnan(expected):
                assert math.isnan(ours), (col, node)
            else:
                assert ours == pytest.approx(expected, abs=TOL), (col, node)


# ---------------------------------------------------------------- hand-computed


def test_columns_and_types():
    ds = tiny_dataset()
    t = actor_brokerage(cooperation_graph(ds), ds)
    assert tuple(t.columns) == BROKERAGE_COLUMNS
    assert t.index.name == "id" and t.index.tolist() == ds.actors["id"].tolist()
    assert t["articulation_point"].dtype == bool
    integer = ("core_number", "cut_off_actors")
    assert all(t[c].dtype == "int64" for c in BROKERAGE_COLUMNS if c.startswith("gf_") or c in integer)


def test_tiny_by_hand():
    ds = tiny_dataset()
    t = actor_brokerage(cooperation_graph(ds), ds)
    # ties: s1-s2, s1-u1, s2-u1, u1-c1, c1-l1; m1 isolated; n = 6
    #
    #   s1 ---- s2          districts: s1, u1 06611; s2 06633; c1, l1 06631; m1 06412
    #     \    /            home networks: s1, s2, u1 net-a; c1 net-b; l1, m1 none
    #      u1 ---- c1 ---- l1        m1
    #
    # harmonic: u1 reaches s1, s2, c1 at 1, l1 at 2: (3 + 1/2) / 5; s1: (1 + 1 + 1/2 + 1/3) / 5
    assert t.loc["u1", "harmonic_closeness"] == pytest.approx(3.5 / 5)
    assert t.loc["s1", "harmonic_closeness"] == pytest.approx((17 / 6) / 5)
    assert t.loc["m1", "harmonic_closeness"] == 0
    # clustering: one of u1's three partner pairs is tied
    assert t["clustering"].tolist() == pytest.approx([1, 1, 1 / 3, 0, 0, 0])
    # k-cores: the triangle is the 2-core
    assert t["core_number"].tolist() == [2, 2, 2, 1, 1, 0]
    # constraint, p = 1/k: u1 -> s1: (1/3 + 1/3 * 1/2)^2 = 1/4, same for s2, c1: (1/3)^2
    assert t.loc["u1", "constraint"] == pytest.approx(1 / 4 + 1 / 4 + 1 / 9)
    # s1 -> s2: (1/2 + 1/2 * 1/3)^2 = 4/9; s1 -> u1: (1/2 + 1/2 * 1/2)^2 = 9/16
    assert t.loc["s1", "constraint"] == pytest.approx(4 / 9 + 9 / 16)
    assert t.loc["c1", "constraint"] == pytest.approx(1 / 2) and t.loc["l1", "constraint"] == 1
    # effective size k - 2t/k: u1 3 - 2/3; s1 2 - 1; c1 2 (no tie between u1 and l1)
    assert t.loc[["u1", "s1", "c1", "l1"], "effective_size"].tolist() == pytest.approx([7 / 3, 1, 2, 1])
    assert math.isnan(t.loc["m1", "constraint"]) and math.isnan(t.loc["m1", "effective_size"])
    assert t.index[t["articulation_point"]].tolist() == ["u1", "c1"]


def test_tiny_participation_by_hand():
    ds = tiny_dataset()
    t = actor_brokerage(cooperation_graph(ds), ds)
    # networks: u1's partners s1, s2 (net-a), c1 (net-b): 1 - (2/3)^2 - (1/3)^2 = 4/9
    #           c1's partners u1 (net-a), l1 (none): 1 - 1/4 - 1/4
    assert t["participation_networks"].tolist() == pytest.approx([0, 0, 4 / 9, 1 / 2, 0, 0])
    # regions: s1's partners s2 (06633), u1 (06611): 1/2; s2's partners both 06611: 0;
    #          u1's partners in three districts: 1 - 3/9; c1's u1 (06611), l1 (06631): 1/2
    assert t["participation_regions"].tolist() == pytest.approx([1 / 2, 0, 2 / 3, 1 / 2, 0, 0])


def test_tiny_gould_fernandez_by_hand():
    ds = tiny_dataset()
    t = actor_brokerage(cooperation_graph(ds), ds)
    # Open two-paths: s1-u1-c1, s2-u1-c1 (u1) and u1-c1-l1 (c1); s1-u1-s2 is closed by s1-s2.
    assert t["gf_total"].tolist() == [0, 0, 2, 1, 0, 0]
    net = t[[f"gf_{r}_networks" for r in GF_ROLES]]
    reg = t[[f"gf_{r}_regions" for r in GF_ROLES]]
    #                 coordinator, gatekeeper/representative, consultant, liaison
    # u1 (net-a): s1 net-a, c1 net-b and s2 net-a, c1 net-b -> 2 x gatekeeper/representative
    assert net.loc["u1"].tolist() == [0, 2, 0, 0]
    # c1 (net-b): u1 net-a, l1 none -> three different groups: liaison
    assert net.loc["c1"].tolist() == [0, 0, 0, 1]
    # u1 (06611): s1 06611 | c1 06631 -> gatekeeper/representative; s2 06633 | c1 06631 -> liaison
    assert reg.loc["u1"].tolist() == [0, 1, 0, 1]
    # c1 (06631): u1 06611 | l1 06631 -> gatekeeper/representative
    assert reg.loc["c1"].tolist() == [0, 1, 0, 0]


def test_star_gould_fernandez_and_participation_by_hand():
    #            a(X) b(X)
    #               \ /
    #     e(Z) ---- v(X) ---- c(Y)       all ten leaf pairs are open
    #                 \
    #                 d(Y)
    star = nx.Graph([("v", leaf) for leaf in "abcde"])
    groups = {"v": "X", "a": "X", "b": "X", "c": "Y", "d": "Y", "e": "Z"}
    # coordinator {a,b}; gatekeeper/representative {a,b} x {c,d,e} = 6; consultant {c,d}; liaison {c,e},{d,e}
    assert gould_fernandez_roles(star, groups).loc["v"].tolist() == [1, 6, 1, 2, 10]
    # P = 1 - (2/5)^2 - (2/5)^2 - (1/5)^2 = 16/25; a leaf has one partner: P = 0
    p = participation_coefficient(star, groups)
    assert p["v"] == pytest.approx(16 / 25) and p["a"] == 0
    # closing c-d removes the consultant pair; closing a-c one gatekeeper/representative pair
    star.add_edges_from([("c", "d"), ("a", "c")])
    assert gould_fernandez_roles(star, groups).loc["v"].tolist() == [1, 5, 0, 2, 8]
    # a (X) now sits between v and c, but v-c is tied: no open two-path through a
    assert gould_fernandez_roles(star, groups).loc["a", "total"] == 0


def test_path_with_groups_by_hand():
    # a(X) - b(X) - c(X) - d(Y) - e(Y) - f(Z)
    # b: a|c both X like b -> coordinator; c: b X | d Y -> gatekeeper/representative;
    # d: c X | e Y, d is Y -> gatekeeper/representative; e: d Y | f Z, e is Y -> gatekeeper/repr.
    path = nx.path_graph("abcdef")
    groups = dict(zip("abcdef", "XXXYYZ", strict=True))
    roles = gould_fernandez_roles(path, groups)
    assert roles["coordinator"].tolist() == [0, 1, 0, 0, 0, 0]
    assert roles["gatekeeper_representative"].tolist() == [0, 0, 1, 1, 1, 0]
    # consultant: an outsider between two of another group: c(X) between b(Y) and d(Y)
    assert gould_fernandez_roles(path, dict(zip("abcdef", "YYXYYY", strict=True))).loc["c"].tolist() == [
        0,
        0,
        1,
        0,
        1,
    ]
    # liaison: all three different
    assert gould_fernandez_roles(path, dict(zip("abcdef", "PQRSTU", strict=True)))["liaison"].tolist() == [
        0,
        1,
        1,
        1,
        1,
        0,
    ]


def test_non_members_form_one_group():
    # a - b - c, none of them in a network: one "none" group, so b coordinates among non-members
    # (with a singleton group per non-member b would be a liaison and P_b = 1/2).
    ds = dataset_from_graph(nx.path_graph(["a", "b", "c"]))
    t = actor_brokerage(cooperation_graph(ds), ds)
    assert t.loc["b", [f"gf_{r}_networks" for r in GF_ROLES]].tolist() == [1, 0, 0, 0]
    assert t.loc["b", "participation_networks"] == 0


def test_home_network_rule():
    records = {
        "actors": [{"id": x, "name": x, "type": "school", "region": "06611"} for x in "abcdefg"],
        "networks": [
            {"id": "top", "name": "Top"},
            {"id": "big", "name": "Big", "parent": "top"},
            {"id": "zeta", "name": "Zeta"},
            {"id": "alpha", "name": "Alpha"},
        ],
        "memberships": [
            # big: 3 direct members; top: 1 direct member (but 4 with its sub-network)
            *({"actor_id": x, "network_id": "big"} for x in "abc"),
            {"actor_id": "a", "network_id": "top"},
            # d: alpha and zeta have two direct members each -> tie broken by id: alpha
            *({"actor_id": x, "network_id": "zeta"} for x in "de"),
            *({"actor_id": x, "network_id": "alpha"} for x in "df"),
        ],
    }
    report = check_records(records)
    assert report.dataset is not None, report.errors
    home = home_networks(report.dataset)
    # a: the regional network with more direct members, not the umbrella
    assert home == {"a": "big", "b": "big", "c": "big", "d": "alpha", "e": "zeta", "f": "alpha", "g": None}


def test_harmonic_closeness_edge_cases():
    assert harmonic_closeness(nx.Graph()) == {}
    assert harmonic_closeness(nx.empty_graph(1)) == {0: 0.0}
    # two components: 0-1 and 2-3-4; node 3 reaches 2 and 4 at distance 1 -> 2 / 4
    h = harmonic_closeness(nx.Graph([(0, 1), (2, 3), (3, 4)]))
    assert h[3] == pytest.approx(2 / 4) and h[0] == pytest.approx(1 / 4)


def test_edgeless_and_empty_graphs():
    ds = dataset_from_graph(nx.empty_graph(["a", "b"]))
    t = actor_brokerage(cooperation_graph(ds), ds)
    assert t["gf_total"].tolist() == [0, 0] and t["participation_regions"].tolist() == [0, 0]
    assert t["constraint"].isna().all() and not t["articulation_point"].any()
    assert actor_brokerage(nx.Graph(), ds).empty


def test_missing_group_is_an_error():
    with pytest.raises(KeyError, match="no group"):
        gould_fernandez_roles(nx.path_graph(3), {0: "x", 1: "x"})


# ---------------------------------------------------------------- igraph and published values


def test_tiny_matches_igraph():
    ds = tiny_dataset()
    g = cooperation_graph(ds)
    assert_matches_igraph(g, actor_brokerage(g, ds))


def test_karate_club_matches_igraph_and_brute_force():
    g, region = karate()
    ds = dataset_from_graph(g, region)
    graph = cooperation_graph(ds)
    t = actor_brokerage(graph, ds)
    assert_matches_igraph(graph, t)
    # Zachary's club: the instructor (0) is its only cut vertex (member 11 hangs on him alone),
    # and the main core is the 4-core
    assert t.index[t["articulation_point"]].tolist() == ["0"]
    assert t["core_number"].max() == 4
    for v in graph:
        assert t.loc[v, "effective_size"] == pytest.approx(burt_effective_size(graph, v), abs=TOL)
    # the two factions as groups: the G-F counts agree with enumerating every partner pair
    expected = brute_force_roles(graph, region)
    for role in GF_ROLES:
        assert t[f"gf_{role}_regions"].tolist() == expected[role].tolist(), role
    assert t["gf_total"].tolist() == expected["total"].tolist()


def test_florentine_families_matches_igraph_and_hand_values():
    g = nx.florentine_families_graph()  # Padgett's marriage ties, 15 families (Pucci left out)
    ds = dataset_from_graph(g)
    graph = cooperation_graph(ds)
    t = actor_brokerage(graph, ds)
    assert_matches_igraph(graph, t)
    # Medici marry into Acciaiuoli, Albizzi, Barbadori, Ridolfi, Salviati, Tornabuoni; among these only
    # Ridolfi-Tornabuoni are tied. p = 1/6; Ridolfi (Medici, Strozzi, Tornabuoni) and Tornabuoni
    # (Medici, Ridolfi, Guadagni) have three partners each, so
    # constraint = 4 (1/6)^2 + 2 (1/6 + 1/6 * 1/3)^2 = 36/324 + 32/324 = 68/324,
    # effective size = 6 - 2 * 1/6 = 17/3.
    assert t.loc["Medici", "constraint"] == pytest.approx(68 / 324, abs=TOL)
    assert t.loc["Medici", "effective_size"] == pytest.approx(17 / 3, abs=TOL)
    # Burt's structural-hole broker of Florence: least constrained, largest effective size,
    # highest harmonic closeness
    assert t["constraint"].idxmin() == "Medici"
    assert t["effective_size"].idxmax() == "Medici"
    assert t["harmonic_closeness"].idxmax() == "Medici"
    # cut vertices: Medici (Acciaiuoli; Salviati-Pazzi), Salviati (Pazzi), Albizzi (Ginori),
    # Guadagni (Lamberteschi)
    assert sorted(t.index[t["articulation_point"]]) == ["Albizzi", "Guadagni", "Medici", "Salviati"]
    # all in one district: every open two-path is a coordinator path
    assert (t["gf_coordinator_regions"] == t["gf_total"]).all()
    assert t.loc["Medici", "gf_total"] == 15 - 1


def test_example_matches_igraph_and_brute_force():
    ds = mintgraph.load("data")
    graph = cooperation_graph(ds)
    t = actor_brokerage(graph, ds)
    assert_matches_igraph(graph, t)
    home = home_networks(ds)
    # the two actors in two networks: the larger network wins (mintmit 30 > mintmachclub-fulda 9;
    # mint-forum-nordhessen 26 > mint-se 3)
    assert home["chemikum-marburg"] == "mintmit" and home["a0544"] == "mint-forum-nordhessen"
    regions = dict(zip(ds.actors["id"], ds.actors["region"], strict=True))
    for suffix, groups in (("networks", home), ("regions", regions)):
        expected = brute_force_roles(graph, groups)
        for role in GF_ROLES:
            assert t[f"gf_{role}_{suffix}"].tolist() == expected[role].tolist(), (role, suffix)
    assert t["gf_total"].tolist() == expected["total"].tolist()


# ---------------------------------------------------------------- invariants


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_graph_roles_sum_to_open_two_paths(seed):
    rng = random.Random(seed)
    g = nx.gnp_random_graph(80, 0.12, seed=seed)
    g.add_nodes_from(range(80, 83))  # a few isolated nodes
    groups = {v: rng.choice(["a", "b", "c", None]) for v in g}
    roles = gould_fernandez_roles(g, groups)
    assert (roles[list(GF_ROLES)].sum(axis=1) == roles["total"]).all()
    # total = non-adjacent partner pairs, counted directly
    for v in g:
        open_pairs = sum(1 for a, c in itertools.combinations(g[v], 2) if not g.has_edge(a, c))
        assert roles.loc[v, "total"] == open_pairs
    pd.testing.assert_frame_equal(
        roles.reset_index(drop=True), brute_force_roles(g, groups).reset_index(drop=True), check_dtype=False
    )
    # participation coefficient from its definition
    p = participation_coefficient(g, groups)
    for v in g:
        k = g.degree(v)
        shares = pd.Series([groups[u] for u in g[v]], dtype=object).value_counts(dropna=False) / max(k, 1)
        assert p[v] == pytest.approx(1 - (shares**2).sum() if k else 0.0, abs=TOL)


def test_example_roles_sum_to_total_for_both_groupings():
    ds = mintgraph.load("data")
    t = actor_brokerage(cooperation_graph(ds), ds)
    for suffix in ("networks", "regions"):
        assert (t[[f"gf_{r}_{suffix}" for r in GF_ROLES]].sum(axis=1) == t["gf_total"]).all()
    assert ((t["participation_networks"] >= 0) & (t["participation_networks"] < 1)).all()
    assert t["constraint"].isna().sum() == t.index.isin(list(nx.isolates(cooperation_graph(ds)))).sum()


# ---------------------------------------------------------------- cut-off actors


def brute_force_cut_off(graph: nx.Graph, nodes=None) -> dict:
    """Remove each node, recompute the components of the rest of its component (independent oracle)."""
    result = {}
    for v in graph if nodes is None else nodes:
        component = nx.node_connected_component(graph, v)
        rest = graph.subgraph(component - {v})
        largest = max((len(c) for c in nx.connected_components(rest)), default=0)
        result[v] = len(component) - 1 - largest
    return result


def test_cut_off_actors_by_hand():
    # star of 5 leaves: the centre strands four leaves (one leaf is "the rest")
    assert cut_off_actors(nx.star_graph(5)) == {0: 4, 1: 0, 2: 0, 3: 0, 4: 0, 5: 0}
    # path 0-1-2-3-4-5: node i leaves pieces of i and 5 - i nodes
    assert cut_off_actors(nx.path_graph(6)) == {0: 0, 1: 1, 2: 2, 3: 2, 4: 1, 5: 0}
    # barbell: two 4-cliques joined by a path of 2 nodes: 0-3 | 4 - 5 | 6-9; 3 leaves {0,1,2} and {4..9}
    barbell = cut_off_actors(nx.barbell_graph(4, 2))
    assert barbell == {**dict.fromkeys(range(10), 0), 3: 3, 4: 4, 5: 4, 6: 3}
    # a pendant partner: 1 (the pair on its own strands nobody)
    assert cut_off_actors(nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "p")]))["c"] == 1
    assert cut_off_actors(nx.Graph([("x", "y")])) == {"x": 0, "y": 0}
    # disconnected: each component on its own; an isolated node and a self-loop change nothing
    g = nx.disjoint_union(nx.path_graph(3), nx.star_graph(3))
    g.add_edge(4, 4)
    g.add_node(99)
    assert cut_off_actors(g) == {0: 0, 1: 1, 2: 0, 3: 2, 4: 0, 5: 0, 6: 0, 99: 0}
    assert cut_off_actors(nx.Graph()) == {}


@pytest.mark.parametrize("seed", range(12))
def test_cut_off_actors_match_brute_force_on_random_graphs(seed):
    rng = random.Random(seed)
    n = rng.randint(2, 60)
    p = rng.choice([0.02, 0.05, 0.08, 0.15])
    g = nx.gnp_random_graph(n, p, seed=seed)
    if seed % 3 == 0:  # trees and forests hold the most cut vertices
        g = (
            nx.random_labeled_tree(n, seed=seed)
            if seed % 2 == 0
            else nx.union(nx.random_labeled_tree(n, seed=seed), nx.path_graph(range(n, n + 4)))
        )
    order = list(g)
    rng.shuffle(order)
    shuffled = nx.Graph()
    shuffled.add_nodes_from(order)
    shuffled.add_edges_from(g.edges)
    found = cut_off_actors(shuffled)
    assert found == brute_force_cut_off(shuffled)
    cut = {v for v, c in found.items() if c > 0}
    assert cut == set(nx.articulation_points(shuffled))


def test_cut_off_actors_in_the_brokerage_table_and_the_critical_ones():
    ds = mintgraph.load("data")
    g = cooperation_graph(ds)
    t = actor_brokerage(g, ds)
    assert t["cut_off_actors"].to_dict() == brute_force_cut_off(g)
    assert ((t["cut_off_actors"] > 0) == t["articulation_point"]).all()
    actors = t.join(pd.Series(nx.betweenness_centrality(g), name="betweenness")).reset_index()
    critical = critical_cut_points(actors)
    assert (critical["cut_off_actors"] >= CUT_OFF_THRESHOLD).all()
    assert len(critical) == int((t["cut_off_actors"] >= CUT_OFF_THRESHOLD).sum())
    keys = list(zip(-critical["cut_off_actors"], -critical["betweenness"], critical["id"], strict=True))
    assert keys == sorted(keys)
    assert critical_cut_points(actors, threshold=1)["id"].tolist()[: len(critical)] == critical["id"].tolist()


def test_critical_cut_points_order_by_hand():
    t = pd.DataFrame(
        {
            "id": ["e", "d", "c", "b", "a"],
            "cut_off_actors": [0, 4, 5, 5, 5],
            "betweenness": [0.9, 0.5, 0.1, 0.3, 0.1],
        }
    )
    assert critical_cut_points(t)["id"].tolist() == ["b", "a", "c"]
    assert critical_cut_points(t, threshold=4)["id"].tolist() == ["b", "a", "c", "d"]
    assert critical_cut_points(t, threshold=6).empty


def test_cut_off_actors_on_a_large_graph():  # its speed: benchmarks/, not a unit test
    g = nx.gnm_random_graph(20_000, 30_000, seed=3)
    g.add_edges_from((v, 20_000 + v) for v in range(0, 20_000, 7))  # pendant partners
    found = cut_off_actors(g)
    sample = [v for v in g if found[v] > 1][:3] + [v for v in g if found[v] == 1][:3] + [0, 1, 2]
    assert {v: found[v] for v in sample} == brute_force_cut_off(g, sample)


def directed_brokerage(graph: nx.Graph, groups: dict) -> pd.DataFrame:
    """UCINET's and statnet's count: directed two-paths a -> v -> c (a != c, no arc a -> c) on the
    symmetric digraph of ``graph``, with gatekeeper (v shares c's group) and representative (v
    shares a's group) told apart."""
    digraph = graph.to_directed()
    roles = ("coordinator", "gatekeeper", "representative", "consultant", "liaison")
    rows = {}
    for v in digraph:
        counts = dict.fromkeys(roles, 0)
        for a in digraph.predecessors(v):
            for c in digraph.successors(v):
                if a == c or digraph.has_edge(a, c):
                    continue
                ga, gv, gc = groups[a], groups[v], groups[c]
                if ga == gv == gc:
                    counts["coordinator"] += 1
                elif gv == gc != ga:
                    counts["gatekeeper"] += 1
                elif gv == ga != gc:
                    counts["representative"] += 1
                elif ga == gc:
                    counts["consultant"] += 1
                else:
                    counts["liaison"] += 1
        rows[v] = counts
    return pd.DataFrame.from_dict(rows, orient="index")[list(roles)]


@pytest.mark.parametrize("seed", range(4))
def test_gould_fernandez_counts_are_half_of_the_directed_counts(seed):
    g = nx.gnp_random_graph(40, 0.12, seed=seed)
    rng = random.Random(seed)
    groups = {v: rng.choice("xyz") for v in g}
    ours = gould_fernandez_roles(g, groups)
    directed = directed_brokerage(g, groups)
    for role in ("coordinator", "consultant", "liaison"):
        assert (directed[role] == 2 * ours.loc[directed.index, role]).all(), role
    both = directed["gatekeeper"] + directed["representative"]
    assert (both == 2 * ours.loc[directed.index, "gatekeeper_representative"]).all()
    assert (directed.sum(axis=1) == 2 * ours.loc[directed.index, "total"]).all()
    assert (directed["gatekeeper"] == directed["representative"]).all()  # symmetric ties
