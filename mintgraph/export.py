"""Writing the analysis to files — always atomically.

Each file is written to a temporary file in the target folder and moved into
place with :func:`os.replace`, so an interrupted run leaves either the previous
file or the new one, never half a file. Input files are never written.

Example
-------
>>> import mintgraph
>>> result = mintgraph.analyze(mintgraph.load("data"))   # doctest: +SKIP
>>> [p.name for p in write_outputs(result, "output")]     # doctest: +SKIP
['actors.csv', 'networks.csv', 'regions.csv', 'summary.json', 'graph.html']
"""

from __future__ import annotations

import datetime
import functools
import json
import math
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from mintgraph import workers
from mintgraph.analysis import Analysis, centrality_text
from mintgraph.defaults import FORK_ABOVE
from mintgraph.files import (  # re-exported: the output side's one place for them
    StagedFiles,
    atomic_write_text,
    fill,
    safe_filename,
    table_csv,
    write_all,
)
from mintgraph.graph import network_members
from mintgraph.i18n import LANGS, plural_key, terminal_text
from mintgraph.interrupts import uninterrupted
from mintgraph.layout import LAYOUT_ANCHORS, Layout, LayoutBatch
from mintgraph.lifetime import outlive
from mintgraph.metrics.networks import SMALL_NETWORK_MEMBERS, rankable_networks
from mintgraph.metrics.scorecard import HESSEN, PLUS
from mintgraph.model import Dataset
from mintgraph.regions import germany_context
from mintgraph.report import effect_findings, effect_highlights, provenance, provenance_index
from mintgraph.schema import PERSONAL_COLUMNS
from mintgraph.views import aggregate_html
from mintgraph.views.aggregate_html import render_district_overview
from mintgraph.views.graph_html import ActorGraphPages, PageFrame
from mintgraph.views.map_html import render_map
from mintgraph.views.networks_html import render_network_of_networks
from mintgraph.workers import Forked, Handout

_UMASK = os.umask(0o022)
os.umask(_UMASK)

OUTPUT_FILES = (
    "actors.csv",
    "networks.csv",
    "regions.csv",
    "network_pairs.csv",
    "scorecard.csv",
    "effects.csv",
    "summary.json",
    "graph.html",
    "networks.html",
    "map.html",
)


def write_outputs(
    result: Analysis,
    out_dir: str | Path,
    *,
    lang: str = "de",
    size_by: str = "degree",
    per_network: bool = False,
    include_personal: bool = False,
    excel: bool = False,
    layouts: DistrictLayouts | None = None,
) -> list[Path]:
    """Write the tables (:data:`OUTPUT_FILES`: CSV files, ``summary.json``) and the HTML views.

    Parameters
    ----------
    result : from :func:`mintgraph.analyze`.
    out_dir : folder to write to (created if missing).
    lang : language of the HTML labels, ``de`` or ``en``.
    size_by : the actor indicator that sizes the nodes of ``graph.html``.
    per_network : also write ``networks/<id>.html``, the actor graph of each network (sharing one
        copy of vis-network, ``networks/vis-network.min.js`` and ``.css``).
    include_personal : show contact person, e-mail and phone in the actor graphs' tooltips.
        Off by default: personal data never reaches a shared file unless asked for.
    excel : write the CSV files for a German Excel (byte-order mark, ``;``, decimal commas).
    layouts : the district pages' layouts, started from the result's graph before the
        indicators were known (:class:`DistrictLayouts`); used where they are the ones of
        ``result``'s pages, ignored otherwise. None: drawn here.

    Returns
    -------
    The paths written.
    """
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGS)}")
    out = Path(out_dir)
    big = len(result.actors) > aggregate_html.AGGREGATE_ABOVE
    links = _district_links(result) if big else None
    shared_work = functools.partial(_shared_outputs, result, out, lang=lang, excel=excel, links=links)
    # Every file goes to a temporary file beside its target as soon as it is made, and all are
    # moved into place at the end: a run stopped while computing leaves the previous outputs as
    # they were, and the pages never have to be in memory together. Above the threshold a forked
    # copy of this process renders the tables, the district overview, networks.html and map.html
    # while this one draws the district pages (where no copy can be made, they are rendered here).
    forked = len(result.actors) > FORK_ABOVE
    with StagedFiles() as staged, Forked(shared_work, in_child=forked) as shared:
        personal = _personal(result) if include_personal else None
        # the per-actor and per-tie parts of the actor graphs, prepared once for all their pages
        actor_pages = ActorGraphPages(
            result.graph,
            result.actors,
            lang=lang,
            size_by=size_by,
            networks=result.dataset.networks[["id", "name"]],
            personal=personal,
            frame=layouts.frame if layouts is not None else None,
        )
        if links is not None:  # the district pages' layouts start first: a worker draws them meanwhile
            from mintgraph.views.common import shared_vis_files

            with _DistrictPages(result, out, actor_pages, links, layouts) as districts:
                for name, text in shared_vis_files().items():
                    staged.add(out / "districts" / name, text)
                districts.write_pages(staged, after=shared)
        else:
            staged.add(out / "graph.html", actor_pages.render())
        first, last = shared.result()
        for position, (path, text) in enumerate(first):  # the tables and the overview go first
            staged.add(path, text, at=position)
        for path, text in last:
            staged.add(path, text)
        outlive(actor_pages)  # freed by the command's process at its end, not one by one now
        if per_network:
            from mintgraph.views.common import shared_vis_files

            # the per-network pages share one copy of vis-network in networks/, as the district pages do
            names = dict(zip(result.networks["id"], result.networks["name"], strict=True))
            for network_id, members in network_members(result.dataset).items():
                page = actor_pages.render(members, title=names[network_id], shared_vis=True)
                staged.add(out / "networks" / f"{safe_filename(network_id)}.html", page)
            for name, text in shared_vis_files().items():
                staged.add(out / "networks" / name, text)
        return _commit(staged, out)


