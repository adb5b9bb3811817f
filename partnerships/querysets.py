"""Named reads for the partnerships app. Views ask for rows by name; N+1 is fixed here, once.

Status and kind words come from partnerships.choices (or `self.model`); the models import this module, so
another model is asked of Django's registry (`_model`), never imported."""

from __future__ import annotations

import datetime

from django.apps import apps
from django.db import models
from django.db.models import Count, DecimalField, Exists, FilteredRelation, OuterRef, Prefetch, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from core.requeue import queued_between
from partnerships.choices import ContactRole, OrganizationKind, Side


def _today() -> datetime.date:
    return timezone.localdate()


def _model(name: str) -> type[models.Model]:
    """Another model of this app, looked up in Django's registry: the models import these querysets."""
    return apps.get_model("partnerships", name)


class OrganizationQuerySet(models.QuerySet):
    def businesses(self):
        return self.filter(kind=self.model.Kind.BUSINESS)

    def schools(self):
        """Schools and the district: whatever can be the school side of a partnership."""
        return self.filter(kind__in=[self.model.Kind.SCHOOL, self.model.Kind.DISTRICT])

    def search(self, q: str):
        q = q.strip()
        if not q:
            return self
        return self.filter(Q(name__icontains=q) | Q(city__icontains=q) | Q(contacts__last_name__icontains=q)).distinct()

    def for_list(self):
        return (
            self.select_related("parent")
            .annotate(contact_count=Count("contacts", filter=Q(contacts__active=True), distinct=True))
            .order_by("name")
        )

    def visible_to(self, user):
        """Coordinators see every organization; a partner only the ones they belong to."""
        if user.has_perm("partnerships.view_organization"):
            return self
        return self.filter(memberships__user=user)


class MembershipQuerySet(models.QuerySet):
    def active(self):
        """Memberships that open the portal: not deactivated, and the user's account is active."""
        return self.filter(active=True, user__is_active=True)

    def admins(self):
        return self.filter(role="admin")


class ContactQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)

    def on_side(self, partnership, side: str):
        """People who can speak for one side of a partnership."""
        if side == Side.SCHOOL:
            # The school side includes the district's staff.
            return self.filter(Q(organization=partnership.school) | Q(organization__kind=OrganizationKind.DISTRICT))
        return self.filter(organization=partnership.business)


def in_post(on: datetime.date, prefix: str = "") -> Q:
    """A point of contact in post on a date, as a condition (reached through `prefix`, e.g.
    "points_of_contact__", from another table)."""
    return Q(**{f"{prefix}start_date__lte": on}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gt": on})
    )


class PointOfContactQuerySet(models.QuerySet):
    def for_names(self):
        """What `str()` of a point of contact reads (core.history names related rows with it)."""
        return self.select_related("contact")

    def current(self, on: datetime.date | None = None):
        """Points of contact in post on a date (today by default)."""
        return self.filter(in_post(on or _today()))

    def unended(self):
        """Posts with no end recorded: today's, and any that start later. (An end is only ever recorded
        on the day or after, so every post that has one is over.)"""
        return self.filter(end_date__isnull=True)

    def primary(self):
        return self.filter(role=self.model.Role.PRIMARY)


class PartnershipQuerySet(models.QuerySet):
    def with_primary_contact(self, side: str):
        """Each partnership with today's primary point of contact of `side` joined to it, as
        `<side>_primary` with its contact (not set at all when the post is vacant: read it with getattr),
        in one query however many rows."""
        name = f"{side}_primary"
        prefix = "points_of_contact__"
        condition = Q(**{f"{prefix}side": side, f"{prefix}role": ContactRole.PRIMARY}) & in_post(_today(), prefix)
        return self.annotate(**{name: FilteredRelation("points_of_contact", condition=condition)}).select_related(
            f"{name}__contact"
        )

    def active(self):
        return self.filter(status=self.model.Status.ACTIVE)

    def ongoing(self):
        """Active or paused: the partnerships that must have a primary point of contact on both sides."""
        return self.filter(status__in=self.model.ONGOING_STATUSES)

    def engaged(self):
        """Onboarding, active or paused: the partners the district keeps in touch with."""
        return self.filter(status__in=self.model.ENGAGED_STATUSES)

    def open(self):
        """Not ended: the partnerships new work (placements, visits, log entries) can be added to."""
        return self.filter(status__in=self.model.OPEN_STATUSES)

    def visible_to(self, user):
        if user.has_perm("partnerships.view_partnership"):
            return self
        return self.filter(business__memberships__user=user)

    def search(self, q: str):
        q = q.strip()
        if not q:
            return self
        return self.filter(
            Q(name__icontains=q) | Q(school__name__icontains=q) | Q(business__name__icontains=q) | Q(notes__icontains=q)
        )

    def with_primary_flags(self):
        """Annotate whether each side has a current primary point of contact."""
        current_primary = _model("PointOfContact").objects.current().primary()
        return self.annotate(
            has_school_primary=Exists(current_primary.filter(partnership=OuterRef("pk"), side=Side.SCHOOL)),
            has_business_primary=Exists(current_primary.filter(partnership=OuterRef("pk"), side=Side.BUSINESS)),
        )

    def missing_primary_contact(self):
        """Partnerships under way where a side has no current primary point of contact."""
        return self.engaged().with_primary_flags().filter(Q(has_school_primary=False) | Q(has_business_primary=False))

    def for_list(self):
        return self.select_related("school", "business").with_primary_flags()

    def for_detail(self):
        return self.select_related("school", "business", "created_by").prefetch_related(
            "programs",
            Prefetch("charters", queryset=_model("Charter").objects.select_related("created_by", "acknowledged_by")),
        )

    def with_points_of_contact(self):
        """With every point of contact, past and present, and each one's contact."""
        return self.select_related("school", "business").prefetch_related(
            Prefetch(
                "points_of_contact",
                queryset=_model("PointOfContact")
                .objects.select_related("contact__organization")
                .order_by("side", "role", "-start_date"),
            )
        )


class CharterQuerySet(models.QuerySet):
    def current(self):
        """The newest version of each partnership's charter."""
        newer = self.model.objects.filter(partnership=OuterRef("partnership"), version__gt=OuterRef("version"))
        return self.filter(~Exists(newer))

    def unacknowledged(self):
        return self.filter(acknowledged_at__isnull=True)


class CommitmentQuerySet(models.QuerySet):
    def with_delivered(self):
        """Annotate `delivered`: the sum of what was given so far."""
        return self.annotate(
            delivered=Coalesce(
                Sum("deliveries__amount"), Value(0), output_field=DecimalField(max_digits=12, decimal_places=2)
            )
        )

    def open(self):
        return self.filter(status__in=self.model.OPEN_STATUSES)


class HandoffQuerySet(models.QuerySet):
    def notice_waiting(self, before: datetime.datetime, since: datetime.datetime | None = None) -> HandoffQuerySet:
        """Handoffs recorded in that span whose notice to both sides was never sent (core.requeue)."""
        return queued_between(self.filter(notified_at__isnull=True), "created_at", before, since)
