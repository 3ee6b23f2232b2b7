"""Survey import: a survey export (one row per respondent) turned into cooperations.

Network surveys (LimeSurvey, Microsoft Forms, Google Forms) ask each organisation to name
its partners; the export has one row per respondent with the partners in columns
"Partner 1", "Partner 2" … A mapping file (TOML) says which column is which:

.. code-block:: toml

    respondent = "Ihre Einrichtung"            # the respondent's actor: id or name
    partners = ["Partner 1", "Partner 2", "Partner 3"]
    type = "Art der Zusammenarbeit"            # optional: one column, or a list (one per partner)
    intensity = "Intensität"                   # optional: a number, the cooperation's weight
    year = 2024                                # the survey year: a number, or a column name
    actors = "data/actors.csv"                 # optional: resolve names to actor ids (relative to this file)

    [types]                                    # optional: answers -> cooperation types
    "Gemeinsames Projekt" = "project"
    "Angebot für Schüler*innen" = "offer"

Each named partner becomes one cooperation row ``respondent → partner``. A tie is
**mutual** when the partner also responded and named the respondent, **one-sided** when
the partner responded without naming the respondent, and **unconfirmed** when the partner
did not respond (so nobody can say). The response rate is the share of the actors in
``actors`` (or, without it, of all actors named) that responded.

Names are resolved to actor ids by exact id, then by normalised name
(:func:`mintgraph.dedupe.normalise_name`), then by a unique fuzzy match at
:data:`mintgraph.dedupe.THRESHOLD`; a partner that matches nothing keeps its name as id
(so that the cooperation is not lost) and is reported.

Example
-------
>>> mapping = SurveyMapping(respondent="Einrichtung", partners=("Partner 1", "Partner 2"), year=2024)
>>> rows = [{"Einrichtung": "A", "Partner 1": "B", "Partner 2": ""}, {"Einrichtung": "B", "Partner 1": "A"}]
>>> survey = survey_cooperations(rows, mapping)
>>> survey.cooperations[["source", "target", "reciprocity"]].values.tolist()
[['A', 'B', 'mutual'], ['B', 'A', 'mutual']]
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

import pandas as pd

from mintgraph.dedupe import THRESHOLD, name_similarity, normalise_name
from mintgraph.errors import DataError, Problem
from mintgraph.io import (
    WORKBOOK_SUFFIXES,
    cell_text,
    decode,
    normalise_header,
    open_workbook,
    sniff_delimiter,
)
from mintgraph.schema import COOPERATION_TYPES, TABLES

RECIPROCITY = ("mutual", "one_sided", "unconfirmed")
"""Values of the ``reciprocity`` column: named by both sides, by one side only, partner did not respond."""

OUTPUT_COLUMNS = ("source", "target", "type", "since", "weight", "source_ref", "reciprocity")
"""Columns of the cooperations table :func:`survey_cooperations` returns (``cooperations.csv`` columns
plus ``reciprocity``)."""


@dataclass(frozen=True)
class SurveyMapping:
    """Which survey column holds what (see the module docstring for the TOML form)."""

    respondent: str
    partners: tuple[str, ...]
    type: str | tuple[str, ...] | None = None
    intensity: str | tuple[str, ...] | None = None
    year: int | str = 0
    actors: Path | None = None
    types: Mapping[str, str] = field(default_factory=dict)
    default_type: str = "other"


@dataclass
class SurveyResult:
    """The cooperations found, the response rate and the problems (warnings) met on the way."""

    cooperations: pd.DataFrame
    respondents: int
    population: int
    problems: list[Problem]

    @property
    def response_rate(self) -> float:
        """Respondents / actors asked (``nan`` when nobody was asked)."""
        return self.respondents / self.population if self.population else float("nan")


def read_mapping(path: str | Path) -> SurveyMapping:
    """Read a mapping file (TOML); errors name the file and the key.

    >>> read_mapping("no/such.toml")
    Traceback (most recent call last):
    mintgraph.errors.DataError: no/such.toml: cannot be read: No such file or directory
    """
    file = Path(path)
    where = str(file)
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DataError([Problem(where, None, None, f"cannot be read: {exc.strerror}")]) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise DataError([Problem(where, None, None, f"not a valid TOML file: {exc}")]) from None

    def fail(key: str, message: str) -> DataError:
        return DataError([Problem(where, None, key, message)])

    respondent = data.get("respondent")
    if not isinstance(respondent, str) or not respondent.strip():
        raise fail("respondent", "needs the name of the column holding the respondent")
    partners = data.get("partners")
    if isinstance(partners, str):
        partners = [partners]
    if not isinstance(partners, list) or not partners or not all(isinstance(p, str) for p in partners):
        raise fail("partners", 'needs a list of the partner columns, e.g. ["Partner 1", "Partner 2"]')
    types = data.get("types", {})
    if not isinstance(types, dict):
        raise fail("types", "must be a table of answer = cooperation type")
    for answer, code in types.items():
        if code not in COOPERATION_TYPES:
            raise fail("types", f"'{answer}' maps to '{code}', not one of {', '.join(COOPERATION_TYPES)}")
    year = data.get("year")
    if (
        isinstance(year, bool)
        or not isinstance(year, int | str)
        or (isinstance(year, str) and not year.strip())
    ):
        raise fail("year", "needs the survey year (a number) or the name of a column holding the date")
    actors = data.get("actors")
    if actors is not None and not isinstance(actors, str):
        raise fail("actors", "must be the path of an actors.csv")

    def columns(key: str) -> str | tuple[str, ...] | None:
        value = data.get(key)
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, list) and all(isinstance(v, str) for v in value) and len(value) == len(partners):
            return tuple(value)
        raise fail(key, "must be one column name, or a list with one column per partner column")

    default = data.get("default_type", "other")
    if default not in COOPERATION_TYPES:
        raise fail("default_type", f"must be one of {', '.join(COOPERATION_TYPES)}")
    return SurveyMapping(
        respondent=respondent,
        partners=tuple(partners),
        type=columns("type"),
        intensity=columns("intensity"),
        year=year,
        actors=(file.parent / actors) if actors else None,
        types={normalise_header(k): v for k, v in types.items()},
        default_type=default,
    )


def read_survey(path: str | Path) -> list[dict[str, str]]:
    """The rows of a survey export (CSV in any encoding and delimiter mintgraph reads, or xlsx).

    The first non-empty row is the header; each further row a dict of its cells.
    """
    file = Path(path)
    where = str(file)
    if file.suffix.lower() in WORKBOOK_SUFFIXES:
        cells = _sheet_rows(file)
    else:
        try:
            text, reason = decode(file.read_bytes())
        except OSError as exc:
            raise DataError([Problem(where, None, None, f"cannot be read: {exc.strerror}")]) from None
        if text is None:
            raise DataError([Problem(where, None, None, f"not a text file: {reason}")])
        import csv

        csv.field_size_limit(1_000_000)
        try:
            cells = list(
                csv.reader(text.splitlines(), delimiter=sniff_delimiter(text, TABLES["cooperations"]))
            )
        except csv.Error as exc:
            raise DataError([Problem(where, None, None, f"not a valid CSV file: {exc}")]) from None
    rows = [c for c in cells if any(str(v).strip() for v in c)]
    if not rows:
        raise DataError([Problem(where, None, None, "file is empty")])
    header = [str(h).strip() for h in rows[0]]
    return [{h: (str(c[i]).strip() if i < len(c) else "") for i, h in enumerate(header)} for c in rows[1:]]


def _sheet_rows(file: Path) -> list[list[str]]:
    """The cells of the workbook's first sheet as text."""
    book, problem = open_workbook(file, label=str(file))
    if problem is not None:
        raise DataError([problem])
    return [[cell_text(v) for v in row] for row in book.worksheets[0].iter_rows(values_only=True)]