@uninterrupted
def _commit(staged: StagedFiles, out: Path) -> list[Path]:
    """Move the staged outputs into place and remove the pages this run did not write: both or,
    after Ctrl-C (:mod:`mintgraph.interrupts`), neither."""
    written = staged.commit()
    remove_stale_pages(out, written)
    return written


def _shared_outputs(
    result: Analysis, out: Path, *, lang: str, excel: bool, links: dict[str, str] | None
) -> tuple[list[tuple[Path, str]], list[tuple[Path, str]]]:
    """The outputs other than the actor graphs' pages, as ``(path, text)``: those that go before
    them (the tables, ``summary.json`` and, with district ``links``, the district overview
    ``graph.html``) and those that go after them (``networks.html``, ``map.html``)."""
    first = [(out / f"{name}.csv", table_csv(table, excel=excel)) for name, table in result.tables().items()]
    first.append(
        (
            out / "summary.json",
            json.dumps(result.summary, indent=2, ensure_ascii=False, sort_keys=True) + "\n",
        )
    )
    if links is not None:
        overview = render_district_overview(
            result.graph, result.actors, result.regions, lang=lang, links=links
        )
        first.append((out / "graph.html", overview))
    networks_page = render_network_of_networks(
        result.network_of_networks, result.networks, result.actors, result.dataset.memberships, lang=lang
    )
    map_page = render_map(
        result.dataset.boundaries,
        result.regions,
        result.graph,
        result.actors,
        result.dataset.networks,
        lang=lang,
        attribution=result.dataset.region_source,
        context=germany_context(set(result.regions["code"].astype(str))),
    )
    return first, [(out / "networks.html", networks_page), (out / "map.html", map_page)]


def _district_links(result: Analysis) -> dict[str, str]:
    """Each district's page, relative to the output folder (``districts/<code>.html``)."""
    codes = result.actors.groupby("region", sort=True)["id"].size().index
    return {code: f"districts/{safe_filename(code)}.html" for code in codes}


PAGE_FOLDERS = ("networks", "districts")
"""Sub-folders of the output folder that hold only pages mintgraph writes (``--per-network``,
district pages above 2,000 actors)."""


def remove_stale_pages(out: Path, written: list[Path]) -> list[Path]:
    """Delete the ``.html`` pages of an earlier run in :data:`PAGE_FOLDERS` that this run did not
    write (a network that is gone, district pages of a larger landscape); return them.

    Only ``.html`` files directly in those sub-folders are touched, nothing else in the output
    folder, so a page can never outlive the data it showed.

    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp())
    >>> (out / "networks").mkdir(); (out / "networks" / "old.html").write_text("x")
    1
    >>> [p.name for p in remove_stale_pages(out, [])]
    ['old.html']
    """
    keep = {p.resolve() for p in written}
    removed = []
    for folder in PAGE_FOLDERS:
        for page in sorted((out / folder).glob("*.html")):
            if page.resolve() not in keep:
                page.unlink(missing_ok=True)
                removed.append(page)
    return removed


