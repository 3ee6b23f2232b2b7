"""Seeded generators of synthetic (but plausible) MINT landscapes.

:func:`generate_synthetic` draws a landscape of any size with numpy (100,000 actors in seconds)
on Hessen's districts, a grid of synthetic districts, or the real districts of a Land or all of
Germany (``mintgraph generate``; the model is in ``docs/generate.md``); :func:`plant_effect`
plants a known difference for the calibration tests. Every synthetic row is marked with
``source`` (for cooperations ``source_ref``) = ``synthetic``.

The bundled example in ``data/`` is built by ``scripts/build_example_data.py`` with the
generator that enlarges real facts, which lives with that script
(``scripts/example_landscape.py``) and shares this module's type shares, weights and names.

Example
-------
>>> t = generate_synthetic(200, 4, seed=1)
>>> len(t["actors"]), sorted(set(t["actors"]["source"]))
(200, ['synthetic'])
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from mintgraph.defaults import PLANTED_NOTE
from mintgraph.schema import ACTOR_TYPES, MULTI_VALUE_SEPARATOR, TABLES, TOPIC_LETTERS

SYNTHETIC = "synthetic"
"""Value of ``source`` / ``source_ref`` in every generated row."""

OUTPUT_TABLES: tuple[str, ...] = (
    "actors",
    "networks",
    "memberships",
    "cooperations",
    "activities",
    "network_links",
)
"""Tables returned by :func:`generate_landscape` (schema names, in load order)."""

TYPE_SHARES: dict[str, float] = {
    "school": 0.45,
    "company": 0.18,
    "association": 0.11,
    "student_lab": 0.07,
    "public_body": 0.05,
    "museum": 0.04,
    "university": 0.03,
    "foundation": 0.03,
    "chamber": 0.02,
    "other": 0.02,
}
"""Target share of each actor type in the whole landscape (real + synthetic)."""

FORMATS: tuple[str, ...] = (
    "workshop",
    "course",
    "lab_day",
    "fair",
    "competition",
    "holiday_programme",
    "lecture",
    "club",
)
TARGET_GROUPS: tuple[str, ...] = (
    "primary",
    "lower_secondary",
    "upper_secondary",
    "vocational",
    "teachers",
    "girls",
    "families",
)

_OUT_OF_SCHOOL = tuple(t for t in ACTOR_TYPES if t != "school")

# --- names -------------------------------------------------------------------------------------------
_ACTOR_NAME_TEMPLATES: dict[str, tuple[str, ...]] = {
    "school": (
        "Grundschule {m}",
        "Grundschule {m}",
        "Gesamtschule {m}",
        "Gymnasium {m}",
        "Haupt- und Realschule {m}",
        "Mittelstufenschule {m}",
        "Berufliche Schule {m}",
        "Integrierte Gesamtschule {m}",
    ),
    "company": (
        "Technik GmbH {m}",
        "Maschinenbau {m} GmbH",
        "Elektrotechnik {m} GmbH",
        "Software {m} GmbH",
        "IT-Service {m} GmbH",
        "Metallbau {m} GmbH",
        "Chemie {m} AG",
        "Solartechnik {m} GmbH",
        "Labortechnik {m} GmbH",
    ),
    "association": (
        "MINT-Verein {m}",
        "Förderverein MINT {m}",
        "Robotik-Club {m} e.V.",
        "Astronomie-Verein {m} e.V.",
        "Makerspace {m} e.V.",
        "Modellbau-Club {m} e.V.",
        "Mathe-Club {m} e.V.",
    ),
    "student_lab": (
        "Schülerlabor {m}",
        "MINT-Zentrum {m}",
        "Forscherwerkstatt {m}",
        "FabLab {m}",
        "Offene Werkstatt {m}",
    ),
    "museum": (
        "Technikmuseum {m}",
        "Naturkundemuseum {m}",
        "Science Center {m}",
        "Sternwarte {m}",
    ),
    "university": (
        "Wissenschaftscampus {m}",
        "Studienzentrum {m}",
        "Institut für Technik {m}",
        "Akademie für Informatik {m}",
    ),
    "public_body": (
        "Bildungsbüro {m}",
        "Schulverwaltungsamt {m}",
        "Wirtschaftsförderung {m}",
        "Volkshochschule {m}",
    ),
    "foundation": (
        "Stiftung MINT {m}",
        "Bildungsstiftung {m}",
        "Technikstiftung {m}",
    ),
    "chamber": (
        "Kreishandwerkerschaft {m}",
        "Elektro-Innung {m}",
        "Kammer-Bildungszentrum {m}",
    ),
    "other": (
        "MINT-Initiative {m}",
        "Jugendtechnikschule {m}",
        "Elterninitiative MINT {m}",
    ),
}

_FORMAT_LABELS: dict[str, str] = {
    "workshop": "Workshop",
    "course": "Kurs",
    "lab_day": "Labortag",
    "fair": "Messe",
    "competition": "Wettbewerb",
    "holiday_programme": "Ferienprogramm",
    "lecture": "Vortragsreihe",
    "club": "AG",
}
_THEMES: dict[str, tuple[str, ...]] = {
    "M": ("Mathematik", "Mathe-Knobeln", "Geometrie"),
    "I": ("Programmieren", "Robotik", "Informatik", "Künstliche Intelligenz"),
    "N": ("Chemie", "Biologie", "Physik", "Umwelt", "Astronomie"),
    "T": ("Technik", "Elektronik", "3D-Druck", "Erneuerbare Energien"),
}

# --- behaviour by actor type -------------------------------------------------------------------------
# weight of a district slot for a type: population ** exponent (universities, chambers, museums in cities)
_URBAN_EXPONENT: dict[str, float] = {
    "university": 2.0,
    "chamber": 1.5,
    "museum": 1.0,
    "foundation": 0.5,
    "student_lab": 0.5,
}
_TYPE_FITNESS: dict[str, float] = {
    "school": 0.5,
    "company": 0.8,
    "association": 1.0,
    "student_lab": 1.5,
    "public_body": 1.3,
    "museum": 1.3,
    "university": 1.8,
    "foundation": 1.0,
    "chamber": 1.8,
    "other": 1.0,
}
"""How readily an actor of each type cooperates (times a log-normal individual factor)."""
_MEMBERSHIP_P: dict[str, float] = {
    "school": 0.15,
    "company": 0.25,
    "association": 0.40,
    "student_lab": 0.60,
    "public_body": 0.50,
    "museum": 0.50,
    "university": 0.70,
    "foundation": 0.40,
    "chamber": 0.70,
    "other": 0.40,
}
_ACTIVITY_W: dict[str, float] = {
    "school": 0.15,
    "company": 0.8,
    "association": 2.5,
    "student_lab": 4.0,
    "public_body": 1.0,
    "museum": 3.0,
    "university": 3.0,
    "foundation": 1.2,
    "chamber": 1.5,
    "other": 1.5,
}
_FORMAT_W: dict[str, dict[str, float]] = {
    "school": {"club": 5, "competition": 2, "workshop": 1},
    "company": {"workshop": 3, "holiday_programme": 2, "fair": 1, "lecture": 1},
    "association": {"club": 4, "competition": 2, "workshop": 2, "holiday_programme": 1},
    "student_lab": {"lab_day": 4, "workshop": 3, "course": 2, "holiday_programme": 1},
    "public_body": {"fair": 2, "holiday_programme": 2, "course": 1, "competition": 1},
    "museum": {"workshop": 3, "holiday_programme": 3, "lecture": 1, "course": 1},
    "university": {"lecture": 3, "lab_day": 3, "course": 2, "holiday_programme": 1, "workshop": 1},
    "foundation": {"competition": 3, "workshop": 1, "course": 1},
    "chamber": {"fair": 3, "competition": 2, "workshop": 1},
    "other": {"workshop": 2, "club": 2, "course": 1, "competition": 1},
}
_TOPIC_P: dict[str, dict[str, float]] = {
    "default": {"M": 0.30, "I": 0.40, "N": 0.45, "T": 0.50},
    "company": {"M": 0.15, "I": 0.50, "N": 0.25, "T": 0.70},
    "museum": {"M": 0.20, "I": 0.15, "N": 0.70, "T": 0.50},
    "student_lab": {"M": 0.20, "I": 0.45, "N": 0.60, "T": 0.50},
    "university": {"M": 0.45, "I": 0.50, "N": 0.50, "T": 0.45},
    "school": {"M": 0.45, "I": 0.40, "N": 0.40, "T": 0.30},
}
_TARGET_W: dict[str, float] = {
    "primary": 20,
    "lower_secondary": 30,
    "upper_secondary": 17,
    "vocational": 10,
    "teachers": 7,
    "girls": 8,
    "families": 8,
}
_COOP_TYPE_W: dict[str, dict[str, float]] = {
    "foundation": {"sponsorship": 6, "project": 3, "other": 1},
    "company": {"sponsorship": 3.5, "project": 3.5, "offer": 1.5, "exchange": 1, "other": 0.5},
    "school_lab": {"offer": 5.5, "project": 3, "exchange": 1, "other": 0.5},
    "institution": {"project": 4.5, "exchange": 3.5, "offer": 1, "other": 1},
    "default": {"project": 4.5, "exchange": 2.5, "offer": 2, "other": 1},
}


def _largest_remainder(total: int, weights: Sequence[float]) -> list[int]:
    """Split ``total`` into integers proportional to ``weights`` (Hamilton's method, ties by index).

    >>> _largest_remainder(10, [1, 1, 1])
    [4, 3, 3]
    """
    if total <= 0:
        return [0] * len(weights)
    s = math.fsum(weights)
    if not s > 0:
        weights = [1.0] * len(weights)
        s = float(len(weights))
    quotas = [total * w / s for w in weights]
    out = [math.floor(q) for q in quotas]
    rest = total - sum(out)
    order = sorted(range(len(weights)), key=lambda i: (-(quotas[i] - out[i]), i))
    for i in order[:rest]:
        out[i] += 1
    return out


def _year(value: object) -> int | None:
    """Year from a cell (``"2016"``, ``2016``, ``"2022 (autumn)"``); ``None`` if empty or not a year."""
    text = str(value).strip() if value is not None else ""
    if len(text) >= 4 and text[:4].isdigit():
        return int(text[:4])
    return None


def _split(value: object) -> list[str]:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    return [v.strip() for v in str(value).split(MULTI_VALUE_SEPARATOR) if v.strip()]


def output_columns(table: str) -> list[str]:
    """Columns of ``table`` as written by the generator: the schema's, minus the personal ones
    and those only a survey import fills (``cooperations.reciprocity``).

    >>> output_columns("memberships")
    ['actor_id', 'network_id', 'role', 'since', 'source']
    """
    return [c.name for c in TABLES[table].columns if not c.personal and c.name not in _SURVEY_ONLY]


_SURVEY_ONLY = frozenset({"reciprocity", "frequency", "trust", "contribution"})


def _as_str_frame(table: str, df: pd.DataFrame | None) -> pd.DataFrame:
    """``df`` with exactly the output columns of ``table``, all values as strings ("" = empty)."""
    cols = output_columns(table)
    if df is None:
        return pd.DataFrame({c: pd.Series([], dtype=object) for c in cols})
    out = pd.DataFrame(index=range(len(df)))
    for c in cols:
        if c in df.columns:
            out[c] = [_cell(v) for v in df[c].tolist()]
        else:
            out[c] = [""] * len(df)
    return out


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer():
            return str(int(value))
    try:
        if pd.isna(value):  # pd.NA, NaT
            return ""
    except (TypeError, ValueError):
        pass
    return str(value)


# =====================================================================================================
# Large synthetic landscapes (vectorised with numpy): ``mintgraph generate``
# =====================================================================================================
HESSEN_DISTRICTS = 26
"""Up to this many districts, :func:`generate_synthetic` takes Hessen's shipped districts."""

SYNTHETIC_STATE_PREFIX = "9"
"""First digit of the 5-digit codes of a synthetic district table (no German state uses it)."""

_LOCAL_P = (0.70, 0.22, 0.03, 0.05)
"""Scope of a generated tie: same district, neighbouring district, anywhere (long-range bridge),
fellow member of one of the source's networks."""
_PARETO_SHAPE = 2.2
"""Shape of the Pareto activity weights; degrees are heavy-tailed with about this exponent + 1."""
_COOP_TYPES = ("project", "exchange", "offer", "sponsorship", "other")
_TYPE_CATEGORY = ("foundation", "company", "school_lab", "institution", "default")


def synthetic_regions(n_regions: int, *, seed: int = 0) -> pd.DataFrame:
    """A synthetic district table of ``n_regions`` districts on a square grid (a fictional state).

    Codes are ``9`` followed by four digits (``90001``, ``90002``, …), so they never clash with
    a German district code (AGS); names are ``Kreis 0001`` …; each district borders the ones
    left, right, above and below it on a grid of ``ceil(sqrt(n))`` columns; populations are
    log-normal (a few cities, many rural districts) and every tenth district is a
    ``kreisfreie Stadt``. There are no boundaries (no map), which the loader accepts for a
    user ``regions.csv``.

    Parameters
    ----------
    n_regions : number of districts, 1 to 9999.
    seed : seed of the populations.

    Returns
    -------
    pandas.DataFrame with the columns of the ``regions`` table, all values strings.

    Example
    -------
    >>> r = synthetic_regions(6)
    >>> r["code"].tolist()
    ['90001', '90002', '90003', '90004', '90005', '90006']
    >>> r.set_index("code")["neighbours"]["90002"]  # grid of 3 columns: left, right, below
    '90001|90003|90005'
    """
    if not 1 <= n_regions <= 9999:
        raise ValueError(f"n_regions must be from 1 to 9999, not {n_regions}")
    rng = np.random.default_rng(seed)
    cols = math.ceil(math.sqrt(n_regions))
    idx = np.arange(n_regions)
    row, col = idx // cols, idx % cols
    codes = [f"{SYNTHETIC_STATE_PREFIX}{i + 1:04d}" for i in idx]
    neighbours = []
    for i in idx:
        nb = []
        if col[i] > 0:
            nb.append(i - 1)
        if col[i] < cols - 1 and i + 1 < n_regions:
            nb.append(i + 1)
        if row[i] > 0:
            nb.append(i - cols)
        if i + cols < n_regions:
            nb.append(i + cols)
        neighbours.append("|".join(codes[j] for j in sorted(nb)))
    city = idx % 10 == 0
    population = np.round(rng.lognormal(np.log(180_000), 0.5, n_regions) * np.where(city, 2.0, 1.0))
    area = np.round(np.where(city, 150.0, 1100.0) * rng.lognormal(0.0, 0.3, n_regions), 2)
    return pd.DataFrame(
        {
            "code": codes,
            "name": [f"Kreis {i + 1:04d}" for i in idx],
            "type": np.where(city, "kreisfreie Stadt", "Landkreis").tolist(),
            "group": [f"Bezirk {r // 4 + 1}" for r in row],
            "population": [str(int(p)) for p in population],
            "area_km2": [f"{a:.2f}" for a in area],
            "neighbours": neighbours,
            "source": [SYNTHETIC] * n_regions,
        }
    )


def hessen_subset(n_regions: int) -> pd.DataFrame:
    """``n_regions`` of Hessen's shipped districts forming one connected area, with their borders.

    The area grows breadth-first from the most populous district (Frankfurt am Main),
    neighbours in code order; ``neighbours`` keeps only borders inside the area.

    >>> hessen_subset(3)["code"].tolist()
    ['06412', '06413', '06433']
    """
    from mintgraph.regions import shipped_regions_path

    table = pd.read_csv(shipped_regions_path(), dtype=str, keep_default_na=False)
    if not 1 <= n_regions <= len(table):
        raise ValueError(f"n_regions must be from 1 to {len(table)} for Hessen, not {n_regions}")
    neighbours = {c: sorted(_split(nb)) for c, nb in zip(table["code"], table["neighbours"], strict=True)}
    start = table.loc[table["population"].astype(int).idxmax(), "code"]
    chosen, queue = [start], [start]
    while queue and len(chosen) < n_regions:
        for nb in neighbours[queue.pop(0)]:
            if nb not in chosen and len(chosen) < n_regions:
                chosen.append(nb)
                queue.append(nb)
    out = table.set_index("code").loc[sorted(chosen)].reset_index()
    keep = set(chosen)
    out["neighbours"] = ["|".join(c for c in _split(nb) if c in keep) for nb in out["neighbours"]]
    return out


def germany_subset(land: str) -> pd.DataFrame:
    """The real districts of one Land (``"09"``, Bayern) or of all of Germany (``"all"``), in the
    format of a district table, with their borders inside that area (shipped Germany data).

    >>> t = germany_subset("12")  # Brandenburg
    >>> len(t), t.loc[t["code"] == "12054", "name"].item(), "12069" in t.loc[t["code"] == "12054", "neighbours"].item()
    (18, 'Potsdam', True)
    >>> len(germany_subset("all"))
    400
    """
    from mintgraph.regions import germany_districts, germany_neighbours

    rows = [r for r in germany_districts() if land == "all" or r["land_code"] == land]
    if not rows:
        raise ValueError(f"unknown Land {land!r}: use a code from 01 to 16, or 'all'")
    codes = {r["ags"] for r in rows}
    neighbours = germany_neighbours()
    return pd.DataFrame(
        {
            "code": [r["ags"] for r in rows],
            "name": [r["name"] for r in rows],
            "type": [r["type"] for r in rows],
            "group": [r["land_name"] for r in rows],
            "population": [r["population"] for r in rows],
            "area_km2": [r["area_km2"] for r in rows],
            "neighbours": ["|".join(sorted(neighbours.get(r["ags"], set()) & codes)) for r in rows],
            "source": "shipped Germany data (BKG VG5000 2021, Destatis 31.12.2021)",
        }
    )


def generate_synthetic(
    n_actors: int,
    n_regions: int,
    *,
    seed: int,
    cooperations_per_actor: float = 5.0,
    activities_per_actor: float = 0.8,
    start_year: int = 2011,
    end_year: int = 2026,
    plant_network: str | None = None,
    plant_extra: float = 0.0,
    land: str | None = None,
) -> dict[str, pd.DataFrame]:
    """A synthetic MINT landscape of any size, drawn with numpy (100,000 actors in seconds).

    Model (``docs/generate.md`` gives the details):

    * **districts**: ``n_regions`` ≤ 26 takes a connected area of Hessen's districts
      (:func:`hessen_subset`), more a grid of synthetic districts (:func:`synthetic_regions`),
      returned as the extra table ``regions``;
    * **actors**: types by :data:`TYPE_SHARES`; district drawn ∝ population, for universities,
      chambers and museums ∝ population to a power > 1 (they sit in cities); each actor has an
      activity weight :math:`w = f_{type} \\cdot (1 + P)`, *P* Pareto-distributed (shape 2.2), so degrees
      are heavy-tailed;
    * **cooperations**: ``cooperations_per_actor × n_actors`` rows; every actor is the source of
      one, the other sources are drawn ∝ *w*; the partner is drawn ∝ *w* within the source's
      district (70 %), a neighbouring district (22 %), a fellow member of one of the source's
      networks (5 %) or anywhere (3 %, the long-range bridges); school–school pairs are kept with
      probability 1/4; about 10 % of the rows repeat a pair in a later year or with another type;
      years grow by 12 % a year;
    * **networks**: one regional network per four districts (seeded in a populous district,
      joined by neighbours with probability 0.35), grouped under umbrella networks (one per eight
      regional networks) and one national umbrella; actors of covered districts join by type;
    * **activities**: ``activities_per_actor × n_actors``, mostly by out-of-school actors.

    Parameters
    ----------
    n_actors : number of actors (at least 2).
    n_regions : number of districts (1 to 9999); ignored with ``land``.
    land : a Land code (``"09"``) or ``"all"``: the landscape lies on that Land's (or all of
        Germany's 400) real districts (:func:`germany_subset`) and needs no ``regions.csv``.
    seed : seed of ``numpy.random.default_rng``; the same arguments give identical tables.
    cooperations_per_actor, activities_per_actor : rows per actor of these tables.
    start_year, end_year : the years of cooperations, memberships and activities.
    plant_network, plant_extra : with ``plant_extra`` > 0, the members of ``plant_network``
        (``None``: the regional network with the most members) get ``plant_extra`` more partners
        outside it on average, a known effect for testing the effects analysis
        (:func:`plant_effect`, applied last, seeded from ``seed``).

    Returns
    -------
    dict of table name → DataFrame (the tables of :data:`OUTPUT_TABLES` with the output
    columns as strings, plus ``regions`` when ``n_regions`` > 26, else no ``regions`` key).

    Example
    -------
    >>> t = generate_synthetic(200, 4, seed=1)
    >>> len(t["actors"]), len(t["cooperations"]), sorted(t["actors"]["region"].unique())
    (200, 1000, ['06412', '06413', '06433', '06434'])
    >>> t["actors"]["source"].unique().tolist()
    ['synthetic']
    """
    if not math.isfinite(plant_extra) or plant_extra < 0:  # before the work, not after
        raise ValueError(f"plant_extra must be a number ≥ 0, not {plant_extra}")
    if n_actors < 2:
        raise ValueError(f"n_actors must be at least 2, not {n_actors}")
    if end_year < start_year:
        raise ValueError("end_year must not be before start_year")
    rng = np.random.default_rng(seed)
    regions = (
        germany_subset(land)
        if land is not None
        else hessen_subset(n_regions)
        if n_regions <= HESSEN_DISTRICTS
        else synthetic_regions(n_regions, seed=seed)
    )
    years = np.arange(start_year, end_year + 1)
    actors = _syn_actors(rng, regions, n_actors)
    networks, links = _syn_networks(rng, regions, actors, start_year, end_year)
    memberships = _syn_memberships(rng, actors, networks, end_year)
    activities = _syn_activities(rng, actors, regions, round(activities_per_actor * n_actors), years)
    cooperations = _syn_cooperations(
        rng, actors, regions, memberships, activities, round(cooperations_per_actor * n_actors), years
    )
    width = len(str(n_actors - 1))
    ids = np.array([f"a{i:0{width}d}" for i in range(n_actors)], dtype=object)
    names = _syn_actor_names(rng, actors, regions)
    out = {
        "actors": pd.DataFrame(
            {
                "id": ids,
                "name": names,
                "type": actors["type"],
                "region": regions["code"].to_numpy()[actors["region"]],
                "source": SYNTHETIC,
            }
        ),
        "networks": networks.drop(columns=["_regions"]),
        "memberships": pd.DataFrame(
            {
                "actor_id": ids[memberships["actor"]],
                "network_id": networks["id"].to_numpy()[memberships["network"]],
                "role": memberships["role"],
                "since": memberships["since"],
                "source": SYNTHETIC,
            }
        ),
        "cooperations": pd.DataFrame(
            {
                "source": ids[cooperations["u"]],
                "target": ids[cooperations["v"]],
                "type": cooperations["type"],
                "since": cooperations["since"],
                "until": cooperations["until"],
                "weight": cooperations["weight"],
                "activity_id": cooperations["activity_id"],
                "source_ref": SYNTHETIC,
            }
        ),
        "activities": activities.assign(provider=ids[activities["provider"]]).drop(columns=["_region"]),
        "network_links": links,
    }
    # coordinators are actor ids
    coordinator = networks["coordinator"].to_numpy()
    out["networks"]["coordinator"] = [ids[c] if c >= 0 else "" for c in coordinator]
    tables = {t: _as_str_frame(t, out[t]) for t in OUTPUT_TABLES}
    if land is None and n_regions > HESSEN_DISTRICTS:  # real German districts need no regions.csv
        tables["regions"] = regions[list(TABLES["regions"].column_names)].astype(str)
    if plant_extra or plant_network is not None:
        tables = plant_effect(tables, plant_network, plant_extra, seed=seed, end_year=end_year)
    return tables


def plant_effect(
    tables: dict[str, pd.DataFrame],
    network: str | None,
    extra: float,
    *,
    seed: int,
    end_year: int = 2026,
) -> dict[str, pd.DataFrame]:
    """Plant a known effect: the members of ``network`` get ``extra`` more partners on average.

    For testing the effects analysis ("does the network make a difference?", members against
    comparable non-members of the same type and district): a known difference is added to a
    landscape, and the analysis should find it.

    Every direct member of ``network`` (an actor with a row of ``memberships`` naming it) gets
    ⌊extra⌋ new cooperation rows, plus one more with probability extra − ⌊extra⌋ (numpy
    ``default_rng(seed)``, members in the order of ``memberships``). Each row's partner is drawn
    uniformly, without replacement, from the actors of the member's district (``actors.region``)
    that are **not** members of ``network`` and not yet partners of the member in any row, so
    every row is a new partner outside the network (no pair is repeated); a member whose
    district has no such actor left gets fewer. The rows are ``type`` = ``project``, ``since``
    drawn uniformly from max(network founded, membership since, first year of the data) to
    ``end_year`` (the ties come after founding and joining), ``until`` empty (ongoing), ``weight``
    1, 2 or 3 (0.60, 0.28, 0.12, as :func:`generate_synthetic`), no ``activity_id``,
    ``source_ref`` = ``synthetic``, the member as ``source``; they are appended after the
    existing cooperations. The network's ``note`` is set to :data:`PLANTED_NOTE`.

    The partners are non-members of the same districts, so those comparison actors receive the
    extra ties too (on average ``extra`` × members / non-members of their district each): the
    difference an analysis sees between members and non-members of the same district is
    somewhat less than ``extra``. Actors of other districts are untouched.

    Parameters
    ----------
    tables : the tables of :func:`generate_synthetic` (at least ``actors``, ``networks``,
        ``memberships``, ``cooperations``; all values strings); not modified.
    network : id of the network; ``None`` takes the regional network (one that is nobody's
        ``parent``, i.e. not an umbrella) with the most direct members, ties broken by id.
    extra : mean number of extra partners per member (≥ 0); 0 returns the tables unchanged.
    seed : seed of ``numpy.random.default_rng``; the same arguments give identical tables.
    end_year : last year a planted tie may start in.

    Returns
    -------
    dict of table name → DataFrame: new tables (copies), with the extra cooperations.

    Raises
    ------
    ValueError
        If ``network`` is not an id of ``networks``, ``network`` is ``None`` and no network has
        members, or ``extra`` is negative or not finite.

    Example
    -------
    >>> t = generate_synthetic(300, 4, seed=1)
    >>> p = plant_effect(t, None, 2.0, seed=1)
    >>> members = t["memberships"].query("network_id == 'n1'")["actor_id"]
    >>> new = p["cooperations"].iloc[len(t["cooperations"]) :]
    >>> bool(new["source"].isin(members).all()), len(new) / len(members)
    (True, 2.0)
    >>> p["networks"].set_index("id").loc["n1", "note"]
    'planted effect: +2 partners per member outside the network (synthetic test)'
    """
    if not math.isfinite(extra) or extra < 0:
        raise ValueError(f"extra must be a number ≥ 0, not {extra}")
    out = {name: df.copy() for name, df in tables.items()}
    networks, memberships = out["networks"], out["memberships"]
    ids = networks["id"].astype(str).tolist()
    if network is not None and network not in ids:
        raise ValueError(
            f"unknown network '{network}' (the networks are {', '.join(ids[:10])}"
            + (", …)" if len(ids) > 10 else ")")
        )
    if extra == 0:
        return out
    if network is None:
        network = _largest_regional_network(networks, memberships)
    rng = np.random.default_rng(seed)
    actors = out["actors"]
    region_of = dict(zip(actors["id"].astype(str), actors["region"].astype(str), strict=True))
    rows = memberships[memberships["network_id"].astype(str) == network]
    member_since: dict[str, int | None] = {}
    for actor, since in zip(rows["actor_id"].astype(str), rows["since"], strict=True):
        member_since.setdefault(actor, _year(since))
    outside: dict[str, list[str]] = {}
    for actor, region in region_of.items():
        if actor not in member_since:
            outside.setdefault(region, []).append(actor)
    coops = out["cooperations"]
    partners: dict[str, set[str]] = {}
    for a, b in zip(coops["source"].astype(str), coops["target"].astype(str), strict=True):
        partners.setdefault(a, set()).add(b)
        partners.setdefault(b, set()).add(a)
    years = [y for y in map(_year, coops["since"]) if y is not None]
    founded = _year(networks.loc[networks["id"].astype(str) == network, "founded"].iloc[0])
    first = min(years) if years else None
    whole, frac = math.floor(extra), extra - math.floor(extra)
    new: dict[str, list[str]] = {c: [] for c in ("source", "target", "since", "weight")}
    for member, since in member_since.items():
        k = whole + int(rng.random() < frac)
        known = partners.get(member, set())
        candidates = [a for a in outside.get(region_of.get(member, ""), []) if a not in known]
        k = min(k, len(candidates))
        if k == 0:
            continue
        chosen = rng.choice(len(candidates), size=k, replace=False)
        low = max([y for y in (founded, since, first) if y is not None], default=end_year)
        start = rng.integers(low, max(low, end_year) + 1, size=k)
        weight = 1 + _draw(rng, [0.60, 0.28, 0.12], k)
        new["source"] += [member] * k
        new["target"] += [candidates[i] for i in chosen]
        new["since"] += [str(int(y)) for y in start]
        new["weight"] += [str(int(w)) for w in weight]
    added = pd.DataFrame(new).assign(type="project", until="", activity_id="", source_ref=SYNTHETIC)
    added = added.reindex(columns=coops.columns, fill_value="")
    out["cooperations"] = pd.concat([coops, added.astype(coops.dtypes.to_dict())], ignore_index=True)
    if "note" not in networks.columns:
        networks["note"] = ""
    networks.loc[networks["id"].astype(str) == network, "note"] = PLANTED_NOTE.format(extra=extra)
    return out


def _largest_regional_network(networks: pd.DataFrame, memberships: pd.DataFrame) -> str:
    """Id of the network that is nobody's parent with the most direct members (ties: smallest id)."""
    umbrellas = set(networks["parent"].astype(str)) if "parent" in networks.columns else set()
    direct = memberships.drop_duplicates(["actor_id", "network_id"])["network_id"].astype(str)
    counts = direct[~direct.isin(umbrellas)].value_counts()
    if counts.empty:
        raise ValueError("no network has members, so no effect can be planted")
    best = int(counts.max())
    return min(str(n) for n, c in counts.items() if c == best)


def _syn_actors(rng: np.random.Generator, regions: pd.DataFrame, n: int) -> dict:
    """Types, districts (indices into ``regions``) and activity weights of ``n`` actors."""
    types = np.array(list(TYPE_SHARES))
    shares = np.array([TYPE_SHARES[t] for t in types])
    counts = np.array(_largest_remainder(n, shares.tolist()))
    actor_type = np.repeat(types, counts)
    rng.shuffle(actor_type)
    population = regions["population"].astype(float).to_numpy()
    population = population / population.mean() + 0.05
    region = np.empty(n, dtype=np.int64)
    for t in types:
        where = np.flatnonzero(actor_type == t)
        weights = population ** (1.0 + _URBAN_EXPONENT.get(str(t), 0.0))
        region[where] = _draw(rng, weights, len(where))
    # every district gets at least one actor (while there are enough actors)
    empty = np.setdiff1d(np.arange(len(regions)), region)
    if len(empty) and n >= len(regions):
        movable = rng.permutation(n)
        counts = np.bincount(region, minlength=len(regions))
        moved = 0
        for a in movable:
            if moved == len(empty):
                break
            if counts[region[a]] > 1:
                counts[region[a]] -= 1
                region[a] = empty[moved]
                moved += 1
    fitness = np.array([_TYPE_FITNESS[str(t)] for t in actor_type])
    weight = fitness * (1.0 + rng.pareto(_PARETO_SHAPE, n))
    return {"type": actor_type, "region": region, "weight": weight, "n": n}


def _draw(rng: np.random.Generator, weights: ArrayLike, size: int) -> np.ndarray:
    """``size`` indices drawn with probability ∝ ``weights`` (inverse CDF, one uniform each)."""
    cum = np.cumsum(weights, dtype=float)
    return np.minimum(np.searchsorted(cum, rng.random(size) * cum[-1], side="right"), len(cum) - 1)


def _draw_within(
    rng: np.random.Generator,
    weights: np.ndarray,
    groups: tuple[np.ndarray, np.ndarray],
    group_of_draw: np.ndarray,
) -> np.ndarray:
    """For each draw, an element of its group ``group_of_draw[i]`` drawn ∝ ``weights``.

    ``groups`` is ``(members, starts)``: element indices sorted by group and the offset of each
    group in it (``starts`` has one more entry than there are groups). Empty groups give -1.
    """
    members, starts = groups
    cum = np.concatenate([[0.0], np.cumsum(weights[members], dtype=float)])
    lo, hi = cum[starts[group_of_draw]], cum[starts[group_of_draw + 1]]
    x = lo + rng.random(len(group_of_draw)) * (hi - lo)
    pos = np.searchsorted(cum, x, side="right") - 1
    pos = np.clip(pos, starts[group_of_draw], starts[group_of_draw + 1] - 1)
    out = members[np.minimum(pos, len(members) - 1)]
    return np.where(hi > lo, out, -1)


def _grouped(keys: np.ndarray, n_groups: int) -> tuple[np.ndarray, np.ndarray]:
    """``(members, starts)`` of :func:`_draw_within` for integer group keys."""
    members = np.argsort(keys, kind="stable")
    starts = np.concatenate([[0], np.cumsum(np.bincount(keys, minlength=n_groups))])
    return members, starts


def _syn_networks(
    rng: np.random.Generator, regions: pd.DataFrame, actors: dict, start_year: int, end_year: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    codes = regions["code"].tolist()
    index = {c: i for i, c in enumerate(codes)}
    neighbours = [[index[c] for c in _split(nb) if c in index] for nb in regions["neighbours"]]
    population = regions["population"].astype(float).to_numpy()
    n_regional = max(1, round(len(codes) / 4))
    free = np.ones(len(codes), dtype=bool)
    rows: list[dict] = []
    n_umbrellas = max(1, math.ceil(n_regional / 8)) if n_regional > 8 else 0
    rows.append(
        {
            "id": "",
            "name": "MINT-Netzwerke (Bundesverband)",
            "founded": start_year,
            "parent": "",
            "_regions": [],
        }
    )
    for k in range(n_umbrellas):
        rows.append(
            {
                "id": "",
                "name": f"MINT-Cluster {k + 1}",
                "founded": start_year + 1,
                "parent": 0,
                "_regions": [],
            }
        )
    type_ok = actors["type"] != "school"
    for k in range(n_regional):
        if not free.any():
            break
        candidates = np.flatnonzero(free)
        seed_region = int(candidates[_draw(rng, population[candidates], 1)[0]])
        covered = [seed_region] + [nb for nb in neighbours[seed_region] if free[nb] and rng.random() < 0.35]
        covered.sort()
        free[covered] = False
        in_seed = np.flatnonzero((actors["region"] == seed_region) & type_ok)
        coordinator = int(in_seed[np.argmax(actors["weight"][in_seed])]) if len(in_seed) else -1
        parent = 1 + k % n_umbrellas if n_umbrellas else 0
        rows.append(
            {
                "id": "",
                "name": f"MINT-Netzwerk {regions['name'].iloc[seed_region]}",
                "founded": int(rng.integers(start_year, max(start_year, end_year - 3) + 1)),
                "parent": parent,
                "_regions": covered,
                "coordinator": coordinator,
            }
        )
    width = len(str(len(rows)))
    ids = [f"n{i:0{width}d}" for i in range(len(rows))]
    seen: dict[str, int] = {}
    for i, row in enumerate(rows):
        row["id"] = ids[i]
        row["parent"] = ids[row["parent"]] if row["parent"] != "" else ""
        row["regions"] = MULTI_VALUE_SEPARATOR.join(codes[r] for r in row["_regions"])
        row.setdefault("coordinator", -1)
        row["source"] = SYNTHETIC
        seen[row["name"]] = seen.get(row["name"], 0) + 1
        if seen[row["name"]] > 1:
            row["name"] = f"{row['name']} {seen[row['name']]}"
    networks = pd.DataFrame(rows)
    # documented links between regional networks whose areas touch
    links = []
    regional = [i for i, r in enumerate(rows) if r["_regions"]]
    area_of = {i: set(rows[i]["_regions"]) for i in regional}
    around = {i: {nb for r in rows[i]["_regions"] for nb in neighbours[r]} for i in regional}
    for a_pos, i in enumerate(regional):
        for j in regional[a_pos + 1 :]:
            if around[i] & area_of[j] and rng.random() < 0.6:
                year = int(rng.integers(max(rows[i]["founded"], rows[j]["founded"]), end_year + 1))
                kind = "joint_meeting" if rng.random() < 0.5 else "exchange"
                links.append(
                    {
                        "network_a": ids[i],
                        "network_b": ids[j],
                        "type": kind,
                        "year": year,
                        "source": SYNTHETIC,
                    }
                )
    return networks, pd.DataFrame(links, columns=["network_a", "network_b", "type", "year", "source"])


def _syn_memberships(rng: np.random.Generator, actors: dict, networks: pd.DataFrame, end_year: int) -> dict:
    """Members of the regional networks (actors in covered districts join by type and weight)."""
    by_region = _grouped(actors["region"], int(actors["region"].max()) + 1)
    p_type = np.array([_MEMBERSHIP_P[str(t)] for t in actors["type"]])
    f_type = np.array([_TYPE_FITNESS[str(t)] for t in actors["type"]])
    p_join = np.minimum(0.85, p_type * np.sqrt(actors["weight"] / f_type / 1.8))
    actor_parts, net_parts, since_parts, role_parts = [], [], [], []
    members_of_region, starts = by_region
    columns = zip(networks["_regions"], networks["coordinator"], networks["founded"], strict=True)
    for k, (covered_regions, coordinator, founded) in enumerate(columns):
        if not covered_regions:
            continue
        covered = np.concatenate(
            [members_of_region[starts[r] : starts[r + 1]] for r in covered_regions if r + 1 < len(starts)]
            or [np.empty(0, dtype=np.int64)]
        )
        covered.sort()
        joined = covered[rng.random(len(covered)) < p_join[covered]]
        if coordinator >= 0 and coordinator not in joined:
            joined = np.sort(np.append(joined, coordinator))
        delay = np.floor(rng.exponential(2.5, len(joined))).astype(int)
        since = np.minimum(end_year, founded + delay)
        role = np.where(joined == coordinator, "coordinator", "member")
        since[joined == coordinator] = founded
        actor_parts.append(joined)
        net_parts.append(np.full(len(joined), k))
        since_parts.append(since)
        role_parts.append(role)
    return {
        "actor": np.concatenate(actor_parts),
        "network": np.concatenate(net_parts),
        "since": np.concatenate(since_parts),
        "role": np.concatenate(role_parts),
    }


def _syn_activities(
    rng: np.random.Generator, actors: dict, regions: pd.DataFrame, n: int, years: np.ndarray
) -> pd.DataFrame:
    types = actors["type"]
    w = np.array([_ACTIVITY_W[str(t)] / _TYPE_FITNESS[str(t)] for t in types]) * actors["weight"]
    provider = np.sort(_draw(rng, w, n))
    ptype = types[provider]
    topic_p = np.array([[_TOPIC_P.get(str(t), _TOPIC_P["default"])[x] for x in TOPIC_LETTERS] for t in ptype])
    has = rng.random((n, len(TOPIC_LETTERS))) < topic_p.reshape(n, len(TOPIC_LETTERS))
    fallback = np.argmax(topic_p.reshape(n, len(TOPIC_LETTERS)), axis=1)
    has[np.arange(n), fallback] |= ~has.any(axis=1)
    letters = np.array(list(TOPIC_LETTERS))
    topic = ["".join(letters[row]) for row in has]
    fmt = np.empty(n, dtype=object)
    for t in np.unique(ptype):
        where = np.flatnonzero(ptype == t)
        options = _FORMAT_W[str(t)]
        fmt[where] = np.array(list(options), dtype=object)[_draw(rng, list(options.values()), len(where))]
    groups = np.array(list(_TARGET_W), dtype=object)
    target = groups[_draw(rng, list(_TARGET_W.values()), n)]
    year = years[_draw(rng, 1.10 ** (years - years[0]), n)]
    first_letter = letters[np.argmax(has, axis=1)]
    theme = [_THEMES[str(x)][i % len(_THEMES[str(x)])] for i, x in enumerate(first_letter)]
    region_names = regions["name"].to_numpy()
    place = region_names[actors["region"][provider]]
    width = len(str(max(n - 1, 1)))
    return pd.DataFrame(
        {
            "id": [f"act{i:0{width}d}" for i in range(n)],
            "name": [f"{_FORMAT_LABELS[f]} {th} {p}" for f, th, p in zip(fmt, theme, place, strict=True)],
            "provider": provider,
            "region": regions["code"].to_numpy()[actors["region"][provider]],
            "topic": topic,
            "format": fmt,
            "target_group": target,
            "year": year,
            "source": SYNTHETIC,
            "_region": actors["region"][provider],
        }
    )


def _syn_cooperations(
    rng: np.random.Generator,
    actors: dict,
    regions: pd.DataFrame,
    memberships: dict,
    activities: pd.DataFrame,
    m: int,
    years: np.ndarray,
) -> dict:
    n = actors["n"]
    weight = actors["weight"]
    region = actors["region"]
    n_regions = len(regions)
    codes = regions["code"].tolist()
    index = {c: i for i, c in enumerate(codes)}
    nb_lists = [[index[c] for c in _split(nb) if c in index] for nb in regions["neighbours"]]
    nb_flat = np.array([j for nbs in nb_lists for j in nbs], dtype=np.int64)
    nb_start = np.concatenate([[0], np.cumsum([len(x) for x in nb_lists])]).astype(np.int64)
    by_region = _grouped(region, n_regions)
    mem_actor, mem_net = memberships["actor"], memberships["network"]
    n_nets = int(mem_net.max()) + 1 if len(mem_net) else 0
    by_network = _grouped(mem_net, n_nets)
    by_network = (mem_actor[by_network[0]], by_network[1])
    nets_of_actor = _grouped(mem_actor, n)  # membership rows by actor
    school = actors["type"] == "school"

    def partners(u: np.ndarray) -> np.ndarray:
        """A partner for each source in ``u`` (-1 where the draw is rejected)."""
        size = len(u)
        scope = _draw(rng, _LOCAL_P, size)
        target_region = region[u].copy()
        # neighbouring district: one of the source district's neighbours, uniformly
        deg = nb_start[region[u] + 1] - nb_start[region[u]]
        can = (scope == 1) & (deg > 0)
        offs = (rng.random(size) * np.maximum(deg, 1)).astype(np.int64)
        target_region[can] = nb_flat[nb_start[region[u][can]] + offs[can]]
        far = scope == 2
        region_weight = np.bincount(region, weights=weight, minlength=n_regions)
        target_region[far] = _draw(rng, region_weight, int(far.sum()))
        v = _draw_within(rng, weight, by_region, target_region)
        # a fellow member of one of the source's networks
        k_nets = nets_of_actor[1][u + 1] - nets_of_actor[1][u]
        via = (scope == 3) & (k_nets > 0)
        offset = (rng.random(int(via.sum())) * k_nets[via]).astype(np.int64)
        row = nets_of_actor[0][nets_of_actor[1][u[via]] + offset]
        if n_nets:
            v[via] = _draw_within(rng, weight, by_network, mem_net[row])
        both_school = school[u] & school[np.maximum(v, 0)]
        keep = (v >= 0) & (v != u) & (~both_school | (rng.random(size) < 0.25))
        return np.where(keep, v, -1)

    new_pairs = m - round(0.10 * m)
    us, vs = [], []
    have = 0
    while have < new_pairs:
        u = _draw(rng, weight, max(1000, int((new_pairs - have) * 1.3)))
        v = partners(u)
        us.append(u[v >= 0])
        vs.append(v[v >= 0])
        have += len(us[-1])
    u, v = np.concatenate(us)[:new_pairs], np.concatenate(vs)[:new_pairs]
    # every actor gets at least one tie: the lonely ones are the source of one more draw
    lonely = np.setdiff1d(np.arange(n), np.concatenate([u, v]))
    fix_u, fix_v = [], []
    for attempt in range(20):
        if not len(lonely):
            break
        w = partners(lonely) if attempt < 10 else _draw(rng, weight, len(lonely))
        ok = (w >= 0) & (w != lonely)
        fix_u.append(lonely[ok])
        fix_v.append(w[ok])
        lonely = lonely[~ok]
    if fix_u:  # the extra ties replace repeats (cut only in tiny landscapes)
        u = np.concatenate([np.concatenate(fix_u), u])[:m]
        v = np.concatenate([np.concatenate(fix_v), v])[:m]
    lo, hi = np.minimum(u, v), np.maximum(u, v)
    # repeats: an earlier pair again, in a later year or with another type (drawn with surplus,
    # identical rows are dropped below, then the table is cut to m rows)
    n_rep = m - len(lo) + max(50, (m - len(lo)) // 2)
    rep = rng.integers(0, len(lo), n_rep)
    pair_lo = np.concatenate([lo, lo[rep]])
    pair_hi = np.concatenate([hi, hi[rep]])
    year_w = 1.12 ** (years - years[0])
    since = years[_draw(rng, year_w, len(pair_lo))]
    since[len(lo) :] = np.minimum(years[-1], since[rep] + rng.integers(0, 4, n_rep))
    category = _pair_category(actors["type"][pair_lo], actors["type"][pair_hi])
    ctype = np.empty(len(pair_lo), dtype=object)
    for c, name in enumerate(_TYPE_CATEGORY):
        where = np.flatnonzero(category == c)
        options = _COOP_TYPE_W[name]
        type_w = [options.get(t, 0.0) for t in _COOP_TYPES]
        ctype[where] = np.array(_COOP_TYPES, dtype=object)[_draw(rng, type_w, len(where))]
    # identical rows (same pair, type and year) are dropped; the rest keep their order
    key = pd.DataFrame({"lo": pair_lo, "hi": pair_hi, "t": ctype, "y": since})
    unique = np.flatnonzero(~key.duplicated().to_numpy())[:m]
    for _ in range(100):  # tiny landscapes: top up with repeats in any year, of any type
        if len(unique) >= m:
            break
        extra = rng.integers(0, len(lo), 2 * (m - len(unique)) + 10)
        pair_lo, pair_hi = np.concatenate([pair_lo, lo[extra]]), np.concatenate([pair_hi, hi[extra]])
        since = np.concatenate([since, years[rng.integers(0, len(years), len(extra))]])
        kinds = np.array(_COOP_TYPES, dtype=object)[rng.integers(0, len(_COOP_TYPES), len(extra))]
        ctype = np.concatenate([ctype, kinds])
        key = pd.DataFrame({"lo": pair_lo, "hi": pair_hi, "t": ctype, "y": since})
        unique = np.flatnonzero(~key.duplicated().to_numpy())[:m]
    # orient: a random end is the source
    flip = rng.random(len(pair_lo)) < 0.5
    src = np.where(flip, pair_hi, pair_lo)[unique]
    dst = np.where(flip, pair_lo, pair_hi)[unique]
    ctype, since = ctype[unique], since[unique]
    k = len(src)
    ends = since + rng.integers(0, 5, k)
    until = np.where((ctype != "exchange") & (rng.random(k) < 0.35) & (ends <= years[-1]), ends, 0)
    weight_col = 1 + _draw(rng, [0.60, 0.28, 0.12], k)
    # an activity of the source, for 30 % of the ties whose source provides one
    by_provider = _grouped(activities["provider"].to_numpy(), n)
    n_act = by_provider[1][src + 1] - by_provider[1][src]
    link = (n_act > 0) & (rng.random(k) < 0.3)
    pos = by_provider[1][src[link]] + (rng.random(int(link.sum())) * n_act[link]).astype(np.int64)
    activity = np.full(k, "", dtype=object)
    activity[link] = activities["id"].to_numpy()[by_provider[0][pos]]
    return {
        "u": src,
        "v": dst,
        "type": ctype,
        "since": since,
        "until": np.where(until > 0, until.astype(str), ""),
        "weight": weight_col,
        "activity_id": activity,
    }


def _pair_category(t1: np.ndarray, t2: np.ndarray) -> np.ndarray:
    """Index into :data:`_TYPE_CATEGORY` of each pair of actor types (as :func:`_coop_type_weights`)."""

    def either(*names: str) -> np.ndarray:
        return np.isin(t1, names) | np.isin(t2, names)

    out = np.full(len(t1), 4)
    out[either("chamber", "public_body")] = 3
    school_lab = ((t1 == "school") & np.isin(t2, ("student_lab", "museum", "university"))) | (
        (t2 == "school") & np.isin(t1, ("student_lab", "museum", "university"))
    )
    out[school_lab] = 2
    out[either("company") & ~((t1 == "company") & (t2 == "company"))] = 1
    out[either("foundation")] = 0
    return out


def _syn_actor_names(rng: np.random.Generator, actors: dict, regions: pd.DataFrame) -> np.ndarray:
    """Names from the type's templates and the district name, numbered where they repeat."""
    n = actors["n"]
    place = regions["name"].to_numpy()[actors["region"]]
    pick = rng.random(n)
    names = np.empty(n, dtype=object)
    for t in np.unique(actors["type"]):
        templates = _ACTOR_NAME_TEMPLATES[str(t)]
        where = np.flatnonzero(actors["type"] == t)
        choice = (pick[where] * len(templates)).astype(int)
        names[where] = [templates[c].format(m=p) for c, p in zip(choice, place[where], strict=True)]
    count = pd.Series(names).groupby(names).cumcount().to_numpy()
    return np.array([f"{s} {c + 1}" if c else s for s, c in zip(names, count, strict=True)], dtype=object)
