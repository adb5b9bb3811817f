"""The reminder outbox: a daily sweep writes what is due, dispatch sends each reminder once, digests go daily.

- `sweep(today)` creates every due Reminder row. Rows are keyed (kind, subject, due date) in the database,
  so two sweeps at once, or a rerun, add nothing. It reads a handful of queries per kind, never one per
  placement.
- `dispatch(reminder_id)` turns one reminder into Notifications (one per recipient, each user's email
  preference fixed at creation) and emails: each "now" email is claimed on Notification.emailed_at, the
  email to someone without an account on Reminder.external_sent_at. A retry or a second worker sends
  nothing that was sent. A SENT reminder is never sent again.
- `send_digests()` sends each user one email with their unsent "digest" notifications, claimed the same way.

Titles go into email subjects: they never hold a student's full name (Student.partner_name at most).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.background import claimed
from accounts.roles import COORDINATOR_GROUP
from accounts.signed_links import path_for
from communications.log.services import partnerships_not_contacted
from communications.models import (
    FeedbackRequest,
    LogEntry,
    Notification,
    Reminder,
    ReminderPreference,
    ThankYouNote,
)
from partnerships.models import Charter, Organization, PartnerMembership, Partnership, PointOfContact, Side
from safety import cadence
from safety.models import BackgroundCheck, ProtocolAcknowledgment, SafetyPolicy, SafetyProtocol
from students.models import Placement

Kind = Reminder.Kind

CHECK_IN_LOOKAHEAD_DAYS = 2
EXPIRY_NOTICES = (60, 30, 7)  # days before a background check expires
EXPIRED_WINDOW_DAYS = 30
FOLLOW_UP_WINDOW_DAYS = 30
FEEDBACK_REMINDER_DAYS = 7  # after the link was emailed, then twice that
ACK_GRACE_DAYS = 7
PORTAL_HOME = "/portal/"

# What a partner can receive, and so choose about in the portal.
PARTNER_KINDS = (Kind.CHARTER_ACK_PENDING, Kind.PROTOCOL_ACK_PENDING)


# The sweep ---------------------------------------------------------------------------------------


def Due(**fields) -> dict:  # noqa: N802 (reads like the Reminder it becomes)
    """A due reminder's fields; a Reminder is made only for the ones not in the table yet."""
    return fields


def _content_type(model) -> ContentType:
    return ContentType.objects.get_for_model(model)


