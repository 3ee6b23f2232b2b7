"""``graph.html``: the interactive actor cooperation graph as one self-contained HTML file.

The page works offline (vis-network's JS and CSS are inlined from pyvis' bundled copy; no
request leaves the file), is deterministic (positions are computed here with a fixed seed
and written as integers; physics is off) and safe to share: only whitelisted, non-personal
actor columns reach the page (contact fields only when passed explicitly as ``personal``),
all data travels as one escaped JSON blob, and tooltips are built as DOM text, never as HTML.

Lines show the cooperation type (dash pattern) and whether a tie crosses a district border
(colour); the legend explains both. Filters by network, district, actor type and year
combine; while a filter is on, the header counts the visible actors and ties, visible actors
of the side block (small components) move next to the visible picture, and a small
selection is labelled in full. Reset restores everything.

Example
-------
>>> import networkx as nx, pandas as pd
>>> g = nx.Graph()
>>> g.add_edge("a", "b", count=2, types="project|offer", weight=2.0, first_year=2019, last_year=2023)
>>> g.add_node("c")
>>> actors = pd.DataFrame({"id": ["a", "b", "c"], "name": ["Schule A", "Uni B", "Verein C"],
...     "type": ["school", "university", "association"], "region": ["06611"] * 3,
...     "region_name": ["Kassel"] * 3, "degree": [1, 1, 0], "betweenness": [0.0] * 3,
...     "closeness": [1.0, 1.0, 0.0], "eigenvector": [0.7, 0.7, 0.0], "pagerank": [0.4, 0.4, 0.2]})
>>> html = render_actor_graph(g, actors, lang="en")
>>> html.startswith("<!DOCTYPE html>") and "Uni B" in html
True
"""

from __future__ import annotations

import functools
import json
import threading
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any, TypeVar

import networkx as nx
import numpy as np
import pandas as pd
from markupsafe import Markup

from mintgraph.cells import (
    actor_type as _actor_type,
)
from mintgraph.cells import (
    cell_int as _int,
)
from mintgraph.cells import (
    cell_text as _text,
)
from mintgraph.cells import (
    is_missing as _is_missing,
)
from mintgraph.cells import (
    records as _records,
)
from mintgraph.defaults import METRIC_COLUMNS, SIZE_COLUMNS
from mintgraph.engine import engine_graph
from mintgraph.i18n import (
    LABELS,
    LANGS,
    actor_type_name,
    cooperation_type_name,
    count_label,
    format_int,
    format_number,
    t,
    thousands_separator,
)
from mintgraph.layout import (
    CELL,
    DENSE_LAYOUT_LIMIT,
    Layout,
    LayoutJob,
    actor_positions,
    edge_list,
    layout_indexed,
    layout_order,
)
from mintgraph.schema import ACTOR_TYPES, COOPERATION_TYPES, MULTI_VALUE_SEPARATOR, PERSONAL_COLUMNS
from mintgraph.style import (
    CROSS_DISTRICT_COLOR,
    EDGE_COLOR,
    EDGE_DASHES,
    NODE_SIZE_MAX,
    NODE_SIZE_MIN,
    TYPE_COLORS,
    tie_width,
)
from mintgraph.views.common import (
    SHARED_VIS_CSS,
    SHARED_VIS_JS,
    escape_script_json,
    group_colors,
    is_relative_link,
    vis_options,
)
from mintgraph.views.common import environment as _environment
from mintgraph.views.common import vis_asset as _vis_asset

__all__ = [
    "CROSS_DISTRICT_COLOR",
    "EDGE_DASHES",
    "METRIC_COLUMNS",
    "PUBLIC_COLUMNS",
    "SIZE_COLUMNS",
    "TYPE_COLORS",
    "ActorGraphPages",
    "actor_positions",
    "render_actor_graph",
]


_INT_METRICS = frozenset(
    {
        "degree",
        "weighted_degree",
        "ended_ties",
        "core_number",
        "cut_off_actors",
        "gf_total",
        "networks_reached",
    }
)
_BOOL_METRICS = frozenset({"articulation_point"})
PUBLIC_COLUMNS: tuple[str, ...] = (
    "id",
    "name",
    "type",
    "region",
    "region_name",
    "municipality",
    "network_ids",
    *METRIC_COLUMNS,
)
"""The only actor columns that may reach the page (a whitelist: personal data never does)."""


# Drawing parameters, in vis-network canvas units.
FONT_SIZE_MIN = 12  # labels of most nodes: readable once zoomed in
FONT_SIZE_BIG = 26  # labels of the top-ranked nodes: readable in the overview
FONT_SIZE_MAX = 40
LABEL_MAX_SCREEN = 18  # pixels: big labels stop growing when zooming in beyond this
LABEL_MIN_SCREEN = 13  # pixels: while a filter shows few actors, every one is labelled at least this big
LABEL_ALL_BELOW = 60  # ... "few" meaning fewer than this many
LABELS_MIN = 12  # at least this many nodes get a big label ...
LABELS_PER = 40  # ... or one in LABELS_PER nodes
LABEL_MAX_CHARS = 32
ISOLATED_LABEL_CHARS = 22


def render_actor_graph(
    graph: nx.Graph,
    actors: pd.DataFrame,
    *,
    lang: str = "de",
    title: str | None = None,
    size_by: str = "degree",
    seed: int = 42,
    networks: pd.DataFrame | None = None,
    personal: pd.DataFrame | None = None,
) -> str:
    """Return a self-contained HTML page of the actor cooperation graph.

    Nodes are actors, coloured by type and sized by ``size_by``; a tie's line pattern shows
    its cooperation type (:data:`EDGE_DASHES`) and its colour whether it crosses a district
    border (:data:`CROSS_DISTRICT_COLOR`). The page filters by network, district, actor
    type and year (a tie is shown from its ``first_year`` on); the filters combine.

    Parameters
    ----------
    graph
        Undirected graph whose nodes are actor ids; edge attributes ``count``, ``types``
        (cooperation types joined by ``|``), ``weight``, ``first_year``, ``last_year``.
    actors
        One row per actor with at least ``id, name, type, region, region_name``; optional
        ``municipality``, ``network_ids`` (the ids of the actor's direct networks joined by
        ``|``) and the indicator columns of :data:`METRIC_COLUMNS`, which the tooltip shows.
        Only the columns of :data:`PUBLIC_COLUMNS` are used; personal columns never reach
        the page. Actors missing from ``graph`` are drawn as isolated nodes.
    lang
        ``"de"`` (default) or ``"en"``: language of every label.
    title
        Page title; default: the translated "MINT cooperation network".
    size_by
        Column of :data:`SIZE_COLUMNS` that sets the node size (default ``degree``); node
        area grows with it.
    seed
        Seed of the layout. The same input and seed give a byte-identical page.
    networks
        Optional table with columns ``id, name`` (and ``parent``) naming the networks of
        ``network_ids`` in the network filter and the tooltips. An umbrella network (one
        named as ``parent``) selects the members of its sub-networks too.
    personal
        Optional table with ``id`` and any of ``contact_person, email, phone``. Only when it
        is given do these fields appear in the tooltips (as text). Default: no personal data.

    Returns
    -------
    str
        The HTML page (UTF-8 text, no external references).

    Raises
    ------
    ValueError
        For an unknown ``lang``, a ``size_by`` that is not a numeric metric column of
        ``actors``, or an ``actors`` / ``personal`` table without ``id``.

    Example
    -------
    >>> import networkx as nx, pandas as pd
    >>> g = nx.Graph()
    >>> g.add_edge("a", "b", count=1, types="offer", first_year=2020)
    >>> actors = pd.DataFrame({"id": ["a", "b"], "name": ["A", "B"], "type": ["school", "company"],
    ...     "region": ["06411", "06412"], "region_name": ["Darmstadt", "Frankfurt am Main"],
    ...     "degree": [1, 1], "network_ids": ["netz", ""]})
    >>> page = render_actor_graph(g, actors, networks=pd.DataFrame({"id": ["netz"], "name": ["Netz"]}))
    >>> '<html lang="de">' in page and "MINT-Kooperationsnetz" in page and "kreisübergreifend" in page
    True
    """
    return ActorGraphPages(
        graph, actors, lang=lang, size_by=size_by, networks=networks, personal=personal
    ).render(title=title, seed=seed)


