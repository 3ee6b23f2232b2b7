"""The offline survey form and its answer files: filled in Chromium, imported, analysed."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import mintgraph
from mintgraph.cli import cli
from mintgraph.survey_form import (
    FORMAT,
    VERSION,
    answer_checksum,
    canonical_json,
    form_id,
    import_answers,
    render_survey_form,
)
from mintgraph.testing import TINY, write_tables

HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    records = {k: [dict(r) for r in v] for k, v in TINY.items()}
    records["actors"].append({"id": "evil", "name": HOSTILE, "type": "other", "region": "06412"})
    records["actors"][0]["email"] = "schule-eins@example.org"  # personal: never in the form
    return write_tables(tmp_path / "data", records)


def _answer(
    dataset,
    respondent: str,
    partners: list[dict],
    network: str | None = "net-a",
    saved: str = "2026-12-01T10:00:00.000Z",
) -> dict:
    answer = {
        "format": FORMAT,
        "version": VERSION,
        "form_id": form_id(dataset, network),
        "network": network,
        "lang": "de",
        "respondent": respondent,
        "saved": saved,
        "partners": partners,
        "activities": [],
    }
    answer["checksum"] = answer_checksum(answer)
    return answer


def _write(folder: Path, name: str, answer: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(json.dumps(answer, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- the page


def test_the_form_holds_the_roster_without_personal_data(data_dir: Path) -> None:
    dataset = mintgraph.load(data_dir)
    page = render_survey_form(dataset, "net-a")
    data = json.loads(
        re.search(r'<script type="application/json" id="form-data">(.*?)</script>', page, re.S)[1]
    )
    assert sorted(a[0] for a in data["actors"]) == sorted(dataset.actors["id"])
    assert {len(a) for a in data["actors"]} == {4}  # id, name, type, district: nothing else
    assert "schule-eins@example.org" not in page and "example.org" not in page
    # the hostile name is data in a JSON blob, never markup
    assert HOSTILE not in page and "\\u003cimg src=x onerror=alert(1)\\u003e" in page
    members = {data["actors"][i][0] for i in data["respondents"]}
    assert members == {"s1", "s2", "u1"}  # net-a's members answer its form
    assert data["formId"] == form_id(dataset, "net-a") and "MINT-Netzwerkbefragung: Netz A" in page
    assert not re.search(r'(src|href)="(https?:)?//', page)  # nothing to load from elsewhere


def test_form_ids_follow_the_roster_and_the_network(data_dir: Path, tmp_path: Path) -> None:
    dataset = mintgraph.load(data_dir)
    roster = "\n".join(sorted(dataset.actors["id"]))
    expected = hashlib.sha256(f"{FORMAT}\nnet-a\n{roster}".encode()).hexdigest()[:16]
    assert form_id(dataset, "net-a") == expected
    other = mintgraph.load(write_tables(tmp_path / "other", TINY))  # one actor fewer
    assert form_id(other, "net-a") != expected


def test_checksum_is_the_sha256_of_the_canonical_json() -> None:
    answer = {"b": [1, "ä"], "a": {"y": None, "x": '"\n'}, "checksum": "ignored"}
    text = '{"a":{"x":"\\"\\n","y":null},"b":[1,"ä"]}'
    assert canonical_json({k: v for k, v in answer.items() if k != "checksum"}) == text
    assert answer_checksum(answer) == hashlib.sha256(text.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- import


def test_import_by_hand_gives_reciprocity_response_and_new_actors(data_dir: Path, tmp_path: Path) -> None:
    dataset = mintgraph.load(data_dir)
    folder = tmp_path / "answers"
    _write(
        folder,
        "s1.json",
        _answer(
            dataset,
            "s1",
            [
                {"actor": "u1", "type": "project", "since": 2020, "trust": 4},
                {"actor": "s2", "type": "exchange", "since": 2019, "frequency": "monthly"},
                {
                    "new": {"name": "Verein Neu", "type": "association", "region": "06611"},
                    "type": "offer",
                    "since": 2024,
                },
            ],
        ),
    )
    _write(folder, "s2.json", _answer(dataset, "s2", [{"actor": "s1", "type": "exchange", "since": 2019}]))
    _write(folder, "u1.json", _answer(dataset, "u1", [{"actor": "c1", "type": "sponsorship", "since": 2017}]))
    result = import_answers(folder, dataset)
    rows = result.cooperations.set_index(["source", "target"])
    assert rows["reciprocity"].to_dict() == {
        ("s1", "u1"): "one_sided",  # u1 answered without naming s1
        ("s1", "s2"): "mutual",
        ("s1", "new-verein-neu"): "unconfirmed",
        ("s2", "s1"): "mutual",
        ("u1", "c1"): "unconfirmed",  # c1 did not answer
    }
    assert rows.at[("s1", "u1"), "trust"] == 4 and rows.at[("s1", "s2"), "frequency"] == "monthly"
    assert result.new_actors[["id", "name", "type", "region"]].values.tolist() == [
        ["new-verein-neu", "Verein Neu", "association", "06611"]
    ]
    response = result.response.set_index("network")
    assert response.loc["net-a", ["members", "answered"]].tolist() == [3, 3]
    assert response.loc["all", ["members", "answered"]].tolist() == [7, 3]
    assert response.loc["net-b", "rate"] == 0.0
    assert result.not_answered["id"].tolist() == ["c1", "l1", "m1", "evil"]


def test_a_similar_new_partner_is_named_for_confirmation(data_dir: Path, tmp_path: Path) -> None:
    dataset = mintgraph.load(data_dir)
    folder = tmp_path / "answers"
    partner = {
        "new": {"name": "Schule Eins", "type": "school", "region": "06611"},
        "type": "project",
        "since": 2022,
    }
    _write(folder, "s2.json", _answer(dataset, "s2", [partner]))
    result = import_answers(folder, dataset)
    assert result.new_actors["similar_to"].tolist() == ["s1"]  # the same name in the same district


def test_a_respondent_who_answered_twice_counts_once_the_later_file(data_dir: Path, tmp_path: Path) -> None:
    dataset = mintgraph.load(data_dir)
    folder = tmp_path / "answers"
    _write(
        folder,
        "a.json",
        _answer(
            dataset, "s1", [{"actor": "u1", "type": "project", "since": 2020}], saved="2026-12-02T09:00:00Z"
        ),
    )
    _write(
        folder,
        "b.json",
        _answer(
            dataset, "s1", [{"actor": "m1", "type": "offer", "since": 2021}], saved="2026-12-01T09:00:00Z"
        ),
    )
    result = import_answers(folder, dataset)
    assert result.cooperations["target"].tolist() == ["u1"]  # a.json was saved later
    assert [str(w) for w in result.warnings] == [
        "a.json: s1 answered twice (b.json, a.json): a.json counts, saved later"
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "{not json",
            "bad.json: cannot be read as an answer file: Expecting property name enclosed in double quotes",
        ),
        ('{"format": "something else"}', "bad.json: not a mintgraph survey answer file"),
        ("foreign", "bad.json: answers another form"),
        ("tampered", "bad.json: the file was changed after it was saved (checksum does not match)"),
    ],
)
def test_a_bad_answer_file_is_one_line_naming_it_and_nothing_is_written(
    data_dir: Path, tmp_path: Path, content: str, message: str
) -> None:
    dataset = mintgraph.load(data_dir)
    folder = tmp_path / "answers"
    _write(folder, "good.json", _answer(dataset, "s2", [{"actor": "s1", "type": "exchange", "since": 2019}]))
    if content == "foreign":
        other = mintgraph.load(write_tables(tmp_path / "other", TINY))
        text = json.dumps(_answer(other, "s1", []))
    elif content == "tampered":
        answer = _answer(dataset, "s1", [{"actor": "u1", "type": "project", "since": 2020}])
        answer["partners"][0]["since"] = 2010  # edited by hand after saving
        text = json.dumps(answer)
    else:
        text = content
    (folder / "bad.json").write_text(text, encoding="utf-8")
    out = tmp_path / "out" / "cooperations_survey.csv"
    run = CliRunner().invoke(cli, ["import-survey", str(folder), "--data", str(data_dir), "-o", str(out)])
    assert run.exit_code == 1 and "Traceback" not in run.output
    lines = [line for line in run.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith(f"Error: {message}")
    assert not (tmp_path / "out").exists()


# --------------------------------------------------------------------------- in Chromium


def _ready(page) -> None:
    """Wait for the form's script (the page's Content-Security-Policy forbids the eval that
    Playwright's wait_for_function uses, so poll with evaluate)."""
    for _ in range(100):
        if page.evaluate("() => Boolean(window.mintgraphSurvey && window.mintgraphSurvey.ready)"):
            return
        page.wait_for_timeout(50)
    raise AssertionError("the form's script did not start")


