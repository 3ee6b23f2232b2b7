"""The landscape in a given year: each rule checked by hand on the tiny dataset and on edge cases."""

from __future__ import annotations

import pandas as pd
import pytest

import mintgraph
from mintgraph.analysis import analyze
from mintgraph.graph import cooperation_graph
from mintgraph.testing import TINY, tiny_dataset
from mintgraph.timeline import active_cooperations, dataset_in_year, first_traces, years_of
from mintgraph.validate import check_records


def _records(**changes: list[dict]) -> mintgraph.Dataset:
    records = {**TINY, **changes}
    report = check_records(records)
    assert report.dataset is not None, report.errors
    return report.dataset


@pytest.mark.parametrize(
    ("year", "ties"),
    [
        (2011, set()),
        (2012, {("s1", "u1")}),
        (2014, {("s1", "u1"), ("s2", "u1")}),
        (2018, {("s1", "u1"), ("s2", "u1"), ("s1", "s2"), ("c1", "u1")}),
        (2020, {("s1", "u1"), ("s2", "u1"), ("s1", "s2"), ("c1", "u1"), ("c1", "l1")}),
        (2021, {("s1", "u1"), ("s2", "u1"), ("c1", "u1"), ("c1", "l1")}),  # s1-s2 ended 2020
    ],
)
def test_ties_in_a_year_by_hand(year: int, ties: set[tuple[str, str]]):
    then = dataset_in_year(tiny_dataset(), year)
    graph = cooperation_graph(then)
    assert {tuple(sorted(e)) for e in graph.edges} == {tuple(sorted(t)) for t in ties}
    # the same as the year filter of cooperation_graph on the full data
    full = cooperation_graph(tiny_dataset(), year=year)
    assert {tuple(sorted(e)) for e in full.edges} == {tuple(sorted(t)) for t in ties}


def test_parallel_rows_of_a_pair_count_only_once_active():
    then = dataset_in_year(tiny_dataset(), 2013)  # s1-u1 project 2012 active, offer 2015 not yet
    assert cooperation_graph(then).edges["s1", "u1"]["count"] == 1
    assert cooperation_graph(dataset_in_year(tiny_dataset(), 2015)).edges["s1", "u1"]["count"] == 2


def test_actors_appear_with_their_first_trace():
    ds = tiny_dataset()
    assert first_traces(ds)["l1"] == 2019  # its cooperation c1-l1 (2019) precedes its activity (2020)
    assert sorted(dataset_in_year(ds, 2012).actors["id"]) == [
        "m1",  # no dated trace: present in every year
        "s1",
        "u1",
    ]
    assert len(dataset_in_year(ds, 2030).actors) == len(ds.actors)


def test_networks_memberships_and_umbrellas_follow_the_founding_year():
    ds = _records(
        networks=[
            {"id": "umbrella", "name": "Dach", "founded": "2015", "parent": "", "regions": ""},
            {"id": "net-a", "name": "Netz A", "founded": "2012", "parent": "umbrella", "regions": "06611"},
            {
                "id": "net-b",
                "name": "Netz B",
                "founded": "",
                "parent": "umbrella",
                "regions": "06631",
                "coordinator": "c1",
            },
        ]
    )
    then = dataset_in_year(ds, 2013)
    nets = then.networks.set_index("id")
    assert set(nets.index) == {"net-a", "net-b"}  # net-b has no founding year: always there
    assert nets.loc["net-a", "parent"] == ""  # its umbrella is not founded yet
    assert nets.loc["net-b", "coordinator"] == ""  # c1 comes in 2016
    assert sorted(then.memberships["actor_id"]) == ["s1", "s2", "u1"]
    later = dataset_in_year(ds, 2016).networks.set_index("id")
    assert later.loc["net-a", "parent"] == "umbrella"
    assert later.loc["net-b", "coordinator"] == "c1"


def test_membership_without_year_counts_from_the_actors_first_trace():
    memberships = [dict(m) for m in TINY["memberships"]]
    memberships[1]["since"] = ""  # s2 in net-a, year unknown; s2's first cooperation is 2014
    ds = _records(memberships=memberships)
    assert "s2" not in set(dataset_in_year(ds, 2013).memberships["actor_id"])
    assert "s2" in set(dataset_in_year(ds, 2014).memberships["actor_id"])


def test_activities_and_network_links_by_year():
    ds = tiny_dataset()
    assert dataset_in_year(ds, 2019).activities["id"].tolist() == ["x2"]
    assert sorted(dataset_in_year(ds, 2020).activities["id"]) == ["x1", "x2"]


def test_input_is_not_modified_and_indicators_run_on_every_year():
    ds = tiny_dataset()
    before = {
        name: getattr(ds, name).copy() for name in ("actors", "networks", "memberships", "cooperations")
    }
    span = years_of(ds)
    assert span == (2012, 2020)
    for year in range(span[0] - 1, span[1] + 2):
        result = analyze(dataset_in_year(ds, year), permutations=0)
        assert len(result.actors) == len(dataset_in_year(ds, year).actors)
    for name, table in before.items():
        pd.testing.assert_frame_equal(getattr(ds, name), table)


def test_density_of_a_network_in_a_year_by_hand():
    # net-a in 2014: members s1 (2012), s2 (2013), u1 (2012); ties s1-u1, s2-u1 -> density 2/3
    result = analyze(dataset_in_year(tiny_dataset(), 2014), permutations=0)
    row = result.networks.set_index("id").loc["net-a"]
    assert row["members"] == 3
    assert row["density"] == pytest.approx(2 / 3)


def test_active_cooperations_with_an_end_year():
    coops = tiny_dataset().cooperations
    assert len(active_cooperations(coops, 2020)) == 6
    assert len(active_cooperations(coops, 2021)) == 5
    assert len(active_cooperations(coops, 2011)) == 0


def test_a_year_before_any_network_analyses_and_writes(tmp_path):
    from mintgraph.export import write_outputs

    then = dataset_in_year(tiny_dataset(), 2005)  # before the umbrella (2010): no network, no tie
    assert then.networks.empty and then.cooperations.empty
    result = analyze(then, permutations=0)
    assert result.networks.empty and len(result.actors) == 1  # m1, the actor without any date
    written = write_outputs(result, tmp_path)
    assert (tmp_path / "networks.csv").read_text(encoding="utf-8").startswith("id,")
    assert len(written) >= 9
