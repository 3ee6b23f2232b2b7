"""Every vis-network page on a phone (390×844 in headless Chromium): the graph is drawn and visible.

The pages used to be blank on a phone: the canvas grew without end and the view's centre
drifted off the nodes, and the header forced the page wider than the screen. Here each page
(the example's graph.html, networks.html and a per-network page; a large landscape's district
overview and one district page, which loads the shared vis-network file next to it) is opened
at phone size with every request outside its output folder blocked, and must show its nodes
inside the visible canvas, draw something on it, keep its size and not scroll sideways.
"""

from __future__ import annotations

import io
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

import mintgraph
from mintgraph.export import write_outputs
from mintgraph.views import aggregate_html

pytestmark = pytest.mark.browser

DATA = Path(__file__).resolve().parents[1] / "data"
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def example_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example data's outputs, with the per-network pages."""
    result = mintgraph.analyze(mintgraph.load(DATA), permutations=0)
    out = tmp_path_factory.mktemp("example-out")
    write_outputs(result, out, per_network=True)
    return out


@pytest.fixture(scope="module")
def large_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A landscape above AGGREGATE_ABOVE actors: graph.html is the district overview, plus districts/."""
    folder = tmp_path_factory.mktemp("large")
    mintgraph.generate(folder, n_actors=aggregate_html.AGGREGATE_ABOVE + 200, n_regions=26, seed=7)
    result = mintgraph.analyze(mintgraph.load(folder), permutations=0)
    assert len(result.actors) > aggregate_html.AGGREGATE_ABOVE
    out = tmp_path_factory.mktemp("large-out")
    write_outputs(result, out)
    return out


VIEW = """() => {
    const {network} = window.mintgraph;
    const canvas = document.querySelector('#graph canvas');
    const rect = canvas.getBoundingClientRect();
    const pos = network.getPositions();
    const ids = Object.keys(pos);
    const inside = ids.filter((id) => {
        const p = network.canvasToDOM(pos[id]);
        return p.x >= 0 && p.y >= 0 && p.x <= canvas.clientWidth && p.y <= canvas.clientHeight;
    }).length;
    return {nodes: ids.length, inside, width: canvas.clientWidth, height: canvas.clientHeight,
            top: rect.top, bottom: rect.bottom, left: rect.left, right: rect.right,
            scrollWidth: document.documentElement.scrollWidth,
            bodyWidth: document.body.scrollWidth, innerWidth: window.innerWidth};
}"""


def non_white_pixels(opened: Any) -> int:
    """Pixels of the graph canvas, as shown on screen, that are not (nearly) white."""
    png = opened.page.locator("#graph canvas").screenshot()
    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))
    return int((pixels.min(axis=2) < 235).sum())


def assert_visible_on_a_phone(opened: Any) -> dict:
    page = opened.page
    first = page.evaluate(VIEW)
    time.sleep(1.2)  # vis-network checks its container's size every second: the canvas must not grow
    view = page.evaluate(VIEW)
    assert (view["width"], view["height"]) == (first["width"], first["height"]), "the canvas keeps growing"
    assert view["nodes"] > 0
    assert view["inside"] > view["nodes"] / 2, f"only {view['inside']} of {view['nodes']} nodes in the view"
    assert view["scrollWidth"] <= PHONE["width"] + 1 and view["bodyWidth"] <= PHONE["width"] + 1
    assert view["left"] >= 0 and view["right"] <= PHONE["width"] + 1
    assert view["height"] >= 200 and view["top"] < PHONE["height"] - 200, "the graph is not on the screen"
    assert non_white_pixels(opened) > 500, "the canvas is blank"
    assert opened.blocked == [], f"requests left the folder: {opened.blocked}"
    assert opened.errors == [], f"console errors: {opened.errors}"
    return view


def test_graph_html_on_a_phone(example_out: Path, open_in_folder) -> None:
    opened = open_in_folder(example_out / "graph.html", example_out, PHONE)
    view = assert_visible_on_a_phone(opened)
    assert view["inside"] == view["nodes"] == 600  # the whole picture is fitted into the view
    assert opened.loaded == [(example_out / "graph.html").resolve().as_uri()]  # one self-contained file


def test_networks_html_on_a_phone(example_out: Path, open_in_folder) -> None:
    opened = open_in_folder(example_out / "networks.html", example_out, PHONE)
    view = assert_visible_on_a_phone(opened)
    assert view["inside"] == view["nodes"]


def test_a_per_network_page_on_a_phone(example_out: Path, open_in_folder) -> None:
    page = example_out / "networks" / "mint-forum-nordhessen.html"
    view = assert_visible_on_a_phone(open_in_folder(page, example_out, PHONE))
    assert view["inside"] == view["nodes"]


def test_district_overview_on_a_phone(large_out: Path, open_in_folder) -> None:
    view = assert_visible_on_a_phone(open_in_folder(large_out / "graph.html", large_out, PHONE))
    assert view["inside"] == view["nodes"] == 26


def test_a_district_page_on_a_phone(large_out: Path, open_in_folder) -> None:
    page = sorted((large_out / "districts").glob("*.html"))[0]
    opened = open_in_folder(page, large_out, PHONE)
    view = assert_visible_on_a_phone(opened)
    assert view["inside"] == view["nodes"] > 50
    shared = {
        (large_out / "districts" / n).resolve().as_uri() for n in ("vis-network.min.js", "vis-network.css")
    }
    assert shared <= set(opened.loaded)  # the shared vis-network next to the page


def test_turning_a_window_into_a_phone_refits_the_view(example_out: Path, open_in_folder) -> None:
    """Opened wide, then narrowed to phone size (the resize path): the picture is fitted again."""
    opened = open_in_folder(example_out / "graph.html", example_out, viewport={"width": 1400, "height": 900})
    page = opened.page
    wide = page.evaluate(VIEW)
    assert wide["inside"] == wide["nodes"] and wide["width"] > 1000
    page.set_viewport_size(PHONE)
    page.wait_for_function("document.querySelector('#graph canvas').clientWidth === 390", timeout=5_000)
    page.wait_for_function(
        """() => { const n = window.mintgraph.network, c = document.querySelector('#graph canvas');
            const pos = n.getPositions();
            return Object.keys(pos).every((id) => { const p = n.canvasToDOM(pos[id]);
                return p.x >= 0 && p.y >= 0 && p.x <= c.clientWidth && p.y <= c.clientHeight; }); }""",
        timeout=5_000,
    )
    assert_visible_on_a_phone(opened)
