"""Profile the actor step of ``mintgraph.analyze`` on synthetic landscapes.

Usage::

    python scripts/profile_actor_step.py 1000 10000 100000 [--cache /tmp/mintgraph-profile] [--exact]

For each size, a Hessen landscape with ``n`` actors, ``n // 2`` activities and ``5 n``
cooperations is generated once with :func:`mintgraph.synth.generate_landscape` (seed 1) and
cached as CSV; then the pieces of the actor step are timed one by one (wall seconds, one run).
Speed is measured here, never in unit tests.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

import pandas as pd

import mintgraph
from mintgraph.engine import sampling_for
from mintgraph.graph import cooperation_graph
from mintgraph.metrics import actors, brokerage
from mintgraph.metrics.nexus import bridging_actors
from mintgraph.regions import shipped_regions_path
from mintgraph.synth import generate_landscape


def landscape(n: int, cache: Path) -> Path:
    """A data folder with ``n`` synthetic actors (generated once, then reused)."""
    folder = cache / f"hessen_{n}"
    if (folder / "cooperations.csv").exists():
        return folder
    regions = pd.read_csv(shipped_regions_path(), dtype=str).fillna("")
    regions["population"] = regions["population"].astype(int)
    tables = generate_landscape(
        regions, n_actors=n, n_activities=n // 2, n_cooperations=5 * n, start_year=2015, end_year=2024, seed=1
    )
    folder.mkdir(parents=True, exist_ok=True)
    for name, table in tables.items():
        table.to_csv(folder / f"{name}.csv", index=False)
    return folder


def timed(label: str, func, *args, **kwargs):
    start = time.perf_counter()
    result = func(*args, **kwargs)
    print(f"| {label} | {time.perf_counter() - start:.3f} |", flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="+", type=int)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/mintgraph-profile"))
    parser.add_argument("--exact", action="store_true", help="force exact betweenness and closeness")
    parser.add_argument("--skip-nexus", action="store_true", help="do not time bridging_actors")
    args = parser.parse_args()
    for n in args.sizes:
        folder = landscape(n, args.cache)
        dataset = mintgraph.load(folder)
        graph = cooperation_graph(dataset)
        print(f"\n**{n} actors**, {graph.number_of_edges()} ties\n\n| piece | seconds |\n|---|---:|")
        start = time.perf_counter()
        sampling = sampling_for(graph.number_of_nodes(), True if args.exact else None)
        print(f"| (sampling: {sampling}) | |")
        timed("actor_centrality", actors.actor_centrality, graph, sampling=sampling)
        timed("actor_brokerage", brokerage.actor_brokerage, graph, dataset, sampling=sampling)
        if not args.skip_nexus:
            timed("bridging_actors (nexus)", bridging_actors, graph, dataset)
        print(f"| **actor step** | **{time.perf_counter() - start:.3f}** |")
        print(f"\npeak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
