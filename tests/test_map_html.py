"""map.html: districts, centroids, ties between districts, network outlines, offline, escaped; and in Chromium."""

from __future__ import annotations

import copy
import json
import math
import re
from collections import Counter
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path

import networkx as nx
import pytest

import mintgraph
from mintgraph.geo import class_breaks, project, union_outline
from mintgraph.regions import ATTRIBUTION, polygon_centroid, shipped_boundaries
from mintgraph.testing import tiny_dataset
from mintgraph.validate import check_records
from mintgraph.views.map_html import LABELS, district_ties, render_map

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
IMG_XSS = '<img src=x onerror="window.__xss=1">'
SCRIPT_BREAKER = "</script><script>window.__xss=2;alert(1)</script>"
BKG_NOTE = "© GeoBasis-DE / BKG 2021 (Daten verändert)"


# --------------------------------------------------------------------------- helpers


class _TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def parse_tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _TagCollector()
    parser.feed(html)
    parser.close()
    return parser.tags


def map_data(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="map-data">(.*?)</script>', html, re.S)
    assert match, "no map-data JSON blob"
    return json.loads(match.group(1))


def district_paths(html: str) -> dict[str, str]:
    """``data-code`` → path data of every district shape."""
    return {a["data-code"]: a["d"] for tag, a in parse_tags(html) if tag == "path" and "data-code" in a}


def network_outlines(html: str) -> dict[str, str]:
    """``data-network`` → path data of the network's outline."""
    tags = parse_tags(html)
    out = {}
    for i, (tag, attrs) in enumerate(tags):
        if tag == "g" and "data-network" in attrs:
            assert tags[i + 1][0] == "path"
            out[attrs["data-network"]] = tags[i + 1][1]["d"]
    return out


def rings(d: str) -> list[list[tuple[float, float]]]:
    """Rings of path data written as ``M x y x y … Z`` (absolute, implicit line-tos)."""
    out = []
    for part in re.findall(r"M([^MZ]*)Z?", d):
        numbers = [float(v) for v in part.split()]
        out.append(list(zip(numbers[::2], numbers[1::2], strict=True)))
    return out


def edges(d: str) -> Counter:
    """Undirected edges of the closed rings of path data, with multiplicity."""
    found: Counter = Counter()
    for ring in rings(d):
        for i, p in enumerate(ring):
            q = ring[(i + 1) % len(ring)]
            found[(min(p, q), max(p, q))] += 1
    return found


def tiny_result():
    return mintgraph.analyze(tiny_dataset())


def render(result, **kwargs) -> str:
    kwargs.setdefault("attribution", ATTRIBUTION)
    return render_map(
        result.dataset.boundaries,
        result.regions,
        result.graph,
        result.actors,
        result.dataset.networks,
        **kwargs,
    )


@pytest.fixture(scope="module")
def tiny():
    return tiny_result()


@pytest.fixture(scope="module")
def tiny_html(tiny) -> str:
    return render(tiny)


@pytest.fixture(scope="module")
def example():
    return mintgraph.analyze(mintgraph.load(DATA))


@pytest.fixture(scope="module")
def example_html(example) -> str:
    return render(example)


# --------------------------------------------------------------------------- geometry by hand


def test_centroid_of_a_unit_square_is_its_middle() -> None:
    assert polygon_centroid([[[(0, 0), (1, 0), (1, 1), (0, 1)]]]) == (0.5, 0.5)
    assert polygon_centroid([[[(0, 1), (1, 1), (1, 0), (0, 0)]]]) == (0.5, 0.5)  # clockwise


def test_centroid_weights_by_area_and_subtracts_holes() -> None:
    # L-shape = 2x1 bar (centre (1, 0.5), area 2) + 1x1 square on top left (centre (0.5, 1.5), area 1)
    x, y = polygon_centroid([[[(0, 0), (2, 0), (2, 1), (1, 1), (1, 2), (0, 2)]]])
    assert (x, y) == pytest.approx(((2 * 1 + 0.5) / 3, (2 * 0.5 + 1.5) / 3))
    # 4x4 square with a 2x2 hole in its corner: (16 * 2 - 4 * 1) / 12 = 7/3 in x and y
    x, y = polygon_centroid([[[(0, 0), (4, 0), (4, 4), (0, 4)], [(0, 0), (2, 0), (2, 2), (0, 2)]]])
    assert (x, y) == pytest.approx((7 / 3, 7 / 3))
    # two unit squares as a MultiPolygon: the middle between them
    assert polygon_centroid([[[(0, 0), (1, 0), (1, 1), (0, 1)]], [[(3, 0), (4, 0), (4, 1), (3, 1)]]]) == (
        2,
        0.5,
    )


def test_projection_scales_longitude_by_the_cosine_of_the_middle_latitude() -> None:
    shapes, width, height = project(
        {"a": [[[(8.0, 49.0), (9.0, 49.0), (9.0, 51.0), (8.0, 51.0)]]]}, size=1000, pad=0
    )
    assert height == 1000.0
    assert width == pytest.approx(1000 * math.cos(math.radians(50)) / 2, abs=0.1)
    (ring,) = shapes["a"][0]
    assert ring[0] == (0.0, 1000.0) and ring[2] == (width, 0.0)  # south-west at the bottom left, north up


def test_scale_bar_length_by_hand(tiny_html: str) -> None:
    # Hessen spans its latitudes over the 1,000 - 2 * 12 units of the map's height (it is taller
    # than wide); one degree of latitude is 111.195 km, so 20 km are 20 * 976 / (extent * 111.195)
    lats = [p[1] for f in shipped_boundaries()["features"] for ring in _outer_rings(f) for p in ring]
    units_per_km = 976 / ((max(lats) - min(lats)) * 111.195)
    bar = re.search(r'<g id="scale-bar"><path d="M([\d.]+) [\d.]+H([\d.]+)"', tiny_html)
    assert bar and "20 km</text>" in tiny_html
    assert float(bar.group(2)) - float(bar.group(1)) == pytest.approx(20 * units_per_km, abs=0.1)


def _outer_rings(feature: dict) -> list:
    geometry = feature["geometry"]
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [polygon[0] for polygon in polygons]


def test_union_outline_drops_the_shared_edge() -> None:
    left = [[[(0, 0), (1, 0), (1, 1), (0, 1)]]]
    right = [[[(1, 0), (2, 0), (2, 1), (1, 1)]]]
    (outline,) = union_outline([left, right])
    assert outline[0] == outline[-1], "not closed"
    segments = {(min(p, q), max(p, q)) for p, q in pairwise(outline)}
    assert ((1, 0), (1, 1)) not in segments
    assert len(segments) == 6 and set(outline) == {(0, 0), (1, 0), (2, 0), (2, 1), (1, 1), (0, 1)}
    assert union_outline([left]) == [[(0, 0), (0, 1), (1, 1), (1, 0), (0, 0)]]
    # borders that do not match exactly (no coverage) are both kept: still closed chains
    chains = union_outline([left, [[[(1, 0), (2, 0), (2, 1), (1, 1), (1, 0.5)]]]])
    assert all(chain[0] == chain[-1] for chain in chains)
    assert sum(len(chain) - 1 for chain in chains) == 4 + 5


def test_class_breaks_by_hand() -> None:
    # quantiles of 1..10 at 20/40/60/80 %: 2.8, 4.6, 6.4, 8.2
    assert class_breaks(list(range(1, 11))) == [2.8, 4.6, 6.4, 8.2]
    assert class_breaks([5.0, float("nan"), 5.0]) == []
    assert class_breaks([0, 0, 0, 0, 10]) == [2.0]  # 0 below, 10 at or above; no empty top class


# --------------------------------------------------------------------------- the page on the tiny landscape


def test_26_district_paths_for_the_shipped_boundaries(tiny, tiny_html: str) -> None:
    paths = district_paths(tiny_html)
    assert len(paths) == 26
    assert sorted(paths) == sorted(tiny.regions["code"])
    assert tiny_html.count('class="district"') == 26
    assert all(len(rings(d)[0]) >= 10 for d in paths.values())
    # coordinates are rounded to one decimal
    assert not re.search(r"\d\.\d\d", "".join(paths.values()))


def test_tie_aggregation_between_districts_by_hand(tiny) -> None:
    # s1-s2 and s2-u1 join Kassel city (06611) and Landkreis Kassel (06633); u1-c1 joins 06611 and Fulda
    # (06631); s1-u1 and c1-l1 stay inside one district; m1 has no tie.
    assert district_ties(tiny.graph, tiny.actors) == {("06611", "06631"): 1, ("06611", "06633"): 2}


def test_tie_lines_in_the_page(tiny_html: str) -> None:
    ties = map_data(tiny_html)["ties"]
    assert ties == [  # thin lines first; the two Kassels told apart by their kind
        {"tip": "Kassel (Stadt) – Fulda", "text": "1 Kooperationsbeziehung"},
        {"tip": "Kassel (Stadt) – Kassel (Landkreis)", "text": "2 Kooperationsbeziehungen"},
    ]
    widths = [
        float(a["stroke-width"]) for tag, a in parse_tags(tiny_html) if tag == "path" and "data-tie" in a
    ]
    assert len(widths) == 2 and widths[0] < widths[1]


def test_circles_sit_at_the_centroids_with_area_by_actors(tiny, tiny_html: str) -> None:
    paths = district_paths(tiny_html)
    circles = {a["data-code"]: a for tag, a in parse_tags(tiny_html) if tag == "circle" and "data-code" in a}
    actors = tiny.regions.set_index("code")["actors"]
    assert set(circles) == set(actors[actors > 0].index) == {"06611", "06633", "06631", "06412"}
    for code, circle in circles.items():
        cx, cy = polygon_centroid([rings(paths[code])])
        assert float(circle["cx"]) == pytest.approx(cx, abs=0.06)
        assert float(circle["cy"]) == pytest.approx(cy, abs=0.06)
    # areas proportional to actors: Kassel city has 2 actors, Frankfurt 1
    assert (float(circles["06611"]["r"]) / float(circles["06412"]["r"])) ** 2 == pytest.approx(2, rel=0.01)


def test_an_outline_for_each_network_with_districts(tiny, tiny_html: str) -> None:
    outlines = network_outlines(tiny_html)
    assert sorted(outlines) == ["net-a", "net-b"]  # the umbrella names no district
    paths = district_paths(tiny_html)
    # net-b covers Fulda alone: its outline is Fulda's boundary
    assert edges(outlines["net-b"]) == edges(paths["06631"])
    # net-a covers Kassel city and the Landkreis around it: the outline follows the Landkreis' border
    # and leaves out the border the two share, which is all of the city's border but one edge (in the
    # generalised VG5000 data, the city touches the Lower Saxony border there)
    outline = edges(outlines["net-a"])
    city, county = edges(paths["06611"]), edges(paths["06633"])
    assert len(set(city) - set(county)) == 1 and len(set(city) & set(county)) == len(city) - 1
    assert outline and all(n == 1 for n in outline.values())
    assert set(outline) == (set(county) - set(city)) | (set(city) - set(county))
    degree = Counter(p for edge in outline for p in edge)
    assert all(n % 2 == 0 for n in degree.values()), "the outline is not closed"
    names = [
        a for tag, a in parse_tags(tiny_html) if tag == "input" and "toggle-network" in (a.get("class") or "")
    ]
    assert len(names) == 2 and "Netz A" in tiny_html and "Netz B" in tiny_html


def test_white_spots_and_above_average_districts_are_marked(tiny, tiny_html: str) -> None:
    tags = parse_tags(tiny_html)
    mint = {a["data-mint"] for tag, a in tags if tag == "path" and "data-mint" in a}
    white = {a["data-white-spot"] for tag, a in tags if tag == "path" and "data-white-spot" in a}
    regions = tiny.regions.set_index("code")
    assert mint == set(regions.index[regions["mint_above_average"]]) and len(mint) == 10
    # Frankfurt has m1 but no activity; the only activities are in Fulda and Kassel city, both covered
    assert white == set(regions.index[regions["white_spot"]]) == set()
    for label in (LABELS["de"]["mint_above_average"], LABELS["de"]["white_spot"]):
        assert label in tiny_html


def test_attribution_is_shown_and_linked_to_bkg(tiny_html: str) -> None:
    link = re.search(r'<a href="([^"]*)"[^>]*>([^<]*)</a>', tiny_html)
    assert link and link.group(1) == "http://www.bkg.bund.de" and link.group(2) == BKG_NOTE
    assert "Statistisches Bundesamt (Destatis)" in tiny_html and "dl-de/by-2-0" in tiny_html


def test_attribution_without_bkg_is_plain_text(tiny) -> None:
    html = render(tiny, attribution="Landesamt X, <b>2024</b>")
    assert "<a " not in html and "Landesamt X, &lt;b&gt;2024&lt;/b&gt;" in html


def test_page_loads_nothing(tiny_html: str, example_html: str) -> None:
    for html in (tiny_html, example_html):
        links = [
            (tag, k, v)
            for tag, attrs in parse_tags(html)
            for k, v in attrs.items()
            if k in ("src", "href", "xlink:href")
        ]
        assert links == [("link", "href", "data:,"), ("a", "href", "http://www.bkg.bund.de")]
        assert not re.search(r"@import|url\((?!#)", html), "a CSS or SVG url() other than a local #id"
        assert "<image" not in html and "<iframe" not in html


def test_no_personal_columns_and_no_actor_names(tiny) -> None:
    actors = tiny.actors.assign(
        contact_person="Erika Mustermann", email="secret@example.org", phone="+49 661 1234567"
    )
    html = render_map(tiny.dataset.boundaries, tiny.regions, tiny.graph, actors, tiny.dataset.networks)
    for secret in ("Erika Mustermann", "secret@example.org", "+49 661 1234567", "Schule Eins", "Labor"):
        assert secret not in html


def test_german_by_default_and_english(tiny, tiny_html: str) -> None:
    assert '<html lang="de">' in tiny_html and "<title>MINT-Landschaft nach Kreisen</title>" in tiny_html
    assert (
        "26 Kreise · 6 Akteure · 2 Aktivitäten · 5 Kooperationsbeziehungen, davon 3 zwischen Kreisen"
        in tiny_html
    )
    html = render(tiny, lang="en", title="MINT in Hesse")
    assert '<html lang="en">' in html and "<title>MINT in Hesse</title>" in html
    assert "26 districts · 6 actors · 2 activities · 5 cooperation ties, 3 of them between districts" in html
    for label in ("Colour by", "Networks&#39; areas", "Ties between districts", "above-average share"):
        assert label in html
    assert set(LABELS["de"]) == set(LABELS["en"])
    with pytest.raises(ValueError, match="fr"):
        render(tiny, lang="fr")


def test_measures_colour_every_district(example, example_html: str) -> None:
    data = map_data(example_html)
    measures = ["actors_per_100k", "activities_per_100k", "ties_per_100k", "networks"]
    assert sorted(data["measures"]) == sorted(measures)
    assert [a["value"] for tag, a in parse_tags(example_html) if tag == "option"] == measures
    regions = example.regions.set_index("code")
    for key, measure in data["measures"].items():
        assert set(measure["fill"]) == set(regions.index)
        assert sum(int(c["count"]) for c in measure["classes"]) == 26
        assert len({c["color"] for c in measure["classes"]}) == len(measure["classes"])
        # a higher value never gets a lighter class
        order = [c["color"] for c in measure["classes"]]
        ranks = {code: order.index(color) for code, color in measure["fill"].items()}
        by_value = sorted(regions.index, key=lambda c: regions.loc[c, key])
        assert [ranks[c] for c in by_value] == sorted(ranks[c] for c in by_value)
    networks = data["measures"]["networks"]["classes"]
    assert [c["label"] for c in networks] == ["kein Netzwerk", "1 Netzwerk", "2 Netzwerke"]
    assert [int(c["count"]) for c in networks] == [int((regions["networks"] == n).sum()) for n in (0, 1, 2)]


def test_example_outlines_every_network_with_districts(example, example_html: str) -> None:
    nets = example.dataset.networks
    with_area = sorted(nets.loc[nets["regions"] != "", "id"])
    outlines = network_outlines(example_html)
    assert sorted(outlines) == with_area and len(with_area) == 6
    paths = district_paths(example_html)
    for net_id, d in outlines.items():
        codes = nets.set_index("id").loc[net_id, "regions"].split("|")
        counted = sum((edges(paths[c]) for c in codes), Counter())
        assert set(edges(d)) == {e for e, n in counted.items() if n == 1}, net_id
    colors = [a["stroke"] for tag, a in parse_tags(example_html) if tag == "path" and a.get("clip-path")]
    assert len(set(colors)) == 6


def test_two_renders_are_byte_identical(tiny, tiny_html: str) -> None:
    assert render(tiny) == tiny_html
    boundaries = copy.deepcopy(tiny.dataset.boundaries)
    boundaries["features"].reverse()
    graph = nx.Graph()
    graph.add_nodes_from(reversed(list(tiny.graph.nodes)))
    graph.add_edges_from(reversed(list(tiny.graph.edges(data=True))))
    shuffled = render_map(
        boundaries,
        tiny.regions.iloc[::-1],
        graph,
        tiny.actors.iloc[::-1],
        tiny.dataset.networks.iloc[::-1],
        attribution=ATTRIBUTION,
    )
    assert shuffled == tiny_html, "input order changed the page"


def test_no_boundaries_gives_the_message_page(tiny) -> None:
    html = render_map(
        None, tiny.regions, tiny.graph, tiny.actors, tiny.dataset.networks, attribution="own table"
    )
    assert "<svg" not in html and "Keine Kreisgrenzen vorhanden" in html and "boundaries.geojson" in html
    totals = dict(
        re.findall(
            r"<tr><th>([^<]*)</th><td>([^<]*)</td></tr>", html.split('id="totals"')[1].split("</table>")[0]
        )
    )
    assert totals["Akteure"] == "6" and totals["Aktivitäten"] == "2"
    assert totals["Kooperationen innerhalb eines Kreises"] == "2"
    assert totals["Kooperationen zwischen Kreisen"] == "3"
    assert totals["Einwohner"] == f"{int(tiny.regions['population'].sum()):,}".replace(",", ".")
    assert html.count("<tr><td>") == 26 and "own table" in html
    assert "Netz A" in html  # covering networks by name in the district table
    english = render_map(None, tiny.regions, tiny.graph, tiny.actors, tiny.dataset.networks, lang="en")
    assert "No district boundaries" in english and "Ties between districts" in english
    # boundaries that match no district also give the message
    other = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"ags": "99999"},
                "geometry": {"type": "Polygon", "coordinates": [[[9, 50], [9.1, 50], [9.1, 50.1], [9, 50]]]},
            }
        ],
    }
    html = render_map(other, tiny.regions, tiny.graph, tiny.actors, tiny.dataset.networks)
    assert "<svg" not in html and "Die Grenzen enthalten keinen Kreis" in html


