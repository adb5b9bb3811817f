"""Template context for every page: the signed-in user's unread notification count, counted only when a
template shows it (a lazy object: pages that never print it never query)."""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject

from communications.models import Notification


def unread_notifications(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notifications": 0}
    return {"unread_notifications": SimpleLazyObject(lambda: Notification.objects.filter(user=user).unread().count())}
