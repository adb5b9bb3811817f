"""The communications log: every call, email, meeting and visit with a partner, voided rather than deleted.
And success stories: the thank-yous the district publishes about its partners.

Saving or voiding an entry keeps `Partnership.last_contacted_at` current (communications.services).
"""

from __future__ import annotations

import datetime
import secrets
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from communications import querysets
from communications.stories.uploads import validate_story_photo
from core.retention import policy
from core.voiding.models import Voidable, VoidableQuerySet
from partnerships.models import Contact, Partnership
from students.models import Student


class LogEntry(Voidable):
    """One contact with a partnership: when, how, which way, who took part and what was said."""

    class Channel(models.TextChoices):
        EMAIL = "email", "Email"
        PHONE = "phone", "Phone"
        MEETING = "meeting", "Meeting"
        SITE_VISIT = "site_visit", "Site visit"
        EVENT = "event", "Event"
        PORTAL = "portal", "Portal message"
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
    updated_at = models.DateTimeField(auto_now=True)  # the version edit forms carry (core.concurrency)

    objects = VoidableQuerySet.as_manager()

    class Meta(Voidable.Meta):
        ordering = ["-occurred_at", "-pk"]
        verbose_name = "log entry"
        verbose_name_plural = "log entries"
        # Follow-ups owed: live entries with a follow-up not yet done, by date. The dashboard's "follow-ups
        # due", the calendar feed, the reminders and the log's follow-up filter all ask for exactly these.
        indexes = [
            models.Index(
                fields=["follow_up_on"],
                condition=Q(follow_up_done=False, voided_at__isnull=True),
                name="log_follow_up_owed",
            )
        ]

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


class StoryStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    APPROVED = "approved", "Approved"
    PUBLISHED = "published", "Published"


class SuccessStory(models.Model):
    """A story about what a partnership achieved, written by a coordinator, approved, then published.

    Students appear only with media consent (communications.services.story_save checks it, and the
    digest checks it again when it is built)."""

    Status = StoryStatus

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
    updated_at = models.DateTimeField(auto_now=True)  # the version edit forms carry (core.concurrency)

    objects = SuccessStoryQuerySet.as_manager()
    # Not a field: the digest prefetches the students with media consent into it (to_attr).
    consenting_students: list[Student]

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "success story"
        verbose_name_plural = "success stories"
        constraints = [
            models.CheckConstraint(condition=Q(photo="") | ~Q(photo_alt=""), name="story_photo_has_alt"),
            models.CheckConstraint(
                condition=Q(status=StoryStatus.DRAFT) | Q(approved_at__isnull=False, approved_by__isnull=False),
                name="story_approved_has_approver",
            ),
            models.CheckConstraint(
                condition=~Q(status=StoryStatus.PUBLISHED) | Q(publish_on__isnull=False),
                name="story_published_has_date",
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


class FeedbackRequest(models.Model):
    """A survey sent to one person through a signed link: a partner contact each term, or a placement's
    mentor or student at its midpoint and end. Answered once (FeedbackResponse); reminded at most twice."""

    MAX_REMINDERS = 2

    class Audience(models.TextChoices):
        PARTNER = "partner", "Partner contact"
        MENTOR = "mentor", "Mentor"
        STUDENT = "student", "Student"

    class Occasion(models.TextChoices):
        TERM = "term", "End of term"
        MIDPOINT = "midpoint", "Placement midpoint"
        END = "end", "Placement end"

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="feedback_requests")
    placement = models.ForeignKey(
        "students.Placement", on_delete=models.PROTECT, null=True, blank=True, related_name="feedback_requests"
    )
    contact = models.ForeignKey(
        Contact, on_delete=models.PROTECT, null=True, blank=True, related_name="feedback_requests"
    )
    audience = models.CharField(max_length=16, choices=Audience.choices)
    occasion = models.CharField(max_length=16, choices=Occasion.choices)
    period = models.CharField(
        "term", max_length=60, blank=True, help_text="The term a partner survey is about, e.g. “Fall 2026”."
    )
    recipient_name = models.CharField(max_length=200)
    recipient_email = models.EmailField(blank=True)
    link = models.OneToOneField(
        "accounts.SignedLink", on_delete=models.PROTECT, related_name="feedback_request", null=True, blank=True
    )
    reminders_sent = models.PositiveSmallIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = querysets.FeedbackRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "audience", "occasion"],
                condition=Q(placement__isnull=False),
                name="feedback_once_per_placement_occasion",
            ),
            models.UniqueConstraint(
                fields=["partnership", "contact", "period"],
                condition=Q(occasion="term"),
                name="feedback_once_per_contact_term",
            ),
            models.CheckConstraint(condition=Q(reminders_sent__lte=2), name="feedback_at_most_two_reminders"),
        ]

    def __str__(self):
        return f"{self.get_occasion_display()} survey for {self.recipient_name}"

    def get_absolute_url(self):
        return reverse("communications:feedback_detail", args=[self.pk])


