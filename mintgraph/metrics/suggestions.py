"""Suggested contacts: pairs of actors who do not cooperate yet but would close a gap.

A link-prediction score ranks the pairs at distance two (not yet linked, at least one
common partner), and each pair is weighted by the gaps it would close.

Definition
----------
For two actors *u*, *v* with no tie and common partners Γ(u) ∩ Γ(v) ≠ ∅:

* ``resource_allocation`` — RA(u, v) = Σ_{w ∈ Γ(u) ∩ Γ(v)} 1 / k_w, the resource
  allocation index (Zhou, Lü & Zhang 2009): a common partner with few partners of its own
  says more about a likely fit than a hub that knows everyone. It predicts new ties in
  real networks better than the plain count of common partners or the Adamic–Adar index
  (Lü & Zhou 2011).
* the **evidence** that the pair could work together (``evidence``), one of:

  - ``common_partners`` — at least :data:`MIN_COMMON_PARTNERS` (2) common partners: two
    independent actors already work with both;
  - ``same_network:<id>`` — one common partner only, but both are direct members of the same
    network (the smallest such id) and one is a school, the other an out-of-school actor: the
    network is the documented place where they can meet, and the pair is the link the seed
    asks networks to make.

  A pair with one common partner and no such reason is **not** suggested: one shared partner
  is weak evidence, and when that partner is a hub with many partners the resource allocation
  index is close to zero anyway.
* the **distance** (``distance``): the two actors sit in the same district (``same_district``)
  or in two districts that share a border (``neighbouring``, from the district table's
  ``neighbours``). Pairs further apart are not suggested: a primary school and a firm 60 km away
  rarely start working together because they share one partner.
* the **gaps** the tie would close, each a reason code:

  - ``neighbouring_district`` — *u* and *v* are in two neighbouring districts;
  - ``different_network`` — both belong to a network (direct membership) but share none;
  - ``school_outside`` — one is a school, the other an out-of-school actor (any other type):
    the seed's "linking school and out-of-school offers";
  - ``common_partners`` — they share at least :data:`MANY_COMMON` partners (a reason in
    itself, and not a gap).

* ``score`` = RA(u, v) · (1 + g), with *g* the number of gaps closed (0–3).

Pairs without evidence, pairs further apart than neighbouring districts and pairs that close
no gap are not suggested: the last would add a tie, but not one the networks are missing. The list is the ``top`` pairs by score (ties broken by the ids), with
each actor in at most ``per_actor`` of them so that one hub does not fill the list.

A suggestion is a prompt for a conversation, not a forecast: the score only uses who
already works with whom. Its caveats: actors without any tie never appear (no common
partner), and a district or network boundary may be a good reason for *not* working
together (distance, a different focus).

References
----------
Zhou, T., Lü, L., Zhang, Y.-C. (2009). Predicting missing links via local information.
European Physical Journal B 71, 623–630.
Lü, L., Zhou, T. (2011). Link prediction in complex networks: a survey. Physica A 390(6),
1150–1170.
Liben-Nowell, D., Kleinberg, J. (2007). The link-prediction problem for social networks.
JASIST 58(7), 1019–1031.

Example
-------
>>> from mintgraph.graph import cooperation_graph
>>> from mintgraph.testing import tiny_dataset
>>> ds = tiny_dataset()
>>> candidate_pairs(cooperation_graph(ds))[("c1", "s1")]  # one common partner (u1) only
(0.3333333333333333, 1)
>>> len(suggested_contacts(cooperation_graph(ds), ds))  # one shared partner is not enough evidence
0
"""

from __future__ import annotations

from collections import Counter

import networkx as nx
import pandas as pd

from mintgraph.graph import network_members
from mintgraph.model import Dataset, split_multi

MANY_COMMON = 3
"""From this many common partners on, ``common_partners`` is a reason of its own."""

MIN_COMMON_PARTNERS = 2
"""A pair with fewer common partners is suggested only with a documented reason (same network,
school and out-of-school partner)."""

REASONS: tuple[str, ...] = ("common_partners", "neighbouring_district", "different_network", "school_outside")
"""The reason codes of :func:`suggested_contacts`, in the order they are listed."""

COLUMNS: tuple[str, ...] = (
    "actor_a",
    "name_a",
    "type_a",
    "region_a",
    "actor_b",
    "name_b",
    "type_b",
    "region_b",
    "score",
    "resource_allocation",
    "common_partners",
    "evidence",
    "distance",
    "reasons",
)
"""Columns of the table :func:`suggested_contacts` returns."""


def candidate_pairs(graph: nx.Graph) -> dict[tuple[str, str], tuple[float, int]]:
    """Every unlinked pair at distance two with its resource allocation index and common partners.

    Keys are ``(u, v)`` with ``u < v``; values ``(RA(u, v), |Γ(u) ∩ Γ(v)|)``.

    >>> pairs = candidate_pairs(nx.path_graph(["a", "b", "c"]))
    >>> pairs
    {('a', 'c'): (0.5, 1)}
    """
    ra: dict[tuple[str, str], float] = {}
    common: Counter[tuple[str, str]] = Counter()
    for w in sorted(graph, key=str):
        partners = sorted((p for p in graph[w] if p != w), key=str)
        if len(partners) < 2:
            continue
        share = 1.0 / len(partners)
        for i, u in enumerate(partners):
            for v in partners[i + 1 :]:
                if graph.has_edge(u, v):
                    continue
                key = (u, v)
                ra[key] = ra.get(key, 0.0) + share
                common[key] += 1
    return {key: (ra[key], common[key]) for key in sorted(ra)}


