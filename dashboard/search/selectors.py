"""The search: what the box finds, grouped by kind (dashboard.search.kinds), the same contract on every
database. Each word of the query must match one of a kind's fields (in any order, any case); a kind with an
exact field (a student ID) also finds the whole query there.

PostgreSQL matches with full-text search (a `simple` text-search configuration, so names are not stemmed, and
each word as a prefix: "rob" finds "Robotics"), ranked by SearchRank. Elsewhere (SQLite) each word is an
`icontains`, ordered as the model orders. `django.contrib.postgres` need not be in INSTALLED_APPS: only its
`search` lookup needs that, and this uses SearchVector, SearchQuery and SearchRank directly.

One query per kind (the first few, each carrying the count), whatever the data's size."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import reduce
from operator import and_, or_
from typing import Any
from urllib.parse import urlencode

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Count, Q, QuerySet, Window
from django.urls import reverse

from accounts.models import User
from dashboard.search.kinds import KINDS, Hit, Kind

PER_KIND = 10
MAX_WORDS = 8
CONFIG = "simple"
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


def matching(kind: Kind, q: str) -> QuerySet[Any]:
    """The rows of `kind` that `q` finds, best first."""
    rows = kind.rows()
    order = (*rows.model._meta.ordering, "pk")
    words = words_of(q)
    exact = kind.exact(q.strip()) if kind.exact and q.strip() else Q(pk__in=[])
    if not words:
        return rows.filter(exact).order_by(*order)
    if _postgres():
        query = SearchQuery(" & ".join(f"{word}:*" for word in words), search_type="raw", config=CONFIG)
        vector = SearchVector(*kind.fields, config=CONFIG)
        rows = rows.annotate(search_document=vector, search_rank=SearchRank(vector, query))
        return rows.filter(Q(search_document=query) | exact).order_by("-search_rank", *order)
    each_word = [reduce(or_, (Q(**{f"{field}__icontains": word}) for field in kind.fields)) for word in words]
    return rows.filter(reduce(and_, each_word) | exact).order_by(*order)


def search(user: User, q: str) -> list[Group]:
    """One group per kind `user` may see, in KINDS order, each with its count and first PER_KIND hits. An
    empty query finds nothing."""
    if not q.strip():
        return []
    groups = []
    for kind in KINDS:
        if not user.has_perm(kind.permission):
            continue
        # The count rides along on each row (a window over every match, computed before the LIMIT).
        first = list(matching(kind, q).annotate(search_total=Window(Count("pk")))[:PER_KIND])
        count = first[0].search_total if first else 0
        hits = [kind.hit(row) for row in first]
        see_all = f"{reverse(kind.list_url_name)}?{urlencode({'q': q.strip()})}" if kind.list_url_name else ""
        groups.append(Group(kind, count, hits, see_all))
    return groups
