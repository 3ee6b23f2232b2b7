"""Hostile and random input: a clean, located error or a correct load — never a traceback.

Property-based (hypothesis): random bytes, random tables with odd unicode, quotes, delimiters,
duplicate headers and huge fields; spreadsheet formulas in cells are neutralised in the CSV
outputs; an interrupted run leaves the previous outputs as they were.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mintgraph
from mintgraph.cli import cli
from mintgraph.errors import Problem
from mintgraph.io import MAX_FIELD_SIZE
from mintgraph.testing import TINY, write_tables

SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)),  # any code point a file can hold
    max_size=40,
)
HOSTILE = st.sampled_from(
    [
        '=HYPERLINK("http://evil.example","klick")',
        "+1+1",
        "-2+3",
        "@SUM(A1:A2)",
        "\t=1",
        "</script><script>alert(1)</script>",
        '"; DROP TABLE actors; --',
        "\u202eevil\u202c",
        "\x00\x01\x1b[31m",
        "Zeile\r\numbruch",
        "𝔘𝔫𝔦 𝔎𝔞𝔰𝔰𝔢𝔩",
        "",
    ]
)
COLUMNS = ["id", "name", "type", "region", "Name", "Typ", "Kreis", "ID", "", "note", "email", "x" * 300]


def _assert_clean(report: mintgraph.validate.__class__ | object) -> None:
    problems = report.problems  # type: ignore[attr-defined]
    assert all(isinstance(p, Problem) and p.file for p in problems)
    if report.ok:  # type: ignore[attr-defined]
        assert report.dataset is not None  # type: ignore[attr-defined]
    else:
        assert report.errors and all(str(p) for p in report.errors)  # type: ignore[attr-defined]


@pytest.fixture
def tiny_folder(tmp_path: Path) -> Path:
    return write_tables(tmp_path / "data", TINY)


@SETTINGS
@given(data=st.binary(max_size=2000))
def test_random_bytes_as_a_table(tiny_folder: Path, data: bytes):
    (tiny_folder / "actors.csv").write_bytes(data)
    _assert_clean(mintgraph.validate(tiny_folder))


@SETTINGS
@given(
    header=st.lists(st.sampled_from(COLUMNS), min_size=0, max_size=8),
    rows=st.lists(st.lists(st.one_of(TEXT, HOSTILE), max_size=9), max_size=8),
    delimiter=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
)
def test_random_tables_load_or_fail_cleanly(tiny_folder: Path, header, rows, delimiter, encoding):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows([header, *rows])
    data = buffer.getvalue().encode(encoding, errors="replace")
    (tiny_folder / "actors.csv").write_bytes(data)
    before = data
    result = CliRunner().invoke(cli, ["validate", str(tiny_folder), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert (tiny_folder / "actors.csv").read_bytes() == before


@SETTINGS
@given(names=st.lists(st.one_of(HOSTILE, TEXT.filter(str.strip)), min_size=6, max_size=6))
def test_any_actor_names_analyse_and_stay_inert(tmp_path_factory, names):
    actors = [
        dict(row, name=name if name.strip() else "x") for row, name in zip(TINY["actors"], names, strict=True)
    ]
    folder = write_tables(tmp_path_factory.mktemp("d"), dict(TINY, actors=actors))
    out = folder / "out"
    result = CliRunner().invoke(cli, ["analyze", str(folder), "-o", str(out)])
    if result.exit_code == 1:  # e.g. a NUL byte makes the file binary: a one-line error
        assert result.output.startswith("Error: actors.csv") and result.output.count("\n") == 1
        return
    assert result.exit_code == 0, result.output
    with open(out / "actors.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            assert not row["name"].startswith(("=", "+", "-", "@", "\t", "\r"))
    page = (out / "graph.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page


def test_huge_field_duplicate_header_and_empty_file_are_located(tmp_path: Path, tiny_folder: Path):
    (tiny_folder / "actors.csv").write_text(
        "id,name,type,region\na," + "x" * (MAX_FIELD_SIZE + 10) + ",school,06611\n"
    )
    errors = mintgraph.validate(tiny_folder).errors
    assert errors[0].file == "actors.csv" and "field larger than field limit" in errors[0].message
    (tiny_folder / "actors.csv").write_text("id,name,Name,type,region\n")
    errors = mintgraph.validate(tiny_folder).errors
    assert errors[0].row == 1 and "appears twice" in errors[0].message
    (tiny_folder / "actors.csv").write_bytes(b"")
    assert mintgraph.validate(tiny_folder).errors[0].message == "file is empty"


def test_formula_cells_are_neutralised_in_csv_outputs(tmp_path: Path):
    actors = [dict(r) for r in TINY["actors"]]
    actors[0]["name"] = '=HYPERLINK("http://evil.example","klick")'
    actors[1]["name"] = "@SUM(A1)"
    folder = write_tables(tmp_path / "data", dict(TINY, actors=actors))
    result = CliRunner().invoke(cli, ["analyze", str(folder), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    with open(tmp_path / "out" / "actors.csv", encoding="utf-8", newline="") as fh:
        names = {row["id"]: row["name"] for row in csv.DictReader(fh)}
    assert names["s1"] == '\'=HYPERLINK("http://evil.example","klick")'
    assert names["s2"] == "'@SUM(A1)"
    assert names["u1"] == "Uni"  # ordinary text untouched
    # numbers (e.g. negative E-I values) stay numbers
    with open(tmp_path / "out" / "networks.csv", encoding="utf-8", newline="") as fh:
        ei = [row["ei_index"] for row in csv.DictReader(fh)]
    assert "-0.5" in ei


def test_an_interrupted_run_leaves_the_previous_outputs(tmp_path: Path, monkeypatch):
    folder = write_tables(tmp_path / "data", TINY)
    out = tmp_path / "out"
    assert CliRunner().invoke(cli, ["analyze", str(folder), "-o", str(out)]).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    actors = [dict(r) for r in TINY["actors"]]
    actors[0]["name"] = "Neuer Name"
    write_tables(folder, dict(TINY, actors=actors))

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("mintgraph.export.render_map", interrupted)  # the last view to render
    result = CliRunner().invoke(cli, ["analyze", str(folder), "-o", str(out)])
    assert result.exit_code != 0  # click reports the interruption as "Aborted!"
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # nothing half-new, no temp files
