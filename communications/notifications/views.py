"""Each signed-in coordinator's notifications (their own rows only) and reminder settings. The portal has
its own views over the same helpers (communications.notifications.pages)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from communications.models import Reminder
from communications.notifications.pages import open_notification, own_notifications, settings_page
from core.pages import GET_POST, paginate


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
