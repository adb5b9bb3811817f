"""The reminder outbox: a daily sweep writes what is due, dispatch sends each reminder once, digests go daily.

- `sweep(today)` creates every due Reminder row. Rows are keyed (kind, subject, due date) in the database,
  so two sweeps at once, or a rerun, add nothing. It reads a handful of queries per kind, never one per
  placement.
- `dispatch(reminder_id)` turns one reminder into Notifications (one per recipient, each user's email
  preference fixed at creation) and emails: each "now" email is claimed on Notification.email_claimed_at and
  marked sent on emailed_at, the email to someone without an account on Reminder.external_claimed_at and
  external_sent_at (accounts.background.claimed_until_sent). A retry or a second worker sends nothing that
  was sent; a claim whose worker was killed before the mail server took the email goes stale and is taken
  again. A reminder is SENT once every email of it went out, and a SENT reminder is never sent again.
- `send_digests()` sends each user one email with their unsent "digest" notifications, claimed the same way.
- The beat's requeue (core.requeue, `Reminder.objects.lost`) queues again what is left waiting: a reminder
  whose message was lost, or whose attempts stopped without an end (see `lost_ids`).

Titles go into email subjects: they never hold a student's full name (Student.partner_name at most).
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.background import STALE_CLAIM, claimed_until_sent
from accounts.roles import is_coordinator
from communications.feedback import services as feedback
from communications.models import Notification, Reminder, ReminderPreference
from communications.reminders import registry
from communications.reminders.selectors import preferences, recipients
from communications.thanks import services as thanks
from core import requeue
from safety.models import SafetyPolicy

if TYPE_CHECKING:
    from accounts.models import User

Kind = Reminder.Kind


def due_reminders(today: datetime.date) -> dict[str, list[dict]]:
    """Every reminder due on `today`, unsaved, by kind (whether or not it exists already): each registered
    rule's rows."""
    policy = SafetyPolicy.current()
    rows: dict[str, list[dict]] = {kind: [] for kind in Kind.values}
    for rule in registry.RULES:
        for row in rule.due(today, policy):
            rows[row["kind"]].append(row)
    return rows


def _insert(kind: str, rows: list[dict], stamp: datetime.datetime) -> int:
    """Insert the rows not there yet; the unique key settles any race. Returns how many this call added."""
    if not rows:
        return 0
    rule = registry.rule_for(kind)
    subject_type = registry.content_type(rule.subject)
    dates = [row["due_on"] for row in rows]
    existing = set(
        Reminder.objects.filter(
            kind=kind, subject_type=subject_type, due_on__range=(min(dates), max(dates))
        ).values_list("subject_id", "due_on")
    )
    new, seen = [], set()
    for row in rows:
        key = (row["subject_id"], row["due_on"])
        if key in existing or key in seen:
            continue
        seen.add(key)
        if callable(row.get("url")):  # a row's own link, worked out like a rule's only when it is made
            row = {**row, "url": row["url"]()}
        elif "url" not in row and rule.link is not None:
            row = {**row, "url": rule.link(row["subject_id"])}
        new.append(Reminder(subject_type=subject_type, created_at=stamp, **row))
    if not new:
        return 0
    Reminder.objects.bulk_create(new, ignore_conflicts=True, batch_size=1000)
    # Another sweep may have inserted some of them at the same moment: count only the rows with our stamp.
    return Reminder.objects.filter(kind=kind, created_at=stamp).count()


def sweep(today: datetime.date | None = None) -> dict[str, int]:
    """Open what falls due today (surveys, thank-you prompts), then create every due reminder once.

    Returns {kind: rows this call created}; a rerun, or a second sweep at the same time, creates none.
    """
    today = today or timezone.localdate()
    feedback.feedback_requests_create_due(today)
    thanks.thank_you_prompts_create(today)
    stamp = timezone.now()
    return {kind: _insert(kind, rows, stamp) for kind, rows in due_reminders(today).items()}


def pending_ids() -> list[int]:
    """Reminders waiting to be sent, oldest first."""
    return list(Reminder.objects.filter(status=Reminder.Status.PENDING).order_by("pk").values_list("pk", flat=True))


# A reminder created this long ago and never tried lost its message (the broker was down or lost it); one
# tried this long ago and still waiting lost its retries. Longer than the longest retry back-off, and than a
# stale claim (so the requeue's delivery can take the claim a killed worker left).
LOST_AFTER = requeue.GRACE


