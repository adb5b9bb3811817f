"""Forms for the safety pages. They check input; the rules live in safety.services."""

from __future__ import annotations

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import MinValueValidator
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from accounts.roles import COORDINATOR_GROUP
from core.choosers import model_choice
from core.concurrency import VersionedForm
from core.filters import BootstrapFilterSet, clean_text
from core.suggest import SuggestChoiceField
from partnerships.choosers import BUSINESS_PEOPLE, OPEN_PARTNERSHIPS
from partnerships.forms import DateInput
from partnerships.models import Contact, Organization, Partnership
from safety.models import (
    BackgroundCheck,
    CheckIn,
    GradingPeriod,
    SafetyConcern,
    SafetyPolicy,
    SafetyProtocol,
    SiteVisit,
)
from safety.selectors import OneSchool, checks_due
from students.choosers import OPEN_PLACEMENTS, STUDENTS
from students.models import Placement, Student


def _day(value) -> str:
    return f"{value.day} {value:%b %Y}"


def staff_users(*including):
    """Active coordinators, plus the users in `including` (the one filling in the form, the one chosen before)."""
    query = Q(groups__name=COORDINATOR_GROUP, is_active=True)
    for user in including:
        if user is not None:
            query |= Q(pk=user.pk)
    return get_user_model().objects.filter(query).distinct().order_by("first_name", "last_name", "email")


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class PlacementChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.student.full_name} at {obj.partnership.business.name} ({obj.get_status_display().lower()})"


class PlacementMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return (
            f"{obj.student.full_name}, {obj.get_kind_display().lower()} "
            f"({_day(obj.start_date)} to {_day(obj.end_date)}, {obj.get_status_display().lower()})"
        )


def business_people():
    return (
        Contact.objects.active()
        .filter(organization__kind=Organization.Kind.BUSINESS)
        .select_related("organization")
        .order_by("organization__name", "last_name", "first_name")
    )


# Background checks ------------------------------------------------------------------------------


