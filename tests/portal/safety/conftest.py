"""What the portal's safety tests share: Acme Tools (business A) with Lincoln High, a mentor at Acme, and a way
to call a home-page provider as a signed-in person would."""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from partnerships.models import PartnerMembership
from tests.factories import ContactFactory, PartnerMembershipFactory, SchoolFactory, UserFactory, active_partnership


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def request_for(user, organization):
    """A request as the portal middleware leaves it, for calling an action provider directly."""
    request = RequestFactory().get(reverse("portal:home"))
    request.user = user
    request.membership = PartnerMembership.objects.get(user=user, organization=organization)
    request.organization = organization
    return request


@pytest.fixture
def acme(business_a):
    return active_partnership(business=business_a, school=SchoolFactory(name="Lincoln High"), name="Acme at Lincoln")


@pytest.fixture
def birch(business_b):
    return active_partnership(
        business=business_b, school=SchoolFactory(name="Roosevelt Middle"), name="Birch at Roosevelt"
    )


@pytest.fixture
def mentor(business_a):
    """Mo Mentor: a mentor at Acme, with a portal account and a contact row."""
    user = UserFactory(email="mo.mentor@example.test", first_name="Mo", last_name="Mentor")
    PartnerMembershipFactory(user=user, organization=business_a, role=PartnerMembership.Role.MENTOR)
    return ContactFactory(organization=business_a, first_name="Mo", last_name="Mentor", user=user)


@pytest.fixture
def mentor_client(mentor):
    return signed_in(mentor.user)
