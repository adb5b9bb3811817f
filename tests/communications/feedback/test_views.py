"""The coordinator's feedback pages (communications/feedback/views.py): results and the survey list,
sending a survey, one survey, one partnership's results. Partners get 404, anonymous users the login."""

import datetime
import re

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from accounts import signed_links
from communications.feedback import services as feedback
from communications.models import FeedbackRequest
from students.models import Placement
from tests.factories import (
    ContactFactory,
    FeedbackRequestFactory,
    FeedbackResponseFactory,
    PlacementFactory,
    StudentFactory,
    UserFactory,
    active_partnership,
)

pytestmark = pytest.mark.django_db

LIST = reverse("communications:feedback_list")
CREATE = reverse("communications:feedback_create")


def detail(survey):
    return reverse("communications:feedback_detail", args=[survey.pk])


def results(partnership):
    return reverse("communications:feedback_results", args=[partnership.pk])


@pytest.fixture
def survey():
    return FeedbackRequestFactory(recipient_name="Pat Partner", period="Fall 2026", partnership__name="Finch Labs")


@pytest.fixture
def placement():
    student = StudentFactory(legal_first_name="Marguerite", preferred_first_name="Daisy", last_name="Okonkwo")
    return PlacementFactory(student=student, status=Placement.Status.ACTIVE, mentor__first_name="Ana")


# Who may open the pages ---------------------------------------------------------------------------


def test_partners_get_404_and_anonymous_users_the_login_on_every_feedback_page(survey, partner_a_client, anon_client):
    for url in (LIST, CREATE, detail(survey), results(survey.partnership)):
        assert partner_a_client.get(url).status_code == 404
        response = anon_client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert partner_a_client.post(CREATE + f"?partnership={survey.partnership_id}", {}).status_code == 404


def test_sending_a_survey_needs_the_permission(survey, client):
    viewer = UserFactory()
    viewer.user_permissions.add(Permission.objects.get(codename="view_partnership"))
    client.force_login(viewer)

    assert client.get(LIST).status_code == 200
    assert client.get(CREATE).status_code == 403
    response = client.post(CREATE + f"?partnership={survey.partnership_id}", {"audience": "partner"})
    assert response.status_code == 403
    assert FeedbackRequest.objects.count() == 1


# The list -----------------------------------------------------------------------------------------


def test_the_list_shows_overall_results_partnership_rows_and_surveys(coordinator_client, survey):
    FeedbackResponseFactory(request__partnership=survey.partnership, would_recommend=10, communication=5)

    response = coordinator_client.get(LIST)

    assertContains(response, '<h1 class="h3 mb-0 me-auto">Feedback</h1>', html=False)
    assertContains(response, "Overall results")
    assertContains(response, "50%")  # one of two answered
    assertContains(response, "Results by partnership")
    assertContains(response, results(survey.partnership))
    assertContains(response, "Pat Partner")
    assertContains(response, "Fall 2026")
    assertContains(response, "2 surveys")
    assertContains(response, "Send a survey")


@pytest.mark.parametrize(
    ("state", "shown"), [("answered", "Ana Answered"), ("waiting", "Wes Waiting"), ("expired", "Ed Expired")]
)
def test_the_list_filters_by_status(coordinator_client, state, shown):
    FeedbackResponseFactory(request__recipient_name="Ana Answered")
    FeedbackRequestFactory(recipient_name="Wes Waiting")
    FeedbackRequestFactory(recipient_name="Ed Expired", link__expires_at=timezone.now() - datetime.timedelta(days=1))

    response = coordinator_client.get(LIST, {"state": state})

    assertContains(response, "1 survey<")
    for name in ("Ana Answered", "Wes Waiting", "Ed Expired"):
        (assertContains if name == shown else assertNotContains)(response, name)


def test_the_list_filters_by_partnership_and_audience(coordinator_client, survey, placement):
    mentor = feedback.feedback_request_create(
        partnership=placement.partnership, audience="mentor", occasion="end", placement=placement
    )

    by_partnership = coordinator_client.get(LIST, {"partnership": survey.partnership_id})
    by_audience = coordinator_client.get(LIST, {"audience": "mentor"})

    assertContains(by_partnership, detail(survey))
    assertNotContains(by_partnership, detail(mentor))
    assertContains(by_audience, detail(mentor))
    assertNotContains(by_audience, detail(survey))


