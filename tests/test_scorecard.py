"""The Plus scorecard: complete, honest, and consistent with the independently computed summary."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import mintgraph
from mintgraph.cli import cli
from mintgraph.export import OUTPUT_FILES
from mintgraph.metrics.scorecard import BOUNDARY_INDICATORS, HESSEN, PLUS

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
    run = CliRunner().invoke(cli, ["analyze", str(DATA), "-o", str(tmp_path)])
    assert run.exit_code == 0, run.output
    assert "Plus scorecard" in run.output
    assert "Ensuring quality" in run.output and "not measurable from network data" in run.output
    assert (tmp_path / "scorecard.csv").read_text(encoding="utf-8").startswith("scope,scope_name,plus,")


def test_example_outputs_are_identical_across_processes(tmp_path: Path):
    digests = []
    for hash_seed in ("0", "4242"):
        out = tmp_path / hash_seed
        env = dict(os.environ, PYTHONHASHSEED=hash_seed)
        subprocess.run(
            [sys.executable, "-m", "mintgraph", "analyze", str(DATA), "-o", str(out)],
            check=True,
            capture_output=True,
            env=env,
        )
        digests.append({p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out.iterdir())})
    assert digests[0] == digests[1]
    assert sorted(digests[0]) == sorted(OUTPUT_FILES)
