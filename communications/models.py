"""The communications log: every call, email, meeting and visit with a partner, voided rather than deleted.

Saving or voiding an entry keeps `Partnership.last_contacted_at` current (communications.services).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from partnerships.models import Contact, Partnership
from safety.models import Voidable, VoidableQuerySet


class LogEntry(Voidable):
    """One contact with a partnership: when, how, which way, who took part and what was said."""

    class Channel(models.TextChoices):
        EMAIL = "email", "Email"
        PHONE = "phone", "Phone"
        MEETING = "meeting", "Meeting"
        SITE_VISIT = "site_visit", "Site visit"
        EVENT = "event", "Event"
        OTHER = "other", "Other"

    class Direction(models.TextChoices):
        OUTGOING = "outgoing", "We contacted them"
        INCOMING = "incoming", "They contacted us"

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="log_entries")
    occurred_at = models.DateTimeField("when", default=timezone.now, db_index=True)
    channel = models.CharField(max_length=16, choices=Channel.choices)
    direction = models.CharField(max_length=16, choices=Direction.choices, default=Direction.OUTGOING)
    summary = models.TextField()
    contacts = models.ManyToManyField(Contact, blank=True, related_name="log_entries")
    users = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="log_entries")
    follow_up_on = models.DateField("follow up by", null=True, blank=True)
    follow_up_done = models.BooleanField(default=False)
    logged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = VoidableQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        verbose_name = "log entry"
        verbose_name_plural = "log entries"

    def __str__(self):
        return f"{self.get_channel_display()} with {self.partnership} on {self.occurred_at:%d %b %Y}"

    def get_absolute_url(self):
        return reverse("communications:log_edit", args=[self.pk])
