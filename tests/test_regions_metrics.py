"""The district table's columns beyond counts: distant ties, ties per 100k, white spots,
activities outside networks and the districts with an above-average share of MINT workers."""

from __future__ import annotations

import copy
import csv
import math

import pytest

from mintgraph.errors import DataError
from mintgraph.graph import cooperation_graph
from mintgraph.metrics.regions import REGION_COLUMNS, region_table
from mintgraph.model import Dataset
from mintgraph.regions import mint_above_average_codes, shipped_regions_path
from mintgraph.testing import TINY, tiny_dataset
from mintgraph.validate import check_records

ORIGINAL_COLUMNS = (
    "code",
    "name",
    "group",
    "population",
    "actors",
    "activities",
    "actors_per_100k",
    "activities_per_100k",
    "ties_inside",
    "ties_to_other_districts",
    "ties_to_neighbours",
    "networks",
    "network_ids",
)

# The seed slides' list, name -> code as looked up by hand in mintgraph/regions/hessen/regions.csv
SEED_TOP_TEN = {
    "LK Kassel": "06633",  # the Landkreis, not the city 06611
    "LK Waldeck-Frankenberg": "06635",
    "Odenwaldkreis": "06437",
    "LK Marburg-Biedenkopf": "06534",
    "Lahn-Dill-Kreis": "06532",
    "LK Fulda": "06631",
    "Vogelsbergkreis": "06535",
    "LK Hersfeld-Rotenburg": "06632",
    "Main-Kinzig-Kreis": "06435",
    "LK Bergstraße": "06431",
}


def _dataset(records: dict) -> Dataset:
    report = check_records(records)
    if report.dataset is None:
        raise DataError(report.errors)
    return report.dataset


def _table(ds: Dataset):
    return region_table(cooperation_graph(ds), ds).set_index("code")


def test_columns_keep_the_original_ones_first():
    t = region_table(cooperation_graph(tiny_dataset()), tiny_dataset())
    assert tuple(t.columns) == REGION_COLUMNS
    assert tuple(t.columns[: len(ORIGINAL_COLUMNS)]) == ORIGINAL_COLUMNS
    assert t["white_spot"].dtype == bool and t["mint_above_average"].dtype == bool
    assert t["ties_to_distant"].dtype.kind == "i" and t["activities_without_network"].dtype.kind == "i"


def test_new_columns_tiny_by_hand():
    t = _table(tiny_dataset())
    # ties: s1-u1 in 06611; s1-s2, s2-u1 06611-06633 (neighbours); u1-c1 06611-06631 (no border);
    # c1-l1 in 06631; m1 (06412) isolated
    expected = {  # ties_to_distant, ties counted for ties_per_100k, activities_without_network
        "06611": (1, 4, 0),  # x2 by u1, a member of net-a
        "06633": (0, 2, 0),
        "06631": (1, 2, 1),  # x1 by l1, in no network
        "06412": (0, 0, 0),
    }
    for code, (distant, ties, unnetworked) in expected.items():
        row = t.loc[code]
        assert row.ties_to_distant == distant, code
        assert row.ties_per_100k == pytest.approx(ties * 100_000 / row.population), code
        assert row.activities_without_network == unnetworked, code
    assert (t["ties_to_distant"] + t["ties_to_neighbours"] == t["ties_to_other_districts"]).all()
    assert t["ties_to_distant"].sum() == 2  # u1-c1, counted at both ends
    assert not t["white_spot"].any()  # both districts with activities are covered (net-a, net-b)


def test_white_spots_by_hand():
    records = copy.deepcopy(TINY)
    activity = dict(records["activities"][0])
    records["activities"] += [
        dict(activity, id="x3", provider="m1", region="06412"),  # Frankfurt: no network covers it
        dict(activity, id="x4", provider="c1", region="06414"),  # Wiesbaden: uncovered, provider in net-b
        dict(activity, id="x5", provider="m1", region="06633"),  # covered by net-a
    ]
    t = _table(_dataset(records))
    assert t.index[t["white_spot"]].tolist() == ["06412", "06414"]
    # no activities, no white spot: Offenbach has neither a network nor an activity
    assert not t.loc["06413", "white_spot"] and t.loc["06413", "activities"] == 0
    assert t.loc["06412", "activities_without_network"] == 1
    assert t.loc["06414", "activities_without_network"] == 0  # c1 is a member
    assert t.loc["06633", "activities_without_network"] == 1 and not t.loc["06633", "white_spot"]


def test_the_ten_flagged_districts_on_the_shipped_regions():
    assert mint_above_average_codes() == set(SEED_TOP_TEN.values())
    with open(shipped_regions_path(), encoding="utf-8") as fh:
        shipped = {row["code"]: row for row in csv.DictReader(fh)}
    for seed_name, code in SEED_TOP_TEN.items():
        assert shipped[code]["type"] == "Landkreis"
        assert seed_name.removeprefix("LK ") == shipped[code]["name"], code
    with open(shipped_regions_path().with_name("mint_above_average.csv"), encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["name"]: r["code"] for r in rows} == SEED_TOP_TEN
    assert all("www.mint-in-hessen.de" in r["source"] for r in rows)
    t = _table(tiny_dataset())
    assert set(t.index[t["mint_above_average"]]) == set(SEED_TOP_TEN.values())
    assert not t.loc["06611", "mint_above_average"]  # Kassel the city is not LK Kassel


