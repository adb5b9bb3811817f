"""Surveys in the portal (portal/surveys): the ones addressed to the signed-in person, answered once with
the signed link's form (whichever way: answering here closes the emailed link and the other way round);
someone else's survey is a 404; a mentor survey names the student and records that it did."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from accounts import signed_links
from accounts.models import SignedLink
from communications.feedback import services as feedback
from communications.feedback.services import feedback_submit
from communications.models import FeedbackRequest, FeedbackResponse
from partnerships.models import PartnerMembership
from portal import actions
from portal.surveys.actions import items
from students.models import Disclosure, Placement
from tests.factories import (
    ContactFactory,
    FeedbackRequestFactory,
    PlacementFactory,
    SchoolFactory,
    StudentFactory,
    active_partnership,
)
from tests.factories.portal_comms import portal_person

pytestmark = pytest.mark.django_db

Audience = FeedbackRequest.Audience
LIST = reverse("portal:surveys")


def url(survey):
    return reverse("portal:survey", args=[survey.pk])


def answers(**changes):
    return {"communication": "4", "organization": "3", "value": "5", "would_recommend": "9", **changes}


@pytest.fixture
def lincoln(business_a):
    return active_partnership(business=business_a, school=SchoolFactory(name="Lincoln High"))


@pytest.fixture
def me(partner_a, business_a):
    """Partner A's contact at the business: the person surveys are addressed to."""
    return portal_person(business_a, user=partner_a, first_name="Pat", last_name="Partner")


def partner_survey(partnership, contact, **kwargs):
    kwargs.setdefault("period", "Fall 2026")
    return FeedbackRequestFactory(partnership=partnership, contact=contact, recipient_name=contact.full_name, **kwargs)


def mentor_survey(placement, **kwargs):
    return FeedbackRequestFactory(
        partnership=placement.partnership,
        placement=placement,
        contact=placement.mentor,
        audience=Audience.MENTOR,
        occasion=kwargs.pop("occasion", FeedbackRequest.Occasion.MIDPOINT),
        period="",
        **kwargs,
    )


def mentored_by(contact, partnership, first="Marguerite", preferred="Daisy", last="Okonkwo"):
    student = StudentFactory(legal_first_name=first, preferred_first_name=preferred, last_name=last)
    return PlacementFactory(partnership=partnership, student=student, mentor=contact, status=Placement.Status.ACTIVE)


def test_the_list_shows_the_surveys_addressed_to_me(partner_a_client, lincoln, me):
    partner_survey(lincoln, me, period="Fall 2026")
    mentor_survey(mentored_by(me, lincoln))
    response = partner_a_client.get(LIST)
    assertContains(response, "2 surveys to answer")
    assertContains(response, "Partner survey, Fall 2026")
    assertContains(response, "Mentor survey, placement midpoint")
    assertContains(response, "placement of Daisy O.")
    for hidden in ("Marguerite", "Okonkwo"):
        assertNotContains(response, hidden)


def test_the_list_leaves_out_what_is_not_mine_to_answer(partner_a_client, lincoln, me, business_b):
    colleague = portal_person(lincoln.business, role=PartnerMembership.Role.MENTOR)
    partner_survey(lincoln, colleague, period="Colleague's term")
    partner_survey(lincoln, ContactFactory(organization=lincoln.business), period="No account term")
    birch = active_partnership(business=business_b)
    partner_survey(birch, ContactFactory(organization=business_b, user=me.user), period="Birch term")  # me, at B
    answered = partner_survey(lincoln, me, period="Answered term")
    FeedbackResponse.objects.create(request=answered, communication=4, organization=4, value=4, would_recommend=8)
    partner_survey(lincoln, me, period="Expired term", link__expires_at=timezone.now() - datetime.timedelta(days=1))
    partner_survey(lincoln, me, period="Used link term", link__used_at=timezone.now())
    FeedbackRequestFactory(partnership=lincoln, audience=Audience.STUDENT, occasion="midpoint", contact=None)
    response = partner_a_client.get(LIST)
    assertContains(response, "No surveys waiting for you.")
    for absent in ("Colleague", "No account", "Birch", "Answered", "Expired", "Used link"):
        assertNotContains(response, absent)


