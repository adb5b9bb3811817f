"""The coordinator's pages for portal access (partnerships/invitations/views.py) and the "Portal users"
section of a business's page."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from accounts.models import SignedLink
from partnerships.invitations import services
from partnerships.models import PartnerMembership
from tests.factories import ContactFactory, PartnerMembershipFactory, SchoolFactory, UserFactory
from tests.factories.invitations import InvitationFactory

pytestmark = pytest.mark.django_db


def url(name: str, *args) -> str:
    return reverse(f"partnerships:{name}", args=args)


def flashed(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def page_of(organization) -> str:
    return url("organization_detail", organization.pk)


# The section on the business's page -------------------------------------------------------------------


def test_a_business_page_lists_its_portal_users_and_open_invitations(coordinator_client, coordinator, business_a):
    PartnerMembershipFactory(
        organization=business_a,
        user__email="dana@example.test",
        user__first_name="Dana",
        user__last_name="Lee",
        role="mentor",
        invited_by=coordinator,
    )
    PartnerMembershipFactory(
        organization=business_a,
        user__email="sam@example.test",
        active=False,
        deactivated_at=timezone.now(),
        deactivated_by=coordinator,
    )
    InvitationFactory(organization=business_a, created_by=coordinator, recipient_email="new.hire@example.test")
    InvitationFactory(
        organization=business_a, created_by=coordinator, recipient_email="late@example.test", expires_at=timezone.now()
    )

    response = coordinator_client.get(page_of(business_a))

    assertContains(response, 'id="portal-users"')
    assertContains(response, "Invite someone")
    assertContains(response, "Dana Lee")
    assertContains(response, "Mentor")
    assertContains(response, "Cora Ordinator")  # who invited Dana, and who ended Sam's access
    assertContains(response, "Ended")
    assertContains(response, "new.hire@example.test")
    assertNotContains(response, "late@example.test")
    assertContains(response, url("membership_deactivate", PartnerMembership.objects.get(user__first_name="Dana").pk))


def test_an_invitation_whose_sender_left_is_marked_as_no_longer_working(coordinator_client, partner_a, business_a):
    InvitationFactory(organization=business_a, created_by=partner_a, recipient_email="new.hire@example.test")
    PartnerMembership.objects.filter(user=partner_a).update(active=False, deactivated_at=timezone.now())

    response = coordinator_client.get(page_of(business_a))

    assertContains(response, "No longer works")


def test_a_business_without_portal_users_says_whom_to_invite(coordinator_client, business_b):
    response = coordinator_client.get(page_of(business_b))
    assertContains(response, "Nobody uses the portal for Birch Bakery yet.")


def test_a_school_has_no_portal_users(coordinator_client):
    response = coordinator_client.get(page_of(SchoolFactory()))
    assertNotContains(response, 'id="portal-users"')


@pytest.mark.parametrize("size", [2, 6])
def test_the_business_page_uses_a_fixed_number_of_queries_whatever_its_team(
    size, coordinator_client, coordinator, business_a, django_assert_num_queries
):
    for _ in range(size):
        PartnerMembershipFactory(organization=business_a, invited_by=UserFactory(), role="mentor")
        sender = PartnerMembershipFactory(organization=business_a).user
        InvitationFactory(organization=business_a, created_by=sender)
        InvitationFactory(organization=business_a, created_by=coordinator)
        ContactFactory(organization=business_a)
    # 9 for the page as before, and 5 for its portal users: memberships, invitations, whether their
    # senders still administer the business or are coordinators, and the history of their access.
    with django_assert_num_queries(13):
        response = coordinator_client.get(page_of(business_a))
    assert response.status_code == 200


# Inviting ----------------------------------------------------------------------------------------------


def test_the_invite_page_offers_the_business_people_and_the_roles(coordinator_client, business_a):
    contact = ContactFactory(organization=business_a, first_name="Dana", last_name="Lee", email="dana@example.test")

    response = coordinator_client.get(url("invitation_create", business_a.pk), {"contact": contact.pk})

    assert response.status_code == 200
    assertContains(response, "Invite someone to the portal of Acme Tools")
    assertContains(response, "Dana Lee (dana@example.test)")
    assert response.context["form"]["contact"].value() == contact.pk
    assertContains(response, "Partner administrator")


def test_inviting_a_contact_sends_to_their_address_and_goes_back_to_the_section(
    coordinator_client, business_a, django_capture_on_commit_callbacks
):
    contact = ContactFactory(organization=business_a, email="dana@example.test")

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            url("invitation_create", business_a.pk), {"contact": contact.pk, "email": "", "role": "admin"}
        )

    assert response.url == page_of(business_a) + "#portal-users"
    link = SignedLink.objects.get()
    assert (link.recipient_email, link.payload["contact"], link.payload["role"]) == (
        "dana@example.test",
        contact.pk,
        "admin",
    )
    assert flashed(response) == ["Invitation sent to dana@example.test. The link works for 7 days, once."]


def test_a_refused_invitation_keeps_what_was_typed(coordinator_client, partner_a, business_a):
    response = coordinator_client.post(
        url("invitation_create", business_a.pk), {"contact": "", "email": "Partner.A@example.test", "role": "mentor"}
    )

    assert response.status_code == 200
    assertContains(response, "partner.a@example.test already uses the portal for Acme Tools.")
    assertContains(response, 'value="Partner.A@example.test"')
    assert not SignedLink.objects.exists()


def test_an_invitation_needs_an_address(coordinator_client, business_a):
    ContactFactory(organization=business_a)
    response = coordinator_client.post(
        url("invitation_create", business_a.pk), {"contact": "", "email": "", "role": "mentor"}
    )

    assertContains(response, "Type the email address to send the invitation to, or choose a person.")
    assert not SignedLink.objects.exists()


def test_a_school_has_no_invite_page(coordinator_client):
    assert coordinator_client.get(url("invitation_create", SchoolFactory().pk)).status_code == 404


# Ending access, withdrawing an invitation ------------------------------------------------------------------


def test_ending_someones_access_asks_first_then_ends_it(coordinator_client, coordinator, partner_a, business_a):
    member = PartnerMembership.objects.get(user=partner_a)
    confirm = coordinator_client.get(url("membership_deactivate", member.pk))
    assertContains(confirm, "End partner.a@example.test&#x27;s portal access?")
    assertContains(confirm, "End access")

    response = coordinator_client.post(url("membership_deactivate", member.pk))

    assert response.url == page_of(business_a) + "#portal-users"
    member.refresh_from_db()
    assert (member.active, member.deactivated_by) == (False, coordinator)
    assert flashed(response) == ["partner.a@example.test can no longer use the portal of Acme Tools."]


def test_access_that_ended_goes_back_to_the_section(coordinator_client, partner_a, coordinator):
    member = PartnerMembership.objects.get(user=partner_a)
    services.membership_deactivate(membership=member, by=coordinator)

    response = coordinator_client.post(url("membership_deactivate", member.pk))

    assert response.status_code == 302
    assert flashed(response) == ["partner.a@example.test no longer has access to the portal of Acme Tools."]


def test_withdrawing_an_invitation_asks_first_then_stops_the_link(coordinator_client, coordinator, business_a):
    link = InvitationFactory(organization=business_a, created_by=coordinator, recipient_email="dana@example.test")
    confirm = coordinator_client.get(url("invitation_cancel", link.pk))
    assertContains(confirm, "Withdraw the invitation to dana@example.test?")

    response = coordinator_client.post(url("invitation_cancel", link.pk))

    assert response.url == page_of(business_a) + "#portal-users"
    link.refresh_from_db()
    assert link.is_expired


def test_only_invitations_have_a_withdraw_page(coordinator_client):
    other = SignedLink.objects.create(purpose="evaluation", payload={}, expires_at=timezone.now())
    assert coordinator_client.get(url("invitation_cancel", other.pk)).status_code == 404


def test_an_ended_portal_user_is_offered_a_new_invitation_with_their_address(coordinator_client, partner_a, business_a):
    PartnerMembership.objects.filter(user=partner_a).update(active=False, deactivated_at=timezone.now())
    invite_again = url("invitation_create", business_a.pk) + "?email=partner.a%40example.test"

    assertContains(coordinator_client.get(page_of(business_a)), f'href="{invite_again}"')
    assertContains(coordinator_client.get(invite_again), 'value="partner.a@example.test"')
