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

import sys as _sys
import types as _types
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the names below are imported on first use (see __getattr__): a fast start
    from mintgraph.api import (
        Analysis,
        Comparison,
        DataError,
        Dataset,
        Problem,
        __version__,
        analyze,
        compare_datasets,
        compare_years,
        find_duplicates,
        generate,
        import_answers,
        import_survey,
        load,
        to_pyvis,
        validate,
        write_comparison,
        write_exports,
        write_outputs,
        write_report,
        write_survey_forms,
        write_workbook,
    )

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
    "find_duplicates",
    "generate",
    "import_answers",
    "import_survey",
    "load",
    "to_pyvis",
    "validate",
    "write_comparison",
    "write_exports",
    "write_outputs",
    "write_report",
    "write_survey_forms",
    "write_workbook",
]


def __getattr__(name: str) -> object:
    """Take the public names from :mod:`mintgraph.api` on first use (it imports the heavy libraries
    only for the names that need them), so ``import mintgraph`` stays light."""
    if name not in __all__:
        raise AttributeError(f"module 'mintgraph' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module("mintgraph.api"), name)
    globals()[name] = value
    return value


class _Package(_types.ModuleType):
    """The package module: a submodule named like a public function (``mintgraph.validate``) never
    hides the function ``mintgraph.validate`` when the import system records it on the package."""

    def __setattr__(self, name: str, value: object) -> None:
        if name in __all__ and isinstance(value, _types.ModuleType):
            return
        super().__setattr__(name, value)


_sys.modules[__name__].__class__ = _Package


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