DISTRICT_DENSE_LAYOUT_LIMIT = LAYOUT_ANCHORS
"""On the district pages, components of more nodes get the sampled force layout.

A landscape above :data:`~mintgraph.views.aggregate_html.AGGREGATE_ABOVE` actors has many
district pages of several hundred to a few thousand actors each; the exact force layout
(O(n²) per step) would take most of the writing time. Up to :data:`LAYOUT_ANCHORS` nodes the
sampled layout draws every node as an anchor, so its forces are exact.
"""


class _DistrictPages:
    """Above :data:`~mintgraph.views.aggregate_html.AGGREGATE_ABOVE` actors: ``graph.html`` shows the
    districts, and ``districts/<code>.html`` each district's actors with their partners and the
    ties that have at least one end in the district (ties between two partners from elsewhere
    belong to their own districts' pages). The district pages share one copy of vis-network,
    ``districts/vis-network.min.js`` and ``districts/vis-network.css``, and link back to the overview.

    Made as soon as the actor pages are prepared: the pages' layouts (most of their cost) start
    in worker processes (:class:`~mintgraph.layout.LayoutBatch`) while the per-tie parts of the
    pages are prepared; :meth:`write_pages` then draws the pages. Leaving the ``with`` block stops the
    workers. A page depends only on its district, so the pages are the same whichever process
    laid them out. ``links`` holds each district's page (:func:`_district_links`)."""

    def __init__(
        self,
        result: Analysis,
        out: Path,
        actor_pages: ActorGraphPages,
        links: dict[str, str],
        early: DistrictLayouts | None = None,
    ) -> None:
        self.result, self.out, self.actor_pages, self.links = result, out, actor_pages, links
        self.districts = _districts(result.actors)
        self.names = result.dataset.region_names()
        if early is not None and early.fits(actor_pages.frame, self.districts):
            self.layouts, self._own = early.batch, False
        else:
            jobs = [
                actor_pages.layout_job(ids, partners=True, dense_limit=DISTRICT_DENSE_LAYOUT_LIMIT)
                for _, ids in self.districts
            ]
            self.layouts, self._own = LayoutBatch(jobs), True

    def write_pages(self, staged: StagedFiles, *, after: Forked[Any] | None = None) -> None:
        """Stage every district page (each waits for its layout).

        Above :data:`~mintgraph.defaults.FORK_ABOVE` actors a forked copy of this process draws
        pages too, from the moment the copy ``after`` (the one that renders the other outputs)
        has finished — two copies at once would hold twice the memory they do not share: each
        process takes the next page nobody has taken (:class:`~mintgraph.workers.Handout`) and
        writes it into its temporary file, staged here first
        (:meth:`~mintgraph.files.StagedFiles.reserve`); a layout not drawn yet is drawn by the
        process that takes the page. Where no copy can be made, or it fails, this process draws
        what is left. A page is the same whichever process drew it."""
        forked = len(self.result.actors) > FORK_ABOVE and len(self.districts) <= Handout.LIMIT
        if forked and workers.FORK:
            # the workers stop now (with both cores busy a background worker would hold its memory
            # and its last layout until the end): a layout not drawn yet is drawn by whichever
            # process takes its page. Where no copy can be forked they go on drawing.
            self.layouts.close()
        self.actor_pages.prepare()  # made once, shared by the copy
        files = [staged.reserve(self._path(k)) for k in range(len(self.districts))]
        if not forked:
            self._fill(files, range(len(files)), in_copy=False)
            return
        mine: list[int] = []
        theirs: list[int] = []
        copy: Forked[list[int]] | None = None
        with Handout(len(files)) as pages:
            try:
                while (k := pages.take()) is not None:
                    mine += self._fill(files, [k], in_copy=False)
                    if copy is None and (after is None or after.finished()):
                        copy = Forked(functools.partial(self._fill, files, pages, in_copy=True))
                if copy is not None:
                    theirs = copy.result()
            finally:
                if copy is not None:
                    copy.close()
        missing = set(range(len(files))).difference(mine, theirs)  # taken by a copy that died
        self._fill(files, sorted(missing), in_copy=False)

    def _fill(self, files: list[str], pages: Iterable[int] | Handout, *, in_copy: bool) -> list[int]:
        """Draw ``pages`` (numbers, or a handout to take them from) into their temporary
        ``files``; return the numbers drawn. ``in_copy``: in a forked copy, which uses the
        layouts drawn before it was made and draws the others itself."""
        done = []
        numbers = iter(pages.take, None) if isinstance(pages, Handout) else iter(pages)
        for k in numbers:
            layout = self.layouts.drawn(k) if in_copy else self.layouts.result(k)
            if layout is None:
                layout = self.layouts.jobs[k].run()
            fill(files[k], self._page(k, layout))
            done.append(k)
        return done

    def _path(self, k: int) -> Path:
        return self.out / self.links[self.districts[k][0]]

    def _page(self, k: int, layout: Layout) -> str:
        code, ids = self.districts[k]
        return self.actor_pages.render(
            ids,
            partners=True,
            title=self.names.get(code, code),
            dense_limit=DISTRICT_DENSE_LAYOUT_LIMIT,
            shared_vis=True,
            overview="../graph.html",
            layout=layout,
        )

    def __enter__(self) -> _DistrictPages:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._own:
            self.layouts.close()


