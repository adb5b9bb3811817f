"""A record's django-auditlog history in words: who did what, when and from where, each change as "old → new".

A page may show one record's history together with its parts' (a placement with its hours and evaluations):
`also` names the parts as querysets, read in the same single query as subqueries. Related rows are named by
their `name_in_history` (or `display_name`, `full_name`, `str()`): first from `known`, the rows the page has
already loaded, then with their queryset's `for_names()` when it has one, so naming the others costs one
query per model however many entries there are.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Field, Model, Q, QuerySet
from django.utils import dateformat, timezone

from core.voiding.models import Voidable

# Bookkeeping fields that say nothing to a reader; voiding is shown as its own line.
EMPTY = (None, "None", "")
# {(model, pk as text): name} for the related rows that log entries mention.
Names = dict[tuple[object, str], str]
QUIET_FIELDS = {"id", "created_at", "updated_at", "lead_notified_at", "voided_at", "voided_by", "void_reason"}


# How many entries a record's page shows; the admin's audit log keeps them all.
LIMIT = 20


@dataclass
class HistoryEntry:
    when: datetime.datetime
    who: str
    verb: str
    changes: list[tuple[str, str, str]] = field(default_factory=list)
    note: str = ""
    # What the entry is about when a page shows several records' history ("Hours: 3 hours on 2 Sep 2026").
    subject: str = ""
    # The address the change came from (auditlog's middleware stores it for changes made in a request).
    where: str = ""


class History(list[HistoryEntry]):
    """The latest entries, newest first; `more` says older ones were left off (they are in the admin)."""

    more: bool = False


def day_in_words(value: datetime.date | None) -> str:
    return dateformat.format(value, "j M Y") if value else ""


def _label(model_field: Field[Any, Any]) -> str:
    text = str(model_field.verbose_name)
    return text[:1].upper() + text[1:]


def _name(row: Model) -> str:
    for attribute in ("name_in_history", "display_name", "full_name"):
        name = getattr(row, attribute, None)
        if name:
            return name
    return str(row)


def _related_names(wanted: dict[type[Model], set[str]], names: Names) -> Names:
    """`names` and the related rows named in log entries that it lacks, one query per model."""
    for model, pks in wanted.items():
        pks = {pk for pk in pks if (model, pk) not in names}
        if not pks:
            continue
        rows = model._default_manager.filter(pk__in=pks)
        if hasattr(rows, "for_names"):
            rows = rows.for_names()
        for row in rows:
            names[(model, str(row.pk))] = _name(row)
    return names


def _in_words(model_field: Field[Any, Any], value: Any, names: Names) -> str:
    if value in EMPTY:
        return "—"
    if model_field.is_relation:
        return names.get((model_field.related_model, str(value)), "someone since removed")
    if model_field.choices:
        return str({str(key): label for key, label in model_field.flatchoices}.get(str(value), value))
    kind = model_field.get_internal_type()
    try:
        if kind == "DateField":
            return day_in_words(datetime.date.fromisoformat(str(value)[:10]))
        if kind == "DateTimeField":
            moment = datetime.datetime.fromisoformat(str(value))
            return dateformat.format(timezone.localtime(moment) if timezone.is_aware(moment) else moment, "j M Y, H:i")
    except ValueError:
        return str(value)
    if kind == "BooleanField":
        return {"True": "yes", "False": "no"}.get(str(value), str(value))
    text = str(value)
    return text if len(text) <= 120 else text[:119] + "…"


def _who(entry: LogEntry) -> str:
    if entry.actor:
        return entry.actor.display_name
    # A change made in a request by nobody signed in came through a signed link (the only way in without an
    # account); one made outside a request, by a command or a task.
    return "Someone with a signed link" if entry.remote_addr else "The system"


def _m2m_words(model: type[Model], name: str, values: dict[str, Any]) -> tuple[str, str, str] | None:
    try:
        model_field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    if not isinstance(model_field, Field):
        return None
    objects = ", ".join(str(item) for item in values.get("objects", []))
    removed = values.get("operation") == "delete"
    return (_label(model_field), objects if removed else "—", f"removed {objects}" if removed else objects)


def _entries(
    record: Model | None, also: tuple[QuerySet[Any], ...], deleted: tuple[tuple[type[Model], str, int], ...], limit: int
) -> list[LogEntry]:
    """The latest `limit` + 1 entries of the record, of the rows in `also` and of the deletions in `deleted`,
    in one query."""
    where = Q(pk__in=[])
    if record is not None:
        where |= Q(content_type=ContentType.objects.get_for_model(record), object_id=record.pk)
    for rows in also:
        content_type = ContentType.objects.get_for_model(rows.model)
        where |= Q(content_type=content_type, object_id__in=rows.order_by().values("pk"))
    for model, key, value in deleted:
        content_type = ContentType.objects.get_for_model(model)
        where |= Q(content_type=content_type, action=LogEntry.Action.DELETE, **{f"additional_data__{key}": value})
    return list(LogEntry.objects.filter(where).select_related("actor").order_by("-timestamp", "-pk")[: limit + 1])


def history(
    record: Model | None,
    limit: int = LIMIT,
    *,
    also: tuple[QuerySet[Any], ...] = (),
    deleted: tuple[tuple[type[Model], str, int], ...] = (),
    known: tuple[Model | None, ...] = (),
) -> History:
    """The record's django-auditlog entries (and those of the rows in `also`), newest first, at most `limit`,
    as who did what, when and from where, in words; `record` may be None for a page of parts only (a
    partnership's people). `known` are rows the page has loaded: entries that name them (or are about
    them) read their names from there instead of the database. `deleted` adds the deletions of rows no
    longer there, as (model, key, value): the model's `get_additional_data()` (which auditlog stores with
    each entry) holds {key: value}, e.g. (PartnershipRole, "partnership", 12). One query, and one per other
    model named."""
    entries = _entries(record, also, deleted, limit)
    names: Names = {(type(row), str(row.pk)): _name(row) for row in known if row is not None}
    parsed: list[
        tuple[LogEntry, type[Model], list[tuple[Field[Any, Any], list[Any]]], list[tuple[str, str, str]], bool]
    ] = []
    wanted: defaultdict[type[Model], set[str]] = defaultdict(set)
    own = (ContentType.objects.get_for_model(record).pk, record.pk) if record is not None else None
    for entry in entries[:limit]:
        model = ContentType.objects.get_for_id(entry.content_type_id).model_class()
        if model is None:  # a model since removed from the code
            continue
        fields, m2m, voided = [], [], False
        for name, values in (entry.changes_dict or {}).items():
            if isinstance(values, dict) and values.get("type") == "m2m":
                words = _m2m_words(model, name, values)
                if words:
                    m2m.append(words)
                continue
            if name == "voided_at" and isinstance(values, list) and len(values) == 2:
                voided = values[0] in EMPTY and values[1] not in EMPTY
            if name in QUIET_FIELDS or not isinstance(values, list) or len(values) != 2:
                continue
            try:
                model_field = model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if not isinstance(model_field, Field) or model_field.many_to_many or not model_field.concrete:
                continue
            if model_field.is_relation and isinstance(model_field.related_model, type):  # not "self": resolved
                wanted[model_field.related_model].update(str(v) for v in values if v not in EMPTY)
            fields.append((model_field, values))
        voided = voided and (entry.content_type_id, entry.object_id) == own
        parsed.append((entry, model, fields, m2m, voided))
    names = _related_names(wanted, names)
    result = History()
    result.more = len(entries) > limit
    for entry, model, fields, m2m, voided in parsed:
        who, where = _who(entry), entry.remote_addr or ""
        if voided and isinstance(record, Voidable):  # only a Voidable's entries change voided_at
            if entry.actor is None and record.voided_by is not None:
                who = record.voided_by.display_name
            result.append(HistoryEntry(entry.timestamp, who, "Voided", note=record.void_reason, where=where))
            continue
        created = entry.action == LogEntry.Action.CREATE
        changes = [
            (_label(f), _in_words(f, old, names), _in_words(f, new, names))
            for f, (old, new) in fields
            if not (created and new in EMPTY)
        ] + m2m
        if not changes and not created:
            continue
        verb = {LogEntry.Action.CREATE: "Recorded", LogEntry.Action.DELETE: "Deleted"}.get(entry.action, "Changed")
        subject = ""
        if (entry.content_type_id, entry.object_id) != own:
            named = names.get((model, str(entry.object_id)), entry.object_repr)
            subject = f"{_label_of(model)}: {named}"
        result.append(HistoryEntry(entry.timestamp, who, verb, changes, subject=subject, where=where))
    if (
        isinstance(record, Voidable)
        and record.voided_at is not None
        and not any(item.verb == "Voided" for item in result)
    ):
        # A void the audit log did not see (written before it logged voids): show it from the record itself.
        who = record.voided_by.display_name if record.voided_by else "Someone"
        result.insert(0, HistoryEntry(record.voided_at, who, "Voided", note=record.void_reason))
    return result


def _label_of(model: type[Model]) -> str:
    text = str(model._meta.verbose_name)
    return text[:1].upper() + text[1:]
