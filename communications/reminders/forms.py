"""The outbox's filters."""

from __future__ import annotations

import django_filters

from communications.models import Reminder
from core.filters import BootstrapFilterSet


class ReminderFilter(BootstrapFilterSet):
    kind = django_filters.ChoiceFilter(choices=Reminder.Kind.choices, empty_label="Any kind")
    status = django_filters.ChoiceFilter(choices=Reminder.Status.choices, empty_label="Any status")

    class Meta:
        model = Reminder
        fields = ["kind", "status"]
