"""The offline survey form: a self-contained HTML questionnaire, and its answer files read back.

``mintgraph survey-form`` writes one HTML file per form (the whole landscape, or one network)
that a coordinator e-mails to the members. It needs no server and sends nothing anywhere: the
respondent picks their own organisation, names partners from the roster (the dataset's actors:
id, name, type and district — never personal data), answers a few questions per partner, may add
a partner that is not on the list and their own MINT offers, and saves **one answer file** that
they e-mail back. While they fill it in, the answers are kept in the browser (``localStorage``),
so a closed tab loses nothing.

The answer file is JSON::

    {"format": "mintgraph-survey-answer", "version": 1, "form_id": "3f2a…", "network": "net-a",
     "respondent": "schule-eins", "saved": "2026-12-04T09:15:02.123Z", "lang": "de",
     "partners": [{"actor": "uni-kassel", "type": "project", "since": 2021,
                   "frequency": "monthly", "trust": 4, "contribution": 3},
                  {"new": {"name": "Verein X", "type": "association", "region": "06611"},
                   "type": "offer", "since": 2024}],
     "activities": [{"name": "Robotik-AG", "region": "06611", "topic": "IT", "format": "course",
                     "target_group": "lower_secondary", "year": 2025}],
     "checksum": "sha256 of the canonical JSON of everything else"}

``form_id`` is derived from the roster and the network (:func:`form_id`), so a file answers
exactly one form of one dataset. ``checksum`` is the SHA-256 of the answer without it, written
as canonical JSON (keys sorted, no spaces, UTF-8): a file edited by hand or damaged on the way
no longer matches. It guards against accidents, not against a forger — the form holds no secret.

:func:`import_answers` reads a folder of answer files into cooperation rows with their
reciprocity (as :mod:`mintgraph.survey` does for survey exports), new actors to confirm (with
the similar existing actors found by the rules of ``mintgraph dedupe``), activities, and the
response rate per network with the actors that have not answered yet.

Example
-------
>>> from mintgraph.testing import tiny_dataset
>>> ds = tiny_dataset()
>>> fid = form_id(ds)
>>> len(fid), fid == form_id(ds), fid != form_id(ds, "net-a")
(16, True, True)
>>> answer = {"format": FORMAT, "version": VERSION, "form_id": fid, "respondent": "s1", "partners": []}
>>> answer["checksum"] = answer_checksum(answer)
>>> verify_answer(answer, {fid: None}, "a.json")["respondent"]
's1'
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from markupsafe import Markup

from mintgraph.dedupe import THRESHOLD, name_similarity
from mintgraph.errors import DataError, Problem
from mintgraph.i18n import ACTOR_TYPE_NAMES, COOPERATION_TYPE_NAMES, LANGS
from mintgraph.i18n import SURVEY_LABELS as LABELS
from mintgraph.model import Dataset
from mintgraph.schema import ACTOR_TYPES, COOPERATION_TYPES, SURVEY_FREQUENCIES, TOPIC_LETTERS
from mintgraph.survey import OUTPUT_COLUMNS as SURVEY_COLUMNS

__all__ = [
    "FORMAT",
    "FREQUENCIES",
    "SCALE",
    "VERSION",
    "AnswerImport",
    "answer_checksum",
    "canonical_json",
    "form_id",
    "import_answers",
    "render_survey_form",
    "verify_answer",
    "write_survey_forms",
]

FORMAT = "mintgraph-survey-answer"
"""The ``format`` of an answer file."""
VERSION = 1
"""The answer file version this mintgraph writes and reads."""

FREQUENCIES: tuple[str, ...] = SURVEY_FREQUENCIES
"""How often the two work together (optional question): every week, every month, a few times a
year, about once a year, less often."""

SCALE = (1, 2, 3, 4)
"""The two optional partner ratings, after the PARTNER tool's trust and value items (Varda et al.
2008; https://partnertool.net): 1 not at all, 2 a little, 3 a fair amount, 4 a great deal."""

COLUMNS: tuple[str, ...] = (*SURVEY_COLUMNS, "frequency", "trust", "contribution")
"""Columns of the cooperation rows :func:`import_answers` returns."""

ACTOR_COLUMNS = ("id", "name", "type", "region", "source_ref", "similar_to")
"""Columns of the new actors to confirm."""

