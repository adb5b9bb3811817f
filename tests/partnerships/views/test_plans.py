"""Goals, commitments, deliveries and roles (partnerships/views/plans.py)."""

import datetime
from decimal import Decimal

import pytest
from pytest_django.asserts import assertContains, assertRedirects

from partnerships.models import (
    Commitment,
    CommitmentDelivery,
    Goal,
    PartnershipRole,
    Side,
)
from tests.factories import (
    BusinessFactory,
    CommitmentDeliveryFactory,
    CommitmentFactory,
    ContactFactory,
    GoalFactory,
    PartnershipFactory,
    PartnershipRoleFactory,
)
from tests.form_data import versioned
from tests.helpers import today
from tests.partnerships.views.helpers import detail_url, flashed, iso, url

pytestmark = pytest.mark.django_db


# Goals -----------------------------------------------------------------------------------------------


def goal_data(**overrides):
    data = {
        "owner": Goal.Owner.SCHOOL,
        "description": "Twelve students in internships each year",
        "measure": "Students placed",
        "target": "12 a year",
        "status": Goal.Status.NOT_STARTED,
    }
    data.update(overrides)
    return data


def test_goal_create_form_answers_200(coordinator_client, partnership):
    response = coordinator_client.get(url("goal_create", partnership.pk))
    assert response.status_code == 200
    assertContains(response, "Add goal")


def test_goal_create_adds_the_goal_to_the_partnership(coordinator_client, partnership):
    response = coordinator_client.post(url("goal_create", partnership.pk), goal_data())
    assertRedirects(response, detail_url(partnership, "goals"))
    goal = Goal.objects.get()
    assert goal.partnership == partnership
    assert goal.description == "Twelve students in internships each year"
    assert flashed(response) == ["Goal added."]


def test_goal_create_without_a_description_is_refused_and_keeps_the_input(coordinator_client, partnership):
    response = coordinator_client.post(url("goal_create", partnership.pk), goal_data(description=""))
    assert response.status_code == 200
    assertContains(response, "This field is required.")
    assertContains(response, 'value="Students placed"')
    assert not Goal.objects.exists()


def test_goal_create_with_an_unknown_owner_is_refused(coordinator_client, partnership):
    response = coordinator_client.post(url("goal_create", partnership.pk), goal_data(owner="nobody"))
    assert response.status_code == 200
    assertContains(response, "Select a valid choice")
    assert not Goal.objects.exists()


def test_goal_edit_saves_the_changes(coordinator_client, partnership):
    goal = GoalFactory(partnership=partnership)
    response = coordinator_client.post(
        url("goal_edit", partnership.pk, goal.pk),
        versioned(goal, goal_data(status=Goal.Status.ON_TRACK, target="15 a year")),
    )
    assertRedirects(response, detail_url(partnership, "goals"))
    goal.refresh_from_db()
    assert (goal.status, goal.target) == (Goal.Status.ON_TRACK, "15 a year")
    assert flashed(response) == ["Goal saved."]


def test_goal_edit_with_bad_input_changes_nothing(coordinator_client, partnership):
    goal = GoalFactory(partnership=partnership, description="Keep me")
    response = coordinator_client.post(url("goal_edit", partnership.pk, goal.pk), goal_data(description=""))
    assert response.status_code == 200
    assertContains(response, "This field is required.")
    goal.refresh_from_db()
    assert goal.description == "Keep me"


def test_goal_delete_asks_first_and_deletes_nothing_on_get(coordinator_client, partnership):
    goal = GoalFactory(partnership=partnership, description="Mentor every senior")
    response = coordinator_client.get(url("goal_delete", partnership.pk, goal.pk))
    assert response.status_code == 200
    assertContains(response, "Remove this goal?")
    assertContains(response, "“Mentor every senior” will be removed from Lincoln and Acme.")
    assert Goal.objects.filter(pk=goal.pk).exists()


def test_goal_delete_on_post_removes_the_goal(coordinator_client, partnership):
    goal = GoalFactory(partnership=partnership)
    response = coordinator_client.post(url("goal_delete", partnership.pk, goal.pk))
    assertRedirects(response, detail_url(partnership, "goals"))
    assert not Goal.objects.filter(pk=goal.pk).exists()


