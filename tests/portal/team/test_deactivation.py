"""Ending someone's access takes effect on their very next request, whoever ends it (the service
partnerships.invitations.services.membership_deactivate, through the staff page or the team page)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from partnerships.invitations import services
from tests.factories import PartnerMembershipFactory

pytestmark = pytest.mark.django_db

HOME = reverse("portal:home")


def open_session(user) -> Client:
    client = Client()
    client.force_login(user)
    assert client.get(HOME).status_code == 200
    return client


def test_a_partner_deactivated_by_a_coordinator_gets_404_on_their_next_request(coordinator, partner_a):
    session = open_session(partner_a)

    services.membership_deactivate(membership=partner_a.memberships.get(), by=coordinator)

    assert session.get(HOME).status_code == 404
    assert session.get(reverse("portal:team")).status_code == 404
    assert session.post(reverse("portal:team_invite"), {"email": "x@example.test", "role": "admin"}).status_code == 404


def test_a_mentor_whose_access_an_administrator_ends_on_the_team_page_gets_404_next(partner_a_client, business_a):
    mentor = PartnerMembershipFactory(organization=business_a, role="mentor")
    session = open_session(mentor.user)

    partner_a_client.post(reverse("portal:team_deactivate", args=[mentor.pk]))

    assert session.get(HOME).status_code == 404


def test_the_staff_page_ends_an_open_session_too(coordinator_client, partner_a):
    session = open_session(partner_a)

    coordinator_client.post(reverse("partnerships:membership_deactivate", args=[partner_a.memberships.get().pk]))

    assert session.get(HOME).status_code == 404
