import datetime

import django_filters
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from core.filters import BootstrapFilterSet, clean_text
from partnerships.choices import HEALTH_BAND_SCORES, HealthBand
from partnerships.models import Charter, Organization, Partnership


class LastContacted:
    """The "last contacted" filter's choices: how long ago the partnership's latest live log entry was."""

    WITHIN_30 = "30"
    WITHIN_90 = "90"
    OVER_90 = "over90"
    choices = [
        (WITHIN_30, "Within 30 days"),
        (WITHIN_90, "30 to 90 days ago"),
        (OVER_90, "Over 90 days ago, or never"),
    ]


def _days_ago(days: int) -> datetime.datetime:
    """The start of the local day `days` before today, as an aware time to compare `last_contacted_at` with."""
    day = timezone.localdate() - datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class NullsLastOrderingFilter(django_filters.OrderingFilter):
    """Sorting where an empty value has a sensible place on every database: partnerships not scored yet come
    after the scored ones either way, and ones never contacted count as the longest ago."""

    NULLS = {"health_score": "last", "last_contacted_at": "oldest"}

    def get_ordering_value(self, param):
        descending = param.startswith("-")
        field = self.param_map.get(param.lstrip("-"), param.lstrip("-"))
        if field not in self.NULLS:
            return super().get_ordering_value(param)
        if self.NULLS[field] == "last":
            return F(field).desc(nulls_last=True) if descending else F(field).asc(nulls_last=True)
        return F(field).desc(nulls_last=True) if descending else F(field).asc(nulls_first=True)

    def filter(self, qs, value):
        # The name and id after the chosen column keep pages stable where many rows share a score.
        sorted_qs = super().filter(qs, value)
        return sorted_qs.order_by(*sorted_qs.query.order_by, "name", "pk") if value else sorted_qs


# What the dashboard's cards link to: the partnerships a coordinator has to act on.
NEEDS_CONTACT, NEEDS_ACKNOWLEDGMENT = "contact", "acknowledgment"
NEEDS = [
    (NEEDS_CONTACT, "A primary point of contact"),
    (NEEDS_ACKNOWLEDGMENT, "The charter acknowledged"),
]


class PartnershipFilter(BootstrapFilterSet):
    q = django_filters.CharFilter(label="Search", method="search", max_length=100)
    status = django_filters.ChoiceFilter(choices=Partnership.Status.choices, empty_label="Any status")
    sector = django_filters.ChoiceFilter(
        field_name="business__sector", choices=Organization.Sector.choices, label="Sector", empty_label="Any sector"
    )
    school = django_filters.ModelChoiceFilter(
        queryset=Organization.objects.schools(), label="School", empty_label="Any school"
    )
    health = django_filters.ChoiceFilter(
        choices=HealthBand.choices, method="by_health", label="Health", empty_label="Any health"
    )
    contacted = django_filters.ChoiceFilter(
        choices=LastContacted.choices, method="by_last_contacted", label="Last contacted", empty_label="Any time"
    )
    needs = django_filters.ChoiceFilter(
        choices=NEEDS, method="by_needs", label="Needs", empty_label="Anything or nothing"
    )
    sort = NullsLastOrderingFilter(
        fields=(
            ("name", "name"),
            ("status", "status"),
            ("business__name", "business"),
            ("start_date", "start"),
            ("health_score", "health"),
            ("last_contacted_at", "contacted"),
        ),
        field_labels={
            "name": "Name",
            "status": "Status",
            "business__name": "Business",
            "start_date": "Start date",
            "health_score": "Health score",
            "last_contacted_at": "Last contacted",
        },
        label="Sort by",
        empty_label="As listed",
    )

    class Meta:
        model = Partnership
        fields = ["q", "status", "sector", "school", "health", "contacted", "needs"]

    def search(self, queryset, name, value):
        return queryset.search(clean_text(value))

    def by_health(self, queryset, name, value):
        if value == HealthBand.NONE:
            return queryset.filter(health_score__isnull=True)
        low, high = HEALTH_BAND_SCORES[HealthBand(value)]
        return queryset.filter(health_score__gte=low, health_score__lte=high)

    def by_needs(self, queryset, name, value):
        if value == NEEDS_CONTACT:
            return queryset.missing_primary_contact()
        unacknowledged = Charter.objects.current().unacknowledged().filter(partnership=OuterRef("pk"))
        return queryset.exclude(status=Partnership.Status.ENDED).filter(Exists(unacknowledged))

    def by_last_contacted(self, queryset, name, value):
        if value == LastContacted.WITHIN_30:
            return queryset.filter(last_contacted_at__gte=_days_ago(30))
        if value == LastContacted.WITHIN_90:
            return queryset.filter(last_contacted_at__lt=_days_ago(30), last_contacted_at__gte=_days_ago(90))
        return queryset.filter(Q(last_contacted_at__isnull=True) | Q(last_contacted_at__lt=_days_ago(90)))


class OrganizationFilter(BootstrapFilterSet):
    q = django_filters.CharFilter(label="Search", method="search", max_length=100)
    kind = django_filters.ChoiceFilter(choices=Organization.Kind.choices, empty_label="Any kind")
    sector = django_filters.ChoiceFilter(choices=Organization.Sector.choices, empty_label="Any sector")

    class Meta:
        model = Organization
        fields = ["q", "kind", "sector"]

    def search(self, queryset, name, value):
        return queryset.search(clean_text(value))
