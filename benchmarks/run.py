"""Benchmark ``mintgraph analyze``: wall time of every step, of the whole command, and peak memory.

Usage::

    python benchmarks/run.py [DATA_DIR ...] [--repeat N] [--markdown]

Defaults to the bundled example ``data/``. Each data folder is measured in a fresh
process (so start-up and peak memory are its own): the whole command
(``python -m mintgraph analyze``, start-up included) and each step of the analysis
as reported by :func:`mintgraph.analyze`'s ``on_step`` callback. The best of
``--repeat`` runs is reported. Speed is measured here, never in unit tests.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_CHILD = r"""
import json, resource, sys, time
t0 = time.perf_counter()
import mintgraph
from mintgraph.export import write_outputs
steps = {"import": time.perf_counter() - t0}
t = time.perf_counter()
dataset = mintgraph.load(sys.argv[1])
steps["load + validate"] = time.perf_counter() - t
result = mintgraph.analyze(dataset, on_step=lambda name, seconds: steps.__setitem__(name, seconds))
t = time.perf_counter()
write_outputs(result, sys.argv[2])
steps["write outputs"] = time.perf_counter() - t
peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"steps": steps, "peak_mib": peak_mib, "actors": len(dataset.actors),
                  "ties": result.graph.number_of_edges()}))
"""


def measure(data_dir: Path, repeat: int) -> dict:
    """Best-of-``repeat`` timings for one data folder."""
    best: dict | None = None
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as out:
            t = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "mintgraph", "analyze", str(data_dir), "-o", out],
                check=True,
                capture_output=True,
            )
            command = time.perf_counter() - t
        with tempfile.TemporaryDirectory() as out:
            run = subprocess.run(
                [sys.executable, "-c", _CHILD, str(data_dir), out], check=True, capture_output=True, text=True
            )
        record = json.loads(run.stdout)
        record["command"] = command
        if best is None or record["command"] < best["command"]:
            best = record
    assert best is not None
    return best


def markdown(data_dir: Path, record: dict) -> str:
    """A Markdown table of one measurement."""
    lines = [
        f"**{data_dir}** — {record['actors']:,} actors, {record['ties']:,} ties: "
        f"`mintgraph analyze` {record['command']:.2f} s wall (start-up included), "
        f"peak memory {record['peak_mib']:.0f} MiB",
        "",
        "| step | seconds |",
        "|---|---:|",
    ]
    lines += [f"| {name} | {seconds:.3f} |" for name, seconds in record["steps"].items()]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dirs", nargs="*", type=Path, default=[ROOT / "data"])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(
        f"Machine: {platform.machine()}, {platform.processor() or 'cpu'}, Python {platform.python_version()}, "
        f"{time.strftime('%Y-%m-%d')}"
    )
    for data_dir in args.data_dirs:
        print()
        print(
            markdown(
                data_dir.relative_to(ROOT) if data_dir.is_relative_to(ROOT) else data_dir,
                measure(data_dir, args.repeat),
            )
        )


if __name__ == "__main__":
    main()
