"""A partnership's charter: versioned, each version acknowledged by the business."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from partnerships import querysets
from partnerships.models.partnerships import Partnership


class Charter(models.Model):
    """One version of a partnership's shared vision. Versions are never edited; a change makes a new one."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="charters")
    version = models.PositiveIntegerField()
    vision = models.TextField("vision statement")
    hopes = models.TextField("what we hope for", blank=True)
    direction = models.TextField("intended direction", blank=True)
    change_note = models.CharField("what changed", max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    objects = querysets.CharterQuerySet.as_manager()

    class Meta:
        ordering = ["partnership", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "version"], name="charter_unique_version"),
            models.CheckConstraint(condition=Q(version__gte=1), name="charter_version_from_one"),
            models.CheckConstraint(
                condition=Q(acknowledged_at__isnull=True) | Q(acknowledged_by__isnull=False),
                name="charter_ack_has_who",
            ),
        ]

    def __str__(self):
        return f"{self.partnership} charter v{self.version}"

    def get_absolute_url(self):
        return reverse("partnerships:charter_version", args=[self.partnership_id, self.version])

    @property
    def is_acknowledged(self) -> bool:
        return self.acknowledged_at is not None


class CharterPriority(models.Model):
    """An overlap between what the district wants and what the company wants."""

    charter = models.ForeignKey(Charter, on_delete=models.CASCADE, related_name="priorities")
    district_goal = models.CharField(max_length=300)
    company_goal = models.CharField(max_length=300)
    tags = models.CharField(max_length=200, blank=True, help_text="Comma-separated, e.g. “STEM, workforce”.")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name_plural = "charter priorities"

    def __str__(self):
        return f"{self.district_goal} ↔ {self.company_goal}"

    @property
    def tag_list(self) -> list[str]:
        return [tag.strip() for tag in self.tags.split(",") if tag.strip()]
