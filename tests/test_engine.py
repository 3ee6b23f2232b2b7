"""The fast engine against networkx's own algorithms (the model), exact and sampled."""

from __future__ import annotations

import json
import math

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from mintgraph import engine
from mintgraph.analysis import STEPS, analyze
from mintgraph.cli import cli
from mintgraph.engine import Sampling
from mintgraph.graph import cooperation_graph
from mintgraph.testing import TINY, tiny_dataset, write_tables

TOL = 1e-9


def _with_isolates_and_components() -> nx.Graph:
    g = nx.gnm_random_graph(150, 170, seed=3)  # several components
    g.add_nodes_from(["iso1", "iso2"])
    g.add_edges_from([("p", "q"), ("q", "r")])
    return g


def _karate() -> nx.Graph:
    g = nx.karate_club_graph()
    for _, _, data in g.edges(data=True):
        data.pop("weight", None)
    return g


GRAPHS = {
    "tiny": lambda: cooperation_graph(tiny_dataset()),
    "karate": _karate,
    "florentine": nx.florentine_families_graph,
    "components": _with_isolates_and_components,
    "powerlaw": lambda: nx.powerlaw_cluster_graph(200, 3, 0.4, seed=5),
    "path": lambda: nx.path_graph(7),
    "single": lambda: nx.empty_graph(1),
    "pair": lambda: nx.path_graph(2),
    "empty": lambda: nx.empty_graph(0),
    "no_edges": lambda: nx.empty_graph(5),
}


def _reference(g: nx.Graph) -> dict[str, dict]:
    n = g.number_of_nodes()
    ref = {
        "betweenness": nx.betweenness_centrality(g, normalized=True),
        "closeness": nx.closeness_centrality(g, wf_improved=True),
        "harmonic_closeness": {
            v: h / (n - 1) if n > 1 else 0.0 for v, h in nx.harmonic_centrality(g).items()
        },
        "clustering": nx.clustering(g),
        "triangles": nx.triangles(g),
        "core_number": nx.core_number(g),
    }
    if n:
        ref["constraint"] = nx.constraint(g, weight=None)
        ref["effective_size"] = nx.effective_size(g, weight=None)
    return ref


def _assert_close(got: dict, want: dict, tol: float = TOL) -> None:
    assert list(got) == list(want) or set(got) == set(want)
    for v, w in want.items():
        if isinstance(w, float) and math.isnan(w):
            assert math.isnan(got[v]), v
        else:
            assert got[v] == pytest.approx(w, abs=tol), v


@pytest.mark.parametrize("name", list(GRAPHS))
def test_exact_measures_equal_networkx(name):
    g = GRAPHS[name]()
    for measure, want in _reference(g).items():
        got = getattr(engine, measure)(g)
        _assert_close(got, want)
    assert engine.articulation_points(g) == set(nx.articulation_points(g))
    assert engine.number_of_components(g) == nx.number_connected_components(g)


@pytest.mark.parametrize("name", list(GRAPHS))
def test_network_level_helpers_equal_networkx(name):
    # average clustering, component sizes and the robustness removal of the network indicators
    g = GRAPHS[name]()
    nodes = list(g)
    if nodes:
        assert engine.average_clustering(g) == pytest.approx(nx.average_clustering(g), abs=1e-12)
    else:
        assert math.isnan(engine.average_clustering(g))
    sizes = engine.component_sizes(g)
    assert sorted(sizes.tolist()) == sorted(len(c) for c in nx.connected_components(g))
    assert len(sizes) == engine.number_of_components(g)
    removed = [i for i in (0, 3) if i < len(nodes)]
    rest = g.copy()
    rest.remove_nodes_from([nodes[i] for i in removed])
    expected = max((len(c) for c in nx.connected_components(rest)), default=0)
    assert engine.largest_component_without(g, np.array(removed, dtype=int)) == expected


