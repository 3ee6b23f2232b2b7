"""Checking input tables against the data contract and turning them into a Dataset.

Every problem is collected (never only the first): missing files and columns,
empty required cells, values of the wrong type or outside the allowed set,
duplicate ids, references to ids that do not exist, unknown district codes,
impossible years, self-ties and cycles in the umbrella hierarchy. Each problem
names file, row and column (:class:`mintgraph.errors.Problem`).

Tables are checked column by column, each distinct value of a column once; the
problems of one table come in row order (column order within a row), as a reader
of the file meets them. ``tests/rowwise.py`` keeps the former row-by-row checker
as an oracle for this.

Example
-------
>>> report = check_folder("data")                       # doctest: +SKIP
>>> report.ok, len(report.errors), len(report.warnings)  # doctest: +SKIP
(True, 0, 3)
"""

from __future__ import annotations

import math
import operator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from mintgraph.dedupe import confirmed_mapping, merge_duplicates
from mintgraph.errors import Problem
from mintgraph.files import paused_cycle_collector
from mintgraph.io import WORKBOOK_SUFFIXES, RawRow, RawTable, read_table, read_workbook
from mintgraph.model import Dataset, split_multi
from mintgraph.regions import (
    ATTRIBUTION,
    german_district_codes,
    nearest_districts,
    shipped_boundaries_with,
    shipped_regions_path,
)
from mintgraph.schema import (
    MEMBERSHIP_ROLES,
    TABLES,
    TOPIC_LETTERS,
    VALUE_ALIASES,
    YEAR_RANGE,
    Column,
    Table,
    canonical_value,
)


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
        canonical = canonical_value(col.allowed, value)
        if canonical is not None:
            return canonical, "", ""
        hint = "allowed: " + ", ".join(col.allowed)
        german = [a for v in col.allowed for a in VALUE_ALIASES.get(v, ())[:1]]
        if german:
            hint += " (auf Deutsch: " + ", ".join(german) + ")"
        return None, f"'{value}' is not allowed", hint
    if kind == "topic":
        letters = value.upper().replace(" ", "")
        if not letters or set(letters) - set(TOPIC_LETTERS) or len(set(letters)) != len(letters):
            return None, f"'{value}' is not a MINT topic", "use letters of M, I, N, T, e.g. NT"
        return "".join(c for c in TOPIC_LETTERS if c in letters), "", ""
    if kind == "region":
        if value not in region_codes:
            repaired = repaired_code(value, region_codes)
            if repaired is not None:
                return repaired, REPAIRED, ""
            return None, f"unknown district code '{value}'", _region_hint(value)
        return value, "", ""
    if kind == "regions":
        codes = split_multi(value)
        fixed = [c if c in region_codes else repaired_code(c, region_codes) or c for c in codes]
        unknown = [c for c in fixed if c not in region_codes]
        if unknown:
            return None, f"unknown district code '{unknown[0]}'", _region_hint(unknown[0])
        return "|".join(fixed), (REPAIRED if fixed != codes else ""), ""
    return value, "", ""


def restore_formula_text(value: str) -> str:
    """A cell that mintgraph wrote with a leading ``'`` so that a spreadsheet would not run it as
    a formula (``'=1+1``), read back as the text it stands for (``=1+1``).

    >>> restore_formula_text("'=1+1"), restore_formula_text("'-x"), restore_formula_text("'quoted'")
    ('=1+1', '-x', "'quoted'")
    """
    if len(value) > 1 and value[0] == "'" and value[1] in "=+-@\t\r":
        return value[1:]
    return value


REPAIRED = "repaired"
"""The "message" :func:`_check_cell` returns for a district code it repaired (not an error)."""


def repaired_code(value: str, region_codes: set[str]) -> str | None:
    """A district code as Excel may have saved it, repaired: a number cell (``6611``, ``6611.0``)
    or a code whose leading zero was lost, if that gives a code of the district table.

    >>> repaired_code("6611", {"06611"}), repaired_code("6611.0", {"06611"}), repaired_code("7315", {"06611"})
    ('06611', '06611', None)
    """
    text = value.strip()
    if text.endswith(".0"):
        text = text[:-2]
    if not text.isdigit() or len(text) > 5:
        return None
    code = text.zfill(5)
    return code if code in region_codes else None


