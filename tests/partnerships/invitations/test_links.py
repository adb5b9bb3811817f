"""What an invitation link opens (partnerships/invitations/links.py): choosing a password and landing in the
portal; signing in first when the address has an account; and the links that no longer work, which say so
and change nothing."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from pytest_django.asserts import assertContains, assertNotContains

from accounts import signed_links
from accounts.models import User
from partnerships.invitations import services
from partnerships.models import PartnerMembership
from tests.factories import PASSWORD, PartnerMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-long-enough-secret-41"
FILLED = {"first_name": "Dana", "last_name": "Lee", "password": NEW_PASSWORD, "password_again": NEW_PASSWORD}


def url(link) -> str:
    return signed_links.path_for(link)


def signed_in_user_id(client: Client):
    user_id = client.session.get("_auth_user_id")
    return int(user_id) if user_id is not None else None


@pytest.fixture
def invitation(partner_a, business_a):
    """partner_a (an administrator of Acme Tools) invites Dana Lee, who has no account, as a mentor."""
    return services.invitation_create(
        organization=business_a, email="dana.lee@example.test", role="mentor", by=partner_a
    )


# A new account --------------------------------------------------------------------------------------


def test_the_link_asks_for_a_name_and_a_password(anon_client, invitation):
    response = anon_client.get(url(invitation))

    assert response.status_code == 200
    assertContains(response, "Join Acme Tools on SchoolBridge")
    assertContains(response, "invited you to the portal of <strong>Acme Tools</strong>, as mentor")
    assertContains(response, "dana.lee@example.test")
    assertContains(response, 'name="password_again"')


def test_choosing_a_password_creates_the_account_signs_in_and_lands_in_the_portal(anon_client, invitation, business_a):
    response = anon_client.post(url(invitation), FILLED)

    user = User.objects.get(email="dana.lee@example.test")
    assert response.status_code == 302
    assert response.url == f"/portal/?organization={business_a.pk}"
    assert signed_in_user_id(anon_client) == user.pk
    member = PartnerMembership.objects.get(user=user)
    assert (member.organization, member.role, member.active) == (business_a, "mentor", True)
    invitation.refresh_from_db()
    assert invitation.is_used

    portal = anon_client.get(response.url)
    assert portal.status_code == 200
    assert portal.wsgi_request.organization == business_a
    assertContains(portal, "Welcome to the portal of Acme Tools. You are a mentor there.")


def test_a_person_in_another_business_already_lands_in_the_invited_one(partner_b, business_a, business_b, coordinator):
    link = services.invitation_create(organization=business_a, email=partner_b.email, role="admin", by=coordinator)
    client = Client()
    client.force_login(partner_b)

    response = client.post(url(link))
    portal = client.get(response.url)

    assert portal.wsgi_request.organization == business_a
    assert client.get("/portal/").wsgi_request.organization == business_a


def test_passwords_that_differ_keep_what_was_typed_and_change_nothing(anon_client, invitation):
    response = anon_client.post(url(invitation), {**FILLED, "password_again": "something-else-41"})

    assert response.status_code == 200
    assertContains(response, "The two passwords are not the same.")
    assertContains(response, 'value="Dana"')
    assert not User.objects.filter(email="dana.lee@example.test").exists()
    invitation.refresh_from_db()
    assert not invitation.is_used


def test_a_weak_password_is_refused_next_to_its_field(anon_client, invitation):
    response = anon_client.post(url(invitation), {**FILLED, "password": "12345678", "password_again": "12345678"})

    assert response.status_code == 200
    assert response.context["form"].errors["password"]
    assertContains(response, 'value="Lee"')
    assert not User.objects.filter(email="dana.lee@example.test").exists()


# Links that no longer work ----------------------------------------------------------------------------


def test_a_used_link_says_so_and_changes_nothing(anon_client, invitation):
    anon_client.post(url(invitation), FILLED)
    other = Client()

    response = other.post(url(invitation), {**FILLED, "first_name": "Mallory"})

    assert response.status_code == 410
    assertContains(response, "already been used", status_code=410)
    assert User.objects.get(email="dana.lee@example.test").first_name == "Dana"
    assert signed_in_user_id(other) is None


def test_an_expired_link_says_so_and_changes_nothing(anon_client, invitation):
    invitation.expires_at = timezone.now() - datetime.timedelta(seconds=1)
    invitation.save()

    for response in (anon_client.get(url(invitation)), anon_client.post(url(invitation), FILLED)):
        assertContains(response, "This link has expired", status_code=410)
    assert not User.objects.filter(email="dana.lee@example.test").exists()


def test_a_withdrawn_invitation_no_longer_opens(anon_client, invitation, partner_a):
    services.invitation_cancel(link=invitation, by=partner_a)

    response = anon_client.post(url(invitation), FILLED)

    assert response.status_code == 410
    assert not User.objects.filter(email="dana.lee@example.test").exists()


def test_an_invitation_from_an_administrator_deactivated_since_says_so_and_changes_nothing(
    anon_client, invitation, partner_a, business_a, coordinator
):
    services.membership_deactivate(membership=PartnerMembership.objects.get(user=partner_a), by=coordinator)

    for response in (anon_client.get(url(invitation)), anon_client.post(url(invitation), FILLED)):
        assert response.status_code == 410
        assertContains(response, "This invitation no longer works", status_code=410)
        assertContains(response, "no longer manages the team of Acme Tools", status_code=410)
    assert not User.objects.filter(email="dana.lee@example.test").exists()
    invitation.refresh_from_db()
    assert not invitation.is_used


# An account that exists -------------------------------------------------------------------------------


@pytest.fixture
def existing():
    return UserFactory(email="dana.lee@example.test", first_name="Dana", last_name="Lee")


def test_an_existing_account_is_asked_to_sign_in_and_its_password_is_not_set(anon_client, invitation, existing):
    page = anon_client.get(url(invitation))
    assertContains(page, "There is already a SchoolBridge account for <strong>dana.lee@example.test</strong>")
    assertContains(page, "This link does not change your password.")
    assertContains(page, f'href="/accounts/login/?{urlencode({"next": url(invitation)})}"')
    assertNotContains(page, 'name="password"')

    anon_client.post(url(invitation), FILLED)

    existing.refresh_from_db()
    assert existing.check_password(PASSWORD) and not existing.check_password(NEW_PASSWORD)
    assert not PartnerMembership.objects.filter(user=existing).exists()
    assert signed_in_user_id(anon_client) is None
    invitation.refresh_from_db()
    assert not invitation.is_used


def test_after_signing_in_the_invitation_is_accepted_with_one_button(anon_client, invitation, existing, business_a):
    signed_in = anon_client.post(
        reverse("login"), {"username": "Dana.Lee@example.test", "password": PASSWORD, "next": url(invitation)}
    )
    assert signed_in.url == url(invitation)

    page = anon_client.get(url(invitation))
    assertContains(page, "Join Acme Tools</button>")

    response = anon_client.post(url(invitation))

    assert response.url == f"/portal/?organization={business_a.pk}"
    member = PartnerMembership.objects.get(user=existing)
    assert (member.organization, member.role, member.invited_by.email) == (
        business_a,
        "mentor",
        "partner.a@example.test",
    )
    assert anon_client.get(response.url).wsgi_request.organization == business_a


def test_signed_in_as_someone_else_the_page_says_so_and_accepting_changes_nothing(
    partner_b_client, partner_b, invitation, existing
):
    page = partner_b_client.get(url(invitation))
    assertContains(page, "but you are signed in as partner.b@example.test")
    assertContains(page, "Sign out and sign in as dana.lee@example.test")

    partner_b_client.post(url(invitation))

    assert not PartnerMembership.objects.filter(
        organization__name="Acme Tools", user__in=[partner_b, existing]
    ).exists()
    invitation.refresh_from_db()
    assert not invitation.is_used


def test_a_member_already_is_told_so_and_the_link_stays_unused(invitation, existing, business_a):
    PartnerMembershipFactory(user=existing, organization=business_a)
    client = Client()
    client.force_login(existing)

    response = client.post(url(invitation))

    assertContains(response, "You already use the portal for Acme Tools.")
    invitation.refresh_from_db()
    assert not invitation.is_used
