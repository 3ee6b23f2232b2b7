"""The example saved the ways a German Excel saves it loads to the same dataset and graph.

Issue 6's acceptance: semicolon + Windows-1252 CSV, UTF-8-BOM CSV and one xlsx workbook
(with German sheet and column names) give the same graph as the canonical CSV files.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook

import mintgraph
from mintgraph.cli import cli
from mintgraph.graph import cooperation_graph
from mintgraph.io import SHEET_NAMES
from mintgraph.schema import ALIASES, TABLES

DATA = Path("data")
TABLE_NAMES = [name for name in TABLES if (DATA / TABLES[name].filename).is_file()]


@pytest.fixture(scope="module")
def canonical() -> mintgraph.Dataset:
    return mintgraph.load(DATA)


def _rows(name: str) -> list[list[str]]:
    with open(DATA / TABLES[name].filename, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def _german_header(name: str, header: list[str]) -> list[str]:
    """The first German alias of each column, where it has one."""
    return [(ALIASES.get(name, {}).get(col) or (col,))[0] for col in header]


def _write_csv(folder: Path, name: str, rows: list[list[str]], *, delimiter: str, encoding: str) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    (folder / TABLES[name].filename).write_bytes(buffer.getvalue().encode(encoding))


def _assert_same(dataset: mintgraph.Dataset, canonical: mintgraph.Dataset) -> None:
    for name in ("actors", "networks", "memberships", "cooperations", "activities", "network_links"):
        pd.testing.assert_frame_equal(getattr(dataset, name), getattr(canonical, name), check_dtype=True)
    a, b = cooperation_graph(dataset), cooperation_graph(canonical)
    assert nx.utils.graphs_equal(a, b)
    assert a.number_of_edges() == b.number_of_edges() > 1000


def test_semicolon_windows_1252_with_german_headers(tmp_path: Path, canonical):
    for name in TABLE_NAMES:
        rows = _rows(name)
        rows[0] = _german_header(name, rows[0])
        _write_csv(tmp_path, name, rows, delimiter=";", encoding="cp1252")
    raw = (tmp_path / "actors.csv").read_bytes()
    assert b";" in raw.splitlines()[0] and "ä".encode("cp1252") in raw  # really what Excel writes
    _assert_same(mintgraph.load(tmp_path), canonical)


def test_utf8_bom_csv(tmp_path: Path, canonical):
    for name in TABLE_NAMES:
        _write_csv(tmp_path, name, _rows(name), delimiter=",", encoding="utf-8-sig")
    assert (tmp_path / "actors.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    _assert_same(mintgraph.load(tmp_path), canonical)


def _workbook(path: Path, *, german: bool) -> None:
    book = Workbook()
    book.remove(book.active)
    for name in TABLE_NAMES:
        rows = _rows(name)
        sheet = book.create_sheet(SHEET_NAMES[name][0] if german else name)
        header = _german_header(name, rows[0]) if german else rows[0]
        sheet.append(header)
        for row in rows[1:]:
            # numbers as numbers, the way a spreadsheet holds them
            sheet.append([int(v) if v.isdigit() and not v.startswith("0") else (v or None) for v in row])
    book.save(path)


@pytest.mark.parametrize("german", [False, True])
def test_xlsx_workbook(tmp_path: Path, canonical, german: bool):
    path = tmp_path / "mint.xlsx"
    _workbook(path, german=german)
    assert isinstance(load_workbook(path)["Kooperationen" if german else "cooperations"]["D2"].value, int)
    _assert_same(mintgraph.load(path), canonical)


def test_xlsx_errors_name_file_sheet_row_and_column(tmp_path: Path):
    path = tmp_path / "mint.xlsx"
    _workbook(path, german=True)
    book = load_workbook(path)
    book["Akteure"]["D5"] = "06999"  # region of the 4th actor
    book.save(path)
    before = path.read_bytes()
    result = CliRunner().invoke(cli, ["analyze", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "mint.xlsx [Akteure], row 5, column 'region'" in result.output
    assert "06999" in result.output and "Traceback" not in result.output
    assert path.read_bytes() == before  # the input is never written
    assert not (tmp_path / "out").exists()


def test_xlsx_missing_sheet_and_broken_file(tmp_path: Path):
    path = tmp_path / "mint.xlsx"
    _workbook(path, german=False)
    book = load_workbook(path)
    del book["memberships"]
    book.save(path)
    errors = mintgraph.validate(path).errors
    assert [(e.file, e.message) for e in errors] == [("mint.xlsx", "sheet 'memberships' is missing")]
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"this is no zip")
    assert "not an Excel workbook" in mintgraph.validate(broken).errors[0].message


def test_analyze_runs_on_a_workbook(tmp_path: Path):
    path = tmp_path / "mint.xlsx"
    _workbook(path, german=True)
    result = CliRunner().invoke(cli, ["analyze", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    from_csv = pd.read_csv(tmp_path / "out" / "networks.csv")
    expected = mintgraph.analyze(mintgraph.load(DATA), permutations=0).networks
    pd.testing.assert_series_equal(from_csv["density"], expected["density"], check_exact=False, rtol=1e-12)
    assert from_csv["members"].tolist() == expected["members"].tolist()
