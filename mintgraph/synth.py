"""Seeded generator of synthetic (but plausible) MINT landscapes.

:func:`generate_landscape` creates actors, activities, cooperations and network
memberships for a set of districts. Given the real facts of a landscape as
``base`` it *enlarges* them: the real rows are kept unchanged and first, the
synthetic rows are appended. Every synthetic row is marked with ``source`` (for
cooperations ``source_ref``) = ``synthetic``.

The generator is pure: it uses one private :class:`random.Random` seeded with
``seed`` and draws only through ``random()``, so the same arguments give
byte-identical tables (on any platform and Python version).

Shape of the synthetic landscape (tuned for Hessen, but general):

* actors in every district, roughly proportional to population, at least a few
  per district; about 45 % schools, 18 % companies, then associations, student
  labs, public bodies, museums, universities, foundations, chambers, other;
* activities offered mostly by out-of-school actors, in the provider's district,
  more of them in recent years;
* cooperations mostly inside a district (~65 %), ~25 % with a neighbouring
  district, ~10 % long-range; preferential attachment (degree-heavy tails),
  preference for school ↔ out-of-school pairs and for partners in the same
  network once both are members; more ties in recent years;
* memberships: actors in a network's districts join it with some probability,
  never before the network's founding year.

Synthetic rows never add a membership or an activity to a *real* actor and never
tie two real actors together, so no new claim about a pair of real
organisations is made. They may tie a real actor to a fictional one.

Example
-------
>>> import pandas as pd
>>> regions = pd.DataFrame(
...     {"code": ["01", "02"], "name": ["Nord", "Süd"], "population": [1000, 3000], "neighbours": ["02", "01"]}
... )
>>> t = generate_landscape(
...     regions, n_actors=40, n_activities=12, n_cooperations=60, start_year=2015, end_year=2020, seed=1
... )
>>> len(t["actors"]), len(t["activities"]), len(t["cooperations"])
(40, 12, 60)
>>> t["actors"]["source"].unique().tolist()
['synthetic']
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

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
_SCOPE_P = (0.66, 0.24, 0.10)  # same district, neighbouring district, long-range
_REPEAT_P = 0.12
_NETWORK_BONUS = 4.0
_PA_OFFSET = 3.0  # preferential attachment: weight (distinct partners + offset) * fitness


# --- random helpers (only rng.random() is used, for a stable stream) -----------------------------------
def _pick(rng: random.Random, weights: Sequence[float]) -> int:
    """Index drawn with probability proportional to ``weights`` (at least one must be > 0)."""
    total = math.fsum(weights)
    if not total > 0:
        raise ValueError("all weights are zero")
    x = rng.random() * total
    acc = 0.0
    last = 0
    for i, w in enumerate(weights):
        if w > 0:
            acc += w
            last = i
            if x < acc:
                return i
    return last


def _pick_key(rng: random.Random, weights: Mapping[str, float]) -> str:
    keys = list(weights)
    return keys[_pick(rng, [weights[k] for k in keys])]


def _randint(rng: random.Random, low: int, high: int) -> int:
    """Integer in ``[low, high]``, uniform."""
    return low + min(high - low, int(rng.random() * (high - low + 1)))


def _lognormal(rng: random.Random, sigma: float) -> float:
    """Log-normal variate (median 1) via Box-Muller on ``rng.random()``."""
    u1 = 1.0 - rng.random()  # (0, 1]
    u2 = rng.random()
    z = math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)
    return math.exp(sigma * z)


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


# --- internal state --------------------------------------------------------------------------------------
@dataclass
class _Actor:
    id: str
    type: str
    region: str
    municipality: str
    real: bool
    fitness: float
    networks: list[tuple[str, int]] = field(default_factory=list)  # (network id, since)
    activities: list[tuple[str, int]] = field(default_factory=list)  # (activity id, year)
    partners: set[str] = field(default_factory=set)  # ids of cooperation partners (lookup only)

    @property
    def degree(self) -> int:
        return len(self.partners)


@dataclass
class _Region:
    code: str
    name: str
    population: float
    neighbours: list[str]
    municipalities: list[tuple[str, float]]  # (name, weight)


def _regions(regions: pd.DataFrame, municipalities: pd.DataFrame | None) -> list[_Region]:
    missing = [c for c in ("code", "population") if c not in regions.columns]
    if missing:
        raise ValueError(f"regions lacks column(s) {', '.join(missing)}")
    if len(regions) == 0:
        raise ValueError("regions is empty")
    codes = [str(c) for c in regions["code"].tolist()]
    if len(set(codes)) != len(codes):
        raise ValueError("region codes are not unique")
    names = [str(n) for n in regions["name"].tolist()] if "name" in regions.columns else codes
    neigh = regions["neighbours"].tolist() if "neighbours" in regions.columns else [""] * len(codes)
    munis: dict[str, list[tuple[str, float]]] = {c: [] for c in codes}
    if municipalities is not None:
        kinds = (
            municipalities["kind"].tolist()
            if "kind" in municipalities.columns
            else [""] * len(municipalities)
        )
        for reg, name, kind in zip(
            municipalities["region"].tolist(), municipalities["municipality"].tolist(), kinds, strict=True
        ):
            if str(reg) in munis:
                munis[str(reg)].append((str(name), 3.0 if str(kind).startswith("Stadt") else 1.0))
    # neighbourhood made symmetric, listed in the order of the regions table
    adjacent: dict[str, set[str]] = {c: set() for c in codes}
    for code, nb in zip(codes, neigh, strict=True):
        for other in _split(nb):
            if other in adjacent and other != code:
                adjacent[code].add(other)
                adjacent[other].add(code)
    out = []
    for code, name, pop in zip(codes, names, regions["population"].tolist(), strict=True):
        population = float(pop) if _cell(pop) else 0.0
        neighbours = [c for c in codes if c in adjacent[code]]
        out.append(_Region(code, name, max(population, 0.0), neighbours, munis[code]))
    return out


# --- the generator ----------------------------------------------------------------------------------------
def generate_landscape(
    regions: pd.DataFrame,
    *,
    n_actors: int,
    n_activities: int,
    n_cooperations: int,
    start_year: int,
    end_year: int,
    seed: int,
    networks: pd.DataFrame | None = None,
    base: dict[str, pd.DataFrame] | None = None,
    municipalities: pd.DataFrame | None = None,
    min_actors_per_region: int = 8,
) -> dict[str, pd.DataFrame]:
    """Generate (or enlarge) a MINT landscape.

    Parameters
    ----------
    regions
        Districts: columns ``code``, ``population`` and optionally ``name`` and ``neighbours``
        (codes joined by ``|``), e.g. ``mintgraph/regions/hessen/regions.csv``.
    n_actors, n_activities, n_cooperations
        Number of rows of these tables in the *result*, real rows from ``base`` included.
    start_year, end_year
        Years of activities, cooperations and memberships lie in this closed range.
    seed
        Seed of the private random generator; same arguments give identical tables.
    networks
        Networks to use in addition to those in ``base`` (rows with an id already in ``base`` are
        ignored). If neither gives any network, some synthetic regional networks and one umbrella
        network are created, covering only part of the districts.
    base
        Real facts, keyed by table name. Their rows are returned unchanged and first (restricted
        to the output columns); synthetic rows follow.
    municipalities
        Columns ``region``, ``municipality`` and optionally ``kind`` (``Stadt`` weighs more):
        places used for synthetic names. Without it, the district name is used.
    min_actors_per_region
        Every district gets at least this many actors (fewer if ``n_actors`` is too small).

    Returns
    -------
    dict
        Table name (see :data:`OUTPUT_TABLES`) → DataFrame with the schema's non-personal
        columns in declaration order; all values are strings, ``""`` meaning empty.

    Example
    -------
    >>> import pandas as pd
    >>> regions = pd.DataFrame({"code": ["A", "B", "C"], "population": [5, 3, 2], "neighbours": ["B", "A|C", "B"]})
    >>> t = generate_landscape(
    ...     regions, n_actors=30, n_activities=5, n_cooperations=50, start_year=2020, end_year=2024, seed=7
    ... )
    >>> sorted(t["actors"]["region"].unique())
    ['A', 'B', 'C']
    """
    if end_year < start_year:
        raise ValueError("end_year must not be before start_year")
    rng = random.Random(seed)
    regs = _regions(regions, municipalities)
    reg_by_code = {r.code: r for r in regs}
    base = dict(base or {})
    out: dict[str, pd.DataFrame] = {t: _as_str_frame(t, base.get(t)) for t in OUTPUT_TABLES}
    for name in ("actors", "activities", "cooperations"):
        wanted = {"actors": n_actors, "activities": n_activities, "cooperations": n_cooperations}[name]
        if wanted < len(out[name]):
            raise ValueError(f"n_{name}={wanted} is smaller than the {len(out[name])} rows given in base")

    # networks: base first, then the extra ones
    if networks is not None:
        extra = _as_str_frame("networks", networks)
        extra = extra[~extra["id"].isin(out["networks"]["id"].tolist())]
        out["networks"] = pd.concat([out["networks"], extra], ignore_index=True)

    actors = _make_actors(rng, regs, out["actors"], n_actors, min_actors_per_region)
    syn_actors = [a for a in actors if not a.real]
    out["actors"] = pd.concat(
        [out["actors"], _actors_frame(rng, syn_actors, reg_by_code, out["actors"]["name"].tolist())],
        ignore_index=True,
    )
    by_id = {a.id: a for a in actors}
    if len(by_id) != len(actors):
        raise ValueError("actor ids are not unique (a synthetic id clashes with a base id?)")

    if len(out["networks"]) == 0:
        net_rows, link_rows = _make_networks(rng, regs, actors, start_year, end_year)
        out["networks"] = _as_str_frame("networks", pd.DataFrame(net_rows))
        out["network_links"] = pd.concat(
            [out["network_links"], _as_str_frame("network_links", pd.DataFrame(link_rows))], ignore_index=True
        )

    # real memberships feed the network bonus of the cooperation model
    founded = {
        row.id: (_year(row.founded) if _year(row.founded) is not None else start_year)
        for row in out["networks"].itertuples()
    }
    for row in out["memberships"].itertuples():
        if row.actor_id in by_id and row.network_id in founded:
            since = _year(row.since)
            by_id[row.actor_id].networks.append(
                (row.network_id, since if since is not None else founded[row.network_id])
            )
    mem_rows = _make_memberships(rng, out["networks"], out["memberships"], syn_actors, founded, end_year)
    out["memberships"] = pd.concat(
        [out["memberships"], _as_str_frame("memberships", pd.DataFrame(mem_rows))], ignore_index=True
    )

    for row in out["activities"].itertuples():
        if row.provider in by_id:
            by_id[row.provider].activities.append((row.id, _year(row.year) or start_year))
    act_rows = _make_activities(
        rng,
        syn_actors,
        reg_by_code,
        n_activities - len(out["activities"]),
        start_year,
        end_year,
        taken=set(out["activities"]["id"].tolist()),
    )
    out["activities"] = pd.concat(
        [out["activities"], _as_str_frame("activities", pd.DataFrame(act_rows))], ignore_index=True
    )

    for row in out["cooperations"].itertuples():
        if row.source in by_id and row.target in by_id:
            by_id[row.source].partners.add(row.target)
            by_id[row.target].partners.add(row.source)
    coop_rows = _make_cooperations(
        rng,
        actors,
        reg_by_code,
        out["networks"],
        n_cooperations - len(out["cooperations"]),
        start_year,
        end_year,
    )
    out["cooperations"] = pd.concat(
        [out["cooperations"], _as_str_frame("cooperations", pd.DataFrame(coop_rows))], ignore_index=True
    )
    return {t: out[t].reset_index(drop=True) for t in OUTPUT_TABLES}


# --- actors -------------------------------------------------------------------------------------------------
def _make_actors(
    rng: random.Random, regs: list[_Region], base_actors: pd.DataFrame, n_actors: int, min_per_region: int
) -> list[_Actor]:
    actors = [
        _Actor(
            r.id,
            r.type,
            r.region,
            r.municipality,
            True,
            _TYPE_FITNESS.get(r.type, 1.0) * _lognormal(rng, 0.6),
        )
        for r in base_actors.itertuples()
    ]
    n_syn = n_actors - len(actors)
    codes = [r.code for r in regs]
    base_per_region = [sum(1 for a in actors if a.region == c) for c in codes]

    # synthetic actors per district: the minimum first, the rest towards a population-proportional total
    minimum = max(0, min(min_per_region, n_actors // len(regs)))
    mandatory = [max(0, minimum - b) for b in base_per_region]
    if sum(mandatory) > n_syn:
        mandatory = _largest_remainder(n_syn, mandatory)
    pop_total = math.fsum(r.population for r in regs) or 1.0
    deficit = [
        max(0.0, n_actors * r.population / pop_total - b - m)
        for r, b, m in zip(regs, base_per_region, mandatory, strict=True)
    ]
    extra = _largest_remainder(
        n_syn - sum(mandatory), deficit if any(deficit) else [r.population for r in regs]
    )
    per_region = [m + e for m, e in zip(mandatory, extra, strict=True)]

    # synthetic actors per type: towards the overall type shares
    types = list(TYPE_SHARES)
    targets = _largest_remainder(n_actors, [TYPE_SHARES[t] for t in types])
    base_types = [sum(1 for a in actors if a.type == t) for t in types]
    per_type = dict(
        zip(
            types,
            _largest_remainder(n_syn, [max(0, g - b) for g, b in zip(targets, base_types, strict=True)]),
            strict=True,
        )
    )

    # schools spread with the actors; the other types fill the remaining slots, some prefer big districts
    schools = [
        min(s, n) for s, n in zip(_largest_remainder(per_type["school"], per_region), per_region, strict=True)
    ]
    per_type["school"] = sum(schools)
    slot_types: list[list[str]] = [["school"] * s for s in schools]
    slots = [i for i, (n, s) in enumerate(zip(per_region, schools, strict=True)) for _ in range(n - s)]
    other_types = [t for t in types if t != "school"]
    # if schools were capped, the remaining slots go to the other types
    shortfall = len(slots) - sum(per_type[t] for t in other_types)
    if shortfall > 0:
        per_type["company"] += shortfall
    mean_pop = pop_total / len(regs)
    for t in sorted(other_types, key=lambda t: -_URBAN_EXPONENT.get(t, 0.0)):
        exponent = _URBAN_EXPONENT.get(t, 0.0)
        for _ in range(per_type[t]):
            if not slots:
                break
            weights = [(regs[i].population / mean_pop + 0.05) ** exponent for i in slots]
            slot = slots.pop(_pick(rng, weights))
            slot_types[slot].append(t)

    width = max(4, len(str(n_syn)))
    k = 0
    for i, reg in enumerate(regs):
        for t in slot_types[i]:
            k += 1
            fitness = _TYPE_FITNESS[t] * _lognormal(rng, 0.6)
            actors.append(_Actor(f"a{k:0{width}d}", t, reg.code, _municipality(rng, reg, t), False, fitness))
    return actors


def _municipality(rng: random.Random, reg: _Region, actor_type: str) -> str:
    if not reg.municipalities:
        return ""
    urban = actor_type in ("university", "chamber", "museum", "foundation")
    weights = [w * w if urban else w for _, w in reg.municipalities]
    return reg.municipalities[_pick(rng, weights)][0]


def _actors_frame(
    rng: random.Random, syn: list[_Actor], reg_by_code: dict[str, _Region], taken: Sequence[str]
) -> pd.DataFrame:
    """Rows of the synthetic actors; names are unique, also against the ``taken`` (real) names."""
    seen: dict[str, int] = {}
    reserved = set(taken)
    rows = []
    for a in syn:
        place = a.municipality or reg_by_code[a.region].name
        templates = _ACTOR_NAME_TEMPLATES[a.type]
        name = templates[_randint(rng, 0, len(templates) - 1)].format(m=place)
        stem = name
        while name in reserved:
            seen[stem] = seen.get(stem, 1) + 1
            name = f"{stem} {seen[stem]}"
        reserved.add(name)
        rows.append(
            {
                "id": a.id,
                "name": name,
                "type": a.type,
                "region": a.region,
                "municipality": a.municipality,
                "source": SYNTHETIC,
            }
        )
    return _as_str_frame("actors", pd.DataFrame(rows))


# --- networks (only when none are given) ---------------------------------------------------------------------
def _make_networks(
    rng: random.Random, regs: list[_Region], actors: list[_Actor], start_year: int, end_year: int
) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    n_regional = max(1, round(len(regs) * 0.25))
    umbrella = {
        "id": "n00",
        "name": "MINT-Netzwerke (Dachverband)",
        "founded": str(start_year),
        "source": SYNTHETIC,
    }
    rows = [umbrella]
    free = list(range(len(regs)))
    covered: list[list[str]] = []
    names: list[str] = []
    founded_years: list[int] = []
    for k in range(1, n_regional + 1):
        if not free:
            break
        seed_idx = free.pop(_pick(rng, [regs[i].population + 1.0 for i in free]))
        seed_reg = regs[seed_idx]
        members = [seed_reg.code]
        for nb in seed_reg.neighbours:
            if rng.random() < 0.35:
                members.append(nb)
        members.sort()
        free = [i for i in free if regs[i].code not in members]
        year = _randint(rng, start_year, max(start_year, end_year - 3))
        candidates = [a for a in actors if not a.real and a.region == seed_reg.code and a.type != "school"]
        coordinator = max(candidates, key=lambda a: a.fitness).id if candidates else ""
        name = f"MINT-Netzwerk {seed_reg.name}"
        names.append(name)
        if names.count(name) > 1:
            name = f"{name} {names.count(name)}"
        rows.append(
            {
                "id": f"n{k:02d}",
                "name": name,
                "founded": str(year),
                "parent": "n00",
                "regions": MULTI_VALUE_SEPARATOR.join(members),
                "coordinator": coordinator,
                "source": SYNTHETIC,
            }
        )
        covered.append(members)
        founded_years.append(year)
    links = []
    for i in range(len(covered)):
        for j in range(i + 1, len(covered)):
            touching = any(
                nb in covered[j]
                for code in covered[i]
                for nb in next(r for r in regs if r.code == code).neighbours
            )
            if touching and rng.random() < 0.6:
                year = _randint(rng, max(founded_years[i], founded_years[j]), end_year)
                links.append(
                    {
                        "network_a": f"n{i + 1:02d}",
                        "network_b": f"n{j + 1:02d}",
                        "type": "joint_meeting" if rng.random() < 0.5 else "exchange",
                        "year": str(year),
                        "source": SYNTHETIC,
                    }
                )
    return rows, links


# --- memberships ------------------------------------------------------------------------------------------------
def _make_memberships(
    rng: random.Random,
    networks: pd.DataFrame,
    base_memberships: pd.DataFrame,
    syn_actors: list[_Actor],
    founded: dict[str, int],
    end_year: int,
) -> list[dict[str, str]]:
    existing = set(
        zip(base_memberships["actor_id"].tolist(), base_memberships["network_id"].tolist(), strict=True)
    )
    rows = []
    for net in networks.itertuples():
        codes = _split(net.regions)
        start = founded[net.id]
        if not codes or start > end_year:
            continue
        for a in syn_actors:
            if a.region not in codes or (a.id, net.id) in existing:
                continue
            p = min(0.85, _MEMBERSHIP_P[a.type] * math.sqrt(a.fitness / _TYPE_FITNESS[a.type]))
            if rng.random() >= p:
                continue
            delay = int(-math.log(1.0 - rng.random()) * 2.5)  # exponential, mean ~2.5 years
            since = min(end_year, start + delay)
            role = "coordinator" if net.coordinator == a.id else "member"
            a.networks.append((net.id, since))
            rows.append(
                {
                    "actor_id": a.id,
                    "network_id": net.id,
                    "role": role,
                    "since": str(since),
                    "source": SYNTHETIC,
                }
            )
        # a synthetic coordinator (generated networks) is always a member
        coord = str(net.coordinator)
        for a in syn_actors:
            if a.id == coord and not any(n == net.id for n, _ in a.networks):
                a.networks.append((net.id, start))
                rows.append(
                    {
                        "actor_id": a.id,
                        "network_id": net.id,
                        "role": "coordinator",
                        "since": str(start),
                        "source": SYNTHETIC,
                    }
                )
    return rows


# --- activities ---------------------------------------------------------------------------------------------------
def _growth_weights(start_year: int, end_year: int, rate: float) -> list[float]:
    return [rate ** (y - start_year) for y in range(start_year, end_year + 1)]


def _make_activities(
    rng: random.Random,
    syn_actors: list[_Actor],
    reg_by_code: dict[str, _Region],
    n: int,
    start_year: int,
    end_year: int,
    taken: set[str],
) -> list[dict[str, str]]:
    if n <= 0:
        return []
    if not syn_actors:
        raise ValueError("synthetic activities need synthetic actors as providers")
    provider_w = [_ACTIVITY_W[a.type] * a.fitness / _TYPE_FITNESS[a.type] for a in syn_actors]
    years = list(range(start_year, end_year + 1))
    year_w = _growth_weights(start_year, end_year, 1.10)
    width = max(4, len(str(n)))
    seen: dict[str, int] = {}
    rows = []
    for k in range(1, n + 1):
        a = syn_actors[_pick(rng, provider_w)]
        probs = _TOPIC_P.get(a.type, _TOPIC_P["default"])
        topic = "".join(letter for letter in TOPIC_LETTERS if rng.random() < probs[letter])
        if not topic:
            topic = _pick_key(rng, probs)
        fmt = _pick_key(rng, _FORMAT_W[a.type])
        target_w = dict(_TARGET_W)
        if fmt in ("fair", "lecture"):
            target_w["primary"] = 4
            target_w["upper_secondary"] = 30
            target_w["vocational"] = 25
        elif fmt == "holiday_programme":
            target_w["primary"] = 35
            target_w["families"] = 15
        target = _pick_key(rng, target_w)
        year = years[_pick(rng, year_w)]
        letter = topic[_randint(rng, 0, len(topic) - 1)]
        themes = _THEMES[letter]
        theme = themes[_randint(rng, 0, len(themes) - 1)]
        place = a.municipality or reg_by_code[a.region].name
        name = f"{_FORMAT_LABELS[fmt]} {theme} {place}"
        seen[name] = seen.get(name, 0) + 1
        if seen[name] > 1:
            name = f"{name} {seen[name]}"
        aid = f"act{k:0{width}d}"
        if aid in taken:
            raise ValueError(f"activity id {aid} clashes with a base id")
        a.activities.append((aid, year))
        rows.append(
            {
                "id": aid,
                "name": name,
                "provider": a.id,
                "region": a.region,
                "topic": topic,
                "format": fmt,
                "target_group": target,
                "year": str(year),
                "source": SYNTHETIC,
            }
        )
    return rows


# --- cooperations -------------------------------------------------------------------------------------------------
def _coop_type_weights(t1: str, t2: str) -> dict[str, float]:
    pair = (t1, t2)
    if "foundation" in pair:
        return _COOP_TYPE_W["foundation"]
    if "company" in pair and pair != ("company", "company"):
        return _COOP_TYPE_W["company"]
    if "school" in pair and ({"student_lab", "museum", "university"} & set(pair)):
        return _COOP_TYPE_W["school_lab"]
    if {"chamber", "public_body"} & set(pair):
        return _COOP_TYPE_W["institution"]
    return _COOP_TYPE_W["default"]


def _compat(t1: str, t2: str) -> float:
    if t1 == "school" and t2 == "school":
        return 0.25
    if (t1 == "school") != (t2 == "school"):
        return 2.0
    return 1.0


def _make_cooperations(
    rng: random.Random,
    actors: list[_Actor],
    reg_by_code: dict[str, _Region],
    networks: pd.DataFrame,
    n: int,
    start_year: int,
    end_year: int,
) -> list[dict[str, str]]:
    if n <= 0:
        return []
    if not any(not a.real for a in actors):
        raise ValueError("synthetic cooperations need synthetic actors")
    by_region: dict[str, list[_Actor]] = {code: [] for code in reg_by_code}
    for a in actors:
        by_region.setdefault(a.region, []).append(a)
    founded_by = [_year(v) for v in networks["founded"].tolist()]
    years = list(range(start_year, end_year + 1))
    year_w = [
        1.12 ** (y - start_year) * (1.0 + 0.15 * sum(1 for f in founded_by if f is not None and f <= y))
        for y in years
    ]
    quotas = _largest_remainder(n, year_w)

    pairs: list[tuple[_Actor, _Actor]] = []
    pair_rows: dict[tuple[str, str], list[tuple[str, int]]] = {}
    rows: list[dict[str, str]] = []

    def shared_network(u: _Actor, v: _Actor, year: int) -> bool:
        return any(nu == nv and su <= year and sv <= year for nu, su in u.networks for nv, sv in v.networks)

    def emit(u: _Actor, v: _Actor, year: int, ctype: str, weight: int) -> None:
        key = (u.id, v.id) if u.id < v.id else (v.id, u.id)
        if key not in pair_rows:
            pair_rows[key] = []
            pairs.append((u, v))
        pair_rows[key].append((ctype, year))
        until = ""
        if ctype != "exchange" and rng.random() < 0.35:
            end = year + _randint(rng, 0, 4)
            until = str(end) if end <= end_year else ""
        activity = ""
        own = [(aid, y) for aid, y in u.activities + v.activities if year - 3 <= y <= year]
        if own and rng.random() < 0.4:
            activity = own[_randint(rng, 0, len(own) - 1)][0]
        u.partners.add(v.id)
        v.partners.add(u.id)
        rows.append(
            {
                "source": u.id,
                "target": v.id,
                "type": ctype,
                "since": str(year),
                "until": until,
                "weight": str(weight),
                "activity_id": activity,
                "source_ref": SYNTHETIC,
            }
        )

    def free_type(key: tuple[str, str], year: int, weights: dict[str, float]) -> str | None:
        used = [t for t, y in pair_rows.get(key, []) if y == year]
        options = {t: w for t, w in weights.items() if t not in used}
        return _pick_key(rng, options) if options else None

    for year, quota in zip(years, quotas, strict=True):
        for _ in range(quota):
            # every synthetic actor gets at least one tie: those still without one are drawn as the
            # source at a rate that uses them up evenly over the years
            lonely = [a for a in actors if not a.real and not a.partners]
            if lonely and rng.random() < 1.3 * len(lonely) / (n - len(rows)):
                u = lonely[_pick(rng, [a.fitness for a in lonely])]
            else:
                # a repeated pair: same partners, another year or type
                if pairs and rng.random() < _REPEAT_P:
                    u, v = pairs[_randint(rng, 0, len(pairs) - 1)]
                    key = (u.id, v.id) if u.id < v.id else (v.id, u.id)
                    ctype = free_type(key, year, _coop_type_weights(u.type, v.type))
                    if ctype is not None:
                        emit(u, v, year, ctype, 1 + _pick(rng, (0.45, 0.35, 0.20)))
                        continue
                u = actors[_pick(rng, [(a.degree + _PA_OFFSET) * a.fitness for a in actors])]
            v = _partner(rng, u, by_region, reg_by_code, year, shared_network)
            if v is None:  # u has no possible partner left (e.g. a real actor among real ones): draw anew
                u = actors[_pick(rng, [(a.degree + _PA_OFFSET) * a.fitness * (not a.real) for a in actors])]
                v = _partner(rng, u, by_region, reg_by_code, year, shared_network)
                if v is None:
                    raise ValueError("no possible cooperation partner found")
            key = (u.id, v.id) if u.id < v.id else (v.id, u.id)
            ctype = free_type(key, year, _coop_type_weights(u.type, v.type)) or "other"
            emit(u, v, year, ctype, 1 + _pick(rng, (0.60, 0.28, 0.12)))
    return rows


def _partner(
    rng: random.Random,
    u: _Actor,
    by_region: dict[str, list[_Actor]],
    reg_by_code: dict[str, _Region],
    year: int,
    shared_network: Callable[[_Actor, _Actor, int], bool],
) -> _Actor | None:
    """Draw a partner for ``u``: same district, a neighbouring one, or anywhere (long-range)."""
    same = [u.region]
    neighbours = list(reg_by_code[u.region].neighbours) if u.region in reg_by_code else []
    far = [c for c in by_region if c != u.region and c not in neighbours]
    scopes = [same, neighbours, far]
    first = _pick(rng, _SCOPE_P)
    for scope in scopes[first:] + scopes[:first]:
        candidates = [
            v
            for code in scope
            for v in by_region.get(code, [])
            if v is not u and v.id not in u.partners and not (u.real and v.real)
        ]
        if not candidates:
            continue
        weights = []
        for v in candidates:
            w = (v.degree + _PA_OFFSET) * v.fitness * _compat(u.type, v.type)
            if shared_network(u, v, year):
                w *= _NETWORK_BONUS
            if scope is far and v.type in ("university", "chamber", "museum", "public_body", "foundation"):
                w *= 2.0
            weights.append(w)
        return candidates[_pick(rng, weights)]
    return None


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


PLANTED_NOTE = "planted effect: +{extra:g} partners per member outside the network (synthetic test)"
"""``note`` of the network that :func:`plant_effect` gave its members extra partners."""


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
        w = [options.get(t, 0.0) for t in _COOP_TYPES]
        ctype[where] = np.array(_COOP_TYPES, dtype=object)[_draw(rng, w, len(where))]
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
