"""The bundled example in data/: loads cleanly, and its metrics agree with igraph."""

from __future__ import annotations

from pathlib import Path

import igraph as ig
import pytest
from click.testing import CliRunner
from oracle import assert_matches_igraph

import mintgraph
from mintgraph.cli import cli
from mintgraph.export import OUTPUT_FILES
from mintgraph.graph import network_members

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def result():
    return mintgraph.analyze(mintgraph.load(DATA))


def test_example_is_valid_and_realistic(result):
    report = mintgraph.validate(DATA)
    assert report.ok, [str(p) for p in report.errors]
    s = result.summary
    assert 550 <= s["actors"] <= 650 and s["districts_with_actors"] == 26
    assert s["networks"] >= 6 and s["umbrella_networks"] >= 1
    assert 1000 <= s["ties"] <= s["cooperations"]


def test_example_centralities_agree_with_igraph(result):
    assert_matches_igraph(result.graph)


def test_example_network_density_and_ei_agree_with_igraph(result):
    graph = result.graph
    nodes = list(graph.nodes)
    index = {v: i for i, v in enumerate(nodes)}
    g = ig.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in graph.edges])
    members = network_members(result.dataset)
    table = result.networks.set_index("id")
    for nid, group in members.items():
        ids = sorted(index[v] for v in group)
        inside = set(ids)
        internal = g.induced_subgraph(ids).ecount() if ids else 0
        external = sum(1 for e in g.es if (e.source in inside) != (e.target in inside))
        row = table.loc[nid]
        assert (row.members, row.internal_ties, row.external_ties) == (len(ids), internal, external), nid
        if len(ids) >= 2:
            assert row.density == pytest.approx(g.induced_subgraph(ids).density(), abs=1e-12)
        if internal + external:
            assert row.ei_index == pytest.approx((external - internal) / (external + internal), abs=1e-12)


def test_readme_command_writes_every_file_from_the_example(tmp_path: Path):
    out = tmp_path / "output"
    run = CliRunner().invoke(cli, ["analyze", str(DATA), "-o", str(out)])
    assert run.exit_code == 0, run.output
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUT_FILES)
    actors = (out / "actors.csv").read_text(encoding="utf-8").splitlines()
    assert len(actors) - 1 == len(mintgraph.load(DATA).actors)
