"""Run every indicator family on a dataset and return the output tables.

Example
-------
>>> from mintgraph.testing import tiny_dataset
>>> result = analyze(tiny_dataset())
>>> list(result.actors.columns[:5])
['id', 'name', 'type', 'region', 'region_name']
>>> result.summary["ties"]
5
"""

from __future__ import annotations

import functools
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from mintgraph import engine
from mintgraph.defaults import WORKER_MODULES, WORKER_SPARE
from mintgraph.engine import SAMPLING_THRESHOLD, EngineGraph, Sampling, engine_graph, sampling_for
from mintgraph.graph import cooperation_graph, network_members
from mintgraph.metrics.actors import actor_centrality
from mintgraph.metrics.brokerage import actor_brokerage
from mintgraph.metrics.cohesion import network_cohesion, network_cohesion_tables
from mintgraph.metrics.effects import effects_record, network_effects
from mintgraph.metrics.landscape import landscape_summary
from mintgraph.metrics.networks import network_table
from mintgraph.metrics.nexus import (
    bridging_actors,
    community_comparison,
    louvain_runs,
    network_of_networks,
    network_quotient,
)
from mintgraph.metrics.regions import land_table, region_table, regions_with_laender
from mintgraph.metrics.scorecard import HESSEN, plus_scorecard
from mintgraph.metrics.suggestions import suggested_contacts
from mintgraph.metrics.timeseries import time_series
from mintgraph.model import Dataset
from mintgraph.regions import ATTRIBUTION, landscape_name
from mintgraph.schema import TABLES
from mintgraph.summary import Summary
from mintgraph.timeline import dataset_in_year, ended_ties, latest_year
from mintgraph.workers import Call, Worker, preload

SUGGESTIONS = 20
"""Suggested contacts an analysis keeps (:attr:`Analysis.suggestions`)."""

ACTOR_ID_COLUMNS = ("id", "name", "type", "region", "region_name", "municipality", "networks", "network_ids")
"""Descriptive columns of the actors table; the centralities follow them. No personal columns."""


