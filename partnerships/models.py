"""Organizations, their people, and the partnerships between a school (or the district) and a business."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from core.constraints import one_of
from partnerships import querysets


class Side(models.TextChoices):
    SCHOOL = "school", "School side"
    BUSINESS = "business", "Business side"


# Choices a model's Meta constraints name too, so they are defined before the models that use them.


class OrganizationKind(models.TextChoices):
    DISTRICT = "district", "District"
    SCHOOL = "school", "School"
    BUSINESS = "business", "Business"


class PartnershipStatus(models.TextChoices):
    PROSPECT = "prospect", "Prospect"
    ONBOARDING = "onboarding", "Onboarding"
    ACTIVE = "active", "Active"
    PAUSED = "paused", "Paused"
    ENDED = "ended", "Ended"


class ContactRole(models.TextChoices):
    PRIMARY = "primary", "Primary"
    BACKUP = "backup", "Backup"


class Organization(models.Model):
    Kind = OrganizationKind

    class Sector(models.TextChoices):
        AGRICULTURE = "agriculture", "Agriculture"
        CONSTRUCTION = "construction", "Construction and trades"
        EDUCATION = "education", "Education"
        ENERGY = "energy", "Energy and utilities"
        FINANCE = "finance", "Finance and insurance"
        HEALTHCARE = "healthcare", "Healthcare"
        HOSPITALITY = "hospitality", "Hospitality and food"
        MANUFACTURING = "manufacturing", "Manufacturing"
        MEDIA = "media", "Media and arts"
        NONPROFIT = "nonprofit", "Nonprofit"
        PUBLIC = "public", "Public service"
        RETAIL = "retail", "Retail"
        TECHNOLOGY = "technology", "Technology"
        TRANSPORT = "transport", "Transport and logistics"
        OTHER = "other", "Other"

    class Size(models.TextChoices):
        MICRO = "1-9", "1–9 people"
        SMALL = "10-49", "10–49 people"
        MEDIUM = "50-249", "50–249 people"
        LARGE = "250+", "250 or more people"

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text="For a school: the district it belongs to.",
    )
    street = models.CharField("street address", max_length=200, blank=True)
    city = models.CharField(max_length=100, blank=True)
    state = models.CharField(max_length=50, blank=True)
    postal_code = models.CharField(max_length=20, blank=True)
    website = models.URLField(blank=True)
    sector = models.CharField(max_length=32, choices=Sector.choices, blank=True)
    size = models.CharField(max_length=16, choices=Size.choices, blank=True)
    notes = models.TextField(blank=True)
    public_recognition = models.BooleanField(
        "may be thanked publicly",
        default=False,
        help_text="The organization agreed to be named in newsletters and on social media.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = querysets.OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "name"], name="organization_unique_name_per_kind"),
            models.CheckConstraint(condition=one_of("kind", OrganizationKind), name="organization_kind_known"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partnerships:organization_detail", args=[self.pk])

    @property
    def address(self) -> str:
        city_line = " ".join(
            part
            for part in [self.city + ("," if self.city and self.state else ""), self.state, self.postal_code]
            if part
        )
        return ", ".join(part for part in [self.street, city_line] if part)

    @property
    def side(self) -> str:
        return Side.BUSINESS if self.kind == self.Kind.BUSINESS else Side.SCHOOL


class Contact(models.Model):
    """A person at an organization. May be linked to a user account (a coordinator or a partner)."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="contacts")
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    title = models.CharField("job title", max_length=150, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contacts",
        help_text="The person's SchoolBridge account, if they have one.",
    )
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = querysets.ContactQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("partnerships:organization_detail", args=[self.organization_id]) + f"#contact-{self.pk}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class PartnerMembership(models.Model):
    """A user's right to use the portal for one business."""

    class Role(models.TextChoices):
        ADMIN = "admin", "Partner administrator"
        MEMBER = "member", "Partner staff"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organization__name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="membership_unique_user_organization"),
        ]

    def __str__(self):
        return f"{self.user} at {self.organization} ({self.get_role_display()})"


