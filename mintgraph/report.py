"""The content of ``report.html``: findings in plain language, time series, provenance — as data.

Everything the funder's report says is computed here from an :class:`~mintgraph.analysis.Analysis`,
language-neutral; :mod:`mintgraph.views.report_html` puts it into words (German or English)
and onto the page.

* :func:`summary_findings` — the executive summary as a list of :class:`Finding` records
  (a sentence key and its numbers/names), e.g. the densest network, the districts with
  activities but no network, the actors whose departure would split the graph.
* :func:`mintgraph.metrics.timeseries.time_series` (``Analysis.time_series``) — the landscape rebuilt for each year (:func:`mintgraph.timeline.dataset_in_year`)
  with only the cheap steps: the cooperation graph and :func:`~mintgraph.metrics.networks.network_table`
  (ties, members, density and E-I index per network and year).
* :func:`provenance` — per input table, how many rows cite a URL, how many are ``synthetic``.
* :func:`report_date` — the date printed on the report: ``SOURCE_DATE_EPOCH`` if set, else today.

Example
-------
>>> from mintgraph.analysis import analyze
>>> from mintgraph.testing import tiny_dataset
>>> result = analyze(tiny_dataset(), permutations=0)
>>> [f.key for f in summary_findings(result)][:2]
['overview', 'small_networks']
>>> summary_findings(result)[1].values["names"]  # too small to be ranked
['Netz A', 'Netz B']
"""

from __future__ import annotations

import datetime as dt
import math
import os
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from mintgraph.analysis import Analysis
from mintgraph.graph import network_members
from mintgraph.metrics.brokerage import CUT_OFF_THRESHOLD, critical_cut_points
from mintgraph.metrics.effects import BEFORE_AFTER, SIGNIFICANCE
from mintgraph.metrics.networks import SMALL_NETWORK_MEMBERS, rankable_networks
from mintgraph.model import Dataset, split_multi
from mintgraph.timeline import latest_year

SOURCE_COLUMNS: dict[str, str] = {
    "actors": "source",
    "networks": "source",
    "memberships": "source",
    "cooperations": "source_ref",
    "activities": "source",
    "network_links": "source",
}
"""The column of each input table that names where a row comes from."""

SYNTHETIC = "synthetic"
"""The ``source`` value of a row made by the seeded generator (see data/README.md)."""

TOP_ACTORS = 3
"""How many single points of failure the summary names."""


@dataclass(frozen=True)
class Finding:
    """One sentence of the executive summary: its key (``report_sum_<key>`` in i18n) and its values."""

    key: str
    values: dict[str, Any] = field(default_factory=dict)
    """The numbers and names the sentence quotes, by placeholder; their types differ by key
    (counts, shares, ``None``, names, lists of names)."""
    example: bool = False
    """True when the sentence names an organisation but rests on synthetic rows
    (:func:`rests_on_example`): the report marks it as example data."""


def regional_networks(networks: pd.DataFrame) -> pd.DataFrame:
    """The networks that are not umbrellas (``level == "network"``), in input order.

    >>> from mintgraph.analysis import analyze
    >>> from mintgraph.testing import tiny_dataset
    >>> regional_networks(analyze(tiny_dataset(), permutations=0).networks)["id"].tolist()
    ['net-a', 'net-b']
    """
    return networks[networks["level"] == "network"]


def _first(table: pd.DataFrame, column: str, *, ascending: bool) -> pd.Series | None:
    """The row with the highest (or lowest) value of ``column``, ties broken by the smaller id."""
    rows = table.dropna(subset=[column])
    if rows.empty:
        return None
    return rows.sort_values([column, "id"], ascending=[ascending, True]).iloc[0]


