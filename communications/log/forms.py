"""The log's forms: a contact logged, and the list's filters."""

from __future__ import annotations

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from communications.log.services import people_of
from communications.models import LogEntry
from core.choosers import model_choice
from core.concurrency import VersionedForm
from core.filters import BootstrapFilterSet, clean_text
from core.suggest import SuggestChoiceFilter
from partnerships.choosers import PARTNERSHIPS
from partnerships.forms import DateInput
from partnerships.models import Contact, Organization, Partnership
from safety.forms import staff_users


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class ContactsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} — {obj.organization.name}"


class UsersField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class LogEntryForm(VersionedForm, forms.Form):
    occurred_at = forms.DateTimeField(label="When", widget=DateTimeInput(), initial=lambda: _now_minute())
    channel = forms.ChoiceField(choices=LogEntry.Channel.choices)
    direction = forms.ChoiceField(choices=LogEntry.Direction.choices, initial=LogEntry.Direction.OUTGOING)
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}), max_length=10000, help_text="What was discussed and agreed."
    )
    contacts = ContactsField(
        queryset=Contact.objects.none(),
        required=False,
        label="Their people",
        help_text="People at the school, the business or the district who took part.",
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    users = UsersField(
        queryset=get_user_model().objects.none(),
        required=False,
        label="Our people",
        help_text="Coordinators who took part.",
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )
    follow_up_on = forms.DateField(
        label="Follow up by", required=False, widget=DateInput(), help_text="Leave empty if nothing is owed."
    )
    follow_up_done = forms.BooleanField(label="Followed up", required=False)

    def __init__(self, *args, partnership: Partnership, user, entry: LogEntry | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if entry is None or entry.channel != LogEntry.Channel.PORTAL:  # partners send those, in the portal
            channel = self.fields["channel"]
            channel.choices = [c for c in LogEntry.Channel.choices if c[0] != LogEntry.Channel.PORTAL]  # type: ignore[attr-defined]
        current = list(entry.contacts.all()) if entry is not None else []
        people = people_of(partnership).filter(active=True) | Contact.objects.filter(pk__in=[c.pk for c in current])
        model_choice(self, "contacts").queryset = people.select_related("organization").order_by(
            "organization__name", "last_name", "first_name"
        )
        earlier = list(entry.users.all()) if entry is not None else []
        model_choice(self, "users").queryset = staff_users(user, *earlier)

    def service_fields(self) -> dict:
        return dict(self.cleaned_data)


def _now_minute():
    return timezone.localtime().replace(second=0, microsecond=0)


class LogFilter(BootstrapFilterSet):
    FOLLOW_UP = [("due", "Follow-up due"), ("open", "Follow-up owed"), ("none", "No follow-up")]
    SHOW = [("voided", "Voided entries")]

    q = django_filters.CharFilter(label="Search", method="search", max_length=100, help_text="Words in the summary")
    partnership = SuggestChoiceFilter(chooser=PARTNERSHIPS, label="Partnership")
    school = django_filters.ModelChoiceFilter(
        field_name="partnership__school",
        queryset=Organization.objects.schools(),
        label="School",
        empty_label="Any school",
    )
    channel = django_filters.ChoiceFilter(choices=LogEntry.Channel.choices, empty_label="Any channel")
    follow_up = django_filters.ChoiceFilter(
        choices=FOLLOW_UP, method="by_follow_up", empty_label="Any follow-up", label="Follow-up"
    )
    show = django_filters.ChoiceFilter(choices=SHOW, method="by_show", empty_label="Live entries", label="Show")

    class Meta:
        model = LogEntry
        fields = ["q", "partnership", "school", "channel", "follow_up", "show"]

    @property
    def qs(self):
        queryset = super().qs
        if self.form.is_valid() and self.form.cleaned_data.get("show") == "voided":
            return queryset
        return queryset.live()

    def search(self, queryset, name, value):
        words = clean_text(value).split()[:4]
        for word in words:
            queryset = queryset.filter(summary__icontains=word)
        return queryset

    @property
    def chosen_school(self) -> Organization | None:
        """The school the log is narrowed to, if any (the page's "not contacted" list follows it)."""
        return self.form.cleaned_data.get("school") if self.form.is_valid() else None

    def by_follow_up(self, queryset, name, value):
        if value == "none":
            return queryset.filter(follow_up_on__isnull=True)
        owed = queryset.filter(follow_up_on__isnull=False, follow_up_done=False)
        if value == "due":
            return owed.filter(follow_up_on__lte=timezone.localdate())
        return owed

    def by_show(self, queryset, name, value):
        return queryset.filter(voided_at__isnull=False)
