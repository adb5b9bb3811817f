"""Answering a survey: one answer per link."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import SignedLink
from communications.feedback import services as feedback
from communications.models import FeedbackResponse
from tests.communications.feedback.helpers import days
from tests.factories import (
    FeedbackRequestFactory,
)

pytestmark = pytest.mark.django_db


# Answering -------------------------------------------------------------------------------------------


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
