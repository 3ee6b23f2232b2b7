"""report.html: summary, time series and provenance against hand-computed values on the tiny landscape;
escaping, no personal data, no external requests, determinism, languages, the CLI command."""

from __future__ import annotations

import copy
import datetime as dt
import math
import re
from dataclasses import replace
from html import unescape
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from lxml import html as lxml_html

import mintgraph
from mintgraph.analysis import analyze
from mintgraph.cli import cli
from mintgraph.errors import DataError
from mintgraph.graph import network_members
from mintgraph.i18n import t
from mintgraph.metrics.scorecard import PLUS
from mintgraph.metrics.timeseries import time_series
from mintgraph.report import (
    Finding,
    ProvenanceIndex,
    district_pairs,
    funding_options,
    network_provenance,
    provenance,
    report_date,
    summary_findings,
)
from mintgraph.testing import TINY, tiny_dataset, write_tables
from mintgraph.validate import check_records
from mintgraph.views.report_html import GLOSSARY, format_date, render_report

ROOT = Path(__file__).resolve().parent.parent
DATE = dt.date(2026, 12, 1)
SCRIPT = "<script>alert(1)</script>"
NET_NAME = 'Netz & "Partner" <i>kursiv</i>'


def dataset_from(records: dict) -> object:
    report = check_records(records)
    if report.dataset is None:
        raise DataError(report.errors)
    return report.dataset


@pytest.fixture(scope="module")
def tiny():
    return analyze(tiny_dataset(), permutations=0)


@pytest.fixture(scope="module")
def page_de(tiny) -> str:
    return render_report(tiny, lang="de", date=DATE)


@pytest.fixture(scope="module")
def page_en(tiny) -> str:
    return render_report(tiny, lang="en", date=DATE)


def hostile_records() -> dict:
    records = copy.deepcopy(TINY)
    for actor in records["actors"]:
        if actor["id"] == "s1":
            actor["name"] = SCRIPT  # s1 is in the first suggestion (c1-s1) and a cut point's neighbour
        if actor["id"] == "u1":
            actor["name"] = "Uni & Co \"'"  # the top articulation point: named in the summary
        actor.update(contact_person="Erika Mustermann", email="erika@example.org", phone="+49 561 12345")
    for network in records["networks"]:
        if network["id"] == "net-a":
            network["name"] = NET_NAME  # the densest network: summary, scorecard, table, chart legend
    for actor in records["actors"]:
        if actor["id"] in ("c1", "l1"):
            actor["region"] = "06633"  # next to s1's district: c1-s1 becomes a suggestion (s1 named)
    records["cooperations"].append({"source": "s1", "target": "l1", "type": "project", "since": "2019"})
    return records


@pytest.fixture(scope="module")
def hostile_page() -> str:
    return render_report(analyze(dataset_from(hostile_records()), permutations=0), date=DATE)


# --------------------------------------------------------------------------- the summary as data


def test_summary_findings_match_hand_computed_values(tiny) -> None:
    findings = {f.key: f.values for f in summary_findings(tiny)}
    assert findings["overview"] == {
        "actors": 6,
        "networks": 2,
        "ties": 5,
        "districts": 4,
        "year": 2020,  # the data's last year: s1-s2 (until 2020) is still active
        "ended": 0,
    }
    # net-a (3 members: density 1 by construction) and net-b (1 member: E-I +1 by construction)
    # are both below 5 members: neither is ranked densest or most open
    assert "densest" not in findings and "sparsest" not in findings and "most_open" not in findings
    assert findings["small_networks"] == {"names": ["Netz A", "Netz B"], "size": 5}
    # ties s2-u1, s1-s2, u1-c1 cross districts; s1-u1 and c1-l1 do not: 3 / 5
    assert findings["cross_district"]["share"] == pytest.approx(0.6)
    # both activities lie in districts that a network covers (06631 net-b, 06611 net-a)
    assert "no_white_spots" in findings and "white_spots" not in findings


