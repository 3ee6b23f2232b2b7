"""Indicator families: pure functions, graph and tables in, table out.

* :mod:`mintgraph.metrics.actors` — centralities of each actor;
* :mod:`mintgraph.metrics.networks` — size, density and E-I index of each network;
* :mod:`mintgraph.metrics.regions` — actors, activities and ties per district;
* :mod:`mintgraph.metrics.landscape` — whole-graph figures.

Every indicator is defined in ``docs/indicators.md``.
"""