class _Resolver:
    """Names or ids to actor ids: exact id, normalised name, unique fuzzy match."""

    def __init__(self, actors: pd.DataFrame | None) -> None:
        self.ids: set[str] = set()
        self.by_name: dict[str, list[str]] = {}
        if actors is not None:
            self.ids = set(actors["id"])
            for actor_id, name in zip(actors["id"], actors["name"], strict=True):
                self.by_name.setdefault(normalise_name(name), []).append(actor_id)

    def __call__(self, text: str) -> tuple[str, str]:
        """``(actor id, how)`` with ``how`` one of ``id``, ``name``, ``fuzzy``, ``unknown``, ``ambiguous``."""
        if not self.ids:
            return text, "id"
        if text in self.ids:
            return text, "id"
        key = normalise_name(text)
        exact = self.by_name.get(key, [])
        if len(exact) == 1:
            return exact[0], "name"
        if len(exact) > 1:
            return text, "ambiguous"
        close = [ids for name, ids in self.by_name.items() if name_similarity(key, name) >= THRESHOLD]
        if len(close) == 1 and len(close[0]) == 1:
            return close[0][0], "fuzzy"
        return text, "ambiguous" if close else "unknown"


def survey_cooperations(
    rows: Sequence[Mapping[str, str]],
    mapping: SurveyMapping,
    *,
    actors: pd.DataFrame | None = None,
    file: str = "survey",
) -> SurveyResult:
    """Turn survey rows into cooperation rows with their reciprocity.

    Parameters
    ----------
    rows : the survey's rows as dicts (header → cell), e.g. from :func:`read_survey`.
    mapping : which column is which.
    actors : the actors table (``id``, ``name``) to resolve names; ``None``: cells are ids.
    file : the survey's file name, for messages and ``source_ref``.

    Returns
    -------
    :class:`SurveyResult`. Its ``cooperations`` have the columns :data:`OUTPUT_COLUMNS`.

    Raises
    ------
    DataError
        If a mapped column is missing from the survey.
    """
    header = list(rows[0]) if rows else []
    wanted = [mapping.respondent, *mapping.partners]
    for key in ("type", "intensity"):
        value = getattr(mapping, key)
        wanted += [value] if isinstance(value, str) else list(value or ())
    if isinstance(mapping.year, str):
        wanted.append(mapping.year)
    missing = [c for c in dict.fromkeys(wanted) if c not in header]
    if missing:
        raise DataError(
            [
                Problem(file, 1, c, "column named in the mapping is missing", "header: " + ", ".join(header))
                for c in missing
            ]
        )
    resolve = _Resolver(actors)
    problems: list[Problem] = []
    named: dict[str, set[str]] = {}
    records: list[dict[str, object]] = []
    for line, row in enumerate(rows, start=2):
        who_text = row.get(mapping.respondent, "")
        if not who_text:
            problems.append(
                Problem(file, line, mapping.respondent, "no respondent, row skipped", severity="warning")
            )
            continue
        year = _year(mapping, row, file, line, problems)
        if year is None:
            continue
        who = _resolved(resolve, who_text, file, line, mapping.respondent, problems)
        named.setdefault(who, set())
        for i, column in enumerate(mapping.partners):
            partner_text = row.get(column, "")
            if not partner_text:
                continue
            partner = _resolved(resolve, partner_text, file, line, column, problems)
            if partner == who:
                problems.append(
                    Problem(file, line, column, "respondent named itself, skipped", severity="warning")
                )
                continue
            named[who].add(partner)
            records.append(
                {
                    "source": who,
                    "target": partner,
                    "type": _type(mapping, row, i, file, line, problems),
                    "since": year,
                    "weight": _intensity(mapping, row, i, file, line, problems),
                    "source_ref": f"survey: {file}, row {line}",
                }
            )
    for record in records:
        # both ids come from _resolved above: str
        partner, who = cast(str, record["target"]), cast(str, record["source"])
        if partner not in named:
            record["reciprocity"] = "unconfirmed"
        else:
            record["reciprocity"] = "mutual" if who in named[partner] else "one_sided"
    table = pd.DataFrame(records, columns=list(OUTPUT_COLUMNS))
    table["since"] = pd.array(table["since"], dtype="Int64")
    table["weight"] = pd.to_numeric(table["weight"], errors="coerce")
    asked = set(actors["id"]) if actors is not None else set(named) | set(table["target"])
    return SurveyResult(table, respondents=len(set(named) & asked), population=len(asked), problems=problems)


