"""Writing a :class:`~mintgraph.compare.Comparison` to files, and its terminal summary.

Files (all or none, see :func:`mintgraph.files.write_all`):
:data:`COMPARE_FILES` — ``compare.csv`` (the indicator table), ``compare_ties.csv``,
``compare_actors.csv`` and ``compare.html``.

Example
-------
>>> import tempfile
>>> from mintgraph.compare import compare_years
>>> from mintgraph.testing import tiny_dataset
>>> change = compare_years(tiny_dataset(), 2014, 2019)
>>> [p.name for p in write_comparison(change, tempfile.mkdtemp())]
['compare.csv', 'compare_ties.csv', 'compare_actors.csv', 'compare.html']
"""

from __future__ import annotations

from pathlib import Path

from mintgraph.compare import Comparison
from mintgraph.files import table_csv, write_all
from mintgraph.i18n import LANGS
from mintgraph.views.compare_html import render_comparison

COMPARE_FILES = ("compare.csv", "compare_ties.csv", "compare_actors.csv", "compare.html")
"""The files :func:`write_comparison` writes, in this order."""


def write_comparison(comparison: Comparison, out_dir: str | Path, *, lang: str = "de") -> list[Path]:
    """Write the comparison's tables (CSV) and ``compare.html`` to ``out_dir``.

    Parameters
    ----------
    comparison : from :func:`mintgraph.compare.compare_years` or :func:`~mintgraph.compare.compare_datasets`.
    out_dir : folder to write to (created if missing).
    lang : language of the page, ``de`` or ``en``.

    Returns
    -------
    The paths written (:data:`COMPARE_FILES`).
    """
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGS)}")
    out = Path(out_dir)
    tables = [(out / f"{stem}.csv", table_csv(table)) for stem, table in comparison.tables().items()]
    return write_all([*tables, (out / "compare.html", render_comparison(comparison, lang=lang))])


def comparison_text(comparison: Comparison) -> str:
    """A few lines for the terminal: actors, newcomers, ties and networks before and after.

    >>> from mintgraph.compare import compare_years
    >>> from mintgraph.testing import tiny_dataset
    >>> print(comparison_text(compare_years(tiny_dataset(), 2014, 2019)))
    2014 → 2019
    actors 4 → 6: 2 newcomers (2 with a cooperation, 1 with a partner already there), 0 leavers
    ties 2 → 5: 3 new, 0 lost, 1 strengthened, 0 weakened, 1 unchanged
    networks 2 → 3: 1 new, 0 gone
    """
    h = comparison.headline
    return "\n".join(
        [
            f"{comparison.label_before} → {comparison.label_after}",
            f"actors {h['actors_before']} → {h['actors_after']}: {h['newcomers']} newcomers "
            f"({h['newcomers_connected']} with a cooperation, {h['newcomers_connected_to_established']} "
            f"with a partner already there), {h['leavers']} leavers",
            f"ties {h['ties_before']} → {h['ties_after']}: {h['new_ties']} new, {h['lost_ties']} lost, "
            f"{h['strengthened_ties']} strengthened, {h['weakened_ties']} weakened, "
            f"{h['unchanged_ties']} unchanged",
            f"networks {h['networks_before']} → {h['networks_after']}: {h['new_networks']} new, "
            f"{h['lost_networks']} gone",
        ]
    )
