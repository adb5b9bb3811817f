from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.locking import lock
from core.voiding.models import Voidable

if TYPE_CHECKING:
    # The configured user model (AUTH_USER_MODEL), as django-stubs' plugin reads it: core names no app.
    from django.contrib.auth.models import _User

V = TypeVar("V", bound=Voidable)
VOID_FIELDS = ["voided_at", "voided_by", "void_reason"]


def void(
    *,
    record: V,
    by: _User | None,
    reason: str,
    around: Callable[[V], contextlib.AbstractContextManager[Any]] | None = None,
) -> V:
    """Void a record: it stays, marked with who voided it, when and why. `around(locked)` wraps the save,
    for what else voiding does in the record's app (it sees the locked, stored row)."""
    if not reason.strip():
        raise ValidationError({"reason": "Say why this record is voided: it stays in the history."})
    # Locked and saved (not a bulk update) so the audit log records who voided it.
    with transaction.atomic():
        current = lock(record)
        if current.is_voided:
            raise ValidationError("This record was already voided.")
        current.voided_at, current.voided_by, current.void_reason = timezone.now(), by, reason.strip()
        with around(current) if around else contextlib.nullcontext():
            current.save(update_fields=VOID_FIELDS)
    record.refresh_from_db()
    return record
