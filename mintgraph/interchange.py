"""The actor graph for other tools: GEXF 1.3 (Gephi), GraphML (igraph, Cytoscape, yEd), node-link JSON.

All three files hold the same graph: one node per actor (the cooperation graph
:attr:`mintgraph.Analysis.graph`) with every column of ``actors.csv`` as a node attribute,
and one edge per tie with ``count``, ``types``, ``weight``, ``first_year``, ``last_year`` and
``cross_district``. Personal columns (``contact_person``, ``email``, ``phone``) are never
written. Attributes are typed per column (integer, double, boolean, string) and a missing
value is left out (GEXF, GraphML) or ``null`` (JSON) — never the text ``nan``.

The GEXF file carries Gephi's visual attributes, so Gephi opens it looking like
``graph.html``: colour by actor type (:data:`~mintgraph.views.graph_html.TYPE_COLORS`),
size by degree, and the same seeded positions
(:func:`~mintgraph.layout.actor_positions`, ``y`` flipped because Gephi's ``y``
axis points up); ties crossing a district border are blue.

XML 1.0 cannot carry most control characters (U+0000–U+001F except tab, line feed and
carriage return, and U+FFFE/U+FFFF): in GEXF and GraphML each is replaced by U+FFFD.
JSON keeps every character. The same input gives byte-identical files.

Example
-------
>>> from mintgraph.analysis import analyze
>>> from mintgraph.testing import tiny_dataset
>>> result = analyze(tiny_dataset(), permutations=0)
>>> to_gexf(result).startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
True
>>> import json
>>> data = json.loads(to_json(result))
>>> len(data["nodes"]), len(data["edges"]), data["nodes"][0]["name"]
(6, 5, 'Schule Eins')
"""

from __future__ import annotations

import json
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from mintgraph.analysis import Analysis
from mintgraph.defaults import EXPORT_FORMATS
from mintgraph.files import write_all
from mintgraph.layout import actor_positions
from mintgraph.schema import ACTOR_TYPES, COOPERATION_TYPES, PERSONAL_COLUMNS
from mintgraph.style import (
    CROSS_DISTRICT_COLOR,
    EDGE_COLOR,
    EDGE_DASHES,
    TYPE_COLORS,
    node_size,
)

__all__ = [
    "EDGE_ATTRIBUTES",
    "EXPORT_FILES",
    "EXPORT_FORMATS",
    "export_graph",
    "node_columns",
    "to_gexf",
    "to_graphml",
    "to_json",
    "write_exports",
]

EXPORT_FILES: dict[str, str] = {"gexf": "graph.gexf", "graphml": "graph.graphml", "json": "graph.json"}
"""The file name of each format."""

GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"

EDGE_ATTRIBUTES: tuple[tuple[str, str], ...] = (
    ("count", "integer"),
    ("types", "string"),
    ("weight", "double"),
    ("first_year", "integer"),
    ("last_year", "integer"),
    ("cross_district", "boolean"),
)
"""Edge attributes and their types: a tie's cooperation rows, their types (``|``-joined), the sum of
their weights, the first and last ``since`` year, and whether the two actors sit in different districts."""

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_GRAPHML_TYPES = {"integer": "long", "double": "double", "boolean": "boolean", "string": "string"}


@dataclass(frozen=True)
class _Export:
    """The graph to export: typed node columns, node rows and edge rows, all in a fixed order."""

    columns: tuple[tuple[str, str], ...]  # (name, type) of the node attributes, "id" excluded
    nodes: list[tuple[str, dict[str, Any]]]  # (id, {column: value or None})
    edges: list[tuple[str, str, dict[str, Any]]]  # (source, target, {attribute: value or None})