class FeedbackResponse(models.Model):
    """One answer to a FeedbackRequest: three 1–5 ratings, 0–10 "would you recommend", free text."""

    RATING = [(n, str(n)) for n in range(1, 6)]
    RECOMMEND = [(n, str(n)) for n in range(0, 11)]

    request = models.OneToOneField(FeedbackRequest, on_delete=models.CASCADE, related_name="response")
    communication = models.PositiveSmallIntegerField("communication with the school", choices=RATING)
    organization = models.PositiveSmallIntegerField("how well it was organized", choices=RATING)
    value = models.PositiveSmallIntegerField("how worthwhile it was", choices=RATING)
    would_recommend = models.PositiveSmallIntegerField(
        "how likely to recommend partnering with us (0–10)", choices=RECOMMEND
    )
    comments = models.TextField(blank=True)
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-submitted_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(communication__range=(1, 5), organization__range=(1, 5), value__range=(1, 5)),
                name="feedback_ratings_1_to_5",
            ),
            models.CheckConstraint(condition=Q(would_recommend__range=(0, 10)), name="feedback_recommend_0_to_10"),
        ]

    def __str__(self):
        return f"Answer to {self.request}"


class NoteStatus(models.TextChoices):
    PROMPTED = "prompted", "Waiting for a student"
    SUBMITTED = "submitted", "Waiting for approval"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


class ThankYouNote(models.Model):
    """A student's thank-you to a partner, prompted at a milestone, written through a signed link,
    approved (perhaps edited) or rejected by a coordinator, then delivered by email and in the portal."""

    class Milestone(models.TextChoices):
        PLACEMENT_COMPLETED = "placement_completed", "Placement completed"
        HOURS_REACHED = "hours_reached", "Hours reached"
        ANNIVERSARY = "anniversary", "Partnership anniversary"
        EVENT_HOSTED = "event_hosted", "Event hosted"

    Status = NoteStatus

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="thank_you_notes")
    placement = models.ForeignKey(
        "students.Placement", on_delete=models.PROTECT, null=True, blank=True, related_name="thank_you_notes"
    )
    student = models.ForeignKey(
        Student, on_delete=models.PROTECT, null=True, blank=True, related_name="thank_you_notes"
    )
    milestone = models.CharField(max_length=24, choices=Milestone.choices)
    milestone_key = models.CharField(
        max_length=60, help_text="Which milestone, e.g. “placement:12”, “hours:50:12”, “anniversary:2026”."
    )
    milestone_on = models.DateField("milestone date")
    link = models.OneToOneField(
        "accounts.SignedLink", on_delete=models.SET_NULL, null=True, blank=True, related_name="thank_you_note"
    )
    body = models.TextField(blank=True)
    original_body = models.TextField("as the student wrote it", blank=True)
    signed_as = models.CharField(max_length=120, blank=True, help_text="How the note is signed, e.g. “Maya R.”.")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PROMPTED, db_index=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    reject_reason = models.TextField(blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True, help_text="When the partner was emailed the note.")
    delivery_claimed_at = models.DateTimeField(null=True, blank=True, editable=False)  # claimed_until_sent
    created_at = models.DateTimeField(default=timezone.now)

    objects = querysets.ThankYouNoteQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "milestone", "milestone_key"], name="thanks_once_per_milestone"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[NoteStatus.APPROVED, NoteStatus.REJECTED]) | Q(reviewed_at__isnull=False),
                name="thanks_reviewed_has_date",
            ),
        ]

    def __str__(self):
        return f"Thank-you note to {self.partnership} ({self.get_milestone_display().lower()})"

    def get_absolute_url(self):
        return reverse("communications:thanks_detail", args=[self.pk])