def test_goal_of_another_partnership_is_404_through_this_partnerships_urls(coordinator_client, partnership):
    foreign = GoalFactory(partnership=PartnershipFactory(), description="Not yours")
    assert coordinator_client.get(url("goal_edit", partnership.pk, foreign.pk)).status_code == 404
    assert coordinator_client.post(url("goal_edit", partnership.pk, foreign.pk), goal_data()).status_code == 404
    assert coordinator_client.post(url("goal_delete", partnership.pk, foreign.pk)).status_code == 404
    foreign.refresh_from_db()
    assert foreign.description == "Not yours"


# Commitments -----------------------------------------------------------------------------------------


def commitment_data(**overrides):
    data = {
        "party": Side.BUSINESS,
        "kind": Commitment.Kind.TIME,
        "description": "Mentoring hours for the robotics club",
        "amount": "20",
        "unit": "hours",
        "cadence": Commitment.Cadence.MONTHLY,
        "period_start": iso(today()),
        "period_end": iso(today() + datetime.timedelta(days=90)),
        "status": Commitment.Status.PLANNED,
    }
    data.update(overrides)
    return data


def test_commitment_create_adds_the_commitment(coordinator_client, partnership):
    response = coordinator_client.post(url("commitment_create", partnership.pk), commitment_data())
    assertRedirects(response, detail_url(partnership, "commitments"))
    commitment = Commitment.objects.get()
    assert commitment.partnership == partnership
    assert commitment.amount == Decimal("20")
    assertContains(coordinator_client.get(detail_url(partnership)), "Mentoring hours for the robotics club")


def test_commitment_create_refuses_a_zero_amount_and_a_period_that_ends_before_it_starts(
    coordinator_client, partnership
):
    data = commitment_data(amount="0", period_end=iso(today() - datetime.timedelta(days=1)))
    response = coordinator_client.post(url("commitment_create", partnership.pk), data)
    assert response.status_code == 200
    assertContains(response, "Enter an amount greater than zero.")
    assertContains(response, "The period ends before it starts.")
    assertContains(response, 'value="Mentoring hours for the robotics club"')
    assert not Commitment.objects.exists()


def test_commitment_create_refuses_a_negative_amount(coordinator_client, partnership):
    response = coordinator_client.post(url("commitment_create", partnership.pk), commitment_data(amount="-5"))
    assert response.status_code == 200
    assertContains(response, "Enter an amount greater than zero.")
    assert not Commitment.objects.exists()


def test_commitment_edit_saves_the_changes(coordinator_client, partnership):
    commitment = CommitmentFactory(partnership=partnership)
    response = coordinator_client.post(
        url("commitment_edit", partnership.pk, commitment.pk), versioned(commitment, commitment_data(amount="35"))
    )
    assertRedirects(response, detail_url(partnership, "commitments"))
    commitment.refresh_from_db()
    assert commitment.amount == Decimal("35")


def test_commitment_edit_with_bad_input_changes_nothing(coordinator_client, partnership):
    commitment = CommitmentFactory(partnership=partnership, amount=Decimal("10"))
    response = coordinator_client.post(
        url("commitment_edit", partnership.pk, commitment.pk), versioned(commitment, commitment_data(amount="0"))
    )
    assert response.status_code == 200
    assertContains(response, "Enter an amount greater than zero.")
    commitment.refresh_from_db()
    assert commitment.amount == Decimal("10")


def test_commitment_delete_asks_first_then_removes_on_post(coordinator_client, partnership):
    commitment = CommitmentFactory(partnership=partnership, description="Ten laptops")
    response = coordinator_client.get(url("commitment_delete", partnership.pk, commitment.pk))
    assertContains(response, "Remove this commitment?")
    assertContains(response, "“Ten laptops”")
    assert Commitment.objects.filter(pk=commitment.pk).exists()

    response = coordinator_client.post(url("commitment_delete", partnership.pk, commitment.pk))
    assertRedirects(response, detail_url(partnership, "commitments"))
    assert not Commitment.objects.filter(pk=commitment.pk).exists()


