"""The daily sweep opens due surveys once."""

import datetime
from unittest import mock

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import SignedLink
from communications.feedback import services as feedback
from communications.models import FeedbackRequest
from partnerships.models import Contact, Partnership, PointOfContact, Side
from students.models import Placement
from tests.communications.feedback.helpers import TODAY, business_primary, days
from tests.factories import (
    GradingPeriodFactory,
    PlacementFactory,
    active_partnership,
)

pytestmark = pytest.mark.django_db


# The daily sweep -------------------------------------------------------------------------------------


def swept_placement(start: datetime.date, end: datetime.date, **kwargs) -> Placement:
    kwargs.setdefault("status", Placement.Status.ACTIVE)
    return PlacementFactory.create(start_date=start, end_date=end, **kwargs)


def keys(surveys):
    return sorted((s.placement_id, s.audience, s.occasion) for s in surveys)


def test_the_sweep_opens_mentor_and_student_surveys_at_the_midpoint(django_capture_on_commit_callbacks):
    placement = swept_placement(TODAY - days(30), TODAY + days(30))
    assert placement.midpoint == TODAY

    with django_capture_on_commit_callbacks(execute=True):
        created = feedback.feedback_requests_create_due(TODAY)

    assert keys(created) == [(placement.pk, "mentor", "midpoint"), (placement.pk, "student", "midpoint")]
    mentor_survey = next(s for s in created if s.audience == "mentor")
    student_survey = next(s for s in created if s.audience == "student")
    assert mentor_survey.recipient_email == placement.mentor.email
    assert mentor_survey.contact == placement.mentor
    assert student_survey.recipient_name == placement.student.partner_name and student_survey.recipient_email == ""
    assert {s.link.purpose for s in created} == {feedback.FEEDBACK_LINK}
    assert [m.to for m in mail.outbox] == [[placement.mentor.email]]  # the mentor is emailed, once


def test_the_sweep_opens_end_surveys_for_placements_that_ended(django_capture_on_commit_callbacks):
    placement = swept_placement(TODAY - days(90), TODAY - days(2), status=Placement.Status.COMPLETED)

    created = feedback.feedback_requests_create_due(TODAY)

    assert keys(created) == [(placement.pk, "mentor", "end"), (placement.pk, "student", "end")]


@pytest.mark.parametrize(
    ("midpoint_offset", "due"),
    [(0, True), (-14, True), (-15, False), (1, False)],
)
def test_the_sweep_window_is_the_last_14_days_including_today(midpoint_offset, due):
    midpoint = TODAY + days(midpoint_offset)
    placement = swept_placement(midpoint - days(40), midpoint + days(40))
    assert placement.midpoint == midpoint

    created = feedback.feedback_requests_create_due(TODAY)

    assert bool(created) is due


@pytest.mark.parametrize(("end_offset", "due"), [(0, True), (-14, True), (-15, False), (1, False)])
def test_the_end_survey_window_is_the_last_14_days(end_offset, due):
    end = TODAY + days(end_offset)
    swept_placement(end - days(200), end)  # its midpoint is long past

    created = feedback.feedback_requests_create_due(TODAY)

    assert {s.occasion for s in created} == ({"end"} if due else set())


def test_the_midpoint_of_an_odd_length_placement_is_the_models(django_capture_on_commit_callbacks):
    placement = swept_placement(TODAY - days(21), TODAY + days(22))  # 43 days: midpoint rounds down
    assert placement.midpoint == TODAY

    assert len(feedback.feedback_requests_create_due(TODAY)) == 2
    assert feedback.feedback_requests_create_due(TODAY - days(1)) == []


def test_the_sweep_skips_placements_that_are_not_running_or_completed():
    for status in (Placement.Status.PROPOSED, Placement.Status.APPROVED, Placement.Status.PAUSED):
        swept_placement(TODAY - days(30), TODAY + days(30), status=status)
    swept_placement(TODAY - days(30), TODAY + days(30), status=Placement.Status.CANCELLED, cancel_reason="Moved")

    assert feedback.feedback_requests_create_due(TODAY) == []


