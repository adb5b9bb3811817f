"""Students, their placements with business partners, and what they learn there."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Upper
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import timezone

from core.constraints import one_of
from partnerships.models import BaseStatusChange, Contact, Goal, Organization, Partnership
from students import querysets


class Student(models.Model):
    class DisclosureBasis(models.TextChoices):
        DIRECTORY = "directory", "Directory information"
        CONSENT = "consent", "Written consent"

    GRADES = [(grade, f"Grade {grade}") for grade in range(6, 13)]

    legal_first_name = models.CharField(max_length=100)
    preferred_first_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100)
    date_of_birth = models.DateField()
    grade = models.PositiveSmallIntegerField(choices=GRADES)
    school = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="students")
    district_student_id = models.CharField("district student ID", max_length=40, unique=True)
    guardian_name = models.CharField(max_length=200, blank=True)
    guardian_email = models.EmailField(blank=True)
    guardian_phone = models.CharField(max_length=40, blank=True)
    emergency_contact = models.CharField(
        max_length=300, blank=True, help_text="Name and phone of who to call in an emergency."
    )
    guardian_consent_on = models.DateField(
        "guardian consent on file since", null=True, blank=True, help_text="Leave empty until the signed form is in."
    )
    media_consent = models.BooleanField(default=False, help_text="May appear in photos and stories.")
    media_consent_on = models.DateField(null=True, blank=True)
    disclosure_basis = models.CharField(
        "what partners may see, on what basis",
        max_length=16,
        choices=DisclosureBasis.choices,
        default=DisclosureBasis.DIRECTORY,
        help_text="Partners only ever see the preferred first name, last initial, grade and schedule.",
    )
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = querysets.StudentQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "legal_first_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(media_consent=False) | Q(media_consent_on__isnull=False),
                name="student_media_consent_has_date",
            ),
        ]
        # The search finds a student by ID in any case (district_student_id__iexact compares UPPER()s): with
        # this index that is a lookup, and on PostgreSQL it joins the name search's index in one BitmapOr.
        indexes = [models.Index(Upper("district_student_id"), name="student_id_upper")]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("students:student_detail", args=[self.pk])

    # What `full_name` is made of, for reads of these columns alone (dashboard.exports).
    FULL_NAME_FIELDS = ("preferred_first_name", "legal_first_name", "last_name")

    @property
    def first_name(self) -> str:
        return self.preferred_first_name or self.legal_first_name

    @property
    def full_name(self) -> str:
        return self.full_name_of(self.preferred_first_name, self.legal_first_name, self.last_name)

    @staticmethod
    def full_name_of(preferred_first_name: str, legal_first_name: str, last_name: str) -> str:
        """The name staff see: the preferred first name if there is one, and the last name."""
        return f"{preferred_first_name or legal_first_name} {last_name}"

    @property
    def partner_name(self) -> str:
        """The most a partner is shown: preferred first name and last initial."""
        return f"{self.first_name} {self.last_name[:1]}."

    @property
    def has_guardian_consent(self) -> bool:
        return self.guardian_consent_on is not None


class PlacementKind(models.TextChoices):
    INTERNSHIP = "internship", "Internship"
    JOB_SHADOW = "job_shadow", "Job shadow"
    MENTORSHIP = "mentorship", "Mentorship"
    APPRENTICESHIP = "apprenticeship", "Apprenticeship"
    PROJECT = "project", "Project"
    CAREER_EVENT = "career_event", "Career event"


class PlacementStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    APPROVED = "approved", "Approved"
    ACTIVE = "active", "Active"
    PAUSED = "paused", "Paused"
    COMPLETED = "completed", "Completed"
    CANCELLED = "cancelled", "Cancelled"


class Placement(models.Model):
    Kind = PlacementKind
    Status = PlacementStatus

    # From each status, where it may go. Becoming active (again) goes through the readiness gate only.
    TRANSITIONS: dict[str, tuple[str, ...]] = {
        Status.PROPOSED: (Status.APPROVED, Status.CANCELLED),
        Status.APPROVED: (Status.ACTIVE, Status.PROPOSED, Status.CANCELLED),
        Status.ACTIVE: (Status.PAUSED, Status.COMPLETED, Status.CANCELLED),
        Status.PAUSED: (Status.ACTIVE, Status.COMPLETED, Status.CANCELLED),
        Status.COMPLETED: (),
        Status.CANCELLED: (),
    }
    PLANNED_STATUSES = (Status.PROPOSED, Status.APPROVED)
    # Started and not over. The readiness gate keeps holding for these: a change that would fail it is refused.
    ONGOING_STATUSES = (Status.ACTIVE, Status.PAUSED)
    STARTED_STATUSES = (Status.ACTIVE, Status.PAUSED, Status.COMPLETED)
    OPEN_STATUSES = (*PLANNED_STATUSES, *ONGOING_STATUSES)
    FINISHED_STATUSES = (Status.COMPLETED, Status.CANCELLED)

    student = models.ForeignKey(Student, on_delete=models.PROTECT, related_name="placements")
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="placements")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    site_address = models.CharField(
        max_length=300, blank=True, help_text="Where the student goes, if not the main address."
    )
    mentor = models.ForeignKey(
        Contact, on_delete=models.PROTECT, null=True, blank=True, related_name="mentored_placements"
    )
    other_staff = models.ManyToManyField(
        Contact,
        blank=True,
        related_name="assisted_placements",
        verbose_name="other business staff",
        help_text="Other people at the business who work with the student.",
    )
    check_in_every_days = models.PositiveSmallIntegerField(
        "check in every (days)", null=True, blank=True, help_text="Leave empty for the district's default."
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supervised_placements",
        verbose_name="school supervisor",
    )
    start_date = models.DateField()
    end_date = models.DateField()
    days = models.CharField("days of the week", max_length=100, blank=True, help_text="e.g. Tue, Thu")
    hours_per_week = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PROPOSED, db_index=True)
    cancel_reason = models.TextField(blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = querysets.PlacementQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "pk"]
        # The list's order: its first page is read from this index instead of sorting every placement
        # (at scale 1, 83 ms → 8 ms; docs/performance.md).
        indexes = [models.Index(F("start_date").desc(), F("id"), name="placement_list_order")]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours_per_week__isnull=True) | Q(hours_per_week__gt=0, hours_per_week__lte=60),
                name="placement_hours_per_week_sensible",
            ),
            models.CheckConstraint(
                condition=~Q(status=PlacementStatus.CANCELLED) | ~Q(cancel_reason=""),
                name="placement_cancel_has_reason",
            ),
            models.CheckConstraint(condition=one_of("status", PlacementStatus), name="placement_status_known"),
            models.CheckConstraint(condition=one_of("kind", PlacementKind), name="placement_kind_known"),
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="placement_ends_after_it_starts",
                violation_error_message="The placement ends before it starts.",
            ),
            # The gate asks for a mentor before a placement starts, and nobody may take them away after.
            models.CheckConstraint(
                condition=~Q(status__in=[PlacementStatus.ACTIVE, PlacementStatus.PAUSED]) | Q(mentor__isnull=False),
                name="placement_under_way_has_mentor",
                violation_error_message="No mentor is named: a placement under way keeps one. Name another mentor.",
            ),
        ]

    def __str__(self):
        return self.title_of(self.get_kind_display(), self.partnership.business.name)

    def get_absolute_url(self):
        return reverse("students:placement_detail", args=[self.pk])

    @staticmethod
    def title_of(kind_label: str, business_name: str) -> str:
        """“Internship at Acme Tools”: how lists name a placement (from its columns alone, for exports)."""
        return f"{kind_label} at {business_name}"

    @property
    def name_in_history(self) -> str:
        """The student and the business, as records about this placement name it."""
        return f"{self.student.full_name} at {self.partnership.business.name}"

    def allowed_transitions(self) -> tuple[str, ...]:
        return self.TRANSITIONS[self.status]

    @property
    def midpoint(self):
        return self.start_date + (self.end_date - self.start_date) / 2


class PlacementStatusChange(BaseStatusChange):
    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=16, choices=Placement.Status.choices)
    to_status = models.CharField(max_length=16, choices=Placement.Status.choices)

    class Meta(BaseStatusChange.Meta):
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_status=models.F("to_status")), name="placement_status_change_moves"
            ),
        ]

    def __str__(self):
        return f"{self.placement_id}: {self.from_status} → {self.to_status}"

    def get_absolute_url(self):
        return self.placement.get_absolute_url()


class LearningGoal(models.Model):
    LEVELS = [(1, "1 — Beginning"), (2, "2 — Developing"), (3, "3 — Proficient"), (4, "4 — Advanced")]

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="learning_goals")
    text = models.TextField("what the student will learn")
    serves = models.ManyToManyField(
        Goal,
        blank=True,
        related_name="learning_goals",
        help_text="The partnership's and the company's goals it serves.",
    )
    skill = models.CharField("skill or competency", max_length=100, help_text="e.g. Teamwork, CAD, Customer service")
    target_level = models.PositiveSmallIntegerField(choices=LEVELS, default=3)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)  # the version edit forms carry (core.concurrency)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target_level__gte=1, target_level__lte=4), name="learning_goal_level_1_4"
            )
        ]

    def __str__(self):
        return self.text[:80]


class Evaluation(models.Model):
    class Evaluator(models.TextChoices):
        MENTOR = "mentor", "Mentor"
        STUDENT = "student", "Student"
        COORDINATOR = "coordinator", "Coordinator"

    class Phase(models.TextChoices):
        MIDPOINT = "midpoint", "Midpoint"
        FINAL = "final", "Final"
        OTHER = "other", "Other"

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="evaluations")
    evaluator = models.CharField(max_length=16, choices=Evaluator.choices)
    evaluator_name = models.CharField(max_length=200, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    phase = models.CharField(max_length=16, choices=Phase.choices)
    overall_comments = models.TextField(blank=True)
    submitted_at = models.DateTimeField(default=timezone.now)

    objects = querysets.EvaluationQuerySet.as_manager()

    class Meta:
        ordering = ["submitted_at", "pk"]

    def __str__(self):
        return f"{self.get_phase_display()} evaluation by the {self.get_evaluator_display().lower()}"


class Rating(models.Model):
    """One learning goal's 1–4 score in one evaluation."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="ratings")
    learning_goal = models.ForeignKey(LearningGoal, on_delete=models.CASCADE, related_name="ratings")
    score = models.PositiveSmallIntegerField(choices=LearningGoal.LEVELS)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["learning_goal_id"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "learning_goal"], name="rating_one_per_goal"),
            models.CheckConstraint(condition=Q(score__gte=1, score__lte=4), name="rating_score_1_4"),
        ]

    def __str__(self):
        return f"{self.score}/4"


