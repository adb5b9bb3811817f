"""Accounts' data in the retention purge (core.retention; the policy is settings.RETENTION).

- **Signed links** go RETENTION["signed_link_grace_days"] days after they expired, unless a record still needs
  one (a disclosure made through it, a survey sent with it: on_delete=PROTECT); those go once that record does.
- **Login attempts** (django-axes' attempts, access and failure logs) go after RETENTION["login_attempt_days"].
- **Expired sessions**, as `manage.py clearsessions` would, with the database session store.
"""

from __future__ import annotations

import datetime

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db.models import QuerySet

from accounts.models import SignedLink
from core import retention
from core.retention import Purge, days_before, delete_rows, unprotected

LOGIN_RECORDS = (AccessAttempt, AccessLog, AccessFailureLog)


def expired_links(now: datetime.datetime) -> QuerySet[SignedLink]:
    return unprotected(SignedLink.objects.expired(now))


def old_login_attempts(now: datetime.datetime) -> list[QuerySet]:
    cutoff = days_before(now, "login_attempt_days")
    return [model.objects.filter(attempt_time__lt=cutoff) for model in LOGIN_RECORDS]


def count_login_attempts(querysets: list[QuerySet]) -> int:
    return sum(queryset.count() for queryset in querysets)


def delete_login_attempts(querysets: list[QuerySet], purge: Purge) -> int:
    return sum(purge.delete(queryset) for queryset in querysets)


def expired_sessions(now: datetime.datetime) -> QuerySet[Session]:
    if settings.SESSION_ENGINE != "django.contrib.sessions.backends.db":
        return Session.objects.none()  # a cache's sessions expire by themselves
    return Session.objects.filter(expire_date__lt=now)


retention.register(retention.Kind("signed links", "expired signed links", expired_links, delete_rows, order=50))
retention.register(
    retention.Kind(
        "login attempts",
        "old login attempts",
        old_login_attempts,
        delete_login_attempts,
        order=70,
        count=count_login_attempts,
    )
)
retention.register(retention.Kind("sessions", "expired sessions", expired_sessions, delete_rows, order=80))