def _districts(actors: pd.DataFrame) -> list[tuple[str, list[str]]]:
    """Each district's code and its actors' ids, by code (the district pages, in order)."""
    return [(code, ids.tolist()) for code, ids in actors.groupby("region", sort=True)["id"]]


class DistrictLayouts:
    """The layouts of a large landscape's district pages, started as soon as its cooperation
    graph exists: they depend only on the graph and each actor's id, name, type and district
    (:class:`~mintgraph.views.graph_html.PageFrame`), not on the indicators. Worker processes
    draw them in the background (:class:`~mintgraph.layout.LayoutBatch` with
    ``background=True``: only on a core the analysis leaves idle) while the indicators are
    computed; :func:`write_outputs` takes them as ``layouts``. ``mintgraph analyze`` starts them
    from :func:`mintgraph.analyze`'s ``on_graph``. Leaving the ``with`` block stops the workers.

    :meth:`start` returns None for a landscape without district pages (up to
    :data:`~mintgraph.views.aggregate_html.AGGREGATE_ABOVE` actors). The pages are the same
    with or without them: :func:`write_outputs` uses them only where they are the layouts of its
    result's pages (the same graph and actors), and draws the layouts itself otherwise.

    >>> from mintgraph.graph import cooperation_graph
    >>> from mintgraph.testing import tiny_dataset
    >>> ds = tiny_dataset()
    >>> DistrictLayouts.start(cooperation_graph(ds), ds) is None  # a few actors: one graph.html
    True
    """

    def __init__(self, graph: nx.Graph, dataset: Dataset) -> None:
        self.frame = PageFrame.of(graph, dataset.actors)
        self.districts = _districts(dataset.actors)
        self.batch = LayoutBatch(
            [
                self.frame.layout_job(ids, partners=True, dense_limit=DISTRICT_DENSE_LAYOUT_LIMIT)
                for _, ids in self.districts
            ],
            background=True,
        )

    @classmethod
    def start(cls, graph: nx.Graph, dataset: Dataset) -> DistrictLayouts | None:
        """The district pages' layouts of ``graph`` and ``dataset`` (the landscape the graph was
        made of), started; None where the outputs have no district pages."""
        if len(dataset.actors) <= aggregate_html.AGGREGATE_ABOVE:
            return None
        return cls(graph, dataset)

    def fits(self, frame: PageFrame, districts: list[tuple[str, list[str]]]) -> bool:
        """Whether these are the layouts of the pages of ``frame`` and ``districts``."""
        return frame is self.frame and districts == self.districts

    def close(self) -> None:
        """Stop the workers (a layout being drawn is abandoned)."""
        self.batch.close()

    def __enter__(self) -> DistrictLayouts:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _personal(result: Analysis) -> pd.DataFrame | None:
    columns = [c for c in PERSONAL_COLUMNS if c in result.dataset.actors.columns]
    table = result.dataset.actors[["id", *columns]]
    return table if (table[columns] != "").any().any() else None


def _write(path: Path, text: str) -> Path:
    atomic_write_text(path, text)
    return path


