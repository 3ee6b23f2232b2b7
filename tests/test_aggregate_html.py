"""The district overview (graph.html above AGGREGATE_ABOVE actors): counts by hand, links, escaping, determinism."""

from __future__ import annotations

import json
import math
import re
from html import unescape
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from mintgraph.views.aggregate_html import (
    AGGREGATE_ABOVE,
    DENSITY_COLORS,
    GROUP_COLORS,
    render_district_overview,
)
from mintgraph.views.common import vis_asset

REPO = Path(__file__).resolve().parents[1]
IMG_XSS = '<img src=x onerror="window.__xss=1">'
SCRIPT_BREAKER = "</script><script>window.__xss=2;alert(1)</script>"


def small_landscape() -> tuple[nx.Graph, pd.DataFrame, pd.DataFrame]:
    """Seven actors in four districts (plus one without a district), a fifth district without actors.

    Ties: a–b, a–c inside D1; a–d, b–d between D1 and D2; c–e between D1 and D3; d–e between
    D2 and D3; g–a (g has no district) and a–x (x is not in the actors table) are not counted.
    """
    actors = pd.DataFrame(
        {
            "id": ["a", "b", "c", "d", "e", "f", "g"],
            "name": ["A", "B", "C", "D", "E", "F", "G"],
            "region": ["D1", "D1", "D1", "D2", "D3", "D4", ""],
        }
    )
    regions = pd.DataFrame(
        {
            "code": ["D1", "D2", "D3", "D4", "D5"],
            "name": ["Nordkreis", "Südstadt", "Ostkreis", "Westkreis", "Leerkreis"],
            "group": ["Nord", "Süd", "Nord", "Süd", "Süd"],
            "population": [300_000, 100_000, 50_000, 200_000, 10_000],
        }
    )
    g = nx.Graph()
    g.add_nodes_from(actors["id"])
    g.add_edges_from([("a", "b"), ("a", "c"), ("a", "d"), ("b", "d"), ("c", "e"), ("d", "e"), ("g", "a")])
    g.add_edge("a", "x")
    return g, actors, regions


def page_data(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S)
    assert match, "no graph-data JSON blob"
    return json.loads(match.group(1))


@pytest.fixture(scope="module")
def landscape() -> tuple[nx.Graph, pd.DataFrame, pd.DataFrame]:
    return small_landscape()


@pytest.fixture(scope="module")
def html_de(landscape) -> str:
    return render_district_overview(*landscape, links={"D1": "districts/D1.html", "D5": "districts/D5.html"})


def test_threshold_constant() -> None:
    assert AGGREGATE_ABOVE == 2000


def test_one_node_per_district_with_actors_sized_by_actors(html_de: str) -> None:
    data = page_data(html_de)
    nodes = {n["id"]: n for n in data["nodes"]}
    assert sorted(nodes) == ["D1", "D2", "D3", "D4"]  # D5 has no actors; g has no district
    assert nodes["D1"]["label"] == "Nordkreis\n3" and nodes["D4"]["label"] == "Westkreis\n1"
    assert nodes["D1"]["size"] > nodes["D2"]["size"] == nodes["D3"]["size"] == nodes["D4"]["size"]
    # area grows with the number of actors: the radius beyond the minimum with its square root
    assert nodes["D1"]["size"] == 56.0 and nodes["D2"]["size"] == round(14 + 42 * math.sqrt(1 / 3), 1)


def test_edges_count_the_ties_between_districts(html_de: str) -> None:
    data = page_data(html_de)
    counts = {(e["from"], e["to"]): e["count"] for e in data["edges"]}
    assert counts == {("D1", "D2"): 2, ("D1", "D3"): 1, ("D2", "D3"): 1}
    width = {(e["from"], e["to"]): e["width"] for e in data["edges"]}
    assert width[("D1", "D2")] > width[("D1", "D3")] == width[("D2", "D3")]
    tips = {n["id"]: dict(n["tip"]) for n in data["nodes"]}
    assert tips["D1"]["Kooperationsbeziehungen im Kreis"] == "2"
    assert tips["D1"]["mit anderen Kreisen"] == "3"
    assert tips["D2"]["mit anderen Kreisen"] == "3" and tips["D2"]["Kooperationsbeziehungen im Kreis"] == "0"
    assert tips["D3"]["mit anderen Kreisen"] == "2"
    assert tips["D4"]["mit anderen Kreisen"] == "0"
    assert tips["D1"]["Regierungsbezirk"] == "Nord" and tips["D1"]["Einwohner"] == "300.000"
    assert tips["D1"]["Akteure je 100.000 Einwohner"] == "1"
    edge = next(e for e in data["edges"] if (e["from"], e["to"]) == ("D1", "D2"))
    assert edge["tip"] == [["", "2 Kooperationsbeziehungen"]]


