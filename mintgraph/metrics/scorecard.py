"""The "Plus" scorecard: what the seed says a regional MINT network brings, made measurable.

The seed text ("MINT-Bildung im regionalen Netzwerk – ein Plus für die berufliche
Orientierung", www.mint-in-hessen.de) lists eleven benefits ("Plus") of a regional
network. Each is mapped here to one or more indicators of the other families — or,
honestly, marked as not measurable from cooperation data, with the data it would need.

``scorecard.csv`` is a long table: one row per scope (each network, and ``hessen`` for
the whole landscape treated as one network), Plus item and indicator, with the value,
how directly the indicator measures the item (``direct``, ``proxy`` or ``none``), which
way is better for the item (``direction``), whether the value can be compared across
sizes (``size_free``; only then is the whole landscape's value given for comparison,
``hessen_value``), how much of the data it rests on is there (``coverage``, ``partial``)
and whether the scope is a small network (``small_network``).

References
----------
Provan, K. G., Milward, H. B. (2001). Do networks really work? A framework for evaluating
public-sector organizational networks. Public Administration Review 61(4), 414–423 —
evaluation at the participant, network and community level.

Example
-------
>>> [p.id for p in PLUS][:3]
['coordination', 'contacts', 'cooperation']
>>> PLUS[-2].measurable
'none'
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import networkx as nx
import pandas as pd

from mintgraph.graph import network_members, umbrella_hierarchy
from mintgraph.metrics.networks import SMALL_NETWORK_MEMBERS
from mintgraph.model import Dataset

HESSEN = "hessen"
"""Scope label of the whole landscape in ``scorecard.csv``."""

BOUNDARY_INDICATORS = frozenset({"external_ties", "ei_index", "ei_index_p", "partners_vs_comparable"})
"""Indicators of a network's boundary: undefined for the whole landscape, which has no outside."""


DIRECTIONS = ("higher", "lower", "neither")
"""Values of ``direction``: which way an indicator is better for its Plus item."""


@dataclass(frozen=True)
class Indicator:
    """How to read one ``networks.csv`` column on the scorecard."""

    direction: str  # "higher", "lower" or "neither" (see DIRECTIONS)
    size_free: bool  # comparable between scopes of different size, so hessen_value is given
    why: str  # the reason for both, for the docs


INDICATORS: dict[str, Indicator] = {
    "largest_component_share": Indicator(
        "higher", True, "a share of the members: more of the network can reach each other"
    ),
    "degree_centralization": Indicator(
        "neither",
        True,
        "a normalised index; a hub can coordinate a young network, spread ties make a mature "
        "one sturdier, so neither end is better",
    ),
    "activities": Indicator("higher", False, "a count of offers: grows with the number of members"),
    "new_members_per_year": Indicator(
        "higher", False, "a count per year: a large network (or the landscape) recruits more by size"
    ),
    "ties_per_year_since_founding": Indicator(
        "higher", False, "a count per year: grows with the number of member pairs"
    ),
    "density": Indicator(
        "higher",
        True,
        "a share of member pairs; it falls naturally as networks grow, so compare similar sizes",
    ),
    "internal_ties": Indicator("higher", False, "a count: grows with the number of member pairs"),
    "average_clustering": Indicator(
        "higher", True, "a mean of shares: how closely knit the members' partners are"
    ),
    "external_ties": Indicator(
        "higher", False, "a count of ties to the outside: grows with the number of members"
    ),
    "ei_index": Indicator(
        "neither",
        True,
        "an index in [-1, 1]; +1 is also a network without internal cooperation and what a "
        "random set of actors shows, -1 a closed club: neither end is the goal (the outward "
        "ties themselves count in external_ties and cross_district_share)",
    ),
    "topic_coverage": Indicator(
        "higher",
        False,
        "a share of the four MINT fields, filled by the number of offers: the landscape "
        "covers every field as soon as any actor offers it",
    ),
    "topics_covered": Indicator("neither", False, "a list of letters, not a value"),
    "target_groups": Indicator(
        "higher", False, "a count of distinct target groups: grows with the number of offers"
    ),
    "target_groups_list": Indicator("neither", False, "a list, not a value"),
    "school_outofschool_share": Indicator("higher", True, "a share of member ties"),
    "type_diversity": Indicator("higher", True, "an index (Blau) of the members' types"),
    "types": Indicator("higher", False, "a count of distinct types: grows with the number of members"),
    "robustness_3": Indicator(
        "higher",
        False,
        "a share of members, but after removing a fixed number (3) of them: the larger the "
        "scope, the less three actors matter, by construction",
    ),
    "ei_regions": Indicator("higher", True, "an index of member ties across district lines"),
    "cross_district_share": Indicator("higher", True, "a share of member ties"),
    "partners_vs_comparable": Indicator(
        "higher",
        True,
        "a difference of means per member (members minus comparable actors outside, effects.csv); "
        "the whole landscape has no outside to compare with",
    ),
}
"""Direction and size-freedom of every indicator on the scorecard (the columns of :data:`PLUS`)."""