def _count(key: str, n: int, lang: str, **values: object) -> str:
    return terminal_text(plural_key(key, n), lang, n=_num(n, ",d", lang), **values)


def _num(value: float, spec: str, lang: str) -> str:
    """A number formatted with ``spec`` in the language's separators (German: 1.234,5).

    >>> _num(1234.5, ",.1f", "de"), _num(0.36, ".0%", "de"), _num(0.0062, ".4f", "en")
    ('1.234,5', '36\u202f%', '0.0062')
    """
    text = format(value, spec)
    if lang != "de":
        return text
    text = text.translate(str.maketrans(",.", ".,"))
    return text.replace("%", "\u202f%")


def analysis_text(result: Analysis, lang: str = "en") -> str:
    """What ``mintgraph analyze`` prints on a result: :func:`summary_text` and the estimates'
    accuracy (indented), :func:`scorecard_text` and :func:`effects_text`.

    >>> from mintgraph.analysis import analyze
    >>> from mintgraph.testing import tiny_dataset
    >>> print(analysis_text(analyze(tiny_dataset(), permutations=99)).splitlines()[0])
      6 actors in 4 districts, 3 networks (1 umbrella), 6 cooperations → 5 ties active in 2020, 2 activities
    """
    lines = [f"  {line}" for line in summary_text(result, lang).splitlines()]
    lines.append(f"  {centrality_text(result.summary['centrality'], lang)}")
    lines.append(scorecard_text(result, lang))
    lines.append(effects_text(result, lang))
    return "\n".join(lines)


def summary_text(result: Analysis, lang: str = "en") -> str:
    """A short, readable summary of the analysis for the terminal, in English or German.

    >>> from mintgraph.analysis import analyze
    >>> from mintgraph.testing import tiny_dataset
    >>> print(summary_text(analyze(tiny_dataset())).splitlines()[0])
    6 actors in 4 districts, 3 networks (1 umbrella), 6 cooperations → 5 ties active in 2020, 2 activities
    >>> print(summary_text(analyze(tiny_dataset(), year=2021)).splitlines()[1])
    1 tie whose cooperations all ended before 2021 is left out (--all-years counts it)
    >>> print(summary_text(analyze(tiny_dataset()), "de").splitlines()[0])
    6 Akteure in 4 Kreisen, 3 Netzwerke (davon 1 Dachnetzwerk), 6 Kooperationen → 5 Beziehungen aktiv im Jahr 2020, 2 Aktivitäten
    """
    s = result.summary
    year = s.get("reference_year")
    when = (
        terminal_text("active_in", lang, year=year) if year is not None else terminal_text("all_years", lang)
    )
    lines = [
        terminal_text(
            "overview",
            lang,
            actors=_num(s["actors"], ",d", lang),
            districts=s["districts_with_actors"],
            networks=s["networks"],
            umbrellas=_count("umbrella", s["umbrella_networks"], lang),
            cooperations=_num(s["cooperations"], ",d", lang),
            ties=_num(s["ties"], ",d", lang),
            when=when,
            activities=_num(s["activities"], ",d", lang),
        )
    ]
    ended = int(s.get("ended_ties") or 0)
    if ended:
        lines.append(_count("ended", ended, lang, year=year))
    density, largest, clustering = s["density"], s["largest_component_share"], s["average_clustering"]
    if density is not None and largest is not None and clustering is not None:  # density: 2+ actors
        lines.append(
            terminal_text(
                "density",
                lang,
                density=_num(density, ".4f", lang),
                components=s["components"],
                largest=_num(largest, ".0%", lang),
                clustering=_num(clustering, ".3f", lang),
            )
            + (
                terminal_text("cross", lang, share=_num(s["cross_district_share"], ".0%", lang))
                if s["cross_district_share"] is not None
                else ""
            )
        )
    survey = s.get("survey_ties")
    if isinstance(survey, dict) and (
        survey["mutual"] + survey["one_sided"] + survey["unconfirmed"] or s.get("mutual_only")
    ):
        mode = terminal_text("survey_mutual_only", lang) if s.get("mutual_only") else ""
        lines.append(
            terminal_text("survey", lang, **{k: _num(v, ",d", lang) for k, v in survey.items()}, mode=mode)
        )
    sources = provenance_index(result)
    coops = provenance(result.dataset).set_index("table").loc["cooperations"]
    if coops["synthetic"]:
        lines.append(
            terminal_text(
                "example",
                lang,
                share=_num(coops["synthetic"] / coops["rows"], ".0%", lang),
                rows=_num(int(coops["rows"]), ",d", lang),
            )
        )
    actors = result.actors
    if len(actors) and actors["betweenness"].max() > 0:
        top = actors.sort_values(["betweenness", "id"], ascending=[False, True]).iloc[0]
        lines.append(
            terminal_text(
                "broker",
                lang,
                name=top["name"],
                region=top["region_name"],
                value=_num(top["betweenness"], ".3f", lang),
            )
            + _example_mark(sources.fictional(top["id"]), sources.actor(top["id"]), lang)
        )
    nets = rankable_networks(result.networks).dropna(subset=["density"])
    nets = nets[nets["level"] == "network"]
    if len(nets):
        dense = nets.sort_values(["density", "id"], ascending=[False, True]).iloc[0]
        lines.append(
            terminal_text(
                "densest",
                lang,
                small=SMALL_NETWORK_MEMBERS,
                name=dense["name"],
                members=dense["members"],
                density=_num(dense["density"], ".3f", lang),
                ei=_num(dense["ei_index"], "+.2f", lang),
            )
            + _example_mark(False, sources.network(network_members(result.dataset)[dense["id"]]), lang)
        )
    small = result.networks.loc[result.networks["small_network"].astype(bool), "name"].tolist()
    if small:
        lines.append(terminal_text("small", lang, small=SMALL_NETWORK_MEMBERS, names=", ".join(small)))
    return "\n".join(lines)