# --------------------------------------------------------------------------- a user's own districts


def user_landscape():
    """Three square districts of a user's own table, with hostile names, and their boundaries."""
    names = {"X1": IMG_XSS, "X2": SCRIPT_BREAKER, "X3": "Nordkreis & <Süd>"}
    records = {
        "regions": [
            {"code": code, "name": name, "group": "Bezirk <b>", "population": str(100_000 * (i + 1))}
            for i, (code, name) in enumerate(names.items())
        ],
        "actors": [
            {"id": "a1", "name": "A", "type": "school", "region": "X1"},
            {"id": "a2", "name": "B", "type": "university", "region": "X2"},
            {"id": "a3", "name": "C", "type": "company", "region": "X3"},
        ],
        "networks": [{"id": "n<1>", "name": '<img src=y onerror="window.__xss=3">', "regions": "X1|X2"}],
        "memberships": [{"actor_id": "a1", "network_id": "n<1>"}],
        "cooperations": [
            {"source": "a1", "target": "a2", "type": "project", "since": "2020"},
            {"source": "a2", "target": "a3", "type": "offer", "since": "2021"},
        ],
        "activities": [
            {
                "id": "x1",
                "name": "Tag",
                "provider": "a3",
                "region": "X3",
                "topic": "M",
                "format": "club",
                "target_group": "primary",
                "year": "2022",
            }
        ],
    }
    report = check_records(records)
    assert report.dataset is not None, report.errors
    squares = {"X1": (8.0, 50.0), "X2": (8.5, 50.0), "X3": (8.0, 50.5)}
    boundaries = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"ags": code},
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [[[x, y], [x + 0.5, y], [x + 0.5, y + 0.5], [x, y + 0.5], [x, y]]],
                },
            }
            for code, (x, y) in squares.items()
        ],
    }
    return mintgraph.analyze(report.dataset), boundaries


