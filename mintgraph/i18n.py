"""User-facing labels in German (default) and English.

Every text that a view writes into a page (titles, legend, tooltips, buttons)
comes from here, so a view never hard-codes a language. Actor and cooperation
types (the codes of :data:`mintgraph.schema.ACTOR_TYPES` and
:data:`mintgraph.schema.COOPERATION_TYPES`) have translated names too.

Example
-------
>>> from mintgraph.i18n import t, actor_type_name, count_label
>>> t("reset", "de"), t("reset", "en")
('Zurücksetzen', 'Reset')
>>> actor_type_name("student_lab", "de")
'Schülerlabor'
>>> count_label("actors", 1, "de"), count_label("actors", 1234, "de")
('1 Akteur', '1.234 Akteure')
"""

from __future__ import annotations

import math

from mintgraph.schema import ACTOR_TYPES, COOPERATION_TYPES

LANGS: tuple[str, ...] = ("de", "en")
"""Supported languages; the first one is the default."""

ACTOR_TYPE_NAMES: dict[str, dict[str, str]] = {
    "de": {
        "school": "Schule",
        "university": "Hochschule",
        "company": "Unternehmen",
        "association": "Verein/Verband",
        "student_lab": "Schülerlabor",
        "museum": "Museum/Science Center",
        "public_body": "öffentliche Stelle",
        "foundation": "Stiftung",
        "chamber": "Kammer",
        "other": "Sonstige",
    },
    "en": {
        "school": "School",
        "university": "University",
        "company": "Company",
        "association": "Association",
        "student_lab": "Student lab",
        "museum": "Museum/science centre",
        "public_body": "Public body",
        "foundation": "Foundation",
        "chamber": "Chamber",
        "other": "Other",
    },
}
"""Display name of each actor type, per language."""

COOPERATION_TYPE_NAMES: dict[str, dict[str, str]] = {
    "de": {
        "project": "Projekt",
        "offer": "Angebot",
        "sponsorship": "Förderung/Patenschaft",
        "exchange": "Austausch",
        "other": "Sonstige",
    },
    "en": {
        "project": "Project",
        "offer": "Offer",
        "sponsorship": "Sponsorship",
        "exchange": "Exchange",
        "other": "Other",
    },
}
"""Display name of each cooperation type, per language."""