def _labels(
    graph: nx.Graph, records: Sequence[dict[str, Any]]
) -> tuple[list[str], dict[str, int], list[str], list[str]]:
    """The actors of the pages of ``graph`` and the actor table's ``records``: every id (the
    table's and the graph's, as text, sorted), each id's row of the table (the last, for an id
    given twice), and each id's name (the id without one) and type (``other`` without one)."""
    rows = {  # each id's row of the table
        str(rec["id"]): row for row, rec in enumerate(records) if not _is_missing(rec.get("id"))
    }
    ids = sorted(set(rows) | {str(n) for n in graph.nodes})
    names, types = [], []
    for n in ids:
        record = records[rows[n]] if n in rows else {}
        names.append(_text(record.get("name")) or n)
        types.append(_actor_type(record.get("type")))
    return ids, rows, names, types


SELECTIONS_KEPT = 512
"""How many pages' nodes and ties a :class:`PageFrame` keeps (a district page's are looked up
twice: for its layout and when it is drawn; Germany has 400 districts)."""


class PageFrame:
    """Where the actors and ties of a landscape sit on its actor-graph pages: every actor's id in
    sorted order (the pages number their nodes by it), the actors' layout order (by type, then
    name: :func:`mintgraph.layout.layout_order`) and the ties as pairs of those numbers.

    It needs only the graph and each actor's id, name and type, not the indicators, so it can
    be made as soon as the graph exists: the district pages' layouts of a large landscape start
    from it while the indicators are computed (:class:`mintgraph.export.DistrictLayouts`).
    :class:`ActorGraphPages` takes it as ``frame`` where it :meth:`fits` its graph and actors,
    and makes its own otherwise, so a page never depends on which frame was given.

    >>> import networkx as nx, pandas as pd
    >>> g = nx.Graph([("b", "a"), ("b", "c")])
    >>> frame = PageFrame.of(g, pd.DataFrame({"id": ["a", "b", "c"], "name": ["A", "B", "C"],
    ...     "type": ["school", "company", "school"]}))
    >>> frame.ids, frame.rank.tolist(), frame.edge_a.tolist(), frame.edge_b.tolist()
    (['a', 'b', 'c'], [0, 2, 1], [0, 1], [1, 2])
    >>> job = frame.layout_job(["a"], partners=True)  # a and its partner b, and their tie
    >>> job.n, job.ea.tolist(), job.eb.tolist()
    (2, [0], [1])
    """

    def __init__(self, graph: nx.Graph, ids: list[str], names: list[str], types: list[str]) -> None:
        self.graph, self.ids, self.names, self.types = graph, ids, names, types
        self.index = {n: i for i, n in enumerate(ids)}
        order = layout_order(list(range(len(ids))), dict(enumerate(names)), dict(enumerate(types)))
        self.rank = np.empty(len(ids), dtype=np.int64)
        self.rank[np.asarray(order, dtype=np.int64)] = np.arange(len(ids))
        # The ties, in the order of edge_list (sorted by ends; ids are sorted, so by index too).
        self.edge_a, self.edge_b, self._edge_attrs = _sorted_edges(graph, self.index)
        self._ties = _adjacency_size(graph)
        self._selected: dict[tuple[tuple[str, ...], bool], tuple[np.ndarray, np.ndarray]] = {}

    @classmethod
    def of(cls, graph: nx.Graph, actors: pd.DataFrame) -> PageFrame:
        """The frame of ``graph`` and the actor table ``actors`` (its ``id``, ``name`` and ``type``)."""
        if "id" not in actors.columns:
            raise ValueError("actors needs an 'id' column")
        columns = [c for c in ("id", "name", "type") if c in actors.columns]
        ids, _, names, types = _labels(graph, _records(actors.loc[:, columns]))
        return cls(graph, ids, names, types)

    def fits(self, graph: nx.Graph, ids: list[str], names: list[str], types: list[str]) -> bool:
        """Whether this is the frame of ``graph`` (the same object, its adjacency as large as when
        the frame was made: no tie added or removed) and of actors with these ids, names and
        types."""
        return (
            graph is self.graph
            and _adjacency_size(graph) == self._ties
            and ids == self.ids
            and names == self.names
            and types == self.types
        )

    @functools.cached_property
    def edge_attrs(self) -> list[dict]:
        """Each tie's attribute dict, in the order of :attr:`edge_a` (looked up when first asked
        for: the layouts do not need them)."""
        return self._edge_attrs()

    def select(self, actors: Iterable[str] | None, partners: bool) -> tuple[np.ndarray, np.ndarray]:
        """The nodes and ties (indices, ascending) of the page of ``actors`` (see
        :meth:`ActorGraphPages.render`); the last :data:`SELECTIONS_KEPT` are kept, so that a
        page whose layout job was made from this frame finds them when it is drawn."""
        key = None if actors is None else (tuple(str(a) for a in actors), partners)
        if key is not None and key in self._selected:
            return self._selected[key]
        chosen_nodes, chosen_ties = self._select(actors, partners)
        if key is not None:
            if len(self._selected) >= SELECTIONS_KEPT:
                del self._selected[next(iter(self._selected))]
            self._selected[key] = chosen_nodes, chosen_ties
        return chosen_nodes, chosen_ties

    def _select(self, actors: Iterable[str] | None, partners: bool) -> tuple[np.ndarray, np.ndarray]:
        n_all = len(self.ids)
        if actors is None:
            chosen = np.ones(n_all, dtype=bool)
        else:
            chosen = np.zeros(n_all, dtype=bool)
            hits = [self.index[a] for a in {str(a) for a in actors} if a in self.index]
            chosen[np.asarray(hits, dtype=np.int64)] = True
        ea_all, eb_all = self.edge_a, self.edge_b
        if partners:
            tie_mask = chosen[ea_all] | chosen[eb_all]
            shown = chosen.copy()
            shown[ea_all[tie_mask]] = True
            shown[eb_all[tie_mask]] = True
        else:
            shown = chosen
            tie_mask = chosen[ea_all] & chosen[eb_all]
        return np.flatnonzero(shown), np.flatnonzero(tie_mask)

    def local(self, nodes: np.ndarray, ties: np.ndarray) -> tuple[int, np.ndarray, np.ndarray, np.ndarray]:
        """The page's nodes numbered 0 … n-1: their count, layout order and the ties' ends."""
        n = len(nodes)
        local = np.full(len(self.ids), -1, dtype=np.int64)
        local[nodes] = np.arange(n)
        ea, eb = local[self.edge_a[ties]], local[self.edge_b[ties]]
        order = np.argsort(self.rank[nodes], kind="stable")
        return n, order, ea, eb

    def layout_job(
        self,
        actors: Iterable[str] | None = None,
        *,
        partners: bool = False,
        seed: int = 42,
        dense_limit: int = DENSE_LAYOUT_LIMIT,
    ) -> LayoutJob:
        """The layout of the page of ``actors`` (see :meth:`ActorGraphPages.layout_job`)."""
        nodes, ties = self.select(actors, partners)
        n, order, ea, eb = self.local(nodes, ties)
        return LayoutJob(n, order, ea, eb, seed, dense_limit)