PARTIAL_SOURCES: dict[str, str] = {"new_members_per_year": "memberships.since"}
"""Indicators that rest on an optional input column, and that column.

Every other scorecard indicator rests on required columns (cooperations always have
``since``; actors their ``type`` and ``region``; activities their ``topic`` and
``target_group``), so its ``coverage`` is 1.
"""


@dataclass(frozen=True)
class Plus:
    """One benefit of a regional network as the seed names it, and how mintgraph measures it."""

    id: str
    de: str
    en: str
    indicators: tuple[str, ...]  # columns of networks.csv
    measurable: str  # "direct", "proxy" or "none"
    note: str  # what the indicators show, or what data would be needed


PLUS: tuple[Plus, ...] = (
    Plus(
        "coordination",
        "Koordination und Verzahnung vorhandener Angebote",
        "Coordinating existing offers",
        ("largest_component_share", "degree_centralization", "activities"),
        "proxy",
        "members reachable from each other and a coordinating hub; whether offers are actually "
        "coordinated (dates, referrals) needs data on the offers' scheduling",
    ),
    Plus(
        "contacts",
        "Kontakte herstellen",
        "Making contacts",
        ("new_members_per_year", "ties_per_year_since_founding"),
        "direct",
        "new members and new ties per year since founding",
    ),
    Plus(
        "cooperation",
        "Kooperationen fördern",
        "Fostering cooperation",
        ("density", "internal_ties", "average_clustering"),
        "direct",
        "share of member pairs that cooperate, and how closely knit they are",
    ),
    Plus(
        "visibility",
        "mehr Sichtbarkeit bekommen",
        "Gaining visibility",
        ("external_ties", "ei_index"),
        "proxy",
        "ties reaching beyond the network; visibility itself needs media, web or survey data",
    ),
    Plus(
        "new_topics",
        "Impulse für neue Themen setzen",
        "Impulses for new topics",
        ("topic_coverage", "topics_covered"),
        "proxy",
        "MINT areas covered by the members' activities; new topics over time need dated topic data",
    ),
    Plus(
        "target_groups",
        "neue Zielgruppen ansprechen",
        "Reaching new target groups",
        ("target_groups", "target_groups_list"),
        "proxy",
        "target groups of the members' activities; whether they are new needs participation data",
    ),
    Plus(
        "good_practice",
        "Good-Practice-Beispiele verbreiten",
        "Spreading good practice",
        ("ei_index", "cross_district_share"),
        "proxy",
        "ties across the network's and the districts' borders along which practice can travel; "
        "actual transfer needs data on adopted formats",
    ),
    Plus(
        "school_outofschool",
        "schulische Angebote stärker mit außerschulischen Aktivitäten verzahnen",
        "Linking school and out-of-school",
        ("school_outofschool_share",),
        "direct",
        "share of member ties between a school and an out-of-school actor",
    ),
    Plus(
        "landscape",
        "bessere und vielseitigere Bildungslandschaft schaffen",
        "A richer education landscape",
        ("type_diversity", "types", "activities"),
        "proxy",
        "variety of actor types and number of offers; 'better' needs outcome data",
    ),
    Plus(
        "quality",
        "Qualität sicherstellen",
        "Ensuring quality",
        (),
        "none",
        "not measurable from network data: needs evaluations of the offers (participant feedback, "
        "quality criteria such as LernortLabor's, repeat participation)",
    ),
    Plus(
        "together_strong",
        "„Gemeinsam stark“ sein",
        "Being stronger together",
        ("partners_vs_comparable", "robustness_3", "largest_component_share", "ei_regions"),
        "direct",
        "members have more partners than comparable actors outside the network (same type and "
        "district; effects.csv, an association, not proof that the network caused it); the network "
        "holds together when its three most central members leave, and links districts",
    ),
)
"""The eleven Plus items of the seed, in the seed's order."""


