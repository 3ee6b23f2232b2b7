"""The content of ``report.html``: findings in plain language, time series, provenance — as data.

Everything the funder's report says is computed here from an :class:`~mintgraph.analysis.Analysis`,
language-neutral; :mod:`mintgraph.views.report_html` puts it into words (German or English)
and onto the page.

* :func:`summary_findings` — the executive summary as a list of :class:`Finding` records
  (a sentence key and its numbers/names), e.g. the densest network, the districts with
  activities but no network, the actors whose departure would split the graph.
* :func:`time_series` — the landscape rebuilt for each year (:func:`mintgraph.timeline.dataset_in_year`)
  with only the cheap steps: the cooperation graph and :func:`~mintgraph.metrics.networks.network_table`
  (ties, members, density and E-I index per network and year).
* :func:`provenance` — per input table, how many rows cite a URL, how many are ``synthetic``.
* :func:`report_date` — the date printed on the report: ``SOURCE_DATE_EPOCH`` if set, else today.

Example
-------
>>> from mintgraph.analysis import analyze
>>> from mintgraph.testing import tiny_dataset
>>> result = analyze(tiny_dataset(), permutations=0)
>>> [f.key for f in summary_findings(result)][:2]
['overview', 'densest']
>>> summary_findings(result)[1].values["name"]
'Netz A'
"""

from __future__ import annotations

import datetime as dt
import math
import os
from dataclasses import dataclass, field

import pandas as pd

from mintgraph.analysis import Analysis
from mintgraph.graph import cooperation_graph
from mintgraph.metrics.networks import network_table
from mintgraph.model import Dataset
from mintgraph.timeline import dataset_in_year, years_of

SOURCE_COLUMNS: dict[str, str] = {
    "actors": "source",
    "networks": "source",
    "memberships": "source",
    "cooperations": "source_ref",
    "activities": "source",
    "network_links": "source",
}
"""The column of each input table that names where a row comes from."""

SYNTHETIC = "synthetic"
"""The ``source`` value of a row made by the seeded generator (see data/README.md)."""

TOP_ACTORS = 3
"""How many single points of failure the summary names."""


@dataclass(frozen=True)
class Finding:
    """One sentence of the executive summary: its key (``report_sum_<key>`` in i18n) and its values."""

    key: str
    values: dict[str, object] = field(default_factory=dict)


def regional_networks(networks: pd.DataFrame) -> pd.DataFrame:
    """The networks that are not umbrellas (``level == "network"``), in input order.

    >>> from mintgraph.analysis import analyze
    >>> from mintgraph.testing import tiny_dataset
    >>> regional_networks(analyze(tiny_dataset(), permutations=0).networks)["id"].tolist()
    ['net-a', 'net-b']
    """
    return networks[networks["level"] == "network"]


def _first(table: pd.DataFrame, column: str, *, ascending: bool) -> pd.Series | None:
    """The row with the highest (or lowest) value of ``column``, ties broken by the smaller id."""
    rows = table.dropna(subset=[column])
    if rows.empty:
        return None
    return rows.sort_values([column, "id"], ascending=[ascending, True]).iloc[0]


