"""What the portal's charter tests share: Acme Tools's partnership with Lincoln High and its charter."""

import pytest
from django.test import Client

from partnerships.models import PartnerMembership
from tests.factories import CharterFactory, PartnerMembershipFactory, SchoolFactory, UserFactory, active_partnership


@pytest.fixture
def acme(business_a):
    return active_partnership(business=business_a, school=SchoolFactory(name="Lincoln High"), name="Acme at Lincoln")


@pytest.fixture
def birch(business_b):
    return active_partnership(
        business=business_b, school=SchoolFactory(name="Roosevelt Middle"), name="Birch at Roosevelt"
    )


@pytest.fixture
def first(acme):
    return CharterFactory(partnership=acme, vision="Every student meets a mentor.", hopes="Job shadows.")


@pytest.fixture
def second(acme, first):
    return CharterFactory(
        partnership=acme,
        vision="Every student meets two mentors.",
        hopes="Job shadows.\nPaid internships.",
        change_note="Two mentors for each student, and paid internships.",
    )


@pytest.fixture
def mentor_client(business_a):
    user = UserFactory(email="mo.mentor@example.test", first_name="Mo", last_name="Mentor")
    PartnerMembershipFactory(user=user, organization=business_a, role=PartnerMembership.Role.MENTOR)
    client = Client()
    client.force_login(user)
    return client
