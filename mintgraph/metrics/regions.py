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
* ``ties_to_other_laender`` — ties with one actor in :math:`D` and the other in another Land.

Per Land (:func:`land_table`; ``regions.csv`` adds one row per Land touched, ``level = land``):
the same counts over the Land's districts in the district table — ``ties_inside`` stay in the
Land, ``ties_to_other_districts`` = ``ties_to_other_laender`` leave it, ``ties_to_neighbours``
go to a bordering Land; ``population`` is that of the Land's districts in the table (the part of
the Land the data covers), ``networks`` counts the networks whose area reaches into the Land.

Example
-------
>>> from mintgraph.graph import cooperation_graph
>>> from mintgraph.testing import tiny_dataset
>>> ds = tiny_dataset()
>>> t = region_table(cooperation_graph(ds), ds).set_index("code")
>>> t[["actors", "ties_inside", "ties_to_other_districts", "ties_to_neighbours"]].loc["06611"].tolist()
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
from mintgraph.regions import germany_neighbours, land_names, land_of, mint_above_average_codes


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
    region_of = dict(zip(dataset.actors["id"].tolist(), dataset.actors["region"].tolist(), strict=True))
    neighbours = {
        row.code: set(split_multi(row.neighbours)) for row in dataset.regions.itertuples(index=False)
    }
    inside: dict[str, int] = dict.fromkeys(neighbours, 0)
    crossing: dict[str, int] = dict.fromkeys(neighbours, 0)
    to_neighbours: dict[str, int] = dict.fromkeys(neighbours, 0)
    to_laender: dict[str, int] = dict.fromkeys(neighbours, 0)
    land_by_region = {code: land_of(code) for code in set(region_of.values())}
    for u, v in graph.edges:
        ru, rv = region_of[u], region_of[v]
        lu, lv = land_by_region[ru], land_by_region[rv]
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


def land_table(graph: nx.Graph, dataset: Dataset, regions: pd.DataFrame) -> pd.DataFrame:
    """One row per Land with a district in the district table (German district codes only).

    Columns are :data:`REGION_COLUMNS` (defined per Land in the module docstring); ``code`` is
    the Land's two-digit code and ``name`` its name; ``white_spot`` and ``mint_above_average``
    are district markers and stay false. Empty for a district table without German codes.

    Example
    -------
    >>> from mintgraph.graph import cooperation_graph
    >>> from mintgraph.testing import tiny_dataset
    >>> ds = tiny_dataset()
    >>> g = cooperation_graph(ds)
    >>> t = land_table(g, ds, region_table(g, ds))
    >>> t[["code", "name", "actors", "ties_inside", "ties_to_other_laender"]].values.tolist()  # all 5 ties in Hessen
    [['06', 'Hessen', 6, 5, 0]]
    """
    land_codes = {code: land_of(code) for code in regions["code"]}
    touched = sorted({land for land in land_codes.values() if land})
    if not touched:
        return pd.DataFrame(columns=list(REGION_COLUMNS))
    names = land_names()
    bordering: dict[str, set[str]] = {}
    for code, others in germany_neighbours().items():
        for other in others:
            if code[:2] != other[:2]:
                bordering.setdefault(code[:2], set()).add(other[:2])
    region_of = dict(zip(dataset.actors["id"].tolist(), dataset.actors["region"].tolist(), strict=True))
    inside = dict.fromkeys(touched, 0)
    leaving = dict.fromkeys(touched, 0)
    to_bordering = dict.fromkeys(touched, 0)
    land_by_region = {code: land_of(code) for code in set(region_of.values())}
    for u, v in graph.edges:
        lu, lv = land_by_region[region_of[u]], land_by_region[region_of[v]]
        if lu is not None and lu == lv:
            if lu in inside:
                inside[lu] += 1
            continue
        for own, other_land in ((lu, lv), (lv, lu)):
            if own in leaving:
                leaving[own] += 1
                to_bordering[own] += other_land in bordering.get(own, set())
    rows = []
    for land in touched:
        part = regions[[land_codes[c] == land for c in regions["code"]]]
        population = part["population"].dropna()
        total = int(population.sum()) if len(population) else math.nan
        per_100k = 100_000 / total if isinstance(total, int) and total > 0 else math.nan
        actors, activities = int(part["actors"].sum()), int(part["activities"].sum())
        network_ids = sorted({n for ids in part["network_ids"] for n in split_multi(ids)})
        rows.append(
            {
                "code": land,
                "name": names.get(land, land),
                "group": "",
                "population": total,
                "actors": actors,
                "activities": activities,
                "actors_per_100k": actors * per_100k,
                "activities_per_100k": activities * per_100k,
                "ties_inside": inside[land],
                "ties_to_other_districts": leaving[land],
                "ties_to_neighbours": to_bordering[land],
                "networks": len(network_ids),
                "network_ids": "|".join(network_ids),
                "ties_to_distant": leaving[land] - to_bordering[land],
                "ties_per_100k": (inside[land] + leaving[land]) * per_100k,
                "white_spot": False,
                "activities_without_network": int(part["activities_without_network"].sum()),
                "mint_above_average": False,
                "ties_to_other_laender": leaving[land],
            }
        )
    table = pd.DataFrame(rows, columns=list(REGION_COLUMNS))
    table["population"] = table["population"].astype("Int64")
    return table


def regions_with_laender(regions: pd.DataFrame, laender: pd.DataFrame) -> pd.DataFrame:
    """``regions.csv``: the district rows, then one row per Land, told apart by ``level``
    (``district`` or ``land``).

    >>> d = pd.DataFrame({"code": ["06611"], "name": ["Kassel"]})
    >>> regions_with_laender(d, pd.DataFrame({"code": ["06"], "name": ["Hessen"]}))["level"].tolist()
    ['district', 'land']
    """
    parts = [regions.assign(level="district")]
    if len(laender):
        parts.append(laender.assign(level="land"))
    out = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    if "population" in out.columns:
        out["population"] = out["population"].astype("Int64")
    return out


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
