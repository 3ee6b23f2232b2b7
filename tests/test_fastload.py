"""The column-wise reader and validator agree with the row-by-row one they replaced.

``tests/rowwise.py`` keeps the former implementation (csv over ``splitlines``, one dict per
row, one check per cell) as an oracle. Reading: the direct split for text without quotes,
the careful csv path and the oracle give the same table and the same problems. Checking:
the same problems in the same order and the same Dataset frames, for random tables and for
a generated landscape of 2,000 actors, clean and with planted errors.
"""

from __future__ import annotations

import csv
import io
import random
import unicodedata
from pathlib import Path

import pandas as pd
import pytest
import rowwise
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mintgraph
from mintgraph.io import CELL_SPACES, LINE_BREAKS, RawRow, RawTable, _may_need_strip, decode, read_text
from mintgraph.regions import shipped_regions_path
from mintgraph.schema import TABLES
from mintgraph.testing import TINY
from mintgraph.validate import Report, check_folder, check_records, check_tables

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ACTORS = TABLES["actors"]
PATH = Path("actors.csv")


def _read_all_ways(text: str):
    """(header, rows, problems) read the fast way, the careful way and the former way."""
    results = []
    for raw, problems in (
        read_text(text, ACTORS, PATH),
        read_text(text, ACTORS, PATH, careful=True),
        rowwise.read_text(text, ACTORS, PATH),
    ):
        results.append((raw.header, [(r.line, r.values) for r in raw.rows], problems))
    return results


# -- reading ----------------------------------------------------------------------------------

CASES = {
    "multi-line quoted cells": 'id,name,type,region\na,"Zwei\nZeilen",school,06611\n\nb,"x\r\ny\rz",school,1\n',
    "ragged rows": "id,name,type,region\na,A,school,06611,extra\nb,B\nc,C,school,06611,,,\n",
    "blank and delimiter-only rows": "\n\n id , name ,type,region\n,,,\n  \n;;\na,A,school,06611\n ,\t, ,\n",
    "byte-order mark and semicolons": "\ufeffID;Name;Typ;Kreis\nuni;Universität Kassel, FB 10;university;06611\n",
    "tabs and spaces": "id\tname\ttype\tregion\na\t Uni Kassel \tschool\t06611 \n",
    "windows and old mac line ends": "id,name,type,region\r\na,A,school,06611\r\rb,B,school,06611\r",
    "other line breaks": "id,name,type,region\x0ca,A\u2028,school,06611\x85b,\x1eB,school,06611\u2029",
    "line break inside quotes": 'id,name,type,region\na,"A\u2028B",school,06611\nb,B,school,06611\n',
    "trailing delimiters": "id,name,type,region,,\na,A,school,06611,,\nb,B,school,06611,,x\n",
    "no data rows": "id,name,type,region\n",
    "only blank lines": "\n ,, \n",
    "header named twice": "id,Name,Bezeichnung,type,region\na,A,A,school,06611\n",
    "column without a name": "id,,type\na,b,c\n",
    "unclosed quote": 'id,name,type,region\na,"A,school,06611\nb,B,school,06611\n',
    "no-break spaces": "id,name,type,region\na,\xa0A\u3000,school,06611\n",
    "one column": "id\na\n\n \nb\n",
}


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_fast_careful_and_former_reading_agree(text: str):
    fast, careful, former = _read_all_ways(text)
    assert fast == former
    assert careful == former


def test_hand_computed_table_from_a_messy_file():
    raw, problems = read_text(CASES["blank and delimiter-only rows"], ACTORS, PATH)
    assert raw.header == ["id", "name", "type", "region"]
    # ";;" is a cell of a comma-separated file, not a row of delimiters
    assert raw.columns == {
        "id": [";;", "a"],
        "name": ["", "A"],
        "type": ["", "school"],
        "region": ["", "06611"],
    }
    assert raw.lines == [6, 7] and problems == []
    raw, problems = read_text(CASES["ragged rows"], ACTORS, PATH)
    assert raw.columns["id"] == ["b", "c"] and raw.columns["type"] == ["", "school"]
    assert raw.lines == [3, 4]
    assert [(p.row, p.message) for p in problems] == [(2, "row has 5 cells but the header has 4")]
    raw, _ = read_text(CASES["other line breaks"], ACTORS, PATH)
    # every break str.splitlines knows ends a line, also inside what looks like one row
    assert raw.lines == [2, 3, 4, 5]
    assert raw.columns["id"] == ["a", "", "b", "B"] and raw.columns["name"] == ["A", "school", "", "school"]