LABELS: dict[str, dict[str, str]] = {
    "de": {
        "graph_title": "MINT-Kooperationsnetz",
        "legend_title": "Akteurstypen",
        "search_label": "Akteur suchen",
        "search_placeholder": "Akteur suchen …",
        "reset": "Zurücksetzen",
        "matches_one": "{n} Treffer",
        "matches_other": "{n} Treffer",
        "actors_one": "{n} Akteur",
        "actors_other": "{n} Akteure",
        "ties_one": "{n} Kooperationsbeziehung",
        "ties_other": "{n} Kooperationsbeziehungen",
        "isolated_one": "{n} ohne Kooperation",
        "isolated_other": "{n} ohne Kooperation",
        "isolated_caption": "Ohne Kooperation",
        "cooperations_one": "{n} Kooperation",
        "cooperations_other": "{n} Kooperationen",
        "size_hint": "Knotengröße: {metric}; Linienstärke: Zahl der Kooperationen",
        "usage_hint": "Mausrad: zoomen · Ziehen: verschieben · Klick auf Typ: auswählen",
        "field_type": "Typ",
        "field_district": "Kreis",
        "field_districts": "Kreise",
        "field_municipality": "Gemeinde",
        "field_cooperation_types": "Art",
        "field_years": "Zeitraum",
        "metric_degree": "Partner (Grad)",
        "metric_weighted_degree": "Kooperationen (gewichteter Grad)",
        "metric_betweenness": "Vermittlerrolle (Betweenness)",
        "metric_closeness": "Nähe (Closeness)",
        "metric_eigenvector": "Eigenvektor-Zentralität",
        "metric_pagerank": "PageRank",
        "metric_harmonic_closeness": "Harmonische Nähe",
        "metric_clustering": "Geschlossenheit (Clustering)",
        "metric_core_number": "k-Kern",
        "metric_constraint": "Eingebundenheit (Constraint)",
        "metric_effective_size": "Nicht-redundante Partner (effektive Größe)",
        "metric_articulation_point": "Schlüsselstelle (Artikulationspunkt)",
        "metric_participation_regions": "Streuung der Partner über Kreise",
        "metric_participation_networks": "Streuung der Partner über Netzwerke",
        "metric_gf_total": "Vermittlungschancen (offene Zweierpfade)",
        "metric_networks_reached": "Erreichte Netzwerke",
        "metric_community": "Community (Louvain)",
        "field_networks": "Netzwerke",
        "field_contact_person": "Ansprechperson",
        "field_email": "E-Mail",
        "field_phone": "Telefon",
        "yes": "ja",
        "no": "nein",
        "legend_ties_title": "Kooperationsarten",
        "cross_district": "kreisübergreifend",
        "line_hint": "Mehrere Arten: die erste der Liste bestimmt die Linie. Linienstärke: Zahl der Kooperationen",
        "node_size_hint": "Knotengröße: {metric}",
        "filter_title": "Filter",
        "filter_network": "Netzwerk",
        "filter_district": "Kreis",
        "filter_type": "Akteurstyp",
        "filter_year": "Kooperationen begonnen bis",
        "filter_all": "alle",
        "filter_no_network": "ohne Netzwerk",
        "filter_no_district": "ohne Kreis",
        "all_years": "alle Jahre",
        "year_hint": "Kooperationen ohne Jahresangabe sind beim Jahresfilter ausgeblendet.",
        "visible_actors": "{n} von {m} Akteuren sichtbar",
        "visible_ties": "{n} von {m} Kooperationsbeziehungen",
        "overview_title": "MINT-Kooperationen zwischen den Kreisen",
        "districts_one": "{n} Kreis",
        "districts_other": "{n} Kreise",
        "cross_ties_one": "{n} kreisübergreifend",
        "cross_ties_other": "{n} kreisübergreifend",
        "legend_groups": "Regierungsbezirke",
        "legend_density": "Akteure je 100.000 Einwohner",
        "legend_districts": "Kreise",
        "no_actors": "ohne Akteure",
        "overview_size_hint": "Kreisgröße: Zahl der Akteure · Linienstärke: Kooperationsbeziehungen zwischen zwei Kreisen",
        "overview_usage_hint": "Mausrad: zoomen · Ziehen: verschieben · Klick auf einen Kreis: seine Akteure",
        "search_district_label": "Kreis suchen",
        "search_district_placeholder": "Kreis suchen …",
        "field_group": "Regierungsbezirk",
        "field_actors": "Akteure",
        "field_ties_inside": "Kooperationsbeziehungen im Kreis",
        "field_ties_across": "mit anderen Kreisen",
        "field_population": "Einwohner",
        "field_actors_per_100k": "Akteure je 100.000 Einwohner",
        "open_district": "Klick: Akteure des Kreises öffnen",
        "ties_between": "Kooperationsbeziehungen zwischen den Kreisen",
        "compare_title": "Veränderung {before} → {after}",
        "compare_subtitle": "Dieselben Akteure an denselben Stellen: links {before}, rechts {after}",
        "compare_headline": "Auf einen Blick",
        "compare_head_actors": "Akteure",
        "compare_head_ties": "Kooperationsbeziehungen",
        "compare_head_new_ties": "neue Beziehungen",
        "compare_head_lost_ties": "beendete Beziehungen",
        "compare_head_strengthened_ties": "verstärkte Beziehungen",
        "compare_head_weakened_ties": "abgeschwächte Beziehungen",
        "compare_head_newcomers": "neue Akteure",
        "compare_head_newcomers_connected": "davon mit Kooperation",
        "compare_head_newcomers_established": "davon mit einem schon vorhandenen Partner",
        "compare_head_leavers": "ausgeschiedene Akteure",
        "compare_head_networks": "Netzwerke",
        "compare_timeline_hint": "Zeilen ohne Jahresangabe zählen in jedem Jahr (unbekannt heißt: immer da); frühe Jahre wirken dadurch voller, als sie waren.",
        "compare_pictures": "Das Kooperationsnetz vorher und nachher",
        "compare_view_both": "Nebeneinander",
        "compare_status_new": "neu",
        "compare_status_lost": "beendet",
        "compare_status_strengthened": "verstärkt",
        "compare_status_weakened": "abgeschwächt",
        "compare_status_unchanged": "unverändert",
        "compare_legend_newcomer": "neuer Akteur ({after})",
        "compare_legend_leaver": "ausgeschiedener Akteur ({before})",
        "compare_layout_hint": "Beendete Beziehungen und ausgeschiedene Akteure stehen im Bild {before}, neue im Bild {after}. Linienstärke: Zahl der Kooperationen. Namen im Tooltip.",
        "compare_no_pictures": "Mehr als {n} Akteure: Die Bilder sind weggelassen, damit die Seite klein bleibt; die Tabellen und die CSV-Dateien enthalten alles.",
        "compare_networks": "Netzwerke: die größten Veränderungen",
        "compare_networks_hint": "Je Netzwerk die veränderten Indikatoren aus networks.csv, die größte relative Veränderung zuerst. Definitionen: docs/indicators.md.",
        "compare_network_new": "neu",
        "compare_network_gone": "nicht mehr vorhanden",
        "compare_indicator": "Indikator",
        "compare_difference": "Differenz",
        "compare_no_change": "Keine Veränderung.",
        "compare_landscape": "Die ganze Landschaft",
        "compare_districts": "Kreise",
        "compare_districts_hint": "vorher → nachher (Differenz), Spalten aus regions.csv",
        "compare_district": "Kreis",
        "compare_newcomers": "Neue Akteure",
        "compare_actor": "Akteur",
        "compare_partners_after": "Partner",
        "compare_to_established": "mit schon vorhandenem Partner",
        "compare_networks_joined": "beigetretene Netzwerke",
        "compare_more_rows": "Weitere Zeilen in den CSV-Dateien (compare_actors.csv, compare_ties.csv).",
        "compare_no_newcomers": "Keine neuen Akteure.",
        "compare_changed_ties": "Veränderte Beziehungen",
        "compare_status": "Veränderung",
        "compare_ties_hint": "Zahlen: Kooperationen des Paares vorher und nachher.",
        "compare_no_tie_change": "Keine veränderten Beziehungen.",
    },
    "en": {
        "graph_title": "MINT cooperation network",
        "legend_title": "Actor types",
        "search_label": "Search actor",
        "search_placeholder": "Search actor …",
        "reset": "Reset",
        "matches_one": "{n} match",
        "matches_other": "{n} matches",
        "actors_one": "{n} actor",
        "actors_other": "{n} actors",
        "ties_one": "{n} cooperation tie",
        "ties_other": "{n} cooperation ties",
        "isolated_one": "{n} without cooperation",
        "isolated_other": "{n} without cooperation",
        "isolated_caption": "No cooperation",
        "cooperations_one": "{n} cooperation",
        "cooperations_other": "{n} cooperations",
        "size_hint": "Node size: {metric}; line width: number of cooperations",
        "usage_hint": "Wheel: zoom · drag: pan · click a type: select",
        "field_type": "Type",
        "field_district": "District",
        "field_districts": "Districts",
        "field_municipality": "Municipality",
        "field_cooperation_types": "Kind",
        "field_years": "Years",
        "metric_degree": "Partners (degree)",
        "metric_weighted_degree": "Cooperations (weighted degree)",
        "metric_betweenness": "Brokerage (betweenness)",
        "metric_closeness": "Closeness",
        "metric_eigenvector": "Eigenvector centrality",
        "metric_pagerank": "PageRank",
        "metric_harmonic_closeness": "Harmonic closeness",
        "metric_clustering": "Clustering",
        "metric_core_number": "k-core",
        "metric_constraint": "Constraint (Burt)",
        "metric_effective_size": "Non-redundant partners (effective size)",
        "metric_articulation_point": "Cut point (articulation point)",
        "metric_participation_regions": "Spread of partners over districts",
        "metric_participation_networks": "Spread of partners over networks",
        "metric_gf_total": "Brokerage opportunities (open two-paths)",
        "metric_networks_reached": "Networks reached",
        "metric_community": "Community (Louvain)",
        "field_networks": "Networks",
        "field_contact_person": "Contact person",
        "field_email": "E-mail",
        "field_phone": "Phone",
        "yes": "yes",
        "no": "no",
        "legend_ties_title": "Kinds of cooperation",
        "cross_district": "across districts",
        "line_hint": "Several kinds: the first in the list sets the line. Line width: number of cooperations",
        "node_size_hint": "Node size: {metric}",
        "filter_title": "Filters",
        "filter_network": "Network",
        "filter_district": "District",
        "filter_type": "Actor type",
        "filter_year": "Cooperation started by",
        "filter_all": "all",
        "filter_no_network": "no network",
        "filter_no_district": "no district",
        "all_years": "all years",
        "year_hint": "With the year filter, ties without a year are hidden.",
        "visible_actors": "{n} of {m} actors visible",
        "visible_ties": "{n} of {m} cooperation ties",
        "overview_title": "MINT cooperation between districts",
        "districts_one": "{n} district",
        "districts_other": "{n} districts",
        "cross_ties_one": "{n} across districts",
        "cross_ties_other": "{n} across districts",
        "legend_groups": "Administrative regions",
        "legend_density": "Actors per 100,000 inhabitants",
        "legend_districts": "Districts",
        "no_actors": "no actors",
        "overview_size_hint": "Circle size: number of actors · line width: ties between two districts",
        "overview_usage_hint": "Wheel: zoom · drag: pan · click a district: its actors",
        "search_district_label": "Search district",
        "search_district_placeholder": "Search district …",
        "field_group": "Administrative region",
        "field_actors": "Actors",
        "field_ties_inside": "Ties inside the district",
        "field_ties_across": "with other districts",
        "field_population": "Inhabitants",
        "field_actors_per_100k": "Actors per 100,000 inhabitants",
        "open_district": "Click: open the district's actors",
        "ties_between": "cooperation ties between the districts",
        "compare_title": "Change {before} → {after}",
        "compare_subtitle": "The same actors on the same spots: left {before}, right {after}",
        "compare_headline": "At a glance",
        "compare_head_actors": "Actors",
        "compare_head_ties": "Cooperation ties",
        "compare_head_new_ties": "new ties",
        "compare_head_lost_ties": "lost ties",
        "compare_head_strengthened_ties": "strengthened ties",
        "compare_head_weakened_ties": "weakened ties",
        "compare_head_newcomers": "newcomers",
        "compare_head_newcomers_connected": "of them with a cooperation",
        "compare_head_newcomers_established": "of them with a partner who was already there",
        "compare_head_leavers": "leavers",
        "compare_head_networks": "Networks",
        "compare_timeline_hint": "Rows without a year count in every year (unknown means: always there), so early years look fuller than they were.",
        "compare_pictures": "The cooperation network before and after",
        "compare_view_both": "Side by side",
        "compare_status_new": "new",
        "compare_status_lost": "lost",
        "compare_status_strengthened": "strengthened",
        "compare_status_weakened": "weakened",
        "compare_status_unchanged": "unchanged",
        "compare_legend_newcomer": "newcomer ({after})",
        "compare_legend_leaver": "leaver ({before})",
        "compare_layout_hint": "Lost ties and leavers are in the picture {before}, new ones in the picture {after}. Line width: number of cooperations. Names in the tooltip.",
        "compare_no_pictures": "More than {n} actors: the pictures are left out to keep the page small; the tables and the CSV files hold everything.",
        "compare_networks": "Networks: the biggest changes",
        "compare_networks_hint": "Per network the changed indicators of networks.csv, the largest relative change first. Definitions: docs/indicators.md.",
        "compare_network_new": "new",
        "compare_network_gone": "no longer there",
        "compare_indicator": "Indicator",
        "compare_difference": "Difference",
        "compare_no_change": "No change.",
        "compare_landscape": "The whole landscape",
        "compare_districts": "Districts",
        "compare_districts_hint": "before → after (difference), columns of regions.csv",
        "compare_district": "District",
        "compare_newcomers": "Newcomers",
        "compare_actor": "Actor",
        "compare_partners_after": "Partners",
        "compare_to_established": "with a partner already there",
        "compare_networks_joined": "networks joined",
        "compare_more_rows": "More rows in the CSV files (compare_actors.csv, compare_ties.csv).",
        "compare_no_newcomers": "No newcomers.",
        "compare_changed_ties": "Changed ties",
        "compare_status": "Change",
        "compare_ties_hint": "Numbers: cooperations of the pair before and after.",
        "compare_no_tie_change": "No changed ties.",
    },
}
"""Interface labels per language. Keys ending in ``_one``/``_other`` are count forms (see
:func:`count_label`); ``{n}`` and ``{metric}`` are placeholders."""


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGS)}")