ACTIVITY_COLUMNS = ("id", "name", "provider", "region", "topic", "format", "target_group", "year", "source")
"""Columns of the activities (those of ``activities.csv``)."""


FIRST_YEAR = 1950
"""The earliest year the form accepts for "since" (the latest is the current year)."""


# --------------------------------------------------------------------------- the form


def form_id(dataset: Dataset, network: str | None = None) -> str:
    """The id of a form: the first 16 hex digits of the SHA-256 of the network and the sorted actor
    ids (the roster). Forms made from the same data are the same form; another roster or network
    is another form.

    >>> from mintgraph.testing import tiny_dataset
    >>> form_id(tiny_dataset()) == form_id(tiny_dataset()), len(form_id(tiny_dataset(), "net-a"))
    (True, 16)
    """
    return form_ids(dataset, [network])[network]


def form_ids(dataset: Dataset, networks: list[str | None]) -> dict[str | None, str]:
    """:func:`form_id` of several forms of one dataset, the roster sorted once.

    >>> from mintgraph.testing import tiny_dataset
    >>> ids = form_ids(tiny_dataset(), [None, "net-a"])
    >>> ids[None] == form_id(tiny_dataset()) and ids["net-a"] == form_id(tiny_dataset(), "net-a")
    True
    """
    roster = "\n".join(sorted(str(i) for i in dataset.actors["id"]))
    return {
        network: hashlib.sha256(f"{FORMAT}\n{network or ''}\n{roster}".encode()).hexdigest()[:16]
        for network in networks
    }


def render_survey_form(dataset: Dataset, network: str | None = None, *, lang: str = "de") -> str:
    """Return the self-contained HTML questionnaire for the landscape or one network.

    Respondents are the network's members (every actor for the whole landscape); partners can be
    any actor. The roster holds each actor's id, name, type and district only.

    Example
    -------
    >>> from mintgraph.testing import tiny_dataset
    >>> page = render_survey_form(tiny_dataset(), "net-a", lang="en")
    >>> "MINT network survey: Netz A" in page and "contact_person" not in page
    True
    """
    from mintgraph.views.common import environment, json_for_script

    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGS)}")
    labels = LABELS[lang]
    actors = dataset.actors
    if network is not None and network not in set(dataset.networks["id"]):
        raise ValueError(f"unknown network {network!r}; networks: {', '.join(dataset.networks['id'])}")
    names = dataset.region_names()
    districts = sorted(names.items(), key=lambda item: (item[1], item[0]))
    district_index = {code: i for i, (code, _) in enumerate(districts)}
    type_index = {code: i for i, code in enumerate(ACTOR_TYPES)}
    roster = [  # (id, name, type, district): a list of four in the JSON
        (
            str(row.id),
            str(row.name),
            type_index.get(str(row.type), len(ACTOR_TYPES) - 1),
            district_index.get(str(row.region), -1),
        )
        for row in actors.itertuples(index=False)
    ]
    roster.sort(key=lambda r: (r[1].casefold(), r[0]))
    if network is None:
        respondents = None
        network_name = ""
    else:
        members = set(dataset.memberships.loc[dataset.memberships["network_id"] == network, "actor_id"])
        respondents = sorted(i for i, r in enumerate(roster) if r[0] in members)
        network_name = str(dataset.networks.set_index("id").at[network, "name"])
    fid = form_id(dataset, network)
    data = {
        "formId": fid,
        "format": FORMAT,
        "version": VERSION,
        "network": network,
        "lang": lang,
        "actors": roster,
        "respondents": respondents,
        "types": [[code, ACTOR_TYPE_NAMES[lang][code]] for code in ACTOR_TYPES],
        "districts": [[code, name] for code, name in districts],
        "coopTypes": [[code, COOPERATION_TYPE_NAMES[lang][code]] for code in COOPERATION_TYPES],
        "frequencies": [[code, labels[f"freq_{code}"]] for code in FREQUENCIES],
        "scale": [[n, labels[f"scale_{n}"]] for n in SCALE],
        "topics": [[letter, labels[f"topic_{letter}"]] for letter in TOPIC_LETTERS],
        "firstYear": FIRST_YEAR,
        "labels": labels,
    }
    title = labels["title_network"].replace("{network}", network_name) if network else labels["title"]
    template = environment().get_template("survey_form.html.j2")
    return template.render(
        lang=lang,
        title=title,
        labels=labels,
        footer=labels["footer"].replace("{form_id}", fid),
        form_data=Markup(json_for_script(data)),
    )


