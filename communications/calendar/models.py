"""A private calendar feed: a coordinator's (their own work) or a business's (in the portal). The feed is read
through one public URL that carries a long random token; only the token's SHA-256 is stored, so a copy of the
database opens no feed. What a feed shows is dashboard.calendar's business; who may create one is the pages'.

The model lives here, below both the dashboard and the portal, because both create feeds and neither may
import the other (tests/test_layers.py)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q

from partnerships.models import Organization, PartnerMembership


class CalendarFeedQuerySet(models.QuerySet["CalendarFeed"]):
    def live(self):
        """Feeds that still answer: not revoked, and for a business, made by someone who still administers it.
        The address is a secret its maker knows: when their access ends, the business feed stops with it (an
        administrator still there makes a new one)."""
        maker_still_administers = Exists(
            PartnerMembership.objects.active()
            .admins()
            .filter(user=OuterRef("created_by"), organization=OuterRef("organization"), user__is_active=True)
        )
        return self.filter(revoked_at__isnull=True).filter(Q(organization__isnull=True) | maker_still_administers)

    def expired(self, now: datetime.datetime):
        """Feeds of deactivated users, live or revoked: a feed token must not outlive its person's access."""
        return self.filter(user__is_active=False)


class CalendarFeed(models.Model):
    """One feed of a person or of a business. Revoking keeps the row (who, when); a new feed gets a new token,
    so at most one live feed per owner (the partial unique constraints)."""

    token_hash = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="calendar_feeds"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, null=True, blank=True, related_name="calendar_feeds"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = CalendarFeedQuerySet.as_manager()

    class Meta:
        app_label = "communications"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False, organization__isnull=True)
                | Q(user__isnull=True, organization__isnull=False),
                name="calendar_feed_one_owner",
                violation_error_message="A calendar feed belongs to one person or one business.",
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(revoked_at__isnull=True, user__isnull=False),
                name="calendar_feed_one_per_user",
            ),
            models.UniqueConstraint(
                fields=["organization"],
                condition=Q(revoked_at__isnull=True, organization__isnull=False),
                name="calendar_feed_one_per_organization",
            ),
        ]

    def __str__(self):
        return f"Calendar feed of {self.user or self.organization}"