def t(key: str, lang: str) -> str:
    """Return the label ``key`` in language ``lang``.

    ``key`` is a key of :data:`LABELS`, or ``actor_type.<code>`` /
    ``cooperation_type.<code>`` for a type name. Raises :class:`ValueError` for an
    unknown language and :class:`KeyError` for an unknown key.

    >>> t("legend_title", "en")
    'Actor types'
    >>> t("cooperation_type.sponsorship", "de")
    'Förderung/Patenschaft'
    """
    _check_lang(lang)
    prefix, _, code = key.partition(".")
    if code and prefix == "actor_type":
        return ACTOR_TYPE_NAMES[lang][code]
    if code and prefix == "cooperation_type":
        return COOPERATION_TYPE_NAMES[lang][code]
    return LABELS[lang][key]


def actor_type_name(code: str, lang: str) -> str:
    """Display name of an actor type; an unknown code is returned unchanged.

    >>> actor_type_name("museum", "en"), actor_type_name("spaceship", "en")
    ('Museum/science centre', 'spaceship')
    """
    _check_lang(lang)
    return ACTOR_TYPE_NAMES[lang].get(code, code)


def cooperation_type_name(code: str, lang: str) -> str:
    """Display name of a cooperation type; an unknown code is returned unchanged.

    >>> cooperation_type_name("exchange", "de")
    'Austausch'
    """
    _check_lang(lang)
    return COOPERATION_TYPE_NAMES[lang].get(code, code)


