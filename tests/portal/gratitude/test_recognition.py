"""The business's consent to public thanks in the portal: everyone sees it, an administrator changes it
after a confirmation (partnerships.services.organization_update), a mentor cannot."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from partnerships.models import Organization, PartnerMembership
from tests.factories.portal_comms import portal_person

pytestmark = pytest.mark.django_db

PAGE = reverse("portal:recognition")
CHANGE = reverse("portal:recognition_change")


def _consent(business) -> bool:
    return Organization.objects.get(pk=business.pk).public_recognition


def test_the_page_says_whether_the_business_agreed(partner_a_client, business_a):
    assertContains(partner_a_client.get(PAGE), "Acme Tools is not named in public")
    business_a.public_recognition = True
    business_a.save()
    response = partner_a_client.get(PAGE)
    assertContains(response, "Acme Tools may be thanked in public")
    assertContains(response, f'href="{CHANGE}"')


def test_an_administrator_agrees_after_a_confirmation(partner_a_client, business_a):
    response = partner_a_client.get(CHANGE)
    assertContains(response, "Agree to be thanked in public?")
    assertContains(response, "Yes, thank us in public")
    assert not _consent(business_a)  # the confirmation page changes nothing
    response = partner_a_client.post(CHANGE, {"agree": "yes"}, follow=True)
    assertRedirects(response, PAGE)
    assertContains(response, "the district may now thank Acme Tools in public")
    assert _consent(business_a)


def test_an_administrator_withdraws_the_consent(partner_a_client, business_a):
    business_a.public_recognition = True
    business_a.save()
    response = partner_a_client.get(CHANGE)
    assertContains(response, "Stop public thanks?")
    assertContains(response, "What was already published stays published.")
    partner_a_client.post(CHANGE, {"agree": "no"})
    assert not _consent(business_a)


def test_a_stale_confirmation_sets_what_it_said_not_the_opposite(partner_a_client, business_a):
    """Two administrators confirm "agree" at once: both mean yes, so the second does not undo the first."""
    partner_a_client.post(CHANGE, {"agree": "yes"})
    partner_a_client.post(CHANGE, {"agree": "yes"})
    assert _consent(business_a)


def test_a_tampered_form_changes_nothing(partner_a_client, business_a):
    response = partner_a_client.post(CHANGE, {"agree": "maybe"})
    assert response.status_code == 200
    assert not _consent(business_a)


def test_a_mentor_sees_the_consent_but_cannot_change_it(client, business_a):
    mentor = portal_person(business_a, role=PartnerMembership.Role.MENTOR).user
    client.force_login(mentor)
    response = client.get(PAGE)
    assertContains(response, "Your organization's administrator can change this.")
    assertNotContains(response, f'href="{CHANGE}"')
    assert client.get(CHANGE).status_code == 404
    assert client.post(CHANGE, {"agree": "yes"}).status_code == 404
    assert not _consent(business_a)


def test_the_tabs_link_notes_stories_and_public_thanks(partner_a_client):
    response = partner_a_client.get(reverse("portal:thanks"))
    for name in ("portal:thanks", "portal:stories", "portal:recognition"):
        assertContains(response, f'href="{reverse(name)}"')