@dataclass
class Analysis:
    """The result of :func:`analyze`: the output tables and the graph they were computed on."""

    dataset: Dataset
    graph: nx.Graph
    actors: pd.DataFrame
    networks: pd.DataFrame
    regions: pd.DataFrame
    network_pairs: pd.DataFrame
    scorecard: pd.DataFrame
    # The default is an empty dict, not a whole Summary: an Analysis made by hand may leave it out.
    summary: Summary = field(default_factory=dict)  # type: ignore[assignment]
    """``summary.json``: its keys and types are :class:`mintgraph.summary.Summary`."""
    effects: pd.DataFrame = field(default_factory=pd.DataFrame)
    """``effects.csv``: members against comparable actors outside each network
    (:func:`mintgraph.metrics.effects.network_effects`)."""
    laender: pd.DataFrame = field(default_factory=pd.DataFrame)
    """One row per Land touched by the district table (:func:`mintgraph.metrics.regions.land_table`);
    ``regions.csv`` holds these rows after the districts'."""
    loaded: Dataset | None = field(default=None, repr=False)
    """The dataset as loaded, every year included (``dataset`` is the state analysed: the
    landscape in the reference year, see :func:`analyze`); the report's time series reads it."""

    @property
    def history(self) -> Dataset:
        """Every row of every year: :attr:`loaded`, or :attr:`dataset` when nothing was left out."""
        return self.loaded if self.loaded is not None else self.dataset

    @functools.cached_property
    def network_of_networks(self) -> nx.Graph:
        """The networks as nodes, linked by shared members and ties across them
        (:func:`mintgraph.metrics.nexus.network_of_networks`, from :attr:`network_pairs`);
        computed once, on first use."""
        return network_of_networks(self.graph, self.dataset, self.network_pairs)

    @functools.cached_property
    def suggestions(self) -> pd.DataFrame:
        """The top suggested contacts (:func:`mintgraph.metrics.suggestions.suggested_contacts`,
        ``top=20``); computed once, on first use."""
        return suggested_contacts(self.graph, self.dataset, top=SUGGESTIONS)

    @functools.cached_property
    def time_series(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The landscape year by year over every year of the data (:attr:`history`):
        :func:`mintgraph.metrics.timeseries.time_series`; computed once, on first use."""
        return time_series(self.history)

    def _repr_html_(self) -> str:
        """Jupyter shows the cooperation graph (:func:`mintgraph.notebook.analysis_html`)."""
        from mintgraph.notebook import analysis_html

        return analysis_html(self)

    def tables(self) -> dict[str, pd.DataFrame]:
        """The output tables by file stem (``actors``, ``networks``, ``regions``, ``network_pairs``,
        ``scorecard``, ``effects``); ``regions`` has a row per district, then one per Land."""
        return {
            "actors": self.actors,
            "networks": self.networks,
            "regions": regions_with_laender(self.regions, self.laender),
            "network_pairs": self.network_pairs,
            "scorecard": self.scorecard,
            "effects": self.effects,
        }


def actor_table(
    graph: nx.Graph,
    dataset: Dataset,
    *,
    sampling: Sampling | None = None,
    info: dict | None = None,
    betweenness: Future[dict] | None = None,
) -> pd.DataFrame:
    """One row per actor: its descriptive columns and its centralities (in input order).

    ``sampling`` (see :func:`mintgraph.engine.sampling_for`) estimates betweenness, closeness
    and harmonic closeness within its error bounds; ``info`` receives how each was computed.
    ``betweenness``: the betweenness already being drawn (see
    :func:`mintgraph.metrics.actors.actor_centrality`, which otherwise draws it beside the other
    centralities); the brokerage measures are computed first, so that they too run beside it.
    """
    actors = dataset.actors
    names = dataset.region_names()
    memberships = dataset.memberships["actor_id"].value_counts()
    network_ids: dict[str, str] = {}  # actor -> its networks' ids, sorted, joined by "|"
    pairs = zip(
        dataset.memberships["actor_id"].tolist(), dataset.memberships["network_id"].tolist(), strict=True
    )
    for actor, network in sorted(pairs):
        network_ids[actor] = f"{network_ids[actor]}|{network}" if actor in network_ids else network
    table = pd.DataFrame(
        {
            "id": actors["id"],
            "name": actors["name"],
            "type": actors["type"],
            "region": actors["region"],
            "region_name": actors["region"].map(names),
            "municipality": actors["municipality"],
            "networks": actors["id"].map(memberships).fillna(0).astype(int),
            "network_ids": pd.Series(
                [network_ids.get(a, "") for a in actors["id"].tolist()], index=actors.index, dtype="str"
            ),
        }
    )
    brokerage = actor_brokerage(graph, dataset, sampling=sampling)
    centrality = actor_centrality(graph, sampling=sampling, info=info, betweenness=betweenness)
    table = (
        table.join(centrality, on="id")
        .join(brokerage, on="id")
        .join(bridging_actors(graph, dataset), on="id")
    )
    for col in ("degree", "weighted_degree"):
        table[col] = table[col].astype(int)
    table["cross_land_partners"] = table["id"].map(cross_land_partners(graph)).fillna(0).astype(int)
    return table.reset_index(drop=True)


def cross_land_partners(graph: nx.Graph) -> dict[str, int]:
    """Per actor, its partners seated in another Land (both districts German AGS codes).

    >>> g = nx.Graph([("a", "b"), ("a", "c")])
    >>> nx.set_node_attributes(g, {"a": "06611", "b": "16063", "c": "06633"}, "region")
    >>> cross_land_partners(g)
    {'a': 1, 'b': 1, 'c': 0}
    """
    from mintgraph.regions import land_of

    eg = engine_graph(graph)
    regions = [graph.nodes[v].get("region") for v in eg.nodes]
    land = {region: land_of(region) for region in set(regions)}
    index: dict[str | None, int] = {None: -1}  # each Land a number; -1: no Land
    code = np.array([index.setdefault(land[r], len(index)) for r in regions])
    ends_u, ends_v = code[eg.edges[:, 0]], code[eg.edges[:, 1]]
    cross = (ends_u >= 0) & (ends_v >= 0) & (ends_u != ends_v)
    counts = np.bincount(eg.edges[cross].ravel(), minlength=eg.n)
    return dict(zip(eg.nodes, counts.tolist(), strict=True))


class _Steps:
    """Times named steps and reports each to an optional callback ``on_step(name, seconds)``.

    With ``progress``, a progress bar over the steps (tqdm, on stderr) appears once the
    analysis has run for a second.
    """

    def __init__(self, on_step: Callable[[str, float], None] | None, progress: bool, total: int) -> None:
        self.on_step = on_step
        self.bar = None
        if progress:
            from tqdm import tqdm

            self.bar = tqdm(total=total, file=sys.stderr, delay=1.0, leave=False, unit="step")

    @contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        if self.bar is not None:
            self.bar.set_description(name)
        start = time.perf_counter()
        yield
        if self.bar is not None:
            self.bar.update(1)
        if self.on_step is not None:
            self.on_step(name, time.perf_counter() - start)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


STEPS = (
    "cooperation graph",
    "actor centralities and brokerage",
    "networks",
    "landscape as one network",
    "network of networks and communities",
    "regions",
    "landscape",
    "members against comparable actors",
    "scorecard",
)
"""The steps of :func:`analyze`, in order, as reported to ``on_step``. The cohesion row of the
landscape as one network is computed in ``networks``, beside the networks' rows; ``landscape as
one network`` adds its size and boundary columns."""

WORKER_MIN_ACTORS = 20_000
"""From this many actors on, :func:`analyze` has a worker process (:class:`mintgraph.workers.Worker`)
do the work of igraph's that holds the interpreter lock: the Louvain runs of the communities
(:func:`mintgraph.metrics.nexus.louvain_runs`, about a tenth of the indicators' time at 100,000
actors) while it computes the actors' indicators, then the exact betweenness of the networks'
member subgraphs (:func:`mintgraph.metrics.cohesion.network_cohesion_tables`) while it runs their
permutation tests; below, starting the process costs more than it saves. The results are the
same either way (the Louvain runs are seeded, Brandes' betweenness is exact and computed by the
same code on the same ties)."""


def centrality_record(sampling: Sampling | None, info: dict) -> dict[str, Any]:
    """The ``summary.json`` entry ``centrality``: how betweenness and closeness were computed.

    >>> centrality_record(None, {"betweenness": {"algorithm": "exact (Brandes, igraph)"}, "closeness": {}})
    {'method': 'exact', 'sampling_threshold': 5000, 'betweenness': 'exact (Brandes, igraph)', 'closeness': ''}
    """
    record: dict[str, Any] = {
        "method": "exact" if sampling is None else "sampled",
        "sampling_threshold": SAMPLING_THRESHOLD,
        "betweenness": info.get("betweenness", {}).get("algorithm", ""),
        "closeness": info.get("closeness", {}).get("algorithm", ""),
    }
    if sampling is not None:
        record.update(
            betweenness_epsilon=sampling.epsilon_betweenness,
            betweenness_samples=info.get("betweenness", {}).get("samples", 0),
            closeness_epsilon=sampling.epsilon_closeness,
            closeness_sources=info.get("closeness", {}).get("sources", 0),
            delta=sampling.delta,
            seed=sampling.seed,
        )
    return record


def centrality_text(record: Mapping[str, Any], lang: str = "en") -> str:
    """One line for the terminal: whether betweenness and closeness were exact or sampled.

    >>> from mintgraph.testing import tiny_dataset
    >>> centrality_text(analyze(tiny_dataset()).summary["centrality"])
    'betweenness and closeness: exact'
    >>> centrality_text(analyze(tiny_dataset()).summary["centrality"], "de")
    'Betweenness und Closeness: exakt berechnet'
    >>> print(centrality_text(analyze(tiny_dataset(), exact=False).summary["centrality"]))
    betweenness and closeness: sampled (--exact computes them exactly): betweenness by KADABRA within ±0.01 ...
    """
    de = lang == "de"
    if record["method"] == "exact":
        return "Betweenness und Closeness: exakt berechnet" if de else "betweenness and closeness: exact"
    if record["closeness_sources"]:
        sources = f"{record['closeness_sources']:,}".replace(",", "." if de else ",")
        closeness = (
            f"Closeness aus {sources} Startknoten je Komponente auf ±{record['closeness_epsilon']}·Durchmesser"
            if de
            else f"closeness from {sources} sources per component within ±{record['closeness_epsilon']}·diameter"
        )
    else:
        closeness = (
            "Closeness exakt (keine Komponente größer als die Stichprobe)"
            if de
            else "closeness exact (no component larger than the sample)"
        )
    samples = f"{record['betweenness_samples']:,}".replace(",", "." if de else ",")
    if de:
        return (
            "Betweenness und Closeness: geschätzt (--exact rechnet exakt): "
            f"Betweenness mit KADABRA auf ±{record['betweenness_epsilon']} ({samples} kürzeste Wege), "
            f"{closeness} (Schranken gelten mit Wahrscheinlichkeit ≥ {1 - record['delta']:.0%}, "
            f"Startwert {record['seed']}); siehe docs/engine.md"
        )
    return (
        "betweenness and closeness: sampled (--exact computes them exactly): "
        f"betweenness by KADABRA within ±{record['betweenness_epsilon']} "
        f"({samples} shortest paths), {closeness} "
        f"(bounds hold with probability ≥ {1 - record['delta']:.0%}, seed {record['seed']}); "
        "see docs/engine.md"
    )


def analyze(
    dataset: Dataset,
    *,
    exact: bool | None = None,
    seed: int = 42,
    permutations: int = 999,
    year: int | None = None,
    all_years: bool = False,
    on_step: Callable[[str, float], None] | None = None,
    progress: bool | None = None,
    mutual_only: bool = False,
    on_graph: Callable[[nx.Graph, Dataset], None] | None = None,
) -> Analysis:
    """Compute every indicator for a dataset, on the ties that are current.

    **Current ties.** A cooperation ends (``until``); a tie whose every cooperation ended
    before the reference year is history, not part of today's landscape. By default the
    indicators run on the landscape as it stands in the data's last year
    (:func:`mintgraph.timeline.latest_year`), rebuilt by
    :func:`mintgraph.timeline.dataset_in_year`: cooperations active in that year
    (``since <= year``, ``until`` empty or ``>= year``), networks founded by then,
    memberships begun by then. Ended ties are left out of every indicator and counted
    apart: ``summary["ended_ties"]``, and ``ended_ties`` per actor and per network.
    ``year`` analyses another year the same way; ``all_years=True`` counts every
    cooperation ever recorded, ended or not (as mintgraph did before 0.2).

    Parameters
    ----------
    dataset : a validated dataset, from :func:`mintgraph.load`.
    exact : how betweenness, closeness and harmonic closeness are computed, for the actors and
        for each network's member subgraph. None (default): exactly up to
        :data:`mintgraph.engine.SAMPLING_THRESHOLD` actors (members), sampled within a
        documented error bound above (``docs/engine.md``); True: always exactly; False: always
        sampled. ``summary["centrality"]`` records what was done for the actors.
    seed : seed of every random step (permutation tests, sampling), so results are reproducible.
    permutations : permutations of the E-I significance tests (0 skips them).
    year : the reference year; None (default): the data's last year.
    all_years : count every cooperation of every year, ended ones included (``year`` is
        then ignored); ``summary["reference_year"]`` is None.
    on_step : called as ``on_step(name, seconds)`` after each step of :data:`STEPS`
        (for progress and benchmarks).
    progress : show a progress bar on stderr for analyses longer than a second; None
        (default) shows it only when stderr is a terminal.
    mutual_only : count only the survey ties both sides confirmed: cooperation rows whose
        ``reciprocity`` is ``one_sided`` or ``unconfirmed`` are left out (rows without a
        reciprocity, not from a survey, stay). ``summary["survey_ties"]`` counts the ties by
        reciprocity either way, ``summary["mutual_only"]`` says which was done.
    on_graph : called as ``on_graph(graph, dataset)`` once the cooperation graph is built, with
        the landscape of the reference year, before any indicator (``mintgraph analyze`` starts
        the district pages' layouts from it: :class:`mintgraph.export.DistrictLayouts`); its
        time belongs to no step.

    Returns
    -------
    :class:`Analysis` with ``actors``, ``networks``, ``regions`` tables, the ``summary``
    dict and the cooperation ``graph`` of the reference year; ``dataset`` is the landscape
    in that year, ``loaded`` the dataset as given.

    Raises
    ------
    ValueError
        If ``year`` lies before the first cooperation began.

    Example
    -------
    >>> from mintgraph.testing import tiny_dataset
    >>> analyze(tiny_dataset(), exact=False).summary["centrality"]["method"]
    'sampled'
    >>> current = analyze(tiny_dataset(), year=2021, permutations=0)  # s1-s2 ended in 2020
    >>> current.summary["ties"], current.summary["ended_ties"], current.graph.has_edge("s1", "s2")
    (4, 1, False)
    >>> analyze(tiny_dataset(), year=2021, all_years=True, permutations=0).summary["ties"]
    5
    """
    if mutual_only:
        dataset = mutual_ties_only(dataset)
    loaded = dataset
    reference = None if all_years else (latest_year(dataset) if year is None else int(year))
    first = dataset.cooperations["since"].min()
    if year is not None and reference is not None and pd.notna(first) and reference < int(first):
        raise ValueError(f"no cooperation had begun by {reference}: the data's first year is {int(first)}")
    if reference is not None:
        dataset = dataset_in_year(dataset, reference)
    if progress is None:
        progress = sys.stderr.isatty()
    step = _Steps(on_step, progress, len(STEPS))
    sampling = sampling_for(len(dataset.actors), exact, seed)
    info: dict = {}
    # on large landscapes a worker process does the work that holds the interpreter lock:
    # igraph's Louvain runs while the actors' indicators are computed, then the exact
    # betweenness of the networks' member subgraphs while their permutation tests run here;
    # started now, it imports its libraries while this process builds the graph
    worker = Worker(in_worker=len(dataset.actors) >= WORKER_MIN_ACTORS, spare=WORKER_SPARE)
    if worker.in_worker:
        worker.submit(functools.partial(preload, *WORKER_MODULES))
    # two side threads: on Ctrl-C or an error, their work under way is left (engine.thread_pool)
    with engine.thread_pool(2) as side:
        try:
            between: Future[dict] | None = None
            drawn: dict = {}
            louvain: Call[list[np.ndarray]] | None = None
            coops = dataset.cooperations
            loopless = not (coops["source"] == coops["target"]).any()  # no tie of an actor to itself

            def start_on_engine(eg: EngineGraph) -> None:
                # from the moment the engine copy exists, while networkx's graph is built: a sampled
                # betweenness (KADABRA, outside the interpreter lock) is drawn on a side thread,
                # and the Louvain runs go to the worker (without self-loops the copy has every tie)
                nonlocal between, louvain
                if sampling is not None and engine.THREADS > 1:
                    between = side.submit(engine.betweenness, eg, sampling, info=drawn)
                if loopless:
                    louvain = worker.submit(louvain_runs(eg, seed=seed))

            with step("cooperation graph"):
                graph = cooperation_graph(dataset, on_engine=start_on_engine)
                if louvain is None:  # not started from the engine copy
                    louvain = worker.submit(louvain_runs(graph, seed=seed))
            if on_graph is not None:
                on_graph(graph, dataset)
            # the landscape as one network needs only the data: made beside the actors' indicators
            landscape_data = side.submit(landscape_network, dataset)
            # the ties that ended need only the data too; they are counted after the communities,
            # where this thread is the one at work
            ended_then = None if reference is None else side.submit(ended_ties, loaded, reference)
            with step("actor centralities and brokerage"):
                if between is not None:
                    info["betweenness"] = drawn  # filled by the time the betweenness is read
                actors = actor_table(graph, dataset, sampling=sampling, info=info, betweenness=between)
            betweenness = actors.set_index("id")["betweenness"]
            with step("networks"):
                # the landscape as one network is one large row: its cohesion is computed first, on one
                # thread, while the other takes the networks' rows (the tables are the same)
                whole = landscape_data.result()
                landscape_cohesion, cohesion = network_cohesion_tables(
                    graph,
                    [(whole, betweenness.to_dict()), (dataset, None)],
                    seed=seed,
                    permutations=permutations,
                    exact=exact,
                    worker=worker,
                )
                networks = network_table(graph, dataset).join(cohesion, on="id")
            with step("landscape as one network"):
                landscape = network_table(graph, whole).join(landscape_cohesion, on="id")
            # the members' comparisons need only the graph and the betweenness: a thread computes them
            # while the communities, the regions and the landscape are computed here
            effects_rows = side.submit(
                network_effects,
                graph,
                dataset,
                history=loaded,
                reference_year=reference,
                betweenness=betweenness,
                seed=seed,
                permutations=permutations,
            )
            with step("network of networks and communities"):
                quotient = network_quotient(graph, dataset)
                communities, comparison = community_comparison(
                    graph, dataset, seed=seed, found=louvain.result()
                )
                worker.close()  # every call it was given is answered: its memory is freed now
                actors["community"] = actors["id"].map(communities)
                if ended_then is None:
                    ended = pd.DataFrame({"source": [], "target": [], "until": []})
                else:
                    ended = ended_then.result()
                _add_ended_ties(actors, networks, ended, dataset)
            with step("regions"):
                regions = region_table(graph, dataset)
                laender = land_table(graph, dataset, regions)
            with step("landscape"):
                figures = landscape_summary(graph, dataset)
                surveyed = survey_ties(graph, dataset)
                centrality = centrality_record(sampling, info)
            with step("members against comparable actors"):
                effects = effects_rows.result()
                summary = Summary(
                    **figures,
                    communities=comparison,
                    reference_year=reference,
                    ended_ties=len(ended),
                    survey_ties=surveyed,
                    mutual_only=mutual_only,
                    centrality=centrality,
                    effects=effects_record(effects, seed=seed, permutations=permutations),
                )
            with step("scorecard"):
                scorecard = plus_scorecard(networks, landscape.iloc[0], dataset, effects=effects)
        finally:
            worker.close()
            step.close()
    return Analysis(
        dataset=dataset,
        graph=graph,
        actors=actors,
        networks=networks,
        regions=regions,
        laender=laender,
        network_pairs=quotient,
        scorecard=scorecard,
        summary=summary,
        loaded=loaded,
        effects=effects,
    )


def _add_ended_ties(
    actors: pd.DataFrame, networks: pd.DataFrame, ended: pd.DataFrame, dataset: Dataset
) -> None:
    """Add the column ``ended_ties`` to the actors table (ended ties at each actor) and the
    networks table (ended ties between two members), in place."""
    ends = pd.concat([ended["source"], ended["target"]]).value_counts()
    actors.insert(
        actors.columns.get_loc("weighted_degree") + 1,
        "ended_ties",
        actors["id"].map(ends).fillna(0).astype(int),
    )
    members = network_members(dataset)
    # the ended ties' ends as integers; a network's members as a mask over them (one spare
    # last place, which the members without an ended tie, -1, mark)
    index = pd.Index(pd.concat([ended["source"], ended["target"]], ignore_index=True)).unique()
    source, target = index.get_indexer(ended["source"]), index.get_indexer(ended["target"])
    counts = []
    for nid in networks["id"]:
        member = np.zeros(len(index) + 1, dtype=bool)
        member[index.get_indexer(list(members[nid]))] = True
        counts.append(int(np.count_nonzero(member[source] & member[target])))
    networks.insert(networks.columns.get_loc("external_ties") + 1, "ended_ties", counts)


def networks_with_cohesion(
    graph: nx.Graph,
    dataset: Dataset,
    *,
    seed: int,
    permutations: int,
    betweenness: pd.Series | None = None,
    exact: bool | None = None,
) -> pd.DataFrame:
    """``networks.csv``: the size and boundary columns, then the cohesion columns, one row per network.

    ``betweenness`` (by actor id, the ``betweenness`` column of the actors table) saves computing
    it again for a network that holds every actor, such as the landscape as one network.
    ``exact`` decides exact or sampled member-subgraph betweenness as for the actors (see
    :func:`mintgraph.metrics.cohesion.network_cohesion`).
    """
    cohesion = network_cohesion(
        graph,
        dataset,
        seed=seed,
        permutations=permutations,
        betweenness=None if betweenness is None else betweenness.to_dict(),
        exact=exact,
    )
    return network_table(graph, dataset).join(cohesion, on="id")


UNCONFIRMED = ("one_sided", "unconfirmed")
"""Survey reciprocities of a tie that only one side named (or whose partner did not answer)."""


def mutual_ties_only(dataset: Dataset) -> Dataset:
    """The dataset without the survey cooperation rows that only one side named.

    >>> from mintgraph.testing import tiny_dataset
    >>> ds = tiny_dataset()
    >>> ds.cooperations.loc[0, "reciprocity"] = "one_sided"
    >>> len(mutual_ties_only(ds).cooperations), len(ds.cooperations)
    (5, 6)
    """
    coops = dataset.cooperations
    if "reciprocity" not in coops.columns:
        return dataset
    kept = coops[~coops["reciprocity"].isin(UNCONFIRMED)].reset_index(drop=True)
    return replace(dataset, cooperations=kept)


def survey_ties(graph: nx.Graph, dataset: Dataset) -> dict[str, int] | None:
    """The ties of ``graph`` by survey reciprocity: ``mutual`` if one of the pair's cooperation
    rows is mutual, else ``one_sided``, else ``unconfirmed``, else ``not_surveyed`` (no row of
    the pair has a reciprocity). None when no row has one (no survey in the data).

    >>> from mintgraph.graph import cooperation_graph
    >>> from mintgraph.testing import tiny_dataset
    >>> ds = tiny_dataset()
    >>> survey_ties(cooperation_graph(ds), ds) is None
    True
    >>> ds.cooperations.loc[[0, 1], "reciprocity"] = ["mutual", "mutual"]  # s1-u1, both ways
    >>> ds.cooperations.loc[4, "reciprocity"] = "unconfirmed"  # u1-c1
    >>> survey_ties(cooperation_graph(ds), ds)
    {'mutual': 1, 'one_sided': 0, 'unconfirmed': 1, 'not_surveyed': 3}
    """
    coops = dataset.cooperations
    # a cell with more than blanks, looked for among the distinct cells (a few) instead of all
    if "reciprocity" not in coops.columns or not any(
        cell.strip() for cell in coops["reciprocity"].fillna("").astype(str).unique()
    ):
        return None
    rank = {"mutual": 0, "one_sided": 1, "unconfirmed": 2}
    best: dict[frozenset[str], int] = {}
    for source, target, value in zip(coops["source"], coops["target"], coops["reciprocity"], strict=True):
        if value in rank:
            pair = frozenset((source, target))
            best[pair] = min(best.get(pair, 3), rank[value])
    counts = dict.fromkeys(["mutual", "one_sided", "unconfirmed", "not_surveyed"], 0)
    names = list(counts)
    for u, v in graph.edges:
        counts[names[best.get(frozenset((u, v)), 3)]] += 1
    return counts


def landscape_network(dataset: Dataset, network_id: str = HESSEN) -> Dataset:
    """The dataset with one network only, holding every actor and covering every district.

    Running the network indicators on it gives the landscape-wide values of the scorecard
    with exactly the same definitions as for each network. The landscape is "founded" in the
    year of its first cooperation, and an actor "joins" with its first cooperation.

    >>> from mintgraph.testing import tiny_dataset
    >>> whole = landscape_network(tiny_dataset())
    >>> whole.networks["id"].tolist(), len(whole.memberships)
    (['hessen'], 6)
    """
    shipped = dataset.region_source == ATTRIBUTION  # the shipped districts: named by their Länder
    name = (landscape_name(set(dataset.regions["code"])) or "Hessen") if shipped else "all actors"
    networks = pd.DataFrame([dict.fromkeys(TABLES["networks"].column_names, "")])
    networks = networks.assign(id=network_id, name=name, regions="|".join(dataset.regions["code"]))
    first_year = dataset.cooperations["since"].min()  # the landscape "starts" with its first cooperation
    networks["founded"] = pd.array([None if pd.isna(first_year) else int(first_year)], dtype="Int64")
    memberships = pd.DataFrame(
        dict.fromkeys(TABLES["memberships"].column_names, ""), index=dataset.actors.index
    )
    memberships = memberships.assign(actor_id=dataset.actors["id"], network_id=network_id, role="member")
    coops = dataset.cooperations
    ends = pd.concat(
        [
            coops[["source", "since"]].set_axis(["id", "since"], axis=1),
            coops[["target", "since"]].set_axis(["id", "since"], axis=1),
        ]
    )
    entry = ends.groupby("id")["since"].min()  # an actor enters the landscape with its first cooperation
    memberships["since"] = pd.array(dataset.actors["id"].map(entry), dtype="Int64")
    return replace(dataset, networks=networks, memberships=memberships.reset_index(drop=True))