def summary_findings(result: Analysis) -> list[Finding]:
    """The executive summary as data: one :class:`Finding` per sentence, in reading order.

    Networks are ranked only among those with at least
    :data:`~mintgraph.metrics.networks.SMALL_NETWORK_MEMBERS` members
    (:func:`~mintgraph.metrics.networks.rankable_networks`): below that, density and E-I index
    reach their extremes by construction. A finding that names an organisation and rests on
    synthetic rows has ``example=True`` (:func:`rests_on_example`). Keys and values:

    * ``overview`` — ``actors``, ``networks`` (regional, umbrellas excluded), ``ties``, ``districts``
      (with actors), ``year`` (the reference year: ties active then), ``ended`` (ties left out);
    * ``densest`` / ``sparsest`` — the regional network with the highest / lowest ``density``
      (ties by id): ``name``, ``density``, ``members`` (sparsest only if it differs);
    * ``small_networks`` — ``names`` of the regional networks too small to be ranked, ``size``;
    * ``most_open`` — the regional network whose E-I index lies furthest **above** its
      expectation under the regional null model (``ei_index_excess``): ``name``, ``ei_index``,
      ``expected``, ``q`` (Benjamini–Hochberg) — left out without permutation tests;
    * ``cross_district`` — ``share`` of all ties that cross a district border;
    * ``white_spots`` — ``districts``: names of the districts with activities but no network,
      ``population`` and ``activities_per_100k`` of each, ``share`` of the population they hold
      (``no_white_spots`` if there are none);
    * ``mint_without_network`` — ``districts``: the seed's above-average MINT districts no
      network covers (left out if none);
    * ``cut_points`` — ``count`` of articulation points, ``critical``: how many of them cut off
      at least ``threshold`` actors (:data:`~mintgraph.metrics.brokerage.CUT_OFF_THRESHOLD`),
      ``names`` and ``cut_off`` of the :data:`TOP_ACTORS` largest, ``fictional`` (per name:
      a synthetic actor row) — ``no_critical_cut_points`` when none reaches the threshold,
      ``no_cut_points`` when there are none at all;
    * ``fragile`` — the regional network with the lowest ``robustness_3`` (``name``, ``robustness``,
      ``key_actor`` name, ``key_fictional``, and ``connected``: its ``largest_component_share``
      before anyone leaves, since a network that is already fragmented scores low from the start).

    Example
    -------
    >>> from mintgraph.analysis import analyze
    >>> from mintgraph.testing import tiny_dataset
    >>> f = {x.key: x.values for x in summary_findings(analyze(tiny_dataset(), permutations=0))}
    >>> f["small_networks"]["names"], "densest" in f  # every network of the tiny landscape is small
    (['Netz A', 'Netz B'], False)
    >>> f["no_critical_cut_points"]  # two cut points, each cutting off fewer than 5 actors
    {'count': 2, 'threshold': 5}
    """
    s = result.summary
    nets = regional_networks(result.networks)
    ranked = rankable_networks(nets)
    sources = provenance_index(result)
    members = network_members(result.dataset)
    findings = [
        Finding(
            "overview",
            {
                "actors": s["actors"],
                "networks": len(nets),
                "ties": s["ties"],
                "districts": s["districts_with_actors"],
                "year": s.get("reference_year"),
                "ended": int(s.get("ended_ties") or 0),
            },
        )
    ]
    densest = _first(ranked, "density", ascending=False)
    sparsest = _first(ranked, "density", ascending=True)
    if densest is not None:
        findings.append(_network_finding("densest", densest, sources.network(members[densest["id"]])))
        if sparsest is not None and sparsest["id"] != densest["id"]:
            findings.append(_network_finding("sparsest", sparsest, sources.network(members[sparsest["id"]])))
    small = nets[~nets["id"].isin(ranked["id"])]
    if len(small):
        findings.append(
            Finding("small_networks", {"names": small["name"].tolist(), "size": SMALL_NETWORK_MEMBERS})
        )
    most_open = _first(ranked, "ei_index_excess", ascending=False) if "ei_index_excess" in ranked else None
    if most_open is not None and finite(most_open.get("ei_index_excess")) is not None:
        findings.append(
            Finding(
                "most_open",
                {
                    "name": most_open["name"],
                    "ei_index": float(most_open["ei_index"]),
                    "expected": float(most_open["ei_index_expected"]),
                    "q": finite(most_open.get("ei_index_q")),
                },
                example=sources.network(members[most_open["id"]]),
            )
        )
    cross_district = s.get("cross_district_share")
    if cross_district is not None:
        findings.append(Finding("cross_district", {"share": float(cross_district)}))
    survey = s.get("survey_ties")
    if isinstance(survey, dict) and (
        any(survey[k] for k in ("mutual", "one_sided", "unconfirmed")) or s.get("mutual_only")
    ):
        surveyed = survey["mutual"] + survey["one_sided"] + survey["unconfirmed"]
        key = "survey_ties_mutual_only" if s.get("mutual_only") else "survey_ties"
        findings.append(
            Finding(
                key,
                {**survey, "surveyed": surveyed, "share": survey["mutual"] / surveyed if surveyed else None},
            )
        )
    cross_land = s.get("cross_land_share")
    if cross_land is not None and len(result.laender) > 1:
        share = float(cross_land)
        findings.append(Finding("cross_land", {"share": share, "count": len(result.laender)}))
    findings.append(_white_spots(result))
    regions = result.regions
    uncovered = regions.loc[
        regions["mint_above_average"].astype(bool) & (regions["networks"] == 0), "name"
    ].tolist()
    if uncovered:
        findings.append(Finding("mint_without_network", {"districts": uncovered}))
    findings.append(_cut_points(result, sources))
    fragile = _first(ranked, "robustness_3", ascending=True) if "robustness_3" in ranked else None
    if fragile is not None:
        names = dict(zip(result.actors["id"], result.actors["name"], strict=True))
        key = str(fragile.get("key_actor", "") or "")
        findings.append(
            Finding(
                "fragile",
                {
                    "name": fragile["name"],
                    "robustness": float(fragile["robustness_3"]),
                    "key_actor": names.get(key, ""),
                    "key_fictional": sources.fictional(key),
                    "connected": finite(fragile.get("largest_component_share")),
                },
                example=sources.network(members[fragile["id"]]),
            )
        )
    return findings


