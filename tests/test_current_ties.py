"""Current ties: ended cooperations leave the indicators and are counted as ``ended_ties``.

The tiny landscape (mintgraph.testing.TINY) has s1-s2 as its only tie with an end year
(``until`` 2020). Adding one later cooperation moves the data's last year to 2022, so
s1-s2 has ended by then; every figure below is checked by hand or against a networkx
graph built directly from the rows active in the reference year.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from click.testing import CliRunner

from mintgraph.analysis import analyze
from mintgraph.cli import cli
from mintgraph.testing import TINY, write_tables
from mintgraph.timeline import ended_ties, latest_year
from mintgraph.validate import check_records


def _records(extra: list[dict[str, str]]) -> dict:
    records = copy.deepcopy(TINY)
    records["cooperations"].extend(extra)
    return records


LATER = _records([{"source": "l1", "target": "m1", "type": "project", "since": "2022"}])
"""TINY plus l1-m1 begun in 2022: the last year is 2022 and s1-s2 (until 2020) has ended."""


def _dataset(records: dict):
    report = check_records(records)
    assert report.dataset is not None, report.errors
    return report.dataset


def _active_graph(dataset, year: int) -> nx.Graph:
    """The oracle: a networkx graph of the rows active in ``year``, built row by row."""
    graph = nx.Graph()
    graph.add_nodes_from(dataset.actors["id"])
    for row in dataset.cooperations.itertuples():
        if row.since <= year and (pd.isna(row.until) or row.until >= year):
            graph.add_edge(row.source, row.target)
    return graph


def test_last_year_ignores_planned_end_years():
    records = _records(
        [{"source": "c1", "target": "m1", "type": "project", "since": "2019", "until": "2030"}]
    )
    assert latest_year(_dataset(records)) == 2020  # the activity of 2020, not the planned end 2030


def test_an_ended_tie_is_absent_from_degree_and_density_and_counted():
    result = analyze(_dataset(LATER), permutations=0)
    assert result.summary["reference_year"] == 2022
    assert result.summary["ended_ties"] == 1
    assert not result.graph.has_edge("s1", "s2")
    actors = result.actors.set_index("id")
    # s1 keeps u1 only (s1-s2 ended); s2 keeps u1 only
    assert actors.loc["s1", "degree"] == 1 and actors.loc["s2", "degree"] == 1
    assert actors.loc["s1", "ended_ties"] == 1 and actors.loc["s2", "ended_ties"] == 1
    assert actors.loc["u1", "ended_ties"] == 0
    nets = result.networks.set_index("id")
    # net-a = {s1, s2, u1}: internal ties s1-u1, s2-u1 (2 of 3 pairs); s1-s2 ended
    assert nets.loc["net-a", "internal_ties"] == 2
    assert nets.loc["net-a", "density"] == pytest.approx(2 / 3)
    assert nets.loc["net-a", "ended_ties"] == 1
    assert nets.loc["umbrella", "ended_ties"] == 1 and nets.loc["net-b", "ended_ties"] == 0


def test_all_years_keeps_the_ended_tie():
    result = analyze(_dataset(LATER), permutations=0, all_years=True)
    assert result.summary["reference_year"] is None and result.summary["ended_ties"] == 0
    assert result.graph.has_edge("s1", "s2")
    nets = result.networks.set_index("id")
    assert nets.loc["net-a", "internal_ties"] == 3 and nets.loc["net-a", "density"] == 1.0


def test_a_tie_with_one_ongoing_row_is_current():
    records = _records(
        [
            {"source": "s2", "target": "s1", "type": "project", "since": "2019"},  # ongoing
            {"source": "l1", "target": "m1", "type": "project", "since": "2022"},
        ]
    )
    result = analyze(_dataset(records), permutations=0)
    assert result.graph.has_edge("s1", "s2") and result.summary["ended_ties"] == 0
    assert result.graph.edges["s1", "s2"]["count"] == 1  # only the active row counts


@pytest.mark.parametrize("year", [2014, 2017, 2020, 2021, 2022])
def test_the_analysed_graph_equals_the_rows_active_in_the_year(year: int):
    dataset = _dataset(LATER)
    result = analyze(dataset, permutations=0, year=year)
    oracle = _active_graph(dataset, year)
    assert {frozenset(e) for e in result.graph.edges} == {frozenset(e) for e in oracle.edges}
    degree = result.actors.set_index("id")["degree"]
    assert all(degree[v] == oracle.degree(v) for v in degree.index)
    ended = ended_ties(dataset, year)
    expected_ended = 1 if year > 2020 else 0
    assert len(ended) == result.summary["ended_ties"] == expected_ended


def test_ended_ties_on_the_example_match_a_row_by_row_count():
    dataset = _dataset_from_folder()
    year = latest_year(dataset)
    pairs: dict[frozenset, list[float]] = {}
    for row in dataset.cooperations.itertuples():
        pairs.setdefault(frozenset((row.source, row.target)), []).append(
            float("inf") if pd.isna(row.until) else row.until
        )
    expected = sum(1 for ends in pairs.values() if max(ends) < year)
    result = analyze(dataset, permutations=0)
    assert result.summary["ended_ties"] == expected == len(ended_ties(dataset, year))
    assert result.summary["ties"] + expected == len(pairs)
    assert result.loaded is dataset and len(result.history.cooperations) == len(dataset.cooperations)


def _dataset_from_folder():
    import mintgraph

    return mintgraph.load(Path(__file__).resolve().parents[1] / "data")


def test_cli_year_options(tmp_path: Path):
    data = write_tables(tmp_path / "data", LATER)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["analyze", "--lang", "en", str(data), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "ties active in 2022" in result.output
    assert "1 tie whose cooperations all ended before 2022 is left out" in result.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert (summary["reference_year"], summary["ended_ties"]) == (2022, 1)

    result = CliRunner().invoke(cli, ["analyze", "--lang", "en", str(data), "-o", str(out), "--all-years"])
    assert result.exit_code == 0, result.output
    assert "(all years, ended ones included)" in result.output and "left out" not in result.output
    actors = pd.read_csv(out / "actors.csv").set_index("id")
    assert actors.loc["s1", "degree"] == 2 and actors.loc["s1", "ended_ties"] == 0

    result = CliRunner().invoke(cli, ["analyze", "--lang", "en", str(data), "-o", str(out), "--year", "2016"])
    assert result.exit_code == 0, result.output
    actors = pd.read_csv(out / "actors.csv").set_index("id")
    assert "l1" not in actors.index  # its first trace is 2019
    assert actors.loc["u1", "degree"] == 2  # s1, s2; c1 came in 2017


def test_cli_year_before_the_data_is_a_one_line_error(tmp_path: Path):
    data = write_tables(tmp_path / "data", LATER)
    result = CliRunner().invoke(cli, ["analyze", str(data), "-o", str(tmp_path / "out"), "--year", "1990"])
    assert result.exit_code == 1
    assert result.output.strip() == "Error: no cooperation had begun by 1990: the data's first year is 2012"
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("year", [2015, 2019, 2023, 2030])
def test_ended_ties_and_their_counts_equal_a_row_by_row_oracle(year: int):
    """``ended_ties`` (pairs as integer codes), the per-network ``ended_ties`` (members as masks)
    and ``first_traces`` (positions and ``minimum.at``) against plain loops over the rows."""
    from mintgraph.graph import network_members
    from mintgraph.timeline import first_traces

    dataset = _dataset_from_folder()
    rows: dict[tuple[str, str], float] = {}
    for row in dataset.cooperations.itertuples():
        if pd.isna(row.since) or row.since > year:
            continue
        pair = (min(row.source, row.target), max(row.source, row.target))
        rows[pair] = max(rows.get(pair, -float("inf")), float("inf") if pd.isna(row.until) else row.until)
    expected = sorted((s, t, int(until)) for (s, t), until in rows.items() if until < year)
    ended = ended_ties(dataset, year)
    assert ended.values.tolist() == [list(row) for row in expected]
    assert expected, "the example has ended ties in these years"

    result = analyze(dataset, permutations=0, year=year)
    members = network_members(result.dataset)
    by_network = result.networks.set_index("id")["ended_ties"]
    for nid, ids in members.items():
        assert by_network[nid] == sum(1 for s, t, _ in expected if s in ids and t in ids)
    by_actor = result.actors.set_index("id")["ended_ties"]
    for actor in by_actor.index:
        assert by_actor[actor] == sum(1 for s, t, _ in expected if actor in (s, t))

    traces: dict[str, int] = {}
    for who, when in [
        *zip(dataset.cooperations["source"], dataset.cooperations["since"], strict=True),
        *zip(dataset.cooperations["target"], dataset.cooperations["since"], strict=True),
        *zip(dataset.memberships["actor_id"], dataset.memberships["since"], strict=True),
        *zip(dataset.activities["provider"], dataset.activities["year"], strict=True),
    ]:
        if not pd.isna(when):
            traces[who] = min(traces.get(who, int(when)), int(when))
    first = first_traces(dataset)
    assert list(first.index) == list(dataset.actors["id"])
    assert {k: (None if pd.isna(v) else int(v)) for k, v in first.items()} == {
        actor: traces.get(actor) for actor in dataset.actors["id"]
    }