def test_header_legend_and_district_list(html_de: str) -> None:
    counts = re.search(r'<span id="counts">([^<]*)</span>', html_de).group(1)
    assert counts == "4 Kreise · 6 Akteure · 6 Kooperationsbeziehungen · 4 kreisübergreifend"
    legend = re.search(r'<ul id="colors">(.*?)</ul>', html_de, re.S).group(1)
    rows = [
        " ".join(re.sub(r"<[^>]+>", " ", li).split()) for li in re.findall(r"<li>(.*?)</li>", legend, re.S)
    ]
    assert rows == ["Nord 2 Kreise", "Süd 2 Kreise"]
    listing = re.search(r'<ul id="districts">(.*?)</ul>', html_de, re.S).group(1)
    assert re.findall(r'<a href="([^"]*)">([^<]*)</a>', listing) == [("districts/D1.html", "Nordkreis")]
    items = [
        " ".join(re.sub(r"<[^>]+>", " ", li).split()) for li in re.findall(r"<li[^>]*>(.*?)</li>", listing)
    ]
    assert items == ["Nordkreis 3", "Ostkreis 1", "Südstadt 1", "Westkreis 1", "Leerkreis ohne Akteure"]
    assert "Kreisgröße: Zahl der Akteure" in html_de


def test_link_of_a_district_without_actors_is_ignored(html_de: str) -> None:
    data = page_data(html_de)
    assert {n["id"]: n["link"] for n in data["nodes"]} == {
        "D1": "districts/D1.html",
        "D2": None,
        "D3": None,
        "D4": None,
    }
    assert "districts/D5.html" not in html_de


@pytest.mark.parametrize(
    "link",
    [
        "javascript:alert(1)",
        "JavaScript:alert(document.cookie)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "https://evil.example/06611.html",
        "//evil.example/06611.html",
        "/etc/passwd",
        "\\\\evil.example\\x",
        'districts/D1.html" onclick="alert(1)',
        "districts/D1.html?x=<b>",
        "",
        None,
    ],
)
def test_unsafe_links_are_rejected(landscape, link) -> None:
    with pytest.raises(ValueError, match="relative URL"):
        render_district_overview(*landscape, links={"D1": link})


@pytest.mark.parametrize(
    "link", ["districts/D1.html", "../ueberblick/D1.html", "D1.html#akteure", "a%20b.html"]
)
def test_relative_links_are_accepted(landscape, link: str) -> None:
    html = render_district_overview(*landscape, links={"D1": link})
    assert f'<a href="{link}">' in html
    assert next(n for n in page_data(html)["nodes"] if n["id"] == "D1")["link"] == link


def test_hostile_district_names_are_escaped() -> None:
    g, actors, regions = small_landscape()
    regions = regions.assign(name=[IMG_XSS, SCRIPT_BREAKER, "Ostkreis & Co", "Westkreis", "<b>leer</b>"])
    html = render_district_overview(g, actors, regions, links={"D1": "districts/D1.html"})
    assert "<img" not in html and "</script><script>" not in html and "<b>leer" not in html
    assert len(re.findall(r"</script", html, re.I)) == 3
    assert "&lt;img src=x onerror=&#34;window.__xss=1&#34;&gt;" in html  # the list, as text
    names = {n["id"]: n["name"] for n in page_data(html)["nodes"]}
    assert names["D1"] == IMG_XSS and names["D2"] == SCRIPT_BREAKER  # the data itself is intact


def test_page_loads_nothing_from_other_hosts(html_de: str) -> None:
    assert not re.search(r"<script[^>]*\bsrc\s*=", html_de, re.I)
    assert not re.search(r"url\(\s*[\"']?(https?:)?//", html_de, re.I)
    hrefs = re.findall(r'\b(?:href|src)="([^"]*)"', html_de)
    assert hrefs == ["data:,", "districts/D1.html"]


