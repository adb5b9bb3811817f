"""The portal's door (PortalMiddleware) and what each role may do (portal.access): deny by default,
scoped to one chosen organization, deactivation on the very next request, idle sessions ending, never
cached."""

from __future__ import annotations

import time

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.middleware import LAST_SEEN
from partnerships.models import PartnerMembership
from portal import access
from portal.access import Ability
from tests.factories import BusinessFactory, PartnerMembershipFactory

pytestmark = pytest.mark.django_db

HOME = "/portal/"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_anonymous_users_are_sent_to_sign_in():
    response = Client().get(HOME)

    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/portal/"


def test_a_coordinator_without_a_membership_gets_404(coordinator_client):
    assert coordinator_client.get(HOME).status_code == 404


def test_a_user_whose_account_is_off_gets_404(partner_a):
    client = _client(partner_a)
    partner_a.is_active = False
    partner_a.save()

    assert client.get(HOME).status_code in (302, 404)  # signed out by auth, or refused by the portal
    assert client.get(HOME).status_code != 200


def test_a_deactivated_membership_closes_the_portal_on_the_very_next_request(partner_a):
    client = _client(partner_a)
    assert client.get(HOME).status_code == 200

    PartnerMembership.objects.filter(user=partner_a).update(active=False, deactivated_at=timezone.now())

    assert client.get(HOME).status_code == 404


def test_a_partner_of_one_business_works_for_it(partner_a, business_a):
    response = _client(partner_a).get(HOME)

    assert response.status_code == 200
    assert response.wsgi_request.organization == business_a
    assert response.wsgi_request.membership.user == partner_a


def test_a_person_in_two_businesses_chooses_one_and_every_page_keeps_to_it(partner_a, business_a):
    other = BusinessFactory(name="Aardvark Analytics")
    PartnerMembershipFactory(user=partner_a, organization=other)
    client = _client(partner_a)

    response = client.get(HOME)
    assert response.status_code == 302
    assert response.url.startswith(reverse("portal:choose"))

    page = client.get(reverse("portal:choose"))
    assert page.status_code == 200
    assert "Acme Tools" in page.content.decode() and "Aardvark Analytics" in page.content.decode()

    chosen = client.post(reverse("portal:choose"), {"organization": business_a.pk, "next": "/portal/thanks/"})
    assert chosen.url == "/portal/thanks/"
    assert client.get(HOME).wsgi_request.organization == business_a

    switched = client.get(HOME, {"organization": other.pk})
    assert switched.wsgi_request.organization == other
    assert client.get(HOME).wsgi_request.organization == other


def test_choosing_or_linking_a_business_one_does_not_belong_to_changes_nothing(partner_a, business_a, business_b):
    PartnerMembershipFactory(user=partner_a, organization=BusinessFactory(name="Aardvark Analytics"))
    client = _client(partner_a)
    client.post(reverse("portal:choose"), {"organization": business_a.pk})

    assert client.post(reverse("portal:choose"), {"organization": business_b.pk}).status_code == 404
    assert client.get(HOME, {"organization": business_b.pk}).wsgi_request.organization == business_a


def test_a_deactivated_membership_cannot_be_chosen(partner_a, business_a):
    other = BusinessFactory(name="Aardvark Analytics")
    PartnerMembershipFactory(user=partner_a, organization=other, active=False, deactivated_at=timezone.now())
    client = _client(partner_a)

    response = client.get(HOME, {"organization": other.pk})

    assert response.status_code == 200
    assert response.wsgi_request.organization == business_a


def test_thirty_minutes_without_a_request_signs_a_partner_out(partner_a, settings):
    client = _client(partner_a)
    client.get(HOME)
    session = client.session
    session[LAST_SEEN] = time.time() - settings.SESSION_IDLE_MINUTES * 60 - 5
    session.save()

    response = client.get(HOME)

    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/portal/"
    assert "_auth_user_id" not in client.session
    assert client.get(HOME).status_code == 302


def test_a_partner_active_within_the_half_hour_stays_signed_in(partner_a, settings):
    client = _client(partner_a)
    client.get(HOME)
    session = client.session
    session[LAST_SEEN] = time.time() - settings.SESSION_IDLE_MINUTES * 60 + 60
    session.save()

    assert client.get(HOME).status_code == 200


def test_portal_pages_are_never_cached(partner_a):
    response = _client(partner_a).get(HOME)

    assert "no-store" in response["Cache-Control"]


def test_other_paths_are_left_to_the_staff_guard():
    response = Client().get("/partnerships/")

    assert not hasattr(response.wsgi_request, "organization")


# What each role may do ------------------------------------------------------------------------------


def test_an_administrator_may_do_everything():
    assert access.abilities(PartnerMembership.Role.ADMIN) == frozenset(Ability)


@pytest.mark.parametrize(
    "ability",
    [
        Ability.ACKNOWLEDGE,
        Ability.STAFF_CHECKS,
        Ability.COMMITMENTS,
        Ability.RECOGNITION,
        Ability.CONTACTS,
        Ability.TEAM,
    ],
)
def test_a_mentor_may_not_act_for_the_business(ability):
    assert ability not in access.abilities(PartnerMembership.Role.MENTOR)


@pytest.mark.parametrize("ability", sorted(access.EVERYONE))
def test_a_mentor_may_do_their_own_work(ability):
    assert ability in access.abilities(PartnerMembership.Role.MENTOR)


def test_an_unknown_role_may_do_nothing():
    assert access.abilities("intern") == frozenset()
