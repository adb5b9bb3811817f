import django_filters

from core.filters import BootstrapFilterSet, clean_text
from core.suggest import SuggestChoiceFilter
from partnerships.choosers import PARTNERSHIPS
from partnerships.models import Organization
from students.models import Placement, Student


class StudentFilter(BootstrapFilterSet):
    q = django_filters.CharFilter(label="Search", method="search", max_length=100, help_text="Name or student ID")
    school = django_filters.ModelChoiceFilter(
        queryset=Organization.objects.filter(kind=Organization.Kind.SCHOOL), empty_label="Any school"
    )
    grade = django_filters.ChoiceFilter(choices=Student.GRADES, empty_label="Any grade")
    active = django_filters.BooleanFilter(label="Active")

    class Meta:
        model = Student
        fields = ["q", "school", "grade", "active"]

    def search(self, queryset, name, value):
        return queryset.search(clean_text(value))


class PlacementFilter(BootstrapFilterSet):
    TIMING = [("starting_soon", "Starting in the next 14 days"), ("ending_soon", "Ending in the next 14 days")]

    q = django_filters.CharFilter(label="Search", method="search", max_length=100, help_text="Student or business")
    status = django_filters.ChoiceFilter(choices=Placement.Status.choices, empty_label="Any status")
    kind = django_filters.ChoiceFilter(choices=Placement.Kind.choices, empty_label="Any kind")
    partnership = SuggestChoiceFilter(chooser=PARTNERSHIPS, label="Partnership")
    school = django_filters.ModelChoiceFilter(
        field_name="student__school",
        queryset=Organization.objects.filter(kind=Organization.Kind.SCHOOL),
        empty_label="Any school",
        label="School",
    )
    timing = django_filters.ChoiceFilter(choices=TIMING, method="by_timing", empty_label="Any time", label="When")

    class Meta:
        model = Placement
        fields = ["q", "status", "kind", "partnership", "school", "timing"]

    def search(self, queryset, name, value):
        return queryset.search(clean_text(value))

    def by_timing(self, queryset, name, value):
        return queryset.starting_soon() if value == "starting_soon" else queryset.ending_soon()