class CheckForm(VersionedForm, forms.Form):
    contact = SuggestChoiceField(
        BUSINESS_PEOPLE, label="Person", help_text="Someone at a business who works with students: type their name."
    )
    status = forms.ChoiceField(choices=BackgroundCheck.Status.choices, initial=BackgroundCheck.Status.PENDING)
    provider = forms.CharField(max_length=120, required=False, help_text="Who ran the check.")
    reference = forms.CharField(label="Provider's reference", max_length=120, required=False)
    requested_on = forms.DateField(required=False, widget=DateInput())
    completed_on = forms.DateField(required=False, widget=DateInput(), help_text="When the result came back.")
    expires_on = forms.DateField(required=False, widget=DateInput())
    notes = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Status and dates only: never write findings from the report here.",
    )

    def __init__(self, *args, policy: SafetyPolicy, check: BackgroundCheck | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        model_choice(self, "contact").queryset = business_people()
        self.fields["expires_on"].help_text = (
            f"Leave empty for a cleared check: it is then valid for {policy.check_valid_days} days from the date "
            "it came back, as the district's policy says."
        )
        if check is not None:
            # A check belongs to one person; record a new check for someone else.
            self.fields["contact"].disabled = True
            model_choice(self, "contact").queryset = Contact.objects.filter(pk=check.contact_id).select_related(
                "organization"
            )

    def service_fields(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name != "contact"}


class CheckFilter(BootstrapFilterSet):
    VOIDED = "voided"
    STATES = [
        (BackgroundCheck.State.EXPIRING, "Expiring"),
        (BackgroundCheck.State.EXPIRED, "Expired"),
        (BackgroundCheck.State.PENDING, "Pending or not started"),
        (BackgroundCheck.State.CLEARED, "Cleared"),
        (BackgroundCheck.State.NOT_CLEARED, "Not cleared"),
        (VOIDED, "Voided"),
    ]

    q = django_filters.CharFilter(label="Search", method="search", max_length=100, help_text="Person or business")
    state = django_filters.ChoiceFilter(choices=STATES, method="by_state", empty_label="Any state", label="State")
    school = django_filters.ModelChoiceFilter(
        queryset=Organization.objects.schools(), method="by_school", label="School", empty_label="Any school"
    )
    sort = django_filters.OrderingFilter(
        fields=(
            ("contact__last_name", "person"),
            ("contact__organization__name", "business"),
            ("status", "status"),
            ("completed_on", "completed"),
            ("expires_on", "expires"),
        ),
        field_labels={
            "contact__last_name": "Person",
            "contact__organization__name": "Business",
            "status": "Status",
            "completed_on": "Completed",
            "expires_on": "Expires",
        },
        label="Sort by",
        empty_label="As listed",
    )

    class Meta:
        model = BackgroundCheck
        fields = ["q", "state", "school"]

    def __init__(self, *args, policy: SafetyPolicy, **kwargs):
        self.policy = policy
        super().__init__(*args, **kwargs)

    @property
    def qs(self):
        queryset = super().qs
        if self.form.is_valid() and self.form.cleaned_data.get("state") == self.VOIDED:
            return queryset
        return queryset.live()

    def by_school(self, queryset, name, value):
        """The checks of people whose business works with the school, as /safety/ narrows them."""
        return OneSchool(value).checks(queryset)

    def search(self, queryset, name, value):
        value = clean_text(value)
        if not value:
            return queryset
        words = Q()
        for word in value.split()[:4]:
            words &= (
                Q(contact__first_name__icontains=word)
                | Q(contact__last_name__icontains=word)
                | Q(contact__organization__name__icontains=word)
            )
        return queryset.filter(words)

    def by_state(self, queryset, name, value):
        today = timezone.localdate()
        State = BackgroundCheck.State
        if value == self.VOIDED:
            return queryset.filter(voided_at__isnull=False)
        if value in (State.EXPIRING, State.EXPIRED, State.PENDING):
            return queryset.filter(pk__in=checks_due(value, today, self.policy).values("pk"))
        if value == State.CLEARED:
            return queryset.cleared_through(today)
        return queryset.filter(status=BackgroundCheck.Status.NOT_CLEARED)


# Site visits --------------------------------------------------------------------------------------


class VisitForm(VersionedForm, forms.Form):
    scheduled_for = forms.DateField(label="Date of the visit", widget=DateInput())
    visitor = UserChoiceField(queryset=get_user_model().objects.none(), help_text="Who from the school goes.")
    site = forms.CharField(max_length=300, required=False, help_text="The address visited, if not the business's own.")
    placements = PlacementMultipleChoiceField(
        queryset=Placement.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Placements it covers",
    )
    status = forms.ChoiceField(
        choices=SiteVisit.Status.choices,
        initial=SiteVisit.Status.SCHEDULED,
        widget=forms.RadioSelect,
        help_text="Choose “Completed” once the visit has happened, and say how it went below.",
    )
    completed_on = forms.DateField(label="Visited on", required=False, widget=DateInput())
    findings = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text="What you saw, even if all was well."
    )
    concerns = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Anything that worried you. Report a safety concern separately if a student is at risk.",
    )
    follow_up = forms.CharField(label="Follow-up actions", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, partnership: Partnership, user, current_visitor=None, **kwargs):
        super().__init__(*args, **kwargs)
        model_choice(self, "visitor").queryset = staff_users(user, current_visitor)
        placements = (
            Placement.objects.filter(partnership=partnership)
            .not_cancelled()
            .select_related("student")
            .order_by("-start_date", "pk")
        )
        model_choice(self, "placements").queryset = placements
        if not placements.exists():
            self.fields["placements"].help_text = "This partnership has no placements yet."


# Check-ins ----------------------------------------------------------------------------------------


