"""Reading input tables from a folder of CSV files, keeping line numbers for messages.

Files are only ever opened for reading. Every cell is read as text; typing and
checking happen in :mod:`mintgraph.validate`, which reports problems with the
``line`` recorded here.

Example
-------
>>> from pathlib import Path
>>> from mintgraph.schema import TABLES
>>> raw = read_table(Path("data/actors.csv"), TABLES["actors"])  # doctest: +SKIP
>>> raw.rows[0].line, raw.rows[0].values["id"]                   # doctest: +SKIP
(2, 'regionalmanagement-nordhessen')
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from mintgraph.errors import Problem
from mintgraph.schema import Table

MAX_FIELD_SIZE = 1_000_000


@dataclass
class RawRow:
    """One data row: its first line number in the file and its cells by column name."""

    line: int
    values: dict[str, str]


@dataclass
class RawTable:
    """A table as read from disk, before validation."""

    table: Table
    path: Path
    header: list[str] = field(default_factory=list)
    rows: list[RawRow] = field(default_factory=list)
    present: bool = True


def normalise_header(name: str) -> str:
    """Column names match case- and whitespace-insensitively.

    >>> normalise_header("  Actor_ID ")
    'actor_id'
    """
    return name.strip().lstrip("\ufeff").strip().lower()


def read_table(path: Path, table: Table) -> tuple[RawTable, list[Problem]]:
    """Read one CSV file as text cells, with the line number of every row.

    A missing optional file yields an empty table with ``present=False``.
    Problems that make the file unreadable (missing required file, not UTF-8,
    no header, duplicate column names, rows longer than the header) are returned,
    not raised.
    """
    raw = RawTable(table=table, path=path)
    name = path.name
    if not path.is_file():
        raw.present = False
        if table.required:
            return raw, [Problem(name, None, None, "file is missing", f"expected in {path.parent}")]
        return raw, []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        return raw, [Problem(name, line, None, "file is not UTF-8 text", "save it as CSV UTF-8")]
    except OSError as exc:
        return raw, [Problem(name, None, None, f"cannot be read: {exc.strerror}")]
    csv.field_size_limit(MAX_FIELD_SIZE)
    reader = csv.reader(text.splitlines(keepends=True))
    problems: list[Problem] = []
    try:
        header_cells = next(reader, None)
        while header_cells is not None and not any(c.strip() for c in header_cells):
            header_cells = next(reader, None)
        if header_cells is None:
            return raw, [Problem(name, None, None, "file is empty", "the first line must name the columns")]
        raw.header = [normalise_header(c) for c in header_cells]
        header_line = reader.line_num
        seen: dict[str, int] = {}
        for pos, col in enumerate(raw.header, start=1):
            if not col:
                problems.append(Problem(name, header_line, None, f"column {pos} has no name"))
            elif col in seen:
                problems.append(
                    Problem(
                        name, header_line, col, f"column name appears twice (columns {seen[col]} and {pos})"
                    )
                )
            else:
                seen[col] = pos
        if problems:
            return raw, problems
        previous_end = reader.line_num
        for cells in reader:
            start = previous_end + 1
            previous_end = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > len(raw.header):
                problems.append(
                    Problem(
                        name,
                        start,
                        None,
                        f"row has {len(cells)} cells but the header has {len(raw.header)}",
                        "check for an unquoted comma",
                    )
                )
                continue
            cells = cells + [""] * (len(raw.header) - len(cells))
            raw.rows.append(RawRow(start, {h: c.strip() for h, c in zip(raw.header, cells, strict=True)}))
    except csv.Error as exc:
        problems.append(Problem(name, reader.line_num, None, f"not a valid CSV file: {exc}"))
    return raw, problems
