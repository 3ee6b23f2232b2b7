"""Work on two cores gives the same results as on one: layouts drawn in worker processes
(:class:`mintgraph.layout.LayoutBatch`) are the layouts drawn in process, and the output files are
the same with and without workers; a worker that fails costs only time; Ctrl-C and a script
without a ``__main__`` guard are safe; the threaded indicator steps give the same tables. Staged
files (:class:`mintgraph.files.StagedFiles`) reach their targets only on commit. A call done by a
worker (:class:`mintgraph.workers.Worker`: the Louvain runs and the networks' exact betweenness of a large
landscape) or by a forked
copy (:class:`mintgraph.workers.Forked`: the tables and views beside the district pages) gives what
it gives in process."""

from __future__ import annotations

import functools
import os
import pickle
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from mintgraph import layout, workers
from mintgraph.files import StagedFiles

ROOT = Path(__file__).resolve().parent.parent


def job(seed: int, n: int = 400) -> layout.LayoutJob:
    """A ring of ``n - 20`` nodes with chords and 20 isolated nodes, laid out with ``seed``."""
    rng = np.random.default_rng(seed)
    ring = np.arange(n - 20)
    ea = np.concatenate([ring, rng.integers(0, n - 20, 300)])
    eb = np.concatenate([(ring + 1) % (n - 20), rng.integers(0, n - 20, 300)])
    return layout.LayoutJob(n, rng.permutation(n), ea, eb, seed, dense_limit=256)


def same(a: tuple, b: tuple) -> bool:
    return np.array_equal(a[0], b[0]) and a[1] == b[1] and np.array_equal(a[2], b[2])


@pytest.fixture(autouse=True)
def no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(layout.CACHE_VARIABLE, "off")


def test_workers_draw_the_layouts_drawn_here() -> None:
    jobs = [job(seed) for seed in range(5)]
    expected = [j.run() for j in jobs]
    with layout.LayoutBatch(jobs, workers=2, min_nodes=0) as batch:
        assert batch.workers == 2
        got = [batch.result(i) for i in range(len(jobs))]
    assert all(same(a, b) for a, b in zip(got, expected, strict=True))
    assert expected[0][0].shape == (400, 2) and not same(expected[0], expected[1])


def test_the_main_process_and_a_worker_share_a_long_queue() -> None:
    """Asked in page order, the main process draws what no worker has taken (from the end of the
    queue while a worker draws the page it needs): every layout is still the job's own."""
    jobs = [job(seed, n=1200) for seed in range(12)]
    expected = [j.run() for j in jobs]
    with layout.LayoutBatch(jobs, workers=1, min_nodes=0) as batch:
        assert batch.workers == 1
        got = [batch.result(i) for i in range(len(jobs))]
        assert not batch._pending and not batch._done  # every job drawn once and handed out
    assert all(same(a, b) for a, b in zip(got, expected, strict=True))


def test_small_batches_and_one_core_draw_here() -> None:
    jobs = [job(1)]
    with layout.LayoutBatch(jobs) as batch:  # 400 nodes: below LAYOUT_WORKERS_MIN_NODES
        assert batch.workers == 0
        assert same(batch.result(0), jobs[0].run())
    with layout.LayoutBatch(jobs, workers=0, min_nodes=0) as batch:
        assert batch.workers == 0


def test_a_worker_that_dies_costs_only_time() -> None:
    jobs = [job(seed) for seed in range(4)]
    with layout.LayoutBatch(jobs, workers=1, min_nodes=0) as batch:
        assert batch.workers == 1
        batch._processes[0].kill()
        got = [batch.result(i) for i in range(len(jobs))]
    assert all(same(a, j.run()) for a, j in zip(got, jobs, strict=True))


def test_no_processes_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError("no processes in this sandbox")

    monkeypatch.setattr(workers.subprocess, "Popen", refuse)
    jobs = [job(3)]
    with layout.LayoutBatch(jobs, workers=2, min_nodes=0) as batch:
        assert batch.workers == 0
        assert same(batch.result(0), jobs[0].run())


def test_cached_layouts_are_not_sent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(layout.CACHE_VARIABLE, str(tmp_path / "layouts"))
    jobs = [job(1), job(2)]
    first = [j.run() for j in jobs]  # now cached
    with layout.LayoutBatch(jobs, workers=2, min_nodes=0) as batch:
        assert batch.workers == 0  # nothing left to draw
        assert all(same(batch.result(i), first[i]) for i in range(2))


