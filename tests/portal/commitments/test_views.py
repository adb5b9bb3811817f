"""Commitments in the partner portal (portal/commitments/views.py): promised against delivered on both sides,
recording a delivery of the business's own, proposing a change and seeing the district's answer."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from communications.models import Notification, Reminder
from partnerships.models import Commitment, CommitmentChange, CommitmentDelivery, PartnerMembership, Side
from tests.factories import (
    CommitmentDeliveryFactory,
    CommitmentFactory,
    ContactFactory,
    PartnerMembershipFactory,
    PointOfContactFactory,
    SchoolFactory,
    UserFactory,
    active_partnership,
)
from tests.factories.portal_commitments import CommitmentChangeFactory
from tests.helpers import days_ago, today

pytestmark = pytest.mark.django_db

LIST = reverse("portal:commitments")


def detail(commitment) -> str:
    return reverse("portal:commitment", args=[commitment.pk])


def delivery(commitment) -> str:
    return reverse("portal:commitment_delivery", args=[commitment.pk])


def change(commitment) -> str:
    return reverse("portal:commitment_change", args=[commitment.pk])


@pytest.fixture
def acme(business_a):
    return active_partnership(business=business_a, school=SchoolFactory(name="Lincoln High"))


@pytest.fixture
def mentoring(acme):
    return CommitmentFactory(
        partnership=acme, party=Side.BUSINESS, description="Mentoring hours", amount=Decimal("10"), unit="hours"
    )


@pytest.fixture
def lab(acme):
    return CommitmentFactory(
        partnership=acme, party=Side.SCHOOL, description="Lab open after school", amount=Decimal("4"), unit="sessions"
    )


@pytest.fixture
def mentor_client(client, business_a):
    user = PartnerMembershipFactory(organization=business_a, role=PartnerMembership.Role.MENTOR).user
    client.force_login(user)
    return client


# The list ---------------------------------------------------------------------------------------------


def test_the_list_shows_both_sides_promised_against_delivered_in_words(partner_a_client, mentoring, lab):
    CommitmentDeliveryFactory(commitment=mentoring, amount=Decimal("4"), note="First evening")
    CommitmentDeliveryFactory(commitment=lab, amount=Decimal("4"))

    response = partner_a_client.get(LIST)

    assertContains(response, "With Lincoln High")
    assertContains(response, "What Acme Tools promised")
    assertContains(response, "What Lincoln High promised")
    assertContains(response, "4 of 10 hours delivered (40%)")
    assertContains(response, 'aria-valuenow="40"')
    assertContains(response, 'aria-valuetext="4 of 10 hours delivered (40%)"')
    assertContains(response, "4 of 4 sessions delivered (100%)")
    assertContains(response, "First evening")


def test_the_business_may_act_only_on_its_own_commitments(partner_a_client, mentoring, lab):
    response = partner_a_client.get(LIST)

    assertContains(response, delivery(mentoring))
    assertContains(response, change(mentoring))
    assertNotContains(response, delivery(lab))
    assertNotContains(response, change(lab))


def test_more_than_delivered_than_promised_fills_the_bar_and_says_so(partner_a_client, mentoring):
    CommitmentDeliveryFactory(commitment=mentoring, amount=Decimal("15"))

    response = partner_a_client.get(LIST)

    assertContains(response, "15 of 10 hours delivered (150%)")
    assertContains(response, 'aria-valuenow="100"')


def test_the_list_shows_the_latest_deliveries_and_links_to_all(partner_a_client, mentoring):
    for days in range(5):
        CommitmentDeliveryFactory(commitment=mentoring, date=days_ago(days + 1), note=f"Session {days}")

    response = partner_a_client.get(LIST)

    assertContains(response, "Session 0")
    assertContains(response, "Session 2")
    assertNotContains(response, "Session 3")
    assertContains(response, "See all 5 deliveries")


def test_a_waiting_proposal_is_shown_and_no_second_one_is_offered(partner_a_client, mentoring):
    CommitmentChangeFactory(commitment=mentoring, amount=Decimal("12"))

    response = partner_a_client.get(LIST)

    assertContains(response, "Waiting for the district")
    assertContains(response, "Amount: 12 hours (now 10)")
    assertNotContains(response, change(mentoring))
    assertContains(response, delivery(mentoring))


def test_the_list_shows_a_declined_proposal_and_why(partner_a_client, mentoring, coordinator):
    CommitmentChangeFactory(
        commitment=mentoring,
        status=CommitmentChange.Status.DECLINED,
        decided_by=coordinator,
        decided_at=timezone.now(),
        decline_reason="The school plans on ten hours.",
    )

    response = partner_a_client.get(LIST)

    assertContains(response, "Declined")
    assertContains(response, "The school plans on ten hours.")
    assertContains(response, change(mentoring))  # a new proposal may follow


def test_the_list_has_an_empty_state(partner_a_client):
    assertContains(partner_a_client.get(LIST), "No partnerships yet.")


def test_a_partnership_without_commitments_says_so(partner_a_client, acme):
    assertContains(partner_a_client.get(LIST), "Nothing recorded yet.")


def test_another_business_commitments_are_not_listed(partner_a_client, mentoring, business_b):
    birch = active_partnership(business=business_b)
    CommitmentFactory(partnership=birch, description="Birch bread for the bake sale")

    response = partner_a_client.get(LIST)

    assertNotContains(response, "Birch bread")


def test_prospects_are_not_listed(partner_a_client, business_a):
    prospect = active_partnership(business=business_a, status="prospect", start_date=None)
    CommitmentFactory(partnership=prospect, description="Maybe some laptops")

    assertNotContains(partner_a_client.get(LIST), "Maybe some laptops")


def test_a_mentor_does_not_see_commitments(mentor_client, mentoring):
    assert mentor_client.get(LIST).status_code == 404
    assert mentor_client.get(detail(mentoring)).status_code == 404


@pytest.mark.parametrize("size", [2, 6])
def test_the_list_uses_a_fixed_number_of_queries(size, partner_a_client, business_a, django_assert_num_queries):
    for _ in range(size):
        partnership = active_partnership(business=business_a)
        for party in (Side.BUSINESS, Side.SCHOOL):
            commitment = CommitmentFactory(partnership=partnership, party=party)
            CommitmentDeliveryFactory.create_batch(size, commitment=commitment)
            CommitmentChangeFactory(commitment=commitment)
    partner_a_client.get(LIST)  # the portal notes when a partner was last seen, at most once a minute
    with django_assert_num_queries(9):
        response = partner_a_client.get(LIST)
    assert response.status_code == 200


# One commitment ---------------------------------------------------------------------------------------


def test_the_detail_lists_every_delivery_and_every_proposal(partner_a_client, mentoring, coordinator, partner_a):
    CommitmentDeliveryFactory(commitment=mentoring, amount=Decimal("3"), note="Robotics night", recorded_by=partner_a)
    CommitmentChangeFactory(
        commitment=mentoring,
        amount=Decimal("8"),
        status=CommitmentChange.Status.APPROVED,
        decided_by=coordinator,
        decided_at=timezone.now(),
        reason="Fewer students this term.",
    )

    response = partner_a_client.get(detail(mentoring))

    assertContains(response, "<h1", count=1)
    assertContains(response, "Mentoring hours")
    assertContains(response, "Robotics night")
    assertContains(response, "3 of 10 hours delivered (30%)")
    assertContains(response, "Approved")
    assertContains(response, "Your reason: Fewer students this term.")


def test_the_school_side_commitment_can_be_read_but_offers_nothing_to_do(partner_a_client, lab):
    response = partner_a_client.get(detail(lab))

    assertContains(response, "Promised by Lincoln High")
    assertNotContains(response, delivery(lab))
    assertNotContains(response, "Changes you proposed")


def test_another_business_commitment_is_a_404(partner_a_client, business_b):
    theirs = CommitmentFactory(partnership=active_partnership(business=business_b))

    for url in (detail(theirs), delivery(theirs), change(theirs)):
        assert partner_a_client.get(url).status_code == 404


@pytest.mark.parametrize("size", [2, 6])
def test_the_detail_uses_a_fixed_number_of_queries(size, partner_a_client, mentoring, django_assert_num_queries):
    CommitmentDeliveryFactory.create_batch(size, commitment=mentoring, recorded_by=UserFactory())
    for _ in range(size):
        CommitmentChangeFactory(
            commitment=mentoring, status="declined", decline_reason="No.", decided_at=timezone.now()
        )
    partner_a_client.get(detail(mentoring))
    with django_assert_num_queries(8):
        response = partner_a_client.get(detail(mentoring))
    assert response.status_code == 200


# Recording a delivery ---------------------------------------------------------------------------------


def test_the_delivery_form_says_how_far_along(partner_a_client, mentoring):
    response = partner_a_client.get(delivery(mentoring))

    assertContains(response, "Record a delivery")
    assertContains(response, "0 of 10 hours delivered (0%)")
    assertContains(response, "How much (hours)")


def test_the_business_records_a_delivery(partner_a_client, partner_a, mentoring):
    response = partner_a_client.post(
        delivery(mentoring), {"amount": "2.5", "date": today().isoformat(), "note": "Robot build night"}
    )

    assertRedirects(response, detail(mentoring))
    recorded = CommitmentDelivery.objects.get()
    assert (recorded.commitment, recorded.amount, recorded.note, recorded.recorded_by) == (
        mentoring,
        Decimal("2.5"),
        "Robot build night",
        partner_a,
    )
    mentoring.refresh_from_db()
    assert mentoring.status == Commitment.Status.IN_PROGRESS


def test_a_delivery_in_the_future_is_refused_in_words_and_keeps_what_was_typed(partner_a_client, mentoring):
    tomorrow = today() + datetime.timedelta(days=1)

    response = partner_a_client.post(
        delivery(mentoring), {"amount": "3", "date": tomorrow.isoformat(), "note": "Next week"}
    )

    assert response.status_code == 200
    assertContains(response, "A delivery is recorded once it has happened")
    assertContains(response, 'value="Next week"')
    assert not CommitmentDelivery.objects.exists()


def test_a_delivery_without_an_amount_is_refused(partner_a_client, mentoring):
    response = partner_a_client.post(delivery(mentoring), {"amount": "", "date": today().isoformat(), "note": "Hm"})

    assertContains(response, "This field is required.")
    assertContains(response, 'value="Hm"')
    assert not CommitmentDelivery.objects.exists()


def test_the_school_side_delivery_is_not_the_business_to_record(partner_a_client, lab):
    response = partner_a_client.post(delivery(lab), {"amount": "1", "date": today().isoformat(), "note": ""})

    assert response.status_code == 404
    assert not CommitmentDelivery.objects.exists()


def test_a_fulfilled_commitment_takes_no_more_deliveries(partner_a_client, mentoring):
    Commitment.objects.filter(pk=mentoring.pk).update(status=Commitment.Status.FULFILLED)

    response = partner_a_client.post(
        delivery(mentoring), {"amount": "1", "date": today().isoformat(), "note": ""}, follow=True
    )

    assertContains(response, "This commitment is fulfilled: there is nothing more to record.")
    assert not CommitmentDelivery.objects.exists()


# Proposing a change ----------------------------------------------------------------------------------


def change_data(**overrides):
    data = {"description": "", "amount": "14", "period_end": "", "reason": "Two more engineers volunteered."}
    data.update(overrides)
    return data


def test_the_change_form_says_what_it_is_now(partner_a_client, mentoring):
    response = partner_a_client.get(change(mentoring))

    assertContains(response, "Propose a change")
    assertContains(response, "Now: 10 hours.")
    assertContains(response, "Now: no end date.")


def test_the_business_proposes_a_change_and_the_school_side_is_told(
    partner_a_client, partner_a, mentoring, acme, django_capture_on_commit_callbacks
):
    school_user = UserFactory(email="liaison@example.test")
    school_poc = acme.points_of_contact.get(side=Side.SCHOOL)
    school_poc.contact.user = school_user
    school_poc.contact.save()

    with django_capture_on_commit_callbacks(execute=True):
        response = partner_a_client.post(change(mentoring), change_data())

    assertRedirects(response, detail(mentoring))
    proposal = CommitmentChange.objects.get()
    assert (proposal.amount, proposal.reason, proposal.proposed_by, proposal.status) == (
        Decimal("14"),
        "Two more engineers volunteered.",
        partner_a,
        CommitmentChange.Status.PROPOSED,
    )
    mentoring.refresh_from_db()
    assert mentoring.amount == Decimal("10")  # until the district approves
    reminder = Reminder.objects.get(kind=Reminder.Kind.COMMITMENT_CHANGE)
    assert (reminder.subject_type, reminder.subject_id, reminder.partnership_id) == (
        ContentType.objects.get_for_model(CommitmentChange),
        proposal.pk,
        acme.pk,
    )
    assert reminder.url == reverse("partnerships:detail", args=[acme.pk]) + f"#change-{proposal.pk}"
    assert reminder.title == "Acme Tools proposes a change to “Mentoring hours”"
    assert "Amount: 14 hours (now 10)" in reminder.body
    assert Notification.objects.filter(reminder=reminder, user=school_user).exists()


def test_a_proposal_that_changes_nothing_is_refused_in_words_and_keeps_what_was_typed(partner_a_client, mentoring):
    response = partner_a_client.post(change(mentoring), change_data(amount="10", reason="Same again"))

    assert response.status_code == 200
    assertContains(response, "Say what should change: the description, the amount or the end date.")
    assertContains(response, "Same again")
    assert not CommitmentChange.objects.exists()
    assert not Reminder.objects.exists()


def test_a_proposal_without_a_reason_is_refused(partner_a_client, mentoring):
    response = partner_a_client.post(change(mentoring), change_data(reason="", description="Mentoring and shadows"))

    assertContains(response, "This field is required.")
    assertContains(response, 'value="Mentoring and shadows"')
    assert not CommitmentChange.objects.exists()


def test_a_second_proposal_waits_for_the_first(partner_a_client, mentoring):
    CommitmentChangeFactory(commitment=mentoring)

    response = partner_a_client.post(change(mentoring), change_data(), follow=True)

    assertContains(response, "A change to this commitment is already waiting for the district")
    assert CommitmentChange.objects.count() == 1


def test_the_school_side_commitment_cannot_be_changed_from_the_portal(partner_a_client, lab):
    response = partner_a_client.post(change(lab), change_data())

    assert response.status_code == 404
    assert not CommitmentChange.objects.exists()


def test_a_partner_at_two_businesses_acts_only_for_the_one_chosen(client, mentoring, business_a, business_b):
    user = UserFactory()
    PartnerMembershipFactory(user=user, organization=business_a)
    PartnerMembershipFactory(user=user, organization=business_b)
    client.force_login(user)
    client.get(LIST + f"?organization={business_b.pk}")

    assert client.get(detail(mentoring)).status_code == 404
    assert client.get(detail(mentoring) + f"?organization={business_a.pk}").status_code == 200


def test_a_contact_who_is_not_a_member_does_not_get_in(client, business_a, mentoring):
    contact_user = UserFactory()
    ContactFactory(organization=business_a, user=contact_user)
    PointOfContactFactory(partnership=mentoring.partnership, side=Side.BUSINESS, role="backup")
    client.force_login(contact_user)

    assert client.get(LIST).status_code == 404