def _outside_the_state(value: str, region_codes: set[str]) -> bool:
    """A district of Germany (:func:`mintgraph.regions.germany_districts`) whose state (first two
    digits) has no district in the table (a user's own district table of one state).

    >>> _outside_the_state("07315", {"06611", "06412"}), _outside_the_state("06999", {"06611"})
    (True, False)
    >>> _outside_the_state("07999", {"06611"})  # well-formed, but no district of Germany
    False
    """
    states = {code[:2] for code in region_codes}
    return value[:2] not in states and value in german_district_codes()


def _region_hint(value: str) -> str:
    """The hint to an unknown district code: a lost leading zero, or the nearest valid codes.

    >>> _region_hint("Fulda")
    'did you mean 06631 (Fulda)?'
    >>> _region_hint("05999")
    'not a district of Germany; nearest codes: 05978 (Unna), 05974 (Soest), 05970 (Siegen-Wittgenstein)'
    """
    if value.isdigit() and len(value) < 5:
        padded = value.zfill(5)
        return f"district codes have 5 digits; a leading zero may have been lost: {padded}?"
    near = ", ".join(f"{code} ({name})" for code, name in nearest_districts(value))
    if value.isdigit() and len(value) == 5:
        if value in german_district_codes():
            return "not a district of the district table (regions.csv)"
        return "not a district of Germany" + (f"; nearest codes: {near}" if near else "")
    if near:
        return f"did you mean {near}?"
    return "a 5-digit district code (AGS), e.g. 06611; see docs/data-format.md"


_TYPED_KINDS = ("year", "int", "number", "enum", "topic", "region", "regions")
"""Kinds whose cells :func:`_check_cell` checks or converts; other kinds are kept as text."""

_NUMERIC_KINDS = ("year", "int", "number")

Columns = dict[str, list]
"""A typed table column by column: an empty or invalid cell is ``None`` in a numeric column
(year, int, number) and ``""`` in every other one."""

Typed = tuple[Columns, list[int]]
"""Typed columns and the line of each row."""

Issue = tuple[str, str, str]
"""(message, hint, severity) of a problem, before it is located."""


def _missing(col: Column) -> object:
    return None if col.kind in _NUMERIC_KINDS else ""


def _type_cell(
    col: Column, value: str, region_codes: set[str], required: bool
) -> tuple[object, Issue | None]:
    """The typed value of one cell and its issue, if any."""
    if value == "":
        return _missing(col), ("value is missing", "", "error") if required else None
    if col.kind == "region" and value not in region_codes and _outside_the_state(value, region_codes):
        # a district of another state: a warning, and the actor or activity is kept
        message = (
            f"district '{value}' lies outside the district table's state: kept, "
            "but not placed in regions.csv or on the map"
        )
        return value, (message, "", "warning")
    typed_value, message, hint = _check_cell(col, value, region_codes)
    if message == REPAIRED:
        return typed_value, (f"'{value}' read as '{typed_value}'", "", REPAIRED)
    if message:
        return _missing(col), (message, hint, "error")
    return typed_value, None


def _type_column(
    col: Column, values: list[str], region_codes: set[str], required: bool
) -> tuple[list, list[tuple[int, Issue]]]:
    """Type one column: each distinct value is checked once. Returns the typed cells and
    ``(row index, issue)`` in row order."""
    if col.kind not in _TYPED_KINDS:
        if required and "" in values:
            issue: Issue = ("value is missing", "", "error")
            return values, [(i, issue) for i, value in enumerate(values) if not value]
        return values, []
    memo = {value: _type_cell(col, value, region_codes, required) for value in set(values)}
    typed_values: list[Any]  # the cells as typed: str, int, float or None by the column's kind
    if all(typed == value for value, (typed, _) in memo.items()):
        typed_values = values
    else:
        typed_of = {value: typed for value, (typed, _) in memo.items()}
        typed_values = list(map(typed_of.__getitem__, values))
    repaired = {
        value: issue for value, (_, issue) in memo.items() if issue is not None and issue[2] == REPAIRED
    }
    bad = {value: issue for value, (_, issue) in memo.items() if issue is not None and value not in repaired}
    located = [(i, bad[value]) for i, value in enumerate(values) if value in bad]
    if repaired:
        # said once per column, at the first repaired row, not once per row
        rows = [i for i, value in enumerate(values) if value in repaired]
        example = min(repaired)
        message = (
            f"{len(rows)} district code{'s' if len(rows) != 1 else ''} without the leading zero "
            f"(as Excel saves a number), repaired: e.g. {repaired[example][0]}"
        )
        located.append((rows[0], (message, "format the column as text to keep the zero", "warning")))
        located.sort(key=lambda item: item[0])
    return typed_values, located


