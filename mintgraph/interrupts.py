"""Ctrl-C, taken where it is safe: never inside an import, never half-way through moving outputs.

Python turns Ctrl-C (``SIGINT``) into a ``KeyboardInterrupt`` raised wherever the main thread
happens to be. Inside an import that goes wrong in ways no caller can handle (each seen with
``mintgraph analyze`` stopped while its libraries load): a compiled (Cython) module swallows it
("Exception ignored") and the command runs on to the end and exits 0 after the user stopped
it; a class being defined re-raises it as ``RuntimeError`` (``Error calling __set_name__``)
with a traceback; the process ends killed by the signal (exit -2) after the command printed
its one line. Inside numba's compiler it is printed with a traceback and lost (a callback from
C). Half-way through :meth:`mintgraph.files.StagedFiles.commit` it would leave some outputs new
and some old.

The command (:func:`mintgraph.console.main`) therefore installs :func:`handle` for ``SIGINT``
(:func:`installed`). It raises ``KeyboardInterrupt`` at once unless the main thread is inside an
import, numba's compiler (:data:`COMPILERS`) or a function marked :func:`uninterrupted`; there
it notes the interrupt and asks again every 50 ms (:func:`_thread.interrupt_main`) until the
main thread has left that place. A Ctrl-C that a library took on another thread (networkit does
while its algorithms run) is passed on to the main thread with :func:`forward`.
:func:`check` raises the noted interrupt: the outputs are moved into place only after it, so a
``KeyboardInterrupt`` that some library caught and dropped still stops the command before it
changes an output. A notebook, which does not install the handler, keeps Python's own Ctrl-C.

>>> import signal
>>> with installed():
...     signal.getsignal(signal.SIGINT) is handle
True
"""

from __future__ import annotations

import _thread
import contextlib
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from types import CodeType, FrameType
from typing import TypeVar

__all__ = ["check", "forward", "handle", "installed", "requested", "uninterrupted"]

_F = TypeVar("_F", bound=Callable[..., object])

RETRY_SECONDS = 0.05
"""How soon a held-back Ctrl-C is tried again."""

COMPILERS = ("numba", "llvmlite")
"""Packages in whose Python code Ctrl-C is held back: llvmlite calls Python back from its
compiler (a ``ctypes`` callback), where a ``KeyboardInterrupt`` is printed with a traceback
and lost. A Ctrl-C while numba compiles :mod:`mintgraph.kernels` (the first run after an
installation or a change) waits until it has compiled."""

_UNINTERRUPTED: set[CodeType] = set()
_IMPORTING = ("<frozen importlib._bootstrap>", "<frozen importlib._bootstrap_external>")
_NOTHING_PRESSED = {"requested": False, "pending": False, "retrying": False}
_state = dict(_NOTHING_PRESSED)
"""``requested``: Ctrl-C was pressed; ``pending``: a held-back one waits to be raised;
``retrying``: the handler's next call comes from :func:`_retry`."""


def uninterrupted(function: _F) -> _F:
    """Mark ``function``: a Ctrl-C while it runs (and what it calls) is raised once it returns.

    >>> @uninterrupted
    ... def move() -> str:
    ...     return "moved"
    >>> move()
    'moved'
    """
    _UNINTERRUPTED.add(function.__code__)
    return function


def requested() -> bool:
    """Whether Ctrl-C was pressed since :func:`installed` began.

    >>> requested()
    False
    """
    return _state["requested"]


def check() -> None:
    """Raise ``KeyboardInterrupt`` if Ctrl-C was pressed (even if that interrupt was lost).

    >>> check()  # nothing pressed: nothing happens
    """
    if _state["requested"]:
        _state["pending"] = False  # raised here: the held-back one is not raised again
        raise KeyboardInterrupt


def _held_back(frame: FrameType | None) -> bool:
    """Whether the main thread, at ``frame``, is inside an import, an :func:`uninterrupted` call
    or the compiler of :mod:`mintgraph.kernels` (see :data:`COMPILERS`)."""
    compilers = tuple(
        os.path.join(folder, "")
        for name in COMPILERS
        if (module := sys.modules.get(name)) is not None
        for folder in getattr(module, "__path__", ())
    )
    while frame is not None:
        code = frame.f_code
        if code in _UNINTERRUPTED or code.co_filename in _IMPORTING:
            return True
        if compilers and code.co_filename.startswith(compilers):
            return True
        frame = frame.f_back
    return False


def handle(signum: int, frame: FrameType | None) -> None:
    """The ``SIGINT`` handler: raise ``KeyboardInterrupt`` now, or later where it is safe.

    One interrupt is raised once: a held-back one is asked again by one chain of retries, and
    not at all once :func:`check` has raised it; a Ctrl-C while the clean-up after one runs (a
    ``KeyboardInterrupt`` being handled) is noted, not raised (it would cut the clean-up short).
    """
    from_retry, _state["retrying"] = _state["retrying"], False
    if from_retry and not _state["pending"]:
        return  # raised meanwhile by check()
    _state["requested"] = True
    if isinstance(sys.exc_info()[1], KeyboardInterrupt):
        _state["pending"] = False  # the clean-up after a Ctrl-C runs: the same stop, not a second one
        return
    if not _held_back(frame):
        _state["pending"] = False
        raise KeyboardInterrupt
    if from_retry or not _state["pending"]:  # one chain of retries at a time
        _state["pending"] = True
        retry = threading.Timer(RETRY_SECONDS, _retry)
        retry.daemon = True
        retry.start()


def forward() -> None:
    """Pass on to the main thread a Ctrl-C that a library took on another thread (networkit
    takes ``SIGINT`` while its algorithms run): the command's handler then stops the main thread
    where it is, not only when it reads that thread's result (up to 2 s later at 100,000 actors).
    Nothing on the main thread itself, or where the handler is not installed (a notebook).

    >>> forward()  # the main thread, no handler installed: nothing happens
    """
    if (
        threading.current_thread() is not threading.main_thread()
        and signal.getsignal(signal.SIGINT) is handle
    ):
        _thread.interrupt_main(signal.SIGINT)


def _retry() -> None:
    if _state["pending"] and signal.getsignal(signal.SIGINT) is handle:  # ask the main thread again
        _state["retrying"] = True
        _thread.interrupt_main(signal.SIGINT)


@contextlib.contextmanager
def installed() -> Iterator[None]:
    """:func:`handle` as the ``SIGINT`` handler for the ``with`` block (the main thread only);
    the previous handler, and no pending interrupt, afterwards."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, handle)
    _state.update(_NOTHING_PRESSED)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        _state.update(_NOTHING_PRESSED)
