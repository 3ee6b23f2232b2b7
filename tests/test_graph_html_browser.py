"""graph.html in headless Chromium: offline, every actor drawn, legend, search, reset, no script injection."""

from __future__ import annotations

import struct
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from mintgraph.views.graph_html import render_actor_graph

pytestmark = pytest.mark.browser

IMG_XSS = '<img src=x onerror="window.__xss=1">'
SCRIPT_BREAKER = "</script><script>window.__xss=2;alert(1)</script>"


def landscape() -> tuple[nx.Graph, pd.DataFrame]:
    rows = [
        ("gym-fulda", "Domgymnasium Fulda", "school", "06631", "Fulda"),
        ("hs-fulda", "Hochschule Fulda", "university", "06631", "Fulda"),
        ("jufo", "Förderverein Jugend forscht Nordhessen", "association", "06633", "Kassel"),
        ("xss-img", IMG_XSS, "student_lab", "06611", "Kassel (Stadt)"),
        ("xss-script", SCRIPT_BREAKER, "company", "06611", "Kassel (Stadt)"),
        ("stiftung", "Stiftung Isoliert", "foundation", "06411", "Darmstadt"),
    ]
    actors = pd.DataFrame(rows, columns=["id", "name", "type", "region", "region_name"])
    g = nx.Graph()
    g.add_nodes_from(actors["id"])
    for a, b, count in [
        ("gym-fulda", "hs-fulda", 3),
        ("hs-fulda", "jufo", 1),
        ("jufo", "xss-img", 1),
        ("xss-img", "gym-fulda", 2),
        ("xss-script", "hs-fulda", 1),
    ]:
        g.add_edge(a, b, count=count, types="project", weight=float(count), first_year=2020, last_year=2024)
    actors["degree"] = [g.degree(n) for n in actors["id"]]
    for metric, values in [
        ("betweenness", nx.betweenness_centrality(g)),
        ("closeness", nx.closeness_centrality(g)),
        ("eigenvector", nx.eigenvector_centrality(g, max_iter=1000)),
    ]:
        actors[metric] = actors["id"].map(values)
    actors["pagerank"] = 1 / len(actors)
    actors["email"] = "secret@example.org"
    return g, actors


@pytest.fixture
def graph_page(tmp_path: Path, open_offline):
    g, actors = landscape()
    path = tmp_path / "graph.html"
    path.write_text(render_actor_graph(g, actors), encoding="utf-8")
    opened = open_offline(path)
    opened.page.wait_for_function("window.mintgraph && window.mintgraph.drawn === true", timeout=15_000)
    yield opened, actors
    assert opened.blocked == [], f"the page tried to load {opened.blocked}"
    assert opened.errors == [], f"console errors: {opened.errors}"
    assert opened.dialogs == [], f"a dialog was opened: {opened.dialogs}"


def test_every_actor_is_drawn_inside_the_view(graph_page) -> None:
    opened, actors = graph_page
    counts = opened.page.evaluate(
        """() => {
        const {network, nodes, edges} = window.mintgraph;
        const canvas = document.querySelector('#graph canvas');
        const pos = network.getPositions();
        const inside = Object.keys(pos).filter((id) => {
          const p = network.canvasToDOM(pos[id]);
          return p.x >= 0 && p.y >= 0 && p.x <= canvas.clientWidth && p.y <= canvas.clientHeight;
        });
        return {positions: Object.keys(pos).length, nodes: nodes.length, edges: edges.length,
                inside: inside.length, width: canvas.clientWidth, height: canvas.clientHeight};
    }"""
    )
    assert counts["positions"] == counts["nodes"] == counts["inside"] == len(actors)
    assert counts["edges"] == 5
    assert counts["width"] > 1000 and counts["height"] > 700, "the graph does not fill the window"


def test_legend_lists_the_types_present(graph_page) -> None:
    opened, _ = graph_page
    items = opened.page.locator("#legend button[data-type]").all_inner_texts()
    assert [" ".join(i.split()) for i in items] == [
        "Schule 1",
        "Hochschule 1",
        "Unternehmen 1",
        "Verein/Verband 1",
        "Schülerlabor 1",
        "Stiftung 1",
    ]
    assert "Museum" not in opened.page.inner_text("#legend")


