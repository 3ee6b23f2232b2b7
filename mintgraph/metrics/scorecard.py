"""The "Plus" scorecard: what the seed says a regional MINT network brings, made measurable.

The seed text ("MINT-Bildung im regionalen Netzwerk – ein Plus für die berufliche
Orientierung", www.mint-in-hessen.de) lists eleven benefits ("Plus") of a regional
network. Each is mapped here to one or more indicators of the other families — or,
honestly, marked as not measurable from cooperation data, with the data it would need.

``scorecard.csv`` is a long table: one row per scope (each network, and ``hessen`` for
the whole landscape treated as one network), Plus item and indicator, with the value,
how directly the indicator measures the item (``direct``, ``proxy`` or ``none``) and
the reference value of the whole landscape for comparison.

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

import pandas as pd

HESSEN = "hessen"
"""Scope label of the whole landscape in ``scorecard.csv``."""

BOUNDARY_INDICATORS = frozenset({"external_ties", "ei_index", "ei_index_p"})
"""Indicators of a network's boundary: undefined for the whole landscape, which has no outside."""


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
        ("robustness_3", "largest_component_share", "ei_regions"),
        "direct",
        "the network holds together when its three most central members leave, and links districts",
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


def plus_scorecard(networks: pd.DataFrame, hessen: pd.Series) -> pd.DataFrame:
    """Build the long scorecard table.

    Parameters
    ----------
    networks : ``networks.csv`` as a table (one row per network, all indicator columns).
    hessen : the same indicators for the whole landscape treated as one network.

    Returns
    -------
    DataFrame with columns ``scope, scope_name, plus, plus_de, plus_en, measurable, indicator,
    value, hessen_value, note``; one row per scope, Plus item and indicator (one row with
    an empty indicator for an item that cannot be measured).

    Example
    -------
    >>> nets = pd.DataFrame({"id": ["n"], "name": ["Netz"], "density": [0.5]})
    >>> card = plus_scorecard(nets, pd.Series({"name": "Hessen", "density": 0.01}))
    >>> row = card[(card.scope == "n") & (card.indicator == "density")].iloc[0]
    >>> float(row.value), float(row.hessen_value)
    (0.5, 0.01)
    """
    scopes = [(HESSEN, hessen.get("name", "Hessen"), hessen)]
    scopes += [(row["id"], row["name"], row) for _, row in networks.iterrows()]
    rows = []
    for scope, name, values in scopes:
        for plus in PLUS:
            for indicator in plus.indicators or ("",):
                rows.append(
                    {
                        "scope": scope,
                        "scope_name": name,
                        "plus": plus.id,
                        "plus_de": plus.de,
                        "plus_en": plus.en,
                        "measurable": plus.measurable,
                        "indicator": indicator,
                        "value": _value(values, indicator)
                        if indicator and scope_has(scope, indicator)
                        else None,
                        "hessen_value": _value(hessen, indicator)
                        if indicator and scope_has(HESSEN, indicator)
                        else None,
                        "note": plus.note,
                    }
                )
    return pd.DataFrame(rows)


def scorecard_markdown() -> str:
    """The scorecard's documentation (``docs/indicators/scorecard.md``), generated from :data:`PLUS`.

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
        "`hessen`: all actors treated as one network, with the same definitions; boundary indicators",
        "such as the E-I index are left empty there because the landscape has no outside). How",
        "directly an indicator measures the item is said in `measurable`: `direct`, `proxy`, or `none`",
        "when network data cannot show it — the note then says what data would be needed. This follows",
        "Provan & Milward (2001): a network is judged at the level of its participants, of the network",
        "itself and of the community it serves; the scorecard stays at the network level.",
        "",
        "| column | content |",
        "|---|---|",
        "| `scope` | network id, or `hessen` for the whole landscape |",
        "| `scope_name` | its name |",
        "| `plus` | id of the Plus item (below) |",
        "| `plus_de`, `plus_en` | the item in the seed's German words and in English |",
        "| `measurable` | `direct`, `proxy` or `none` |",
        "| `indicator` | the `networks.csv` column used (empty for `none`) |",
        "| `value` | its value for the scope |",
        "| `hessen_value` | its value for the whole landscape, for comparison |",
        "| `note` | what the indicator shows, or what data would be needed |",
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
