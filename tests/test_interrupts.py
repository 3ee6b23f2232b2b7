"""Ctrl-C taken where it is safe (mintgraph.interrupts): after an import, after the outputs are
moved, and never lost. Signals are raised in this (pytest's main) thread with signal.raise_signal."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mintgraph import files, interrupts
from mintgraph.files import StagedFiles, atomic_write_text

ROOT = Path(__file__).resolve().parent.parent


def _wait_for_the_interrupt(seconds: float = 2.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:  # Python code: where a held-back Ctrl-C is raised again
        time.sleep(0.005)
    pytest.fail("the Ctrl-C never reached the main thread")


def test_ctrl_c_inside_an_import_is_raised_once_the_import_is_done(tmp_path, monkeypatch):
    module = "mintgraph_test_interrupted_import"
    (tmp_path / f"{module}.py").write_text(
        "import signal, time\n"
        "signal.raise_signal(signal.SIGINT)\n"
        "deadline = time.monotonic() + 0.3\n"
        "while time.monotonic() < deadline:  # Python's own handler raises here\n"
        "    pass\n"
        "finished = time.monotonic()\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, module, raising=False)
    with interrupts.installed(), pytest.raises(KeyboardInterrupt):
        __import__(module)
        _wait_for_the_interrupt()
    raised = time.monotonic()
    assert sys.modules[module].finished <= raised < sys.modules[module].finished + 1.0
    assert not interrupts.requested()  # the handler's state ends with the block
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_without_the_handler_the_same_import_is_cut_short(tmp_path, monkeypatch):
    """What the handler prevents (Python's own Ctrl-C): the import is interrupted half-way."""
    module = "mintgraph_test_cut_short_import"
    (tmp_path / f"{module}.py").write_text(
        "import signal\nsignal.raise_signal(signal.SIGINT)\nfinished = True\n", encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(KeyboardInterrupt):
        __import__(module)
    assert module not in sys.modules


def test_ctrl_c_while_outputs_are_moved_is_raised_after_all_are(tmp_path, monkeypatch):
    targets = [tmp_path / f"{name}.txt" for name in ("a", "b", "c")]
    for target in targets:
        target.write_text("old", encoding="utf-8")
    real_replace, moved = os.replace, []

    def replace(source: str, target: Path) -> None:
        if not moved:
            signal.raise_signal(signal.SIGINT)  # Ctrl-C as the first file is moved
        real_replace(source, target)
        moved.append(Path(target).name)

    monkeypatch.setattr(files.os, "replace", replace)
    with interrupts.installed(), pytest.raises(KeyboardInterrupt):
        with StagedFiles() as staged:
            for target in targets:
                staged.add(target, "new")
            staged.commit()
        _wait_for_the_interrupt()
    assert moved == ["a.txt", "b.txt", "c.txt"]
    assert [t.read_text(encoding="utf-8") for t in targets] == ["new"] * 3
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_ctrl_c_a_library_dropped_still_stops_every_output(tmp_path):
    staged_target, single_target = tmp_path / "page.html", tmp_path / "table.csv"
    for target in (staged_target, single_target):
        target.write_text("old", encoding="utf-8")
    with interrupts.installed():
        try:  # a library that catches KeyboardInterrupt and goes on
            signal.raise_signal(signal.SIGINT)
            time.sleep(1.0)
        except KeyboardInterrupt:
            pass
        assert interrupts.requested()
        with pytest.raises(KeyboardInterrupt), StagedFiles() as staged:
            staged.add(staged_target, "new")
            staged.commit()
        with pytest.raises(KeyboardInterrupt):
            atomic_write_text(single_target, "new")
    assert [t.read_text(encoding="utf-8") for t in (staged_target, single_target)] == ["old", "old"]
    assert not list(tmp_path.glob(".*.tmp"))
    atomic_write_text(single_target, "new")  # the block is over: nothing pending
    assert single_target.read_text(encoding="utf-8") == "new"


def test_an_uninterrupted_function_finishes_first(tmp_path):
    steps: list[int] = []

    @interrupts.uninterrupted
    def three_steps() -> None:
        for step in range(3):
            if step == 1:
                signal.raise_signal(signal.SIGINT)
            time.sleep(0.1)
            steps.append(step)

    with interrupts.installed(), pytest.raises(KeyboardInterrupt):
        three_steps()
        _wait_for_the_interrupt()
    assert steps == [0, 1, 2]


def test_a_held_back_ctrl_c_that_check_raised_is_not_raised_again():
    @interrupts.uninterrupted
    def write() -> None:
        signal.raise_signal(signal.SIGINT)

    with interrupts.installed():
        with pytest.raises(KeyboardInterrupt):
            write()
            interrupts.check()  # before the retry (50 ms): the interrupt is raised here
        try:  # the clean-up after it: no second KeyboardInterrupt
            time.sleep(10 * interrupts.RETRY_SECONDS)
        except KeyboardInterrupt:
            pytest.fail("the same Ctrl-C was raised twice")


def test_the_command_stopped_in_an_import_that_drops_the_interrupt_exits_130(tmp_path):
    """A compiled module's setup code that catches KeyboardInterrupt (Cython does, and prints
    "Exception ignored"): with Python's own Ctrl-C the command ran on and exited 0."""
    data, out = ROOT / "data", tmp_path / "out"
    code = (
        "import signal, sys, time\n"
        "class DropsInterrupts:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'mintgraph.cli':\n"
        "            sys.meta_path.remove(self)\n"
        "            try:\n"
        "                signal.raise_signal(signal.SIGINT)\n"
        "                deadline = time.monotonic() + 0.3\n"
        "                while time.monotonic() < deadline:\n"
        "                    pass\n"
        "            except KeyboardInterrupt:\n"
        "                print('dropped', file=sys.stderr)\n"
        "        return None\n"
        "sys.meta_path.insert(0, DropsInterrupts())\n"
        f"sys.argv = ['mintgraph', 'analyze', {str(data)!r}, '-o', {str(out)!r}]\n"
        "from mintgraph.console import run\n"
        "run()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 130, done.stderr
    assert [line for line in done.stderr.splitlines() if line.strip()] == [
        "mintgraph: interrupted (Ctrl-C); no output was changed half-way"
    ]
    assert not out.exists()


def test_the_command_ends_with_the_exit_code_of_its_system_exit(capsys):
    from mintgraph.console import _exit_code

    assert [_exit_code(SystemExit(c)) for c in (None, 0, 1, 130, -1)] == [0, 0, 1, 130, 255]
    assert _exit_code(SystemExit("kaputt")) == 1
    assert capsys.readouterr().err == "kaputt\n"


def _kadabra_interrupted(in_thread: bool) -> BaseException | None:
    """What a sampled betweenness that takes about a second (networkit's KADABRA) raises when
    Ctrl-C comes every 0.1 s while it runs. Between runs the signals only are counted (a
    handler that does not raise), so the one that counts is the one networkit takes."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    import networkx as nx

    from mintgraph import engine

    graph = engine.engine_graph(nx.gnm_random_graph(20_000, 60_000, seed=1))
    sampling = engine.Sampling(epsilon_betweenness=0.003, seed=1)
    stop, counted = threading.Event(), []

    def press_ctrl_c() -> None:
        while not stop.wait(0.1):
            os.kill(os.getpid(), signal.SIGINT)

    previous = signal.signal(signal.SIGINT, lambda *_: counted.append(1))
    sender = threading.Thread(target=press_ctrl_c)
    sender.start()
    try:
        if in_thread:
            with ThreadPoolExecutor(max_workers=1) as pool:
                pool.submit(engine.betweenness, graph, sampling).result()
        else:
            engine.betweenness(graph, sampling)
    except BaseException as exc:  # what was raised is the subject of the test
        return exc
    finally:
        stop.set()
        sender.join()  # the last signal is counted here, before Python's handler is back
        signal.signal(signal.SIGINT, previous)
    return None


@pytest.mark.parametrize("in_thread", [False, True], ids=["main thread", "side thread"])
def test_ctrl_c_during_networkits_kadabra_is_a_keyboard_interrupt(in_thread):
    """networkit takes SIGINT itself while it runs and raised RuntimeError("Received
    CTRL+C/SIGINT"): the command printed a traceback and exited 1."""
    raised = _kadabra_interrupted(in_thread)
    assert raised is not None, "KADABRA ran to its end through ten Ctrl-C"
    assert type(raised) is KeyboardInterrupt, repr(raised)
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # networkit gave it back


class _InterruptedNetworkit:
    """A networkit algorithm whose run networkit ended on Ctrl-C (it took the signal itself)."""

    def run(self) -> None:
        raise RuntimeError("Received CTRL+C/SIGINT")


def test_ctrl_c_that_networkit_took_on_a_side_thread_stops_the_busy_main_thread():
    """Before, the main thread went on with its own work (eigenvector, brokerage: up to 2 s at
    100,000 actors) and stopped only where it read the side thread's result."""
    import threading

    from mintgraph import engine

    raised_on_the_side: list[BaseException] = []

    def side_work() -> None:
        try:
            engine._run_networkit(_InterruptedNetworkit())
        except BaseException as exc:  # what it raised is checked below
            raised_on_the_side.append(exc)

    side = threading.Thread(target=side_work)
    with interrupts.installed(), pytest.raises(KeyboardInterrupt):
        side.start()
        _wait_for_the_interrupt()
    side.join()
    assert [type(e) for e in raised_on_the_side] == [KeyboardInterrupt]  # its own work ends too


def test_ctrl_c_during_the_clean_up_after_one_does_not_cut_it_short():
    """The forwarded Ctrl-C can arrive after the main thread met the side thread's
    KeyboardInterrupt at its result: a second KeyboardInterrupt would then be raised in the
    middle of the clean-up (here a ``finally`` block)."""
    import _thread

    cleaned_up = []
    with interrupts.installed():
        with pytest.raises(KeyboardInterrupt):
            try:
                raise KeyboardInterrupt
            finally:
                _thread.interrupt_main(signal.SIGINT)
                deadline = time.monotonic() + 0.2
                while time.monotonic() < deadline:  # Python code: where a signal's handler runs
                    pass
                cleaned_up.append(True)
        assert interrupts.requested()
    assert cleaned_up == [True]
