"""Hours a student worked: recorded by the school, confirmed or sent back (with a reason) by the mentor,
corrected by the coordinator, which sends them back to the mentor. All or nothing for a batch.

Keyword arguments, one transaction each, plain-language ValidationErrors, as students.services.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.concurrency import check_version
from core.locking import lock
from students.models import HoursEntry, Placement
from students.services import works_with

if TYPE_CHECKING:
    from accounts.models import User

Status = Placement.Status


def _check_hours_date(placement: Placement, date: datetime.date) -> None:
    if date > timezone.localdate():
        raise ValidationError({"date": "Record hours once they are worked: choose today or earlier."})
    if not placement.start_date <= date <= placement.end_date:
        raise ValidationError(
            {"date": f"The placement runs from {placement.start_date:%d %b %Y} to {placement.end_date:%d %b %Y}."}
        )


def hours_record(*, placement: Placement, by: User, date: datetime.date, hours: Decimal, activity: str) -> HoursEntry:
    if placement.status not in (Status.ACTIVE, Status.COMPLETED):
        raise ValidationError("Hours are recorded once the placement has started.")
    _check_hours_date(placement, date)
    entry = HoursEntry(placement=placement, date=date, hours=hours, activity=activity.strip(), recorded_by=by)
    entry.full_clean()
    entry.save()
    return entry


# Confirming and sending back list updated_at among their update_fields (auto_now writes only a listed field),
# so a correction loaded before either is refused as made over a change (core.concurrency).


def hours_verify(*, entry: HoursEntry, verified_by: str) -> HoursEntry:
    """Confirm an entry once, as a coordinator types who confirmed it; a second confirmation keeps the first.
    Hours the mentor sent back are corrected (`hours_correct`) before anyone confirms them."""
    if not verified_by.strip():
        raise ValidationError({"verified_by": "Say who confirmed these hours."})
    with transaction.atomic():
        locked = lock(entry)
        if locked.is_rejected:
            raise ValidationError(
                "The mentor sent these hours back: correct them first, then the mentor confirms them."
            )
        if not locked.is_verified:
            # Saved, not update()d: the audit trail records who confirmed them and from where.
            locked.verified_by, locked.verified_at = verified_by.strip(), timezone.now()
            locked.save(update_fields=["verified_by", "verified_at", "updated_at"])
    entry.refresh_from_db()
    return entry


def hours_words(entry: HoursEntry) -> str:
    """“3 hours on 12 Mar 2027”, as the placement page writes them."""
    return entry.name_in_history


def _lock_to_decide(entries: Iterable[HoursEntry], *, by: User, doing: str) -> list[HoursEntry]:
    """The stored rows of `entries`, locked, once it is sure `by` may decide on every one of them: each
    belongs to a placement they mentor or assist with, and none is confirmed or sent back yet."""
    pks = sorted({entry.pk for entry in entries})
    if not pks:
        raise ValidationError(f"Choose the hours to {doing}.")
    locked = list(HoursEntry.objects.select_for_update().filter(pk__in=pks).order_by("date", "pk"))
    if len(locked) != len(pks):
        raise ValidationError("Some of these hours are no longer recorded. Nothing was changed: choose again.")
    placements = {entry.placement_id for entry in locked}
    theirs = set(Placement.objects.filter(works_with(by), pk__in=placements).values_list("pk", flat=True))
    if placements - theirs:
        raise ValidationError(
            f"You can only {doing} the hours of students you mentor or work with. Nothing was changed."
        )
    decided = [entry for entry in locked if entry.is_verified or entry.is_rejected]
    if decided:
        raise ValidationError(
            [
                f"Nothing was changed: {len(decided)} of these entries {'was' if len(decided) == 1 else 'were'} "
                "already confirmed or sent back."
            ]
            + [
                f"{hours_words(entry)}: {'confirmed by ' + entry.verified_by if entry.is_verified else 'sent back'}."
                for entry in decided
            ]
        )
    return locked


def hours_verify_batch(*, entries: Iterable[HoursEntry], by: User) -> list[HoursEntry]:
    """Confirm many entries at once, as their mentor (or someone at the business working with the student):
    all or nothing. Refused, with nothing changed, if any entry is already confirmed or sent back, or
    belongs to a placement `by` does not work on."""
    with transaction.atomic():
        locked = _lock_to_decide(entries, by=by, doing="confirm")
        now = timezone.now()
        for entry in locked:  # one save each, not update(): the audit trail records each entry's change
            entry.verified_by, entry.verified_at = by.display_name[:200], now
            entry.save(update_fields=["verified_by", "verified_at", "updated_at"])
    return locked


def hours_reject(*, entries: Iterable[HoursEntry], by: User, reason: str) -> list[HoursEntry]:
    """Send entries back to the coordinator with what is wrong with them (the same checks as confirming,
    all or nothing). The coordinator corrects them (`hours_correct`), and they come back to be confirmed.
    The caller tells the school (communications.reminders.events.notify, HOURS_REJECTED)."""
    if not reason.strip():
        raise ValidationError({"reason": "Say what is wrong with these hours, so the school can correct them."})
    with transaction.atomic():
        locked = _lock_to_decide(entries, by=by, doing="send back")
        now = timezone.now()
        for entry in locked:  # one save each, not update(): the audit trail records each entry's change
            entry.rejected_at, entry.rejected_by, entry.reject_reason = now, by, reason.strip()
            entry.save(update_fields=["rejected_at", "rejected_by", "reject_reason", "updated_at"])
    return locked


HOURS_FIELDS = ("date", "hours", "activity")


def hours_correct(
    *,
    entry: HoursEntry,
    by: User,
    date: datetime.date,
    hours: Decimal,
    activity: str,
    version: str | None = None,
) -> HoursEntry:
    """A coordinator's correction of an entry not yet confirmed. It clears a mentor's rejection: the entry
    goes back to the mentor to confirm. Confirmed hours stay as they were confirmed. A `version`
    (core.concurrency) saved over by someone else since is refused."""
    with transaction.atomic():
        locked = lock(entry)
        check_version(locked, version)
        if locked.is_verified:
            raise ValidationError(
                f"These hours were confirmed by {locked.verified_by}: they stay as confirmed. Record new hours instead."
            )
        _check_hours_date(locked.placement, date)
        locked.date, locked.hours, locked.activity = date, hours, activity.strip()
        locked.rejected_at, locked.rejected_by, locked.reject_reason = None, None, ""
        locked.full_clean()
        locked.save(update_fields=[*HOURS_FIELDS, "rejected_at", "rejected_by", "reject_reason", "updated_at"])
    entry.refresh_from_db()
    return entry
