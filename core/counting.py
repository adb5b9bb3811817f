"""Counting several querysets in one round trip, for pages that show many counts at once (a dashboard)."""

from __future__ import annotations

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet


def count_all(querysets: dict[str, QuerySet]) -> dict[str, int]:
    """How many rows each queryset has, in one query: `SELECT (SELECT COUNT(*) FROM (…)), …`.

    Each queryset counts its rows as `.count()` would (filters, grouping and HAVING kept; ordering
    dropped). All must use the same database."""
    if not querysets:
        return {}
    databases = {queryset.db for queryset in querysets.values()}
    if len(databases) != 1:
        raise ValueError("count_all counts querysets of one database at a time.")
    [database] = databases
    parts, params = [], []
    for index, queryset in enumerate(querysets.values()):
        try:
            sql, part_params = queryset.order_by().values("pk").query.get_compiler(using=database).as_sql()
        except EmptyResultSet:  # `.none()`, or a filter that can match nothing: Django writes no SQL for it
            parts.append("0")
            continue
        # `sql` is Django's own compilation with its values left as parameters: nothing typed is in it.
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS counted_{index})")  # noqa: S608
        params.extend(part_params)
    with connections[database].cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        row = cursor.fetchone()
    return dict(zip(querysets, (int(value) for value in row), strict=True))
