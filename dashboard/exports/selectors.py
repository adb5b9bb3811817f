"""Named reads of the exports: the rows of an export as the list on screen filters them, their cells, and
a person's export jobs."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.http import urlencode

from core.batching import batches
from dashboard.exports.registry import Context, ExportKind, Row
from dashboard.models import ExportJob

if TYPE_CHECKING:
    from accounts.models import User

CHUNK = 2000  # rows fetched from the database, and written, at a time: memory stays flat however long the file
BUILD_TIME_LIMIT = 1800  # seconds a worker may spend on one file (the task's hard limit)
# A job still "running" this long after it started has lost its worker (killed at the limit, a restart):
# it no longer counts as running, and another delivery of its task may take it over.
STALE_AFTER = datetime.timedelta(seconds=BUILD_TIME_LIMIT + 60)
ACTIVE_JOBS_LIMIT = 3  # background exports one person may have waiting or running at once


class BadFilters(Exception):
    """The query string holds values the list's filters refuse; `problems` says which, in words."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Export:
    """What an export will write: the kind, its rows (not fetched yet) and the context its cells read."""

    kind: ExportKind
    rows: QuerySet[Any]
    context: Context

    @property
    def header(self) -> list[str]:
        return self.kind.header

    def chunks(self) -> Iterator[list[Row]]:
        """The rows' cells, CHUNK rows at a time: only the fields the columns read, fetched in a fixed number
        of queries however many rows (values_list, no model built per row)."""
        plan = self.kind.plan(self.rows, self.context)
        values = self.rows.values_list(*plan.reads).iterator(chunk_size=CHUNK)
        for chunk in batches(values, CHUNK):
            yield plan.cells(chunk)

    def lines(self) -> Iterator[Row]:
        """The rows' cells, one row at a time (as `chunks` makes them)."""
        for chunk in self.chunks():
            yield from chunk


def export_for(kind: ExportKind, query: QueryDict, *, user: User) -> Export:
    """The export of `kind` filtered by `query` (the list page's query string) as `user` sees the list.
    Raises BadFilters when the list's FilterSet refuses a value (an unknown status, a partnership that is
    not there), rather than ignoring it as the list does: a file must not hold more than was asked for."""
    context = kind.context()
    filterset = kind.filterset(query, queryset=kind.base(user), **{name: context[name] for name in kind.filter_kwargs})
    if not filterset.is_valid():
        raise BadFilters(_problems(filterset))
    return Export(kind=kind, rows=kind.rows(filterset.qs), context=context)


def _problems(filterset: Any) -> list[str]:
    problems: list[str] = []
    for name, errors in filterset.errors.items():
        field = filterset.form.fields.get(name)
        label = str(field.label) if field is not None and field.label else name.replace("_", " ").capitalize()
        problems.extend(f"{label}: {error}" for error in errors)
    return problems


def jobs_of(user: User) -> QuerySet[ExportJob]:
    """The person's export jobs, newest first (nobody sees anyone else's)."""
    return ExportJob.objects.filter(requested_by=user).order_by("-created_at", "-pk")


def stale_cutoff(now: datetime.datetime | None = None) -> datetime.datetime:
    return (now or timezone.now()) - STALE_AFTER


def active_jobs(user: User) -> QuerySet[ExportJob]:
    """The person's jobs waiting, or running and not stale."""
    waiting = Q(status=ExportJob.Status.QUEUED)
    running = Q(status=ExportJob.Status.RUNNING, started_at__gte=stale_cutoff())
    return jobs_of(user).filter(waiting | running)


def running_job(user: User, kind: str, query: str) -> ExportJob | None:
    """The same export of the same person still waiting or running, if any: asking twice starts it once."""
    return active_jobs(user).filter(kind=kind, query=query).first()


def canonical_query(kind: ExportKind, query: QueryDict) -> str:
    """The query string with only the list's own filters, in a fixed order: the same rows, the same text
    (so `?status=active&x=1` and `?x=2&status=active` are one export, not two)."""
    known = kind.filterset.base_filters.keys()
    return urlencode(sorted((name, value) for name in known for value in query.getlist(name)))


def is_expired(job: ExportJob) -> bool:
    return job.status == ExportJob.Status.DONE and (
        not job.file or (job.expires_at is not None and job.expires_at <= timezone.now())
    )
