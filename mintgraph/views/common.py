"""What every view shares: safe JSON for scripts, the inlined vis-network, the templates.

A single page inlines vis-network (JS and CSS, about 690 KB), so it works as one file. Many
pages in one folder (the district pages of a large landscape) instead reference the shared
copies :data:`SHARED_VIS_JS` and :data:`SHARED_VIS_CSS` written once next to them
(:func:`shared_vis_files`).

Example
-------
>>> json_for_script({"name": "</script>"})
'{"name":"\\\\u003c/script\\\\u003e"}'
>>> "vis-network" in vis_asset("vis-network.min.js", "</script")[:2000].lower()
True
>>> sorted(shared_vis_files())
['vis-network.css', 'vis-network.min.js']
>>> is_relative_link("../graph.html"), is_relative_link("javascript:alert(1)"), is_relative_link("//x.org")
(True, False, False)
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader

_VIS_DIR = ("lib", "vis-9.1.2")
SHARED_VIS_JS = "vis-network.min.js"
"""File name of the shared vis-network script next to the pages that reference it."""
SHARED_VIS_CSS = "vis-network.css"
"""File name of the shared vis-network style sheet next to the pages that reference it."""
_RELATIVE_LINK = re.compile(r"[A-Za-z0-9_.~%-][A-Za-z0-9_.~%/-]*(#[A-Za-z0-9_.~%=-]*)?\Z")
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def json_for_script(data: Any) -> str:
    """Serialise ``data`` as JSON that is safe inside a ``<script>`` element.

    ``<``, ``>`` and ``&`` are written as ``\\u003c`` etc., so no string in the data can
    close the script element or open a comment; ``JSON.parse`` restores them.

    >>> json_for_script({"name": "</script><b>&"})
    '{"name":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return escape_script_json(text)


def escape_script_json(text: str) -> str:
    """JSON text made safe inside a ``<script>`` element, the escaping of :func:`json_for_script`.

    For JSON assembled from pieces: escaping the whole text equals escaping each piece.

    >>> escape_script_json('["</script>"]')
    '["\\\\u003c/script\\\\u003e"]'
    """
    for char, escaped in _JSON_ESCAPES.items():  # no replacement holds another unsafe character
        if char in text:
            text = text.replace(char, escaped)
    return text


@lru_cache(maxsize=1)
def environment() -> Environment:
    return Environment(loader=PackageLoader("mintgraph", "templates"), autoescape=True)


@lru_cache(maxsize=2)
def vis_asset(filename: str, forbidden: str) -> str:
    """Text of pyvis' bundled vis-network file (licence header included)."""
    text = resources.files("pyvis").joinpath(*_VIS_DIR, filename).read_text(encoding="utf-8")
    if forbidden in text.lower() or "<!--" in text:
        raise RuntimeError(f"{filename} contains {forbidden!r} or '<!--' and cannot be inlined safely")
    return text


def shared_vis_files() -> dict[str, str]:
    """``{file name: text}`` of the vis-network files that pages rendered with a shared
    vis-network reference (``<script src>``, ``<link rel="stylesheet">``) instead of inlining.

    The caller writes them into the folder of those pages.
    """
    return {
        SHARED_VIS_JS: vis_asset("vis-network.min.js", "</script"),
        SHARED_VIS_CSS: vis_asset("vis-network.css", "</style"),
    }


def is_relative_link(url: object) -> bool:
    """Whether ``url`` is a safe relative link: ASCII letters, digits and ``_.~%-/`` (``..``
    allowed), optionally a ``#fragment``; no scheme, no host, no leading ``/``."""
    return isinstance(url, str) and not url.startswith("/") and bool(_RELATIVE_LINK.match(url))


FONT_FACE = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"
"""The font of every label drawn by vis-network (the pages' own text uses the same stack)."""


def group_colors(colors: dict[str, str], border: str | Callable[[str], str]) -> dict[str, Any]:
    """vis-network ``groups``: each group filled with its colour, outlined by ``border`` (a colour,
    or a function of the fill), black when highlighted or hovered.

    >>> group_colors({"a": "#ffffff"}, "#000000")["a"]["color"]["hover"]
    {'background': '#ffffff', 'border': '#000000'}
    """
    out = {}
    for name, fill in colors.items():
        edge = border(fill) if callable(border) else border
        out[name] = {
            "color": {
                "background": fill,
                "border": edge,
                "highlight": {"background": fill, "border": "#000000"},
                "hover": {"background": fill, "border": "#000000"},
            }
        }
    return out


def vis_options(
    *,
    groups: dict[str, Any] | None = None,
    tooltip_delay: int = 150,
    multiselect: bool = True,
    hide_edges_on_drag: bool | None = None,
    border_width: float = 1,
    border_selected: float = 3,
    font_size: int | None = None,
    font_stroke: int = 4,
    label_draw_threshold: int | None = None,
    edge_color: dict[str, Any] | None = None,
    selection_width: float = 1.5,
    hover_width: float = 0.5,
    edge_font_size: int | None = None,
) -> dict[str, Any]:
    """The vis-network options of every graph page: fixed positions (no physics), hover tooltips,
    dots with a readable label halo; the pages differ only in the parameters.

    >>> o = vis_options(font_size=14)
    >>> o["physics"], o["nodes"]["font"]["size"], o["interaction"]["multiselect"]
    ({'enabled': False}, 14, True)
    """
    interaction: dict[str, Any] = {
        "hover": True,
        "tooltipDelay": tooltip_delay,
        "multiselect": multiselect,
        "navigationButtons": False,
        "keyboard": False,
    }
    if hide_edges_on_drag is not None:
        interaction["hideEdgesOnDrag"] = hide_edges_on_drag
    font: dict[str, Any] = {
        "face": FONT_FACE,
        "color": "#1a1a1a",
        "strokeWidth": font_stroke,
        "strokeColor": "#ffffff",
    }
    if font_size is not None:
        font["size"] = font_size
    nodes: dict[str, Any] = {
        "shape": "dot",
        "borderWidth": border_width,
        "borderWidthSelected": border_selected,
        "font": font,
    }
    if label_draw_threshold is not None:
        nodes["scaling"] = {"label": {"drawThreshold": label_draw_threshold}}
    edges: dict[str, Any] = {"smooth": False, "selectionWidth": selection_width, "hoverWidth": hover_width}
    if edge_color is not None:
        edges["color"] = edge_color
    if edge_font_size is not None:
        edges["font"] = {
            "face": FONT_FACE,
            "size": edge_font_size,
            "color": "#1a1a1a",
            "strokeWidth": 4,
            "strokeColor": "#ffffff",
        }
    options: dict[str, Any] = {
        "autoResize": True,
        "layout": {"improvedLayout": False, "randomSeed": 0},
        "physics": {"enabled": False},
        "interaction": interaction,
        "nodes": nodes,
        "edges": edges,
    }
    if groups is not None:
        options["groups"] = groups
    return options
