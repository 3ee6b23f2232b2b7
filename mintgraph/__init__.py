"""mintgraph: MINT education networks as a graph, and whether they make their members stronger together.

The notebook face of the tool; the ``mintgraph`` command runs the same functions.

Example
-------
>>> import mintgraph
>>> dataset = mintgraph.load("data")                   # doctest: +SKIP
>>> result = mintgraph.analyze(dataset)                # doctest: +SKIP
>>> result.networks[["id", "members", "density", "ei_index"]]  # doctest: +SKIP
"""

from __future__ import annotations

from mintgraph.api import (
    Analysis,
    Comparison,
    analyze,
    compare_datasets,
    compare_years,
    generate,
    import_survey,
    load,
    validate,
    write_exports,
    write_outputs,
    write_report,
    write_workbook,
)
from mintgraph.errors import DataError, Problem
from mintgraph.model import Dataset

__version__ = "0.1.0"

__all__ = [
    "Analysis",
    "Comparison",
    "DataError",
    "Dataset",
    "Problem",
    "__version__",
    "analyze",
    "compare_datasets",
    "compare_years",
    "generate",
    "import_survey",
    "load",
    "validate",
    "write_exports",
    "write_outputs",
    "write_report",
    "write_workbook",
]
