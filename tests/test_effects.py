"""effects.csv: members against comparable actors, checked by hand, by enumeration and by an oracle."""

from __future__ import annotations

import itertools
import math
from dataclasses import replace

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from mintgraph import analyze, load
from mintgraph.graph import cooperation_graph, network_members
from mintgraph.metrics.cohesion import permutation_p
from mintgraph.metrics.effects import (
    BEFORE_AFTER,
    EFFECT_COLUMNS,
    MATCHED,
    inverted_interval,
    matching_strata,
    network_effects,
    region_neighbours,
    stratified_difference,
)
from mintgraph.testing import TINY, tiny_dataset, write_tables

INTERFACE = (
    "network",
    "outcome",
    "design",
    "members",
    "comparisons",
    "member_mean",
    "comparison_mean",
    "difference",
    "ci_low",
    "ci_high",
    "p_value",
    "p_adjusted",
    "note",
)


# --- the estimator, by hand ---------------------------------------------------------------


def test_columns_start_with_the_interface_other_tools_read():
    assert EFFECT_COLUMNS[: len(INTERFACE)] == INTERFACE


def test_stratified_difference_by_hand():
    # stratum 0: member 3, others 1 and 2 -> 3 - 1.5 = 1.5; stratum 1: members 6 and 4, other 1 -> 5 - 1 = 4
    # weights by members: 1/3 and 2/3 -> 1.5/3 + 8/3 = 19/6
    y = np.array([3.0, 1.0, 2.0, 6.0, 4.0, 1.0, 100.0])
    members = np.array([True, False, False, True, True, False, False])
    strata = np.array([0, 0, 0, 1, 1, 1, -1])  # the last actor takes no part
    r = stratified_difference(y, members, strata, permutations=0)
    assert r["members"] == 3 and r["comparisons"] == 3
    assert r["member_mean"] == pytest.approx(13 / 3)
    assert r["comparison_mean"] == pytest.approx(1.5 / 3 + 2 * 1 / 3)
    assert r["difference"] == pytest.approx(19 / 6)


def _exact_p(y, members, strata, outcome=None):
    """Two-sided p over every within-stratum assignment (enumerated), like permutation_p."""

    def statistic(assign):
        values = y if outcome is None else outcome(assign)
        diff = 0.0
        total = assign.sum()
        for s in np.unique(strata[strata >= 0]):
            idx = strata == s
            m = assign[idx].sum()
            diff += m / total * (values[idx & assign].mean() - values[idx & ~assign].mean())
        return diff

    observed = statistic(members)
    blocks = []
    for s in np.unique(strata[strata >= 0]):
        idx = np.flatnonzero(strata == s)
        m = int(members[idx].sum())
        blocks.append([set(c) for c in itertools.combinations(idx.tolist(), m)])
    values = []
    for choice in itertools.product(*blocks):
        assign = np.zeros(len(y), dtype=bool)
        for c in choice:
            assign[list(c)] = True
        values.append(statistic(assign))
    values = np.array(values)
    greater = np.mean(values >= observed - 1e-12)
    less = np.mean(values <= observed + 1e-12)
    return min(1.0, 2 * min(greater, less)), observed


def test_permutation_p_matches_exact_enumeration():
    rng = np.random.default_rng(3)
    y = rng.poisson(3, size=14).astype(float)
    members = np.zeros(14, dtype=bool)
    members[[0, 1, 5, 9, 10]] = True
    y[members] += 2
    strata = np.array([0] * 5 + [1] * 4 + [2] * 5)
    exact, observed = _exact_p(y, members, strata)
    r = stratified_difference(y, members, strata, seed=1, permutations=20_000)
    assert r["difference"] == pytest.approx(observed)
    assert r["p_value"] == pytest.approx(exact, abs=0.01)


def test_partners_outside_are_recomputed_under_each_shuffle():
    """The coupled outcome: p from the vectorised test equals brute force over every assignment."""
    graph = nx.Graph([(0, 1), (0, 2), (1, 3), (2, 3), (3, 4), (4, 5), (5, 6), (6, 7), (1, 6), (2, 7), (0, 5)])
    n = 8
    adjacency = nx.to_scipy_sparse_array(graph, nodelist=range(n), format="csr").astype(float)
    members = np.array([True, True, False, False, True, False, False, False])
    strata = np.array([0, 0, 0, 0, 1, 1, 1, 1])
    degree = np.asarray(adjacency.sum(axis=1)).ravel()

    def outside(assign):
        return degree - adjacency @ assign.astype(float)

    exact, observed = _exact_p(outside(members), members, strata, outcome=outside)
    r = stratified_difference(
        outside(members), members, strata, seed=2, permutations=20_000, coupling=adjacency
    )
    assert r["difference"] == pytest.approx(observed)
    assert r["p_value"] == pytest.approx(exact, abs=0.015)