def write_survey_forms(
    dataset: Dataset, out: str | Path, networks: list[str] | None = None, *, lang: str = "de"
) -> list[Path]:
    """Write ``survey.html`` (the whole landscape) or ``survey-<network>.html`` per network into
    ``out`` (created if needed; all of them or, after an error or Ctrl-C, none). Returns the paths.

    >>> import tempfile
    >>> from mintgraph.testing import tiny_dataset
    >>> [p.name for p in write_survey_forms(tiny_dataset(), tempfile.mkdtemp(), ["net-a"])]
    ['survey-net-a.html']
    """
    from mintgraph.files import safe_filename, write_all

    folder = Path(out)
    pages = {}
    targets: list[str | None] = [*networks] if networks else [None]
    for network in targets:
        name = "survey.html" if network is None else f"survey-{safe_filename(network)}.html"
        pages[folder / name] = render_survey_form(dataset, network, lang=lang)
    return write_all(pages.items())  # all pages or (an error, Ctrl-C) none


# --------------------------------------------------------------------------- answer files


def canonical_json(value: Any) -> str:
    """JSON with sorted keys and no spaces, non-ASCII as is — what the form hashes.

    >>> canonical_json({"b": 1, "a": ["ä", None]})
    '{"a":["ä",null],"b":1}'
    """
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def answer_checksum(answer: dict[str, Any]) -> str:
    """SHA-256 (hex) of the UTF-8 bytes of the canonical JSON of the answer without ``checksum``."""
    body = {k: v for k, v in answer.items() if k != "checksum"}
    return hashlib.sha256(canonical_json(body).encode("utf-8")).hexdigest()


def verify_answer(answer: Any, forms: dict[str, str | None], file: str) -> dict[str, Any]:
    """Check an answer file's content: its format and version, that it answers one of ``forms``
    (form id → network id) and that its checksum matches. Raises :class:`DataError` with one
    problem naming ``file``; returns the answer.
    """

    def fail(message: str, hint: str = "") -> DataError:
        return DataError([Problem(file, None, None, message, hint)])

    if not isinstance(answer, dict) or answer.get("format") != FORMAT:
        raise fail("not a mintgraph survey answer file", "saved by a form of 'mintgraph survey-form'?")
    if answer.get("version") != VERSION:
        raise fail(
            f"answer file version {answer.get('version')!r} is not supported",
            f"this mintgraph reads version {VERSION}",
        )
    if answer.get("form_id") not in forms:
        raise fail(
            f"answers another form ({answer.get('form_id')!r})",
            "a form made from other data or for another network; make the forms from the data you import into",
        )
    if answer.get("checksum") != answer_checksum(answer):
        raise fail(
            "the file was changed after it was saved (checksum does not match)",
            "ask for the file as the form saved it",
        )
    if not isinstance(answer.get("respondent"), str) or not isinstance(answer.get("partners", []), list):
        raise fail("the answer has no respondent or no partner list")
    return answer


@dataclass
class AnswerImport:
    """What :func:`import_answers` read from a folder of answer files."""

    cooperations: pd.DataFrame
    new_actors: pd.DataFrame
    activities: pd.DataFrame
    respondents: list[str]
    response: pd.DataFrame
    """One row per form scope (``network`` id, ``all`` for the landscape): ``members``,
    ``answered``, ``rate``."""
    not_answered: pd.DataFrame
    """The actors asked that have not answered: ``id``, ``name``, ``networks`` and, when
    ``actors.csv`` has them, ``contact_person`` and ``email`` (for the reminder; never in HTML)."""
    warnings: list[Problem] = field(default_factory=list)


