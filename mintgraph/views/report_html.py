"""``report.html``: one self-contained, printable report for funders, in German or English.

The page puts the content of :mod:`mintgraph.report` into words and pictures: the executive
summary, the Plus scorecard (each indicator linked to its definition in the glossary at the
end), a sortable comparison table of the networks, charts over the years and of the actor
types (inline SVG from :mod:`mintgraph.views.charts`), two static maps of the districts
(drawn from the building blocks of :mod:`mintgraph.views.map_html`), suggested contacts,
method, data provenance and licences. There is no request to any other host; a few lines of
inline script sort the comparison table. ``@media print`` lays it out on A4.

Every user-supplied text reaches the page escaped (Jinja's autoescaping; matplotlib's XML
escaping in the charts). Only names, types and districts of actors are shown — never the
personal columns.

Example
-------
>>> import datetime
>>> from mintgraph.analysis import analyze
>>> from mintgraph.testing import tiny_dataset
>>> page = render_report(analyze(tiny_dataset(), permutations=0), lang="en", date=datetime.date(2026, 12, 1))
>>> "1 December 2026" in page and 'id="scorecard"' in page
True
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from typing import Any

import pandas as pd
from markupsafe import Markup

from mintgraph.analysis import Analysis
from mintgraph.graph import network_members
from mintgraph.i18n import LANGS, actor_type_name, count_label, format_int, format_number, t
from mintgraph.metrics.effects import BEFORE_AFTER, SIGNIFICANCE
from mintgraph.metrics.scorecard import HESSEN, INDICATORS, PLUS, scope_has
from mintgraph.regions import germany_context, land_of
from mintgraph.report import (
    EFFECT_COUNT_OUTCOMES,
    EFFECT_SENTENCES,
    Finding,
    data_status_year,
    district_pairs,
    effect_findings,
    effect_highlights,
    finite,
    funding_options,
    network_pair_table,
    network_provenance,
    provenance,
    provenance_index,
    regional_networks,
    report_date,
    summary_findings,
)
from mintgraph.style import TYPE_COLORS
from mintgraph.version import __version__
from mintgraph.views import map_html
from mintgraph.views.charts import bar_chart, line_chart
from mintgraph.views.common import environment

__all__ = ["COMPARISON_COLUMNS", "GLOSSARY", "format_date", "render_report"]

COMPARISON_COLUMNS: tuple[str, ...] = (
    "members",
    "activities",
    "internal_ties",
    "external_ties",
    "density",
    "ei_index",
    "ei_index_excess",
    "cross_district_share",
    "school_outofschool_share",
    "robustness_3",
)
"""Indicator columns of the comparison table (after the name and the level)."""

LIST_INDICATORS = frozenset({"target_groups_list"})
"""Scorecard indicators holding a list, left out of the printed matrix (their count is shown)."""

GLOSSARY: tuple[str, ...] = tuple(
    dict.fromkeys([*COMPARISON_COLUMNS, *(i for p in PLUS for i in p.indicators if i not in LIST_INDICATORS)])
)
"""Every indicator the report shows; each has a name and a definition (``report_ind_``/``report_def_``)."""

SUGGESTIONS = 20  # as Analysis.suggestions keeps (mintgraph.analysis.SUGGESTIONS)
PERCENT_SIGN = {"de": "\u202f%", "en": "%"}


def format_date(date: dt.date, lang: str) -> str:
    """A date in the language's long format.

    >>> format_date(dt.date(2026, 3, 5), "de"), format_date(dt.date(2026, 3, 5), "en")
    ('5. März 2026', '5 March 2026')
    """
    month = t("report_months", lang).split("|")[date.month - 1]
    return f"{date.day}. {month} {date.year}" if lang == "de" else f"{date.day} {month} {date.year}"


def _percent(value: float, lang: str) -> str:
    return f"{format_int(round(100 * value), lang)}{PERCENT_SIGN[lang]}"


def _value(value: Any, lang: str) -> str:
    """A scorecard or table value as text: numbers with three significant digits, lists joined."""
    if value is None or value is pd.NA:
        return "–"
    if isinstance(value, str):
        return value.replace("|", ", ") if value else "–"
    number = finite(value)
    return "–" if number is None else format_number(number, lang)


def _sentence(text: str) -> str:
    """One sentence ending in one full stop (a name such as "… e.V." brings its own)."""
    return text[:-1] if text.endswith("..") else text


def _fragile_details(values: dict[str, object], lang: str) -> str:
    """The sentences after the fragile network's: its key actor, and how connected it was before."""
    text = ""
    if values.get("key_actor"):
        text += " " + _sentence(
            t("report_sum_key_actor", lang).replace("{key_actor}", str(values["key_actor"]))
        )
    connected = finite(values.get("connected"))
    if connected is not None and connected < 1:
        text += " " + t("report_sum_fragmented", lang).replace("{connected}", _percent(connected, lang))
    return text


