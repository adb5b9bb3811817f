"""Read-modify-write without lost updates: a service reads the stored row, locked, never the caller's copy."""

from __future__ import annotations

from typing import TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


def lock(record: M) -> M:
    """The stored row of `record`, locked until the transaction ends (call inside `transaction.atomic()`)."""
    return type(record)._default_manager.select_for_update().get(pk=record.pk)