def _example_mark(fictional: bool, example: bool, lang: str = "en") -> str:
    """The terminal's mark for a named claim on synthetic rows (see docs/report.md)."""
    if fictional:
        return terminal_text("fictional_mark", lang)
    return terminal_text("example_mark", lang) if example else ""


def scorecard_text(result: Analysis, lang: str = "en") -> str:
    """The Plus scorecard in a few terminal lines: per item, its first indicator for Hessen and the networks.

    The range runs over all regional networks; the best one is named only for an indicator
    with a ``direction`` that is ``size_free``, only among networks that are not
    ``small_network`` and only where the networks differ — so a one-member network with E-I +1
    or two tied members with density 1 are never "best". ``partial`` marks an indicator some networks lack data for.

    >>> from mintgraph.analysis import analyze
    >>> from mintgraph.testing import tiny_dataset
    >>> print(scorecard_text(analyze(tiny_dataset(), permutations=0)).splitlines()[3])
      Fostering cooperation            density                   all 0.333 · networks 1
    """
    card = result.scorecard
    regional = result.networks.loc[result.networks["level"] == "network", "id"]
    networks = card[card["scope"].isin(regional)]
    lines = [terminal_text("card_header", lang, small=SMALL_NETWORK_MEMBERS)]
    width = max(len(p.de if lang == "de" else p.en) for p in PLUS)
    for plus in PLUS:
        label = f"  {(plus.de if lang == 'de' else plus.en):<{width}} "
        if not plus.indicators:
            lines.append(label + terminal_text("card_none", lang))
            continue
        indicator = plus.indicators[0]
        rows = networks[(networks["plus"] == plus.id) & (networks["indicator"] == indicator)]
        values = pd.to_numeric(rows["value"], errors="coerce").dropna()
        hessen = card[
            (card["scope"] == HESSEN) & (card["plus"] == plus.id) & (card["indicator"] == indicator)
        ]
        text = f"{indicator:<25} {terminal_text('card_all', lang)} {_fmt(hessen['value'].iloc[0], lang)}"
        if len(values):
            spread = (
                _fmt(values.min(), lang)
                if values.min() == values.max()
                else f"{_fmt(values.min(), lang)}–{_fmt(values.max(), lang)}"
            )
            text += f" · {terminal_text('card_networks', lang)} {spread}"
            best = _best_network(rows, lang) if values.min() != values.max() else None
            if best:
                text += f" ({terminal_text('card_best', lang)}: {best})"
            if rows["partial"].astype(bool).any():
                text += f" · {terminal_text('card_partial', lang)}"
        lines.append(label + text)
    return "\n".join(lines)


TERMINAL_EFFECTS = 5
"""How many clear differences the terminal states; the rest are in effects.csv and the report."""