def _join(names: list[str]) -> str:
    return ", ".join(str(n) for n in names)


def _name(name: object, fictional: bool, lang: str) -> str:
    """An actor's name, marked when its row is synthetic (an invented organisation)."""
    return f"{name} ({t('report_fictional', lang)})" if fictional else str(name)


def _fill(key: str, values: dict[str, object], lang: str) -> str:
    text = t(key, lang)
    for name, value in values.items():
        text = text.replace("{" + name + "}", str(value))
    return text


def _population(value: object, lang: str) -> str:
    number = finite(value)
    return "–" if number is None else format_int(round(number), lang)


def _one_decimal(value: object, lang: str) -> str:
    number = finite(value)
    return "–" if number is None else format_number(round(number, 1), lang)


def _finding_values(finding: Finding, lang: str) -> dict[str, object]:
    """The values of a finding as text in ``lang`` (counts, shares, names with their marks)."""
    v = dict(finding.values)
    if finding.key == "overview":
        return {
            "actors": count_label("actors", v["actors"], lang),
            "districts": format_int(v["districts"], lang),
            "networks": count_label("report_networks", v["networks"], lang),
            "ties": count_label("ties", v["ties"], lang),
        }
    if finding.key == "white_spots":
        items = [
            _fill(
                "report_white_spot_item",
                {"name": n, "population": _population(pop, lang), "activities": _one_decimal(act, lang)},
                lang,
            )
            for n, pop, act in zip(v["districts"], v["population"], v["activities_per_100k"], strict=True)
        ]
        return {
            "districts": "; ".join(items),
            "share": "–" if v["share"] is None else _percent(v["share"], lang),
        }
    if finding.key == "cut_points":
        v["names"] = ", ".join(
            _fill("report_cut_off_item", {"name": _name(n, f, lang), "cut_off": format_int(c, lang)}, lang)
            for n, c, f in zip(v["names"], v["cut_off"], v["fictional"], strict=True)
        )
    if finding.key == "most_open":
        q = v.get("q")
        key = "report_significant" if q is not None and q < 0.05 else "report_not_significant"
        v["significance"] = _fill(key, {"q": "–" if q is None else format_number(round(q, 2), lang)}, lang)
        v["expected"] = format_number(round(float(v["expected"]), 2), lang)
    if finding.key == "fragile" and v.get("key_actor"):
        v["key_actor"] = _name(v["key_actor"], bool(v.get("key_fictional")), lang)
    for key in ("density", "share", "robustness", "landscape"):
        if key in v and v[key] is not None:
            v[key] = _percent(v[key], lang)
    if "ei_index" in v:
        v["ei_index"] = format_number(round(v["ei_index"], 2), lang)
    for key in ("districts", "names"):
        if isinstance(v.get(key), list):
            v[key] = _join(v[key])
    for key in (
        "count",
        "members",
        "critical",
        "threshold",
        "cut_off",
        "ties",
        "documented",
        "mutual",
        "one_sided",
        "unconfirmed",
        "not_surveyed",
        "surveyed",
    ):
        if isinstance(v.get(key), int):
            v[key] = format_int(v[key], lang)
    if "population" in v:
        v["population"] = _population(v["population"], lang)
    if "activities_per_100k" in v:
        v["activities"] = _one_decimal(v["activities_per_100k"], lang)
    if finding.key == "option_cut_point":
        v["name"] = _name(v["name"], bool(v.get("fictional")), lang)
    return v


def _summary(result: Analysis, lang: str) -> list[dict[str, Any]]:
    """The summary sentences, filled in, each with its example mark."""
    sentences = []
    for finding in summary_findings(result):
        v = _finding_values(finding, lang)
        text = _sentence(_fill(f"report_sum_{finding.key}", v, lang))
        if finding.key == "overview" and finding.values.get("year") is not None:
            ended = int(finding.values.get("ended") or 0)
            text += " " + _fill(
                "report_sum_overview_year",
                {"year": finding.values["year"], "ended": format_int(ended, lang)},
                lang,
            )
        if finding.key == "fragile":
            text += _fragile_details(v, lang)
        sentences.append({"text": _house_style(text, lang), "example": finding.example})
    return sentences


