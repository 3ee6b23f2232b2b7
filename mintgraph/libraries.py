"""The engines' libraries, imported without the extras mintgraph never uses.

igraph's import loads ``matplotlib.pyplot`` for ``igraph.plot``; networkit's loads
``matplotlib.pyplot`` for its plots and scikit-learn for its link prediction. mintgraph uses
none of them: without them igraph imports in 0.03 s of CPU instead of 0.27 s and networkit
in 0.22 s instead of 1.06 s (``benchmarks/README.md``). Both import the extras inside
``try``/``except ImportError``, so they import without them; only their plotting (and
networkit's link prediction) then fail in that process.

The processes mintgraph runs alone — the ``mintgraph`` command (:func:`mintgraph.console.main`)
and its workers (:func:`mintgraph.workers.serve`) — call :func:`leave_out_extras` first; igraph
imported in a notebook keeps its plotting. mintgraph's own charts import matplotlib
themselves, unaffected: the extras are hidden only while igraph or networkit is imported.

Example
-------
>>> import subprocess, sys
>>> code = ("from mintgraph.libraries import leave_out_extras; leave_out_extras(); "
...         "import sys, igraph; print('matplotlib' in sys.modules)")
>>> subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
'False\\n'
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import sys
from types import ModuleType

__all__ = ["ENGINES", "EXTRAS", "leave_out_extras"]

ENGINES = ("igraph", "networkit")
"""The libraries imported without :data:`EXTRAS`."""

EXTRAS = ("matplotlib", "sklearn")
"""What they import for what mintgraph does not use: plots, link prediction."""


class _WithoutExtras(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds each of :data:`ENGINES` once and runs its import with the :data:`EXTRAS` not yet
    imported hidden (``None`` in ``sys.modules``: importing them raises ImportError)."""

    def __init__(self) -> None:
        self._pending = set(ENGINES)
        self._loaders: dict[str, importlib.abc.Loader] = {}

    def find_spec(
        self, name: str, path: object = None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if name not in self._pending:
            return None
        self._pending.discard(name)
        if not self._pending:
            sys.meta_path.remove(self)  # every library found once: the real finders take over
        spec = _find_elsewhere(self, name)
        if spec is None or spec.loader is None:
            return spec
        self._loaders[name], spec.loader = spec.loader, self
        return spec

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return self._loaders[spec.name].create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        hidden = [name for name in EXTRAS if name not in sys.modules]
        for name in hidden:
            sys.modules[name] = None  # type: ignore[assignment]  # its import raises ImportError
        try:
            self._loaders.pop(module.__name__).exec_module(module)
        finally:
            for name in hidden:
                if name in sys.modules and sys.modules[name] is None:
                    del sys.modules[name]


def _find_elsewhere(finder: _WithoutExtras, name: str) -> importlib.machinery.ModuleSpec | None:
    """``name``'s spec as the other finders on ``sys.meta_path`` find it."""
    removed = finder in sys.meta_path
    if removed:
        sys.meta_path.remove(finder)
    try:
        return importlib.util.find_spec(name)
    finally:
        if removed:
            sys.meta_path.insert(0, finder)


def leave_out_extras() -> None:
    """From now on, import :data:`ENGINES` (those not imported yet, when first imported)
    without the :data:`EXTRAS` (those not imported yet). Only for a process mintgraph runs
    alone: a thread that imports an extra while an engine is being imported gets ImportError.

    >>> leave_out_extras()  # in this process (the tests'), the libraries are imported already
    """
    if any(isinstance(finder, _WithoutExtras) for finder in sys.meta_path):
        return
    finder = _WithoutExtras()
    finder._pending.difference_update(sys.modules)
    if finder._pending:
        sys.meta_path.insert(0, finder)