class ActorGraphPages:
    """Actor-graph pages of one landscape: the per-actor and per-tie work done once, shared by every page.

    :func:`render_actor_graph` draws one graph. A landscape drawn as many pages (one per
    district, one per network) shows many actors and ties on several pages; this class
    prepares each actor's and each tie's part of the page (names, tooltips, line style)
    once, and :meth:`render` draws any part of the graph from it. A page drawn here is
    byte-identical to :func:`render_actor_graph` on the same part of the graph.

    Parameters
    ----------
    graph, actors, lang, size_by, networks, personal
        As for :func:`render_actor_graph`.
    frame
        The :class:`PageFrame` of ``graph`` and these actors if it was made already (used only
        where it :meth:`~PageFrame.fits`; a frame of other actors or another graph is ignored).

    Raises
    ------
    ValueError
        As :func:`render_actor_graph`.

    Example
    -------
    >>> import networkx as nx, pandas as pd
    >>> g = nx.Graph([("a", "b"), ("b", "c")])
    >>> actors = pd.DataFrame({"id": ["a", "b", "c"], "name": ["A", "B", "C"], "type": ["school"] * 3,
    ...     "region": ["06411", "06411", "06412"], "region_name": ["Darmstadt"] * 2 + ["Frankfurt"],
    ...     "degree": [1, 2, 1]})
    >>> pages = ActorGraphPages(g, actors, lang="en")
    >>> pages.render(["c"], partners=True) == render_actor_graph(g.subgraph(["b", "c"]), actors[1:], lang="en")
    True
    """

    def __init__(
        self,
        graph: nx.Graph,
        actors: pd.DataFrame,
        *,
        lang: str = "de",
        size_by: str = "degree",
        networks: pd.DataFrame | None = None,
        personal: pd.DataFrame | None = None,
        frame: PageFrame | None = None,
    ) -> None:
        if lang not in LANGS:
            raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGS)}")
        public = _public_actor_table(actors)
        size_values = _size_values(public, size_by)
        table_records = _records(public)
        ids, rows, names, types = _labels(graph, table_records)
        if frame is None or not frame.fits(graph, ids, names, types):
            frame = PageFrame(graph, ids, names, types)
        self.frame = frame
        self.lang, self.size_by = lang, size_by
        self._ids = ids
        self._index = frame.index
        self._public = public
        self._rows = np.array([rows.get(n, -1) for n in ids], dtype=np.int64)
        self._records = [table_records[row] if row >= 0 else {} for row in self._rows.tolist()]
        self._names = names
        self._types = types
        self._regions = [_text(r.get("region")) for r in self._records]
        self._memberships = [_split(r.get("network_ids")) for r in self._records]
        district_names = [
            _text(r.get("region_name")) or code for r, code in zip(self._records, self._regions, strict=True)
        ]
        self._district_names = district_names
        self._rank = frame.rank
        self._size = np.array([size_values.get(n, 0.0) for n in ids], dtype=float)
        self._network_names, self._network_parents = _network_names(networks)
        self._contacts = _personal_rows(personal, lang)
        self._node_json: list[tuple[str, str, str] | None] = [None] * len(ids)
        self._metric_json: list[str] = []
        self._metric_labels = {col: t(f"metric_{col}", lang) for col in METRIC_COLUMNS}
        self._tip_labels = _TipLabels(lang)
        # The ties, in the order of edge_list (sorted by ends; ids are sorted, so by index too).
        self._edge_a, self._edge_b, self._edge_attrs = frame.edge_a, frame.edge_b, frame.edge_attrs
        self._prepared = False
        self._prepare_lock = threading.Lock()
        self._edge_head: list[str] = []
        self._edge_tail: list[str] = []
        self._edge_kind: list[str] = []
        self._edge_year: list[int | None] = []
        self._edge_cross = np.zeros(len(self._edge_a), dtype=bool)

    def prepare(self) -> None:
        """Make each tie's part of a page (line style, tooltip, ends) and each actor's node
        (its tooltip) now, not on the pages that show them: before a copy of this process is
        forked to draw some of the pages (:class:`mintgraph.workers.Forked`), so that both
        processes share them."""
        self._prepare()
        for i in range(len(self._ids)):  # and each actor's node, which several pages may show
            self._node_parts(i)

    def _prepare(self) -> None:
        """Each tie's part of a page (line style, tooltip, ends) and the indicator rows of each actor's
        tooltip, made once, on the first page drawn."""
        if self._prepared:  # read without the lock: set once, after everything is made
            return
        with self._prepare_lock:
            if not self._prepared:
                self._make_metric_json()
                self._make_ties()

    def _make_ties(self) -> None:
        lang, district_names, tie_parts = self.lang, self._district_names, self._tie_parts
        tie_cache: dict[Any, tuple[str, str, int | None, str]] = {}
        ends_cache: dict[tuple[str, str, str, str], str] = {}
        regions = np.array(self._regions, dtype=object)
        ends_a, ends_b = regions[self._edge_a], regions[self._edge_b]
        cross = (ends_a != ends_b) & (ends_a != "") & (ends_b != "")  # both districts known, different
        self._edge_cross = cross
        id_json = [_dumps(n) for n in self._ids]
        heads, tails, kinds, years = self._edge_head, self._edge_tail, self._edge_kind, self._edge_year
        for i, j, attrs, is_cross in zip(
            self._edge_a.tolist(), self._edge_b.tolist(), self._edge_attrs, cross.tolist(), strict=True
        ):
            width, kind, year, tip = tie_parts(attrs, tie_cache)
            districts = ""
            if is_cross:
                key = (self._regions[i], self._regions[j], district_names[i], district_names[j])
                districts = ends_cache.get(key, "")
                if not districts:
                    row = [[t("field_districts", lang), f"{district_names[i]} – {district_names[j]}"]]
                    districts = ends_cache[key] = "," + self._tip_labels.items(row)
            heads.append(f'"cross":{"true" if is_cross else "false"},"from":{id_json[i]},')
            tails.append(
                f'"kind":"{kind}","tip":[{tip}{districts}],"to":{id_json[j]},"width":{width},'
                f'"year":{"null" if year is None else year}}}'
            )
            kinds.append(kind)
            years.append(year)
        self._edge_attrs = []
        self._prepared = True

    def _tie_parts(
        self, attrs: dict[str, Any], cache: dict[Any, tuple[str, str, int | None, str]]
    ) -> tuple[str, str, int | None, str]:
        """Width, style kind, year and tooltip rows (JSON) of a tie; the same for equal attributes."""
        key: Any = (attrs.get("count"), attrs.get("types"), attrs.get("first_year"), attrs.get("last_year"))
        try:
            return cache[key]
        except KeyError:
            pass
        except TypeError:  # an unhashable attribute value: no sharing
            key = None
        count = _int(attrs.get("count"), default=1)
        kinds = _split(attrs.get("types"))
        first_year = _int(attrs.get("first_year"), default=0)
        parts = (
            repr(tie_width(count)),
            next((c for c in COOPERATION_TYPES if c in kinds), "other"),
            first_year or None,
            self._tip_labels.items(_edge_tip(attrs, count, self.lang)),
        )
        if key is not None:
            cache[key] = parts
        return parts

    def _node_parts(self, i: int) -> tuple[str, str, str]:
        """The fixed JSON pieces of actor ``i``'s node: before the label, after it, and the tooltip."""
        parts = self._node_json[i]
        if parts is None:
            node_id = self._ids[i]
            head = _node_tip_head(self._records[i], self._types[i], self.lang, self._network_names)
            contacts = self._contacts.get(node_id)
            # the tooltip rows: the head, the indicators, the contact (a JSON list's items joined)
            labels = self._tip_labels
            rows = [labels.items(head), self._metric_json[i], labels.items(contacts) if contacts else ""]
            parts = (
                f'"group":{_dumps(self._types[i])},"id":{_dumps(node_id)},',
                f'"name":{_dumps(self._names[i])},"nets":{_dumps(self._memberships[i])},'
                f'"region":{_dumps(self._regions[i])},',
                "[" + ",".join(row for row in rows if row) + "]",
            )
            self._node_json[i] = parts
        return parts

    def _make_metric_json(self) -> None:
        """Per actor, the indicator rows of its tooltip (:func:`_node_tip`) as the items of a JSON
        list; made column by column, each distinct value formatted and encoded once (for a float,
        integer or boolean column found as distinct array values, not actor by actor)."""
        columns = []
        present = np.flatnonzero(self._rows >= 0)
        for col, label in self._metric_labels.items():
            if col not in self._public.columns or not len(present):
                continue  # no actor has the column: no row in any tooltip
            values = self._public[col].to_numpy()[self._rows[present]]
            items: list[str | None] = [None] * len(self._rows)
            index = self._tip_labels.ref(label)
            if values.dtype == np.float64 or values.dtype.kind in "iub":
                # floats by their bits (0.0 and -0.0 are written differently); each distinct value
                # formatted as the Python number or bool a record holds
                keys = values.view(np.int64) if values.dtype == np.float64 else values
                _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
                texts = [
                    f"[{index},{_dumps(_metric_text(col, value, self.lang))}]"
                    for value in values[first].tolist()
                ]
                for position, k in zip(present.tolist(), inverse.tolist(), strict=True):
                    items[position] = texts[k]
            else:
                cache: dict[Any, str] = {}
                for position in present.tolist():
                    value = self._records[position][col]
                    key: Any = value.hex() if isinstance(value, float) else (type(value), value)
                    try:
                        item = cache.get(key)
                    except TypeError:  # an unhashable value: formatted each time
                        item, key = None, None
                    if item is None:
                        item = f"[{index},{_dumps(_metric_text(col, value, self.lang))}]"
                        if key is not None:
                            cache[key] = item
                    items[position] = item
            columns.append(items)
        rows = zip(*columns, strict=True) if columns else ([] for _ in self._records)
        self._metric_json = [",".join(item for item in row if item is not None) for row in rows]

    def render(
        self,
        actors: Iterable[str] | None = None,
        *,
        partners: bool = False,
        title: str | None = None,
        seed: int = 42,
        dense_limit: int = DENSE_LAYOUT_LIMIT,
        shared_vis: bool = False,
        overview: str | None = None,
        layout: Layout | None = None,
    ) -> str:
        """The page of ``actors`` (default: all), as :func:`render_actor_graph` would draw it.

        Parameters
        ----------
        actors
            Ids of the actors to draw; ids unknown to the landscape are skipped. ``None``: all.
        partners
            ``False``: the actors and the ties among them (the induced subgraph). ``True``:
            also their partners, and only the ties with at least one end among ``actors``
            (ties between two partners are left out).
        title, seed
            As for :func:`render_actor_graph`.
        dense_limit
            Components of more nodes are laid out by the sampled force model
            (:func:`mintgraph.layout._sampled_force_layout`, O(n) per step) instead of the exact one (O(n²)).
            Many pages of a large landscape use a lower limit than one ``graph.html``.
        shared_vis
            ``False`` (default): vis-network is inlined, the page is one self-contained file.
            ``True``: the page references the shared files
            :data:`~mintgraph.views.common.SHARED_VIS_JS` and
            :data:`~mintgraph.views.common.SHARED_VIS_CSS` in its own folder (written once for
            many pages, see :func:`~mintgraph.views.common.shared_vis_files`).
        overview
            Relative link of an overview page (e.g. ``../graph.html`` from a district page),
            shown as a link back in the header; ``None``: no link.
        layout
            The page's layout if it was computed already: the result of
            :meth:`layout_job` (same ``actors``, ``partners``, ``seed`` and ``dense_limit``)
            run. ``None``: computed here.

        Returns
        -------
        str
            The HTML page.

        Raises
        ------
        ValueError
            For an ``overview`` that is not a relative link, or a ``layout`` of another number
            of nodes than the page's.
        """
        if overview is not None and not is_relative_link(overview):
            raise ValueError(f"overview must be a relative link such as '../graph.html', not {overview!r}")
        nodes, ties = self._select(actors, partners)
        return self._page(
            nodes,
            ties,
            title,
            seed,
            dense_limit,
            shared_vis=shared_vis,
            overview=overview,
            layout=layout,
        )

    def layout_job(
        self,
        actors: Iterable[str] | None = None,
        *,
        partners: bool = False,
        seed: int = 42,
        dense_limit: int = DENSE_LAYOUT_LIMIT,
    ) -> LayoutJob:
        """The layout of the page :meth:`render` draws with the same arguments, as a job that can
        be run elsewhere (:class:`~mintgraph.layout.LayoutBatch` runs many in worker processes);
        pass its result to :meth:`render` as ``layout``.

        >>> import networkx as nx, pandas as pd
        >>> g = nx.Graph([("a", "b")])
        >>> actors = pd.DataFrame({"id": ["a", "b"], "name": ["A", "B"], "type": ["school"] * 2,
        ...     "region": ["06411"] * 2, "region_name": ["Darmstadt"] * 2, "degree": [1, 1]})
        >>> pages = ActorGraphPages(g, actors, lang="en")
        >>> job = pages.layout_job(["a"], partners=True)
        >>> job.n, pages.render(["a"], partners=True, layout=job.run()) == pages.render(["a"], partners=True)
        (2, True)
        """
        return self.frame.layout_job(actors, partners=partners, seed=seed, dense_limit=dense_limit)

    def _select(self, actors: Iterable[str] | None, partners: bool) -> tuple[np.ndarray, np.ndarray]:
        return self.frame.select(actors, partners)

    def _local(self, nodes: np.ndarray, ties: np.ndarray) -> tuple[int, np.ndarray, np.ndarray, np.ndarray]:
        return self.frame.local(nodes, ties)

    def _page(
        self,
        nodes: np.ndarray,
        ties: np.ndarray,
        title: str | None,
        seed: int,
        dense_limit: int,
        *,
        shared_vis: bool = False,
        overview: str | None = None,
        layout: Layout | None = None,
    ) -> str:
        lang = self.lang
        self._prepare()
        n, order, ea, eb = self._local(nodes, ties)
        if layout is None:
            layout = layout_indexed(n, order, ea, eb, seed, dense_limit=dense_limit)
        elif layout[0].shape != (n, 2):
            raise ValueError(f"the layout has {len(layout[0])} nodes, the page {n}: see layout_job()")
        xy, caption, comp = layout
        ids = [self._ids[i] for i in nodes]
        degree = np.bincount(ea, minlength=n) + np.bincount(eb, minlength=n)
        names = [self._names[i] for i in nodes]
        types = [self._types[i] for i in nodes]

        # Node size grows with the square root of the size metric (area ~ value); isolated nodes get
        # the minimum. Only the top-ranked nodes get a large label that is readable when zoomed out.
        size = self._size[nodes]
        connected = degree > 0
        rel = np.zeros(n)
        vmax = float(size[connected].max()) if connected.any() else 0.0
        if vmax > 0:
            rel[connected] = np.sqrt(size[connected] / vmax)
        positive = np.flatnonzero(rel > 0)
        ranked = positive[np.lexsort((positive, -rel[positive]))]
        limit = max(LABELS_MIN, n // LABELS_PER)
        top = [int(i) for i in ranked[: 4 * limit]]
        big_labels = _pick_labels(
            top,
            {i: float(rel[i]) for i in top},
            {i: (int(xy[i, 0]), int(xy[i, 1])) for i in top},
            {i: names[i] for i in top},
            limit,
        )

        node_items = []
        for i in np.lexsort((np.arange(n), rel)).tolist():  # big nodes are drawn last, on top
            head, middle, tip = self._node_parts(int(nodes[i]))
            label = _shorten(names[i], LABEL_MAX_CHARS if degree[i] else ISOLATED_LABEL_CHARS)
            c = comp[i]
            node_items.append(
                f'{{"comp":{"null" if c < 0 else c},"font":{{"size":{big_labels.get(i, FONT_SIZE_MIN)}}},'
                f'{head}"label":{_dumps(label)},{middle}'
                f'"size":{round(NODE_SIZE_MIN + (NODE_SIZE_MAX - NODE_SIZE_MIN) * float(rel[i]), 1)!r},'
                f'"tip":{tip},"x":{xy[i, 0]},"y":{xy[i, 1]}}}'
            )
        tie_list = ties.tolist()
        edge_items = [
            f'{{{self._edge_head[k]}"id":"e{i}",{self._edge_tail[k]}' for i, k in enumerate(tie_list)
        ]
        kinds = Counter(self._edge_kind[k] for k in tie_list)
        cross = int(self._edge_cross[ties].sum())
        tie_years = [self._edge_year[k] for k in tie_list]

        type_counts = Counter(types)
        present = [c for c in ACTOR_TYPES if type_counts[c]]
        legend = [
            {
                "type": c,
                "name": actor_type_name(c, lang),
                "color": TYPE_COLORS[c],
                "count": format_int(type_counts[c], lang),
            }
            for c in present
        ]
        isolated = [ids[i] for i in np.flatnonzero(degree == 0).tolist()]
        counts = [count_label("actors", n, lang), count_label("ties", len(tie_list), lang)]
        if isolated:
            counts.append(count_label("isolated", len(isolated), lang))
        filters = _filters(
            ids,
            dict(zip(ids, names, strict=True)),
            dict(zip(ids, types, strict=True)),
            {ids[k]: self._regions[i] for k, i in enumerate(nodes.tolist())},
            {ids[k]: self._memberships[i] for k, i in enumerate(nodes.tolist())},
            {ids[k]: self._records[i] for k, i in enumerate(nodes.tolist())},
            self._network_names,
            self._network_parents,
            lang,
        )
        years = sorted({y for y in tie_years if y is not None})

        data = {
            "nodes": _RawJSON("[" + ",".join(node_items) + "]"),
            "edges": _RawJSON("[" + ",".join(edge_items) + "]"),
            "options": _vis_options(present),
            "styles": {
                "dashes": EDGE_DASHES,
                "color": EDGE_COLOR,
                "cross": CROSS_DISTRICT_COLOR,
            },
            "filters": {
                "network": [o["covers"] for o in filters["network"]],
                "district": [o["code"] for o in filters["district"]],
                "type": [o["code"] for o in filters["type"]],
            },
            "years": {"min": years[0], "max": years[-1]} if years else None,
            "isolated": isolated,
            "labels": {k: t(k, lang) for k in _SCRIPT_LABELS},
            "districtNames": {self._regions[i]: self._district_names[i] for i in nodes.tolist()},
            "typeNames": {c: actor_type_name(c, lang) for c in present},
            "profileRows": [t(k, lang) for k in _PROFILE_LABELS],
            "tipLabels": self._tip_labels.labels,
            "pngName": _png_name(title if title is not None else t("graph_title", lang)),
            "lang": lang,
            "thousands": thousands_separator(lang),
            "font": {
                "min": FONT_SIZE_MIN,
                "maxScreen": LABEL_MAX_SCREEN,
                "minScreen": LABEL_MIN_SCREEN,
                "labelAll": LABEL_ALL_BELOW,
            },
            "cell": CELL,
            "caption": None
            if caption is None
            else {"x": caption[0], "y": caption[1], "text": t("isolated_caption", lang)},
        }
        page_title = title if title is not None else t("graph_title", lang)
        template = _environment().get_template("graph.html.j2")
        return template.render(
            lang=lang,
            title=page_title,
            counts=" · ".join(counts),
            legend=legend,
            edge_legend=_edge_legend(kinds, cross, lang),
            filters=filters,
            years=data["years"],
            year_hint=t("year_hint", lang) if years and any(y is None for y in tie_years) else "",
            labels={k: v for k, v in LABELS[lang].items() if k.startswith(("filter_", "legend_", "all_"))},
            size_hint=t("node_size_hint", lang).replace("{metric}", _metric_label(self.size_by, lang)),
            line_hint=t("line_hint", lang),
            usage_hint=t("graph_usage_hint", lang),
            search_label=t("search_words_label", lang),
            search_placeholder=t("search_placeholder", lang),
            reset_label=t("reset", lang),
            ui={k: t(k, lang) for k in _TEMPLATE_LABELS},
            steps=[(k, count_label("focus_steps", k, lang)) for k in FOCUS_STEPS],
            overview=overview,
            graph_data=Markup(_script_json(data)),
            shared_vis={"js": SHARED_VIS_JS, "css": SHARED_VIS_CSS} if shared_vis else None,
            vis_js="" if shared_vis else Markup(_vis_asset("vis-network.min.js", "</script")),
            vis_css="" if shared_vis else Markup(_vis_asset("vis-network.css", "</style")),
        )


FOCUS_STEPS: tuple[int, ...] = (1, 2, 3)
"""The choices of the focus control: partners up to this many steps away stay bright."""

_SCRIPT_LABELS: tuple[str, ...] = (
    "matches_one",
    "matches_other",
    "visible_actors",
    "visible_ties",
    "all_years",
    "partners_outside_one",
    "partners_outside_other",
    "details_partners_one",
    "details_partners_other",
    "details_no_partners",
    "details_hidden_partner",
    "details_more_one",
    "details_more_other",
    "focus_status_one",
    "focus_status_other",
)
"""Labels the page's script needs."""
_TEMPLATE_LABELS: tuple[str, ...] = (
    "filter_partners",
    "filter_partners_hint",
    "png_button",
    "png_title",
    "details_close",
    "focus_steps_label",
    "focus_button",
    "focus_clear",
    "back_to_overview",
    "details_all_figures",
)
"""Labels of the page's controls, rendered by the template."""
_PROFILE_LABELS: tuple[str, ...] = (
    "field_type",
    "field_district",
    "field_municipality",
    "field_networks",
    "field_contact_person",
    "field_email",
    "field_phone",
    "metric_degree",
    "metric_betweenness",
)
"""Rows of an actor's tooltip that its profile shows first (the rest under "all indicators")."""


def _png_name(title: str) -> str:
    """File name of the PNG download: the title's letters and digits joined by ``-``.

    >>> _png_name("MINT-Kooperationsnetz: Kassel (Stadt)")
    'MINT-Kooperationsnetz-Kassel-Stadt.png'
    """
    stem = "-".join("".join(c if c.isalnum() else " " for c in title).split())[:80]
    return f"{stem or 'mintgraph'}.png"


class _RawJSON(str):
    """JSON text that :func:`_script_json` splices in as it is."""


_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)