def _num(value: object, lang: str, *, signed: bool = False) -> str:
    """A number with two significant digits in ``lang``, never in e-notation; ``signed`` puts a
    plus before positives.

    >>> _num(0.000046, "de"), _num(3.913, "en", signed=True), _num(-0.81, "de")
    ('0,000046', '+3.9', '-0,81')
    """
    number = finite(value)
    if number is None:
        return "–"
    if number != 0 and abs(number) < 1e-3:
        decimals = 1 - math.floor(math.log10(abs(number)))
        text = f"{number:.{decimals}f}"
        text = text.replace(".", ",") if lang == "de" else text
    else:
        text = format_number(number, lang, digits=2)
    return f"+{text}" if signed and number > 0 else text


def _p(value: float, lang: str, *, relation: bool = False) -> str:
    """An (adjusted) p-value: two significant digits, below 0.001 as "< 0.001"; ``relation``
    puts "= " before the others (for a sentence: "adjusted p = 0.047", "adjusted p < 0.001").

    >>> _p(0.0, "en"), _p(0.0472, "de"), _p(1.0, "en"), _p(0.0472, "en", relation=True)
    ('< 0.001', '0,047', '1', '= 0.047')
    """
    if value < 0.001:
        return "< " + format_number(0.001, lang)
    text = format_number(value, lang, digits=2)
    return f"= {text}" if relation else text


def effect_sentence(finding: Finding, lang: str) -> str:
    """One finding of :func:`mintgraph.report.effect_findings` as a sentence in ``lang``.

    Never causal: members *have* more partners than comparable actors; nothing *creates* them.

    >>> f = Finding("effect_matched", {"name": "Netz", "outcome": "degree", "member_mean": 5.0,
    ...     "comparison_mean": 2.9, "difference": 2.1, "low": 1.3, "high": 2.9, "q": 0.004})
    >>> effect_sentence(f, "en")
    'Members of Netz have on average 2.1 more partners than comparable actors outside it (5 against 2.9; 95 % interval of the difference 1.3 to 2.9; adjusted p = 0.004).'
    >>> effect_sentence(f, "de")[:60]
    'Mitglieder von Netz haben im Mittel 2,1 mehr Partner als ver'
    """
    v = finding.values
    if finding.key in ("effects_none", "effects_untested", "effects_not_tested"):
        return _fill(f"report_sum_{finding.key}", {"tested": format_int(v.get("tested", 0), lang)}, lang)
    diff = float(v["difference"])
    signed = finding.key == "effect_before_after"
    values = {
        "name": v["name"],
        "founded": v.get("founded", ""),
        "member_mean": _num(v["member_mean"], lang, signed=signed),
        "comparison_mean": _num(v["comparison_mean"], lang, signed=signed),
        "difference": _num(diff, lang, signed=True),
        "abs": _num(abs(diff), lang),
        "low": _num(v["low"], lang),
        "high": _num(v["high"], lang),
        "q": _p(float(v["q"]), lang, relation=True),
        "more": t("report_eff_more" if diff > 0 else "report_eff_fewer", lang),
        "higher": t("report_eff_higher" if diff > 0 else "report_eff_lower", lang),
        "outcome": t(f"report_eff_outcome_{v['outcome']}", lang),
    }
    if finding.key == "effect_before_after":
        key = "report_sum_effect_before_after"
    elif v["outcome"] in EFFECT_COUNT_OUTCOMES:
        key = "report_sum_effect_matched_more"
    else:
        key = "report_sum_effect_matched_level"
    return _house_style(_fill(key, values, lang), lang)


def _reason_years(result: Analysis) -> tuple[dict[str, Any], object, object]:
    """(founding year by network, first data year, last data year): what the reasons quote, computed once."""
    founded = result.dataset.networks.set_index("id")["founded"].to_dict()
    years = result.history.cooperations["since"].dropna()
    first = "" if years.empty else int(years.min())
    last = result.summary.get("reference_year") or ("" if years.empty else int(years.max()))
    return founded, first, last


