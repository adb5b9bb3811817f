"""A record's django-auditlog history in words: who did what and when, each change as "old → new".

Related rows are named by their `name_in_history` (or `display_name`, `full_name`, `str()`), read with
their queryset's `for_names()` when it has one, so naming them costs one query per model.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from auditlog.models import LogEntry
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Field, Model
from django.utils import dateformat, timezone

from core.voiding.models import Voidable

# Bookkeeping fields that say nothing to a reader; voiding is shown as its own line.
EMPTY = (None, "None", "")
# {(model, pk as text): name} for the related rows that log entries mention.
Names = dict[tuple[object, str], str]
QUIET_FIELDS = {"id", "created_at", "updated_at", "lead_notified_at", "voided_at", "voided_by", "void_reason"}


@dataclass
class HistoryEntry:
    when: datetime.datetime
    who: str
    verb: str
    changes: list[tuple[str, str, str]] = field(default_factory=list)
    note: str = ""


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


def _related_names(wanted: dict[type[Model], set[str]]) -> Names:
    """{(model, "pk"): name} for the related rows named in log entries, one query per model."""
    names: Names = {}
    for model, pks in wanted.items():
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


def history(record: Model, limit: int = 25) -> list[HistoryEntry]:
    """The record's django-auditlog entries, newest first, as who did what and when, in words."""
    model = type(record)
    entries = list(
        LogEntry.objects.get_for_object(record).select_related("actor").order_by("-timestamp", "-pk")[:limit]
    )
    parsed: list[tuple[LogEntry, list[tuple[Field[Any, Any], list[Any]]], bool]] = []
    wanted: defaultdict[type[Model], set[str]] = defaultdict(set)
    for entry in entries:
        fields, voided = [], False
        for name, values in (entry.changes_dict or {}).items():
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
        parsed.append((entry, fields, voided))
    names = _related_names(wanted)
    result = []
    for entry, fields, voided in parsed:
        who = entry.actor.display_name if entry.actor else "The system"
        if voided and isinstance(record, Voidable):  # only a Voidable's entries change voided_at
            if entry.actor is None and record.voided_by is not None:
                who = record.voided_by.display_name
            result.append(HistoryEntry(entry.timestamp, who, "Voided", note=record.void_reason))
            continue
        created = entry.action == LogEntry.Action.CREATE
        changes = [
            (_label(f), _in_words(f, old, names), _in_words(f, new, names))
            for f, (old, new) in fields
            if not (created and new in EMPTY)
        ]
        if not changes and not created:
            continue
        verb = {LogEntry.Action.CREATE: "Recorded", LogEntry.Action.DELETE: "Deleted"}.get(entry.action, "Changed")
        result.append(HistoryEntry(entry.timestamp, who, verb, changes))
    if (
        isinstance(record, Voidable)
        and record.voided_at is not None
        and not any(item.verb == "Voided" for item in result)
    ):
        # A void the audit log did not see (written before it logged voids): show it from the record itself.
        who = record.voided_by.display_name if record.voided_by else "Someone"
        result.insert(0, HistoryEntry(record.voided_at, who, "Voided", note=record.void_reason))
    return result
