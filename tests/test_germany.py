"""The shipped district data of all of Germany, checked against the reference files it was copied from."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from mintgraph.regions import (
    GERMANY_DISTRICTS,
    GERMANY_LAENDER,
    germany_boundaries,
    germany_districts,
    germany_neighbours,
    shipped_regions_path,
)

REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference"


def _reference_rows(name: str) -> list[dict[str, str]]:
    with open(REFERENCE / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_counts_of_districts_laender_and_polygons():
    rows = germany_districts()
    assert len(rows) == GERMANY_DISTRICTS == len({r["ags"] for r in rows})
    assert len({r["land_code"] for r in rows}) == GERMANY_LAENDER
    assert len(germany_boundaries()["features"]) == GERMANY_DISTRICTS
    assert len(germany_boundaries("laender")["features"]) == GERMANY_LAENDER
    assert sum(int(r["population"]) for r in rows) == pytest.approx(83_237_124, abs=0)  # Destatis 31.12.2021


def test_known_populations_and_lands():
    rows = {r["ags"]: r for r in germany_districts()}
    assert rows["11000"]["name"] == "Berlin" and rows["11000"]["population"] == "3677472"
    assert rows["09162"]["name"] == "München" and rows["09162"]["land_name"] == "Bayern"
    assert rows["16063"]["name"] == "Wartburgkreis"  # with Eisenach since 01.07.2021
    assert "16056" not in rows


def test_hessen_rows_are_the_shipped_hessen_values():
    germany = {r["ags"]: r for r in germany_districts()}
    with open(shipped_regions_path(), encoding="utf-8", newline="") as fh:
        hessen = list(csv.DictReader(fh))
    assert len(hessen) == 26
    neighbours = germany_neighbours()
    for row in hessen:
        g = germany[row["code"]]
        assert (g["name"], g["population"], g["area_km2"]) == (
            row["name"],
            row["population"],
            row["area_km2"],
        )
        inside = {c for c in neighbours[row["code"]] if c.startswith("06")}
        assert inside == set(row["neighbours"].split("|")), row["code"]


def test_adjacency_within_and_across_laender():
    neighbours = germany_neighbours()
    assert "06633" in neighbours["06611"]  # Kassel (Stadt) – Kassel (Landkreis)
    assert {"09672", "09673", "16063", "16066"} <= neighbours["06631"]  # Fulda: Bayern and Thüringen
    assert "16063" in neighbours["06636"]  # Werra-Meißner – Wartburgkreis
    assert "11000" not in neighbours["06412"]
    assert all(a in neighbours[b] for a, others in neighbours.items() for b in others)  # symmetric
    pairs = sum(len(v) for v in neighbours.values()) // 2
    assert pairs == 1040


@pytest.mark.skipif(
    not REFERENCE.is_dir(), reason="the shared reference folder is not next to the repository"
)
def test_shipped_files_equal_the_reference_files():
    assert germany_districts() == _reference_rows("germany_kreise.csv")
    with open(REFERENCE / "germany_laender.geojson", encoding="utf-8") as fh:
        assert germany_boundaries("laender") == json.load(fh)
    reference_pairs = {(r["ags_a"], r["ags_b"]) for r in _reference_rows("germany_adjacency.csv")}
    shipped = {(a, b) for a, others in germany_neighbours().items() for b in others if a < b}
    assert shipped == reference_pairs


def test_a_dataset_across_three_laender_needs_no_regions_csv(tmp_path: Path):
    """Actors in Hessen (06), Thüringen (16) and Nordrhein-Westfalen (05), no regions.csv."""
    import mintgraph
    from mintgraph.testing import ACROSS_LAENDER, write_tables

    folder = write_tables(tmp_path / "data", ACROSS_LAENDER)
    report = mintgraph.validate(folder)
    assert report.ok, report.errors
    assert not [w for w in report.warnings if "outside" in w.message]
    result = mintgraph.analyze(report.dataset, permutations=0)
    regions = result.regions.set_index("code")
    population = {r["ags"]: int(r["population"]) for r in germany_districts()}
    for code in ("06636", "16063", "05315", "06631"):
        assert regions.at[code, "population"] == population[code]
        assert regions.at[code, "actors_per_100k"] == pytest.approx(
            100_000 * regions.at[code, "actors"] / population[code]
        )
    assert (
        regions.at["16063", "group"] == "Thüringen" and regions.at["05315", "group"] == "Nordrhein-Westfalen"
    )
    # the Werra-Meißner school's tie to Eisenach runs to a neighbour across the Land border
    assert regions.at["06636", "ties_to_neighbours"] == 1 and regions.at["16063", "ties_to_neighbours"] == 2
    # ties across Länder: wmk-schule–lab (06–16), hs–lab (06–16), firma–hs (05–06): every tie
    assert result.summary["cross_land_share"] == 1.0
    assert (
        regions.at["06636", "ties_to_other_laender"] == 1
        and regions.at["06631", "ties_to_other_laender"] == 2
    )
    assert (
        regions.at["16063", "ties_to_other_laender"] == 2
        and regions.at["05315", "ties_to_other_laender"] == 1
    )
    partners = result.actors.set_index("id")["cross_land_partners"]
    assert partners.to_dict() == {"wmk-schule": 1, "wmk-verein": 0, "lab": 2, "hs": 2, "firma": 1}
    assert result.networks.set_index("id").at["grenz", "cross_land_share"] == 1.0
    shown = {f["properties"]["ags"] for f in report.dataset.boundaries["features"]}
    assert {"06636", "16063", "05315"} <= shown and len(shown) == 28  # Hessen's 26 and the two others
    # the Hessen example itself is untouched: exactly the 26 shipped districts, no tie across a Land
    example = mintgraph.analyze(mintgraph.load(Path(__file__).resolve().parents[1] / "data"), permutations=0)
    assert len(example.regions) == 26 and example.summary["cross_land_share"] == 0.0
    assert example.regions["ties_to_other_laender"].sum() == 0


def test_generate_on_the_real_districts_of_one_land_and_of_germany(tmp_path: Path):
    from click.testing import CliRunner

    import mintgraph
    from mintgraph.cli import cli

    thueringen = {r["ags"] for r in germany_districts() if r["land_code"] == "16"}
    out = tmp_path / "th"
    result = CliRunner().invoke(cli, ["generate", str(out), "--actors", "800", "--land", "16"])
    assert result.exit_code == 0, result.output
    assert not (out / "regions.csv").exists()  # real codes: the shipped Germany data resolves them
    dataset = mintgraph.load(out)
    assert set(dataset.actors["region"]) <= thueringen and set(dataset.regions["code"]) <= thueringen
    assert len(dataset.regions) >= 15 and set(dataset.regions["group"]) == {"Thüringen"}
    assert {f["properties"]["ags"] for f in dataset.boundaries["features"]} == set(dataset.regions["code"])
    analysis = mintgraph.analyze(dataset, permutations=0)
    assert analysis.summary["cross_land_share"] == 0.0  # one Land: no tie crosses a Land border
    everywhere = tmp_path / "de"
    result = CliRunner().invoke(cli, ["generate", str(everywhere), "--actors", "3000", "--land", "all"])
    assert result.exit_code == 0, result.output
    dataset = mintgraph.load(everywhere)
    assert len({code[:2] for code in dataset.regions["code"]}) == 16  # every Land has actors
    assert mintgraph.analyze(dataset, permutations=0).summary["cross_land_share"] > 0
