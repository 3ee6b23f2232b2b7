"""Measure the engine: exact vs sampled betweenness and closeness on a synthetic landscape.

Usage::

    python scripts/engine_accuracy.py 10000 [--cache /tmp/mintgraph-profile] [--seeds 3]

Uses the landscape of ``scripts/profile_actor_step.py`` (generated once, cached). Prints the
time of the exact and of the sampled computation, the largest error over all actors next to
the documented bound, and how many of the exact top-20 actors the sampled top-20 holds.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
from profile_actor_step import landscape

import mintgraph
from mintgraph import engine
from mintgraph.graph import cooperation_graph


def timed(func, *args, **kwargs):
    start = time.perf_counter()
    result = func(*args, **kwargs)
    return np.array(list(result.values())), time.perf_counter() - start


def top(values: np.ndarray, k: int = 20) -> set[int]:
    return set(np.argsort(-values, kind="stable")[:k].tolist())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", type=int)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/mintgraph-profile"))
    parser.add_argument("--seeds", type=int, default=3)
    args = parser.parse_args()
    graph = cooperation_graph(mintgraph.load(landscape(args.size, args.cache)))
    n = graph.number_of_nodes()
    eg = engine.engine_graph(graph)
    print(f"{n} actors, {graph.number_of_edges()} ties, largest component {eg.component_size.max()}")
    exact_b, t_b = timed(engine.betweenness, graph)
    exact_c, t_c = timed(engine.closeness, graph)
    exact_h, _ = timed(engine.harmonic_closeness, graph)
    print(
        f"exact: betweenness {t_b:.2f} s, closeness + harmonic {t_c:.2f} s; max betweenness {exact_b.max():.4f}"
    )
    for seed in range(args.seeds):
        sampling = engine.Sampling(seed=seed)
        info: dict = {}
        est_b, s_b = timed(engine.betweenness, graph, sampling, info=info)
        est_c, s_c = timed(engine.closeness, graph, sampling)
        est_h = np.array(list(engine.harmonic_closeness(graph, sampling).values()))
        print(
            f"seed {seed}: betweenness {s_b:.2f} s ({info['samples']} paths), max error "
            f"{np.abs(est_b - exact_b).max():.5f} (bound {sampling.epsilon_betweenness * n / (2 * (n - 2)):.5f}), "
            f"top-20 kept {len(top(est_b) & top(exact_b))}; closeness {s_c:.2f} s "
            f"(k = {sampling.closeness_sources(n)}), max error {np.abs(est_c - exact_c).max():.5f}, "
            f"harmonic max error {np.abs(est_h - exact_h).max():.5f} (bound {sampling.epsilon_closeness:.2f}), "
            f"top-20 closeness kept {len(top(est_c) & top(exact_c))}"
        )


if __name__ == "__main__":
    main()
