"""Statements a funder can trust: a tiny network is never named best, densest or most open.

A landscape with a one-member network ("Solo-Netz": E-I +1 by construction) and a two-member
network ("Paar-Netz": its two members are tied, density 1 by construction) beside a network of
six members ("Großes Netz"). Neither small network may be named in the terminal, the scorecard
lines or the report's summary; both are marked small in networks.csv and scorecard.csv.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from mintgraph.analysis import analyze
from mintgraph.cli import cli
from mintgraph.testing import write_tables
from mintgraph.validate import check_records

SMALL_NAMES = ("Solo-Netz", "Paar-Netz")


def _actor(i: int, kind: str, region: str) -> dict[str, str]:
    return {"id": f"a{i}", "name": f"Akteur {i}", "type": kind, "region": region}


RECORDS = {
    "actors": [
        _actor(1, "school", "06611"),
        _actor(2, "university", "06611"),
        _actor(3, "company", "06611"),
        _actor(4, "school", "06633"),
        _actor(5, "association", "06633"),
        _actor(6, "student_lab", "06633"),
        _actor(7, "school", "06631"),
        _actor(8, "company", "06631"),
        _actor(9, "museum", "06631"),
        _actor(10, "school", "06631"),
    ],
    "networks": [
        {"id": "gross", "name": "Großes Netz", "founded": "2015", "regions": "06611|06633"},
        {"id": "solo", "name": "Solo-Netz", "founded": "2016", "regions": "06631"},
        {"id": "paar", "name": "Paar-Netz", "founded": "2017", "regions": "06631"},
    ],
    "memberships": [
        *(
            {"actor_id": f"a{i}", "network_id": "gross", "role": "member", "since": "2015"}
            for i in range(1, 7)
        ),
        {"actor_id": "a7", "network_id": "solo", "role": "coordinator", "since": "2016"},
        {"actor_id": "a8", "network_id": "paar", "role": "member", "since": "2017"},
        {"actor_id": "a9", "network_id": "paar", "role": "member", "since": "2017"},
    ],
    "cooperations": [
        {"source": s, "target": t, "type": "project", "since": "2018"}
        for s, t in [
            ("a1", "a2"),
            ("a2", "a3"),
            ("a3", "a4"),
            ("a4", "a5"),
            ("a5", "a6"),
            ("a1", "a4"),
            ("a2", "a7"),
            ("a7", "a10"),
            ("a8", "a9"),
            ("a9", "a6"),
            ("a10", "a3"),
        ]
    ],
}


@pytest.fixture(scope="module")
def result():
    report = check_records(RECORDS)
    assert report.dataset is not None, report.errors
    return analyze(report.dataset, permutations=199)


def test_the_small_networks_reach_the_extremes_by_construction(result):
    nets = result.networks.set_index("id")
    assert nets.loc["solo", "ei_index"] == 1.0  # one member: every tie is external
    assert nets.loc["paar", "density"] == 1.0  # two tied members
    assert nets["density"].idxmax() == "paar" and nets["ei_index"].idxmax() == "solo"
    assert nets["small_network"].to_dict() == {"gross": False, "solo": True, "paar": True}
    card = result.scorecard
    assert set(card.loc[card["small_network"].astype(bool), "scope"]) == {"solo", "paar"}


def test_the_terminal_names_neither_small_network_as_best(tmp_path: Path):
    data = write_tables(tmp_path / "data", RECORDS)
    run = CliRunner().invoke(cli, ["analyze", "--lang", "en", str(data), "-o", str(tmp_path / "out")])
    assert run.exit_code == 0, run.output
    lines = run.output.splitlines()
    small_line = [line for line in lines if "small networks" in line]
    assert small_line == ["  small networks (fewer than 5 members, not ranked): Solo-Netz, Paar-Netz"]
    for line in lines:
        if line in small_line:
            continue
        assert not any(name in line for name in SMALL_NAMES), line
    assert any("densest network of 5+ members: Großes Netz" in line for line in lines)
    networks = pd.read_csv(tmp_path / "out" / "networks.csv").set_index("id")
    assert networks["small_network"].to_dict() == {"gross": False, "solo": True, "paar": True}


def test_the_report_names_neither_small_network_as_best(result):
    from html import unescape

    from lxml import html as lxml_html

    from mintgraph.views.report_html import render_report

    for lang, too_small in (("de", "Zu klein für einen Vergleich"), ("en", "Too small to compare")):
        doc = lxml_html.fromstring(render_report(result, lang=lang))
        sentences = [unescape(li.text_content()) for li in doc.xpath('//ul[@class="summary"]/li')]
        small = [s for s in sentences if any(name in s for name in SMALL_NAMES)]
        assert len(small) == 1 and small[0].startswith(too_small), small
        assert "Solo-Netz, Paar-Netz" in small[0]
        assert any("Großes Netz" in s for s in sentences)
        options = [li.text_content() for li in doc.xpath('//ul[@class="options"]/li')]
        assert not any(name in o for o in options for name in SMALL_NAMES)
        headers = [th.text_content() for th in doc.xpath('//table[@class="scorecard"]/thead/tr/th')]
        mark = "(klein)" if lang == "de" else "(small)"
        assert f"Solo-Netz {mark}" in headers and f"Paar-Netz {mark}" in headers


def test_the_terminal_marks_named_claims_on_example_data():
    import mintgraph
    from mintgraph.export import summary_text

    example = mintgraph.analyze(mintgraph.load(Path(__file__).resolve().parents[1] / "data"), permutations=0)
    lines = summary_text(example).splitlines()
    broker = next(line for line in lines if line.startswith("strongest broker"))
    top = example.actors.sort_values(["betweenness", "id"], ascending=[False, True]).iloc[0]
    source = example.dataset.actors.set_index("id").loc[top["id"], "source"]
    assert broker.endswith("[fictional example actor]") == (source == "synthetic")
    assert next(line for line in lines if line.startswith("densest")).endswith("[example data]")
    assert any(line.startswith("example data: 99% of the 1,190 cooperation rows") for line in lines)
    # sourced rows only (no row is marked synthetic): no mark at all
    report = check_records(RECORDS)
    assert report.dataset is not None
    plain = summary_text(analyze(report.dataset, permutations=0))
    assert "example" not in plain and "fictional" not in plain