class _TipLabels:
    """The labels of the tooltips' rows, written once per page (``tipLabels``) instead of in every
    row: a row is ``[k, value]`` with ``k`` the label's position in :attr:`labels`, or ``[label,
    value]`` for a label not in it. The page's script turns both back into ``[label, value]``
    (the rows a tooltip and a profile show are the same), and the list is the same on every page.

    >>> labels = _TipLabels("en")
    >>> labels.items([["Type", "School"], ["Not a label", "x"]])
    '[1,"School"],["Not a label","x"]'
    """

    def __init__(self, lang: str) -> None:
        keys = [
            "field_type",
            "field_district",
            "field_municipality",
            "field_networks",
            *(f"metric_{col}" for col in METRIC_COLUMNS),
            *(f"field_{col}" for col in PERSONAL_COLUMNS),
            "field_cooperation_types",
            "field_years",
            "field_districts",
        ]
        self.labels = ["", *(t(key, lang) for key in keys)]
        self._refs: dict[str, str] = {}
        for k, label in enumerate(self.labels):
            self._refs.setdefault(label, str(k))

    def ref(self, label: str) -> str:
        """The JSON of a row's first item: the label's position, or the label itself."""
        ref = self._refs.get(label)
        return ref if ref is not None else _dumps(label)

    def items(self, rows: Iterable[Sequence[str]]) -> str:
        """Rows ``[label, value]`` as the items of a JSON list (without its brackets)."""
        return ",".join(f"[{self.ref(label)},{_dumps(value)}]" for label, value in rows)


