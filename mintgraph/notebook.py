"""The actor graph in a notebook: a ``pyvis.network.Network`` that looks like ``graph.html``.

:func:`to_pyvis` builds the network node by node (never ``Network.from_nx``, which would copy
every graph attribute into the page): each actor with its name as label, the colour of its type,
the size and the seeded position of ``graph.html`` (:func:`mintgraph.layout.actor_positions`,
physics off, so the picture is the same every time), a plain-text tooltip; each tie with the width
of ``graph.html`` (more cooperation rows, a wider line) and blue across district borders. Personal
columns (contact person, e-mail, phone) are never read. ``Analysis`` shows this graph inline in
Jupyter (its ``_repr_html_``).

Example
-------
>>> from mintgraph import analyze
>>> from mintgraph.testing import tiny_dataset
>>> net = to_pyvis(analyze(tiny_dataset(), permutations=0), lang="en")
>>> len(net.nodes), len(net.edges)
(6, 5)
>>> node = next(n for n in net.nodes if n["id"] == "u1")
>>> node["label"], node["color"], node["physics"]
('Uni', '#0072B2', False)
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from mintgraph.i18n import ACTOR_TYPE_NAMES, LANGS, format_int
from mintgraph.schema import ACTOR_TYPES
from mintgraph.style import node_size, tie_width

if TYPE_CHECKING:
    from pyvis.network import Network

    from mintgraph.analysis import Analysis

__all__ = ["to_pyvis"]


INLINE_ABOVE = 2000
"""``Analysis`` draws its graph inline in Jupyter up to this many actors (as ``graph.html``
draws every actor up to this many); above, it shows a short summary."""


def to_pyvis(
    result: Analysis, *, lang: str = "de", height: str = "750px", width: str = "100%", notebook: bool = True
) -> Network:
    """The cooperation graph of an analysis as a ``pyvis.network.Network``, drawn as ``graph.html``.

    Parameters
    ----------
    result : from :func:`mintgraph.analyze`.
    lang : language of the tooltips, ``"de"`` (default) or ``"en"``.
    height, width : size of the drawing (CSS lengths).
    notebook : prepare the network for Jupyter (``net.show("graph.html")`` draws it inline).

    The JavaScript is inlined (``cdn_resources="in_line"``), so the notebook and any page written
    with ``net.write_html(...)`` work offline.

    Example
    -------
    >>> from mintgraph import analyze
    >>> from mintgraph.testing import tiny_dataset
    >>> net = to_pyvis(analyze(tiny_dataset(), permutations=0))
    >>> sorted(e["width"] for e in net.edges)
    [1.0, 1.0, 1.0, 1.0, 1.9]
    """
    from pyvis.network import Network

    from mintgraph.layout import actor_positions
    from mintgraph.style import CROSS_DISTRICT_COLOR, EDGE_COLOR, TYPE_COLORS

    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGS)}")
    graph, actors = result.graph, result.actors
    net = Network(height=height, width=width, notebook=notebook, cdn_resources="in_line")
    _offline_template(net)
    net.toggle_physics(False)
    positions = actor_positions(graph, actors, seed=42)
    degree = dict(graph.degree())
    top = max(degree.values(), default=0)
    rows = {str(r["id"]): r for r in actors.to_dict("records")}
    region_of = {}
    for node in sorted(graph.nodes, key=str):
        row = rows.get(str(node), {})
        kind = str(row.get("type", "other"))
        kind = kind if kind in ACTOR_TYPES else "other"
        region_of[node] = str(row.get("region", ""))
        x, y = positions.get(node, (0, 0))
        name = str(row.get("name") or node)
        district = str(row.get("region_name") or region_of[node])
        tip = [name, f"{ACTOR_TYPE_NAMES[lang][kind]} · {district}"]
        tip.append(
            ("Kooperationspartner" if lang == "de" else "partners") + f": {format_int(degree[node], lang)}"
        )
        net.add_node(
            str(node),
            label=name,
            color=TYPE_COLORS[kind],
            size=node_size(degree[node], top),
            x=x,
            y=y,
            physics=False,
            title="\n".join(html.escape(line) for line in tip),  # shown as text, never as markup
        )
    for a, b, attrs in sorted(graph.edges(data=True), key=lambda e: tuple(sorted((str(e[0]), str(e[1]))))):
        a, b = sorted((str(a), str(b)))
        cross = bool(region_of.get(a) and region_of.get(b) and region_of[a] != region_of[b])
        count = int(attrs.get("count") or 1)
        net.add_edge(
            a,
            b,
            width=tie_width(count),
            color=CROSS_DISTRICT_COLOR if cross else EDGE_COLOR,
            title=html.escape(str(attrs.get("types") or "").replace("|", ", ")),
        )
    return net


_REMOTE = re.compile(
    r"<link\s[^>]*href=\"https?://[^>]*>|<script\s[^>]*src=\"https?://[^>]*>\s*</script>", re.S
)
"""pyvis' template loads Bootstrap from a CDN even with the scripts inlined: those two tags."""


def _offline_template(net: Network) -> None:
    """Give ``net`` pyvis' own page template without the tags that load from another host (the
    graph needs none of them), so a notebook and a written page make no request."""
    from importlib import resources

    from jinja2 import ChoiceLoader, DictLoader, Environment, FileSystemLoader

    source = resources.files("pyvis").joinpath("templates", "template.html").read_text(encoding="utf-8")
    loader = ChoiceLoader(
        [DictLoader({"template.html": _REMOTE.sub("", source)}), FileSystemLoader(net.template_dir)]
    )
    env = Environment(loader=loader, autoescape=False)
    net.templateEnv = env
    net.path = "template.html"
    net.template = env.get_template("template.html")


def analysis_html(result: Analysis) -> str:
    """What Jupyter shows for an :class:`~mintgraph.analysis.Analysis`: the graph of
    :func:`to_pyvis` in an ``iframe`` (up to :data:`INLINE_ABOVE` actors), else a summary line."""
    actors, ties = len(result.actors), result.graph.number_of_edges()
    summary = (
        f"<p>mintgraph analysis: {actors:,} actors, {len(result.networks):,} networks, {ties:,} ties</p>"
    )
    if actors > INLINE_ABOVE:
        return (
            summary
            + f"<p>(more than {INLINE_ABOVE:,} actors: write the views with mintgraph.write_outputs)</p>"
        )
    page = to_pyvis(result, notebook=False).generate_html()
    frame = (
        f'<iframe srcdoc="{html.escape(page, quote=True)}" style="width:100%;height:770px;border:0"></iframe>'
    )
    return summary + frame
