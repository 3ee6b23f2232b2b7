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
from dataclasses import dataclass, field

import networkx as nx
import pandas as pd

from mintgraph.graph import cooperation_graph
from mintgraph.metrics.actors import actor_centrality
from mintgraph.metrics.brokerage import actor_brokerage
from mintgraph.metrics.landscape import landscape_summary
from mintgraph.metrics.networks import network_table
from mintgraph.metrics.regions import region_table
from mintgraph.model import Dataset

ACTOR_ID_COLUMNS = ("id", "name", "type", "region", "region_name", "municipality", "networks")
"""Descriptive columns of the actors table; the centralities follow them. No personal columns."""


@dataclass
class Analysis:
    """The result of :func:`analyze`: the output tables and the graph they were computed on."""

    dataset: Dataset
    graph: nx.Graph
    actors: pd.DataFrame
    networks: pd.DataFrame
    regions: pd.DataFrame
    summary: dict[str, object] = field(default_factory=dict)

    def tables(self) -> dict[str, pd.DataFrame]:
        """The output tables by file stem (``actors``, ``networks``, ``regions``)."""
        return {"actors": self.actors, "networks": self.networks, "regions": self.regions}


def actor_table(graph: nx.Graph, dataset: Dataset) -> pd.DataFrame:
    """One row per actor: its descriptive columns and its centralities (in input order)."""
    actors = dataset.actors
    names = dataset.region_names()
    memberships = dataset.memberships["actor_id"].value_counts()
    table = pd.DataFrame(
        {
            "id": actors["id"],
            "name": actors["name"],
            "type": actors["type"],
            "region": actors["region"],
            "region_name": actors["region"].map(names),
            "municipality": actors["municipality"],
            "networks": actors["id"].map(memberships).fillna(0).astype(int),
        }
    )
    table = table.join(actor_centrality(graph), on="id").join(actor_brokerage(graph, dataset), on="id")
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


def analyze(dataset: Dataset, *, on_step: Callable[[str, float], None] | None = None) -> Analysis:
    """Compute every indicator for a dataset.

    Parameters
    ----------
    dataset : a validated dataset, from :func:`mintgraph.load`.
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
        networks = network_table(graph, dataset)
    with step("regions"):
        regions = region_table(graph, dataset)
    with step("landscape"):
        summary = landscape_summary(graph, dataset)
    return Analysis(
        dataset=dataset, graph=graph, actors=actors, networks=networks, regions=regions, summary=summary
    )
