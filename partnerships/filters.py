import django_filters
from django import forms

from core.filters import BootstrapFilterSet, clean_text
from partnerships.models import Organization, Partnership


class PartnershipFilter(BootstrapFilterSet):
    q = django_filters.CharFilter(label="Search", method="search", max_length=100)
    status = django_filters.ChoiceFilter(choices=Partnership.Status.choices, empty_label="Any status")
    sector = django_filters.ChoiceFilter(
        field_name="business__sector", choices=Organization.Sector.choices, label="Sector", empty_label="Any sector"
    )
    school = django_filters.ModelChoiceFilter(
        queryset=Organization.objects.schools(), label="School", empty_label="Any school"
    )
    sort = django_filters.OrderingFilter(
        fields=(("name", "name"), ("status", "status"), ("business__name", "business"), ("start_date", "start")),
        label="Sort by",
        widget=forms.HiddenInput,
    )

    class Meta:
        model = Partnership
        fields = ["q", "status", "sector", "school"]

    def search(self, queryset, name, value):
        return queryset.search(clean_text(value))


class OrganizationFilter(BootstrapFilterSet):
    q = django_filters.CharFilter(label="Search", method="search", max_length=100)
    kind = django_filters.ChoiceFilter(choices=Organization.Kind.choices, empty_label="Any kind")
    sector = django_filters.ChoiceFilter(choices=Organization.Sector.choices, empty_label="Any sector")

    class Meta:
        model = Organization
        fields = ["q", "kind", "sector"]

    def search(self, queryset, name, value):
        return queryset.search(clean_text(value))
