"""The partner portal's first page: scoped to the partner's business, and nothing of the staff UI."""

import re

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from partnerships.models import Partnership, PointOfContact, Side
from tests.factories import ContactFactory, PartnershipFactory, PointOfContactFactory, SchoolFactory

pytestmark = pytest.mark.django_db

Status = Partnership.Status

# Where the staff UI lives; a partner never sees a link into it.
STAFF_PREFIXES = ("/partnerships", "/organizations", "/contacts", "/admin")


@pytest.fixture
def acme_partnership(business_a):
    """Acme Tools works with Lincoln High; Sara Teacher is the school's primary contact."""
    partnership = PartnershipFactory(
        name="Acme at Lincoln", school=SchoolFactory(name="Lincoln High"), business=business_a, status=Status.ACTIVE
    )
    PointOfContactFactory(
        partnership=partnership,
        side=Side.SCHOOL,
        contact=ContactFactory(
            organization=partnership.school, first_name="Sara", last_name="Teacher", email="sara@example.test"
        ),
    )
    return partnership


@pytest.fixture
def birch_partnership(business_b):
    """Birch Bakery works with Roosevelt Middle; Rita Other is the school's primary contact."""
    partnership = PartnershipFactory(
        name="Birch at Roosevelt",
        school=SchoolFactory(name="Roosevelt Middle"),
        business=business_b,
        status=Status.ACTIVE,
    )
    PointOfContactFactory(
        partnership=partnership,
        side=Side.SCHOOL,
        contact=ContactFactory(organization=partnership.school, first_name="Rita", last_name="Other"),
    )
    return partnership


def test_partner_sees_their_business_partnerships_and_the_school_contact(
    partner_a_client, acme_partnership, birch_partnership
):
    response = partner_a_client.get("/portal/")
    assert response.status_code == 200
    assertContains(response, "Acme Tools")
    assertContains(response, "Lincoln High")
    assertContains(response, "Sara Teacher")
    assertContains(response, "sara@example.test")
    assert [partnership for partnership, _ in response.context["rows"]] == [acme_partnership]


def test_partner_does_not_see_another_business_partnerships(partner_a_client, acme_partnership, birch_partnership):
    response = partner_a_client.get("/portal/")
    assertNotContains(response, "Birch Bakery")
    assertNotContains(response, "Roosevelt Middle")
    assertNotContains(response, "Rita Other")


def test_the_other_partner_sees_only_their_own(partner_b_client, acme_partnership, birch_partnership):
    response = partner_b_client.get("/portal/")
    assertContains(response, "Roosevelt Middle")
    assertContains(response, "Rita Other")
    assertNotContains(response, "Lincoln High")
    assertNotContains(response, "Sara Teacher")


def test_portal_says_when_the_school_has_not_named_a_contact(partner_a_client, business_a):
    PartnershipFactory(school=SchoolFactory(name="Lincoln High"), business=business_a, status=Status.ONBOARDING)
    response = partner_a_client.get("/portal/")
    assertContains(response, "Lincoln High")
    assertContains(response, "The school will name your contact soon.")


def test_portal_shows_only_the_current_school_contact(partner_a_client, acme_partnership):
    PointOfContact.objects.filter(partnership=acme_partnership).update(role=PointOfContact.Role.BACKUP)
    response = partner_a_client.get("/portal/")
    assertNotContains(response, "Sara Teacher")
    assertContains(response, "The school will name your contact soon.")


def test_portal_hides_ended_partnerships(partner_a_client, business_a):
    PartnershipFactory(school=SchoolFactory(name="Old School"), business=business_a, status=Status.ENDED)
    response = partner_a_client.get("/portal/")
    assertNotContains(response, "Old School")
    assertContains(response, "No current partnerships.")


def test_portal_has_no_link_or_form_into_the_staff_ui(partner_a_client, acme_partnership):
    response = partner_a_client.get("/portal/")
    text = response.content.decode()
    targets = re.findall(r'(?:href|action)="([^"]*)"', text)
    assert targets, "the page should have some links"
    staff = [target for target in targets if target == "/" or target.startswith(STAFF_PREFIXES)]
    assert staff == []
    assert "/partnerships/" not in text


def test_portal_is_404_for_a_coordinator_without_a_membership(coordinator_client):
    assert coordinator_client.get("/portal/").status_code == 404


def test_portal_sends_an_anonymous_visitor_to_the_login_page(anon_client):
    assertRedirects(anon_client.get("/portal/"), "/accounts/login/?next=/portal/")


def test_partner_opening_the_staff_partnership_list_gets_404(partner_a_client, acme_partnership):
    assert partner_a_client.get("/partnerships/").status_code == 404
    assert partner_a_client.get(acme_partnership.get_absolute_url()).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/portal/safety/checks/request/?contact=²", "/portal/messages/new/?partnership=²"])
def test_a_superscript_digit_as_an_id_is_ignored_not_a_server_error(url, partner_a_client, acme_partnership):
    # Found by tests/fuzz: "²".isdigit() is true, int("²") raises.
    assert partner_a_client.get(url).status_code == 200
