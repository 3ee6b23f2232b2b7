"""The same actor and network metrics as ``mintgraph analyze``, written the plain way with networkx alone.

Usage::

    python benchmarks/plain_networkx.py DATA_DIR [--budget SECONDS]

What a user would write in a notebook: read the CSV files with pandas, build an ``nx.Graph``,
call ``nx.betweenness_centrality``, ``nx.closeness_centrality``, ``nx.eigenvector_centrality_numpy``,
``nx.pagerank``, ``nx.constraint``, ``nx.effective_size``, ``nx.core_number``,
``nx.articulation_points``, per network ``nx.density``, ``nx.average_clustering``,
``nx.betweenness_centrality`` on the member subgraph and the largest component after removing
its five most central members, and ``nx.community.louvain_communities`` with its modularity.

It prints one JSON line per metric (``{"metric": ..., "seconds": ..., "estimated": bool}``) as it
goes. Within the time ``--budget``, a metric whose cost grows with the graph (the per-node
ones) is first timed on a sample of nodes; if the full run would not fit into the remaining
budget, the full time is extrapolated linearly from the sample (``estimated: true``) instead of
measured. The last line is ``{"total": ..., "estimated": bool}``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import networkx as nx
import pandas as pd

SAMPLE = 50
"""Nodes a per-node metric is timed on before it is run in full (or extrapolated)."""


def emit(record: dict) -> None:
    print(json.dumps(record), flush=True)


class Budget:
    def __init__(self, seconds: float) -> None:
        self.end = time.perf_counter() + seconds
        self.total = 0.0
        self.estimated = False

    def left(self) -> float:
        return self.end - time.perf_counter()

    def timed(self, metric: str, function, *args, **kwargs):
        start = time.perf_counter()
        value = function(*args, **kwargs)
        self.add(metric, time.perf_counter() - start, estimated=False)
        return value

    def add(self, metric: str, seconds: float, *, estimated: bool) -> None:
        self.total += seconds
        self.estimated |= estimated
        emit({"metric": metric, "seconds": seconds, "estimated": estimated})

    def per_node(self, metric: str, graph: nx.Graph, run_on) -> None:
        """Time ``run_on(nodes)`` on a sample, then run it on all nodes or extrapolate."""
        nodes = list(graph)
        sample = random.Random(0).sample(nodes, min(SAMPLE, len(nodes)))
        start = time.perf_counter()
        run_on(sample)
        per = (time.perf_counter() - start) / max(1, len(sample))
        estimate = per * len(nodes)
        if estimate < 0.8 * self.left():
            self.timed(metric, run_on, nodes)
        else:
            self.add(metric, estimate, estimated=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--budget", type=float, default=600.0)
    args = parser.parse_args()
    budget = Budget(args.budget)
    start = time.perf_counter()

    def read(name: str) -> pd.DataFrame:
        return pd.read_csv(args.data_dir / f"{name}.csv", dtype=str, keep_default_na=False)

    actors, coops = read("actors"), read("cooperations")
    networks, memberships = read("networks"), read("memberships")

    # the same graph as `mintgraph analyze`: the ties active in the data's last year
    # (latest since / founded / activity year; a row counts if until is empty or >= that year)
    def years_of(frame: pd.DataFrame, column: str) -> pd.Series:
        return pd.to_numeric(frame[column], errors="coerce") if column in frame else pd.Series(dtype=float)

    years = [years_of(coops, "since"), years_of(memberships, "since"), years_of(networks, "founded")]
    if (args.data_dir / "activities.csv").exists():
        years.append(years_of(read("activities"), "year"))
    last = max(float(y.max()) for y in years if y.notna().any())
    until = years_of(coops, "until").reindex(coops.index)
    coops = coops[until.isna() | (until >= last)]
    graph = nx.Graph()
    graph.add_nodes_from(actors["id"])
    graph.add_edges_from(zip(coops["source"], coops["target"], strict=True))
    budget.add("read + graph", time.perf_counter() - start, estimated=False)

    budget.timed("degree_centrality", nx.degree_centrality, graph)

    def betweenness(nodes: list) -> None:
        if len(nodes) == graph.number_of_nodes():
            nx.betweenness_centrality(graph)
        else:  # the cost of the sources in the sample
            nx.betweenness_centrality_subset(graph, nodes, list(graph))

    budget.per_node("betweenness_centrality", graph, betweenness)
    budget.per_node(
        "closeness_centrality", graph, lambda nodes: [nx.closeness_centrality(graph, u=v) for v in nodes]
    )

    def eigenvector(g: nx.Graph) -> None:
        try:
            nx.eigenvector_centrality_numpy(g)
        except (nx.AmbiguousSolution, nx.NetworkXException):  # disconnected: the largest component
            nx.eigenvector_centrality_numpy(g.subgraph(max(nx.connected_components(g), key=len)))

    budget.timed("eigenvector_centrality_numpy", eigenvector, graph)
    budget.timed("pagerank", nx.pagerank, graph)
    budget.per_node("constraint", graph, lambda nodes: nx.constraint(graph, nodes=nodes))
    budget.per_node("effective_size", graph, lambda nodes: nx.effective_size(graph, nodes=nodes))
    budget.timed("core_number", nx.core_number, graph)
    budget.timed("articulation_points", lambda g: list(nx.articulation_points(g)), graph)

    members = memberships.groupby("network_id")["actor_id"].agg(set)
    subgraphs = [graph.subgraph(members.get(nid, set())).copy() for nid in networks["id"]]
    subgraphs.append(graph)  # the landscape as one network

    def per_network(sub: nx.Graph) -> None:
        nx.density(sub)
        if sub.number_of_nodes():
            nx.average_clustering(sub)
            b = nx.betweenness_centrality(sub)
            key = sorted(b, key=b.get, reverse=True)[:5]
            rest = sub.copy()
            rest.remove_nodes_from(key)
            max((len(c) for c in nx.connected_components(rest)), default=0)

    spent = 0.0
    estimated = False
    for sub in sorted(subgraphs, key=len):
        n = sub.number_of_nodes()
        if n > 2000 and spent > 0:  # extrapolate the large ones with the O(n m) betweenness
            sample = random.Random(0).sample(list(sub), SAMPLE)
            t = time.perf_counter()
            nx.betweenness_centrality_subset(sub, sample, list(sub))
            nx.average_clustering(sub)
            guess = (time.perf_counter() - t) * n / SAMPLE
            if guess > 0.8 * budget.left():
                spent += guess
                estimated = True
                continue
        t = time.perf_counter()
        per_network(sub)
        spent += time.perf_counter() - t
    budget.add("networks: density, clustering, betweenness, robustness", spent, estimated=estimated)

    def louvain(g: nx.Graph) -> None:
        communities = nx.community.louvain_communities(g, seed=42)
        nx.community.modularity(g, communities)

    budget.timed("louvain_communities + modularity", louvain, graph)
    emit({"total": budget.total, "estimated": budget.estimated})


if __name__ == "__main__":
    sys.exit(main())
