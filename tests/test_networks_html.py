"""networks.html: one node per network, the quotient's edges, member lists, labels, determinism, escaping."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd
import pytest

import mintgraph
from mintgraph.graph import network_members
from mintgraph.metrics.nexus import network_of_networks, network_quotient
from mintgraph.model import Dataset
from mintgraph.testing import tiny_dataset
from mintgraph.validate import check_records
from mintgraph.views.networks_html import LABELS, render_network_of_networks

REPO = Path(__file__).resolve().parents[1]
IMG_XSS = '<img src=x onerror="window.__xss=1">'
SCRIPT_BREAKER = "</script><script>window.__xss=2;alert(1)</script>"
PERSONAL = {"contact_person": "Erika Mustermann", "email": "secret@example.org", "phone": "+49 661 1234567"}


class Landscape:
    """A dataset, its analysis and the network of networks, rendered in German."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.result = mintgraph.analyze(dataset, permutations=0)
        self.nexus = network_of_networks(self.result.graph, dataset)
        self.actors = self.result.actors.assign(**PERSONAL)  # personal columns must never reach the page
        self.html = self.render()

    def render(self, **kwargs: Any) -> str:
        return render_network_of_networks(
            self.nexus, self.result.networks, self.actors, self.dataset.memberships, **kwargs
        )


def hostile_dataset() -> Dataset:
    """An umbrella with two networks (one named like an XSS attack), a network without umbrella."""
    actor = lambda i, name, typ, region: {"id": i, "name": name, "type": typ, "region": region}  # noqa: E731
    report = check_records(
        {
            "actors": [
                actor("s1", "Gymnasium am Löwenplatz", "school", "06611"),
                actor("u1", "Universität Kassel", "university", "06611"),
                actor("x1", IMG_XSS, "student_lab", "06611"),
                actor("x2", SCRIPT_BREAKER, "company", "06631"),
                actor("f1", "Stiftung Fulda", "foundation", "06631"),
            ],
            "networks": [
                {"id": "dach", "name": "Dach Hessen"},
                {"id": "nord", "name": "MINT Nord", "parent": "dach", "founded": "2015"},
                {"id": "xss", "name": IMG_XSS, "parent": "dach"},
                {"id": "solo", "name": "Solo-Netz Osthessen"},
            ],
            "memberships": [
                {"actor_id": a, "network_id": n, "role": r}
                for a, n, r in [
                    ("s1", "nord", "coordinator"),
                    ("u1", "nord", "member"),
                    ("u1", "xss", "member"),
                    ("x1", "xss", "member"),
                    ("x2", "xss", "coordinator"),
                    ("f1", "solo", "coordinator"),
                    ("u1", "dach", "member"),
                ]
            ],
            "cooperations": [
                {"source": "s1", "target": "x1", "type": "project", "since": "2020"},
                {"source": "s1", "target": "f1", "type": "offer", "since": "2021"},
            ],
            "network_links": [{"network_a": "xss", "network_b": "solo", "type": "exchange", "year": "2023"}],
        }
    )
    assert report.dataset is not None, report.errors
    return report.dataset


@pytest.fixture(scope="module")
def tiny() -> Landscape:
    return Landscape(tiny_dataset())


@pytest.fixture(scope="module")
def example() -> Landscape:
    return Landscape(mintgraph.load(REPO / "data"))


@pytest.fixture(scope="module")
def hostile() -> Landscape:
    return Landscape(hostile_dataset())


def page_data(html: str) -> dict[str, Any]:
    match = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S)
    assert match, "no graph-data JSON blob"
    return json.loads(match.group(1))