CELL = st.one_of(
    st.sampled_from(
        ["a", "b", "Uni Kassel", " x ", "", " ", "\t", "\xa0", "06611", "school", "ä ö", ",", ";", "=1"]
    ),
    st.text(alphabet=st.sampled_from('ab ,;\t"\n\r\x0c\u2028\xa0'), max_size=6),
)
HEADER = st.lists(st.sampled_from(["id", "name", "type", "region", "Name", "note", "", " ID "]), max_size=6)
LINE_END = st.sampled_from(["\n", "\r\n", "\r", "\u2028"])


@SETTINGS
@given(
    header=HEADER,
    rows=st.lists(st.lists(CELL, max_size=7), max_size=8),
    delimiter=st.sampled_from([",", ";", "\t"]),
    end=LINE_END,
    quoted=st.booleans(),
    bom=st.booleans(),
)
def test_random_text_reads_the_same_all_ways(header, rows, delimiter, end, quoted, bom):
    if quoted:
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=delimiter, lineterminator=end).writerows([header, *rows])
        text = buffer.getvalue()
    else:  # joined as they are: ragged rows, stray quotes and breaks inside cells
        text = "".join(delimiter.join(cells) + end for cells in [header, *rows])
    text = ("\ufeff" if bom else "") + text
    fast, careful, former = _read_all_ways(text)
    assert fast == former
    assert careful == former


@SETTINGS
@given(
    rows=st.lists(
        st.lists(st.text(alphabet="ab \t\xa0\u3000;", max_size=3), min_size=4, max_size=4), max_size=12
    ),
    delimiter=st.sampled_from([",", "\t"]),
    end=LINE_END,
)
def test_tables_of_full_rows_read_the_same_all_ways(rows, delimiter, end):
    """Every line with the header's number of cells: the fast path splits the whole body at once."""
    cells = [[c.replace(delimiter, "") for c in row] for row in rows]
    text = "".join(delimiter.join(row) + end for row in [["id", "name", "type", "region"], *cells])
    fast, careful, former = _read_all_ways(text)
    assert fast == former
    assert careful == former
    assert [values["id"] for _, values in fast[1]] == [
        row[0].strip() for row in cells if any(c.strip() for c in row)
    ]


def test_line_breaks_and_cell_spaces_are_what_python_splits_and_strips():
    spaces = [chr(c) for c in range(0x110000) if chr(c).isspace()]
    breaks = {c for c in spaces if len(f"a{c}b".splitlines()) == 2}
    assert set(LINE_BREAKS) == breaks
    assert set(CELL_SPACES) == set(spaces) - breaks
    assert all(unicodedata.category(c) in ("Zs", "Cc") for c in CELL_SPACES)