def _resolved(
    resolve: _Resolver, text: str, file: str, line: int, column: str, problems: list[Problem]
) -> str:
    actor, how = resolve(text)
    if how == "fuzzy":
        problems.append(
            Problem(file, line, column, f"'{text}' read as actor '{actor}'", "check", severity="warning")
        )
    elif how in ("unknown", "ambiguous"):
        what = "matches no actor" if how == "unknown" else "matches several actors"
        problems.append(
            Problem(
                file,
                line,
                column,
                f"'{text}' {what}; kept as its own id",
                "add it to actors.csv",
                severity="warning",
            )
        )
    return actor


def _column(spec: str | tuple[str, ...] | None, i: int) -> str | None:
    """The column of partner ``i``'s answer: one for every partner, one each, or none."""
    if spec is None:
        return None
    return spec if isinstance(spec, str) else spec[i]


def _cell(spec: str | tuple[str, ...] | None, row: Mapping[str, str], i: int) -> str:
    column = _column(spec, i)
    return "" if column is None else row.get(column, "")


def _type(
    mapping: SurveyMapping, row: Mapping[str, str], i: int, file: str, line: int, problems: list[Problem]
) -> str:
    answer = _cell(mapping.type, row, i)
    if not answer:
        return mapping.default_type
    key = normalise_header(answer)
    if key in mapping.types:
        return mapping.types[key]
    if key in COOPERATION_TYPES:
        return key
    column = _column(mapping.type, i)
    problems.append(
        Problem(
            file,
            line,
            column,
            f"answer '{answer}' has no cooperation type; '{mapping.default_type}' used",
            "add it under [types] in the mapping",
            severity="warning",
        )
    )
    return mapping.default_type


def _intensity(
    mapping: SurveyMapping, row: Mapping[str, str], i: int, file: str, line: int, problems: list[Problem]
) -> float | None:
    answer = _cell(mapping.intensity, row, i)
    if not answer:
        return None
    try:
        value = float(answer.replace(",", "."))
    except ValueError:
        value = -1.0
    if not value >= 0 or value == float("inf"):
        column = _column(mapping.intensity, i)
        problems.append(
            Problem(file, line, column, f"'{answer}' is not a number; left empty", severity="warning")
        )
        return None
    return value


def _year(
    mapping: SurveyMapping, row: Mapping[str, str], file: str, line: int, problems: list[Problem]
) -> int | None:
    if isinstance(mapping.year, int):
        return mapping.year
    if isinstance(mapping.year, str):
        text = row.get(mapping.year, "")
        years = re.findall(r"(?<!\d)(1[89]\d\d|20\d\d|2100)(?!\d)", text)  # "2024-05-03", "03.05.2024 10:00"
        if years:
            return int(years[0])
        problems.append(
            Problem(file, line, mapping.year, f"'{text}' holds no year, row skipped", severity="warning")
        )
    return None