def import_answers(folder: str | Path, dataset: Dataset) -> AnswerImport:
    """Read every ``*.json`` answer file in ``folder`` for forms made from ``dataset``.

    Each partner becomes one cooperation row *respondent → partner* (a partner added by hand
    gets a new actor id ``new-<slug>``; it is listed in ``new_actors`` with the existing actors
    of the same district whose names are similar by the rules of ``mintgraph dedupe``, to be
    confirmed before it is added to ``actors.csv``). Reciprocity as in :mod:`mintgraph.survey`:
    ``mutual`` when the partner answered and named the respondent, ``one_sided`` when the
    partner answered without naming it, ``unconfirmed`` when the partner did not answer. A
    respondent with two files: the one saved later counts (a warning says so).

    Raises
    ------
    DataError
        For the first file that is malformed, for another form, or changed after saving
        (one problem naming the file); nothing is returned then.
    """
    folder = Path(folder)
    files = sorted(p for p in folder.glob("*.json") if p.is_file())
    if not files:
        raise DataError([Problem(str(folder), None, None, "no answer files (*.json) in this folder")])
    ids = form_ids(dataset, [None, *(str(n) for n in dataset.networks["id"])])
    forms = {fid: network for network, fid in ids.items()}
    answers: dict[str, tuple[dict[str, Any], Path]] = {}
    warnings: list[Problem] = []
    known = set(dataset.actors["id"].astype(str))
    for path in files:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            reason = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
            raise DataError(
                [Problem(path.name, None, None, f"cannot be read as an answer file: {reason}")]
            ) from None
        answer = verify_answer(raw, forms, path.name)
        who = answer["respondent"]
        if who not in known:
            raise DataError(
                [Problem(path.name, None, None, f"the respondent {who!r} is not an actor of this data")]
            )
        if who in answers:
            before, before_path = answers[who]
            later = (str(answer.get("saved", "")), path.name) > (
                str(before.get("saved", "")),
                before_path.name,
            )
            kept, dropped = (path, before_path) if later else (before_path, path)
            warnings.append(
                Problem(
                    kept.name,
                    None,
                    None,
                    f"{who} answered twice ({dropped.name}, {kept.name}): {kept.name} counts, saved later",
                    severity="warning",
                )
            )
            if not later:
                continue
        answers[who] = (answer, path)
    return _collect(answers, dataset, forms, warnings, known)


def _collect(
    answers: dict[str, tuple[dict[str, Any], Path]],
    dataset: Dataset,
    forms: dict[str, str | None],
    warnings: list[Problem],
    known: set[str],
) -> AnswerImport:
    regions = set(dataset.regions["code"].astype(str))
    new_ids: dict[tuple[str, str, str], str] = {}
    new_rows: list[dict[str, Any]] = []
    records: list[dict[str, Any]] = []
    activities: list[dict[str, Any]] = []
    named: dict[str, set[str]] = {who: set() for who in answers}
    for who, (answer, path) in sorted(answers.items()):
        for i, partner in enumerate(answer.get("partners") or []):
            if not isinstance(partner, dict):
                continue
            where = f"partner {i + 1}"
            target = _partner_id(partner, known, regions, new_ids, new_rows, path.name)
            if target is None:
                warnings.append(
                    Problem(
                        path.name, None, where, "partner without a known actor, skipped", severity="warning"
                    )
                )
                continue
            if target == who:
                continue
            named[who].add(target)
            records.append(
                {
                    "source": who,
                    "target": target,
                    "type": partner.get("type") if partner.get("type") in COOPERATION_TYPES else "other",
                    "since": _int(partner.get("since")),
                    "weight": None,
                    "source_ref": f"survey form: {path.name}",
                    "frequency": partner.get("frequency") if partner.get("frequency") in FREQUENCIES else "",
                    "trust": _int(partner.get("trust")) if _int(partner.get("trust")) in SCALE else None,
                    "contribution": _int(partner.get("contribution"))
                    if _int(partner.get("contribution")) in SCALE
                    else None,
                }
            )
        for j, act in enumerate(answer.get("activities") or []):
            if isinstance(act, dict) and str(act.get("name", "")).strip():
                activities.append(
                    {
                        "id": f"survey-{_slug(who)}-{j + 1}",
                        "name": str(act.get("name", "")).strip(),
                        "provider": who,
                        "region": str(act.get("region", "")),
                        "topic": str(act.get("topic", "")),
                        "format": str(act.get("format", "")).strip(),
                        "target_group": str(act.get("target_group", "")).strip(),
                        "year": _int(act.get("year")),
                        "source": f"survey form: {path.name}",
                    }
                )
    for record in records:
        partner = record["target"]
        if partner not in named:
            record["reciprocity"] = "unconfirmed"
        else:
            record["reciprocity"] = "mutual" if record["source"] in named[partner] else "one_sided"
    table = pd.DataFrame(records, columns=list(COLUMNS))
    for column in ("since", "trust", "contribution"):
        table[column] = pd.array(table[column], dtype="Int64")
    table["weight"] = pd.to_numeric(table["weight"], errors="coerce")
    response, waiting = _response(dataset, set(answers), forms)
    return AnswerImport(
        cooperations=table,
        new_actors=similar_actors(pd.DataFrame(new_rows, columns=list(ACTOR_COLUMNS)), dataset),
        activities=pd.DataFrame(activities, columns=list(ACTIVITY_COLUMNS)).astype({"year": "Int64"}),
        respondents=sorted(answers),
        response=response,
        not_answered=waiting,
        warnings=warnings,
    )