def test_commitment_of_another_partnership_is_404_through_this_partnerships_urls(coordinator_client, partnership):
    foreign = CommitmentFactory(partnership=PartnershipFactory())
    assert coordinator_client.get(url("commitment_edit", partnership.pk, foreign.pk)).status_code == 404
    assert coordinator_client.post(url("commitment_delete", partnership.pk, foreign.pk)).status_code == 404
    assert coordinator_client.get(url("commitment_delivery", partnership.pk, foreign.pk)).status_code == 404
    assert Commitment.objects.filter(pk=foreign.pk).exists()


# Commitment deliveries -------------------------------------------------------------------------------


def test_delivery_page_says_what_was_promised_and_delivered(coordinator_client, partnership):
    commitment = CommitmentFactory(partnership=partnership, amount=Decimal("10"), unit="laptops")
    CommitmentDeliveryFactory(commitment=commitment, amount=Decimal("4"))
    response = coordinator_client.get(url("commitment_delivery", partnership.pk, commitment.pk))
    assert response.status_code == 200
    assertContains(response, "Record delivery")
    # Numbers read as on the partnership page ("10 laptops"), not as database decimals ("10.00").
    assertContains(response, "Promised 10 laptops (once); delivered so far 4.")


def test_delivery_is_recorded_and_starts_a_planned_commitment(coordinator_client, coordinator, partnership):
    commitment = CommitmentFactory(partnership=partnership, amount=Decimal("10"), unit="laptops")
    response = coordinator_client.post(
        url("commitment_delivery", partnership.pk, commitment.pk),
        {"amount": "3", "date": iso(today()), "note": "First batch"},
    )
    assertRedirects(response, detail_url(partnership, "commitments"))
    delivery = CommitmentDelivery.objects.get()
    assert (delivery.amount, delivery.note, delivery.recorded_by) == (Decimal("3"), "First batch", coordinator)
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.IN_PROGRESS
    assert flashed(response) == [f"Recorded 3 laptops for “{commitment.description}”."]
    assertContains(coordinator_client.get(detail_url(partnership)), "3 laptops")


def test_delivery_dated_in_the_future_is_refused(coordinator_client, partnership):
    commitment = CommitmentFactory(partnership=partnership)
    response = coordinator_client.post(
        url("commitment_delivery", partnership.pk, commitment.pk),
        {"amount": "3", "date": iso(today() + datetime.timedelta(days=1))},
    )
    assert response.status_code == 200
    assertContains(response, "A delivery is recorded once it has happened: choose today or earlier.")
    assert not CommitmentDelivery.objects.exists()
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.PLANNED


def test_delivery_of_zero_is_refused(coordinator_client, partnership):
    commitment = CommitmentFactory(partnership=partnership)
    response = coordinator_client.post(
        url("commitment_delivery", partnership.pk, commitment.pk), {"amount": "0", "date": iso(today())}
    )
    assert response.status_code == 200
    assertContains(response, "Ensure this value is greater than or equal to 0.01.")
    assert not CommitmentDelivery.objects.exists()


def test_delivery_on_a_fulfilled_commitment_is_refused(coordinator_client, partnership):
    commitment = CommitmentFactory(partnership=partnership, status=Commitment.Status.FULFILLED)
    response = coordinator_client.post(
        url("commitment_delivery", partnership.pk, commitment.pk), {"amount": "1", "date": iso(today())}
    )
    assert response.status_code == 200
    assertContains(response, "This commitment is fulfilled; reopen it to record more.")
    assert not CommitmentDelivery.objects.exists()


# Roles -----------------------------------------------------------------------------------------------


@pytest.fixture
def mentor(partnership):
    return ContactFactory(organization=partnership.business, first_name="Maya", last_name="Mentor")


def role_data(contact, **overrides):
    data = {
        "contact": contact.pk,
        "title": "Mentor lead",
        "responsibilities": "Recruits the mentors.",
        "hours_per_month": "4",
    }
    data.update(overrides)
    return data


