"""Size, density and boundary openness of each MINT network.

For a network :math:`N` with member set :math:`M` (an umbrella network's members
include those of all its sub-networks), over the collapsed cooperation graph:

* ``members`` — :math:`|M|`; ``direct_members`` without sub-networks.
* ``small_network`` — True when :math:`|M| <` :data:`SMALL_NETWORK_MEMBERS` (5): the
  network's size decides its density and E-I index more than its cooperation does, so it is
  never ranked (:func:`rankable_networks`).
* ``internal_ties`` :math:`I` — ties with both ends in :math:`M`.
* ``external_ties`` :math:`E` — ties with exactly one end in :math:`M`.
* ``density`` — :math:`I / \\binom{|M|}{2}`, the share of possible member pairs that
  cooperate; empty (NaN) for fewer than two members.
* ``ei_index`` — Krackhardt–Stern E-I index of the network boundary,
  :math:`(E - I) / (E + I)` over the ties with at least one member end: −1 = all
  ties stay inside (closed), +1 = all ties reach outside (open); NaN without ties.

References
----------
Krackhardt, D., Stern, R. N. (1988). Informal networks and organizational crises: an
experimental simulation. Social Psychology Quarterly 51(2), 123–140.
Wasserman, S., Faust, K. (1994). Social Network Analysis, ch. 4 (density).

Example
-------
>>> import networkx as nx
>>> g = nx.Graph([("a", "b"), ("b", "c"), ("c", "x")])
>>> boundary_ties(g, {"a", "b", "c"}), ei_index(2, 1), group_density(g, {"a", "b", "c"})
((2, 1), -0.3333333333333333, 0.6666666666666666)
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pandas as pd

from mintgraph import engine
from mintgraph.graph import network_members, umbrella_hierarchy
from mintgraph.model import Dataset, split_multi

SMALL_NETWORK_MEMBERS = 5
"""Networks with fewer members than this are *small*: shown with a mark, never ranked.

Below this size the extremes are reached by construction, not by cooperation: one member has
no member pair, so every tie it has is external and its E-I index is +1 (the most open
possible); two tied members have density 1 (the densest possible); three members without a
tie among them again have E-I +1. A random set of so few actors has an E-I near +1 too. A
network below the size is therefore never named best, densest or most open; its values are
shown with a "small network" mark (``small_network`` in ``networks.csv``)."""


def boundary_ties(graph: nx.Graph, members: set[str]) -> tuple[int, int]:
    """Return (internal, external) tie counts of a member set (self-loops are not ties).

    >>> boundary_ties(nx.Graph([("a", "b"), ("b", "x"), ("x", "y")]), {"a", "b"})
    (1, 1)
    """
    return _boundary_ties(engine.engine_graph(graph), members)


def _boundary_ties(eg: engine.EngineGraph, members: set[str]) -> tuple[int, int]:
    """:func:`boundary_ties` on the engine copy of the graph (one mask over the tie array)."""
    inside = eg.mask(members)[eg.edges]  # per tie: is each end a member?
    return int(np.count_nonzero(inside.all(axis=1))), int(np.count_nonzero(inside[:, 0] != inside[:, 1]))


def ei_index(internal: int, external: int) -> float:
    """Krackhardt–Stern E-I index :math:`(E - I) / (E + I)`; NaN without ties.

    >>> ei_index(internal=3, external=1)
    -0.5
    """
    total = internal + external
    return (external - internal) / total if total else math.nan


def group_density(graph: nx.Graph, members: set[str]) -> float:
    """Share of member pairs that are tied; NaN for fewer than two members.

    >>> group_density(nx.complete_graph(3), {0, 1, 2})
    1.0
    """
    n = len(members)
    if n < 2:
        return math.nan
    internal, _ = boundary_ties(graph, members)
    return internal / (n * (n - 1) / 2)


def network_table(graph: nx.Graph, dataset: Dataset) -> pd.DataFrame:
    """One row per network with the indicators defined in this module's docstring.

    Columns: ``id, name, level, parent, founded, districts, coordinator, direct_members,
    members, small_network, activities, internal_ties, external_ties, density, ei_index``.
    ``level`` is ``umbrella`` for a network that has sub-networks, else ``network``;
    ``small_network`` is True below :data:`SMALL_NETWORK_MEMBERS` members;
    ``activities`` counts activities offered by members.

    Example
    -------
    >>> from mintgraph.graph import cooperation_graph
    >>> from mintgraph.testing import tiny_dataset
    >>> ds = tiny_dataset()
    >>> t = network_table(cooperation_graph(ds), ds).set_index("id")
    >>> row = t.loc["net-a"]
    >>> int(row.members), int(row.internal_ties), int(row.external_ties), float(row.density), float(row.ei_index)
    (3, 3, 1, 1.0, -0.5)
    >>> bool(row.small_network)
    True
    """
    members = network_members(dataset)
    direct = network_members(dataset, include_subnetworks=False)
    hierarchy = umbrella_hierarchy(dataset)
    providers = dataset.activities["provider"].value_counts().to_dict()
    eg = engine.engine_graph(graph)
    rows = []
    for net in dataset.networks.itertuples(index=False):
        group = members[net.id]
        internal, external = _boundary_ties(eg, group)
        n = len(group)
        rows.append(
            {
                "id": net.id,
                "name": net.name,
                "level": "umbrella" if hierarchy.out_degree(net.id) else "network",
                "parent": net.parent,
                "founded": net.founded,
                "districts": len(split_multi(net.regions)),
                "coordinator": net.coordinator,
                "direct_members": len(direct[net.id]),
                "members": len(group),
                "small_network": len(group) < SMALL_NETWORK_MEMBERS,
                "activities": int(sum(providers.get(a, 0) for a in group)),
                "internal_ties": internal,
                "external_ties": external,
                "density": internal / (n * (n - 1) / 2) if n >= 2 else math.nan,
                "ei_index": ei_index(internal, external),
            }
        )
    table = pd.DataFrame(rows, columns=list(NETWORK_COLUMNS))
    table["founded"] = table["founded"].astype("Int64")
    return table


NETWORK_COLUMNS = (
    "id",
    "name",
    "level",
    "parent",
    "founded",
    "districts",
    "coordinator",
    "direct_members",
    "members",
    "small_network",
    "activities",
    "internal_ties",
    "external_ties",
    "density",
    "ei_index",
)


def rankable_networks(networks: pd.DataFrame) -> pd.DataFrame:
    """The rows of a network table that may be ranked: those that are not small.

    A network with fewer than :data:`SMALL_NETWORK_MEMBERS` members reaches the extremes of
    density and E-I index by construction (one member: E-I +1; two tied members: density 1),
    so statements such as "the densest", "the most open" or "best at …" are made only among
    the rows this function returns. The small ones keep their values, shown with a mark.

    Parameters
    ----------
    networks : a table with a ``small_network`` column (``networks.csv``,
        :func:`network_table`), or else a ``members`` column from which it is derived.

    Returns
    -------
    pandas.DataFrame: the rows with ``small_network`` False, in their order, index kept.

    Raises
    ------
    KeyError
        If the table has neither ``small_network`` nor ``members``.

    Example
    -------
    >>> table = pd.DataFrame({"id": ["a", "b", "c"], "members": [1, 5, 12]})
    >>> rankable_networks(table)["id"].tolist()
    ['b', 'c']
    """
    if "small_network" in networks:
        small = networks["small_network"].astype(bool)
    else:
        small = networks["members"] < SMALL_NETWORK_MEMBERS
    return networks[~small]