def _dumps(value: Any) -> str:
    """JSON as :func:`~mintgraph.views.common.json_for_script` writes it, before its escaping."""
    return _ENCODER.encode(value)


def _script_json(data: dict[str, Any]) -> str:
    """``json_for_script(data)``, where the top-level values may be :class:`_RawJSON` pieces."""
    body = ",".join(
        f"{_dumps(key)}:{value if isinstance(value, _RawJSON) else _dumps(value)}"
        for key, value in sorted(data.items())
    )
    return escape_script_json("{" + body + "}")


def _edge_legend(kinds: Counter[str], cross: int, lang: str) -> list[dict[str, Any]]:
    """Legend rows of the line styles: one per cooperation type present, then the cross-district colour.

    ``kinds`` counts the ties by style kind, ``cross`` is the number of cross-district ties.
    """
    rows: list[dict[str, Any]] = [
        {
            "name": cooperation_type_name(c, lang),
            "dash": " ".join(str(v) for v in EDGE_DASHES[c] or []),
            "color": EDGE_COLOR,
            "count": format_int(kinds[c], lang),
        }
        for c in COOPERATION_TYPES
        if kinds[c]
    ]
    if cross:
        rows.append(
            {
                "name": t("cross_district", lang),
                "dash": "",
                "color": CROSS_DISTRICT_COLOR,
                "count": format_int(cross, lang),
                "cross": True,
            }
        )
    return rows


