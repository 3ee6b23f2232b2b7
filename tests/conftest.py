"""Shared fixtures. Browser fixtures drive Debian's headless Chromium with the network blocked."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

# Layouts are cached in a folder of this session (never in the developer's ~/.cache): every
# second rendering of a page in the suite reads its layout back, so the tests that compare two
# renderings byte for byte check the cache too. Set at import, so the doctests of mintgraph/
# collected after tests/ and every subprocess inherit it.
_LAYOUT_CACHE = tempfile.mkdtemp(prefix="mintgraph-layouts-")
os.environ["MINTGRAPH_LAYOUT_CACHE"] = _LAYOUT_CACHE


@pytest.fixture(scope="session", autouse=True)
def _layout_cache_folder() -> Iterator[str]:
    yield _LAYOUT_CACHE
    shutil.rmtree(_LAYOUT_CACHE, ignore_errors=True)


CHROMIUM = "/usr/bin/chromium"
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


@dataclass
class OfflinePage:
    """A Playwright page on a local file, with what it tried to load and what went wrong."""

    page: Any
    blocked: list[str] = field(default_factory=list)  # every request other than the page itself
    errors: list[str] = field(default_factory=list)  # console errors and uncaught exceptions
    dialogs: list[str] = field(default_factory=list)  # alert()/confirm()/prompt() messages
    loaded: list[str] = field(default_factory=list)  # requests let through (open_in_folder)


DRAWN = "window.mintgraph && window.mintgraph.drawn === true"
"""True once a mintgraph graph page has drawn its network."""


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Debian's Chromium, headless. Fails (does not skip) when it is not installed."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: browser tests need Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_offline(chromium: Any) -> Iterator[Callable[[Path], OfflinePage]]:
    """Open a local HTML file at 1400×900 via file://, aborting every other request."""
    contexts: list[Any] = []

    def open_(path: Path) -> OfflinePage:
        url = path.resolve().as_uri()
        context = chromium.new_context(viewport={"width": 1400, "height": 900})
        contexts.append(context)
        page = context.new_page()
        result = OfflinePage(page)

        def route(r: Any) -> None:
            if r.request.url == url:
                r.continue_()
            else:
                result.blocked.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.on("console", lambda m: result.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: result.errors.append(str(e)))
        page.on("dialog", lambda d: (result.dialogs.append(d.message), d.dismiss()))
        page.goto(url)
        return result

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture
def open_in_folder(chromium: Any) -> Iterator[Callable[..., OfflinePage]]:
    """Open a graph page via file:// and wait until it is drawn; files of ``folder`` (default: the
    page's own folder) load, every other request is aborted. ``open_offline`` allows the page
    alone; district and per-network pages need the shared vis-network file next to them."""
    contexts: list[Any] = []

    def open_(path: Path, folder: Path | None = None, viewport: dict[str, int] | None = None) -> OfflinePage:
        root = (folder or path.parent).resolve().as_uri() + "/"
        context = chromium.new_context(
            viewport=viewport or {"width": 1400, "height": 900}, accept_downloads=True
        )
        contexts.append(context)
        page = context.new_page()
        opened = OfflinePage(page)

        def route(r: Any) -> None:
            url = r.request.url
            if url.startswith(root):
                opened.loaded.append(url)
                r.continue_()
            else:
                opened.blocked.append(url)
                r.abort()

        page.route("**/*", route)
        page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: opened.errors.append(str(e)))
        page.goto(path.resolve().as_uri())
        page.wait_for_function(DRAWN, timeout=30_000)
        return opened

    yield open_
    for context in contexts:
        context.close()


def expand_tips(data: dict) -> dict:
    """An actor graph page's data with each tooltip row ``[k, value]`` made ``[label, value]``, as
    the page's script does (``k`` is a position in ``tipLabels``; a row may carry its label itself)."""
    labels = data["tipLabels"]
    for item in (*data["nodes"], *data["edges"]):
        item["tip"] = [[labels[k] if isinstance(k, int) else k, value] for k, value in item["tip"]]
    return data
