"""Reading thank-you notes: the list, who may write one, where a note's link stands, who was thanked this term."""

from __future__ import annotations

import datetime
from typing import Literal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from accounts import signed_links
from accounts.models import SignedLink
from communications.models import ThankYouNote
from partnerships.models import Organization, PartnerMembership, Partnership, PointOfContact, Side
from safety.models import GradingPeriod
from safety.selectors import OneSchool
from students.models import Placement, Student

TERM_FALLBACK_DAYS = 90  # "this term" when no grading period covers today

Status = ThankYouNote.Status


def local_day_start(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of `day`, in the district's time zone."""
    moment = datetime.datetime.combine(day, datetime.time.min)
    return timezone.make_aware(moment) if settings.USE_TZ else moment


def notes_for_list() -> QuerySet[ThankYouNote]:
    return ThankYouNote.objects.select_related("partnership", "student", "placement")


def invitable_students(partnership: Partnership) -> QuerySet[Student]:
    """Students who may be asked to write a note for a partnership: each with a placement in it that was
    not cancelled."""
    placements = Placement.objects.filter(partnership=partnership).not_cancelled()
    return Student.objects.filter(Exists(placements.filter(student=OuterRef("pk")))).order_by(
        "last_name", "legal_first_name", "pk"
    )


def link_url(link: SignedLink) -> str:
    """The absolute address of a note's link, to hand to the student."""
    return settings.SITE_URL.rstrip("/") + signed_links.path_for(link)


def link_is_open(link: SignedLink | None) -> bool:
    return link is not None and not link.is_used and not link.is_expired


def school_of(note: ThankYouNote) -> Organization:
    """The school the note comes from: the student's, else the partnership's school side."""
    return note.student.school if note.student is not None else note.partnership.school


def partner_recipients(partnership: Partnership) -> list[str]:
    """The business side's current primary point of contact, and the business's portal users."""
    contact_emails = (
        PointOfContact.objects.current()
        .primary()
        .filter(partnership=partnership, side=Side.BUSINESS)
        .exclude(contact__email="")
        .values_list("contact__email", flat=True)
    )
    user_ids = PartnerMembership.objects.filter(organization_id=partnership.business_id).values("user_id")
    user_emails = (
        get_user_model()
        .objects.filter(pk__in=user_ids, is_active=True)
        .exclude(email="")
        .order_by("email")
        .values_list("email", flat=True)
    )
    seen: set[str] = set()
    recipients: list[str] = []
    for email in [*contact_emails, *user_emails]:
        if email.lower() not in seen:
            seen.add(email.lower())
            recipients.append(email)
    return recipients


def thank_you_subject(note: ThankYouNote) -> str:
    """Names the school, never the student."""
    return f"A thank-you note from a student at {school_of(note).name}"


def thanks_term(
    today: datetime.date, period: GradingPeriod | None | Literal["look up"] = "look up"
) -> tuple[str, datetime.date, datetime.date]:
    """(label, first day, last day) of "this term": the grading period covering `today` (pass it when it is
    already known, None for none), else the last 90 days."""
    if period == "look up":
        period = GradingPeriod.containing(today)
    if isinstance(period, GradingPeriod):
        return period.name, period.start_date, period.end_date
    return f"the last {TERM_FALLBACK_DAYS} days", today - datetime.timedelta(days=TERM_FALLBACK_DAYS), today


def thanked_between(start: datetime.date, end: datetime.date) -> Exists:
    """Whether a note to the partnership (the outer row) was approved from `start` to `end` (both included)."""
    approved = ThankYouNote.objects.filter(
        partnership=OuterRef("pk"),
        status=Status.APPROVED,
        reviewed_at__gte=local_day_start(start),
        reviewed_at__lt=local_day_start(end + datetime.timedelta(days=1)),
    )
    return Exists(approved)


def partners_thanked_between(
    start: datetime.date, end: datetime.date, school: Organization | None = None
) -> tuple[list[Partnership], list[Partnership]]:
    """Active partnerships (of one school, with `school`) with, and without, a note approved from `start` to
    `end` (both included), each by name. One query."""
    partnerships = (
        OneSchool(school)
        .partnerships(Partnership.objects.active())
        .annotate(thanked=thanked_between(start, end))
        .select_related("business")
        .order_by("name", "pk")
    )
    thanked: list[Partnership] = []
    not_thanked: list[Partnership] = []
    for partnership in partnerships:
        (thanked if partnership.thanked else not_thanked).append(partnership)
    return thanked, not_thanked


def partners_thanked_this_term(today: datetime.date) -> tuple[list[Partnership], list[Partnership]]:
    """Active partnerships with, and without, a note approved this term (see `thanks_term`)."""
    _label, start, end = thanks_term(today)
    return partners_thanked_between(start, end)
