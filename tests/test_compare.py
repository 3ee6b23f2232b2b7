"""Change over time: ties, actors and indicators compared by hand, on the example, and through the CLI."""

from __future__ import annotations

import copy
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import mintgraph
from mintgraph import compare as compare_module
from mintgraph.cli import cli
from mintgraph.compare import P_VALUE_COLUMNS, compare_datasets, compare_years, tie_status
from mintgraph.export_compare import COMPARE_FILES
from mintgraph.i18n import LABELS
from mintgraph.metrics.scorecard import INDICATORS
from mintgraph.testing import TINY, tiny_dataset, write_tables
from mintgraph.validate import check_records
from mintgraph.views import compare_html
from mintgraph.views.compare_html import (
    COMPARE_DIRECTIONS,
    indicator_direction,
    indicator_label,
    render_comparison,
)

ROOT = Path(__file__).resolve().parent.parent

# ----------------------------------------------------------------------------- a hand-built pair of waves

OLD_WAVE = {
    "actors": [
        {"id": "a", "name": "Schule A", "type": "school", "region": "06611"},
        {"id": "b", "name": "Schule B", "type": "school", "region": "06611"},
        {"id": "c", "name": "Uni C", "type": "university", "region": "06611"},
        {"id": "d", "name": "Firma D", "type": "company", "region": "06631"},
    ],
    "networks": [{"id": "n1", "name": "Netz Eins", "founded": "2015", "regions": "06611"}],
    "memberships": [
        {"actor_id": "a", "network_id": "n1", "role": "member"},
        {"actor_id": "b", "network_id": "n1", "role": "member"},
        {"actor_id": "c", "network_id": "n1", "role": "coordinator"},
    ],
    "cooperations": [
        {"source": "a", "target": "b", "type": "exchange", "since": "2016"},
        {"source": "a", "target": "c", "type": "project", "since": "2016"},
        {"source": "c", "target": "a", "type": "offer", "since": "2017"},
        {"source": "b", "target": "c", "type": "offer", "since": "2017", "weight": "3"},
        {"source": "c", "target": "d", "type": "sponsorship", "since": "2018"},
    ],
}
"""Wave 1. Ties: a-b (1 row), a-c (2 rows), b-c (1 row, weight 3), c-d (1 row)."""

NEW_WAVE = {
    "actors": [
        {"id": "a", "name": "Schule A", "type": "school", "region": "06611"},
        {"id": "b", "name": "Schule B", "type": "school", "region": "06611"},
        {"id": "c", "name": "Uni C", "type": "university", "region": "06611"},
        {"id": "e", "name": "Verein E", "type": "association", "region": "06611"},
        {"id": "f", "name": "Labor F", "type": "student_lab", "region": "06631"},
        {"id": "g", "name": "Museum G", "type": "museum", "region": "06631"},
    ],
    "networks": [
        {"id": "n1", "name": "Netz Eins", "founded": "2015", "regions": "06611"},
        {"id": "n2", "name": "Netz Zwei", "founded": "2021", "regions": "06631"},
    ],
    "memberships": [
        {"actor_id": "a", "network_id": "n1", "role": "member"},
        {"actor_id": "b", "network_id": "n1", "role": "member"},
        {"actor_id": "c", "network_id": "n1", "role": "coordinator"},
        {"actor_id": "e", "network_id": "n1", "role": "member"},
        {"actor_id": "f", "network_id": "n2", "role": "member"},
        {"actor_id": "g", "network_id": "n2", "role": "member"},
    ],
    "cooperations": [
        {"source": "a", "target": "b", "type": "exchange", "since": "2016"},
        {"source": "a", "target": "c", "type": "project", "since": "2016"},
        {"source": "c", "target": "a", "type": "offer", "since": "2017"},
        {"source": "a", "target": "c", "type": "other", "since": "2022"},
        {"source": "b", "target": "c", "type": "offer", "since": "2017"},
        {"source": "a", "target": "e", "type": "project", "since": "2022"},
        {"source": "f", "target": "e", "type": "offer", "since": "2023"},
    ],
}
"""Wave 2: d left, e, f, g came, n2 is new.

By hand: a-e and e-f are new; c-d is lost; a-c strengthened (2 → 3 rows); b-c weakened (one
row, weight 3 → 1); a-b unchanged. Newcomers: e (partners a and f, a was there: connected to
an established actor; joined n1), f (partner e only, a newcomer: connected, not to an
established actor; joined n2), g (no tie; joined n2). Leaver: d.

n1 before = {a, b, c}: internal a-b, a-c, b-c (3), density 3/3 = 1, external c-d (1),
E-I = (1 - 3)/4 = -0.5. n1 after = {a, b, c, e}: internal a-b, a-c, b-c, a-e (4), density 4/6,
external e-f (1), E-I = (1 - 4)/5 = -0.6. So density -1/3, E-I -0.1, members +1.
n2 after = {f, g}: internal 0 of 1 pair, density 0, external e-f, E-I = +1; before: empty.
District 06611 (Kassel): ties inside 3 → 4; actors 3 → 4.
"""


