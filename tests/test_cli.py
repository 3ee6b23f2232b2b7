"""The command line, run in-process with click's CliRunner (and once as a real process)."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from mintgraph.analysis import analyze
from mintgraph.cli import cli
from mintgraph.export import OUTPUT_FILES, safe_filename
from mintgraph.testing import TINY, tiny_dataset, write_tables


@pytest.fixture
def tiny_dir(tmp_path: Path) -> Path:
    return write_tables(tmp_path / "data", TINY)


def digest(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()
    }


def test_analyze_writes_every_output_with_the_api_numbers(tiny_dir: Path, tmp_path: Path):
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["analyze", "--lang", "en", str(tiny_dir), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUT_FILES)
    assert "6 actors in 4 districts, 3 networks (1 umbrella), 6 cooperations → 5 ties" in result.output
    expected = analyze(tiny_dataset())
    actors = pd.read_csv(out / "actors.csv", dtype={"region": str})
    assert actors["id"].tolist() == ["s1", "s2", "u1", "c1", "l1", "m1"]
    for col in ("degree", "betweenness", "closeness", "eigenvector", "pagerank"):
        assert actors[col].tolist() == pytest.approx(expected.actors[col].tolist(), abs=1e-12)
    networks = pd.read_csv(out / "networks.csv").set_index("id")
    assert networks.loc["net-a", ["members", "internal_ties", "external_ties"]].tolist() == [3, 3, 1]
    assert networks.loc["net-a", "ei_index"] == -0.5
    regions = pd.read_csv(out / "regions.csv", dtype={"code": str}).set_index("code")
    assert (
        regions["level"].tolist() == ["district"] * 26 + ["land"] and regions.loc["06611", "ties_inside"] == 1
    )
    assert regions.loc["06", "name"] == "Hessen" and regions.loc["06", "ties_inside"] == summary_ties(out)
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["ties"] == 5 and summary["components"] == 2
    html = (out / "graph.html").read_text(encoding="utf-8")
    assert "Schule Eins" in html and "Museum" in html


def summary_ties(out: Path) -> int:
    return json.loads((out / "summary.json").read_text(encoding="utf-8"))["ties"]


def test_analyze_is_reproducible_and_leaves_input_untouched(tiny_dir: Path, tmp_path: Path):
    before = digest(tiny_dir)
    runner = CliRunner()
    assert runner.invoke(cli, ["analyze", str(tiny_dir), "-o", str(tmp_path / "a")]).exit_code == 0
    assert runner.invoke(cli, ["analyze", str(tiny_dir), "-o", str(tmp_path / "b")]).exit_code == 0
    assert digest(tmp_path / "a") == digest(tmp_path / "b")
    assert digest(tiny_dir) == before
    assert not [p for p in (tmp_path / "a").iterdir() if p.name.endswith(".tmp")]
    assert all((p.stat().st_mode & 0o044) == 0o044 for p in (tmp_path / "a").iterdir()), (
        "outputs must be readable"
    )


def test_english_labels(tiny_dir: Path, tmp_path: Path):
    runner = CliRunner()
    runner.invoke(cli, ["analyze", str(tiny_dir), "-o", str(tmp_path / "de")])
    runner.invoke(cli, ["analyze", str(tiny_dir), "-o", str(tmp_path / "en"), "--lang", "en"])
    assert "Schule" in (tmp_path / "de" / "graph.html").read_text(encoding="utf-8")
    assert "School" in (tmp_path / "en" / "graph.html").read_text(encoding="utf-8")
    assert runner.invoke(cli, ["analyze", str(tiny_dir), "--lang", "fr"]).exit_code == 2


def test_missing_column_is_one_line_exit_1_and_nothing_written(tmp_path: Path):
    records = dict(TINY, actors=[{k: v for k, v in r.items() if k != "region"} for r in TINY["actors"]])
    data = write_tables(tmp_path / "data", records)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["analyze", str(data), "-o", str(out)])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("Error: actors.csv, row 1, column 'region': required column is missing")
    assert not out.exists()


def test_dangling_id_as_a_real_process_prints_no_traceback(tmp_path: Path):
    coops = [dict(r) for r in TINY["cooperations"]]
    coops[4]["target"] = "nobody"
    data = write_tables(tmp_path / "data", dict(TINY, cooperations=coops))
    proc = subprocess.run(
        [sys.executable, "-m", "mintgraph", "analyze", str(data), "-o", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip() == (
        "Error: cooperations.csv, row 6, column 'target': unknown actor id 'nobody' (no such id in actors.csv)"
    )


def test_missing_data_folder(tmp_path: Path):
    result = CliRunner().invoke(cli, ["analyze", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert "data folder not found" in result.stderr


def test_validate_lists_every_problem_and_sets_exit_code(tiny_dir: Path, tmp_path: Path):
    runner = CliRunner()
    ok = runner.invoke(cli, ["validate", str(tiny_dir)])
    assert ok.exit_code == 0
    assert "0 error(s), 1 warning(s)" in ok.output
    actors = [dict(r) for r in TINY["actors"]]
    actors[0]["type"] = "Raumschiff"
    actors[3]["region"] = "6699"
    bad = write_tables(tmp_path / "bad", dict(TINY, actors=actors))
    result = runner.invoke(cli, ["validate", str(bad)])
    assert result.exit_code == 1
    assert "actors.csv, row 2, column 'type': 'Raumschiff' is not allowed" in result.stderr
    assert "auf Deutsch: Schule" in result.stderr  # the hint names the German values too
    assert "actors.csv, row 5, column 'region': unknown district code '6699'" in result.stderr
    as_json = json.loads(runner.invoke(cli, ["validate", str(bad), "--format", "json"]).stdout)
    assert as_json["ok"] is False
    assert {(p["file"], p["row"], p["column"]) for p in as_json["problems"] if p["severity"] == "error"} == {
        ("actors.csv", 2, "type"),
        ("actors.csv", 5, "region"),
    }


def test_own_regions_table_analyses_another_state(tmp_path: Path):
    regions = [
        {"code": "09162", "name": "München", "population": "1500000", "neighbours": "09184"},
        {"code": "09184", "name": "Landkreis München", "population": "350000", "neighbours": "09162"},
    ]
    actors = [
        {"id": "a", "name": "A", "type": "school", "region": "09162"},
        {"id": "b", "name": "B", "type": "museum", "region": "09184"},
    ]
    base = {
        "networks": [{"id": "n", "name": "N", "regions": "09162|09184"}],
        "memberships": [{"actor_id": "a", "network_id": "n"}],
    }
    coops = [{"source": "a", "target": "b", "type": "offer", "since": "2020"}]
    data = write_tables(tmp_path / "by", dict(base, regions=regions, actors=actors, cooperations=coops))
    out = tmp_path / "out"
    run = CliRunner().invoke(cli, ["analyze", str(data), "-o", str(out)])
    assert run.exit_code == 0, run.output
    table = pd.read_csv(out / "regions.csv", dtype={"code": str}).set_index("code")
    assert table.index.tolist() == ["09162", "09184", "09"]  # the two districts, then their Land
    assert table.loc["09", "name"] == "Bayern" and table.loc["09", "ties_inside"] == 1
    assert table.loc["09162", "ties_to_neighbours"] == 1 and table.loc["09184", "networks"] == 1
    # a Hessen code lies outside the user's districts: a warning, the actor is kept
    outside = write_tables(
        tmp_path / "outside",
        dict(base, regions=regions, actors=[dict(actors[0], region="06611"), actors[1]], cooperations=coops),
    )
    checked = CliRunner().invoke(cli, ["validate", str(outside)])
    assert checked.exit_code == 0
    assert "warning: actors.csv, row 2, column 'region': district '06611' lies outside" in checked.output
    # a code of the user's own state that is not in their table is an error
    bad = write_tables(
        tmp_path / "bad",
        dict(base, regions=regions, actors=[dict(actors[0], region="09999"), actors[1]], cooperations=coops),
    )
    failed = CliRunner().invoke(cli, ["analyze", str(bad), "-o", str(out)])
    assert failed.exit_code == 1
    assert failed.stderr.startswith(
        "Error: actors.csv, row 2, column 'region': unknown district code '09999'"
    )


def test_per_network_pages_hold_their_members_and_stay_in_the_output_folder(tmp_path: Path):
    networks = [dict(r) for r in TINY["networks"]] + [
        {"id": "../evil", "name": "Böse", "parent": "", "regions": ""}
    ]
    memberships = [*TINY["memberships"], {"actor_id": "m1", "network_id": "../evil"}]
    data = write_tables(tmp_path / "data", dict(TINY, networks=networks, memberships=memberships))
    out = tmp_path / "out"
    run = CliRunner().invoke(cli, ["analyze", str(data), "-o", str(out), "--per-network"])
    assert run.exit_code == 0, run.output
    pages = sorted(p.name for p in (out / "networks").iterdir())
    evil = f"{safe_filename('../evil')}.html"
    assert evil.startswith("___evil-") and "/" not in evil
    assert pages == sorted(
        [evil, "net-a.html", "net-b.html", "umbrella.html", "vis-network.css", "vis-network.min.js"]
    )
    assert not (tmp_path / "evil.html").exists()
    net_a = (out / "networks" / "net-a.html").read_text(encoding="utf-8")
    assert "Schule Eins" in net_a and "Uni" in net_a and "Labor" not in net_a
    assert "Museum" in (out / "networks" / evil).read_text(encoding="utf-8")


def test_personal_data_only_with_the_flag(tmp_path: Path):
    actors = [dict(r) for r in TINY["actors"]]
    actors[0].update(email="leitung@schule-eins.example", contact_person="Erika Mustermann")
    data = write_tables(tmp_path / "data", dict(TINY, actors=actors))
    runner = CliRunner()
    shared_run = runner.invoke(cli, ["analyze", "--lang", "en", str(data), "-o", str(tmp_path / "shared")])
    assert shared_run.exit_code == 0
    assert "personal data dropped from the HTML files: contact_person (1 values), email (1 values)" in (
        shared_run.output
    )
    assert (
        runner.invoke(
            cli, ["analyze", "--lang", "en", str(data), "-o", str(tmp_path / "own"), "--include-personal"]
        ).exit_code
        == 0
    )
    for page in ("graph.html", "networks.html"):
        shared = (tmp_path / "shared" / page).read_text(encoding="utf-8")
        assert "leitung@schule-eins.example" not in shared and "Mustermann" not in shared
    for name in ("actors.csv", "networks.csv"):
        assert "Mustermann" not in (tmp_path / "shared" / name).read_text(encoding="utf-8")
    own = (tmp_path / "own" / "graph.html").read_text(encoding="utf-8")
    assert "leitung@schule-eins.example" in own and "Erika Mustermann" in own


def test_size_by_is_checked(tiny_dir: Path, tmp_path: Path):
    runner = CliRunner()
    assert (
        runner.invoke(
            cli, ["analyze", str(tiny_dir), "-o", str(tmp_path / "a"), "--size-by", "pagerank"]
        ).exit_code
        == 0
    )
    bad = runner.invoke(cli, ["analyze", str(tiny_dir), "-o", str(tmp_path / "b"), "--size-by", "email"])
    assert bad.exit_code == 2 and "Invalid value for '--size-by'" in bad.output


def test_large_landscapes_get_a_district_overview_with_drill_down(
    tiny_dir: Path, tmp_path: Path, monkeypatch
):
    from mintgraph.views import aggregate_html

    monkeypatch.setattr(aggregate_html, "AGGREGATE_ABOVE", 5)  # the tiny landscape has 6 actors
    out = tmp_path / "out"
    run = CliRunner().invoke(cli, ["analyze", str(tiny_dir), "-o", str(out)])
    assert run.exit_code == 0, run.output
    assert sorted(p.name for p in (out / "districts").iterdir()) == [
        "06412.html",
        "06611.html",
        "06631.html",
        "06633.html",
        "vis-network.css",  # one copy of vis-network shared by the district pages
        "vis-network.min.js",
    ]
    assert "und 4 Seiten in districts/" in run.output  # pages counted, not the shared files
    overview = (out / "graph.html").read_text(encoding="utf-8")
    assert "districts/06611.html" in overview
    # Kassel's page: its actors s1, u1 and their partners s2, c1 — not l1 or m1
    kassel = (out / "districts" / "06611.html").read_text(encoding="utf-8")
    assert all(name in kassel for name in ("Schule Eins", "Uni", "Schule Zwei", "Firma"))
    assert "Labor" not in kassel and "Museum" not in kassel


def test_analyze_switches_the_cycle_collector_off_only_while_it_runs(tmp_path, monkeypatch):
    import gc

    import mintgraph.api as api

    seen = []
    original = api.write_outputs

    def spy(*args, **kwargs):
        seen.append(gc.isenabled())
        return original(*args, **kwargs)

    monkeypatch.setattr(api, "write_outputs", spy)
    data = write_tables(tmp_path / "data", TINY)
    assert gc.isenabled()
    assert CliRunner().invoke(cli, ["analyze", str(data), "-o", str(tmp_path / "a")]).exit_code == 0
    assert seen == [False] and gc.isenabled()  # off while writing, on again after
    gc.disable()
    try:
        assert CliRunner().invoke(cli, ["analyze", str(data), "-o", str(tmp_path / "b")]).exit_code == 0
        assert not gc.isenabled()  # as it was before
    finally:
        gc.enable()