def test_cut_points_are_the_articulation_points_by_betweenness(tiny) -> None:
    # by hand: removing u1 cuts {s1, s2} from {c1, l1}; removing c1 cuts l1 off
    assert set(nx.articulation_points(tiny.graph)) == {"u1", "c1"}
    # u1 leaves {s1, s2} and {c1, l1}: cuts off 2 of its component's 4 others; c1 cuts off l1
    cut_off = tiny.actors.set_index("id")["cut_off_actors"]
    assert (cut_off["u1"], cut_off["c1"]) == (2, 1)
    findings = {f.key: f.values for f in summary_findings(tiny)}
    assert findings["no_critical_cut_points"] == {"count": 2, "threshold": 5}  # neither cuts off 5


def test_white_spot_is_named_when_no_network_covers_it() -> None:
    records = copy.deepcopy(TINY)
    for network in records["networks"]:
        if network["id"] == "net-b":
            network["regions"] = ""  # 06631 (Fulda) has the activity x1 but no network now
    result = analyze(dataset_from(records), permutations=0)
    findings = {f.key: f.values for f in summary_findings(result)}
    regions = result.regions.set_index("code")
    fulda = regions.loc["06631"]
    spot = findings["white_spots"]
    assert spot["districts"] == ["Fulda"] and spot["population"] == [fulda["population"]]
    assert spot["activities_per_100k"] == [pytest.approx(1 / fulda["population"] * 100_000)]
    assert spot["share"] == pytest.approx(fulda["population"] / regions["population"].sum())
    page = unescape(render_report(result, lang="en", date=DATE))
    population = f"{int(fulda['population']):,}"
    assert (
        f"White spots – districts with MINT activities but no network: Fulda ({population} inhabitants"
        in page
    )
    assert f"Together they are home to {round(100 * spot['share'])}% of the population." in page


def test_summary_sentences_carry_the_numbers(page_de: str, page_en: str) -> None:
    de, en = unescape(page_de), unescape(page_en)
    assert "Zu klein für einen Vergleich (weniger als fünf Mitglieder): Netz A, Netz B." in de
    assert "Too small to compare (fewer than five members): Netz A, Netz B." in en
    assert "dichtesten" not in de and "densest" not in en
    assert "60\u202f% aller Kooperationsbeziehungen" in de
    assert "2 actors link parts of the cooperation graph" in en
    assert "none of them would cut off 5 or more actors if they left." in en


def test_fragile_network_on_the_example() -> None:
    result = analyze(mintgraph.load(ROOT / "data"), permutations=0)
    nets = result.networks[result.networks["level"] == "network"].dropna(subset=["robustness_3"])
    weakest = min(nets.itertuples(), key=lambda n: (n.robustness_3, n.id))
    findings = {f.key: f.values for f in summary_findings(result)}
    assert findings["fragile"]["name"] == weakest.name
    assert findings["fragile"]["robustness"] == pytest.approx(weakest.robustness_3)
    assert findings["fragile"]["connected"] == pytest.approx(weakest.largest_component_share)
    key_actor = result.actors.set_index("id").loc[weakest.key_actor, "name"]
    assert findings["fragile"]["key_actor"] == key_actor
    text = unescape(render_report(result, lang="en", date=DATE))
    assert f"The most fragile network is {weakest.name}: " in text
    assert f"Its key actor is {key_actor.rstrip('.')}." in text and ".." not in text
    # the articulation points are exactly networkx's, counted independently
    assert findings["cut_points"]["count"] == len(set(nx.articulation_points(result.graph)))


def test_finding_is_a_record() -> None:
    assert Finding("x", {"a": 1}).values == {"a": 1}


# --------------------------------------------------------------------------- time series


