"""The row-by-row reader and validator that mintgraph 0.x used, frozen as a test oracle.

``mintgraph.io`` and ``mintgraph.validate`` now read and check tables column by column; this
module keeps the former implementation (cell by cell, one dict per row) so that tests can
check that both report the same problems, in the same order, and build the same frames.
The cell checks themselves (``_check_cell`` and the district helpers) are shared.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from mintgraph.dedupe import confirmed_mapping, merge_duplicates
from mintgraph.errors import Problem
from mintgraph.io import MAX_FIELD_SIZE, RawRow, canonical_header, sniff_delimiter
from mintgraph.model import Dataset
from mintgraph.schema import MEMBERSHIP_ROLES, TABLES, Table
from mintgraph.validate import REPAIRED, Report, _check_cell, _outside_the_state

TypedRow = dict[str, object]


@dataclass
class RawTable:
    """The former row-wise RawTable."""

    table: Table
    path: Path
    header: list[str] = field(default_factory=list)
    rows: list[RawRow] = field(default_factory=list)
    present: bool = True
    label: str = ""

    def __post_init__(self) -> None:
        if not self.label:
            self.label = self.path.name


def read_text(text: str, table: Table, path: Path) -> tuple[RawTable, list[Problem]]:
    """The former ``read_table`` after decoding: csv over ``text.splitlines(keepends=True)``."""
    raw = RawTable(table=table, path=path)
    csv.field_size_limit(MAX_FIELD_SIZE)
    reader = csv.reader(text.splitlines(keepends=True), delimiter=sniff_delimiter(text, table))
    return _read_rows(raw, reader)


def from_columnar(raw) -> RawTable:
    """The former RawTable holding the same rows as a columnar ``mintgraph.io.RawTable``."""
    return RawTable(raw.table, raw.path, list(raw.header), raw.rows, raw.present, raw.label)


def _read_rows(raw: RawTable, reader: Iterator[list[str]]) -> tuple[RawTable, list[Problem]]:
    """Fill ``raw`` from a row iterator (a csv reader, or sheet rows) with line numbers."""
    name = raw.label
    rows = _numbered(reader)
    problems: list[Problem] = []
    try:
        header_line, header_cells = next(rows, (0, None))
        while header_cells is not None and not any(c.strip() for c in header_cells):
            header_line, header_cells = next(rows, (0, None))
        if header_cells is None:
            return raw, [Problem(name, None, None, "file is empty", "the first line must name the columns")]
        while header_cells and not header_cells[-1].strip():
            header_cells = header_cells[:-1]
        raw.header = canonical_header(header_cells, raw.table)
        seen: dict[str, int] = {}
        for pos, col in enumerate(raw.header, start=1):
            if not col:
                problems.append(Problem(name, header_line, None, f"column {pos} has no name"))
            elif col in seen:
                first, second = header_cells[seen[col] - 1].strip(), header_cells[pos - 1].strip()
                same = "" if first == second else f": '{first}' and '{second}' mean the same"
                problems.append(
                    Problem(
                        name,
                        header_line,
                        col,
                        f"column name appears twice (columns {seen[col]} and {pos}{same})",
                        "keep one of them",
                    )
                )
            else:
                seen[col] = pos
        if problems:
            return raw, problems
        for start, cells in rows:
            if not any(c.strip() for c in cells):
                continue
            while len(cells) > len(raw.header) and not cells[-1].strip():
                cells = cells[:-1]  # trailing empty cells (a trailing delimiter, formatted sheet cells)
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
        problems.append(
            Problem(name, getattr(reader, "line_num", None), None, f"not a valid CSV file: {exc}")
        )
    return raw, problems


def _numbered(reader: Iterator[list[str]]) -> Iterator[tuple[int, list[str]]]:
    """Yield ``(first line of the row, cells)``: a csv reader's rows may span several lines."""
    if hasattr(reader, "line_num"):
        previous_end = 0
        for cells in reader:
            yield previous_end + 1, cells
            previous_end = reader.line_num  # type: ignore[attr-defined]
    else:
        yield from enumerate(reader, start=1)