def node_columns(actors: pd.DataFrame) -> list[tuple[str, str]]:
    """The node attributes of the exports: every column of ``actors`` but ``id`` and the personal ones, typed.

    The type is ``integer`` for integer columns (also nullable ``Int64``), ``double`` for floats,
    ``boolean`` for booleans and ``string`` for everything else.

    Parameters
    ----------
    actors : the actors table, e.g. :attr:`mintgraph.Analysis.actors`.

    Returns
    -------
    ``[(column, type), ...]`` in the table's column order.

    Example
    -------
    >>> table = pd.DataFrame({"id": ["a"], "name": ["A"], "degree": [2], "pagerank": [0.5],
    ...     "articulation_point": [False], "email": ["a@example.org"]})
    >>> node_columns(table)
    [('name', 'string'), ('degree', 'integer'), ('pagerank', 'double'), ('articulation_point', 'boolean')]
    """
    columns = []
    for name in actors.columns:
        if name == "id" or name in PERSONAL_COLUMNS:
            continue
        dtype = actors[name].dtype
        if pd.api.types.is_bool_dtype(dtype):
            kind = "boolean"
        elif pd.api.types.is_integer_dtype(dtype):
            kind = "integer"
        elif pd.api.types.is_float_dtype(dtype):
            kind = "double"
        else:
            kind = "string"
        columns.append((str(name), kind))
    return columns


def _missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _typed(value: Any, kind: str) -> Any:
    """``value`` as the Python type of ``kind``; ``None`` when missing."""
    if _missing(value):
        return None
    if kind == "integer":
        return int(value)
    if kind == "double":
        return float(value)
    if kind == "boolean":
        return bool(value)
    return str(value)


def _prepare(result: Analysis) -> _Export:
    actors = result.actors
    columns = tuple(node_columns(actors))
    nodes: list[tuple[str, dict[str, Any]]] = []
    regions: dict[str, str] = {}
    for record in actors.to_dict("records"):
        node_id = str(record["id"])
        nodes.append((node_id, {name: _typed(record.get(name), kind) for name, kind in columns}))
        regions[node_id] = "" if _missing(record.get("region")) else str(record["region"])
    known = {n for n, _ in nodes}
    for extra in sorted(str(n) for n in result.graph.nodes if str(n) not in known):
        nodes.append((extra, dict.fromkeys((name for name, _ in columns), None)))
        regions[extra] = ""
    edges = []
    for u, v, attrs in result.graph.edges(data=True):
        a, b = sorted((str(u), str(v)))
        row = {
            name: _typed(attrs.get(name), kind) for name, kind in EDGE_ATTRIBUTES if name != "cross_district"
        }
        row["cross_district"] = bool(regions[a] and regions[b] and regions[a] != regions[b])
        edges.append((a, b, row))
    edges.sort(key=lambda e: (e[0], e[1]))
    return _Export(columns, nodes, edges)


def export_graph(result: Analysis) -> nx.Graph:
    """The graph the exports hold, as a networkx graph: actor attributes on nodes, tie attributes on edges.

    Nodes come in the order of ``actors.csv``, edges sorted by their (smaller id, larger id) ends.
    Missing values are ``None``. It is what :func:`to_json` writes and what a reader of the
    GraphML or GEXF file gets back (there without the missing values).

    Parameters
    ----------
    result : from :func:`mintgraph.analyze`.

    Returns
    -------
    ``nx.Graph``; node attributes as :func:`node_columns`, edge attributes as :data:`EDGE_ATTRIBUTES`.

    Example
    -------
    >>> from mintgraph.analysis import analyze
    >>> from mintgraph.testing import tiny_dataset
    >>> g = export_graph(analyze(tiny_dataset(), permutations=0))
    >>> g.nodes["u1"]["degree"], g.edges["u1", "c1"]["cross_district"], g.edges["s1", "u1"]["count"]
    (3, True, 2)
    """
    data = _prepare(result)
    graph = nx.Graph(name="mintgraph cooperation graph")
    graph.add_nodes_from(data.nodes)
    graph.add_edges_from(data.edges)
    return graph


def _creator() -> str:
    from mintgraph.version import __version__

    return f"mintgraph {__version__}"


