"""mintgraph.files: the paused cycle collector hands what the block kept to the oldest
generation; write_all, and the commands built on it, write every file or none."""

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
    gc.freeze()
    try:
        before = gc.get_freeze_count()
        with paused_cycle_collector():
            pass
        assert gc.get_freeze_count() == before
        assert gc.isenabled()
    finally:
        gc.unfreeze()


def test_write_all_writes_every_file_or_none(tmp_path):
    import pytest

    from mintgraph.files import write_all

    out = tmp_path / "new" / "folder"
    (tmp_path / "new").mkdir()

    def texts(stop: BaseException):
        yield out / "a.csv", "a\n"
        yield out / "b.csv", "b\n"
        raise stop  # the third file fails to be made (an error; Ctrl-C)

    for stop in (ValueError("kaputt"), KeyboardInterrupt()):
        with pytest.raises(type(stop)):
            write_all(texts(stop))
        assert not out.exists()  # no file and not the folder made for them
        assert list((tmp_path / "new").iterdir()) == []
    written = write_all([(out / "a.csv", "a\n"), (out / "b.csv", "b\n")])
    assert [p.read_text(encoding="utf-8") for p in written] == ["a\n", "b\n"]


def test_generate_writes_all_tables_or_none(tmp_path, monkeypatch):
    import pandas as pd
    import pytest

    from mintgraph import api

    calls = []
    real = pd.DataFrame.to_csv

    def to_csv(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "to_csv", to_csv)
    with pytest.raises(OSError):
        api.generate(tmp_path / "landscape", n_actors=60, n_regions=3, seed=1)
    assert not (tmp_path / "landscape").exists()  # not two tables of six: a folder generate can use again
    monkeypatch.setattr(pd.DataFrame, "to_csv", real)
    names = [p.name for p in api.generate(tmp_path / "landscape", n_actors=60, n_regions=3, seed=1)]
    assert names[:2] == ["actors.csv", "networks.csv"] and len(names) >= 6


def test_report_writes_the_report_and_the_workbook_or_neither(tmp_path, monkeypatch):
    import pytest

    from mintgraph import workbook
    from mintgraph.analysis import analyze
    from mintgraph.export import write_report_files
    from mintgraph.testing import tiny_dataset

    result = analyze(tiny_dataset(), permutations=0)
    (tmp_path / "report.html").write_text("old", encoding="utf-8")

    def fails(_result):
        raise KeyboardInterrupt  # Ctrl-C while the workbook is made, after the report

    monkeypatch.setattr(workbook, "workbook_bytes", fails)
    with pytest.raises(KeyboardInterrupt):
        write_report_files(result, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]
    assert (tmp_path / "report.html").read_text(encoding="utf-8") == "old"
    monkeypatch.undo()
    assert [p.name for p in write_report_files(result, tmp_path)] == ["report.html", "metrics.xlsx"]
    assert (tmp_path / "report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
