"""graph.html without a browser: offline, complete, translated, deterministic, escaped, no personal data."""

from __future__ import annotations

import json
import math
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from conftest import expand_tips

from mintgraph import i18n
from mintgraph.schema import ACTOR_TYPES, COOPERATION_TYPES
from mintgraph.views.common import json_for_script
from mintgraph.views.graph_html import (
    CROSS_DISTRICT_COLOR,
    EDGE_DASHES,
    METRIC_COLUMNS,
    PUBLIC_COLUMNS,
    SIZE_COLUMNS,
    render_actor_graph,
)

REPO = Path(__file__).resolve().parents[1]
SCRIPT_BREAKER = "</script><script>alert(1)</script>"
IMG_XSS = '<img src=x onerror="window.__xss=1">'


def small_landscape() -> tuple[nx.Graph, pd.DataFrame]:
    """Six actors of five types, four ties, one isolated actor, and personal columns."""
    actors = pd.DataFrame(
        {
            "id": ["gym-fulda", "hs-fulda", "kinderakademie", "ihk-kassel", "lab-kassel", "verein-x"],
            "name": [
                "Domgymnasium Fulda",
                "Hochschule Fulda",
                "Kinder-Akademie Fulda (Museum & Science Center)",
                SCRIPT_BREAKER,
                IMG_XSS,
                "Förderverein Jugend forscht Nordhessen",
            ],
            "type": ["school", "university", "museum", "chamber", "student_lab", "association"],
            "region": ["06631", "06631", "06631", "06611", "06611", "06633"],
            "region_name": ["Fulda", "Fulda", "Fulda", "Kassel (Stadt)", "Kassel (Stadt)", "Kassel"],
            "municipality": ["Fulda", "Fulda", "Fulda", "Kassel", "Kassel", "Baunatal"],
            "degree": [2, 2, 2, 2, 0, 0],
            "betweenness": [0.1666666, 0.0, 0.0, 0.1, 0.0, 0.0],
            "closeness": [0.5, 0.4, 0.4, 0.5, 0.0, 0.0],
            "eigenvector": [0.5, 0.5, 0.5, 0.3, 0.0, 0.0],
            "pagerank": [0.3, 0.2, 0.15, 0.15, 0.1, 0.1],
            "contact_person": ["Erika Mustermann"] * 6,
            "email": ["secret@example.org"] * 6,
            "phone": ["+49 661 1234567"] * 6,
        }
    )
    g = nx.Graph()
    g.add_nodes_from(actors["id"])
    tie = {"weight": 1.0, "first_year": 2016, "last_year": 2024}
    g.add_edge("gym-fulda", "hs-fulda", count=3, types="project|offer", **tie)
    g.add_edge("hs-fulda", "kinderakademie", count=1, types="exchange", **tie)
    g.add_edge("kinderakademie", "gym-fulda", count=1, types="offer", **tie)
    g.add_edge("gym-fulda", "ihk-kassel", count=2, types="sponsorship", **tie)
    g.add_edge("ihk-kassel", "lab-kassel", count=1, types="project", **tie)
    g.remove_edge("ihk-kassel", "lab-kassel")  # lab-kassel and verein-x are isolated
    return g, actors


