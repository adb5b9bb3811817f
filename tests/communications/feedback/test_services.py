"""Creating a survey (communications/feedback/services.py): who may be asked and when, once."""

from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import SignedLink
from communications.feedback import services as feedback
from communications.models import FeedbackRequest
from students.models import Placement
from tests.communications.feedback.helpers import days
from tests.factories import (
    ContactFactory,
    PlacementFactory,
    active_partnership,
)

pytestmark = pytest.mark.django_db


# Creating a survey -----------------------------------------------------------------------------------


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