def lost_ids(now: datetime.datetime | None = None) -> list[int]:
    """Reminders waiting to be sent that nobody will send unless queued again (`Reminder.objects.lost`):
    created at least LOST_AFTER ago and never tried (their message never reached a worker), or last tried at
    least LOST_AFTER ago and still waiting (their retries were cut short: `mark_failed` could not write with
    the database down, a worker was killed, another worker's claim went stale). Queued again, such a
    reminder gets a new round of attempts and ends sent, or failed with its error for the outbox's Send
    again. One being retried has a recent attempt and its own message, so it is not among them."""
    rows = Reminder.objects.lost((now or timezone.now()) - LOST_AFTER)
    return list(rows.order_by("pk").values_list("pk", flat=True))


def reminder_retry(*, reminder: Reminder) -> None:
    """Make a reminder that could not be sent wait to be sent again, from the start (its last error stays
    until a send succeeds). The caller queues it (communications.reminders.tasks.retry_reminder); if that
    message is lost too, the requeue finds it, since attempts start again from none. Only a failed reminder
    is retried."""
    if reminder.status != Reminder.Status.FAILED:
        raise ValidationError("Only a reminder that could not be sent can be tried again.")
    rows = Reminder.objects.filter(pk=reminder.pk, status=Reminder.Status.FAILED)
    if rows.update(status=Reminder.Status.PENDING, attempts=0) != 1:
        raise ValidationError("Someone else already tried this reminder again.")


def preferences_save(*, user: User, choices: dict[str, str]) -> None:
    """Save one user's email choice per kind. "At once" is the default, so it keeps no row."""
    errors: dict[str, str] = {}
    for kind, email in choices.items():
        if kind not in Kind.values:
            errors[kind] = "This is not a kind of reminder."
        elif email not in Notification.Email.values:
            errors[kind] = "Choose at once, in the daily digest, or not by email."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        now_kinds = [kind for kind, email in choices.items() if email == Notification.Email.NOW]
        ReminderPreference.objects.filter(user=user, kind__in=now_kinds).delete()
        for kind, email in choices.items():
            if email != Notification.Email.NOW:
                ReminderPreference.objects.update_or_create(user=user, kind=kind, defaults={"email": email})


def absolute(url: str) -> str:
    if url.startswith(("http://", "https://")):
        return url
    return settings.SITE_URL.rstrip("/") + (url or "/")


def _send(*, subject: str, template: str, context: dict, to: list[str]) -> None:
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"emails/{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
    )
    message.attach_alternative(render_to_string(f"emails/{template}.html", context), "text/html")
    message.send()


def _settings_url(user: User) -> str:
    """Where this person changes their reminder settings: partners in the portal, coordinators in the staff UI
    (a partner's email links to partner pages only)."""
    name = "communications:notification_settings" if is_coordinator(user) else "portal:notification_settings"
    return absolute(reverse(name))


def _list_url(user: User) -> str:
    return absolute(reverse("communications:notification_list" if is_coordinator(user) else "portal:notifications"))


def _send_reminder(reminder: Reminder, *, to: str, name: str = "", user: User | None = None) -> None:
    context = {
        "reminder": reminder,
        "name": name,
        "url": absolute(reminder.url),
        "settings_url": _settings_url(user) if user is not None else "",
        "external": user is None,
    }
    _send(subject=reminder.title, template="reminder", context=context, to=[to])


def dispatch(reminder_id: int) -> int:
    """Send one reminder: its notifications, the "now" emails and its external email, each at most once.

    Safe to call again (a retry, a second worker): what was sent is not sent again, and a SENT reminder
    is left alone. Raises what sending raised (after recording it); the caller retries. Returns the
    number of emails this call sent.
    """
    reminder = Reminder.objects.filter(pk=reminder_id).first()
    if reminder is None or reminder.status == Reminder.Status.SENT:
        return 0
    rows = Reminder.objects.filter(pk=reminder.pk)
    rows.update(attempts=F("attempts") + 1, last_attempt_at=timezone.now())
    try:
        sent = _deliver(reminder)
    except Exception as error:
        rows.update(last_error=f"{type(error).__name__}: {error}"[:2000])
        raise
    if _claimed_elsewhere(reminder):
        # Another worker holds a claim: it marks the reminder sent once it sends, or it died and the requeue
        # brings this reminder back after LOST_AFTER, when its claim is stale.
        return sent
    rows.exclude(status=Reminder.Status.SENT).update(status=Reminder.Status.SENT, sent_at=timezone.now(), last_error="")
    return sent


