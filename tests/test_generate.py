"""`mintgraph generate`: synthetic landscapes of any size (mintgraph.synth.generate_synthetic)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

import mintgraph
from mintgraph.cli import cli
from mintgraph.schema import ACTOR_TYPES, COOPERATION_TYPES
from mintgraph.synth import generate_synthetic, hessen_subset, synthetic_regions


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def run_generate(folder: Path, *args: str) -> None:
    result = CliRunner().invoke(cli, ["generate", str(folder), *args])
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def big() -> dict[str, pd.DataFrame]:
    """5,000 actors in 40 districts of a synthetic state."""
    return generate_synthetic(5000, 40, seed=3)


def graph_of(tables: dict[str, pd.DataFrame]) -> nx.Graph:
    coops = tables["cooperations"]
    graph = nx.Graph()
    graph.add_nodes_from(tables["actors"]["id"])
    graph.add_edges_from(zip(coops["source"], coops["target"], strict=True))
    return graph


def test_same_seed_gives_identical_bytes_and_another_seed_other_bytes(tmp_path: Path):
    run_generate(tmp_path / "a", "--actors", "300", "--regions", "30", "--seed", "5")
    run_generate(tmp_path / "b", "--actors", "300", "--regions", "30", "--seed", "5")
    run_generate(tmp_path / "c", "--actors", "300", "--regions", "30", "--seed", "6")
    a, b, c = digest(tmp_path / "a"), digest(tmp_path / "b"), digest(tmp_path / "c")
    assert a == b
    assert a["cooperations.csv"] != c["cooperations.csv"]
    assert a["actors.csv"] != c["actors.csv"]


def test_hessen_folder_validates_and_has_the_requested_counts(tmp_path: Path):
    run_generate(tmp_path, "--actors", "800", "--regions", "5", "--seed", "2")
    assert not (tmp_path / "regions.csv").exists()  # Hessen's shipped districts are used
    report = mintgraph.validate(tmp_path)
    assert report.ok and not report.warnings, [str(p) for p in report.problems[:3]]
    dataset = report.dataset
    assert len(dataset.actors) == 800
    assert len(dataset.cooperations) == 4000
    assert set(dataset.actors["region"]) == set(hessen_subset(5)["code"])
    assert set(dataset.actors["type"]) <= set(ACTOR_TYPES)
    assert set(dataset.cooperations["type"]) <= set(COOPERATION_TYPES)
    assert (dataset.cooperations["source"] != dataset.cooperations["target"]).all()


def test_cooperations_per_actor_option(tmp_path: Path):
    run_generate(tmp_path, "--actors", "100", "--regions", "3", "--cooperations-per-actor", "2.5")
    assert len(pd.read_csv(tmp_path / "cooperations.csv")) == 250


def test_more_than_26_districts_write_a_regions_table_that_analyses(tmp_path: Path):
    run_generate(tmp_path, "--actors", "400", "--regions", "30", "--seed", "1")
    regions = pd.read_csv(tmp_path / "regions.csv", dtype=str, keep_default_na=False)
    assert len(regions) == 30 and regions["code"].str.match(r"^9\d{4}$").all()
    result = CliRunner().invoke(cli, ["analyze", str(tmp_path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    out_regions = pd.read_csv(tmp_path / "out" / "regions.csv", dtype={"code": str})
    assert sorted(out_regions["code"]) == sorted(regions["code"])
    actors = pd.read_csv(tmp_path / "actors.csv", dtype=str)
    per_district = actors["region"].value_counts()
    assert (
        out_regions.set_index("code")["actors"].to_dict()
        == per_district.reindex(out_regions["code"], fill_value=0).to_dict()
    )


def test_synthetic_regions_form_a_grid():
    r = synthetic_regions(10).set_index("code")  # 4 columns: rows 90001-4, 90005-8, 90009-10
    assert r.loc["90001", "neighbours"] == "90002|90005"
    assert r.loc["90006", "neighbours"] == "90002|90005|90007|90010"
    assert r.loc["90010", "neighbours"] == "90006|90009"
    # symmetric
    pairs = {(c, nb) for c, cell in r["neighbours"].items() for nb in cell.split("|")}
    assert all((nb, c) in pairs for c, nb in pairs)


def test_hessen_subset_is_connected_and_keeps_only_inner_borders():
    sub = hessen_subset(8)
    codes = set(sub["code"])
    graph = nx.Graph()
    graph.add_nodes_from(codes)
    for code, cell in zip(sub["code"], sub["neighbours"], strict=True):
        for nb in filter(None, cell.split("|")):
            assert nb in codes
            graph.add_edge(code, nb)
    assert len(codes) == 8 and nx.is_connected(graph)
    assert "06412" in codes  # grown from Frankfurt, the most populous district


def test_degrees_are_heavy_tailed(big):
    degrees = np.array([d for _, d in graph_of(big).degree()])
    assert degrees.min() >= 1  # every actor has a partner
    assert degrees.max() > 8 * degrees.mean()
    # far more high-degree actors than a Poisson graph of the same mean degree would have
    assert (degrees > 3 * degrees.mean()).mean() > 0.01


def test_ties_are_mostly_local_with_some_long_range_bridges(big):
    region = big["actors"].set_index("id")["region"]
    neighbours = {
        c: set(cell.split("|"))
        for c, cell in zip(big["regions"]["code"], big["regions"]["neighbours"], strict=True)
    }
    coops = big["cooperations"]
    a, b = coops["source"].map(region), coops["target"].map(region)
    same = (a == b).to_numpy()
    adjacent = np.array([y in neighbours[x] for x, y in zip(a, b, strict=True)])
    far = ~same & ~adjacent
    assert same.mean() > 0.6
    assert 0.005 < far.mean() < 0.15


def test_networks_umbrellas_memberships_and_years(big):
    networks = big["networks"]
    regional = networks[networks["regions"] != ""]
    umbrellas = networks[networks["regions"] == ""]
    assert len(regional) == 10  # one per four districts
    assert set(regional["parent"]) <= set(umbrellas["id"])
    assert (umbrellas["parent"] == "").sum() == 1  # one national umbrella on top
    members = big["memberships"].merge(big["actors"], left_on="actor_id", right_on="id")
    covered = dict(zip(networks["id"], networks["regions"].str.split("|"), strict=True))
    assert all(r in covered[n] for n, r in zip(members["network_id"], members["region"], strict=True))
    founded = networks.set_index("id")["founded"].astype(int)
    assert (members["since"].astype(int) >= members["network_id"].map(founded)).all()
    coordinators = regional.set_index("id")["coordinator"]
    roles = big["memberships"].set_index(["network_id", "actor_id"])["role"]
    assert all(roles[(n, c)] == "coordinator" for n, c in coordinators.items())
    years = big["cooperations"]["since"].astype(int)
    assert years.between(2011, 2026).all()
    assert (years >= 2020).mean() > (years < 2017).mean()  # more ties in recent years


def test_activities_come_mostly_from_out_of_school_actors(big):
    provider_type = big["activities"]["provider"].map(big["actors"].set_index("id")["type"])
    assert len(big["activities"]) == 4000
    assert (provider_type != "school").mean() > 0.8


@pytest.mark.parametrize(("actors", "regions"), [(2, 1), (3, 30), (20, 100), (50, 1)])
def test_tiny_and_odd_sizes_still_validate(tmp_path: Path, actors: int, regions: int):
    mintgraph.generate(tmp_path, n_actors=actors, n_regions=regions, seed=1)
    report = mintgraph.validate(tmp_path)
    assert report.ok and not report.warnings
    assert len(report.dataset.actors) == actors
    assert len(report.dataset.cooperations) == 5 * actors


def test_bad_sizes_are_usage_errors(tmp_path: Path):
    result = CliRunner().invoke(cli, ["generate", str(tmp_path), "--actors", "1"])
    assert result.exit_code == 2 and "--actors" in result.output
    result = CliRunner().invoke(cli, ["generate", str(tmp_path), "--actors", "10", "--regions", "0"])
    assert result.exit_code == 2
    with pytest.raises(ValueError, match="n_regions"):
        synthetic_regions(10_000)
