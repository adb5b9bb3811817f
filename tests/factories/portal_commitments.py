"""Proposals to change a commitment (the portal's commitments feature)."""

from __future__ import annotations

from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from partnerships.models import CommitmentChange
from tests.factories.partnerships import CommitmentFactory


class CommitmentChangeFactory(DjangoModelFactory[CommitmentChange]):
    """A change waiting for the district: the amount goes up to 12."""

    class Meta:
        model = CommitmentChange

    commitment = factory.SubFactory(CommitmentFactory)
    amount = Decimal("12")
    reason = "Two more mentors joined the team."
    status = CommitmentChange.Status.PROPOSED
