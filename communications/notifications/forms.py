"""The notification settings form: one choice per kind. The rules live in communications.reminders."""

from __future__ import annotations

from django import forms

from communications.models import Notification, Reminder


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
