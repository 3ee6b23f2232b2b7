"""Layouts: where each actor sits in ``graph.html``, the district and network pages, and wherever
another output shows actors where ``graph.html`` does (GEXF export, the compare page, ``to_pyvis``).

The actor layout is deterministic (seeded): the largest connected component as a disc laid out
by a ForceAtlas2-style simulation (exact forces up to :data:`DENSE_LAYOUT_LIMIT` nodes, sampled
repulsion above), its radial density evened out; smaller components and isolated actors in a
block to its right. Positions are integers in vis-network canvas units (``y`` grows downwards).
The district overview places districts where they lie (:func:`district_layout`, then
:func:`separate_boxes` so no label overlaps); the network-of-networks page draws the umbrella
hierarchy as a tree (:func:`tree_layout`).

Example
-------
>>> import networkx as nx
>>> import pandas as pd
>>> g = nx.Graph([("a", "b"), ("b", "c"), ("c", "a")])
>>> table = pd.DataFrame({"id": ["a", "b", "c"], "name": ["A", "B", "C"], "type": ["school"] * 3})
>>> positions = actor_positions(g, table)
>>> sorted(positions) == ["a", "b", "c"] and positions == actor_positions(g, table)
True
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import math
import os
import pickle
import subprocess
import sys
import threading
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse
import scipy.sparse.csgraph

from mintgraph.cells import actor_type as _actor_type
from mintgraph.cells import cell_text as _text
from mintgraph.defaults import LAYOUT_SPARE
from mintgraph.files import atomic_write_bytes
from mintgraph.regions import district_centroids, germany_boundaries, shipped_boundaries
from mintgraph.schema import ACTOR_TYPES
from mintgraph.workers import receive, send, start_worker, stop, yield_cpu

__all__ = [
    "CELL",
    "DENSE_LAYOUT_LIMIT",
    "LAYOUT_ANCHORS",
    "NODE_SPACING",
    "LayoutBatch",
    "LayoutJob",
    "actor_positions",
    "cached_layout",
    "component_layout",
    "district_layout",
    "edge_list",
    "hierarchy_parents",
    "layout_indexed",
    "layout_order",
    "layout_positions",
    "separate_boxes",
    "shipped_centroids",
    "tree_layout",
]

LAYOUT_BLOCK = 128
"""Rows of the force computation done at a time: the arrays stay in the processor's cache."""
DENSE_LAYOUT_LIMIT = 1000
"""Components with more nodes are laid out by :func:`_sampled_force_layout` (cost O(n) per step)."""
LAYOUT_ANCHORS = 256
"""Nodes each step of :func:`_sampled_force_layout` draws as the sources of repulsion."""
NODE_SPACING = 52.0  # typical distance between neighbouring nodes of the main picture
EQUALIZE = 0.7  # how much the main disc's radial density is evened out (0 = not at all)
CELL = 46.0  # grid cell of the block of small components and isolated nodes
ISOLATED_CELL_WIDTH = 150.0  # isolated nodes sit in wide cells, room for a short label


_Node = TypeVar("_Node", str, int)
"""A node: an actor id, or an actor's index where a page numbers its actors."""


def layout_order(ids: list[_Node], names: dict[_Node, str], types: dict[_Node, str]) -> list[_Node]:
    """Layout order: by type, then name, so the isolated nodes come out grouped by colour."""
    type_rank = {c: i for i, c in enumerate(ACTOR_TYPES)}
    return sorted(ids, key=lambda n: (type_rank.get(types[n], len(type_rank)), names[n].casefold(), n))


def actor_positions(graph: nx.Graph, actors: pd.DataFrame, *, seed: int = 42) -> dict[str, tuple[int, int]]:
    """The positions of ``graph.html``'s actor nodes: the same seeded layout, as ``{id: (x, y)}``.

    Other outputs (GEXF export, the compare page) use it so that they show the actors where
    ``graph.html`` does. ``actors`` needs ``id``, ``name`` and ``type``; actors missing from
    ``graph`` are placed as isolated nodes. Screen coordinates: ``y`` grows downwards.

    >>> import networkx as nx
    >>> g = nx.Graph([("a", "b"), ("b", "c"), ("c", "a")])
    >>> table = pd.DataFrame({"id": ["a", "b", "c"], "name": ["A", "B", "C"], "type": ["school"] * 3})
    >>> pos = actor_positions(g, table)
    >>> sorted(pos) == ["a", "b", "c"] and pos == actor_positions(g, table)
    True
    """
    records = {str(r["id"]): r for r in actors[["id", "name", "type"]].to_dict("records")}
    ids = sorted(set(records) | {str(n) for n in graph.nodes})
    names = {n: _text(records.get(n, {}).get("name")) or n for n in ids}
    types = {n: _actor_type(records.get(n, {}).get("type")) for n in ids}
    edges = [(a, b) for a, b, _ in edge_list(graph)]
    return layout_positions(layout_order(ids, names, types), edges, seed)[0]