def test_the_sweep_skips_the_mentor_survey_when_the_mentor_has_no_email():
    no_email = swept_placement(TODAY - days(30), TODAY + days(30), mentor__email="")
    no_mentor = swept_placement(TODAY - days(30), TODAY + days(30), mentor=None, status=Placement.Status.COMPLETED)

    created = feedback.feedback_requests_create_due(TODAY)

    assert keys(created) == sorted([(no_email.pk, "student", "midpoint"), (no_mentor.pk, "student", "midpoint")])
    assert SignedLink.objects.count() == 2


def test_a_second_sweep_opens_nothing_and_sends_nothing(django_capture_on_commit_callbacks):
    swept_placement(TODAY - days(30), TODAY + days(30))
    swept_placement(TODAY - days(60), TODAY - days(1))
    GradingPeriodFactory(name="Winter 2027", start_date=TODAY - days(90), end_date=TODAY - days(3))
    partnership = active_partnership()
    with django_capture_on_commit_callbacks(execute=True):
        first = feedback.feedback_requests_create_due(TODAY)
    sent = len(mail.outbox)

    with django_capture_on_commit_callbacks(execute=True):
        again = feedback.feedback_requests_create_due(TODAY)
        next_day = feedback.feedback_requests_create_due(TODAY + days(1))

    assert len(first) == 2 + 2 + FeedbackRequest.objects.filter(audience="partner").count()
    assert partnership.pk in {s.partnership_id for s in first}
    assert again == [] and next_day == []
    assert len(mail.outbox) == sent
    assert SignedLink.objects.count() == FeedbackRequest.objects.count()


def test_a_sweep_that_loses_the_race_opens_nothing_and_leaves_no_links(django_capture_on_commit_callbacks):
    """Two sweeps at once: both read "nothing exists yet"; the constraint keeps the second from adding."""
    swept_placement(TODAY - days(30), TODAY + days(30))
    stale = feedback._due_placement_surveys(TODAY)  # what the slower sweep decided to open
    with django_capture_on_commit_callbacks(execute=True):
        feedback.feedback_requests_create_due(TODAY)  # the faster sweep
    sent = len(mail.outbox)

    with (
        mock.patch.object(feedback, "_due_placement_surveys", return_value=stale),
        django_capture_on_commit_callbacks(execute=True),
    ):
        lost = feedback.feedback_requests_create_due(TODAY)

    assert lost == []
    assert FeedbackRequest.objects.count() == 2
    assert SignedLink.objects.count() == 2
    assert len(mail.outbox) == sent


def test_the_sweep_opens_a_partner_survey_per_term_for_active_partnerships_with_a_business_primary():
    GradingPeriodFactory(name="Winter 2027", start_date=TODAY - days(90), end_date=TODAY - days(3))
    GradingPeriodFactory(name="Fall 2026", start_date=TODAY - days(200), end_date=TODAY - days(91))  # long over
    GradingPeriodFactory(name="Spring 2027", start_date=TODAY - days(2), end_date=TODAY + days(80))  # not over
    partnership = active_partnership(business__name="Finch Labs")
    primary = business_primary(partnership)
    paused = active_partnership(status=Partnership.Status.PAUSED)
    without_email = active_partnership()
    Contact.objects.filter(pk=business_primary(without_email).contact_id).update(email="")
    ended_primary = active_partnership()
    PointOfContact.objects.filter(partnership=ended_primary, side=Side.BUSINESS).update(end_date=TODAY - days(10))

    created = feedback.feedback_requests_create_due(TODAY)

    assert [(s.partnership_id, s.audience, s.occasion, s.period) for s in created] == [
        (partnership.pk, "partner", "term", "Winter 2027")
    ]
    survey = created[0]
    assert (survey.contact, survey.recipient_email) == (primary.contact, primary.contact.email)
    assert paused.pk not in {s.partnership_id for s in created}


def test_the_sweep_uses_the_same_few_queries_for_few_or_many_placements():
    def run(n, today):
        for _ in range(n):
            swept_placement(today - days(30), today + days(30))
            swept_placement(today - days(100), today + days(100))  # scanned, not due
        with CaptureQueriesContext(connection) as first:
            feedback.feedback_requests_create_due(today)
        with CaptureQueriesContext(connection) as rerun:
            feedback.feedback_requests_create_due(today)
        return len(first), len(rerun)

    few = run(2, TODAY)
    many = run(12, TODAY + days(365))

    assert few == many
    assert many[1] <= 3  # a rerun only reads: placements, existing surveys, grading periods