def test_role_create_form_suggests_titles(coordinator_client, partnership):
    response = coordinator_client.get(url("role_create", partnership.pk))
    assert response.status_code == 200
    assertContains(response, '<datalist id="role-titles">')
    assertContains(response, "Executive sponsor")


def test_role_create_gives_a_person_a_role(coordinator_client, partnership, mentor):
    response = coordinator_client.post(url("role_create", partnership.pk), role_data(mentor))
    assertRedirects(response, url("people", partnership.pk))
    role = PartnershipRole.objects.get()
    assert (role.partnership, role.contact, role.title) == (partnership, mentor, "Mentor lead")
    page = coordinator_client.get(url("people", partnership.pk))
    assertContains(page, "Mentor lead")
    assertContains(page, "4 h a month")


def test_role_create_refuses_the_same_title_twice_for_the_same_person(coordinator_client, partnership, mentor):
    PartnershipRoleFactory(partnership=partnership, contact=mentor, title="Mentor lead")
    response = coordinator_client.post(url("role_create", partnership.pk), role_data(mentor, title="mentor lead"))
    assert response.status_code == 200
    assertContains(response, "Maya Mentor already holds this role here.")
    assertContains(response, "Recruits the mentors.")
    assert PartnershipRole.objects.count() == 1


def test_role_create_refuses_someone_from_an_unrelated_organization(coordinator_client, partnership):
    stranger = ContactFactory(organization=BusinessFactory())
    response = coordinator_client.post(url("role_create", partnership.pk), role_data(stranger))
    assert response.status_code == 200
    assertContains(response, "Select a valid choice")
    assert not PartnershipRole.objects.exists()


def test_role_edit_saves_the_changes(coordinator_client, partnership, mentor):
    role = PartnershipRoleFactory(partnership=partnership, contact=mentor)
    response = coordinator_client.post(
        url("role_edit", partnership.pk, role.pk),
        versioned(role, role_data(mentor, title="Executive sponsor", hours_per_month="2")),
    )
    assertRedirects(response, url("people", partnership.pk))
    role.refresh_from_db()
    assert (role.title, role.hours_per_month) == ("Executive sponsor", Decimal("2"))


def test_role_edit_may_keep_its_own_title(coordinator_client, partnership, mentor):
    role = PartnershipRoleFactory(partnership=partnership, contact=mentor, title="Mentor lead")
    response = coordinator_client.post(
        url("role_edit", partnership.pk, role.pk), versioned(role, role_data(mentor, hours_per_month="6"))
    )
    assertRedirects(response, url("people", partnership.pk))
    role.refresh_from_db()
    assert role.hours_per_month == Decimal("6")


def test_role_edit_refuses_negative_hours(coordinator_client, partnership, mentor):
    role = PartnershipRoleFactory(partnership=partnership, contact=mentor, hours_per_month=Decimal("4"))
    response = coordinator_client.post(
        url("role_edit", partnership.pk, role.pk), role_data(mentor, hours_per_month="-1")
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    role.refresh_from_db()
    assert role.hours_per_month == Decimal("4")


def test_role_delete_asks_first_then_removes_on_post(coordinator_client, partnership, mentor):
    role = PartnershipRoleFactory(partnership=partnership, contact=mentor, title="Mentor lead")
    response = coordinator_client.get(url("role_delete", partnership.pk, role.pk))
    assertContains(response, "Remove this role?")
    assertContains(response, "Mentor lead: Maya Mentor")
    assert PartnershipRole.objects.filter(pk=role.pk).exists()

    response = coordinator_client.post(url("role_delete", partnership.pk, role.pk))
    assertRedirects(response, url("people", partnership.pk))
    assert not PartnershipRole.objects.filter(pk=role.pk).exists()


def test_role_of_another_partnership_is_404_through_this_partnerships_urls(coordinator_client, partnership):
    foreign = PartnershipRoleFactory()
    assert coordinator_client.get(url("role_edit", partnership.pk, foreign.pk)).status_code == 404
    assert coordinator_client.post(url("role_delete", partnership.pk, foreign.pk)).status_code == 404
    assert PartnershipRole.objects.filter(pk=foreign.pk).exists()
