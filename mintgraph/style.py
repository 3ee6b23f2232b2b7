"""The look shared by every output that draws actors and ties: ``graph.html``, the GEXF export,
the compare page, the report's charts and ``to_pyvis`` (so they agree without importing a page).

>>> TYPE_COLORS["school"], EDGE_DASHES["project"] is None
('#56B4E9', True)
"""

from __future__ import annotations

import math

__all__ = [
    "CROSS_DISTRICT_COLOR",
    "EDGE_COLOR",
    "EDGE_DASHES",
    "NODE_SIZE_MAX",
    "NODE_SIZE_MIN",
    "TYPE_COLORS",
]

TYPE_COLORS: dict[str, str] = {
    "school": "#56B4E9",  # Okabe–Ito sky blue: the many schools get a calm colour
    "university": "#0072B2",  # Okabe–Ito blue
    "company": "#E69F00",  # Okabe–Ito orange
    "association": "#009E73",  # Okabe–Ito bluish green
    "student_lab": "#D55E00",  # Okabe–Ito vermillion
    "museum": "#CC79A7",  # Okabe–Ito reddish purple
    "public_body": "#F0E442",  # Okabe–Ito yellow
    "foundation": "#882255",  # Tol wine
    "chamber": "#999933",  # Tol olive
    "other": "#AAAAAA",  # grey
}
"""Fixed colour of each actor type (Okabe–Ito, extended with Paul Tol's wine and olive)."""

EDGE_DASHES: dict[str, list[int] | None] = {
    "project": None,  # solid: the most common and the strongest kind
    "offer": [10, 5],
    "sponsorship": [14, 4, 3, 4],
    "exchange": [3, 4],
    "other": [6, 6],
}
"""Dash pattern (on screen, in pixels; ``None`` = solid) of a tie by its cooperation type.

A tie of several types is drawn in the style of the first of them in this order (the order
of :data:`mintgraph.schema.COOPERATION_TYPES`)."""

EDGE_COLOR = "#8a8a8a"
"""Colour of a tie between two actors of the same district."""

CROSS_DISTRICT_COLOR = "#3949AB"
"""Colour of a tie whose two actors lie in different districts (``region``)."""

NODE_SIZE_MIN = 9.0

NODE_SIZE_MAX = 36.0


def node_size(degree: int, max_degree: int) -> float:
    """Node size of an actor by degree (``graph.html`` with ``size_by="degree"``, the GEXF export,
    ``to_pyvis``): 9 for an isolated actor, 36 for the most connected one, area ∝ degree.

    >>> node_size(0, 10), node_size(10, 10), node_size(1, 4)
    (9.0, 36.0, 22.5)
    """
    if degree <= 0 or max_degree <= 0:
        return NODE_SIZE_MIN
    return round(NODE_SIZE_MIN + (NODE_SIZE_MAX - NODE_SIZE_MIN) * math.sqrt(degree / max_degree), 1)


def tie_width(count: int) -> float:
    """Line width of a tie of ``count`` cooperation rows (1 to 7).

    >>> tie_width(1), tie_width(3), tie_width(20)
    (1.0, 2.8, 7.0)
    """
    return round(min(1.0 + 0.9 * max(count - 1, 0), 7.0), 1)
