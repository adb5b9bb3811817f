"""The outbox: every reminder, for coordinators who may view reminders."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from communications.models import Reminder
from communications.reminders.forms import ReminderFilter
from core.pages import paginate


@require_GET
@permission_required("communications.view_reminder", raise_exception=True)
def reminder_list(request):
    """The outbox: every reminder, by due date, with its sending state."""
    filterset = ReminderFilter(request.GET, queryset=Reminder.objects.select_related("partnership"))
    rows = filterset.qs.order_by("-due_on", "-pk")
    return render(
        request,
        "communications/notifications/reminder_list.html",
        {
            "title": "Reminders",
            "filter": filterset,
            "page": paginate(request, rows),
            "breadcrumbs": [("Communications", reverse("communications:log_list"))],
        },
    )
