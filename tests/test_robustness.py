"""Everyday robustness: nothing overwritten silently, Excel's habits repaired, German values read."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from mintgraph import load
from mintgraph.cli import cli
from mintgraph.testing import TINY, write_tables

ROOT = Path(__file__).resolve().parent.parent


def _copy_example(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder)
    return folder


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


# --- no silent overwrite ---------------------------------------------------------------------


def test_generate_refuses_a_folder_that_holds_data(tmp_path: Path):
    data = _copy_example(tmp_path)
    before = _snapshot(data)
    result = CliRunner().invoke(cli, ["generate", str(data), "--actors", "50"])
    assert result.exit_code == 1
    assert "not empty" in result.stderr and "--force" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output
    assert _snapshot(data) == before  # nothing written
    forced = CliRunner().invoke(cli, ["generate", str(data), "--actors", "50", "--force"])
    assert forced.exit_code == 0, forced.output
    assert len(load(data).actors) == 50


def test_generate_writes_into_a_new_or_empty_folder(tmp_path: Path):
    (tmp_path / "empty").mkdir()
    for folder in (tmp_path / "empty", tmp_path / "new"):
        result = CliRunner().invoke(cli, ["generate", str(folder), "--actors", "30", "--regions", "2"])
        assert result.exit_code == 0, result.output
        assert (folder / "actors.csv").is_file()


def test_dedupe_never_writes_into_the_data_folder_or_over_a_file(tmp_path: Path):
    data = _copy_example(tmp_path)
    before = _snapshot(data)
    inside = CliRunner().invoke(cli, ["dedupe", str(data), "-o", str(data / "duplicates.csv")])
    assert inside.exit_code == 1 and "inside the data folder" in inside.stderr
    existing = tmp_path / "mine.csv"
    existing.write_text("confirmed by hand\n", encoding="utf-8")
    over = CliRunner().invoke(cli, ["dedupe", str(data), "-o", str(existing)])
    assert over.exit_code == 1 and "exists" in over.stderr
    assert existing.read_text(encoding="utf-8") == "confirmed by hand\n"
    assert _snapshot(data) == before
    forced = CliRunner().invoke(cli, ["dedupe", str(data), "-o", str(existing), "--force"])
    assert forced.exit_code == 0, forced.output
    assert existing.read_text(encoding="utf-8").startswith("actor_id")


def test_import_survey_never_overwrites_an_existing_file(tmp_path: Path):
    data = _copy_example(tmp_path)
    target = data / "cooperations.csv"
    before = target.read_bytes()
    mapping = tmp_path / "mapping.toml"
    mapping.write_text('respondent = "Organisation"\npartners = ["Partner 1"]\n', encoding="utf-8")
    survey = tmp_path / "umfrage.csv"
    survey.write_text("Organisation,Partner 1\nA,B\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["import-survey", str(survey), "--mapping", str(mapping), "-o", str(target)]
    )
    assert result.exit_code == 1 and "exists" in result.stderr and "--force" in result.stderr
    assert target.read_bytes() == before


def test_stale_pages_of_an_earlier_run_are_removed(tmp_path: Path):
    data = write_tables(tmp_path / "data", TINY)
    out = tmp_path / "out"
    first = CliRunner().invoke(cli, ["analyze", str(data), "-o", str(out), "--per-network"])
    assert first.exit_code == 0, first.output
    pages = sorted(p.name for p in (out / "networks").glob("*.html"))
    assert pages == ["net-a.html", "net-b.html", "umbrella.html"]
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    second = CliRunner().invoke(cli, ["analyze", str(data), "-o", str(out)])
    assert second.exit_code == 0, second.output
    assert not list((out / "networks").glob("*.html"))  # pages of the earlier run are gone
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"  # nothing else touched


# --- Excel's habits and German values ---------------------------------------------------------


def test_district_codes_without_their_leading_zero_are_repaired_and_said_once(tmp_path: Path):
    actors = [dict(r) for r in TINY["actors"]]
    actors[0]["region"] = "6611"  # what a number cell formatted 00000 gives
    actors[2]["region"] = "6611.0"  # what a float cell gives
    networks = [dict(r) for r in TINY["networks"]]
    networks[1]["regions"] = "6611|06633"
    folder = write_tables(tmp_path / "data", dict(TINY, actors=actors, networks=networks))
    dataset = load(folder)
    regions = dict(zip(dataset.actors["id"], dataset.actors["region"], strict=True))
    assert regions["s1"] == regions["u1"] == "06611"
    assert dataset.networks.set_index("id").at["net-a", "regions"] == "06611|06633"
    result = CliRunner().invoke(cli, ["validate", str(folder)])
    assert result.exit_code == 0, result.output
    repaired = [line for line in result.output.splitlines() if "without the leading zero" in line]
    assert len(repaired) == 2  # once for actors.region, once for networks.regions — not once per row
    assert "2 district codes" in repaired[0] and "read as '06611'" in repaired[0]


def test_german_values_are_read(tmp_path: Path):
    actors = [dict(r) for r in TINY["actors"]]
    actors[0]["type"] = "Schule"
    actors[1]["type"] = "Gymnasium"
    actors[2]["type"] = "Hochschule"
    actors[3]["type"] = "Unternehmen"
    actors[4]["type"] = "Schülerlabor"
    coops = [dict(r) for r in TINY["cooperations"]]
    coops[0]["type"] = "Projekt"
    coops[2]["type"] = "Angebot"
    members = [dict(r) for r in TINY["memberships"]]
    members[0]["role"] = "Mitglied"
    members[2]["role"] = "Koordination"
    folder = write_tables(
        tmp_path / "data", dict(TINY, actors=actors, cooperations=coops, memberships=members)
    )
    dataset = load(folder)
    assert dataset.actors["type"].tolist()[:5] == ["school", "school", "university", "company", "student_lab"]
    assert dataset.cooperations["type"].tolist()[:3] == ["project", "offer", "offer"]
    assert dataset.memberships["role"].tolist()[:3] == ["member", "member", "coordinator"]


# --- damaged workbooks and Ctrl-C -------------------------------------------------------------


def _workbook_with_sheet_xml(tmp_path: Path, name: str, edit) -> Path:
    import zipfile

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Akteure"
    sheet.append(["id", "name", "type", "region"])
    sheet.append(["a", "A", "school", "06611"])
    good = tmp_path / "good.xlsx"
    book.save(good)
    bad = tmp_path / name
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = edit(data)
            dst.writestr(item, data)
    return bad


BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode()
        for i in range(1, 10)
    )
    + b']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
)


def test_a_damaged_workbook_is_one_line_naming_file_and_sheet(tmp_path: Path):
    import pytest

    from mintgraph import DataError

    malformed = _workbook_with_sheet_xml(
        tmp_path, "kaputt.xlsx", lambda d: d.replace(b"</sheetData>", b"</sheetDat>")
    )
    bomb = _workbook_with_sheet_xml(tmp_path, "bombe.xlsx", lambda d: BOMB)
    for path in (malformed, bomb):
        result = CliRunner().invoke(cli, ["analyze", str(path), "-o", str(tmp_path / "out")])
        assert result.exit_code == 1
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in result.output, result.stderr
        assert lines[0].startswith(f"Error: {path.name} [Akteure]: cannot be read: the workbook is damaged")
        with pytest.raises(DataError):
            load(path)
    assert not (tmp_path / "out").exists()


def _interrupt(args: list[str], delay: float) -> tuple[int, str]:
    import signal
    import subprocess
    import sys
    import time

    process = subprocess.Popen(
        [sys.executable, "-m", "mintgraph", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    time.sleep(delay)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=120)
    return process.returncode, err


def test_ctrl_c_exits_130_with_one_line_and_leaves_the_previous_outputs(tmp_path: Path):
    out = tmp_path / "out"
    done = CliRunner().invoke(cli, ["analyze", str(ROOT / "data"), "-o", str(out)])
    assert done.exit_code == 0
    before = _snapshot(out)
    big = tmp_path / "big"
    assert CliRunner().invoke(cli, ["generate", str(big), "--actors", "4000"]).exit_code == 0
    for delay in (0.3, 0.6, 1.0, 2.5):  # while the libraries load; while the analysis runs
        code, err = _interrupt(["analyze", str(big), "-o", str(out)], delay)
        assert code == 130, err
        assert "Traceback" not in err
        assert [line for line in err.splitlines() if line.strip()] == [
            "mintgraph: interrupted (Ctrl-C); no output was changed half-way"
        ]
        assert _snapshot(out) == before  # the earlier run's outputs, untouched
        assert not list(out.glob(".*.tmp"))


def test_dedupe_round_trip_keeps_formula_like_ids(tmp_path: Path):
    actors = [dict(r) for r in TINY["actors"]]
    actors.append({"id": "=h1", "name": "Hochschule Fulda", "type": "university", "region": "06631"})
    actors.append({"id": "+h2", "name": "Hochschule Fulda", "type": "university", "region": "06631"})
    coops = [*TINY["cooperations"], {"source": "=h1", "target": "c1", "type": "project", "since": "2019"}]
    coops.append({"source": "+h2", "target": "l1", "type": "project", "since": "2020"})
    data = write_tables(tmp_path / "data", dict(TINY, actors=actors, cooperations=coops))
    listed = tmp_path / "dups.csv"
    result = CliRunner().invoke(cli, ["dedupe", str(data), "-o", str(listed)])
    assert result.exit_code == 0, result.output
    text = listed.read_text(encoding="utf-8")
    assert "'=h1" in text or "'+h2" in text  # guarded for spreadsheets on the way out
    confirmed = text.replace(",\n", ",yes\n")  # the empty 'confirmed' column at each line's end
    (data / "duplicates.csv").write_text(confirmed, encoding="utf-8")
    merged = load(data)
    ids = set(merged.actors["id"])
    assert len(ids & {"=h1", "+h2"}) == 1  # and back: the two are one actor now
    assert len(merged.actors) == len(actors) - 1


def test_excel_csv_opens_in_a_german_excel_with_the_same_numbers(tmp_path: Path):
    import pandas as pd

    plain, excel = tmp_path / "plain", tmp_path / "excel"
    assert CliRunner().invoke(cli, ["analyze", str(ROOT / "data"), "-o", str(plain)]).exit_code == 0
    assert (
        CliRunner().invoke(cli, ["analyze", str(ROOT / "data"), "-o", str(excel), "--excel"]).exit_code == 0
    )
    raw = (excel / "networks.csv").read_bytes()
    assert (
        raw.startswith("\ufeff".encode()) and b";" in raw.splitlines()[0] and b"," not in raw.splitlines()[0]
    )
    for name in ("networks", "effects", "actors"):
        a = pd.read_csv(plain / f"{name}.csv")
        b = pd.read_csv(excel / f"{name}.csv", sep=";", decimal=",", encoding="utf-8-sig")
        pd.testing.assert_frame_equal(a, b)


# --- the terminal speaks the pages' language ------------------------------------------------


def test_the_terminal_is_german_by_default_and_follows_lang_and_the_setting(tmp_path: Path, monkeypatch):
    data = write_tables(tmp_path / "data", TINY)
    monkeypatch.delenv("MINTGRAPH_LANG", raising=False)
    german = CliRunner().invoke(cli, ["analyze", str(data), "-o", str(tmp_path / "de")])
    assert german.exit_code == 0, german.output
    assert "6 Akteure in 4 Kreisen, 3 Netzwerke (davon 1 Dachnetzwerk)" in german.output
    assert "Plus-Scorecard" in german.output and "geschrieben: actors.csv" in german.output
    assert "Betweenness und Closeness: exakt berechnet" in german.output
    assert '<html lang="de"' in (tmp_path / "de" / "networks.html").read_text(encoding="utf-8")
    english = CliRunner().invoke(cli, ["analyze", str(data), "-o", str(tmp_path / "en"), "--lang", "en"])
    assert "6 actors in 4 districts, 3 networks (1 umbrella)" in english.output
    assert "Akteure" not in english.output
    monkeypatch.setenv("MINTGRAPH_LANG", "en")
    setting = CliRunner().invoke(cli, ["analyze", str(data), "-o", str(tmp_path / "env")])
    assert "6 actors in 4 districts" in setting.output
    assert '<html lang="en"' in (tmp_path / "env" / "networks.html").read_text(encoding="utf-8")


def test_per_network_pages_share_one_copy_of_vis_network(tmp_path: Path):
    data = write_tables(tmp_path / "data", TINY)
    out = tmp_path / "out"
    run = CliRunner().invoke(cli, ["analyze", str(data), "-o", str(out), "--per-network", "--lang", "en"])
    assert run.exit_code == 0, run.output
    shared = out / "networks" / "vis-network.min.js"
    assert shared.is_file() and shared.stat().st_size > 100_000
    page = (out / "networks" / "net-a.html").read_text(encoding="utf-8")
    assert '<script src="vis-network.min.js"></script>' in page
    assert len(page) < shared.stat().st_size  # the page no longer carries vis-network itself
    assert "graph.html" in run.output and "and 3 pages in networks/" in run.output
    single = (out / "graph.html").read_text(encoding="utf-8")
    assert '<script src="vis-network.min.js">' not in single  # graph.html stays one self-contained file
    assert len(single) > shared.stat().st_size


def test_an_excel_number_cell_formatted_00000_reads_as_the_district_code(tmp_path: Path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Akteure"
    sheet.append(["id", "name", "type", "region"])
    for row in TINY["actors"]:
        sheet.append([row["id"], row["name"], row["type"], int(row["region"])])  # a number, as Excel keeps it
    for (cell,) in sheet.iter_rows(min_row=2, min_col=4, max_col=4):
        cell.number_format = "00000"  # what the user sees: 06611
    for name in ("networks", "memberships", "cooperations"):
        table = book.create_sheet(name)
        rows = TINY[name]
        header = list(dict.fromkeys(k for r in rows for k in r))
        table.append(header)
        for r in rows:
            table.append([r.get(k, "") for k in header])
    path = tmp_path / "mint.xlsx"
    book.save(path)
    dataset = load(path)
    assert dataset.actors["region"].tolist() == [r["region"] for r in TINY["actors"]]
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output.count("without the leading zero") == 1  # said once for the column
