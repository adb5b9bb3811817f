"""Student safety: the district's policy, background checks, protocols, site visits, check-ins, concerns.

Records with legal weight are voided, never deleted, from the UI (`Voidable`), and django-auditlog
keeps who changed what and when (registered in safety/apps.py).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.expressions import Combinable
from django.urls import reverse
from django.utils import timezone

from core.constraints import one_of
from core.requeue import queued_between
from core.voiding.models import Voidable, VoidableQuerySet
from partnerships.models import Contact, Organization, PartnerMembership, Partnership
from students.models import Placement, Student


class SafetyPolicy(models.Model):
    """The district's rules. One row; `SafetyPolicy.current()` gives it (made with defaults if missing)."""

    class ChecksFor(models.TextChoices):
        MENTOR = "mentor", "The mentor only"
        EVERYONE = "everyone", "Every business person assigned to the placement"

    check_valid_days = models.PositiveIntegerField("a background check is valid for (days)", default=730)
    renewal_window_days = models.PositiveIntegerField("renew checks this many days before they expire", default=60)
    checks_required_for = models.CharField(max_length=16, choices=ChecksFor.choices, default=ChecksFor.MENTOR)
    student_check_in_days = models.PositiveIntegerField("check in with each student every (days)", default=14)
    site_visits_per_period = models.PositiveIntegerField("site visits per grading period", default=1)
    partner_check_in_days = models.PositiveIntegerField("contact each partner at least every (days)", default=30)
    safety_lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Told at once of every high-severity concern.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "safety policy"
        constraints = [
            models.CheckConstraint(condition=Q(check_valid_days__gt=0), name="policy_check_valid_positive"),
            models.CheckConstraint(condition=Q(student_check_in_days__gt=0), name="policy_check_in_positive"),
            models.CheckConstraint(condition=Q(partner_check_in_days__gt=0), name="policy_partner_positive"),
        ]

    def __str__(self):
        return "District safety policy"

    @classmethod
    def current(cls) -> SafetyPolicy:
        policy = cls.objects.order_by("pk").first()
        return policy or cls.objects.create()


class GradingPeriod(models.Model):
    policy = models.ForeignKey(SafetyPolicy, on_delete=models.CASCADE, related_name="grading_periods")
    name = models.CharField(max_length=60)
    start_date = models.DateField()
    end_date = models.DateField()

    class Meta:
        ordering = ["start_date"]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")), name="period_end_after_start"),
        ]

    def __str__(self):
        return self.name

    @classmethod
    def containing(cls, day: datetime.date) -> GradingPeriod | None:
        return cls.objects.filter(start_date__lte=day, end_date__gte=day).order_by("start_date").first()


def _completed(check: BackgroundCheck) -> datetime.date:
    # A cleared or not-cleared check has its completion date (the constraints below); min keeps the order total.
    return check.completed_on or datetime.date.min


def _by_completion(check: BackgroundCheck) -> tuple[datetime.date, int]:
    return (_completed(check), check.pk)


class BackgroundCheckQuerySet(VoidableQuerySet["BackgroundCheck"]):
    def cleared_through(self, day: datetime.date | Combinable):
        """Live, cleared checks still valid on `day` (a date, or an OuterRef to one in a subquery) that no later
        result overrides: a check that came back "not cleared" after a cleared one stops the person being
        cleared, whatever the older one says."""
        overridden = BackgroundCheck.objects.live().filter(
            contact=models.OuterRef("contact"),
            status=BackgroundCheck.Status.NOT_CLEARED,
            completed_on__gte=models.OuterRef("completed_on"),
        )
        return (
            self.live()
            .filter(status=BackgroundCheck.Status.CLEARED, expires_on__gte=day)
            .filter(~models.Exists(overridden))
        )

    def expiring(self, on: datetime.date, window_days: int):
        """Cleared and still valid, but expiring within the renewal window."""
        return self.cleared_through(on).filter(expires_on__lte=on + datetime.timedelta(days=window_days))

    def expired(self, on: datetime.date):
        return self.live().filter(
            Q(status=BackgroundCheck.Status.EXPIRED) | Q(status=BackgroundCheck.Status.CLEARED, expires_on__lt=on)
        )

    def pending(self):
        return self.live().filter(status__in=BackgroundCheck.WAITING_STATUSES)

    def deciding(self, contact) -> BackgroundCheck | None:
        """The check that says where a person stands (see `BackgroundCheck.deciding`)."""
        return BackgroundCheck.deciding(list(self.live().filter(contact=contact)))

    def latest_per_contact(self):
        """Each contact's most recent live check (for lists that show one state per person)."""
        newer = BackgroundCheck.objects.live().filter(contact=models.OuterRef("contact"), pk__gt=models.OuterRef("pk"))
        return self.live().filter(~models.Exists(newer))


class CheckStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    PENDING = "pending", "Pending"
    CLEARED = "cleared", "Cleared"
    NOT_CLEARED = "not_cleared", "Not cleared"
    EXPIRED = "expired", "Expired"


class BackgroundCheck(Voidable):
    """A business person's background check: status and dates only, never the report itself."""

    Status = CheckStatus

    class State(models.TextChoices):
        """What a page shows of a check: its status, or where a cleared check stands against its expiry."""

        NOT_STARTED = "not_started", "Not started"
        PENDING = "pending", "Pending"
        CLEARED = "cleared", "Cleared"
        EXPIRING = "expiring", "Expiring"
        EXPIRED = "expired", "Expired"
        NOT_CLEARED = "not_cleared", "Not cleared"

    WAITING_STATUSES = (Status.NOT_STARTED, Status.PENDING)
    # Not a field: set by the services whose change paused placements, for the page to list them.
    paused_placements: list[Placement]

    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="background_checks")
    provider = models.CharField(max_length=120, blank=True)
    reference = models.CharField("provider's reference", max_length=120, blank=True)
    requested_on = models.DateField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.NOT_STARTED)
    expires_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True, help_text="No findings from the report: status and dates only.")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = BackgroundCheckQuerySet.as_manager()

    class Meta(Voidable.Meta):
        ordering = ["-completed_on", "-pk"]
        constraints = [
            *Voidable.Meta.constraints,
            models.CheckConstraint(
                condition=~Q(status=CheckStatus.CLEARED) | Q(expires_on__isnull=False, completed_on__isnull=False),
                name="check_cleared_has_dates",
            ),
            models.CheckConstraint(
                condition=~Q(status=CheckStatus.NOT_CLEARED) | Q(completed_on__isnull=False),
                name="check_not_cleared_has_date",
                violation_error_message="Give the date the check came back.",
            ),
            models.CheckConstraint(condition=one_of("status", CheckStatus), name="check_status_known"),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True)
                | Q(completed_on__isnull=True)
                | Q(expires_on__gt=models.F("completed_on")),
                name="check_expires_after_completed",
                violation_error_message="A check expires after it was completed.",
            ),
        ]

    def __str__(self):
        return f"Background check of {self.contact}"

    def get_absolute_url(self):
        return reverse("safety:check_edit", args=[self.pk])

    @staticmethod
    def deciding(checks: list[BackgroundCheck]) -> BackgroundCheck | None:
        """Of one person's live checks, the one that says where they stand: a "not cleared" result that
        overrides their clearance (as in `cleared_through`: completed the same day or later), else the
        latest recorded."""
        refused = max((c for c in checks if c.status == CheckStatus.NOT_CLEARED), key=_by_completion, default=None)
        cleared = max((c for c in checks if c.status == CheckStatus.CLEARED), key=_by_completion, default=None)
        if refused is not None and (cleared is None or _completed(refused) >= _completed(cleared)):
            return refused
        return max(checks, key=lambda check: check.pk, default=None)

    def state(self, on: datetime.date | None = None, window_days: int = 60) -> str:
        """What to show (a `State`): the status, or expiring/expired for a cleared check near or past its date."""
        return self.state_of(self.status, self.expires_on, on=on, window_days=window_days)

    @classmethod
    def state_of(
        cls, status: str, expires_on: datetime.date | None, *, on: datetime.date | None = None, window_days: int = 60
    ) -> str:
        """`state` from the two columns it is made of (exports read those alone)."""
        on = on or timezone.localdate()
        if status == cls.Status.CLEARED and expires_on:
            if expires_on < on:
                return cls.State.EXPIRED
            if expires_on <= on + datetime.timedelta(days=window_days):
                return cls.State.EXPIRING
        return cls.State(status)


class SafetyProtocolQuerySet(models.QuerySet):
    def current(self, on: datetime.date | None = None):
        """The newest version of each protocol in effect on `on` (today by default)."""
        on = on or timezone.localdate()
        newer = SafetyProtocol.objects.filter(
            key=models.OuterRef("key"), version__gt=models.OuterRef("version"), effective_on__lte=on
        )
        return self.filter(effective_on__lte=on).filter(~models.Exists(newer))


