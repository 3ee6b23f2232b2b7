"""``summary.json`` has exactly the keys of :class:`mintgraph.summary.Summary`, with their types."""

from __future__ import annotations

import types
import typing
from pathlib import Path

import pytest

import mintgraph
from mintgraph.summary import Summary
from mintgraph.testing import tiny_dataset

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.mark.parametrize("which", ["tiny", "example"])
def test_the_summary_has_exactly_the_typed_keys(which: str) -> None:
    dataset = tiny_dataset() if which == "tiny" else mintgraph.load(DATA)
    summary = mintgraph.analyze(dataset, permutations=0).summary
    hints = typing.get_type_hints(Summary)
    assert set(summary) == set(hints)
    for key, hint in hints.items():
        union = typing.get_origin(hint) in (typing.Union, types.UnionType)
        allowed = typing.get_args(hint) if union else (hint,)
        plain = tuple(typing.get_origin(a) or a for a in allowed)
        value = summary[key]
        assert isinstance(value, plain) or (value is None and type(None) in plain), (key, value, hint)
