"""The evaluation link, as a mentor or a student without an account uses it: open, score, send, once."""

import datetime

import pytest
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertTemplateUsed

from accounts import signed_links
from accounts.models import SignedLink
from students import disclosures, services
from students.models import Disclosure, Evaluation, Placement, Rating
from tests.factories import LearningGoalFactory, SignedLinkFactory, StudentFactory, ready_placement

pytestmark = pytest.mark.django_db

CANNOT_BE_USED = "This link cannot be used"


@pytest.fixture
def student():
    return StudentFactory(
        legal_first_name="Marguerite",
        preferred_first_name="Daisy",
        last_name="Okonkwo",
        district_student_id="DSID-48213",
        date_of_birth=datetime.date(2009, 3, 14),
    )


@pytest.fixture
def placement(student):
    return ready_placement(
        student=student,
        status=Placement.Status.ACTIVE,
        partnership__business__name="Finch Labs",
        mentor__first_name="Ana",
        mentor__last_name="Mentor",
    )


@pytest.fixture
def goals(placement):
    return [
        LearningGoalFactory(placement=placement, text="Explain a wiring diagram to a customer", skill="Communication"),
        LearningGoalFactory(placement=placement, text="Solder a board to spec", skill="Electronics"),
    ]


@pytest.fixture
def mentor_link(placement, goals, coordinator):
    return services.evaluation_link_create(placement=placement, evaluator="mentor", phase="midpoint", by=coordinator)


@pytest.fixture
def student_link(placement, goals, coordinator):
    return services.evaluation_link_create(placement=placement, evaluator="student", phase="final", by=coordinator)


def answers(goals, scores=(2, 4), **extra):
    data = {"evaluator_name": "Ana Mentor", "overall_comments": "Keen and careful."}
    for goal, score in zip(goals, scores, strict=True):
        data[f"score_{goal.pk}"] = str(score)
        data[f"comment_{goal.pk}"] = f"Comment on {goal.skill}"
    return {**data, **extra}


def test_the_mentor_form_shows_the_learning_goals_and_the_partner_name(anon_client, mentor_link, goals):
    response = anon_client.get(signed_links.path_for(mentor_link))

    assertTemplateUsed(response, "links/evaluation_form.html")
    assertContains(response, "Midpoint evaluation")
    assertContains(response, "How is Daisy O. doing at Finch Labs?")
    for goal in goals:
        assertContains(response, goal.text)
        assertContains(response, f'name="score_{goal.pk}"', count=4)  # four radios, 1 to 4
    assertContains(response, 'value="Ana Mentor"')  # the mentor's name, filled in


def test_the_form_never_shows_the_legal_name_or_date_of_birth(anon_client, mentor_link, student):
    response = anon_client.get(signed_links.path_for(mentor_link))

    assert response.status_code == 200
    for private in (
        "Marguerite",
        "Okonkwo",
        "DSID-48213",
        "2009-03-14",
        "14 Mar 2009",
        "March 14, 2009",
        "Mar. 14, 2009",
        "14/03/2009",
        "03/14/2009",
    ):
        assertNotContains(response, private)


def test_the_student_form_asks_for_no_name_and_names_nobody(anon_client, student_link):
    response = anon_client.get(signed_links.path_for(student_link))

    assertContains(response, "Final evaluation")
    assertContains(response, "How is your placement at Finch Labs going?")
    assertNotContains(response, 'name="evaluator_name"')
    assertNotContains(response, "Okonkwo")


def test_sending_scores_for_every_goal_saves_the_evaluation_and_thanks(anon_client, mentor_link, placement, goals):
    response = anon_client.post(signed_links.path_for(mentor_link), answers(goals))

    assertContains(response, "Thank you")
    assertTemplateUsed(response, "links/evaluation_thanks.html")
    evaluation = Evaluation.objects.get()
    assert (evaluation.placement, evaluation.evaluator, evaluation.phase) == (placement, "mentor", "midpoint")
    assert (evaluation.evaluator_name, evaluation.overall_comments) == ("Ana Mentor", "Keen and careful.")
    assert evaluation.submitted_by is None
    ratings = list(evaluation.ratings.order_by("learning_goal_id").values_list("learning_goal_id", "score", "comment"))
    assert ratings == [
        (goals[0].pk, 2, "Comment on Communication"),
        (goals[1].pk, 4, "Comment on Electronics"),
    ]
    assert SignedLink.objects.get(pk=mentor_link.pk).is_used


def test_a_student_evaluation_is_saved_under_the_students_first_name(anon_client, student_link, goals):
    anon_client.post(signed_links.path_for(student_link), answers(goals, (3, 3)))

    evaluation = Evaluation.objects.get()
    assert (evaluation.evaluator, evaluation.phase, evaluation.evaluator_name) == ("student", "final", "Daisy")
    assert evaluation.ratings.count() == 2