def test_time_series_by_hand() -> None:
    years, nets = time_series(tiny_dataset())
    assert years["year"].tolist() == list(range(2012, 2021))  # first since 2012, last until 2020
    # s1-u1 2012; s2-u1 2014; (u1-s1 2015 is the same pair); u1-c1 2017; s1-s2 2018-2020; c1-l1 2019
    assert years["ties"].tolist() == [1, 1, 2, 2, 2, 3, 4, 5, 5]
    net_a = nets[nets["id"] == "net-a"]
    # members s1, u1 from 2012, s2 from 2013: 1/1, then 1/3, 2/3 (s2-u1), 3/3 from 2018 (s1-s2)
    assert net_a["density"].tolist() == pytest.approx([1, 1 / 3, 2 / 3, 2 / 3, 2 / 3, 2 / 3, 1, 1, 1])
    assert net_a["members"].tolist() == [2, 3, 3, 3, 3, 3, 3, 3, 3]
    net_b = nets[nets["id"] == "net-b"].set_index("year")
    assert list(net_b.index) == list(range(2016, 2021))  # founded 2016
    assert math.isnan(net_b.loc[2016, "ei_index"]) and net_b.loc[2017, "ei_index"] == 1.0


def test_time_series_without_cooperations_is_empty() -> None:
    ds = tiny_dataset()
    years, nets = time_series(replace(ds, cooperations=ds.cooperations.iloc[0:0]))
    assert years.empty and nets.empty


def test_charts_show_the_series(page_de: str) -> None:
    svgs = re.findall(r"<svg class=\"chart\".*?</svg>", page_de, re.S)
    assert len(svgs) == 4  # ties per year, density, E-I, actor types
    ties = next(s for s in svgs if "Kooperationsbeziehungen je Jahr" in s)
    assert "2012" in ties and "2020" in ties
    types = next(s for s in svgs if "Akteure nach Typ" in s)
    assert "Schule" in types and "#56b4e9" in types.lower()  # the schools' colour of graph.html
    # element ids are unique across the page (each chart has its own prefix)
    ids = re.findall(r'\bid="([^"]+)"', page_de)
    assert len(ids) == len(set(ids))


# --------------------------------------------------------------------------- provenance and date


def test_provenance_counts_by_hand() -> None:
    records = copy.deepcopy(TINY)
    sources = [
        "https://a.example/x",
        "http://b.example",
        "synthetic",
        "synthetic",
        "synthetic",
        "Jahresbericht",
    ]
    for actor, source in zip(records["actors"], sources, strict=True):
        actor["source"] = source
    records["cooperations"][0]["source_ref"] = "https://c.example ; https://d.example"
    records["cooperations"][1]["source_ref"] = "synthetic"
    table = provenance(dataset_from(records)).set_index("table")
    assert table.loc["actors"].to_dict() == {"rows": 6, "url": 2, "synthetic": 3, "other": 1, "empty": 0}
    assert table.loc["cooperations"].to_dict() == {
        "rows": 6,
        "url": 1,
        "synthetic": 1,
        "other": 0,
        "empty": 4,
    }
    assert table.loc["networks", "empty"] == 3
    page = render_report(analyze(dataset_from(records), permutations=0), date=DATE)
    row = lxml_html.fromstring(page).xpath('//tr[@data-table="actors.csv"]/td/text()')
    assert row == ["actors.csv", "6", "2", "3", "1", "0"]


def test_region_attribution_is_in_the_report(tiny, page_de: str) -> None:
    assert "Statistisches Bundesamt (Destatis)" in tiny.dataset.region_source
    assert '<a href="http://www.bkg.bund.de"' in page_de and "Destatis" in page_de


def test_date_from_source_date_epoch(monkeypatch, tiny) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2024, 2, 29, 12, tzinfo=dt.UTC).timestamp())))
    assert report_date() == dt.date(2024, 2, 29)
    assert "29. Februar 2024" in render_report(tiny, lang="de")
    assert "29 February 2024" in render_report(tiny, lang="en")
    assert "1. Dezember 2026" in render_report(tiny, lang="de", date=DATE)  # an explicit date wins
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert report_date() == dt.date.today()


def test_format_date() -> None:
    assert format_date(dt.date(2025, 10, 3), "de") == "3. Oktober 2025"
    assert format_date(dt.date(2025, 10, 3), "en") == "3 October 2025"


# --------------------------------------------------------------------------- sections


