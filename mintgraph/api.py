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

import importlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from mintgraph.defaults import (
    DEDUPE_THRESHOLD,
    EXPORT_FORMATS,
    FORK_ABOVE,
    PLANTED_NOTE,
    SAMPLING_THRESHOLD,
    SIZE_COLUMNS,
    TERMINAL_LANG_VARIABLE,
)
from mintgraph.errors import DataError, Problem
from mintgraph.i18n import LANGS, terminal_text
from mintgraph.lifetime import outlive

if TYPE_CHECKING:  # imported on first use (see __getattr__), so the command starts fast
    from pyvis.network import Network

    from mintgraph.analysis import Analysis, analyze, centrality_text
    from mintgraph.compare import Comparison, compare_datasets, compare_years
    from mintgraph.dedupe import find_duplicates
    from mintgraph.export import (
        DistrictLayouts,
        analysis_text,
        effects_text,
        scorecard_text,
        summary_text,
        write_outputs,
        write_report,
        write_report_files,
    )
    from mintgraph.export_compare import comparison_text, write_comparison
    from mintgraph.files import atomic_write_text, paused_cycle_collector, table_csv, write_all
    from mintgraph.interchange import write_exports
    from mintgraph.model import Dataset
    from mintgraph.survey import SurveyResult
    from mintgraph.survey_form import AnswerImport
    from mintgraph.validate import Report
    from mintgraph.version import __version__
    from mintgraph.workbook import write_workbook
    from mintgraph.workers import Forked

_LAZY: dict[str, str] = {
    "Analysis": "mintgraph.analysis",
    "analyze": "mintgraph.analysis",
    "centrality_text": "mintgraph.analysis",
    "Comparison": "mintgraph.compare",
    "compare_datasets": "mintgraph.compare",
    "compare_years": "mintgraph.compare",
    "find_duplicates": "mintgraph.dedupe",
    "DistrictLayouts": "mintgraph.export",
    "analysis_text": "mintgraph.export",
    "effects_text": "mintgraph.export",
    "scorecard_text": "mintgraph.export",
    "summary_text": "mintgraph.export",
    "write_outputs": "mintgraph.export",
    "write_report": "mintgraph.export",
    "write_report_files": "mintgraph.export",
    "comparison_text": "mintgraph.export_compare",
    "write_comparison": "mintgraph.export_compare",
    "atomic_write_text": "mintgraph.files",
    "write_all": "mintgraph.files",
    "paused_cycle_collector": "mintgraph.files",
    "table_csv": "mintgraph.files",
    "write_exports": "mintgraph.interchange",
    "Dataset": "mintgraph.model",
    "__version__": "mintgraph.version",
    "write_workbook": "mintgraph.workbook",
    "Forked": "mintgraph.workers",
}
"""The API's names that live in modules with heavy imports (pandas, numpy, the graph engines):
imported when first used, so that ``mintgraph --help`` starts in a fraction of a second."""


