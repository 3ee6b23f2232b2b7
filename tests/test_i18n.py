"""Every user-facing text lives in mintgraph.i18n, in German and English, with the same keys and
the same placeholders in both languages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mintgraph.i18n import LABEL_TABLES, LANGS
from mintgraph.schema import ACTOR_TYPES, COOPERATION_TYPES

TABLES = LABEL_TABLES
PACKAGE = Path(__file__).resolve().parents[1] / "mintgraph"
PLACEHOLDER = re.compile(r"\{(\w*)\}")


@pytest.mark.parametrize("name", sorted(TABLES))
def test_every_language_has_every_key(name: str) -> None:
    table = TABLES[name]
    assert set(table) == set(LANGS)
    keys = set(table[LANGS[0]])
    for lang in LANGS[1:]:
        assert set(table[lang]) == keys, (lang, sorted(set(table[lang]) ^ keys))


@pytest.mark.parametrize("name", sorted(TABLES))
def test_every_text_has_the_same_placeholders_in_each_language(name: str) -> None:
    table = TABLES[name]
    for key, text in table[LANGS[0]].items():
        wanted = set(PLACEHOLDER.findall(text))
        for lang in LANGS[1:]:
            assert set(PLACEHOLDER.findall(table[lang][key])) == wanted, (lang, key)


def test_type_names_cover_the_data_contract() -> None:
    for lang in LANGS:
        assert set(LABEL_TABLES["ACTOR_TYPE_NAMES"][lang]) == set(ACTOR_TYPES)
        assert set(LABEL_TABLES["COOPERATION_TYPE_NAMES"][lang]) == set(COOPERATION_TYPES)


def test_no_text_is_missing_in_one_language_only() -> None:
    for name, table in TABLES.items():
        empty = [{k for k, v in table[lang].items() if not str(v).strip()} for lang in LANGS]
        assert all(e == empty[0] for e in empty), name  # empty on purpose (e.g. no arrow) in all of them


def test_no_label_table_lives_outside_i18n() -> None:
    """A table keyed by language (``{"de": {...}, "en": {...}}``) anywhere but i18n.py is a second
    place for texts; the pages, the report and the terminal read theirs from mintgraph.i18n."""
    table = re.compile(r'=\s*\{\s*"(?:de|en)"\s*:\s*\{', re.S)
    elsewhere = [
        str(path.relative_to(PACKAGE))
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "i18n.py" and table.search(path.read_text(encoding="utf-8"))
    ]
    assert elsewhere == []