def test_small_for_many_actors() -> None:
    """50,000 actors in the 26 Hessen districts: the page holds districts only."""
    regions = pd.read_csv(REPO / "mintgraph" / "regions" / "hessen" / "regions.csv", dtype={"code": str})
    codes = list(regions["code"])
    n = 50_000
    g = nx.gnm_random_graph(n, 75_000, seed=1)
    g = nx.relabel_nodes(g, {i: f"a{i}" for i in g})
    actors = pd.DataFrame({"id": [f"a{i}" for i in range(n)], "region": [codes[i % 26] for i in range(n)]})
    html = render_district_overview(g, actors, regions, links={c: f"districts/{c}.html" for c in codes})
    assets = len(vis_asset("vis-network.min.js", "</script")) + len(vis_asset("vis-network.css", "</style"))
    assert len(html) - assets < 80_000
    data = page_data(html)
    assert len(data["nodes"]) == 26 and len(data["edges"]) == 26 * 25 // 2
    inside = sum(
        int(dict(nd["tip"])["Kooperationsbeziehungen im Kreis"].replace(".", "")) for nd in data["nodes"]
    )
    assert inside + sum(e["count"] for e in data["edges"]) == g.number_of_edges()


def test_example_agrees_with_the_regions_table() -> None:
    import mintgraph

    result = mintgraph.analyze(mintgraph.load(REPO / "data"), permutations=0)
    data = page_data(render_district_overview(result.graph, result.actors, result.regions))
    regions = result.regions.set_index("code")
    with_actors = regions[regions["actors"] > 0]
    assert sorted(n["id"] for n in data["nodes"]) == sorted(with_actors.index)
    for node in data["nodes"]:
        tip = dict(node["tip"])
        row = regions.loc[node["id"]]
        assert node["label"].endswith(f"\n{row['actors']}")
        assert tip["Kooperationsbeziehungen im Kreis"] == str(row["ties_inside"])
        assert tip["mit anderen Kreisen"] == str(row["ties_to_other_districts"])
    assert 2 * sum(e["count"] for e in data["edges"]) == regions["ties_to_other_districts"].sum()


def test_shipped_districts_are_placed_like_the_map() -> None:
    import mintgraph

    result = mintgraph.analyze(mintgraph.load(REPO / "data"), permutations=0)
    data = page_data(render_district_overview(result.graph, result.actors, result.regions))
    pos = {n["id"]: (n["x"], n["y"]) for n in data["nodes"]}
    # north is up, west is left: Kassel above Frankfurt above Bergstraße; Wiesbaden left of Fulda
    assert pos["06611"][1] < pos["06412"][1] < pos["06431"][1]
    assert pos["06414"][0] < pos["06631"][0]
    # no two circles (with the labels below them) overlap
    size = {n["id"]: n["size"] for n in data["nodes"]}
    for a in pos:
        for b in pos:
            if a < b:
                assert math.dist(pos[a], pos[b]) >= size[a] + size[b], (a, b)


def test_unknown_districts_get_a_seeded_spring_layout(landscape, html_de: str) -> None:
    nodes = page_data(html_de)["nodes"]
    assert len({(n["x"], n["y"]) for n in nodes}) == len(nodes)
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in nodes)
    other_seed = render_district_overview(*landscape, seed=7, links={"D1": "districts/D1.html"})
    assert [(n["x"], n["y"]) for n in page_data(other_seed)["nodes"]] != [(n["x"], n["y"]) for n in nodes]


def test_colour_by_group_or_by_actors_per_100k(landscape, html_de: str) -> None:
    colors = {n["id"]: n["color"] for n in page_data(html_de)["nodes"]}
    assert colors["D1"] == colors["D3"] == GROUP_COLORS[0]  # Nord
    assert colors["D2"] == colors["D4"] == GROUP_COLORS[1]  # Süd
    html = render_district_overview(*landscape, color_by="actors_per_100k")
    by_density = {n["id"]: n["color"] for n in page_data(html)["nodes"]}
    # per 100k: D1 1.0, D2 1.0, D3 2.0, D4 0.5 -> three classes, light to dark
    rank = {c: DENSITY_COLORS.index(by_density[c]) for c in by_density}
    assert rank["D4"] < rank["D1"] == rank["D2"] < rank["D3"]
    legend = re.search(r'<ul id="colors">(.*?)</ul>', html, re.S).group(1)
    rows = [
        " ".join(re.sub(r"<[^>]+>", " ", li).split()) for li in re.findall(r"<li>(.*?)</li>", legend, re.S)
    ]
    assert rows == ["0,5 1 Kreis", "1 2 Kreise", "2 1 Kreis"]
    assert "Akteure je 100.000 Einwohner" in html
    with pytest.raises(ValueError, match="color_by"):
        render_district_overview(*landscape, color_by="degree")


