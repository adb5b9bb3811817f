"""Forms for notification settings and the outbox filter. The rules live in communications.reminders."""

from __future__ import annotations

import django_filters
from django import forms

from communications.models import Notification, Reminder
from core.filters import BootstrapFilterSet


class PreferencesForm(forms.Form):
    """One choice per kind of reminder: by email at once, in the daily digest, or not by email."""

    def __init__(self, *args, kinds=Reminder.Kind.values, current: dict[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Reminder.Kind.choices)
        current = current or {}
        for kind in kinds:
            self.fields[kind] = forms.ChoiceField(
                label=labels[kind],
                choices=Notification.Email.choices,
                initial=current.get(kind, Notification.Email.NOW),
                widget=forms.Select(attrs={"class": "form-select"}),
            )

    def choices(self) -> dict[str, str]:
        return dict(self.cleaned_data)


class ReminderFilter(BootstrapFilterSet):
    kind = django_filters.ChoiceFilter(choices=Reminder.Kind.choices, empty_label="Any kind")
    status = django_filters.ChoiceFilter(choices=Reminder.Status.choices, empty_label="Any status")

    class Meta:
        model = Reminder
        fields = ["kind", "status"]
