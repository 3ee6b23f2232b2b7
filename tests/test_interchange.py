"""graph.gexf, graph.graphml, graph.json: schema-valid, read back by other tools with the same numbers."""

from __future__ import annotations

import copy
import json
import math
from dataclasses import replace
from pathlib import Path

import igraph
import networkx as nx
import pandas as pd
import pytest
from click.testing import CliRunner
from lxml import etree

import mintgraph
from mintgraph.analysis import Analysis, analyze
from mintgraph.cli import cli
from mintgraph.interchange import (
    EDGE_ATTRIBUTES,
    EXPORT_FILES,
    export_graph,
    node_columns,
    to_gexf,
    to_graphml,
    to_json,
    write_exports,
)
from mintgraph.testing import TINY, tiny_dataset
from mintgraph.validate import check_records
from mintgraph.views.graph_html import CROSS_DISTRICT_COLOR, EDGE_COLOR, TYPE_COLORS, actor_positions

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = Path(__file__).resolve().parent / "schemas" / "gexf-1.3"
G = "{http://gexf.net/1.3}"
VIZ = "{http://gexf.net/1.3/viz}"
PERSONAL = {"contact_person": "Erika Mustermann", "email": "erika@example.org", "phone": "+49 561 123456"}
HOSTILE = {
    "s1": "<script>alert(1)</script>",
    "s2": "Müller & Söhne \"GmbH\" 'Kassel'",
    "u1": "Uni\x01\x07\x1b mit\tTab\nund Zeile",
    "c1": "]]> <!-- --> &amp;",
}


@pytest.fixture(scope="module")
def tiny() -> Analysis:
    return analyze(tiny_dataset(), permutations=0)


@pytest.fixture(scope="module")
def example() -> Analysis:
    return analyze(mintgraph.load(ROOT / "data"), permutations=0)


@pytest.fixture(scope="module")
def relaxng() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(SCHEMAS / "gexf.rng")))


def dataset_with(**names: str) -> mintgraph.Dataset:
    records = copy.deepcopy(TINY)
    for row in records["actors"]:
        row["name"] = names.get(row["id"], row["name"])
        row.update(PERSONAL)
    report = check_records(records)
    assert report.dataset is not None, report.errors
    return report.dataset


def gexf_nodes(doc: bytes) -> dict[str, etree._Element]:
    root = etree.fromstring(doc)
    return {n.get("id"): n for n in root.iter(f"{G}node")}


def attvalues(element: etree._Element) -> dict[str, str]:
    return {a.get("for"): a.get("value") for a in element.iter(f"{G}attvalue")}


def parse(value: str, kind: str) -> object:
    return {"integer": int, "double": float, "boolean": lambda v: v == "true", "string": str}[kind](value)


def assert_same(actual: object, expected: object) -> None:
    if isinstance(expected, float):
        assert actual == pytest.approx(expected, abs=1e-9, rel=1e-9)
    else:
        assert actual == expected


# --------------------------------------------------------------------------- GEXF


@pytest.mark.parametrize("name", ["tiny", "example"])
def test_gexf_is_valid_against_the_published_gexf_13_grammar(name, request, relaxng):
    doc = etree.fromstring(to_gexf(request.getfixturevalue(name)))
    assert relaxng.validate(doc), relaxng.error_log


def test_the_grammar_rejects_what_gexf_13_forbids(tiny, relaxng):
    """The validator is not vacuous: a colour channel above 255, a node without id, a wrong version fail."""
    good = to_gexf(tiny)
    for broken in (
        good.replace(b'r="204"', b'r="300"', 1),
        good.replace(b'<node id="s1"', b"<node", 1),
        good.replace(b'version="1.3"', b'version="1.2"', 1),
        good.replace(b"<attvalue for", b"<attvalue what", 1),
    ):
        assert broken != good
        assert not relaxng.validate(etree.fromstring(broken))


def test_the_published_gexf_13_xsd_does_not_compile():
    """Why the RelaxNG grammar is used: the published XSD misses its graph/node/edge types (gephi/gexf#19)."""
    with pytest.raises(etree.XMLSchemaParseError, match="graph-content"):
        etree.XMLSchema(etree.parse(str(SCHEMAS / "xsd" / "gexf.xsd")))


