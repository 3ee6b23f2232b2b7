"""``mintgraph.to_pyvis``: the example's graph as a pyvis network, checked against the analysis."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

import mintgraph
from mintgraph.views.graph_html import CROSS_DISTRICT_COLOR, EDGE_COLOR, TYPE_COLORS, actor_positions

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def example():
    return mintgraph.analyze(mintgraph.load(DATA), permutations=0)


def test_nodes_edges_colours_sizes_and_positions(example) -> None:
    net = mintgraph.to_pyvis(example)
    nodes = {n["id"]: n for n in net.nodes}
    actors = example.actors.set_index("id")
    assert set(nodes) == set(actors.index) and len(nodes) == 600
    positions = actor_positions(example.graph, example.actors, seed=42)  # the layout of graph.html
    degree = dict(example.graph.degree())
    top = max(degree.values())
    for actor_id, node in nodes.items():
        row = actors.loc[actor_id]
        assert node["label"] == row["name"] and node["color"] == TYPE_COLORS[row["type"]]
        assert (node["x"], node["y"]) == positions[actor_id] and node["physics"] is False
        expected = 9 + 27 * math.sqrt(degree[actor_id] / top) if degree[actor_id] else 9
        assert node["size"] == pytest.approx(expected, abs=0.05)
    edges = {tuple(sorted((e["from"], e["to"]))): e for e in net.edges}
    assert set(edges) == {tuple(sorted(e)) for e in example.graph.edges}
    region = actors["region"].to_dict()
    for (a, b), edge in edges.items():
        count = example.graph.edges[a, b]["count"]
        assert edge["width"] == pytest.approx(min(1 + 0.9 * (count - 1), 7), abs=0.05)
        assert edge["color"] == (CROSS_DISTRICT_COLOR if region[a] != region[b] else EDGE_COLOR)


def test_the_page_is_offline_escaped_and_personal_data_free(tmp_path: Path) -> None:
    from mintgraph.testing import TINY, write_tables

    records = {k: [dict(r) for r in v] for k, v in TINY.items()}
    records["actors"][0].update(name="<img src=x onerror=alert(1)>", email="a@example.org")
    result = mintgraph.analyze(mintgraph.load(write_tables(tmp_path / "data", records)), permutations=0)
    page = mintgraph.to_pyvis(result, notebook=False).generate_html()
    assert "a@example.org" not in page
    assert not re.search(r'<script[^>]+src="https?://', page)  # vis-network is inlined
    node = next(n for n in mintgraph.to_pyvis(result).nodes if n["id"] == "s1")
    assert node["title"].startswith("&lt;img src=x onerror=alert(1)&gt;\n")  # a tooltip is text
    shown = result._repr_html_()
    assert shown.startswith("<p>mintgraph analysis: 6 actors") and "<iframe srcdoc=" in shown
