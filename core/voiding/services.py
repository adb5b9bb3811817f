from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.voiding.models import Voidable

V = TypeVar("V", bound=Voidable)
VOID_FIELDS = ["voided_at", "voided_by", "void_reason"]


def void(
    *,
    record: V,
    by: Any,
    reason: str,
    around: Callable[[V], contextlib.AbstractContextManager[Any]] | None = None,
) -> V:
    """Void a record: it stays, marked with who voided it, when and why. `around(locked)` wraps the save,
    for what else voiding does in the record's app (it sees the locked, stored row)."""
    if not reason.strip():
        raise ValidationError({"reason": "Say why this record is voided: it stays in the history."})
    # Locked and saved (not a bulk update) so the audit log records who voided it.
    with transaction.atomic():
        locked = type(record)._default_manager.select_for_update().get(pk=record.pk)
        if locked.is_voided:
            raise ValidationError("This record was already voided.")
        locked.voided_at, locked.voided_by, locked.void_reason = timezone.now(), by, reason.strip()
        with around(locked) if around else contextlib.nullcontext():
            locked.save(update_fields=VOID_FIELDS)
    record.refresh_from_db()
    return record
