"""The landscape in a given year, rebuilt from the years in the tables.

Cooperations (``since``/``until``), memberships (``since``), networks (``founded``),
activities (``year``) and documented network links (``year``) carry years, so the
state of the landscape at the end of any year can be rebuilt from one dataset.
:func:`dataset_in_year` returns that state as an ordinary :class:`~mintgraph.model.Dataset`,
on which every indicator runs unchanged — the same definitions for every year.

Rules (the state "in year *Y*"):

* a **cooperation** is active if ``since <= Y`` and ``until`` is empty or ``>= Y``
  (as in :func:`mintgraph.graph.cooperation_graph`);
* a **network** exists if ``founded`` is empty or ``<= Y``; a network whose umbrella does
  not exist yet is top-level in that year;
* a **membership** counts if its network exists and ``since`` is empty or ``<= Y``;
* an **activity** counts if ``year <= Y``; a **network link** if its ``year`` is empty or ``<= Y``;
* an **actor** is present if its first dated trace — the earliest ``since`` of its
  cooperations and memberships, the earliest ``year`` of its activities — is ``<= Y``.
  An actor with no dated trace at all is present in every year (nothing says when it came).

Empty years mean "unknown": they never remove a row. That is the honest reading of a
table without dates, but it makes early years look fuller than they were; the
report and ``compare`` say so.

Example
-------
>>> from mintgraph.testing import tiny_dataset
>>> ds = tiny_dataset()
>>> then = dataset_in_year(ds, 2014)
>>> sorted(then.actors["id"]), sorted(then.networks["id"])
(['m1', 's1', 's2', 'u1'], ['net-a', 'umbrella'])
>>> years_of(ds)
(2012, 2020)
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from mintgraph.model import Dataset


def _not_after(years: pd.Series, year: int) -> pd.Series:
    """True where the year is empty or ``<= year`` (a boolean Series, no missing values)."""
    return (years.isna() | (years <= year)).fillna(True).astype(bool)


def active_cooperations(cooperations: pd.DataFrame, year: int) -> pd.DataFrame:
    """The cooperation rows active in ``year``: ``since <= year`` and ``until`` empty or ``>= year``.

    >>> from mintgraph.testing import tiny_dataset
    >>> len(active_cooperations(tiny_dataset().cooperations, 2021))  # s1-s2 ended in 2020
    5
    """
    mask = (cooperations["since"] <= year) & (cooperations["until"].isna() | (cooperations["until"] >= year))
    return cooperations[mask.fillna(False).astype(bool)]


def first_traces(dataset: Dataset) -> pd.Series:
    """Each actor's first dated trace (year), indexed by actor id; missing where it has none.

    The earliest of: ``since`` of its cooperations (either end), ``since`` of its
    memberships, ``year`` of the activities it provides.

    >>> from mintgraph.testing import tiny_dataset
    >>> first_traces(tiny_dataset()).to_dict()
    {'s1': 2012, 's2': 2013, 'u1': 2012, 'c1': 2016, 'l1': 2019, 'm1': None}
    """
    ids = dataset.actors["id"]
    index = pd.Index(ids).unique()
    first = np.full(len(index), np.inf)
    coops = dataset.cooperations
    # each dated trace's actor as a position in ``index`` (-1: not an actor, ignored)
    for who, when in (
        (coops["source"], coops["since"]),
        (coops["target"], coops["since"]),
        (dataset.memberships["actor_id"], dataset.memberships["since"]),
        (dataset.activities["provider"], dataset.activities["year"]),
    ):
        years = pd.array(when, dtype="Int64")
        dated = ~np.asarray(years.isna(), dtype=bool)
        at = index.get_indexer(who[dated])
        known = at >= 0
        np.minimum.at(first, at[known], years[dated].to_numpy(dtype=float)[known])
    values = first[index.get_indexer(ids)]
    return pd.Series(
        pd.array(np.where(np.isinf(values), np.nan, values), dtype="Int64"), index=ids.to_numpy()
    )


def dataset_in_year(dataset: Dataset, year: int) -> Dataset:
    """The landscape as it stood in ``year`` (see the module docstring for the rules).

    Parameters
    ----------
    dataset : the full landscape.
    year : the year to rebuild.

    Returns
    -------
    A new :class:`Dataset` with the rows that existed in ``year`` (input order kept);
    districts are unchanged. The input is not modified.

    Example
    -------
    >>> from mintgraph.testing import tiny_dataset
    >>> then = dataset_in_year(tiny_dataset(), 2016)
    >>> len(then.cooperations), sorted(then.memberships["actor_id"])
    (3, ['c1', 's1', 's2', 'u1'])
    """
    year = int(year)
    first = first_traces(dataset)
    present = set(first.index[_not_after(first, year).to_numpy()])
    actors = dataset.actors[dataset.actors["id"].isin(present)]

    networks = dataset.networks[_not_after(dataset.networks["founded"], year)].copy()
    existing = set(networks["id"])
    networks["parent"] = networks["parent"].where(networks["parent"].isin(existing), "")
    networks["coordinator"] = networks["coordinator"].where(networks["coordinator"].isin(present), "")

    ms = dataset.memberships
    memberships = ms[
        ms["network_id"].isin(existing) & ms["actor_id"].isin(present) & _not_after(ms["since"], year)
    ]
    cooperations = active_cooperations(dataset.cooperations, year)
    acts = dataset.activities
    activities = acts[(acts["year"] <= year).fillna(False).astype(bool) & acts["provider"].isin(present)]
    links = dataset.network_links
    network_links = links[
        links["network_a"].isin(existing)
        & links["network_b"].isin(existing)
        & _not_after(links["year"], year)
    ]
    if "activity_id" in cooperations.columns:
        known = set(activities["id"])
        cooperations = cooperations.assign(
            activity_id=cooperations["activity_id"].where(cooperations["activity_id"].isin(known), "")
        )
    return replace(
        dataset,
        actors=actors.reset_index(drop=True),
        networks=networks.reset_index(drop=True),
        memberships=memberships.reset_index(drop=True),
        cooperations=cooperations.reset_index(drop=True),
        activities=activities.reset_index(drop=True),
        network_links=network_links.reset_index(drop=True),
    )


def years_of(dataset: Dataset) -> tuple[int, int] | None:
    """The span of years the landscape's cooperations cover: (first ``since``, last ``since`` or ``until``).

    ``None`` for a landscape without cooperations.

    >>> from mintgraph.testing import tiny_dataset
    >>> years_of(tiny_dataset())
    (2012, 2020)
    """
    coops = dataset.cooperations
    if coops.empty:
        return None
    last = pd.concat([coops["since"], coops["until"]]).max()
    return int(coops["since"].min()), int(last)


def latest_year(dataset: Dataset) -> int | None:
    """The data's last year: the latest year in which the data records an event beginning.

    The latest of: ``since`` of cooperations and memberships, ``year`` of activities,
    ``founded`` of networks. ``until`` years are left out — an end year may be planned
    (a cooperation agreed until 2030) and says nothing about how recent the data is.
    ``None`` when no table carries a year.

    This is the default reference year of :func:`mintgraph.analyze`: the ties active in it
    are the *current* ties.

    >>> from mintgraph.testing import tiny_dataset
    >>> latest_year(tiny_dataset())
    2020
    """
    columns = (
        dataset.cooperations["since"],
        dataset.memberships["since"],
        dataset.activities["year"],
        dataset.networks["founded"],
    )
    years = [int(c.max()) for c in columns if c.notna().any()]
    return max(years) if years else None


def ended_ties(dataset: Dataset, year: int) -> pd.DataFrame:
    """The ties that existed before ``year`` but are no longer active in it.

    A tie (an unordered pair of actors) has *ended* by ``year`` when it has at least one
    cooperation row that began by then (``since <= year``) and every such row ended before
    it (``until < year``). A tie with one ended and one ongoing row is current, not ended.

    Returns
    -------
    DataFrame with columns ``source, target`` (the smaller id first) and ``until`` (the year
    the last of its rows ended), one row per ended tie, sorted by the pair.

    Example
    -------
    >>> from mintgraph.testing import tiny_dataset
    >>> ended_ties(tiny_dataset(), 2021).values.tolist()  # s1-s2 ended in 2020
    [['s1', 's2', 2020]]
    >>> ended_ties(tiny_dataset(), 2020).empty  # still active in its last year
    True
    """
    coops = dataset.cooperations
    begun = coops[(coops["since"] <= year).fillna(False).astype(bool)]
    m = len(begun)
    # the ids as integers in sorted order, so that integer order is the ids' order
    codes, ids = pd.factorize(
        pd.concat([begun["source"], begun["target"]], ignore_index=True).astype(str), sort=True
    )
    width, names = max(1, len(ids)), np.asarray(ids, dtype=object)
    low, high = np.minimum(codes[:m], codes[m:]), np.maximum(codes[:m], codes[m:])
    until = begun["until"].astype("Float64").fillna(np.inf).to_numpy(dtype=float)
    last = pd.Series(until).groupby(low.astype(np.int64) * width + high, sort=True).max()
    gone = last[last.to_numpy() < year]
    pairs = gone.index.to_numpy(dtype=np.int64)
    return pd.DataFrame(
        {
            "source": names[pairs // width],
            "target": names[pairs % width],
            "until": gone.to_numpy().astype(int),
        }
    )