def test_english_labels(landscape) -> None:
    html = render_district_overview(*landscape, lang="en", title="MINT in <Hessen>")
    assert '<html lang="en">' in html and "<title>MINT in &lt;Hessen&gt;</title>" in html
    for label in ("4 districts", "6 actors", "6 cooperation ties", "4 across districts", "Search district"):
        assert label in html
    for german in ("Kreise", "Akteure", "Kooperation", "Zurücksetzen"):
        assert german not in html
    with pytest.raises(ValueError, match="fr"):
        render_district_overview(*landscape, lang="fr")


def test_duplicate_district_names_get_their_code() -> None:
    g, actors, regions = small_landscape()
    regions = regions.assign(name=["Kassel", "Kassel", "Ostkreis", "Westkreis", "Leerkreis"])
    names = {n["id"]: n["name"] for n in page_data(render_district_overview(g, actors, regions))["nodes"]}
    assert names["D1"] == "Kassel (D1)" and names["D2"] == "Kassel (D2)" and names["D3"] == "Ostkreis"


def test_missing_columns_are_reported(landscape) -> None:
    g, actors, regions = landscape
    with pytest.raises(ValueError, match="region"):
        render_district_overview(g, actors.drop(columns="region"), regions)
    with pytest.raises(ValueError, match="name"):
        render_district_overview(g, actors, regions.drop(columns="name"))


def test_district_missing_from_regions_uses_the_actors_region_name() -> None:
    g, actors, regions = small_landscape()
    actors = actors.assign(region_name=["", "", "", "", "", "Westkreis (alt)", ""])
    html = render_district_overview(g, actors, regions[regions["code"] != "D4"])
    assert {n["id"]: n["name"] for n in page_data(html)["nodes"]}["D4"] == "Westkreis (alt)"


def test_byte_identical_for_any_input_order(landscape, html_de: str) -> None:
    g, actors, regions = landscape
    shuffled = nx.Graph()
    shuffled.add_nodes_from(reversed(list(g.nodes)))
    shuffled.add_edges_from(reversed(list(g.edges)))
    again = render_district_overview(
        shuffled,
        actors.iloc[::-1],
        regions.iloc[::-1],
        links={"D5": "districts/D5.html", "D1": "districts/D1.html"},
    )
    assert again == html_de


def test_empty_input_renders(landscape) -> None:
    _, _, regions = landscape
    html = render_district_overview(nx.Graph(), pd.DataFrame(columns=["id", "region"]), regions)
    assert page_data(html)["nodes"] == [] and "0 Kreise" in unescape(html)


# --------------------------------------------------------------------------- in the browser


@pytest.fixture
def overview_page(tmp_path: Path, open_offline):
    def open_(html: str):
        path = tmp_path / "graph.html"
        path.write_text(html, encoding="utf-8")
        opened = open_offline(path)
        opened.page.wait_for_function("window.mintgraph && window.mintgraph.drawn === true", timeout=15_000)
        return opened, path

    return open_


def node_point(page, node_id: str) -> tuple[float, float]:
    box = page.locator("#graph canvas").bounding_box()
    point = page.evaluate(
        "(id) => window.mintgraph.network.canvasToDOM(window.mintgraph.network.getPositions([id])[id])",
        node_id,
    )
    return box["x"] + point["x"], box["y"] + point["y"]


@pytest.mark.browser
def test_browser_draws_every_district_and_a_click_opens_its_link(overview_page) -> None:
    import mintgraph

    result = mintgraph.analyze(mintgraph.load(REPO / "data"), permutations=0)
    links = {c: f"districts/{c}.html" for c in result.regions["code"]}
    opened, path = overview_page(
        render_district_overview(result.graph, result.actors, result.regions, links=links)
    )
    page = opened.page
    drawn = page.evaluate("Object.keys(window.mintgraph.network.getPositions()).sort()")
    assert drawn == sorted(result.regions.loc[result.regions["actors"] > 0, "code"])
    assert page.locator("#districts a").count() == len(drawn)
    assert opened.errors == [] and opened.blocked == [] and opened.dialogs == []
    x, y = node_point(page, "06631")
    expected = (path.parent / "districts" / "06631.html").as_uri()
    with page.expect_event("requestfailed", lambda r: r.url == expected) as failed:  # blocked by the fixture
        page.mouse.click(x, y)
    assert failed.value.is_navigation_request() and failed.value.frame == page.main_frame
    assert opened.blocked == [expected]  # the only request: the district page