class HoursEntry(models.Model):
    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="hours")
    date = models.DateField(default=timezone.localdate)
    hours = models.DecimalField(max_digits=4, decimal_places=2)
    activity = models.CharField(max_length=300)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    verified_by = models.CharField(max_length=200, blank=True, help_text="Who confirmed these hours.")
    verified_at = models.DateTimeField(null=True, blank=True)
    rejected_at = models.DateTimeField(null=True, blank=True)
    rejected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reject_reason = models.TextField(
        "why these hours are not right", blank=True, help_text="Goes back to the coordinator, who corrects them."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)  # the version edit forms carry (core.concurrency)

    objects = querysets.HoursQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name_plural = "hours entries"
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0, hours__lte=24), name="hours_entry_0_24"),
            models.CheckConstraint(
                condition=Q(verified_at__isnull=True, verified_by="")
                | (Q(verified_at__isnull=False) & ~Q(verified_by="")),
                name="hours_verified_says_by_whom",
                violation_error_message="Say who confirmed these hours.",
            ),
            models.CheckConstraint(
                condition=Q(rejected_at__isnull=True) | ~Q(reject_reason=""),
                name="hours_rejected_says_why",
                violation_error_message="Say why these hours are not right.",
            ),
            models.CheckConstraint(
                condition=Q(rejected_at__isnull=True) | Q(verified_at__isnull=True),
                name="hours_not_verified_and_rejected",
                violation_error_message="Hours are either confirmed or sent back, not both.",
            ),
        ]

    def __str__(self):
        return f"{self.hours} h on {self.date}"

    @property
    def name_in_history(self) -> str:
        """“3 hours on 12 Mar 2027”, as the placement page and its history write them."""
        amount = floatformat(self.hours, -2)
        return f"{amount} hour{'' if amount == '1' else 's'} on {self.date:%d %b %Y}"

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    @property
    def is_rejected(self) -> bool:
        return self.rejected_at is not None


