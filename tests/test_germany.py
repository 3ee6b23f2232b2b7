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
    # one row per Land touched, counted by hand: the three ties all cross a Land border, and
    # each runs between bordering Länder (Hessen borders Thüringen and Nordrhein-Westfalen)
    laender = result.laender.set_index("code")
    assert list(laender.index) == ["05", "06", "16"]
    assert laender["name"].tolist() == ["Nordrhein-Westfalen", "Hessen", "Thüringen"]
    assert laender["actors"].tolist() == [1, 3, 1] and laender["ties_inside"].tolist() == [0, 0, 0]
    assert laender["ties_to_other_laender"].tolist() == [1, 3, 2]
    assert laender["ties_to_neighbours"].tolist() == [1, 3, 2] and laender["ties_to_distant"].sum() == 0
    hessen_population = sum(population[c] for c in population if c.startswith("06"))
    assert laender.at["06", "population"] == hessen_population  # all 26 Hessen districts are in the table
    assert laender.at["16", "population"] == population["16063"]  # only the Wartburgkreis of Thüringen
    assert laender.at["16", "ties_per_100k"] == pytest.approx(2 * 100_000 / population["16063"])
    table = result.tables()["regions"]
    assert table["level"].tolist() == ["district"] * 28 + ["land"] * 3
    partners = result.actors.set_index("id")["cross_land_partners"]
    assert partners.to_dict() == {"wmk-schule": 1, "wmk-verein": 0, "lab": 2, "hs": 2, "firma": 1}
    assert result.networks.set_index("id").at["grenz", "cross_land_share"] == 1.0
    shown = {f["properties"]["ags"] for f in report.dataset.boundaries["features"]}
    assert {"06636", "16063", "05315"} <= shown and len(shown) == 28  # Hessen's 26 and the two others
    # the Hessen example itself is untouched: exactly the 26 shipped districts, no tie across a Land
    example = mintgraph.analyze(mintgraph.load(Path(__file__).resolve().parents[1] / "data"), permutations=0)
    assert len(example.regions) == 26 and example.summary["cross_land_share"] == 0.0
    assert example.regions["ties_to_other_laender"].sum() == 0
    hessen = example.laender.iloc[0]  # the example's one Land row sums its 26 districts
    assert len(example.laender) == 1 and hessen["name"] == "Hessen"
    assert hessen["actors"] == example.regions["actors"].sum() == len(example.actors)
    assert hessen["ties_inside"] == example.graph.number_of_edges() and hessen["ties_to_other_districts"] == 0
    assert hessen["population"] == example.regions["population"].sum()


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


def test_an_unknown_code_names_the_nearest_valid_codes(tmp_path: Path):
    from click.testing import CliRunner

    from mintgraph.cli import cli
    from mintgraph.testing import ACROSS_LAENDER, write_tables

    actors = [dict(a) for a in ACROSS_LAENDER["actors"]]
    actors[3]["region"] = "Fulda"  # a name instead of the code
    actors[4]["region"] = "05999"  # well-formed, but no district of Germany
    folder = write_tables(tmp_path / "data", dict(ACROSS_LAENDER, actors=actors))
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    run = CliRunner().invoke(cli, ["validate", str(folder)])
    assert run.exit_code == 1
    lines = run.output.splitlines()
    assert (
        "error: actors.csv, row 5, column 'region': unknown district code 'Fulda' (did you mean 06631 (Fulda)?)"
        in lines
    )
    assert (
        "error: actors.csv, row 6, column 'region': unknown district code '05999' (not a district of "
        "Germany; nearest codes: 05978 (Unna), 05974 (Soest), 05970 (Siegen-Wittgenstein))" in lines
    )
    analyzed = CliRunner().invoke(cli, ["analyze", str(folder), "-o", str(tmp_path / "out")])
    assert analyzed.exit_code == 1 and "Traceback" not in analyzed.output
    assert len([line for line in analyzed.output.splitlines() if line.startswith("Error")]) == 1
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    # the nearest codes by name tolerate a typo and give both districts of one name
    from mintgraph.regions import nearest_districts

    assert nearest_districts("Wartbugkreis") == [("16063", "Wartburgkreis")]
    assert {code for code, _ in nearest_districts("Kasel")} >= {"06611", "06633"}


def test_the_report_names_the_laender_and_counts_ties_across_them(tmp_path: Path):
    import re

    import mintgraph
    from mintgraph.testing import ACROSS_LAENDER, write_tables
    from mintgraph.views.report_html import render_report

    result = mintgraph.analyze(
        mintgraph.load(write_tables(tmp_path / "data", ACROSS_LAENDER)), permutations=0
    )
    html = render_report(result, lang="de")
    # the landscape is named by its Länder, not "Hessen"
    assert "Hessen, Nordrhein-Westfalen, Thüringen: 5 Akteure" in html
    assert result.scorecard.loc[result.scorecard["scope"] == "hessen", "scope_name"].iloc[0] == (
        "Hessen, Nordrhein-Westfalen, Thüringen"
    )
    assert (
        "Die Daten reichen in 3 Länder; 100\u202f% der Kooperationsbeziehungen verbinden Akteure aus verschiedenen Ländern."
        in html
    )
    table = re.search(r'<table class="laender">(.*?)</table>', html, re.S)[1]
    rows = [re.findall(r"<td[^>]*>([^<]*)</td>", row) for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)]
    assert [r for r in rows if r] == [
        ["Nordrhein-Westfalen", "1", "1.073.096", "1", "0", "1"],
        ["Hessen", "26", "6.295.017", "3", "0", "3"],
        ["Thüringen", "1", "158.900", "1", "0", "2"],
    ]
    english = render_report(result, lang="en")
    assert (
        "The data reaches into 3 Länder (states); 100% of the cooperation ties link actors in different Länder."
        in english
    )
    # the example stays "Hessen", with neither the sentence nor the table (one Land)
    example = mintgraph.analyze(mintgraph.load(Path(__file__).resolve().parents[1] / "data"), permutations=0)
    page = render_report(example, lang="de")
    assert (
        "Hessen: 600 Akteure" in page and "Die Daten reichen in" not in page and 'class="laender"' not in page
    )
