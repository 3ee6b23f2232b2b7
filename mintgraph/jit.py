"""numba's compiled loops (:mod:`mintgraph.kernels`), loaded where a computation first asks for them.

This module imports nothing heavy itself: a process that only draws layouts (the district
pages' layout worker, :class:`mintgraph.layout.LayoutBatch`) asks for the compiled repulsion
without importing the engine (:mod:`mintgraph.engine` imports igraph). :func:`compiled` is
also :func:`mintgraph.engine.compiled`.

Example
-------
>>> kernels = compiled()
>>> kernels is None or hasattr(kernels, "repulsion")
True
"""

from __future__ import annotations

from typing import Any

__all__ = ["compiled"]

_COMPILED: Any = None  # mintgraph.kernels once imported; False where numba is not installed


def compiled() -> Any:
    """:mod:`mintgraph.kernels` (numba's compiled loops), imported on first use; ``None`` where
    numba is not installed (the callers then compute with numpy, the same results).

    >>> kernels = compiled()
    >>> kernels is None or hasattr(kernels, "repulsion")
    True
    """
    global _COMPILED
    if _COMPILED is None:
        try:
            from mintgraph import kernels
        except (ImportError, RuntimeError, OSError):  # no numba for this Python, or no folder for its cache
            _COMPILED = False
        else:
            _COMPILED = kernels
    return _COMPILED or None
