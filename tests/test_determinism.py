"""Same input, same bytes: every output of every command, across processes and hash seeds.

Two fresh processes with different ``PYTHONHASHSEED`` each run every command on the example and
on the tiny landscape (``analyze`` with the per-network pages, ``analyze --lang en``, the district
overview that replaces ``graph.html`` above its threshold, ``report``, ``export``, ``compare``)
and print a SHA-256 per written file; this process does the same. Set and dict order, hash
randomisation and wall-clock time must not reach a single byte. Each file is one parametrised
case. (This replaces one subprocess test per view, which repeated the same few lines.)
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EPOCH = "1764547200"  # SOURCE_DATE_EPOCH: the date printed on the report

SCRIPT = r"""
import hashlib, json, sys, tempfile
from pathlib import Path

root, tmp = Path(sys.argv[1]), Path(tempfile.mkdtemp())
import mintgraph
from mintgraph.testing import TINY, write_tables
from mintgraph.views import aggregate_html

example = mintgraph.load(root / "data")
tiny = mintgraph.load(write_tables(tmp / "tiny-data", TINY))
result = mintgraph.analyze(example)
mintgraph.write_outputs(result, tmp / "analyze", per_network=True)
mintgraph.write_outputs(result, tmp / "analyze-en", lang="en")
mintgraph.write_report(result, tmp / "report")
mintgraph.write_report(mintgraph.analyze(tiny), tmp / "report-tiny", lang="en")
mintgraph.write_exports(result, tmp / "export", ["gexf", "graphml", "json"])
mintgraph.write_comparison(mintgraph.compare_years(tiny, 2014, 2019), tmp / "compare")
aggregate_html.AGGREGATE_ABOVE = 100  # the district overview and district pages, on the example
mintgraph.write_outputs(result, tmp / "overview")
digests = {
    str(p.relative_to(tmp)): hashlib.sha256(p.read_bytes()).hexdigest()
    for p in sorted(tmp.rglob("*"))
    if p.is_file() and not p.relative_to(tmp).parts[0] == "tiny-data"
}
print(json.dumps(digests))
"""


def _run(hash_seed: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed, "SOURCE_DATE_EPOCH": EPOCH, "MINTGRAPH_LANG": "de"}
    return subprocess.Popen(
        [sys.executable, "-c", SCRIPT, str(ROOT)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture(scope="module")
def runs() -> list[dict[str, str]]:
    processes = [_run(seed) for seed in ("0", "4242")]  # both at once: two cores
    out = []
    for process in processes:
        stdout, stderr = process.communicate(timeout=600)
        assert process.returncode == 0, stderr
        out.append(json.loads(stdout.strip().splitlines()[-1]))
    return out


EXPECTED = [
    "analyze/actors.csv",
    "analyze/effects.csv",
    "analyze/graph.html",
    "analyze/map.html",
    "analyze/network_pairs.csv",
    "analyze/networks.csv",
    "analyze/networks.html",
    "analyze/regions.csv",
    "analyze/scorecard.csv",
    "analyze/summary.json",
    "analyze-en/graph.html",
    "analyze-en/map.html",
    "analyze-en/networks.html",
    "report/report.html",
    "report-tiny/report.html",
    "export/graph.gexf",
    "export/graph.graphml",
    "export/graph.json",
    "overview/graph.html",
]
"""Files every run must write (the per-network, district and compare pages are checked too)."""


def test_every_command_writes_what_it_should(runs: list[dict[str, str]]) -> None:
    names = set(runs[0])
    assert set(EXPECTED) <= names
    assert any(n.startswith("analyze/networks/") for n in names) and any(
        n.startswith("overview/districts/") for n in names
    )
    assert any(n.startswith("compare/") and n.endswith(".html") for n in names)
    assert set(runs[1]) == names


@pytest.mark.parametrize("name", EXPECTED)
def test_same_bytes_across_processes_and_hash_seeds(runs: list[dict[str, str]], name: str) -> None:
    assert runs[0][name] == runs[1][name]


def test_every_other_file_too(runs: list[dict[str, str]]) -> None:
    differ = sorted(name for name in runs[0] if runs[0][name] != runs[1].get(name))
    assert differ == []


def test_this_process_writes_the_same_bytes(runs: list[dict[str, str]], tmp_path: Path, monkeypatch) -> None:
    import mintgraph

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    result = mintgraph.analyze(mintgraph.load(ROOT / "data"))
    written = mintgraph.write_outputs(result, tmp_path / "analyze", per_network=True)
    written.append(mintgraph.write_report(result, tmp_path / "report"))
    for path in written:
        name = str(path.relative_to(tmp_path))
        assert hashlib.sha256(path.read_bytes()).hexdigest() == runs[0][name], name
    assert "1. Dezember 2025" in (tmp_path / "report" / "report.html").read_text(
        encoding="utf-8"
    )  # the epoch's date
