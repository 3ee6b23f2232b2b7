"""The actor graph's tools in headless Chromium: profile panel, focus, highlighting, search, PNG, filters.

And the pages of a large landscape: the district overview's search finds actors and opens
them on their district page, which links back and loads the one shared vis-network file.
Every page is opened from its output folder with every other request blocked.
"""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd
import pytest
from conftest import DRAWN
from PIL import Image

import mintgraph
from mintgraph.export import write_outputs
from mintgraph.views import aggregate_html
from mintgraph.views.common import vis_asset
from mintgraph.views.graph_html import TYPE_COLORS, render_actor_graph

pytestmark = pytest.mark.browser

DATA = Path(__file__).resolve().parents[1] / "data"
IMG_XSS = '<img src=x onerror="window.__xss=1">'

# --------------------------------------------------------------------------- a small landscape


def small_landscape() -> tuple[nx.Graph, pd.DataFrame]:
    rows = [
        ("uni-ks", "Universität Kassel", "university", "06611", "Kassel"),
        ("schule-ks", "Georg-Christoph-Lichtenberg-Schule", "school", "06611", "Kassel"),
        ("museum", "Technikmuseum", "museum", "06611", "Kassel"),
        ("xss", IMG_XSS, "student_lab", "06611", "Kassel"),
        ("jufo", "Förderverein Jugend forscht Nordhessen", "association", "06633", "Landkreis Kassel"),
        ("gym-fd", "Domgymnasium Fulda", "school", "06631", "Fulda"),
        ("hs-fd", "Hochschule Fulda", "university", "06631", "Fulda"),
        ("stiftung", "Stiftung Isoliert", "foundation", "06411", "Darmstadt"),
    ]
    actors = pd.DataFrame(rows, columns=["id", "name", "type", "region", "region_name"])
    g = nx.Graph()
    g.add_nodes_from(actors["id"])
    ties = [
        ("uni-ks", "schule-ks"),
        ("uni-ks", "jufo"),
        ("uni-ks", "hs-fd"),
        ("hs-fd", "gym-fd"),
        ("jufo", "xss"),
        ("museum", "schule-ks"),
    ]
    for a, b in ties:
        g.add_edge(a, b, count=1, types="project", weight=1.0, first_year=2020, last_year=2024)
    actors["degree"] = [g.degree(n) for n in actors["id"]]
    actors["betweenness"] = actors["id"].map(nx.betweenness_centrality(g))
    actors["email"] = "secret@example.org"
    return g, actors


@pytest.fixture
def small_page(tmp_path: Path, open_in_folder):
    def open_(**kwargs: Any) -> Any:
        g, actors = small_landscape()
        path = tmp_path / "graph.html"
        path.write_text(render_actor_graph(g, actors, **kwargs), encoding="utf-8")
        return open_in_folder(path)

    return open_


def node_point(page: Any, node_id: str) -> tuple[float, float]:
    box = page.locator("#graph canvas").bounding_box()
    point = page.evaluate(
        "(id) => window.mintgraph.network.canvasToDOM(window.mintgraph.network.getPositions([id])[id])",
        node_id,
    )
    return box["x"] + point["x"], box["y"] + point["y"]


def click_node(page: Any, node_id: str) -> None:
    x, y = node_point(page, node_id)
    page.mouse.click(x, y)


def panel_rows(page: Any) -> dict[str, str]:
    return dict(
        page.eval_on_selector_all(
            "#details-rows tr", "trs => trs.map(tr => [tr.cells[0].textContent, tr.cells[1].textContent])"
        )
    )