def _value(row: pd.Series, column: str) -> object:
    value = row.get(column, math.nan)
    if hasattr(value, "item"):  # numpy scalar -> plain Python value
        value = value.item()
    if value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value


def scope_has(scope: str, indicator: str) -> bool:
    """Whether an indicator is defined for a scope (boundary indicators are not, for the landscape).

    >>> scope_has("hessen", "ei_index"), scope_has("mint-wmk", "ei_index")
    (False, True)
    """
    return not (scope == HESSEN and indicator in BOUNDARY_INDICATORS)


SCORECARD_COLUMNS: tuple[str, ...] = (
    "scope",
    "scope_name",
    "plus",
    "plus_de",
    "plus_en",
    "measurable",
    "indicator",
    "direction",
    "size_free",
    "value",
    "hessen_value",
    "coverage",
    "partial",
    "small_network",
    "note",
)
"""Columns of ``scorecard.csv``, in order."""


def _small(values: pd.Series) -> bool:
    """Whether a scope is a small network: its ``small_network`` column (networks table),
    else fewer than :data:`~mintgraph.metrics.networks.SMALL_NETWORK_MEMBERS` ``members``."""
    flag = values.get("small_network")
    if flag is not None and not pd.isna(flag):
        return bool(flag)
    members = values.get("members")
    return members is not None and not pd.isna(members) and int(members) < SMALL_NETWORK_MEMBERS


def membership_since_coverage(dataset: Dataset) -> dict[str, tuple[int, int]]:
    """Per scope, (members with a known year of entry, members): what ``new_members_per_year`` rests on.

    A network's members include those of its sub-networks (as in ``networks.csv``); a member
    counts as known if any of its memberships there has ``since``. For the whole landscape
    (:data:`HESSEN`) an actor enters with its first cooperation, so the actors without any
    cooperation are the unknown ones.

    >>> from mintgraph.testing import tiny_dataset
    >>> membership_since_coverage(tiny_dataset())
    {'umbrella': (4, 4), 'net-a': (3, 3), 'net-b': (1, 1), 'hessen': (5, 6)}
    """
    members = network_members(dataset)
    hierarchy = umbrella_hierarchy(dataset)
    dated = dataset.memberships[dataset.memberships["since"].notna()]
    coverage: dict[str, tuple[int, int]] = {}
    for network in dataset.networks["id"]:
        subtree = {network, *nx.descendants(hierarchy, network)}
        known = set(dated.loc[dated["network_id"].isin(subtree), "actor_id"].tolist()) & members[network]
        coverage[network] = (len(known), len(members[network]))
    coops = dataset.cooperations
    cooperating = set(coops["source"].tolist()) | set(coops["target"].tolist())
    actors = set(dataset.actors["id"].tolist())
    coverage[HESSEN] = (len(actors & cooperating), len(actors))
    return coverage