def test_interval_holds_zero_exactly_when_p_is_above_five_percent():
    rng = np.random.default_rng(5)
    for shift in (0.0, 0.5, 1.0, 2.0, 4.0):
        y = rng.normal(size=60)
        members = rng.random(60) < 0.3
        y[members] += shift
        strata = rng.integers(0, 4, size=60)
        r = stratified_difference(y, members, strata, seed=int(10 * shift), permutations=999)
        assert r["ci_low"] <= r["difference"] <= r["ci_high"]
        assert (r["ci_low"] < 0 < r["ci_high"]) == (r["p_value"] > 0.05), (shift, r)


def test_inverted_interval_covers_a_known_shift():
    """Under a constant shift the test-inversion interval covers it about 95 % of the time."""
    covered = 0
    runs = 100
    for k in range(runs):
        rng = np.random.default_rng(100 + k)
        y = rng.exponential(2.0, size=40)
        members = np.zeros(40, dtype=bool)
        members[rng.choice(40, 12, replace=False)] = True
        y[members] += 1.5
        strata = (np.arange(40) % 3).astype(int)
        r = stratified_difference(y, members, strata, seed=k, permutations=499)
        covered += r["ci_low"] <= 1.5 <= r["ci_high"]
    assert 0.88 <= covered / runs <= 1.0


def test_inverted_interval_of_a_symmetric_null():
    null = np.array([-2.0, -1.0, 0.0, 1.0, 2.0] * 200)
    low, high = inverted_interval(0.0, null, np.zeros(len(null)), level=0.95)
    assert (low, high) == (-2.0, 2.0)
    assert permutation_p(0.0, null, alternative="two-sided") == 1.0


# --- strata ---------------------------------------------------------------------------


def test_strata_keep_type_and_district_apart():
    types = np.array(["school", "school", "company", "company", "school"])
    districts = np.array(["A", "A", "A", "A", "B"])
    members = np.array([True, False, True, False, False])
    s = matching_strata(types, districts, members, ~members)
    assert s.code.tolist() == [0, 0, 1, 1, -1]  # the school in B is no comparison for A's schools
    assert s.unmatched == 0 and s.merged == 0


def test_a_cell_without_non_member_is_widened_to_neighbours_only():
    types = np.array(["museum"] * 4)
    districts = np.array(["A", "B", "C", "C"])
    members = np.array([True, False, False, True])
    # A's museum is a member and alone; B neighbours A, C does not
    s = matching_strata(types, districts, members, ~members, {"A": {"B"}, "B": {"A"}})
    assert s.code[0] == s.code[1] >= 0
    assert s.code[2] == s.code[3] >= 0 and s.code[2] != s.code[0]
    assert s.merged == 1 and s.unmatched == 0
    lonely = matching_strata(types, districts, members, ~members, {})
    assert lonely.unmatched == 1 and lonely.code[0] == -1


# --- the table on real data, against an independent implementation --------------------------


@pytest.fixture(scope="module")
def example():
    result = analyze(load("data"), permutations=199)
    return result


def _oracle_strata(dataset, members: set[str], pool: set[str]):
    """Strata with plain Python: cells (type, district); a cell with members and no pool joins
    the same type's cells in neighbouring districts (components of a graph of cells)."""
    actors = dataset.actors.set_index("id")
    cells: dict[tuple[str, str], set[str]] = {}
    for actor, row in actors.iterrows():
        if actor in members or actor in pool:
            cells.setdefault((row["type"], row["region"]), set()).add(actor)
    links = nx.Graph()
    links.add_nodes_from(cells)
    neighbours = region_neighbours(dataset)
    for (kind, district), ids in cells.items():
        if ids & members and not ids & pool:
            for other in neighbours.get(district, ()):
                if (kind, other) in cells:
                    links.add_edge((kind, district), (kind, other))
    strata = []
    for component in nx.connected_components(links):
        ids = set().union(*(cells[c] for c in component))
        if ids & members and ids & pool:
            strata.append(ids)
    return strata


def test_matched_differences_match_an_independent_implementation(example):
    graph, dataset = example.graph, example.dataset
    effects = example.effects.set_index(["network", "outcome", "design"])
    everyone = set(dataset.actors["id"])
    regions = dict(zip(dataset.actors["id"], dataset.actors["region"], strict=True))
    school = {a for a, t in zip(dataset.actors["id"], dataset.actors["type"], strict=True) if t == "school"}
    for network, members in network_members(dataset).items():
        strata = _oracle_strata(dataset, members, everyone - members)
        outcomes = {
            "degree": lambda a: graph.degree(a),
            "cross_district_partners": lambda a: sum(regions[b] != regions[a] for b in graph[a]),
            "school_outofschool_partners": lambda a: sum((b in school) != (a in school) for b in graph[a]),
            "partners_outside_network": lambda a, m=members: sum(b not in m for b in graph[a]),
        }
        total = sum(len(s & members) for s in strata)
        for outcome, value in outcomes.items():
            row = effects.loc[(network, outcome, MATCHED)]
            if not total:
                assert math.isnan(row["difference"])
                continue
            member_mean = sum(sum(value(a) for a in s & members) for s in strata) / total
            comparison = sum(
                len(s & members) / total * np.mean([value(a) for a in s - members]) for s in strata
            )
            assert row["members"] == len(members)
            assert row["unmatched"] == len(members) - total
            assert row["member_mean"] == pytest.approx(member_mean)
            assert row["comparison_mean"] == pytest.approx(comparison)
            assert row["difference"] == pytest.approx(member_mean - comparison)


