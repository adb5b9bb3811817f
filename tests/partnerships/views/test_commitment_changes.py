"""A coordinator approves or declines a business's proposed change to a commitment (partnerships/views/plans.py,
the commitments section of the partnership page)."""

from decimal import Decimal

import pytest
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from partnerships.models import CommitmentChange
from tests.factories import CommitmentFactory, PartnershipFactory
from tests.factories.portal_commitments import CommitmentChangeFactory
from tests.partnerships.views.helpers import detail_url, flashed, url

pytestmark = pytest.mark.django_db

Status = CommitmentChange.Status


@pytest.fixture
def commitment(partnership):
    return CommitmentFactory(partnership=partnership, description="Mentoring hours", amount=Decimal("10"))


@pytest.fixture
def proposal(commitment, partner_a):
    return CommitmentChangeFactory(
        commitment=commitment, amount=Decimal("14"), reason="Two more engineers volunteered.", proposed_by=partner_a
    )


def approve(change) -> str:
    return url("commitment_change_approve", change.commitment.partnership_id, change.pk)


def decline(change) -> str:
    return url("commitment_change_decline", change.commitment.partnership_id, change.pk)


def test_the_partnership_page_shows_the_changes_waiting(coordinator_client, partnership, proposal):
    response = coordinator_client.get(detail_url(partnership))

    assertContains(response, "1 change proposed by Acme Tools, waiting for you")
    assertContains(response, "Amount: 14 hours (now 10)")
    assertContains(response, "Why: Two more engineers volunteered.")
    assertContains(response, approve(proposal))
    assertContains(response, decline(proposal))


def test_decided_changes_are_not_waiting(coordinator_client, partnership, proposal, coordinator):
    CommitmentChange.objects.filter(pk=proposal.pk).update(
        status=Status.DECLINED, decline_reason="No.", decided_by=coordinator, decided_at=timezone.now()
    )

    response = coordinator_client.get(detail_url(partnership))

    assertNotContains(response, "waiting for you")
    assertNotContains(response, approve(proposal))


def test_the_approve_page_says_what_will_change(coordinator_client, proposal):
    response = coordinator_client.get(approve(proposal))

    assertContains(response, "Approve this change?")
    assertContains(response, "proposes to change “Mentoring hours”: Two more engineers volunteered.")
    assertContains(response, "Amount: 14 hours (now 10)")


def test_approving_changes_the_commitment(coordinator_client, coordinator, partnership, commitment, proposal):
    response = coordinator_client.post(approve(proposal))

    assertRedirects(response, detail_url(partnership, "commitments"), fetch_redirect_response=False)
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decided_by) == (Status.APPROVED, coordinator)
    commitment.refresh_from_db()
    assert commitment.amount == Decimal("14")
    assert flashed(response) == ["Change approved: “Mentoring hours” now reads as proposed."]


def test_a_refused_approval_is_shown_in_words(coordinator_client, commitment, proposal):
    commitment.status = "cancelled"
    commitment.save()

    response = coordinator_client.post(approve(proposal))

    assert response.status_code == 200
    assertContains(response, "This commitment is cancelled now: decline the change")
    proposal.refresh_from_db()
    assert proposal.status == Status.PROPOSED


def test_the_decline_form_asks_why(coordinator_client, proposal):
    response = coordinator_client.get(decline(proposal))

    assertContains(response, "Decline this change")
    assertContains(response, "Why you decline it")


def test_declining_needs_a_reason_and_changes_nothing_without_one(coordinator_client, proposal):
    response = coordinator_client.post(decline(proposal), {"decline_reason": ""})

    assert response.status_code == 200
    assertContains(response, "This field is required.")
    proposal.refresh_from_db()
    assert proposal.status == Status.PROPOSED


def test_declining_with_a_reason_keeps_the_commitment(coordinator_client, partnership, commitment, proposal):
    response = coordinator_client.post(decline(proposal), {"decline_reason": "The school plans on ten hours."})

    assertRedirects(response, detail_url(partnership, "commitments"), fetch_redirect_response=False)
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decline_reason) == (Status.DECLINED, "The school plans on ten hours.")
    commitment.refresh_from_db()
    assert commitment.amount == Decimal("10")


def test_a_change_already_decided_sends_you_back(coordinator_client, partnership, proposal, coordinator):
    CommitmentChange.objects.filter(pk=proposal.pk).update(
        status=Status.APPROVED, decided_by=coordinator, decided_at=timezone.now()
    )

    for page in (approve(proposal), decline(proposal)):
        response = coordinator_client.post(page, {"decline_reason": "Late"})
        assertRedirects(response, detail_url(partnership, "commitments"), fetch_redirect_response=False)
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decline_reason) == (Status.APPROVED, "")


def test_a_change_of_another_partnership_is_a_404(coordinator_client, proposal):
    other = PartnershipFactory()

    assert coordinator_client.get(url("commitment_change_approve", other.pk, proposal.pk)).status_code == 404
    assert coordinator_client.post(url("commitment_change_decline", other.pk, proposal.pk)).status_code == 404


def test_someone_who_may_only_view_cannot_decide(viewer_client, proposal):
    assert viewer_client.post(approve(proposal)).status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == Status.PROPOSED


def test_a_partner_never_reaches_the_staff_decision(partner_a_client, proposal):
    assert partner_a_client.post(approve(proposal)).status_code == 404
    proposal.refresh_from_db()
    assert proposal.status == Status.PROPOSED
