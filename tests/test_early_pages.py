"""The district pages of a large landscape, prepared early and drawn by two processes, are the
pages drawn late by one: the page frame made from the graph before the indicators
(:class:`mintgraph.views.graph_html.PageFrame`), the layouts drawn in the background meanwhile
(:class:`mintgraph.export.DistrictLayouts`), the pages taken one by one by this process and a
forked copy (:class:`mintgraph.workers.Handout`), a copy that dies, workers started before the
data is read (:func:`mintgraph.workers.prestart`); and the faster readers of cells and rows
give what the slower ones gave."""

from __future__ import annotations

import dataclasses
import functools
import math
import os
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mintgraph
from mintgraph import api, export, layout, workers
from mintgraph.cells import cell_text, is_missing, records
from mintgraph.export import DistrictLayouts, write_outputs
from mintgraph.files import StagedFiles, fill
from mintgraph.views.graph_html import SELECTIONS_KEPT, ActorGraphPages, PageFrame

linux_only = pytest.mark.skipif(not workers.FORK, reason="forks on Linux only")


@pytest.fixture(autouse=True)
def no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(layout.CACHE_VARIABLE, "off")


@pytest.fixture(scope="module")
def landscape(tmp_path_factory: pytest.TempPathFactory) -> mintgraph.Analysis:
    """2,400 actors in 12 districts: district pages, written by forked copies."""
    folder = tmp_path_factory.mktemp("land2400")
    mintgraph.generate(folder, n_actors=2400, n_regions=12, seed=3)
    return mintgraph.analyze(mintgraph.load(folder), permutations=0)


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_frame_from_the_data_is_the_pages_own_and_one_that_does_not_fit_is_ignored(landscape) -> None:
    result = landscape
    frame = PageFrame.of(result.graph, result.dataset.actors)  # names and types only, no indicators
    own = ActorGraphPages(result.graph, result.actors, lang="en")
    given_frame = ActorGraphPages(result.graph, result.actors, lang="en", frame=frame)
    assert given_frame.frame is frame and own.frame is not frame
    assert own.frame.ids == frame.ids and np.array_equal(own.frame.rank, frame.rank)
    assert np.array_equal(own.frame.edge_a, frame.edge_a) and np.array_equal(own.frame.edge_b, frame.edge_b)
    renamed = result.dataset.actors.assign(name=result.dataset.actors["name"] + " x")
    other = PageFrame.of(result.graph, renamed)
    ignored = ActorGraphPages(result.graph, result.actors, lang="en", frame=other)
    assert ignored.frame is not other  # other names: another layout order
    district = result.actors[result.actors["region"] == result.actors["region"].iloc[0]]["id"]
    pages = [p.render(district, partners=True, title="D") for p in (own, given_frame, ignored)]
    assert pages[0] == pages[1] == pages[2]
    job = frame.layout_job(district, partners=True)
    assert np.array_equal(job.order, own.layout_job(district, partners=True).order)


def test_a_frame_keeps_the_last_selections_and_gives_them_again(landscape) -> None:
    frame = PageFrame.of(landscape.graph, landscape.dataset.actors)
    ids = landscape.actors["id"].tolist()
    first = frame.select(ids[:50], True)
    assert frame.select(ids[:50], True)[0] is first[0]  # kept: the same arrays
    again = frame._select(ids[:50], True)
    assert np.array_equal(first[0], again[0]) and np.array_equal(first[1], again[1])
    for k in range(SELECTIONS_KEPT + 5):
        frame.select(ids[k : k + 3], False)
    assert len(frame._selected) == SELECTIONS_KEPT and frame.select(ids[:50], True)[0] is not first[0]


def test_analyze_hands_its_graph_and_landscape_to_on_graph_once() -> None:
    seen: list[tuple] = []
    dataset = mintgraph.load("data")
    result = mintgraph.analyze(dataset, permutations=0, on_graph=lambda g, d: seen.append((g, d)))
    assert len(seen) == 1 and seen[0][0] is result.graph and seen[0][1] is result.dataset