ESTIMATES = frozenset({"partners_vs_comparable"})
"""Scorecard indicators that are estimates with an interval: no "best" network is named for them;
:func:`effects_text` says which differences are clear."""


def effects_text(result: Analysis, lang: str = "en") -> str:
    """What the networks add, for the terminal: the differences clear after the FDR adjustment.

    >>> from mintgraph.analysis import analyze
    >>> from mintgraph.testing import tiny_dataset
    >>> print(effects_text(analyze(tiny_dataset(), permutations=99)))
    Members against comparable actors outside each network (effects.csv; associations, not effects):
      No comparison has enough comparable actors to test a difference.
    """
    from mintgraph.views.report_html import effect_sentence  # the report's words; imported late (cycle)

    lines = [terminal_text("effects_header", lang)]
    shown, rest = effect_highlights(effect_findings(result), TERMINAL_EFFECTS)
    for finding in shown:
        lines.append("  " + effect_sentence(finding, lang) + _example_mark(False, finding.example, lang))
    if rest:
        lines.append("  " + _count("effects_more", rest, lang))
    return "\n".join(lines)


def _best_network(rows: pd.DataFrame, lang: str = "en") -> str | None:
    """The name of the best network among scorecard rows of one indicator, or None: only for a
    size-free indicator with a direction, only among networks that are not small (networks
    tied at the best value are all named, up to three)."""
    if rows.empty:
        return None
    direction, size_free = rows["direction"].iloc[0], rows["size_free"].iloc[0]
    if direction not in ("higher", "lower") or not size_free:
        return None
    if rows["indicator"].iloc[0] in ESTIMATES:  # an estimate with an interval: see effects_text
        return None
    values = pd.to_numeric(rows["value"], errors="coerce")
    eligible = values[values.notna() & ~rows["small_network"].astype(bool)]
    if eligible.empty:
        return None
    top = eligible.max() if direction == "higher" else eligible.min()
    names = [str(name) for name in rows.loc[eligible.index[eligible == top], "scope_name"]]
    if len(names) <= 3:
        return " / ".join(names)
    return f"{len(names)} {terminal_text('card_networks', lang)}: {_fmt(top, lang)}"


def _fmt(value: object, lang: str = "en") -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, int | float):
        return _num(value, ".3g", lang)
    return str(value)


def write_report(
    result: Analysis, out_dir: str | Path, *, lang: str = "de", date: datetime.date | None = None
) -> Path:
    """Write ``report.html``, the printable report (:func:`mintgraph.views.report_html.render_report`).

    Parameters
    ----------
    result : from :func:`mintgraph.analyze`.
    out_dir : folder to write to (created if missing).
    lang : ``de`` or ``en``.
    date : the date printed on the report; ``None``: ``SOURCE_DATE_EPOCH`` if set, else today.

    Returns
    -------
    The path written.

    >>> import tempfile
    >>> from mintgraph.analysis import analyze
    >>> from mintgraph.testing import tiny_dataset
    >>> write_report(analyze(tiny_dataset(), permutations=0), tempfile.mkdtemp(), lang="en").name
    'report.html'
    """
    from mintgraph.views.report_html import render_report  # matplotlib only when a report is asked for

    return _write(Path(out_dir) / "report.html", render_report(result, lang=lang, date=date))


def write_report_files(
    result: Analysis, out_dir: str | Path, *, lang: str = "de", date: datetime.date | None = None
) -> list[Path]:
    """Write ``report.html`` (:func:`write_report`) and ``metrics.xlsx``
    (:func:`mintgraph.workbook.write_workbook`) to ``out_dir``: both or, after an error or
    Ctrl-C, neither (what ``mintgraph report`` writes).

    >>> import tempfile
    >>> from mintgraph.analysis import analyze
    >>> from mintgraph.testing import tiny_dataset
    >>> [p.name for p in write_report_files(analyze(tiny_dataset(), permutations=0), tempfile.mkdtemp())]
    ['report.html', 'metrics.xlsx']
    """
    from mintgraph.views.report_html import render_report
    from mintgraph.workbook import workbook_bytes

    out = Path(out_dir)

    def files() -> Iterator[tuple[Path, str | bytes]]:  # made one after the other
        yield out / "report.html", render_report(result, lang=lang, date=date)
        yield out / "metrics.xlsx", workbook_bytes(result)

    return write_all(files())
