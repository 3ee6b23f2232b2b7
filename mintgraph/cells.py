"""Reading one cell of a table, the same way everywhere: missing values, text, numbers, flags.

Tables reach the pages and the exports as pandas rows, where an empty cell may be ``None``,
``pd.NA``, ``NaN`` or ``NaT``; these helpers turn such a cell into what a page shows.

>>> is_missing(None), is_missing(float("nan")), is_missing(pd.NA), is_missing(0), is_missing([1])
(True, True, True, False, False)
>>> cell_text("  Kassel "), cell_text(float("nan")), cell_int("3", 0), cell_int("x", 0)
('Kassel', '', 3, 0)
>>> cell_float("2,5"), cell_bool("True"), cell_bool(None), actor_type("museum"), actor_type("Zoo")
(nan, True, False, 'museum', 'other')
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from mintgraph.schema import ACTOR_TYPES

__all__ = ["actor_type", "cell_bool", "cell_float", "cell_int", "cell_text", "is_missing", "records"]


def is_missing(value: Any) -> bool:
    """Whether a cell is empty: ``None``, ``pd.NA``, ``NaN``, ``NaT`` (never a list or a string)."""
    if value is None or value is pd.NA:
        return True
    kind = type(value)
    if kind is str or kind is int or kind is bool:  # the common cells, answered without pandas
        return False
    if kind is float:
        return value != value  # NaN only
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # list-like values
        return False


def cell_text(value: Any) -> str:
    """The cell as stripped text; ``""`` when it is empty."""
    if type(value) is str:  # the common cell, answered at once
        return value.strip()
    return "" if is_missing(value) else str(value).strip()


def cell_int(value: Any, default: int) -> int:
    """The cell as a whole number; ``default`` when it is empty or not one."""
    try:
        return default if is_missing(value) else int(value)
    except (TypeError, ValueError):
        return default


def cell_float(value: Any) -> float:
    """The cell as a number (``.`` as the decimal mark); NaN when it is empty or not a number."""
    try:
        return math.nan if is_missing(value) else float(value)
    except (TypeError, ValueError):
        return math.nan


def cell_bool(value: Any) -> bool:
    """The cell as a flag: ``true``/``1``/``yes`` (any case) or a true value."""
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes")
    return False if is_missing(value) else bool(value)


def actor_type(value: Any) -> str:
    """The actor type code; anything outside the data contract counts as ``other``."""
    text = cell_text(value)
    return text if text in ACTOR_TYPES else "other"


def records(table: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of ``table`` as dicts, as ``table.to_dict("records")`` makes them (each value as
    the Python object the column's list holds), from the columns' lists: at 100,000 actors
    0.23 s instead of 0.60 s.

    >>> records(pd.DataFrame({"id": ["a", "b"], "degree": [1, 2]}))
    [{'id': 'a', 'degree': 1}, {'id': 'b', 'degree': 2}]
    """
    columns = table.columns.tolist()
    lists = [
        [None if value is pd.NA else value for value in table.iloc[:, k].tolist()]
        if isinstance(dtype, pd.StringDtype)  # a missing text is None, as pandas gives it
        else table.iloc[:, k].tolist()
        if isinstance(dtype, (np.dtype, pd.CategoricalDtype))
        # other extension types (nullable integers: pd.NA becomes None): as pandas converts them
        else [row[columns[k]] for row in table.iloc[:, [k]].to_dict("records")]
        for k, dtype in enumerate(table.dtypes.tolist())
    ]
    return [dict(zip(columns, row, strict=True)) for row in zip(*lists, strict=True)]