def _type_rows(raw: RawTable, region_codes: set[str]) -> tuple[list[TypedRow], list[int], list[Problem]]:
    """Check the columns and cells of one table; return typed rows with their lines."""
    table, name = raw.table, raw.label
    if not raw.present:
        return [], [], []
    problems: list[Problem] = []
    known = set(table.column_names)
    missing = [c for c in table.required_columns if c not in raw.header]
    for col in missing:
        problems.append(
            Problem(name, 1, col, "required column is missing", "header: " + ", ".join(raw.header))
        )
    for col in raw.header:
        if col not in known:
            problems.append(Problem(name, 1, col, "unknown column, ignored", severity="warning"))
    typed_rows: list[TypedRow] = []
    lines: list[int] = []
    repaired: dict[str, tuple[int, list[str], list[str]]] = {}  # column -> (problem index, values, typed)
    for row in raw.rows:
        typed: TypedRow = {}
        for col in table.columns:
            value = row.values.get(col.name, "")
            if value == "":
                if col.required and col.name not in missing:
                    problems.append(Problem(name, row.line, col.name, "value is missing"))
                typed[col.name] = None
                continue
            if col.kind == "region" and value not in region_codes and _outside_the_state(value, region_codes):
                # a district of another state: a warning, and the actor or activity is kept
                message = (
                    f"district '{value}' lies outside the district table's state: kept, "
                    "but not placed in regions.csv or on the map"
                )
                problems.append(Problem(name, row.line, col.name, message, severity="warning"))
                typed[col.name] = value
                continue
            typed_value, message, hint = _check_cell(col, value, region_codes)
            if message == REPAIRED:
                if col.name not in repaired:
                    repaired[col.name] = (len(problems), [], [])
                    problems.append(Problem(name, row.line, col.name, "placeholder", severity="warning"))
                repaired[col.name][1].append(value)
                repaired[col.name][2].append(str(typed_value))
            elif message:
                problems.append(Problem(name, row.line, col.name, message, hint))
            typed[col.name] = typed_value
        typed_rows.append(typed)
        lines.append(row.line)
    for column, (index, values, typed_values) in repaired.items():
        # one warning per column, at its first repaired row (the same words as mintgraph.validate)
        example = min(values)
        read_as = typed_values[values.index(example)]
        first = problems[index]
        message = (
            f"{len(values)} district code{'s' if len(values) != 1 else ''} without the leading zero "
            f"(as Excel saves a number), repaired: e.g. '{example}' read as '{read_as}'"
        )
        problems[index] = Problem(
            name, first.row, column, message, "format the column as text to keep the zero", "warning"
        )
    return typed_rows, lines, problems


def _check_unique(table: Table, name: str, rows: list[TypedRow], lines: list[int]) -> list[Problem]:
    problems = []
    if table.key:
        first: dict[object, int] = {}
        for row, line in zip(rows, lines, strict=True):
            key = row.get(table.key)
            if key is None:
                continue
            if key in first:
                problems.append(
                    Problem(name, line, table.key, f"duplicate id '{key}'", f"first used in row {first[key]}")
                )
            else:
                first[key] = line
    if table.unique_together:
        seen: dict[tuple, int] = {}
        for row, line in zip(rows, lines, strict=True):
            key = tuple(row.get(c) for c in table.unique_together)
            if None in key:
                continue
            if key in seen:
                problems.append(
                    Problem(
                        name,
                        line,
                        table.unique_together[-1],
                        "duplicate row, ignored",
                        f"same {' and '.join(table.unique_together)} as row {seen[key]}",
                        "warning",
                    )
                )
            else:
                seen[key] = line
    return problems


_SINGULAR = {"actors": "actor", "networks": "network", "activities": "activity"}


def _check_references(
    typed: dict[str, tuple[list[TypedRow], list[int]]], files: dict[str, str]
) -> list[Problem]:
    keys = {
        name: {row[TABLES[name].key] for row in rows if row.get(TABLES[name].key) is not None}
        for name, (rows, _) in typed.items()
        if TABLES[name].key
    }
    problems = []
    for name, (rows, lines) in typed.items():
        for col in TABLES[name].columns:
            if col.kind != "ref" or not col.ref:
                continue
            target_table = col.ref.split(".")[0]
            target_keys = keys.get(target_table, set())
            for row, line in zip(rows, lines, strict=True):
                value = row.get(col.name)
                if value is not None and value not in target_keys:
                    problems.append(
                        Problem(
                            files[name],
                            line,
                            col.name,
                            f"unknown {_SINGULAR[target_table]} id '{value}'",
                            f"no such id in {files.get(target_table, target_table + '.csv')}",
                        )
                    )
    return problems


