"""Feedback survey services (communications.feedback): who may be asked and when, one answer per link,
the daily sweep that opens due surveys once, the email, and the results math."""

import datetime
import re
from unittest import mock

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts import signed_links
from accounts.models import SignedLink
from communications.feedback import emails as feedback_emails
from communications.feedback import selectors as feedback_selectors
from communications.feedback import services as feedback
from communications.feedback import tasks as feedback_tasks
from communications.models import FeedbackRequest, FeedbackResponse
from partnerships.models import Contact, Partnership, PointOfContact, Side
from students.models import Placement
from tests.factories import (
    ContactFactory,
    FeedbackRequestFactory,
    FeedbackResponseFactory,
    GradingPeriodFactory,
    PlacementFactory,
    StudentFactory,
    active_partnership,
)

pytestmark = pytest.mark.django_db

Audience = FeedbackRequest.Audience
Occasion = FeedbackRequest.Occasion
TODAY = datetime.date(2027, 3, 15)


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


@pytest.fixture
def placement():
    student = StudentFactory(legal_first_name="Marguerite", preferred_first_name="Daisy", last_name="Okonkwo")
    return PlacementFactory(
        student=student,
        status=Placement.Status.ACTIVE,
        partnership__business__name="Finch Labs",
        mentor__first_name="Ana",
        mentor__last_name="Mentor",
        mentor__email="ana.mentor@example.test",
    )


def business_primary(partnership) -> PointOfContact:
    return PointOfContact.objects.get(partnership=partnership, side=Side.BUSINESS, end_date__isnull=True)


# Creating a survey --------------------------------------------------------------------------------


def test_a_partner_survey_goes_to_a_contact_at_the_business_with_a_30_day_link(coordinator):
    partnership = active_partnership(business__name="Finch Labs")
    contact = ContactFactory(organization=partnership.business, first_name="Pat", last_name="Lee", email="pat@f.test")

    survey = feedback.feedback_request_create(
        partnership=partnership,
        audience="partner",
        occasion="term",
        contact=contact,
        period=" Fall 2026 ",
        by=coordinator,
    )

    assert (survey.recipient_name, survey.recipient_email, survey.period) == ("Pat Lee", "pat@f.test", "Fall 2026")
    assert survey.link.purpose == feedback.FEEDBACK_LINK
    assert survey.link.feedback_request == survey
    assert survey.link.expires_at - timezone.now() > days(29)
    assert survey.created_by == coordinator


def test_a_partner_survey_needs_a_contact_a_term_and_the_end_of_term_occasion():
    partnership = active_partnership()

    with pytest.raises(ValidationError) as error:
        feedback.feedback_request_create(partnership=partnership, audience="partner", occasion="midpoint")

    assert set(error.value.message_dict) == {"contact", "period", "occasion"}
    assert "Name the term" in error.value.message_dict["period"][0]
    assert not SignedLink.objects.exists()


def test_a_partner_survey_refuses_someone_from_another_organization():
    partnership = active_partnership(business__name="Finch Labs")
    stranger = ContactFactory(first_name="Sam", last_name="Else")

    with pytest.raises(ValidationError) as error:
        feedback.feedback_request_create(
            partnership=partnership, audience="partner", occasion="term", contact=stranger, period="Fall"
        )

    assert error.value.message_dict["contact"] == ["Sam Else does not work at Finch Labs: choose someone there."]


def test_a_mentor_survey_defaults_to_the_placements_mentor(placement):
    survey = feedback.feedback_request_create(
        partnership=placement.partnership, audience="mentor", occasion="midpoint", placement=placement
    )

    assert survey.contact == placement.mentor
    assert (survey.recipient_name, survey.recipient_email) == ("Ana Mentor", "ana.mentor@example.test")


