"""Thank-you notes: prompted at milestones, written by students through signed links, moderated by a
coordinator, delivered to the partner by email and in the portal.

A note moves PROMPTED → SUBMITTED → APPROVED or REJECTED, only through the services here:
- `thank_you_prompts_create(today)`: the daily sweep's prompts, once per milestone;
- `thanks_start`: a coordinator starts a note by hand; `thanks_invite`: a student is asked (a signed link);
- `thanks_submit`: the student writes it (the link is used up); `thanks_approve` / `thanks_reject`.
Approving queues `deliver_thank_you`, which emails the business side once (claimed on `delivered_at`)."""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q, Sum, Window
from django.db.models.expressions import RowRange
from django.utils import timezone

from accounts import signed_links
from accounts.background import send_after_commit
from accounts.models import SignedLink
from communications.models import LogEntry, ThankYouNote
from communications.thanks.selectors import invitable_students, local_day_start
from communications.thanks.tasks import deliver_thank_you
from core.locking import lock
from partnerships.models import Partnership
from students.models import HoursEntry, Placement, Student

if TYPE_CHECKING:
    from accounts.models import User

THANKS_LINK = "thank-you"


LINK_LIFETIME = datetime.timedelta(days=30)


WINDOW_DAYS = 14  # milestones reached at most this many days ago are prompted; older ones never are


HOURS_THRESHOLDS = (50, 100)


BODY_LIMIT = 2000


SIGNED_AS_LIMIT = 120


Milestone = ThankYouNote.Milestone


Status = ThankYouNote.Status


def _anniversary(start: datetime.date, year: int) -> datetime.date:
    try:
        return start.replace(year=year)
    except ValueError:  # 29 February in a year that has none
        return start.replace(year=year, day=28)


def _completed_placements(since: datetime.date, today: datetime.date) -> list[ThankYouNote]:
    placements = Placement.objects.filter(
        status=Placement.Status.COMPLETED, end_date__range=(since, today)
    ).select_related("student")
    return [
        ThankYouNote(
            partnership_id=placement.partnership_id,
            placement=placement,
            student=placement.student,
            milestone=Milestone.PLACEMENT_COMPLETED,
            milestone_key=f"placement:{placement.pk}",
            milestone_on=placement.end_date,
        )
        for placement in placements
    ]


def _hours_crossings(since: datetime.date, today: datetime.date) -> list[ThankYouNote]:
    """The entries that took a placement's running total of hours across 50 or 100, dated in the window.

    Running totals are computed in the database over every entry of the placements that had an entry
    in the window (older hours count towards the total), in date order."""
    recent = HoursEntry.objects.filter(date__range=(since, today)).values("placement_id")
    window: dict[str, Any] = {"partition_by": [F("placement_id")], "order_by": [F("date").asc(), F("pk").asc()]}
    entries = (
        HoursEntry.objects.filter(placement_id__in=recent)
        .exclude(placement__status=Placement.Status.CANCELLED)
        .annotate(
            running=Window(Sum("hours"), frame=RowRange(start=None, end=0), **window),
            before=Window(Sum("hours"), frame=RowRange(start=None, end=-1), **window),
        )
    )
    crossed = Q()
    for threshold in HOURS_THRESHOLDS:
        crossed |= Q(running__gte=threshold, before__lt=threshold) | Q(running__gte=threshold, before__isnull=True)
    rows = entries.filter(crossed).values_list("placement_id", "date", "running", "before")
    if not rows:
        return []
    crossing: dict[int, None] = {}  # the placements that crossed, in order
    notes = []
    for placement_id, day, running, before in rows:
        if not since <= day <= today:
            continue
        before = before or Decimal(0)
        for threshold in HOURS_THRESHOLDS:
            if before < threshold <= running:
                crossing.setdefault(placement_id, None)
                notes.append((placement_id, day, threshold))
    if not notes:
        return []
    placements = Placement.objects.select_related("student").in_bulk(list(crossing))
    return [
        ThankYouNote(
            partnership_id=placements[placement_id].partnership_id,
            placement=placements[placement_id],
            student=placements[placement_id].student,
            milestone=Milestone.HOURS_REACHED,
            milestone_key=f"hours:{threshold}:{placement_id}",
            milestone_on=day,
        )
        for placement_id, day, threshold in notes
    ]