def test_user_districts_are_escaped_in_svg_and_json() -> None:
    result, boundaries = user_landscape()
    html = render_map(
        boundaries,
        result.regions,
        result.graph,
        result.actors,
        result.dataset.networks,
        attribution="user-supplied",
    )
    assert IMG_XSS not in html and "<img" not in html and "</script><script>" not in html
    assert "&lt;img src=x onerror=&#34;window.__xss=1&#34;&gt;" in html  # the SVG label, as text
    assert "Nordkreis &amp; &lt;Süd&gt;" in html
    assert [tag for tag, _ in parse_tags(html) if tag == "script"] == ["script", "script"]
    assert sorted(district_paths(html)) == ["X1", "X2", "X3"]
    assert list(network_outlines(html)) == ["n<1>"]
    data = map_data(html)
    assert data["districts"]["X1"]["name"] == IMG_XSS
    assert ["Netzwerke", '<img src=y onerror="window.__xss=3">'] in data["districts"]["X2"]["rows"]


# --------------------------------------------------------------------------- in Chromium


@pytest.fixture(scope="module")
def example_file(example_html: str, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("map") / "map.html"
    path.write_text(example_html, encoding="utf-8")
    return path


@pytest.fixture
def map_page(example_file: Path, open_offline):
    opened = open_offline(example_file)
    opened.page.wait_for_function("window.mintgraph && window.mintgraph.drawn === true", timeout=15_000)
    yield opened
    assert opened.blocked == [], f"the page tried to load {opened.blocked}"
    assert opened.errors == [], f"console errors: {opened.errors}"
    assert opened.dialogs == [], f"a dialog was opened: {opened.dialogs}"


def _hover(page, code: str) -> tuple[float, float]:
    """Move the mouse onto a point inside the district (not covered by a circle or label)."""
    point = page.evaluate(
        """(code) => {
        const path = document.querySelector(`path.district[data-code="${code}"]`);
        const box = path.getBoundingClientRect();
        for (let fy = 0.2; fy < 0.9; fy += 0.05) for (let fx = 0.2; fx < 0.9; fx += 0.05) {
          const x = box.left + fx * box.width, y = box.top + fy * box.height;
          if (document.elementFromPoint(x, y) === path) return {x, y};
        }
        return null;
    }""",
        code,
    )
    assert point, f"no free point inside {code}"
    page.mouse.move(point["x"] - 3, point["y"] - 3)
    page.mouse.move(point["x"], point["y"], steps=3)
    return point["x"], point["y"]


@pytest.mark.browser
def test_26_districts_are_drawn_and_fill_the_window(map_page) -> None:
    page = map_page.page
    sizes = page.evaluate(
        """() => Array.from(document.querySelectorAll('svg path[data-code]')).map((p) => {
        const b = p.getBoundingClientRect(); return [p.getAttribute('data-code'), b.width, b.height];
    })"""
    )
    assert len(sizes) == 26 and all(w > 5 and h > 5 for _, w, h in sizes)
    svg = page.locator("#map-svg").bounding_box()
    assert svg and svg["height"] > 750, "the map does not fill the window"
    assert page.locator("circle.actors").count() == 26
    assert page.locator("path.tie").count() > 50


@pytest.mark.browser
def test_hover_and_click_show_a_districts_numbers(map_page, example) -> None:
    page = map_page.page
    row = example.regions.set_index("code").loc["06534"]
    x, y = _hover(page, "06534")
    page.locator("#tip").wait_for(state="visible", timeout=5_000)
    tip = page.inner_text("#tip")
    assert tip.startswith("Marburg-Biedenkopf")
    assert f"Akteure\t{row.actors}" in tip and f"Aktivitäten\t{row.activities}" in tip
    assert f"Kooperationen im Kreis\t{row.ties_inside}" in tip
    assert "MINTmit – MINT-Netzwerk Mittelhessen" in tip
    page.mouse.click(x, y)
    assert page.inner_text("#details-name") == "Marburg-Biedenkopf"
    details = page.inner_text("#details-rows")
    for text in ("06534", "Gießen", "246.097", f"{row.ties_to_other_districts}", "Landkreis"):
        assert text in details
    page.click("#close")
    assert not page.locator("#details-body").is_visible()
    page.mouse.move(2, 2)
    assert not page.locator("#tip").is_visible()


@pytest.mark.browser
def test_switching_the_measure_changes_the_fill(map_page) -> None:
    page = map_page.page
    fills = "() => Array.from(document.querySelectorAll('path.district')).map((p) => p.getAttribute('fill'))"
    before = page.evaluate(fills)
    legend_before = page.inner_text("#classes")
    page.select_option("#measure", "networks")
    after = page.evaluate(fills)
    assert before != after and len(set(after)) == 3
    assert "kein Netzwerk" in page.inner_text("#classes") and page.inner_text("#classes") != legend_before
    page.select_option("#measure", "actors_per_100k")
    assert page.evaluate(fills) == before


@pytest.mark.browser
def test_toggles_hide_ties_and_network_outlines(map_page) -> None:
    page = map_page.page
    assert page.locator("path.tie").first.is_visible()
    page.uncheck("#toggle-ties")
    assert page.locator("path.tie").first.is_hidden() and page.locator("#ties").is_hidden()
    page.check("#toggle-ties")
    assert page.locator("path.tie").first.is_visible()
    net = page.locator('g.network[data-network="mint-forum-nordhessen"]')
    assert net.is_visible()
    index = net.get_attribute("id").removeprefix("mg-net-")
    label = page.locator(f'input.toggle-network[data-index="{index}"]').locator("xpath=..")
    assert "MINT-Forum Nordhessen" in label.inner_text()
    page.uncheck(f'input.toggle-network[data-index="{index}"]')
    assert net.is_hidden() and page.locator("g.network:visible").count() == 5
    page.uncheck("#toggle-labels")
    assert page.locator("#labels").is_hidden()


@pytest.mark.browser
def test_attribution_is_visible(map_page) -> None:
    page = map_page.page
    link = page.locator("#attribution a")
    assert link.is_visible() and link.inner_text() == BKG_NOTE
    assert link.get_attribute("href") == "http://www.bkg.bund.de"
    box, view = page.locator("#attribution").bounding_box(), page.viewport_size
    assert box and view and box["y"] + box["height"] <= view["height"] + 0.5
    assert "Destatis" in page.inner_text("#attribution")


@pytest.mark.browser
def test_hostile_district_names_run_nothing(tmp_path: Path, open_offline) -> None:
    result, boundaries = user_landscape()
    path = tmp_path / "map.html"
    path.write_text(
        render_map(boundaries, result.regions, result.graph, result.actors, result.dataset.networks),
        encoding="utf-8",
    )
    opened = open_offline(path)
    page = opened.page
    page.wait_for_function("window.mintgraph && window.mintgraph.drawn === true", timeout=15_000)
    assert page.locator("svg path[data-code]").count() == 3
    for code, name in (("X1", IMG_XSS), ("X2", SCRIPT_BREAKER)):
        x, y = _hover(page, code)
        page.locator("#tip").wait_for(state="visible", timeout=5_000)
        assert page.inner_text("#tip .tip-head") == name
        page.mouse.click(x, y)
        assert page.inner_text("#details-name") == name
        assert '<img src=y onerror="window.__xss=3">' in page.inner_text("#details-rows")
    assert IMG_XSS in page.text_content("#labels")
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert opened.blocked == [] and opened.errors == [] and opened.dialogs == []


@pytest.mark.browser
def test_message_page_in_the_browser(tmp_path: Path, open_offline, tiny) -> None:
    path = tmp_path / "map.html"
    path.write_text(
        render_map(None, tiny.regions, tiny.graph, tiny.actors, tiny.dataset.networks), encoding="utf-8"
    )
    opened = open_offline(path)
    opened.page.wait_for_function("window.mintgraph && window.mintgraph.drawn === true", timeout=15_000)
    assert "Keine Kreisgrenzen vorhanden" in opened.page.inner_text("#message")
    assert opened.blocked == [] and opened.errors == [] and opened.dialogs == []
