"""The partner guide in the portal (portal/guide): the district's text shown safely (escaped, addresses as
links, blank lines as paragraphs), the protocols in effect linked, and the school contacts of the
business's own partnerships."""

import datetime

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from communications.models import PartnerGuide
from partnerships.models import Partnership, PointOfContact, Side
from portal.guide import views
from tests.factories import (
    ContactFactory,
    PartnershipFactory,
    PointOfContactFactory,
    SafetyProtocolFactory,
    SchoolFactory,
    active_partnership,
)

pytestmark = pytest.mark.django_db

URL = reverse("portal:guide")


def write(**fields):
    guide = PartnerGuide.current()
    for name, value in fields.items():
        setattr(guide, name, value)
    guide.save()
    return guide


def test_an_empty_guide_says_the_district_has_not_written_it(partner_a_client):
    response = partner_a_client.get(URL)
    assertContains(response, "The district has not written its guide for partners yet.")
    assertNotContains(response, "Partner handbook")


def test_the_guide_is_shown_as_plain_text_with_links_and_paragraphs(partner_a_client):
    write(
        handbook="Welcome.\n\nRead https://district.example/charter first.\n<script>alert('x')</script>",
        expectations="Supervise students at all times.",
        whom_to_ask="Write to partners@district.example.",
    )
    response = partner_a_client.get(URL)
    content = response.content.decode()
    assertContains(response, "<h2", count=3 + 2)  # three sections, protocols and contacts
    assertContains(response, "<p>Welcome.</p>", html=True)
    assertContains(response, 'href="https://district.example/charter"')
    assertContains(response, 'href="mailto:partners@district.example"')
    assert "<script>alert" not in content
    assertContains(response, "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;")
    assertContains(response, "What we expect of hosts")
    assertContains(response, "Whom to ask")
    assertNotContains(response, "Common questions")
    assertNotContains(response, "has not written its guide")


def test_common_questions_are_shown_question_then_answer(partner_a_client):
    write(questions="What if a student is ill?\nCall the school office.\n\nCan we host two students?\n\nOrphan?")
    response = partner_a_client.get(URL)
    assertContains(response, "Common questions")
    assertContains(response, '<summary class="fw-semibold">What if a student is ill?</summary>', html=True)
    assertContains(response, "<p>Call the school office.</p>", html=True)
    assertContains(response, "No answer written yet.", count=2)


def test_the_protocols_in_effect_are_listed_and_linked(partner_a_client):
    SafetyProtocolFactory(key="supervision", title="Supervision of minors", version=1)
    SafetyProtocolFactory(key="supervision", title="Supervision of minors", version=2)
    SafetyProtocolFactory(
        key="future", title="Next year's rule", effective_on=timezone.localdate() + datetime.timedelta(days=5)
    )
    response = partner_a_client.get(URL)
    assertContains(response, 'Supervision of minors <span class="text-body-secondary">(version 2,')
    assertNotContains(response, "version 1,")
    assertNotContains(response, "Next year's rule")
    assertContains(response, f'href="{views._protocols_url()}"')


def test_the_protocols_link_is_the_portal_page_when_it_exists(monkeypatch):
    monkeypatch.setattr(views, "reverse", lambda name: "/portal/somewhere/")
    assert views._protocols_url() == "/portal/somewhere/"

    def missing(name):
        raise NoReverseMatch(name)

    monkeypatch.setattr(views, "reverse", missing)
    assert views._protocols_url() == "/portal/safety/protocols/"


def test_the_school_contacts_are_those_of_the_businesss_own_partnerships(partner_a_client, business_a, business_b):
    lincoln = PartnershipFactory(business=business_a, school=SchoolFactory(name="Lincoln High"), status="active")
    sara = ContactFactory(organization=lincoln.school, first_name="Sara", last_name="Teacher", email="sara@x.test")
    PointOfContactFactory(partnership=lincoln, side=Side.SCHOOL, contact=sara)
    backup = ContactFactory(organization=lincoln.school, first_name="Ben", last_name="Backup")
    PointOfContactFactory(partnership=lincoln, side=Side.SCHOOL, contact=backup, role=PointOfContact.Role.BACKUP)
    gone = ContactFactory(organization=lincoln.school, first_name="Gone", last_name="Before")
    PointOfContactFactory(
        partnership=lincoln, side=Side.SCHOOL, contact=gone, role="backup", end_date=timezone.localdate()
    )
    ended = PartnershipFactory(business=business_a, status=Partnership.Status.ENDED)
    PointOfContactFactory(partnership=ended, side=Side.SCHOOL, contact__first_name="Ended")
    prospect = PartnershipFactory(business=business_a, status=Partnership.Status.PROSPECT)
    PointOfContactFactory(partnership=prospect, side=Side.SCHOOL, contact__first_name="Prospect")
    birch = active_partnership(business=business_b, school=SchoolFactory(name="Roosevelt Middle"))
    response = partner_a_client.get(URL)
    assertContains(response, "Lincoln High")
    assertContains(response, "<strong>Sara Teacher</strong>", html=True)
    assertContains(response, 'href="mailto:sara@x.test"')
    assertContains(response, 'Ben Backup</strong>, Coordinator <span class="text-body-secondary">(backup)</span>')
    content = response.content.decode()
    assert content.index("Sara Teacher") < content.index("Ben Backup")  # the primary first
    for absent in ("Gone Before", "Ended", "Prospect", "Roosevelt Middle", birch.name):
        assertNotContains(response, absent)


def test_without_partnerships_the_contacts_card_says_what_comes(partner_a_client):
    assertContains(partner_a_client.get(URL), "No school contacts yet.")


def test_the_guide_takes_the_same_queries_at_two_sizes(partner_a_client, business_a, django_assert_num_queries):
    write(handbook="Welcome.")
    SafetyProtocolFactory()

    def add(n):
        for _ in range(n):
            active_partnership(business=business_a)

    add(2)
    partner_a_client.get(URL)
    with django_assert_num_queries(7) as small:
        partner_a_client.get(URL)
    add(4)
    with django_assert_num_queries(len(small.captured_queries)):
        response = partner_a_client.get(URL)
    assert response.content.decode().count("<h3") == 6


def test_the_menu_links_to_the_guide(partner_a_client):
    assertContains(partner_a_client.get(reverse("portal:home")), f'href="{URL}"')