def _anniversaries(since: datetime.date, today: datetime.date) -> list[ThankYouNote]:
    started = Partnership.objects.active().filter(start_date__lt=datetime.date(today.year, 1, 1))
    notes = []
    for pk, start in started.values_list("pk", "start_date"):
        for year in sorted({since.year, today.year}):
            day = _anniversary(start, year)
            if year - start.year >= 1 and since <= day <= today:
                notes.append(
                    ThankYouNote(
                        partnership_id=pk,
                        milestone=Milestone.ANNIVERSARY,
                        milestone_key=f"anniversary:{year}",
                        milestone_on=day,
                    )
                )
    return notes


def _events(since: datetime.date, today: datetime.date) -> list[ThankYouNote]:
    entries = LogEntry.objects.live().filter(
        channel=LogEntry.Channel.EVENT,
        occurred_at__gte=local_day_start(since),
        occurred_at__lt=local_day_start(today + datetime.timedelta(days=1)),
    )
    return [
        ThankYouNote(
            partnership_id=partnership_id,
            milestone=Milestone.EVENT_HOSTED,
            milestone_key=f"event:{pk}",
            milestone_on=timezone.localtime(occurred_at).date() if settings.USE_TZ else occurred_at.date(),
        )
        for pk, partnership_id, occurred_at in entries.values_list("pk", "partnership_id", "occurred_at")
    ]


def thank_you_prompts_create(today: datetime.date) -> list[ThankYouNote]:
    """Create a prompt (a note waiting for a student) for each milestone reached in the last 14 days
    (`today` and the 14 days before it), once each, and return the notes this call created.

    Milestones: a placement completed (its end date), a placement's hours reaching 50 or 100 (the date of
    the entry that crossed), an active partnership's anniversary, a live "event" log entry. Placement
    milestones name the student and get a signed link at once. Safe to rerun and to run twice at once:
    the unique (partnership, milestone, key) keeps one note per milestone, and only the run that inserted
    a note makes its link. A handful of queries, however many placements there are."""
    since = today - datetime.timedelta(days=WINDOW_DAYS)
    candidates = [
        *_completed_placements(since, today),
        *_hours_crossings(since, today),
        *_anniversaries(since, today),
        *_events(since, today),
    ]
    if not candidates:
        return []
    keys = {note.milestone_key for note in candidates}
    existing = set(
        ThankYouNote.objects.filter(milestone_key__in=keys).values_list("partnership_id", "milestone", "milestone_key")
    )
    fresh = [n for n in candidates if (n.partnership_id, n.milestone, n.milestone_key) not in existing]
    if not fresh:
        return []
    # Every note of this run carries the same creation time: reading back by it tells ours from a
    # concurrent run's (ignore_conflicts skips rows another run inserted first).
    now = timezone.now()
    for note in fresh:
        note.created_at = now
    with transaction.atomic():
        ThankYouNote.objects.bulk_create(fresh, ignore_conflicts=True)
        created = list(
            ThankYouNote.objects.filter(milestone_key__in={n.milestone_key for n in fresh}, created_at=now)
            .select_related("student", "partnership")
            .order_by("pk")
        )
        linked = []
        for note in created:
            if note.student is not None:
                note.link = _new_link(note.student, by=None)
                linked.append(note)
        if linked:
            ThankYouNote.objects.bulk_update(linked, ["link"])
    return created


def _new_link(student: Student, *, by: User | None) -> SignedLink:
    return signed_links.create_link(
        purpose=THANKS_LINK, payload={}, by=by, recipient_name=student.partner_name, lifetime=LINK_LIFETIME
    )


def _refresh(note: ThankYouNote, current: ThankYouNote, *fields: str) -> ThankYouNote:
    for field in fields:
        setattr(note, field, getattr(current, field))
    return note


def _check_body(body: str, field: str = "body") -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationError({field: "Write the note: a few sentences are enough."})
    if len(body) > BODY_LIMIT:
        raise ValidationError({field: f"Keep the note to {BODY_LIMIT:,} characters or fewer (it has {len(body):,})."})
    return body


def thanks_start(
    *,
    partnership: Partnership,
    by: User,
    milestone: str,
    milestone_on: datetime.date,
    placement: Placement | None = None,
) -> ThankYouNote:
    """Start a note by hand, waiting for a student. The milestone has happened; a placement, if given,
    belongs to the partnership (its student is then the one to ask)."""
    errors: dict[str, str] = {}
    if milestone not in Milestone.values:
        errors["milestone"] = "Choose what the note is for."
    if milestone_on > timezone.localdate():
        errors["milestone_on"] = "Choose the date the milestone was reached: it cannot be in the future."
    if partnership.status == Partnership.Status.ENDED:
        errors["partnership"] = f"{partnership.name} has ended: thank-you notes are for current partners."
    if placement is not None and placement.partnership_id != partnership.pk:
        errors["placement"] = f"Choose a placement with {partnership.business.name}."
    if errors:
        raise ValidationError(errors)
    return ThankYouNote.objects.create(
        partnership=partnership,
        placement=placement,
        student=placement.student if placement is not None else None,
        milestone=milestone,
        milestone_key=f"manual:{uuid.uuid4().hex}",
        milestone_on=milestone_on,
    )