class Disclosure(models.Model):
    """One showing of one student's data to someone at a business: who saw it, for which organization,
    which fields, why (the placement) and when. Written by the portal and by mentors' signed links, read by
    coordinators on the student's page. Rows are only ever added."""

    student = models.ForeignKey(Student, on_delete=models.PROTECT, related_name="disclosures")
    placement = models.ForeignKey(Placement, on_delete=models.PROTECT, related_name="disclosures")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="disclosures")
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    viewer_name = models.CharField(
        max_length=200, help_text="Who saw it, as they were known then (a signed link's recipient has no account)."
    )
    link = models.ForeignKey(
        "accounts.SignedLink", on_delete=models.PROTECT, null=True, blank=True, related_name="disclosures"
    )
    fields = models.CharField(max_length=300, help_text="What was shown, e.g. “first name, last initial, grade”.")
    page = models.CharField("where", max_length=100, help_text="The page that showed it, in words.")
    shown_at = models.DateTimeField(default=timezone.now)

    objects = querysets.DisclosureQuerySet.as_manager()

    class Meta:
        ordering = ["-shown_at", "-pk"]
        indexes = [models.Index(fields=["student", "-shown_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(viewer__isnull=False) | Q(link__isnull=False), name="disclosure_names_who"
            ),
        ]

    def __str__(self):
        return f"{self.viewer_name} saw {self.fields} ({self.shown_at:%Y-%m-%d})"


class ImportJob(models.Model):
    """One CSV upload of students or placements: checked in full first, then applied all or nothing."""

    class Kind(models.TextChoices):
        STUDENTS = "students", "Students"
        PLACEMENTS = "placements", "Placements"

    class Status(models.TextChoices):
        CHECK_QUEUED = "check_queued", "Waiting to be checked"
        CHECKING = "checking", "Checking"
        CHECKED = "checked", "Checked, waiting for confirmation"
        INVALID = "invalid", "Has errors"
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Importing"
        DONE = "done", "Imported"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=16, choices=Kind.choices)
    file = models.FileField(upload_to="imports/%Y/%m/")
    original_name = models.CharField(max_length=255)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.CHECKED)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True, help_text="[{line, column, message}, …]")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(
        null=True, blank=True, help_text="When someone confirmed the checked file; empty while it waits for them."
    )
    send_failed_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When handing the job to the background worker last failed (the broker was down); "
        "empty once it was handed over.",
    )
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = querysets.ImportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_kind_display()} import {self.original_name}"

    @property
    def in_background(self) -> bool:
        """Waiting for, or in the hands of, the background worker: its page shows the progress bar."""
        return self.status in BACKGROUND_STATUSES

    @property
    def waiting(self) -> bool:
        """Handed to the worker but not picked up yet: its page offers to send it again."""
        return self.status in (self.Status.CHECK_QUEUED, self.Status.QUEUED)

    @property
    def progress_percent(self) -> int:
        return round(100 * self.processed_rows / self.total_rows) if self.total_rows else 0


BACKGROUND_STATUSES = (
    ImportJob.Status.CHECK_QUEUED,
    ImportJob.Status.CHECKING,
    ImportJob.Status.QUEUED,
    ImportJob.Status.RUNNING,
)