def test_search_selects_and_reset_clears(graph_page) -> None:
    opened, _ = graph_page
    page = opened.page
    page.fill("#search", "jugend FORSCHT")
    assert page.evaluate("window.mintgraph.network.getSelectedNodes()") == ["jufo"]
    assert page.inner_text("#matches") == "1 Treffer"
    page.fill("#search", "fulda")
    assert sorted(page.evaluate("window.mintgraph.network.getSelectedNodes()")) == ["gym-fulda", "hs-fulda"]
    assert page.inner_text("#matches") == "2 Treffer"
    page.fill("#search", "foerderverein-gibt-es-nicht")
    assert page.evaluate("window.mintgraph.network.getSelectedNodes()") == []
    assert page.inner_text("#matches") == "0 Treffer"
    page.fill("#search", "Förder")
    assert page.evaluate("window.mintgraph.network.getSelectedNodes()") == ["jufo"]
    page.click("#reset")
    assert page.evaluate("window.mintgraph.network.getSelectedNodes()") == []
    assert page.input_value("#search") == "" and page.inner_text("#matches") == ""


def test_legend_click_selects_a_type(graph_page) -> None:
    opened, _ = graph_page
    page = opened.page
    page.click('#legend button[data-type="university"]')
    assert page.evaluate("window.mintgraph.network.getSelectedNodes()") == ["hs-fulda"]
    page.click('#legend button[data-type="university"]')
    assert page.evaluate("window.mintgraph.network.getSelectedNodes()") == []


@pytest.mark.parametrize(
    "node_id, name, type_name",
    [("xss-img", IMG_XSS, "Schülerlabor"), ("xss-script", SCRIPT_BREAKER, "Unternehmen")],
)
def test_hostile_names_show_as_text_in_the_tooltip(
    graph_page, node_id: str, name: str, type_name: str
) -> None:
    opened, _ = graph_page
    page = opened.page
    box = page.locator("#graph canvas").bounding_box()
    assert box is not None
    point = page.evaluate(
        "(id) => window.mintgraph.network.canvasToDOM(window.mintgraph.network.getPositions([id])[id])",
        node_id,
    )
    x, y = box["x"] + point["x"], box["y"] + point["y"]
    page.mouse.move(x - 30, y - 30)
    page.mouse.move(x, y, steps=5)
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    head = page.inner_text("div.vis-tooltip .mg-tip-head")
    assert head == name
    text = page.inner_text("div.vis-tooltip")
    assert f"Typ\t{type_name}" in text and "Kreis\tKassel (Stadt) (06611)" in text
    assert page.locator("div.vis-tooltip img, div.vis-tooltip script").count() == 0
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert page.evaluate("typeof window.__xss") == "undefined"


def test_no_personal_data_in_the_live_page(graph_page) -> None:
    opened, _ = graph_page
    assert "secret@example.org" not in opened.page.content()
    assert "secret@example.org" not in opened.page.evaluate("JSON.stringify(window.mintgraph.nodes.get())")


def test_english_page_in_the_browser(tmp_path: Path, open_offline) -> None:
    g, actors = landscape()
    path = tmp_path / "graph-en.html"
    path.write_text(render_actor_graph(g, actors, lang="en"), encoding="utf-8")
    opened = open_offline(path)
    page = opened.page
    page.wait_for_function("window.mintgraph && window.mintgraph.drawn === true", timeout=15_000)
    assert "Actor types" in page.inner_text("#legend") and "Student lab" in page.inner_text("#legend")
    assert page.get_attribute("#search", "placeholder") == "Search actor …"
    page.fill("#search", "fulda")
    assert page.inner_text("#matches") == "2 matches"
    page.fill("#search", "hochschule")
    assert page.inner_text("#matches") == "1 match"
    assert opened.blocked == [] and opened.errors == [] and opened.dialogs == []


def test_screenshot_script_writes_a_png(tmp_path: Path) -> None:
    g, actors = landscape()
    html = tmp_path / "graph.html"
    html.write_text(render_actor_graph(g, actors), encoding="utf-8")
    png = tmp_path / "img" / "graph.png"
    script = Path(__file__).resolve().parents[1] / "scripts" / "screenshot.py"
    proc = subprocess.run([sys.executable, str(script), str(png), str(html)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1400, 900)
