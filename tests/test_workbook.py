"""metrics.xlsx: the same numbers as the CSV files, text that never runs as a formula, the same bytes."""

from __future__ import annotations

import copy
import csv
import io
import json
import os
import subprocess
import sys
import zipfile
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

import mintgraph
from mintgraph.analysis import Analysis, analyze
from mintgraph.testing import TINY, tiny_dataset
from mintgraph.validate import check_records
from mintgraph.workbook import (
    FIXED_TIMESTAMP,
    SHEETS,
    flatten_summary,
    workbook_bytes,
    write_workbook,
)

ROOT = Path(__file__).resolve().parent.parent
INJECTIONS = {
    "s1": '=HYPERLINK("http://example.org/x","klick")',
    "s2": "+1+1",
    "u1": "-2+3",
    "c1": "@SUM(A1:A9)",
}


@pytest.fixture(scope="module", params=["tiny", "example"])
def written(request, tmp_path_factory) -> tuple[Analysis, Path]:
    """An analysis, with write_outputs' CSV files and metrics.xlsx in one folder."""
    dataset = tiny_dataset() if request.param == "tiny" else mintgraph.load(ROOT / "data")
    result = analyze(dataset)
    out = tmp_path_factory.mktemp(request.param)
    mintgraph.write_outputs(result, out)
    write_workbook(result, out / "metrics.xlsx")
    return result, out