def _pick(page, box: str, text: str, button_text: str) -> None:
    page.fill(box, text)
    results = "#who-results" if box == "#who-search" else "#partner-results"
    page.locator(f"{results} button", has_text=button_text).first.click()


def _fill(page, respondent: str, partners: list[tuple[str, str, str, str]]) -> None:
    """Choose the respondent, then partners as (search text, name on the button, type, year)."""
    _pick(page, "#who-search", respondent, respondent)
    for query, name, kind, year in partners:
        _pick(page, "#partner-search", query, name)
        card = page.locator("#partner-list > li").last
        card.locator("select.coop-type").select_option(kind)
        card.locator("input.since").fill(year)
        card.locator("input.since").dispatch_event("change")


def _save(page, folder: Path) -> Path:
    with page.expect_download() as download:
        page.click("#save")
    path = folder / download.value.suggested_filename
    download.value.save_as(path)
    return path


@pytest.mark.browser
def test_fill_save_import_and_analyse_three_respondents(data_dir: Path, tmp_path: Path, open_offline) -> None:
    forms = tmp_path / "forms"
    run = CliRunner().invoke(cli, ["survey-form", str(data_dir), "-o", str(forms), "--network", "net-a"])
    assert run.exit_code == 0, run.output
    form = forms / "survey-net-a.html"
    answers = tmp_path / "answers"
    answers.mkdir()

    opened = open_offline(form)
    page = opened.page
    _ready(page)
    # the hostile roster name is shown as text and runs nothing
    page.fill("#partner-search", "img")
    assert page.locator("#partner-results button", has_text=HOSTILE).count() == 1
    assert page.locator("#partner-results img").count() == 0
    page.fill("#partner-search", "")
    # respondent 1: two partners from the roster, one that is not on it, a trust rating
    _fill(
        page, "Schule Eins", [("uni", "Uni", "project", "2020"), ("zwei", "Schule Zwei", "exchange", "2019")]
    )
    page.locator("#partner-list > li").first.locator("fieldset.trust input[value='4']").check()
    page.click("#new-partner summary")
    page.fill("#new-name", "Verein Neu")
    page.select_option("#new-type", "association")
    page.select_option("#new-region", "06611")
    page.click("#new-add")
    card = page.locator("#partner-list > li").last
    assert "Verein Neu" in card.inner_text()
    card.locator("select.coop-type").select_option("offer")
    card.locator("input.since").fill("2024")
    card.locator("input.since").dispatch_event("change")
    # a reload keeps every answer
    page.reload()
    _ready(page)
    assert page.inner_text("#who-name") == "Schule Eins"
    assert page.locator("#partner-list > li").count() == 3
    assert page.locator("#partner-list > li").first.locator("fieldset.trust input[value='4']").is_checked()
    assert page.locator("#partner-list > li").last.locator("input.since").input_value() == "2024"
    first = _save(page, answers)
    assert "Gespeichert" in page.inner_text("#save-status")
    # respondents 2 and 3 in a fresh form each
    page.evaluate("localStorage.clear()")
    page.reload()
    _ready(page)
    _fill(page, "Schule Zwei", [("eins", "Schule Eins", "exchange", "2019")])
    _save(page, answers)
    page.evaluate("localStorage.clear()")
    page.reload()
    _ready(page)
    _fill(page, "Uni", [("firma", "Firma", "sponsorship", "2017")])
    _save(page, answers)
    assert opened.blocked == [] and opened.errors == [] and opened.dialogs == []

    saved = json.loads(first.read_text(encoding="utf-8"))
    assert saved["respondent"] == "s1" and saved["checksum"] == answer_checksum(saved)
    assert sorted(p.name for p in answers.iterdir()) == [
        "antwort-s1.json",
        "antwort-s2.json",
        "antwort-u1.json",
    ]

    out = tmp_path / "out" / "cooperations_survey.csv"
    run = CliRunner().invoke(cli, ["import-survey", str(answers), "--data", str(data_dir), "-o", str(out)])
    assert run.exit_code == 0, run.output
    assert (
        "3 answer files of 7 actors (43%); 5 cooperations: 2 mutual, 1 one-sided, 2 unconfirmed" in run.output
    )
    assert "Netz A: 3 of 3 members answered (100%)" in run.output
    assert "not answered yet (4): Firma, Labor, Museum, " + HOSTILE in run.output
    coops = pd.read_csv(out, dtype=str, keep_default_na=False)
    got = {(r.source, r.target, r.type, r.since, r.reciprocity) for r in coops.itertuples()}
    assert got == {
        ("s1", "u1", "project", "2020", "one_sided"),
        ("s1", "s2", "exchange", "2019", "mutual"),
        ("s1", "new-verein-neu", "offer", "2024", "unconfirmed"),
        ("s2", "s1", "exchange", "2019", "mutual"),
        ("u1", "c1", "sponsorship", "2017", "unconfirmed"),
    }
    assert coops.set_index("target").at["u1", "trust"] == "4"
    new = pd.read_csv(out.with_name("actors_survey.csv"), dtype=str, keep_default_na=False)
    assert new[["id", "name", "type", "region"]].values.tolist() == [
        ["new-verein-neu", "Verein Neu", "association", "06611"]
    ]

    # analyse: the survey's cooperations (and the confirmed new actor) instead of the old ones
    records = {k: [dict(r) for r in v] for k, v in TINY.items()}
    records["actors"].append({"id": "evil", "name": HOSTILE, "type": "other", "region": "06412"})
    records["actors"].append(
        {"id": "new-verein-neu", "name": "Verein Neu", "type": "association", "region": "06611"}
    )
    records["cooperations"] = coops.drop(columns=["frequency", "trust", "contribution"]).to_dict("records")
    analysed = mintgraph.analyze(mintgraph.load(write_tables(tmp_path / "surveyed", records)), permutations=0)
    edges = {tuple(sorted(e)) for e in analysed.graph.edges}
    assert edges == {("s1", "u1"), ("s1", "s2"), ("new-verein-neu", "s1"), ("c1", "u1")}
    assert analysed.summary["survey_ties"] == {
        "mutual": 1,
        "one_sided": 1,
        "unconfirmed": 2,
        "not_surveyed": 0,
    }
    mutual = mintgraph.analyze(mintgraph.load(tmp_path / "surveyed"), permutations=0, mutual_only=True)
    assert {tuple(sorted(e)) for e in mutual.graph.edges} == {("s1", "s2")}