def _type_table(raw: RawTable, region_codes: set[str]) -> tuple[Columns, list[int], list[Problem]]:
    """Check the columns and cells of one table; return typed columns with the rows' lines.

    Problems come as missing columns, unknown columns, then the cells' problems in row
    order (and in column order within a row).
    """
    table, name = raw.table, raw.label
    if not raw.present:
        return {col.name: [] for col in table.columns}, [], []
    problems: list[Problem] = []
    known = set(table.column_names)
    missing = [c for c in table.required_columns if c not in raw.header]
    for column in missing:
        problems.append(
            Problem(name, 1, column, "required column is missing", "header: " + ", ".join(raw.header))
        )
    for column in raw.header:
        if column not in known:
            problems.append(Problem(name, 1, column, "unknown column, ignored", severity="warning"))
    lines = raw.lines
    if table.name == "duplicates":  # written by `mintgraph dedupe`: undo its formula guard
        for column in ("actor_id", "duplicate_id", "actor_name", "duplicate_name"):
            if column in raw.columns:
                raw.columns[column] = [restore_formula_text(v) for v in raw.columns[column]]
    columns: Columns = {}
    located: list[tuple[int, int, Problem]] = []
    for pos, col in enumerate(table.columns):
        values = raw.columns.get(col.name)
        if values is None:
            columns[col.name] = [_missing(col)] * len(lines)
            continue
        columns[col.name], issues = _type_column(col, values, region_codes, col.required)
        for i, (message, hint, severity) in issues:
            located.append((i, pos, Problem(name, lines[i], col.name, message, hint, severity)))
    located.sort(key=lambda item: (item[0], item[1]))
    return columns, lines, problems + [problem for _, _, problem in located]


def _check_unique(table: Table, name: str, columns: Columns, lines: list[int]) -> list[Problem]:
    problems = []
    if table.key:
        keys = columns[table.key]
        if len(set(keys)) != len(keys):
            first: dict[object, int] = {}
            for key, line in zip(keys, lines, strict=True):
                if key in (None, ""):
                    continue
                if key in first:
                    problems.append(
                        Problem(
                            name, line, table.key, f"duplicate id '{key}'", f"first used in row {first[key]}"
                        )
                    )
                else:
                    first[key] = line
    if table.unique_together:
        tuples = list(zip(*(columns[c] for c in table.unique_together), strict=True))
        if len(set(tuples)) != len(tuples):
            seen: dict[tuple, int] = {}
            for key, line in zip(tuples, lines, strict=True):
                if None in key or "" in key:
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


def _check_references(typed: dict[str, Typed], files: dict[str, str]) -> list[Problem]:
    keys = {
        name: set(columns[key]) - {""} for name, (columns, _) in typed.items() if (key := TABLES[name].key)
    }
    problems = []
    for name, (columns, lines) in typed.items():
        for col in TABLES[name].columns:
            if col.kind != "ref" or not col.ref:
                continue
            target_table = col.ref.split(".")[0]
            target_keys = keys.get(target_table, set())
            values = columns[col.name]
            distinct = set(values)
            distinct.discard("")
            if distinct <= target_keys:
                continue
            for value, line in zip(values, lines, strict=True):
                if value != "" and value not in target_keys:
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


