"""Layouts: mintgraph's force model against igraph's and networkit's layouts (issues 17/18).

Usage::

    .venv/bin/python benchmarks/layouts.py [--sizes example,300,3000,30000] [--repeat 3] [--budget 30]
                                           [--no-caps] [--no-png] [--readme] [--across PYTHON]

Can igraph or networkit replace the hand-written force model of :mod:`mintgraph.layout`
(``_force_layout``, ``_sampled_force_layout_ties``)? For each size — ``example`` is the bundled
``data/``; a number *N* is a landscape of *N* actors made by ``mintgraph generate`` (seed 1,
26 Hessen districts up to 10,000 actors, 150 synthetic districts above, as in ``run.py``) —
the actor graph of current ties is built as ``mintgraph analyze`` builds it, and laid out:

* **the largest connected component**: the disc of ``graph.html`` up to 2,000 actors, and the
  positions of ``actor_positions`` (GEXF export, notebook, compare page) at every size;
* above 2,000 actors also **a typical district page** (``districts/<code>.html``): the actors of
  the district with the median number of actors, their partners and the ties with at least one
  end in the district — its largest component.

Layouts, all on the same nodes in the same order (the page's layout order), seed 42:

* ``mintgraph (as drawn)``: :func:`mintgraph.layout._component_xy` as ``layout_indexed`` calls it
  for the disc (the force model, then the radial density evened out); the script checks that it
  equals the page's positions (``layout_indexed`` on the whole page graph) after rounding;
* ``mintgraph force model``: the same simulation before the evening out (``_force_layout``
  up to the page's ``dense_limit`` nodes — 1,000 on ``graph.html``, 256 on district pages —
  ``_sampled_force_layout_ties`` above);
* igraph: ``layout_fruchterman_reingold`` (``grid="auto"``: the grid variant from 1,000 nodes),
  ``layout_drl``, ``layout_kamada_kawai`` (up to 1,500 nodes), ``layout_mds`` (classical MDS of
  all graph distances, up to 5,000 nodes); seeded by ``random.seed`` (python-igraph draws from
  Python's ``random``); Fruchterman–Reingold also evened out as the page evens out the force
  model (``_spread``), i.e. as a page would draw it in the force model's place;
* networkit: ``viz.MaxentStress`` (2-D, k = 3, LAMG solver; up to 5,000 nodes) and
  ``viz.PivotMDS`` (2-D, 30 pivots); seeded by ``engineering.setSeed(42, False)``, on one thread
  (:data:`NETWORKIT_THREADS`);
* ``random positions``: uniform in the disc, a reference for the numbers.

``--no-caps`` lifts the node caps (MaxentStress at 30,000 nodes takes minutes).

Measured per layout: wall seconds (median of ``--repeat`` runs in this process, fewer when the
layout's runs would exceed ``--budget`` seconds); whether the runs gave identical coordinates
(same seed → same layout); and five look numbers:

* **stress**: normalised stress, ``mean(((s·|x_i − x_j| − d_ij) / d_ij)²)`` over node pairs,
  ``d_ij`` the graph distance (hops), ``s`` the scale that minimises it — the mean squared
  relative error of the drawn distances; 0 = drawn distances proportional to path lengths.
  All pairs up to 2,000 nodes, else the pairs of 400 seeded random nodes with all others;
* **neighbours**: neighbourhood preservation — for each node with *d* partners, the share of
  its *d* nearest nodes in the drawing that are its partners, averaged over the nodes
  (1 = each node's nearest nodes are exactly its partners);
* **overlap**: the drawing centred and scaled to the page's disc (radius
  ``NODE_SPACING·√n + NODE_SPACING``, as ``layout_indexed`` scales it), the share of nodes whose
  nearest other node is closer than the diameter of the smallest dot (2 × ``NODE_SIZE_MIN``)
  — nodes drawn on top of another;
* **edge CV**: coefficient of variation of the drawn tie lengths (std / mean; lower = more
  uniform);
* **same district**: the share of each node's 10 nearest drawn nodes that lie in its district
  (``region``), averaged — whether the regional structure shows (most ties are local).

A networkit layout that runs in under 5 s is run once more on two threads, to see whether its
coordinates depend on the number of threads.

With PNGs on (default), the example and the 3,000-actor landscape are drawn side by side into
``benchmarks/layouts/`` (nodes coloured by district). Results are stored in
``benchmarks/layouts/results.json``; ``--readme`` writes the tables into ``benchmarks/README.md``
between the ``layouts`` markers. ``--across .venv-min/bin/python`` also lays out the example under
another environment (``.ci/min-versions`` builds ``.venv-min`` with every dependency at its floor)
and says which layouts come out identical there. Nothing here changes an output of mintgraph.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import scipy.sparse
import scipy.sparse.csgraph
import scipy.spatial

import mintgraph
from mintgraph import layout as mlayout
from mintgraph.cells import actor_type, cell_text
from mintgraph.export import DISTRICT_DENSE_LAYOUT_LIMIT
from mintgraph.graph import cooperation_graph
from mintgraph.style import NODE_SIZE_MIN
from mintgraph.timeline import dataset_in_year, latest_year
from mintgraph.views.aggregate_html import AGGREGATE_ABOVE

ROOT = Path(__file__).resolve().parent.parent

OUT = Path(__file__).resolve().parent / "layouts"
RESULTS = OUT / "results.json"
README = Path(__file__).resolve().parent / "README.md"
BEGIN, END = "<!-- layouts:begin -->", "<!-- layouts:end -->"
SEED = 42
"""The seed of every layout (the pages' default)."""
STRESS_EXACT_UP_TO = 2000
STRESS_SOURCES = 400
PNG_SIZES = ("example", "3000")
DISTRICT_NEAREST = 10
"""The nearest drawn nodes the district column looks at."""
NETWORKIT_THREADS = 1
"""networkit runs on one thread, like mintgraph's layout and igraph's (``export`` writes two district
pages at a time instead). With two OpenMP threads on this 2-core machine, busy with other work,
MaxentStress took 5–30 times longer from run to run (threads waiting at barriers for a core)."""
THREADS_CHECK_BELOW = 5.0
"""A networkit layout faster than this (seconds) is run once more on two threads: the same coordinates?"""
CAPS = {"igraph kamada_kawai": 1500, "igraph mds": 5000, "networkit MaxentStress": 5000}
"""Largest component sizes (nodes) each slow layout runs at without ``--no-caps``."""


@dataclass
class Case:
    """A connected graph on nodes 0 … n-1 (in the page's layout order) with ties ``(u[k], v[k])``."""

    size: str
    kind: str
    n: int
    u: np.ndarray
    v: np.ndarray
    dense_limit: int
    district: list[str]
    page_check: Callable[[], np.ndarray] | None = None
    note: str = ""
    rows: list[dict] = field(default_factory=list)


# --------------------------------------------------------------------------- inputs


def data_for(size: str, folder: Path) -> Path:
    """The data folder of a size: ``data/`` or a generated landscape (as ``run.py`` makes it)."""
    if size == "example":
        return ROOT / "data"
    n = int(size)
    regions = 26 if n <= 10_000 else 150
    subprocess.run(
        [sys.executable, "-m", "mintgraph", "generate", "--actors", str(n), "--regions", str(regions),
         "--seed", "1", str(folder)],
        check=True, capture_output=True, cwd=ROOT,
    )  # fmt: skip
    return folder


def largest_component(n: int, ea: np.ndarray, eb: np.ndarray) -> np.ndarray:
    """The nodes of the largest component, ascending (ties: the component of the smallest node)."""
    adjacency = scipy.sparse.coo_matrix((np.ones(len(ea)), (ea, eb)), shape=(n, n))
    _, labels = scipy.sparse.csgraph.connected_components(adjacency, directed=False)
    sizes = np.bincount(labels)
    return np.flatnonzero(labels == int(np.argmax(sizes)))


def cases_for(size: str, folder: Path) -> list[Case]:
    """The largest component of the landscape and (above ``AGGREGATE_ABOVE`` actors) of a district page."""
    dataset = mintgraph.load(data_for(size, folder))
    year = latest_year(dataset)
    if year is not None:
        dataset = dataset_in_year(dataset, year)
    graph = cooperation_graph(dataset)
    actors = dataset.actors
    records = {str(r["id"]): r for r in actors[["id", "name", "type", "region"]].to_dict("records")}
    ids = sorted(set(records) | {str(n) for n in graph.nodes})
    names = {n: cell_text(records.get(n, {}).get("name")) or n for n in ids}
    types = {n: actor_type(records.get(n, {}).get("type")) for n in ids}
    region = np.array([cell_text(records.get(n, {}).get("region")) for n in ids], dtype=object)
    order = mlayout.layout_order(ids, names, types)
    rank = np.empty(len(ids), dtype=np.int64)
    index = {n: i for i, n in enumerate(ids)}
    rank[np.array([index[n] for n in order], dtype=np.int64)] = np.arange(len(ids))
    ends = np.array([(index[str(a)], index[str(b)]) for a, b, _ in mlayout.edge_list(graph)], dtype=np.int64)
    ea_all, eb_all = ends[:, 0], ends[:, 1]

    def case(kind: str, nodes: np.ndarray, ties: np.ndarray, dense_limit: int, note: str) -> Case:
        """The page graph on ``nodes`` (global indexes) with ``ties``; its largest component as a Case."""
        local = np.full(len(ids), -1, dtype=np.int64)
        local[nodes] = np.arange(len(nodes))
        pa, pb = local[ea_all[ties]], local[eb_all[ties]]
        page_order = np.argsort(rank[nodes], kind="stable")
        main = largest_component(len(nodes), pa, pb)
        # the component's nodes in layout order, numbered 0 … m-1 as layout_indexed numbers them
        main_sorted = main[np.argsort(rank[nodes[main]], kind="stable")]
        slot = np.full(len(nodes), -1, dtype=np.int64)
        slot[main_sorted] = np.arange(len(main_sorted))
        keep = slot[pa] >= 0
        u, v = slot[pa[keep]], slot[pb[keep]]

        def page_check() -> np.ndarray:
            xy, _, _ = mlayout.layout_indexed(len(nodes), page_order, pa, pb, SEED, dense_limit=dense_limit)
            return xy[main_sorted]

        return Case(
            size=size,
            kind=kind,
            n=len(main_sorted),
            u=u,
            v=v,
            dense_limit=dense_limit,
            district=list(region[nodes[main_sorted]]),
            page_check=page_check,
            note=note,
        )

    everyone = np.arange(len(ids))
    all_ties = np.arange(len(ea_all))
    where = "graph.html and actor_positions" if len(ids) <= AGGREGATE_ABOVE else "actor_positions"
    out = [
        case(
            "largest component",
            everyone,
            all_ties,
            mlayout.DENSE_LAYOUT_LIMIT,
            f"{len(ids):,} actors, {len(ea_all):,} current ties; laid out by {where}",
        )
    ]
    if len(actors) > AGGREGATE_ABOVE:
        counts = actors.groupby("region").size().sort_values(kind="stable")  # by size, then code
        code = str(counts.index[(len(counts) - 1) // 2])
        chosen = region == code
        ties = np.flatnonzero(chosen[ea_all] | chosen[eb_all])
        shown = chosen.copy()
        shown[ea_all[ties]] = shown[eb_all[ties]] = True
        out.append(
            case(
                "district page",
                np.flatnonzero(shown),
                ties,
                DISTRICT_DENSE_LAYOUT_LIMIT,
                f"district {code} ({int(counts[code]):,} actors of {len(counts)} districts, the median): "
                f"{int(shown.sum()):,} actors with partners, {len(ties):,} ties on the page",
            )
        )
    return out


# --------------------------------------------------------------------------- layouts


def mintgraph_drawn(case: Case) -> Callable[[], np.ndarray]:
    radius = mlayout.NODE_SPACING * math.sqrt(case.n) + mlayout.NODE_SPACING
    return lambda: mlayout._component_xy(
        case.n, case.u, case.v, radius, SEED, equalize=True, dense_limit=case.dense_limit
    )


def mintgraph_force(case: Case) -> Callable[[], np.ndarray]:
    n, u, v = case.n, case.u, case.v
    if n > case.dense_limit:

        def sampled() -> np.ndarray:
            keys = np.unique(np.concatenate([u * n + v, v * n + u]))
            rows, cols = keys // n, keys % n
            mass = np.bincount(rows, minlength=n).astype(float) + 1.0
            return mlayout._sampled_force_layout_ties(n, rows, cols, mass, SEED)

        return sampled

    def exact() -> np.ndarray:
        adj = np.zeros((n, n))
        adj[u, v] = 1.0
        adj[v, u] = 1.0
        return mlayout._force_layout(adj, SEED)

    return exact


def igraph_layout(case: Case, method: str, **kwargs) -> Callable[[], np.ndarray]:
    import igraph

    graph = igraph.Graph(case.n, list(zip(case.u.tolist(), case.v.tolist(), strict=True)))

    def run() -> np.ndarray:
        random.seed(SEED)
        return np.array(getattr(graph, method)(**kwargs).coords, dtype=float)

    return run


def networkit_graph(case: Case):
    import networkit as nk

    nk.setNumberOfThreads(NETWORKIT_THREADS)
    graph = nk.Graph(case.n)
    for a, b in zip(case.u.tolist(), case.v.tolist(), strict=True):
        graph.addEdge(a, b)
    return graph


def networkit_maxent(case: Case) -> Callable[[], np.ndarray]:
    import networkit as nk

    graph = networkit_graph(case)

    def run() -> np.ndarray:
        nk.engineering.setSeed(SEED, False)
        algorithm = nk.viz.MaxentStress(graph, 2, 3)
        algorithm.run()
        return np.array(algorithm.getCoordinates(), dtype=float)

    return run


def networkit_pivot(case: Case) -> Callable[[], np.ndarray]:
    import networkit as nk

    graph = networkit_graph(case)

    def run() -> np.ndarray:
        nk.engineering.setSeed(SEED, False)
        algorithm = nk.viz.PivotMDS(graph, 2, min(30, case.n))
        algorithm.run()
        return np.array(algorithm.getCoordinates(), dtype=float)

    return run


def random_positions(case: Case) -> Callable[[], np.ndarray]:
    def run() -> np.ndarray:
        rng = np.random.default_rng(SEED)
        r = np.sqrt(rng.random(case.n))
        angle = rng.random(case.n) * 2 * math.pi
        return np.column_stack([r * np.cos(angle), r * np.sin(angle)])

    return run


def layouts_for(case: Case) -> list[tuple[str, Callable[[Case], Callable[[], np.ndarray]]]]:
    sampled = case.n > case.dense_limit
    force = "sampled" if sampled else "exact"
    grid = "grid" if case.n >= 1000 else "no grid"
    return [
        (f"mintgraph (as drawn: {force}, evened out)", mintgraph_drawn),
        (f"mintgraph force model ({force})", mintgraph_force),
        (
            f"igraph fruchterman_reingold ({grid})",
            lambda c: igraph_layout(c, "layout_fruchterman_reingold", grid="auto"),
        ),
        ("igraph drl", lambda c: igraph_layout(c, "layout_drl")),
        ("igraph kamada_kawai", lambda c: igraph_layout(c, "layout_kamada_kawai")),
        ("igraph mds", lambda c: igraph_layout(c, "layout_mds")),
        ("networkit MaxentStress", networkit_maxent),
        ("networkit PivotMDS", networkit_pivot),
        ("random positions (reference)", random_positions),
    ]


# --------------------------------------------------------------------------- quality


class Quality:
    """The look numbers of layouts of one case (graph distances and partners computed once)."""

    def __init__(self, case: Case) -> None:
        n = case.n
        self.n, self.u, self.v = n, case.u, case.v
        adjacency = scipy.sparse.coo_matrix(
            (np.ones(2 * len(case.u)), (np.concatenate([case.u, case.v]), np.concatenate([case.v, case.u]))),
            shape=(n, n),
        ).tocsr()
        adjacency.sum_duplicates()
        adjacency.data[:] = 1.0
        self.adjacency = adjacency
        if n <= STRESS_EXACT_UP_TO:
            self.sources = np.arange(n)
        else:
            self.sources = np.sort(np.random.default_rng(0).choice(n, size=STRESS_SOURCES, replace=False))
        self.distances = scipy.sparse.csgraph.shortest_path(
            adjacency, directed=False, unweighted=True, indices=self.sources
        )
        self.degree = np.diff(adjacency.indptr)
        self.radius = mlayout.NODE_SPACING * math.sqrt(n) + mlayout.NODE_SPACING
        codes = {code: i for i, code in enumerate(sorted(set(case.district)))}
        self.district = np.array([codes[code] for code in case.district], dtype=np.int64)

    def measure(self, xy: np.ndarray) -> dict[str, float]:
        xy = np.asarray(xy, dtype=float)
        return {
            "stress": self.stress(xy),
            "neighbours": self.neighbourhood(xy),
            "overlap": self.overlap(xy),
            "edge_cv": self.edge_cv(xy),
            "district": self.same_district(xy),
        }

    def stress(self, xy: np.ndarray) -> float:
        total_num = total_den = 0.0
        parts = []
        for lo in range(0, len(self.sources), 64):
            src = self.sources[lo : lo + 64]
            d = self.distances[lo : lo + 64]
            drawn = np.sqrt(((xy[src][:, None, :] - xy[None, :, :]) ** 2).sum(axis=2))
            mask = d > 0
            ratio = drawn[mask] / d[mask]
            total_num += float(ratio.sum())
            total_den += float((ratio * ratio).sum())
            parts.append(ratio)
        scale = total_num / total_den if total_den else 0.0
        ratios = np.concatenate(parts)
        return float(np.mean((scale * ratios - 1.0) ** 2))

    def neighbourhood(self, xy: np.ndarray) -> float:
        tree = scipy.spatial.cKDTree(xy)
        shares = np.zeros(self.n)
        indptr, indices = self.adjacency.indptr, self.adjacency.indices
        for d in np.unique(self.degree):
            nodes = np.flatnonzero(self.degree == d)
            k = int(min(d + 1, self.n))
            _, near = tree.query(xy[nodes], k=k)
            near = np.asarray(near).reshape(len(nodes), k)
            for row, node in enumerate(nodes):
                others = near[row][near[row] != node][:d]
                partners = indices[indptr[node] : indptr[node + 1]]
                shares[node] = np.isin(others, partners).sum() / d
        return float(shares.mean())

    def scaled(self, xy: np.ndarray) -> np.ndarray:
        """Centred and scaled to the page's disc, as ``layout_indexed`` scales the largest component."""
        xy = xy - xy.mean(axis=0)
        extent = float(np.sqrt((xy**2).sum(axis=1)).max())
        return xy * (self.radius / extent) if extent > 0 else xy

    def overlap(self, xy: np.ndarray) -> float:
        distance, _ = scipy.spatial.cKDTree(self.scaled(xy)).query(self.scaled(xy), k=2)
        return float((distance[:, 1] < 2 * NODE_SIZE_MIN).mean())

    def same_district(self, xy: np.ndarray) -> float:
        """Share of each node's :data:`DISTRICT_NEAREST` nearest drawn nodes that lie in its district."""
        k = min(DISTRICT_NEAREST, self.n - 1)
        _, near = scipy.spatial.cKDTree(xy).query(xy, k=k + 1)
        own = np.arange(self.n)[:, None]
        # drop each node itself (the first of its neighbours unless another node sits on the same spot)
        others = np.where(near[:, :1] == own, near[:, 1:], near[:, :-1])
        return float((self.district[others] == self.district[:, None]).mean())

    def edge_cv(self, xy: np.ndarray) -> float:
        length = np.sqrt(((xy[self.u] - xy[self.v]) ** 2).sum(axis=1))
        return float(length.std() / length.mean()) if length.mean() > 0 else float("nan")


# --------------------------------------------------------------------------- runs


def on_threads(factory: Callable[[Case], Callable[[], np.ndarray]], case: Case, threads: int) -> np.ndarray:
    """One run of a networkit layout on ``threads`` OpenMP threads (then back to :data:`NETWORKIT_THREADS`)."""
    import networkit as nk

    global NETWORKIT_THREADS
    saved, NETWORKIT_THREADS = NETWORKIT_THREADS, threads
    try:
        return np.asarray(factory(case)(), dtype=float)
    finally:
        NETWORKIT_THREADS = saved
        nk.setNumberOfThreads(saved)


def run_layout(
    make: Callable[[], np.ndarray], repeat: int, budget: float
) -> tuple[list[float], list[np.ndarray]]:
    """Run a layout up to ``repeat`` times, fewer when the next run would exceed ``budget`` seconds."""
    times: list[float] = []
    results: list[np.ndarray] = []
    while len(times) < repeat:
        start = time.perf_counter()
        results.append(np.asarray(make(), dtype=float))
        times.append(time.perf_counter() - start)
        if sum(times) + times[-1] > budget:
            break
    return times, results


def measure_case(case: Case, args: argparse.Namespace) -> dict:
    quality = Quality(case)
    record = {
        "size": case.size,
        "kind": case.kind,
        "nodes": case.n,
        "ties": len(case.u),
        "dense_limit": case.dense_limit,
        "note": case.note,
        "stress_pairs": "all pairs" if case.n <= STRESS_EXACT_UP_TO else f"{STRESS_SOURCES} sources",
        "rows": [],
    }
    drawings: dict[str, np.ndarray] = {}
    for name, factory in layouts_for(case):
        cap = next((limit for key, limit in CAPS.items() if name.startswith(key)), None)
        if cap is not None and case.n > cap and not args.no_caps:
            record["rows"].append({"layout": name, "skipped": f"> {cap:,} nodes"})
            continue
        print(f"[{case.size} {case.kind}, {case.n:,} nodes] {name} …", file=sys.stderr, flush=True)
        run = factory(case)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            times, results = run_layout(run, args.repeat, args.budget)
        same = all(np.array_equal(results[0], r) for r in results[1:]) if len(results) > 1 else None
        row = {
            "layout": name,
            "seconds": statistics.median(times),
            "runs": len(times),
            "deterministic": same,
            **quality.measure(results[0]),
        }
        if name.startswith("networkit") and statistics.median(times) < THREADS_CHECK_BELOW:
            other = on_threads(factory, case, 2)
            row["same_on_2_threads"] = bool(np.array_equal(results[0], other))
            row["relative_difference_on_2_threads"] = float(
                np.abs(results[0] - other).max() / (np.abs(results[0]).max() or 1.0)
            )
        if name.startswith("mintgraph (as drawn") and case.page_check is not None:
            row["equals_page"] = bool(np.array_equal(np.rint(results[0]).astype(np.int64), case.page_check()))
        record["rows"].append(row)
        drawings[name] = results[0]
        print(f"    {json.dumps(row)}", file=sys.stderr, flush=True)
        if name.startswith("igraph fruchterman_reingold"):
            # what a page would draw with this layout in place of the force model: the same evening out
            radius = mlayout.NODE_SPACING * math.sqrt(case.n) + mlayout.NODE_SPACING
            evened = mlayout._spread(results[0].copy(), radius, True)
            derived = {**row, "layout": f"{name}, evened out as drawn", **quality.measure(evened)}
            record["rows"].append(derived)
            drawings[derived["layout"]] = evened
    if case.size in PNG_SIZES and case.kind == "largest component" and not args.no_png:
        record["png"] = draw(case, drawings, record)
    return record


# --------------------------------------------------------------------------- pictures


def draw(case: Case, drawings: dict[str, np.ndarray], record: dict) -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.collections import LineCollection
    from PIL import Image

    palette = [*plt.get_cmap("tab20").colors, *plt.get_cmap("Dark2").colors]
    codes = sorted(set(case.district))
    colour = np.array([palette[codes.index(c) % len(palette)] for c in case.district])
    shown = [(name, xy) for name, xy in drawings.items() if not name.startswith("random")]
    columns = 5
    rows = math.ceil(len(shown) / columns)
    fig, axes = plt.subplots(rows, columns, figsize=(15, 3.4 * rows), dpi=90)
    by_name = {row["layout"]: row for row in record["rows"]}
    for ax, (name, xy) in zip(np.ravel(axes), shown, strict=False):
        xy = xy - xy.mean(axis=0)
        xy = xy / (np.abs(xy).max() or 1.0)
        xy[:, 1] = -xy[:, 1]  # the pages' y grows downwards
        segments = np.stack([xy[case.u], xy[case.v]], axis=1)
        large = case.n > 1000
        ax.add_collection(
            LineCollection(
                segments, colors="#777777", linewidths=0.12 if large else 0.3, alpha=0.12 if large else 0.4
            )
        )
        ax.scatter(xy[:, 0], xy[:, 1], s=1.5 if large else 4, c=colour, linewidths=0)
        row = by_name[name]
        ax.set_title(
            f"{name}\n{row['seconds']:.2f} s, stress {row['stress']:.2f}, neighbours {row['neighbours']:.2f}",
            fontsize=7,
        )
        ax.set_aspect("equal")
        ax.set_xlim(-1.05, 1.05)
        ax.set_ylim(-1.05, 1.05)
        ax.axis("off")
    for ax in np.ravel(axes)[len(shown) :]:
        ax.axis("off")
    label = "example (data/)" if case.size == "example" else f"{int(case.size):,} actors"
    fig.suptitle(
        f"{label}: largest component, {case.n:,} nodes, {len(case.u):,} ties (colour = district)", fontsize=9
    )
    fig.tight_layout()
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{case.size}.png"
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw.png"
        fig.savefig(raw)
        plt.close(fig)
        with Image.open(raw) as image:
            image.convert("RGB").quantize(colors=256).save(path, optimize=True)
    return path.relative_to(ROOT).as_posix()


# --------------------------------------------------------------------------- report


def machine() -> dict[str, str]:
    import igraph
    import networkit

    model, ram = "unknown CPU", "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal"):
            ram = f"{int(line.split()[1]) / 1024**2:.0f} GiB"
    return {
        "nproc": str(os.cpu_count()),
        "cpu": f"{model}, {ram} RAM",
        "python": platform.python_version(),
        "versions": f"numpy {np.__version__}, python-igraph {igraph.__version__}, "
        f"networkit {networkit.__version__} (run on {NETWORKIT_THREADS} thread)",
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "load": ", ".join(f"{value:.1f}" for value in os.getloadavg()),
    }


def _num(value: float, digits: int = 2) -> str:
    return "–" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.{digits}f}"


def tables(stored: dict) -> str:
    info = stored["machine"]
    command = f"python benchmarks/layouts.py {stored.get('command', '')}".strip()
    lines = [
        f"Machine: {info['nproc']} cores, {info['cpu']}; Python {info['python']}, {info['versions']}; "
        f"{info['date']}; `{command}` "
        f"({stored['seconds']:.0f} s; load average {info['load']} before, {info['load_after']} after).",
        "",
    ]
    for record in stored["cases"]:
        label = "example" if record["size"] == "example" else f"{int(record['size']):,} actors"
        lines.append(
            f"**{label}, {record['kind']}** — {record['nodes']:,} nodes, {record['ties']:,} ties "
            f"({record['note']}; stress over {record['stress_pairs']}):"
        )
        lines.append("")
        lines.append(
            "| layout | s (median) | runs | same seed → same xy | stress | neighbours | overlap | edge CV "
            "| same district |"
        )
        lines.append("|---|---:|---:|:---:|---:|---:|---:|---:|---:|")
        for row in record["rows"]:
            if "skipped" in row:
                lines.append(f"| {row['layout']} | skipped ({row['skipped']}) | | | | | | | |")
                continue
            same = {True: "yes", False: "**no**", None: "– (one run)"}[row["deterministic"]]
            if row.get("same_on_2_threads") is not None:
                same += (
                    ", also on 2 threads"
                    if row["same_on_2_threads"]
                    else f"; **not on 2 threads** (Δ {row['relative_difference_on_2_threads']:.0e} of the extent)"
                )
            if row.get("equals_page") is False:
                same += " (≠ page!)"
            lines.append(
                f"| {row['layout']} | {_num(row['seconds'])} | {row['runs']} | {same} | {_num(row['stress'])} "
                f"| {_num(row['neighbours'])} | {row['overlap'] * 100:.1f} % | {_num(row['edge_cv'])} "
                f"| {_num(row['district'])} |"
            )
        if record.get("png"):
            lines.append("")
            lines.append(
                f"![{label}: the layouts side by side]({Path(record['png']).relative_to('benchmarks')})"
            )
        lines.append("")
    if stored.get("across"):
        other = stored["across"]["other"]
        lines.append(
            f"**The same layouts of the example under other versions** (Python {other['python']}, "
            f"{other['versions']}, against the versions above; `--across`): are the coordinates identical?"
        )
        lines.append("")
        lines.append("| layout | identical | largest difference (layout units) | largest coordinate |")
        lines.append("|---|:---:|---:|---:|")
        for row in stored["across"]["rows"]:
            lines.append(
                f"| {row['layout']} | {'yes' if row['same'] else '**no**'} | {row['max_difference']:.3g} "
                f"| {row['extent']:.3g} |"
            )
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def write_readme(text: str) -> None:
    content = README.read_text(encoding="utf-8")
    if BEGIN not in content:
        raise SystemExit(f"{README}: no {BEGIN} marker")
    head, rest = content.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    README.write_text(f"{head}{BEGIN}\n{text}{END}{tail}", encoding="utf-8")


def dump(path: Path) -> None:
    """``--dump``: every layout of the example's largest component once, into ``path`` (.npz); versions on stdout."""
    with tempfile.TemporaryDirectory() as tmp:
        case = cases_for("example", Path(tmp) / "data")[0]
    drawings = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name, factory in layouts_for(case):
            drawings[name] = factory(case)()
    np.savez(path, **drawings)
    info = machine()
    print(json.dumps({"python": info["python"], "versions": info["versions"]}))


def across(python: str) -> dict:
    """The example's layouts under this interpreter and under ``python`` (another venv): the same coordinates?"""
    with tempfile.TemporaryDirectory() as tmp:
        runs = {}
        for key, interpreter in (("here", sys.executable), ("other", python)):
            target = Path(tmp) / f"{key}.npz"
            done = subprocess.run(
                [interpreter, str(Path(__file__).resolve()), "--dump", str(target)],
                check=True, capture_output=True, text=True, cwd=ROOT,
                env={**os.environ, "PYTHONPATH": str(ROOT)},  # this checkout's mintgraph in either venv
            )  # fmt: skip
            versions = json.loads(done.stdout.strip().splitlines()[-1])
            with np.load(target) as data:
                runs[key] = (versions, {name: data[name] for name in data.files})
    here, other = runs["here"][1], runs["other"][1]
    rows = [
        {
            "layout": name,
            "same": bool(np.array_equal(here[name], other[name])),
            "max_difference": float(np.abs(here[name] - other[name]).max()),
            "extent": float(np.abs(here[name]).max()),
        }
        for name in here
        if name in other
    ]
    return {"here": runs["here"][0], "other": runs["other"][0], "rows": rows}


def main() -> None:
    # the page check lays out whole pages: every one computed, none left in the user's cache
    os.environ.setdefault(mlayout.CACHE_VARIABLE, "off")
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="example,300,3000,30000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--budget", type=float, default=30.0, help="seconds of runs per layout and case")
    parser.add_argument("--no-caps", action="store_true", help="run the slow layouts at every size")
    parser.add_argument("--no-png", action="store_true")
    parser.add_argument("--readme", action="store_true")
    parser.add_argument(
        "--across",
        metavar="PYTHON",
        help="also lay out the example under this interpreter (e.g. .venv-min/bin/python, the CI floors) "
        "and compare the coordinates",
    )
    parser.add_argument("--dump", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.dump:
        dump(args.dump)
        return
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    start = time.perf_counter()
    stored = {"machine": machine(), "sizes": sizes, "command": " ".join(sys.argv[1:]), "cases": []}
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            for case in cases_for(size, Path(tmp) / "data"):
                stored["cases"].append(measure_case(case, args))
    if args.across:
        print(f"[example] the same layouts under {args.across} …", file=sys.stderr, flush=True)
        stored["across"] = across(args.across)
    stored["seconds"] = time.perf_counter() - start
    stored["machine"]["load_after"] = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    OUT.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(stored, indent=1) + "\n", encoding="utf-8")
    text = tables(stored)
    print(text)
    print(f"total {stored['seconds']:.0f} s", file=sys.stderr)
    if args.readme:
        write_readme(text)


if __name__ == "__main__":
    main()