def format_int(n: int, lang: str) -> str:
    """Format an integer with the language's thousands separator.

    >>> format_int(1234567, "de"), format_int(1234567, "en")
    ('1.234.567', '1,234,567')
    """
    _check_lang(lang)
    text = f"{int(n):,}"
    return text.replace(",", ".") if lang == "de" else text


def format_number(x: float, lang: str, digits: int = 3) -> str:
    """Format a number with ``digits`` significant digits and the language's decimal mark.

    Numbers of ``digits`` or more integer digits are rounded to whole numbers instead.

    >>> format_number(0.123456, "de"), format_number(0.123456, "en"), format_number(2.0, "en")
    ('0,123', '0.123', '2')
    >>> format_number(0.0000123456, "en"), format_number(1234.5, "de")
    ('1.23e-05', '1.234')
    """
    _check_lang(lang)
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    if abs(float(x)) >= 10 ** (digits - 1) * 10:
        return format_int(round(float(x)), lang)
    text = f"{float(x):.{digits}g}"
    return text.replace(".", ",") if lang == "de" else text


def count_label(key: str, n: int, lang: str) -> str:
    """Return the singular or plural form of a count label, e.g. ``actors`` → ``"5 Akteure"``.

    >>> count_label("ties", 1, "en"), count_label("ties", 2, "en")
    ('1 cooperation tie', '2 cooperation ties')
    """
    form = "one" if n == 1 else "other"
    return t(f"{key}_{form}", lang).replace("{n}", format_int(n, lang))


# Every actor and cooperation type of the data contract has a name in every language.
assert all(set(ACTOR_TYPE_NAMES[lang]) == set(ACTOR_TYPES) for lang in LANGS)
assert all(set(COOPERATION_TYPE_NAMES[lang]) == set(COOPERATION_TYPES) for lang in LANGS)
assert all(set(LABELS[lang]) == set(LABELS[LANGS[0]]) for lang in LANGS)
