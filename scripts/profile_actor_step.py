"""Profile the actor step of ``mintgraph.analyze`` on synthetic landscapes.

Usage::

    python scripts/profile_actor_step.py 1000 10000 100000 [--cache /tmp/mintgraph-profile] [--exact]

For each size, a Hessen landscape with ``n`` actors, ``n // 2`` activities and ``5 n``
cooperations is generated once with :func:`example_landscape.generate_landscape` (seed 1; above
20,000 actors, where that takes hours, with the cruder :func:`quick_landscape`) and cached as CSV; then the pieces of the actor step are timed one by one (wall seconds, one run).
Speed is measured here, never in unit tests.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

import numpy as np
import pandas as pd
from example_landscape import generate_landscape

import mintgraph
from mintgraph.engine import sampling_for
from mintgraph.graph import cooperation_graph
from mintgraph.metrics import actors, brokerage
from mintgraph.metrics.nexus import bridging_actors
from mintgraph.regions import shipped_regions_path

FAST_ABOVE = 20_000
"""Above this many actors ``generate_landscape`` is too slow here (hours); :func:`quick_landscape` is used."""


def quick_landscape(regions: pd.DataFrame, n: int, seed: int = 1) -> dict[str, pd.DataFrame]:
    """A crude but valid Hessen landscape in seconds: districts by population, ~5n ties.

    Each actor draws five partners by preferential attachment (probability ~ degree + 2), 70%
    of the time among the actors of its own district; one regional network per district
    holds a fifth of its actors, under one umbrella network.
    """
    rng = np.random.default_rng(seed)
    codes = regions["code"].to_numpy()
    weights = regions["population"].to_numpy(dtype=float)
    region_of = rng.choice(len(codes), size=n, p=weights / weights.sum())
    types = np.array(
        ["school", "school", "school", "company", "association", "university", "student_lab", "other"]
    )
    ids = np.array([f"a{i}" for i in range(n)])
    actors = pd.DataFrame(
        {
            "id": ids,
            "name": [f"Actor {i}" for i in range(n)],
            "type": rng.choice(types, n),
            "region": codes[region_of],
        }
    )
    # preferential attachment as in generate_landscape: a partner is drawn with probability
    # ~ (degree + offset), 70% of the time in the actor's own district
    offset = 2
    local_ends: list[list[int]] = [[] for _ in codes]
    global_ends: list[int] = []
    sources, targets = [], []
    for u in range(n):
        r = region_of[u]
        for _ in range(5):
            pool = local_ends[r] if rng.random() < 0.7 else global_ends
            if not pool:
                continue
            v = pool[int(rng.integers(len(pool)))]
            if v != u:
                sources.append(u)
                targets.append(v)
                local_ends[r].append(v)
                local_ends[region_of[v]].append(u)
                global_ends += [u, v]
        local_ends[r] += [u] * offset
        global_ends += [u] * offset
    coops = pd.DataFrame(
        {
            "source": ids[sources],
            "target": ids[targets],
            "type": rng.choice(["project", "offer", "exchange", "sponsorship"], len(sources)),
            "since": rng.integers(2015, 2025, len(sources)).astype(str),
        }
    )
    networks = pd.DataFrame(
        {
            "id": ["umbrella", *(f"net-{c}" for c in codes)],
            "name": ["Dach", *(f"Netz {c}" for c in codes)],
            "parent": ["", *["umbrella"] * len(codes)],
            "regions": ["", *codes],
        }
    )
    chosen = np.flatnonzero(rng.random(n) < 0.2)
    memberships = pd.DataFrame(
        {"actor_id": ids[chosen], "network_id": [f"net-{codes[region_of[i]]}" for i in chosen]}
    )
    return {"actors": actors, "networks": networks, "memberships": memberships, "cooperations": coops}


def landscape(n: int, cache: Path) -> Path:
    """A data folder with ``n`` synthetic actors (generated once, then reused)."""
    folder = cache / f"hessen_{n}"
    if (folder / "cooperations.csv").exists():
        return folder
    regions = pd.read_csv(shipped_regions_path(), dtype=str).fillna("")
    regions["population"] = regions["population"].astype(int)
    if n > FAST_ABOVE:
        tables = quick_landscape(regions, n)
    else:
        tables = generate_landscape(
            regions,
            n_actors=n,
            n_activities=n // 2,
            n_cooperations=5 * n,
            start_year=2015,
            end_year=2024,
            seed=1,
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
