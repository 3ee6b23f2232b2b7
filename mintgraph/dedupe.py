"""Duplicate actors: the same organisation spelled several ways, found and merged on request.

Coordinators collect their lists by hand, so "Uni Kassel", "Universität Kassel" and
"Universitaet Kassel" end up as three actors, and every indicator counts them three times.
Finding and merging them is two steps, so that nothing is merged without a person saying so:

1. :func:`find_duplicates` (``mintgraph dedupe DATA``) compares the names of the actors
   **within each district** — never across districts, where the same name often means a
   different branch — and writes the likely duplicates with a score to ``duplicates.csv``,
   its ``confirmed`` column empty.
2. The user checks the list, writes ``yes`` into ``confirmed`` where two rows really are one
   organisation, and puts the file into the data folder. On load (:func:`merge_duplicates`)
   every confirmed ``duplicate_id`` is replaced by its ``actor_id`` in every table, and the
   duplicate's actor row is dropped. The input files themselves are never changed.

Matching: names are normalised (:func:`normalise_name`: case, umlauts and ß, punctuation,
legal forms such as "e.V." or "GmbH", common abbreviations such as "Uni" or "HS"), then
compared word by word with rapidfuzz's normalised Indel similarity (:func:`name_similarity`):
a typo in a word is forgiven, a different or an extra word is not, and two names whose
numbers differ ("Grundschule Kassel 2" / "Grundschule Kassel 3") are never duplicates.

Example
-------
>>> normalise_name("Uni Kassel"), normalise_name("Universitaet  Kassel"), normalise_name("Universität Kassel")
('universitaet kassel', 'universitaet kassel', 'universitaet kassel')
>>> from mintgraph.testing import tiny_dataset
>>> find_duplicates(tiny_dataset()).empty
True
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence

import pandas as pd

from mintgraph.defaults import DEDUPE_THRESHOLD
from mintgraph.errors import Problem
from mintgraph.model import Dataset

THRESHOLD = DEDUPE_THRESHOLD
"""Default minimum score (0–100) of a likely duplicate (:data:`mintgraph.defaults.DEDUPE_THRESHOLD`)."""

ABBREVIATIONS: dict[str, str] = {
    "uni": "universitaet",
    "univ": "universitaet",
    "hs": "hochschule",
    "fh": "fachhochschule",
    "tu": "technische universitaet",
    "gs": "grundschule",
    "gym": "gymnasium",
    "st": "sankt",
    "str": "strasse",
    "ev": "",
    "e v": "",
    "gmbh": "",
    "ggmbh": "",
    "ag": "",
    "kg": "",
    "mbh": "",
}
"""Words replaced before comparing (after lower-casing and removing punctuation); legal forms are dropped."""

_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})

COLUMNS: tuple[str, ...] = (
    "actor_id",
    "actor_name",
    "duplicate_id",
    "duplicate_name",
    "region",
    "score",
    "confirmed",
)
"""Columns of ``duplicates.csv`` as :func:`find_duplicates` writes it."""


def normalise_name(name: str) -> str:
    """A name reduced to what tells organisations apart.

    Lower case; ä, ö, ü, ß as ae, oe, ue, ss; other accents dropped; punctuation as
    space; :data:`ABBREVIATIONS` expanded; legal forms dropped; spaces collapsed.

    >>> normalise_name("Förderverein Jugend forscht e.V.")
    'foerderverein jugend forscht'
    >>> normalise_name("HS Fulda")
    'hochschule fulda'
    """
    text = str(name).casefold().translate(_TRANSLITERATION)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"\be\.\s*v\.?", " ev ", text)
    words = re.sub(r"[^\w]+", " ", text).split()
    expanded = [ABBREVIATIONS.get(w, w) for w in words]
    return " ".join(w for w in " ".join(expanded).split() if w)


def _numbers(name: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\d+", name))


TOKEN_MATCH = 85.0
"""Minimum similarity (0–100) of two words that count as the same word with a typo."""


def name_similarity(a: str, b: str) -> float:
    """Similarity (0–100) of two normalised names, 0 when a distinctive part differs.

    Every word of one name must match a word of the other (the same word with at most a
    typo: rapidfuzz ratio ≥ :data:`TOKEN_MATCH`); words left over on both sides must match
    once written together ("kinder akademie" = "kinderakademie"); an extra word on one side
    only ("Gymnasium Kassel" / "Gymnasium Kassel Nord") or different numbers mean different
    organisations. Otherwise the score is the larger of rapidfuzz's ``ratio`` of the names
    without spaces and ``token_sort_ratio``.

    >>> name_similarity("universitaet kassel", "universitaet kassel")
    100.0
    >>> name_similarity("grundschule kassel 2", "grundschule kassel 3")
    0.0
    >>> round(name_similarity("univeristaet kassel", "universitaet kassel"), 1)
    94.7
    >>> name_similarity("realschule ahnatal", "realschule baunatal"), name_similarity("gymnasium kassel", "gymnasium kassel nord")
    (0.0, 0.0)
    >>> name_similarity("kinder akademie fulda", "kinderakademie fulda")
    100.0
    """
    from rapidfuzz import fuzz

    if _numbers(a) != _numbers(b):
        return 0.0
    left, right = a.split(), b.split()
    for word in list(left):
        best = max(right, key=lambda w: fuzz.ratio(word, w), default=None)
        if best is not None and fuzz.ratio(word, best) >= TOKEN_MATCH:
            left.remove(word)
            right.remove(best)
    leftover = bool(left or right)
    if leftover and (not (left and right) or fuzz.ratio("".join(left), "".join(right)) < TOKEN_MATCH):
        return 0.0
    return float(max(fuzz.ratio(a.replace(" ", ""), b.replace(" ", "")), fuzz.token_sort_ratio(a, b)))


def find_duplicates(dataset: Dataset, *, threshold: float = THRESHOLD) -> pd.DataFrame:
    """Likely duplicate actors: pairs in the same district whose names match at ``threshold`` or more.

    Of each pair, the actor with more rows referring to it (cooperations, memberships,
    activities; then the smaller id) is kept as ``actor_id``; the other is the
    ``duplicate_id``. An actor that is the duplicate of several is listed with its best
    match only, and an actor kept for others is never listed as a duplicate itself, so the
    confirmed file maps straight onto the kept actors.

    Parameters
    ----------
    dataset : the landscape.
    threshold : minimum :func:`name_similarity` (0–100).

    Returns
    -------
    ``pandas.DataFrame`` with :data:`COLUMNS`, best score first; ``confirmed`` empty.

    Example
    -------
    >>> from mintgraph.testing import TINY
    >>> from mintgraph.validate import check_records
    >>> actors = TINY["actors"] + [{"id": "u2", "name": "Uni.", "type": "university", "region": "06611"}]
    >>> ds = check_records({**TINY, "actors": actors}).dataset
    >>> find_duplicates(ds)[["actor_id", "duplicate_id", "score"]].values.tolist()
    [['u1', 'u2', 100.0]]
    """
    actors = dataset.actors
    refs = _reference_counts(dataset)
    normalised = actors["name"].map(normalise_name)
    pairs: list[tuple[float, str, str]] = []
    for _, group in actors.groupby("region", sort=True):
        ids = group["id"].tolist()
        names = normalised[group.index].tolist()
        for i, j in _similar_pairs(names, threshold):
            score = name_similarity(names[i], names[j])
            if score >= threshold:
                keep, drop = sorted((ids[i], ids[j]), key=lambda a: (-refs.get(a, 0), a))
                pairs.append((score, keep, drop))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    kept: set[str] = set()
    dropped: set[str] = set()
    rows = []
    by_id = actors.set_index("id")
    for score, keep, drop in pairs:
        if drop in dropped or drop in kept or keep in dropped:
            continue
        kept.add(keep)
        dropped.add(drop)
        rows.append(
            {
                "actor_id": keep,
                "actor_name": by_id.at[keep, "name"],
                "duplicate_id": drop,
                "duplicate_name": by_id.at[drop, "name"],
                "region": by_id.at[keep, "region"],
                "score": round(score, 1),
                "confirmed": "",
            }
        )
    return pd.DataFrame(rows, columns=list(COLUMNS))


def _similar_pairs(names: list[str], threshold: float) -> list[tuple[int, int]]:
    """Index pairs ``i < j`` whose names reach ``threshold`` by either scorer (rapidfuzz ``cdist``, in C)."""
    if len(names) < 2:
        return []
    import numpy as np
    from rapidfuzz import fuzz, process

    hits = np.zeros((len(names), len(names)), dtype=bool)
    for scorer in (fuzz.ratio, fuzz.token_sort_ratio):
        # a generous first pass in C; name_similarity decides
        cutoff = max(threshold - 15, 0)
        hits |= process.cdist(names, names, scorer=scorer, score_cutoff=cutoff, dtype=np.uint8) > 0
    rows, cols = np.nonzero(np.triu(hits, k=1))
    return list(zip(rows.tolist(), cols.tolist(), strict=True))


def _reference_counts(dataset: Dataset) -> dict[str, int]:
    ends = pd.concat(
        [
            dataset.cooperations["source"],
            dataset.cooperations["target"],
            dataset.memberships["actor_id"],
            dataset.activities["provider"],
        ]
    )
    return ends.value_counts().to_dict()


def confirmed_mapping(
    rows: Sequence[Mapping[str, object]], lines: list[int], file: str
) -> tuple[dict[str, str], list[Problem]]:
    """The confirmed rows of ``duplicates.csv`` as ``{duplicate_id: actor_id}``, chains resolved.

    Rows with ``confirmed`` other than yes are skipped. Problems: an id merged into itself, an id
    confirmed as the duplicate of two different actors, merges that form a cycle.

    >>> confirmed_mapping(
    ...     [{"duplicate_id": "a", "actor_id": "b", "confirmed": "yes"},
    ...      {"duplicate_id": "b", "actor_id": "c", "confirmed": "yes"},
    ...      {"duplicate_id": "x", "actor_id": "y", "confirmed": "no"}], [2, 3, 4], "duplicates.csv")
    ({'a': 'c', 'b': 'c'}, [])
    """
    mapping: dict[str, str] = {}
    line_of: dict[str, int] = {}
    problems: list[Problem] = []
    for row, line in zip(rows, lines, strict=True):
        if row.get("confirmed") not in ("yes", "ja"):
            continue
        dup, keep = str(row["duplicate_id"]), str(row["actor_id"])
        if dup == keep:
            problems.append(Problem(file, line, "actor_id", f"'{dup}' cannot be a duplicate of itself"))
        elif dup in mapping and mapping[dup] != keep:
            problems.append(
                Problem(
                    file,
                    line,
                    "duplicate_id",
                    f"'{dup}' is confirmed as a duplicate of both '{mapping[dup]}' and '{keep}'",
                    "keep one of the two rows",
                )
            )
        else:
            mapping[dup] = keep
            line_of[dup] = line
    resolved: dict[str, str] = {}
    for dup in mapping:
        seen, target = [dup], mapping[dup]
        while target in mapping:
            if target in seen:
                problems.append(
                    Problem(
                        file, line_of[dup], "actor_id", "merges form a cycle: " + " → ".join([*seen, target])
                    )
                )
                break
            seen.append(target)
            target = mapping[target]
        resolved[dup] = target
    return (resolved, problems) if not problems else ({}, problems)


def merge_duplicates(frames: dict[str, pd.DataFrame], mapping: Mapping[str, str]) -> dict[str, pd.DataFrame]:
    """Apply ``{duplicate_id: actor_id}`` to the tables: ids replaced, duplicate actors dropped.

    Cooperations that become an actor's cooperation with itself are dropped; repeated
    memberships keep their first row (the earliest ``since`` wins). Input frames are not changed.

    >>> from mintgraph.testing import tiny_dataset
    >>> ds = tiny_dataset()
    >>> frames = {"actors": ds.actors, "cooperations": ds.cooperations, "memberships": ds.memberships,
    ...           "activities": ds.activities, "networks": ds.networks}
    >>> merged = merge_duplicates(frames, {"s2": "s1"})
    >>> len(merged["actors"]), len(merged["cooperations"]), len(merged["memberships"])
    (5, 5, 3)
    """
    if not mapping:
        return dict(frames)

    def replace(series: pd.Series) -> pd.Series:
        return series.map(lambda v: mapping.get(v, v))

    out = dict(frames)
    out["actors"] = frames["actors"][~frames["actors"]["id"].isin(mapping)].reset_index(drop=True)
    coops = frames["cooperations"].assign(
        source=replace(frames["cooperations"]["source"]), target=replace(frames["cooperations"]["target"])
    )
    out["cooperations"] = coops[coops["source"] != coops["target"]].reset_index(drop=True)
    members = frames["memberships"].assign(actor_id=replace(frames["memberships"]["actor_id"]))
    members = members.sort_values("since", kind="stable", na_position="last")
    members = members[~members.duplicated(["actor_id", "network_id"])].sort_index()
    out["memberships"] = members.reset_index(drop=True)
    out["activities"] = frames["activities"].assign(provider=replace(frames["activities"]["provider"]))
    networks = frames["networks"]
    out["networks"] = networks.assign(coordinator=replace(networks["coordinator"]))
    return out
