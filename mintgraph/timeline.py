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
    coops = dataset.cooperations
    years = pd.concat(
        [
            pd.DataFrame({"id": coops["source"], "year": coops["since"]}),
            pd.DataFrame({"id": coops["target"], "year": coops["since"]}),
            pd.DataFrame({"id": dataset.memberships["actor_id"], "year": dataset.memberships["since"]}),
            pd.DataFrame({"id": dataset.activities["provider"], "year": dataset.activities["year"]}),
        ],
        ignore_index=True,
    )
    years["year"] = pd.array(years["year"], dtype="Int64")
    first = years.dropna(subset=["year"]).groupby("id")["year"].min()
    return pd.Series(
        pd.array(dataset.actors["id"].map(first), dtype="Int64"), index=dataset.actors["id"].to_numpy()
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