class _TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def parse_tags(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """Start tags as an HTML parser sees them (script and style contents are raw text)."""
    parser = _TagCollector()
    parser.feed(html)
    parser.close()
    return parser.tags


def graph_data(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S)
    assert match, "no graph-data JSON blob"
    return expand_tips(json.loads(match.group(1)))


@pytest.fixture(scope="module")
def landscape() -> tuple[nx.Graph, pd.DataFrame]:
    return small_landscape()


@pytest.fixture(scope="module")
def html_de(landscape) -> str:
    return render_actor_graph(*landscape)


def test_page_loads_nothing_from_other_hosts(html_de: str) -> None:
    assert not re.search(r"<script[^>]*\bsrc\s*=", html_de, re.I), "external <script src>"
    assert not re.search(r"<link[^>]*\bhref\s*=\s*[\"']?(https?:)?//", html_de, re.I), "external <link>"
    assert not re.search(r"@import", html_de, re.I)
    assert not re.search(r"url\(\s*[\"']?(https?:)?//", html_de, re.I)
    tags = parse_tags(html_de)
    assert not [t for t in tags if t[0] in ("img", "iframe", "video", "audio", "source", "embed", "object")]
    for tag, attrs in tags:  # the only src/href attribute is the empty data: favicon
        for name, value in attrs:
            if name in ("src", "href"):
                assert (tag, name, value) == ("link", "href", "data:,")


def test_vis_network_is_inlined_with_its_licence(html_de: str) -> None:
    assert "vis-network" in html_de and "@license" in html_de and "@version 9.1.2" in html_de
    assert "vis.Network" in html_de and ".vis-tooltip" in html_de


def test_every_actor_is_a_node_with_a_position(landscape, html_de: str) -> None:
    g, actors = landscape
    data = graph_data(html_de)
    assert sorted(n["id"] for n in data["nodes"]) == sorted(actors["id"])
    assert {n["name"] for n in data["nodes"]} == set(actors["name"])
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in data["nodes"])
    assert len({(n["x"], n["y"]) for n in data["nodes"]}) == len(actors), "two nodes on the same spot"
    assert len(data["edges"]) == g.number_of_edges()
    assert data["options"]["physics"]["enabled"] is False
    # plain names are also readable in the page source
    assert "Domgymnasium Fulda" in html_de and "Förderverein Jugend forscht Nordhessen" in html_de


def test_actor_missing_from_graph_is_still_drawn(landscape) -> None:
    g, actors = landscape
    g2 = g.copy()
    g2.remove_node("verein-x")
    g2.add_edge("hs-fulda", "not-in-actors", count=1, types="other")
    data = graph_data(render_actor_graph(g2, actors))
    assert {n["id"] for n in data["nodes"]} == set(actors["id"]) | {"not-in-actors"}


def test_node_size_and_edge_width(landscape, html_de: str) -> None:
    data = graph_data(html_de)
    size = {n["id"]: n["size"] for n in data["nodes"]}
    assert size["gym-fulda"] > size["lab-kassel"]
    assert size["lab-kassel"] == size["verein-x"] == min(size.values())  # isolated: minimum size
    width = {(e["from"], e["to"]): e["width"] for e in data["edges"]}
    assert width[("gym-fulda", "hs-fulda")] > width[("hs-fulda", "kinderakademie")]
    by_pagerank = graph_data(render_actor_graph(*landscape, size_by="pagerank"))
    assert {n["id"]: n["size"] for n in by_pagerank["nodes"]} != size
    with pytest.raises(ValueError, match="size_by"):
        render_actor_graph(*landscape, size_by="email")


def test_german_labels_by_default(html_de: str) -> None:
    assert '<html lang="de">' in html_de
    for label in ("MINT-Kooperationsnetz", "Akteurstypen", "Zurücksetzen", "Akteur suchen", "6 Akteure"):
        assert label in html_de
    for type_name in ("Schule", "Hochschule", "Museum/Science Center", "Kammer", "Schülerlabor"):
        assert type_name in html_de
    assert "Unternehmen" not in html_de  # no company in the data: not in the legend
    tips = {row[0] for n in graph_data(html_de)["nodes"] for row in n["tip"]}
    assert {"Typ", "Kreis", "Partner (Grad)", "PageRank"} <= tips


