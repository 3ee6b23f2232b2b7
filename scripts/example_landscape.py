"""The example's generator: real facts enlarged by synthetic rows (``scripts/build_example_data.py``).

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

import pandas as pd

from mintgraph.schema import MULTI_VALUE_SEPARATOR, TOPIC_LETTERS
from mintgraph.synth import (  # the weights, names and helpers both generators share
    _ACTIVITY_W,
    _ACTOR_NAME_TEMPLATES,
    _COOP_TYPE_W,
    _FORMAT_LABELS,
    _FORMAT_W,
    _MEMBERSHIP_P,
    _TARGET_W,
    _THEMES,
    _TOPIC_P,
    _TYPE_FITNESS,
    _URBAN_EXPONENT,
    OUTPUT_TABLES,
    SYNTHETIC,
    TYPE_SHARES,
    _as_str_frame,
    _cell,
    _largest_remainder,
    _split,
    _year,
)

__all__ = ["generate_landscape"]


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
