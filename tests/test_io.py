"""Reading files: unreadable files become located problems, never exceptions."""

from __future__ import annotations

from pathlib import Path

import pytest

from mintgraph.io import read_table
from mintgraph.schema import TABLES
from mintgraph.validate import check_folder

ACTORS = TABLES["actors"]


def read(tmp_path: Path, content: bytes):
    path = tmp_path / "actors.csv"
    path.write_bytes(content)
    return read_table(path, ACTORS)


def test_line_numbers_skip_blank_lines_and_follow_multiline_cells(tmp_path: Path):
    raw, problems = read(
        tmp_path, b'id,name,type,region\na,"Zwei\nZeilen",school,06611\n\nb,B,school,06611\n'
    )
    assert problems == []
    assert [(r.line, r.values["id"]) for r in raw.rows] == [(2, "a"), (5, "b")]


def test_bom_and_header_case_and_spaces_are_accepted(tmp_path: Path):
    raw, problems = read(tmp_path, "\ufeff ID , Name,TYPE,region\na,A,school,06611\n".encode())
    assert problems == []
    assert raw.header == ["id", "name", "type", "region"]


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        (b"id,name\n\x00\x01\x02binary", None, "not a text file"),
        (b"", None, "file is empty"),
        (b"id,name,id\n", 1, "column name appears twice"),
        (b"id,name,type,region\na,A,school,06611,extra\n", 2, "row has 5 cells but the header has 4"),
    ],
)
def test_unreadable_files_are_problems(tmp_path: Path, content: bytes, line, message):
    _, problems = read(tmp_path, content)
    assert len(problems) == 1
    assert problems[0].file == "actors.csv" and problems[0].row == line
    assert message in problems[0].message


def test_missing_required_file_is_named(tmp_path: Path):
    report = check_folder(tmp_path)
    assert not report.ok
    assert {p.file for p in report.errors} == {
        "actors.csv",
        "networks.csv",
        "memberships.csv",
        "cooperations.csv",
    }
    assert all(p.message == "file is missing" for p in report.errors)


def test_windows_1252_and_semicolons_from_a_german_excel(tmp_path: Path):
    content = "ID;Name;Typ;Kreis\nuni-kassel;Universität Kassel, Fachbereich 10;university;06611\n"
    raw, problems = read(tmp_path, content.encode("cp1252"))
    assert problems == []
    assert raw.header == ["id", "name", "type", "region"]
    assert raw.rows[0].values["name"] == "Universität Kassel, Fachbereich 10"


def test_tab_separated_and_utf8_bom(tmp_path: Path):
    raw, problems = read(tmp_path, "\ufeffid\tname\ttype\tregion\na\tÄ\tschool\t06611\n".encode())
    assert problems == []
    assert raw.rows[0].values == {"id": "a", "name": "Ä", "type": "school", "region": "06611"}


def test_two_names_for_one_column_are_reported(tmp_path: Path):
    _, problems = read(tmp_path, b"id,Name,Bezeichnung,type,region\n")
    assert len(problems) == 1
    assert problems[0].column == "name" and "'Name' and 'Bezeichnung' mean the same" in problems[0].message