def summary_findings(result: Analysis) -> list[Finding]:
    """The executive summary as data: one :class:`Finding` per sentence, in reading order.

    Keys and values:

    * ``overview`` — ``actors``, ``networks`` (regional, umbrellas excluded), ``ties``, ``districts``
      (with actors);
    * ``densest`` / ``sparsest`` — the regional network with the highest / lowest ``density``
      (ties by id): ``name``, ``density``, ``members`` (sparsest only if it differs);
    * ``most_open`` — the regional network with the highest E-I index (``name``, ``ei_index``);
    * ``cross_district`` — ``share`` of all ties that cross a district border;
    * ``white_spots`` — ``districts``: names of the districts with activities but no network
      (``no_white_spots`` if there are none);
    * ``mint_without_network`` — ``districts``: the seed's above-average MINT districts no
      network covers (left out if none);
    * ``cut_points`` — ``count`` of articulation points and the ``names`` of the
      :data:`TOP_ACTORS` of them with the highest betweenness (``no_cut_points`` if none);
    * ``fragile`` — the regional network with the lowest ``robustness_3`` (``name``, ``robustness``,
      ``key_actor`` name, and ``connected``: its ``largest_component_share`` before anyone leaves,
      since a network that is already fragmented scores low from the start).

    Example
    -------
    >>> from mintgraph.analysis import analyze
    >>> from mintgraph.testing import tiny_dataset
    >>> f = {x.key: x.values for x in summary_findings(analyze(tiny_dataset(), permutations=0))}
    >>> f["densest"]["density"], f["cut_points"]["names"]
    (1.0, ['Uni', 'Firma'])
    """
    s = result.summary
    nets = regional_networks(result.networks)
    findings = [
        Finding(
            "overview",
            {
                "actors": s["actors"],
                "networks": len(nets),
                "ties": s["ties"],
                "districts": s["districts_with_actors"],
            },
        )
    ]
    densest = _first(nets, "density", ascending=False)
    sparsest = _first(nets, "density", ascending=True)
    if densest is not None:
        findings.append(_network_finding("densest", densest))
        if sparsest is not None and sparsest["id"] != densest["id"]:
            findings.append(_network_finding("sparsest", sparsest))
    most_open = _first(nets, "ei_index", ascending=False)
    if most_open is not None:
        findings.append(
            Finding("most_open", {"name": most_open["name"], "ei_index": float(most_open["ei_index"])})
        )
    if s.get("cross_district_share") is not None:
        findings.append(Finding("cross_district", {"share": float(s["cross_district_share"])}))
    regions = result.regions
    white = regions.loc[regions["white_spot"].astype(bool), "name"].tolist()
    findings.append(Finding("white_spots", {"districts": white}) if white else Finding("no_white_spots"))
    uncovered = regions.loc[
        regions["mint_above_average"].astype(bool) & (regions["networks"] == 0), "name"
    ].tolist()
    if uncovered:
        findings.append(Finding("mint_without_network", {"districts": uncovered}))
    cut = result.actors[result.actors["articulation_point"].astype(bool)]
    if len(cut):
        top = cut.sort_values(["betweenness", "id"], ascending=[False, True]).head(TOP_ACTORS)
        findings.append(Finding("cut_points", {"count": len(cut), "names": top["name"].tolist()}))
    else:
        findings.append(Finding("no_cut_points"))
    fragile = _first(nets, "robustness_3", ascending=True) if "robustness_3" in nets else None
    if fragile is not None:
        names = dict(zip(result.actors["id"], result.actors["name"], strict=True))
        findings.append(
            Finding(
                "fragile",
                {
                    "name": fragile["name"],
                    "robustness": float(fragile["robustness_3"]),
                    "key_actor": names.get(fragile.get("key_actor", ""), ""),
                    "connected": finite(fragile.get("largest_component_share")),
                },
            )
        )
    return findings


def _network_finding(key: str, row: pd.Series) -> Finding:
    return Finding(
        key, {"name": row["name"], "density": float(row["density"]), "members": int(row["members"])}
    )


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


def _kind(value: object) -> str:
    text = str(value or "").strip()
    if not text:
        return "empty"
    if text.lower() == SYNTHETIC:
        return "synthetic"
    if "http://" in text or "https://" in text:
        return "url"
    return "other"


def provenance(dataset: Dataset) -> pd.DataFrame:
    """Where the rows come from, per input table.

    A row is counted as ``url`` if its source column (:data:`SOURCE_COLUMNS`) contains an
    ``http://`` or ``https://`` address, ``synthetic`` if it is exactly ``synthetic`` (the
    generator's mark), ``other`` for any other text and ``empty`` without a source.

    Returns
    -------
    DataFrame with columns ``table, rows, url, synthetic, other, empty``, one row per table.

    Example
    -------
    >>> from mintgraph.testing import tiny_dataset
    >>> provenance(tiny_dataset()).iloc[0].to_dict()
    {'table': 'actors', 'rows': 6, 'url': 0, 'synthetic': 0, 'other': 0, 'empty': 6}
    """
    rows = []
    for table, column in SOURCE_COLUMNS.items():
        frame = getattr(dataset, table)
        values = frame[column] if column in frame.columns else pd.Series([""] * len(frame))
        kinds = values.map(_kind).value_counts()
        rows.append(
            {
                "table": table,
                "rows": len(frame),
                **{k: int(kinds.get(k, 0)) for k in ("url", "synthetic", "other", "empty")},
            }
        )
    return pd.DataFrame(rows, columns=["table", "rows", "url", "synthetic", "other", "empty"])


def report_date(date: dt.date | None = None) -> dt.date:
    """The date printed on the report.

    ``date`` if given; else the UTC date of the ``SOURCE_DATE_EPOCH`` environment variable
    (seconds since 1970, the reproducible-builds convention) if set; else today.

    >>> report_date(dt.date(2026, 1, 31))
    datetime.date(2026, 1, 31)
    >>> from unittest import mock
    >>> with mock.patch.dict(os.environ, {"SOURCE_DATE_EPOCH": "0"}):
    ...     report_date()
    datetime.date(1970, 1, 1)
    """
    if date is not None:
        return date
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


def finite(value: object) -> float | None:
    """A number as float, or ``None`` when missing or not finite.

    >>> finite(0.5), finite(float("nan")), finite(None), finite("x")
    (0.5, None, None, None)
    """
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None