def _xml_text(value: Any) -> str:
    """Text XML 1.0 can carry: characters it forbids become U+FFFD."""
    return _NOT_XML.sub("\ufffd", str(value))


def _xml_ids(data: _Export) -> dict[str, str]:
    ids = {node: _xml_text(node) for node, _ in data.nodes}
    if len(set(ids.values())) != len(ids):
        raise ValueError("two actor ids differ only in characters XML cannot hold; rename one of them")
    return ids


def _format(value: Any, kind: str) -> str:
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "double":
        return repr(float(value))
    if kind == "integer":
        return str(int(value))
    return _xml_text(value)


def _rgb(hex_color: str) -> dict[str, str]:
    return {c: str(int(hex_color[i : i + 2], 16)) for c, i in (("r", 1), ("g", 3), ("b", 5))}


def _edge_shape(types: str | None) -> str:
    """Gephi's edge shape for the line pattern ``graph.html`` draws: solid, dotted or dashed."""
    kinds = set((types or "").split("|"))
    kind = next((c for c in COOPERATION_TYPES if c in kinds), "other")
    dashes = EDGE_DASHES.get(kind)
    if dashes is None:
        return "solid"
    return "dotted" if dashes[0] <= 3 else "dashed"


def _serialize(root: ET.Element) -> bytes:
    ET.indent(root, space="  ")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


def to_gexf(result: Analysis) -> bytes:
    """The actor graph as a GEXF 1.3 document (UTF-8 bytes), styled for Gephi like ``graph.html``.

    Node attributes are declared once with their type (``integer``, ``double``, ``boolean``,
    ``string``) and titled by their ``actors.csv`` column; a node leaves out a missing value.
    Each node has ``label`` = actor name, ``viz:color`` (actor type), ``viz:size`` (degree,
    9–36 as in ``graph.html``) and ``viz:position`` (the layout of ``graph.html``, ``y`` flipped).
    Each edge has GEXF's ``weight`` (the tie's summed weight), the other tie attributes as
    values, ``viz:color`` (blue across district borders) and ``viz:shape`` (the line pattern).
    The ``meta`` block names the creator and has no date, so the bytes depend on the input only.

    Parameters
    ----------
    result : from :func:`mintgraph.analyze`.

    Returns
    -------
    bytes
        The document, valid against the GEXF 1.3 schema (tests/schemas/gexf-1.3).

    Raises
    ------
    ValueError
        If two actor ids become equal once characters XML cannot hold are replaced.

    Example
    -------
    >>> from mintgraph.analysis import analyze
    >>> from mintgraph.testing import tiny_dataset
    >>> doc = to_gexf(analyze(tiny_dataset(), permutations=0)).decode("utf-8")
    >>> '<node id="u1" label="Uni">' in doc and '<attribute id="betweenness" title="betweenness" type="double" />' in doc
    True
    """
    data = _prepare(result)
    ids = _xml_ids(data)
    positions = actor_positions(result.graph, result.actors, seed=42)  # the layout of graph.html
    root = ET.Element("gexf", {"xmlns": GEXF_NS, "xmlns:viz": VIZ_NS, "version": "1.3"})
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = _creator()
    ET.SubElement(meta, "description").text = (
        "MINT cooperation graph: one node per actor with the columns of actors.csv, "
        "one edge per tie of cooperating actors"
    )
    graph = ET.SubElement(root, "graph", {"defaultedgetype": "undirected", "mode": "static"})
    declared = ET.SubElement(graph, "attributes", {"class": "node"})
    for name, kind in data.columns:
        ET.SubElement(declared, "attribute", {"id": _xml_text(name), "title": _xml_text(name), "type": kind})
    declared = ET.SubElement(graph, "attributes", {"class": "edge"})
    edge_columns = [(n, k) for n, k in EDGE_ATTRIBUTES if n != "weight"]  # weight: GEXF's own attribute
    for name, kind in edge_columns:
        ET.SubElement(declared, "attribute", {"id": name, "title": name, "type": kind})

    degree = {node: 0 for node, _ in data.nodes}
    for a, b, _ in data.edges:
        degree[a] += 1
        degree[b] += 1
    max_degree = max(degree.values(), default=0)
    nodes = ET.SubElement(graph, "nodes", {"count": str(len(data.nodes))})
    for node, values in data.nodes:
        label = values.get("name") or node
        element = ET.SubElement(nodes, "node", {"id": ids[node], "label": _xml_text(label)})
        _attvalues(element, data.columns, values)
        actor_type = values.get("type")
        color = TYPE_COLORS[actor_type if actor_type in ACTOR_TYPES else "other"]
        ET.SubElement(element, "viz:color", _rgb(color))
        x, y = positions.get(node, (0, 0))
        ET.SubElement(element, "viz:position", {"x": str(x), "y": str(-y), "z": "0"})
        ET.SubElement(element, "viz:size", {"value": repr(node_size(degree[node], max_degree))})

    edges = ET.SubElement(graph, "edges", {"count": str(len(data.edges))})
    for index, (a, b, values) in enumerate(data.edges):
        attrs = {"id": str(index), "source": ids[a], "target": ids[b]}
        if values["weight"] is not None:
            attrs["weight"] = repr(values["weight"])
        element = ET.SubElement(edges, "edge", attrs)
        _attvalues(element, edge_columns, values)
        color = CROSS_DISTRICT_COLOR if values["cross_district"] else EDGE_COLOR
        ET.SubElement(element, "viz:color", _rgb(color))
        ET.SubElement(element, "viz:shape", {"value": _edge_shape(values["types"])})
    return _serialize(root)


