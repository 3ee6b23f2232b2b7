"""Small, hand-checkable datasets for examples, doctests and tests.

Example
-------
>>> ds = tiny_dataset()
>>> len(ds.actors), len(ds.cooperations)
(6, 6)
"""

from __future__ import annotations

import csv
from pathlib import Path

from mintgraph.errors import DataError
from mintgraph.model import Dataset
from mintgraph.validate import check_records

TINY = {
    "actors": [
        {"id": "s1", "name": "Schule Eins", "type": "school", "region": "06611"},
        {"id": "s2", "name": "Schule Zwei", "type": "school", "region": "06633"},
        {"id": "u1", "name": "Uni", "type": "university", "region": "06611"},
        {"id": "c1", "name": "Firma", "type": "company", "region": "06631"},
        {"id": "l1", "name": "Labor", "type": "student_lab", "region": "06631"},
        {"id": "m1", "name": "Museum", "type": "museum", "region": "06412"},
    ],
    "networks": [
        {"id": "umbrella", "name": "Dach", "founded": "2010", "parent": "", "regions": ""},
        {"id": "net-a", "name": "Netz A", "founded": "2012", "parent": "umbrella", "regions": "06611|06633"},
        {
            "id": "net-b",
            "name": "Netz B",
            "founded": "2016",
            "parent": "umbrella",
            "regions": "06631",
            "coordinator": "c1",
        },
    ],
    "memberships": [
        {"actor_id": "s1", "network_id": "net-a", "role": "member", "since": "2012"},
        {"actor_id": "s2", "network_id": "net-a", "role": "member", "since": "2013"},
        {"actor_id": "u1", "network_id": "net-a", "role": "coordinator", "since": "2012"},
        {"actor_id": "c1", "network_id": "net-b", "role": "coordinator", "since": "2016"},
    ],
    # ties: s1-u1 (2 rows), s2-u1, s1-s2, u1-c1, c1-l1; m1 isolated
    "cooperations": [
        {"source": "s1", "target": "u1", "type": "project", "since": "2012"},
        {"source": "u1", "target": "s1", "type": "offer", "since": "2015", "weight": "2"},
        {"source": "s2", "target": "u1", "type": "offer", "since": "2014"},
        {"source": "s1", "target": "s2", "type": "exchange", "since": "2018", "until": "2020"},
        {"source": "u1", "target": "c1", "type": "sponsorship", "since": "2017"},
        {"source": "c1", "target": "l1", "type": "project", "since": "2019"},
    ],
    "activities": [
        {
            "id": "x1",
            "name": "Labortag",
            "provider": "l1",
            "region": "06631",
            "topic": "NT",
            "format": "lab_day",
            "target_group": "lower_secondary",
            "year": "2020",
        },
        {
            "id": "x2",
            "name": "Mathe-Zirkel",
            "provider": "u1",
            "region": "06611",
            "topic": "M",
            "format": "club",
            "target_group": "upper_secondary",
            "year": "2019",
        },
    ],
}
"""The tiny landscape of :func:`tiny_dataset`, as text records.

Hand-computed facts used in tests: net-a has members {s1, s2, u1}; its internal ties
are s1-u1, s2-u1, s1-s2 (3), its external ties u1-c1 (1): density 3/3 = 1,
E-I = (1 - 3) / (1 + 3) = -0.5. net-b = {c1}: internal 0, external u1-c1 and c1-l1
(2): E-I = 1, density undefined (one member). The umbrella holds {s1, s2, u1, c1}:
internal 4, external 1 (c1-l1), density 4/6, E-I = -0.6.
"""


ACROSS_LAENDER: dict[str, list[dict[str, str]]] = {
    "actors": [
        {"id": "wmk-schule", "name": "Schule Witzenhausen", "type": "school", "region": "06636"},
        {"id": "wmk-verein", "name": "MINT WMK", "type": "association", "region": "06636"},
        {"id": "lab", "name": "Schülerlabor Eisenach", "type": "student_lab", "region": "16063"},
        {"id": "hs", "name": "Hochschule Fulda", "type": "university", "region": "6631"},
        {"id": "firma", "name": "Firma Köln", "type": "company", "region": "05315"},
    ],
    "networks": [
        {"id": "grenz", "name": "MINT über die Grenze", "founded": "2019", "regions": "06636|16063"}
    ],
    "memberships": [
        {"actor_id": "wmk-schule", "network_id": "grenz"},
        {"actor_id": "lab", "network_id": "grenz"},
    ],
    "cooperations": [
        {"source": "wmk-schule", "target": "lab", "type": "project", "since": "2020"},
        {"source": "hs", "target": "lab", "type": "project", "since": "2022"},
        {"source": "firma", "target": "hs", "type": "sponsorship", "since": "2022"},
    ],
}
"""A made-up landscape across Hessen (06), Thüringen (16) and Nordrhein-Westfalen (05), with no
``regions.csv``: the shipped data of all of Germany resolves its codes (one written as ``6631``)."""


def tiny_dataset() -> Dataset:
    """Return the tiny hand-checkable landscape (6 actors, 3 networks, 6 cooperation rows).

    >>> tiny_dataset().networks["id"].tolist()
    ['umbrella', 'net-a', 'net-b']
    """
    report = check_records(TINY)
    if report.dataset is None:
        raise DataError(report.errors)
    return report.dataset


def write_tables(folder: Path, records: dict[str, list[dict[str, str]]]) -> Path:
    """Write tables given as row dicts (like :data:`TINY`) as CSV files into ``folder``; return it.

    >>> import tempfile
    >>> folder = write_tables(Path(tempfile.mkdtemp()) / "data", TINY)
    >>> sorted(p.name for p in folder.iterdir())[:2]
    ['activities.csv', 'actors.csv']
    """
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in records.items():
        header = list(dict.fromkeys(k for row in rows for k in row))
        with open(folder / f"{name}.csv", "w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, header, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    return folder
