"""A placement's page: the minimum a host needs, and for the person who mentors or assists with it, their own
evaluations and the hours waiting for them. Nothing private, nothing of others, and one disclosure row."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from portal.placements.views import HOURS, OWN_EVALUATIONS, SHARED_NOTES
from students import disclosures
from students.models import Disclosure, Evaluation
from tests.factories import (
    CheckInFactory,
    EvaluationFactory,
    HoursEntryFactory,
    RatingFactory,
    SafetyConcernFactory,
)
from tests.helpers import days_ago
from tests.portal.placements.conftest import PRIVATE

pytestmark = pytest.mark.django_db


def url(placement) -> str:
    return reverse("portal:placement", args=[placement.pk])


def test_a_host_sees_the_minimum_about_the_student_and_whom_to_ask(partner_a_client, placement):
    response = partner_a_client.get(url(placement))

    assert response.status_code == 200
    for shown in (
        "Daisy O. — Internship",
        "Daisy O., grade 11",
        "Lincoln High",
        "Tue, Thu, 6 hours a week",
        f"{placement.start_date:%-d %b %Y} to {placement.end_date:%-d %b %Y}",
        "Explain a wiring diagram to a customer",
        "Solder a board to spec",
        "Sara Teacher",
        "sara@lincoln.test",
        "555-0111",
        "Dana Lee",
    ):
        assertContains(response, shown)
    for private in PRIVATE:
        assertNotContains(response, private)


def test_the_heading_names_the_student_by_first_name_and_last_initial_and_the_window_title_not_at_all(
    partner_a_client, placement
):
    """Window titles end up in browser history and shared screens: no student data there (issue 11)."""
    response = partner_a_client.get(url(placement))

    assertContains(response, "<title>Internship · Acme Tools · SchoolBridge</title>", html=False)
    assertContains(response, "Daisy O. — Internship</h1>", html=False)


def test_check_in_notes_concerns_and_others_evaluations_are_never_shown(
    partner_a_client, mentor_client, placement, coordinator, other_mentor
):
    CheckInFactory(placement=placement, notes="Canary check-in note")
    SafetyConcernFactory(placement=placement, description="Canary concern")
    coordinators = EvaluationFactory(
        placement=placement, evaluator="coordinator", submitted_by=coordinator, overall_comments="Canary coordinator"
    )
    RatingFactory(evaluation=coordinators, learning_goal=placement.learning_goals.first(), comment="Canary rating")
    EvaluationFactory(placement=placement, evaluator="student", overall_comments="Canary student")
    placement.other_staff.add(other_mentor[1])
    EvaluationFactory(placement=placement, submitted_by=other_mentor[0], overall_comments="Canary colleague")

    for client in (partner_a_client, mentor_client):
        response = client.get(url(placement))
        for canary in (
            "Canary check-in note",
            "Canary concern",
            "Canary coordinator",
            "Canary rating",
            "Canary student",
            "Canary colleague",
        ):
            assertNotContains(response, canary)


def test_the_mentor_reads_the_check_in_notes_shared_with_them_and_nothing_else_of_the_check_ins(
    partner_a_client, mentor_client, placement, coordinator
):
    CheckInFactory(
        placement=placement, date=days_ago(3), notes="Wants more time on the lathe.", shared_with_mentor=True
    )
    CheckInFactory(placement=placement, notes="Kept by the school.", wellbeing=2)
    voided = CheckInFactory(placement=placement, notes="Voided share.", shared_with_mentor=True)
    voided.voided_at, voided.voided_by, voided.void_reason = timezone.now(), coordinator, "Wrong student."
    voided.save()

    response = mentor_client.get(url(placement))

    assertContains(response, "Wants more time on the lathe.")
    assertContains(response, f"{days_ago(3):%-d %b %Y}")
    for hidden in ("Kept by the school.", "Voided share.", "2 — Not great", coordinator.display_name):
        assertNotContains(response, hidden)
    [row] = Disclosure.objects.all()
    assert row.fields == ", ".join([*disclosures.HOST_FIELDS, HOURS, OWN_EVALUATIONS, SHARED_NOTES])
    # An administrator who does not mentor the student does not read them.
    assertNotContains(partner_a_client.get(url(placement)), "Wants more time on the lathe.")


def test_the_mentor_is_told_when_no_notes_are_shared(mentor_client, placement):
    CheckInFactory(placement=placement, notes="Kept by the school.")

    response = mentor_client.get(url(placement))

    assertContains(response, "Anything from those conversations meant for you will appear here.")
    assertNotContains(response, "Kept by the school.")


def test_the_mentor_sees_the_evaluation_they_sent_through_their_signed_link(partner_a_client, mentor_client, placement):
    EvaluationFactory(placement=placement, evaluator="mentor", submitted_by=None, overall_comments="Sent by link")

    assertContains(mentor_client.get(url(placement)), "Sent by link")
    assertNotContains(partner_a_client.get(url(placement)), "Sent by link")


def test_an_administrator_who_does_not_mentor_it_sees_no_evaluations_or_hours(partner_a_client, placement):
    HoursEntryFactory(placement=placement, activity="Canary hours")

    response = partner_a_client.get(url(placement))

    assert response.context["mentoring"] is False
    assertNotContains(response, "Your evaluations")
    assertNotContains(response, "Canary hours")


def test_the_mentor_sees_their_own_evaluations_and_the_hours_waiting(mentor_client, mentor_user, placement):
    goal = placement.learning_goals.first()
    mine = EvaluationFactory(
        placement=placement, submitted_by=mentor_user, phase="midpoint", overall_comments="Careful and keen."
    )
    RatingFactory(evaluation=mine, learning_goal=goal, score=3, comment="Explains well")
    HoursEntryFactory(placement=placement, date=days_ago(2), hours=Decimal("3"), activity="Sanded the frames")
    HoursEntryFactory(
        placement=placement, activity="Confirmed earlier", verified_by="Dana Lee", verified_at=timezone.now()
    )

    response = mentor_client.get(url(placement))

    assertContains(response, "Your evaluations")
    assertContains(response, "Midpoint evaluation, sent")
    assertContains(response, "Careful and keen.")
    assertContains(response, "Explain a wiring diagram to a customer: <strong>3 of 4</strong> — Explains well")
    assertContains(response, "1 entry waiting for you to confirm")
    assertContains(response, "Sanded the frames")
    assertNotContains(response, "Confirmed earlier")  # counted, not listed again
    assertContains(response, "3 hours confirmed so far.")
    assertContains(response, f'href="{reverse("portal:placement_hours", args=[placement.pk])}"')
    # The midpoint one is sent; the final one is still to send.
    assert response.context["phases_to_send"] == [("final", "Final")]
    assertContains(response, reverse("portal:placement_evaluate", args=[placement.pk, "final"]))
    assertNotContains(response, reverse("portal:placement_evaluate", args=[placement.pk, "midpoint"]))


def test_an_administrator_who_mentors_it_sees_the_mentors_part(partner_a_client, partner_a, placement):
    placement.mentor.user = partner_a
    placement.mentor.save()

    response = partner_a_client.get(url(placement))

    assert response.context["mentoring"] is True
    assertContains(response, "Your evaluations")


def test_evaluations_wait_for_the_placement_to_start(partner_a_client, mentor_client, placement):
    placement.status = "approved"
    placement.save()

    response = mentor_client.get(url(placement))

    assert response.context["phases_to_send"] == []
    assertContains(response, "Evaluations open once the placement has started and has learning goals.")


def test_the_page_writes_one_disclosure_row_for_its_student(partner_a_client, partner_a, placement):
    partner_a_client.get(url(placement))

    [row] = Disclosure.objects.all()
    assert (row.student, row.placement, row.viewer, row.organization) == (
        placement.student,
        placement,
        partner_a,
        placement.partnership.business,
    )
    assert (row.page, row.fields) == ("Placement", ", ".join(disclosures.HOST_FIELDS))


def test_the_mentors_disclosure_row_says_they_saw_the_hours_and_their_evaluations(mentor_client, placement):
    mentor_client.get(url(placement))

    [row] = Disclosure.objects.all()
    assert row.fields == ", ".join([*disclosures.HOST_FIELDS, HOURS, OWN_EVALUATIONS])


def test_another_mentors_placement_and_another_business_placement_are_404_and_record_nothing(
    mentor_client, other_mentor_client, partner_a_client, placement, rosas_placement, beas_placement
):
    assert mentor_client.get(url(rosas_placement)).status_code == 404
    assert other_mentor_client.get(url(placement)).status_code == 404
    assert partner_a_client.get(url(beas_placement)).status_code == 404
    assert not Disclosure.objects.exists()


def test_the_page_is_never_cached(partner_a_client, placement):
    assert "no-store" in partner_a_client.get(url(placement))["Cache-Control"]


def test_a_mentor_evaluation_is_listed_only_for_who_sent_it(mentor_client, other_mentor, placement):
    placement.other_staff.add(other_mentor[1])
    EvaluationFactory(placement=placement, submitted_by=other_mentor[0], overall_comments="Omar's words")

    response = mentor_client.get(url(placement))

    assertNotContains(response, "Omar&#x27;s words")
    assert response.context["evaluations"] == []
    assert Evaluation.objects.count() == 1


def test_no_page_about_a_placement_names_the_student_in_the_window_title(mentor_client, placement):
    name = placement.student.partner_name
    for url in (
        reverse("portal:placement", args=[placement.pk]),
        reverse("portal:placement_hours", args=[placement.pk]),
        reverse("portal:placement_evaluate", args=[placement.pk, "midpoint"]),
    ):
        html = mentor_client.get(url).content.decode()
        window_title = html.split("<title>", 1)[1].split("</title>", 1)[0]
        assert name in html, url  # on the page, for the host
        assert name not in window_title, url
