"""Validation: every problem is found and located by file, row and column."""

from __future__ import annotations

import copy

import pytest

from mintgraph.testing import TINY
from mintgraph.validate import check_records


def _records(**changes):
    records = copy.deepcopy(TINY)
    for table, rows in changes.items():
        records[table] = rows
    return records


def _messages(report):
    return [str(p) for p in report.errors]


def test_tiny_dataset_is_valid():
    report = check_records(TINY)
    assert report.ok, _messages(report)
    assert len(report.dataset.actors) == 6
    assert report.dataset.cooperations["since"].tolist() == [2012, 2015, 2014, 2018, 2017, 2019]


def test_missing_required_column_is_reported_at_header():
    actors = [{k: v for k, v in row.items() if k != "region"} for row in TINY["actors"]]
    report = check_records(_records(actors=actors))
    assert not report.ok
    assert _messages(report)[0].startswith("actors.csv, row 1, column 'region': required column is missing")


def test_dangling_reference_names_file_row_column():
    coops = copy.deepcopy(TINY["cooperations"])
    coops[2]["target"] = "ghost"
    report = check_records(_records(cooperations=coops))
    assert _messages(report) == [
        "cooperations.csv, row 4, column 'target': unknown actor id 'ghost' (no such id in actors.csv)"
    ]


@pytest.mark.parametrize(
    ("table", "index", "column", "value", "expected"),
    [
        ("actors", 0, "region", "06999", "unknown district code '06999'"),
        ("actors", 0, "region", "6699", "leading zero"),
        ("actors", 1, "type", "Raumschiff", "'Raumschiff' is not allowed"),
        ("cooperations", 0, "since", "zwanzig", "'zwanzig' is not a year"),
        ("cooperations", 0, "since", "2012.5", "is not a year"),
        ("cooperations", 0, "weight", "-1", "not a non-negative number"),
        ("cooperations", 0, "type", "", "value is missing"),
        ("networks", 1, "regions", "06611|99999", "unknown district code '99999'"),
        ("networks", 1, "parent", "nowhere", "unknown network id 'nowhere'"),
        ("activities", 0, "topic", "MX", "is not a MINT topic"),
        ("memberships", 0, "role", "boss", "'boss' is not allowed"),
    ],
)
def test_bad_values(table, index, column, value, expected):
    rows = copy.deepcopy(TINY[table])
    rows[index][column] = value
    report = check_records(_records(**{table: rows}))
    errors = report.errors
    assert len(errors) == 1, _messages(report)
    assert (errors[0].file, errors[0].row, errors[0].column) == (f"{table}.csv", index + 2, column)
    assert expected in errors[0].message + " " + errors[0].hint


def test_all_problems_are_listed_not_only_the_first():
    actors = [*copy.deepcopy(TINY["actors"]), dict(TINY["actors"][0], name="Doppelt")]  # duplicate id, row 8
    actors[2]["region"] = "00000"
    coops = copy.deepcopy(TINY["cooperations"])
    coops[0]["target"] = coops[0]["source"]  # self-tie
    coops[1]["until"] = "2000"  # before since
    report = check_records(_records(actors=actors, cooperations=coops))
    located = {(p.file, p.row, p.column) for p in report.errors}
    assert located == {
        ("actors.csv", 8, "id"),
        ("actors.csv", 4, "region"),
        ("cooperations.csv", 2, "target"),
        ("cooperations.csv", 3, "until"),
    }


def test_umbrella_cycle_is_an_error():
    networks = copy.deepcopy(TINY["networks"])
    networks[0]["parent"] = "net-a"  # umbrella -> net-a -> umbrella
    report = check_records(_records(networks=networks))
    assert any("cycle" in p.message and p.column == "parent" for p in report.errors)


def test_duplicate_membership_is_a_warning_and_dropped():
    memberships = [*copy.deepcopy(TINY["memberships"]), dict(TINY["memberships"][0])]
    report = check_records(_records(memberships=memberships))
    assert report.ok
    assert [(w.row, w.column) for w in report.warnings if "duplicate" in w.message] == [(6, "network_id")]
    assert len(report.dataset.memberships) == 4


def test_values_are_normalised():
    activities = copy.deepcopy(TINY["activities"])
    activities[0]["topic"] = "tn"
    memberships = copy.deepcopy(TINY["memberships"])
    memberships[0]["role"] = ""
    report = check_records(_records(activities=activities, memberships=memberships))
    assert report.ok
    assert report.dataset.activities["topic"].tolist()[0] == "NT"
    assert report.dataset.memberships["role"].tolist()[0] == "member"


def test_isolated_actor_is_a_warning():
    report = check_records(TINY)
    assert [(w.row, w.column) for w in report.warnings] == [(7, "id")]  # m1: no tie, no network


def test_an_actor_in_another_land_gets_its_district_from_the_shipped_germany_data(tmp_path, monkeypatch):
    """A company in Mainz (07315, Rhineland-Palatinate) working with Hessian schools: no regions.csv
    needed — Mainz gets its row (population, neighbours across the border) and its polygon."""
    import shutil

    import pandas as pd

    import mintgraph
    from mintgraph.regions import germany_districts

    data = tmp_path / "data"
    shutil.copytree("data", data)
    actors = pd.read_csv(data / "actors.csv", dtype=str, keep_default_na=False)
    row = actors.index[actors["type"] == "company"][0]
    moved = actors.at[row, "id"]
    actors.at[row, "region"] = "07315"
    actors.to_csv(data / "actors.csv", index=False)
    report = mintgraph.validate(data)
    assert report.ok
    assert not [w for w in report.warnings if w.column == "region"]
    result = mintgraph.analyze(report.dataset, permutations=0)
    mainz = result.regions.set_index("code").loc["07315"]
    population = int(next(r for r in germany_districts() if r["ags"] == "07315")["population"])
    assert (
        mainz["name"] == "Mainz" and mainz["group"] == "Rheinland-Pfalz" and mainz["population"] == population
    )
    assert mainz["actors"] == 1 and mainz["actors_per_100k"] == pytest.approx(100_000 / population)
    neighbours = report.dataset.regions.set_index("code")["neighbours"]
    assert "07315" in neighbours["06414"].split("|") and "06414" in neighbours["07315"].split(
        "|"
    )  # Wiesbaden
    assert "07315" in {f["properties"]["ags"] for f in report.dataset.boundaries["features"]}
    table = result.actors.set_index("id")
    assert table.at[moved, "region"] == "07315" and table.at[moved, "region_name"] == "Mainz"
    graph = result.graph
    partners = list(graph[moved])
    assert partners  # every tie of the moved actor now crosses a district border
    written = mintgraph.write_outputs(result, tmp_path / "out", per_network=True)
    assert len(written) >= 9
    page = (tmp_path / "out" / "graph.html").read_text(encoding="utf-8")
    assert moved in page  # drawn like every other actor
    from mintgraph.views import aggregate_html

    monkeypatch.setattr(aggregate_html, "AGGREGATE_ABOVE", 100)  # the district overview too
    written = mintgraph.write_outputs(result, tmp_path / "big")
    outside = (tmp_path / "big" / "districts" / "07315.html").read_text(encoding="utf-8")
    assert moved in outside and all(p in outside for p in partners)  # the actor with its partners