def test_the_list_says_what_to_do_when_empty(coordinator_client):
    response = coordinator_client.get(LIST)

    assertContains(response, "No surveys yet.")
    assertContains(response, "Send the first survey")
    assertContains(response, "No surveys sent yet.")

    filtered = coordinator_client.get(LIST, {"state": "answered"})
    assertContains(filtered, "No surveys match these filters.")


def test_a_bad_filter_value_is_ignored_not_an_error(coordinator_client, survey):
    response = coordinator_client.get(LIST, {"state": "nonsense\x00", "partnership": "abc", "page": "x"})

    assert response.status_code == 200


def test_the_list_is_paginated(coordinator_client):
    FeedbackRequestFactory.create_batch(26)

    response = coordinator_client.get(LIST, {"page": 2})

    assertContains(response, "Page 2 of 2")


@pytest.mark.parametrize("size", [2, 12])
def test_the_list_uses_a_fixed_number_of_queries(coordinator_client, django_assert_num_queries, size):
    for _ in range(size):
        FeedbackResponseFactory()
        FeedbackRequestFactory()
    coordinator_client.get(LIST)  # warm the session and permission caches

    # session, user, their permissions, unread notifications (base.html), summary, partnership rows
    # and their count, surveys and their count (the partnership filter is a text field): the same for 2 or 12
    with django_assert_num_queries(9):
        response = coordinator_client.get(LIST)

    assert response.status_code == 200


# Sending a survey ---------------------------------------------------------------------------------


def test_sending_starts_by_choosing_a_partnership(coordinator_client, survey):
    response = coordinator_client.get(CREATE)

    assertContains(response, "Which partnership is the survey about?")
    # A text field with suggestions, not a list of every partnership: typing its name continues with it.
    assertNotContains(response, survey.partnership.name)
    response = coordinator_client.get(CREATE, {"partnership": survey.partnership.name})
    assert response.status_code == 302
    assert response.url == f"{CREATE}?partnership={survey.partnership.pk}"


def test_a_coordinator_sends_a_partner_survey(coordinator_client, coordinator, django_capture_on_commit_callbacks):
    partnership = active_partnership(name="Finch Labs partnership")
    contact = ContactFactory(organization=partnership.business, first_name="Pat", last_name="Lee", email="pat@f.test")
    url = CREATE + f"?partnership={partnership.pk}"
    assertContains(coordinator_client.get(url), "Send a feedback survey about Finch Labs partnership")

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            url, {"audience": "partner", "occasion": "term", "contact": contact.pk, "period": "Fall 2026"}
        )

    survey = FeedbackRequest.objects.get()
    assertRedirects(response, detail(survey), fetch_redirect_response=False)
    assert (survey.contact, survey.period, survey.created_by) == (contact, "Fall 2026", coordinator)
    assert [m.to for m in mail.outbox] == [["pat@f.test"]]
    page = coordinator_client.get(detail(survey))
    assertContains(page, "End of term survey for Pat Lee opened, and emailed to pat@f.test.")


def test_a_survey_with_a_mistake_keeps_what_was_typed(coordinator_client):
    partnership = active_partnership()
    contact = ContactFactory(organization=partnership.business)

    response = coordinator_client.post(
        CREATE + f"?partnership={partnership.pk}",
        {"audience": "partner", "occasion": "midpoint", "contact": contact.pk, "period": "Fall 2026"},
    )

    assert response.status_code == 200
    assertContains(response, "Partner surveys are sent at the end of a term.")
    assertContains(response, 'value="Fall 2026"')
    assertContains(response, f'<option value="{contact.pk}" selected>', html=False)
    assert not FeedbackRequest.objects.exists()


def test_a_duplicate_survey_is_refused_on_the_form(coordinator_client, placement):
    data = {"audience": "mentor", "occasion": "end", "placement": placement.pk}
    url = CREATE + f"?partnership={placement.partnership_id}"
    coordinator_client.post(url, data)

    response = coordinator_client.post(url, data)

    assertContains(response, "already has a placement end survey")
    assert FeedbackRequest.objects.count() == 1


