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


def _de(n: int) -> str:
    """A whole number as German text (thousands dot)."""
    return f"{n:,}".replace(",", ".")


def _counts_text(graph: nx.Graph) -> str:
    """The page's count line, computed independently from the graph (current ties of the example)."""
    isolated = sum(1 for v in graph if graph.degree(v) == 0)
    return (
        f"{_de(graph.number_of_nodes())} Akteure · {_de(graph.number_of_edges())} Kooperationsbeziehungen"
        f" · {isolated} ohne Kooperation"
    )


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


# --------------------------------------------------------------------------- the example landscape

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> tuple[Path, pd.DataFrame, nx.Graph, pd.DataFrame]:
    """The example landscape's graph.html (German), its actors table, graph and memberships."""
    import mintgraph

    result = mintgraph.analyze(mintgraph.load(DATA), permutations=0)
    actors = result.actors.copy()
    memberships = result.dataset.memberships
    if "network_ids" not in actors.columns:  # until the actors table carries it itself
        joined = memberships.groupby("actor_id")["network_id"].agg(lambda s: "|".join(sorted(s)))
        actors["network_ids"] = actors["id"].map(joined).fillna("")
    path = tmp_path_factory.mktemp("example") / "graph.html"
    html = render_actor_graph(result.graph, actors, networks=result.dataset.networks)
    path.write_text(html, encoding="utf-8")
    return path, actors, result.graph, memberships


@pytest.fixture
def example_page(example, open_offline):
    path, actors, graph, memberships = example
    opened = open_offline(path)
    opened.page.wait_for_function("window.mintgraph && window.mintgraph.drawn === true", timeout=30_000)
    yield opened, actors, graph, memberships
    assert opened.blocked == [], f"the page tried to load {opened.blocked}"
    assert opened.errors == [], f"console errors: {opened.errors}"
    assert opened.dialogs == [], f"a dialog was opened: {opened.dialogs}"


DRAWN = """() => {
    const network = window.mintgraph.network;
    return {nodes: Object.keys(network.getPositions()).sort(),
            edges: network.body.edgeIndices.length,
            view: window.mintgraph.edgeView.getIds().length};
}"""


def drawn(page) -> dict:
    """Ids of the nodes vis-network draws and its number of drawn edges (checked against the view)."""
    state = page.evaluate(DRAWN)
    assert state["edges"] == state["view"]
    return state


def choose(page, select: str, starts_with: str) -> None:
    """Pick the option of ``select`` whose text (without indentation) starts with ``starts_with``."""
    labels = page.eval_on_selector_all(f"{select} option", "os => os.map(o => o.textContent)")
    label = next(x for x in labels if x.strip("\u00a0 ").startswith(starts_with))
    page.select_option(select, label=label)


def test_example_draws_every_actor_and_tie(example_page) -> None:
    opened, actors, graph, _ = example_page
    state = drawn(opened.page)
    assert state["nodes"] == sorted(actors["id"]) and len(state["nodes"]) == 600
    assert state["edges"] == graph.number_of_edges()
    assert opened.page.inner_text("#counts") == _counts_text(graph)


def test_network_filter_shows_its_members(example_page) -> None:
    opened, actors, graph, memberships = example_page
    page = opened.page
    members = set(memberships.loc[memberships["network_id"] == "mint-forum-nordhessen", "actor_id"])
    choose(page, "#filter-network", "MINT-Forum Nordhessen")
    state = drawn(page)
    assert set(state["nodes"]) == members
    assert state["edges"] == graph.subgraph(members).number_of_edges()
    assert page.inner_text("#counts").startswith(f"{len(members)} von 600 Akteuren sichtbar · ")
    # an umbrella shows the members of the networks below it
    below = {"mint-forum-nordhessen", "mint-wmk", "mintmachclub-fulda", "mint-region-suedhessen"}
    umbrella = set(memberships.loc[memberships["network_id"].isin(below | {"mint-regionen"}), "actor_id"])
    choose(page, "#filter-network", "MINT-Regionen")
    assert set(drawn(page)["nodes"]) == umbrella and len(umbrella) > len(members)
    choose(page, "#filter-network", "ohne Netzwerk")
    assert set(drawn(page)["nodes"]) == set(actors["id"]) - set(memberships["actor_id"])


def test_district_and_type_filters_combine(example_page) -> None:
    opened, actors, graph, _ = example_page
    page = opened.page
    choose(page, "#filter-district", "Fulda")
    fulda = set(actors.loc[actors["region"] == "06631", "id"])
    state = drawn(page)
    assert set(state["nodes"]) == fulda and state["edges"] == graph.subgraph(fulda).number_of_edges()
    choose(page, "#filter-type", "Schule")
    schools = set(actors.loc[(actors["region"] == "06631") & (actors["type"] == "school"), "id"])
    assert set(drawn(page)["nodes"]) == schools and 0 < len(schools) < len(fulda)
    assert page.inner_text("#counts").startswith(f"{len(schools)} von 600 Akteuren sichtbar")
    page.select_option("#filter-district", value="")
    all_schools = set(actors.loc[actors["type"] == "school", "id"])
    assert set(drawn(page)["nodes"]) == all_schools


