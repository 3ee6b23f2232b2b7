"""The type of ``summary.json`` (``Analysis.summary``): every key with its type, defined in
``docs/indicators.md``. A checker (mypy, pyright) sees a misspelt key or a wrong type;
``tests/test_summary_type.py`` checks that an analysis writes exactly these keys.

>>> sorted(Summary.__annotations__)[:3]
['activities', 'actor_types', 'actors']
"""

from __future__ import annotations

from typing import Any, TypedDict

__all__ = ["LandscapeFigures", "Summary"]


class LandscapeFigures(TypedDict):
    """Counts and whole-graph figures (:func:`mintgraph.metrics.landscape.landscape_summary`),
    the first part of :class:`Summary`."""

    actors: int
    actor_types: dict[str, int]
    networks: int
    umbrella_networks: int
    memberships: int
    cooperations: int
    ties: int
    activities: int
    districts: int
    districts_with_actors: int
    first_year: int | None
    last_year: int | None
    density: float | None
    components: int
    largest_component_share: float | None
    isolated_actors: int
    average_clustering: float | None
    cross_district_share: float | None
    cross_land_share: float | None


class Summary(LandscapeFigures):
    """``summary.json``: the whole landscape in the reference year (see ``docs/indicators.md``):
    the keys of :class:`LandscapeFigures` and these."""

    reference_year: int | None
    ended_ties: int
    communities: dict[str, Any]
    centrality: dict[str, Any]
    effects: dict[str, Any]
    survey_ties: dict[str, int] | None
    mutual_only: bool
