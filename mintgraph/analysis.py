"""Run every indicator family on a dataset and return the output tables.

Example
-------
>>> from mintgraph.testing import tiny_dataset
>>> result = analyze(tiny_dataset())
>>> list(result.actors.columns[:5])
['id', 'name', 'type', 'region', 'region_name']
>>> result.summary["ties"]
5
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

import networkx as nx
import pandas as pd

from mintgraph.graph import cooperation_graph
from mintgraph.metrics.actors import actor_centrality
from mintgraph.metrics.brokerage import actor_brokerage
from mintgraph.metrics.cohesion import network_cohesion
from mintgraph.metrics.landscape import landscape_summary
from mintgraph.metrics.networks import network_table
from mintgraph.metrics.nexus import bridging_actors, community_comparison, network_quotient
from mintgraph.metrics.regions import region_table
from mintgraph.metrics.scorecard import HESSEN, plus_scorecard
from mintgraph.model import Dataset
from mintgraph.regions import ATTRIBUTION
from mintgraph.schema import TABLES

ACTOR_ID_COLUMNS = ("id", "name", "type", "region", "region_name", "municipality", "networks", "network_ids")
"""Descriptive columns of the actors table; the centralities follow them. No personal columns."""


@dataclass
class Analysis:
    """The result of :func:`analyze`: the output tables and the graph they were computed on."""

    dataset: Dataset
    graph: nx.Graph
    actors: pd.DataFrame
    networks: pd.DataFrame
    regions: pd.DataFrame
    network_pairs: pd.DataFrame
    scorecard: pd.DataFrame
    summary: dict[str, object] = field(default_factory=dict)

    def tables(self) -> dict[str, pd.DataFrame]:
        """The output tables by file stem (``actors``, ``networks``, ``regions``, ``network_pairs``, ``scorecard``)."""
        return {
            "actors": self.actors,
            "networks": self.networks,
            "regions": self.regions,
            "network_pairs": self.network_pairs,
            "scorecard": self.scorecard,
        }


def actor_table(graph: nx.Graph, dataset: Dataset) -> pd.DataFrame:
    """One row per actor: its descriptive columns and its centralities (in input order)."""
    actors = dataset.actors
    names = dataset.region_names()
    memberships = dataset.memberships["actor_id"].value_counts()
    network_ids = dataset.memberships.groupby("actor_id")["network_id"].agg(lambda s: "|".join(sorted(s)))
    table = pd.DataFrame(
        {
            "id": actors["id"],
            "name": actors["name"],
            "type": actors["type"],
            "region": actors["region"],
            "region_name": actors["region"].map(names),
            "municipality": actors["municipality"],
            "networks": actors["id"].map(memberships).fillna(0).astype(int),
            "network_ids": actors["id"].map(lambda a: network_ids.get(a, "")),
        }
    )
    table = (
        table.join(actor_centrality(graph), on="id")
        .join(actor_brokerage(graph, dataset), on="id")
        .join(bridging_actors(graph, dataset), on="id")
    )
    for col in ("degree", "weighted_degree"):
        table[col] = table[col].astype(int)
    return table.reset_index(drop=True)


class _Steps:
    """Times named steps and reports each to an optional callback ``on_step(name, seconds)``."""

    def __init__(self, on_step: Callable[[str, float], None] | None) -> None:
        self.on_step = on_step

    @contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        yield
        if self.on_step is not None:
            self.on_step(name, time.perf_counter() - start)


def analyze(
    dataset: Dataset,
    *,
    seed: int = 42,
    permutations: int = 999,
    on_step: Callable[[str, float], None] | None = None,
) -> Analysis:
    """Compute every indicator for a dataset.

    Parameters
    ----------
    dataset : a validated dataset, from :func:`mintgraph.load`.
    seed : seed of every random step (permutation tests), so results are reproducible.
    permutations : permutations of the E-I significance tests (0 skips them).
    on_step : called as ``on_step(name, seconds)`` after each step (for progress and benchmarks).

    Returns
    -------
    :class:`Analysis` with ``actors``, ``networks``, ``regions`` tables, the ``summary``
    dict and the cooperation ``graph``.
    """
    step = _Steps(on_step)
    with step("cooperation graph"):
        graph = cooperation_graph(dataset)
    with step("actor centralities and brokerage"):
        actors = actor_table(graph, dataset)
    with step("networks"):
        networks = networks_with_cohesion(graph, dataset, seed=seed, permutations=permutations)
    with step("landscape as one network"):
        landscape = networks_with_cohesion(
            graph,
            landscape_network(dataset),
            seed=seed,
            permutations=permutations,
            betweenness=actors.set_index("id")["betweenness"],
        )
    with step("network of networks and communities"):
        quotient = network_quotient(graph, dataset)
        communities, comparison = community_comparison(graph, dataset, seed=seed)
        actors["community"] = actors["id"].map(communities)
    with step("regions"):
        regions = region_table(graph, dataset)
    with step("landscape"):
        summary = landscape_summary(graph, dataset)
        summary["communities"] = comparison
    with step("scorecard"):
        scorecard = plus_scorecard(networks, landscape.iloc[0])
    return Analysis(
        dataset=dataset,
        graph=graph,
        actors=actors,
        networks=networks,
        regions=regions,
        network_pairs=quotient,
        scorecard=scorecard,
        summary=summary,
    )


def networks_with_cohesion(
    graph: nx.Graph,
    dataset: Dataset,
    *,
    seed: int,
    permutations: int,
    betweenness: pd.Series | None = None,
) -> pd.DataFrame:
    """``networks.csv``: the size and boundary columns, then the cohesion columns, one row per network.

    ``betweenness`` (by actor id, the ``betweenness`` column of the actors table) saves computing
    it again for a network that holds every actor, such as the landscape as one network.
    """
    cohesion = network_cohesion(
        graph,
        dataset,
        seed=seed,
        permutations=permutations,
        betweenness=None if betweenness is None else betweenness.to_dict(),
    )
    return network_table(graph, dataset).join(cohesion, on="id")


def landscape_network(dataset: Dataset, network_id: str = HESSEN) -> Dataset:
    """The dataset with one network only, holding every actor and covering every district.

    Running the network indicators on it gives the landscape-wide values of the scorecard
    with exactly the same definitions as for each network. The landscape is "founded" in the
    year of its first cooperation, and an actor "joins" with its first cooperation.

    >>> from mintgraph.testing import tiny_dataset
    >>> whole = landscape_network(tiny_dataset())
    >>> whole.networks["id"].tolist(), len(whole.memberships)
    (['hessen'], 6)
    """
    name = "Hessen" if dataset.region_source == ATTRIBUTION else "all actors"
    networks = pd.DataFrame([dict.fromkeys(TABLES["networks"].column_names, "")])
    networks = networks.assign(id=network_id, name=name, regions="|".join(dataset.regions["code"]))
    first_year = dataset.cooperations["since"].min()  # the landscape "starts" with its first cooperation
    networks["founded"] = pd.array([None if pd.isna(first_year) else int(first_year)], dtype="Int64")
    memberships = pd.DataFrame(
        dict.fromkeys(TABLES["memberships"].column_names, ""), index=dataset.actors.index
    )
    memberships = memberships.assign(actor_id=dataset.actors["id"], network_id=network_id, role="member")
    coops = dataset.cooperations
    ends = pd.concat(
        [
            coops[["source", "since"]].set_axis(["id", "since"], axis=1),
            coops[["target", "since"]].set_axis(["id", "since"], axis=1),
        ]
    )
    entry = ends.groupby("id")["since"].min()  # an actor enters the landscape with its first cooperation
    memberships["since"] = pd.array(dataset.actors["id"].map(entry), dtype="Int64")
    return replace(dataset, networks=networks, memberships=memberships.reset_index(drop=True))