def layout_positions(
    nodes: list[str], edges: list[tuple[str, str]], seed: int
) -> tuple[dict[str, tuple[int, int]], tuple[int, int] | None, dict[str, int]]:
    """Deterministic integer positions: the largest component as a disc, the rest in a block to its right.

    The largest connected component (if it has at least 3 nodes) is laid out by a seeded
    ForceAtlas2-style simulation, its radial density evened out (so the core does not
    become one blot) and scaled to a disc whose radius grows with the square root of its
    size (about 1,200 units for 500 nodes). Smaller components (largest first) and then the
    isolated nodes (in the given order) fill a block of rows to the right of the disc.
    Returns the positions, the top-left corner of the isolated nodes (or ``None``) and, for
    each node in the block, the index of its component there (the page moves the visible
    ones next to the visible part of the disc while a filter is on).
    """
    names = list(dict.fromkeys([*nodes, *(n for edge in edges for n in edge)]))
    index = {n: i for i, n in enumerate(names)}
    ends = np.array([(index[a], index[b]) for a, b in edges], dtype=np.int64).reshape(-1, 2)
    xy, caption, comp = layout_indexed(len(names), np.arange(len(names)), ends[:, 0], ends[:, 1], seed)
    positions = {n: (int(xy[i, 0]), int(xy[i, 1])) for i, n in enumerate(names)}
    return positions, caption, {n: int(comp[i]) for i, n in enumerate(names) if comp[i] >= 0}


Layout = tuple[np.ndarray, "tuple[int, int] | None", np.ndarray]
"""What :func:`layout_indexed` returns: positions ``(n, 2)``, caption corner, block component per node."""


def layout_indexed(
    n: int,
    order: np.ndarray,
    ea: np.ndarray,
    eb: np.ndarray,
    seed: int,
    *,
    dense_limit: int = DENSE_LAYOUT_LIMIT,
) -> Layout:
    """The layout of nodes ``0 … n-1`` in the layout order ``order``, with ties ``(ea[k], eb[k])``.

    Components of more than ``dense_limit`` nodes are laid out by :func:`_sampled_force_layout`.
    A layout of :data:`CACHE_MIN_NODES` or more nodes is kept in the layout cache
    (:func:`layout_cache_dir`) and read from there when the same inputs come again (a re-run
    after a data fix lays out only the pages whose graph changed); the result is the same.

    Returns the integer positions as an ``(n, 2)`` array, the caption corner, and each node's
    component index in the block (``-1`` for the nodes of the disc).

    >>> xy, caption, comp = layout_indexed(3, np.arange(3), np.array([0, 1]), np.array([1, 2]), seed=1)
    >>> xy.shape, caption, comp.tolist()
    ((3, 2), None, [-1, -1, -1])
    """
    slot = _cache_slot(n, order, ea, eb, seed, dense_limit)
    cached = None if slot is None else _cached(*slot, n)
    if cached is not None:
        return cached
    out = _layout_indexed(n, order, ea, eb, seed, dense_limit)
    if slot is not None:
        _write_cached(*slot, out)
    return out


def cached_layout(
    n: int,
    order: np.ndarray,
    ea: np.ndarray,
    eb: np.ndarray,
    seed: int,
    *,
    dense_limit: int = DENSE_LAYOUT_LIMIT,
) -> Layout | None:
    """:func:`layout_indexed`'s result if the layout cache holds it, else None (not cached yet,
    the cache off, or a layout too small to be cached). Computes nothing.

    >>> cached_layout(3, np.arange(3), np.array([0]), np.array([1]), seed=1) is None  # too small
    True
    """
    slot = _cache_slot(n, order, ea, eb, seed, dense_limit)
    return None if slot is None else _cached(*slot, n)


def _cache_slot(
    n: int, order: np.ndarray, ea: np.ndarray, eb: np.ndarray, seed: int, dense_limit: int
) -> tuple[Path, str] | None:
    """The cache folder and key of a layout, or None when it is not cached (cache off, too small)."""
    folder = layout_cache_dir() if n >= CACHE_MIN_NODES else None
    return None if folder is None else (folder, _cache_key(n, order, ea, eb, seed, dense_limit))


def _cached(folder: Path, key: str, n: int) -> Layout | None:
    cached = _read_cached(folder / f"{key}.npz", n)
    if cached is not None:
        with contextlib.suppress(OSError):
            os.utime(folder / f"{key}.npz")  # recently used: pruned last
    return cached


@dataclass(frozen=True)
class LayoutJob:
    """The arguments of one :func:`layout_indexed` call (a page's layout, to be computed elsewhere)."""

    n: int
    order: np.ndarray
    ea: np.ndarray
    eb: np.ndarray
    seed: int
    dense_limit: int = DENSE_LAYOUT_LIMIT

    def run(self) -> Layout:
        """The layout: :func:`layout_indexed` on these arguments (the cache included)."""
        return layout_indexed(self.n, self.order, self.ea, self.eb, self.seed, dense_limit=self.dense_limit)

    def cached(self) -> Layout | None:
        """:func:`cached_layout` on these arguments."""
        return cached_layout(self.n, self.order, self.ea, self.eb, self.seed, dense_limit=self.dense_limit)


