"""The actor-graph pages of a large landscape (ActorGraphPages, district pages): same content, made once.

The district pages and the per-network pages are drawn from arrays prepared once per landscape
(:class:`mintgraph.views.graph_html.ActorGraphPages`). These tests check them against
independent computations with networkx and against :func:`render_actor_graph` on the subgraph.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from conftest import expand_tips

import mintgraph
from mintgraph import layout
from mintgraph.export import write_outputs
from mintgraph.graph import induced_subgraph, network_members
from mintgraph.views import aggregate_html
from mintgraph.views import graph_html as gh
from mintgraph.views.graph_html import ActorGraphPages, render_actor_graph

_DATA = re.compile(r'<script type="application/json" id="graph-data">(.*?)</script>', re.S)


def graph_data(html: str) -> dict:
    return expand_tips(json.loads(_DATA.search(html).group(1)))


@pytest.fixture(scope="module")
def landscape_3k(tmp_path_factory: pytest.TempPathFactory) -> tuple[mintgraph.Analysis, Path]:
    folder = tmp_path_factory.mktemp("land3k")
    mintgraph.generate(folder, n_actors=3000, n_regions=26, seed=5)
    result = mintgraph.analyze(mintgraph.load(folder), permutations=0)
    out = tmp_path_factory.mktemp("out3k")
    write_outputs(result, out)
    return result, out


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> mintgraph.Analysis:
    folder = tmp_path_factory.mktemp("land300")
    mintgraph.generate(folder, n_actors=300, n_regions=6, seed=2)
    return mintgraph.analyze(mintgraph.load(folder), permutations=0)


def test_district_page_holds_the_districts_actors_their_partners_and_their_ties(landscape_3k) -> None:
    result, out = landscape_3k
    assert len(result.actors) > aggregate_html.AGGREGATE_ABOVE
    g = result.graph
    pages = sorted((out / "districts").glob("*.html"))
    assert len(pages) == result.actors["region"].nunique() > 10
    for code, ids in result.actors.groupby("region")["id"]:
        own = set(ids)
        expected_nodes = own | {p for a in own if a in g for p in nx.neighbors(g, a)}
        expected_ties = {frozenset(e) for e in g.edges if e[0] in own or e[1] in own}
        data = graph_data((out / "districts" / f"{code}.html").read_text(encoding="utf-8"))
        assert {n["id"] for n in data["nodes"]} == expected_nodes
        assert len(data["nodes"]) == len(expected_nodes)
        ties = [frozenset((e["from"], e["to"])) for e in data["edges"]]
        assert set(ties) == expected_ties and len(ties) == len(expected_ties)
        # ties between two partners from elsewhere are not drawn here
        assert all(e["from"] in own or e["to"] in own for e in data["edges"])


def test_district_page_degree_sizes_and_counts_follow_the_page(landscape_3k) -> None:
    result, out = landscape_3k
    code, _ = next(iter(result.actors.groupby("region")["id"]))
    html = (out / "districts" / f"{code}.html").read_text(encoding="utf-8")
    data = graph_data(html)
    degree: dict[str, int] = {n["id"]: 0 for n in data["nodes"]}
    for e in data["edges"]:
        degree[e["from"]] += 1
        degree[e["to"]] += 1
    size_by = dict(zip(result.actors["id"], result.actors["degree"], strict=True))
    vmax = max(size_by[n] for n, d in degree.items() if d)
    for node in data["nodes"]:
        rel = math.sqrt(size_by[node["id"]] / vmax) if degree[node["id"]] else 0.0
        assert node["size"] == round(gh.NODE_SIZE_MIN + (gh.NODE_SIZE_MAX - gh.NODE_SIZE_MIN) * rel, 1)
    assert data["isolated"] == sorted(n for n, d in degree.items() if d == 0)
    assert f"{len(data['nodes']):,}".replace(",", ".") + " Akteure" in html
    assert [e["id"] for e in data["edges"]] == [f"e{i}" for i in range(len(data["edges"]))]


def test_pages_equal_render_actor_graph_on_the_subgraph(small) -> None:
    g, actors = small.graph, small.actors
    networks = small.dataset.networks[["id", "name"]]
    pages = ActorGraphPages(g, actors, lang="en", size_by="betweenness", networks=networks)
    assert pages.render() == render_actor_graph(
        g, actors, lang="en", size_by="betweenness", networks=networks
    )
    for code, ids in list(actors.groupby("region")["id"])[:3]:
        own = set(ids)
        shown = own.union(*(g[a] for a in own))
        sub = induced_subgraph(g, shown)
        sub.remove_edges_from([(u, v) for u, v in sub.edges if u not in own and v not in own])
        expected = render_actor_graph(
            sub,
            actors[actors["id"].isin(shown)],
            lang="en",
            size_by="betweenness",
            networks=networks,
            title=code,
        )
        assert pages.render(ids, partners=True, title=code) == expected
    for members in list(network_members(small.dataset).values())[:3]:
        expected = render_actor_graph(
            induced_subgraph(g, members),
            actors[actors["id"].isin(members)],
            lang="en",
            size_by="betweenness",
            networks=networks,
        )
        assert pages.render(members) == expected


def test_a_partner_has_the_same_tooltip_on_every_page(landscape_3k) -> None:
    result, out = landscape_3k
    tips: dict[str, list] = {}
    pages_seen: dict[str, int] = {}
    for path in sorted((out / "districts").glob("*.html")):
        for node in graph_data(path.read_text(encoding="utf-8"))["nodes"]:
            assert tips.setdefault(node["id"], node["tip"]) == node["tip"]
            pages_seen[node["id"]] = pages_seen.get(node["id"], 0) + 1
    assert max(pages_seen.values()) > 1  # partners do appear on several pages
    records = {r["id"]: r for r in gh._public_actor_table(result.actors).to_dict("records")}
    names = dict(zip(result.dataset.networks["id"], result.dataset.networks["name"], strict=True))
    for actor in list(records)[:200]:
        rec = records[actor]
        assert tips[actor] == gh._node_tip(rec, gh._actor_type(rec["type"]), "de", names)


def test_indicator_values_formatted_once_keep_sign_type_and_missing() -> None:
    actors = pd.DataFrame(
        {
            "id": ["a", "b", "c", "d"],
            "name": ["A", "B", "C", "D"],
            "type": ["school"] * 4,
            "region": ["06411"] * 4,
            "region_name": ["Darmstadt"] * 4,
            "degree": [1, 1, 1, 1],
            "constraint": [0.0, -0.0, float("nan"), 0.0],
            "articulation_point": [True, 1, "false", 0.0],
            "core_number": [0, 2, 2, 1000],
        }
    )
    g = nx.Graph([("a", "b"), ("c", "d"), ("d", "e")])  # e: a partner without a row in the table
    data = graph_data(render_actor_graph(g, actors, lang="en"))
    tips = {n["id"]: dict(map(tuple, n["tip"])) for n in data["nodes"]}
    label, cut = gh.t("metric_constraint", "en"), gh.t("metric_articulation_point", "en")
    assert [tips[a][label] for a in "abcd"] == ["0", "-0", "–", "0"]
    assert [tips[a][cut] for a in "abcd"] == ["yes", "yes", "no", "no"]
    core = gh.t("metric_core_number", "en")
    assert [tips[a][core] for a in "abcd"] == ["0", "2", "2", "1,000"]
    assert label not in tips["e"] and core not in tips["e"]


def test_hostile_names_and_personal_data_on_district_pages(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "data"
    mintgraph.generate(folder, n_actors=200, n_regions=4, seed=3)
    table = pd.read_csv(folder / "actors.csv", dtype=str, keep_default_na=False)
    table.loc[0, "name"] = "<script>alert(1)</script>"
    table["email"] = [f"kontakt{i}@example.org" if i % 2 == 0 else "" for i in range(len(table))]
    table.to_csv(folder / "actors.csv", index=False)
    result = mintgraph.analyze(mintgraph.load(folder), permutations=0)
    monkeypatch.setattr(aggregate_html, "AGGREGATE_ABOVE", 50)  # the district pages for 200 actors
    hostile = table.loc[0, "id"]
    for personal in (False, True):
        out = tmp_path / f"out-{personal}"
        write_outputs(result, out, include_personal=personal)
        pages = sorted((out / "districts").glob("*.html"))
        assert len(pages) == 4
        texts = [p.read_text(encoding="utf-8") for p in pages]
        assert all("<script>alert(1)</script>" not in text for text in texts)
        assert all(("example.org" in text) == personal for text in texts)
        names = {n["id"]: n["name"] for text in texts for n in graph_data(text)["nodes"]}
        assert names[hostile] == "<script>alert(1)</script>"  # shown as text, JSON-escaped in the file
        assert any("\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in text for text in texts)
        if personal:
            tips = {n["id"]: n["tip"] for n in graph_data(texts[0])["nodes"]}
            emails = dict(zip(table["id"], table["email"], strict=True))
            for actor, tip in tips.items():
                assert (["E-Mail", emails[actor]] in tip) == bool(emails[actor])


def test_district_pages_are_byte_identical_across_runs(small, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(aggregate_html, "AGGREGATE_ABOVE", 100)
    first, second = tmp_path / "a", tmp_path / "b"
    write_outputs(small, first, lang="en")
    write_outputs(small, second, lang="en")
    files = sorted(p.relative_to(first) for p in first.rglob("*.html"))
    assert len(files) == 2 + small.actors["region"].nunique() + 1  # graph, map, networks + districts
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes()


def _plain_force_layout(adj: np.ndarray, seed: int) -> np.ndarray:
    """The dense force layout as first written (whole matrices, no blocks): the oracle of the blocked one."""
    n = adj.shape[0]
    iterations = max(40, min(200, int(200 * (800 / max(n, 1)) ** 2)))
    rng = np.random.default_rng(seed)
    start = (rng.random((n, 2)) - 0.5) * 10.0 * math.sqrt(n)
    x, y = start[:, 0].copy(), start[:, 1].copy()
    mass = adj.sum(axis=1) + 1.0
    repulsion = np.outer(mass, mass)
    temperature = 2.0 * math.sqrt(n)
    for _ in range(iterations):
        dx = x[:, None] - x[None, :]
        dy = y[:, None] - y[None, :]
        d2 = dx * dx + dy * dy
        np.maximum(d2, 0.01, out=d2)
        factor = repulsion / d2 - adj
        fx = (factor * dx).sum(axis=1)
        fy = (factor * dy).sum(axis=1)
        r = np.sqrt(x * x + y * y) + 1e-9
        fx -= mass * x / r
        fy -= mass * y / r
        length = np.sqrt(fx * fx + fy * fy) + 1e-9
        step = np.minimum(length / mass, temperature) / length
        x += fx * step
        y += fy * step
        temperature *= 0.985
    return np.column_stack([x, y])


def _plain_sampled_layout(adj: np.ndarray, seed: int, iterations: int = 60) -> np.ndarray:
    n = adj.shape[0]
    rng = np.random.default_rng(seed)
    start = (rng.random((n, 2)) - 0.5) * 10.0 * math.sqrt(n)
    x, y = start[:, 0].copy(), start[:, 1].copy()
    mass = adj.sum(axis=1) + 1.0
    rows, cols = np.nonzero(adj)
    anchors = min(layout.LAYOUT_ANCHORS, n)
    scale = n / anchors
    temperature = 2.0 * math.sqrt(n)
    for _ in range(iterations):
        pick = rng.choice(n, size=anchors, replace=False)
        dx = x[:, None] - x[pick][None, :]
        dy = y[:, None] - y[pick][None, :]
        d2 = dx * dx + dy * dy
        np.maximum(d2, 0.01, out=d2)
        factor = np.outer(mass, mass[pick]) * scale / d2
        fx = (factor * dx).sum(axis=1) - np.bincount(rows, x[rows] - x[cols], minlength=n)
        fy = (factor * dy).sum(axis=1) - np.bincount(rows, y[rows] - y[cols], minlength=n)
        r = np.sqrt(x * x + y * y) + 1e-9
        fx -= mass * x / r
        fy -= mass * y / r
        length = np.sqrt(fx * fx + fy * fy) + 1e-9
        step = np.minimum(length / mass, temperature) / length
        x += fx * step
        y += fy * step
        temperature *= 0.95
    return np.column_stack([x, y])


def _random_adjacency(n: int, m: int, seed: int) -> np.ndarray:
    g = nx.gnm_random_graph(n, m, seed=seed)
    return nx.to_numpy_array(g, nodelist=range(n))


@pytest.mark.parametrize("n", [7, 150, 300])
def test_blocked_dense_layout_equals_the_plain_formula(n: int) -> None:
    adj = _random_adjacency(n, 2 * n, seed=n)
    assert np.array_equal(layout._force_layout(adj, seed=3), _plain_force_layout(adj, seed=3))


def test_sampled_layout_from_ties_equals_the_plain_formula() -> None:
    adj = _random_adjacency(1200, 3000, seed=1)
    expected = _plain_sampled_layout(adj, seed=4)
    assert np.array_equal(layout._sampled_force_layout(adj, seed=4), expected)
    rows, cols = np.nonzero(adj)
    mass = adj.sum(axis=1) + 1.0
    assert np.array_equal(layout._sampled_force_layout_ties(1200, rows, cols, mass, seed=4), expected)


def test_layout_blocks_follow_the_connected_components() -> None:
    g = nx.Graph()
    g.add_edges_from([("m1", "m2"), ("m2", "m3"), ("m3", "m4"), ("m4", "m5")])  # main, 5 nodes
    g.add_edges_from([("t1", "t2"), ("t2", "t3")])  # 3 nodes
    g.add_edges_from([("p1", "p2")])  # a pair
    g.add_nodes_from(["i1", "i2"])
    nodes = sorted(g.nodes)
    pos, caption, groups = layout.layout_positions(nodes, list(g.edges), seed=1)
    assert set(pos) == set(nodes) and len(set(pos.values())) == len(nodes)
    assert not {"m1", "m2", "m3", "m4", "m5"} & set(groups)
    assert groups == {"t1": 0, "t2": 0, "t3": 0, "p1": 1, "p2": 1, "i1": 2, "i2": 3}
    assert caption is not None and caption[1] < min(pos["i1"][1], pos["i2"][1])
    # the same pair shape recurs: its layout is reused and gives the same relative positions
    g.add_edges_from([("q1", "q2")])
    pos2, _, _ = layout.layout_positions(sorted(g.nodes), list(g.edges), seed=1)
    offset = np.subtract(pos2["p2"], pos2["p1"])
    assert np.array_equal(offset, np.subtract(pos2["q2"], pos2["q1"]))


@pytest.mark.parametrize(
    "graph",
    [
        nx.gnm_random_graph(300, 900, seed=5),  # integer ids: "10" sorts before "2"
        nx.relabel_nodes(nx.gnm_random_graph(200, 500, seed=6), lambda v: f"a{(v * 37) % 200:03d}"),
        nx.Graph([(1, "1"), ("1", 2), (2, 2), ("x", 1)]),  # two nodes with the same id as text
    ],
)
def test_sorted_ties_are_the_edge_list(graph: nx.Graph) -> None:
    from mintgraph.layout import edge_list

    graph.add_edge(next(iter(graph)), next(iter(graph)))  # a self-loop, left out
    for k, (u, v) in enumerate(graph.edges()):
        graph.edges[u, v]["k"] = k
    ids = sorted({str(v) for v in graph})
    index = {name: i for i, name in enumerate(ids)}
    a, b, attrs = gh._sorted_edges(graph, index)
    expected = edge_list(graph)
    assert [(ids[i], ids[j]) for i, j in zip(a.tolist(), b.tolist(), strict=True)] == [
        (x, y) for x, y, _ in expected
    ]
    assert all(got is want for got, (_, _, want) in zip(attrs(), expected, strict=True))