def _local_date(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()


def _short(date: datetime.date) -> str:
    return f"{date.day} {date:%b %Y}"


def _student_name(first: str, preferred: str, last: str) -> str:
    """Student.partner_name, from plain values: the preferred first name and last initial."""
    return f"{preferred or first} {last[:1]}."


def _url_maker(name: str):
    """A function pk -> reverse(name, args=[pk]) that reverses once (thousands of rows per sweep)."""
    marker = 987654321
    pattern = reverse(name, args=[marker])
    return lambda pk: pattern.replace(str(marker), str(pk))


def _check_in_rows(today, policy) -> dict[str, list[Due]]:
    placements = cadence.check_ins_due(Placement.objects.all(), today, policy, within_days=CHECK_IN_LOOKAHEAD_DAYS)
    rows = {Kind.CHECK_IN_DUE: [], Kind.CHECK_IN_OVERDUE: []}
    url = _url_maker("students:placement_detail")
    values = placements.values_list(
        "pk",
        "partnership_id",
        "check_in_since",
        "check_in_every_days",
        "student__legal_first_name",
        "student__preferred_first_name",
        "student__last_name",
        "partnership__business__name",
    )
    for pk, partnership_id, since, every, first, preferred, last, business in values:
        due = since + datetime.timedelta(days=every or policy.student_check_in_days)
        student = _student_name(first, preferred, last)
        if due < today:
            kind, title = Kind.CHECK_IN_OVERDUE, f"Check-in with {student} at {business} overdue since {_short(due)}"
        elif due <= today + datetime.timedelta(days=CHECK_IN_LOOKAHEAD_DAYS):
            kind, title = Kind.CHECK_IN_DUE, f"Check-in with {student} at {business} due {_short(due)}"
        else:
            continue
        rows[kind].append(
            Due(
                kind=kind,
                subject_id=pk,
                due_on=due,
                partnership_id=partnership_id,
                title=title,
                body="Check in with the student and record it on the placement.",
                url=url(pk),
            )
        )
    return rows


def _site_visit_rows(today, policy) -> list[Due]:
    partnerships, period = cadence.sites_due_visit(today, policy)
    if period is None:
        return []
    return [
        Due(
            kind=Kind.SITE_VISIT_DUE,
            subject_id=pk,
            due_on=period.end_date,
            partnership_id=pk,
            title=f"Site visit to {name} due by {_short(period.end_date)}",
            body=f"{period.name} needs {policy.site_visits_per_period} completed site visit(s) with students there.",
            url=reverse("partnerships:detail", args=[pk]),
        )
        for pk, name in partnerships.values_list("pk", "name")
    ]


def _check_rows(today) -> dict[str, list[Due]]:
    """Each active contact's latest live check: expiring (60, 30 and 7 days before) or expired recently."""
    rows = {Kind.CHECK_EXPIRING: [], Kind.CHECK_EXPIRED: []}
    latest = BackgroundCheck.objects.latest_per_contact().filter(
        contact__active=True,
        status__in=[BackgroundCheck.Status.CLEARED, BackgroundCheck.Status.EXPIRED],
        expires_on__gte=today - datetime.timedelta(days=EXPIRED_WINDOW_DAYS),
        expires_on__lte=today + datetime.timedelta(days=max(EXPIRY_NOTICES)),
    )
    values = latest.values_list("pk", "status", "expires_on", "contact__first_name", "contact__last_name")
    for pk, status, expires_on, first, last in values:
        person = f"{first} {last}".strip()
        url = reverse("safety:check_edit", args=[pk])
        if expires_on < today:
            rows[Kind.CHECK_EXPIRED].append(
                Due(
                    kind=Kind.CHECK_EXPIRED,
                    subject_id=pk,
                    due_on=expires_on,
                    title=f"Background check of {person} expired on {_short(expires_on)}",
                    body="They may not work with students until a new check is cleared.",
                    url=url,
                )
            )
        elif status == BackgroundCheck.Status.CLEARED:
            # The latest notice date that has come: 7 days before if so, else 30, else 60.
            days_left = (expires_on - today).days
            notice = min(n for n in EXPIRY_NOTICES if n >= days_left)
            rows[Kind.CHECK_EXPIRING].append(
                Due(
                    kind=Kind.CHECK_EXPIRING,
                    subject_id=pk,
                    due_on=expires_on - datetime.timedelta(days=notice),
                    title=f"Background check of {person} expires on {_short(expires_on)}",
                    body="Start the renewal so they can keep working with students.",
                    url=url,
                )
            )
    return rows


def _not_contacted_rows(today, policy) -> list[Due]:
    days = policy.partner_check_in_days
    rows = []
    values = partnerships_not_contacted(today, days).values_list(
        "pk", "name", "last_contacted_at", "start_date", "created_at"
    )
    for pk, name, last_contacted_at, start_date, created_at in values:
        since = _local_date(last_contacted_at) if last_contacted_at else (start_date or _local_date(created_at))
        due = since + datetime.timedelta(days=days)
        if due > today:  # a new partnership, not yet silent for that long
            continue
        rows.append(
            Due(
                kind=Kind.NOT_CONTACTED,
                subject_id=pk,
                due_on=due,
                partnership_id=pk,
                title=f"{name}: not contacted in {days} days",
                body=f"Contact each partner at least every {days} days, then log the contact.",
                url=reverse("partnerships:detail", args=[pk]),
            )
        )
    return rows


def _follow_up_rows(today) -> list[Due]:
    entries = LogEntry.objects.live().filter(
        follow_up_done=False,
        follow_up_on__range=(today - datetime.timedelta(days=FOLLOW_UP_WINDOW_DAYS), today),
    )
    return [
        Due(
            kind=Kind.FOLLOW_UP_DUE,
            subject_id=pk,
            due_on=follow_up_on,
            partnership_id=partnership_id,
            title=f"Follow up with {business} by {_short(follow_up_on)}",
            body=summary[:300],
            url=reverse("communications:log_edit", args=[pk]),
        )
        for pk, partnership_id, follow_up_on, business, summary in entries.values_list(
            "pk", "partnership_id", "follow_up_on", "partnership__business__name", "summary"
        )
    ]


def _feedback_rows(today) -> list[Due]:
    """Unanswered surveys whose link was emailed and still works: 7 days after, then 14; never a third."""
    kind_filter = Q(kind=Kind.FEEDBACK_UNANSWERED, subject_type=_content_type(FeedbackRequest))
    earlier = (
        Reminder.objects.filter(kind_filter, subject_id=OuterRef("pk"))
        .order_by()
        .values("subject_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    requests = (
        FeedbackRequest.objects.filter(
            response__isnull=True,
            link__used_at__isnull=True,
            link__expires_at__gt=timezone.now(),
            link__emailed_at__isnull=False,
            reminders_sent__lt=FeedbackRequest.MAX_REMINDERS,
        )
        .exclude(recipient_email="")
        .annotate(earlier=Subquery(earlier))
        .select_related("link", "partnership")
    )
    rows = []
    for request in requests:
        nth = max(request.reminders_sent, request.earlier or 0)
        if nth >= FeedbackRequest.MAX_REMINDERS:
            continue
        due = _local_date(request.link.emailed_at) + datetime.timedelta(days=FEEDBACK_REMINDER_DAYS * (nth + 1))
        if due > today:
            continue
        rows.append(
            Due(
                kind=Kind.FEEDBACK_UNANSWERED,
                subject_id=request.pk,
                due_on=due,
                partnership_id=request.partnership_id,
                title=f"A reminder: how is the partnership with {request.partnership.name} going?",
                body="We have not heard from you yet. The survey takes about three minutes.",
                url=settings.SITE_URL.rstrip("/") + path_for(request.link),
                external_email=request.recipient_email,
            )
        )
    return rows


def _thank_you_rows(today) -> list[Due]:
    notes = ThankYouNote.objects.filter(status=ThankYouNote.Status.PROMPTED, milestone_on__lte=today)
    return [
        Due(
            kind=Kind.THANK_YOU_PROMPT,
            subject_id=pk,
            due_on=milestone_on,
            partnership_id=partnership_id,
            title=f"Time to thank {business}: {ThankYouNote.Milestone(milestone).label.lower()}",
            body="Invite a student to write a thank-you note.",
            url=reverse("communications:thanks_detail", args=[pk]),
        )
        for pk, partnership_id, milestone_on, milestone, business in notes.values_list(
            "pk", "partnership_id", "milestone_on", "milestone", "partnership__business__name"
        )
    ]


def _business_fallback_emails(business_ids: Iterable[int], today) -> dict[int, str]:
    """For businesses without portal users: the email of a current primary point of contact on their side."""
    with_users = set(
        PartnerMembership.objects.filter(organization_id__in=business_ids, user__is_active=True).values_list(
            "organization_id", flat=True
        )
    )
    need = set(business_ids) - with_users
    if not need:
        return {}
    pocs = (
        PointOfContact.objects.current(today)
        .primary()
        .filter(side=Side.BUSINESS, partnership__business_id__in=need)
        .exclude(contact__email="")
        .order_by("partnership__business_id", "-start_date", "pk")
        .values_list("partnership__business_id", "contact__email")
    )
    emails: dict[int, str] = {}
    for business_id, email in pocs:
        emails.setdefault(business_id, email)
    return emails


def _charter_rows(today) -> list[Due]:
    cutoff = timezone.make_aware(
        datetime.datetime.combine(today - datetime.timedelta(days=ACK_GRACE_DAYS), datetime.time.max)
    )
    charters = list(
        Charter.objects.current()
        .unacknowledged()
        .filter(partnership__status__in=Partnership.ENGAGED_STATUSES, created_at__lte=cutoff)
        .values_list("pk", "version", "created_at", "partnership_id", "partnership__name", "partnership__business_id")
    )
    emails = _business_fallback_emails({row[5] for row in charters}, today)
    return [
        Due(
            kind=Kind.CHARTER_ACK_PENDING,
            subject_id=pk,
            due_on=_local_date(created_at) + datetime.timedelta(days=ACK_GRACE_DAYS),
            partnership_id=partnership_id,
            title=f"Please acknowledge the charter of {name} (version {version})",
            body="The school published a new version of your partnership's charter. Read and acknowledge it.",
            url=PORTAL_HOME,
            external_email=emails.get(business_id, ""),
        )
        for pk, version, created_at, partnership_id, name, business_id in charters
    ]


def _protocol_rows(today) -> list[Due]:
    current = dict(SafetyProtocol.objects.current(today).values_list("pk", "effective_on"))
    if not current:
        return []
    businesses = dict(
        Organization.objects.filter(
            kind=Organization.Kind.BUSINESS, business_partnerships__status__in=Partnership.ENGAGED_STATUSES
        )
        .distinct()
        .values_list("pk", "name")
    )
    acknowledged = defaultdict(set)
    for organization_id, protocol_id in ProtocolAcknowledgment.objects.filter(
        organization_id__in=businesses, protocol_id__in=current
    ).values_list("organization_id", "protocol_id"):
        acknowledged[organization_id].add(protocol_id)
    pending = {}
    for business_id in businesses:
        missing = [day for pk, day in current.items() if pk not in acknowledged[business_id]]
        if missing and max(missing) + datetime.timedelta(days=ACK_GRACE_DAYS) <= today:
            pending[business_id] = max(missing) + datetime.timedelta(days=ACK_GRACE_DAYS)
    emails = _business_fallback_emails(pending, today)
    return [
        Due(
            kind=Kind.PROTOCOL_ACK_PENDING,
            subject_id=business_id,
            due_on=due,
            title=f"{businesses[business_id]}: please acknowledge the district's safety protocols",
            body="Students can only be placed with you once the current safety protocols are acknowledged.",
            url=PORTAL_HOME,
            external_email=emails.get(business_id, ""),
        )
        for business_id, due in pending.items()
    ]


def _contact_missing_rows(today) -> list[Due]:
    monday = today - datetime.timedelta(days=today.weekday())
    rows = []
    values = Partnership.objects.missing_primary_contact().values_list(
        "pk", "name", "has_school_primary", "has_business_primary"
    )
    for pk, name, has_school, has_business in values:
        sides = [side for side, has in ((Side.SCHOOL, has_school), (Side.BUSINESS, has_business)) if not has]
        rows.append(
            Due(
                kind=Kind.CONTACT_MISSING,
                subject_id=pk,
                due_on=monday,
                partnership_id=pk,
                title=f"{name}: no primary point of contact on the {' and '.join(sides)} side",
                body="Every live partnership needs a primary point of contact on both sides. Name one.",
                url=reverse("partnerships:detail", args=[pk]),
            )
        )
    return rows


SUBJECTS = {
    Kind.CHECK_IN_DUE: Placement,
    Kind.CHECK_IN_OVERDUE: Placement,
    Kind.SITE_VISIT_DUE: Partnership,
    Kind.CHECK_EXPIRING: BackgroundCheck,
    Kind.CHECK_EXPIRED: BackgroundCheck,
    Kind.NOT_CONTACTED: Partnership,
    Kind.FOLLOW_UP_DUE: LogEntry,
    Kind.FEEDBACK_UNANSWERED: FeedbackRequest,
    Kind.THANK_YOU_PROMPT: ThankYouNote,
    Kind.CHARTER_ACK_PENDING: Charter,
    Kind.PROTOCOL_ACK_PENDING: Organization,
    Kind.CONTACT_MISSING: Partnership,
}


def due_reminders(today: datetime.date) -> dict[str, list[Due]]:
    """Every reminder due on `today`, unsaved, by kind (whether or not it exists already)."""
    policy = SafetyPolicy.current()
    rows: dict[str, list[Due]] = {kind: [] for kind in Kind.values}
    rows.update(_check_in_rows(today, policy))
    rows[Kind.SITE_VISIT_DUE] = _site_visit_rows(today, policy)
    rows.update(_check_rows(today))
    rows[Kind.NOT_CONTACTED] = _not_contacted_rows(today, policy)
    rows[Kind.FOLLOW_UP_DUE] = _follow_up_rows(today)
    rows[Kind.FEEDBACK_UNANSWERED] = _feedback_rows(today)
    rows[Kind.THANK_YOU_PROMPT] = _thank_you_rows(today)
    rows[Kind.CHARTER_ACK_PENDING] = _charter_rows(today)
    rows[Kind.PROTOCOL_ACK_PENDING] = _protocol_rows(today)
    rows[Kind.CONTACT_MISSING] = _contact_missing_rows(today)
    return rows


def _insert(kind: str, rows: list[dict], stamp: datetime.datetime) -> int:
    """Insert the rows not there yet; the unique key settles any race. Returns how many this call added."""
    if not rows:
        return 0
    subject_type = _content_type(SUBJECTS[kind])
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
    from communications.feedback import services as feedback
    from communications.thanks import services as thanks

    today = today or timezone.localdate()
    feedback.feedback_requests_create_due(today)
    thanks.thank_you_prompts_create(today)
    stamp = timezone.now()
    return {kind: _insert(kind, rows, stamp) for kind, rows in due_reminders(today).items()}


def pending_ids() -> list[int]:
    """Reminders waiting to be sent, oldest first."""
    return list(Reminder.objects.filter(status=Reminder.Status.PENDING).order_by("pk").values_list("pk", flat=True))


# Who gets what -----------------------------------------------------------------------------------


def active_coordinators():
    return get_user_model().objects.filter(is_active=True, groups__name=COORDINATOR_GROUP).distinct()


def school_people(partnership_id: int | None) -> list:
    """The user of the partnership's current school-side primary contact, else every active coordinator."""
    if partnership_id is not None:
        poc = (
            PointOfContact.objects.current()
            .primary()
            .filter(partnership_id=partnership_id, side=Side.SCHOOL, contact__user__is_active=True)
            .select_related("contact__user")
            .first()
        )
        if poc is not None:
            return [poc.contact.user]
    return list(active_coordinators())


def _subject(reminder: Reminder):
    return SUBJECTS[reminder.kind].objects.filter(pk=reminder.subject_id).first()


def recipients(reminder: Reminder) -> list:
    """The users a reminder goes to (its external email, if any, is on the row)."""
    kind = reminder.kind
    if kind == Kind.FEEDBACK_UNANSWERED:
        return []
    if kind in (Kind.CHECK_IN_DUE, Kind.CHECK_IN_OVERDUE):
        placement = Placement.objects.select_related("supervisor").filter(pk=reminder.subject_id).first()
        if placement is not None and placement.supervisor and placement.supervisor.is_active:
            return [placement.supervisor]
        return school_people(reminder.partnership_id)
    if kind in (Kind.CHECK_EXPIRING, Kind.CHECK_EXPIRED):
        lead = SafetyPolicy.current().safety_lead
        return [lead] if lead is not None and lead.is_active else list(active_coordinators())
    if kind == Kind.FOLLOW_UP_DUE:
        entry = LogEntry.objects.select_related("logged_by").filter(pk=reminder.subject_id).first()
        return [entry.logged_by] if entry is not None and entry.logged_by.is_active else []
    if kind in PARTNER_KINDS:
        if kind == Kind.CHARTER_ACK_PENDING:
            business = Partnership.objects.filter(charters__pk=reminder.subject_id).values("business_id")
        else:
            business = [reminder.subject_id]
        users = get_user_model().objects.filter(is_active=True, memberships__organization_id__in=business)
        return list(users.distinct())
    return school_people(reminder.partnership_id)


def preferences(users, kind: str) -> dict[int, str]:
    """Each user's email choice for one kind (no row: by email at once)."""
    rows = ReminderPreference.objects.filter(user__in=users, kind=kind).values_list("user_id", "email")
    chosen = dict(rows)
    return {user.pk: chosen.get(user.pk, Notification.Email.NOW) for user in users}


def preferences_for(user, kinds: Iterable[str] = Kind.values) -> dict[str, str]:
    chosen = dict(ReminderPreference.objects.filter(user=user).values_list("kind", "email"))
    return {kind: chosen.get(kind, Notification.Email.NOW) for kind in kinds}


def preferences_save(*, user, choices: dict[str, str]) -> None:
    """Save one user's email choice per kind. "At once" is the default, so it keeps no row."""
    errors = {}
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


# Sending -----------------------------------------------------------------------------------------


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


def _send_reminder(reminder: Reminder, *, to: str, name: str = "") -> None:
    context = {
        "reminder": reminder,
        "name": name,
        "url": absolute(reminder.url),
        "settings_url": absolute(reverse("communications:notification_settings")) if name else "",
        "external": not name,
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
    rows.update(attempts=F("attempts") + 1)
    try:
        sent = _deliver(reminder)
    except Exception as error:
        rows.update(last_error=f"{type(error).__name__}: {error}"[:2000])
        raise
    rows.exclude(status=Reminder.Status.SENT).update(status=Reminder.Status.SENT, sent_at=timezone.now(), last_error="")
    return sent


def _deliver(reminder: Reminder) -> int:
    users = recipients(reminder)
    modes = preferences(users, reminder.kind)
    Notification.objects.bulk_create(
        [Notification(user=user, reminder=reminder, email=modes[user.pk]) for user in users],
        ignore_conflicts=True,
    )
    sent = 0
    due_now = Notification.objects.filter(
        reminder=reminder, email=Notification.Email.NOW, emailed_at__isnull=True, user__is_active=True
    ).select_related("user")
    for notification in due_now:
        with claimed(Notification.objects.filter(pk=notification.pk), "emailed_at") as won:
            if won:
                user = notification.user
                _send_reminder(reminder, to=user.email, name=user.first_name or user.display_name)
                sent += 1
    if reminder.external_email:
        with claimed(Reminder.objects.filter(pk=reminder.pk), "external_sent_at") as won:
            if won:
                _send_reminder(reminder, to=reminder.external_email)
                sent += 1
                if reminder.kind == Kind.FEEDBACK_UNANSWERED:
                    FeedbackRequest.objects.filter(
                        pk=reminder.subject_id, reminders_sent__lt=FeedbackRequest.MAX_REMINDERS
                    ).update(reminders_sent=F("reminders_sent") + 1)
    return sent


def mark_failed(reminder_id: int, error: BaseException | str) -> None:
    """Give up on a reminder (after the last retry), keeping why."""
    message = error if isinstance(error, str) else f"{type(error).__name__}: {error}"
    Reminder.objects.filter(pk=reminder_id).exclude(status=Reminder.Status.SENT).update(
        status=Reminder.Status.FAILED, last_error=message[:2000]
    )


def send_digests(now: datetime.datetime | None = None) -> int:
    """Email each user their unsent "digest" notifications in one message. Each notification is claimed
    (emailed_at set where still empty) before sending, so two runs never send it twice; a failed send
    releases the claim. Returns the number of emails sent."""
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
        Notification.objects.filter(pk__in=ids, emailed_at__isnull=True).update(emailed_at=stamp)
        won = Notification.objects.filter(pk__in=ids, emailed_at=stamp)
        notifications = list(won.select_related("reminder").order_by("reminder__due_on", "pk"))
        if not notifications:
            continue
        count = len(notifications)
        context = {
            "name": user.first_name or user.display_name,
            "items": [(n.reminder, absolute(n.reminder.url)) for n in notifications],
            "list_url": absolute(reverse("communications:notification_list")),
            "settings_url": absolute(reverse("communications:notification_settings")),
            "day": _local_date(now),
        }
        try:
            _send(
                subject=f"Your SchoolBridge reminders: {count} item{'s' if count != 1 else ''}",
                template="reminder_digest",
                context=context,
                to=[user.email],
            )
        except Exception:
            Notification.objects.filter(pk__in=[n.pk for n in notifications], emailed_at=stamp).update(emailed_at=None)
            raise
        sent += 1
    return sent
