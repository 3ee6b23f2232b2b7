"""Change over time: two states of the landscape side by side.

Two states — the landscape in two years (:func:`compare_years`, rebuilt by
:func:`mintgraph.timeline.dataset_in_year`) or two survey waves (:func:`compare_datasets`) —
are each analysed with :func:`mintgraph.analysis.analyze`, and the results are compared:

* **ties** (one row per actor pair that cooperates in either state): ``new`` (only after),
  ``lost`` (only before), ``strengthened`` / ``weakened`` (in both, with more / fewer
  cooperation rows, or — with the same number of rows — a higher / lower total weight) and
  ``unchanged``;
* **actors** (one row per actor in either state): ``newcomer`` (only after), ``leaver``
  (only before) or ``stayed``; degree before and after, whether the actor is connected
  after, whether to an actor that was already there, the networks joined and left;
* **indicators** (long form): every numeric column of ``networks.csv`` and ``regions.csv``
  and every number of ``summary.json``, before, after and the difference.

Actors, networks and districts are matched by id. Between two survey waves a renamed id
counts as one leaver and one newcomer.

Example
-------
>>> from mintgraph.testing import tiny_dataset
>>> change = compare_years(tiny_dataset(), 2014, 2019)
>>> change.headline["new_ties"], change.headline["newcomers"]
(3, 2)
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from mintgraph.analysis import Analysis, analyze
from mintgraph.model import Dataset
from mintgraph.timeline import dataset_in_year, years_of

TIE_STATUSES: tuple[str, ...] = ("new", "lost", "strengthened", "weakened", "unchanged")
"""The status of an actor pair, in the order of ``compare_ties.csv``."""
ACTOR_STATUSES: tuple[str, ...] = ("newcomer", "leaver", "stayed")
"""The status of an actor."""
SCOPES: tuple[str, ...] = ("landscape", "network", "region")
"""The scope kinds of the indicator table, in its order."""

STATIC_COLUMNS = frozenset({"founded", "population"})
"""Numeric columns that describe a network or district rather than measure it: not compared."""
P_VALUE_COLUMNS = (
    "ei_index_p",
    "ei_regions_p",
    "ei_regions_q",
    "ei_index_q",
    "ei_index_p_statewide",
    "ei_index_expected",
    "ei_index_excess",
    "ei_index_z",
)
"""Columns of the permutation tests: compared only when ``permutations > 0`` (otherwise always empty)."""
LANDSCAPE_ID = "landscape"
"""The ``id`` of the landscape rows of the indicator table."""

TIE_COLUMNS = (
    "source",
    "source_name",
    "target",
    "target_name",
    "status",
    "count_before",
    "count_after",
    "weight_before",
    "weight_after",
)
ACTOR_COLUMNS = (
    "id",
    "name",
    "type",
    "region",
    "status",
    "degree_before",
    "degree_after",
    "connected",
    "partners_established",
    "connected_to_established",
    "networks_before",
    "networks_after",
    "networks_joined",
    "networks_left",
)
INDICATOR_COLUMNS = ("scope", "id", "name", "indicator", "before", "after", "difference")


@dataclass
class Comparison:
    """The change between two states of the landscape (see the module docstring).

    Attributes
    ----------
    label_before, label_after : names of the two states (the years, or the waves' names).
    before, after : the two :class:`~mintgraph.analysis.Analysis` results.
    ties : one row per actor pair (``compare_ties.csv``).
    actors : one row per actor (``compare_actors.csv``).
    indicators : the indicator table in long form (``compare.csv``).
    headline : the headline counts (ties before and after, new ties, newcomers, ...).
    warnings : notes for the user, e.g. a year outside the years of the data.
    """

    label_before: str
    label_after: str
    before: Analysis
    after: Analysis
    ties: pd.DataFrame
    actors: pd.DataFrame
    indicators: pd.DataFrame
    headline: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def tables(self) -> dict[str, pd.DataFrame]:
        """The output tables by file stem: ``compare``, ``compare_ties``, ``compare_actors``."""
        return {"compare": self.indicators, "compare_ties": self.ties, "compare_actors": self.actors}


def compare_years(
    dataset: Dataset, year_from: int, year_to: int, *, seed: int = 42, permutations: int = 0
) -> Comparison:
    """Compare the landscape in ``year_from`` with the landscape in ``year_to``.

    Both states are rebuilt with :func:`mintgraph.timeline.dataset_in_year` (empty years
    mean "unknown" and count in every year) and compared with :func:`compare_datasets`.

    Parameters
    ----------
    dataset : the full landscape.
    year_from, year_to : the two years, ``year_from < year_to``.
    seed : seed of the random steps of :func:`~mintgraph.analysis.analyze`.
    permutations : permutations of the E-I tests; 0 (default, fast) leaves the p-values out.

    Returns
    -------
    :class:`Comparison` labelled with the two years. Its ``warnings`` name a year outside
    the span of the cooperations' years (:func:`mintgraph.timeline.years_of`).

    Raises
    ------
    ValueError
        If ``year_from >= year_to``. A first year before any network was founded is
        compared all the same (every network is new), with a warning.

    Example
    -------
    >>> from mintgraph.testing import tiny_dataset
    >>> change = compare_years(tiny_dataset(), 2014, 2019)
    >>> change.ties.set_index(["source", "target"])["status"].to_dict()
    {('c1', 'l1'): 'new', ('c1', 'u1'): 'new', ('s1', 's2'): 'new', ('s1', 'u1'): 'strengthened', ('s2', 'u1'): 'unchanged'}
    """
    year_from, year_to = int(year_from), int(year_to)
    if year_from >= year_to:
        raise ValueError(f"the first year ({year_from}) must come before the second ({year_to})")
    then, now = dataset_in_year(dataset, year_from), dataset_in_year(dataset, year_to)
    comparison = compare_datasets(
        then,
        now,
        labels=(str(year_from), str(year_to)),
        seed=seed,
        permutations=permutations,
    )
    comparison.warnings.extend(_year_warnings(dataset, year_from, year_to))
    if then.networks.empty and not dataset.networks.empty:
        first = int(dataset.networks["founded"].min())
        comparison.warnings.append(
            f"no network existed yet in {year_from} (the first was founded in {first}): every network is new"
        )
    return comparison


def _year_warnings(dataset: Dataset, year_from: int, year_to: int) -> list[str]:
    span = years_of(dataset)
    if span is None:
        return ["the data has no cooperations: both years show the same landscape without ties"]
    first, last = span
    return [
        f"{year} lies outside the years of the cooperations ({first}–{last})"
        for year in (year_from, year_to)
        if not first <= year <= last
    ]


def compare_datasets(
    old: Dataset,
    new: Dataset,
    *,
    labels: tuple[str, str] = ("before", "after"),
    seed: int = 42,
    permutations: int = 0,
) -> Comparison:
    """Compare two states of a landscape, e.g. two survey waves.

    Actors, networks and districts are matched by id (a renamed id is a leaver and a
    newcomer). The tie, actor and indicator tables are defined in the module docstring
    and in ``docs/indicators/compare.md``.

    Parameters
    ----------
    old, new : the two states.
    labels : names of the two states (shown in the page and the terminal).
    seed : seed of the random steps of :func:`~mintgraph.analysis.analyze`.
    permutations : permutations of the E-I tests; 0 (default, fast) leaves the p-values out.

    Returns
    -------
    :class:`Comparison`.

    Example
    -------
    >>> from dataclasses import replace
    >>> from mintgraph.testing import tiny_dataset
    >>> old = tiny_dataset()
    >>> new = replace(old, cooperations=old.cooperations.iloc[1:])  # drop one row of s1-u1
    >>> change = compare_datasets(old, new)
    >>> change.ties.loc[change.ties["status"] != "unchanged", ["source", "target", "status"]].values.tolist()
    [['s1', 'u1', 'weakened']]
    """
    before = analyze(old, seed=seed, permutations=permutations)
    after = analyze(new, seed=seed, permutations=permutations)
    ties = tie_changes(before.graph, after.graph, _names(old, new))
    actors = actor_changes(before, after)
    indicators = indicator_changes(before, after, p_values=permutations > 0)
    label_before, label_after = labels
    return Comparison(
        label_before=str(label_before),
        label_after=str(label_after),
        before=before,
        after=after,
        ties=ties,
        actors=actors,
        indicators=indicators,
        headline=headline(ties, actors, before, after),
    )


def _names(*datasets: Dataset) -> dict[str, str]:
    names: dict[str, str] = {}
    for dataset in datasets:  # the later state's name wins
        names.update(zip(dataset.actors["id"], dataset.actors["name"], strict=True))
    return names


def _pair_table(graph: nx.Graph) -> dict[tuple[str, str], tuple[int, float]]:
    pairs = {}
    for a, b, data in graph.edges(data=True):
        pairs[(min(a, b), max(a, b))] = (int(data.get("count", 1)), float(data.get("weight", 1.0)))
    return pairs


def tie_status(before: tuple[int, float] | None, after: tuple[int, float] | None) -> str:
    """The status of an actor pair from its (rows, total weight) before and after (``None``: no tie).

    Rows decide first; with the same number of rows, the total weight decides:
    ``(rows_after, weight_after) > (rows_before, weight_before)`` (compared in that order)
    is ``strengthened``, ``<`` is ``weakened``, ``==`` is ``unchanged``.

    Parameters
    ----------
    before, after : ``(rows, total weight)`` of the pair in each state, ``None`` without a tie.

    Returns
    -------
    One of :data:`TIE_STATUSES`.

    Raises
    ------
    ValueError
        If the pair has a tie in neither state.

    Examples
    --------
    >>> tie_status(None, (1, 1.0)), tie_status((1, 1.0), None), tie_status((1, 1.0), (2, 2.0))
    ('new', 'lost', 'strengthened')
    >>> tie_status((2, 2.0), (2, 1.0)), tie_status((2, 3.0), (1, 5.0)), tie_status((1, 1.0), (1, 1.0))
    ('weakened', 'weakened', 'unchanged')
    """
    if before is None and after is None:
        raise ValueError("a pair without a tie in either state has no status")
    if before is None:
        return "new"
    if after is None:
        return "lost"
    if after > before:
        return "strengthened"
    if after < before:
        return "weakened"
    return "unchanged"


def tie_changes(before: nx.Graph, after: nx.Graph, names: dict[str, str] | None = None) -> pd.DataFrame:
    """One row per actor pair that cooperates in either graph: its status, rows and weight before and after.

    ``source`` < ``target`` (ids sorted); ``count_*`` is the number of cooperation rows,
    ``weight_*`` their total weight (:func:`mintgraph.graph.cooperation_graph`), both empty
    where the pair has no tie. Rows are ordered by status (:data:`TIE_STATUSES`), then ids.

    Parameters
    ----------
    before, after : cooperation graphs (edge attributes ``count`` and ``weight``, 1 where missing).
    names : actor names by id; an id without a name is shown as itself.

    Returns
    -------
    DataFrame with the columns of ``compare_ties.csv``.

    Example
    -------
    >>> old = nx.Graph([("a", "b", {"count": 1, "weight": 1.0})])
    >>> new = nx.Graph([("b", "c", {"count": 1, "weight": 1.0})])
    >>> tie_changes(old, new)[["source", "target", "status"]].values.tolist()
    [['b', 'c', 'new'], ['a', 'b', 'lost']]
    """
    names = names or {}
    old, new = _pair_table(before), _pair_table(after)
    rows: list[dict[str, Any]] = []
    for pair in set(old) | set(new):
        b, a = old.get(pair), new.get(pair)
        rows.append(
            {
                "source": pair[0],
                "source_name": names.get(pair[0], pair[0]),
                "target": pair[1],
                "target_name": names.get(pair[1], pair[1]),
                "status": tie_status(b, a),
                "count_before": b[0] if b else None,
                "count_after": a[0] if a else None,
                "weight_before": b[1] if b else None,
                "weight_after": a[1] if a else None,
            }
        )
    rank = {s: i for i, s in enumerate(TIE_STATUSES)}
    rows.sort(key=lambda r: (rank[r["status"]], r["source"], r["target"]))
    table = pd.DataFrame(rows, columns=list(TIE_COLUMNS))
    for col in ("count_before", "count_after"):
        table[col] = pd.array(table[col], dtype="Int64")
    for col in ("weight_before", "weight_after"):
        table[col] = pd.to_numeric(table[col], errors="coerce").astype(float)
    return table


def _direct_networks(result: Analysis) -> dict[str, set[str]]:
    networks: dict[str, set[str]] = {}
    for row in result.dataset.memberships.itertuples(index=False):
        networks.setdefault(row.actor_id, set()).add(row.network_id)
    return networks


def actor_changes(before: Analysis, after: Analysis) -> pd.DataFrame:
    """One row per actor of either state: newcomer, leaver or stayed, and how it is connected after.

    ``partners_established`` counts the actor's partners after that were present before;
    ``connected`` (degree after > 0), ``partners_established`` and ``connected_to_established``
    are empty for leavers. ``networks_*`` are the networks the actor is a direct member of
    (``|``-separated ids); joined = after but not before, left = before but not after.
    Order: the actors of the earlier state, then the newcomers, each in input order.

    Parameters
    ----------
    before, after : the analyses of the two states.

    Returns
    -------
    DataFrame with the columns of ``compare_actors.csv``.

    Example
    -------
    >>> from mintgraph.testing import tiny_dataset
    >>> from mintgraph.timeline import dataset_in_year
    >>> ds = tiny_dataset()
    >>> old, new = analyze(dataset_in_year(ds, 2014)), analyze(dataset_in_year(ds, 2019))
    >>> table = actor_changes(old, new).set_index("id")
    >>> columns = ["status", "degree_after", "connected_to_established", "networks_joined"]
    >>> table.loc[["c1", "l1"], columns].values.tolist()
    [['newcomer', 2, True, 'net-b'], ['newcomer', 1, False, '']]
    """
    old_ids, new_ids = list(before.dataset.actors["id"]), list(after.dataset.actors["id"])
    old_set, new_set = set(old_ids), set(new_ids)
    info: dict[str, dict[str, Any]] = {}
    for result in (before, after):  # the later state's descriptive columns win
        for row in result.dataset.actors[["id", "name", "type", "region"]].to_dict("records"):
            info[row["id"]] = row
    nets_old, nets_new = _direct_networks(before), _direct_networks(after)
    rows = []
    for actor in [*old_ids, *(a for a in new_ids if a not in old_set)]:
        status = (
            "stayed"
            if actor in old_set and actor in new_set
            else "leaver"
            if actor in old_set
            else "newcomer"
        )
        present_after = actor in new_set
        partners = list(after.graph[actor]) if present_after else []
        established = sum(1 for p in partners if p in old_set)
        n_old, n_new = nets_old.get(actor, set()), nets_new.get(actor, set())
        rows.append(
            {
                **info[actor],
                "status": status,
                "degree_before": before.graph.degree(actor) if actor in old_set else None,
                "degree_after": len(partners) if present_after else None,
                "connected": bool(partners) if present_after else None,
                "partners_established": established if present_after else None,
                "connected_to_established": established > 0 if present_after else None,
                "networks_before": "|".join(sorted(n_old)),
                "networks_after": "|".join(sorted(n_new)),
                "networks_joined": "|".join(sorted(n_new - n_old)),
                "networks_left": "|".join(sorted(n_old - n_new)),
            }
        )
    table = pd.DataFrame(rows, columns=list(ACTOR_COLUMNS))
    for col in ("degree_before", "degree_after", "partners_established"):
        table[col] = pd.array(table[col], dtype="Int64")
    for col in ("connected", "connected_to_established"):
        table[col] = pd.array(table[col], dtype="boolean")
    return table


def _number(value: Any) -> int | float | None:
    """A cell as a plain number: ``None`` for missing, ``int`` for integers and booleans."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, bool | np.bool_):
        return int(bool(value))
    if isinstance(value, int | np.integer):
        return int(value)
    number = float(value)
    return None if math.isnan(number) else number


def indicator_columns(table: pd.DataFrame, *, p_values: bool = True) -> list[str]:
    """The compared columns of an output table: numeric and boolean ones, without :data:`STATIC_COLUMNS`.

    >>> indicator_columns(pd.DataFrame({"id": ["a"], "founded": [2010], "members": [3], "open": [True]}))
    ['members', 'open']
    """
    skip = set(STATIC_COLUMNS) | (set() if p_values else set(P_VALUE_COLUMNS))
    return [
        c
        for c in table.columns
        if c not in skip and (pd.api.types.is_numeric_dtype(table[c]) or pd.api.types.is_bool_dtype(table[c]))
    ]


def _scope_rows(
    scope: str, key: str, old: pd.DataFrame, new: pd.DataFrame, columns: list[str]
) -> list[dict[str, Any]]:
    old_rows = {r[key]: r for r in old.to_dict("records")}
    new_rows = {r[key]: r for r in new.to_dict("records")}
    order = [*new[key], *(i for i in old[key] if i not in new_rows)]
    rows = []
    for ident in order:
        b, a = old_rows.get(ident), new_rows.get(ident)
        name = (new_rows[ident] if ident in new_rows else old_rows[ident])["name"]
        for col in columns:
            rows.append(_indicator_row(scope, ident, name, col, b and b.get(col), a and a.get(col)))
    return rows


def _indicator_row(
    scope: str, ident: str, name: str, indicator: str, before: Any, after: Any
) -> dict[str, Any]:
    b, a = _number(before), _number(after)
    difference = None if a is None or b is None else a - b
    return {
        "scope": scope,
        "id": ident,
        "name": name,
        "indicator": indicator,
        "before": b,
        "after": a,
        "difference": difference,
    }


def landscape_figures(summary: Mapping[str, Any]) -> dict[str, int | float]:
    """The numbers of ``summary.json`` by key (those of ``communities`` included), in key order.

    >>> landscape_figures({"ties": 5, "actor_types": {"school": 2}, "communities": {"ari": 1.0}})
    {'ari': 1.0, 'ties': 5}
    """
    flat = {**summary, **(summary.get("communities") or {})}  # "communities" becomes their number
    return {k: v for k, v in sorted(flat.items()) if isinstance(v, int | float) and not isinstance(v, bool)}


def indicator_changes(before: Analysis, after: Analysis, *, p_values: bool = True) -> pd.DataFrame:
    """The indicator table in long form: scope, id, name, indicator, before, after, difference.

    Scopes in order: ``landscape`` (the numbers of ``summary.json``), ``network`` (the
    numeric columns of ``networks.csv``), ``region`` (those of ``regions.csv``); booleans
    count as 0/1. A network (or district) missing from one state has that side empty, and
    so has every difference involving an empty value (e.g. the density of a one-member network).
    Integer indicators stay integers (``3``, not ``3.0``).

    Parameters
    ----------
    before, after : the analyses of the two states.
    p_values : also compare the permutation p-values (:data:`P_VALUE_COLUMNS`).

    Returns
    -------
    DataFrame with the columns of ``compare.csv``.

    Example
    -------
    >>> from mintgraph.testing import tiny_dataset
    >>> from mintgraph.timeline import dataset_in_year
    >>> ds = tiny_dataset()
    >>> old, new = analyze(dataset_in_year(ds, 2014)), analyze(dataset_in_year(ds, 2019))
    >>> table = indicator_changes(old, new)
    >>> table[(table["id"] == "net-a") & (table["indicator"] == "internal_ties")].iloc[0].tolist()
    ['network', 'net-a', 'Netz A', 'internal_ties', 2, 3, 1]
    """
    rows = []
    old_fig, new_fig = landscape_figures(before.summary), landscape_figures(after.summary)
    for key in [*new_fig, *(k for k in old_fig if k not in new_fig)]:
        rows.append(
            _indicator_row("landscape", LANDSCAPE_ID, LANDSCAPE_ID, key, old_fig.get(key), new_fig.get(key))
        )
    for scope, key, old, new in (
        ("network", "id", before.networks, after.networks),
        ("region", "code", before.regions, after.regions),
    ):
        columns = [c for c in indicator_columns(new, p_values=p_values) if c in old.columns]
        rows += _scope_rows(scope, key, old, new, columns)
    table = pd.DataFrame(rows, columns=list(INDICATOR_COLUMNS))
    for col in ("before", "after", "difference"):  # ints stay ints (no "3.0" in the CSV)
        table[col] = pd.Series([r[col] for r in rows], index=table.index, dtype=object)
    return table


def headline(ties: pd.DataFrame, actors: pd.DataFrame, before: Analysis, after: Analysis) -> dict[str, Any]:
    """The headline counts of a comparison (see ``docs/indicators/compare.md``).

    Parameters
    ----------
    ties, actors : from :func:`tie_changes` and :func:`actor_changes`.
    before, after : the analyses of the two states.

    Returns
    -------
    dict of counts; ``newcomers_connected_share`` is ``None`` without newcomers.

    Example
    -------
    >>> from mintgraph.testing import tiny_dataset
    >>> h = compare_years(tiny_dataset(), 2014, 2019).headline
    >>> h["ties_before"], h["ties_after"], h["newcomers_connected_to_established"]
    (2, 5, 1)
    """
    status = ties["status"].value_counts()
    newcomers = actors[actors["status"] == "newcomer"]
    n_new = len(newcomers)
    connected = int(newcomers["connected"].fillna(False).sum())
    to_established = int(newcomers["connected_to_established"].fillna(False).sum())
    old_nets, new_nets = set(before.networks["id"]), set(after.networks["id"])
    return {
        "actors_before": len(before.actors),
        "actors_after": len(after.actors),
        "newcomers": n_new,
        "leavers": int((actors["status"] == "leaver").sum()),
        "newcomers_connected": connected,
        "newcomers_connected_share": connected / n_new if n_new else None,
        "newcomers_connected_to_established": to_established,
        "ties_before": before.graph.number_of_edges(),
        "ties_after": after.graph.number_of_edges(),
        **{f"{s}_ties": int(status.get(s, 0)) for s in TIE_STATUSES},
        "networks_before": len(old_nets),
        "networks_after": len(new_nets),
        "new_networks": len(new_nets - old_nets),
        "lost_networks": len(old_nets - new_nets),
    }
