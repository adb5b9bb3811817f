"""The retention purge's machinery: kinds of expired data, registered by the apps that own them, and the run
that counts (a dry run) or deletes them for real (manage.py purge_expired, and the beat once a day).

A kind is a name, what it is in words, `expired(now)` (a queryset or a list of what has expired) and
`delete(items, purge)` (deletes those, returns how many). Each kind is deleted in its own transaction, in
`order`, so a kind that fails leaves the others done. Rows are deleted through `Purge.delete`, which takes
every row that cascades from them too and deletes their django-auditlog entries with them: the audit trail of a
purged record must not keep its data. What the policy keeps, and for how long, is settings.RETENTION
(README, "Operating SchoolBridge").
"""

from __future__ import annotations

import datetime
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sized
from dataclasses import dataclass, field
from typing import Any, cast

from auditlog.context import disable_auditlog
from auditlog.models import LogEntry as AuditEntry
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import Storage
from django.db import models, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.deletion import Collector
from django.utils import timezone

logger = logging.getLogger(__name__)

AUDIT_ENTRIES = "audit entries"  # the key of the purged audit entries' count in a run's counts
CHUNK = 500


def policy(name: str) -> int:
    """One figure of the retention policy (settings.RETENTION)."""
    return int(settings.RETENTION[name])


def start_of(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of `day` in the district's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def days_before(now: datetime.datetime, setting: str) -> datetime.datetime:
    """`now` less the policy's number of days named `setting`."""
    return now - datetime.timedelta(days=policy(setting))


def chunks(ids: list[Any]) -> Iterator[list[Any]]:
    """`ids` in slices small enough for any database's limit on query parameters."""
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def delete_file_on_commit(storage: Storage, name: str) -> None:
    """Delete a stored file once the transaction that deleted its row commits: a rolled-back purge keeps both."""
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def years_before(day: datetime.date, years: int) -> datetime.date:
    """The same day `years` earlier (29 February becomes the 28th)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


class Purge:
    """One kind's deletion: what it deleted, model by model, and the audit entries that went with it."""

    def __init__(self) -> None:
        self.deleted: Counter[str] = Counter()
        self.audit_entries = 0

    def delete(self, queryset: QuerySet[Any]) -> int:
        """Delete the rows and everything that cascades from them, and the audit entries of each. A row that
        something still protects stops the whole kind (ProtectedError): nothing of it is deleted then."""
        collector = Collector(using=queryset.db, origin=queryset)
        collector.collect(cast(Any, queryset))  # django-stubs wants a list; Django takes a queryset
        gone = {model: [obj.pk for obj in objects] for model, objects in collector.data.items()}
        total, per_model = collector.delete()
        self.deleted.update(per_model)
        for model, pks in gone.items():
            content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
            for chunk in chunks(pks):
                trail = AuditEntry.objects.filter(content_type=content_type, object_id__in=chunk)
                self.audit_entries += trail.delete()[0]
        return per_model.get(queryset.model._meta.label, 0)


Expired = QuerySet[Any] | list[Any]


@dataclass(frozen=True)
class Kind:
    name: str
    title: str
    expired: Callable[[datetime.datetime], Expired]
    delete: Callable[[Any, Purge], int]
    order: int = 50
    count: Callable[[Any], int] | None = None  # how a dry run counts `expired(now)`; by default its length

    def how_many(self, items: Any) -> int:
        return self.count(items) if self.count is not None else how_many(items)


_kinds: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    _kinds[kind.name] = kind
    return kind


def kinds() -> list[Kind]:
    return sorted(_kinds.values(), key=lambda kind: (kind.order, kind.name))


def delete_rows(items: QuerySet[Any], purge: Purge) -> int:
    """The usual `delete` of a kind whose expired items are rows."""
    return purge.delete(items)


def how_many(items: Sized | QuerySet[Any]) -> int:
    return items.count() if isinstance(items, QuerySet) else len(items)


def unprotected(queryset: QuerySet[Any]) -> QuerySet[Any]:
    """The rows that no other row protects (on_delete=PROTECT), so that deleting them cannot be refused: a row
    another record still needs is kept until that record goes."""
    for relation in queryset.model._meta.related_objects:
        if getattr(relation, "on_delete", None) is models.PROTECT:
            queryset = queryset.exclude(
                Exists(relation.related_model._base_manager.filter(**{relation.field.name: OuterRef("pk")}))
            )
    return queryset


@dataclass
class Outcome:
    dry_run: bool
    counts: dict[str, int] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def run(*, now: datetime.datetime, dry_run: bool, only: Iterable[str] | None = None) -> Outcome:
    """Count (dry run) or delete every kind's expired data as of `now`. A real run deletes each kind in one
    transaction with django-auditlog switched off (deleting is not a change to record: the purge record is the
    trail); a kind that fails is rolled back, named in `errors`, and the others still run."""
    outcome = Outcome(dry_run=dry_run)
    wanted = set(only) if only is not None else None
    audit_entries = 0
    for kind in kinds():
        if wanted is not None and kind.name not in wanted:
            continue
        if dry_run:
            outcome.counts[kind.name] = kind.how_many(kind.expired(now))
            continue
        purge = Purge()
        try:
            with transaction.atomic(), disable_auditlog():
                outcome.counts[kind.name] = kind.delete(kind.expired(now), purge)
        except Exception as exc:  # one kind's failure must not stop the others
            logger.exception("Retention purge of %s failed", kind.name)
            outcome.errors[kind.name] = f"{type(exc).__name__}: {exc}"
            continue
        audit_entries += purge.audit_entries
    if not dry_run:
        outcome.counts[AUDIT_ENTRIES] = audit_entries
    return outcome