@pytest.mark.parametrize("name", ["tiny", "example"])
def test_gexf_node_attributes_are_the_actor_table(name, request):
    result = request.getfixturevalue(name)
    root = etree.fromstring(to_gexf(result))
    declared = root.find(f"{G}graph/{G}attributes[@class='node']")
    types = {a.get("id"): a.get("type") for a in declared}
    assert list(types.items()) == node_columns(result.actors)
    nodes = gexf_nodes(to_gexf(result))
    assert list(nodes) == result.actors["id"].tolist()
    missing = 0
    for row in result.actors.to_dict("records"):
        values = attvalues(nodes[row["id"]])
        assert nodes[row["id"]].get("label") == row["name"]
        for column, kind in types.items():
            if pd.isna(row[column]):
                assert column not in values  # left out, never "nan"
                missing += 1
            else:
                assert_same(parse(values[column], kind), row[column])
    assert missing == int(result.actors.isna().sum().sum())
    written = {a.get("value") for a in etree.fromstring(to_gexf(result)).iter(f"{G}attvalue")}
    assert not written & {"nan", "NaN", "None", "null", "inf"}


def test_example_has_missing_constraints_and_they_are_left_out(example):
    isolated = example.actors.loc[example.actors["constraint"].isna(), "id"].tolist()
    assert isolated, "the example should have actors without a constraint value"
    nodes = gexf_nodes(to_gexf(example))
    for actor in isolated:
        assert "constraint" not in attvalues(nodes[actor])
        assert "degree" in attvalues(nodes[actor])


def test_gexf_edges_carry_every_tie_attribute(tiny):
    root = etree.fromstring(to_gexf(tiny))
    edges = {(e.get("source"), e.get("target")): e for e in root.iter(f"{G}edge")}
    assert sorted(edges) == sorted(tuple(sorted(e)) for e in tiny.graph.edges)
    s1_u1 = edges[("s1", "u1")]
    assert float(s1_u1.get("weight")) == 3.0  # rows of weight 1 (empty) and 2
    assert attvalues(s1_u1) == {
        "count": "2",
        "types": "offer|project",
        "first_year": "2012",
        "last_year": "2015",
        "cross_district": "false",  # both in 06611
    }
    assert attvalues(edges[("c1", "u1")])["cross_district"] == "true"  # 06631 - 06611
    colour = {k: edges[("c1", "u1")].find(f"{VIZ}color").get(k) for k in "rgb"}
    assert "#{:02X}{:02X}{:02X}".format(*(int(colour[k]) for k in "rgb")) == CROSS_DISTRICT_COLOR.upper()
    colour = {k: s1_u1.find(f"{VIZ}color").get(k) for k in "rgb"}
    assert "#{:02x}{:02x}{:02x}".format(*(int(colour[k]) for k in "rgb")) == EDGE_COLOR
    assert edges[("s1", "s2")].find(f"{VIZ}shape").get("value") == "dotted"  # exchange: short dashes
    assert s1_u1.find(f"{VIZ}shape").get("value") == "solid"  # project


def test_gexf_viz_matches_graph_html(tiny):
    nodes = gexf_nodes(to_gexf(tiny))
    positions = actor_positions(tiny.graph, tiny.actors, seed=42)
    for row in tiny.actors.itertuples():
        node = nodes[row.id]
        colour = node.find(f"{VIZ}color")
        assert (
            "#{:02X}{:02X}{:02X}".format(*(int(colour.get(k)) for k in "rgb"))
            == TYPE_COLORS[row.type].upper()
        )
        x, y = positions[row.id]
        position = node.find(f"{VIZ}position")
        assert (float(position.get("x")), float(position.get("y"))) == (x, -y)  # Gephi's y points up
    # size as in graph.html: 9 + 27 * sqrt(degree / max degree); u1 has the largest degree (3)
    sizes = {n: float(node.find(f"{VIZ}size").get("value")) for n, node in nodes.items()}
    assert sizes["u1"] == 36.0
    assert sizes["s1"] == round(9 + 27 * math.sqrt(2 / 3), 1) == 31.0
    assert sizes["l1"] == round(9 + 27 * math.sqrt(1 / 3), 1) == 24.6
    assert sizes["m1"] == 9.0  # isolated


def test_gexf_reads_into_networkx_with_the_same_numbers(tiny, tmp_path):
    path = tmp_path / "graph.gexf"
    path.write_bytes(to_gexf(tiny))
    graph = nx.read_gexf(path)
    assert sorted(graph.nodes) == sorted(tiny.actors["id"])
    assert graph.number_of_edges() == tiny.graph.number_of_edges()
    for row in tiny.actors.to_dict("records"):
        for column in ("betweenness", "pagerank", "closeness", "degree", "community", "articulation_point"):
            assert_same(graph.nodes[row["id"]][column], row[column])
    assert graph.edges["s1", "u1"]["weight"] == 3.0 and graph.edges["s1", "u1"]["count"] == 2


def test_gexf_has_no_date_and_names_mintgraph(tiny):
    root = etree.fromstring(to_gexf(tiny))
    meta = root.find(f"{G}meta")
    assert meta.get("lastmodifieddate") is None
    assert meta.find(f"{G}creator").text == f"mintgraph {mintgraph.__version__}"


# --------------------------------------------------------------------------- GraphML