def _check_semantics(
    typed: dict[str, tuple[list[TypedRow], list[int]]], files: dict[str, str]
) -> list[Problem]:
    problems = []
    coop_rows, coop_lines = typed["cooperations"]
    for row, line in zip(coop_rows, coop_lines, strict=True):
        if row["source"] is not None and row["source"] == row["target"]:
            problems.append(
                Problem(files["cooperations"], line, "target", "an actor cannot cooperate with itself")
            )
        if row["since"] is not None and row["until"] is not None and row["until"] < row["since"]:
            problems.append(
                Problem(
                    files["cooperations"],
                    line,
                    "until",
                    f"ends ({row['until']}) before it starts ({row['since']})",
                )
            )
    net_rows, net_lines = typed["networks"]
    parent = {r["id"]: r["parent"] for r in net_rows if r["id"] is not None}
    line_of = {r["id"]: line for r, line in zip(net_rows, net_lines, strict=True)}
    for start in parent:
        seen, node = [start], parent.get(start)
        while node is not None and node in parent:
            if node == start:
                cycle = " → ".join([*seen, start])
                problems.append(
                    Problem(
                        files["networks"],
                        line_of[start],
                        "parent",
                        f"umbrella networks form a cycle: {cycle}",
                    )
                )
                break
            if node in seen:
                break
            seen.append(node)
            node = parent.get(node)
    return problems


def _check_warnings(
    typed: dict[str, tuple[list[TypedRow], list[int]]], files: dict[str, str]
) -> list[Problem]:
    problems = []
    connected = {r["source"] for r in typed["cooperations"][0]} | {
        r["target"] for r in typed["cooperations"][0]
    }
    members = {r["actor_id"] for r in typed["memberships"][0]}
    for row, line in zip(*typed["actors"], strict=True):
        if row["id"] is not None and row["id"] not in connected and row["id"] not in members:
            problems.append(
                Problem(
                    files["actors"],
                    line,
                    "id",
                    f"actor '{row['id']}' has no cooperation and no network",
                    severity="warning",
                )
            )
    return problems


def _frame(table: Table, rows: list[TypedRow]) -> pd.DataFrame:
    data: dict[str, object] = {}
    for col in table.columns:
        values = [row.get(col.name) for row in rows]
        if col.kind in ("year", "int"):
            data[col.name] = pd.array(values, dtype="Int64")
        elif col.kind == "number":
            data[col.name] = pd.array([math.nan if v is None else float(v) for v in values], dtype="float64")
        else:
            data[col.name] = pd.array(["" if v is None else str(v) for v in values], dtype=object)
    return pd.DataFrame(data, columns=list(table.column_names))


def check_tables(raws: dict[str, RawTable], prior: list[Problem] | None = None) -> Report:
    """Check tables already read (see :func:`mintgraph.io.read_table`) and build the Dataset."""
    problems: list[Problem] = list(prior or [])
    region_codes = {row.values.get("code", "") for row in raws["regions"].rows} - {""}
    files = {name: raw.label for name, raw in raws.items()}
    typed: dict[str, tuple[list[TypedRow], list[int]]] = {}
    for name, raw in raws.items():
        rows, lines, found = _type_rows(raw, region_codes)
        problems += found
        problems += _check_unique(raw.table, files[name], rows, lines)
        typed[name] = (rows, lines)
    if any(p.severity == "error" and p.row in (None, 1) for p in problems):
        return Report(problems)  # a missing file or column: the rest would only echo it
    problems += _check_references(typed, files)
    problems += _check_semantics(typed, files)
    problems += _check_warnings(typed, files)
    if any(p.severity == "error" for p in problems):
        return Report(problems)
    mapping, found = confirmed_mapping(*typed["duplicates"], files["duplicates"])
    if found:
        return Report(problems + found)
    frames = {name: _frame(TABLES[name], _dedupe(TABLES[name], rows)) for name, (rows, _) in typed.items()}
    frames = merge_duplicates(frames, mapping)
    problems += (
        [
            Problem(
                files["duplicates"],
                None,
                None,
                f"{len(mapping)} duplicate actor(s) merged",
                severity="warning",
            )
        ]
        if mapping
        else []
    )
    frames["memberships"]["role"] = frames["memberships"]["role"].replace("", MEMBERSHIP_ROLES[-1])
    dataset = Dataset(
        actors=frames["actors"],
        networks=frames["networks"],
        memberships=frames["memberships"],
        cooperations=frames["cooperations"],
        activities=frames["activities"],
        network_links=frames["network_links"],
        regions=frames["regions"],
    )
    return Report(problems, dataset)


def _dedupe(table: Table, rows: list[TypedRow]) -> list[TypedRow]:
    if not table.unique_together:
        return rows
    seen: set[tuple] = set()
    kept = []
    for row in rows:
        key = tuple(row.get(c) for c in table.unique_together)
        if key not in seen:
            seen.add(key)
            kept.append(row)
    return kept
