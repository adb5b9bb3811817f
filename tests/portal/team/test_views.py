"""The team pages in the portal (portal/team/views.py): an administrator sees who uses the portal for their
business, invites colleagues, withdraws invitations and ends access; nothing of another business shows."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from accounts.models import SignedLink
from partnerships.models import PartnerMembership
from tests.factories import ContactFactory, PartnerMembershipFactory, UserFactory
from tests.factories.invitations import InvitationFactory

pytestmark = pytest.mark.django_db

TEAM = reverse("portal:team")
INVITE = reverse("portal:team_invite")


def flashed(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def colleague(organization, *, first_name="Dana", role="mentor", **kwargs) -> PartnerMembership:
    return PartnerMembershipFactory.create(
        organization=organization,
        role=role,
        user__first_name=first_name,
        user__last_name="Lee",
        user__email=f"{first_name.lower()}@example.test",
        **kwargs,
    )


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# The team page ----------------------------------------------------------------------------------------------


def test_an_administrator_sees_the_team_and_the_open_invitations(partner_a_client, partner_a, business_a, business_b):
    colleague(business_a, invited_by=partner_a)
    colleague(business_a, first_name="Sam", active=False, deactivated_at=timezone.now())
    colleague(business_b, first_name="Birchworker")
    InvitationFactory(organization=business_a, created_by=partner_a, recipient_email="new.hire@example.test")
    InvitationFactory(organization=business_b, created_by=partner_a, recipient_email="birch.hire@example.test")

    response = partner_a_client.get(TEAM)

    assert response.status_code == 200
    assertContains(response, '<h1 class="h3 mb-1">Team</h1>', html=False)
    assertContains(response, "Dana Lee")
    assertContains(response, "Sam Lee")
    assertContains(response, "Ended")
    assertContains(response, "3 people")
    assertContains(response, "new.hire@example.test")
    assertContains(response, "Invite a colleague")
    assertNotContains(response, "Birchworker")
    assertNotContains(response, "birch.hire@example.test")
    assertContains(response, f'href="{TEAM}" aria-current="page">Team</a>')


def test_a_mentor_has_no_team_page_nor_its_menu_entry(business_a):
    mentor = colleague(business_a).user
    client = signed_in(mentor)

    assert client.get(TEAM).status_code == 404
    assertNotContains(client.get(reverse("portal:home")), f'href="{TEAM}"')


def test_the_team_page_says_when_no_invitation_is_waiting(partner_a_client):
    assertContains(partner_a_client.get(TEAM), "No invitations waiting.")


@pytest.mark.parametrize("size", [2, 6])
def test_the_team_page_uses_a_fixed_number_of_queries(
    size, partner_a_client, partner_a, coordinator, business_a, django_assert_num_queries
):
    for i in range(size):
        colleague(business_a, first_name=f"Person{i}", invited_by=UserFactory())
        InvitationFactory(organization=business_a, created_by=partner_a)
        InvitationFactory(organization=business_a, created_by=coordinator)
    partner_a_client.get(TEAM)  # the portal writes the last-seen time at most once a minute
    # session, user, memberships (the middleware), unread notifications; the team's count and page;
    # invitations, and whether their senders may still invite (administrators, coordinators).
    with django_assert_num_queries(9):
        response = partner_a_client.get(TEAM)
    assert response.status_code == 200


# Inviting ---------------------------------------------------------------------------------------------------


def test_the_invite_page_offers_only_the_business_own_people(partner_a_client, business_a, business_b):
    ContactFactory(organization=business_a, first_name="Ana", last_name="Acme")
    ContactFactory(organization=business_b, first_name="Bea", last_name="Birch")

    response = partner_a_client.get(INVITE)

    assert response.status_code == 200
    assertContains(response, "Invite a colleague")
    assertContains(response, "Ana Acme")
    assertNotContains(response, "Bea Birch")


def test_an_administrator_invites_a_colleague(
    partner_a_client, partner_a, business_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = partner_a_client.post(INVITE, {"email": "New.Colleague@example.test", "role": "admin"})

    assert response.url == TEAM
    link = SignedLink.objects.get()
    assert (link.recipient_email, link.created_by, link.payload["organization"], link.payload["role"]) == (
        "new.colleague@example.test",
        partner_a,
        business_a.pk,
        "admin",
    )
    assert flashed(response) == ["Invitation sent to new.colleague@example.test. The link works for 7 days, once."]


def test_inviting_someone_on_the_team_already_is_refused_in_words(partner_a_client, business_a):
    colleague(business_a)

    response = partner_a_client.post(INVITE, {"email": "DANA@example.test", "role": "mentor"})

    assert response.status_code == 200
    assertContains(response, "Dana Lee already uses the portal for Acme Tools.")
    assertContains(response, 'value="DANA@example.test"')
    assert not SignedLink.objects.exists()


def test_a_contact_of_another_business_cannot_be_chosen(partner_a_client, business_a, business_b):
    ContactFactory(organization=business_a)
    foreign = ContactFactory(organization=business_b, email="bea@example.test")

    response = partner_a_client.post(INVITE, {"contact": foreign.pk, "email": "", "role": "mentor"})

    assert response.status_code == 200
    assert "contact" in response.context["form"].errors
    assert not SignedLink.objects.exists()


# Ending access ----------------------------------------------------------------------------------------------


def test_an_administrator_ends_a_colleagues_access_after_confirming(partner_a_client, partner_a, business_a):
    member = colleague(business_a)
    url = reverse("portal:team_deactivate", args=[member.pk])
    assertContains(partner_a_client.get(url), "End Dana Lee&#x27;s portal access?")

    response = partner_a_client.post(url)

    assert response.url == TEAM
    member.refresh_from_db()
    assert (member.active, member.deactivated_by) == (False, partner_a)
    assert flashed(response) == ["Dana Lee can no longer use the portal of Acme Tools."]


def test_the_only_administrator_is_told_why_they_cannot_end_their_own_access(partner_a_client, partner_a):
    member = partner_a.memberships.get()
    url = reverse("portal:team_deactivate", args=[member.pk])
    assertContains(partner_a_client.get(url), "End your own portal access?")

    response = partner_a_client.post(url)

    assert response.status_code == 200
    assertContains(response, "You are the only administrator of Acme Tools")
    member.refresh_from_db()
    assert member.active


def test_an_administrator_who_ends_their_own_access_is_signed_out(partner_a_client, partner_a, business_a):
    colleague(business_a, role="admin")
    member = partner_a.memberships.get()

    response = partner_a_client.post(reverse("portal:team_deactivate", args=[member.pk]))

    assert response.url == reverse("login")
    assert "_auth_user_id" not in partner_a_client.session
    member.refresh_from_db()
    assert member.active is False


def test_ending_access_that_ended_already_goes_back_to_the_team(partner_a_client, business_a):
    member = colleague(business_a, active=False, deactivated_at=timezone.now())

    response = partner_a_client.post(reverse("portal:team_deactivate", args=[member.pk]))

    assert response.url == TEAM
    assert flashed(response) == ["Dana Lee no longer has access to the portal of Acme Tools."]


# Withdrawing an invitation ------------------------------------------------------------------------------------


def test_an_administrator_withdraws_an_invitation_after_confirming(partner_a_client, partner_a, business_a):
    link = InvitationFactory(organization=business_a, created_by=partner_a, recipient_email="new.hire@example.test")
    url = reverse("portal:team_invitation_cancel", args=[link.pk])
    assertContains(partner_a_client.get(url), "Withdraw the invitation to new.hire@example.test?")

    response = partner_a_client.post(url)

    assert response.url == TEAM
    link.refresh_from_db()
    assert link.is_expired
    assert partner_a_client.get(url).status_code == 404  # no longer open


def test_an_ended_colleague_is_offered_a_new_invitation_with_their_address(partner_a_client, business_a):
    colleague(business_a, active=False, deactivated_at=timezone.now())
    invite_again = f"{INVITE}?email=dana%40example.test"

    assertContains(partner_a_client.get(TEAM), f'href="{invite_again}"')
    response = partner_a_client.get(invite_again)

    assertContains(response, 'value="dana@example.test"')