def _user_regions(regions: list[dict[str, str]], code: str) -> Dataset:
    return _dataset(
        {
            "regions": regions,
            "actors": [
                {"id": "a", "name": "A", "type": "school", "region": code},
                {"id": "b", "name": "B", "type": "museum", "region": code},
            ],
            "cooperations": [{"source": "a", "target": "b", "type": "offer", "since": "2020"}],
        }
    )


def test_user_supplied_regions_of_another_state_get_no_flags():
    regions = [
        {"code": "09162", "name": "München", "population": "1500000", "neighbours": "09184"},
        {"code": "09184", "name": "Landkreis München", "population": "350000", "neighbours": "09162"},
    ]
    ds = _user_regions(regions, "09162")
    assert ds.region_source == "user-supplied"
    t = _table(ds)
    assert t.index.tolist() == ["09162", "09184"] and not t["mint_above_average"].any()
    assert t.loc["09162", "ties_per_100k"] == pytest.approx(1 / 15)


def test_user_supplied_hessen_districts_keep_their_flag_and_missing_population_gives_nan():
    # the flag belongs to the district (its AGS code), not to the shipped population figures
    regions = [
        {"code": "06631", "name": "Fulda", "neighbours": "06611"},
        {"code": "06611", "name": "Kassel", "population": "0", "neighbours": "06631"},
    ]
    t = _table(_user_regions(regions, "06631"))
    assert t["mint_above_average"].to_dict() == {"06631": True, "06611": False}
    assert math.isnan(t.loc["06631", "ties_per_100k"]) and math.isnan(t.loc["06611", "ties_per_100k"])
    assert t.loc["06631", "ties_inside"] == 1


def _former_tie_counts(graph, dataset):
    """The tie counts of the district and Land tables as mintgraph 0.x counted them: tie by tie
    over ``graph.edges`` (frozen here as the oracle of the counts read from the engine copy)."""
    from mintgraph.model import split_multi
    from mintgraph.regions import germany_neighbours, land_of

    region_of = dict(zip(dataset.actors["id"], dataset.actors["region"], strict=True))
    neighbours = {row.code: set(split_multi(row.neighbours)) for row in dataset.regions.itertuples()}
    district = {key: dict.fromkeys(neighbours, 0) for key in ("inside", "crossing", "near", "laender")}
    touched = sorted({land_of(code) for code in dataset.regions["code"]} - {None})
    land = {key: dict.fromkeys(touched, 0) for key in ("inside", "leaving", "bordering")}
    bordering: dict[str, set[str]] = {}
    for code, others in germany_neighbours().items():
        for other in others:
            if code[:2] != other[:2]:
                bordering.setdefault(code[:2], set()).add(other[:2])
    for u, v in graph.edges:
        ru, rv = region_of[u], region_of[v]
        lu, lv = land_of(ru), land_of(rv)
        if lu is not None and lv is not None and lu != lv:
            for r in (ru, rv):
                if r in neighbours:
                    district["laender"][r] += 1
        if ru == rv:
            if ru in neighbours:
                district["inside"][ru] += 1
        else:
            adjacent = rv in neighbours.get(ru, ()) or ru in neighbours.get(rv, ())
            for r in (ru, rv):
                if r in neighbours:
                    district["crossing"][r] += 1
                    district["near"][r] += adjacent
        if lu is not None and lu == lv:
            if lu in land["inside"]:
                land["inside"][lu] += 1
            continue
        for own, other_land in ((lu, lv), (lv, lu)):
            if own in land["leaving"]:
                land["leaving"][own] += 1
                land["bordering"][own] += other_land in bordering.get(own, set())
    return district, land


def test_tie_counts_equal_the_former_tie_by_tie_counts(tmp_path):
    """Across all 16 Länder, with ties of an actor to itself and actors seated in a district the
    district table leaves out, every tie count of the district and the Land rows equals the
    count made tie by tie over the networkx graph."""
    import dataclasses

    from click.testing import CliRunner

    import mintgraph
    from mintgraph.cli import cli
    from mintgraph.metrics.regions import land_table

    out = tmp_path / "de"
    result = CliRunner().invoke(cli, ["generate", str(out), "--actors", "3000", "--land", "all"])
    assert result.exit_code == 0, result.output
    full = mintgraph.load(out)
    dropped = full.regions["code"].iloc[::7].tolist()  # their actors' ties count in no district row
    partial = dataclasses.replace(
        full,
        regions=full.regions[~full.regions["code"].isin(dropped)],
        networks=full.networks.assign(regions=""),  # no network names a district left out
    )
    for dataset in (full, partial):
        graph = cooperation_graph(dataset)
        for actor in dataset.actors["id"].iloc[::250]:
            graph.add_edge(actor, actor, count=1)
        district, land = _former_tie_counts(graph, dataset)
        regions = region_table(graph, dataset).set_index("code")
        assert regions["ties_inside"].to_dict() == district["inside"]
        assert regions["ties_to_other_districts"].to_dict() == district["crossing"]
        assert regions["ties_to_neighbours"].to_dict() == district["near"]
        assert regions["ties_to_other_laender"].to_dict() == district["laender"]
        assert sum(district["near"].values()) > 0 and sum(district["laender"].values()) > 0
        laender = land_table(graph, dataset, regions.reset_index()).set_index("code")
        assert len(laender) > 10
        assert laender["ties_inside"].to_dict() == land["inside"]
        assert laender["ties_to_other_districts"].to_dict() == land["leaving"]
        assert laender["ties_to_neighbours"].to_dict() == land["bordering"]