def test_tooltip_labels_are_written_once_per_page(html_de: str) -> None:
    # a row is [position of its label in tipLabels, value], not the label again in every row
    match = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html_de, re.S)
    raw = json.loads(match.group(1))
    labels = raw["tipLabels"]
    assert len(labels) == len(set(labels))
    rows = [row for item in (*raw["nodes"], *raw["edges"]) for row in item["tip"]]
    assert len(rows) > 50 and all(isinstance(k, int) and 0 <= k < len(labels) for k, _ in rows)
    assert html_de.count("Vermittlerrolle (Betweenness)") == 2  # tipLabels and profileRows, no row
    decoded = {n["id"]: n["tip"] for n in graph_data(html_de)["nodes"]}
    assert decoded["gym-fulda"][:2] == [["Typ", "Schule"], ["Kreis", "Fulda (06631)"]]
    assert graph_data(html_de)["edges"][0]["tip"][0][0] == ""  # a tie's first row has no label


def test_english_labels(landscape) -> None:
    html = render_actor_graph(*landscape, lang="en", title="MINT in North Hesse")
    assert '<html lang="en">' in html and "<title>MINT in North Hesse</title>" in html
    for label in ("Actor types", "Reset", "Search actor", "6 actors", "School", "Student lab", "Chamber"):
        assert label in html
    for german in ("Akteurstypen", "Zurücksetzen", "Schülerlabor", "Kooperation"):
        assert german not in html
    data = graph_data(html)
    assert data["labels"]["matches_other"] == "{n} matches"
    assert any(row == ["Kind", "Project, Offer"] for e in data["edges"] for row in e["tip"])


def test_unknown_language_is_rejected(landscape) -> None:
    with pytest.raises(ValueError, match="fr"):
        render_actor_graph(*landscape, lang="fr")
    with pytest.raises(ValueError):
        i18n.t("reset", "fr")


def test_every_type_has_a_name_in_every_language() -> None:
    for lang in i18n.LANGS:
        assert [i18n.t(f"actor_type.{c}", lang) for c in ACTOR_TYPES]
        assert [i18n.t(f"cooperation_type.{c}", lang) for c in COOPERATION_TYPES]
    assert i18n.t("actor_type.public_body", "de") == "öffentliche Stelle"
    assert i18n.t("cooperation_type.sponsorship", "de") == "Förderung/Patenschaft"


def test_tooltip_values_are_rounded_to_three_significant_digits(html_de: str) -> None:
    node = next(n for n in graph_data(html_de)["nodes"] if n["id"] == "gym-fulda")
    rows = dict(node["tip"])
    assert rows["Vermittlerrolle (Betweenness)"] == "0,167"
    assert rows["Kreis"] == "Fulda (06631)"
    assert rows["Partner (Grad)"] == "2"


def test_two_renders_are_byte_identical(landscape, html_de: str) -> None:
    assert render_actor_graph(*landscape) == html_de
    g, actors = landscape
    shuffled = nx.Graph()
    shuffled.add_nodes_from(reversed(list(g.nodes)))
    shuffled.add_edges_from(reversed(list(g.edges(data=True))))
    assert render_actor_graph(shuffled, actors.iloc[::-1]) == html_de, "input order changed the page"
    assert render_actor_graph(*landscape, seed=7) != html_de


def test_names_cannot_break_out_of_the_script(html_de: str) -> None:
    assert "</script><script>" not in html_de
    assert IMG_XSS not in html_de and "<img" not in html_de
    # as an HTML parser sees it: exactly our three script elements, no other elements in the body
    tags = parse_tags(html_de)
    assert [attrs for tag, attrs in tags if tag == "script"] == [
        [("type", "application/json"), ("id", "graph-data")],
        [],
        [],
    ]
    assert len(re.findall(r"</script", html_de, re.I)) == 3
    names = {n["name"] for n in graph_data(html_de)["nodes"]}
    assert SCRIPT_BREAKER in names and IMG_XSS in names  # the data itself is intact


def test_title_is_escaped(landscape) -> None:
    html = render_actor_graph(*landscape, title="<b>MINT</b> & more")
    assert "<b>MINT</b>" not in html and "&lt;b&gt;MINT&lt;/b&gt; &amp; more" in html