@pytest.mark.parametrize("name", list(GRAPHS))
def test_subgraph_by_mask_equals_networkx_subgraph(name):
    g = GRAPHS[name]()
    eg = engine.engine_graph(g)
    mask = np.random.default_rng(3).random(eg.n) < 0.6
    sub = eg.subgraph(mask)
    members = [v for v, keep in zip(eg.nodes, mask.tolist(), strict=True) if keep]
    h = g.subgraph(members)
    assert sub.nodes == tuple(members) == tuple(h)
    pairs = {frozenset((sub.nodes[i], sub.nodes[j])) for i, j in sub.edges.tolist()}
    assert pairs == {frozenset(e) for e in h.edges}
    assert sub.degree.tolist() == [h.degree(v) for v in h]
    assert engine.engine_graph(sub) is sub
    for measure, want in _reference(h).items():
        _assert_close(getattr(engine, measure)(sub), want)
    assert engine.number_of_components(sub) == nx.number_connected_components(h)


def test_subgraph_betweenness_by_hand():
    # the first five of a path of seven: a-b-c-d-e, b lies on 3 of the 6 pairs without it, c on 4
    eg = engine.engine_graph(nx.path_graph(7))
    values = engine.betweenness(eg.subgraph(np.arange(7) < 5))
    assert list(values.values()) == pytest.approx([0, 3 / 6, 4 / 6, 3 / 6, 0])
    assert list(engine.betweenness(eg.subgraph(np.arange(7) < 2)).values()) == [0.0, 0.0]


@pytest.mark.parametrize("name", ["tiny", "karate", "components", "powerlaw", "no_edges", "pair"])
def test_pagerank_equals_networkx_with_dangling_nodes(name):
    g = GRAPHS[name]()
    want = nx.pagerank(g, alpha=0.85, weight=None, tol=1e-14, max_iter=10_000)
    _assert_close(engine.pagerank(g), want)


def test_published_values_through_the_engine():
    # Zachary's karate club: the instructor's betweenness 0.4376; Medici 0.5220 (Padgett)
    assert engine.betweenness(_karate())[0] == pytest.approx(0.43763528, abs=1e-8)
    assert engine.betweenness(nx.florentine_families_graph())["Medici"] == pytest.approx(0.52197802, abs=1e-8)


def test_tiny_by_hand():
    g = cooperation_graph(tiny_dataset())
    # u1 reaches 4 others at distances 1,1,1,2; harmonic (1+1+1+1/2)/5
    assert engine.harmonic_closeness(g)["u1"] == pytest.approx(3.5 / 5)
    assert engine.closeness(g)["u1"] == pytest.approx((4 / 5) * (4 / 5))
    assert math.isnan(engine.constraint(g)["m1"]) and math.isnan(engine.effective_size(g)["m1"])
    assert engine.articulation_points(g) == {"u1", "c1"}


@settings(max_examples=40, deadline=None)
@given(
    st.integers(min_value=0, max_value=40).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.lists(st.tuples(st.integers(0, max(n - 1, 0)), st.integers(0, max(n - 1, 0))), max_size=80),
        )
    )
)
def test_random_graphs_equal_networkx(case):
    n, pairs = case
    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_edges_from((u, v) for u, v in pairs if u != v and n)
    for measure, want in _reference(g).items():
        _assert_close(getattr(engine, measure)(g), want)
    assert engine.articulation_points(g) == set(nx.articulation_points(g))


def test_cache_follows_the_graph():
    g = nx.path_graph(4)
    first = engine.engine_graph(g)
    assert engine.engine_graph(g) is first
    g.add_edge(0, 3)  # one more edge: rebuilt
    assert engine.engine_graph(g) is not first
    assert engine.betweenness(g) == nx.betweenness_centrality(nx.cycle_graph(4))


def test_self_loops_are_ignored_like_networkx_betweenness():
    g = nx.path_graph(4)
    g.add_edge(1, 1)
    _assert_close(engine.betweenness(g), nx.betweenness_centrality(g))


def test_directed_graphs_are_refused():
    with pytest.raises(nx.NetworkXNotImplemented):
        engine.betweenness(nx.DiGraph([(1, 2)]))


