"""graph.html without a browser: offline, complete, translated, deterministic, escaped, no personal data."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from mintgraph import i18n
from mintgraph.schema import ACTOR_TYPES, COOPERATION_TYPES
from mintgraph.views.common import json_for_script
from mintgraph.views.graph_html import render_actor_graph

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
    return json.loads(match.group(1))


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


def test_byte_identical_across_processes_and_hash_seeds(html_de: str) -> None:
    code = (
        "import hashlib, sys\n"
        f"sys.path[:0] = [{str(REPO)!r}, {str(Path(__file__).parent)!r}]\n"
        "from test_graph_html import small_landscape\n"
        "from mintgraph.views.graph_html import render_actor_graph\n"
        "print(hashlib.sha256(render_actor_graph(*small_landscape()).encode()).hexdigest())\n"
    )
    digests = set()
    for hash_seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        out = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        digests.add(out.stdout.strip())
    assert digests == {hashlib.sha256(html_de.encode()).hexdigest()}


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


def test_600_actors_render_quickly_with_distinct_positions() -> None:
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
    start = time.perf_counter()
    data = graph_data(render_actor_graph(g, actors))
    assert time.perf_counter() - start < 5.0
    assert len(data["nodes"]) == 640
    assert len({(n["x"], n["y"]) for n in data["nodes"]}) == 640
    assert max(abs(n["x"]) for n in data["nodes"]) < 5000
