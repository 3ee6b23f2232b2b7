"""The landscape year by year (the report's charts; ``Analysis.time_series``).

Each year is rebuilt as it stood then (:func:`mintgraph.timeline.dataset_in_year`) and measured
with the definitions of ``networks.csv`` (:func:`mintgraph.metrics.networks.network_table`),
without the expensive steps.
"""

from __future__ import annotations

import pandas as pd

from mintgraph.graph import cooperation_graph
from mintgraph.metrics.networks import network_table
from mintgraph.model import Dataset
from mintgraph.timeline import dataset_in_year, years_of

__all__ = ["time_series"]


def time_series(dataset: Dataset) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The landscape year by year: ties per year, and each network's size, density and E-I index.

    For every year *Y* from the first ``since`` to the last ``since``/``until``
    (:func:`mintgraph.timeline.years_of`), the dataset is rebuilt as it stood in *Y*
    (:func:`mintgraph.timeline.dataset_in_year`), its cooperation graph built and
    :func:`~mintgraph.metrics.networks.network_table` run on it — the same definitions as
    ``networks.csv``, without the expensive steps.

    Returns
    -------
    ``(years, networks)``: ``years`` with columns ``year, actors, ties`` (one row per year);
    ``networks`` with columns ``year, id, name, level, members, internal_ties, density, ei_index``
    (one row per year and network existing in that year). Both empty without cooperations.

    Example
    -------
    >>> from mintgraph.testing import tiny_dataset
    >>> years, nets = time_series(tiny_dataset())
    >>> years["ties"].tolist()
    [1, 1, 2, 2, 2, 3, 4, 5, 5]
    >>> nets[nets["id"] == "net-a"]["density"].round(3).tolist()[:3]
    [1.0, 0.333, 0.667]
    """
    span = years_of(dataset)
    year_rows, network_rows = [], []
    if span is not None:
        for year in range(span[0], span[1] + 1):
            then = dataset_in_year(dataset, year)
            graph = cooperation_graph(then)
            year_rows.append({"year": year, "actors": len(then.actors), "ties": graph.number_of_edges()})
            table = network_table(graph, then)
            for row in table.itertuples(index=False):
                network_rows.append(
                    {
                        "year": year,
                        "id": row.id,
                        "name": row.name,
                        "level": row.level,
                        "members": row.members,
                        "internal_ties": row.internal_ties,
                        "density": row.density,
                        "ei_index": row.ei_index,
                    }
                )
    years = pd.DataFrame(year_rows, columns=["year", "actors", "ties"])
    columns = ["year", "id", "name", "level", "members", "internal_ties", "density", "ei_index"]
    return years, pd.DataFrame(network_rows, columns=columns)
