"""The layout cache: a layout read back is the layout computed, a damaged or foreign file is
never trusted, and the cache can be switched off."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from mintgraph import layout

N = 400  # above CACHE_MIN_NODES


def graph(seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A random graph of N nodes: a ring (one big component) with chords, plus a few isolated nodes."""
    rng = np.random.default_rng(seed)
    ring = np.arange(N - 20)
    ea = np.concatenate([ring, rng.integers(0, N - 20, 300)])
    eb = np.concatenate([(ring + 1) % (N - 20), rng.integers(0, N - 20, 300)])
    return np.arange(N), ea, eb


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(layout.CACHE_VARIABLE, str(tmp_path / "layouts"))
    return tmp_path / "layouts"


def same(a: tuple, b: tuple) -> bool:
    return np.array_equal(a[0], b[0]) and a[1] == b[1] and np.array_equal(a[2], b[2])


def test_threshold_is_above_the_test_graph() -> None:
    assert layout.CACHE_MIN_NODES <= N


def test_a_cached_layout_is_the_computed_one(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    order, ea, eb = graph()
    fresh = layout._layout_indexed(N, order, ea, eb, 7, layout.DENSE_LAYOUT_LIMIT)
    first = layout.layout_indexed(N, order, ea, eb, 7)
    assert same(first, fresh) and len(list(cache.glob("*.npz"))) == 1

    def boom(*args: object) -> None:
        raise AssertionError("computed again instead of read from the cache")

    monkeypatch.setattr(layout, "_layout_indexed", boom)
    again = layout.layout_indexed(N, order, ea, eb, 7)
    assert same(again, fresh)
    assert again[0].dtype == fresh[0].dtype == np.int64


def test_other_inputs_are_other_entries(cache: Path) -> None:
    order, ea, eb = graph()
    a = layout.layout_indexed(N, order, ea, eb, 7)
    b = layout.layout_indexed(N, order, ea, eb, 8)  # another seed
    c = layout.layout_indexed(N, order[::-1].copy(), ea, eb, 7)  # another order
    d = layout.layout_indexed(N, order, ea, eb, 7, dense_limit=100)  # the sampled model
    assert len(list(cache.glob("*.npz"))) == 4
    assert not np.array_equal(a[0], b[0]) and not np.array_equal(a[0], d[0])
    assert same(c, layout._layout_indexed(N, order[::-1].copy(), ea, eb, 7, layout.DENSE_LAYOUT_LIMIT))


@pytest.mark.parametrize("damage", ["truncate", "garbage", "wrong shape"])
def test_a_damaged_entry_is_computed_again(cache: Path, damage: str) -> None:
    order, ea, eb = graph()
    fresh = layout.layout_indexed(N, order, ea, eb, 3)
    (entry,) = cache.glob("*.npz")
    if damage == "truncate":
        entry.write_bytes(entry.read_bytes()[:100])
    elif damage == "garbage":
        entry.write_bytes(b"not a layout")
    else:
        np.savez(entry.with_suffix(""), xy=np.zeros((5, 2), dtype=np.int64), caption=np.zeros(0, dtype=np.int64),
                 comp=np.zeros(5, dtype=np.int64))  # fmt: skip
    assert same(layout.layout_indexed(N, order, ea, eb, 3), fresh)


def test_small_layouts_are_not_cached(cache: Path) -> None:
    layout.layout_indexed(5, np.arange(5), np.array([0, 1, 2]), np.array([1, 2, 3]), 1)
    assert not cache.exists() or not list(cache.glob("*.npz"))


@pytest.mark.parametrize("value", ["off", "0", ""])
def test_the_cache_can_be_switched_off(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, value: str) -> None:
    monkeypatch.setenv(layout.CACHE_VARIABLE, value)
    monkeypatch.chdir(tmp_path)
    assert layout.layout_cache_dir() is None
    order, ea, eb = graph()
    layout.layout_indexed(N, order, ea, eb, 1)
    assert not list(tmp_path.rglob("*.npz"))


def test_an_unwritable_cache_folder_only_costs_the_cache(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv(layout.CACHE_VARIABLE, str(blocker / "layouts"))  # below a file: cannot exist
    order, ea, eb = graph()
    assert layout.layout_cache_dir() is None
    assert same(layout.layout_indexed(N, order, ea, eb, 1), layout._layout_indexed(N, order, ea, eb, 1, 1000))


def test_the_oldest_entries_go_first(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(layout, "CACHE_MAX_FILES", 2)
    order, ea, eb = graph()
    layout.layout_indexed(N, order, ea, eb, 1)
    (oldest,) = cache.glob("*.npz")
    os.utime(oldest, (1_000_000_000, 1_000_000_000))  # used long ago
    layout.layout_indexed(N, order, ea, eb, 2)
    layout.layout_indexed(N, order, ea, eb, 3)
    left = list(cache.glob("*.npz"))
    assert len(left) == 2 and oldest not in left