def test_scorecard_lists_every_plus_with_linked_definitions(tiny, page_de: str) -> None:
    doc = lxml_html.fromstring(page_de)
    rows = doc.xpath('//table[@class="scorecard"]/tbody/tr')
    assert {r.get("data-plus") for r in rows} == {p.id for p in PLUS}
    header = [th.text_content() for th in doc.xpath('//table[@class="scorecard"]/thead/tr/th')]
    assert header[2:] == ["Hessen", "Dach (klein)", "Netz A (klein)", "Netz B (klein)"]
    density = doc.xpath('//tr[@data-plus="cooperation"][td/a[@href="#def-density"]]/td[@class="num"]/text()')
    # Hessen: 5 ties among 6 actors = 5/15; umbrella 4/6; net-a 1; net-b undefined
    assert density == ["0,333", "0,667", "1", "–"]
    links = {a.get("href")[1:] for a in doc.xpath("//a[starts-with(@href, '#')]")}
    ids = set(doc.xpath("//@id"))
    assert links <= ids  # every in-page link has its target
    assert {f"def-{i}" for i in GLOSSARY} <= ids
    assert t("report_def_density", "de") in unescape(page_de)


def test_comparison_table_sort_keys_are_the_numbers(tiny, page_de: str) -> None:
    doc = lxml_html.fromstring(page_de)
    header = doc.xpath('//table[@id="comparison-table"]/thead/tr/th/@data-key')
    rows = doc.xpath('//table[@id="comparison-table"]/tbody/tr')
    assert [r.xpath("td[1]/text()")[0] for r in rows] == ["Dach (klein)", "Netz A (klein)", "Netz B (klein)"]
    net_a = {k: c for k, c in zip(header, rows[1].xpath("td")[2:], strict=True)}
    assert float(net_a["density"].get("data-sort")) == 1.0
    assert float(net_a["ei_index"].get("data-sort")) == -0.5
    assert net_a["members"].text == "3"
    assert rows[2].xpath("td")[2 + header.index("density")].get("data-sort") == ""  # missing sorts last


def test_map_has_every_district_and_the_mint_marks(tiny, page_de: str) -> None:
    doc = lxml_html.fromstring(page_de)
    for key in ("actors", "coverage"):
        assert len(doc.xpath(f'//figure[@id="map-{key}"]//path[@class="district"]')) == 26
        assert len(doc.xpath(f'//figure[@id="map-{key}"]//path[@class="mint"]')) == 10  # the seed's ten
    # ties between districts on tiny: 06611-06633 (s2-u1, s1-s2), 06611-06631 (u1-c1)
    assert len(doc.xpath('//figure[@id="map-actors"]//path[@class="tie"]')) == 2


def test_map_without_boundaries_says_so(tiny) -> None:
    page = render_report(replace(tiny, dataset=replace(tiny.dataset, boundaries=None)), lang="en", date=DATE)
    assert t("report_map_none", "en") in page and 'class="district"' not in page


def test_suggestions_show_reasons_in_words(page_en: str) -> None:
    doc = lxml_html.fromstring(page_en)
    # tiny: every unlinked pair shares one partner only, so nothing is suggested
    assert not doc.xpath('//table[@class="suggestions"]') and t("report_sugg_none", "en") in unescape(page_en)
    assert doc.xpath('//section[@id="suggestions"]//a[@href="#method-suggestions"]')
    assert doc.xpath('//p[@id="method-suggestions"]')
    records = copy.deepcopy(TINY)
    for actor in records["actors"]:
        if actor["id"] in ("c1", "l1"):
            actor["region"] = "06633"
    records["cooperations"].append({"source": "s1", "target": "l1", "type": "project", "since": "2019"})
    page = render_report(analyze(dataset_from(records), permutations=0), lang="en", date=DATE)
    first = lxml_html.fromstring(page).xpath('//table[@class="suggestions"]/tbody/tr')[0].xpath("td")
    # c1 (Firma, 06633) and s1 (Schule Eins, 06611): common partners u1 and l1
    assert {first[0].xpath("text()")[0], first[1].xpath("text()")[0]} == {"Firma", "Schule Eins"}
    assert first[2].text == "2"
    assert first[3].xpath(".//li/text()") == [
        t("report_reason_neighbouring_district", "en"),
        t("report_reason_different_network", "en"),
        t("report_reason_school_outside", "en"),
    ]