def dataset(records: dict) -> mintgraph.Dataset:
    report = check_records(records)
    assert report.dataset is not None, report.errors
    return report.dataset


@pytest.fixture(scope="module")
def waves() -> compare_module.Comparison:
    return compare_datasets(dataset(OLD_WAVE), dataset(NEW_WAVE), labels=("Welle 1", "Welle 2"))


def indicator(comparison, scope: str, ident: str, name: str) -> dict:
    table = comparison.indicators
    rows = table[(table["scope"] == scope) & (table["id"] == ident) & (table["indicator"] == name)]
    assert len(rows) == 1, (scope, ident, name)
    return rows.iloc[0].to_dict()


def test_tie_statuses_by_hand(waves):
    status = {(r.source, r.target): r.status for r in waves.ties.itertuples()}
    assert status == {
        ("a", "e"): "new",
        ("e", "f"): "new",
        ("c", "d"): "lost",
        ("a", "c"): "strengthened",
        ("b", "c"): "weakened",
        ("a", "b"): "unchanged",
    }
    ties = waves.ties.set_index(["source", "target"])
    assert ties.loc[("a", "c"), ["count_before", "count_after"]].tolist() == [2, 3]
    assert ties.loc[
        ("b", "c"), ["count_before", "count_after", "weight_before", "weight_after"]
    ].tolist() == [
        1,
        1,
        3.0,
        1.0,
    ]
    assert pd.isna(ties.loc[("c", "d"), "count_after"]) and ties.loc[("c", "d"), "count_before"] == 1
    assert pd.isna(ties.loc[("a", "e"), "count_before"]) and ties.loc[("a", "e"), "target_name"] == "Verein E"
    assert waves.ties["status"].tolist() == ["new", "new", "lost", "strengthened", "weakened", "unchanged"]


def test_actor_changes_by_hand(waves):
    actors = waves.actors.set_index("id")
    assert actors["status"].to_dict() == {
        "a": "stayed",
        "b": "stayed",
        "c": "stayed",
        "d": "leaver",
        "e": "newcomer",
        "f": "newcomer",
        "g": "newcomer",
    }
    e, f, g, d = (actors.loc[x] for x in "efgd")
    assert (e["degree_after"], e["partners_established"], e["connected_to_established"]) == (2, 1, True)
    assert (f["degree_after"], f["connected"], f["connected_to_established"]) == (1, True, False)
    assert (g["degree_after"], g["connected"], g["connected_to_established"]) == (0, False, False)
    assert [e["networks_joined"], f["networks_joined"], g["networks_joined"]] == ["n1", "n2", "n2"]
    assert d["degree_before"] == 1 and pd.isna(d["degree_after"]) and pd.isna(d["connected"])
    assert actors.loc["c", "degree_before"] == 3 and actors.loc["c", "degree_after"] == 2
    assert waves.headline == {
        **waves.headline,
        "newcomers": 3,
        "leavers": 1,
        "newcomers_connected": 2,
        "newcomers_connected_to_established": 1,
        "new_ties": 2,
        "lost_ties": 1,
        "strengthened_ties": 1,
        "weakened_ties": 1,
        "unchanged_ties": 1,
        "ties_before": 4,
        "ties_after": 5,
        "new_networks": 1,
    }
    assert waves.headline["newcomers_connected_share"] == pytest.approx(2 / 3)


def test_network_indicators_before_after_and_difference_by_hand(waves):
    density = indicator(waves, "network", "n1", "density")
    assert (density["before"], density["after"]) == (1.0, pytest.approx(4 / 6))
    assert density["difference"] == pytest.approx(-1 / 3)
    ei = indicator(waves, "network", "n1", "ei_index")
    assert (ei["before"], ei["after"], ei["difference"]) == (-0.5, -0.6, pytest.approx(-0.1))
    members = indicator(waves, "network", "n1", "members")
    assert (members["before"], members["after"], members["difference"]) == (3, 4, 1)
    assert isinstance(members["before"], int)  # written as "3", not "3.0"
    # n2 did not exist before: before and difference empty
    for name, after in (("members", 2), ("density", 0.0), ("ei_index", 1.0), ("internal_ties", 0)):
        row = indicator(waves, "network", "n2", name)
        assert row["before"] is None and row["difference"] is None and row["after"] == after


def test_region_and_landscape_indicators_by_hand(waves):
    inside = indicator(waves, "region", "06611", "ties_inside")
    assert (inside["before"], inside["after"], inside["difference"]) == (3, 4, 1)
    assert indicator(waves, "region", "06611", "actors")["difference"] == 1
    assert indicator(waves, "region", "06611", "white_spot")["after"] == 0  # booleans as 0/1
    ties = indicator(waves, "landscape", "landscape", "ties")
    assert (ties["before"], ties["after"], ties["difference"]) == (4, 5, 1)
    assert indicator(waves, "landscape", "landscape", "isolated_actors")["after"] == 1  # g