def suggested_contacts(
    graph: nx.Graph, dataset: Dataset, *, top: int = 20, per_actor: int = 2
) -> pd.DataFrame:
    """Rank unlinked pairs of actors by resource allocation and the gaps they would close.

    Parameters
    ----------
    graph : the cooperation graph (:func:`mintgraph.graph.cooperation_graph`).
    dataset : the landscape (actor names, types, districts, memberships).
    top : how many pairs to return at most.
    per_actor : how many of the returned pairs one actor may appear in at most.

    Returns
    -------
    ``pandas.DataFrame`` with the columns :data:`COLUMNS`, best first; ``reasons`` holds the
    reason codes (:data:`REASONS`) joined by ``|``; only pairs with evidence (``evidence``) in
    the same or neighbouring districts (``distance``), see the module docstring.

    Example
    -------
    >>> from mintgraph.graph import cooperation_graph
    >>> from mintgraph.testing import tiny_dataset
    >>> ds = tiny_dataset()
    >>> suggested_contacts(cooperation_graph(ds), ds).empty  # every unlinked pair shares one partner only
    True
    """
    actors = dataset.actors.set_index("id")
    networks_of: dict[str, set[str]] = {}
    for network_id, members in network_members(dataset, include_subnetworks=False).items():
        for actor in members:
            networks_of.setdefault(actor, set()).add(network_id)
    neighbours = {
        (code, other)
        for code, cell in zip(dataset.regions["code"], dataset.regions["neighbours"], strict=True)
        for other in split_multi(cell)
    }
    scored = []
    for (u, v), (ra, common) in candidate_pairs(graph).items():
        distance = _distance(actors.at[u, "region"], actors.at[v, "region"], neighbours)
        evidence = _evidence(actors, networks_of, u, v, common)
        if distance is None or evidence is None:
            continue
        reasons = _reasons(actors, networks_of, u, v, common)
        gaps = len(reasons) - ("common_partners" in reasons)
        if gaps == 0:
            continue
        scored.append((-(ra * (1 + gaps)), u, v, ra, common, reasons, evidence, distance))
    scored.sort()
    rows: list[dict[str, object]] = []
    used: Counter[str] = Counter()
    for neg_score, u, v, ra, common, reasons, evidence, distance in scored:
        if len(rows) >= top:
            break
        if used[u] >= per_actor or used[v] >= per_actor:
            continue
        used[u] += 1
        used[v] += 1
        rows.append(
            {
                "actor_a": u,
                "name_a": actors.at[u, "name"],
                "type_a": actors.at[u, "type"],
                "region_a": actors.at[u, "region"],
                "actor_b": v,
                "name_b": actors.at[v, "name"],
                "type_b": actors.at[v, "type"],
                "region_b": actors.at[v, "region"],
                "score": -neg_score,
                "resource_allocation": ra,
                "common_partners": common,
                "evidence": evidence,
                "distance": distance,
                "reasons": "|".join(reasons),
            }
        )
    return pd.DataFrame(rows, columns=list(COLUMNS))


def _distance(a: str, b: str, neighbours: set[tuple[str, str]]) -> str | None:
    """``same_district``, ``neighbouring`` (the districts share a border), or None (too far)."""
    if a == b:
        return "same_district"
    if (a, b) in neighbours or (b, a) in neighbours:
        return "neighbouring"
    return None


def _evidence(
    actors: pd.DataFrame, networks_of: dict[str, set[str]], u: str, v: str, common: int
) -> str | None:
    """Why the pair is worth a conversation: enough common partners, or a shared network that
    links a school with an out-of-school actor; None without evidence."""
    if common >= MIN_COMMON_PARTNERS:
        return "common_partners"
    shared = networks_of.get(u, set()) & networks_of.get(v, set())
    if shared and (actors.at[u, "type"] == "school") != (actors.at[v, "type"] == "school"):
        return f"same_network:{min(shared)}"
    return None


def _reasons(
    actors: pd.DataFrame, networks_of: dict[str, set[str]], u: str, v: str, common: int
) -> list[str]:
    found = set()
    if common >= MANY_COMMON:
        found.add("common_partners")
    if actors.at[u, "region"] != actors.at[v, "region"]:
        found.add("neighbouring_district")  # only same or neighbouring districts are suggested
    nets_u, nets_v = networks_of.get(u, set()), networks_of.get(v, set())
    if nets_u and nets_v and not nets_u & nets_v:
        found.add("different_network")
    if (actors.at[u, "type"] == "school") != (actors.at[v, "type"] == "school"):
        found.add("school_outside")
    return [r for r in REASONS if r in found]