def test_a_mentor_survey_of_a_placement_i_no_longer_mentor_is_not_mine(partner_a_client, lincoln, me):
    placement = mentored_by(me, lincoln)
    survey = mentor_survey(placement)
    placement.mentor = portal_person(lincoln.business)
    placement.save()
    assertNotContains(partner_a_client.get(LIST), "Mentor survey")
    assert partner_a_client.get(url(survey)).status_code == 404


def test_answering_records_the_answer_and_uses_up_the_emailed_link(partner_a_client, lincoln, me, anon_client):
    survey = partner_survey(lincoln, me)
    response = partner_a_client.get(url(survey))
    assertContains(response, "How did the partnership between Acme Tools and Lincoln High go in Fall 2026?")
    assertContains(response, 'name="would_recommend"', count=11)
    response = partner_a_client.post(url(survey), answers(comments=" Great term. "), follow=True)
    assertRedirects(response, LIST)
    assertContains(response, "Thank you: your answers were sent to the school district.")
    answer = FeedbackResponse.objects.get(request=survey)
    assert (answer.communication, answer.would_recommend, answer.comments) == (4, 9, "Great term.")
    survey.link.refresh_from_db()
    assert survey.link.is_used
    assertContains(anon_client.get(signed_links.path_for(survey.link)), "This link cannot be used", status_code=410)


def test_an_answered_survey_says_so_and_takes_no_second_answer(partner_a_client, lincoln, me):
    survey = partner_survey(lincoln, me)
    partner_a_client.post(url(survey), answers())
    response = partner_a_client.get(url(survey))
    assertContains(response, "This survey was answered on")
    assertNotContains(response, 'name="communication"')
    partner_a_client.post(url(survey), answers(communication="1"))
    assert FeedbackResponse.objects.get(request=survey).communication == 4


def test_answered_through_the_emailed_link_in_another_window_it_is_not_answered_twice(partner_a_client, lincoln, me):
    survey = partner_survey(lincoln, me)
    partner_a_client.get(url(survey))  # the form is open in the portal ...
    feedback_submit(request=survey, link=survey.link, communication=5, organization=5, value=5, would_recommend=10)
    response = partner_a_client.post(url(survey), answers(), follow=True)  # ... and sent after the email's answer
    assertContains(response, "This survey was answered on")
    assert FeedbackResponse.objects.get(request=survey).communication == 5


def test_a_survey_whose_link_was_used_takes_no_answer(partner_a_client, lincoln, me):
    survey = partner_survey(lincoln, me)
    SignedLink.objects.filter(pk=survey.link.pk).update(used_at=timezone.now())
    response = partner_a_client.post(url(survey), answers(), follow=True)
    assertContains(response, "This survey has closed.")
    assert not FeedbackResponse.objects.exists()


def test_an_answer_that_loses_the_claim_on_the_link_saves_nothing(partner_a_client, lincoln, me, monkeypatch):
    """Another window's answer claimed the link between this page's check and its save."""
    survey = partner_survey(lincoln, me)
    monkeypatch.setattr(feedback.signed_links, "claim", lambda link: False)
    response = partner_a_client.post(url(survey), answers())
    assertContains(response, "This survey has already been answered, or its link has expired.")
    assert not FeedbackResponse.objects.exists()


def test_an_invalid_answer_keeps_what_was_chosen(partner_a_client, lincoln, me):
    survey = partner_survey(lincoln, me)
    response = partner_a_client.post(url(survey), answers(value="", comments="Half done"))
    assert response.status_code == 200
    assertContains(response, "Choose a rating from 1 to 5.")
    assertContains(response, 'value="4" checked')
    assertContains(response, "Half done")
    assert not FeedbackResponse.objects.exists()
    survey.link.refresh_from_db()
    assert not survey.link.is_used


def test_an_expired_survey_is_closed(partner_a_client, lincoln, me):
    survey = partner_survey(lincoln, me, link__expires_at=timezone.now() - datetime.timedelta(minutes=1))
    response = partner_a_client.post(url(survey), answers())
    assertContains(response, "This survey has closed.")
    assert not FeedbackResponse.objects.exists()


def test_someone_elses_survey_is_a_404(partner_a_client, lincoln, me, business_b):
    colleagues = partner_survey(lincoln, portal_person(lincoln.business))
    birch = partner_survey(active_partnership(business=business_b), portal_person(business_b))
    for survey in (colleagues, birch):
        assert partner_a_client.get(url(survey)).status_code == 404
        assert partner_a_client.post(url(survey), answers()).status_code == 404
    assert not FeedbackResponse.objects.exists()