def test_a_click_shows_the_actors_profile_without_personal_data(small_page) -> None:
    opened = small_page()
    page = opened.page
    assert page.is_hidden("#details")
    click_node(page, "uni-ks")
    page.wait_for_selector("#details", state="visible")
    assert page.inner_text("#details-name") == "Universität Kassel"
    rows = panel_rows(page)
    g, actors = small_landscape()
    betweenness = nx.betweenness_centrality(g)["uni-ks"]
    assert rows == {
        "Typ": "Hochschule",
        "Kreis": "Kassel (06611)",
        "Partner (Grad)": "3",
        "Vermittlerrolle (Betweenness)": f"{betweenness:.3g}".replace(".", ","),
    }
    partners = page.locator("#details-partners li").all_inner_texts()
    assert partners == sorted(actors.set_index("id").loc[list(g["uni-ks"]), "name"])
    assert page.inner_text("#details-partners-head") == "3 Partner"
    assert "secret@example.org" not in page.content()
    assert page.evaluate("window.mintgraph.network.getSelectedNodes()") == ["uni-ks"]
    # a partner in the list opens its own profile
    page.click("#details-partners button:has-text('Hochschule Fulda')")
    assert page.inner_text("#details-name") == "Hochschule Fulda"
    assert page.evaluate("window.mintgraph.network.getSelectedNodes()") == ["hs-fd"]
    page.click("#details-close")
    assert page.is_hidden("#details")
    assert opened.errors == [] and opened.blocked == []


def test_the_profile_shows_personal_data_only_when_the_page_was_made_with_it(small_page) -> None:
    personal = pd.DataFrame({"id": ["uni-ks"], "email": ["kontakt@uni-kassel.example"]})
    opened = small_page(personal=personal)
    click_node(opened.page, "uni-ks")
    assert panel_rows(opened.page)["E-Mail"] == "kontakt@uni-kassel.example"


def test_a_hostile_name_in_the_profile_is_text(small_page) -> None:
    opened = small_page()
    page = opened.page
    click_node(page, "xss")
    assert page.inner_text("#details-name") == IMG_XSS
    page.click("#details-partners button")  # its partner, whose list names the hostile actor
    assert IMG_XSS in page.inner_text("#details-partners")
    assert page.evaluate("document.querySelectorAll('#details img, #view img').length") == 0
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert opened.errors == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kassel UNIVERSITAT", ["uni-ks"]),  # other order, other case, no umlaut
        ("uni kassel", ["uni-ks"]),
        ("forscht förder", ["jufo"]),
        ("landkreis kassel", ["jufo"]),  # by its district only
        ("fulda schule", ["gym-fd", "hs-fd"]),  # a school in Fulda; "Hochschule" has "schule" in it
        ("technik kassel museum", ["museum"]),  # name, district and type together
        ("kassel gibt-es-nicht", []),
    ],
)
def test_search_matches_word_by_word(small_page, query: str, expected: list[str]) -> None:
    page = small_page().page
    page.fill("#search", query)
    assert sorted(page.evaluate("window.mintgraph.network.getSelectedNodes()")) == expected
    assert page.inner_text("#matches") == f"{len(expected)} Treffer"


def test_focus_keeps_the_partners_up_to_the_chosen_steps(small_page) -> None:
    opened = small_page()
    page = opened.page
    g, _ = small_landscape()
    click_node(page, "uni-ks")
    page.select_option("#focus-steps", "1")
    page.click("#focus")
    focus = page.evaluate("Object.keys(window.mintgraph.focus.ids).sort()")
    assert focus == sorted({"uni-ks", *g["uni-ks"]})
    assert page.get_attribute("#view", "data-focus") == "1"
    assert page.is_visible("#focus-bar") and "1 Schritt entfernt (4 Akteure)" in page.inner_text("#focus-bar")
    page.select_option("#focus-steps", "2")  # changes the running focus
    two = nx.single_source_shortest_path_length(g, "uni-ks", cutoff=2)
    assert page.evaluate("Object.keys(window.mintgraph.focus.ids).sort()") == sorted(two)
    assert page.evaluate("window.mintgraph.bright.nodes.slice().sort()") == sorted(two)
    page.click("#unfocus")
    assert page.evaluate("window.mintgraph.focus") is None and page.is_hidden("#focus-bar")
    assert page.evaluate("window.mintgraph.bright") is None  # nothing selected, nothing dimmed
    assert opened.errors == []


