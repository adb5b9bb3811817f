"""Notes from students in the partner portal: approved notes to the partner's own business only."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from communications.models import ThankYouNote
from tests.factories import SchoolFactory, StudentFactory, ThankYouNoteFactory, active_partnership

pytestmark = pytest.mark.django_db

Status = ThankYouNote.Status
URL = reverse("portal:thanks")


def approved_note(partnership, body: str, *, days_ago: int = 0, **kwargs):
    student = StudentFactory(legal_first_name="Maya", last_name="Rivera", school=partnership.school)
    kwargs.setdefault("status", Status.APPROVED)
    return ThankYouNoteFactory(
        partnership=partnership,
        student=student,
        body=body,
        original_body=body,
        signed_as="Maya R.",
        reviewed_at=timezone.now() - datetime.timedelta(days=days_ago)
        if kwargs["status"] != Status.SUBMITTED
        else None,
        **kwargs,
    )


@pytest.fixture
def acme(business_a):
    return active_partnership(business=business_a, school=SchoolFactory(name="Lincoln High"))


@pytest.fixture
def birch(business_b):
    return active_partnership(business=business_b, school=SchoolFactory(name="Roosevelt Middle"))


def test_a_partner_reads_approved_notes_to_their_business_newest_first(partner_a_client, acme):
    approved_note(acme, "Thank you for the robotics club.", days_ago=10)
    approved_note(acme, "Thank you for my internship.", days_ago=1)
    response = partner_a_client.get(URL)
    assertContains(response, "Notes from students")
    content = response.content.decode()
    assert content.index("Thank you for my internship.") < content.index("Thank you for the robotics club.")
    assertContains(response, "Maya R., Lincoln High", count=2)
    assertNotContains(response, "Rivera")


def test_notes_not_approved_are_not_shown(partner_a_client, acme):
    approved_note(acme, "Still waiting for a coordinator.", status=Status.SUBMITTED)
    approved_note(acme, "Rejected words.", status=Status.REJECTED)
    response = partner_a_client.get(URL)
    assertNotContains(response, "Still waiting for a coordinator.")
    assertNotContains(response, "Rejected words.")
    assertContains(response, "No notes yet")


def test_a_partner_never_sees_another_businesss_notes(partner_b_client, acme, birch):
    approved_note(acme, "Thank you, Acme!")
    approved_note(birch, "Thank you, Birch!")
    response = partner_b_client.get(URL)
    assertContains(response, "Thank you, Birch!")
    assertNotContains(response, "Thank you, Acme!")
    assertNotContains(response, "Lincoln High")


def test_the_notes_are_paginated(partner_a_client, acme):
    for n in range(26):
        approved_note(acme, f"Note number {n}.")
    assertContains(partner_a_client.get(URL), "Page 1 of 2")
    assertContains(partner_a_client.get(URL, {"page": 2}), "Page 2 of 2")


def test_the_notes_page_takes_a_fixed_number_of_queries(partner_a_client, acme, django_assert_num_queries):
    approved_note(acme, "One.")
    partner_a_client.get(URL)
    with django_assert_num_queries(6) as first:
        partner_a_client.get(URL)
    approved_note(acme, "Two.")
    approved_note(acme, "Three.")
    with django_assert_num_queries(len(first.captured_queries)):
        partner_a_client.get(URL)


def test_the_portal_home_links_to_the_notes(partner_a_client, acme):
    assertContains(partner_a_client.get(reverse("portal:home")), URL)


def test_coordinators_and_strangers_cannot_open_the_portal_notes(coordinator_client, anon_client):
    assert coordinator_client.get(URL).status_code == 404
    assert anon_client.get(URL).status_code == 302


def test_a_note_names_the_partnerships_school_and_nothing_else_of_the_student(partner_a_client, acme):
    """The note's student may have moved school: the page shows the partnership's school, not theirs."""
    note = approved_note(acme, "Thanks for the summer.")
    note.student.school = SchoolFactory(name="Student's New School")
    note.student.save()
    response = partner_a_client.get(URL)
    assertContains(response, "Maya R., Lincoln High")
    for hidden in ("Student's New School", "Rivera", note.student.district_student_id):
        assertNotContains(response, hidden)
