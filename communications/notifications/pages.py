"""What the coordinator's and the partner's notification pages share: every read starts from the signed-in
user's own rows. The portal uses these, never the staff views."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from communications.models import Notification
from communications.notifications.forms import PreferencesForm
from communications.reminders import selectors as reminders_selectors
from communications.reminders import services as reminders
from core.pages import add_service_errors, posted
from core.redirects import local_path


def own_notifications(user):
    return Notification.objects.filter(user=user)


def open_notification(request, pk, *, fallback: str):
    """Mark one of the user's notifications read and go where it says (a local path), else `fallback`."""
    notification = get_object_or_404(own_notifications(request.user).select_related("reminder"), pk=pk)
    own_notifications(request.user).filter(pk=notification.pk, read_at__isnull=True).update(read_at=timezone.now())
    return redirect(local_path(notification.reminder.url) or fallback)


def settings_page(request, *, kinds, template: str, done_url: str, extra: dict | None = None):
    """The reminder settings form for `kinds`, saved through reminders.preferences_save."""
    form = PreferencesForm(
        posted(request), kinds=kinds, current=reminders_selectors.preferences_for(request.user, kinds)
    )
    if request.method == "POST" and form.is_valid():
        try:
            reminders.preferences_save(user=request.user, choices=form.choices())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Notification settings saved.")
            return redirect(done_url)
    return render(request, template, {"title": "Notification settings", "form": form, **(extra or {})})