def _effect_reason(row: Any, years: tuple[dict[str, Any], object, object], lang: str) -> str:
    """Why an ``effects.csv`` row has no estimate, in ``lang`` (from its note; ``years`` from
    :func:`_reason_years`)."""
    note = str(row.note)
    founded_by_network, first, last = years
    founded: Any = founded_by_network.get(row.network)  # a cell, or None: pd.isna takes both
    values = {"founded": "" if pd.isna(founded) else int(founded), "first": first, "last": last}
    for prefix, key in (
        ("no members", "no_members"),
        ("founding year unknown", "unknown"),
        ("no dated cooperations", "no_dates"),
    ):
        if note.startswith(prefix):
            return t(f"report_eff_reason_{key}", lang)
    if "years before founding" in note:
        return _fill("report_eff_reason_before", values, lang)
    if "years from founding on" in note:
        return _fill("report_eff_reason_after", values, lang)
    return t("report_eff_reason_no_comparison", lang)


def _effects(result: Analysis, lang: str) -> dict[str, Any]:
    """The section "What does the network add?": intro, clear findings, the table of every row."""
    effects = result.effects
    years = _reason_years(result)
    findings = effect_findings(result)
    clear = [f for f in findings if f.key.startswith("effect_")]
    shown, rest = effect_highlights(findings, EFFECT_SENTENCES)
    sources = provenance_index(result)
    members = network_members(result.dataset)
    rows = []
    previous = None
    for row in effects.itertuples(index=False):
        outcome = "before_after" if row.design == BEFORE_AFTER else row.outcome
        estimated = pd.notna(row.difference)
        interval = ""
        if estimated and pd.notna(row.ci_low):
            interval = f" ({_num(row.ci_low, lang)} … {_num(row.ci_high, lang)})"
        elif estimated and pd.notna(row.p_value):
            interval = f" ({t('report_eff_unbounded', lang)})"
        first = row.network != previous
        previous = row.network
        show_members = first or row.design == BEFORE_AFTER
        rows.append(
            {
                "network": row.network_name if first else "",
                "example": first and sources.network(members.get(row.network, set())),
                "first": first,
                "outcome": t(f"report_eff_outcome_{outcome}", lang),
                "members": format_int(row.members, lang) if show_members else "",
                "unmatched": _fill("report_eff_unmatched", {"n": format_int(row.unmatched, lang)}, lang)
                if estimated and row.unmatched and show_members
                else "",
                "comparisons": format_int(row.comparisons, lang) if estimated else "",
                "member_mean": _num(row.member_mean, lang) if estimated else "",
                "comparison_mean": _num(row.comparison_mean, lang) if estimated else "",
                "difference": (_num(row.difference, lang, signed=True) + interval)
                if estimated
                else _effect_reason(row, years, lang),
                "q": _p(float(row.p_adjusted), lang) if pd.notna(row.p_adjusted) else "",
                "is_clear": bool(pd.notna(row.p_adjusted) and row.p_adjusted < SIGNIFICANCE),
            }
        )
    return {
        "intro": _fill(
            "report_eff_intro", {"n": format_int(int(effects["p_adjusted"].notna().sum()), lang)}, lang
        ),
        "caveat": t("report_eff_caveat", lang),
        "lead": t("report_eff_lead", lang) if clear else "",
        "sentences": [{"text": effect_sentence(f, lang), "example": f.example} for f in shown],
        "more": count_label("report_eff_more_clear", rest, lang) if rest else "",
        "rows": rows,
    }


def _house_style(text: str, lang: str) -> str:
    """German house style in generated sentences: "e. V." with a narrow space (Duden).

    >>> _house_style("MINT im Werra-Meißner-Kreis e.V.", "de")
    'MINT im Werra-Meißner-Kreis e.\u202fV.'
    """
    return text.replace("e.V.", "e.\u202fV.") if lang == "de" else text


def _options(result: Analysis, lang: str) -> list[dict[str, Any]]:
    """The options for funders, filled in, each with its caveat and example mark."""
    return [
        {
            "text": _house_style(_sentence(_fill(f"report_{o.key}", _finding_values(o, lang), lang)), lang),
            "caveat": t(f"report_{o.key}_caveat", lang),
            "example": o.example,
        }
        for o in funding_options(result)
    ]


