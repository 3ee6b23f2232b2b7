"""Checking input tables against the data contract and turning them into a Dataset.

Every problem is collected (never only the first): missing files and columns,
empty required cells, values of the wrong type or outside the allowed set,
duplicate ids, references to ids that do not exist, unknown district codes,
impossible years, self-ties and cycles in the umbrella hierarchy. Each problem
names file, row and column (:class:`mintgraph.errors.Problem`).

Example
-------
>>> report = check_folder("data")                       # doctest: +SKIP
>>> report.ok, len(report.errors), len(report.warnings)  # doctest: +SKIP
(True, 0, 3)
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from mintgraph.dedupe import confirmed_mapping, merge_duplicates
from mintgraph.errors import Problem
from mintgraph.io import WORKBOOK_SUFFIXES, RawRow, RawTable, read_table, read_workbook
from mintgraph.model import Dataset, split_multi
from mintgraph.regions import ATTRIBUTION, shipped_boundaries, shipped_regions_path
from mintgraph.schema import (
    MEMBERSHIP_ROLES,
    TABLES,
    TOPIC_LETTERS,
    YEAR_RANGE,
    Column,
    Table,
)

TypedRow = dict[str, object]


@dataclass
class Report:
    """The outcome of checking a data folder: every problem, and the dataset if usable."""

    problems: list[Problem] = field(default_factory=list)
    dataset: Dataset | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors


def _parse_year(value: str) -> int:
    number = float(value.replace(",", "."))
    if not number.is_integer():
        raise ValueError
    year = int(number)
    if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        raise ValueError
    return year


def _check_cell(col: Column, value: str, region_codes: set[str]) -> tuple[object, str, str]:
    """Return (typed value, error message or "", hint) for one non-empty cell."""
    kind = col.kind
    if kind == "year":
        try:
            return _parse_year(value), "", ""
        except ValueError:
            return None, f"'{value}' is not a year", f"a whole number from {YEAR_RANGE[0]} to {YEAR_RANGE[1]}"
    if kind == "int":
        try:
            number = float(value.replace(",", "."))
            if not number.is_integer() or number < 0:
                raise ValueError
            return int(number), "", ""
        except ValueError:
            return None, f"'{value}' is not a whole number", ""
    if kind == "number":
        try:
            number = float(value.replace(",", "."))
            if not math.isfinite(number) or number < 0:
                raise ValueError
            return number, "", ""
        except ValueError:
            return None, f"'{value}' is not a non-negative number", ""
    if kind == "enum":
        if value in col.allowed:
            return value, "", ""
        if value.lower() in col.allowed:
            return value.lower(), "", ""
        return None, f"'{value}' is not allowed", "allowed: " + ", ".join(col.allowed)
    if kind == "topic":
        letters = value.upper().replace(" ", "")
        if not letters or set(letters) - set(TOPIC_LETTERS) or len(set(letters)) != len(letters):
            return None, f"'{value}' is not a MINT topic", "use letters of M, I, N, T, e.g. NT"
        return "".join(c for c in TOPIC_LETTERS if c in letters), "", ""
    if kind == "region":
        if value not in region_codes:
            return None, f"unknown district code '{value}'", _region_hint(value)
        return value, "", ""
    if kind == "regions":
        codes = split_multi(value)
        unknown = [c for c in codes if c not in region_codes]
        if unknown:
            return None, f"unknown district code '{unknown[0]}'", _region_hint(unknown[0])
        return "|".join(codes), "", ""
    return value, "", ""


def _outside_the_state(value: str, region_codes: set[str]) -> bool:
    """A well-formed district code (AGS) whose state (first two digits) has no district in the table.

    >>> _outside_the_state("07315", {"06611", "06412"}), _outside_the_state("06999", {"06611"})
    (True, False)
    """
    states = {code[:2] for code in region_codes}
    return len(value) == 5 and value.isdigit() and value[:2] not in states and "01" <= value[:2] <= "16"


def _region_hint(value: str) -> str:
    if value.isdigit() and len(value) < 5:
        padded = value.zfill(5)
        return f"district codes have 5 digits; a leading zero may have been lost: {padded}?"
    if value.isdigit() and len(value) == 5:
        return "not a district of the district table (regions.csv)"
    return "a 5-digit district code (AGS), e.g. 06611; see docs/data-format.md"


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
            if message:
                problems.append(Problem(name, row.line, col.name, message, hint))
            typed[col.name] = typed_value
        typed_rows.append(typed)
        lines.append(row.line)
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


def check_folder(path: str | Path) -> Report:
    """Read and check every table in a data folder; build the Dataset if there is no error.

    Parameters
    ----------
    path : folder with ``actors.csv``, ``networks.csv``, ``memberships.csv``,
        ``cooperations.csv`` and optionally ``activities.csv``, ``network_links.csv``,
        ``regions.csv`` (see ``docs/data-format.md``).

    Returns
    -------
    Report with every problem (errors and warnings) and ``dataset`` set when there are no errors.

    Example
    -------
    >>> check_folder("no/such/folder").errors[0].message
    'data folder not found'
    """
    folder = Path(path)
    if folder.is_file() and folder.suffix.lower() in WORKBOOK_SUFFIXES:
        return check_workbook(folder)
    if not folder.is_dir():
        return Report([Problem(str(folder), None, None, "data folder not found")])
    problems: list[Problem] = []
    user_regions = (folder / "regions.csv").is_file()
    raws: dict[str, RawTable] = {}
    for name, table in TABLES.items():
        file = shipped_regions_path() if name == "regions" and not user_regions else folder / table.filename
        raws[name], found = read_table(file, table)
        problems += found
    report = check_tables(raws, prior=problems)
    if report.dataset is not None:
        report.dataset.path = folder
        report.dataset.region_source = _region_source(folder, user_regions)
        report.dataset.boundaries = _boundaries(folder, user_regions)
    return report


def check_workbook(path: str | Path) -> Report:
    """Read and check a workbook with one sheet per table (see :func:`mintgraph.io.read_workbook`).

    Without a ``regions`` sheet, the shipped Hessen districts are used.

    Example
    -------
    >>> check_workbook("no/such.xlsx").errors[0].message
    'cannot be read: No such file or directory'
    """
    book = Path(path)
    raws, problems = read_workbook(book)
    if not raws:
        return Report(problems)
    user_regions = raws["regions"].present
    if not user_regions:
        raws["regions"], found = read_table(shipped_regions_path(), TABLES["regions"])
        problems += found
    report = check_tables(raws, prior=problems)
    if report.dataset is not None:
        report.dataset.path = book
        report.dataset.region_source = f"{book} (user-supplied)" if user_regions else ATTRIBUTION
        report.dataset.boundaries = None if user_regions else shipped_boundaries()
    return report


def check_records(records: dict[str, list[dict[str, str]]]) -> Report:
    """Check tables given as lists of row dicts (all values as text), as if read from CSV.

    Tables not given are empty; ``regions`` defaults to the shipped Hessen districts.
    Rows are numbered as in a file (first data row = row 2).

    Example
    -------
    >>> report = check_records({"actors": [{"id": "a", "name": "A", "type": "school", "region": "06611"}]})
    >>> report.ok, len(report.dataset.actors)
    (True, 1)
    """
    raws: dict[str, RawTable] = {}
    problems: list[Problem] = []
    for name, table in TABLES.items():
        if name == "regions" and name not in records:
            raws[name], found = read_table(shipped_regions_path(), table)
            problems += found
            continue
        rows = records.get(name, [])
        header = list(dict.fromkeys(k for row in rows for k in row)) or list(table.required_columns)
        raws[name] = RawTable(
            table,
            Path(table.filename),
            header,
            [RawRow(i + 2, {k: str(row.get(k, "")).strip() for k in header}) for i, row in enumerate(rows)],
        )
    report = check_tables(raws, prior=problems)
    if report.dataset is not None:
        report.dataset.region_source = ATTRIBUTION if "regions" not in records else "user-supplied"
        report.dataset.boundaries = shipped_boundaries() if "regions" not in records else None
    return report


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


def _region_source(folder: Path, user_regions: bool) -> str:
    return f"{folder / 'regions.csv'} (user-supplied)" if user_regions else ATTRIBUTION


def _boundaries(folder: Path, user_regions: bool) -> dict | None:
    if not user_regions:
        return shipped_boundaries()
    path = folder / "boundaries.geojson"
    if path.is_file():
        import json

        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    return None


__all__ = ["Report", "check_folder", "check_records", "check_tables", "check_workbook"]
