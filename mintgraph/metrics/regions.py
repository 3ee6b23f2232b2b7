"""Actors, activities, ties and network coverage per district.

For a district :math:`D`:

* ``actors``, ``activities`` — actors seated in / activities taking place in :math:`D`;
  ``actors_per_100k``, ``activities_per_100k`` relative to the population.
* ``ties_inside`` — cooperation ties with both actors in :math:`D`.
* ``ties_to_other_districts`` — ties with exactly one actor in :math:`D`; of those,
  ``ties_to_neighbours`` go to a district sharing a border with :math:`D` and
  ``ties_to_distant`` (the rest) to a district that does not.
* ``ties_per_100k`` — ``(ties_inside + ties_to_other_districts)`` per 100,000
  inhabitants: every tie an actor of :math:`D` takes part in, once.
* ``networks`` — number of networks whose declared area covers :math:`D`;
  ``network_ids`` lists them.
* ``white_spot`` — :math:`D` has activities but no network covers it.
* ``activities_without_network`` — activities in :math:`D` whose provider is a member of
  no network.
* ``mint_above_average`` — :math:`D` is one of the ten Hessen districts with an
  above-average share of MINT workers (:func:`mintgraph.regions.mint_above_average_codes`,
  matched by district code; false everywhere for another state's districts).

Example
-------
>>> from mintgraph.graph import cooperation_graph
>>> from mintgraph.testing import tiny_dataset
>>> ds = tiny_dataset()
>>> t = region_table(cooperation_graph(ds), ds).set_index("code")
>>> t.loc["06611", ["actors", "ties_inside", "ties_to_other_districts", "ties_to_neighbours"]].tolist()
[2, 1, 3, 2]
>>> fulda = t.loc["06631"]  # c1, l1; tie c1-l1 inside, u1-c1 to Kassel (no border); x1 by l1
>>> int(fulda.ties_to_distant), int(fulda.activities_without_network), bool(fulda.mint_above_average)
(1, 1, True)
"""

from __future__ import annotations

import math

import networkx as nx
import pandas as pd

from mintgraph.model import Dataset, split_multi
from mintgraph.regions import land_of, mint_above_average_codes


def region_table(graph: nx.Graph, dataset: Dataset) -> pd.DataFrame:
    """One row per district (all districts of the region table, also empty ones).

    Parameters
    ----------
    graph : the cooperation graph (:func:`mintgraph.graph.cooperation_graph`).
    dataset : the landscape the graph was built from.

    Returns
    -------
    DataFrame with the columns of :data:`REGION_COLUMNS`, defined in the module
    docstring; per-100k columns are NaN where the population is missing or 0.
    """
    region_of = dict(zip(dataset.actors["id"], dataset.actors["region"], strict=True))
    neighbours = {
        row.code: set(split_multi(row.neighbours)) for row in dataset.regions.itertuples(index=False)
    }
    inside: dict[str, int] = dict.fromkeys(neighbours, 0)
    crossing: dict[str, int] = dict.fromkeys(neighbours, 0)
    to_neighbours: dict[str, int] = dict.fromkeys(neighbours, 0)
    to_laender: dict[str, int] = dict.fromkeys(neighbours, 0)
    for u, v in graph.edges:
        ru, rv = region_of[u], region_of[v]
        lu, lv = land_of(ru), land_of(rv)
        if lu is not None and lv is not None and lu != lv:
            for r in (ru, rv):
                if r in to_laender:
                    to_laender[r] += 1
        if ru == rv:
            if ru in inside:  # an actor outside the district table counts in no district
                inside[ru] += 1
            continue
        adjacent = rv in neighbours.get(ru, ()) or ru in neighbours.get(rv, ())
        for r in (ru, rv):
            if r in crossing:
                crossing[r] += 1
                to_neighbours[r] += adjacent
    covering: dict[str, list[str]] = {code: [] for code in neighbours}
    for net in dataset.networks.itertuples(index=False):
        for code in split_multi(net.regions):
            covering[code].append(net.id)
    actor_counts = dataset.actors["region"].value_counts()
    activity_counts = dataset.activities["region"].value_counts()
    in_a_network = set(dataset.memberships["actor_id"])
    unnetworked = dataset.activities.loc[~dataset.activities["provider"].isin(in_a_network), "region"]
    unnetworked_counts = unnetworked.value_counts()
    above_average = mint_above_average_codes()
    rows = []
    for reg in dataset.regions.itertuples(index=False):
        population = reg.population
        actors = int(actor_counts.get(reg.code, 0))
        activities = int(activity_counts.get(reg.code, 0))
        per_100k = 100_000 / population if not pd.isna(population) and population > 0 else math.nan
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
                "ties_to_distant": crossing[reg.code] - to_neighbours[reg.code],
                "ties_per_100k": (inside[reg.code] + crossing[reg.code]) * per_100k,
                "white_spot": activities > 0 and not covering[reg.code],
                "activities_without_network": int(unnetworked_counts.get(reg.code, 0)),
                "mint_above_average": reg.code in above_average,
                "ties_to_other_laender": to_laender[reg.code],
            }
        )
    table = pd.DataFrame(rows, columns=list(REGION_COLUMNS))
    table["population"] = table["population"].astype("Int64")
    return table


REGION_COLUMNS = (
    "code",
    "name",
    "group",
    "population",
    "actors",
    "activities",
    "actors_per_100k",
    "activities_per_100k",
    "ties_inside",
    "ties_to_other_districts",
    "ties_to_neighbours",
    "networks",
    "network_ids",
    "ties_to_distant",
    "ties_per_100k",
    "white_spot",
    "activities_without_network",
    "mint_above_average",
    "ties_to_other_laender",
)
"""Columns of :func:`region_table`, in order (the first thirteen are the original ones)."""
