"""What PostgreSQL matches the search's words against: a text-search document per table, built from a kind's
fields with their accents taken off (so "jose" finds "José" and "JOSÉ"), and a query of the words, each as the
start of a word.

The documents are the very expressions that dashboard migration 0002 indexes with GIN (that each kind's
search is an index lookup is checked with EXPLAIN in tests/dashboard/search/test_indexes.py): an expression
index is only used when the query's expression is the same, so change a kind's fields here and that
migration's successor together. `schoolbridge_unaccent` is that migration's IMMUTABLE wrapper of the unaccent
extension (unaccent itself is only STABLE, which an index expression may not call)."""

from __future__ import annotations

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db.models import F, Func, TextField, Value

CONFIG = "simple"  # names are not stemmed


class Unaccent(Func):
    function = "schoolbridge_unaccent"
    output_field = TextField()


class _Prefix(Func):
    """One word as a tsquery operand that matches the start of a word: unaccented, quoted, with the quotes and
    backslashes that unaccent may produce (ʼ becomes ') made spaces, so nothing in it is tsquery syntax (an
    operand of spaces only is dropped, where an empty one would be an error)."""

    template = "('''' || translate(%(expressions)s, '''\\', '  ') || ''':*')"
    output_field = TextField()


class _AllOf(Func):
    template = "%(expressions)s"
    arg_joiner = " || ' & ' || "
    output_field = TextField()


def document(*fields: str) -> SearchVector:
    """The fields (of the row, or across a relation: "school__name"), unaccented, as one text-search vector."""
    return SearchVector(*(Unaccent(F(field)) for field in fields), config=CONFIG)


def prefix_query(words: list[str]) -> SearchQuery:
    """Every one of `words` (letters, digits and underscores only), each as the start of a word, unaccented."""
    return SearchQuery(_AllOf(*(_Prefix(Unaccent(Value(word))) for word in words)), search_type="raw", config=CONFIG)