def district_labels(regions: pd.DataFrame, lang: str) -> dict[str, str]:
    """District names that say which is which: "Offenbach (Landkreis)" beside "Offenbach am Main".

    A name that equals another district's name or begins it gets the kind of district
    (city or county) from the ``type`` column.

    >>> regions = pd.DataFrame({"code": ["1", "2", "3"], "name": ["Offenbach am Main", "Offenbach", "Kassel"],
    ...                         "type": ["kreisfreie Stadt", "Landkreis", "Landkreis"]})
    >>> district_labels(regions, "de")
    {'1': 'Offenbach am Main', '2': 'Offenbach (Landkreis)', '3': 'Kassel'}
    """
    names = dict(zip(regions["code"], regions["name"], strict=True))
    kinds = dict(zip(regions["code"], regions.get("type", pd.Series([""] * len(regions))), strict=True))
    out = {}
    for code, name in names.items():
        clash = any(other != code and str(n).startswith(str(name)) for other, n in names.items())
        kind = str(kinds.get(code, "")).lower()
        if clash and kind:
            label = t("report_district_city", lang) if "stadt" in kind else t("report_district_county", lang)
            out[code] = f"{name} ({label})"
        else:
            out[code] = str(name)
    return out


def _borders(result: Analysis, lang: str) -> dict[str, Any]:
    labels = district_labels(result.dataset.regions, lang)
    districts = [
        {
            "pair": f"{labels.get(r['district_a'], r['name_a'])} – {labels.get(r['district_b'], r['name_b'])}",
            "ties": format_int(int(r["ties"]), lang),
            "neighbours": t("report_yes" if r["neighbours"] else "report_no", lang),
        }
        for r in district_pairs(result).to_dict("records")
    ]
    networks = [
        {
            "pair": f"{r['name_a']} – {r['name_b']}",
            "ties": format_int(int(r["cross_ties"]), lang),
            "shared": format_int(int(r["shared_members"]), lang),
            "documented": format_int(int(r["documented_links"]), lang),
        }
        for r in network_pair_table(result).to_dict("records")
    ]
    laender = []
    if len(result.laender) > 1:  # one Land needs no table: its row is the landscape itself
        counts = Counter(land_of(code) for code in result.regions["code"].astype(str))
        for r in result.laender.to_dict("records"):
            laender.append(
                {
                    "name": r["name"],
                    "districts": format_int(counts.get(str(r["code"]), 0), lang),
                    "population": format_int(int(r["population"]), lang)
                    if pd.notna(r["population"])
                    else "–",
                    "actors": format_int(int(r["actors"]), lang),
                    "inside": format_int(int(r["ties_inside"]), lang),
                    "other": format_int(int(r["ties_to_other_laender"]), lang),
                }
            )
    return {"districts": districts, "networks": networks, "laender": laender}


def _banner(result: Analysis, lang: str) -> dict[str, Any] | None:
    """The example-data banner (page 1) and footer (every printed page); None without synthetic rows."""
    table = provenance(result.dataset).set_index("table")
    rows = int(table.loc["cooperations", "rows"])
    synthetic = int(table.loc["cooperations", "synthetic"])
    if not synthetic:
        return None
    per_network = network_provenance(result).dropna(subset=["synthetic_share"])
    shares = per_network["synthetic_share"]
    share = synthetic / rows
    return {
        "title": t("report_example_banner_title", lang),
        "text": _fill(
            "report_example_banner",
            {
                "share": _percent(share, lang),
                "rows": format_int(rows, lang),
                "sourced": format_int(
                    int(table.loc["cooperations", "url"] + table.loc["cooperations", "other"]), lang
                ),
            },
            lang,
        ),
        "networks": [
            {"name": r["name"], "share": _percent(r["synthetic_share"], lang)}
            for r in per_network.to_dict("records")
        ],
        "footer": _fill(
            "report_example_footer"
            if len(shares) and _percent(float(shares.min()), lang) != _percent(float(shares.max()), lang)
            else "report_example_footer_even",
            {
                "share": _percent(share, lang),
                "low": _percent(float(shares.min()), lang) if len(shares) else "–",
                "high": _percent(float(shares.max()), lang) if len(shares) else "–",
            },
            lang,
        ),
    }


def css_string(text: str) -> str:
    r"""A CSS string literal for ``content:`` (quotes, backslashes and line ends escaped;
    ``<`` too, so that it cannot close the style element).

    >>> print(css_string('a "b" </style>'))
    "a \"b\" \3c /style>"
    """
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ").replace("<", "\\3c ")
    return f'"{escaped}"'


