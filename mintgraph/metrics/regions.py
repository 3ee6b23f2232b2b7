"""Actors, activities and ties per district.

For a district :math:`D`:

* ``actors``, ``activities`` — actors seated in / activities taking place in :math:`D`;
  ``actors_per_100k``, ``activities_per_100k`` relative to the population.
* ``ties_inside`` — cooperation ties with both actors in :math:`D`.
* ``ties_to_other_districts`` — ties with exactly one actor in :math:`D`; of those,
  ``ties_to_neighbours`` go to a district sharing a border with :math:`D`.
* ``networks`` — number of networks whose declared area covers :math:`D`;
  ``network_ids`` lists them.

Example
-------
>>> from mintgraph.graph import cooperation_graph
>>> from mintgraph.testing import tiny_dataset
>>> ds = tiny_dataset()
>>> t = region_table(cooperation_graph(ds), ds).set_index("code")
>>> t.loc["06611", ["actors", "ties_inside", "ties_to_other_districts", "ties_to_neighbours"]].tolist()
[2, 1, 3, 2]
"""

from __future__ import annotations

import math

import networkx as nx
import pandas as pd

from mintgraph.model import Dataset, split_multi


def region_table(graph: nx.Graph, dataset: Dataset) -> pd.DataFrame:
    """One row per district (all districts of the region table, also empty ones)."""
    region_of = dict(zip(dataset.actors["id"], dataset.actors["region"], strict=True))
    neighbours = {
        row.code: set(split_multi(row.neighbours)) for row in dataset.regions.itertuples(index=False)
    }
    inside: dict[str, int] = dict.fromkeys(neighbours, 0)
    crossing: dict[str, int] = dict.fromkeys(neighbours, 0)
    to_neighbours: dict[str, int] = dict.fromkeys(neighbours, 0)
    for u, v in graph.edges:
        ru, rv = region_of[u], region_of[v]
        if ru == rv:
            inside[ru] += 1
            continue
        adjacent = rv in neighbours[ru] or ru in neighbours[rv]
        for r in (ru, rv):
            crossing[r] += 1
            to_neighbours[r] += adjacent
    covering: dict[str, list[str]] = {code: [] for code in neighbours}
    for net in dataset.networks.itertuples(index=False):
        for code in split_multi(net.regions):
            covering[code].append(net.id)
    actor_counts = dataset.actors["region"].value_counts()
    activity_counts = dataset.activities["region"].value_counts()
    rows = []
    for reg in dataset.regions.itertuples(index=False):
        population = reg.population
        actors = int(actor_counts.get(reg.code, 0))
        activities = int(activity_counts.get(reg.code, 0))
        per_100k = (
            100_000 / population if population and not pd.isna(population) and population > 0 else math.nan
        )
        rows.append(
            {
                "code": reg.code,
                "name": reg.name,
                "group": reg.group,
                "population": population,
                "actors": actors,
                "activities": activities,
                "actors_per_100k": actors * per_100k,
                "activities_per_100k": activities * per_100k,
                "ties_inside": inside[reg.code],
                "ties_to_other_districts": crossing[reg.code],
                "ties_to_neighbours": to_neighbours[reg.code],
                "networks": len(covering[reg.code]),
                "network_ids": "|".join(covering[reg.code]),
            }
        )
    table = pd.DataFrame(rows)
    table["population"] = table["population"].astype("Int64")
    return table
