"""Regenerate the generated docs: ``docs/data-format.md`` and ``docs/indicators/scorecard.md``.

Usage: ``python scripts/make_docs.py`` (tests/test_docs.py fails while the files are stale).
"""

from __future__ import annotations

from pathlib import Path

from mintgraph.metrics.scorecard import scorecard_markdown
from mintgraph.schema import data_format_markdown

ROOT = Path(__file__).resolve().parent.parent

if __name__ == "__main__":
    generated = {
        "docs/data-format.md": data_format_markdown(),
        "docs/indicators/scorecard.md": scorecard_markdown(),
    }
    for name, text in generated.items():
        (ROOT / name).write_text(text, encoding="utf-8")
        print(f"wrote {name}")