def read_igraph(doc: bytes, tmp_path: Path) -> igraph.Graph:
    path = tmp_path / "graph.graphml"
    path.write_bytes(doc)
    return igraph.Graph.Read_GraphML(str(path))


@pytest.mark.parametrize("name", ["tiny", "example"])
def test_graphml_reads_into_igraph_with_the_actor_table_and_ties(name, request, tmp_path):
    result = request.getfixturevalue(name)
    g = read_igraph(to_graphml(result), tmp_path)
    assert not g.is_directed()
    assert g.vs["id"] == result.actors["id"].tolist()
    for column, kind in node_columns(result.actors):
        expected = result.actors[column].tolist()
        actual = g.vs[column]
        for a, e in zip(actual, expected, strict=True):
            if pd.isna(e):
                assert a is None or (isinstance(a, float) and math.isnan(a))
            elif kind == "boolean":
                assert a is bool(e)
            elif kind == "string":
                assert a == e
            else:
                assert a == pytest.approx(float(e), abs=1e-9, rel=1e-9)
    ids = g.vs["id"]
    ties = {tuple(sorted((ids[e.source], ids[e.target]))): e for e in g.es}
    assert len(ties) == g.ecount() == result.graph.number_of_edges()
    regions = dict(zip(result.actors["id"], result.actors["region"], strict=True))
    for u, v, attrs in result.graph.edges(data=True):
        edge = ties[tuple(sorted((u, v)))]
        for column, _ in EDGE_ATTRIBUTES[:-1]:
            assert_same(edge[column], attrs[column] if column == "types" else float(attrs[column]))
        assert edge["cross_district"] is (regions[u] != regions[v])


def test_graphml_keys_have_one_type_each_and_no_missing_markers(example):
    root = etree.fromstring(to_graphml(example))
    ns = "{http://graphml.graphdrawing.org/xmlns}"
    keys = root.findall(f"{ns}key")
    names = [(k.get("for"), k.get("attr.name")) for k in keys]
    assert len(names) == len(set(names))  # one key, hence one type, per attribute
    by_key = {k.get("id"): k.get("attr.type") for k in keys}
    texts = [(by_key[d.get("key")], d.text) for d in root.iter(f"{ns}data")]
    assert not [t for kind, t in texts if t is None and kind != "string"]  # only "" may be empty
    assert not {t.lower() for _, t in texts if t} & {"nan", "none", "null", "inf"}
    booleans = {d.text for d in root.iter(f"{ns}data") if by_key[d.get("key")] == "boolean"}
    assert booleans == {"true", "false"}


def test_graphml_reads_into_networkx(tiny):
    graph = nx.parse_graphml(to_graphml(tiny))
    assert graph.nodes["u1"]["betweenness"] == pytest.approx(0.4)
    assert graph.nodes["u1"]["articulation_point"] is True
    assert graph.edges["c1", "l1"]["cross_district"] is False


# --------------------------------------------------------------------------- JSON


@pytest.mark.parametrize("name", ["tiny", "example"])
def test_json_round_trips_through_networkx(name, request):
    result = request.getfixturevalue(name)
    data = json.loads(to_json(result))
    graph = nx.node_link_graph(data, edges="edges")
    expected = export_graph(result)
    assert list(graph.nodes) == result.actors["id"].tolist() == list(expected.nodes)
    assert dict(graph.nodes(data=True)) == dict(expected.nodes(data=True))
    assert sorted(graph.edges(data=True)) == sorted(expected.edges(data=True))
    # the same document networkx itself writes for that graph
    assert data["nodes"] == nx.node_link_data(expected, edges="edges")["nodes"]

    def ties(edges):
        rest = ({k: v for k, v in e.items() if k not in ("source", "target")} for e in edges)
        ends = (sorted((e["source"], e["target"])) for e in edges)
        return sorted((*end, sorted(attrs.items())) for end, attrs in zip(ends, rest, strict=True))

    assert ties(data["edges"]) == ties(nx.node_link_data(expected, edges="edges")["edges"])
    assert [(e["source"], e["target"]) for e in data["edges"]] == sorted(
        (e["source"], e["target"]) for e in data["edges"]
    )  # edges sorted, smaller id first


def test_json_writes_missing_values_as_null(example):
    text = to_json(example)
    assert "NaN" not in text
    data = json.loads(text)
    isolated = set(example.actors.loc[example.actors["constraint"].isna(), "id"])
    nulls = {n["id"] for n in data["nodes"] if n["constraint"] is None}
    assert nulls == isolated and nulls


def test_export_graph_values_equal_the_tables(tiny):
    graph = export_graph(tiny)
    assert graph.nodes["u1"]["degree"] == 3 and graph.nodes["m1"]["degree"] == 0
    assert graph.nodes["u1"]["betweenness"] == pytest.approx(0.4)
    assert graph.edges["s1", "u1"] == {
        "count": 2,
        "types": "offer|project",
        "weight": 3.0,
        "first_year": 2012,
        "last_year": 2015,
        "cross_district": False,
    }


