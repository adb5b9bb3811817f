"""Reporting a concern about a student from the portal: among the placements the person sees, named as a host
sees them (and the showing recorded), sent to the safety lead at once whatever the severity, then a
confirmation of what was sent and nothing of anyone else's concerns."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from safety.models import SafetyConcern
from students.models import Disclosure, Placement
from tests.factories import (
    PlacementFactory,
    SafetyConcernFactory,
    SafetyPolicyFactory,
    StudentFactory,
    UserFactory,
    ready_placement,
)

pytestmark = pytest.mark.django_db

REPORT = reverse("portal:concern_report")
Severity = SafetyConcern.Severity


def sent(concern):
    return reverse("portal:concern_sent", args=[concern.pk])


@pytest.fixture
def lead(db):
    lead = UserFactory(email="lead@example.test")
    SafetyPolicyFactory(safety_lead=lead)
    return lead


@pytest.fixture
def maya(acme, mentor):
    """Maya Okafor's internship at Acme, mentored by Mo Mentor."""
    student = StudentFactory(legal_first_name="Maya", last_name="Okafor", school=acme.school)
    return PlacementFactory(partnership=acme, student=student, mentor=mentor, status=Placement.Status.ACTIVE)


@pytest.fixture
def noah(acme):
    """Noah Nakamura's job shadow at Acme, mentored by someone else."""
    student = StudentFactory(legal_first_name="Noah", last_name="Nakamura", school=acme.school)
    return PlacementFactory(
        partnership=acme, student=student, kind=Placement.Kind.JOB_SHADOW, status=Placement.Status.ACTIVE
    )


def test_the_form_offers_the_placements_in_scope_named_as_a_host_sees_them(
    partner_a, partner_a_client, maya, noah, birch
):
    PlacementFactory(partnership=birch, status=Placement.Status.ACTIVE, student__legal_first_name="Bella")

    response = partner_a_client.get(REPORT)

    assertContains(response, f'<option value="{maya.pk}">Maya O. · Internship</option>', html=True)
    assertContains(response, f'<option value="{noah.pk}">Noah N. · Job shadow</option>', html=True)
    for private in ("Okafor", "Nakamura", "Bella"):
        assertNotContains(response, private)
    rows = Disclosure.objects.filter(page="Report a safety concern")
    assert {(row.student_id, row.viewer, row.organization_id, row.fields) for row in rows} == {
        (maya.student_id, partner_a, maya.partnership.business_id, "first name and last initial"),
        (noah.student_id, partner_a, maya.partnership.business_id, "first name and last initial"),
    }


def test_a_mentor_chooses_only_among_their_own_students(mentor, mentor_client, maya, noah):
    response = mentor_client.get(REPORT)

    assertContains(response, "Maya O.")
    assertNotContains(response, "Noah N.")
    assert list(Disclosure.objects.values_list("student_id", flat=True)) == [maya.student_id]

    refused = mentor_client.post(REPORT, {"placement": noah.pk, "severity": Severity.LOW, "description": "Upset."})
    assertContains(refused, "Select a valid choice")
    assert not SafetyConcern.objects.exists()


def test_a_report_reaches_the_safety_lead_at_once_whatever_its_severity(
    mentor, mentor_client, lead, maya, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = mentor_client.post(
            REPORT, {"placement": maya.pk, "severity": Severity.LOW, "description": "She seemed frightened."}
        )

    concern = SafetyConcern.objects.get()
    assert response.status_code == 302 and response["Location"] == sent(concern)
    assert (concern.placement, concern.student, concern.partnership, concern.reported_by) == (
        maya,
        maya.student,
        maya.partnership,
        mentor.user,
    )
    assert (concern.severity, concern.description, concern.status) == (Severity.LOW, "She seemed frightened.", "open")
    assert [(email.to, email.subject) for email in mail.outbox] == [
        (["lead@example.test"], "Low-severity safety concern reported")
    ]
    concern.refresh_from_db()
    assert concern.lead_notified_at is not None


def test_a_high_severity_report_pauses_the_placement_and_says_so(partner_a_client, acme, lead, business_a):
    placement = ready_placement(partnership=acme, status=Placement.Status.ACTIVE, student__legal_first_name="Maya")

    page = partner_a_client.post(
        REPORT, {"placement": placement.pk, "severity": Severity.HIGH, "description": "Hurt by a machine."}, follow=True
    )

    placement.refresh_from_db()
    assert placement.status == Placement.Status.PAUSED
    assertContains(page, "The placement is paused until the district has looked into it")


def test_the_confirmation_shows_what_was_sent_and_nothing_of_others_concerns(partner_a, partner_a_client, maya, noah):
    SafetyConcernFactory(placement=noah, description="Someone else's worry about Noah.")
    partner_a_client.post(REPORT, {"placement": maya.pk, "severity": Severity.MEDIUM, "description": "Left alone."})
    concern = SafetyConcern.objects.get(reported_by=partner_a)

    response = partner_a_client.get(sent(concern))

    assertContains(response, "Your report went to the district's safety lead")
    assertContains(response, "Maya O. · Internship")
    assertContains(response, "Medium severity")
    assertContains(response, "Left alone.")
    assertNotContains(response, "Someone else")
    assertNotContains(response, "Okafor")
    assert Disclosure.objects.filter(page="Safety concern sent", student=maya.student, viewer=partner_a).count() == 1


def test_someone_elses_report_is_a_404(partner_a_client, mentor, maya):
    theirs = SafetyConcernFactory(placement=maya, reported_by=mentor.user)
    assert partner_a_client.get(sent(theirs)).status_code == 404


def test_a_report_without_a_description_keeps_what_was_chosen(partner_a_client, maya):
    response = partner_a_client.post(REPORT, {"placement": maya.pk, "severity": Severity.HIGH, "description": " "})

    assert response.status_code == 200
    assertContains(response, "This field is required.")
    assertContains(response, f'<option value="{maya.pk}" selected>Maya O. · Internship</option>', html=True)
    assert re.findall(r'value="(\w+)"[^>]* checked', response.content.decode()) == ["high"]
    assert not SafetyConcern.objects.exists()


def test_two_placements_that_would_read_the_same_carry_their_start_dates(partner_a_client, acme):
    student = StudentFactory(legal_first_name="Maya", last_name="Okafor", school=acme.school)
    earlier = PlacementFactory(partnership=acme, student=student, status="completed")
    later = PlacementFactory(partnership=acme, student=student, status="active")

    response = partner_a_client.get(REPORT)

    for placement in (earlier, later):
        assertContains(response, f"Maya O. · Internship (from {placement.start_date:%-d %b %Y})")


def test_with_no_students_placed_the_page_says_whom_to_call(partner_a_client, acme):
    response = partner_a_client.get(REPORT)
    assertContains(response, "No students are placed with you right now")
    assertNotContains(response, 'name="description"')


@pytest.mark.parametrize("size", [2, 6])
def test_the_form_costs_the_same_queries_however_many_students(size, partner_a_client, acme, django_assert_num_queries):
    PlacementFactory.create_batch(size, partnership=acme, status=Placement.Status.ACTIVE)
    partner_a_client.get(REPORT)

    with django_assert_num_queries(8):
        response = partner_a_client.get(REPORT)

    assert len(response.context["form"].fields["placement"].choices) == size + 1