def test_distance_sums_in_small_batches(monkeypatch):
    # several batches and words per batch give the same sums as one search per source
    monkeypatch.setattr(engine, "WORD_BATCH", 1)
    g = _with_isolates_and_components()
    eg = engine.engine_graph(g)
    dist, reach, inverse = engine.distance_sums(eg, np.flatnonzero(eg.degree > 0))
    for i, v in enumerate(eg.nodes):
        lengths = nx.single_source_shortest_path_length(g, v)
        assert dist[i] == sum(lengths.values())
        assert reach[i] == len(lengths) - 1
        assert inverse[i] == pytest.approx(math.fsum(1 / d for d in lengths.values() if d), abs=1e-12)


# --- sampled estimates ---------------------------------------------------------------------------

SAMPLED = Sampling(epsilon_betweenness=0.02, epsilon_closeness=0.15, delta=0.1, seed=1)


def _sampled_graph() -> nx.Graph:
    g = nx.powerlaw_cluster_graph(400, 3, 0.3, seed=11)
    g.add_nodes_from(range(400, 405))  # isolated
    g.add_edges_from([(405, 406), (406, 407)])  # a small component: computed exactly
    return g


def _errors(g: nx.Graph, sampling: Sampling) -> tuple[float, float, float, float]:
    """Largest betweenness error, its bound, largest average-distance error / (ε Δ r/(r-1)), harmonic error."""
    n = g.number_of_nodes()
    exact_b = nx.betweenness_centrality(g)
    est_b = engine.betweenness(g, sampling)
    b_err = max(abs(est_b[v] - exact_b[v]) for v in g)
    b_bound = sampling.epsilon_betweenness * n / (2 * (n - 2))
    # closeness: compare the average distance within the component, which the bound is about
    est_c = engine.closeness(g, sampling)
    est_h = engine.harmonic_closeness(g, sampling)
    exact_h = engine.harmonic_closeness(g)
    eps = sampling.epsilon_closeness
    ratio = 0.0
    for comp in nx.connected_components(g):
        r = len(comp)
        if r < 2:
            continue
        diameter = nx.diameter(g.subgraph(comp))
        for v in comp:
            exact_avg = sum(nx.single_source_shortest_path_length(g, v).values()) / (r - 1)
            est_avg = (r - 1) / ((n - 1) * est_c[v])
            ratio = max(ratio, abs(est_avg - exact_avg) / (eps * diameter * r / (r - 1)))
    h_err = max(abs(est_h[v] - exact_h[v]) for v in g) / (eps * n / (n - 1))
    return b_err, b_bound, ratio, h_err


def test_sampled_estimates_within_the_documented_bound():
    g = _sampled_graph()
    k = SAMPLED.closeness_sources(g.number_of_nodes())
    assert k < 400  # the big component is really sampled
    info_b, info_c = {}, {}
    engine.betweenness(g, SAMPLED, info=info_b)
    engine.closeness(g, SAMPLED, info=info_c)
    assert info_b["algorithm"].startswith("KADABRA") and info_b["samples"] > 0
    assert info_c == {"algorithm": "sampled sources (Eppstein-Wang)", "sources": k}
    b_err, b_bound, c_ratio, h_ratio = _errors(g, SAMPLED)
    assert b_err <= b_bound
    assert c_ratio <= 1.0
    assert h_ratio <= 1.0
    # not trivially exact: the estimates do differ from the exact values
    assert b_err > 0 and c_ratio > 0


def test_sampled_bound_holds_over_seeds():
    g = _sampled_graph()
    failures = 0
    for seed in range(8):
        b_err, b_bound, c_ratio, h_ratio = _errors(g, Sampling(0.02, 0.15, 0.1, seed))
        failures += b_err > b_bound or c_ratio > 1 or h_ratio > 1
    assert failures <= 1  # each bound may fail with probability δ = 0.1


def test_sampled_is_reproducible_and_small_components_exact():
    g = _sampled_graph()
    first = engine.betweenness(g, SAMPLED), engine.closeness(g, SAMPLED)
    engine._CACHE.clear()
    again = engine.betweenness(g, SAMPLED), engine.closeness(g, SAMPLED)
    assert first == again
    exact = nx.closeness_centrality(g)
    for v in (405, 406, 407, 400):
        assert first[1][v] == pytest.approx(exact[v], abs=TOL)
    other_seed = engine.betweenness(g, Sampling(0.02, 0.15, 0.1, seed=2))
    assert other_seed != first[0]