class CheckInForm(forms.Form):
    placement = SuggestChoiceField(OPEN_PLACEMENTS, help_text="Type the student's or the business's name.")
    date = forms.DateField(widget=DateInput(), initial=timezone.localdate, help_text="Today or earlier.")
    mode = forms.ChoiceField(choices=CheckIn.Mode.choices, widget=forms.RadioSelect, label="How")
    wellbeing = forms.TypedChoiceField(
        choices=CheckIn.WELLBEING,
        coerce=int,
        widget=forms.RadioSelect,
        label="How is the student doing?",
    )
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    shared_with_mentor = forms.BooleanField(
        label="Share these notes with the mentor",
        required=False,
        help_text="The mentor reads them, with the date, on the placement's page in the portal. Leave this off for "
        "anything the student said in confidence.",
    )
    concern = forms.BooleanField(
        label="I have a safety concern to report",
        required=False,
        help_text="You are taken to the concern form next, with this placement filled in.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model_choice(self, "placement").queryset = (
            Placement.objects.ongoing()
            .select_related("student", "partnership__business")
            .order_by("student__last_name", "student__legal_first_name", "pk")
        )


# Concerns -----------------------------------------------------------------------------------------


class ConcernForm(forms.Form):
    placement = SuggestChoiceField(
        OPEN_PLACEMENTS,
        required=False,
        help_text="Type the student's or the business's name if the concern is about a placement: the student and "
        "partnership follow from it. Leave empty if it is not about a placement.",
    )
    student = SuggestChoiceField(STUDENTS, required=False)
    partnership = SuggestChoiceField(OPEN_PARTNERSHIPS, required=False)
    severity = forms.ChoiceField(
        choices=[
            (SafetyConcern.Severity.LOW, "Low — worth noting and following up"),
            (SafetyConcern.Severity.MEDIUM, "Medium — needs action soon"),
            (SafetyConcern.Severity.HIGH, "High — the student may be at risk: the placement is paused at once"),
        ],
        widget=forms.RadioSelect,
    )
    description = forms.CharField(
        label="What happened",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Facts: who, what, when and where. Who told you, if it was not you.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model_choice(self, "placement").queryset = (
            Placement.objects.open()
            .select_related("student", "partnership__business")
            .order_by("student__last_name", "student__legal_first_name", "pk")
        )
        model_choice(self, "student").queryset = Student.objects.active()
        self.fields["student"].help_text = "Needed when no placement is chosen."
        model_choice(self, "partnership").queryset = Partnership.objects.open().order_by("name")
        self.fields["partnership"].help_text = "Needed when no placement is chosen."

    def clean(self):
        data = super().clean()
        placement = data.get("placement")
        if placement is not None:
            data["student"] = data.get("student") or placement.student
            data["partnership"] = data.get("partnership") or placement.partnership
        else:
            for name in ("student", "partnership"):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, f"Choose the {name}, or the placement the concern is about.")
        return data


class ConcernStatusForm(forms.Form):
    status = forms.ChoiceField(label="New status", widget=forms.RadioSelect)
    resolution = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="How it was resolved: needed to mark the concern resolved.",
    )

    def __init__(self, *args, concern: SafetyConcern, **kwargs):
        super().__init__(*args, **kwargs)
        status = self.fields["status"]
        assert isinstance(status, forms.ChoiceField)  # declared above
        status.choices = [
            (status, SafetyConcern.Status(status).label) for status in SafetyConcern.TRANSITIONS[concern.status]
        ]
        if concern.resolution:
            self.fields["resolution"].initial = concern.resolution

    def clean(self):
        data = super().clean()
        if data.get("status") == SafetyConcern.Status.RESOLVED and not data.get("resolution", "").strip():
            self.add_error("resolution", "Say how the concern was resolved.")
        return data


# Protocols ----------------------------------------------------------------------------------------


