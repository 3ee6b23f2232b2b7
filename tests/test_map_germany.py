"""The map beyond Hessen: the data's districts in context (neighbours, Länder borders), zoomed to the area.

The oracles are independent of the map code: which districts neighbour the data comes from the
shipped ``adjacency.csv`` (computed by the build script on the unsimplified BKG polygons), and the
Länder borders must lie on the outlines of the shipped ``laender.geojson`` (dissolved separately).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import mintgraph
from mintgraph.geo import MARGIN, Frame, feature_polygons
from mintgraph.regions import germany_boundaries, germany_context, germany_neighbours
from mintgraph.testing import ACROSS_LAENDER, write_tables
from mintgraph.views import map_html
from mintgraph.views.map_html import district_shapes, render_map

PATH = re.compile(
    r'<path class="(district|context(?: near)?)" data-(?:code|context)="([^"]+)"[^>]*\sd="([^"]+)"'
)


def cli_group():
    from mintgraph.cli import cli

    return cli


def _render(result, lang: str = "de", context: bool = True) -> str:
    return render_map(
        result.dataset.boundaries,
        result.regions,
        result.graph,
        result.actors,
        result.dataset.networks,
        lang=lang,
        attribution=result.dataset.region_source,
        context=germany_context(set(result.regions["code"])) if context else None,
    )


def _paths(html: str) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {"district": {}, "context": {}, "context near": {}}
    for kind, code, d in PATH.findall(html):
        out[kind][code] = d
    return out


def _points(d: str) -> list[tuple[float, float]]:
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", d)]
    return list(zip(numbers[::2], numbers[1::2], strict=True))


def _data(html: str) -> dict:
    return json.loads(
        re.search(r'<script type="application/json" id="map-data">(.*?)</script>', html, re.S)[1]
    )


@pytest.fixture(scope="module")
def across(tmp_path_factory):
    folder = write_tables(tmp_path_factory.mktemp("across") / "data", ACROSS_LAENDER)
    return mintgraph.analyze(mintgraph.load(folder), permutations=0)


@pytest.fixture(scope="module")
def across_html(across) -> str:
    return _render(across)


def test_every_covered_district_is_drawn_with_its_neighbours_as_context(across, across_html: str) -> None:
    paths = _paths(across_html)
    covered = set(across.regions["code"])
    assert set(paths["district"]) == covered and len(covered) == 28  # Hessen's 26, Eisenach, Köln
    neighbours = set().union(*(germany_neighbours()[c] for c in covered)) - covered
    # the lighter "neighbour" tone is exactly the districts bordering the data (adjacency.csv)
    assert set(paths["context near"]) == neighbours
    assert {"16064", "16061", "03159", "05316", "05362"} <= neighbours  # across Land borders too
    # other districts in view are context too, never a district of the data
    assert not set(paths["context"]) & covered and paths["context"]
    tips = _data(across_html)["context"]
    assert tips["16064"]["name"] == "Unstrut-Hainich-Kreis"
    assert ["Land", "Thüringen"] in tips["16064"]["tip"]
    assert ["", "Nachbarkreis, nicht in den Daten"] in tips["16064"]["tip"]
    assert "Nachbarkreis, nicht in den Daten" in across_html and "Grenze zwischen Ländern" in across_html


def test_the_map_zooms_to_the_covered_area_with_a_margin(across, across_html: str) -> None:
    paths = _paths(across_html)
    width, height = (float(v) for v in re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', across_html).groups())
    covered = [p for d in paths["district"].values() for p in _points(d)]
    xs, ys = [p[0] for p in covered], [p[1] for p in covered]
    map_width = width - 200  # the legend column
    # the area spans the longer side of the box but for the margin on both sides
    span = max(max(xs) - min(xs), max(ys) - min(ys))
    assert span == pytest.approx((1000 - 24) / (1 + 2 * MARGIN), rel=0.01)
    assert min(xs) > 0 and max(xs) < map_width and min(ys) > 0 and max(ys) < height
    # context outside the box is left out: every drawn context district reaches into it
    for d in [*paths["context"].values(), *paths["context near"].values()]:
        points = _points(d)
        assert min(p[0] for p in points) < map_width and max(p[0] for p in points) > 0
        assert min(p[1] for p in points) < height and max(p[1] for p in points) > 0


def test_one_district_fills_the_map_and_keeps_its_neighbours(tmp_path: Path) -> None:
    records = {
        "actors": [
            {"id": "a", "name": "A", "type": "school", "region": "16063"},
            {"id": "b", "name": "B", "type": "company", "region": "16063"},
        ],
        "networks": [{"id": "n", "name": "Netz", "founded": "2020", "regions": "16063"}],
        "memberships": [{"actor_id": "a", "network_id": "n"}],
        "cooperations": [{"source": "a", "target": "b", "type": "project", "since": "2021"}],
    }
    result = mintgraph.analyze(mintgraph.load(write_tables(tmp_path / "data", records)), permutations=0)
    html = _render(result)
    paths = _paths(html)
    assert list(paths["district"]) == ["16063"]
    assert set(paths["context near"]) == germany_neighbours()["16063"]  # Hessen's and Thüringen's
    points = _points(paths["district"]["16063"])
    span = max(
        max(p[0] for p in points) - min(p[0] for p in points),
        max(p[1] for p in points) - min(p[1] for p in points),
    )
    assert span > 600  # zoomed in: one district is most of the 1,000-unit map, not a dot in Germany
    assert 'id="land-borders"' in html  # the Hessen–Thüringen border runs through the view


def test_land_borders_lie_on_the_shipped_laender_outlines(across, across_html: str) -> None:
    lonlat, _ = district_shapes(across.dataset.boundaries, set(across.regions["code"]))
    frame = Frame.fit(lonlat, margin=MARGIN)
    outline_points = {
        frame.point(p)
        for feature in germany_boundaries("laender")["features"]
        for polygon in feature_polygons(feature["geometry"])
        for ring in polygon
        for p in ring
    }
    border = re.search(r'<path id="land-borders"[^>]*\sd="([^"]+)"', across_html)[1]
    points = _points(border)
    assert len(points) > 100
    assert set(points) <= outline_points
    # Hessen–Thüringen: the border between Werra-Meißner and the Wartburgkreis is drawn
    paths = _paths(across_html)
    shared = set(_points(paths["district"]["06636"])) & set(_points(paths["district"]["16063"]))
    assert len(shared) > 3 and shared <= set(points)
    # and no border inside a Land: Kassel and Werra-Meißner share points that are not on it
    inner = set(_points(paths["district"]["06636"])) & set(_points(paths["district"]["06633"]))
    assert inner - outline_points


def test_without_context_only_the_datas_own_districts_are_drawn(across) -> None:
    html = _render(across, context=False)
    paths = _paths(html)
    assert len(paths["district"]) == 28 and not paths["context"] and not paths["context near"]
    # the Länder borders are then those between the data's own districts (Hessen–Thüringen)
    border = set(_points(re.search(r'<path id="land-borders"[^>]*\sd="([^"]+)"', html)[1]))
    shared = set(_points(paths["district"]["06636"])) & set(_points(paths["district"]["16063"]))
    assert shared and shared <= border
    hessen_only = {k: v for k, v in paths["district"].items() if k.startswith("06")}
    assert not border - set().union(*(set(_points(d)) for d in hessen_only.values()))
    assert germany_context({"X1", "X2"}) is None  # a user's own district table: no German context


def test_english_context_labels(across) -> None:
    html = _render(across, lang="en")
    assert "Neighbouring district, not in the data" in html and "Border between Länder (states)" in html
    assert ["Land (state)", "Thüringen"] in _data(html)["context"]["16064"]["tip"]


# --------------------------------------------------------------------------- in Chromium


@pytest.mark.browser
def test_the_map_across_three_laender_in_chromium(
    across, across_html: str, tmp_path: Path, open_offline
) -> None:
    path = tmp_path / "map.html"
    path.write_text(across_html, encoding="utf-8")
    opened = open_offline(path)
    page = opened.page
    page.wait_for_function("window.mintgraph && window.mintgraph.drawn === true", timeout=15_000)
    sizes = page.evaluate(
        """() => Array.from(document.querySelectorAll('path.district')).map((p) => {
        const b = p.getBoundingClientRect(); return [p.getAttribute('data-code'), b.width, b.height];
    })"""
    )
    assert len(sizes) == 28 and all(w > 2 and h > 2 for _, w, h in sizes)
    border = page.locator("#land-borders").bounding_box()
    assert border and border["width"] > 100 and border["height"] > 100
    # a neighbour across the border explains itself on hover
    point = page.evaluate(
        """() => {
        const path = document.querySelector('path.context[data-context="16064"]');
        const box = path.getBoundingClientRect();
        for (let fy = 0.2; fy < 0.9; fy += 0.05) for (let fx = 0.2; fx < 0.9; fx += 0.05) {
          const x = box.left + fx * box.width, y = box.top + fy * box.height;
          if (document.elementFromPoint(x, y) === path) return {x, y};
        }
        return null;
    }"""
    )
    assert point, "the Unstrut-Hainich-Kreis is not visible"
    page.mouse.move(point["x"], point["y"], steps=3)
    page.locator("#tip").wait_for(state="visible", timeout=5_000)
    tip = page.inner_text("#tip")
    assert tip.startswith("Unstrut-Hainich-Kreis") and "Thüringen" in tip and "nicht in den Daten" in tip
    assert opened.blocked == [] and opened.errors == []


@pytest.mark.browser
@pytest.mark.slow
def test_the_map_of_all_400_districts_draws_in_chromium(tmp_path: Path, open_offline) -> None:
    from mintgraph.cli import cli

    folder = tmp_path / "de"
    made = CliRunner().invoke(cli, ["generate", str(folder), "--actors", "2000", "--land", "all"])
    assert made.exit_code == 0, made.output
    result = mintgraph.analyze(mintgraph.load(folder), permutations=0)
    assert len(result.regions) == 400
    path = tmp_path / "map.html"
    path.write_text(_render(result), encoding="utf-8")
    opened = open_offline(path)
    page = opened.page
    page.wait_for_function("window.mintgraph && window.mintgraph.drawn === true", timeout=30_000)
    drawn = page.evaluate(
        """() => Array.from(document.querySelectorAll('path.district')).filter((p) => {
        const b = p.getBoundingClientRect(); return b.width > 0 && b.height > 0; }).length"""
    )
    assert drawn == 400
    assert page.locator("path.context").count() == 0  # all of Germany is covered: no context
    border = page.locator("#land-borders").bounding_box()
    svg = page.locator("#map-svg").bounding_box()
    assert border and svg and border["height"] > 0.6 * svg["height"]  # Schleswig-Holstein to Bayern
    page.select_option("#measure", "ties_per_100k")
    assert page.evaluate("window.mintgraph.measure") == "ties_per_100k"
    # 400 names and a band for every network would bury the map: they start hidden, one click away
    assert not page.locator("#labels").is_visible() and not page.locator("#toggle-labels").is_checked()
    page.check("#toggle-labels")
    assert page.locator("#labels").is_visible() and page.locator("text.label").count() == 400
    bands = page.locator("input.toggle-network")
    assert bands.count() > map_html.BANDS_SHOWN_MAX and not bands.first.is_checked()
    assert not page.locator("#mg-net-0").is_visible()
    bands.first.check()
    assert page.locator("#mg-net-0").is_visible()
    assert opened.blocked == [] and opened.errors == []


def test_only_the_strongest_district_pairs_get_a_line_above_the_cap(monkeypatch) -> None:
    example = mintgraph.analyze(mintgraph.load(Path(__file__).resolve().parents[1] / "data"), permutations=0)
    ties = map_html.district_ties(example.graph, example.actors)
    monkeypatch.setattr(map_html, "MAX_TIE_LINES", 10)
    html = _render(example)
    drawn = _data(html)["ties"]
    assert len(drawn) == 10
    strongest = sorted(ties.items(), key=lambda item: (-item[1], item[0]))[:10]
    # drawn thin to thick, so each line's text is the count of one of the ten strongest pairs
    assert sorted(int(t["text"].split()[0]) for t in drawn) == sorted(n for _, n in strongest)
    least = min(n for _, n in strongest)
    note = re.search(r'<p class="hint" id="ties-note">([^<]+)</p>', html)[1]
    assert note == (
        f"Linien für die 10 Kreispaare mit den meisten Kooperationen (je mindestens {least}); "
        f"{len(ties)} Paare insgesamt."
    )
    monkeypatch.setattr(map_html, "MAX_TIE_LINES", 1500)
    assert 'id="ties-note"' not in _render(example)  # the example's pairs are all drawn


def test_the_district_overview_of_germany_is_laid_out_by_geography(tmp_path: Path) -> None:
    from mintgraph.views.aggregate_html import render_district_overview

    made = CliRunner().invoke(
        cli_group(), ["generate", str(tmp_path / "de"), "--actors", "1200", "--land", "all"]
    )
    assert made.exit_code == 0, made.output
    result = mintgraph.analyze(mintgraph.load(tmp_path / "de"), permutations=0)
    html = render_district_overview(result.graph, result.actors, result.dataset.regions)
    nodes = {
        n["id"]: (n["x"], n["y"])
        for n in json.loads(
            re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S)[1]
        )["nodes"]
    }
    assert len(nodes) == 400
    # north up, west left: Flensburg above München, Köln left of Dresden, Kassel between
    assert nodes["01001"][1] < nodes["06611"][1] < nodes["09162"][1]
    assert nodes["05315"][0] < nodes["06611"][0] < nodes["14612"][0]
    # coloured by Land: one legend level, never Hessen's Regierungsbezirke next to other Länder
    legend = re.findall(r'<span class="swatch"[^>]*></span><span>([^<]+)</span>', html)
    assert len(legend) == 16 and "Hessen" in legend and "Thüringen" in legend and "Gießen" not in legend
