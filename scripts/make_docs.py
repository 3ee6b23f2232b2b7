"""Regenerate the generated parts of the docs: ``docs/data-format.md`` from the schema.

Usage: ``python scripts/make_docs.py`` (tests/test_docs.py fails while the files are stale).
"""

from __future__ import annotations

from pathlib import Path

from mintgraph.schema import data_format_markdown

ROOT = Path(__file__).resolve().parent.parent

if __name__ == "__main__":
    (ROOT / "docs" / "data-format.md").write_text(data_format_markdown(), encoding="utf-8")
    print("wrote docs/data-format.md")