def test_layouts_started_early_give_the_same_outputs(landscape, tmp_path: Path) -> None:
    assert DistrictLayouts.start(landscape.graph, mintgraph.load("data")) is None  # 46 actors: no pages
    late = write_outputs(landscape, tmp_path / "late", lang="en")
    with DistrictLayouts.start(landscape.graph, landscape.dataset) as early:
        assert early is not None and early.fits(early.frame, export._districts(landscape.actors))
        early_files = write_outputs(landscape, tmp_path / "early", lang="en", layouts=early)
    assert [p.relative_to(tmp_path / "early") for p in early_files] == [
        p.relative_to(tmp_path / "late") for p in late
    ]
    assert files(tmp_path / "early") == files(tmp_path / "late")
    assert len([p for p in late if p.parent.name == "districts" and p.suffix == ".html"]) == 12


def test_layouts_of_another_landscape_are_not_used(landscape, tmp_path: Path, monkeypatch) -> None:
    other = landscape.dataset.actors.assign(region=landscape.dataset.actors["region"].iloc[::-1].to_numpy())
    with DistrictLayouts.start(
        landscape.graph, dataclasses.replace(landscape.dataset, actors=other)
    ) as wrong:
        assert wrong is not None and not wrong.fits(wrong.frame, export._districts(landscape.actors))
        used: list[bool] = []
        original = export._DistrictPages.__init__

        def spy(self, *args, **kwargs) -> None:
            original(self, *args, **kwargs)
            used.append(not self._own)

        monkeypatch.setattr(export._DistrictPages, "__init__", spy)
        write_outputs(landscape, tmp_path / "wrong", lang="en", layouts=wrong)
    write_outputs(landscape, tmp_path / "right", lang="en")
    assert used[0] is False and files(tmp_path / "wrong") == files(tmp_path / "right")


@pytest.mark.skipif(not hasattr(os, "SCHED_IDLE"), reason="Linux's idle scheduling class")
def test_background_layout_workers_take_only_idle_time() -> None:
    jobs = [
        layout.LayoutJob(300, np.arange(300), np.arange(299), np.arange(1, 300), seed) for seed in range(4)
    ]
    expected = [job.run() for job in jobs]
    with layout.LayoutBatch(jobs, workers=1, min_nodes=0, background=True) as batch:
        assert batch.workers == 1
        got = [batch.result(i) for i in range(len(jobs))]
        assert os.sched_getscheduler(batch._processes[0].pid) == os.SCHED_IDLE
    for a, b in zip(got, expected, strict=True):
        assert np.array_equal(a[0], b[0]) and a[1] == b[1] and np.array_equal(a[2], b[2])


@linux_only
def test_a_handout_gives_each_number_to_one_process_only() -> None:
    with workers.Handout(3000) as numbers:

        def take_all() -> list[int]:
            return list(iter(numbers.take, None))

        with workers.Forked(take_all) as copy:
            mine = take_all()
            theirs = copy.result()
    assert sorted(mine + theirs) == list(range(3000))
    with pytest.raises(ValueError, match="holds 0 to"):
        workers.Handout(workers.Handout.LIMIT + 1)


@linux_only
def test_pages_a_dying_copy_took_are_drawn_here(landscape, tmp_path: Path, monkeypatch) -> None:
    write_outputs(landscape, tmp_path / "whole", lang="en")
    original = export._DistrictPages._fill
    here, here_drew = os.getpid(), []

    def dies_after_one(self, files_, pages, *, in_copy):
        if in_copy and os.getpid() != here:  # the copy takes two pages, writes one, and dies
            pages.take()
            original(self, files_, [pages.take()], in_copy=True)
            os._exit(1)
        if not in_copy and len(here_drew) < 11:  # pages here take long: the copy is forked (after
            time.sleep(1.0 if not here_drew else 0.2)  # the first) and takes its two while pages are left
        drawn = original(self, files_, pages, in_copy=in_copy)
        if not in_copy:
            here_drew.append(len(drawn))
        return drawn

    monkeypatch.setattr(export._DistrictPages, "_fill", dies_after_one)
    write_outputs(landscape, tmp_path / "died", lang="en")
    assert files(tmp_path / "died") == files(tmp_path / "whole")
    # the copy took two pages and died: both drawn here again, after the other ten, one by one
    assert here_drew[-1] == 2 and sum(here_drew) == 12
    assert not list((tmp_path / "died").rglob("*.tmp"))


