"""The communications log: every contact with a partner, and when each partnership was last contacted."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from communications.models import LogEntry, Reminder
from communications.reminders.events import notify
from core.concurrency import check_version
from core.locking import lock
from core.voiding import services as voiding
from partnerships.models import Contact, Organization, PartnerMembership, Partnership

if TYPE_CHECKING:
    from accounts.models import User


def people_of(partnership: Partnership) -> QuerySet[Contact]:
    """Contacts who may take part in a partnership's conversations: both sides' people and the district's."""
    return Contact.objects.filter(
        Q(organization_id__in=[partnership.school_id, partnership.business_id])
        | Q(organization__kind=Organization.Kind.DISTRICT)
    )


def last_contacted_refresh(*, partnership: Partnership) -> datetime.datetime | None:
    """Set `partnership.last_contacted_at` to its latest live entry's time (None when there is none)."""
    latest = LogEntry.objects.live().filter(partnership=partnership).aggregate(at=Max("occurred_at"))["at"]
    Partnership.objects.filter(pk=partnership.pk).update(last_contacted_at=latest)
    partnership.last_contacted_at = latest
    return latest


def log_entry_save(
    *,
    partnership: Partnership,
    by: User,
    occurred_at: datetime.datetime,
    channel: str,
    direction: str,
    summary: str,
    contacts: Iterable[Contact] = (),
    users: Iterable[User] = (),
    follow_up_on: datetime.date | None = None,
    follow_up_done: bool = False,
    entry: LogEntry | None = None,
    version: str | None = None,
) -> LogEntry:
    """Log a contact with a partnership, or correct an entry (`entry`). The contact has happened, its
    people belong to the partnership (either side or the district) and it says what was said.
    `by` is recorded as the one who logged a new entry. Portal messages come only from partners
    (`partner_message_send`): staff cannot log one, nor turn one into another kind of contact.
    A `version` (core.concurrency) saved over by someone else since is refused."""
    if channel == LogEntry.Channel.PORTAL and (entry is None or entry.channel != LogEntry.Channel.PORTAL):
        raise ValidationError({"channel": "Portal messages are sent by partners in the portal: choose how you talked."})
    if entry is not None and entry.channel == LogEntry.Channel.PORTAL and channel != LogEntry.Channel.PORTAL:
        raise ValidationError({"channel": "This is a partner's message from the portal: it stays a portal message."})
    return _save(
        partnership=partnership,
        by=by,
        occurred_at=occurred_at,
        channel=channel,
        direction=direction,
        summary=summary,
        contacts=contacts,
        users=users,
        follow_up_on=follow_up_on,
        follow_up_done=follow_up_done,
        entry=entry,
        version=version,
    )


def _save(
    *,
    partnership: Partnership,
    by: User,
    occurred_at: datetime.datetime,
    channel: str,
    direction: str,
    summary: str,
    contacts: Iterable[Contact],
    users: Iterable[User],
    follow_up_on: datetime.date | None,
    follow_up_done: bool,
    entry: LogEntry | None,
    version: str | None = None,
) -> LogEntry:
    contacts, users = list(contacts), list(users)
    errors: dict[str, str] = {}
    if occurred_at > timezone.now():
        errors["occurred_at"] = "Log a contact once it has happened: choose a time that has passed."
    if not summary.strip():
        errors["summary"] = "Say what was discussed."
    allowed = set(people_of(partnership).filter(pk__in=[c.pk for c in contacts]).values_list("pk", flat=True))
    if any(contact.pk not in allowed for contact in contacts):
        errors["contacts"] = f"Choose people at {partnership.school.name}, {partnership.business.name} or the district."
    if entry is not None and entry.is_voided:
        raise ValidationError("This entry was voided: log a new one instead.")
    if entry is not None and entry.partnership_id != partnership.pk:
        errors["partnership"] = "An entry stays with its partnership: void it and log a new one."
    if errors:
        raise ValidationError(errors)
    entry = entry or LogEntry(logged_by=by)
    entry.partnership = partnership
    entry.occurred_at = occurred_at
    entry.channel = channel
    entry.direction = direction
    entry.summary = summary.strip()
    entry.follow_up_on = follow_up_on
    entry.follow_up_done = bool(follow_up_on and follow_up_done)
    entry.full_clean(exclude=["contacts", "users"])
    with transaction.atomic():
        # Locked so two entries saved at once cannot leave "last contacted" behind.
        Partnership.objects.select_for_update().filter(pk=partnership.pk).first()
        if entry.pk:
            check_version(lock(entry), version)
        entry.save()
        entry.contacts.set(contacts)
        entry.users.set(users)
        last_contacted_refresh(partnership=partnership)
    return entry


