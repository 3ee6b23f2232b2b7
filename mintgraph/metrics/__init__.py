"""Indicator families: pure functions, graph and tables in, table out.

* :mod:`mintgraph.metrics.actors` — centralities of each actor;
* :mod:`mintgraph.metrics.brokerage` — brokerage and cohesion around each actor (Burt, Gould–Fernandez,
  participation, k-core, articulation points);
* :mod:`mintgraph.metrics.networks` — size, density and E-I index of each network;
* :mod:`mintgraph.metrics.cohesion` — cohesion, openness, diversity, growth and robustness of each network;
* :mod:`mintgraph.metrics.nexus` — the network of networks and communities vs. declared networks;
* :mod:`mintgraph.metrics.regions` — actors, activities, ties, coverage and white spots per district;
* :mod:`mintgraph.metrics.landscape` — whole-graph figures;
* :mod:`mintgraph.metrics.scorecard` — the seed's "Plus" items mapped to indicators;
* :mod:`mintgraph.metrics.suggestions` — suggested contacts: unlinked pairs that would close a gap.

Every indicator is defined in ``docs/indicators.md`` and ``docs/indicators/``.
"""