def test_reserved_files_are_removed_when_nothing_is_committed(tmp_path: Path) -> None:
    with StagedFiles() as staged:
        tmp = staged.reserve(tmp_path / "sub" / "page.html")
        fill(tmp, "Seite")
        assert Path(tmp).read_text() == "Seite" and not (tmp_path / "sub" / "page.html").exists()
    assert not (tmp_path / "sub").exists()


def test_a_prestarted_worker_is_the_one_taken_and_only_once() -> None:
    assert workers.prestart("test-spare", "json")
    spare = workers._spares["test-spare"]
    taken = workers.start_worker("test-spare")
    assert taken is spare and "test-spare" not in workers._spares
    fresh = workers.start_worker("test-spare")
    assert fresh is not None and fresh.pid != spare.pid
    for process in (taken, fresh):
        workers.send(process.stdin, functools.partial(max, 1, 3))
        assert workers.receive(process.stdout) == (True, 3)
        workers.stop(process)


def _yielded(pid: int) -> bool:
    """Whether process ``pid`` runs only where a core is idle (SCHED_IDLE, or nice 19)."""
    if hasattr(os, "sched_getscheduler") and hasattr(os, "SCHED_IDLE"):
        return os.sched_getscheduler(pid) == os.SCHED_IDLE
    return os.getpriority(os.PRIO_PROCESS, pid) == 19


@pytest.mark.skipif(not hasattr(os, "getpriority"), reason="no process priorities here")
def test_a_background_spare_yields_the_processor_before_it_imports() -> None:
    assert workers.prestart("test-background", "json", background=True)
    assert workers.prestart("test-foreground", "json")
    background, foreground = workers._spares["test-background"], workers._spares["test-foreground"]
    taken = workers.start_worker("test-background")  # both answers read: yield_cpu's, preload's
    assert taken is background and _yielded(background.pid)
    assert workers.start_worker("test-foreground") is foreground and not _yielded(foreground.pid)
    for process in (background, foreground):
        workers.send(process.stdin, functools.partial(max, 1, 3))
        assert workers.receive(process.stdout) == (True, 3)  # each answer the request's own
        workers.stop(process)


def test_only_a_batch_drawn_in_the_background_takes_the_layouts_spare(monkeypatch) -> None:
    from mintgraph.defaults import LAYOUT_SPARE

    job = layout.LayoutJob(3, np.arange(3), np.array([0, 1]), np.array([1, 2]), seed=1)
    monkeypatch.setattr(layout, "_cached", lambda *args: None)  # drawn, not read from a cache
    assert workers.prestart(LAYOUT_SPARE, "json", background=True)
    spare = workers._spares[LAYOUT_SPARE]
    try:
        with layout.LayoutBatch([job], workers=1, min_nodes=0) as batch:  # in the foreground
            assert batch.workers == 1 and batch.result(0)[0].shape == (3, 2)
            assert workers._spares.get(LAYOUT_SPARE) is spare  # left for a background batch
        with layout.LayoutBatch([job], workers=1, min_nodes=0, background=True) as batch:
            assert LAYOUT_SPARE not in workers._spares  # taken
            assert batch.result(0)[0].shape == (3, 2)
    finally:
        workers.stop_spares()


