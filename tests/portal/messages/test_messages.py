"""Messages to the district in the portal (portal/messages): send one about a partnership of one's own
business, and read what the business sent; never the school's own log, nor another business's messages."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from communications.log.services import log_entry_void, partner_message_send
from communications.models import LogEntry, Reminder
from partnerships.models import PartnerMembership, Partnership
from tests.factories import LogEntryFactory, PartnershipFactory, SchoolFactory, active_partnership
from tests.factories.portal_comms import portal_person

pytestmark = pytest.mark.django_db

LIST = reverse("portal:messages")
SEND = reverse("portal:message_send")


@pytest.fixture
def lincoln(business_a):
    return active_partnership(business=business_a, school=SchoolFactory(name="Lincoln High"), name="Acme at Lincoln")


@pytest.fixture
def birch(business_b):
    return active_partnership(business=business_b, school=SchoolFactory(name="Roosevelt Middle"))


def _send(partnership, user, message):
    return partner_message_send(partnership=partnership, by=user, message=message)


def test_the_form_offers_the_businesss_partnerships_under_way(partner_a_client, lincoln, business_a, birch):
    PartnershipFactory(business=business_a, school=SchoolFactory(name="Old School"), status=Partnership.Status.ENDED)
    PartnershipFactory(business=business_a, school=SchoolFactory(name="Maybe School"), status="prospect")
    response = partner_a_client.get(SEND)
    assertContains(response, "Send a message")
    assertContains(response, "Lincoln High (Acme at Lincoln)")
    for absent in ("Old School", "Maybe School", "Roosevelt Middle"):
        assertNotContains(response, absent)


def test_sending_logs_it_notifies_the_school_and_lists_it(partner_a, partner_a_client, lincoln):
    page = partner_a_client.post(
        SEND, {"partnership": lincoln.pk, "subject": "Spring visit", "message": "Can we move it to May?"}, follow=True
    )
    assertRedirects(page, LIST)
    entry = LogEntry.objects.get()
    assert (entry.partnership, entry.channel, entry.logged_by) == (lincoln, LogEntry.Channel.PORTAL, partner_a)
    assert Reminder.objects.filter(kind=Reminder.Kind.PARTNER_MESSAGE, subject_id=entry.pk).exists()
    assertContains(page, "Message sent to Lincoln High.")
    assertContains(page, "Spring visit\n\nCan we move it to May?")
    assertContains(page, "To Lincoln High")


def test_an_empty_message_keeps_what_was_typed(partner_a_client, lincoln):
    response = partner_a_client.post(SEND, {"partnership": lincoln.pk, "subject": "Spring visit", "message": " "})
    assert response.status_code == 200
    assertContains(response, "Please correct")
    assertContains(response, 'value="Spring visit"')
    assert not LogEntry.objects.exists()


def test_another_businesss_partnership_cannot_be_chosen(partner_a_client, lincoln, birch):
    response = partner_a_client.post(SEND, {"partnership": birch.pk, "message": "Hello, Birch."})
    assert response.status_code == 200
    assertContains(response, "Select a valid choice")
    assert not LogEntry.objects.exists()


def test_the_partnership_in_the_link_is_chosen(partner_a_client, lincoln, business_a):
    other = active_partnership(business=business_a, school=SchoolFactory(name="Zeta School"))
    response = partner_a_client.get(SEND, {"partnership": other.pk})
    assertContains(response, f'<option value="{other.pk}" selected>', html=False)


def test_without_a_partnership_under_way_the_page_says_so(partner_a_client):
    response = partner_a_client.get(SEND)
    assertContains(response, "has no partnership under way just now")
    assertNotContains(response, '<form method="post" novalidate')


def test_an_administrator_reads_every_message_the_business_sent_and_nothing_else(
    partner_a, partner_a_client, lincoln, birch
):
    colleague = portal_person(lincoln.business, role=PartnerMembership.Role.MENTOR, first_name="Sam").user
    colleague.first_name, colleague.last_name = "Sam", "Mentor"
    colleague.save()
    _send(lincoln, partner_a, "From the admin.")
    _send(lincoln, colleague, "From the mentor.")
    _send(birch, portal_person(birch.business).user, "From Birch.")
    LogEntryFactory(partnership=lincoln, summary="The school's own note of a call.")
    LogEntryFactory(partnership=lincoln, summary="An email they sent us.", channel="email", direction="incoming")
    response = partner_a_client.get(LIST)
    assertContains(response, "From the admin.")
    assertContains(response, "From the mentor.")
    assertContains(response, "sent by Sam Mentor")
    for absent in ("From Birch.", "The school's own note", "An email they sent us.", "Roosevelt"):
        assertNotContains(response, absent)


def test_a_voided_message_is_no_longer_listed(partner_a, partner_a_client, lincoln, coordinator):
    entry = _send(lincoln, partner_a, "Sent twice by mistake.")
    log_entry_void(entry=entry, by=coordinator, reason="Duplicate")
    assertNotContains(partner_a_client.get(LIST), "Sent twice by mistake.")


def test_a_mentor_reads_only_their_own_messages(client, partner_a, lincoln):
    mentor = portal_person(lincoln.business, role=PartnerMembership.Role.MENTOR).user
    _send(lincoln, partner_a, "The admin's message about another student.")
    _send(lincoln, mentor, "My own message.")
    client.force_login(mentor)
    response = client.get(LIST)
    assertContains(response, "My own message.")
    assertNotContains(response, "The admin's message")


def test_the_empty_list_says_what_to_do(partner_a_client):
    assertContains(partner_a_client.get(LIST), "No messages yet.")


def test_the_list_is_paginated(partner_a, partner_a_client, lincoln):
    for n in range(26):
        _send(lincoln, partner_a, f"Message {n}.")
    assertContains(partner_a_client.get(LIST), "Page 1 of 2")


def test_the_list_takes_the_same_queries_at_two_sizes(partner_a, partner_a_client, lincoln, django_assert_num_queries):
    for n in range(2):
        _send(lincoln, portal_person(lincoln.business).user, f"Message {n}.")
    partner_a_client.get(LIST)
    with django_assert_num_queries(6) as small:
        partner_a_client.get(LIST)
    for n in range(4):
        _send(lincoln, portal_person(lincoln.business).user, f"More {n}.")
    with django_assert_num_queries(len(small.captured_queries)):
        assertContains(partner_a_client.get(LIST), "6 messages")


def test_the_menu_links_to_messages(partner_a_client):
    assertContains(partner_a_client.get(reverse("portal:home")), f'href="{LIST}"')
