"""Test-session settings for the whole tree (tests/ and the doctests in mintgraph/)."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator

import pytest

# Layouts are cached in a folder of this session (never in the developer's ~/.cache): every
# second rendering of a page in the suite reads its layout back, so the tests that compare two
# renderings byte for byte check the cache too. Subprocesses inherit the variable.
_CACHE = tempfile.mkdtemp(prefix="mintgraph-layouts-")
os.environ["MINTGRAPH_LAYOUT_CACHE"] = _CACHE


@pytest.fixture(scope="session", autouse=True)
def _layout_cache_folder() -> Iterator[str]:
    yield _CACHE
    shutil.rmtree(_CACHE, ignore_errors=True)