class Reminder(models.Model):
    """The outbox: one row per reminder that is due, keyed (kind, subject, due date) so that however many
    sweeps, workers or retries run, a reminder exists once and is sent once (communications.reminders)."""

    class Kind(models.TextChoices):
        CHECK_IN_DUE = "check_in_due", "Student check-in due"
        CHECK_IN_OVERDUE = "check_in_overdue", "Student check-in overdue"
        SITE_VISIT_DUE = "site_visit_due", "Site visit due"
        CHECK_EXPIRING = "check_expiring", "Background check expiring"
        CHECK_EXPIRED = "check_expired", "Background check expired"
        NOT_CONTACTED = "not_contacted", "Partner not contacted"
        FOLLOW_UP_DUE = "follow_up_due", "Follow-up due"
        FEEDBACK_UNANSWERED = "feedback_unanswered", "Survey not answered"
        THANK_YOU_PROMPT = "thank_you_prompt", "Time to say thank you"
        CHARTER_ACK_PENDING = "charter_ack_pending", "Charter not acknowledged"
        PROTOCOL_ACK_PENDING = "protocol_ack_pending", "Safety protocols not acknowledged"
        CONTACT_MISSING = "contact_missing", "Point of contact missing"
        PARTNER_MESSAGE = "partner_message", "Message from a partner"
        COMMITMENT_CHANGE = "commitment_change", "Change to a commitment proposed"
        HOURS_REJECTED = "hours_rejected", "Hours sent back by a mentor"
        CHECK_REQUESTED = "check_requested", "Background check asked for"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Could not be sent"

    kind = models.CharField(max_length=24, choices=Kind.choices)
    subject_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE, related_name="+")
    subject_id = models.PositiveBigIntegerField()
    due_on = models.DateField(db_index=True)
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, null=True, blank=True, related_name="reminders"
    )
    title = models.CharField(max_length=300, help_text="Never a student's full name: it goes into email subjects.")
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True, help_text="Where to act on it, a path in SchoolBridge.")
    external_email = models.EmailField(blank=True, help_text="Someone without an account to email as well.")
    # Claimed by a worker, then sent (accounts.background.claimed_until_sent): a claim whose worker died goes stale.
    external_claimed_at = models.DateTimeField(null=True, blank=True)
    external_sent_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = querysets.ReminderQuerySet.as_manager()

    class Meta:
        ordering = ["-due_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "subject_type", "subject_id", "due_on"], name="reminder_unique_key"
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return self.title

    @property
    def error_in_words(self) -> str:
        """What went wrong last, in plain words, from the error kept in `last_error` ("Type: message")."""
        if not self.last_error:
            return ""
        kind = self.last_error.split(":", 1)[0]
        if kind.startswith("SMTP") or kind in {"ConnectionRefusedError", "TimeoutError", "OSError", "gaierror"}:
            return "The mail server could not be reached or did not take the email."
        if kind in {"OperationalError", "InterfaceError"}:
            return "The database was unavailable while sending."
        return "Sending failed with an unexpected error."


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)

    def expired(self, now: datetime.datetime):
        """Past the retention policy: read RETENTION["notification_days"] days ago, or about a reminder due
        that long ago, read or not."""
        cutoff = now - datetime.timedelta(days=policy("notification_days"))
        return self.filter(Q(read_at__lt=cutoff) | Q(reminder__due_on__lt=timezone.localdate(cutoff)))

    def for_list(self):
        return self.select_related("reminder").order_by(F("read_at").asc(nulls_first=True), "-created_at", "-pk")


class Notification(models.Model):
    """A reminder as one user sees it: in the notification list, and by email now or in a daily digest."""

    class Email(models.TextChoices):
        NOW = "now", "By email at once"
        DIGEST = "digest", "In a daily email digest"
        NONE = "none", "Not by email"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    reminder = models.ForeignKey(Reminder, on_delete=models.CASCADE, related_name="notifications")
    email = models.CharField(max_length=8, choices=Email.choices, default=Email.NOW)
    # Claimed by a worker, then sent (accounts.background.claimed_until_sent): emailed_at is when it went out.
    email_claimed_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["user", "reminder"], name="notification_once_per_user")]
        indexes = [models.Index(fields=["user", "read_at"]), models.Index(fields=["email", "emailed_at"])]

    def __str__(self):
        return f"{self.reminder} for {self.user}"


class ReminderPreference(models.Model):
    """How one user wants one kind of reminder. Without a row: by email at once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_preferences")
    kind = models.CharField(max_length=24, choices=Reminder.Kind.choices)
    email = models.CharField(max_length=8, choices=Notification.Email.choices, default=Notification.Email.NOW)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="preference_once_per_kind")]

    def __str__(self):
        return f"{self.user}: {self.get_kind_display()} {self.get_email_display().lower()}"


class PartnerGuide(models.Model):
    """The district's guidance for partners, one row, edited by coordinators and read in the portal: the
    handbook, what is expected of a host, whom to ask, and common questions."""

    handbook = models.TextField(
        "partner handbook", blank=True, help_text="Blank lines separate paragraphs. Links are shown as links."
    )
    expectations = models.TextField("what we expect of hosts", blank=True)
    whom_to_ask = models.TextField("whom to ask", blank=True)
    questions = models.TextField(
        "common questions", blank=True, help_text="A question on one line, its answer on the lines after it."
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="partner_guide_one_row")]

    def __str__(self):
        return "Partner guide"

    @classmethod
    def current(cls) -> PartnerGuide:
        guide, _ = cls.objects.get_or_create(pk=1)
        return guide


# Defined in its feature package; imported here so that Django finds the model of the app.
from communications.calendar.models import CalendarFeed  # noqa: E402, F401
