"""What a partnership's sides promise and give: deliveries, and changes a business proposes that a
coordinator approves (changing the commitment) or declines with a reason.

Keyword arguments, one transaction each, plain-language ValidationErrors, as partnerships.services.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone

from core.locking import lock
from partnerships.models import Commitment, CommitmentChange, CommitmentDelivery, Organization, PartnerMembership, Side

if TYPE_CHECKING:
    from accounts.models import User


def commitment_record_delivery(
    *, commitment: Commitment, by: User, amount: Decimal, date: datetime.date, note: str = ""
) -> CommitmentDelivery:
    """Record something a side actually gave. A first delivery starts a planned commitment; reaching
    the promised amount fulfils a one-off commitment."""
    if amount is None or amount <= 0:
        raise ValidationError({"amount": "Enter an amount greater than zero."})
    if date > timezone.localdate():
        raise ValidationError({"date": "A delivery is recorded once it has happened: choose today or earlier."})
    with transaction.atomic():
        locked = lock(commitment)
        if locked.status not in Commitment.OPEN_STATUSES:
            raise ValidationError(
                f"This commitment is {locked.get_status_display().lower()}; reopen it to record more."
            )
        delivery = CommitmentDelivery.objects.create(
            commitment=locked, amount=amount, date=date, note=note, recorded_by=by
        )
        delivered = Commitment.objects.with_delivered().get(pk=locked.pk).delivered
        if locked.cadence == Commitment.Cadence.ONCE and delivered >= locked.amount:
            locked.status = Commitment.Status.FULFILLED
        elif locked.status == Commitment.Status.PLANNED:
            locked.status = Commitment.Status.IN_PROGRESS
        locked.save(update_fields=["status", "updated_at"])
    commitment.refresh_from_db()
    return delivery


def commitment_change_propose(
    *,
    commitment: Commitment,
    by: User,
    reason: str,
    description: str = "",
    amount: Decimal | None = None,
    period_end: datetime.date | None = None,
) -> CommitmentChange:
    """The business proposes to change what it promised: a new description, amount or end of the period,
    with its reason. Nothing changes until a coordinator approves it (`commitment_change_decide`); a value
    equal to the current one is no change. One proposal waits per commitment at a time."""
    description, reason = description.strip(), reason.strip()
    with transaction.atomic():
        locked = lock(commitment)  # serialises proposals: two at once would both see none waiting
        business = Organization.objects.get(business_partnerships=locked.partnership_id)
        if locked.party != Side.BUSINESS:
            raise ValidationError("This is the school's commitment: only the school side can change it.")
        if not PartnerMembership.objects.active().filter(user=by, organization=business).exists():
            raise ValidationError(f"Only someone at {business.name} can propose a change to its commitments.")
        if locked.status not in Commitment.OPEN_STATUSES:
            raise ValidationError(
                f"This commitment is {locked.get_status_display().lower()}: only planned or running ones can change."
            )
        if CommitmentChange.objects.filter(commitment=locked, status=CommitmentChange.Status.PROPOSED).exists():
            raise ValidationError(
                "A change to this commitment is already waiting for the district: wait for their answer first."
            )
        description = "" if description == locked.description else description
        amount = None if amount == locked.amount else amount
        period_end = None if period_end == locked.period_end else period_end
        errors: dict[str, str] = {}
        if not reason:
            errors["reason"] = "Say why you propose the change: the district decides on it."
        if amount is not None and amount <= 0:
            errors["amount"] = "Enter an amount greater than zero."
        if period_end is not None and locked.period_start is not None and period_end < locked.period_start:
            errors["period_end"] = f"The period starts on {locked.period_start:%d %b %Y}: choose that day or later."
        if not description and amount is None and period_end is None:
            errors[NON_FIELD_ERRORS] = "Say what should change: the description, the amount or the end date."
        if errors:
            raise ValidationError(errors)
        return CommitmentChange.objects.create(
            commitment=locked,
            description=description,
            amount=amount,
            period_end=period_end,
            reason=reason,
            proposed_by=by,
        )


def commitment_change_decide(
    *, change: CommitmentChange, by: User, approve: bool, decline_reason: str = ""
) -> CommitmentChange:
    """A coordinator approves a proposed change, which changes the commitment at once, or declines it with
    a reason the business sees. A one-off commitment's status follows its new amount (fulfilled when what
    was delivered reaches it, running again when it does not)."""
    decline_reason = decline_reason.strip()
    if not by.has_perm("partnerships.change_commitment"):
        raise ValidationError("Only a district coordinator can approve or decline a change to a commitment.")
    if not approve and not decline_reason:
        raise ValidationError({"decline_reason": "Say why you decline the change: the business sees your reason."})
    with transaction.atomic():
        # The commitment first, as a proposal locks it: a decision and a proposal never cross.
        commitment = Commitment.objects.select_for_update().get(pk=change.commitment_id)
        locked = lock(change)
        if locked.status != CommitmentChange.Status.PROPOSED:
            decided = f" on {timezone.localtime(locked.decided_at):%d %b %Y}" if locked.decided_at else ""
            raise ValidationError(f"This change was already {locked.get_status_display().lower()}{decided}.")
        if approve:
            _apply_change(commitment, locked)
        locked.status = CommitmentChange.Status.APPROVED if approve else CommitmentChange.Status.DECLINED
        locked.decline_reason = "" if approve else decline_reason
        locked.decided_by = by
        locked.decided_at = timezone.now()
        locked.save(update_fields=["status", "decline_reason", "decided_by", "decided_at"])
    change.refresh_from_db()
    return change


def _apply_change(commitment: Commitment, change: CommitmentChange) -> None:
    if commitment.status in (Commitment.Status.MISSED, Commitment.Status.CANCELLED):
        raise ValidationError(
            f"This commitment is {commitment.get_status_display().lower()} now: decline the change, "
            "or reopen the commitment first."
        )
    if change.period_end is not None and commitment.period_start and change.period_end < commitment.period_start:
        raise ValidationError(
            f"The commitment's period now starts on {commitment.period_start:%d %b %Y}, after the proposed end: "
            "decline the change and ask the business for another."
        )
    if change.description:
        commitment.description = change.description
    if change.amount is not None:
        commitment.amount = change.amount
    if change.period_end is not None:
        commitment.period_end = change.period_end
    if commitment.cadence == Commitment.Cadence.ONCE:
        delivered = Commitment.objects.with_delivered().get(pk=commitment.pk).delivered
        if delivered >= commitment.amount:
            commitment.status = Commitment.Status.FULFILLED
        elif commitment.status == Commitment.Status.FULFILLED:
            commitment.status = Commitment.Status.IN_PROGRESS if delivered else Commitment.Status.PLANNED
    commitment.save(update_fields=["description", "amount", "period_end", "status", "updated_at"])