def _filters(
    ids: list[str],
    names: dict[str, str],
    types: dict[str, str],
    regions: dict[str, str],
    memberships: dict[str, list[str]],
    records: dict[str, dict[str, Any]],
    network_names: dict[str, str],
    network_parents: dict[str, str],
    lang: str,
) -> dict[str, list[dict[str, Any]]]:
    """The choices of the network, district and type filters, each with its actor count.

    A network choice ``covers`` the network and all networks below it (by ``parent``); the
    choice "no network" covers nothing and matches actors without any network.
    """
    return {
        "network": _network_choices(ids, memberships, network_names, network_parents, lang),
        "district": _district_choices(ids, regions, records, lang),
        "type": [
            {"code": c, "label": f"{actor_type_name(c, lang)} ({format_int(n, lang)})"}
            for c in ACTOR_TYPES
            if (n := sum(1 for i in ids if types[i] == c))
        ],
    }


def _network_choices(
    ids: list[str],
    memberships: dict[str, list[str]],
    network_names: dict[str, str],
    network_parents: dict[str, str],
    lang: str,
) -> list[dict[str, Any]]:
    known = set(network_names) | {net for nets in memberships.values() for net in nets}
    combinations = Counter(tuple(memberships[i]) for i in ids)  # actors by their set of networks
    children: dict[str, list[str]] = {}
    for net in known:
        parent = network_parents.get(net, "")
        children.setdefault(parent if parent in known and parent != net else "", []).append(net)

    def label_key(net: str) -> tuple[str, str]:
        return (network_names.get(net, net).casefold(), net)

    choices: list[dict[str, Any]] = []
    seen: set[str] = set()

    def visit(net: str, depth: int) -> None:
        if net in seen:  # a cycle of parents: show each network once
            return
        seen.add(net)
        start = len(choices)
        covers = {net}
        for child in sorted(children.get(net, []), key=label_key):
            visit(child, depth + 1)
            covers.update(c for choice in choices[start:] for c in choice["covers"])
        members = sum(count for nets, count in combinations.items() if covers.intersection(nets))
        if members:
            label = "\u00a0\u00a0\u00a0" * depth + network_names.get(net, net)
            choices.insert(
                start,
                {"covers": sorted(covers), "label": f"{label} ({format_int(members, lang)})"},
            )

    for root in sorted(children.get("", []), key=label_key):
        visit(root, 0)
    for net in sorted(known - seen, key=label_key):  # only in a cycle of parents
        visit(net, 0)
    without = sum(1 for i in ids if not memberships[i])
    if choices and without:
        label = f"{t('filter_no_network', lang)} ({format_int(without, lang)})"
        choices.append({"covers": [], "label": label})
    return choices


