"""The survey behind a signed link (/r/<token>/), as a partner, mentor or student without an account
answers it: open, rate, send, once."""

import datetime

import pytest
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertTemplateUsed

from accounts import signed_links
from accounts.models import SignedLink
from communications.feedback import services as feedback
from communications.models import FeedbackResponse
from students.models import Placement
from tests.factories import FeedbackRequestFactory, PlacementFactory, StudentFactory

pytestmark = pytest.mark.django_db

CANNOT_BE_USED = "This link cannot be used"


@pytest.fixture
def placement():
    student = StudentFactory(legal_first_name="Marguerite", preferred_first_name="Daisy", last_name="Okonkwo")
    return PlacementFactory(
        student=student,
        status=Placement.Status.ACTIVE,
        partnership__business__name="Finch Labs",
        mentor__first_name="Ana",
        mentor__last_name="Mentor",
    )


@pytest.fixture
def mentor_survey(placement):
    return feedback.feedback_request_create(
        partnership=placement.partnership, audience="mentor", occasion="midpoint", placement=placement
    )


def answers(**changes):
    return {"communication": "4", "organization": "3", "value": "5", "would_recommend": "9", **changes}


def test_the_mentor_survey_names_the_student_by_first_name_and_initial_only(anon_client, mentor_survey):
    response = anon_client.get(signed_links.path_for(mentor_survey.link))

    assertTemplateUsed(response, "links/feedback_form.html")
    assertContains(response, "Thank you for mentoring Daisy O. at Finch Labs.")
    assertContains(response, "How likely are you to recommend mentoring a student to a colleague?")
    for hidden in ("Marguerite", "Okonkwo", mentor_survey.placement.student.district_student_id):
        assertNotContains(response, hidden)
    assertContains(response, 'name="communication"', count=5)  # five radios, 1 to 5
    assertContains(response, 'name="would_recommend"', count=11)  # eleven radios, 0 to 10


def test_the_partner_survey_names_the_partnership_and_the_term(anon_client):
    survey = FeedbackRequestFactory(period="Fall 2026", partnership__business__name="Finch Labs")

    response = anon_client.get(signed_links.path_for(survey.link))

    assertContains(response, f"between Finch Labs and {survey.partnership.school.name} go in Fall 2026?")
    assertContains(response, "How likely are you to recommend partnering with the school to another business?")


def test_answering_saves_the_answer_and_thanks(anon_client, mentor_survey):
    response = anon_client.post(signed_links.path_for(mentor_survey.link), answers(comments="Keen and careful."))

    assertTemplateUsed(response, "links/feedback_thanks.html")
    saved = FeedbackResponse.objects.get(request=mentor_survey)
    assert (saved.communication, saved.organization, saved.value, saved.would_recommend) == (4, 3, 5, 9)
    assert saved.comments == "Keen and careful."


def test_a_missing_rating_shows_the_form_again_with_what_was_typed(anon_client, mentor_survey):
    response = anon_client.post(
        signed_links.path_for(mentor_survey.link), answers(value="", comments="Keen and careful.")
    )

    assertTemplateUsed(response, "links/feedback_form.html")
    assertContains(response, "Choose a rating from 1 to 5.")
    assertContains(response, 'value="4" checked')  # communication, as chosen
    assertContains(response, 'value="9" checked')  # would recommend, as chosen
    assertContains(response, "Keen and careful.")
    assert not FeedbackResponse.objects.exists()
    mentor_survey.link.refresh_from_db()
    assert not mentor_survey.link.is_used


def test_an_out_of_range_answer_is_refused(anon_client, mentor_survey):
    response = anon_client.post(signed_links.path_for(mentor_survey.link), answers(would_recommend="11"))

    assertContains(response, "Choose a number from 0 to 10.")
    assert not FeedbackResponse.objects.exists()


def test_a_used_link_says_so_and_changes_nothing(anon_client, mentor_survey):
    path = signed_links.path_for(mentor_survey.link)
    anon_client.post(path, answers())

    response = anon_client.post(path, answers(communication="1"))

    assert response.status_code == 410
    assertContains(response, CANNOT_BE_USED, status_code=410)
    assertContains(response, "already been used", status_code=410)
    assert FeedbackResponse.objects.get().communication == 4


def test_an_expired_link_says_so(anon_client):
    survey = FeedbackRequestFactory(link__expires_at=timezone.now() - datetime.timedelta(minutes=1))

    response = anon_client.get(signed_links.path_for(survey.link))

    assertContains(response, "This link has expired", status_code=410)


def test_a_changed_token_opens_nothing(anon_client, mentor_survey):
    path = signed_links.path_for(mentor_survey.link)

    response = anon_client.get(path[:-3] + "xyz/")

    assertContains(response, CANNOT_BE_USED, status_code=404)
    assertNotContains(response, "Finch Labs", status_code=404)


def test_a_feedback_link_without_a_survey_opens_nothing(anon_client):
    survey = FeedbackRequestFactory()
    link = survey.link
    survey.link = None
    survey.save()

    response = anon_client.get(signed_links.path_for(link))

    assertContains(response, CANNOT_BE_USED, status_code=404)


def test_answering_in_two_windows_keeps_the_first(anon_client, mentor_survey, monkeypatch):
    """The second window passed the link check before the first window's answer was saved."""
    path = signed_links.path_for(mentor_survey.link)
    stale = SignedLink.objects.get(pk=mentor_survey.link_id)  # as the second window found it: unused
    anon_client.post(path, answers(communication="2"))  # the first window
    monkeypatch.setattr(signed_links, "resolve", lambda token: stale)

    response = anon_client.post(path, answers())

    assertContains(response, "already been used", status_code=410)
    assert FeedbackResponse.objects.get().communication == 2


def test_the_survey_fits_a_phone(anon_client, mentor_survey):
    response = anon_client.get(signed_links.path_for(mentor_survey.link))

    assertContains(response, 'name="viewport" content="width=device-width, initial-scale=1"')
    assertContains(response, "d-flex flex-wrap", count=4)  # the radio groups wrap rather than scroll
