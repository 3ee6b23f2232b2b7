"""What a command's process keeps until it ends: objects never freed one by one.

``mintgraph``'s command ends its process without Python's teardown
(:func:`mintgraph.console.run`), so memory still referenced at the end is given back to the
system at once. A large result freed earlier, when the function holding it returns, costs a
decrement and a free per object: 0.45 s after ``mintgraph analyze``'s last line at 100,000
actors (its analysis and data), 0.1 s when the outputs are written (the actor pages' parts).
:func:`outlive` keeps such objects instead, but only once :func:`keep_until_exit` was called:
the Python API and tests (click's runner) keep nothing, so a long session does not grow.

Example
-------
>>> outlive([1, 2, 3])  # no command process: nothing is kept
>>> kept()
0
"""

from __future__ import annotations

_kept: list[object] | None = None


def keep_until_exit() -> None:
    """From now on, :func:`outlive` keeps what it is given (the command's process, which ends
    without teardown, calls this first).

    >>> keep_until_exit(); outlive("result"); kept()
    1
    >>> _forget()
    """
    global _kept
    if _kept is None:
        _kept = []


def outlive(*objects: object) -> None:
    """Keep ``objects`` until the process ends, where :func:`keep_until_exit` was called;
    otherwise do nothing.

    >>> outlive({"large": "result"}); kept()
    0
    """
    if _kept is not None:
        _kept.extend(objects)


def kept() -> int:
    """How many objects are kept."""
    return 0 if _kept is None else len(_kept)


def _forget() -> None:
    """Keep nothing any more, and let go of what was kept (for tests)."""
    global _kept
    _kept = None
