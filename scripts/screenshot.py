"""Take a PNG screenshot of a mintgraph HTML page in headless Chromium, offline.

Usage::

    python scripts/screenshot.py OUT.png [HTML]   # HTML defaults to output/graph.html

The page is opened via ``file://`` at 1400×900 with every other request blocked (the
script fails if the page tried to load anything), and the screenshot is taken once
vis-network has drawn the graph. Needs Debian's ``chromium`` at ``/usr/bin/chromium``
(or the path in ``$MINTGRAPH_CHROMIUM``).

Example
-------
>>> from scripts.screenshot import screenshot            # doctest: +SKIP
>>> screenshot("output/graph.html", "docs/img/graph.png")  # doctest: +SKIP
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = os.environ.get("MINTGRAPH_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1400, "height": 900}


READY = "window.mintgraph && window.mintgraph.drawn === true"
"""JavaScript condition that says a vis-network page has drawn; pages without it pass their own."""


@contextmanager
def offline_page(html: str | Path, **page_options: Any) -> Iterator[Any]:
    """A Playwright page on the local file ``html`` in headless Chromium, every other request blocked.

    ``page_options`` go to ``browser.new_page``. After the block, :class:`RuntimeError` is raised
    if the page tried to load anything besides itself or logged an error; a missing file gives
    :class:`FileNotFoundError`, a missing Chromium :class:`RuntimeError`.

    >>> with offline_page("output/graph.html") as page:  # doctest: +SKIP
    ...     page.title()
    """
    from playwright.sync_api import sync_playwright

    html_path = Path(html).resolve()
    if not html_path.is_file():
        raise FileNotFoundError(html_path)
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"Chromium not found at {CHROMIUM}; install it with `apt-get install chromium`")
    url = html_path.as_uri()
    blocked: list[str] = []
    errors: list[str] = []

    def route(r):  # type: ignore[no-untyped-def]
        if r.request.url == url:
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(**page_options)
            page.route("**/*", route)
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(url)
            yield page
        finally:
            browser.close()
    if blocked:
        raise RuntimeError(f"the page tried to load other resources: {blocked}")
    if errors:
        raise RuntimeError(f"the page logged errors: {errors}")


def screenshot(html: str | Path, out: str | Path, *, timeout_ms: int = 30_000, ready: str = READY) -> Path:
    """Render ``html`` in headless Chromium (network blocked) and write a PNG to ``out``.

    ``ready`` is a JavaScript expression that is true once the page has drawn.

    Raises :class:`RuntimeError` if Chromium is missing, the page tried to load anything
    besides itself, or logged an error.

    >>> screenshot("output/graph.html", "/tmp/graph.png")  # doctest: +SKIP
    PosixPath('/tmp/graph.png')
    """
    out_path = Path(out)
    with offline_page(html, viewport=VIEWPORT, device_scale_factor=1) as page:
        page.wait_for_function(ready, timeout=timeout_ms)
        page.wait_for_timeout(300)
        out_path.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out_path))
    return out_path


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point: ``screenshot.py OUT.png [HTML]``."""
    args = sys.argv[1:] if argv is None else argv
    if not 1 <= len(args) <= 2:
        print(__doc__.split("Example")[0].strip(), file=sys.stderr)
        return 2
    html = args[1] if len(args) == 2 else "output/graph.html"
    try:
        path = screenshot(html, args[0])
    except FileNotFoundError as exc:
        print(f"error: no such file: {exc}", file=sys.stderr)
        return 1
    except RuntimeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
