"""compare.html in headless Chromium: offline, both pictures drawn in one layout, toggle, hostile names as text."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from click.testing import CliRunner

import mintgraph
from mintgraph.cli import cli
from mintgraph.compare import compare_years
from mintgraph.export_compare import write_comparison
from mintgraph.testing import TINY
from mintgraph.validate import check_records

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
IMG_XSS = '<img src=x onerror="window.__xss=1">'
SCRIPT_BREAKER = "</script><script>window.__xss=2;alert(1)</script>"

DRAWN = """() => {
  const side = (s) => ({
    nodes: Object.fromEntries([...document.querySelectorAll(`#svg-${s} circle.node`)].map(
      (c) => [c.dataset.id, [c.getAttribute("cx"), c.getAttribute("cy"), c.getBoundingClientRect().width > 0]])),
    ties: [...document.querySelectorAll(`#svg-${s} line.tie`)].map((l) => l.dataset.status),
    marked: document.querySelectorAll(`#svg-${s} circle.node.marked`).length,
  });
  return { before: side("before"), after: side("after") };
}"""


@pytest.fixture(scope="module")
def example_page(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("compare-browser")
    result = CliRunner().invoke(
        cli, ["compare", "--from", "2019", "--to", "2024", str(ROOT / "data"), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    headline = compare_years(mintgraph.load(ROOT / "data"), 2019, 2024).headline
    return out / "compare.html", headline


def test_both_pictures_draw_every_actor_and_tie_offline(open_offline, example_page):
    path, h = example_page
    view = open_offline(path)
    drawn = view.page.evaluate(DRAWN)
    assert len(drawn["before"]["nodes"]) == h["actors_before"]
    assert len(drawn["after"]["nodes"]) == h["actors_after"]
    assert len(drawn["before"]["ties"]) == h["ties_before"] and len(drawn["after"]["ties"]) == h["ties_after"]
    assert drawn["after"]["ties"].count("new") == h["new_ties"] and "new" not in drawn["before"]["ties"]
    assert drawn["before"]["ties"].count("lost") == h["lost_ties"] and "lost" not in drawn["after"]["ties"]
    assert drawn["after"]["marked"] == h["newcomers"]
    assert all(visible for *_, visible in drawn["before"]["nodes"].values())
    assert view.blocked == [] and view.errors == [] and view.dialogs == []


def test_an_actor_sits_on_the_same_spot_in_both_pictures(open_offline, example_page):
    path, _ = example_page
    drawn = open_offline(path).page.evaluate(DRAWN)
    before, after = drawn["before"]["nodes"], drawn["after"]["nodes"]
    common = set(before) & set(after)
    assert len(common) == len(before)  # nobody leaves within one dataset
    assert all(before[a][:2] == after[a][:2] for a in common)
    # and the same spot on screen: the pictures have the same size, so the offsets are equal
    offsets = open_offline(path).page.evaluate(
        """(id) => ["before", "after"].map((s) => {
             const svg = document.getElementById(`svg-${s}`).getBoundingClientRect();
             const c = document.querySelector(`#svg-${s} circle[data-id="${id}"]`).getBoundingClientRect();
             return [Math.round(c.x - svg.x), Math.round(c.y - svg.y)];
           })""",
        sorted(common)[0],
    )
    assert offsets[0] == offsets[1]


def test_toggle_shows_one_picture_or_both(open_offline, example_page):
    path, _ = example_page
    page = open_offline(path).page

    def visible() -> list[bool]:
        return page.evaluate(
            """() => ["before", "after"].map((s) => document.querySelector(`figure.${s}`).offsetWidth > 0)"""
        )

    assert visible() == [True, True]
    page.click('#view-switch button[data-view="after"]')
    assert visible() == [False, True]
    assert page.get_attribute('#view-switch button[data-view="after"]', "aria-pressed") == "true"
    page.click('#view-switch button[data-view="before"]')
    assert visible() == [True, False]
    page.click('#view-switch button[data-view="both"]')
    assert visible() == [True, True]


def test_hostile_names_show_as_text(open_offline, tmp_path: Path):
    records = copy.deepcopy(TINY)
    records["actors"][3] = {**records["actors"][3], "name": IMG_XSS}  # c1, a newcomer by 2019
    records["actors"][4] = {**records["actors"][4], "name": SCRIPT_BREAKER}  # l1
    records["networks"][2] = {**records["networks"][2], "name": SCRIPT_BREAKER}
    report = check_records(records)
    assert report.dataset is not None, report.errors
    write_comparison(compare_years(report.dataset, 2014, 2019), tmp_path, lang="en")
    view = open_offline(tmp_path / "compare.html")
    page = view.page
    assert page.evaluate("() => window.__xss") is None and view.dialogs == [] and view.errors == []
    labels = page.evaluate(
        "() => [...document.querySelectorAll('#svg-after text.label')].map((t) => t.textContent)"
    )
    assert IMG_XSS in labels and SCRIPT_BREAKER in labels
    tips = page.evaluate(
        "() => [...document.querySelectorAll('#svg-after circle.node title')].map((t) => t.textContent)"
    )
    assert f"{IMG_XSS} (Company)" in tips
    headings = page.evaluate(
        "() => [...document.querySelectorAll('section.network h3')].map((h) => h.textContent)"
    )
    assert any(h.startswith(SCRIPT_BREAKER) for h in headings)
    assert page.evaluate("() => document.querySelectorAll('img').length") == 0
    assert view.blocked == []


COLOURS = """() => Object.fromEntries(["better", "worse", "neutral"].map((v) => {
  const cell = document.querySelector(`td[data-verdict="${v}"]`);
  const style = getComputedStyle(cell);
  return [v, [style.color, style.backgroundColor]];
}))"""


@pytest.mark.parametrize("lang", ["de", "en"])
def test_labelled_page_renders_without_console_errors(open_offline, tmp_path: Path, lang: str):
    change = compare_years(mintgraph.load(ROOT / "data"), 2019, 2024)
    write_comparison(change, tmp_path, lang=lang)
    view = open_offline(tmp_path / "compare.html")
    page = view.page
    assert view.errors == [] and view.blocked == [] and view.dialogs == []
    text = page.evaluate("() => document.body.innerText")  # what a reader sees, tooltips excluded
    for name in ("ei_regions", "ari_all", "ties_inside", "isolated_actors", "largest_component_share"):
        assert name not in text
    for ident in ("mint-regionen", "mint-se", "mintmit"):
        assert ident not in text
    headings = page.evaluate("() => [...document.querySelectorAll('section.network h3')].map((h) => h.title)")
    assert "mint-regionen" in headings  # the id stays in the tooltip
    assert (
        "Netzwerke: die größten Veränderungen" if lang == "de" else "Networks: the biggest changes"
    ) in text
    # MINT-Regionen: components 41 → 17 is green (better); grey cells have no background
    cell = page.locator('section[data-id="mint-regionen"] tr[data-indicator="components"] td[data-verdict]')
    assert cell.get_attribute("data-verdict") == "better" and cell.inner_text() == "-24"
    colours = page.evaluate(COLOURS)
    assert colours["better"] == ["rgb(30, 110, 52)", "rgb(230, 244, 234)"]
    assert colours["worse"] == ["rgb(178, 31, 31)", "rgb(253, 236, 234)"]
    assert colours["neutral"] == ["rgb(85, 85, 85)", "rgba(0, 0, 0, 0)"]
    legend = page.evaluate("() => document.getElementById('direction-legend').innerText")
    words = ["besser", "schlechter", "ohne Richtung"] if lang == "de" else ["better", "worse", "no direction"]
    assert legend.split("\n") == words