def __getattr__(name: str) -> object:
    """Import a name of :data:`_LAZY` on first use and keep it."""
    if name not in _LAZY:
        raise AttributeError(f"module 'mintgraph.api' has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name]), name)
    globals()[name] = value
    return value


def validate(path: str | Path) -> Report:
    """Check a data folder (or one ``.xlsx`` workbook); return every problem found (errors and warnings).

    >>> validate("no/such/folder").ok
    False
    """
    from mintgraph.validate import check_folder

    return check_folder(path)


def prestart_workers(path: str | Path) -> int:
    """Start the worker processes that analysing and writing a large landscape take
    (:func:`mintgraph.workers.prestart`), before its data at ``path`` (a folder of CSV files or
    an ``.xlsx`` workbook) is read: they import their libraries on the core the reading leaves
    idle (the layouts' worker only where a core is idle: it draws in the background). Only
    where the data files hold more than :data:`~mintgraph.defaults.SPARES_ABOVE_BYTES` bytes
    together and the machine has a second core; returns how many were started. Workers nobody
    takes are stopped at exit.

    >>> prestart_workers("data")  # the example: small, read in a moment
    0
    """
    from mintgraph.defaults import (
        LAYOUT_MODULES,
        LAYOUT_SPARE,
        SPARES_ABOVE_BYTES,
        WORKER_MODULES,
        WORKER_SPARE,
    )
    from mintgraph.workers import prestart

    where = Path(path)
    try:
        files = [where] if where.is_file() else [f for f in where.iterdir() if f.suffix in (".csv", ".xlsx")]
        size = sum(f.stat().st_size for f in files)
    except OSError:
        return 0
    if size <= SPARES_ABOVE_BYTES or (os.cpu_count() or 1) < 2:
        return 0
    # the layouts' worker draws in the background (DistrictLayouts): it imports in the background
    # too, so that this process reads the data and the analysis worker imports at full speed
    return prestart(WORKER_SPARE, *WORKER_MODULES) + prestart(LAYOUT_SPARE, *LAYOUT_MODULES, background=True)


def load(path: str | Path) -> Dataset:
    """Load and validate a data folder of CSV files, or one ``.xlsx`` workbook with a sheet per table.

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
    report = validate(path)
    if report.dataset is None:
        raise DataError(report.errors)
    return report.dataset


def import_survey(survey: str | Path, mapping: str | Path) -> SurveyResult:
    """Read a survey export and its mapping file (TOML) and return the cooperations found.

    Names are resolved against the ``actors`` file the mapping names (if any).

    Raises
    ------
    DataError
        If a file cannot be read or a mapped column is missing.

    Example
    -------
    >>> import_survey("no/survey.csv", "no/mapping.toml")
    Traceback (most recent call last):
    mintgraph.errors.DataError: no/mapping.toml: cannot be read: No such file or directory
    """
    import pandas as pd

    from mintgraph.io import read_table
    from mintgraph.schema import TABLES
    from mintgraph.survey import read_mapping, read_survey, survey_cooperations

    spec = read_mapping(mapping)
    actors = None
    if spec.actors is not None:
        raw, problems = read_table(spec.actors, TABLES["actors"])
        if problems:
            raise DataError(problems)
        actors = pd.DataFrame(raw.columns, columns=raw.header)
        if not {"id", "name"} <= set(actors.columns):
            raise DataError([Problem(str(spec.actors), 1, None, "needs the columns id and name")])
    rows = read_survey(survey)
    return survey_cooperations(rows, spec, actors=actors, file=Path(survey).name)


def generate(
    out_dir: str | Path,
    *,
    n_actors: int,
    n_regions: int,
    seed: int,
    cooperations_per_actor: float = 5.0,
    plant_network: str | None = None,
    plant_extra: float = 0.0,
    force: bool = False,
    land: str | None = None,
) -> list[Path]:
    """Write a synthetic landscape (:func:`mintgraph.synth.generate_synthetic`) as a data folder.

    Writes ``actors.csv``, ``networks.csv``, ``memberships.csv``, ``cooperations.csv``,
    ``activities.csv``, ``network_links.csv`` (UTF-8, ``\\n`` line endings; all of them or, after an
    error or Ctrl-C, none) and, for more than 26 districts, the synthetic district table ``regions.csv``,
    so that the folder loads as another state. The same arguments give byte-identical files.
    ``plant_extra`` > 0 gives the members of ``plant_network`` (default: the largest regional
    network) that many more partners outside it on average (:func:`mintgraph.synth.plant_effect`).

    Returns
    -------
    list of the paths written.

    ``land`` (``"09"`` or ``"all"``) puts the landscape on the real districts of one Land or of
    all of Germany (no ``regions.csv`` needed: the shipped Germany data resolves the codes).
    A folder that already holds files is never written into (it may be someone's data)
    unless ``force=True``: then the generated tables replace those of the same name.

    Raises
    ------
    ValueError
        If ``plant_network`` is not a network of the landscape (nothing is written).
    FileExistsError
        If ``out_dir`` holds files and ``force`` is False (nothing is written).

    Example
    -------
    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> [p.name for p in generate(folder, n_actors=50, n_regions=3, seed=1)][:2]
    ['actors.csv', 'networks.csv']
    >>> len(load(folder).actors)
    50
    """
    folder = Path(out_dir)
    if not force and folder.is_dir() and any(folder.iterdir()):
        count = sum(1 for _ in folder.iterdir())
        raise FileExistsError(
            f"{folder}: the folder is not empty ({count} entr{'y' if count == 1 else 'ies'}); "
            "generate writes into a new or empty folder (--force replaces its tables)"
        )
    from mintgraph.files import write_all
    from mintgraph.synth import generate_synthetic

    tables = generate_synthetic(
        n_actors,
        n_regions,
        seed=seed,
        cooperations_per_actor=cooperations_per_actor,
        plant_network=plant_network,
        plant_extra=plant_extra,
        land=land,
    )
    return write_all(  # all tables or (an error, Ctrl-C) none; each made as it is written
        (folder / f"{name}.csv", table.to_csv(index=False, lineterminator="\n"))
        for name, table in tables.items()
    )


def to_pyvis(result: Analysis, *, lang: str = "de", height: str = "750px", notebook: bool = True) -> Network:
    """The actor graph as a ``pyvis.network.Network``, drawn as ``graph.html`` (same colours, sizes,
    positions; physics off; tooltips as text). See :func:`mintgraph.notebook.to_pyvis`.

    Example
    -------
    >>> from mintgraph.testing import tiny_dataset
    >>> from mintgraph.analysis import analyze
    >>> len(to_pyvis(analyze(tiny_dataset(), permutations=0)).nodes)
    6
    """
    from mintgraph.notebook import to_pyvis as build

    return build(result, lang=lang, height=height, notebook=notebook)


def write_survey_forms(
    dataset: Dataset, out: str | Path, networks: list[str] | None = None, *, lang: str = "de"
) -> list[Path]:
    """Write the offline survey form(s) for a dataset (:func:`mintgraph.survey_form.write_survey_forms`).

    Example
    -------
    >>> import tempfile
    >>> from mintgraph.testing import tiny_dataset
    >>> [p.name for p in write_survey_forms(tiny_dataset(), tempfile.mkdtemp())]
    ['survey.html']
    """
    from mintgraph.survey_form import write_survey_forms as write

    return write(dataset, out, networks, lang=lang)


def import_answers(folder: str | Path, dataset: Dataset) -> AnswerImport:
    """Read a folder of the survey form's answer files (:func:`mintgraph.survey_form.import_answers`):
    cooperations with their reciprocity, new actors to confirm, activities, the response per network.

    Example
    -------
    >>> import tempfile
    >>> from mintgraph.testing import tiny_dataset
    >>> import_answers(tempfile.mkdtemp(), tiny_dataset())  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    mintgraph.errors.DataError: ...: no answer files (*.json) in this folder
    """
    from mintgraph.survey_form import import_answers as read

    return read(folder, dataset)


__all__ = [
    "DEDUPE_THRESHOLD",
    "EXPORT_FORMATS",
    "FORK_ABOVE",
    "LANGS",
    "PLANTED_NOTE",
    "SAMPLING_THRESHOLD",
    "SIZE_COLUMNS",
    "TERMINAL_LANG_VARIABLE",
    "Analysis",
    "Comparison",
    "DataError",
    "Dataset",
    "DistrictLayouts",
    "Forked",
    "Problem",
    "__version__",
    "analysis_text",
    "analyze",
    "atomic_write_text",
    "centrality_text",
    "compare_datasets",
    "compare_years",
    "comparison_text",
    "effects_text",
    "find_duplicates",
    "generate",
    "import_answers",
    "import_survey",
    "load",
    "outlive",
    "paused_cycle_collector",
    "prestart_workers",
    "scorecard_text",
    "summary_text",
    "table_csv",
    "terminal_text",
    "to_pyvis",
    "validate",
    "write_all",
    "write_comparison",
    "write_exports",
    "write_outputs",
    "write_report",
    "write_report_files",
    "write_survey_forms",
    "write_workbook",
]