def test_languages(page_de: str, page_en: str) -> None:
    assert '<html lang="de">' in page_de and '<html lang="en">' in page_en
    for key in ("report_title", "report_sec_summary", "report_sec_scorecard", "report_sec_provenance"):
        assert unescape(t(key, "de")) in unescape(page_de) and unescape(t(key, "en")) in unescape(page_en)
    assert "Koordination und Verzahnung vorhandener Angebote" in page_de
    assert "Coordinating existing offers" in page_en and "Koordination und Verzahnung" not in page_en
    with pytest.raises(ValueError, match="unknown language"):
        render_report(analyze(tiny_dataset(), permutations=0), lang="fr")


# --------------------------------------------------------------------------- safety


def test_hostile_names_are_text_everywhere(hostile_page: str) -> None:
    assert SCRIPT not in hostile_page and "<i>kursiv" not in hostile_page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile_page
    doc = lxml_html.fromstring(hostile_page)
    assert len(doc.xpath("//script")) == 1 and not doc.xpath("//i")  # only the sort script
    text = doc.text_content()
    assert SCRIPT in text and NET_NAME in text and "Uni & Co \"'" in text
    # the name reaches every section that shows it: summary, table, scorecard header, chart legend
    assert NET_NAME in doc.xpath('//section[@id="summary"]')[0].text_content()
    assert NET_NAME in doc.xpath('//table[@id="comparison-table"]')[0].text_content()
    assert NET_NAME in doc.xpath('//table[@class="scorecard"]/thead')[0].text_content()
    charts = re.findall(r"<svg class=\"chart\".*?</svg>", hostile_page, re.S)
    assert any(
        "Netz &amp; &quot;Partner&quot; &lt;i&gt;kursiv&lt;/i&gt;" in c
        or 'Netz &amp; "Partner" &lt;i&gt;kursiv&lt;/i&gt;' in c
        for c in charts
    )
    assert SCRIPT in doc.xpath('//table[@class="suggestions"]')[0].text_content()


def test_hostile_district_names_in_the_maps(tiny) -> None:
    ds = tiny.dataset
    regions = ds.regions.assign(name=ds.regions["name"].where(ds.regions["code"] != "06611", SCRIPT))
    result = analyze(replace(ds, regions=regions), permutations=0)
    page = render_report(result, date=DATE)
    assert SCRIPT not in page
    doc = lxml_html.fromstring(page)
    titles = doc.xpath('//figure[@id="map-actors"]//path[@data-code="06611"]/title/text()')
    labels = doc.xpath('//figure[@id="map-coverage"]//text[@class="label"]/text()')
    assert titles == [SCRIPT] and SCRIPT in labels
    assert len(doc.xpath("//script")) == 1


def test_no_personal_data(hostile_page: str) -> None:
    for value in ("Erika", "Mustermann", "erika@example.org", "12345"):
        assert value not in hostile_page


def test_nothing_is_loaded_from_elsewhere(page_de: str) -> None:
    doc = lxml_html.fromstring(page_de)
    assert not doc.xpath("//@src") and not doc.xpath("//link") and not doc.xpath("//iframe|//img|//object")
    external = [
        (el.tag, el.get("href")) for el in doc.xpath("//*[@href]") if re.match(r"https?:", el.get("href"))
    ]
    assert external and all(tag == "a" for tag, _ in external)  # plain links to sources only
    assert not re.search(r"url\(\s*['\"]?https?:|@import|xlink:href=\"https?:", page_de)


def test_print_css(page_de: str) -> None:
    assert "@page {\n    size: A4" in page_de and "@media print" in page_de
    assert 'content: "Seite " counter(page) " / " counter(pages)' in page_de  # page numbers
    css = page_de[page_de.index("@media print") :]
    assert "break-inside: avoid" in css and ".no-print" in css


# --------------------------------------------------------------------------- reproducibility


def test_same_input_same_bytes(tiny, page_de: str) -> None:
    assert render_report(analyze(tiny_dataset(), permutations=0), lang="de", date=DATE) == page_de


