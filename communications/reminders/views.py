"""The outbox: every reminder, for coordinators who may view reminders; a failed one can be tried again."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from communications.models import Reminder
from communications.reminders import tasks
from communications.reminders.forms import ReminderFilter
from core.pages import GET_POST, confirm_page, paginate


def _crumbs():
    return [("Communications", reverse("communications:log_list"))]


@require_GET
@permission_required("communications.view_reminder", raise_exception=True)
def reminder_list(request):
    """The outbox: every reminder, by due date, with its sending state."""
    filterset = ReminderFilter(request.GET, queryset=Reminder.objects.select_related("partnership"))
    rows = filterset.qs.order_by("-due_on", "-pk")
    return render(
        request,
        "communications/notifications/reminder_list.html",
        {"title": "Reminders", "filter": filterset, "page": paginate(request, rows), "breadcrumbs": _crumbs()},
    )


@GET_POST
@permission_required("communications.change_reminder", raise_exception=True)
def reminder_retry(request, pk):
    """Ask, then send a reminder that could not be sent once more."""
    reminder = get_object_or_404(Reminder, pk=pk)
    back = reverse("communications:reminder_list") + "?status=failed"
    if reminder.status != Reminder.Status.FAILED:
        messages.info(
            request,
            f"“{reminder.title}” is not waiting to be tried again: it is {reminder.get_status_display().lower()}.",
        )
        return redirect(back)
    errors: list[str] = []
    if request.method == "POST":
        try:
            tasks.retry_reminder(reminder)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, f"“{reminder.title}” will be sent again shortly.")
            return redirect(back)
    return confirm_page(
        request,
        title=f"Send “{reminder.title}” again?",
        message="It could not be sent. SchoolBridge will try again now, with the same retries as the first time; "
        "anyone who already received it is not sent it twice.",
        details=[f"Last error: {reminder.last_error}"] if reminder.last_error else [],
        submit="Send again",
        cancel_url=back,
        breadcrumbs=[*_crumbs(), ("Reminders", reverse("communications:reminder_list"))],
        danger=False,
        errors=errors,
    )