def test_a_second_post_through_the_same_link_is_refused_and_saves_nothing(anon_client, mentor_link, goals):
    url = signed_links.path_for(mentor_link)
    anon_client.post(url, answers(goals))
    used_at = SignedLink.objects.get(pk=mentor_link.pk).used_at

    response = anon_client.post(url, answers(goals, (1, 1)))

    assertContains(response, CANNOT_BE_USED, status_code=410)
    assertContains(response, "already been used", status_code=410)
    assert Evaluation.objects.count() == 1
    assert sorted(Rating.objects.values_list("score", flat=True)) == [2, 4]
    assert SignedLink.objects.get(pk=mentor_link.pk).used_at == used_at


def test_a_second_browser_that_opened_the_form_before_the_first_sent_is_refused(
    anon_client, client, mentor_link, goals
):
    url = signed_links.path_for(mentor_link)
    assert client.get(url).status_code == 200  # the second browser has the form open
    anon_client.post(url, answers(goals))

    response = client.post(url, answers(goals, (1, 1)))

    assert response.status_code == 410
    assert Evaluation.objects.count() == 1


def test_missing_scores_show_form_errors_and_leave_the_link_unused(anon_client, mentor_link, goals):
    data = answers(goals)
    del data[f"score_{goals[1].pk}"]

    response = anon_client.post(signed_links.path_for(mentor_link), data)

    assert response.status_code == 200
    assertTemplateUsed(response, "links/evaluation_form.html")
    assertContains(response, "Choose a score from 1 to 4.", count=1)
    assert response.context["form"].errors.keys() == {f"score_{goals[1].pk}"}
    assertContains(response, "Comment on Communication")  # what was typed is kept
    assert not Evaluation.objects.exists()
    assert SignedLink.objects.get(pk=mentor_link.pk).used_at is None


@pytest.mark.parametrize("score", ["0", "5", "three"])
def test_a_score_outside_1_to_4_is_a_form_error(score, anon_client, mentor_link, goals):
    data = answers(goals, **{f"score_{goals[0].pk}": score})

    response = anon_client.post(signed_links.path_for(mentor_link), data)

    assert response.status_code == 200
    assert f"score_{goals[0].pk}" in response.context["form"].errors
    assert not Evaluation.objects.exists()
    assert SignedLink.objects.get(pk=mentor_link.pk).used_at is None


def test_a_placement_cancelled_since_the_link_was_sent_shows_why_and_keeps_the_link(
    anon_client, mentor_link, placement, goals
):
    Placement.objects.filter(pk=placement.pk).update(status=Placement.Status.CANCELLED, cancel_reason="Moved away.")

    response = anon_client.post(signed_links.path_for(mentor_link), answers(goals))

    assertContains(response, "Evaluations are for placements that have started.")
    assert not Evaluation.objects.exists()
    assert SignedLink.objects.get(pk=mentor_link.pk).used_at is None


def test_an_expired_link_answers_410(anon_client, mentor_link, goals):
    SignedLink.objects.filter(pk=mentor_link.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    url = signed_links.path_for(mentor_link)

    for response in (anon_client.get(url), anon_client.post(url, answers(goals))):
        assertContains(response, CANNOT_BE_USED, status_code=410)
        assertContains(response, "has expired", status_code=410)
        assertNotContains(response, "Daisy", status_code=410)
    assert not Evaluation.objects.exists()


def test_a_link_made_by_the_factory_opens_the_same_form(anon_client, placement, goals):
    link = SignedLinkFactory(placement=placement, evaluator="student", phase="final")

    response = anon_client.get(signed_links.path_for(link))

    assertContains(response, "Final evaluation")
    assertContains(response, goals[0].text)


# The disclosure log ----------------------------------------------------------------------------------


def test_the_mentors_form_records_that_the_link_showed_the_student(anon_client, mentor_link, placement):
    anon_client.get(signed_links.path_for(mentor_link))

    [row] = Disclosure.objects.all()
    assert (row.student, row.placement, row.organization) == (
        placement.student,
        placement,
        placement.partnership.business,
    )
    assert (row.viewer, row.link, row.viewer_name) == (None, mentor_link, "Ana Mentor")
    assert (row.page, row.fields) == (
        "Evaluation form (signed link)",
        f"{disclosures.NAME}, {disclosures.GOALS}",
    )


def test_each_showing_of_the_form_is_recorded_once(anon_client, mentor_link, goals):
    url = signed_links.path_for(mentor_link)
    anon_client.get(url)
    data = answers(goals)
    del data[f"score_{goals[0].pk}"]
    anon_client.post(url, data)  # shown again, with the error

    assert Disclosure.objects.filter(link=mentor_link).count() == 2


def test_a_students_own_link_discloses_nothing_to_a_business(anon_client, student_link):
    anon_client.get(signed_links.path_for(student_link))

    assert not Disclosure.objects.exists()


def test_a_link_that_cannot_be_used_shows_nothing_and_records_nothing(anon_client, mentor_link):
    SignedLink.objects.filter(pk=mentor_link.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))

    anon_client.get(signed_links.path_for(mentor_link))

    assert not Disclosure.objects.exists()
