"""The installed version of mintgraph, from the package metadata (``pyproject.toml``).

A module of its own, so that any module can read the version without importing the package's
public face (:mod:`mintgraph`) — no import cycle.

>>> __version__.count(".") >= 2
True
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("mintgraph")
except PackageNotFoundError:  # a source tree that was never installed
    __version__ = "0.0.0+unknown"

__all__ = ["__version__"]
