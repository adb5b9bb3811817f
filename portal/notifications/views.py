"""The partner's notifications and reminder settings. Every read starts from the signed-in user's own rows:
another user's notification is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from communications.notifications.pages import open_notification, own_notifications, settings_page
from communications.reminders.registry import partner_kinds
from core.pages import paginate


@require_http_methods(["GET", "POST"])
def notification_list(request):
    """GET: the partner's notifications, unread first. POST: mark them all read."""
    if request.method == "POST":
        count = own_notifications(request.user).unread().update(read_at=timezone.now())
        messages.success(request, f"{count} notification{'s' if count != 1 else ''} marked as read.")
        return redirect("portal:notifications")
    return render(
        request,
        "portal/notifications.html",
        {
            "title": "Notifications",
            "page": paginate(request, own_notifications(request.user).for_list()),
        },
    )


@require_POST
def notification_open(request, pk):
    return open_notification(request, pk, fallback=reverse("portal:notifications"))


@require_http_methods(["GET", "POST"])
def notification_settings(request):
    return settings_page(
        request,
        kinds=partner_kinds(),
        template="portal/notifications_settings.html",
        done_url=reverse("portal:notification_settings"),
    )