def _network_finding(key: str, row: pd.Series, example: bool) -> Finding:
    return Finding(
        key,
        {"name": row["name"], "density": float(row["density"]), "members": int(row["members"])},
        example=example,
    )


def _white_spots(result: Analysis) -> Finding:
    regions = result.regions
    white = regions[regions["white_spot"].astype(bool)]
    if white.empty:
        return Finding("no_white_spots")
    population = pd.to_numeric(regions["population"], errors="coerce")
    total = float(population.sum())
    held = float(pd.to_numeric(white["population"], errors="coerce").sum())
    return Finding(
        "white_spots",
        {
            "districts": white["name"].tolist(),
            "codes": white["code"].tolist(),
            "population": [finite(v) for v in white["population"]],
            "activities_per_100k": [finite(v) for v in white["activities_per_100k"]],
            "share": held / total if total > 0 else None,
        },
    )


def _cut_points(result: Analysis, sources: ProvenanceIndex) -> Finding:
    actors = result.actors
    count = int(actors["articulation_point"].astype(bool).sum())
    if not count:
        return Finding("no_cut_points")
    critical = critical_cut_points(actors)
    if critical.empty:
        return Finding("no_critical_cut_points", {"count": count, "threshold": CUT_OFF_THRESHOLD})
    top = critical.head(TOP_ACTORS)
    return Finding(
        "cut_points",
        {
            "count": count,
            "critical": len(critical),
            "threshold": CUT_OFF_THRESHOLD,
            "names": top["name"].tolist(),
            "cut_off": [int(v) for v in top["cut_off_actors"]],
            "fictional": [sources.fictional(a) for a in top["id"]],
        },
        example=any(sources.actor(a) for a in top["id"]),
    )