class SafetyProtocol(models.Model):
    """One version of a district protocol. A new version of the same protocol (same `key`) needs a new
    acknowledgment from every business."""

    key = models.SlugField(max_length=60, help_text="Stays the same across versions, e.g. “supervision”.")
    title = models.CharField(max_length=200)
    body = models.TextField()
    version = models.PositiveIntegerField()
    effective_on = models.DateField(default=timezone.localdate)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SafetyProtocolQuerySet.as_manager()

    class Meta:
        ordering = ["key", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["key", "version"], name="protocol_unique_version"),
            models.CheckConstraint(condition=Q(version__gte=1), name="protocol_version_from_one"),
        ]

    def __str__(self):
        return f"{self.title} (v{self.version})"

    def get_absolute_url(self):
        return reverse("safety:protocol_detail", args=[self.pk])


class ProtocolAcknowledgment(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="protocol_acknowledgments")
    protocol = models.ForeignKey(SafetyProtocol, on_delete=models.PROTECT, related_name="acknowledgments")
    acknowledged_by_name = models.CharField("acknowledged by", max_length=200)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    acknowledged_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-acknowledged_at"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "protocol"], name="ack_once_per_version"),
        ]

    def __str__(self):
        return f"{self.organization} acknowledged {self.protocol}"

    def get_absolute_url(self):
        return self.protocol.get_absolute_url()


class VisitStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    COMPLETED = "completed", "Completed"
    CANCELLED = "cancelled", "Cancelled"


class SiteVisit(Voidable):
    Status = VisitStatus

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="site_visits")
    site = models.CharField(max_length=300, blank=True, help_text="The address visited, if not the business's own.")
    placements = models.ManyToManyField(Placement, blank=True, related_name="site_visits")
    scheduled_for = models.DateField()
    completed_on = models.DateField(null=True, blank=True)
    visitor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="site_visits")
    findings = models.TextField(blank=True)
    concerns = models.TextField(blank=True)
    follow_up = models.TextField("follow-up actions", blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.SCHEDULED)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)  # the version edit forms carry (core.concurrency)

    objects = VoidableQuerySet.as_manager()

    class Meta(Voidable.Meta):
        ordering = ["-scheduled_for", "-pk"]
        constraints = [
            *Voidable.Meta.constraints,
            models.CheckConstraint(
                condition=~Q(status=VisitStatus.COMPLETED) | Q(completed_on__isnull=False),
                name="visit_completed_has_date",
            ),
            models.CheckConstraint(condition=one_of("status", VisitStatus), name="visit_status_known"),
        ]

    def __str__(self):
        return f"Site visit to {self.partnership.business.name} on {self.scheduled_for}"

    def get_absolute_url(self):
        return reverse("safety:visit_edit", args=[self.pk])


class CheckInQuerySet(VoidableQuerySet["CheckIn"]):
    def shared_with_mentor(self):
        """Live check-ins whose notes the coordinator shared with the placement's mentor, newest first."""
        return self.live().filter(shared_with_mentor=True, concern=False).exclude(notes="").order_by("-date", "-pk")


# A check-in that raises a concern is never shown to the business: the concern may be about the host.
SHARE_REFUSED = "Only notes can be shared with the mentor, and not those of a check-in that raises a concern."