def test_json_for_script_escapes_markup() -> None:
    text = json_for_script({"a": "</script><!-- & >"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"a": "</script><!-- & >"}


def test_personal_data_never_reaches_the_page(landscape, html_de: str) -> None:
    for html in (html_de, render_actor_graph(*landscape, lang="en")):
        for secret in ("secret@example.org", "Erika Mustermann", "+49 661 1234567", "1234567"):
            assert secret not in html
        for column in ("contact_person", "email", "phone"):
            assert f'"{column}"' not in html


def test_empty_and_edgeless_graphs_render() -> None:
    empty = pd.DataFrame(columns=["id", "name", "type", "region", "region_name", "degree"])
    assert graph_data(render_actor_graph(nx.Graph(), empty))["nodes"] == []
    ids = [f"s{i}" for i in range(20)]
    actors = pd.DataFrame(
        {"id": ids, "name": ids, "type": "school", "region": "06411", "region_name": "Darmstadt", "degree": 0}
    )
    data = graph_data(render_actor_graph(nx.Graph(), actors))
    assert len({(n["x"], n["y"]) for n in data["nodes"]}) == 20


def test_600_actors_render_with_distinct_positions() -> None:
    g = nx.gnm_random_graph(600, 1300, seed=3)
    g = nx.relabel_nodes(g, {i: f"a{i:03d}" for i in g})
    g.add_nodes_from(f"iso{i}" for i in range(40))
    ids = list(g.nodes)
    actors = pd.DataFrame(
        {
            "id": ids,
            "name": [f"Akteur {i}" for i in ids],
            "type": [ACTOR_TYPES[i % len(ACTOR_TYPES)] for i in range(len(ids))],
            "region": "06411",
            "region_name": "Darmstadt",
            "degree": [g.degree(n) for n in ids],
        }
    )
    data = graph_data(render_actor_graph(g, actors))
    assert len(data["nodes"]) == 640
    assert len({(n["x"], n["y"]) for n in data["nodes"]}) == 640
    assert max(abs(n["x"]) for n in data["nodes"]) < 5000


# --------------------------------------------------------------------------- issue 4: styles, filters, tooltips


def edge_by_ends(data: dict, a: str, b: str) -> dict:
    return next(e for e in data["edges"] if {e["from"], e["to"]} == {a, b})


def test_edge_style_is_the_first_cooperation_type_in_priority_order(html_de: str) -> None:
    data = graph_data(html_de)
    assert data["styles"]["dashes"] == EDGE_DASHES
    assert edge_by_ends(data, "gym-fulda", "hs-fulda")["kind"] == "project"  # project|offer
    assert edge_by_ends(data, "hs-fulda", "kinderakademie")["kind"] == "exchange"
    assert edge_by_ends(data, "kinderakademie", "gym-fulda")["kind"] == "offer"
    assert edge_by_ends(data, "gym-fulda", "ihk-kassel")["kind"] == "sponsorship"
    patterns = [json.dumps(EDGE_DASHES[c]) for c in COOPERATION_TYPES]
    assert len(set(patterns)) == len(COOPERATION_TYPES), "two cooperation types look the same"
    assert EDGE_DASHES["project"] is None  # the most common kind is a solid line


def test_offer_beats_exchange_and_unknown_types_count_as_other(landscape) -> None:
    g, actors = landscape
    g2 = g.copy()
    g2.add_edge("lab-kassel", "verein-x", count=1, types="exchange|offer")
    g2.add_edge("lab-kassel", "hs-fulda", count=1, types="")
    data = graph_data(render_actor_graph(g2, actors))
    assert edge_by_ends(data, "lab-kassel", "verein-x")["kind"] == "offer"
    assert edge_by_ends(data, "lab-kassel", "hs-fulda")["kind"] == "other"


def test_ties_across_district_borders_are_flagged(landscape, html_de: str) -> None:
    data = graph_data(html_de)
    cross = {tuple(sorted((e["from"], e["to"]))) for e in data["edges"] if e["cross"]}
    assert cross == {("gym-fulda", "ihk-kassel")}  # 06631 – 06611; the others stay in Fulda
    g, actors = landscape
    g2 = g.copy()
    g2.add_edge("hs-fulda", "unknown-actor", count=1, types="project")  # no district: not flagged
    data2 = graph_data(render_actor_graph(g2, actors))
    assert edge_by_ends(data2, "hs-fulda", "unknown-actor")["cross"] is False
    assert CROSS_DISTRICT_COLOR == data["styles"]["cross"] != data["styles"]["color"]


def legend_items(html: str, list_id: str) -> list[str]:
    block = re.search(rf'<ul class="lines" id="{list_id}">(.*?)</ul>', html, re.S)
    assert block, f"no legend list {list_id}"
    items = re.findall(r"<li[^>]*>(.*?)</li>", block.group(1), re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in items]


def test_legend_shows_edge_styles_cross_district_colour_and_size(html_de: str, landscape) -> None:
    assert legend_items(html_de, "edge-legend") == [
        "Projekt 1",
        "Angebot 1",
        "Förderung/Patenschaft 1",
        "Austausch 1",
        "kreisübergreifend 1",
    ]
    assert 'stroke-dasharray="10 5"' in html_de  # the offer pattern, as drawn on the page
    assert f'stroke="{CROSS_DISTRICT_COLOR}"' in html_de
    assert "Knotengröße: Partner (Grad)" in html_de
    english = render_actor_graph(*landscape, lang="en", size_by="betweenness")
    assert legend_items(english, "edge-legend")[-1] == "across districts 1"
    assert "Node size: Brokerage (betweenness)" in english


def with_networks(actors: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Actors with network_ids, and a network table with an umbrella above two networks."""
    actors = actors.copy()
    actors["network_ids"] = ["netz-fulda", "netz-fulda|netz-kassel", "", "netz-kassel", "", "verein-net"]
    networks = pd.DataFrame(
        {
            "id": ["dach", "netz-fulda", "netz-kassel", "leer"],
            "name": ["Dachverband", "MINT Fulda", "MINT <Kassel>", "Netz ohne Mitglieder"],
            "parent": ["", "dach", "dach", ""],
        }
    )
    return actors, networks


def select_options(html: str, select_id: str) -> list[tuple[str, str]]:
    block = re.search(rf'<select id="{select_id}">(.*?)</select>', html, re.S)
    assert block, f"no select {select_id}"
    return [(v, unescape(text)) for v, text in re.findall(r'<option value="([^"]*)">([^<]*)', block.group(1))]


def test_filter_choices_with_counts(landscape) -> None:
    g, actors = landscape
    actors, networks = with_networks(actors)
    html = render_actor_graph(g, actors, networks=networks)
    nbsp = "\u00a0" * 3
    assert select_options(html, "filter-network") == [
        ("", "alle"),
        ("0", "Dachverband (3)"),  # the umbrella covers its sub-networks' members
        ("1", f"{nbsp}MINT <Kassel> (2)"),
        ("2", f"{nbsp}MINT Fulda (2)"),
        ("3", "verein-net (1)"),  # not in the table: labelled by its id; "leer" has no member
        ("4", "ohne Netzwerk (2)"),
    ]
    assert "MINT <Kassel>" not in html and "MINT &lt;Kassel&gt;" in html
    data = graph_data(html)
    assert data["filters"]["network"] == [
        ["dach", "netz-fulda", "netz-kassel"],
        ["netz-kassel"],
        ["netz-fulda"],
        ["verein-net"],
        [],
    ]
    assert select_options(html, "filter-district") == [
        ("", "alle"),
        ("0", "Fulda (3)"),
        ("1", "Kassel (1)"),
        ("2", "Kassel (Stadt) (2)"),
    ]
    assert data["filters"]["district"] == ["06631", "06633", "06611"]
    assert [label for _, label in select_options(html, "filter-type")][:3] == [
        "alle",
        "Schule (1)",
        "Hochschule (1)",
    ]
    assert data["filters"]["type"] == [
        "school",
        "university",
        "association",
        "student_lab",
        "museum",
        "chamber",
    ]
    nodes = {n["id"]: n for n in data["nodes"]}
    assert (
        nodes["hs-fulda"]["nets"] == ["netz-fulda", "netz-kassel"] and nodes["kinderakademie"]["nets"] == []
    )
    assert nodes["ihk-kassel"]["region"] == "06611"
    assert dict(nodes["hs-fulda"]["tip"])["Netzwerke"] == "MINT <Kassel>, MINT Fulda"


def test_network_filter_without_network_table_or_column(landscape, html_de: str) -> None:
    assert 'id="filter-network"' not in html_de  # no network_ids column: no network filter
    g, actors = landscape
    actors, _ = with_networks(actors)
    html = render_actor_graph(g, actors)
    assert [label for _, label in select_options(html, "filter-network")] == [
        "alle",
        "netz-fulda (2)",
        "netz-kassel (2)",
        "verein-net (1)",
        "ohne Netzwerk (2)",
    ]


def test_duplicate_district_names_get_their_code(landscape) -> None:
    g, actors = landscape
    actors = actors.copy()
    actors["region_name"] = ["Fulda", "Fulda", "Fulda", "Kassel", "Kassel", "Kassel"]
    labels = [label for _, label in select_options(render_actor_graph(g, actors), "filter-district")]
    assert labels == ["alle", "Fulda (3)", "Kassel (06611) (2)", "Kassel (06633) (1)"]


def test_year_slider_spans_the_first_years_of_the_ties(landscape, html_de: str) -> None:
    assert graph_data(html_de)["years"] == {"min": 2016, "max": 2016}
    g, actors = landscape
    g2 = g.copy()
    g2.edges["gym-fulda", "ihk-kassel"]["first_year"] = 2021
    g2.edges["hs-fulda", "kinderakademie"]["first_year"] = None
    html = render_actor_graph(g2, actors)
    data = graph_data(html)
    assert data["years"] == {"min": 2016, "max": 2021}
    assert edge_by_ends(data, "gym-fulda", "ihk-kassel")["year"] == 2021
    assert edge_by_ends(data, "hs-fulda", "kinderakademie")["year"] is None
    assert re.search(
        r'<input id="filter-year" type="range" min="2016" max="2021" step="1" value="2021">', html
    )
    assert "Kooperationen ohne Jahresangabe" in html  # the slider explains what happens to them
    assert "Kooperationen ohne Jahresangabe" not in html_de
    yearless = nx.Graph(g)
    for _, _, attrs in yearless.edges(data=True):
        attrs.pop("first_year")
    assert 'id="filter-year"' not in render_actor_graph(yearless, actors)


ISSUE3_COLUMNS = {
    "clustering": [1 / 3, 1.0, 1.0, 0.0, 0.0, 0.0],
    "core_number": [2, 2, 2, 1, 0, 0],
    "constraint": [0.61, 0.9, 0.9, 1.0, float("nan"), float("nan")],
    "effective_size": [2.333333, 1.0, 1.0, 1.0, float("nan"), float("nan")],
    "articulation_point": [True, False, False, False, False, False],
    "participation_regions": [0.375, 0.0, 0.0, 0.0, 0.0, 0.0],
    "participation_networks": [0.5, 0.0, 0.0, 0.0, 0.0, 0.0],
    "gf_total": [2, 0, 0, 0, 0, 0],
    "networks_reached": [2, 1, 1, 1, 0, 0],
    "community": [0, 0, 0, 1, 2, 3],
}


def test_tooltip_shows_the_indicator_columns(landscape) -> None:
    g, actors = landscape
    actors = actors.assign(**ISSUE3_COLUMNS)
    data = graph_data(render_actor_graph(g, actors))
    rows = dict(next(n for n in data["nodes"] if n["id"] == "gym-fulda")["tip"])
    assert rows["Eingebundenheit (Constraint)"] == "0,61"
    assert rows["Nicht-redundante Partner (effektive Größe)"] == "2,33"
    assert rows["k-Kern"] == "2"
    assert rows["Schlüsselstelle (Artikulationspunkt)"] == "ja"
    assert rows["Streuung der Partner über Kreise"] == "0,375"
    assert rows["Vermittlungschancen (offene Zweierpfade)"] == "2"
    assert rows["Erreichte Netzwerke"] == "2"
    assert rows["Community (Louvain)"] == "0"
    isolated = dict(next(n for n in data["nodes"] if n["id"] == "verein-x")["tip"])
    assert (
        isolated["Eingebundenheit (Constraint)"] == "–"
        and isolated["Schlüsselstelle (Artikulationspunkt)"] == "nein"
    )
    labels = [row[0] for row in next(n for n in data["nodes"] if n["id"] == "gym-fulda")["tip"]]
    assert labels.index("Partner (Grad)") < labels.index("k-Kern") < labels.index("Community (Louvain)")
    english = graph_data(render_actor_graph(g, actors, lang="en"))
    rows_en = dict(next(n for n in english["nodes"] if n["id"] == "gym-fulda")["tip"])
    assert rows_en["Cut point (articulation point)"] == "yes" and rows_en["Constraint (Burt)"] == "0.61"


def test_every_metric_column_has_a_label_in_every_language() -> None:
    for lang in i18n.LANGS:
        labels = [i18n.t(f"metric_{c}", lang) for c in METRIC_COLUMNS]
        assert len(set(labels)) == len(labels)
    assert set(SIZE_COLUMNS) == set(METRIC_COLUMNS) - {"community", "articulation_point"}
    assert not set(PUBLIC_COLUMNS) & {"contact_person", "email", "phone"}


@pytest.mark.parametrize(
    "metric", ["constraint", "effective_size", "core_number", "gf_total", "networks_reached"]
)
def test_size_by_any_numeric_indicator(landscape, metric: str) -> None:
    g, actors = landscape
    actors = actors.assign(**ISSUE3_COLUMNS)
    data = graph_data(render_actor_graph(g, actors, size_by=metric))
    values = dict(zip(actors["id"], pd.to_numeric(actors[metric]).fillna(0), strict=True))
    size = {n["id"]: n["size"] for n in data["nodes"]}
    connected = sorted(("gym-fulda", "hs-fulda", "kinderakademie", "ihk-kassel"), key=lambda n: values[n])
    assert [size[n] for n in connected] == sorted(size[n] for n in connected), (
        "size does not grow with the metric"
    )
    html = render_actor_graph(g, actors, size_by=metric)
    assert f"Knotengröße: {i18n.t(f'metric_{metric}', 'de')}" in html


@pytest.mark.parametrize("column", ["community", "articulation_point", "name", "contact_person"])
def test_size_by_rejects_non_numeric_or_non_metric_columns(landscape, column: str) -> None:
    g, actors = landscape
    with pytest.raises(ValueError, match="size_by"):
        render_actor_graph(g, actors.assign(**ISSUE3_COLUMNS), size_by=column)


def test_personal_data_only_on_request(landscape) -> None:
    g, actors = landscape
    personal = actors[["id", "contact_person", "email", "phone"]].copy()
    personal.loc[personal["id"] == "lab-kassel", "email"] = '"><img src=x onerror=alert(1)>'
    personal.loc[personal["id"] == "verein-x", ["contact_person", "email", "phone"]] = [
        "",
        None,
        float("nan"),
    ]
    html = render_actor_graph(g, actors, personal=personal)
    nodes = {n["id"]: dict(n["tip"]) for n in graph_data(html)["nodes"]}
    assert nodes["gym-fulda"]["Ansprechperson"] == "Erika Mustermann"
    assert nodes["gym-fulda"]["E-Mail"] == "secret@example.org"
    assert nodes["gym-fulda"]["Telefon"] == "+49 661 1234567"
    assert nodes["lab-kassel"]["E-Mail"] == '"><img src=x onerror=alert(1)>'  # text in the data ...
    assert "<img" not in html  # ... never markup in the page
    assert not {"Ansprechperson", "E-Mail", "Telefon"} & set(nodes["verein-x"])  # empty fields: no rows
    english = graph_data(render_actor_graph(g, actors, personal=personal[["id", "email"]], lang="en"))
    rows = dict(next(n for n in english["nodes"] if n["id"] == "gym-fulda")["tip"])
    assert rows["E-mail"] == "secret@example.org" and "Contact person" not in rows
    # personal columns in the actors table itself still never show
    plain = render_actor_graph(g, actors, personal=personal[["id"]])
    assert "secret@example.org" not in plain and "Erika Mustermann" not in plain
    with pytest.raises(ValueError, match="personal"):
        render_actor_graph(g, actors, personal=personal.drop(columns="id"))


def test_byte_identical_with_networks_and_any_row_order(landscape) -> None:
    g, actors = landscape
    actors, networks = with_networks(actors.assign(**ISSUE3_COLUMNS))
    page = render_actor_graph(g, actors, networks=networks, personal=actors[["id", "email"]])
    again = render_actor_graph(
        g, actors.iloc[::-1], networks=networks.iloc[::-1], personal=actors[["id", "email"]].iloc[::-1]
    )
    assert page == again


def test_actor_positions_are_the_positions_drawn_in_graph_html(landscape, html_de: str) -> None:
    from mintgraph.views.graph_html import actor_positions

    g, actors = landscape
    drawn = {n["id"]: (n["x"], n["y"]) for n in graph_data(html_de)["nodes"]}
    assert actor_positions(g, actors) == drawn
    assert actor_positions(g, actors, seed=7) != drawn  # the seed matters


def test_records_are_to_dicts_records_value_for_value() -> None:
    """The pages' rows equal pandas' own ``to_dict("records")``, value and type, for every kind
    of column an actors table can hold (missing values included)."""
    from mintgraph.views.graph_html import _records

    table = pd.DataFrame(
        {
            "id": pd.array(["a", "b", None], dtype="str"),
            "degree": np.array([1, 2, 3], dtype=np.int64),
            "betweenness": [0.5, math.nan, -0.0],
            "partners": pd.array([1, None, 3], dtype="Int64"),
            "cut_off": np.array([True, False, True]),
            "flag": pd.array([True, None, False], dtype="boolean"),
            "network_ids": ["n1|n2", None, ""],
            "type": pd.Categorical(["school", "club", "school"]),
            "since": pd.to_datetime(["2020-01-01", None, "2021-05-01"]),
        }
    )

    def same(x: object, y: object) -> bool:
        if x is y:  # None, pd.NA, pd.NaT, shared objects
            return True
        if type(x) is not type(y) or x is pd.NA or y is pd.NA or x is pd.NaT or y is pd.NaT:
            return False
        if isinstance(x, float) and math.isnan(x):
            return math.isnan(y)  # type: ignore[arg-type]
        return bool(x == y)

    ours, theirs = _records(table), table.to_dict("records")
    assert len(ours) == len(theirs) == 3
    for mine, expected in zip(ours, theirs, strict=True):
        assert list(mine) == list(expected)
        assert all(same(mine[c], expected[c]) for c in expected), (mine, expected)
    assert _records(table.iloc[:0]) == []