def test_the_report_says_how_many_survey_ties_both_sides_confirmed(tmp_path: Path) -> None:
    from mintgraph.views.report_html import render_report

    records = {k: [dict(r) for r in v] for k, v in TINY.items()}
    # s1-u1 named by both, s2-u1 by s2 only (u1 answered), u1-c1 unconfirmed; the rest not from a survey
    for row, value in zip(
        records["cooperations"], ["mutual", "mutual", "one_sided", "", "unconfirmed", ""], strict=True
    ):
        row["reciprocity"] = value
    dataset = mintgraph.load(write_tables(tmp_path / "data", records))
    result = mintgraph.analyze(dataset, permutations=0)
    assert result.summary["survey_ties"] == {"mutual": 1, "one_sided": 1, "unconfirmed": 1, "not_surveyed": 2}
    html = render_report(result, lang="de")
    assert (
        "Aus der Befragung stammen 3 Kooperationsbeziehungen: 1 haben beide Seiten genannt (33\u202f%), 1 nur "
        "eine Seite, obwohl beide geantwortet haben, und 1 bleiben unbestätigt" in html
    )
    mutual = mintgraph.analyze(dataset, permutations=0, mutual_only=True)
    assert (
        mutual.summary["mutual_only"] is True and mutual.graph.number_of_edges() == 3
    )  # s1-u1, s1-s2, c1-l1
    assert mutual.summary["survey_ties"] == {"mutual": 1, "one_sided": 0, "unconfirmed": 0, "not_surveyed": 2}
    english = render_report(mutual, lang="en")
    assert (
        "Only the cooperation ties that both sides named in the survey are counted (1), plus 2 ties"
        in english
    )
    # the command line: --mutual-only
    out = tmp_path / "out"
    run = CliRunner().invoke(cli, ["analyze", str(tmp_path / "data"), "-o", str(out), "--mutual-only"])
    assert run.exit_code == 0, run.output
    assert json.loads((out / "summary.json").read_text(encoding="utf-8"))["ties"] == 3
    assert (
        "Beziehungen aus der Befragung: von beiden Seiten genannt 1, von einer Seite 0, unbestätigt 0 "
        "(Partner hat nicht geantwortet); --mutual-only: gezählt sind nur die von beiden Seiten genannten"
    ) in run.output
    run = CliRunner().invoke(
        cli, ["analyze", str(tmp_path / "data"), "-o", str(tmp_path / "all"), "--lang", "en"]
    )
    assert (
        "survey ties: named by both sides 1, by one side 1, unconfirmed 1 (partner did not answer)\n"
        in run.output
    )


