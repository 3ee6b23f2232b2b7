"""report.html of the example in headless Chromium: offline, map, scorecard, charts, sorting, and
printed to an A4 PDF that is readable (text, page count, not blank)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import mintgraph
from mintgraph.i18n import t

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def report_file(tmp_path_factory) -> Path:
    result = mintgraph.analyze(mintgraph.load(ROOT / "data"))
    return mintgraph.write_report(
        result, tmp_path_factory.mktemp("report"), lang="de", date=dt.date(2026, 12, 1)
    )


@pytest.fixture
def report(open_offline, report_file: Path):
    opened = open_offline(report_file)
    yield opened
    assert not opened.blocked, opened.blocked
    assert not opened.errors, opened.errors
    assert not opened.dialogs


def test_sections_map_scorecard_charts(report) -> None:
    page = report.page
    assert page.locator("#map-actors svg.map path.district").count() == 26
    assert page.locator("#map-coverage svg.map path.district").count() == 26
    assert page.locator("#map-actors path.tie").count() > 10
    assert page.locator("table.scorecard tbody tr").count() >= 20
    assert page.locator("svg.chart").count() == 4
    assert page.locator("table.suggestions tbody tr").count() == 20
    for section in ("summary", "comparison", "scorecard", "trends", "types", "map", "suggestions", "method"):
        assert page.locator(f"section#{section} h2").is_visible()
    # the charts are drawn at a readable size
    box = page.locator("#trends svg.chart").first.bounding_box()
    assert box is not None and box["width"] > 500 and box["height"] > 150


def test_effects_section_shows_every_row_with_its_interval(report) -> None:
    page = report.page
    assert page.locator("section#effects h2").inner_text() == "Was bringt das Netzwerk?"
    effects = mintgraph.analyze(mintgraph.load(ROOT / "data")).effects
    rows = page.locator("#effects-table tbody tr")
    assert rows.count() == len(effects)
    # the first row of the first network: its difference with the interval, in German number format
    first = effects.iloc[0]
    cells = rows.first.locator("td").all_inner_texts()
    assert cells[0].endswith(first["network_name"])
    low = f"{first['ci_low']:.2g}".replace(".", ",")
    assert f"({low} …" in cells[6]
    # the section is reached from the table of contents and says it shows associations
    page.locator("nav.toc a[href='#effects']").click()
    assert page.locator("section#effects .caveat-box").is_visible()
    assert "keine Wirkungen" in page.locator("section#effects .caveat-box").inner_text()


def _column(page, key: str) -> list[str]:
    index = page.evaluate(
        "key => [...document.querySelectorAll('#comparison-table thead th')]"
        ".findIndex(th => th.dataset.key === key)",
        key,
    )
    return page.evaluate(
        "i => [...document.querySelectorAll('#comparison-table tbody tr')]"
        ".map(tr => tr.cells[i].getAttribute('data-sort'))",
        index,
    )


def test_sorting_the_comparison_table(report) -> None:
    page = report.page
    before = _column(page, "density")
    header = page.locator('#comparison-table th[data-key="density"] .sort')
    header.click()
    ascending = _column(page, "density")
    numbers = [float(v) for v in ascending if v]
    assert sorted(before) == sorted(ascending)  # the same rows, reordered
    assert numbers == sorted(numbers) and all(ascending[: len(numbers)])  # empties last
    assert page.locator('#comparison-table th[data-key="density"]').get_attribute("aria-sort") == "ascending"
    header.click()
    descending = [float(v) for v in _column(page, "density") if v]
    assert descending == sorted(numbers, reverse=True)
    # the name column sorts as text
    page.locator("#comparison-table thead th").first.locator(".sort").click()
    names = page.evaluate(
        "[...document.querySelectorAll('#comparison-table tbody tr')].map(r => r.cells[0].textContent)"
    )
    assert names == sorted(names, key=lambda n: n.casefold())


def test_printed_to_a4_pdf_is_readable(report, tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    page = report.page
    page.emulate_media(media="print")
    assert page.locator(".print-hint").is_hidden()  # no interactive hints on paper
    arrow = page.evaluate(
        "getComputedStyle(document.querySelector('#comparison-table .sort'), '::after').content"
    )
    assert arrow in ("none", "normal", "")
    pdf_path = tmp_path / "report.pdf"
    page.pdf(path=str(pdf_path), format="A4", print_background=True)
    document = pdfium.PdfDocument(str(pdf_path))
    try:
        pages = len(document)
        assert 5 <= pages <= 20
        width, height = document[0].get_size()
        assert width == pytest.approx(595.3, abs=1.5) and height == pytest.approx(841.9, abs=1.5)  # A4 in pt
        text = "\n".join(document[i].get_textpage().get_text_range() for i in range(pages))
        first = document[0].get_textpage().get_text_range()
        assert t("report_title", "de") in first and "1. Dezember 2026" in first
        flat = text.replace("\r", "").replace("\n", " ")
        for key in (
            "report_sec_summary",
            "report_sec_comparison",
            "report_sec_trends",
            "report_sec_map",
            "report_sec_suggestions",
            "report_sec_method",
            "report_sec_provenance",
        ):
            assert t(key, "de") in flat, key
        for index in (0, pages // 2):
            image = document[index].render(scale=1.0).to_pil().convert("L")
            histogram = image.histogram()
            total = image.width * image.height
            dark = sum(histogram[:128]) / total
            assert 0.005 < dark < 0.5, (index, dark)  # text and lines, not blank and not black
            image.save(tmp_path / f"page{index + 1}.png")
    finally:
        document.close()


def test_printed_pages_carry_the_example_banner_footer_and_page_numbers(report, tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    page = report.page
    page.emulate_media(media="print")
    pdf_path = tmp_path / "report.pdf"
    page.pdf(path=str(pdf_path), format="A4", print_background=True)
    document = pdfium.PdfDocument(str(pdf_path))
    try:
        pages = len(document)
        texts = [document[i].get_textpage().get_text_range().replace("\r", "") for i in range(pages)]
    finally:
        document.close()
    first = " ".join(texts[0].split())
    assert t("report_example_banner_title", "de") in first  # the banner is on page 1
    assert "99 % der 1.190 Kooperationen" in first.replace("\u202f", " ")
    for number, text in enumerate(texts, start=1):
        flat = " ".join(text.split()).replace("\u202f", " ")
        assert f"Seite {number} / {pages}" in flat, number  # page numbers
        assert "Beispieldaten: 99 % der Kooperationen synthetisch" in flat, number  # footer on every page