def fold(text: str) -> str:
    """The page's search folding: accents dropped, ß as ss, lower case."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ß", "ss").lower()


def sort_key(name: str) -> str:
    return fold(name.casefold())


class _TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def parse_tags(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    parser = _TagCollector()
    parser.feed(html)
    parser.close()
    return parser.tags


# --------------------------------------------------------------------------- nodes and edges


@pytest.mark.parametrize("name", ["tiny", "example", "hostile"])
def test_one_node_per_network(request, name: str) -> None:
    land: Landscape = request.getfixturevalue(name)
    data = page_data(land.html)
    ids = [n["id"] for n in data["nodes"]]
    assert ids == list(land.nexus.nodes) == land.result.networks["id"].tolist()
    assert [n["name"] for n in data["nodes"]] == land.result.networks["name"].tolist()
    assert sorted(data["networks"]) == sorted(ids)
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in data["nodes"])
    assert len({(n["x"], n["y"]) for n in data["nodes"]}) == len(ids), "two networks on the same spot"
    assert data["options"]["physics"]["enabled"] is False
    # bigger networks are bigger dots
    size = {n["id"]: n["size"] for n in data["nodes"]}
    members = dict(zip(land.result.networks["id"], land.result.networks["members"], strict=True))
    for a in ids:
        for b in ids:
            if members[a] > members[b]:
                assert size[a] > size[b], (a, b)
    # each node's colour group is its level
    assert {n["id"]: n["group"] for n in data["nodes"]} == dict(land.nexus.nodes(data="level"))


@pytest.mark.parametrize("name", ["tiny", "example", "hostile"])
def test_edges_match_the_network_quotient(request, name: str) -> None:
    land: Landscape = request.getfixturevalue(name)
    quotient = network_quotient(land.result.graph, land.dataset)
    expected = {(r.network_a, r.network_b): r for r in quotient.itertuples(index=False)}
    edges = page_data(land.html)["edges"]
    assert len(edges) == len(quotient)
    seen = set()
    for e in edges:
        pair = tuple(sorted((e["from"], e["to"])))
        seen.add(pair)
        row = expected[pair]
        tip = dict(e["tip"])
        cross, shared, documented = (
            LABELS["de"][k] for k in ("cross_ties", "shared_members", "documented_links")
        )
        assert (tip[cross], tip[shared], tip[documented]) == (
            str(row.cross_ties),
            str(row.shared_members),
            str(row.documented_links),
        )
        assert e["label"] == (str(row.weight) if row.weight else "")
        if row.umbrella:
            assert e["kind"] == "umbrella"
            child = e["from"]
            assert land.nexus.nodes[child]["parent"] == e["to"], "umbrella arrows point child → umbrella"
        else:
            assert e["kind"] == ("work" if row.weight else "documented")
    assert seen == set(expected)
    # wider lines for heavier pairs
    weight = {
        tuple(sorted((e["from"], e["to"]))): expected[tuple(sorted((e["from"], e["to"])))].weight
        for e in edges
    }
    width = {tuple(sorted((e["from"], e["to"]))): e["width"] for e in edges}
    for p in weight:
        for q in weight:
            if weight[p] > weight[q]:
                assert width[p] > width[q], (p, q)


def test_tiny_by_hand(tiny: Landscape) -> None:
    data = page_data(tiny.html)
    edges = {(e["from"], e["to"]): e for e in data["edges"]}
    # net-a and net-b hang under the umbrella: two dashed arrows child → umbrella, weight 0
    assert set(edges) == {("net-a", "umbrella"), ("net-b", "umbrella"), ("net-a", "net-b")}
    for child in ("net-a", "net-b"):
        arrow = edges[(child, "umbrella")]
        assert arrow["kind"] == "umbrella" and arrow["label"] == "" and not arrow["curved"]
        assert arrow["tip"][0] == [
            "",
            f"{'Netz A' if child == 'net-a' else 'Netz B'} gehört zum Dachnetzwerk Dach",
        ]
        assert dict(arrow["tip"][1:]) == {
            "Kooperationen über die Netzgrenze": "0",
            "gemeinsame Mitglieder": "0",
            "dokumentierte Verbindungen": "0",
        }
    # the only working link: u1–c1, one cooperation across the boundary
    link = edges[("net-a", "net-b")]
    assert link["kind"] == "work" and link["label"] == "1" and link["curved"]
    assert link["head"] == "Netz A – Netz B"
    assert dict(link["tip"])["Kooperationen über die Netzgrenze"] == "1"
    # the umbrella sits above and between its two networks
    pos = {n["id"]: (n["x"], n["y"]) for n in data["nodes"]}
    assert pos["umbrella"][1] < pos["net-a"][1] == pos["net-b"][1]
    assert pos["net-a"][0] < pos["umbrella"][0] < pos["net-b"][0]
    assert abs(pos["umbrella"][0] - (pos["net-a"][0] + pos["net-b"][0]) / 2) <= 1
    assert "3 Netzwerke (davon 1 Dachnetzwerk) · 1 Verbindung · 4 Mitglieder" in tiny.html


def test_tiny_panels_by_hand(tiny: Landscape) -> None:
    data = page_data(tiny.html)
    umbrella = data["networks"]["umbrella"]
    # sorted by name: Firma, Schule Eins, Schule Zwei, Uni; each marked by its sub-network
    assert umbrella["members"] == [
        ["c1", [["net-b", "coordinator"]]],
        ["s1", [["net-a", "member"]]],
        ["s2", [["net-a", "member"]]],
        ["u1", [["net-a", "coordinator"]]],
    ]
    assert umbrella["direct"] == [] and umbrella["level"] == "umbrella"
    assert dict(umbrella["figures"]) == {
        "Ebene": "Dachnetzwerk",
        "Gegründet": "2010",
        "Mitglieder": "4 · kleines Netzwerk (unter 5 Mitgliedern): Werte nicht vergleichbar",
        "davon direkt im Dachnetzwerk": "0",
        "Dichte": "0,667",
        "E-I-Index (Offenheit)": "-0,6",
        "E-I-Index minus Erwartung (Zufallsgruppen der Region)": "–",  # no permutations: no expectation
        "Robustheit ohne 3 Schlüsselakteure": "0,25",
    }
    net_a = data["networks"]["net-a"]
    assert [m[0] for m in net_a["members"]] == ["s1", "s2", "u1"]
    assert dict(net_a["figures"])["Dachnetzwerk"] == "Dach"
    assert dict(net_a["figures"])["E-I-Index (Offenheit)"] == "-0,5"
    assert "davon direkt im Dachnetzwerk" not in dict(net_a["figures"])
    assert net_a["links"] == [["net-b", "1 Kooperation über die Netzgrenze"]]
    name, kind, district = data["actors"]["u1"]
    assert (name, kind, data["districts"][district]) == ("Uni", "university", "Kassel")
    assert data["typeNames"]["university"] == "Hochschule"  # once per type, not per actor
    assert "l1" not in data["actors"] and "m1" not in data["actors"], "actors in no network are not listed"
    assert data["overview"] == ["umbrella", "net-a", "net-b"]


def test_example_marks_small_networks_only(example: Landscape) -> None:
    data = page_data(example.html)
    members = example.result.networks.set_index("id")["members"]
    for network_id, entry in data["networks"].items():
        shown = dict(entry["figures"])["Mitglieder"]
        assert ("kleines Netzwerk" in shown) == (members[network_id] < 5), (network_id, shown)
    assert "kleines Netzwerk" in dict(data["networks"]["mint-se"]["figures"])["Mitglieder"]


@pytest.mark.parametrize("name", ["tiny", "example", "hostile"])
def test_member_list_is_the_networks_members(request, name: str) -> None:
    land: Landscape = request.getfixturevalue(name)
    data = page_data(land.html)
    members = network_members(land.dataset)
    direct = network_members(land.dataset, include_subnetworks=False)
    names = dict(zip(land.actors["id"], land.actors["name"], strict=True))
    for network_id, info in data["networks"].items():
        listed = [m[0] for m in info["members"]]
        assert set(listed) == members[network_id] and len(listed) == len(members[network_id])
        assert len(listed) == land.nexus.nodes[network_id]["members"]
        assert set(info["direct"]) == direct[network_id]
        keys = [(sort_key(names[a]), a) for a in listed]
        assert keys == sorted(keys), f"{network_id}: members not sorted by name"
        for actor, roles in info["members"]:  # every listed membership exists in memberships.csv
            for sub, role in roles:
                assert actor in direct[sub]
                row = land.dataset.memberships.query("actor_id == @actor and network_id == @sub")
                assert row["role"].tolist() == [role]
    assert set(data["actors"]) == {a for m in members.values() for a in m}


def test_example_umbrella_lists_its_sub_networks_members(example: Landscape) -> None:
    data = page_data(example.html)
    cluster = data["networks"]["mint-cluster"]
    subs = {sub for _, roles in cluster["members"] for sub, _ in roles}
    assert subs == {"mint-se", "mintmit"}
    assert len(cluster["members"]) == 33
    wmk = data["networks"]["mint-wmk"]
    assert [data["actors"][a][0] for a, _ in wmk["members"]] == [
        "Berufliche Schulen Witzenhausen",
        "Haupt- und Realschule Sontra",
        "MINT im Werra-Meißner-Kreis e.V.",
        "Schülerforschungszentrum Nordhessen",
        "Stadt Witzenhausen",
        "VDE Kassel",
    ]
    assert "8 Netzwerke (davon 2 Dachnetzwerke) · 8 Verbindungen · 110 Mitglieder" in example.html


def test_documented_only_link_and_network_without_umbrella(hostile: Landscape) -> None:
    data = page_data(hostile.html)
    edges = {(e["from"], e["to"]): e for e in data["edges"]}
    documented = edges[("xss", "solo")]
    assert documented["kind"] == "documented" and documented["label"] == ""
    assert dict(documented["tip"])["dokumentierte Verbindungen"] == "1"
    # an umbrella with a direct member: the umbrella arrow carries the shared member's weight
    assert edges[("nord", "dach")]["kind"] == "umbrella" and edges[("nord", "dach")]["label"] == "1"
    pos = {n["id"]: (n["x"], n["y"]) for n in data["nodes"]}
    assert pos["solo"][1] == pos["nord"][1] > pos["dach"][1], "a network without umbrella sits in the row"
    bounds = data["bounds"]
    assert all(
        bounds["x0"] <= x <= bounds["x1"] and bounds["y0"] <= y <= bounds["y1"] for x, y in pos.values()
    )
    assert data["networks"]["dach"]["direct"] == ["u1"]
    roles = dict(data["networks"]["dach"]["members"])["u1"]
    assert roles == [["dach", "member"], ["nord", "member"], ["xss", "member"]]


# --------------------------------------------------------------------------- privacy, language, determinism


@pytest.mark.parametrize("name", ["tiny", "example"])
def test_no_personal_data(request, name: str) -> None:
    land: Landscape = request.getfixturevalue(name)
    for value in PERSONAL.values():
        assert value not in land.html
    data = page_data(land.html)
    assert all(len(a) == 3 and 0 <= a[2] < len(data["districts"]) for a in data["actors"].values())
    # no other actor column either (e.g. the metrics, the district code)
    assert "betweenness" not in json.dumps(data["actors"])


def test_page_loads_nothing_from_other_hosts(tiny: Landscape) -> None:
    html = tiny.html
    assert not re.search(r"<script[^>]*\bsrc\s*=", html, re.I), "external <script src>"
    assert not re.search(r"<link[^>]*\bhref\s*=\s*[\"']?(https?:)?//", html, re.I), "external <link>"
    assert not re.search(r"@import", html, re.I)
    assert not re.search(r"url\(\s*[\"']?(https?:)?//", html, re.I)
    for tag, attrs in parse_tags(html):
        assert tag not in ("img", "iframe", "video", "audio", "source", "embed", "object")
        for attr, value in attrs:
            if attr in ("src", "href"):
                assert (tag, attr, value) == ("link", "href", "data:,")
    assert "@version 9.1.2" in html and "vis.Network" in html


def test_german_by_default_english_on_request(tiny: Landscape) -> None:
    de, en = tiny.html, tiny.render(lang="en")
    assert '<html lang="de">' in de and "<title>MINT-Netzwerke und ihre Verbindungen</title>" in de
    assert '<html lang="en">' in en and "<title>MINT networks and their links</title>" in en
    for label in ("Dachnetzwerk", "Zurücksetzen", "Netzwerk oder Akteur", "gehört zum Dachnetzwerk"):
        assert label in de and label not in en
    for label in ("Umbrella network", "Reset", "Network or actor", "belongs to the umbrella"):
        assert label in en and label not in de
    assert "3 networks (1 of them an umbrella) · 1 link · 4 members" in en
    data_de, data_en = page_data(de), page_data(en)
    assert data_de["roles"] == {"coordinator": "Koordination", "member": "Mitglied"}
    assert data_en["roles"] == {"coordinator": "Coordinator", "member": "Member"}
    assert data_en["typeNames"][data_en["actors"]["u1"][1]] == "University"
    assert dict(data_en["networks"]["umbrella"]["figures"])["Density"] == "0.667"
    assert dict(data_de["networks"]["umbrella"]["figures"])["Dichte"] == "0,667"
    assert set(LABELS["de"]) == set(LABELS["en"])
    with pytest.raises(ValueError, match="fr"):
        tiny.render(lang="fr")


def test_title_is_escaped(tiny: Landscape) -> None:
    html = tiny.render(title="<b>MINT</b> & more")
    assert "<b>MINT</b>" not in html and "&lt;b&gt;MINT&lt;/b&gt; &amp; more" in html


def test_hostile_names_cannot_break_out(hostile: Landscape) -> None:
    html = hostile.html
    assert "</script><script>" not in html and IMG_XSS not in html and "<img" not in html
    assert [attrs for tag, attrs in parse_tags(html) if tag == "script"] == [
        [("type", "application/json"), ("id", "graph-data")],
        [],
        [],
    ]
    assert len(re.findall(r"</script", html, re.I)) == 3
    data = page_data(html)
    assert data["networks"]["xss"]["name"] == IMG_XSS  # the data itself is intact
    assert {data["actors"][a][0] for a in ("x1", "x2")} == {IMG_XSS, SCRIPT_BREAKER}


def test_two_renders_are_byte_identical(tiny: Landscape, example: Landscape) -> None:
    assert tiny.render() == tiny.html
    assert example.render() == example.html
    # the order of the input rows does not matter
    land = example
    shuffled = land.dataset.memberships.sample(frac=1.0, random_state=3)
    again = render_network_of_networks(
        land.nexus, land.result.networks.iloc[::-1], land.actors.iloc[::-1], shuffled
    )
    assert again == land.html


def test_missing_id_columns_are_reported(tiny: Landscape) -> None:
    with pytest.raises(ValueError, match="id"):
        render_network_of_networks(
            tiny.nexus, tiny.result.networks, tiny.actors.drop(columns="id"), pd.DataFrame()
        )
    with pytest.raises(ValueError, match="network_id"):
        render_network_of_networks(
            tiny.nexus, tiny.result.networks, tiny.actors, tiny.dataset.memberships.drop(columns="network_id")
        )


def test_empty_landscape() -> None:
    html = render_network_of_networks(
        nx.Graph(),
        pd.DataFrame({"id": []}),
        pd.DataFrame({"id": []}),
        pd.DataFrame({"actor_id": [], "network_id": []}),
    )
    data = page_data(html)
    assert data["nodes"] == [] and data["edges"] == [] and "0 Netzwerke" in html


# --------------------------------------------------------------------------- in the browser


@pytest.fixture
def browse(tmp_path: Path, open_offline):
    """Open a rendered page in offline Chromium; afterwards, nothing was loaded and nothing failed."""
    pages = []

    def open_(html: str, name: str = "networks.html"):
        path = tmp_path / name
        path.write_text(html, encoding="utf-8")
        opened = open_offline(path)
        opened.page.wait_for_function("window.mintgraph && window.mintgraph.drawn === true", timeout=15_000)
        pages.append(opened)
        return opened

    yield open_
    for opened in pages:
        assert opened.blocked == [], f"the page tried to load {opened.blocked}"
        assert opened.errors == [], f"console errors: {opened.errors}"
        assert opened.dialogs == [], f"a dialog was opened: {opened.dialogs}"


def click_network(page, network_id: str) -> None:
    """A real mouse click at the node's position on the screen."""
    page.mouse.move(5, 5)  # away from any tooltip
    box = page.locator("#graph canvas").bounding_box()
    point = page.evaluate(
        "(id) => window.mintgraph.network.canvasToDOM(window.mintgraph.network.getPositions([id])[id])",
        network_id,
    )
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])


