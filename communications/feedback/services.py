"""Feedback surveys: created by a coordinator or by the daily sweep, sent through signed links, answered
once, summarized per audience and per partnership.

A survey is a FeedbackRequest with its own signed link (purpose FEEDBACK_LINK, empty payload: the link
finds its survey through `link.feedback_request`). Who may be asked, and when:
- a partner contact at the end of each term (occasion TERM, `period` names the term);
- a placement's mentor and student at its midpoint and at its end.
The model's unique constraints make each survey exist once, however many sweeps or clicks ask for it."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts import signed_links
from accounts.background import send_after_commit
from accounts.models import SignedLink
from communications.feedback.tasks import send_feedback_request
from communications.models import FeedbackRequest, FeedbackResponse
from core.batching import chunks
from partnerships.models import Contact, Partnership, PointOfContact, Side
from safety.models import GradingPeriod
from students.models import Placement

if TYPE_CHECKING:
    from accounts.models import User

FEEDBACK_LINK = "feedback"


LINK_LIFETIME = datetime.timedelta(days=30)


DUE_WINDOW = datetime.timedelta(days=14)  # the sweep opens surveys that fell due at most this long ago


BATCH = 500


Audience = FeedbackRequest.Audience


Occasion = FeedbackRequest.Occasion


SWEPT = (Placement.Status.ACTIVE, Placement.Status.COMPLETED)


def _duplicate_message(survey: FeedbackRequest) -> str:
    if survey.audience == Audience.PARTNER:
        return (
            f"{survey.recipient_name} already has a survey about {survey.period} for this partnership: "
            "open it from the feedback list instead."
        )
    return (
        f"This placement's {survey.get_audience_display().lower()} already has a "
        f"{survey.get_occasion_display().lower()} survey: open it from the feedback list instead."
    )


def _already_exists(survey: FeedbackRequest) -> bool:
    if survey.placement_id:
        found = FeedbackRequest.objects.filter(
            placement_id=survey.placement_id, audience=survey.audience, occasion=survey.occasion
        )
    else:
        found = FeedbackRequest.objects.filter(
            partnership_id=survey.partnership_id,
            contact_id=survey.contact_id,  # type: ignore[misc]  # None would be IS NULL; django-stubs refuses it
            period=survey.period,
            occasion="term",
        )
    return found.exists()


def _partner_fields(
    partnership: Partnership, occasion: str, contact: Contact | None, period: str
) -> tuple[dict[str, str], dict[str, Any]]:
    errors: dict[str, str] = {}
    fields: dict[str, Any] = {"placement": None, "contact": contact, "period": period.strip()}
    business = partnership.business
    if contact is None:
        errors["contact"] = f"Choose who at {business.name} should answer the survey."
    elif contact.organization_id != business.pk:
        errors["contact"] = f"{contact.full_name} does not work at {business.name}: choose someone there."
    if not fields["period"]:
        errors["period"] = "Name the term the survey is about, e.g. “Fall 2026”."
    if occasion != Occasion.TERM:
        errors["occasion"] = "Partner surveys are sent at the end of a term."
    return errors, fields


def _placement_fields(
    partnership: Partnership, audience: str, occasion: str, placement: Placement | None, contact: Contact | None
) -> tuple[dict[str, str], dict[str, Any]]:
    errors: dict[str, str] = {}
    fields: dict[str, Any] = {"placement": placement, "contact": None, "period": ""}
    if occasion not in (Occasion.MIDPOINT, Occasion.END):
        errors["occasion"] = "Mentor and student surveys are sent at a placement's midpoint or end."
    if placement is None:
        errors["placement"] = "Choose the placement the survey is about."
        return errors, fields
    if placement.partnership_id != partnership.pk:
        errors["placement"] = f"That placement is not part of {partnership.name}: choose one of its placements."
    elif placement.status not in Placement.STARTED_STATUSES:
        errors["placement"] = "Surveys are for placements that have started: this one has not."
    if audience == Audience.MENTOR:
        mentor = contact or placement.mentor
        if mentor is None:
            errors["placement"] = "This placement has no mentor yet: name the mentor on the placement first."
        elif mentor.organization_id != partnership.business_id:
            errors["contact"] = f"{mentor.full_name} does not work at {partnership.business.name}."
        fields["contact"] = mentor
    return errors, fields


def feedback_request_create(
    *,
    partnership: Partnership,
    audience: str,
    occasion: str,
    by: User | None = None,
    placement: Placement | None = None,
    contact: Contact | None = None,
    period: str = "",
    recipient_name: str = "",
    recipient_email: str = "",
) -> FeedbackRequest:
    """Open one survey and its 30-day signed link; email the link when there is an address.

    Partner surveys need a contact at the business, a term and occasion TERM. Mentor and student surveys
    need a started placement of the partnership and occasion MIDPOINT or END; the mentor defaults to the
    placement's mentor (name and email), the student is named by preferred first name and last initial and
    gets no email unless one is given (the coordinator hands the link over). A second survey for the same
    person and occasion is refused with a plain message.
    """
    if audience == Audience.PARTNER:
        errors, fields = _partner_fields(partnership, occasion, contact, period)
    elif audience in (Audience.MENTOR, Audience.STUDENT):
        errors, fields = _placement_fields(partnership, audience, occasion, placement, contact)
    else:
        errors, fields = {"audience": "Choose who the survey is for: a partner contact, a mentor or a student."}, {}
    if errors:
        raise ValidationError(errors)
    person = fields["contact"]
    if audience == Audience.STUDENT:
        recipient_name = fields["placement"].student.partner_name
    else:
        recipient_name = recipient_name.strip() or person.full_name
        recipient_email = recipient_email.strip() or person.email
    survey = FeedbackRequest(
        partnership=partnership,
        audience=audience,
        occasion=occasion,
        recipient_name=recipient_name,
        recipient_email=recipient_email.strip(),
        created_by=by,
        **fields,
    )
    if _already_exists(survey):
        raise ValidationError(_duplicate_message(survey))
    with transaction.atomic():
        survey.link = signed_links.create_link(
            purpose=FEEDBACK_LINK,
            payload={},
            by=by,
            recipient_name=survey.recipient_name,
            recipient_email=survey.recipient_email,
            lifetime=LINK_LIFETIME,
        )
        try:
            with transaction.atomic():
                survey.save()
        except IntegrityError:  # someone else opened the same survey a moment ago
            raise ValidationError(_duplicate_message(survey))
    if survey.recipient_email:
        send_after_commit(send_feedback_request, survey.pk)
    return survey


def feedback_submit(
    *,
    request: FeedbackRequest,
    link: SignedLink,
    communication: int,
    organization: int,
    value: int,
    would_recommend: int,
    comments: str = "",
) -> FeedbackResponse:
    """Record the one answer to a survey. The link is used up in the same transaction, so a second
    submission (another window, a double click) is refused; so is an expired link."""
    errors: dict[str, str] = {}
    for name, rating in (("communication", communication), ("organization", organization), ("value", value)):
        if rating not in range(1, 6):
            errors[name] = "Choose a rating from 1 to 5."
    if would_recommend not in range(0, 11):
        errors["would_recommend"] = "Choose a number from 0 to 10."
    if errors:
        raise ValidationError(errors)
    if request.link_id != link.pk:
        raise ValidationError("This link does not belong to this survey.")
    with transaction.atomic():
        if not signed_links.claim(link):
            raise ValidationError("This survey has already been answered, or its link has expired.")
        return FeedbackResponse.objects.create(
            request=request,
            communication=communication,
            organization=organization,
            value=value,
            would_recommend=would_recommend,
            comments=comments.strip(),
        )


def _new_link(survey: FeedbackRequest, expires_at: datetime.datetime) -> SignedLink:
    return SignedLink(
        purpose=FEEDBACK_LINK,
        payload={},
        recipient_name=survey.recipient_name,
        recipient_email=survey.recipient_email,
        expires_at=expires_at,
    )


def _due_placement_surveys(today: datetime.date) -> list[FeedbackRequest]:
    """Unsaved mentor and student surveys for placements whose midpoint or end fell in the window."""
    start = today - DUE_WINDOW
    candidates = Placement.objects.filter(status__in=SWEPT, start_date__lte=today, end_date__gte=start)
    # Three columns of every candidate: the midpoint is computed here, not per row in the database.
    due: dict[int, list[str]] = {}
    for pk, start_date, end_date in candidates.values_list("pk", "start_date", "end_date").iterator(chunk_size=2000):
        occasions: list[str] = []
        if start <= start_date + (end_date - start_date) / 2 <= today:
            occasions.append(Occasion.MIDPOINT)
        if start <= end_date <= today:
            occasions.append(Occasion.END)
        if occasions:
            due[pk] = occasions
    if not due:
        return []
    existing = set(
        FeedbackRequest.objects.filter(
            occasion__in=[Occasion.MIDPOINT, Occasion.END],
            placement__status__in=SWEPT,
            placement__start_date__lte=today,
            placement__end_date__gte=start,
        ).values_list("placement_id", "audience", "occasion")
    )
    wanted = {
        pk: [(audience, occasion) for occasion in occasions for audience in (Audience.MENTOR, Audience.STUDENT)]
        for pk, occasions in due.items()
    }
    wanted = {pk: [k for k in keys if (pk, *k) not in existing] for pk, keys in wanted.items()}
    wanted = {pk: keys for pk, keys in wanted.items() if keys}
    surveys = []
    for pks in chunks(sorted(wanted), BATCH):
        for placement in Placement.objects.select_related("student", "mentor").filter(pk__in=pks):
            mentor = placement.mentor
            for audience, occasion in wanted[placement.pk]:
                survey = FeedbackRequest(
                    partnership_id=placement.partnership_id, placement=placement, audience=audience, occasion=occasion
                )
                if audience == Audience.STUDENT:
                    survey.recipient_name = placement.student.partner_name
                elif mentor is not None and mentor.active and mentor.email:
                    survey.contact, survey.recipient_email = mentor, mentor.email
                    survey.recipient_name = mentor.full_name
                else:  # nobody to email the mentor's survey to: skip it
                    continue
                surveys.append(survey)
    return surveys


def _due_partner_surveys(today: datetime.date) -> list[FeedbackRequest]:
    """Unsaved TERM surveys for each active partnership's current business primary, for every grading
    period that ended in the window."""
    periods = list(
        GradingPeriod.objects.filter(end_date__gte=today - DUE_WINDOW, end_date__lte=today).values_list(
            "name", flat=True
        )
    )
    if not periods:
        return []
    primaries = list(
        PointOfContact.objects.current(today)
        .primary()
        .filter(side=Side.BUSINESS, partnership__status=Partnership.Status.ACTIVE)
        .exclude(contact__email="")
        .select_related("contact")
    )
    existing = set(
        FeedbackRequest.objects.filter(occasion=Occasion.TERM, period__in=periods).values_list(
            "partnership_id", "contact_id", "period"
        )
    )
    return [
        FeedbackRequest(
            partnership_id=poc.partnership_id,
            contact=poc.contact,
            audience=Audience.PARTNER,
            occasion=Occasion.TERM,
            period=period,
            recipient_name=poc.contact.full_name,
            recipient_email=poc.contact.email,
        )
        for period in periods
        for poc in primaries
        if (poc.partnership_id, poc.contact_id, period) not in existing
    ]


def feedback_requests_create_due(today: datetime.date) -> list[FeedbackRequest]:
    """Open the surveys that fell due in the last 14 days (placement midpoints and ends, partner surveys
    at the end of each grading period), each once, and queue the emails. Called by the daily reminder sweep.

    A handful of queries whatever the number of placements. Safe when two sweeps run at once: links and
    surveys are inserted in bulk, a survey that already exists is skipped by its unique constraint
    (ON CONFLICT DO NOTHING), and the link made for it is removed. Returns the surveys this call opened.
    """
    surveys = _due_placement_surveys(today) + _due_partner_surveys(today)
    if not surveys:
        return []
    expires_at = timezone.now() + LINK_LIFETIME
    with transaction.atomic():
        links = SignedLink.objects.bulk_create([_new_link(s, expires_at) for s in surveys], batch_size=BATCH)
        for survey, link in zip(surveys, links, strict=True):
            survey.link = link
        FeedbackRequest.objects.bulk_create(surveys, batch_size=BATCH, ignore_conflicts=True)
        link_ids = [link.pk for link in links]
        created: list[FeedbackRequest] = []
        for ids in chunks(link_ids, BATCH):
            created.extend(FeedbackRequest.objects.filter(link_id__in=ids).select_related("link"))
        orphans = set(link_ids) - {survey.link_id for survey in created}
        for ids in chunks(sorted(orphans), BATCH):  # another sweep opened these surveys first
            SignedLink.objects.filter(pk__in=ids).delete()
        for survey in created:
            if survey.recipient_email:
                send_after_commit(send_feedback_request, survey.pk)
    created.sort(key=lambda s: s.pk)
    return created