@SETTINGS
@given(
    text=st.text(alphabet=st.sampled_from("ab,;\t \xa0\u3000\n\r\x0c\u2028\x1f"), max_size=30),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
def test_no_strip_needed_means_every_cell_is_stripped(text: str, delimiter: str):
    cells = [cell for line in text.splitlines() for cell in line.split(delimiter)]
    if not _may_need_strip(text, delimiter):
        assert all(cell == cell.strip() for cell in cells)
    if any(cell != cell.strip() for cell in cells):
        assert _may_need_strip(text, delimiter)


def test_raw_table_rows_and_from_rows_round_trip():
    rows = [RawRow(2, {"id": "a", "name": "A"}), RawRow(5, {"id": "b", "name": ""})]
    raw = RawTable.from_rows(ACTORS, PATH, ["id", "name"], rows)
    assert raw.columns == {"id": ["a", "b"], "name": ["A", ""]} and raw.lines == [2, 5]
    assert raw.rows == rows
    assert RawTable(ACTORS, PATH, ["id"], {"id": []}, []).rows == []


# -- checking ---------------------------------------------------------------------------------


def _former_raws(raws: dict[str, RawTable]) -> dict[str, rowwise.RawTable]:
    return {name: rowwise.from_columnar(raw) for name, raw in raws.items()}


def _assert_same_report(new, old) -> None:
    assert new.problems == old.problems
    assert (new.dataset is None) == (old.dataset is None)
    if new.dataset is not None:
        for name in (
            "actors",
            "networks",
            "memberships",
            "cooperations",
            "activities",
            "network_links",
            "regions",
        ):
            pd.testing.assert_frame_equal(getattr(new.dataset, name), getattr(old.dataset, name))


def _raws_from_records(records: dict[str, list[dict[str, str]]]) -> dict[str, RawTable]:
    raws = {}
    for name, table in TABLES.items():
        if name == "regions":
            text, _ = decode(shipped_regions_path().read_bytes())
            raws[name], _ = read_text(text, table, shipped_regions_path())
            continue
        rows = records.get(name, [])
        header = list(dict.fromkeys(k for row in rows for k in row)) or list(table.required_columns)
        raws[name] = RawTable.from_rows(
            table,
            Path(table.filename),
            header,
            [RawRow(i + 2, {k: str(row.get(k, "")).strip() for k in header}) for i, row in enumerate(rows)],
        )
    return raws


IDS = st.sampled_from(["s1", "s2", "u1", "c1", "l1", "m1", "zz", "", "net-a", "x1"])
NETS = st.sampled_from(["umbrella", "net-a", "net-b", "nope", ""])
YEARS = st.sampled_from(["2012", "2015", "2020", "", "1700", "20x0", "2016,0", "2015.5", " 2019 "])
VALUES = {
    "actors": {
        "id": IDS,
        "name": st.sampled_from(["A", "", "Uni Kassel"]),
        "type": st.sampled_from(["school", "School", "uni", "", "museum"]),
        "region": st.sampled_from(["06611", "6611", "07315", "06999", "", "abc", "09162"]),
    },
    "networks": {
        "id": NETS,
        "name": st.sampled_from(["N", ""]),
        "founded": YEARS,
        "parent": NETS,
        "regions": st.sampled_from(["", "06611|06633", "06611|99999", "06611"]),
        "coordinator": IDS,
    },
    "memberships": {
        "actor_id": IDS,
        "network_id": NETS,
        "role": st.sampled_from(["member", "Coordinator", "", "boss"]),
        "since": YEARS,
    },
    "cooperations": {
        "source": IDS,
        "target": IDS,
        "type": st.sampled_from(["project", "offer", "", "party", "Sponsorship"]),
        "since": YEARS,
        "until": YEARS,
        "weight": st.sampled_from(["1", "2,5", "", "-1", "inf", "x"]),
        "activity_id": st.sampled_from(["", "x1", "x9"]),
    },
    "activities": {
        "id": st.sampled_from(["x1", "x2", "x1", ""]),
        "name": st.just("L"),
        "provider": IDS,
        "region": st.sampled_from(["06611", "0661", ""]),
        "topic": st.sampled_from(["NT", "tn", "MM", "X", "", "M I"]),
        "format": st.just("club"),
        "target_group": st.sampled_from(["primary", ""]),
        "year": YEARS,
    },
    "duplicates": {
        "actor_id": IDS,
        "duplicate_id": IDS,
        "confirmed": st.sampled_from(["yes", "Ja", "no", "", "maybe"]),
    },
}


def _mutated(table: str, draw_rows) -> st.SearchStrategy:
    columns = VALUES[table]
    row = st.fixed_dictionaries({}, optional=columns)
    base = st.sampled_from(TINY.get(table, [{}]) or [{}])
    return st.lists(st.tuples(base, row).map(lambda pair: {**pair[0], **pair[1]}), max_size=draw_rows)


@SETTINGS
@given(
    tables=st.fixed_dictionaries(
        {name: _mutated(name, 6) for name in ("actors", "networks", "memberships", "cooperations")},
        optional={name: _mutated(name, 4) for name in ("activities", "duplicates")},
    )
)
def test_random_tables_give_the_same_problems_and_frames(tables):
    raws = _raws_from_records(tables)
    _assert_same_report(check_tables(raws), rowwise.check_tables(_former_raws(raws)))


def test_tiny_records_give_the_same_problems_and_frames():
    raws = _raws_from_records(TINY)
    new, old = check_tables(raws), rowwise.check_tables(_former_raws(raws))
    _assert_same_report(new, old)
    assert new.ok and len(new.dataset.cooperations) == 6
    assert [p.message for p in new.warnings] == ["actor 'm1' has no cooperation and no network"]
    _assert_same_report(check_records(TINY), old)


def test_duplicates_merged_the_same_way(tmp_path: Path):
    records = dict(
        TINY,
        duplicates=[{"actor_id": "s1", "duplicate_id": "s2", "confirmed": "Yes"}],
        memberships=[*TINY["memberships"], {"actor_id": "s1", "network_id": "net-a"}],
    )
    raws = _raws_from_records(records)
    new, old = check_tables(raws), rowwise.check_tables(_former_raws(raws))
    _assert_same_report(new, old)
    assert "s2" not in set(new.dataset.actors["id"])
    assert new.problems[-1].message == "1 duplicate actor(s) merged"


# -- a generated landscape ------------------------------------------------------------------------


def _former_check_folder(folder: Path) -> Report:
    raws, problems = {}, []
    user_regions = (folder / "regions.csv").is_file()
    for name, table in TABLES.items():
        path = shipped_regions_path() if name == "regions" and not user_regions else folder / table.filename
        if not path.is_file():
            raws[name] = rowwise.RawTable(table, path, present=False)
            continue
        text, _ = decode(path.read_bytes())
        raws[name], found = rowwise.read_text(text, table, path)
        problems += found
    return rowwise.check_tables(raws, prior=problems)


@pytest.fixture(scope="module")
def landscape(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("landscape")
    mintgraph.generate(folder, n_actors=2000, n_regions=40, seed=7)
    return folder


def test_generated_landscape_loads_to_the_same_frames(landscape: Path):
    # no quote in the generated files: every table is read by the direct split
    assert all('"' not in path.read_text(encoding="utf-8") for path in landscape.glob("*.csv"))
    new, old = check_folder(landscape), _former_check_folder(landscape)
    assert new.ok and len(new.dataset.actors) == 2000
    _assert_same_report(new, old)


def _plant_errors(folder: Path, seed: int) -> None:
    """Change cells of the generated files: unknown ids, bad years and types, self-ties, quotes."""
    rng = random.Random(seed)
    bad = {
        "actors.csv": {2: ["", "a00001", " x ", "99999", "Museum", "a,b"]},
        "cooperations.csv": {
            0: ["", "a99999", "a00005"],
            3: ["1700", "", "20.5"],
            4: ["1999", "x"],
            2: ["Offer"],
        },
        "memberships.csv": {0: ["a00003", "zz"], 3: ["2016,0", "abc"], 2: ["chief", "Member"]},
        "activities.csv": {4: ["mi", "Q", ""], 3: ["123", "90001"], 7: ["3000", "2020"]},
    }
    for file, changes in bad.items():
        path = folder / file
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
        for row in rng.sample(rows[1:], 40):
            col = rng.choice(list(changes))
            row[col] = rng.choice(changes[col])
        rows.insert(rng.randrange(1, len(rows)), [])
        rows.insert(rng.randrange(1, len(rows)), rows[rng.randrange(1, len(rows))])  # a repeated row
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows(rows)
        path.write_text(buffer.getvalue(), encoding="utf-8")


@pytest.mark.parametrize("seed", [1, 2])
def test_generated_landscape_with_planted_errors_reports_the_same(landscape: Path, tmp_path: Path, seed: int):
    folder = tmp_path / "data"
    folder.mkdir()
    for path in landscape.iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    _plant_errors(folder, seed)
    new, old = check_folder(folder), _former_check_folder(folder)
    assert not new.ok and len(new.errors) > 20
    _assert_same_report(new, old)