def panel_rows(page) -> list[list[str]]:
    return page.eval_on_selector_all(
        "#panel table.members tbody tr",
        "rows => rows.map(r => [r.dataset.actor, r.querySelector('.actor-name').textContent,"
        " r.querySelector('.actor-type').textContent, r.querySelector('.actor-district').textContent,"
        " r.querySelector('.actor-role').innerText])",
    )


def selected(page) -> list[str]:
    return sorted(page.evaluate("window.mintgraph.network.getSelectedNodes()"))


@pytest.mark.browser
def test_every_network_is_drawn_inside_the_view(example: Landscape, browse) -> None:
    page = browse(example.html).page
    counts = page.evaluate(
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
    assert counts["positions"] == counts["nodes"] == counts["inside"] == len(example.result.networks) == 8
    assert counts["edges"] == len(example.result.network_pairs) == 14
    assert counts["width"] > 600 and counts["height"] > 700
    # the panel starts with the overview: every network, largest first
    buttons = page.eval_on_selector_all("#panel ul.networks button", "bs => bs.map(b => b.dataset.network)")
    assert buttons == page_data(example.html)["overview"]
    assert buttons[0] == "mint-regionen"


@pytest.mark.browser
@pytest.mark.parametrize("network_id", ["mint-wmk", "mint-cluster"])
def test_clicking_a_network_lists_exactly_its_members(example: Landscape, browse, network_id: str) -> None:
    page = browse(example.html).page
    click_network(page, network_id)
    assert selected(page) == [network_id]
    name = example.nexus.nodes[network_id]["name"]
    assert page.inner_text("#panel h2").strip() == name
    rows = panel_rows(page)
    members = network_members(example.dataset)[network_id]
    assert {r[0] for r in rows} == members and len(rows) == len(members)
    actors = example.actors.set_index("id")
    keys = [(sort_key(actors.loc[a, "name"]), a) for a in members]
    assert [r[0] for r in rows] == [a for _, a in sorted(keys)], "members not sorted by name"
    for actor_id, actor_name, type_name, district, _ in rows:
        assert actor_name == actors.loc[actor_id, "name"]
        assert district == actors.loc[actor_id, "region_name"]
        assert type_name in (
            "Schule",
            "Hochschule",
            "Unternehmen",
            "Verein/Verband",
            "Schülerlabor",
            "Museum/Science Center",
            "öffentliche Stelle",
            "Stiftung",
            "Kammer",
            "Sonstige",
        )
    figures = page.inner_text("#panel table.figures")
    assert f"Mitglieder\t{len(members)}" in figures
    if network_id == "mint-cluster":  # the umbrella marks each member by its sub-network
        sub_names = {example.nexus.nodes[s]["name"] for s in ("mint-se", "mintmit")}
        assert {r[4].splitlines()[0] for r in rows} == sub_names
        assert "Netzwerk · Rolle" in page.inner_text("#panel table.members thead")
    else:
        assert {r[4] for r in rows} <= {"Mitglied", "Koordination"} and "Koordination" in {r[4] for r in rows}
    # a click on the empty canvas goes back to the overview
    page.mouse.move(5, 5)
    box = page.locator("#graph canvas").bounding_box()
    page.mouse.click(box["x"] + 10, box["y"] + box["height"] - 10)
    assert selected(page) == [] and page.inner_text("#panel h2") == "Alle Netzwerke"


def expected_hits(land: Landscape, query: str) -> set[str]:
    """Networks whose name, or a direct member's name, contains every word of the query."""
    words = fold(query).split()
    direct = network_members(land.dataset, include_subnetworks=False)
    names = dict(zip(land.actors["id"], land.actors["name"], strict=True))
    return {
        n
        for n, attrs in land.nexus.nodes(data=True)
        if all(w in fold(attrs["name"]) for w in words)
        or any(all(w in fold(names[a]) for w in words) for a in direct[n])
    }


@pytest.mark.browser
def test_search_finds_networks_by_part_of_an_actor_name_and_reset_clears(example: Landscape, browse) -> None:
    page = browse(example.html).page
    page.fill("#search", "witzenhaus")  # Berufliche Schulen / Stadt Witzenhausen, both in mint-wmk
    assert expected_hits(example, "witzenhaus") == {"mint-wmk"}
    assert selected(page) == ["mint-wmk"] and page.inner_text("#matches") == "1 Netzwerk"
    assert page.inner_text("#panel h2").strip() == "MINT im Werra-Meißner-Kreis"
    hits = page.eval_on_selector_all("#panel tr.hit .actor-name", "cells => cells.map(c => c.textContent)")
    assert hits == ["Berufliche Schulen Witzenhausen", "Stadt Witzenhausen"]

    for query in ("nordhessen", "UNI kassel", "Südhessen"):
        page.fill("#search", query)
        expected = expected_hits(example, query)
        assert len(expected) >= 1
        assert selected(page) == sorted(expected), query
        n = len(expected)
        assert page.inner_text("#matches") == f"{n} Netzwerk{'' if n == 1 else 'e'}"
    page.fill("#search", "nordhessen")
    listed = page.eval_on_selector_all("#panel ul.networks button", "bs => bs.map(b => b.dataset.network)")
    assert sorted(listed) == sorted(expected_hits(example, "nordhessen")) and len(listed) > 1
    page.fill("#search", "gibt-es-nicht")
    assert selected(page) == [] and page.inner_text("#matches") == "0 Netzwerke"

    click_network(page, "mint-se")
    page.fill("#search", "fulda")
    page.click("#reset")
    assert selected(page) == []
    assert page.input_value("#search") == "" and page.inner_text("#matches") == ""
    assert page.inner_text("#panel h2") == "Alle Netzwerke"
    assert page.locator("#panel ul.networks button").count() == 8


@pytest.mark.browser
def test_overview_and_link_buttons_open_a_network(example: Landscape, browse) -> None:
    page = browse(example.html).page
    page.click('#panel button[data-network="mint-forum-nordhessen"]')
    assert selected(page) == ["mint-forum-nordhessen"]
    assert len(panel_rows(page)) == 26
    page.click('#panel button[data-network="mint-wmk"]')  # "linked to": 13 cooperations
    assert selected(page) == ["mint-wmk"] and len(panel_rows(page)) == 6
    page.click("#panel button.back")
    assert selected(page) == [] and page.inner_text("#panel h2") == "Alle Netzwerke"


@pytest.mark.browser
def test_legend(example: Landscape, browse) -> None:
    page = browse(example.html).page
    levels = page.locator("#legend-levels li").all_inner_texts()
    assert [" ".join(t.split()) for t in levels] == ["Dachnetzwerk 2", "Netzwerk 6"]
    links = page.locator("#legend-links li").all_inner_texts()
    assert len(links) == 3 and "gehört zum Dachnetzwerk" in links[0] and "dokumentierte" in links[2]
    assert page.locator("#legend-links svg").count() == 3
    assert "Zahl der Mitglieder" in page.inner_text("#legend")


@pytest.mark.browser
def test_hostile_names_run_nothing_and_show_as_text(hostile: Landscape, browse) -> None:
    page = browse(hostile.html).page
    overview = page.eval_on_selector_all("#panel .link-name", "spans => spans.map(s => s.textContent)")
    assert IMG_XSS in overview
    click_network(page, "xss")
    assert selected(page) == ["xss"]
    assert page.inner_text("#panel h2").strip() == IMG_XSS
    names = [r[1] for r in panel_rows(page)]
    assert IMG_XSS in names and SCRIPT_BREAKER in names
    # the tooltip of the network: its name as text
    page.mouse.move(5, 5)
    box = page.locator("#graph canvas").bounding_box()
    point = page.evaluate(
        "() => window.mintgraph.network.canvasToDOM(window.mintgraph.network.getPositions(['xss']).xss)"
    )
    x, y = box["x"] + point["x"], box["y"] + point["y"]
    page.mouse.move(x - 30, y - 30)
    page.mouse.move(x, y, steps=5)
    page.locator("div.vis-tooltip").wait_for(state="visible", timeout=5_000)
    assert page.inner_text("div.vis-tooltip .mg-tip-head") == IMG_XSS
    page.fill("#search", "onerror")
    assert selected(page) == ["xss"]
    assert page.evaluate("document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert page.evaluate("document.querySelectorAll('script').length") == 3
    assert page.evaluate("typeof window.__xss") == "undefined"


@pytest.mark.browser
def test_english_page_in_the_browser(tiny: Landscape, browse) -> None:
    page = browse(tiny.render(lang="en"), "networks-en.html").page
    assert page.inner_text("#panel h2") == "All networks"
    assert page.get_attribute("#search", "placeholder") == "Network or actor …"
    click_network(page, "umbrella")
    assert "Network · role" in page.inner_text("#panel table.members thead")
    rows = panel_rows(page)
    assert [r[1:4] for r in rows] == [
        ["Firma", "Company", "Fulda"],
        ["Schule Eins", "School", "Kassel"],
        ["Schule Zwei", "School", "Kassel"],
        ["Uni", "University", "Kassel"],
    ]
    assert rows[0][4].splitlines() == ["Netz B", "Coordinator"]
    page.fill("#search", "schule")
    assert page.inner_text("#matches") == "1 network"


@pytest.mark.browser
def test_screenshot_script_waits_for_the_page(tiny: Landscape, tmp_path: Path) -> None:
    html = tmp_path / "networks.html"
    html.write_text(tiny.html, encoding="utf-8")
    png = tmp_path / "networks.png"
    script = REPO / "scripts" / "screenshot.py"
    proc = subprocess.run([sys.executable, str(script), str(png), str(html)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
