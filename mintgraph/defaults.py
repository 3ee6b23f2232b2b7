"""Settings the library and the command line share, cheap to import: no numpy, pandas or graph
library is loaded here, so ``mintgraph --help`` declares its options from them without loading
the heavy modules. The modules that use a setting import it from here; the engine and the
duplicate finder keep their usual names (``mintgraph.engine.SAMPLING_THRESHOLD``,
``mintgraph.dedupe.THRESHOLD``).

Example
-------
>>> SAMPLING_THRESHOLD, DEDUPE_THRESHOLD, EXPORT_FORMATS
(5000, 90.0, ('gexf', 'graphml', 'json'))
>>> set(SIZE_COLUMNS) < set(METRIC_COLUMNS)
True
"""

from __future__ import annotations

__all__ = [
    "DEDUPE_THRESHOLD",
    "EXPORT_FORMATS",
    "FORK_ABOVE",
    "METRIC_COLUMNS",
    "PLANTED_NOTE",
    "SAMPLING_THRESHOLD",
    "SIZE_COLUMNS",
    "TERMINAL_LANG_VARIABLE",
]

SAMPLING_THRESHOLD = 5000
"""Above this many actors, betweenness and closeness are sampled unless ``exact=True``.

Measured on 2 cores (``docs/engine.md``): exact betweenness takes ~1.8 s at 5,000 actors,
~7 s at 10,000, ~30 s at 20,000 and about 10 minutes at 100,000 (it grows as n·m).
"""

FORK_ABOVE = 2000
"""Above this many actors (on Linux), ``mintgraph analyze`` forks copies of itself to work side
by side while it draws the district pages: one renders the tables and the other views
(:func:`mintgraph.write_outputs`), one words the result for the terminal
(:func:`mintgraph.api.analysis_text`). Below it the copies would cost more than they save."""

DEDUPE_THRESHOLD = 90.0
"""Default minimum score (0–100) of a likely duplicate."""

EXPORT_FORMATS: tuple[str, ...] = ("gexf", "graphml", "json")
"""The formats :func:`mintgraph.interchange.write_exports` writes, in this order."""

PLANTED_NOTE = "planted effect: +{extra:g} partners per member outside the network (synthetic test)"
"""``note`` of the network that :func:`mintgraph.synth.plant_effect` gave its members extra partners."""

TERMINAL_LANG_VARIABLE = "MINTGRAPH_LANG"
"""Environment variable with the default language of the pages and the terminal (``de`` or ``en``)."""

METRIC_COLUMNS: tuple[str, ...] = (
    "degree",
    "weighted_degree",
    "ended_ties",
    "betweenness",
    "closeness",
    "eigenvector",
    "pagerank",
    "clustering",
    "core_number",
    "constraint",
    "effective_size",
    "articulation_point",
    "cut_off_actors",
    "participation_regions",
    "participation_networks",
    "gf_total",
    "networks_reached",
    "community",
)
"""Indicator columns of ``actors.csv`` shown in ``graph.html``'s tooltip when present, in this order."""

SIZE_COLUMNS: tuple[str, ...] = tuple(
    c for c in METRIC_COLUMNS if c not in ("articulation_point", "community")
)
"""The numeric metric columns allowed as ``size_by`` (``mintgraph analyze --size-by``)."""

SPARES_ABOVE_BYTES = 6_000_000
"""``mintgraph analyze`` starts its worker processes before it reads data files that hold more
than this many bytes together (about 17,000 actors with their cooperations, memberships and
activities): :func:`mintgraph.api.prestart_workers`."""

WORKER_SPARE = "analysis"
"""The name of the worker :func:`mintgraph.analyze` takes from
:func:`mintgraph.workers.prestart` (the Louvain runs, the exact betweenness of member subgraphs)."""

WORKER_MODULES = ("mintgraph.metrics.nexus", "mintgraph.engine")
"""What :func:`mintgraph.analyze`'s worker imports first."""

LAYOUT_SPARE = "layouts"
"""The name of the worker a :class:`mintgraph.layout.LayoutBatch` drawn in the background takes
from :func:`mintgraph.workers.prestart` (the district pages' layouts, started early: it is
prestarted in the background too)."""

LAYOUT_MODULES = ("mintgraph.layout", "mintgraph.kernels")
"""What a :class:`mintgraph.layout.LayoutBatch`'s worker imports first (the compiled repulsion)."""