def thanks_invite(*, note: ThankYouNote, student: Student, by: User) -> SignedLink:
    """Ask a student to write a note that is waiting for one: a new signed link (30 days), for a student
    with a placement in the partnership. An unused earlier link stops working."""
    if not invitable_students(note.partnership).filter(pk=student.pk).exists():
        raise ValidationError(
            {"student": f"{student.full_name} has no placement with {note.partnership.business.name}."}
        )
    with transaction.atomic():
        current = lock(note)
        if current.status != Status.PROMPTED:
            raise ValidationError(
                f"This note is {current.get_status_display().lower()}: a student can no longer be asked to write it."
            )
        if current.link_id:
            SignedLink.objects.filter(pk=current.link_id, used_at__isnull=True).update(expires_at=timezone.now())
        link = _new_link(student, by=by)
        current.student, current.link = student, link
        current.save(update_fields=["student", "link"])
    _refresh(note, current, "student", "link")
    return link


def thanks_submit(*, note: ThankYouNote, link: SignedLink, body: str, signed_as: str = "") -> ThankYouNote:
    """The student's note, through the note's own link, which is used up in the same transaction: a second
    submission changes nothing. The body is required (at most 2,000 characters) and kept as written in
    `original_body`; the signature defaults to the student's preferred first name and last initial."""
    body = _check_body(body)
    signed_as = " ".join((signed_as or "").split())
    if len(signed_as) > SIGNED_AS_LIMIT:
        raise ValidationError({"signed_as": f"Keep the signature to {SIGNED_AS_LIMIT} characters or fewer."})
    with transaction.atomic():
        current = lock(note)
        if current.link_id != link.pk or current.status != Status.PROMPTED:
            raise ValidationError("This link has already been used or has expired.")
        if not signed_links.claim(link):
            raise ValidationError("This link has already been used or has expired.")
        if not signed_as:
            signed_as = current.student.partner_name if current.student is not None else link.recipient_name
        current.body = current.original_body = body
        current.signed_as = signed_as
        current.status = Status.SUBMITTED
        current.submitted_at = timezone.now()
        current.save(update_fields=["body", "original_body", "signed_as", "status", "submitted_at"])
    return _refresh(note, current, "body", "original_body", "signed_as", "status", "submitted_at")


def _review(note: ThankYouNote, *, verb: str) -> ThankYouNote:
    current = lock(note)
    if current.status != Status.SUBMITTED:
        raise ValidationError(
            f"Only a note waiting for approval can be {verb}: this one is {current.get_status_display().lower()}."
        )
    return current


def thanks_approve(*, note: ThankYouNote, by: User, body: str | None = None) -> ThankYouNote:
    """Approve a submitted note, perhaps edited (`body`; the student's words stay in `original_body`),
    with who and when; then email it to the partner (after commit, once)."""
    new_body = None if body is None else _check_body(body)
    with transaction.atomic():
        current = _review(note, verb="approved")
        if new_body is not None:
            current.body = new_body
        current.status = Status.APPROVED
        current.reviewed_by, current.reviewed_at = by, timezone.now()
        current.save(update_fields=["body", "status", "reviewed_by", "reviewed_at"])
        send_after_commit(deliver_thank_you, current.pk)
    return _refresh(note, current, "body", "status", "reviewed_by", "reviewed_at")


def thanks_reject(*, note: ThankYouNote, by: User, reason: str) -> ThankYouNote:
    """Reject a submitted note, saying why (the partner never sees it)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why the note is not sent, for the record."})
    with transaction.atomic():
        current = _review(note, verb="rejected")
        current.status = Status.REJECTED
        current.reject_reason = reason
        current.reviewed_by, current.reviewed_at = by, timezone.now()
        current.save(update_fields=["status", "reject_reason", "reviewed_by", "reviewed_at"])
    return _refresh(note, current, "status", "reject_reason", "reviewed_by", "reviewed_at")
