"""What a partnership plans: goals, commitments and their delivery, and the roles people take."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from partnerships import querysets
from partnerships.choices import Side
from partnerships.models.organizations import Contact
from partnerships.models.partnerships import Partnership


class Goal(models.Model):
    class Owner(models.TextChoices):
        SCHOOL = "school", "School"
        COMPANY = "company", "Company"
        SHARED = "shared", "Shared"

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        ON_TRACK = "on_track", "On track"
        AT_RISK = "at_risk", "At risk"
        ACHIEVED = "achieved", "Achieved"
        DROPPED = "dropped", "Dropped"

    OPEN_STATUSES = (Status.NOT_STARTED, Status.ON_TRACK, Status.AT_RISK)

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="goals")
    owner = models.CharField("whose goal", max_length=16, choices=Owner.choices)
    description = models.TextField()
    measure = models.CharField("how we measure it", max_length=300, blank=True)
    target = models.CharField(max_length=200, blank=True, help_text="e.g. “12 students a year”.")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.NOT_STARTED)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["owner", "pk"]

    def __str__(self):
        return self.description[:80]


class Commitment(models.Model):
    """What one side promises to give the partnership, and (through deliveries) what it gave."""

    class Kind(models.TextChoices):
        TIME = "time", "Time"
        PEOPLE = "people", "People"
        EQUIPMENT = "equipment", "Equipment"
        FUNDING = "funding", "Funding"
        SPACE = "space", "Space"
        OTHER = "other", "Other"

    class Cadence(models.TextChoices):
        ONCE = "once", "Once"
        WEEKLY = "weekly", "Every week"
        MONTHLY = "monthly", "Every month"
        TERM = "term", "Every term"
        YEARLY = "yearly", "Every year"

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        IN_PROGRESS = "in_progress", "In progress"
        FULFILLED = "fulfilled", "Fulfilled"
        MISSED = "missed", "Missed"
        CANCELLED = "cancelled", "Cancelled"

    OPEN_STATUSES = (Status.PLANNED, Status.IN_PROGRESS)

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="commitments")
    party = models.CharField("who commits", max_length=16, choices=Side.choices)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    description = models.CharField(max_length=300)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    unit = models.CharField(max_length=40, help_text="e.g. hours, mentors, laptops, dollars.")
    cadence = models.CharField(max_length=16, choices=Cadence.choices, default=Cadence.ONCE)
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PLANNED)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = querysets.CommitmentQuerySet.as_manager()

    class Meta:
        ordering = ["party", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="commitment_amount_positive"),
            models.CheckConstraint(
                condition=Q(period_end__isnull=True)
                | Q(period_start__isnull=True)
                | Q(period_end__gte=models.F("period_start")),
                name="commitment_period_in_order",
            ),
        ]

    def __str__(self):
        return self.description


class CommitmentDelivery(models.Model):
    """Part of a commitment that was actually given."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="deliveries")
    date = models.DateField(default=timezone.localdate)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    note = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name_plural = "commitment deliveries"
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="delivery_amount_positive")]

    def __str__(self):
        return f"{self.amount} {self.commitment.unit} on {self.date}"


class ChangeStatus(models.TextChoices):
    PROPOSED = "proposed", "Waiting for the district"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"


class CommitmentChange(models.Model):
    """A business's proposal to change what it promised (the amount, the description or the end of its
    period), which a coordinator approves, changing the commitment, or declines with a reason."""

    Status = ChangeStatus

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="changes")
    description = models.CharField("new description", max_length=300, blank=True)
    amount = models.DecimalField("new amount", max_digits=12, decimal_places=2, null=True, blank=True)
    period_end = models.DateField("new end of the period", null=True, blank=True)
    reason = models.TextField("why the change")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PROPOSED, db_index=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    proposed_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__isnull=True) | Q(amount__gt=0), name="change_amount_positive"),
            models.CheckConstraint(
                condition=~Q(description="") | Q(amount__isnull=False) | Q(period_end__isnull=False),
                name="change_changes_something",
                violation_error_message="Say what should change: the description, the amount or the end date.",
            ),
            models.CheckConstraint(
                condition=~Q(status=ChangeStatus.DECLINED) | ~Q(decline_reason=""),
                name="change_declined_says_why",
                violation_error_message="Say why the change is declined.",
            ),
            models.CheckConstraint(
                condition=Q(status=ChangeStatus.PROPOSED) | Q(decided_at__isnull=False),
                name="change_decided_has_date",
            ),
            models.UniqueConstraint(
                fields=["commitment"],
                condition=Q(status=ChangeStatus.PROPOSED),
                name="change_one_open_per_commitment",
                violation_error_message="A change to this commitment is already waiting for the district.",
            ),
        ]

    def __str__(self):
        return f"Change to {self.commitment}"


class PartnershipRole(models.Model):
    """A named role someone holds in a partnership, with what it asks of them."""

    SUGGESTED_TITLES = [
        "Executive sponsor",
        "Mentor lead",
        "School liaison",
        "Safety lead",
        "Program coordinator",
        "Volunteer coordinator",
        "Teacher lead",
    ]

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="roles")
    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="partnership_roles")
    title = models.CharField(max_length=100)
    responsibilities = models.TextField(blank=True)
    hours_per_month = models.DecimalField(
        "time expected (hours a month)", max_digits=6, decimal_places=1, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)  # the version edit forms carry (core.concurrency)

    class Meta:
        ordering = ["title", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "contact", "title"], name="role_unique_per_person"),
            models.CheckConstraint(
                condition=Q(hours_per_month__isnull=True) | Q(hours_per_month__gte=0), name="role_hours_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.title}: {self.contact}"

    def get_additional_data(self) -> dict[str, int]:
        """Stored by auditlog with each entry: the People tab finds a removed role's deletion by it."""
        return {"partnership": self.partnership_id}

    @property
    def side(self) -> str:
        return self.contact.organization.side
