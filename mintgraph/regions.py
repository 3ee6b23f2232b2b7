"""The districts shipped with mintgraph (Hessen's 26 Kreise and kreisfreie Städte).

A user may put their own ``regions.csv`` (and optionally ``boundaries.geojson``)
into the data folder to analyse another state; otherwise the shipped Hessen
tables are used. See ``mintgraph/regions/hessen/SOURCE.md`` for sources and licence.

Example
-------
>>> shipped_regions_path().name
'regions.csv'
>>> ATTRIBUTION.startswith("© GeoBasis-DE / BKG 2021")
True
>>> sorted(mint_above_average_codes())[:3]
['06431', '06435', '06437']
"""

from __future__ import annotations

import csv
import json
from importlib import resources
from pathlib import Path

HESSEN = "hessen"

ATTRIBUTION = (
    "© GeoBasis-DE / BKG 2021 (Daten verändert), dl-de/by-2-0; "
    "Statistisches Bundesamt (Destatis), Gemeindeverzeichnis GV-ISys, Gebietsstand 31.12.2021"
)
"""Attribution required by the licences of the shipped district data."""


def _shipped_dir(name: str = HESSEN) -> Path:
    return Path(str(resources.files("mintgraph") / "regions" / name))


def shipped_regions_path(name: str = HESSEN) -> Path:
    """Path of the shipped district table (same format as a user's ``regions.csv``)."""
    return _shipped_dir(name) / "regions.csv"


def shipped_boundaries(name: str = HESSEN) -> dict:
    """The shipped district polygons as a GeoJSON dict (WGS84, property ``ags`` = code)."""
    with open(_shipped_dir(name) / "boundaries.geojson", encoding="utf-8") as fh:
        return json.load(fh)


def mint_above_average_codes(name: str = HESSEN) -> set[str]:
    """District codes (AGS) with an above-average share of MINT workers.

    Read from the shipped ``mint_above_average.csv`` (columns ``code, name, source``): the
    ten districts the seed slides "MINT-Bildung im regionalen Netzwerk – ein Plus für die
    berufliche Orientierung" (referring to www.mint-in-hessen.de) list as Hessen's top 10.
    AGS codes are unique across Germany, so the set only ever matches Hessen districts.
    """
    with open(_shipped_dir(name) / "mint_above_average.csv", encoding="utf-8", newline="") as fh:
        return {row["code"].strip() for row in csv.DictReader(fh)}