# --------------------------------------------------------------------------- CLI


def test_cli_report_writes_the_page(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    data = write_tables(tmp_path / "data", TINY)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["report", str(data), "-o", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["metrics.xlsx", "report.html"]
    assert "wrote: report.html, metrics.xlsx" in result.output
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "generated on 1 January 1970" in page and "cooperations active in 2020" in page
    from openpyxl import load_workbook

    book = load_workbook(out / "metrics.xlsx")
    networks = {row[0].value: row for row in book["networks"].iter_rows(min_row=2)}
    header = [c.value for c in book["networks"][1]]
    assert networks["net-a"][header.index("density")].value == 1  # by hand: 3 ties among 3 members


def test_cli_report_bad_data_is_one_line_exit_1(tmp_path: Path) -> None:
    records = copy.deepcopy(TINY)
    records["cooperations"][0]["target"] = "nobody"
    data = write_tables(tmp_path / "data", records)
    result = CliRunner().invoke(cli, ["report", str(data), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and len(result.output.strip().splitlines()) == 1
    assert "nobody" in result.output and not (tmp_path / "out").exists()


def test_district_names_on_the_coverage_map_do_not_overlap() -> None:
    """Every district is labelled, and no two names' boxes (estimated from the font size) overlap."""
    import re

    from mintgraph.views.report_html import MAP_LABEL_FONT

    result = analyze(mintgraph.load(ROOT / "data"), permutations=0)
    page = render_report(result, lang="de", date=DATE)
    labels = re.findall(
        r'<text class="label" x="([\d.-]+)" y="([\d.-]+)" text-anchor="(\w+)">([^<]+)</text>', page
    )
    assert len(labels) == 26
    boxes = []
    for x, y, anchor, name in labels:
        w = 0.55 * MAP_LABEL_FONT * len(unescape(name))
        x0 = float(x) - {"middle": w / 2, "start": 0, "end": w}[anchor]
        boxes.append((unescape(name), x0, float(y) - 0.75 * MAP_LABEL_FONT, x0 + w, float(y)))
    overlaps = [
        (a[0], b[0])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if min(a[3], b[3]) > max(a[1], b[1]) and min(a[4], b[4]) > max(a[2], b[2])
    ]
    assert overlaps == []


# --------------------------------------------------------------------------- what the data carries


@pytest.fixture(scope="module")
def example():
    return analyze(mintgraph.load(ROOT / "data"))


def test_network_provenance_counts_synthetic_rows_by_hand() -> None:
    records = copy.deepcopy(TINY)
    # net-a = {s1, s2, u1}: its rows are s1-u1 (2 rows), s2-u1, s1-s2 and u1-c1; mark two synthetic
    records["cooperations"][0]["source_ref"] = "synthetic"  # s1-u1
    records["cooperations"][4]["source_ref"] = "synthetic"  # u1-c1
    records["cooperations"][2]["source_ref"] = "https://example.org/s2-u1"
    result = analyze(dataset_from(records), permutations=0)
    table = network_provenance(result).set_index("id")
    assert table.loc[
        "net-a", ["cooperations", "synthetic_cooperations", "sourced_cooperations"]
    ].tolist() == [
        5,
        2,
        1,
    ]
    assert table.loc["net-a", "synthetic_share"] == pytest.approx(2 / 5)
    # net-b = {c1}: u1-c1 (synthetic) and c1-l1
    assert table.loc["net-b", "synthetic_share"] == pytest.approx(1 / 2)
    page = unescape(render_report(result, lang="en", date=DATE))
    assert t("report_example_banner_title", "en") in page
    assert "Netz A: 40%" in page and "Netz B: 50%" in page


def test_no_banner_without_synthetic_rows(page_en: str) -> None:
    assert t("report_example_banner_title", "en") not in page_en and "@bottom-left" not in page_en


def test_no_organisation_is_named_unmarked_on_synthetic_rows(example) -> None:
    doc = lxml_html.fromstring(render_report(example, lang="de", date=DATE))
    index = ProvenanceIndex(example.dataset)
    members = network_members(example.dataset)
    networks = dict(zip(example.networks["name"], example.networks["id"], strict=True))
    actors = dict(zip(example.actors["name"], example.actors["id"], strict=True))
    items = doc.xpath('//ul[@class="summary"]/li') + doc.xpath('//ul[@class="options"]/li')
    assert items
    for item in items:
        text = item.text_content()
        named_networks = [n for n in networks if n in text]
        named_actors = [a for a in actors if a in text and a not in named_networks]
        on_example = any(index.network(members[networks[n]]) for n in named_networks) or any(
            index.actor(actors[a]) for a in named_actors
        )
        if on_example and not text.startswith("Zu klein"):
            assert item.get("class") == "example" and text.startswith("Beispiel"), text
        for name in named_actors:
            if index.fictional(actors[name]):
                assert f"{name} (fiktiv)" in text, (name, text)


def test_every_map_has_the_bkg_credit_under_it(example) -> None:
    doc = lxml_html.fromstring(render_report(example, lang="de", date=DATE))
    figures = doc.xpath('//figure[starts-with(@id, "map-")]')
    assert len(figures) == 2
    for figure in figures:
        credit = figure.xpath('p[@class="credit"]')
        assert len(credit) == 1 and "GeoBasis-DE / BKG" in credit[0].text_content()


def test_data_status_is_the_data_year_not_the_print_date(example) -> None:
    page = render_report(example, lang="de", date=DATE)
    doc = lxml_html.fromstring(page)
    status = doc.xpath('//span[@class="status"]')[0]
    assert status.get("data-year") == "2026" == str(example.summary["reference_year"])
    assert "Datenstand: Kooperationen, die 2026 bestanden · erstellt am 1. Dezember 2026" in unescape(page)


def test_district_pairs_match_a_count_over_the_graph(example) -> None:
    region = example.actors.set_index("id")["region"]
    counts: dict[tuple[str, str], int] = {}
    for u, v in example.graph.edges():
        a, b = sorted((region[u], region[v]))
        if a != b:
            counts[(a, b)] = counts.get((a, b), 0) + 1
    table = district_pairs(example, top=5)
    expected = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:5]
    assert [((r.district_a, r.district_b), r.ties) for r in table.itertuples()] == expected
    doc = lxml_html.fromstring(render_report(example, lang="de", date=DATE))
    pairs = [td.text_content() for td in doc.xpath('//table[@class="district-pairs"]/tbody/tr/td[1]')]
    assert "Kassel (Stadt) – Kassel (Landkreis)" in pairs  # the two Kassels are told apart


def test_options_for_funders_rest_on_the_numbers(example) -> None:
    options = {o.key: o.values for o in funding_options(example)}
    regions = example.regions
    white = regions[regions["white_spot"].astype(bool)]
    biggest = white.sort_values("population", ascending=False).iloc[0]
    assert options["option_white_spot"]["name"] == biggest["name"]
    nets = example.networks[(example.networks["level"] == "network") & ~example.networks["small_network"]]
    weakest = nets.sort_values(["school_outofschool_share", "id"]).iloc[0]
    assert options["option_school"]["name"] == weakest["name"]
    critical = example.actors[example.actors["cut_off_actors"] >= 5]
    assert options["option_cut_point"]["cut_off"] == critical["cut_off_actors"].max()
    page = unescape(render_report(example, lang="en", date=DATE))
    assert page.count("Caveat:") == len(options) and 3 <= len(options) <= 5


def test_suggested_contacts_mark_fictional_actors(example) -> None:
    doc = lxml_html.fromstring(render_report(example, lang="de", date=DATE))
    index = ProvenanceIndex(example.dataset)
    names = dict(zip(example.actors["name"], example.actors["id"], strict=True))
    cells = doc.xpath('//table[@class="suggestions"]/tbody/tr/td[position() <= 2]')
    assert cells
    for cell in cells:
        shown = cell.xpath("text()")[0]
        name = shown.removesuffix(" (fiktiv)")
        assert (shown != name) == index.fictional(names[name]), shown