def _check_semantics(typed: dict[str, Typed], files: dict[str, str]) -> list[Problem]:
    coops, coop_lines = typed["cooperations"]
    sources, targets, since, until = coops["source"], coops["target"], coops["since"], coops["until"]
    located: list[tuple[int, int, Problem]] = []
    if any(map(operator.eq, sources, targets)):
        for i, (source, target) in enumerate(zip(sources, targets, strict=True)):
            if source != "" and source == target:
                problem = Problem(
                    files["cooperations"], coop_lines[i], "target", "an actor cannot cooperate with itself"
                )
                located.append((i, 0, problem))
    for i, (start, end) in enumerate(zip(since, until, strict=True)):
        if end is not None and start is not None and end < start:
            problem = Problem(
                files["cooperations"], coop_lines[i], "until", f"ends ({end}) before it starts ({start})"
            )
            located.append((i, 1, problem))
    located.sort(key=lambda item: (item[0], item[1]))
    problems = [problem for _, _, problem in located]
    networks, net_lines = typed["networks"]
    parent = {
        network: (up or None)
        for network, up in zip(networks["id"], networks["parent"], strict=True)
        if network
    }
    line_of = dict(zip(networks["id"], net_lines, strict=True))
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


def _check_warnings(typed: dict[str, Typed], files: dict[str, str]) -> list[Problem]:
    actors, lines = typed["actors"]
    alone = set(actors["id"])
    alone.difference_update(typed["cooperations"][0]["source"])
    alone.difference_update(typed["cooperations"][0]["target"])
    alone.difference_update(typed["memberships"][0]["actor_id"])
    return [
        Problem(
            files["actors"],
            line,
            "id",
            f"actor '{actor}' has no cooperation and no network",
            severity="warning",
        )
        for actor, line in zip(actors["id"], lines, strict=True)
        if actor in alone and actor != ""
    ]


def _row_dicts(table: Table, columns: Columns) -> list[dict[str, object]]:
    """The rows of a (small) typed table as dicts, ``None`` for every missing cell."""
    names = list(table.column_names)
    rows = zip(*(columns[c] for c in names), strict=True)
    return [{c: (None if v == "" else v) for c, v in zip(names, row, strict=True)} for row in rows]


def _int_array(values: list) -> pd.arrays.IntegerArray:
    """An ``Int64`` array from Python ints and ``None`` (the ints are never negative)."""
    numbers = np.fromiter(map({None: -1}.get, values, values), dtype=np.int64, count=len(values))
    return pd.arrays.IntegerArray(numbers, numbers == -1)


def _frame(table: Table, columns: Columns) -> pd.DataFrame:
    data: dict[str, object] = {}
    for col in table.columns:
        values = columns[col.name]
        if col.kind in ("year", "int"):
            data[col.name] = _int_array(values)
        elif col.kind == "number":
            data[col.name] = np.fromiter(map({None: math.nan}.get, values, values), "float64", len(values))
        else:
            data[col.name] = _text_array(np.fromiter(values, dtype=object, count=len(values)))
    return pd.DataFrame(data, columns=list(table.column_names), copy=False)  # the arrays are new


@cache
def _text_dtype() -> object:
    """The dtype pandas gives a column of strings: ``str`` from pandas 3 on, ``object`` before."""
    return pd.DataFrame({"text": pd.array(["a"], dtype=object)})["text"].dtype


def _text_array(strings: np.ndarray) -> object:
    """A column of strings as the array pandas would infer for it (converted at once, not inferred)."""
    dtype = _text_dtype()
    if len(strings) and dtype != np.dtype(object):
        return pd.array(strings, dtype=dtype, copy=False)
    return pd.array(strings, dtype=object, copy=False)


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
    user_regions = (folder / "regions.csv").is_file()
    with paused_cycle_collector():
        report = _check_files(folder, user_regions)  # the cells read are freed before collection resumes
    if report.dataset is not None:
        report.dataset.path = folder
        report.dataset.region_source = _region_source(folder, user_regions)
        report.dataset.boundaries = _boundaries(folder, user_regions, report.dataset)
    return report


def _check_files(folder: Path, user_regions: bool) -> Report:
    problems: list[Problem] = []
    raws: dict[str, RawTable] = {}
    for name, table in TABLES.items():
        file = shipped_regions_path() if name == "regions" and not user_regions else folder / table.filename
        raws[name], found = read_table(file, table)
        problems += found
    if not user_regions:
        raws = with_german_districts(raws)
    return _check_tables(raws, problems)


