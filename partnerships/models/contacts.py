"""Points of contact on each side of a partnership, and the handoffs between them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from core.constraints import one_of
from partnerships import querysets
from partnerships.choices import ContactRole, Side
from partnerships.models.organizations import Contact
from partnerships.models.partnerships import Partnership


class PointOfContact(models.Model):
    """Who answers for one side of a partnership, from one date to another (open-ended while current)."""

    Role = ContactRole

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="points_of_contact")
    side = models.CharField(max_length=16, choices=Side.choices)
    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="points_of_contact")
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.PRIMARY)
    start_date = models.DateField(default=timezone.localdate)
    end_date = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = querysets.PointOfContactQuerySet.as_manager()

    class Meta:
        ordering = ["side", "role", "-start_date"]
        verbose_name = "point of contact"
        verbose_name_plural = "points of contact"
        constraints = [
            # At most one current primary per side: a second one must come through a handoff.
            models.UniqueConstraint(
                fields=["partnership", "side"],
                condition=Q(role=ContactRole.PRIMARY, end_date__isnull=True),
                name="poc_one_current_primary_per_side",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="poc_end_after_start",
            ),
            models.CheckConstraint(condition=one_of("side", Side), name="poc_side_known"),
            models.CheckConstraint(condition=one_of("role", ContactRole), name="poc_role_known"),
        ]

    def __str__(self):
        return f"{self.contact} ({self.get_role_display()}, {self.get_side_display()})"

    def get_absolute_url(self):
        return reverse("partnerships:people", args=[self.partnership_id])

    @property
    def is_current(self) -> bool:
        """No end recorded (the instance's side of `PointOfContactQuerySet.unended`)."""
        return self.end_date is None


class Handoff(models.Model):
    """The record of one point of contact passing a partnership to a successor."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="handoffs")
    side = models.CharField(max_length=16, choices=Side.choices)
    from_poc = models.OneToOneField(PointOfContact, on_delete=models.PROTECT, related_name="handed_off")
    to_poc = models.OneToOneField(PointOfContact, on_delete=models.PROTECT, related_name="handed_over")
    date = models.DateField()
    notes = models.TextField(blank=True)
    open_items = models.JSONField(default=list, blank=True, help_text="What was open when the handoff happened.")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    notified_at = models.DateTimeField(null=True, blank=True, help_text="When both sides were emailed.")
    notice_claimed_at = models.DateTimeField(null=True, blank=True, editable=False)  # claimed_until_sent

    objects = querysets.HandoffQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.from_poc.contact} → {self.to_poc.contact} on {self.date}"

    def get_absolute_url(self):
        return reverse("partnerships:people", args=[self.partnership_id])
