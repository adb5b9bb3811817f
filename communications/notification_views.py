"""Each signed-in coordinator's notifications (their own rows only) and reminder settings, and the outbox
of every reminder for coordinators who may view reminders. The portal has its own views over the same
helpers (portal/notification_views.py)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from communications import reminders
from communications.models import Notification, Reminder
from communications.notification_forms import PreferencesForm, ReminderFilter
from core.pages import GET_POST, add_service_errors, paginate, posted
from core.redirects import local_path

# Shared with the portal: every read starts from the signed-in user's own rows.


def own_notifications(user):
    return Notification.objects.filter(user=user)


def open_notification(request, pk, *, fallback: str):
    """Mark one of the user's notifications read and go where it says (a local path), else `fallback`."""
    notification = get_object_or_404(own_notifications(request.user).select_related("reminder"), pk=pk)
    own_notifications(request.user).filter(pk=notification.pk, read_at__isnull=True).update(read_at=timezone.now())
    return redirect(local_path(notification.reminder.url) or fallback)


def settings_page(request, *, kinds, template: str, done_url: str, extra: dict | None = None):
    """The reminder settings form for `kinds`, saved through reminders.preferences_save."""
    form = PreferencesForm(posted(request), kinds=kinds, current=reminders.preferences_for(request.user, kinds))
    if request.method == "POST" and form.is_valid():
        try:
            reminders.preferences_save(user=request.user, choices=form.choices())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Notification settings saved.")
            return redirect(done_url)
    return render(request, template, {"title": "Notification settings", "form": form, **(extra or {})})


# Coordinator pages


@require_GET
def notification_list(request):
    """The user's notifications, unread first, newest first."""
    notifications = own_notifications(request.user).for_list()
    return render(
        request,
        "communications/notifications/list.html",
        {
            "title": "Notifications",
            "page": paginate(request, notifications),
        },
    )


@require_POST
def notification_open(request, pk):
    return open_notification(request, pk, fallback=reverse("communications:notification_list"))


@require_POST
def notification_read_all(request):
    count = own_notifications(request.user).unread().update(read_at=timezone.now())
    messages.success(request, f"{count} notification{'s' if count != 1 else ''} marked as read.")
    return redirect("communications:notification_list")


@GET_POST
def notification_settings(request):
    return settings_page(
        request,
        kinds=Reminder.Kind.values,
        template="communications/notifications/settings.html",
        done_url=reverse("communications:notification_settings"),
        extra={"breadcrumbs": [("Notifications", reverse("communications:notification_list"))]},
    )


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