def check_workbook(path: str | Path) -> Report:
    """Read and check a workbook with one sheet per table (see :func:`mintgraph.io.read_workbook`).

    Without a ``regions`` sheet, the shipped Hessen districts are used.

    Example
    -------
    >>> check_workbook("no/such.xlsx").errors[0].message
    'cannot be read: No such file or directory'
    """
    book = Path(path)
    with paused_cycle_collector():
        report, user_regions = _check_book(book)
    if report.dataset is not None:
        report.dataset.path = book
        report.dataset.region_source = f"{book} (user-supplied)" if user_regions else ATTRIBUTION
        report.dataset.boundaries = (
            None if user_regions else shipped_boundaries_with(set(report.dataset.regions["code"]))
        )
    return report


def _check_book(book: Path) -> tuple[Report, bool]:
    raws, problems = read_workbook(book)
    if not raws:
        return Report(problems), False
    user_regions = raws["regions"].present
    if not user_regions:
        raws["regions"], found = read_table(shipped_regions_path(), TABLES["regions"])
        problems += found
        raws = with_german_districts(raws)
    return _check_tables(raws, problems), user_regions


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
        raws[name] = RawTable.from_rows(
            table,
            Path(table.filename),
            header,
            [RawRow(i + 2, {k: str(row.get(k, "")).strip() for k in header}) for i, row in enumerate(rows)],
        )
    if "regions" not in records:
        raws = with_german_districts(raws)
    report = check_tables(raws, prior=problems)
    if report.dataset is not None:
        report.dataset.region_source = ATTRIBUTION if "regions" not in records else "user-supplied"
        report.dataset.boundaries = (
            shipped_boundaries_with(set(report.dataset.regions["code"])) if "regions" not in records else None
        )
    return report


def check_tables(raws: dict[str, RawTable], prior: list[Problem] | None = None) -> Report:
    """Check tables already read (see :func:`mintgraph.io.read_table`) and build the Dataset."""
    with paused_cycle_collector():
        return _check_tables(raws, list(prior or []))


def _check_tables(raws: dict[str, RawTable], problems: list[Problem]) -> Report:
    region_codes = set(raws["regions"].columns.get("code", [])) - {""}
    files = {name: raw.label for name, raw in raws.items()}
    typed: dict[str, Typed] = {}
    for name, raw in raws.items():
        columns, lines, found = _type_table(raw, region_codes)
        problems += found
        problems += _check_unique(raw.table, files[name], columns, lines)
        typed[name] = (columns, lines)
    if any(p.severity == "error" and p.row in (None, 1) for p in problems):
        return Report(problems)  # a missing file or column: the rest would only echo it
    problems += _check_references(typed, files)
    problems += _check_semantics(typed, files)
    problems += _check_warnings(typed, files)
    if any(p.severity == "error" for p in problems):
        return Report(problems)
    duplicates, duplicate_lines = typed["duplicates"]
    mapping, found = confirmed_mapping(
        _row_dicts(TABLES["duplicates"], duplicates), duplicate_lines, files["duplicates"]
    )
    if found:
        return Report(problems + found)
    frames = {
        name: _frame(TABLES[name], _dedupe(TABLES[name], columns)) for name, (columns, _) in typed.items()
    }
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


def _dedupe(table: Table, columns: Columns) -> Columns:
    """Keep the first of rows with the same ``unique_together`` values."""
    if not table.unique_together:
        return columns
    keys = list(zip(*(columns[c] for c in table.unique_together), strict=True))
    if len(set(keys)) == len(keys):
        return columns
    seen: set[tuple] = set()
    kept = []
    for i, key in enumerate(keys):
        if key not in seen:
            seen.add(key)
            kept.append(i)
    return {name: [values[i] for i in kept] for name, values in columns.items()}


REGION_COLUMNS_USED = (
    ("actors", "region", False),
    ("activities", "region", False),
    ("networks", "regions", True),
)
"""The cells that name districts: (table, column, several codes per cell)."""


