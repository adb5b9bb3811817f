"""partnerships/services.py: a business proposes a change to its commitment; a coordinator decides."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from partnerships.commitments import services as commitments
from partnerships.models import Commitment, CommitmentChange, Side
from tests.factories import (
    CommitmentDeliveryFactory,
    CommitmentFactory,
    PartnerMembershipFactory,
    UserFactory,
    active_partnership,
)
from tests.factories.portal_commitments import CommitmentChangeFactory
from tests.helpers import days_ago, messages, today

pytestmark = pytest.mark.django_db

Status = CommitmentChange.Status


@pytest.fixture
def partnership(business_a):
    return active_partnership(business=business_a)


@pytest.fixture
def commitment(partnership):
    return CommitmentFactory(
        partnership=partnership,
        description="Mentoring hours",
        amount=Decimal("10"),
        period_start=days_ago(30),
        period_end=today() + datetime.timedelta(days=60),
    )


def propose(commitment, by, **fields):
    fields.setdefault("reason", "Two more mentors joined.")
    return commitments.commitment_change_propose(commitment=commitment, by=by, **fields)


# Proposing -------------------------------------------------------------------------------------------


def test_a_partner_proposes_a_change_that_waits_and_changes_nothing_yet(commitment, partner_a):
    new_end = today() + datetime.timedelta(days=90)

    change = propose(
        commitment, partner_a, description="Mentoring and job shadows", amount=Decimal("14"), period_end=new_end
    )

    assert (change.status, change.description, change.amount, change.period_end, change.proposed_by) == (
        Status.PROPOSED,
        "Mentoring and job shadows",
        Decimal("14"),
        new_end,
        partner_a,
    )
    commitment.refresh_from_db()
    assert (commitment.description, commitment.amount) == ("Mentoring hours", Decimal("10"))


def test_a_proposal_needs_a_reason(commitment, partner_a):
    with pytest.raises(ValidationError) as error:
        propose(commitment, partner_a, amount=Decimal("14"), reason="  ")

    assert "reason" in error.value.message_dict
    assert not CommitmentChange.objects.exists()


def test_a_proposal_must_change_something(commitment, partner_a):
    with pytest.raises(ValidationError) as error:
        propose(commitment, partner_a)

    assert messages(error) == ["Say what should change: the description, the amount or the end date."]


def test_values_equal_to_the_current_ones_are_no_change(commitment, partner_a):
    with pytest.raises(ValidationError) as error:
        propose(
            commitment,
            partner_a,
            description="Mentoring hours",
            amount=Decimal("10.00"),
            period_end=commitment.period_end,
        )

    assert messages(error) == ["Say what should change: the description, the amount or the end date."]


def test_only_what_differs_is_kept_in_the_proposal(commitment, partner_a):
    change = propose(commitment, partner_a, description="Mentoring hours", amount=Decimal("12"))

    assert (change.description, change.amount, change.period_end) == ("", Decimal("12"), None)


@pytest.mark.parametrize("amount", [Decimal("0"), Decimal("-3")])
def test_a_proposed_amount_must_be_more_than_zero(commitment, partner_a, amount):
    with pytest.raises(ValidationError) as error:
        propose(commitment, partner_a, amount=amount)

    assert "amount" in error.value.message_dict


def test_a_proposed_end_cannot_come_before_the_period_starts(commitment, partner_a):
    with pytest.raises(ValidationError) as error:
        propose(commitment, partner_a, period_end=days_ago(31))

    assert error.value.message_dict["period_end"] == [
        f"The period starts on {commitment.period_start:%d %b %Y}: choose that day or later."
    ]


def test_one_proposal_waits_per_commitment(commitment, partner_a):
    propose(commitment, partner_a, amount=Decimal("12"))

    with pytest.raises(ValidationError) as error:
        propose(commitment, partner_a, amount=Decimal("14"))

    assert "already waiting for the district" in messages(error)[0]
    assert CommitmentChange.objects.count() == 1


def test_the_database_keeps_a_second_waiting_proposal_out(commitment):
    CommitmentChangeFactory(commitment=commitment)

    with pytest.raises(IntegrityError), transaction.atomic():
        CommitmentChangeFactory(commitment=commitment)


def test_a_new_proposal_may_follow_a_decided_one(commitment, partner_a, coordinator):
    first = propose(commitment, partner_a, amount=Decimal("12"))
    commitments.commitment_change_decide(change=first, by=coordinator, approve=False, decline_reason="Not this term.")

    second = propose(commitment, partner_a, amount=Decimal("11"))

    assert second.status == Status.PROPOSED


def test_the_school_side_commitments_are_not_the_business_to_change(partnership, partner_a):
    school_commitment = CommitmentFactory(partnership=partnership, party=Side.SCHOOL)

    with pytest.raises(ValidationError) as error:
        propose(school_commitment, partner_a, amount=Decimal("12"))

    assert messages(error) == ["This is the school's commitment: only the school side can change it."]


def test_someone_from_another_business_cannot_propose(commitment, partner_b):
    with pytest.raises(ValidationError) as error:
        propose(commitment, partner_b, amount=Decimal("12"))

    assert messages(error) == ["Only someone at Acme Tools can propose a change to its commitments."]


def test_a_partner_whose_membership_ended_cannot_propose(commitment, business_a):
    former = PartnerMembershipFactory(organization=business_a, active=False, deactivated_at=timezone.now()).user

    with pytest.raises(ValidationError):
        propose(commitment, former, amount=Decimal("12"))

    assert not CommitmentChange.objects.exists()


@pytest.mark.parametrize("status", [Commitment.Status.FULFILLED, Commitment.Status.CANCELLED, Commitment.Status.MISSED])
def test_a_closed_commitment_cannot_be_changed(commitment, partner_a, status):
    Commitment.objects.filter(pk=commitment.pk).update(status=status)

    with pytest.raises(ValidationError) as error:
        propose(commitment, partner_a, amount=Decimal("12"))

    assert "only planned or running ones can change" in messages(error)[0]


# Deciding --------------------------------------------------------------------------------------------


def test_approving_applies_the_change_to_the_commitment(commitment, partner_a, coordinator):
    new_end = today() + datetime.timedelta(days=90)
    change = propose(
        commitment, partner_a, description="Mentoring and shadows", amount=Decimal("14"), period_end=new_end
    )

    commitments.commitment_change_decide(change=change, by=coordinator, approve=True)

    assert (change.status, change.decided_by, change.decline_reason) == (Status.APPROVED, coordinator, "")
    assert change.decided_at is not None
    commitment.refresh_from_db()
    assert (commitment.description, commitment.amount, commitment.period_end) == (
        "Mentoring and shadows",
        Decimal("14"),
        new_end,
    )


def test_approving_only_the_amount_keeps_the_rest(commitment, partner_a, coordinator):
    change = propose(commitment, partner_a, amount=Decimal("6"))

    commitments.commitment_change_decide(change=change, by=coordinator, approve=True)

    commitment.refresh_from_db()
    assert (commitment.description, commitment.amount) == ("Mentoring hours", Decimal("6"))


def test_declining_keeps_the_commitment_and_says_why(commitment, partner_a, coordinator):
    change = propose(commitment, partner_a, amount=Decimal("4"))

    commitments.commitment_change_decide(
        change=change, by=coordinator, approve=False, decline_reason=" The school counts on ten. "
    )

    assert (change.status, change.decline_reason, change.decided_by) == (
        Status.DECLINED,
        "The school counts on ten.",
        coordinator,
    )
    commitment.refresh_from_db()
    assert commitment.amount == Decimal("10")


def test_declining_needs_a_reason(commitment, partner_a, coordinator):
    change = propose(commitment, partner_a, amount=Decimal("4"))

    with pytest.raises(ValidationError) as error:
        commitments.commitment_change_decide(change=change, by=coordinator, approve=False, decline_reason="")

    assert "decline_reason" in error.value.message_dict
    change.refresh_from_db()
    assert change.status == Status.PROPOSED


def test_only_a_coordinator_decides(commitment, partner_a):
    change = propose(commitment, partner_a, amount=Decimal("14"))

    with pytest.raises(ValidationError) as error:
        commitments.commitment_change_decide(change=change, by=partner_a, approve=True)

    assert messages(error) == ["Only a district coordinator can approve or decline a change to a commitment."]
    commitment.refresh_from_db()
    assert commitment.amount == Decimal("10")


def test_someone_without_rights_cannot_decide_either(commitment, partner_a):
    change = propose(commitment, partner_a, amount=Decimal("14"))

    with pytest.raises(ValidationError):
        commitments.commitment_change_decide(change=change, by=UserFactory(), approve=False, decline_reason="No.")

    change.refresh_from_db()
    assert change.status == Status.PROPOSED


def test_a_decided_change_is_not_decided_again(commitment, partner_a, coordinator):
    change = propose(commitment, partner_a, amount=Decimal("14"))
    commitments.commitment_change_decide(change=change, by=coordinator, approve=False, decline_reason="Not now.")

    with pytest.raises(ValidationError) as error:
        commitments.commitment_change_decide(change=change, by=coordinator, approve=True)

    assert messages(error)[0].startswith("This change was already declined on ")
    commitment.refresh_from_db()
    assert commitment.amount == Decimal("10")


def test_a_stale_copy_of_the_change_is_decided_on_the_stored_row(commitment, partner_a, coordinator):
    change = propose(commitment, partner_a, amount=Decimal("14"))
    stale = CommitmentChange.objects.get(pk=change.pk)
    commitments.commitment_change_decide(change=change, by=coordinator, approve=True)

    with pytest.raises(ValidationError):
        commitments.commitment_change_decide(change=stale, by=coordinator, approve=False, decline_reason="Oops.")

    change.refresh_from_db()
    assert change.status == Status.APPROVED


def test_a_lower_amount_already_delivered_fulfils_a_one_off_commitment(commitment, partner_a, coordinator):
    CommitmentDeliveryFactory(commitment=commitment, amount=Decimal("6"))
    Commitment.objects.filter(pk=commitment.pk).update(status=Commitment.Status.IN_PROGRESS)
    change = propose(commitment, partner_a, amount=Decimal("6"))

    commitments.commitment_change_decide(change=change, by=coordinator, approve=True)

    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.FULFILLED


def test_a_higher_amount_runs_a_fulfilled_one_off_commitment_again(commitment, partner_a, coordinator):
    change = propose(commitment, partner_a, amount=Decimal("14"))
    CommitmentDeliveryFactory(commitment=commitment, amount=Decimal("10"))
    Commitment.objects.filter(pk=commitment.pk).update(status=Commitment.Status.FULFILLED)

    commitments.commitment_change_decide(change=change, by=coordinator, approve=True)

    commitment.refresh_from_db()
    assert (commitment.amount, commitment.status) == (Decimal("14"), Commitment.Status.IN_PROGRESS)


def test_a_cancelled_commitment_is_not_changed_by_approval(commitment, partner_a, coordinator):
    change = propose(commitment, partner_a, amount=Decimal("14"))
    Commitment.objects.filter(pk=commitment.pk).update(status=Commitment.Status.CANCELLED)

    with pytest.raises(ValidationError) as error:
        commitments.commitment_change_decide(change=change, by=coordinator, approve=True)

    assert "cancelled now: decline the change" in messages(error)[0]
    change.refresh_from_db()
    assert change.status == Status.PROPOSED


def test_an_end_that_no_longer_fits_the_period_is_refused_at_approval(commitment, partner_a, coordinator):
    change = propose(commitment, partner_a, period_end=days_ago(10))
    Commitment.objects.filter(pk=commitment.pk).update(period_start=days_ago(5))

    with pytest.raises(ValidationError) as error:
        commitments.commitment_change_decide(change=change, by=coordinator, approve=True)

    assert "after the proposed end" in messages(error)[0]
    commitment.refresh_from_db()
    assert commitment.period_end != days_ago(10)