SUBJECT_MAX = 150
MESSAGE_MAX = 5000


def partner_message_send(*, partnership: Partnership, by: User, message: str, subject: str = "") -> LogEntry:
    """A partner's update or question to the district, sent in the portal: a log entry on the partnership
    (portal message, from them to us, logged by the sender, with their contact at the business if they
    have one), which counts as a contact, and a notice to the school's point of contact at once.

    The sender works for the partnership's business (an active membership), and the partnership is under
    way (onboarding, active or paused). The subject line, if any, is the summary's first line. Neither goes
    into the notice's title (an email subject): a partner may name a student in them."""
    business = partnership.business
    errors: dict[str, str] = {}
    subject, message = " ".join(subject.split()), message.strip()
    if not message:
        errors["message"] = "Write your message."
    elif len(message) > MESSAGE_MAX:
        errors["message"] = f"Keep the message under {MESSAGE_MAX} characters, or send it in two parts."
    if len(subject) > SUBJECT_MAX:
        errors["subject"] = f"Keep the subject under {SUBJECT_MAX} characters."
    if errors:
        raise ValidationError(errors)
    if not PartnerMembership.objects.active().filter(user=by, organization=business).exists():
        raise ValidationError(f"Only people who work for {business.name} can write about this partnership.")
    if partnership.status not in Partnership.ENGAGED_STATUSES:
        raise ValidationError(
            {"partnership": f"{partnership.name} is not under way: write to the school's contact by email instead."}
        )
    sender = Contact.objects.filter(organization=business, user=by).order_by("-active", "pk").first()
    with transaction.atomic():
        entry = _save(
            partnership=partnership,
            by=by,
            occurred_at=timezone.now(),
            channel=LogEntry.Channel.PORTAL,
            direction=LogEntry.Direction.INCOMING,
            summary=f"{subject}\n\n{message}" if subject else message,
            contacts=[sender] if sender is not None else [],
            users=(),
            follow_up_on=None,
            follow_up_done=False,
            entry=None,
        )
        notify(
            kind=Reminder.Kind.PARTNER_MESSAGE,
            subject=entry,
            title=f"A message from {business.name} about {partnership.name}",
            body=f"{by.display_name} wrote to you in the partner portal:\n\n{entry.summary}",
            url=reverse("communications:log_edit", args=[entry.pk]),
            partnership_id=partnership.pk,
        )
    return entry


def log_entry_void(*, entry: LogEntry, by: User, reason: str) -> LogEntry:
    """Void an entry (it stays, marked void) and fall back to the partnership's previous contact."""
    with transaction.atomic():
        Partnership.objects.select_for_update().filter(pk=entry.partnership_id).first()
        voiding.void(record=entry, by=by, reason=reason)
        last_contacted_refresh(partnership=entry.partnership)
    return entry


def partnerships_not_contacted(on: datetime.date, days: int) -> QuerySet[Partnership]:
    """Live partnerships (onboarding, active, paused) never contacted, or last contacted more than `days`
    days before `on` (exactly `days` ago is still on time), the longest-silent first, never-contacted on top."""
    cutoff = datetime.datetime.combine(on - datetime.timedelta(days=days), datetime.time.min)
    cutoff = timezone.make_aware(cutoff) if timezone.is_naive(cutoff) else cutoff
    return (
        Partnership.objects.engaged()
        .filter(Q(last_contacted_at__isnull=True) | Q(last_contacted_at__lt=cutoff))
        .select_related("school", "business")
        .order_by(F("last_contacted_at").asc(nulls_first=True), "name", "pk")
    )