def _district_choices(
    ids: list[str], regions: dict[str, str], records: dict[str, dict[str, Any]], lang: str
) -> list[dict[str, Any]]:
    counts = Counter(regions[i] for i in ids)
    region_names: dict[str, str] = {}
    for i in sorted(ids):
        name = _text(records.get(i, {}).get("region_name"))
        if regions[i] and name:
            region_names.setdefault(regions[i], name)
    label = {code: region_names.get(code, code) for code in counts if code}
    repeated = {name for name, n in Counter(label.values()).items() if n > 1}
    label = {c: f"{name} ({c})" if name in repeated and name != c else name for c, name in label.items()}
    choices = [
        {"code": code, "label": f"{label[code]} ({format_int(counts[code], lang)})"}
        for code in sorted(label, key=lambda c: (label[c].casefold(), c))
    ]
    if choices and counts[""]:
        choices.append(
            {"code": "", "label": f"{t('filter_no_district', lang)} ({format_int(counts[''], lang)})"}
        )
    return choices


def _network_names(networks: pd.DataFrame | None) -> tuple[dict[str, str], dict[str, str]]:
    """Names and parents of the networks by id (empty without a table)."""
    if networks is None:
        return {}, {}
    if "id" not in networks.columns:
        raise ValueError("networks needs an 'id' column")
    names: dict[str, str] = {}
    parents: dict[str, str] = {}
    for rec in networks.to_dict("records"):
        net = _text(rec.get("id"))
        if net:
            names[net] = _text(rec.get("name")) or net
            parents[net] = _text(rec.get("parent"))
    return names, parents


def _personal_rows(personal: pd.DataFrame | None, lang: str) -> dict[str, list[list[str]]]:
    """Tooltip rows of the personal columns by actor id; empty unless ``personal`` is given."""
    if personal is None:
        return {}
    if "id" not in personal.columns:
        raise ValueError("personal needs an 'id' column")
    columns = [c for c in PERSONAL_COLUMNS if c in personal.columns]
    rows: dict[str, list[list[str]]] = {}
    for rec in personal.loc[:, ["id", *columns]].to_dict("records"):
        actor = _text(rec["id"])
        fields = [[t(f"field_{c}", lang), _text(rec[c])] for c in columns if _text(rec[c])]
        if actor and fields:
            rows[actor] = fields
    return rows


_Node = TypeVar("_Node", str, int)


def _pick_labels(
    ranked: list[_Node],
    rel: dict[_Node, float],
    positions: dict[_Node, tuple[int, int]],
    names: dict[_Node, str],
    limit: int,
) -> dict[_Node, int]:
    """Choose up to ``limit`` top-ranked nodes whose big labels do not overlap; returns font sizes.

    Labels are drawn centred below their node; their boxes are estimated from the font
    size and the number of characters.
    """
    chosen: dict[_Node, int] = {}
    boxes: list[tuple[float, float, float, float]] = []
    for node in ranked[: 4 * limit]:
        if len(chosen) >= limit:
            break
        font = round(FONT_SIZE_BIG + (FONT_SIZE_MAX - FONT_SIZE_BIG) * rel[node])
        size = NODE_SIZE_MIN + (NODE_SIZE_MAX - NODE_SIZE_MIN) * rel[node]
        x, y = positions[node]
        half = 0.3 * font * len(_shorten(names[node])) + 4
        box = (x - half, y + size, x + half, y + size + 1.3 * font)
        if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in boxes):
            continue
        chosen[node] = font
        boxes.append(box)
    return chosen


# --------------------------------------------------------------------------- helpers