def _partner_id(
    partner: dict[str, Any],
    known: set[str],
    regions: set[str],
    new_ids: dict[tuple[str, str, str], str],
    new_rows: list[dict[str, Any]],
    file: str,
) -> str | None:
    actor = partner.get("actor")
    if isinstance(actor, str) and actor in known:
        return actor
    new = partner.get("new")
    if not isinstance(new, dict) or not str(new.get("name", "")).strip():
        return None
    name = str(new["name"]).strip()
    kind = str(new.get("type", "other")) if new.get("type") in ACTOR_TYPES else "other"
    region = str(new.get("region", "")) if str(new.get("region", "")) in regions else ""
    key = (name.casefold(), kind, region)
    if key not in new_ids:
        base = f"new-{_slug(name) or 'actor'}"
        taken = known | set(new_ids.values())
        new_id, n = base, 2
        while new_id in taken:
            new_id, n = f"{base}-{n}", n + 1
        new_ids[key] = new_id
        new_rows.append(
            {
                "id": new_id,
                "name": name,
                "type": kind,
                "region": region,
                "source_ref": f"survey form: {file}",
                "similar_to": "",
            }
        )
    return new_ids[key]


def similar_actors(new_actors: pd.DataFrame, dataset: Dataset) -> pd.DataFrame:
    """``new_actors`` with ``similar_to``: the existing actors of the same district whose names are
    at least :data:`mintgraph.dedupe.THRESHOLD` similar (``mintgraph dedupe``'s rule), ``|``-joined."""
    out = new_actors.copy()
    actors = dataset.actors
    for index, row in out.iterrows():
        same = actors[actors["region"].astype(str) == str(row["region"])]
        hits = [
            str(a.id)
            for a in same.itertuples(index=False)
            if name_similarity(str(row["name"]), str(a.name)) >= THRESHOLD
        ]
        out.at[index, "similar_to"] = "|".join(hits)
    return out


def _response(
    dataset: Dataset, answered: set[str], forms: dict[str, str | None]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    memberships = dataset.memberships
    rows = []
    everyone = set(dataset.actors["id"].astype(str))
    rows.append({"network": "all", "members": len(everyone), "answered": len(everyone & answered)})
    member_of: dict[str, list[str]] = {}
    for net in dataset.networks["id"].astype(str):
        members = set(memberships.loc[memberships["network_id"] == net, "actor_id"].astype(str))
        for m in members:
            member_of.setdefault(m, []).append(net)
        rows.append({"network": net, "members": len(members), "answered": len(members & answered)})
    response = pd.DataFrame(rows)
    response["rate"] = response["answered"] / response["members"].where(response["members"] > 0)
    actors = dataset.actors
    waiting = actors[~actors["id"].astype(str).isin(answered)]
    columns = ["id", "name"] + [c for c in ("contact_person", "email") if c in actors.columns]
    waiting = waiting[columns].copy()
    waiting.insert(2, "networks", ["|".join(sorted(member_of.get(str(i), []))) for i in waiting["id"]])
    return response, waiting.reset_index(drop=True)


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _slug(text: str) -> str:
    """A lower-case id part from a name (umlauts spelled out).

    >>> _slug("Verein für MINT & Mehr e.V.")
    'verein-fuer-mint-mehr-e-v'
    """
    text = text.casefold()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(a, b)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:60]