class ProvenanceIndex:
    """Which rows are example data: synthetic actor rows and the synthetic cooperation rows at
    each actor, counted once for :func:`rests_on_example` and :func:`network_provenance`.

    >>> from mintgraph.testing import tiny_dataset
    >>> index = ProvenanceIndex(tiny_dataset())
    >>> index.actor("s1"), index.fictional("s1"), index.network({"s1", "u1"})
    (False, False, False)
    """

    def __init__(self, dataset: Dataset) -> None:
        coops = dataset.cooperations
        synthetic = (_kinds(coops[SOURCE_COLUMNS["cooperations"]]) == SYNTHETIC).to_numpy()
        # the actors at an end of a synthetic cooperation row
        self._synthetic_at = set(coops["source"].to_numpy(dtype=object)[synthetic].tolist())
        self._synthetic_at.update(coops["target"].to_numpy(dtype=object)[synthetic].tolist())
        actor_kinds = _kinds(dataset.actors[SOURCE_COLUMNS["actors"]])
        self._fictional = dict(zip(dataset.actors["id"], actor_kinds == SYNTHETIC, strict=True))

    def fictional(self, actor_id: str) -> bool:
        """Whether the actor's own row is synthetic (an invented organisation)."""
        return bool(self._fictional.get(actor_id, False))

    def actor(self, actor_id: str) -> bool:
        """Whether a claim about the actor rests on example data: its row or a cooperation at it is synthetic."""
        return self.fictional(actor_id) or actor_id in self._synthetic_at

    def network(self, members: set[str]) -> bool:
        """Whether a claim about a network rests on example data: a synthetic cooperation row with a member end."""
        # a synthetic row with a member end <=> some member has a synthetic row at it
        return not self._synthetic_at.isdisjoint(members)


def provenance_index(result: Analysis) -> ProvenanceIndex:
    """The :class:`ProvenanceIndex` of ``result``'s landscape, made once per result and kept with
    it (the report's and the terminal's wording ask for it several times; an analysis is not
    changed once made, and a result given another dataset gets its own index).

    >>> from mintgraph.analysis import analyze
    >>> from mintgraph.testing import tiny_dataset
    >>> result = analyze(tiny_dataset(), permutations=0)
    >>> provenance_index(result) is provenance_index(result)
    True
    """
    kept = result.__dict__.get("_provenance_index")
    if kept is None or kept[0] is not result.dataset:
        kept = result.__dict__["_provenance_index"] = (result.dataset, ProvenanceIndex(result.dataset))
    return kept[1]


def rests_on_example(dataset: Dataset, actors: set[str]) -> bool:
    """Whether a statement about these actors rests on example data.

    Rule (``docs/report.md``): a statement that names an organisation — an actor, or a
    network through its members — is made as a finding only when none of the rows it rests
    on is synthetic (``source`` / ``source_ref`` = ``synthetic``): the actor rows named and
    every cooperation row with an end among ``actors``. Otherwise the report marks it as
    example data.

    >>> from mintgraph.testing import tiny_dataset
    >>> rests_on_example(tiny_dataset(), {"s1"})
    False
    """
    index = ProvenanceIndex(dataset)
    return any(index.fictional(a) for a in actors) or index.network(set(actors))


def network_provenance(result: Analysis) -> pd.DataFrame:
    """Per network, how much of what its figures rest on is example data.

    For each network (umbrellas included), the cooperation rows in the analysed year with at
    least one member end (the rows behind its internal and external ties) and its membership
    rows (sub-networks' included), each counted as synthetic, with a source (a web address
    or other text) or without one (see :func:`provenance`).

    Returns
    -------
    DataFrame with columns ``id, name, cooperations, synthetic_cooperations, sourced_cooperations,
    memberships, synthetic_memberships, synthetic_share`` (share of the cooperation rows that are
    synthetic; NaN without rows), one row per network in input order.

    Example
    -------
    >>> from mintgraph.analysis import analyze
    >>> from mintgraph.testing import tiny_dataset
    >>> row = network_provenance(analyze(tiny_dataset(), permutations=0)).iloc[1]
    >>> row["id"], int(row["cooperations"]), float(row["synthetic_share"])
    ('net-a', 5, 0.0)
    """
    dataset = result.dataset
    coops = dataset.cooperations
    kinds = _kinds(coops[SOURCE_COLUMNS["cooperations"]])
    memberships = dataset.memberships
    member_kinds = _kinds(memberships[SOURCE_COLUMNS["memberships"]])
    members = network_members(dataset)
    hierarchy_rows = []
    for net in dataset.networks.itertuples(index=False):
        group = members[net.id]
        touched = coops["source"].isin(group) | coops["target"].isin(group)
        rows = kinds[touched]
        ms = member_kinds[memberships["actor_id"].isin(group)]
        synthetic = int((rows == SYNTHETIC).sum())
        hierarchy_rows.append(
            {
                "id": net.id,
                "name": net.name,
                "cooperations": len(rows),
                "synthetic_cooperations": synthetic,
                "sourced_cooperations": int(rows.isin(["url", "other"]).sum()),
                "memberships": len(ms),
                "synthetic_memberships": int((ms == SYNTHETIC).sum()),
                "synthetic_share": synthetic / len(rows) if len(rows) else float("nan"),
            }
        )
    columns = [
        "id",
        "name",
        "cooperations",
        "synthetic_cooperations",
        "sourced_cooperations",
        "memberships",
        "synthetic_memberships",
        "synthetic_share",
    ]
    return pd.DataFrame(hierarchy_rows, columns=columns)


