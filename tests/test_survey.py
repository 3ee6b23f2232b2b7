"""Survey import: a German survey export into cooperations, reciprocity and response rate by hand."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import mintgraph
from mintgraph.cli import cli
from mintgraph.errors import DataError
from mintgraph.graph import cooperation_graph
from mintgraph.survey import SurveyMapping, read_mapping, survey_cooperations
from mintgraph.testing import TINY, write_tables

# Who names whom (actors of the tiny dataset: s1, s2, u1, c1, l1, m1):
#   Schule Eins (s1) names Uni and Firma        -> s1-u1 mutual (u1 names s1), s1-c1 one-sided (c1 responded)
#   Uni (u1) names Schule Eins and "Labor"      -> u1-s1 mutual, u1-l1 unconfirmed (l1 did not respond)
#   Firma (c1) names "Universitat" (typo) only  -> c1-u1 one-sided (u1 did not name c1)
#   a row without respondent is skipped; "Unbekannte GmbH" matches no actor
SURVEY = (
    "Zeitstempel;Ihre Einrichtung;Partner 1;Art 1;Intensität 1;Partner 2;Art 2;Intensität 2\r\n"
    "03.05.2024 10:00;Schule Eins;Uni;Gemeinsames Projekt;3;Firma;Patenschaft;1,5\r\n"
    "04.05.2024 11:00;Uni;Schule Eins;Angebot;2;Labor;Angebot;\r\n"
    "05.05.2024 12:00;Firma;Universitat;Austausch;x;;;\r\n"
    "06.05.2024 12:00;;Uni;Angebot;1;;;\r\n"
    "07.05.2024 12:00;Firma;Unbekannte GmbH;Sonstiges;;;;\r\n"
)
MAPPING = """
respondent = "Ihre Einrichtung"
partners = ["Partner 1", "Partner 2"]
type = ["Art 1", "Art 2"]
intensity = ["Intensität 1", "Intensität 2"]
year = "Zeitstempel"
actors = "data/actors.csv"

[types]
"Gemeinsames Projekt" = "project"
"Patenschaft" = "sponsorship"
"Angebot" = "offer"
"Austausch" = "exchange"
"""


@pytest.fixture
def survey(tmp_path: Path) -> tuple[Path, Path]:
    write_tables(tmp_path / "data", TINY)
    file = tmp_path / "umfrage.csv"
    file.write_bytes(SURVEY.encode("cp1252"))
    mapping = tmp_path / "mapping.toml"
    mapping.write_text(MAPPING, encoding="utf-8")
    return file, mapping


def test_cooperations_reciprocity_and_response_rate_by_hand(survey):
    result = mintgraph.api.import_survey(*survey)
    table = result.cooperations
    got = [
        tuple(r)
        for r in table[["source", "target", "type", "since", "weight", "reciprocity"]].itertuples(index=False)
    ]
    assert got[:3] == [
        ("s1", "u1", "project", 2024, 3.0, "mutual"),
        ("s1", "c1", "sponsorship", 2024, 1.5, "one_sided"),
        ("u1", "s1", "offer", 2024, 2.0, "mutual"),
    ]
    assert got[3][:4] == ("u1", "l1", "offer", 2024) and got[3][5] == "unconfirmed"
    assert got[4][:4] == ("c1", "u1", "exchange", 2024) and got[4][5] == "one_sided"
    assert got[5][0] == "c1" and got[5][1] == "Unbekannte GmbH" and got[5][2] == "other"
    assert table["weight"].isna().tolist() == [False, False, False, True, True, True]
    assert table["source_ref"].iloc[0] == "survey: umfrage.csv, row 2"
    # 3 of the 6 actors responded (s1, u1, c1)
    assert (result.respondents, result.population) == (3, 6)
    assert result.response_rate == pytest.approx(0.5)
    messages = [(p.row, p.column, p.message) for p in result.problems]
    assert (4, "Partner 1", "'Universitat' read as actor 'u1'") in messages
    assert any(r == 4 and c == "Intensität 1" for r, c, _ in messages)
    assert any(r == 5 and c == "Ihre Einrichtung" and "no respondent" in m for r, c, m in messages)
    assert any(r == 6 and "'Unbekannte GmbH' matches no actor" in m for r, _, m in messages)
    assert any(r == 6 and "'Sonstiges' has no cooperation type" in m for r, _, m in messages)


def test_imported_cooperations_load_as_a_data_table(survey, tmp_path: Path):
    out = tmp_path / "out" / "cooperations.csv"
    result = CliRunner().invoke(
        cli, ["import-survey", str(survey[0]), "--mapping", str(survey[1]), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "3 of 6 actors responded (50%)" in result.output
    assert "6 cooperations: 2 mutual, 2 one-sided, 2 unconfirmed" in result.output
    data = tmp_path / "data"
    text = out.read_text(encoding="utf-8").splitlines()
    # keep the rows whose partner is known, then analyse the survey as the cooperation table
    (data / "cooperations.csv").write_text(
        "\n".join(line for line in text if "Unbekannte" not in line) + "\n", encoding="utf-8"
    )
    ds = mintgraph.load(data)
    g = cooperation_graph(ds)
    assert g.edges["s1", "u1"]["count"] == 2  # named by both sides: two rows, one tie
    assert set(ds.cooperations["reciprocity"]) == {"mutual", "one_sided", "unconfirmed"}


def test_mapping_errors_are_one_line(tmp_path: Path, survey):
    bad = tmp_path / "bad.toml"
    bad.write_text('respondent = "Ihre Einrichtung"\nyear = 2024\n', encoding="utf-8")
    with pytest.raises(DataError, match="column 'partners'"):
        read_mapping(bad)
    bad.write_text('respondent = "X"\npartners = ["Partner 1"]\nyear = 2024\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["import-survey", str(survey[0]), "--mapping", str(bad)])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "umfrage.csv, row 1, column 'X'" in result.output
    bad.write_text("not = [toml", encoding="utf-8")
    result = CliRunner().invoke(cli, ["import-survey", str(survey[0]), "--mapping", str(bad)])
    assert (
        result.exit_code == 1
        and "not a valid TOML file" in result.output
        and "Traceback" not in result.output
    )


def test_ids_without_actor_table_and_a_workbook(tmp_path: Path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["who", "p1", "p2"])
    sheet.append(["a", "b", "c"])
    sheet.append(["b", "a", None])
    path = tmp_path / "s.xlsx"
    book.save(path)
    mapping = SurveyMapping(respondent="who", partners=("p1", "p2"), year=2023)
    rows = mintgraph.survey.read_survey(path)
    result = survey_cooperations(rows, mapping)
    assert result.cooperations[["source", "target", "reciprocity"]].values.tolist() == [
        ["a", "b", "mutual"],
        ["a", "c", "unconfirmed"],
        ["b", "a", "mutual"],
    ]
    assert (result.respondents, result.population) == (2, 3)