@pytest.mark.browser
def test_browser_search_selects_districts_and_enter_opens_one(overview_page) -> None:
    g, actors, regions = small_landscape()
    opened, _ = overview_page(render_district_overview(g, actors, regions, links={"D3": "districts/D3.html"}))
    page = opened.page
    page.fill("#search", "KREIS")
    assert sorted(page.evaluate("window.mintgraph.network.getSelectedNodes()")) == ["D1", "D3", "D4"]
    # districts by name; actors by name, district or type (a, b, c, e, f lie in a "...kreis")
    assert page.inner_text("#matches") == "3 Kreise · 5 Akteure"
    found = [" ".join(text.split()) for text in page.locator("#actor-list li").all_inner_texts()]
    assert found == ["A Nordkreis", "B Nordkreis", "C Nordkreis", "E Ostkreis", "F Westkreis"]
    assert page.locator("#districts li.match").count() == 4  # the list marks Leerkreis too
    page.click("#reset")
    assert page.evaluate("window.mintgraph.network.getSelectedNodes()") == []
    assert page.input_value("#search") == "" and page.locator("#districts li.match").count() == 0
    page.fill("#search", "südstadt")
    page.press("#search", "Enter")  # one match, but no link: nothing happens
    page.fill("#search", "ostkr")
    with page.expect_request(lambda r: r.url.endswith("/districts/D3.html")):
        page.press("#search", "Enter")
    assert opened.errors == [] and opened.dialogs == []


@pytest.mark.browser
def test_browser_hostile_names_run_nothing(overview_page) -> None:
    g, actors, regions = small_landscape()
    actors = actors.assign(name=IMG_XSS)
    regions = regions.assign(name=[IMG_XSS, SCRIPT_BREAKER, "Ostkreis", "Westkreis", IMG_XSS + "leer"])
    opened, _ = overview_page(render_district_overview(g, actors, regions, links={"D1": "districts/D1.html"}))
    page = opened.page
    x, y = node_point(page, "D2")
    page.mouse.move(x - 40, y - 40)
    page.mouse.move(x, y, steps=5)
    page.locator("div.vis-tooltip").wait_for(state="visible", timeout=5_000)
    assert page.inner_text("div.vis-tooltip .mg-tip-head") == f"{SCRIPT_BREAKER} (D2)"
    assert IMG_XSS in page.inner_text("#districts")
    assert page.evaluate("document.querySelectorAll('img, #legend script, .vis-tooltip script').length") == 0
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert opened.errors == [] and opened.blocked == [] and opened.dialogs == []


def test_the_actor_search_index_stops_at_its_limit(monkeypatch) -> None:
    """Up to SEARCH_INDEX_ACTORS the overview's search finds actors; above it districts only, so
    that graph.html stays under 5 MB for 100,000 actors."""
    from mintgraph.views import aggregate_html

    regions = pd.read_csv(REPO / "mintgraph" / "regions" / "hessen" / "regions.csv", dtype={"code": str})
    codes = list(regions["code"])
    n = 300
    g = nx.gnm_random_graph(n, 600, seed=2)
    g = nx.relabel_nodes(g, {i: f"a{i}" for i in g})
    actors = pd.DataFrame(
        {
            "id": [f"a{i}" for i in range(n)],
            "name": [f"Akteur {i}" for i in range(n)],
            "region": [codes[i % 26] for i in range(n)],
        }
    )
    links = {c: f"districts/{c}.html" for c in codes}
    with_index = render_district_overview(g, actors, regions, links=links)
    monkeypatch.setattr(aggregate_html, "SEARCH_INDEX_ACTORS", n - 1)
    without = render_district_overview(g, actors, regions, links=links)
    assert "Akteur 17" in with_index and "Akteur 17" not in without
    assert len(without) < len(with_index)
