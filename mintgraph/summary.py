"""The type of ``summary.json`` (``Analysis.summary``): every key with its type, defined in
``docs/indicators.md``. A checker (mypy, pyright) sees a misspelt key or a wrong type;
``tests/test_summary_type.py`` checks that an analysis writes exactly these keys.

>>> sorted(Summary.__annotations__)[:3]
['activities', 'actor_types', 'actors']
"""

from __future__ import annotations

from typing import Any, TypedDict

__all__ = ["Summary"]


class Summary(TypedDict):
    """``summary.json``: the whole landscape in the reference year (see ``docs/indicators.md``)."""

    actors: int
    networks: int
    memberships: int
    cooperations: int
    activities: int
    districts: int
    actor_types: dict[str, int]
    umbrella_networks: int
    ties: int
    districts_with_actors: int
    first_year: int | None
    last_year: int | None
    reference_year: int | None
    ended_ties: int
    density: float | None
    components: int
    largest_component_share: float | None
    isolated_actors: int
    average_clustering: float | None
    cross_district_share: float | None
    cross_land_share: float | None
    communities: dict[str, Any]
    centrality: dict[str, Any]
    effects: dict[str, Any]
    survey_ties: dict[str, int] | None
    mutual_only: bool
