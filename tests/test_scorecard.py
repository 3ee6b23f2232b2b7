"""The Plus scorecard: complete, honest, and consistent with the independently computed summary."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import mintgraph
from mintgraph.cli import cli
from mintgraph.export import scorecard_text
from mintgraph.metrics.scorecard import (
    BOUNDARY_INDICATORS,
    DIRECTIONS,
    HESSEN,
    INDICATORS,
    PARTIAL_SOURCES,
    PLUS,
    SCORECARD_COLUMNS,
    SMALL_NETWORK_MEMBERS,
    plus_scorecard,
)
from mintgraph.validate import check_records

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


@pytest.fixture(scope="module")
def result():
    return mintgraph.analyze(mintgraph.load(DATA))


def hessen_value(card, indicator):
    rows = card[(card["scope"] == HESSEN) & (card["indicator"] == indicator)]
    return rows["value"].iloc[0]


def test_every_plus_for_every_scope(result):
    card = result.scorecard
    scopes = [HESSEN, *result.networks["id"]]
    assert card["scope"].unique().tolist() == scopes
    assert len(PLUS) == 11
    for scope in scopes:
        assert card.loc[card["scope"] == scope, "plus"].unique().tolist() == [p.id for p in PLUS]
    quality = card[card["plus"] == "quality"]
    assert (quality["measurable"] == "none").all() and quality["value"].isna().all()
    assert quality["note"].str.contains("evaluations").all()


def test_hessen_scope_agrees_with_the_whole_graph_summary(result):
    card, summary = result.scorecard, result.summary
    assert hessen_value(card, "density") == pytest.approx(summary["density"], abs=1e-12)
    assert hessen_value(card, "internal_ties") == summary["ties"]
    assert hessen_value(card, "largest_component_share") == pytest.approx(summary["largest_component_share"])
    assert hessen_value(card, "average_clustering") == pytest.approx(summary["average_clustering"], abs=1e-12)
    assert hessen_value(card, "cross_district_share") == pytest.approx(summary["cross_district_share"])
    assert hessen_value(card, "activities") == summary["activities"]
    for indicator in BOUNDARY_INDICATORS & set(card["indicator"]):
        assert hessen_value(card, indicator) is None or hessen_value(card, indicator) != hessen_value(
            card, indicator
        )


def test_network_values_are_the_networks_table(result):
    card = result.scorecard
    table = result.networks.set_index("id")
    rows = card[(card["scope"] == "mintmachclub-fulda") & (card["indicator"] == "density")]
    assert rows["value"].iloc[0] == pytest.approx(table.loc["mintmachclub-fulda", "density"])
    assert rows["hessen_value"].iloc[0] == pytest.approx(result.summary["density"])


def test_terminal_shows_the_scorecard(tmp_path: Path):
    run = CliRunner().invoke(cli, ["analyze", "--lang", "en", str(DATA), "-o", str(tmp_path)])
    assert run.exit_code == 0, run.output
    assert "Plus scorecard" in run.output
    assert "Ensuring quality" in run.output and "not measurable from network data" in run.output
    assert (tmp_path / "scorecard.csv").read_text(encoding="utf-8").startswith("scope,scope_name,plus,")


# ---------------------------------------------------------------- direction, size, coverage, small networks


def test_every_indicator_has_a_direction_and_a_size_rule(result):
    card = result.scorecard
    assert tuple(card.columns) == SCORECARD_COLUMNS
    used = {i for plus in PLUS for i in plus.indicators}
    assert used == set(INDICATORS)
    assert all(meta.direction in DIRECTIONS and meta.why for meta in INDICATORS.values())
    assert INDICATORS["degree_centralization"].direction == "neither"
    assert INDICATORS["density"].direction == "higher" and INDICATORS["density"].size_free
    for name in ("internal_ties", "external_ties", "activities", "types", "target_groups"):
        assert not INDICATORS[name].size_free, name
    measured = card[card["indicator"] != ""]
    assert (measured["direction"] == measured["indicator"].map(lambda i: INDICATORS[i].direction)).all()


def test_hessen_value_only_for_size_free_indicators(result):
    card = result.scorecard
    rows = card[(card["scope"] == "mintmachclub-fulda") & (card["indicator"] != "")]
    for row in rows.itertuples():
        if row.size_free and row.indicator not in BOUNDARY_INDICATORS:
            assert row.hessen_value == pytest.approx(hessen_value(card, row.indicator)), row.indicator
        else:
            assert pd.isna(row.hessen_value), row.indicator
    # a count of the whole landscape is still its own value in the hessen rows
    assert hessen_value(card, "internal_ties") == result.summary["ties"]


def test_partial_coverage_of_new_members_counts_the_undated_memberships(result):
    card = result.scorecard
    memberships = result.dataset.memberships
    # oracle for the regional networks (no sub-networks): members with since / members
    for network in ("mint-wmk", "mintmachclub-fulda", "mint-se", "mintmit"):
        own = memberships[memberships["network_id"] == network]
        dated, total = int(own["since"].notna().sum()), len(own)
        row = card[(card["scope"] == network) & (card["indicator"] == "new_members_per_year")].iloc[0]
        assert row["coverage"] == pytest.approx(dated / total)
        assert row["partial"] == (dated < total)
        assert (f"{total - dated} of {total} member" in row["note"]) == (dated < total)
        ties = card[(card["scope"] == network) & (card["indicator"] == "ties_per_year_since_founding")]
        assert ties["coverage"].iloc[0] == 1.0 and not ties["partial"].iloc[0]
    wmk = card[(card["scope"] == "mint-wmk") & (card["indicator"] == "new_members_per_year")].iloc[0]
    assert wmk["measurable"] == "direct" and wmk["partial"] and "4 of 6 members lack `since`" in wmk["note"]
    # the landscape: an actor enters with its first cooperation
    coops = result.dataset.cooperations
    cooperating = set(coops["source"]) | set(coops["target"])
    n = len(result.dataset.actors)
    row = card[(card["scope"] == HESSEN) & (card["indicator"] == "new_members_per_year")].iloc[0]
    assert row["coverage"] == pytest.approx(len(cooperating) / n)
    assert set(PARTIAL_SOURCES) == {"new_members_per_year"}
    assert not card.loc[card["indicator"] != "new_members_per_year", "partial"].any()
    quality = card[card["plus"] == "quality"]
    assert quality["coverage"].isna().all() and not quality["partial"].any()


def test_without_dataset_coverage_is_unknown_not_partial(result):
    card = plus_scorecard(result.networks, result.networks.iloc[0])
    rows = card[card["indicator"] == "new_members_per_year"]
    assert rows["coverage"].isna().all() and not rows["partial"].any()


def _small_landscape():
    actor = lambda i: {"id": i, "name": f"Akteur {i}", "type": "school", "region": "06611"}  # noqa: E731
    ids = ["solo", "p1", "p2", *(f"b{i}" for i in range(6)), "x", "y"]
    memberships = [("solo", "solo-net"), ("p1", "pair-net"), ("p2", "pair-net")]
    memberships += [(f"b{i}", "big-net") for i in range(6)]
    ties = [("solo", "x"), ("solo", "y"), ("p1", "p2"), ("p2", "x")]
    ties += [("b0", "b1"), ("b1", "b2"), ("b2", "b3"), ("b3", "b4"), ("b4", "b5"), ("b0", "b2"), ("b5", "x")]
    report = check_records(
        {
            "actors": [actor(i) for i in ids],
            "networks": [
                {"id": "solo-net", "name": "Solonetz Eins", "founded": "2015"},
                {"id": "pair-net", "name": "Paarnetz Zwei", "founded": "2015"},
                {"id": "big-net", "name": "Grossnetz Sechs", "founded": "2015"},
            ],
            "memberships": [{"actor_id": a, "network_id": n, "since": "2016"} for a, n in memberships],
            "cooperations": [{"source": a, "target": b, "type": "project", "since": "2018"} for a, b in ties],
        }
    )
    assert report.dataset is not None, report.errors
    return report.dataset


def test_small_networks_are_marked_and_never_named_best(tmp_path: Path):
    ds = _small_landscape()
    analysis = mintgraph.analyze(ds, permutations=0)
    card = analysis.scorecard
    small = card.groupby("scope")["small_network"].agg(["all", "any"])
    assert small.loc["solo-net", "all"] and small.loc["pair-net", "all"]
    assert not small.loc["big-net", "any"] and not small.loc[HESSEN, "any"]
    # the small ones hold the extremes by construction
    nets = analysis.networks.set_index("id")
    assert nets.loc["pair-net", "density"] == 1.0 and nets.loc["solo-net", "ei_index"] == 1.0
    assert nets.loc["solo-net", "members"] < SMALL_NETWORK_MEMBERS <= nets.loc["big-net", "members"]
    text = scorecard_text(analysis)
    assert "Solonetz" not in text and "Paarnetz" not in text
    assert "(best: Grossnetz Sechs)" in text  # density: the only network that may be named
    # and through the command line
    data = tmp_path / "data"
    data.mkdir()
    for name, table in (
        ("actors", ds.actors),
        ("networks", ds.networks),
        ("memberships", ds.memberships),
        ("cooperations", ds.cooperations),
    ):
        table.to_csv(data / f"{name}.csv", index=False)
    run = CliRunner().invoke(cli, ["analyze", "--lang", "en", str(data), "-o", str(tmp_path / "out")])
    assert run.exit_code == 0, run.output
    scorecard_lines = run.output[run.output.index("Plus scorecard") :]
    assert "Solonetz" not in scorecard_lines and "Paarnetz" not in scorecard_lines


def test_best_is_named_only_in_the_good_direction_and_for_size_free_indicators(result):
    text = scorecard_text(result)
    lines = {line.split()[0] + " " + line.split()[1]: line for line in text.splitlines()[1:]}
    assert "best" not in lines["Spreading good"]  # ei_index: neither
    assert "best" not in lines["Gaining visibility"]  # external_ties: a count
    assert "MINT.se" not in text  # 3 members
    assert "(best: MINTmachClub Fulda)" in lines["Fostering cooperation"]  # the densest of 5+ members
    assert "partial data" in lines["Making contacts"]
