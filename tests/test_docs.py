"""Docs that can't rot: generated docs match the code, every output column is documented."""

from __future__ import annotations

import re
from pathlib import Path

from mintgraph.analysis import analyze
from mintgraph.metrics.scorecard import scorecard_markdown
from mintgraph.schema import data_format_markdown
from mintgraph.testing import tiny_dataset

ROOT = Path(__file__).resolve().parent.parent


def test_data_format_doc_is_generated_from_schema():
    assert (ROOT / "docs" / "data-format.md").read_text(encoding="utf-8") == data_format_markdown(), (
        "docs/data-format.md is stale: run python scripts/make_docs.py"
    )


def test_scorecard_doc_is_generated_from_the_plus_mapping():
    assert (ROOT / "docs" / "indicators" / "scorecard.md").read_text(
        encoding="utf-8"
    ) == scorecard_markdown(), "docs/indicators/scorecard.md is stale: run python scripts/make_docs.py"


def test_every_output_column_is_defined_in_indicators_doc():
    docs = [ROOT / "docs" / "indicators.md", *sorted((ROOT / "docs" / "indicators").glob("*.md"))]
    text = "\n".join(p.read_text(encoding="utf-8") for p in docs)
    documented = set(re.findall(r"`([a-z0-9_]+)`", text))
    result = analyze(tiny_dataset())
    names = {c for table in result.tables().values() for c in table.columns} | set(result.summary)
    missing = sorted(names - documented)
    assert not missing, f"not defined in docs/indicators.md: {missing}"


def test_readme_shows_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "mintgraph analyze" in readme
    test_command = re.search(r"^(\S*python -m pytest.*)$", readme, re.MULTILINE)
    assert test_command, "README must show the test command"
    assert test_command.group(1) in ci, ".ci/run must run the README's test command"


def test_every_compare_column_and_status_is_defined_in_compare_doc():
    from mintgraph.compare import ACTOR_STATUSES, SCOPES, TIE_STATUSES, compare_years

    text = (ROOT / "docs" / "indicators" / "compare.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z0-9_]+)`", text))
    change = compare_years(tiny_dataset(), 2014, 2019)
    names = {c for table in change.tables().values() for c in table.columns} | set(change.headline)
    names |= {*TIE_STATUSES, *ACTOR_STATUSES, *SCOPES}
    missing = sorted(names - documented)
    assert not missing, f"not defined in docs/indicators/compare.md: {missing}"
    index = (ROOT / "docs" / "indicators.md").read_text(encoding="utf-8")
    assert "(indicators/compare.md)" in index
    assert all(f"`{stem}.csv`" in index for stem in change.tables())


def test_example_figures_quoted_in_the_indicator_docs_are_current():
    """The docs quote the example's cut vertices and Louvain ranges; they must match a fresh run."""
    import mintgraph

    result = analyze(mintgraph.load(ROOT / "data"))
    actors_doc = (ROOT / "docs" / "indicators" / "actors.md").read_text(encoding="utf-8")
    cut = int(result.actors["articulation_point"].sum())
    pendant = int((result.actors["cut_off_actors"] == 1).sum())
    assert (
        f"In the bundled example {cut} of the 600 actors are cut\nvertices; {pendant} of them" in actors_doc
    )
    nexus_doc = " ".join((ROOT / "docs" / "indicators" / "network-of-networks.md").read_text().split())
    c = result.summary["communities"]
    quoted = (
        f"averages {c['stability']:.2f}, and an ARI with the declared networks between {c['ari_min']:.2f} "
        f"and {c['ari_max']:.2f} (median {c['ari_median']:.2f})"
    )
    assert quoted in nexus_doc
    assert f"(the consensus below has {c['ari']:.2f})" in nexus_doc
    # the worked example of effects.md: MINT-Forum Nordhessen's matched partners row and the count of tests
    effects_doc = (ROOT / "docs" / "indicators" / "effects.md").read_text(encoding="utf-8")
    row = result.effects.set_index(["network", "outcome", "design"]).loc[
        ("mint-forum-nordhessen", "degree", "matched")
    ]
    quoted = (
        f"| `degree` | matched | {row['members']} ({row['unmatched']}) | {row['comparisons']} | {row['strata']} | "
        f"{row['member_mean']:.2f} | {row['comparison_mean']:.2f} | {row['difference']:+.2f} | "
        f"{row['ci_low']:.2f} to {row['ci_high']:.2f} | {row['p_value']:.3f} | {row['p_adjusted']:.3f} |"
    )
    assert quoted in effects_doc
    tested = result.summary["effects"]["tested"]
    assert f"{len(result.effects)} rows, {tested} of\nthem with a p-value" in effects_doc