def read_csv_text(path: Path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


def test_every_table_has_the_numbers_of_its_csv(written):
    result, out = written
    book = load_workbook(out / "metrics.xlsx")
    assert book.sheetnames == list(SHEETS)
    for name, table in result.tables().items():
        rows = read_csv_text(out / f"{name}.csv")
        sheet = [list(r) for r in book[name].iter_rows(values_only=True)]
        assert len(sheet) == len(rows) == len(table) + 1, name
        assert list(sheet[0]) == rows[0] == list(table.columns)
        for r, (csv_row, xlsx_row) in enumerate(zip(rows[1:], sheet[1:], strict=True), start=2):
            xlsx_row = list(xlsx_row) + [None] * (len(csv_row) - len(xlsx_row))
            for column, text, value in zip(rows[0], csv_row, xlsx_row, strict=True):
                where = f"{name}!{column}{r}"
                if text == "":
                    assert value is None, where
                elif isinstance(value, bool):
                    assert text == str(value), where
                elif isinstance(value, int | float):
                    assert value == pytest.approx(float(text), rel=1e-12, abs=1e-12), where
                else:
                    assert value == text, where


def test_numbers_are_numbers_and_text_stays_text(written):
    result, out = written
    sheet = load_workbook(out / "metrics.xlsx")["actors"]
    header = [c.value for c in sheet[1]]
    for column in ("degree", "betweenness", "pagerank", "articulation_point", "region"):
        cells = [row[header.index(column)] for row in sheet.iter_rows(min_row=2)]
        kind = result.actors[column].dtype
        if pd.api.types.is_bool_dtype(kind):
            assert {c.data_type for c in cells} == {"b"}
        elif pd.api.types.is_numeric_dtype(kind):
            assert {c.data_type for c in cells if c.value is not None} == {"n"}
            assert all(isinstance(c.value, int | float) for c in cells if c.value is not None)
        else:
            assert {c.data_type for c in cells} == {"s"}
            assert all(c.value.startswith("06") for c in cells)  # district codes keep their leading zero


def test_missing_values_are_empty_cells(written):
    result, out = written
    sheet = load_workbook(out / "metrics.xlsx")["actors"]
    header = [c.value for c in sheet[1]]
    constraint = [row[header.index("constraint")].value for row in sheet.iter_rows(min_row=2)]
    missing = result.actors["constraint"].isna().tolist()
    assert [v is None for v in constraint] == missing
    assert any(missing)  # the isolated museum (tiny) and isolated actors (example) have no constraint


def test_summary_sheet_is_summary_json_flattened(written):
    result, out = written
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    rows = list(load_workbook(out / "metrics.xlsx")["summary"].iter_rows(values_only=True))
    assert rows[0] == ("key", "value")
    expected = flatten_summary(summary)
    assert [r[0] for r in rows[1:]] == [k for k, _ in expected]
    for (key, value), row in zip(expected, rows[1:], strict=True):
        assert row[1] == (pytest.approx(value, rel=1e-12) if isinstance(value, float) else value), key
    keys = dict(rows[1:])
    assert keys["ties"] == result.summary["ties"]
    assert keys["communities.modularity"] == pytest.approx(result.summary["communities"]["modularity"])


def test_flatten_summary_by_hand():
    assert flatten_summary({"b": {"y": 2, "x": None}, "a": [1, 2], "c": "t"}) == [
        ("a", "[1, 2]"),
        ("b.x", None),
        ("b.y", 2),
        ("c", "t"),
    ]


def test_header_is_bold_frozen_filtered_and_columns_fit(written):
    _, out = written
    book = load_workbook(out / "metrics.xlsx")
    for name in SHEETS:
        sheet = book[name]
        assert sheet.freeze_panes == "A2", name
        assert all(c.font.b for c in sheet[1]), name
        assert not any(c.font.b for c in sheet[2] if c.value is not None), name
        assert sheet.auto_filter.ref == sheet.dimensions, name
        for letter, dim in sheet.column_dimensions.items():
            assert 6 <= dim.width <= 50, (name, letter)
    actors = book["actors"]
    header = [c.value for c in actors[1]]
    longest_name = max(len(str(c.value)) for c in list(actors.columns)[header.index("name")][1:])
    width = actors.column_dimensions[chr(ord("A") + header.index("name"))].width
    assert width == min(longest_name + 2, 50)


def injected_result() -> Analysis:
    records = copy.deepcopy(TINY)
    for row in records["actors"]:
        row["name"] = INJECTIONS.get(row["id"], row["name"])
    report = check_records(records)
    assert report.dataset is not None, report.errors
    result = analyze(report.dataset, permutations=0)
    # tab and carriage return cannot come through the CSV reader (it strips cells): put them in directly
    actors = result.actors.copy()
    actors.loc[actors["id"] == "l1", "name"] = "\t=1+1"
    actors.loc[actors["id"] == "m1", "name"] = "\r=2+2"
    return replace(result, actors=actors)


def test_formula_injection_is_stored_as_plain_text(tmp_path):
    result = injected_result()
    path = write_workbook(result, tmp_path / "metrics.xlsx")
    with zipfile.ZipFile(path) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert sheets and not any(b"<f>" in archive.read(n) or b"<f " in archive.read(n) for n in sheets)
    book = load_workbook(path)
    assert not [c.coordinate for s in book for row in s.iter_rows() for c in row if c.data_type == "f"]
    sheet = book["actors"]
    names = {row[0].value: row[1] for row in sheet.iter_rows(min_row=2)}
    expected = {**INJECTIONS, "l1": "\t=1+1", "m1": "\r=2+2"}
    for actor, text in expected.items():
        cell = names[actor]
        assert cell.value == text and cell.data_type == "s", actor
        assert cell.quotePrefix, actor  # Excel shows it as text and keeps it text when edited
    plain = load_workbook(write_workbook(analyze(tiny_dataset(), permutations=0), tmp_path / "plain.xlsx"))
    assert not any(c.quotePrefix for row in plain["actors"].iter_rows() for c in row)


def test_characters_a_worksheet_cannot_hold_are_replaced(tmp_path):
    result = analyze(tiny_dataset(), permutations=0)
    actors = result.actors.copy()
    actors.loc[0, "name"] = "Schule\x01\x1b Eins\tmit Tab"
    path = write_workbook(replace(result, actors=actors), tmp_path / "metrics.xlsx")
    assert load_workbook(path)["actors"]["B2"].value == "Schule\ufffd\ufffd Eins\tmit Tab"


def test_same_input_gives_the_same_bytes(tmp_path):
    first = workbook_bytes(analyze(mintgraph.load(ROOT / "data")))
    script = (
        "import sys, mintgraph; from mintgraph.workbook import write_workbook; "
        "write_workbook(mintgraph.analyze(mintgraph.load(sys.argv[1])), sys.argv[2])"
    )
    env = {**os.environ, "PYTHONHASHSEED": "777"}
    target = tmp_path / "metrics.xlsx"
    subprocess.run([sys.executable, "-c", script, str(ROOT / "data"), str(target)], check=True, env=env)
    assert target.read_bytes() == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode("utf-8")
    stamp = FIXED_TIMESTAMP.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert core.count(stamp) == 2  # created and modified


def test_write_is_atomic_and_replaces_the_old_file(tmp_path):
    target = tmp_path / "sub" / "metrics.xlsx"
    target.parent.mkdir()
    target.write_bytes(b"old")
    assert write_workbook(analyze(tiny_dataset(), permutations=0), target) == target
    assert target.read_bytes()[:2] == b"PK"
    assert [p.name for p in target.parent.iterdir()] == ["metrics.xlsx"]
    sheet = load_workbook(target)["networks"]
    assert sheet["A2"].value == "umbrella"
    header = [cell.value for cell in sheet[1]]
    assert sheet.cell(3, header.index("ei_index") + 1).value == -0.5  # net-a's ei_index (hand-computed)
