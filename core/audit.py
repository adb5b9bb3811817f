"""The audit trail of bulk writes. django-auditlog writes its entries from model signals, which
`bulk_create` and `bulk_update` never send: a CSV import of a whole class list would leave no trace. These
write the entries the signals would have, for many rows at once (one insert per thousand entries), with the
same field filtering as the model's registration (auditlog's own diff)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from auditlog.cid import get_cid
from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.utils.encoding import smart_str

BATCH = 1000


def log_bulk_create(rows: Sequence[Model], *, actor: Any) -> int:
    """Entries for rows just saved with bulk_create (their primary keys set). Returns how many."""
    return _log([(None, row) for row in rows], LogEntry.Action.CREATE, actor=actor)


def log_bulk_update(rows: Sequence[Model], before: Mapping[Any, Model], fields: Iterable[str], *, actor: Any) -> int:
    """Entries for rows just saved with bulk_update of `fields`; `before` holds each row as it was, by pk.
    A row whose `fields` did not change writes none."""
    return _log([(before.get(row.pk), row) for row in rows], LogEntry.Action.UPDATE, actor=actor, fields=list(fields))


def _log(pairs: list[tuple[Model | None, Model]], action: int, *, actor: Any, fields: list[str] | None = None) -> int:
    if not pairs:
        return 0
    content_type = ContentType.objects.get_for_model(pairs[0][1])
    cid = get_cid()
    json_changes = getattr(settings, "AUDITLOG_STORE_JSON_CHANGES", False)
    entries = []
    for old, new in pairs:
        changes = model_instance_diff(old, new, fields_to_check=fields, use_json_for_changes=json_changes)
        if changes:
            entries.append(
                LogEntry(
                    content_type=content_type,
                    object_pk=str(new.pk),
                    object_id=new.pk if isinstance(new.pk, int) else None,
                    object_repr=smart_str(new),
                    action=action,
                    changes=changes,
                    actor=actor,
                    cid=cid,
                )
            )
    LogEntry.objects.bulk_create(entries, batch_size=BATCH)
    return len(entries)