def test_hovering_an_actor_highlights_it_and_its_partners(small_page) -> None:
    page = small_page().page
    g, _ = small_landscape()
    x, y = node_point(page, "hs-fd")
    page.mouse.move(x - 60, y - 60)
    page.mouse.move(x, y, steps=6)
    page.wait_for_function("window.mintgraph.bright !== null")
    assert sorted(page.evaluate("window.mintgraph.bright.nodes")) == sorted({"hs-fd", *g["hs-fd"]})
    assert len(page.evaluate("window.mintgraph.bright.edges")) == g.degree("hs-fd")
    page.mouse.move(5, 5)  # off the canvas
    page.wait_for_function("window.mintgraph.bright === null")


def test_the_tooltip_goes_when_a_filter_hides_its_actor(small_page) -> None:
    page = small_page().page
    x, y = node_point(page, "stiftung")
    page.mouse.move(x - 40, y - 40)
    page.mouse.move(x, y, steps=6)
    page.locator("div.vis-tooltip").wait_for(state="visible", timeout=5_000)
    assert page.inner_text("div.vis-tooltip .mg-tip-head") == "Stiftung Isoliert"
    # keyboard only, so that the pointer never moves over the canvas again
    page.focus("#filter-district")
    page.select_option(
        "#filter-district",
        label=next(
            o
            for o in page.eval_on_selector_all("#filter-district option", "os => os.map(o => o.textContent)")
            if o.startswith("Fulda")
        ),
    )
    assert page.evaluate("Object.keys(window.mintgraph.network.getPositions())").count("stiftung") == 0
    assert page.locator("div.vis-tooltip").is_hidden()


def test_png_button_downloads_the_current_view(small_page) -> None:
    page = small_page(title="Kassel & Fulda").page
    with page.expect_download() as info:
        page.click("#png")
    download = info.value
    assert download.url.startswith("data:image/png;base64,")
    assert download.suggested_filename == "Kassel-Fulda.png"
    png = base64.b64decode(download.url.split(",", 1)[1])
    image = Image.open(io.BytesIO(png)).convert("RGB")
    canvas = page.evaluate(
        "[document.querySelector('#graph canvas').width, document.querySelector('#graph canvas').height]"
    )
    assert list(image.size) == canvas
    colours = set(image.getcolors(maxcolors=1 << 20) or [])
    assert len(colours) > 10  # nodes, lines and labels on white, not an empty picture
    assert image.getpixel((0, 0)) == (255, 255, 255)


# --------------------------------------------------------------------------- the example landscape


@pytest.fixture(scope="module")
def example_out(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, mintgraph.Analysis]:
    result = mintgraph.analyze(mintgraph.load(DATA), permutations=0)
    out = tmp_path_factory.mktemp("example-out")
    write_outputs(result, out)
    return out, result


PIXELS = """(ids) => {
    const {network, nodes} = window.mintgraph;
    const canvas = document.querySelector('#graph canvas');
    const ctx = canvas.getContext('2d');
    const ratio = canvas.width / canvas.clientWidth;
    const scale = network.getScale();
    const pos = network.getPositions();
    const all = Object.keys(pos).map((id) => {
        const p = network.canvasToDOM(pos[id]);
        return {id, x: p.x, y: p.y, r: nodes.get(id).size * scale};
    });
    // nodes alone on screen: no other node's circle within reach
    return ids.map((id) => {
        const n = all.find((m) => m.id === id);
        if (!n || n.x < 5 || n.y < 5 || n.x > canvas.clientWidth - 5 || n.y > canvas.clientHeight - 5) { return null; }
        if (all.some((m) => m.id !== id && Math.hypot(m.x - n.x, m.y - n.y) < m.r + n.r + 3)) { return null; }
        const d = ctx.getImageData(Math.round(n.x * ratio), Math.round(n.y * ratio), 1, 1).data;
        return [id, [d[0], d[1], d[2]], nodes.get(id).group];
    }).filter((x) => x !== null);
}"""