def _attvalues(element: ET.Element, columns: Iterable[tuple[str, str]], values: dict[str, Any]) -> None:
    present = [(name, kind) for name, kind in columns if values.get(name) is not None]
    if not present:
        return
    holder = ET.SubElement(element, "attvalues")
    for name, kind in present:
        ET.SubElement(holder, "attvalue", {"for": _xml_text(name), "value": _format(values[name], kind)})


def to_graphml(result: Analysis) -> bytes:
    """The actor graph as GraphML (UTF-8 bytes), for igraph, Cytoscape, yEd and networkx.

    One ``<key>`` per node attribute (:func:`node_columns`) and per edge attribute
    (:data:`EDGE_ATTRIBUTES`), each with one type (``long``, ``double``, ``boolean`` with
    ``true``/``false``, ``string``); a missing value is left out. Node ids are the actor ids.

    Parameters
    ----------
    result : from :func:`mintgraph.analyze`.

    Returns
    -------
    bytes
        The GraphML document.

    Example
    -------
    >>> from mintgraph.analysis import analyze
    >>> from mintgraph.testing import tiny_dataset
    >>> g = nx.parse_graphml(to_graphml(analyze(tiny_dataset(), permutations=0)))
    >>> g.nodes["u1"]["name"], g.nodes["u1"]["degree"], g.edges["c1", "l1"]["types"]
    ('Uni', 3, 'project')
    """
    data = _prepare(result)
    ids = _xml_ids(data)
    root = ET.Element(
        "graphml",
        {
            "xmlns": GRAPHML_NS,
            "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
            "xsi:schemaLocation": f"{GRAPHML_NS} {GRAPHML_NS}/1.0/graphml.xsd",
        },
    )
    node_keys = {name: f"n{i}" for i, (name, _) in enumerate(data.columns)}
    edge_keys = {name: f"e{i}" for i, (name, _) in enumerate(EDGE_ATTRIBUTES)}
    for domain, columns, keys in (("node", data.columns, node_keys), ("edge", EDGE_ATTRIBUTES, edge_keys)):
        for name, kind in columns:
            ET.SubElement(
                root,
                "key",
                {
                    "id": keys[name],
                    "for": domain,
                    "attr.name": _xml_text(name),
                    "attr.type": _GRAPHML_TYPES[kind],
                },
            )
    graph = ET.SubElement(root, "graph", {"id": "cooperation", "edgedefault": "undirected"})
    for node, values in data.nodes:
        element = ET.SubElement(graph, "node", {"id": ids[node]})
        _graphml_data(element, data.columns, node_keys, values)
    for a, b, values in data.edges:
        element = ET.SubElement(graph, "edge", {"source": ids[a], "target": ids[b]})
        _graphml_data(element, EDGE_ATTRIBUTES, edge_keys, values)
    return _serialize(root)


