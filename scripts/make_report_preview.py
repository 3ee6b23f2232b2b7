"""Print the example's report.html to PDF in headless Chromium and save page 1 as a PNG for the README.

Usage: ``python scripts/make_report_preview.py`` — runs ``mintgraph report`` on ``data/`` into a
temporary folder (date fixed by ``SOURCE_DATE_EPOCH`` if set), prints ``report.html`` to an A4
PDF with Playwright (network blocked) and writes page 1, rendered by pypdfium2, to
``docs/img/report.png``. ``--pdf PATH`` also keeps the PDF.

Example
-------
>>> from scripts.make_report_preview import print_pdf, page_png  # doctest: +SKIP
>>> print_pdf("output/report.html", "/tmp/report.pdf")             # doctest: +SKIP
>>> page_png("/tmp/report.pdf", 0, "/tmp/page1.png")              # doctest: +SKIP
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from screenshot import offline_page  # noqa: E402

PDF_OPTIONS = {"format": "A4", "print_background": True, "prefer_css_page_size": True}
"""Options of Playwright's ``page.pdf``: A4 as the report's ``@page`` rule says, with colours."""


def pdf_from_page(page, out: str | Path) -> Path:  # type: ignore[no-untyped-def]
    """Print an open Playwright page to an A4 PDF at ``out`` (print media, backgrounds kept)."""
    out_path = Path(out)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    page.emulate_media(media="print")
    page.pdf(path=str(out_path), **PDF_OPTIONS)
    return out_path


def print_pdf(html: str | Path, out: str | Path) -> Path:
    """Open ``html`` offline in headless Chromium and print it to an A4 PDF at ``out``.

    Raises :class:`RuntimeError` if the page tried to load anything besides itself or logged an error.
    """
    with offline_page(html) as page:
        path = pdf_from_page(page, out)
    return path


def page_png(pdf: str | Path, index: int, out: str | Path, *, scale: float = 1.5) -> Path:
    """Render page ``index`` (0-based) of ``pdf`` to a PNG at ``out`` (``scale`` × 72 dpi)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        image = document[index].render(scale=scale).to_pil()
        out_path = Path(out)
        out_path.parent.mkdir(parents=True, exist_ok=True)
        image.save(out_path)
    finally:
        document.close()
    return out_path


def pdf_text(pdf: str | Path) -> list[str]:
    """The text of every page of ``pdf`` (pypdfium2's text extraction)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        return [document[i].get_textpage().get_text_range() for i in range(len(document))]
    finally:
        document.close()


def main(argv: list[str] | None = None) -> int:
    """Write the example's report, print it to PDF and save page 1 as docs/img/report.png."""
    import mintgraph

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lang", default="de", choices=["de", "en"])
    parser.add_argument("--pdf", type=Path, help="also keep the PDF here")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img" / "report.png")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        result = mintgraph.analyze(mintgraph.load(ROOT / "data"))
        html = mintgraph.write_report(result, tmp, lang=args.lang)
        pdf = print_pdf(html, args.pdf or Path(tmp) / "report.pdf")
        print(f"wrote {page_png(pdf, 0, args.out)} ({len(pdf_text(pdf))} pages)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