def _now_emails_unsent(reminder: Reminder) -> QuerySet[Notification]:
    return Notification.objects.filter(
        reminder=reminder, email=Notification.Email.NOW, emailed_at__isnull=True, user__is_active=True
    )


def _claimed_elsewhere(reminder: Reminder) -> bool:
    """True while an email of the reminder is still not sent: after `_deliver`, only one another worker claimed."""
    if _now_emails_unsent(reminder).exists():
        return True
    return bool(reminder.external_email) and Reminder.objects.filter(pk=reminder.pk, external_sent_at=None).exists()


def _deliver(reminder: Reminder) -> int:
    users = recipients(reminder)
    modes = preferences(users, reminder.kind)
    Notification.objects.bulk_create(
        [Notification(user=user, reminder=reminder, email=modes[user.pk]) for user in users],
        ignore_conflicts=True,
    )
    sent = 0
    for notification in _now_emails_unsent(reminder).select_related("user"):
        rows = Notification.objects.filter(pk=notification.pk)
        with claimed_until_sent(rows, claim="email_claimed_at", sent="emailed_at") as won:
            if won:
                user = notification.user
                _send_reminder(reminder, to=user.email, name=user.first_name or user.display_name, user=user)
                sent += 1
    if reminder.external_email:
        this = Reminder.objects.filter(pk=reminder.pk)
        with claimed_until_sent(this, claim="external_claimed_at", sent="external_sent_at") as won:
            if won:
                _send_reminder(reminder, to=reminder.external_email)
                sent += 1
        emailed = registry.rule_for(reminder.kind).emailed
        if won and emailed is not None:  # after the sent mark: a failure here must not send the email again
            emailed(reminder)
    return sent


def mark_failed(reminder_id: int, error: BaseException | str) -> None:
    """Give up on a reminder (after the last retry), keeping why."""
    message = error if isinstance(error, str) else f"{type(error).__name__}: {error}"
    Reminder.objects.filter(pk=reminder_id).exclude(status=Reminder.Status.SENT).update(
        status=Reminder.Status.FAILED, last_error=message[:2000]
    )


def send_digests(now: datetime.datetime | None = None) -> int:
    """Email each user their unsent "digest" notifications in one message. Each notification is claimed
    (email_claimed_at set where empty or stale, as `claimed_until_sent` does) before sending and marked sent
    (emailed_at) after, so two runs never send it twice; a failed send releases the claim, and a claim whose
    worker was killed goes stale for the next run. Returns the number of emails sent."""
    now = now or timezone.now()
    user_ids = (
        Notification.objects.filter(email=Notification.Email.DIGEST, emailed_at__isnull=True, user__is_active=True)
        .order_by()
        .values_list("user_id", flat=True)
        .distinct()
    )
    sent = 0
    for user in get_user_model().objects.filter(pk__in=list(user_ids)).order_by("pk"):
        waiting = Notification.objects.filter(user=user, email=Notification.Email.DIGEST, emailed_at__isnull=True)
        ids = list(waiting.values_list("pk", flat=True))
        stamp = timezone.now()
        free = Q(email_claimed_at__isnull=True) | Q(email_claimed_at__lt=stamp - STALE_CLAIM)
        Notification.objects.filter(free, pk__in=ids, emailed_at__isnull=True).update(email_claimed_at=stamp)
        won = Notification.objects.filter(pk__in=ids, email_claimed_at=stamp, emailed_at__isnull=True)
        notifications = list(won.select_related("reminder").order_by("reminder__due_on", "pk"))
        if not notifications:
            continue
        count = len(notifications)
        context = {
            "name": user.first_name or user.display_name,
            "items": [(n.reminder, absolute(n.reminder.url)) for n in notifications],
            "list_url": _list_url(user),
            "settings_url": _settings_url(user),
            "day": registry.local_date(now),
        }
        try:
            _send(
                subject=f"Your SchoolBridge reminders: {count} item{'s' if count != 1 else ''}",
                template="reminder_digest",
                context=context,
                to=[user.email],
            )
        except Exception:
            claims = Notification.objects.filter(pk__in=[n.pk for n in notifications], email_claimed_at=stamp)
            claims.update(email_claimed_at=None)
            raise
        Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(emailed_at=timezone.now())
        sent += 1
    return sent