def _scopes(result: Analysis) -> list[tuple[str, str]]:
    """(id, name) of the scorecard's columns: the whole landscape, then every network."""
    card = result.scorecard
    hessen = card.loc[card["scope"] == HESSEN, "scope_name"]
    scopes = [(HESSEN, str(hessen.iloc[0]) if len(hessen) else "Hessen")]
    return scopes + list(zip(result.networks["id"], result.networks["name"], strict=True))


def _scorecard(result: Analysis, lang: str) -> dict[str, Any]:
    card = result.scorecard
    scopes = _scopes(result)
    values = {(r.scope, r.plus, r.indicator): r.value for r in card.itertuples(index=False)}
    partial = (
        card[card["partial"].astype(bool)].groupby(["plus", "indicator"]).size().gt(0).to_dict()
        if "partial" in card.columns
        else {}
    )
    small = (
        set(card.loc[card["small_network"].astype(bool), "scope"])
        if "small_network" in card.columns
        else set()
    )
    rows = []
    for plus in PLUS:
        indicators = tuple(i for i in plus.indicators if i not in LIST_INDICATORS) or ("",)
        for index, indicator in enumerate(indicators):
            rows.append(
                {
                    "plus": getattr(plus, lang),
                    "plus_id": plus.id,
                    "first": index == 0,
                    "span": len(indicators),
                    "measurable": t(f"report_measurable_{plus.measurable}", lang),
                    "indicator": indicator,
                    "indicator_name": t(f"report_ind_{indicator}", lang) if indicator else "",
                    "direction": t(f"report_direction_{INDICATORS[indicator].direction}", lang)
                    if indicator in INDICATORS
                    else "",
                    "partial": bool(partial.get((plus.id, indicator), False)),
                    "values": [
                        _value(values.get((scope, plus.id, indicator)), lang)
                        if indicator and scope_has(scope, indicator) and _comparable(scope, indicator)
                        else "–"
                        for scope, _ in scopes
                    ]
                    if indicator
                    else [],
                }
            )
    return {"scopes": [{"name": name, "small": scope in small} for scope, name in scopes], "rows": rows}


def _comparable(scope: str, indicator: str) -> bool:
    """The whole-landscape column shows only indicators that do not depend on size."""
    return scope != HESSEN or (indicator in INDICATORS and INDICATORS[indicator].size_free)


def _comparison(result: Analysis, lang: str) -> dict[str, Any]:
    header = [{"key": c, "label": t(f"report_ind_{c}", lang), "numeric": True} for c in COMPARISON_COLUMNS]
    rows = []
    for net in result.networks.to_dict("records"):
        mark = f" ({t('report_small_mark', lang)})" if bool(net.get("small_network", False)) else ""
        cells = [
            {"text": str(net["name"]) + mark, "sort": str(net["name"]).casefold()},
            {"text": t(f"report_level_{net['level']}", lang), "sort": net["level"]},
        ]
        for column in COMPARISON_COLUMNS:
            number = finite(net.get(column))
            text = "–" if number is None else _value(number, lang)
            cells.append({"text": text, "sort": "" if number is None else repr(number)})
        rows.append(cells)
    return {"header": header, "rows": rows}


def _series(networks: pd.DataFrame, years: list[int], column: str) -> dict[str, list[float | None]]:
    out: dict[str, list[float | None]] = {}
    for net_id, group in networks.groupby("id", sort=False):
        by_year = dict(zip(group["year"], group[column], strict=True))
        out[str(group["name"].iloc[0]) or str(net_id)] = [finite(by_year.get(y)) for y in years]
    return out


