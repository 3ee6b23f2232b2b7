"""``metrics.xlsx``: every output table as one Excel workbook, for readers who work in a spreadsheet.

One sheet per table of :meth:`mintgraph.Analysis.tables` (``actors``, ``networks``,
``regions``, ``network_pairs``, ``scorecard``) and a ``summary`` sheet with ``summary.json``
flattened to key/value rows (``communities.modularity``). The header row is bold, frozen and
has a filter; columns are about as wide as their content. Numbers are stored as numbers,
booleans as booleans, a missing value as an empty cell; text stays text (``06611`` keeps its
leading zero).

**Formula injection.** Text from the input files (an actor named ``=HYPERLINK(...)``) must never
become a formula. Every text cell is stored as a string cell (``t="inlineStr"``), never as
a formula; a text starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return in addition
gets Excel's *quote prefix* (``quotePrefix``, what typing an apostrophe first does), so the
spreadsheet shows it as text and keeps it text when the cell is edited — the text itself is
unchanged, so it still equals the CSV value. Characters a worksheet cannot hold (control
characters other than tab, line feed, carriage return) become U+FFFD.

**Same input, same bytes.** The document properties carry a fixed date
(:data:`FIXED_TIMESTAMP`) instead of today's, and the zip entries a fixed time.

Example
-------
>>> import tempfile, pathlib
>>> from openpyxl import load_workbook
>>> from mintgraph.analysis import analyze
>>> from mintgraph.testing import tiny_dataset
>>> path = write_workbook(analyze(tiny_dataset(), permutations=0), pathlib.Path(tempfile.mkdtemp()) / "metrics.xlsx")
>>> book = load_workbook(path)
>>> book.sheetnames
['actors', 'networks', 'regions', 'network_pairs', 'scorecard', 'effects', 'summary']
>>> book["actors"]["A1"].value, book["actors"]["A2"].value
('id', 's1')
"""

from __future__ import annotations

import datetime as dt
import io
import json
import math
import re
import zipfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

from mintgraph.analysis import Analysis
from mintgraph.files import FORMULA_PREFIXES, atomic_write_bytes

__all__ = [
    "FIXED_TIMESTAMP",
    "FORMULA_PREFIXES",
    "SHEETS",
    "flatten_summary",
    "workbook_bytes",
    "write_workbook",
]

SHEETS: tuple[str, ...] = (
    "actors",
    "networks",
    "regions",
    "network_pairs",
    "scorecard",
    "effects",
    "summary",
)
"""The sheets of ``metrics.xlsx``, in order."""
FIXED_TIMESTAMP = dt.datetime(2000, 1, 1, 0, 0, 0)
"""The creation and modification date written into the workbook, so that output is reproducible."""

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_MIN_WIDTH, _MAX_WIDTH = 6, 50


def flatten_summary(summary: Mapping[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    """``summary.json`` as ``(key, value)`` rows; nested keys joined with ``.``, in sorted order.

    Lists (if any) become their JSON text.

    >>> flatten_summary({"ties": 5, "communities": {"nmi": 1.0, "ari": 0.5}})
    [('communities.ari', 0.5), ('communities.nmi', 1.0), ('ties', 5)]
    """
    rows: list[tuple[str, Any]] = []
    for key in sorted(summary):
        value = summary[key]
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            rows += flatten_summary(value, prefix=f"{name}.")
        elif isinstance(value, list | tuple):
            rows.append((name, json.dumps(value, ensure_ascii=False)))
        else:
            rows.append((name, value))
    return rows


def _cell_value(value: Any) -> Any:
    """The value as a spreadsheet stores it: ``None`` (empty), bool, int, float or str."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        number = float(value)
        return number if math.isfinite(number) else None
    text = _ILLEGAL.sub("\ufffd", str(value))
    return text or None  # an empty text is a missing value, as in the CSV files


def _rows(table: pd.DataFrame) -> Iterator[list[Any]]:
    yield [str(c) for c in table.columns]
    for row in table.itertuples(index=False, name=None):
        yield [_cell_value(v) for v in row]


def _fill(sheet: Worksheet, rows: Iterator[list[Any]]) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    widths: dict[int, int] = {}
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is None:
                continue
            cell = sheet.cell(row=r, column=c)
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # text, never a formula, even when it starts with "="
                if value.startswith(FORMULA_PREFIXES):
                    cell.quotePrefix = True
            if r == 1:
                cell.font = Font(bold=True)
            text = (
                value
                if isinstance(value, str)
                else f"{value:.6g}"
                if isinstance(value, float)
                else str(value)
            )
            widths[c] = max(widths.get(c, 0), len(text))
    for c, width in widths.items():
        sheet.column_dimensions[get_column_letter(c)].width = min(max(width + 2, _MIN_WIDTH), _MAX_WIDTH)
    sheet.freeze_panes = "A2"
    if sheet.max_row > 1:
        sheet.auto_filter.ref = sheet.dimensions


def workbook_bytes(result: Analysis) -> bytes:
    """The workbook of :func:`write_workbook` as bytes (an xlsx zip file), e.g. for a web response.

    Parameters
    ----------
    result : from :func:`mintgraph.analyze`.

    Returns
    -------
    bytes
        The same bytes for the same input (fixed document dates and zip entry times).

    Example
    -------
    >>> from mintgraph.analysis import analyze
    >>> from mintgraph.testing import tiny_dataset
    >>> workbook_bytes(analyze(tiny_dataset(), permutations=0))[:2]
    b'PK'
    """
    from openpyxl import Workbook  # imported here: analyses that write no workbook start faster
    from openpyxl.writer.excel import ExcelWriter

    book = Workbook()
    book.remove(book.active)
    for name, table in result.tables().items():
        _fill(book.create_sheet(name), _rows(table))
    summary = iter([["key", "value"], *([k, _cell_value(v)] for k, v in flatten_summary(result.summary))])
    _fill(book.create_sheet("summary"), summary)
    book.properties.creator = "mintgraph"
    book.properties.created = FIXED_TIMESTAMP
    book.properties.modified = FIXED_TIMESTAMP
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()  # not Workbook.save(), which stamps today as "modified"
    return _fixed_zip_times(buffer.getvalue())


def _fixed_zip_times(data: bytes) -> bytes:
    """The same zip with every entry dated 1980-01-01 (zip's epoch), so equal content gives equal bytes."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info))
    return out.getvalue()


def write_workbook(result: Analysis, path: str | Path) -> Path:
    """Write ``metrics.xlsx``: one sheet per output table and a ``summary`` sheet; atomically.

    The sheets hold exactly the values of the CSV files :func:`mintgraph.write_outputs`
    writes: numbers as numbers, missing values as empty cells, text as text cells that can
    never run as a formula (see the module notes).

    Parameters
    ----------
    result : from :func:`mintgraph.analyze`.
    path : the file to write (its folder is created if missing), usually ``output/metrics.xlsx``.

    Returns
    -------
    Path
        ``path``.

    Example
    -------
    >>> import tempfile, pathlib
    >>> from openpyxl import load_workbook
    >>> from mintgraph.analysis import analyze
    >>> from mintgraph.testing import tiny_dataset
    >>> path = write_workbook(analyze(tiny_dataset(), permutations=0), pathlib.Path(tempfile.mkdtemp()) / "m.xlsx")
    >>> sheet = load_workbook(path)["networks"]
    >>> [c.value for c in sheet[1][:2]], sheet.freeze_panes
    (['id', 'name'], 'A2')
    """
    target = Path(path)
    data = workbook_bytes(result)
    atomic_write_bytes(target, data)
    return target