def _coverage(
    scope: str, indicator: str, since: dict[str, tuple[int, int]] | None
) -> tuple[float | None, str]:
    """(coverage, note on the missing rows) of an indicator for a scope."""
    if not indicator:
        return None, ""
    if indicator not in PARTIAL_SOURCES:
        return 1.0, ""
    if since is None or scope not in since:
        return None, ""
    known, rows = since[scope]
    if rows == 0:
        return None, ""
    missing = rows - known
    if not missing:
        return 1.0, ""
    column = PARTIAL_SOURCES[indicator].split(".")[1]
    if scope == HESSEN:
        what = "actor has" if missing == 1 else "actors have"
        what += " no cooperation, so no year of entry"
    else:
        what = f"member lacks `{column}`" if missing == 1 else f"members lack `{column}`"
    return known / rows, f"partial: {missing} of {rows} {what} (not counted)"


def _with_effects(
    networks: pd.DataFrame, effects: pd.DataFrame | None
) -> tuple[pd.DataFrame, dict[str, str]]:
    """The networks table with ``partners_vs_comparable`` (matched difference in partners) and,
    per network, the note on that value (interval and adjusted p-value)."""
    networks = networks.copy()
    notes: dict[str, str] = {}
    if effects is None or effects.empty:
        return networks, notes
    rows = effects[(effects["outcome"] == "degree") & (effects["design"] == "matched")].set_index("network")
    networks["partners_vs_comparable"] = networks["id"].map(rows["difference"])
    for network, row in rows.iterrows():
        if pd.notna(row["difference"]) and pd.notna(row["ci_low"]):
            notes[str(network)] = (
                f"partners_vs_comparable: 95 % interval {row['ci_low']:.2f} to {row['ci_high']:.2f}, "
                f"adjusted p {row['p_adjusted']:.3f}"
            )
        elif row["note"]:
            notes[str(network)] = f"partners_vs_comparable: {row['note']}"
    return networks, notes


