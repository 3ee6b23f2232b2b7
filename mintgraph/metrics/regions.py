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
import numpy as np
import pandas as pd

from mintgraph import engine
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
    neighbours = {
        row.code: set(split_multi(row.neighbours)) for row in dataset.regions.itertuples(index=False)
    }
    first, second, districts = _tie_end_districts(graph, dataset)
    k = len(districts)
    # the Land of each district as an integer (-1: none), the last place for an end without district
    _, lands = _positions([land_of(code) for code in districts])
    land_u, land_v = np.append(lands, -1)[first], np.append(lands, -1)[second]
    same = (first == second) & (first >= 0)
    other = ~same
    # whether two districts share a border (either one's neighbours naming the other)
    position = {code: i for i, code in enumerate(districts)}
    border = np.zeros((k + 1, k + 1), dtype=bool)
    for i, code in enumerate(districts):
        for name in neighbours.get(code, ()):
            if name in position:
                border[i, position[name]] = border[position[name], i] = True
    adjacent = other & border[first, second]

    def both_ends(mask: np.ndarray) -> np.ndarray:
        """Per district: the ties of ``mask`` at an end seated in it (each end once)."""
        at_first, at_second = first[mask & (first >= 0)], second[mask & (second >= 0)]
        return np.bincount(at_first, minlength=k) + np.bincount(at_second, minlength=k)

    counts = {
        "inside": np.bincount(first[same], minlength=k),
        "crossing": both_ends(other),
        "to_neighbours": both_ends(adjacent),
        "to_laender": both_ends((land_u >= 0) & (land_v >= 0) & (land_u != land_v)),
    }
    # an actor seated outside the district table counts in no district
    inside, crossing, to_neighbours, to_laender = (
        {code: int(values[position[code]]) if code in position else 0 for code in neighbours}
        for values in counts.values()
    )
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
    first, second, districts = _tie_end_districts(graph, dataset)
    # each end's Land as a position in ``lands`` (-1: none, also for an end without district)
    lands, land_at = _positions([land_of(code) for code in districts])
    land_u, land_v = np.append(land_at, -1)[first], np.append(land_at, -1)[second]
    count = len(lands)
    borders = np.zeros((count + 1, count + 1), dtype=bool)  # the last place: no Land
    for i, land in enumerate(lands):
        for j, other_land in enumerate(lands):
            borders[i, j] = other_land in bordering.get(land, set())
    same = (land_u == land_v) & (land_u >= 0)

    def at_own(mask: np.ndarray) -> np.ndarray:
        """Per Land: the ties of ``mask`` with an end in it, counted at each such end."""
        own_u, own_v = land_u[mask & (land_u >= 0)], land_v[mask & (land_v >= 0)]
        return np.bincount(own_u, minlength=count) + np.bincount(own_v, minlength=count)

    totals = {
        "inside": np.bincount(land_u[same], minlength=count),
        "leaving": at_own(~same),
        "to_bordering": at_own(~same & borders[land_u, land_v]),
    }
    inside, leaving, to_bordering = (
        {land: int(values[lands.index(land)]) if land in lands else 0 for land in touched}
        for values in totals.values()
    )
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


def _tie_end_districts(graph: nx.Graph, dataset: Dataset) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """The districts of the two ends of every tie, as positions in the returned list of districts
    (-1 for an end that is not an actor, or has no district): two arrays with one entry per tie,
    ties of an actor to itself included, read from the engine copy
    (:func:`mintgraph.engine.engine_graph`) instead of tie by tie.

    >>> from mintgraph.graph import cooperation_graph
    >>> from mintgraph.testing import tiny_dataset
    >>> first, second, districts = _tie_end_districts(cooperation_graph(tiny_dataset()), tiny_dataset())
    >>> len(first), districts
    (5, ['06412', '06611', '06631', '06633'])
    """
    eg = engine.engine_graph(graph)  # every tie but those of an actor to itself
    seat = dict(zip(dataset.actors["id"].tolist(), dataset.actors["region"].tolist(), strict=True))
    districts, seat_at = _positions([seat.get(v) for v in eg.nodes])
    # the ties of an actor to itself, which the engine copy leaves out: looked for only if there are any
    loops = list(nx.nodes_with_selfloops(graph)) if engine.number_of_edges(graph) > len(eg.edges) else []
    looped = np.array(
        [districts.index(seat[v]) if seat.get(v) in districts else -1 for v in loops], dtype=np.int64
    )
    first = np.concatenate([seat_at[eg.edges[:, 0]], looped])
    second = np.concatenate([seat_at[eg.edges[:, 1]], looped])
    return first, second, districts


def _positions(values: list) -> tuple[list, np.ndarray]:
    """The distinct values other than None and missing, sorted, and each value's position among
    them (-1 for None and missing).

    >>> _positions(["b", None, "a", "b"])
    (['a', 'b'], array([ 1, -1,  0,  1]))
    """
    codes, uniques = pd.factorize(np.array(values, dtype=object), sort=True)
    return uniques.tolist(), codes.astype(np.int64)


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
