"""Every user-facing text lives in mintgraph.i18n, in German and English, with the same keys and
the same placeholders in both languages."""

from __future__ import annotations

import re

import pytest

from mintgraph.export import TERMINAL
from mintgraph.i18n import LABEL_TABLES, LANGS
from mintgraph.schema import ACTOR_TYPES, COOPERATION_TYPES

TABLES = {**LABEL_TABLES, "TERMINAL": TERMINAL}
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