TOP_PAIRS = 5
"""How many district pairs and network pairs the report lists under cross-border cooperation."""


def district_pairs(result: Analysis, top: int = TOP_PAIRS) -> pd.DataFrame:
    """The pairs of districts with the most ties between them (current ties).

    Returns
    -------
    DataFrame with columns ``district_a, district_b`` (codes, the smaller first),
    ``name_a, name_b``, ``ties`` and ``neighbours`` (the districts share a border), sorted by
    ``ties`` (descending), then codes; at most ``top`` rows.

    Example
    -------
    >>> from mintgraph.analysis import analyze
    >>> from mintgraph.testing import tiny_dataset
    >>> district_pairs(analyze(tiny_dataset(), permutations=0))[["district_a", "district_b", "ties"]].values.tolist()
    [['06611', '06633', 2], ['06611', '06631', 1]]
    """
    region = dict(zip(result.actors["id"], result.actors["region"], strict=True))
    counts: dict[tuple[str, str], int] = {}
    for u, v in result.graph.edges():
        a, b = str(region.get(u, "")), str(region.get(v, ""))
        if a and b and a != b:
            key = (min(a, b), max(a, b))
            counts[key] = counts.get(key, 0) + 1
    regions = result.dataset.regions
    names = dict(zip(regions["code"], regions["name"], strict=True))
    neighbours = {
        (min(c, n), max(c, n))
        for c, cell in zip(regions["code"], regions["neighbours"], strict=True)
        for n in split_multi(cell)
    }
    rows = [
        {
            "district_a": a,
            "district_b": b,
            "name_a": names.get(a, a),
            "name_b": names.get(b, b),
            "ties": n,
            "neighbours": (a, b) in neighbours,
        }
        for (a, b), n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:top]
    ]
    return pd.DataFrame(rows, columns=["district_a", "district_b", "name_a", "name_b", "ties", "neighbours"])


def network_pair_table(result: Analysis, top: int = TOP_PAIRS) -> pd.DataFrame:
    """The pairs of networks that work together most: counted ties across their boundaries and
    shared members, with documented links (``network_links.csv``) shown apart.

    Umbrella links (a network and its umbrella) are left out: they share members by definition.

    Returns
    -------
    DataFrame with columns ``network_a, network_b, name_a, name_b, cross_ties, shared_members,
    documented_links``, sorted by ``cross_ties + shared_members`` (descending), then ids;
    at most ``top`` rows.

    Example
    -------
    >>> from mintgraph.analysis import analyze
    >>> from mintgraph.testing import tiny_dataset
    >>> network_pair_table(analyze(tiny_dataset(), permutations=0))[["network_a", "network_b", "cross_ties"]].values.tolist()
    [['net-a', 'net-b', 1]]
    """
    pairs = result.network_pairs
    pairs = pairs[~pairs["umbrella"].astype(bool)].copy()
    names = dict(zip(result.networks["id"], result.networks["name"], strict=True))
    pairs["name_a"] = pairs["network_a"].map(names)
    pairs["name_b"] = pairs["network_b"].map(names)
    pairs["_work"] = pairs["cross_ties"] + pairs["shared_members"]
    pairs = pairs[(pairs["_work"] > 0) | (pairs["documented_links"] > 0)]
    pairs = pairs.sort_values(["_work", "network_a", "network_b"], ascending=[False, True, True]).head(top)
    columns = [
        "network_a",
        "network_b",
        "name_a",
        "name_b",
        "cross_ties",
        "shared_members",
        "documented_links",
    ]
    return pairs[columns].reset_index(drop=True)