def plus_scorecard(
    networks: pd.DataFrame,
    hessen: pd.Series,
    dataset: Dataset | None = None,
    *,
    effects: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Build the long scorecard table.

    Parameters
    ----------
    networks : ``networks.csv`` as a table (one row per network, all indicator columns).
    hessen : the same indicators for the whole landscape treated as one network.
    dataset : the landscape, for ``coverage`` of indicators that rest on optional columns
        (:data:`PARTIAL_SOURCES`); without it their coverage is unknown (empty, not partial).
    effects : ``effects.csv`` (:func:`mintgraph.metrics.effects.network_effects`): its matched
        difference in partners is the indicator ``partners_vs_comparable``, its interval and
        adjusted p-value go into the note.

    Returns
    -------
    DataFrame with the columns of :data:`SCORECARD_COLUMNS`; one row per scope, Plus item and
    indicator (one row with an empty indicator for an item that cannot be measured).
    ``direction`` and ``size_free`` come from :data:`INDICATORS`; ``hessen_value`` is the
    landscape's value of a **size-free** indicator, empty for a size-dependent count;
    ``coverage`` is the share of the rows the indicator rests on that carry the data it needs,
    ``partial`` is ``coverage < 1`` and the note then says how many rows lack it;
    ``small_network`` marks a scope with fewer than :data:`SMALL_NETWORK_MEMBERS` members.

    Example
    -------
    >>> nets = pd.DataFrame({"id": ["n"], "name": ["Netz"], "members": [2], "density": [1.0], "activities": [4]})
    >>> card = plus_scorecard(nets, pd.Series({"name": "Hessen", "members": 600, "density": 0.01, "activities": 90}))
    >>> row = card[(card.scope == "n") & (card.indicator == "density")].iloc[0]
    >>> float(row.value), float(row.hessen_value), row.direction, bool(row.small_network)
    (1.0, 0.01, 'higher', True)
    >>> row = card[(card.scope == "n") & (card.indicator == "activities")].iloc[0]
    >>> float(row.value), pd.isna(row.hessen_value), bool(row.size_free)
    (4.0, True, False)
    """
    since = None if dataset is None else membership_since_coverage(dataset)
    networks, effect_notes = _with_effects(networks, effects)
    scopes = [(HESSEN, hessen.get("name", "Hessen"), hessen)]
    scopes += [(row["id"], row["name"], row) for _, row in networks.iterrows()]
    rows = []
    for scope, name, values in scopes:
        small = _small(values)
        for plus in PLUS:
            for indicator in plus.indicators or ("",):
                meta = INDICATORS.get(indicator)
                defined = bool(indicator) and scope_has(scope, indicator)
                coverage, missing = _coverage(scope, indicator, since) if defined else (None, "")
                if indicator == "partners_vs_comparable" and scope in effect_notes:
                    missing = effect_notes[scope]
                rows.append(
                    {
                        "scope": scope,
                        "scope_name": name,
                        "plus": plus.id,
                        "plus_de": plus.de,
                        "plus_en": plus.en,
                        "measurable": plus.measurable,
                        "indicator": indicator,
                        "direction": meta.direction if meta else None,
                        "size_free": meta.size_free if meta else None,
                        "value": _value(values, indicator) if defined else None,
                        "hessen_value": _value(hessen, indicator)
                        if meta and meta.size_free and scope_has(HESSEN, indicator)
                        else None,
                        "coverage": coverage,
                        "partial": coverage is not None and coverage < 1,
                        "small_network": small,
                        "note": f"{plus.note}; {missing}" if missing else plus.note,
                    }
                )
    return pd.DataFrame(rows, columns=list(SCORECARD_COLUMNS))


def scorecard_markdown() -> str:
    """The scorecard's documentation (``docs/indicators/scorecard.md``), generated from :data:`PLUS`
    and :data:`INDICATORS`.

    >>> scorecard_markdown().splitlines()[0]
    '# `scorecard.csv` — the "Plus" of a regional network, measured'
    """
    out = [
        '# `scorecard.csv` — the "Plus" of a regional network, measured',
        "",
        "<!-- Generated from mintgraph/metrics/scorecard.py by `python scripts/make_docs.py`. -->",
        "",
        "The seed slides *MINT-Bildung im regionalen Netzwerk – ein Plus für die berufliche",
        "Orientierung* (www.mint-in-hessen.de) name eleven benefits of a regional MINT network. The",
        "scorecard maps each to indicators of `networks.csv` (defined in [networks.md](networks.md) and",
        "[../indicators.md](../indicators.md)), for every network and for the whole landscape (scope",
        "`hessen`, built as described below). How directly an indicator measures the item is said in",
        "`measurable`: `direct`, `proxy`, or `none` when network data cannot show it — the note then",
        "says what data would be needed. This follows Provan & Milward (2001): a network is judged at",
        "the level of its participants, of the network itself and of the community it serves; the",
        "scorecard stays at the network level.",
        "",
        "| column | content |",
        "|---|---|",
        "| `scope` | network id, or `hessen` for the whole landscape |",
        "| `scope_name` | its name |",
        "| `plus` | id of the Plus item (below) |",
        "| `plus_de`, `plus_en` | the item in the seed's German words and in English |",
        "| `measurable` | `direct`, `proxy` or `none`: how directly the indicator measures the item |",
        "| `indicator` | the `networks.csv` column used (empty for `none`) |",
        "| `direction` | `higher` (higher is better for the Plus), `lower`, or `neither` (no end is "
        "better); see the indicator table below |",
        "| `size_free` | `True` if the indicator can be compared between scopes of different size "
        "(a share, density, index or rate), `False` for a size-dependent count |",
        "| `value` | its value for the scope |",
        "| `hessen_value` | the whole landscape's value, for comparison — only for size-free "
        "indicators; empty for size-dependent counts and for boundary indicators |",
        "| `coverage` | share of the rows the indicator rests on that carry the data it needs (below); "
        "empty where the value is undefined for the scope |",
        "| `partial` | `True` when `coverage` < 1: the value rests on part of the data only; the note "
        "says how many rows lack it |",
        f"| `small_network` | `True` for a scope with fewer than {SMALL_NETWORK_MEMBERS} members: its "
        "values are shown, but it is never named best |",
        "| `note` | what the indicator shows, or what data would be needed; for a partial value, how "
        "many rows lack the data |",
        "",
        "## How the Hessen row is built",
        "",
        "The scope `hessen` is the whole landscape **treated as one network**, so that every indicator",
        "has exactly the definition it has for a network (`landscape_network` in",
        "`mintgraph/analysis.py`, run through the same network indicators as `networks.csv`):",
        "",
        "* its members are **all actors** of the landscape, and it covers every district;",
        '* it is **founded** in the year of the first cooperation in the data (the landscape "starts"',
        "  with its first recorded cooperation), so `ties_per_year_since_founding` and",
        "  `new_members_per_year` count the years from there to the last year of the data;",
        "* every actor **becomes a member** in the year of its first cooperation (its `since`); an actor",
        "  without any cooperation has no year of entry and is not counted in `new_members_per_year`",
        "  (this is the `partial` flag of that row);",
        "* **boundary indicators** (`external_ties`, `ei_index`, `ei_index_p`) are left empty: the",
        "  landscape has no outside.",
        "",
        "Its values stand in the `value` column of the `hessen` rows. In the rows of a network, the",
        "`hessen_value` column repeats the landscape's value as a yardstick — but only for **size-free**",
        "indicators. A count such as `internal_ties` or `activities` of the whole landscape is the sum",
        "over hundreds of actors and says nothing about how well a network of 9 does; there",
        "`hessen_value` is empty. (No per-member version is put in its place, so that `value` and",
        "`hessen_value` of a row are always the same quantity; divide by `members` of `networks.csv`",
        "for a rough per-member comparison.)",
        "",
        "## Direction and size",
        "",
        "`direction` says which way an indicator is better **for its Plus item**; `neither` where a",
        "high and a low value can both be good or bad (then nothing is ranked best). `size_free` says",
        "whether values of scopes of different size can be compared (shares, densities, indices,",
        "per-member or per-100,000 rates) or grow with size by construction (counts). Density and",
        "clustering are size-free in this sense but fall naturally as networks grow; compare",
        "networks of similar size. The terminal summary of `mintgraph analyze` names a best network",
        "for an indicator only if it has a direction, is size-free, and only among networks that are",
        f"not small (at least {SMALL_NETWORK_MEMBERS} members).",
        "",
        "| indicator | `direction` | `size_free` | why |",
        "|---|---|---|---|",
    ]
    for name, meta in INDICATORS.items():
        out.append(f"| `{name}` | {meta.direction} | {meta.size_free} | {meta.why} |")
    out += [
        "",
        "## Partial data",
        "",
        "An indicator that rests on an **optional** input column is computed from the rows that have it",
        "and ignores the others, so on its own it would partly rank how complete the data is.",
        "`coverage` is the share of the rows it rests on that carry the column; `partial` is `True`",
        "when it is below 1, and the note then says how many rows lack it (`measurable` stays",
        "`direct`, `proxy` or `none`: `partial` is about the data, not the method). The indicators",
        "concerned:",
        "",
        "| indicator | needs | rows it rests on |",
        "|---|---|---|",
    ]
    for name, column in PARTIAL_SOURCES.items():
        out.append(
            f"| `{name}` | `{column}` | the network's members (with those of its sub-networks); a member "
            "counts as dated if one of its memberships there has `since`. For `hessen`: all actors, "
            "dated by their first cooperation |"
        )
    out += [
        "",
        "Every other indicator rests on required columns (cooperations always have `since`, actors",
        "their `type` and `region`, activities their `topic` and `target_group`): its `coverage` is 1.",
        "A network without `founded` has no growth values at all (empty, not partial).",
        "",
        "## The mapping",
        "",
        "| `plus` | Plus (seed) | indicators | measurable | note |",
        "|---|---|---|---|---|",
    ]
    for plus in PLUS:
        indicators = ", ".join(f"`{i}`" for i in plus.indicators) or "—"
        out.append(
            f"| `{plus.id}` | {plus.de} ({plus.en}) | {indicators} | {plus.measurable} | {plus.note} |"
        )
    out += [
        "",
        "Reference: Provan, K. G. & Milward, H. B. (2001), *Do networks really work? A framework for",
        "evaluating public-sector organizational networks*, Public Administration Review 61(4), 414–423.",
        "",
    ]
    return "\n".join(out)
