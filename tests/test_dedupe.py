"""Duplicate actors: planted spelling variants are found, nothing merges across districts or
between different organisations, and a confirmed mapping is applied on load."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import mintgraph
from mintgraph.cli import cli
from mintgraph.dedupe import find_duplicates, name_similarity, normalise_name
from mintgraph.graph import cooperation_graph

ACTORS = [
    # Kassel (06611): one university written four ways, and look-alikes that are different
    ("uni-kassel", "Universität Kassel", "university", "06611"),
    ("uni-kassel-b", "Uni Kassel", "university", "06611"),
    ("uni-kassel-c", "Universitaet Kassel", "university", "06611"),
    ("uni-kassel-d", "Univeristät  Kassel", "university", "06611"),
    ("gs-kassel-1", "Grundschule Kassel 1", "school", "06611"),
    ("gs-kassel-2", "Grundschule Kassel 2", "school", "06611"),
    ("gym-kassel", "Gymnasium Kassel", "school", "06611"),
    ("gym-kassel-nord", "Gymnasium Kassel-Nord", "school", "06611"),
    ("labor-kassel", "Labortechnik Kassel GmbH", "company", "06611"),
    ("solar-kassel", "Solartechnik Kassel GmbH", "company", "06611"),
    # Fulda (06631): the same university name again (a different site: never merged across districts)
    ("uni-kassel-fulda", "Universität Kassel", "university", "06631"),
    ("hs-fulda", "Hochschule Fulda", "university", "06631"),
    ("hs-fulda-b", "HS Fulda", "university", "06631"),
    ("kinder-akademie", "Kinder-Akademie Fulda", "museum", "06631"),
    ("kinderakademie", "Kinderakademie Fulda e.V.", "museum", "06631"),
    # Frankfurt (06412): umlauts spelled out, legal form added
    ("jufo", "Förderverein Jugend forscht e.V.", "association", "06412"),
    ("jufo-b", "Foerderverein Jugend forscht", "association", "06412"),
    ("realschule-ahnatal", "Realschule Ahnatal", "school", "06412"),
    ("realschule-baunatal", "Realschule Baunatal", "school", "06412"),
]
PLANTED = {
    ("uni-kassel", "uni-kassel-b"),
    ("uni-kassel", "uni-kassel-c"),
    ("uni-kassel", "uni-kassel-d"),
    ("hs-fulda", "hs-fulda-b"),
    ("kinder-akademie", "kinderakademie"),
    ("jufo", "jufo-b"),
}
COOPERATIONS = [
    ("uni-kassel", "gs-kassel-1", "project", "2015"),
    ("uni-kassel", "gym-kassel", "offer", "2016"),
    ("uni-kassel-b", "gs-kassel-2", "offer", "2018"),
    ("uni-kassel-c", "gs-kassel-1", "project", "2019"),  # the same pair as the first row once merged
    ("uni-kassel-b", "uni-kassel-c", "exchange", "2020"),  # becomes a self-tie once merged: dropped
    ("hs-fulda", "kinder-akademie", "project", "2012"),
    ("hs-fulda-b", "kinderakademie", "offer", "2014"),
    ("hs-fulda", "uni-kassel-fulda", "exchange", "2017"),
    ("jufo", "uni-kassel", "sponsorship", "2016"),
    ("jufo-b", "realschule-ahnatal", "sponsorship", "2021"),
    ("labor-kassel", "solar-kassel", "project", "2020"),
    ("gym-kassel-nord", "realschule-baunatal", "exchange", "2022"),
]


def _write(path: Path, header: list[str], rows: list[tuple]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)


@pytest.fixture
def planted(tmp_path: Path) -> Path:
    folder = tmp_path / "planted"
    folder.mkdir()
    _write(folder / "actors.csv", ["id", "name", "type", "region"], ACTORS)
    _write(
        folder / "networks.csv",
        ["id", "name", "founded", "parent", "regions"],
        [("n", "Netz", "2012", "", "")],
    )
    _write(
        folder / "memberships.csv",
        ["actor_id", "network_id", "since"],
        [("uni-kassel", "n", "2014"), ("uni-kassel-b", "n", "2012"), ("hs-fulda-b", "n", "2013")],
    )
    _write(folder / "cooperations.csv", ["source", "target", "type", "since"], COOPERATIONS)
    return folder


def test_planted_variants_are_found_and_nothing_else(planted: Path):
    table = find_duplicates(mintgraph.load(planted))
    found = set(zip(table["actor_id"], table["duplicate_id"], strict=True))
    assert found == PLANTED
    # no pair crosses a district border
    region = {a[0]: a[3] for a in ACTORS}
    assert all(region[a] == region[b] for a, b in found)
    assert (table["score"] >= 90).all() and table["confirmed"].eq("").all()
    # the actor with the most references is kept: uni-kassel (4 rows) over its variants
    assert set(table.loc[table["duplicate_id"].str.startswith("uni-kassel-"), "actor_id"]) == {"uni-kassel"}


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Uni Kassel", "Universität Kassel", True),
        ("HS Fulda", "Hochschule Fulda", True),
        ("Werra-Meißner-Lab", "Werra Meissner Lab e.V.", True),
        ("Gymnasium Kassel", "Gymnasium Kassel-Nord", False),
        ("Grundschule Kassel 1", "Grundschule Kassel 2", False),
        ("Labortechnik Kassel GmbH", "Solartechnik Kassel GmbH", False),
        ("Elterninitiative MINT Staufenberg", "MINT-Initiative Staufenberg", False),
    ],
)
def test_name_similarity_cases(a: str, b: str, same: bool):
    assert (name_similarity(normalise_name(a), normalise_name(b)) >= 90) is same


def test_the_example_has_no_likely_duplicates():
    # its synthetic names are all different organisations
    assert find_duplicates(mintgraph.load("data")).empty


def test_dedupe_command_then_confirmed_mapping_is_applied_on_load(planted: Path, tmp_path: Path):
    out = tmp_path / "out" / "duplicates.csv"
    before = {p.name: p.read_bytes() for p in planted.iterdir()}
    result = CliRunner().invoke(cli, ["dedupe", str(planted), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "6 likely duplicate(s) among 19 actors" in result.output
    assert {p.name: p.read_bytes() for p in planted.iterdir()} == before  # input untouched

    # the user confirms all but the Fulda pair of museums
    with open(out, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        row["confirmed"] = "no" if row["actor_id"] == "kinder-akademie" else "yes"
    confirmed = planted / "duplicates.csv"
    _write(confirmed, list(rows[0]), [tuple(r.values()) for r in rows])

    report = mintgraph.validate(planted)
    assert report.ok
    assert any("5 duplicate actor(s) merged" in w.message for w in report.warnings)
    ds = report.dataset
    ids = set(ds.actors["id"])
    assert len(ids) == 19 - 5 and not ids & {
        "uni-kassel-b",
        "uni-kassel-c",
        "uni-kassel-d",
        "hs-fulda-b",
        "jufo-b",
    }
    assert {"kinder-akademie", "kinderakademie"} <= ids  # not confirmed: kept apart
    g = cooperation_graph(ds)
    # rows rewired: uni-kassel–gs-kassel-1 holds 2 rows now; the variants' mutual row is gone
    assert g.edges["uni-kassel", "gs-kassel-1"]["count"] == 2
    assert g.has_edge("uni-kassel", "gs-kassel-2") and not g.has_edge("uni-kassel", "uni-kassel")
    assert len(ds.cooperations) == len(COOPERATIONS) - 1
    assert g.has_edge("hs-fulda", "kinderakademie") and g.has_edge("jufo", "realschule-ahnatal")
    # one membership per actor and network, the earliest year kept
    members = ds.memberships.set_index("actor_id")
    assert (
        members.loc["uni-kassel", "since"] == 2012
        and list(ds.memberships["actor_id"]).count("uni-kassel") == 1
    )
    assert "hs-fulda" in members.index


def test_bad_mappings_are_located_errors(planted: Path):
    _write(
        planted / "duplicates.csv",
        ["actor_id", "duplicate_id", "confirmed"],
        [
            ("uni-kassel", "uni-kassel-b", "yes"),
            ("uni-kassel-b", "uni-kassel", "yes"),
            ("nobody", "hs-fulda", "ja"),
        ],
    )
    errors = mintgraph.validate(planted).errors
    assert ("duplicates.csv", 4, "actor_id") in {(e.file, e.row, e.column) for e in errors}  # unknown id
    shutil.copy(planted / "duplicates.csv", planted / "dup.bak")
    _write(
        planted / "duplicates.csv",
        ["actor_id", "duplicate_id", "confirmed"],
        [("uni-kassel", "uni-kassel-b", "yes"), ("uni-kassel-b", "uni-kassel", "yes")],
    )
    errors = mintgraph.validate(planted).errors
    assert len(errors) >= 1 and "cycle" in errors[0].message and errors[0].file == "duplicates.csv"
    result = CliRunner().invoke(cli, ["analyze", str(planted), "-o", str(planted / "out")])
    assert (
        result.exit_code == 1 and "duplicates.csv, row" in result.output and "Traceback" not in result.output
    )
