"""Reminder kinds as rules in a registry, the same pattern as the readiness gate (students.readiness).

A kind is one module in `communications.reminders.kinds` that registers a `Rule`: which Reminder kinds it
makes, what their subject is, what is due on a day (each row with its words and its link) and who receives
it. The sweep, dispatch and digests ask the registry and never change when a kind is added. Modules in
`kinds/` are loaded when the app is ready (CommunicationsConfig.ready).

Titles go into email subjects: they never hold a student's full name (Student.partner_name at most).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.http import urlencode

from accounts.roles import COORDINATOR_GROUP
from communications.models import Reminder
from partnerships.models import PartnerMembership, PointOfContact, Side

if TYPE_CHECKING:
    from accounts.models import User
    from safety.models import SafetyPolicy

ACK_GRACE_DAYS = 7  # a week to acknowledge a new charter version or protocol before reminders start


def portal_url(path: str, organization_id: int) -> str:
    """A partner page (`path`, reversed from a portal: URL name) for one business. `?organization=` makes the
    portal work for that business, so a person who works for two lands on the right one."""
    return f"{path}?{urlencode({'organization': organization_id})}"


def Due(**fields: Any) -> dict[str, Any]:  # noqa: N802 (reads like the Reminder it becomes)
    """A due reminder's fields; a Reminder is made only for the ones not in the table yet."""
    return fields


def school_people(partnership_id: int | None) -> list[User]:
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


def _to_the_school_side(reminder: Reminder) -> list[User]:
    return school_people(reminder.partnership_id)


@dataclass(frozen=True)
class Rule:
    """`due(today, policy)` gives the Due rows of `kinds` for a day (whether or not they exist already), each
    with its words (title, body) and its link; `recipients(reminder)` the users one of them goes to (an
    external email, if any, is on the row)."""

    kinds: tuple[str, ...]
    subject: type[models.Model]
    due: Callable[[datetime.date, SafetyPolicy], Iterable[dict[str, Any]]]
    recipients: Callable[[Reminder], list[User]] = _to_the_school_side
    for_partners: bool = False  # received by business partners, so chosen about in the portal
    emailed: Callable[[Reminder], None] | None = None  # what follows its external email, once it is sent
    # The page a reminder about subject `pk` opens, for rows that carry no `url` of their own; worked out
    # only for reminders not made yet, so a rerun over thousands of due rows reverses nothing. (A row's own
    # `url` may be a function of no arguments for the same reason.)
    link: Callable[[int], str] | None = None


RULES: list[Rule] = []


def register(rule: Rule) -> Rule:
    taken = {kind for known in RULES for kind in known.kinds} & set(rule.kinds)
    if taken:
        raise ValueError(f"Reminder kinds registered twice: {sorted(taken)}")
    unknown = set(rule.kinds) - set(Reminder.Kind.values)
    if unknown:
        raise ValueError(f"Not a Reminder.Kind: {sorted(unknown)}")
    RULES.append(rule)
    return rule


def rule_for(kind: str) -> Rule:
    for rule in RULES:
        if kind in rule.kinds:
            return rule
    raise LookupError(f"No rule is registered for reminders of kind {kind!r}.")


def partner_kinds() -> tuple[str, ...]:
    """The kinds a partner can receive, and so choose about in the portal."""
    return tuple(kind for kind in Reminder.Kind.values if any(kind in r.kinds and r.for_partners for r in RULES))


# What kinds share ---------------------------------------------------------------------------------


def content_type(model: type[models.Model] | models.Model) -> ContentType:
    return ContentType.objects.get_for_model(model)


def local_date(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()


def short(date: datetime.date) -> str:
    return f"{date.day} {date:%b %Y}"


def student_name(first: str, preferred: str, last: str) -> str:
    """Student.partner_name, from plain values: the preferred first name and last initial."""
    return f"{preferred or first} {last[:1]}."


def active_coordinators() -> QuerySet[User]:
    return get_user_model().objects.filter(is_active=True, groups__name=COORDINATOR_GROUP).distinct()


def business_admins(business_ids: Iterable[int]) -> QuerySet[User]:
    """The active partner administrators of these businesses: who acknowledges for a business, and so whom
    reminders to acknowledge go to (a mentor cannot act on them)."""
    memberships = PartnerMembership.objects.active().admins().filter(organization_id__in=list(business_ids))
    return get_user_model().objects.filter(pk__in=memberships.values("user_id"))


def business_fallback_emails(business_ids: Iterable[int], today: datetime.date) -> dict[int, str]:
    """For businesses without a partner administrator in the portal: the email of a current primary point of
    contact on their side."""
    business_ids = set(business_ids)
    with_users = set(
        PartnerMembership.objects.active()
        .admins()
        .filter(organization_id__in=business_ids)
        .values_list("organization_id", flat=True)
    )
    need = business_ids - with_users
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
