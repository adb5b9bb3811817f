"""The communications log: every call, email, meeting and visit with a partner, voided rather than deleted.
And success stories: the thank-yous the district publishes about its partners.

Saving or voiding an entry keeps `Partnership.last_contacted_at` current (communications.services).
"""

from __future__ import annotations

import secrets
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from communications.uploads import validate_story_photo
from partnerships.models import Contact, Partnership
from safety.models import Voidable, VoidableQuerySet
from students.models import Student


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


def story_photo_path(instance, filename: str) -> str:
    """stories/<year>/<random>.<ext>: the uploader's file name is never kept (it may say who is pictured)."""
    extension = PurePath(filename).suffix.lower()
    return f"stories/{timezone.now():%Y}/{secrets.token_hex(16)}{extension}"


class SuccessStoryQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=SuccessStory.Status.PUBLISHED)

    def for_newsletter(self, start, end):
        """Published stories for the newsletter with a publish date from `start` to `end` (both included)."""
        return self.published().filter(channel_newsletter=True, publish_on__range=(start, end))

    def for_social(self, start, end):
        return self.published().filter(channel_social=True, publish_on__range=(start, end))


class SuccessStory(models.Model):
    """A story about what a partnership achieved, written by a coordinator, approved, then published.

    Students appear only with media consent (communications.services.story_save checks it, and the
    digest checks it again when it is built)."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        APPROVED = "approved", "Approved"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=200)
    body = models.TextField()
    photo = models.FileField(
        upload_to=story_photo_path,
        blank=True,
        validators=[validate_story_photo],
        help_text="A JPEG, PNG or WebP picture of at most 5 MB.",
    )
    photo_alt = models.CharField(
        "photo description", max_length=300, blank=True, help_text="What the photo shows, for screen readers."
    )
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="stories")
    students = models.ManyToManyField(
        Student, blank=True, related_name="stories", help_text="Only students with media consent."
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    channel_newsletter = models.BooleanField("newsletter", default=False)
    channel_social = models.BooleanField("social media", default=False)
    channel_website = models.BooleanField("website", default=False)
    publish_on = models.DateField("publish on", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SuccessStoryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "success story"
        verbose_name_plural = "success stories"
        constraints = [
            models.CheckConstraint(condition=Q(photo="") | ~Q(photo_alt=""), name="story_photo_has_alt"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(approved_at__isnull=False, approved_by__isnull=False),
                name="story_approved_has_approver",
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(publish_on__isnull=False), name="story_published_has_date"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("communications:story_edit", args=[self.pk])

    @property
    def channels(self) -> list[str]:
        chosen = [
            ("Newsletter", self.channel_newsletter),
            ("Social media", self.channel_social),
            ("Website", self.channel_website),
        ]
        return [name for name, on in chosen if on]
