"""partnerships/services.py: commitments and their delivery."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from partnerships.commitments import services as commitments
from partnerships.models import (
    Commitment,
)
from tests.factories import (
    CommitmentFactory,
)
from tests.helpers import days_ago, messages, today

pytestmark = pytest.mark.django_db


# Commitments -----------------------------------------------------------------------------------------


def test_first_delivery_moves_a_planned_commitment_in_progress(coordinator):
    commitment = CommitmentFactory(amount=Decimal("10"))

    delivery = commitments.commitment_record_delivery(
        commitment=commitment, by=coordinator, amount=Decimal("4"), date=today(), note="First session"
    )

    assert commitment.status == Commitment.Status.IN_PROGRESS
    assert (delivery.commitment, delivery.amount, delivery.note, delivery.recorded_by) == (
        commitment,
        Decimal("4"),
        "First session",
        coordinator,
    )


def test_a_once_commitment_is_fulfilled_when_deliveries_reach_the_amount(coordinator):
    commitment = CommitmentFactory(amount=Decimal("10"), cadence=Commitment.Cadence.ONCE)
    commitments.commitment_record_delivery(commitment=commitment, by=coordinator, amount=Decimal("4"), date=days_ago(3))

    commitments.commitment_record_delivery(commitment=commitment, by=coordinator, amount=Decimal("6"), date=today())

    assert commitment.status == Commitment.Status.FULFILLED


def test_a_recurring_commitment_stays_in_progress_past_the_amount(coordinator):
    commitment = CommitmentFactory(amount=Decimal("2"), cadence=Commitment.Cadence.WEEKLY)

    commitments.commitment_record_delivery(commitment=commitment, by=coordinator, amount=Decimal("5"), date=today())

    assert commitment.status == Commitment.Status.IN_PROGRESS


@pytest.mark.parametrize("amount", [Decimal("0"), Decimal("-1"), None])
def test_delivery_refuses_zero_or_negative_amounts(coordinator, amount):
    commitment = CommitmentFactory()

    with pytest.raises(ValidationError) as error:
        commitments.commitment_record_delivery(commitment=commitment, by=coordinator, amount=amount, date=today())

    assert "amount" in error.value.message_dict
    assert not commitment.deliveries.exists()


def test_delivery_refuses_a_future_date(coordinator):
    commitment = CommitmentFactory()

    with pytest.raises(ValidationError) as error:
        commitments.commitment_record_delivery(
            commitment=commitment, by=coordinator, amount=Decimal("1"), date=today() + datetime.timedelta(days=1)
        )

    assert "date" in error.value.message_dict
    assert not commitment.deliveries.exists()


@pytest.mark.parametrize("status", [Commitment.Status.FULFILLED, Commitment.Status.MISSED, Commitment.Status.CANCELLED])
def test_delivery_refuses_a_closed_commitment(coordinator, status):
    commitment = CommitmentFactory(status=status)

    with pytest.raises(ValidationError) as error:
        commitments.commitment_record_delivery(commitment=commitment, by=coordinator, amount=Decimal("1"), date=today())

    assert messages(error) == [
        f"This commitment is {Commitment.Status(status).label.lower()}; reopen it to record more."
    ]
    assert not commitment.deliveries.exists()