def test_a_worker_with_another_mintgraph_ends_at_once() -> None:
    """A worker that would import another copy of mintgraph than the main process's ends
    (its layouts are then drawn by the main process, with the main process's code)."""
    other = subprocess.run(
        [sys.executable, "-c", workers.WORKER, str(ROOT / "elsewhere" / "mintgraph" / "workers.py")],
        capture_output=True,
        timeout=60,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    assert other.returncode == 3
    same_file = subprocess.run(
        [sys.executable, "-c", workers.WORKER, str(Path(workers.__file__).resolve())],
        input=b"",  # no jobs: it answers none and ends
        capture_output=True,
        timeout=60,
    )
    assert same_file.returncode == 0 and same_file.stdout == b""


def test_closing_stops_the_workers() -> None:
    batch = layout.LayoutBatch([job(seed, n=3000) for seed in range(6)], workers=2, min_nodes=0)
    processes = list(batch._processes)
    assert len(processes) == 2
    batch.close()
    assert all(p.poll() is not None for p in processes)
    assert batch.workers == 0


def test_a_worker_pipe_closed_while_its_answer_is_read_leaves_the_layout_to_this_process() -> None:
    """close() (Ctrl-C in a script) closes a worker's pipes while the feeding thread reads its
    answer: the read raised ValueError, which the thread did not expect, and Python printed the
    thread's traceback beside the script's own."""
    import io
    import types

    batch = layout.LayoutBatch([job(1)], workers=0)
    closed = io.BufferedReader(io.BytesIO(b""))
    closed.close()
    worker = types.SimpleNamespace(stdin=io.BytesIO(), stdout=closed)
    batch._feed(worker)  # type: ignore[arg-type]  # returns: the worker is as good as gone
    xy, _, _ = batch.result(0)
    assert np.array_equal(xy, job(1).run()[0])


SCRIPT = """
import sys
import numpy as np
from mintgraph import interrupts, layout, workers
print("script ran", flush=True)
jobs = [layout.LayoutJob(3000, np.arange(3000), np.arange(2999), np.arange(1, 3000), s, 256) for s in range(40)]
# the command's Ctrl-C handler: without it, a Ctrl-C that lands while this process imports igraph
# or loads numba's loops (a job drawn here) is lost or re-raised as another error by those
# libraries (seen: matplotlib's RuntimeError, numba's "Exception ignored" and an exit code 0)
with interrupts.installed(), layout.LayoutBatch(jobs, workers=2, min_nodes=0) as batch:
    print("workers", *[p.pid for p in batch._processes], flush=True)
    for i in range(len(jobs)):
        batch.result(i)
print("done", flush=True)
"""


def _run_script(tmp_path: Path, **popen: object) -> subprocess.Popen[str]:
    script = tmp_path / "no_guard.py"  # no `if __name__ == "__main__"`: multiprocessing would run it again
    script.write_text(textwrap.dedent(SCRIPT), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT), **{layout.CACHE_VARIABLE: "off"})
    return subprocess.Popen(
        [sys.executable, str(script)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        **popen,
    )  # type: ignore[call-overload]


def test_a_script_without_a_main_guard_runs_once(tmp_path: Path) -> None:
    process = _run_script(tmp_path)
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    lines = out.splitlines()
    assert lines.count("script ran") == 1 and lines[-1] == "done", out
    assert len(lines[1].split()) == 3  # two workers started


@pytest.mark.skipif(sys.platform == "win32", reason="process groups and SIGINT are POSIX")
def test_ctrl_c_stops_main_process_and_workers_without_their_tracebacks(tmp_path: Path) -> None:
    process = _run_script(tmp_path, start_new_session=True)
    assert process.stdout is not None
    assert process.stdout.readline() == "script ran\n"
    pids = [int(p) for p in process.stdout.readline().split()[1:]]
    assert len(pids) == 2
    time.sleep(1.0)  # the workers are drawing
    os.killpg(process.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole process group
    _, err = process.communicate(timeout=60)
    assert process.returncode != 0
    assert err.count("Traceback") == 1 and err.rstrip().endswith("KeyboardInterrupt"), err  # the script's own
    for pid in pids:  # the workers are gone (killed and reaped by the batch)
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


FORKED_SCRIPT = """
import functools, sys, time
from mintgraph import workers
with workers.Forked(functools.partial(time.sleep, 60)) as task:
    print("copy", task._pid, flush=True)
    task.result()
"""


@pytest.mark.skipif(not workers.FORK, reason="forks on Linux only")
def test_ctrl_c_stops_a_forked_copy_without_its_traceback(tmp_path: Path) -> None:
    script = tmp_path / "forked.py"
    script.write_text(FORKED_SCRIPT, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, str(script)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        start_new_session=True,
    )
    assert process.stdout is not None
    pid = int(process.stdout.readline().split()[1])
    time.sleep(0.5)
    os.killpg(process.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole process group
    _, err = process.communicate(timeout=60)
    assert process.returncode != 0
    assert err.count("Traceback") == 1 and err.rstrip().endswith("KeyboardInterrupt"), err  # the script's own
    with pytest.raises(ProcessLookupError):  # the copy is gone (ended, and reaped by the caller)
        os.kill(pid, 0)


def test_staged_files_reach_their_targets_only_on_commit(tmp_path: Path) -> None:
    target = tmp_path / "out" / "page.html"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), StagedFiles() as staged:
        staged.add(target, "new")
        staged.add(tmp_path / "out" / "sub" / "other.html", "x")
        assert target.read_text(encoding="utf-8") == "old"
        raise RuntimeError("stopped half-way")
    assert target.read_text(encoding="utf-8") == "old"
    assert not (tmp_path / "out" / "sub").exists()  # the folder made for it is gone too
    assert not list((tmp_path / "out").rglob("*.tmp"))
    with StagedFiles() as staged:
        staged.add(target, "neu – ü")
        assert staged.commit() == [target]
    assert target.read_text(encoding="utf-8") == "neu – ü"
    assert oct(target.stat().st_mode & 0o777) == oct(0o666 & ~_umask())


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@pytest.mark.skipif(not workers.FORK, reason="forks on Linux only")
def test_a_forked_call_gives_what_the_call_gives_here() -> None:
    with workers.Forked(functools.partial(os.getpid)) as task:
        assert task.in_child
        assert task.result() != os.getpid()  # answered by the copy
    with workers.Forked(functools.partial(os.getpid), in_child=False) as task:
        assert not task.in_child and task.result() == os.getpid()


@pytest.mark.skipif(not workers.FORK, reason="forks on Linux only")
def test_a_forked_call_that_fails_or_dies_is_done_here() -> None:
    with workers.Forked(functools.partial(int, "zwölf")) as task, pytest.raises(ValueError, match="zwölf"):
        task.result()  # the copy failed: the call runs here and raises its own error
    here = os.getpid()

    def slow_in_the_copy() -> int:
        if os.getpid() != here:
            time.sleep(60)  # killed meanwhile
        return os.getpid()

    task = workers.Forked(slow_in_the_copy)
    assert task._pid is not None
    os.kill(task._pid, signal.SIGKILL)
    assert task.result() == here  # done here, not answered by the killed copy


@pytest.mark.skipif(not workers.FORK, reason="forks on Linux only")
def test_a_forked_copy_is_stopped_on_leaving() -> None:
    with workers.Forked(functools.partial(time.sleep, 60)) as task:
        pid = task._pid
        assert pid is not None
    with pytest.raises(ChildProcessError):  # killed and reaped, not left running
        os.waitpid(pid, os.WNOHANG)


def test_a_forked_call_runs_here_where_no_copy_can_be_made(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "FORK", False)  # macOS, Windows
    with workers.Forked(functools.partial(os.getpid)) as task:
        assert not task.in_child and task.result() == os.getpid()


def test_district_pages_are_the_same_with_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from mintgraph import analyze, load
    from mintgraph.cli import cli
    from mintgraph.export import write_outputs

    data = tmp_path / "data"
    assert CliRunner().invoke(cli, ["generate", str(data), "--actors", "2600"]).exit_code == 0
    result = analyze(load(data), permutations=0)
    started: list[int] = []
    original = layout.LayoutBatch.__init__

    def spy(self: layout.LayoutBatch, *args: object, **kwargs: object) -> None:
        original(self, *args, **kwargs)  # type: ignore[arg-type]
        started.append(self.workers)

    forked: list[bool] = []
    original_fork = workers.Forked.__init__

    def fork_spy(self: workers.Forked, *args: object, **kwargs: object) -> None:
        original_fork(self, *args, **kwargs)  # type: ignore[arg-type]
        forked.append(self.in_child)

    monkeypatch.setattr(layout.LayoutBatch, "__init__", spy)
    monkeypatch.setattr(workers.Forked, "__init__", fork_spy)
    monkeypatch.setattr(layout, "LAYOUT_WORKERS_MIN_NODES", 10**9)
    monkeypatch.setattr(workers, "FORK", False)
    here = write_outputs(result, tmp_path / "here", lang="en")
    monkeypatch.setattr(layout, "LAYOUT_WORKERS_MIN_NODES", 0)
    monkeypatch.setattr(workers, "FORK", sys.platform == "linux")
    there = write_outputs(result, tmp_path / "workers", lang="en")
    assert started[0] == 0 and started[1] >= 1
    linux = sys.platform == "linux"
    # forked: the tables, overview, networks and map; and a copy that draws district pages too
    assert forked == [False, False, linux, linux]
    pages = [p for p in here if p.parent.name == "districts" and p.suffix == ".html"]
    assert len(pages) > 10
    assert [p.relative_to(tmp_path / "here") for p in here] == [
        p.relative_to(tmp_path / "workers") for p in there
    ]
    for page in here:
        assert page.read_bytes() == (tmp_path / "workers" / page.relative_to(tmp_path / "here")).read_bytes()


def test_threads_give_the_same_tables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The per-network rows (cohesion, effects) on two threads and the sampled betweenness drawn
    on its own thread — from the engine copy, while networkx's graph is still being built, then
    beside the brokerage measures and closeness — are the tables computed on one thread,
    sampled estimates included."""
    from click.testing import CliRunner

    from mintgraph import analyze, engine, load
    from mintgraph.cli import cli

    data = tmp_path / "data"
    assert CliRunner().invoke(cli, ["generate", str(data), "--actors", "5200"]).exit_code == 0
    dataset = load(data)
    assert len(dataset.actors) > engine.SAMPLING_THRESHOLD  # KADABRA on its own thread
    monkeypatch.setattr(engine, "THREADS", 1)
    one = analyze(dataset, permutations=99)
    monkeypatch.setattr(engine, "THREADS", 2)
    drawn_from: list[object] = []
    original = engine.betweenness

    def spy(graph: object, *args: object, **kwargs: object) -> dict:
        drawn_from.append(graph)
        return original(graph, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "betweenness", spy)
    two = analyze(dataset, permutations=99)
    assert isinstance(drawn_from[0], engine.EngineGraph)  # started before networkx had the ties
    assert one.summary["centrality"]["betweenness"].startswith("KADABRA")
    for name, table in one.tables().items():
        assert table.equals(two.tables()[name]), name
    assert one.summary == two.summary


def _wait_until_sent(call: workers.Call[Any], timeout: float = 60.0) -> None:
    """Wait until the worker has been sent ``call``; fail (instead of hanging the suite) if it
    is not sent within ``timeout`` seconds, e.g. because the worker died."""
    deadline = time.monotonic() + timeout
    while not call._sent:
        assert time.monotonic() < deadline, "the worker was not sent the call"
        time.sleep(0.005)


def test_worker_calls_give_what_the_calls_give_here() -> None:
    calls = [
        functools.partial(sorted, [5, 3, 9, 1]),
        functools.partial(divmod, 17, 5),
        functools.partial(os.getpid),
    ]
    with workers.Worker() as worker:
        assert worker.in_worker
        submitted = [worker.submit(call) for call in calls]
        _wait_until_sent(submitted[-1])  # the worker has had every call (one at a time, in order)
        answers = [call.result() for call in reversed(submitted)][::-1]  # read in any order
    assert answers[:2] == [[1, 3, 5, 9], (3, 2)]
    assert answers[2] != os.getpid()  # the worker's process did it
    with workers.Worker(in_worker=False) as worker:
        assert not worker.in_worker
        assert [worker.submit(call).result() for call in calls] == [[1, 3, 5, 9], (3, 2), os.getpid()]


def test_a_call_the_worker_has_not_reached_is_done_here_at_once() -> None:
    """A call queued behind a long one is taken back and done here, not waited for, and the
    worker is never sent it."""
    with workers.Worker() as worker:
        long = worker.submit(functools.partial(time.sleep, 60))
        _wait_until_sent(long)  # the worker has the long call
        queued = worker.submit(functools.partial(os.getpid))
        started = time.perf_counter()
        assert queued.result() == os.getpid()  # done here
        assert time.perf_counter() - started < 30
        assert not queued._sent and not worker._queued
        process = worker._process
    assert process is not None and process.poll() is not None  # stopped on leaving, sleep abandoned


def test_a_worker_call_that_fails_raises_here() -> None:
    with workers.Worker() as worker:
        failing = worker.submit(functools.partial(int, "zwölf"))
        after = worker.submit(functools.partial(os.getpid))
        _wait_until_sent(after)  # the worker answered the failing call and has the next one
        with pytest.raises(ValueError, match="zwölf"):
            failing.result()  # the worker's error text is not raised: the call runs here and raises its own
        assert after.result() != os.getpid()  # the worker goes on with the next call


def test_a_worker_that_died_leaves_its_calls_to_this_process() -> None:
    worker = workers.Worker()
    process = worker._process
    assert process is not None
    process.kill()
    process.wait()
    calls = [worker.submit(functools.partial(os.getpid)) for _ in range(3)]
    assert [call.result() for call in calls] == [os.getpid()] * 3  # done here, not by the killed worker
    worker.close()


def test_a_call_under_way_when_the_worker_is_stopped_is_done_here() -> None:
    worker = workers.Worker()
    call = worker.submit(functools.partial(time.sleep, 3))
    _wait_until_sent(call)
    process = worker._process
    started = time.perf_counter()
    worker.close()
    assert time.perf_counter() - started < 2  # the worker's sleep abandoned, not waited for
    assert process is not None and process.poll() is not None  # killed and reaped, not left running
    assert worker.submit(functools.partial(os.getpid)).result() == os.getpid()  # a call after: here
    started = time.perf_counter()
    assert call.result() is None and call._answer == []
    assert time.perf_counter() - started >= 3  # slept here


def test_analysis_is_the_same_with_the_worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The Louvain runs and the member subgraphs' exact betweenness done by a worker process
    (large landscapes) give the tables and the summary of the calls done in process; every
    network's betweenness was computed there, by the worker, and not again here."""
    from click.testing import CliRunner

    from mintgraph import analysis, load
    from mintgraph.cli import cli

    data = tmp_path / "data"
    assert CliRunner().invoke(cli, ["generate", str(data), "--actors", "2600"]).exit_code == 0
    dataset = load(data)
    started: list[bool] = []
    submitted: list[workers.Call[object]] = []
    here_calls: list[str] = []
    original_init, original_submit = workers.Worker.__init__, workers.Worker.submit

    def spy_init(self: workers.Worker, *args: object, **kwargs: object) -> None:
        original_init(self, *args, **kwargs)  # type: ignore[arg-type]
        started.append(self.in_worker)

    def spy_submit(self: workers.Worker, work: functools.partial[object]) -> workers.Call[object]:
        call = original_submit(self, work)
        call._kind = work.func.__name__  # type: ignore[attr-defined]
        submitted.append(call)

        def counted() -> object:  # counts only the calls made here
            here_calls.append(work.func.__name__)
            return work()

        call._work = counted
        return call

    monkeypatch.setattr(workers.Worker, "__init__", spy_init)
    monkeypatch.setattr(workers.Worker, "submit", spy_submit)
    monkeypatch.setattr(analysis, "WORKER_MIN_ACTORS", 10**9)
    here = analysis.analyze(dataset, permutations=99)
    assert started == [False]
    assert here_calls.count("_louvain_runs") == 1 and "_tie_betweenness" not in here_calls
    monkeypatch.setattr(analysis, "WORKER_MIN_ACTORS", 0)
    here_calls.clear()
    submitted.clear()
    there = analysis.analyze(dataset, permutations=99)
    assert started == [False, True]
    kinds = [call._kind for call in submitted]
    assert kinds[:2] == ["preload", "_louvain_runs"]
    assert kinds.count("_tie_betweenness") == len(dataset.networks)  # the landscape's is the actors'
    # each call done once: by the worker, or here if the worker had not reached it when it was read
    assert sorted(here_calls) == sorted(call._kind for call in submitted if not call._sent)
    assert here.summary["communities"]["communities"] > 1
    for name, table in here.tables().items():
        assert table.equals(there.tables()[name]), name
    assert here.summary == there.summary


def test_member_betweenness_from_the_worker_is_the_one_computed_here(tmp_path: Path) -> None:
    """The exact betweenness of each network's member subgraph, computed by a worker process
    from the subgraph's ties alone, equals the one computed here to the last bit."""
    from click.testing import CliRunner

    from mintgraph import engine, load
    from mintgraph.cli import cli
    from mintgraph.graph import cooperation_graph, network_members
    from mintgraph.metrics import cohesion

    data = tmp_path / "data"
    assert CliRunner().invoke(cli, ["generate", str(data), "--actors", "1500"]).exit_code == 0
    dataset = load(data)
    whole = engine.engine_graph(cooperation_graph(dataset))
    largest = 0.0
    with workers.Worker() as worker:
        for members in network_members(dataset).values():
            sub = whole.subgraph(whole.mask(members))
            there = cohesion._member_betweenness(sub, None, None, worker)
            call = there.__self__  # type: ignore[attr-defined]
            _wait_until_sent(call)  # read only once the worker has it
            here = np.fromiter(engine.betweenness(sub).values(), dtype=float, count=sub.n)
            assert np.array_equal(there(), here) and call._answer == []  # answered, and taken
            largest = max(largest, float(here.max(initial=0.0)))
    assert largest > 0


def test_tables_computed_side_by_side_are_those_computed_one_after_another() -> None:
    """``analyze`` computes the landscape's cohesion row beside the networks' rows and the
    members' comparisons on a thread of their own: the tables are those of the calls made one
    after another (the example, whose landscape row is the largest)."""
    from mintgraph import analysis, load
    from mintgraph.metrics.effects import network_effects
    from mintgraph.metrics.scorecard import plus_scorecard

    dataset = load(Path(__file__).parent.parent / "data")
    result = analysis.analyze(dataset, permutations=99)
    current, graph = result.dataset, result.graph
    betweenness = result.actors.set_index("id")["betweenness"]
    networks = analysis.networks_with_cohesion(graph, current, seed=42, permutations=99)
    landscape = analysis.networks_with_cohesion(
        graph, analysis.landscape_network(current), seed=42, permutations=99, betweenness=betweenness
    )
    effects = network_effects(
        graph,
        current,
        history=result.loaded,
        reference_year=result.summary["reference_year"],
        betweenness=betweenness,
        seed=42,
        permutations=99,
    )
    assert result.networks.drop(columns="ended_ties").equals(networks)
    assert result.effects.equals(effects)
    scorecard = plus_scorecard(result.networks, landscape.iloc[0], current, effects=effects)
    assert result.scorecard.equals(scorecard)  # the landscape's row enters the scorecard
    assert networks["ei_regions_p"].notna().sum() > 5 and effects["p_value"].notna().any()


def _state(pid: int) -> tuple[str, str]:
    """A process's state letter and the kernel function it waits in (Linux ``/proc``)."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    return stat[stat.rindex(")") + 2], Path(f"/proc/{pid}/wchan").read_text()


def _until_blocked_writing(pid: int) -> None:
    deadline = time.monotonic() + 30
    while "pipe_write" not in _state(pid)[1]:  # blocked on the full pipe
        if time.monotonic() > deadline:
            if _state(pid) == ("S", "0"):
                pytest.skip("this kernel does not say where a process waits")
            pytest.fail("the worker never filled the pipe")
        time.sleep(0.01)


def _within(seconds: float, call: functools.partial) -> object:
    """``call()``, done by a thread; a failure if it has not returned after ``seconds``."""
    answer: list[object] = []
    thread = threading.Thread(target=lambda: answer.append(call()), daemon=True)
    thread.start()
    thread.join(seconds)
    if not answer:
        pytest.fail(f"no answer in {seconds} s from {call.func.__name__}: bytes were lost")
    return answer[0]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("unbuffered", ["1", ""])
def test_a_worker_stopped_and_continued_while_it_answers_loses_no_byte(
    monkeypatch: pytest.MonkeyPatch, unbuffered: str
) -> None:
    """Ctrl-Z and ``fg`` (SIGSTOP, SIGCONT) while a worker writes a large answer into a full pipe
    cut that write short. With ``PYTHONUNBUFFERED=1`` (common in containers) the worker's
    standard output was unbuffered, so a short write lost the answer's tail and the caller
    waited for it for ever (found while profiling 100,000 actors)."""
    monkeypatch.setenv("PYTHONUNBUFFERED", unbuffered)
    worker = workers.start_worker()
    assert worker is not None and worker.stdin is not None and worker.stdout is not None
    stdout = worker.stdout
    data: list[bytes] = []
    try:
        workers.send(worker.stdin, functools.partial(bytes, 8_000_000))
        _until_blocked_writing(worker.pid)
        length = int.from_bytes(stdout.read(8), "little")
        for _ in range(3):  # each stop cuts the write under way short
            os.kill(worker.pid, signal.SIGSTOP)
            while _state(worker.pid)[0] != "T":
                time.sleep(0.01)
            os.kill(worker.pid, signal.SIGCONT)
            # the caller reads a little, the worker writes on
            data.append(_within(30, functools.partial(stdout.read, 100_000)))
            _until_blocked_writing(worker.pid)
        data.append(_within(30, functools.partial(stdout.read, length - sum(map(len, data)))))
        assert pickle.loads(b"".join(data)) == (True, bytes(8_000_000))
        workers.send(worker.stdin, functools.partial(max, 4, 9))
        assert _within(30, functools.partial(workers.receive, stdout)) == (True, 9)  # in step
    finally:
        workers.stop(worker)


class _Trickle:
    """A stream that takes and gives at most 5 bytes per call, as an unbuffered pipe may."""

    def __init__(self) -> None:
        self.bytes = bytearray()

    def write(self, data: memoryview) -> int:
        self.bytes += data[:5]
        return min(5, len(data))

    def read(self, n: int) -> bytes:
        part, self.bytes[:] = bytes(self.bytes[: min(n, 5)]), self.bytes[min(n, 5) :]
        return part

    def flush(self) -> None:
        pass


def test_answers_cross_streams_that_take_and_give_a_few_bytes_at_a_time() -> None:
    stream = _Trickle()
    workers.send(stream, {"Kassel": list(range(100))})
    workers.send(stream, "Fulda")
    assert workers.receive(stream) == {"Kassel": list(range(100))}
    assert workers.receive(stream) == "Fulda"
    workers.send(stream, "Werra-Meißner")
    del stream.bytes[-3:]  # the writer ended before its last bytes
    with pytest.raises(EOFError):
        workers.receive(stream)


@pytest.mark.skipif(not workers.FORK, reason="forks on Linux only")
def test_the_terminal_says_the_same_when_a_forked_copy_words_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``mintgraph analyze`` above :data:`mintgraph.defaults.FORK_ABOVE` actors has a forked copy
    word the result while it writes; the terminal shows the same lines as without the copy."""
    from click.testing import CliRunner

    from mintgraph.cli import cli

    data = tmp_path / "data"
    assert CliRunner().invoke(cli, ["generate", str(data), "--actors", "2400"]).exit_code == 0
    forked: list[bool] = []
    original_fork = workers.Forked.__init__

    def fork_spy(self: workers.Forked, *args: object, **kwargs: object) -> None:
        original_fork(self, *args, **kwargs)  # type: ignore[arg-type]
        forked.append(self.in_child)

    monkeypatch.setattr(workers.Forked, "__init__", fork_spy)
    said = []
    for fork in (True, False):
        monkeypatch.setattr(workers, "FORK", fork)
        run = CliRunner().invoke(cli, ["analyze", str(data), "-o", str(tmp_path / f"out{fork}")])
        assert run.exit_code == 0, run.output
        said.append(run.output.replace(f"out{fork}", "out"))
    assert forked == [True] * 3 + [False] * 3  # the wording, the tables, district pages; then none
    assert said[0] == said[1]
    for page in sorted((tmp_path / "outTrue").rglob("*")):
        other = tmp_path / "outFalse" / page.relative_to(tmp_path / "outTrue")
        assert page.is_dir() or page.read_bytes() == other.read_bytes(), page
    assert "Plus" in said[0] and "effects.csv" in said[0] and "2.400" in said[0]