def _sorted_edges(
    graph: nx.Graph, index: dict[str, int]
) -> tuple[np.ndarray, np.ndarray, Callable[[], list[dict]]]:
    """The ties of :func:`mintgraph.layout.edge_list` as the ``index`` positions of their ends
    (``index`` numbers every node's id as text in sorted order), and a function that gives
    their attribute dicts (looked up only when a page's ties are made, not for the layouts):
    sorted from the graph's engine copy (:func:`mintgraph.engine.engine_graph`, made once per
    graph) rather than tie by tie in Python, where no two nodes have the same id as text.

    >>> g = nx.Graph([("b", "a"), ("c", "c"), ("a", "c")], w=1)
    >>> a, b, attrs = _sorted_edges(g, {"a": 0, "b": 1, "c": 2})
    >>> a.tolist(), b.tolist(), len(attrs())
    ([0, 0], [1, 2], 2)
    """
    nodes = list(graph)
    names = [str(v) for v in nodes]
    if graph.is_directed() or graph.is_multigraph() or len(set(names)) < len(names):
        edges = edge_list(graph)
        return (
            np.array([index[a] for a, _, _ in edges], dtype=np.int64),
            np.array([index[b] for _, b, _ in edges], dtype=np.int64),
            functools.partial(list, [attrs for _, _, attrs in edges]),
        )
    ends = engine_graph(graph).edges  # every tie but self-loops, as graph positions
    position = np.fromiter((index[name] for name in names), dtype=np.int64, count=len(names))
    a, b = position[ends[:, 0]], position[ends[:, 1]]
    low, high = np.minimum(a, b), np.maximum(a, b)
    order = np.lexsort((high, low))
    return low[order], high[order], functools.partial(_edge_attrs, graph._adj, nodes, ends[order])


def _edge_attrs(adjacency: dict, nodes: list[Hashable], ends: np.ndarray) -> list[dict]:
    """The attribute dicts of the ties ``ends`` (rows of two graph positions of ``nodes``)."""
    return [adjacency[nodes[u]][nodes[v]] for u, v in ends.tolist()]


def _adjacency_size(graph: nx.Graph) -> int:
    """How many entries networkx's adjacency of ``graph`` holds (each tie twice, a self-loop
    once): changes whenever a tie is added or removed, and is counted in 0.004 s at 100,000
    actors (``graph.number_of_edges()`` sums a degree view: 0.07 s).

    >>> _adjacency_size(nx.Graph([("a", "b"), ("b", "b")]))
    3
    """
    return sum(map(len, graph._adj.values()))


def _public_actor_table(actors: pd.DataFrame) -> pd.DataFrame:
    """Keep only the whitelisted, non-personal columns."""
    if "id" not in actors.columns:
        raise ValueError("actors needs an 'id' column")
    cols = [c for c in PUBLIC_COLUMNS if c in actors.columns and c not in PERSONAL_COLUMNS]
    return actors.loc[:, cols]


def _size_values(public: pd.DataFrame, size_by: str) -> dict[str, float]:
    if size_by not in SIZE_COLUMNS or size_by not in public.columns:
        allowed = [c for c in SIZE_COLUMNS if c in public.columns]
        raise ValueError(f"size_by must be one of the metric columns {allowed}, not {size_by!r}")
    values = pd.to_numeric(public[size_by], errors="coerce").fillna(0.0).clip(lower=0.0)
    return {str(i): float(v) for i, v in zip(public["id"], values, strict=True)}


def _split(value: Any) -> list[str]:
    """The sorted, distinct items of a ``|``-joined cell."""
    return sorted({s.strip() for s in _text(value).split(MULTI_VALUE_SEPARATOR) if s.strip()})


def _metric_label(column: str, lang: str) -> str:
    return t(f"metric_{column}", lang) if column in METRIC_COLUMNS else column


def _shorten(name: str, limit: int = LABEL_MAX_CHARS) -> str:
    """Shorten a long name at a word boundary, ending in an ellipsis."""
    if len(name) <= limit:
        return name
    cut = name[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;-–(") + "…"


def _node_tip(
    rec: dict[str, Any], typ: str, lang: str, network_names: dict[str, str] | None = None
) -> list[list[str]]:
    """Tooltip rows ``[label, value]`` of an actor (plain text, rendered with textContent)."""
    rows = _node_tip_head(rec, typ, lang, network_names)
    for col in METRIC_COLUMNS:
        if col in rec:
            rows.append([t(f"metric_{col}", lang), _metric_text(col, rec[col], lang)])
    return rows


def _node_tip_head(
    rec: dict[str, Any], typ: str, lang: str, network_names: dict[str, str] | None = None
) -> list[list[str]]:
    """The tooltip rows of :func:`_node_tip` before the indicators: type, district, municipality, networks."""
    rows = [[t("field_type", lang), actor_type_name(typ, lang)]]
    district = _text(rec.get("region_name"))
    code = _text(rec.get("region"))
    if district or code:
        rows.append(
            [t("field_district", lang), f"{district} ({code})" if district and code else district or code]
        )
    municipality = _text(rec.get("municipality"))
    if municipality and municipality != district:
        rows.append([t("field_municipality", lang), municipality])
    nets = _split(rec.get("network_ids"))
    if nets:
        names = network_names or {}
        rows.append([t("field_networks", lang), ", ".join(sorted(names.get(n, n) for n in nets))])
    return rows


def _metric_text(column: str, value: Any, lang: str) -> str:
    """A metric value for the tooltip: integers with thousands separators, yes/no, 3 significant digits."""
    if _is_missing(value):
        return "–"
    if column in _BOOL_METRICS:
        return t("yes" if str(value).strip().lower() in ("true", "1", "1.0") else "no", lang)
    if column in _INT_METRICS:
        return format_int(_int(value, 0), lang)
    if column == "community":
        return str(_int(value, 0))
    try:
        return format_number(float(value), lang)
    except (TypeError, ValueError):
        return _text(value)


def _edge_tip(attrs: dict[str, Any], count: int, lang: str) -> list[list[str]]:
    rows = [["", count_label("cooperations", count, lang)]]
    types = [s.strip() for s in _text(attrs.get("types")).split(MULTI_VALUE_SEPARATOR) if s.strip()]
    if types:
        rows.append(
            [t("field_cooperation_types", lang), ", ".join(cooperation_type_name(c, lang) for c in types)]
        )
    first, last = _int(attrs.get("first_year"), 0), _int(attrs.get("last_year"), 0)
    if first or last:
        years = str(first or last) if first == last or not (first and last) else f"{first}–{last}"
        rows.append([t("field_years", lang), years])
    return rows


def _darker(hex_color: str, factor: float = 0.7) -> str:
    rgb = [int(hex_color[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c * factor):02x}" for c in rgb)


def _vis_options(types: list[str]) -> dict[str, Any]:
    return vis_options(
        groups=group_colors({typ: TYPE_COLORS[typ] for typ in types}, _darker),
        hide_edges_on_drag=False,
        font_stroke=3,
        label_draw_threshold=10,
        edge_color={"color": "#8a8a8a", "highlight": "#222222", "hover": "#444444", "opacity": 0.55},
    )
