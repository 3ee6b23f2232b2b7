"""Worker processes: work done by another process while this one goes on.

mintgraph uses a second core for work that does not depend on what this process does next: the
district pages' layouts (:class:`mintgraph.layout.LayoutBatch`), and the Louvain runs of the
communities and the exact betweenness of the networks' member subgraphs while the other indicators
are computed (:func:`mintgraph.analysis.analyze`, one :class:`Worker`), in fresh worker processes,
and the tables and views written beside the district pages (:func:`mintgraph.export.write_outputs`),
district pages beside those this process draws, and the terminal's text on the result (``mintgraph
analyze``) in forked copies of this process (:class:`Forked`, Linux only: the analysis is already in
memory, and sending it to a fresh process would cost more than the work). A worker is a fresh
``python -c`` process (:data:`WORKER`) that imports mintgraph *from the same files as this process*
and answers requests sent over a pipe: each request is a picklable callable without arguments (a
module-level function bound to its arguments with :func:`functools.partial`, or a bound method),
each answer its result. Unlike :mod:`multiprocessing` a worker never runs the caller's script again,
so a notebook or a script without a ``__main__`` guard is safe, and no worker is forked from a
process that may run threads (a :class:`Forked` copy only computes: it uses none of this process's
threads, writes no file but the temporary files this process staged for it, and sends its result
back). Workers can be started ahead, before the data is read (:func:`prestart`), and run only on
idle cores (:func:`yield_cpu`). A worker ignores Ctrl-C (the caller stops it), writes nothing to the
terminal, and ends at once (exit status 3) if it found another mintgraph than the caller's. A worker
that cannot start, dies, or fails costs only time: the caller then does the work itself, with its
own code, and raises the error itself if it fails.

Example
-------
>>> import functools
>>> with Worker(in_worker=False) as worker:
...     worker.submit(functools.partial(sorted, [3, 1, 2])).result()
[1, 2, 3]
"""

from __future__ import annotations

import atexit
import collections
import contextlib
import functools
import gc
import importlib
import os
import pickle
import signal
import subprocess
import sys
import threading
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar

__all__ = [
    "WORKER",
    "Call",
    "Forked",
    "Handout",
    "Worker",
    "preload",
    "prestart",
    "receive",
    "send",
    "serve",
    "start_worker",
    "stop",
    "stop_spares",
    "write",
    "yield_cpu",
]

_T = TypeVar("_T")

WORKER = (
    "import sys, pathlib; root = str(pathlib.Path(sys.argv[1]).parent.parent); "
    "sys.path.insert(0, root) if root not in sys.path else None; "
    "from mintgraph.workers import serve; serve(sys.argv[1])"
)
"""A worker's program, run as ``python -c WORKER <path of this file>``: this module from the file
the caller uses (the package's folder goes first on the path only if it is not on it already: an
installed mintgraph is imported as installed, a checkout imported from its folder is found
there)."""


def start_worker(spare: str | None = None) -> subprocess.Popen[bytes] | None:
    """Start a worker process; ``None`` where no process can be started (a sandbox). With
    ``spare``, the worker :func:`prestart` started for it, if there is one (waiting, if need be,
    until it has imported its modules).

    >>> import functools
    >>> worker = start_worker()
    >>> send(worker.stdin, functools.partial(max, 4, 9)); receive(worker.stdout)
    (True, 9)
    >>> stop(worker)
    """
    process = _spares.pop(spare, None) if spare is not None else None
    if process is not None:
        try:
            receive(process.stdout)  # the answer to its preload
            return process
        except (OSError, ValueError, EOFError, pickle.UnpicklingError):
            stop(process)  # a spare that failed: a fresh worker instead
    return _start()


_spares: dict[str, subprocess.Popen[bytes]] = {}  # started by prestart(), not yet taken
_stopped_at_exit = False  # whether stop_spares is registered to run at exit (once)


def prestart(spare: str, *modules: str, background: bool = False) -> bool:
    """Start a worker process now, importing ``modules`` at once, and keep it for the first
    :func:`start_worker` that asks for ``spare``: started before this process reads a large
    landscape, the worker imports its libraries on the core the reading leaves idle instead of
    later, when both cores compute. With ``background``, the worker first yields the processor
    (:func:`yield_cpu`), for work that may wait: its imports then take no time from this
    process or from a spare that is not in the background. Returns whether it was started. A
    spare nobody takes is stopped when this process exits (a worker also ends when this
    process's end of its pipe closes).

    >>> prestart("example", "json")
    True
    >>> worker = start_worker("example")
    >>> send(worker.stdin, functools.partial(max, 4, 9)); receive(worker.stdout)
    (True, 9)
    >>> stop(worker); "example" in _spares
    False
    """
    process = _start()
    if process is None:
        return False
    assert process.stdin is not None
    try:
        send(process.stdin, functools.partial(preload, *modules, background=background))
    except (OSError, ValueError):
        stop(process)
        return False
    global _stopped_at_exit
    if not _stopped_at_exit:
        atexit.register(stop_spares)
        _stopped_at_exit = True
    previous = _spares.pop(spare, None)
    if previous is not None:
        stop(previous)
    _spares[spare] = process
    return True


