from __future__ import annotations

from typing import Self, TypeVar

from django.conf import settings
from django.db import models
from django.db.models import Q

M = TypeVar("M", bound="Voidable")


class VoidableQuerySet(models.QuerySet[M]):
    def live(self) -> Self:
        return self.filter(voided_at__isnull=True)


class Voidable(models.Model):
    """A record that is voided (with who, when and why) instead of deleted."""

    voided_at = models.DateTimeField(null=True, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    void_reason = models.TextField(blank=True)

    class Meta:
        abstract = True
        constraints = [
            # Voided with a reason, or not voided at all: never half of it.
            models.CheckConstraint(
                condition=Q(voided_at__isnull=True, void_reason="") | (Q(voided_at__isnull=False) & ~Q(void_reason="")),
                name="%(app_label)s_%(class)s_void_has_reason",
                violation_error_message="Say why this record is voided: it stays in the history.",
            ),
        ]

    @property
    def is_voided(self) -> bool:
        return self.voided_at is not None