class CheckIn(Voidable):
    class Mode(models.TextChoices):
        IN_PERSON = "in_person", "In person"
        PHONE = "phone", "Phone"
        VIDEO = "video", "Video"

    WELLBEING = [(1, "1 — Struggling"), (2, "2 — Not great"), (3, "3 — OK"), (4, "4 — Good"), (5, "5 — Thriving")]

    placement = models.ForeignKey(Placement, on_delete=models.PROTECT, related_name="check_ins")
    student = models.ForeignKey(Student, on_delete=models.PROTECT, related_name="check_ins")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="check_ins")
    date = models.DateField(default=timezone.localdate)
    mode = models.CharField(max_length=16, choices=Mode.choices)
    wellbeing = models.PositiveSmallIntegerField(choices=WELLBEING)
    notes = models.TextField(blank=True)
    concern = models.BooleanField("raise a concern", default=False)
    # The notes are shown to the placement's mentor in the portal. Off unless the coordinator chooses it:
    # what a student says in a check-in is the school's unless it is meant for the host.
    shared_with_mentor = models.BooleanField("share the notes with the mentor", default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CheckInQuerySet.as_manager()

    class Meta(Voidable.Meta):
        ordering = ["-date", "-pk"]
        indexes = [
            # A placement's latest live check-in (safety.cadence.with_last_check_in), asked per active
            # placement by the dashboard's and /safety/'s overdue counts: one index probe each.
            models.Index(
                "placement", models.F("date").desc(), condition=Q(voided_at__isnull=True), name="checkin_latest_live"
            ),
        ]
        constraints = [
            *Voidable.Meta.constraints,
            models.CheckConstraint(condition=Q(wellbeing__gte=1, wellbeing__lte=5), name="checkin_wellbeing_1_5"),
            models.CheckConstraint(
                condition=Q(shared_with_mentor=False) | (Q(concern=False) & ~Q(notes="")),
                name="checkin_shared_has_notes_no_concern",
                violation_error_message=SHARE_REFUSED,
            ),
        ]

    def __str__(self):
        return f"Check-in on {self.date}"

    def get_absolute_url(self):
        return reverse("safety:placement", args=[self.placement_id])


class SafetyConcernQuerySet(VoidableQuerySet["SafetyConcern"]):
    def open(self):
        """Live concerns not yet resolved."""
        return self.live().filter(status__in=SafetyConcern.OPEN_STATUSES)

    def serious(self):
        """High severity: these pause a placement at once and keep it from going on until resolved."""
        return self.filter(severity=SafetyConcern.Severity.HIGH)

    def about(self, placement):
        """Concerns about a placement: reported on it, or about its student at its partnership without
        naming a placement."""
        unnamed = Q(placement__isnull=True, student_id=placement.student_id, partnership_id=placement.partnership_id)
        return self.filter(Q(placement=placement) | unnamed)

    def lead_notice_waiting(self, before: datetime.datetime, since: datetime.datetime | None = None):
        """Live concerns reported in that span that the safety lead must hear of and has not (core.requeue): a
        high-severity one, or any reported by someone of the business (concern_report's `from_partner`)."""
        from_partner = Exists(
            PartnerMembership.objects.filter(
                user=OuterRef("reported_by"), organization=OuterRef("partnership__business")
            )
        )
        rows = self.live().filter(Q(severity=ConcernSeverity.HIGH) | Q(from_partner), lead_notified_at__isnull=True)
        return queued_between(rows, "created_at", before, since)


class ConcernSeverity(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


class ConcernStatus(models.TextChoices):
    OPEN = "open", "Open"
    INVESTIGATING = "investigating", "Investigating"
    RESOLVED = "resolved", "Resolved"


class SafetyConcern(Voidable):
    Severity = ConcernSeverity
    Status = ConcernStatus

    TRANSITIONS: dict[str, tuple[str, ...]] = {
        Status.OPEN: (Status.INVESTIGATING, Status.RESOLVED),
        Status.INVESTIGATING: (Status.RESOLVED,),
        Status.RESOLVED: (),
    }
    OPEN_STATUSES = (Status.OPEN, Status.INVESTIGATING)
    # Not a field: set by concern_report when the concern paused placements, for the page to list them.
    paused_placements: list[Placement]

    student = models.ForeignKey(Student, on_delete=models.PROTECT, related_name="safety_concerns")
    placement = models.ForeignKey(
        Placement, on_delete=models.PROTECT, null=True, blank=True, related_name="safety_concerns"
    )
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="safety_concerns")
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    severity = models.CharField(max_length=16, choices=Severity.choices)
    description = models.TextField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    resolution = models.TextField(blank=True)
    lead_notified_at = models.DateTimeField(null=True, blank=True)
    lead_notice_claimed_at = models.DateTimeField(null=True, blank=True, editable=False)  # claimed_until_sent
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SafetyConcernQuerySet.as_manager()

    class Meta(Voidable.Meta):
        ordering = ["-created_at"]
        constraints = [
            *Voidable.Meta.constraints,
            models.CheckConstraint(
                condition=~Q(status=ConcernStatus.RESOLVED) | ~Q(resolution=""), name="concern_resolved_has_resolution"
            ),
            models.CheckConstraint(condition=one_of("status", ConcernStatus), name="concern_status_known"),
            models.CheckConstraint(condition=one_of("severity", ConcernSeverity), name="concern_severity_known"),
        ]

    def __str__(self):
        return f"{self.get_severity_display()} concern #{self.pk}"

    def get_absolute_url(self):
        return reverse("safety:concern_detail", args=[self.pk])
