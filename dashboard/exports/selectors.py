"""Named reads of the exports: the rows of an export as the list on screen filters them, their cells, and
a person's export jobs."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import timezone

from dashboard.exports.registry import Context, ExportKind
from dashboard.models import ExportJob

if TYPE_CHECKING:
    from accounts.models import User

CHUNK = 2000  # rows fetched from the database at a time: memory stays flat however long the file


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

    def lines(self) -> Iterator[Sequence[object]]:
        """The rows' cells, fetched CHUNK rows at a time in a fixed number of queries."""
        for row in self.rows.iterator(chunk_size=CHUNK):
            yield self.kind.values(row, self.context)


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


def running_job(user: User, kind: str, query: str) -> ExportJob | None:
    """The same export of the same person still waiting or running, if any: asking twice starts it once."""
    return (
        jobs_of(user)
        .filter(kind=kind, query=query, status__in=(ExportJob.Status.QUEUED, ExportJob.Status.RUNNING))
        .first()
    )


def is_expired(job: ExportJob) -> bool:
    return job.status == ExportJob.Status.DONE and (
        not job.file or (job.expires_at is not None and job.expires_at <= timezone.now())
    )