def test_spares_are_stopped_at_exit_by_one_handler() -> None:
    import atexit

    before = atexit._ncallbacks()
    for _ in range(3):  # each time no spare is left before the next is started
        assert workers.prestart("test-exit", "json")
        taken = workers.start_worker("test-exit")
        assert taken is not None
        workers.stop(taken)
    assert atexit._ncallbacks() - before <= 1 and workers._stopped_at_exit


def test_a_spare_that_died_is_replaced_by_a_fresh_worker() -> None:
    assert workers.prestart("test-dead", "json")
    workers._spares["test-dead"].kill()
    process = workers.start_worker("test-dead")
    assert process is not None
    workers.send(process.stdin, functools.partial(max, 1, 3))
    assert workers.receive(process.stdout) == (True, 3)
    workers.stop(process)


def test_workers_are_prestarted_for_large_data_only(tmp_path: Path, monkeypatch) -> None:
    from mintgraph import defaults

    assert api.prestart_workers("data") == 0 and api.prestart_workers(tmp_path / "missing") == 0
    (tmp_path / "cooperations.csv").write_bytes(b"x" * 2000)
    monkeypatch.setattr(defaults, "SPARES_ABOVE_BYTES", 1000)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    try:
        assert api.prestart_workers(tmp_path) == 2
        assert set(workers._spares) == {defaults.WORKER_SPARE, defaults.LAYOUT_SPARE}
        monkeypatch.setattr(os, "cpu_count", lambda: 1)
        assert api.prestart_workers(tmp_path) == 0
    finally:
        workers.stop_spares()
    assert not workers._spares


def test_numba_loaded_draws_the_compiled_repulsion_from_the_first_node(monkeypatch) -> None:
    kernels = mintgraph.engine.compiled()
    if kernels is None:
        pytest.skip("numba not installed")
    monkeypatch.setattr(layout, "_drawn_nodes", 0)
    assert layout._repulsion_function(10, 10) is kernels.repulsion
    monkeypatch.setattr(layout, "_drawn_nodes", 0)
    monkeypatch.delitem(sys.modules, "mintgraph.kernels")
    assert layout._repulsion_function(10, 10) is layout._repulsion_numpy


def _slow_is_missing(value: object) -> bool:
    if value is None or value is pd.NA:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


CELLS = st.one_of(
    st.none(),
    st.just(pd.NA),
    st.just(pd.NaT),
    st.text(max_size=5),
    st.integers(),
    st.booleans(),
    st.floats(allow_nan=True),
    st.floats(allow_nan=True).map(np.float64),
    st.integers(-5, 5).map(np.int64),
    st.lists(st.integers(), max_size=2),
)


@given(CELLS)
@settings(max_examples=300, deadline=None)
def test_cells_read_fast_as_they_were_read(value: object) -> None:
    assert is_missing(value) == _slow_is_missing(value)
    assert cell_text(value) == ("" if _slow_is_missing(value) else str(value).strip())


@given(
    st.lists(
        st.tuples(
            st.text(max_size=3),
            st.one_of(st.none(), st.integers(-3, 3)),
            st.floats(allow_nan=True, allow_infinity=False),
            st.booleans(),
        ),
        max_size=6,
    )
)
@settings(max_examples=100, deadline=None)
def test_records_are_pandas_records(rows: list[tuple]) -> None:
    table = pd.DataFrame(rows, columns=["text", "maybe", "number", "flag"])
    table["nullable"] = pd.array([r[1] for r in rows], dtype="Int64")
    table["string"] = pd.array([r[0] or None for r in rows], dtype="string")
    expected = table.to_dict("records")
    got = records(table)
    assert len(got) == len(expected)
    for a, b in zip(got, expected, strict=True):
        assert a.keys() == b.keys()
        for key in a:
            x, y = a[key], b[key]
            assert type(x) is type(y) and (
                x == y or (x is y) or (isinstance(x, float) and math.isnan(x) and math.isnan(y))
            )
