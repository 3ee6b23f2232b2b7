"""Planted effect of `mintgraph generate --plant-effect` (mintgraph.synth.plant_effect): members of one
network get a known number of extra partners outside it, so the effects analysis can be checked
against a known answer."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import mintgraph
from mintgraph.cli import cli
from mintgraph.synth import _split, generate_synthetic, plant_effect

SEED = 1


@pytest.fixture(scope="module")
def base() -> dict[str, pd.DataFrame]:
    return generate_synthetic(2000, 8, seed=SEED)


@pytest.fixture(scope="module")
def planted() -> dict[str, pd.DataFrame]:
    return generate_synthetic(2000, 8, seed=SEED, plant_extra=3.0)


def members_of(tables: dict[str, pd.DataFrame], network: str) -> set[str]:
    m = tables["memberships"]
    return set(m.loc[m["network_id"] == network, "actor_id"])


def planted_network(tables: dict[str, pd.DataFrame]) -> str:
    notes = tables["networks"].set_index("id")["note"]
    ids = notes.index[notes.str.startswith("planted effect")].tolist()
    assert len(ids) == 1, ids
    return ids[0]


def rows_per_actor(tables: dict[str, pd.DataFrame]) -> Counter:
    coops = tables["cooperations"]
    return Counter(coops["source"].tolist() + coops["target"].tolist())


def partners(tables: dict[str, pd.DataFrame]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for a, b in zip(tables["cooperations"]["source"], tables["cooperations"]["target"], strict=True):
        out.setdefault(a, set()).add(b)
        out.setdefault(b, set()).add(a)
    return out


def test_same_seed_gives_identical_tables_and_input_is_not_modified(base):
    before = {k: v.copy() for k, v in base.items()}
    a = plant_effect(base, None, 2.5, seed=7)
    b = plant_effect(base, None, 2.5, seed=7)
    c = plant_effect(base, None, 2.5, seed=8)
    assert a.keys() == b.keys()
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name])
        pd.testing.assert_frame_equal(base[name], before[name])  # input untouched
    assert not a["cooperations"].equals(c["cooperations"])  # the seed matters
    again = generate_synthetic(2000, 8, seed=SEED, plant_extra=3.0)
    for name in again:
        pd.testing.assert_frame_equal(
            again[name], generate_synthetic(2000, 8, seed=SEED, plant_extra=3.0)[name]
        )


def test_default_is_the_largest_regional_network(base, planted):
    network = planted_network(planted)
    umbrellas = set(base["networks"]["parent"])
    counts = base["memberships"]["network_id"].value_counts()
    regional = counts[~counts.index.isin(umbrellas)]
    assert network not in umbrellas
    assert counts[network] == regional.max()
    assert network == min(regional.index[regional == regional.max()])
    assert planted["networks"].set_index("id").loc[network, "note"] == (
        "planted effect: +3 partners per member outside the network (synthetic test)"
    )
    # no other table and no other network row changes
    for name in ("actors", "memberships", "activities", "network_links"):
        pd.testing.assert_frame_equal(planted[name], base[name])
    others = planted["networks"]["id"] != network
    pd.testing.assert_frame_equal(planted["networks"][others], base["networks"][others])


def test_members_get_about_extra_more_rows_and_partners_others_unchanged(base, planted):
    network = planted_network(planted)
    members = members_of(base, network)
    assert len(members) >= 30  # enough for the averages below
    # the existing rows stay first and unchanged
    n = len(base["cooperations"])
    pd.testing.assert_frame_equal(planted["cooperations"].iloc[:n], base["cooperations"])
    before, after = rows_per_actor(base), rows_per_actor(planted)
    growth = sum(after[m] - before[m] for m in members) / len(members)
    # extra = 3 is a whole number: exactly 3 rows per member, fewer only where a member's
    # district ran out of non-member actors it is not yet tied to (thousands here, so never)
    assert growth == pytest.approx(3.0, abs=1e-9)
    # every new row is a new partner, so the distinct partners grow by the same amount
    p0, p1 = partners(base), partners(planted)
    partner_growth = sum(len(p1.get(m, ())) - len(p0.get(m, ())) for m in members) / len(members)
    assert partner_growth == pytest.approx(3.0, abs=1e-9)
    # actors outside the network's districts (none of them a member) are untouched
    covered = set(_split(base["networks"].set_index("id").loc[network, "regions"]))
    actors = base["actors"]
    outside = actors.loc[~actors["region"].isin(covered), "id"]
    assert len(outside) > 100
    assert not set(outside) & members
    assert all(after[a] == before[a] for a in outside)
    # non-members of the network's districts only gain the member ties as partners
    inside = set(actors.loc[actors["region"].isin(covered), "id"]) - members
    gained = sum(after[a] - before[a] for a in inside)
    assert gained == len(planted["cooperations"]) - n


def test_fractional_extra_is_the_mean(base):
    network = "n1"
    members = members_of(base, network)
    out = plant_effect(base, network, 1.5, seed=3)
    added = out["cooperations"].iloc[len(base["cooperations"]) :]
    per_member = added["source"].value_counts().reindex(sorted(members), fill_value=0)
    assert set(per_member) <= {1, 2}
    # each member gets 1 + Bernoulli(0.5): the mean's standard error is 0.5 / sqrt(m);
    # allow 4 of them (a false alarm about once in 16,000 seeds)
    tolerance = 4 * 0.5 / len(members) ** 0.5
    assert per_member.mean() == pytest.approx(1.5, abs=tolerance)


def test_new_rows_are_new_partners_outside_the_network_after_founding(base, planted):
    network = planted_network(planted)
    members = members_of(base, network)
    added = planted["cooperations"].iloc[len(base["cooperations"]) :]
    assert len(added) == 3 * len(members)
    region = base["actors"].set_index("id")["region"]
    founded = int(base["networks"].set_index("id").loc[network, "founded"])
    m = base["memberships"]
    joined = m[m["network_id"] == network].set_index("actor_id")["since"].astype(int)
    since = added["since"].astype(int)
    assert (since >= founded).all()
    assert (since >= added["source"].map(joined)).all()
    assert (since <= 2026).all()
    assert added["source"].isin(members).all()
    assert not added["target"].isin(members).any()
    assert (added["source"].map(region) == added["target"].map(region)).all()
    assert (added["type"] == "project").all() and (added["until"] == "").all()
    assert (added["activity_id"] == "").all() and (added["source_ref"] == "synthetic").all()
    assert set(added["weight"]) <= {"1", "2", "3"}
    # same string format as the generator's rows
    assert list(added.columns) == list(base["cooperations"].columns)
    assert all(isinstance(v, str) for col in added.columns for v in added[col])
    # no pair appears twice and none was tied before
    old = {
        frozenset(p) for p in zip(base["cooperations"]["source"], base["cooperations"]["target"], strict=True)
    }
    new = [frozenset(p) for p in zip(added["source"], added["target"], strict=True)]
    assert len(set(new)) == len(new) and not set(new) & old


def test_errors_and_zero(base):
    with pytest.raises(ValueError, match="unknown network 'nope'"):
        plant_effect(base, "nope", 2.0, seed=1)
    with pytest.raises(ValueError, match="unknown network 'nope'"):
        generate_synthetic(100, 3, seed=1, plant_network="nope", plant_extra=1.0)
    with pytest.raises(ValueError, match="≥ 0"):
        plant_effect(base, None, -1.0, seed=1)
    same = plant_effect(base, None, 0.0, seed=1)
    for name in base:
        pd.testing.assert_frame_equal(same[name], base[name])


def test_planted_tables_load_without_problems(planted, tmp_path: Path):
    for name, table in planted.items():
        table.to_csv(tmp_path / f"{name}.csv", index=False)
    report = mintgraph.validate(tmp_path)
    assert report.ok and not report.warnings, [str(p) for p in report.problems[:3]]


def test_cli_plant_effect_writes_loadable_data_and_names_the_network(tmp_path: Path):
    args = ["generate", str(tmp_path), "--actors", "600", "--regions", "5", "--seed", "4"]
    result = CliRunner().invoke(cli, [*args, "--plant-effect", "2"])
    assert result.exit_code == 0, result.output
    networks = pd.read_csv(tmp_path / "networks.csv", dtype=str, keep_default_na=False)
    network = networks.loc[networks["note"].str.startswith("planted effect"), "id"].tolist()
    assert len(network) == 1
    assert f"planted effect: +2 partners per member outside {network[0]} (" in result.output
    dataset = mintgraph.load(tmp_path)
    members = set(dataset.memberships.loc[dataset.memberships["network_id"] == network[0], "actor_id"])
    assert len(dataset.cooperations) == 3000 + 2 * len(members)
    plain = CliRunner().invoke(cli, ["generate", str(tmp_path / "plain"), *args[2:]])
    assert plain.exit_code == 0 and "planted" not in plain.output


def test_cli_bad_plant_network_is_a_one_line_error(tmp_path: Path):
    args = ["generate", str(tmp_path / "x"), "--actors", "100", "--regions", "3"]
    result = CliRunner().invoke(cli, [*args, "--plant-effect", "2", "--plant-network", "nope"])
    assert result.exit_code != 0
    assert isinstance(result.exception, SystemExit)  # _fail, not an uncaught exception
    assert "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: unknown network 'nope'"), result.output
    assert not (tmp_path / "x").exists()
    negative = CliRunner().invoke(cli, [*args, "--plant-effect", "-1"])
    assert negative.exit_code == 2


def test_effects_analysis_sees_the_planted_partners(base, planted, tmp_path: Path):
    """The purpose: members' partners outside the network rise by the planted 3 in effects.csv."""

    def matched(tables: dict[str, pd.DataFrame], folder: Path) -> pd.DataFrame:
        folder.mkdir()
        for name, table in tables.items():
            table.to_csv(folder / f"{name}.csv", index=False)
        effects = mintgraph.analyze(mintgraph.load(folder)).effects
        rows = effects[(effects["network"] == planted_network(planted)) & (effects["design"] == "matched")]
        return rows.set_index("outcome")

    before, after = matched(base, tmp_path / "base"), matched(planted, tmp_path / "planted")
    outside_before, outside_after = (
        before.loc["partners_outside_network"],
        after.loc["partners_outside_network"],
    )
    assert outside_after["unmatched"] == 0
    # every member gains 3 partners outside the network; a comparison actor's new partner is a
    # member, which does not count for it, so the difference grows by exactly 3
    assert outside_after["comparison_mean"] == pytest.approx(outside_before["comparison_mean"])
    assert outside_after["difference"] - outside_before["difference"] == pytest.approx(3.0)
    assert outside_after["ci_low"] > 0 and outside_after["p_value"] < 0.05
    # degree: the comparison actors of the same districts gain the ties too, so less than 3 but more than 0
    growth = after.loc["degree", "difference"] - before.loc["degree", "difference"]
    assert 0.5 < growth < 3.0