def _charts(result: Analysis, lang: str) -> dict[str, Any]:
    years_table, networks = result.time_series
    charts: dict[str, Any] = {"trends": []}
    if len(years_table):
        years = years_table["year"].tolist()
        xlabel = t("report_chart_year", lang)
        regional = networks[networks["id"].isin(set(regional_networks(result.networks)["id"]))]
        charts["trends"] = [
            line_chart(
                years,
                {t("report_chart_ties_y", lang): years_table["ties"].tolist()},
                title=t("report_chart_ties_title", lang),
                ylabel=t("report_chart_ties_y", lang),
                xlabel=xlabel,
                prefix="chart-ties",
                integer=True,
                lang=lang,
            ),
            line_chart(
                years,
                _series(regional, years, "density"),
                title=t("report_chart_density_title", lang),
                ylabel=t("report_chart_density_y", lang),
                xlabel=xlabel,
                prefix="chart-density",
                ylim=(0, 1.02),
                lang=lang,
            ),
            line_chart(
                years,
                _series(regional, years, "ei_index"),
                title=t("report_chart_ei_title", lang),
                ylabel=t("report_chart_ei_y", lang),
                xlabel=xlabel,
                prefix="chart-ei",
                ylim=(-1.05, 1.05),
                lang=lang,
            ),
        ]
    counts = result.actors["type"].value_counts()
    types = sorted(counts.index, key=lambda c: (-counts[c], c))
    charts["types"] = bar_chart(
        [actor_type_name(c, lang) for c in types],
        [int(counts[c]) for c in types],
        [TYPE_COLORS.get(c, TYPE_COLORS["other"]) for c in types],
        title=t("report_chart_types_title", lang),
        xlabel=t("report_chart_types_x", lang),
        prefix="chart-types",
        lang=lang,
    )
    return {k: [Markup(s) for s in v] if isinstance(v, list) else Markup(v) for k, v in charts.items()}


MAP_LABEL_FONT = 17.0
"""Font size of the district names on the report's maps, in SVG units (as in the template's CSS)."""
MAP_LABEL_GAP = 4.0
"""Distance of a district name from its centroid, in SVG units."""


def _maps(result: Analysis, lang: str) -> list[dict[str, Any]]:
    """The two static maps: actors per 100,000 with ties between districts, and network coverage."""
    records = map_html.district_records(result.regions)
    lonlat, types = map_html.district_shapes(result.dataset.boundaries, set(records))
    if not lonlat:
        return []
    layers = map_html.map_layers(lonlat, germany_context(set(records)))
    shapes, width, height = layers.shapes, layers.frame.width, layers.frame.height
    context = [
        {"d": map_html.polygons_path(polygons), "near": code in layers.near}
        for code, polygons in layers.around.items()
    ]
    names = map_html.display_names(records, types, lang)
    centroids = {code: map_html.polygon_centroid(p) for code, p in shapes.items()}
    ties = {
        pair: n
        for pair, n in map_html.district_ties(result.graph, result.actors).items()
        if pair[0] in centroids and pair[1] in centroids
    }
    top = max(ties.values(), default=0)
    tie_items = [
        {
            "d": map_html.curve_path(centroids[a], centroids[b]),
            "width": map_html.svg_number(map_html.tie_width(n, top)),
        }
        for (a, b), n in sorted(ties.items(), key=lambda item: (item[1], item[0]))
    ]
    maps = []
    for key, measure, with_ties in (
        ("actors", "actors_per_100k", True),
        ("coverage", "networks", False),
    ):
        if measure not in result.regions.columns:
            continue
        classes = map_html.measure_classes(
            {code: map_html.as_float(records[code].get(measure)) for code in shapes}, measure, lang
        )
        districts = []
        marks = [(code, names[code], *centroids[code], MAP_LABEL_GAP) for code in shapes]
        places = dict(
            zip(shapes, map_html.place_labels(marks, width, font=MAP_LABEL_FONT, rings=3), strict=True)
        )
        for code, polygons in shapes.items():
            rec = records[code]
            cx, cy, anchor = places[code]  # next to the centroid, where it overlaps no other name
            districts.append(
                {
                    "code": code,
                    "name": names[code],
                    "d": map_html.polygons_path(polygons),
                    "fill": classes["fill"][code],
                    "mint": map_html.as_bool(rec.get("mint_above_average")),
                    "white_spot": map_html.as_bool(rec.get("white_spot")),
                    "x": map_html.svg_number(cx),
                    "y": map_html.svg_number(cy),
                    "anchor": anchor,
                }
            )
        maps.append(
            {
                "key": key,
                "title": t(f"report_map_{key}_title", lang),
                "width": map_html.svg_number(width),
                "height": map_html.svg_number(height),
                "districts": districts,
                "context": context,
                "land_borders": layers.borders,
                "ties": tie_items if with_ties else [],
                "labels": not with_ties,
                "classes": classes["classes"],
                "legend_title": classes["title"],
                "note": classes["note"],
            }
        )
    return maps


