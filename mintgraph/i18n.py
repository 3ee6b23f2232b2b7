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
        "report_title": "MINT-Netzwerke: Bericht zur Kooperationsdichte",
        "report_subtitle": "{scope}: {actors}, {networks}, {ties}",
        "report_date_label": "Stand",
        "report_months": "Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember",
        "report_print_hint": "Zum Drucken oder als PDF: Strg+P (A4).",
        "report_toc": "Inhalt",
        "report_sec_summary": "Das Wichtigste in Kürze",
        "report_sec_scorecard": "Scorecard: das „Plus“ eines regionalen Netzwerks",
        "report_sec_comparison": "Die Netzwerke im Vergleich",
        "report_sec_trends": "Entwicklung über die Jahre",
        "report_sec_types": "Wer macht mit: Akteure nach Typ",
        "report_sec_map": "Karte: die Kreise",
        "report_sec_suggestions": "Vorgeschlagene Kontakte",
        "report_sec_method": "Methode",
        "report_sec_glossary": "Die Kennzahlen",
        "report_sec_provenance": "Datenherkunft und Lizenzen",
        "report_sum_overview": "Die Landschaft umfasst {actors} in {districts} Kreisen, {networks} und {ties}.",
        "report_sum_densest": "Am dichtesten vernetzt ist {name}: {density} der möglichen Paare seiner {members} Mitglieder kooperieren miteinander.",
        "report_sum_sparsest": "Am wenigsten dicht ist {name}: {density} bei {members} Mitgliedern.",
        "report_sum_most_open": "Am offensten nach außen ist {name} (E-I-Index {ei_index}; +1 hieße: alle Kooperationen reichen über das Netzwerk hinaus).",
        "report_sum_cross_district": "{share} aller Kooperationsbeziehungen verbinden Akteure aus verschiedenen Kreisen.",
        "report_sum_white_spots": "Weiße Flecken – Kreise mit MINT-Aktivitäten, aber ohne Netzwerk: {districts}.",
        "report_sum_no_white_spots": "Jeder Kreis mit MINT-Aktivitäten liegt im Gebiet mindestens eines Netzwerks.",
        "report_sum_mint_without_network": "Kreise mit überdurchschnittlichem Anteil von MINT-Fachkräften, die kein Netzwerk abdeckt: {districts}.",
        "report_sum_cut_points": "{count} Akteure sind Schlüsselstellen (Artikulationspunkte): fällt einer von ihnen weg, zerfällt das Kooperationsnetz in getrennte Teile. Die wichtigsten: {names}.",
        "report_sum_no_cut_points": "Kein einzelner Akteur hält das Kooperationsnetz allein zusammen (keine Artikulationspunkte).",
        "report_sum_fragile": "Am verwundbarsten ist {name}: ohne seine drei zentralsten Mitglieder bleiben nur {robustness} der Mitglieder im größten zusammenhängenden Teil.",
        "report_sum_key_actor": "Sein wichtigster Knotenpunkt: {key_actor}.",
        "report_scorecard_intro": "Die Folien „MINT-Bildung im regionalen Netzwerk – ein Plus für die berufliche Orientierung“ nennen elf Vorteile eines regionalen Netzwerks. Jeder ist hier einer oder mehreren Kennzahlen zugeordnet – je Netzwerk und für die ganze Landschaft als ein Netzwerk. Ein Klick auf eine Kennzahl führt zu ihrer Definition.",
        "report_col_plus": "Plus",
        "report_col_indicator": "Kennzahl",
        "report_col_measurable": "Messung",
        "report_measurable_direct": "direkt",
        "report_measurable_proxy": "Näherung",
        "report_measurable_none": "nicht messbar",
        "report_quality_note": "Mit Kooperationsdaten nicht messbar: dafür braucht es Evaluationen der Angebote (Rückmeldungen der Teilnehmenden, Qualitätskriterien, wiederholte Teilnahme).",
        "report_boundary_note": "–: für die ganze Landschaft nicht definiert (sie hat kein Außen) oder zu wenige Mitglieder.",
        "report_comparison_intro": "Zum Sortieren auf eine Spaltenüberschrift klicken (noch einmal: umgekehrt).",
        "report_col_network": "Netzwerk",
        "report_col_level": "Ebene",
        "report_level_network": "regional",
        "report_level_umbrella": "Dach",
        "report_trends_note": "Jedes Jahr ist aus den Jahresangaben der Tabellen neu aufgebaut (Kooperationen seit/bis, Mitgliedschaften seit, Gründungsjahre). Zeilen ohne Jahr zählen in jedem Jahr mit, frühe Jahre wirken daher voller, als sie waren.",
        "report_chart_year": "Jahr",
        "report_chart_ties_title": "Kooperationsbeziehungen je Jahr",
        "report_chart_ties_y": "Kooperationsbeziehungen",
        "report_chart_density_title": "Dichte der regionalen Netzwerke",
        "report_chart_density_y": "Dichte",
        "report_chart_ei_title": "E-I-Index der regionalen Netzwerke (−1 geschlossen, +1 offen)",
        "report_chart_ei_y": "E-I-Index",
        "report_chart_types_title": "Akteure nach Typ",
        "report_chart_types_x": "Akteure",
        "report_no_years": "Keine Kooperation hat ein Jahr – keine Zeitreihe.",
        "report_map_actors_title": "Akteure je 100.000 Einwohner und Kooperationen zwischen Kreisen",
        "report_map_coverage_title": "Abdeckung durch Netzwerke",
        "report_map_ties_legend": "Kooperationsbeziehungen zwischen zwei Kreisen (Linienstärke: Anzahl)",
        "report_map_none": "Für diese Kreistabelle liegen keine Grenzen vor; die Karte entfällt.",
        "report_sugg_intro": "Paare von Akteuren, die noch nicht zusammenarbeiten, aber gemeinsame Partner haben und eine Lücke schließen würden – Anregungen für ein Gespräch, keine Prognose. Wie die Liste entsteht, steht unter",
        "report_sugg_none": "Keine Vorschläge: kein Paar ohne Kooperation hat einen gemeinsamen Partner und schließt eine Lücke.",
        "report_col_actor": "Akteur",
        "report_col_partner": "möglicher Partner",
        "report_col_common": "gemeinsame Partner",
        "report_col_reasons": "Warum",
        "report_col_score": "Wert",
        "report_reason_common_partners": "viele gemeinsame Partner",
        "report_reason_different_district": "verbindet zwei Kreise",
        "report_reason_different_network": "verbindet zwei Netzwerke",
        "report_reason_school_outside": "verbindet Schule und außerschulischen Partner",
        "report_method_text": "Grundlage ist ein Graph: Akteure sind Knoten, zwei Akteure sind verbunden, wenn mindestens eine Kooperation zwischen ihnen erfasst ist (mehrere Kooperationen eines Paares zählen als eine Beziehung). Die Kennzahlen eines Netzwerks beziehen sich auf seine Mitglieder (bei Dachnetzwerken einschließlich der Mitglieder ihrer Teilnetzwerke). Die Werte für die ganze Landschaft behandeln alle Akteure als ein Netzwerk, mit denselben Definitionen. Alle Definitionen mit Formeln und Literatur stehen in docs/indicators.md des Projekts.",
        "report_method_suggestions": "Vorgeschlagene Kontakte: für zwei noch nicht verbundene Akteure mit gemeinsamen Partnern misst der Resource-Allocation-Index (Zhou, Lü & Zhang 2009) die Summe von 1/(Zahl der Partner) über die gemeinsamen Partner; er wird mit 1 + Zahl der geschlossenen Lücken multipliziert (anderer Kreis, anderes Netzwerk, Schule und außerschulischer Partner). Paare, die keine Lücke schließen, werden nicht vorgeschlagen. Details: docs/indicators/suggestions.md.",
        "report_method_time": "Zeitreihen: für jedes Jahr wird der Stand der Landschaft aus den Jahresangaben rekonstruiert und Dichte und E-I-Index mit denselben Definitionen berechnet.",
        "report_prov_intro": "Wie viele Zeilen jeder Eingabetabelle eine Quelle (Web-Adresse) nennen und wie viele synthetisch erzeugt sind.",
        "report_col_table": "Tabelle",
        "report_col_rows": "Zeilen",
        "report_col_url": "mit Quelle (URL)",
        "report_col_synthetic": "synthetisch",
        "report_col_other": "andere Angabe",
        "report_col_empty": "ohne Angabe",
        "report_prov_districts": "Kreisdaten",
        "report_licences": "Code: MIT-Lizenz. Kreisgrenzen: © GeoBasis-DE / BKG 2021 (Daten verändert), Datenlizenz Deutschland – Namensnennung – 2.0; Einwohner und Fläche: Statistisches Bundesamt (Destatis), Gemeindeverzeichnis GV-ISys, Gebietsstand 31.12.2021.",
        "report_generated": "Erstellt mit mintgraph {version}.",
        "report_definition": "Definition",
        "report_ind_members": "Mit\u00adglieder",
        "report_def_members": "Zahl der Mitglieder; bei einem Dachnetzwerk einschließlich der Mitglieder seiner Teilnetzwerke.",
        "report_ind_activities": "Aktivi\u00adtäten",
        "report_def_activities": "Zahl der MINT-Aktivitäten (Angebote), deren Anbieter Mitglied ist.",
        "report_ind_internal_ties": "interne Koope\u00adrationen",
        "report_def_internal_ties": "Kooperationsbeziehungen zwischen zwei Mitgliedern.",
        "report_ind_external_ties": "externe Koope\u00adrationen",
        "report_def_external_ties": "Kooperationsbeziehungen eines Mitglieds mit einem Nicht-Mitglied.",
        "report_ind_density": "Dichte",
        "report_def_density": "Anteil der möglichen Mitgliederpaare, die kooperieren: interne Beziehungen / (n(n − 1)/2) bei n Mitgliedern; 1 = jeder mit jedem.",
        "report_ind_ei_index": "E-I-Index",
        "report_def_ei_index": "Offenheit der Netzwerkgrenze nach Krackhardt und Stern: (extern − intern) / (extern + intern); −1 = alle Kooperationen bleiben innen, +1 = alle reichen nach außen.",
        "report_ind_average_clustering": "Clustering",
        "report_def_average_clustering": "Mittlerer Anteil der Partnerpaare eines Mitglieds, die selbst kooperieren (wie eng geknüpft das Netzwerk ist).",
        "report_ind_largest_component_share": "größter zusammenhängender Teil",
        "report_def_largest_component_share": "Anteil der Mitglieder, die über Kooperationen unter Mitgliedern miteinander verbunden sind (größte Komponente).",
        "report_ind_degree_centralization": "Zentralisierung",
        "report_def_degree_centralization": "Freemans Grad-Zentralisierung: 1 = ein Mitglied (etwa die Koordination) ist mit allen verbunden, die übrigen nicht untereinander; 0 = alle gleich eingebunden.",
        "report_ind_new_members_per_year": "neue Mitglieder je Jahr",
        "report_def_new_members_per_year": "Mitglieder, die seit der Gründung beigetreten sind, je Jahr seit der Gründung.",
        "report_ind_ties_per_year_since_founding": "neue Kooperationen je Jahr",
        "report_def_ties_per_year_since_founding": "Kooperationsbeziehungen unter Mitgliedern, die seit der Gründung begonnen haben, je Jahr seit der Gründung.",
        "report_ind_topic_coverage": "MINT-Fächer",
        "report_def_topic_coverage": "Anteil der vier MINT-Bereiche (Mathematik, Informatik, Naturwissenschaften, Technik), die die Aktivitäten der Mitglieder abdecken.",
        "report_ind_topics_covered": "abgedeckte Fächer",
        "report_def_topics_covered": "Die abgedeckten MINT-Bereiche als Buchstaben M, I, N, T.",
        "report_ind_target_groups": "Zielgruppen",
        "report_def_target_groups": "Zahl der verschiedenen Zielgruppen der Aktivitäten der Mitglieder.",
        "report_ind_target_groups_list": "welche Zielgruppen",
        "report_def_target_groups_list": "Die Zielgruppen der Aktivitäten der Mitglieder.",
        "report_ind_cross_district_share": "kreis\u00adüber\u00adgreifend",
        "report_def_cross_district_share": "Anteil der Kooperationen unter Mitgliedern, deren Partner in verschiedenen Kreisen sitzen.",
        "report_ind_school_outofschool_share": "Schule – außer\u00adschulisch",
        "report_def_school_outofschool_share": "Anteil der Kooperationen unter Mitgliedern zwischen einer Schule und einem außerschulischen Partner.",
        "report_ind_type_diversity": "Vielfalt der Akteurstypen",
        "report_def_type_diversity": "Blau-Index 1 − Σ p², p = Anteil der Mitglieder eines Typs: die Chance, dass zwei zufällig gezogene Mitglieder verschiedenen Typs sind.",
        "report_ind_types": "Akteurstypen",
        "report_def_types": "Zahl der verschiedenen Akteurstypen unter den Mitgliedern.",
        "report_ind_robustness_3": "Robust\u00adheit",
        "report_def_robustness_3": "Anteil der Mitglieder, die im größten zusammenhängenden Teil bleiben, wenn die drei Mitglieder mit der höchsten Vermittlerrolle (Betweenness) wegfallen.",
        "report_ind_ei_regions": "E-I-Index der Kreise",
        "report_def_ei_regions": "(zwischen Kreisen − innerhalb eines Kreises) / alle Kooperationen unter Mitgliedern; +1 = alle Kooperationen verbinden Kreise.",
        "report_networks_one": "{n} regionales Netzwerk",
        "report_networks_other": "{n} regionale Netzwerke",
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
        "report_title": "MINT networks: a report on collaboration density",
        "report_subtitle": "{scope}: {actors}, {networks}, {ties}",
        "report_date_label": "As of",
        "report_months": "January|February|March|April|May|June|July|August|September|October|November|December",
        "report_print_hint": "To print or save as PDF: Ctrl+P (A4).",
        "report_toc": "Contents",
        "report_sec_summary": "Summary",
        "report_sec_scorecard": 'Scorecard: the "Plus" of a regional network',
        "report_sec_comparison": "The networks compared",
        "report_sec_trends": "Over the years",
        "report_sec_types": "Who takes part: actors by type",
        "report_sec_map": "Map: the districts",
        "report_sec_suggestions": "Suggested contacts",
        "report_sec_method": "Method",
        "report_sec_glossary": "The indicators",
        "report_sec_provenance": "Data provenance and licences",
        "report_sum_overview": "The landscape holds {actors} in {districts} districts, {networks} and {ties}.",
        "report_sum_densest": "The densest network is {name}: {density} of the possible pairs of its {members} members cooperate.",
        "report_sum_sparsest": "The least dense is {name}: {density} with {members} members.",
        "report_sum_most_open": "The most open is {name} (E-I index {ei_index}; +1 would mean every cooperation reaches beyond the network).",
        "report_sum_cross_district": "{share} of all cooperation ties link actors in different districts.",
        "report_sum_white_spots": "White spots – districts with MINT activities but no network: {districts}.",
        "report_sum_no_white_spots": "Every district with MINT activities lies in the area of at least one network.",
        "report_sum_mint_without_network": "Districts with an above-average share of MINT workers that no network covers: {districts}.",
        "report_sum_cut_points": "{count} actors are single points of failure (articulation points): if one of them leaves, the cooperation graph falls apart. The most central: {names}.",
        "report_sum_no_cut_points": "No single actor holds the cooperation graph together (no articulation points).",
        "report_sum_fragile": "The most fragile is {name}: without its three most central members only {robustness} of its members stay in the largest connected part.",
        "report_sum_key_actor": "Its key actor: {key_actor}.",
        "report_scorecard_intro": 'The slides "MINT-Bildung im regionalen Netzwerk – ein Plus für die berufliche Orientierung" name eleven benefits of a regional network. Each is mapped here to one or more indicators, per network and for the whole landscape as one network. Click an indicator for its definition.',
        "report_col_plus": "Plus",
        "report_col_indicator": "Indicator",
        "report_col_measurable": "Measured",
        "report_measurable_direct": "directly",
        "report_measurable_proxy": "by proxy",
        "report_measurable_none": "not measurable",
        "report_quality_note": "Not measurable from cooperation data: it needs evaluations of the offers (participant feedback, quality criteria, repeat participation).",
        "report_boundary_note": "–: not defined for the whole landscape (it has no outside) or too few members.",
        "report_comparison_intro": "Click a column header to sort (again: reverse).",
        "report_col_network": "Network",
        "report_col_level": "Level",
        "report_level_network": "regional",
        "report_level_umbrella": "umbrella",
        "report_trends_note": "Each year is rebuilt from the years in the tables (cooperations since/until, memberships since, founding years). Rows without a year count in every year, so early years look fuller than they were.",
        "report_chart_year": "Year",
        "report_chart_ties_title": "Cooperation ties per year",
        "report_chart_ties_y": "Cooperation ties",
        "report_chart_density_title": "Density of the regional networks",
        "report_chart_density_y": "Density",
        "report_chart_ei_title": "E-I index of the regional networks (−1 closed, +1 open)",
        "report_chart_ei_y": "E-I index",
        "report_chart_types_title": "Actors by type",
        "report_chart_types_x": "Actors",
        "report_no_years": "No cooperation has a year – no time series.",
        "report_map_actors_title": "Actors per 100,000 inhabitants and ties between districts",
        "report_map_coverage_title": "Coverage by networks",
        "report_map_ties_legend": "Cooperation ties between two districts (line width: number)",
        "report_map_none": "There are no boundaries for this district table; no map.",
        "report_sugg_intro": "Pairs of actors who do not work together yet but share partners and would close a gap – prompts for a conversation, not a forecast. How the list is made is explained under",
        "report_sugg_none": "No suggestions: no pair without a tie shares a partner and closes a gap.",
        "report_col_actor": "Actor",
        "report_col_partner": "Possible partner",
        "report_col_common": "Common partners",
        "report_col_reasons": "Why",
        "report_col_score": "Score",
        "report_reason_common_partners": "many common partners",
        "report_reason_different_district": "links two districts",
        "report_reason_different_network": "links two networks",
        "report_reason_school_outside": "links a school and an out-of-school partner",
        "report_method_text": "The basis is a graph: actors are nodes, and two actors are linked when at least one cooperation between them is recorded (several cooperations of a pair count as one tie). A network's indicators refer to its members (for umbrella networks including the members of their sub-networks). The values for the whole landscape treat all actors as one network, with the same definitions. Every definition, with formulas and literature, is in the project's docs/indicators.md.",
        "report_method_suggestions": "Suggested contacts: for two actors without a tie who share partners, the resource allocation index (Zhou, Lü & Zhang 2009) sums 1/(number of partners) over the common partners; it is multiplied by 1 + the number of gaps the tie would close (another district, another network, a school and an out-of-school partner). Pairs that close no gap are not suggested. Details: docs/indicators/suggestions.md.",
        "report_method_time": "Time series: for each year the state of the landscape is rebuilt from the years in the data, and density and E-I index are computed with the same definitions.",
        "report_prov_intro": "How many rows of each input table cite a source (a web address) and how many are synthetic.",
        "report_col_table": "Table",
        "report_col_rows": "Rows",
        "report_col_url": "with a source (URL)",
        "report_col_synthetic": "synthetic",
        "report_col_other": "other note",
        "report_col_empty": "none",
        "report_prov_districts": "District data",
        "report_licences": "Code: MIT licence. District boundaries: © GeoBasis-DE / BKG 2021 (Daten verändert), Datenlizenz Deutschland – Namensnennung – 2.0; population and area: Statistisches Bundesamt (Destatis), Gemeindeverzeichnis GV-ISys, Gebietsstand 31.12.2021.",
        "report_generated": "Made with mintgraph {version}.",
        "report_definition": "Definition",
        "report_ind_members": "Members",
        "report_def_members": "Number of members; for an umbrella network including the members of its sub-networks.",
        "report_ind_activities": "Activi\u00adties",
        "report_def_activities": "Number of MINT activities (offers) whose provider is a member.",
        "report_ind_internal_ties": "Internal ties",
        "report_def_internal_ties": "Cooperation ties between two members.",
        "report_ind_external_ties": "External ties",
        "report_def_external_ties": "Cooperation ties of a member with a non-member.",
        "report_ind_density": "Density",
        "report_def_density": "Share of the possible member pairs that cooperate: internal ties / (n(n − 1)/2) for n members; 1 = everyone with everyone.",
        "report_ind_ei_index": "E-I index",
        "report_def_ei_index": "Openness of the network's boundary after Krackhardt and Stern: (external − internal) / (external + internal); −1 = every tie stays inside, +1 = every tie reaches outside.",
        "report_ind_average_clustering": "Clustering",
        "report_def_average_clustering": "Mean share of a member's partner pairs who cooperate themselves (how closely knit the network is).",
        "report_ind_largest_component_share": "Largest connected part",
        "report_def_largest_component_share": "Share of members connected to each other through ties among members (largest component).",
        "report_ind_degree_centralization": "Centralization",
        "report_def_degree_centralization": "Freeman's degree centralization: 1 = one member (e.g. the coordinator) is tied to all, the others not to each other; 0 = all equally involved.",
        "report_ind_new_members_per_year": "New members per year",
        "report_def_new_members_per_year": "Members who joined since the founding, per year since the founding.",
        "report_ind_ties_per_year_since_founding": "New ties per year",
        "report_def_ties_per_year_since_founding": "Ties among members that began since the founding, per year since the founding.",
        "report_ind_topic_coverage": "MINT fields",
        "report_def_topic_coverage": "Share of the four MINT fields (mathematics, computing, natural sciences, technology) covered by the members' activities.",
        "report_ind_topics_covered": "Fields covered",
        "report_def_topics_covered": "The MINT fields covered, as the letters M, I, N, T.",
        "report_ind_target_groups": "Target groups",
        "report_def_target_groups": "Number of distinct target groups of the members' activities.",
        "report_ind_target_groups_list": "Which target groups",
        "report_def_target_groups_list": "The target groups of the members' activities.",
        "report_ind_cross_district_share": "Across dis\u00adtricts",
        "report_def_cross_district_share": "Share of ties among members whose two actors sit in different districts.",
        "report_ind_school_outofschool_share": "School – out-of-school",
        "report_def_school_outofschool_share": "Share of ties among members between a school and an out-of-school partner.",
        "report_ind_type_diversity": "Diversity of actor types",
        "report_def_type_diversity": "Blau index 1 − Σ p², p = share of members of a type: the chance that two members drawn at random are of different types.",
        "report_ind_types": "Actor types",
        "report_def_types": "Number of distinct actor types among the members.",
        "report_ind_robustness_3": "Robust\u00adness",
        "report_def_robustness_3": "Share of members who stay in the largest connected part when the three members with the highest brokerage (betweenness) leave.",
        "report_ind_ei_regions": "E-I index of districts",
        "report_def_ei_regions": "(ties between districts − ties inside a district) / all ties among members; +1 = every tie links districts.",
        "report_networks_one": "{n} regional network",
        "report_networks_other": "{n} regional networks",
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