def funding_options(result: Analysis) -> list[Finding]:
    """Options for funders: three to four evidence-backed starting points, each with its caveat.

    Generated from the numbers, never causal ("would", not "will"):

    * ``option_white_spot`` — the white spot with the most inhabitants (``name``,
      ``population``, ``activities_per_100k``): activities but no network;
    * ``option_school`` — the regional network (not small) with the lowest share of member ties
      between a school and an out-of-school actor (``name``, ``share``, ``landscape``: the
      share over all ties of the landscape);
    * ``option_bridge`` — two regional networks (not small) whose declared areas touch or
      overlap but that have the fewest counted ties between them (``name_a``, ``name_b``,
      ``ties``, ``documented``);
    * ``option_cut_point`` — the actor whose departure would cut off the most actors
      (``name``, ``cut_off``, ``fictional``), if one reaches the threshold.

    Each option is a :class:`Finding` (key ``report_<key>`` in i18n, caveat
    ``report_<key>_caveat``); ``example`` is set when it names an organisation on example data.

    >>> from mintgraph.analysis import analyze
    >>> from mintgraph.testing import tiny_dataset
    >>> [f.key for f in funding_options(analyze(tiny_dataset(), permutations=0))]
    []
    """
    options: list[Finding] = []
    white = _white_spots(result)
    if white.key == "white_spots":
        v = white.values
        biggest = max(range(len(v["districts"])), key=lambda i: (v["population"][i] or 0, -i))
        options.append(
            Finding(
                "option_white_spot",
                {
                    "name": v["districts"][biggest],
                    "population": v["population"][biggest],
                    "activities_per_100k": v["activities_per_100k"][biggest],
                },
            )
        )
    sources = provenance_index(result)
    members = network_members(result.dataset)
    ranked = rankable_networks(regional_networks(result.networks))
    weakest = _first(ranked, "school_outofschool_share", ascending=True)
    if weakest is not None:
        landscape = _landscape_school_share(result)
        options.append(
            Finding(
                "option_school",
                {
                    "name": weakest["name"],
                    "share": float(weakest["school_outofschool_share"]),
                    "landscape": landscape,
                },
                example=sources.network(members[weakest["id"]]),
            )
        )
    bridge = _weakest_bridge(result, set(ranked["id"]))
    if bridge is not None:
        a, b, ties, documented = bridge
        options.append(
            Finding(
                "option_bridge",
                {
                    "name_a": dict(zip(result.networks["id"], result.networks["name"], strict=True))[a],
                    "name_b": dict(zip(result.networks["id"], result.networks["name"], strict=True))[b],
                    "ties": ties,
                    "documented": documented,
                },
                example=sources.network(members[a] | members[b]),
            )
        )
    critical = critical_cut_points(result.actors)
    if len(critical):
        top = critical.iloc[0]
        options.append(
            Finding(
                "option_cut_point",
                {
                    "name": top["name"],
                    "cut_off": int(top["cut_off_actors"]),
                    "fictional": sources.fictional(top["id"]),
                },
                example=sources.actor(top["id"]),
            )
        )
    return options


def _landscape_school_share(result: Analysis) -> float | None:
    school = result.actors.set_index("id")["type"].eq("school").to_dict()
    ties = [(school.get(u, False), school.get(v, False)) for u, v in result.graph.edges()]
    return sum(a != b for a, b in ties) / len(ties) if ties else None