def test_indicator_table_covers_every_numeric_column_and_nothing_static(waves):
    table = waves.indicators
    network_names = set(table.loc[table["scope"] == "network", "indicator"])
    numeric = {
        c
        for c in waves.after.networks.columns
        if pd.api.types.is_numeric_dtype(waves.after.networks[c]) and c != "founded"
    }
    assert network_names == numeric - set(P_VALUE_COLUMNS)  # no permutation columns without permutations
    assert {"ei_index_p", "ei_index_q", "ei_index_excess"} <= set(P_VALUE_COLUMNS)
    assert "founded" not in network_names and "population" not in set(table["indicator"])
    assert set(table["scope"]) == {"landscape", "network", "region"}
    assert len(table[table["scope"] == "region"]["id"].unique()) == 26
    # every difference is after - before, and empty exactly when a side is empty
    for row in table.itertuples():
        if row.before is None or row.after is None:
            assert row.difference is None
        else:
            assert row.difference == pytest.approx(row.after - row.before, abs=1e-12)


def test_p_values_are_compared_with_permutations():
    change = compare_datasets(dataset(OLD_WAVE), dataset(NEW_WAVE), permutations=19)
    assert "ei_index_p" in set(change.indicators["indicator"])


def test_tie_status_rules():
    assert tie_status((2, 1.0), (3, 0.5)) == "strengthened"  # rows decide first
    assert tie_status((1, 1.0), (1, 2.5)) == "strengthened"  # same rows: the weight decides
    assert tie_status((3, 3.0), (2, 9.0)) == "weakened"
    assert tie_status((2, 2.0), (2, 2.0)) == "unchanged"
    with pytest.raises(ValueError):
        tie_status(None, None)


# ----------------------------------------------------------------------------- years on the tiny dataset


def test_compare_years_on_tiny_by_hand():
    change = compare_years(tiny_dataset(), 2014, 2019)
    assert change.label_before == "2014" and change.label_after == "2019" and change.warnings == []
    status = {(r.source, r.target): r.status for r in change.ties.itertuples()}
    assert status == {
        ("c1", "l1"): "new",
        ("c1", "u1"): "new",
        ("s1", "s2"): "new",
        ("s1", "u1"): "strengthened",  # the 2015 offer (weight 2) joins the 2012 project
        ("s2", "u1"): "unchanged",
    }
    actors = change.actors.set_index("id")
    assert sorted(actors.index[actors["status"] == "newcomer"]) == ["c1", "l1"]
    assert actors.loc["c1", "connected_to_established"] and not actors.loc["l1", "connected_to_established"]
    assert actors.loc["c1", "networks_joined"] == "net-b" and actors.loc["m1", "status"] == "stayed"
    density = indicator(change, "network", "net-a", "density")
    assert density["before"] == pytest.approx(2 / 3) and density["after"] == 1.0
    assert density["difference"] == pytest.approx(1 / 3)
    ei = indicator(change, "network", "net-a", "ei_index")
    assert (ei["before"], ei["after"], ei["difference"]) == (-1.0, -0.5, 0.5)
    assert indicator(change, "network", "umbrella", "internal_ties")["difference"] == 2  # 2 → 4
    net_b = indicator(change, "network", "net-b", "external_ties")
    assert net_b["before"] is None and net_b["after"] == 2 and net_b["difference"] is None


def test_compare_years_rejects_reversed_years_and_warns_outside_the_data():
    with pytest.raises(ValueError, match="before"):
        compare_years(tiny_dataset(), 2019, 2019)
    change = compare_years(tiny_dataset(), 2011, 2019)
    assert change.warnings == ["2011 lies outside the years of the cooperations (2012–2020)"]
    assert change.headline["ties_before"] == 0 and change.headline["new_ties"] == 5
    early = compare_years(tiny_dataset(), 2005, 2019)  # the umbrella was founded in 2010
    assert early.warnings[-1] == (
        "no network existed yet in 2005 (the first was founded in 2010): every network is new"
    )
    nets = early.indicators[early.indicators["scope"] == "network"]
    assert set(nets["id"]) == {"umbrella", "net-a", "net-b"} and nets["before"].isna().all()


def test_a_renamed_id_is_a_leaver_and_a_newcomer():
    records = copy.deepcopy(TINY)
    for row in records["actors"]:
        if row["id"] == "l1":
            row["id"] = "lab-1"
    for table, columns in (("cooperations", ("source", "target")), ("activities", ("provider",))):
        for row in records[table]:
            for col in columns:
                row[col] = "lab-1" if row[col] == "l1" else row[col]
    change = compare_datasets(tiny_dataset(), dataset(records))
    status = change.actors.set_index("id")["status"]
    assert (status["l1"], status["lab-1"]) == ("leaver", "newcomer")
    tie = change.ties.set_index(["source", "target"])["status"]
    assert (tie[("c1", "l1")], tie[("c1", "lab-1")]) == ("lost", "new")