@pytest.mark.parametrize(
    "g",
    [
        nx.complete_graph(4),
        nx.Graph([(0, 1), (2, 3)]),
        nx.disjoint_union(nx.complete_graph(3), nx.empty_graph(2)),
    ],
)
def test_sampled_betweenness_of_cliques_is_exactly_zero(g):
    # no node lies between two others; networkit's KADABRA would never stop on such a graph
    # (a network whose members all cooperate with each other is common)
    info = {}
    assert set(engine.betweenness(g, SAMPLED, info=info).values()) == {0.0}
    assert info == {"algorithm": "exact (Brandes, igraph)"}


def test_sampling_with_enough_sources_is_exact():
    g = _karate()
    loose = Sampling(epsilon_closeness=0.05)  # k far above 34 nodes
    info = {}
    _assert_close(engine.closeness(g, loose, info=info), nx.closeness_centrality(g))
    assert info == {"algorithm": "exact (all sources)"}


def test_sampling_for_threshold():
    assert engine.sampling_for(engine.SAMPLING_THRESHOLD, None) is None
    assert engine.sampling_for(engine.SAMPLING_THRESHOLD + 1, None) == Sampling(seed=42)
    assert engine.sampling_for(10**6, True) is None
    assert engine.sampling_for(3, False, seed=7) == Sampling(seed=7)
    # k = ceil(ln(2n/δ) / (2ε²)): n = 1000, δ = 0.1, ε = 0.05 → ln(20000)/0.005 = 1980.7
    assert Sampling().closeness_sources(1000) == 1981


# --- analyze: the exact switch, the summary and the CLI --------------------------------------


def test_analyze_exact_switch_and_summary(monkeypatch):
    ds = tiny_dataset()
    exact = analyze(ds)
    assert exact.summary["centrality"] == {
        "method": "exact",
        "sampling_threshold": engine.SAMPLING_THRESHOLD,
        "betweenness": "exact (Brandes, igraph)",
        "closeness": "exact (all sources)",
    }
    sampled = analyze(ds, exact=False, seed=3)
    assert analyze(ds, exact=False, seed=3).actors.equals(sampled.actors)  # reproducible
    record = sampled.summary["centrality"]
    assert record["method"] == "sampled" and record["betweenness"] == "KADABRA (networkit)"
    assert record["betweenness_epsilon"] == 0.01 and record["delta"] == 0.1 and record["seed"] == 3
    assert record["betweenness_samples"] > 0
    assert record["closeness_sources"] == 0  # k > 6 actors: closeness stays exact
    n = len(ds.actors)
    bound = 0.01 * n / (2 * (n - 2))
    diff = (sampled.actors["betweenness"] - exact.actors["betweenness"]).abs().max()
    assert diff <= bound
    assert sampled.actors["closeness"].tolist() == pytest.approx(exact.actors["closeness"].tolist(), abs=TOL)
    # above the threshold, None means sampled; True stays exact
    monkeypatch.setattr(engine, "SAMPLING_THRESHOLD", 5)
    assert analyze(ds).summary["centrality"]["method"] == "sampled"
    assert analyze(ds, exact=True).summary["centrality"]["method"] == "exact"


def test_analyze_summary_json_and_cli_exact(tmp_path):
    tiny = write_tables(tmp_path / "data", TINY)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["analyze", "--lang", "en", str(tiny), "-o", str(out), "--exact"])
    assert result.exit_code == 0, result.output
    assert "betweenness and closeness: exact" in result.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["centrality"]["method"] == "exact"
    assert "\r" not in result.output  # no progress bar: CliRunner's stderr is not a terminal