class ProtocolForm(forms.Form):
    title = forms.CharField(max_length=200)
    key = forms.SlugField(
        label="Short name",
        max_length=60,
        required=False,
        help_text="Stays the same across versions, e.g. “supervision”. Leave empty to make it from the title.",
    )
    body = forms.CharField(label="What the business agrees to", widget=forms.Textarea(attrs={"rows": 10}))
    effective_on = forms.DateField(
        label="In effect from",
        widget=DateInput(),
        initial=timezone.localdate,
        help_text="From this day, businesses must have acknowledged this version before a placement starts.",
    )

    def __init__(self, *args, new_version_of: SafetyProtocol | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.new_version_of = new_version_of
        if new_version_of is not None:
            del self.fields["key"]

    def clean(self):
        data = super().clean()
        if self.new_version_of is not None:
            data["key"] = self.new_version_of.key
            return data
        key = data.get("key") or slugify(data.get("title", ""))[:60]
        if not key and "title" not in self.errors:
            self.add_error("key", "Give a short name made of letters, numbers and hyphens.")
        elif key and SafetyProtocol.objects.filter(key=key).exists():
            self.add_error(
                "key" if data.get("key") else "title",
                f"A protocol called “{key}” exists already: make a new version of it from its page, "
                "or choose another short name.",
            )
        data["key"] = key
        return data


class AcknowledgmentForm(forms.Form):
    organization = forms.ModelChoiceField(
        queryset=Organization.objects.none(), label="Business", empty_label="Choose a business"
    )
    by_name = forms.CharField(
        label="Acknowledged by", max_length=200, help_text="The name and role of who acknowledged it for the business."
    )

    def __init__(self, *args, protocol: SafetyProtocol, **kwargs):
        super().__init__(*args, **kwargs)
        model_choice(self, "organization").queryset = (
            Organization.objects.businesses().exclude(protocol_acknowledgments__protocol=protocol).order_by("name")
        )


# Policy -------------------------------------------------------------------------------------------


class PolicyForm(VersionedForm, forms.ModelForm):
    safety_lead = UserChoiceField(
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label="No one named: every administrator is told",
        help_text="Told at once, by email, of every high-severity concern.",
    )

    class Meta:
        model = SafetyPolicy
        fields = [
            "check_valid_days",
            "renewal_window_days",
            "checks_required_for",
            "student_check_in_days",
            "site_visits_per_period",
            "partner_check_in_days",
            "safety_lead",
        ]
        widgets = {"checks_required_for": forms.RadioSelect}
        labels = {"checks_required_for": "Who needs a cleared background check"}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        model_choice(self, "safety_lead").queryset = staff_users(user, self.instance.safety_lead)
        for name in ("check_valid_days", "student_check_in_days", "partner_check_in_days"):
            self.fields[name].min_value = 1
            self.fields[name].validators.append(MinValueValidator(1))
            self.fields[name].widget.attrs["min"] = 1


class GradingPeriodForm(forms.ModelForm):
    class Meta:
        model = GradingPeriod
        fields = ["name", "start_date", "end_date"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "The period ends before it starts.")
        return data


class BaseGradingPeriodFormSet(forms.BaseInlineFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = "Remove this period"

    def clean(self):
        super().clean()
        periods = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not data.get("start_date") or not data.get("end_date"):
                continue
            periods.append((data["start_date"], data["end_date"], data.get("name") or "A period", form))
        periods.sort(key=lambda p: p[0])
        for (_s1, end1, name1, _f1), (start2, _e2, name2, form2) in zip(periods, periods[1:], strict=False):
            if start2 <= end1:
                form2.add_error("start_date", f"{name2} overlaps {name1}, which ends on {end1:%d %b %Y}.")


GradingPeriodFormSet = forms.inlineformset_factory(
    SafetyPolicy,
    GradingPeriod,
    form=GradingPeriodForm,
    formset=BaseGradingPeriodFormSet,
    extra=2,
    can_delete=True,
)
