"""The dataset: the validated input tables of one landscape, as pandas DataFrames.

A :class:`Dataset` is what :func:`mintgraph.load` returns and what every later
stage (graph, metrics, views) reads. Its tables have exactly the columns that
:mod:`mintgraph.schema` declares (optional columns absent from the input are
present and empty), with these dtypes:

* text, id, ref, enum, topic, url, region columns: ``str`` (empty string = no value)
* year and int columns: pandas ``Int64`` (nullable)
* number columns: ``float64`` (``NaN`` = no value)
* ``regions`` columns (``networks.regions``, ``regions.neighbours``): ``str`` as in
  the file (codes joined by ``|``); use :func:`split_multi` to get the list.

Example
-------
>>> import mintgraph
>>> ds = mintgraph.load("data")            # doctest: +SKIP
>>> ds.actors[["id", "type", "region"]].head(2)  # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from mintgraph.schema import MULTI_VALUE_SEPARATOR, PERSONAL_COLUMNS


def split_multi(value: str) -> list[str]:
    """Split a multi-valued cell (``"06611|06633"``) into its values.

    >>> split_multi("06611| 06633")
    ['06611', '06633']
    >>> split_multi("")
    []
    """
    return [v.strip() for v in str(value).split(MULTI_VALUE_SEPARATOR) if v.strip()]


@dataclass
class Dataset:
    """All tables of one MINT landscape.

    Attributes
    ----------
    actors, networks, memberships, cooperations, activities, network_links, regions
        One DataFrame per input table (see ``docs/data-format.md``).
    path
        The folder the data was read from (``None`` if built in memory).
    region_source
        Attribution of the district table (shown in reports and maps).
    """

    actors: pd.DataFrame
    networks: pd.DataFrame
    memberships: pd.DataFrame
    cooperations: pd.DataFrame
    activities: pd.DataFrame
    network_links: pd.DataFrame
    regions: pd.DataFrame
    path: Path | None = None
    region_source: str = ""
    boundaries: dict | None = field(default=None, repr=False)

    def region_names(self) -> dict[str, str]:
        """Map district code to district name."""
        return dict(zip(self.regions["code"], self.regions["name"], strict=True))

    def personal_values(self) -> dict[str, int]:
        """How many non-empty cells each personal column of ``actors`` holds (only columns with any).

        >>> from mintgraph.testing import tiny_dataset
        >>> tiny_dataset().personal_values()
        {}
        """
        counts = {c: int((self.actors[c] != "").sum()) for c in PERSONAL_COLUMNS if c in self.actors.columns}
        return {c: n for c, n in counts.items() if n}