def _graphml_data(
    element: ET.Element, columns: Iterable[tuple[str, str]], keys: dict[str, str], values: dict[str, Any]
) -> None:
    for name, kind in columns:
        if values.get(name) is not None:
            ET.SubElement(element, "data", {"key": keys[name]}).text = _format(values[name], kind)


def to_json(result: Analysis) -> str:
    """The actor graph as node-link JSON (the format of :func:`networkx.node_link_data` with ``edges="edges"``).

    ``{"directed": false, "multigraph": false, "graph": {...}, "nodes": [{"id": ..., <columns>}],
    "edges": [{"source": ..., "target": ..., <tie attributes>}]}``; a missing value is ``null``,
    keys keep the column order, no character is dropped. ``networkx.node_link_graph(data,
    edges="edges")`` gives back :func:`export_graph`.

    Parameters
    ----------
    result : from :func:`mintgraph.analyze`.

    Returns
    -------
    str
        The JSON text (UTF-8 characters, two-space indent, trailing newline).

    Example
    -------
    >>> from mintgraph.analysis import analyze
    >>> from mintgraph.testing import tiny_dataset
    >>> data = json.loads(to_json(analyze(tiny_dataset(), permutations=0)))
    >>> data["edges"][0]
    {'source': 'c1', 'target': 'l1', 'count': 1, 'types': 'project', 'weight': 1.0, 'first_year': 2019, 'last_year': 2019, 'cross_district': False}
    """
    data = _prepare(result)
    document = {
        "directed": False,
        "multigraph": False,
        "graph": {"name": "mintgraph cooperation graph", "creator": _creator()},
        "nodes": [{"id": node, **values} for node, values in data.nodes],
        "edges": [{"source": a, "target": b, **values} for a, b, values in data.edges],
    }
    return json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def write_exports(
    result: Analysis, out_dir: str | Path, formats: Iterable[str] = EXPORT_FORMATS
) -> list[Path]:
    """Write ``graph.gexf``, ``graph.graphml`` and/or ``graph.json`` to ``out_dir``, each atomically.

    Parameters
    ----------
    result : from :func:`mintgraph.analyze`.
    out_dir : folder to write to (created if missing).
    formats : any of :data:`EXPORT_FORMATS`; each is written once, in that order.

    Returns
    -------
    The paths written.

    Raises
    ------
    ValueError
        For an unknown format.

    Example
    -------
    >>> import tempfile
    >>> from mintgraph.analysis import analyze
    >>> from mintgraph.testing import tiny_dataset
    >>> paths = write_exports(analyze(tiny_dataset(), permutations=0), tempfile.mkdtemp(), ["json", "gexf"])
    >>> [p.name for p in paths]
    ['graph.gexf', 'graph.json']
    """
    wanted = set(formats)
    unknown = sorted(wanted - set(EXPORT_FORMATS))
    if unknown:
        raise ValueError(f"unknown export format {unknown[0]!r}; use {', '.join(EXPORT_FORMATS)}")
    writers = {
        "gexf": lambda: to_gexf(result).decode("utf-8"),
        "graphml": lambda: to_graphml(result).decode("utf-8"),
        "json": lambda: to_json(result),
    }
    out = Path(out_dir)
    # all files or (an error, Ctrl-C) none; each made as it is written
    return write_all((out / EXPORT_FILES[fmt], writers[fmt]()) for fmt in EXPORT_FORMATS if fmt in wanted)