def test_cli_prints_sampling(tmp_path, monkeypatch):
    monkeypatch.setattr(engine, "SAMPLING_THRESHOLD", 5)
    tiny = write_tables(tmp_path / "data", TINY)
    result = CliRunner().invoke(cli, ["analyze", "--lang", "en", str(tiny), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "betweenness and closeness: sampled (--exact computes them exactly)" in result.output
    assert "KADABRA within ±0.01" in result.output
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["centrality"]["method"] == "sampled"


def test_progress_bar_on_request(monkeypatch, capsys):
    import tqdm

    shown = []

    class Eager(tqdm.tqdm):
        def __init__(self, *args, **kwargs):
            kwargs["delay"] = 0  # show at once (the real bar waits a second)
            super().__init__(*args, **kwargs)
            shown.append(self)

    monkeypatch.setattr(tqdm, "tqdm", Eager)
    analyze(tiny_dataset(), progress=True, permutations=0)
    assert len(shown) == 1 and shown[0].n == len(STEPS) == 9
    assert "scorecard" in capsys.readouterr().err
    analyze(tiny_dataset(), permutations=0)  # stderr is captured, not a terminal: no bar
    assert len(shown) == 1


@pytest.mark.parametrize("seed", [1, 2])
def test_the_cooperation_graphs_primed_engine_copy_is_the_one_networkx_gives(tmp_path, seed: int) -> None:
    """cooperation_graph primes the engine copy from its arrays, before networkx gets the ties
    (``on_engine`` receives it then), and engine_graph returns it afterwards; it must equal the
    copy made by walking networkx (node order, tie order: sampled betweenness depends on it),
    and so must the numeric edge attributes it was given."""
    import mintgraph
    from mintgraph import engine
    from mintgraph.graph import cooperation_graph

    mintgraph.generate(tmp_path, n_actors=400, n_regions=5, seed=seed)
    dataset = mintgraph.load(tmp_path)
    dataset.actors = dataset.actors.sample(frac=1, random_state=seed).reset_index(drop=True)  # any order
    seen: list[engine.EngineGraph] = []
    graph = cooperation_graph(dataset, on_engine=seen.append)  # primed before networkx's nodes
    primed = engine._CACHE[graph]
    assert seen == [primed] and engine.engine_graph(graph) is primed  # kept once the edges are in
    numbers = ("count", "weight", "first_year", "last_year")
    given = {name: engine.edge_attribute(graph, name) for name in numbers}  # from the arrays
    assert given["count"].max() > 1 and len(np.unique(given["first_year"])) > 1  # not trivially equal
    del engine._CACHE[graph]
    fresh = engine.engine_graph(graph)
    assert primed is not fresh and primed.nodes == fresh.nodes
    for name in ("edges", "indptr", "indices", "degree", "component", "component_size"):
        assert np.array_equal(getattr(primed, name), getattr(fresh, name)), name
    for name in numbers:  # the edge attributes walked from networkx's edge dicts
        walked = engine.edge_attribute(graph, name)
        assert walked is not given[name] and np.array_equal(walked, given[name]), name


@pytest.mark.parametrize("kind", [nx.Graph, nx.MultiGraph])
def test_tie_end_labels_and_pair_counts_match_a_walk_over_the_ties(kind: type) -> None:
    """The ends' labels read from the engine copy (a multigraph walked) count the pairs that a walk
    over ``graph.edges()`` counts; self-loops and ties between two ids equal as text left out."""
    from collections import Counter

    from mintgraph.engine import label_pair_counts, tie_end_labels

    rng = np.random.default_rng(4)
    graph = kind(nx.gnm_random_graph(300, 900, seed=3))
    graph = nx.relabel_nodes(graph, {v: str(v) for v in range(0, 300, 2)})  # ids of two types
    graph.add_edges_from([("4", "4"), (5, "5"), (7, "7")])  # a self-loop, ids equal as text
    label_of = {str(v): str(rng.integers(0, 6)) if rng.random() < 0.9 else "" for v in range(300)}
    first, second = tie_end_labels(graph, label_of)
    walked = [
        (label_of.get(str(u), ""), label_of.get(str(v), "")) for u, v in graph.edges() if str(u) != str(v)
    ]
    assert sorted(zip(first.tolist(), second.tolist(), strict=True)) == sorted(walked)
    expected = Counter((min(a, b), max(a, b)) for a, b in walked if a and b and a != b)
    assert label_pair_counts(first, second) == dict(sorted(expected.items()))
    assert list(label_pair_counts(first, second)) == sorted(expected)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 30), st.lists(st.tuples(st.integers(0, 29), st.integers(0, 29)), max_size=80))