def _weakest_bridge(result: Analysis, candidates: set[str]) -> tuple[str, str, int, int] | None:
    """Two candidate networks whose declared areas touch or overlap, with the fewest counted ties."""
    regions = result.dataset.regions
    neighbours = {
        c: set(split_multi(cell)) for c, cell in zip(regions["code"], regions["neighbours"], strict=True)
    }
    area = {
        row.id: set(split_multi(row.regions))
        for row in result.dataset.networks.itertuples(index=False)
        if row.id in candidates
    }
    pairs = {
        (r.network_a, r.network_b): (int(r.cross_ties), int(r.documented_links))
        for r in result.network_pairs.itertuples(index=False)
    }
    found = []
    ids = sorted(i for i in area if area[i])
    for i, a in enumerate(ids):
        reach = area[a] | {n for c in area[a] for n in neighbours.get(c, set())}
        for b in ids[i + 1 :]:
            if reach & area[b]:
                ties, documented = pairs.get((a, b), pairs.get((b, a), (0, 0)))
                found.append((ties, a, b, documented))
    if not found:
        return None
    ties, a, b, documented = min(found)
    return a, b, ties, documented


def data_status_year(result: Analysis) -> int | None:
    """The year the data describes ("Stand"): the reference year of the analysis, else the
    data's last year (:func:`mintgraph.timeline.latest_year`) — never the print date.

    >>> from mintgraph.analysis import analyze
    >>> from mintgraph.testing import tiny_dataset
    >>> data_status_year(analyze(tiny_dataset(), permutations=0))
    2020
    """
    year = result.summary.get("reference_year")
    return int(year) if year is not None else latest_year(result.history)


def _kind(value: object) -> str:
    text = str(value or "").strip()
    if not text:
        return "empty"
    if text.lower() == SYNTHETIC:
        return "synthetic"
    if "http://" in text or "https://" in text:
        return "url"
    return "other"


