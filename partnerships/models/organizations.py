"""Organizations (the district, its schools, businesses), the people in them, and partners' portal memberships."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from core.constraints import one_of
from partnerships import querysets
from partnerships.choices import OrganizationKind, Side


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

    # What `full_name` is made of, for reads of these columns alone (dashboard.exports).
    FULL_NAME_FIELDS = ("first_name", "last_name")

    @property
    def full_name(self) -> str:
        return self.full_name_of(self.first_name, self.last_name)

    @staticmethod
    def full_name_of(first_name: str, last_name: str) -> str:
        return f"{first_name} {last_name}".strip()


class MembershipRole(models.TextChoices):
    """What a person does for their business in the portal. What each role may do is written once, in
    portal.access."""

    ADMIN = "admin", "Partner administrator"
    MENTOR = "mentor", "Mentor"


class PartnerMembership(models.Model):
    """A user's right to use the portal for one business, in one role. Ending it (deactivate) takes effect on
    the user's very next request; the row stays, so who had access and until when is kept."""

    Role = MembershipRole

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.MENTOR)
    active = models.BooleanField(default=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    deactivated_at = models.DateTimeField(null=True, blank=True)
    deactivated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = querysets.MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["organization__name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="membership_unique_user_organization"),
            models.CheckConstraint(condition=one_of("role", MembershipRole), name="membership_role_known"),
            models.CheckConstraint(
                condition=models.Q(active=True) | models.Q(deactivated_at__isnull=False),
                name="membership_deactivated_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.user} at {self.organization} ({self.get_role_display()})"

    def get_absolute_url(self):
        return reverse("partnerships:organization_detail", args=[self.organization_id]) + "#portal-users"

    @property
    def name_in_history(self) -> str:
        """“Dana Lee, Mentor”: the user as the business's team lists them (its rows come with their user)."""
        return f"{self.user.display_name}, {self.get_role_display()}"

    @property
    def is_admin(self) -> bool:
        return self.role == MembershipRole.ADMIN
