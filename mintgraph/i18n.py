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
        "field_municipality": "Gemeinde",
        "field_cooperation_types": "Art",
        "field_years": "Zeitraum",
        "metric_degree": "Partner (Grad)",
        "metric_weighted_degree": "Kooperationen (gewichteter Grad)",
        "metric_betweenness": "Vermittlerrolle (Betweenness)",
        "metric_closeness": "Nähe (Closeness)",
        "metric_eigenvector": "Eigenvektor-Zentralität",
        "metric_pagerank": "PageRank",
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
        "field_municipality": "Municipality",
        "field_cooperation_types": "Kind",
        "field_years": "Years",
        "metric_degree": "Partners (degree)",
        "metric_weighted_degree": "Cooperations (weighted degree)",
        "metric_betweenness": "Brokerage (betweenness)",
        "metric_closeness": "Closeness",
        "metric_eigenvector": "Eigenvector centrality",
        "metric_pagerank": "PageRank",
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