def test_year_filter_hides_later_ties_but_keeps_actors(example_page) -> None:
    opened, _, graph, _ = example_page
    page = opened.page
    page.eval_on_selector(
        "#filter-year", "(el) => { el.value = '2018'; el.dispatchEvent(new Event('input')); }"
    )
    expected = sum(1 for _, _, d in graph.edges(data=True) if d["first_year"] <= 2018)
    state = drawn(page)
    assert len(state["nodes"]) == 600 and 0 < state["edges"] == expected < graph.number_of_edges()
    assert page.inner_text("#year-value") == "2018"
    assert (
        page.inner_text("#counts")
        == f"600 von 600 Akteuren sichtbar · {expected} von {_de(graph.number_of_edges())} Kooperationsbeziehungen"
    )
    # with a network filter too: the network's ties that began by 2018
    choose(page, "#filter-network", "MINT-Region Südhessen")
    nodes = set(drawn(page)["nodes"])
    sub = graph.subgraph(nodes)
    assert drawn(page)["edges"] == sum(1 for _, _, d in sub.edges(data=True) if d["first_year"] <= 2018)


def test_search_only_finds_visible_actors_and_reset_clears_everything(example_page) -> None:
    opened, actors, graph, _ = example_page
    page = opened.page
    page.fill("#search", "Fulda")
    everywhere = page.evaluate("window.mintgraph.network.getSelectedNodes()")
    fulda = set(actors.loc[actors["region"] == "06631", "id"])
    named_fulda = set(actors.loc[actors["name"].str.contains("Fulda"), "id"])
    assert set(everywhere) == fulda | named_fulda  # the search looks at names and districts
    choose(page, "#filter-district", "Fulda")
    page.eval_on_selector(
        "#filter-year", "(el) => { el.value = '2015'; el.dispatchEvent(new Event('input')); }"
    )
    found = page.evaluate("window.mintgraph.network.getSelectedNodes()")
    assert set(found) == fulda
    assert 0 < len(found) < len(everywhere)  # actors named "Fulda" in other districts are hidden
    assert page.input_value("#search") == "Fulda"
    page.click("#reset")
    state = drawn(page)
    assert len(state["nodes"]) == 600 and state["edges"] == graph.number_of_edges()
    assert page.evaluate("window.mintgraph.network.getSelectedNodes()") == []
    assert page.input_value("#search") == "" and page.input_value("#filter-district") == ""
    assert page.input_value("#filter-year") == str(max(d["first_year"] for _, _, d in graph.edges(data=True)))
    assert page.inner_text("#counts") == _counts_text(graph)


def test_legend_lists_node_and_edge_styles(example_page) -> None:
    opened, _, graph, _ = example_page
    page = opened.page
    node_items = [" ".join(i.split()) for i in page.locator("#legend button[data-type]").all_inner_texts()]
    assert node_items[:3] == ["Schule 270", "Hochschule 18", "Unternehmen 108"] and len(node_items) == 10
    edge_items = [" ".join(i.split()) for i in page.locator("#edge-legend li").all_inner_texts()]
    assert [i.rsplit(" ", 1)[0] for i in edge_items] == [
        "Projekt",
        "Angebot",
        "Förderung/Patenschaft",
        "Austausch",
        "Sonstige",
        "kreisübergreifend",
    ]
    assert sum(int(i.rsplit(" ", 1)[1].replace(".", "")) for i in edge_items[:-1]) == graph.number_of_edges()
    # the drawn lines carry those styles: dashed offers, coloured cross-district ties
    styles = page.evaluate(
        """() => window.mintgraph.edges.get().reduce((acc, e) => {
            acc[e.kind + (e.cross ? '/cross' : '')] = [Array.isArray(e.dashes), e.color ? e.color.color : null];
            return acc; }, {})"""
    )
    assert styles["project"] == [False, None] and styles["offer"] == [True, None]
    assert styles["project/cross"][1] == styles["exchange/cross"][1] != None  # noqa: E711
    assert "Knotengröße: Partner (Grad)" in page.inner_text("#legend")


def test_filter_moves_side_block_actors_next_to_the_picture_and_reset_restores(example_page) -> None:
    opened, actors, _, _ = example_page
    page = opened.page
    home = page.evaluate("window.mintgraph.network.getPositions()")
    choose(page, "#filter-district", "Werra-Meißner-Kreis")
    district = set(actors.loc[actors["region"] == "06636", "id"])
    moved = page.evaluate("window.mintgraph.network.getPositions()")
    assert set(moved) == district and "stadt-witzenhausen" in district  # an actor without cooperation
    others = [moved[i] for i in district - {"stadt-witzenhausen"}]
    assert all(moved[i] == home[i] for i in district - {"stadt-witzenhausen"})  # the disc stays put
    x, y = moved["stadt-witzenhausen"]["x"], moved["stadt-witzenhausen"]["y"]
    right = max(p["x"] for p in others)
    assert right < x <= right + 200, "not placed just right of the visible picture"
    assert min(p["y"] for p in others) - 50 <= y <= max(p["y"] for p in others) + 50
    assert x < home["stadt-witzenhausen"]["x"] - 300  # it came from the side block
    # few actors: every one is labelled readably on screen
    scale = page.evaluate("window.mintgraph.network.getScale()")
    fonts = page.evaluate("window.mintgraph.nodeView.get().map((n) => n.font.size)")
    assert min(fonts) * scale >= 12.5
    page.click("#reset")
    assert page.evaluate("window.mintgraph.network.getPositions()") == home
    assert page.evaluate("window.mintgraph.nodes.get('stadt-witzenhausen').font.size") == 12