@pytest.mark.browser
def test_the_english_form_works_with_the_keyboard_alone(data_dir: Path, tmp_path: Path, open_offline) -> None:
    dataset = mintgraph.load(data_dir)
    form = tmp_path / "survey.html"
    form.write_text(render_survey_form(dataset, lang="en"), encoding="utf-8")
    opened = open_offline(form)
    page = opened.page
    _ready(page)
    assert page.inner_text("h1") == "MINT network survey"
    page.focus("#who-search")
    page.keyboard.type("museum")
    page.keyboard.press("Tab")  # onto the first hit (group headings are not focusable)
    assert page.evaluate("document.activeElement.getAttribute('data-id')") == "m1"
    page.keyboard.press("Enter")
    assert page.inner_text("#who-name") == "Museum"
    page.focus("#partner-search")
    page.keyboard.type("labor")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # the new card's first field has the focus: kind of cooperation
    assert page.evaluate("document.activeElement.id") == "p0-since"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("ArrowDown")  # choose the first kind with the keyboard
    page.keyboard.press("Tab")
    page.keyboard.type("2023")
    page.keyboard.press("Tab")
    with page.expect_download() as download:
        page.click("#save")
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert path.name == "answer-m1.json" and saved["lang"] == "en" and saved["network"] is None
    assert saved["partners"] == [{"actor": "l1", "type": "project", "since": 2023}]
    assert saved["form_id"] == form_id(dataset) and saved["checksum"] == answer_checksum(saved)
    assert opened.blocked == [] and opened.errors == []