class Program(models.Model):
    """A kind of activity a partnership runs: internships, job shadows, career days, …"""

    name = models.CharField(max_length=100, unique=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Partnership(models.Model):
    Status = PartnershipStatus

    # The lifecycle: from each status, the statuses it may move to.
    TRANSITIONS: dict[str, tuple[str, ...]] = {
        Status.PROSPECT: (Status.ONBOARDING, Status.ENDED),
        Status.ONBOARDING: (Status.ACTIVE, Status.PROSPECT, Status.ENDED),
        Status.ACTIVE: (Status.PAUSED, Status.ENDED),
        Status.PAUSED: (Status.ACTIVE, Status.ENDED),
        Status.ENDED: (),
    }
    # Every status but ended: the partnerships one can still work with.
    OPEN_STATUSES = (Status.PROSPECT, Status.ONBOARDING, Status.ACTIVE, Status.PAUSED)
    # Being set up or running: partners the district keeps in touch with.
    ENGAGED_STATUSES = (Status.ONBOARDING, Status.ACTIVE, Status.PAUSED)
    # Running, if perhaps on hold: a primary point of contact on both sides, every day.
    ONGOING_STATUSES = (Status.ACTIVE, Status.PAUSED)

    name = models.CharField(max_length=200, blank=True, help_text="Leave blank to name it after both sides.")
    school = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="school_partnerships",
        help_text="The school, or the district for a district-wide partnership.",
    )
    business = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="business_partnerships")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PROSPECT, db_index=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    programs = models.ManyToManyField(Program, blank=True, related_name="partnerships")
    notes = models.TextField(blank=True)
    last_contacted_at = models.DateTimeField(null=True, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = querysets.PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="partnership_end_after_start",
            ),
            models.CheckConstraint(condition=~Q(school=models.F("business")), name="partnership_two_sides"),
            models.CheckConstraint(condition=one_of("status", PartnershipStatus), name="partnership_status_known"),
            # The lifecycle sets these dates as it moves: a running partnership has started, an ended one ended.
            models.CheckConstraint(
                condition=~Q(status__in=[PartnershipStatus.ACTIVE, PartnershipStatus.PAUSED])
                | Q(start_date__isnull=False),
                name="partnership_running_has_started",
                violation_error_message="A partnership that has started keeps its start date.",
            ),
            models.CheckConstraint(
                condition=~Q(status=PartnershipStatus.ENDED) | Q(end_date__isnull=False),
                name="partnership_ended_has_end_date",
                violation_error_message="An ended partnership keeps its end date.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partnerships:detail", args=[self.pk])

    @property
    def default_name(self) -> str:
        return f"{self.school.name} × {self.business.name}"

    def allowed_transitions(self) -> tuple[str, ...]:
        return self.TRANSITIONS[self.status]

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    @property
    def is_ongoing(self) -> bool:
        return self.status in self.ONGOING_STATUSES


class BaseStatusChange(models.Model):
    """One step in a lifecycle, kept as history: who moved it, when and why. Subclasses add the
    record and its from/to statuses."""

    reason = models.TextField(blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["-changed_at", "-pk"]


class StatusChange(BaseStatusChange):
    """One step in a partnership's lifecycle."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=16, choices=Partnership.Status.choices)
    to_status = models.CharField(max_length=16, choices=Partnership.Status.choices)

    class Meta(BaseStatusChange.Meta):
        constraints = [
            models.CheckConstraint(condition=~Q(from_status=models.F("to_status")), name="status_change_moves"),
        ]

    def __str__(self):
        return f"{self.partnership}: {self.get_from_status_display()} → {self.get_to_status_display()}"

    def get_absolute_url(self):
        return self.partnership.get_absolute_url()


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
        return self.partnership.get_absolute_url() + "#people"

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

    class Meta:
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.from_poc.contact} → {self.to_poc.contact} on {self.date}"

    def get_absolute_url(self):
        return self.partnership.get_absolute_url() + "#people"


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

    @property
    def side(self) -> str:
        return self.contact.organization.side
