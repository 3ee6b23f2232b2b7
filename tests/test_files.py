"""mintgraph.files: the paused cycle collector hands what the block kept to the oldest generation."""

from __future__ import annotations

import gc

from mintgraph.files import paused_cycle_collector


def _in_generation(generation: int, obj: object) -> bool:
    return any(o is obj for o in gc.get_objects(generation=generation))


def test_what_a_paused_block_kept_joins_the_oldest_generation():
    """Else the first young collection after the block walks all of it (0.3 s at 100,000
    actors, after the command's last line)."""
    assert gc.isenabled()
    with paused_cycle_collector():
        assert not gc.isenabled()
        kept = [[index] for index in range(50_000)]
    assert gc.isenabled()
    assert gc.get_count()[0] < 1_000  # no young collection pending over the block's objects
    assert _in_generation(2, kept[0]) and _in_generation(2, kept[-1])
    assert not _in_generation(0, kept[-1])
    a, b = [], []  # cyclic garbage made in the block is still collected
    with paused_cycle_collector():
        a.append(b)
        b.append(a)
        loop = [a]
    del a, b, loop
    assert gc.collect() >= 2


def test_objects_frozen_before_stay_frozen():
    frozen = [[1]]
    gc.freeze()
    try:
        before = gc.get_freeze_count()
        with paused_cycle_collector():
            kept = [[2]]
        assert gc.get_freeze_count() == before
        assert gc.isenabled() and kept
    finally:
        gc.unfreeze()
    assert frozen