def test_number_of_edges_and_the_landscape_figures_equal_networkx(
    n: int, pairs: list[tuple[int, int]]
) -> None:
    """The edge count from the engine copy (self-loops included) and the landscape's density
    equal networkx's, on random graphs with ties of a node to itself and isolated nodes."""
    from mintgraph.metrics.landscape import _density

    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    graph.add_edges_from((u, v) for u, v in pairs if u < n and v < n)
    assert engine.number_of_edges(graph) == graph.number_of_edges()
    density = _density(graph.number_of_nodes(), engine.number_of_edges(graph))
    assert density == nx.density(graph) and type(density) is type(nx.density(graph))


def test_the_landscape_summary_counts_self_loops_as_networkx_does() -> None:
    """A cooperation of an actor with itself is a tie in ``ties`` and in the density, as in
    networkx, and crosses no district."""
    from mintgraph.graph import cooperation_graph
    from mintgraph.metrics.landscape import landscape_summary
    from mintgraph.testing import tiny_dataset

    ds = tiny_dataset()
    ds.cooperations.loc[len(ds.cooperations)] = ds.cooperations.iloc[0]
    ds.cooperations.loc[len(ds.cooperations) - 1, "target"] = ds.cooperations.loc[0, "source"]
    graph = cooperation_graph(ds)
    assert nx.number_of_selfloops(graph) == 1
    figures = landscape_summary(graph, ds)
    assert figures["ties"] == graph.number_of_edges() == 6
    assert figures["density"] == nx.density(graph)
    assert figures["cross_district_share"] == 3 / 6  # tiny: 3 of its 5 ties cross districts


def test_the_cooperation_graph_is_the_one_add_edges_from_builds(tmp_path, monkeypatch) -> None:
    """cooperation_graph puts its ties into networkx's adjacency directly: the graph equals the
    one ``add_edges_from`` builds — the same nodes and edges with their attributes, in the same
    order for every node's partners, both ends sharing one dict — with a tie of an actor to itself."""
    import mintgraph
    from mintgraph import graph as graph_module

    mintgraph.generate(tmp_path, n_actors=400, n_regions=5, seed=3)
    dataset = mintgraph.load(tmp_path)
    loop = dataset.cooperations.iloc[[0]].assign(target=dataset.cooperations["source"].iloc[0])
    dataset.cooperations = pd.concat([dataset.cooperations, loop], ignore_index=True)
    direct = cooperation_graph(dataset)
    monkeypatch.setattr(graph_module, "_add_distinct_edges", lambda graph, edges: graph.add_edges_from(edges))
    built = cooperation_graph(dataset)
    assert nx.number_of_selfloops(direct) == 1 and direct.number_of_edges() == built.number_of_edges()
    assert list(direct.nodes(data=True)) == list(built.nodes(data=True))
    assert [(v, list(partners.items())) for v, partners in direct.adj.items()] == [
        (v, list(partners.items())) for v, partners in built.adj.items()
    ]
    assert all(direct.adj[u][v] is direct.adj[v][u] for u, v in direct.edges)


def test_a_repeated_actor_id_gives_one_node_and_no_engine_copy_in_advance() -> None:
    """With an id twice in the actors (a dataset not from :func:`mintgraph.load`), the graph has
    the id once, as networkx makes it, and the engine copy is not made from the table's order."""
    from dataclasses import replace

    dataset = tiny_dataset()
    doubled = replace(
        dataset, actors=pd.concat([dataset.actors, dataset.actors.iloc[[0]]], ignore_index=True)
    )
    seen: list[engine.EngineGraph] = []
    graph = cooperation_graph(doubled, on_engine=seen.append)
    plain = cooperation_graph(dataset)
    assert seen == [] and list(graph.nodes) == list(plain.nodes)
    assert sorted(graph.edges(data=True)) == sorted(plain.edges(data=True))