def with_german_districts(raws: dict[str, RawTable]) -> dict[str, RawTable]:
    """The shipped district table, extended by every district of Germany the data names.

    Without a user's ``regions.csv`` the shipped Hessen table is the district table; a code of
    another Land (any of Germany's 400 districts, :func:`mintgraph.regions.germany_districts`)
    gets its row from the shipped Germany data — name, type, Land, population and area of
    31.12.2021, and its neighbours across Länder — and a Hessen district bordering it lists it as a
    neighbour. Data naming only Hessen districts gets exactly the Hessen table; data naming no Hessen
    district gets only the districts it names.

    >>> from mintgraph.io import read_table
    >>> from mintgraph.regions import shipped_regions_path
    >>> regions, _ = read_table(shipped_regions_path(), TABLES["regions"])
    >>> actors = RawTable.from_rows(TABLES["actors"], Path("actors.csv"), ["id", "region"],
    ...     [RawRow(2, {"id": "a", "region": "16063"}), RawRow(3, {"id": "b", "region": "06636"})])
    >>> extended = with_german_districts({"regions": regions, "actors": actors})["regions"]
    >>> len(extended.lines), extended.columns["name"][-1], extended.columns["group"][-1]
    (27, 'Wartburgkreis', 'Thüringen')
    >>> only = RawTable.from_rows(TABLES["actors"], Path("actors.csv"), ["id", "region"],
    ...                           [RawRow(2, {"id": "a", "region": "16063"})])
    >>> with_german_districts({"regions": regions, "actors": only})["regions"].columns["code"]  # no Hessen
    ['16063']
    """
    from mintgraph.regions import germany_districts, germany_neighbours

    regions = raws["regions"]
    own = set(regions.columns.get("code", []))
    germany = {row["ags"]: row for row in germany_districts()}
    german_codes = set(germany)
    named: set[str] = set()
    hessen_named = False
    for name, column, several in REGION_COLUMNS_USED:
        raw = raws.get(name)
        if raw is None:
            continue
        for cell in set(raw.columns.get(column, [])):
            for value in split_multi(cell) if several else [cell]:
                code = value if value in germany else repaired_code(value, german_codes)
                if code is not None and code not in own:
                    named.add(code)
                hessen_named = hessen_named or code in own
    if not named:
        return raws
    neighbours = germany_neighbours()
    # data that names no Hessen district at all gets only the districts it names (no empty Hessen)
    rows = regions.rows if hessen_named else []
    own = own if hessen_named else set()
    for row in rows:  # a Hessen district bordering an added one lists it as a neighbour
        extra = sorted(neighbours.get(row.values.get("code", ""), set()) & named)
        if extra:
            current = split_multi(row.values.get("neighbours", ""))
            row.values["neighbours"] = "|".join([*current, *[c for c in extra if c not in current]])
    next_line = (max(regions.lines) if regions.lines else 1) + 1
    for offset, code in enumerate(sorted(named)):
        g = germany[code]
        rows.append(
            RawRow(
                next_line + offset,
                {
                    "code": code,
                    "name": g["name"],
                    "type": g["type"],
                    "group": g["land_name"],
                    "population": g["population"],
                    "area_km2": g["area_km2"],
                    "neighbours": "|".join(sorted(neighbours.get(code, set()) & (own | named))),
                    "source": "Destatis GV-ISys 31.12.2021 (population, area); BKG VG5000 01.01.2021 "
                    "(code, type, Land, neighbours) — shipped Germany data",
                },
            )
        )
    header = list(
        dict.fromkeys(
            [
                *regions.header,
                "code",
                "name",
                "type",
                "group",
                "population",
                "area_km2",
                "neighbours",
                "source",
            ]
        )
    )
    extended = RawTable.from_rows(regions.table, regions.path, header, rows)
    extended.label = regions.label
    return {**raws, "regions": extended}


def _region_source(folder: Path, user_regions: bool) -> str:
    return f"{folder / 'regions.csv'} (user-supplied)" if user_regions else ATTRIBUTION


def _boundaries(folder: Path, user_regions: bool, dataset: Dataset) -> dict | None:
    if not user_regions:
        return shipped_boundaries_with(set(dataset.regions["code"]))
    path = folder / "boundaries.geojson"
    if path.is_file():
        import json

        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    return None


__all__ = ["Report", "check_folder", "check_records", "check_tables", "check_workbook"]