def _layout_indexed(
    n: int, order: np.ndarray, ea: np.ndarray, eb: np.ndarray, seed: int, dense_limit: int
) -> Layout:
    """:func:`layout_indexed` without the cache."""
    xy = np.zeros((n, 2))
    groups = np.full(n, -1, dtype=np.int64)
    if n == 0:
        return xy.astype(np.int64), None, groups
    keep = ea != eb
    ea, eb = ea[keep], eb[keep]
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n)
    adjacency = scipy.sparse.coo_matrix((np.ones(len(ea)), (ea, eb)), shape=(n, n))
    count, labels = scipy.sparse.csgraph.connected_components(adjacency, directed=False)
    sizes = np.bincount(labels, minlength=count)
    # each component's nodes in layout order; components by size, then by their first node
    grouped = order[np.argsort(labels[order], kind="stable")]
    members = np.split(grouped, np.cumsum(sizes)[:-1])
    first = np.array([rank[m[0]] for m in members])
    comps = [members[k] for k in np.lexsort((first, -sizes)).tolist()]
    # each component's ties, found by its label
    tie_order = np.argsort(labels[ea], kind="stable")
    tie_bounds = np.searchsorted(labels[ea][tie_order], np.arange(count + 1))
    slot = np.empty(n, dtype=np.int64)

    def component(nodes: np.ndarray, radius: float, *, equalize: bool = False) -> np.ndarray:
        slot[nodes] = np.arange(len(nodes))
        label = labels[nodes[0]]
        ties = tie_order[tie_bounds[label] : tie_bounds[label + 1]]
        return _component_xy(
            len(nodes),
            slot[ea[ties]],
            slot[eb[ties]],
            radius,
            seed,
            equalize=equalize,
            dense_limit=dense_limit,
        )

    radius = 0.0
    if comps and len(comps[0]) >= 3:
        main = comps.pop(0)
        radius = NODE_SPACING * math.sqrt(len(main)) + NODE_SPACING
        xy[main] = component(main, radius, equalize=True)

    # The rest, each as (local positions around 0, radius): components, then isolated nodes.
    items: list[tuple[dict[int, tuple[float, float]], float]] = []
    for nodes in comps:
        if len(nodes) == 1:
            items.append(({int(nodes[0]): (0.0, 0.0)}, 0.0))
        else:
            r = NODE_SPACING * 0.5 * math.sqrt(len(nodes))
            local = component(nodes, r)
            items.append(({int(v): (float(local[i, 0]), float(local[i, 1])) for i, v in enumerate(nodes)}, r))
        groups[nodes] = len(items) - 1
    left = radius + 3 * CELL if radius else 0.0
    block, caption = _place_in_block(items, left=left, height=2 * radius)
    for node, (x, y) in block.items():
        xy[node] = (x, y)
    return np.rint(xy).astype(np.int64), caption, groups


_SMALL_COMPONENT = 64
"""Layouts of components up to this size are kept (:func:`_component_xy`): equal ones recur often."""


_small_layouts: dict[tuple[Any, ...], np.ndarray] = {}


def _component_xy(
    n: int,
    u: np.ndarray,
    v: np.ndarray,
    radius: float,
    seed: int,
    *,
    equalize: bool = False,
    dense_limit: int = DENSE_LAYOUT_LIMIT,
) -> np.ndarray:
    """:func:`_component_layout` of the component on nodes ``0 … n-1`` with ties ``(u[k], v[k])``.

    The result depends only on the adjacency, ``radius``, ``seed`` and ``equalize``, so the
    layouts of small components (most often pairs and short chains, recurring on many pages)
    are computed once.
    """
    if n == 1:
        return np.zeros((1, 2))
    if n > dense_limit:
        keys = np.unique(np.concatenate([u * n + v, v * n + u]))
        rows, cols = keys // n, keys % n  # the order of np.nonzero on the adjacency matrix
        mass = np.bincount(rows, minlength=n).astype(float) + 1.0
        return _spread(_sampled_force_layout_ties(n, rows, cols, mass, seed), radius, equalize)
    adj = np.zeros((n, n))
    adj[u, v] = 1.0
    adj[v, u] = 1.0
    key = None
    if n <= _SMALL_COMPONENT:
        key = (n, adj.tobytes(), radius, seed, equalize)
        known = _small_layouts.get(key)
        if known is not None:
            return known.copy()
    xy = _spread(_force_layout(adj, seed), radius, equalize)
    if key is not None:
        if len(_small_layouts) > 10_000:
            _small_layouts.clear()
        _small_layouts[key] = xy.copy()
    return xy


def _spread(xy: np.ndarray, radius: float, equalize: bool) -> np.ndarray:
    """Centre a layout at 0 and scale it to ``radius`` (with ``equalize``: even out its radial density)."""
    n = len(xy)
    xy -= xy.mean(axis=0)
    dist = np.sqrt((xy**2).sum(axis=1))
    extent = float(dist.max())
    if extent > 0:
        if equalize:
            rank = np.empty(n)
            rank[np.argsort(dist, kind="stable")] = np.arange(n)
            target = EQUALIZE * np.sqrt((rank + 0.5) / n) + (1 - EQUALIZE) * dist / extent
            xy *= (target / np.clip(dist, 1e-12, None))[:, None]
            extent = 1.0
        xy *= radius / extent
    return xy


