"""Views: the shareable outputs (HTML pages) built from a graph and its metrics.

Example
-------
>>> from mintgraph.views import render_actor_graph
>>> callable(render_actor_graph)
True
"""

from __future__ import annotations

from mintgraph.views.graph_html import render_actor_graph

__all__ = ["render_actor_graph"]
