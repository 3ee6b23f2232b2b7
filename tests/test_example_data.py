"""The bundled example data in data/: reproducible, sourced, consistent and realistic.

These checks use plain pandas (not the project's validator) so that they test the data on their own.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from mintgraph.schema import (
    ACTOR_TYPES,
    COOPERATION_TYPES,
    MEMBERSHIP_ROLES,
    TABLES,
    TOPIC_LETTERS,
)
from mintgraph.synth import (
    FORMATS,
    OUTPUT_TABLES,
    SYNTHETIC,
    TARGET_GROUPS,
    output_columns,
)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from example_landscape import generate_landscape  # noqa: E402  (the example's generator lives with its script)

DATA = ROOT / "data"
REAL = ROOT / "scripts" / "example_real"
BUILD = ROOT / "scripts" / "build_example_data.py"
REGIONS = ROOT / "mintgraph" / "regions" / "hessen" / "regions.csv"

PERSONAL_NAMES = ("Tischler", "Semmler", "Borromeo", "Meister", "Klauke", "Trabert")
START_YEAR, END_YEAR = 2011, 2026


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def _source_col(table: str) -> str:
    return "source_ref" if table == "cooperations" else "source"


@pytest.fixture(scope="module")
def data() -> dict[str, pd.DataFrame]:
    return {t: _read(DATA / f"{t}.csv") for t in OUTPUT_TABLES}


@pytest.fixture(scope="module")
def real() -> dict[str, pd.DataFrame]:
    return {t: _read(REAL / f"{t}.csv") for t in OUTPUT_TABLES}


@pytest.fixture(scope="module")
def regions() -> pd.DataFrame:
    return _read(REGIONS)


@pytest.fixture(scope="module")
def municipalities() -> set[tuple[str, str]]:
    m = _read(REAL / "municipalities.csv")
    return set(zip(m["region"], m["municipality"], strict=True))


# --- reproducibility -------------------------------------------------------------------------------------
def test_build_script_reproduces_data_byte_for_byte(tmp_path: Path):
    run = subprocess.run(
        [sys.executable, str(BUILD), str(tmp_path)], capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert run.returncode == 0, run.stderr
    built = sorted(p.name for p in tmp_path.glob("*.csv"))
    assert built == sorted(f"{t}.csv" for t in OUTPUT_TABLES)
    assert sorted(p.name for p in DATA.glob("*.csv")) == built, (
        "data/ holds other CSV files than the build writes"
    )
    for name in built:
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes(), (
            f"{name} differs from data/{name}"
        )


def test_files_are_utf8_with_lf_and_schema_columns():
    for table in OUTPUT_TABLES:
        raw = (DATA / f"{table}.csv").read_bytes()
        raw.decode("utf-8")
        assert b"\r" not in raw and raw.endswith(b"\n"), table
        header = raw.split(b"\n", 1)[0].decode("utf-8").split(",")
        survey_only = {"reciprocity", "frequency", "trust", "contribution"}  # filled by a survey import only
        expected = [c.name for c in TABLES[table].columns if not c.personal and c.name not in survey_only]
        assert header == expected, table
        assert header == output_columns(table)


def test_generator_is_deterministic_and_seed_dependent(regions: pd.DataFrame):
    kwargs = dict(n_actors=80, n_activities=30, n_cooperations=150, start_year=2015, end_year=2024)
    a = generate_landscape(regions, seed=1, **kwargs)
    b = generate_landscape(regions, seed=1, **kwargs)
    c = generate_landscape(regions, seed=2, **kwargs)
    for t in OUTPUT_TABLES:
        assert a[t].to_csv(index=False) == b[t].to_csv(index=False), t
    assert a["cooperations"].to_csv(index=False) != c["cooperations"].to_csv(index=False)
    # without base and networks it invents networks (with an umbrella), leaving some districts uncovered
    nets = a["networks"]
    assert (nets["parent"] == "").sum() >= 1 and (nets["parent"] != "").sum() >= 1
    covered = {code for cell in nets["regions"] for code in cell.split("|") if code}
    assert 0 < len(covered) < len(regions)
    assert len(a["actors"]) == 80 and len(a["activities"]) == 30 and len(a["cooperations"]) == 150


# --- provenance --------------------------------------------------------------------------------------------
def test_real_rows_come_first_unchanged(data, real):
    for table in OUTPUT_TABLES:
        n = len(real[table])
        assert n > 0, table
        head = data[table].iloc[:n].reset_index(drop=True)
        expected = real[table].reindex(columns=data[table].columns, fill_value="")
        pd.testing.assert_frame_equal(head, expected, obj=table)


def test_every_row_has_a_source(data, real):
    for table in OUTPUT_TABLES:
        col = _source_col(table)
        n = len(real[table])
        for i, value in enumerate(data[table][col]):
            if i < n:
                parts = [p.strip() for p in value.split(" ; ")]
                assert value and all(p.startswith("http") for p in parts), (table, i, value)
            else:
                assert value == SYNTHETIC, (table, i, value)


def test_real_facts_keep_their_caveats(real):
    nets = real["networks"].set_index("id")
    for nid in ("mintmachclub-fulda", "mint-region-suedhessen", "mint-se"):
        assert "founding year from the seed slides, not verified" in nets.loc[nid, "note"], nid
    assert nets.loc["mint-forum-nordhessen", "founded"] == "2016"
    assert nets.loc["mint-wmk", "founded"] == "2011"
    assert "unverified" in nets.loc["mint-se", "note"]
    for nid in ("mint-forum-nordhessen", "mint-wmk", "mintmachclub-fulda", "mint-region-suedhessen"):
        assert nets.loc[nid, "parent"] == "mint-regionen", nid
    for nid in ("mintmit", "mint-se"):
        assert nets.loc[nid, "parent"] == "mint-cluster", nid
    actors = real["actors"]
    assert len(actors) == 34
    inferred = actors[actors["id"].isin(["ihk-kassel-marburg", "thm", "hessen-agentur", "vde-kassel"])]
    assert inferred["note"].str.contains("district inferred from the seat, not stated in the source").all()


def test_no_personal_names_or_contact_data():
    files = sorted(DATA.iterdir()) + sorted(REAL.glob("*.csv"))
    for path in files:
        text = path.read_text(encoding="utf-8")
        for name in PERSONAL_NAMES:
            assert name.lower() not in text.lower(), (path.name, name)
        assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", text), path.name
    for table in OUTPUT_TABLES:
        header = (DATA / f"{table}.csv").read_text(encoding="utf-8").split("\n", 1)[0].split(",")
        assert not {"contact_person", "email", "phone"} & set(header), table


# --- references and allowed values ---------------------------------------------------------------------------
def test_all_references_resolve(data, regions):
    actors = set(data["actors"]["id"])
    networks = set(data["networks"]["id"])
    activities = set(data["activities"]["id"])
    codes = set(regions["code"])
    assert data["actors"]["id"].is_unique and data["networks"]["id"].is_unique
    assert data["activities"]["id"].is_unique
    m = data["memberships"]
    assert set(m["actor_id"]) <= actors and set(m["network_id"]) <= networks
    assert not m.duplicated(["actor_id", "network_id"]).any()
    c = data["cooperations"]
    assert set(c["source"]) <= actors and set(c["target"]) <= actors
    assert set(c["activity_id"]) - {""} <= activities
    a = data["activities"]
    assert set(a["provider"]) <= actors
    n = data["networks"]
    assert set(n["parent"]) - {""} <= networks
    assert set(n["coordinator"]) - {""} <= actors
    links = data["network_links"]
    assert set(links["network_a"]) <= networks and set(links["network_b"]) <= networks
    assert set(data["actors"]["region"]) <= codes and set(a["region"]) <= codes
    assert {code for cell in n["regions"] for code in cell.split("|") if code} <= codes


def test_values_are_allowed(data):
    actors, c, a, m = data["actors"], data["cooperations"], data["activities"], data["memberships"]
    assert set(actors["type"]) <= set(ACTOR_TYPES)
    assert set(c["type"]) <= set(COOPERATION_TYPES)
    assert set(m["role"]) <= set(MEMBERSHIP_ROLES)
    assert set(a["format"]) <= set(FORMATS)
    assert set(a["target_group"]) <= set(TARGET_GROUPS)
    for topic in a["topic"]:
        assert (
            topic
            and topic == "".join(ch for ch in TOPIC_LETTERS if ch in topic)
            and len(set(topic)) == len(topic)
        )
    for col in ("since", "until"):
        years = c[col][c[col] != ""].astype(int)
        assert years.between(START_YEAR, END_YEAR).all(), col
    assert a["year"].astype(int).between(START_YEAR, END_YEAR).all()


def test_municipalities_exist_in_their_district(data, municipalities):
    actors = data["actors"]
    named = actors[actors["municipality"] != ""]
    bad = [
        (r.id, r.region, r.municipality)
        for r in named.itertuples()
        if (r.region, r.municipality) not in municipalities
    ]
    assert not bad
    synthetic = actors[actors["source"] == SYNTHETIC]
    assert (synthetic["municipality"] != "").all()


# --- synthetic rows: plausibility -----------------------------------------------------------------------------
def test_counts_in_target_ranges(data, regions):
    assert 550 <= len(data["actors"]) <= 650
    assert 450 <= len(data["activities"]) <= 510
    assert 1400 <= len(data["cooperations"]) <= 1600
    per_district = data["actors"]["region"].value_counts()
    assert set(per_district.index) == set(regions["code"]) and len(regions) == 26
    assert per_district.min() >= 8


def test_actor_mix(data):
    share = data["actors"]["type"].value_counts(normalize=True)
    assert 0.40 <= share["school"] <= 0.50
    assert 0.13 <= share["company"] <= 0.23
    assert set(share.index) == set(ACTOR_TYPES)
    synthetic = data["actors"][data["actors"]["source"] == SYNTHETIC]
    assert synthetic["id"].str.fullmatch(r"a\d{4}").all()
    assert data["actors"]["name"].is_unique


def test_activities_by_out_of_school_providers_in_their_district(data):
    actors = data["actors"].set_index("id")
    a = data["activities"]
    provider_type = a["provider"].map(actors["type"])
    assert (provider_type != "school").mean() >= 0.9
    assert (a["region"] == a["provider"].map(actors["region"])).all()
    synthetic = a[a["source"] == SYNTHETIC]
    assert not synthetic["provider"].map(actors["source"]).ne(SYNTHETIC).any(), (
        "synthetic offer of a real actor"
    )


def test_cooperations_are_plausible(data, regions):
    actors = data["actors"].set_index("id")
    c = data["cooperations"]
    syn = c[c["source_ref"] == SYNTHETIC]
    assert not (c["source"] == c["target"]).any(), "self-loop"
    ended = syn[syn["until"] != ""]
    assert (ended["since"].astype(int) <= ended["until"].astype(int)).all()
    assert set(syn["weight"]) <= {"1", "2", "3"}
    # never a new claim about a pair of real organisations
    real_src = syn["source"].map(actors["source"]) != SYNTHETIC
    real_tgt = syn["target"].map(actors["source"]) != SYNTHETIC
    assert not (real_src & real_tgt).any()
    # geography: mostly within a district, then neighbours, some long-range
    neighbours = {r.code: set(r.neighbours.split("|")) for r in regions.itertuples()}
    ra, rb = c["source"].map(actors["region"]), c["target"].map(actors["region"])
    same = (ra == rb).mean()
    near = sum(b in neighbours[a] for a, b in zip(ra, rb, strict=True)) / len(c)
    far = 1 - same - near
    assert 0.55 <= same <= 0.75 and 0.15 <= near <= 0.35 and 0.05 <= far <= 0.15, (same, near, far)
    # more ties in recent years; some pairs repeated; heavy-tailed degrees
    since = syn["since"].astype(int)
    assert (since >= 2022).sum() > 2 * (since <= 2016).sum()
    pairs = pd.Series([tuple(sorted(p)) for p in zip(c["source"], c["target"], strict=True)])
    assert 0.03 <= pairs.duplicated().mean() <= 0.25
    degree = pd.concat([pairs.drop_duplicates().str[0], pairs.drop_duplicates().str[1]]).value_counts()
    assert degree.max() >= 5 * degree.median()
    # every synthetic actor has at least one tie
    synthetic_actors = set(actors.index[actors["source"] == SYNTHETIC])
    assert synthetic_actors <= set(c["source"]) | set(c["target"])
    # school <-> out-of-school ties are common
    school = c["source"].map(actors["type"]).eq("school") != c["target"].map(actors["type"]).eq("school")
    assert school.mean() >= 0.35


def test_memberships_respect_founding_and_leave_districts_uncovered(data, regions):
    nets = data["networks"].set_index("id")
    m = data["memberships"]
    syn = m[m["source"] == SYNTHETIC]
    assert len(syn) > 0 and (syn["role"] == "member").all()
    founded = syn["network_id"].map(nets["founded"])
    assert (founded != "").all()
    assert (syn["since"].astype(int) >= founded.astype(int)).all()
    actors = data["actors"].set_index("id")
    for r in syn.itertuples():
        assert actors.loc[r.actor_id, "region"] in nets.loc[r.network_id, "regions"].split("|")
        assert actors.loc[r.actor_id, "source"] == SYNTHETIC
    covered = {code for cell in nets["regions"] for code in cell.split("|") if code}
    assert len(set(regions["code"]) - covered) >= 3


def test_readme_counts_match_the_data(data, real):
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    for table in OUTPUT_TABLES:
        n_real, n_all = len(real[table]), len(data[table])
        row = f"| `{table}.csv` | {n_real:,} | {n_all - n_real:,} | {n_all:,} |"
        assert row in readme, row