def _kinds(values: pd.Series) -> pd.Series:
    """:func:`_kind` of every cell (same index), computed once per distinct value."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    kinds = np.array([_kind(value) for value in uniques], dtype=object)
    return pd.Series(kinds[codes], index=values.index, dtype=object)


def provenance(dataset: Dataset) -> pd.DataFrame:
    """Where the rows come from, per input table.

    A row is counted as ``url`` if its source column (:data:`SOURCE_COLUMNS`) contains an
    ``http://`` or ``https://`` address, ``synthetic`` if it is exactly ``synthetic`` (the
    generator's mark), ``other`` for any other text and ``empty`` without a source.

    Returns
    -------
    DataFrame with columns ``table, rows, url, synthetic, other, empty``, one row per table.

    Example
    -------
    >>> from mintgraph.testing import tiny_dataset
    >>> provenance(tiny_dataset()).iloc[0].to_dict()
    {'table': 'actors', 'rows': 6, 'url': 0, 'synthetic': 0, 'other': 0, 'empty': 6}
    """
    rows = []
    for table, column in SOURCE_COLUMNS.items():
        frame = getattr(dataset, table)
        values = frame[column] if column in frame.columns else pd.Series([""] * len(frame))
        kinds = _kinds(values).value_counts()
        rows.append(
            {
                "table": table,
                "rows": len(frame),
                **{k: int(kinds.get(k, 0)) for k in ("url", "synthetic", "other", "empty")},
            }
        )
    return pd.DataFrame(rows, columns=["table", "rows", "url", "synthetic", "other", "empty"])


def report_date(date: dt.date | None = None) -> dt.date:
    """The date printed on the report.

    ``date`` if given; else the UTC date of the ``SOURCE_DATE_EPOCH`` environment variable
    (seconds since 1970, the reproducible-builds convention) if set; else today.

    >>> report_date(dt.date(2026, 1, 31))
    datetime.date(2026, 1, 31)
    >>> from unittest import mock
    >>> with mock.patch.dict(os.environ, {"SOURCE_DATE_EPOCH": "0"}):
    ...     report_date()
    datetime.date(1970, 1, 1)
    """
    if date is not None:
        return date
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


def finite(value: Any) -> float | None:
    """A number as float, or ``None`` when missing or not finite.

    >>> finite(0.5), finite(float("nan")), finite(None), finite("x")
    (0.5, None, None, None)
    """
    try:
        number = float(value)  # anything float() takes; the rest is caught
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


EFFECT_SENTENCES = 10
"""How many clear differences the report states as sentences; the rest are bold in its table."""

EFFECT_ORDER = (
    "degree",
    "before_after",
    "cross_district_partners",
    "school_outofschool_partners",
    "partners_outside_network",
    "betweenness",
)
"""The order in which clear differences are stated: partners first, then the change since founding."""


def effect_highlights(findings: list[Finding], limit: int) -> tuple[list[Finding], int]:
    """The first ``limit`` findings of :func:`effect_findings` by :data:`EFFECT_ORDER` (stable in
    table order otherwise), and how many clear findings were left out.

    >>> f = [Finding("effect_matched", {"outcome": "betweenness"}), Finding("effect_matched", {"outcome": "degree"})]
    >>> shown, rest = effect_highlights(f, 1)
    >>> shown[0].values["outcome"], rest
    ('degree', 1)
    """

    def rank(finding: Finding) -> int:
        outcome = "before_after" if finding.key == "effect_before_after" else finding.values.get("outcome")
        return EFFECT_ORDER.index(outcome) if outcome in EFFECT_ORDER else len(EFFECT_ORDER)

    clear = [f for f in findings if f.key.startswith("effect_")]
    if not clear:
        return findings, 0
    ordered = sorted(clear, key=rank)
    return ordered[:limit], max(0, len(ordered) - limit)


EFFECT_COUNT_OUTCOMES = frozenset(
    {"degree", "cross_district_partners", "school_outofschool_partners", "partners_outside_network"}
)
"""Outcomes of ``effects.csv`` that count partners ("more" / "fewer" in a sentence)."""


def effect_findings(result: Analysis) -> list[Finding]:
    """The rows of ``effects.csv`` that are clear after the false-discovery-rate adjustment, as findings.

    A row is clear when ``p_adjusted`` < :data:`mintgraph.metrics.effects.SIGNIFICANCE` (0.05).
    Key ``effect_matched`` (values ``name``, ``outcome``, ``member_mean``, ``comparison_mean``,
    ``difference``, ``low``, ``high``, ``q``, ``members``, ``comparisons``) or
    ``effect_before_after`` (the same and ``founded``); ``example`` when the network's rows rest
    on synthetic data. With no clear row, one finding ``effects_none`` with ``tested``, the
    number of rows with a p-value (``effects_untested`` if no row has a comparison,
    ``effects_not_tested`` if differences were computed without permutation tests).

    >>> from mintgraph.analysis import analyze
    >>> from mintgraph.testing import tiny_dataset
    >>> [f.key for f in effect_findings(analyze(tiny_dataset(), permutations=99))]
    ['effects_untested']
    """
    effects = result.effects
    if effects.empty or effects["difference"].notna().sum() == 0:
        return [Finding("effects_untested")]
    if effects["p_adjusted"].notna().sum() == 0:
        return [Finding("effects_not_tested")]
    sources = provenance_index(result)
    members = network_members(result.dataset)
    founded = dict(zip(result.dataset.networks["id"], result.dataset.networks["founded"], strict=True))
    findings = []
    for row in effects[effects["p_adjusted"] < SIGNIFICANCE].itertuples(index=False):
        values = {
            "name": row.network_name,
            "outcome": row.outcome,
            "member_mean": float(row.member_mean),
            "comparison_mean": float(row.comparison_mean),
            "difference": float(row.difference),
            "low": float(row.ci_low),
            "high": float(row.ci_high),
            "q": float(row.p_adjusted),
            "members": int(row.members),
            "comparisons": int(row.comparisons),
        }
        key = "effect_matched"
        if row.design == BEFORE_AFTER:
            key = "effect_before_after"
            values["founded"] = int(founded[row.network])
        findings.append(Finding(key, values, example=sources.network(members.get(row.network, set()))))
    if not findings:
        return [Finding("effects_none", {"tested": int(effects["p_adjusted"].notna().sum())})]
    return findings
