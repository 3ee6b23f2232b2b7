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
        ("id,name\na,Universit\u00e4t\n".encode("cp1252"), 2, "file is not UTF-8 text"),
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
