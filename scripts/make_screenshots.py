"""Make the README's screenshots of every view from the bundled example.

Usage: ``python scripts/make_screenshots.py`` — runs ``mintgraph analyze`` on ``data/`` into a
temporary folder and writes ``docs/img/graph.png``, ``docs/img/networks.png`` and
``docs/img/map.png`` (headless Debian Chromium, network blocked).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from screenshot import READY, screenshot  # noqa: E402

import mintgraph  # noqa: E402

VIEWS = {
    "graph": READY,
    "networks": READY,
    "map": "document.querySelectorAll('svg path').length > 0",
}


def main() -> None:
    """Analyse the example and screenshot each view into docs/img/."""
    with tempfile.TemporaryDirectory() as tmp:
        result = mintgraph.analyze(mintgraph.load(ROOT / "data"))
        mintgraph.write_outputs(result, tmp)
        for view, ready in VIEWS.items():
            html = Path(tmp) / f"{view}.html"
            if html.exists():
                print(f"wrote {screenshot(html, ROOT / 'docs' / 'img' / f'{view}.png', ready=ready)}")


if __name__ == "__main__":
    main()