def edge_list(graph: nx.Graph) -> list[tuple[str, str, dict[str, Any]]]:
    """Edges with string ends, each pair once (smaller id first), sorted; self-loops dropped."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for u, v, attrs in graph.edges(data=True):
        a, b = sorted((str(u), str(v)))
        if a != b:
            out[(a, b)] = attrs
    return [(a, b, out[(a, b)]) for a, b in sorted(out)]


def component_layout(
    sub: nx.Graph, nodes: list[str], radius: float, seed: int, *, equalize: bool = False
) -> dict[str, tuple[float, float]]:
    """Force layout of one connected component, centred at 0 and scaled to ``radius``.

    With ``equalize`` the distances from the centre are partly replaced by their rank
    (``sqrt(rank / n)``, which fills a disc evenly), spreading a dense core; directions and
    the order of distances are kept.
    """
    index = {n: i for i, n in enumerate(nodes)}
    ends = np.array([(index[u], index[v]) for u, v in sub.edges()], dtype=np.int64).reshape(-1, 2)
    xy = _component_xy(len(nodes), ends[:, 0], ends[:, 1], radius, seed, equalize=equalize)
    return {n: (float(xy[i, 0]), float(xy[i, 1])) for n, i in index.items()}


def _force_layout(adj: np.ndarray, seed: int, iterations: int | None = None) -> np.ndarray:
    """ForceAtlas2-style layout (dense NumPy, seeded, no SciPy).

    Each iteration costs O(n²): 200 iterations take about 0.5 s for 600 nodes; beyond 800
    nodes the number of iterations shrinks so that a layout stays within a few seconds.

    Repulsion between all pairs grows with both nodes' degree (hubs push each other apart,
    their partners gather around them), attraction along edges is linear in the distance,
    and a gravity towards the centre keeps the picture together. Steps are capped by a
    cooling temperature, so the result depends only on ``adj`` and ``seed``.
    """
    n = adj.shape[0]
    if n > DENSE_LAYOUT_LIMIT and iterations is None:
        return _sampled_force_layout(adj, seed)
    if iterations is None:
        iterations = max(40, min(200, int(200 * (800 / max(n, 1)) ** 2)))
    rng = np.random.default_rng(seed)
    start = (rng.random((n, 2)) - 0.5) * 10.0 * math.sqrt(n)
    x, y = start[:, 0].copy(), start[:, 1].copy()
    mass = adj.sum(axis=1) + 1.0
    repulsion = np.outer(mass, mass)
    temperature = 2.0 * math.sqrt(n)
    fx, fy = np.empty(n), np.empty(n)
    for _ in range(iterations):
        for lo in range(0, n, LAYOUT_BLOCK):  # rows in blocks that stay in the cache; the same sums
            hi = min(lo + LAYOUT_BLOCK, n)
            dx = np.subtract.outer(x[lo:hi], x)
            dy = np.subtract.outer(y[lo:hi], y)
            d2 = dx * dx
            d2 += dy * dy
            np.maximum(d2, 0.01, out=d2)
            # along (dx, dy): mass_i * mass_j / d repulsion, d attraction
            factor = np.divide(repulsion[lo:hi], d2, out=d2)
            factor -= adj[lo:hi]
            dx *= factor
            dy *= factor
            fx[lo:hi] = dx.sum(axis=1)
            fy[lo:hi] = dy.sum(axis=1)
        _gravity_and_step(x, y, fx, fy, mass, temperature)
        temperature *= 0.985
    return np.column_stack([x, y])


def _gravity_and_step(
    x: np.ndarray, y: np.ndarray, fx: np.ndarray, fy: np.ndarray, mass: np.ndarray, temperature: float
) -> None:
    """The end of a layout step, in place: gravity towards the origin (``mass``), then every node
    moves along its force by at most ``temperature`` (the same for both force layouts)."""
    r = np.sqrt(x * x + y * y) + 1e-9
    fx -= mass * x / r
    fy -= mass * y / r
    length = np.sqrt(fx * fx + fy * fy) + 1e-9
    step = np.minimum(length / mass, temperature) / length
    x += fx * step
    y += fy * step


def _sampled_force_layout(adj: np.ndarray, seed: int, iterations: int = 60) -> np.ndarray:
    """The force model of :func:`_force_layout` for large components, at O(n) per step.

    The repulsion between all pairs is estimated, in each step, from :data:`LAYOUT_ANCHORS`
    nodes drawn at random (seeded) and scaled by ``n / anchors``; attraction along the edges
    and gravity are exact. A district page of a landscape of 100,000 actors (a few thousand
    nodes) is laid out in about a second instead of minutes.
    """
    n = adj.shape[0]
    rows, cols = np.nonzero(adj)
    return _sampled_force_layout_ties(n, rows, cols, adj.sum(axis=1) + 1.0, seed, iterations)


def _sampled_force_layout_ties(
    n: int, rows: np.ndarray, cols: np.ndarray, mass: np.ndarray, seed: int, iterations: int = 60
) -> np.ndarray:
    """:func:`_sampled_force_layout` from the adjacency's non-zero entries ``(rows, cols)`` (in the
    order of :func:`numpy.nonzero`) and ``mass`` = degree + 1."""
    rng = np.random.default_rng(seed)
    start = (rng.random((n, 2)) - 0.5) * 10.0 * math.sqrt(n)
    x, y = start[:, 0].copy(), start[:, 1].copy()
    anchors = min(LAYOUT_ANCHORS, n)
    scale = n / anchors
    temperature = 2.0 * math.sqrt(n)
    fx, fy = np.empty(n), np.empty(n)
    repulsion = _repulsion_function(n, anchors)
    step = _attraction_and_step_numpy
    if repulsion is not _repulsion_numpy:  # compiled: the rest of the step too
        from mintgraph.jit import compiled

        step = compiled().attraction_and_step
    for _ in range(iterations):
        pick = rng.choice(n, size=anchors, replace=False)
        repulsion(x, y, mass, x[pick], y[pick], mass[pick], scale, fx, fy)
        step(x, y, fx, fy, rows, cols, mass, temperature)
        temperature *= 0.95
    return np.column_stack([x, y])


def _attraction_and_step_numpy(
    x: np.ndarray,
    y: np.ndarray,
    fx: np.ndarray,
    fy: np.ndarray,
    rows: np.ndarray,
    cols: np.ndarray,
    mass: np.ndarray,
    temperature: float,
) -> None:
    """The rest of a sampled layout step after the repulsion, in place: the attraction along the
    adjacency's entries ``(rows, cols)``, then gravity and the step (:func:`_gravity_and_step`) —
    the definition, in numpy (:func:`mintgraph.kernels.attraction_and_step` is the same, compiled)."""
    n = len(x)
    fx -= np.bincount(rows, x[rows] - x[cols], minlength=n)
    fy -= np.bincount(rows, y[rows] - y[cols], minlength=n)
    _gravity_and_step(x, y, fx, fy, mass, temperature)


def _repulsion_numpy(
    x: np.ndarray,
    y: np.ndarray,
    mass: np.ndarray,
    xp: np.ndarray,
    yp: np.ndarray,
    mp: np.ndarray,
    scale: float,
    fx: np.ndarray,
    fy: np.ndarray,
) -> None:
    """Each node's repulsion from the step's anchors ``(xp, yp)`` (masses ``mp``), into ``fx, fy``:
    the definition, in numpy (:func:`mintgraph.kernels.repulsion` is the same, compiled)."""
    for lo in range(0, len(x), LAYOUT_BLOCK):  # rows in blocks that stay in the cache; the same sums
        hi = min(lo + LAYOUT_BLOCK, len(x))
        dx = np.subtract.outer(x[lo:hi], xp)
        dy = np.subtract.outer(y[lo:hi], yp)
        d2 = dx * dx
        d2 += dy * dy
        np.maximum(d2, 0.01, out=d2)
        factor = np.multiply.outer(mass[lo:hi], mp)
        factor *= scale
        factor /= d2
        dx *= factor
        dy *= factor
        fx[lo:hi] = dx.sum(axis=1)
        fy[lo:hi] = dy.sum(axis=1)


COMPILED_AFTER_NODES = 5_000
"""A process draws sampled layouts with the numpy repulsion (:func:`_repulsion_numpy`) until it
has drawn this many nodes, then with the compiled one (:mod:`mintgraph.kernels`, numba; the
same positions bit for bit, about 6.5 times faster): importing numba and loading the compiled
code (about 0.4 s, a second the first time on a machine) pays only for a process with many
layouts to draw, such as the district pages of a large landscape. A process that has loaded
:mod:`mintgraph.kernels` already (for the indicators, or a layout worker that imported it
first) uses the compiled one from the first node."""

_drawn_nodes = 0  # nodes this process has laid out with the sampled force model


def _repulsion_function(n: int, anchors: int) -> Any:
    """The repulsion to use for a sampled layout of ``n`` nodes (see :data:`COMPILED_AFTER_NODES`)."""
    global _drawn_nodes
    _drawn_nodes += n
    if _drawn_nodes <= COMPILED_AFTER_NODES and "mintgraph.kernels" not in sys.modules:
        return _repulsion_numpy  # numba not loaded yet (where it is, the compiled one at once)
    from mintgraph.jit import compiled  # imported when first needed (numba)

    kernels = compiled()
    return kernels.repulsion if kernels is not None and anchors <= kernels.MAX_TERMS else _repulsion_numpy


def _place_in_block(
    items: list[tuple[dict[int, tuple[float, float]], float]], *, left: float, height: float
) -> tuple[dict[int, tuple[float, float]], tuple[int, int] | None]:
    """Place items (local layout, radius) in a block whose left edge is ``left``.

    Small components are packed in rows on top; the isolated nodes (items of radius 0)
    follow in a grid of wide cells (room for a short label under each dot). The block is
    about ``height`` tall (the main disc's diameter; with nothing in the middle it is a
    wide rectangle) and vertically centred on 0. Returns the positions and the corner
    above the first isolated node, for a caption.
    """
    comps = [item for item in items if item[1] > 0]
    isolated = [next(iter(local)) for local, r in items if r == 0]
    if not items:
        return {}, None
    if isolated and height > 0:
        columns = math.ceil(len(isolated) * CELL / (0.75 * height))
    else:
        columns = math.ceil(math.sqrt(len(isolated) * CELL / ISOLATED_CELL_WIDTH * 1.6))
    width = max([2 * r + CELL for _, r in comps] + [max(1, columns) * ISOLATED_CELL_WIDTH, 4 * CELL])
    pos: dict[int, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for local, r in comps:  # shelf packing
        size = 2 * r + CELL
        if x + size > width + 1e-9:
            x, y, row_height = 0.0, y + row_height, 0.0
        for node, (dx, dy) in local.items():
            pos[node] = (x + size / 2 + dx, y + size / 2 + dy)
        x += size
        row_height = max(row_height, size)
    y += row_height + (CELL if comps and isolated else 0.0)
    caption = (0.0, y) if isolated else None
    columns = max(1, int(width // ISOLATED_CELL_WIDTH))
    for i, node in enumerate(isolated):
        row, col = divmod(i, columns)
        pos[node] = ((col + 0.5) * ISOLATED_CELL_WIDTH, y + (row + 0.5) * CELL)
    if isolated:
        y += math.ceil(len(isolated) / columns) * CELL
    top = -y / 2
    out = {n: (left + px, top + py) for n, (px, py) in pos.items()}
    corner = (round(left + caption[0]), round(top + caption[1])) if caption is not None else None
    return out, corner


# --------------------------------------------------------------------------- district overview


@functools.lru_cache(maxsize=1)
def shipped_centroids() -> dict[str, tuple[float, float]]:
    """Area-weighted centroid (longitude, latitude) of each shipped district polygon, by code.

    Hessen's from the Hessen file (as always), every other district of Germany from the Germany
    file — so a landscape anywhere in Germany is laid out by its geography, not by a spring model.
    The dictionary is cached: read it, do not change it.

    >>> [round(v, 1) for v in shipped_centroids()["06611"]], len(shipped_centroids()) >= 400
    ([9.5, 51.3], True)
    """
    out = district_centroids(germany_boundaries())
    out.update(district_centroids(shipped_boundaries()))
    return out


def district_layout(
    codes: list[str],
    ties: list[tuple[str, str, float]],
    *,
    seed: int,
    extent: float,
    max_stretch: float,
) -> dict[str, tuple[float, float]]:
    """Positions of districts in a box whose longer side is ``extent``, centred on ``(0, 0)``.

    Where every code has a shipped centroid, the districts sit where they lie (north up, a
    degree of longitude shortened by the cosine of the mean latitude); otherwise a seeded
    spring layout (networkx's Fruchterman–Reingold, 200 iterations) of the weighted ``ties``
    places them. A tall shape (like Hessen) is stretched sideways, up to ``max_stretch``, to
    fill a wide screen. Screen coordinates: ``y`` grows downwards.

    >>> pos = district_layout(["06411", "06611"], [], seed=1, extent=100.0, max_stretch=1.6)
    >>> [tuple(round(v) for v in pos[c]) for c in ("06411", "06611")]  # Darmstadt south of Kassel
    [(-28, 50), (28, -50)]
    """
    if not codes:
        return {}
    centroids = shipped_centroids()  # read only
    if all(c in centroids for c in codes):
        mean_lat = sum(centroids[c][1] for c in codes) / len(codes)
        shrink = math.cos(math.radians(mean_lat))  # a degree of longitude is shorter than one of latitude
        raw = {c: (centroids[c][0] * shrink, -centroids[c][1]) for c in codes}
    else:
        h = nx.Graph()
        h.add_nodes_from(codes)
        h.add_weighted_edges_from(ties)
        spring = nx.spring_layout(h, weight="weight", seed=seed, iterations=200) if len(codes) > 1 else {}
        raw = {c: (float(spring[c][0]), float(spring[c][1])) if c in spring else (0.0, 0.0) for c in codes}
    xs = [p[0] for p in raw.values()]
    ys = [p[1] for p in raw.values()]
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    stretch = min(max_stretch, height / width) if 0 < width < height else 1.0
    span = max(width * stretch, height) or 1.0
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {c: ((x - cx) * stretch * extent / span, (y - cy) * extent / span) for c, (x, y) in raw.items()}


def separate_boxes(
    codes: list[str],
    pos: dict[str, tuple[float, float]],
    width: np.ndarray,
    top: np.ndarray,
    bottom: np.ndarray,
    rounds: int = 400,
) -> dict[str, tuple[float, float]]:
    """Move boxes apart until no two overlap (or ``rounds`` are done).

    Box ``i`` is ``width[i]`` wide, centred on ``pos[codes[i]]``, and reaches ``top[i]`` above
    and ``bottom[i]`` below it (a circle with its label underneath). Each round, every
    overlapping pair is pushed apart along the axis of its smaller overlap, half each way (a
    deterministic Jacobi step on NumPy arrays, in code order).

    >>> moved = separate_boxes(["a", "b"], {"a": (0.0, 0.0), "b": (1.0, 0.0)},
    ...                        np.array([10.0, 10.0]), np.array([5.0, 5.0]), np.array([5.0, 5.0]))
    >>> moved["b"][0] - moved["a"][0] >= 10
    True
    """
    n = len(codes)
    xy = np.array([pos[c] for c in codes], dtype=float)
    order = np.arange(n)
    for _ in range(rounds):
        dx = xy[None, :, 0] - xy[:, None, 0]  # dx[i, j] = x_j - x_i
        dy = xy[None, :, 1] - xy[:, None, 1]
        over_x = (width[:, None] + width[None, :]) / 2 - np.abs(dx)
        # vertical overlap of box i ([y - top, y + bottom]) and box j
        over_y = np.where(dy >= 0, bottom[:, None] + top[None, :] - dy, bottom[None, :] + top[:, None] + dy)
        hit = (over_x > 0) & (over_y > 0) & (order[:, None] != order[None, :])
        if not hit.any():
            break
        along_x = over_x <= over_y
        sign_x = np.where(dx != 0, np.sign(dx), np.where(order[None, :] > order[:, None], 1.0, -1.0))
        sign_y = np.where(dy != 0, np.sign(dy), np.where(order[None, :] > order[:, None], 1.0, -1.0))
        push_x = np.where(hit & along_x, sign_x * (over_x / 2 + 0.5), 0.0)
        push_y = np.where(hit & ~along_x, sign_y * (over_y / 2 + 0.5), 0.0)
        xy[:, 0] -= 0.5 * push_x.sum(axis=1)
        xy[:, 1] -= 0.5 * push_y.sum(axis=1)
    return {c: (float(xy[i, 0]), float(xy[i, 1])) for i, c in enumerate(codes)}


# --------------------------------------------------------------------------- network hierarchy


def hierarchy_parents(ids: list[str], parent: dict[str, str]) -> dict[str, str]:
    """Each network's umbrella, keeping only umbrellas among ``ids``; a cycle is cut where it closes.

    ``parent`` maps a network to the umbrella its row names (possibly unknown or itself).

    >>> hierarchy_parents(["a", "b", "c"], {"a": "b", "b": "a", "c": "x"})
    {'a': 'b'}
    """
    known = set(ids)
    parents: dict[str, str] = {}
    for n in ids:
        p = parent.get(n, "")
        if p and p in known and p != n:
            ancestor, seen = p, {n}
            while ancestor in parents and ancestor not in seen:
                seen.add(ancestor)
                ancestor = parents[ancestor]
            if ancestor not in seen:
                parents[n] = p
    return parents


def tree_layout(
    ids: list[str],
    parents: dict[str, str],
    children: dict[str, list[str]],
    *,
    slot: float,
    group_gap: float,
    row: float,
) -> dict[str, tuple[int, int]]:
    """Deterministic integer positions: a tree with the umbrellas on top, the networks in one row below.

    Networks without sub-networks (the leaves) sit in one bottom row ``slot`` apart, grouped by
    umbrella in input order (networks without an umbrella last; ``group_gap`` more between
    groups); each umbrella is centred above its sub-networks, ``row`` higher per level.

    >>> tree_layout(["u", "a", "b"], {"a": "u", "b": "u"}, {"u": ["a", "b"], "a": [], "b": []},
    ...             slot=100.0, group_gap=50.0, row=200.0)
    {'u': (0, -200), 'a': (-50, 0), 'b': (50, 0)}
    """
    roots = [n for n in ids if n not in parents]
    depth: dict[str, int] = {}
    leaves: list[tuple[str, str]] = []  # (leaf, root of its tree)

    def visit(node: str, level: int, root: str) -> None:
        depth[node] = level
        if not children[node]:
            leaves.append((node, root))
        for child in children[node]:
            visit(child, level + 1, root)

    for root in [r for r in roots if children[r]] + [r for r in roots if not children[r]]:
        visit(root, 0, root)
    inner = [n for n in ids if children[n]]
    bottom = (max(depth[n] for n in inner) + 1) if inner else 0
    x: dict[str, float] = {}
    cursor = 0.0
    previous_root: str | None = None
    for i, (leaf, root) in enumerate(leaves):
        if i:
            cursor += slot + (group_gap if root != previous_root and children[root] else 0.0)
        x[leaf] = cursor
        previous_root = root

    def centre(node: str) -> float:
        if node not in x:
            x[node] = sum(centre(c) for c in children[node]) / len(children[node])
        return x[node]

    for n in inner:
        centre(n)
    shift = cursor / 2
    return {
        n: (round(x[n] - shift), round(((depth[n] if children[n] else bottom) - bottom) * row)) for n in ids
    }


# --------------------------------------------------------------------------- layout cache

CACHE_VARIABLE = "MINTGRAPH_LAYOUT_CACHE"
"""Environment variable: the folder of the layout cache, or ``off`` (also ``0``, ``no``, empty)
to compute every layout afresh. Unset: ``$XDG_CACHE_HOME/mintgraph/layouts`` (by default
``~/.cache/mintgraph/layouts``)."""
CACHE_MIN_NODES = 300
"""Smaller layouts take milliseconds: they are never cached."""
CACHE_MAX_FILES = 2000
"""The cache keeps at most this many layouts (a few MB each at most); the oldest go first."""


def layout_cache_dir() -> Path | None:
    """The layout cache's folder (created on first use), or None when it is switched off or
    cannot be created (a read-only home): then every layout is computed, nothing else changes.

    >>> folder = layout_cache_dir()
    >>> folder is None or folder.is_dir()
    True
    """
    value = os.environ.get(CACHE_VARIABLE)
    if value is not None and value.strip().lower() in ("", "off", "0", "no", "false"):
        return None
    if value is None:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        folder = Path(base) / "mintgraph" / "layouts"
    else:
        folder = Path(value)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder


@functools.cache
def _algorithm_stamp() -> bytes:
    """What a cached layout depends on besides its inputs: this module's code and numpy's version
    (its random generator and sums); a change of either starts a new set of keys."""
    return hashlib.sha256(Path(__file__).read_bytes() + np.__version__.encode()).digest()


def _cache_key(n: int, order: np.ndarray, ea: np.ndarray, eb: np.ndarray, seed: int, dense_limit: int) -> str:
    digest = hashlib.sha256(_algorithm_stamp())
    digest.update(np.array([n, seed, dense_limit, len(ea)], dtype=np.int64).tobytes())
    for part in (order, ea, eb):
        digest.update(np.ascontiguousarray(part, dtype=np.int64).tobytes())
    return digest.hexdigest()


def _read_cached(path: Path, n: int) -> Layout | None:
    """A cached layout, or None if there is none or it is not a well-formed layout of ``n`` nodes."""
    try:
        with np.load(path, allow_pickle=False) as stored:
            xy, caption, comp = stored["xy"], stored["caption"], stored["comp"]
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
        return None
    if (
        xy.shape != (n, 2)
        or comp.shape != (n,)
        or caption.shape not in ((0,), (2,))
        or not all(a.dtype == np.int64 for a in (xy, caption, comp))
    ):
        return None
    corner = (int(caption[0]), int(caption[1])) if len(caption) else None
    return xy, corner, comp


def _write_cached(folder: Path, key: str, layout: Layout) -> None:
    """Store a layout (atomically; a full disk or a read-only folder only costs the cache)."""
    xy, caption, comp = layout
    buffer = io.BytesIO()
    np.savez(
        buffer,
        xy=xy.astype(np.int64),
        caption=np.array(caption if caption is not None else [], dtype=np.int64),
        comp=comp.astype(np.int64),
    )
    try:
        atomic_write_bytes(folder / f"{key}.npz", buffer.getvalue())
        stored = list(folder.glob("*.npz"))
        if len(stored) > CACHE_MAX_FILES:
            stored.sort(key=lambda p: p.stat().st_mtime)
            for old in stored[: len(stored) - CACHE_MAX_FILES]:
                old.unlink(missing_ok=True)
    except OSError:
        return


# --------------------------------------------------------------------------- layouts in worker processes

LAYOUT_WORKERS_MIN_NODES = 20_000
"""A :class:`LayoutBatch` starts worker processes only when the layouts it has to compute hold
at least this many nodes together (below, starting the processes costs more than it saves)."""


class LayoutBatch:
    """The layouts of many pages, computed in worker processes while the caller does other work.

    Layouts the cache holds are read at once. When the others hold at least ``min_nodes``
    nodes together (default :data:`LAYOUT_WORKERS_MIN_NODES`), ``workers`` processes (default:
    two, but one core is left to this process, so one on a two-core machine) start drawing them
    in page order while the caller renders the other outputs, and then the pages in order, each
    with :meth:`result`; where the caller would wait, it draws layouts from the end of the queue
    itself. :meth:`result` returns exactly what :meth:`LayoutJob.run` returns — a layout
    depends only on its job — so pages are the same whichever process drew them.

    A worker is a :mod:`mintgraph.workers` process (a fresh ``python -c`` process with this
    process's mintgraph, answering the jobs sent over a pipe); unlike :mod:`multiprocessing` it
    never runs the caller's script again, so a notebook or a script without a ``__main__`` guard
    is safe. A worker that cannot start, or dies, costs only time: its layouts are drawn here.
    With ``background=True`` the workers run only on a core no other process wants
    (:func:`mintgraph.workers.yield_cpu`): started while other work keeps the cores busy, they
    take only the time it leaves idle.
    Ctrl-C reaches the main process only, and leaving the ``with`` block stops the workers.

    >>> jobs = [LayoutJob(3, np.arange(3), np.array([0, 1]), np.array([1, 2]), seed=s) for s in (1, 2)]
    >>> with LayoutBatch(jobs) as batch:
    ...     [batch.result(i)[0].shape for i in range(2)], batch.workers
    ([(3, 2), (3, 2)], 0)
    """

    def __init__(
        self,
        jobs: list[LayoutJob],
        *,
        workers: int | None = None,
        min_nodes: int | None = None,
        background: bool = False,
    ) -> None:
        self._jobs = list(jobs)
        self._background = background
        self._done: dict[int, Layout] = {}
        for i, job in enumerate(self._jobs):
            cached = job.cached()
            if cached is not None:
                self._done[i] = cached
        if workers is None:
            workers = min(2, (os.cpu_count() or 1) - 1)
        if min_nodes is None:
            min_nodes = LAYOUT_WORKERS_MIN_NODES
        self._lock = threading.Lock()
        self._pending = [i for i in range(len(self._jobs)) if i not in self._done]
        self._drawing: dict[int, threading.Event] = {}
        self._processes: list[subprocess.Popen[bytes]] = []
        self._closed = False
        if workers < 1 or sum(self._jobs[i].n for i in self._pending) < min_nodes:
            return
        for _ in range(min(workers, len(self._pending))):
            # the prestarted spare yields the processor (mintgraph.api.prestart_workers): only for
            # a batch drawn in the background
            process = start_worker(LAYOUT_SPARE if background else None)
            if process is None:
                break  # no processes here (a sandbox): drawn in this process
            self._processes.append(process)
            threading.Thread(target=self._feed, args=(process,), daemon=True).start()

    @property
    def jobs(self) -> list[LayoutJob]:
        """The jobs, in order."""
        return self._jobs

    def drawn(self, i: int) -> Layout | None:
        """The layout of job ``i`` if it is drawn and not yet returned by :meth:`result`, else
        None; takes no lock and waits for nothing, so a forked copy of this process can call it
        (and draw the others itself: :meth:`LayoutJob.run`)."""
        return self._done.get(i)

    @property
    def workers(self) -> int:
        """How many worker processes were started (0: every layout is drawn in this process)."""
        return len(self._processes)

    def _feed(self, process: subprocess.Popen[bytes]) -> None:
        """Send one worker the next job nobody has taken and file its answer, until none is left."""
        assert process.stdin is not None and process.stdout is not None
        if self._background:  # the worker runs only on a core nobody else wants
            try:
                send(process.stdin, yield_cpu)
                receive(process.stdout)
            except (OSError, ValueError, EOFError, pickle.UnpicklingError):
                return
        while True:
            with self._lock:
                left = not self._closed and bool(self._pending)
                if left:
                    i = self._pending.pop(0)
                    ready = self._drawing[i] = threading.Event()
            if not left:  # no job will come (the queue only shrinks): its memory is freed now
                stop(process)
                return
            try:
                send(process.stdin, self._jobs[i].run)
                ok, answer = receive(process.stdout)
                if ok:  # else an error's text: result() draws it here and raises it
                    self._done[i] = answer
            except (OSError, ValueError, EOFError, pickle.UnpicklingError):
                # the worker is gone, or close() closed its pipes while this thread read from
                # them (ValueError): result() draws the layout here
                return
            finally:
                ready.set()

    def result(self, i: int) -> Layout:
        """The layout of job ``i``. Ready: returned. Not taken by any worker yet: drawn here at
        once. Being drawn by a worker: instead of idling, this process draws the last job nobody
        has taken (the workers and this process meet in the middle), and waits only when none is
        left."""
        while True:
            with self._lock:
                if i in self._pending:
                    self._pending.remove(i)
                    ready = None
                else:
                    ready = self._drawing.get(i)
                steal = None
                if ready is not None and not ready.is_set() and self._pending:
                    steal = self._pending.pop()
            if steal is not None:
                self._done[steal] = self._jobs[steal].run()
                continue
            if ready is not None:
                ready.wait()  # set after the answer is filed (or the worker failed: drawn here)
            if i in self._done:
                return self._done.pop(i)
            return self._jobs[i].run()

    def close(self) -> None:
        """Stop the workers (a layout being drawn is abandoned)."""
        with self._lock:
            self._closed = True
        for process in self._processes:
            stop(process)
        self._processes.clear()

    def __enter__(self) -> LayoutBatch:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