def test_a_placement_link_preselects_the_placement_and_the_mentor(coordinator_client, placement):
    response = coordinator_client.get(CREATE + f"?placement={placement.pk}")

    assertContains(response, f'<option value="{placement.pk}" selected>', html=False)
    assertContains(response, 'value="mentor"  id="id_audience_1" required checked', html=False)


def test_a_student_survey_shows_the_link_to_hand_over(coordinator_client, placement, settings):
    settings.SITE_URL = "https://schoolbridge.example.org"
    response = coordinator_client.post(
        CREATE + f"?partnership={placement.partnership_id}",
        {"audience": "student", "occasion": "midpoint", "placement": placement.pk},
        follow=True,
    )

    survey = FeedbackRequest.objects.get()
    assert survey.recipient_name == "Daisy O."
    assertContains(response, "Nobody was emailed: copy the link below and hand it over.")
    token = re.search(r'value="https://schoolbridge\.example\.org/r/([^/"]+)/" readonly', response.content.decode())
    assert token and signed_links.resolve(token.group(1)) == survey.link
    assertContains(response, "Copy link")
    assert mail.outbox == []


def test_unknown_partnerships_and_placements_are_404(coordinator_client):
    assert coordinator_client.get(CREATE + "?partnership=999999").status_code == 404
    assert coordinator_client.get(CREATE + "?placement=999999").status_code == 404


# One survey ---------------------------------------------------------------------------------------


def test_a_survey_shows_its_status_and_reminders(coordinator_client, survey):
    FeedbackRequest.objects.filter(pk=survey.pk).update(reminders_sent=1)

    response = coordinator_client.get(detail(survey))

    assertContains(response, "End of term survey for Pat Partner")
    assertContains(response, "Waiting")
    assertContains(response, "1 of 2 sent")
    assertContains(response, "No answer yet.")


def test_an_emailed_survey_does_not_show_its_link(coordinator_client, survey):
    survey.link.emailed_at = timezone.now()
    survey.link.save()

    response = coordinator_client.get(detail(survey))

    assertNotContains(response, "/r/")
    assertContains(response, "to pat.partner@example.test")


def test_an_answered_survey_shows_the_answer(coordinator_client):
    answer = FeedbackResponseFactory(comments="Well prepared students.", would_recommend=8)

    response = coordinator_client.get(detail(answer.request))

    assertContains(response, "Answered")
    assertContains(response, "Well prepared students.")
    assertContains(response, "8 of 10")
    assertNotContains(response, "/r/")


def test_an_expired_survey_says_so(coordinator_client):
    survey = FeedbackRequestFactory(link__expires_at=timezone.now() - datetime.timedelta(days=1))

    response = coordinator_client.get(detail(survey))

    assertContains(response, "Expired before anyone answered.")
    assertNotContains(response, "/r/")


def test_an_unknown_survey_is_404(coordinator_client):
    assert coordinator_client.get(reverse("communications:feedback_detail", args=[999999])).status_code == 404


# One partnership's results ------------------------------------------------------------------------


def test_a_partnerships_results_show_each_audience_and_comments_newest_first(coordinator_client, survey):
    partnership = survey.partnership
    older = FeedbackResponseFactory(request__partnership=partnership, comments="Older comment")
    newer = FeedbackResponseFactory(request__partnership=partnership, request__audience="mentor", comments="Newer one")
    FeedbackResponseFactory(request__partnership=partnership, comments="")
    FeedbackResponseFactory(comments="About someone else")
    older.submitted_at = timezone.now() - datetime.timedelta(days=3)
    older.save()

    response = coordinator_client.get(results(partnership))

    assertContains(response, "Feedback about Finch Labs")
    assertContains(response, "Partner contact")
    assertContains(response, "Mentor")
    assertContains(response, "2 comments")
    body = response.content.decode()
    assert body.index(newer.comments) < body.index(older.comments)
    assertNotContains(response, "About someone else")


def test_a_partnership_without_surveys_says_so(coordinator_client):
    partnership = active_partnership()

    response = coordinator_client.get(results(partnership))

    assertContains(response, "No surveys sent yet.")
    assertContains(response, "No comments yet.")


def test_the_log_links_to_feedback(coordinator_client):
    assertContains(coordinator_client.get(reverse("communications:log_list")), f'href="{LIST}"')