def _hex(color: str) -> tuple[int, int, int]:
    return tuple(int(color[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def _near(rgb: list[int], target: tuple[int, int, int], tolerance: int = 30) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(rgb, target, strict=True))


def _veiled(color: tuple[int, int, int]) -> tuple[int, int, int]:
    return tuple(round(0.22 * c + 0.78 * 255) for c in color)  # type: ignore[return-value]


def test_focus_dims_everyone_but_the_partners_on_the_canvas(example_out, open_in_folder) -> None:
    out, result = example_out
    opened = open_in_folder(out / "graph.html")
    page = opened.page
    g = result.graph
    hub = max(sorted(g), key=g.degree)
    click_node(page, hub)
    assert page.inner_text("#details-name") == result.actors.set_index("id").loc[hub, "name"]
    near = {hub, *g[hub]}
    far = [n for n in sorted(g) if n not in near]
    page.click("#details-close")  # nothing selected, nothing highlighted: every node in full colour
    before = page.evaluate(PIXELS, far)
    assert len(before) > 20
    full = [rgb for _, rgb, group in before if _near(rgb, _hex(TYPE_COLORS[group]))]
    assert len(full) > 0.8 * len(before), "the test cannot see the nodes' colours"

    click_node(page, hub)
    page.select_option("#focus-steps", "1")
    page.click("#focus")
    page.wait_for_timeout(700)  # the view moves to the focused actors
    assert set(page.evaluate("Object.keys(window.mintgraph.focus.ids)")) == near
    dimmed = page.evaluate(PIXELS, far)
    bright = page.evaluate(PIXELS, sorted(near - {hub}))
    assert len(dimmed) > 20 and len(bright) > 3
    veiled = [i for i, rgb, group in dimmed if _near(rgb, _veiled(_hex(TYPE_COLORS[group])), 12)]
    assert len(veiled) > 0.8 * len(dimmed), f"far actors not dimmed: {dimmed[:5]}"
    shown = [i for i, rgb, group in bright if _near(rgb, _hex(TYPE_COLORS[group]))]
    assert len(shown) > 0.8 * len(bright), f"partners dimmed too: {bright[:5]}"

    page.click("#unfocus")
    page.wait_for_timeout(700)
    after = page.evaluate(PIXELS, far)
    back = [rgb for _, rgb, group in after if _near(rgb, _hex(TYPE_COLORS[group]))]
    assert len(back) > 0.8 * len(after)
    assert opened.errors == [] and opened.blocked == []


def test_show_partners_of_the_filtered_actors(example_out, open_in_folder) -> None:
    out, result = example_out
    page = open_in_folder(out / "graph.html").page
    g, actors = result.graph, result.actors
    fulda = set(actors.loc[actors["region"] == "06631", "id"])
    partners = {p for a in fulda for p in g[a]} - fulda
    options = page.eval_on_selector_all("#filter-district option", "os => os.map(o => o.textContent)")
    page.select_option("#filter-district", label=next(o for o in options if o.startswith("Fulda")))
    state = "() => [Object.keys(window.mintgraph.network.getPositions()).sort(), window.mintgraph.edgeView.getIds().length]"
    nodes, ties = page.evaluate(state)
    assert set(nodes) == fulda and ties == g.subgraph(fulda).number_of_edges()
    page.check("#filter-partners")
    nodes, ties = page.evaluate(state)
    assert set(nodes) == fulda | partners and partners
    assert ties == sum(1 for u, v in g.edges if u in fulda or v in fulda)
    pale = page.evaluate(
        "() => window.mintgraph.nodes.get().filter((n) => n.opacity === 0.45).map((n) => n.id).sort()"
    )
    assert pale == sorted(partners)
    assert f"dazu {len(partners)} Partner außerhalb des Filters" in page.inner_text("#counts")
    page.click("#reset")
    assert not page.is_checked("#filter-partners")
    assert page.evaluate("window.mintgraph.nodes.get().filter((n) => n.opacity === 0.45).length") == 0


# --------------------------------------------------------------------------- a large landscape


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, mintgraph.Analysis, list[Path]]:
    folder = tmp_path_factory.mktemp("large")
    mintgraph.generate(folder, n_actors=aggregate_html.AGGREGATE_ABOVE + 200, n_regions=26, seed=11)
    result = mintgraph.analyze(mintgraph.load(folder), permutations=0)
    out = tmp_path_factory.mktemp("large-out")
    written = write_outputs(result, out)
    return out, result, written


def test_district_pages_share_one_vis_network_file(large) -> None:
    out, result, written = large
    shared = [out / "districts" / "vis-network.min.js", out / "districts" / "vis-network.css"]
    assert all(path in written for path in shared)
    assert shared[0].read_text(encoding="utf-8") == vis_asset("vis-network.min.js", "</script")
    pages = sorted((out / "districts").glob("*.html"))
    assert len(pages) == result.actors["region"].nunique() > 20 and all(p in written for p in pages)
    js, css = vis_asset("vis-network.min.js", "</script"), vis_asset("vis-network.css", "</style")
    pieces = [js[:2000], js[-2000:], css[:2000], css[-2000:]]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert '<script src="vis-network.min.js"></script>' in html
        assert '<link rel="stylesheet" href="vis-network.css">' in html
        assert not any(piece in html for piece in pieces)  # no inlined copy
        assert '<a id="overview-link" href="../graph.html">' in html
    # the pages that travel alone stay single files, with vis-network inlined
    for name in ("graph.html", "networks.html", "map.html"):
        html = (out / name).read_text(encoding="utf-8")
        assert not re.search(r"<script[^>]*\bsrc=", html) and 'rel="stylesheet"' not in html, name
    assert js[-2000:] in (out / "graph.html").read_text(encoding="utf-8")


def test_overview_search_finds_an_actor_and_its_district_page_links_back(large, open_in_folder) -> None:
    out, result, _ = large
    actors = result.actors
    multi = actors[actors["name"].str.split().str.len() >= 3].sort_values("id").iloc[0]
    words = multi["name"].split()
    query = " ".join(reversed(words)).upper()  # other order, other case
    opened = open_in_folder(out / "graph.html", out)
    page = opened.page
    page.fill("#search", query)
    links = page.eval_on_selector_all(
        "#actor-list a", "as => as.map(a => [a.textContent, a.getAttribute('href')])"
    )
    code = multi["region"]
    expected = [multi["name"], f"districts/{code}.html#actor={multi['id']}"]
    assert expected in links
    if len(links) == 1:
        assert page.inner_text("#matches") == "1 Akteur"
    page.click(f"#actor-list a[href='{expected[1]}']")
    page.wait_for_url(re.compile(rf"districts/{code}\.html#actor="))
    page.wait_for_function(DRAWN, timeout=30_000)
    assert page.evaluate("typeof vis") == "object"  # the shared file ran
    page.wait_for_selector("#details", state="visible")
    assert page.inner_text("#details-name") == multi["name"]
    assert page.evaluate("window.mintgraph.network.getSelectedNodes()") == [multi["id"]]
    districts = out / "districts"
    assert {(districts / n).resolve().as_uri() for n in ("vis-network.min.js", "vis-network.css")} <= set(
        opened.loaded
    )
    # back to the overview, and from there to a district by its link in the list
    page.click("#overview-link")
    page.wait_for_url(re.compile(r"/graph\.html$"))
    page.wait_for_function(DRAWN, timeout=30_000)
    assert page.locator("#districts a").count() == actors["region"].nunique()
    page.click(f"#districts a[href='districts/{code}.html']")
    page.wait_for_url(re.compile(rf"districts/{code}\.html$"))
    page.wait_for_function(DRAWN, timeout=30_000)
    assert opened.blocked == [], f"requests left the output folder: {opened.blocked}"
    assert opened.errors == [], f"console errors: {opened.errors}"
