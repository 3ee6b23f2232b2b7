"""effects.csv on landscapes where the truth is known: memberships shuffled (no effect) or a planted one."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from mintgraph import analyze
from mintgraph.graph import cooperation_graph, network_members
from mintgraph.metrics.effects import BEFORE_AFTER, MATCHED, network_effects
from mintgraph.model import Dataset
from mintgraph.synth import generate_synthetic
from mintgraph.timeline import dataset_in_year, latest_year
from mintgraph.validate import check_records
from mintgraph.views.report_html import render_report


def synthetic(n: int, regions: int, seed: int) -> Dataset:
    tables = generate_synthetic(n, regions, seed=seed)
    report = check_records({k: v.astype(str).to_dict("records") for k, v in tables.items()})
    assert report.ok, report.errors
    return report.dataset


def shuffled(dataset: Dataset, seed: int) -> Dataset:
    """Memberships moved between actors of the same type and district, at random: each actor's
    whole set of memberships goes to another actor of its cell, so membership is independent of
    everything else given type and district — the null hypothesis, made true."""
    rng = np.random.default_rng(seed)
    mapping: dict[str, str] = {}
    for _, cell in dataset.actors.groupby(["type", "region"], sort=True):
        ids = cell["id"].to_numpy()
        mapping.update(zip(ids, rng.permutation(ids), strict=True))
    return replace(
        dataset, memberships=dataset.memberships.assign(actor_id=dataset.memberships["actor_id"].map(mapping))
    )


def planted(dataset: Dataset, network: str, extra: int, seed: int) -> Dataset:
    """Every direct member of ``network`` gets ``extra`` new partners from the founding year on,
    drawn among actors seated in districts where the network has no member — so the planted
    partners are never among the comparison actors (who would otherwise gain ties too)."""
    rng = np.random.default_rng(seed)
    members = set(dataset.memberships.loc[dataset.memberships["network_id"] == network, "actor_id"])
    actors = dataset.actors.set_index("id")
    seats = set(actors.loc[sorted(members), "region"])
    candidates = sorted(actors.index[~actors["region"].isin(seats)])
    year = int(dataset.networks.set_index("id").at[network, "founded"])
    rows = [
        {"source": actor, "target": partner, "type": "project", "since": year}
        for actor in sorted(members)
        for partner in rng.choice(candidates, size=extra, replace=False)
    ]
    extra_rows = pd.DataFrame(rows).reindex(columns=dataset.cooperations.columns)
    coops = pd.concat(
        [dataset.cooperations, extra_rows.astype(dataset.cooperations.dtypes)], ignore_index=True
    )
    return replace(dataset, cooperations=coops)


def test_shuffled_memberships_give_about_the_nominal_share_of_small_p_values():
    """With membership random within type × district there is nothing to find, for either design:
    raw p < 0.05 in about 5 % of the rows (the test may be conservative), adjusted p < 0.05 almost never."""
    base = synthetic(3000, 16, seed=7)
    year = latest_year(base)
    current = dataset_in_year(base, year)
    graph = cooperation_graph(current)
    raw, adjusted = [], []
    for k in range(12):
        null = shuffled(current, seed=k)
        table = network_effects(
            graph, null, history=base, reference_year=year, betweenness={}, permutations=199, seed=k
        )
        table = table[table["outcome"] != "betweenness"]  # no betweenness given: all zero
        raw += table["p_value"].dropna().tolist()
        adjusted += table["p_adjusted"].dropna().tolist()
    raw_share = np.mean(np.array(raw) < 0.05)
    assert len(raw) >= 150
    assert 0.0 < raw_share <= 0.10, raw_share
    assert np.mean(np.array(adjusted) < 0.05) <= 0.05


@pytest.fixture(scope="module")
def planted_landscape():
    base = synthetic(4000, 8, seed=4)
    null = shuffled(base, seed=1)  # the generator's own member ties are spread out first
    regional = null.networks[null.networks["parent"].fillna("") != ""]
    sizes = null.memberships["network_id"].value_counts()
    network = max(regional["id"], key=lambda n: (sizes.get(n, 0), n))
    return planted(null, network, extra=4, seed=2), network


def test_a_planted_effect_is_found_with_an_interval_above_zero(planted_landscape):
    dataset, network = planted_landscape
    result = analyze(dataset, permutations=499)
    rows = result.effects.set_index(["network", "outcome", "design"])
    row = rows.loc[(network, "degree", MATCHED)]
    assert row["ci_low"] > 0 and row["p_adjusted"] < 0.05
    assert row["difference"] == pytest.approx(4, abs=1.6)  # four extra partners (sampling error about 0.6)
    outside = rows.loc[(network, "cross_district_partners", MATCHED)]
    assert outside["ci_low"] > 0  # the planted partners sit in other districts
    # the other regional networks got nothing planted: none of their degree rows is clear
    others = result.effects[
        (result.effects["network"] != network)
        & (result.effects["outcome"] == "degree")
        & (result.effects["design"] == MATCHED)
        & ~result.effects["network"].isin(_umbrellas_above(result.dataset, network))
    ]
    assert (others["p_adjusted"].fillna(1) >= 0.05).all()
    for lang, words in (
        ("en", f"Members of {_name(result, network)} have on average"),
        ("de", f"Mitglieder von {_name(result, network)} haben im Mittel"),
    ):
        page = render_report(result, lang=lang)
        section = page[page.index('id="effects"') : page.index('id="trends"')]
        assert words in section
        for causal in ("creates", "caused by", "leads to", "bewirkt", "führt zu", "verursacht durch"):
            assert causal not in section.split("</ul>")[0].split('id="effect-findings"')[-1]


def _name(result, network):
    return result.dataset.networks.set_index("id").at[network, "name"]


def _umbrellas_above(dataset: Dataset, network: str) -> set[str]:
    return {
        n
        for n, members in network_members(dataset).items()
        if n != network and members >= network_members(dataset)[network]
    }


def test_before_after_sees_ties_planted_after_founding(planted_landscape):
    dataset, network = planted_landscape
    founded = dataset.networks.set_index("id").at[network, "founded"]
    result = analyze(dataset, permutations=199)
    row = result.effects.set_index(["network", "outcome", "design"]).loc[(network, "degree", BEFORE_AFTER)]
    if pd.isna(founded) or int(founded) - int(dataset.cooperations["since"].min()) < 2:
        assert pd.isna(row["difference"]) and "before/after not possible" in row["note"]
    else:
        assert row["difference"] > 0