def _suggestions(result: Analysis, lang: str) -> list[dict[str, Any]]:
    table = result.suggestions
    names = district_labels(result.dataset.regions, lang)
    network_names = dict(zip(result.networks["id"], result.networks["name"], strict=True))
    sources = provenance_index(result)
    rows = []
    for row in table.to_dict("records"):
        reasons = [r for r in str(row["reasons"]).split("|") if r]
        evidence = str(row["evidence"])
        shown = [t(f"report_reason_{r}", lang) for r in reasons]
        if evidence.startswith("same_network:"):
            network = network_names.get(evidence.split(":", 1)[1], evidence.split(":", 1)[1])
            shown.insert(0, t("report_evidence_same_network", lang).replace("{network}", network))
        if row["distance"] == "same_district":  # "neighbouring" is said by the reason already
            shown.append(t("report_distance_same_district", lang))
        rows.append(
            {
                "a": _name(row["name_a"], sources.fictional(row["actor_a"]), lang),
                "a_about": f"{actor_type_name(str(row['type_a']), lang)} · {names.get(row['region_a'], row['region_a'])}",
                "b": _name(row["name_b"], sources.fictional(row["actor_b"]), lang),
                "b_about": f"{actor_type_name(str(row['type_b']), lang)} · {names.get(row['region_b'], row['region_b'])}",
                "common": format_int(int(row["common_partners"]), lang),
                "reasons": shown,
                "score": format_number(float(row["score"]), lang),
            }
        )
    return rows


def _provenance(result: Analysis, lang: str) -> dict[str, Any]:
    table = provenance(result.dataset)
    rows = [
        {
            "table": f"{r['table']}.csv",
            **{k: format_int(r[k], lang) for k in ("rows", "url", "synthetic", "other", "empty")},
        }
        for r in table.to_dict("records")
    ]
    return {"rows": rows, "districts": map_html.attribution_parts(result.dataset.region_source)}


def render_report(result: Analysis, *, lang: str = "de", date: dt.date | None = None) -> str:
    """Return ``report.html``: the printable report of an analysis, as one self-contained page.

    Parameters
    ----------
    result : from :func:`mintgraph.analyze`.
    lang : ``"de"`` (default) or ``"en"``.
    date : the date printed on the report; ``None``: ``SOURCE_DATE_EPOCH`` if set, else today
        (see :func:`mintgraph.report.report_date`).

    Returns
    -------
    The HTML page as a string; byte-identical for the same input and date.

    Raises
    ------
    ValueError
        For an unknown language.

    Example
    -------
    >>> from mintgraph.analysis import analyze
    >>> from mintgraph.testing import tiny_dataset
    >>> page = render_report(analyze(tiny_dataset(), permutations=0), date=dt.date(2026, 1, 2))
    >>> "2. Januar 2026" in page and "Netz A" in page
    True
    """
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGS)}")
    nets = regional_networks(result.networks)
    scope = _scopes(result)[0][1]
    subtitle = (
        t("report_subtitle", lang)
        .replace("{scope}", scope)
        .replace("{actors}", count_label("actors", len(result.actors), lang))
        .replace("{networks}", count_label("report_networks", len(nets), lang))
        .replace("{ties}", count_label("ties", result.graph.number_of_edges(), lang))
    )
    year = data_status_year(result)
    banner = _banner(result, lang)
    context = {
        "lang": lang,
        "L": lambda key: t(key, lang),
        "subtitle": subtitle,
        "date": format_date(report_date(date), lang),
        "status": t("report_data_all_years", lang)
        if result.summary.get("reference_year") is None
        else _fill("report_data_year", {"year": year}, lang),
        "status_year": "" if year is None else str(year),
        "banner": banner,
        "footer_css": Markup(css_string(banner["footer"])) if banner else None,
        "page_css": Markup(css_string(t("report_page", lang) + " ")),
        "borders": _borders(result, lang),
        "options": _options(result, lang),
        "version": __version__,
        "summary": _summary(result, lang),
        "scorecard": _scorecard(result, lang),
        "effects": _effects(result, lang),
        "comparison": _comparison(result, lang),
        "charts": _charts(result, lang),
        "maps": _maps(result, lang),
        "map_labels": map_html.LABELS[lang],
        "suggestions": _suggestions(result, lang),
        "provenance": _provenance(result, lang),
        "glossary": [
            {"id": i, "name": t(f"report_ind_{i}", lang), "text": t(f"report_def_{i}", lang)}
            for i in GLOSSARY
        ],
    }
    return environment().get_template("report.html.j2").render(**context)