def test_a_student_survey_names_the_student_briefly_and_emails_nobody(placement, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        survey = feedback.feedback_request_create(
            partnership=placement.partnership, audience="student", occasion="end", placement=placement
        )

    assert (survey.recipient_name, survey.recipient_email) == ("Daisy O.", "")
    assert survey.contact is None
    assert mail.outbox == []
    assert survey.link.emailed_at is None


def test_placement_surveys_need_a_started_placement_of_the_partnership_and_a_placement_occasion(placement):
    other = PlacementFactory(status=Placement.Status.ACTIVE)
    with pytest.raises(ValidationError) as error:
        feedback.feedback_request_create(
            partnership=placement.partnership, audience="mentor", occasion="term", placement=other
        )
    assert "is not part of" in error.value.message_dict["placement"][0]
    assert "midpoint or end" in error.value.message_dict["occasion"][0]

    placement.status = Placement.Status.APPROVED
    placement.save()
    with pytest.raises(ValidationError) as error:
        feedback.feedback_request_create(
            partnership=placement.partnership, audience="student", occasion="end", placement=placement
        )
    assert error.value.message_dict["placement"] == ["Surveys are for placements that have started: this one has not."]

    with pytest.raises(ValidationError) as error:
        feedback.feedback_request_create(partnership=placement.partnership, audience="mentor", occasion="end")
    assert error.value.message_dict["placement"] == ["Choose the placement the survey is about."]


def test_a_mentor_survey_needs_a_mentor(placement):
    # Only a finished placement can be without one: a placement under way keeps its mentor.
    placement.status, placement.mentor = Placement.Status.COMPLETED, None
    placement.save()

    with pytest.raises(ValidationError, match="has no mentor yet"):
        feedback.feedback_request_create(
            partnership=placement.partnership, audience="mentor", occasion="end", placement=placement
        )


def test_an_unknown_audience_is_refused():
    with pytest.raises(ValidationError) as error:
        feedback.feedback_request_create(partnership=active_partnership(), audience="parent", occasion="term")
    assert "audience" in error.value.message_dict


def test_a_second_survey_for_the_same_person_and_occasion_is_refused_plainly(placement):
    fields = {
        "partnership": placement.partnership,
        "audience": "mentor",
        "occasion": "midpoint",
        "placement": placement,
    }
    feedback.feedback_request_create(**fields)

    with pytest.raises(ValidationError) as error:
        feedback.feedback_request_create(**fields)

    assert error.value.messages == [
        "This placement's mentor already has a placement midpoint survey: open it from the feedback list instead."
    ]
    assert FeedbackRequest.objects.count() == 1
    assert SignedLink.objects.count() == 1


def test_a_second_term_survey_for_the_same_contact_is_refused():
    partnership = active_partnership()
    contact = ContactFactory(organization=partnership.business, first_name="Pat", last_name="Lee")
    fields = {"partnership": partnership, "audience": "partner", "occasion": "term", "contact": contact}
    feedback.feedback_request_create(**fields, period="Fall 2026")

    with pytest.raises(ValidationError, match="Pat Lee already has a survey about Fall 2026"):
        feedback.feedback_request_create(**fields, period="Fall 2026")
    feedback.feedback_request_create(**fields, period="Spring 2027")  # another term is fine

    assert FeedbackRequest.objects.count() == 2


def test_a_duplicate_that_slips_past_the_check_is_caught_by_the_constraint(placement):
    fields = {"partnership": placement.partnership, "audience": "mentor", "occasion": "end", "placement": placement}
    feedback.feedback_request_create(**fields)

    with (
        mock.patch.object(feedback, "_already_exists", return_value=False),  # a second click at the same moment
        pytest.raises(ValidationError, match="already has a placement end survey"),
    ):
        feedback.feedback_request_create(**fields)

    assert FeedbackRequest.objects.count() == 1
    assert SignedLink.objects.count() == 1  # the second link was rolled back with it


# The email ----------------------------------------------------------------------------------------


def test_the_survey_email_is_sent_once_and_its_subject_names_no_student(placement, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        survey = feedback.feedback_request_create(
            partnership=placement.partnership, audience="mentor", occasion="midpoint", placement=placement
        )

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ana.mentor@example.test"]
    for name in ("Daisy", "Marguerite", "Okonkwo"):
        assert name not in message.subject
    assert "How is the placement going?" in message.subject
    # The token carries a timestamp, so find the address in the email and check where it leads.
    url = re.search(r"\S+/r/\S+/", message.body).group(0)
    assert url.startswith(settings.SITE_URL.rstrip("/") + "/r/")
    assert signed_links.resolve(url.rstrip("/").rsplit("/", 1)[1]) == survey.link
    assert "Daisy O." in message.body and "Okonkwo" not in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and url in html
    survey.link.refresh_from_db()
    assert survey.link.emailed_at is not None

    assert feedback_tasks.send_feedback_request(survey.pk) == 0  # a retry or a duplicate delivery
    assert len(mail.outbox) == 1


def test_the_email_is_not_sent_for_an_answered_or_expired_survey():
    answered = FeedbackResponseFactory().request
    answered.link.used_at = timezone.now()
    answered.link.save()
    expired = FeedbackRequestFactory(link__expires_at=timezone.now() - days(1))

    assert feedback_tasks.send_feedback_request(answered.pk) == 0
    assert feedback_tasks.send_feedback_request(expired.pk) == 0
    assert feedback_tasks.send_feedback_request(999999) == 0
    assert mail.outbox == []


def test_a_failed_send_releases_the_claim_so_a_retry_sends_it():
    survey = FeedbackRequestFactory()
    with (
        mock.patch.object(feedback_emails.EmailMultiAlternatives, "send", side_effect=OSError("smtp down")),
        pytest.raises(OSError),
    ):
        feedback_tasks.send_feedback_request.run(survey.pk)
    survey.link.refresh_from_db()
    assert survey.link.emailed_at is None

    assert feedback_tasks.send_feedback_request.run(survey.pk) == 1
    assert len(mail.outbox) == 1


# Answering ----------------------------------------------------------------------------------------


def answer(survey, **changes):
    fields = {"communication": 4, "organization": 3, "value": 5, "would_recommend": 9, "comments": " Great "}
    return feedback.feedback_submit(request=survey, link=survey.link, **{**fields, **changes})


def test_an_answer_is_saved_and_uses_up_the_link():
    survey = FeedbackRequestFactory()

    response = answer(survey)

    assert (response.communication, response.organization, response.value, response.would_recommend) == (4, 3, 5, 9)
    assert response.comments == "Great"
    survey.link.refresh_from_db()
    assert survey.link.is_used


def test_a_second_answer_through_the_same_link_is_refused():
    survey = FeedbackRequestFactory()
    stale_link = SignedLink.objects.get(pk=survey.link_id)  # what a second window loaded before the first sent
    answer(survey)

    with pytest.raises(ValidationError, match="already been answered"):
        feedback.feedback_submit(
            request=survey, link=stale_link, communication=1, organization=1, value=1, would_recommend=0
        )

    assert FeedbackResponse.objects.get().communication == 4


def test_an_answer_through_an_expired_link_is_refused():
    survey = FeedbackRequestFactory(link__expires_at=timezone.now() - days(1))

    with pytest.raises(ValidationError, match="has expired"):
        answer(survey)

    assert not FeedbackResponse.objects.exists()


def test_ratings_must_be_in_range():
    survey = FeedbackRequestFactory()

    with pytest.raises(ValidationError) as error:
        answer(survey, communication=0, organization=6, value=3, would_recommend=11)

    assert error.value.message_dict == {
        "communication": ["Choose a rating from 1 to 5."],
        "organization": ["Choose a rating from 1 to 5."],
        "would_recommend": ["Choose a number from 0 to 10."],
    }
    survey.link.refresh_from_db()
    assert not survey.link.is_used


def test_a_link_of_another_survey_is_refused():
    survey, other = FeedbackRequestFactory(), FeedbackRequestFactory()

    with pytest.raises(ValidationError, match="does not belong"):
        feedback.feedback_submit(
            request=survey, link=other.link, communication=3, organization=3, value=3, would_recommend=5
        )
    other.link.refresh_from_db()
    assert not other.link.is_used


# The daily sweep ----------------------------------------------------------------------------------


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


# Results ------------------------------------------------------------------------------------------


def answered(partnership, audience, recommend, ratings=(4, 4, 4)):
    survey = FeedbackRequestFactory(partnership=partnership, audience=audience)
    communication, organization, value = ratings
    return FeedbackResponseFactory(
        request=survey, communication=communication, organization=organization, value=value, would_recommend=recommend
    )


def test_the_summary_counts_rates_averages_and_nps():
    partnership = active_partnership()
    for recommend in (10, 9, 8, 6, 0):  # 2 promoters, 2 detractors of 5: NPS 0
        answered(partnership, "partner", recommend, ratings=(5, 4, 3))
    answered(partnership, "mentor", 10, ratings=(2, 2, 2))
    answered(partnership, "mentor", 10, ratings=(4, 4, 4))
    answered(partnership, "mentor", 7, ratings=(3, 3, 3))  # passive: 2 of 3 promoters, NPS 67
    FeedbackRequestFactory(partnership=partnership, audience="student")  # waiting
    FeedbackRequestFactory(partnership=partnership, audience="student", link__expires_at=timezone.now() - days(1))

    summary = feedback_selectors.feedback_summary(FeedbackRequest.objects.all())

    assert (summary["sent"], summary["answered"], summary["waiting"], summary["expired"]) == (10, 8, 1, 1)
    assert summary["response_rate"] == 80
    assert summary["nps"] == round(100 * (4 - 2) / 8)  # 25
    assert summary["communication"] == round((5 * 5 + 2 + 4 + 3) / 8, 1)  # 4.2
    rows = {row["audience"]: row for row in summary["by_audience"]}
    assert rows["partner"]["nps"] == 0
    assert (rows["partner"]["communication"], rows["partner"]["organization"], rows["partner"]["value"]) == (5, 4, 3)
    assert rows["mentor"]["nps"] == 67
    assert rows["mentor"]["communication"] == 3
    assert rows["student"]["nps"] is None and rows["student"]["response_rate"] == 0
    assert (rows["student"]["waiting"], rows["student"]["expired"]) == (1, 1)


def test_the_summary_of_no_surveys_has_no_rates():
    summary = feedback_selectors.feedback_summary(FeedbackRequest.objects.all())

    assert (summary["sent"], summary["response_rate"], summary["nps"], summary["communication"]) == (
        0,
        None,
        None,
        None,
    )
    assert [row["label"] for row in summary["by_audience"]] == ["Partner contact", "Mentor", "Student"]


def test_the_summary_is_one_query(django_assert_num_queries):
    answered(active_partnership(), "partner", 9)
    with django_assert_num_queries(1):
        feedback_selectors.feedback_summary(FeedbackRequest.objects.all())


def test_results_by_partnership_are_one_aggregate_query(django_assert_num_queries):
    first, second = active_partnership(name="Alpha"), active_partnership(name="Beta")
    answered(first, "partner", 10)
    answered(first, "mentor", 0)
    FeedbackRequestFactory(partnership=second)

    with django_assert_num_queries(1):
        rows = [
            feedback_selectors.feedback_row(row)
            for row in feedback_selectors.feedback_by_partnership(FeedbackRequest.objects.all())
        ]

    assert [(r["partnership__name"], r["sent"], r["answered"], r["nps"], r["response_rate"]) for r in rows] == [
        ("Alpha", 2, 2, 0, 100),
        ("Beta", 1, 0, None, 0),
    ]


def test_states_follow_the_answer_and_the_link():
    waiting = FeedbackRequestFactory()
    expired = FeedbackRequestFactory(link__expires_at=timezone.now() - days(1))
    done = FeedbackResponseFactory().request

    assert [feedback_selectors.feedback_state(s) for s in (waiting, expired, done)] == [
        "waiting",
        "expired",
        "answered",
    ]
    for state, survey in (("waiting", waiting), ("expired", expired), ("answered", done)):
        assert list(feedback_selectors.feedback_by_state(FeedbackRequest.objects.all(), state)) == [survey]


def test_the_link_handler_is_registered():
    assert signed_links.handler_for(feedback.FEEDBACK_LINK).__name__ == "feedback_link"