def test_a_mentor_survey_names_the_student_and_records_it(partner_a, partner_a_client, lincoln, me):
    placement = mentored_by(me, lincoln)
    survey = mentor_survey(placement, occasion=FeedbackRequest.Occasion.END)
    response = partner_a_client.get(url(survey))
    assertContains(
        response, "Thank you for mentoring Daisy O. at Acme Tools. How is the placement going now that it is over?"
    )
    assertNotContains(response, "Okonkwo")
    disclosure = Disclosure.objects.get()
    assert (disclosure.student, disclosure.placement, disclosure.viewer) == (placement.student, placement, partner_a)
    assert (disclosure.page, disclosure.fields) == ("Surveys", "first name and last initial")


def test_the_list_records_one_disclosure_per_student_named(partner_a_client, lincoln, me):
    mentor_survey(mentored_by(me, lincoln, first="Ann", preferred="", last="One"))
    placement = mentored_by(me, lincoln, first="Bo", preferred="", last="Two")
    mentor_survey(placement, occasion=FeedbackRequest.Occasion.MIDPOINT)
    mentor_survey(placement, occasion=FeedbackRequest.Occasion.END)
    partner_survey(lincoln, me)
    partner_a_client.get(LIST)
    assert sorted(Disclosure.objects.values_list("student__last_name", flat=True)) == ["One", "Two"]


def test_a_partner_survey_records_no_disclosure(partner_a_client, lincoln, me):
    partner_a_client.get(url(partner_survey(lincoln, me)))
    partner_a_client.get(LIST)
    assert not Disclosure.objects.exists()


def test_a_mentor_answers_the_survey_of_their_placement(client, lincoln):
    mentor = portal_person(lincoln.business, role=PartnerMembership.Role.MENTOR)
    survey = mentor_survey(mentored_by(mentor, lincoln))
    client.force_login(mentor.user)
    assertRedirects(client.post(url(survey), answers()), LIST)
    assert FeedbackResponse.objects.filter(request=survey).exists()


def test_the_list_takes_the_same_queries_at_two_sizes(partner_a_client, lincoln, me, django_assert_num_queries):
    def add(n):
        for _ in range(n):
            partner_survey(lincoln, me, period=f"Term {FeedbackRequest.objects.count()}")
            mentor_survey(mentored_by(me, lincoln))

    add(1)
    partner_a_client.get(LIST)
    with django_assert_num_queries(7) as small:
        partner_a_client.get(LIST)
    add(2)
    with django_assert_num_queries(len(small.captured_queries)):
        assertContains(partner_a_client.get(LIST), "6 surveys to answer")


def _home_items(client):
    response = client.get(reverse("portal:home"))
    return [item for item in response.context["actions"] if item.title.startswith("A survey is open")]


def test_an_open_survey_is_on_the_home_page_until_it_is_answered(partner_a_client, lincoln, me):
    survey = mentor_survey(mentored_by(me, lincoln))
    [item] = _home_items(partner_a_client)
    assert item == actions.Action(
        title="A survey is open: Mentor survey, placement midpoint",
        url=url(survey),
        detail="For Lincoln High. Four quick questions.",
        due_on=timezone.localdate(survey.link.expires_at),
    )
    assertContains(partner_a_client.get(reverse("portal:home")), url(survey))
    partner_a_client.post(url(survey), answers())
    assert _home_items(partner_a_client) == []


def test_a_survey_answered_through_the_email_leaves_the_home_page(partner_a_client, lincoln, me):
    survey = partner_survey(lincoln, me)
    assert len(_home_items(partner_a_client)) == 1
    feedback_submit(request=survey, link=survey.link, communication=5, organization=5, value=5, would_recommend=10)
    assert _home_items(partner_a_client) == []


def test_the_home_items_take_one_query_however_many_surveys(partner_a, lincoln, me, rf, django_assert_num_queries):
    for term in ("Fall", "Winter", "Spring"):
        partner_survey(lincoln, me, period=term)
    request = rf.get("/portal/")
    request.user, request.organization = partner_a, lincoln.business
    request.membership = partner_a.memberships.get()
    with django_assert_num_queries(1):
        assert len(items(request)) == 3