def test_before_after_matches_a_hand_count(example):
    """The change in partners per year for the members of one network, counted year by year."""
    history = example.history
    table = example.effects
    (row,) = table[(table["network"] == "mint-forum-nordhessen") & (table["design"] == BEFORE_AFTER)].to_dict(
        "records"
    )
    coops = history.cooperations.dropna(subset=["since"])
    first, last = int(coops["since"].min()), int(example.summary["reference_year"])

    def partners(actor, year):
        active = coops[
            (coops["since"] <= year)
            & (coops["until"].isna() | (coops["until"] >= year))
            & ((coops["source"] == actor) | (coops["target"] == actor))
        ]
        return len((set(active["source"]) | set(active["target"])) - {actor})

    members = network_members(example.dataset)["mint-forum-nordhessen"]
    nowhere = set(example.dataset.actors["id"]) - set().union(*network_members(example.dataset).values())
    strata = _oracle_strata(example.dataset, members, nowhere)
    change = {}
    for actor in set().union(*strata):
        before = [partners(actor, y) for y in range(first, 2016)]
        after = [partners(actor, y) for y in range(2016, last + 1)]
        change[actor] = np.mean(after) - np.mean(before)
    total = sum(len(s & members) for s in strata)
    member_mean = sum(change[a] for s in strata for a in s & members) / total
    comparison = sum(len(s & members) / total * np.mean([change[a] for a in s - members]) for s in strata)
    assert row["member_mean"] == pytest.approx(member_mean)
    assert row["comparison_mean"] == pytest.approx(comparison)


def test_rows_without_a_number_say_why(example):
    effects = example.effects
    empty = effects[effects["difference"].isna()]
    assert len(empty) and (empty["note"].str.len() > 0).all()
    (wmk,) = effects[(effects["network"] == "mint-wmk") & (effects["design"] == BEFORE_AFTER)].to_dict(
        "records"
    )
    assert "fewer than 2 years before founding" in wmk["note"]  # founded 2011, data from 2011
    (umbrella,) = effects[
        (effects["network"] == "mint-regionen") & (effects["design"] == BEFORE_AFTER)
    ].to_dict("records")
    assert umbrella["note"].startswith("founding year unknown")


def test_p_adjusted_is_benjamini_hochberg_over_all_rows(example):
    from scipy.stats import false_discovery_control

    tested = example.effects.dropna(subset=["p_value"])
    expected = false_discovery_control(tested["p_value"].to_numpy(), method="bh")
    assert np.allclose(tested["p_adjusted"].to_numpy(), expected)
    assert (tested["p_adjusted"] >= tested["p_value"]).all()


def test_summary_records_method_and_seed(example):
    record = example.summary["effects"]
    assert record["seed"] == 42 and record["permutations"] == 199
    assert "within strata" in record["method"] and "Benjamini" in record["method"]
    assert record["rows"] == len(example.effects)


def test_same_input_and_seed_give_byte_identical_effects_csv(tmp_path):
    from click.testing import CliRunner

    from mintgraph.cli import cli

    outputs = []
    for name in ("a", "b"):
        result = CliRunner().invoke(cli, ["analyze", "data", "-o", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
        outputs.append((tmp_path / name / "effects.csv").read_bytes())
    assert outputs[0] == outputs[1]
    assert outputs[0].startswith(b"network,outcome,design,members,comparisons,member_mean,")


def test_a_row_depends_only_on_its_own_data_and_the_seed():
    ds = tiny_dataset()
    graph = cooperation_graph(ds)
    reordered = replace(ds, networks=ds.networks.iloc[::-1].reset_index(drop=True))
    a = network_effects(graph, ds, permutations=99).set_index(["network", "outcome", "design"])
    b = network_effects(graph, reordered, permutations=99).set_index(["network", "outcome", "design"])
    pd.testing.assert_series_equal(a["p_value"], b.loc[a.index, "p_value"])


def test_tiny_landscape_has_no_comparison_and_says_so(tmp_path):
    folder = write_tables(tmp_path / "data", TINY)
    table = analyze(load(folder), permutations=99).effects
    row = table.set_index(["network", "outcome", "design"]).loc[("net-a", "degree", MATCHED)]
    assert math.isnan(row["difference"]) and row["unmatched"] == 3
    assert "3 of 3 members have no comparable non-member" in row["note"]


def test_without_permutations_the_report_makes_no_claim_about_chance():
    from mintgraph.report import effect_findings
    from mintgraph.views.report_html import effect_sentence

    result = analyze(load("data"), permutations=0)
    assert result.effects["difference"].notna().any() and result.effects["p_value"].isna().all()
    findings = effect_findings(result)
    assert [f.key for f in findings] == ["effects_not_tested"]
    assert "without permutation tests" in effect_sentence(findings[0], "en")