# --------------------------------------------------------------------------- safety and determinism


def test_hostile_names_survive_as_text(relaxng, tmp_path):
    result = analyze(dataset_with(**HOSTILE), permutations=0)
    gexf = to_gexf(result)
    assert relaxng.validate(etree.fromstring(gexf)), relaxng.error_log
    assert b"<script>" not in gexf and b"&lt;script&gt;" in gexf
    nodes = gexf_nodes(gexf)
    assert nodes["s1"].get("label") == HOSTILE["s1"]
    assert nodes["s2"].get("label") == HOSTILE["s2"]
    assert nodes["c1"].get("label") == HOSTILE["c1"]
    # XML 1.0 cannot hold \x01, \x07, \x1b: each becomes U+FFFD; tab and line feed stay
    assert nodes["u1"].get("label") == "Uni\ufffd\ufffd\ufffd mit\tTab\nund Zeile"
    g = read_igraph(to_graphml(result), tmp_path)
    assert g.vs["name"][:4] == [
        HOSTILE["s1"],
        HOSTILE["s2"],
        "Uni\ufffd\ufffd\ufffd mit\tTab\nund Zeile",
        HOSTILE["c1"],
    ]
    data = json.loads(to_json(result))
    assert [n["name"] for n in data["nodes"][:4]] == list(HOSTILE.values())  # JSON keeps every character


def test_ids_that_collide_once_made_xml_safe_are_refused():
    records = copy.deepcopy(TINY)
    records["actors"] += [
        {"id": "x\x01", "name": "X1", "type": "school", "region": "06611"},
        {"id": "x\x02", "name": "X2", "type": "school", "region": "06611"},
    ]
    report = check_records(records)
    assert report.dataset is not None, report.errors
    result = analyze(report.dataset, permutations=0)
    with pytest.raises(ValueError, match="XML"):
        to_gexf(result)
    json.loads(to_json(result))  # JSON can hold them


def test_no_personal_data_in_any_export(tmp_path):
    result = analyze(dataset_with(), permutations=0)
    assert (result.dataset.actors["email"] == PERSONAL["email"]).all()
    # even if a personal column reaches the actors table, it is not exported
    leaky = replace(result, actors=result.actors.assign(**PERSONAL))
    for analysis in (result, leaky):
        paths = write_exports(analysis, tmp_path / "out")
        for path in paths:
            content = path.read_text(encoding="utf-8")
            for column, value in PERSONAL.items():
                assert value not in content and column not in content, (path.name, column)


def test_write_exports_writes_the_chosen_formats_atomically(tiny, tmp_path):
    (tmp_path / "graph.json").write_text("old", encoding="utf-8")
    paths = write_exports(tiny, tmp_path, ["json"])
    assert paths == [tmp_path / "graph.json"]
    assert json.loads(paths[0].read_text(encoding="utf-8"))["nodes"][0]["id"] == "s1"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.json"]  # no temporary file left
    with pytest.raises(ValueError, match="unknown export format 'pdf'"):
        write_exports(tiny, tmp_path, ["gexf", "pdf"])


# --------------------------------------------------------------------------- CLI


def test_cli_export_writes_all_three_by_default(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["export", str(ROOT / "data"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(EXPORT_FILES.values())
    actors = pd.read_csv(ROOT / "data" / "actors.csv")
    assert len(json.loads((out / "graph.json").read_text(encoding="utf-8"))["nodes"]) == len(actors)


def test_cli_export_with_one_format_and_errors(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["export", str(ROOT / "data"), "-o", str(out), "--format", "graphml"])
    assert result.exit_code == 0, result.output
    assert [p.name for p in out.iterdir()] == ["graph.graphml"]
    result = CliRunner().invoke(cli, ["export", str(tmp_path / "nowhere"), "-o", str(out)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [f"Error: {tmp_path / 'nowhere'}: data folder not found"]
    result = CliRunner().invoke(cli, ["export", str(ROOT / "data"), "--format", "pdf"])
    assert result.exit_code == 2


def test_exports_doc_names_every_edge_attribute_and_sheet():
    from mintgraph.workbook import SHEETS

    text = (ROOT / "docs" / "exports.md").read_text(encoding="utf-8")
    for name, kind in EDGE_ATTRIBUTES:
        assert f"`{name}`" in text and kind in text, name
    for sheet in SHEETS:
        assert f"`{sheet}`" in text, sheet
    for file in EXPORT_FILES.values():
        assert f"`{file}`" in text, file
    assert "docs/exports.md" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert "exports.md" in (ROOT / "docs" / "indicators.md").read_text(encoding="utf-8")