def stop_spares() -> None:
    """Stop the workers :func:`prestart` started that nobody took."""
    while _spares:
        stop(_spares.popitem()[1])


def _start() -> subprocess.Popen[bytes] | None:
    try:
        return subprocess.Popen(
            [sys.executable, "-c", WORKER, str(Path(__file__).resolve())],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,  # a worker's failure is the caller's to report
        )
    except OSError:
        return None


def stop(process: subprocess.Popen[bytes]) -> None:
    """Kill a worker (whatever it is doing is abandoned), reap it and close its pipes."""
    with contextlib.suppress(OSError):
        process.kill()
    process.wait()
    for pipe in (process.stdin, process.stdout):
        if pipe is not None:
            with contextlib.suppress(OSError):
                pipe.close()


def send(stream: Any, value: object) -> None:
    """Write ``value`` pickled, after its length in 8 bytes."""
    write(stream, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def write(stream: Any, data: bytes) -> None:
    """Write pickled bytes as :func:`send` does (the pickling done elsewhere).

    ``stream`` may be unbuffered (a worker's standard output under ``PYTHONUNBUFFERED=1``),
    whose ``write`` can take only part of the bytes (a pipe write cut short by Ctrl-Z): the
    rest is written on until every byte is taken."""
    for part in (len(data).to_bytes(8, "little"), data):
        view = memoryview(part)
        while view:
            view = view[stream.write(view) :]
    stream.flush()


def receive(stream: Any) -> Any:
    """Read one value written by :func:`send`; ``EOFError`` if the stream ends first."""
    return pickle.loads(_read_exactly(stream, int.from_bytes(_read_exactly(stream, 8), "little")))


def _read_exactly(stream: Any, size: int) -> bytes:
    """``size`` bytes from ``stream`` (an unbuffered one can give fewer per ``read``);
    ``EOFError`` if it ends first."""
    data = stream.read(size)
    if len(data) == size:
        return data
    whole = bytearray(data)
    while len(whole) < size:
        more = stream.read(size - len(whole))
        if not more:
            raise EOFError("the worker ended")
        whole += more
    return bytes(whole)


def yield_cpu() -> str:
    """Let this process run only on a core that no other process wants: Linux's idle scheduling
    class (``SCHED_IDLE``), else the lowest priority (nice 19). Sent as its first request to a
    worker whose work may wait (the district pages' layouts drawn while the indicators are
    computed, :class:`mintgraph.layout.LayoutBatch` with ``background=True``). A process cannot
    take this back without privileges. Returns what was done: ``"idle"``, ``"nice"`` or ``""``.

    >>> import functools
    >>> worker = start_worker()
    >>> send(worker.stdin, yield_cpu); receive(worker.stdout)[1] in ("idle", "nice", "")
    True
    >>> stop(worker)
    """
    if hasattr(os, "sched_setscheduler") and hasattr(os, "SCHED_IDLE"):
        with contextlib.suppress(OSError):
            os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
            return "idle"
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(19)
            return "nice"
    return ""


def serve(expected: str) -> None:
    """A worker's loop: answer each request read from standard input with ``(True, result)``, or
    ``(False, error text)`` if it raised, on standard output, until the input ends. A worker
    that imported this module from another file than ``expected`` (another mintgraph) ends at
    once with exit status 3."""
    if Path(__file__).resolve() != Path(expected):
        sys.exit(3)
    from mintgraph.libraries import leave_out_extras

    leave_out_extras()  # a worker never plots with igraph or networkit
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the caller's to handle
    requests, answers = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must not corrupt the answers
    while True:
        try:
            request = receive(requests)
        except EOFError:
            return
        try:
            answer: tuple[bool, object] = (True, request())
        except Exception as error:  # the caller does the work again and raises it there
            answer = (False, repr(error))
        send(answers, answer)


class Worker:
    """Calls done one after another by one worker process while the caller goes on.

    :meth:`submit` pickles a call at once (in the caller: its arguments are copied as they are
    now) and queues it; a thread of this process sends the queued calls to the worker one at a
    time, in the order submitted, each when the worker has answered the one before. A call's
    :meth:`Call.result` returns the worker's answer; a call the worker has not been sent yet
    is taken back and done here at once instead of waiting (so a call submitted behind a long
    one never waits for it), and so is every call where the worker could not start, died or
    failed, or with ``in_worker=False`` (a failing call then raises its own error here).
    Leaving the ``with`` block (or :meth:`close`) stops the worker: a call under way there is
    abandoned, and its :meth:`Call.result` does it here. ``spare``: take the worker
    :func:`prestart` started for this name, if there is one.

    >>> import functools
    >>> with Worker() as worker:
    ...     first = worker.submit(functools.partial(divmod, 17, 5))
    ...     second = worker.submit(functools.partial(sorted, [3, 1, 2]))
    ...     first.result(), second.result()
    ((3, 2), [1, 2, 3])
    """

    def __init__(self, *, in_worker: bool = True, spare: str | None = None) -> None:
        self._lock = threading.Condition()
        self._queued: collections.deque[Call[Any]] = collections.deque()
        self._closed = False
        self._process = start_worker(spare) if in_worker else None
        if self._process is not None:
            threading.Thread(target=self._feed, args=(self._process,), daemon=True).start()

    @property
    def in_worker(self) -> bool:
        """Whether a worker process was started (and not yet stopped)."""
        return self._process is not None

    def submit(self, work: Callable[[], _T]) -> Call[_T]:
        """Queue ``work`` (a picklable call without arguments) for the worker."""
        call = Call(self, work)
        if self._process is not None:
            call._data = pickle.dumps(work, protocol=pickle.HIGHEST_PROTOCOL)
            with self._lock:
                if not self._closed:
                    self._queued.append(call)
                    self._lock.notify()
        return call

    def _feed(self, process: subprocess.Popen[bytes]) -> None:
        """Send the worker each queued call and file its answer, one call at a time."""
        assert process.stdin is not None and process.stdout is not None
        while True:
            with self._lock:
                while not self._queued and not self._closed:
                    self._lock.wait()
                if self._closed:
                    return
                call = self._queued.popleft()
                call._sent = True
            try:
                write(process.stdin, call._data)
                ok, value = receive(process.stdout)
                if ok:  # else an error's text: result() does the call here and raises its error
                    call._answer.append(value)
            except (OSError, ValueError, EOFError, pickle.UnpicklingError):
                # the worker is gone, or close() closed its pipes while this thread used them
                # (ValueError): the calls still queued are done here
                with self._lock:
                    self._closed = True
                    self._queued.clear()
                return
            finally:
                call._done.set()

    def _take_back(self, call: Call[Any]) -> bool:
        """Remove ``call`` from the queue if the worker has not been sent it; whether it was."""
        with self._lock:
            if call._sent or call not in self._queued:
                return False
            self._queued.remove(call)
            return True

    def close(self) -> None:
        """Stop the worker (a call under way is abandoned; its result is then computed here)."""
        with self._lock:
            self._closed = True
            self._queued.clear()
            self._lock.notify()
            process, self._process = self._process, None
        if process is not None:
            stop(process)

    def __enter__(self) -> Worker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Call(Generic[_T]):
    """A call submitted to a :class:`Worker`; :meth:`result` gives what it returns."""

    def __init__(self, worker: Worker, work: Callable[[], _T]) -> None:
        self._worker, self._work = worker, work
        self._data = b""
        self._sent = False
        self._done = threading.Event()
        self._answer: list[Any] = []

    def result(self) -> _T:
        """The worker's answer; computed here if the worker was not sent the call yet (then it
        never will be), or could not answer it."""
        if self._sent or not self._worker._take_back(self):
            if self._sent:
                self._done.wait()  # answered, or the worker failed or was stopped
            if self._answer:
                return self._answer.pop()
        return self._work()


def preload(*modules: str, background: bool = False) -> None:
    """Import ``modules`` (a worker's first call, made while it would otherwise wait, so that
    the calls after it find them imported); with ``background``, after yielding the processor
    (:func:`yield_cpu`).

    >>> preload("json")
    """
    if background:
        yield_cpu()
    for name in modules:
        importlib.import_module(name)


FORK = sys.platform == "linux"
"""Whether :class:`Forked` forks (Linux: a forked copy shares this process's memory until it
writes; macOS' system libraries are not safe to use in a forked copy, Windows cannot fork)."""


class Forked(Generic[_T]):
    """One call, ``work()``, done by a forked copy of this process while this one goes on: for
    work on large data already in memory, which a fresh worker (:class:`Worker`) would have
    to be sent first.

    The copy computes ``work()``, sends back its result (pickled, over a pipe) and ends; it
    writes nothing to the terminal and no file but temporary files this process staged for it
    (:meth:`mintgraph.files.StagedFiles.reserve`), so stopping it at any moment leaves nothing
    behind. ``work`` must not use threads or locks of this process (it runs in a copy made
    while other threads may hold them). :meth:`result` waits for the answer; where the copy
    could not be made, failed or died, or with ``in_child=False`` or where :data:`FORK` is
    false, it calls ``work()`` here (and raises what it raises). Leaving the ``with`` block (or
    :meth:`close`) stops the copy.

    >>> import functools
    >>> with Forked(functools.partial(divmod, 17, 5)) as task:
    ...     task.result()
    (3, 2)
    """

    def __init__(self, work: Callable[[], _T], *, in_child: bool = True) -> None:
        self._work = work
        self._pid: int | None = None
        if not (in_child and FORK):
            return
        answers, answer = os.pipe()
        try:
            with warnings.catch_warnings():  # Python 3.12+ warns of forking a threaded process:
                warnings.simplefilter("ignore", DeprecationWarning)  # the copy uses none of them
                pid = os.fork()
        except OSError:
            os.close(answers)
            os.close(answer)
            return
        if pid == 0:  # the copy: compute, answer, end without running this process's exit code
            status = 1
            try:
                os.close(answers)
                gc.disable()  # a collection would touch, and so copy, every object
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, 1)
                os.dup2(devnull, 2)
                data = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(answer, "wb") as stream:
                    write(stream, data)
                status = 0
            finally:
                os._exit(status)
        os.close(answer)
        self._pid = pid
        # the answer is read as soon as it comes, so that the copy ends and frees its memory then
        self._answer: list[Any] = []
        self._reading = threading.Thread(target=self._read, args=(answers,), daemon=True)
        self._reading.start()

    def _read(self, answers: int) -> None:
        with (
            contextlib.suppress(OSError, EOFError, pickle.UnpicklingError),
            os.fdopen(answers, "rb") as stream,
        ):
            self._answer.append(receive(stream))

    @property
    def in_child(self) -> bool:
        """Whether a forked copy does the work."""
        return self._pid is not None

    def finished(self) -> bool:
        """Whether the copy has answered, failed or died (or there is none): :meth:`result` would
        not wait for it."""
        return self._pid is None or not self._reading.is_alive()

    def result(self) -> _T:
        """The result of ``work()``: the copy's answer, else computed here."""
        pid, self._pid = self._pid, None
        if pid is not None:
            try:
                self._reading.join()  # the copy answered, failed or died
            finally:
                _end(pid)
            if self._answer:
                return self._answer.pop()
        return self._work()

    def close(self) -> None:
        """Stop the copy, if it is still running (its work is abandoned)."""
        pid, self._pid = self._pid, None
        if pid is not None:
            _end(pid)  # its end of the pipe closes: the reading ends
            self._reading.join()
            self._answer.clear()

    def __enter__(self) -> Forked[_T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Handout:
    """The numbers 0 … n-1, each handed out once, to whichever process asks first: this one or a
    copy forked from it (:class:`Forked`) while they are handed out. They wait in a pipe, four
    bytes each, written before any is taken; a read of four bytes from a pipe is never split
    between two readers, so no two processes get the same number and no lock is needed. For
    work split between processes as it goes, each taking the next piece when it is free.

    >>> with Handout(3) as numbers:
    ...     [numbers.take() for _ in range(4)]
    [0, 1, 2, None]
    """

    LIMIT = 16_000
    """The most numbers a handout holds (what a pipe holds without a reader)."""

    def __init__(self, n: int) -> None:
        if not 0 <= n <= self.LIMIT:
            raise ValueError(f"a handout holds 0 to {self.LIMIT} numbers, not {n}")
        self._read, written = os.pipe()
        try:
            data = b"".join(k.to_bytes(4, "little") for k in range(n))
            while data:
                data = data[os.write(written, data) :]
        finally:
            os.close(written)

    def take(self) -> int | None:
        """The next number nobody has taken; None when none is left."""
        data = os.read(self._read, 4)
        return int.from_bytes(data, "little") if len(data) == 4 else None

    def close(self) -> None:
        """Give up the numbers not taken (in this process)."""
        if self._read >= 0:
            os.close(self._read)
            self._read = -1

    def __enter__(self) -> Handout:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _end(pid: int) -> None:
    """Kill a forked copy (if it still runs) and reap it."""
    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)