# ----------------------------------------------------------------------------- the example through the CLI


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def active_pairs(coops: pd.DataFrame, year: int) -> set[tuple[str, str]]:
    """Pairs with a cooperation active in ``year``, straight from the raw table (an independent oracle)."""
    since = pd.to_numeric(coops["since"], errors="coerce")
    until = pd.to_numeric(coops["until"], errors="coerce")
    active = coops[(since <= year) & (until.isna() | (until >= year))]
    return {tuple(sorted(p)) for p in zip(active["source"], active["target"], strict=True)}


@pytest.fixture(scope="module")
def example_out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("compare-example")
    result = CliRunner().invoke(
        cli, ["compare", "--from", "2019", "--to", "2024", str(ROOT / "data"), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "2019 → 2024" in result.output and "geschrieben: compare.csv" in result.output  # German by default
    return out


def test_example_ties_match_the_raw_cooperations(example_out: Path):
    coops = pd.read_csv(ROOT / "data" / "cooperations.csv", dtype=str, keep_default_na=False)
    coops = coops.replace("", None)
    before, after = active_pairs(coops, 2019), active_pairs(coops, 2024)
    ties = pd.read_csv(example_out / "compare_ties.csv", dtype={"source": str, "target": str})
    by_status = {s: set(zip(g["source"], g["target"], strict=True)) for s, g in ties.groupby("status")}
    assert by_status["new"] == after - before
    assert by_status["lost"] == before - after
    assert by_status["strengthened"] | by_status["weakened"] | by_status["unchanged"] == before & after
    table = pd.read_csv(example_out / "compare.csv", dtype={"id": str})
    ties_row = table[(table["scope"] == "landscape") & (table["indicator"] == "ties")].iloc[0]
    assert (ties_row["before"], ties_row["after"]) == (len(before), len(after))
    assert ties_row["difference"] == len(after) - len(before)


def test_example_newcomers_match_the_raw_first_traces(example_out: Path):
    def years(path: str, cols: list[tuple[str, str]]) -> pd.DataFrame:
        raw = pd.read_csv(ROOT / "data" / path, dtype=str, keep_default_na=False)
        return pd.concat([pd.DataFrame({"id": raw[i], "year": pd.to_numeric(raw[y])}) for i, y in cols])

    traces = pd.concat(
        [
            years("cooperations.csv", [("source", "since"), ("target", "since")]),
            years("memberships.csv", [("actor_id", "since")]),
            years("activities.csv", [("provider", "year")]),
        ]
    )
    first = traces.dropna().groupby("id")["year"].min()
    expected = set(first.index[(first > 2019) & (first <= 2024)])
    actors = pd.read_csv(example_out / "compare_actors.csv", dtype={"id": str, "region": str})
    assert set(actors.loc[actors["status"] == "newcomer", "id"]) == expected
    assert (actors["status"] == "leaver").sum() == 0  # in one dataset nobody leaves
    html = (example_out / "compare.html").read_text(encoding="utf-8")
    assert html.count('<circle class="node marked"') == len(expected)  # marked in the "after" picture only


def test_example_csv_columns_and_consistency(example_out: Path):
    assert sorted(p.name for p in example_out.iterdir()) == sorted(COMPARE_FILES)
    table = pd.read_csv(example_out / "compare.csv", dtype={"id": str})
    assert list(table.columns) == list(compare_module.INDICATOR_COLUMNS)
    both = table.dropna(subset=["before", "after"])
    assert (both["difference"] - (both["after"] - both["before"])).abs().max() < 1e-9
    assert table.loc[table["before"].isna() | table["after"].isna(), "difference"].isna().all()
    networks = pd.read_csv(ROOT / "data" / "networks.csv", dtype=str, keep_default_na=False)
    founded = pd.to_numeric(networks["founded"], errors="coerce")
    young = set(networks.loc[(founded > 2019) & (founded <= 2024), "id"])
    rows = table[table["scope"] == "network"]
    new = {i for i, g in rows.groupby("id") if g["before"].isna().all()}
    assert new == young and young  # networks founded in between have no "before"


def test_two_waves_from_folders(tmp_path: Path):
    old = write_tables(tmp_path / "wave1", OLD_WAVE)
    new = write_tables(tmp_path / "wave2", NEW_WAVE)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["compare", str(old), str(new), "-o", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "wave1 → wave2" in result.output
    assert "ties 4 → 5: 2 new, 1 lost, 1 strengthened, 1 weakened, 1 unchanged" in result.output
    actors = pd.read_csv(out / "compare_actors.csv", keep_default_na=False, dtype=str).set_index("id")
    assert actors.loc[["d", "e", "f", "g"], "status"].tolist() == [
        "leaver",
        "newcomer",
        "newcomer",
        "newcomer",
    ]
    assert actors.loc["f", ["connected", "connected_to_established"]].tolist() == ["True", "False"]
    assert actors.loc["d", "connected"] == ""
    table = pd.read_csv(out / "compare.csv", dtype={"id": str}, keep_default_na=False)
    n2 = table[(table["id"] == "n2") & (table["indicator"] == "members")].iloc[0]
    assert (n2["before"], n2["after"], n2["difference"]) == ("", "2", "")
    page = (out / "compare.html").read_text(encoding="utf-8")
    assert "<title>Change wave1 → wave2</title>" in page and 'lang="en"' in page


def test_tiny_two_waves_of_modified_copies(tmp_path: Path):
    later = copy.deepcopy(TINY)
    later["actors"] = [a for a in later["actors"] if a["id"] != "m1"]  # the museum leaves
    later["cooperations"].append({"source": "s2", "target": "l1", "type": "offer", "since": "2021"})
    # the later wave's last year is 2021: s1-s2, which ended in 2020, is no longer current
    out = tmp_path / "out"
    args = [
        "compare",
        str(write_tables(tmp_path / "a" / "data", TINY)),
        str(write_tables(tmp_path / "b" / "data", later)),
    ]
    result = CliRunner().invoke(cli, [*args, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert (
        f"{tmp_path / 'a' / 'data'} → {tmp_path / 'b' / 'data'}" in result.output
    )  # equal names: full paths
    ties = pd.read_csv(out / "compare_ties.csv")
    assert ties.loc[ties["status"] != "unchanged", ["source", "target", "status"]].values.tolist() == [
        ["l1", "s2", "new"],
        ["s1", "s2", "lost"],
    ]
    actors = pd.read_csv(out / "compare_actors.csv").set_index("id")
    assert actors.loc["m1", "status"] == "leaver" and (actors["status"] == "newcomer").sum() == 0


@pytest.mark.parametrize(
    "args",
    [
        ["compare"],  # no folders, no years
        ["compare", "data"],  # one folder without years
        ["compare", "a", "b", "c"],
        ["compare", "--from", "2019"],  # --to missing
        ["compare", "--to", "2019", "data"],
        ["compare", "--from", "2019", "--to", "2024", "a", "b"],
        ["compare", "--from", "2024", "--to", "2019", "data"],  # reversed
        ["compare", "--from", "2019", "--to", "2019", "data"],
        ["compare", "--from", "zwanzig", "--to", "2019", "data"],
    ],
)
def test_usage_errors_exit_2(args: list[str], tmp_path: Path):
    result = CliRunner().invoke(cli, [*args, "-o", str(tmp_path / "out")])
    assert result.exit_code == 2, result.output
    assert "Usage:" in result.output and not (tmp_path / "out").exists()


def test_bad_data_is_one_line_and_exit_1(tmp_path: Path):
    bad = copy.deepcopy(TINY)
    bad["cooperations"].append({"source": "s1", "target": "nobody", "type": "project", "since": "2019"})
    good = write_tables(tmp_path / "good", TINY)
    broken = write_tables(tmp_path / "broken", bad)
    for args in (
        ["compare", "--from", "2014", "--to", "2019", str(broken)],
        ["compare", str(good), str(broken)],
        ["compare", str(tmp_path / "missing"), str(good)],
    ):
        result = CliRunner().invoke(cli, [*args, "-o", str(tmp_path / "out")])
        assert result.exit_code == 1
        assert result.output.startswith("Error: ") and result.output.count("\n") == 1, result.output
        assert "Traceback" not in result.output and not (tmp_path / "out").exists()


def test_a_year_before_the_first_network_runs_with_a_warning(tmp_path: Path):
    data = write_tables(tmp_path / "data", TINY)
    result = CliRunner().invoke(
        cli, ["compare", "--from", "2005", "--to", "2019", str(data), "-o", str(tmp_path / "o")]
    )
    assert result.exit_code == 0, result.output
    assert "no network existed yet in 2005 (the first was founded in 2010)" in result.output
    table = pd.read_csv(tmp_path / "o" / "compare.csv", dtype={"id": str}, keep_default_na=False)
    members = table[(table["scope"] == "network") & (table["indicator"] == "members")]
    assert set(members["id"]) == {"umbrella", "net-a", "net-b"} and (members["before"] == "").all()


def test_years_outside_the_data_warn_but_run(tmp_path: Path):
    data = write_tables(tmp_path / "data", TINY)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["compare", "--from", "2010", "--to", "2030", str(data), "-o", str(out)])
    assert result.exit_code == 0
    assert "Warning: 2010 lies outside the years of the cooperations (2012–2020)" in result.output
    assert "Warning: 2030 lies outside" in result.output
    assert "ties 0 → 4" in result.output  # 2030: s1-s2 ended in 2020


# ----------------------------------------------------------------------------- the page (without a browser)

HOSTILE = "<script>alert(1)</script>"


def test_page_escapes_names_and_keeps_personal_data_out():
    records = copy.deepcopy(TINY)
    records["actors"][4] = {**records["actors"][4], "name": HOSTILE, "email": "geheim@example.org"}
    records["networks"][2] = {**records["networks"][2], "name": '<img src=x onerror="alert(2)">'}
    page = render_comparison(compare_years(dataset(records), 2014, 2019))
    assert HOSTILE not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x" not in page and "geheim@example.org" not in page
    assert "http://" not in page.replace("http://www.w3.org/2000/svg", "") and "https://" not in page


def test_page_languages_and_statuses():
    change = compare_years(tiny_dataset(), 2014, 2019)
    de, en = render_comparison(change), render_comparison(change, lang="en")
    assert "Veränderung 2014 → 2019" in de and "neue Akteure" in de and 'lang="de"' in de
    assert "Change 2014 → 2019" in en and "newcomers" in en and "neue Akteure" not in en
    # before: 4 actors, 2 ties; after: 6 actors, 5 ties with 3 new ones in green
    before, after = de.split('<figure class="after">')
    assert before.count("<circle class=") == 4 and after.count("<circle class=") == 6
    assert before.count('<line class="tie"') == 2 and after.count('<line class="tie"') == 5
    assert len(re.findall(r'<line class="tie"[^>]*data-status="new"', after)) == 3
    assert (
        after.count('<circle class="node marked"') == 2 and before.count('<circle class="node marked"') == 0
    )
    with pytest.raises(ValueError):
        render_comparison(change, lang="fr")


def test_pictures_are_left_out_above_the_aggregate_threshold(monkeypatch):
    change = compare_years(tiny_dataset(), 2014, 2019)
    monkeypatch.setattr(compare_html, "AGGREGATE_ABOVE", 5)  # 6 actors in the union
    page = render_comparison(change, lang="en")
    assert "<svg id=" not in page and 'id="no-pictures"' in page and "More than 5 actors" in page
    assert 'id="newcomers"' in page and 'id="changed-ties"' in page


def test_network_changes_are_ordered_by_relative_change(waves):
    page = render_comparison(waves, lang="en")
    n1 = page.split('<section class="network" data-id="n1">')[1].split("</section>")[0]
    order = re.findall(r'<tr data-indicator="([a-z0-9_]+)">', n1)
    sizes = []
    table = waves.indicators.set_index(["id", "indicator"])
    for name in order:
        b, a = table.loc[("n1", name), "before"], table.loc[("n1", name), "after"]
        sizes.append(1.0 if b is None or a is None else abs(a - b) / max(abs(a), abs(b)))
    assert sizes == sorted(sizes, reverse=True) and "density" in order and "members" in order
    assert "direct_members" in order and "districts" not in order  # unchanged indicators are left out
    n2 = page.split('<section class="network" data-id="n2">')[1].split("</section>")[0]
    assert '<span class="badge">new</span>' in n2


# ----------------------------------------------------------------------------- the page speaks in labels


class _VisibleText(HTMLParser):
    """The text a reader sees: every text node outside <script> and <style> (attributes are not text)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.hidden += tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self.hidden -= tag in ("script", "style")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def visible_text(page: str) -> str:
    parser = _VisibleText()
    parser.feed(page)
    return " ".join(parser.parts)


def as_word(name: str, text: str) -> bool:
    """``name`` as a word of its own (not inside a file name such as ``compare_actors.csv`` or an id)."""
    return re.search(rf"(?<![\w.\-]){re.escape(name)}(?![\w.\-])", text) is not None


def verdict(page: str, block: str, name: str) -> tuple[str, str]:
    """(data-verdict, data-direction) of the difference of indicator ``name`` in a network section or table."""
    start = page.index(block)
    end = page.index("</section>" if block.startswith("<section") else "</table>", start)
    row = re.search(rf'<tr data-indicator="{name}">(.*?)</tr>', page[start:end])
    assert row, (block, name)
    found = re.search(r'data-verdict="(\w*)" data-direction="(\w+)"', row.group(1))
    return found.group(1), found.group(2)


LABEL_ACTORS = [
    {"id": x, "name": f"Akteur {x.upper()}", "type": "school", "region": "06611"} for x in "abcdefg"
]
LABEL_NETWORKS = [
    {"id": "n1", "name": "Netz Eins", "founded": "2015", "regions": "06611"},
    {"id": "n2", "name": "Netz Zwei", "founded": "2015", "regions": "06611"},
]
LABEL_MEMBERS = [{"actor_id": x, "network_id": "n1", "role": "member"} for x in "abcd"] + [
    {"actor_id": x, "network_id": "n2", "role": "member"} for x in "efg"
]


def label_wave(pairs: list[str]) -> dict:
    coops = [{"source": a, "target": b, "type": "project", "since": "2016"} for a, b in pairs]
    return {
        "actors": LABEL_ACTORS,
        "networks": LABEL_NETWORKS,
        "memberships": LABEL_MEMBERS,
        "cooperations": coops,
    }


@pytest.fixture(scope="module")
def directions() -> compare_module.Comparison:
    """Two waves whose changes point in known directions.

    n1 = {a, b, c, d}: ties a-b, c-d, then also b-c → components 2 → 1 (fewer: better),
    density 2/6 → 3/6 (better); a new tie d-e to n2 makes n1's E-I −1 → (1 − 3)/4 = −0.5
    (no better direction: neutral). n2 = {e, f, g}: the triangle e-f, f-g, e-g loses e-g →
    density 1 → 2/3 (worse), components 1 → 1 (unchanged, left out), E-I −1 → (1 − 2)/3 (neutral).
    Landscape: components {a,b}, {c,d}, {e,f,g} → one: 3 → 1 (better); density 5/21 → 6/21 (better).
    """
    before = dataset(label_wave(["ab", "cd", "ef", "fg", "eg"]))
    after = dataset(label_wave(["ab", "bc", "cd", "ef", "fg", "de"]))
    return compare_datasets(before, after, labels=("Welle 1", "Welle 2"))


def test_the_hand_made_directions_are_what_the_docstring_says(directions):
    assert [indicator(directions, "network", "n1", "components")[k] for k in ("before", "after")] == [2, 1]
    assert indicator(directions, "network", "n2", "density")["difference"] == pytest.approx(-1 / 3)
    assert indicator(directions, "network", "n1", "ei_index")["difference"] == pytest.approx(0.5)
    assert indicator(directions, "landscape", "landscape", "components")["difference"] == -2


@pytest.mark.parametrize("lang", ["de", "en"])
def test_differences_are_coloured_by_their_good_direction(directions, lang):
    page = render_comparison(directions, lang=lang)
    n1, n2 = '<section class="network" data-id="n1">', '<section class="network" data-id="n2">'
    assert verdict(page, n1, "components") == ("better", "lower")  # 2 → 1: fewer parts is better
    assert verdict(page, n1, "density") == ("better", "higher")
    assert verdict(page, n2, "density") == ("worse", "higher")  # 1 → 2/3
    assert verdict(page, n1, "ei_index") == ("neutral", "neither")
    assert verdict(page, n2, "ei_index") == ("neutral", "neither")
    assert (
        'data-indicator="components"' not in page[page.index(n2) : page.index("</section>", page.index(n2))]
    )
    landscape = '<table class="data" id="landscape">'
    assert verdict(page, landscape, "components") == ("better", "lower")  # 3 → 1
    assert verdict(page, landscape, "density") == ("better", "higher")
    assert verdict(page, landscape, "isolated_actors") == ("", "lower")  # 0 → 0: no colour
    assert verdict(page, landscape, "actors") == ("", "higher")
    # the class that colours the cell is the verdict; a neutral cell is neither green nor red
    assert re.search(r'<td class="num better" data-verdict="better" data-direction="lower"', page)
    assert re.search(r'<td class="num worse" data-verdict="worse" data-direction="higher"', page)
    assert not re.search(r'class="num (better|worse)" data-verdict="neutral"', page)


def test_the_legend_explains_the_colours(directions):
    de, en = render_comparison(directions), render_comparison(directions, lang="en")
    legend = re.search(r'<ul class="legend" id="direction-legend">(.*?)</ul>', de, re.S).group(1)
    assert [visible_text(li).strip() for li in re.findall(r"<li.*?</li>", legend)] == [
        "besser",
        "schlechter",
        "ohne Richtung",
    ]
    assert "grün, wenn sich der Indikator in die bessere Richtung bewegt hat" in de
    legend = re.search(r'<ul class="legend" id="direction-legend">(.*?)</ul>', en, re.S).group(1)
    assert [visible_text(li).strip() for li in re.findall(r"<li.*?</li>", legend)] == [
        "better",
        "worse",
        "no direction",
    ]
    assert "green when the indicator moved the better way" in en


@pytest.fixture(scope="module")
def example_comparison() -> compare_module.Comparison:
    return compare_years(mintgraph.load(ROOT / "data"), 2019, 2024)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_no_column_name_is_visible_text(example_comparison, waves, lang):
    with_p_values = compare_datasets(dataset(OLD_WAVE), dataset(NEW_WAVE), permutations=19)
    for change in (example_comparison, waves, with_p_values):
        text = visible_text(render_comparison(change, lang=lang))
        names = set(change.indicators["indicator"])
        assert {"ei_regions", "ari_all", "ties_inside", "components", "density"} <= names
        # English labels may use plain words ("Actors", "density"); no language shows a column name
        # with an underscore, and the German page shows none at all
        shown = sorted(n for n in names if ("_" in n or lang == "de") and as_word(n, text))
        assert shown == [], shown
    text = visible_text(render_comparison(example_comparison, lang=lang))
    for name in ("ei_regions", "ari_all", "ties_inside", "largest_component_share", "robustness_3"):
        assert name not in text
    assert indicator_label("ei_regions", lang) in text and indicator_label("ari_all", lang) in text


def test_the_district_headers_are_labels(waves):
    for lang, header in (("de", "Kooperationen im Kreis"), ("en", "Ties inside the district")):
        page = render_comparison(waves, lang=lang)
        table = page[page.index('id="districts"') : page.index("</thead>", page.index('id="districts"'))]
        assert f'<th data-indicator="ties_inside">{header}</th>' in table
        assert "<code>" not in page


def test_every_indicator_has_a_label_and_a_direction(example_comparison):
    with_p_values = compare_datasets(dataset(OLD_WAVE), dataset(NEW_WAVE), permutations=19)
    for change in (example_comparison, with_p_values):
        for scope, name in (
            change.indicators[["scope", "indicator"]].drop_duplicates().itertuples(index=False)
        ):
            assert name in INDICATORS or name in COMPARE_DIRECTIONS, name  # an explicit direction
            assert indicator_direction(name) in ("higher", "lower", "neither")
            de, en = indicator_label(name, "de", scope), indicator_label(name, "en", scope)
            assert de != name and en != name, (scope, name, de, en)
    # the report's labels are reused; robustness_1/3/5 get their own (three of them side by side)
    assert indicator_label("ei_regions", "de") == LABELS["de"]["report_ind_ei_regions"]
    assert indicator_label("robustness_3", "en") != LABELS["en"]["report_ind_robustness_3"]
    assert indicator_label("networks", "de", "region") == "abdeckende Netzwerke"
    assert indicator_label("networks", "de", "landscape") == "Netzwerke"
    assert indicator_label("no_such_column", "de") == "no_such_column"  # a new column does not break the page
    assert indicator_direction("no_such_column") == "neither"
    # the directions the issue names
    expected = {"components": "lower", "largest_component_share": "higher", "isolated_actors": "lower"}
    expected |= {"density": "higher", "ties": "higher", "ari": "neither", "ari_all": "neither"}
    assert {name: indicator_direction(name) for name in expected} == expected
    assert indicator_direction("ei_index") == INDICATORS["ei_index"].direction == "neither"


def test_networks_are_shown_by_name_not_by_id(waves, example_comparison):
    for lang in ("de", "en"):
        page = render_comparison(waves, lang=lang)
        text = visible_text(page)
        assert "Netz Eins" in text and "Netz Zwei" in text
        assert not as_word("n1", text) and not as_word("n2", text)
        assert '<section class="network" data-id="n1">' in page and '<h3 title="n1">Netz Eins' in page
        newcomers = {
            name: (ids, shown)
            for name, ids, shown in re.findall(
                r'<tr><td>([^<]+)</td>.*?<td data-networks="([^"]*)" title="[^"]*">([^<]*)</td></tr>', page
            )
        }
        assert newcomers == {
            "Verein E": ("n1", "Netz Eins"),
            "Labor F": ("n2", "Netz Zwei"),
            "Museum G": ("n2", "Netz Zwei"),
        }
    page = render_comparison(example_comparison)
    text = visible_text(page)
    networks = pd.concat([example_comparison.before.networks, example_comparison.after.networks])
    for ident, name in zip(networks["id"], networks["name"], strict=True):
        assert not as_word(ident, text), ident
        assert name in text
    joined = example_comparison.actors.loc[
        example_comparison.actors["networks_joined"] != "", "networks_joined"
    ]
    assert len(joined) > 0 and all(
        f'data-networks="{ids.replace("|", " ")}"' in page for ids in joined.head(20)
    )


def test_years_and_yes_no_are_written_as_such(example_comparison, waves):
    page = render_comparison(example_comparison)
    row = re.search(r'<tr data-indicator="reference_year">(.*?)</tr>', page).group(1)
    assert ">2019<" in row and ">2024<" in row and "2.019" not in row
    n2 = render_comparison(waves).split('<section class="network" data-id="n2">')[1].split("</section>")[0]
    assert re.search(r'<tr data-indicator="small_network">.*?>–<.*?>ja<', n2)  # new network: before empty
    order = re.findall(
        r'<tr data-indicator="([a-z0-9_]+)">', page.split('id="landscape"')[1].split("</table>")[0]
    )
    assert order[:3] == ["actors", "networks", "umbrella_networks"] and order[-1] == "reference_year"
    assert sorted(order) == sorted(
        set(example_comparison.indicators.query("scope == 'landscape'")["indicator"])
    )
