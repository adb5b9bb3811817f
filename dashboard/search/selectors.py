"""The search: what the box finds, grouped by kind (dashboard.search.kinds). Each word of the query must match
one of a kind's fields (in any order); a kind with an exact field (a student ID) also finds the whole query
there, in any case.

PostgreSQL matches with full-text search (a `simple` text-search configuration, so names are not stemmed, and
each word as a prefix: "rob" finds "Robotics"), accents and case ignored on both sides ("jose" finds "JOSÉ"),
ranked by SearchRank; every kind's search is an index lookup (dashboard.search.documents, whose expressions
dashboard migration 0002 indexes). Elsewhere (SQLite) each word is an `icontains`, anywhere in a field,
ordered as the model orders: case is ignored for A to Z only, and accents must be typed as stored.
`django.contrib.postgres` need not be in INSTALLED_APPS: only its `search` lookup needs that, and this uses
SearchVector, SearchQuery and SearchRank directly.

One query per kind (the first few, each carrying the count), whatever the data's size."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import reduce
from operator import and_, or_
from typing import Any
from urllib.parse import urlencode

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorExact
from django.db import connection
from django.db.models import Count, Q, QuerySet, Window
from django.urls import reverse

from accounts.models import User
from dashboard.search import documents
from dashboard.search.kinds import KINDS, Hit, Kind

PER_KIND = 10
MAX_WORDS = 8
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Group:
    kind: Kind
    count: int
    hits: list[Hit]
    see_all_url: str  # "" when the kind has no list page to show them all

    @property
    def more(self) -> bool:
        return self.count > len(self.hits)


def words_of(q: str) -> list[str]:
    """The words of a query, lower-cased: letters, digits and underscores (no operators, so nothing a
    text-search parser could choke on), at most MAX_WORDS."""
    return [word.lower() for word in WORD.findall(q)][:MAX_WORDS]


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def _matches(fields: tuple[str, ...], query: SearchQuery) -> SearchVectorExact:
    return SearchVectorExact(documents.document(*fields), query)


def _with_word(kind: Kind, word: str) -> QuerySet[Any]:
    """The pks of `kind`'s rows that `word` finds in their own fields or in a related row's: one index lookup
    per table (a UNION), where an OR across the joined tables would read every row."""
    model = kind.rows().model
    query = documents.prefix_query([word])
    own = model._default_manager.filter(_matches(kind.fields, query)).order_by().values("pk")
    through = [
        model._default_manager.filter(
            **{
                f"{key}__in": model._meta.get_field(key)
                .related_model._default_manager.filter(_matches(fields, query))
                .order_by()
                .values("pk")
            }
        )
        .order_by()
        .values("pk")
        for key, fields in kind.related
    ]
    return own.union(*through, all=True)


def matching(kind: Kind, q: str) -> QuerySet[Any]:
    """The rows of `kind` that `q` finds, best first."""
    rows = kind.rows()
    order = (*rows.model._meta.ordering, "pk")
    words = words_of(q)
    exact = kind.exact(q.strip()) if kind.exact and q.strip() else Q(pk__in=[])
    if not words:
        return rows.filter(exact).order_by(*order)
    if _postgres():
        query = documents.prefix_query(words)
        if kind.related:
            found = reduce(and_, (Q(pk__in=_with_word(kind, word)) for word in words))
        else:
            found = Q(_matches(kind.fields, query))
        rank = SearchRank(documents.document(*kind.all_fields), query)
        return rows.filter(found | exact).annotate(search_rank=rank).order_by("-search_rank", *order)
    each_word = [reduce(or_, (Q(**{f"{field}__icontains": word}) for field in kind.all_fields)) for word in words]
    return rows.filter(reduce(and_, each_word) | exact).order_by(*order)


def first_matches(kind: Kind, q: str) -> QuerySet[Any]:
    """The first PER_KIND rows of `kind` that `q` finds, each carrying the count of them all (`search_total`, a
    window over every match computed before the LIMIT): the one query a kind costs."""
    return matching(kind, q).annotate(search_total=Window(Count("pk")))[:PER_KIND]


def search(user: User, q: str) -> list[Group]:
    """One group per kind `user` may see, in KINDS order, each with its count and first PER_KIND hits. An
    empty query finds nothing."""
    if not q.strip():
        return []
    groups = []
    for kind in KINDS:
        if not user.has_perm(kind.permission):
            continue
        first = list(first_matches(kind, q))
        count = first[0].search_total if first else 0
        hits = [kind.hit(row) for row in first]
        see_all = f"{reverse(kind.list_url_name)}?{urlencode({'q': q.strip()})}" if kind.list_url_name else ""
        groups.append(Group(kind, count, hits, see_all))
    return groups
