"""The views foundation: every page extends one base template, and the vis pages share one
script partial (``_page.js.j2``) instead of each carrying its own tooltip, search folding,
counting and resize code."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

import mintgraph
from mintgraph.export import write_outputs
from mintgraph.views.aggregate_html import render_district_overview

TEMPLATES = resources.files("mintgraph") / "templates"
PAGES = sorted(
    p.name for p in TEMPLATES.iterdir() if p.name.endswith(".j2") and not p.name.startswith(("_", "base."))
)
DATA = Path(__file__).resolve().parents[1] / "data"


def source(name: str) -> str:
    return (TEMPLATES / name).read_text(encoding="utf-8")


def defined_functions(text: str) -> set[str]:
    return set(re.findall(r"^\s*function (\w+)\s*\(", text, re.M))


SHARED = defined_functions(source("_page.js.j2"))


def test_the_partial_defines_the_shared_helpers() -> None:
    assert {"el", "rowsTable", "tooltip", "fold", "queryWords", "hasAll", "formatInt", "countText"} <= SHARED
    assert "followResize" in SHARED


@pytest.mark.parametrize("name", PAGES)
def test_every_page_extends_the_base_template(name: str) -> None:
    text = source(name)
    assert text.startswith('{% extends "base.html.j2" %}'), name
    for scaffolding in ("<!DOCTYPE", "<html", "<head>", "<meta charset", "<body>"):
        assert scaffolding not in text, f"{name} repeats the base template's {scaffolding}"


@pytest.mark.parametrize("name", [p for p in PAGES if "new vis.Network(" in source(p)])
def test_vis_pages_include_the_shared_script_and_redefine_none_of_it(name: str) -> None:
    text = source(name)
    assert '{% include "_page.js.j2" %}' in text
    again = SHARED & defined_functions(text)
    assert not again, f"{name} defines {sorted(again)} again (they live in _page.js.j2)"
    assert 'network.on("resize"' not in text, f"{name} handles resizing itself (use followResize)"


def test_the_vis_pages_are_the_three_interactive_ones() -> None:
    vis_pages = {p for p in PAGES if "new vis.Network(" in source(p)}
    assert vis_pages == {"aggregate.html.j2", "graph.html.j2", "networks.html.j2"}


# --------------------------------------------------------------------------- in the browser


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """graph.html and networks.html of the example; a district overview of three districts."""
    out = tmp_path_factory.mktemp("foundation")
    write_outputs(mintgraph.analyze(mintgraph.load(DATA), permutations=0), out)
    actors = pd.DataFrame(
        {
            "id": [f"a{i}" for i in range(6)],
            "name": ["Schule Groß-Gerau", "Verein Gießen", "Labor", "Museum", "Club", "Firma"],
            "region": ["06433", "06433", "06531", "06531", "06611", "06611"],
        }
    )
    regions = pd.DataFrame(
        {
            "code": ["06433", "06531", "06611"],
            "name": ["Groß-Gerau", "Gießen", "Kassel"],
            "population": [275_000, 270_000, 237_000],
        }
    )
    g = nx.Graph([("a0", "a1"), ("a1", "a2"), ("a2", "a3"), ("a3", "a4"), ("a4", "a5")])
    overview = out / "overview.html"
    overview.write_text(render_district_overview(g, actors, regions, lang="de"), encoding="utf-8")
    return {"graph": out / "graph.html", "networks": out / "networks.html", "overview": overview}


@pytest.mark.browser
@pytest.mark.parametrize(
    ("page_name", "query", "expected"),
    [
        ("graph", "MEISSNER", r"^\d+ Treffer$"),  # ß read as ss, case ignored
        ("networks", "werra meissner", r"^\d+ Netzwerke?$"),
        ("overview", "GROSS gerau", r"^1 Kreis · 2 Akteure$"),
    ],
)
def test_search_folds_the_same_way_on_every_page(
    pages: dict[str, Path], open_in_folder, page_name: str, query: str, expected: str
) -> None:
    opened = open_in_folder(pages[page_name])
    page = opened.page
    page.wait_for_function("window.mintgraph && window.mintgraph.drawn === true", timeout=10_000)
    page.fill("#search", query)
    text = page.inner_text("#matches").strip()
    assert re.match(expected, text), text
    assert not text.startswith("0 ")
    assert opened.errors == []


@pytest.mark.browser
@pytest.mark.parametrize("page_name", ["graph", "networks", "overview"])
def test_a_resize_refits_unless_the_user_zoomed(
    pages: dict[str, Path], open_in_folder, page_name: str
) -> None:
    opened = open_in_folder(pages[page_name])
    page = opened.page
    page.wait_for_function("window.mintgraph && window.mintgraph.drawn === true", timeout=10_000)
    scale = "window.mintgraph.network.getScale()"
    wide = page.evaluate(scale)
    page.set_viewport_size({"width": 700, "height": 900})
    page.wait_for_function(f"{scale} < {wide} * 0.9", timeout=5_000)  # fitted again: smaller
    narrow = page.evaluate(scale)
    page.set_viewport_size({"width": 1400, "height": 900})
    page.wait_for_function(f"Math.abs({scale} - {wide}) < 1e-6", timeout=5_000)  # and back
    # the user zooms in: a resize keeps the view (vis scales it with the width, no fit)
    page.evaluate(
        """(s) => { const n = window.mintgraph.network;
            n.moveTo({ scale: s }); n.emit("zoom", { direction: "+", scale: s }); }""",
        3 * wide,
    )
    page.set_viewport_size({"width": 700, "height": 900})
    page.wait_for_timeout(300)  # the resize handler waits 60 ms before it fits
    assert page.evaluate(scale) > 2 * narrow
    assert opened.errors == []
