"""The Python API: what a notebook user calls, and what the CLI calls.

Example
-------
>>> import mintgraph
>>> report = mintgraph.validate("data")          # doctest: +SKIP
>>> dataset = mintgraph.load("data")             # doctest: +SKIP
>>> result = mintgraph.analyze(dataset)          # doctest: +SKIP
>>> mintgraph.write_outputs(result, "output")    # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path

from mintgraph.analysis import Analysis, analyze
from mintgraph.errors import DataError
from mintgraph.export import write_outputs, write_report
from mintgraph.model import Dataset
from mintgraph.validate import Report, check_folder


def validate(path: str | Path) -> Report:
    """Check a data folder; return every problem found (errors and warnings).

    >>> validate("no/such/folder").ok
    False
    """
    return check_folder(path)


def load(path: str | Path) -> Dataset:
    """Load and validate a data folder.

    Raises
    ------
    DataError
        If the data has errors; ``str(error)`` names file, row and column of the first,
        ``error.problems`` holds all of them.

    Example
    -------
    >>> load("no/such/folder")
    Traceback (most recent call last):
    mintgraph.errors.DataError: no/such/folder: data folder not found
    """
    report = check_folder(path)
    if report.dataset is None:
        raise DataError(report.errors)
    return report.dataset


__all__ = ["Analysis", "analyze", "load", "validate", "write_outputs", "write_report"]
